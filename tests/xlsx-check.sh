#!/bin/sh
# xlsx-check.sh -- render the example report as XLSX and read it back with
# a real reader (python3: zipfile and xml.etree, no third-party module):
# sheets and their names, numbers as numeric cells equal to plg-score's to
# 1e-9, no formula anywhere (user text that looks like one stays text),
# native charts on every framework sheet and a radar chart for the LfL
# principles, suppressed groups absent, same input same bytes.  Writes
# tests/out/report.xlsx; ends with "xlsx: N passed, M failed".
set -u
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C
export LC_ALL
O=tests/out
W=$O/xlsx
mkdir -p "$W"

if ! command -v python3 >/dev/null 2>&1; then
	echo "FAIL python3 available"
	echo "xlsx: 0 passed, 1 failed"
	exit 1
fi
[ -x cmd/plg-report ] || make -s all >/dev/null || {
	echo "FAIL build"; echo "xlsx: 0 passed, 1 failed"; exit 1; }

./cmd/plg-survey -q examples/de-regenboog-export.csv >"$W/responses.csv"
./cmd/plg-score -q --by role_group --by team --items <"$W/responses.csv" \
    >"$W/scores.csv"
cat >"$W/staff.csv" <<'EOF'
group,staff
*,46
leader,5
teacher,32
EOF
xlsx() {	# xlsx OUT ARGS...
	x_out=$1
	shift
	rm -f "$x_out"
	./cmd/plg-report -q -f xlsx -o "$x_out" "$@"
	echo $? >"$x_out.rc"
}
xlsx $O/report.xlsx -l nl --school "Basisschool De Regenboog" \
    --staff "$W/staff.csv" "$W/scores.csv"
xlsx "$W/again.xlsx" -l nl --school "Basisschool De Regenboog" \
    --staff "$W/staff.csv" "$W/scores.csv"
xlsx "$W/en.xlsx" -l en "$W/scores.csv"
./cmd/plg-report -q -f xlsx "$W/scores.csv" >"$W/stdout.xlsx" 2>/dev/null
echo $? >"$W/stdout.xlsx.rc"

# user text that a spreadsheet would evaluate, and leaders and support
# staff with sentinel numbers (hidden with -k 6), and an instrument whose
# framework names are no valid sheet names
python3 - "$W" <<'EOF'
import csv, sys
w = sys.argv[1]
rows = list(csv.reader(open(w + "/scores.csv", newline="")))
h = rows[0]
evil = {"Onderbouw (groep 1-2)": "=1+1", "Middenbouw (groep 3-5)": "@SUM(A1)",
    "Bovenbouw (groep 6-8)": "+cmd|' /C calc'!A0", "Ondersteuning": "-2+3"}
out = [h] + [[evil.get(v, v) if i == h.index("team") else v
    for i, v in enumerate(r)] for r in rows[1:]]
csv.writer(open(w + "/scores-evil.csv", "w", newline=""),
    lineterminator="\n").writerows(out)
for r in rows[1:]:
    if r[h.index("role_group")] in ("leader", "support"):
        for c in ("mean", "sd", "se", "ci_low", "ci_high", "min", "max"):
            r[h.index(c)] = "1.2345"
        for i, c in enumerate(h):
            if c.startswith("n_"):
                r[i] = "9876"
csv.writer(open(w + "/scores-sentinel.csv", "w", newline=""),
    lineterminator="\n").writerows(rows)
EOF
xlsx "$W/evil.xlsx" -l nl --school '=HYPERLINK("http://x.invalid","y")' \
    "$W/scores-evil.csv"
xlsx "$W/k6.xlsx" -l nl -k 6 "$W/scores-sentinel.csv"
./cmd/plg-report --print-instrument >"$W/instrument.csv" 2>/dev/null
python3 - "$W" <<'EOF'
import csv, sys
w = sys.argv[1]
rows = list(csv.reader(open(w + "/instrument.csv", newline="")))
names = {"capacities": "Capacities: [personal]/interpersonal\\organisational*?",
    "lfl": "'Leadership for Learning principles, five of them (MacBeath)'",
    "roles": "Capacities: [personal]/interpersonal\\organisational*?"}
