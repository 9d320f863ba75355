#!/usr/bin/env bash
# Writes the agency-style workbooks (crates/workbook/examples/agency_workbooks.rs) and has
# LibreOffice open and save each as .xlsx, .xls and .ods into crates/workbook/tests/workbooks/, as an
# agency's clerk would. Run by hand when the generator changes; the saved files are committed, so
# `make test` does not need this script.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cargo run -q -p ziping-workbook --example agency_workbooks -- "$src"
out=crates/workbook/tests/workbooks
mkdir -p "$out"
profile="-env:UserInstallation=file://$src/lo-profile"
for kind in 'xlsx:Calc MS Excel 2007 XML' 'xls:MS Excel 97' 'ods:calc8'; do
  timeout 300 soffice "$profile" --headless --calc --convert-to "$kind" --outdir "$out" "$src"/*.xlsx >/dev/null
done
ls -l "$out"
