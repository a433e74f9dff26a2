/* plg-report -- plg-score's group statistics to a report for people:
 * terminal text, Markdown, HTML, CSV or XLSX, in Dutch or English, with
 * small groups suppressed. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "csvio.h"
#include "diag.h"
#include "instrument.h"
#include "numparse.h"
#include "render.h"
#include "report.h"
#include "report_text.h"
#include "xalloc.h"

static void
usage(int status)
{
	FILE *fp = status == PLG_EXIT_OK ? stdout : stderr;

	fprintf(fp, "usage: plg-report [-hqV] [-f format] [-i instrument] "
	    "[-k min] [-l lang] [-o file]\n"
	    "                  [--staff=file] [--reference=file] "
	    "[--wave-column=col]\n"
	    "                  [--dialect=plain|excel-nl] [--color=when] "
	    "[file]\n");
	if (status != PLG_EXIT_OK) {
		fprintf(fp, "Try 'plg-report --help' for more information.\n");
		exit(status);
	}
	fputs("Turn plg-score's group statistics into a report on the school "
	    "as a professional\nlearning community: scales and bands, "
	    "strongest and weakest, leader-teacher gaps,\nteams, "
	    "recommendations; waves, current against desired, the school\n"
	    "against a reference.  Groups under the threshold are never "
	    "shown.\n\n"
	    "  -f, --format=FORMAT      text, md, html, csv or xlsx (default "
	    "text)\n"
	    "  -l, --lang=LANG          nl or en (default from LC_ALL, "
	    "LC_MESSAGES, LANG)\n"
	    "  -k, --min-group=K        hide groups with fewer than K "
	    "respondents (default 5,\n"
	    "                           at least 3)\n"
	    "      --staff=FILE         CSV 'group,staff': staff counts for "
	    "response rates\n"
	    "                           (group '' or '*' or 'school' = whole "
	    "school)\n"
	    "      --reference=FILE     compare with this plg-score output of "
	    "other schools\n"
	    "                           (e.g. plg-score --merge of their "
	    "partial files)\n"
	    "      --wave-column=COL    group column of the waves (default "
	    "wave): the report\n"
	    "                           is about the last wave, compared with "
	    "the ones before\n"
	    "      --dialect=DIALECT    csv: plain (',' '.' LF) or excel-nl "
	    "(';' ',' CRLF BOM)\n"
	    "      --color=WHEN         text: auto, always or never (default "
	    "auto; NO_COLOR)\n"
	    "      --width=COLS         text: line width (default 80)\n"
	    "      --title=TEXT         report title (default: the "
	    "instrument's)\n"
	    "      --school=NAME        school name for the heading (and in "
	    "the reference)\n"
	    "      --date=TEXT          a date line (default none: same input, "
	    "same bytes)\n"
	    "  -i, --instrument=FILE    use this instrument instead of the "
	    "default\n"
	    "      --print-instrument   print the instrument (CSV) and exit\n"
	    "  -o, --output=FILE        write to FILE instead of standard "
	    "output\n"
	    "  -q, --quiet              no summary line on standard error\n"
	    "  -h, --help               print this help and exit\n"
	    "  -V, --version            print version and exit\n"
	    "\nWith no FILE, or when FILE is -, read standard input.\n"
	    "Exit status: 0 ok, 1 data problem or nothing to show, 2 usage or "
	    "system error.\n"
	    "Example: plg-survey export.csv | plg-score --by role_group --by "
	    "team --items |\n         plg-report --format md --lang nl > "
	    "report.md\n", fp);
	exit(status);
}

enum { OPT_STAFF = 256, OPT_DIALECT, OPT_COLOR, OPT_WIDTH, OPT_TITLE,
    OPT_SCHOOL, OPT_DATE, OPT_PRINT_INSTRUMENT, OPT_REFERENCE,
    OPT_WAVE_COLUMN };

static const struct option longopts[] = {
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "dialect", required_argument, NULL, OPT_DIALECT },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "instrument", required_argument, NULL, 'i' },
	{ "lang", required_argument, NULL, 'l' },
	{ "min-group", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "print-instrument", no_argument, NULL, OPT_PRINT_INSTRUMENT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "reference", required_argument, NULL, OPT_REFERENCE },
	{ "school", required_argument, NULL, OPT_SCHOOL },
	{ "staff", required_argument, NULL, OPT_STAFF },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "version", no_argument, NULL, 'V' },
	{ "wave-column", required_argument, NULL, OPT_WAVE_COLUMN },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ NULL, 0, NULL, 0 }
};

static const char *const formats[] = {
	"text", "md", "html", "csv", "xlsx"
};

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct args {
	const char *instrument, *output, *staff, *input, *reference;
	const char *wave_column;
	enum render_format fmt;
	enum color_when color;
	int k, quiet, print, excel_nl;
	struct render_opts o;
};

/* nl when the first set of LC_ALL, LC_MESSAGES, LANG starts with "nl". */
static enum lang
env_lang(void)
{
	static const char *const var[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < 3; i++)
		if ((v = getenv(var[i])) != NULL && *v != '\0')
			return strncmp(v, "nl", 2) == 0 ? LANG_NL : LANG_EN;
	return LANG_EN;
}

