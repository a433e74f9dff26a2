/* recode.c -- answer cells to numbers; a small hash cache keeps repeated
 * labels from being normalised again for every respondent. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "numparse.h"
#include "recode.h"
#include "textnorm.h"
#include "xalloc.h"

struct recode_entry {
	char *text;		/* raw cell (cache) or normalised key (user) */
	enum recode_status status;
	double value;
	size_t len;		/* cache: of text */
	uint64_t hash;		/* cache: hash(text, len) */
};

void
recoder_init(struct recoder *rc, const struct instrument *ins)
{
	memset(rc, 0, sizeof(*rc));
	rc->ins = ins;
}

void
recoder_add(struct recoder *rc, const char *from, double value)
{
	struct recode_entry *e;

	XGROW(rc->user, rc->useralloc, rc->nuser + 1);
	e = &rc->user[rc->nuser++];
	e->text = textnorm(from, strlen(from));
	e->value = value;
	e->status = isnan(value) ? RECODE_DONTKNOW : RECODE_VALUE;
}

/* A number on the scale: one of the instrument's values. */
static enum recode_status
by_number(const struct recoder *rc, double x, double *value)
{
	if (instrument_value_index(rc->ins, x) < 0)
		return RECODE_OUT_OF_RANGE;
	*value = x;
	return RECODE_VALUE;
}

/* Look the normalised key up among user mappings, then answer labels. */
static enum recode_status
by_label(const struct recoder *rc, const char *key, double *value)
{
	const struct instrument *ins = rc->ins;
	size_t i, l;

	for (i = rc->nuser; i-- > 0;)
		if (strcmp(rc->user[i].text, key) == 0) {
			*value = rc->user[i].value;
			return rc->user[i].status;
		}
	for (i = 0; i < ins->nanswer; i++)
		for (l = 0; l < NLANG; l++)
			if (*ins->answer[i].key[l] &&
			    strcmp(ins->answer[i].key[l], key) == 0) {
				*value = ins->answer[i].value;
				return isnan(*value) ? RECODE_DONTKNOW :
				    RECODE_VALUE;
			}
	return RECODE_UNKNOWN;
}

/* "5 - Helemaal eens", "5. Eens", "(5) Eens", "Eens (4)", "Eens = 4". */
static enum recode_status
numbered(const struct recoder *rc, const char *key, double *value)
{
	const char *p = key, *sp;
	char *num = NULL, *rest = NULL;
	double x, lv;
	enum recode_status st = RECODE_UNKNOWN, ls;

	/* textnorm turned the punctuation into single spaces. */
	if (*p >= '0' && *p <= '9' && (sp = strchr(p, ' ')) != NULL) {
		num = xstrndup(p, (size_t)(sp - p));
		rest = xstrdup(sp + 1);
	} else if ((sp = strrchr(p, ' ')) != NULL && sp[1] >= '0' &&
	    sp[1] <= '9') {
		num = xstrdup(sp + 1);
		rest = xstrndup(p, (size_t)(sp - p));
	}
	/* "4 5" or "1-5" (rest a number) say two numbers: no answer */
	if (num != NULL && num_parse(num, &x) == 0 &&
	    num_parse(rest, &lv) != 0 &&
	    by_number(rc, x, value) == RECODE_VALUE) {
		ls = by_label(rc, rest, &lv);
		if (ls == RECODE_VALUE && lv != x)
			st = RECODE_CONFLICT;
		else
			st = RECODE_VALUE;
		*value = x;
	}
	free(num);
	free(rest);
	return st;
}

/* Eight bytes at a time: labels are long and every cell is hashed. */
static uint64_t
hash(const char *s, size_t len)
{
	uint64_t h = 0x243f6a8885a308d3ULL ^ len, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 32;
}

static enum recode_status
recode_slow(const struct recoder *rc, const char *s, size_t len,
    double *value)
{
	char *key;
	double x;
	enum recode_status st;

	/* "3,5" from a Dutch spreadsheet is 3.5 (off the scale), not 3 */
	if (num_parse_comma(s, &x) == 0)
		return by_number(rc, x, value);
	key = textnorm(s, len);
	if (*key == '\0')
		st = RECODE_EMPTY;
	else if ((st = by_label(rc, key, value)) == RECODE_UNKNOWN)
		st = numbered(rc, key, value);
	free(key);
	return st;
}

static void
cache_grow(struct recoder *rc)
{
	struct recode_entry *old = rc->cache;
	size_t oldcap = rc->cachecap, i, j;

	rc->cachecap = oldcap ? oldcap * 2 : 64;
	rc->cache = xcalloc(rc->cachecap, sizeof(*rc->cache));
	for (i = 0; i < oldcap; i++) {
		if (old[i].text == NULL)
			continue;
		j = old[i].hash & (rc->cachecap - 1);
		while (rc->cache[j].text != NULL)
			j = (j + 1) & (rc->cachecap - 1);
		rc->cache[j] = old[i];
	}
	free(old);
}

