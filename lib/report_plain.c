/* report_plain.c -- the report as terminal text, Markdown and tidy CSV.
 * Text and Markdown share the document's outline (responses, frameworks,
 * group comparisons, recommendations, anonymity, definitions) and a small
 * table type; only the primitives (heading, paragraph, table) differ.  CSV
 * is one tidy table for spreadsheets.  Every group shown is a group the
 * report model did not suppress; no number of a suppressed group is ever
 * written. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "render.h"
#include "report_text.h"
#include "xalloc.h"

#define NITEMS_SHOWN	3	/* highest and lowest statements per framework */
#define NRECS		5	/* scale recommendations at most */
#define NGAPRECS	3	/* leader-teacher gaps named at most */
#define BAR_MIN		8
#define BAR_MAX		24

/* What a renderer works with. */
struct out {
	const struct report *r;
	const struct instrument *ins;
	const struct render_opts *o;
	enum lang lang;
	enum render_format fmt;	/* FMT_TEXT or FMT_MD */
	FILE *fp;
	size_t width;		/* text: columns */
	size_t bar_w;		/* text: width of scale bars, 0 = as fits */
	int color;		/* text: ANSI colours */
	int said_no_items;	/* the "no item rows" note was printed */
};

/* ==================== small helpers ==================== */

/* printf into a new string; caller frees. */
static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* A copy of s with control characters (ANSI escapes, line breaks) turned
 * into spaces, so user strings cannot break the layout or the terminal.
 * Caller frees. */
static char *
clean_dup(const char *s)
{
	char *t = xstrdup(s != NULL ? s : "");
	unsigned char *p;

	for (p = (unsigned char *)t; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return t;
}

/* Display width of UTF-8 text: one column per code point. */
static size_t
u8_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Bytes of s that make up its first w columns. */
static size_t
u8_prefix(const char *s, size_t w)
{
	size_t i = 0;

	for (; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && w-- == 0)
			break;
	return i;
}

static const struct rpt_group *
total_group(const struct report *r)
{
	if (r->total < 0 || r->group[r->total].suppressed != RPT_SHOWN)
		return NULL;
	return &r->group[r->total];
}

/* The shown group of the one-column set col with value val, or NULL. */
static const struct rpt_group *
shown_group(const struct report *r, const char *col, const char *val)
{
	long s, g;

	if ((s = report_find_set(r, col)) < 0 ||
	    (g = report_find_group(r, (size_t)s, col, val)) < 0 ||
	    r->group[g].suppressed != RPT_SHOWN)
		return NULL;
	return &r->group[g];
}

static double
mean_of(const struct rpt_group *g, size_t s)
{
	return g->scale[s].present ? g->scale[s].mean : NAN;
}

/* "3.45", or an en dash when there is no value. */
static const char *
fmt2(char *buf, size_t size, double x)
{
	if (isnan(x))
		return "\xe2\x80\x93";
	snprintf(buf, size, "%.2f", x);
	return buf;
}

/* "+0.42", "-0.42", "0.00". */
static const char *
fmt_diff(char *buf, size_t size, double x)
{
	if (isnan(x))
		return "\xe2\x80\x93";
	if (fabs(x) < 0.005)
		snprintf(buf, size, "0.00");
	else
		snprintf(buf, size, "%+.2f", x);
	return buf;
}

/* 1 when the two 95% confidence intervals do not overlap. */
static int
clear_gap(const struct rpt_stat *a, const struct rpt_stat *b)
{
	if (!a->present || !b->present || isnan(a->ci_low) ||
	    isnan(a->ci_high) || isnan(b->ci_low) || isnan(b->ci_high))
		return 0;
	return a->ci_low > b->ci_high || a->ci_high < b->ci_low;
}

static enum rt_tone
tone_of(const struct out *x, double mean)
{
	return rt_band_tone(x->ins, report_band(x->r, mean));
}

static const char *
band_label(const struct out *x, double mean)
{
	const struct instr_band *b = report_band(x->r, mean);

	return b != NULL ? b->label[x->lang] : "";
}

/* Staff count for a group value ("" = whole school), or 0 when none. */
static unsigned long
staff_for(const struct render_opts *o, const char *val)
{
	size_t i;

	for (i = 0; i < o->nstaff; i++)
		if (strcmp(o->staff_group[i], val != NULL ? val : "") == 0)
			return o->staff_n[i];
	return 0;
}

/* The scales of framework f that have a mean in group g: strongest and
 * weakest (first in instrument order on ties).  Returns how many scales
 * have a mean. */
static size_t
extremes(const struct out *x, const struct rpt_group *g, size_t f,
    long *best, long *worst)
{
	size_t kids[256], n, i, with = 0;
	double m;

	*best = *worst = -1;
	n = report_children(x->r, f, kids, 256);
	for (i = 0; i < n; i++) {
		if (isnan(m = mean_of(g, kids[i])))
			continue;
		with++;
		if (*best < 0 || m > mean_of(g, (size_t)*best))
			*best = (long)kids[i];
		if (*worst < 0 || m < mean_of(g, (size_t)*worst))
			*worst = (long)kids[i];
	}
	return with;
}

/* ==================== tables ==================== */

struct cell {
	char *s;		/* text (owned), NULL = empty */
	enum rt_tone tone;	/* colour in text output */
	double bar;		/* bar columns: share 0..1, NAN = none */
};

struct tbl {
	size_t ncol, nrow, alloc;
	char **head;		/* per column (owned, cleaned) */
	int *right;		/* per column: right-aligned */
	int *isbar;		/* per column: a bar (text output only) */
	int *tight;		/* per column: one space before it, not two */
	struct cell *cell;	/* nrow * ncol */
	const char *legend[4];	/* lines under the table (text output) */
	size_t nlegend;
};

static struct tbl *
tbl_new(size_t ncol)
{
	struct tbl *t = xcalloc(1, sizeof(*t));

	t->ncol = ncol;
	t->head = xcalloc(ncol, sizeof(char *));
	t->right = xcalloc(ncol, sizeof(int));
	t->isbar = xcalloc(ncol, sizeof(int));
	t->tight = xcalloc(ncol, sizeof(int));
	return t;
}

/* Column c's header (copied) and alignment. */
static void
tbl_col(struct tbl *t, size_t c, const char *head, int right)
{
	free(t->head[c]);
	t->head[c] = clean_dup(head);
	t->right[c] = right;
}

/* Append an empty row; returns its index. */
static size_t
tbl_row(struct tbl *t)
{
	size_t c;

	if (t->nrow == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 16;
		t->cell = xreallocarray(t->cell, t->alloc * t->ncol,
		    sizeof(struct cell));
	}
	for (c = 0; c < t->ncol; c++) {
		t->cell[t->nrow * t->ncol + c].s = NULL;
		t->cell[t->nrow * t->ncol + c].tone = RT_TONE_NONE;
		t->cell[t->nrow * t->ncol + c].bar = NAN;
	}
	return t->nrow++;
}

static struct cell *
tbl_at(struct tbl *t, size_t row, size_t c)
{
	return &t->cell[row * t->ncol + c];
}

/* Set a cell to a cleaned copy of s. */
static void
tbl_set(struct tbl *t, size_t row, size_t c, const char *s)
{
	struct cell *p = tbl_at(t, row, c);

	free(p->s);
	p->s = clean_dup(s);
}

static void
tbl_free(struct tbl *t)
{
	size_t i;

	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i].s);
	for (i = 0; i < t->ncol; i++)
		free(t->head[i]);
	free(t->cell);
	free(t->head);
	free(t->right);
	free(t->isbar);
	free(t->tight);
	free(t);
}

/* ==================== text primitives ==================== */

static const char *
tone_sgr(enum rt_tone tone)
{
	switch (tone) {
	case RT_TONE_ATTENTION: return "\033[31m";
	case RT_TONE_DEVELOPING: return "\033[33m";
	case RT_TONE_STRENGTH: return "\033[32m";
	default: return NULL;
	}
}

static void
spaces(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/* Write s in w columns: cut with an ellipsis when too long, padded left
 * (right-aligned) or right; coloured by tone when colours are on. */
static void
t_cell(const struct out *x, const char *s, size_t w, int right,
    enum rt_tone tone, int last)
{
	size_t sw = u8_width(s), pad;
	const char *sgr = x->color ? tone_sgr(tone) : NULL;

	if (last && *s == '\0')
		return;
	if (sw > w) {
		if (sgr != NULL)
			fputs(sgr, x->fp);
		fwrite(s, 1, u8_prefix(s, w > 0 ? w - 1 : 0), x->fp);
		if (w > 0)
			fputs("\xe2\x80\xa6", x->fp);
		if (sgr != NULL)
			fputs("\033[0m", x->fp);
		return;
	}
	pad = w - sw;
	if (right)
		spaces(x->fp, pad);
	if (sgr != NULL)
		fputs(sgr, x->fp);
	fputs(s, x->fp);
	if (sgr != NULL)
		fputs("\033[0m", x->fp);
	if (!right && !last)
		spaces(x->fp, pad);
}

/* A bar of w columns for a share 0..1 in Unicode blocks, in eighths. */
static void
t_bar(const struct out *x, double share, size_t w, enum rt_tone tone,
    int last)
{
	static const char *const part[8] = { "", "\xe2\x96\x8f",
	    "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b",
	    "\xe2\x96\x8a", "\xe2\x96\x89" };
	const char *sgr = x->color ? tone_sgr(tone) : NULL;
	size_t eighths, i, used;

	if (isnan(share)) {
		if (!last)
			spaces(x->fp, w);
		return;
	}
	if (share < 0)
		share = 0;
	if (share > 1)
		share = 1;
	eighths = (size_t)lround(share * (double)w * 8);
	if (sgr != NULL)
		fputs(sgr, x->fp);
	for (i = 0; i < eighths / 8; i++)
		fputs("\xe2\x96\x88", x->fp);
	fputs(part[eighths % 8], x->fp);
	if (sgr != NULL)
		fputs("\033[0m", x->fp);
	used = eighths / 8 + (eighths % 8 != 0);
	if (!last)
		spaces(x->fp, w - used);
}

/* Word-wrap s to the width: first line after first_indent columns already
 * written, the rest indented by indent. */
static void
t_wrap(const struct out *x, const char *s, size_t first_indent,
    size_t indent)
{
	size_t col = first_indent, wl, bl;
	int first_word = 1;
	char *text = clean_dup(s), *p = text, *e;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		bl = (size_t)(e - p);
		wl = 0;
		{
			char save = *e;
			*e = '\0';
			wl = u8_width(p);
			*e = save;
		}
		if (!first_word && col + 1 + wl > x->width) {
			putc('\n', x->fp);
			spaces(x->fp, indent);
			col = indent;
		} else if (!first_word) {
			putc(' ', x->fp);
			col++;
		}
		if (col + wl > x->width && col < x->width) {
			/* a word wider than a line: cut it */
			size_t fit = u8_prefix(p, x->width - col);
			fwrite(p, 1, fit, x->fp);
			col = x->width;
			p += fit;
			first_word = 0;
			continue;
		}
		fwrite(p, 1, bl, x->fp);
		col += wl;
		first_word = 0;
		p = e;
	}
	putc('\n', x->fp);
	free(text);
}

static void
t_heading(const struct out *x, int level, const char *s)
{
	char *t = clean_dup(s);
	size_t w = u8_width(t), i;

	if (w > x->width)
		w = x->width;
	if (level > 1)
		putc('\n', x->fp);
	if (x->color)
		fputs("\033[1m", x->fp);
	if (u8_width(t) > x->width)
		t_wrap(x, t, 0, 0);	/* a reset after a newline is harmless */
	else
		fputs(t, x->fp);
	if (x->color)
		fputs("\033[0m", x->fp);
	if (u8_width(t) <= x->width)
		putc('\n', x->fp);
	if (level <= 2) {
		for (i = 0; i < w; i++)
			putc(level == 1 ? '=' : '-', x->fp);
		putc('\n', x->fp);
	}
	free(t);
}

static size_t head_lines(const char *, size_t, char [][128], size_t);

/* Width of the longest word of h. */
static size_t
longest_word(const char *h)
{
	size_t best = 0, w;
	const char *p = h, *e;
	char word[128];

	while (*p != '\0') {
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		w = (size_t)(e - p) < sizeof(word) ? (size_t)(e - p) :
		    sizeof(word) - 1;
		memcpy(word, p, w);
		word[w] = '\0';
		if ((w = u8_width(word)) > best)
			best = w;
		p = *e != '\0' ? e + 1 : e;
	}
	return best;
}

/* Column widths: the widest cell or header; when the table is too wide,
 * headers wrap at spaces.  Bars take what is left, within limits. */
