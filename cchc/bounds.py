"""Limits on the work one piece of untrusted input may cause: wall-clock time and memory.

A user's Markdown template and an imported document are programs and data cchc did not write;
their size limits are checked where they are read, and these two guards bound what is left:

- `time_limit(seconds)` raises `TimeLimitExceeded` inside the block once `seconds` have passed
  (SIGALRM through `signal.setitimer`, main thread only; the previous handler and any running
  timer are put back). Where no alarm can be set (another thread, no SIGALRM), the returned
  `Deadline` still tells loops that check it (`deadline.check()`) when to stop.
- `memory_limit(extra)` lets the address space grow by at most `extra` bytes in the block
  (RLIMIT_AS, Linux, main thread), so a runaway allocation raises `MemoryError` instead of
  swapping the machine or waking the OOM killer; the previous limit is put back.

Neither guard can interrupt one long call into C (a regular expression, a parser); callers bound
those by the size of what they hand over.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(Exception):
    """The block ran longer than its `time_limit`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"quá {seconds:g} giây (over {seconds:g} s)")
        self.seconds = seconds


class Deadline:
    """When a `time_limit` block must end; `check()` raises once it has passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise TimeLimitExceeded(self.seconds)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[Deadline]:
    """Raise `TimeLimitExceeded` in the block after `seconds` (see the module docstring)."""
    deadline = Deadline(seconds)
    if not (_main_thread() and hasattr(signal, "setitimer")):
        yield deadline
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    if outer and outer < seconds:  # an enclosing timer ends sooner: keep its end
        signal.setitimer(signal.ITIMER_REAL, outer)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)


def _address_space() -> int | None:
    """Bytes of address space this process maps now (Linux), or None where that is unknown."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextmanager
def memory_limit(extra: int) -> Iterator[None]:
    """Let the address space grow by at most `extra` bytes in the block (see the module docstring)."""
    try:
        import resource
    except ImportError:  # not POSIX
        yield
        return
    now = _address_space() if _main_thread() else None
    if now is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = now + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:  # already as tight
        yield
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
