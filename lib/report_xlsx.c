/* report_xlsx.c -- the report as an XLSX workbook (libxlsxwriter): a
 * responses sheet, one sheet per framework with a column block per group
 * and a native bar chart (plus a radar chart where a framework has five or
 * more scales), and a sheet of statements with their answer counts.
 * Numbers are numeric cells; text from the input is only ever written as
 * strings (never formulas), and chart names point at cells for the same
 * reason.  Suppressed groups are left out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "diag.h"
#include "render.h"
#include "report_text.h"
#include "xalloc.h"

/* ==== texts report_text.h does not have ==== */

enum xmsg {
	X_SHEET_ITEMS,		/* sheet name of the statements */
	X_AXIS_MEAN,		/* %g, %s, %g, %s */
	X_REVERSE,		/* column head: reverse-worded */
	X_ANSWERS,		/* heading over the answer counts */
	X_MEANS,		/* heading over the group means */
	NXMSG
};

static const char *const xtext[NXMSG][NLANG] = {
	[X_SHEET_ITEMS] = { "Uitspraken", "Statements" },
	[X_AXIS_MEAN] = { "Gemiddelde (%g = %s, %g = %s)",
	    "Mean (%g = %s, %g = %s)" },
	[X_REVERSE] = { "Omgekeerd gesteld", "Reverse-worded" },
	[X_ANSWERS] = { "Aantal antwoorden (zoals gegeven)",
	    "Answer counts (as answered)" },
	[X_MEANS] = { "Gemiddelde per groep", "Mean per group" },
};

/* ==== context ==== */

struct xctx {
	lxw_workbook *wb;
	const struct report *r;
	const struct instrument *ins;
	const struct render_opts *o;
	enum lang lang;
	size_t *grp;		/* shown groups: whole school, then sets */
	size_t ngrp;
	char **names;		/* sheet names in use (owned) */
	size_t nnames;
	lxw_format *title, *bold, *head, *headc, *wrap, *note, *num2, *int0;
	lxw_format *pct, *tone[4];
};

static const char *
T(const struct xctx *x, enum rt_msg id)
{
	return rt(x->lang, id);
}

static const char *
X(const struct xctx *x, enum xmsg id)
{
	return xtext[id][x->lang];
}

static const char *
scale_name(const struct xctx *x, size_t s)
{
	return rt_scale_name(x->ins, s, x->lang);
}

/* A number, or nothing when there is none (an empty cell, not "nan"). */
static void
put_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
    lxw_format *f)
{
	if (!isnan(v) && !isinf(v))
		worksheet_write_number(ws, row, col, v, f);
}

/* A string, possibly from the input: write_string stores it as text, so
 * "=1+1" or "@cmd" is never evaluated. */
static void
put_str(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
    lxw_format *f)
{
	if (s != NULL && *s != '\0')
		worksheet_write_string(ws, row, col, s, f);
}

static lxw_format *
fmt_new(struct xctx *x, int bold, const char *num, lxw_color_t bg)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (bold)
		format_set_bold(f);
	if (num != NULL)
		format_set_num_format(f, num);
	if (bg != 0) {
		format_set_bg_color(f, bg);
		format_set_pattern(f, LXW_PATTERN_SOLID);
	}
	return f;
}

static void
formats(struct xctx *x)
{
	x->title = fmt_new(x, 1, NULL, 0);
	format_set_font_size(x->title, 14);
	x->bold = fmt_new(x, 1, NULL, 0);
	x->head = fmt_new(x, 1, NULL, 0xF3F5F7);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_BOTTOM);
	x->headc = fmt_new(x, 1, NULL, 0xE6EAEE);
	format_set_align(x->headc, LXW_ALIGN_CENTER);
	format_set_border(x->headc, LXW_BORDER_THIN);
	x->wrap = fmt_new(x, 0, NULL, 0);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->note = fmt_new(x, 0, NULL, 0);
	format_set_italic(x->note);
	format_set_font_color(x->note, 0x57606A);
	x->num2 = fmt_new(x, 0, "0.00", 0);
	x->int0 = fmt_new(x, 0, "0", 0);
	x->pct = fmt_new(x, 0, "0%", 0);
	x->tone[RT_TONE_NONE] = NULL;
	x->tone[RT_TONE_ATTENTION] = fmt_new(x, 0, NULL, 0xF9DCD7);
	x->tone[RT_TONE_DEVELOPING] = fmt_new(x, 0, NULL, 0xFBEEC8);
	x->tone[RT_TONE_STRENGTH] = fmt_new(x, 0, NULL, 0xD5ECD6);
}

/* ==== sheet names ==== */

/* Bytes of s that make up its first n characters (UTF-8). */
static size_t
u8_prefix(const char *s, size_t n)
{
	size_t i = 0;

	for (; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n-- == 0)
			break;
	return i;
}

