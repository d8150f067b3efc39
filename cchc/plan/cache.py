"""Results kept between runs: parsed plans and registries, validate reports, git text conversions.

The cache is cchc's own, never the repository's. Its entries are pickles, and unpickling runs
code, so an entry is read only when cchc itself wrote it:

- **Where**: the user's cache folder (`$XDG_CACHE_HOME/cchc`, `~/.cache/cchc`; the platform's
  cache folder elsewhere), or `CCHC_CACHE_DIR`. Never the current directory: a `.cchc_cache/`
  committed with a repository is owned by whoever clones it. A folder that is a symlink, not
  owned by the user, writable by group or others, or inside the working tree cchc runs in, is
  neither read nor written (`usable_folder`).
- **Authenticated**: a per-user secret (`key`, 32 random bytes, created 0600 in the folder) keys
  a BLAKE2b MAC over each entry's key and payload; an entry whose MAC does not verify (planted,
  copied from elsewhere, truncated) is a miss and is never unpickled.
- **Complete keys**: an entry's key holds everything its value depends on: the code that built
  it (`fingerprint`, `package_fingerprint`), the bytes read, the paths as the model records them
  and, for results that depend on files beside the plan (registries, config), their resolved
  paths and bytes. Writers (`cchc.plan.loader`, `cchc.agencies.registry`, `cchc.checks.runner`,
  `cchc.review.textconv`) build keys with `key`; nothing else reads or writes entries.
- **Bounded**: at most `MAX_ENTRY_BYTES` an entry and `MAX_TOTAL_BYTES` in all; the oldest
  entries are pruned first. Writes are atomic; any failure to read or write falls back to
  computing the value (the cache is only an optimisation). `CCHC_NO_CACHE=1` turns it off.

Why a cache at all: a warm `cchc validate` over 170 plans takes 0.13x of a cold one, and a warm
`cchc due` skips parsing (bench/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc import __version__
from cchc.files import read_fd

try:  # hmac.compare_digest without `import hmac`, which loads OpenSSL (~3 ms of every warm `due`)
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - not CPython
    from hmac import compare_digest  # type: ignore[no-redef]

try:  # C BLAKE2 on its own: `import hashlib` loads OpenSSL first, ~2 ms of every command.
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b as _hash

MAGIC = b"CCHC-CACHE/2\n"
MAC_BYTES = 32
#: The largest entry read back (a 16 MB plan pickles to ~60 MB); larger files are not entries of ours.
MAX_ENTRY_BYTES = 128 * 1024 * 1024
#: All entries together; past this, the oldest are removed until half of it is left.
MAX_TOTAL_BYTES = 512 * 1024 * 1024
KEY_FILE = "key"
_CODE = ("loader.py", "model.py", "spec.py", "cache.py", "../errors.py", "../record.py", "../files.py")


def enabled() -> bool:
    return os.environ.get("CCHC_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    """The cache folder: `CCHC_CACHE_DIR`, else the user's cache folder for cchc."""
    given = os.environ.get("CCHC_CACHE_DIR")
    if given:
        return Path(given)
    if sys.platform.startswith("linux"):  # XDG, without importing platformdirs (~25 ms)
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "cchc"
    import platformdirs

    return Path(platformdirs.user_cache_dir("cchc", appauthor=False))


def _inside_work_tree(path: Path) -> bool:
    """True when `path` lies in the current directory or the git working tree around it."""
    here = Path.cwd().resolve()
    top = next((p for p in (here, *here.parents) if (p / ".git").exists()), here)
    return path == top or top in path.parents or path == here or here in path.parents


def _owned_private(info: os.stat_result) -> bool:
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def usable_folder(base: Path) -> bool:
    """The folder is a real directory of the user's, private, and outside the working tree."""
    try:
        info = os.lstat(base)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not _owned_private(info):
        return False  # a symlink is not a directory to lstat
    return not _inside_work_tree(base.resolve())


def _open_private(path: Path, flags: int, *, secret: bool = False) -> int:
    """A file descriptor of a regular, private file of the user's (never through a symlink).

    A `secret` must not even be readable by others: a key others can read authenticates nothing.
    """
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    info = os.fstat(fd)
    exposed = secret and info.st_mode & 0o077
    if not stat.S_ISREG(info.st_mode) or not _owned_private(info) or exposed:
        os.close(fd)
        raise PermissionError(f"not a private regular file: {path}")
    return fd


