/* stats.c -- mergeable one-pass moments and co-moments, Cronbach's alpha
 * from a covariance matrix (psych 2.2.9 alpha()), and the Student t
 * quantile.  Formulas and their psych sources are documented in stats.h. */
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "stats.h"

#define STATS_PI	3.141592653589793238462643383279502884
#define STATS_LN_PI	1.144729885849400174143427351353058712

/* ==================== moments ==================== */

void
moments_init(struct moments *m)
{
	m->n = 0;
	m->mean = 0;
	m->m2 = 0;
	m->min = INFINITY;
	m->max = -INFINITY;
}

void
moments_add(struct moments *m, double x)
{
	double d;

	if (isnan(x))
		return;
	m->n += 1;
	d = x - m->mean;
	m->mean += d / m->n;
	m->m2 += d * (x - m->mean);
	if (x < m->min)
		m->min = x;
	if (x > m->max)
		m->max = x;
}

void
moments_merge(struct moments *a, const struct moments *b)
{
	double n, d;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = a->n + b->n;
	d = b->mean - a->mean;
	a->mean += d * (b->n / n);
	a->m2 += b->m2 + d * d * (a->n * b->n / n);
	a->n = n;
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
}

double
moments_var(const struct moments *m)
{
	if (m->n < 2)
		return NAN;
	return m->m2 / (m->n - 1);
}

double
moments_sd(const struct moments *m)
{
	return sqrt(moments_var(m));
}

/* ==================== comoments ==================== */

void
comoments_init(struct comoments *c)
{
	c->n = 0;
	c->mx = 0;
	c->my = 0;
	c->cxy = 0;
}

void
comoments_add(struct comoments *c, double x, double y)
{
	double dx;

	if (isnan(x) || isnan(y))
		return;
	c->n += 1;
	dx = x - c->mx;
	c->mx += dx / c->n;
	c->my += (y - c->my) / c->n;
	c->cxy += dx * (y - c->my);
}

void
comoments_merge(struct comoments *a, const struct comoments *b)
{
	double n, dx, dy;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = a->n + b->n;
	dx = b->mx - a->mx;
	dy = b->my - a->my;
	a->mx += dx * (b->n / n);
	a->my += dy * (b->n / n);
	a->cxy += b->cxy + dx * dy * (a->n * b->n / n);
	a->n = n;
}

double
comoments_cov(const struct comoments *c)
{
	if (c->n < 2)
		return NAN;
	return c->cxy / (c->n - 1);
}

/* ==================== exact sums ==================== */

/* n*sxy - sx*sy: exact in 64-bit integers when both products fit in 63
 * bits (the difference then fits too), else in long double. */
static long double
centred_sum(uint64_t n, uint64_t sx, uint64_t sy, uint64_t sxy)
{
	if ((sxy == 0 || n <= (uint64_t)INT64_MAX / sxy) &&
	    (sy == 0 || sx <= (uint64_t)INT64_MAX / sy))
		return (long double)((int64_t)(n * sxy) - (int64_t)(sx * sy));
	return (long double)n * (long double)sxy -
	    (long double)sx * (long double)sy;
}

/* shift + s/n, rounded once where shift*n + s is exact in long double. */
static double
shifted_mean(uint64_t n, uint64_t s, double shift)
{
	return (double)(((long double)shift * (long double)n +
	    (long double)s) / (long double)n);
}

void
comoments_from_sums(struct comoments *c, uint64_t n, uint64_t sx,
    uint64_t sy, uint64_t sxy, double shift_x, double shift_y)
{
	comoments_init(c);
	if (n == 0)
		return;
	c->n = (double)n;
	c->mx = shifted_mean(n, sx, shift_x);
	c->my = shifted_mean(n, sy, shift_y);
	c->cxy = (double)(centred_sum(n, sx, sy, sxy) / (long double)n);
}

double
comoments_cov_from_sums(uint64_t n, uint64_t sx, uint64_t sy, uint64_t sxy)
{
	double cxy;

	if (n < 2)
		return NAN;
	cxy = (double)(centred_sum(n, sx, sy, sxy) / (long double)n);
	return cxy / ((double)n - 1);
}