static void
t_widths(const struct out *x, const struct tbl *t, size_t *w)
{
	size_t c, r, total, cw, bars = 0, avail, lines;
	const char *cs;
	char hl[8][128];

	for (c = 0; c < t->ncol; c++) {
		w[c] = 0;
		for (r = 0; r < t->nrow; r++)
			if ((cs = t->cell[r * t->ncol + c].s) != NULL &&
			    (cw = u8_width(cs)) > w[c])
				w[c] = cw;
		bars += t->isbar[c];
	}
	for (total = 0, c = 0; c < t->ncol; c++)
		if (!t->isbar[c])
			total += (w[c] > u8_width(t->head[c]) ? w[c] :
			    u8_width(t->head[c])) + (c == 0 ? 0 :
			    t->tight[c] ? 1 : 2);
		else
			total += 2;
	for (c = 0; c < t->ncol; c++) {
		if (t->isbar[c])
			continue;
		cw = total + bars * BAR_MIN <= x->width ?
		    u8_width(t->head[c]) : longest_word(t->head[c]);
		if (cw > w[c])
			w[c] = cw;
	}
	for (total = 0, c = 0; c < t->ncol; c++)
		total += (t->isbar[c] ? 0 : w[c]) + (c == 0 ? 0 :
		    t->tight[c] ? 1 : 2);
	total += bars * BAR_MIN;
	for (lines = 2; lines >= 1; lines--)	/* unwrap where room is left */
		for (c = 0; c < t->ncol && total < x->width; c++) {
			if (t->isbar[c] || u8_width(t->head[c]) <= w[c])
				continue;
			for (cw = w[c]; cw < u8_width(t->head[c]) &&
			    head_lines(t->head[c], cw, hl, 8) > lines; cw++)
				;
			if (total + cw - w[c] <= x->width) {
				total += cw - w[c];
				w[c] = cw;
			}
		}
	total -= bars * BAR_MIN;
	avail = bars > 0 && total < x->width ? (x->width - total) / bars : 0;
	if (x->bar_w > 0 && avail > x->bar_w)
		avail = x->bar_w;
	for (c = 0; c < t->ncol; c++)
		if (t->isbar[c])
			w[c] = avail < BAR_MIN ? BAR_MIN : avail > BAR_MAX ?
			    BAR_MAX : avail;
}

/* Header h wrapped at spaces into lines of w columns; returns how many
 * lines (at most max). */
static size_t
head_lines(const char *h, size_t w, char lines[][128], size_t max)
{
	size_t n = 0, bl;
	const char *p = h, *e;
	char word[128];

	lines[0][0] = '\0';
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		bl = (size_t)(e - p) < sizeof(word) ? (size_t)(e - p) :
		    sizeof(word) - 1;
		memcpy(word, p, bl);
		word[bl] = '\0';
		if (lines[n][0] != '\0' &&
		    u8_width(lines[n]) + 1 + u8_width(word) > w) {
			if (n + 1 == max)
				break;
			lines[++n][0] = '\0';
		}
		if (strlen(lines[n]) + bl + 2 < 128) {
			if (lines[n][0] != '\0')
				strcat(lines[n], " ");
			strcat(lines[n], word);
		}
		p = e;
	}
	return n + 1;
}

/* Print columns c0 and cols[0..ncols) of t. */
static void
t_table_part(const struct out *x, const struct tbl *t, const size_t *w,
    const size_t *cols, size_t ncols)
{
	char lines[8][8][128];
	size_t nl[8], maxl = 0, i, l, r, c;
	const struct cell *p;

	for (i = 0; i < ncols && i < 8; i++) {
		nl[i] = head_lines(t->head[cols[i]], w[cols[i]], lines[i], 8);
		if (nl[i] > maxl)
			maxl = nl[i];
	}
	for (l = 0; l < maxl; l++) {
		for (i = 0; i < ncols; i++) {
			const char *s = "";
			size_t first = maxl - nl[i];
			if (l >= first)
				s = lines[i][l - first];
			if (i > 0)
				spaces(x->fp, t->tight[cols[i]] ? 1 : 2);
			t_cell(x, s, w[cols[i]], t->right[cols[i]],
			    RT_TONE_NONE, i + 1 == ncols);
		}
		putc('\n', x->fp);
	}
	for (i = 0; i < ncols; i++) {
		if (*t->head[cols[i]] == '\0') {	/* a marker column */
			if (i + 1 < ncols)
				spaces(x->fp, w[cols[i]] +
				    (t->tight[cols[i]] ? 1 : 2));
			continue;
		}
		if (i > 0)
			spaces(x->fp, t->tight[cols[i]] ? 1 : 2);
		for (c = 0; c < w[cols[i]]; c++)
			putc('-', x->fp);
	}
	putc('\n', x->fp);
	for (r = 0; r < t->nrow; r++) {
		for (i = 0; i < ncols; i++) {
			p = &t->cell[r * t->ncol + cols[i]];
			if (i > 0)
				spaces(x->fp, t->tight[cols[i]] ? 1 : 2);
			if (t->isbar[cols[i]])
				t_bar(x, p->bar, w[cols[i]], p->tone,
				    i + 1 == ncols);
			else
				t_cell(x, p->s != NULL ? p->s : "",
				    w[cols[i]], t->right[cols[i]], p->tone,
				    i + 1 == ncols);
		}
		putc('\n', x->fp);
	}
}

/* Copy text to fp without the blanks at the end of each line. */
static void
put_rtrimmed(FILE *fp, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *e;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (e = nl; e > p && e[-1] == ' '; e--)
			;
		fwrite(p, 1, (size_t)(e - p), fp);
		if (nl < end)
			putc('\n', fp);
		p = nl + 1;
	}
}

/* Print a table within the width: when too wide, in parts that each
 * repeat the first column.  Lines end without blanks. */
static void
t_table(const struct out *x, const struct tbl *t)
{
	struct out y = *x;
	FILE *dst = x->fp;
	size_t *w = xcalloc(t->ncol, sizeof(size_t));
	size_t cols[8], n, c, used, widest = 0, i, len = 0;
	char *text = NULL;

	if ((y.fp = open_memstream(&text, &len)) == NULL)
		y.fp = dst;	/* no memory: blanks stay */
	x = &y;

	t_widths(x, t, w);
	for (c = 1; c < t->ncol; c++)
		if (w[c] > widest)
			widest = w[c];
	if (w[0] + 2 + widest > x->width)
		w[0] = x->width > widest + 2 + 4 ? x->width - widest - 2 : 4;
	putc('\n', x->fp);
	c = 1;
	do {
		cols[0] = 0;
		n = 1;
		used = w[0];
		while (c < t->ncol && n < 8 && (n == 1 || t->tight[c] ||
		    used + 2 + w[c] <= x->width)) {
			used += (t->tight[c] ? 1 : 2) + w[c];
			cols[n++] = c++;
		}
		if (cols[1] != 1)
			putc('\n', x->fp);
		t_table_part(x, t, w, cols, n);
	} while (c < t->ncol);
	for (i = 0; i < t->nlegend; i++)
		t_wrap(x, t->legend[i], 0, 2);
	free(w);
	if (y.fp == dst)
		return;
	if (fclose(y.fp) == 0)
		put_rtrimmed(dst, text, len);
	free(text);
}

/* ==================== Markdown primitives ==================== */

/* Write s with Markdown specials backslash-escaped (CommonMark and
 * pandoc), control characters as spaces. */
static void
m_puts(const struct out *x, const char *s, int line_start)
{
	const unsigned char *p, *d;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			putc(' ', x->fp);
			continue;
		}
		if (strchr("\\`*_[]<>|~#&$^@{}", *p) != NULL ||
		    (*p == '-' && p[1] == '-') ||
		    (line_start && p == (const unsigned char *)s &&
		    strchr("+-=", *p) != NULL))
			putc('\\', x->fp);
		else if (line_start && (*p == '.' || *p == ')') &&
		    p > (const unsigned char *)s) {
			/* "1." or "1)" at a line start would be a list */
			for (d = (const unsigned char *)s; d < p &&
			    *d >= '0' && *d <= '9'; d++)
				;
			if (d == p)
				putc('\\', x->fp);
		}
		putc(*p, x->fp);
	}
}

static void
m_heading(const struct out *x, int level, const char *s)
{
	int i;

	if (level > 1)
		putc('\n', x->fp);
	for (i = 0; i < level; i++)
		putc('#', x->fp);
	putc(' ', x->fp);
	m_puts(x, s, 0);
	putc('\n', x->fp);
}

static void
m_table(const struct out *x, const struct tbl *t)
{
	size_t c, r;
	const struct cell *p;

	fputs("\n|", x->fp);
	for (c = 0; c < t->ncol; c++) {
		if (t->isbar[c])
			continue;
		putc(' ', x->fp);
		m_puts(x, t->head[c], 0);
		fputs(" |", x->fp);
	}
	fputs("\n|", x->fp);
	for (c = 0; c < t->ncol; c++)
		if (!t->isbar[c])
			fputs(t->right[c] ? " ---: |" : " :--- |", x->fp);
	putc('\n', x->fp);
	for (r = 0; r < t->nrow; r++) {
		putc('|', x->fp);
		for (c = 0; c < t->ncol; c++) {
			if (t->isbar[c])
				continue;
			p = &t->cell[r * t->ncol + c];
			putc(' ', x->fp);
			if (p->s != NULL)
				m_puts(x, p->s, 0);
			fputs(" |", x->fp);
		}
		putc('\n', x->fp);
	}
}

/* ==================== format-neutral primitives ==================== */

static void
heading(const struct out *x, int level, const char *s)
{
	if (x->fmt == FMT_MD)
		m_heading(x, level, s);
	else
		t_heading(x, level, s);
}

/* A paragraph; label (may be NULL) is bold in Markdown. */
static void
para(const struct out *x, const char *label, const char *s)
{
	char *t;

	putc('\n', x->fp);
	if (x->fmt == FMT_MD) {
		if (label != NULL) {
			fputs("**", x->fp);
			m_puts(x, label, 0);
			fputs(":** ", x->fp);
		}
		m_puts(x, s, label == NULL);
		putc('\n', x->fp);
		return;
	}
	t = label != NULL ? xprintf("%s %s", label, s) : xstrdup(s);
	t_wrap(x, t, 0, 0);
	free(t);
}

/* A list item; with blank set, a blank line comes first (a new list). */
static void
bullet(const struct out *x, const char *label, const char *s, int blank)
{
	char *t;

	if (blank)
		putc('\n', x->fp);
	if (x->fmt == FMT_MD) {
		fputs("- ", x->fp);
		if (label != NULL) {
			fputs("**", x->fp);
			m_puts(x, label, 0);
			fputs(":** ", x->fp);
		}
		m_puts(x, s, label == NULL);
		putc('\n', x->fp);
		return;
	}
	fputs("  - ", x->fp);
	t = label != NULL ? xprintf("%s: %s", label, s) : xstrdup(s);
	t_wrap(x, t, 4, 4);
	free(t);
}

static void
table(const struct out *x, struct tbl *t)
{
	size_t i;

	if (x->fmt == FMT_MD) {
		m_table(x, t);
		for (i = 0; i < t->nlegend; i++)
			para(x, NULL, t->legend[i]);
	} else
		t_table(x, t);
	tbl_free(t);
}

/* ==================== the document ==================== */

static void
doc_title(struct out *x)
{
	const struct render_opts *o = x->o;
	const char *title = o->title != NULL ? o->title :
	    x->ins->title[x->lang];

	heading(x, 1, title);
	if (o->school != NULL) {
		if (x->fmt == FMT_MD)
			para(x, rt(x->lang, RT_SCHOOL), o->school);
		else {
			char *t = xprintf("%s: %s", rt(x->lang, RT_SCHOOL),
			    o->school);
			t_wrap(x, t, 0, 0);
			free(t);
		}
	}
	if (x->r->waves != NULL && x->r->waves->nwave > 0) {
		const struct rpt_waves *w = x->r->waves;
		const char *lab = rt_column(x->lang, w->col);
		char *t = xprintf("%s: %s", lab != NULL ? lab : w->col,
		    w->value[w->nwave - 1]);
		if (x->fmt == FMT_MD)
			para(x, NULL, t);
		else
			t_wrap(x, t, 0, 0);
		free(t);
	}
	if (o->generated != NULL) {
		char *t = xprintf("%s: %s", rt(x->lang, RT_GENERATED),
		    o->generated);
		if (x->fmt == FMT_MD)
			para(x, NULL, t);
		else
			t_wrap(x, t, 0, 0);
		free(t);
	}
}

/* Label of a set's column(s) in lang; caller frees. */
static char *
set_label(const struct out *x, const struct rpt_set *st)
{
	size_t i, len = 1;
	const char *n;
	char *s;

	for (i = 0; i < st->ncol; i++) {
		n = rt_column(x->lang, x->r->bycol[st->col[i]]);
		len += strlen(n != NULL ? n : x->r->bycol[st->col[i]]) + 3;
	}
	s = xcalloc(len, 1);
	for (i = 0; i < st->ncol; i++) {
		n = rt_column(x->lang, x->r->bycol[st->col[i]]);
		if (i > 0)
			strcat(s, " \xc3\x97 ");
		strcat(s, n != NULL ? n : x->r->bycol[st->col[i]]);
	}
	return s;
}

