/* test_stats.c -- unit tests for lib/stats.c: hand-computed moments, the
 * merge property on random data, and agreement with psych 2.2.9 alpha()
 * and R's qt() (reference values from tests/r/stats-reference.R). */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "plgtest.h"
#include "stats.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ==================== moments and comoments by hand ==================== */

static void
test_moments_hand_computed(void **state)
{
	/* mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, var 32/7 */
	static const double v[] = { 2, 4, NAN, 4, 4, 5, 5, 7, NAN, 9 };
	struct moments m;
	size_t i;

	(void)state;
	moments_init(&m);
	for (i = 0; i < NELEM(v); i++)
		moments_add(&m, v[i]);
	assert_dbl_equal(m.n, 8);
	assert_dbl_equal(m.mean, 5);
	assert_dbl_equal(m.m2, 32);
	assert_dbl_equal(moments_var(&m), 32.0 / 7);
	assert_dbl_equal(moments_sd(&m), sqrt(32.0 / 7));
	assert_dbl_equal(m.min, 2);
	assert_dbl_equal(m.max, 9);
}

static void
test_moments_empty_and_single(void **state)
{
	struct moments m;

	(void)state;
	moments_init(&m);
	assert_dbl_equal(m.n, 0);
	assert_dbl_equal(m.min, INFINITY);
	assert_dbl_equal(m.max, -INFINITY);
	assert_dbl_equal(moments_var(&m), NAN);
	assert_dbl_equal(moments_sd(&m), NAN);
	moments_add(&m, NAN);
	assert_dbl_equal(m.n, 0);

	moments_add(&m, 3.25);
	assert_dbl_equal(m.n, 1);
	assert_dbl_equal(m.mean, 3.25);
	assert_dbl_equal(m.min, 3.25);
	assert_dbl_equal(m.max, 3.25);
	assert_dbl_equal(m.m2, 0);
	assert_dbl_equal(moments_var(&m), NAN);
	assert_dbl_equal(moments_sd(&m), NAN);
}

static void
test_moments_constant_has_zero_variance(void **state)
{
	struct moments m, m2;
	int i;

	(void)state;
	moments_init(&m);
	moments_init(&m2);
	for (i = 0; i < 1000; i++)
		moments_add(i < 300 ? &m : &m2, 0.1);
	moments_merge(&m, &m2);
	/* exactly 0, so alpha_from_cov_delete() sees the item as constant */
	assert_true(moments_var(&m) == 0);
	assert_dbl_equal(m.mean, 0.1);
}

static void
test_comoments_hand_computed(void **state)
{
	/* means 3 and 3; products of deviations 2+2+0+0+4 = 8; cov 8/4 */
	static const double x[] = { 1, 2, NAN, 3, 4, 5, 7 };
	static const double y[] = { 2, 1, 6, 4, 3, 5, NAN };
	struct comoments c;
	size_t i;

	(void)state;
	comoments_init(&c);
	assert_dbl_equal(comoments_cov(&c), NAN);
	for (i = 0; i < NELEM(x); i++)
		comoments_add(&c, x[i], y[i]);
	assert_dbl_equal(c.n, 5);
	assert_dbl_equal(c.mx, 3);
	assert_dbl_equal(c.my, 3);
	assert_dbl_equal(c.cxy, 8);
	assert_dbl_equal(comoments_cov(&c), 2);

	comoments_init(&c);
	comoments_add(&c, 1, 2);
	assert_dbl_equal(comoments_cov(&c), NAN);
	comoments_add(&c, 3, 0);	/* cov of (1,2),(3,0): -2 */
	assert_dbl_equal(comoments_cov(&c), -2);
}

/* ==================== merge property ==================== */

#define MERGE_N		2000
#define MERGE_MAXPARTS	8

/* A 64-bit LCG (Knuth's MMIX constants), so the data never change. */
static uint64_t
lcg_next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* x: 1..5, about 5% NAN; y follows x half the time, about 5% NAN. */
static void
make_data(uint64_t seed, double *x, double *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		x[i] = lcg_next(&seed) % 100 < 5 ? NAN :
		    (double)(1 + lcg_next(&seed) % 5);
		if (lcg_next(&seed) % 100 < 5)
			y[i] = NAN;
		else if (lcg_next(&seed) % 2 == 0 && !isnan(x[i]))
			y[i] = x[i];
		else
			y[i] = (double)(1 + lcg_next(&seed) % 5);
	}
}