for r in rows:
    if len(r) > 5 and r[0] == "framework" and r[1] in names:
        r[4] = r[5] = names[r[1]]
csv.writer(open(w + "/instrument-odd.csv", "w", newline=""),
    lineterminator="\n").writerows(rows)
EOF
xlsx "$W/odd.xlsx" -l nl -i "$W/instrument-odd.csv" "$W/scores.csv"

python3 - "$O" "$W" >"$W/results.txt" 2>&1 <<'EOF'
# Read the workbooks back and check them; prints "ok ..." or "FAIL ...".
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
O, W = sys.argv[1], sys.argv[2]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
RID = "{%s}id" % NS["r"]

def check(desc, cond):
    print(("ok   " if cond else "FAIL ") + desc)

def rc(path):
    try:
        return int(open(path + ".rc").read())
    except OSError:
        return -1

class Book:
    """A workbook as a reader sees it: sheets of cells, charts."""
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.strings = []
        if "xl/sharedStrings.xml" in self.z.namelist():
            for si in ET.fromstring(self.z.read("xl/sharedStrings.xml")):
                self.strings.append("".join(t.text or "" for t in
                    si.iter("{%s}t" % NS["m"])))
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        rels = ET.fromstring(self.z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.names, self.sheets, self.formulas, self.xml = [], {}, 0, {}
        for s in wb.find("m:sheets", NS):
            name, part = s.get("name"), "xl/" + target[s.get(RID)]
            self.names.append(name)
            raw = self.z.read(part)
            self.xml[name] = (part, raw)
            cells = {}
            for c in ET.fromstring(raw).iter("{%s}c" % NS["m"]):
                if c.find("m:f", NS) is not None:
                    self.formulas += 1
                v, t = c.find("m:v", NS), c.get("t", "n")
                if t == "s":
                    cells[c.get("r")] = ("s", self.strings[int(v.text)])
                elif t == "inlineStr":
                    cells[c.get("r")] = ("s", "".join(x.text or "" for x in
                        c.iter("{%s}t" % NS["m"])))
                elif v is not None:
                    cells[c.get("r")] = (t, v.text)
            self.sheets[name] = cells
        self.charts = {n: self.z.read(n).decode() for n in self.z.namelist()
            if re.match(r"xl/charts/chart\d+\.xml$", n)}

    def rows(self, sheet):
        """{row number: {column letters: (type, value)}}"""
        out = {}
        for ref, v in self.sheets[sheet].items():
            col, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
            out.setdefault(int(row), {})[col] = v
        return out

    def find_row(self, sheet, col, text):
        for r, cells in sorted(self.rows(sheet).items()):
            if cells.get(col) == ("s", text):
                return cells
        return None

    def sheet_charts(self, sheet):
        """The chart parts drawn on a sheet."""
        part = self.xml[sheet][0]
        rel = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rel not in self.z.namelist():
            return []
        out = []
        for r in ET.fromstring(self.z.read(rel)):
            if r.get("Type", "").endswith("/drawing"):
                d = "xl/drawings/" + r.get("Target").split("/")[-1]
                drel = d.replace("drawings/", "drawings/_rels/") + ".rels"
                for dr in ET.fromstring(self.z.read(drel)):
                    out.append("xl/charts/" + dr.get("Target").split("/")[-1])
        return out

def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def scores(path):
    """plg-score's rows: {(role_group, team, code): row dict}"""
    rd = csv.DictReader(open(path, newline=""))
    return {(r["role_group"], r["team"], r["code"]): r for r in rd}

def valid_name(n):
    return (0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) and
        not n.startswith("'") and not n.endswith("'"))

# ---- the example workbook ----
check("renders: exit 0, a zip file", rc(O + "/report.xlsx") == 0 and
    zipfile.is_zipfile(O + "/report.xlsx"))
b = Book(O + "/report.xlsx")
sc = scores(W + "/scores.csv")
fw = ["Drie capaciteiten van een PLG", "Leiderschap voor leren",
    "De rollen van de schoolleider"]
check("sheets: Respons first, one per framework, Uitspraken: %s" % b.names,
    b.names == ["Respons"] + fw + ["Uitspraken"])
