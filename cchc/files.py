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
from collections.abc import Iterator
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
        data = read_fd(fd, limit)
        if len(data) > limit:
            raise too_large(name, len(data), limit)
        return data
    except OSError as exc:
        raise CchcError.single(
            "L000", f"không đọc được tệp (cannot read file): {os_error_text(exc)}", Loc(name)
        ) from None
    finally:
        os.close(fd)


_LINE_CHUNK = 64 * 1024


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
            read, number, line = 0, 1, b""
            while number <= last and read <= limit:
                chunk = handle.readline(_LINE_CHUNK)
                if not chunk:
                    break
                read += len(chunk)
                if len(line) < _LINE_CHUNK:  # a line is shown up to its first 64 kB
                    line += chunk
                if chunk.endswith(b"\n"):
                    if number in numbers:
                        found[number] = line[:_LINE_CHUNK].decode("utf-8", "replace").rstrip("\r\n")
                    number, line = number + 1, b""
            if line and number in numbers:
                found[number] = line[:_LINE_CHUNK].decode("utf-8", "replace").rstrip("\r\n")
    except OSError:
        return found
    finally:
        os.close(fd)
    return found


def read_fd(fd: int, limit: int) -> bytes:
    """What an open file holds, but never more than `limit` + 1 bytes (one more: the caller can tell
    a file that grew past the limit from one that fits)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def too_large(name: str, size: int, limit: int) -> CchcError:
    mib = 1024 * 1024
    return CchcError.single("L011", f"tệp quá lớn (file too large): {size / mib:.1f} MB > {limit // mib} MB", Loc(name))


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _sweep(folder: Path, name: str) -> None:
    """Remove temporary files of `name` left by a cchc that was killed mid-write (its pid is gone)."""
    prefix = f".{name}.cchc-"
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                pid = entry.name[len(prefix) :].split("-", 1)[0]
                if pid.isdigit() and not _alive(int(pid)):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


@contextlib.contextmanager
def _termination_unwinds() -> Iterator[None]:
    """SIGTERM/SIGHUP during a write unwind like Ctrl-C, so the temporary file is removed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    saved = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _unchanged(fd: int, expected: bytes | str) -> bool:
    current = b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
    if isinstance(expected, bytes):
        return current == expected
    try:
        return current.decode("utf-8-sig") == expected
    except UnicodeDecodeError:
        return False


def atomic_write(path: str | Path, data: bytes | str, *, expected: bytes | str | None = None) -> None:
    """Replace `path` with `data` atomically; raises `CchcError` (exit 2) if it cannot.

    - A symlink is written through: its target is replaced and the link stays a link.
    - The file keeps its mode, and its owner and group where the system allows it; a file with
      several hard links, or that is not a regular file, is refused (replacing it would split
      the links, or could not be atomic).
    - With `expected` (the bytes or text the caller read), the file is compared under an
      exclusive lock just before it is replaced: a file changed since it was read is not
      overwritten (W002), and two cchc writing one file at once cannot lose an update.
    - The temporary file is removed on any failure, on Ctrl-C and SIGTERM; one left by a killed
      cchc is removed by the next write of the same file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(path)
    try:
        target = target.resolve() if target.is_symlink() else target
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except (OSError, RuntimeError) as exc:
        raise CchcError.single("W001", f"không ghi được tệp (cannot write file): {exc}", Loc(str(path))) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise CchcError.single("W001", "không ghi được tệp: không phải tệp thường (not a regular file)", Loc(str(path)))
    if info is not None and info.st_nlink > 1:
        raise CchcError.single(
            "W001",
            f"không ghi đè tệp có {info.st_nlink} liên kết cứng (a file with several hard links)",
            Loc(str(path)),
            "thay thế tệp sẽ tách các liên kết; hãy ghi ra tệp khác",
        )
    folder = target.parent if str(target.parent) else Path(".")
    _sweep(folder, target.name)
    tmp_name: str | None = None
    lock_fd: int | None = None
    try:
        with _termination_unwinds():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.cchc-{os.getpid()}-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates 0600 files; keep the target's mode, or the usual mode for a new file.
            os.chmod(tmp_name, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
            if info is not None and hasattr(os, "chown"):
                with contextlib.suppress(OSError):  # only root may give a file away; the mode is kept anyway
                    os.chown(tmp_name, info.st_uid, info.st_gid)
            if expected is not None and info is not None:
                import fcntl

                lock_fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
                fcntl.flock(lock_fd, fcntl.LOCK_EX)
                if not _unchanged(lock_fd, expected) or os.fstat(lock_fd).st_ino != os.stat(target).st_ino:
                    raise CchcError.single(
                        "W002",
                        "tệp đã thay đổi trong khi cchc đang xử lý; không ghi đè (file changed since it was read)",
                        Loc(str(path)),
                        "chạy lại lệnh",
                    )
            os.replace(tmp_name, target)
            tmp_name = None
    except OSError as exc:
        raise CchcError.single(
            "W001", f"không ghi được tệp (cannot write file): {os_error_text(exc)}", Loc(str(path))
        ) from None
    finally:
        if lock_fd is not None:
            os.close(lock_fd)
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
