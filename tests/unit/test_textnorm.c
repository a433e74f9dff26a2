/* test_textnorm.c -- the keys under which question texts, answer labels and
 * header names are compared. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "textnorm.h"

/* textnorm(s) must be want. */
static void
norm(const char *s, const char *want)
{
	char *k = textnorm(s, strlen(s));

	assert_string_equal(k, want);
	free(k);
}

static void
trim(const char *s, const char *want)
{
	char *k = textnorm_trim(s, strlen(s));

	assert_string_equal(k, want);
	free(k);
}

static void
test_textnorm_case_folded(void **state)
{
	(void)state;
	norm("Helemaal EENS", "helemaal eens");
	norm("PC1", "pc1");
	norm("abc xyz 0189", "abc xyz 0189");
}

static void
test_textnorm_accents_folded(void **state)
{
	(void)state;
	norm("\xc3\xa9 \xc3\xab \xc3\xaf \xc3\xb6 \xc3\xbc \xc3\xa0 \xc3\xa7",
	    "e e i o u a c");
	/* ÉÀÇÖ */
	norm("\xc3\x89\xc3\x80\xc3\x87\xc3\x96", "eaco");
	norm("privézaak", "privezaak");
	norm("na\xc3\xaf" "ef co\xc3\xb6rdinatie", "naief coordinatie");
	norm("stra\xc3\x9f" "e", "strase");				/* ß */
	/* Å ø */
	norm("\xc3\x85lborg \xc3\xb8" "ya", "alborg oya");
}

static void
test_textnorm_other_letters_kept(void **state)
{
	(void)state;
	/* Łódź */
	norm("\xc5\x81\xc3\xb3" "d\xc5\xba", "\xc5\x81od\xc5\xba");
	norm("\xce\xb1\xce\xb2", "\xce\xb1\xce\xb2");			/* αβ */
}

static void
test_textnorm_apostrophes_dropped(void **state)
{
	(void)state;
	norm("collega's", "collegas");
	norm("collega\xe2\x80\x99s", "collegas");	/* U+2019 */
	norm("collega\xe2\x80\x98s", "collegas");	/* U+2018 */
	norm("collega`s", "collegas");
	norm("Don't know", "dont know");
	norm("I don\xe2\x80\x99t know", "i dont know");
}

static void
test_textnorm_collegas_equals_collega_s(void **state)
{
	const char *a = "Tussen collega's op onze school heerst vertrouwen.";
	const char *b = "tussen COLLEGAS op onze school heerst vertrouwen";
	char *ka = textnorm(a, strlen(a)), *kb = textnorm(b, strlen(b));

	(void)state;
	assert_string_equal(ka, kb);
	free(ka);
	free(kb);
}

static void
test_textnorm_punctuation_and_space_runs(void **state)
{
	(void)state;
	norm("  Eens!!  (4)  ", "eens 4");
	norm("5 - Helemaal eens", "5 helemaal eens");
	norm("a,-b", "a b");
	norm("a\t\r\n b", "a b");
	norm("n.v.t.", "n v t");
	norm("E-mail", "e mail");
	norm("a\xc2\xa0" "b", "a b");				/* NBSP */
	/* em dash, ... */
	norm("a\xe2\x80\x94" "b\xe2\x80\xa6", "a b");
	/* curly quotes */
	norm("\xe2\x80\x9c" "quoted\xe2\x80\x9d", "quoted");
	/* multiplication sign */
	norm("2\xc3\x97" "3", "2 3");
	norm("[Stellingen]", "stellingen");
	norm("?!", "");
	norm("", "");
}

static void
test_textnorm_length_respected(void **state)
{
	char *k = textnorm("ABCDEF", 3);

	(void)state;
	assert_string_equal(k, "abc");
	free(k);
}

static void
test_textnorm_trim_blanks_and_nbsp(void **state)
{
	(void)state;
	trim("  x y  ", "x y");
	trim("\t\r\nx\n", "x");
	trim("\xc2\xa0 x \xc2\xa0", "x");
	trim(" \xc2\xa0\xc2\xa0 Eens\xc2\xa0 \xc2\xa0", "Eens");
	trim("a\xc2\xa0" "b", "a\xc2\xa0" "b");
	trim("\xc2\xa0", "");
	trim("   ", "");
	trim("", "");
	trim("Keep  Inner   Case", "Keep  Inner   Case");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textnorm_case_folded),
		cmocka_unit_test(test_textnorm_accents_folded),
		cmocka_unit_test(test_textnorm_other_letters_kept),
		cmocka_unit_test(test_textnorm_apostrophes_dropped),
		cmocka_unit_test(test_textnorm_collegas_equals_collega_s),
		cmocka_unit_test(test_textnorm_punctuation_and_space_runs),
		cmocka_unit_test(test_textnorm_length_respected),
		cmocka_unit_test(test_textnorm_trim_blanks_and_nbsp),
	};

	return cmocka_run_group_tests_name("textnorm", tests, NULL, NULL);
}
