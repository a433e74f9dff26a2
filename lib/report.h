/* report.h -- the report model: plg-score's group output read back, checked
 * against the instrument, with anonymity applied (groups under the threshold
 * and the groups that would give them away by subtraction are suppressed),
 * and the questions a report answers: bands, strongest and weakest scale,
 * highest and lowest items, high spread, group gaps, recommendations
 * (report_pick.c), comparisons (report_cmp.c).  Renderers (report_plain.c,
 * report_html.c, report_xlsx.c) only read this model and take these
 * answers from it.
 * Ownership: struct report owns everything but the instrument it borrows;
 * report_release() frees it.  The groups' keys and stats are carved from
 * one pool (report_alloc()), not allocated one by one. */
#ifndef PLG_REPORT_H
#define PLG_REPORT_H

#include <stddef.h>

#include "compare.h"
#include "instrument.h"

struct rpt_waves;
struct rpt_reference;
struct rpt_pool;

enum rpt_suppress {
	RPT_SHOWN = 0,
	RPT_TOO_SMALL,		/* fewer respondents than the threshold */
	RPT_COMPLEMENT		/* hidden so a small group cannot be derived */
};

/* One row of plg-score output: a scale, framework or item in a group.
 * Only the columns a report shows are kept; the others (missing, se, min,
 * max, alpha_std, r_drop, alpha_drop, and group_n beyond rpt_group.n) are
 * checked when read, then dropped. */
struct rpt_stat {
	int present;		/* the row was in the input */
	double n, mean, sd, ci_low, ci_high, alpha;
	double *count;		/* item rows: answers per instrument value
				 * (ins->nvalue); NULL for scale rows, absent
				 * rows, and when not kept (RPT_KEEP_COUNTS) */
};

struct rpt_group {
	size_t set;		/* index in report.set */
	const char **key;	/* per bycol: value, or NULL when not grouped;
				 * equal values share one string */
	unsigned long n;	/* respondents (group_n) */
	enum rpt_suppress suppressed;
	struct rpt_stat *scale;	/* per instrument scale */
	struct rpt_stat *item;	/* per instrument item; groups without item
				 * rows share one array of absent rows */
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
	int borrowed;		/* a wave's view: the stats and key values
				 * belong to the full report (see
				 * report_waves()) */
	const struct rpt_waves *waves;	/* waves compared, or NULL */
	const struct rpt_reference *ref;	/* the reference, or NULL */
	struct rpt_pool *pool;	/* memory of the groups' keys and stats
				 * (report_alloc()) */
};

/* What report_load_keep() keeps beyond the scale rows every format
 * shows.  Rows left out are still read and checked alike. */
enum rpt_keep {
	RPT_KEEP_ITEMS = 1,	/* item rows (else every item is absent) */
	RPT_KEEP_COUNTS = 2,	/* items' answer counts: html and xlsx draw
				 * and list them */
	RPT_KEEP_ALL = RPT_KEEP_ITEMS | RPT_KEEP_COUNTS
};

/* Read plg-score's group output from path ("-" = stdin).  Problems are
 * reported with plg_warn_at; returns 0, 1 (data problem) or 2 (cannot
 * read). */
int report_load(struct report *r, const struct instrument *ins,
    const char *path);
/* The same keeping only what keep (enum rpt_keep) says beyond the scale
 * rows; report_load() keeps everything. */
int report_load_keep(struct report *r, const struct instrument *ins,
    const char *path, unsigned keep);
/* Room for nmemb objects of size bytes, zeroed and aligned for any field
 * of the model, that lives until report_release(r): the groups' keys and
 * stats.  Never NULL (exits when out of memory, as xcalloc()). */
void *report_alloc(struct report *r, size_t nmemb, size_t size);
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

/* Index of the scale of variant v that repeats base scale s (v = 0: s
 * itself), or -1. */
long report_variant_scale(const struct report *r, size_t s, size_t v);
/* The same for an item. */
long report_variant_item(const struct report *r, size_t i, size_t v);
/* 1 when some group has a score on a scale of variant v. */
int report_has_variant(const struct report *r, size_t v);

/* ==== what a report says (report_pick.c) ====
 * The choices every format makes the same way: which groups are shown,
 * which scales are strongest and weakest, which statements, gaps and
 * recommendations are named and in which order.  The renderers word and
 * draw these answers; they do not choose again. */

#define RPT_NITEMS	3	/* highest and lowest statements named */
#define RPT_NRECS	5	/* scale recommendations at most */
#define RPT_NGAPRECS	3	/* leader-teacher gaps named at most */
#define RPT_NVARSCALES	3	/* scales with the largest variant gap named */
#define RPT_NVARITEMS	10	/* statements with the largest variant gap */

/* The whole school's group when it is shown, else NULL. */
const struct rpt_group *report_total(const struct report *r);
/* The shown group of the one-column set col with value val, or NULL. */
const struct rpt_group *report_shown_group(const struct report *r,
    const char *col, const char *val);
