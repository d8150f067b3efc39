"""Text clean-up shared by every reader: Unicode NFC, HTML removal, whitespace, and the lookup fold.

Official wording is kept verbatim in plan files; these functions derive *readings* of it.
Folding is for lookup only, never for display or storage.
"""

from __future__ import annotations

import html
import re
import unicodedata

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
