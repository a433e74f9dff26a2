/* rejects.c -- the rejects file: what a tool left out, where and why. */
#include <stdio.h>
#include <string.h>

#include "rejects.h"

void
rejects_open(struct rejects *rj, const char *path)
{
	static const char *const cols[] = { "file", "line", "what", "column",
	    "reason", "value" };
	size_t i;

	memset(rj, 0, sizeof(*rj));
	if (path == NULL)
		return;
	csvio_writer_init(&rj->w, cli_output_open(&rj->out, path));
	rj->w.defang = 1;	/* the values are other people's text */
	rj->open = 1;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		csvio_put(&rj->w, cols[i]);
	csvio_end_row(&rj->w);
}

static void
put_where(struct rejects *rj, const char *file, unsigned long line,
    const char *what)
{
	csvio_put(&rj->w, file);
	if (line > 0)
		csvio_put_ulong(&rj->w, line);
	else
		csvio_put(&rj->w, "");
	csvio_put(&rj->w, what);
}

void
rejects_row(struct rejects *rj, const char *file, unsigned long line,
    const char *reason)
{
	if (!rj->open)
		return;
	put_where(rj, file, line, "row");
	csvio_put(&rj->w, "");
	csvio_put(&rj->w, reason);
	csvio_put(&rj->w, "");
	csvio_end_row(&rj->w);
	rj->rows++;
}

void
rejects_value(struct rejects *rj, const char *file, unsigned long line,
    const char *column, const char *reason, const char *value)
{
	if (!rj->open)
		return;
	put_where(rj, file, line, "value");
	csvio_put(&rj->w, column);
	csvio_put(&rj->w, reason);
	csvio_put(&rj->w, value);
	csvio_end_row(&rj->w);
	rj->values++;
}

void
rejects_answer(struct rejects *rj, const char *file, unsigned long line,
    size_t i, const char *code, const char *reason, const char *value)
{
	char col[128];

	if (!rj->open)
		return;
	if (code != NULL)
		snprintf(col, sizeof(col), "%zu (%s)", i + 1, code);
	else
		snprintf(col, sizeof(col), "%zu", i + 1);
	rejects_value(rj, file, line, col, reason, value);
}

int
rejects_close(struct rejects *rj, int ok)
{
	if (!rj->open)
		return 0;
	rj->open = 0;
	return cli_output_close(&rj->out, ok);
}
