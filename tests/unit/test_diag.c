/* test_diag.c -- unit tests of lib/diag.c and lib/xalloc.c: the message
 * forms every tool prints, and the growing arrays every module uses. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "xalloc.h"

static char errbuf[1024];

/* Run fn with stderr sent to a temporary file; errbuf gets what it wrote. */
static void
capture(void (*fn)(void))
{
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	fflush(stderr);
	dup2(fileno(tmp), 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(errbuf, 1, sizeof(errbuf) - 1, tmp);
	errbuf[n] = '\0';
	fclose(tmp);
}

static void
warn_with_line(void)
{
	plg_progname = "plg-test";
	plg_warn_at("export.csv", 14, "column %d: unknown answer '%s'", 3,
	    "Soms");
}

static void
warn_without_line(void)
{
	plg_progname = "plg-test";
	plg_warn_at("<stdin>", 0, "empty file: no header");
	plg_warnx("cannot open '%s': %s", "x.csv", "No such file or directory");
}

static void
test_plg_warn_at_gnu_form(void **state)
{
	unsigned long before = plg_nwarnings;

	(void)state;
	capture(warn_with_line);
	assert_string_equal(errbuf, "plg-test:export.csv:14: column 3: "
	    "unknown answer 'Soms'\n");
	assert_int_equal(plg_nwarnings, before + 1);
}

static void
test_plg_warn_without_line_or_file(void **state)
{
	(void)state;
	capture(warn_without_line);
	assert_string_equal(errbuf, "plg-test:<stdin>: empty file: no header\n"
	    "plg-test: cannot open 'x.csv': No such file or directory\n");
}

static void
test_xgrow_keeps_contents_and_doubles(void **state)
{
	int *v = NULL;
	size_t alloc = 0, i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		XGROW(v, alloc, i + 1);
		v[i] = (int)i;
	}
	assert_true(alloc >= 1000 && alloc < 2048);
	for (i = 0; i < 1000; i++)
		assert_int_equal(v[i], (int)i);
	free(v);
}

static void
test_xasprintf_and_xstrndup(void **state)
{
	char *s = xasprintf("%s-%04d", "R", 7), *t = xstrndup("abcdef", 3);

	(void)state;
	assert_string_equal(s, "R-0007");
	assert_string_equal(t, "abc");
	free(s);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plg_warn_at_gnu_form),
		cmocka_unit_test(test_plg_warn_without_line_or_file),
		cmocka_unit_test(test_xgrow_keeps_contents_and_doubles),
		cmocka_unit_test(test_xasprintf_and_xstrndup),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
