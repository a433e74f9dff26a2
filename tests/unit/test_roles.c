/* test_roles.c -- unit tests of lib/roles.c: role names to role groups. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "roles.h"

static void
test_role_group_leaders(void **state)
{
	(void)state;
	assert_string_equal(role_group("Schoolleider"), "leader");
	assert_string_equal(role_group("Adjunct-directeur"), "leader");
	assert_string_equal(role_group("Teamleider bovenbouw"), "leader");
	assert_string_equal(role_group("Directeur"), "leader");
	assert_string_equal(role_group("MT-lid"), "leader");
	assert_string_equal(role_group("Deputy head"), "leader");
	assert_string_equal(role_group("PRINCIPAL"), "leader");
}

static void
test_role_group_teachers_and_support(void **state)
{
	(void)state;
	assert_string_equal(role_group("Leerkracht"), "teacher");
	assert_string_equal(role_group("leraar groep 5"), "teacher");
	assert_string_equal(role_group("Docent wiskunde"), "teacher");
	assert_string_equal(role_group("Teacher"), "teacher");
	assert_string_equal(role_group("Intern begeleider"), "support");
	assert_string_equal(role_group("Onderwijsassistent"), "support");
	assert_string_equal(role_group("IB'er"), "support");
	assert_string_equal(role_group("Conciërge"), "support");
}

static void
test_role_group_other_and_empty(void **state)
{
	(void)state;
	assert_string_equal(role_group("Vrijwilliger"), "other");
	assert_string_equal(role_group(""), "");
	assert_string_equal(role_group("  "), "");
	/* "mt" must be a whole word: "mentor" is a teacher, not a leader */
	assert_string_equal(role_group("mentor"), "teacher");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_group_leaders),
		cmocka_unit_test(test_role_group_teachers_and_support),
		cmocka_unit_test(test_role_group_other_and_empty),
	};

	return cmocka_run_group_tests_name("roles", tests, NULL, NULL);
}
