/* test_report.c -- the report model (loading plg-score output, anonymity
 * with complementary suppression, queries), the report's texts, and what
 * the plain renderers never write (numbers of suppressed groups). */
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
#include "instrument.h"
#include "render.h"
#include "report.h"
#include "report_text.h"

static struct instrument ins;

static int
setup(void **state)
{
	(void)state;
	return instrument_load(&ins, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	instrument_release(&ins);
	return 0;
}

#define HEADER "role_group,team,type,code,parent,group_n,n,missing,mean," \
	"sd,se,ci_low,ci_high,min,max,k,alpha,alpha_std,average_r," \
	"alpha_listwise,n_listwise,reverse,r_drop,alpha_drop,n_1,n_2,n_3," \
	"n_4,n_5\n"

/* Write text to a temporary file; returns its path (static buffer). */
static const char *
write_tmp(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_report_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* A plg-score line: one scale row (personal) for a group of n. */
static void
add_group(char *buf, size_t size, const char *role, const char *team,
    unsigned n, double mean)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s,%s,scale,personal,capacities,%u,"
	    "%u,0,%g,0.5,0.1,%g,%g,1,5,6,0.7,0.7,0.3,,,,,,0,0,%u,0,0\n",
	    role, team, n, n, mean, mean - 0.2, mean + 0.2, n);
}

/* Load groups given as {role, team, n} into r and suppress with k. */
struct g3 {
	const char *role, *team;
	unsigned n;
};

static void
load_groups(struct report *r, const struct g3 *g, size_t ng)
{
	char buf[8192] = HEADER;
	const char *path;
	size_t i;

	for (i = 0; i < ng; i++)
		add_group(buf, sizeof(buf), g[i].role, g[i].team, g[i].n,
		    3.0 + 0.01 * (double)i);
	path = write_tmp(buf);
	assert_int_equal(report_load(r, &ins, path), 0);
	unlink(path);
}

static enum rpt_suppress
state_of(const struct report *r, const char *role, const char *team)
{
	size_t i;

	for (i = 0; i < r->ngroup; i++) {
		const struct rpt_group *g = &r->group[i];
		const char *gr = g->key[0] != NULL ? g->key[0] : "*";
		const char *gt = g->key[1] != NULL ? g->key[1] : "*";
		if (strcmp(gr, role) == 0 && strcmp(gt, team) == 0)
			return g->suppressed;
	}
	fail_msg("no group %s/%s", role, team);
	return RPT_SHOWN;
}

/* ---- report_load ---- */

static void
test_report_load_small(void **state)
{
	struct report r;
	const char *path;
	long s, g, pc;

	(void)state;
	path = write_tmp(HEADER
	    "*,*,framework,capacities,,12,12,0,3.5,0.6,0.17,3.1,3.9,2,4.5,18,"
	    "0.8,0.8,0.2,,,,,,1,2,3,4,2\n"
	    "*,*,scale,personal,capacities,12,12,0,3.6,0.5,0.14,3.3,3.9,2,4.5,"
	    "6,0.7,0.7,0.3,,,,,,1,2,3,4,2\n"
	    "*,*,item,PC1,personal,12,11,1,4.1,0.9,0.27,3.5,4.7,2,5,,,,,,,0,"
	    "0.4,0.6,0,1,2,3,5\n"
	    "leader,*,scale,personal,capacities,3,3,0,4.2,0.3,0.17,3.5,4.9,4,"
	    "4.5,6,,,,,,,,,0,0,0,2,1\n"
	    "teacher,*,scale,personal,capacities,9,9,0,3.4,0.5,0.17,3,3.8,2,"
	    "4.5,6,,,,,,,,,1,2,3,2,1\n");
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	assert_int_equal(r.nbycol, 2);
	assert_string_equal(r.bycol[0], "role_group");
	assert_string_equal(r.bycol[1], "team");
	assert_int_equal(r.ngroup, 3);
	assert_int_equal(r.nset, 2);
	assert_int_equal(r.total, 0);
	assert_true(r.has_items);
	assert_int_equal(r.group[0].n, 12);
	pc = instrument_find_scale(&ins, "personal");
	assert_true(pc >= 0);
	assert_dbl_equal(r.group[0].scale[pc].mean, 3.6);
	assert_dbl_equal(r.group[0].scale[pc].ci_high, 3.9);
	assert_dbl_equal(r.group[0].item[instrument_find_item(&ins,
	    "PC1")].n, 11);
	assert_dbl_equal(r.group[0].item[instrument_find_item(&ins,
	    "PC1")].count[4], 5);
	s = report_find_set(&r, "role_group");
	assert_int_equal(s, 1);
	assert_int_equal(report_find_set(&r, "team"), -1);
	g = report_find_group(&r, (size_t)s, "role_group", "teacher");
	assert_int_equal(g, 2);
	assert_int_equal(r.group[g].n, 9);
	assert_int_equal(report_find_group(&r, (size_t)s, "role_group",
	    "other"), -1);
	report_release(&r);
}

static void
test_report_load_not_plg_score(void **state)
{
	struct report r;
	const char *path;

	(void)state;
	path = write_tmp("respondent,team,PC1\nR1,A,4\n");
	assert_int_equal(report_load(&r, &ins, path), 1);
	unlink(path);
	report_release(&r);
}

/* What report_load_keep() leaves out is still read and checked; equal
 * group values share one string; groups without item rows share absent
 * items. */
static void
test_report_load_keep(void **state)
{
	static const char rows[] = HEADER
	    "*,*,scale,personal,capacities,12,12,0,3.6,0.5,0.14,3.3,3.9,2,4.5,"
	    "6,0.7,0.7,0.3,,,,,,1,2,3,4,2\n"
	    "*,*,item,PC1,personal,12,11,1,4.1,0.9,0.27,3.5,4.7,2,5,,,,,,,0,"
	    "0.4,0.6,0,1,2,3,5\n"
	    "leader,A,scale,personal,capacities,3,3,0,4.2,0.3,0.17,3.5,4.9,4,"
	    "4.5,6,,,,,,,,,0,0,0,2,1\n"
	    "teacher,A,scale,personal,capacities,9,9,0,3.4,0.5,0.17,3,3.8,2,"
	    "4.5,6,,,,,,,,,1,2,3,2,1\n";
	struct report r;
	const char *path;
	long pc, pc1;

	(void)state;
	pc = instrument_find_scale(&ins, "personal");
	pc1 = instrument_find_item(&ins, "PC1");
	path = write_tmp(rows);
	assert_int_equal(report_load_keep(&r, &ins, path, RPT_KEEP_ITEMS), 0);
	assert_int_equal(r.ngroup, 3);
	assert_true(r.group[0].item[pc1].present);
	assert_dbl_equal(r.group[0].item[pc1].mean, 4.1);
	assert_null(r.group[0].item[pc1].count);
	assert_null(r.group[0].scale[pc].count);
	assert_dbl_equal(r.group[0].scale[pc].alpha, 0.7);
	assert_ptr_equal(r.group[1].key[1], r.group[2].key[1]);
	assert_string_equal(r.group[2].key[0], "teacher");
	assert_ptr_equal(r.group[1].item, r.group[2].item);
	assert_false(r.group[1].item[pc1].present);
	report_release(&r);
	assert_int_equal(report_load_keep(&r, &ins, path, 0), 0);
	assert_true(r.has_items);
	assert_false(r.group[0].item[pc1].present);
	assert_dbl_equal(r.group[0].scale[pc].mean, 3.6);
	report_release(&r);
	assert_int_equal(report_load(&r, &ins, path), 0);
	assert_null(r.group[0].scale[pc].count);
	assert_dbl_equal(r.group[0].item[pc1].count[4], 5);
	report_release(&r);
	unlink(path);
	/* a column no format shows is checked all the same */
	path = write_tmp(HEADER
	    "*,*,item,PC1,personal,12,11,1,4.1,0.9,x,3.5,4.7,2,5,,,,,,,0,"
	    "0.4,0.6,0,1,2,3,5\n");
	assert_int_equal(report_load_keep(&r, &ins, path, 0), 1);
	unlink(path);
	report_release(&r);
}