/* A group of a set on several columns as "value / value"; caller frees. */
static char *
cross_label(const struct out *x, const struct rpt_group *g)
{
	const struct rpt_set *st = &x->r->set[g->set];
	char *v = xstrdup(""), *nv;
	size_t c, bc;

	for (c = 0; c < st->ncol; c++) {
		bc = st->col[c];
		nv = xprintf("%s%s%s", v, c > 0 ? " / " : "",
		    rt_group_value(x->lang, x->r->bycol[bc], g->key[bc]));
		free(v);
		v = nv;
	}
	return v;
}

static void
doc_responses(struct out *x)
{
	const struct report *r = x->r;
	const struct render_opts *o = x->o;
	struct tbl *t;
	size_t s, i, row, ncol = o->nstaff > 0 ? 5 : 3;
	const struct rpt_group *g;
	unsigned long staff;
	char buf[64], *lab;
	int first;

	heading(x, 2, rt(x->lang, RT_H_RESPONSES));
	t = tbl_new(ncol);
	tbl_col(t, 0, rt(x->lang, RT_COL_GROUPING), 0);
	tbl_col(t, 1, rt(x->lang, RT_COL_GROUP), 0);
	tbl_col(t, 2, rt(x->lang, RT_COL_RESPONDENTS), 1);
	if (ncol == 5) {
		tbl_col(t, 3, rt(x->lang, RT_COL_STAFF), 1);
		tbl_col(t, 4, rt(x->lang, RT_COL_RATE), 1);
	}
	for (s = 0; s < r->nset; s++) {
		first = 1;
		for (i = 0; i < r->set[s].ngroup; i++) {
			g = &r->group[r->set[s].group[i]];
			if (g->suppressed != RPT_SHOWN)
				continue;
			row = tbl_row(t);
			if (first && r->set[s].ncol > 0) {
				lab = set_label(x, &r->set[s]);
				tbl_set(t, row, 0, lab);
				free(lab);
			}
			first = 0;
			lab = r->set[s].ncol > 1 ? cross_label(x, g) :
			    rt_group_label(r, g, x->lang);
			tbl_set(t, row, 1, lab);
			free(lab);
			snprintf(buf, sizeof(buf), "%lu", g->n);
			tbl_set(t, row, 2, buf);
			if (ncol == 5 && r->set[s].ncol <= 1 &&
			    (staff = staff_for(o, r->set[s].ncol == 0 ? "" :
			    g->key[r->set[s].col[0]])) > 0) {
				snprintf(buf, sizeof(buf), "%lu", staff);
				tbl_set(t, row, 3, buf);
				snprintf(buf, sizeof(buf), "%.0f%%",
				    100.0 * (double)g->n / (double)staff);
				tbl_set(t, row, 4, buf);
			}
		}
	}
	if (ncol == 5)
		t->legend[t->nlegend++] = rt(x->lang, RT_RATE_NOTE);
	table(x, t);
}

/* The scale table of one framework for group g: text has a marker
 * column and a bar, Markdown a note column.  Caller frees. */
static struct tbl *
scale_table(const struct out *x, const struct rpt_group *g, size_t f)
{
	const struct instrument *ins = x->ins;
	size_t kids[256], n, i, row, s;
	int text = x->fmt == FMT_TEXT, spread_any = 0;
	enum { C_NAME, C_MEAN, C_SD, C_MARK, C_N, C_BAR, C_BAND, NC_TEXT };
	enum { M_NAME, M_MEAN, M_SD, M_N, M_BAND, M_NOTE, NC_MD };
	const struct rpt_stat *st;
	struct tbl *t;
	char buf[64];
	double range = ins->max - ins->min;
	static char legend[NLANG][160];

	n = report_children(x->r, f, kids, 255);
	kids[n++] = f;		/* the framework as a whole, last */
	t = tbl_new(text ? NC_TEXT : NC_MD);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	tbl_col(t, 1, rt(x->lang, RT_COL_MEAN), 1);
	tbl_col(t, 2, rt(x->lang, RT_COL_SD), 1);
	if (text) {
		tbl_col(t, C_MARK, "", 0);
		t->tight[C_MARK] = 1;
		tbl_col(t, C_N, rt(x->lang, RT_COL_N), 1);
		tbl_col(t, C_BAR, rt(x->lang, RT_COL_BAR), 0);
		t->isbar[C_BAR] = 1;
		tbl_col(t, C_BAND, rt(x->lang, RT_COL_BAND), 0);
	} else {
		tbl_col(t, M_N, rt(x->lang, RT_COL_N), 1);
		tbl_col(t, M_BAND, rt(x->lang, RT_COL_BAND), 0);
		tbl_col(t, M_NOTE, rt(x->lang, RT_COL_NOTE), 0);
	}
	for (i = 0; i < n; i++) {
		s = kids[i];
		st = &g->scale[s];
		row = tbl_row(t);
		tbl_set(t, row, 0, s == f ? rt(x->lang, RT_FRAMEWORK_TOTAL) :
		    ins->scale[s].name[x->lang]);
		if (!st->present)
			continue;
		tbl_set(t, row, 1, fmt2(buf, sizeof(buf), st->mean));
		tbl_set(t, row, 2, fmt2(buf, sizeof(buf), st->sd));
		snprintf(buf, sizeof(buf), "%.0f", isnan(st->n) ? 0 : st->n);
		tbl_set(t, row, text ? C_N : M_N, buf);
		tbl_set(t, row, text ? C_BAND : M_BAND, band_label(x,
		    st->mean));
		tbl_at(t, row, text ? C_BAND : M_BAND)->tone = tone_of(x,
		    st->mean);
		if (report_high_spread(x->r, st->sd)) {
			spread_any = 1;
			tbl_set(t, row, text ? C_MARK : M_NOTE, text ? "*" :
			    rt(x->lang, RT_HIGH_SPREAD_SHORT));
		}
		if (text && !isnan(st->mean) && range > 0) {
			tbl_at(t, row, C_BAR)->bar = (st->mean - ins->min) /
			    range;
			tbl_at(t, row, C_BAR)->tone = tone_of(x, st->mean);
		}
	}
	if (spread_any && text) {	/* Markdown says it in the note */
		snprintf(legend[x->lang], sizeof(legend[0]), "* %s",
		    rt(x->lang, RT_HIGH_SPREAD));
		t->legend[t->nlegend++] = legend[x->lang];
	}
	return t;
}

/* One bar width for every framework table: the narrowest that fits. */
static void
bar_width(struct out *x, const struct rpt_group *g)
{
	size_t f, *w, best = BAR_MAX, c;
	struct tbl *t;

	for (f = 0; f < x->ins->nscale; f++) {
		if (x->ins->scale[f].parent != -1 || x->ins->scale[f].variant)
			continue;
		t = scale_table(x, g, f);
		w = xcalloc(t->ncol, sizeof(size_t));
		t_widths(x, t, w);
		for (c = 0; c < t->ncol; c++)
			if (t->isbar[c] && w[c] < best)
				best = w[c];
		free(w);
		tbl_free(t);
	}
	x->bar_w = best;
}

/* Strongest and weakest scale of framework f. */
static void
doc_extremes(struct out *x, const struct rpt_group *g, size_t f)
{
	long best, worst;
	char b1[64], b2[64], *s1, *s2, *t;

	if (extremes(x, g, f, &best, &worst) < 2 || best == worst)
		return;
	s1 = xprintf("%s (%s)", x->ins->scale[best].name[x->lang],
	    fmt2(b1, sizeof(b1), mean_of(g, (size_t)best)));
	s2 = xprintf("%s (%s)", x->ins->scale[worst].name[x->lang],
	    fmt2(b2, sizeof(b2), mean_of(g, (size_t)worst)));
	t = xprintf(rt(x->lang, RT_STRONGEST_WEAKEST), s1, s2);
	para(x, NULL, t);
	free(t);
	free(s1);
	free(s2);
}

/* One list of statements (codes in order) under a small heading. */
static void
doc_item_list(struct out *x, const struct rpt_group *g, enum rt_msg head,
    const size_t *it, size_t n, int *reverse_seen)
{
	const struct instrument *ins = x->ins;
	size_t i, cw = 0;
	char buf[64], *t;
	struct tbl *tb;

	for (i = 0; i < n; i++)
		if (strlen(ins->item[it[i]].code) > cw)
			cw = strlen(ins->item[it[i]].code);
	if (x->fmt == FMT_MD) {
		heading(x, 3, rt(x->lang, head));
		tb = tbl_new(3);
		tbl_col(tb, 0, rt(x->lang, RT_COL_MEAN), 1);
		tbl_col(tb, 1, rt(x->lang, RT_COL_CODE), 0);
		tbl_col(tb, 2, rt(x->lang, RT_COL_ITEM), 0);
		for (i = 0; i < n; i++) {
			size_t row = tbl_row(tb);
			const struct instr_item *item = &ins->item[it[i]];
			tbl_set(tb, row, 0, fmt2(buf, sizeof(buf),
			    g->item[it[i]].mean));
			tbl_set(tb, row, 1, item->code);
			t = xprintf("%s%s%s", item->text[x->lang],
			    item->reverse ? " " : "", item->reverse ?
			    rt(x->lang, RT_REVERSE_MARK) : "");
			tbl_set(tb, row, 2, t);
			free(t);
			*reverse_seen |= item->reverse;
		}
		table(x, tb);
		return;
	}
	putc('\n', x->fp);
	if (x->color)
		fputs("\033[1m", x->fp);
	fputs(rt(x->lang, head), x->fp);
	if (x->color)
		fputs("\033[0m", x->fp);
	putc('\n', x->fp);
	for (i = 0; i < n; i++) {
		const struct instr_item *item = &ins->item[it[i]];
		char *code = clean_dup(item->code);
		double m = g->item[it[i]].mean;
		const char *sgr = x->color ? tone_sgr(tone_of(x, m)) : NULL;
		fputs("  ", x->fp);
		if (sgr != NULL)
			fputs(sgr, x->fp);
		fputs(fmt2(buf, sizeof(buf), m), x->fp);
		if (sgr != NULL)
			fputs("\033[0m", x->fp);
		fprintf(x->fp, "  %-*s  ", (int)cw, code);
		t = xprintf("%s%s%s", item->text[x->lang], item->reverse ?
		    " " : "", item->reverse ? rt(x->lang, RT_REVERSE_MARK) :
		    "");
		t_wrap(x, t, 8 + cw + 2, 8 + cw + 2);
		free(t);
		free(code);
		*reverse_seen |= item->reverse;
	}
}

/* Highest and lowest statements beneath framework f. */
static void
doc_items(struct out *x, const struct rpt_group *g, size_t f)
{
	size_t n, *all, hi, lo, low[NITEMS_SHOWN], i;
	int reverse_seen = 0;

	if (!x->r->has_items) {
		if (!x->said_no_items)
			para(x, NULL, rt(x->lang, RT_NO_ITEMS));
		x->said_no_items = 1;
		return;
	}
	all = xcalloc(x->ins->scale[f].nitem + 1, sizeof(size_t));
	n = report_items_by_mean(x->r, g, f, all, x->ins->scale[f].nitem);
	if (n == 0) {
		free(all);
		return;
	}
	hi = n < NITEMS_SHOWN ? n : NITEMS_SHOWN;
	lo = n - hi < NITEMS_SHOWN ? n - hi : NITEMS_SHOWN;
	for (i = 0; i < lo; i++)	/* lowest first */
		low[i] = all[n - 1 - i];
	doc_item_list(x, g, RT_H_ITEMS_HIGH, all, hi, &reverse_seen);
	if (lo > 0)
		doc_item_list(x, g, RT_H_ITEMS_LOW, low, lo, &reverse_seen);
	if (reverse_seen)
		para(x, NULL, rt(x->lang, RT_REVERSE_NOTE));
	free(all);
}

static void
doc_frameworks(struct out *x)
{
	const struct rpt_group *g = total_group(x->r);
	size_t f;

	if (g == NULL) {
		para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		return;
	}
	if (x->fmt == FMT_TEXT)
		bar_width(x, g);
	for (f = 0; f < x->ins->nscale; f++) {
		if (x->ins->scale[f].parent != -1 || x->ins->scale[f].variant)
			continue;
		heading(x, 2, x->ins->scale[f].name[x->lang]);
		table(x, scale_table(x, g, f));
		doc_extremes(x, g, f);
		doc_items(x, g, f);
	}
}

