"""The rendered workbook as LibreOffice prints it (skipped when LibreOffice or poppler is absent).

`scripts/look.sh` installs both; this test checks what a clerk would check on paper: A4 landscape,
the table header repeated at the top of page 2, the page number on page 2 but not on page 1,
and the Vietnamese text intact.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cchc.plan.loader import load_plan
from cchc.render import render

ROOT = Path(__file__).resolve().parent.parent

# `.ci/run` installs LibreOffice and poppler-utils, so CI always runs this; on a developer's machine
# without them it is skipped with this reason (`make test` prints it: pytest runs with -rs).
pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice / poppler-utils not installed (apt-get install libreoffice-calc-nogui poppler-utils)",
)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def test_printed_pages(tmp_path: Path) -> None:
    plan_path = ROOT / "plans" / "tuyen-quang" / "2024.yaml"
    plan = load_plan(plan_path)
    xlsx = tmp_path / "annex.xlsx"
    xlsx.write_bytes(render(plan, "xlsx"))
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    _run("soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx))
    pdf = str(tmp_path / "annex.pdf")
    info = _run("pdfinfo", pdf)
    assert "841.89 x 595.3" in info  # A4 landscape (points)
    assert int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) > 1
    page1 = _run("pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-")
    page2 = _run("pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-")
    assert "PHỤ LỤC" in page1 and "Kèm theo Kế hoạch số 268/KH-UBND" in page1
    assert "CẢI CÁCH THỂ CHẾ" in page1
    first_line = next(line for line in page2.splitlines() if line.strip())
    assert first_line.strip() == "2"  # page number centred at the top of page 2
    assert not page1.lstrip().startswith("1")  # … and none on page 1
    assert plan.annex.columns[1].label.split()[0] in page2.split("\n", 4)[-1]  # header repeated
