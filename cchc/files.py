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
import os
import stat
import tempfile
from pathlib import Path

from cchc.errors import CchcError, Loc

#: The largest plan, registry or config file read (the biggest real plan is ~0.6 MB).
MAX_BYTES = 16 * 1024 * 1024


def outside(path: str | Path, folder: str | Path) -> CchcError | None:
    """The refusal for a path that leads out of `folder` through a symlink, else None.

    A file cchc finds itself (a plan under the folder given on the command line, the registry
    beside a plan, a config file) must stay inside the folder it was found in: a committed
    `plans/a/env.yaml -> ~/.env` is refused without a byte of the target read or printed.
    """
    try:
        target = Path(path).resolve()
        root = Path(folder).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return CchcError.single("L000", "không đọc được tệp: vòng liên kết (symlink loop)", Loc(str(path)))
    if target == root or root in target.parents:
        return None
    return CchcError.single(
        "L000",
        f"không đọc: liên kết trỏ ra ngoài {folder} (symlink points outside the folder)",
        Loc(str(path)),
        "kế hoạch, danh mục cơ quan và cấu hình phải nằm trong thư mục của chúng",
    )


def read_bytes(path: str | Path, limit: int = MAX_BYTES, *, within: str | Path | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises `CchcError` (L000, L011).

    Opened non-blocking, so a FIFO named like a plan cannot hang the command; anything but a
    regular file is refused before a byte is read. With `within`, a path leading out of that
    folder through a symlink is refused (`outside`).
    """
    name = str(path)
    if within is not None:
        refused = outside(path, within)
        if refused is not None:
            raise refused
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise CchcError.single("L000", f"không đọc được tệp (cannot read file): {exc.strerror}", Loc(name)) from None
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
        raise CchcError.single("L000", f"không đọc được tệp (cannot read file): {exc.strerror}", Loc(name)) from None
    finally:
        os.close(fd)


def read_lines(path: str | Path, numbers: set[int], limit: int = MAX_BYTES) -> dict[int, str]:
    """Lines `numbers` (1-based) of a regular file, read only as far as the last one wanted.

    What the error printer shows under a problem: it never reads a whole file it only quotes
    a line of, nor anything but a regular file; an unreadable file gives no lines.
    """
    if not numbers:
        return {}
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return {}
    found: dict[int, str] = {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        last = max(numbers)
        with open(fd, "rb", closefd=False) as handle:
            read = 0
            for number, raw in enumerate(handle, start=1):
                read += len(raw)
                if read > limit or number > last:
                    break
                if number in numbers:
                    found[number] = raw.decode("utf-8", "replace").rstrip("\r\n")
    except OSError:
        return found
    finally:
        os.close(fd)
    return found


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
            "W001", f"không ghi được tệp (cannot write file): {exc.strerror or exc}", Loc(str(target))
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
