/* test_score.c -- unit tests for lib/score.c: reverse keying, scale scores
 * with min_answered, group statistics and alpha worked out by hand, answer
 * counts, grouping sets, duplicate ids, rejected values, the respondents
 * output, the exact diagnostics, and the merge property: partial files of
 * random batches, merged in any order, give the one-pass output. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plgtest.h"
#include "csvio.h"
#include "diag.h"
#include "instrument.h"
#include "score.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* R 4: sprintf("%.17g", qt(0.975, 1:4)) */
#define QT1	12.706204736174694
#define QT2	4.3026527297494619
#define QT3	3.1824463052837078

/*
 * The instrument of these tests: a framework "all" of two scales of three
 * items on 1..5, with A3 reverse-keyed (scored 6 - x).
 */
#define TINY_HEAD \
    "type,code,parent,value,nl,en\n" \
    "instrument,tiny,,1,Klein,Tiny\n" \
    "range,,,1..5,,\n"
#define TINY_BODY \
    "setting,min_answered,,0.5,,\n" \
    "framework,all,,,Alles,All\n" \
    "scale,A,all,,A,A\n" \
    "item,A1,A,,a1,a1\n" \
    "item,A2,A,,a2,a2\n" \
    "item,A3,A,reverse,a3,a3\n" \
    "scale,B,all,,B,B\n" \
    "item,B1,B,,b1,b1\n" \
    "item,B2,B,,b2,b2\n" \
    "item,B3,B,,b3,b3\n"
static const char TINY[] = TINY_HEAD TINY_BODY;

/*
 * The hand-worked data.  Keyed A3 = 6 - A3: r1 4, r2 5, r4 1.
 *
 *   scores   A (3 items)          B (3 items)   all (6 items)
 *   r1       (4+5+4)/3 = 13/3     4/3           17/6
 *   r2       (3+4+5)/3 = 4        7/3           19/6
 *   r3       1 of 3 < 1.5: none   10/3          (5+3+3+4)/4 = 15/4
 *   r4       (2+2+1)/3 = 5/3      13/3          18/6 = 3
 */
static const char HAND[] =
    "respondent,team,role,A1,A2,A3,B1,B2,B3\n"
    "r1,x,t,4,5,2,1,1,2\n"
    "r2,x,l,3,4,1,2,3,2\n"
    "r3,y,t,5,,,3,3,4\n"
    "r4,y,t,2,2,5,4,5,4\n";

/* ---- fixture: an instrument and a temporary directory ---- */

struct fix {
	struct instrument ins;
	char dir[64];
	char *path[256];
	size_t npath;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	if (instrument_parse(&f->ins, "tiny.csv", TINY, strlen(TINY)) != 0)
		return -1;
	strcpy(f->dir, "/tmp/test_score.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	size_t i;

	for (i = 0; i < f->npath; i++) {
		unlink(f->path[i]);
		free(f->path[i]);
	}
	rmdir(f->dir);
	instrument_release(&f->ins);
	free(f);
	return 0;
}

/* Write text to a new file in the fixture's directory; returns its path. */
static const char *
put_file(struct fix *f, const char *name, const char *text)
{
	char *path;
	FILE *fp;

	assert_true(f->npath < NELEM(f->path));
	path = malloc(strlen(f->dir) + strlen(name) + 2);
	assert_non_null(path);
	sprintf(path, "%s/%s", f->dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	f->path[f->npath++] = path;
	return path;
}

/* stderr is captured with capture_start()/capture_end() of plgtest.h */

/* ---- running the scorer into memory ---- */

struct run {
	struct scorer sc;
	FILE *fp;
	char *out;
	size_t len;
};

static void
run_init(struct run *r, const struct instrument *ins)
{
	r->out = NULL;
	r->len = 0;
	r->fp = open_memstream(&r->out, &r->len);
	assert_non_null(r->fp);
	scorer_init(&r->sc, ins, r->fp);
	r->sc.prec = 17;
}

/* Finish; the output is r->out.  The scorer stays for its counts. */
static void
run_finish(struct run *r)
{
	scorer_finish(&r->sc);
	assert_int_equal(fclose(r->fp), 0);
	r->fp = NULL;
}

static void
run_release(struct run *r)
{
	scorer_release(&r->sc);
	free(r->out);
	r->out = NULL;
}

/* ---- the output as a table ---- */

struct table {
	char ***row;		/* row[0] is the header */
	size_t *nf;
	size_t n;
};

static int
table_add(void *ctx, const struct csvio_record *rec)
{
	struct table *t = ctx;
	size_t i;

	t->row = realloc(t->row, (t->n + 1) * sizeof(*t->row));
	t->nf = realloc(t->nf, (t->n + 1) * sizeof(*t->nf));
	assert_true(t->row != NULL && t->nf != NULL);
	t->row[t->n] = calloc(rec->nfield, sizeof(char *));
	assert_non_null(t->row[t->n]);
	for (i = 0; i < rec->nfield; i++)
		t->row[t->n][i] = strdup(rec->field[i]);
	t->nf[t->n++] = rec->nfield;
	return 0;
}

static void
table_parse(struct table *t, const char *text)
{
	struct csvio_reader r;

	memset(t, 0, sizeof(*t));
	memset(&r, 0, sizeof(r));
	r.delim = ',';
	assert_int_equal(csvio_read_buffer(&r, "output", text, strlen(text),
	    table_add, t), 0);
	csvio_close(&r);
	assert_true(t->n >= 1);
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->nf[i]; j++)
			free(t->row[i][j]);
		free(t->row[i]);
	}
	free(t->row);
	free(t->nf);
}

static size_t
col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nf[0]; i++)
		if (strcmp(t->row[0][i], name) == 0)
			return i;
	fail_msg("no column '%s' in the output", name);
	return 0;
}

/*
 * The row whose columns have these values: key is "col=value;col=value",
 * e.g. "team=x;type=scale;code=A".  Fails unless exactly one row matches.
 */
static size_t
find(const struct table *t, const char *key)
{
	char buf[256], *p, *eq, *save = NULL;
	size_t i, found = 0, n = 0, c[16];
	const char *v[16];

	snprintf(buf, sizeof(buf), "%s", key);
	for (p = strtok_r(buf, ";", &save); p != NULL;
	    p = strtok_r(NULL, ";", &save)) {
		eq = strchr(p, '=');
		assert_non_null(eq);
		*eq = '\0';
		c[n] = col(t, p);
		v[n++] = eq + 1;
	}
	for (i = 1; i < t->n; i++) {
		size_t k;
		for (k = 0; k < n; k++)
			if (strcmp(t->row[i][c[k]], v[k]) != 0)
				break;
		if (k == n) {
			if (found != 0)
				fail_msg("two rows match '%s'", key);
			found = i;
		}
	}
	if (found == 0)
		fail_msg("no row matches '%s'", key);
	return found;
}

static const char *
cell(const struct table *t, const char *key, const char *name)
{
	return t->row[find(t, key)][col(t, name)];
}

/* The number in a cell; NAN for an empty one. */
static double
num(const struct table *t, const char *key, const char *name)
{
	const char *s = cell(t, key, name);

	return *s == '\0' ? NAN : strtod(s, NULL);
}

/* Score one file with the given grouping sets ("team", "team,role", ...). */
static void
score_file(struct fix *f, struct run *r, const char *text,
    enum score_mode mode, const char *const *sets, size_t nsets)
{
	const char *path = put_file(f, "in.csv", text);
	size_t i;

	run_init(r, &f->ins);
	r->sc.mode = mode;
	r->sc.items = 1;
	for (i = 0; i < nsets; i++)
		scorer_add_set(&r->sc, sets[i]);
	capture_start();
	assert_int_equal(scorer_file(&r->sc, path), PLG_EXIT_OK);
	run_finish(r);
	capture_end();
	/* the next put_file may reuse the name */
	unlink(path);
	free(f->path[--f->npath]);
}

/* ==================== respondents: keying and scores ==================== */

