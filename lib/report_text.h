/* report_text.h -- every word of the report in Dutch and English: fixed
 * texts (headings, column labels, notes) by id, labels of group columns and
 * role groups, the reasons a group is suppressed, and the recommendations
 * for the default instrument's scales, grounded in the seed texts.  Every
 * renderer (text, md, csv, html, xlsx) takes its words from here, and
 * the way numbers, labels and comparisons are worded.
 * Ownership: every const char * returned is static (or the caller's buffer)
 * and never freed; every char * returned is new, and the caller frees it. */
#ifndef PLG_REPORT_TEXT_H
#define PLG_REPORT_TEXT_H

#include "instrument.h"
#include "report.h"

/* Fixed texts.  A comment names the printf arguments of a text that takes
 * any; every other text is plain (print it with fputs or "%s"). */
enum rt_msg {
	/* headings */
	RT_H_RESPONSES,		/* "Responses" */
	RT_H_SCALES,		/* "Scores per scale" */
	RT_H_ITEMS_HIGH,	/* "Highest-scoring statements" */
	RT_H_ITEMS_LOW,		/* "Lowest-scoring statements" */
	RT_H_COMPARISON,	/* "Groups compared" */
	RT_H_GAP,		/* "Leadership and teachers compared" */
	RT_H_TEAMS,		/* "Teams side by side" */
	RT_H_SCHOOL_GROUPS,	/* "The whole school and each group" */
	RT_H_CROSS,		/* "Groups within groups" */
	RT_H_RECOMMENDATIONS,	/* "Recommendations" */
	RT_H_ANONYMITY,		/* "Anonymity" */
	RT_H_READING,		/* "How to read this report" */
	RT_H_SUMMARY,		/* "Summary" */
	/* column labels */
	RT_COL_GROUP,		/* "Group" */
	RT_COL_RESPONDENTS,	/* "Respondents" */
	RT_COL_STAFF,		/* "Staff" */
	RT_COL_RATE,		/* "Response rate" */
	RT_COL_FRAMEWORK,	/* "Framework" */
	RT_COL_SCALE,		/* "Scale" */
	RT_COL_ITEM,		/* "Statement" */
	RT_COL_CODE,		/* "Code" */
	RT_COL_MEAN,		/* "Mean" */
	RT_COL_SD,		/* "SD" */
	RT_COL_N,		/* "n" */
	RT_COL_BAND,		/* "Band" */
	RT_COL_ALPHA,		/* "Alpha" */
	RT_COL_CI_LOW,		/* "95% CI low" */
	RT_COL_CI_HIGH,		/* "95% CI high" */
	RT_COL_BAR,		/* "Score" (the bar chart column) */
	RT_COL_GAP,		/* "Gap" */
	RT_COL_DIFF,		/* "Difference" */
	RT_COL_NOTE,		/* "Note" */
	RT_COL_STATUS,		/* "Status" */
	RT_COL_REASON,		/* "Reason" */
	RT_COL_TABLE,		/* "Table" */
	RT_COL_RANK,		/* "Rank" */
	RT_COL_KIND,		/* "Type" */
	RT_COL_TEXT,		/* "Text" */
	RT_COL_GROUPING,	/* "Grouped by" */
	/* words and short phrases */
	RT_STRENGTH,		/* "strength" */
	RT_DEVELOPING,		/* "developing" */
	RT_ATTENTION,		/* "attention point" */
	RT_STRONGEST,		/* "Strongest" */
	RT_WEAKEST,		/* "Weakest" */
	RT_HIGHEST,		/* "highest" */
	RT_LOWEST,		/* "lowest" */
	RT_HIGH_SPREAD,		/* "high spread: staff disagree" */
	RT_HIGH_SPREAD_SHORT,	/* "high spread" */
	RT_CLEAR_GAP,		/* "clear gap" */
	RT_NO_CLEAR_GAP,	/* "within the margin" */
	RT_SHOWN,		/* "shown" */
	RT_SUPPRESSED,		/* "suppressed" */
	RT_SUPPRESSED_SMALL,	/* int k: "suppressed: fewer than %d respondents" */
	RT_SUPPRESSED_COMPLEMENT, /* "suppressed: would reveal a smaller group" */
	RT_REASON_SMALL,	/* int k: "fewer than %d respondents" */
	RT_REASON_COMPLEMENT,	/* "hidden so a smaller group cannot be worked
				 * out by subtraction" */
	RT_WHOLE_SCHOOL,	/* "whole school" */
	RT_LEADERS,		/* "leaders" */
	RT_TEACHERS,		/* "teachers" */
	RT_SUPPORT,		/* "support staff" */
	RT_OTHER,		/* "other" */
	RT_SCHOOL,		/* "School" */
	RT_GENERATED,		/* "Generated" */
	RT_INSTRUMENT,		/* "Instrument" */
	RT_SOURCE,		/* "Source" */
	RT_ALL,			/* "all" */
	RT_YES,			/* "yes" */
	RT_NO,			/* "no" */
	RT_FRAMEWORK_TOTAL,	/* "Framework as a whole" */
	RT_REVERSE_MARK,	/* "(R)": marks a reverse-worded statement */
	/* sentences */
	RT_RESPONSES_TOTAL,	/* unsigned long n: "%lu respondents in all." */
	RT_RATE_NOTE,		/* "Response rate: respondents as a share of
				 * the staff counts given." */
	RT_NO_TOTAL,		/* "The input has no whole-school group." */
	RT_NO_ITEMS,		/* "No statement scores in the input (run
				 * plg-score with --items)." */
	RT_NO_GAP,		/* "Leadership and teachers cannot be
				 * compared: ..." */
	RT_NO_TEAMS,		/* "No team can be shown." */
	RT_GAP_EXPLAIN,		/* "Gap = leadership mean minus teachers' mean;
				 * ..." */
	RT_TEAMS_EXPLAIN,	/* "One column per team; ..." */
	RT_SCHOOL_GROUPS_EXPLAIN, /* "Difference from the whole school ..." */
	RT_STRONGEST_WEAKEST,	/* const char *strong, *weak:
				 * "Strongest: %s; weakest: %s." */
	RT_NO_RECOMMENDATIONS,	/* "No scale is an attention point ..." */
	RT_REC_FOR,		/* const char *scale, *band: "%s (%s)" intro
				 * of a scale's recommendation */
	RT_REC_GAP_FOR,		/* const char *scale: "Gap between leadership
				 * and teachers on %s" */
	RT_REC_SPREAD_FOR,	/* const char *scale: "High spread on %s" */
	RT_REC_INTRO,		/* "Next steps for the weakest scales, ..." */
	RT_GAPS_INTRO,		/* "Clear gaps between leadership and
				 * teachers:" */
	RT_SPREAD_INTRO,	/* "Scales on which staff disagree:" */
	RT_REVERSE_NOTE,	/* "(R) reverse-worded statement: ..." */
	RT_REC_GAP,		/* general: work with a leader-teacher gap */
	RT_REC_SPREAD,		/* general: work with high spread */
	RT_ANON_RULE,		/* int k: "Groups with fewer than %d
				 * respondents are never shown." */
	RT_ANON_COMPLEMENT_RULE, /* "Some other groups are hidden as well ..." */
	RT_ANON_NONE,		/* "No group had to be suppressed." */
	RT_ANON_LIST,		/* "Suppressed groups:" */
	RT_ANON_LIST_ALL,	/* "Every group of this grouping is
				 * suppressed (see Anonymity)." */
	RT_ALL_SUPPRESSED,	/* int k: "Every group has fewer than %d ..." */
	RT_DEF_BANDS,		/* "Bands (from the instrument):" */
	RT_DEF_BAND,		/* const char *label, double lo, double hi:
				 * "%s: mean from %.2f to below %.2f" */
	RT_DEF_BAND_TOP,	/* const char *label, double lo:
				 * "%s: mean %.2f or higher" */
	RT_DEF_SPREAD,		/* double sd: "High spread: sd of %.2f or more
				 * (a quarter of the response range)." */
	RT_DEF_GAP,		/* "Clear gap: the 95% confidence intervals
				 * ... do not overlap." */
	RT_DEF_SCALE,		/* double min, double max: "Scores run from
				 * %g to %g; higher is more favourable ..." */
	/* comparisons: variants (current and desired), waves, reference */
	RT_H_VARIANTS,		/* const char *a, *b: "%s and %s" */
	RT_H_VARIANT_ITEMS,	/* "Statements with the largest gaps" */
	RT_H_VARIANT_GROUPS,	/* "Gap per group" */
	RT_H_WAVES,		/* "Waves compared" */
	RT_H_WAVE_PAIR,		/* const char *later, *earlier: "%s compared
				 * with %s" */
	RT_H_WAVE_GROUPS,	/* "Change per group" */
	RT_H_REFERENCE,		/* "Compared with the reference" */
	RT_H_REFERENCE_GROUPS,	/* "Difference per group" */
	RT_COL_CHANGE,		/* "Change" */
	RT_COL_CI,		/* "95% CI" */
	RT_COL_G,		/* "g" */
	RT_COL_VERDICT,		/* "Conclusion" */
	RT_COL_REFERENCE,	/* "Reference" */
	RT_COL_POSITION,	/* "Position" */
	RT_THIS_SCHOOL,		/* "This school" */
	RT_HIGHER,		/* "higher" (a later wave) */
	RT_LOWER,		/* "lower" */
	RT_NOISE,		/* "within noise" */
	RT_ABOVE,		/* "above the reference" */
	RT_BELOW,		/* "below the reference" */
	RT_NO_CLEAR_DIFF,	/* "no clear difference" */
	RT_NOT_COMPARED,	/* "not compared" */
	RT_NO_INTERVAL,		/* "no interval" (too few answers) */
	RT_RANK_OF,		/* unsigned long r, n: "%lu of %lu" */
	RT_ONLY_IN,		/* const char *codes, *wave: "%s asked in %s
				 * only" */
	RT_VARIANT_EXPLAIN,	/* const char *b, *a: "Gap = %s minus %s ..." */
	RT_VARIANT_LARGEST,	/* const char *list: "Largest gaps: %s." */
	RT_VARIANT_GROUPS_EXPLAIN, /* "Gap per group, ..." */
	RT_WAVE_OF_REPORT,	/* const char *wave: "This report is about
				 * wave %s; ..." */
	RT_WAVES_ONE,		/* const char *wave: "Only one wave ..." */
	RT_WAVES_EXPLAIN,	/* const char *later, *earlier: "Change = ..." */
	RT_WAVES_UNCHECKED,	/* "Not compared: without statement scores
				 * ..." */
	RT_WAVES_DIFFER,	/* const char *why, *scales: "Not compared,
				 * because ... (%s): %s." */
	RT_WAVES_SKIPPED,	/* int k, const char *groups: "Not compared,
				 * because ...: %s." */
	RT_WAVE_GROUPS_EXPLAIN,	/* "* the 95% confidence interval ..." */
	RT_REF_ABOUT,		/* unsigned long n: "The reference: %lu
				 * respondents." */
	RT_REF_SCHOOLS,		/* unsigned long n, int k: "Ranks are among
				 * %lu ..." */
	RT_REF_EXPLAIN,		/* "Difference = this school's mean minus
				 * ..." */
	RT_REF_NOT_SHOWN,	/* int k: "The reference cannot be shown ..." */
	RT_REF_OWN_REMOVED,	/* const char *school: "This school (%s) ..." */
	RT_REF_SPLIT_FAIL,	/* "Some groups are not compared: ..." */
	RT_REF_GROUPS_EXPLAIN,	/* "* the 95% confidence interval ..." */
	RT_DEF_CHANGE,		/* definition: change and its interval */
	RT_DEF_G,		/* definition: Hedges' g */
	RT_DEF_NOISE,		/* definition: within noise */
	RT_DEF_VARIANT_GAP,	/* definition: gap between variants */
	RT_DEF_RANK,		/* definition: rank among reference schools */
	RT_NMSG
};

