/* report_cmp.c -- what the report compares, beyond one group against
 * another in the same input: each wave with the one before it, and the
 * school with a reference (other schools).  The statistics are compare.c's;
 * this module decides what may be compared: base scales only (not the
 * repeats of a variant), groups that are shown on both sides, and for waves
 * only scales whose statements were asked in both waves. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "report.h"
#include "xalloc.h"

#define LEVEL	0.95		/* confidence level of every comparison */

/* ==== small helpers ==== */

int
report_natural_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	size_t la, lb;

	while (*p != '\0' && *q != '\0') {
		if (isdigit(*p) && isdigit(*q)) {
			while (*p == '0' && isdigit(p[1]))
				p++;
			while (*q == '0' && isdigit(q[1]))
				q++;
			for (la = 0; isdigit(p[la]); la++)
				;
			for (lb = 0; isdigit(q[lb]); lb++)
				;
			if (la != lb)
				return la < lb ? -1 : 1;
			for (; la > 0; la--, p++, q++)
				if (*p != *q)
					return *p < *q ? -1 : 1;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (*p != '\0')
		return 1;
	if (*q != '\0')
		return -1;
	return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;	/* "01", "1" */
}

/* Codes of the items in list, joined by ", "; NULL when none.  Caller
 * frees. */
static char *
join_codes(const struct instrument *ins, const size_t *list, size_t n)
{
	size_t i, len = 1;
	char *s;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++)
		len += strlen(ins->item[list[i]].code) + 2;
	s = xcalloc(len, 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, ", ");
		strcat(s, ins->item[list[i]].code);
	}
	return s;
}

/* The base scales of the instrument, in order; returns how many. */
static size_t
base_scales(const struct instrument *ins, size_t *out)
{
	size_t s, n = 0;

	for (s = 0; s < ins->nscale; s++)
		if (ins->scale[s].variant == 0)
			out[n++] = s;
	return n;
}

static void
diff_set(struct rpt_diff *d, size_t s, double n_a, double mean_a,
    double sd_a, double n_b, double mean_b, double sd_b)
{
	memset(d, 0, sizeof(*d));
	d->scale = s;
	d->n_a = n_a;
	d->mean_a = mean_a;
	d->sd_a = sd_a;
	d->n_b = n_b;
	d->mean_b = mean_b;
	d->sd_b = sd_b;
	d->res.diff = d->res.se = d->res.df = d->res.ci_low =
	    d->res.ci_high = d->res.g = NAN;
	if (isnan(mean_a) || isnan(mean_b)) {
		d->status = RPT_CMP_NO_SCORE;
		return;
	}
	compare_groups(n_a, mean_a, sd_a, n_b, mean_b, sd_b, LEVEL, &d->res);
}

static void
diff_from_stats(struct rpt_diff *d, size_t s, const struct rpt_stat *a,
    const struct rpt_stat *b)
{
	diff_set(d, s, a->present ? a->n : 0, a->present ? a->mean : NAN,
	    a->present ? a->sd : NAN, b->present ? b->n : 0,
	    b->present ? b->mean : NAN, b->present ? b->sd : NAN);
}

static void
cmp_free(struct rpt_cmp *c)
{
	size_t i;

	for (i = 0; i < c->ndiff; i++) {
		free(c->diff[i].only_a);
		free(c->diff[i].only_b);
	}
	free(c->diff);
}

/* ==== variants ==== */

long
report_variant_scale(const struct report *r, size_t s, size_t v)
{
	const struct instrument *ins = r->ins;
	size_t t;

	if (v == 0)
		return (long)s;
	for (t = 0; t < ins->nscale; t++)
		if (ins->scale[t].variant == v && ins->scale[t].base == s)
			return (long)t;
	return -1;
}

long
report_variant_item(const struct report *r, size_t i, size_t v)
{
	const struct instrument *ins = r->ins;
	size_t t;

	if (v == 0)
		return (long)i;
	for (t = 0; t < ins->nitem; t++)
		if (ins->item[t].variant == v && ins->item[t].base == i)
			return (long)t;
	return -1;
}