static void
test_respondents_reverse_keying_and_scores(void **state)
{
	struct fix *f = *state;
	struct run r;
	struct table t;

	score_file(f, &r, HAND, SCORE_RESPONDENTS, NULL, 0);
	table_parse(&t, r.out);
	/* metadata columns in input order, then the scales in instrument order */
	assert_string_equal(r.out, "respondent,team,role,all,A,B\n"
	    "r1,x,t,2.8333333333333335,4.333333333333333,1.3333333333333333\n"
	    "r2,x,l,3.1666666666666665,4,2.3333333333333335\n"
	    "r3,y,t,3.75,,3.3333333333333335\n"
	    "r4,y,t,3,1.6666666666666667,4.333333333333333\n");
	/* A3 = 2 scores 6 - 2 = 4: A = (4 + 5 + 4)/3 */
	assert_dbl_near(num(&t, "respondent=r1", "A"), 13.0 / 3, 1e-15);
	/* r3 answered 1 of A's 3 items, fewer than 0.5 x 3: no score */
	assert_string_equal(cell(&t, "respondent=r3", "A"), "");
	/* but 4 of all's 6 items: (5 + 3 + 3 + 4)/4 */
	assert_dbl_near(num(&t, "respondent=r3", "all"), 15.0 / 4, 1e-15);
	/* A3 = 5 scores 1: A = (2 + 2 + 1)/3 */
	assert_dbl_near(num(&t, "respondent=r4", "A"), 5.0 / 3, 1e-15);
	assert_int_equal(r.sc.read, 4);
	assert_int_equal(r.sc.scored, 4);
	assert_int_equal(r.sc.values, 6 + 6 + 4 + 6);
	table_free(&t);
	run_release(&r);
}

static void
test_min_answered_share(void **state)
{
	static const char data[] =
	    "respondent,A1,A2,A3\n"
	    "one,4,,\n"		/* 1 of 3 */
	    "two,4,2,\n"	/* 2 of 3: (4 + 2)/2 = 3 */
	    "all,4,2,3\n";	/* 3 of 3: (4 + 2 + 3)/3 = 3 */
	struct fix *f = *state;
	const char *path = put_file(f, "share.csv", data);
	static const struct {
		double share;
		const char *out;
	} c[] = {
		/* A: 0.3 x 3 = 0.9, one answer is enough, A = 4;
		 * all (6 items): 0.3 x 6 = 1.8, two are needed */
		{ 0.3, "one,,4,\ntwo,3,3,\nall,3,3,\n" },
		/* A: 0.5 x 3 = 1.5, two needed; all: 3 of 6 */
		{ 0.5, "one,,,\ntwo,,3,\nall,3,3,\n" },
		/* 2/3 x 3 is 2 up to rounding, which must not cost a score;
		 * all: 2/3 x 6 = 4 > 3 */
		{ 2.0 / 3, "one,,,\ntwo,,3,\nall,,3,\n" },
		/* 0.7 x 3 = 2.1: only complete answers */
		{ 0.7, "one,,,\ntwo,,,\nall,,3,\n" },
		{ 1, "one,,,\ntwo,,,\nall,,3,\n" },
	};
	struct run r;
	size_t i;
	char want[256];

	for (i = 0; i < NELEM(c); i++) {
		run_init(&r, &f->ins);
		r.sc.mode = SCORE_RESPONDENTS;
		r.sc.min_answered = c[i].share;
		capture_start();
		assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
		run_finish(&r);
		capture_end();
		snprintf(want, sizeof(want), "respondent,all,A,B\n%s", c[i].out);
		assert_string_equal(r.out, want);
		run_release(&r);
	}
}

/* ==================== group statistics by hand ==================== */

static void
test_group_total_by_hand(void **state)
{
	struct fix *f = *state;
	struct run r;
	struct table t;
	double sd;

	score_file(f, &r, HAND, SCORE_GROUPS, NULL, 0);
	table_parse(&t, r.out);
	/* no --by: no group columns */
	assert_string_equal(t.row[0][0], "type");
	/* 3 scale rows and 6 item rows */
	assert_int_equal(t.n, 1 + 3 + 6);
	assert_string_equal(t.row[1][1], "all");
	assert_string_equal(t.row[2][1], "A");
	assert_string_equal(t.row[3][1], "B");
	assert_string_equal(t.row[4][1], "A1");
	assert_string_equal(t.row[9][1], "B3");

	/* A: scores 13/3, 4, 5/3 (r3 has none); mean 30/9 = 10/3;
	 * deviations 1, 2/3, -5/3; squares 9/9 + 4/9 + 25/9 = 38/9;
	 * var = 38/9 / 2 = 19/9, sd = sqrt(19)/3 */
	sd = sqrt(19.0) / 3;
	assert_string_equal(cell(&t, "code=A", "type"), "scale");
	assert_string_equal(cell(&t, "code=A", "parent"), "all");
	assert_dbl_equal(num(&t, "code=A", "group_n"), 4);
	assert_dbl_equal(num(&t, "code=A", "n"), 3);
	assert_dbl_equal(num(&t, "code=A", "missing"), 1);
	assert_dbl_near(num(&t, "code=A", "mean"), 10.0 / 3, 1e-15);
	assert_dbl_near(num(&t, "code=A", "sd"), sd, 1e-15);
	assert_dbl_near(num(&t, "code=A", "se"), sd / sqrt(3), 1e-15);
	assert_dbl_near(num(&t, "code=A", "ci_low"),
	    10.0 / 3 - QT2 * sd / sqrt(3), 1e-14);
	assert_dbl_near(num(&t, "code=A", "ci_high"),
	    10.0 / 3 + QT2 * sd / sqrt(3), 1e-14);
	assert_dbl_near(num(&t, "code=A", "min"), 5.0 / 3, 1e-15);
	assert_dbl_near(num(&t, "code=A", "max"), 13.0 / 3, 1e-15);
	assert_dbl_equal(num(&t, "code=A", "k"), 3);

	/* B: scores 4/3, 7/3, 10/3, 13/3; mean 17/6; deviations -3/2, -1/2,
	 * 1/2, 3/2; squares sum to 5; var 5/3 */
	sd = sqrt(5.0 / 3);
	assert_dbl_equal(num(&t, "code=B", "n"), 4);
	assert_dbl_equal(num(&t, "code=B", "missing"), 0);
	assert_dbl_near(num(&t, "code=B", "mean"), 17.0 / 6, 1e-15);
	assert_dbl_near(num(&t, "code=B", "sd"), sd, 1e-15);
	assert_dbl_near(num(&t, "code=B", "se"), sd / 2, 1e-15);
	assert_dbl_near(num(&t, "code=B", "ci_low"), 17.0 / 6 - QT3 * sd / 2,
	    1e-14);
	assert_dbl_near(num(&t, "code=B", "ci_high"), 17.0 / 6 + QT3 * sd / 2,
	    1e-14);

	/* all: 34/12, 38/12, 45/12, 36/12; mean 153/48 = 38.25/12;
	 * deviations -4.25, -0.25, 6.75, -2.25 twelfths; squares 68.75/144;
	 * var 68.75/432 */
	sd = sqrt(68.75 / 432);
	assert_string_equal(cell(&t, "code=all", "type"), "framework");
	assert_string_equal(cell(&t, "code=all", "parent"), "");
	assert_dbl_equal(num(&t, "code=all", "n"), 4);
	assert_dbl_equal(num(&t, "code=all", "k"), 6);
	assert_dbl_near(num(&t, "code=all", "mean"), 153.0 / 48, 1e-15);
	assert_dbl_near(num(&t, "code=all", "sd"), sd, 1e-14);
	assert_dbl_near(num(&t, "code=all", "ci_high"),
	    153.0 / 48 + QT3 * sd / 2, 1e-14);

	/* item A3 is keyed: 6 - (2, 1, 5) = 4, 5, 1, mean 10/3, deviations
	 * 2/3, 5/3, -7/3, var (4 + 25 + 49)/9/2 = 13/3 */
	assert_string_equal(cell(&t, "code=A3", "type"), "item");
	assert_string_equal(cell(&t, "code=A3", "parent"), "A");
	assert_string_equal(cell(&t, "code=A3", "reverse"), "1");
	assert_string_equal(cell(&t, "code=A1", "reverse"), "0");
	assert_dbl_equal(num(&t, "code=A3", "k"), 1);
	assert_dbl_equal(num(&t, "code=A3", "n"), 3);
	assert_dbl_equal(num(&t, "code=A3", "missing"), 1);
	assert_dbl_near(num(&t, "code=A3", "mean"), 10.0 / 3, 1e-15);
	assert_dbl_near(num(&t, "code=A3", "sd"), sqrt(13.0 / 3), 1e-15);
	assert_dbl_equal(num(&t, "code=A3", "min"), 1);
	assert_dbl_equal(num(&t, "code=A3", "max"), 5);
	/* scale columns are empty on item rows and vice versa */
	assert_string_equal(cell(&t, "code=A3", "alpha"), "");
	assert_string_equal(cell(&t, "code=A", "reverse"), "");
	assert_string_equal(cell(&t, "code=A", "r_drop"), "");
	/* no --listwise */
	assert_string_equal(cell(&t, "code=A", "alpha_listwise"), "");
	assert_string_equal(cell(&t, "code=A", "n_listwise"), "");
	table_free(&t);
	run_release(&r);
}

