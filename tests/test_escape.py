"""One escaping for every presenter: Markdown cells and lines, CSV cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.escape import csv_cell, md_cell, md_inline


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("Sở Tư pháp", "Sở Tư pháp"),
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("dòng 1\ndòng 2", "dòng 1<br>dòng 2"),
        ("*đậm* _nghiêng_ `mã` ~gạch~ [liên kết]", "\\*đậm\\* \\_nghiêng\\_ \\`mã\\` \\~gạch\\~ \\[liên kết\\]"),
        ("a\\b & c", "a\\\\b &amp; c"),
    ],
)
def test_md_cell(text: str, cell: str) -> None:
    assert md_cell(text) == cell


def test_md_inline_joins_lines() -> None:
    assert md_inline("Báo cáo\n  quý   I") == "Báo cáo quý I"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("- Sở Nội vụ", "'- Sở Nội vụ"),
        ("@a", "'@a"),
        ("Sở Tư pháp", "Sở Tư pháp"),
        (-62, "-62"),
        (None, ""),
    ],
)
def test_csv_cell_never_a_formula(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_html_text_is_html_escape_without_quotes(text: str) -> None:
    import html

    from cchc.escape import html_text

    assert html_text(text) == html.escape(text, quote=False)


@pytest.mark.parametrize(
    ("row", "line"),
    [
        (["a", "b"], "a,b"),
        (["Sở Văn hóa, Thể thao và Du lịch", "x"], '"Sở Văn hóa, Thể thao và Du lịch",x'),
        (["Sở A; Sở B", 3], '"Sở A; Sở B",3'),
        (['nói "có"', None], '"nói ""có""",'),
        (["- Sở Tư pháp"], "'- Sở Tư pháp"),
        (["=1+1;"], '"\'=1+1;"'),
        (["dòng 1\ndòng 2"], '"dòng 1\ndòng 2"'),
        (["\x1b[2J"], "␛[2J"),
    ],
)
def test_csv_text_quotes_separators_and_shows_controls(row: list[object], line: str) -> None:
    from cchc.escape import csv_text

    assert csv_text([row]) == line + "\n"


def test_visible_shows_controls_and_keeps_lines() -> None:
    from cchc.escape import visible

    assert visible("a\x1b]52;c;eA==\x07b\r\nc\td\u202e\x9b") == "a␛]52;c;eA==␇b␍\nc\td<U+202E><U+009B>"