int
report_has_variant(const struct report *r, size_t v)
{
	size_t g, s;

	for (g = 0; g < r->ngroup; g++)
		for (s = 0; s < r->ins->nscale; s++)
			if (r->ins->scale[s].variant == v &&
			    r->group[g].scale[s].present &&
			    r->group[g].scale[s].n > 0)
				return 1;
	return 0;
}

int
report_cmp_unchecked(const struct rpt_cmp *c)
{
	size_t k;

	for (k = 0; k < c->ndiff; k++)
		if (c->diff[k].status == RPT_CMP_UNCHECKED)
			return 1;
	return 0;
}

/* ==== waves: one view per wave ==== */

static long
col_index(const struct report *r, const char *col)
{
	size_t c;

	for (c = 0; c < r->nbycol; c++)
		if (strcmp(r->bycol[c], col) == 0)
			return (long)c;
	return -1;
}

/* 1 if set st groups on column c. */
static int
set_has(const struct rpt_set *st, size_t c)
{
	size_t i;

	for (i = 0; i < st->ncol; i++)
		if (st->col[i] == c)
			return 1;
	return 0;
}

/* The report of wave value val: the groups of full's sets on wcol whose
 * wave is val, without the wave column, in sets numbered as full's sets
 * on wcol in order (so that every view numbers them alike). */
static void
view_build(const struct report *full, size_t wcol, const char *val,
    struct report *v)
{
	size_t s, i, c, nc, g, n;
	long *map = xcalloc(full->nbycol + 1, sizeof(long));
	const struct rpt_group *src;
	struct rpt_group *dst;
	struct rpt_set *st;

	memset(v, 0, sizeof(*v));
	v->ins = full->ins;
	v->total = -1;
	v->has_items = full->has_items;
	v->min_n = full->min_n;
	v->borrowed = 1;
	for (c = 0; c < full->nbycol; c++) {
		map[c] = -1;
		if (c == wcol)
			continue;
		map[c] = (long)v->nbycol;
		v->bycol = xreallocarray(v->bycol, v->nbycol + 1,
		    sizeof(char *));
		v->bycol[v->nbycol++] = xstrdup(full->bycol[c]);
	}
	for (n = 0, g = 0; g < full->ngroup; g++)	/* the view's groups */
		n += full->group[g].key[wcol] != NULL &&
		    strcmp(full->group[g].key[wcol], val) == 0;
	v->group = xcalloc(n + 1, sizeof(*v->group));
	v->set = xcalloc(full->nset + 1, sizeof(*v->set));
	for (s = 0; s < full->nset; s++) {
		if (!set_has(&full->set[s], wcol))
			continue;
		st = &v->set[v->nset];
		st->col = xcalloc(full->set[s].ncol + 1, sizeof(size_t));
		for (nc = 0, i = 0; i < full->set[s].ncol; i++)
			if (full->set[s].col[i] != wcol)
				st->col[nc++] = (size_t)map[full->set[s].col[i]];
		st->ncol = nc;
		for (n = 0, i = 0; i < full->set[s].ngroup; i++)
			n += strcmp(full->group[full->set[s].group[i]].key[wcol],
			    val) == 0;
		st->group = xcalloc(n + 1, sizeof(size_t));
		for (i = 0; i < full->set[s].ngroup; i++) {
			src = &full->group[full->set[s].group[i]];
			if (strcmp(src->key[wcol], val) != 0)
				continue;
			g = v->ngroup++;
			dst = &v->group[g];
			*dst = *src;	/* n, suppressed, borrowed stats */
			dst->set = v->nset;
			dst->key = report_alloc(v, v->nbycol + 1,
			    sizeof(char *));
			for (c = 0; c < full->nbycol; c++)	/* borrowed */
				if (map[c] >= 0)
					dst->key[map[c]] = src->key[c];
			st->group[st->ngroup++] = g;
			if (nc == 0)
				v->total = (long)g;
			v->nsuppressed[dst->suppressed]++;
		}
		v->nset++;
	}
	free(map);
}

static int
cmp_str(const void *a, const void *b)
{
	return report_natural_cmp(*(char *const *)a, *(char *const *)b);
}