static void
test_counts_as_answered(void **state)
{
	struct fix *f = *state;
	struct run r;
	struct table t;

	score_file(f, &r, HAND, SCORE_GROUPS, NULL, 0);
	table_parse(&t, r.out);
	assert_string_equal(t.row[0][t.nf[0] - 5], "n_1");
	assert_string_equal(t.row[0][t.nf[0] - 1], "n_5");
	/* A3 answered 2, 1, 5: counted as answered, not as keyed (4, 5, 1) */
	assert_string_equal(cell(&t, "code=A3", "n_1"), "1");
	assert_string_equal(cell(&t, "code=A3", "n_2"), "1");
	assert_string_equal(cell(&t, "code=A3", "n_3"), "0");
	assert_string_equal(cell(&t, "code=A3", "n_4"), "0");
	assert_string_equal(cell(&t, "code=A3", "n_5"), "1");
	/* scale A sums its items: A1 4,3,5,2; A2 5,4,2; A3 2,1,5 */
	assert_string_equal(cell(&t, "code=A", "n_1"), "1");
	assert_string_equal(cell(&t, "code=A", "n_2"), "3");
	assert_string_equal(cell(&t, "code=A", "n_3"), "1");
	assert_string_equal(cell(&t, "code=A", "n_4"), "2");
	assert_string_equal(cell(&t, "code=A", "n_5"), "3");
	/* all = A + B; B: 1,1,2 2,3,2 3,3,4 4,5,4 -> 1:2 2:3 3:3 4:3 5:1 */
	assert_string_equal(cell(&t, "code=all", "n_1"), "3");
	assert_string_equal(cell(&t, "code=all", "n_2"), "6");
	assert_string_equal(cell(&t, "code=all", "n_3"), "4");
	assert_string_equal(cell(&t, "code=all", "n_4"), "5");
	assert_string_equal(cell(&t, "code=all", "n_5"), "4");
	table_free(&t);
	run_release(&r);
}

/* ==================== alpha by hand ==================== */

static void
test_alpha_by_hand(void **state)
{
	struct fix *f = *state;
	struct run r;
	struct table t;
	double sumr;

	score_file(f, &r, HAND, SCORE_GROUPS, NULL, 0);
	table_parse(&t, r.out);
	/*
	 * B1 = 1,2,3,4  B2 = 1,3,3,5  B3 = 2,2,4,4 (no missing), so
	 *   C = | 5/3  2    4/3 |   tr C = 17/3, sum C = 17/3 + 2(2 + 8/3)
	 *       | 2    8/3  4/3 |                      = 15
	 *       | 4/3  4/3  4/3 |   alpha = 3/2 (1 - 17/45) = 14/15
	 * R off the diagonal: 2/sqrt(40/9) = 3/sqrt(10), (4/3)/sqrt(20/9) =
	 * 2/sqrt(5), (4/3)/sqrt(32/9) = 1/sqrt(2).
	 */
	sumr = 3 + 2 * (3 / sqrt(10) + 2 / sqrt(5) + 1 / sqrt(2));
	assert_dbl_near(num(&t, "code=B", "alpha"), 14.0 / 15, 1e-14);
	assert_dbl_near(num(&t, "code=B", "alpha_std"), 1.5 * (1 - 3 / sumr),
	    1e-14);
	assert_dbl_near(num(&t, "code=B", "average_r"), (sumr - 3) / 6, 1e-14);
	/* B3: c.drop = 4/3 + 4/3 = 8/3, v.drop = 5/3 + 8/3 + 2*2 = 25/3,
	 * r = (8/3)/sqrt(4/3 * 25/3) = (8/3)/(10/3) = 0.8; without B3,
	 * alpha = 2 (1 - (13/3)/(25/3)) = 24/25 */
	assert_dbl_near(num(&t, "code=B3", "r_drop"), 0.8, 1e-14);
	assert_dbl_near(num(&t, "code=B3", "alpha_drop"), 0.96, 1e-14);
	/* B1: c.drop = 2 + 4/3 = 10/3, v.drop = 8/3 + 4/3 + 8/3 = 20/3,
	 * r = (10/3)/sqrt(5/3 * 20/3) = (10/3)/(10/3) = 1 */
	assert_dbl_near(num(&t, "code=B1", "r_drop"), 1, 1e-14);

	/*
	 * A, pairwise, keyed: A1 = 4,3,5,2  A2 = 5,4,-,2  A3 = 4,5,-,1.
	 * var A1 = 5/3 (4 values), A2 = 7/3, A3 = 13/3 (3 values each);
	 * over r1, r2, r4: cov(A1,A2) = 3/2, cov(A1,A3) = 3/2,
	 * cov(A2,A3) = (8/9 + 5/9 + 35/9)/2 = 8/3.
	 * tr C = 25/3, sum C = 25/3 + 2(3/2 + 3/2 + 8/3) = 59/3,
	 * alpha = 3/2 (1 - 25/59) = 51/59.
	 */
	assert_dbl_near(num(&t, "code=A", "alpha"), 51.0 / 59, 1e-14);
	/* A1: c.drop = 3, v.drop = 7/3 + 13/3 + 16/3 = 12,
	 * r = 3/sqrt(5/3 * 12) = 3/sqrt(20) */
	assert_dbl_near(num(&t, "code=A1", "r_drop"), 3 / sqrt(20), 1e-14);
	/* without A1: 2 (1 - (20/3)/12) = 8/9 */
	assert_dbl_near(num(&t, "code=A1", "alpha_drop"), 8.0 / 9, 1e-14);
	table_free(&t);
	run_release(&r);
}

static void
test_alpha_listwise_by_hand(void **state)
{
	struct fix *f = *state;
	const char *path = put_file(f, "lw.csv", HAND);
	struct run r;
	struct table t;

	run_init(&r, &f->ins);
	r.sc.listwise = 1;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	capture_end();
	table_parse(&t, r.out);
	/* A complete for r1, r2, r4: A1 = 4,3,2 (var 1), A2 = 5,4,2 (7/3),
	 * A3 = 4,5,1 (13/3), covariances as pairwise: 3/2, 3/2, 8/3.
	 * tr C = 23/3, sum C = 23/3 + 34/3 = 19, alpha = 3/2 (1 - 23/57)
	 * = 17/19 */
	assert_dbl_near(num(&t, "code=A", "alpha_listwise"), 17.0 / 19, 1e-14);
	assert_dbl_equal(num(&t, "code=A", "n_listwise"), 3);
	/* B is complete: the same as pairwise */
	assert_dbl_near(num(&t, "code=B", "alpha_listwise"), 14.0 / 15, 1e-14);
	assert_dbl_equal(num(&t, "code=B", "n_listwise"), 4);
	assert_dbl_equal(num(&t, "code=all", "n_listwise"), 3);
	table_free(&t);
	run_release(&r);
}

static void
test_alpha_drops_constant_item(void **state)
{
	/* B3 is 3 for everyone: psych's delete rule drops it, so alpha is
	 * that of B1 and B2: C = |5/3 2; 2 8/3|, 2 (1 - (13/3)/(25/3)) */
	static const char data[] =
	    "respondent,B1,B2,B3\n"
	    "r1,1,1,3\nr2,2,3,3\nr3,3,3,3\nr4,4,5,3\n";
	struct fix *f = *state;
	struct run r;
	struct table t;

	score_file(f, &r, data, SCORE_GROUPS, NULL, 0);
	table_parse(&t, r.out);
	assert_dbl_near(num(&t, "code=B", "alpha"), 24.0 / 25, 1e-14);
	/* k still counts the dropped item */
	assert_dbl_equal(num(&t, "code=B", "k"), 3);
	/* the dropped item has no item-rest statistics */
	assert_string_equal(cell(&t, "code=B3", "r_drop"), "");
	assert_string_equal(cell(&t, "code=B3", "alpha_drop"), "");
	/* with two usable items there is no alpha without one of them, and
	 * r_drop is their correlation, 2/sqrt(40/9) = 3/sqrt(10) */
	assert_string_equal(cell(&t, "code=B1", "alpha_drop"), "");
	assert_dbl_near(num(&t, "code=B1", "r_drop"), 3 / sqrt(10), 1e-14);
	/* A has no answers at all */
	assert_dbl_equal(num(&t, "code=A", "n"), 0);
	assert_string_equal(cell(&t, "code=A", "mean"), "");
	assert_string_equal(cell(&t, "code=A", "alpha"), "");
	table_free(&t);
	run_release(&r);
}

/* ==================== grouping sets ==================== */

