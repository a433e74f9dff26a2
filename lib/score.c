/* score.c -- scale scores and group statistics in one mergeable pass.
 *
 * How the statistics are accumulated.  Per group, plg-score needs the
 * answer counts of every item, the moments of every scale score, and for
 * alpha the covariance of every pair of items under one framework, over the
 * respondents who answered both (psych's pairwise covariances): for the
 * default instrument 540 pairs, which is where the time goes.
 *
 * When the instrument's answers are small whole numbers (every instrument
 * with a range like 1..5 and no labelled value in between), each keyed
 * answer becomes a code c = keyed - min in 0..R, and a pair of items keeps
 * the exact integer sums n, sum a, sum b and sum a*b over the respondents
 * who answered both.  The four live in one 64-bit word, in bit fields wide
 * enough for `lim` rows (for 1..5: 14, 16, 16 and 18 bits, lim = 16383),
 * so that adding a respondent is a single addition of a precomputed word,
 * inc[a][b] = 1 | a << sh_x | b << sh_y | a*b << sh_xy, no carry ever
 * crossing into the next field.  After lim rows a group flushes its words
 * into 64-bit sums (wsum) and starts again.  Answer counts are kept the same
 * way in 16 bits.
 *
 * Rows go first to small words, 6 bytes a pair instead of 8: sum a*b in
 * a 16-bit word, and in a 32-bit one what the rows that missed an answer
 * take off: how many missed p or q, the sum of p's codes where q was
 * missed and of q's where p was (for 1..5, 9, 11 and 11 bits: lim1 = 511
 * rows).  With a sum of codes per item and the rows counted, these give
 * n, sum a and sum b (small_sums()).  So a row adds a*b to every pair of
 * its frameworks (eight at a time with SSE2) and touches the 32-bit words
 * only where an answer is missing.  Only a group that reaches lim1 rows
 * gets the 64-bit words, and moves its small words there every lim1 rows.
 * 2,500 schools of the default instrument so hold 8.5 MB of pairs instead
 * of 11.  (Listwise sums are few: their 32-bit words hold n, sum a and
 * sum b themselves.)
 *
 * Integer sums are exact: no rounding happens until the
 * output (or a partial file) turns them into means and co-moments, once
 * (comoments_from_sums() in stats.c), and the result does not depend on the
 * order of the rows -- Welford's update, which this replaces, rounds on
 * every row.  Item means and variances come from the answer counts.
 *
 * Exact sums also add up: a set of groups that is coarser than another
 * (the total, or --by team next to --by team,role) gets its sums at the end
 * by adding up the finer set's groups (derive_sets()), so each row updates
 * the pairs of one group only.  Scale scores are means of several answers:
 * score * lcm(1..k) is whole, and its sums are kept exactly too (struct
 * scale_sums; Welford's update only where they would not fit).
 *
 * With many groups in random order, a row's group is rarely in the cache:
 * the parsing thread hashes each row's group values (prepare_values()),
 * and while one row is added the next row's group is asked for
 * (fetch_next_groups()).
 *
 * An instrument with other answers (a labelled 2.5, or a range too wide
 * for the packing) takes the floating-point path: comoments_add() per row
 * and group.  Partial files hold means and co-moments in 17 digits, merged
 * with Chan et al.'s formulas into a group's floating-point part (struct
 * score_float), which the output combines with the exact part.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && !defined(PLG_NO_SIMD)
#include <emmintrin.h>
#endif

#include "diag.h"
#include "numparse.h"
#include "score.h"
#include "xalloc.h"

/* Scale scores on the exact path: a score is sum / count of whole keyed
 * answers, so X = score * L, with L = lcm(1..largest scale), is a whole
 * number.  Per group and scale: n, the sum and the sum of squares of X in
 * 128 bits, the least and the largest X.  |X| <= 2^40 (plan_sums()), so
 * the sums stay exact up to 2^40 respondents in a group, and so does any
 * sum of groups: derived sets and the statistics do not depend on the order
 * of the rows. */
__extension__ typedef __int128 i128;

struct scale_sums {
	i128 *sx, *sxx;		/* per scale */
	uint64_t *n;
	int64_t *min, *max;
};

/* What partial files (or rows of a non-integer instrument) bring. */
struct score_float {
	struct comoments *pair;	/* per pair */
	struct moments *lw_item; /* per scale x item (lw_off[2s+1]) */
	struct comoments *lw_pair; /* per scale x pair (lw_off[2s]) */
	unsigned long *count;	/* per item x value, merged */
};

/* Everything kept per group: sufficient statistics, nothing per row. */
struct score_group {
	size_t set;		/* grouping set */
	char **key;		/* value per bycol (NULL: not grouped, "*") */
	uint64_t hash;		/* of the set and the values */
	size_t blksize;		/* g's block: the struct and most arrays */
	unsigned long n;	/* respondents */
	struct moments *scale;	/* per scale, scores */
	unsigned long *lw_n;	/* per scale: respondents with every item */
	/* exact part, from rows: NULL until the group's first row */
	uint64_t *pk;		/* npk packed sums (the exact path) */
	uint32_t *s1;		/* or first the small words: npk 32-bit
				 * parts, then npk 16-bit ones (s1_hi()),
				 * each followed by RCODE_GAP unused, then
				 * the per-item sums (s1_cs()) */
	uint16_t *cnt;		/* per item x value, answers since flush */
	unsigned long fresh;	/* rows in s1, else in pk and cnt */
	unsigned long pkfresh;	/* with s1: rows in pk */
	uint64_t *wsum;		/* 4 x npk: n, sx, sy, sxy; or NULL */
	uint64_t *wcount;	/* per item x value; or NULL */
	unsigned char *lw_mm;	/* listwise: min and max code per item */
	unsigned char hidden;	/* --min-group: 0 shown, 1 too small, 2 to
				 * protect another by complement */
	void *ssblock;		/* the scale sums, when not in g's block */
	struct scale_sums ss;	/* sx == NULL: none */
	struct score_float *flt; /* or NULL */
};

static size_t
ntri(size_t k)
{
	return k * (k - 1) / 2;
}

/* Index of pair (p, q), p < q, among k positions. */
static size_t
tri(size_t p, size_t q, size_t k)
{
	return p * k - p * (p + 1) / 2 + (q - p - 1);
}

static unsigned
bits(uint64_t x)
{
	unsigned b = 0;

	while (b < 64 && (x >> b) != 0)
		b++;
	return b;
}

/* The small words for codes 0..r: the most rows lim1 = 2^wn - 1 for which
 * n, sum a and sum b fit in 32 bits and sum a*b in 16.  None (rows go to
 * the 64-bit words) when lim1 would be under 63 (a range wider than 1..11):
 * the moves to the 64-bit words would then cost more than they save. */
static void
plan_small(struct scorer *sc, uint64_t r)
{
	uint64_t lim = 0, a, b;
	unsigned wn, wx = 0;
	size_t i;

	if (sc->ins->nitem > UINT16_MAX)
		return;		/* pair_a and pair_b are narrow */
	for (wn = 12; wn >= 6; wn--) {
		lim = ((uint64_t)1 << wn) - 1;
		wx = bits(lim * r);
		if (wn + 2 * wx <= 32 && bits(lim * r * r) <= 16)
			break;
	}
	if (wn < 6 || lim >= sc->lim)
		return;
	sc->small = 1;
	sc->lim1 = (unsigned long)lim;
	sc->sh1_x = wn;
	sc->sh1_y = wn + wx;
	sc->mask1_n = (uint32_t)lim;
	sc->mask1_x = (uint32_t)(((uint64_t)1 << wx) - 1);
	sc->inc_lo = xcalloc((size_t)sc->ncode * (sc->ncode + 1),
	    sizeof(uint32_t));
	sc->inc_hi = xcalloc((size_t)sc->ncode * (sc->ncode + 1),
	    sizeof(uint16_t));
	for (a = 0; a < sc->ncode; a++)
		for (b = 0; b < sc->ncode; b++) {
			i = a * (sc->ncode + 1) + b;
			sc->inc_lo[i] = (uint32_t)(1 | a << sc->sh1_x |
			    b << sc->sh1_y);
			sc->inc_hi[i] = (uint16_t)(a * b);
		}
}

/* The packing for codes 0..ncode-1: the most rows lim = 2^wn - 1 (wn at
 * most 16, for the 16-bit counts) for which n, sum a, sum b and sum a*b
 * over lim rows fit in 64 bits together.  Returns 0, or -1 when lim would
 * be under 255 (a very wide range). */
static int
plan_packing(struct scorer *sc)
{
	uint64_t r = sc->ncode - 1, lim = 0, a, b;
	unsigned wn, wx = 0, wxy;

	for (wn = 16; wn >= 8; wn--) {
		lim = ((uint64_t)1 << wn) - 1;
		wx = bits(lim * r);
		wxy = bits(lim * r * r);
		if (wn + 2 * wx + wxy <= 64)
			break;
	}
	if (wn < 8)
		return -1;
	sc->lim = (unsigned long)lim;
	sc->sh_x = wn;
	sc->sh_y = wn + wx;
	sc->sh_xy = wn + 2 * wx;
	sc->mask_n = lim;
	sc->mask_x = ((uint64_t)1 << wx) - 1;
	sc->inc = xcalloc((size_t)sc->ncode * (sc->ncode + 1),
	    sizeof(uint64_t));
	for (a = 0; a < sc->ncode; a++)
		for (b = 0; b < sc->ncode; b++)
			sc->inc[a * (sc->ncode + 1) + b] = 1 | a << sc->sh_x |
			    b << sc->sh_y | (a * b) << sc->sh_xy;
	plan_small(sc, r);
	return 0;
}

/* Decide between the exact and the floating-point path; codes per item
 * and value, and the one-digit shortcut. */
static void
plan_codes(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t i, v;
	double x;

	for (v = 0; v < 10; v++)
		sc->digit[v] = (short)instrument_value_index(ins, (double)v);
	for (v = 0; v < 256; v++)
		sc->digit256[v] = v >= '0' && v <= '9' ? sc->digit[v - '0'] : -1;
	sc->kval = xcalloc(ins->nitem * ins->nvalue + 1, sizeof(double));
	for (i = 0; i < ins->nitem; i++)
		for (v = 0; v < ins->nvalue; v++)
			sc->kval[i * ins->nvalue + v] = ins->item[i].reverse ?
			    ins->min + ins->max - ins->value[v] : ins->value[v];
	sc->exact = ins->min == floor(ins->min) && ins->max == floor(ins->max)
	    && ins->max - ins->min < 256 && ins->nvalue < 32768;
	for (v = 0; v < ins->nvalue && sc->exact; v++)
		if (ins->value[v] != floor(ins->value[v]) ||
		    ins->value[v] < ins->min || ins->value[v] > ins->max)
			sc->exact = 0;
	if (sc->exact) {
		sc->ncode = (unsigned)(ins->max - ins->min) + 1;
		sc->exact = plan_packing(sc) == 0;
	}
	if (!sc->exact) {
		sc->lim = 65535;	/* the 16-bit answer counts */
		return;
	}
	sc->code = xcalloc(ins->nitem * ins->nvalue + 1, 1);
	for (i = 0; i < ins->nitem; i++)
		for (v = 0; v < ins->nvalue; v++) {
			x = ins->value[v];
			sc->code[i * ins->nvalue + v] = (unsigned char)
			    (ins->item[i].reverse ? ins->max - x : x - ins->min);
		}
}