/* Leadership against teachers, per scale. */
static void
doc_gap(struct out *x)
{
	const struct rpt_group *L = shown_group(x->r, "role_group", "leader");
	const struct rpt_group *T = shown_group(x->r, "role_group", "teacher");
	const struct instrument *ins = x->ins;
	int text = x->fmt == FMT_TEXT, any = 0, clear;
	size_t s, row;
	struct tbl *t;
	char buf[64];
	double d;

	heading(x, 3, rt(x->lang, RT_H_GAP));
	if (L == NULL || T == NULL) {
		para(x, NULL, rt(x->lang, RT_NO_GAP));
		return;
	}
	t = tbl_new(5);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	tbl_col(t, 1, rt_role_group(x->lang, "leader"), 1);
	tbl_col(t, 2, rt_role_group(x->lang, "teacher"), 1);
	tbl_col(t, 3, rt(x->lang, RT_COL_GAP), 1);
	tbl_col(t, 4, text ? "" : rt(x->lang, RT_COL_NOTE), 0);
	t->tight[4] = text;
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].framework || ins->scale[s].parent == -1 ||
		    ins->scale[s].variant)
			continue;
		row = tbl_row(t);
		tbl_set(t, row, 0, ins->scale[s].name[x->lang]);
		tbl_set(t, row, 1, fmt2(buf, sizeof(buf), mean_of(L, s)));
		tbl_at(t, row, 1)->tone = tone_of(x, mean_of(L, s));
		tbl_set(t, row, 2, fmt2(buf, sizeof(buf), mean_of(T, s)));
		tbl_at(t, row, 2)->tone = tone_of(x, mean_of(T, s));
		d = mean_of(L, s) - mean_of(T, s);
		clear = clear_gap(&L->scale[s], &T->scale[s]);
		any |= clear;
		tbl_set(t, row, 3, fmt_diff(buf, sizeof(buf), d));
		if (clear)
			tbl_set(t, row, 4, text ? "*" : rt(x->lang,
			    RT_CLEAR_GAP));
	}
	t->legend[t->nlegend++] = rt(x->lang, RT_GAP_EXPLAIN);
	if (text && any) {
		static char legend[2][256];
		snprintf(legend[x->lang], sizeof(legend[0]), "* %s",
		    rt(x->lang, RT_DEF_GAP));
		t->legend[t->nlegend++] = legend[x->lang];
	}
	table(x, t);
}

/* The shown groups of every one-column set whose column is col (NULL:
 * every one-column set); returns how many were written to out. */
static size_t
groups_of(const struct report *r, const char *col, size_t *out, size_t max)
{
	size_t s, i, n = 0;
	const struct rpt_set *st;

	for (s = 0; s < r->nset; s++) {
		st = &r->set[s];
		if (st->ncol != 1 || (col != NULL &&
		    strcmp(r->bycol[st->col[0]], col) != 0))
			continue;
		for (i = 0; i < st->ngroup && n < max; i++)
			if (r->group[st->group[i]].suppressed == RPT_SHOWN)
				out[n++] = st->group[i];
	}
	return n;
}

/* One column of means per team. */
static void
doc_teams(struct out *x)
{
	const struct instrument *ins = x->ins;
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char buf[64], **labs;
	const struct rpt_group *g;

	if (report_find_set(x->r, "team") < 0)
		return;
	heading(x, 3, rt(x->lang, RT_H_TEAMS));
	if ((n = groups_of(x->r, "team", gi, 256)) == 0) {
		para(x, NULL, rt(x->lang, RT_NO_TEAMS));
		return;
	}
	t = tbl_new(n + 1);
	labs = xcalloc(n + 1, sizeof(char *));
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	for (i = 0; i < n; i++) {
		labs[i] = clean_dup(x->r->group[gi[i]].key[x->r->set[
		    x->r->group[gi[i]].set].col[0]]);
		tbl_col(t, i + 1, labs[i], 1);
	}
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].parent == -1 || ins->scale[s].variant)
			continue;
		row = tbl_row(t);
		tbl_set(t, row, 0, ins->scale[s].name[x->lang]);
		for (i = 0; i < n; i++) {
			g = &x->r->group[gi[i]];
			tbl_set(t, row, i + 1, fmt2(buf, sizeof(buf),
			    mean_of(g, s)));
			tbl_at(t, row, i + 1)->tone = tone_of(x, mean_of(g, s));
		}
	}
	t->legend[t->nlegend++] = rt(x->lang, RT_TEAMS_EXPLAIN);
	table(x, t);
	for (i = 0; i < n; i++)
		free(labs[i]);
	free(labs);
}

/* The whole school's mean and each group's difference from it. */
static void
doc_school_groups(struct out *x)
{
	const struct instrument *ins = x->ins;
	const struct rpt_group *S = total_group(x->r), *g;
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char buf[64], **labs;

	if (S == NULL || (n = groups_of(x->r, NULL, gi, 256)) == 0)
		return;
	heading(x, 3, rt(x->lang, RT_H_SCHOOL_GROUPS));
	t = tbl_new(n + 2);
	labs = xcalloc(n + 1, sizeof(char *));
	labs[n] = rt_group_label(x->r, S, x->lang);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	tbl_col(t, 1, labs[n], 1);
	for (i = 0; i < n; i++) {
		labs[i] = rt_group_label(x->r, &x->r->group[gi[i]], x->lang);
		tbl_col(t, i + 2, labs[i], 1);
	}
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].parent == -1 || ins->scale[s].variant)
			continue;
		row = tbl_row(t);
		tbl_set(t, row, 0, ins->scale[s].name[x->lang]);
		tbl_set(t, row, 1, fmt2(buf, sizeof(buf), mean_of(S, s)));
		tbl_at(t, row, 1)->tone = tone_of(x, mean_of(S, s));
		for (i = 0; i < n; i++) {
			g = &x->r->group[gi[i]];
			tbl_set(t, row, i + 2, fmt_diff(buf, sizeof(buf),
			    mean_of(g, s) - mean_of(S, s)));
		}
	}
	t->legend[t->nlegend++] = rt(x->lang, RT_SCHOOL_GROUPS_EXPLAIN);
	table(x, t);
	for (i = 0; i <= n; i++)
		free(labs[i]);
	free(labs);
}

/* Sets on several columns (e.g. team within role group): like the teams,
 * one column per shown group, with its respondents first. */
static void
doc_cross(struct out *x)
{
	const struct report *r = x->r;
	const struct instrument *ins = x->ins;
	size_t s, i, n, sc, row, *gi;
	const struct rpt_group *g;
	struct tbl *t;
	char buf[64], **labs, *h;

	for (s = 0; s < r->nset; s++) {
		if (r->set[s].ncol < 2)
			continue;
		gi = xcalloc(r->set[s].ngroup + 1, sizeof(size_t));
		for (n = 0, i = 0; i < r->set[s].ngroup; i++)
			if (r->group[r->set[s].group[i]].suppressed ==
			    RPT_SHOWN)
				gi[n++] = r->set[s].group[i];
		labs = xcalloc(n + 1, sizeof(char *));
		labs[n] = set_label(x, &r->set[s]);
		h = xprintf("%s: %s", rt(x->lang, RT_H_CROSS), labs[n]);
		heading(x, 3, h);
		free(h);
		if (n == 0) {
			para(x, NULL, rt(x->lang, RT_ANON_LIST_ALL));
			free(labs[n]);
			free(labs);
			free(gi);
			continue;
		}
		t = tbl_new(n + 1);
		tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
		for (i = 0; i < n; i++) {
			labs[i] = cross_label(x, &r->group[gi[i]]);
			tbl_col(t, i + 1, labs[i], 1);
		}
		row = tbl_row(t);
		tbl_set(t, row, 0, rt(x->lang, RT_COL_RESPONDENTS));
		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "%lu", r->group[gi[i]].n);
			tbl_set(t, row, i + 1, buf);
		}
		for (sc = 0; sc < ins->nscale; sc++) {
			if (ins->scale[sc].parent == -1 ||
			    ins->scale[sc].variant)
				continue;
			row = tbl_row(t);
			tbl_set(t, row, 0, ins->scale[sc].name[x->lang]);
			for (i = 0; i < n; i++) {
				g = &r->group[gi[i]];
				tbl_set(t, row, i + 1, fmt2(buf, sizeof(buf),
				    mean_of(g, sc)));
				tbl_at(t, row, i + 1)->tone = tone_of(x,
				    mean_of(g, sc));
			}
		}
		table(x, t);
		for (i = 0; i <= n; i++)
			free(labs[i]);
		free(labs);
		free(gi);
	}
}

static void
doc_comparison(struct out *x)
{
	heading(x, 2, rt(x->lang, RT_H_COMPARISON));
	doc_gap(x);
	doc_teams(x);
	doc_school_groups(x);
	doc_cross(x);
}

/* ==================== comparisons ==================== */

/* Base frameworks (roots that are not a variant's), in order; returns how
 * many. */
static size_t
base_roots(const struct instrument *ins, size_t *out, size_t max)
{
	size_t s, n = 0;

	for (s = 0; s < ins->nscale && n < max; s++)
		if (ins->scale[s].parent == -1 && ins->scale[s].variant == 0)
			out[n++] = s;
	return n;
}

/* "[+0.05, +1.06]", or an en dash without an interval. */
static const char *
fmt_ci(char *buf, size_t size, const struct cmp_result *c)
{
	char a[24], b[24];

	if (isnan(c->ci_low) || isnan(c->ci_high))
		return "\xe2\x80\x93";
	snprintf(buf, size, "[%s, %s]", fmt_diff(a, sizeof(a), c->ci_low),
	    fmt_diff(b, sizeof(b), c->ci_high));
	return buf;
}

/* The comparison's verdict as a word. */
static const char *
verdict_word(const struct out *x, const struct rpt_diff *d, int ref)
{
	if (d->status != RPT_CMP_OK)
		return rt(x->lang, RT_NOT_COMPARED);
	return rt(x->lang, rt_verdict(compare_verdict(&d->res), ref));
}

/* A difference with "*" when its interval excludes 0, "–" when not
 * compared. */
static const char *
fmt_starred(char *buf, size_t size, const struct rpt_diff *d)
{
	enum cmp_verdict v;
	char t[32];

	if (d->status != RPT_CMP_OK || isnan(d->res.diff))
		return "\xe2\x80\x93";
	v = compare_verdict(&d->res);
	snprintf(buf, size, "%s%s", fmt_diff(t, sizeof(t), d->res.diff),
	    v == CMP_HIGHER || v == CMP_LOWER ? "*" : "");
	return buf;
}

/* The comparison of a pair (or the reference) for the whole school. */
static const struct rpt_cmp *
whole_school_cmp(const struct rpt_cmp *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].rb->set[c[i].gb->set].ncol == 0)
			return &c[i];
	return NULL;
}

/* A table of one difference per scale (rows) and group (columns) for the
 * comparisons c[0..n) other than the whole school's. */
static void
cmp_group_table(struct out *x, const struct rpt_cmp *c, size_t n,
    enum rt_msg head, enum rt_msg legend)
{
	const struct instrument *ins = x->ins;
	size_t i, k, ng = 0, row, *gi = xcalloc(n + 1, sizeof(size_t));
	struct tbl *t;
	char buf[64], *lab;

	for (i = 0; i < n; i++)
		if (c[i].rb->set[c[i].gb->set].ncol == 1)
			gi[ng++] = i;
	if (ng == 0) {
		free(gi);
		return;
	}
	heading(x, 3, rt(x->lang, head));
	t = tbl_new(ng + 1);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	for (i = 0; i < ng; i++) {
		lab = rt_group_label(c[gi[i]].rb, c[gi[i]].gb, x->lang);
		tbl_col(t, i + 1, lab, 1);
		free(lab);
	}
	for (k = 0; k < c[0].ndiff; k++) {
		size_t s = c[0].diff[k].scale;
		if (ins->scale[s].parent == -1)
			continue;
		row = tbl_row(t);
		tbl_set(t, row, 0, ins->scale[s].name[x->lang]);
		for (i = 0; i < ng; i++)
			tbl_set(t, row, i + 1, fmt_starred(buf, sizeof(buf),
			    &c[gi[i]].diff[k]));
	}
	t->legend[t->nlegend++] = rt(x->lang, legend);
	table(x, t);
	free(gi);
}

/* ---- current and desired ---- */

/* Gap of variant v against the base on scale s in g, NAN when either
 * mean is missing; the two means in *a and *b. */
static double
variant_gap(const struct out *x, const struct rpt_group *g, size_t s,
    size_t v, double *a, double *b)
{
	long t = report_variant_scale(x->r, s, v);

	*a = mean_of(g, s);
	*b = t < 0 ? NAN : mean_of(g, (size_t)t);
	return *b - *a;
}

static double
variant_item_gap(const struct out *x, const struct rpt_group *g, size_t i,
    size_t v, double *a, double *b)
{
	long t = report_variant_item(x->r, i, v);

	*a = g->item[i].present ? g->item[i].mean : NAN;
	*b = t < 0 || !g->item[t].present ? NAN : g->item[t].mean;
	return *b - *a;
}

/* Indices of the base items (or, scales: non-root base scales) sorted by
 * gap, largest first, ties in instrument order; returns how many have a
 * gap. */
static size_t
by_gap(const struct out *x, const struct rpt_group *g, size_t v,
    int scales, size_t *out)
{
	const struct instrument *ins = x->ins;
	size_t n = 0, i, j, tmp, lim = scales ? ins->nscale : ins->nitem;
	double a, b, *gap = xcalloc(lim + 1, sizeof(double));

	for (i = 0; i < lim; i++) {
		if (scales ? ins->scale[i].variant || ins->scale[i].parent == -1
		    : ins->item[i].variant != 0)
			continue;
		gap[i] = scales ? variant_gap(x, g, i, v, &a, &b) :
		    variant_item_gap(x, g, i, v, &a, &b);
		if (!isnan(gap[i]))
			out[n++] = i;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && gap[out[j]] > gap[out[j - 1]]; j--) {
			tmp = out[j];
			out[j] = out[j - 1];
			out[j - 1] = tmp;
		}
	free(gap);
	return n;
}

