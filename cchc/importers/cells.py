"""Cleaning one cell's text: HTML removed, words broken by the dump rejoined, agency cells split.

Each function returns the cleaned value and says what it changed, so the structure builder can
record the repair and keep the original text in the item's `source`.
"""

from __future__ import annotations

import re

from cchc.text import clean, has_markup, strip_markup

# A word split by the dump before its last letter: `Thườn g xuyên`, `Côn g`. Only the endings
# `ng`, `nh`, `ch` are rejoined: a lone consonant is never a Vietnamese syllable, whereas a lone
# vowel (`a`, `ý`) or list letter (`điểm c`) may be one.
_BROKEN = re.compile(r"(?<![\w])(\w*\w[nc]) ([gh])(?![\w])")

# Agency lists: `;`, line breaks and bullets separate agencies; commas and `và` never do
# (`Sở Văn hóa, Thể thao và Du lịch`). A bullet is a dash at the start of a line or after `.`/`;`.
_AGENCY_SPLIT = re.compile(r"\s*(?:;|\n|(?<=[.;])\s+[-+•](?=\s))\s*")
_BULLET = re.compile(r"^[-+•*]\s*")


def clean_text(raw: str) -> tuple[str, list[str]]:
    """The cell's text as stored, and the repairs made (beyond whitespace)."""
    repairs: list[str] = []
    text = strip_markup(raw) if has_markup(raw) else clean(raw)
    if text != clean(raw):
        repairs.append("bỏ thẻ HTML/LaTeX (HTML markup removed)")
    fixed = _BROKEN.sub(r"\1\2", text)
    if fixed != text:
        pairs = sorted({m.group(0) for m in _BROKEN.finditer(text)})
        words = ", ".join(f"'{p}' → '{p.replace(' ', '')}'" for p in pairs)
        repairs.append(f"nối chữ bị tách {words} (rejoined a word broken by the dump)")
    return fixed, repairs


def split_agencies(text: str) -> list[str]:
    """One entry per agency, split conservatively on `;`, line breaks and bullets."""
    parts = []
    for part in _AGENCY_SPLIT.split(text):
        part = _BULLET.sub("", part.strip()).strip()
        if part:
            parts.append(part)
    return parts


def join_fragments(first: str, second: str) -> str:
    """Two pieces of one cell split at a page break, rejoined.

    A piece starting with a bullet starts a new line; otherwise the pieces are one sentence.
    """
    if not first:
        return second
    if not second:
        return first
    if _BULLET.match(second.lstrip()) or first.rstrip().endswith(":"):
        return first.rstrip() + "\n" + second.lstrip()
    return first.rstrip() + " " + second.lstrip()
