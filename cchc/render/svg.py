"""The site's charts, drawn as inline SVG at build time (no script, no chart library).

Every text comes in through `markupsafe.Markup.format`, which escapes it; numbers are written
with a fixed number of decimals, so the same data gives the same bytes. Colours are CSS classes
(`c-on-time`, `c-late`, `c-overdue`, `c-done`, `c-open`) styled by the site's stylesheet, so
the page's Content-Security-Policy needs no inline style.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

WIDTH = 720
LABEL_WIDTH = 300
BAR_HEIGHT = 18
GAP = 6


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def share_chart(rows: Sequence[tuple[str, int, int, int]], title: str, desc: str) -> Markup:
    """One bar per agency: (name, done on time, done late, overdue), as shares of what was due."""
    bar_left = LABEL_WIDTH + 8
    bar_width = WIDTH - bar_left - 56
    height = 28 + len(rows) * (BAR_HEIGHT + GAP) + 24
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" '
            'aria-labelledby="share-title share-desc"><title id="share-title">{t}</title>'
            '<desc id="share-desc">{d}</desc>'
        ).format(w=WIDTH, h=height, t=title, d=desc)
    ]
    y = 20.0
    for name, on_time, late, overdue in rows:
        total = on_time + late + overdue
        share = on_time / total if total else 0.0
        parts.append(
            Markup('<text class="label" x="{x}" y="{y}" text-anchor="end"><title>{full}</title>{name}</text>').format(
                x=LABEL_WIDTH, y=_n(y + BAR_HEIGHT - 5), full=name, name=_cut(name, 44)
            )
        )
        x = float(bar_left)
        parts.append(
            Markup('<rect class="c-track" x="{x}" y="{y}" width="{w}" height="{h}"/>').format(
                x=bar_left, y=_n(y), w=bar_width, h=BAR_HEIGHT
            )
        )
        for count, css in ((on_time, "c-on-time"), (late, "c-late"), (overdue, "c-overdue")):
            if not count:
                continue
            w = bar_width * count / total
            parts.append(
                Markup('<rect class="{c}" x="{x}" y="{y}" width="{w}" height="{h}"><title>{n}</title></rect>').format(
                    c=css, x=_n(x), y=_n(y), w=_n(w), h=BAR_HEIGHT, n=count
                )
            )
            x += w
        parts.append(
            Markup('<text class="value" x="{x}" y="{y}">{v}%</text>').format(
                x=bar_left + bar_width + 6, y=_n(y + BAR_HEIGHT - 5), v=round(share * 100)
            )
        )
        y += BAR_HEIGHT + GAP
    parts.append(_legend(20, y + 12, (("c-on-time", "Đúng hạn"), ("c-late", "Trễ hạn"), ("c-overdue", "Quá hạn"))))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def month_chart(months: Sequence[tuple[str, int, int, int]], title: str, desc: str, current: int | None) -> Markup:
    """One column per month: (label, done, past and not done, not yet due); `current` marks this month (index)."""
    top, bottom = 24, 40
    plot = 180
    height = top + plot + bottom
    step = (WIDTH - 40) / max(len(months), 1)
    biggest = max((sum(counts) for _, *counts in months), default=0) or 1
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" '
            'aria-labelledby="month-title month-desc"><title id="month-title">{t}</title>'
            '<desc id="month-desc">{d}</desc>'
        ).format(w=WIDTH, h=height, t=title, d=desc),
        Markup('<line class="axis" x1="20" y1="{y}" x2="{x2}" y2="{y}"/>').format(y=top + plot, x2=WIDTH - 20),
    ]
    for i, (label, done, late, open_) in enumerate(months):
        x = 20 + i * step + step * 0.15
        w = step * 0.7
        y = float(top + plot)
        if i == current:
            parts.append(
                Markup('<rect class="c-now" x="{x}" y="{y}" width="{w}" height="{h}"/>').format(
                    x=_n(20 + i * step), y=top - 20, w=_n(step), h=plot + 20
                )
            )
        for count, css in ((done, "c-done"), (late, "c-overdue"), (open_, "c-open")):
            if not count:
                continue
            h = plot * count / biggest
            y -= h
            parts.append(
                Markup('<rect class="{c}" x="{x}" y="{y}" width="{w}" height="{h}"><title>{n}</title></rect>').format(
                    c=css, x=_n(x), y=_n(y), w=_n(w), h=_n(h), n=count
                )
            )
        if done + late + open_:
            parts.append(
                Markup('<text class="value" x="{x}" y="{y}" text-anchor="middle">{v}</text>').format(
                    x=_n(x + w / 2), y=_n(y - 4), v=done + late + open_
                )
            )
        parts.append(
            Markup('<text class="label" x="{x}" y="{y}" text-anchor="middle">{t}</text>').format(
                x=_n(x + w / 2), y=top + plot + 16, t=label
            )
        )
    legend = (("c-done", "Đã hoàn thành"), ("c-overdue", "Qua hạn, chưa ghi nhận xong"), ("c-open", "Chưa đến hạn"))
    parts.append(_legend(20, top + plot + 34, legend))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> Markup:
    parts = []
    for css, label in items:
        parts.append(
            Markup(
                '<rect class="{c}" x="{x}" y="{y}" width="12" height="12"/>'
                '<text class="legend" x="{tx}" y="{ty}">{t}</text>'
            ).format(c=css, x=_n(x), y=_n(y - 10), tx=_n(x + 16), ty=_n(y), t=label)
        )
        x += 24 + 8 * len(label)
    return Markup("").join(parts)
