"""What the security tests share: a bounded child-process runner and builders of small hostile files.

`run_cchc` runs `python -m cchc …` with RLIMIT_AS set in the child (`preexec_fn`) and a wall-clock
timeout, and reports the exit code, the output, the seconds taken and the child's peak RSS
(`os.wait4`). `refused` checks what every refusal must look like: exit 2, the code, Vietnamese
words, no traceback, no "internal error". The builders write .xlsx/.docx packages from raw XML,
so a hostile file is a few kilobytes and built in milliseconds.
"""

from __future__ import annotations

import os
import random
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl.utils.cell import get_column_letter as letters

MiB = 1024 * 1024
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "2024.yaml"


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float
    peak_mib: float

    @property
    def text(self) -> str:
        return self.out + self.err


class Child:
    """`cchc args` started in a child limited to `memory` bytes of address space; `wait()` gives its `Ran`."""

    def __init__(self, args: Sequence[str], *, seconds: float, memory: int, prelude: str, cwd: Path | None) -> None:
        code = f"{prelude}\nfrom cchc.cli import run\nrun()\n"

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        self.args = args
        self.seconds = seconds
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.start = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=self.out, stderr=self.err, preexec_fn=limit, cwd=cwd
        )

    def wait(self) -> Ran:
        try:
            while True:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - self.start > self.seconds:
                    self.proc.kill()
                    os.wait4(self.proc.pid, 0)
                    self.proc.returncode = -9
                    pytest.fail(f"cchc {' '.join(self.args[:2])} still running after {self.seconds} s")
                time.sleep(0.02)
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            self.out.seek(0)
            self.err.seek(0)
            return Ran(
                self.proc.returncode,
                self.out.read().decode("utf-8", "replace"),
                self.err.read().decode("utf-8", "replace"),
                time.monotonic() - self.start,
                usage.ru_maxrss / 1024,
            )
        finally:
            self.out.close()
            self.err.close()


def start_cchc(
    args: Sequence[str],
    *,
    seconds: float = 60,
    memory: int = 2048 * MiB,
    prelude: str = "",
    cwd: Path | None = None,
) -> Child:
    """`cchc args` in a child limited to `memory` bytes of address space, to be killed after `seconds`.

    `prelude`: Python run in the child before the command (to lower a limit, so a test of the
    mechanism does not wait for the real one).
    """
    return Child(args, seconds=seconds, memory=memory, prelude=prelude, cwd=cwd)


def run_cchc(
    args: Sequence[str],
    *,
    seconds: float = 60,
    memory: int = 2048 * MiB,
    prelude: str = "",
    cwd: Path | None = None,
) -> Ran:
    """`start_cchc(...)` and wait for it."""
    return start_cchc(args, seconds=seconds, memory=memory, prelude=prelude, cwd=cwd).wait()


def refused(ran: Ran, code: str, *, words: str = "") -> None:
    """Exit 2 with `code`, a Vietnamese message (holding `words`), no traceback, no internal error."""
    assert ran.code == 2, ran.text
    assert f"error[{code}]" in ran.text, ran.text
    assert "Traceback" not in ran.text and "lỗi nội bộ" not in ran.text and "internal error" not in ran.text
    assert any(ch in ran.text for ch in "ảãạăắằẳẵặâấầẩẫậđẻẽẹêếềểễệỉĩịỏõọôốồổỗộơớờởỡợủũụưứừửữựỷỹỵ"), ran.text
    assert words in ran.text, ran.text


def clean(ran: Ran) -> None:
    """Exit 0, no traceback."""
    assert ran.code == 0, ran.text
    assert "Traceback" not in ran.text and "lỗi nội bộ" not in ran.text


def import_args(source: Path, out: Path) -> list[str]:
    return ["import", str(source), "--period", "2024", "--province", "Thái Nguyên", "-o", str(out), "--force"]


# --- packages built from raw XML ----------------------------------------------------------

HEADER = ["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"]
WORDS = "Sở Tư pháp kế hoạch cải cách hành chính năm quý báo cáo rà soát công nghệ thông tin".split()
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def words(rng: random.Random, size: int) -> str:
    """About `size` characters of Vietnamese words (compresses like real text, ~4:1)."""
    out: list[str] = []
    total = 0
    while total < size:
        out.append(rng.choice(WORDS))
        total += len(out[-1]) + 1
    return " ".join(out)[:size]


def zip_parts(path: Path, parts: dict[str, bytes], *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _content_types(overrides: dict[str, str]) -> bytes:
    items = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{items}</Types>'
    ).encode()


