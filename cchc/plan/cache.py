"""The parsed-plan cache: a plan file read once is not parsed again while its bytes stay the same.

Entries live in `.cchc_cache/` in the current directory (`CCHC_CACHE_DIR` moves it,
`CCHC_NO_CACHE=1` turns it off). The current directory, not the plans' folder, because a
command is run from the repository root in practice (as CI does), plans folders stay clean,
and one `make clean` or `rm -rf .cchc_cache` empties it. The folder carries its own
`.gitignore`, so it never shows up in `git status` of any repository.

An entry is keyed by a BLAKE2b hash of the file's bytes, the path as given (the model records it
in every location), the cchc version and a fingerprint of the code that builds the model
(`loader.py`, `model.py`, `spec.py`, `errors.py`, `record.py`), so editing that code invalidates
every entry. Model objects pickle as their class and field values (`cchc.record`).
A cache entry is a pickle, so it is trusted only as far as a file the user owns: entries
in a folder or file writable by others are ignored, and so is anything whose header, key or
type does not match, or that fails to unpickle in any way. Only files that loaded cleanly
are stored; writes are atomic. Any failure to read or write the cache falls back to parsing.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc import __version__

try:  # C BLAKE2 on its own: `import hashlib` loads OpenSSL first, ~2 ms of every command.
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b as _hash

MAGIC = b"CCHC-CACHE/1\n"
#: Entries kept before the least recently written half is pruned.
MAX_ENTRIES = 2000
_CODE = ("loader.py", "model.py", "spec.py", "errors.py", "record.py", "cache.py")


def enabled() -> bool:
    return os.environ.get("CCHC_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    return Path(os.environ.get("CCHC_CACHE_DIR") or ".cchc_cache")


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
    here = Path(__file__).resolve().parent
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


def _trusted(path: Path) -> bool:
    """Owned by us (or by root when we are root) and not writable by group or others."""
    try:
        info = path.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def fetch(entry_key: str) -> Any:
    """The value stored under `entry_key`, or None when absent, untrusted, corrupt or stale."""
    if not enabled():
        return None
    base = folder()
    path = base / f"{entry_key}.pickle"
    try:
        with path.open("rb") as handle:
            if not (_trusted(base) and _trusted(path)):
                return None
            data = handle.read()
    except OSError:
        return None
    header = MAGIC + entry_key.encode() + b"\n"
    if not data.startswith(header):
        return None
    try:
        return pickle.loads(memoryview(data)[len(header) :])
    except Exception:  # noqa: BLE001 - a corrupt entry can raise anything; it is a cache miss, never an error
        return None


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def store(entry_key: str, value: Any) -> None:
    """Store `value` under `entry_key`, atomically; silently does nothing if it cannot."""
    if not enabled():
        return
    base = folder()
    tmp: str | None = None
    try:
        payload = MAGIC + entry_key.encode() + b"\n" + _dumps(value)
        if not base.is_dir():
            base.mkdir(parents=True, exist_ok=True)
            os.chmod(base, 0o755)  # a group-writable folder (umask 002) would never be trusted
            (base / ".gitignore").write_text("# cchc's parsed-plan cache (safe to delete)\n*\n", encoding="utf-8")
        import tempfile  # only when storing (~1 ms of imports a cache hit does not need)

        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=base)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
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
    entries = [e for e in os.scandir(base) if e.name.endswith(".pickle") and not e.name.startswith(".")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for entry in entries[: len(entries) // 2]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def clear() -> None:
    """Remove every entry (the folder stays)."""
    base = folder()
    if base.is_dir():
        for entry in os.scandir(base):
            if entry.name.endswith(".pickle"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