/* The two sides of the leadership-teacher gap: the shown role_group
 * groups "leader" and "teacher".  Returns 1 when both are shown; else 0,
 * and both are set to NULL (no gap is reported with one side hidden). */
int report_gap_groups(const struct report *r, const struct rpt_group **leader,
    const struct rpt_group **teacher);
/* How many groups are hidden (too small, or complementary): the groups
 * the anonymity section lists. */
unsigned long report_nhidden(const struct report *r);
/* The shown groups of every one-column set on column col (NULL: of every
 * one-column set), in set and input order; writes at most max indices in
 * report.group to out and returns how many. */
size_t report_shown_groups(const struct report *r, const char *col,
    size_t *out, size_t max);

/* 1 when f is a framework of the base variant: a section of the report. */
int report_base_framework(const struct report *r, size_t f);
/* 1 when s is a scale of the base variant beneath a framework: a row of
 * the tables that compare groups. */
int report_base_scale(const struct report *r, size_t s);

/* The mean of scale s in g; NAN when g is NULL or has no row for s. */
double report_mean(const struct rpt_group *g, size_t s);
/* 1 when two stats' 95% confidence intervals do not overlap (both rows
 * present, all four limits known): a clear gap. */
int report_clear_gap(const struct rpt_stat *a, const struct rpt_stat *b);
/* The strongest and weakest scale directly under framework f in g (the
 * highest and lowest mean; the first in instrument order on ties).
 * Returns 1 and sets both when at least two scales have a mean and they
 * differ, else 0: then there is nothing to name. */
int report_strongest_weakest(const struct report *r,
    const struct rpt_group *g, size_t f, size_t *best, size_t *worst);

/* The statements a framework's section names. */
struct rpt_high_low {
	size_t high[RPT_NITEMS];	/* highest mean first */
	size_t nhigh;
	size_t low[RPT_NITEMS];		/* lowest mean first, none of high */
	size_t nlow;
};
/* Fill hl with the highest and lowest statements beneath framework f in g
 * (report_items_by_mean()); returns hl->nhigh, 0 when no statement has a
 * mean. */
size_t report_high_low(const struct report *r, const struct rpt_group *g,
    size_t f, struct rpt_high_low *hl);

/* The scales and frameworks to recommend on for g, weakest first:
 * attention points (scales, then frameworks), then developing ones, each
 * only when lang has a recommendation for its code.  Writes at most
 * RPT_NRECS scale indices to out and returns how many. */
size_t report_pick_recs(const struct report *r, const struct rpt_group *g,
    enum lang lang, size_t *out);
/* The base scales with a clear leadership-teacher gap, largest difference
 * first (instrument order on ties).  Writes at most RPT_NGAPRECS to out
 * and returns how many; 0 unless both sides are shown. */
size_t report_gap_recs(const struct report *r, size_t *out);
/* 1 when base scale s of g has high spread: the recommendations name it. */
int report_spread_rec(const struct report *r, const struct rpt_group *g,
    size_t s);

/* The staff count of group g, for its response rate: the count given for
 * its value (name[i] "" for the whole school); 0 when none is given or g
 * is grouped on several columns.  name and count hold n entries (the
 * render options' staff_group and staff_n). */
unsigned long report_staff(const struct report *r, const struct rpt_group *g,
    const char *const *name, const unsigned long *count, size_t n);

/* The mean of variant v of base scale s in g (v = 0: of s itself), or
 * NAN. */
double report_variant_mean(const struct report *r, const struct rpt_group *g,
    size_t s, size_t v);
/* The same for base item i. */
double report_variant_item_mean(const struct report *r,
    const struct rpt_group *g, size_t i, size_t v);
/* The gap of variant v on base scale s in g: its mean minus the base's,
 * NAN when either is missing. */
double report_variant_gap(const struct report *r, const struct rpt_group *g,
    size_t s, size_t v);
/* The same for base item i. */
double report_variant_item_gap(const struct report *r,
    const struct rpt_group *g, size_t i, size_t v);
/* The base scales (report_base_scale()) of g with a gap for variant v,
 * largest gap first, ties in instrument order; out holds ins->nscale.
 * Returns how many. */
size_t report_scales_by_gap(const struct report *r, const struct rpt_group *g,
    size_t v, size_t *out);
/* The same for the base items; out holds ins->nitem. */
size_t report_items_by_gap(const struct report *r, const struct rpt_group *g,
    size_t v, size_t *out);

/* ==== comparisons (report_cmp.c) ====
 * Waves: when the group columns include the wave column, the report is
 * split into one view per wave (its groups, without the wave column); the
 * report is about the latest wave, and each wave is compared with the one
 * before it, group by group.  Reference: the school's groups compared with
 * the matching groups of another plg-score output (other schools).  Both
 * compare base scales only, with compare_groups() (b minus a) at 95%, and
 * only between groups that are both shown. */

enum rpt_cmp_status {
	RPT_CMP_OK = 0,		/* compared: res holds the result */
	RPT_CMP_NO_SCORE,	/* a side has no mean */
	RPT_CMP_ITEMS_DIFFER,	/* waves: the waves asked other statements */
	RPT_CMP_UNCHECKED	/* waves: no item rows to check them */
};

