#!/bin/sh
# hostile.sh -- inputs too big to keep in the repository, made on the fly:
# a 10 MB field, 100,000 columns, a runaway quote of 300 MB, and the
# accounting of a messy file (rows in = rows written + rows excluded).
# The small hostile files are golden cases in tests/golden/*/hostile/.
set -u
out=tests/out/hostile
mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
PATH=$(pwd)/cmd:$PATH

# 1. a 10 MB free-text field is read, kept out of the output, and counted
{ printf 'respondent,PC1,Opmerkingen\nR1,4,"'; head -c 10000000 /dev/zero |
  tr '\0' 'x'; printf '"\nR2,5,kort\n'; } >"$out/bigfield.csv"
plg-survey "$out/bigfield.csv" >"$out/bigfield.out" 2>"$out/bigfield.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$out/bigfield.out")" -eq 3 ] &&
   [ "$(wc -c <"$out/bigfield.out")" -lt 100 ]; then ok
else bad "10 MB field: exit $rc"; fi

# 2. 100,000 columns: classified in one pass, in seconds, not minutes
awk 'BEGIN { printf "respondent"; for (i = 0; i < 100000; i++) printf ",c%d", i;
  printf ",PC1\nR1"; for (i = 0; i < 100000; i++) printf ",x"; print ",3" }' \
  >"$out/wide.csv"
start=$(date +%s)
plg-survey -q "$out/wide.csv" >"$out/wide.out" 2>"$out/wide.err"
rc=$?; secs=$(( $(date +%s) - start ))
if [ $rc -eq 0 ] && grep -q '^R0001,3$' "$out/wide.out" && [ $secs -lt 20 ]
then ok; else bad "100,000 columns: exit $rc after $secs s"; fi
plg-score -q "$out/wide.out" >/dev/null 2>"$out/wide-score.err"
[ $? -eq 0 ] && ok || bad "plg-score on the narrow result of the wide file"

# 3. a runaway quote: a clear message and exit 1, not all the memory
{ printf 'respondent,PC1\nR1,"'; head -c 300000000 /dev/zero | tr '\0' 'x'; } |
  plg-survey >/dev/null 2>"$out/runaway.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'larger than 256 MiB' "$out/runaway.err"
then ok; else bad "runaway field: exit $rc: $(head -c 300 "$out/runaway.err")"; fi

# 4. accounting: every data row of a messy file is written or excluded,
# and the summary says which
cat >"$out/messy.csv" <<'CSV'
respondent,team,PC1,PC2,PC3
R1,A,4,5,3
R2,A,,,
R3,B,Soms,9,2

R4,B,4
R5,A,5,4,3,extra
R6,B,weet niet,n.v.t.,
CSV
plg-survey "$out/messy.csv" >"$out/messy.out" 2>"$out/messy.err"
written=$(($(wc -l <"$out/messy.out") - 1))
summary=$(tail -n 2 "$out/messy.err" | head -n 1)
read=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) respondents read.*/\1/p')
kept=$(echo "$summary" | sed -n 's/.* \([0-9]*\) kept.*/\1/p')
excl=$(echo "$summary" | sed -n 's/.* \([0-9]*\) excluded.*/\1/p')
rejected=$(echo "$summary" | sed -n 's/.* \([0-9]*\) rejected.*/\1/p')
if [ "$read" = 6 ] && [ "$kept" = "$written" ] &&
   [ $((kept + excl)) -eq "$read" ] && [ "$rejected" = 2 ]; then ok
else bad "accounting: read=$read kept=$kept written=$written excluded=$excl rejected=$rejected"; fi

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
