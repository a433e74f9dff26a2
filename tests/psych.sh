#!/bin/sh
# psych.sh -- check plg-score against R's psych on the bundled example, when
# Rscript with psych is installed (skipped otherwise; `make check` runs it).
set -u
if ! command -v Rscript >/dev/null 2>&1 ||
   ! Rscript -e 'library(psych)' >/dev/null 2>&1; then
	echo "psych: skipped (no Rscript with psych; apt-get install r-cran-psych)"
	exit 0
fi
out=tests/out/psych
mkdir -p "$out"
./cmd/plg-survey -q examples/de-regenboog-export.csv >"$out/responses.csv" &&
./cmd/plg-score -q -p 17 --items --listwise "$out/responses.csv" >"$out/scores.csv" &&
Rscript tests/r/check-psych.R "$out/responses.csv" "$out/scores.csv" \
    lib/default-instrument.csv >"$out/psych.log" 2>&1
rc=$?
grep -E '^(FAIL|psych:)' "$out/psych.log"
exit $rc