void
moments_from_sums(struct moments *m, uint64_t n, uint64_t s, uint64_t ss,
    double shift)
{
	moments_init(m);
	if (n == 0)
		return;
	m->n = (double)n;
	m->mean = shifted_mean(n, s, shift);
	m->m2 = (double)(centred_sum(n, s, s, ss) / (long double)n);
}

/* ==================== Cronbach's alpha ==================== */

/* Sums over the items of C that take part, for alpha.1() in psych. */
struct alpha_sums {
	double n;	/* items taking part */
	double tr;	/* tr(C) */
	double sumc;	/* sum(C) */
	double sumr;	/* sum(cov2cor(C)) */
};

/* Whether item j has a usable variance (psych: sd > 0 and not NA). */
static int
alpha_item_ok(const double *C, size_t k, size_t j)
{
	double v = C[j * k + j];

	return isfinite(v) && v > 0;
}

/*
 * Sum the items j != skip of C (skip >= k: none); with del set, also leave
 * out the items without usable variance, otherwise such an item is an
 * error.  Returns 0, or -1 when an item taking part has an unusable
 * variance (del unset) or a NAN covariance with another one.
 * The k inverse roots of the diagonal are computed once (on the stack for
 * up to ALPHA_STACK items), not k^2 times; the sums are the same.
 */
#define ALPHA_STACK	128

static int
alpha_sums(const double *C, size_t k, size_t skip, int del,
    struct alpha_sums *s)
{
	double stack[ALPHA_STACK], *is = k <= ALPHA_STACK ? stack : NULL;
	size_t j, l;
	double isj, isl, c;

	s->n = s->tr = s->sumc = s->sumr = 0;
	/* cov2cor(): Is <- sqrt(1/diag(V)); Is * V * rep(Is, ...); NAN
	 * marks an item left out */
	for (j = 0; is != NULL && j < k; j++)
		is[j] = j == skip || (del && !alpha_item_ok(C, k, j)) ? NAN :
		    sqrt(1 / C[j * k + j]);
	for (j = 0; j < k; j++) {
		if (j == skip)
			continue;
		if (!alpha_item_ok(C, k, j)) {
			if (del)
				continue;
			return -1;
		}
		isj = sqrt(1 / C[j * k + j]);
		s->n += 1;
		s->tr += C[j * k + j];
		for (l = 0; l < k; l++) {
			if (is != NULL ? isnan(is[l]) :
			    l == skip || (del && !alpha_item_ok(C, k, l)))
				continue;
			c = C[j * k + l];
			if (isnan(c))
				return -1;
			s->sumc += c;
			if (l == j) {
				/* cov2cor() sets the diagonal to 1 */
				s->sumr += 1;
			} else {
				isl = is != NULL ? is[l] :
				    sqrt(1 / C[l * k + l]);
				s->sumr += isj * c * isl;
			}
		}
	}
	return 0;
}

/* raw_alpha of the summed items: (1 - tr(C)/sum(C)) * (n/(n - 1)). */
static double
alpha_raw(const struct alpha_sums *s)
{
	return (1 - s->tr / s->sumc) * (s->n / (s->n - 1));
}

static int
alpha_total(const double *C, size_t k, int del, struct alpha_result *res,
    size_t *kept)
{
	struct alpha_sums s;

	assert(res != NULL && (C != NULL || k == 0));
	res->raw = res->std = res->average_r = NAN;
	if (kept != NULL)
		*kept = 0;
	if (k < 2 || alpha_sums(C, k, k, del, &s) == -1)
		return -1;
	if (kept != NULL)
		*kept = (size_t)s.n;
	if (s.n < 2)
		return -1;
	res->raw = alpha_raw(&s);
	res->std = (1 - s.n / s.sumr) * (s.n / (s.n - 1));
	res->average_r = (s.sumr - s.n) / (s.n * (s.n - 1));
	return 0;
}

int
alpha_from_cov(const double *C, size_t k, struct alpha_result *res)
{
	return alpha_total(C, k, 0, res, NULL);
}

