/* colmap.h -- what each column of an export is: an item of the instrument
 * (by code, by question text in Dutch or English, or by the user's map file),
 * a metadata column to keep (school, team, role, wave, ...), personal data
 * to drop, the platform's own respondent id, or something to ignore.
 * Ownership: struct colmap owns its columns and the user map; the instrument
 * is borrowed and must outlive it. */
#ifndef PLG_COLMAP_H
#define PLG_COLMAP_H

#include <stddef.h>
#include <stdio.h>

#include "csvio.h"
#include "instrument.h"
#include "layout.h"
#include "recode.h"

enum col_kind {
	COL_IGNORED,	/* not needed (times, free text, unknown questions) */
	COL_PERSONAL,	/* names, e-mail, IP, ...: never written anywhere */
	COL_PLATFORM_ID, /* the platform's respondent id: replaced */
	COL_META,	/* kept as metadata column meta */
	COL_ITEM	/* an item of the instrument */
};

const char *colmap_kind_name(enum col_kind k);

/* How sure the recognition is, for a draft map. */
enum colmap_conf {
	CONF_NONE,		/* not recognised, or ambiguous */
	CONF_LOW,
	CONF_MEDIUM,		/* a rule of thumb: statement after a prefix,
				 * a word that suggests personal data */
	CONF_HIGH		/* the user's rules, codes, exact texts, the
				 * platform's own columns */
};

/* What stands in the way of recognising a column. */
enum colmap_problem {
	COLMAP_OK,
	COLMAP_TWO_ITEMS,	/* the header matches two items (target, alt) */
	COLMAP_NAME_TEXT,	/* its name one item, its text another */
	COLMAP_NO_HEADER	/* an empty header: ignored */
};

struct colmap_col {
	enum col_kind kind;
	size_t target;		/* item index (COL_ITEM) or meta index */
	const char *why;	/* how it was recognised, for --verbose */
	enum colmap_conf conf;
	enum colmap_problem problem;
	size_t alt;		/* the second item of an ambiguous column */
	size_t twin;		/* another column (1-based) that is the same
				 * item or metadata, or 0 */
};

/* A user's mapping: "column,FROM,TO" rows ("answer" rows go to the
 * recoder). */
struct usermap_rule {
	char *from;		/* textnorm() key of the header */
	char *to;
	unsigned long line;
};

struct colmap {
	const struct instrument *ins;
	char **meta;		/* output metadata names, in output order */
	size_t nmeta, metaalloc;
	struct usermap_rule *rule;	/* column rules */
	size_t nrule, rulealloc;
	char **keep;		/* --meta COL[=NAME]: header keys ... */
	char **keepname;	/* ... and the names they are kept under */
	size_t nkeep, keepalloc;
};

void colmap_init(struct colmap *cm, const struct instrument *ins);
void colmap_release(struct colmap *cm);

/* Keep column COL (header text) as metadata NAME (NULL: a name made from
 * the header). */
void colmap_keep(struct colmap *cm, const char *col, const char *name);
/* Index of metadata name (added when new). */
size_t colmap_meta(struct colmap *cm, const char *name);

/* Read a map file (plg-survey(1), MAPPING FILE).  Answer rules go to rc.
 * Returns the number of problems reported (0 = fine). */
int colmap_load_map(struct colmap *cm, struct recoder *rc, const char *path);

/* Classify the lo->ncol columns of file (its header ends on line), with
 * their headers and platform roles as layout_headers() found them.  col[]
 * gets one entry per column.  Problems (two columns for one item, one
 * column matching two items, a name and a text that disagree) are reported
 * with plg_warn_at and counted; the count is returned.  A NULL file counts
 * without reporting (a prescan). */
int colmap_classify_layout(struct colmap *cm, const struct layout *lo,
    struct colmap_col *col, const char *file, unsigned long line);

/* colmap_classify_layout for the n fields of a plain one-row header. */
int colmap_classify(struct colmap *cm, char *const *header, size_t n,
    struct colmap_col *col, const char *file, unsigned long line);

/* "high", "medium", "low", "none". */
const char *colmap_conf_name(enum colmap_conf conf);

/* Write the draft-map rule of column colno (1-based), with a comment line
 * before it saying what it is, how sure, and why: see --draft-map in
 * plg-survey(1).  dup is an earlier column of the file with the same
 * header, or 0: then only a comment says that the rule above maps both. */
void colmap_draft_column(const struct colmap *cm, struct csvio_writer *w,
    const struct layout_col *lc, const struct colmap_col *c, size_t colno,
    size_t dup);

/* A comment line of a draft map ("# ..."), made safe to read back as CSV:
 * no line breaks, no double quotes. */
void colmap_draft_note(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* PLG_COLMAP_H */
