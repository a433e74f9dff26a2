#!/bin/sh
# bench.sh -- make bench: time plg-survey, plg-score and the whole pipeline
# against the libcsv parse ceiling and against GNU datamash and Miller, in
# one run, on generated data (tests/bench/gen.c); and the peak memory of
# each tool at three sizes.  Run from the top of the tree after make.
#
# Environment (all optional):
#   BENCH_ROWS       respondents in the main table (1000000)
#   BENCH_MEM_ROWS   sizes of the memory table ("10000 100000 1000000")
#   BENCH_SLOW_ROWS  respondents for Miller, which needs minutes and
#                    gigabytes for a million (100000)
#   BENCH_SCHOOLS    schools, the same at every size (2500)
#   BENCH_RUNS       runs of each command, alternated; medians (3)
#   BENCH_DIR        where data and results go (tests/out/bench)
#
# Every run times each command once, in turn, so that the machine's drift
# hits all of them alike; the ratios are medians of the ratios within a run.
# Peak memory is /usr/bin/time's maximum resident set size (of the largest
# process, for a pipeline).  Results: $BENCH_DIR/results.md.
set -u
LC_ALL=C; export LC_ALL
ROWS=${BENCH_ROWS:-1000000}
MEM_ROWS=${BENCH_MEM_ROWS:-"10000 100000 1000000"}
SLOW_ROWS=${BENCH_SLOW_ROWS:-100000}
SCHOOLS=${BENCH_SCHOOLS:-2500}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-tests/out/bench}
CC=${CC:-cc}
TIME=/usr/bin/time
top=$(pwd)
mkdir -p "$DIR" || exit 2
say() { echo "bench: $*" >&2; }

# ---- tools ----
need_debs=""
[ -x $TIME ] || need_debs="$need_debs time"
command -v datamash >/dev/null 2>&1 || need_debs="$need_debs datamash"
command -v mlr >/dev/null 2>&1 || need_debs="$need_debs miller"
command -v hyperfine >/dev/null 2>&1 || need_debs="$need_debs hyperfine"
if [ -n "$need_debs" ]; then
	say "installing from Debian:$need_debs"
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $sudo apt-get install -y -qq --no-install-recommends $need_debs; } \
	    >"$DIR/apt.log" 2>&1 || say "apt-get failed; see $DIR/apt.log"
fi
[ -x $TIME ] || { say "no /usr/bin/time (Debian package time)"; exit 2; }
have_datamash=0; command -v datamash >/dev/null 2>&1 && have_datamash=1
have_mlr=0; command -v mlr >/dev/null 2>&1 && have_mlr=1
[ $have_datamash = 1 ] || say "GNU datamash is absent: skipped"
[ $have_mlr = 1 ] || say "Miller (mlr) is absent: skipped"

for p in gen ceiling; do
	$CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Ilib \
	    -o "$DIR/$p" "tests/bench/$p.c" lib/libplg.a -lcsv -lm || exit 2
done

# ---- data: deterministic, kept between runs ----
gen() {	# gen FORMAT ROWS -> path
	f="$DIR/$1-$2-$SCHOOLS.csv"
	if [ ! -s "$f" ]; then
		"$DIR/gen" -S "$SCHOOLS" "$1" "$2" >"$f.tmp" && mv "$f.tmp" "$f"
	fi
	echo "$f"
}
say "generating data ($ROWS respondents, $SCHOOLS schools)"
RAW=$(gen raw "$ROWS"); RESP=$(gen responses "$ROWS"); NA=$(gen na "$ROWS")
SRESP=$(gen responses "$SLOW_ROWS")
# plg-survey must turn the raw export into exactly the responses file
./cmd/plg-survey -q "$RAW" | cmp -s - "$RESP" ||
    say "warning: plg-survey output differs from the generated responses"
# two halves for the parallel run, each with the header
half=$(( (ROWS + 1) / 2 ))
{ head -n 1 "$RESP"; tail -n +2 "$RESP" | head -n "$half"; } >"$DIR/batch-1.csv"
{ head -n 1 "$RESP"; tail -n +$((half + 2)) "$RESP"; } >"$DIR/batch-2.csv"
items=$(head -n 1 "$RESP" | tr ',' '\n' | tail -n +6 | paste -sd, -)
nitems=$(echo "$items" | tr ',' '\n' | wc -l)
last=$((5 + nitems))

