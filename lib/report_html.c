/* report_html.c -- the report as one self-contained HTML5 page: inline CSS,
 * charts as inline SVG, no script and nothing fetched from elsewhere (a
 * Content-Security-Policy says so to the browser), so the file can be
 * mailed, archived and printed on A4 as it is.  Suppressed groups appear in
 * no table and no chart; every string from the input is escaped. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "report_text.h"
#include "xalloc.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ==== texts report_text.h does not have (charts, legends, notes) ==== */

enum hmsg {
	H_CONTENTS,		/* navigation heading */
	H_ANSWERS,		/* heading of the answer distributions */
	H_ANSWERS_EXPLAIN,
	H_BARS_TITLE,		/* %s framework: chart title */
	H_BARS_DESC,
	H_RADAR_TITLE,		/* %s framework */
	H_RADAR_DESC,
	H_AXIS_MEAN,		/* %g, %s, %g, %s: axis title */
	H_CI,			/* legend of the whiskers */
	H_LIKERT_TITLE,		/* %s framework */
	H_LIKERT_AXIS,		/* axis title of the distributions */
	H_ANSWERS_N,		/* %.0f: answers counted */
	H_GAP_TITLE,
	H_GAP_DESC,
	H_GAP_BOLD,		/* legend: bold = clear gap */
	H_GROUPS_TITLE,		/* %s framework, %s group column */
	H_GROUPS_DESC,
	H_DUMBBELL_TITLE,	/* %s a, %s b: current and desired */
	H_DUMBBELL_DESC,
	H_WAVE_TITLE,		/* %s later, %s earlier */
	H_REF_TITLE,
	H_FOREST_DESC,
	H_AXIS_CHANGE,		/* %s later, %s earlier */
	H_AXIS_DIFF,
	H_LEG_CLEAR,		/* legend: interval excludes 0 */
	H_LEG_NOISE,		/* legend: interval includes 0 */
	NHMSG
};

static const char *const htext[NHMSG][NLANG] = {
	[H_CONTENTS] = { "Inhoud", "Contents" },
	[H_ANSWERS] = { "Antwoorden per uitspraak", "Answers per statement" },
	[H_ANSWERS_EXPLAIN] = { "Hoe het personeel elke uitspraak "
	    "beantwoordde, hele school: links van de middenlijn oneens, rechts "
	    "eens; neutraal ligt over de lijn. \"Weet niet\" en lege "
	    "antwoorden tellen niet mee.", "How staff answered each statement, "
	    "whole school: disagreement to the left of the centre line, "
	    "agreement to the right; neutral straddles the line. \"Don't "
	    "know\" and empty answers are not counted." },
	[H_BARS_TITLE] = { "%s: gemiddelde per schaal, hele school",
	    "%s: mean per scale, whole school" },
	[H_BARS_DESC] = { "Staafdiagram van het gemiddelde per schaal met het "
	    "95%-betrouwbaarheidsinterval; de achtergrond toont de oordelen.",
	    "Bar chart of the mean per scale with its 95% confidence "
	    "interval; the background shows the bands." },
	[H_RADAR_TITLE] = { "%s: profiel van de principes",
	    "%s: profile of the principles" },
	[H_RADAR_DESC] = { "Radardiagram: elke as is een schaal, van het "
	    "laagste antwoord in het midden naar het hoogste aan de rand.",
	    "Radar chart: each axis is a scale, from the lowest answer at the "
	    "centre to the highest at the rim." },
	[H_AXIS_MEAN] = { "Gemiddelde (%g = %s, %g = %s)",
	    "Mean (%g = %s, %g = %s)" },
	[H_CI] = { "95%-betrouwbaarheidsinterval",
	    "95% confidence interval" },
	[H_LIKERT_TITLE] = { "%s: antwoorden per uitspraak",
	    "%s: answers per statement" },
	[H_LIKERT_AXIS] = { "aandeel van de antwoorden",
	    "share of answers" },
	[H_ANSWERS_N] = { "%.0f antwoorden", "%.0f answers" },
	[H_GAP_TITLE] = { "Schoolleiding en leraren per schaal",
	    "Leadership and teachers per scale" },
	[H_GAP_DESC] = { "Stippendiagram: per schaal het gemiddelde van de "
	    "schoolleiding en van de leraren, met het verschil rechts.",
	    "Dot plot: the leadership's and the teachers' mean per scale, "
	    "with the gap on the right." },
	[H_GAP_BOLD] = { "vet: duidelijk verschil", "bold: clear gap" },
	[H_GROUPS_TITLE] = { "%s: gemiddelde per %s", "%s: mean per %s" },
	[H_GROUPS_DESC] = { "Gegroepeerd staafdiagram: per schaal een staaf "
	    "per groep.", "Grouped bar chart: one bar per group for each "
	    "scale." },
	[H_DUMBBELL_TITLE] = { "%s en %s per schaal, hele school",
	    "%s and %s per scale, whole school" },
	[H_DUMBBELL_DESC] = { "Halterdiagram: per schaal het gemiddelde van "
	    "beide situaties, met het verschil rechts.", "Dumbbell chart: the "
	    "mean of both situations per scale, with the gap on the right." },
	[H_WAVE_TITLE] = { "Verandering per schaal, %s vergeleken met %s, "
	    "hele school", "Change per scale, %s compared with %s, whole "
	    "school" },
	[H_REF_TITLE] = { "Verschil met de referentie per schaal, hele school",
	    "Difference from the reference per scale, whole school" },
	[H_FOREST_DESC] = { "Per schaal het verschil met zijn "
	    "95%-betrouwbaarheidsinterval; de verticale lijn is 0.",
	    "Per scale the difference with its 95% confidence interval; the "
	    "vertical line is 0." },
	[H_AXIS_CHANGE] = { "Verandering (%s min %s)",
	    "Change (%s minus %s)" },
	[H_AXIS_DIFF] = { "Verschil (deze school min de referentie)",
	    "Difference (this school minus the reference)" },
	[H_LEG_CLEAR] = { "interval zonder 0: duidelijk verschil",
	    "interval excludes 0: a clear difference" },
	[H_LEG_NOISE] = { "interval met 0: binnen de ruis",
	    "interval includes 0: within noise" },
};

/* ==== context and small helpers ==== */

struct hctx {
	FILE *fp;
	const struct report *r;
	const struct instrument *ins;
	const struct render_opts *o;
	enum lang lang;
	int nfig;			/* charts written, for unique ids */
	const struct rpt_group *total;	/* whole school, if shown */
	const struct rpt_group *leader;	/* the gap's sides: both shown, */
	const struct rpt_group *teacher;	/* or both NULL */
	char *school_label;		/* "Whole school", capitalised */
	double lw;			/* label column of the mean charts */
	int narrow;			/* drawing the phone layout */
	double cw;			/* width of the chart being drawn */
	char *variants_title;		/* "Current situation and desired
					 * situation" */
};

/* The whole chart geometry uses these units (SVG user units ~ CSS px). */
#define CW	720.0		/* width of a chart's viewBox */
#define CWN	420.0		/* the same in the narrow (phone) layout */
#define FS	14.0		/* label font size */
#define NMAXSCALE 64		/* scales under one framework we draw */

static const char *
T(const struct hctx *c, enum rt_msg id)
{
	return rt(c->lang, id);
}

static const char *
H(const struct hctx *c, enum hmsg id)
{
	return htext[id][c->lang];
}

static void
out(struct hctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
out(struct hctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->fp, fmt, ap);
	va_end(ap);
}

/* Write the first n bytes of s with & < > " ' as character references. */
static void
esc_n(struct hctx *c, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != '\0'; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", c->fp);
			break;
		case '<':
			fputs("&lt;", c->fp);
			break;
		case '>':
			fputs("&gt;", c->fp);
			break;
		case '"':
			fputs("&quot;", c->fp);
			break;
		case '\'':
			fputs("&#39;", c->fp);
			break;
		default:
			putc(s[i], c->fp);
		}
	}
}

static void
esc(struct hctx *c, const char *s)
{
	if (s != NULL)
		esc_n(c, s, strlen(s));
}

/* printf into a buffer, then write it escaped (for texts from
 * report_text.h that take arguments from the input). */
static void
escv(struct hctx *c, const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap);

	esc(c, s);
	free(s);
}

static void
escf(struct hctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
escf(struct hctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	escv(c, fmt, ap);
	va_end(ap);
}

/* Rough width of s at font size px: 0.56 em per character (UTF-8
 * continuation bytes not counted).  Good enough to keep labels apart. */
static double
text_w(const char *s, double px)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (double)n * px * 0.56;
}

/* Where to break s into two lines so each fits maxw: the byte index of the
 * space nearest the middle, or 0 when s fits on one line or has no space. */
static size_t
wrap2(const char *s, double px, double maxw)
{
	size_t i, best = 0, len = strlen(s);
	double bestd = 1e9, d;

	if (text_w(s, px) <= maxw)
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (s[i] == ' ') {
			d = fabs((double)i - (double)len / 2);
			if (d < bestd) {
				bestd = d;
				best = i;
			}
		}
	return best;
}

/* The stat of scale s in g, or NULL when g is hidden or has no mean. */
static const struct rpt_stat *
sstat(const struct rpt_group *g, size_t s)
{
	if (g == NULL || g->suppressed || !g->scale[s].present ||
	    isnan(g->scale[s].mean))
		return NULL;
	return &g->scale[s];
}

/* Scales shown under framework f: its children, or f itself when it has
 * none. */
static size_t
fw_scales(const struct hctx *c, size_t f, size_t *out)
{
	size_t n = report_children(c->r, f, out, NMAXSCALE);

	if (n == 0) {
		out[0] = f;
		n = 1;
	}
	return n;
}

static const char *
scale_name(const struct hctx *c, size_t s)
{
	return rt_scale_name(c->ins, s, c->lang);
}

static const char *
item_text(const struct hctx *c, size_t i)
{
	const char *t = c->ins->item[i].text[c->lang];

	return t != NULL && *t != '\0' ? t : c->ins->item[i].code;
}

/* The reverse-worded tag after item i's text, when it is; returns 1 then. */
static int
reverse_tag(struct hctx *c, size_t i)
{
	if (!c->ins->item[i].reverse)
		return 0;
	out(c, " <span class=\"tag\">");
	esc(c, T(c, RT_REVERSE_MARK));
	out(c, "</span>");
	return 1;
}

/* Colours of a band's tone: [0] light fill, [1] chart zone, [2] text. */
static const char *const tone_col[4][3] = {
	{ "#ffffff", "#ffffff", "#333333" },
	{ "#f9dcd7", "#fbe9e6", "#8f2418" },	/* attention */
	{ "#fbeec8", "#fdf6e0", "#6e4f00" },	/* developing */
	{ "#d5ecd6", "#e8f4e8", "#1c5e2b" },	/* strength */
};

static const char *
tone_name(enum rt_tone t)
{
	static const char *const name[] = { "none", "attention", "developing",
	    "strength" };

	return name[t];
}

/* Okabe-Ito colours, safe for colour-blind readers. */
static const char *const qual[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
	"#7f7f7f", "#000000"
};
#define NQUAL (sizeof(qual) / sizeof(qual[0]))
#define COL_SCHOOL "#333333"
#define COL_LEADER "#D55E00"
#define COL_TEACHER "#0072B2"

/* ==== page frame ==== */

