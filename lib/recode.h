/* recode.h -- turning an answer cell into a number on the instrument's
 * response scale: numbers, answer labels in Dutch or English (tolerant
 * matching), numbered labels ("5 - Helemaal eens", "Eens (4)"), options that
 * mean missing ("weet niet"), and answer mappings from a user's map file.
 * Ownership: struct recoder borrows the instrument (which must outlive it) and
 * owns its cache and user mappings; recoder_release() frees them. */
#ifndef PLG_RECODE_H
#define PLG_RECODE_H

#include <stddef.h>

#include "instrument.h"

enum recode_status {
	RECODE_VALUE,		/* *value set */
	RECODE_EMPTY,		/* empty cell */
	RECODE_DONTKNOW,	/* an answer option that means missing */
	RECODE_OUT_OF_RANGE,	/* a number the scale does not have */
	RECODE_UNKNOWN,		/* text that is no answer label */
	RECODE_CONFLICT		/* "2 - Helemaal eens": number and label differ */
};

struct recode_entry;

/* A user's answer mapping that holds in some columns only. */
struct recode_scoped {
	char *text;		/* textnorm() key of the answer */
	double value;		/* NAN: means missing */
	size_t scope;		/* index in recoder.scope */
	unsigned long line;	/* of the map file, for messages */
};

struct recoder {
	const struct instrument *ins;
	struct recode_entry *user;	/* user answer mappings */
	size_t nuser, useralloc;
	struct recode_entry *cache;	/* open-addressing hash of seen cells */
	size_t ncache, cachecap;
	struct recode_scoped *scoped;	/* mappings for some columns */
	size_t nscoped, scopedalloc;
	char **scope;		/* distinct column keys the mappings name */
	unsigned char *scope_used;	/* 1 once a column had that key */
	size_t nscope, scopealloc;
};

void recoder_init(struct recoder *rc, const struct instrument *ins);
/* Map the answer text from (compared after textnorm) to value; NAN = means
 * missing.  Later mappings of the same text win. */
void recoder_add(struct recoder *rc, const char *from, double value);
/* Map the answer text from to value (NAN = missing) in the columns known
 * as scope only: a header, a column name or an item code, compared after
 * textnorm().  line is the map file's, for messages. */
void recoder_add_in(struct recoder *rc, const char *scope, const char *from,
    double value, unsigned long line);
/* The scopes that name a column known under keys[0..nkeys) (textnorm()
 * keys; NULL entries are skipped): their indices in *ids (caller frees),
 * their number returned; each is marked used. */
size_t recoder_scopes(struct recoder *rc, char *const *keys, size_t nkeys,
    size_t **ids);
/* Recode s (NUL-terminated, len bytes).  *value is set for RECODE_VALUE. */
enum recode_status recoder_run(struct recoder *rc, const char *s, size_t len,
    double *value);
/* recoder_run, with the mappings of the scopes ids[0..nids) first. */
enum recode_status recoder_run_in(struct recoder *rc, const size_t *ids,
    size_t nids, const char *s, size_t len, double *value);
void recoder_release(struct recoder *rc);

#endif /* PLG_RECODE_H */