static size_t
u8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* ASCII case-insensitive equality, as Excel compares sheet names. */
static int
same_name(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		int ca = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
		int cb = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* A valid, unused sheet name made from want: []:*?/\ become spaces, no
 * apostrophe at either end, at most 31 characters (a trailing "(...)"
 * goes first, then whole words), " (2)", " (3)" ... when taken.  The
 * workbook keeps the name; so does x->names. */
static const char *
sheet_name(struct xctx *x, const char *want)
{
	char base[160], name[200], *p;
	size_t len, i, k;

	snprintf(base, sizeof(base), "%s", want != NULL && *want != '\0' ?
	    want : "Sheet");
	for (p = base; *p != '\0'; p++)
		if (strchr("[]:*?/\\", *p) != NULL || (unsigned char)*p < 0x20)
			*p = ' ';
	for (p = base; *p != '\0';)	/* one space at a time, none first */
		if (*p == ' ' && (p == base || p[1] == ' ' || p[1] == '\0'))
			memmove(p, p + 1, strlen(p));
		else
			p++;
	if (u8_len(base) > 31 && (p = strstr(base, " (")) != NULL &&
	    p > base)
		*p = '\0';
	while (u8_len(base) > 31) {
		len = u8_prefix(base, 31);
		base[len] = '\0';
		if ((p = strrchr(base, ' ')) != NULL && p > base + 15)
			*p = '\0';
	}
	while (base[0] == '\'')
		memmove(base, base + 1, strlen(base));
	while ((len = strlen(base)) > 0 && (base[len - 1] == '\'' ||
	    base[len - 1] == ' '))
		base[len - 1] = '\0';
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "Sheet");
	snprintf(name, sizeof(name), "%s", base);
	for (k = 2;; k++) {
		for (i = 0; i < x->nnames; i++)
			if (same_name(x->names[i], name))
				break;
		if (i == x->nnames)
			break;
		len = u8_prefix(base, 26);
		snprintf(name, sizeof(name), "%.*s (%zu)", (int)len, base, k);
	}
	x->names = xreallocarray(x->names, x->nnames + 1, sizeof(char *));
	x->names[x->nnames] = xstrdup(name);
	return x->names[x->nnames++];
}

/* ==== helpers on the model ==== */

static const struct rpt_stat *
stat_of(const struct rpt_group *g, size_t s)
{
	if (g == NULL || g->suppressed || !g->scale[s].present)
		return NULL;
	return &g->scale[s];
}

/* The shown groups, whole school first, then each set in input order. */
static void
collect_groups(struct xctx *x)
{
	const struct report *r = x->r;
	size_t s, i;

	x->grp = xcalloc(r->ngroup + 1, sizeof(size_t));
	if (report_total(r) != NULL)
		x->grp[x->ngrp++] = (size_t)r->total;
	for (s = 0; s < r->nset; s++) {
		if (r->set[s].ncol == 0)
			continue;
		for (i = 0; i < r->set[s].ngroup; i++)
			if (!r->group[r->set[s].group[i]].suppressed)
				x->grp[x->ngrp++] = r->set[s].group[i];
	}
}

/* Index in x->grp of shown group g. */
static size_t
block_of(const struct xctx *x, const struct rpt_group *g)
{
	size_t i;

	for (i = 0; i < x->ngrp && &x->r->group[x->grp[i]] != g; i++)
		;
	return i;
}

/* A4, as wide as the page; landscape for the wide sheets. */
static void
print_setup(lxw_worksheet *ws, int landscape)
{
	worksheet_set_paper(ws, 9);	/* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* ==== the responses sheet ==== */

static lxw_row_t
responses_table(struct xctx *x, lxw_worksheet *ws, lxw_row_t row)
{
	const struct report *r = x->r;
	const struct render_opts *o = x->o;
	size_t s, i;
	unsigned long staff;
	char *lab;
	int first;

	put_str(ws, row, 0, T(x, RT_COL_GROUPING), x->head);
	put_str(ws, row, 1, T(x, RT_COL_GROUP), x->head);
	put_str(ws, row, 2, T(x, RT_COL_RESPONDENTS), x->head);
	if (o->nstaff > 0) {
		put_str(ws, row, 3, T(x, RT_COL_STAFF), x->head);
		put_str(ws, row, 4, T(x, RT_COL_RATE), x->head);
	}
	row++;
	for (s = 0; s < r->nset; s++) {
		first = 1;
		for (i = 0; i < r->set[s].ngroup; i++) {
			const struct rpt_group *g;
			g = &r->group[r->set[s].group[i]];
			if (g->suppressed != RPT_SHOWN)
				continue;
			if (first && r->set[s].ncol > 0) {
				lab = rt_set_label(r, &r->set[s], x->lang);
				put_str(ws, row, 0, lab, x->bold);
				free(lab);
			}
			first = 0;
			lab = rt_group_label(r, g, x->lang);
			put_str(ws, row, 1, lab, NULL);
			free(lab);
			worksheet_write_number(ws, row, 2, (double)g->n,
			    x->int0);
			if ((staff = report_staff(r, g, o->staff_group,
			    o->staff_n, o->nstaff)) > 0) {
				worksheet_write_number(ws, row, 3,
				    (double)staff, x->int0);
				worksheet_write_number(ws, row, 4,
				    (double)g->n / (double)staff, x->pct);
			}
			row++;
		}
	}
	if (o->nstaff > 0)
		put_str(ws, row++, 0, T(x, RT_RATE_NOTE), x->note);
	return row;
}

static lxw_row_t
anonymity(struct xctx *x, lxw_worksheet *ws, lxw_row_t row)
{
	const struct report *r = x->r;
	char buf[300], *lab;
	size_t i;

	put_str(ws, row++, 0, T(x, RT_H_ANONYMITY), x->bold);
	snprintf(buf, sizeof(buf), T(x, RT_ANON_RULE), r->min_n);
	put_str(ws, row++, 0, buf, NULL);
	if (report_nhidden(r) == 0) {
		put_str(ws, row++, 0, T(x, RT_ANON_NONE), NULL);
		return row;
	}
	if (r->nsuppressed[RPT_COMPLEMENT] > 0)
		put_str(ws, row++, 0, T(x, RT_ANON_COMPLEMENT_RULE), NULL);
	if (r->nsuppressed[RPT_SHOWN] == 0) {
		snprintf(buf, sizeof(buf), T(x, RT_ALL_SUPPRESSED), r->min_n);
		put_str(ws, row++, 0, buf, NULL);
	}
	put_str(ws, row, 0, T(x, RT_ANON_LIST), NULL);
	put_str(ws, row, 1, T(x, RT_COL_GROUP), x->head);
	put_str(ws, row++, 2, T(x, RT_COL_REASON), x->head);
	for (i = 0; i < r->ngroup; i++) {
		if (r->group[i].suppressed == RPT_SHOWN)
			continue;
		lab = rt_group_label(r, &r->group[i], x->lang);
		put_str(ws, row, 1, lab, NULL);
		put_str(ws, row++, 2, rt_suppress_reason(x->lang,
		    r->group[i].suppressed, r->min_n), NULL);
		free(lab);
	}
	return row;
}

static lxw_row_t
reading(struct xctx *x, lxw_worksheet *ws, lxw_row_t row)
{
	const struct instrument *ins = x->ins;
	enum rt_msg note[RT_NREADING];
	char buf[400], *t;
	size_t b, i, n;

	put_str(ws, row++, 0, T(x, RT_H_READING), x->bold);
	snprintf(buf, sizeof(buf), T(x, RT_DEF_SCALE), ins->min, ins->max);
	put_str(ws, row++, 0, buf, NULL);
	if (ins->nband > 0)
		put_str(ws, row++, 0, T(x, RT_DEF_BANDS), NULL);
	for (b = 0; b < ins->nband; b++) {
		t = rt_band_def(ins, b, x->lang);
		put_str(ws, row++, 1, t, x->tone[rt_band_tone(ins,
		    &ins->band[b])]);
		free(t);
	}
	snprintf(buf, sizeof(buf), T(x, RT_DEF_SPREAD), 0.25 * (ins->max -
	    ins->min));
	put_str(ws, row++, 0, buf, NULL);
	n = rt_reading_notes(x->r, note);
	for (i = 0; i < n; i++)
		put_str(ws, row++, 0, T(x, note[i]), NULL);
	return row;
}

static void
sheet_responses(struct xctx *x)
{
	const struct render_opts *o = x->o;
	lxw_worksheet *ws;
	lxw_row_t row = 0;
	char buf[600];

	ws = workbook_add_worksheet(x->wb, sheet_name(x,
	    T(x, RT_H_RESPONSES)));
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 1, 34, NULL);
	worksheet_set_column(ws, 2, 4, 14, NULL);
	print_setup(ws, 0);
	put_str(ws, row++, 0, o->title != NULL ? o->title :
	    x->ins->title[x->lang], x->title);
	if (o->school != NULL) {
		put_str(ws, row, 0, T(x, RT_SCHOOL), x->bold);
		put_str(ws, row++, 1, o->school, NULL);
	}
	if (report_wave_current(x->r) != NULL) {
		put_str(ws, row, 0, rt_column_name(x->lang, x->r->waves->col),
		    x->bold);
		put_str(ws, row++, 1, report_wave_current(x->r), NULL);
	}
	if (o->generated != NULL) {
		put_str(ws, row, 0, T(x, RT_GENERATED), x->bold);
		put_str(ws, row++, 1, o->generated, NULL);
	}
	put_str(ws, row, 0, T(x, RT_INSTRUMENT), x->bold);
	snprintf(buf, sizeof(buf), "%s (%s %s)", x->ins->title[x->lang] ?
	    x->ins->title[x->lang] : "", x->ins->id ? x->ins->id : "",
	    x->ins->version ? x->ins->version : "");
	put_str(ws, row++, 1, buf, NULL);
	row++;
	put_str(ws, row++, 0, T(x, RT_H_RESPONSES), x->bold);
	row = responses_table(x, ws, row);
	row++;
	row = anonymity(x, ws, row);
	row++;
	reading(x, ws, row);
}

