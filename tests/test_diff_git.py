"""Plan changes in git: `cchc diff --rev` on a temporary repository of a real plan, the textconv
driver (`cchc show --for-diff`, `cchc git-setup`) and bad input (unknown revision, missing and
unparsable files)."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.escape import md_cell as md_escape
from cchc.plan.loader import discover, load_plan
from cchc.plan.model import Entry
from cchc.review.compare import item_label
from cchc.review.textconv import for_diff

ROOT = Path(__file__).resolve().parent.parent
REAL_PLANS = discover([ROOT / "plans"])
TQ_2024 = "plans/tuyen-quang/2024.yaml"
TEXTCONV = f"{shlex.quote(sys.executable)} -m cchc show --for-diff"


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-c", "user.name=cchc test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository that ignores the user's git configuration; the working directory."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q")
    monkeypatch.chdir(top)
    return top


# --- editing a real plan through ruamel.yaml, so both commits have the same layout -----------


def yaml_rt() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def items_of(node: Any) -> list[Any]:
    found = []
    for child in node.get("items") or []:
        found.append(child)
        found.extend(items_of(child))
    for sec in node.get("sections") or []:
        found.extend(items_of(sec))
    return found


def find(data: Any, item_id: str) -> Any:
    return next(i for i in items_of(data) if i["id"] == item_id)


def parent_of(data: Any, item_id: str) -> Any:
    def walk(node: Any) -> Any:
        for child in node.get("items") or []:
            if child["id"] == item_id:
                return node
            found = walk(child)
            if found is not None:
                return found
        for sec in node.get("sections") or []:
            found = walk(sec)
            if found is not None:
                return found
        return None

    return walk(data)


def write(yaml: Any, data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


@pytest.fixture
def two_commits(repo: Path) -> Path:
    """Tuyên Quang 2024 committed, then a second commit: a deadline moved, a lead reassigned,
    an item removed, the next one renumbered, a new one added. `--rev HEAD~1` compares them."""
    yaml = yaml_rt()
    data = yaml.load((ROOT / TQ_2024).read_text(encoding="utf-8"))
    # The fields the test asserts are set in the first commit, so it reads the same whatever
    # the imported wording of these cells is.
    find(data, "I-1")["due"] = "Quý II/2024"
    find(data, "I-3")["lead"] = ["Văn phòng UBND tỉnh"]
    i14 = find(data, "I-14")
    i14["lead"], i14["support"], i14["due"] = ["Sở Tư pháp"], ["Các sở, ban, ngành"], "Năm 2024"
    find(data, "I-15")["number"] = "15"
    write(yaml, data, repo / TQ_2024)
    commit(repo, "Kế hoạch 268/KH-UBND")

    find(data, "I-1")["due"] = "Quý III/2024"
    find(data, "I-3")["lead"] = ["Sở Nội vụ"]
    siblings = parent_of(data, "I-14")["items"]
    siblings.remove(find(data, "I-14"))
    find(data, "I-15")["number"] = "14"
    new_item = {
        "id": "I-16",
        "number": "15",
        "kind": "task",
        "text": "Tổ chức tập huấn kỹ năng soạn thảo văn bản QPPL",
        "lead": ["Sở Tư pháp"],
        "due": "Quý IV/2024",
    }
    siblings.append(new_item)
    write(yaml, data, repo / TQ_2024)
    commit(repo, "Điều chỉnh kế hoạch")
    return repo


def original(item_id: str) -> Any:
    return load_plan(ROOT / TQ_2024).item(item_id)


def test_rev_json_exact_change_list(two_commits: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1", TQ_2024, "--format", "json", "--exit-code"])
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert (doc["schema"], doc["changed"], doc["problems"]) == ("cchc-diff/1", True, [])
    (fd,) = doc["files"]
    assert {k: fd[k] for k in ("path", "title", "status", "old", "new")} == {
        "path": TQ_2024,
        "title": "Tuyên Quang 2024",
        "status": "modified",
        "old": f"HEAD~1:{TQ_2024}",
        "new": TQ_2024,
    }
    locs = [c.pop("loc") for c in fd["changes"]]
    labels = [c.pop("label") for c in fd["changes"]]
    assert fd["changes"] == [
        {
            "kind": "time",
            "target": "I-1",
            "field": "due",
            "old": "Quý II/2024",
            "new": "Quý III/2024",
            "old_date": "2024-06-30",
            "new_date": "2024-09-30",
            "shift_days": 92,
        },
        {
            "kind": "agencies",
            "target": "I-3",
            "field": "lead",
            "old": "Văn phòng UBND tỉnh",
            "new": "Sở Nội vụ",
            "added": ["Sở Nội vụ"],
            "removed": ["Văn phòng UBND tỉnh"],
        },
        {
            "kind": "removed",
            "target": "I-14",
            "field": "I › I-g2",
            "old": original("I-14").text,
            "detail": "chủ trì: Sở Tư pháp; phối hợp: Các sở, ban, ngành; hạn: Năm 2024",
        },
        {"kind": "renumbered", "target": "I-15", "field": "number", "old": "15", "new": "14"},
        {
            "kind": "added",
            "target": "I-16",
            "field": "I › I-g2",
            "new": "Tổ chức tập huấn kỹ năng soạn thảo văn bản QPPL",
            "detail": "chủ trì: Sở Tư pháp; hạn: Quý IV/2024",
        },
    ]
    new_plan = load_plan(two_commits / TQ_2024)
    assert labels == [
        item_label(new_plan.item("I-1")),  # type: ignore[arg-type]
        item_label(new_plan.item("I-3")),  # type: ignore[arg-type]
        item_label(original("I-14")),
        "[14] " + item_label(original("I-15")).removeprefix("[15] "),
        "[15] Tổ chức tập huấn kỹ năng soạn thảo văn bản QPPL",
    ]
    # Locations: the new value in the working tree; a removed item in the old revision.
    lines = (two_commits / TQ_2024).read_text(encoding="utf-8").splitlines()

    def line_at(loc: str) -> str:
        return lines[int(loc.split(":")[-2]) - 1].strip()

    assert line_at(locs[0]) == "due: Quý III/2024"
    assert line_at(locs[1]) == "- Sở Nội vụ"
    assert re.fullmatch(rf"HEAD~1:{TQ_2024}:\d+:\d+", locs[2])
    assert line_at(locs[3]) == 'number: "14"'
    assert line_at(locs[4]) == "- id: I-16"


def test_rev_markdown_exact(two_commits: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    new_plan = load_plan(two_commits / TQ_2024)

    def who(item_id: str) -> str:
        item = new_plan.item(item_id) or original(item_id)
        assert item is not None
        return f"`{item_id}` {md_escape(item_label(item))}"

    removed_text = md_escape(original("I-14").text)
    assert result.stdout == "\n".join(
        [
            "## Thay đổi kế hoạch CCHC",
            "",
            f"### Tuyên Quang 2024 — `{TQ_2024}`",
            "",
            "5 thay đổi ở 5 mục.",
            "",
            "| Mục | Thay đổi | Chi tiết |",
            "| --- | --- | --- |",
            f"| {who('I-1')} | Thời gian hoàn thành | "
            "Quý II/2024 → Quý III/2024: lùi 92 ngày (30/06/2024 → 30/09/2024) |",
            f"| {who('I-3')} | Chủ trì | thêm **Sở Nội vụ**; bỏ ~~Văn phòng UBND tỉnh~~ |",
            f"| {who('I-14')} | Xoá mục | {removed_text} (ở I › I-g2) — "
            "chủ trì: Sở Tư pháp; phối hợp: Các sở, ban, ngành; hạn: Năm 2024 |",
            f"| {who('I-15')} | Đổi số thứ tự | 15 → 14 |",
            f"| {who('I-16')} | Thêm mục | Tổ chức tập huấn kỹ năng soạn thảo văn bản QPPL (ở I › I-g2) — "
            "chủ trì: Sở Tư pháp; hạn: Quý IV/2024 |",
            "",
        ]
    )


def test_rev_terminal_text(two_commits: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["diff", "--rev", "HEAD", "--exit-code"]).exit_code == 0  # nothing since HEAD
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1"])
    assert result.exit_code == 0
    assert "Thời gian hoàn thành: Quý II/2024 → Quý III/2024: lùi 92 ngày (30/06/2024 → 30/09/2024)" in result.stdout
    assert "Chủ trì: thêm Sở Nội vụ; bỏ Văn phòng UBND tỉnh" in result.stdout
    assert "5 thay đổi ở 5 mục" in result.stdout


# --- bad input --------------------------------------------------------------------------------


def test_unknown_revision_exits_2(two_commits: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--rev", "no-such-branch"])
    assert result.exit_code == 2
    assert "không có phiên bản (unknown revision) 'no-such-branch'" in result.output
    assert "Traceback" not in result.output


def test_not_a_repository_exits_2(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "--rev", "HEAD"])
    assert result.exit_code == 2 and "không phải kho git" in result.output


def test_file_absent_in_one_revision(repo: Path, runner: CliRunner) -> None:
    (repo / "plans").mkdir()
    (repo / "plans" / "keep.txt").write_text("x\n")
    commit(repo, "empty")
    example = (ROOT / "docs" / "examples" / "2024.yaml").read_text(encoding="utf-8")
    (repo / "plans" / "a.yaml").write_text(example, encoding="utf-8")
    added = json.loads(runner.invoke(app, ["diff", "--rev", "HEAD", "--format", "json"]).stdout)
    (fd,) = added["files"]
    assert (fd["status"], fd["old"], fd["new"]) == ("added", None, "plans/a.yaml")
    roots = [c["target"] for c in fd["changes"] if c["kind"] == "added"]
    assert roots == ["I-1", "I-2", "II-A-1"]  # the rest are in their `affects`
    commit(repo, "add plan")
    (repo / "plans" / "a.yaml").unlink()
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--format", "json", "--exit-code"])
    assert result.exit_code == 1
    (fd,) = json.loads(result.stdout)["files"]
    assert (fd["status"], fd["new"]) == ("removed", None)
    assert [c["kind"] for c in fd["changes"]].count("removed") == 3


def test_unparsable_in_one_revision_exits_2_and_compares_the_rest(repo: Path, runner: CliRunner) -> None:
    example = (ROOT / "docs" / "examples" / "2024.yaml").read_text(encoding="utf-8")
    (repo / "plans").mkdir()
    (repo / "plans" / "bad.yaml").write_text("format: [\n", encoding="utf-8")
    (repo / "plans" / "good.yaml").write_text(example, encoding="utf-8")
    commit(repo, "one broken plan")
    (repo / "plans" / "bad.yaml").write_text(example, encoding="utf-8")
    (repo / "plans" / "good.yaml").write_text(example.replace("due: Quý II/2024", "due: Quý III/2024"), "utf-8")
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--format", "json"])
    assert result.exit_code == 2
    assert "HEAD:plans/bad.yaml:2:1: error[L002]" in result.stderr
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == ["plans/good.yaml"]
    assert doc["problems"][0].startswith("HEAD:plans/bad.yaml:2:1: error[L002]")
    # Only file named, and it cannot be compared: nothing compared, exit 2.
    alone = runner.invoke(app, ["diff", "--rev", "HEAD", "plans/bad.yaml"])
    assert alone.exit_code == 2


def test_missing_path_exits_2(two_commits: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "plans/nope"])
    assert result.exit_code == 2 and "không tìm thấy" in result.output


# --- git integration --------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_PLANS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_textconv_is_stable(path: Path, runner: CliRunner) -> None:
    first = for_diff(load_plan(path))
    assert first == for_diff(load_plan(path))
    result = runner.invoke(app, ["show", "--for-diff", str(path)])
    assert result.exit_code == 0 and result.stdout == first
    plan = load_plan(path)
    items = sum(1 for _ in plan.entries())
    sections = sum(1 for _ in plan.all_sections())
    item_lines = [line for line in first.splitlines() if line.startswith("  ") and not line.lstrip().startswith("§")]
    assert len(item_lines) == items
    assert sum(1 for line in first.splitlines() if line.lstrip().startswith("§ ")) == sections


def test_textconv_of_a_broken_file_is_the_file(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: cchc-plan/1\nplan: [\n", encoding="utf-8")
    result = runner.invoke(app, ["show", "--for-diff", str(bad)])
    assert result.exit_code == 0 and result.stdout == "format: cchc-plan/1\nplan: [\n"
    assert "hiện nguyên văn" in result.stderr
    registry = tmp_path / "agencies.yaml"
    registry.write_text("agencies:\n  - name: Sở Tư pháp\n", encoding="utf-8")
    quiet = runner.invoke(app, ["show", "--for-diff", str(registry)])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "agencies:\n  - name: Sở Tư pháp\n", "")


@pytest.mark.parametrize("path", REAL_PLANS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_git_diff_with_driver_shows_one_changed_line(
    path: Path, repo: Path, runner: CliRunner, write_edit: Callable[[Path, Path], str]
) -> None:
    setup = runner.invoke(app, ["git-setup", "--command", TEXTCONV])
    assert setup.exit_code == 0, setup.output
    changed = write_edit(path, repo)
    out = git(repo, "diff", "--no-color", "-U0")
    body = [line for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(body) == 2, out
    assert body[0].startswith("-") and body[1].startswith("+")
    assert body[1].endswith(changed) or f"due: {changed} ·" in body[1]
    assert body[0].lstrip("-").split(" · ")[0] == body[1].lstrip("+").split(" · ")[0]  # same item


@pytest.fixture
def write_edit() -> Callable[[Path, Path], str]:
    """Commit a real plan as it is, then change the first `due:` value in the working tree."""

    def edit(path: Path, repo: Path) -> str:
        rel = Path("plans") / path.parent.name / path.name
        target = repo / rel
        target.parent.mkdir(parents=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(text, encoding="utf-8")
        commit(repo, "plan")
        new_value = "Quý IV/2031"
        edited, count = re.subn(r"(?m)^(\s+due: ).+$", rf"\g<1>{new_value}", text, count=1)
        assert count == 1
        target.write_text(edited, encoding="utf-8")
        return new_value

    return edit


def test_git_setup_is_idempotent(repo: Path, runner: CliRunner) -> None:
    (repo / ".gitattributes").write_text("*.txt text", encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["git-setup", "--command", TEXTCONV])
        assert result.exit_code == 0, result.output
    assert git(repo, "config", "--get", "diff.cchc.textconv").strip() == TEXTCONV
    assert git(repo, "config", "--get", "diff.cchc.xfuncname").strip() == "^ *§ .*$"
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == "*.txt text\nplans/**/*.yaml diff=cchc\n"
    assert "đã có" in result.output
    check = git(repo, "check-attr", "diff", "--", "plans/tuyen-quang/2024.yaml")
    assert check.strip().endswith("diff: cchc")


@pytest.mark.parametrize("path", REAL_PLANS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lead_changed_where_it_is_written_is_reported_once_on_a_real_plan(path: Path) -> None:
    from cchc.plan.loader import parse_plan
    from cchc.review.compare import diff_plans

    text = path.read_text(encoding="utf-8")
    plan = parse_plan(text, str(path))

    # An item that writes a lead, preferably one whose children inherit it (a merged cell).
    def reached_by(owner: Entry) -> list[str]:
        return [e.item.id for e in plan.entries() if owner.item in e.ancestors and e.owner("lead") is owner.item]

    writers = [e for e in plan.entries() if e.item.lead]
    owner = max(writers, key=lambda e: bool(reached_by(e)))
    reached = reached_by(owner)
    yaml = yaml_rt()
    data = yaml.load(text)
    find(data, owner.item.id)["lead"] = ["Cơ quan mới"]
    out = io.StringIO()
    yaml.dump(data, out)
    new_plan = parse_plan(out.getvalue(), str(path))
    old_plan = parse_plan(_dump(yaml, yaml.load(text)), str(path))
    (change,) = diff_plans(old_plan, new_plan)
    assert (change.kind, change.target, change.field) == ("agencies", owner.item.id, "lead")
    assert (change.added, change.removed) == (("Cơ quan mới",), owner.item.lead)
    assert list(change.affects) == reached


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def test_two_revisions_with_to(two_commits: Path, runner: CliRunner) -> None:
    (two_commits / TQ_2024).write_text("format: [\n", encoding="utf-8")  # the working tree is not read
    result = runner.invoke(app, ["diff", "--rev", "HEAD~1", "--to", "HEAD", "--format", "json"])
    assert result.exit_code == 0, result.output
    (fd,) = json.loads(result.stdout)["files"]
    assert (fd["old"], fd["new"]) == (f"HEAD~1:{TQ_2024}", f"HEAD:{TQ_2024}")
    assert [c["target"] for c in fd["changes"]] == ["I-1", "I-3", "I-14", "I-15", "I-16"]
    unknown = runner.invoke(app, ["diff", "--rev", "HEAD~1", "--to", "nope"])
    assert unknown.exit_code == 2 and "'nope'" in unknown.output
    alone = runner.invoke(app, ["diff", "--to", "HEAD"])
    assert alone.exit_code == 2 and "--to cần đi cùng --rev" in alone.output
