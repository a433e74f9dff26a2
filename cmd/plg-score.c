/* plg-score -- responses CSV to scale scores and group statistics. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "instrument.h"
#include "numparse.h"
#include "score.h"

static void
usage(int status)
{
	FILE *fp = status == PLG_EXIT_OK ? stdout : stderr;

	fprintf(fp, "usage: plg-score [-Iqr] [-b cols] [-i instrument] "
	    "[-k min] [-o file] [-p digits]\n"
	    "                 [--partial | --merge] [--rejects file] "
	    "[file ...]\n");
	if (status != PLG_EXIT_OK) {
		fprintf(fp, "Try 'plg-score --help' for more information.\n");
		exit(status);
	}
	fputs("Score the responses CSV written by plg-survey: per group, one "
	    "row per scale\n(and item) with n, mean, sd, 95% CI, answer counts "
	    "and Cronbach's alpha.\n\n"
	    "  -b, --by=COL[,COL...]    group by these columns; repeat for more "
	    "groupings\n"
	    "      --no-total           leave out the group of all respondents\n"
	    "  -k, --min-group=K        leave out groups with fewer than K "
	    "respondents, and\n"
	    "                           the groups that would give them away "
	    "by subtraction\n"
	    "  -I, --items              also write a row per item (item-rest r, "
	    "alpha if dropped)\n"
	    "  -r, --respondents        write each respondent's scale scores "
	    "instead\n"
	    "      --listwise           also alpha over complete responses only\n"
	    "      --min-answered=SHARE share of a scale's items needed for a "
	    "score (default\n"
	    "                           from the instrument, 0.5)\n"
	    "  -p, --precision=DIGITS   significant digits (default 6, up to "
	    "17)\n"
	    "      --partial            write mergeable partial statistics\n"
	    "      --merge              read partial files and write the "
	    "result\n"
	    "      --no-id-check        do not exclude duplicate respondent ids\n"
	    "  -i, --instrument=FILE    use this instrument instead of the "
	    "default\n"
	    "      --print-instrument   print the instrument (CSV) and exit\n"
	    "  -o, --output=FILE        write to FILE instead of standard "
	    "output\n"
	    "  -q, --quiet              no summary line on standard error\n"
	    "      --rejects=FILE       write every respondent and answer left "
	    "out, with\n"
	    "                           file, line and reason, to FILE (CSV)\n"
	    "      --strict             exit 1 if any answer was rejected\n"
	    "  -h, --help               print this help and exit\n"
	    "  -V, --version            print version and exit\n"
	    "\nWith no FILE, or when FILE is -, read standard input.\n"
	    "Exit status: 0 ok, 1 data problem, 2 usage or system error.\n"
	    "Example: plg-survey export.csv | plg-score --by team --items\n",
	    fp);
	exit(status);
}

enum { OPT_NO_TOTAL = 256, OPT_LISTWISE, OPT_MIN_ANSWERED, OPT_PARTIAL,
    OPT_MERGE, OPT_NO_ID_CHECK, OPT_PRINT_INSTRUMENT, OPT_STRICT,
    OPT_REJECTS };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{ "instrument", required_argument, NULL, 'i' },
	{ "items", no_argument, NULL, 'I' },
	{ "listwise", no_argument, NULL, OPT_LISTWISE },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "min-group", required_argument, NULL, 'k' },
	{ "min-answered", required_argument, NULL, OPT_MIN_ANSWERED },
	{ "no-id-check", no_argument, NULL, OPT_NO_ID_CHECK },
	{ "no-total", no_argument, NULL, OPT_NO_TOTAL },
	{ "output", required_argument, NULL, 'o' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "precision", required_argument, NULL, 'p' },
	{ "print-instrument", no_argument, NULL, OPT_PRINT_INSTRUMENT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "respondents", no_argument, NULL, 'r' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *instrument, *output, *rejects;
	char **by;
	size_t nby;
	double min_answered;
	unsigned long min_group;
	int prec, items, listwise, no_total, respondents, partial, merge,
	    no_id_check, print, quiet, strict;
};

static void
parse_args(int argc, char **argv, struct args *a)
{
	double x;
	int ch;

	memset(a, 0, sizeof(*a));
	a->prec = 6;
	a->min_answered = -1;
	if ((a->by = calloc((size_t)argc, sizeof(char *))) == NULL)
		plg_die(PLG_EXIT_TROUBLE, "out of memory");
	while ((ch = getopt_long(argc, argv, "b:hi:Ik:o:p:qrV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b': a->by[a->nby++] = optarg; break;
		case 'h': usage(PLG_EXIT_OK); break;
		case 'i': a->instrument = optarg; break;
		case 'I': a->items = 1; break;
		case 'k':
			if (num_parse(optarg, &x) != 0 || x != floor(x) ||
			    x < 2 || x > 1e9)
				cli_usage_error("--min-group must be a whole "
				    "number from 2, not '%s'", optarg);
			a->min_group = (unsigned long)x;
			break;
		case 'o': a->output = optarg; break;
		case 'p':
			if (num_parse(optarg, &x) != 0 || x < 1 || x > 17 ||
			    x != (int)x)
				cli_usage_error("--precision must be 1 to 17, "
				    "not '%s'", optarg);
			a->prec = (int)x;
			break;
		case 'q': a->quiet = 1; break;
		case 'r': a->respondents = 1; break;
		case 'V': cli_version(); exit(PLG_EXIT_OK);
		case OPT_LISTWISE: a->listwise = 1; break;
		case OPT_MERGE: a->merge = 1; break;
		case OPT_MIN_ANSWERED:
			if (num_parse(optarg, &x) != 0 || x <= 0 || x > 1)
				cli_usage_error("--min-answered must be a share "
				    "in (0, 1], not '%s'", optarg);
			a->min_answered = x;
			break;
		case OPT_NO_ID_CHECK: a->no_id_check = 1; break;
		case OPT_NO_TOTAL: a->no_total = 1; break;
		case OPT_PARTIAL: a->partial = 1; break;
		case OPT_PRINT_INSTRUMENT: a->print = 1; break;
		case OPT_STRICT: a->strict = 1; break;
		case OPT_REJECTS: a->rejects = optarg; break;
		default: usage(PLG_EXIT_TROUBLE);
		}
	}
	if (a->partial + a->merge + a->respondents > 1)
		cli_usage_error("--partial, --merge and --respondents exclude "
		    "each other");
	if (a->min_group > 0 && (a->partial || a->respondents))
		cli_usage_error("--min-group applies to the group output, not "
		    "to --partial or --respondents");
	if (a->rejects != NULL && a->merge)
		cli_usage_error("--rejects applies to responses, not to "
		    "--merge");
	if (a->no_total && a->nby == 0 && !a->merge)
		cli_usage_error("--no-total needs --by");
	if (a->merge && (a->nby > 0 || a->min_answered > 0 || a->listwise))
		cli_usage_error("--merge takes --by, --min-answered and "
		    "--listwise from the partial files");
}

int
main(int argc, char **argv)
{
	struct args a;
	struct instrument ins;
	struct scorer sc;
	struct cli_output out;
	struct rejects rj;
	char *stdin_only[] = { "-" };
	char **files;
	size_t i;
	int nfiles, j, rc = 0, status = PLG_EXIT_OK;

	plg_progname = "plg-score";
	argv[0] = (char *)plg_progname;	/* getopt's messages: not a path */
	parse_args(argc, argv, &a);
	if (a.print || (rc = instrument_load(&ins, a.instrument)) != 0) {
		free(a.by);
		return a.print ? cli_print_instrument(a.instrument) :
		    rc == -2 ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
	}
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;
	scorer_init(&sc, &ins, cli_output_open(&out, a.output));
	sc.mode = a.respondents ? SCORE_RESPONDENTS : a.partial ?
	    SCORE_PARTIAL : SCORE_GROUPS;
	sc.items = a.items;
	sc.listwise = a.listwise;
	sc.total = !a.no_total;
	sc.check_ids = !a.no_id_check;
	sc.prec = a.prec;
	sc.min_group = a.min_group;
	rejects_open(&rj, a.rejects);
	if (a.rejects != NULL)
		sc.rejects = &rj;
	if (a.min_answered > 0)
		sc.min_answered = a.min_answered;
	for (i = 0; i < a.nby; i++)
		scorer_add_set(&sc, a.by[i]);
	for (j = 0; j < nfiles; j++) {
		rc = a.merge ? scorer_merge_file(&sc, files[j]) :
		    scorer_file(&sc, files[j]);
		if (rc > status)
			status = rc;
	}
	if (status != PLG_EXIT_TROUBLE)
		scorer_finish(&sc);
	if (!a.quiet)
		scorer_summary(&sc);
	if (status == PLG_EXIT_OK && sc.scored == 0 && sc.partial_rows == 0) {
		plg_warnx("no respondent with a valid answer: nothing usable");
		status = PLG_EXIT_DATA;
	}
	if (status == PLG_EXIT_OK && a.strict && sc.rejected > 0)
		status = PLG_EXIT_DATA;
	if (cli_output_close(&out, status != PLG_EXIT_TROUBLE) != 0)
		status = PLG_EXIT_TROUBLE;
	if (rejects_close(&rj, status != PLG_EXIT_TROUBLE) != 0)
		status = PLG_EXIT_TROUBLE;
	scorer_release(&sc);
	instrument_release(&ins);
	free(a.by);
	return status;
}