/* The wave values of the groups on wcol, oldest first. */
static void
wave_values(const struct report *full, size_t wcol, struct rpt_waves *w)
{
	size_t g, i;
	const char *v;

	for (g = 0; g < full->ngroup; g++) {
		if ((v = full->group[g].key[wcol]) == NULL)
			continue;
		for (i = 0; i < w->nwave; i++)
			if (strcmp(w->value[i], v) == 0)
				break;
		if (i < w->nwave)
			continue;
		w->value = xreallocarray(w->value, w->nwave + 1,
		    sizeof(char *));
		w->value[w->nwave++] = xstrdup(v);
	}
	qsort(w->value, w->nwave, sizeof(char *), cmp_str);
}

/* Which items each wave asked: answered by someone in any of its groups
 * (plg-score writes n = 0 for an item nobody answered). */
static void
wave_asked(const struct report *full, size_t wcol, struct rpt_waves *w)
{
	const struct instrument *ins = full->ins;
	size_t g, i, k;

	w->asked = xcalloc(w->nwave * ins->nitem + 1, 1);
	for (g = 0; g < full->ngroup; g++) {
		const struct rpt_group *gr = &full->group[g];
		if (gr->key[wcol] == NULL)
			continue;
		for (k = 0; k < w->nwave; k++)
			if (strcmp(w->value[k], gr->key[wcol]) == 0)
				break;
		for (i = 0; k < w->nwave && i < ins->nitem; i++)
			if (gr->item[i].present && gr->item[i].n > 0)
				w->asked[k * ins->nitem + i] = 1;
	}
}

/* The group of view v in set s with the same keys as g (of another view),
 * or NULL. */
static const struct rpt_group *
same_group(const struct report *v, size_t s, const struct rpt_group *g)
{
	size_t i, c;
	const struct rpt_group *h;

	for (i = 0; i < v->set[s].ngroup; i++) {
		h = &v->group[v->set[s].group[i]];
		for (c = 0; c < v->nbycol; c++)
			if ((h->key[c] == NULL) != (g->key[c] == NULL) ||
			    (h->key[c] != NULL && strcmp(h->key[c], g->key[c])))
				break;
		if (c == v->nbycol)
			return h;
	}
	return NULL;
}

/* Scale s of waves wa and wb: the statements beneath it asked in one wave
 * only go to d (status ITEMS_DIFFER); with no item rows, UNCHECKED. */
static void
check_items(const struct rpt_waves *w, const struct report *full, size_t wa,
    size_t wb, struct rpt_diff *d)
{
	const struct instrument *ins = full->ins;
	const struct instr_scale *sp = &ins->scale[d->scale];
	size_t i, it, na = 0, nb = 0, *la, *lb;

	if (!full->has_items) {
		d->status = RPT_CMP_UNCHECKED;
		return;
	}
	la = xcalloc(sp->nitem + 1, sizeof(size_t));
	lb = xcalloc(sp->nitem + 1, sizeof(size_t));
	for (i = 0; i < sp->nitem; i++) {
		it = sp->item[i];
		if (w->asked[wa * ins->nitem + it] &&
		    !w->asked[wb * ins->nitem + it])
			la[na++] = it;
		if (!w->asked[wa * ins->nitem + it] &&
		    w->asked[wb * ins->nitem + it])
			lb[nb++] = it;
	}
	if (na + nb > 0) {
		d->status = RPT_CMP_ITEMS_DIFFER;
		d->only_a = join_codes(ins, la, na);
		d->only_b = join_codes(ins, lb, nb);
	}
	free(la);
	free(lb);
}

static void
add_skip(struct rpt_waves *w, size_t wa, size_t wb, const struct report *r,
    const struct rpt_group *g)
{
	w->skip = xreallocarray(w->skip, w->nskip + 1, sizeof(*w->skip));
	w->skip[w->nskip].wa = wa;
	w->skip[w->nskip].wb = wb;
	w->skip[w->nskip].r = r;
	w->skip[w->nskip++].g = g;
}