static const char css[] =
"*{box-sizing:border-box;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}\n"
"html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,sans-serif;color:#1f2328;background:#fff;"
"line-height:1.45}\n"
"body{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}\n"
"h1{font-size:1.75rem;margin:.5rem 0 .25rem;line-height:1.2}\n"
"h2{font-size:1.35rem;margin:2.25rem 0 .5rem;padding-bottom:.2rem;"
"border-bottom:2px solid #d0d7de}\n"
"h3{font-size:1.1rem;margin:1.5rem 0 .4rem}\n"
"h4{font-size:1rem;margin:1.1rem 0 .3rem}\n"
"p{margin:.4rem 0}\n"
".sub{font-size:1.1rem;color:#444;margin:0}\n"
".meta{color:#57606a;font-size:.9rem}\n"
"nav{font-size:.92rem;background:#f6f8fa;border:1px solid #d0d7de;"
"border-radius:6px;padding:.5rem 1rem;margin:1rem 0}\n"
"nav ol{margin:.25rem 0;padding-left:1.25rem;columns:2 14rem}\n"
"a{color:#0b5cad}\n"
".tw{overflow-x:auto;margin:.5rem 0 .75rem}\n"
"table{border-collapse:collapse;font-size:.92rem}\n"
"th,td{padding:.3rem .55rem;border-bottom:1px solid #d8dee4;"
"text-align:left;vertical-align:top}\n"
"thead th{background:#f3f5f7;border-bottom:2px solid #c5ccd3;"
"vertical-align:bottom}\n"
"th.grp{background:#fafbfc;font-weight:600;color:#444}\n"
"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"thead th.num{white-space:normal}\n"
"tr.fw td,tr.fw th{font-weight:700}\n"
".items .code{font-weight:600;color:#57606a;margin-right:.3rem}\n"
".band{display:inline-block;padding:0 .45rem;border-radius:.7rem;"
"font-size:.85rem;white-space:nowrap}\n"
".band-attention{background:#f9dcd7;color:#8f2418}\n"
".band-developing{background:#fbeec8;color:#6e4f00}\n"
".band-strength{background:#d5ecd6;color:#1c5e2b}\n"
"td.band-attention,td.band-developing,td.band-strength{border-radius:0}\n"
".flag{color:#8f2418;font-size:.85rem;white-space:nowrap}\n"
".clear{font-weight:700}\n"
"figure{margin:1rem 0 1.5rem;break-inside:avoid;page-break-inside:avoid}\n"
"figcaption{font-weight:600;margin-bottom:.35rem}\n"
"svg.chart{display:block;width:100%;height:auto;max-width:46rem}\n"
"svg.narrow{display:none;max-width:30rem}\n"
"svg text{fill:#1f2328}\n"
".note{color:#57606a;font-size:.88rem}\n"
".legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem;"
"margin:.3rem 0 .6rem;padding:0;list-style:none}\n"
".legend li{display:flex;align-items:center;gap:.35rem}\n"
".sw{display:inline-block;width:.95rem;height:.95rem;border-radius:2px;"
"border:1px solid rgba(0,0,0,.15)}\n"
".lk-scale{margin:1rem 0 .2rem;font-size:.95rem}\n"
".lk-row{display:grid;grid-template-columns:minmax(0,1fr) "
"minmax(0,1.15fr);gap:.15rem 1rem;align-items:center;padding:.3rem 0;"
"border-bottom:1px solid #eef1f4;break-inside:avoid;"
"page-break-inside:avoid}\n"
".lk-label{font-size:.88rem;line-height:1.3}\n"
".lk-label .code{font-weight:600;color:#57606a;margin-right:.3rem}\n"
".tag{font-size:.75rem;background:#eef1f4;border-radius:.6rem;"
"padding:0 .4rem;white-space:nowrap;color:#444}\n"
".lk-label .n{color:#6e7781;font-size:.78rem;white-space:nowrap}\n"
".lk-row svg{display:block;width:100%;height:auto}\n"
".lk-axis{border-bottom:0}\n"
"table.items{width:100%}\n"
".items li,.recs li{margin:.3rem 0}\n"
".recs h4{margin-bottom:.1rem}\n"
"@media (max-width:40rem){body{padding:.75rem}"
".lk-row{grid-template-columns:1fr}.lk-axis>div:first-child{display:none}"
"svg.wide{display:none}svg.narrow{display:block}"
"nav ol{columns:1}h1{font-size:1.45rem}}\n"
"@page{size:A4;margin:14mm 12mm}\n"
"@media print{body{max-width:none;padding:0;font-size:10pt}"
"nav{display:none}h2{break-after:avoid;page-break-after:avoid}"
"h3,h4{break-after:avoid;page-break-after:avoid}"
"svg.chart{max-width:140mm}svg.wide{display:block}svg.narrow{display:none}"
"table{font-size:8pt}th,td{padding:.12rem .3rem}"
"figure.likert{break-inside:auto;page-break-inside:auto}"
".tw{overflow:visible}a{color:inherit;"
"text-decoration:none}tr{break-inside:avoid;page-break-inside:avoid}}\n";

