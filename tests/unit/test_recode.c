/* test_recode.c -- answer cells to values on the default instrument's 1..5
 * scale: numbers, labels, numbered labels, don't know, user mappings. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plgtest.h"
#include "instrument.h"
#include "recode.h"

static struct instrument ins;

static int
setup(void **state)
{
	struct recoder *rc = malloc(sizeof(*rc));

	if (rc == NULL)
		return -1;
	recoder_init(rc, &ins);
	*state = rc;
	return 0;
}

static int
teardown(void **state)
{
	recoder_release(*state);
	free(*state);
	return 0;
}

/* Recoding s must give status st and, for RECODE_VALUE and RECODE_CONFLICT,
 * the value want. */
static void
check(struct recoder *rc, const char *s, enum recode_status st, double want)
{
	double v = -99;
	enum recode_status got = recoder_run(rc, s, strlen(s), &v);

	if (got != st)
		fail_msg("'%s': status %d, expected %d", s, got, st);
	if (st == RECODE_VALUE || st == RECODE_CONFLICT)
		assert_dbl_equal(v, want);
}

#define VALUE(s, x)	check(*state, (s), RECODE_VALUE, (x))
#define STATUS(s, st)	check(*state, (s), (st), 0)

static void
test_recoder_run_digits(void **state)
{
	VALUE("1", 1);
	VALUE("5", 5);
	VALUE(" 4 ", 4);
	VALUE("4.0", 4);
	VALUE("4,0", 4);
	STATUS("", RECODE_EMPTY);
	STATUS("   ", RECODE_EMPTY);
}

static void
test_recoder_run_out_of_range(void **state)
{
	STATUS("7", RECODE_OUT_OF_RANGE);
	STATUS("0", RECODE_OUT_OF_RANGE);
	STATUS("-1", RECODE_OUT_OF_RANGE);
	STATUS("3.5", RECODE_OUT_OF_RANGE);
	/* a decimal comma from a Dutch spreadsheet is 3.5, not 3 */
	STATUS("3,5", RECODE_OUT_OF_RANGE);
	STATUS("10", RECODE_OUT_OF_RANGE);
}

static void
test_recoder_run_labels_dutch(void **state)
{
	VALUE("Helemaal oneens", 1);
	VALUE("Oneens", 2);
	VALUE("Neutraal", 3);
	VALUE("Eens", 4);
	VALUE("Helemaal eens", 5);
}

static void
test_recoder_run_labels_english(void **state)
{
	VALUE("Strongly disagree", 1);
	VALUE("Disagree", 2);
	VALUE("Neither agree nor disagree", 3);
	VALUE("Agree", 4);
	VALUE("Strongly agree", 5);
}

static void
test_recoder_run_labels_any_case_accents_punctuation(void **state)
{
	VALUE("EENS", 4);
	VALUE("  helemaal   EENS ", 5);
	VALUE("Helemaal eens.", 5);
	VALUE("N\xc3\xa9utraal", 3);
	VALUE("STRONGLY-agree!", 5);
	VALUE("Niet eens, niet oneens", 3);
	VALUE("niet eens niet oneens", 3);
}

static void
test_recoder_run_aliases(void **state)
{
	VALUE("Zeer oneens", 1);
	VALUE("Mee oneens", 2);
	VALUE("Tend to disagree", 2);
	VALUE("Noch eens, noch oneens", 3);
	VALUE("Mee eens", 4);
	VALUE("Somewhat agree", 4);
	VALUE("Volledig eens", 5);
}

static void
test_recoder_run_numbered_labels(void **state)
{
	VALUE("5 - Helemaal eens", 5);
	VALUE("1 = Helemaal oneens", 1);
	VALUE("4. Eens", 4);
	VALUE("(2) Oneens", 2);
	VALUE("Eens (4)", 4);
	VALUE("Strongly agree = 5", 5);
	VALUE("3 - Something the instrument does not have", 3);
}

static void
test_recoder_run_numbered_conflict(void **state)
{
	check(*state, "2 - Helemaal eens", RECODE_CONFLICT, 2);
	check(*state, "Oneens (4)", RECODE_CONFLICT, 4);
}

static void
test_recoder_run_numbered_out_of_range_or_two_numbers(void **state)
{
	STATUS("7 - Helemaal eens", RECODE_UNKNOWN);
	STATUS("4 5", RECODE_UNKNOWN);
	STATUS("1-5", RECODE_UNKNOWN);
}

static void
test_recoder_run_dont_know(void **state)
{
	STATUS("Weet niet", RECODE_DONTKNOW);
	STATUS("weet ik niet", RECODE_DONTKNOW);
	STATUS("Don't know", RECODE_DONTKNOW);
	STATUS("I don\xe2\x80\x99t know", RECODE_DONTKNOW);
	STATUS("Niet van toepassing", RECODE_DONTKNOW);
	STATUS("n.v.t.", RECODE_DONTKNOW);
	STATUS("N/A", RECODE_DONTKNOW);
	STATUS("Geen mening", RECODE_DONTKNOW);
}

static void
test_recoder_run_unknown_text(void **state)
{
	STATUS("Soms", RECODE_UNKNOWN);
	STATUS("4o", RECODE_UNKNOWN);
	STATUS("Eens?!x", RECODE_UNKNOWN);
	STATUS("helemaal", RECODE_UNKNOWN);
}