int
alpha_from_cov_delete(const double *C, size_t k, struct alpha_result *res,
    size_t *kept)
{
	return alpha_total(C, k, 1, res, kept);
}

/* alpha.drop raw_alpha and r.drop of item i; del as for alpha_sums(). */
static int
alpha_item_stats(const double *C, size_t k, size_t i, int del,
    double *alpha_drop, double *r_drop)
{
	struct alpha_sums all, rest;
	double cdrop;
	size_t j;

	assert(alpha_drop != NULL && r_drop != NULL && (C != NULL || k == 0));
	*alpha_drop = *r_drop = NAN;
	if (k < 2 || i >= k || !alpha_item_ok(C, k, i) ||
	    alpha_sums(C, k, k, del, &all) == -1 || all.n < 2 ||
	    alpha_sums(C, k, i, del, &rest) == -1)
		return -1;
	if (rest.n >= 2)
		*alpha_drop = alpha_raw(&rest);
	/* c.drop <- sum(C[, i]) - C[i, i]; v.drop <- sum(C[-i, -i]) */
	cdrop = 0;
	for (j = 0; j < k; j++)
		if (j != i && (!del || alpha_item_ok(C, k, j)))
			cdrop += C[j * k + i];
	*r_drop = cdrop / sqrt(C[i * k + i] * rest.sumc);
	return 0;
}

int
alpha_item_drop(const double *C, size_t k, size_t i, double *alpha_drop,
    double *r_drop)
{
	return alpha_item_stats(C, k, i, 0, alpha_drop, r_drop);
}

int
alpha_item_drop_delete(const double *C, size_t k, size_t i,
    double *alpha_drop, double *r_drop)
{
	return alpha_item_stats(C, k, i, 1, alpha_drop, r_drop);
}

/* ==================== Student t quantile ==================== */

/*
 * Standard normal quantile, Wichura's algorithm AS 241 (PPND16, Applied
 * Statistics 37(3), 1988), about 1e-16 relative.  0 < p < 1.
 */
static double
stats_norm_quantile(double p)
{
	double q, r, z;

	q = p - 0.5;
	if (fabs(q) <= 0.425) {
		r = 0.180625 - q * q;
		return q * (((((((2.5090809287301226727e+03 * r +
		    3.3430575583588128105e+04) * r +
		    6.7265770927008700853e+04) * r +
		    4.5921953931549871457e+04) * r +
		    1.3731693765509461125e+04) * r +
		    1.9715909503065514427e+03) * r +
		    1.3314166789178437745e+02) * r +
		    3.3871328727963666080e+00) /
		    (((((((5.2264952788528545610e+03 * r +
		    2.8729085735721942674e+04) * r +
		    3.9307895800092710610e+04) * r +
		    2.1213794301586595867e+04) * r +
		    5.3941960214247511077e+03) * r +
		    6.8718700749205790830e+02) * r +
		    4.2313330701600911252e+01) * r + 1);
	}
	r = sqrt(-log(q < 0 ? p : 1 - p));
	if (r <= 5) {
		r -= 1.6;
		z = (((((((7.74545014278341407640e-04 * r +
		    2.27238449892691845833e-02) * r +
		    2.41780725177450611770e-01) * r +
		    1.27045825245236838258e+00) * r +
		    3.64784832476320460504e+00) * r +
		    5.76949722146069140550e+00) * r +
		    4.63033784615654529590e+00) * r +
		    1.42343711074968357734e+00) /
		    (((((((1.05075007164441684324e-09 * r +
		    5.47593808499534494600e-04) * r +
		    1.51986665636164571966e-02) * r +
		    1.48103976427480074590e-01) * r +
		    6.89767334985100004550e-01) * r +
		    1.67638483018380384940e+00) * r +
		    2.05319162663775882187e+00) * r + 1);
	} else {
		r -= 5;
		z = (((((((2.01033439929228813265e-07 * r +
		    2.71155556874348757815e-05) * r +
		    1.24266094738807843860e-03) * r +
		    2.65321895265761230930e-02) * r +
		    2.96560571828504891230e-01) * r +
		    1.78482653991729133580e+00) * r +
		    5.46378491116411436990e+00) * r +
		    6.65790464350110377720e+00) /
		    (((((((2.04426310338993978564e-15 * r +
		    1.42151175831644588870e-07) * r +
		    1.84631831751005468180e-05) * r +
		    7.86869131145613259100e-04) * r +
		    1.48753612908506148525e-02) * r +
		    1.36929880922735805310e-01) * r +
		    5.99832206555887937690e-01) * r + 1);
	}
	return q < 0 ? -z : z;
}

