"""Reading agency cells into mentions: which agencies a lead/coordination cell names, and how.

A cell is split into segments on `;`, line breaks and bullets (`- …`). A segment is one agency
when the registry knows it whole, which keeps commas and `và` inside names
(`Sở Văn hóa, Thể thao và Du lịch`). Otherwise it is split on `,` and `và` (outside
parentheses) into the longest runs the registry knows; a bare tail is completed from the
previous agency (`UBND cấp huyện, cấp xã`), and `Các Sở: Tư pháp, Tài chính` is expanded.
What follows a known name is kept as a qualifier (`có liên quan`, `chủ trì đối với …`),
a parenthesised unit as a sub-unit (`Văn phòng UBND tỉnh (Ban Tiếp công dân tỉnh)`).
Text the registry cannot read stays as text in an unresolved mention, to be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cchc.agencies.normalize import normalize
from cchc.agencies.registry import Agency, Registry
from cchc.record import record

_SEGMENT = re.compile(r"[;\n]+")
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d+[.)])\s*")
_MID_BULLET = re.compile(r"\s+[-–]\s+(?=\w)")
_LIST_SEP = re.compile(r",\s*|\s+và\s+")
_TRIM = " \t.,;:"
_PAREN = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)\s*(?P<rest>.*)$")
_COUNT = re.compile(r"^(?P<count>\d+)\s+(?P<rest>\S.*)$")
_EXPAND = re.compile(r"^(?P<head>[^:]+?)\s*:\s*(?P<items>.+)$")
_PLURAL = re.compile(r"^(?:các|những)\s+", re.IGNORECASE)
# Words that start the name of a sub-unit (in parentheses after its parent agency).
_UNIT_WORDS = ("ban ", "trung tâm ", "tt ", "phòng ", "chi cục ", "văn phòng ", "đội ", "tổ ", "bộ phận ")


@record
class Mention:
    """One agency named in a cell, or text that names none the registry knows (`agency` None)."""

    text: str
    agency: str | None = None
    qualifiers: tuple[str, ...] = ()
    unit: str | None = None

    @property
    def resolved(self) -> bool:
        return self.agency is not None

    def __str__(self) -> str:
        name = self.agency or self.text
        extra = [f"({self.unit})"] if self.unit else []
        extra += list(self.qualifiers)
        return " ".join([name, *extra])


def read_cell(text: str, registry: Registry) -> tuple[Mention, ...]:
    """The mentions in one agency cell (cached per registry: plans repeat the same cells)."""
    cache: dict[str, tuple[Mention, ...]] = registry.cell_cache
    found = cache.get(text)
    if found is None:
        found = tuple(_read(text, registry))
        cache[text] = found
    return found


def read_cells(cells: Iterable[str], registry: Registry) -> tuple[Mention, ...]:
    """The mentions of an item's agency list (each entry may itself hold several)."""
    return tuple(m for cell in cells for m in read_cell(cell, registry))


def _read(text: str, registry: Registry) -> list[Mention]:
    out: list[Mention] = []
    head = ""  # `Các Sở: Y tế; Giáo dục và Đào tạo`: the list head carries over `;`
    for raw in _SEGMENT.split(normalize(text)):
        segment = _BULLET.sub("", raw).strip(_TRIM)
        if not segment:
            continue
        whole = _single(segment, registry)
        if whole is None and head:
            whole = _single(f"{head} {segment}", registry)
            whole = whole and Mention(segment, whole.agency, whole.qualifiers, whole.unit)
        expanded = _EXPAND.match(segment)
        if expanded:
            head = _PLURAL.sub("", expanded["head"].strip())
        elif whole is None:
            head = ""
        if whole is not None:
            out.append(whole)
            continue
        pieces = _MID_BULLET.split(segment)
        if len(pieces) > 1 and all(_prefix(p.strip(_TRIM), registry) for p in pieces):
            for piece in pieces:
                out.extend(_read_list(piece.strip(_TRIM), registry))
            continue
        out.extend(_read_list(segment, registry))
    return out


def _single(text: str, registry: Registry) -> Mention | None:
    """A mention when `text` is exactly one known agency, maybe with a parenthesised part."""
    agency = registry.lookup(text)
    if agency is not None:
        return Mention(text, agency.name)
    match = _PAREN.match(text)
    if match and not match["rest"]:
        agency = registry.lookup(match["base"])
        if agency is not None:
            inner = match["inner"].strip()
            if registry.lookup(inner) is not None or inner.casefold().startswith(_UNIT_WORDS):
                return Mention(text, agency.name, unit=inner)
            return Mention(text, agency.name, qualifiers=(f"({inner})",))
    return None