/* report_alloc(): zeroed, aligned, and distinct however many and large. */
static void
test_report_alloc(void **state)
{
	struct report r;
	double *d[200];
	char *c;
	size_t i, j;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < 200; i++) {
		c = report_alloc(&r, 3, 1);
		assert_int_equal(c[0] | c[1] | c[2], 0);
		memset(c, 'x', 3);
		d[i] = report_alloc(&r, i % 7 == 0 ? 5000 : i + 1,
		    sizeof(double));
		assert_int_equal((uintptr_t)d[i] % sizeof(double), 0);
		for (j = 0; j < (i % 7 == 0 ? 5000 : i + 1); j++)
			assert_true(d[i][j] == 0);
		d[i][0] = (double)i;
	}
	for (i = 0; i < 200; i++)
		assert_true(d[i][0] == (double)i);
	report_release(&r);
	assert_null(r.pool);
}

/* ---- report_suppress ---- */

/* A group of 3 with k = 5 is hidden; its only sibling then too. */
static void
test_report_suppress_small_and_sibling(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 12 }, { "leader", "*", 3 }, { "teacher", "*", 9 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 3);
	assert_int_equal(report_suppress(&r, 5), 2);
	assert_int_equal(state_of(&r, "*", "*"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "leader", "*"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "teacher", "*"), RPT_COMPLEMENT);
	assert_int_equal(r.nsuppressed[RPT_SHOWN], 1);
	assert_int_equal(r.nsuppressed[RPT_TOO_SMALL], 1);
	assert_int_equal(r.nsuppressed[RPT_COMPLEMENT], 1);
	assert_int_equal(r.min_n, 5);
	report_release(&r);
}

/* Hidden groups of 1 and 2 hold fewer than k together: the smallest
 * shown sibling is hidden as well, and no more. */
static void
test_report_suppress_hidden_sum_below_k(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 20 }, { "*", "A", 1 }, { "*", "B", 2 },
		{ "*", "C", 8 }, { "*", "D", 9 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 5);
	assert_int_equal(report_suppress(&r, 5), 3);
	assert_int_equal(state_of(&r, "*", "A"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "*", "B"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "*", "C"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "*", "D"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "*", "*"), RPT_SHOWN);
	report_release(&r);
}

/* Team d, hidden only to protect team c, has one role group: shown, it
 * would be team d, and the whole minus teams a, b and d would be team c.
 * A hidden group's finer groups are hidden too. */
static void
test_report_suppress_hidden_parent_hides_children(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 17 },
		{ "*", "a", 6 }, { "*", "b", 5 }, { "*", "c", 2 },
		{ "*", "d", 4 },
		{ "teacher", "a", 5 }, { "leader", "a", 1 },
		{ "teacher", "b", 5 }, { "teacher", "c", 2 },
		{ "teacher", "d", 4 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, sizeof(g) / sizeof(g[0]));
	report_suppress(&r, 3);
	assert_int_equal(state_of(&r, "*", "c"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "*", "d"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "teacher", "d"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "teacher", "c"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "leader", "a"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "teacher", "a"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "*", "a"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "*", "b"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "teacher", "b"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "*", "*"), RPT_SHOWN);
	report_release(&r);
}

/* Two small groups that hold k together need no complement. */
static void
test_report_suppress_two_hidden_enough(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 20 }, { "*", "A", 2 }, { "*", "B", 3 },
		{ "*", "C", 15 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 4);
	assert_int_equal(report_suppress(&r, 5), 2);
	assert_int_equal(state_of(&r, "*", "C"), RPT_SHOWN);
	report_release(&r);
}

/* Nothing under k: nothing hidden. */
static void
test_report_suppress_none(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 20 }, { "leader", "*", 5 }, { "teacher", "*", 15 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 3);
	assert_int_equal(report_suppress(&r, 5), 0);
	assert_int_equal(r.nsuppressed[RPT_SHOWN], 3);
	report_release(&r);
}

/* team,role_group inside team: within team A (shown) the small leader
 * group's sibling is hidden; within role_group leader (shown) the other
 * teams' leaders are hidden too. */
static void
test_report_suppress_nested(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 30 },
		{ "leader", "*", 6 }, { "teacher", "*", 24 },
		{ "*", "A", 10 }, { "*", "B", 20 },
		{ "leader", "A", 2 }, { "teacher", "A", 8 },
		{ "leader", "B", 4 }, { "teacher", "B", 16 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 9);
	assert_int_equal(r.nset, 4);
	report_suppress(&r, 5);
	assert_int_equal(state_of(&r, "leader", "A"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "leader", "B"), RPT_TOO_SMALL);
	/* team A = leader A + teacher A: teacher A would give leader A */
	assert_int_equal(state_of(&r, "teacher", "A"), RPT_COMPLEMENT);
	/* team B likewise */
	assert_int_equal(state_of(&r, "teacher", "B"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "*", "A"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "*", "B"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "leader", "*"), RPT_SHOWN);
	assert_int_equal(state_of(&r, "*", "*"), RPT_SHOWN);
	report_release(&r);
}

/* A hidden nested group with a shown sibling in both partitions: the
 * leader of team A alone under k, every other cell large. */
static void
test_report_suppress_nested_both_ways(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 60 },
		{ "leader", "*", 12 }, { "teacher", "*", 48 },
		{ "*", "A", 20 }, { "*", "B", 40 },
		{ "leader", "A", 3 }, { "teacher", "A", 17 },
		{ "leader", "B", 9 }, { "teacher", "B", 31 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 9);
	report_suppress(&r, 5);
	assert_int_equal(state_of(&r, "leader", "A"), RPT_TOO_SMALL);
	/* hidden in team A's partition and in leader's partition: the
	 * smallest shown sibling of each goes */
	assert_int_equal(state_of(&r, "teacher", "A"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "leader", "B"), RPT_COMPLEMENT);
	/* then team B and teacher hold two hidden each: teacher B too */
	assert_int_equal(state_of(&r, "teacher", "B"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "*", "A"), RPT_SHOWN);
	report_release(&r);
}

/* Without a whole-school group the whole is still known: a small team's
 * only sibling is hidden all the same. */
static void
test_report_suppress_no_total(void **state)
{
	static const struct g3 g[] = {
		{ "*", "A", 2 }, { "*", "B", 20 },
		{ "leader", "*", 4 }, { "teacher", "*", 18 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 4);
	assert_int_equal(r.total, -1);
	assert_int_equal(report_suppress(&r, 5), 4);
	assert_int_equal(state_of(&r, "*", "A"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "*", "B"), RPT_COMPLEMENT);
	assert_int_equal(state_of(&r, "leader", "*"), RPT_TOO_SMALL);
	assert_int_equal(state_of(&r, "teacher", "*"), RPT_COMPLEMENT);
	report_release(&r);
}

/* A second call with another threshold starts afresh. */
static void
test_report_suppress_again(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 12 }, { "leader", "*", 3 }, { "teacher", "*", 9 }
	};
	struct report r;

	(void)state;
	load_groups(&r, g, 3);
	assert_int_equal(report_suppress(&r, 5), 2);
	assert_int_equal(report_suppress(&r, 3), 0);
	assert_int_equal(state_of(&r, "teacher", "*"), RPT_SHOWN);
	assert_int_equal(r.min_n, 3);
	report_release(&r);
}

/* ---- queries ---- */

