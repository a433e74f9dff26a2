#!/bin/sh
# demo.sh -- the whole pipeline on the bundled example export:
#   raw MS Forms export -> responses -> scores -> reports.
# Run from the repository root (make demo does).  Writes examples/out/.
set -eu
PATH=$(pwd)/cmd:$PATH
export PATH
out=examples/out
mkdir -p "$out"
export_file=examples/de-regenboog-export.csv

echo "== plg-survey: raw export -> $out/responses.csv"
plg-survey "$export_file" >"$out/responses.csv"

echo "== plg-score: responses -> $out/scores.csv (whole school, role groups, teams)"
plg-score --by role_group --by team --items "$out/responses.csv" >"$out/scores.csv"

echo "== plg-report: scores -> $out/report.html, $out/report.txt, $out/report.md"
plg-report --lang nl --school "Basisschool De Regenboog" --format html \
    -o "$out/report.html" "$out/scores.csv"
plg-report --lang nl --school "Basisschool De Regenboog" --format text \
    --color never -o "$out/report.txt" "$out/scores.csv"
plg-report --lang en --school "Basisschool De Regenboog" --format md \
    -o "$out/report.md" "$out/scores.csv"

echo
echo "== the same in one pipe (text report, in Dutch):"
echo
plg-survey -q "$export_file" |
    plg-score -q --by role_group --by team --items |
    plg-report -q --lang nl --school "Basisschool De Regenboog" --color never
echo
echo "== comparisons: waves, current and desired, the school against the board"
plg-survey -q -s wave=2025 --id-prefix V examples/de-regenboog-2025.csv \
    >"$out/responses-2025.csv"
plg-survey -q -s wave=2026 "$export_file" >"$out/responses-2026.csv"
plg-score -q --by wave --by wave,role_group --by wave,team --items \
    "$out/responses-2025.csv" "$out/responses-2026.csv" >"$out/scores-waves.csv"
plg-report -q --lang nl --school "Basisschool De Regenboog" --format html \
    -o "$out/report-waves.html" "$out/scores-waves.csv"
plg-survey -q -i +desired examples/de-regenboog-huidig-gewenst.csv |
    plg-score -q -i +desired --by role_group --by team --items \
    >"$out/scores-desired.csv"
plg-report -q -i +desired --lang nl --school "Basisschool De Regenboog" \
    --format html -o "$out/report-desired.html" "$out/scores-desired.csv"
plg-report -q --lang nl --school "Basisschool De Regenboog" --format html \
    --reference examples/bestuur-referentie.csv \
    -o "$out/report-reference.html" "$out/scores.csv"
echo "   $out/report-waves.html, $out/report-desired.html, $out/report-reference.html"
echo
echo "== this year against last year (text, in English):"
echo
plg-report -q --lang en --color never "$out/scores-waves.csv" |
    sed -n '/^Waves compared/,/^Change per group/p'
echo
echo "Open $out/report.html in a browser for the charts."