/* ==== a framework's sheet ==== */

#define NMAXSCALE 64
#define BLOCK 4			/* columns per group: n, mean, sd, band */

/* A chart's series from block k's means (categories: the scale names). */
static void
add_series(struct xctx *x, lxw_chart *ch, const char *sheet, size_t k,
    lxw_row_t first, lxw_row_t last, lxw_color_t colour, int dashed)
{
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	lxw_col_t col = (lxw_col_t)(1 + k * BLOCK);
	lxw_chart_fill fill = { colour, 0, 0 };
	lxw_chart_line line = { colour, 0, 2.25, 0, 0 };

	(void)x;
	chart_series_set_categories(se, sheet, first, 0, last, 0);
	chart_series_set_values(se, sheet, first, col + 1, last, col + 1);
	/* the name points at the block's heading cell: a group name from
	 * the input is never parsed as a formula */
	chart_series_set_name_range(se, sheet, 2, col);
	if (dashed)
		line.dash_type = LXW_CHART_LINE_DASH_DASH;
	if (ch->type == LXW_CHART_BAR)
		chart_series_set_fill(se, &fill);
	else
		chart_series_set_line(se, &line);
}

/* The means of the whole school (in colour school), and of leaders and
 * teachers when both are shown (the leaders' line dashed when dashed), as
 * series of ch. */
static void
mean_series(struct xctx *x, lxw_chart *ch, const char *sheet,
    lxw_row_t first, lxw_row_t last, lxw_color_t school, int dashed)
{
	const struct rpt_group *L, *T;

	if (report_total(x->r) != NULL)
		add_series(x, ch, sheet, 0, first, last, school, 0);
	if (report_gap_groups(x->r, &L, &T)) {
		add_series(x, ch, sheet, block_of(x, L), first, last,
		    0xD55E00, dashed);
		add_series(x, ch, sheet, block_of(x, T), first, last,
		    0x0072B2, 0);
	}
}

/* Bar chart of the means (whole school, leaders, teachers); a radar
 * chart too when the framework has five scales or more. */