static void
test_report_items_by_mean(void **state)
{
	struct report r;
	char buf[4096] = HEADER;
	static const double m[6] = { 3.0, 4.5, NAN, 2.0, 4.5, 3.9 };
	const char *path;
	size_t out[6], n, i;
	long pc = instrument_find_scale(&ins, "personal");
	char code[8];

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 10, 3.5);
	for (i = 0; i < 6; i++) {
		size_t len = strlen(buf);
		snprintf(code, sizeof(code), "PC%zu", i + 1);
		if (isnan(m[i]))
			snprintf(buf + len, sizeof(buf) - len, "*,*,item,%s,"
			    "personal,10,0,10,,,,,,,,,,,,,,0,,,0,0,0,0,0\n",
			    code);
		else
			snprintf(buf + len, sizeof(buf) - len, "*,*,item,%s,"
			    "personal,10,10,0,%g,1,0.3,,,1,5,,,,,,,0,,,1,2,3,"
			    "2,2\n", code, m[i]);
	}
	path = write_tmp(buf);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	/* all: highest first, ties in instrument order, no NAN */
	n = report_items_by_mean(&r, &r.group[0], (size_t)pc, out, 6);
	assert_int_equal(n, 5);
	assert_string_equal(ins.item[out[0]].code, "PC2");
	assert_string_equal(ins.item[out[1]].code, "PC5");
	assert_string_equal(ins.item[out[2]].code, "PC6");
	assert_string_equal(ins.item[out[3]].code, "PC1");
	assert_string_equal(ins.item[out[4]].code, "PC4");
	/* the top 2 are the two highest, not the first two in file order */
	n = report_items_by_mean(&r, &r.group[0], (size_t)pc, out, 2);
	assert_int_equal(n, 2);
	assert_string_equal(ins.item[out[0]].code, "PC2");
	assert_string_equal(ins.item[out[1]].code, "PC5");
	/* a framework ranks every item beneath it */
	n = report_items_by_mean(&r, &r.group[0],
	    (size_t)instrument_find_scale(&ins, "capacities"), out, 1);
	assert_int_equal(n, 1);
	assert_string_equal(ins.item[out[0]].code, "PC2");
	report_release(&r);
}

static void
test_report_high_spread(void **state)
{
	struct report r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.ins = &ins;		/* range 1..5: a quarter is 1 */
	assert_false(report_high_spread(&r, 0.99));
	assert_true(report_high_spread(&r, 1.0));
	assert_true(report_high_spread(&r, 1.7));
	assert_false(report_high_spread(&r, NAN));
	assert_string_equal(report_band(&r, 2.74)->code, "attention");
	assert_string_equal(report_band(&r, 2.75)->code, "developing");
	assert_string_equal(report_band(&r, 3.75)->code, "strength");
	assert_null(report_band(&r, NAN));
}

/* ---- what a report says (report_pick.c) ---- */

/* A scale row: group role/team, scale code, group size n, mean, sd and the
 * 95% interval lo..hi (NAN: empty field). */
static void
add_scale(char *buf, size_t size, const char *role, const char *team,
    const char *code, unsigned n, double mean, double sd, double lo,
    double hi)
{
	size_t len = strlen(buf);
	char m[32] = "", s[32] = "", l[32] = "", h[32] = "";

	if (!isnan(mean))
		snprintf(m, sizeof(m), "%g", mean);
	if (!isnan(sd))
		snprintf(s, sizeof(s), "%g", sd);
	if (!isnan(lo))
		snprintf(l, sizeof(l), "%g", lo);
	if (!isnan(hi))
		snprintf(h, sizeof(h), "%g", hi);
	snprintf(buf + len, size - len, "%s,%s,scale,%s,,%u,%u,0,%s,%s,0.1,"
	    "%s,%s,1,5,6,0.7,0.7,0.3,,,,,,0,0,%u,0,0\n", role, team, code, n,
	    n, m, s, l, h, n);
}

/* Load buf into r with instrument in and suppress with k = 5. */
static void
load_buf(struct report *r, const struct instrument *in, const char *buf)
{
	const char *path = write_tmp(buf);

	assert_int_equal(report_load(r, in, path), 0);
	unlink(path);
	report_suppress(r, 5);
}

static size_t
scale_of(const char *code)
{
	long s = instrument_find_scale(&ins, code);

	assert_true(s >= 0);
	return (size_t)s;
}

/* Which groups are shown: the whole school, one group by value, the two
 * sides of the gap, every one-column group, the hidden ones, staff. */
static void
test_report_pick_groups(void **state)
{
	static const char *const name[] = { "", "teacher", "A" };
	static const unsigned long count[] = { 50, 30, 25 };
	char buf[8192] = HEADER;
	struct report r;
	const struct rpt_group *L, *T, *g;
	size_t out[8];

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 40, 3.5);
	add_group(buf, sizeof(buf), "leader", "*", 6, 3.6);
	add_group(buf, sizeof(buf), "teacher", "*", 26, 3.4);
	add_group(buf, sizeof(buf), "support", "*", 4, 3.3);
	add_group(buf, sizeof(buf), "other", "*", 4, 3.2);
	add_group(buf, sizeof(buf), "*", "A", 20, 3.1);
	add_group(buf, sizeof(buf), "*", "B", 20, 3.9);
	load_buf(&r, &ins, buf);
	assert_non_null(g = report_total(&r));
	assert_int_equal(g->n, 40);
	assert_int_equal(report_shown_group(&r, "role_group", "teacher")->n,
	    26);
	assert_null(report_shown_group(&r, "role_group", "support"));
	assert_null(report_shown_group(&r, "role_group", "nobody"));
	assert_null(report_shown_group(&r, "nocol", "leader"));
	assert_int_equal(report_gap_groups(&r, &L, &T), 1);
	assert_int_equal(L->n, 6);
	assert_int_equal(T->n, 26);
	/* support and other (4 each) are hidden: 8 together, no more */
	assert_int_equal(report_nhidden(&r), 2);
	assert_int_equal(report_shown_groups(&r, "team", out, 8), 2);
	assert_string_equal(r.group[out[0]].key[1], "A");
	assert_string_equal(r.group[out[1]].key[1], "B");
	assert_int_equal(report_shown_groups(&r, NULL, out, 8), 4);
	assert_string_equal(r.group[out[0]].key[0], "leader");
	assert_string_equal(r.group[out[1]].key[0], "teacher");
	assert_string_equal(r.group[out[2]].key[1], "A");
	assert_int_equal(report_shown_groups(&r, NULL, out, 3), 3);
	assert_int_equal(report_shown_groups(&r, "wave", out, 8), 0);
	/* staff counts by value, "" for the whole school */
	assert_int_equal(report_staff(&r, report_total(&r), name, count, 3),
	    50);
	assert_int_equal(report_staff(&r, T, name, count, 3), 30);
	assert_int_equal(report_staff(&r, L, name, count, 3), 0);
	assert_int_equal(report_staff(&r, &r.group[out[2]], name, count, 3),
	    25);
	assert_int_equal(report_staff(&r, T, name, count, 0), 0);
	report_release(&r);
	/* teachers hidden: no gap, not even with the leaders shown */
	strcpy(buf, HEADER);
	add_group(buf, sizeof(buf), "*", "*", 40, 3.5);
	add_group(buf, sizeof(buf), "leader", "*", 6, 3.6);
	add_group(buf, sizeof(buf), "teacher", "*", 3, 3.4);
	add_group(buf, sizeof(buf), "support", "*", 3, 3.3);
	add_group(buf, sizeof(buf), "other", "*", 28, 3.2);
	load_buf(&r, &ins, buf);
	assert_non_null(report_shown_group(&r, "role_group", "leader"));
	assert_int_equal(report_gap_groups(&r, &L, &T), 0);
	assert_null(L);
	assert_null(T);
	assert_int_equal(report_gap_recs(&r, out), 0);
	report_release(&r);
}

/* Means, frameworks and scales, strongest and weakest, the
 * recommendations and the scales with high spread, for one group. */
