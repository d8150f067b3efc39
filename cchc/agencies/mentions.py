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

from cchc.agencies.normalize import head_noun, key, normalize
from cchc.agencies.registry import Registry
from cchc.record import record

_SEGMENT = re.compile(r"[;\n]+")
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d+[.)])\s*")
_MID_BULLET = re.compile(r"\s+[-–]\s+(?=\w)")
_LIST_SEP = re.compile(r",\s*|\s+và\s+")
_TRIM = " \t.,;:"
_PAREN = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)\s*(?P<rest>.*)$")
_COUNT = re.compile(r"^(?P<count>\d+)\s+(?P<rest>\S.*)$")
_EXPAND = re.compile(r"^(?P<head>[^:]+?)\s*:\s*(?P<items>.+)$", re.DOTALL)
_PLURAL = re.compile(r"^(?:các|những)\s", re.IGNORECASE)
_OPENS = re.compile(r"^[\s\-–•+*]*(?P<head>[^:;\n]+?)\s*:")
# Heads whose list items are whole names (`Các cơ quan: Công an tỉnh, Thanh tra tỉnh`), as keys.
_GENERIC = {"co quan", "don vi", "co quan don vi", "dia phuong", "to chuc", "co quan to chuc", "thanh vien"}
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
    """The mentions of an item's agency list (each entry may itself hold several).

    A list head carries over to the next entries (`Các Sở: Tài chính`, `Công Thương`, …: a cell
    split on `;` by an older import), as it does over `;` inside one cell.
    """
    out: list[Mention] = []
    head: str | None = None
    for cell in cells:
        mentions = read_cell(cell, registry)
        if head is not None and not any(m.resolved for m in mentions):
            under = _under_head(head, _BULLET.sub("", normalize(cell)).strip(_TRIM), registry)
            if under is not None:
                out.extend(under)
                continue
        head = opens_list(cell) if ":" in cell else None
        out.extend(mentions)
    return tuple(out)


def opens_list(text: str) -> str | None:
    """The noun a cell's list head gives the names after it (`Các Sở: …` → `Sở`, `Các cơ quan: …` → ""),
    or None when the cell does not start such a list."""
    match = _OPENS.match(normalize(text))
    return _list_head(match["head"]) if match else None


def expand_entries(entries: list[str], registry: Registry) -> list[str] | None:
    """Agency list entries with every collective list spelled out, one agency per entry, or None
    when there is none: `Các Sở: Tài chính; Công Thương; Văn hóa, Thể thao và Du lịch` (one entry or
    three) → `Sở Tài chính`, `Sở Công Thương`, `Sở Văn hóa, Thể thao và Du lịch`. Known agencies get
    the registry's name; commas inside a known name are kept (longest known run first)."""
    out: list[str] = []
    head: str | None = None
    changed = False
    for entry in entries:
        head, listed = _in_list(head, _BULLET.sub("", normalize(entry)).strip(_TRIM), registry)
        if listed is None:
            out.append(entry)
            continue
        out.extend(_name(m) for m in listed)
        changed = True
    return out if changed else None


def _in_list(head: str | None, segment: str, registry: Registry) -> tuple[str | None, list[Mention] | None]:
    """A segment (a part of a cell between `;`/lines, or a list entry) read as part of a collective
    list: the list head in force after it, and the names it gives (None when it is in no list)."""
    listed = _EXPAND.match(segment)
    noun = _list_head(listed["head"]) if listed else None
    if listed and noun is not None:
        return noun, expand_items(noun, listed["items"], registry)
    under = _under_head(head, segment, registry) if head is not None else None
    return (head if under is not None else None), under


def _name(mention: Mention) -> str:
    return mention.agency or mention.text