static int64_t
gcd64(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Whether scale scores can be kept as exact sums (see struct scale_sums):
 * the exact path, and |keyed answer| * lcm(1..largest scale) <= 2^40. */
static void
plan_sums(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	int64_t l = 1, lim = (int64_t)1 << 40, big;
	size_t s, c, kmax = 0;

	if (!sc->exact)
		return;
	big = (int64_t)(fabs(ins->min) > fabs(ins->max) ? fabs(ins->min) :
	    fabs(ins->max));
	if (big < 1)
		big = 1;
	for (s = 0; s < ins->nscale; s++)
		if (ins->scale[s].nitem > kmax)
			kmax = ins->scale[s].nitem;
	for (c = 2; c <= kmax; c++) {
		l = l / gcd64(l, (int64_t)c) * (int64_t)c;
		if (l > lim / big)
			return;		/* Welford's moments, as before */
	}
	sc->sums = 1;
	sc->mul = xcalloc(kmax + 1, sizeof(int64_t));
	for (c = 1; c <= kmax; c++)
		sc->mul[c] = l / (int64_t)c;
	sc->xrow = xcalloc(ins->nscale + 1, sizeof(int64_t));
}

/* The order exact_scores() takes the scales in: deepest first, so that a
 * scale whose items are exactly its child scales' (each item in one
 * child) comes after them and is summed from them (skid); the others read
 * their items' places in rcode (spos). */
static void
plan_scale_order(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t s, t, a, n, d, maxd = 0, o = 0, *depth, *kids;
	unsigned char *in;
	int p, ok;

	depth = xcalloc(ins->nscale + 1, sizeof(size_t));
	kids = xcalloc(ins->nscale + 1, sizeof(size_t));
	in = xcalloc(ins->nitem + 1, 1);
	sc->sorder = xcalloc(ins->nscale + 1, sizeof(size_t));
	sc->skid = xcalloc(ins->nscale + 1, sizeof(size_t));
	sc->skid_off = xcalloc(ins->nscale + 1, sizeof(size_t));
	sc->spos_off = xcalloc(ins->nscale + 1, sizeof(size_t));
	sc->scnt = xcalloc(ins->nscale + 1, sizeof(size_t));
	sc->ssum = xcalloc(ins->nscale + 1, sizeof(unsigned long));
	for (s = 0, n = 0; s < ins->nscale; s++) {
		for (d = 0, p = ins->scale[s].parent; p >= 0 &&
		    d <= ins->nscale; p = ins->scale[p].parent)
			d++;
		depth[s] = d;
		if (d > maxd)
			maxd = d;
		sc->spos_off[s] = n;
		n += ins->scale[s].nitem;
	}
	sc->spos_off[ins->nscale] = n;
	sc->spos = xcalloc(n + 1, sizeof(size_t));
	for (s = 0; s < ins->nscale; s++)
		for (a = 0; a < ins->scale[s].nitem; a++)
			sc->spos[sc->spos_off[s] + a] =
			    sc->rpos[ins->scale[s].item[a]];
	for (d = maxd + 1; d-- > 0;)
		for (s = 0; s < ins->nscale; s++)
			if (depth[s] == d)
				sc->sorder[o++] = s;
	for (s = 0, o = 0; s < ins->nscale; s++) {
		sc->skid_off[s] = o;
		memset(in, 0, ins->nitem);
		for (a = 0; a < ins->scale[s].nitem; a++)
			in[ins->scale[s].item[a]] = 1;
		for (t = 0, n = 0, a = 0, ok = 1; t < ins->nscale; t++) {
			if (ins->scale[t].parent != (int)s)
				continue;
			kids[n++] = t;
			for (d = 0; d < ins->scale[t].nitem; d++, a++)
				if (in[ins->scale[t].item[d]]++ != 1)
					ok = 0;	/* not s's, or twice */
		}
		if (n > 0 && ok && a == ins->scale[s].nitem) {
			memcpy(sc->skid + o, kids, n * sizeof(size_t));
			o += n;
		}
	}
	sc->skid_off[ins->nscale] = o;
	free(depth);
	free(kids);
	free(in);
}

static size_t
sums_size(size_t ns)
{
	return ns * (2 * sizeof(i128) + 3 * sizeof(int64_t));
}

static void sums_place(struct score_group *g, char *p, size_t ns);

/* g's scale sums, made on first use. */
static struct scale_sums *
group_sums(struct scorer *sc, struct score_group *g)
{
	size_t ns = sc->ins->nscale;
	char *p;

	if (g->ss.sx != NULL)
		return &g->ss;
	p = g->ssblock = xcalloc(1, sums_size(ns));
	sums_place(g, p, ns);
	return &g->ss;
}

/* Lay the scale sums out at p (sums_size(ns) bytes, zeroed, 16-aligned). */
static void
sums_place(struct score_group *g, char *p, size_t ns)
{
	size_t s;

	g->ss.sx = (i128 *)(void *)p;
	g->ss.sxx = g->ss.sx + ns;
	g->ss.n = (uint64_t *)(void *)(g->ss.sxx + ns);
	g->ss.min = (int64_t *)(g->ss.n + ns);
	g->ss.max = g->ss.min + ns;
	for (s = 0; s < ns; s++) {
		g->ss.min[s] = INT64_MAX;
		g->ss.max[s] = INT64_MIN;
	}
}

/* Add the scale sums of a to b. */
static void
sums_add(size_t ns, const struct scale_sums *a, struct scale_sums *b)
{
	size_t s;

	for (s = 0; s < ns; s++) {
		b->sx[s] += a->sx[s];
		b->sxx[s] += a->sxx[s];
		b->n[s] += a->n[s];
		if (a->min[s] < b->min[s])
			b->min[s] = a->min[s];
		if (a->max[s] > b->max[s])
			b->max[s] = a->max[s];
	}
}

/* The moments of scale s from exact sums: with q = sx / n (whole) and
 * r = sx - q n, n sum (X - mean)^2 = n d - r^2, where d = sum (X - q)^2
 * = sxx - 2 q sx + n q^2 is exact.  The rest in long double, so that the
 * mean and m2 are rounded to double about once. */
static void
sums_moments(const struct scorer *sc, const struct scale_sums *ss, size_t s,
    struct moments *m)
{
	long double l = (long double)sc->mul[1], n = (long double)ss->n[s];
	i128 q, r, d;

	moments_init(m);
	if (ss->n[s] == 0)
		return;
	q = ss->sx[s] / (i128)ss->n[s];
	r = ss->sx[s] - q * (i128)ss->n[s];
	d = ss->sxx[s] - 2 * q * ss->sx[s] + (i128)ss->n[s] * q * q;
	m->n = (double)ss->n[s];
	m->mean = (double)((long double)ss->sx[s] / (n * l));
	m->m2 = (double)((n * (long double)d - (long double)r * r) /
	    (n * l * l));
	if (m->m2 < 0)
		m->m2 = 0;
	m->min = (double)ss->min[s] / (double)l;
	m->max = (double)ss->max[s] / (double)l;
}

void
scorer_init(struct scorer *sc, const struct instrument *ins, FILE *out)
{
	size_t s, i, npair = 0, nlw = 0;

	memset(sc, 0, sizeof(*sc));
	sc->ins = ins;
	sc->min_answered = ins->min_answered;
	sc->total = 1;
	sc->check_ids = 1;
	sc->prec = 6;
	sc->warn_min_n = 10;
	sc->respondent_col = -1;
	sc->merge_total = -1;
	csvio_writer_init(&sc->out, out);
	idset_init(&sc->ids);
	sc->root_of = xcalloc(ins->nitem, sizeof(size_t));
	sc->pos_in_root = xcalloc(ins->nitem, sizeof(size_t));
	sc->pair_off = xcalloc(ins->nscale, sizeof(size_t));
	sc->lw_off = xcalloc(ins->nscale * 2, sizeof(size_t));
	sc->root = xcalloc(ins->nscale + 1, sizeof(size_t));
	for (s = 0; s < ins->nscale; s++) {
		const struct instr_scale *sp = &ins->scale[s];
		sc->lw_off[2 * s] = nlw;		/* pairs */
		nlw += ntri(sp->nitem);
		if (sp->parent >= 0)
			continue;
		sc->root[sc->nroot++] = s;
		sc->pair_off[s] = npair;
		for (i = 0; i < sp->nitem; i++) {
			sc->root_of[sp->item[i]] = s;
			sc->pos_in_root[sp->item[i]] = i;
		}
		npair += ntri(sp->nitem);
	}
	for (s = 0, i = 0; s < ins->nscale; s++) {	/* listwise items */
		sc->lw_off[2 * s + 1] = i;
		i += ins->scale[s].nitem;
	}
	sc->npair = npair;
	sc->nlw = nlw;
	sc->nlwi = i;
	plan_codes(sc);
	plan_sums(sc);
	sc->keyed = xcalloc(ins->nitem, sizeof(double));
	sc->score = xcalloc(ins->nscale, sizeof(double));
	sc->vidx = xcalloc(ins->nitem, sizeof(short));
	sc->ans = xcalloc(ins->nitem + 1, sizeof(size_t));
	sc->rpos = xcalloc(ins->nitem + 1, sizeof(size_t));
	sc->root_base = xcalloc(sc->nroot + 1, sizeof(size_t));
	for (s = 0, i = 0; s < sc->nroot; s++) {
		sc->root_base[s] = i;
		i += ins->scale[sc->root[s]].nitem + RCODE_GAP;
	}
	sc->rlen = i;
	sc->rcode = xcalloc(sc->rlen + 1, 1);
	sc->cw = xcalloc(sc->rlen + 1, sizeof(uint16_t));	/* gaps 0 */
	sc->pair_a = xcalloc(npair + 1, sizeof(uint16_t));
	sc->pair_b = xcalloc(npair + 1, sizeof(uint16_t));
	sc->cs_of = xcalloc(ins->nitem + 1, sizeof(size_t));
	for (s = 0, i = 0; s < sc->nroot; s++) {
		size_t k = ins->scale[sc->root[s]].nitem, p, q, j;

		for (p = 0; p < k; p++) {	/* a one-item root too */
			sc->cs_of[ins->scale[sc->root[s]].item[p]] = i + p;
			for (q = p + 1; q < k; q++) {
				j = sc->pair_off[sc->root[s]] + tri(p, q, k);
				sc->pair_a[j] = (uint16_t)(i + p);
				sc->pair_b[j] = (uint16_t)(i + q);
			}
		}
		i += k;
	}
	for (i = 0; i < ins->nitem; i++)
		for (s = 0; s < sc->nroot; s++)
			if (sc->root[s] == sc->root_of[i])
				sc->rpos[i] = sc->root_base[s] +
				    sc->pos_in_root[i];
	sc->complete = xcalloc(ins->nscale + 1, 1);
	plan_scale_order(sc);

	scorer_add_set(sc, "");		/* the total */
}

static size_t
bycol_index(struct scorer *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		if (strcmp(sc->bycol[i], name) == 0)
			return i;
	sc->bycol = xreallocarray(sc->bycol, sc->nbycol + 1, sizeof(char *));
	sc->bycol[sc->nbycol] = xstrdup(name);
	return sc->nbycol++;
}

void
scorer_add_set(struct scorer *sc, const char *cols)
{
	struct score_set *st;
	const char *p = cols, *c;
	char *name;

	sc->set = xreallocarray(sc->set, sc->nset + 1, sizeof(*sc->set));
	st = &sc->set[sc->nset++];
	memset(st, 0, sizeof(*st));
	st->src = SCORE_NO_SET;
	while (*p != '\0') {
		c = strchr(p, ',');
		name = c != NULL ? xstrndup(p, (size_t)(c - p)) : xstrdup(p);
		if (*name != '\0') {
			st->col = xreallocarray(st->col, st->ncol + 1,
			    sizeof(size_t));
			st->col[st->ncol++] = bycol_index(sc, name);
		}
		free(name);
		if (c == NULL)
			break;
		p = c + 1;
	}
	sc->last = xreallocarray(sc->last, sc->nset, sizeof(*sc->last));
	sc->last[sc->nset - 1] = NULL;
}

/* Whether every column of set a is a column of set b. */
static int
set_within(const struct scorer *sc, size_t a, size_t b)
{
	size_t i, j;

	for (i = 0; i < sc->set[a].ncol; i++) {
		for (j = 0; j < sc->set[b].ncol; j++)
			if (sc->set[a].col[i] == sc->set[b].col[j])
				break;
		if (j == sc->set[b].ncol)
			return 0;
	}
	return 1;
}

/* Which sets get their exact sums from a finer set (the exact path only):
 * set s derives from f when s's columns are all f's, and f is itself
 * updated by rows -- it has no strictly finer set, nor an equal one that
 * comes before it. */
static void
plan_sets(struct scorer *sc)
{
	size_t s, f, t;
	int primary;

	for (s = 0; s < sc->nset; s++)
		sc->set[s].src = SCORE_NO_SET;
	if (!sc->exact || sc->mode == SCORE_RESPONDENTS)
		return;
	for (s = 0; s < sc->nset; s++)
		for (f = 0; f < sc->nset && sc->set[s].src == SCORE_NO_SET;
		    f++) {
			if (f == s || !set_within(sc, s, f))
				continue;
			if (set_within(sc, f, s) && f > s)
				continue;	/* equal: the first one counts */
			for (t = 0, primary = 1; t < sc->nset && primary; t++)
				if (t != f && set_within(sc, f, t) &&
				    (!set_within(sc, t, f) || t < f))
					primary = 0;
			if (primary)
				sc->set[s].src = f;
		}
}

/* ---- groups ---- */

/* A 64-bit hash of a set's number and its values, eight bytes at a time. */
static uint64_t
hash_mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint64_t
hash_value(uint64_t h, const char *v)
{
	size_t n = strlen(v), j;
	uint64_t w;

	for (j = 0; j + 8 <= n; j += 8) {
		memcpy(&w, v + j, 8);
		h = hash_mix(h, w);
	}
	w = 0;
	memcpy(&w, v + j, n - j);
	return hash_mix(h, w ^ (uint64_t)n << 56);	/* ends a value */
}

static uint64_t
group_hash(const struct scorer *sc, size_t set, char *const *vals)
{
	uint64_t h = hash_mix(0x243f6a8885a308d3ULL, set);
	size_t i;

	for (i = 0; i < sc->set[set].ncol; i++)
		h = hash_value(h, vals[i]);
	return h;
}

/* The same from a row's fields (a missing field is empty). */
static uint64_t
row_hash(const struct scorer *sc, size_t set, const struct csvio_fields *rec)
{
	uint64_t h = hash_mix(0x243f6a8885a308d3ULL, set);
	size_t i, col;

	for (i = 0; i < sc->set[set].ncol; i++) {
		col = (size_t)sc->set_col[sc->set[set].col[i]];
		h = hash_value(h, col < rec->nfield ? csvio_field(rec, col) :
		    "");
	}
	return h;
}

/* The 16-bit parts of g's small words. */
static uint16_t *
s1_hi(const struct scorer *sc, const struct score_group *g)
{
	return (uint16_t *)(void *)(g->s1 + sc->npk + RCODE_GAP);
}

/* Per item (in rcode's order, without the gaps): the sum of its codes over
 * the rows in the small words.  The 32-bit part of a pair (p, q) of a
 * framework holds what is to be taken off these: the rows that missed p or
 * q, the sum of p's codes where q was missed and of q's where p was; n,
 * sum a and sum b follow (small_sums()).  Listwise words hold n, sum a and
 * sum b themselves. */
static uint16_t *
s1_cs(const struct scorer *sc, const struct score_group *g)
{
	return s1_hi(sc, g) + sc->npk + RCODE_GAP;
}

static size_t
s1_size(const struct scorer *sc)
{
	return (sc->npk + RCODE_GAP) * (sizeof(uint32_t) + sizeof(uint16_t)) +
	    sc->ins->nitem * sizeof(uint16_t);
}

/* The sums n, sx, sy, sxy in g's small words for accumulator j. */
static void
small_sums(const struct scorer *sc, const struct score_group *g, size_t j,
    uint64_t w[4])
{
	uint32_t lo = g->s1[j];
	const uint16_t *cs = s1_cs(sc, g);

	w[0] = lo & sc->mask1_n;
	w[1] = (lo >> sc->sh1_x) & sc->mask1_x;
	w[2] = lo >> sc->sh1_y;
	w[3] = s1_hi(sc, g)[j];
	if (j < sc->npair) {	/* what is missing from all rows' */
		w[0] = g->fresh - w[0];
		w[1] = cs[sc->pair_a[j]] - w[1];
		w[2] = cs[sc->pair_b[j]] - w[2];
	}
}

/* Offsets in a group's block: the struct and its key's pointers, then
 * (16-aligned) the scale sums, the answer counts, the packed pairs (small
 * or 64-bit words), the listwise counts, the listwise minima and maxima,
 * and last the key's strings.  One allocation per group: 2,500 groups
 * should cost their statistics and little more.  Every group that rows go
 * to has the same offsets, so the next row's can be fetched ahead from
 * where the group is, without waiting for its struct
 * (prefetch_group()). */
struct group_layout {
	size_t ss, cnt, pk, lwn, mm, str;
};

static size_t
align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static void
group_layout(const struct scorer *sc, int rows, struct group_layout *o)
{
	const struct instrument *ins = sc->ins;
	int small = rows && sc->small;

	o->ss = align16(sizeof(struct score_group) +
	    (sc->nbycol + 1) * sizeof(char *));
	o->cnt = o->ss + (rows && sc->sums ? align16(sums_size(ins->nscale)) :
	    0);
	o->pk = o->cnt + (rows ? align16((ins->nitem * ins->nvalue + 1) *
	    sizeof(uint16_t)) : 0);
	o->lwn = o->pk + (small ? align16(s1_size(sc)) : rows && sc->exact ?
	    (sc->npk + 1) * sizeof(uint64_t) : 0);
	o->mm = o->lwn + (sc->listwise ? ins->nscale * sizeof(unsigned long) :
	    0);
	o->str = o->mm + (rows && sc->exact && sc->listwise ? 2 * sc->nlwi : 0);
}

static struct moments *group_scale(struct scorer *sc, struct score_group *g);

static struct score_group *
group_new(struct scorer *sc, size_t set, char **vals, uint64_t hash)
{
	const struct instrument *ins = sc->ins;
	struct score_group *g;
	/* merged format-2 sums go to the same packed arrays as rows */
	int rows = sc->merging || sc->set[set].src == SCORE_NO_SET;
	int small = rows && sc->small;
	struct group_layout o;
	size_t i, len, size;
	char *b;

	group_layout(sc, rows, &o);
	for (i = 0, size = o.str; i < sc->set[set].ncol; i++)
		size += strlen(vals[i]) + 1;
	b = xcalloc(1, size);
	g = (struct score_group *)(void *)b;
	g->blksize = size;
	g->set = set;
	g->hash = hash;
	g->key = (char **)(void *)(b + sizeof(*g));
	for (i = 0, len = o.str; i < sc->set[set].ncol; i++) {
		g->key[sc->set[set].col[i]] = b + len;
		strcpy(b + len, vals[i]);
		len += strlen(vals[i]) + 1;
	}
	if (sc->listwise)
		g->lw_n = (unsigned long *)(void *)(b + o.lwn);
	if (rows) {
		g->cnt = (uint16_t *)(void *)(b + o.cnt);
		if (sc->sums)
			sums_place(g, b + o.ss, ins->nscale);
		if (small)
			g->s1 = (uint32_t *)(void *)(b + o.pk);
		else if (sc->exact)
			g->pk = (uint64_t *)(void *)(b + o.pk);
		if (sc->exact && sc->listwise) {
			g->lw_mm = (unsigned char *)b + o.mm;
			for (i = 0; i < sc->nlwi; i++)
				g->lw_mm[2 * i] = UCHAR_MAX;
		}
	}
	if (!sc->sums)
		group_scale(sc, g);
	return g;
}

/* g's scale moments, made on first use (on the exact path, rows go to
 * the scale sums, and moments are made from them at the end). */
static struct moments *
group_scale(struct scorer *sc, struct score_group *g)
{
	size_t i;

	if (g->scale != NULL)
		return g->scale;
	g->scale = xcalloc(sc->ins->nscale + 1, sizeof(*g->scale));
	for (i = 0; i < sc->ins->nscale; i++)
		moments_init(&g->scale[i]);
	return g->scale;
}

/* The floating-point part of g, made on first use. */
static struct score_float *
group_float(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	struct score_float *f = g->flt;
	size_t i;

	if (f != NULL)
		return f;
	f = g->flt = xcalloc(1, sizeof(*f));
	f->pair = xcalloc(sc->npair + 1, sizeof(*f->pair));
	f->count = xcalloc(ins->nitem * ins->nvalue + 1, sizeof(*f->count));
	if (sc->listwise) {
		f->lw_item = xcalloc(sc->nlwi + 1, sizeof(*f->lw_item));
		for (i = 0; i < sc->nlwi; i++)
			moments_init(&f->lw_item[i]);
		f->lw_pair = xcalloc(sc->nlw + 1, sizeof(*f->lw_pair));
	}
	return f;
}

/* The 64-bit sums of g, made on first use. */
static void
group_wide(struct scorer *sc, struct score_group *g)
{
	if (g->wsum != NULL)
		return;
	if (sc->npk == 0)	/* merging: the options came with the files */
		sc->npk = sc->npair + (sc->listwise ? sc->nlw + sc->nlwi : 0);
	g->wsum = xcalloc(4 * sc->npk + 1, sizeof(uint64_t));
	g->wcount = xcalloc(sc->ins->nitem * sc->ins->nvalue + 1,
	    sizeof(uint64_t));
}

/* The listwise minima and maxima of g (exact path), made on first use. */
static void
group_lw_mm(struct scorer *sc, struct score_group *g)
{
	size_t i;

	if (g->lw_mm != NULL || !sc->listwise)
		return;
	g->lw_mm = xcalloc(2 * sc->nlwi + 1, 1);
	for (i = 0; i < sc->nlwi; i++)
		g->lw_mm[2 * i] = UCHAR_MAX;
}

/* Whether p lies in g's own block (and so is not freed by itself). */
static int
in_block(const struct score_group *g, const void *p)
{
	uintptr_t b = (uintptr_t)(const void *)g, q = (uintptr_t)p;

	return q >= b && q < b + g->blksize;
}

static void
group_free(struct score_group *g)
{
	void *own[] = { g->pk, g->s1, g->cnt, g->lw_mm, g->lw_n };
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (!in_block(g, own[i]))
			free(own[i]);
	free(g->scale);
	free(g->wsum);
	free(g->wcount);
	free(g->ssblock);
	if (g->flt != NULL) {
		free(g->flt->pair);
		free(g->flt->lw_item);
		free(g->flt->lw_pair);
		free(g->flt->count);
		free(g->flt);
	}
	free(g);
}

/* Open addressing, at most half full: the group (NULL = empty) with its
 * hash, so that a probe rarely touches a group. */
static void
rehash(struct scorer *sc)
{
	size_t i, j, cap = sc->hashcap ? sc->hashcap * 2 : 64;

	while (cap < 2 * (sc->ngroup + 1))
		cap *= 2;
	free(sc->slot);
	sc->slot = xcalloc(cap, sizeof(*sc->slot));
	sc->hashcap = cap;
	for (i = 0; i < sc->ngroup; i++) {
		j = sc->group[i]->hash & (cap - 1);
		while (sc->slot[j].g != NULL)
			j = (j + 1) & (cap - 1);
		sc->slot[j].g = sc->group[i];
		sc->slot[j].hash = sc->group[i]->hash;
	}
}

/* Whether g is the group of set for these values. */
static int
group_is(const struct scorer *sc, const struct score_group *g, size_t set,
    char **vals)
{
	size_t i;

	if (g->set != set)
		return 0;
	for (i = 0; i < sc->set[set].ncol; i++)
		if (strcmp(g->key[sc->set[set].col[i]], vals[i]) != 0)
			return 0;
	return 1;
}

/* The group of set for these values (one per column of the set), whose
 * group_hash() is h, or NULL; *slot says where a new one goes. */
static struct score_group *
group_find(struct scorer *sc, size_t set, char **vals, uint64_t h,
    size_t *slot)
{
	struct score_group *g = sc->last[set];
	size_t j;

	/* Rows often come in runs of one group (always, for the total). */
	if (g != NULL && g->hash == h && group_is(sc, g, set, vals))
		return g;
	if (sc->hashcap == 0 || (sc->ngroup + 1) * 2 > sc->hashcap)
		rehash(sc);
	for (j = h & (sc->hashcap - 1); sc->slot[j].g != NULL;
	    j = (j + 1) & (sc->hashcap - 1)) {
		if (sc->slot[j].hash != h)
			continue;
		g = sc->slot[j].g;
		if (group_is(sc, g, set, vals))
			return sc->last[set] = g;
	}
	*slot = j;
	return NULL;
}

/* The group of set whose hash is h, maybe (it may be another with the
 * same hash): only to fetch ahead. */
static const struct score_group *
group_peek(const struct scorer *sc, uint64_t h)
{
	size_t j;

	if (sc->hashcap == 0)
		return NULL;
	for (j = h & (sc->hashcap - 1); sc->slot[j].g != NULL;
	    j = (j + 1) & (sc->hashcap - 1))
		if (sc->slot[j].hash == h)
			return sc->slot[j].g;
	return NULL;
}

/* The group of set for these values, whose group_hash() is h, made when
 * new. */
static struct score_group *
group_get_h(struct scorer *sc, size_t set, char **vals, uint64_t h)
{
	struct score_group *g;
	size_t j = 0;

	if ((g = group_find(sc, set, vals, h, &j)) != NULL)
		return g;
	XGROW(sc->group, sc->groupalloc, sc->ngroup + 1);
	g = sc->group[sc->ngroup] = group_new(sc, set, vals, h);
	sc->slot[j].g = g;
	sc->ngroup++;
	sc->slot[j].hash = h;
	return sc->last[set] = g;
}

static struct score_group *
group_get(struct scorer *sc, size_t set, char **vals)
{
	return group_get_h(sc, set, vals, group_hash(sc, set, vals));
}

/* ---- one respondent ---- */

/* Move g's packed sums and 16-bit counts into its 64-bit sums. */
static void
group_flush(struct scorer *sc, struct score_group *g)
{
	size_t j, nc = sc->ins->nitem * sc->ins->nvalue;
	uint64_t w, *s;

	group_wide(sc, g);
	for (j = 0; j < nc; j++) {
		g->wcount[j] += g->cnt[j];
		g->cnt[j] = 0;
	}
	for (j = 0; g->pk != NULL && j < sc->npk; j++) {
		w = g->pk[j];
		s = g->wsum + 4 * j;
		s[0] += w & sc->mask_n;
		s[1] += (w >> sc->sh_x) & sc->mask_x;
		s[2] += (w >> sc->sh_y) & sc->mask_x;
		s[3] += w >> sc->sh_xy;
		g->pk[j] = 0;
	}
	if (g->s1 != NULL)
		g->pkfresh = 0;
	else
		g->fresh = 0;
}

/* Move g's small words (lim1 rows) into its 64-bit words, first moving
 * those (and the answer counts) to the 64-bit sums if they would not hold
 * lim1 more rows. */
static void
small_flush(struct scorer *sc, struct score_group *g)
{
	uint64_t w[4];
	size_t j;

	if (g->pk == NULL)
		g->pk = xcalloc(sc->npk + 1, sizeof(*g->pk));
	if (g->pkfresh + g->fresh > sc->lim)
		group_flush(sc, g);
	for (j = 0; j < sc->npk; j++) {
		small_sums(sc, g, j, w);
		g->pk[j] += w[0] | w[1] << sc->sh_x | w[2] << sc->sh_y |
		    w[3] << sc->sh_xy;
	}
	memset(g->s1, 0, s1_size(sc));
	g->pkfresh += g->fresh;
	g->fresh = 0;
}

/* The pairs of answered items, framework by framework: one addition each.
 * Pair (p, q), p < q, of a framework of k items is at tri(p, q, k), so
 * the pairs of p are the k - p - 1 accumulators from tri(p, p + 1, k) on; a
 * missing answer q adds inc[...][ncode], which is 0. */
static void
pack_pairs(const struct scorer *sc, struct score_group *g)
{
	size_t r, p, j, k, m, stride = sc->ncode + 1;
	const unsigned char *code, *cq;
	const uint64_t *inc;
	uint64_t *row;

	for (r = 0; r < sc->nroot; r++) {
		k = sc->ins->scale[sc->root[r]].nitem;
		code = sc->rcode + sc->root_base[r];
		row = g->pk + sc->pair_off[sc->root[r]];
		for (p = 0; p + 1 < k; p++, row += m) {
			m = k - p - 1;
			if (code[p] == sc->ncode)
				continue;
			inc = sc->inc + code[p] * stride;
			cq = code + p + 1;
			for (j = 0; j + 4 <= m; j += 4) {	/* unrolled */
				row[j] += inc[cq[j]];
				row[j + 1] += inc[cq[j + 1]];
				row[j + 2] += inc[cq[j + 2]];
				row[j + 3] += inc[cq[j + 3]];
			}
			for (; j < m; j++)
				row[j] += inc[cq[j]];
		}
	}
}

/* The same in the small words: a*b to every pair (eight at a time with
 * SSE2), each answer's code to its item's sum, and per missing answer what
 * its pairs are to take off (see s1_cs()), so that a row touches the
 * 32-bit parts only where an answer is missing.  The runs of pairs go even
 * items first, then odd ones: a run's last eight words may run past its
 * end into the next run's (adding 0: cw's gap), and the next run then does
 * not load what was stored just before. */
static void
pack_pairs_small(const struct scorer *sc, struct score_group *g)
{
	size_t r, p, q, k, m, row, j, par, base;
	const unsigned char *code;
	uint16_t *hi = s1_hi(sc, g), *cs = s1_cs(sc, g), *cw, a;
	uint32_t *lo = g->s1;

	for (r = 0; r < sc->nroot; r++) {
		k = sc->ins->scale[sc->root[r]].nitem;
		code = sc->rcode + sc->root_base[r];
		cw = sc->cw + sc->root_base[r];
		base = sc->pair_off[sc->root[r]];
		cs += r > 0 ? sc->ins->scale[sc->root[r - 1]].nitem : 0;
		for (j = 0; j < k; j++) {
			a = (uint16_t)(code[j] & -(code[j] != sc->ncode));
			cw[j] = a;
			cs[j] = (uint16_t)(cs[j] + a);
		}
		for (par = 0; par < 2; par++)
			for (p = par; p + 1 < k; p += 2) {
				if ((a = cw[p]) == 0)
					continue;	/* adds nothing */
				m = k - p - 1;
				row = base + tri(p, p + 1, k);
#if defined(__SSE2__) && !defined(PLG_NO_SIMD)
				{
					const __m128i va = _mm_set1_epi16(
					    (short)a);
					__m128i *h;

					for (j = 0; j < m; j += 8) {
						h = (__m128i *)(void *)
						    (hi + row + j);
						_mm_storeu_si128(h,
						    _mm_add_epi16(
						    _mm_loadu_si128(h),
						    _mm_mullo_epi16(va,
						    _mm_loadu_si128(
						    (const __m128i *)
						    (const void *)
						    (cw + p + 1 + j)))));
					}
				}
#else
				for (j = 0; j < m; j++)
					hi[row + j] = (uint16_t)(hi[row + j] +
					    a * cw[p + 1 + j]);
#endif
			}
		if (sc->complete[sc->root[r]])
			continue;
		for (q = 0; q < k; q++) {
			if (code[q] != sc->ncode)
				continue;
			/* pairs (p, q): p's code off sum a, or both missed;
			 * tri(p + 1, q, k) = tri(p, q, k) + k - p - 2 */
			for (p = 0, row = base + q - 1; p < q;
			    row += k - p - 2, p++)
				lo[row] += code[p] == sc->ncode ? 1 :
				    1 | (uint32_t)code[p] << sc->sh1_x;
			/* pairs (q, p): p's code off sum b; both missed is
			 * counted above, from p's side */
			for (p = q + 1, row = base + tri(q, q + 1, k); p < k;
			    p++, row++)
				if (code[p] != sc->ncode)
					lo[row] += 1 | (uint32_t)code[p] <<
					    sc->sh1_y;
		}
	}
}

/* Add increment number c to accumulator j: to the small words lo and hi
 * (the listwise ones: n, sum a, sum b in lo), or to the 64-bit words pk. */
static inline void
pk_add(const struct scorer *sc, int small, uint64_t *pk, uint32_t *lo,
    uint16_t *hi, size_t j, size_t c)
{
	if (small) {
		lo[j] += sc->inc_lo[c];
		hi[j] = (uint16_t)(hi[j] + sc->inc_hi[c]);
	} else
		pk[j] += sc->inc[c];
}

/* Listwise: the pairs and items of every scale answered in full. */
static void
pack_listwise(const struct scorer *sc, struct score_group *g, int small)
{
	const struct instrument *ins = sc->ins;
	size_t s, a, b, k, li, stride = sc->ncode + 1;
	size_t pairs = sc->npair, items = pairs + sc->nlw;
	const size_t *it;
	uint64_t *pk = g->pk;
	uint32_t *lo = g->s1;
	uint16_t *hi = small ? s1_hi(sc, g) : NULL;
	unsigned char *mm = g->lw_mm;
	unsigned ca, cb;

	for (s = 0; s < ins->nscale; s++) {
		if (!sc->complete[s])
			continue;
		it = ins->scale[s].item;
		k = ins->scale[s].nitem;
		for (a = 0; a < k; a++) {
			ca = sc->rcode[sc->rpos[it[a]]];
			li = sc->lw_off[2 * s + 1] + a;
			pk_add(sc, small, pk, lo, hi, items + li,
			    ca * stride + ca);
			if (ca < mm[2 * li])
				mm[2 * li] = (unsigned char)ca;
			if (ca > mm[2 * li + 1])
				mm[2 * li + 1] = (unsigned char)ca;
			for (b = a + 1; b < k; b++) {
				cb = sc->rcode[sc->rpos[it[b]]];
				pk_add(sc, small, pk, lo, hi,
				    pairs + sc->lw_off[2 * s] + tri(a, b, k),
				    ca * stride + cb);
			}
		}
	}
}

/* A row's pairs (and listwise sums) in g's first words. */
static void
pack_row(struct scorer *sc, struct score_group *g)
{
	if (g->s1 != NULL) {
		pack_pairs_small(sc, g);
		if (sc->listwise)
			pack_listwise(sc, g, 1);
		if (++g->fresh == sc->lim1)
			small_flush(sc, g);
	} else {
		pack_pairs(sc, g);
		if (sc->listwise)
			pack_listwise(sc, g, 0);
		if (++g->fresh == sc->lim)
			group_flush(sc, g);
	}
}

/* The floating-point path (an instrument with other than whole-number
 * answers): Welford's update per pair. */
static void
float_pairs(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	struct score_float *f = group_float(sc, g);
	size_t r, a, b, s, k;
	const size_t *it;

	for (r = 0; r < sc->nroot; r++) {
		s = sc->root[r];
		k = ins->scale[s].nitem;
		it = ins->scale[s].item;
		for (a = 0; a < k; a++)
			for (b = a + 1; b < k && sc->vidx[it[a]] >= 0; b++)
				if (sc->vidx[it[b]] >= 0)
					comoments_add(&f->pair[sc->pair_off[s] +
					    tri(a, b, k)], sc->keyed[it[a]],
					    sc->keyed[it[b]]);
	}
	for (s = 0; sc->listwise && s < ins->nscale; s++) {
		if (!sc->complete[s])
			continue;
		it = ins->scale[s].item;
		k = ins->scale[s].nitem;
		for (a = 0; a < k; a++) {
			moments_add(&f->lw_item[sc->lw_off[2 * s + 1] + a],
			    sc->keyed[it[a]]);
			for (b = a + 1; b < k; b++)
				comoments_add(&f->lw_pair[sc->lw_off[2 * s] +
				    tri(a, b, k)], sc->keyed[it[a]],
				    sc->keyed[it[b]]);
		}
	}
}

static void
group_add(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t i, nv = ins->nvalue;

	g->n++;
	if (sc->sums) {
		struct scale_sums *ss = group_sums(sc, g);
		int64_t x;

		for (i = 0; i < ins->nscale; i++) {
			if (isnan(sc->score[i]))
				continue;
			x = sc->xrow[i];
			ss->n[i]++;
			ss->sx[i] += x;
			ss->sxx[i] += (i128)x * x;
			if (x < ss->min[i])
				ss->min[i] = x;
			if (x > ss->max[i])
				ss->max[i] = x;
		}
	} else
		for (i = 0; i < ins->nscale; i++)
			moments_add(&g->scale[i], sc->score[i]);
	if (sc->set[g->set].src != SCORE_NO_SET)
		return;		/* the rest comes from a finer set */
	if (g->cnt == NULL) {
		g->cnt = xcalloc(ins->nitem * nv + 1, sizeof(*g->cnt));
		if (sc->exact) {
			g->pk = xcalloc(sc->npk + 1, sizeof(*g->pk));
			group_lw_mm(sc, g);
		}
	}
	if (sc->pans != NULL) {		/* as prepare_values() left them */
		uint16_t a;

		for (i = 0; i < sc->nans; i++) {
			memcpy(&a, sc->pans + 2 * i, 2);
			g->cnt[a]++;
		}
	} else
		for (i = 0; i < sc->nans; i++)
			g->cnt[sc->ans[i]]++;
	for (i = 0; sc->listwise && i < ins->nscale; i++)
		g->lw_n[i] += sc->complete[i];
	if (sc->exact) {
		pack_row(sc, g);
		return;
	}
	float_pairs(sc, g);
	if (++g->fresh == sc->lim)
		group_flush(sc, g);
}

/* Scale scores on the exact path, from keyed codes in rcode's order: the
 * sum is of whole codes, in a register: cnt * min + sum is the exact sum of
 * the keyed answers.  A scale made of its child scales' items (a
 * framework) adds up their counts and sums instead of reading its items
 * again (plan_scale_order()). */
static void
exact_scores(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	const unsigned char *rcode = sc->rcode;
	size_t o, s, a, k, cnt, e;
	unsigned long sumc;
	unsigned c;

	for (o = 0; o < ins->nscale; o++) {
		s = sc->sorder[o];
		k = ins->scale[s].nitem;
		cnt = 0;
		sumc = 0;
		if (sc->skid_off[s] < sc->skid_off[s + 1])
			for (e = sc->skid_off[s]; e < sc->skid_off[s + 1]; e++) {
				cnt += sc->scnt[sc->skid[e]];
				sumc += sc->ssum[sc->skid[e]];
			}
		else
			for (a = 0; a < k; a++) {
				c = rcode[sc->spos[sc->spos_off[s] + a]];
				if (c != sc->ncode) {
					sumc += c;
					cnt++;
				}
			}
		sc->scnt[s] = cnt;
		sc->ssum[s] = sumc;
		sc->complete[s] = cnt == k;
		if (cnt == 0 || cnt < sc->kmin[s]) {
			sc->score[s] = NAN;
			continue;
		}
		if (sc->sums)	/* the score itself is not needed then */
			sc->xrow[s] = ((int64_t)cnt * (int64_t)ins->min +
			    (int64_t)sumc) * sc->mul[cnt];
		sc->score[s] = !sc->sums || sc->mode == SCORE_RESPONDENTS ?
		    ((double)cnt * ins->min + (double)sumc) / (double)cnt : 0;
	}
}

/* Scale scores: the mean of the keyed items answered, given enough. */
static void
compute_scores(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t s, a, k, cnt;
	const size_t *it;
	double sum;

	if (sc->exact) {
		exact_scores(sc);
		return;
	}
	for (s = 0; s < ins->nscale; s++) {
		k = ins->scale[s].nitem;
		it = ins->scale[s].item;
		for (a = 0, cnt = 0, sum = 0; a < k; a++)
			if (sc->vidx[it[a]] >= 0) {
				sum += sc->keyed[it[a]];
				cnt++;
			}
		sc->complete[s] = cnt == k;
		sc->score[s] = cnt > 0 && (double)cnt >=
		    sc->min_answered * (double)k - 1e-9 ?
		    sum / (double)cnt : NAN;
	}
}

/* ---- reading responses ---- */

/* What prepare_values() leaves for on_record(), per row: whether it read
 * every answer (aux[0]), the keyed codes in rcode's order, the count of
 * answers and their item x value indices.  (The scale scores are left to
 * on_record(): with them here, the parsing thread became the slower one.) */
static size_t
prep_ans_off(const struct scorer *sc)
{
	return (1 + sc->rlen + 1) & ~(size_t)1;
}

/* Then a byte that says whether the hashes follow, and the group_hash()
 * of the row's values for each grouping set (row_fed() ones only). */
static size_t
prep_hash_off(const struct scorer *sc)
{
	return prep_ans_off(sc) + (sc->ins->nitem + 1) * sizeof(uint16_t);
}

static size_t
prep_size(const struct scorer *sc)
{
	return prep_hash_off(sc) + 1 + sc->nset * sizeof(uint64_t);
}

/* Whether rows go to the groups of set s (else they come from a finer
 * set's, or it is the total left out). */
static int
row_fed(const struct scorer *sc, size_t s)
{
	return sc->mode != SCORE_RESPONDENTS && (s > 0 || sc->total) &&
	    (!sc->sums || sc->set[s].src == SCORE_NO_SET);
}

/* In the parsing thread (csvio_prepare()): the exact path's reading of a
 * row whose answers are all empty or one digit on the scale; anything else
 * is left to parse_values(), with its warnings.  Reads only what on_header()
 * set up and nothing changes while the file is read. */
static void
prepare_values(void *pctx, const struct csvio_fields *rec, unsigned char *aux)
{
	const struct scorer *sc = pctx;
	const struct score_pcol *pc, *end = sc->pcol + sc->npcol;
	const size_t *len = rec->len;
	const uint32_t *off = rec->off;
	const char *buf = rec->buf;
	size_t nans = 0, n = rec->nfield < sc->ncol ? rec->nfield : sc->ncol;
	unsigned char *rcode = aux + 1, *hx, *ap = aux + prep_ans_off(sc);
	uint16_t ans[1];	/* written through memcpy: aux is unaligned */
	uint64_t h;
	long v;
	size_t s;

	hx = aux + prep_hash_off(sc);
	for (s = 0; s < sc->nset; s++)
		if (row_fed(sc, s)) {
			h = row_hash(sc, s, rec);
			memcpy(hx + 1 + s * sizeof(h), &h, sizeof(h));
		}
	hx[0] = 1;
	memset(rcode, (int)sc->ncode, sc->rlen);
	if (n < sc->ncol)	/* the items past the end are empty */
		while (end > sc->pcol && end[-1].col >= n)
			end--;
	for (pc = sc->pcol; pc < end; pc++) {
		if (len[pc->col] == 0)
			continue;
		if (len[pc->col] != 1 || (v = sc->digit256[(unsigned char)
		    buf[off[pc->col]]]) < 0)
			return;		/* aux[0] stays 0 */
		v += pc->base;
		rcode[pc->pos] = sc->code[v];
		ans[0] = (uint16_t)v;
		memcpy(ap + 2 * (nans + 1), ans, 2);
		nans++;
	}
	ans[0] = (uint16_t)nans;
	memcpy(ap, ans, 2);
	aux[0] = 1;
}

/* For prepare_values(), once the header is read: the item columns in
 * order with their places; and per scale, for exact_scores(), the fewest
 * answers that give a score. */
static void
plan_prepare(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t i, s, k;
	long it;

	sc->pcol = xreallocarray(sc->pcol, sc->ncol + 1, sizeof(*sc->pcol));
	sc->npcol = 0;
	for (i = 0; i < sc->ncol; i++) {
		if ((it = sc->item_col[i]) < 0)
			continue;
		sc->pcol[sc->npcol].col = i;
		sc->pcol[sc->npcol].pos = sc->rpos[it];
		sc->pcol[sc->npcol++].base = (size_t)it * ins->nvalue;
	}
	sc->kmin = xreallocarray(sc->kmin, ins->nscale + 1, sizeof(size_t));
	for (s = 0; s < ins->nscale; s++) {
		k = ins->scale[s].nitem;
		for (i = 1; i <= k && (double)i < sc->min_answered *
		    (double)k - 1e-9; i++)
			;
		sc->kmin[s] = i;	/* k + 1: never */
	}
}

/* Where a row group's sums lie in its block (group_layout()), for
 * prefetch_group(): two ranges of bytes that a row touches, where the
 * key's strings start, and the small words' 32-bit parts (0: none), which
 * a row touches only at missing answers. */
static void
plan_prefetch(struct scorer *sc)
{
	struct group_layout o;

	group_layout(sc, 1, &o);
	sc->pf[0] = 0;	/* the struct too: group_add() starts there */
	sc->pf[1] = o.lwn;
	sc->pf[2] = sc->pf[3] = o.str;
	sc->pf_key = o.str;
	sc->pf_lo = 0;
	if (sc->small) {
		sc->pf_lo = o.pk;
		sc->pf[1] = o.pk;
		sc->pf[2] = o.pk + (sc->npk + RCODE_GAP) * sizeof(uint32_t);
	}
	if (!sc->listwise)
		sc->pf[3] = o.pk + (sc->small ? s1_size(sc) : sc->exact ?
		    (sc->npk + 1) * sizeof(uint64_t) : 0);
}

/* The answers prepare_values() read: as parse_values() would, but the
 * answers' item x value indices stay where they are (pans). */
static int
take_prepared(struct scorer *sc, const unsigned char *aux)
{
	const unsigned char *ap = aux + prep_ans_off(sc);
	uint16_t a;

	memcpy(sc->rcode, aux + 1, sc->rlen);
	memcpy(&a, ap, 2);
	sc->nans = a;
	sc->pans = ap + 2;
	sc->values += a;
	return a > 0;
}

static int
looks_like_code(const char *s)
{
	int letters = 0, digits = 0;

	for (; *s; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			letters++;
		else if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != '_')
			return 0;
	}
	return letters > 0 && digits > 0 && letters <= 4;
}

