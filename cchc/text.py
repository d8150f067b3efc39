"""Text clean-up shared by every reader: Unicode NFC, HTML removal, whitespace, and the lookup fold.

Official wording is kept verbatim in plan files; these functions derive *readings* of it.
Folding is for lookup only, never for display or storage.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(p|br|li|ul|ol|div|tr)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")
_MANY_NEWLINES = re.compile(r"\s*\n\s*")
# LaTeX as seen in seed 001: `$\geq 80\%$`.
_LATEX = {r"\geq": "≥", r"\leq": "≤", r"\%": "%", r"\times": "×"}
_MATH = re.compile(r"\$([^$]{1,80})\$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_markup(text: str) -> bool:
    """True when the text holds HTML tags or inline LaTeX left over from a document dump."""
    return bool(_TAG.search(text) or _MATH.search(text))


def _unlatex(match: re.Match[str]) -> str:
    body = match.group(1)
    for macro, char in _LATEX.items():
        body = body.replace(macro, char)
    return body.strip()


def strip_markup(text: str) -> str:
    """Remove HTML tags (block tags become line breaks) and inline LaTeX; unescape entities."""
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = _MATH.sub(_unlatex, text)
    if "&" in text:
        import html  # only where an entity can be (html.entities is ~1 ms to import)

        text = html.unescape(text)
    return clean(text)


def clean(text: str) -> str:
    """NFC, one space between words, no blank lines, no spaces at line ends."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _MANY_NEWLINES.sub("\n", text)
    return text.strip()


def fold(text: str) -> str:
    """Lookup key: NFC, `đ`→`d`, marks dropped, casefolded, spaces collapsed.

    `đ` is mapped explicitly because Unicode decomposition does not split it.
    """
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def find_markup(text: str) -> re.Match[str] | None:
    """The first HTML tag or inline LaTeX in the text (where `has_markup` would say True)."""
    found = [m for m in (_TAG.search(text), _MATH.search(text)) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


# Tone-mark placement in open syllables `oa`, `oe`, `uy`: the traditional ("old") style puts the
# mark on the first vowel (hóa, khỏe, thủy, Ủy), the "new" style on the second (hoá, khoẻ, thuỷ,
# Uỷ). Both are in official use, so a plan should pick one; mixing them splits searches. With a
# final consonant (hoàn, thuyết) or after `q` (quý) both styles agree. (Minimal detector for
# `cchc validate`; the agencies package normalises agency names with its own rules.)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_OPEN_RIMES = ("oa", "oe", "uy")
_WORD = re.compile(r"\w+")


def _clusters(word: str) -> tuple[list[str], int | None, str]:
    """NFD letters of a word without their tone mark, the index of the toned letter, and the mark."""
    letters: list[str] = []
    toned: int | None = None
    mark = ""
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS and letters:
            toned, mark = len(letters) - 1, char
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    return letters, toned, mark


@lru_cache(maxsize=65536)  # words repeat: a plan's 50 000 words are a few thousand distinct ones
def tone_style(word: str) -> str | None:
    """`"old"` (hóa, Ủy), `"new"` (hoá, Uỷ), or None when the word's placement says nothing."""
    letters, toned, _ = _clusters(word)
    if toned is None or len(letters) < 2:
        return None
    rime = (letters[-2] + letters[-1]).lower()
    if rime not in _OPEN_RIMES or (len(letters) > 2 and letters[-3].lower() == "q"):
        return None
    if toned == len(letters) - 2:
        return "old"
    if toned == len(letters) - 1:
        return "new"
    return None


def retone(word: str, style: str) -> str:
    """The word with its tone mark placed in `style` ("old" or "new"); other words unchanged."""
    current = tone_style(word)
    if current is None or current == style:
        return word
    letters, toned, mark = _clusters(word)
    assert toned is not None
    target = len(letters) - 1 if style == "new" else len(letters) - 2
    letters[target] += mark
    return nfc("".join(letters))


@lru_cache(maxsize=16384)
def tone_words(text: str) -> tuple[tuple[int, str, str], ...]:
    """Every word whose tone placement shows a style, as (offset, word, style).

    Memoised: the X103 check reads every text twice (the plan's majority, then each word), and
    plans repeat their wording (agency names, `Thường xuyên`, recurring phrases).
    """
    found = []
    for match in _WORD.finditer(text):
        style = tone_style(match.group())
        if style is not None:
            found.append((match.start(), match.group(), style))
    return tuple(found)


def retone_text(text: str, style: str) -> str:
    """Every word of the text with its tone mark placed in `style` ("old" or "new")."""
    return _WORD.sub(lambda m: retone(m.group(), style), text)


def iso(day: date | None) -> str | None:
    """A day as YYYY-MM-DD for machine outputs (JSON), or None."""
    return day.isoformat() if day else None


def days_text(days: int | None) -> str:
    """Days to a deadline as staff say them: `còn 5 ngày`, `hôm nay`, `trễ 3 ngày`."""
    if days is None:
        return ""
    if days == 0:
        return "hôm nay"
    return f"còn {days} ngày" if days > 0 else f"trễ {-days} ngày"


def thousands(value: int) -> str:
    """A count as Vietnamese text and docs/ write it, thousands apart: `10 000 000`."""
    return f"{value:,}".replace(",", " ")
