/* diag.h -- diagnostics and exit statuses shared by every plg-* tool.
 * Messages go to stderr in the GNU form "prog:file:line: message" or
 * "prog: message".  Library code reports through these functions but never
 * exits (except plg_die, which the commands use for fatal errors). */
#ifndef PLG_DIAG_H
#define PLG_DIAG_H

#include <stdarg.h>

enum {
	PLG_EXIT_OK = 0,	/* all input read and written */
	PLG_EXIT_DATA = 1,	/* data problem (under --strict, or nothing usable) */
	PLG_EXIT_TROUBLE = 2	/* usage error, unreadable file, write error, OOM */
};

extern const char *plg_progname;	/* set once by main(); default "plg" */
extern unsigned long plg_nwarnings;	/* messages printed so far */
extern int plg_silent;			/* count messages, print none (fuzzing) */

/* "prog: message\n" on stderr. */
void plg_warnx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "prog:file:line: message\n" on stderr; line 0 prints "prog:file: message". */
void plg_warn_at(const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like plg_warnx, then exit(status).  For commands only, never lib code. */
void plg_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* Flush stdout and exit 2 with a message if any write to it failed. */
void plg_close_stdout(void);

#endif /* PLG_DIAG_H */