enum recode_status
recoder_run(struct recoder *rc, const char *s, size_t len, double *value)
{
	size_t j;
	enum recode_status st;
	double v = NAN;
	uint64_t h;
	const struct recode_entry *e;

	if (len == 0)
		return RECODE_EMPTY;
	if (len == 1 && s[0] >= '0' && s[0] <= '9' && rc->nuser == 0)
		return by_number(rc, s[0] - '0', value);
	h = hash(s, len);
	if (rc->cachecap > 0) {
		j = h & (rc->cachecap - 1);
		for (; (e = &rc->cache[j])->text != NULL;
		    j = (j + 1) & (rc->cachecap - 1))
			if (e->hash == h && e->len == len &&
			    memcmp(e->text, s, len) == 0) {
				*value = e->value;
				return e->status;
			}
	}
	/* user mappings may map any text, numbers included */
	if (rc->nuser > 0) {
		char *key = textnorm(s, len);
		st = by_label(rc, key, &v);
		free(key);
		if (st == RECODE_UNKNOWN)
			st = recode_slow(rc, s, len, &v);
	} else
		st = recode_slow(rc, s, len, &v);
	if (rc->ncache < 4096) {	/* labels repeat; free text does not */
		if ((rc->ncache + 1) * 2 > rc->cachecap)
			cache_grow(rc);
		j = h & (rc->cachecap - 1);
		while (rc->cache[j].text != NULL)
			j = (j + 1) & (rc->cachecap - 1);
		rc->cache[j].hash = h;
		rc->cache[j].len = len;
		rc->cache[j].text = xstrndup(s, len);
		rc->cache[j].status = st;
		rc->cache[j].value = v;
		rc->ncache++;
	}
	*value = v;
	return st;
}

void
recoder_add_in(struct recoder *rc, const char *scope, const char *from,
    double value, unsigned long line)
{
	char *key = textnorm(scope, strlen(scope));
	struct recode_scoped *e;
	size_t i;

	for (i = 0; i < rc->nscope; i++)
		if (strcmp(rc->scope[i], key) == 0)
			break;
	if (i == rc->nscope) {
		XGROW(rc->scope, rc->scopealloc, rc->nscope + 1);
		rc->scope_used = xreallocarray(rc->scope_used, rc->scopealloc, 1);
		rc->scope[i] = key;
		rc->scope_used[i] = 0;
		rc->nscope++;
	} else
		free(key);
	XGROW(rc->scoped, rc->scopedalloc, rc->nscoped + 1);
	e = &rc->scoped[rc->nscoped++];
	e->text = textnorm(from, strlen(from));
	e->value = value;
	e->scope = i;
	e->line = line;
}

size_t
recoder_scopes(struct recoder *rc, char *const *keys, size_t nkeys,
    size_t **ids)
{
	size_t i, k, n = 0;

	*ids = NULL;
	for (i = 0; i < rc->nscope; i++)
		for (k = 0; k < nkeys; k++)
			if (keys[k] != NULL && strcmp(rc->scope[i], keys[k]) == 0) {
				*ids = xreallocarray(*ids, n + 1, sizeof(**ids));
				(*ids)[n++] = i;
				rc->scope_used[i] = 1;
				break;
			}
	return n;
}

enum recode_status
recoder_run_in(struct recoder *rc, const size_t *ids, size_t nids,
    const char *s, size_t len, double *value)
{
	char *key;
	size_t i, k;

	if (nids == 0 || len == 0)
		return recoder_run(rc, s, len, value);
	key = textnorm(s, len);
	for (i = rc->nscoped; i-- > 0;) {	/* later mappings win */
		for (k = 0; k < nids; k++)
			if (rc->scoped[i].scope == ids[k])
				break;
		if (k == nids || strcmp(rc->scoped[i].text, key) != 0)
			continue;
		free(key);
		*value = rc->scoped[i].value;
		return isnan(*value) ? RECODE_DONTKNOW : RECODE_VALUE;
	}
	free(key);
	return recoder_run(rc, s, len, value);
}

void
recoder_release(struct recoder *rc)
{
	size_t i;

	for (i = 0; i < rc->nscoped; i++)
		free(rc->scoped[i].text);
	for (i = 0; i < rc->nscope; i++)
		free(rc->scope[i]);
	free(rc->scoped);
	free(rc->scope);
	free(rc->scope_used);
	for (i = 0; i < rc->nuser; i++)
		free(rc->user[i].text);
	for (i = 0; i < rc->cachecap; i++)
		free(rc->cache[i].text);
	free(rc->user);
	free(rc->cache);
	memset(rc, 0, sizeof(*rc));
}