static int
on_header(struct scorer *sc, const struct csvio_record *rec)
{
	const struct instrument *ins = sc->ins;
	size_t i, j, nonitem = 0;
	long it;
	int bad = 0;

	sc->ncol = rec->nfield;
	sc->item_col = xreallocarray(sc->item_col, rec->nfield, sizeof(long));
	free(sc->set_col);
	sc->set_col = xcalloc(sc->nbycol + 1, sizeof(long));
	for (j = 0; j < sc->nbycol; j++)
		sc->set_col[j] = -1;
	sc->respondent_col = -1;
	for (i = 0; i < rec->nfield; i++) {
		const char *h = rec->field[i];
		sc->item_col[i] = -1;
		if (strcmp(h, "respondent") == 0) {
			sc->respondent_col = (long)i;
			continue;
		}
		for (j = 0; j < sc->nbycol; j++)
			if (strcmp(sc->bycol[j], h) == 0)
				sc->set_col[j] = (long)i;
		if ((it = instrument_find_item(ins, h)) >= 0) {
			for (j = 0; j < i; j++)
				if (sc->item_col[j] == it) {
					plg_warn_at(sc->file, rec->line, "item "
					    "'%s' in columns %zu and %zu", h,
					    j + 1, i + 1);
					bad = 1;
				}
			sc->item_col[i] = it;
		} else if (looks_like_code(h) && nonitem++ < 3)
			plg_warn_at(sc->file, rec->line, "column '%s' is not "
			    "an item of instrument '%s'; read as metadata", h,
			    ins->id);
	}
	if (nonitem > 3)	/* a whole other instrument: say it once */
		plg_warn_at(sc->file, rec->line, "%zu more columns like item "
		    "codes are not items of instrument '%s'; read as "
		    "metadata", nonitem - 3, ins->id);
	for (j = 0; j < sc->nbycol; j++)
		if (sc->set_col[j] < 0) {
			plg_warn_at(sc->file, rec->line, "no column '%s' for "
			    "--by", sc->bycol[j]);
			bad = 1;
		}
	if (sc->respondent_col < 0) {
		plg_warn_at(sc->file, rec->line, "no 'respondent' column: "
		    "is this plg-survey output?");
		bad = 1;
	}
	for (i = 0, j = 0; i < rec->nfield; i++)
		j += sc->item_col[i] >= 0;
	if (j == 0 && !bad) {
		plg_warn_at(sc->file, rec->line, "no column is an item of "
		    "instrument '%s'", ins->id);
		bad = 1;
	}
	if (bad)
		return 1;
	if (sc->mode == SCORE_RESPONDENTS && !sc->respondents_header) {
		/* the first input's metadata columns make the output's */
		csvio_put(&sc->out, "respondent");
		for (i = 0; i < rec->nfield; i++)
			if ((long)i != sc->respondent_col &&
			    sc->item_col[i] < 0) {
				sc->meta_name = xreallocarray(sc->meta_name,
				    sc->nmeta + 1, sizeof(char *));
				sc->meta_name[sc->nmeta++] =
				    xstrdup(rec->field[i]);
				csvio_put(&sc->out, rec->field[i]);
			}
		for (i = 0; i < ins->nscale; i++)
			csvio_put(&sc->out, ins->scale[i].code);
		csvio_end_row(&sc->out);
		sc->respondents_header = 1;
	}
	/* later inputs: the same metadata found by name, wherever it is */
	sc->meta_col = xreallocarray(sc->meta_col, sc->nmeta + 1,
	    sizeof(size_t));
	for (j = 0; j < sc->nmeta; j++) {
		sc->meta_col[j] = (size_t)-1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], sc->meta_name[j]) == 0)
				sc->meta_col[j] = i;
		if (sc->meta_col[j] == (size_t)-1)
			plg_warn_at(sc->file, rec->line, "no column '%s' (the "
			    "first input has it); written empty",
			    sc->meta_name[j]);
	}
	sc->vals = xreallocarray(sc->vals, sc->nbycol + 1, sizeof(char *));
	plan_prepare(sc);
	plan_prefetch(sc);
	sc->rowg = xreallocarray(sc->rowg, sc->nset, sizeof(*sc->rowg));
	sc->rowh = xreallocarray(sc->rowh, sc->nset, sizeof(*sc->rowh));
	sc->header_done = 1;
	/* the usual answers read in the parsing thread from now on */
	if (sc->exact && sc->reader != NULL &&
	    ins->nitem * ins->nvalue < UINT16_MAX)
		csvio_prepare(sc->reader, prepare_values, sc, prep_size(sc));
	return 0;
}