#define NVARITEMS	10	/* statements with the largest gaps shown */

/* Text: one statement a line, "+1.84  2.43 → 4.27  OC5  The school ...",
 * wrapped under its text. */
static void
variant_item_lines(struct out *x, const struct rpt_group *g, size_t v,
    const size_t *it, size_t n, const char *na, const char *nb)
{
	const struct instrument *ins = x->ins;
	size_t i, cw = 0, ind;
	char b1[32], b2[32], b3[32], *code, *t;
	double a, b, d;
	int rev = 0;

	for (i = 0; i < n; i++)
		if (strlen(ins->item[it[i]].code) > cw)
			cw = strlen(ins->item[it[i]].code);
	t = xprintf("%s \xe2\x86\x92 %s", na, nb);
	para(x, NULL, t);
	free(t);
	for (i = 0; i < n; i++) {
		d = variant_item_gap(x, g, it[i], v, &a, &b);
		code = clean_dup(ins->item[it[i]].code);
		fprintf(x->fp, "  %5s  %s \xe2\x86\x92 %s  %-*s  ",
		    fmt_diff(b1, sizeof(b1), d), fmt2(b2, sizeof(b2), a),
		    fmt2(b3, sizeof(b3), b), (int)cw, code);
		ind = 2 + 5 + 2 + 4 + 3 + 4 + 2 + cw + 2;
		t = xprintf("%s%s%s", ins->item[it[i]].text[x->lang],
		    ins->item[it[i]].reverse ? " " : "",
		    ins->item[it[i]].reverse ? rt(x->lang, RT_REVERSE_MARK) :
		    "");
		t_wrap(x, t, ind, ind);
		free(t);
		free(code);
		rev |= ins->item[it[i]].reverse;
	}
	if (rev)
		para(x, NULL, rt(x->lang, RT_REVERSE_NOTE));
}

static void
variant_items(struct out *x, const struct rpt_group *g, size_t v,
    const char *na, const char *nb)
{
	const struct instrument *ins = x->ins;
	size_t *it = xcalloc(ins->nitem + 1, sizeof(size_t)), n, i, row;
	struct tbl *t;
	char buf[64], *s;
	double a, b, d;
	int rev = 0;

	n = by_gap(x, g, v, 0, it);
	if (n > NVARITEMS)
		n = NVARITEMS;
	if (n == 0) {
		free(it);
		return;
	}
	heading(x, 3, rt(x->lang, RT_H_VARIANT_ITEMS));
	if (x->fmt == FMT_TEXT) {
		variant_item_lines(x, g, v, it, n, na, nb);
		free(it);
		return;
	}
	t = tbl_new(5);
	tbl_col(t, 0, rt(x->lang, RT_COL_GAP), 1);
	tbl_col(t, 1, na, 1);
	tbl_col(t, 2, nb, 1);
	tbl_col(t, 3, rt(x->lang, RT_COL_CODE), 0);
	tbl_col(t, 4, rt(x->lang, RT_COL_ITEM), 0);
	for (i = 0; i < n; i++) {
		d = variant_item_gap(x, g, it[i], v, &a, &b);
		row = tbl_row(t);
		tbl_set(t, row, 0, fmt_diff(buf, sizeof(buf), d));
		tbl_set(t, row, 1, fmt2(buf, sizeof(buf), a));
		tbl_set(t, row, 2, fmt2(buf, sizeof(buf), b));
		tbl_set(t, row, 3, ins->item[it[i]].code);
		s = xprintf("%s%s%s", ins->item[it[i]].text[x->lang],
		    ins->item[it[i]].reverse ? " " : "",
		    ins->item[it[i]].reverse ? rt(x->lang, RT_REVERSE_MARK) :
		    "");
		tbl_set(t, row, 4, s);
		free(s);
		rev |= ins->item[it[i]].reverse;
	}
	if (rev)
		t->legend[t->nlegend++] = rt(x->lang, RT_REVERSE_NOTE);
	table(x, t);
	free(it);
}

static void
variant_groups(struct out *x, size_t v)
{
	const struct instrument *ins = x->ins;
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char buf[64], *lab;
	double a, b;

	if ((n = groups_of(x->r, NULL, gi, 256)) == 0)
		return;
	heading(x, 3, rt(x->lang, RT_H_VARIANT_GROUPS));
	t = tbl_new(n + 1);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	for (i = 0; i < n; i++) {
		lab = rt_group_label(x->r, &x->r->group[gi[i]], x->lang);
		tbl_col(t, i + 1, lab, 1);
		free(lab);
	}
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].parent == -1 || ins->scale[s].variant)
			continue;
		row = tbl_row(t);
		tbl_set(t, row, 0, ins->scale[s].name[x->lang]);
		for (i = 0; i < n; i++)
			tbl_set(t, row, i + 1, fmt_diff(buf, sizeof(buf),
			    variant_gap(x, &x->r->group[gi[i]], s, v, &a, &b)));
	}
	t->legend[t->nlegend++] = rt(x->lang, RT_VARIANT_GROUPS_EXPLAIN);
	table(x, t);
}

/* The scales of framework f: a table of both means and the gap. */
static void
variant_framework(struct out *x, const struct rpt_group *g, size_t v,
    size_t f, const char *na, const char *nb)
{
	size_t kids[256], n, i, row;
	struct tbl *t;
	char buf[64];
	double a, b, d;

	heading(x, 3, x->ins->scale[f].name[x->lang]);
	n = report_children(x->r, f, kids, 255);
	kids[n++] = f;
	t = tbl_new(4);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	tbl_col(t, 1, na, 1);
	tbl_col(t, 2, nb, 1);
	tbl_col(t, 3, rt(x->lang, RT_COL_GAP), 1);
	for (i = 0; i < n; i++) {
		d = variant_gap(x, g, kids[i], v, &a, &b);
		row = tbl_row(t);
		tbl_set(t, row, 0, kids[i] == f ? rt(x->lang,
		    RT_FRAMEWORK_TOTAL) : x->ins->scale[kids[i]].name[x->lang]);
		tbl_set(t, row, 1, fmt2(buf, sizeof(buf), a));
		tbl_at(t, row, 1)->tone = tone_of(x, a);
		tbl_set(t, row, 2, fmt2(buf, sizeof(buf), b));
		tbl_at(t, row, 2)->tone = tone_of(x, b);
		tbl_set(t, row, 3, fmt_diff(buf, sizeof(buf), d));
	}
	table(x, t);
}

/* "Organisational capacity (+1.62), Dialogue (+1.20), ..." for the three
 * largest gaps; caller frees. */
static char *
largest_gaps(const struct out *x, const struct rpt_group *g, size_t v)
{
	size_t *sc = xcalloc(x->ins->nscale + 1, sizeof(size_t)), n, i;
	char *s = xstrdup(""), *t, buf[32];
	double a, b;

	n = by_gap(x, g, v, 1, sc);
	for (i = 0; i < n && i < 3; i++) {
		t = xprintf("%s%s%s (%s)", s, i > 0 ? ", " : "",
		    x->ins->scale[sc[i]].name[x->lang], fmt_diff(buf,
		    sizeof(buf), variant_gap(x, g, sc[i], v, &a, &b)));
		free(s);
		s = t;
	}
	free(sc);
	return s;
}

static void
doc_variants(struct out *x)
{
	const struct instrument *ins = x->ins;
	const struct rpt_group *g = total_group(x->r);
	size_t v, f, roots[64], nr;
	char *na, *nb, *h, *t;

	for (v = 1; v < ins->nvariant; v++) {
		if (!report_has_variant(x->r, v))
			continue;
		na = rt_variant_name(ins, 0, x->lang);
		nb = rt_variant_name(ins, v, x->lang);
		h = xprintf(rt(x->lang, RT_H_VARIANTS), na,
		    ins->variant[v].name[x->lang]);
		heading(x, 2, h);
		free(h);
		if (g == NULL)
			para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		else {
			t = xprintf(rt(x->lang, RT_VARIANT_EXPLAIN),
			    ins->variant[v].name[x->lang],
			    ins->variant[0].name[x->lang]);
			para(x, NULL, t);
			free(t);
			t = largest_gaps(x, g, v);
			if (*t != '\0') {
				h = xprintf(rt(x->lang, RT_VARIANT_LARGEST), t);
				para(x, NULL, h);
				free(h);
			}
			free(t);
			nr = base_roots(ins, roots, 64);
			for (f = 0; f < nr; f++)
				variant_framework(x, g, v, roots[f], na, nb);
			variant_items(x, g, v, na, nb);
		}
		variant_groups(x, v);
		free(na);
		free(nb);
	}
}

/* ---- waves ---- */

/* "LF3f asked in 2026 only; LF2x asked in 2025 only" for the whole
 * school's comparison c (its widest scales name every differing item);
 * caller frees. */
static char *
wave_differ_why(const struct out *x, const struct rpt_waves *w,
    const struct rpt_cmp *c)
{
	size_t k, side;
	char *s = xstrdup(""), *t, *u;
	const char *best[2] = { NULL, NULL };

	for (k = 0; k < c->ndiff; k++)
		for (side = 0; side < 2; side++) {
			const char *o = side ? c->diff[k].only_b :
			    c->diff[k].only_a;
			if (o != NULL && (best[side] == NULL ||
			    strlen(o) > strlen(best[side])))
				best[side] = o;
		}
	for (side = 0; side < 2; side++) {
		if (best[side] == NULL)
			continue;
		t = xprintf(rt(x->lang, RT_ONLY_IN), best[side],
		    w->value[side ? c->wb : c->wa]);
		u = xprintf("%s%s%s", s, *s ? "; " : "", t);
		free(s);
		free(t);
		s = u;
	}
	return s;
}

/* The comparison of scale s in c, or NULL. */
static const struct rpt_diff *
diff_of(const struct rpt_cmp *c, size_t s)
{
	size_t k;

	for (k = 0; k < c->ndiff; k++)
		if (c->diff[k].scale == s)
			return &c->diff[k];
	return NULL;
}

/* The whole school's comparison c, one table per framework (its name
 * heads the first column): for waves (w given) both means, the change, its
 * interval, g and the verdict; for the reference also the rank. */
static void
cmp_tables(struct out *x, const struct rpt_waves *w,
    const struct rpt_reference *ref, const struct rpt_cmp *c)
{
	size_t roots[64], nr, f, kids[256], n, i, row, col;
	struct tbl *t;
	char buf[64];
	const struct rpt_diff *d;
	int rank = ref != NULL && ref->school_set >= 0, ok;

	nr = base_roots(x->ins, roots, 64);
	for (f = 0; f < nr; f++) {
		n = report_children(x->r, roots[f], kids, 255);
		kids[n++] = roots[f];
		t = tbl_new(rank ? 8 : 7);
		tbl_col(t, 0, x->ins->scale[roots[f]].name[x->lang], 0);
		if (w != NULL) {
			tbl_col(t, 1, w->value[c->wa], 1);
			tbl_col(t, 2, w->value[c->wb], 1);
			tbl_col(t, 3, rt(x->lang, RT_COL_CHANGE), 1);
		} else {
			tbl_col(t, 1, rt(x->lang, RT_THIS_SCHOOL), 1);
			tbl_col(t, 2, rt(x->lang, RT_COL_REFERENCE), 1);
			tbl_col(t, 3, rt(x->lang, RT_COL_DIFF), 1);
		}
		tbl_col(t, 4, rt(x->lang, RT_COL_CI), 1);
		tbl_col(t, 5, rt(x->lang, RT_COL_G), 1);
		tbl_col(t, 6, rt(x->lang, w != NULL ? RT_COL_VERDICT :
		    RT_COL_POSITION), 0);
		if (rank)
			tbl_col(t, 7, rt(x->lang, RT_COL_RANK), 1);
		for (i = 0; i < n; i++) {
			if ((d = diff_of(c, kids[i])) == NULL)
				continue;
			row = tbl_row(t);
			tbl_set(t, row, 0, kids[i] == roots[f] ? rt(x->lang,
			    RT_FRAMEWORK_TOTAL) :
			    x->ins->scale[kids[i]].name[x->lang]);
			/* means of waves that asked other statements are
			 * not set side by side */
			ok = d->status == RPT_CMP_OK || w == NULL;
			col = w != NULL ? 1 : 2;	/* side a's column */
			tbl_set(t, row, col, fmt2(buf, sizeof(buf), ok ?
			    d->mean_a : NAN));
			tbl_set(t, row, 3 - col, fmt2(buf, sizeof(buf), ok ?
			    d->mean_b : NAN));
			tbl_set(t, row, 3, fmt_diff(buf, sizeof(buf),
			    d->res.diff));
			tbl_set(t, row, 4, fmt_ci(buf, sizeof(buf), &d->res));
			tbl_set(t, row, 5, fmt_diff(buf, sizeof(buf),
			    d->res.g));
			tbl_set(t, row, 6, d->status == RPT_CMP_NO_SCORE ?
			    "\xe2\x80\x93" : verdict_word(x, d, w == NULL));
			if (rank && d->nrank > 0) {
				snprintf(buf, sizeof(buf), rt(x->lang,
				    RT_RANK_OF), d->rank, d->nrank);
				tbl_set(t, row, 7, buf);
			}
		}
		table(x, t);
	}
}