# ---- commands: name | input (for MB/s) | ceiling to compare with | cmd ----
# (the ceiling of the file the command reads: ceil for ',' files, ceil-raw
# for the ';' raw export; pipeline and peers are compared on what they read)
TASKS="$DIR/tasks"
: >"$TASKS"
task() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >>"$TASKS"; }
task cat "$RESP" ceil "cat '$RESP'"
task ceil "$RESP" ceil "'$DIR/ceiling' '$RESP'"
task ceil-raw "$RAW" ceil-raw "'$DIR/ceiling' -d ';' '$RAW'"
task ceil-slow "$SRESP" ceil-slow "'$DIR/ceiling' '$SRESP'"
task plg-score "$RESP" ceil "./cmd/plg-score -q --by school '$RESP'"
task plg-score-items "$RESP" ceil "./cmd/plg-score -q --by school --items '$RESP'"
task plg-score-1t "$RESP" ceil "PLG_THREADS=1 ./cmd/plg-score -q --by school '$RESP'"
task plg-survey "$RAW" ceil-raw "./cmd/plg-survey -q '$RAW'"
task plg-survey-1t "$RAW" ceil-raw "PLG_THREADS=1 ./cmd/plg-survey -q '$RAW'"
task pipeline "$RAW" ceil-raw "./cmd/plg-survey -q '$RAW' | ./cmd/plg-score -q --by school | ./cmd/plg-report -q"
task parallel-2 "$RESP" ceil "ls '$DIR'/batch-1.csv '$DIR'/batch-2.csv | xargs -P 2 -I{} env PLG_THREADS=1 ./cmd/plg-score -q --by school --partial -o {}.part {} && ./cmd/plg-score -q --merge '$DIR'/batch-1.csv.part '$DIR'/batch-2.csv.part"
[ $have_datamash = 1 ] &&
    task datamash "$NA" ceil "datamash -t, -s --narm -H -g 2 count 6-$last mean 6-$last sstdev 6-$last <'$NA'"
[ $have_mlr = 1 ] &&
    task miller "$SRESP" ceil-slow "mlr --icsv --ocsv stats1 -a count,mean,stddev -f $items -g school '$SRESP'"

# ---- timing ----
RES="$DIR/times"
: >"$RES"
run=1
while [ $run -le "$RUNS" ]; do
	say "run $run of $RUNS"
	while IFS='|' read -r name input ceil cmd; do
		$TIME -f '%e %M %P' -o "$DIR/t.$name" sh -c "$cmd" \
		    >"$DIR/out.$name" 2>"$DIR/err.$name" ||
		    say "$name failed: $(tail -n 2 "$DIR/err.$name")"
		echo "$run $name $(tail -n 1 "$DIR/t.$name")" >>"$RES"
	done <"$TASKS"
	run=$((run + 1))
done
# the merged partials give the single-pass output
if cmp -s "$DIR/out.parallel-2" "$DIR/out.plg-score"; then
	merged="identical to the single pass"
else
	merged="DIFFERENT from the single pass"
fi

# ---- memory at several sizes (one run each) ----
MEM="$DIR/mem"
: >"$MEM"
for n in $MEM_ROWS; do
	say "memory at $n respondents"
	r=$(gen raw "$n"); p=$(gen responses "$n")
	./cmd/plg-score -q --by school "$p" >"$DIR/scores-$n.csv"
	for t in plg-survey plg-score plg-report pipeline; do
		case $t in
		plg-survey) c="./cmd/plg-survey -q '$r'" ;;
		plg-score) c="./cmd/plg-score -q --by school '$p'" ;;
		plg-report) c="./cmd/plg-report -q '$DIR/scores-$n.csv'" ;;
		pipeline) c="./cmd/plg-survey -q '$r' | ./cmd/plg-score -q --by school | ./cmd/plg-report -q" ;;
		esac
		$TIME -f '%M' -o "$DIR/m" sh -c "$c" >/dev/null 2>&1
		echo "$n $t $(tail -n 1 "$DIR/m")" >>"$MEM"
	done