/*
 * log(Gamma(a + 1/2) / Gamma(a)) for a > 0, without the cancellation of
 * lgamma(a + 0.5) - lgamma(a): shift a up to >= 10 with
 * Gamma(a + 1) = a Gamma(a), then take the difference of the two Stirling
 * series analytically.
 */
static double
stats_lgamma_half_ratio(double a)
{
	static const double b[] = {	/* B_2j / (2j (2j - 1)) */
		1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
		-691.0 / 360360, 1.0 / 156
	};
	double shift, s1, s2, z1, z2;
	int j;

	shift = 0;
	while (a < 10) {
		shift -= log1p(0.5 / a);
		a += 1;
	}
	s1 = s2 = 0;
	z1 = 1 / a;
	z2 = 1 / (a + 0.5);
	for (j = 6; j >= 0; j--) {
		s1 = s1 * z1 * z1 + b[j];
		s2 = s2 * z2 * z2 + b[j];
	}
	return shift + a * log1p(0.5 / a) - 0.5 + 0.5 * log(a) +
	    (s2 * z2 - s1 * z1);
}

/*
 * Continued fraction for the regularized incomplete beta function
 * (modified Lentz): I_x(a, b) = x^a y^b / (a B(a, b)) * cf, y = 1 - x.
 * Converges fast for x < (a + 1)/(a + b + 2).
 */