static void
test_report_pick_scales(void **state)
{
	char buf[8192] = HEADER;
	struct report r;
	const struct rpt_group *g;
	size_t best, worst, rec[RPT_NRECS], n;

	(void)state;
	add_scale(buf, sizeof(buf), "*", "*", "capacities", 30, 2.7, 1.5, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "personal", 30, 2.5, 1.2, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "interpersonal", 30, 3.0, 0.5,
	    NAN, NAN);
	add_scale(buf, sizeof(buf), "*", "*", "organisational", 30, 2.6, 0.5,
	    NAN, NAN);
	add_scale(buf, sizeof(buf), "*", "*", "lfl", 30, 3.3, 0.5, NAN, NAN);
	add_scale(buf, sizeof(buf), "*", "*", "focus", 30, 3.2, 0.5, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "conditions", 30, 4.0, 0.5, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "dialogue", 30, 3.1, 0.5, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "shared_leadership", 30, 2.2,
	    0.5, NAN, NAN);
	load_buf(&r, &ins, buf);
	g = report_total(&r);
	assert_dbl_equal(report_mean(g, scale_of("personal")), 2.5);
	assert_true(isnan(report_mean(g, scale_of("shared_accountability"))));
	assert_true(isnan(report_mean(NULL, scale_of("personal"))));
	assert_true(report_base_framework(&r, scale_of("capacities")));
	assert_false(report_base_framework(&r, scale_of("personal")));
	assert_true(report_base_scale(&r, scale_of("personal")));
	assert_false(report_base_scale(&r, scale_of("roles")));
	/* strongest and weakest under a framework */
	assert_true(report_strongest_weakest(&r, g, scale_of("capacities"),
	    &best, &worst));
	assert_string_equal(ins.scale[best].code, "interpersonal");
	assert_string_equal(ins.scale[worst].code, "personal");
	assert_true(report_strongest_weakest(&r, g, scale_of("lfl"), &best,
	    &worst));
	assert_string_equal(ins.scale[best].code, "conditions");
	assert_string_equal(ins.scale[worst].code, "shared_leadership");
	assert_false(report_strongest_weakest(&r, g, scale_of("roles"), &best,
	    &worst));
	/* attention scales by mean, then attention frameworks, then
	 * developing scales: five at most */
	n = report_pick_recs(&r, g, LANG_EN, rec);
	assert_int_equal(n, RPT_NRECS);
	assert_string_equal(ins.scale[rec[0]].code, "shared_leadership");
	assert_string_equal(ins.scale[rec[1]].code, "personal");
	assert_string_equal(ins.scale[rec[2]].code, "organisational");
	assert_string_equal(ins.scale[rec[3]].code, "capacities");
	assert_string_equal(ins.scale[rec[4]].code, "interpersonal");
	/* high spread (sd 1 or more) on a scale, not on a framework */
	assert_true(report_spread_rec(&r, g, scale_of("personal")));
	assert_false(report_spread_rec(&r, g, scale_of("interpersonal")));
	assert_false(report_spread_rec(&r, g, scale_of("capacities")));
	assert_false(report_spread_rec(&r, g, scale_of("architect")));
	report_release(&r);
	/* equal means: nothing is strongest */
	strcpy(buf, HEADER);
	add_scale(buf, sizeof(buf), "*", "*", "personal", 30, 3, 0.5, NAN,
	    NAN);
	add_scale(buf, sizeof(buf), "*", "*", "interpersonal", 30, 3, 0.5,
	    NAN, NAN);
	load_buf(&r, &ins, buf);
	assert_false(report_strongest_weakest(&r, report_total(&r),
	    scale_of("capacities"), &best, &worst));
	report_release(&r);
}

/* Clear gaps between leaders and teachers: intervals apart, largest
 * difference first, base scales only, three at most. */
static void
test_report_pick_gaps(void **state)
{
	static const struct {
		const char *code;
		double l[3], t[3];	/* mean, ci_low, ci_high */
	} row[] = {
		{ "capacities", { 4.0, 3.9, 4.1 }, { 2.0, 1.9, 2.1 } },
		{ "personal", { 4.0, 3.8, 4.2 }, { 3.0, 2.8, 3.2 } },
		{ "interpersonal", { 3.5, 3.3, 3.7 }, { 3.4, 3.2, 3.6 } },
		{ "organisational", { 2.0, 1.8, 2.2 }, { 3.5, 3.3, 3.7 } },
		{ "focus", { 3.0, 2.9, 3.1 }, { 3.3, 3.2, 3.4 } },
		{ "conditions", { 2.0, NAN, NAN }, { 4.0, 3.9, 4.1 } },
		{ "dialogue", { 4.5, 4.4, 4.6 }, { 3.0, 2.9, 3.1 } },
	};
	char buf[8192] = HEADER;
	struct report r;
	const struct rpt_group *L, *T;
	size_t gap[RPT_NGAPRECS], i;

	(void)state;
	add_scale(buf, sizeof(buf), "*", "*", "personal", 30, 3.5, 0.5, 3.3,
	    3.7);
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		add_scale(buf, sizeof(buf), "leader", "*", row[i].code, 10,
		    row[i].l[0], 0.5, row[i].l[1], row[i].l[2]);
		add_scale(buf, sizeof(buf), "teacher", "*", row[i].code, 20,
		    row[i].t[0], 0.5, row[i].t[1], row[i].t[2]);
	}
	load_buf(&r, &ins, buf);
	assert_int_equal(report_gap_groups(&r, &L, &T), 1);
	assert_true(report_clear_gap(&L->scale[scale_of("personal")],
	    &T->scale[scale_of("personal")]));
	assert_true(report_clear_gap(&T->scale[scale_of("focus")],
	    &L->scale[scale_of("focus")]));
	assert_false(report_clear_gap(&L->scale[scale_of("interpersonal")],
	    &T->scale[scale_of("interpersonal")]));
	assert_false(report_clear_gap(&L->scale[scale_of("conditions")],
	    &T->scale[scale_of("conditions")]));
	assert_false(report_clear_gap(&L->scale[scale_of("architect")],
	    &T->scale[scale_of("architect")]));
	/* 1.5, 1.5 (instrument order), 1.0; not the framework's 2.0 nor
	 * focus's 0.3 */
	assert_int_equal(report_gap_recs(&r, gap), 3);
	assert_string_equal(ins.scale[gap[0]].code, "organisational");
	assert_string_equal(ins.scale[gap[1]].code, "dialogue");
	assert_string_equal(ins.scale[gap[2]].code, "personal");
	report_release(&r);
}

/* The highest and lowest statements of a scale: three and the rest up to
 * three, lowest first, none twice. */
static void
test_report_pick_high_low(void **state)
{
	struct report r;
	struct rpt_high_low hl;
	char buf[4096] = HEADER;
	static const double m[6] = { 3.0, 4.5, NAN, 2.0, 4.5, 3.9 };
	size_t i, len;

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 10, 3.5);
	add_group(buf, sizeof(buf), "leader", "*", 10, 3.5);
	for (i = 0; i < 6; i++) {
		if (isnan(m[i]))
			continue;
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "*,*,item,PC%zu,"
		    "personal,10,10,0,%g,1,0.3,,,1,5,,,,,,,0,,,1,2,3,2,2\n",
		    i + 1, m[i]);
	}
	strcat(buf, "leader,*,item,PC1,personal,10,10,0,3,1,0.3,,,1,5,,,,,,,"
	    "0,,,1,2,3,2,2\n");
	load_buf(&r, &ins, buf);
	assert_int_equal(report_high_low(&r, report_total(&r),
	    scale_of("personal"), &hl), 3);
	assert_string_equal(ins.item[hl.high[0]].code, "PC2");
	assert_string_equal(ins.item[hl.high[1]].code, "PC5");
	assert_string_equal(ins.item[hl.high[2]].code, "PC6");
	assert_int_equal(hl.nlow, 2);
	assert_string_equal(ins.item[hl.low[0]].code, "PC4");
	assert_string_equal(ins.item[hl.low[1]].code, "PC1");
	/* beneath the framework: the same statements */
	assert_int_equal(report_high_low(&r, report_total(&r),
	    scale_of("capacities"), &hl), 3);
	assert_string_equal(ins.item[hl.low[0]].code, "PC4");
	/* one statement: highest only; none: nothing */
	assert_int_equal(report_high_low(&r, report_shown_group(&r,
	    "role_group", "leader"), scale_of("personal"), &hl), 1);
	assert_int_equal(hl.nlow, 0);
	assert_int_equal(report_high_low(&r, report_total(&r),
	    scale_of("lfl"), &hl), 0);
	report_release(&r);
}

/* Current against desired: means and gaps per scale and statement, the
 * largest gaps first. */