/* 1 if id was seen before (then it is not added again). */
/* Read the answers of a row: vidx, keyed, rcode and ans; returns whether
 * any answer was usable.  The usual answer, one digit, takes a table
 * look-up; anything else goes through num_parse(). */
static int
parse_values(struct scorer *sc, const struct csvio_record *rec)
{
	const struct instrument *ins = sc->ins;
	const long *item_col = sc->item_col;
	const size_t *len = rec->len, *rpos = sc->rpos;
	const unsigned char *code = sc->code;
	const double *kval = sc->kval;
	char *const *field = rec->field;
	short *vidx = sc->vidx;
	double *keyed = sc->keyed;
	unsigned char *rcode = sc->rcode;
	size_t i, nans = 0, nv = ins->nvalue;
	size_t n = rec->nfield < sc->ncol ? rec->nfield : sc->ncol;
	const char *f;
	double x;
	long it, v;

	sc->pans = NULL;
	for (i = 0; i < ins->nitem; i++)
		vidx[i] = -1;
	if (sc->exact)
		memset(rcode, (int)sc->ncode, sc->rlen);
	for (i = 0; i < n; i++) {
		if ((it = item_col[i]) < 0 || len[i] == 0)
			continue;
		f = field[i];
		if (len[i] == 1 && f[0] >= '0' && f[0] <= '9' &&
		    sc->digit[f[0] - '0'] >= 0)
			v = sc->digit[f[0] - '0'];
		else if (num_parse(f, &x) != 0 ||
		    (v = instrument_value_index(ins, x)) < 0) {
			const char *why = num_parse(f, &x) != 0 ?
			    "not a number" : "value outside the response scale";

			plg_warn_at(sc->file, rec->line, "column %zu (item %s): "
			    "%s '%.40s' ignored", i + 1, ins->item[it].code,
			    why, f);
			sc->rejected++;
			if (sc->rejects != NULL)
				rejects_answer(sc->rejects, sc->file, rec->line,
				    i, ins->item[it].code, why, f);
			continue;
		}
		vidx[it] = (short)v;
		v += it * (long)nv;
		keyed[it] = kval[v];
		if (code != NULL)
			rcode[rpos[it]] = code[v];
		sc->ans[nans++] = (size_t)v;
	}
	sc->nans = nans;
	sc->values += nans;
	return nans > 0;
}

static void
write_respondent(struct scorer *sc, const struct csvio_record *rec)
{
	size_t i;

	csvio_put(&sc->out, rec->field[sc->respondent_col]);
	for (i = 0; i < sc->nmeta; i++)
		csvio_put(&sc->out, sc->meta_col[i] < rec->nfield ?
		    rec->field[sc->meta_col[i]] : "");
	for (i = 0; i < sc->ins->nscale; i++)
		csvio_put_num(&sc->out, sc->score[i], sc->prec);
	csvio_end_row(&sc->out);
}

/* The row's values of set s in sc->vals; returns their group_hash(),
 * from what the parsing thread left in aux if it did. */
static uint64_t
row_values(struct scorer *sc, const struct csvio_record *rec, size_t s)
{
	const unsigned char *hx;
	uint64_t h;
	size_t c, col;

	for (c = 0; c < sc->set[s].ncol; c++) {
		col = (size_t)sc->set_col[sc->set[s].col[c]];
		sc->vals[c] = col < rec->nfield ? rec->field[col] : "";
	}
	if (rec->aux == NULL || !(hx = rec->aux + prep_hash_off(sc))[0])
		return group_hash(sc, s, sc->vals);
	memcpy(&h, hx + 1 + s * sizeof(h), sizeof(h));
	return h;
}

/* Ask for the sums of g, a group that rows go to, while the row's answers
 * are read: with many groups in random order, they are rarely in the
 * cache (2,500 groups of the default instrument hold 12 MB), and a row
 * adds to nearly all of them.  Reads nothing of g itself. */
static void
prefetch_group(const struct scorer *sc, const struct score_group *g)
{
#ifdef __GNUC__
	const char *b = (const char *)g, *p;
	int r;

	if (g == NULL)
		return;
	__builtin_prefetch(b + sc->pf_key, 0, 3);
	for (r = 0; r < 2; r++)
		for (p = b + sc->pf[2 * r]; p < b + sc->pf[2 * r + 1]; p += 64)
			__builtin_prefetch(p, 1, 3);
#else
	(void)sc;
	(void)g;
#endif
}

/* And the 32-bit parts of the small words that a row with these codes
 * (rcode's order) will touch: those of its missing answers' pairs, which
 * prefetch_group() leaves out (most rows touch few of them). */
static void
prefetch_missing(const struct scorer *sc, const struct score_group *g,
    const unsigned char *rcode)
{
#ifdef __GNUC__
	const unsigned char *code;
	const uint32_t *lo;
	size_t r, p, q, k, base, row;

	if (sc->pf_lo == 0)
		return;
	lo = (const uint32_t *)(const void *)((const char *)g + sc->pf_lo);
	for (r = 0; r < sc->nroot; r++) {
		k = sc->ins->scale[sc->root[r]].nitem;
		code = rcode + sc->root_base[r];
		base = sc->pair_off[sc->root[r]];
		for (q = 0; q < k; q++) {
			if (code[q] != sc->ncode)
				continue;
			for (p = 0, row = base + q - 1; p < q;
			    row += k - p - 2, p++)
				__builtin_prefetch(lo + row, 1, 3);
			row = base + tri(q, q + 1, k);
			for (p = 0; p < k - q - 1; p += 16)
				__builtin_prefetch(lo + row + p, 1, 3);
			if (k - q - 1 > 0)
				__builtin_prefetch(lo + row + k - q - 2, 1, 3);
		}
	}
#else
	(void)sc;
	(void)g;
	(void)rcode;
#endif
}

/* While this row is done, ask for the next row's groups (found by the
 * hashes the parsing thread left), their keys first: a row's work then
 * hides the wait for the next one's, which with many groups is most of
 * the time a row takes.  Returns whether it did. */
static int
fetch_next_groups(const struct scorer *sc, const unsigned char *next_aux)
{
	const struct score_group *g;
	const unsigned char *hx;
	uint64_t h;
	size_t s;

	if (next_aux == NULL || !(hx = next_aux + prep_hash_off(sc))[0])
		return 0;
	for (s = 0; s < sc->nset; s++) {
		if (!row_fed(sc, s))
			continue;
		memcpy(&h, hx + 1 + s * sizeof(h), sizeof(h));
		if ((g = group_peek(sc, h)) == NULL)
			continue;
		prefetch_group(sc, g);
		if (next_aux[0])
			prefetch_missing(sc, g, next_aux + 1);
	}
	return 1;
}

