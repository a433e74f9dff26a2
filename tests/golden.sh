#!/bin/sh
# golden.sh -- run each tests/golden/CMD/[DIR/]CASE.args (one line of arguments)
# through ./cmd/CMD with CASE.in (or /dev/null) on stdin, and compare the
# exit status, stdout and stderr with CASE.rc (default 0), CASE.out and
# CASE.err (default empty) byte for byte.  Strings listed in CASE.absent,
# one a line, must not appear in stdout (personal data).  Run from the top
# of the tree; outputs go to tests/out/.  --update rewrites the expected
# files from this run: review them with git diff before keeping them.
# GOLDEN_WRAP, when set, is put before each command (make check-valgrind:
# valgrind, whose reports then show as differences in stderr).
LC_ALL=C; export LC_ALL
update=0; [ "$1" = --update ] && update=1
pass=0; fail=0
for args in tests/golden/*/*.args tests/golden/*/*/*.args; do
	[ -f "$args" ] || continue
	tc=${args%.args}; cmd=${tc#tests/golden/}; cmd=${cmd%%/*}
	got=tests/out/${tc#tests/golden/}; mkdir -p "${got%/*}"
	in=/dev/null; [ -f "$tc.in" ] && in=$tc.in
	set -f		# the words of .args are not globbed
	${GOLDEN_WRAP:-} "./cmd/$cmd" $(cat "$args") <"$in" >"$got.out" \
	    2>"$got.err"
	echo $? >"$got.rc"; set +f
	if [ $update = 1 ]; then
		cp "$got.out" "$tc.out"; cp "$got.err" "$tc.err"
		if [ "$(cat "$got.rc")" = 0 ]; then rm -f "$tc.rc"
		else cp "$got.rc" "$tc.rc"; fi
	fi
	ok=1
	[ -f "$tc.rc" ] && want=$(cat "$tc.rc") || want=0
	[ "$(cat "$got.rc")" = "$want" ] ||
	    { echo "exit status $(cat "$got.rc"), expected $want"; ok=0; }
	for f in out err; do
		exp=$tc.$f; [ -f "$exp" ] || exp=/dev/null
		cmp -s "$exp" "$got.$f" || { diff -u "$exp" "$got.$f"; ok=0; }
	done
	if [ -f "$tc.absent" ] && grep -F -f "$tc.absent" "$got.out"; then
		echo "personal data in stdout (see $tc.absent)"; ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1))
	else fail=$((fail + 1)); echo "FAIL: $tc"; fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
