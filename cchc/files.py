"""Reading and writing files cchc does not trust: bounded reads, atomic writes.

Every file cchc reads from a repository (plans, registries, config, templates, the lines the
error printer shows) goes through `read_bytes`: regular files only (a FIFO, device or socket is
refused without blocking on it), at most `limit` bytes (the size is checked before reading and
the read itself stops there, so a file growing under us cannot exceed it).

Writes go to a temporary file in the same folder, flushed and fsynced, then `os.replace`d over
the target (atomic on POSIX). On any failure the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from cchc.errors import CchcError, Loc

#: The largest plan, registry or config file read (the biggest real plan is ~0.6 MB).
MAX_BYTES = 16 * 1024 * 1024

#: The operating system's reasons in Vietnamese (its own words are English: "No such file or directory").
OS_ERRORS: dict[int, str] = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOSPC: "hết chỗ trên ổ đĩa",
    errno.EDQUOT: "vượt hạn mức dung lượng",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có tệp hoặc thư mục này",
    errno.EIO: "lỗi đọc/ghi của thiết bị",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ thống mở quá nhiều tệp",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ELOOP: "quá nhiều liên kết tượng trưng (symlink) lồng nhau",
    errno.EFBIG: "tệp quá lớn",
    errno.EBUSY: "tệp hoặc thiết bị đang bận",
    errno.ETXTBSY: "tệp đang được dùng",
    errno.EPIPE: "nơi nhận đã đóng",
    errno.EXDEV: "không chuyển được giữa hai ổ đĩa",
    errno.ENOTEMPTY: "thư mục không trống",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong, in Vietnamese: `không có tệp hoặc thư mục này` for ENOENT, and so on;
    a reason not in `OS_ERRORS` as the system gives it, with its number."""
    if exc.errno in OS_ERRORS:
        return OS_ERRORS[exc.errno]
    if exc.strerror:
        return f"lỗi hệ thống {exc.errno}: {exc.strerror}"
    return str(exc)


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises `CchcError` (L000, L011).

    Opened non-blocking, so a FIFO named like a plan cannot hang the command; anything but a
    regular file is refused before a byte is read.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise CchcError.single(
            "L000", f"không đọc được tệp (cannot read file): {os_error_text(exc)}", Loc(name)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = (
                "thư mục (a directory)" if stat.S_ISDIR(info.st_mode) else "không phải tệp thường (not a regular file)"
            )
            raise CchcError.single("L000", f"không đọc được tệp: {what}", Loc(name))
        if info.st_size > limit:
            raise too_large(name, info.st_size, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise too_large(name, size, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise CchcError.single(
            "L000", f"không đọc được tệp (cannot read file): {os_error_text(exc)}", Loc(name)
        ) from None
    finally:
        os.close(fd)


def too_large(name: str, size: int, limit: int) -> CchcError:
    mib = 1024 * 1024
    return CchcError.single("L011", f"tệp quá lớn (file too large): {size / mib:.1f} MB > {limit // mib} MB", Loc(name))


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_write(path: str | Path, data: bytes | str) -> None:
    """Replace `path` with `data` atomically; raises `CchcError` (exit 2) if it cannot."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600 files; keep the target's mode, or the usual mode for a new file.
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise CchcError.single(
            "W001", f"không ghi được tệp (cannot write file): {os_error_text(exc)}", Loc(str(target))
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
