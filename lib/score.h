/* score.h -- the plg-score engine: reverse keying, per-respondent scale
 * scores, and per-group statistics (n, mean, sd, CI, answer counts,
 * Cronbach's alpha as psych computes it, item-rest correlations) in one
 * streaming pass whose state is mergeable (partial files).
 * Memory grows with groups x items^2, never with respondents: the
 * duplicate-id check keeps plg-survey's consecutive ids as runs of numbers
 * (idset.h); only ids of other shapes cost 16 to 32 bytes each.
 * How the statistics are accumulated -- exactly, in packed integers, for an
 * instrument whose answers are whole numbers -- is explained at the top of
 * score.c.
 * Ownership: struct scorer borrows the instrument and owns everything else;
 * scorer_release() frees it. */
#ifndef PLG_SCORE_H
#define PLG_SCORE_H

#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "rejects.h"
#include "idset.h"
#include "instrument.h"
#include "stats.h"

#define RCODE_GAP 8	/* see rcode */

enum score_mode {
	SCORE_GROUPS,		/* one row per group x scale (and item) */
	SCORE_RESPONDENTS,	/* one row per respondent, a column per scale */
	SCORE_PARTIAL		/* mergeable sufficient statistics */
};

/* A grouping set: the --by columns of one --by option. */
struct score_set {
	size_t *col;		/* indices into scorer.bycol */
	size_t ncol;
	size_t src;		/* SCORE_NO_SET: rows add every statistic;
				 * else the finer set whose groups' exact sums
				 * add up to this set's, at the end */
};

#define SCORE_NO_SET	((size_t)-1)

struct score_group;

