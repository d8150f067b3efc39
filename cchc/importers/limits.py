"""Input limits shared by the readers: what an imported file may cost, checked as it is read.

An imported document comes from someone else (a merge request, an e-mail), so nothing it
declares is trusted:

- the source file: a regular file of at most `MAX_BYTES`, read once into memory (`read_limited`);
- a .docx/.xlsx package (`Package`): at most `MAX_MEMBERS` entries and a `MAX_DIRECTORY` central
  directory, checked from the end record before `zipfile` parses it; declared sizes of at most
  `MAX_DECLARED` in all and `MAX_RATIO`:1; only deflate or stored entries; every part read in
  `CHUNK`-sized pieces with a running count of the bytes really inflated — at most `MAX_PART` per
  part, `MAX_READ` per package, and `MAX_RATIO` times the part's compressed size — whatever the
  directory says (Python's `ZipExtFile.read()` inflates up to 1 GiB in one call when asked for a
  whole part, so no part is ever read whole; bytes past a part's declared size are never inflated);
- XML (`Package.events`): streamed through lxml with no DTD (a document declaring one is
  refused), no entity expansion, no network, libxml2's default depth and text-size caps;
- the table (`Budget`): at most `MAX_ROWS` rows, `MAX_COLUMNS` columns, `MAX_CELLS` cells and
  `MAX_TEXT` characters, counted from the cells that exist as they are built — never from a
  declared dimension, a merge or a `gridSpan`.

Every breach is a located `CchcError`: I004 for a package or XML that cannot be read, I006 for
one that is too large. `IMPORT_SECONDS` bounds a whole import (`cchc.bounds.time_limit`, I011).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from cchc.errors import CchcError
from cchc.importers.errors import fail
from cchc.text import thousands

MiB = 1024 * 1024
#: Largest source file read (an annex of a few hundred rows is well under 5 MB).
MAX_BYTES = 50 * MiB
#: Most entries in a .docx/.xlsx package (Word and Excel write 10–50), and largest central directory.
MAX_MEMBERS = 1_000
MAX_DIRECTORY = 1 * MiB
#: Largest total size the package's directory may declare (images included, though never read).
MAX_DECLARED = 200 * MiB
#: Most bytes really inflated from one part, and from all the parts one import reads.
MAX_PART = 16 * MiB
MAX_READ = 64 * MiB
#: Largest ratio of inflated to compressed bytes of a part, checked once it is past `RATIO_FROM`.
MAX_RATIO = 200
RATIO_FROM = 1 * MiB
#: Bytes inflated per read (each `ZipExtFile.read(CHUNK)` inflates at most this much).
CHUNK = 64 * 1024
#: Largest table built from one sheet or document: about 10 times a large real annex (~500 rows of
#: 8-20 columns; the Hà Tĩnh 2024 plan is 93 kB of text in all). Rows include the title rows above
#: the header; in a sheet a run of empty rows counts once. The largest table allowed imports in
#: 12-25 s and < 350 MiB (tests/security/test_tables.py).
MAX_ROWS = 5_000
MAX_COLUMNS = 256
MAX_CELLS = 100_000
MAX_TEXT = 2_000_000
#: Wall-clock seconds for a whole import, and how much its address space may grow (Linux):
#: backstops for what the limits above do not foresee.
IMPORT_SECONDS = 120.0
IMPORT_MEMORY = 1024 * MiB

_OLE = b"\xd0\xcf\x11\xe0"
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


def _mib(size: int) -> str:
    return f"{size / MiB:.1f} MB"


def read_limited(path: Path) -> bytes:
    """The bytes of `path`: a regular file of at most `MAX_BYTES`, not empty (I001, I002, I003)."""
    from cchc.files import read_bytes

    name = str(path)
    try:
        data = read_bytes(path, MAX_BYTES)
    except CchcError as exc:
        problem = exc.problems[0]
        code = "I003" if problem.code == "L011" else "I001"
        raise fail(code, problem.message, name) from None
    if not data.strip():
        raise fail("I002", "tệp rỗng (empty file)", name)
    return data


def _directory_size(data: bytes) -> tuple[int, int] | None:
    """(entries, bytes) of the central directory as the end record declares them (zip64 too), or None."""
    at = len(data) - 22 if data[-22:-18] == _END else data.rfind(_END, max(0, len(data) - 22 - 65_535))
    if at < 0 or len(data) < at + 22:
        return None
    entries, size = struct.unpack("<HI", data[at + 10 : at + 16])
    locator = at - 20
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and locator >= 0 and data[locator : locator + 4] == _END64_LOCATOR:
        (offset,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        record = data[offset : offset + 56]
        if len(record) == 56 and record[:4] == _END64:
            entries, size = struct.unpack("<QQ", record[32:48])
    return entries, size


#: What zipfile, zlib and a truncated stream raise for a package that cannot be read.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, struct.error)


class Package:
    """A .docx/.xlsx package held in memory, every part read through a running count (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        import io

        self.name = str(path)
        data = read_limited(path)
        if data.startswith(_OLE):
            # An encrypted OOXML file is an OLE compound file, not a zip; so is a legacy .doc/.xls.
            raise fail(
                "I005",
                "tệp được đặt mật khẩu hoặc là định dạng Office cũ (password-protected or legacy .doc/.xls file)",
                self.name,
                "gỡ mật khẩu hoặc lưu lại dưới dạng .docx/.xlsx rồi nhập lại",
            )
        directory = _directory_size(data)
        if directory is None:
            raise self.corrupt("không phải tệp Office Open XML (not a zip package)")
        entries, size = directory
        if entries > MAX_MEMBERS or size > MAX_DIRECTORY:
            raise self.too_large(
                f"gói zip có {thousands(entries)} mục, mục lục {_mib(size)} (zip package with too many entries)"
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS as exc:
            raise self.corrupt(f"{type(exc).__name__}: {exc}") from None
        if len(infos) > MAX_MEMBERS:
            raise self.too_large(f"gói zip có {thousands(len(infos))} mục (zip package with too many entries)")
        declared = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if declared > MAX_DECLARED or declared / packed > MAX_RATIO:
            raise self.too_large(
                f"tệp giải nén quá lớn (uncompressed size {_mib(declared)}, ratio {declared // packed}:1 — zip bomb?)"
            )
        self.read_total = 0

    def __enter__(self) -> Package:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.zip.close()

    def corrupt(self, why: str, part: str | None = None) -> CchcError:
        where = f" ({part})" if part else ""
        return fail("I004", f"tệp bị hỏng (corrupted file){where}: {why}", self.name)

    def too_large(self, why: str) -> CchcError:
        return fail("I006", why, self.name, "một phụ lục thật chỉ vài trăm KB; kiểm tra lại tệp")

    def has(self, part: str) -> bool:
        return part in self.zip.NameToInfo

    def chunks(self, part: str) -> Iterator[bytes]:
        """The bytes of `part`, inflated `CHUNK` at a time and counted against the limits."""
        try:
            info = self.zip.getinfo(part)
        except KeyError:
            raise self.corrupt("thiếu phần (missing part)", part) from None
        if info.flag_bits & 0x1:
            raise self.corrupt("phần được mã hoá (encrypted part)", part)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise self.corrupt(f"kiểu nén không hỗ trợ (compression method {info.compress_type})", part)
        size = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > MAX_PART or self.read_total > MAX_READ:
                        limit = MAX_PART if size > MAX_PART else MAX_READ
                        raise self.too_large(f"phần {part} giải nén quá {_mib(limit)} (part inflates past the limit)")
                    if size > RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
                        raise self.too_large(
                            f"phần {part} nén quá mức (compression ratio over {MAX_RATIO}:1 — zip bomb?)"
                        )
                    yield chunk
        except _ZIP_ERRORS as exc:
            raise self.corrupt(f"{type(exc).__name__}: {exc}", part) from None

    def events(self, part: str, *, lookup: Any = None, blank_text: bool = True) -> Iterator[tuple[str, Any]]:
        """("end", element) of `part`'s XML, streamed: each element once it is whole; a DTD or broken
        XML is I004. Callers let go of what they have read (`forget`).

        `lookup`: an lxml element class lookup (python-docx's, for its paragraph and cell classes);
        `blank_text=False` drops whitespace-only text between elements, as python-docx's parser does.
        """
        from lxml import etree

        parser = etree.XMLPullParser(
            events=("end",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            remove_blank_text=not blank_text,
        )
        if lookup is not None:
            parser.set_element_class_lookup(lookup)
        checked = first = False
        try:
            for chunk in self.chunks(part):
                if not first:  # refused before libxml2 reads a declaration (it would count its entities)
                    first = True
                    if _declares_dtd(chunk):
                        raise self.corrupt("có khai báo DTD/thực thể XML (DTD or entity declarations)", part)
                parser.feed(chunk)
                if checked:
                    yield from parser.read_events()
                    continue
                batch = list(parser.read_events())
                if batch:
                    checked = True
                    if batch[0][1].getroottree().docinfo.doctype:
                        raise self.corrupt("có khai báo DTD/thực thể XML (DTD or entity declarations)", part)
                yield from batch
            parser.close()
            yield from parser.read_events()
        except etree.LxmlError as exc:
            raise self.corrupt(f"XML hỏng (malformed XML): {exc}", part) from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, part name) of `part`'s relationships (`""` for the package's own); external ones left out."""
        folder = posixpath.dirname(part)
        rels = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found
        for _, element in self.events(rels):
            target = element.get("Target") or ""
            internal = element.get("TargetMode") != "External" and element.get("Id")
            if local(element.tag) == "Relationship" and internal:
                name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                found[element.get("Id")] = (element.get("Type") or "", name)
            forget(element)
        return found

    def main_part(self, default: str, kinds: tuple[str, ...], what: str) -> str:
        """The package's main part (its `officeDocument` relationship, else `default`), which must be
        of one of `kinds` (words of its content type: `wordprocessingml`, `spreadsheetml` …); I004 if not."""
        main = default
        for kind, name in self.relationships("").values():
            if kind.endswith("/officeDocument") and self.has(name):
                main = name
                break
        types = self.content_types()
        content = types.get("/" + main) or types.get(posixpath.splitext(main)[1].lstrip(".").lower(), "")
        if not self.has(main) or not any(k in content for k in kinds):
            raise self.corrupt(f"không phải {what} ({main}: {content or 'no content type'})")
        return main

    def content_types(self) -> dict[str, str]:
        """`[Content_Types].xml`: part name (`/word/document.xml`) or extension (`xml`) → content type."""
        types: dict[str, str] = {}
        if self.has("[Content_Types].xml"):
            for _, element in self.events("[Content_Types].xml"):
                name = local(element.tag)
                if name == "Override" and element.get("PartName"):
                    types[element.get("PartName")] = element.get("ContentType") or ""
                elif name == "Default" and element.get("Extension"):
                    types[element.get("Extension").lower()] = element.get("ContentType") or ""
                forget(element)
        return types


_ROOT = re.compile(rb"<[A-Za-z_]")


def _declares_dtd(head: bytes) -> bool:
    """Whether the prolog in the first bytes of an XML document has a `<!DOCTYPE` (UTF-8 or UTF-16)."""
    text = head.replace(b"\x00", b"")
    root = _ROOT.search(text)
    return b"<!DOCTYPE" in (text[: root.start()] if root else text)


def local(tag: Any) -> str:
    """An element's name without its namespace (OOXML has two namespace sets: transitional and strict)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def forget(element: Any) -> None:
    """Free a streamed element once read: its content and the siblings read before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class Budget:
    """Rows, cells and characters one table has built so far, refused past the limits (I006)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        self.cells = 0
        self.chars = 0

    def refuse(self, what: str) -> CchcError:
        return fail("I006", f"bảng quá lớn (table too large): {what}", self.name, "một phụ lục thật chỉ có vài nghìn ô")

    def columns(self, width: int) -> None:
        if width > MAX_COLUMNS:
            raise self.refuse(f"{thousands(width)} cột (columns) > {MAX_COLUMNS}")

    def row(self, width: int) -> None:
        self.columns(width)
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise self.refuse(f"hơn {thousands(MAX_ROWS)} dòng (rows)")
        self.add(width)

    def add(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise self.refuse(f"hơn {thousands(MAX_CELLS)} ô (cells)")

    def text(self, chars: int) -> None:
        self.chars += chars
        if self.chars > MAX_TEXT:
            raise self.refuse(f"hơn {thousands(MAX_TEXT)} ký tự (characters)")


def check_ooxml(path: Path) -> None:
    """Refuse a package before a library parses it: not a zip, encrypted, too many entries, or any
    part that inflates past the limits (each part is inflated once, through the running count)."""
    with Package(path) as package:
        for info in package.zip.infolist():
            if not info.is_dir():
                for _ in package.chunks(info.filename):
                    pass
