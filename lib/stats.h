/* stats.h -- one-pass, mergeable accumulators (moments, co-moments),
 * Cronbach's alpha from a covariance matrix as psych 2.2.9 alpha() computes
 * it, and the Student t quantile.  Nothing here allocates or keeps pointers. */
#ifndef PLG_STATS_H
#define PLG_STATS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Moments of one variable.  Caller-allocated (stack is fine), no resources.
 * Memory does not grow with the number of values: moments_add() is
 * Welford's update, moments_merge() is Chan, Golub and LeVeque's pairwise
 * formula, so partials from separate batches merged in any order give the
 * one-pass result up to rounding.  Values must be finite, except that NAN
 * means "missing": moments_add() ignores it, so n counts present values.
 */
struct moments {
	double n;	/* values added */
	double mean;	/* mean of those values; 0 while n == 0 */
	double m2;	/* sum of squared deviations from mean */
	double min;	/* +inf while n == 0 */
	double max;	/* -inf while n == 0 */
};

/* Empty accumulator: n = mean = m2 = 0, min = +inf, max = -inf. */
void moments_init(struct moments *m);
/* Add x (Welford): d = x - mean; mean += d/n; m2 += d*(x - mean).
 * x == NAN is ignored. */
void moments_add(struct moments *m, double x);
/* a += b (Chan et al.): with d = mean_b - mean_a and n = n_a + n_b,
 * mean = mean_a + d*n_b/n, m2 = m2_a + m2_b + d*d*n_a*n_b/n.  b unchanged. */
void moments_merge(struct moments *a, const struct moments *b);
/* Sample variance m2/(n-1), as R's var(); NAN when n < 2. */
double moments_var(const struct moments *m);
/* sqrt(moments_var(m)), as R's sd(); NAN when n < 2. */
double moments_sd(const struct moments *m);

/*
 * Co-moment of two variables over the rows where both are present (R's
 * cov(x, y, use = "pairwise"): the means are over those same rows).
 * comoments_add() ignores a pair in which either value is NAN.
 */
struct comoments {
	double n;	/* pairs added */
	double mx;	/* mean of x over those pairs */
	double my;	/* mean of y over those pairs */
	double cxy;	/* sum of (x - mx)*(y - my) */
};

/* Empty accumulator: all fields 0. */
void comoments_init(struct comoments *c);
/* Add the pair (x, y): dx = x - mx; mx += dx/n; my += (y - my)/n;
 * cxy += dx*(y - my), with my already updated.  Skipped if either is NAN. */
void comoments_add(struct comoments *c, double x, double y);
/* a += b: cxy = cxy_a + cxy_b + dx*dy*n_a*n_b/n with dx, dy the
 * differences of the means; the means combine as in moments_merge(). */
void comoments_merge(struct comoments *a, const struct comoments *b);
/* Sample covariance cxy/(n-1); NAN when n < 2. */
double comoments_cov(const struct comoments *c);

/*
 * Exact integer sums to (co-)moments, for plg-score's integer answers.
 * With values x_i = shift_x + a_i and y_i = shift_y + b_i, a_i and b_i
 * whole numbers >= 0, n pairs give the sums sx = sum a_i, sy = sum b_i and
 * sxy = sum a_i*b_i, all exact in 64 bits.  Then
 *
 *   mx  = (shift_x*n + sx) / n,   my likewise,
 *   cxy = (n*sxy - sx*sy) / n     (the sum of (x - mx)*(y - my)),
 *
 * where n*sxy - sx*sy is an exact 64-bit integer while both products fit
 * in 63 bits (for answers on 1..5, up to 750 million pairs), otherwise a
 * long double.  So each result is rounded once or twice, never
 * accumulates rounding, and is independent of the order of the rows --
 * unlike comoments_add(), whose error grows with n.  Sums of exact
 * partials are exact; the results merge with comoments_merge().
 * moments_from_sums() is the same with y = x (sxy is then the sum of
 * squares) and leaves min and max as moments_init() sets them.
 */
void comoments_from_sums(struct comoments *c, uint64_t n, uint64_t sx,
    uint64_t sy, uint64_t sxy, double shift_x, double shift_y);
void moments_from_sums(struct moments *m, uint64_t n, uint64_t s,
    uint64_t ss, double shift);
/* comoments_cov() of what comoments_from_sums() gives, bit for bit,
 * without computing the means. */
double comoments_cov_from_sums(uint64_t n, uint64_t sx, uint64_t sy,
    uint64_t sxy);