/* Compare every group of wave wb with the same group of wave wa. */
static void
wave_pair(struct rpt_waves *w, const struct report *full, size_t wa,
    size_t wb)
{
	const struct report *va = &w->view[wa], *vb = &w->view[wb];
	size_t s, i, k, n, *sc = xcalloc(full->ins->nscale + 1,
	    sizeof(size_t));
	const struct rpt_group *ga, *gb;
	struct rpt_cmp *c;

	n = base_scales(full->ins, sc);
	for (s = 0; s < vb->nset; s++) {
		for (i = 0; i < vb->set[s].ngroup; i++) {
			gb = &vb->group[vb->set[s].group[i]];
			ga = same_group(va, s, gb);
			if (ga == NULL || ga->suppressed || gb->suppressed) {
				add_skip(w, wa, wb, vb, gb);
				continue;
			}
			w->cmp = xreallocarray(w->cmp, w->ncmp + 1,
			    sizeof(*w->cmp));
			c = &w->cmp[w->ncmp++];
			memset(c, 0, sizeof(*c));
			c->rb = vb;
			c->gb = gb;
			c->wa = wa;
			c->wb = wb;
			c->n_a = ga->n;
			c->diff = xcalloc(n + 1, sizeof(*c->diff));
			c->ndiff = n;
			for (k = 0; k < n; k++) {
				diff_from_stats(&c->diff[k], sc[k],
				    &ga->scale[sc[k]], &gb->scale[sc[k]]);
				if (c->diff[k].status == RPT_CMP_OK)
					check_items(w, full, wa, wb,
					    &c->diff[k]);
				if (c->diff[k].status != RPT_CMP_OK)
					c->diff[k].res.diff = c->diff[k].res.se
					    = c->diff[k].res.df =
					    c->diff[k].res.ci_low =
					    c->diff[k].res.ci_high =
					    c->diff[k].res.g = NAN;
			}
		}
		for (i = 0; i < va->set[s].ngroup; i++) {	/* gone in wb */
			ga = &va->group[va->set[s].group[i]];
			if (same_group(vb, s, ga) == NULL)
				add_skip(w, wa, wb, va, ga);
		}
	}
	free(sc);
}

int
report_waves(const struct report *full, const char *col,
    struct rpt_waves *w)
{
	long wcol = col_index(full, col);
	size_t k;

	if (wcol < 0)
		return -1;
	memset(w, 0, sizeof(*w));
	w->col = xstrdup(col);
	wave_values(full, (size_t)wcol, w);
	w->view = xcalloc(w->nwave + 1, sizeof(*w->view));
	for (k = 0; k < w->nwave; k++)
		view_build(full, (size_t)wcol, w->value[k], &w->view[k]);
	wave_asked(full, (size_t)wcol, w);
	for (k = w->nwave; k-- > 1;)
		wave_pair(w, full, k - 1, k);
	if (w->nwave > 0)
		w->view[w->nwave - 1].waves = w;
	return 0;
}

void
report_waves_release(struct rpt_waves *w)
{
	size_t i;

	for (i = 0; i < w->ncmp; i++)
		cmp_free(&w->cmp[i]);
	for (i = 0; i < w->nwave; i++) {
		report_release(&w->view[i]);
		free(w->value[i]);
	}
	free(w->cmp);
	free(w->skip);
	free(w->view);
	free(w->value);
	free(w->asked);
	free(w->col);
	memset(w, 0, sizeof(*w));
}

/* ==== the reference ==== */

/* The set of rf whose columns are, by name, those of set st of r plus
 * extra (NULL: none); -1 when there is none. */
static long
set_by_names(const struct report *rf, const struct report *r,
    const struct rpt_set *st, const char *extra)
{
	size_t s, i, j, want = st->ncol + (extra != NULL);

	for (s = 0; s < rf->nset; s++) {
		const struct rpt_set *t = &rf->set[s];
		if (t->ncol != want)
			continue;
		for (i = 0; i < t->ncol; i++) {
			const char *name = rf->bycol[t->col[i]];
			int hit = extra != NULL && strcmp(name, extra) == 0;
			for (j = 0; j < st->ncol && !hit; j++)
				hit = strcmp(name, r->bycol[st->col[j]]) == 0;
			if (!hit)
				break;
		}
		if (i == t->ncol)
			return (long)s;
	}
	return -1;
}

