/* cli.c -- option and output helpers shared by the plg-* commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"
#include "diag.h"
#include "instrument.h"
#include "xalloc.h"

#ifndef PLG_VERSION
#define PLG_VERSION "0.0.0"
#endif

void
cli_version(void)
{
	printf("%s (plg-tools) %s\n", plg_progname, PLG_VERSION);
	printf("Default instrument embedded; see plg-instrument(5).\n");
}

void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", plg_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n",
	    plg_progname);
	exit(PLG_EXIT_TROUBLE);
}

FILE *
cli_output_open(struct cli_output *o, const char *path)
{
	struct stat st;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return o->fp;
	}
	/* A device or pipe (/dev/null, a FIFO, /dev/stdout: a symlink to
	 * one) is written as it is; any other symlink is replaced, never
	 * followed; a regular file is replaced only when the run succeeds. */
	if (stat(path, &st) == 0 && (S_ISCHR(st.st_mode) ||
	    S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
		if ((o->fp = fopen(path, "wb")) == NULL)
			plg_die(PLG_EXIT_TROUBLE, "cannot write '%s': %s", path,
			    strerror(errno));
		o->path = xstrdup(path);
		return o->fp;
	}
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		plg_die(PLG_EXIT_TROUBLE, "cannot write '%s': Is a directory",
		    path);
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0)
		plg_die(PLG_EXIT_TROUBLE, "cannot create '%s': %s", path,
		    strerror(errno));
	mask = umask(0);	/* mkstemp made it 0600 */
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((o->fp = fdopen(fd, "wb")) == NULL)
		plg_die(PLG_EXIT_TROUBLE, "cannot write '%s': %s", path,
		    strerror(errno));
	return o->fp;
}

int
cli_output_close(struct cli_output *o, int ok)
{
	int rc = 0;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			plg_warnx("write error: %s", strerror(errno ? errno : EIO));
			rc = -1;
		}
		return rc;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		plg_warnx("write error on '%s': %s", o->path, strerror(errno));
		ok = 0;
		rc = -1;
	}
	fclose(o->fp);
	if (o->tmp == NULL) {	/* a device or pipe, written directly */
		free(o->path);
		memset(o, 0, sizeof(*o));
		return rc;
	}
	if (ok && rename(o->tmp, o->path) != 0) {
		plg_warnx("cannot rename '%s' to '%s': %s", o->tmp, o->path,
		    strerror(errno));
		ok = 0;
		rc = -1;
	}
	if (!ok)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return rc;
}

int
cli_parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		return '\t';
	if (strcmp(s, "semicolon") == 0)
		return ';';
	if (strcmp(s, "comma") == 0)
		return ',';
	if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
		return (unsigned char)s[0];
	return -1;
}

int
cli_print_instrument(const char *path)
{
	char *text;
	size_t len;
	int rc;

	if ((rc = instrument_text(path, &text, &len)) != 0)
		return rc == -2 ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
	fwrite(text, 1, len, stdout);
	free(text);
	return PLG_EXIT_OK;
}
