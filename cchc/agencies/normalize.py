"""Normalisation of agency names: one spelling for display, one key for lookup.

`normalize` gives the display form: HTML and whitespace cleaned (`cchc.text`), NFC, and the
*new* tone-mark style for the open syllables `oa`, `oe`, `uy` (`hoá`→`hóa`, `Uỷ`→`Ủy`,
`thuỷ`→`thủy`, `khoẻ`→`khỏe`). NFC alone does not unify the two styles. The rewrite only moves a
mark from the second vowel of an open `oa/oe/uy` to the first; `quý`/`quỹ` (`qu` is a consonant),
`giữa` (`gi` + `ưa`) and closed syllables (`hoàn`, `khuyến`) are never touched.

`key` is the lookup key (fold: `đ`→`d`, marks dropped, casefolded), further reduced so that
punctuation variants (`KH&CN`, `KH-CN`, `Sở Văn hóa Thể thao …` without its comma), the plural
`các` and `Ủy ban nhân dân`/`UBND` find the same agency. Keys are for lookup only.
"""

from __future__ import annotations

import re
import unicodedata

from cchc.text import fold, strip_markup

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def _toned(bases: str) -> str:
    return "".join(unicodedata.normalize("NFC", b + t) for b in bases for t in _TONES)


# An untoned first vowel, a toned second vowel, no letter after (an open syllable), and no `q`
# before (`qu` is a consonant: `quý`, `quỹ` keep their mark on `y`).
_OLD_STYLE = re.compile(rf"(?<![qQ])(?:[oO][{_toned('aAeE')}]|[uU][{_toned('yY')}])(?![^\W\d_])")
_WORD_CHARS = re.compile(r"[^\w]+")
_AMPERSAND = re.compile(r"\s*&\s*")  # `KH&CN`, `KH & CN` and `KHCN` are one abbreviation
_PHRASES = (("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"), ("co lien quan", "lien quan"))
_DROPPED_WORDS = {"cac"}


def _move_tone(match: re.Match[str]) -> str:
    pair = match.group(0)
    first, second = pair[0], unicodedata.normalize("NFD", pair[1])
    tones = [c for c in second if c in _TONES]
    if not tones:
        return pair
    base = "".join(c for c in second if c not in _TONES)
    return unicodedata.normalize("NFC", first + tones[0]) + unicodedata.normalize("NFC", base)


def tone_style(text: str) -> str:
    """Rewrite old-style tone marks on open `oa/oe/uy` syllables to the new style (`hoá`→`hóa`)."""
    # On NFC text a toned vowel is one code point, which the pattern's classes list.
    return _OLD_STYLE.sub(_move_tone, unicodedata.normalize("NFC", text))


def normalize(text: str) -> str:
    """Display form of a name: markup and spaces cleaned, NFC, new tone-mark style."""
    return tone_style(strip_markup(text))


def key(text: str) -> str:
    """Lookup key: `so tu phap`, `SỞ TƯ PHÁP` and `Sở Tư Pháp` all give `so tu phap`."""
    folded = _AMPERSAND.sub("", fold(strip_markup(text)))
    words = " ".join(w for w in _WORD_CHARS.sub(" ", folded.replace("_", " ")).split() if w not in _DROPPED_WORDS)
    for phrase, short in _PHRASES:
        words = re.sub(rf"\b{phrase}\b", short, words)
    return words


#: The head noun of an agency's name (the kind of body it is), as folded key words, longest first
#: where one starts another (`hoi dong` before `hoi`, `bo phan` before `bo`); abbreviations map to
#: the word they stand for.
_HEADS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "so": "so",
            "ban": "ban",
            "bcd": "ban",
            "van phong": "van phong",
            "vp": "van phong",
            "ubnd": "ubnd",
            "hdnd": "hdnd",
            "trung tam": "trung tam",
            "dang uy": "dang uy",
            "tinh uy": "tinh uy",
            "hoi": "hoi",
            "hoi dong": "hoi dong",
            "cong an": "cong an",
            "thanh tra": "thanh tra",
            "bo": "bo",
            "bo phan": "bo phan",
            "phong": "phong",
            "chi cuc": "chi cuc",
            "cuc": "cuc",
            "vu": "vu",
            "dai": "dai",
            "bao": "bao",
            "to": "to",
            "doan": "doan",
            "tinh doan": "tinh doan",
            "lien minh": "lien minh",
            "lien doan": "lien doan",
            "mat tran": "mat tran",
            "cong chuc": "cong chuc",
            "bo chi huy": "bo chi huy",
            "kho bac": "kho bac",
            "cuc thue": "cuc thue",
            "quy": "quy",
            "truong": "truong",
            "benh vien": "benh vien",
        }.items(),
        key=lambda pair: -len(pair[0]),
    )
)


def head_noun(text: str) -> str | None:
    """What kind of body a name is, by its first words: `Sở Tư pháp` → `so`, `Hội Nông dân tỉnh` →
    `hoi`, `VP UBND tỉnh` → `van phong`, `Ủy ban nhân dân xã` → `ubnd`; None when no known head."""
    words = key(text)
    for head, kind in _HEADS:
        if words == head or words.startswith(head + " "):
            return kind
    return None
