"""The parsed-plan cache: a hit gives the same plan; corrupt, stale, untrusted or failed entries are never used."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from cchc.errors import CchcError, Loc
from cchc.plan import cache, loader
from cchc.plan.loader import load_plan
from cchc.record import restore

ONE_ITEM = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: t1
        text: Ban hành Kế hoạch
        lead: [Sở Tư pháp]
        due: Tháng 12/2024
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.delenv("CCHC_NO_CACHE", raising=False)
    monkeypatch.setenv("CCHC_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths actually parsed (cache misses)."""
    seen: list[str] = []
    real = loader.parse_plan

    def spy(text: str, path: str) -> object:
        seen.append(path)
        return real(text, path)

    monkeypatch.setattr(loader, "parse_plan", spy)
    return seen


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_second_load_is_a_hit_with_an_equal_plan(
    cache_dir: Path, parses: list[str], write_plan: Callable[..., Path]
) -> None:
    path = write_plan(ONE_ITEM)
    first = load_plan(path)
    second = load_plan(path)
    assert parses == [str(path)]
    assert second == first
    assert second.sections[0].items[0].where("due") == first.sections[0].items[0].where("due")
    assert len(entries(cache_dir)) == 1
    assert (cache_dir.stat().st_mode & 0o777, (cache_dir / "key").stat().st_mode & 0o777) == (0o700, 0o600)


def test_changed_bytes_are_parsed_again(cache_dir: Path, parses: list[str], write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM)
    load_plan(path)
    write_plan(ONE_ITEM.replace("Tháng 12/2024", "Quý IV/2024"))
    assert load_plan(path).sections[0].items[0].due == "Quý IV/2024"
    assert len(parses) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # empty
        lambda data: data[: len(data) // 2],  # truncated mid-pickle
        lambda data: b"NOT-CCHC" + data[8:],  # wrong magic
        lambda data: data[:-40] + os.urandom(40),  # garbage tail
        lambda data: data.split(b"\n", 2)[0] + b"\n" + b"0" * 64 + b"\n" + data.split(b"\n", 2)[2],  # wrong key
        lambda data: data.split(b"\n", 2)[0] + b"\n" + data.split(b"\n", 2)[1] + b"\n" + pickle.dumps({"a": 1}),
    ],
    ids=["empty", "truncated", "magic", "garbage", "key", "wrong-type"],
)
def test_corrupt_entry_is_ignored_and_replaced(
    cache_dir: Path, parses: list[str], write_plan: Callable[..., Path], damage: Callable[[bytes], bytes]
) -> None:
    path = write_plan(ONE_ITEM)
    expected = load_plan(path)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_plan(path) == expected
    assert len(parses) == 2
    assert load_plan(path) == expected  # the entry was rewritten: a hit again
    assert len(parses) == 2


class _OldLoc:
    """Pickles like a `Loc` written by a model whose Loc had one field only."""

    def __reduce__(self) -> tuple[object, ...]:
        return restore, (Loc, ("only-a-file",))


def test_stale_field_list_is_a_miss(cache_dir: Path, parses: list[str], write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM)
    expected = load_plan(path)
    (entry,) = entries(cache_dir)
    cache.store(entry.stem, _OldLoc())  # authenticated, yet its records no longer fit the code
    assert load_plan(path) == expected
    assert len(parses) == 2


def test_new_code_or_version_changes_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key("plan", "a.yaml", b"data")
    cache.fingerprint.cache_clear()
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    try:
        assert cache.key("plan", "a.yaml", b"data") != before
    finally:
        cache.fingerprint.cache_clear()
    assert cache.key("plan", "b.yaml", b"data") != cache.key("plan", "a.yaml", b"data")
    assert cache.key("plan", "a.yaml", b"datb") != cache.key("plan", "a.yaml", b"data")


def test_failed_load_is_never_cached(cache_dir: Path, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM + "        due: Quý II/2024\n")  # duplicate key
    for _ in range(2):
        with pytest.raises(CchcError):
            load_plan(path)
    assert entries(cache_dir) == []