static void
test_grouping_sets_and_star(void **state)
{
	static const char *const sets[] = { "team", "team,role" };
	struct fix *f = *state;
	struct run r;
	struct table t;
	static const char *const order[][3] = {
		{ "*", "*", "all" }, { "*", "*", "A" }, { "*", "*", "B" },
		{ "x", "*", "all" }, { "y", "*", "all" },
		{ "x", "l", "all" }, { "x", "t", "all" }, { "y", "t", "all" },
	};
	size_t i, j, ct, cr, cc;
	double sd;

	score_file(f, &r, HAND, SCORE_GROUPS, sets, NELEM(sets));
	table_parse(&t, r.out);
	/* one group column per distinct --by column, in first-use order */
	assert_string_equal(t.row[0][0], "team");
	assert_string_equal(t.row[0][1], "role");
	assert_string_equal(t.row[0][2], "type");
	/* 6 groups x (3 scales + 6 items) */
	assert_int_equal(t.n, 1 + 6 * 9);
	/* the total first, then set by set, groups in byte order; scales
	 * then items within a group */
	ct = col(&t, "team");
	cr = col(&t, "role");
	cc = col(&t, "code");
	for (i = 0, j = 1; i < NELEM(order); i++) {
		while (j < t.n && strcmp(t.row[j][cc], order[i][2]) != 0)
			j++;
		assert_true(j < t.n);
		assert_string_equal(t.row[j][ct], order[i][0]);
		assert_string_equal(t.row[j][cr], order[i][1]);
		j++;
	}
	assert_string_equal(t.row[4][cc], "A1");
	assert_dbl_equal(num(&t, "team=*;role=*;code=A", "group_n"), 4);
	assert_dbl_equal(num(&t, "team=x;role=*;code=A", "group_n"), 2);
	assert_dbl_equal(num(&t, "team=y;role=*;code=A", "group_n"), 2);
	assert_dbl_equal(num(&t, "team=y;role=t;code=A", "group_n"), 2);
	assert_dbl_equal(num(&t, "team=x;role=l;code=A", "group_n"), 1);
	/* team x: A = 13/3 and 4, mean 25/6, sd (1/3)/sqrt(2), se 1/6 */
	sd = 1 / (3 * sqrt(2));
	assert_dbl_near(num(&t, "team=x;role=*;code=A", "mean"), 25.0 / 6,
	    1e-15);
	assert_dbl_near(num(&t, "team=x;role=*;code=A", "sd"), sd, 1e-14);
	assert_dbl_near(num(&t, "team=x;role=*;code=A", "se"), 1.0 / 6, 1e-14);
	assert_dbl_near(num(&t, "team=x;role=*;code=A", "ci_low"),
	    25.0 / 6 - QT1 / 6, 1e-14);
	/* team y: only r4 has an A score; no sd, se, CI */
	assert_dbl_equal(num(&t, "team=y;role=*;code=A", "n"), 1);
	assert_dbl_near(num(&t, "team=y;role=*;code=A", "mean"), 5.0 / 3,
	    1e-15);
	assert_string_equal(cell(&t, "team=y;role=*;code=A", "sd"), "");
	assert_string_equal(cell(&t, "team=y;role=*;code=A", "ci_low"), "");
	/* y,t has r3 and r4: B = 10/3, 13/3, sd 1/sqrt(2) */
	assert_dbl_near(num(&t, "team=y;role=t;code=B", "sd"), 1 / sqrt(2),
	    1e-14);
	table_free(&t);
	run_release(&r);
}

static void
test_no_total(void **state)
{
	static const char *const sets[] = { "role" };
	struct fix *f = *state;
	const char *path = put_file(f, "nototal.csv", HAND);
	struct run r;
	struct table t;

	run_init(&r, &f->ins);
	r.sc.total = 0;
	scorer_add_set(&r.sc, sets[0]);
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	capture_end();
	table_parse(&t, r.out);
	assert_int_equal(t.n, 1 + 2 * 3);
	assert_string_equal(t.row[1][0], "l");
	assert_string_equal(t.row[4][0], "t");
	assert_int_equal(r.sc.ngroup, 2);
	/* role t: r1, r3, r4; B = 4/3, 10/3, 13/3, mean 3 */
	assert_dbl_near(num(&t, "role=t;code=B", "mean"), 3, 1e-15);
	table_free(&t);
	run_release(&r);
}

/* ==================== rejected input ==================== */

static void
test_duplicate_id_excluded(void **state)
{
	static const char data[] =
	    "respondent,A1,A2,A3\n"
	    "r1,4,4,2\n"
	    "r2,3,3,3\n"
	    "r1,1,1,1\n"	/* excluded: r1 again */
	    ",2,2,2\n"		/* an empty id is never a duplicate */
	    ",5,5,5\n";
	struct fix *f = *state;
	const char *path = put_file(f, "dup.csv", data);
	struct run r;
	struct table t;
	const char *err;
	char want[512];

	run_init(&r, &f->ins);
	r.sc.items = 1;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	scorer_summary(&r.sc);
	err = capture_end();
	snprintf(want, sizeof(want), "plg-score:%s:4: duplicate respondent "
	    "'r1' excluded\nplg-score: 5 respondents read: 4 scored, "
	    "1 excluded (1 duplicate id, 0 without any valid answer); "
	    "answers: 12 used, 0 rejected; 1 group\n", path);
	assert_string_equal(err, want);
	assert_int_equal(r.sc.read, 5);
	assert_int_equal(r.sc.dup, 1);
	assert_int_equal(r.sc.scored, 4);
	table_parse(&t, r.out);
	/* A1: 4, 3, 2, 5 -- not the duplicate's 1 */
	assert_dbl_equal(num(&t, "code=A1", "n"), 4);
	assert_dbl_equal(num(&t, "code=A1", "mean"), 3.5);
	assert_string_equal(cell(&t, "code=A1", "n_1"), "0");
	table_free(&t);
	run_release(&r);

	/* --no-id-check keeps it */
	run_init(&r, &f->ins);
	r.sc.items = 1;
	r.sc.check_ids = 0;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	assert_string_equal(capture_end(), "");
	assert_int_equal(r.sc.dup, 0);
	assert_int_equal(r.sc.scored, 5);
	assert_int_equal(idset_bytes(&r.sc.ids), 0);
	table_parse(&t, r.out);
	assert_dbl_equal(num(&t, "code=A1", "n"), 5);
	assert_string_equal(cell(&t, "code=A1", "n_1"), "1");
	table_free(&t);
	run_release(&r);
}

static void
test_duplicate_id_across_files(void **state)
{
	struct fix *f = *state;
	const char *p1 = put_file(f, "one.csv", "respondent,A1\nr1,4\n");
	const char *p2 = put_file(f, "two.csv", "A1,respondent\n5,r2\n3,r1\n");
	struct run r;
	const char *err;
	char want[512];

	run_init(&r, &f->ins);
	r.sc.mode = SCORE_RESPONDENTS;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, p1), PLG_EXIT_OK);
	assert_int_equal(scorer_file(&r.sc, p2), PLG_EXIT_OK);
	run_finish(&r);
	err = capture_end();
	snprintf(want, sizeof(want), "plg-score:%s:3: duplicate respondent "
	    "'r1' excluded\n", p2);
	assert_string_equal(err, want);
	/* one answer of A's three is too few; all needs 3 of 6 */
	assert_string_equal(r.out, "respondent,all,A,B\nr1,,,\nr2,,,\n");
	run_release(&r);
}

static void
test_rejected_values(void **state)
{
	static const char data[] =
	    "respondent,A1,A2,A3,B1\n"
	    "r1,abc,4,4,7\n"		/* A1 not a number, B1 outside 1..5 */
	    "r2,3.5,2,2,2\n"		/* 3.5 is no value of the scale */
	    "r3, 3 ,3.0,,\n"		/* blanks and 3.0 are fine */
	    "r4,0,6,-1,x\n";		/* nothing usable: excluded */
	struct fix *f = *state;
	const char *path = put_file(f, "bad.csv", data);
	struct run r;
	struct table t;
	const char *err;
	char want[1024];

	run_init(&r, &f->ins);
	r.sc.items = 1;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	err = capture_end();
	snprintf(want, sizeof(want),
	    "plg-score:%s:2: column 2 (item A1): not a number 'abc' ignored\n"
	    "plg-score:%s:2: column 5 (item B1): value outside the response "
	    "scale '7' ignored\n"
	    "plg-score:%s:3: column 2 (item A1): value outside the response "
	    "scale '3.5' ignored\n"
	    "plg-score:%s:5: column 2 (item A1): value outside the response "
	    "scale '0' ignored\n"
	    "plg-score:%s:5: column 3 (item A2): value outside the response "
	    "scale '6' ignored\n"
	    "plg-score:%s:5: column 4 (item A3): value outside the response "
	    "scale '-1' ignored\n"
	    "plg-score:%s:5: column 5 (item B1): not a number 'x' ignored\n",
	    path, path, path, path, path, path, path);
	assert_string_equal(err, want);
	assert_int_equal(r.sc.read, 4);
	assert_int_equal(r.sc.scored, 3);
	assert_int_equal(r.sc.no_answers, 1);
	assert_int_equal(r.sc.rejected, 7);
	assert_int_equal(r.sc.values, 7);
	table_parse(&t, r.out);
	assert_dbl_equal(num(&t, "code=A1", "group_n"), 3);
	assert_dbl_equal(num(&t, "code=A1", "n"), 1);
	assert_dbl_equal(num(&t, "code=A1", "mean"), 3);
	/* A2: 4, 2, 3 */
	assert_dbl_equal(num(&t, "code=A2", "n"), 3);
	assert_dbl_equal(num(&t, "code=A2", "mean"), 3);
	assert_dbl_equal(num(&t, "code=B1", "n"), 1);
	table_free(&t);
	run_release(&r);
}