/* Cut [0, n) at nparts-1 random points (repeats allowed, so some parts may
 * be empty); cut[0] = 0, cut[nparts] = n. */
static void
make_cuts(uint64_t *seed, size_t n, size_t nparts, size_t *cut)
{
	size_t i, j, t;

	cut[0] = 0;
	cut[nparts] = n;
	for (i = 1; i < nparts; i++)
		cut[i] = lcg_next(seed) % (n + 1);
	for (i = 1; i < nparts; i++)	/* insertion sort */
		for (j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
			t = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = t;
		}
}

static void
check_moments_same(const struct moments *a, const struct moments *b)
{
	assert_dbl_equal(a->n, b->n);
	assert_dbl_near(a->mean, b->mean, 1e-12);
	assert_dbl_near(a->m2, b->m2, 1e-12);
	assert_dbl_near(moments_var(a), moments_var(b), 1e-12);
	assert_dbl_near(moments_sd(a), moments_sd(b), 1e-12);
	assert_dbl_equal(a->min, b->min);
	assert_dbl_equal(a->max, b->max);
}

static void
check_comoments_same(const struct comoments *a, const struct comoments *b)
{
	assert_dbl_equal(a->n, b->n);
	assert_dbl_near(a->mx, b->mx, 1e-12);
	assert_dbl_near(a->my, b->my, 1e-12);
	assert_dbl_near(a->cxy, b->cxy, 1e-12);
	assert_dbl_near(comoments_cov(a), comoments_cov(b), 1e-12);
}