static void
test_report_pick_variants(void **state)
{
	struct instrument vi;
	struct report r;
	char buf[8192] = HEADER;
	size_t out[128], v, i, n;
	const struct rpt_group *g;
	long ps, pc2;
	static const struct {
		const char *code;
		double mean;
	} row[] = {
		{ "capacities", 3.1 }, { "capacities.desired", 4.0 },
		{ "personal", 3.0 }, { "personal.desired", 4.25 },
		{ "interpersonal", 3.5 }, { "interpersonal.desired", 3.625 },
		{ "organisational", 2.75 }, { "organisational.desired", 4.25 },
		{ "focus", 3.0 },
	}, item[] = {
		{ "PC1", 3.0 }, { "PC1.desired", 4.0 }, { "PC2", 2.0 },
		{ "PC2.desired", 4.5 }, { "PC3", 3.0 }, { "PC3.desired", 3.0 },
		{ "PC4", 4.0 },
	};

	(void)state;
	assert_int_equal(instrument_load(&vi, "+desired"), 0);
	v = (size_t)instrument_find_variant(&vi, "desired");
	assert_int_equal(v, 1);
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++)
		add_scale(buf, sizeof(buf), "*", "*", row[i].code, 20,
		    row[i].mean, 0.5, NAN, NAN);
	for (i = 0; i < sizeof(item) / sizeof(item[0]); i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "*,*,item,%s,personal,"
		    "20,20,0,%g,1,0.3,,,1,5,,,,,,,0,,,1,2,3,2,2\n",
		    item[i].code, item[i].mean);
	}
	load_buf(&r, &vi, buf);
	g = report_total(&r);
	ps = instrument_find_scale(&vi, "personal");
	pc2 = instrument_find_item(&vi, "PC2");
	assert_dbl_equal(report_variant_mean(&r, g, (size_t)ps, 0), 3.0);
	assert_dbl_equal(report_variant_mean(&r, g, (size_t)ps, v), 4.25);
	assert_dbl_equal(report_variant_gap(&r, g, (size_t)ps, v), 1.25);
	assert_true(isnan(report_variant_gap(&r, g,
	    (size_t)instrument_find_scale(&vi, "focus"), v)));
	assert_dbl_equal(report_variant_item_mean(&r, g, (size_t)pc2, v),
	    4.5);
	assert_dbl_equal(report_variant_item_gap(&r, g, (size_t)pc2, v), 2.5);
	/* scales: 1.5, 1.25, 0.125; not focus (no desired), not the
	 * framework */
	n = report_scales_by_gap(&r, g, v, out);
	assert_int_equal(n, 3);
	assert_string_equal(vi.scale[out[0]].code, "organisational");
	assert_string_equal(vi.scale[out[1]].code, "personal");
	assert_string_equal(vi.scale[out[2]].code, "interpersonal");
	/* statements: 2.5, 1, 0; not PC4 (no desired) */
	n = report_items_by_gap(&r, g, v, out);
	assert_int_equal(n, 3);
	assert_string_equal(vi.item[out[0]].code, "PC2");
	assert_string_equal(vi.item[out[1]].code, "PC1");
	assert_string_equal(vi.item[out[2]].code, "PC3");
	report_release(&r);
	instrument_release(&vi);
}

/* The report's words built from the model: labels, numbers, bands, the
 * definitions it gives. */
static void
test_rt_shared_words(void **state)
{
	char buf[4096] = HEADER, b[32], *s;
	struct report r;
	struct rpt_reference ref;
	enum rt_msg note[RT_NREADING];
	size_t i;

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 40, 3.5);
	add_group(buf, sizeof(buf), "leader", "Onderbouw", 20, 3.5);
	add_group(buf, sizeof(buf), "teacher", "Onderbouw", 20, 3.5);
	load_buf(&r, &ins, buf);
	assert_string_equal(rt_num2(b, sizeof(b), 3.456), "3.46");
	assert_string_equal(rt_num2(b, sizeof(b), NAN), "\xe2\x80\x93");
	assert_string_equal(rt_diff2(b, sizeof(b), 0.42), "+0.42");
	assert_string_equal(rt_diff2(b, sizeof(b), -0.42), "-0.42");
	assert_string_equal(rt_diff2(b, sizeof(b), -0.004), "0.00");
	assert_string_equal(rt_diff2(b, sizeof(b), NAN), "\xe2\x80\x93");
	assert_string_equal(rt_column_name(LANG_EN, "role_group"),
	    "Role group");
	assert_string_equal(rt_column_name(LANG_EN, "shift"), "shift");
	for (i = 0; i < r.ngroup && r.set[r.group[i].set].ncol != 2; i++)
		;
	assert_true(i < r.ngroup);
	s = rt_set_label(&r, &r.set[r.group[i].set], LANG_EN);
	assert_string_equal(s, "Role group \xc3\x97 Team");
	free(s);
	s = rt_group_values(&r, &r.group[i], LANG_EN);
	assert_string_equal(s, "Leadership / Onderbouw");
	free(s);
	s = rt_group_values(&r, report_total(&r), LANG_NL);
	assert_string_equal(s, "Hele school");
	free(s);
	s = rt_whole_school(LANG_EN);
	assert_string_equal(s, "Whole school");
	free(s);
	assert_string_equal(rt_scale_name(&ins, scale_of("personal"),
	    LANG_EN), "Personal capacity");
	assert_int_equal(rt_tone_of(&r, 2.0), RT_TONE_ATTENTION);
	assert_int_equal(rt_tone_of(&r, 2.75), RT_TONE_DEVELOPING);
	assert_int_equal(rt_tone_of(&r, 3.75), RT_TONE_STRENGTH);
	assert_int_equal(rt_tone_of(&r, NAN), RT_TONE_NONE);
	assert_string_equal(rt_band_label(&r, 4.0, LANG_EN), "Strength");
	assert_string_equal(rt_band_label(&r, NAN, LANG_EN), "");
	s = rt_band_def(&ins, 0, LANG_EN);
	assert_string_equal(s, "Attention point: mean from 1.00 to below "
	    "2.75");
	free(s);
	s = rt_band_def(&ins, 2, LANG_EN);
	assert_string_equal(s, "Strength: mean 3.75 or higher");
	free(s);
	/* the definitions: the gap always; change, g, noise and rank with
	 * a reference of schools */
	assert_int_equal(rt_reading_notes(&r, note), 1);
	assert_int_equal(note[0], RT_DEF_GAP);
	memset(&ref, 0, sizeof(ref));
	ref.school_set = 0;
	r.ref = &ref;
	assert_int_equal(rt_reading_notes(&r, note), 5);
	assert_int_equal(note[1], RT_DEF_CHANGE);
	assert_int_equal(note[2], RT_DEF_G);
	assert_int_equal(note[3], RT_DEF_NOISE);
	assert_int_equal(note[4], RT_DEF_RANK);
	r.ref = NULL;
	report_release(&r);
}

/* ---- texts ---- */

static void
test_rt_every_id(void **state)
{
	int id, l;

	(void)state;
	for (l = 0; l < NLANG; l++)
		for (id = 0; id < RT_NMSG; id++)
			if (rt((enum lang)l, (enum rt_msg)id)[0] == '\0')
				fail_msg("rt(%d, %d) is empty", l, id);
	assert_string_equal(rt(LANG_EN, RT_HIGH_SPREAD),
	    "high spread: staff disagree");
	assert_string_equal(rt(LANG_NL, RT_ATTENTION), "aandachtspunt");
	assert_string_equal(rt(LANG_EN, RT_NMSG), "");
	assert_string_equal(rt(LANG_EN, (enum rt_msg)-1), "");
}

static void
test_rt_role_groups(void **state)
{
	(void)state;
	assert_string_equal(rt_role_group(LANG_NL, "leader"),
	    "Schoolleiding");
	assert_string_equal(rt_role_group(LANG_EN, "leader"), "Leadership");
	assert_string_equal(rt_role_group(LANG_NL, "teacher"), "Leraren");
	assert_string_equal(rt_role_group(LANG_EN, "support"),
	    "Support staff");
	assert_string_equal(rt_role_group(LANG_NL, "support"),
	    "Onderwijsondersteuners");
	assert_string_equal(rt_role_group(LANG_EN, "other"), "Other");
	assert_null(rt_role_group(LANG_EN, "Bovenbouw"));
	assert_string_equal(rt_group_value(LANG_NL, "role_group", "other"),
	    "Overig");
	assert_string_equal(rt_group_value(LANG_NL, "team", "other"),
	    "other");
	assert_string_equal(rt_column(LANG_NL, "role_group"), "Functiegroep");
	assert_null(rt_column(LANG_EN, "shoe_size"));
	assert_string_equal(rt_suppress_reason(LANG_EN, RPT_TOO_SMALL, 7),
	    "fewer than 7 respondents");
	assert_string_equal(rt_suppress_reason(LANG_EN, RPT_SHOWN, 7), "");
}

