/* test_compare.c -- the comparison statistics against R 4: t.test(b, a)
 * (Welch, var.equal = FALSE) for the difference, its standard error,
 * degrees of freedom and interval, and Hedges' g computed by hand in R as
 *   m <- na + nb - 2; sp <- sqrt(((na-1)*var(a) + (nb-1)*var(b))/m)
 *   J <- gamma(m/2)/(sqrt(m/2)*gamma((m-1)/2)); J*(mean(b)-mean(a))/sp
 * on raw vectors (listed in each test); the functions get only n, mean and
 * sd, as plg-report does. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "plgtest.h"
#include "compare.h"

/* Relative tolerance: R's qt and ours agree to about 1e-13. */
#define TOL	1e-11

/* a <- c(3.5, 2.8333, 4, 3.1667, 2.5, 3.6667, 3, 4.3333, 2.6667, 3.8333)
 * (sixths), b <- c(4, 3.5, 4.1667, 3.8333, 3, 4.5, 3.6667, 4.3333, 3.3333,
 * 4.6667, 3.8333, 4): two waves of scale scores; b higher, CI above 0. */
static void
test_compare_groups_waves(void **state)
{
	struct cmp_result c;

	(void)state;
	assert_int_equal(compare_groups(10, 3.3500000000000001,
	    0.61085853366237597, 12, 3.9027777777777777, 0.48439451600740396,
	    0.95, &c), 0);
	assert_dbl_near(c.diff, 0.55277777777777759, TOL);
	assert_dbl_near(c.se, 0.23847009332336008, TOL);
	assert_dbl_near(c.df, 17.068715506554202, TOL);
	assert_dbl_near(c.ci_low, 0.04980411075026419, TOL);
	assert_dbl_near(c.ci_high, 1.0557514448052909, TOL);
	assert_dbl_near(c.g, 0.97576689035366537, TOL);
	assert_int_equal(compare_verdict(&c), CMP_HIGHER);
	/* t.test(b, a, conf.level = 0.9) */
	assert_int_equal(compare_groups(10, 3.3500000000000001,
	    0.61085853366237597, 12, 3.9027777777777777, 0.48439451600740396,
	    0.90, &c), 0);
	assert_dbl_near(c.ci_low, 0.13802966199426292, TOL);
	assert_dbl_near(c.ci_high, 0.96752589356129215, TOL);
}

/* a: 25 answers around 4 (sd 0.645), b: 10 answers spread 1..5 (sd 1.37):
 * b lower, Welch df far from the pooled 33. */
static void
test_compare_groups_unequal(void **state)
{
	struct cmp_result c;

	(void)state;
	assert_int_equal(compare_groups(25, 4.2000000000000002,
	    0.6454972243679028, 10, 3.1000000000000001, 1.3703203194062976,
	    0.95, &c), 0);
	assert_dbl_near(c.diff, -1.1000000000000001, TOL);
	assert_dbl_near(c.se, 0.45215533220835114, TOL);
	assert_dbl_near(c.df, 10.637109830120913, TOL);
	assert_dbl_near(c.ci_low, -2.0993451635891223, TOL);
	assert_dbl_near(c.ci_high, -0.10065483641087783, TOL);
	assert_dbl_near(c.g, -1.1904171096036347, TOL);
	assert_int_equal(compare_verdict(&c), CMP_LOWER);
}

/* a <- c(3, 4); b <- c(2, 4, 5): the interval includes 0 (noise). */
static void
test_compare_groups_tiny(void **state)
{
	struct cmp_result c;

	(void)state;
	assert_int_equal(compare_groups(2, 3.5, 0.70710678118654757, 3,
	    3.6666666666666665, 1.5275252316519468, 0.95, &c), 0);
	assert_dbl_near(c.df, 2.8942917547568698, TOL);
	assert_dbl_near(c.ci_low, -3.1273750496198538, TOL);
	assert_dbl_near(c.ci_high, 3.4607083829531868, TOL);
	assert_dbl_near(c.g, 0.091897451226397101, TOL);
	assert_int_equal(compare_verdict(&c), CMP_NOISE);
}