static int
no_answers(struct scorer *sc, const struct csvio_record *rec)
{
	sc->no_answers++;
	if (sc->rejects != NULL)
		rejects_row(sc->rejects, sc->file, rec->line,
		    "no valid answer");
	return 0;
}

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct scorer *sc = ctx;
	size_t s, j, idlen = 0;
	const char *id = "";
	int fetched = sc->fetched;	/* this row's groups, by the last */

	if (!sc->header_done)
		return on_header(sc, rec);
	sc->fetched = 0;
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	sc->read++;
	if ((size_t)sc->respondent_col < rec->nfield) {
		id = rec->field[sc->respondent_col];
		idlen = rec->len[sc->respondent_col];
	}
	if (sc->check_ids && idlen > 0 && idset_add(&sc->ids, id, idlen)) {
		plg_warn_at(sc->file, rec->line, "duplicate respondent '%s' "
		    "excluded", id);
		sc->dup++;
		if (sc->rejects != NULL)
			rejects_row(sc->rejects, sc->file, rec->line,
			    "duplicate respondent id");
		return 0;
	}
	for (s = 0; s < sc->nset; s++) {
		if (!row_fed(sc, s))
			continue;
		sc->rowh[s] = row_values(sc, rec, s);
		sc->rowg[s] = group_find(sc, s, sc->vals, sc->rowh[s], &j);
		if (!fetched)
			prefetch_group(sc, sc->rowg[s]);
	}
	if (sc->mode != SCORE_RESPONDENTS)
		sc->fetched = fetch_next_groups(sc, rec->next_aux);
	if (!(rec->aux != NULL && rec->aux[0] ? take_prepared(sc, rec->aux) :
	    parse_values(sc, rec)))
		return no_answers(sc, rec);
	compute_scores(sc);
	sc->scored++;
	if (sc->mode == SCORE_RESPONDENTS) {
		write_respondent(sc, rec);
		return 0;
	}
	for (s = 0; s < sc->nset; s++) {
		if (!row_fed(sc, s))
			continue;
		if (sc->rowg[s] == NULL) {	/* a new group */
			row_values(sc, rec, s);
			sc->rowg[s] = group_get_h(sc, s, sc->vals,
			    sc->rowh[s]);
		}
		group_add(sc, sc->rowg[s]);
	}
	return 0;
}

int
scorer_file(struct scorer *sc, const char *path)
{
	struct csvio_reader r;
	int rc;

	if (csvio_open(&r, path) != 0) {
		plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return PLG_EXIT_TROUBLE;
	}
	if (sc->scored == 0) {	/* options are final now */
		plan_sets(sc);
		sc->npk = sc->npair + (sc->listwise ? sc->nlw + sc->nlwi : 0);
	}
	sc->file = r.name;
	sc->header_done = 0;
	r.delim = ',';
	sc->reader = &r;
	rc = csvio_read(&r, on_record, sc);
	sc->reader = NULL;
	if (r.nbad_bytes > 0)
		plg_warn_at(r.name, 0, "%lu invalid %s sequences replaced by "
		    "U+FFFD", r.nbad_bytes, encoding_name(r.enc));
	if ((rc == CSVIO_EDATA || rc == CSVIO_ESYS) && r.errmsg[0] != '\0')
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
	else if (rc != 0)
		plg_warn_at(r.name, 0, "file skipped");
	else if (!sc->header_done)
		plg_warn_at(r.name, 0, "empty file: no header");
	csvio_close(&r);
	sc->file = NULL;
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	if (rc != 0 || !sc->header_done) {
		sc->failed = 1;
		return PLG_EXIT_DATA;
	}
	return PLG_EXIT_OK;
}

/* ---- a group's statistics: exact part plus floating-point part ---- */

/* Exact sums of g's packed accumulator j: n, sx, sy, sxy. */
static void
exact_sums(const struct scorer *sc, const struct score_group *g, size_t j,
    uint64_t w[4])
{
	uint64_t p = g->pk != NULL ? g->pk[j] : 0, s[4];
	size_t i;

	w[0] = p & sc->mask_n;
	w[1] = (p >> sc->sh_x) & sc->mask_x;
	w[2] = (p >> sc->sh_y) & sc->mask_x;
	w[3] = p >> sc->sh_xy;
	if (g->s1 != NULL) {
		small_sums(sc, g, j, s);
		for (i = 0; i < 4; i++)
			w[i] += s[i];
	}
	if (g->wsum != NULL) {
		w[0] += g->wsum[4 * j];
		w[1] += g->wsum[4 * j + 1];
		w[2] += g->wsum[4 * j + 2];
		w[3] += g->wsum[4 * j + 3];
	}
}

/* Add the exact sums of all g's accumulators to acc (4 x npk: n, sx, sy,
 * sxy): exact_sums() for all, in one pass over each of g's arrays. */
static void
exact_add_all(const struct scorer *sc, const struct score_group *g,
    uint64_t *acc)
{
	const uint16_t *hi, *cs;
	uint64_t p;
	size_t j;

	for (j = 0; g->pk != NULL && j < sc->npk; j++) {
		p = g->pk[j];
		acc[4 * j] += p & sc->mask_n;
		acc[4 * j + 1] += (p >> sc->sh_x) & sc->mask_x;
		acc[4 * j + 2] += (p >> sc->sh_y) & sc->mask_x;
		acc[4 * j + 3] += p >> sc->sh_xy;
	}
	if (g->s1 != NULL) {
		hi = s1_hi(sc, g);
		cs = s1_cs(sc, g);
		for (j = 0; j < sc->npair; j++) {	/* see s1_cs() */
			p = g->s1[j];
			acc[4 * j] += g->fresh - (p & sc->mask1_n);
			acc[4 * j + 1] += cs[sc->pair_a[j]] -
			    ((p >> sc->sh1_x) & sc->mask1_x);
			acc[4 * j + 2] += cs[sc->pair_b[j]] - (p >> sc->sh1_y);
			acc[4 * j + 3] += hi[j];
		}
		for (; j < sc->npk; j++) {
			p = g->s1[j];
			acc[4 * j] += p & sc->mask1_n;
			acc[4 * j + 1] += (p >> sc->sh1_x) & sc->mask1_x;
			acc[4 * j + 2] += p >> sc->sh1_y;
			acc[4 * j + 3] += hi[j];
		}
	}
	for (j = 0; g->wsum != NULL && j < 4 * sc->npk; j++)
		acc[j] += g->wsum[j];
}

/* Answers with value index v to item i in g from rows (not merges). */
static unsigned long
row_count(const struct scorer *sc, const struct score_group *g, size_t i,
    size_t v)
{
	size_t j = i * sc->ins->nvalue + v;

	return (g->cnt != NULL ? g->cnt[j] : 0) +
	    (g->wcount != NULL ? (unsigned long)g->wcount[j] : 0);
}

static unsigned long
group_count(const struct scorer *sc, const struct score_group *g, size_t i,
    size_t v)
{
	return row_count(sc, g, i, v) + (g->flt != NULL ?
	    g->flt->count[i * sc->ins->nvalue + v] : 0);
}

/* Keyed value of value index v of item i. */
static double
keyed_value(const struct instrument *ins, size_t i, size_t v)
{
	return ins->item[i].reverse ? ins->min + ins->max - ins->value[v] :
	    ins->value[v];
}

/* Moments of item i's keyed answers in g, from the answer counts: the
 * sums are exact, the mean and m2 rounded once each. */
static void
item_moments(const struct scorer *sc, const struct score_group *g, size_t i,
    struct moments *m)
{
	const struct instrument *ins = sc->ins;
	long double sum = 0, m2 = 0, d;
	unsigned long n = 0, c;
	size_t v;
	double x;

	moments_init(m);
	for (v = 0; v < ins->nvalue; v++) {
		if ((c = group_count(sc, g, i, v)) == 0)
			continue;
		x = keyed_value(ins, i, v);
		n += c;
		sum += (long double)c * x;
		if (x < m->min)
			m->min = x;
		if (x > m->max)
			m->max = x;
	}
	if (n == 0)
		return;
	m->n = (double)n;
	m->mean = (double)(sum / n);
	for (v = 0; v < ins->nvalue; v++)
		if ((c = group_count(sc, g, i, v)) > 0) {
			d = keyed_value(ins, i, v) - (long double)m->mean;
			m2 += c * d * d;
		}
	m->m2 = (double)m2;
}

/* Co-moments of pair p (0 .. npair-1) in g. */
static void
pair_comoments(const struct scorer *sc, const struct score_group *g,
    size_t p, struct comoments *c)
{
	uint64_t w[4];

	comoments_init(c);
	if (sc->exact) {
		exact_sums(sc, g, p, w);
		comoments_from_sums(c, w[0], w[1], w[2], w[3], sc->ins->min,
		    sc->ins->min);
	}
	if (g->flt != NULL)
		comoments_merge(c, &g->flt->pair[p]);
}

/* Listwise co-moments of pair p (0 .. nlw-1, see lw_off) in g. */
static void
lw_pair_comoments(const struct scorer *sc, const struct score_group *g,
    size_t p, struct comoments *c)
{
	uint64_t w[4];

	comoments_init(c);
	if (sc->exact) {
		exact_sums(sc, g, sc->npair + p, w);
		comoments_from_sums(c, w[0], w[1], w[2], w[3], sc->ins->min,
		    sc->ins->min);
	}
	if (g->flt != NULL)
		comoments_merge(c, &g->flt->lw_pair[p]);
}

/* Listwise moments of item i (0 .. nlwi-1, see lw_off) in g. */
static void
lw_item_moments(const struct scorer *sc, const struct score_group *g,
    size_t i, struct moments *m)
{
	uint64_t w[4];

	moments_init(m);
	if (sc->exact) {
		exact_sums(sc, g, sc->npair + sc->nlw + i, w);
		moments_from_sums(m, w[0], w[1], w[3], sc->ins->min);
		if (w[0] > 0 && g->lw_mm != NULL) {
			m->min = sc->ins->min + g->lw_mm[2 * i];
			m->max = sc->ins->min + g->lw_mm[2 * i + 1];
		}
	}
	if (g->flt != NULL)
		moments_merge(m, &g->flt->lw_item[i]);
}

/* Add the exact part of g (rows) to h's 64-bit sums. */
static void
add_exact(struct scorer *sc, const struct score_group *g,
    struct score_group *h)
{
	const struct instrument *ins = sc->ins;
	size_t i, v;

	group_wide(sc, h);
	if (sc->sums) {		/* rows went to g only */
		h->n += g->n;
		if (g->ss.sx != NULL)
			sums_add(ins->nscale, &g->ss, group_sums(sc, h));
	}
	for (i = 0; i < ins->nitem; i++)
		for (v = 0; v < ins->nvalue; v++)
			h->wcount[i * ins->nvalue + v] += row_count(sc, g, i, v);
	exact_add_all(sc, g, h->wsum);
	if (!sc->listwise)
		return;
	for (i = 0; i < ins->nscale; i++)
		h->lw_n[i] += g->lw_n[i];
	group_lw_mm(sc, h);
	for (i = 0; g->lw_mm != NULL && i < sc->nlwi; i++) {
		if (g->lw_mm[2 * i] < h->lw_mm[2 * i])
			h->lw_mm[2 * i] = g->lw_mm[2 * i];
		if (g->lw_mm[2 * i + 1] > h->lw_mm[2 * i + 1])
			h->lw_mm[2 * i + 1] = g->lw_mm[2 * i + 1];
	}
}

/* Give every derived set (plan_sets()) its exact sums: those of the
 * groups of its source set, added up. */
static void
derive_sets(struct scorer *sc)
{
	size_t i, s, c, ngroup = sc->ngroup;
	struct score_group *g;

	if (sc->derived)
		return;
	sc->derived = 1;
	for (i = 0; i < ngroup; i++) {
		g = sc->group[i];
		if (g->cnt == NULL)
			continue;	/* no rows of its own */
		for (s = 0; s < sc->nset; s++) {
			if (sc->set[s].src != g->set || (s == 0 && !sc->total))
				continue;
			for (c = 0; c < sc->set[s].ncol; c++)
				sc->vals[c] = g->key[sc->set[s].col[c]];
			add_exact(sc, g, group_get(sc, s, sc->vals));
		}
	}
}

/* ---- group output ---- */

/* The moments of g's scale s: from its exact sums, or as kept. */
static const struct moments *
scale_moments(const struct scorer *sc, const struct score_group *g,
    size_t s, struct moments *tmp)
{
	if (g->ss.sx == NULL) {
		if (g->scale != NULL)
			return &g->scale[s];
		moments_init(tmp);	/* merged, with no scores */
		return tmp;
	}
	sums_moments(sc, &g->ss, s, tmp);
	if (g->scale != NULL)	/* and merged from format 1 */
		moments_merge(tmp, &g->scale[s]);
	return tmp;
}

static const struct scorer *sort_sc;

static int
cmp_group(const void *a, const void *b)
{
	const struct score_group *x = *(struct score_group *const *)a;
	const struct score_group *y = *(struct score_group *const *)b;
	size_t i;
	int c;

	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	for (i = 0; i < sort_sc->nbycol; i++) {
		if (x->key[i] == NULL || y->key[i] == NULL)
			continue;
		if ((c = strcmp(x->key[i], y->key[i])) != 0)
			return c;
	}
	return 0;
}

static void
sort_groups(struct scorer *sc)
{
	sort_sc = sc;
	if (sc->ngroup > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(sc->group, sc->ngroup, sizeof(*sc->group), cmp_group);
	sort_sc = NULL;
	free(sc->slot);	/* in the new order */
	sc->slot = NULL;
	sc->hashcap = 0;
	rehash(sc);
}

static const char *const group_cols[] = {
	"type", "code", "parent", "group_n", "n", "missing", "mean", "sd",
	"se", "ci_low", "ci_high", "min", "max", "k", "alpha", "alpha_std",
	"average_r", "alpha_listwise", "n_listwise", "reverse", "r_drop",
	"alpha_drop"
};

static void
write_group_header(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	char buf[64], num[40];
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, sc->bycol[i]);
	for (i = 0; i < sizeof(group_cols) / sizeof(group_cols[0]); i++)
		csvio_put(&sc->out, group_cols[i]);
	for (i = 0; i < ins->nvalue; i++) {
		snprintf(buf, sizeof(buf), "n_%s",
		    csvio_format_num(num, sizeof(num), ins->value[i], 15));
		csvio_put(&sc->out, buf);
	}
	csvio_end_row(&sc->out);
}

/* The variances and covariances of g, each computed once, for fill_cov():
 * cv[0 .. npair) pairs, then nitem items, then (listwise) nlw pairs and
 * nlwi items. */
static void
group_cov(const struct scorer *sc, const struct score_group *g, double *cv)
{
	struct comoments c;
	struct moments m;
	uint64_t *w = sc->wtmp;
	size_t j;

	if (sc->exact && g->flt == NULL) {	/* the same, faster */
		memset(w, 0, 4 * sc->npk * sizeof(*w));
		exact_add_all(sc, g, w);
		for (j = 0; j < sc->npair; j++, w += 4)
			*cv++ = comoments_cov_from_sums(w[0], w[1], w[2], w[3]);
	}
	for (j = 0; !(sc->exact && g->flt == NULL) && j < sc->npair; j++) {
		pair_comoments(sc, g, j, &c);
		*cv++ = comoments_cov(&c);
	}
	for (j = 0; j < sc->ins->nitem; j++) {
		item_moments(sc, g, j, &m);
		*cv++ = moments_var(&m);
	}
	for (j = 0; sc->listwise && j < sc->nlw; j++) {
		lw_pair_comoments(sc, g, j, &c);
		*cv++ = comoments_cov(&c);
	}
	for (j = 0; sc->listwise && j < sc->nlwi; j++) {
		lw_item_moments(sc, g, j, &m);
		*cv++ = moments_var(&m);
	}
}

/* Covariance matrix of scale s (pairwise, or listwise) into C, from the
 * group's group_cov(). */
static void
fill_cov(const struct scorer *sc, const double *cv, size_t s, int listwise,
    double *C)
{
	const struct instr_scale *sp = &sc->ins->scale[s];
	const double *item = cv + sc->npair, *lwp = item + sc->ins->nitem,
	    *lwi = lwp + sc->nlw;
	size_t k = sp->nitem, a, b, r, p, q;
	double v;

	for (a = 0; a < k; a++)
		for (b = a; b < k; b++) {
			if (listwise && a == b)
				v = lwi[sc->lw_off[2 * s + 1] + a];
			else if (listwise)
				v = lwp[sc->lw_off[2 * s] + tri(a, b, k)];
			else if (a == b)
				v = item[sp->item[a]];
			else {
				r = sc->root_of[sp->item[a]];
				p = sc->pos_in_root[sp->item[a]];
				q = sc->pos_in_root[sp->item[b]];
				if (p > q) {
					size_t t = p;
					p = q;
					q = t;
				}
				v = cv[sc->pair_off[r] +
				    tri(p, q, sc->ins->scale[r].nitem)];
			}
			C[a * k + b] = C[b * k + a] = v;
		}
}

