"""Running cchc the way an attacker's repository meets it: a real process, bounded in time and memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cchc(
    *args: str, cwd: Path, env: dict[str, str] | None = None, seconds: float = 20, mib: int = 1024
) -> subprocess.CompletedProcess[bytes]:
    """`python -m cchc ARGS` in `cwd` with at most `mib` MiB of address space and `seconds` of time.

    Exceeding the time raises `subprocess.TimeoutExpired` (the test fails); exceeding the memory
    makes allocation fail inside cchc, which must still end in a clear message, not a traceback.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mib * 1024 * 1024, mib * 1024 * 1024))

    full = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_NO_CACHE": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        timeout=seconds,
        preexec_fn=limit,
        check=False,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[bytes], code: str, exit_code: int = 2) -> str:
    """Exit `exit_code`, the problem `code` named (on stdout for validate, else stderr), no traceback
    and no internal error; returns all the output."""
    err = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == exit_code, (result.returncode, err[-2000:])
    assert code in err, err[-2000:]
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err[-2000:]
    return err
