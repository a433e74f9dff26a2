/* rejects.h -- the rejects file (--rejects FILE): every row and value a
 * tool leaves out, with the file and line it came from and why, as CSV:
 *
 *     file,line,what,column,reason,value
 *
 * "what" is "row" (a respondent left out: column and value empty) or
 * "value" (one answer left out: the column's header and the text).  Never
 * a whole row: rows of raw exports hold names and e-mail addresses, and the
 * file and line say where to look. */
#ifndef PLG_REJECTS_H
#define PLG_REJECTS_H

#include "cli.h"
#include "csvio.h"

struct rejects {
	struct cli_output out;
	struct csvio_writer w;
	int open;
	unsigned long rows, values;	/* written */
};

/* Open path (see cli_output_open()); a rejects that is not opened takes
 * every call below and writes nothing. */
void rejects_open(struct rejects *rj, const char *path);
void rejects_row(struct rejects *rj, const char *file, unsigned long line,
    const char *reason);
void rejects_value(struct rejects *rj, const char *file, unsigned long line,
    const char *column, const char *reason, const char *value);
/* rejects_value() for the answer in column i (0-based) of item code (or
 * NULL): the column written as "N (CODE)", N counted from 1. */
void rejects_answer(struct rejects *rj, const char *file, unsigned long line,
    size_t i, const char *code, const char *reason, const char *value);
/* ok as cli_output_close(); returns 0, or -1 after a message. */
int rejects_close(struct rejects *rj, int ok);

#endif /* PLG_REJECTS_H */
