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

/* Markdown: s as one line, after label in bold when there is one. */
static void
m_labelled(const struct out *x, const char *label, const char *s)
{
	if (label != NULL) {
		fputs("**", x->fp);
		m_puts(x, label, 0);
		fputs(":** ", x->fp);
	}
	m_puts(x, s, label == NULL);
	putc('\n', x->fp);
}

/* A paragraph; label (may be NULL) is bold in Markdown. */
static void
para(const struct out *x, const char *label, const char *s)
{
	char *t;

	putc('\n', x->fp);
	if (x->fmt == FMT_MD) {
		m_labelled(x, label, s);
		return;
	}
	t = label != NULL ? xasprintf("%s %s", label, s) : xstrdup(s);
	t_wrap(x, t, 0, 0);
	free(t);
}

/* A paragraph printed with fmt and its arguments (a text of
 * report_text.h that takes any). */
static void
paraf(const struct out *x, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	para(x, NULL, s);
	free(s);
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
		m_labelled(x, label, s);
		return;
	}
	fputs("  - ", x->fp);
	t = label != NULL ? xasprintf("%s: %s", label, s) : xstrdup(s);
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

/* A line under the title, "label: s": a paragraph in Markdown, a line of
 * its own in text. */
static void
title_line(const struct out *x, const char *label, const char *s)
{
	char *t = xasprintf("%s: %s", label, s);

	if (x->fmt == FMT_MD)
		para(x, NULL, t);
	else
		t_wrap(x, t, 0, 0);
	free(t);
}

