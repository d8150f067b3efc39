"""Input limits shared by the readers: size caps, empty files, and zip-bomb guards for .docx/.xlsx."""

from __future__ import annotations

from pathlib import Path

from cchc.importers.errors import fail

#: Largest source file read (an annex of a few hundred rows is well under 5 MB).
MAX_BYTES = 50 * 1024 * 1024
#: Largest total uncompressed size of an OOXML package, and largest ratio to its compressed size.
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 200


def read_limited(path: Path) -> bytes:
    """The bytes of `path`, refusing missing, empty and oversized files with a clear message."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("I003", f"tệp quá lớn (file too large): {size // (1024 * 1024)} MB", name)
        data = path.read_bytes()
    except OSError as exc:
        raise fail("I001", f"không đọc được tệp (cannot read file): {exc.strerror or exc}", name) from None
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
