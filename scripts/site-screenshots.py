"""Screenshots of the site for the docs, from Debian's chromium (never a downloaded browser).

    .venv/bin/python scripts/site-screenshots.py [--today 2024-06-01] [--out docs]

Builds `cchc site` from plans/ into a temporary folder and writes docs/site-index.png (the
dashboard, desktop width, with `so tu phap` typed in the agency search), docs/site-agency.png (Sở Tư pháp, Tuyên Quang) and
docs/site-phone.png (a plan's table on a 390 px phone screen).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: (page, file, width, height, agency search typed first, whole page)
SHOTS = (
    ("index.html", "site-index.png", 1280, 900, "so tu phap", True),
    ("co-quan/tuyen-quang--so-tu-phap.html", "site-agency.png", 1280, 1000, "", False),
    ("ke-hoach/tuyen-quang-2024.html", "site-phone.png", 390, 1100, "", False),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2024-06-01")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "public"
        cchc = [sys.executable, "-m", "cchc", "site", str(ROOT / "plans"), "-o", str(site), "--today", args.today]
        subprocess.run(cchc, check=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
            for page_path, name, width, height, search, whole in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto((site / page_path).as_uri())
                if search:
                    page.fill("#agency-q", search)
                page.screenshot(path=str(args.out / name), full_page=whole)
                page.close()
                print(f"wrote {args.out / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