static void
framework_charts(struct xctx *x, lxw_worksheet *ws, const char *sheet,
    size_t n, lxw_row_t first, lxw_row_t at)
{
	const struct instrument *ins = x->ins;
	lxw_chart *bar, *radar;
	lxw_chart_options opt;
	char axis[300];
	const char *llo, *lhi;
	lxw_row_t last = first + (lxw_row_t)n - 1;

	llo = instrument_value_label(ins, ins->min, x->lang);
	lhi = instrument_value_label(ins, ins->max, x->lang);
	snprintf(axis, sizeof(axis), X(x, X_AXIS_MEAN), ins->min,
	    llo != NULL ? llo : "", ins->max, lhi != NULL ? lhi : "");
	bar = workbook_add_chart(x->wb, LXW_CHART_BAR);
	mean_series(x, bar, sheet, first, last, 0x7D9BD0, 0);
	chart_title_set_name_range(bar, sheet, 0, 0);
	chart_axis_set_min(bar->x_axis, ins->min);
	chart_axis_set_max(bar->x_axis, ins->max);
	chart_axis_set_major_unit(bar->x_axis, 1);
	chart_axis_set_name(bar->x_axis, axis);
	chart_axis_set_reverse(bar->y_axis);	/* table order, top down */
	chart_legend_set_position(bar, LXW_CHART_LEGEND_BOTTOM);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 1.5;
	opt.y_scale = 1.0 + 0.1 * (double)n;
	worksheet_insert_chart_opt(ws, at, 0, bar, &opt);
	if (n < 5)
		return;
	radar = workbook_add_chart(x->wb, LXW_CHART_RADAR_WITH_MARKERS);
	mean_series(x, radar, sheet, first, last, 0x333333, 1);
	chart_title_set_name_range(radar, sheet, 0, 0);
	chart_axis_set_min(radar->y_axis, ins->min);
	chart_axis_set_max(radar->y_axis, ins->max);
	chart_axis_set_major_unit(radar->y_axis, 1);
	chart_legend_set_position(radar, LXW_CHART_LEGEND_BOTTOM);
	opt.x_scale = 1.3;
	opt.y_scale = 1.6;
	worksheet_insert_chart_opt(ws, at, 7, radar, &opt);
}

/* One group's block on a scale row: n, mean, sd, band. */
static void
stat_block(struct xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const struct rpt_stat *st)
{
	if (st == NULL)
		return;
	put_num(ws, row, col, st->n, x->int0);
	put_num(ws, row, col + 1, st->mean, x->num2);
	put_num(ws, row, col + 2, st->sd, x->num2);
	put_str(ws, row, col + 3, rt_band_label(x->r, st->mean, x->lang),
	    x->tone[rt_tone_of(x->r, st->mean)]);
}

static void
sheet_framework(struct xctx *x, size_t f)
{
	const struct report *r = x->r;
	lxw_worksheet *ws;
	const char *name = sheet_name(x, scale_name(x, f));
	size_t kids[NMAXSCALE + 1], n, i, k;
	lxw_row_t row;
	lxw_col_t col;
	char *lab;

	n = report_children(r, f, kids, NMAXSCALE);
	ws = workbook_add_worksheet(x->wb, name);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(x->ngrp * BLOCK), 9, NULL);
	for (k = 0; k < x->ngrp; k++)
		worksheet_set_column(ws, (lxw_col_t)(k * BLOCK + 4),
		    (lxw_col_t)(k * BLOCK + 4), 15, NULL);
	put_str(ws, 0, 0, scale_name(x, f), x->title);
	put_str(ws, 2, 0, T(x, RT_COL_GROUP), x->head);
	put_str(ws, 3, 0, T(x, RT_COL_SCALE), x->head);
	for (k = 0; k < x->ngrp; k++) {
		col = (lxw_col_t)(1 + k * BLOCK);
		lab = rt_group_label(r, &r->group[x->grp[k]], x->lang);
		worksheet_merge_range(ws, 2, col, 2, col + BLOCK - 1, "",
		    x->headc);
		put_str(ws, 2, col, lab, x->headc);
		free(lab);
		put_str(ws, 3, col, T(x, RT_COL_N), x->head);
		put_str(ws, 3, col + 1, T(x, RT_COL_MEAN), x->head);
		put_str(ws, 3, col + 2, T(x, RT_COL_SD), x->head);
		put_str(ws, 3, col + 3, T(x, RT_COL_BAND), x->head);
	}
	kids[n] = f;		/* the framework as a whole, last */
	for (i = 0, row = 4; i <= n; i++, row++) {
		put_str(ws, row, 0, kids[i] == f ? T(x, RT_FRAMEWORK_TOTAL) :
		    scale_name(x, kids[i]), kids[i] == f ? x->bold : NULL);
		for (k = 0; k < x->ngrp; k++)
			stat_block(x, ws, row, (lxw_col_t)(1 + k * BLOCK),
			    stat_of(&r->group[x->grp[k]], kids[i]));
	}
	worksheet_freeze_panes(ws, 4, 1);
	print_setup(ws, 1);
	if (n > 0 && x->ngrp > 0)
		framework_charts(x, ws, name, n, 4, row + 2);
}

/* ==== the statements sheet ==== */

/* The framework of scale s. */
static size_t
root_of(const struct instrument *ins, size_t s)
{
	while (ins->scale[s].parent != -1)
		s = (size_t)ins->scale[s].parent;
	return s;
}

