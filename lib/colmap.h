/* colmap.h -- what each column of an export is: an item of the instrument
 * (by code, by question text in Dutch or English, or by the user's map file),
 * a metadata column to keep (school, team, role, wave, ...), personal data
 * to drop, the platform's own respondent id, or something to ignore.
 * Ownership: struct colmap owns its columns and the user map; the instrument
 * is borrowed and must outlive it. */
#ifndef PLG_COLMAP_H
#define PLG_COLMAP_H

#include <stddef.h>

#include "instrument.h"
#include "recode.h"

enum col_kind {
	COL_IGNORED,	/* not needed (times, free text, unknown questions) */
	COL_PERSONAL,	/* names, e-mail, IP, ...: never written anywhere */
	COL_PLATFORM_ID, /* the platform's respondent id: replaced */
	COL_META,	/* kept as metadata column meta */
	COL_ITEM	/* an item of the instrument */
};

const char *colmap_kind_name(enum col_kind k);

struct colmap_col {
	enum col_kind kind;
	size_t target;		/* item index (COL_ITEM) or meta index */
	const char *why;	/* how it was recognised, for --verbose */
};

/* A user's mapping: "column,FROM,TO" and "answer,FROM,VALUE" rows. */
struct usermap_rule {
	char *from;		/* textnorm() key of the header or answer */
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

/* Classify the n header fields of file (its header is on line).  col[] gets
 * one entry per field.  Problems (two columns for one item, one column
 * matching two items) are reported with plg_warn_at; returns their count. */
int colmap_classify(struct colmap *cm, char *const *header, size_t n,
    struct colmap_col *col, const char *file, unsigned long line);

#endif /* PLG_COLMAP_H */