static void
page_head(struct hctx *c, const char *title)
{
	out(c, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"generator\" content=\"plg-report\">\n<title>",
	    c->lang == LANG_NL ? "nl" : "en");
	esc(c, title);
	if (c->o->school != NULL && *c->o->school != '\0') {
		out(c, " \xe2\x80\x93 ");
		esc(c, c->o->school);
	}
	out(c, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

/* Start a chart: <svg> with its title and description, ids unique.  The
 * wide layout shows on screens and paper, the narrow one on phones. */
static void
svg_open(struct hctx *c, double h, const char *title, const char *desc)
{
	int id = ++c->nfig;

	out(c, "<svg class=\"chart %s\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\" "
	    "aria-labelledby=\"c%d-t c%d-d\" font-size=\"%.0f\">\n"
	    "<title id=\"c%d-t\">", c->narrow ? "narrow" : "wide", c->cw, h,
	    c->cw, h, id, id, FS, id);
	esc(c, title);
	out(c, "</title>\n<desc id=\"c%d-d\">", id);
	esc(c, desc);
	out(c, "</desc>\n");
}

/* SVG text, escaped, optionally broken into two lines. */
static void
svg_text(struct hctx *c, double x, double y, const char *anchor,
    double px, const char *attr, const char *s, double maxw)
{
	size_t cut = maxw > 0 ? wrap2(s, px, maxw) : 0;

	out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x,
	    cut ? y - px * 0.55 : y, anchor);
	if (px != FS)
		out(c, " font-size=\"%.1f\"", px);
	if (attr != NULL)
		out(c, " %s", attr);
	out(c, ">");
	if (cut) {
		out(c, "<tspan x=\"%.1f\">", x);
		esc_n(c, s, cut);
		out(c, "</tspan><tspan x=\"%.1f\" dy=\"%.1f\">", x, px * 1.1);
		esc(c, s + cut + 1);
		out(c, "</tspan>");
	} else
		esc(c, s);
	out(c, "</text>\n");
}

/* The font size, at most px and at least 9, at which s fits in maxw. */
static double
fit_px(const char *s, double px, double maxw)
{
	double w = text_w(s, px);

	if (w <= maxw || w <= 0)
		return px;
	px *= maxw / w;
	return px < 9 ? 9 : floor(px * 2) / 2;
}

/* What a chart draws: its caption and the scales it covers. */
struct chart {
	const char *title;
	size_t set;		/* grouped bars: the set of groups */
	size_t f;		/* the framework */
	const size_t *sc;	/* its scales */
	size_t n;
	const struct rpt_cmp *cmp;	/* forest: the comparison */
	const char *axis;	/* forest: the axis title */
	size_t v;		/* dumbbell: the variant */
};

/* A figure with a visible caption and the chart twice, wide and narrow;
 * CSS shows one of them. */
static void
figure(struct hctx *c, void (*draw)(struct hctx *, const struct chart *),
    const struct chart *ch)
{
	out(c, "<figure>\n<figcaption>");
	esc(c, ch->title);
	out(c, "</figcaption>\n");
	c->narrow = 0;
	c->cw = CW;
	draw(c, ch);
	c->narrow = 1;
	c->cw = CWN;
	draw(c, ch);
	c->narrow = 0;
	c->cw = CW;
	out(c, "</figure>\n");
}

/* A growing description string for <desc>. */
struct sbuf {
	char *s;
	size_t len, alloc;
};

static void
sb_add(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	XGROW(b->s, b->alloc, b->len + (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ==== legends ==== */

enum leg_kind {
	LEG_LINE, LEG_DASH, LEG_SQUARE, LEG_CIRCLE, LEG_ZONE, LEG_WHISKER,
	LEG_BOLD	/* no symbol: bold text */
};

struct leg {
	enum leg_kind kind;
	const char *colour;
	const char *label;
};

/* A legend entry's symbol at x, text baseline y. */
static void
leg_symbol(struct hctx *c, const struct leg *l, double x, double y)
{
	switch (l->kind) {
	case LEG_LINE:
	case LEG_DASH:
		out(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"3\"%s/>\n", x, y - 4, x + 24,
		    y - 4, l->colour, l->kind == LEG_DASH ?
		    " stroke-dasharray=\"6 3\"" : "");
		break;
	case LEG_SQUARE:
		out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" "
		    "height=\"11\" fill=\"%s\"/>\n", x + 1, y - 10, l->colour);
		break;
	case LEG_CIRCLE:
		out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
		    "fill=\"%s\"/>\n", x + 6, y - 4, l->colour);
		break;
	case LEG_ZONE:
		out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"13\" "
		    "height=\"12\" fill=\"%s\" stroke=\"#b9c1ca\"/>\n", x,
		    y - 11, l->colour);
		break;
	case LEG_WHISKER:
		out(c, "<g stroke=\"#111\" stroke-width=\"1.6\">"
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "</g>\n", x, y - 4, x + 24, y - 4, x, y - 9, x, y + 1,
		    x + 24, y - 9, x + 24, y + 1);
		break;
	case LEG_BOLD:
		break;
	}
}

/* Lay out legend entries in rows of 20 starting with baseline y, wrapping
 * at the chart's width; draws them when draw.  Returns the height used. */
static double
legend(struct hctx *c, const struct leg *l, size_t n, double x0, double y,
    int draw)
{
	double x = x0, w, h = 20, sym;
	size_t i;

	for (i = 0; i < n; i++) {
		sym = l[i].kind == LEG_BOLD ? 0 : l[i].kind == LEG_LINE ||
		    l[i].kind == LEG_DASH || l[i].kind == LEG_WHISKER ? 30 : 18;
		w = sym + text_w(l[i].label, 12) * (l[i].kind == LEG_BOLD ?
		    1.12 : 1) + 18;
		if (x + w - 14 > c->cw && x > x0) {
			x = x0;
			y += 20;
			h += 20;
		}
		if (draw) {
			leg_symbol(c, &l[i], x, y);
			svg_text(c, x + sym, y, "start", 12,
			    l[i].kind == LEG_BOLD ? "font-weight=\"700\"" :
			    NULL, l[i].label, 0);
		}
		x += w;
	}
	return h;
}

/* Legend entries for the instrument's bands (chart zones); returns how
 * many were written to l (at most max). */
static size_t
band_legend(const struct hctx *c, struct leg *l, size_t max)
{
	size_t b, n = 0;

	for (b = 0; b < c->ins->nband && n < max; b++)
		if (c->ins->band[b].label[c->lang] != NULL) {
			l[n].kind = LEG_ZONE;
			l[n].colour = tone_col[rt_band_tone(c->ins,
			    &c->ins->band[b])][1];
			l[n++].label = c->ins->band[b].label[c->lang];
		}
	return n;
}

/* ==== mean-scale geometry shared by bars, dot plot and grouped bars ==== */

struct axis {
	double x0, x1;		/* plot area */
	double lo, hi;		/* value range */
};

static double
ax_x(const struct axis *a, double v)
{
	if (v < a->lo)
		v = a->lo;
	if (v > a->hi)
		v = a->hi;
	return a->x0 + (v - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

/* The plot area of a mean chart: right of the labels in the wide layout,
 * the whole width (labels above the bars) in the narrow one; right is the
 * room kept for values. */
static void
ax_init(const struct hctx *c, struct axis *a, double right)
{
	a->x0 = c->narrow ? 6 : c->lw + 16;
	a->x1 = c->cw - right;
	a->lo = c->ins->min;
	a->hi = c->ins->max;
}

/* Band zones from y0 to y1 with their labels above y0 (when labels). */
static void
draw_zones(struct hctx *c, const struct axis *a, double y0, double y1,
    int labels)
{
	const struct instrument *ins = c->ins;
	size_t b;
	double lo, hi, xa, xb, px;
	enum rt_tone t;
	const char *lab;
	char attr[64];

	for (b = 0; b < ins->nband; b++) {
		lo = ins->band[b].lower;
		hi = b + 1 < ins->nband ? ins->band[b + 1].lower : a->hi;
		if (hi <= a->lo || lo >= a->hi)
			continue;
		xa = ax_x(a, lo);
		xb = ax_x(a, hi);
		t = rt_band_tone(ins, &ins->band[b]);
		out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", xa, y0, xb - xa, y1 - y0,
		    tone_col[t][1]);
		lab = ins->band[b].label[c->lang];
		if (!labels || lab == NULL)
			continue;
		px = fit_px(lab, 12, xb - xa - 4);
		if (text_w(lab, px) > xb - xa - 2)
			continue;
		snprintf(attr, sizeof(attr), "style=\"fill:%s\"",
		    tone_col[t][2]);
		svg_text(c, (xa + xb) / 2, y0 - 8, "middle", px, attr, lab, 0);
	}
}

/* Grid lines at whole answer values and their labels below y1, with the
 * axis title under them.  Returns the y below the title. */
static double
draw_grid(struct hctx *c, const struct axis *a, double y0, double y1)
{
	const struct instrument *ins = c->ins;
	double v, step = 1, x;
	char buf[160];
	const char *llo, *lhi;

	while ((a->hi - a->lo) / step > 10)
		step *= 2;
	for (v = ceil(a->lo); v <= a->hi + 1e-9; v += step) {
		x = ax_x(a, v);
		out(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#c8ced6\" stroke-width=\"1\"/>\n", x, y0, x, y1);
		out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		    "font-size=\"12\">%g</text>\n", x, y1 + 16, x - a->x0 < 6 ?
		    "start" : "middle", v);
	}
	llo = instrument_value_label(ins, ins->min, c->lang);
	lhi = instrument_value_label(ins, ins->max, c->lang);
	snprintf(buf, sizeof(buf), H(c, H_AXIS_MEAN), ins->min,
	    llo != NULL ? llo : "", ins->max, lhi != NULL ? lhi : "");
	svg_text(c, (a->x0 + a->x1) / 2, y1 + 36, "middle",
	    fit_px(buf, 12, a->x1 - a->x0 + 20), "style=\"fill:#57606a\"",
	    buf, 0);
	return y1 + 44;
}

/* A scale's label in a mean chart: left of the plot (wide) or above the
 * bar starting at y (narrow); yc is the bar's centre in the wide layout. */
static void
row_label(struct hctx *c, const struct axis *a, double yc, double ytop,
    const char *s, double right)
{
	if (c->narrow)
		svg_text(c, a->x0, ytop + 14, "start", fit_px(s, FS, c->cw -
		    a->x0 - right), NULL, s, 0);
	else
		svg_text(c, a->x0 - 10, yc + 5, "end", FS, NULL, s, c->lw);
}

/* ==== chart 1: bars with confidence intervals ==== */

static void
chart_bars(struct hctx *c, const struct chart *ch)
{
	const struct rpt_stat *st;
	struct sbuf d = { NULL, 0, 0 };
	struct axis a;
	struct leg l[1];
	char buf[32], b2[32], b3[32];
	size_t i;
	double top = 30, lab = c->narrow ? 20 : 0, rowh = 42 + lab, y, yc, h;
	double xe, xl, xh, legy, legh;

	sb_add(&d, "%s", H(c, H_BARS_DESC));
	for (i = 0; i < ch->n; i++)
		if ((st = sstat(c->total, ch->sc[i])) != NULL)
			sb_add(&d, " %s: %s (%s\xe2\x80\x93%s).",
			    scale_name(c, ch->sc[i]), rt_num2(buf, sizeof(buf),
			    st->mean), rt_num2(b2, sizeof(b2), st->ci_low),
			    rt_num2(b3, sizeof(b3), st->ci_high));
	ax_init(c, &a, 52);
	l[0] = (struct leg){ LEG_WHISKER, NULL, H(c, H_CI) };
	legh = legend(c, l, 1, a.x0, 0, 0);
	h = top + ch->n * rowh + 44 + legh + 8;
	svg_open(c, h, ch->title, d.s);
	free(d.s);
	draw_zones(c, &a, top, top + ch->n * rowh, 1);
	legy = draw_grid(c, &a, top, top + ch->n * rowh);
	for (i = 0; i < ch->n; i++) {
		y = top + i * rowh;
		yc = y + lab + (rowh - lab) / 2;
		row_label(c, &a, yc, y, scale_name(c, ch->sc[i]), 8);
		if ((st = sstat(c->total, ch->sc[i])) == NULL)
			continue;
		xe = ax_x(&a, st->mean);
		out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"20\" fill=\"#7d9bd0\"/>\n", a.x0, yc - 10,
		    xe - a.x0);
		if (!isnan(st->ci_low) && !isnan(st->ci_high)) {
			xl = ax_x(&a, st->ci_low);
			xh = ax_x(&a, st->ci_high);
			out(c, "<g stroke=\"#111\" stroke-width=\"1.6\">"
			    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
			    xl, yc, xh, yc, xl, yc - 6, xl, yc + 6, xh, yc - 6,
			    xh, yc + 6);
			if (xh > xe)
				xe = xh;
		}
		rt_num2(buf, sizeof(buf), st->mean);
		if (xe + 8 + text_w(buf, 13) < c->cw)
			out(c, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
			    "font-weight=\"700\">%s</text>\n", xe + 6, yc + 5,
			    buf);
		else
			out(c, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
			    "font-weight=\"700\" text-anchor=\"end\">%s"
			    "</text>\n", ax_x(&a, st->mean) - 6, yc + 5, buf);
	}
	legend(c, l, 1, a.x0, legy + 14, 1);
	out(c, "</svg>\n");
}

/* ==== chart 2: radar ==== */

struct series {
	const struct rpt_group *g;
	const char *label;
	const char *colour;
	int dashed;
};

static void
radar_point(double cx, double cy, double r, size_t i, size_t n, double *x,
    double *y)
{
	double ang = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;

	*x = cx + r * cos(ang);
	*y = cy + r * sin(ang);
}

static void
radar_poly(struct hctx *c, double cx, double cy, double R, size_t n,
    const double *val, const char *attr)
{
	size_t i;
	double x, y, lo = c->ins->min, hi = c->ins->max;

	out(c, "<polygon points=\"");
	for (i = 0; i < n; i++) {
		double v = val[i] < lo ? lo : val[i] > hi ? hi : val[i];
		radar_point(cx, cy, R * (v - lo) / (hi - lo), i, n, &x, &y);
		out(c, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	out(c, "\" %s/>\n", attr);
}

/* 1 if s, broken into at most two lines by wrap2(), fits maxw at px. */
static int
lines_fit(const char *s, double px, double maxw)
{
	size_t cut = wrap2(s, px, maxw), n = 0;
	const char *p;

	if (cut == 0)
		return text_w(s, px) <= maxw;
	for (p = s; p < s + cut; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	return n * px * 0.56 <= maxw && text_w(s + cut + 1, px) <= maxw;
}

/* The whole school, and leaders and teachers when both are shown. */
static size_t
radar_series(const struct hctx *c, struct series *ser)
{
	size_t ns = 0;

	if (c->total != NULL)
		ser[ns++] = (struct series){ c->total, c->school_label,
		    COL_SCHOOL, 0 };
	if (c->leader != NULL && c->teacher != NULL) {
		ser[ns++] = (struct series){ c->leader,
		    rt_role_group(c->lang, "leader"), COL_LEADER, 1 };
		ser[ns++] = (struct series){ c->teacher,
		    rt_role_group(c->lang, "teacher"), COL_TEACHER, 0 };
	}
	return ns;
}

/* The scale names around the rim; numbers in the narrow layout. */
static void
radar_labels(struct hctx *c, const struct chart *ch, double cx, double cy,
    double R, double px)
{
	size_t i, n = ch->n;
	double x, y, ca, room, p, maxw = c->narrow ? 130 : 200;
	const char *anchor, *s;
	char num[32];

	for (i = 0; i < n; i++) {
		radar_point(cx, cy, R + 12, i, n, &x, &y);
		ca = cos(-M_PI / 2 + 2 * M_PI * (double)i / (double)n);
		anchor = fabs(ca) < 0.2 ? "middle" : ca > 0 ? "start" : "end";
		if (y < cy - R * 0.8)
			y -= px * 0.6;
		else if (y > cy + R * 0.5)
			y += px + 2;
		else
			y += px * 0.35;
		room = fabs(ca) < 0.2 ? maxw : ca > 0 ? c->cw - x - 4 : x - 4;
		if (room > maxw)
			room = maxw;
		/* bold runs about a tenth wider than text_w() guesses */
		s = scale_name(c, ch->sc[i]);
		if (c->narrow) {	/* a number, keyed under the chart */
			snprintf(num, sizeof(num), "%zu", i + 1);
			s = num;
		}
		for (p = px; p > 9; p -= 0.5)
			if (lines_fit(s, p, 0.9 * room))
				break;
		svg_text(c, x, y, anchor, p, "font-weight=\"600\"", s,
		    0.9 * room);
	}
}

static void
chart_radar(struct hctx *c, const struct chart *ch)
{
	const struct instrument *ins = c->ins;
	struct series ser[3];
	struct sbuf d = { NULL, 0, 0 };
	struct leg l[8];
	size_t ns, nl, i, k, b, n = ch->n;
	double R = c->narrow ? 140 : 170, px = c->narrow ? 13 : FS;
	double cx = c->cw / 2, cy = R + 2.5 * px + 16, val[NMAXSCALE];
	double x, y, v, h, legh, keyh;
	char buf[32], attr[200];

	ns = radar_series(c, ser);
	sb_add(&d, "%s", H(c, H_RADAR_DESC));
	for (k = 0; k < ns; k++) {
		sb_add(&d, " %s:", ser[k].label);
		for (i = 0; i < n; i++) {
			const struct rpt_stat *st = sstat(ser[k].g, ch->sc[i]);
			sb_add(&d, " %s %s%s", scale_name(c, ch->sc[i]),
			    rt_num2(buf, sizeof(buf), st ? st->mean : NAN),
			    i + 1 < n ? ";" : ".");
		}
	}
	for (nl = 0; nl < ns; nl++)
		l[nl] = (struct leg){ ser[nl].dashed ? LEG_DASH : LEG_LINE,
		    ser[nl].colour, ser[nl].label };
	nl += band_legend(c, l + nl, 8 - nl);
	legh = legend(c, l, nl, 4, 0, 0);
	keyh = c->narrow ? 18.0 * n + 6 : 0;
	h = cy + R + 2.5 * px + 22 + keyh + legh;
	svg_open(c, h, ch->title, d.s);
	free(d.s);
	/* band zones as rings, outermost first */
	for (b = ins->nband; b-- > 0;) {
		double up = b + 1 < ins->nband ? ins->band[b + 1].lower :
		    ins->max;
		if (up <= ins->min)
			continue;
		for (i = 0; i < n; i++)
			val[i] = up;
		snprintf(attr, sizeof(attr), "fill=\"%s\" stroke=\"none\"",
		    tone_col[rt_band_tone(ins, &ins->band[b])][1]);
		radar_poly(c, cx, cy, R, n, val, attr);
	}
	/* rings at whole values, spokes, ring values */
	for (v = ceil(ins->min) + 1; v <= ins->max + 1e-9; v += 1) {
		for (i = 0; i < n; i++)
			val[i] = v;
		radar_poly(c, cx, cy, R, n, val,
		    "fill=\"none\" stroke=\"#c8ced6\"");
	}
	for (i = 0; i < n; i++) {
		radar_point(cx, cy, R, i, n, &x, &y);
		out(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#aab3bd\"/>\n", cx, cy, x, y);
	}
	for (v = ceil(ins->min); v <= ins->max + 1e-9; v += 1)
		out(c, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
		    "text-anchor=\"end\" style=\"fill:#57606a\">%g</text>\n",
		    cx - 5, cy - R * (v - ins->min) / (ins->max - ins->min) - 3,
		    v);
	for (k = 0; k < ns; k++) {
		for (i = 0; i < n; i++) {
			const struct rpt_stat *st = sstat(ser[k].g, ch->sc[i]);
			val[i] = st ? st->mean : ins->min;
		}
		snprintf(attr, sizeof(attr), "fill=\"%s\" fill-opacity=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"2.5\"%s", ser[k].colour,
		    k == 0 ? "0.12" : "0", ser[k].colour, ser[k].dashed ?
		    " stroke-dasharray=\"7 4\"" : "");
		radar_poly(c, cx, cy, R, n, val, attr);
		for (i = 0; i < n; i++) {
			radar_point(cx, cy, R * (val[i] - ins->min) /
			    (ins->max - ins->min), i, n, &x, &y);
			out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
			    "fill=\"%s\"/>\n", x, y, ser[k].colour);
		}
	}
	radar_labels(c, ch, cx, cy, R, px);
	for (i = 0; c->narrow && i < n; i++) {
		y = cy + R + 2.5 * px + 12 + 18.0 * i;
		out(c, "<text x=\"4\" y=\"%.1f\" font-weight=\"600\">%zu"
		    "</text>\n", y, i + 1);
		svg_text(c, 22, y, "start", fit_px(scale_name(c, ch->sc[i]), 13,
		    c->cw - 26), NULL, scale_name(c, ch->sc[i]), 0);
	}
	legend(c, l, nl, 4, h - legh + 8, 1);
	out(c, "</svg>\n");
}

/* ==== chart 3: diverging stacked bars of the answers ==== */

#define LK_W	440.0	/* width of one statement's bar */
#define LK_H	28.0

/* Colour of answer value index v (0-based of nv), around the centre. */
static const char *
lk_colour(const struct hctx *c, size_t v, size_t nv, int *dark)
{
	static const char *const red[] = { "#b2182b", "#d6604d", "#f4a582",
	    "#fddbc7" };
	static const char *const blue[] = { "#2166ac", "#4393c3", "#92c5de",
	    "#d1e5f0" };
	double mid = (c->ins->min + c->ins->max) / 2;
	double val = c->ins->value[v];
	size_t k, i, j, idx;

	*dark = 0;
	if (fabs(val - mid) < 1e-9)
		return "#d9d9d9";
	if (val < mid) {
		for (k = 0, i = 0; i < nv; i++)
			if (c->ins->value[i] < mid - 1e-9)
				k++;
		idx = v * 4 / k;
		*dark = idx < 2;
		return red[idx];
	}
	for (k = 0, j = 0, i = 0; i < nv; i++)
		if (c->ins->value[i] > mid + 1e-9) {
			k++;
			if (i > v)
				j++;
		}
	idx = j * 4 / k;
	*dark = idx < 2;
	return blue[idx];
}

/* Left and right extent (shares) of an item's bar around the centre. */
static void
lk_extent(const struct hctx *c, const struct rpt_stat *st, double *left,
    double *right)
{
	double mid = (c->ins->min + c->ins->max) / 2, tot = 0;
	size_t v;

	*left = *right = 0;
	for (v = 0; v < c->ins->nvalue; v++)
		tot += isnan(st->count[v]) ? 0 : st->count[v];
	if (tot <= 0)
		return;
	for (v = 0; v < c->ins->nvalue; v++) {
		double p = (isnan(st->count[v]) ? 0 : st->count[v]) / tot;
		double val = c->ins->value[v];
		if (fabs(val - mid) < 1e-9) {
			*left += p / 2;
			*right += p / 2;
		} else if (val < mid)
			*left += p;
		else
			*right += p;
	}
}

static int
lk_usable(const struct hctx *c, size_t it)
{
	const struct rpt_stat *st;

	if (c->total == NULL)
		return 0;
	st = &c->total->item[it];
	return st->present && st->count != NULL && st->n > 0;
}

static void
lk_row(struct hctx *c, size_t it, double ext)
{
	const struct instrument *ins = c->ins;
	const struct rpt_stat *st = &c->total->item[it];
	double tot = 0, left, right, x, w, p, cx = LK_W / 2, sc;
	double mid = (ins->min + ins->max) / 2;
	size_t v;
	int id, dark;
	const char *col, *lab;
	char buf[64];

	for (v = 0; v < ins->nvalue; v++)
		tot += isnan(st->count[v]) ? 0 : st->count[v];
	lk_extent(c, st, &left, &right);
	sc = cx / ext;
	id = ++c->nfig;
	out(c, "<div class=\"lk-row\"><div class=\"lk-label\">"
	    "<span class=\"code\">");
	esc(c, ins->item[it].code);
	out(c, "</span>");
	esc(c, item_text(c, it));
	reverse_tag(c, it);
	out(c, " <span class=\"n\">(");
	escf(c, H(c, H_ANSWERS_N), tot);
	out(c, ")</span></div>\n");
	out(c, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-labelledby=\"c%d-t c%d-d\" font-size=\"11\">"
	    "<title id=\"c%d-t\">", LK_W, LK_H, LK_W, LK_H, id, id, id);
	esc(c, ins->item[it].code);
	out(c, ": ");
	esc(c, item_text(c, it));
	out(c, "</title><desc id=\"c%d-d\">", id);
	for (v = 0; v < ins->nvalue; v++) {
		lab = instrument_value_label(ins, ins->value[v], c->lang);
		p = tot > 0 ? 100 * (isnan(st->count[v]) ? 0 : st->count[v]) /
		    tot : 0;
		escf(c, "%s%s %.0f%%", v ? ", " : "", lab ? lab : "?", p);
	}
	out(c, "</desc>\n");
	/* the centre line first: it shows above and below every bar */
	out(c, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" "
	    "stroke=\"#333\" stroke-width=\"1.5\"/>", cx, cx, LK_H);
	x = cx - left * sc;
	for (v = 0; v < ins->nvalue; v++) {
		p = tot > 0 && !isnan(st->count[v]) ? st->count[v] / tot : 0;
		w = p * sc;
		if (w <= 0)
			continue;
		col = lk_colour(c, v, ins->nvalue, &dark);
		out(c, "<rect x=\"%.2f\" y=\"5\" width=\"%.2f\" "
		    "height=\"%.0f\" fill=\"%s\" stroke=\"#fff\" "
		    "stroke-width=\"0.75\"/>", x, w, LK_H - 10, col);
		if (w >= 24) {
			double tx = x + w / 2;
			/* the neutral share reads best on the centre line */
			if (fabs(ins->value[v] - mid) < 1e-9)
				tx = cx;
			snprintf(buf, sizeof(buf), "%.0f%%", 100 * p);
			out(c, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\"%s>%s</text>", tx,
			    LK_H / 2 + 4, dark ? " style=\"fill:#fff\"" : "",
			    buf);
		}
		x += w;
	}
	out(c, "</svg></div>\n");
}

/* The axis under the bars: shares left and right of the centre. */
static void
lk_axis(struct hctx *c, double ext)
{
	double cx = LK_W / 2, t, x, step = ext > 0.6 ? 0.25 : 0.1;

	out(c, "<div class=\"lk-row lk-axis\"><div class=\"note\">");
	esc(c, H(c, H_LIKERT_AXIS));
	out(c, "</div><svg viewBox=\"0 0 %.0f 22\" width=\"%.0f\" "
	    "height=\"22\" aria-hidden=\"true\" font-size=\"11\">"
	    "<line x1=\"0\" y1=\"3\" x2=\"%.0f\" y2=\"3\" stroke=\"#999\"/>",
	    LK_W, LK_W, LK_W);
	for (t = 0; t <= ext + 1e-9; t += step) {
		int k;
		for (k = -1; k <= 1; k += 2) {
			if (t == 0 && k == 1)
				continue;
			x = cx + k * t * cx / ext;
			out(c, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" "
			    "y2=\"6\" stroke=\"#999\"/><text x=\"%.1f\" "
			    "y=\"18\" text-anchor=\"%s\" "
			    "style=\"fill:#57606a\">%.0f%%</text>", x, x, x,
			    x < 12 ? "start" : x > LK_W - 12 ? "end" :
			    "middle", 100 * t);
		}
	}
	out(c, "</svg></div>\n");
}

/* Legend of the answer values, as HTML so it wraps on a phone. */
static void
lk_legend(struct hctx *c)
{
	size_t v;
	int dark;
	const char *lab;

	out(c, "<ul class=\"legend\">");
	for (v = 0; v < c->ins->nvalue; v++) {
		lab = instrument_value_label(c->ins, c->ins->value[v], c->lang);
		out(c, "<li><span class=\"sw\" style=\"background:%s\"></span>",
		    lk_colour(c, v, c->ins->nvalue, &dark));
		if (lab != NULL)
			esc(c, lab);
		else
			out(c, "%g", c->ins->value[v]);
		out(c, "</li>");
	}
	out(c, "</ul>\n");
}

static void
chart_likert(struct hctx *c, size_t f, const size_t *sc, size_t n)
{
	const struct instrument *ins = c->ins;
	size_t i, j, it;
	double l, rgt, ext = 0.5;
	int any = 0, rev = 0;
	char title[300];

	for (i = 0; i < n; i++)
		for (j = 0; j < ins->scale[sc[i]].nitem; j++) {
			it = ins->scale[sc[i]].item[j];
			if (!lk_usable(c, it))
				continue;
			any = 1;
			rev |= ins->item[it].reverse;
			lk_extent(c, &c->total->item[it], &l, &rgt);
			if (l > ext)
				ext = l;
			if (rgt > ext)
				ext = rgt;
		}
	if (!any)
		return;
	ext = ceil(ext * 10 - 1e-9) / 10;
	snprintf(title, sizeof(title), H(c, H_LIKERT_TITLE), scale_name(c, f));
	out(c, "<figure class=\"likert\">\n<figcaption>");
	esc(c, title);
	out(c, "</figcaption>\n");
	lk_legend(c);
	if (rev) {
		out(c, "<p class=\"note\">");
		esc(c, T(c, RT_REVERSE_NOTE));
		out(c, "</p>\n");
	}
	for (i = 0; i < n; i++) {
		if (n > 1 || sc[i] != f) {
			out(c, "<h4 class=\"lk-scale\">");
			esc(c, scale_name(c, sc[i]));
			out(c, "</h4>\n");
		}
		for (j = 0; j < ins->scale[sc[i]].nitem; j++)
			if (lk_usable(c, ins->scale[sc[i]].item[j]))
				lk_row(c, ins->scale[sc[i]].item[j], ext);
	}
	lk_axis(c, ext);
	out(c, "</figure>\n");
}

/* ==== chart 4a: two values per scale (leaders and teachers; current and
 * desired) ==== */

/* All scales of every framework, in order, with -1 - f marking the start
 * of framework f.  Returns the count; caller frees *out. */
static size_t
all_rows(const struct hctx *c, long **out)
{
	size_t f, i, n = 0, ns, sc[NMAXSCALE];
	long *v = xcalloc(c->ins->nscale * 2 + 1, sizeof(long));

	for (f = 0; f < c->ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		v[n++] = -1 - (long)f;
		ns = fw_scales(c, f, sc);
		for (i = 0; i < ns; i++)
			v[n++] = (long)sc[i];
	}
	*out = v;
	return n;
}

/* What a dot plot of two series shows: each scale's two values joined by
 * a line, a circle for one series and a square for the other, and their
 * difference on the right. */
struct dots {
	const char *desc;	/* the description's first sentence */
	const char *name[2];	/* the series, in the description's order */
	const char *colour[2];
	int circle;		/* the series drawn as a circle */
	int first_minus;	/* difference: v[0] - v[1], else v[1] - v[0] */
	const char *bold;	/* legend of a bold (clear) difference, or
				 * NULL: never bold */
	/* both values of scale s in v (NAN when missing); returns 1 when
	 * their difference is clear */
	int (*values)(const struct hctx *, const struct chart *, size_t s,
	    double *v);
};

static void
chart_dots(struct hctx *c, const struct chart *ch, const struct dots *ds)
{
	long *row;
	size_t n = all_rows(c, &row), i, k;
	struct sbuf d = { NULL, 0, 0 };
	struct axis ax;
	struct leg l[3];
	double top = 30, hrow = 26, lab = c->narrow ? 18 : 0, rowh = 28 + lab;
	double y, yc, h, x[2], legh, plot, v[2];
	char buf[32], b2[32];
	int clear;

	sb_add(&d, "%s", ds->desc);
	for (plot = 0, i = 0; i < n; i++) {
		if (row[i] < 0) {
			plot += hrow;
			continue;
		}
		plot += rowh;
		ds->values(c, ch, (size_t)row[i], v);
		sb_add(&d, " %s: %s %s, %s %s.", scale_name(c, (size_t)row[i]),
		    ds->name[0], rt_num2(buf, sizeof(buf), v[0]), ds->name[1],
		    rt_num2(b2, sizeof(b2), v[1]));
	}
	ax_init(c, &ax, c->narrow ? 12 : 70);
	for (k = 0; k < 2; k++)
		l[k] = (struct leg){ (int)k == ds->circle ? LEG_CIRCLE :
		    LEG_SQUARE, ds->colour[k], ds->name[k] };
	l[2] = (struct leg){ LEG_BOLD, NULL, ds->bold };
	legh = legend(c, l, ds->bold != NULL ? 3 : 2, ax.x0, 0, 0);
	h = top + plot + 44 + legh + 8;
	svg_open(c, h, ch->title, d.s);
	free(d.s);
	draw_zones(c, &ax, top, top + plot, 1);
	y = draw_grid(c, &ax, top, top + plot);
	legend(c, l, ds->bold != NULL ? 3 : 2, ax.x0, y + 14, 1);
	if (!c->narrow)
		out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "font-size=\"12\" font-weight=\"700\">%s</text>\n",
		    c->cw - 2, top - 8, T(c, RT_COL_GAP));
	for (y = top, i = 0; i < n; i++) {
		if (row[i] < 0) {
			const char *fw = scale_name(c, (size_t)(-1 - row[i]));
			svg_text(c, 2, y + hrow / 2 + 5, "start", fit_px(fw, 13,
			    c->cw - 4), "font-weight=\"700\" "
			    "style=\"fill:#444\"", fw, 0);
			y += hrow;
			continue;
		}
		yc = y + lab + (rowh - lab) / 2;
		row_label(c, &ax, yc, y, scale_name(c, (size_t)row[i]), 50);
		clear = ds->values(c, ch, (size_t)row[i], v);
		y += rowh;
		if (isnan(v[0]) || isnan(v[1]))
			continue;
		x[0] = ax_x(&ax, v[0]);
		x[1] = ax_x(&ax, v[1]);
		out(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#8c959f\" stroke-width=\"3\"/>\n", x[0], yc,
		    x[1], yc);
		k = (size_t)ds->circle;
		out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
		    "fill=\"%s\"/>\n", x[k], yc, ds->colour[k]);
		k = 1 - k;
		out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" "
		    "fill=\"%s\"/>\n", x[k] - 5.5, yc - 5.5, ds->colour[k]);
		out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "font-size=\"13\"%s>%s</text>\n", c->cw - 2, c->narrow ?
		    y - rowh + 14 : yc + 5, clear ? " font-weight=\"700\"" : "",
		    rt_diff2(buf, sizeof(buf), ds->first_minus ? v[0] - v[1] :
		    v[1] - v[0]));
	}
	out(c, "</svg>\n");
	free(row);
}

