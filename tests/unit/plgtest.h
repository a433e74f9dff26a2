/* plgtest.h -- what the cmocka unit tests share and cmocka 1.1.5 lacks:
 * doubles compared with a tolerance, and stderr captured for checking
 * diagnostics.  Include after <cmocka.h>
 * (which needs <stdarg.h>, <stddef.h>, <setjmp.h> and <stdint.h> first). */
#ifndef PLG_PLGTEST_H
#define PLG_PLGTEST_H

#include <math.h>
#include <stdio.h>
#include <unistd.h>

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

/*
 * Capturing stderr, to compare diagnostics with their exact text:
 * capture_start() sends file descriptor 2 to a temporary file,
 * capture_end() restores it and returns what was written (at most 64 KiB;
 * valid until the next call).  Calls must not nest.
 */
static FILE *plgtest_cap_;
static int plgtest_saved_fd_ = -1;

static inline void
capture_start(void)
{
	fflush(stderr);
	plgtest_cap_ = tmpfile();
	assert_non_null(plgtest_cap_);
	plgtest_saved_fd_ = dup(STDERR_FILENO);
	assert_true(plgtest_saved_fd_ >= 0);
	assert_true(dup2(fileno(plgtest_cap_), STDERR_FILENO) >= 0);
}

static inline const char *
capture_end(void)
{
	static char buf[65536];
	size_t n;

	fflush(stderr);
	dup2(plgtest_saved_fd_, STDERR_FILENO);
	close(plgtest_saved_fd_);
	rewind(plgtest_cap_);
	n = fread(buf, 1, sizeof(buf) - 1, plgtest_cap_);
	buf[n] = '\0';
	fclose(plgtest_cap_);
	return buf;
}

#endif /* PLG_PLGTEST_H */
