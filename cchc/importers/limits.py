"""Input limits shared by the readers: size caps, empty files, and zip-bomb guards for .docx/.xlsx."""

from __future__ import annotations

import re
from pathlib import Path

from cchc.files import os_error_text
from cchc.importers.errors import fail

#: Largest source file read (an annex of a few hundred rows is well under 5 MB).
MAX_BYTES = 50 * 1024 * 1024
#: Largest total uncompressed size of an OOXML package, and largest ratio to its compressed size.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 200
#: Most cells a sheet or document table may expand to (an annex is ~500 rows x 20 columns).
MAX_CELLS = 2_000_000
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,9})\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,4})([0-9]{1,9})\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\sref=\"([A-Z]{1,4})([0-9]{1,9}):([A-Z]{1,4})([0-9]{1,9})\"")
_SPAN = re.compile(rb"<(?:\w+:)?(?:gridSpan|gridBefore|gridAfter)\b[^>]*?\s(?:\w+:)?val=\"([0-9]{1,12})\"")
_TC = re.compile(rb"<(?:\w+:)?tc[\s>]")


def read_limited(path: Path) -> bytes:
    """The bytes of `path`, refusing missing, empty and oversized files with a clear message."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("I003", f"tệp quá lớn (file too large): {size // (1024 * 1024)} MB", name)
        data = path.read_bytes()
    except OSError as exc:
        raise fail("I001", f"không đọc được tệp (cannot read file): {os_error_text(exc)}", name) from None
    if not data.strip():
        raise fail("I002", "tệp rỗng (empty file)", name)
    return data


def check_ooxml(path: Path) -> None:
    """Refuse what python-docx/openpyxl would choke on: not a zip, encrypted, or a zip bomb."""
    import zipfile

    name = str(path)
    data_head = read_limited(path)[:8]
    if data_head.startswith(b"\xd0\xcf\x11\xe0"):
        # An encrypted OOXML file is an OLE compound file, not a zip; so is a legacy .doc/.xls.
        raise fail(
            "I005",
            "tệp được đặt mật khẩu hoặc là định dạng Office cũ (password-protected or legacy .doc/.xls file)",
            name,
            "gỡ mật khẩu hoặc lưu lại dưới dạng .docx/.xlsx rồi nhập lại",
        )
    if not zipfile.is_zipfile(path):
        raise fail("I004", "tệp bị hỏng: không phải tệp Office Open XML (corrupted file: not a zip package)", name)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise fail("I004", f"tệp bị hỏng (corrupted file): {exc}", name) from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
        raise fail(
            "I006",
            f"tệp giải nén quá lớn (uncompressed size {total // (1024 * 1024)} MB, "
            f"ratio {total // packed}:1 — zip bomb?)",
            name,
        )
    cells = table_extent(path)
    if cells > MAX_CELLS:
        raise fail(
            "I006",
            f"bảng quá lớn (table too large): {cells:,} ô (cells) — ô ở xa, ô gộp hoặc gridSpan bất thường",
            name,
            "một phụ lục thật chỉ có vài nghìn ô; kiểm tra lại tệp",
        )


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def table_extent(path: Path) -> int:
    """How many cells openpyxl / python-docx would build for the tables in `path`.

    Both expand what the XML only declares: openpyxl iterates every cell of the rectangle up
    to the farthest cell and materialises every cell of a merged range; python-docx repeats a
    cell `gridSpan` times. One cell at XFD1048576, a merge over the whole sheet or
    `gridSpan="50000000"` is a few bytes that hang the readers, so the XML is scanned first.
    Returns the largest of: the sheet rectangle, the merged area, the spanned docx cells.
    """
    import zipfile

    worst = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            part = info.filename
            if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                xml = archive.read(info)
                rows = max((int(r) for r in _ROW.findall(xml)), default=0)
                cols = 0
                for letters, row in _CELL.findall(xml):
                    cols = max(cols, _col(letters))
                    rows = max(rows, int(row))
                merged = sum(
                    (abs(int(r2) - int(r1)) + 1) * (abs(_col(c2) - _col(c1)) + 1)
                    for c1, r1, c2, r2 in _MERGE.findall(xml)
                )
                worst = max(worst, rows * cols, merged)
            elif part == "word/document.xml":
                xml = archive.read(info)
                spans = sum(int(v) for v in _SPAN.findall(xml))
                worst = max(worst, spans + len(_TC.findall(xml)))
    return worst
