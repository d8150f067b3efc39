""".docx/.xlsx packages that lie: every part is inflated through a running count whatever the zip
directory says, and a package or XML that cannot be read is I004, one too large I006 — quickly, in
bounded memory, never an internal error (cchc/importers/limits.py, docs/import.md)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from .hostile import (
    MiB,
    annex_docx,
    annex_xlsx,
    clean,
    deflate,
    import_args,
    members,
    plain,
    raw_zip,
    refused,
    rezip,
    run_cchc,
    zip_parts,
)

#: Each import runs in a child with this much address space and is killed after this long.
MEMORY = 1024 * MiB
SECONDS = 30
SHEET = "xl/worksheets/sheet1.xml"
DOC = "word/document.xml"


def run_import(source: Path, tmp_path: Path, prelude: str = "") -> object:
    return run_cchc(import_args(source, tmp_path / "out.yaml"), seconds=SECONDS, memory=MEMORY, prelude=prelude)


def part_of(kind: str) -> str:
    return SHEET if kind == "xlsx" else DOC


def good(kind: str, tmp_path: Path) -> Path:
    return (annex_xlsx if kind == "xlsx" else annex_docx)(tmp_path / f"good.{kind}")


def changed(target: str, change: Callable[[bytes], tuple[bytes, bytes, int, int]]) -> Callable[..., object]:
    return lambda name, data: change(data) if name == target else plain(name, data)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_part_whose_directory_understates_its_size_is_never_inflated_past_it(kind: str, tmp_path: Path) -> None:
    """The directory declares the real part and its CRC; the deflate stream goes on for 2 GiB of spaces.

    Before: `ZipExtFile.read()` inflated 1 GiB in one call (2.1 GB peak, 8-16 s). Now the part is read
    64 KiB at a time and stops at its declared size: what the directory declares is imported.
    """
    bad = rezip(
        good(kind, tmp_path),
        tmp_path / f"bad.{kind}",
        changed(part_of(kind), lambda data: (deflate(data, then=2048 * MiB), data, zlib.crc32(data), 8)),
    )
    assert bad.stat().st_size < 4 * MiB
    ran = run_import(bad, tmp_path)
    clean(ran)
    assert ran.peak_mib < 150 and ran.seconds < 10, (ran.peak_mib, ran.seconds)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_part_that_fails_its_crc_is_i004(kind: str, tmp_path: Path) -> None:
    bad = rezip(
        good(kind, tmp_path),
        tmp_path / f"bad.{kind}",
        changed(part_of(kind), lambda data: (deflate(data, then=512 * MiB), data, zlib.crc32(data) ^ 1, 8)),
    )
    ran = run_import(bad, tmp_path)
    refused(ran, "I004", words="Bad CRC-32")
    assert ran.peak_mib < 150


CORRUPT: dict[str, Callable[[bytes], tuple[bytes, bytes, int, int]]] = {
    # stored bytes, declared bytes, crc, method
    "deflate stream is garbage (zlib.error)": lambda d: (b"\xff" * 64 + d[:100], d, zlib.crc32(d), 8),
    "deflate stream cut short": lambda d: (deflate(d)[:40], d, zlib.crc32(d), 8),
    "bzip2 compression": lambda d: (d, d, zlib.crc32(d), 12),
    "unknown compression method 99": lambda d: (d, d, zlib.crc32(d), 99),
    "declared size longer than the data": lambda d: (deflate(d), d + b" " * 1000, zlib.crc32(d + b" " * 1000), 8),
    "stored part shorter than declared": lambda d: (d[:50], d, zlib.crc32(d), 0),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_broken_part_is_i004(kind: str, case: str, tmp_path: Path) -> None:
    bad = rezip(good(kind, tmp_path), tmp_path / f"bad.{kind}", changed(part_of(kind), CORRUPT[case]))
    ran = run_import(bad, tmp_path)
    refused(ran, "I004", words="tệp bị hỏng")
    assert ran.peak_mib < 150 and ran.seconds < 10


def test_a_broken_zip_is_i004(tmp_path: Path) -> None:
    source = good("xlsx", tmp_path)
    data = source.read_bytes()
    cases = {
        "truncated.xlsx": data[: len(data) // 2],
        "no-end-record.xlsx": data[:-22],
        "random.xlsx": os.urandom(4096),
        "directory-offset-wrong.xlsx": data[:-6] + b"\xff\xff\xff\x00" + data[-2:],
        "local-header-garbled.xlsx": b"XX" + data[2:],
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        refused(run_import(path, tmp_path), "I004", words="tệp bị hỏng")


def test_an_encrypted_part_is_i004(tmp_path: Path) -> None:
    rows = [
        (name, deflate(data), data, zlib.crc32(data), 8, 1 if name == SHEET else 0)
        for name, data in members(good("xlsx", tmp_path))
    ]
    refused(run_import(raw_zip(tmp_path / "bad.xlsx", rows), tmp_path), "I004", words="mã hoá")


def test_too_many_entries_is_i006_before_the_directory_is_parsed(tmp_path: Path) -> None:
    parts = dict(members(good("xlsx", tmp_path)))
    parts.update({f"xl/media/x{i}.bin": b"" for i in range(1001)})
    refused(run_import(zip_parts(tmp_path / "bad.xlsx", parts), tmp_path), "I006", words="zip")
    # A directory of 2 MB (names of 2 000 bytes) is refused the same way, from the end record alone.
    parts = dict(members(good("xlsx", tmp_path)))
    parts.update({f"xl/media/{i:04d}" + "x" * 2000: b"" for i in range(900)})
    ran = run_import(zip_parts(tmp_path / "long-names.xlsx", parts), tmp_path)
    refused(ran, "I006", words="zip")


def test_a_part_compressed_over_200_to_1_is_i006_as_it_inflates(tmp_path: Path) -> None:
    """The package as a whole looks ordinary (a random 2 MB image keeps its ratio low); one part
    inflates 4 MiB of spaces from ~4 KB: refused once past 1 MiB, whatever the directory says."""
    parts = dict(members(good("xlsx", tmp_path)))
    parts["xl/media/image1.png"] = os.urandom(2 * MiB)
    padded = parts[SHEET].replace(b"<sheetData>", b"<sheetData>" + b" " * (4 * MiB), 1)
    parts[SHEET] = padded
    ran = run_import(zip_parts(tmp_path / "bad.xlsx", parts), tmp_path)
    refused(ran, "I006", words="nén quá mức")
    assert ran.peak_mib < 150


def test_the_package_total_declared_is_bounded(tmp_path: Path) -> None:
    """The zip bomb the old check was for: 30 MB of spaces at ~1000:1, refused from the directory."""
    parts = dict(members(good("xlsx", tmp_path)))
    parts["xl/media/pad.bin"] = b" " * (30 * MiB)
    refused(run_import(zip_parts(tmp_path / "bad.xlsx", parts), tmp_path), "I006", words="zip bomb")


def test_a_part_past_its_size_limit_is_i006(tmp_path: Path) -> None:
    """A sheet that really inflates past the per-part limit (lowered to 1 MiB here; 16 MiB by default)."""
    cells = (
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{os.urandom(24).hex()}</t></is></c></row>'
        for r in range(100, 30_000)
    )
    bad = annex_xlsx(tmp_path / "bad.xlsx", more="".join(cells))
    ran = run_import(bad, tmp_path, prelude="import cchc.importers.limits as l; l.MAX_PART = 1024 * 1024")
    refused(ran, "I006", words="giải nén quá 1.0 MB")


XML_ATTACKS = {
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
        + "]>"
    ),
    "external entity (XXE)": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "external DTD": '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">',
}


@pytest.mark.parametrize("attack", sorted(XML_ATTACKS))
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_dtd_is_refused_and_nothing_is_expanded(kind: str, attack: str, tmp_path: Path) -> None:
    prolog = XML_ATTACKS[attack].encode()
    use = b"&lol9;" if "laughs" in attack else b"&xxe;" if "XXE" in attack else b""

    def change(data: bytes) -> tuple[bytes, bytes, int, int]:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        body = body.replace(b"TT</", use + b"TT</", 1)
        new = prolog + body
        return deflate(new), new, zlib.crc32(new), 8

    bad = rezip(good(kind, tmp_path), tmp_path / f"bad.{kind}", changed(part_of(kind), change))
    ran = run_import(bad, tmp_path)
    refused(ran, "I004", words="DTD")
    assert "root:" not in ran.text and "lollol" not in ran.text
    assert ran.peak_mib < 150 and ran.seconds < 10


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_malformed_xml_is_i004(kind: str, tmp_path: Path) -> None:
    bad = rezip(
        good(kind, tmp_path),
        tmp_path / f"bad.{kind}",
        changed(part_of(kind), lambda d: plain("", d[: len(d) // 2])),
    )
    refused(run_import(bad, tmp_path), "I004", words="XML hỏng")


def test_a_package_of_the_other_kind_is_i004(tmp_path: Path) -> None:
    workbook = good("xlsx", tmp_path).rename(tmp_path / "workbook.docx")
    refused(run_import(workbook, tmp_path), "I004", words="không phải tài liệu Word")
    document = good("docx", tmp_path).rename(tmp_path / "document.xlsx")
    refused(run_import(document, tmp_path), "I004", words="không phải sổ tính Excel")


def test_the_source_is_a_bounded_regular_file(tmp_path: Path) -> None:
    """A FIFO named like an annex does not hang the import; a folder is not read; 50 MB is the most read."""
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    ran = run_import(fifo, tmp_path)
    refused(ran, "I001", words="không đọc được tệp")
    assert ran.seconds < 5
    (tmp_path / "folder.docx").mkdir()
    refused(run_import(tmp_path / "folder.docx", tmp_path), "I001", words="không")
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as sparse:
        sparse.truncate(50 * MiB + 1)  # no disk blocks: a hole
    ran = run_import(huge, tmp_path)
    refused(ran, "I003", words="tệp quá lớn")
    assert ran.peak_mib < 100