static void
sheet_items(struct xctx *x)
{
	const struct report *r = x->r;
	const struct instrument *ins = x->ins;
	const struct rpt_group *S = report_total(r);
	lxw_worksheet *ws;
	size_t i, v, k;
	lxw_row_t row;
	lxw_col_t c0, cm;
	const char *lab;
	char *gl;

	ws = workbook_add_worksheet(x->wb, sheet_name(x,
	    X(x, X_SHEET_ITEMS)));
	worksheet_set_column(ws, 0, 1, 22, NULL);
	worksheet_set_column(ws, 2, 2, 7, NULL);
	worksheet_set_column(ws, 3, 3, 60, x->wrap);
	worksheet_set_column(ws, 4, 40, 10, NULL);
	c0 = 8;				/* first answer count */
	cm = c0 + (lxw_col_t)ins->nvalue;	/* first group mean */
	put_str(ws, 0, c0, X(x, X_ANSWERS), x->bold);
	put_str(ws, 0, cm, X(x, X_MEANS), x->bold);
	put_str(ws, 1, 0, T(x, RT_COL_FRAMEWORK), x->head);
	put_str(ws, 1, 1, T(x, RT_COL_SCALE), x->head);
	put_str(ws, 1, 2, T(x, RT_COL_CODE), x->head);
	put_str(ws, 1, 3, T(x, RT_COL_ITEM), x->head);
	put_str(ws, 1, 4, X(x, X_REVERSE), x->head);
	put_str(ws, 1, 5, T(x, RT_COL_N), x->head);
	put_str(ws, 1, 6, T(x, RT_COL_MEAN), x->head);
	put_str(ws, 1, 7, T(x, RT_COL_SD), x->head);
	for (v = 0; v < ins->nvalue; v++) {
		lab = instrument_value_label(ins, ins->value[v], x->lang);
		if (lab != NULL)
			put_str(ws, 1, c0 + (lxw_col_t)v, lab, x->head);
		else
			worksheet_write_number(ws, 1, c0 + (lxw_col_t)v,
			    ins->value[v], x->head);
	}
	for (k = 0; k < x->ngrp; k++) {
		gl = rt_group_label(r, &r->group[x->grp[k]], x->lang);
		put_str(ws, 1, cm + (lxw_col_t)k, gl, x->head);
		free(gl);
	}
	for (i = 0, row = 2; i < ins->nitem; i++, row++) {
		const struct rpt_stat *st = S != NULL ? &S->item[i] : NULL;
		put_str(ws, row, 0, scale_name(x, root_of(ins,
		    ins->item[i].scale)), NULL);
		put_str(ws, row, 1, scale_name(x, ins->item[i].scale), NULL);
		put_str(ws, row, 2, ins->item[i].code, NULL);
		put_str(ws, row, 3, ins->item[i].text[x->lang], x->wrap);
		put_str(ws, row, 4, T(x, ins->item[i].reverse ? RT_YES : RT_NO),
		    NULL);
		if (st != NULL && st->present) {
			put_num(ws, row, 5, st->n, x->int0);
			put_num(ws, row, 6, st->mean, x->num2);
			put_num(ws, row, 7, st->sd, x->num2);
			for (v = 0; st->count != NULL && v < ins->nvalue; v++)
				put_num(ws, row, c0 + (lxw_col_t)v,
				    st->count[v], x->int0);
		}
		for (k = 0; k < x->ngrp; k++) {
			const struct rpt_group *g = &r->group[x->grp[k]];
			if (g->item[i].present)
				put_num(ws, row, cm + (lxw_col_t)k,
				    g->item[i].mean, x->num2);
		}
	}
	worksheet_freeze_panes(ws, 2, 3);
	print_setup(ws, 1);
	worksheet_autofilter(ws, 1, 0, row - 1, cm + (lxw_col_t)x->ngrp - 1);
}

/* ==== comparisons: current and desired, waves, the reference ==== */

/* A clustered bar chart of columns c1 and c2 (named by their heading cells
 * on row head) over rows first..last, categories in column cat. */
static void
pair_chart(struct xctx *x, lxw_worksheet *ws, const char *sheet,
    lxw_row_t head, lxw_row_t first, lxw_row_t last, lxw_col_t cat,
    lxw_col_t c1, lxw_col_t c2, lxw_row_t at, lxw_col_t atc)
{
	const struct instrument *ins = x->ins;
	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
	lxw_chart_series *se;
	lxw_chart_fill fill[2] = { { 0x0072B2, 0, 0 }, { 0x009E73, 0, 0 } };
	lxw_col_t col[2] = { c1, c2 };
	lxw_chart_options opt;
	int i;

	for (i = 0; i < 2; i++) {
		se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, first, cat, last, cat);
		chart_series_set_values(se, sheet, first, col[i], last,
		    col[i]);
		chart_series_set_name_range(se, sheet, head, col[i]);
		chart_series_set_fill(se, &fill[i]);
	}
	chart_title_set_name_range(ch, sheet, 0, 0);
	chart_axis_set_min(ch->x_axis, ins->min);
	chart_axis_set_max(ch->x_axis, ins->max);
	chart_axis_set_major_unit(ch->x_axis, 1);
	chart_axis_set_reverse(ch->y_axis);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 1.4;
	opt.y_scale = 1.0 + 0.08 * (double)(last - first + 1);
	worksheet_insert_chart_opt(ws, at, atc, ch, &opt);
}

/* A forest chart as a line chart: the difference as markers and its
 * interval as high-low lines between the columns lo and hi, over rows
 * first..last with categories in column cat; a gap where there is no
 * difference. */
static void
forest_chart(struct xctx *x, lxw_worksheet *ws, const char *sheet,
    lxw_row_t head, lxw_row_t first, lxw_row_t last, lxw_col_t cat,
    lxw_col_t diff, lxw_col_t lo, lxw_col_t hi, lxw_row_t at, lxw_col_t atc)
{
	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
	lxw_chart_series *se;
	lxw_chart_line none = { 0, 1, 0, 0, 0 }, hl = { 0x333333, 0, 1.5, 0,
	    0 };
	lxw_chart_fill mark = { 0x0072B2, 0, 0 };
	lxw_chart_options opt;
	lxw_col_t col[3] = { lo, hi, diff };
	int i;

	(void)x;
	for (i = 0; i < 3; i++) {
		se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, first, cat, last, cat);
		chart_series_set_values(se, sheet, first, col[i], last,
		    col[i]);
		chart_series_set_name_range(se, sheet, head, col[i]);
		chart_series_set_line(se, &none);
		if (i < 2)
			chart_series_set_marker_type(se, LXW_CHART_MARKER_SHORT_DASH);
		else {
			chart_series_set_marker_type(se,
			    LXW_CHART_MARKER_DIAMOND);
			chart_series_set_marker_size(se, 9);
			chart_series_set_marker_fill(se, &mark);
		}
	}
	chart_set_high_low_lines(ch, &hl);
	chart_title_set_name_range(ch, sheet, 0, 0);
	chart_axis_set_label_position(ch->x_axis,
	    LXW_CHART_AXIS_LABEL_POSITION_LOW);
	chart_axis_set_num_format(ch->y_axis, "+0.00;-0.00;0");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 2.0;
	opt.y_scale = 1.4;
	worksheet_insert_chart_opt(ws, at, atc, ch, &opt);
}