/* Leaders' and teachers' means of scale s. */
static int
gap_values(const struct hctx *c, const struct chart *ch, size_t s, double *v)
{
	const struct rpt_stat *a = sstat(c->leader, s);
	const struct rpt_stat *b = sstat(c->teacher, s);

	(void)ch;
	v[0] = a != NULL ? a->mean : NAN;
	v[1] = b != NULL ? b->mean : NAN;
	return a != NULL && b != NULL && report_clear_gap(a, b);
}

static void
chart_gap(struct hctx *c, const struct chart *ch)
{
	struct dots ds = { H(c, H_GAP_DESC), { rt_role_group(c->lang,
	    "leader"), rt_role_group(c->lang, "teacher") }, { COL_LEADER,
	    COL_TEACHER }, 1, 1, H(c, H_GAP_BOLD), gap_values };

	chart_dots(c, ch, &ds);
}

/* ==== chart 4b: groups of one column side by side ==== */

static void
chart_groups(struct hctx *c, const struct chart *ch)
{
	const struct rpt_set *st = &c->r->set[ch->set];
	size_t gidx[NQUAL * 4], ng = 0, i, k;
	char *lab[NQUAL * 4], buf[32];
	struct leg l[NQUAL * 4];
	struct sbuf d = { NULL, 0, 0 };
	double barh = 13, gap = 3, cgap = 18, top, y, h, cl, legh;
	double labh = c->narrow ? 20 : 0;
	struct axis ax;

	for (i = 0; i < st->ngroup && ng < NQUAL * 4; i++)
		if (!c->r->group[st->group[i]].suppressed)
			gidx[ng++] = st->group[i];
	if (ng == 0)
		return;
	for (k = 0; k < ng; k++) {
		lab[k] = rt_group_label(c->r, &c->r->group[gidx[k]], c->lang);
		l[k] = (struct leg){ LEG_SQUARE, qual[k % NQUAL], lab[k] };
	}
	legh = legend(c, l, ng, 0, 0, 0);
	top = legh + 26;
	ax_init(c, &ax, 40);
	cl = labh + ng * (barh + gap) - gap + cgap;	/* one scale */
	h = top + ch->n * cl + 44 + 4;
	sb_add(&d, "%s", H(c, H_GROUPS_DESC));
	for (i = 0; i < ch->n; i++) {
		sb_add(&d, " %s:", scale_name(c, ch->sc[i]));
		for (k = 0; k < ng; k++) {
			const struct rpt_stat *s = sstat(&c->r->group[gidx[k]],
			    ch->sc[i]);
			sb_add(&d, " %s %s%s", lab[k], rt_num2(buf, sizeof(buf),
			    s ? s->mean : NAN), k + 1 < ng ? "," : ".");
		}
	}
	svg_open(c, h, ch->title, d.s);
	free(d.s);
	legend(c, l, ng, 0, 14, 1);
	draw_zones(c, &ax, top, top + ch->n * cl, 1);
	draw_grid(c, &ax, top, top + ch->n * cl);
	for (i = 0; i < ch->n; i++) {
		y = top + i * cl + cgap / 2;
		row_label(c, &ax, y + labh + (cl - cgap - labh) / 2, y - 4,
		    scale_name(c, ch->sc[i]), 8);
		for (k = 0; k < ng; k++) {
			const struct rpt_stat *s = sstat(&c->r->group[gidx[k]],
			    ch->sc[i]);
			double yb = y + labh + k * (barh + gap);
			if (s == NULL)
				continue;
			out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.0f\" fill=\"%s\"/>\n", ax.x0, yb,
			    ax_x(&ax, s->mean) - ax.x0, barh, qual[k % NQUAL]);
			out(c, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-size=\"11\">%s</text>\n",
			    ax_x(&ax, s->mean) + 4, yb + barh - 2,
			    rt_num2(buf, sizeof(buf), s->mean));
		}
	}
	out(c, "</svg>\n");
	for (k = 0; k < ng; k++)
		free(lab[k]);
}