static void
test_rt_group_label(void **state)
{
	static const struct g3 g[] = {
		{ "*", "*", 30 }, { "leader", "*", 6 }, { "*", "A", 10 },
		{ "teacher", "A", 8 }
	};
	struct report r;
	char *s;

	(void)state;
	load_groups(&r, g, 4);
	s = rt_group_label(&r, &r.group[0], LANG_NL);
	assert_string_equal(s, "Hele school");
	free(s);
	s = rt_group_label(&r, &r.group[1], LANG_EN);
	assert_string_equal(s, "Leadership");
	free(s);
	s = rt_group_label(&r, &r.group[2], LANG_EN);
	assert_string_equal(s, "A");
	free(s);
	s = rt_group_label(&r, &r.group[3], LANG_NL);
	assert_string_equal(s, "Functiegroep: Leraren, Team: A");
	free(s);
	report_release(&r);
}

static void
test_rt_recommendation_default_scales(void **state)
{
	size_t s;
	int l, b;
	const char *t;

	(void)state;
	assert_int_equal(ins.nscale, 14);
	for (s = 0; s < ins.nscale; s++)
		for (l = 0; l < NLANG; l++)
			for (b = 0; b < 2; b++) {
				t = rt_recommendation((enum lang)l,
				    ins.scale[s].code, b);
				if (t == NULL)
					fail_msg("no recommendation for %s",
					    ins.scale[s].code);
				/* ends with its source in brackets */
				assert_true(strlen(t) > 60);
				assert_int_equal(t[strlen(t) - 1], ')');
				assert_non_null(strstr(t, "seed"));
			}
	assert_null(rt_recommendation(LANG_EN, "personal", 2));
	assert_null(rt_recommendation(LANG_EN, "personal", -1));
	assert_null(rt_recommendation(LANG_EN, "no_such_scale", 0));
	assert_null(rt_recommendation(LANG_EN, NULL, 0));
	assert_ptr_equal(rt_recommendation_tone(LANG_NL, "dialogue",
	    RT_TONE_ATTENTION), rt_recommendation(LANG_NL, "dialogue", 0));
	assert_null(rt_recommendation_tone(LANG_NL, "dialogue",
	    RT_TONE_STRENGTH));
	assert_int_equal(rt_band_tone(&ins, &ins.band[0]), RT_TONE_ATTENTION);
	assert_int_equal(rt_band_tone(&ins, &ins.band[2]), RT_TONE_STRENGTH);
	assert_int_equal(rt_band_tone(&ins, NULL), RT_TONE_NONE);
}

/* ---- renderers: nothing of a suppressed group ---- */

static char *
render_to_string(int (*fn)(const struct report *,
    const struct render_opts *, FILE *), const struct report *r,
    const struct render_opts *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	assert_int_equal(fn(r, o, fp), 0);
	fclose(fp);
	return text;
}

static void
test_render_never_shows_suppressed(void **state)
{
	char buf[4096] = HEADER;
	struct render_opts o;
	struct report r;
	const char *path;
	char *out;
	int (*fns[3])(const struct report *, const struct render_opts *,
	    FILE *) = { render_text, render_md, render_csv };
	size_t i;

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 40, 3.5);
	add_group(buf, sizeof(buf), "leader", "*", 4, 4.987);
	add_group(buf, sizeof(buf), "support", "*", 7, 1.234);
	add_group(buf, sizeof(buf), "teacher", "*", 29, 3.333);
	path = write_tmp(buf);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	memset(&o, 0, sizeof(o));
	o.lang = LANG_EN;
	o.width = 80;
	for (i = 0; i < 3; i++) {
		out = render_to_string(fns[i], &r, &o);
		/* neither the means nor the sizes of the hidden groups */
		assert_null(strstr(out, "4.99"));
		assert_null(strstr(out, "1.23"));
		assert_null(strstr(out, "4.987"));
		assert_null(strstr(out, "1.234"));
		assert_null(strstr(out, " 4 "));
		assert_null(strstr(out, ",4,"));
		assert_null(strstr(out, " 7 "));
		assert_null(strstr(out, ",7,"));
		/* but their names, as suppressed */
		assert_non_null(strstr(out, "Leadership"));
		assert_non_null(strstr(out, "Support staff"));
		assert_non_null(strstr(out, "Teachers"));
		free(out);
	}
	report_release(&r);
}

static void
test_render_csv_dialect(void **state)
{
	char buf[4096] = HEADER;
	struct render_opts o;
	struct report r;
	const char *path;
	char *out;

	(void)state;
	add_group(buf, sizeof(buf), "*", "*", 40, 3.5);
	add_group(buf, sizeof(buf), "leader", "*", 10, 3.08);
	add_group(buf, sizeof(buf), "teacher", "*", 30, 3.5);
	add_group(buf, sizeof(buf), "*", "-Bovenbouw", 40, 3.5);
	path = write_tmp(buf);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	memset(&o, 0, sizeof(o));
	o.lang = LANG_NL;
	o.delim = ';';
	o.decimal_comma = o.crlf = o.bom = 1;
	o.school = "=HYPERLINK(\"x\")";
	out = render_to_string(render_csv, &r, &o);
	assert_memory_equal(out, "\xef\xbb\xbftable;key;", 13);
	assert_non_null(strstr(out, "\r\n"));
	assert_non_null(strstr(out, "\"'=HYPERLINK(\"\"x\"\")\""));
	assert_non_null(strstr(out, "'-Bovenbouw"));
	assert_null(strstr(out, ";-Bovenbouw"));
	/* a negative gap stays a number, with a decimal comma */
	assert_non_null(strstr(out, ";-0,42;"));
	assert_null(strstr(out, "'-0"));
	free(out);
	report_release(&r);
}


/* ---- comparisons: waves and the reference ---- */

#define WHEADER "wave,role_group,type,code,parent,group_n,n,missing,mean,sd," \
	"se,ci_low,ci_high,min,max,k,alpha,alpha_std,average_r," \
	"alpha_listwise,n_listwise,reverse,r_drop,alpha_drop,n_1,n_2,n_3," \
	"n_4,n_5\n"

/* A scale row and its item rows for a group of a wave: personal (n, mean,
 * sd), interpersonal, and item IC6 answered by ic6 respondents. */
static void
add_wave_group(char *buf, size_t size, const char *wave, const char *role,
    unsigned gn, unsigned n, double mean, double sd, unsigned ic6)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len,
	    "%s,%s,scale,personal,capacities,%u,%u,0,%.17g,%.17g,,,,1,5,6,"
	    ",,,,,,,,0,0,0,0,0\n"
	    "%s,%s,scale,interpersonal,capacities,%u,%u,0,3.5,0.5,,,,1,5,6,"
	    ",,,,,,,,0,0,0,0,0\n"
	    "%s,%s,item,PC1,personal,%u,%u,0,3.5,0.5,,,,1,5,1,,,,,,0,,,"
	    "0,0,0,0,0\n"
	    "%s,%s,item,IC6,interpersonal,%u,%u,0,%s,%s,,,,1,5,1,,,,,,0,,,"
	    "0,0,0,0,0\n", wave, role, gn, n, mean, sd, wave, role, gn, gn,
	    wave, role, gn, gn, wave, role, gn, ic6, ic6 ? "3.5" : "",
	    ic6 ? "0.5" : "");
}

/* The comparison of group role (NULL: the whole school) in w, or NULL. */
static const struct rpt_cmp *
wave_cmp(const struct rpt_waves *w, const char *role)
{
	size_t i;
	const struct rpt_group *g;

	for (i = 0; i < w->ncmp; i++) {
		g = w->cmp[i].gb;
		if (role == NULL ? w->cmp[i].rb->set[g->set].ncol == 0 :
		    g->key[0] != NULL && strcmp(g->key[0], role) == 0)
			return &w->cmp[i];
	}
	return NULL;
}

static const struct rpt_diff *
scale_diff(const struct rpt_cmp *c, const char *code)
{
	size_t k;

	for (k = 0; k < c->ndiff; k++)
		if (strcmp(ins.scale[c->diff[k].scale].code, code) == 0)
			return &c->diff[k];
	return NULL;
}