/* One scale compared: b minus a. */
struct rpt_diff {
	size_t scale;		/* a base scale of the instrument */
	double n_a, mean_a, sd_a;	/* a: earlier wave, or the reference */
	double n_b, mean_b, sd_b;	/* b: later wave, or the school */
	enum rpt_cmp_status status;
	struct cmp_result res;	/* with RPT_CMP_OK */
	char *only_a;		/* ITEMS_DIFFER: codes asked in a only, and */
	char *only_b;		/* in b only ("LF3f, LF3g"), or NULL (owned) */
	unsigned long rank;	/* reference: rank of the school among the */
	unsigned long nrank;	/* reference schools (1 = highest), of nrank;
				 * 0 when not ranked */
};

/* One group compared: a wave with the one before, or the school with the
 * reference.  label is for the group as the later wave's view, or the
 * school's report, names it. */
struct rpt_cmp {
	const struct report *rb;	/* the report (view) that has gb */
	const struct rpt_group *gb;	/* the later wave's, or school's, group */
	size_t wa, wb;		/* waves: indices in rpt_waves.value */
	unsigned long n_a;	/* respondents on side a (the earlier wave's
				 * group, or the reference group) */
	struct rpt_diff *diff;	/* one per base scale, instrument order */
	size_t ndiff;
};

/* A group of a pair of waves that is not compared: one side hidden or
 * missing.  g is in r (the view of wave wb, or of wa when wb lacks it). */
struct rpt_skip {
	size_t wa, wb;
	const struct report *r;
	const struct rpt_group *g;
};

struct rpt_waves {
	char *col;		/* the wave column, e.g. "wave" */
	char **value;		/* its values, oldest first (natural order) */
	size_t nwave;
	struct report *view;	/* per wave: a report of its groups */
	unsigned char *asked;	/* nwave x nitem: answered in that wave */
	struct rpt_cmp *cmp;	/* per pair of waves, newest pair first; */
	size_t ncmp;		/* within a pair, the later view's order */
	struct rpt_skip *skip;	/* groups not compared, same order */
	size_t nskip;
};

/* Split full into one view per value of the wave column col and compare
 * consecutive waves.  Returns 0 and fills w when full has col among its
 * group columns, else -1 (w untouched).  full must be suppressed first;
 * the views copy its verdicts.  w->view[w->nwave - 1] is the report to
 * render; its waves pointer is set to w.  full must outlive w. */
int report_waves(const struct report *full, const char *col,
    struct rpt_waves *w);
void report_waves_release(struct rpt_waves *w);

struct rpt_reference {
	struct report ref;	/* the reference, suppressed with the same k */
	long school_set;	/* its set grouped on "school" alone, or -1 */
	long own;		/* the school itself in school_set (by name), or
				 * -1: it is taken out of the reference */
	unsigned long nschools;	/* reference schools shown, the school aside */
	int total_shown;	/* the reference as a whole can be shown */
	struct rpt_cmp *cmp;	/* the school's groups with a match */
	size_t ncmp;
	unsigned long nsplit_fail;	/* groups not compared: the school is
					 * in the reference and cannot be
					 * taken out of it */
};

/* Read the reference from path (plg-score group output, same instrument),
 * suppress it with k, and compare r's shown groups with the reference
 * groups on the same columns and values.  school (may be NULL) names the
 * school in the reference's school column.  Returns an exit status (as
 * report_load()). */
int report_reference(struct rpt_reference *ref, const struct report *r,
    const char *path, int k, const char *school);
void report_reference_release(struct rpt_reference *ref);

/* 1 when c could not be checked (no item rows): nothing was compared. */
int report_cmp_unchecked(const struct rpt_cmp *c);
/* The whole school's comparison among c[0..n), or NULL. */
const struct rpt_cmp *report_cmp_whole(const struct rpt_cmp *c, size_t n);
/* The comparison of scale s in c (c may be NULL), or NULL. */
const struct rpt_diff *report_cmp_diff(const struct rpt_cmp *c, size_t s);
/* 1 when d was compared and its interval excludes 0: a clear difference
 * (higher or lower, above or below). */
int report_diff_clear(const struct rpt_diff *d);

/* The wave the report is about (the latest), or NULL without waves. */
const char *report_wave_current(const struct report *r);
/* Pairs of waves: w->cmp[i] starts a pair; returns the index after its
 * last comparison (the pair's groups are w->cmp[i..end)). */
size_t report_wave_pair_end(const struct rpt_waves *w, size_t i);
/* 1 when w->skip[i] is the first skipped group of a pair of waves in which
 * no group was compared at all: that pair is reported on its own. */
int report_wave_skip_alone(const struct rpt_waves *w, size_t i);

/* -1, 0 or 1 as a sorts before, with or after b, with runs of digits
 * compared as numbers ("9" before "10"): the order of waves. */
int report_natural_cmp(const char *a, const char *b);

#endif /* PLG_REPORT_H */
