/* diag.c -- diagnostics on stderr in the GNU "prog:file:line: msg" form. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

const char *plg_progname = "plg";
unsigned long plg_nwarnings;
int plg_silent;

static void
vwarn_at(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	if (plg_silent) {
		plg_nwarnings++;
		return;
	}
	if (file != NULL && line > 0)
		fprintf(stderr, "%s:%s:%lu: ", plg_progname, file, line);
	else if (file != NULL)
		fprintf(stderr, "%s:%s: ", plg_progname, file);
	else
		fprintf(stderr, "%s: ", plg_progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	plg_nwarnings++;
}

void
plg_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void
plg_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(file, line, fmt, ap);
	va_end(ap);
}

void
plg_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
plg_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", plg_progname,
		    strerror(errno ? errno : EIO));
		_Exit(PLG_EXIT_TROUBLE);
	}
}
