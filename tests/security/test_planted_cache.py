"""A cache entry a repository (or anyone else) planted is never unpickled, and a cached answer is
always the uncached one (docs/security.md, "Cache")."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plan import cache

from .limits import ROOT, run_cchc

PLAN = (ROOT / "plans" / "tuyen-quang" / "2024.yaml").read_bytes()
REGISTRY = (ROOT / "plans" / "tuyen-quang" / "agencies.yaml").read_bytes()


class Payload:
    """Unpickling this creates a file: the proof a planted entry ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "plans" / "tinh").mkdir(parents=True)
    (repo / "plans" / "tinh" / "2024.yaml").write_bytes(PLAN)
    (repo / "plans" / "tinh" / "agencies.yaml").write_bytes(REGISTRY)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _plant(folder: Path, entry_key: str, marker: Path, *, mac: bytes = b"\0" * cache.MAC_BYTES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = cache.MAGIC + entry_key.encode() + b"\n" + mac + pickle.dumps(Payload(marker))
    (folder / f"{entry_key}.pickle").write_bytes(data)


def test_entry_committed_in_the_repository_is_never_read(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    marker = tmp_path / "ran"
    name = "plans/tinh/2024.yaml"
    for folder in (repo / ".cchc_cache", repo / "plans" / ".cchc_cache"):
        _plant(folder, cache.key("plan", name, PLAN), marker)
    home = tmp_path / "home"
    result = run_cchc(
        "validate", "--strict", "plans/", cwd=repo, env={"CCHC_NO_CACHE": "0", "HOME": str(home), "XDG_CACHE_HOME": ""}
    )
    assert not marker.exists()
    assert result.returncode == 0, result.stderr.decode()


def test_cache_folder_inside_the_work_tree_is_neither_read_nor_written(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    marker = tmp_path / "ran"
    inside = repo / "cache"
    _plant(inside, cache.key("plan", "plans/tinh/2024.yaml", PLAN), marker)
    before = sorted(p.name for p in inside.iterdir())
    result = run_cchc("plans", "plans/", cwd=repo, env={"CCHC_NO_CACHE": "0", "CCHC_CACHE_DIR": str(inside)})
    assert result.returncode == 0 and not marker.exists()
    assert sorted(p.name for p in inside.iterdir()) == before


def test_entry_without_our_mac_is_never_unpickled(tmp_path: Path) -> None:
    """Even in the user's own cache folder: right name, right header, wrong MAC."""
    repo = _repo(tmp_path)
    marker = tmp_path / "ran"
    folder = tmp_path / "usercache"
    env = {"CCHC_NO_CACHE": "0", "CCHC_CACHE_DIR": str(folder)}
    assert run_cchc("plans", "plans/", cwd=repo, env=env).returncode == 0  # creates the folder and its key
    entry_key = cache.key("plan", "plans/tinh/2024.yaml", PLAN)
    for entry in folder.glob("*.pickle"):
        entry.unlink()
    _plant(folder, entry_key, marker)
    assert run_cchc("plans", "plans/", cwd=repo, env=env).returncode == 0
    assert not marker.exists()


@pytest.mark.parametrize("how", ["symlink", "group-writable", "other-owner-key"])
def test_untrusted_cache_folder_is_not_used(tmp_path: Path, how: str) -> None:
    repo = _repo(tmp_path)
    marker = tmp_path / "ran"
    real = tmp_path / "real"
    folder = tmp_path / "usercache"
    env = {"CCHC_NO_CACHE": "0", "CCHC_CACHE_DIR": str(folder)}
    assert run_cchc("plans", "plans/", cwd=repo, env=env).returncode == 0
    key_file = folder / "key"
    entry_key = cache.key("plan", "plans/tinh/2024.yaml", PLAN)
    from cchc.plan.cache import _mac

    mac = _mac(key_file.read_bytes(), entry_key, pickle.dumps(Payload(marker)))
    if how == "symlink":
        shutil.move(folder, real)
        folder.symlink_to(real)
        _plant(real, entry_key, marker, mac=mac)
    elif how == "group-writable":
        _plant(folder, entry_key, marker, mac=mac)
        folder.chmod(0o777)
    else:
        _plant(folder, entry_key, marker, mac=mac)
        key_file.chmod(0o644)  # a key others could read is no secret: the folder is not trusted
    run_cchc("plans", "plans/", cwd=repo, env=env)
    assert not marker.exists()


# --- a cached answer is the uncached answer ------------------------------------------------------

EDITS = st.sampled_from(["reword", "insert-line", "markup", "move", "registry", "registry-gone", "fix"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(EDITS, min_size=1, max_size=5))
def test_cached_validate_equals_uncached(
    steps: list[str], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc.agencies import registry as reg
    from cchc.checks.config import Config
    from cchc.checks.fix import fix_report
    from cchc.checks.runner import validate

    work = tmp_path_factory.mktemp("work")
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    folder = work / "plans" / "tinh"
    folder.mkdir(parents=True)
    plan = folder / "2024.yaml"
    plan.write_bytes(PLAN)
    day = date(2024, 6, 30)

    def run(cached: bool) -> list[str]:
        monkeypatch.setenv("CCHC_NO_CACHE", "0" if cached else "1")
        reg._loaded.clear()
        files = sorted(str(p) for p in (work / "plans").rglob("2024*.yaml"))
        report = validate(files, config=Config(), today=day, jobs=1)
        return [str(p) + "|" + p.message for p in report.problems]

    for step in steps:
        text = plan.read_text(encoding="utf-8")
        if step == "reword":
            plan.write_text(text.replace("Sở Tư pháp", "Sở Tư  pháp", 1), encoding="utf-8")
        elif step == "insert-line":
            plan.write_text(text.replace("sections:\n", "# ghi chú\nsections:\n", 1), encoding="utf-8")
        elif step == "markup":
            plan.write_text(text.replace("Sở Nội vụ", "<b>Sở Nội vụ</b>", 1), encoding="utf-8")
        elif step == "move":
            new = folder / ("2024-b.yaml" if plan.name == "2024.yaml" else "2024.yaml")
            plan.rename(new)
            plan = new
        elif step == "registry":
            (folder / "agencies.yaml").write_bytes(REGISTRY)
        elif step == "registry-gone":
            (folder / "agencies.yaml").unlink(missing_ok=True)
        else:
            monkeypatch.setenv("CCHC_NO_CACHE", "0")
            fix_report(validate([str(plan)], config=Config(), today=day, jobs=1))
        warm = run(cached=True)
        assert run(cached=True) == warm  # the second cached run (all hits) …
        assert warm == run(cached=False)  # … and the first are the uncached answer