struct scorer {
	const struct instrument *ins;
	/* options */
	enum score_mode mode;
	double min_answered;	/* share of items needed for a score */
	int items;		/* also write item rows */
	int listwise;		/* also listwise alpha */
	int total;		/* include the whole input as a group */
	int check_ids;		/* exclude duplicate respondent ids */
	int prec;		/* significant digits */
	int warn_min_n;		/* reverse-keying warnings from this n on */
	char **bycol;		/* union of --by column names */
	size_t nbycol;
	struct score_set *set;	/* grouping sets (the total is set 0) */
	size_t nset;
	/* the instrument's pair layout: pairs of items under one root */
	size_t *root_of;	/* per item: root scale index */
	size_t *pos_in_root;	/* per item: position in its root's items */
	size_t *pair_off;	/* per scale: offset of its root's pairs */
	size_t npair;
	size_t *lw_off;		/* per scale: offset of listwise pairs */
	size_t nlw;
	size_t nlwi;		/* listwise items, all scales */
	/* exact accumulation (score.c): packed integer sums */
	int exact;		/* the answers are small whole numbers */
	unsigned ncode;		/* codes 0 .. ncode-1: keyed answer - min */
	uint64_t *inc;		/* ncode x (ncode + 1): packed increment of a
				 * pair; column ncode (missing) is 0 */
	unsigned sh_x, sh_y, sh_xy; /* bit offsets of the packed fields */
	uint64_t mask_n, mask_x; /* field masks (at bit 0) */
	unsigned long lim;	/* rows a group packs before a flush */
	size_t npk;		/* packed accumulators per group */
	/* the small words rows go to first: 6 bytes an accumulator */
	int small;		/* rows go to small words (else to inc's) */
	uint32_t *inc_lo;	/* like inc: n, a and b of the 32-bit part */
	uint16_t *inc_hi;	/* like inc: a*b, the 16-bit part */
	unsigned sh1_x, sh1_y;	/* bit offsets in the 32-bit part */
	uint32_t mask1_n, mask1_x; /* its field masks (at bit 0) */
	unsigned long lim1;	/* rows in small words before they go to
				 * the 64-bit ones */
	uint16_t *pair_a, *pair_b; /* per pair of a framework: its items
				 * in rcode's order without the gaps */
	size_t *cs_of;		/* per item: its place in that order */
	uint16_t *cw;		/* a row's codes in 16 bits, missing 0 */
	uint64_t *wtmp;		/* 4 x npk exact sums, while writing */
	struct score_pcol {	/* an item column, for prepare_values() */
		size_t col;	/* in the record */
		size_t pos;	/* in rcode */
		size_t base;	/* item x nvalue */
	} *pcol;
	size_t npcol;
	size_t *kmin;		/* per scale: fewest answers for a score */
	struct score_group **rowg; /* per set: the row's group (on_record) */
	uint64_t *rowh;		/* per set: the hash of the row's values */
	int fetched;		/* the next row's groups asked for */
	size_t pf[4];		/* prefetch_group(): two ranges in a block */
	size_t pf_key, pf_lo;	/* where the key's strings are, and the
				 * small words' 32-bit parts (or 0) */
	size_t *sorder;		/* scales, deepest first (exact_scores()) */
	size_t *skid, *skid_off; /* per scale: the child scales it is the
				 * sum of (skid_off[s] .. skid_off[s + 1]) */
	size_t *spos, *spos_off; /* per scale: its items' places in rcode */
	size_t *scnt;		/* per scale: the row's answered items */
	unsigned long *ssum;	/* and the sum of their codes */
	unsigned char *code;	/* per item x value: keyed code */
	int sums;		/* scale scores as exact integer sums too */
	int64_t *mul;		/* per answered count c (1..kmax): L / c, where
				 * L = lcm(1..kmax): score * L is whole */
	int64_t *xrow;		/* per scale: the row's score * L */
	short digit[10];	/* value index of a one-digit answer, or -1 */
	short digit256[256];	/* the same by the byte itself */
	size_t *root;		/* the frameworks (scales without parent) */
	size_t nroot;
	/* groups */
	struct score_group **group;
	size_t ngroup, groupalloc;
	struct score_slot {	/* open addressing (score.c) */
		uint64_t hash;
		struct score_group *g;	/* NULL = empty */
	} *slot;
	size_t hashcap;
	struct score_group **last; /* per set: the group of the previous row */
	int derived;		/* the derived sets are complete */
	double *tq;		/* qt(0.975, df) by whole df, or NAN */
	size_t ntq;
	/* the current input */
	struct csvio_reader *reader; /* while reading responses */
	struct rejects *rejects;	/* --rejects, or NULL */
	unsigned long min_group;	/* --min-group: hide smaller groups */
	unsigned long nhidden[2];	/* groups hidden: too small, protecting */
	struct csvio_writer out;
	int header_done;
	const char *file;
	long respondent_col;
	long *item_col;		/* per input column: item index or -1 */
	long *set_col;		/* per bycol: input column or -1 */
	size_t ncol;
	char **meta_name;	/* respondents mode: metadata columns */
	size_t *meta_col;	/* their columns in the current input */
	size_t nmeta;
	int respondents_header;
	char *pbuf;		/* a partial file's data field */
	size_t pbufalloc;
	/* per row scratch */
	double *keyed, *score;
	short *vidx;		/* per item: value index answered, or -1 */
	double *kval;		/* per item x value: keyed value */
	size_t *rpos;		/* per item: its place in rcode */
	size_t *root_base;	/* per root: its first place in rcode */
	unsigned char *rcode;	/* keyed codes, root by root, each root
				 * followed by RCODE_GAP places that stay
				 * ncode (none): a run of pairs may read
				 * past its root's last code */
	size_t rlen;		/* places in rcode */
	size_t *ans;		/* answered: item x value indices */
	const unsigned char *pans; /* or these, as 16-bit words (unaligned)
				 * in what prepare_values() left */
	size_t nans;
	unsigned char *complete; /* per scale: every item answered */
	char **vals;		/* group values of a row, per set column */
	/* duplicate ids */
	struct idset ids;
	/* counts */
	unsigned long read, scored, dup, no_answers, rejected, values;
	unsigned long partial_rows;
	int failed;		/* a data error stopped an input */
	int merging;		/* reading partial files */
	int merge_total;	/* partial files hold the total: 1, 0, -1 unknown */
};

void scorer_init(struct scorer *sc, const struct instrument *ins, FILE *out);
/* Add a grouping set from a comma-separated column list ("" = whole input,
 * i.e. the total). */
void scorer_add_set(struct scorer *sc, const char *cols);
/* Read one responses file ("-" = stdin).  Returns an exit status. */
int scorer_file(struct scorer *sc, const char *path);
/* Read one partial file written with SCORE_PARTIAL and merge it. */
int scorer_merge_file(struct scorer *sc, const char *path);
/* Write the output of SCORE_GROUPS or SCORE_PARTIAL; warn about negative
 * alphas.  Returns 0. */
int scorer_finish(struct scorer *sc);
void scorer_summary(const struct scorer *sc);
void scorer_release(struct scorer *sc);

#endif /* PLG_SCORE_H */
