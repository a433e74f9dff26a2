#!/bin/sh
# inputs.sh -- regenerate the .in files of the plg-report golden cases with
# the real pipeline from examples/de-regenboog-export.csv.  Run from the top
# of the tree after make; review the diff before keeping the new files.
set -e
d=tests/golden/plg-report
ex=examples/de-regenboog-export.csv
# the school as it is: role groups, teams, items (text, md, csv, nl, staff)
./cmd/plg-survey -q $ex | ./cmd/plg-score -q --by role_group --by team \
    --items >$d/text.in
# a team whose name starts with '-' (CSV injection guard)
sed 's/Bovenbouw (groep 6-8)/-Bovenbouw/g' $ex | ./cmd/plg-survey -q |
    ./cmd/plg-score -q --by role_group --by team >$d/csv-excel-nl.in
# one leader fewer (4), and team within role group: what -k hides
./cmd/plg-survey -q $ex | awk -F, 'NR == 1 || $4 != "leader" || n++' |
    ./cmd/plg-score -q --by role_group --by team --by team,role_group \
    >$d/k-default.in
# four respondents: every group under the threshold
./cmd/plg-survey -q $ex | head -5 | ./cmd/plg-score -q --by role_group \
    >$d/all-suppressed.in
# plg-survey's output is not plg-score's
./cmd/plg-survey -q $ex | head -3 >$d/not-plg-score.in
# waves: the previous wave (2025, without statement LF3f) and this one
./cmd/plg-survey -q -s wave=2025 --id-prefix V examples/de-regenboog-2025.csv \
    >$d/w25.tmp
./cmd/plg-survey -q -s wave=2026 $ex >$d/w26.tmp
./cmd/plg-score -q --by wave --by wave,role_group --by wave,team --items \
    $d/w25.tmp $d/w26.tmp >$d/waves.in
# the same without item rows: the statements cannot be checked
./cmd/plg-score -q --by wave --by wave,role_group $d/w25.tmp $d/w26.tmp \
    >$d/waves-no-items.in
# one wave only
./cmd/plg-score -q --by wave --items $d/w26.tmp >$d/waves-one.in
rm -f $d/w25.tmp $d/w26.tmp
# current and desired: the default instrument's optional variant
./cmd/plg-survey -q -i +desired examples/de-regenboog-huidig-gewenst.csv |
    ./cmd/plg-score -q -i +desired --by role_group --by team --items \
    >$d/desired.in
# a reference of four respondents: under the threshold
awk -F, 'NR == 1 || ($1 == "De Kleine Prins" && $2 == "*")' \
    examples/bestuur-referentie.csv | sed 's/^De Kleine Prins,/*,/' \
    >$d/reference-small.csv
