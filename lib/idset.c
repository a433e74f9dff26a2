/* idset.c -- respondent ids as runs of numbers per prefix, or hashed; see
 * idset.h for the design and its memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "xalloc.h"

#define MAX_DIGITS	18	/* 10^18 - 1 fits in a uint64_t */

void
idset_init(struct idset *s)
{
	memset(s, 0, sizeof(*s));
}

void
idset_release(struct idset *s)
{
	size_t i;

	for (i = 0; i < s->ncls; i++) {
		free(s->cls[i].prefix);
		free(s->cls[i].run);
	}
	free(s->cls);
	free(s->hash);
	idset_init(s);
}

size_t
idset_bytes(const struct idset *s)
{
	size_t i, n = s->ncls * sizeof(*s->cls) + s->hashcap * sizeof(uint64_t);

	for (i = 0; i < s->ncls; i++)
		n += s->cls[i].plen + 1 + s->cls[i].runalloc *
		    sizeof(struct idset_run);
	return n;
}

/* ---- the hash table ---- */

static uint64_t
fnv(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h | 1;	/* 0 marks an empty slot */
}

static void
hash_grow(struct idset *s)
{
	uint64_t *old = s->hash;
	size_t oldcap = s->hashcap, i, j;

	s->hashcap = oldcap ? oldcap * 2 : 1024;
	s->hash = xcalloc(s->hashcap, sizeof(*s->hash));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		for (j = old[i] & (s->hashcap - 1); s->hash[j] != 0;
		    j = (j + 1) & (s->hashcap - 1))
			;
		s->hash[j] = old[i];
	}
	free(old);
}

static int
hash_add(struct idset *s, uint64_t h)
{
	size_t j;

	if ((s->nhash + 1) * 2 > s->hashcap)
		hash_grow(s);
	for (j = h & (s->hashcap - 1); s->hash[j] != 0;
	    j = (j + 1) & (s->hashcap - 1))
		if (s->hash[j] == h)
			return 1;
	s->hash[j] = h;
	s->nhash++;
	return 0;
}

/* ---- runs ---- */

/* Move class c's runs to the hash table: every id they stand for. */
static void
class_to_hash(struct idset *s, struct idset_class *c)
{
	char *buf = xmalloc(c->plen + MAX_DIGITS + 2);
	size_t i;
	uint64_t v;

	memcpy(buf, c->prefix, c->plen);
	for (i = 0; i < c->nrun; i++)
		for (v = c->run[i].lo;; v++) {
			snprintf(buf + c->plen, MAX_DIGITS + 2, "%0*llu",
			    (int)c->width, (unsigned long long)v);
			hash_add(s, fnv(buf, c->plen + c->width));
			if (v == c->run[i].hi)
				break;
		}
	free(buf);
	free(c->run);
	c->run = NULL;
	c->nrun = c->runalloc = 0;
	c->hashed = 1;
}

/* Add v to the runs of c: 1 if present already, 0 if added. */
static int
run_add(struct idset_class *c, uint64_t v)
{
	struct idset_run *r = c->run;
	size_t lo = 0, hi = c->nrun, mid;

	/* the usual case: the next number of the last run */
	if (c->nrun > 0 && v == r[c->nrun - 1].hi + 1) {
		r[c->nrun - 1].hi = v;
		return 0;
	}
	while (lo < hi) {	/* lo = the first run starting after v */
		mid = lo + (hi - lo) / 2;
		if (r[mid].lo > v)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo > 0 && r[lo - 1].hi >= v)
		return 1;
	if (lo > 0 && r[lo - 1].hi + 1 == v) {
		r[lo - 1].hi = v;
		if (lo < c->nrun && r[lo].lo == v + 1) {	/* join two */
			r[lo - 1].hi = r[lo].hi;
			memmove(r + lo, r + lo + 1,
			    (c->nrun - lo - 1) * sizeof(*r));
			c->nrun--;
		}
		return 0;
	}
	if (lo < c->nrun && r[lo].lo == v + 1) {
		r[lo].lo = v;
		return 0;
	}
	XGROW(c->run, c->runalloc, c->nrun + 1);
	r = c->run;
	memmove(r + lo + 1, r + lo, (c->nrun - lo) * sizeof(*r));
	r[lo].lo = r[lo].hi = v;
	c->nrun++;
	return 0;
}

/* The class of an id with this prefix and width; NULL if there is no room
 * for another one. */
static struct idset_class *
class_of(struct idset *s, const char *id, size_t plen, unsigned width)
{
	struct idset_class *c;
	size_t i;

	if (s->last < s->ncls) {
		c = &s->cls[s->last];
		if (c->plen == plen && c->width == width &&
		    memcmp(c->prefix, id, plen) == 0)
			return c;
	}
	for (i = 0; i < s->ncls; i++) {
		c = &s->cls[i];
		if (c->plen == plen && c->width == width &&
		    memcmp(c->prefix, id, plen) == 0) {
			s->last = i;
			return c;
		}
	}
	if (s->ncls == IDSET_MAX_CLASSES)
		return NULL;
	if (s->ncls == 0)
		s->cls = xcalloc(IDSET_MAX_CLASSES, sizeof(*s->cls));
	c = &s->cls[s->ncls];
	c->prefix = xstrndup(id, plen);
	c->plen = plen;
	c->width = width;
	s->last = s->ncls++;
	return c;
}

int
idset_add(struct idset *s, const char *id, size_t len)
{
	struct idset_class *c;
	size_t d = 0;
	uint64_t v = 0;
	int dup;

	while (d < len && d <= MAX_DIGITS && id[len - d - 1] >= '0' &&
	    id[len - d - 1] <= '9')
		d++;
	if (d == 0 || d > MAX_DIGITS ||
	    (c = class_of(s, id, len - d, (unsigned)d)) == NULL || c->hashed)
		return hash_add(s, fnv(id, len));
	for (; d > 0; d--)
		v = v * 10 + (uint64_t)(id[len - d] - '0');
	dup = run_add(c, v);
	if (c->nrun > IDSET_MAX_RUNS)
		class_to_hash(s, c);
	return dup;
}