static void
doc_title(struct out *x)
{
	const struct render_opts *o = x->o;
	const char *wave = report_wave_current(x->r);

	heading(x, 1, o->title != NULL ? o->title : x->ins->title[x->lang]);
	if (o->school != NULL && x->fmt == FMT_MD)
		para(x, rt(x->lang, RT_SCHOOL), o->school);
	else if (o->school != NULL)
		title_line(x, rt(x->lang, RT_SCHOOL), o->school);
	if (wave != NULL)
		title_line(x, rt_column_name(x->lang, x->r->waves->col), wave);
	if (o->generated != NULL)
		title_line(x, rt(x->lang, RT_GENERATED), o->generated);
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
				lab = rt_set_label(r, &r->set[s], x->lang);
				tbl_set(t, row, 0, lab);
				free(lab);
			}
			first = 0;
			lab = rt_group_values(r, g, x->lang);
			tbl_set(t, row, 1, lab);
			free(lab);
			snprintf(buf, sizeof(buf), "%lu", g->n);
			tbl_set(t, row, 2, buf);
			if (ncol == 5 && (staff = report_staff(r, g,
			    o->staff_group, o->staff_n, o->nstaff)) > 0) {
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
		tbl_set(t, row, 1, rt_num2(buf, sizeof(buf), st->mean));
		tbl_set(t, row, 2, rt_num2(buf, sizeof(buf), st->sd));
		snprintf(buf, sizeof(buf), "%.0f", isnan(st->n) ? 0 : st->n);
		tbl_set(t, row, text ? C_N : M_N, buf);
		tbl_set(t, row, text ? C_BAND : M_BAND, rt_band_label(x->r,
		    st->mean, x->lang));
		tbl_at(t, row, text ? C_BAND : M_BAND)->tone = rt_tone_of(x->r,
		    st->mean);
		if (report_high_spread(x->r, st->sd)) {
			spread_any = 1;
			tbl_set(t, row, text ? C_MARK : M_NOTE, text ? "*" :
			    rt(x->lang, RT_HIGH_SPREAD_SHORT));
		}
		if (text && !isnan(st->mean) && range > 0) {
			tbl_at(t, row, C_BAR)->bar = (st->mean - ins->min) /
			    range;
			tbl_at(t, row, C_BAR)->tone = rt_tone_of(x->r,
			    st->mean);
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
		if (!report_base_framework(x->r, f))
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
	size_t best, worst;
	char b1[64], b2[64], *s1, *s2, *t;

	if (!report_strongest_weakest(x->r, g, f, &best, &worst))
		return;
	s1 = xasprintf("%s (%s)", x->ins->scale[best].name[x->lang],
	    rt_num2(b1, sizeof(b1), report_mean(g, best)));
	s2 = xasprintf("%s (%s)", x->ins->scale[worst].name[x->lang],
	    rt_num2(b2, sizeof(b2), report_mean(g, worst)));
	t = xasprintf(rt(x->lang, RT_STRONGEST_WEAKEST), s1, s2);
	para(x, NULL, t);
	free(t);
	free(s1);
	free(s2);
}

/* The text of item i with the reverse mark after it when it is
 * reverse-worded; caller frees. */
static char *
item_text(const struct out *x, size_t i)
{
	const struct instr_item *it = &x->ins->item[i];

	return xasprintf("%s%s%s", it->text[x->lang], it->reverse ? " " : "",
	    it->reverse ? rt(x->lang, RT_REVERSE_MARK) : "");
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
			tbl_set(tb, row, 0, rt_num2(buf, sizeof(buf),
			    g->item[it[i]].mean));
			tbl_set(tb, row, 1, item->code);
			t = item_text(x, it[i]);
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
		const char *sgr = x->color ? tone_sgr(rt_tone_of(x->r, m)) :
		    NULL;
		fputs("  ", x->fp);
		if (sgr != NULL)
			fputs(sgr, x->fp);
		fputs(rt_num2(buf, sizeof(buf), m), x->fp);
		if (sgr != NULL)
			fputs("\033[0m", x->fp);
		fprintf(x->fp, "  %-*s  ", (int)cw, code);
		t = item_text(x, it[i]);
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
	struct rpt_high_low hl;
	int reverse_seen = 0;

	if (!x->r->has_items) {
		if (!x->said_no_items)
			para(x, NULL, rt(x->lang, RT_NO_ITEMS));
		x->said_no_items = 1;
		return;
	}
	if (report_high_low(x->r, g, f, &hl) == 0)
		return;
	doc_item_list(x, g, RT_H_ITEMS_HIGH, hl.high, hl.nhigh,
	    &reverse_seen);
	if (hl.nlow > 0)
		doc_item_list(x, g, RT_H_ITEMS_LOW, hl.low, hl.nlow,
		    &reverse_seen);
	if (reverse_seen)
		para(x, NULL, rt(x->lang, RT_REVERSE_NOTE));
}

static void
doc_frameworks(struct out *x)
{
	const struct rpt_group *g = report_total(x->r);
	size_t f;

	if (g == NULL) {
		para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		return;
	}
	if (x->fmt == FMT_TEXT)
		bar_width(x, g);
	for (f = 0; f < x->ins->nscale; f++) {
		if (!report_base_framework(x->r, f))
			continue;
		heading(x, 2, x->ins->scale[f].name[x->lang]);
		table(x, scale_table(x, g, f));
		doc_extremes(x, g, f);
		doc_items(x, g, f);
	}
}

/* Cell c of row: a mean, in its band's colour in text. */
static void
mean_cell(const struct out *x, struct tbl *t, size_t row, size_t c,
    double mean)
{
	char buf[32];

	tbl_set(t, row, c, rt_num2(buf, sizeof(buf), mean));
	tbl_at(t, row, c)->tone = rt_tone_of(x->r, mean);
}

/* A new row of t for base scale s, named in its first cell. */
static size_t
scale_row(const struct out *x, struct tbl *t, size_t s)
{
	size_t row = tbl_row(t);

	tbl_set(t, row, 0, x->ins->scale[s].name[x->lang]);
	return row;
}

/* Leadership against teachers, per scale. */
static void
doc_gap(struct out *x)
{
	const struct rpt_group *L, *T;
	int text = x->fmt == FMT_TEXT, any = 0, clear;
	size_t s, row;
	struct tbl *t;
	char buf[64];
	double d;

	heading(x, 3, rt(x->lang, RT_H_GAP));
	if (!report_gap_groups(x->r, &L, &T)) {
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
	for (s = 0; s < x->ins->nscale; s++) {
		if (!report_base_scale(x->r, s))
			continue;
		row = scale_row(x, t, s);
		mean_cell(x, t, row, 1, report_mean(L, s));
		mean_cell(x, t, row, 2, report_mean(T, s));
		d = report_mean(L, s) - report_mean(T, s);
		clear = report_clear_gap(&L->scale[s], &T->scale[s]);
		any |= clear;
		tbl_set(t, row, 3, rt_diff2(buf, sizeof(buf), d));
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

/* One column of means per team. */
static void
doc_teams(struct out *x)
{
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char **labs;

	if (report_find_set(x->r, "team") < 0)
		return;
	heading(x, 3, rt(x->lang, RT_H_TEAMS));
	if ((n = report_shown_groups(x->r, "team", gi, 256)) == 0) {
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
	for (s = 0; s < x->ins->nscale; s++) {
		if (!report_base_scale(x->r, s))
			continue;
		row = scale_row(x, t, s);
		for (i = 0; i < n; i++)
			mean_cell(x, t, row, i + 1, report_mean(&x->r->group[
			    gi[i]], s));
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
	const struct rpt_group *S = report_total(x->r), *g;
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char buf[64], **labs;

	if (S == NULL || (n = report_shown_groups(x->r, NULL, gi, 256)) == 0)
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
	for (s = 0; s < x->ins->nscale; s++) {
		if (!report_base_scale(x->r, s))
			continue;
		row = scale_row(x, t, s);
		mean_cell(x, t, row, 1, report_mean(S, s));
		for (i = 0; i < n; i++) {
			g = &x->r->group[gi[i]];
			tbl_set(t, row, i + 2, rt_diff2(buf, sizeof(buf),
			    report_mean(g, s) - report_mean(S, s)));
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
	size_t s, i, n, sc, row, *gi;
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
		labs[n] = rt_set_label(r, &r->set[s], x->lang);
		h = xasprintf("%s: %s", rt(x->lang, RT_H_CROSS), labs[n]);
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
			labs[i] = rt_group_values(r, &r->group[gi[i]],
			    x->lang);
			tbl_col(t, i + 1, labs[i], 1);
		}
		row = tbl_row(t);
		tbl_set(t, row, 0, rt(x->lang, RT_COL_RESPONDENTS));
		for (i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "%lu", r->group[gi[i]].n);
			tbl_set(t, row, i + 1, buf);
		}
		for (sc = 0; sc < x->ins->nscale; sc++) {
			if (!report_base_scale(r, sc))
				continue;
			row = scale_row(x, t, sc);
			for (i = 0; i < n; i++)
				mean_cell(x, t, row, i + 1, report_mean(
				    &r->group[gi[i]], sc));
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

/* "[+0.05, +1.06]", or an en dash without an interval. */
static const char *
fmt_ci(char *buf, size_t size, const struct cmp_result *c)
{
	char a[24], b[24];

	if (isnan(c->ci_low) || isnan(c->ci_high))
		return "\xe2\x80\x93";
	snprintf(buf, size, "[%s, %s]", rt_diff2(a, sizeof(a), c->ci_low),
	    rt_diff2(b, sizeof(b), c->ci_high));
	return buf;
}

/* A difference with "*" when its interval excludes 0, "–" when not
 * compared. */
static const char *
fmt_starred(char *buf, size_t size, const struct rpt_diff *d)
{
	char t[32];

	if (d->status != RPT_CMP_OK || isnan(d->res.diff))
		return "\xe2\x80\x93";
	snprintf(buf, size, "%s%s", rt_diff2(t, sizeof(t), d->res.diff),
	    report_diff_clear(d) ? "*" : "");
	return buf;
}

/* A table of one difference per scale (rows) and group (columns) for the
 * comparisons c[0..n) other than the whole school's. */
static void
cmp_group_table(struct out *x, const struct rpt_cmp *c, size_t n,
    enum rt_msg head, enum rt_msg legend)
{
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
		if (!report_base_scale(x->r, c[0].diff[k].scale))
			continue;
		row = scale_row(x, t, c[0].diff[k].scale);
		for (i = 0; i < ng; i++)
			tbl_set(t, row, i + 1, fmt_starred(buf, sizeof(buf),
			    &c[gi[i]].diff[k]));
	}
	t->legend[t->nlegend++] = rt(x->lang, legend);
	table(x, t);
	free(gi);
}

/* ---- current and desired ---- */

/* Text: one statement a line, "+1.84  2.43 → 4.27  OC5  The school ...",
 * wrapped under its text. */
static void
variant_item_lines(struct out *x, const struct rpt_group *g, size_t v,
    const size_t *it, size_t n, const char *na, const char *nb)
{
	const struct instrument *ins = x->ins;
	size_t i, cw = 0, ind;
	char b1[32], b2[32], b3[32], *code, *t;
	int rev = 0;

	for (i = 0; i < n; i++)
		if (strlen(ins->item[it[i]].code) > cw)
			cw = strlen(ins->item[it[i]].code);
	paraf(x, "%s \xe2\x86\x92 %s", na, nb);
	for (i = 0; i < n; i++) {
		code = clean_dup(ins->item[it[i]].code);
		fprintf(x->fp, "  %5s  %s \xe2\x86\x92 %s  %-*s  ",
		    rt_diff2(b1, sizeof(b1), report_variant_item_gap(x->r, g,
		    it[i], v)), rt_num2(b2, sizeof(b2),
		    report_variant_item_mean(x->r, g, it[i], 0)),
		    rt_num2(b3, sizeof(b3), report_variant_item_mean(x->r, g,
		    it[i], v)), (int)cw, code);
		ind = 2 + 5 + 2 + 4 + 3 + 4 + 2 + cw + 2;
		t = item_text(x, it[i]);
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
	int rev = 0;

	n = report_items_by_gap(x->r, g, v, it);
	if (n > RPT_NVARITEMS)
		n = RPT_NVARITEMS;
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
		row = tbl_row(t);
		tbl_set(t, row, 0, rt_diff2(buf, sizeof(buf),
		    report_variant_item_gap(x->r, g, it[i], v)));
		tbl_set(t, row, 1, rt_num2(buf, sizeof(buf),
		    report_variant_item_mean(x->r, g, it[i], 0)));
		tbl_set(t, row, 2, rt_num2(buf, sizeof(buf),
		    report_variant_item_mean(x->r, g, it[i], v)));
		tbl_set(t, row, 3, ins->item[it[i]].code);
		s = item_text(x, it[i]);
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
	size_t gi[256], n, i, s, row;
	struct tbl *t;
	char buf[64], *lab;

	if ((n = report_shown_groups(x->r, NULL, gi, 256)) == 0)
		return;
	heading(x, 3, rt(x->lang, RT_H_VARIANT_GROUPS));
	t = tbl_new(n + 1);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	for (i = 0; i < n; i++) {
		lab = rt_group_label(x->r, &x->r->group[gi[i]], x->lang);
		tbl_col(t, i + 1, lab, 1);
		free(lab);
	}
	for (s = 0; s < x->ins->nscale; s++) {
		if (!report_base_scale(x->r, s))
			continue;
		row = scale_row(x, t, s);
		for (i = 0; i < n; i++)
			tbl_set(t, row, i + 1, rt_diff2(buf, sizeof(buf),
			    report_variant_gap(x->r, &x->r->group[gi[i]], s,
			    v)));
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

	heading(x, 3, x->ins->scale[f].name[x->lang]);
	n = report_children(x->r, f, kids, 255);
	kids[n++] = f;
	t = tbl_new(4);
	tbl_col(t, 0, rt(x->lang, RT_COL_SCALE), 0);
	tbl_col(t, 1, na, 1);
	tbl_col(t, 2, nb, 1);
	tbl_col(t, 3, rt(x->lang, RT_COL_GAP), 1);
	for (i = 0; i < n; i++) {
		row = tbl_row(t);
		tbl_set(t, row, 0, kids[i] == f ? rt(x->lang,
		    RT_FRAMEWORK_TOTAL) : x->ins->scale[kids[i]].name[x->lang]);
		mean_cell(x, t, row, 1, report_variant_mean(x->r, g, kids[i],
		    0));
		mean_cell(x, t, row, 2, report_variant_mean(x->r, g, kids[i],
		    v));
		tbl_set(t, row, 3, rt_diff2(buf, sizeof(buf),
		    report_variant_gap(x->r, g, kids[i], v)));
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

	n = report_scales_by_gap(x->r, g, v, sc);
	for (i = 0; i < n && i < RPT_NVARSCALES; i++) {
		t = xasprintf("%s%s%s (%s)", s, i > 0 ? ", " : "",
		    x->ins->scale[sc[i]].name[x->lang], rt_diff2(buf,
		    sizeof(buf), report_variant_gap(x->r, g, sc[i], v)));
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
	const struct rpt_group *g = report_total(x->r);
	size_t v, f;
	char *na, *nb, *h, *t;

	for (v = 1; v < ins->nvariant; v++) {
		if (!report_has_variant(x->r, v))
			continue;
		na = rt_variant_name(ins, 0, x->lang);
		nb = rt_variant_name(ins, v, x->lang);
		h = xasprintf(rt(x->lang, RT_H_VARIANTS), na,
		    ins->variant[v].name[x->lang]);
		heading(x, 2, h);
		free(h);
		if (g == NULL)
			para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		else {
			paraf(x, rt(x->lang, RT_VARIANT_EXPLAIN),
			    ins->variant[v].name[x->lang],
			    ins->variant[0].name[x->lang]);
			t = largest_gaps(x, g, v);
			if (*t != '\0')
				paraf(x, rt(x->lang, RT_VARIANT_LARGEST), t);
			free(t);
			for (f = 0; f < ins->nscale; f++)
				if (report_base_framework(x->r, f))
					variant_framework(x, g, v, f, na, nb);
			variant_items(x, g, v, na, nb);
		}
		variant_groups(x, v);
		free(na);
		free(nb);
	}
}

/* ---- waves ---- */

/* The whole school's comparison c, one table per framework (its name
 * heads the first column): for waves (w given) both means, the change, its
 * interval, g and the verdict; for the reference also the rank. */
static void
cmp_tables(struct out *x, const struct rpt_waves *w,
    const struct rpt_reference *ref, const struct rpt_cmp *c)
{
	size_t f, kids[256], n, i, row, col;
	struct tbl *t;
	char buf[64];
	const char *verdict;
	const struct rpt_diff *d;
	int rank = ref != NULL && ref->school_set >= 0, ok;

	for (f = 0; f < x->ins->nscale; f++) {
		if (!report_base_framework(x->r, f))
			continue;
		n = report_children(x->r, f, kids, 255);
		kids[n++] = f;
		t = tbl_new(rank ? 8 : 7);
		tbl_col(t, 0, x->ins->scale[f].name[x->lang], 0);
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
			if ((d = report_cmp_diff(c, kids[i])) == NULL)
				continue;
			row = tbl_row(t);
			tbl_set(t, row, 0, kids[i] == f ? rt(x->lang,
			    RT_FRAMEWORK_TOTAL) :
			    x->ins->scale[kids[i]].name[x->lang]);
			/* means of waves that asked other statements are
			 * not set side by side */
			ok = d->status == RPT_CMP_OK || w == NULL;
			col = w != NULL ? 1 : 2;	/* side a's column */
			tbl_set(t, row, col, rt_num2(buf, sizeof(buf), ok ?
			    d->mean_a : NAN));
			tbl_set(t, row, 3 - col, rt_num2(buf, sizeof(buf), ok ?
			    d->mean_b : NAN));
			tbl_set(t, row, 3, rt_diff2(buf, sizeof(buf),
			    d->res.diff));
			tbl_set(t, row, 4, fmt_ci(buf, sizeof(buf), &d->res));
			tbl_set(t, row, 5, rt_diff2(buf, sizeof(buf),
			    d->res.g));
			verdict = rt_diff_verdict(x->lang, d, w == NULL);
			tbl_set(t, row, 6, verdict != NULL ? verdict :
			    "\xe2\x80\x93");
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

	for (k = 0; k < c->ndiff; k++) {
		if (c->diff[k].status != RPT_CMP_ITEMS_DIFFER)
			continue;
		t = xasprintf("%s%s%s", names, *names ? ", " : "",
		    x->ins->scale[c->diff[k].scale].name[x->lang]);
		free(names);
		names = t;
	}
	if (report_cmp_unchecked(c))
		para(x, NULL, rt(x->lang, RT_WAVES_UNCHECKED));
	if (*names != '\0') {
		why = rt_waves_differ_why(x->lang, w, c);
		paraf(x, rt(x->lang, RT_WAVES_DIFFER), why, names);
		free(why);
	}
	free(names);
}

/* The heading of the pair of waves (wa, wb). */
static void
wave_pair(struct out *x, const struct rpt_waves *w, size_t wa, size_t wb)
{
	char *h = xasprintf(rt(x->lang, RT_H_WAVE_PAIR), w->value[wb],
	    w->value[wa]);

	heading(x, 3, h);
	free(h);
}

/* Groups of the pair (wa, wb) left out, by label. */
static void
wave_skipped(struct out *x, const struct rpt_waves *w, size_t wa, size_t wb)
{
	char *names = rt_waves_skipped(x->lang, w, wa, wb);

	if (*names != '\0')
		paraf(x, rt(x->lang, RT_WAVES_SKIPPED), x->r->min_n, names);
	free(names);
}

static void
doc_waves(struct out *x)
{
	const struct rpt_waves *w = x->r->waves;
	const struct rpt_cmp *c, *tot;
	size_t i, j;

	if (w == NULL || w->nwave == 0)
		return;
	heading(x, 2, rt(x->lang, RT_H_WAVES));
	if (w->nwave == 1) {
		paraf(x, rt(x->lang, RT_WAVES_ONE), w->value[0]);
		return;
	}
	paraf(x, rt(x->lang, RT_WAVE_OF_REPORT), report_wave_current(x->r));
	for (i = 0; i < w->ncmp; i = j) {
		c = &w->cmp[i];
		j = report_wave_pair_end(w, i);
		wave_pair(x, w, c->wa, c->wb);
		if ((tot = report_cmp_whole(c, j - i)) != NULL &&
		    report_cmp_unchecked(tot)) {
			para(x, NULL, rt(x->lang, RT_WAVES_UNCHECKED));
			continue;
		}
		if (tot != NULL) {
			cmp_tables(x, w, NULL, tot);
			paraf(x, rt(x->lang, RT_WAVES_EXPLAIN),
			    w->value[c->wb], w->value[c->wa]);
			wave_notes(x, w, tot);
		} else
			para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		cmp_group_table(x, c, j - i, RT_H_WAVE_GROUPS,
		    RT_WAVE_GROUPS_EXPLAIN);
		wave_skipped(x, w, c->wa, c->wb);
	}
	for (i = 0; i < w->nskip; i++)	/* pairs with no group at all */
		if (report_wave_skip_alone(w, i)) {
			wave_pair(x, w, w->skip[i].wa, w->skip[i].wb);
			wave_skipped(x, w, w->skip[i].wa, w->skip[i].wb);
		}
}

/* ---- the reference ---- */

static void
doc_reference(struct out *x)
{
	const struct rpt_reference *ref = x->r->ref;
	const struct rpt_cmp *tot;

	if (ref == NULL)
		return;
	heading(x, 2, rt(x->lang, RT_H_REFERENCE));
	if (ref->own >= 0 && x->o->school != NULL)
		paraf(x, rt(x->lang, RT_REF_OWN_REMOVED), x->o->school);
	tot = report_cmp_whole(ref->cmp, ref->ncmp);
	if (tot == NULL || !ref->total_shown)
		paraf(x, rt(x->lang, RT_REF_NOT_SHOWN), x->r->min_n);
	else {
		paraf(x, rt(x->lang, RT_REF_ABOUT), tot->n_a);
		cmp_tables(x, NULL, ref, tot);
		para(x, NULL, rt(x->lang, RT_REF_EXPLAIN));
		if (ref->school_set >= 0)
			paraf(x, rt(x->lang, RT_REF_SCHOOLS), ref->nschools,
			    x->r->min_n);
	}
	if (ref->ncmp > 0)
		cmp_group_table(x, ref->cmp, ref->ncmp, RT_H_REFERENCE_GROUPS,
		    RT_REF_GROUPS_EXPLAIN);
	if (ref->nsplit_fail > 0)
		para(x, NULL, rt(x->lang, RT_REF_SPLIT_FAIL));
}

/* ---- recommendations ---- */

static void
doc_recommendations(struct out *x)
{
	const struct instrument *ins = x->ins;
	const struct rpt_group *g = report_total(x->r), *L, *T;
	size_t pick[RPT_NRECS], n, i, s, gaps[RPT_NGAPRECS], ng;
	char buf[64], *lab;
	double m;
	int first;

	heading(x, 2, rt(x->lang, RT_H_RECOMMENDATIONS));
	if (g == NULL) {
		para(x, NULL, rt(x->lang, RT_NO_TOTAL));
		return;
	}
	n = report_pick_recs(x->r, g, x->lang, pick);
	para(x, NULL, rt(x->lang, n == 0 ? RT_NO_RECOMMENDATIONS :
	    RT_REC_INTRO));
	for (i = 0; i < n; i++) {
		m = report_mean(g, pick[i]);
		lab = xasprintf("%s (%s, %s)",
		    ins->scale[pick[i]].name[x->lang], rt_band_label(x->r, m,
		    x->lang), rt_num2(buf, sizeof(buf), m));
		bullet(x, lab, rt_recommendation_tone(x->lang,
		    ins->scale[pick[i]].code, rt_tone_of(x->r, m)), i == 0);
		free(lab);
	}
	if ((ng = report_gap_recs(x->r, gaps)) > 0) {
		report_gap_groups(x->r, &L, &T);
		para(x, NULL, rt(x->lang, RT_GAPS_INTRO));
		for (i = 0; i < ng; i++) {
			lab = xasprintf("%s (%s)", ins->scale[gaps[i]].
			    name[x->lang], rt_diff2(buf, sizeof(buf),
			    report_mean(L, gaps[i]) - report_mean(T,
			    gaps[i])));
			bullet(x, NULL, lab, i == 0);
			free(lab);
		}
		para(x, NULL, rt(x->lang, RT_REC_GAP));
	}
	first = 1;
	for (s = 0; s < ins->nscale; s++) {
		if (!report_spread_rec(x->r, g, s))
			continue;
		if (first)
			para(x, NULL, rt(x->lang, RT_SPREAD_INTRO));
		lab = xasprintf("%s (sd %s)", ins->scale[s].name[x->lang],
		    rt_num2(buf, sizeof(buf), g->scale[s].sd));
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
	t = xasprintf(rt(x->lang, RT_ANON_RULE), r->min_n);
	para(x, NULL, t);
	free(t);
	if (report_nhidden(r) == 0) {
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
	enum rt_msg note[RT_NREADING];
	size_t i, n;
	char *t;

	heading(x, 2, rt(x->lang, RT_H_READING));
	paraf(x, rt(x->lang, RT_DEF_SCALE), ins->min, ins->max);
	if (ins->nband > 0)
		para(x, NULL, rt(x->lang, RT_DEF_BANDS));
	for (i = 0; i < ins->nband; i++) {
		t = rt_band_def(ins, i, x->lang);
		bullet(x, NULL, t, i == 0);
		free(t);
	}
	paraf(x, rt(x->lang, RT_DEF_SPREAD), 0.25 * (ins->max - ins->min));
	n = rt_reading_notes(x->r, note);
	for (i = 0; i < n; i++)
		para(x, NULL, rt(x->lang, note[i]));
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
	if (report_wave_current(c->r) != NULL) {
		crow_init(&row, "meta");
		row.s[K_KEY] = "wave";
		row.s[K_TEXT] = report_wave_current(c->r);
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
			if ((staff = report_staff(r, g, o->staff_group,
			    o->staff_n, o->nstaff)) > 0) {
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
	double rank = 1, m = report_mean(g, s);

	if (isnan(m) || ins->scale[s].parent == -1)
		return NAN;
	for (t = 0; t < ins->nscale; t++)
		if (ins->scale[t].parent == ins->scale[s].parent &&
		    report_mean(g, t) > m)
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

/* Rows of table comparing each scale of g with the same scale of other:
 * g's n and mean, other's mean, the difference and whether the gap is
 * clear. */
static void
csv_gaps(struct cout *c, const char *table, const struct rpt_group *g,
    const struct rpt_group *other)
{
	const struct rpt_stat *a, *b;
	struct crow row;
	size_t s;

	for (s = 0; s < c->ins->nscale; s++) {
		a = &g->scale[s];
		b = &other->scale[s];
		if (!a->present || !b->present || c->ins->scale[s].variant)
			continue;
		crow_init(&row, table);
		crow_group(c, &row, g);
		crow_scale(c, &row, s);
		row.v[K_N] = a->n;
		row.v[K_MEAN] = r2(a->mean);
		row.s[K_COMPARE_GROUP] = c->labels[other - c->r->group];
		row.v[K_COMPARE_MEAN] = r2(b->mean);
		row.v[K_DIFFERENCE] = r2(a->mean - b->mean);
		row.v[K_CLEAR_GAP] = report_clear_gap(a, b);
		crow_put(c, &row);
	}
}

/* Leadership against teachers, and each group against the school. */
static void
csv_differences(struct cout *c)
{
	const struct report *r = c->r;
	const struct rpt_group *L, *T, *S = report_total(r);
	size_t gi[256], n, i;

	if (report_gap_groups(r, &L, &T))
		csv_gaps(c, "gaps", L, T);
	if (S == NULL)
		return;
	n = report_shown_groups(r, NULL, gi, 256);
	for (i = 0; i < n; i++)
		csv_gaps(c, "differences", &r->group[gi[i]], S);
}

/* Write row: variant v (stat b) against the base (a, named base). */
static void
crow_variant(struct cout *c, struct crow *row, size_t v, const char *base,
    const struct rpt_stat *a, const struct rpt_stat *b)
{
	row->s[K_KEY] = c->ins->variant[v].code;
	row->v[K_N] = b->n;
	row->v[K_MEAN] = r2(b->mean);
	row->s[K_COMPARE_GROUP] = base;
	row->v[K_COMPARE_N] = a->n;
	row->v[K_COMPARE_MEAN] = r2(a->mean);
	row->v[K_DIFFERENCE] = r2(b->mean - a->mean);
	crow_put(c, row);
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
				crow_group(c, &row, g);
				crow_scale(c, &row, s);
				crow_variant(c, &row, v, base, &g->scale[s],
				    &g->scale[t]);
			}
			for (i = 0; r->has_items && i < ins->nitem; i++) {
				t = report_variant_item(r, i, v);
				if (ins->item[i].variant || t < 0 ||
				    !g->item[i].present || !g->item[t].present)
					continue;
				crow_init(&row, "variants");
				crow_group(c, &row, g);
				crow_scale(c, &row, ins->item[i].scale);
				row.s[K_LEVEL] = "item";
				row.s[K_ITEM] = ins->item[i].code;
				row.s[K_TEXT] = ins->item[i].text[c->lang];
				row.s[K_STATUS] = ins->item[i].reverse ?
				    "reverse" : NULL;
				crow_variant(c, &row, v, base, &g->item[i],
				    &g->item[t]);
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
	row->s[K_STATUS] = rt_diff_verdict(c->lang, d, ref);
	if (d->nrank > 0) {
		row->v[K_RANK] = (double)d->rank;
		row->v[K_RANK_OF] = (double)d->nrank;
	}
}

/* Keep s (a string written in a row) until the end; returns it. */
static const char *
keep(struct cout *c, char *s)
{
	c->extra = xreallocarray(c->extra, c->nextra + 1, sizeof(char *));
	c->extra[c->nextra++] = s;
	return s;
}

/* The columns set st groups on, "team+role_group" ("" for the whole
 * school); caller frees. */
static char *
by_cols(const struct report *r, const struct rpt_set *st)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < st->ncol; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? "+" : "",
		    r->bycol[st->col[i]]);
		free(s);
		s = t;
	}
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
			row.s[K_GROUP_BY] = keep(c, by_cols(cm->rb,
			    &cm->rb->set[cm->gb->set]));
			row.s[K_GROUP] = keep(c, rt_group_label(cm->rb, cm->gb,
			    c->lang));
			row.s[K_COMPARE_GROUP] = w->value[cm->wa];
			crow_diff(c, &row, d, 0);
			if (d->status == RPT_CMP_UNCHECKED)
				row.s[K_REASON] = rt(c->lang,
				    RT_WAVES_UNCHECKED);
			else if (d->status == RPT_CMP_ITEMS_DIFFER)
				row.s[K_REASON] = keep(c, rt_only_in(c->lang,
				    w, cm, d->only_a, d->only_b));
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
	const struct rpt_group *g = report_total(c->r);
	struct crow row;
	size_t pick[RPT_NRECS], gaps[RPT_NGAPRECS], n, i, s;
	int spread = 0;

	if (g == NULL)
		return;
	n = report_pick_recs(c->r, g, c->lang, pick);
	for (i = 0; i < n; i++) {
		crow_init(&row, "recommendations");
		crow_group(c, &row, g);
		crow_scale(c, &row, pick[i]);
		crow_stat(c, &row, &g->scale[pick[i]], 1);
		row.v[K_RANK] = (double)i + 1;
		row.s[K_TEXT] = rt_recommendation_tone(c->lang,
		    c->ins->scale[pick[i]].code, rt_tone_of(c->r,
		    report_mean(g, pick[i])));
		crow_put(c, &row);
	}
	for (s = 0; s < c->ins->nscale; s++)
		spread |= report_spread_rec(c->r, g, s);
	if (report_gap_recs(c->r, gaps) > 0) {
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
	size_t s, i;

	c->by = xcalloc(r->nset + 1, sizeof(char *));
	for (s = 0; s < r->nset; s++)
		c->by[s] = by_cols(r, &r->set[s]);
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