/* a <- rep(4, 5) (sd 0), b <- c(3, 4, 5, 4, 2, 4): df = n_b - 1. */
static void
test_compare_groups_one_constant(void **state)
{
	struct cmp_result c;

	(void)state;
	assert_int_equal(compare_groups(5, 4, 0, 6, 3.6666666666666665,
	    1.0327955589886444, 0.95, &c), 0);
	assert_dbl_near(c.df, 5, TOL);
	assert_dbl_near(c.ci_low, -1.4171858016623122, TOL);
	assert_dbl_near(c.ci_high, 0.75051913499564515, TOL);
	assert_dbl_near(c.g, -0.39571943608655286, TOL);
}

/* What cannot be computed is NAN, never a made-up number. */
static void
test_compare_groups_not_computable(void **state)
{
	struct cmp_result c;

	(void)state;
	/* both constant: a difference, no interval, no g (R: "data are
	 * essentially constant") */
	assert_int_equal(compare_groups(4, 4, 0, 5, 3, 0, 0.95, &c), -1);
	assert_dbl_equal(c.diff, -1);
	assert_true(isnan(c.ci_low) && isnan(c.ci_high) && isnan(c.g));
	assert_int_equal(compare_verdict(&c), CMP_NONE);
	/* one answer on one side: a difference only */
	assert_int_equal(compare_groups(1, 4, NAN, 5, 3, 1, 0.95, &c), -1);
	assert_dbl_equal(c.diff, -1);
	assert_true(isnan(c.se) && isnan(c.g));
	/* no mean */
	assert_int_equal(compare_groups(0, NAN, NAN, 5, 3, 1, 0.95, &c), -1);
	assert_true(isnan(c.diff));
	/* a bad level */
	assert_int_equal(compare_groups(5, 3, 1, 5, 4, 1, 1, &c), -1);
	assert_true(isnan(c.ci_low));
}

/* J = gamma(m/2)/(sqrt(m/2)*gamma((m-1)/2)) in R. */
static void
test_compare_hedges_j(void **state)
{
	(void)state;
	assert_dbl_near(compare_hedges_j(2), 0.56418958354775628, TOL);
	assert_dbl_near(compare_hedges_j(10), 0.92274560805308692, TOL);
	assert_dbl_near(compare_hedges_j(20), 0.96194453374074873, TOL);
	assert_dbl_near(compare_hedges_j(300), 0.99749756684378621, TOL);
	/* the usual approximation 1 - 3/(4m - 1), close for large m */
	assert_dbl_near(compare_hedges_j(300), 1 - 3.0 / 1199, 1e-6);
	assert_true(isnan(compare_hedges_j(1)));
	assert_true(isnan(compare_hedges_j(NAN)));
}

/* Take a (case 1) out of c(a, b): b's n, mean and sd come back. */
static void
test_compare_remove(void **state)
{
	double n, mean, sd;

	(void)state;
	assert_int_equal(compare_remove(22, 3.6515151515151514,
	    0.60182502622719358, 10, 3.3500000000000001, 0.61085853366237597,
	    &n, &mean, &sd), 0);
	assert_dbl_equal(n, 12);
	assert_dbl_near(mean, 3.9027777777777777, 1e-14);
	assert_dbl_near(sd, 0.48439451600740396, 1e-12);
	/* case 2 the other way round: take b out */
	assert_int_equal(compare_remove(35, 3.8857142857142857,
	    1.0224373581107569, 10, 3.1000000000000001, 1.3703203194062976,
	    &n, &mean, &sd), 0);
	assert_dbl_equal(n, 25);
	assert_dbl_near(mean, 4.2000000000000002, 1e-14);
	assert_dbl_near(sd, 0.6454972243679028, 1e-12);
	/* nothing left, or a part larger than the whole */
	assert_int_equal(compare_remove(5, 3, 1, 5, 3, 1, &n, &mean, &sd), -1);
	assert_true(n == 0 && isnan(mean));
	assert_int_equal(compare_remove(5, 3, 1, 6, 3, 1, &n, &mean, &sd), -1);
	/* one left: a mean, no sd */
	assert_int_equal(compare_remove(3, 3, 1, 2, 2.5, 0.70710678118654757,
	    &n, &mean, &sd), 0);
	assert_dbl_equal(n, 1);
	assert_dbl_near(mean, 4, 1e-14);
	assert_true(isnan(sd));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_groups_waves),
		cmocka_unit_test(test_compare_groups_unequal),
		cmocka_unit_test(test_compare_groups_tiny),
		cmocka_unit_test(test_compare_groups_one_constant),
		cmocka_unit_test(test_compare_groups_not_computable),
		cmocka_unit_test(test_compare_hedges_j),
		cmocka_unit_test(test_compare_remove),
	};

	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