/* ==== sections (the outline of report_plain.c's text report) ==== */

static void
band_chip(struct hctx *c, double mean, const char *text)
{
	const struct instr_band *b = report_band(c->r, mean);

	if (b == NULL) {
		esc(c, text);
		return;
	}
	out(c, "<span class=\"band band-%s\">",
	    tone_name(rt_band_tone(c->ins, b)));
	esc(c, text != NULL ? text : b->label[c->lang] != NULL ?
	    b->label[c->lang] : b->code);
	out(c, "</span>");
}

/* A mean in a table cell, in its band's colour. */
static void
mean_cell(struct hctx *c, double mean)
{
	char buf[32];

	out(c, "<td class=\"num\">");
	if (isnan(mean))
		out(c, "\xe2\x80\x93");
	else
		band_chip(c, mean, rt_num2(buf, sizeof(buf), mean));
	out(c, "</td>");
}

/* A heading row across ncol columns naming framework f. */
static void
fw_head(struct hctx *c, size_t f, size_t ncol)
{
	out(c, "<tr><th class=\"grp\" colspan=\"%zu\">", ncol);
	esc(c, scale_name(c, f));
	out(c, "</th></tr>\n");
}

/* Start the row of scale s in the table of framework f (s == f: the
 * framework as a whole, in bold). */
static void
fw_row(struct hctx *c, size_t s, size_t f)
{
	out(c, "<tr%s><td>", s == f ? " class=\"fw\"" : "");
	esc(c, s == f ? T(c, RT_FRAMEWORK_TOTAL) : scale_name(c, s));
	out(c, "</td>");
}

/* Start a table row with the name of scale s. */
static void
scale_row(struct hctx *c, size_t s)
{
	out(c, "<tr><td>");
	esc(c, scale_name(c, s));
	out(c, "</td>");
}

static void
th(struct hctx *c, const char *s, int num)
{
	out(c, "<th%s>", num ? " class=\"num\"" : "");
	esc(c, s);
	out(c, "</th>");
}

static void
p_open(struct hctx *c, const char *cls)
{
	if (cls != NULL)
		out(c, "<p class=\"%s\">", cls);
	else
		out(c, "<p>");
}

static void
para(struct hctx *c, const char *cls, const char *s)
{
	p_open(c, cls);
	esc(c, s);
	out(c, "</p>\n");
}

/* Open a table (of class cls, or none) and its heading row; th() the
 * headings, then table_body(), the rows, table_close(). */
static void
table_open(struct hctx *c, const char *cls)
{
	out(c, "<div class=\"tw\"><table%s%s%s>\n<thead><tr>", cls != NULL ?
	    " class=\"" : "", cls != NULL ? cls : "", cls != NULL ? "\"" : "");
}

static void
table_body(struct hctx *c)
{
	out(c, "</tr></thead>\n<tbody>\n");
}

static void
table_close(struct hctx *c)
{
	out(c, "</tbody></table></div>\n");
}

/* A numeric column's heading: the label of group g of r. */
static void
th_group(struct hctx *c, const struct report *r, const struct rpt_group *g)
{
	char *lab = rt_group_label(r, g, c->lang);

	th(c, lab, 1);
	free(lab);
}

/* A paragraph printed with fmt and its arguments (a text of
 * report_text.h that takes any), escaped. */
