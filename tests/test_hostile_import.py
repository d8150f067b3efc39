"""Hostile .xlsx/.docx given to `cchc import`: each fails cleanly (exit 2, a message), quickly, in bounded memory.

Every case runs in a child process with a timeout, so a hang or a crash is a test failure,
not a stuck suite; peak memory is the child's (os.wait4).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_import_formats import build_docx, build_xlsx

Edit = Callable[[str, bytes], bytes]
SHEET = "xl/worksheets/sheet1.xml"
DOC = "word/document.xml"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>"
)


def rewrite(src: Path, dst: Path, edit: Edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))
    return dst


def part(name: str, change: Callable[[bytes], bytes]) -> Edit:
    return lambda filename, data: change(data) if filename == name else data


def run_import(source: Path, tmp_path: Path, timeout: float = 20) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak MiB of `cchc import source` in a child process."""
    cmd = [sys.executable, "-m", "cchc", "import", str(source), "--period", "2024", "--province", "Thái Nguyên"]
    cmd += ["-o", str(tmp_path / "out.yaml"), "--force"]
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                pytest.fail(f"cchc import {source.name} still running after {timeout} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return proc.returncode, text, time.monotonic() - start, usage.ru_maxrss / 1024


def sheet_merge(data: bytes) -> bytes:
    return re.sub(rb'<mergeCells count="\d+">', b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>', data)


def far_cell(data: bytes) -> bytes:
    return data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )


def entities(name: str, cell: bytes) -> Callable[[bytes], bytes]:
    return lambda data: LAUGHS + data.split(b"?>", 1)[1].replace(cell, cell.replace(b"TT", b"&lol9;"), 1)


def huge_span(data: bytes) -> bytes:
    return data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="50000000"/>', 1)


#: An encrypted OOXML file (or a legacy .doc/.xls) is an OLE compound file.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def zip_bomb(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/pad.bin", b" " * (30 * 1024 * 1024))  # ~30 KB packed, 1000:1
    return dst


CASES: dict[str, tuple[str, Callable[[Path, Path], Path], str]] = {
    # name: (builder, make hostile file from the good one, expected code)
    "xlsx-zip-bomb": ("xlsx", zip_bomb, "I006"),
    "xlsx-merge-whole-sheet": ("xlsx", lambda s, d: rewrite(s, d, part(SHEET, sheet_merge)), "I006"),
    "xlsx-cell-at-XFD1048576": ("xlsx", lambda s, d: rewrite(s, d, part(SHEET, far_cell)), "I006"),
    "docx-gridspan-50M": ("docx", lambda s, d: rewrite(s, d, part(DOC, huge_span)), "I006"),
    "docx-entity-bomb": ("docx", lambda s, d: rewrite(s, d, part(DOC, entities(DOC, b"<w:t>TT</w:t>"))), "I004"),
    "xlsx-truncated": ("xlsx", lambda s, d: d.write_bytes(s.read_bytes()[: s.stat().st_size // 2]) and d, "I004"),
    "docx-random-bytes": ("docx", lambda s, d: d.write_bytes(os.urandom(4096)) and d, "I004"),
    "docx-that-is-an-xlsx": ("xlsx", lambda s, d: Path(shutil.copy(s, d.with_suffix(".docx"))), "I004"),
    "xlsx-that-is-a-docx": ("docx", lambda s, d: Path(shutil.copy(s, d.with_suffix(".xlsx"))), "I004"),
    "xlsx-encrypted-ole": ("xlsx", lambda s, d: d.write_bytes(OLE + bytes(600)) and d, "I005"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_office_file_fails_cleanly(case: str, tmp_path: Path) -> None:
    kind, make, code = CASES[case]
    good = (build_xlsx if kind == "xlsx" else build_docx)(tmp_path / f"good.{kind}")
    bad = make(good, tmp_path / f"bad.{kind}")
    rc, err, seconds, peak = run_import(bad, tmp_path)
    assert rc == 2, err
    assert f"error[{code}]" in err, err
    assert "Traceback" not in err
    assert seconds < 20
    assert peak < 400, f"{peak:.0f} MiB"
    assert not (tmp_path / "out.yaml").exists()


def test_entity_bomb_in_xlsx_is_not_expanded(tmp_path: Path) -> None:
    good = build_xlsx(tmp_path / "good.xlsx")
    bad = rewrite(good, tmp_path / "bad.xlsx", part("xl/sharedStrings.xml", entities("", b"<t>TT</t>")))
    rc, err, _, _ = run_import(bad, tmp_path)
    assert rc in (0, 2), err
    assert "Traceback" not in err
    if rc == 0:
        assert "lollol" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_the_good_files_still_import(tmp_path: Path) -> None:
    for kind, build in (("xlsx", build_xlsx), ("docx", build_docx)):
        rc, err, _, _ = run_import(build(tmp_path / f"good.{kind}"), tmp_path)
        assert rc == 0, err
