"""The generated site in a real browser: headless Debian chromium driven by Playwright.

Checks what a person would: the agency search typed without diacritics filters the rows, the
plan table filters by state, pages work without JavaScript, nothing logs an error, and no request
leaves the site (from `file://` and from a local web server, as on Pages). Never downloads a
browser: Playwright launches `/usr/bin/chromium` (or `chromium` on PATH, or `$CCHC_CHROMIUM`);
the tests are skipped, with the reason, only when no chromium binary exists.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2024-06-01"


def chromium() -> str | None:
    for candidate in (os.environ.get("CCHC_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(app, ["site", str(ROOT / "plans"), "-o", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


class Watch:
    """A page with every console message, page error and request recorded; requests off the site are refused."""

    def __init__(self, browser: Any, allowed: str, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r: Any) -> None:
            url = r.request.url
            self.requests.append(url)
            if url.startswith(allowed) or url.startswith("data:"):
                r.continue_()
            else:
                self.refused.append(url)
                r.abort()

        self.page.route("**/*", route)

    def close(self) -> None:
        self.context.close()

    def check(self) -> None:
        assert self.errors == []
        assert self.refused == []


def visible_rows(page: Any, table: str) -> list[str]:
    return [str(t) for t in page.locator(f"#{table} tbody tr:visible").all_inner_texts()]


def test_agency_search_without_diacritics_filters_the_rows(browser: Any, site: Path) -> None:
    watch = Watch(browser, "file://")
    page = watch.page
    page.goto((site / "index.html").as_uri())
    every = visible_rows(page, "agency-table")
    assert len(every) > 20
    page.fill("#agency-q", "so tu phap")
    rows = visible_rows(page, "agency-table")
    assert len(rows) == 2 and all(r.startswith("Sở Tư pháp\t") for r in rows)  # plans/ holds real plans only
    assert sorted(r.split("\t")[1] for r in rows) == ["Hà Tĩnh", "Tuyên Quang"]
    assert page.inner_text("form[data-filter=agency-table] output") == f"Hiện 2/{len(every)}"
    page.fill("#agency-q", "VĂN PHÒNG ubnd")  # with marks and in capitals: the same fold
    assert {r.split("\t")[0] for r in visible_rows(page, "agency-table")} == {"Văn phòng UBND tỉnh"}
    page.fill("#agency-q", "")
    assert len(visible_rows(page, "agency-table")) == len(every)
    page.click("#agency-table a >> text=Sở Tư pháp >> nth=1")
    assert page.url.endswith("/co-quan/tuyen-quang--so-tu-phap.html")
    assert page.locator("h1").inner_text() == "Sở Tư pháp"
    first = page.locator("section[aria-labelledby=overdue-h] tbody a").first
    item = (first.get_attribute("href") or "").rsplit("#", 1)[1]
    first.click()  # to the row of the plan's table
    assert page.url.endswith(f"/ke-hoach/tuyen-quang-2024.html#{item}")
    assert page.locator(f"tr[id='{item}'] td[data-label='Trạng thái']").inner_text() == "Quá hạn"
    watch.check()
    assert {u.rsplit("/", 1)[-1].split("#")[0] for u in watch.requests} == {
        "index.html",
        "site.css",
        "site.js",
        "tuyen-quang--so-tu-phap.html",
        "tuyen-quang-2024.html",
    }
    watch.close()


def test_plan_table_filters_by_state_and_text(browser: Any, site: Path) -> None:
    watch = Watch(browser, "file://")
    page = watch.page
    page.goto((site / "ke-hoach" / "tuyen-quang-2024.html").as_uri())
    items = page.locator("#annex tbody tr[data-kind=item]")
    total = items.count()
    page.select_option("#annex-state", "overdue")
    shown = page.locator("#annex tbody tr[data-kind=item]:visible")
    assert 0 < shown.count() < total
    assert set(shown.locator("td[data-label='Trạng thái']").all_inner_texts()) == {"Quá hạn"}
    page.select_option("#annex-state", "")
    page.fill("#annex-q", "so tu phap")
    texts = page.locator("#annex tbody tr[data-kind=item]:visible").all_inner_texts()
    assert texts and all("Sở Tư pháp" in t for t in texts)
    watch.check()
    watch.close()


def test_pages_work_without_javascript(browser: Any, site: Path) -> None:
    watch = Watch(browser, "file://", java_script_enabled=False)
    page = watch.page
    page.goto((site / "index.html").as_uri())
    assert not page.locator("form[data-filter]").is_visible()  # the search box appears with the script only
    assert len(visible_rows(page, "agency-table")) > 20
    assert page.locator("svg.chart").count() == 2
    watch.check()
    watch.close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_served_like_pages_nothing_external_and_calendar_links_subscribe(browser: Any, server: str) -> None:
    watch = Watch(browser, server)
    page = watch.page
    for path in ("index.html", "ke-hoach/ha-tinh-2024.html", "co-quan/ha-tinh--so-noi-vu.html"):
        response = page.goto(server + path)
        assert response is not None and response.status == 200
    link = page.locator("a[data-webcal]")
    assert link.get_attribute("href") == "webcal://" + server.removeprefix("http://") + "lich/ha-tinh--so-noi-vu.ics"
    assert page.locator(".subscribe code").inner_text() == server + "lich/ha-tinh--so-noi-vu.ics"
    watch.check()
    assert all(u.startswith(server) for u in watch.requests)
    watch.close()
