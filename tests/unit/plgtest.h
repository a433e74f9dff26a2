/* plgtest.h -- assertions shared by the cmocka unit tests that cmocka 1.1.5
 * lacks: doubles compared with a tolerance.  Include after <cmocka.h>
 * (which needs <stdarg.h>, <stddef.h>, <setjmp.h> and <stdint.h> first). */
#ifndef PLG_PLGTEST_H
#define PLG_PLGTEST_H

#include <math.h>

/*
 * Whether a is within rel * max(1, |b|) of the expected value b: relative
 * for |b| >= 1, absolute below.  Two NANs match; an infinity matches only
 * the same infinity; NAN never matches a number.
 */
static inline int
plgtest_near(double a, double b, double rel)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	if (isinf(a) || isinf(b))
		return a == b;
	return fabs(a - b) <= rel * fmax(1, fabs(b));
}

/* Fail the test, printing both values with %.17g, unless a is near the
 * expected b (see plgtest_near).  Each argument is evaluated once. */
#define assert_dbl_near(a, b, rel) \
	plgtest_dbl_near_((a), (b), (rel), #a, #b)

/* assert_dbl_near with rel 1e-15: equal up to the last bit or two. */
#define assert_dbl_equal(a, b)	plgtest_dbl_near_((a), (b), 1e-15, #a, #b)

#define plgtest_dbl_near_(a, b, rel, sa, sb) do {			\
	double plgtest_a_ = (a), plgtest_b_ = (b);			\
	double plgtest_rel_ = (rel);					\
									\
	if (!plgtest_near(plgtest_a_, plgtest_b_, plgtest_rel_))	\
		fail_msg("%s = %.17g, expected %s = %.17g (rel %g)",	\
		    sa, plgtest_a_, sb, plgtest_b_, plgtest_rel_);	\
} while (0)

#endif /* PLG_PLGTEST_H */