static void
paraf(struct hctx *c, const char *cls, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
paraf(struct hctx *c, const char *cls, const char *fmt, ...)
{
	va_list ap;

	p_open(c, cls);
	va_start(ap, fmt);
	escv(c, fmt, ap);
	va_end(ap);
	out(c, "</p>\n");
}

/* Write s escaped, then free it. */
static void
esc_free(struct hctx *c, char *s)
{
	esc(c, s);
	free(s);
}

static void
h2(struct hctx *c, const char *id, const char *s)
{
	out(c, "<h2 id=\"%s\">", id);
	esc(c, s);
	out(c, "</h2>\n");
}

static void
h3(struct hctx *c, const char *s)
{
	out(c, "<h3>");
	esc(c, s);
	out(c, "</h3>\n");
}

static void
sec_title(struct hctx *c, const char *title)
{
	const char *wave = report_wave_current(c->r);

	out(c, "<header>\n<h1>");
	esc(c, title);
	out(c, "</h1>\n");
	if (c->o->school != NULL)
		paraf(c, "sub", "%s: %s", T(c, RT_SCHOOL), c->o->school);
	if (wave != NULL)
		paraf(c, "sub", "%s: %s", rt_column_name(c->lang,
		    c->r->waves->col), wave);
	if (c->o->generated != NULL)
		paraf(c, "meta", "%s: %s", T(c, RT_GENERATED),
		    c->o->generated);
	out(c, "</header>\n");
}

static void
nav_item(struct hctx *c, const char *id, const char *s)
{
	out(c, "<li><a href=\"#%s\">", id);
	esc(c, s);
	out(c, "</a></li>\n");
}

static void
sec_nav(struct hctx *c)
{
	char id[32];
	size_t f;

	out(c, "<nav aria-labelledby=\"toc\"><strong id=\"toc\">");
	esc(c, H(c, H_CONTENTS));
	out(c, "</strong>\n<ol>\n");
	nav_item(c, "responses", T(c, RT_H_RESPONSES));
	if (c->total != NULL)
		for (f = 0; f < c->ins->nscale; f++)
			if (report_base_framework(c->r, f)) {
				snprintf(id, sizeof(id), "fw-%zu", f);
				nav_item(c, id, scale_name(c, f));
			}
	nav_item(c, "groups", T(c, RT_H_COMPARISON));
	if (c->ins->nvariant > 1 && report_has_variant(c->r, 1))
		nav_item(c, "variants", c->variants_title);
	if (c->r->waves != NULL)
		nav_item(c, "waves", T(c, RT_H_WAVES));
	if (c->r->ref != NULL)
		nav_item(c, "reference", T(c, RT_H_REFERENCE));
	nav_item(c, "recommendations", T(c, RT_H_RECOMMENDATIONS));
	if (c->total != NULL && c->r->has_items)
		nav_item(c, "answers", H(c, H_ANSWERS));
	nav_item(c, "anonymity", T(c, RT_H_ANONYMITY));
	nav_item(c, "reading", T(c, RT_H_READING));
	out(c, "</ol>\n</nav>\n");
}

static void
sec_responses(struct hctx *c)
{
	const struct report *r = c->r;
	const struct render_opts *o = c->o;
	size_t s, i, ncol = o->nstaff > 0 ? 4 : 2;
	unsigned long staff;
	int any;

	out(c, "<section>\n");
	h2(c, "responses", T(c, RT_H_RESPONSES));
	if (c->total != NULL) {
		paraf(c, NULL, T(c, RT_RESPONSES_TOTAL), c->total->n);
	}
	table_open(c, NULL);
	th(c, T(c, RT_COL_GROUP), 0);
	th(c, T(c, RT_COL_RESPONDENTS), 1);
	if (ncol == 4) {
		th(c, T(c, RT_COL_STAFF), 1);
		th(c, T(c, RT_COL_RATE), 1);
	}
	table_body(c);
	for (s = 0; s < r->nset; s++) {
		const struct rpt_set *st = &r->set[s];
		for (any = 0, i = 0; i < st->ngroup; i++)
			any |= r->group[st->group[i]].suppressed == RPT_SHOWN;
		if (!any)
			continue;
		if (st->ncol > 0) {
			out(c, "<tr><th class=\"grp\" colspan=\"%zu\">", ncol);
			esc_free(c, rt_set_label(r, st, c->lang));
			out(c, "</th></tr>\n");
		}
		for (i = 0; i < st->ngroup; i++) {
			const struct rpt_group *g = &r->group[st->group[i]];
			if (g->suppressed != RPT_SHOWN)
				continue;
			out(c, "<tr><td>");
			esc_free(c, rt_group_values(r, g, c->lang));
			out(c, "</td><td class=\"num\">%lu</td>", g->n);
			if (ncol == 4 && (staff = report_staff(r, g,
			    o->staff_group, o->staff_n, o->nstaff)) > 0)
				out(c, "<td class=\"num\">%lu</td>"
				    "<td class=\"num\">%.0f%%</td>", staff,
				    100.0 * (double)g->n / (double)staff);
			else if (ncol == 4)
				out(c, "<td></td><td></td>");
			out(c, "</tr>\n");
		}
	}
	table_close(c);
	if (ncol == 4)
		para(c, "note", T(c, RT_RATE_NOTE));
	out(c, "</section>\n");
}

/* The scale table of framework f for the whole school. */
static void
scale_table(struct hctx *c, size_t f)
{
	const struct rpt_stat *st;
	size_t kids[NMAXSCALE + 1], n, i, s;
	char buf[32];

	n = report_children(c->r, f, kids, NMAXSCALE);
	kids[n++] = f;		/* the framework as a whole, last */
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	th(c, T(c, RT_COL_MEAN), 1);
	th(c, T(c, RT_COL_SD), 1);
	th(c, T(c, RT_COL_N), 1);
	th(c, T(c, RT_COL_BAND), 0);
	th(c, T(c, RT_COL_NOTE), 0);
	table_body(c);
	for (i = 0; i < n; i++) {
		s = kids[i];
		st = &c->total->scale[s];
		fw_row(c, s, f);
		if (!st->present) {
			out(c, "<td class=\"num\">\xe2\x80\x93</td><td></td>"
			    "<td></td><td></td><td></td></tr>\n");
			continue;
		}
		out(c, "<td class=\"num\">%s</td>", rt_num2(buf, sizeof(buf),
		    st->mean));
		out(c, "<td class=\"num\">%s</td>", rt_num2(buf, sizeof(buf),
		    st->sd));
		out(c, "<td class=\"num\">%.0f</td><td>", isnan(st->n) ? 0 :
		    st->n);
		band_chip(c, st->mean, NULL);
		out(c, "</td><td>");
		if (report_high_spread(c->r, st->sd)) {
			out(c, "<span class=\"flag\">");
			esc(c, T(c, RT_HIGH_SPREAD_SHORT));
			out(c, "</span>");
		}
		out(c, "</td></tr>\n");
	}
	table_close(c);
}

/* "Strongest: X (3.94); weakest: Y (2.68)." for framework f. */
static void
extremes(struct hctx *c, size_t f)
{
	size_t best, worst;
	char b1[32], b2[32], *s1, *s2;

	if (!report_strongest_weakest(c->r, c->total, f, &best, &worst))
		return;
	s1 = xasprintf("%s (%s)", scale_name(c, best), rt_num2(b1,
	    sizeof(b1), report_mean(c->total, best)));
	s2 = xasprintf("%s (%s)", scale_name(c, worst), rt_num2(b2,
	    sizeof(b2), report_mean(c->total, worst)));
	paraf(c, NULL, T(c, RT_STRONGEST_WEAKEST), s1, s2);
	free(s1);
	free(s2);
}

static void
item_list(struct hctx *c, enum rt_msg head, const size_t *it, size_t n,
    int *reverse_seen)
{
	size_t i;

	h3(c, T(c, head));
	table_open(c, "items");
	th(c, T(c, RT_COL_MEAN), 1);
	th(c, T(c, RT_COL_CODE), 0);
	th(c, T(c, RT_COL_ITEM), 0);
	table_body(c);
	for (i = 0; i < n; i++) {
		out(c, "<tr>");
		mean_cell(c, c->total->item[it[i]].mean);
		out(c, "<td>");
		esc(c, c->ins->item[it[i]].code);
		out(c, "</td><td>");
		esc(c, item_text(c, it[i]));
		*reverse_seen |= reverse_tag(c, it[i]);
		out(c, "</td></tr>\n");
	}
	table_close(c);
}

/* Highest and lowest statements beneath framework f. */
static void
items_hi_lo(struct hctx *c, size_t f)
{
	struct rpt_high_low hl;
	int reverse_seen = 0;

	if (!c->r->has_items || report_high_low(c->r, c->total, f, &hl) == 0)
		return;
	item_list(c, RT_H_ITEMS_HIGH, hl.high, hl.nhigh, &reverse_seen);
	if (hl.nlow > 0)
		item_list(c, RT_H_ITEMS_LOW, hl.low, hl.nlow, &reverse_seen);
	if (reverse_seen)
		para(c, "note", T(c, RT_REVERSE_NOTE));
}

static void
sec_frameworks(struct hctx *c)
{
	size_t f, sc[NMAXSCALE], n;
	char id[32], title[400];
	struct chart ch;

	if (c->total == NULL) {
		para(c, NULL, T(c, RT_NO_TOTAL));
		return;
	}
	if (!c->r->has_items)
		para(c, "note", T(c, RT_NO_ITEMS));
	for (f = 0; f < c->ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		out(c, "<section>\n");
		snprintf(id, sizeof(id), "fw-%zu", f);
		h2(c, id, scale_name(c, f));
		scale_table(c, f);
		extremes(c, f);
		n = fw_scales(c, f, sc);
		ch.f = f;
		ch.sc = sc;
		ch.n = n;
		snprintf(title, sizeof(title), H(c, n >= 5 ? H_RADAR_TITLE :
		    H_BARS_TITLE), scale_name(c, f));
		ch.title = title;
		figure(c, n >= 5 ? chart_radar : chart_bars, &ch);
		items_hi_lo(c, f);
		out(c, "</section>\n");
	}
}

/* Leadership against teachers: the dot plot, then the table. */
static void
sec_gap(struct hctx *c)
{
	const struct rpt_group *L = c->leader, *Tg = c->teacher;
	char buf[32];
	size_t s;
	int clear, any = 0;
	struct chart ch;

	memset(&ch, 0, sizeof(ch));
	h3(c, T(c, RT_H_GAP));
	if (L == NULL || Tg == NULL) {
		para(c, NULL, T(c, RT_NO_GAP));
		return;
	}
	ch.title = H(c, H_GAP_TITLE);
	figure(c, chart_gap, &ch);
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	th(c, rt_role_group(c->lang, "leader"), 1);
	th(c, rt_role_group(c->lang, "teacher"), 1);
	th(c, T(c, RT_COL_GAP), 1);
	th(c, T(c, RT_COL_NOTE), 0);
	table_body(c);
	for (s = 0; s < c->ins->nscale; s++) {
		if (!report_base_scale(c->r, s))
			continue;
		clear = report_clear_gap(&L->scale[s], &Tg->scale[s]);
		any |= clear;
		scale_row(c, s);
		mean_cell(c, report_mean(L, s));
		mean_cell(c, report_mean(Tg, s));
		out(c, "<td class=\"num%s\">%s</td><td>", clear ? " clear" : "",
		    rt_diff2(buf, sizeof(buf), report_mean(L, s) -
		    report_mean(Tg, s)));
		if (clear)
			esc(c, T(c, RT_CLEAR_GAP));
		out(c, "</td></tr>\n");
	}
	table_close(c);
	para(c, "note", T(c, RT_GAP_EXPLAIN));
	if (any)
		para(c, "note", T(c, RT_DEF_GAP));
}

/* The grouped bars of the one-column set s, a figure per framework. */
static void
groups_figures(struct hctx *c, size_t s)
{
	char title[400], *low;
	size_t f, sc[NMAXSCALE];
	struct chart ch;

	low = xstrdup(rt_column_name(c->lang, c->r->bycol[c->r->set[s].
	    col[0]]));
	if (low[0] >= 'A' && low[0] <= 'Z')
		low[0] = (char)(low[0] - 'A' + 'a');
	for (f = 0; f < c->ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		snprintf(title, sizeof(title), H(c, H_GROUPS_TITLE),
		    scale_name(c, f), low);
		ch.title = title;
		ch.set = s;
		ch.f = f;
		ch.sc = sc;
		ch.n = fw_scales(c, f, sc);
		figure(c, chart_groups, &ch);
	}
	free(low);
}

/* Teams: a grouped bar chart per framework, then a table of means. */
static void
sec_teams(struct hctx *c)
{
	size_t gi[256], n, i, s;
	long set;

	if ((set = report_find_set(c->r, "team")) < 0)
		return;
	h3(c, T(c, RT_H_TEAMS));
	if ((n = report_shown_groups(c->r, "team", gi, 256)) == 0) {
		para(c, NULL, T(c, RT_NO_TEAMS));
		return;
	}
	groups_figures(c, (size_t)set);
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	for (i = 0; i < n; i++) {
		const struct rpt_group *g = &c->r->group[gi[i]];
		th(c, g->key[c->r->set[g->set].col[0]], 1);
	}
	table_body(c);
	for (s = 0; s < c->ins->nscale; s++) {
		if (!report_base_scale(c->r, s))
			continue;
		scale_row(c, s);
		for (i = 0; i < n; i++)
			mean_cell(c, report_mean(&c->r->group[gi[i]], s));
		out(c, "</tr>\n");
	}
	table_close(c);
	para(c, "note", T(c, RT_TEAMS_EXPLAIN));
}

/* The whole school's mean and each group's difference from it. */
static void
sec_school_groups(struct hctx *c)
{
	const struct rpt_group *S = c->total;
	size_t gi[256], n, i, s;
	char buf[32];

	if (S == NULL || (n = report_shown_groups(c->r, NULL, gi, 256)) == 0)
		return;
	h3(c, T(c, RT_H_SCHOOL_GROUPS));
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	th(c, c->school_label, 1);
	for (i = 0; i < n; i++)
		th_group(c, c->r, &c->r->group[gi[i]]);
	table_body(c);
	for (s = 0; s < c->ins->nscale; s++) {
		if (!report_base_scale(c->r, s))
			continue;
		scale_row(c, s);
		mean_cell(c, report_mean(S, s));
		for (i = 0; i < n; i++)
			out(c, "<td class=\"num\">%s</td>", rt_diff2(buf,
			    sizeof(buf), report_mean(&c->r->group[gi[i]], s) -
			    report_mean(S, s)));
		out(c, "</tr>\n");
	}
	table_close(c);
	para(c, "note", T(c, RT_SCHOOL_GROUPS_EXPLAIN));
}

static void
cross_head(struct hctx *c, const size_t *fr, size_t nf)
{
	size_t f;

	h3(c, T(c, RT_H_CROSS));
	table_open(c, NULL);
	th(c, T(c, RT_COL_GROUP), 0);
	th(c, T(c, RT_COL_N), 1);
	for (f = 0; f < nf; f++)
		th(c, scale_name(c, fr[f]), 1);
	table_body(c);
}

/* Groups of sets on several columns: respondents and framework means. */
static void
sec_cross(struct hctx *c)
{
	const struct report *r = c->r;
	size_t s, i, f, nf = 0, fr[64];
	const struct rpt_group *g;
	int started = 0;

	for (f = 0; f < c->ins->nscale && nf < 64; f++)
		if (report_base_framework(r, f))
			fr[nf++] = f;
	for (s = 0; s < r->nset; s++) {
		if (r->set[s].ncol < 2)
			continue;
		for (i = 0; i < r->set[s].ngroup; i++) {
			g = &r->group[r->set[s].group[i]];
			if (g->suppressed != RPT_SHOWN)
				continue;
			if (!started)
				cross_head(c, fr, nf);
			started = 1;
			out(c, "<tr><td>");
			esc_free(c, rt_group_values(r, g, c->lang));
			out(c, "</td><td class=\"num\">%lu</td>", g->n);
			for (f = 0; f < nf; f++)
				mean_cell(c, report_mean(g, fr[f]));
			out(c, "</tr>\n");
		}
	}
	if (started)
		table_close(c);
}

/* Grouped bars for the other one-column sets (not role group or team). */
static void
sec_other_sets(struct hctx *c)
{
	const struct report *r = c->r;
	size_t s, gi[1];
	const char *col;

	for (s = 0; s < r->nset; s++) {
		if (r->set[s].ncol != 1)
			continue;
		col = r->bycol[r->set[s].col[0]];
		if (strcmp(col, "role_group") == 0 ||
		    strcmp(col, "team") == 0 ||
		    report_shown_groups(r, col, gi, 1) == 0)
			continue;
		h3(c, rt_column_name(c->lang, col));
		groups_figures(c, s);
	}
}

static void
sec_comparison(struct hctx *c)
{
	out(c, "<section>\n");
	h2(c, "groups", T(c, RT_H_COMPARISON));
	sec_gap(c);
	sec_teams(c);
	sec_other_sets(c);
	sec_school_groups(c);
	sec_cross(c);
	out(c, "</section>\n");
}

/* ==== comparisons: current and desired, waves, the reference ==== */

#define COL_CURRENT "#0072B2"
#define COL_DESIRED "#009E73"
#define COL_UP "#1c5e2b"
#define COL_DOWN "#8f2418"
#define COL_NOISE "#6e7781"

/* The whole school's means of scale s, current (the base) and variant
 * ch->v. */
static int
variant_values(const struct hctx *c, const struct chart *ch, size_t s,
    double *v)
{
	v[0] = report_variant_mean(c->r, c->total, s, 0);
	v[1] = report_variant_mean(c->r, c->total, s, ch->v);
	return 0;
}

static void
chart_dumbbell(struct hctx *c, const struct chart *ch)
{
	char *na = rt_variant_name(c->ins, 0, c->lang);
	char *nb = rt_variant_name(c->ins, ch->v, c->lang);
	struct dots ds = { H(c, H_DUMBBELL_DESC), { na, nb }, { COL_CURRENT,
	    COL_DESIRED }, 0, 0, NULL, variant_values };

	chart_dots(c, ch, &ds);
	free(na);
	free(nb);
}

/* The colour of a compared difference. */
static const char *
verdict_colour(const struct rpt_diff *d)
{
	switch (compare_verdict(&d->res)) {
	case CMP_HIGHER: return COL_UP;
	case CMP_LOWER: return COL_DOWN;
	default: return COL_NOISE;
	}
}

/* Forest plot: per base framework (bold, plotted on its heading row) and
 * scale, the difference with its interval around a line at 0. */
static void
chart_forest(struct hctx *c, const struct chart *ch)
{
	long *row;
	size_t n = all_rows(c, &row), i, s;
	const struct rpt_diff *d;
	struct sbuf ds = { NULL, 0, 0 };
	struct axis ax;
	struct leg l[2];
	double top = 24, lab = c->narrow ? 18 : 0, rowh = 28 + lab;
	double y, yc, h, x, xl, xh, legh, plot, R = 0.5, v, step, lstep;
	char buf[32], b2[32], b3[32];
	int clear;

	sb_add(&ds, "%s", H(c, H_FOREST_DESC));
	for (i = 0; i < n; i++) {
		s = row[i] < 0 ? (size_t)(-1 - row[i]) : (size_t)row[i];
		if ((d = report_cmp_diff(ch->cmp, s)) == NULL)
			continue;
		if (d->status != RPT_CMP_OK || isnan(d->res.diff)) {
			sb_add(&ds, " %s: %s.", scale_name(c, s),
			    T(c, RT_NOT_COMPARED));
			continue;
		}
		sb_add(&ds, " %s: %s (%s %s\xe2\x80\x93%s).", scale_name(c, s),
		    rt_diff2(buf, sizeof(buf), d->res.diff), T(c, RT_COL_CI),
		    rt_diff2(b2, sizeof(b2), d->res.ci_low), rt_diff2(b3,
		    sizeof(b3), d->res.ci_high));
		for (v = fabs(d->res.diff), x = 0; x < 3; x++) {
			if (x == 1 && !isnan(d->res.ci_low))
				v = fabs(d->res.ci_low);
			if (x == 2 && !isnan(d->res.ci_high))
				v = fabs(d->res.ci_high);
			if (v > R)
				R = v;
		}
	}
	R = ceil(R * 2 - 1e-9) / 2;
	step = R <= 1 ? 0.25 : R <= 2 ? 0.5 : 1;
	plot = (double)n * rowh;
	ax.x0 = c->narrow ? 6 : c->lw + 16;
	ax.x1 = c->cw - (c->narrow ? 12 : 70);
	ax.lo = -R;
	ax.hi = R;
	l[0] = (struct leg){ LEG_WHISKER, NULL, H(c, H_LEG_CLEAR) };
	l[1] = (struct leg){ LEG_LINE, COL_NOISE, H(c, H_LEG_NOISE) };
	legh = legend(c, l, 2, ax.x0, 0, 0);
	h = top + plot + 44 + legh + 8;
	svg_open(c, h, ch->title, ds.s);
	free(ds.s);
	/* a label every lstep, far enough apart for "+0.75" */
	for (lstep = step; lstep * (ax.x1 - ax.x0) / (2 * R) < 56;)
		lstep *= 2;
	for (v = -R; v <= R + 1e-9; v += step) {
		x = ax_x(&ax, v);
		out(c, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"%s\"/>\n", x, top, x,
		    top + plot, fabs(v) < 1e-9 ? "#333333" : "#d8dee4",
		    fabs(v) < 1e-9 ? "1.5" : "1");
		if (fabs(remainder(v, lstep)) > 1e-9)
			continue;
		/* the outermost labels inside the chart, on a phone too */
		out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		    "font-size=\"12\">%s</text>\n", x, top + plot + 16,
		    v < -R + 1e-9 ? "start" : v > R - 1e-9 ? "end" : "middle",
		    fabs(v) < 1e-9 ? "0" : rt_diff2(buf, sizeof(buf), v));
	}
	svg_text(c, (ax.x0 + ax.x1) / 2, top + plot + 36, "middle",
	    fit_px(ch->axis, 12, ax.x1 - ax.x0 + 20),
	    "style=\"fill:#57606a\"", ch->axis, 0);
	legend(c, l, 2, ax.x0, top + plot + 58, 1);
	for (y = top, i = 0; i < n; i++, y += rowh) {
		s = row[i] < 0 ? (size_t)(-1 - row[i]) : (size_t)row[i];
		yc = y + lab + (rowh - lab) / 2;
		if (c->narrow)
			svg_text(c, ax.x0, y + 14, "start", fit_px(scale_name(c,
			    s), FS, c->cw - ax.x0 - 50), row[i] < 0 ?
			    "font-weight=\"700\"" : NULL, scale_name(c, s), 0);
		else
			svg_text(c, ax.x0 - 10, yc + 5, "end", FS, row[i] < 0 ?
			    "font-weight=\"700\"" : NULL, scale_name(c, s),
			    c->lw);
		if ((d = report_cmp_diff(ch->cmp, s)) == NULL)
			continue;
		if (d->status != RPT_CMP_OK || isnan(d->res.diff)) {
			out(c, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" font-size=\"12\" "
			    "font-style=\"italic\" style=\"fill:%s\">",
			    ax_x(&ax, 0), yc + 4, COL_NOISE);
			esc(c, T(c, RT_NOT_COMPARED));
			out(c, "</text>\n");
			continue;
		}
		clear = compare_verdict(&d->res) == CMP_HIGHER ||
		    compare_verdict(&d->res) == CMP_LOWER;
		if (!isnan(d->res.ci_low) && !isnan(d->res.ci_high)) {
			xl = ax_x(&ax, d->res.ci_low);
			xh = ax_x(&ax, d->res.ci_high);
			out(c, "<g stroke=\"%s\" stroke-width=\"%s\">"
			    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
			    clear ? "#111" : COL_NOISE, clear ? "1.8" : "1.4",
			    xl, yc, xh, yc, xl, yc - 5, xl, yc + 5, xh, yc - 5,
			    xh, yc + 5);
		}
		out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" "
		    "fill=\"%s\"/>\n", ax_x(&ax, d->res.diff), yc,
		    clear ? "6" : "4.5", verdict_colour(d));
		out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "font-size=\"13\"%s>%s</text>\n", c->cw - 2, c->narrow ?
		    y + 14 : yc + 5, clear ? " font-weight=\"700\"" : "",
		    rt_diff2(buf, sizeof(buf), d->res.diff));
	}
	out(c, "</svg>\n");
	free(row);
}