done

# ---- report ----
python3 - "$RES" "$TASKS" "$MEM" "$ROWS" "$SLOW_ROWS" "$SCHOOLS" "$RUNS" \
    "$merged" >"$DIR/results.md" <<'EOF'
import os, statistics as st, sys
res, tasks, mem, rows, slow, schools, runs, merged = sys.argv[1:9]
spec = {}
for l in open(tasks):
    name, inp, ceil, cmd = l.rstrip("\n").split("|", 3)
    spec[name] = (inp, ceil)
t = {}
for l in open(res):
    f = l.split()
    if len(f) < 5:
        continue
    r, name, wall, rss, cpu = f[0], f[1], float(f[2]), int(f[3]), f[4]
    t.setdefault(name, {})[r] = (wall, rss, cpu)
def med(name, i=0):
    return st.median(v[i] for v in t[name].values())
def ratio(a, b):	# median over runs of a/b, same run
    return st.median(t[a][r][0] / t[b][r][0] for r in t[a] if r in t[b]
        and t[b][r][0] > 0)
print("Respondents: %s (Miller: %s), %s schools, 54 items; %s runs, "
      "alternated; medians.\n" % (format(int(rows), ","),
      format(int(slow), ","), schools, runs))
print("| command | input | wall s | MB/s | × its ceiling | peak RSS | CPU |")
print("|---|---|---:|---:|---:|---:|---:|")
for name in t:
    inp, ceil = spec[name]
    mb = os.path.getsize(inp) / 1e6
    w = med(name)
    x = ratio(name, ceil) if ceil in t else float("nan")
    rss = max(v[1] for v in t[name].values()) / 1024
    cpu = st.median(int(v[2].rstrip("%")) for v in t[name].values())
    print("| %s | %s (%.0f MB) | %.2f | %.0f | %.2f | %.1f MB | %d%% |" % (
        name, os.path.basename(inp), mb, w, mb / w, x, rss, cpu))
print("\nThroughput relative to the ceiling (1 = as fast as libcsv parsing "
      "alone; the target is at least 0.5):\n")
for name, c in (("plg-score", "ceil"), ("plg-score-items", "ceil"),
        ("plg-score-1t", "ceil"), ("plg-survey", "ceil-raw"),
        ("plg-survey-1t", "ceil-raw"), ("pipeline", "ceil-raw"),
        ("parallel-2", "ceil")):
    if name in t:
        print("- %s: %.2f of the ceiling's throughput" % (name,
            1 / ratio(name, c)))
print("\nAgainst the peers, per respondent, same run (the peers compute "
      "count, mean and sd per item only, from numbers; the pipeline starts "
      "from the raw export with labels):\n")
nrows = {"miller": int(slow)}
def per_row(name, r):	# seconds per respondent in run r
    return t[name][r][0] / nrows.get(name, int(rows))
for ours in ("plg-score", "plg-score-1t", "pipeline", "parallel-2"):
    for peer in ("datamash", "miller"):
        if ours in t and peer in t:
            q = st.median(per_row(peer, r) / per_row(ours, r)
                for r in t[ours] if r in t[peer])
            print("- %s: %.1f× as fast as %s" % (ours, q, peer))
print("\nMerged partials of 2 parallel batches: %s." % merged)
print("\nPeak RSS by number of respondents (MB):\n")
m = {}
for l in open(mem):
    n, tool, k = l.split()
    m.setdefault(tool, {})[int(n)] = int(k) / 1024
sizes = sorted({n for v in m.values() for n in v})
print("| tool | " + " | ".join(format(n, ",") for n in sizes) + " |")
print("|---|" + "---:|" * len(sizes))
for tool, v in m.items():
    print("| %s | " % tool + " | ".join("%.1f" % v.get(n, float("nan"))
        for n in sizes) + " |")
EOF
cat "$DIR/results.md"
