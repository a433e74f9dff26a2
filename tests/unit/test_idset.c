/* test_idset.c -- unit tests for lib/idset.c: duplicates found byte by
 * byte, runs of numbered ids that cost nothing per id, classes by prefix
 * and width, ids in random order moved to the hash table without losing
 * any, and ids without a number. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "idset.h"

static int
add(struct idset *s, const char *id)
{
	return idset_add(s, id, strlen(id));
}

/* plg-survey's ids, R0001 on: a million of them in a few hundred bytes,
 * and every one of them a duplicate the second time. */
static void
test_idset_sequential_ids_flat(void **state)
{
	struct idset s;
	char id[32];
	unsigned long i;

	(void)state;
	idset_init(&s);
	for (i = 1; i <= 1000000; i++) {
		snprintf(id, sizeof(id), "R%04lu", i);
		assert_int_equal(add(&s, id), 0);
	}
	assert_true(idset_bytes(&s) < 4096);
	for (i = 1; i <= 1000000; i += 9999) {
		snprintf(id, sizeof(id), "R%04lu", i);
		assert_int_equal(add(&s, id), 1);
	}
	assert_int_equal(add(&s, "R1000001"), 0);
	idset_release(&s);
	assert_int_equal(idset_bytes(&s), 0);
}

/* Compared byte by byte: R001 and R0001 differ, and so do the prefixes. */
static void
test_idset_prefix_and_width(void **state)
{
	struct idset s;

	(void)state;
	idset_init(&s);
	assert_int_equal(add(&s, "R0001"), 0);
	assert_int_equal(add(&s, "R001"), 0);
	assert_int_equal(add(&s, "r0001"), 0);
	assert_int_equal(add(&s, "0001"), 0);
	assert_int_equal(add(&s, "1"), 0);
	assert_int_equal(add(&s, "R0001"), 1);
	assert_int_equal(add(&s, "R001"), 1);
	assert_int_equal(add(&s, "0001"), 1);
	assert_int_equal(add(&s, "01"), 0);
	assert_int_equal(add(&s, "2026-17"), 0);
	assert_int_equal(add(&s, "2026-17"), 1);
	assert_int_equal(add(&s, "2026-18"), 0);
	idset_release(&s);
}

/* Runs join when a gap closes, and a number inside a run is found. */
static void
test_idset_runs_join(void **state)
{
	struct idset s;

	(void)state;
	idset_init(&s);
	assert_int_equal(add(&s, "x10"), 0);
	assert_int_equal(add(&s, "x12"), 0);
	assert_int_equal(add(&s, "x14"), 0);
	assert_int_equal(s.cls[0].nrun, 3);
	assert_int_equal(add(&s, "x11"), 0);
	assert_int_equal(s.cls[0].nrun, 2);
	assert_int_equal(add(&s, "x13"), 0);
	assert_int_equal(s.cls[0].nrun, 1);
	assert_int_equal(add(&s, "x09"), 0);	/* the run grows down */
	assert_int_equal(add(&s, "x9"), 0);	/* another width */
	assert_int_equal(add(&s, "x15"), 0);
	assert_int_equal(add(&s, "x12"), 1);
	assert_int_equal(s.cls[0].nrun, 1);
	assert_true(s.cls[0].run[0].lo == 9 && s.cls[0].run[0].hi == 15);
	assert_int_equal(s.ncls, 2);
	idset_release(&s);
}

/* Ids in scrambled order: past IDSET_MAX_RUNS runs the class moves to
 * the hash table, and every id is still found once and only once. */
static void
test_idset_random_order_to_hash(void **state)
{
	struct idset s;
	char id[32];
	unsigned long i, v, n = 50000;

	(void)state;
	idset_init(&s);
	for (i = 0; i < n; i++) {
		v = (i * 7919) % n;	/* a permutation: 7919 is prime */
		snprintf(id, sizeof(id), "P%06lu", v);
		assert_int_equal(add(&s, id), 0);
	}
	assert_int_equal(s.cls[0].hashed, 1);
	assert_int_equal(s.nhash, n);
	for (i = 0; i < n; i += 7) {
		snprintf(id, sizeof(id), "P%06lu", i);
		assert_int_equal(add(&s, id), 1);
	}
	assert_int_equal(add(&s, "P050000"), 0);
	idset_release(&s);
}

/* Ids without a number, with too many digits, and more classes than
 * IDSET_MAX_CLASSES all go to the hash table. */
static void
test_idset_hashed_ids(void **state)
{
	struct idset s;
	char id[32];
	int i;

	(void)state;
	idset_init(&s);
	assert_int_equal(add(&s, "anna"), 0);
	assert_int_equal(add(&s, "anna"), 1);
	assert_int_equal(add(&s, "1234567890123456789012"), 0);
	assert_int_equal(add(&s, "1234567890123456789012"), 1);
	for (i = 0; i < 2 * IDSET_MAX_CLASSES; i++) {
		snprintf(id, sizeof(id), "%c%c7", 'a' + i % 26, 'a' + i / 26);
		assert_int_equal(add(&s, id), 0);
	}
	for (i = 0; i < 2 * IDSET_MAX_CLASSES; i++) {
		snprintf(id, sizeof(id), "%c%c7", 'a' + i % 26, 'a' + i / 26);
		assert_int_equal(add(&s, id), 1);
	}
	assert_int_equal(s.ncls, IDSET_MAX_CLASSES);
	idset_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idset_sequential_ids_flat),
		cmocka_unit_test(test_idset_prefix_and_width),
		cmocka_unit_test(test_idset_runs_join),
		cmocka_unit_test(test_idset_random_order_to_hash),
		cmocka_unit_test(test_idset_hashed_ids),
	};

	return cmocka_run_group_tests_name("idset", tests, NULL, NULL);
}
