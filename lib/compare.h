/* compare.h -- comparing two independent groups from their summary
 * statistics (n, mean, sd), as plg-report compares waves, and a school with
 * a reference: the difference of the means with its Welch confidence
 * interval, and Hedges' g.  Also removing a part from a pooled group (a
 * school from a reference that contains it).  Pure arithmetic: nothing here
 * allocates, keeps pointers or reports.
 *
 * With a = the earlier wave or the reference, b = the later wave or the
 * school, and v_a = sd_a^2 / n_a, v_b = sd_b^2 / n_b:
 *
 *   diff    = mean_b - mean_a
 *   se      = sqrt(v_a + v_b)
 *   df      = (v_a + v_b)^2 / (v_a^2 / (n_a - 1) + v_b^2 / (n_b - 1))
 *             (Welch-Satterthwaite)
 *   ci      = diff -/+ t(1 - (1 - level)/2, df) * se
 *             as R's t.test(b, a)$conf.int (var.equal = FALSE)
 *   sp      = sqrt(((n_a - 1) sd_a^2 + (n_b - 1) sd_b^2) / (n_a + n_b - 2))
 *   J       = Gamma(m/2) / (sqrt(m/2) Gamma((m - 1)/2)), m = n_a + n_b - 2
 *   g       = J * diff / sp    (Hedges' g with the exact small-sample
 *                               correction; J = 1 - 3/(4m - 1) nearly)
 */
#ifndef PLG_COMPARE_H
#define PLG_COMPARE_H

/* The result of compare_groups(); a field that cannot be computed is NAN. */
struct cmp_result {
	double diff;		/* mean_b - mean_a */
	double se;		/* standard error of diff (Welch) */
	double df;		/* Welch-Satterthwaite degrees of freedom */
	double ci_low;		/* confidence interval of diff */
	double ci_high;
	double g;		/* Hedges' g, standardized by the pooled sd */
};

/* Whether the interval excludes 0. */
enum cmp_verdict {
	CMP_NONE = 0,		/* no interval: too few answers, or sd 0 */
	CMP_NOISE,		/* the interval includes 0: within noise */
	CMP_HIGHER,		/* the whole interval lies above 0: b > a */
	CMP_LOWER		/* the whole interval lies below 0: b < a */
};

/* Compare group b with group a at confidence level (0.95 for 95%).  diff
 * needs both means; se, df and the interval need n >= 2 in both groups,
 * finite sds and se > 0; g needs n >= 2 in both and a pooled sd > 0.
 * Returns 0 when the interval was computed, else -1. */
int compare_groups(double n_a, double mean_a, double sd_a, double n_b,
    double mean_b, double sd_b, double level, struct cmp_result *res);

/* The verdict on res's interval. */
enum cmp_verdict compare_verdict(const struct cmp_result *res);

/* Hedges' small-sample correction J(m) for m degrees of freedom (m > 1),
 * computed from lgamma; NAN otherwise. */
double compare_hedges_j(double m);

/* Take part p (n_p, mean_p, sd_p) out of whole w (n_w, mean_w, sd_w) that
 * contains it, with the pooling formulas of Chan, Golub and LeVeque run
 * backwards: n = n_w - n_p, mean = (n_w mean_w - n_p mean_p) / n,
 * m2 = m2_w - m2_p - (mean_p - mean)^2 n n_p / n_w with m2 = (n - 1) sd^2,
 * sd = sqrt(m2 / (n - 1)).  Returns 0, or -1 (outputs NAN, *n_r 0 or the
 * count) when the rest is empty or the inputs do not fit together. */
int compare_remove(double n_w, double mean_w, double sd_w, double n_p,
    double mean_p, double sd_p, double *n_r, double *mean_r, double *sd_r);

#endif /* PLG_COMPARE_H */
