/* survey.h -- the plg-survey engine: read raw exports, map their columns,
 * recode the answers and write the responses CSV
 * (respondent,<metadata...>,<item codes...>), counting everything it reads,
 * keeps, drops and rejects.
 * Ownership: struct survey borrows the instrument; survey_release() frees
 * the rest. */
#ifndef PLG_SURVEY_H
#define PLG_SURVEY_H

#include <stdio.h>

#include "colmap.h"
#include "csvio.h"
#include "encoding.h"
#include "instrument.h"
#include "layout.h"
#include "recode.h"
#include "rejects.h"

struct survey_const {
	char *name, *value;
	size_t meta;		/* metadata index */
};

/* A header that has a rule in the draft map, and what the rule says. */
struct survey_drafted {
	char *key;			/* textnorm() of the header */
	struct colmap_col col;
};

/* An answer in item columns that is not on the response scale, for
 * --draft-map. */
struct survey_unknown {
	char *text;
	unsigned long count;
	unsigned char *item;		/* per instrument item: seen there */
};

struct survey_counts {
	unsigned long files, files_failed;
	unsigned long read;		/* respondent records */
	unsigned long kept;
	unsigned long no_answers;	/* excluded: nothing answered */
	unsigned long excluded[REASON_N];	/* excluded by the platform's
					 * rules (REASON_NO_ANSWER unused) */
	unsigned long blank_rows;	/* empty records skipped */
	unsigned long short_rows, long_rows;
	unsigned long values, empty, dontknow, rejected;
	unsigned long cols_personal, cols_ignored, cols_id, cols_meta;
	unsigned long cols_dropped;	/* in a later file, not in the output */
	size_t items_mapped;		/* items in the output */
};

struct survey {
	const struct instrument *ins;
	struct colmap cm;
	struct recoder rc;
	/* options */
	int delim;			/* 0 = detect */
	enum encoding enc;		/* ENC_UNKNOWN = detect */
	enum layout_format format;	/* FMT_AUTO = detect */
	int keep_incomplete;		/* keep unfinished responses */
	int keep_test;			/* keep preview and test responses */
	int draft;			/* write a draft map, not responses */
	int verbose;
	const char *id_prefix;
	const char *file_column;	/* metadata column with the file name */
	struct survey_const *cst;	/* --set NAME=VALUE */
	struct rejects *rejects;	/* --rejects, or NULL */
	size_t ncst;
	/* output layout, fixed when the header is written */
	int header_written;
	unsigned char *item_out;	/* per instrument item: in the output */
	size_t *meta_order;		/* output position -> meta index */
	size_t nmeta_out;
	size_t file_meta;		/* meta index of file_column */
	size_t role_meta;		/* meta index of "role", or -1 */
	size_t role_group_meta;		/* derived "role_group", or -1 */
	struct {			/* role_group() of roles seen */
		char *role;
		const char *group;
	} roles[16];
	size_t nroles;
	char *idbuf;			/* a respondent id, written */
	/* per output row */
	char **meta_val;		/* by meta index (borrowed) */
	double *item_val;		/* by instrument item */
	struct csvio_writer out;
	unsigned long next_id;
	struct survey_counts n;
	unsigned long enc_used[8];	/* files per encoding */
	unsigned long fmt_used[FMT_N];	/* files per format */
	int finished;			/* survey_finish() was called */
	/* --draft-map */
	int draft_started;		/* its header is out */
	struct survey_drafted *drafted;	/* headers with a rule written */
	size_t ndrafted, draftedalloc;
	struct survey_unknown *unknown;	/* answers no rule recodes */
	size_t nunknown, unknownalloc;
};

void survey_init(struct survey *sv, const struct instrument *ins, FILE *out);
/* Add a constant metadata column; returns -1 if s is not NAME=VALUE. */
int survey_add_const(struct survey *sv, const char *s);
/* Read the header of every regular file first, so that the output holds
 * every item and metadata column any of them has. */
void survey_prescan(struct survey *sv, char *const *paths, size_t n);
/* Process one file ("-" = stdin).  Returns PLG_EXIT_OK, PLG_EXIT_DATA (the
 * file was unusable) or PLG_EXIT_TROUBLE (it could not be read). */
int survey_file(struct survey *sv, const char *path);
/* Write the header if no file got that far (so the output is valid CSV);
 * with draft set, write the draft map's answer rules instead.  Warns about
 * answer rules of the map file for columns no input has. */
void survey_finish(struct survey *sv);
/* The one-line summary on stderr. */
void survey_summary(const struct survey *sv);
void survey_release(struct survey *sv);

#endif /* PLG_SURVEY_H */