/* What was not compared in the whole school's table, and why. */
static void
wave_notes(struct out *x, const struct rpt_waves *w, const struct rpt_cmp *c)
{
	size_t k;
	char *names = xstrdup(""), *t, *why;
	int unchecked = 0;

	for (k = 0; k < c->ndiff; k++) {
		if (c->diff[k].status == RPT_CMP_UNCHECKED)
			unchecked = 1;
		if (c->diff[k].status != RPT_CMP_ITEMS_DIFFER)
			continue;
		t = xprintf("%s%s%s", names, *names ? ", " : "",
		    x->ins->scale[c->diff[k].scale].name[x->lang]);
		free(names);
		names = t;
	}
	if (unchecked)
		para(x, NULL, rt(x->lang, RT_WAVES_UNCHECKED));
	if (*names != '\0') {
		why = wave_differ_why(x, w, c);
		t = xprintf(rt(x->lang, RT_WAVES_DIFFER), why, names);
		para(x, NULL, t);
		free(t);
		free(why);
	}
	free(names);
}

/* Groups of the pair (wa, wb) left out, by label. */
static void
wave_skipped(struct out *x, const struct rpt_waves *w, size_t wa, size_t wb)
{
	size_t i;
	char *names = xstrdup(""), *t, *lab;

	for (i = 0; i < w->nskip; i++) {
		if (w->skip[i].wa != wa || w->skip[i].wb != wb)
			continue;
		lab = rt_group_label(w->skip[i].r, w->skip[i].g, x->lang);
		if (strstr(names, lab) == NULL) {
			t = xprintf("%s%s%s", names, *names ? ", " : "", lab);
			free(names);
			names = t;
		}
		free(lab);
	}
	if (*names != '\0') {
		t = xprintf(rt(x->lang, RT_WAVES_SKIPPED), x->r->min_n, names);
		para(x, NULL, t);
		free(t);
	}
	free(names);
}

static void
doc_waves(struct out *x)
{
	const struct rpt_waves *w = x->r->waves;
	const struct rpt_cmp *c, *tot;
	size_t i, j;
	char *h;

	if (w == NULL || w->nwave == 0)
		return;
	heading(x, 2, rt(x->lang, RT_H_WAVES));
	if (w->nwave == 1) {
		h = xprintf(rt(x->lang, RT_WAVES_ONE), w->value[0]);
		para(x, NULL, h);
		free(h);
		return;
	}
	h = xprintf(rt(x->lang, RT_WAVE_OF_REPORT), w->value[w->nwave - 1]);
	para(x, NULL, h);
	free(h);
	for (i = 0; i < w->ncmp; i = j) {
		c = &w->cmp[i];
		for (j = i; j < w->ncmp && w->cmp[j].wb == c->wb; j++)
			;
		h = xprintf(rt(x->lang, RT_H_WAVE_PAIR), w->value[c->wb],
		    w->value[c->wa]);
		heading(x, 3, h);
		free(h);
		if ((tot = whole_school_cmp(c, j - i)) != NULL &&
		    report_cmp_unchecked(tot)) {
			para(x, NULL, rt(x->lang, RT_WAVES_UNCHECKED));
			continue;
		}
		if (tot != NULL) {
			cmp_tables(x, w, NULL, tot);
			h = xprintf(rt(x->lang, RT_WAVES_EXPLAIN),
			    w->value[c->wb], w->value[c->wa]);
			para(x, NULL, h);
			free(h);
			wave_notes(x, w, tot);
		} else
			para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		cmp_group_table(x, c, j - i, RT_H_WAVE_GROUPS,
		    RT_WAVE_GROUPS_EXPLAIN);
		wave_skipped(x, w, c->wa, c->wb);
	}
	for (i = 0; i < w->nskip; i++) {	/* pairs with no group at all */
		for (j = 0; j < w->ncmp; j++)
			if (w->cmp[j].wb == w->skip[i].wb)
				break;
		if (j < w->ncmp || (i > 0 && w->skip[i - 1].wb ==
		    w->skip[i].wb))
			continue;
		h = xprintf(rt(x->lang, RT_H_WAVE_PAIR),
		    w->value[w->skip[i].wb], w->value[w->skip[i].wa]);
		heading(x, 3, h);
		free(h);
		wave_skipped(x, w, w->skip[i].wa, w->skip[i].wb);
	}
}

/* ---- the reference ---- */

static void
doc_reference(struct out *x)
{
	const struct rpt_reference *ref = x->r->ref;
	const struct rpt_cmp *tot;
	char *t;

	if (ref == NULL)
		return;
	heading(x, 2, rt(x->lang, RT_H_REFERENCE));
	if (ref->own >= 0 && x->o->school != NULL) {
		t = xprintf(rt(x->lang, RT_REF_OWN_REMOVED), x->o->school);
		para(x, NULL, t);
		free(t);
	}
	tot = whole_school_cmp(ref->cmp, ref->ncmp);
	if (tot == NULL || !ref->total_shown) {
		t = xprintf(rt(x->lang, RT_REF_NOT_SHOWN), x->r->min_n);
		para(x, NULL, t);
		free(t);
	} else {
		t = xprintf(rt(x->lang, RT_REF_ABOUT), tot->n_a);
		para(x, NULL, t);
		free(t);
		cmp_tables(x, NULL, ref, tot);
		para(x, NULL, rt(x->lang, RT_REF_EXPLAIN));
		if (ref->school_set >= 0) {
			t = xprintf(rt(x->lang, RT_REF_SCHOOLS), ref->nschools,
			    x->r->min_n);
			para(x, NULL, t);
			free(t);
		}
	}
	if (ref->ncmp > 0)
		cmp_group_table(x, ref->cmp, ref->ncmp, RT_H_REFERENCE_GROUPS,
		    RT_REF_GROUPS_EXPLAIN);
	if (ref->nsplit_fail > 0)
		para(x, NULL, rt(x->lang, RT_REF_SPLIT_FAIL));
}

/* Scales and frameworks to recommend on, weakest first: attention points
 * (scales, then frameworks), then developing; returns how many. */
static size_t
pick_recs(const struct out *x, const struct rpt_group *g, size_t *out,
    size_t max)
{
	const struct instrument *ins = x->ins;
	size_t n = 0, s, i, j, tmp;
	int pass;
	enum rt_tone want;

	for (pass = 0; pass < 4; pass++) {
		size_t start = n;
		want = pass < 2 ? RT_TONE_ATTENTION : RT_TONE_DEVELOPING;
		for (s = 0; s < ins->nscale && n < 256; s++) {
			int isfw = ins->scale[s].parent == -1;
			if (isfw != (pass % 2) || tone_of(x, mean_of(g, s)) !=
			    want || rt_recommendation_tone(x->lang,
			    ins->scale[s].code, want) == NULL)
				continue;
			out[n++] = s;
		}
		for (i = start + 1; i < n; i++)	/* by mean, stable */
			for (j = i; j > start && mean_of(g, out[j]) <
			    mean_of(g, out[j - 1]); j--) {
				tmp = out[j];
				out[j] = out[j - 1];
				out[j - 1] = tmp;
			}
	}
	return n < max ? n : max;
}

static void
doc_recommendations(struct out *x)
{
	const struct instrument *ins = x->ins;
	const struct rpt_group *g = total_group(x->r);
	const struct rpt_group *L = shown_group(x->r, "role_group", "leader");
	const struct rpt_group *T = shown_group(x->r, "role_group", "teacher");
	size_t pick[256], n, i, s, gaps[256], ng = 0, j, tmp;
	char buf[64], *lab;
	int first;

	heading(x, 2, rt(x->lang, RT_H_RECOMMENDATIONS));
	if (g == NULL) {
		para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		return;
	}
	n = pick_recs(x, g, pick, NRECS);
	if (n == 0)
		para(x, NULL, rt(x->lang, RT_NO_RECOMMENDATIONS));
	else
		para(x, NULL, rt(x->lang, RT_REC_INTRO));
	for (i = 0; i < n; i++) {
		enum rt_tone tone = tone_of(x, mean_of(g, pick[i]));
		lab = xprintf("%s (%s, %s)", ins->scale[pick[i]].name[x->lang],
		    band_label(x, mean_of(g, pick[i])), fmt2(buf, sizeof(buf),
		    mean_of(g, pick[i])));
		bullet(x, lab, rt_recommendation_tone(x->lang,
		    ins->scale[pick[i]].code, tone), i == 0);
		free(lab);
	}
	if (L != NULL && T != NULL) {
		for (s = 0; s < ins->nscale; s++)
			if (ins->scale[s].parent != -1 && !ins->scale[s].variant &&
			    clear_gap(&L->scale[s], &T->scale[s]))
				gaps[ng++] = s;
		for (i = 1; i < ng; i++)	/* largest gap first */
			for (j = i; j > 0 && fabs(mean_of(L, gaps[j]) -
			    mean_of(T, gaps[j])) > fabs(mean_of(L, gaps[j - 1])
			    - mean_of(T, gaps[j - 1])); j--) {
				tmp = gaps[j];
				gaps[j] = gaps[j - 1];
				gaps[j - 1] = tmp;
			}
		if (ng > NGAPRECS)
			ng = NGAPRECS;
		if (ng > 0) {
			para(x, NULL, rt(x->lang, RT_GAPS_INTRO));
			for (i = 0; i < ng; i++) {
				lab = xprintf("%s (%s)", ins->scale[gaps[i]].
				    name[x->lang], fmt_diff(buf, sizeof(buf),
				    mean_of(L, gaps[i]) - mean_of(T,
				    gaps[i])));
				bullet(x, NULL, lab, i == 0);
				free(lab);
			}
			para(x, NULL, rt(x->lang, RT_REC_GAP));
		}
	}
	first = 1;
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].parent == -1 || ins->scale[s].variant ||
		    !g->scale[s].present ||
		    !report_high_spread(x->r, g->scale[s].sd))
			continue;
		if (first)
			para(x, NULL, rt(x->lang, RT_SPREAD_INTRO));
		lab = xprintf("%s (sd %s)", ins->scale[s].name[x->lang],
		    fmt2(buf, sizeof(buf), g->scale[s].sd));
		bullet(x, NULL, lab, first);
		free(lab);
		first = 0;
	}
	if (!first)
		para(x, NULL, rt(x->lang, RT_REC_SPREAD));
}

static void
doc_anonymity(struct out *x)
{
	const struct report *r = x->r;
	size_t i;
	char *t, *lab;
	int first = 1;

	heading(x, 2, rt(x->lang, RT_H_ANONYMITY));
	t = xprintf(rt(x->lang, RT_ANON_RULE), r->min_n);
	para(x, NULL, t);
	free(t);
	if (r->nsuppressed[RPT_TOO_SMALL] + r->nsuppressed[RPT_COMPLEMENT] ==
	    0) {
		para(x, NULL, rt(x->lang, RT_ANON_NONE));
		return;
	}
	if (r->nsuppressed[RPT_COMPLEMENT] > 0)
		para(x, NULL, rt(x->lang, RT_ANON_COMPLEMENT_RULE));
	para(x, NULL, rt(x->lang, RT_ANON_LIST));
	for (i = 0; i < r->ngroup; i++) {
		if (r->group[i].suppressed == RPT_SHOWN)
			continue;
		lab = rt_group_label(r, &r->group[i], x->lang);
		bullet(x, lab, rt_suppress_reason(x->lang,
		    r->group[i].suppressed, r->min_n), first);
		free(lab);
		first = 0;
	}
}

static void
doc_reading(struct out *x)
{
	const struct instrument *ins = x->ins;
	size_t i;
	char *t;

	heading(x, 2, rt(x->lang, RT_H_READING));
	t = xprintf(rt(x->lang, RT_DEF_SCALE), ins->min, ins->max);
	para(x, NULL, t);
	free(t);
	if (ins->nband > 0) {
		para(x, NULL, rt(x->lang, RT_DEF_BANDS));
		for (i = 0; i < ins->nband; i++) {
			if (i + 1 < ins->nband)
				t = xprintf(rt(x->lang, RT_DEF_BAND),
				    ins->band[i].label[x->lang],
				    ins->band[i].lower, ins->band[i + 1].lower);
			else
				t = xprintf(rt(x->lang, RT_DEF_BAND_TOP),
				    ins->band[i].label[x->lang],
				    ins->band[i].lower);
			bullet(x, NULL, t, i == 0);
			free(t);
		}
	}
	t = xprintf(rt(x->lang, RT_DEF_SPREAD), 0.25 * (ins->max - ins->min));
	para(x, NULL, t);
	free(t);
	para(x, NULL, rt(x->lang, RT_DEF_GAP));
	if (ins->nvariant > 1 && report_has_variant(x->r, 1))
		para(x, NULL, rt(x->lang, RT_DEF_VARIANT_GAP));
	if (x->r->waves != NULL || x->r->ref != NULL) {
		para(x, NULL, rt(x->lang, RT_DEF_CHANGE));
		para(x, NULL, rt(x->lang, RT_DEF_G));
		para(x, NULL, rt(x->lang, RT_DEF_NOISE));
	}
	if (x->r->ref != NULL && x->r->ref->school_set >= 0)
		para(x, NULL, rt(x->lang, RT_DEF_RANK));
}