def test_no_cache_env_disables_it(
    cache_dir: Path, parses: list[str], write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_NO_CACHE", "1")
    path = write_plan(ONE_ITEM)
    load_plan(path)
    load_plan(path)
    assert len(parses) == 2
    assert not cache_dir.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_entry_writable_by_others_is_not_trusted(
    cache_dir: Path, parses: list[str], write_plan: Callable[..., Path]
) -> None:
    path = write_plan(ONE_ITEM)
    load_plan(path)
    (entry,) = entries(cache_dir)
    entry.chmod(0o666)
    load_plan(path)
    assert len(parses) == 2


def test_unwritable_cache_folder_is_silently_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_plan: Callable[..., Path]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.delenv("CCHC_NO_CACHE", raising=False)
    monkeypatch.setenv("CCHC_CACHE_DIR", str(blocker / "cache"))
    plan = load_plan(write_plan(ONE_ITEM))
    assert plan.sections[0].items[0].id == "t1"


# --- validate results ------------------------------------------------------------------------


@pytest.fixture
def check_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files whose checks actually ran (result-cache misses)."""
    from cchc.checks import runner as validate

    seen: list[str] = []
    real = validate._check_file

    def spy(name: str, data: bytes, **kwargs: object) -> object:
        seen.append(name)
        return real(name, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "_check_file", spy)
    return seen


def test_validate_results_are_cached_by_everything_they_depend_on(
    cache_dir: Path, check_runs: list[str], write_plan: Callable[..., Path]
) -> None:
    from datetime import date

    from cchc.checks.config import Config
    from cchc.checks.runner import validate

    path = write_plan(ONE_ITEM.replace("Ban hành Kế hoạch", "Ban  hành <b>Kế hoạch</b>"))
    day = date(2024, 6, 30)
    first = validate([path], config=Config(), today=day).problems
    assert {p.code for p in first} >= {"X101"}
    assert validate([path], config=Config(), today=day).problems == first
    assert len(check_runs) == 1  # the second run only read and hashed the file
    validate([path], config=Config(), today=date(2024, 7, 1))  # another day: time checks may differ
    validate([path], config=Config(ignore=("X101",)), today=day)  # another configuration
    assert len(check_runs) == 3
    (path.parent / "agencies.yaml").write_text("format: cchc-agencies/1\nagencies: []\n", encoding="utf-8")
    validate([path], config=Config(), today=day)  # a registry beside the plan appeared
    assert len(check_runs) == 4
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    validate([path], config=Config(), today=day)  # the file changed
    assert len(check_runs) == 5


def test_registry_and_its_cell_readings_are_cached_by_the_registry_files(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc.agencies import registry as reg
    from cchc.agencies.mentions import read_cells

    head = "format: cchc-agencies/1\nprovince: Thử\nagencies:\n"
    province = tmp_path / "agencies.yaml"
    province.write_text(head + "  - name: Ban Thử nghiệm\n", encoding="utf-8")
    reg._loaded.clear()
    first = reg.load_registry((province,))
    assert [m.agency for m in read_cells(("Sở Tư pháp; Ban Thử nghiệm",), first)] == ["Sở Tư pháp", "Ban Thử nghiệm"]
    reg.remember(first)
    reg._loaded.clear()
    second = reg.load_registry((province,))
    assert second is not first and "Sở Tư pháp; Ban Thử nghiệm" in second.cell_cache
    # A changed province file is another registry: nothing read with the old one is reused.
    province.write_text(head + "  - name: Ban Khác\n", encoding="utf-8")
    reg._loaded.clear()
    third = reg.load_registry((province,))
    assert third.cell_cache == {} and third.lookup("Ban Thử nghiệm") is None
    monkeypatch.setenv("CCHC_NO_CACHE", "1")
    reg._loaded.clear()
    assert reg.load_registry((province,)).cache_entry is None
    reg._loaded.clear()