/* The text of id in lang; never NULL ("" for an id out of range). */
const char *rt(enum lang lang, enum rt_msg id);

/* Label of a value of the role_group column (leader, teacher, support,
 * other), e.g. "Schoolleiding"/"Leadership"; NULL for any other value. */
const char *rt_role_group(enum lang lang, const char *value);
/* Label of a group column (role_group, team, school, wave, role, ...), e.g.
 * "Functiegroep"/"Role group"; NULL for a column it does not know. */
const char *rt_column(enum lang lang, const char *col);
/* A group column's value as shown: role group labels for role_group,
 * else the value itself. */
const char *rt_group_value(enum lang lang, const char *col,
    const char *value);
/* "Whole school" in lang, with a capital; caller frees. */
char *rt_whole_school(enum lang lang);
/* Label of a group in lang: the whole school for the total group, a value
 * for a group on one column, "Column: value, Column: value" for several.
 * Caller frees. */
char *rt_group_label(const struct report *r, const struct rpt_group *g,
    enum lang lang);
/* A group column's label in lang (rt_column()), or the column's own name
 * when it has none; never NULL. */
const char *rt_column_name(enum lang lang, const char *col);
/* Label of a set's columns in lang, "Role group × Team"; caller
 * frees. */
char *rt_set_label(const struct report *r, const struct rpt_set *st,
    enum lang lang);