check("sheet names valid (<= 31 characters, no []:*?/\\)",
    all(valid_name(n) for n in b.names))
check("no formula in any cell", b.formulas == 0)
num_strings = [v for s in b.sheets.values() for t, v in s.values()
    if t == "s" and re.fullmatch(r"\s*[-+]?\d+([.,]\d+)?%?\s*", v)]
check("no number written as text %s" % num_strings[:3], not num_strings)

cap = b.find_row(fw[0], "A", "Persoonlijke capaciteit")
want = float(sc[("*", "*", "personal")]["mean"])
got = cap and cap.get("C")
check("whole-school mean of 'personal' is a numeric cell = plg-score's "
    "%.9g (got %s)" % (want, got), got is not None and got[0] == "n" and
    abs(float(got[1]) - want) < 1e-9)
got = cap and cap.get("B")
check("its n is numeric = %s" % sc[("*", "*", "personal")]["n"],
    got is not None and got[0] == "n" and
    float(got[1]) == float(sc[("*", "*", "personal")]["n"]))
got = cap and cap.get("D")
check("its sd is numeric = plg-score's to 1e-9", got is not None and
    got[0] == "n" and abs(float(got[1]) -
    float(sc[("*", "*", "personal")]["sd"])) < 1e-9)
check("its band is the label 'In ontwikkeling'", cap is not None and
    cap.get("E") == ("s", "In ontwikkeling"))
def col_index(letters):
    return sum((ord(ch) - 64) * 26 ** i for i, ch in
        enumerate(reversed(letters))) - 1

heads = b.rows(fw[0]).get(3, {})	# a block's label heads its n column
lead_col = [c for c, v in heads.items() if v == ("s", "Schoolleiding")]
ok = False
if lead_col:
    mcol = col_name(col_index(lead_col[0]) + 1)	# then the mean
    got = b.find_row(fw[0], "A", "Organisatorische capaciteit").get(mcol)
    want = float(sc[("leader", "*", "organisational")]["mean"])
    ok = got is not None and got[0] == "n" and abs(float(got[1]) - want) < 1e-9
check("leaders' block: mean of 'organisational' = plg-score's", ok)

resp = b.rows("Respons")
whole = b.find_row("Respons", "B", "Hele school")
check("responses: whole school 41 of 46 staff, rate 41/46 as a number",
    whole is not None and whole.get("C") == ("n", "41") and
    whole.get("D") == ("n", "46") and
    abs(float(whole.get("E", ("s", "0"))[1]) - 41 / 46) < 1e-12)
check("responses: the anonymity note is there", any(v == ("s",
    "Groepen met minder dan 5 respondenten worden nooit getoond.")
    for r in resp.values() for v in r.values()))

it = b.find_row("Uitspraken", "C", "OC2")
want = sc[("*", "*", "OC2")]
got = [it.get(col_name(8 + k)) for k in range(5)] if it else []
check("statements: OC2's answer counts n_1..n_5 numeric = plg-score's",
    len(got) == 5 and all(g is not None and g[0] == "n" and
    float(g[1]) == float(want["n_%d" % (k + 1)]) for k, g in enumerate(got)))
check("statements: OC2 is marked reverse-worded, its keyed mean numeric",
    it is not None and it.get("E") == ("s", "ja") and it.get("G", ("s",))[0]
    == "n" and abs(float(it["G"][1]) - float(want["mean"])) < 1e-9)
check("statements: all 54 statements", sum(1 for r, c in
    b.rows("Uitspraken").items() if r > 2 and "C" in c) == 54)

for s in fw:
    ch = b.sheet_charts(s)
    bars = [c for c in ch if "<c:barChart>" in b.charts[c] and
        '<c:barDir val="bar"/>' in b.charts[c]]
    refs = bars and re.findall(r"<c:f>([^<]*)</c:f>", b.charts[bars[0]])
    check("'%s': a native bar chart of its scale means (%s)" % (s,
        refs[1] if refs else "-"), bool(bars) and all(
        r.startswith("'%s'!" % s) or r.startswith(s + "!") for r in refs))
radar = [c for c in b.sheet_charts(fw[1]) if "<c:radarChart>" in b.charts[c]]
check("LfL sheet: a radar chart with 3 series (school, leaders, teachers)",
    len(radar) == 1 and b.charts[radar[0]].count("<c:ser>") == 3)
