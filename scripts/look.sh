#!/usr/bin/env bash
# Look at a rendered annex as it prints: xlsx → PDF (LibreOffice headless) → PNG pages (pdftoppm).
#
#   scripts/look.sh PLAN.yaml [OUT_DIR] [-- extra `cchc render` options]
#
# Installs libreoffice-calc and poppler-utils from Debian when they are missing (needs root).
# Then open OUT_DIR/page-1.png, OUT_DIR/page-2.png …: landscape A4, header repeated on page 2,
# page number centred at the top from page 2, nothing cut off, Vietnamese glyphs intact.
set -euo pipefail

plan=${1:?usage: scripts/look.sh PLAN.yaml [OUT_DIR] [-- cchc render options]}
out=${2:-look}
shift $(( $# >= 2 ? 2 : 1 ))
[[ ${1:-} == "--" ]] && shift

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  echo "Installing libreoffice-calc and poppler-utils (large, once)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-calc poppler-utils fonts-liberation >/dev/null
fi

here=$(cd "$(dirname "$0")/.." && pwd)
cchc=${CCHC:-$here/.venv/bin/cchc}
mkdir -p "$out"
name=$(basename "$plan" .yaml)
"$cchc" render "$plan" --to xlsx -o "$out/$name.xlsx" --force "$@"
# A private profile keeps a user's running LibreOffice (and its lock) out of the way.
soffice -env:UserInstallation="file://$(cd "$out" && pwd)/.lo-profile" --headless \
  --convert-to pdf --outdir "$out" "$out/$name.xlsx" >/dev/null
rm -rf "$out/.lo-profile"
pdfinfo "$out/$name.pdf" | grep -E '^(Pages|Page size)'
pdftoppm -png -r "${DPI:-60}" "$out/$name.pdf" "$out/page"
ls "$out"/page-*.png