static int
render_doc(const struct report *r, const struct render_opts *o, FILE *fp,
    enum render_format fmt)
{
	struct out x;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.ins = r->ins;
	x.o = o;
	x.lang = o->lang;
	x.fmt = fmt;
	x.fp = fp;
	x.width = o->width >= 40 ? (size_t)o->width : o->width > 0 ? 40 : 80;
	x.color = fmt == FMT_TEXT && o->color;
	doc_title(&x);
	doc_responses(&x);
	doc_frameworks(&x);
	doc_comparison(&x);
	doc_variants(&x);
	doc_waves(&x);
	doc_reference(&x);
	doc_recommendations(&x);
	doc_anonymity(&x);
	doc_reading(&x);
	return ferror(fp) ? -1 : 0;
}

int
render_text(const struct report *r, const struct render_opts *o, FILE *fp)
{
	return render_doc(r, o, fp, FMT_TEXT);
}

int
render_md(const struct report *r, const struct render_opts *o, FILE *fp)
{
	return render_doc(r, o, fp, FMT_MD);
}

/* ==================== CSV ==================== */

/* One tidy table: every row has every column; "table" says which part of
 * the report a row belongs to (meta, counts, scales, items, gaps,
 * differences, recommendations, suppressed). */
enum {
	K_TABLE, K_KEY, K_GROUP_BY, K_GROUP, K_LEVEL, K_FRAMEWORK,
	K_SCALE_CODE, K_SCALE, K_ITEM, K_TEXT, K_RESPONDENTS, K_STAFF,
	K_RESPONSE_PCT, K_N, K_MEAN, K_SD, K_CI_LOW, K_CI_HIGH, K_ALPHA,
	K_BAND, K_HIGH_SPREAD, K_RANK, K_RANK_OF, K_COMPARE_GROUP,
	K_COMPARE_N, K_COMPARE_MEAN, K_DIFFERENCE, K_CLEAR_GAP,
	K_EFFECT_SIZE, K_STATUS, K_REASON, NK
};
static const char *const k_name[NK] = {
	"table", "key", "group_by", "group", "level", "framework",
	"scale_code", "scale", "item", "text", "respondents", "staff",
	"response_pct", "n", "mean", "sd", "ci_low", "ci_high", "alpha",
	"band", "high_spread", "rank", "rank_of", "compare_group",
	"compare_n", "compare_mean", "difference", "clear_gap",
	"effect_size", "status", "reason"
};
/* 1 for numeric columns: written with csvio_put_num, never as text. */
static const char k_num[NK] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0
};

struct crow {
	const char *s[NK];	/* text columns (borrowed), NULL = empty */
	double v[NK];		/* numeric columns, NAN = empty */
};

struct cout {
	struct csvio_writer w;
	const struct report *r;
	const struct instrument *ins;
	enum lang lang;
	char **labels;		/* per group: label in lang (owned) */
	char **by;		/* per set: group_by value (owned) */
	char **extra;		/* more texts written (owned) */
	size_t nextra;
};

static void
crow_init(struct crow *c, const char *table)
{
	size_t i;

	for (i = 0; i < NK; i++) {
		c->s[i] = NULL;
		c->v[i] = NAN;
	}
	c->s[K_TABLE] = table;
}

/* Rounded to 2 decimals, as the report shows it. */
static double
r2(double x)
{
	return isnan(x) ? NAN : round(x * 100) / 100;
}

static void
crow_put(struct cout *c, const struct crow *row)
{
	size_t i;

	for (i = 0; i < NK; i++)
		if (k_num[i])
			csvio_put_num(&c->w, row->v[i], 15);
		else
			csvio_put(&c->w, row->s[i] != NULL ? row->s[i] : "");
	csvio_end_row(&c->w);
}

static void
crow_group(struct cout *c, struct crow *row, const struct rpt_group *g)
{
	row->s[K_GROUP_BY] = c->by[g->set];
	row->s[K_GROUP] = c->labels[g - c->r->group];
}

static void
crow_scale(struct cout *c, struct crow *row, size_t s)
{
	const struct instrument *ins = c->ins;
	int f = ins->scale[s].parent == -1;

	row->s[K_LEVEL] = f ? "framework" : "scale";
	row->s[K_FRAMEWORK] = ins->scale[f ? s :
	    (size_t)ins->scale[s].parent].name[c->lang];
	row->s[K_SCALE_CODE] = ins->scale[s].code;
	row->s[K_SCALE] = ins->scale[s].name[c->lang];
}

static void
crow_stat(struct cout *c, struct crow *row, const struct rpt_stat *st,
    int band)
{
	const struct instr_band *b;

	row->v[K_N] = st->n;
	row->v[K_MEAN] = r2(st->mean);
	row->v[K_SD] = r2(st->sd);
	row->v[K_CI_LOW] = r2(st->ci_low);
	row->v[K_CI_HIGH] = r2(st->ci_high);
	row->v[K_ALPHA] = r2(st->alpha);
	row->v[K_HIGH_SPREAD] = isnan(st->sd) ? NAN :
	    report_high_spread(c->r, st->sd);
	if (band && (b = report_band(c->r, st->mean)) != NULL)
		row->s[K_BAND] = b->label[c->lang];
}

static void
csv_meta(struct cout *c, const struct render_opts *o)
{
	struct crow row;

	crow_init(&row, "meta");
	row.s[K_KEY] = "title";
	row.s[K_TEXT] = o->title != NULL ? o->title : c->ins->title[c->lang];
	crow_put(c, &row);
	if (o->school != NULL) {
		crow_init(&row, "meta");
		row.s[K_KEY] = "school";
		row.s[K_TEXT] = o->school;
		crow_put(c, &row);
	}
	if (c->r->waves != NULL && c->r->waves->nwave > 0) {
		crow_init(&row, "meta");
		row.s[K_KEY] = "wave";
		row.s[K_TEXT] = c->r->waves->value[c->r->waves->nwave - 1];
		crow_put(c, &row);
	}
	crow_init(&row, "meta");
	row.s[K_KEY] = "instrument";
	row.s[K_TEXT] = c->ins->id;
	crow_put(c, &row);
	crow_init(&row, "meta");
	row.s[K_KEY] = "language";
	row.s[K_TEXT] = c->lang == LANG_NL ? "nl" : "en";
	crow_put(c, &row);
	crow_init(&row, "meta");
	row.s[K_KEY] = "min_group";
	row.v[K_N] = c->r->min_n;
	crow_put(c, &row);
	if (o->generated != NULL) {
		crow_init(&row, "meta");
		row.s[K_KEY] = "generated";
		row.s[K_TEXT] = o->generated;
		crow_put(c, &row);
	}
}

static void
csv_counts(struct cout *c, const struct render_opts *o)
{
	const struct report *r = c->r;
	struct crow row;
	size_t s, i;
	const struct rpt_group *g;
	unsigned long staff;

	for (s = 0; s < r->nset; s++)
		for (i = 0; i < r->set[s].ngroup; i++) {
			g = &r->group[r->set[s].group[i]];
			if (g->suppressed != RPT_SHOWN)
				continue;
			crow_init(&row, "counts");
			crow_group(c, &row, g);
			row.v[K_RESPONDENTS] = (double)g->n;
			if (r->set[s].ncol <= 1 && (staff = staff_for(o,
			    r->set[s].ncol == 0 ? "" :
			    g->key[r->set[s].col[0]])) > 0) {
				row.v[K_STAFF] = (double)staff;
				row.v[K_RESPONSE_PCT] = round(100.0 *
				    (double)g->n / (double)staff);
			}
			crow_put(c, &row);
		}
}

/* Rank of scale s among its siblings in group g (1 = highest mean). */
static double
scale_rank(const struct cout *c, const struct rpt_group *g, size_t s)
{
	const struct instrument *ins = c->ins;
	size_t t;
	double rank = 1, m = mean_of(g, s);

	if (isnan(m) || ins->scale[s].parent == -1)
		return NAN;
	for (t = 0; t < ins->nscale; t++)
		if (ins->scale[t].parent == ins->scale[s].parent &&
		    mean_of(g, t) > m)
			rank++;
	return rank;
}

static void
csv_scales(struct cout *c)
{
	const struct report *r = c->r;
	struct crow row;
	size_t gi, s;
	const struct rpt_group *g;

	for (gi = 0; gi < r->ngroup; gi++) {
		g = &r->group[gi];
		if (g->suppressed != RPT_SHOWN)
			continue;
		for (s = 0; s < c->ins->nscale; s++) {
			if (!g->scale[s].present)
				continue;
			crow_init(&row, "scales");
			crow_group(c, &row, g);
			crow_scale(c, &row, s);
			row.v[K_RESPONDENTS] = (double)g->n;
			crow_stat(c, &row, &g->scale[s], 1);
			row.v[K_RANK] = scale_rank(c, g, s);
			crow_put(c, &row);
		}
	}
}

static void
csv_items(struct cout *c)
{
	const struct report *r = c->r;
	const struct instrument *ins = c->ins;
	struct crow row;
	size_t gi, s, i, n, *order;
	const struct rpt_group *g;
	const struct instr_item *it;

	if (!r->has_items)
		return;
	order = xcalloc(ins->nitem + 1, sizeof(size_t));
	for (gi = 0; gi < r->ngroup; gi++) {
		g = &r->group[gi];
		if (g->suppressed != RPT_SHOWN)
			continue;
		for (s = 0; s < ins->nscale; s++) {
			if (ins->scale[s].parent == -1)
				continue;
			n = report_items_by_mean(r, g, s, order, ins->nitem);
			for (i = 0; i < ins->scale[s].nitem; i++) {
				size_t k, idx = ins->scale[s].item[i];
				if (ins->item[idx].scale != s ||
				    !g->item[idx].present)
					continue;
				it = &ins->item[idx];
				crow_init(&row, "items");
				crow_group(c, &row, g);
				crow_scale(c, &row, s);
				row.s[K_LEVEL] = "item";
				row.s[K_ITEM] = it->code;
				row.s[K_TEXT] = it->text[c->lang];
				row.v[K_RESPONDENTS] = (double)g->n;
				crow_stat(c, &row, &g->item[idx], 0);
				for (k = 0; k < n; k++)
					if (order[k] == idx)
						row.v[K_RANK] = (double)k + 1;
				row.s[K_STATUS] = it->reverse ? "reverse" :
				    NULL;
				crow_put(c, &row);
			}
		}
	}
	free(order);
}

/* Leadership against teachers, and each group against the school. */
static void
csv_differences(struct cout *c)
{
	const struct report *r = c->r;
	const struct instrument *ins = c->ins;
	const struct rpt_group *L = shown_group(r, "role_group", "leader");
	const struct rpt_group *T = shown_group(r, "role_group", "teacher");
	const struct rpt_group *S = total_group(r), *g;
	struct crow row;
	size_t s, gi[256], n, i;

	for (s = 0; L != NULL && T != NULL && s < ins->nscale; s++) {
		if (!L->scale[s].present || !T->scale[s].present ||
		    ins->scale[s].variant)
			continue;
		crow_init(&row, "gaps");
		crow_group(c, &row, L);
		crow_scale(c, &row, s);
		row.v[K_N] = L->scale[s].n;
		row.v[K_MEAN] = r2(L->scale[s].mean);
		row.s[K_COMPARE_GROUP] = c->labels[T - r->group];
		row.v[K_COMPARE_MEAN] = r2(T->scale[s].mean);
		row.v[K_DIFFERENCE] = r2(L->scale[s].mean - T->scale[s].mean);
		row.v[K_CLEAR_GAP] = clear_gap(&L->scale[s], &T->scale[s]);
		crow_put(c, &row);
	}
	if (S == NULL)
		return;
	n = groups_of(r, NULL, gi, 256);
	for (i = 0; i < n; i++) {
		g = &r->group[gi[i]];
		for (s = 0; s < ins->nscale; s++) {
			if (!g->scale[s].present || !S->scale[s].present ||
			    ins->scale[s].variant)
				continue;
			crow_init(&row, "differences");
			crow_group(c, &row, g);
			crow_scale(c, &row, s);
			row.v[K_N] = g->scale[s].n;
			row.v[K_MEAN] = r2(g->scale[s].mean);
			row.s[K_COMPARE_GROUP] = c->labels[S - r->group];
			row.v[K_COMPARE_MEAN] = r2(S->scale[s].mean);
			row.v[K_DIFFERENCE] = r2(g->scale[s].mean -
			    S->scale[s].mean);
			row.v[K_CLEAR_GAP] = clear_gap(&g->scale[s],
			    &S->scale[s]);
			crow_put(c, &row);
		}
	}
}