static void
test_moments_merge_any_split_any_order(void **state)
{
	static double x[MERGE_N], y[MERGE_N];
	struct moments one, part[MERGE_MAXPARTS], acc, tmp;
	size_t cut[MERGE_MAXPARTS + 1], order[MERGE_MAXPARTS], nparts, i, j, t;
	uint64_t seed = 12345;
	int trial;

	(void)state;
	make_data(1, x, y, MERGE_N);
	moments_init(&one);
	for (i = 0; i < MERGE_N; i++)
		moments_add(&one, x[i]);
	assert_true(one.n > 0.9 * MERGE_N && one.n < MERGE_N);

	for (trial = 0; trial < 50; trial++) {
		nparts = 2 + lcg_next(&seed) % (MERGE_MAXPARTS - 1);
		make_cuts(&seed, MERGE_N, nparts, cut);
		for (j = 0; j < nparts; j++) {
			moments_init(&part[j]);
			for (i = cut[j]; i < cut[j + 1]; i++)
				moments_add(&part[j], x[i]);
		}
		/* first to last: ((p0 + p1) + p2) + ... */
		moments_init(&acc);
		for (j = 0; j < nparts; j++)
			moments_merge(&acc, &part[j]);
		check_moments_same(&acc, &one);
		/* last to first: p0 + (p1 + (... + pk)) */
		acc = part[nparts - 1];
		for (j = nparts - 1; j-- > 0;) {
			tmp = part[j];
			moments_merge(&tmp, &acc);
			acc = tmp;
		}
		check_moments_same(&acc, &one);
		/* random order */
		for (j = 0; j < nparts; j++)
			order[j] = j;
		for (j = nparts - 1; j > 0; j--) {	/* Fisher-Yates */
			i = lcg_next(&seed) % (j + 1);
			t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		acc = part[order[0]];
		for (j = 1; j < nparts; j++)
			moments_merge(&acc, &part[order[j]]);
		check_moments_same(&acc, &one);
		/* tree: pairs, then pairs of pairs */
		for (t = 1; t < nparts; t *= 2)
			for (j = 0; j + t < nparts; j += 2 * t)
				moments_merge(&part[j], &part[j + t]);
		check_moments_same(&part[0], &one);
	}
}

static void
test_comoments_merge_any_split_any_order(void **state)
{
	static double x[MERGE_N], y[MERGE_N];
	struct comoments one, part[MERGE_MAXPARTS], acc, tmp;
	size_t cut[MERGE_MAXPARTS + 1], nparts, i, j, t;
	uint64_t seed = 777;
	int trial;

	(void)state;
	make_data(2, x, y, MERGE_N);
	comoments_init(&one);
	for (i = 0; i < MERGE_N; i++)
		comoments_add(&one, x[i], y[i]);
	assert_true(one.n > 0.85 * MERGE_N && one.n < MERGE_N);
	assert_true(comoments_cov(&one) > 0.3);	/* y follows x */

	for (trial = 0; trial < 50; trial++) {
		nparts = 2 + lcg_next(&seed) % (MERGE_MAXPARTS - 1);
		make_cuts(&seed, MERGE_N, nparts, cut);
		for (j = 0; j < nparts; j++) {
			comoments_init(&part[j]);
			for (i = cut[j]; i < cut[j + 1]; i++)
				comoments_add(&part[j], x[i], y[i]);
		}
		comoments_init(&acc);
		for (j = 0; j < nparts; j++)
			comoments_merge(&acc, &part[j]);
		check_comoments_same(&acc, &one);
		acc = part[nparts - 1];
		for (j = nparts - 1; j-- > 0;) {
			tmp = part[j];
			comoments_merge(&tmp, &acc);
			acc = tmp;
		}
		check_comoments_same(&acc, &one);
		for (t = 1; t < nparts; t *= 2)
			for (j = 0; j + t < nparts; j += 2 * t)
				comoments_merge(&part[j], &part[j + t]);
		check_comoments_same(&part[0], &one);
	}
}

/* ==================== agreement with psych 2.2.9 ==================== */

/* The data set of tests/r/stats-reference.R: 25 respondents x 5 items,
 * NA as NAN; q5 is negatively related to the others. */
#define PSY_N	25
#define PSY_K	5
static const double psy_x[PSY_N][PSY_K] = {
	{ NAN, 4, 3, 4, 3 },
	{ 5, 5, 5, 5, 1 },
	{ 3, 4, 3, 2, 2 },
	{ 5, 1, 3, 2, 4 },
	{ 3, 4, NAN, 2, 3 },
	{ 4, 3, 2, 3, 1 },
	{ 4, 5, 3, 4, 3 },
	{ 4, 4, 4, NAN, 3 },
	{ 3, 3, 3, 3, NAN },
	{ 3, 4, 5, 4, 2 },
	{ 2, 2, 1, 3, 3 },
	{ 4, NAN, 5, 2, 2 },
	{ 3, 3, NAN, 4, 4 },
	{ 4, 5, NAN, 4, 4 },
	{ NAN, 5, 5, 4, NAN },
	{ 3, NAN, 3, 4, 1 },
	{ NAN, 5, 5, 5, 4 },
	{ 3, 4, 3, 4, 1 },
	{ 4, 4, 4, 5, 4 },
	{ 3, 3, 3, 3, 4 },
	{ 1, 2, 3, 2, 4 },
	{ 2, NAN, 4, 2, 2 },
	{ 5, 4, 4, 5, 2 },
	{ 4, 5, 3, 3, 3 },
	{ 3, 3, 3, 4, 2 },
};

/* psych's sixth item for the constant-item case: 3 everywhere, NA in rows
 * 2 and 13. */
static double
psy_q6(size_t row)
{
	return row == 1 || row == 12 ? NAN : 3;
}

/* Expected values of psych::alpha(), pasted from the output of
 * tests/r/stats-reference.R (psych 2.2.9, R 4.2.2). */
struct psych_ref {
	double raw, std, average_r;
	double alpha_drop[PSY_K];
	double r_drop[PSY_K];
};

/* alpha(x) with the default use = "pairwise" */
static const struct psych_ref ref_pairwise = {
	0.59452962262355513, 0.60048251594080404, 0.23112638638611199,
	{ 0.50503890312069288, 0.41274407007688085, 0.42949037987636612,
	    0.44104339095686945, 0.77398750062777544 },
	{ 0.41844128096248323, 0.5595475759222005, 0.54499845990804985,
	    0.52478655426202692, -0.14421406247517407 },
};

/* alpha(na.omit(x)) */
static const struct psych_ref ref_listwise = {
	0.4912551440329217, 0.50585406674605748, 0.16994451092882371,
	{ 0.32551872810563198, 0.30934236522720859, 0.20901521676715454,
	    0.2197166811217115, 0.78596491228070164 },
	{ 0.41960831718936004, 0.43147914753809236, 0.602391521152843,
	    0.57376939104788505, -0.38880841984891834 },
};

/* alpha(x[, 1:2]) */
static const double ref_two_raw = 0.55196464248955635;
static const double ref_two_std = 0.55421740355780291;
static const double ref_two_average_r = 0.38333384626542699;
static const double ref_two_r_drop = 0.38333384626542699;

#define PSY_REL	1e-9

/*
 * Accumulators for k items as plg-score keeps them: one struct moments per
 * item and one struct comoments per pair i < j.
 */
struct itemacc {
	size_t k;
	struct moments m[PSY_K + 1];
	struct comoments c[PSY_K + 1][PSY_K + 1];
};

static void
itemacc_init(struct itemacc *a, size_t k)
{
	size_t i, j;

	a->k = k;
	for (i = 0; i < k; i++) {
		moments_init(&a->m[i]);
		for (j = 0; j < k; j++)
			comoments_init(&a->c[i][j]);
	}
}

/* Stream one row of k values (NAN = missing). */
static void
itemacc_add(struct itemacc *a, const double *row)
{
	size_t i, j;

	for (i = 0; i < a->k; i++) {
		moments_add(&a->m[i], row[i]);
		for (j = i + 1; j < a->k; j++)
			comoments_add(&a->c[i][j], row[i], row[j]);
	}
}

static void
itemacc_merge(struct itemacc *a, const struct itemacc *b)
{
	size_t i, j;

	for (i = 0; i < a->k; i++) {
		moments_merge(&a->m[i], &b->m[i]);
		for (j = i + 1; j < a->k; j++)
			comoments_merge(&a->c[i][j], &b->c[i][j]);
	}
}

/* C as cov(x, use = "pairwise"): variances over each item's present
 * values, covariances over the rows where both are present. */
static void
itemacc_cov(const struct itemacc *a, double *C)
{
	size_t i, j, k = a->k;

	for (i = 0; i < k; i++) {
		C[i * k + i] = moments_var(&a->m[i]);
		for (j = i + 1; j < k; j++)
			C[i * k + j] = C[j * k + i] =
			    comoments_cov(&a->c[i][j]);
	}
}

static void
check_psych(const double *C, const struct psych_ref *ref)
{
	struct alpha_result res;
	double ad, rd;
	size_t i;

	assert_int_equal(alpha_from_cov(C, PSY_K, &res), 0);
	assert_dbl_near(res.raw, ref->raw, PSY_REL);
	assert_dbl_near(res.std, ref->std, PSY_REL);
	assert_dbl_near(res.average_r, ref->average_r, PSY_REL);
	for (i = 0; i < PSY_K; i++) {
		assert_int_equal(alpha_item_drop(C, PSY_K, i, &ad, &rd), 0);
		assert_dbl_near(ad, ref->alpha_drop[i], PSY_REL);
		assert_dbl_near(rd, ref->r_drop[i], PSY_REL);
	}
}

static void
test_alpha_matches_psych_pairwise(void **state)
{
	struct itemacc all, part[3];
	double C[PSY_K * PSY_K], Cm[PSY_K * PSY_K];
	size_t r, i;

	(void)state;
	itemacc_init(&all, PSY_K);
	for (r = 0; r < PSY_N; r++)
		itemacc_add(&all, psy_x[r]);
	itemacc_cov(&all, C);
	check_psych(C, &ref_pairwise);
	/* r.drop of the negatively related item is negative */
	assert_true(ref_pairwise.r_drop[4] < 0);

	/* the same from three batches merged, as parallel plg-score does */
	for (i = 0; i < 3; i++)
		itemacc_init(&part[i], PSY_K);
	for (r = 0; r < PSY_N; r++)
		itemacc_add(&part[r < 7 ? 0 : r < 19 ? 1 : 2], psy_x[r]);
	itemacc_merge(&part[2], &part[0]);
	itemacc_merge(&part[2], &part[1]);
	itemacc_cov(&part[2], Cm);
	for (i = 0; i < PSY_K * PSY_K; i++)
		assert_dbl_near(Cm[i], C[i], 1e-12);
	check_psych(Cm, &ref_pairwise);
}

static void
test_alpha_matches_psych_listwise(void **state)
{
	struct itemacc acc;
	double C[PSY_K * PSY_K];
	size_t r, i, nrows;

	(void)state;
	itemacc_init(&acc, PSY_K);
	nrows = 0;
	for (r = 0; r < PSY_N; r++) {
		for (i = 0; i < PSY_K && !isnan(psy_x[r][i]); i++)
			continue;
		if (i < PSY_K)
			continue;	/* na.omit() */
		itemacc_add(&acc, psy_x[r]);
		nrows++;
	}
	assert_int_equal(nrows, 14);	/* nrow(na.omit(x)) */
	itemacc_cov(&acc, C);
	check_psych(C, &ref_listwise);
}

static void
test_alpha_two_items(void **state)
{
	struct itemacc acc;
	struct alpha_result res;
	double C[4], ad, rd;
	size_t r, i;

	(void)state;
	itemacc_init(&acc, 2);
	for (r = 0; r < PSY_N; r++)
		itemacc_add(&acc, psy_x[r]);
	itemacc_cov(&acc, C);
	assert_int_equal(alpha_from_cov(C, 2, &res), 0);
	assert_dbl_near(res.raw, ref_two_raw, PSY_REL);
	assert_dbl_near(res.std, ref_two_std, PSY_REL);
	assert_dbl_near(res.average_r, ref_two_average_r, PSY_REL);
	for (i = 0; i < 2; i++) {
		assert_int_equal(alpha_item_drop(C, 2, i, &ad, &rd), 0);
		/* psych reports C[1,2]/C[2,2] here; alpha of one item is
		 * undefined */
		assert_dbl_equal(ad, NAN);
		assert_dbl_near(rd, ref_two_r_drop, PSY_REL);
	}
}

static void
test_alpha_constant_item_deleted_like_psych(void **state)
{
	struct itemacc acc;
	struct alpha_result res;
	double row[PSY_K + 1], C[(PSY_K + 1) * (PSY_K + 1)], ad, rd;
	size_t r, i, kept;

	(void)state;
	itemacc_init(&acc, PSY_K + 1);
	for (r = 0; r < PSY_N; r++) {
		memcpy(row, psy_x[r], sizeof(psy_x[r]));
		row[PSY_K] = psy_q6(r);
		itemacc_add(&acc, row);
	}
	itemacc_cov(&acc, C);
	assert_true(C[PSY_K * (PSY_K + 1) + PSY_K] == 0);

	/* strict: a zero variance makes C unusable */
	assert_int_equal(alpha_from_cov(C, PSY_K + 1, &res), -1);
	assert_dbl_equal(res.raw, NAN);
	assert_dbl_equal(res.std, NAN);
	assert_dbl_equal(res.average_r, NAN);
	assert_int_equal(alpha_item_drop(C, PSY_K + 1, 0, &ad, &rd), -1);
	assert_dbl_equal(ad, NAN);
	assert_dbl_equal(rd, NAN);

	/* psych's delete = TRUE: q6 dropped, the rest as without it */
	assert_int_equal(alpha_from_cov_delete(C, PSY_K + 1, &res, &kept), 0);
	assert_int_equal(kept, PSY_K);
	assert_dbl_near(res.raw, ref_pairwise.raw, PSY_REL);
	assert_dbl_near(res.std, ref_pairwise.std, PSY_REL);
	assert_dbl_near(res.average_r, ref_pairwise.average_r, PSY_REL);
	for (i = 0; i < PSY_K; i++) {
		assert_int_equal(alpha_item_drop_delete(C, PSY_K + 1, i, &ad,
		    &rd), 0);
		assert_dbl_near(ad, ref_pairwise.alpha_drop[i], PSY_REL);
		assert_dbl_near(rd, ref_pairwise.r_drop[i], PSY_REL);
	}
	assert_int_equal(alpha_item_drop_delete(C, PSY_K + 1, PSY_K, &ad, &rd),
	    -1);
	assert_dbl_equal(ad, NAN);
	assert_dbl_equal(rd, NAN);
}

static void
test_alpha_edge_cases(void **state)
{
	static const double one[1] = { 2.0 };
	static const double two_const[4] = { 1.0, 0.0, 0.0, 0.0 };
	static const double nan_off[9] = {
		1.0, 0.5, NAN,
		0.5, 1.0, 0.5,
		NAN, 0.5, 1.0,
	};
	static const double neg_diag[4] = { 1.0, 0.5, 0.5, -1.0 };
	/* three items, unit variances, all covariances 0.5: raw = std =
	 * (1 - 3/6) * 3/2 = 0.75, average_r 0.5; item-rest r = 1/sqrt(3) */
	static const double eq[9] = {
		1.0, 0.5, 0.5,
		0.5, 1.0, 0.5,
		0.5, 0.5, 1.0,
	};
	struct alpha_result res;
	double ad, rd;
	size_t kept;

	(void)state;
	assert_int_equal(alpha_from_cov(one, 1, &res), -1);
	assert_dbl_equal(res.raw, NAN);
	assert_dbl_equal(res.std, NAN);
	assert_dbl_equal(res.average_r, NAN);
	assert_int_equal(alpha_from_cov(one, 0, &res), -1);
	assert_int_equal(alpha_item_drop(one, 1, 0, &ad, &rd), -1);
	assert_dbl_equal(ad, NAN);
	assert_dbl_equal(rd, NAN);
	assert_int_equal(alpha_from_cov(two_const, 2, &res), -1);
	assert_int_equal(alpha_from_cov_delete(two_const, 2, &res, &kept), -1);
	assert_int_equal(kept, 1);
	assert_dbl_equal(res.raw, NAN);
	assert_int_equal(alpha_from_cov(nan_off, 3, &res), -1);
	assert_dbl_equal(res.raw, NAN);
	assert_int_equal(alpha_from_cov(neg_diag, 2, &res), -1);

	assert_int_equal(alpha_from_cov(eq, 3, &res), 0);
	assert_dbl_equal(res.raw, 0.75);
	assert_dbl_equal(res.std, 0.75);
	assert_dbl_equal(res.average_r, 0.5);
	assert_int_equal(alpha_item_drop(eq, 3, 2, &ad, &rd), 0);
	assert_dbl_equal(ad, 2.0 / 3);	/* (1 - 2/3) * 2 */
	assert_dbl_equal(rd, 1 / sqrt(3.0));
	assert_int_equal(alpha_item_drop(eq, 3, 3, &ad, &rd), -1);
	assert_dbl_equal(ad, NAN);
	assert_dbl_equal(rd, NAN);
}

/* ==================== t quantile ==================== */

static void
test_t_quantile_matches_r(void **state)
{
	/* R 4.2.2 qt(), from tests/r/stats-reference.R */
	static const struct {
		double p, df, q;
	} ref[] = {
		{ 0.975, 1, 12.706204736174694 },
		{ 0.975, 2, 4.3026527297494619 },
		{ 0.975, 5, 2.5705818356363137 },
		{ 0.975, 29, 2.0452296421327034 },
		{ 0.975, 1000, 1.9623390808264076 },
		{ 0.9, 7, 1.4149239276505086 },
		{ 1e-10, 1, -3183098861.8379064 },
		{ 0.995, 3.5, 5.0857022230912561 },
		{ 0.75, 0.5, 1.5537739740300793 },
		{ 0.025, 12.25, -2.1738913883920636 },
		{ 0.999, 150, 3.1454525319823561 },
		{ 0.975, 1e6, 1.9599663568141066 },
		{ 1e-12, 40, -9.9878850048688488 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(ref); i++) {
		assert_dbl_near(stats_t_quantile(ref[i].p, ref[i].df),
		    ref[i].q, 1e-10);
		/* symmetry, exact when 1 - p is (p >= 1/2) */
		if (ref[i].p > 0.5)
			assert_true(stats_t_quantile(1 - ref[i].p, ref[i].df) ==
			    -stats_t_quantile(ref[i].p, ref[i].df));
	}
}

static void
test_t_quantile_special(void **state)
{
	(void)state;
	assert_dbl_equal(stats_t_quantile(0.5, 3), 0);
	/* near 0.5: t ~ (p - 1/2)/dt(0); dt(0, 4) = 3/8 */
	assert_dbl_near(stats_t_quantile(0.5 + 0x1p-30, 4),
	    0x1p-30 / 0.375, 1e-15);
	/* df = 1 is Cauchy, df = 2 has a closed form */
	assert_dbl_near(stats_t_quantile(0.75, 1), 1, 1e-15);
	assert_dbl_near(stats_t_quantile(0.9, 2), 0.8 / sqrt(0.18), 1e-14);
	/* infinite df: the normal quantile */
	assert_dbl_near(stats_t_quantile(0.975, INFINITY), 1.959963984540054,
	    1e-15);
	assert_dbl_equal(stats_t_quantile(0, 5), NAN);
	assert_dbl_equal(stats_t_quantile(1, 5), NAN);
	assert_dbl_equal(stats_t_quantile(0.975, 0), NAN);
	assert_dbl_equal(stats_t_quantile(0.975, -1), NAN);
	assert_dbl_equal(stats_t_quantile(NAN, 5), NAN);
	assert_dbl_equal(stats_t_quantile(0.975, NAN), NAN);
}


/* Exact sums: x = 1 + a, y = 1 + b over (a, b) = (0,1) (2,3) (4,4) (1,0):
 * sx = 7, sy = 8, sxy = 0 + 6 + 16 + 0 = 22; mx = 11/4, my = 3,
 * cxy = (4*22 - 7*8)/4 = 8, cov = 8/3. */
static void
test_comoments_from_sums_hand(void **state)
{
	struct comoments c, w;
	struct moments m;
	static const double x[] = { 1, 3, 5, 2 }, y[] = { 2, 4, 5, 1 };
	size_t i;

	(void)state;
	comoments_from_sums(&c, 4, 7, 8, 22, 1, 1);
	assert_dbl_equal(c.n, 4);
	assert_dbl_equal(c.mx, 2.75);
	assert_dbl_equal(c.my, 3);
	assert_true(c.cxy == 8);		/* exactly */
	assert_true(comoments_cov_from_sums(4, 7, 8, 22) == comoments_cov(&c));
	comoments_init(&w);
	for (i = 0; i < 4; i++)
		comoments_add(&w, x[i], y[i]);
	assert_dbl_equal(comoments_cov(&w), comoments_cov(&c));
	/* x alone: s = 7, ss = 0 + 4 + 16 + 1 = 21; m2 = (4*21 - 49)/4 */
	moments_from_sums(&m, 4, 7, 21, 1);
	assert_dbl_equal(m.mean, 2.75);
	assert_true(m.m2 == 8.75);
	assert_true(isinf(m.min) && m.min > 0);	/* left to the caller */
	moments_from_sums(&m, 0, 0, 0, 1);
	assert_dbl_equal(m.n, 0);
	assert_true(isnan(comoments_cov_from_sums(1, 3, 3, 9)));
}

/* Sums too large for the 64-bit route take the long double one: a
 * billion pairs of (0, 4) and (4, 0) alternately, cov = -4 * n/(n-1). */
static void
test_comoments_from_sums_large(void **state)
{
	struct comoments c;
	uint64_t n = 4000000000ULL;

	(void)state;
	comoments_from_sums(&c, n, 2 * n, 2 * n, 0, 0, 0);
	assert_dbl_equal(c.mx, 2);
	assert_dbl_near(c.cxy, -4.0 * (double)n, 1e-15);
	assert_dbl_near(comoments_cov(&c), -4.0 * (double)n /
	    ((double)n - 1), 1e-15);
}

/* Exact sums agree with Welford's update on many rows, and beat it: the
 * exact m2 of 10^6 values 1..5 in a fixed pattern is known. */
static void
test_moments_from_sums_vs_welford(void **state)
{
	struct moments w, e;
	uint64_t s = 0, ss = 0, i, n = 1000000, a;

	(void)state;
	moments_init(&w);
	for (i = 0; i < n; i++) {
		a = (i * 7 + i / 3) % 5;
		s += a;
		ss += a * a;
		moments_add(&w, 1.0 + (double)a);
	}
	moments_from_sums(&e, n, s, ss, 1);
	assert_dbl_near(e.mean, w.mean, 1e-13);
	assert_dbl_near(e.m2, w.m2, 1e-11);
	/* exact: m2 = (n*ss - s^2)/n, all integers here */
	assert_true(e.m2 == (double)((long double)(n * ss - s * s) /
	    (long double)n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moments_hand_computed),
		cmocka_unit_test(test_moments_empty_and_single),
		cmocka_unit_test(test_moments_constant_has_zero_variance),
		cmocka_unit_test(test_comoments_hand_computed),
		cmocka_unit_test(test_moments_merge_any_split_any_order),
		cmocka_unit_test(test_comoments_merge_any_split_any_order),
		cmocka_unit_test(test_alpha_matches_psych_pairwise),
		cmocka_unit_test(test_alpha_matches_psych_listwise),
		cmocka_unit_test(test_alpha_two_items),
		cmocka_unit_test(test_alpha_constant_item_deleted_like_psych),
		cmocka_unit_test(test_alpha_edge_cases),
		cmocka_unit_test(test_t_quantile_matches_r),
		cmocka_unit_test(test_t_quantile_special),
		cmocka_unit_test(test_comoments_from_sums_hand),
		cmocka_unit_test(test_comoments_from_sums_large),
		cmocka_unit_test(test_moments_from_sums_vs_welford),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