/* A heading row of a variant sheet: what a and b are, the means of the
 * base (na) and of the variant (nb), the gap. */
static void
variant_head(struct xctx *x, lxw_worksheet *ws, lxw_row_t row,
    const char *a, const char *b, const char *na, const char *nb)
{
	put_str(ws, row, 0, a, x->head);
	put_str(ws, row, 1, b, x->head);
	put_str(ws, row, 2, na, x->head);
	put_str(ws, row, 3, nb, x->head);
	put_str(ws, row, 4, T(x, RT_COL_GAP), x->head);
}

/* Base mean a, variant mean b and the gap in columns 2 to 4 of row. */
static void
variant_cells(struct xctx *x, lxw_worksheet *ws, lxw_row_t row, double a,
    double b)
{
	put_num(ws, row, 2, a, x->num2);
	put_num(ws, row, 3, b, x->num2);
	put_num(ws, row, 4, b - a, x->num2);
}

static void
sheet_variant(struct xctx *x, size_t v)
{
	const struct report *r = x->r;
	const struct instrument *ins = x->ins;
	const struct rpt_group *S = report_total(r), *g;
	lxw_worksheet *ws;
	const char *name;
	char *na, *nb, *title, buf[600];
	size_t s, i, n, *it;
	lxw_row_t row, first, last, head;

	na = rt_variant_name(ins, 0, x->lang);
	nb = rt_variant_name(ins, v, x->lang);
	title = xasprintf(T(x, RT_H_VARIANTS), na,
	    ins->variant[v].name[x->lang]);
	name = sheet_name(x, title);
	ws = workbook_add_worksheet(x->wb, name);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 34, NULL);
	worksheet_set_column(ws, 2, 4, 14, NULL);
	print_setup(ws, 1);
	put_str(ws, 0, 0, title, x->title);
	snprintf(buf, sizeof(buf), T(x, RT_VARIANT_EXPLAIN),
	    ins->variant[v].name[x->lang], ins->variant[0].name[x->lang]);
	put_str(ws, 1, 0, buf, x->note);
	row = 3;
	if (S == NULL)
		put_str(ws, row++, 0, T(x, RT_NO_TOTAL), NULL);
	else {
		head = row;
		variant_head(x, ws, row++, T(x, RT_COL_FRAMEWORK),
		    T(x, RT_COL_SCALE), na, nb);
		first = row;
		for (s = 0; s < ins->nscale; s++) {
			if (!report_base_scale(r, s))
				continue;
			put_str(ws, row, 0, scale_name(x, root_of(ins, s)),
			    NULL);
			put_str(ws, row, 1, scale_name(x, s), NULL);
			variant_cells(x, ws, row++, report_variant_mean(r, S,
			    s, 0), report_variant_mean(r, S, s, v));
		}
		last = row - 1;
		for (s = 0; s < ins->nscale; s++) {
			if (!report_base_framework(r, s))
				continue;
			put_str(ws, row, 0, scale_name(x, s), x->bold);
			put_str(ws, row, 1, T(x, RT_FRAMEWORK_TOTAL), x->bold);
			variant_cells(x, ws, row++, report_variant_mean(r, S,
			    s, 0), report_variant_mean(r, S, s, v));
		}
		if (last >= first)
			pair_chart(x, ws, name, head, first, last, 1, 2, 3, 2,
			    6);
		/* every statement, largest gap first */
		row += 2;
		put_str(ws, row++, 0, T(x, RT_H_VARIANT_ITEMS), x->bold);
		variant_head(x, ws, row++, T(x, RT_COL_CODE),
		    T(x, RT_COL_ITEM), na, nb);
		it = xcalloc(ins->nitem + 1, sizeof(size_t));
		n = r->has_items ? report_items_by_gap(r, S, v, it) : 0;
		for (i = 0; i < n; i++, row++) {
			put_str(ws, row, 0, ins->item[it[i]].code, NULL);
			put_str(ws, row, 1, ins->item[it[i]].text[x->lang],
			    x->wrap);
			variant_cells(x, ws, row, report_variant_item_mean(r,
			    S, it[i], 0), report_variant_item_mean(r, S,
			    it[i], v));
		}
		free(it);
	}
	/* the gap per group */
	row += 2;
	put_str(ws, row++, 0, T(x, RT_H_VARIANT_GROUPS), x->bold);
	put_str(ws, row, 0, T(x, RT_COL_SCALE), x->head);
	for (i = 0; i < x->ngrp; i++) {
		char *lab = rt_group_label(r, &r->group[x->grp[i]], x->lang);
		put_str(ws, row, (lxw_col_t)(1 + i), lab, x->head);
		free(lab);
	}
	row++;
	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].variant)
			continue;
		put_str(ws, row, 0, scale_name(x, s), ins->scale[s].parent ==
		    -1 ? x->bold : NULL);
		for (i = 0; i < x->ngrp; i++) {
			g = &r->group[x->grp[i]];
			put_num(ws, row, (lxw_col_t)(1 + i),
			    report_variant_gap(r, g, s, v), x->num2);
		}
		row++;
	}
	free(na);
	free(nb);
	free(title);
}