sers = [s for x in b.charts.values() for s in x.split("<c:ser>")[1:]]
check("every series (%d) is named by a cell reference" % len(sers),
    len(sers) >= 12 and all(s.split("</c:ser>")[0].count(
    "<c:tx><c:strRef><c:f>") == 1 for s in sers))

a = open(O + "/report.xlsx", "rb").read()
check("deterministic: same input, same bytes", rc(W + "/again.xlsx") == 0 and
    a == open(W + "/again.xlsx", "rb").read())
check("to standard output when redirected: same workbook",
    rc(W + "/stdout.xlsx") == 0 and zipfile.is_zipfile(W + "/stdout.xlsx"))

# ---- English ----
e = Book(W + "/en.xlsx")
check("en: sheets %s" % e.names, e.names[0] == "Responses" and
    e.names[-1] == "Statements" and "Leadership for Learning" in e.names)
words = {v for s in e.sheets.values() for t, v in s.values() if t == "s"}
dutch = [w for w in words if re.search(r"Gemiddelde|Schoolleiding|Leraren|"
    r"oneens|Aandachtspunt|Respondenten|Uitspraak", w)]
check("en: no Dutch text %s" % dutch[:3], not dutch)

# ---- text that looks like a formula stays text ----
v = Book(W + "/evil.xlsx")
texts = {x for s in v.sheets.values() for t, x in s.values() if t == "s"}
evil = ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3",
    '=HYPERLINK("http://x.invalid","y")']
check("renders with formula-like school and team names",
    rc(W + "/evil.xlsx") == 0)
check("formula-like text stored as plain strings, no <f>: %s" %
    [x for x in evil if x not in texts], v.formulas == 0 and
    all(x in texts for x in evil))
check("chart series named from cells, never from that text",
    all("=1+1" not in x and "@SUM" not in x for x in v.charts.values()))

# ---- suppressed groups ----
k = Book(W + "/k6.xlsx")
leak = [(s, r, x) for s, cells in k.sheets.items() for r, (t, x) in
    cells.items() if t == "n" and (abs(float(x) - 1.2345) < 1e-9 or
    float(x) == 9876)]
check("-k 6: no number of the hidden leaders or support staff %s" % leak[:3],
    rc(W + "/k6.xlsx") == 0 and not leak)
shown = [x for s in k.names[1:] for r, cells in k.rows(s).items()
    for x in cells.values() if x[1] in ("Schoolleiding",
    "Onderwijsondersteuners")]
check("-k 6: hidden groups have no column block", not shown)
resp = k.rows(k.names[0])
rows = [c for c in resp.values() if c.get("B", ("", ""))[1] in
    ("Schoolleiding", "Onderwijsondersteuners")]
check("-k 6: responses sheet names them only as suppressed, with reasons",
    len(rows) == 2 and all("C" in c and all(v[0] == "s" for v in c.values())
    for c in rows))

# ---- sheet names from an instrument that has awkward ones ----
d = Book(W + "/odd.xlsx")
low = [n.lower() for n in d.names]
check("awkward framework names give valid, unique sheet names: %s" %
    d.names, rc(W + "/odd.xlsx") == 0 and len(d.names) == 5 and
    all(valid_name(n) for n in d.names) and len(set(low)) == len(low))
EOF
# ---- the comparisons: waves, current and desired, the reference ----
. tests/compare-inputs.sh
xlsx "$W/waves.xlsx" -l nl "$W/scores-waves.csv" 2>/dev/null
xlsx "$W/desired.xlsx" -l en -i +desired "$W/scores-desired.csv"
xlsx "$W/reference.xlsx" -l en --reference examples/bestuur-referentie.csv \
    "$W/scores.csv"
./cmd/plg-report -q -f csv -l nl "$W/scores-waves.csv" >"$W/waves.csv" 2>/dev/null
./cmd/plg-report -q -f csv -l en --reference examples/bestuur-referentie.csv \
    "$W/scores.csv" >"$W/reference.csv"
