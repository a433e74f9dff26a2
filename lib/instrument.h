/* instrument.h -- the survey instrument (codebook): items with their texts in
 * Dutch and English, the scales and frameworks they roll up into, reverse
 * keying, the response scale with its answer labels, interpretation bands and
 * scoring settings.  Read from a CSV file (plg-instrument(5)) or from the
 * default PLG instrument embedded in every binary.
 * Ownership: struct instrument owns every string and array in it;
 * instrument_release() frees them all. */
#ifndef PLG_INSTRUMENT_H
#define PLG_INSTRUMENT_H

#include <stddef.h>

enum lang { LANG_NL = 0, LANG_EN = 1, NLANG = 2 };

struct instr_answer {
	char *code;		/* short code, e.g. "4" or "dk" */
	double value;		/* NAN: the option means missing (don't know) */
	char *label[NLANG];	/* as written in the instrument */
	char *key[NLANG];	/* textnorm() of label, for matching */
	int alias;		/* 1 if an earlier answer has the same value */
};

struct instr_band {
	char *code;		/* e.g. "attention", "developing", "strength" */
	double lower;		/* inclusive lower bound on a mean score */
	char *label[NLANG];
};

/* A scale or a framework: a node in the tree items -> scales -> framework. */
struct instr_scale {
	char *code;
	int parent;		/* index in scale[], or -1 for a root */
	int framework;		/* declared as a framework (a root) */
	char *name[NLANG];
	size_t *item;		/* indices of every item beneath, in file order */
	size_t nitem;
	size_t depth;		/* 0 for a root */
	size_t variant;		/* index in variant[]; 0 without variants */
	size_t base;		/* the scale it repeats (itself in the base) */
};

struct instr_item {
	char *code;
	size_t scale;		/* index of the scale it belongs to */
	int reverse;		/* reverse-keyed: scored as min + max - x */
	char *text[NLANG];
	char *key[NLANG];	/* textnorm() of text (and of the variant's
				 * label after it), for matching headers */
	size_t variant;		/* index in variant[]; 0 without variants */
	size_t base;		/* the item it repeats (itself in the base) */
};

/* A version of the whole questionnaire (plg-instrument(5), VARIANTS):
 * variant[0] is the base, the items and scales as written, e.g. "current"
 * (how it is now); every other variant repeats each base item X as X.CODE
 * and each base scale S as S.CODE, e.g. "desired" (how it should be). */
struct instr_variant {
	char *code;		/* "current", "desired" */
	char *label[NLANG];	/* what follows a statement in an export's
				 * column header: "(gewenste situatie)" */
	char *name[NLANG];	/* label without its brackets ("gewenste
				 * situatie"), or the code */
};

struct instrument {
	char *id, *version;
	char *title[NLANG];
	char *source;		/* file name, or "(default)" */
	double min, max;	/* declared response range */
	double min_answered;	/* share of a scale's items needed for a score */
	struct instr_answer *answer;
	size_t nanswer;
	struct instr_band *band;	/* ascending by lower */
	size_t nband;
	struct instr_scale *scale;	/* frameworks and scales, file order */
	size_t nscale;
	struct instr_item *item;	/* file order */
	size_t nitem;
	double *value;		/* distinct answer values, ascending: every */
	size_t nvalue;		/* integer of the range plus labelled ones */
	struct instr_variant *variant;	/* in use: none, or the base and */
	size_t nvariant;		/* at least one more (see above) */
};

/* The embedded default instrument's CSV text. */
extern const unsigned char plg_default_instrument[];
extern const size_t plg_default_instrument_len;

/* Load from a file, or the default when path is NULL.  A path of the form
 * [FILE]+CODE[+CODE...] that names no file selects the optional variants
 * CODE of FILE, or of the default instrument when FILE is empty
 * ("+desired").  Every problem is reported with plg_warn_at(file, line,
 * ...); returns 0, -1 when the instrument is unusable, or -2 when the file
 * cannot be read (ins is then released). */
int instrument_load(struct instrument *ins, const char *path);
/* Load from CSV text in memory; name is used in diagnostics. */
int instrument_parse(struct instrument *ins, const char *name,
    const char *text, size_t len);
/* The text of the instrument that path names, as instrument_load() reads
 * it: the file's or the default's, and for selected variants one more
 * record, "setting,variants,,CODE...", so that the text alone selects
 * them.  Returns 0 with *text (NUL-terminated; caller frees) and *len set,
 * -1 when the instrument is unusable, -2 when the file cannot be read. */
int instrument_text(const char *path, char **text, size_t *len);
void instrument_release(struct instrument *ins);

/* Index of the variant with this code, or -1 (also without variants). */
long instrument_find_variant(const struct instrument *ins, const char *code);
/* Index of the item or scale with this code (exact, then ignoring case), or
 * -1. */
long instrument_find_item(const struct instrument *ins, const char *code);
long instrument_find_scale(const struct instrument *ins, const char *code);
/* The band a mean falls into, or NULL (NAN, or no bands). */
const struct instr_band *instrument_band(const struct instrument *ins,
    double mean);
/* Index of v in value[], or -1. */
long instrument_value_index(const struct instrument *ins, double v);
/* Label of the answer with this value in lang, or NULL. */
const char *instrument_value_label(const struct instrument *ins, double v,
    enum lang lang);

/* "nl" or "en" -> enum lang; -1 if unknown. */
int lang_parse(const char *s);

#endif /* PLG_INSTRUMENT_H */