def expand_items(noun: str, items: str, registry: Registry) -> list[Mention]:
    """The names of a collective list under its head noun (`Sở` + `Tư pháp, Nội vụ và Y tế`).

    Pieces between `,`/`và` are joined into the longest runs the registry knows, with or without
    the head noun (`Văn hóa, Thể thao và Du lịch` stays whole); a piece it does not know is one
    agency, named with the head noun unless it has a head noun of its own (`Hội Nông dân tỉnh`).
    """
    pieces, seps = _split_list(items)
    n = len(pieces)
    out: list[Mention] = []
    i = 0
    while i < n:
        found: tuple[int, Mention] | None = None
        for j in range(n, i, -1):
            text = _join(pieces, seps, i, j)
            if not text:
                continue
            agency = (registry.lookup(f"{noun} {text}") if noun else None) or registry.lookup(text)
            if agency is not None:
                found = (j, Mention(text, agency.name))
                break
        if found is None:
            piece = pieces[i].strip(_TRIM)
            if piece:
                out.append(Mention(_qualify(noun, piece)))
            i += 1
            continue
        out.append(found[1])
        i = found[0]
    return out


def _qualify(noun: str, piece: str) -> str:
    """`Ngoại vụ` under `Sở` is `Sở Ngoại vụ`; a name with a head noun of its own stays as it is."""
    if not noun or head_noun(piece) is not None:
        return piece
    return f"{noun[:1].upper()}{noun[1:]} {piece}"


def _list_head(head: str) -> str | None:
    """`Các Sở` → `Sở`, `UBND các huyện` → `UBND huyện`, `Các cơ quan` → "" (items are full names);
    None when the words before a colon are not a collective's head (`Sở Tư pháp: chủ trì …`)."""
    words = _BULLET.sub("", head).strip(_TRIM).split()
    if not words or len(words) > 4:
        return None
    plural = any(w.casefold() in ("các", "những") for w in words)
    noun = " ".join(w for w in words if w.casefold() not in ("các", "những"))
    if not noun:
        return None
    if key(noun) in _GENERIC:
        return ""
    if head_noun(noun) is None or not (plural or key(noun) == head_noun(noun)):
        return None
    return noun


def _under_head(head: str, segment: str, registry: Registry) -> list[Mention] | None:
    """A segment after a list head's line: its names, or None when it starts something else
    (an agency known by itself, or a name with a head noun of its own)."""
    if not segment:
        return None
    whole = _single(f"{head} {segment}", registry) if head else None
    if whole is not None:
        return [Mention(segment, whole.agency, whole.qualifiers, whole.unit)]
    if _single(segment, registry) is not None or head_noun(segment) is not None:
        return None
    return expand_items(head, segment, registry)


def _read(text: str, registry: Registry) -> list[Mention]:
    out: list[Mention] = []
    head: str | None = None  # `Các Sở: Y tế; Giáo dục và Đào tạo`: the list head carries over `;` and lines
    for raw in _SEGMENT.split(normalize(text)):
        segment = _BULLET.sub("", raw).strip(_TRIM)
        if not segment:
            continue
        if raw.rstrip().endswith(":") and _list_head(segment) is not None:
            head = _list_head(segment)  # `Các Sở:` on a line of its own, the names on the next lines
            continue
        head, listed = _in_list(head, segment, registry)
        if listed is not None:
            out.extend(listed)
            continue
        whole = _single(segment, registry)
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
        group = registry.plural_of.get(agency.name)
        if group is not None and _PLURAL.match(text):
            return Mention(text, group)
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
        if _bare_noun(head.strip(_TRIM)):
            continue  # `Phòng Cải cách hành chính` is a unit of its own, not `(các) phòng` + a qualifier
        found = _single(head.strip(_TRIM), registry)
        if found is not None and found.agency:
            rest = " ".join(words[end:]).strip(_TRIM)
            return Mention(text, found.agency, (*found.qualifiers, rest), found.unit)
    return None


def _bare_noun(text: str) -> bool:
    """A head noun alone, singular (`Phòng`, `Sở`): never a known agency by itself."""
    if text.count(" ") > 2 or _PLURAL.match(text):  # head nouns are one to three words
        return False
    return head_noun(text) == key(text)


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
    listed = _EXPAND.match(segment)
    noun = _list_head(listed["head"]) if listed else None
    if listed is None or noun is None:
        return None
    return expand_items(noun, listed["items"], registry) or None