/* Header of a comparison block on row: the group, the scale, both sides,
 * the difference with its interval, g, the verdict, (rank,) reason. */
static void
cmp_head(struct xctx *x, lxw_worksheet *ws, lxw_row_t row, const char *a,
    const char *b, enum rt_msg diff, enum rt_msg verdict, int rank)
{
	put_str(ws, row, 0, T(x, RT_COL_GROUP), x->head);
	put_str(ws, row, 1, T(x, RT_COL_FRAMEWORK), x->head);
	put_str(ws, row, 2, T(x, RT_COL_SCALE), x->head);
	put_str(ws, row, 3, a, x->head);
	put_str(ws, row, 4, b, x->head);
	put_str(ws, row, 5, T(x, diff), x->head);
	put_str(ws, row, 6, T(x, RT_COL_CI_LOW), x->head);
	put_str(ws, row, 7, T(x, RT_COL_CI_HIGH), x->head);
	put_str(ws, row, 8, T(x, RT_COL_G), x->head);
	put_str(ws, row, 9, T(x, verdict), x->head);
	put_str(ws, row, 10, rank ? T(x, RT_COL_RANK) : T(x, RT_COL_REASON),
	    x->head);
}

/* One comparison's rows from row on; returns the next free row.  For
 * waves, side a (the earlier wave) comes first; for the reference the
 * school does. */
static lxw_row_t
cmp_rows(struct xctx *x, lxw_worksheet *ws, lxw_row_t row,
    const struct rpt_waves *w, const struct rpt_cmp *cm, int ref)
{
	const struct instrument *ins = x->ins;
	const struct rpt_diff *d;
	char *lab = rt_group_label(cm->rb, cm->gb, x->lang), buf[200], *t;
	size_t k;
	int ok;

	for (k = 0; k < cm->ndiff; k++, row++) {
		d = &cm->diff[k];
		ok = d->status == RPT_CMP_OK || ref;
		put_str(ws, row, 0, lab, NULL);
		put_str(ws, row, 1, scale_name(x, root_of(ins, d->scale)), NULL);
		put_str(ws, row, 2, scale_name(x, d->scale),
		    ins->scale[d->scale].parent == -1 ? x->bold : NULL);
		if (ok) {
			put_num(ws, row, 3, ref ? d->mean_b : d->mean_a,
			    x->num2);
			put_num(ws, row, 4, ref ? d->mean_a : d->mean_b,
			    x->num2);
		}
		put_num(ws, row, 5, d->res.diff, x->num2);
		put_num(ws, row, 6, d->res.ci_low, x->num2);
		put_num(ws, row, 7, d->res.ci_high, x->num2);
		put_num(ws, row, 8, d->res.g, x->num2);
		put_str(ws, row, 9, rt_diff_verdict(x->lang, d, ref), NULL);
		if (ref && d->nrank > 0) {
			snprintf(buf, sizeof(buf), T(x, RT_RANK_OF), d->rank,
			    d->nrank);
			put_str(ws, row, 10, buf, NULL);
		}
		if (d->status == RPT_CMP_UNCHECKED)
			put_str(ws, row, 10, T(x, RT_WAVES_UNCHECKED), NULL);
		/* as ever: one side's statements, the later wave's when
		 * both differ (text and CSV name both), cut at 199 bytes */
		if (w != NULL && (d->only_a != NULL || d->only_b != NULL)) {
			t = rt_only_in(x->lang, w, cm, d->only_b != NULL ?
			    NULL : d->only_a, d->only_b);
			snprintf(buf, sizeof(buf), "%s", t);
			put_str(ws, row, 10, buf, NULL);
			free(t);
		}
	}
	free(lab);
	return row;
}

static lxw_worksheet *
cmp_sheet(struct xctx *x, enum rt_msg title, const char **name)
{
	lxw_worksheet *ws;

	*name = sheet_name(x, T(x, title));
	ws = workbook_add_worksheet(x->wb, *name);
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 2, 30, NULL);
	worksheet_set_column(ws, 3, 8, 11, NULL);
	worksheet_set_column(ws, 9, 9, 20, NULL);
	worksheet_set_column(ws, 10, 10, 30, NULL);
	print_setup(ws, 1);
	put_str(ws, 0, 0, T(x, title), x->title);
	return ws;
}

static void
sheet_waves(struct xctx *x)
{
	const struct rpt_waves *w = x->r->waves;
	const struct rpt_cmp *cm;
	lxw_worksheet *ws;
	const char *name;
	char buf[600];
	size_t i, j, k;
	lxw_row_t row = 2, head, first;
	int charted = 0;

	if (w == NULL || w->nwave == 0)
		return;
	ws = cmp_sheet(x, RT_H_WAVES, &name);
	if (w->nwave == 1) {
		snprintf(buf, sizeof(buf), T(x, RT_WAVES_ONE), w->value[0]);
		put_str(ws, row, 0, buf, NULL);
		return;
	}
	snprintf(buf, sizeof(buf), T(x, RT_WAVE_OF_REPORT),
	    report_wave_current(x->r));
	put_str(ws, row++, 0, buf, NULL);
	for (i = 0; i < w->ncmp; i = j) {
		cm = &w->cmp[i];
		j = report_wave_pair_end(w, i);
		row++;
		snprintf(buf, sizeof(buf), T(x, RT_H_WAVE_PAIR),
		    w->value[cm->wb], w->value[cm->wa]);
		put_str(ws, row++, 0, buf, x->bold);
		if (report_cmp_unchecked(cm)) {
			put_str(ws, row++, 0, T(x, RT_WAVES_UNCHECKED), NULL);
			continue;
		}
		head = row;
		cmp_head(x, ws, row++, w->value[cm->wa], w->value[cm->wb],
		    RT_COL_CHANGE, RT_COL_VERDICT, 0);
		for (k = i; k < j; k++) {
			first = row;
			row = cmp_rows(x, ws, row, w, &w->cmp[k], 0);
			if (!charted && w->cmp[k].rb->set[
			    w->cmp[k].gb->set].ncol == 0) {
				charted = 1;
				forest_chart(x, ws, name, head, first, row - 1,
				    2, 5, 6, 7, 2, 12);
			}
		}
		snprintf(buf, sizeof(buf), T(x, RT_WAVES_EXPLAIN),
		    w->value[cm->wb], w->value[cm->wa]);
		put_str(ws, row++, 0, buf, x->note);
	}
	for (i = 0; i < w->nskip; i++) {
		char *lab = rt_group_label(w->skip[i].r, w->skip[i].g,
		    x->lang);
		snprintf(buf, sizeof(buf), T(x, RT_WAVES_SKIPPED),
		    x->r->min_n, lab);
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
		    " (%s, %s)", w->value[w->skip[i].wa],
		    w->value[w->skip[i].wb]);
		put_str(ws, ++row, 0, buf, x->note);
		free(lab);
	}
	worksheet_freeze_panes(ws, 0, 3);
}