static void
test_recoder_run_cache_gives_same_answers(void **state)
{
	struct recoder *rc = *state;
	char buf[32];
	int i;

	/* enough distinct cells to grow the cache a few times */
	for (i = 0; i < 300; i++) {
		VALUE("Eens", 4);
		STATUS("Soms", RECODE_UNKNOWN);
		snprintf(buf, sizeof(buf), "vrije tekst %c%c", 'a' + i % 26,
		    'a' + i / 26);
		STATUS(buf, RECODE_UNKNOWN);
	}
	assert_true(rc->ncache >= 302);
	VALUE("Eens", 4);
	STATUS("Weet niet", RECODE_DONTKNOW);
	STATUS("vrije tekst rb", RECODE_UNKNOWN);
}

/* The cache tells cells apart that share their first eight bytes, or
 * their hash's words but not their length, and still answers once it is
 * full (4,096 cells; later cells are recoded every time). */
static void
test_recoder_run_cache_near_misses(void **state)
{
	struct recoder *rc = *state;
	char buf[48];
	int i;

	for (i = 0; i < 5000; i++) {
		VALUE("Helemaal eens", 5);
		VALUE("Helemaal oneens", 1);
		VALUE("5 - Helemaal eens", 5);
		VALUE("1 - Helemaal oneens", 1);
		STATUS("Helemaal", RECODE_UNKNOWN);
		STATUS("Helemaal eens, of niet?", RECODE_UNKNOWN);
		snprintf(buf, sizeof(buf), "opmerking %c%c%c", 'a' + i % 26,
		    'a' + i / 26 % 26, 'a' + i / 676);
		STATUS(buf, RECODE_UNKNOWN);
	}
	assert_true(rc->ncache <= 4096);
	VALUE("Helemaal eens", 5);
	STATUS("opmerking aaa", RECODE_UNKNOWN);
	STATUS("opmerking zzg", RECODE_UNKNOWN);
}

static void
test_recoder_add_user_mappings_win(void **state)
{
	struct recoder *rc = *state;

	recoder_add(rc, "Soms", 3);
	recoder_add(rc, "Eens", 5);		/* overrides the label */
	recoder_add(rc, "7", NAN);		/* even a number */
	recoder_add(rc, "x", 1);
	/* later mapping of the same key */
	recoder_add(rc, "X!", 2);
	VALUE("soms", 3);
	VALUE("EENS", 5);
	STATUS("7", RECODE_DONTKNOW);
	VALUE("x", 2);
	/* the rest still works */
	VALUE("4", 4);
	VALUE("Oneens", 2);
	STATUS("Weet niet", RECODE_DONTKNOW);
	STATUS("Nooit", RECODE_UNKNOWN);
	assert_int_equal(rc->nuser, 5);
}


/* Mappings for some columns only: a column takes the rules of every scope
 * that names it, before the mappings for all columns. */
static void
test_recoder_run_in_scoped_mappings(void **state)
{
	struct recoder *rc = *state;
	char *q1[] = { "q1", NULL, "pc1" }, *q2[] = { "q2", "pc2" };
	char *none[] = { "q3" };
	size_t *i1, *i2, *i3, n1, n2, n3;
	double v = 0;

	recoder_add(rc, "A1", 1);
	recoder_add_in(rc, "Q1", "A1", 5, 3);
	recoder_add_in(rc, "Q1", "A1", 4, 4);	/* later wins */
	recoder_add_in(rc, "PC2", "A2", NAN, 5);
	recoder_add_in(rc, "Q2", "A3", 2, 6);
	assert_int_equal(rc->nscope, 3);
	n1 = recoder_scopes(rc, q1, 3, &i1);
	n2 = recoder_scopes(rc, q2, 2, &i2);
	n3 = recoder_scopes(rc, none, 1, &i3);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 2);
	assert_int_equal(n3, 0);
	assert_null(i3);
	assert_int_equal(recoder_run_in(rc, i1, n1, "a1", 2, &v), RECODE_VALUE);
	assert_dbl_equal(v, 4);
	assert_int_equal(recoder_run_in(rc, i2, n2, "A1", 2, &v), RECODE_VALUE);
	assert_dbl_equal(v, 1);
	assert_int_equal(recoder_run_in(rc, i2, n2, "A2", 2, &v),
	    RECODE_DONTKNOW);
	assert_int_equal(recoder_run_in(rc, i2, n2, "A3", 2, &v), RECODE_VALUE);
	assert_dbl_equal(v, 2);
	assert_int_equal(recoder_run_in(rc, i1, n1, "A3", 2, &v),
	    RECODE_UNKNOWN);
	assert_int_equal(recoder_run_in(rc, i1, n1, "", 0, &v), RECODE_EMPTY);
	assert_int_equal(recoder_run_in(rc, i3, n3, "Eens", 4, &v),
	    RECODE_VALUE);
	assert_dbl_equal(v, 4);
	/* every scope was asked for by a column */
	assert_int_equal(rc->scope_used[0] + rc->scope_used[1] +
	    rc->scope_used[2], 3);
	free(i1);
	free(i2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_recoder_run_digits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_in_scoped_mappings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_out_of_range,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_labels_dutch,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_labels_english,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_labels_any_case_accents_punctuation, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_aliases, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_numbered_labels, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_numbered_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_numbered_out_of_range_or_two_numbers,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_dont_know,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_recoder_run_unknown_text,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_cache_gives_same_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_run_cache_near_misses, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_recoder_add_user_mappings_win, setup, teardown),
	};
	int rc;

	if (instrument_load(&ins, NULL) != 0)
		return 1;
	rc = cmocka_run_group_tests_name("recode", tests, NULL, NULL);
	instrument_release(&ins);
	return rc;
}