/* A group under a heading that names its columns: rt_group_label() for the
 * whole school and a group on one column, the values alone for several
 * ("Leadership / Onderbouw").  Caller frees. */
char *rt_group_values(const struct report *r, const struct rpt_group *g,
    enum lang lang);
/* A scale's name in lang, or its code when the name is empty (charts and
 * workbooks never show an empty name). */
const char *rt_scale_name(const struct instrument *ins, size_t s,
    enum lang lang);
/* Why a group is hidden, e.g. "fewer than 5 respondents" (k is the
 * threshold); "" for a shown group.  The result lives in a static buffer
 * until the next call. */
const char *rt_suppress_reason(enum lang lang, enum rpt_suppress why,
    int k);

/* A variant's name with a capital first letter ("Gewenste situatie");
 * caller frees. */
char *rt_variant_name(const struct instrument *ins, size_t v,
    enum lang lang);
/* The verdict on a comparison's interval: for waves RT_HIGHER, RT_LOWER or
 * RT_NOISE, for the reference RT_ABOVE, RT_BELOW or RT_NO_CLEAR_DIFF;
 * RT_NO_INTERVAL when there is none.  ref: the reference's wording. */
enum rt_msg rt_verdict(enum cmp_verdict v, int ref);

/* How a band reads, for colours: by its code (attention, developing,
 * strength), else by its place (lowest = attention, highest = strength). */
