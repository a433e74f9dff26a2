/* plg-survey -- raw survey export(s) to the responses CSV. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "instrument.h"
#include "layout.h"
#include "survey.h"

static void
usage(int status)
{
	FILE *fp = status == PLG_EXIT_OK ? stdout : stderr;

	fprintf(fp, "usage: plg-survey [-qv] [-d delim] [-e encoding] "
	    "[-F name] [-f format]\n"
	    "                  [-i instrument] [-M col[=name]] [-m mapfile] "
	    "[-o file]\n"
	    "                  [-s name=value] [--draft-map] "
	    "[--keep-incomplete]\n"
	    "                  [--keep-test] [--rejects file] [file ...]\n");
	if (status != PLG_EXIT_OK) {
		fprintf(fp, "Try 'plg-survey --help' for more information.\n");
		exit(status);
	}
	fputs("Read raw survey exports; write one row per respondent with the "
	    "instrument's\nitem codes as columns (respondent,<metadata>,<items>)."
	    "\n\n"
	    "  -d, --delimiter=DELIM    input field separator: ',' ';' tab "
	    "(default: detect)\n"
	    "      --draft-map          write a draft map file of the columns "
	    "instead\n"
	    "  -e, --encoding=ENC       utf-8, utf-16le, utf-16be, windows-1252 "
	    "(default: detect)\n"
	    "  -F, --file-column=NAME   add metadata column NAME holding each "
	    "input's file name\n"
	    "  -f, --format=FORMAT      msforms, google, limesurvey, qualtrics, "
	    "surveymonkey,\n"
	    "                           csv (default: auto, detect the "
	    "platform)\n"
	    "      --id-prefix=PREFIX   respondent ids PREFIX0001, ... "
	    "(default R)\n"
	    "  -i, --instrument=FILE    use this instrument instead of the "
	    "default\n"
	    "      --keep-incomplete    keep responses the platform marks as "
	    "not finished\n"
	    "      --keep-test          keep Qualtrics preview and test "
	    "responses\n"
	    "  -M, --meta=COL[=NAME]    keep column COL as metadata (named "
	    "NAME)\n"
	    "  -m, --map=FILE           map columns and answers (see "
	    "MAPPING FILE in the manual)\n"
	    "  -o, --output=FILE        write to FILE instead of standard "
	    "output\n"
	    "      --print-instrument   print the instrument (CSV) and exit\n"
	    "  -q, --quiet              no summary line on standard error\n"
	    "      --rejects=FILE       write every respondent and answer left "
	    "out, with\n"
	    "                           file, line and reason, to FILE (CSV)\n"
	    "  -s, --set=NAME=VALUE     add a metadata column with a constant "
	    "value\n"
	    "      --strict             exit 1 if any answer was rejected\n"
	    "  -v, --verbose            say how each column was recognised\n"
	    "  -h, --help               print this help and exit\n"
	    "  -V, --version            print version and exit\n"
	    "\nWith no FILE, or when FILE is -, read standard input.\n"
	    "Exit status: 0 ok, 1 data problem, 2 usage or system error.\n"
	    "Example: plg-survey export.csv | plg-score --by team | plg-report\n",
	    fp);
	exit(status);
}

enum { OPT_ID_PREFIX = 256, OPT_PRINT_INSTRUMENT, OPT_STRICT, OPT_DRAFT_MAP,
    OPT_KEEP_INCOMPLETE, OPT_KEEP_TEST, OPT_REJECTS };

static const struct option longopts[] = {
	{ "delimiter", required_argument, NULL, 'd' },
	{ "draft-map", no_argument, NULL, OPT_DRAFT_MAP },
	{ "encoding", required_argument, NULL, 'e' },
	{ "file-column", required_argument, NULL, 'F' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "id-prefix", required_argument, NULL, OPT_ID_PREFIX },
	{ "instrument", required_argument, NULL, 'i' },
	{ "keep-incomplete", no_argument, NULL, OPT_KEEP_INCOMPLETE },
	{ "keep-test", no_argument, NULL, OPT_KEEP_TEST },
	{ "map", required_argument, NULL, 'm' },
	{ "meta", required_argument, NULL, 'M' },
	{ "output", required_argument, NULL, 'o' },
	{ "print-instrument", no_argument, NULL, OPT_PRINT_INSTRUMENT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "set", required_argument, NULL, 's' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *instrument, *map, *output, *file_column, *id_prefix;
	const char *rejects;
	char **meta, **set;
	size_t nmeta, nset;
	int delim, enc, quiet, strict, verbose, print;
	int format, draft, keep_incomplete, keep_test;
};

static void
parse_args(int argc, char **argv, struct args *a)
{
	int ch;

	memset(a, 0, sizeof(*a));
	argv[0] = (char *)plg_progname;	/* getopt's messages: not a path */
	a->meta = calloc((size_t)argc, sizeof(char *));
	a->set = calloc((size_t)argc, sizeof(char *));
	if (a->meta == NULL || a->set == NULL)
		plg_die(PLG_EXIT_TROUBLE, "out of memory");
	while ((ch = getopt_long(argc, argv, "d:e:F:f:hi:M:m:o:qs:vV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			if ((a->delim = cli_parse_delim(optarg)) < 0)
				cli_usage_error("invalid delimiter '%s'", optarg);
			break;
		case 'e':
			if ((a->enc = encoding_parse(optarg)) < 0)
				cli_usage_error("unknown encoding '%s'", optarg);
			break;
		case 'F': a->file_column = optarg; break;
		case 'f':
			if ((a->format = layout_format_parse(optarg)) < 0)
				cli_usage_error("unknown format '%s' (auto, "
				    "msforms, google, limesurvey, qualtrics, "
				    "surveymonkey or csv)", optarg);
			break;
		case 'h': usage(PLG_EXIT_OK); break;
		case 'i': a->instrument = optarg; break;
		case 'M': a->meta[a->nmeta++] = optarg; break;
		case 'm': a->map = optarg; break;
		case 'o': a->output = optarg; break;
		case 'q': a->quiet = 1; break;
		case 's': a->set[a->nset++] = optarg; break;
		case 'v': a->verbose = 1; break;
		case 'V': cli_version(); exit(PLG_EXIT_OK);
		case OPT_ID_PREFIX: a->id_prefix = optarg; break;
		case OPT_PRINT_INSTRUMENT: a->print = 1; break;
		case OPT_STRICT: a->strict = 1; break;
		case OPT_DRAFT_MAP: a->draft = 1; break;
		case OPT_KEEP_INCOMPLETE: a->keep_incomplete = 1; break;
		case OPT_KEEP_TEST: a->keep_test = 1; break;
		case OPT_REJECTS: a->rejects = optarg; break;
		default: usage(PLG_EXIT_TROUBLE);
		}
	}
}