static void
sheet_reference(struct xctx *x)
{
	const struct rpt_reference *ref = x->r->ref;
	const struct rpt_cmp *cm;
	lxw_worksheet *ws;
	const char *name;
	char buf[600];
	size_t i;
	lxw_row_t row = 2, head, first;

	if (ref == NULL)
		return;
	ws = cmp_sheet(x, RT_H_REFERENCE, &name);
	if (ref->own >= 0 && x->o->school != NULL) {
		snprintf(buf, sizeof(buf), T(x, RT_REF_OWN_REMOVED),
		    x->o->school);
		put_str(ws, row++, 0, buf, NULL);
	}
	cm = report_cmp_whole(ref->cmp, ref->ncmp);
	if (cm == NULL || !ref->total_shown) {
		snprintf(buf, sizeof(buf), T(x, RT_REF_NOT_SHOWN),
		    x->r->min_n);
		put_str(ws, row++, 0, buf, NULL);
	} else {
		snprintf(buf, sizeof(buf), T(x, RT_REF_ABOUT), cm->n_a);
		put_str(ws, row++, 0, buf, NULL);
	}
	row++;
	head = row;
	cmp_head(x, ws, row++, T(x, RT_THIS_SCHOOL), T(x, RT_COL_REFERENCE),
	    RT_COL_DIFF, RT_COL_POSITION, ref->school_set >= 0);
	for (i = 0; i < ref->ncmp; i++) {
		cm = &ref->cmp[i];
		if (cm->rb->set[cm->gb->set].ncol == 0 && !ref->total_shown)
			continue;
		first = row;
		row = cmp_rows(x, ws, row, NULL, cm, 1);
		if (cm->rb->set[cm->gb->set].ncol == 0)
			forest_chart(x, ws, name, head, first, row - 1, 2, 5,
			    6, 7, 2, 12);
	}
	put_str(ws, row++, 0, T(x, RT_REF_EXPLAIN), x->note);
	if (ref->school_set >= 0) {
		snprintf(buf, sizeof(buf), T(x, RT_REF_SCHOOLS),
		    ref->nschools, x->r->min_n);
		put_str(ws, row++, 0, buf, x->note);
	}
	if (ref->nsplit_fail > 0)
		put_str(ws, row++, 0, T(x, RT_REF_SPLIT_FAIL), x->note);
	worksheet_freeze_panes(ws, 0, 3);
}

/* ==== entry point ==== */

/* Seconds since the epoch of "YYYY-MM-DD..." at midnight UTC, or a fixed
 * date: the workbook's creation time must not make the output differ
 * between runs. */
static time_t
created(const char *generated)
{
	int y = 2000, m = 1, d = 1;
	long days;

	if (generated != NULL)
		if (sscanf(generated, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
		    y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) {
			y = 2000;
			m = 1;
			d = 1;
		}
	/* days from civil (H. Hinnant's algorithm) */
	y -= m <= 2;
	days = (long)(y / 400) * 146097 + (long)((y % 400) * 365 +
	    (y % 400) / 4 - (y % 400) / 100) +
	    (long)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1) - 719468;
	return (time_t)days * 86400;
}

int
render_xlsx(const struct report *r, const struct render_opts *o,
    const char *path)
{
	struct xctx x;
	lxw_doc_properties props;
	lxw_error err;
	size_t f, i;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.ins = r->ins;
	x.o = o;
	x.lang = o->lang == LANG_EN ? LANG_EN : LANG_NL;
	if ((x.wb = workbook_new(path)) == NULL) {
		plg_warnx("cannot create '%s'", path);
		return -1;
	}
	memset(&props, 0, sizeof(props));
	props.title = (char *)(o->title != NULL ? o->title :
	    r->ins->title[x.lang]);
	props.company = (char *)o->school;
	props.comments = (char *)"plg-report";
	props.created = created(o->generated);
	workbook_set_properties(x.wb, &props);
	formats(&x);
	collect_groups(&x);
	sheet_responses(&x);
	for (f = 0; f < r->ins->nscale; f++)
		if (report_base_framework(r, f))
			sheet_framework(&x, f);
	for (f = 1; f < r->ins->nvariant; f++)
		if (report_has_variant(r, f))
			sheet_variant(&x, f);
	sheet_waves(&x);
	sheet_reference(&x);
	if (r->has_items)
		sheet_items(&x);
	err = workbook_close(x.wb);
	for (i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	free(x.grp);
	if (err != LXW_NO_ERROR) {
		plg_warnx("cannot write '%s': %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