static double
stats_beta_cf(double x, double y, double a, double b)
{
	const double tiny = 1e-300;
	double c, d, h, aa, del;
	int m;

	c = 1;
	/* 1 - (a + b) x/(a + 1), without cancellation when x is near 1 */
	d = x < 0.5 ? 1 - (a + b) * x / (a + 1) :
	    ((1 - b) + (a + b) * y) / (a + 1);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 100000; m++) {
		aa = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x /
		    ((a + 2 * m) * (a + 1 + 2 * m));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

/*
 * For t > 0 and df degrees of freedom, the logarithms of P(T > t) (*ltail),
 * of P(|T| <= t) = 1 - 2 P(T > t) (*lmid) and of the t density at t
 * (*ldens).  With x = df/(df + t^2) and a = df/2, P(T > t) = I_x(a, 1/2)/2
 * and P(|T| <= t) = I_{1-x}(1/2, a); the continued fraction that converges
 * is evaluated, the other probability follows by subtraction.  Logarithms
 * keep far tails (t up to 1e300) from underflowing.
 */
static void
stats_t_logprobs(double t, double df, double *ltail, double *lmid,
    double *ldens)
{
	double a, u, lx, ly, lb, lpre, v;

	a = df / 2;
	u = t / df * t;			/* t^2/df */
	if (isinf(u)) {
		lx = log(df / t) - log(t);	/* log x = -log(1 + u) */
		ly = 0;
	} else {
		lx = -log1p(u);
		ly = log(u / (1 + u));		/* log(1 - x) */
	}
	/* log B(a, 1/2) = log Gamma(a) + log Gamma(1/2) - log Gamma(a + 1/2) */
	lb = 0.5 * STATS_LN_PI - stats_lgamma_half_ratio(a);
	*ldens = -lb - 0.5 * log(df) + (a + 0.5) * lx;
	lpre = a * lx + 0.5 * ly - lb;
	if (u * (a + 1) > 1.5) {	/* x < (a + 1)/(a + 2.5) */
		v = stats_beta_cf(exp(lx), exp(ly), a, 0.5);
		*ltail = lpre - log(2 * a) + log(v);
		*lmid = log1p(-2 * exp(*ltail));
	} else {
		v = exp(lpre) * 2 * stats_beta_cf(exp(ly), exp(lx), 0.5, a);
		*lmid = log(v);
		*ltail = log(0.5 * (1 - v));
	}
}

/*
 * Cornish-Fisher expansion of the upper t quantile around the normal one z
 * (Abramowitz and Stegun 26.7.5, terms to df^-5).  *err receives an
 * estimate of the relative error: the last term times (z^2 + 1)/df.
 */
static double
stats_t_cornish_fisher(double z, double df, double *err)
{
	double z2, g1, g2, g3, g4, g5;

	z2 = z * z;
	g1 = (z2 + 1) * z / 4;
	g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
	g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
	g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z /
	    92160;
	g5 = (((((27 * z2 + 339) * z2 + 930) * z2 - 1782) * z2 - 765) * z2 +
	    17955) * z / 368640;
	*err = fabs(g5 / pow(df, 5)) * (z2 + 1) / df / z;
	return z + (g1 + (g2 + (g3 + (g4 + g5 / df) / df) / df) / df) / df;
}

/*
 * Solve for t > 0 by Newton's method on log t, safeguarded by bisection:
 * P(T > t) = pt when pt < 1/4, else P(|T| <= t) = 1 - 2 pt (exact in
 * floating point), so that the equation solved is always the one with the
 * small, accurately known right-hand side.
 */
static double
stats_t_solve(double pt, double df, double t)
{
	double lo, hi, s, h, dh, target, ltail, lmid, ldens, step;
	int i, use_tail;

	use_tail = pt < 0.25;
	target = use_tail ? log(pt) : log(1 - 2 * pt);
	lo = -INFINITY;
	hi = INFINITY;
	s = log(t);
	for (i = 0; i < 500; i++) {
		t = exp(s);
		stats_t_logprobs(t, df, &ltail, &lmid, &ldens);
		if (use_tail) {
			h = ltail - target;		/* decreasing in s */
			dh = -exp(s + ldens - ltail);
		} else {
			h = lmid - target;		/* increasing in s */
			dh = 2 * exp(s + ldens - lmid);
		}
		if (h == 0 || isnan(h))
			break;
		if ((h > 0) == use_tail)
			lo = s;
		else
			hi = s;
		step = -h / dh;
		if (!isfinite(step) || !(s + step > lo && s + step < hi)) {
			if (isfinite(lo) && isfinite(hi))
				step = (lo + hi) / 2 - s;
			else
				step = isfinite(lo) ? 1 : -1;
		}
		s += step;
		if (fabs(step) <= 1e-15 * fmax(1, fabs(s)))
			break;
		if (isfinite(lo) && isfinite(hi) && hi - lo <= 4e-16 * fabs(s))
			break;
	}
	return exp(s);
}

double
stats_t_quantile(double p, double df)
{
	double pt, t, err;

	if (isnan(p) || isnan(df) || !(df > 0) || !(p > 0 && p < 1))
		return NAN;
	if (p == 0.5)
		return 0;
	pt = p < 0.5 ? p : 1 - p;	/* upper tail, exact */
	if (df == 1) {
		/* Cauchy: P(T > t) = atan(1/t)/pi, so t = cot(pi pt) */
		t = cos(STATS_PI * pt) / sin(STATS_PI * pt);
	} else if (df == 2) {
		/* P(T > t) = (1 - t/sqrt(2 + t^2))/2 */
		t = (1 - 2 * pt) / sqrt(2 * pt * (1 - pt));
	} else {
		/* The expansion is exact to rounding for large df and moderate
		 * z; elsewhere it is only the starting point. */
		t = stats_t_cornish_fisher(-stats_norm_quantile(pt), df, &err);
		if (!(err <= 1e-17)) {
			if (!(isfinite(t) && t > 0))
				t = 1;
			t = stats_t_solve(pt, df, t);
		}
	}
	return p < 0.5 ? -t : t;
}