/* qt(0.975, df), remembered for whole df below 65536: groups share
 * their sizes. */
static double
t975(struct scorer *sc, double df)
{
	size_t i = (size_t)df, old = sc->ntq;

	if (df != floor(df) || df < 0 || df >= 65536)
		return stats_t_quantile(0.975, df);
	if (i >= sc->ntq) {
		XGROW(sc->tq, sc->ntq, i + 1);
		while (old < sc->ntq)
			sc->tq[old++] = NAN;
	}
	if (isnan(sc->tq[i]))
		sc->tq[i] = stats_t_quantile(0.975, df);
	return sc->tq[i];
}

static void
put_stats(struct scorer *sc, const struct moments *m)
{
	double n = m->n, mean = n > 0 ? m->mean : NAN, sd = moments_sd(m);
	double se = n > 1 ? sd / sqrt(n) : NAN;
	double t = n > 1 ? t975(sc, n - 1) : NAN;

	csvio_put_num(&sc->out, mean, sc->prec);
	csvio_put_num(&sc->out, sd, sc->prec);
	csvio_put_num(&sc->out, se, sc->prec);
	csvio_put_num(&sc->out, mean - t * se, sc->prec);
	csvio_put_num(&sc->out, mean + t * se, sc->prec);
	csvio_put_num(&sc->out, n > 0 ? m->min : NAN, sc->prec);
	csvio_put_num(&sc->out, n > 0 ? m->max : NAN, sc->prec);
}

static void
put_group_key(struct scorer *sc, const struct score_group *g)
{
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, g->key[i] != NULL ? g->key[i] : "*");
}

static void
warn_negative(const struct scorer *sc, const struct score_group *g,
    const char *what, double x)
{
	char where[256];
	size_t i, len = 0;

	/* only for the first grouping written (the total, by default):
	 * small subgroups give noisy item-rest correlations */
	if (g->n < (unsigned long)sc->warn_min_n ||
	    g->set != (sc->total ? 0 : 1))
		return;
	where[0] = '\0';
	for (i = 0; i < sc->nbycol; i++)
		if (g->key[i] != NULL && len < sizeof(where))
			len += (size_t)snprintf(where + len, sizeof(where) - len,
			    "%s%s=%s", len ? "," : " in group ", sc->bycol[i],
			    g->key[i]);
	plg_warnx("%s%s is %.3f; check reverse keying", what, where, x);
}

static void
write_scale_row(struct scorer *sc, const struct score_group *g, size_t s,
    const double *cv, double *C)
{
	const struct instrument *ins = sc->ins;
	const struct instr_scale *sp = &ins->scale[s];
	struct alpha_result ar, lw;
	struct moments tmp;
	const struct moments *sm;
	size_t i, v, k = sp->nitem;
	unsigned long cnt;
	char what[128];

	fill_cov(sc, cv, s, 0, C);
	alpha_from_cov_delete(C, k, &ar, NULL);
	lw.raw = NAN;
	if (sc->listwise) {
		fill_cov(sc, cv, s, 1, C);
		alpha_from_cov_delete(C, k, &lw, NULL);
	}
	put_group_key(sc, g);
	csvio_put(&sc->out, sp->framework || sp->parent < 0 ? "framework" :
	    "scale");
	csvio_put(&sc->out, sp->code);
	csvio_put(&sc->out, sp->parent >= 0 ? ins->scale[sp->parent].code : "");
	csvio_put_ulong(&sc->out, g->n);
	sm = scale_moments(sc, g, s, &tmp);
	csvio_put_ulong(&sc->out, (unsigned long)sm->n);
	csvio_put_ulong(&sc->out, g->n - (unsigned long)sm->n);
	put_stats(sc, sm);
	csvio_put_ulong(&sc->out, k);
	csvio_put_num(&sc->out, ar.raw, sc->prec);
	csvio_put_num(&sc->out, ar.std, sc->prec);
	csvio_put_num(&sc->out, ar.average_r, sc->prec);
	csvio_put_num(&sc->out, lw.raw, sc->prec);
	if (sc->listwise)
		csvio_put_ulong(&sc->out, g->lw_n[s]);
	else
		csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	for (v = 0; v < ins->nvalue; v++) {
		for (i = 0, cnt = 0; i < k; i++)
			cnt += group_count(sc, g, sp->item[i], v);
		csvio_put_ulong(&sc->out, cnt);
	}
	csvio_end_row(&sc->out);
	if (!isnan(ar.raw) && ar.raw < 0) {
		snprintf(what, sizeof(what), "alpha of '%s'", sp->code);
		warn_negative(sc, g, what, ar.raw);
	}
}

static void
write_item_row(struct scorer *sc, const struct score_group *g, size_t i,
    const double *cv, double *C)
{
	const struct instrument *ins = sc->ins;
	const struct instr_item *it = &ins->item[i];
	const struct instr_scale *sp = &ins->scale[it->scale];
	double adrop = NAN, rdrop = NAN;
	struct moments m;
	size_t a, v;
	char what[128];

	for (a = 0; a < sp->nitem; a++)
		if (sp->item[a] == i)
			break;
	fill_cov(sc, cv, it->scale, 0, C);
	alpha_item_drop_delete(C, sp->nitem, a, &adrop, &rdrop);
	item_moments(sc, g, i, &m);
	put_group_key(sc, g);
	csvio_put(&sc->out, "item");
	csvio_put(&sc->out, it->code);
	csvio_put(&sc->out, sp->code);
	csvio_put_ulong(&sc->out, g->n);
	csvio_put_ulong(&sc->out, (unsigned long)m.n);
	csvio_put_ulong(&sc->out, g->n - (unsigned long)m.n);
	put_stats(sc, &m);
	csvio_put_ulong(&sc->out, 1);
	for (a = 0; a < 5; a++)
		csvio_put(&sc->out, "");
	csvio_put(&sc->out, it->reverse ? "1" : "0");
	csvio_put_num(&sc->out, rdrop, sc->prec);
	csvio_put_num(&sc->out, adrop, sc->prec);
	for (v = 0; v < ins->nvalue; v++)
		csvio_put_ulong(&sc->out, group_count(sc, g, i, v));
	csvio_end_row(&sc->out);
	if (!isnan(rdrop) && rdrop < 0) {
		snprintf(what, sizeof(what), "item-rest correlation of '%s' "
		    "in '%s'", it->code, sp->code);
		warn_negative(sc, g, what, rdrop);
	}
}

static void
write_groups(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t g, s, i, kmax = 1;
	double *C, *cv;

	for (s = 0; s < ins->nscale; s++)
		if (ins->scale[s].nitem > kmax)
			kmax = ins->scale[s].nitem;
	C = xcalloc(kmax * kmax, sizeof(double));
	cv = xcalloc(sc->npair + ins->nitem + sc->nlw + sc->nlwi + 1,
	    sizeof(double));
	sc->wtmp = xcalloc(4 * sc->npk + 1, sizeof(uint64_t));
	write_group_header(sc);
	for (g = 0; g < sc->ngroup; g++) {
		if (!sc->total && sc->group[g]->set == 0)
			continue;	/* --merge --no-total: partials may hold it */
		if (sc->group[g]->hidden)
			continue;	/* --min-group */
		group_cov(sc, sc->group[g], cv);
		for (s = 0; s < ins->nscale; s++)
			write_scale_row(sc, sc->group[g], s, cv, C);
		if (sc->items)
			for (i = 0; i < ins->nitem; i++)
				write_item_row(sc, sc->group[g], i, cv, C);
	}
	free(cv);
	free(C);
	free(sc->wtmp);
	sc->wtmp = NULL;
}

/* ---- partial statistics: write ---- */

static void
put_partial_prefix(struct scorer *sc, const char *kind,
    const struct score_group *g)
{
	size_t i;

	csvio_put(&sc->out, kind);
	if (g == NULL) {
		csvio_put(&sc->out, "");
		for (i = 0; i < sc->nbycol; i++)
			csvio_put(&sc->out, "*");
		return;
	}
	csvio_put_ulong(&sc->out, g->set);
	put_group_key(sc, g);
}

static void
put_config(struct scorer *sc, const char *name, const char *value)
{
	size_t i;

	put_partial_prefix(sc, "config", NULL);
	csvio_put(&sc->out, name);
	csvio_put(&sc->out, value);
	for (i = 0; i < 6; i++)
		csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

static void
put_moments(struct scorer *sc, const char *kind, const struct score_group *g,
    const char *a, const char *b, const struct moments *m)
{
	if (m->n == 0)
		return;
	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_num(&sc->out, m->n, 17);
	csvio_put_num(&sc->out, m->mean, 17);
	csvio_put(&sc->out, "");
	csvio_put_num(&sc->out, m->m2, 17);
	csvio_put_num(&sc->out, m->min, 17);
	csvio_put_num(&sc->out, m->max, 17);
	csvio_end_row(&sc->out);
}

static void
put_comoments(struct scorer *sc, const char *kind,
    const struct score_group *g, const char *a, const char *b,
    const struct comoments *c)
{
	if (c->n == 0)
		return;
	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_num(&sc->out, c->n, 17);
	csvio_put_num(&sc->out, c->mx, 17);
	csvio_put_num(&sc->out, c->my, 17);
	csvio_put_num(&sc->out, c->cxy, 17);
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

static void
put_count(struct scorer *sc, const char *kind, const struct score_group *g,
    const char *a, const char *b, unsigned long n)
{
	size_t i;

	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_ulong(&sc->out, n);
	for (i = 0; i < 5; i++)
		csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

/* "team;role,team": the grouping sets after the total. */
static char *
sets_spec(const struct scorer *sc)
{
	size_t s, c, len = 1;
	char *spec;

	for (s = 1; s < sc->nset; s++)
		for (c = 0, len++; c < sc->set[s].ncol; c++)
			len += strlen(sc->bycol[sc->set[s].col[c]]) + 1;
	spec = xcalloc(len, 1);
	for (s = 1; s < sc->nset; s++) {
		if (s > 1)
			strcat(spec, ";");
		for (c = 0; c < sc->set[s].ncol; c++) {
			if (c > 0)
				strcat(spec, ",");
			strcat(spec, sc->bycol[sc->set[s].col[c]]);
		}
	}
	return spec;
}

static void
write_partial_group(struct scorer *sc, const struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	struct moments tmp;
	size_t i, s, a, b, k;
	char num[40], pair[256];
	struct moments m;
	struct comoments c;
	unsigned long n;

	put_count(sc, "group", g, "", "", g->n);
	for (s = 0; s < ins->nscale; s++)
		put_moments(sc, "scale", g, ins->scale[s].code, "",
		    scale_moments(sc, g, s, &tmp));
	for (i = 0; i < ins->nitem; i++) {
		item_moments(sc, g, i, &m);
		put_moments(sc, "item", g, ins->item[i].code, "", &m);
		for (a = 0; a < ins->nvalue; a++)
			if ((n = group_count(sc, g, i, a)) > 0)
				put_count(sc, "count", g, ins->item[i].code,
				    csvio_format_num(num, sizeof(num),
				    ins->value[a], 15), n);
	}
	for (s = 0; s < ins->nscale; s++) {
		const struct instr_scale *sp = &ins->scale[s];
		k = sp->nitem;
		if (sp->parent < 0)
			for (a = 0; a < k; a++)
				for (b = a + 1; b < k; b++) {
					pair_comoments(sc, g, sc->pair_off[s] +
					    tri(a, b, k), &c);
					put_comoments(sc, "pair", g,
					    ins->item[sp->item[a]].code,
					    ins->item[sp->item[b]].code, &c);
				}
		if (!sc->listwise || g->lw_n[s] == 0)
			continue;
		put_count(sc, "lw", g, sp->code, "", g->lw_n[s]);
		for (a = 0; a < k; a++) {
			lw_item_moments(sc, g, sc->lw_off[2 * s + 1] + a, &m);
			put_moments(sc, "lwitem", g, sp->code,
			    ins->item[sp->item[a]].code, &m);
			for (b = a + 1; b < k; b++) {
				snprintf(pair, sizeof(pair), "%s %s",
				    ins->item[sp->item[a]].code,
				    ins->item[sp->item[b]].code);
				lw_pair_comoments(sc, g, sc->lw_off[2 * s] +
				    tri(a, b, k), &c);
				put_comoments(sc, "lwpair", g, sp->code, pair,
				    &c);
			}
		}
	}
}

/* ---- partial statistics, format 2: the exact sums ----
 * On the exact path a group's state is whole numbers, and format 2 writes
 * them as they are, one row per group (kind "exact"), in the data column:
 * the answer counts (items x values), the four sums of every packed pair
 * (npk x 4: n, sum a, sum b, sum ab, codes from 0), per scale the exact
 * score sums (n, sum X, sum X^2, least X, largest X, X = score * L), and
 * with --listwise the complete rows per scale and the least and largest
 * code per listwise item.  Merging adds them up: the result is the single
 * pass's, bit for bit, and the file is about a tenth of format 1's. */

/* Append the n characters at p to the data field, after a space. */
static void
put_word(char **buf, size_t *len, size_t *alloc, const char *p, size_t n)
{
	XGROW(*buf, *alloc, *len + n + 2);
	if (*len > 0)
		(*buf)[(*len)++] = ' ';
	memcpy(*buf + *len, p, n);
	*len += n;
}

static void
put_u64(char **buf, size_t *len, size_t *alloc, uint64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put_word(buf, len, alloc, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* 128-bit division is slow: only the numbers that need it take it. */
static void
put_i128(char **buf, size_t *len, size_t *alloc, i128 v)
{
	char tmp[48], *p = tmp + sizeof(tmp);
	__extension__ unsigned __int128 u = v < 0 ? -(unsigned __int128)v :
	    (unsigned __int128)v;

	if (v >= 0 && v <= (i128)UINT64_MAX) {
		put_u64(buf, len, alloc, (uint64_t)v);
		return;
	}
	do
		*--p = (char)('0' + (int)(u % 10));
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	put_word(buf, len, alloc, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
write_exact_group(struct scorer *sc, const struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t i, v, j, len = 0;
	uint64_t w[4];
	const struct scale_sums *ss = &g->ss;

	put_partial_prefix(sc, "exact", g);
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_put_ulong(&sc->out, g->n);
	for (i = 0; i < 5; i++)
		csvio_put(&sc->out, "");
	for (i = 0; i < ins->nitem; i++)
		for (v = 0; v < ins->nvalue; v++)
			put_u64(&sc->pbuf, &len, &sc->pbufalloc,
			    row_count(sc, g, i, v));
	for (j = 0; j < sc->npk; j++) {
		exact_sums(sc, g, j, w);
		for (i = 0; i < 4; i++)
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, w[i]);
	}
	for (i = 0; i < ins->nscale; i++) {
		if (ss->sx == NULL || ss->n[i] == 0) {
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, 0);
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, 0);
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, 0);
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, 0);
			put_u64(&sc->pbuf, &len, &sc->pbufalloc, 0);
			continue;
		}
		put_u64(&sc->pbuf, &len, &sc->pbufalloc, ss->n[i]);
		put_i128(&sc->pbuf, &len, &sc->pbufalloc, ss->sx[i]);
		put_i128(&sc->pbuf, &len, &sc->pbufalloc, ss->sxx[i]);
		put_i128(&sc->pbuf, &len, &sc->pbufalloc, ss->min[i]);
		put_i128(&sc->pbuf, &len, &sc->pbufalloc, ss->max[i]);
	}
	for (i = 0; sc->listwise && i < ins->nscale; i++)
		put_u64(&sc->pbuf, &len, &sc->pbufalloc, g->lw_n[i]);
	for (i = 0; sc->listwise && i < 2 * sc->nlwi; i++)
		put_u64(&sc->pbuf, &len, &sc->pbufalloc,
		    g->lw_mm != NULL ? g->lw_mm[i] : i % 2 == 0 ? UCHAR_MAX : 0);
	csvio_putn(&sc->out, sc->pbuf, len);
	csvio_end_row(&sc->out);
}

/* Format 2 when every group is exact (rows of whole-number answers, or
 * merged format-2 files), else format 1. */
static int
partial_format(const struct scorer *sc)
{
	size_t i, s;

	if (!sc->exact || !sc->sums)
		return 1;
	for (i = 0; i < sc->ngroup; i++) {
		const struct score_group *g = sc->group[i];

		if (g->flt != NULL)
			return 1;
		for (s = 0; g->scale != NULL && s < sc->ins->nscale; s++)
			if (g->scale[s].n > 0)
				return 1;	/* merged from format 1 */
	}
	return 2;
}

static void
write_partial(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	char buf[64];
	char *spec;
	size_t i;
	int format = partial_format(sc);
	static const char *const cols[] = { "a", "b", "n", "mean_a", "mean_b",
	    "m2", "min", "max", "data" };

	csvio_put(&sc->out, "kind");
	csvio_put(&sc->out, "set");
	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, sc->bycol[i]);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]) - (format == 1); i++)
		csvio_put(&sc->out, cols[i]);
	csvio_end_row(&sc->out);
	put_config(sc, "format", format == 1 ? "plg-partial 1" :
	    "plg-partial 2");
	put_config(sc, "instrument", ins->id);
	put_config(sc, "version", ins->version);
	snprintf(buf, sizeof(buf), "%zu", ins->nitem);
	put_config(sc, "items", buf);
	put_config(sc, "min_answered", csvio_format_num(buf, sizeof(buf),
	    sc->min_answered, 17));
	put_config(sc, "listwise", sc->listwise ? "1" : "0");
	put_config(sc, "total", sc->total ? "1" : "0");
	spec = sets_spec(sc);
	put_config(sc, "sets", spec);
	free(spec);
	if (format == 2) {
		snprintf(buf, sizeof(buf), "%zu %zu %zu %zu %lld",
		    ins->nvalue, sc->npk, ins->nscale, sc->nlwi,
		    (long long)sc->mul[1]);
		put_config(sc, "layout", buf);
	}
	for (i = 0; i < sc->ngroup; i++)
		if (format == 2)
			write_exact_group(sc, sc->group[i]);
		else
			write_partial_group(sc, sc->group[i]);
}