enum rt_tone {
	RT_TONE_NONE = 0,	/* no band (no mean) */
	RT_TONE_ATTENTION,
	RT_TONE_DEVELOPING,
	RT_TONE_STRENGTH
};
enum rt_tone rt_band_tone(const struct instrument *ins,
    const struct instr_band *b);

/* The tone of the band mean lies in; RT_TONE_NONE without a mean. */
enum rt_tone rt_tone_of(const struct report *r, double mean);
/* The label in lang of the band mean lies in, "" when none. */
const char *rt_band_label(const struct report *r, double mean,
    enum lang lang);

/* A mean or sd as the report shows it, "3.45", or an en dash without a
 * value; written to buf (size at least 8), which is returned. */
const char *rt_num2(char *buf, size_t size, double x);
/* A difference: "+0.42", "-0.42", "0.00" (within half a hundredth of 0,
 * never "-0.00") or an en dash; in buf, as rt_num2(). */
const char *rt_diff2(char *buf, size_t size, double x);

/* The verdict on d in words (rt_verdict(); ref: the reference's wording),
 * "not compared" when d was refused, NULL when a side has no score. */
const char *rt_diff_verdict(enum lang lang, const struct rpt_diff *d,
    int ref);
/* "LF3f asked in 2026 only; LF2x asked in 2025 only": codes a, asked in
 * the earlier wave of c only, and b, in the later one only (either may be
 * NULL); "" when both are.  Caller frees. */
char *rt_only_in(enum lang lang, const struct rpt_waves *w,
    const struct rpt_cmp *c, const char *a, const char *b);
/* Why the waves of the whole school's comparison c asked other
 * statements: rt_only_in() of the longest code list on each side (the
 * widest scales name every differing statement).  Caller frees. */
char *rt_waves_differ_why(enum lang lang, const struct rpt_waves *w,
    const struct rpt_cmp *c);
/* The labels of the groups of the pair of waves (wa, wb) left out,
 * joined by ", ", each once; "" when none.  Caller frees. */
char *rt_waves_skipped(enum lang lang, const struct rpt_waves *w, size_t wa,
    size_t wb);
/* The definition of band b, "Strength: mean 3.75 or higher" for the top
 * band; caller frees. */
char *rt_band_def(const struct instrument *ins, size_t b, enum lang lang);
/* The definitions "How to read this report" gives after the spread's, in
 * order: writes their ids to out (room for RT_NREADING) and returns how
 * many. */
#define RT_NREADING	6
size_t rt_reading_notes(const struct report *r, enum rt_msg *out);

/* A concrete next step for a school where the scale or framework with this
 * code (of the default instrument) lies in band band_index: 0 = the lowest
 * band (attention point), 1 = the next (developing).  Each ends with its
 * source in brackets.  NULL for another band or an unknown code. */
const char *rt_recommendation(enum lang lang, const char *scale_code,
    int band_index);
/* Same, by tone: RT_TONE_ATTENTION or RT_TONE_DEVELOPING, else NULL. */
const char *rt_recommendation_tone(enum lang lang, const char *scale_code,
    enum rt_tone tone);

#endif /* PLG_REPORT_TEXT_H */