/* A map file that cannot be opened is a system error (exit 2), not a data
 * problem like one with bad rows. */
static void
check_readable(const char *what, const char *path)
{
	FILE *fp;

	if (path == NULL)
		return;
	if ((fp = fopen(path, "rb")) == NULL)
		plg_die(PLG_EXIT_TROUBLE, "cannot open %s '%s': %s", what, path,
		    strerror(errno));
	fclose(fp);
}


static void
configure(struct survey *sv, const struct args *a)
{
	size_t i;
	char *eq;

	sv->delim = a->delim;
	sv->enc = (enum encoding)a->enc;
	sv->format = (enum layout_format)a->format;
	sv->draft = a->draft;
	sv->keep_incomplete = a->keep_incomplete;
	sv->keep_test = a->keep_test;
	sv->verbose = a->verbose;
	sv->file_column = a->file_column;
	if (a->id_prefix != NULL)
		sv->id_prefix = a->id_prefix;
	for (i = 0; i < a->nmeta; i++) {
		eq = strchr(a->meta[i], '=');
		if (eq != NULL)
			*eq = '\0';
		colmap_keep(&sv->cm, a->meta[i], eq != NULL ? eq + 1 : NULL);
	}
	for (i = 0; i < a->nset; i++)
		if (survey_add_const(sv, a->set[i]) != 0)
			cli_usage_error("--set needs NAME=VALUE, not '%s'",
			    a->set[i]);
	if (a->map != NULL && colmap_load_map(&sv->cm, &sv->rc, a->map) != 0)
		plg_die(PLG_EXIT_DATA, "map file '%s' has errors", a->map);
}

int
main(int argc, char **argv)
{
	struct args a;
	struct instrument ins;
	struct survey sv;
	struct cli_output out;
	struct rejects rj;
	char *stdin_only[] = { "-" };
	char **files;
	int nfiles, i, rc = 0, status = PLG_EXIT_OK;

	plg_progname = "plg-survey";
	parse_args(argc, argv, &a);
	if (!a.print)
		check_readable("map file", a.map);
	if (a.print || (rc = instrument_load(&ins, a.instrument)) != 0) {
		status = a.print ? cli_print_instrument(a.instrument) :
		    rc == -2 ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
		free(a.meta);
		free(a.set);
		return status;
	}
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;
	survey_init(&sv, &ins, stdout);
	configure(&sv, &a);	/* may exit: do it before -o makes a file */
	csvio_writer_init(&sv.out, cli_output_open(&out, a.output));
	rejects_open(&rj, a.rejects);
	if (a.rejects != NULL)
		sv.rejects = &rj;
	survey_prescan(&sv, files, (size_t)nfiles);
	for (i = 0; i < nfiles; i++) {
		rc = survey_file(&sv, files[i]);
		if (rc > status)
			status = rc;
	}
	survey_finish(&sv);
	if (!a.quiet)
		survey_summary(&sv);
	if (status == PLG_EXIT_OK && sv.n.kept == 0 && !a.draft) {
		plg_warnx("no respondent with answers: nothing usable");
		status = PLG_EXIT_DATA;
	}
	if (status == PLG_EXIT_OK && a.strict && !a.draft &&
	    sv.n.rejected > 0)
		status = PLG_EXIT_DATA;
	if (cli_output_close(&out, status != PLG_EXIT_TROUBLE) != 0)
		status = PLG_EXIT_TROUBLE;
	if (rejects_close(&rj, status != PLG_EXIT_TROUBLE) != 0)
		status = PLG_EXIT_TROUBLE;
	survey_release(&sv);
	instrument_release(&ins);
	free(a.meta);
	free(a.set);
	return status;
}
