"""Atomic writes leave the original untouched when the write fails."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cchc.errors import CchcError
from cchc.files import atomic_write


def test_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")
    atomic_write(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_full_disk_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"original")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(CchcError) as info:
        atomic_write(target, b"new content")
    assert info.value.problems[0].code == "W001"
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.xlsx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.xlsx").stat().st_mode & 0o777 == 0o644


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640
