/* layout.h -- what the survey platforms put in their exports, around the
 * answers: which platform wrote a file (Microsoft Forms, Google Forms,
 * LimeSurvey, Qualtrics, SurveyMonkey, or a plain CSV), how many header rows
 * it has and how they combine into one header per column, which columns are
 * the platform's own (response status, completion, ids, times, personal
 * data), which responses are real ones to keep, and which answer values the
 * platform uses for "missing".  The generic engine (survey.c, colmap.c)
 * asks this module and knows no platform itself.
 * Ownership: struct layout owns its column headers; layout_release() frees
 * them.  Records passed in are borrowed for the duration of the call. */
#ifndef PLG_LAYOUT_H
#define PLG_LAYOUT_H

#include <stddef.h>

#include "csvio.h"
#include "recode.h"

enum layout_format {
	FMT_AUTO = 0,		/* detect from the first records */
	FMT_CSV,		/* plain CSV: one header row, no rules */
	FMT_MSFORMS,
	FMT_GOOGLE,
	FMT_LIMESURVEY,
	FMT_QUALTRICS,
	FMT_SURVEYMONKEY,
	FMT_N
};

/* "csv", "msforms", ... (the --format names); "auto" for FMT_AUTO. */
const char *layout_format_name(enum layout_format f);
/* The platform's name for people: "Microsoft Forms", ... */
const char *layout_format_title(enum layout_format f);
/* A --format argument -> format (FMT_AUTO for "auto"); -1 if unknown. */
int layout_format_parse(const char *s);

/* The most header records any platform has, and so the number of records
 * layout_detect() wants to see (fewer when the file is shorter). */
#define LAYOUT_MAX_HEADER 3

/* What a column is to the platform.  Columns with a role other than
 * ROLE_NONE are the platform's own, not questions. */
enum layout_role {
	ROLE_NONE = 0,		/* a question or unknown: colmap decides */
	ROLE_STATUS,		/* Qualtrics response type (Status) */
	ROLE_FINISHED,		/* Qualtrics Finished */
	ROLE_PROGRESS,		/* Qualtrics Progress (percent) */
	ROLE_SUBMITTED,		/* LimeSurvey submitdate: empty, not done */
	ROLE_SYSTEM,		/* times, quiz points, language, ... */
	ROLE_ID,		/* the platform's response id */
	ROLE_PERSONAL		/* names, e-mail, IP address, token, ... */
};

struct layout_col {
	char *name;		/* a code, or the header itself */
	char *text;		/* the question text (equal to name when the
				 * platform gives only one) */
	char *header;		/* the header for messages and draft maps:
				 * name, text or the rows combined */
	enum layout_role role;
	const char *why;	/* for a role: what the platform uses it for */
};

/* Why a response is not written. */
enum layout_reason {
	REASON_KEEP = 0,
	REASON_INCOMPLETE,	/* not finished (Qualtrics), not submitted
				 * (LimeSurvey) */
	REASON_PREVIEW,		/* Qualtrics Survey Preview */
	REASON_TEST,		/* Qualtrics Survey Test (generated) */
	REASON_SPAM,		/* Qualtrics marked it as spam */
	REASON_STATUS,		/* a Qualtrics response type not known */
	REASON_NO_ANSWER,	/* no answer at all (survey.c decides) */
	REASON_N
};

/* "incomplete", "preview", ..., "without any answer": for the summary. */
const char *layout_reason_name(enum layout_reason r);

struct layout {
	enum layout_format fmt;
	int forced;		/* fmt was given, not detected */
	const char *why;	/* how it was detected, or "forced" */
	const char *rows_why;	/* how header rows were counted, or NULL */
	size_t nheader;		/* header records, 1..LAYOUT_MAX_HEADER */
	struct layout_col *col;
	size_t ncol;		/* without trailing headerless columns */
	long status, finished, progress, submitted;	/* column or -1 */
	/* options */
	int keep_incomplete;	/* keep unfinished responses */
	int keep_test;		/* keep Survey Preview and Survey Test */
};

void layout_init(struct layout *lo, enum layout_format fmt);
void layout_release(struct layout *lo);

/* Decide the platform (unless lo->fmt is already one) and the number of
 * header records from the first n non-blank records of a file (n is at
 * most LAYOUT_MAX_HEADER, fewer for a shorter file; n > 0). */
void layout_detect(struct layout *lo, const struct csvio_record *const *rec,
    size_t n);

/* Build one header per column from the lo->nheader header records (after
 * layout_detect) and find the platform's own columns. */
void layout_headers(struct layout *lo, const struct csvio_record *const *rec);

/* Whether to keep the response in rec (the platform's rules on status and
 * completion, and the keep_* options).  *detail gets a short description
 * of the reason ("Finished 0, Progress 40"), written into buf. */
enum layout_reason layout_keep(const struct layout *lo,
    const struct csvio_record *rec, char *buf, size_t size);

/* A platform's special answer value that the generic recoding rejected
 * (st is RECODE_OUT_OF_RANGE or RECODE_UNKNOWN): Qualtrics writes -99 for a
 * question seen but not answered (RECODE_EMPTY) and negative recodes for
 * options such as "not applicable" (RECODE_DONTKNOW).  Returns st when the
 * value is nothing special. */
enum recode_status layout_answer(const struct layout *lo, const char *s,
    enum recode_status st);

/* Trailing text of the one-line description of the layout for -v:
 * "qualtrics (ImportId row on line 3), 3 header rows". */
void layout_describe(const struct layout *lo, char *buf, size_t size);

#endif /* PLG_LAYOUT_H */