static void
test_header_errors(void **state)
{
	static const struct {
		const char *data, *by, *msg;
	} c[] = {
		{ "id,A1\nr1,3\n", NULL,
		  ":1: no 'respondent' column: is this plg-survey output?\n" },
		{ "respondent,A1\nr1,3\n", "team",
		  ":1: no column 'team' for --by\n" },
		{ "respondent,A1,a1\nr1,3,3\n", NULL,
		  ":1: item 'a1' in columns 2 and 3\n" },
		{ "respondent,team\nr1,x\n", NULL,
		  ":1: no column is an item of instrument 'tiny'\n" },
		{ "", NULL, ": empty file: no header\n" },
	};
	struct fix *f = *state;
	struct run r;
	size_t i;
	const char *path, *err;
	char want[512];

	for (i = 0; i < NELEM(c); i++) {
		path = put_file(f, i == 0 ? "h0.csv" : i == 1 ? "h1.csv" :
		    i == 2 ? "h2.csv" : i == 3 ? "h3.csv" : "h4.csv", c[i].data);
		run_init(&r, &f->ins);
		if (c[i].by != NULL)
			scorer_add_set(&r.sc, c[i].by);
		capture_start();
		assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_DATA);
		run_finish(&r);
		err = capture_end();
		snprintf(want, sizeof(want), "plg-score:%s%s", path, c[i].msg);
		if (i < 4)	/* after a header problem */
			snprintf(want + strlen(want), sizeof(want) - strlen(want),
			    "plg-score:%s: file skipped\n", path);
		assert_string_equal(err, want);
		assert_int_equal(r.sc.failed, 1);
		assert_int_equal(r.sc.read, 0);
		assert_int_equal(r.sc.ngroup, 0);
		run_release(&r);
	}
}

static void
test_not_an_item_warning(void **state)
{
	struct fix *f = *state;
	const char *path = put_file(f, "q7.csv", "respondent,Q7,A1\nr1,2,3\n");
	struct run r;
	char want[256];

	run_init(&r, &f->ins);
	r.sc.mode = SCORE_RESPONDENTS;
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	snprintf(want, sizeof(want), "plg-score:%s:1: column 'Q7' is not an "
	    "item of instrument 'tiny'; read as metadata\n", path);
	assert_string_equal(capture_end(), want);
	/* Q7 is copied as metadata */
	assert_string_equal(r.out, "respondent,Q7,all,A,B\nr1,2,,,\n");
	run_release(&r);
}

/* ==================== warnings about keying ==================== */

static void
test_negative_alpha_warning(void **state)
{
	/* A3 answered like A1 and A2, so keyed it runs against them;
	 * 10 respondents, the least that is checked */
	static const char data[] =
	    "respondent,team,A1,A2,A3\n"
	    "r1,x,1,1,1\nr2,x,2,2,2\nr3,x,3,3,3\nr4,x,4,4,4\nr5,x,5,5,5\n"
	    "r6,y,1,2,1\nr7,y,2,1,2\nr8,y,4,5,4\nr9,y,5,4,5\nr10,y,3,3,3\n";
	struct fix *f = *state;
	const char *path = put_file(f, "neg.csv", data);
	struct run r;
	const char *err;

	run_init(&r, &f->ins);
	r.sc.items = 1;
	scorer_add_set(&r.sc, "team");
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	err = capture_end();
	/* only the total is checked (the teams have 5 respondents each) */
	assert_non_null(strstr(err, "plg-score: alpha of 'A' is -"));
	assert_non_null(strstr(err, "plg-score: item-rest correlation of 'A3' "
	    "in 'A' is -"));
	assert_non_null(strstr(err, "; check reverse keying\n"));
	assert_null(strstr(err, "team="));
	run_release(&r);

	/* --no-total: the first --by set is checked, but only groups of 10
	 * or more, and the teams have 5 */
	run_init(&r, &f->ins);
	r.sc.items = 1;
	r.sc.total = 0;
	scorer_add_set(&r.sc, "team");
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	assert_string_equal(capture_end(), "");
	run_release(&r);
}

/* ==================== --min-group ==================== */

#define MG_TEAMS 8
#define MG_ROLES 2

/* Shown n per team and team x role (-1: hidden), from the framework rows
 * of an output grouped --by team --by team,role. */
static void
shown_groups(const char *out, long team[MG_TEAMS],
    long tr[MG_TEAMS][MG_ROLES], long *total)
{
	struct table t;
	size_t i, a, b;

	for (a = 0; a < MG_TEAMS; a++) {
		team[a] = -1;
		for (b = 0; b < MG_ROLES; b++)
			tr[a][b] = -1;
	}
	*total = -1;
	table_parse(&t, out);
	for (i = 1; i < t.n; i++) {
		char **f = t.row[i];
		long n = atol(f[5]);

		if (strcmp(f[2], "framework") != 0)
			continue;
		if (strcmp(f[0], "*") == 0)
			*total = n;
		else if (strcmp(f[1], "*") == 0)
			team[f[0][0] - 'a'] = n;
		else
			tr[f[0][0] - 'a'][f[1][0] - 'k'] = n;
	}
	table_free(&t);
}

/* In one partition: the hidden parts (shown[i] < 0) must be none, or at
 * least two with k or more respondents together -- else the parent's n
 * (and with it its sums) minus the shown parts gives one part away. */
static void
assert_partition_safe(const long *shown, const long *truth, size_t n,
    long k)
{
	size_t i, nhidden = 0;
	long hidden_n = 0;

	for (i = 0; i < n; i++)
		if (truth[i] > 0 && shown[i] < 0) {
			nhidden++;
			hidden_n += truth[i];
		}
	if (nhidden > 0 && (nhidden < 2 || hidden_n < k))
		fail_msg("%zu hidden group(s) of %ld respondents: recoverable "
		    "by subtraction", nhidden, hidden_n);
}

/* A try at recovering hidden groups by subtraction from every shown
 * parent, and by adding up the children of every hidden one, on random
 * team sizes: it must fail. */