def _rels(targets: dict[str, tuple[str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>' for rid, (kind, target) in targets.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_RELS}">{items}</Relationships>'.encode()


def c(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def sheet_rows(rows: Sequence[Sequence[str]], first: int = 1) -> str:
    """`<row>` elements for `rows` of texts from row `first`, column A on (empty texts left out)."""
    out = []
    for r, texts in enumerate(rows, start=first):
        cells = "".join(c(f"{letters(k)}{r}", t) for k, t in enumerate(texts, start=1) if t)
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def annex_rows(data_rows: int = 3, columns: int = 8, chars: int = 0, seed: int = 1) -> list[list[str]]:
    """Title, blank, header, a section row and `data_rows` numbered rows (`chars` of text per text cell)."""
    rng = random.Random(seed)
    header = HEADER + [f"Cột {k}" for k in range(len(HEADER) + 1, columns + 1)]
    rows: list[list[str]] = [["PHỤ LỤC"], [], header[:columns], ["I", "CẢI CÁCH THỂ CHẾ"]]
    for n in range(1, data_rows + 1):
        row = []
        for k in range(1, columns + 1):
            if k == 1:
                row.append(str(n))
            elif k == 6:
                row.append("Sở Tư pháp")
            elif k == 8:
                row.append("Quý II/2024")
            else:
                row.append(f"{n}.{k} " + words(rng, max(chars - 6, 4)) if chars else f"Việc {n}.{k}")
        rows.append(row)
    return rows


def xlsx(path: Path, sheet_xml: str, *, extra: dict[str, bytes] | None = None, strings: str | None = None) -> Path:
    """A workbook of one sheet whose `<worksheet>` body is `sheet_xml` (sheetData, mergeCells …)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = {"xl/workbook.xml": f"{ct}.sheet.main+xml", "xl/worksheets/sheet1.xml": f"{ct}.worksheet+xml"}
    book_rels = {"rId1": ("worksheet", "worksheets/sheet1.xml")}
    parts = {
        "_rels/.rels": _rels({"rId1": ("officeDocument", "xl/workbook.xml")}),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{_REL}"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ).encode(),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}">{sheet_xml}</worksheet>'.encode(),
    }
    if strings is not None:
        overrides["xl/sharedStrings.xml"] = f"{ct}.sharedStrings+xml"
        book_rels["rId2"] = ("sharedStrings", "sharedStrings.xml")
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{main}">{strings}</sst>'.encode()
    parts["[Content_Types].xml"] = _content_types(overrides)
    parts["xl/_rels/workbook.xml.rels"] = _rels(book_rels)
    parts.update(extra or {})
    return zip_parts(path, parts)


def annex_xlsx(path: Path, rows: Sequence[Sequence[str]] | None = None, *, more: str = "", after: str = "") -> Path:
    """An annex workbook: `rows` (default `annex_rows()`) as cells, `more` inside sheetData, `after` after it."""
    body = sheet_rows(rows if rows is not None else annex_rows())
    return xlsx(path, f"<sheetData>{body}{more}</sheetData>{after}")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"


def docx_table(rows: Sequence[Sequence[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(tc(t) for t in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def docx(path: Path, body: str, *, prolog: str = "") -> Path:
    """A Word document whose `<w:body>` is `body` (raw WordprocessingML)."""
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts = {
        "[Content_Types].xml": _content_types({"word/document.xml": ct}),
        "_rels/.rels": _rels({"rId1": ("officeDocument", "word/document.xml")}),
        "word/document.xml": f"{prolog}<w:document {W}><w:body>{body}</w:body></w:document>".encode(),
    }
    return zip_parts(path, parts)


def annex_docx(path: Path, rows: Sequence[Sequence[str]] | None = None, *, before: str = "") -> Path:
    """An annex document: a title paragraph, then `rows` (default: the header and three rows) as a table."""
    table = rows if rows is not None else [r for r in annex_rows() if r][1:]
    return docx(path, f"<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>{before}{docx_table(table)}")


# --- zip surgery --------------------------------------------------------------------------


def raw_zip(path: Path, members: Sequence[tuple[str, bytes, bytes, int, int, int]]) -> Path:
    """A zip written byte by byte: (name, stored data, data as declared, crc, method, flags) per member.

    The directory declares `len(declared)` and `crc`; the bytes stored are `stored` (already
    compressed for method 8), so a test can make the two disagree.
    """
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, stored, declared, crc, method, flags in members:
        raw = name.encode()
        head = struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc, len(stored), len(declared), len(raw), 0
        )
        local.append(head + raw + stored)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                *(b"PK\x01\x02", 20, 20, flags, method, 0, 0x21, crc, len(stored), len(declared), len(raw)),
                *(0, 0, 0, 0, 0, offset),
            )
            + raw
        )
        offset += len(local[-1])
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    path.write_bytes(b"".join(local) + directory + end)
    return path


def deflate(data: bytes, *, then: int = 0) -> bytes:
    """Raw deflate of `data`, followed in the same stream by `then` bytes of spaces (whole MiB).

    Each MiB of spaces is compressed once after a full flush (which resets the compressor), so the
    same ~1 kB segment repeats: 2 GiB of inflated spaces cost ~2 MB and no time to build.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)
    segment = packer.compress(b" " * MiB) + packer.flush(zlib.Z_FULL_FLUSH) if then else b""
    return head + segment * (then // MiB) + packer.flush()


def members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(src: Path, dst: Path, change: Callable[[str, bytes], tuple[bytes, bytes, int, int]]) -> Path:
    """`src` rewritten member by member: `change(name, data)` gives (stored, declared, crc, method)."""
    rows = []
    for name, data in members(src):
        stored, declared, crc, method = change(name, data)
        rows.append((name, stored, declared, crc, method, 0))
    return raw_zip(dst, rows)


def plain(name: str, data: bytes) -> tuple[bytes, bytes, int, int]:
    return deflate(data), data, zlib.crc32(data), 8
