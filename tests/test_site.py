"""`cchc site`: the files it writes, escaping of plan text, the same bytes twice, nothing external."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plans
from cchc.render.svg import month_chart, share_chart
from cchc.reports.site import site_data

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2024-06-01"

EVIL = '<script>alert(1)</script> "onmouseover=alert(2) x="'
ITEMS = f"""\
sections:
  - number: I
    title: 'CẢI CÁCH <script>alert(3)</script>'
    items:
      - id: I-1
        number: "1"
        text: '{EVIL}'
        output: "<img src=x onerror=alert(4)>"
        lead: [Sở Tư pháp]
        support: ['Sở Nội vụ "onmouseover=alert(5)']
        due: Quý I/2024
      - id: I-2
        number: "2"
        text: Rà soát văn bản
        lead: [Sở Tư pháp]
        due: Quý II/2024
      - id: I-3
        number: "3"
        text: Đã xong
        lead: [Sở Nội vụ]
        due: Tháng 03/2024
        progress: {{status: done, done_date: 2024-03-10}}
      - id: I-4
        number: "4"
        text: Báo cáo tháng
        lead: ["Các sở, ban, ngành"]
        due: Hàng tháng
"""


class Page(HTMLParser):
    """Every element's attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.scripts.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def build(runner: CliRunner, plans: Path, out: Path, *extra: str) -> dict[str, bytes]:
    result = runner.invoke(app, ["site", str(plans), "-o", str(out), "--today", TODAY, *extra])
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def plan(write_plan: Callable[..., Path], tmp_path: Path) -> Path:
    (tmp_path / "tq").mkdir()
    return write_plan(ITEMS, "tq/2024.yaml")


def test_the_site_has_an_index_a_page_per_plan_and_agency_and_calendars(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    files = build(runner, plan, tmp_path / "public")
    assert set(files) == {
        "index.html",
        "ke-hoach/tq-2024.html",
        "co-quan/tuyen-quang--so-tu-phap.html",
        "co-quan/tuyen-quang--so-noi-vu.html",
        "lich.ics",
        "lich/tuyen-quang--so-tu-phap.ics",
        "lich/tuyen-quang--so-noi-vu.ics",
        "assets/site.css",
        "assets/site.js",
    }
    index = files["index.html"].decode()
    assert '<a href="ke-hoach/tq-2024.html">Tuyên Quang 2024</a>' in index
    assert 'href="co-quan/tuyen-quang--so-tu-phap.html"' in index and 'data-key="so tu phap tuyen quang"' in index
    assert index.count("<svg") == 2
    agency = files["co-quan/tuyen-quang--so-tu-phap.html"].decode()
    # I-1 overdue; the monthly report (via the group) due 30/06 within 30 days, I-2 too.
    assert "Quá hạn (1)" in agency and "Đến hạn trong 30 ngày tới (2)" in agency
    assert '<a href="../lich/tuyen-quang--so-tu-phap.ics" data-webcal>' in agency
    noi_vu = files["co-quan/tuyen-quang--so-noi-vu.html"].decode()
    assert "Đã hoàn thành (1)" in noi_vu and "10/03/2024" in noi_vu
    no_cal = build(runner, plan, tmp_path / "bare", "--no-calendars")
    assert not [name for name in no_cal if name.endswith(".ics")]
    assert "data-webcal" not in no_cal["index.html"].decode()


def test_plan_text_is_escaped_everywhere(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    files = build(runner, plan, tmp_path / "public")
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".html")}
    assert len(pages) == 4
    shown = 0
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert '"onmouseover=' not in html and "<img src=x" not in html, name
        page = parse(html)
        for tag, attrs in page.elements:
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").endswith("assets/site.js"), name  # type: ignore[union-attr]
        assert not page.scripts, name  # no inline script at all
        shown += html.count("&lt;script&gt;alert(1)&lt;/script&gt; &#34;onmouseover=alert(2)")
    assert shown >= 2  # the plan page and the agency page show the task text, escaped


def test_nothing_is_loaded_from_elsewhere(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    files = build(runner, plan, tmp_path / "public")
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        page = parse(data.decode())
        assert any(
            tag == "meta"
            and attrs.get("http-equiv") == "Content-Security-Policy"
            and "default-src 'none'" in str(attrs)
            for tag, attrs in page.elements
        )
        for tag, attrs in page.elements:
            for attr in ("src", "href", "action", "srcset", "poster", "data"):
                value = attrs.get(attr)
                if value is None or (tag == "link" and value == "data:,"):
                    continue
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", value), (name, tag, attr, value)
    assert b"url(" not in files["assets/site.css"] and b"@import" not in files["assets/site.css"]
    assert b"fetch(" not in files["assets/site.js"] and b"XMLHttpRequest" not in files["assets/site.js"]


def test_the_same_input_gives_the_same_bytes(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    assert build(runner, plan, tmp_path / "a") == build(runner, plan, tmp_path / "b")


def test_real_plans(runner: CliRunner, tmp_path: Path) -> None:
    files = build(runner, ROOT / "plans", tmp_path / "public")
    index = files["index.html"].decode()
    for name in ("Tuyên Quang 2024", "Hà Tĩnh 2024"):
        assert name in index
    assert "Kế hoạch khác" in index and "Tuyên Quang 2025–2030" in index  # not in force in 2024
    agencies = [n for n in files if n.startswith("co-quan/")]
    assert len(agencies) > 20
    assert all(f"lich/{n.removeprefix('co-quan/').removesuffix('.html')}.ics" in files for n in agencies)


def test_site_data_counts_the_four_buckets_and_months() -> None:
    site = site_data(load_plans([ROOT / "docs" / "examples"]), date(2024, 6, 1))
    (page,) = [a for a in site.agencies if a.name == "Sở Tư pháp"]
    # I-2-a1 (`Sau khi …`, event recorded 15/03/2024) has started: not done, within time (docs/due.md)
    assert page.buckets == {"done_on_time": 1, "done_late": 0, "not_done_in_time": 2, "not_done_overdue": 0}
    assert page.on_time_share == 1.0
    assert [m.month for m in site.months] == list(range(1, 13))
    assert sum(m.done for m in site.months) == 1


def test_charts_escape_their_labels() -> None:
    svg = share_chart([('<b>"x"</b>', 1, 0, 1)], "t<", "d&")
    assert "<b>" not in svg and "&lt;b&gt;&#34;x&#34;&lt;/b&gt;" in svg and "t&lt;" in svg and "d&amp;" in svg
    assert 'width="50%"' not in svg
    months = month_chart([("T1", 1, 2, 3)], "m", "d", 0)
    assert months.count("<rect") == 1 + 3 + 3  # the current month's band, three parts, the legend
