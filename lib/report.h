/* report.h -- the report model: plg-score's group output read back, checked
 * against the instrument, with anonymity applied (groups under the threshold
 * and the groups that would give them away by subtraction are suppressed),
 * and the questions a report answers: bands, strongest and weakest scale,
 * highest and lowest items, high spread, group gaps.  Renderers
 * (report_text.c, report_html.c, ...) only read this model.
 * Ownership: struct report owns everything but the instrument it borrows;
 * report_release() frees it. */
#ifndef PLG_REPORT_H
#define PLG_REPORT_H

#include <stddef.h>

#include "instrument.h"

enum rpt_suppress {
	RPT_SHOWN = 0,
	RPT_TOO_SMALL,		/* fewer respondents than the threshold */
	RPT_COMPLEMENT		/* hidden so a small group cannot be derived */
};

/* One row of plg-score output: a scale, framework or item in a group. */
struct rpt_stat {
	int present;		/* the row was in the input */
	double group_n, n, missing, mean, sd, se, ci_low, ci_high, min, max;
	double alpha, alpha_std, r_drop, alpha_drop;
	double *count;		/* per instrument value (ins->nvalue) */
};

struct rpt_group {
	size_t set;		/* index in report.set */
	char **key;		/* per bycol: value, or NULL when not grouped */
	unsigned long n;	/* respondents (group_n) */
	enum rpt_suppress suppressed;
	struct rpt_stat *scale;	/* per instrument scale */
	struct rpt_stat *item;	/* per instrument item */
};

/* Groups sharing the same grouped columns, e.g. all teams. */
struct rpt_set {
	size_t *col;		/* bycol indices grouped on */
	size_t ncol;
	size_t *group;		/* its groups, in input order */
	size_t ngroup;
};

struct report {
	const struct instrument *ins;
	char **bycol;		/* group columns of the input */
	size_t nbycol;
	struct rpt_group *group;
	size_t ngroup;
	struct rpt_set *set;
	size_t nset;
	long total;		/* group of all respondents, or -1 */
	int has_items;		/* item rows present (plg-score --items) */
	int min_n;		/* anonymity threshold applied */
	unsigned long nsuppressed[3];	/* groups by enum rpt_suppress */
};

/* Read plg-score's group output from path ("-" = stdin).  Problems are
 * reported with plg_warn_at; returns 0, 1 (data problem) or 2 (cannot
 * read). */
int report_load(struct report *r, const struct instrument *ins,
    const char *path);
/* Hide groups smaller than k, then complementary groups until no hidden
 * group equals a shown group minus other shown groups.  Returns the number
 * of hidden groups. */
size_t report_suppress(struct report *r, int k);
void report_release(struct report *r);

/* The band of a mean (NULL when none). */
const struct instr_band *report_band(const struct report *r, double mean);
/* 1 when answers disagree strongly: sd at least a quarter of the range. */
int report_high_spread(const struct report *r, double sd);

/* Group of set whose column col has value val, or -1. */
long report_find_group(const struct report *r, size_t set, const char *col,
    const char *val);
/* Set grouped on exactly this one column, or -1. */
long report_find_set(const struct report *r, const char *col);
/* Label of a group: "value" or "col=value, ..." for several columns; the
 * total is NULL.  Caller frees. */
char *report_group_label(const struct report *r, const struct rpt_group *g);

/* Scales directly under framework f (scale indices), in instrument order;
 * returns the number written to out (at most max). */
size_t report_children(const struct report *r, size_t f, size_t *out,
    size_t max);
/* Items of scale s (or every item beneath a framework) sorted by the
 * group's mean, highest first, ties in instrument order; writes the max
 * highest to out and returns how many (items without a mean are left
 * out). */
size_t report_items_by_mean(const struct report *r, const struct rpt_group *g,
    size_t s, size_t *out, size_t max);

#endif /* PLG_REPORT_H */