/* Two waves ("9" before "10"): the view of the latest, the change with
 * R's t.test(b, a) interval and Hedges' g (see test_compare.c, case 1),
 * a scale whose statement was not asked in the first wave refused, and a
 * hidden group left out. */
static void
test_report_waves(void **state)
{
	char buf[8192] = WHEADER, *s;
	struct report r;
	struct rpt_waves w;
	const struct rpt_cmp *c;
	const struct rpt_diff *d;
	const char *path;

	(void)state;
	add_wave_group(buf, sizeof(buf), "10", "*", 12, 12,
	    3.9027777777777777, 0.48439451600740396, 12);
	add_wave_group(buf, sizeof(buf), "10", "teacher", 9, 9, 3.8, 0.5, 9);
	add_wave_group(buf, sizeof(buf), "10", "leader", 3, 3, 4.2, 0.5, 3);
	add_wave_group(buf, sizeof(buf), "9", "*", 10, 10, 3.35,
	    0.61085853366237597, 0);
	add_wave_group(buf, sizeof(buf), "9", "teacher", 7, 7, 3.3, 0.6, 0);
	add_wave_group(buf, sizeof(buf), "9", "leader", 3, 3, 3.5, 0.6, 0);
	/* with a second hidden group, teachers need no hiding */
	add_wave_group(buf, sizeof(buf), "9", "support", 3, 3, 3.5, 0.6, 0);
	add_wave_group(buf, sizeof(buf), "10", "support", 3, 3, 3.5, 0.6, 3);
	path = write_tmp(buf);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	assert_int_equal(report_waves(&r, "nowave", &w), -1);
	assert_int_equal(report_waves(&r, "wave", &w), 0);
	assert_int_equal(w.nwave, 2);
	assert_string_equal(w.value[0], "9");
	assert_string_equal(w.value[1], "10");
	/* the view of wave 10: no wave column, its total and role groups */
	assert_int_equal(w.view[1].nbycol, 1);
	assert_string_equal(w.view[1].bycol[0], "role_group");
	assert_true(w.view[1].total >= 0);
	assert_int_equal(w.view[1].group[w.view[1].total].n, 12);
	assert_ptr_equal(w.view[1].waves, &w);
	/* the whole school: personal compared, interpersonal refused */
	assert_non_null(c = wave_cmp(&w, NULL));
	assert_int_equal(c->wa, 0);
	assert_int_equal(c->wb, 1);
	assert_non_null(d = scale_diff(c, "personal"));
	assert_int_equal(d->status, RPT_CMP_OK);
	assert_dbl_near(d->res.diff, 0.55277777777777759, 1e-11);
	assert_dbl_near(d->res.ci_low, 0.04980411075026419, 1e-11);
	assert_dbl_near(d->res.ci_high, 1.0557514448052909, 1e-11);
	assert_dbl_near(d->res.g, 0.97576689035366537, 1e-11);
	assert_non_null(d = scale_diff(c, "interpersonal"));
	assert_int_equal(d->status, RPT_CMP_ITEMS_DIFFER);
	assert_null(d->only_a);
	assert_string_equal(d->only_b, "IC6");
	assert_true(isnan(d->res.diff));
	assert_non_null(d = scale_diff(c, "capacities"));
	assert_int_equal(d->status, RPT_CMP_NO_SCORE);	/* no row */
	/* what the renderers ask of it */
	assert_ptr_equal(report_cmp_whole(w.cmp, w.ncmp), c);
	assert_ptr_equal(report_cmp_diff(c, scale_of("personal")),
	    scale_diff(c, "personal"));
	assert_null(report_cmp_diff(NULL, scale_of("personal")));
	assert_true(report_diff_clear(scale_diff(c, "personal")));
	assert_false(report_diff_clear(scale_diff(c, "interpersonal")));
	assert_string_equal(rt_diff_verdict(LANG_EN, scale_diff(c,
	    "personal"), 0), "higher");
	assert_string_equal(rt_diff_verdict(LANG_EN, scale_diff(c,
	    "interpersonal"), 0), "not compared");
	assert_null(rt_diff_verdict(LANG_EN, d, 0));
	s = rt_waves_differ_why(LANG_EN, &w, c);
	assert_string_equal(s, "IC6 asked in 10 only");
	free(s);
	s = rt_only_in(LANG_EN, &w, c, "PC1", "IC6");
	assert_string_equal(s, "PC1 asked in 9 only; IC6 asked in 10 only");
	free(s);
	s = rt_only_in(LANG_EN, &w, c, NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	assert_string_equal(report_wave_current(&w.view[1]), "10");
	assert_null(report_wave_current(&r));
	/* the variant-free instrument compares every base scale */
	assert_int_equal(c->ndiff, ins.nscale);
	/* teachers compared; leaders (3) hidden, so left out */
	assert_non_null(wave_cmp(&w, "teacher"));
	assert_null(wave_cmp(&w, "leader"));
	assert_true(w.nskip >= 1);
	report_waves_release(&w);
	report_release(&r);
}

/* Without item rows the statements cannot be checked: nothing compared. */
static void
test_report_waves_unchecked(void **state)
{
	char buf[4096] = WHEADER;
	struct report r;
	struct rpt_waves w;
	const char *path;

	(void)state;
	strcat(buf, "2025,*,scale,personal,capacities,10,10,0,3.4,0.6,,,,1,5,"
	    "6,,,,,,,,,0,0,0,0,0\n"
	    "2026,*,scale,personal,capacities,12,12,0,3.9,0.5,,,,1,5,6,,,,,,,"
	    ",,0,0,0,0,0\n");
	path = write_tmp(buf);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	assert_int_equal(report_waves(&r, "wave", &w), 0);
	assert_int_equal(w.ncmp, 1);
	assert_int_equal(scale_diff(&w.cmp[0], "personal")->status,
	    RPT_CMP_UNCHECKED);
	report_waves_release(&w);
	report_release(&r);
}

/* Four waves, the first two too small: which pairs are reported, and
 * the groups each pair leaves out. */
static void
test_report_wave_pairs(void **state)
{
	static const struct {
		const char *wave, *role;
		unsigned n;
	} g[] = {
		{ "0", "*", 3 }, { "1", "*", 3 }, { "2", "*", 10 },
		{ "3", "*", 12 }, { "2", "teacher", 7 }, { "2", "leader", 3 },
		{ "3", "teacher", 9 }, { "3", "leader", 3 },
	};
	char buf[8192] = WHEADER, *s;
	struct report r;
	struct rpt_waves w;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s,%s,scale,personal,"
		    "capacities,%u,%u,0,3.5,0.5,,,,1,5,6,,,,,,,,,0,0,0,0,0\n"
		    "%s,%s,item,PC1,personal,%u,%u,0,3.5,0.5,,,,1,5,1,,,,,,0,"
		    ",,0,0,0,0,0\n", g[i].wave, g[i].role, g[i].n, g[i].n,
		    g[i].wave, g[i].role, g[i].n, g[i].n);
	}
	load_buf(&r, &ins, buf);
	assert_int_equal(report_waves(&r, "wave", &w), 0);
	assert_int_equal(w.nwave, 4);
	/* one comparison: the whole school, 2 against 3 */
	assert_int_equal(w.ncmp, 1);
	assert_int_equal(report_wave_pair_end(&w, 0), 1);
	assert_ptr_equal(report_cmp_whole(w.cmp, w.ncmp), &w.cmp[0]);
	assert_false(report_diff_clear(report_cmp_diff(&w.cmp[0],
	    scale_of("personal"))));
	/* skipped: teachers and leaders of 2-3, everyone of 1-2, the whole
	 * school of 0-1; the last two pairs have no comparison */
	assert_int_equal(w.nskip, 6);
	assert_false(report_wave_skip_alone(&w, 0));
	assert_int_equal(w.skip[2].wa, 1);
	assert_true(report_wave_skip_alone(&w, 2));
	assert_false(report_wave_skip_alone(&w, 3));
	assert_int_equal(w.skip[5].wa, 0);
	assert_true(report_wave_skip_alone(&w, 5));
	s = rt_waves_skipped(LANG_EN, &w, 1, 2);
	assert_string_equal(s, "Whole school, Teachers, Leadership");
	free(s);
	s = rt_waves_skipped(LANG_EN, &w, 2, 3);
	assert_string_equal(s, "Teachers, Leadership");
	free(s);
	s = rt_waves_skipped(LANG_EN, &w, 0, 3);
	assert_string_equal(s, "");
	free(s);
	report_waves_release(&w);
	report_release(&r);
}