/*
 * Cronbach's alpha from a k x k covariance matrix C of k items (row-major,
 * symmetric, caller-owned, only read).  plg-score builds C the way psych's
 * alpha() does with its default use = "pairwise", i.e. R's
 * cov(x, use = "pairwise"): C[i][i] = moments_var() over the rows where
 * item i is present, C[i][j] = comoments_cov() over the rows where i and j
 * are both present.  psych reverses no item by default (check.keys = FALSE);
 * reverse-keyed items must be reversed before C is built.
 *
 * Formulas, with n = k, tr = sum of C[i][i], sumC = sum of all C[i][j],
 * and R = cov2cor(C) (R[i][j] = C[i][j]/sqrt(C[i][i]*C[j][j]), R[i][i] = 1,
 * so the pairwise R is NOT cor(x, use = "pairwise")), sumR = sum of all R:
 *
 *   raw       = (1 - tr/sumC) * n/(n-1)
 *               psych: alpha.raw <- (1 - tr(C)/sum(C)) * (n/(n - 1))
 *   std       = (1 - n/sumR) * n/(n-1)
 *               psych: alpha.std <- (1 - n/sumR) * (n/(n - 1))
 *   average_r = (sumR - n) / (n*(n-1))   (mean off-diagonal R)
 *               psych: av.r <- (sumR - n)/(n * (n - 1))
 */
struct alpha_result {
	double raw;		/* psych alpha$total$raw_alpha */
	double std;		/* psych alpha$total$std.alpha */
	double average_r;	/* psych alpha$total$average_r */
};

/* Fill *res from C.  Returns 0, or -1 with every field NAN when k < 2, a
 * diagonal entry is NAN or <= 0, or an off-diagonal entry is NAN (a pair of
 * items never present together in two rows). */
int alpha_from_cov(const double *C, size_t k, struct alpha_result *res);

/*
 * Per-item statistics for item i (0-based) of the same C:
 *
 *   *alpha_drop = raw alpha of the k-1 other items, i.e. the formula above
 *                 on C without row and column i
 *                 psych: alpha.drop$raw_alpha, from
 *                 alpha.1(C[-i, -i, drop = FALSE], R[-i, -i, drop = FALSE])
 *                 NAN when k < 3.  (psych 2.2.9 with k == 2 reports
 *                 C[1,2]/C[2,2] and C[1,2]/C[1,1] here instead -- regression
 *                 slopes, not alphas -- which we do not copy.)
 *   *r_drop     = corrected item-total (item-rest) correlation, computed by
 *                 psych from the raw covariances C, not from R:
 *                 (sum over j != i of C[j][i]) /
 *                     sqrt(C[i][i] * sum over j,l != i of C[j][l])
 *                 psych: v.drop <- sum(C[-i, -i, drop = FALSE])
 *                        c.drop <- sum(C[, i]) - C[i, i]
 *                        r.drop[i] <- c.drop/sqrt(C[i, i] * v.drop)
 *                 Defined for k >= 2 (k == 2 gives R[1][2]).  It is the
 *                 correlation of item i with the sum of the other items as
 *                 implied by the pairwise C; NAN if that sum's variance is
 *                 negative (possible when a pairwise C is not positive
 *                 semi-definite; R gives NaN with a warning).
 *
 * Returns 0, or -1 with both outputs NAN when i >= k or C is unusable as for
 * alpha_from_cov().
 */
int alpha_item_drop(const double *C, size_t k, size_t i, double *alpha_drop,
    double *r_drop);

/*
 * psych's delete = TRUE (its default) for raw data: an item whose standard
 * deviation is 0 or NA (C[i][i] <= 0, NAN, or fewer than two values) is
 * dropped with a warning, and alpha is computed from the other items as if
 * it were not there.  These two do the same without copying C: *res is
 * alpha_from_cov() of C restricted to the usable items; *kept (if not NULL)
 * receives their number.  Return -1 (fields NAN) when fewer than two items
 * are usable.  alpha_item_drop_delete() returns -1 (outputs NAN) for an
 * unusable item i, for which psych reports no row; otherwise the values of
 * alpha_item_drop() over the usable items, with alpha_drop NAN when fewer
 * than three are usable.
 */
int alpha_from_cov_delete(const double *C, size_t k, struct alpha_result *res,
    size_t *kept);
int alpha_item_drop_delete(const double *C, size_t k, size_t i,
    double *alpha_drop, double *r_drop);

/*
 * Student t quantile: the q with P(T <= q) = p for df degrees of freedom,
 * like R's qt(p, df); for a 95% two-sided interval use p = 0.975.  df need
 * not be an integer.  Accurate to about 1e-13 relative.  Returns NAN when
 * df <= 0, p is outside (0, 1), or either is NAN.
 */
double stats_t_quantile(double p, double df);

#endif /* PLG_STATS_H */