/* The group of rf in set s whose values match g of r by column name, and
 * whose school is school when given; NULL when none. */
static const struct rpt_group *
match_group(const struct report *rf, long s, const struct report *r,
    const struct rpt_group *g, const char *school)
{
	const struct rpt_set *st = &r->set[g->set];
	size_t i, j, c;
	const struct rpt_group *h;

	if (s < 0)
		return NULL;
	for (i = 0; i < rf->set[s].ngroup; i++) {
		h = &rf->group[rf->set[s].group[i]];
		for (j = 0; j < rf->set[s].ncol; j++) {
			const char *name = rf->bycol[rf->set[s].col[j]];
			const char *want = NULL;
			if (school != NULL && strcmp(name, "school") == 0)
				want = school;
			for (c = 0; c < st->ncol && want == NULL; c++)
				if (strcmp(name, r->bycol[st->col[c]]) == 0)
					want = g->key[st->col[c]];
			if (want == NULL || strcmp(want,
			    h->key[rf->set[s].col[j]]) != 0)
				break;
		}
		if (j == rf->set[s].ncol)
			return h;
	}
	return NULL;
}

/* The rank of mean among the shown reference schools (the school itself
 * aside) on scale s: 1 + the number with a higher mean, of 1 + those with
 * a mean. */
static void
rank_of(const struct rpt_reference *ref, size_t s, double mean,
    struct rpt_diff *d)
{
	const struct report *rf = &ref->ref;
	const struct rpt_set *st;
	const struct rpt_group *h;
	size_t i;

	if (ref->school_set < 0 || isnan(mean))
		return;
	st = &rf->set[ref->school_set];
	d->rank = d->nrank = 1;
	for (i = 0; i < st->ngroup; i++) {
		h = &rf->group[st->group[i]];
		if (h->suppressed || (long)st->group[i] == ref->own ||
		    !h->scale[s].present || isnan(h->scale[s].mean))
			continue;
		d->nrank++;
		d->rank += h->scale[s].mean > mean;
	}
}

/* Compare the school's group gb with reference group G, taking the
 * school's own part P out of G first when P is given.  Returns 0, or -1
 * when what is left of the reference is smaller than k. */
static int
ref_pair(struct rpt_reference *ref, const struct report *r,
    const struct rpt_group *gb, const struct rpt_group *G,
    const struct rpt_group *P, int k)
{
	size_t n, i, *sc = xcalloc(r->ins->nscale + 1, sizeof(size_t));
	struct rpt_cmp *c;
	const struct rpt_stat *a, *p, *b;
	double na, ma, sa;

	if (P != NULL && G->n < P->n + (unsigned long)k) {
		free(sc);
		return -1;
	}
	n = base_scales(r->ins, sc);
	ref->cmp = xreallocarray(ref->cmp, ref->ncmp + 1, sizeof(*ref->cmp));
	c = &ref->cmp[ref->ncmp++];
	memset(c, 0, sizeof(*c));
	c->rb = r;
	c->gb = gb;
	c->n_a = G->n - (P != NULL ? P->n : 0);
	c->diff = xcalloc(n + 1, sizeof(*c->diff));
	c->ndiff = n;
	for (i = 0; i < n; i++) {
		a = &G->scale[sc[i]];
		b = &gb->scale[sc[i]];
		na = a->present ? a->n : 0;
		ma = a->present ? a->mean : NAN;
		sa = a->present ? a->sd : NAN;
		p = P != NULL ? &P->scale[sc[i]] : NULL;
		if (p != NULL && a->present)
			compare_remove(a->n, a->mean, a->sd, p->present ? p->n :
			    0, p->present ? p->mean : NAN, p->present ? p->sd :
			    NAN, &na, &ma, &sa);
		diff_set(&c->diff[i], sc[i], na, ma, sa, b->present ? b->n : 0,
		    b->present ? b->mean : NAN, b->present ? b->sd : NAN);
		if (r->set[gb->set].ncol == 0)
			rank_of(ref, sc[i], c->diff[i].mean_b, &c->diff[i]);
	}
	free(sc);
	return 0;
}