static void
test_min_group_subtraction(void **state)
{
	struct fix *f = *state;
	static const char roles[MG_ROLES] = { 'k', 'l' };
	char *text = malloc(64 + 200 * 40);
	long team[MG_TEAMS], tr[MG_TEAMS][MG_ROLES], total, k = 5;
	long tn[MG_TEAMS], trn[MG_TEAMS][MG_ROLES];
	uint64_t z = 1;
	size_t seed, a, b, len, n, id;
	const char *path;
	struct run r;

	assert_non_null(text);
	for (seed = 0; seed < 60; seed++) {
		memset(tn, 0, sizeof(tn));
		memset(trn, 0, sizeof(trn));
		len = (size_t)sprintf(text, "respondent,team,role,A1,A2,A3,"
		    "B1,B2,B3\n");
		for (a = 0, id = 0; a < MG_TEAMS; a++) {
			z = z * 6364136223846793005ULL + 1442695040888963407ULL;
			for (n = (z >> 33) % 13; n > 0; n--) {
				z = z * 6364136223846793005ULL +
				    1442695040888963407ULL;
				b = (z >> 40) % MG_ROLES;
				tn[a]++;
				trn[a][b]++;
				len += (size_t)sprintf(text + len,
				    "r%zu,%c,%c,%d,%d,%d,%d,%d,%d\n", ++id,
				    (char)('a' + a), roles[b],
				    (int)(z >> 61) % 5 + 1, 3, 2, 4,
				    (int)(z >> 58) % 5 + 1, 3);
			}
		}
		if (id == 0)
			continue;
		path = put_file(f, "mg.csv", text);
		run_init(&r, &f->ins);
		r.sc.min_group = (unsigned long)k;
		scorer_add_set(&r.sc, "team");
		scorer_add_set(&r.sc, "team,role");
		capture_start();
		assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
		run_finish(&r);
		capture_end();
		shown_groups(r.out, team, tr, &total);
		/* shown groups are big enough and have their true n */
		for (a = 0; a < MG_TEAMS; a++) {
			assert_true(team[a] < 0 || (team[a] >= k &&
			    team[a] == tn[a]));
			for (b = 0; b < MG_ROLES; b++)
				assert_true(tr[a][b] < 0 ||
				    (tr[a][b] >= k && tr[a][b] == trn[a][b]));
		}
		/* from the whole (known with or without the total) */
		assert_partition_safe(team, tn, MG_TEAMS, k);
		for (a = 0; a < MG_TEAMS; a++) {
			/* from a shown team; a hidden one's parts are all
			 * hidden, or they would add up to it */
			if (team[a] >= 0)
				assert_partition_safe(tr[a], trn[a], MG_ROLES,
				    k);
			else
				for (b = 0; b < MG_ROLES; b++)
					assert_true(tr[a][b] < 0);
		}
		/* team x role from the whole */
		{
			long all_sh[MG_TEAMS * MG_ROLES];
			long all_tr[MG_TEAMS * MG_ROLES];
			for (a = 0; a < MG_TEAMS; a++)
				for (b = 0; b < MG_ROLES; b++) {
					all_sh[a * MG_ROLES + b] = tr[a][b];
					all_tr[a * MG_ROLES + b] = trn[a][b];
				}
			assert_partition_safe(all_sh, all_tr,
			    MG_TEAMS * MG_ROLES, k);
		}
		run_release(&r);
		unlink(path);
		free(f->path[--f->npath]);
	}
	free(text);
}

/* ==================== partial files ==================== */

/* tiny with a non-integer answer: the floating-point path */
static const char TINY_HALF[] = TINY_HEAD
    "answer,half,,2.5,Half,Half\n" TINY_BODY;

static void
assert_prefix(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("output begins\n%.*s\nexpected\n%s",
		    (int)strlen(prefix), s, prefix);
}

static void
test_partial_format(void **state)
{
	static const char *const sets[] = { "team" };
	struct fix *f = *state;
	struct run r;
	const char *p;
	char *end;

	struct instrument tiny = f->ins;

	/* format 1: moments, for an instrument with other than whole-number
	 * answers (the same numbers as tiny's for these rows) */
	assert_int_equal(instrument_parse(&f->ins, "half.csv", TINY_HALF,
	    strlen(TINY_HALF)), 0);
	score_file(f, &r, HAND, SCORE_PARTIAL, sets, NELEM(sets));
	instrument_release(&f->ins);
	f->ins = tiny;
	/* the header and the configuration */
	assert_prefix(r.out,
	    "kind,set,team,a,b,n,mean_a,mean_b,m2,min,max\n"
	    "config,,*,format,plg-partial 1,,,,,,\n"
	    "config,,*,instrument,tiny,,,,,,\n"
	    "config,,*,version,1,,,,,,\n"
	    "config,,*,items,6,,,,,,\n"
	    "config,,*,min_answered,0.5,,,,,,\n"
	    "config,,*,listwise,0,,,,,,\n"
	    "config,,*,total,1,,,,,,\n"
	    "config,,*,sets,team,,,,,,\n"
	    "group,0,*,,,4,,,,,\n"
	    "scale,0,*,all,,4,3.1875,,");
	/* m2 of all = 3 x var = 68.75/144, min 17/6, max 15/4 */
	p = strstr(r.out, "\nscale,0,*,all,,4,3.1875,,") + 26;
	assert_dbl_near(strtod(p, &end), 68.75 / 144, 1e-15);
	assert_dbl_near(strtod(end + 1, &end), 17.0 / 6, 1e-15);
	assert_dbl_near(strtod(end + 1, &end), 15.0 / 4, 1e-15);
	assert_int_equal(*end, '\n');
	/* B over team y: 10/3 and 13/3, mean 23/6, m2 = 2 (1/2)^2 = 1/2 */
	p = strstr(r.out, "\nscale,1,y,B,,2,");
	assert_non_null(p);
	assert_dbl_near(strtod(p + 16, &end), 23.0 / 6, 1e-15);
	assert_true(end[0] == ',' && end[1] == ',');
	assert_dbl_near(strtod(end + 2, &end), 0.5, 1e-15);
	assert_dbl_near(strtod(end + 1, &end), 10.0 / 3, 1e-15);
	assert_dbl_near(strtod(end + 1, &end), 13.0 / 3, 1e-15);
	assert_int_equal(*end, '\n');
	/* counts as answered */
	assert_non_null(strstr(r.out, "\ncount,0,*,A3,5,1,,,,,\n"));
	/* zero counts are left out */
	assert_null(strstr(r.out, "\ncount,0,*,A3,3,"));
	/* B1, B2 over all four: cov 2, m2 = 6 */
	assert_non_null(strstr(r.out, "\npair,0,*,B1,B2,4,2.5,3,6,,\n"));
	run_release(&r);
}

/* The whole numbers of the data field of the "exact" row that starts with
 * prefix; returns how many. */
static size_t
exact_data(const char *out, const char *prefix, long long *v, size_t max)
{
	const char *p = strstr(out, prefix);
	char *end;
	size_t n = 0;

	assert_non_null(p);
	p += strlen(prefix);
	while (n < max && *p != '\n') {
		v[n++] = strtoll(p, &end, 10);
		assert_true(end > p);
		p = end;
	}
	assert_int_equal(*p, '\n');
	return n;
}

static void
test_partial_format_exact(void **state)
{
	static const char *const sets[] = { "team" };
	struct fix *f = *state;
	struct run r;
	long long v[200];

	score_file(f, &r, HAND, SCORE_PARTIAL, sets, NELEM(sets));
	assert_prefix(r.out,
	    "kind,set,team,a,b,n,mean_a,mean_b,m2,min,max,data\n"
	    "config,,*,format,plg-partial 2,,,,,,\n"
	    "config,,*,instrument,tiny,,,,,,\n"
	    "config,,*,version,1,,,,,,\n"
	    "config,,*,items,6,,,,,,\n"
	    "config,,*,min_answered,0.5,,,,,,\n"
	    "config,,*,listwise,0,,,,,,\n"
	    "config,,*,total,1,,,,,,\n"
	    "config,,*,sets,team,,,,,,\n"
	    /* 5 values, 15 pairs of the framework's 6 items, 3 scales, 12
	     * listwise items, L = lcm(1..6) */
	    "config,,*,layout,5 15 3 12 60,,,,,,\n"
	    "exact,0,*,,,4,,,,,,");
	/* 6 x 5 counts, 15 x 4 pair sums, 3 x 5 scale sums */
	assert_int_equal(exact_data(r.out, "\nexact,0,*,,,4,,,,,,", v,
	    NELEM(v)), 30 + 60 + 15);
	assert_int_equal(v[2 * 5 + 4], 1);	/* A3 answered 5 once */
	assert_int_equal(v[2 * 5 + 2], 0);	/* and never 3 */
	/* B1, B2 (positions 3, 4: pair 12) over all four, in codes from 0:
	 * means 2.5 and 3 -> sums 6 and 8; cov 2 -> sum ab = 6 + 48/4 */
	assert_int_equal(v[30 + 4 * 12], 4);
	assert_int_equal(v[30 + 4 * 12 + 1], 6);
	assert_int_equal(v[30 + 4 * 12 + 2], 8);
	assert_int_equal(v[30 + 4 * 12 + 3], 18);
	/* all: X = 60 x score; mean 3.1875 -> sum 4 x 3.1875 x 60 = 765;
	 * m2 = 68.75/144 -> sum X^2 = 68.75/144 x 3600 + 765^2/4 = 148025;
	 * min 17/6 -> 170, max 15/4 -> 225 */
	assert_int_equal(v[90], 4);
	assert_int_equal(v[91], 765);
	assert_int_equal(v[92], 148025);
	assert_int_equal(v[93], 170);
	assert_int_equal(v[94], 225);
	run_release(&r);
}

