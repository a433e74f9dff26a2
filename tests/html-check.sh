#!/bin/sh
# html-check.sh -- render the example report as HTML and check it as a
# reader's browser sees it: structure and self-containment (grep, python3),
# then headless Chromium: no console errors, every chart drawn with a size,
# no chart label outside its chart or on top of another, no horizontal
# scrolling on a desktop or a phone, A4 pages when printed.  Also: user text
# escaped, suppressed groups absent, same input same bytes.  Writes
# tests/out/report.html, report-en.html, report.png and report.pdf; ends
# with "html: N passed, M failed".  Needs python3 and chromium (installed
# with apt-get when missing).
set -u
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
export LC_ALL
O=tests/out
W=$O/html
mkdir -p "$W"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# check DESCRIPTION COMMAND...: the command's status decides
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi; }
# absent FILE PATTERN: no line of FILE matches the extended regex
absent() { ! grep -Eq -- "$2" "$1"; }
present() { grep -Eq -- "$2" "$1"; }
count() { grep -Eo -- "$2" "$1" | wc -l | tr -d ' '; }

finish() {
	echo "html: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

# ---- tools ----
find_chromium() {
	for c in chromium chromium-browser google-chrome; do
		if command -v "$c" >/dev/null 2>&1; then
			CHROMIUM=$(command -v "$c")
			return 0
		fi
	done
	return 1
}
if ! find_chromium; then
	echo "html-check: chromium is missing; installing it: apt-get install -y chromium"
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq &&
	    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends chromium >"$W/apt.log" 2>&1 ||
	    tail -n 5 "$W/apt.log"
	find_chromium || { bad "chromium available"; finish; }
fi
command -v python3 >/dev/null 2>&1 || { bad "python3 available"; finish; }
[ -x cmd/plg-report ] || make -s all >/dev/null || { bad "build"; finish; }

PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/plg-html-check.XXXXXX")
trap 'rm -rf "$PROFILE"' EXIT
# chrome ARGS...: headless Chromium, stderr to $W/chrome.err
chrome() {
	timeout 90 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
	    --no-first-run --disable-extensions --hide-scrollbars \
	    --user-data-dir="$PROFILE" --enable-logging=stderr --v=0 "$@" \
	    2>"$W/chrome.err"
}

# ---- render ----
./cmd/plg-survey -q examples/de-regenboog-export.csv >"$W/responses.csv" &&
    ./cmd/plg-score -q --by role_group --by team --items \
    <"$W/responses.csv" >"$W/scores.csv"
check "pipeline plg-survey | plg-score" test -s "$W/scores.csv"
cat >"$W/staff.csv" <<'EOF'
group,staff
*,46
leader,5
teacher,32
Onderbouw (groep 1-2),11
Middenbouw (groep 3-5),13
Bovenbouw (groep 6-8),14
Ondersteuning,8
EOF
report() {	# report OUT ARGS...
	r_out=$1
	shift
	./cmd/plg-report -q -f html "$@" >"$r_out"
}
report $O/report.html -l nl --school "Basisschool De Regenboog" \
    --staff "$W/staff.csv" "$W/scores.csv"
check "render nl (exit 0, output)" test -s $O/report.html
report $O/report-en.html -l en --school "Basisschool De Regenboog" \
    --staff "$W/staff.csv" "$W/scores.csv"
check "render en (exit 0, output)" test -s $O/report-en.html
report "$W/again.html" -l nl --school "Basisschool De Regenboog" \
    --staff "$W/staff.csv" "$W/scores.csv"
check "deterministic: same input, same bytes" cmp -s $O/report.html \
    "$W/again.html"

# ---- the page as text ----
H=$O/report.html
check "starts with <!DOCTYPE html>" sh -c \
    "head -n 1 $H | grep -q '^<!DOCTYPE html>'"
check "html lang=nl / lang=en" sh -c "grep -q '<html lang=\"nl\">' $H &&
    grep -q '<html lang=\"en\">' $O/report-en.html"
check "meta charset utf-8 and viewport" sh -c "grep -q '<meta charset=\"utf-8\">' $H &&
    grep -q '<meta name=\"viewport\" content=\"width=device-width' $H"
check "no script at all" absent $H '<script|javascript:|[[:space:]]on[a-z]+='
check "nothing loaded from elsewhere (no URL, src, @import, url())" \
    absent $H 'https?:|//[a-z]|src=|@import|url\('
check "print CSS: @page A4 and @media print" sh -c "grep -q '@page{size:A4' $H &&
    grep -q '@media print' $H"
nsvg=$(count $H '<svg ')
check "every svg ($nsvg) has a viewBox with a size" test "$nsvg" -gt 0 -a \
    "$nsvg" -eq "$(count $H '<svg [^>]*viewBox="0 0 [1-9][0-9.]* [1-9][0-9.]*"')"
nimg=$(count $H '<svg [^>]*role="img"')
ntitle=$(count $H '<title id="c[0-9]+-t">')
ndesc=$(count $H '<desc id="c[0-9]+-d">')
nhidden=$(count $H '<svg [^>]*aria-hidden="true"')
check "every chart svg ($nimg) has role=img, a <title> and a <desc>; the \
rest ($nhidden) are aria-hidden axes" test "$nimg" -eq "$ntitle" -a \
    "$ntitle" -eq "$ndesc" -a "$nsvg" -eq $((nimg + nhidden))
check "capacities: bar chart with CI whiskers" present $H \
    'Drie capaciteiten van een PLG \(Verbiest\): gemiddelde per schaal'
check "LfL: radar chart with school, leaders and teachers" sh -c "
    test \$(grep -c 'fill-opacity=\"0.12\"' $H) -eq 2 &&
    test \$(grep -c 'stroke-dasharray=\"7 4\"' $H) -eq 2"
check "answers: a diverging bar per statement (54)" test \
    "$(count $H '<div class="lk-row">')" -eq 54
check "leaders vs teachers: dot plot" present $H \
    '<figcaption>Schoolleiding en leraren per schaal</figcaption>'
check "teams: grouped bars for each framework (3)" test \
    "$(count $H '<figcaption>[^<]*: gemiddelde per team</figcaption>')" -eq 3
python3 - "$H" "$O/report-en.html" >"$W/lint.txt" 2>&1 <<'EOF'
# Well-formed HTML5: every element closed in order (void elements aside),
# ids unique, every aria-labelledby and #fragment pointing at an id.
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "source", "track", "wbr"}
SVG_VOID = {"line", "rect", "circle", "polygon", "path"}
class Lint(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.refs, self.err = [], set(), [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.err.append("duplicate id " + a["id"])
            self.ids.add(a["id"])
        for r in (a.get("aria-labelledby") or "").split():
            self.refs.append(r)
        if (a.get("href") or "").startswith("#"):
            self.refs.append(a["href"][1:])
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.err.append("unexpected </%s> (open: %s)" %
                (tag, "/".join(self.stack[-3:])))
        else:
            self.stack.pop()
bad = 0
for f in sys.argv[1:]:
    p = Lint()
    p.feed(open(f, encoding="utf-8").read())
    p.close()
    e = p.err + ["unclosed " + t for t in p.stack] + \
        ["dangling reference " + r for r in p.refs if r not in p.ids]
    for m in e[:10]:
        print(f + ": " + m)
    bad += len(e)
sys.exit(1 if bad else 0)
EOF
lint=$?
d="well-formed: tags closed, ids unique, references resolve"
if [ $lint -eq 0 ]; then ok "$d"; else bad "$d"; cat "$W/lint.txt"; fi

# ---- language: every text in the chosen language, charts included ----
E=$O/report-en.html
check "en report has no Dutch texts" absent $E \
    'Gemiddelde|Schoolleiding|Leraren|oneens|Aandachtspunt|Sterk punt|'\
'antwoorden|Uitspraak|Verschil|Respondenten'
check "en report has English chart texts" sh -c "grep -q 'Mean (1 = Strongly disagree, 5 = Strongly agree)' $E &&
    grep -q '95% confidence interval' $E && grep -q '>Leadership<' $E"
check "nl report has no English chart texts" absent $H \
    'Mean \(|Strongly|>Leadership|>Teachers|confidence interval| answers|Statement'

# ---- user text is escaped ----
python3 - "$W/scores.csv" "$W/scores-xss.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
team = rows[0].index("team")
for r in rows[1:]:
    if r[team] == "Ondersteuning":
        r[team] = "<script>alert(2)</script> & \"x\" 'y'"
csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n").writerows(rows)
EOF
report "$W/xss.html" -l nl --school '<script>alert(1)</script>' \
    --title 'Q&A <b>"1"</b>' "$W/scores-xss.csv"
check "render with markup in school, title and a team name" test -s "$W/xss.html"
check "no markup from the input gets through" absent "$W/xss.html" \
    '<script|<b>|alert\([12]\)</'
check "school, title and team name come out escaped" sh -c "
    grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' $W/xss.html &&
    grep -q 'Q&amp;A &lt;b&gt;&quot;1&quot;&lt;/b&gt;' $W/xss.html &&
    grep -q '&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;' $W/xss.html"

# ---- suppressed groups: nowhere, not one number ----
# Leaders (5) and support staff (6) get sentinel statistics; with -k 6 the
# leaders are too small and support staff are hidden with them (else the
# leaders follow by subtraction).  A sentinel in the page would be a leak.
python3 - "$W/scores.csv" "$W/scores-sentinel.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
h = rows[0]
stat = ["mean", "sd", "se", "ci_low", "ci_high", "min", "max"]
for r in rows[1:]:
    if r[h.index("role_group")] in ("leader", "support"):
        for c in stat:
            r[h.index(c)] = "1.2345"
        for i, c in enumerate(h):
            if c.startswith("n_"):
                r[i] = "9876"
csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n").writerows(rows)
EOF
report "$W/k3.html" -l nl -k 3 "$W/scores-sentinel.csv"
report "$W/k6.html" -l nl -k 6 "$W/scores-sentinel.csv"
check "sentinels visible when the groups are shown (-k 3)" sh -c "
    grep -Eq '(^|[^0-9.])1\\.23' $W/k3.html &&
    grep -q '>Schoolleiding</td>' $W/k3.html"
check "-k 6: no number of a suppressed group anywhere" absent "$W/k6.html" \
    '(^|[^0-9.])1\.23|9876|>Schoolleiding</td>|>Onderwijsondersteuners</td>'
check "-k 6: leaders absent from the charts" sh -c "
    ! grep -q 'Schoolleiding en leraren per schaal' $W/k6.html &&
    ! grep -q 'stroke-dasharray=\"7 4\"' $W/k6.html"
check "-k 6: the anonymity note names both groups and why" sh -c "
    grep -q '<strong>Schoolleiding</strong>: minder dan 6 respondenten' $W/k6.html &&
    grep -q '<strong>Onderwijsondersteuners</strong>: verborgen zodat' $W/k6.html"

# ---- in the browser ----
consoles() { grep -c 'CONSOLE' "$W/chrome.err"; }
chrome --window-size=1000,3000 --dump-dom "file://$PWD/$H" >"$W/dom.html"
check "nl: loads in Chromium without console messages" sh -c "
    test -s $W/dom.html && test $(consoles) -eq 0" ||
    grep CONSOLE "$W/chrome.err" | head -n 5
chrome --window-size=1000,3000 --dump-dom "file://$PWD/$E" >"$W/dom-en.html"
check "en: loads in Chromium without console messages" sh -c "
    test -s $W/dom-en.html && test $(consoles) -eq 0"
chrome --window-size=1000,3000 --dump-dom "file://$PWD/$W/xss.html" \
    >"$W/dom-xss.html"
check "escaped page: loads without console messages" sh -c "
    test -s $W/dom-xss.html && test $(consoles) -eq 0"

# The probe runs in a test copy (the report has no script, and its CSP
# would block one): one line per problem between PROBE-BEGIN and -END.
probe_copy() {
	sed '/Content-Security-Policy/d; /^<\/body>$/d; /^<\/html>$/d' "$1"
	echo '<script>'
	cat tests/html-probe.js
	printf '</script>\n</body>\n</html>\n'
}
probe() {	# probe PAGE WIDTH NAME
	probe_copy "$1" >"$W/probe.html"
	chrome --window-size="$2",900 --dump-dom "file://$PWD/$W/probe.html" |
	    sed -n '/^PROBE-BEGIN/,/^PROBE-END/p' >"$W/probe-$3.txt"
	if grep -q '^probe: done [1-9]' "$W/probe-$3.txt" &&
	    [ "$(wc -l <"$W/probe-$3.txt")" -eq 3 ]; then
		ok "layout at $2 px ($3): $(grep '^probe:' "$W/probe-$3.txt" |
		    sed 's/probe: done //'), all sized, labels inside, no overlap"
	else
		bad "layout at $2 px ($3)"
		sed -n '2,12p' "$W/probe-$3.txt"
	fi
}
probe $H 1000 desktop
probe $H 390 phone
probe $E 1000 desktop-en
# ---- the comparisons: waves, current and desired, the reference ----
. tests/compare-inputs.sh
report "$W/waves.html" -l nl "$W/scores-waves.csv" 2>/dev/null
report "$W/desired.html" -l en -i +desired "$W/scores-desired.csv"
report "$W/reference.html" -l nl --reference examples/bestuur-referentie.csv \
    "$W/scores.csv"
check "waves: a forest chart of the changes, LF3f's scales refused" sh -c "
    grep -q '<figcaption>Verandering per schaal, 2026 vergeleken met 2025, hele school</figcaption>' $W/waves.html &&
    grep -q 'LF3f alleen gevraagd in 2026' $W/waves.html &&
    grep -q '>niet vergeleken<' $W/waves.html && grep -q '<p class=\"sub\">Meting: 2026</p>' $W/waves.html"
check "current and desired: a dumbbell chart and the largest gaps" sh -c "
    grep -q '<figcaption>Current situation and desired situation per scale, whole school</figcaption>' $W/desired.html &&
    grep -q 'Largest gaps: Organisational capacity' $W/desired.html"
check "reference: a forest chart, ranks, no reference school named" sh -c "
    grep -q '<figcaption>Verschil met de referentie per schaal, hele school</figcaption>' $W/reference.html &&
    grep -q '6 van 6' $W/reference.html &&
    ! grep -Eq 'Kleine Prins|Klimop|De Vlinder|Het Kompas' $W/reference.html"
for f in waves desired reference; do
	probe "$W/$f.html" 1000 "$f-desktop"
	probe "$W/$f.html" 390 "$f-phone"
done
# the probe itself must see problems
cat >"$W/broken.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"></head><body>
<figure><svg class="chart" viewBox="0 0 100 40" width="100" height="40"><title>t</title>
<text x="90" y="20">a label far too long</text><text x="5" y="35">ab</text><text x="7" y="35">ab</text></svg></figure>
<div style="width:3000px">wide</div>
</body>
</html>
EOF
probe_copy "$W/broken.html" >"$W/probe.html"
chrome --window-size=1000,900 --dump-dom "file://$PWD/$W/probe.html" |
    sed -n '/^PROBE-BEGIN/,/^PROBE-END/p' >"$W/probe-broken.txt"
check "probe self-test: sees a cut-off label, an overlap, a wide page" sh -c "
    grep -q '^text outside the chart' $W/probe-broken.txt &&
    grep -q '^overlapping labels' $W/probe-broken.txt &&
    grep -q '^page wider than the window' $W/probe-broken.txt"

chrome --window-size=1000,3000 --screenshot="$PWD/$O/report.png" \
    "file://$PWD/$H" >/dev/null
check "screenshot tests/out/report.png" sh -c "
    test \$(wc -c <$O/report.png) -gt 20000 &&
    head -c 8 $O/report.png | od -An -c | grep -q 'P   N   G'"
chrome --print-to-pdf="$PWD/$O/report.pdf" --no-pdf-header-footer \
    "file://$PWD/$H" >/dev/null
pages=$(grep -ao '/Type */Pages*' $O/report.pdf 2>/dev/null | grep -c 'Page$')
check "prints to A4 PDF ($pages pages)" sh -c "
    head -c 5 $O/report.pdf | grep -q '%PDF' &&
    grep -aq 'MediaBox \[0 0 59[45][.0-9]* 84[12]' $O/report.pdf &&
    test $pages -ge 4"

finish