int
report_reference(struct rpt_reference *ref, const struct report *r,
    const char *path, int k, const char *school)
{
	const struct report *rf = &ref->ref;
	const struct rpt_group *gb, *G, *P;
	size_t i;
	long s, sp;
	int rc;

	memset(ref, 0, sizeof(*ref));
	ref->school_set = ref->own = -1;
	/* only its scale rows are compared: its items are read, not kept */
	if ((rc = report_load_keep(&ref->ref, r->ins, path, 0)) !=
	    PLG_EXIT_OK)
		return rc;
	report_suppress(&ref->ref, k);
	ref->school_set = report_find_set(rf, "school");
	if (ref->school_set >= 0 && school != NULL)
		ref->own = report_find_group(rf, (size_t)ref->school_set,
		    "school", school);
	for (i = 0; ref->school_set >= 0 &&
	    i < rf->set[ref->school_set].ngroup; i++) {
		size_t g = rf->set[ref->school_set].group[i];
		ref->nschools += !rf->group[g].suppressed &&
		    (long)g != ref->own;
	}
	for (i = 0; i < r->ngroup; i++) {
		gb = &r->group[i];
		if (gb->suppressed)
			continue;
		s = set_by_names(rf, r, &r->set[gb->set], NULL);
		if ((G = match_group(rf, s, r, gb, NULL)) == NULL ||
		    G->suppressed)
			continue;
		P = NULL;
		if (ref->own >= 0) {
			sp = set_by_names(rf, r, &r->set[gb->set], "school");
			P = match_group(rf, sp, r, gb,
			    rf->group[ref->own].key[rf->set[
			    ref->school_set].col[0]]);
			if (P == NULL) {
				ref->nsplit_fail++;
				continue;
			}
		}
		if (ref_pair(ref, r, gb, G, P, k) == 0 &&
		    r->set[gb->set].ncol == 0)
			ref->total_shown = 1;
	}
	return PLG_EXIT_OK;
}

void
report_reference_release(struct rpt_reference *ref)
{
	size_t i;

	for (i = 0; i < ref->ncmp; i++)
		cmp_free(&ref->cmp[i]);
	free(ref->cmp);
	if (ref->ref.ins != NULL)
		report_release(&ref->ref);
	memset(ref, 0, sizeof(*ref));
}

/* ==== queries the renderers share ==== */

const struct rpt_cmp *
report_cmp_whole(const struct rpt_cmp *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].rb->set[c[i].gb->set].ncol == 0)
			return &c[i];
	return NULL;
}

const struct rpt_diff *
report_cmp_diff(const struct rpt_cmp *c, size_t s)
{
	size_t k;

	for (k = 0; c != NULL && k < c->ndiff; k++)
		if (c->diff[k].scale == s)
			return &c->diff[k];
	return NULL;
}

int
report_diff_clear(const struct rpt_diff *d)
{
	enum cmp_verdict v;

	if (d->status != RPT_CMP_OK)
		return 0;
	v = compare_verdict(&d->res);
	return v == CMP_HIGHER || v == CMP_LOWER;
}

const char *
report_wave_current(const struct report *r)
{
	if (r->waves == NULL || r->waves->nwave == 0)
		return NULL;
	return r->waves->value[r->waves->nwave - 1];
}

size_t
report_wave_pair_end(const struct rpt_waves *w, size_t i)
{
	size_t j;

	for (j = i; j < w->ncmp && w->cmp[j].wb == w->cmp[i].wb; j++)
		;
	return j;
}

int
report_wave_skip_alone(const struct rpt_waves *w, size_t i)
{
	size_t j;

	if (i > 0 && w->skip[i - 1].wb == w->skip[i].wb)
		return 0;
	for (j = 0; j < w->ncmp; j++)
		if (w->cmp[j].wb == w->skip[i].wb)
			return 0;
	return 1;
}