static int
parse_int(const char *s, const char *what, int lo, int hi)
{
	double x;

	if (num_parse(s, &x) != 0 || x != (int)x || x < lo || x > hi)
		cli_usage_error("%s must be a whole number from %d to %d, not "
		    "'%s'", what, lo, hi, s);
	return (int)x;
}

static void
parse_args(int argc, char **argv, struct args *a)
{
	double x;
	size_t i;
	int ch, l;

	memset(a, 0, sizeof(*a));
	a->k = 5;
	a->wave_column = "wave";
	a->o.lang = env_lang();
	a->o.width = 80;
	while ((ch = getopt_long(argc, argv, "f:hi:k:l:o:qV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			for (i = 0; i < 5 && strcmp(optarg, formats[i]); i++)
				;
			if (i == 5)
				cli_usage_error("unknown format '%s' (text, md, "
				    "html, csv or xlsx)", optarg);
			a->fmt = (enum render_format)i;
			break;
		case 'h': usage(PLG_EXIT_OK); break;
		case 'i': a->instrument = optarg; break;
		case 'k':
			if (num_parse(optarg, &x) == 0 && x == (int)x && x < 3)
				cli_usage_error("--min-group must be at least 3, "
				    "not '%s': smaller groups are not "
				    "anonymous", optarg);
			a->k = parse_int(optarg, "--min-group", 3, 1000000);
			break;
		case 'l':
			if ((l = lang_parse(optarg)) < 0)
				cli_usage_error("unknown language '%s' (nl or "
				    "en)", optarg);
			a->o.lang = (enum lang)l;
			break;
		case 'o': a->output = optarg; break;
		case 'q': a->quiet = 1; break;
		case 'V': cli_version(); exit(PLG_EXIT_OK);
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				a->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				a->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				a->color = COLOR_NEVER;
			else
				cli_usage_error("--color must be auto, always "
				    "or never, not '%s'", optarg);
			break;
		case OPT_DATE: a->o.generated = optarg; break;
		case OPT_DIALECT:
			if (strcmp(optarg, "excel-nl") == 0)
				a->excel_nl = 1;
			else if (strcmp(optarg, "plain") == 0)
				a->excel_nl = 0;
			else
				cli_usage_error("unknown dialect '%s' (plain or "
				    "excel-nl)", optarg);
			break;
		case OPT_PRINT_INSTRUMENT: a->print = 1; break;
		case OPT_REFERENCE: a->reference = optarg; break;
		case OPT_WAVE_COLUMN:
			if (*optarg == '\0')
				cli_usage_error("--wave-column needs a column "
				    "name");
			a->wave_column = optarg;
			break;
		case OPT_SCHOOL: a->o.school = optarg; break;
		case OPT_STAFF: a->staff = optarg; break;
		case OPT_TITLE: a->o.title = optarg; break;
		case OPT_WIDTH:
			a->o.width = parse_int(optarg, "--width", 40, 1000);
			break;
		default: usage(PLG_EXIT_TROUBLE);
		}
	}
	if (argc - optind > 1)
		cli_usage_error("one input file at most, not %d", argc - optind);
	a->input = optind < argc ? argv[optind] : "-";
	a->o.delim = a->excel_nl ? ';' : ',';
	a->o.decimal_comma = a->o.crlf = a->o.bom = a->excel_nl;
}

/* ---- staff counts ---- */

struct staff {
	const struct report *r;
	const char *file;
	struct render_opts *o;
	int bad;
};

/* The group value a --staff name stands for: "" for the whole school, the
 * key of a group of a one-column set with that value (or, on role_group,
 * that label in either language), or NULL when there is none.  The result
 * points into r. */
static const char *
staff_group(const struct report *r, const char *v)
{
	size_t s, i, c;
	const char *key, *lab;

	if (*v == '\0' || strcmp(v, "*") == 0 || strcasecmp(v, "school") == 0)
		return "";
	for (s = 0; s < r->nset; s++) {
		if (r->set[s].ncol != 1)
			continue;
		c = r->set[s].col[0];
		for (i = 0; i < r->set[s].ngroup; i++) {
			key = r->group[r->set[s].group[i]].key[c];
			if (strcmp(key, v) == 0)
				return key;
			if (strcmp(r->bycol[c], "role_group") == 0 &&
			    (((lab = rt_role_group(LANG_NL, key)) != NULL &&
			    strcasecmp(lab, v) == 0) ||
			    ((lab = rt_role_group(LANG_EN, key)) != NULL &&
			    strcasecmp(lab, v) == 0)))
				return key;
		}
	}
	return NULL;
}

static int
on_staff(void *ctx, const struct csvio_record *rec)
{
	struct staff *st = ctx;
	struct render_opts *o = st->o;
	const char *g;
	double x;

	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	if (rec->nfield < 2 || num_parse(rec->field[1], &x) != 0) {
		if (rec->line == 1 && rec->nfield >= 2)
			return 0;	/* a header */
		plg_warn_at(st->file, rec->line, "expected 'group,staff' with "
		    "a staff count");
		st->bad = 1;
		return 0;
	}
	if (x < 1 || x != (unsigned long)x) {
		plg_warn_at(st->file, rec->line, "staff count must be a whole "
		    "number of at least 1, not '%s'", rec->field[1]);
		st->bad = 1;
		return 0;
	}
	if ((g = staff_group(st->r, rec->field[0])) == NULL) {
		plg_warn_at(st->file, rec->line, "no group '%s' in the input",
		    rec->field[0]);
		return 0;
	}
	o->staff_group = xreallocarray(o->staff_group, o->nstaff + 1,
	    sizeof(char *));
	o->staff_n = xreallocarray((void *)o->staff_n, o->nstaff + 1,
	    sizeof(unsigned long));
	o->staff_group[o->nstaff] = g;
	((unsigned long *)o->staff_n)[o->nstaff++] = (unsigned long)x;
	return 0;
}

/* Read the --staff file; returns an exit status. */
static int
staff_load(const struct report *r, const char *path, struct render_opts *o)
{
	struct csvio_reader rd;
	struct staff st = { r, NULL, o, 0 };
	int rc;

	if (csvio_open(&rd, path) != 0) {
		plg_warnx("%s", rd.errmsg);
		csvio_close(&rd);
		return PLG_EXIT_TROUBLE;
	}
	st.file = rd.name;
	rc = csvio_read(&rd, on_staff, &st);
	if (rc == CSVIO_EDATA || rc == CSVIO_ESYS)
		plg_warn_at(rd.name, rd.errline, "%s", rd.errmsg);
	csvio_close(&rd);
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	return rc != 0 || st.bad ? PLG_EXIT_DATA : PLG_EXIT_OK;
}

/* ---- output ---- */

/* XLSX to standard output: render into a temporary file, copy it. */
static int
xlsx_to_stdout(const struct report *r, const struct render_opts *o)
{
	const char *dir = getenv("TMPDIR");
	char *tmp, buf[65536];
	FILE *fp;
	size_t n;
	int fd, rc = 0;

	tmp = xasprintf("%s/plg-report-XXXXXX", dir != NULL && *dir ? dir :
	    "/tmp");
	if ((fd = mkstemp(tmp)) < 0) {
		plg_warnx("cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	if (render_xlsx(r, o, tmp) != 0)
		rc = -1;
	else if ((fp = fopen(tmp, "rb")) == NULL) {
		plg_warnx("cannot open '%s': %s", tmp, strerror(errno));
		rc = -1;
	} else {
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(fp);
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

static int
render(const struct args *a, const struct report *r)
{
	struct cli_output out;
	FILE *fp;
	int rc;

	if (a->fmt == FMT_XLSX && a->output == NULL) {
		rc = xlsx_to_stdout(r, &a->o);
		if (cli_output_open(&out, NULL) != NULL &&
		    cli_output_close(&out, rc == 0) != 0)
			rc = -1;
		return rc;
	}
	fp = cli_output_open(&out, a->output);
	switch (a->fmt) {
	case FMT_TEXT: rc = render_text(r, &a->o, fp); break;
	case FMT_MD: rc = render_md(r, &a->o, fp); break;
	case FMT_HTML: rc = render_html(r, &a->o, fp); break;
	case FMT_CSV: rc = render_csv(r, &a->o, fp); break;
	default: rc = render_xlsx(r, &a->o, out.tmp); break;
	}
	if (cli_output_close(&out, rc == 0) != 0)
		rc = -1;
	return rc;
}

/* Warn about each pair of waves that asked different statements: the
 * scales beneath them are not compared (the report says which). */
static void
warn_waves(const struct rpt_waves *w)
{
	size_t i, k;
	const struct rpt_cmp *c;

	for (i = 0; i < w->ncmp; i++) {
		c = &w->cmp[i];
		if (i > 0 && w->cmp[i - 1].wb == c->wb)
			continue;	/* the first group of a pair says it */
		for (k = 0; k < c->ndiff; k++)
			if (c->diff[k].status == RPT_CMP_ITEMS_DIFFER)
				break;
		if (k < c->ndiff)
			plg_warnx("waves '%s' and '%s' asked different "
			    "statements; the scales with them are not "
			    "compared", w->value[c->wa], w->value[c->wb]);
		else if (c->ndiff > 0 &&
		    c->diff[0].status == RPT_CMP_UNCHECKED)
			plg_warnx("waves not compared: without item rows "
			    "(plg-score --items) their statements cannot be "
			    "checked");
	}
}

static void
summary(const struct args *a, const struct report *full,
    const struct rpt_waves *w, const struct rpt_reference *ref)
{
	size_t i;

	fprintf(stderr, "plg-report: %zu groups read: %lu shown, %lu "
	    "suppressed (%lu under %d respondents, %lu to protect them)",
	    full->ngroup, full->nsuppressed[RPT_SHOWN],
	    full->nsuppressed[RPT_TOO_SMALL] +
	    full->nsuppressed[RPT_COMPLEMENT],
	    full->nsuppressed[RPT_TOO_SMALL], a->k,
	    full->nsuppressed[RPT_COMPLEMENT]);
	if (w != NULL) {
		fprintf(stderr, "; waves");
		for (i = 0; i < w->nwave; i++)
			fprintf(stderr, "%s %s", i ? "," : "", w->value[i]);
	}
	if (ref != NULL)
		fprintf(stderr, "; reference: %zu groups, %lu shown, %zu "
		    "compared", ref->ref.ngroup,
		    ref->ref.nsuppressed[RPT_SHOWN], ref->ncmp);
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	struct args a;
	struct instrument ins;
	struct report full, *r = &full;
	struct rpt_waves waves;
	struct rpt_reference ref;
	int have_waves = 0, have_ref = 0;
	const char *nc;
	int status, rc = 0;

	plg_progname = "plg-report";
	argv[0] = (char *)plg_progname;	/* getopt's messages: not a path */
	parse_args(argc, argv, &a);
	if (a.print)
		return cli_print_instrument(a.instrument);
	if (a.output != NULL && strcmp(a.output, "-") == 0)
		a.output = NULL;
	if (a.fmt == FMT_XLSX && a.output == NULL && isatty(STDOUT_FILENO))
		cli_usage_error("xlsx is binary: give -o FILE or redirect "
		    "standard output");
	nc = getenv("NO_COLOR");
	a.o.color = a.fmt == FMT_TEXT && (a.color == COLOR_ALWAYS ||
	    (a.color == COLOR_AUTO && a.output == NULL &&
	    isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0')));
	if ((rc = instrument_load(&ins, a.instrument)) != 0)
		return rc == -2 ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
	/* the items' answer counts only html draws and xlsx lists */
	if ((status = report_load_keep(&full, &ins, a.input, RPT_KEEP_ITEMS |
	    (a.fmt == FMT_HTML || a.fmt == FMT_XLSX ? RPT_KEEP_COUNTS : 0)))
	    != PLG_EXIT_OK)
		goto done;
	report_suppress(&full, a.k);
	for (rc = 1; (size_t)rc < ins.nvariant; rc++)
		if (!report_has_variant(&full, (size_t)rc))
			plg_warnx("no scores of variant '%s' in the input: "
			    "score it with the same --instrument",
			    ins.variant[rc].code);
	if (report_waves(&full, a.wave_column, &waves) == 0) {
		have_waves = 1;
		r = &waves.view[waves.nwave - 1];
		warn_waves(&waves);
	}
	if (a.reference != NULL) {
		status = report_reference(&ref, r, a.reference, a.k,
		    a.o.school);
		have_ref = 1;
		if (status != PLG_EXIT_OK)
			goto done;
		r->ref = &ref;
	}
	if (a.staff != NULL &&
	    (status = staff_load(r, a.staff, &a.o)) != PLG_EXIT_OK)
		goto done;
	if (!a.quiet)
		summary(&a, &full, have_waves ? &waves : NULL,
		    have_ref ? &ref : NULL);
	if (r->nsuppressed[RPT_SHOWN] == 0) {
		plg_warnx("every group has fewer than %d respondents or must "
		    "stay hidden: nothing to show", a.k);
		status = PLG_EXIT_DATA;
		goto done;
	}
	if (render(&a, r) != 0)
		status = PLG_EXIT_TROUBLE;
done:
	free(a.o.staff_group);
	free((void *)a.o.staff_n);
	if (have_ref)
		report_reference_release(&ref);
	if (have_waves)
		report_waves_release(&waves);
	if (full.ins != NULL)
		report_release(&full);
	instrument_release(&ins);
	return status;
}