static void
test_report_natural_cmp(void **state)
{
	(void)state;
	assert_true(report_natural_cmp("9", "10") < 0);
	assert_true(report_natural_cmp("2024-2025", "2025-2026") < 0);
	assert_true(report_natural_cmp("meting 2", "meting 10") < 0);
	assert_true(report_natural_cmp("b", "a") > 0);
	assert_int_equal(report_natural_cmp("x1", "x1"), 0);
	assert_true(report_natural_cmp("x", "x1") < 0);
}

#define RHEADER "school,role_group,type,code,parent,group_n,n,missing,mean," \
	"sd,se,ci_low,ci_high,min,max,k,alpha,alpha_std,average_r," \
	"alpha_listwise,n_listwise,reverse,r_drop,alpha_drop,n_1,n_2,n_3," \
	"n_4,n_5\n"

static void
add_school(char *buf, size_t size, const char *school, const char *role,
    unsigned n, double mean, double sd)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s,%s,scale,personal,capacities,%u,"
	    "%u,0,%.17g,%.17g,,,,1,5,6,,,,,,,,,0,0,0,0,0\n", school, role, n,
	    n, mean, sd);
}

/* The school against a reference of other schools: the difference (R's
 * t.test(school, reference), test_compare.c case 1), its rank among the
 * schools shown, a small school neither shown nor ranked. */
static void
test_report_reference(void **state)
{
	char own[2048] = HEADER, ref[4096] = RHEADER;
	struct report r;
	struct rpt_reference rf;
	const struct rpt_diff *d;
	const char *path;
	char rpath[64];

	(void)state;
	add_group(own, sizeof(own), "*", "*", 12, 3.9027777777777777);
	path = write_tmp(own);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	/* add_group writes %g and sd 0.5: set case 1's b exactly */
	r.group[0].scale[instrument_find_scale(&ins, "personal")].mean =
	    3.9027777777777777;
	r.group[0].scale[instrument_find_scale(&ins, "personal")].sd =
	    0.48439451600740396;
	report_suppress(&r, 5);
	add_school(ref, sizeof(ref), "*", "*", 10, 3.35, 0.61085853366237597);
	add_school(ref, sizeof(ref), "A", "*", 5, 4.1, 0.5);
	add_school(ref, sizeof(ref), "B", "*", 3, 2.0, 0.5);
	add_school(ref, sizeof(ref), "C", "*", 2, 3.0, 0.5);
	path = write_tmp(ref);
	snprintf(rpath, sizeof(rpath), "%s", path);
	assert_int_equal(report_reference(&rf, &r, rpath, 5, NULL), 0);
	unlink(rpath);
	assert_true(rf.total_shown);
	assert_int_equal(rf.ncmp, 1);
	assert_int_equal(rf.cmp[0].n_a, 10);
	d = scale_diff(&rf.cmp[0], "personal");
	assert_int_equal(d->status, RPT_CMP_OK);
	assert_dbl_near(d->res.ci_low, 0.04980411075026419, 1e-11);
	assert_dbl_near(d->res.ci_high, 1.0557514448052909, 1e-11);
	assert_int_equal(compare_verdict(&d->res), CMP_HIGHER);
	/* B and C are under 5: only A is ranked, which is higher */
	assert_int_equal(rf.nschools, 1);
	assert_int_equal(d->rank, 2);
	assert_int_equal(d->nrank, 2);
	report_reference_release(&rf);
	report_release(&r);
}

/* A reference under the threshold is not compared. */
static void
test_report_reference_too_small(void **state)
{
	char own[2048] = HEADER, ref[2048] = RHEADER;
	struct report r;
	struct rpt_reference rf;
	const char *path;
	char rpath[64];

	(void)state;
	add_group(own, sizeof(own), "*", "*", 12, 3.9);
	path = write_tmp(own);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	add_school(ref, sizeof(ref), "*", "*", 4, 3.35, 0.6);
	path = write_tmp(ref);
	snprintf(rpath, sizeof(rpath), "%s", path);
	assert_int_equal(report_reference(&rf, &r, rpath, 5, NULL), 0);
	unlink(rpath);
	assert_false(rf.total_shown);
	assert_int_equal(rf.ncmp, 0);
	report_reference_release(&rf);
	report_release(&r);
}

/* The school is in the reference: it is taken out before comparing, and
 * out of the ranking. */
static void
test_report_reference_contains_school(void **state)
{
	char own[2048] = HEADER, ref[4096] = RHEADER;
	struct report r;
	struct rpt_reference rf;
	const struct rpt_diff *d;
	const char *path;
	char rpath[64];

	(void)state;
	add_group(own, sizeof(own), "*", "*", 12, 3.9027777777777777);
	path = write_tmp(own);
	assert_int_equal(report_load(&r, &ins, path), 0);
	unlink(path);
	report_suppress(&r, 5);
	/* test_compare.c's whole of 22 = a (10) + b (12); b is "Own" */
	add_school(ref, sizeof(ref), "*", "*", 22, 3.6515151515151514,
	    0.60182502622719358);
	add_school(ref, sizeof(ref), "Own", "*", 12, 3.9027777777777777,
	    0.48439451600740396);
	add_school(ref, sizeof(ref), "Other", "*", 10, 3.35,
	    0.61085853366237597);
	path = write_tmp(ref);
	snprintf(rpath, sizeof(rpath), "%s", path);
	assert_int_equal(report_reference(&rf, &r, rpath, 5, "Own"), 0);
	unlink(rpath);
	assert_true(rf.own >= 0);
	assert_int_equal(rf.nschools, 1);
	assert_int_equal(rf.cmp[0].n_a, 10);
	d = scale_diff(&rf.cmp[0], "personal");
	assert_dbl_near(d->n_a, 10, 1e-12);
	assert_dbl_near(d->mean_a, 3.35, 1e-12);
	assert_dbl_near(d->sd_a, 0.61085853366237597, 1e-9);
	assert_int_equal(d->rank, 1);
	assert_int_equal(d->nrank, 2);
	report_reference_release(&rf);
	report_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_load_small),
		cmocka_unit_test(test_report_load_not_plg_score),
		cmocka_unit_test(test_report_load_keep),
		cmocka_unit_test(test_report_alloc),
		cmocka_unit_test(test_report_suppress_small_and_sibling),
		cmocka_unit_test(test_report_suppress_hidden_sum_below_k),
		cmocka_unit_test(
		    test_report_suppress_hidden_parent_hides_children),
		cmocka_unit_test(test_report_suppress_two_hidden_enough),
		cmocka_unit_test(test_report_suppress_none),
		cmocka_unit_test(test_report_suppress_nested),
		cmocka_unit_test(test_report_suppress_nested_both_ways),
		cmocka_unit_test(test_report_suppress_no_total),
		cmocka_unit_test(test_report_suppress_again),
		cmocka_unit_test(test_report_items_by_mean),
		cmocka_unit_test(test_report_high_spread),
		cmocka_unit_test(test_report_pick_groups),
		cmocka_unit_test(test_report_pick_scales),
		cmocka_unit_test(test_report_pick_gaps),
		cmocka_unit_test(test_report_pick_high_low),
		cmocka_unit_test(test_report_pick_variants),
		cmocka_unit_test(test_rt_shared_words),
		cmocka_unit_test(test_rt_every_id),
		cmocka_unit_test(test_rt_role_groups),
		cmocka_unit_test(test_rt_group_label),
		cmocka_unit_test(test_rt_recommendation_default_scales),
		cmocka_unit_test(test_render_never_shows_suppressed),
		cmocka_unit_test(test_render_csv_dialect),
		cmocka_unit_test(test_report_waves),
		cmocka_unit_test(test_report_waves_unchecked),
		cmocka_unit_test(test_report_wave_pairs),
		cmocka_unit_test(test_report_natural_cmp),
		cmocka_unit_test(test_report_reference),
		cmocka_unit_test(test_report_reference_too_small),
		cmocka_unit_test(test_report_reference_contains_school),
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