/* ---- --min-group: anonymity ---- */

/* Whether group g lies within P (equal on every column of P's set); P ==
 * NULL is the whole input. */
static int
group_within(const struct scorer *sc, const struct score_group *P,
    const struct score_group *g)
{
	const struct score_set *ps;
	size_t c;

	if (P == NULL)
		return 1;
	ps = &sc->set[P->set];
	for (c = 0; c < ps->ncol; c++)
		if (strcmp(P->key[ps->col[c]], g->key[ps->col[c]]) != 0)
			return 0;
	return 1;
}

/* In the partition of P by set s: while exactly one group is hidden, or
 * the hidden ones together have fewer than k respondents, hide the
 * smallest shown one too -- else P's numbers minus the shown groups' would
 * give the hidden one's away.  Returns 1 if anything changed. */
static int
protect_partition(struct scorer *sc, const struct score_group *P, size_t s,
    unsigned long k)
{
	struct score_group *g, *best;
	size_t i, nhidden;
	unsigned long hidden_n;
	int changed = 0;

	for (;;) {
		nhidden = 0;
		hidden_n = 0;
		best = NULL;
		for (i = 0; i < sc->ngroup; i++) {
			g = sc->group[i];
			if (g->set != s || !group_within(sc, P, g))
				continue;
			if (g->hidden) {
				nhidden++;
				hidden_n += g->n;
			} else if (best == NULL || g->n < best->n)
				best = g;
		}
		if (nhidden == 0 || best == NULL ||
		    (nhidden > 1 && hidden_n >= k))
			return changed;
		best->hidden = 2;
		changed = 1;
	}
}

/* A hidden group's groups in a finer set s are hidden too: shown, they
 * would add up to it.  Returns 1 if anything changed. */
static int
hide_within(struct scorer *sc, const struct score_group *P, size_t s)
{
	size_t i;
	int changed = 0;

	for (i = 0; i < sc->ngroup; i++)
		if (sc->group[i]->set == s && !sc->group[i]->hidden &&
		    group_within(sc, P, sc->group[i])) {
			sc->group[i]->hidden = 2;
			changed = 1;
		}
	return changed;
}

/* Hide the groups with fewer than k respondents, and as few others as it
 * takes so that none of them can be recovered by subtraction from a group
 * of a coarser set (the total, or --by team next to --by team,role), or
 * from the whole, which is known even with --no-total, nor by adding up
 * the groups of a finer set. */
static void
suppress_groups(struct scorer *sc, unsigned long k)
{
	size_t i, s, p;
	int changed;

	for (i = 0; i < sc->ngroup; i++)
		sc->group[i]->hidden = sc->group[i]->n < k;
	do {
		changed = 0;
		for (s = 1; s < sc->nset; s++) {
			changed |= protect_partition(sc, NULL, s, k);
			for (p = 0; p < sc->nset; p++) {
				if (p == s || !set_within(sc, p, s) ||
				    set_within(sc, s, p))
					continue;	/* not a coarser set */
				for (i = 0; i < sc->ngroup; i++)
					if (sc->group[i]->set == p)
						changed |= sc->group[i]->hidden ?
						    hide_within(sc,
						    sc->group[i], s) :
						    protect_partition(sc,
						    sc->group[i], s, k);
			}
		}
	} while (changed);
	for (i = 0; i < sc->ngroup; i++)
		if (sc->group[i]->hidden)
			sc->nhidden[sc->group[i]->hidden - 1]++;
}

int
scorer_finish(struct scorer *sc)
{
	if (sc->mode == SCORE_RESPONDENTS)
		return 0;
	derive_sets(sc);
	sort_groups(sc);
	if (sc->min_group > 0 && sc->mode == SCORE_GROUPS)
		suppress_groups(sc, sc->min_group);
	if (sc->mode == SCORE_PARTIAL)
		write_partial(sc);
	else
		write_groups(sc);
	return 0;
}

/* ---- partial statistics: merge ---- */

struct merge {
	struct scorer *sc;
	const char *file;
	int header_done;
	long col_kind, col_set, col_a, col_b, col_n, col_ma, col_mb, col_m2,
	    col_min, col_max, col_data;
	int format;		/* 1 or 2, from the config */
	long *bycol_col;	/* per bycol: column in this file */
	int configured;		/* sets taken from this file's config */
	int nerr;
	size_t hint_a, hint_b;	/* items of the previous record */
};

static const char *
mfield(const struct merge *m, const struct csvio_record *rec, long col)
{
	(void)m;
	return col >= 0 && (size_t)col < rec->nfield ? rec->field[col] : "";
}

static double
mnum(struct merge *m, const struct csvio_record *rec, long col)
{
	double x;

	if (num_parse(mfield(m, rec, col), &x) != 0) {
		plg_warn_at(m->file, rec->line, "not a number in partial "
		    "file: '%.40s'", mfield(m, rec, col));
		m->nerr++;
		return 0;
	}
	return x;
}

/* A count in a partial file: a whole number from 0 to 1e15, else an error
 * (and 0, which is never merged: the file is rejected). */
static unsigned long
mcount(struct merge *m, const struct csvio_record *rec, long col)
{
	double x = mnum(m, rec, col);

	if (!(x >= 0 && x <= 1e15) || x != floor(x)) {
		plg_warn_at(m->file, rec->line, "not a count in partial file: "
		    "'%.40s'", mfield(m, rec, col));
		m->nerr++;
		return 0;
	}
	return (unsigned long)x;
}

static int
merge_header(struct merge *m, const struct csvio_record *rec)
{
	static const char *const names[] = { "kind", "set", "a", "b", "n",
	    "mean_a", "mean_b", "m2", "min", "max" };
	long *cols[] = { &m->col_kind, &m->col_set, &m->col_a, &m->col_b,
	    &m->col_n, &m->col_ma, &m->col_mb, &m->col_m2, &m->col_min,
	    &m->col_max };
	size_t i, j;

	for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
		*cols[j] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], names[j]) == 0)
				*cols[j] = (long)i;
		if (*cols[j] < 0) {
			plg_warn_at(m->file, rec->line, "not a partial file "
			    "(plg-score --partial): no column '%s'", names[j]);
			return 1;
		}
	}
	m->col_data = -1;	/* format 2 only */
	for (i = 0; i < rec->nfield; i++)
		if (strcmp(rec->field[i], "data") == 0)
			m->col_data = (long)i;
	/* the group columns stand between set and a */
	for (i = (size_t)m->col_set + 1; i < (size_t)m->col_a; i++)
		bycol_index(m->sc, rec->field[i]);
	m->bycol_col = xcalloc(m->sc->nbycol + 1, sizeof(long));
	for (j = 0; j < m->sc->nbycol; j++) {
		m->bycol_col[j] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], m->sc->bycol[j]) == 0)
				m->bycol_col[j] = (long)i;
	}
	m->header_done = 1;
	return 0;
}

static void
merge_sets(struct merge *m, const char *spec, unsigned long line)
{
	struct scorer *sc = m->sc;
	char *have = sets_spec(sc), *copy, *p, *semi;

	if (sc->nset > 1 || sc->ngroup > 0) {
		if (strcmp(have, spec) != 0) {
			plg_warn_at(m->file, line, "grouped by '%s', not '%s' "
			    "like the earlier input", spec, have);
			m->nerr++;
		}
		free(have);
		return;
	}
	free(have);
	copy = xstrdup(spec);
	for (p = copy; *p != '\0'; p = semi + 1) {
		semi = strchr(p, ';');
		if (semi != NULL)
			*semi = '\0';
		scorer_add_set(sc, p);
		if (semi == NULL)
			break;
	}
	free(copy);
}

/* The packed sums a group holds, before any group is made. */
static void
merge_plan(struct scorer *sc)
{
	sc->npk = sc->npair + (sc->listwise ? sc->nlw + sc->nlwi : 0);
}

static void
merge_config(struct merge *m, const struct csvio_record *rec)
{
	struct scorer *sc = m->sc;
	const char *k = mfield(m, rec, m->col_a), *v = mfield(m, rec, m->col_b);
	char buf[64];
	const char *want = NULL;

	if (strcmp(k, "instrument") == 0)
		want = sc->ins->id;
	else if (strcmp(k, "version") == 0)
		want = sc->ins->version;
	else if (strcmp(k, "items") == 0) {
		snprintf(buf, sizeof(buf), "%zu", sc->ins->nitem);
		want = buf;
	} else if (strcmp(k, "format") == 0) {
		m->format = strcmp(v, "plg-partial 2") == 0 ? 2 :
		    strcmp(v, "plg-partial 1") == 0 ? 1 : 0;
		if (m->format == 0) {
			plg_warn_at(m->file, rec->line, "partial file has "
			    "format '%s'; this plg-score reads 'plg-partial 1' "
			    "and 'plg-partial 2': it cannot be merged", v);
			m->nerr++;
		}
		if (m->format == 2 && (!sc->exact || !sc->sums ||
		    m->col_data < 0)) {
			plg_warn_at(m->file, rec->line, "partial file of "
			    "format 2 needs whole-number answers and a 'data' "
			    "column: it cannot be merged");
			m->nerr++;
		}
	} else if (strcmp(k, "layout") == 0) {
		snprintf(buf, sizeof(buf), "%zu %zu %zu %zu %lld",
		    sc->ins->nvalue, sc->npair + (sc->listwise ? sc->nlw +
		    sc->nlwi : 0), sc->ins->nscale, sc->nlwi,
		    sc->sums ? (long long)sc->mul[1] : 0LL);
		want = buf;
	} else if (strcmp(k, "min_answered") == 0) {
		if (sc->ngroup == 0)
			num_parse(v, &sc->min_answered);
		want = csvio_format_num(buf, sizeof(buf), sc->min_answered, 17);
	} else if (strcmp(k, "listwise") == 0) {
		if (sc->ngroup == 0) {
			sc->listwise = strcmp(v, "1") == 0;
			merge_plan(sc);
		}
		want = sc->listwise ? "1" : "0";
	} else if (strcmp(k, "total") == 0) {
		/* every input must hold the total, or none: a total over
		 * some batches only would be wrong */
		if (sc->merge_total < 0)
			sc->merge_total = strcmp(v, "1") == 0;
		want = sc->merge_total ? "1" : "0";
	} else if (strcmp(k, "sets") == 0) {
		merge_sets(m, v, rec->line);
		return;
	}
	if (want != NULL && strcmp(want, v) != 0) {
		plg_warn_at(m->file, rec->line, "partial file has %s '%s', "
		    "expected '%s': it cannot be merged", k, v, want);
		m->nerr++;
	}
}

static struct score_group *
merge_group(struct merge *m, const struct csvio_record *rec)
{
	struct scorer *sc = m->sc;
	double s;
	size_t set, c;

	s = mnum(m, rec, m->col_set);
	if (s < 0 || s >= (double)sc->nset || s != floor(s)) {
		plg_warn_at(m->file, rec->line, "no grouping set %s",
		    mfield(m, rec, m->col_set));
		m->nerr++;
		return NULL;
	}
	set = (size_t)s;
	sc->vals = xreallocarray(sc->vals, sc->nbycol + 1, sizeof(char *));
	for (c = 0; c < sc->set[set].ncol; c++)
		sc->vals[c] = (char *)mfield(m, rec,
		    m->bycol_col[sc->set[set].col[c]]);
	return group_get(sc, set, sc->vals);
}

/* instrument_find_item(), trying the item of the previous record and the
 * one after it first: partial files list items in order. */
static long
merge_item(const struct merge *m, size_t *hint, const char *code)
{
	const struct instrument *ins = m->sc->ins;
	long i;

	if (*hint < ins->nitem && strcmp(ins->item[*hint].code, code) == 0)
		return (long)*hint;
	if (*hint + 1 < ins->nitem &&
	    strcmp(ins->item[*hint + 1].code, code) == 0)
		return (long)++*hint;
	if ((i = instrument_find_item(ins, code)) >= 0)
		*hint = (size_t)i;
	return i;
}

/*
 * On the exact path, the exact sums behind a partial file's co-moments:
 * comoments_from_sums() rounds each result once, from sums below 2^50, so
 * n, mean_a, mean_b and m2 in 17 digits determine them.  Recovered sums
 * add to the group's 64-bit sums, so merged partials give the one-pass
 * output bit for bit.  Returns 0, or -1 (w unusable) when the numbers are
 * not those of whole-number answers, and the merge is by Chan's formulas.
 */
static int
recover_sums(const struct scorer *sc, const struct comoments *x,
    uint64_t w[4])
{
	double r = sc->ncode - 1, min = sc->ins->min;
	long double ln, sx, sy, c;
	struct comoments y;
	uint64_t n;

	if (!sc->exact || !(x->n >= 1 && x->n <= 1e12) || x->n != floor(x->n))
		return -1;
	n = (uint64_t)x->n;
	ln = (long double)n;
	sx = roundl(((long double)x->mx - min) * ln);
	sy = roundl(((long double)x->my - min) * ln);
	c = roundl((long double)x->cxy * ln);	/* n*sxy - sx*sy */
	if (sx < 0 || sy < 0 || sx > r * ln || sy > r * ln)
		return -1;
	w[0] = n;
	w[1] = (uint64_t)sx;
	w[2] = (uint64_t)sy;
	if (fabsl(c) > 4e18L || (c + sx * sy) < 0 ||
	    fmodl(c + sx * sy, ln) != 0)
		return -1;
	w[3] = (uint64_t)((c + sx * sy) / ln);
	comoments_from_sums(&y, w[0], w[1], w[2], w[3], min, min);
	return y.mx == x->mx && y.my == x->my && y.cxy == x->cxy ? 0 : -1;
}

/* Merge co-moments x into g: into its 64-bit sums at packed index j when
 * recover_sums() can, else into its floating-point part dst. */
static void
merge_comoments(struct scorer *sc, struct score_group *g, size_t j,
    const struct comoments *x, struct comoments *dst)
{
	uint64_t w[4];

	if (recover_sums(sc, x, w) == 0) {
		group_wide(sc, g);
		g->wsum[4 * j] += w[0];
		g->wsum[4 * j + 1] += w[1];
		g->wsum[4 * j + 2] += w[2];
		g->wsum[4 * j + 3] += w[3];
	} else
		comoments_merge(dst, x);
}

static void
read_moments(struct merge *m, const struct csvio_record *rec,
    struct moments *dst)
{
	struct moments x;

	x.n = mnum(m, rec, m->col_n);
	x.mean = mnum(m, rec, m->col_ma);
	x.m2 = mnum(m, rec, m->col_m2);
	x.min = mnum(m, rec, m->col_min);
	x.max = mnum(m, rec, m->col_max);
	if (m->nerr == 0)	/* never merge a half-read row */
		moments_merge(dst, &x);
}

/* A listwise item's moments into g (li: see lw_off): as exact sums, with
 * its minimum and maximum as codes, when recover_sums() can. */
static void
read_lw_item(struct merge *m, const struct csvio_record *rec,
    struct score_group *g, size_t li)
{
	struct scorer *sc = m->sc;
	struct moments x;
	struct comoments c;
	uint64_t w[4];
	size_t j = sc->npair + sc->nlw + li;
	double lo, hi;

	moments_init(&x);
	read_moments(m, rec, &x);	/* checks the numbers */
	if (m->nerr > 0)
		return;
	c.n = x.n;
	c.mx = c.my = x.mean;
	c.cxy = x.m2;
	lo = x.min - sc->ins->min;
	hi = x.max - sc->ins->min;
	if (recover_sums(sc, &c, w) != 0 || lo != floor(lo) ||
	    hi != floor(hi) || lo < 0 || hi < lo || hi >= sc->ncode) {
		moments_merge(&group_float(sc, g)->lw_item[li], &x);
		return;
	}
	group_wide(sc, g);
	group_lw_mm(sc, g);
	g->wsum[4 * j] += w[0];
	g->wsum[4 * j + 1] += w[1];
	g->wsum[4 * j + 2] += w[2];
	g->wsum[4 * j + 3] += w[3];
	if (lo < g->lw_mm[2 * li])
		g->lw_mm[2 * li] = (unsigned char)lo;
	if (hi > g->lw_mm[2 * li + 1])
		g->lw_mm[2 * li + 1] = (unsigned char)hi;
}