/* A table of the comparison cm: per base framework a heading row, its
 * scales, the framework as a whole; wave (w) or reference columns. */
static void
cmp_table(struct hctx *c, const struct rpt_waves *w,
    const struct rpt_reference *ref, const struct rpt_cmp *cm)
{
	size_t f, kids[NMAXSCALE + 1], n, i, ncol;
	const struct rpt_diff *d;
	const char *verdict;
	char buf[64], b2[32], b3[32];
	int rank = ref != NULL && ref->school_set >= 0, ok, clear;

	ncol = rank ? 8 : 7;
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	if (w != NULL) {
		th(c, w->value[cm->wa], 1);
		th(c, w->value[cm->wb], 1);
		th(c, T(c, RT_COL_CHANGE), 1);
	} else {
		th(c, T(c, RT_THIS_SCHOOL), 1);
		th(c, T(c, RT_COL_REFERENCE), 1);
		th(c, T(c, RT_COL_DIFF), 1);
	}
	th(c, T(c, RT_COL_CI), 1);
	th(c, T(c, RT_COL_G), 1);
	th(c, T(c, w != NULL ? RT_COL_VERDICT : RT_COL_POSITION), 0);
	if (rank)
		th(c, T(c, RT_COL_RANK), 1);
	table_body(c);
	for (f = 0; f < c->ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		fw_head(c, f, ncol);
		n = report_children(c->r, f, kids, NMAXSCALE);
		kids[n++] = f;
		for (i = 0; i < n; i++) {
			if ((d = report_cmp_diff(cm, kids[i])) == NULL)
				continue;
			ok = d->status == RPT_CMP_OK || w == NULL;
			clear = report_diff_clear(d);
			fw_row(c, kids[i], f);
			mean_cell(c, ok ? (w != NULL ? d->mean_a : d->mean_b) :
			    NAN);
			mean_cell(c, ok ? (w != NULL ? d->mean_b : d->mean_a) :
			    NAN);
			out(c, "<td class=\"num%s\">%s</td>", clear ?
			    " clear" : "", rt_diff2(buf, sizeof(buf),
			    d->res.diff));
			if (isnan(d->res.ci_low))
				out(c, "<td class=\"num\">\xe2\x80\x93</td>");
			else
				out(c, "<td class=\"num\">%s \xe2\x80\x93 "
				    "%s</td>", rt_diff2(b2, sizeof(b2),
				    d->res.ci_low), rt_diff2(b3, sizeof(b3),
				    d->res.ci_high));
			out(c, "<td class=\"num\">%s</td><td>", rt_diff2(buf,
			    sizeof(buf), d->res.g));
			verdict = rt_diff_verdict(c->lang, d, w == NULL);
			esc(c, verdict != NULL ? verdict : "\xe2\x80\x93");
			out(c, "</td>");
			if (rank) {
				out(c, "<td class=\"num\">");
				if (d->nrank > 0)
					escf(c, T(c, RT_RANK_OF), d->rank,
					    d->nrank);
				out(c, "</td>");
			}
			out(c, "</tr>\n");
		}
	}
	table_close(c);
}

/* Differences per scale (rows) and group (columns) of the one-column
 * groups among cm[0..n); bold when the interval excludes 0. */
static void
cmp_group_table(struct hctx *c, const struct rpt_cmp *cm, size_t n,
    enum rt_msg head, enum rt_msg note)
{
	size_t i, k, ng = 0, *gi = xcalloc(n + 1, sizeof(size_t)), s;
	const struct rpt_diff *d;
	char buf[32];
	int clear;

	for (i = 0; i < n; i++)
		if (cm[i].rb->set[cm[i].gb->set].ncol == 1)
			gi[ng++] = i;
	if (ng == 0) {
		free(gi);
		return;
	}
	h3(c, T(c, head));
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	for (i = 0; i < ng; i++)
		th_group(c, cm[gi[i]].rb, cm[gi[i]].gb);
	table_body(c);
	for (k = 0; k < cm[0].ndiff; k++) {
		s = cm[0].diff[k].scale;
		if (!report_base_scale(c->r, s))
			continue;
		scale_row(c, s);
		for (i = 0; i < ng; i++) {
			d = &cm[gi[i]].diff[k];
			if (d->status != RPT_CMP_OK || isnan(d->res.diff)) {
				out(c, "<td class=\"num\">\xe2\x80\x93</td>");
				continue;
			}
			clear = report_diff_clear(d);
			out(c, "<td class=\"num%s\">%s%s</td>", clear ?
			    " clear" : "", rt_diff2(buf, sizeof(buf),
			    d->res.diff), clear ? "*" : "");
		}
		out(c, "</tr>\n");
	}
	table_close(c);
	para(c, "note", T(c, note));
	free(gi);
}

static void
variant_tables(struct hctx *c, size_t v, const char *na, const char *nb)
{
	const struct instrument *ins = c->ins;
	size_t f, kids[NMAXSCALE + 1], n, i, *it, gi[256], ng, s;
	char buf[32];

	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	th(c, na, 1);
	th(c, nb, 1);
	th(c, T(c, RT_COL_GAP), 1);
	table_body(c);
	for (f = 0; f < ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		fw_head(c, f, 4);
		n = report_children(c->r, f, kids, NMAXSCALE);
		kids[n++] = f;
		for (i = 0; i < n; i++) {
			fw_row(c, kids[i], f);
			mean_cell(c, report_variant_mean(c->r, c->total,
			    kids[i], 0));
			mean_cell(c, report_variant_mean(c->r, c->total,
			    kids[i], v));
			out(c, "<td class=\"num\">%s</td></tr>\n", rt_diff2(buf,
			    sizeof(buf), report_variant_gap(c->r, c->total,
			    kids[i], v)));
		}
	}
	table_close(c);
	/* the statements with the largest gaps */
	it = xcalloc(ins->nitem + 1, sizeof(size_t));
	n = report_items_by_gap(c->r, c->total, v, it);
	if (n > RPT_NVARITEMS)
		n = RPT_NVARITEMS;
	if (n > 0) {
		h3(c, T(c, RT_H_VARIANT_ITEMS));
		table_open(c, "items");
		th(c, T(c, RT_COL_GAP), 1);
		th(c, na, 1);
		th(c, nb, 1);
		th(c, T(c, RT_COL_ITEM), 0);
		table_body(c);
		for (i = 0; i < n; i++) {
			out(c, "<tr><td class=\"num\">%s</td>", rt_diff2(buf,
			    sizeof(buf), report_variant_item_gap(c->r,
			    c->total, it[i], v)));
			mean_cell(c, report_variant_item_mean(c->r, c->total,
			    it[i], 0));
			mean_cell(c, report_variant_item_mean(c->r, c->total,
			    it[i], v));
			out(c, "<td><span class=\"code\">");
			esc(c, ins->item[it[i]].code);
			out(c, "</span> ");
			esc(c, item_text(c, it[i]));
			reverse_tag(c, it[i]);
			out(c, "</td></tr>\n");
		}
		table_close(c);
	}
	free(it);
	/* per group */
	if ((ng = report_shown_groups(c->r, NULL, gi, 256)) == 0)
		return;
	h3(c, T(c, RT_H_VARIANT_GROUPS));
	table_open(c, NULL);
	th(c, T(c, RT_COL_SCALE), 0);
	for (i = 0; i < ng; i++)
		th_group(c, c->r, &c->r->group[gi[i]]);
	table_body(c);
	for (s = 0; s < ins->nscale; s++) {
		if (!report_base_scale(c->r, s))
			continue;
		scale_row(c, s);
		for (i = 0; i < ng; i++)
			out(c, "<td class=\"num\">%s</td>", rt_diff2(buf,
			    sizeof(buf), report_variant_gap(c->r,
			    &c->r->group[gi[i]], s, v)));
		out(c, "</tr>\n");
	}
	table_close(c);
	para(c, "note", T(c, RT_VARIANT_GROUPS_EXPLAIN));
}

static void
sec_variants(struct hctx *c)
{
	const struct instrument *ins = c->ins;
	struct chart ch;
	char title[400], buf[32], *na, *nb, *list, *t;
	size_t v, n, i, *sc = xcalloc(ins->nscale + 1, sizeof(size_t));

	if (ins->nvariant < 2 || !report_has_variant(c->r, 1)) {
		free(sc);
		return;
	}
	out(c, "<section>\n");
	h2(c, "variants", c->variants_title);
	for (v = 1; v < ins->nvariant; v++) {
		if (!report_has_variant(c->r, v))
			continue;
		na = rt_variant_name(ins, 0, c->lang);
		nb = rt_variant_name(ins, v, c->lang);
		if (v > 1) {
			t = xasprintf(T(c, RT_H_VARIANTS), na,
			    ins->variant[v].name[c->lang]);
			h3(c, t);
			free(t);
		}
		if (c->total == NULL) {
			para(c, NULL, T(c, RT_NO_TOTAL));
			free(na);
			free(nb);
			continue;
		}
		paraf(c, NULL, T(c, RT_VARIANT_EXPLAIN),
		    ins->variant[v].name[c->lang],
		    ins->variant[0].name[c->lang]);
		n = report_scales_by_gap(c->r, c->total, v, sc);
		list = xstrdup("");
		for (i = 0; i < n && i < RPT_NVARSCALES; i++) {
			t = xasprintf("%s%s%s (%s)", list, i ? ", " : "",
			    scale_name(c, sc[i]), rt_diff2(buf, sizeof(buf),
			    report_variant_gap(c->r, c->total, sc[i], v)));
			free(list);
			list = t;
		}
		if (*list != '\0')
			paraf(c, NULL, T(c, RT_VARIANT_LARGEST), list);
		free(list);
		memset(&ch, 0, sizeof(ch));
		snprintf(title, sizeof(title), H(c, H_DUMBBELL_TITLE), na,
		    ins->variant[v].name[c->lang]);
		ch.title = title;
		ch.v = v;
		figure(c, chart_dumbbell, &ch);
		variant_tables(c, v, na, nb);
		free(na);
		free(nb);
	}
	out(c, "</section>\n");
	free(sc);
}