python3 - "$W" >>"$W/results.txt" 2>&1 <<'PYEOF'
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
W = sys.argv[1]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
def check(desc, cond):
    print(("ok   " if cond else "FAIL ") + desc)
def sheets(path):
    z = zipfile.ZipFile(path)
    strings = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
        for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
    wb = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]*)"', wb)
    out, formulas = {}, 0
    for i, n in enumerate(names):
        cells = {}
        for c in ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % (i + 1))
                ).iter("{%s}c" % NS["m"]):
            formulas += c.find("m:f", NS) is not None
            v = c.find("m:v", NS)
            if v is None:
                continue
            cells[c.get("r")] = strings[int(v.text)] if c.get("t") == "s" \
                else float(v.text)
        out[n] = cells
    charts = [z.read(n).decode() for n in z.namelist()
        if re.match(r"xl/charts/chart\d+\.xml$", n)]
    return names, out, formulas, charts
def rows(cells):
    r = {}
    for ref, v in cells.items():
        col, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
        r.setdefault(int(row), {})[col] = v
    return r
# waves: a sheet, the whole school's change equal to the CSV's, a chart
names, sh, f, charts = sheets(W + "/waves.xlsx")
check("waves: a sheet 'Metingen vergeleken' %s" % names,
    "Metingen vergeleken" in names and f == 0)
want = {r["scale_code"]: r for r in csv.DictReader(open(W + "/waves.csv"))
    if r["table"] == "waves" and r["group"] == "Hele school"}
got = [r for r in rows(sh.get("Metingen vergeleken", {})).values()
    if r.get("A") == "Hele school" and r.get("C") == "Organisatorische capaciteit"]
check("waves: organisational capacity's change +0.56 is a number, as in the CSV",
    len(got) == 1 and abs(got[0].get("F", 99) -
    float(want["organisational"]["difference"])) < 0.006 and
    abs(got[0]["F"] - 0.56) < 0.006)
got = [r for r in rows(sh.get("Metingen vergeleken", {})).values()
    if r.get("A") == "Hele school" and r.get("C") == "Dialoog"]
check("waves: dialogue not compared, no numbers, LF3f named",
    len(got) == 1 and got[0].get("J") == "niet vergeleken" and
    "F" not in got[0] and "D" not in got[0] and
    "LF3f" in got[0].get("K", ""))
check("waves: a line chart with high-low lines (the intervals)",
    any("<c:lineChart>" in c and "<c:hiLowLines>" in c for c in charts))
# current and desired
names, sh, f, charts = sheets(W + "/desired.xlsx")
vs = [n for n in names if n.startswith("Current situation and desired")]
check("desired: a sheet %s" % vs, len(vs) == 1 and f == 0)
got = [r for r in rows(sh[vs[0]]).values()
    if r.get("B") == "Organisational capacity"] if vs else []
check("desired: organisational 2.89 -> 4.45, gap 1.56, as numbers",
    len(got) == 1 and abs(got[0]["C"] - 2.89) < 0.006 and
    abs(got[0]["D"] - 4.45) < 0.006 and abs(got[0]["E"] - 1.56) < 0.006)
check("desired: a bar chart of both situations",
    any("<c:barChart>" in c and c.count("<c:ser>") == 2 for c in charts))
# the reference
names, sh, f, charts = sheets(W + "/reference.xlsx")
check("reference: a sheet 'Compared with the reference'",
    "Compared with the reference" in names and f == 0)
got = [r for r in rows(sh.get("Compared with the reference", {})).values()
    if r.get("A") == "Whole school" and r.get("C") == "Organisational capacity"]
check("reference: organisational -0.51, below the reference, rank 6 of 6",
    len(got) == 1 and abs(got[0]["F"] + 0.51) < 0.006 and
    got[0].get("J") == "below the reference" and got[0].get("K") == "6 of 6")
words = {v for s in sh.values() for v in s.values() if isinstance(v, str)}
check("reference: no reference school named",
    not any(re.search("Kleine Prins|Klimop|De Vlinder|Sint Jozef", w)
    for w in words))
PYEOF
cat "$W/results.txt"
pass=$(grep -c '^ok' "$W/results.txt")
fail=$(grep -vc '^ok' "$W/results.txt")
echo "xlsx: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