def _prefix(text: str, registry: Registry) -> Mention | None:
    """A mention when `text` starts with a known agency: the rest is a qualifier."""
    found = _single(text, registry)
    if found is not None:
        return found
    count = _COUNT.match(text)
    if count:
        inner = _prefix(count["rest"], registry)
        if inner is not None and inner.agency:
            return Mention(text, inner.agency, (count["count"], *inner.qualifiers), inner.unit)
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        head = " ".join(words[:end])
        found = _single(head.strip(_TRIM), registry)
        if found is not None and found.agency:
            rest = " ".join(words[end:]).strip(_TRIM)
            return Mention(text, found.agency, (*found.qualifiers, rest), found.unit)
    return None


def _split_list(text: str) -> tuple[list[str], list[str]]:
    """Pieces between `,`/`và` outside parentheses, and the separators between them."""
    pieces: list[str] = []
    seps: list[str] = []
    depth = 0
    start = 0
    pos = 0
    while pos < len(text):
        char = text[pos]
        depth += (char == "(") - (char == ")")
        if depth == 0:
            match = _LIST_SEP.match(text, pos)
            if match and match.end() > pos and (char == "," or char.isspace()):
                pieces.append(text[start:pos])
                seps.append(match.group(0))
                start = pos = match.end()
                continue
        pos += 1
    pieces.append(text[start:])
    return pieces, seps


def _join(pieces: list[str], seps: list[str], i: int, j: int) -> str:
    out = pieces[i]
    for k in range(i + 1, j):
        out += seps[k - 1] + pieces[k]
    return out.strip(_TRIM)


def _read_list(segment: str, registry: Registry) -> list[Mention]:
    expanded = _expand(segment, registry)
    if expanded is not None:
        return expanded
    pieces, seps = _split_list(segment)
    n = len(pieces)
    out: list[Mention] = []
    unresolved: list[int] = []
    previous: tuple[str, ...] = ()  # the last agency read: canonical name, then as written

    def flush() -> None:
        if unresolved:
            out.append(Mention(_join(pieces, seps, unresolved[0], unresolved[-1] + 1)))
            unresolved.clear()

    i = 0
    while i < n:
        # Longest run of pieces the registry knows whole.
        found = next(
            ((j, m) for j in range(n, i, -1) if (m := _single(_join(pieces, seps, i, j), registry)) is not None),
            None,
        )
        for before in previous if found is None else ():
            completed = _complete(before, pieces[i].strip(_TRIM), registry)
            if completed is not None:
                found = (i + 1, completed)
                break
        if found is None:
            found = _qualified_run(pieces, seps, i, registry)
        if found is None:
            unresolved.append(i)
            i += 1
            continue
        flush()
        j, mention = found
        out.append(mention)
        previous = (mention.agency or "", _join(pieces, seps, i, j))
        i = j
    flush()
    return out


def _qualified_run(pieces: list[str], seps: list[str], i: int, registry: Registry) -> tuple[int, Mention] | None:
    """Pieces i..j-1 as a known agency plus a qualifier; stops where the next piece is readable."""
    n = len(pieces)
    last: tuple[int, Mention] | None = None
    for j in range(i + 1, n + 1):
        mention = _prefix(_join(pieces, seps, i, j), registry)
        if mention is None:
            continue
        if j == n or _prefix(pieces[j].strip(_TRIM), registry) is not None:
            return j, mention
        last = (j, mention)
    return last


def _complete(previous: str, tail: str, registry: Registry) -> Mention | None:
    """`cấp xã` after `UBND cấp huyện` means `UBND cấp xã`: reuse the head of the previous name."""
    words = previous.split()
    first = tail.split()[0].casefold() if tail.split() else ""
    for k in range(len(words) - 1, 0, -1):
        if words[k].casefold() == first:
            agency = registry.lookup(" ".join([*words[:k], tail]))
            if agency is not None:
                return Mention(tail, agency.name)
    return None


def _expand(segment: str, registry: Registry) -> list[Mention] | None:
    """`Các Sở: Tư pháp, Tài chính` → Sở Tư pháp, Sở Tài chính (None when it is not such a list)."""
    match = _EXPAND.match(segment)
    if not match:
        return None
    head = _PLURAL.sub("", match["head"].strip())
    pieces, _seps = _split_list(match["items"])
    out = []
    for piece in pieces:
        piece = piece.strip(_TRIM)
        agency: Agency | None = registry.lookup(f"{head} {piece}") or registry.lookup(piece)
        if agency is None:
            return None
        out.append(Mention(piece, agency.name))
    return out or None