static void
wave_notes(struct hctx *c, const struct rpt_waves *w,
    const struct rpt_cmp *cm)
{
	size_t k;
	char *names = xstrdup(""), *t, *why;

	for (k = 0; k < cm->ndiff; k++) {
		if (cm->diff[k].status != RPT_CMP_ITEMS_DIFFER)
			continue;
		t = xasprintf("%s%s%s", names, *names ? ", " : "",
		    scale_name(c, cm->diff[k].scale));
		free(names);
		names = t;
	}
	if (report_cmp_unchecked(cm))
		para(c, NULL, T(c, RT_WAVES_UNCHECKED));
	if (*names != '\0') {
		why = rt_waves_differ_why(c->lang, w, cm);
		paraf(c, NULL, T(c, RT_WAVES_DIFFER), why, names);
		free(why);
	}
	free(names);
}

/* The heading of the pair of waves (wa, wb). */
static void
wave_pair(struct hctx *c, const struct rpt_waves *w, size_t wa, size_t wb)
{
	out(c, "<h3>");
	escf(c, T(c, RT_H_WAVE_PAIR), w->value[wb], w->value[wa]);
	out(c, "</h3>\n");
}

/* Groups of the pair (wa, wb) left out, by label. */
static void
wave_skipped(struct hctx *c, const struct rpt_waves *w, size_t wa,
    size_t wb)
{
	char *names = rt_waves_skipped(c->lang, w, wa, wb);

	if (*names != '\0')
		paraf(c, NULL, T(c, RT_WAVES_SKIPPED), c->r->min_n, names);
	free(names);
}

static void
sec_waves(struct hctx *c)
{
	const struct rpt_waves *w = c->r->waves;
	const struct rpt_cmp *cm, *tot;
	struct chart ch;
	char title[400], axis[300];
	size_t i, j;

	if (w == NULL || w->nwave == 0)
		return;
	out(c, "<section>\n");
	h2(c, "waves", T(c, RT_H_WAVES));
	if (w->nwave == 1) {
		paraf(c, NULL, T(c, RT_WAVES_ONE), w->value[0]);
		out(c, "</section>\n");
		return;
	}
	paraf(c, NULL, T(c, RT_WAVE_OF_REPORT), report_wave_current(c->r));
	for (i = 0; i < w->ncmp; i = j) {
		cm = &w->cmp[i];
		j = report_wave_pair_end(w, i);
		wave_pair(c, w, cm->wa, cm->wb);
		if ((tot = report_cmp_whole(cm, j - i)) != NULL &&
		    report_cmp_unchecked(tot)) {
			para(c, NULL, T(c, RT_WAVES_UNCHECKED));
			continue;
		}
		if (tot != NULL) {
			memset(&ch, 0, sizeof(ch));
			snprintf(title, sizeof(title), H(c, H_WAVE_TITLE),
			    w->value[cm->wb], w->value[cm->wa]);
			snprintf(axis, sizeof(axis), H(c, H_AXIS_CHANGE),
			    w->value[cm->wb], w->value[cm->wa]);
			ch.title = title;
			ch.axis = axis;
			ch.cmp = tot;
			figure(c, chart_forest, &ch);
			cmp_table(c, w, NULL, tot);
			paraf(c, "note", T(c, RT_WAVES_EXPLAIN),
			    w->value[cm->wb], w->value[cm->wa]);
			wave_notes(c, w, tot);
		} else
			para(c, NULL, T(c, RT_NO_TOTAL));
		cmp_group_table(c, cm, j - i, RT_H_WAVE_GROUPS,
		    RT_WAVE_GROUPS_EXPLAIN);
		wave_skipped(c, w, cm->wa, cm->wb);
	}
	for (i = 0; i < w->nskip; i++)	/* pairs with no group at all */
		if (report_wave_skip_alone(w, i)) {
			wave_pair(c, w, w->skip[i].wa, w->skip[i].wb);
			wave_skipped(c, w, w->skip[i].wa, w->skip[i].wb);
		}
	out(c, "</section>\n");
}

static void
sec_reference(struct hctx *c)
{
	const struct rpt_reference *ref = c->r->ref;
	const struct rpt_cmp *tot;
	struct chart ch;

	if (ref == NULL)
		return;
	out(c, "<section>\n");
	h2(c, "reference", T(c, RT_H_REFERENCE));
	if (ref->own >= 0 && c->o->school != NULL)
		paraf(c, NULL, T(c, RT_REF_OWN_REMOVED), c->o->school);
	tot = report_cmp_whole(ref->cmp, ref->ncmp);
	if (tot == NULL || !ref->total_shown)
		paraf(c, NULL, T(c, RT_REF_NOT_SHOWN), c->r->min_n);
	else {
		paraf(c, NULL, T(c, RT_REF_ABOUT), tot->n_a);
		memset(&ch, 0, sizeof(ch));
		ch.title = H(c, H_REF_TITLE);
		ch.axis = H(c, H_AXIS_DIFF);
		ch.cmp = tot;
		figure(c, chart_forest, &ch);
		cmp_table(c, NULL, ref, tot);
		para(c, "note", T(c, RT_REF_EXPLAIN));
		if (ref->school_set >= 0)
			paraf(c, "note", T(c, RT_REF_SCHOOLS), ref->nschools,
			    c->r->min_n);
	}
	if (ref->ncmp > 0)
		cmp_group_table(c, ref->cmp, ref->ncmp, RT_H_REFERENCE_GROUPS,
		    RT_REF_GROUPS_EXPLAIN);
	if (ref->nsplit_fail > 0)
		para(c, NULL, T(c, RT_REF_SPLIT_FAIL));
	out(c, "</section>\n");
}

static void
sec_recommendations(struct hctx *c)
{
	const struct instrument *ins = c->ins;
	const struct rpt_group *g = c->total, *L = c->leader, *Tg = c->teacher;
	size_t pick[RPT_NRECS], n, i, s, gaps[RPT_NGAPRECS], ng;
	char buf[32];
	double m;
	int first;

	out(c, "<section>\n");
	h2(c, "recommendations", T(c, RT_H_RECOMMENDATIONS));
	if (g == NULL) {
		para(c, NULL, T(c, RT_NO_TOTAL));
		out(c, "</section>\n");
		return;
	}
	n = report_pick_recs(c->r, g, c->lang, pick);
	para(c, NULL, T(c, n == 0 ? RT_NO_RECOMMENDATIONS : RT_REC_INTRO));
	if (n > 0)
		out(c, "<ol class=\"recs\">\n");
	for (i = 0; i < n; i++) {
		m = report_mean(g, pick[i]);
		out(c, "<li><h4>");
		esc(c, scale_name(c, pick[i]));
		out(c, " ");
		band_chip(c, m, NULL);
		out(c, " %s</h4><p>", rt_num2(buf, sizeof(buf), m));
		esc(c, rt_recommendation_tone(c->lang, ins->scale[pick[i]].code,
		    rt_tone_of(c->r, m)));
		out(c, "</p></li>\n");
	}
	if (n > 0)
		out(c, "</ol>\n");
	if ((ng = report_gap_recs(c->r, gaps)) > 0) {
		para(c, NULL, T(c, RT_GAPS_INTRO));
		out(c, "<ul>\n");
		for (i = 0; i < ng; i++) {
			out(c, "<li>");
			esc(c, scale_name(c, gaps[i]));
			out(c, " (%s)</li>\n", rt_diff2(buf, sizeof(buf),
			    report_mean(L, gaps[i]) - report_mean(Tg,
			    gaps[i])));
		}
		out(c, "</ul>\n");
		para(c, NULL, T(c, RT_REC_GAP));
	}
	first = 1;
	for (s = 0; s < ins->nscale; s++) {
		if (!report_spread_rec(c->r, g, s))
			continue;
		if (first) {
			para(c, NULL, T(c, RT_SPREAD_INTRO));
			out(c, "<ul>\n");
		}
		out(c, "<li>");
		esc(c, scale_name(c, s));
		out(c, " (sd %s)</li>\n", rt_num2(buf, sizeof(buf),
		    g->scale[s].sd));
		first = 0;
	}
	if (!first) {
		out(c, "</ul>\n");
		para(c, NULL, T(c, RT_REC_SPREAD));
	}
	out(c, "</section>\n");
}

static void
sec_answers(struct hctx *c)
{
	size_t f, sc[NMAXSCALE], n;

	if (c->total == NULL || !c->r->has_items)
		return;
	out(c, "<section>\n");
	h2(c, "answers", H(c, H_ANSWERS));
	para(c, "note", H(c, H_ANSWERS_EXPLAIN));
	for (f = 0; f < c->ins->nscale; f++) {
		if (!report_base_framework(c->r, f))
			continue;
		n = fw_scales(c, f, sc);
		chart_likert(c, f, sc, n);
	}
	out(c, "</section>\n");
}

static void
sec_anonymity(struct hctx *c)
{
	const struct report *r = c->r;
	size_t i;
	char *lab;

	out(c, "<section>\n");
	h2(c, "anonymity", T(c, RT_H_ANONYMITY));
	paraf(c, NULL, T(c, RT_ANON_RULE), r->min_n);
	if (report_nhidden(r) == 0) {
		para(c, NULL, T(c, RT_ANON_NONE));
		out(c, "</section>\n");
		return;
	}
	if (r->nsuppressed[RPT_COMPLEMENT] > 0)
		para(c, NULL, T(c, RT_ANON_COMPLEMENT_RULE));
	if (r->nsuppressed[RPT_SHOWN] == 0)
		paraf(c, NULL, T(c, RT_ALL_SUPPRESSED), r->min_n);
	para(c, NULL, T(c, RT_ANON_LIST));
	out(c, "<ul>\n");
	for (i = 0; i < r->ngroup; i++) {
		if (r->group[i].suppressed == RPT_SHOWN)
			continue;
		lab = rt_group_label(r, &r->group[i], c->lang);
		out(c, "<li><strong>");
		esc(c, lab);
		out(c, "</strong>: ");
		esc(c, rt_suppress_reason(c->lang, r->group[i].suppressed,
		    r->min_n));
		out(c, "</li>\n");
		free(lab);
	}
	out(c, "</ul>\n</section>\n");
}

static void
sec_reading(struct hctx *c)
{
	const struct instrument *ins = c->ins;
	enum rt_msg note[RT_NREADING];
	size_t b, i, n;

	out(c, "<section>\n");
	h2(c, "reading", T(c, RT_H_READING));
	paraf(c, NULL, T(c, RT_DEF_SCALE), ins->min, ins->max);
	if (ins->nband > 0) {
		para(c, NULL, T(c, RT_DEF_BANDS));
		out(c, "<ul>\n");
		for (b = 0; b < ins->nband; b++) {
			out(c, "<li><span class=\"sw band-%s\"></span> ",
			    tone_name(rt_band_tone(ins, &ins->band[b])));
			esc_free(c, rt_band_def(ins, b, c->lang));
			out(c, "</li>\n");
		}
		out(c, "</ul>\n");
	}
	paraf(c, NULL, T(c, RT_DEF_SPREAD), 0.25 * (ins->max - ins->min));
	n = rt_reading_notes(c->r, note);
	for (i = 0; i < n; i++)
		para(c, NULL, T(c, note[i]));
	out(c, "</section>\n");
}

/* ==== entry point ==== */

int
render_html(const struct report *r, const struct render_opts *o, FILE *fp)
{
	struct hctx c;
	const char *title;
	size_t s;
	double w;

	memset(&c, 0, sizeof(c));
	c.fp = fp;
	c.r = r;
	c.ins = r->ins;
	c.o = o;
	c.lang = o->lang == LANG_EN ? LANG_EN : LANG_NL;
	c.cw = CW;
	c.total = report_total(r);
	report_gap_groups(r, &c.leader, &c.teacher);
	c.school_label = rt_whole_school(c.lang);
	c.lw = 100;
	for (s = 0; s < r->ins->nscale; s++)
		if (report_base_scale(r, s) &&
		    (w = text_w(scale_name(&c, s), FS)) > c.lw)
			c.lw = w;
	if (c.lw > 240)
		c.lw = 240;
	if (r->ins->nvariant > 1) {
		char *a = rt_variant_name(r->ins, 0, c.lang);
		c.variants_title = xasprintf(rt(c.lang, RT_H_VARIANTS), a,
		    r->ins->variant[1].name[c.lang]);
		free(a);
	}
	title = o->title != NULL ? o->title : r->ins->title[c.lang];
	page_head(&c, title);
	sec_title(&c, title);
	sec_nav(&c);
	sec_responses(&c);
	sec_frameworks(&c);
	sec_comparison(&c);
	sec_variants(&c);
	sec_waves(&c);
	sec_reference(&c);
	sec_recommendations(&c);
	sec_answers(&c);
	sec_anonymity(&c);
	sec_reading(&c);
	out(&c, "</body>\n</html>\n");
	free(c.school_label);
	free(c.variants_title);
	/* the caller reports a write error when it closes the stream */
	return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
}
