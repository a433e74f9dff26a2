/* render.h -- the report renderers' shared interface: what every output
 * format gets (the model, the language, the options) and the entry point of
 * each format.  Each format lives in its own module:
 *   report_plain.c  text (terminal), md, csv
 *   report_html.c   self-contained HTML with SVG charts
 *   report_xlsx.c   XLSX workbook via libxlsxwriter
 * report_pick.c and report_cmp.c decide what every format says (report.h),
 * and report_text.c holds every sentence of the report in Dutch and English
 * (labels, headings, recommendations). */
#ifndef PLG_RENDER_H
#define PLG_RENDER_H

#include <stdio.h>

#include "instrument.h"
#include "report.h"

enum render_format {
	FMT_TEXT, FMT_MD, FMT_HTML, FMT_CSV, FMT_XLSX
};

struct render_opts {
	enum lang lang;		/* every text of the report in this language */
	int color;		/* text: ANSI colours (only on a terminal) */
	int width;		/* text: columns (default 80) */
	const char *title;	/* NULL: the instrument's title */
	const char *school;	/* NULL: none; shown in the heading */
	/* csv: spreadsheet dialect */
	char delim;		/* ',' or ';' */
	int decimal_comma;	/* numbers as 3,75 */
	int crlf;		/* CRLF line ends */
	int bom;		/* UTF-8 BOM first */
	/* response rates: staff counts per group label ("" = whole school) */
	const char **staff_group;
	const unsigned long *staff_n;
	size_t nstaff;
	const char *generated;	/* date line, NULL: none (deterministic) */
};

/* Each returns 0, or -1 after reporting a write error. */
int render_text(const struct report *r, const struct render_opts *o, FILE *fp);
int render_md(const struct report *r, const struct render_opts *o, FILE *fp);
int render_csv(const struct report *r, const struct render_opts *o, FILE *fp);
int render_html(const struct report *r, const struct render_opts *o, FILE *fp);
/* XLSX needs a file name (libxlsxwriter writes to a path). */
int render_xlsx(const struct report *r, const struct render_opts *o,
    const char *path);

#endif /* PLG_RENDER_H */
