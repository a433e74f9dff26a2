/* report_pick.c -- what a report says, decided once for every format:
 * which groups are shown, which scales are strongest and weakest, which
 * statements, gaps and recommendations are named and in which order.  The
 * renderers (report_plain.c, report_html.c, report_xlsx.c) word and draw
 * these answers, so the formats cannot drift apart. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_text.h"
#include "xalloc.h"

/* ==== groups ==== */

const struct rpt_group *
report_total(const struct report *r)
{
	if (r->total < 0 || (size_t)r->total >= r->ngroup ||
	    r->group[r->total].suppressed != RPT_SHOWN)
		return NULL;
	return &r->group[r->total];
}

const struct rpt_group *
report_shown_group(const struct report *r, const char *col, const char *val)
{
	long s, g;

	if ((s = report_find_set(r, col)) < 0 ||
	    (g = report_find_group(r, (size_t)s, col, val)) < 0 ||
	    r->group[g].suppressed != RPT_SHOWN)
		return NULL;
	return &r->group[g];
}

int
report_gap_groups(const struct report *r, const struct rpt_group **leader,
    const struct rpt_group **teacher)
{
	*leader = report_shown_group(r, "role_group", "leader");
	*teacher = report_shown_group(r, "role_group", "teacher");
	if (*leader == NULL || *teacher == NULL) {
		*leader = *teacher = NULL;
		return 0;
	}
	return 1;
}

unsigned long
report_nhidden(const struct report *r)
{
	return r->nsuppressed[RPT_TOO_SMALL] + r->nsuppressed[RPT_COMPLEMENT];
}

size_t
report_shown_groups(const struct report *r, const char *col, size_t *out,
    size_t max)
{
	const struct rpt_set *st;
	size_t s, i, n = 0;

	for (s = 0; s < r->nset; s++) {
		st = &r->set[s];
		if (st->ncol != 1 || (col != NULL &&
		    strcmp(r->bycol[st->col[0]], col) != 0))
			continue;
		for (i = 0; i < st->ngroup && n < max; i++)
			if (r->group[st->group[i]].suppressed == RPT_SHOWN)
				out[n++] = st->group[i];
	}
	return n;
}

unsigned long
report_staff(const struct report *r, const struct rpt_group *g,
    const char *const *name, const unsigned long *count, size_t n)
{
	const struct rpt_set *st = &r->set[g->set];
	const char *val;
	size_t i;

	if (st->ncol > 1)
		return 0;
	val = st->ncol == 0 ? "" : g->key[st->col[0]];
	for (i = 0; i < n; i++)
		if (name[i] != NULL && strcmp(name[i], val) == 0)
			return count[i];
	return 0;
}

/* ==== scales ==== */

int
report_base_framework(const struct report *r, size_t f)
{
	return r->ins->scale[f].parent == -1 && r->ins->scale[f].variant == 0;
}

int
report_base_scale(const struct report *r, size_t s)
{
	return r->ins->scale[s].parent != -1 && r->ins->scale[s].variant == 0;
}

double
report_mean(const struct rpt_group *g, size_t s)
{
	return g != NULL && g->scale[s].present ? g->scale[s].mean : NAN;
}

int
report_clear_gap(const struct rpt_stat *a, const struct rpt_stat *b)
{
	if (!a->present || !b->present || isnan(a->ci_low) ||
	    isnan(a->ci_high) || isnan(b->ci_low) || isnan(b->ci_high))
		return 0;
	return a->ci_low > b->ci_high || a->ci_high < b->ci_low;
}

int
report_strongest_weakest(const struct report *r, const struct rpt_group *g,
    size_t f, size_t *best, size_t *worst)
{
	size_t s, with = 0;
	long b = -1, w = -1;
	double m;

	for (s = 0; s < r->ins->nscale; s++) {
		if (r->ins->scale[s].parent != (int)f ||
		    isnan(m = report_mean(g, s)))
			continue;
		with++;
		if (b < 0 || m > report_mean(g, (size_t)b))
			b = (long)s;
		if (w < 0 || m < report_mean(g, (size_t)w))
			w = (long)s;
	}
	if (with < 2 || b == w)
		return 0;
	*best = (size_t)b;
	*worst = (size_t)w;
	return 1;
}

size_t
report_high_low(const struct report *r, const struct rpt_group *g, size_t f,
    struct rpt_high_low *hl)
{
	size_t n, i, *all;

	memset(hl, 0, sizeof(*hl));
	all = xcalloc(r->ins->scale[f].nitem + 1, sizeof(size_t));
	n = report_items_by_mean(r, g, f, all, r->ins->scale[f].nitem);
	hl->nhigh = n < RPT_NITEMS ? n : RPT_NITEMS;
	hl->nlow = n - hl->nhigh < RPT_NITEMS ? n - hl->nhigh : RPT_NITEMS;
	memcpy(hl->high, all, hl->nhigh * sizeof(size_t));
	for (i = 0; i < hl->nlow; i++)
		hl->low[i] = all[n - 1 - i];
	free(all);
	return hl->nhigh;
}

