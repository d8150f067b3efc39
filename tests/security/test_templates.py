"""A user's `--template` is a program from someone else: every way it can fail or run away is R003
at the template's file:line, exit 2, in bounded time and memory (docs/render.md, docs/security.md)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from cchc.bounds import TimeLimitExceeded, time_limit
from cchc.render import markdown

from .hostile import EXAMPLE, MiB, clean, refused, run_cchc

#: Every template case runs in a child with this much address space and is killed after this long.
MEMORY = 1024 * MiB
SECONDS = 30


def render(template: Path, *, prelude: str = "", seconds: float = SECONDS) -> object:
    args = ["render", str(EXAMPLE), "--to", "md", "-o", str(template.parent / "out.md"), "--template", str(template)]
    return run_cchc(args, seconds=seconds, memory=MEMORY, prelude=prelude)


def write(tmp_path: Path, body: str, name: str = "t.md.j2") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# name: (template, words the message holds, line of the error)
CASES: dict[str, tuple[str, str, int]] = {
    "nested loops writing 10^10 lines": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }} {{ b }}\n{% endfor %}{% endfor %}",
        "10 000 000 ký tự", 1,
    ),
    "division by zero": ("ok\n{{ 1/0 }}\n", "chia cho 0", 2),
    "syntax error": ("a\n{% for x in %}\n", "cú pháp mẫu sai", 2),
    "undefined name": ("a\n\n{{ nothere }}\n", "'nothere' is undefined", 3),
    "attribute of a Python internal": ("{{ ''.__class__.__mro__ }}", "unsafe", 1),
    "10 GB string by *": ("x\n{{ ('a' * 10**10) | length }}", "kết quả quá lớn", 2),
    "10**9-element list by *": ("{{ ([0] * 10**9) | length }}", "kết quả quá lớn", 1),
    "string doubled by +": ("{% set s = 'a' * 9000000 %}{{ (s + s) | length }}", "kết quả quá lớn", 1),
    "huge power": ("{{ 7 ** (10 ** 9) }}", "số quá lớn", 1),
    "huge product": ("{% set x = 2 ** 90000 %}{{ x * x }}", "số quá lớn", 1),
    "range of 10**9": ("{{ range(10**9) | list | length }}", "range() quá dài", 1),
    "printf width": ('{{ "%999999999d" % 1 }}', "độ rộng quá lớn", 1),
    "printf width from an argument": ('{{ "%*d" % (999999999, 1) }}', "độ rộng lấy từ tham số", 1),
    "format width": ('{{ "{:>999999999}".format(1) }}', "độ rộng quá lớn", 1),
    "nested format width": ('{{ "{:{}}".format(1, 999999999) }}', "độ rộng lấy từ tham số", 1),
    "center filter": ('{{ "x" | center(999999999) }}', "số lượng hoặc độ rộng quá lớn", 1),
    "indent filter": ('{{ "a\\nb" | indent(999999999) }}', "số lượng hoặc độ rộng quá lớn", 1),
    "batch filter": ("{{ [1] | batch(999999999, 0) | list | length }}", "số lượng hoặc độ rộng quá lớn", 1),
    "ljust method": ('{{ "x".ljust(999999999) }}', "số lượng hoặc độ rộng quá lớn", 1),
    "lipsum": ("{{ lipsum(999999999) }}", "số lượng hoặc độ rộng quá lớn", 1),
    "unbounded recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "gọi lồng nhau quá sâu", 1),
    "string doubled with ~ (no operator to check)": (
        "a\n{% set ns = namespace(x='ab') %}\n{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
        "quá nhiều bộ nhớ", 3,
    ),
    "integer too long to print": ("{{ 2 ** 20000 }}", "ValueError", 1),
    "missing include": ("x\n{% include 'nothere.j2' %}", "không tìm thấy mẫu được gọi tới", 2),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_template_failure_is_r003_at_its_line(case: str, tmp_path: Path) -> None:
    body, words, line = CASES[case]
    template = write(tmp_path, body)
    ran = render(template)
    refused(ran, "R003", words=words)
    assert f"{template}:{line}:" in ran.err, ran.err
    assert ran.seconds < 20, f"{ran.seconds:.1f} s"
    assert ran.peak_mib < 700, f"{ran.peak_mib:.0f} MiB"
    assert not (tmp_path / "out.md").exists()


def test_a_template_that_loops_without_writing_stops_at_the_time_limit(tmp_path: Path) -> None:
    """10^10 iterations that write nothing: only the clock stops them (lowered to 2 s here; 10 s by default)."""
    assert markdown.TEMPLATE_SECONDS == 10
    body = "x\n{% for a in range(100000) %}{% for b in range(100000) %}{% set c = a %}{% endfor %}{% endfor %}"
    ran = render(write(tmp_path, body), prelude="import cchc.render.markdown as m; m.TEMPLATE_SECONDS = 2")
    refused(ran, "R003", words="mẫu chạy quá 2 giây")
    assert ":2:" in ran.err
    assert ran.seconds < 10


def test_the_default_time_limit_stops_a_template(tmp_path: Path) -> None:
    body = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    ran = render(write(tmp_path, body), seconds=40)
    refused(ran, "R003", words="mẫu chạy quá 10 giây")
    assert 9 < ran.seconds < 25


def test_an_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    part = write(tmp_path, "fine\nfine\n{{ 1 // 0 }}\n", "part.j2")
    ran = render(write(tmp_path, "head\n{% include 'part.j2' %}\n"))
    refused(ran, "R003", words="chia cho 0")
    assert f"{part}:3:" in ran.err, ran.err


def test_templates_are_read_bounded_and_from_their_own_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "leak.j2").symlink_to(secret)
    ran = render(write(folder, "{% include 'leak.j2' %}"))
    refused(ran, "R003", words="ngoài thư mục")
    assert "SECRET" not in ran.text
    big = write(folder, "x" * (markdown.MAX_TEMPLATE_BYTES + 1), "big.md.j2")
    refused(render(big), "R003", words="tệp quá lớn")
    latin = folder / "latin.md.j2"
    latin.write_bytes("Sở Tư pháp".encode("utf-16"))
    refused(render(latin), "R003", words="UTF-8")


def test_ordinary_templates_still_render(tmp_path: Path) -> None:
    body = "{{ '-' * 20 }} {{ 2 ** 10 }} {{ [1, 2] * 2 }} {{ '%5.1f' % 3.14159 }} {{ '{:>6}'.format('ab') }}\n"
    body += "{% for b in blocks %}{{ b.heading | inline | center(40) }}|{% endfor %} {{ range(3) | list }}"
    template = write(tmp_path, body)
    ran = render(template)
    clean(ran)
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert text.startswith("-" * 20 + " 1024 [1, 2, 1, 2]   3.1     ab\n")
    assert "I. CẢI CÁCH THỂ CHẾ" in text and text.endswith("[0, 1, 2]")


def test_time_limit_restores_the_previous_handler_and_timer() -> None:
    fired: list[int] = []

    def mine(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with time_limit(1.0):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.5 < left <= 5.0  # the outer timer runs on
        with pytest.raises(TimeLimitExceeded), time_limit(0.2):
            while True:
                time.sleep(0.01)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
