/* compare.c -- the difference of two group means with its Welch interval,
 * Hedges' g, and taking a part out of a pooled group.  The formulas are in
 * compare.h. */
#include <math.h>

#include "compare.h"
#include "stats.h"

double
compare_hedges_j(double m)
{
	if (isnan(m) || !(m > 1))
		return NAN;
	return exp(lgamma(m / 2) - lgamma((m - 1) / 2)) / sqrt(m / 2);
}

/* 1 when x can be a count of at least min answers. */
static int
count_ok(double x, double min)
{
	return !isnan(x) && x >= min;
}

static void
hedges(double n_a, double sd_a, double n_b, double sd_b,
    struct cmp_result *res)
{
	double m = n_a + n_b - 2, sp;

	if (!count_ok(n_a, 2) || !count_ok(n_b, 2) || !isfinite(sd_a) ||
	    !isfinite(sd_b))
		return;
	sp = sqrt(((n_a - 1) * sd_a * sd_a + (n_b - 1) * sd_b * sd_b) / m);
	if (!(sp > 0))
		return;
	res->g = compare_hedges_j(m) * res->diff / sp;
}

int
compare_groups(double n_a, double mean_a, double sd_a, double n_b,
    double mean_b, double sd_b, double level, struct cmp_result *res)
{
	double va, vb, t;

	res->diff = res->se = res->df = res->ci_low = res->ci_high =
	    res->g = NAN;
	if (!isfinite(mean_a) || !isfinite(mean_b) || !count_ok(n_a, 1) ||
	    !count_ok(n_b, 1))
		return -1;
	res->diff = mean_b - mean_a;
	hedges(n_a, sd_a, n_b, sd_b, res);
	if (!count_ok(n_a, 2) || !count_ok(n_b, 2) || !isfinite(sd_a) ||
	    !isfinite(sd_b) || !(level > 0 && level < 1))
		return -1;
	va = sd_a * sd_a / n_a;
	vb = sd_b * sd_b / n_b;
	if (!(va + vb > 0))
		return -1;	/* both constant: no interval, as t.test */
	res->se = sqrt(va + vb);
	res->df = (va + vb) * (va + vb) /
	    (va * va / (n_a - 1) + vb * vb / (n_b - 1));
	t = stats_t_quantile(1 - (1 - level) / 2, res->df);
	if (isnan(t))
		return -1;
	res->ci_low = res->diff - t * res->se;
	res->ci_high = res->diff + t * res->se;
	return 0;
}

enum cmp_verdict
compare_verdict(const struct cmp_result *res)
{
	if (isnan(res->ci_low) || isnan(res->ci_high))
		return CMP_NONE;
	if (res->ci_low > 0)
		return CMP_HIGHER;
	if (res->ci_high < 0)
		return CMP_LOWER;
	return CMP_NOISE;
}

int
compare_remove(double n_w, double mean_w, double sd_w, double n_p,
    double mean_p, double sd_p, double *n_r, double *mean_r, double *sd_r)
{
	double n, mean, m2w, m2p, m2, d;

	*n_r = 0;
	*mean_r = *sd_r = NAN;
	if (!count_ok(n_w, 1) || !count_ok(n_p, 0) || n_p > n_w ||
	    !isfinite(mean_w) || (n_p > 0 && !isfinite(mean_p)))
		return -1;
	n = n_w - n_p;
	*n_r = n;
	if (n < 1)
		return -1;
	if (n_p == 0) {
		*mean_r = mean_w;
		*sd_r = sd_w;
		return 0;
	}
	mean = (n_w * mean_w - n_p * mean_p) / n;
	*mean_r = mean;
	if (n < 2 || !isfinite(sd_w))
		return 0;
	m2w = (n_w - 1) * sd_w * sd_w;
	m2p = n_p >= 2 ? (n_p - 1) * sd_p * sd_p : 0;
	if (isnan(m2p))
		return 0;
	d = mean_p - mean;
	m2 = m2w - m2p - d * d * n * n_p / n_w;
	if (m2 < 0)		/* rounding in the inputs: no spread left */
		m2 = 0;
	*sd_r = sqrt(m2 / (n - 1));
	return 0;
}