/* Current against desired (every other variant against the base), per
 * shown group: scales, then statements. */
static void
csv_variants(struct cout *c)
{
	const struct report *r = c->r;
	const struct instrument *ins = c->ins;
	const struct rpt_group *g;
	struct crow row;
	size_t v, gi, s, i;
	long t;
	char *base;

	for (v = 1; v < ins->nvariant; v++) {
		if (!report_has_variant(r, v))
			continue;
		base = rt_variant_name(ins, 0, c->lang);
		for (gi = 0; gi < r->ngroup; gi++) {
			g = &r->group[gi];
			if (g->suppressed != RPT_SHOWN)
				continue;
			for (s = 0; s < ins->nscale; s++) {
				t = report_variant_scale(r, s, v);
				if (ins->scale[s].variant || t < 0 ||
				    !g->scale[s].present ||
				    !g->scale[t].present)
					continue;
				crow_init(&row, "variants");
				row.s[K_KEY] = ins->variant[v].code;
				crow_group(c, &row, g);
				crow_scale(c, &row, s);
				row.v[K_N] = g->scale[t].n;
				row.v[K_MEAN] = r2(g->scale[t].mean);
				row.s[K_COMPARE_GROUP] = base;
				row.v[K_COMPARE_N] = g->scale[s].n;
				row.v[K_COMPARE_MEAN] = r2(g->scale[s].mean);
				row.v[K_DIFFERENCE] = r2(g->scale[t].mean -
				    g->scale[s].mean);
				crow_put(c, &row);
			}
			for (i = 0; r->has_items && i < ins->nitem; i++) {
				t = report_variant_item(r, i, v);
				if (ins->item[i].variant || t < 0 ||
				    !g->item[i].present || !g->item[t].present)
					continue;
				crow_init(&row, "variants");
				row.s[K_KEY] = ins->variant[v].code;
				crow_group(c, &row, g);
				crow_scale(c, &row, ins->item[i].scale);
				row.s[K_LEVEL] = "item";
				row.s[K_ITEM] = ins->item[i].code;
				row.s[K_TEXT] = ins->item[i].text[c->lang];
				row.v[K_N] = g->item[t].n;
				row.v[K_MEAN] = r2(g->item[t].mean);
				row.s[K_COMPARE_GROUP] = base;
				row.v[K_COMPARE_N] = g->item[i].n;
				row.v[K_COMPARE_MEAN] = r2(g->item[i].mean);
				row.v[K_DIFFERENCE] = r2(g->item[t].mean -
				    g->item[i].mean);
				row.s[K_STATUS] = ins->item[i].reverse ?
				    "reverse" : NULL;
				crow_put(c, &row);
			}
		}
		free(base);
	}
}

/* One comparison record: side b (the later wave, the school) in n and
 * mean, side a in compare_n and compare_mean, the difference with its
 * interval in ci_low and ci_high. */
static void
crow_diff(struct cout *c, struct crow *row, const struct rpt_diff *d,
    int ref)
{
	enum cmp_verdict v = compare_verdict(&d->res);
	int ok = d->status == RPT_CMP_OK || ref;

	crow_scale(c, row, d->scale);
	row->v[K_N] = d->n_b;
	row->v[K_MEAN] = ok ? r2(d->mean_b) : NAN;
	row->v[K_COMPARE_N] = d->n_a;
	row->v[K_COMPARE_MEAN] = ok ? r2(d->mean_a) : NAN;
	row->v[K_DIFFERENCE] = r2(d->res.diff);
	row->v[K_CI_LOW] = r2(d->res.ci_low);
	row->v[K_CI_HIGH] = r2(d->res.ci_high);
	row->v[K_EFFECT_SIZE] = r2(d->res.g);
	row->v[K_CLEAR_GAP] = v == CMP_NONE ? NAN : v != CMP_NOISE;
	row->s[K_STATUS] = d->status == RPT_CMP_NO_SCORE ? NULL :
	    d->status != RPT_CMP_OK ? rt(c->lang, RT_NOT_COMPARED) :
	    rt(c->lang, rt_verdict(v, ref));
	if (d->nrank > 0) {
		row->v[K_RANK] = (double)d->rank;
		row->v[K_RANK_OF] = (double)d->nrank;
	}
}

/* The label of group g of report rb in the report's language; the
 * caller's buffer list owns it (freed by csv_cmp_free). */
static const char *
cmp_label(struct cout *c, const struct report *rb, const struct rpt_group *g)
{
	c->extra = xreallocarray(c->extra, c->nextra + 1, sizeof(char *));
	c->extra[c->nextra] = rt_group_label(rb, g, c->lang);
	return c->extra[c->nextra++];
}

/* The columns a group is grouped on, "team+role_group"; kept like
 * cmp_label's. */
static const char *
cmp_by(struct cout *c, const struct report *rb, const struct rpt_group *g)
{
	const struct rpt_set *st = &rb->set[g->set];
	size_t i, len = 1;
	char *s;

	for (i = 0; i < st->ncol; i++)
		len += strlen(rb->bycol[st->col[i]]) + 1;
	s = xcalloc(len, 1);
	for (i = 0; i < st->ncol; i++) {
		if (i > 0)
			strcat(s, "+");
		strcat(s, rb->bycol[st->col[i]]);
	}
	c->extra = xreallocarray(c->extra, c->nextra + 1, sizeof(char *));
	c->extra[c->nextra++] = s;
	return s;
}

/* "LF3f asked in 2026 only" for d's differing statements; kept like
 * cmp_label's. */
static const char *
csv_only_in(struct cout *c, const struct rpt_waves *w,
    const struct rpt_cmp *cm, const struct rpt_diff *d)
{
	char *s = xstrdup(""), *t, *u;
	int side;

	for (side = 0; side < 2; side++) {
		const char *o = side ? d->only_b : d->only_a;
		if (o == NULL)
			continue;
		t = xasprintf(rt(c->lang, RT_ONLY_IN), o,
		    w->value[side ? cm->wb : cm->wa]);
		u = xasprintf("%s%s%s", s, *s ? "; " : "", t);
		free(s);
		free(t);
		s = u;
	}
	c->extra = xreallocarray(c->extra, c->nextra + 1, sizeof(char *));
	c->extra[c->nextra++] = s;
	return s;
}

/* Each wave against the one before, per group and scale; a scale not
 * compared says why in reason. */
static void
csv_waves(struct cout *c)
{
	const struct rpt_waves *w = c->r->waves;
	const struct rpt_cmp *cm;
	const struct rpt_diff *d;
	struct crow row;
	size_t i, k;
	if (w == NULL)
		return;
	for (i = 0; i < w->ncmp; i++) {
		cm = &w->cmp[i];
		for (k = 0; k < cm->ndiff; k++) {
			d = &cm->diff[k];
			crow_init(&row, "waves");
			row.s[K_KEY] = w->value[cm->wb];
			row.s[K_GROUP_BY] = cmp_by(c, cm->rb, cm->gb);
			row.s[K_GROUP] = cmp_label(c, cm->rb, cm->gb);
			row.s[K_COMPARE_GROUP] = w->value[cm->wa];
			crow_diff(c, &row, d, 0);
			if (d->status == RPT_CMP_UNCHECKED)
				row.s[K_REASON] = rt(c->lang,
				    RT_WAVES_UNCHECKED);
			else if (d->status == RPT_CMP_ITEMS_DIFFER)
				row.s[K_REASON] = csv_only_in(c, w, cm, d);
			crow_put(c, &row);
		}
	}
}

/* The school against the reference, per matched group and scale. */
static void
csv_reference(struct cout *c)
{
	const struct rpt_reference *ref = c->r->ref;
	const struct rpt_cmp *cm;
	struct crow row;
	size_t i, k;

	if (ref == NULL)
		return;
	for (i = 0; i < ref->ncmp; i++) {
		cm = &ref->cmp[i];
		if (cm->rb->set[cm->gb->set].ncol == 0 && !ref->total_shown)
			continue;
		for (k = 0; k < cm->ndiff; k++) {
			crow_init(&row, "reference");
			crow_group(c, &row, cm->gb);
			row.s[K_COMPARE_GROUP] = rt(c->lang, RT_COL_REFERENCE);
			crow_diff(c, &row, &cm->diff[k], 1);
			crow_put(c, &row);
		}
	}
}

static void
csv_recommendations(struct cout *c)
{
	const struct rpt_group *g = total_group(c->r);
	const struct rpt_group *L = shown_group(c->r, "role_group", "leader");
	const struct rpt_group *T = shown_group(c->r, "role_group", "teacher");
	struct out x;
	struct crow row;
	size_t pick[256], n, i, s;
	int gap = 0, spread = 0;

	if (g == NULL)
		return;
	memset(&x, 0, sizeof(x));
	x.r = c->r;
	x.ins = c->ins;
	x.lang = c->lang;
	n = pick_recs(&x, g, pick, NRECS);
	for (i = 0; i < n; i++) {
		crow_init(&row, "recommendations");
		crow_group(c, &row, g);
		crow_scale(c, &row, pick[i]);
		crow_stat(c, &row, &g->scale[pick[i]], 1);
		row.v[K_RANK] = (double)i + 1;
		row.s[K_TEXT] = rt_recommendation_tone(c->lang,
		    c->ins->scale[pick[i]].code, tone_of(&x,
		    mean_of(g, pick[i])));
		crow_put(c, &row);
	}
	for (s = 0; s < c->ins->nscale; s++) {
		if (c->ins->scale[s].parent == -1 || c->ins->scale[s].variant)
			continue;
		if (L != NULL && T != NULL &&
		    clear_gap(&L->scale[s], &T->scale[s]))
			gap = 1;
		if (g->scale[s].present &&
		    report_high_spread(c->r, g->scale[s].sd))
			spread = 1;
	}
	if (gap) {
		crow_init(&row, "recommendations");
		row.s[K_LEVEL] = "gap";
		row.s[K_TEXT] = rt(c->lang, RT_REC_GAP);
		crow_put(c, &row);
	}
	if (spread) {
		crow_init(&row, "recommendations");
		row.s[K_LEVEL] = "spread";
		row.s[K_TEXT] = rt(c->lang, RT_REC_SPREAD);
		crow_put(c, &row);
	}
}

static void
csv_suppressed(struct cout *c)
{
	const struct report *r = c->r;
	struct crow row;
	size_t i;

	for (i = 0; i < r->ngroup; i++) {
		if (r->group[i].suppressed == RPT_SHOWN)
			continue;
		crow_init(&row, "suppressed");
		crow_group(c, &row, &r->group[i]);
		row.s[K_STATUS] = rt(c->lang, RT_SUPPRESSED);
		row.s[K_REASON] = rt_suppress_reason(c->lang,
		    r->group[i].suppressed, r->min_n);
		crow_put(c, &row);
	}
}

/* group_by of every set ("" for the whole school, "team+role_group" for
 * several columns) and every group's label. */
static void
csv_labels(struct cout *c)
{
	const struct report *r = c->r;
	size_t s, i, len;

	c->by = xcalloc(r->nset + 1, sizeof(char *));
	for (s = 0; s < r->nset; s++) {
		for (len = 1, i = 0; i < r->set[s].ncol; i++)
			len += strlen(r->bycol[r->set[s].col[i]]) + 1;
		c->by[s] = xcalloc(len, 1);
		for (i = 0; i < r->set[s].ncol; i++) {
			if (i > 0)
				strcat(c->by[s], "+");
			strcat(c->by[s], r->bycol[r->set[s].col[i]]);
		}
	}
	c->labels = xcalloc(r->ngroup + 1, sizeof(char *));
	for (i = 0; i < r->ngroup; i++)
		c->labels[i] = rt_group_label(r, &r->group[i], c->lang);
}

int
render_csv(const struct report *r, const struct render_opts *o, FILE *fp)
{
	struct cout c;
	struct crow head;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ins = r->ins;
	c.lang = o->lang;
	csvio_writer_init(&c.w, fp);
	c.w.delim = o->delim != 0 ? o->delim : ',';
	c.w.decimal_comma = o->decimal_comma;
	c.w.crlf = o->crlf;
	c.w.defang = 1;
	if (o->bom)
		fputs("\xef\xbb\xbf", fp);
	csv_labels(&c);
	for (i = 0; i < NK; i++)
		head.s[i] = k_name[i];
	for (i = 0; i < NK; i++)
		csvio_put(&c.w, head.s[i]);
	csvio_end_row(&c.w);
	csv_meta(&c, o);
	csv_counts(&c, o);
	csv_scales(&c);
	csv_items(&c);
	csv_differences(&c);
	csv_variants(&c);
	csv_waves(&c);
	csv_reference(&c);
	csv_recommendations(&c);
	csv_suppressed(&c);
	for (i = 0; i < r->ngroup; i++)
		free(c.labels[i]);
	for (i = 0; i < r->nset; i++)
		free(c.by[i]);
	for (i = 0; i < c.nextra; i++)
		free(c.extra[i]);
	free(c.labels);
	free(c.by);
	free(c.extra);
	return ferror(fp) ? -1 : 0;
}