static void
test_merge_rejects(void **state)
{
	static const char *const team[] = { "team" };
	static const char other[] =
	    "type,code,parent,value,nl,en\n"
	    "instrument,other,,1,,\n"
	    "range,,,1..5,,\n"
	    "scale,A,,,A,A\n"
	    "item,A1,A,,a1,a1\n";
	struct fix *f = *state;
	struct instrument ins2;
	struct run r;
	const char *pteam, *ptotal, *plw;
	const char *err;
	char want[512];

	score_file(f, &r, HAND, SCORE_PARTIAL, team, 1);
	pteam = put_file(f, "team.part", r.out);
	run_release(&r);
	score_file(f, &r, HAND, SCORE_PARTIAL, NULL, 0);
	ptotal = put_file(f, "total.part", r.out);
	run_release(&r);

	/* grouped otherwise than the first file */
	run_init(&r, &f->ins);
	capture_start();
	assert_int_equal(scorer_merge_file(&r.sc, ptotal), PLG_EXIT_OK);
	assert_int_equal(scorer_merge_file(&r.sc, pteam), PLG_EXIT_DATA);
	run_finish(&r);
	err = capture_end();
	snprintf(want, sizeof(want), "plg-score:%s:9: grouped by 'team', not "
	    "'' like the earlier input\n", pteam);
	assert_string_equal(err, want);
	assert_int_equal(r.sc.failed, 1);
	run_release(&r);

	/* another instrument */
	assert_int_equal(instrument_parse(&ins2, "other.csv", other,
	    strlen(other)), 0);
	run_init(&r, &ins2);
	capture_start();
	assert_int_equal(scorer_merge_file(&r.sc, pteam), PLG_EXIT_DATA);
	run_finish(&r);
	err = capture_end();
	snprintf(want, sizeof(want), "plg-score:%s:3: partial file has "
	    "instrument 'tiny', expected 'other': it cannot be merged\n", pteam);
	assert_string_equal(err, want);
	assert_int_equal(r.sc.ngroup, 0);
	run_release(&r);
	instrument_release(&ins2);

	/* listwise in one, not in the other */
	run_init(&r, &f->ins);
	r.sc.mode = SCORE_PARTIAL;
	r.sc.listwise = 1;
	{
		const char *in = put_file(f, "lwin.csv", HAND);
		capture_start();
		assert_int_equal(scorer_file(&r.sc, in), PLG_EXIT_OK);
		run_finish(&r);
		capture_end();
	}
	plw = put_file(f, "lw.part", r.out);
	run_release(&r);
	run_init(&r, &f->ins);
	capture_start();
	assert_int_equal(scorer_merge_file(&r.sc, ptotal), PLG_EXIT_OK);
	assert_int_equal(scorer_merge_file(&r.sc, plw), PLG_EXIT_DATA);
	run_finish(&r);
	err = capture_end();
	snprintf(want, sizeof(want), "plg-score:%s:7: partial file has "
	    "listwise '1', expected '0': it cannot be merged\n", plw);
	assert_string_equal(err, want);
	run_release(&r);

	/* a responses file is not a partial file */
	run_init(&r, &f->ins);
	{
		const char *in = put_file(f, "resp.csv", HAND);
		capture_start();
		assert_int_equal(scorer_merge_file(&r.sc, in), PLG_EXIT_DATA);
		run_finish(&r);
		err = capture_end();
		snprintf(want, sizeof(want), "plg-score:%s:1: not a partial file "
		    "(plg-score --partial): no column 'kind'\n", in);
		assert_string_equal(err, want);
	}
	run_release(&r);
}

/* ==================== the merge property ==================== */

static uint64_t rng;

static uint32_t
rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static size_t
rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Every field equal: text exactly, numbers to 1e-12 relative (absolute
 * near 0). */
static void
assert_same_output(const char *got, const char *want)
{
	struct table a, b;
	size_t i, j;
	char *end1, *end2;
	double x, y;

	table_parse(&a, got);
	table_parse(&b, want);
	assert_int_equal(a.n, b.n);
	for (i = 0; i < a.n; i++) {
		assert_int_equal(a.nf[i], b.nf[i]);
		for (j = 0; j < a.nf[i]; j++) {
			const char *s = a.row[i][j], *t = b.row[i][j];
			if (strcmp(s, t) == 0)
				continue;
			x = strtod(s, &end1);
			y = strtod(t, &end2);
			if (*s == '\0' || *t == '\0' || *end1 != '\0' ||
			    *end2 != '\0')
				fail_msg("row %zu, column %s: '%s', expected "
				    "'%s'", i, b.row[0][j], s, t);
			if (!plgtest_near(x, y, 1e-12))
				fail_msg("row %zu, column %s: %.17g, expected "
				    "%.17g", i, b.row[0][j], x, y);
		}
	}
	table_free(&a);
	table_free(&b);
}

