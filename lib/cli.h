/* cli.h -- what every plg-* main shares: --version text, usage errors,
 * output files written safely (a temporary file renamed into place only on
 * success, so a failed run never leaves a partial report), option values
 * such as delimiters. */
#ifndef PLG_CLI_H
#define PLG_CLI_H

#include <stdio.h>

/* Print "PROG (plg-tools) VERSION" and licence lines to stdout. */
void cli_version(void);
/* "prog: MSG\nTry 'prog --help' for more information." and exit 2. */
void cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

struct cli_output {
	FILE *fp;
	char *path;		/* final path, NULL for stdout */
	char *tmp;		/* temporary path being written */
};
/* Open path for writing ("-" or NULL = stdout).  Exits 2 on failure.  A
 * regular file is written as a temporary file renamed into place by
 * cli_output_close; an existing symlink at path is replaced, never followed;
 * a character device or FIFO (/dev/null, a named pipe) is written directly. */
FILE *cli_output_open(struct cli_output *o, const char *path);
/* ok: flush, check for write errors, rename into place; !ok: remove the
 * temporary file.  Returns 0, or -1 after a message (a write error). */
int cli_output_close(struct cli_output *o, int ok);

/* "," ";" "tab" "\t" "|" -> the byte; -1 if not a single byte. */
int cli_parse_delim(const char *s);

/* Write the instrument file's text (the default when path is NULL) to
 * stdout; returns an exit status. */
int cli_print_instrument(const char *path);

#endif /* PLG_CLI_H */
