/* idset.h -- the set of respondent ids seen so far, for plg-score's
 * duplicate check: exact, and flat in memory for the ids plg-survey writes.
 *
 * An id that ends in a decimal number ("R0001", "R0002", ..., "2026-17") is
 * kept as a run of numbers within its class, the ids with the same prefix
 * and the same number of digits ("R" and 4).  Consecutive ids extend a run
 * and cost nothing more, so plg-survey's ids -- consecutive in every file --
 * take a few dozen bytes whatever the number of respondents.  A class whose
 * ids come in more than IDSET_MAX_RUNS separate runs (ids in random order,
 * say) moves to the hash table, as do ids without a number and classes
 * beyond IDSET_MAX_CLASSES: that table holds the 64-bit FNV-1a hash of each
 * id, 16 to 32 bytes per id, at most half full.  Two different hashed ids
 * with the same hash count as one (a chance of about n^2 / 2^64 among n
 * ids); runs are exact.
 *
 * Ownership: struct idset is caller-allocated; idset_init() takes no
 * resources, idset_release() frees everything.  No pointer to an id is
 * kept. */
#ifndef PLG_IDSET_H
#define PLG_IDSET_H

#include <stddef.h>
#include <stdint.h>

#define IDSET_MAX_RUNS		1024	/* per class, then hashed */
#define IDSET_MAX_CLASSES	64	/* then hashed */

struct idset_run {
	uint64_t lo, hi;	/* the numbers lo..hi are in the set */
};

struct idset_class {
	char *prefix;		/* the id up to its number (owned) */
	size_t plen;
	unsigned width;		/* digits of the number, leading zeros too */
	int hashed;		/* runs moved to the hash table */
	struct idset_run *run;	/* sorted, disjoint, never adjacent */
	size_t nrun, runalloc;
};

struct idset {
	struct idset_class *cls;
	size_t ncls;
	size_t last;		/* class of the previous id (a cache) */
	uint64_t *hash;		/* open addressing; 0 = empty slot */
	size_t nhash, hashcap;
};

void idset_init(struct idset *s);
/* Add id (len bytes, compared byte by byte).  Returns 1 if it was in the
 * set already (then nothing changes), 0 if it is new. */
int idset_add(struct idset *s, const char *id, size_t len);
/* Bytes held, for tests and diagnostics. */
size_t idset_bytes(const struct idset *s);
void idset_release(struct idset *s);	/* then reusable */

#endif /* PLG_IDSET_H */