/* ==== recommendations ==== */

/* Sort v[0..n) by key, largest first when desc, else smallest first;
 * stable (insertion sort: ties keep their order). */
static void
sort_by(size_t *v, size_t n, const double *key, int desc)
{
	size_t i, j, tmp;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (desc ? key[v[j]] > key[v[j - 1]] :
		    key[v[j]] < key[v[j - 1]]); j--) {
			tmp = v[j];
			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
}

/* Copy the first max of all[0..n) to out, free all and its sort keys;
 * returns how many were copied. */
static size_t
keep_first(size_t *out, size_t *all, size_t n, size_t max, double *key)
{
	if (n > max)
		n = max;
	memcpy(out, all, n * sizeof(size_t));
	free(all);
	free(key);
	return n;
}

size_t
report_pick_recs(const struct report *r, const struct rpt_group *g,
    enum lang lang, size_t *out)
{
	const struct instrument *ins = r->ins;
	size_t n = 0, s, start, *all = xcalloc(ins->nscale + 1, sizeof(size_t));
	double *mean = xcalloc(ins->nscale + 1, sizeof(double));
	enum rt_tone want;
	int pass;

	for (s = 0; s < ins->nscale; s++)
		mean[s] = report_mean(g, s);
	for (pass = 0; pass < 4; pass++) {
		start = n;
		want = pass < 2 ? RT_TONE_ATTENTION : RT_TONE_DEVELOPING;
		for (s = 0; s < ins->nscale; s++)
			if ((ins->scale[s].parent == -1) == (pass % 2) &&
			    rt_tone_of(r, mean[s]) == want &&
			    rt_recommendation_tone(lang, ins->scale[s].code,
			    want) != NULL)
				all[n++] = s;
		sort_by(all + start, n - start, mean, 0);
	}
	return keep_first(out, all, n, RPT_NRECS, mean);
}

size_t
report_gap_recs(const struct report *r, size_t *out)
{
	const struct rpt_group *L, *T;
	size_t s, n = 0, *all;
	double *gap;

	if (!report_gap_groups(r, &L, &T))
		return 0;
	all = xcalloc(r->ins->nscale + 1, sizeof(size_t));
	gap = xcalloc(r->ins->nscale + 1, sizeof(double));
	for (s = 0; s < r->ins->nscale; s++)
		if (report_base_scale(r, s) &&
		    report_clear_gap(&L->scale[s], &T->scale[s])) {
			gap[s] = fabs(report_mean(L, s) - report_mean(T, s));
			all[n++] = s;
		}
	sort_by(all, n, gap, 1);
	return keep_first(out, all, n, RPT_NGAPRECS, gap);
}

int
report_spread_rec(const struct report *r, const struct rpt_group *g,
    size_t s)
{
	return report_base_scale(r, s) && g->scale[s].present &&
	    report_high_spread(r, g->scale[s].sd);
}

/* ==== variants: current and desired ==== */

double
report_variant_mean(const struct report *r, const struct rpt_group *g,
    size_t s, size_t v)
{
	long t = report_variant_scale(r, s, v);

	return t < 0 ? NAN : report_mean(g, (size_t)t);
}

double
report_variant_item_mean(const struct report *r, const struct rpt_group *g,
    size_t i, size_t v)
{
	long t = report_variant_item(r, i, v);

	return t < 0 || !g->item[t].present ? NAN : g->item[t].mean;
}

double
report_variant_gap(const struct report *r, const struct rpt_group *g,
    size_t s, size_t v)
{
	return report_variant_mean(r, g, s, v) -
	    report_variant_mean(r, g, s, 0);
}

double
report_variant_item_gap(const struct report *r, const struct rpt_group *g,
    size_t i, size_t v)
{
	return report_variant_item_mean(r, g, i, v) -
	    report_variant_item_mean(r, g, i, 0);
}

/* The base scales (items: the base items) of g with a gap for variant v,
 * largest first, into out; returns how many. */
static size_t
by_gap(const struct report *r, const struct rpt_group *g, size_t v,
    int items, size_t *out)
{
	size_t i, n = 0, lim = items ? r->ins->nitem : r->ins->nscale;
	double *gap = xcalloc(lim + 1, sizeof(double));

	for (i = 0; i < lim; i++) {
		if (items ? r->ins->item[i].variant != 0 :
		    !report_base_scale(r, i))
			continue;
		gap[i] = items ? report_variant_item_gap(r, g, i, v) :
		    report_variant_gap(r, g, i, v);
		if (!isnan(gap[i]))
			out[n++] = i;
	}
	sort_by(out, n, gap, 1);
	free(gap);
	return n;
}

size_t
report_scales_by_gap(const struct report *r, const struct rpt_group *g,
    size_t v, size_t *out)
{
	return by_gap(r, g, v, 0, out);
}

size_t
report_items_by_gap(const struct report *r, const struct rpt_group *g,
    size_t v, size_t *out)
{
	return by_gap(r, g, v, 1, out);
}