static void
merge_property(struct fix *f, uint64_t seed)
{
	enum { NROW = 1300 };	/* the total past 511: small words moved on */
	static const char *const hdr = "respondent,grp,A1,A2,A3,B1,B2,B3\n";
	char *rows[NROW], *all, name[64];
	size_t cut[8], order[8], len = 0, i, j, nfile, tmp;
	const char *paths[8], *pall, *pone;
	struct run one, part, merged;
	int bias;

	rng = seed;
	for (i = 0; i < NROW; i++) {
		char buf[128];
		size_t k;
		/* groups g1 and g2; answers 1..5, ~10% missing; g2 leans up
		 * and A3 is answered against the others, as a reverse item */
		k = (size_t)snprintf(buf, sizeof(buf), "p%zu,g%u", i,
		    1 + rnd() % 2);
		bias = buf[k - 1] == '2';
		for (j = 0; j < 6; j++) {
			int v = 1 + (int)rnd_below(5) + (bias && rnd() % 2 &&
			    j != 2);
			if (v > 5)
				v = 5;
			if (rnd() % 10 == 0)
				k += (size_t)snprintf(buf + k, sizeof(buf) - k,
				    ",");
			else
				k += (size_t)snprintf(buf + k, sizeof(buf) - k,
				    ",%d", v);
		}
		buf[k++] = '\n';
		buf[k] = '\0';
		rows[i] = strdup(buf);
		len += k;
	}
	all = malloc(len + strlen(hdr) + 1);
	strcpy(all, hdr);
	for (i = 0; i < NROW; i++)
		strcat(all, rows[i]);
	snprintf(name, sizeof(name), "all-%llu.csv", (unsigned long long)seed);
	pall = put_file(f, name, all);

	/* one pass: the group output, and a partial file of everything */
	run_init(&one, &f->ins);
	one.sc.items = 1;
	one.sc.listwise = 1;
	scorer_add_set(&one.sc, "grp");
	capture_start();	/* random data: alpha may be negative */
	assert_int_equal(scorer_file(&one.sc, pall), PLG_EXIT_OK);
	run_finish(&one);
	capture_end();
	assert_int_equal(one.sc.scored, NROW);
	assert_int_equal(one.sc.ngroup, 3);

	run_init(&part, &f->ins);
	part.sc.mode = SCORE_PARTIAL;
	part.sc.listwise = 1;
	scorer_add_set(&part.sc, "grp");
	assert_int_equal(scorer_file(&part.sc, pall), PLG_EXIT_OK);
	run_finish(&part);
	snprintf(name, sizeof(name), "all-%llu.part", (unsigned long long)seed);
	pone = put_file(f, name, part.out);
	run_release(&part);

	/* the one-pass partial, merged on its own */
	run_init(&merged, &f->ins);
	merged.sc.items = 1;
	capture_start();
	assert_int_equal(scorer_merge_file(&merged.sc, pone), PLG_EXIT_OK);
	run_finish(&merged);
	capture_end();
	assert_same_output(merged.out, one.out);
	run_release(&merged);

	/* 2 to 6 batches cut at random rows */
	nfile = 2 + rnd_below(5);
	cut[0] = 0;
	cut[nfile] = NROW;
	for (i = 1; i < nfile; i++) {
		int again;
		do {
			cut[i] = 1 + rnd_below(NROW - 1);
			for (again = 0, j = 1; j < i; j++)
				again |= cut[j] == cut[i];
		} while (again);
	}
	for (i = 1; i < nfile; i++)	/* sort the cuts */
		for (j = i + 1; j < nfile; j++)
			if (cut[j] < cut[i]) {
				tmp = cut[i];
				cut[i] = cut[j];
				cut[j] = tmp;
			}
	for (i = 0; i < nfile; i++) {
		strcpy(all, hdr);
		for (j = cut[i]; j < cut[i + 1]; j++)
			strcat(all, rows[j]);
		snprintf(name, sizeof(name), "b%llu-%zu.csv",
		    (unsigned long long)seed, i);
		pall = put_file(f, name, all);
		run_init(&part, &f->ins);
		part.sc.mode = SCORE_PARTIAL;
		part.sc.listwise = 1;
		scorer_add_set(&part.sc, "grp");
		assert_int_equal(scorer_file(&part.sc, pall), PLG_EXIT_OK);
		run_finish(&part);
		snprintf(name, sizeof(name), "b%llu-%zu.part",
		    (unsigned long long)seed, i);
		paths[i] = put_file(f, name, part.out);
		run_release(&part);
		order[i] = i;
	}
	for (i = nfile - 1; i > 0; i--) {	/* Fisher-Yates */
		j = rnd_below(i + 1);
		tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	run_init(&merged, &f->ins);
	merged.sc.items = 1;
	capture_start();
	for (i = 0; i < nfile; i++)
		assert_int_equal(scorer_merge_file(&merged.sc, paths[order[i]]),
		    PLG_EXIT_OK);
	run_finish(&merged);
	capture_end();
	assert_int_equal(merged.sc.listwise, 1);
	assert_int_equal(merged.sc.ngroup, 3);
	assert_same_output(merged.out, one.out);
	run_release(&merged);

	run_release(&one);
	for (i = 0; i < NROW; i++)
		free(rows[i]);
	free(all);
}

static void
test_merge_property_random_batches(void **state)
{
	static const uint64_t seeds[] = { 1, 2, 3, 20261121, 0x9e3779b97f4a7c15ULL,
	    77, 1234567 };
	size_t i;

	for (i = 0; i < NELEM(seeds); i++)
		merge_property(*state, seeds[i]);
}


/* ==================== exact accumulation ==================== */

/* TINY with a labelled 2.5: not whole numbers, so the floating-point path
 * (Welford per row) -- the reference for the exact one. */

/* n respondents in teams x, y, z and roles t, l, correlated whole-number
 * answers, some missing; caller frees. */
static char *
random_responses(uint64_t seed, size_t n)
{
	size_t cap = 64 + n * 48, len = 0, i, j;
	char *t = malloc(cap);
	uint64_t z = seed;
	int base;

	assert_non_null(t);
	len += (size_t)sprintf(t, "respondent,team,role,A1,A2,A3,B1,B2,B3\n");
	for (i = 0; i < n; i++) {
		z = z * 6364136223846793005ULL + 1442695040888963407ULL;
		base = 1 + (int)(z >> 61) % 5;
		len += (size_t)sprintf(t + len, "r%zu,%c,%c", i + 1,
		    "xyz"[(z >> 40) % 3], "tl"[(z >> 43) % 2]);
		for (j = 0; j < 6; j++) {
			int v;
			z = z * 6364136223846793005ULL + 1442695040888963407ULL;
			v = base + (int)((z >> 59) % 3) - 1;
			v = v < 1 ? 1 : v > 5 ? 5 : v;
			if ((z >> 32) % 10 == 0)
				len += (size_t)sprintf(t + len, ",");
			else
				len += (size_t)sprintf(t + len, ",%d", j == 2 ?
				    6 - v : v);
		}
		t[len++] = '\n';
		assert_true(len + 64 < cap);
	}
	t[len] = '\0';
	return t;
}

/* Every number of b matches a's in the same row and column, by name, to
 * rel relative (absolute near 0); rows must come in the same order. */
static void
assert_tables_close(const struct table *a, const struct table *b, double rel)
{
	size_t i, j, k;
	double x, y;

	assert_int_equal(a->n, b->n);
	for (j = 0; j < a->nf[0]; j++) {
		for (k = 0; k < b->nf[0]; k++)
			if (strcmp(a->row[0][j], b->row[0][k]) == 0)
				break;
		if (k == b->nf[0])
			continue;	/* n_2.5: one instrument only */
		for (i = 1; i < a->n; i++) {
			const char *u = a->row[i][j], *v = b->row[i][k];
			char *e1, *e2;
			x = strtod(u, &e1);
			y = strtod(v, &e2);
			if (*u == '\0' || *e1 != '\0' || *e2 != '\0') {
				if (strcmp(u, v) != 0)
					fail_msg("row %zu '%s': '%s' != '%s'", i,
					    a->row[0][j], u, v);
				continue;
			}
			if (fabs(x - y) > rel * (fabs(x) > 1 ? fabs(x) : 1))
				fail_msg("row %zu '%s': %s != %s", i,
				    a->row[0][j], u, v);
		}
	}
}

static void
score_with(struct fix *f, const struct instrument *ins, const char *text,
    const char *const *sets, size_t nsets, int listwise, struct table *t)
{
	const char *path = put_file(f, "exact.csv", text);
	struct run r;
	size_t i;

	run_init(&r, ins);
	r.sc.items = 1;
	r.sc.listwise = listwise;
	for (i = 0; i < nsets; i++)
		scorer_add_set(&r.sc, sets[i]);
	capture_start();
	assert_int_equal(scorer_file(&r.sc, path), PLG_EXIT_OK);
	run_finish(&r);
	capture_end();
	table_parse(t, r.out);
	run_release(&r);
	unlink(path);
	free(f->path[--f->npath]);
}

/* The exact path (packed integer sums, derived sets) agrees with Welford's
 * floating-point path, with and without --listwise, over grouping sets one
 * of which is derived from the other. */
static void
test_exact_matches_float_path(void **state)
{
	struct fix *f = *state;
	static const char *const sets[] = { "team", "team,role" };
	struct instrument half;
	struct scorer sc;
	struct table a, b;
	char *text = random_responses(42, 500);
	int lw;

	assert_int_equal(instrument_parse(&half, "half.csv", TINY_HALF,
	    strlen(TINY_HALF)), 0);
	scorer_init(&sc, &half, stdout);	/* the two paths */
	assert_int_equal(sc.exact, 0);
	scorer_release(&sc);
	scorer_init(&sc, &f->ins, stdout);
	assert_int_equal(sc.exact, 1);
	assert_int_equal(sc.lim, 16383);
	assert_int_equal(sc.small, 1);
	assert_int_equal(sc.lim1, 511);
	scorer_release(&sc);
	for (lw = 0; lw <= 1; lw++) {
		score_with(f, &f->ins, text, sets, NELEM(sets), lw, &a);
		score_with(f, &half, text, sets, NELEM(sets), lw, &b);
		assert_tables_close(&a, &b, 1e-12);
		table_free(&a);
		table_free(&b);
	}
	instrument_release(&half);
	free(text);
}

/* A group of more rows than the packed counters hold (511 in the small
 * words and 16383 in the 64-bit ones for 1..5) moves them on its way: to
 * the 64-bit words 78 times, to the 64-bit sums twice: same result. */
static void
test_exact_flush(void **state)
{
	struct fix *f = *state;
	struct instrument half;
	struct table a, b;
	char *text = random_responses(7, 40000);

	assert_int_equal(instrument_parse(&half, "half.csv", TINY_HALF,
	    strlen(TINY_HALF)), 0);
	score_with(f, &f->ins, text, NULL, 0, 1, &a);
	score_with(f, &half, text, NULL, 0, 1, &b);
	assert_tables_close(&a, &b, 1e-12);
	assert_string_equal(cell(&a, "type=item;code=A1", "group_n"), "40000");
	table_free(&a);
	table_free(&b);
	instrument_release(&half);
	free(text);
}

/* A derived set (team, from team,role) writes what it writes alone. */
static void
test_derived_set_same_as_alone(void **state)
{
	struct fix *f = *state;
	static const char *const both[] = { "team,role", "team" };
	static const char *const alone[] = { "team" };
	struct table a, b;
	char *text = random_responses(3, 300);
	size_t i, j, nb = 0;

	score_with(f, &f->ins, text, both, NELEM(both), 1, &a);
	score_with(f, &f->ins, text, alone, NELEM(alone), 1, &b);
	/* a: the total, team x role, team; b: the total, team */
	for (i = 1; i < a.n; i++) {
		if (strcmp(a.row[i][col(&a, "role")], "*") != 0)
			continue;
		for (nb++, j = 0; j < b.nf[0]; j++)
			assert_string_equal(a.row[i][col(&a, b.row[0][j])],
			    b.row[nb][j]);
	}
	assert_int_equal(nb, b.n - 1);
	table_free(&a);
	table_free(&b);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_respondents_reverse_keying_and_scores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_min_answered_share, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_group_total_by_hand, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_counts_as_answered, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_alpha_by_hand, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_alpha_listwise_by_hand,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_alpha_drops_constant_item,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_grouping_sets_and_star,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_total, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_id_excluded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_id_across_files,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejected_values, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_header_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_an_item_warning, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_negative_alpha_warning,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_min_group_subtraction,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_format, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_partial_format_exact,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_rejects, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_merge_property_random_batches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_matches_float_path,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_flush, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_derived_set_same_as_alone,
		    setup, teardown),
	};

	plg_progname = "plg-score";
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
