/* test_numparse.c -- strict number parsing: the whole field or an error. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "plgtest.h"
#include "numparse.h"

/* num_parse(s) must succeed with want. */
static void
ok(const char *s, double want)
{
	double x = -12345;

	assert_int_equal(num_parse(s, &x), 0);
	assert_dbl_equal(x, want);
}

/* num_parse(s) must fail and leave *out alone. */
static void
bad(const char *s)
{
	double x = -12345;

	assert_int_equal(num_parse(s, &x), -1);
	assert_dbl_equal(x, -12345);
}

static void
test_num_parse_digit(void **state)
{
	(void)state;
	ok("3", 3);
	ok("0", 0);
	ok("9", 9);
}

static void
test_num_parse_blanks_around(void **state)
{
	(void)state;
	ok(" 4 ", 4);
	ok("\t4\t", 4);
	ok("  12.5", 12.5);
	bad(" ");
	bad("4 4");
}

static void
test_num_parse_decimal_forms(void **state)
{
	(void)state;
	ok("3.5", 3.5);
	ok(".5", 0.5);
	ok("5.", 5);
	ok("+2", 2);
	ok("-2.25", -2.25);
	ok("1e3", 1000);
	ok("2.5E-1", 0.25);
	ok("007", 7);
}

static void
test_num_parse_minus_zero_is_zero(void **state)
{
	double x = 1;

	(void)state;
	assert_int_equal(num_parse("-0", &x), 0);
	assert_dbl_equal(x, 0);
	assert_false(signbit(x));
	assert_int_equal(num_parse("-0.0e5", &x), 0);
	assert_false(signbit(x));
}

static void
test_num_parse_range_limits(void **state)
{
	(void)state;
	ok("1e308", 1e308);
	ok("-1.7976931348623157e308", -1.7976931348623157e308);
	bad("1e309");
	bad("-1e309");
	ok("1e-400", 0);	/* underflow to zero is still a number */
}

static void
test_num_parse_rejects_non_decimal(void **state)
{
	(void)state;
	bad("nan");
	bad("NaN");
	bad("inf");
	bad("-infinity");
	bad("0x10");
	bad("1e");
	bad("1e+");
	bad("e5");
	bad(".");
	bad("-");
	bad("1.2.3");
	bad("1_000");
}

static void
test_num_parse_rejects_comma_and_text(void **state)
{
	(void)state;
	bad("3,5");
	bad("1,000");
	bad("");
	bad("4o");
	bad("o4");
	bad("Eens");
}

static void
test_num_parse_comma_accepts_decimal_comma(void **state)
{
	double x = 0;

	(void)state;
	assert_int_equal(num_parse_comma("3,5", &x), 0);
	assert_dbl_equal(x, 3.5);
	assert_int_equal(num_parse_comma(" -0,25 ", &x), 0);
	assert_dbl_equal(x, -0.25);
	assert_int_equal(num_parse_comma("3.5", &x), 0);
	assert_dbl_equal(x, 3.5);
	assert_int_equal(num_parse_comma("7", &x), 0);
	assert_dbl_equal(x, 7);
}

static void
test_num_parse_comma_rejects_ambiguous(void **state)
{
	double x = -1;

	(void)state;
	assert_int_equal(num_parse_comma("1,234.5", &x), -1);
	assert_int_equal(num_parse_comma("1,2,3", &x), -1);
	assert_int_equal(num_parse_comma(",", &x), -1);
	assert_int_equal(num_parse_comma("3,5x", &x), -1);
	assert_int_equal(num_parse_comma("", &x), -1);
	assert_int_equal(num_parse_comma("0,00000000000000000000000000000000"
	    "00000000000000000000000000000001", &x), -1);	/* too long */
	assert_dbl_equal(x, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num_parse_digit),
		cmocka_unit_test(test_num_parse_blanks_around),
		cmocka_unit_test(test_num_parse_decimal_forms),
		cmocka_unit_test(test_num_parse_minus_zero_is_zero),
		cmocka_unit_test(test_num_parse_range_limits),
		cmocka_unit_test(test_num_parse_rejects_non_decimal),
		cmocka_unit_test(test_num_parse_rejects_comma_and_text),
		cmocka_unit_test(test_num_parse_comma_accepts_decimal_comma),
		cmocka_unit_test(test_num_parse_comma_rejects_ambiguous),
	};

	return cmocka_run_group_tests_name("numparse", tests, NULL, NULL);
}