def _secret(base: Path, create: bool) -> bytes | None:
    """The per-user MAC key of the folder; created (0600, exclusively) when `create` and absent."""
    path = base / KEY_FILE
    try:
        fd = _open_private(path, os.O_RDONLY, secret=True)
    except FileNotFoundError:
        if not create:
            return None
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:  # another cchc created it meanwhile
            return _secret(base, create=False)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(MAC_BYTES))
        return _secret(base, create=False)
    except OSError:
        return None
    try:
        secret = read_fd(fd, MAC_BYTES)
    finally:
        os.close(fd)
    return secret if len(secret) == MAC_BYTES else None


def _mac(secret: bytes, entry_key: str, payload: bytes | memoryview) -> bytes:
    digest = _hash(key=secret, digest_size=MAC_BYTES)
    digest.update(entry_key.encode())
    digest.update(payload)
    return digest.digest()


@lru_cache(maxsize=1)
def fingerprint() -> bytes:
    """cchc version + the bytes of the modules that decide what a parsed plan looks like."""
    digest = _hash(__version__.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.digest()


@lru_cache(maxsize=1)
def package_fingerprint() -> bytes:
    """cchc version + every module and data file of the package: for results that any check can change."""
    digest = _hash(__version__.encode())
    here = Path(__file__).resolve().parent.parent
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".j2") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(here).as_posix().encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.digest()


def key(namespace: str, *parts: bytes | str) -> str:
    """The hex key of an entry: namespace, code fingerprint and the given parts, length-prefixed."""
    digest = _hash(fingerprint())
    for part in (namespace, *parts):
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()


def fetch(entry_key: str) -> Any:
    """The value stored under `entry_key`, or None when absent, unauthenticated, corrupt or stale."""
    if not enabled():
        return None
    base = folder()
    if not usable_folder(base):
        return None
    secret = _secret(base, create=False)
    if secret is None:
        return None
    try:
        fd = _open_private(base / f"{entry_key}.pickle", os.O_RDONLY)
    except OSError:
        return None
    try:
        data = read_fd(fd, MAX_ENTRY_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    header = MAGIC + entry_key.encode() + b"\n"
    if len(data) > MAX_ENTRY_BYTES or not data.startswith(header):
        return None
    view = memoryview(data)
    mac, payload = view[len(header) : len(header) + MAC_BYTES], view[len(header) + MAC_BYTES :]
    if not compare_digest(mac, _mac(secret, entry_key, payload)):
        return None  # not written by this user's cchc: never unpickled
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a corrupt entry can raise anything; it is a cache miss, never an error
        return None


def store(entry_key: str, value: Any) -> None:
    """Store `value` under `entry_key`, atomically; silently does nothing if it cannot."""
    if not enabled():
        return
    base = folder()
    tmp: str | None = None
    try:
        if not base.exists():
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not usable_folder(base):
            return
        secret = _secret(base, create=True)
        if secret is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) > MAX_ENTRY_BYTES:
            return
        data = MAGIC + entry_key.encode() + b"\n" + _mac(secret, entry_key, payload) + payload
        import tempfile  # only when storing (~1 ms of imports a cache hit does not need)

        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=base)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, base / f"{entry_key}.pickle")
        tmp = None
        _prune(base)
    except Exception:  # noqa: BLE001 - unpicklable value, read-only or full disk: the cache is only an optimisation
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(base: Path) -> None:
    """Keep the folder under `MAX_TOTAL_BYTES`: oldest entries go first, down to half of it."""
    entries = []
    for entry in os.scandir(base):
        if entry.name.endswith(".pickle"):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                entries.append((info.st_mtime_ns, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    if total <= MAX_TOTAL_BYTES:
        return
    for _, size, path in sorted(entries):
        if total <= MAX_TOTAL_BYTES // 2:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size


def clear() -> None:
    """Remove every entry (the folder and its key stay)."""
    base = folder()
    if usable_folder(base):
        for entry in os.scandir(base):
            if entry.name.endswith(".pickle"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
