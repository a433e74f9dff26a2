/* test_cli.c -- unit tests of lib/cli.c: delimiters and safe output files. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"

static char dir[] = "/tmp/test_cli.XXXXXX";

static char *
path_in_dir(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static char *
slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_cli_parse_delim_names_and_bytes(void **state)
{
	(void)state;
	assert_int_equal(cli_parse_delim(","), ',');
	assert_int_equal(cli_parse_delim(";"), ';');
	assert_int_equal(cli_parse_delim("tab"), '\t');
	assert_int_equal(cli_parse_delim("\\t"), '\t');
	assert_int_equal(cli_parse_delim("semicolon"), ';');
	assert_int_equal(cli_parse_delim("|"), '|');
	assert_int_equal(cli_parse_delim("\""), -1);
	assert_int_equal(cli_parse_delim(",,"), -1);
	assert_int_equal(cli_parse_delim(""), -1);
}

/* A regular file appears only when the run succeeds. */
static void
test_cli_output_renamed_on_success_only(void **state)
{
	struct cli_output o;
	char target[256];

	(void)state;
	snprintf(target, sizeof(target), "%s", path_in_dir("out.csv"));
	fputs("new\n", cli_output_open(&o, target));
	assert_null(slurp(target));		/* not there while writing */
	assert_int_equal(cli_output_close(&o, 1), 0);
	assert_string_equal(slurp(target), "new\n");

	fputs("half\n", cli_output_open(&o, target));
	assert_int_equal(cli_output_close(&o, 0), 0);
	assert_string_equal(slurp(target), "new\n");	/* old one kept */
	unlink(target);
}

/* A symlink at the target is replaced, never followed. */
static void
test_cli_output_replaces_symlink(void **state)
{
	struct cli_output o;
	char link[256], victim[256];
	struct stat st;
	FILE *fp;

	(void)state;
	snprintf(victim, sizeof(victim), "%s", path_in_dir("victim"));
	snprintf(link, sizeof(link), "%s", path_in_dir("link.csv"));
	fp = fopen(victim, "w");
	fputs("keep\n", fp);
	fclose(fp);
	assert_int_equal(symlink(victim, link), 0);
	fputs("report\n", cli_output_open(&o, link));
	assert_int_equal(cli_output_close(&o, 1), 0);
	assert_string_equal(slurp(victim), "keep\n");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(slurp(link), "report\n");
	unlink(link);
	unlink(victim);
}

/* A character device is written in place, not replaced by a file. */
static void
test_cli_output_device_written_directly(void **state)
{
	struct cli_output o;
	struct stat st;

	(void)state;
	fputs("discarded\n", cli_output_open(&o, "/dev/null"));
	assert_int_equal(cli_output_close(&o, 1), 0);
	assert_int_equal(lstat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

/* A symlink to a device (as /dev/stdout is, to /proc/self/fd/1) is
 * written through: neither the link nor the device is replaced. */
static void
test_cli_output_symlink_to_device(void **state)
{
	struct cli_output o;
	struct stat st;
	char link[512];

	(void)state;
	snprintf(link, sizeof(link), "%s/to-null", dir);
	assert_int_equal(symlink("/dev/null", link), 0);
	fputs("discarded\n", cli_output_open(&o, link));
	assert_int_equal(cli_output_close(&o, 1), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	unlink(link);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_parse_delim_names_and_bytes),
		cmocka_unit_test(test_cli_output_renamed_on_success_only),
		cmocka_unit_test(test_cli_output_replaces_symlink),
		cmocka_unit_test(test_cli_output_symlink_to_device),
		cmocka_unit_test(test_cli_output_device_written_directly),
	};

	return cmocka_run_group_tests_name("cli", tests, setup, teardown);
}