/* A pair's co-moments into g: packed index j, floating-point part dst. */
static void
read_comoments(struct merge *m, const struct csvio_record *rec,
    struct score_group *g, size_t j, struct comoments *dst)
{
	struct comoments x;

	x.n = mnum(m, rec, m->col_n);
	x.mx = mnum(m, rec, m->col_ma);
	x.my = mnum(m, rec, m->col_mb);
	x.cxy = mnum(m, rec, m->col_m2);
	if (m->nerr == 0)	/* never merge a half-read row */
		merge_comoments(m->sc, g, j, &x, dst);
}

/* Position of item code within scale s, or -1. */
static long
item_in_scale(const struct instrument *ins, size_t s, const char *code)
{
	long it = instrument_find_item(ins, code);
	size_t a;

	for (a = 0; it >= 0 && a < ins->scale[s].nitem; a++)
		if (ins->scale[s].item[a] == (size_t)it)
			return (long)a;
	return -1;
}

/* The next whole number of a format-2 data field, or -1 (and *p left)
 * when there is none or it is out of [lo, hi]. */
static int
next_int(const char **p, i128 lo, i128 hi, i128 *out)
{
	const char *s = *p;
	int neg = 0, nd = 0;
	i128 v = 0;

	while (*s == ' ')
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (nd >= 38)
			return -1;	/* more than 126 bits */
		v = v * 10 + (*s - '0');
	}
	if (nd == 0 || (*s != ' ' && *s != '\0'))
		return -1;
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return -1;
	*out = v;
	*p = s;
	return 0;
}

/* Add a partial file's exact sums of g's n respondents (answer counts cnt,
 * 4 x npk pair sums) to g's small words when they hold n more rows (after
 * moving them on if need be), else to its 64-bit sums.  The pairs' 32-bit
 * parts get what the partial's rows take off the item sums (see s1_cs()),
 * from its answer counts (cs: scratch, per item).  Returns -1, with g
 * unchanged, when the sums cannot be one batch's (a pair's sum over more
 * than its item's). */
static int
merge_small(struct scorer *sc, struct score_group *g, uint64_t n,
    const uint64_t *cnt, const uint64_t *sum, uint64_t *cs)
{
	const struct instrument *ins = sc->ins;
	size_t i, j, v, nv = ins->nvalue, nc = ins->nitem * nv;
	uint16_t *hi, *gcs;

	for (i = 0; i < ins->nitem; i++)	/* in s1_cs()'s order */
		for (v = 0, cs[sc->cs_of[i]] = 0; v < nv; v++)
			cs[sc->cs_of[i]] += cnt[i * nv + v] *
			    sc->code[i * nv + v];
	for (j = 0; j < sc->npair; j++)
		if (sum[4 * j + 1] > cs[sc->pair_a[j]] ||
		    sum[4 * j + 2] > cs[sc->pair_b[j]])
			return -1;
	if (n <= sc->lim1 && g->fresh + n > sc->lim1)
		small_flush(sc, g);
	if (n > sc->lim1) {	/* too many for the small words */
		group_wide(sc, g);
		for (j = 0; j < nc; j++)
			g->wcount[j] += cnt[j];
		for (j = 0; j < 4 * sc->npk; j++)
			g->wsum[j] += sum[j];
		return 0;
	}
	hi = s1_hi(sc, g);
	gcs = s1_cs(sc, g);
	for (j = 0; j < nc; j++)
		g->cnt[j] = (uint16_t)(g->cnt[j] + cnt[j]);
	for (j = 0; j < sc->npk; j++) {
		if (j < sc->npair)	/* what is missing from all rows' */
			g->s1[j] += (uint32_t)((n - sum[4 * j]) |
			    (cs[sc->pair_a[j]] - sum[4 * j + 1]) << sc->sh1_x |
			    (cs[sc->pair_b[j]] - sum[4 * j + 2]) << sc->sh1_y);
		else
			g->s1[j] += (uint32_t)(sum[4 * j] |
			    sum[4 * j + 1] << sc->sh1_x |
			    sum[4 * j + 2] << sc->sh1_y);
		hi[j] = (uint16_t)(hi[j] + sum[4 * j + 3]);
	}
	for (i = 0; i < ins->nitem; i++)
		gcs[i] = (uint16_t)(gcs[i] + cs[i]);
	g->fresh += (unsigned long)n;
	return 0;
}

/* A format-2 row's sums (of n respondents) into g; 0, or -1 (with a
 * message) when the data is not what the layout says.  They go where rows
 * go, and so take no more memory than rows: into g's small words
 * (merge_small()), or without them, a batch of at most lim respondents
 * into its packed words and 16-bit counts; a larger one into its 64-bit
 * sums.  Every number is checked against n first (and an item's answers
 * together): a sum too large for n answers would spill into the next
 * packed field. */
static int
merge_exact(struct merge *m, const struct csvio_record *rec,
    struct score_group *g, uint64_t n)
{
	struct scorer *sc = m->sc;
	const struct instrument *ins = sc->ins;
	const char *p = mfield(m, rec, m->col_data);
	const i128 i64max = (i128)INT64_MAX, r = sc->ncode - 1;
	i128 x[5];
	struct scale_sums *ss;
	size_t i, j, nc = ins->nitem * ins->nvalue;
	int packed = g->pk != NULL && g->cnt != NULL && n <= sc->lim;
	uint64_t *w = xcalloc(nc + 4 * sc->npk + ins->nitem + 1,
	    sizeof(uint64_t));
	uint64_t *cnt = w, *sum = w + nc, *cs = sum + 4 * sc->npk;

	for (j = 0, x[1] = 0; j < nc; j++) {
		if (next_int(&p, 0, (i128)n, x) != 0)
			goto bad;
		cnt[j] = (uint64_t)x[0];
		x[1] += x[0];	/* an item's answers: at most n */
		if ((j + 1) % ins->nvalue == 0) {
			if (x[1] > (i128)n)
				goto bad;
			x[1] = 0;
		}
	}
	for (j = 0; j < sc->npk; j++) {
		if (next_int(&p, 0, (i128)n, &x[0]) != 0 ||
		    next_int(&p, 0, x[0] * r, &x[1]) != 0 ||
		    next_int(&p, 0, x[0] * r, &x[2]) != 0 ||
		    next_int(&p, 0, x[0] * r * r, &x[3]) != 0)
			goto bad;
		for (i = 0; i < 4; i++)
			sum[4 * j + i] = (uint64_t)x[i];
	}
	if (g->s1 != NULL) {
		if (merge_small(sc, g, n, cnt, sum, cs) != 0)
			goto bad;
		goto scales;
	}
	if (packed && g->fresh + n > sc->lim)
		group_flush(sc, g);
	if (!packed)
		group_wide(sc, g);
	for (j = 0; j < nc; j++)
		if (packed)
			g->cnt[j] = (uint16_t)(g->cnt[j] + cnt[j]);
		else
			g->wcount[j] += cnt[j];
	for (j = 0; j < sc->npk; j++)
		if (packed)
			g->pk[j] += sum[4 * j] | sum[4 * j + 1] << sc->sh_x |
			    sum[4 * j + 2] << sc->sh_y |
			    sum[4 * j + 3] << sc->sh_xy;
		else
			for (i = 0; i < 4; i++)
				g->wsum[4 * j + i] += sum[4 * j + i];
	if (packed)
		g->fresh += (unsigned long)n;
scales:
	free(w);
	w = NULL;
	ss = group_sums(sc, g);
	for (i = 0; i < ins->nscale; i++) {
		if (next_int(&p, 0, (i128)n, &x[0]) != 0 ||
		    next_int(&p, -((i128)1 << 120), (i128)1 << 120, &x[1]) ||
		    next_int(&p, 0, (i128)1 << 125, &x[2]) ||
		    next_int(&p, -i64max, i64max, &x[3]) ||
		    next_int(&p, -i64max, i64max, &x[4]))
			goto bad;
		if (x[0] == 0)
			continue;
		ss->n[i] += (uint64_t)x[0];
		ss->sx[i] += x[1];
		ss->sxx[i] += x[2];
		if ((int64_t)x[3] < ss->min[i])
			ss->min[i] = (int64_t)x[3];
		if ((int64_t)x[4] > ss->max[i])
			ss->max[i] = (int64_t)x[4];
	}
	if (sc->listwise) {
		for (i = 0; i < ins->nscale; i++) {
			if (next_int(&p, 0, (i128)n, x) != 0)
				goto bad;
			g->lw_n[i] += (unsigned long)x[0];
		}
		group_lw_mm(sc, g);
		for (i = 0; i < 2 * sc->nlwi; i++) {
			if (next_int(&p, 0, UCHAR_MAX, x) != 0)
				goto bad;
			if (i % 2 == 0 ? x[0] < g->lw_mm[i] : x[0] > g->lw_mm[i])
				g->lw_mm[i] = (unsigned char)x[0];
		}
	}
	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
bad:
	free(w);
	plg_warn_at(m->file, rec->line, "partial file: the exact sums do not "
	    "match the layout (at byte %zu of the data)",
	    (size_t)(p - mfield(m, rec, m->col_data)) + 1);
	m->nerr++;
	return 0;
}

static int
merge_stat(struct merge *m, const struct csvio_record *rec, const char *kind,
    struct score_group *g)
{
	struct scorer *sc = m->sc;
	const struct instrument *ins = sc->ins;
	const char *a = mfield(m, rec, m->col_a), *b = mfield(m, rec, m->col_b);
	long i = -1, j = -1, s = -1;
	size_t k;
	double v;
	char *sp;

	if (strcmp(kind, "exact") == 0 && m->format == 2) {
		unsigned long n = mcount(m, rec, m->col_n);

		g->n += n;
		return m->nerr > 0 ? 0 : merge_exact(m, rec, g, n);
	} else if (strcmp(kind, "group") == 0) {
		g->n += mcount(m, rec, m->col_n);
	} else if (strcmp(kind, "item") == 0 &&
	    (i = merge_item(m, &m->hint_a, a)) >= 0) {
		/* checked, not kept: the counts give the same, exactly */
		struct moments x;
		moments_init(&x);
		read_moments(m, rec, &x);
	} else if (strcmp(kind, "scale") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0) {
		read_moments(m, rec, &group_scale(sc, g)[s]);
	} else if (strcmp(kind, "count") == 0 &&
	    (i = merge_item(m, &m->hint_a, a)) >= 0 && num_parse(b, &v) == 0 &&
	    (j = instrument_value_index(ins, v)) >= 0) {
		group_float(sc, g)->count[(size_t)i * ins->nvalue + (size_t)j] +=
		    mcount(m, rec, m->col_n);
	} else if (strcmp(kind, "pair") == 0 &&
	    (i = merge_item(m, &m->hint_a, a)) >= 0 &&
	    (j = merge_item(m, &m->hint_b, b)) >= 0 &&
	    sc->root_of[i] == sc->root_of[j] &&
	    sc->pos_in_root[i] < sc->pos_in_root[j]) {
		size_t r = sc->root_of[i], p = sc->pair_off[r] +
		    tri(sc->pos_in_root[i], sc->pos_in_root[j],
		    ins->scale[r].nitem);
		read_comoments(m, rec, g, p, &group_float(sc, g)->pair[p]);
	} else if (sc->listwise && strcmp(kind, "lw") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0) {
		g->lw_n[s] += mcount(m, rec, m->col_n);
	} else if (sc->listwise && strcmp(kind, "lwitem") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0 &&
	    (i = item_in_scale(ins, (size_t)s, b)) >= 0) {
		read_lw_item(m, rec, g, sc->lw_off[2 * s + 1] + (size_t)i);
	} else if (sc->listwise && strcmp(kind, "lwpair") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0 &&
	    (sp = strchr(b, ' ')) != NULL) {
		char *first = xstrndup(b, (size_t)(sp - b));
		i = item_in_scale(ins, (size_t)s, first);
		j = item_in_scale(ins, (size_t)s, sp + 1);
		free(first);
		if (i < 0 || j < 0 || i >= j)
			return -1;
		k = sc->lw_off[2 * s] + tri((size_t)i, (size_t)j,
		    ins->scale[s].nitem);
		read_comoments(m, rec, g, sc->npair + k,
		    &group_float(sc, g)->lw_pair[k]);
	} else
		return -1;
	return 0;
}

static int
merge_record(void *ctx, const struct csvio_record *rec)
{
	struct merge *m = ctx;
	struct score_group *g;
	const char *kind;

	if (!m->header_done)
		return merge_header(m, rec);
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	kind = mfield(m, rec, m->col_kind);
	if (strcmp(kind, "config") == 0) {
		merge_config(m, rec);
		return m->nerr > 0;
	}
	m->sc->partial_rows++;
	if ((g = merge_group(m, rec)) == NULL)
		return 1;
	if (merge_stat(m, rec, kind, g) != 0) {
		plg_warn_at(m->file, rec->line, "unknown statistic '%s' "
		    "'%.40s' '%.40s' in partial file", kind,
		    mfield(m, rec, m->col_a), mfield(m, rec, m->col_b));
		m->nerr++;
	}
	return m->nerr > 0;
}

int
scorer_merge_file(struct scorer *sc, const char *path)
{
	struct csvio_reader r;
	struct merge m;
	int rc;

	if (csvio_open(&r, path) != 0) {
		plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return PLG_EXIT_TROUBLE;
	}
	memset(&m, 0, sizeof(m));
	m.sc = sc;
	sc->merging = 1;
	if (sc->ngroup == 0)
		merge_plan(sc);
	m.file = r.name;
	r.delim = ',';
	rc = csvio_read(&r, merge_record, &m);
	if ((rc == CSVIO_EDATA || rc == CSVIO_ESYS) && r.errmsg[0] != '\0')
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
	else if (rc == 0 && !m.header_done)
		plg_warn_at(r.name, 0, "empty file: no header");
	free(m.bycol_col);
	csvio_close(&r);
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	if (rc != 0 || m.nerr > 0 || !m.header_done) {
		sc->failed = 1;
		return PLG_EXIT_DATA;
	}
	return PLG_EXIT_OK;
}

/* ---- summary and cleanup ---- */

void
scorer_summary(const struct scorer *sc)
{
	char groups[200] = "";

	if (sc->mode != SCORE_RESPONDENTS)
		snprintf(groups, sizeof(groups), "; %zu group%s", sc->ngroup,
		    sc->ngroup == 1 ? "" : "s");
	if (sc->min_group > 0 && sc->mode == SCORE_GROUPS)
		snprintf(groups + strlen(groups), sizeof(groups) -
		    strlen(groups), ", %lu left out for fewer than %lu "
		    "respondents and %lu to protect them", sc->nhidden[0],
		    sc->min_group, sc->nhidden[1]);
	if (sc->read == 0 && (sc->partial_rows > 0 || sc->merging)) {
		plg_warnx("%lu partial statistic%s merged%s", sc->partial_rows,
		    sc->partial_rows == 1 ? "" : "s", groups);
		return;
	}
	plg_warnx("%lu respondent%s read: %lu scored, %lu excluded (%lu "
	    "duplicate id%s, %lu without any valid answer); answers: %lu "
	    "used, %lu rejected%s", sc->read, sc->read == 1 ? "" : "s",
	    sc->scored, sc->dup + sc->no_answers, sc->dup, sc->dup == 1 ?
	    "" : "s", sc->no_answers, sc->values, sc->rejected, groups);
}

void
scorer_release(struct scorer *sc)
{
	size_t i;

	for (i = 0; i < sc->ngroup; i++)
		group_free(sc->group[i]);
	for (i = 0; i < sc->nbycol; i++)
		free(sc->bycol[i]);
	for (i = 0; i < sc->nset; i++)
		free(sc->set[i].col);
	free(sc->group);
	free(sc->slot);
	free(sc->bycol);
	free(sc->set);
	free(sc->root_of);
	free(sc->pos_in_root);
	free(sc->pair_off);
	free(sc->lw_off);
	free(sc->item_col);
	free(sc->set_col);
	free(sc->meta_col);
	free(sc->last);
	free(sc->inc);
	free(sc->inc_lo);
	free(sc->inc_hi);
	free(sc->cw);
	free(sc->sorder);
	free(sc->skid);
	free(sc->skid_off);
	free(sc->spos);
	free(sc->spos_off);
	free(sc->scnt);
	free(sc->ssum);
	free(sc->pair_a);
	free(sc->pair_b);
	free(sc->cs_of);
	free(sc->code);
	free(sc->mul);
	free(sc->xrow);
	free(sc->root);
	free(sc->vidx);
	free(sc->kval);
	free(sc->tq);
	free(sc->rpos);
	free(sc->root_base);
	free(sc->rcode);
	free(sc->ans);
	free(sc->complete);

	free(sc->vals);
	free(sc->rowg);
	free(sc->rowh);
	free(sc->pcol);
	free(sc->kmin);
	free(sc->pbuf);
	for (i = 0; i < sc->nmeta; i++)
		free(sc->meta_name[i]);
	free(sc->meta_name);
	free(sc->keyed);
	free(sc->score);
	idset_release(&sc->ids);
	memset(sc, 0, sizeof(*sc));
}
