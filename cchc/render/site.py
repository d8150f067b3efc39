"""The static site of `cchc site`: HTML pages from `cchc/templates/site/`, a stylesheet and a small script.

`site_files(site)` returns every file of the site as bytes by its path inside the output folder;
it reads no clock and no network, and orders everything, so the same data gives the same bytes.
Pages link to each other relatively (the site works from a folder, `file://`, or any Pages path)
and load nothing from elsewhere: the stylesheet and script are files of the site, the charts are
inline SVG drawn here (`cchc.render.svg`), and each page's Content-Security-Policy allows only
the site's own files. The search and the table filters are a progressive enhancement: the pages
are complete without the script.

The templates run in the one jinja2 environment (`cchc.render.markdown.environment`), with
autoescape on for `.html.j2`: every plan-derived string is HTML-escaped where it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from typing import Any, Protocol

from cchc.render.svg import month_chart, share_chart
from cchc.text import days_text

ASSETS = ("site.css", "site.js")
MONTH_LABELS = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12")
#: The Content-Security-Policy of every page: the site's own stylesheet, script and nothing else.
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


class AgencyLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def buckets(self) -> Mapping[str, int]: ...


class PlanLike(Protocol):
    @property
    def slug(self) -> str: ...


class MonthLike(Protocol):
    @property
    def month(self) -> int: ...
    @property
    def done(self) -> int: ...
    @property
    def late(self) -> int: ...
    @property
    def open(self) -> int: ...


class SiteLike(Protocol):
    """What the writer reads of `cchc.reports.site.Site` (the templates read the rest)."""

    @property
    def today(self) -> date: ...
    @property
    def plans(self) -> Sequence[PlanLike]: ...
    @property
    def agencies(self) -> Sequence[AgencyLike]: ...
    @property
    def months(self) -> Sequence[MonthLike]: ...


def vn_date(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def charts(site: SiteLike) -> dict[str, Any]:
    """The two charts of the index page."""
    rows = [
        (f"{a.name} ({a.province})", a.buckets["done_on_time"], a.buckets["done_late"], a.buckets["not_done_overdue"])
        for a in site.agencies
    ]
    rows = [r for r in rows if r[1] + r[2] + r[3]]
    rows.sort(key=lambda r: (-r[1] / (r[1] + r[2] + r[3]), -(r[1] + r[2] + r[3]), r[0]))
    share = share_chart(
        rows,
        "Tỷ lệ hoàn thành đúng hạn theo cơ quan",
        "Mỗi thanh là các hạn đã đến của một cơ quan: đúng hạn, trễ hạn, quá hạn chưa xong.",
    )
    current = site.today.month - 1 if site.months else None
    months = month_chart(
        [(MONTH_LABELS[m.month - 1], m.done, m.late, m.open) for m in site.months],
        f"Số hạn theo tháng, năm {site.today.year}",
        "Mỗi cột là số hạn trong tháng của các kế hoạch đang thực hiện: đã hoàn thành, đã qua hạn chưa ghi nhận "
        "hoàn thành, chưa đến hạn.",
        current,
    )
    return {"share_chart": share if rows else None, "month_chart": months}


def _asset(name: str) -> bytes:
    return (resources.files("cchc") / "templates" / "site" / name).read_bytes()


def site_files(site: SiteLike, *, calendars: Iterable[str] = ()) -> dict[str, bytes]:
    """Every file of the site by its path (`index.html`, `ke-hoach/<plan>.html`, `co-quan/<agency>.html`, `assets/…`).

    `calendars`: the calendar files the site is published with (`lich.ics`, `lich/<agency>.ics`);
    pages link to the ones that exist.
    """
    from cchc.render.markdown import environment

    env = environment()
    env.filters["vn_date"] = vn_date
    env.filters["percent"] = percent
    env.filters["days_text"] = days_text
    ics = set(calendars)
    common = {"site": site, "csp": CSP, "calendars": ics}
    out: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(f"site/{template}").render(**common, root=root, **context)
        out[path] = html.encode("utf-8")

    page("index.html", "index.html.j2", **charts(site))
    for plan in site.plans:
        page(f"ke-hoach/{plan.slug}.html", "plan.html.j2", plan=plan)
    for agency in site.agencies:
        page(f"co-quan/{agency.slug}.html", "agency.html.j2", agency=agency)
    for name in ASSETS:
        out[f"assets/{name}"] = _asset(name)
    return dict(sorted(out.items()))
