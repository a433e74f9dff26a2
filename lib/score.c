/* score.c -- scale scores and group statistics in one mergeable pass. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "numparse.h"
#include "score.h"
#include "xalloc.h"

/* Everything kept per group: sufficient statistics, nothing per row. */
struct score_group {
	size_t set;		/* grouping set */
	char **key;		/* value per bycol (NULL: not grouped, "*") */
	char *hkey;		/* set + values, the hash key */
	unsigned long n;	/* respondents */
	struct moments *item;	/* per item, keyed values */
	struct moments *scale;	/* per scale, scores */
	unsigned long *count;	/* per item x value, as answered */
	struct comoments *pair;	/* pairs of items under one root */
	unsigned long *lw_n;	/* per scale: respondents with every item */
	struct moments *lw_item; /* per scale x item (lw_ioff) */
	struct comoments *lw_pair; /* per scale x pair (lw_off) */
};

static size_t
ntri(size_t k)
{
	return k * (k - 1) / 2;
}

/* Index of pair (p, q), p < q, among k positions. */
static size_t
tri(size_t p, size_t q, size_t k)
{
	return p * k - p * (p + 1) / 2 + (q - p - 1);
}

void
scorer_init(struct scorer *sc, const struct instrument *ins, FILE *out)
{
	size_t s, i, npair = 0, nlw = 0;

	memset(sc, 0, sizeof(*sc));
	sc->ins = ins;
	sc->min_answered = ins->min_answered;
	sc->total = 1;
	sc->check_ids = 1;
	sc->prec = 6;
	sc->warn_min_n = 10;
	sc->respondent_col = -1;
	sc->merge_total = -1;
	csvio_writer_init(&sc->out, out);
	sc->root_of = xcalloc(ins->nitem, sizeof(size_t));
	sc->pos_in_root = xcalloc(ins->nitem, sizeof(size_t));
	sc->pair_off = xcalloc(ins->nscale, sizeof(size_t));
	sc->lw_off = xcalloc(ins->nscale * 2, sizeof(size_t));
	for (s = 0; s < ins->nscale; s++) {
		const struct instr_scale *sp = &ins->scale[s];
		sc->lw_off[2 * s] = nlw;		/* pairs */
		nlw += ntri(sp->nitem);
		if (sp->parent >= 0)
			continue;
		sc->pair_off[s] = npair;
		for (i = 0; i < sp->nitem; i++) {
			sc->root_of[sp->item[i]] = s;
			sc->pos_in_root[sp->item[i]] = i;
		}
		npair += ntri(sp->nitem);
	}
	for (s = 0, i = 0; s < ins->nscale; s++) {	/* listwise items */
		sc->lw_off[2 * s + 1] = i;
		i += ins->scale[s].nitem;
	}
	sc->npair = npair;
	sc->nlw = nlw;
	sc->raw = xcalloc(ins->nitem, sizeof(double));
	sc->pos = xcalloc(ins->nitem + 1, sizeof(size_t));
	sc->keyed = xcalloc(ins->nitem, sizeof(double));
	sc->score = xcalloc(ins->nscale, sizeof(double));
	scorer_add_set(sc, "");		/* the total */
}

static size_t
bycol_index(struct scorer *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		if (strcmp(sc->bycol[i], name) == 0)
			return i;
	sc->bycol = xreallocarray(sc->bycol, sc->nbycol + 1, sizeof(char *));
	sc->bycol[sc->nbycol] = xstrdup(name);
	return sc->nbycol++;
}

void
scorer_add_set(struct scorer *sc, const char *cols)
{
	struct score_set *st;
	const char *p = cols, *c;
	char *name;

	sc->set = xreallocarray(sc->set, sc->nset + 1, sizeof(*sc->set));
	st = &sc->set[sc->nset++];
	memset(st, 0, sizeof(*st));
	while (*p != '\0') {
		c = strchr(p, ',');
		name = c != NULL ? xstrndup(p, (size_t)(c - p)) : xstrdup(p);
		if (*name != '\0') {
			st->col = xreallocarray(st->col, st->ncol + 1,
			    sizeof(size_t));
			st->col[st->ncol++] = bycol_index(sc, name);
		}
		free(name);
		if (c == NULL)
			break;
		p = c + 1;
	}
}

/* ---- groups ---- */

static uint64_t
fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct score_group *
group_new(struct scorer *sc, size_t set, char **vals, char *hkey)
{
	const struct instrument *ins = sc->ins;
	struct score_group *g = xcalloc(1, sizeof(*g));
	size_t i, nlwi = 0;

	g->set = set;
	g->hkey = hkey;
	g->key = xcalloc(sc->nbycol + 1, sizeof(char *));
	for (i = 0; i < sc->set[set].ncol; i++)
		g->key[sc->set[set].col[i]] = xstrdup(vals[i]);
	g->item = xcalloc(ins->nitem, sizeof(*g->item));
	g->scale = xcalloc(ins->nscale, sizeof(*g->scale));
	for (i = 0; i < ins->nitem; i++)
		moments_init(&g->item[i]);
	for (i = 0; i < ins->nscale; i++)
		moments_init(&g->scale[i]);
	g->count = xcalloc(ins->nitem * (ins->nvalue + 1), sizeof(unsigned long));
	g->pair = xcalloc(sc->npair + 1, sizeof(*g->pair));
	if (sc->listwise) {
		for (i = 0; i < ins->nscale; i++)
			nlwi += ins->scale[i].nitem;
		g->lw_n = xcalloc(ins->nscale, sizeof(unsigned long));
		g->lw_item = xcalloc(nlwi, sizeof(*g->lw_item));
		for (i = 0; i < nlwi; i++)
			moments_init(&g->lw_item[i]);
		g->lw_pair = xcalloc(sc->nlw + 1, sizeof(*g->lw_pair));
	}
	return g;
}

static void
group_free(struct score_group *g, size_t nbycol)
{
	size_t i;

	for (i = 0; i < nbycol; i++)
		free(g->key[i]);
	free(g->key);
	free(g->hkey);
	free(g->item);
	free(g->scale);
	free(g->count);
	free(g->pair);
	free(g->lw_n);
	free(g->lw_item);
	free(g->lw_pair);
	free(g);
}

static void
rehash(struct scorer *sc)
{
	size_t i, j, cap = sc->hashcap ? sc->hashcap * 2 : 64;

	while (cap < 2 * (sc->ngroup + 1))	/* at most half full */
		cap *= 2;

	free(sc->hash);
	sc->hash = xcalloc(cap, sizeof(size_t));
	sc->hashcap = cap;
	for (i = 0; i < sc->ngroup; i++) {
		j = fnv(sc->group[i]->hkey) & (cap - 1);
		while (sc->hash[j] != 0)
			j = (j + 1) & (cap - 1);
		sc->hash[j] = i + 1;
	}
}

/* The group of set for these values (one per column of the set). */
static struct score_group *
group_get(struct scorer *sc, size_t set, char **vals)
{
	size_t i, len = 16, j;
	char *hkey, *p;

	for (i = 0; i < sc->set[set].ncol; i++)
		len += strlen(vals[i]) + 1;
	hkey = xmalloc(len);
	p = hkey + snprintf(hkey, 16, "%zu", set);
	for (i = 0; i < sc->set[set].ncol; i++) {
		*p++ = '\x1f';
		strcpy(p, vals[i]);
		p += strlen(p);
	}
	if (sc->hashcap == 0 || (sc->ngroup + 1) * 2 > sc->hashcap)
		rehash(sc);
	for (j = fnv(hkey) & (sc->hashcap - 1); sc->hash[j] != 0;
	    j = (j + 1) & (sc->hashcap - 1))
		if (strcmp(sc->group[sc->hash[j] - 1]->hkey, hkey) == 0) {
			free(hkey);
			return sc->group[sc->hash[j] - 1];
		}
	XGROW(sc->group, sc->groupalloc, sc->ngroup + 1);
	sc->group[sc->ngroup] = group_new(sc, set, vals, hkey);
	sc->hash[j] = ++sc->ngroup;
	return sc->group[sc->ngroup - 1];
}

/* ---- one respondent ---- */

static void
add_pairs(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t s, a, b, k, np, *pos = sc->pos;
	const size_t *it;

	for (s = 0; s < ins->nscale; s++) {
		if (ins->scale[s].parent >= 0)
			continue;
		it = ins->scale[s].item;
		k = ins->scale[s].nitem;
		for (a = 0, np = 0; a < k; a++)
			if (!isnan(sc->keyed[it[a]]))
				pos[np++] = a;
		for (a = 0; a < np; a++)
			for (b = a + 1; b < np; b++)
				comoments_add(&g->pair[sc->pair_off[s] +
				    tri(pos[a], pos[b], k)],
				    sc->keyed[it[pos[a]]], sc->keyed[it[pos[b]]]);
	}
}

static void
add_listwise(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t s, a, b, k;
	const size_t *it;

	for (s = 0; s < ins->nscale; s++) {
		it = ins->scale[s].item;
		k = ins->scale[s].nitem;
		for (a = 0; a < k; a++)
			if (isnan(sc->keyed[it[a]]))
				break;
		if (a < k)
			continue;
		g->lw_n[s]++;
		for (a = 0; a < k; a++) {
			moments_add(&g->lw_item[sc->lw_off[2 * s + 1] + a],
			    sc->keyed[it[a]]);
			for (b = a + 1; b < k; b++)
				comoments_add(&g->lw_pair[sc->lw_off[2 * s] +
				    tri(a, b, k)], sc->keyed[it[a]],
				    sc->keyed[it[b]]);
		}
	}
}

static void
group_add(struct scorer *sc, struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t i, nv = ins->nvalue;
	long v;

	g->n++;
	for (i = 0; i < ins->nitem; i++) {
		if (isnan(sc->raw[i]))
			continue;
		moments_add(&g->item[i], sc->keyed[i]);
		v = instrument_value_index(ins, sc->raw[i]);
		g->count[i * nv + (size_t)v]++;
	}
	for (i = 0; i < ins->nscale; i++)
		moments_add(&g->scale[i], sc->score[i]);
	add_pairs(sc, g);
	if (sc->listwise)
		add_listwise(sc, g);
}

/* Scale scores: the mean of the keyed items answered, given enough. */
static void
compute_scores(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t s, a, cnt;
	double sum;

	for (s = 0; s < ins->nscale; s++) {
		const struct instr_scale *sp = &ins->scale[s];
		for (a = 0, cnt = 0, sum = 0; a < sp->nitem; a++)
			if (!isnan(sc->keyed[sp->item[a]])) {
				sum += sc->keyed[sp->item[a]];
				cnt++;
			}
		sc->score[s] = cnt > 0 && (double)cnt >=
		    sc->min_answered * (double)sp->nitem - 1e-9 ?
		    sum / (double)cnt : NAN;
	}
}

/* ---- reading responses ---- */

static int
looks_like_code(const char *s)
{
	int letters = 0, digits = 0;

	for (; *s; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			letters++;
		else if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != '_')
			return 0;
	}
	return letters > 0 && digits > 0 && letters <= 4;
}

static int
on_header(struct scorer *sc, const struct csvio_record *rec)
{
	const struct instrument *ins = sc->ins;
	size_t i, j;
	long it;
	int bad = 0;

	sc->ncol = rec->nfield;
	sc->item_col = xreallocarray(sc->item_col, rec->nfield, sizeof(long));
	free(sc->set_col);
	sc->set_col = xcalloc(sc->nbycol + 1, sizeof(long));
	for (j = 0; j < sc->nbycol; j++)
		sc->set_col[j] = -1;
	sc->respondent_col = -1;
	for (i = 0; i < rec->nfield; i++) {
		const char *h = rec->field[i];
		sc->item_col[i] = -1;
		if (strcmp(h, "respondent") == 0) {
			sc->respondent_col = (long)i;
			continue;
		}
		for (j = 0; j < sc->nbycol; j++)
			if (strcmp(sc->bycol[j], h) == 0)
				sc->set_col[j] = (long)i;
		if ((it = instrument_find_item(ins, h)) >= 0) {
			for (j = 0; j < i; j++)
				if (sc->item_col[j] == it) {
					plg_warn_at(sc->file, rec->line, "item "
					    "'%s' in columns %zu and %zu", h,
					    j + 1, i + 1);
					bad = 1;
				}
			sc->item_col[i] = it;
		} else if (looks_like_code(h))
			plg_warn_at(sc->file, rec->line, "column '%s' is not "
			    "an item of instrument '%s'; read as metadata", h,
			    ins->id);
	}
	for (j = 0; j < sc->nbycol; j++)
		if (sc->set_col[j] < 0) {
			plg_warn_at(sc->file, rec->line, "no column '%s' for "
			    "--by", sc->bycol[j]);
			bad = 1;
		}
	if (sc->respondent_col < 0) {
		plg_warn_at(sc->file, rec->line, "no 'respondent' column: "
		    "is this plg-survey output?");
		bad = 1;
	}
	for (i = 0, j = 0; i < rec->nfield; i++)
		j += sc->item_col[i] >= 0;
	if (j == 0 && !bad) {
		plg_warn_at(sc->file, rec->line, "no column is an item of "
		    "instrument '%s'", ins->id);
		bad = 1;
	}
	if (bad)
		return 1;
	if (sc->mode == SCORE_RESPONDENTS && !sc->respondents_header) {
		/* the first input's metadata columns make the output's */
		csvio_put(&sc->out, "respondent");
		for (i = 0; i < rec->nfield; i++)
			if ((long)i != sc->respondent_col &&
			    sc->item_col[i] < 0) {
				sc->meta_name = xreallocarray(sc->meta_name,
				    sc->nmeta + 1, sizeof(char *));
				sc->meta_name[sc->nmeta++] =
				    xstrdup(rec->field[i]);
				csvio_put(&sc->out, rec->field[i]);
			}
		for (i = 0; i < ins->nscale; i++)
			csvio_put(&sc->out, ins->scale[i].code);
		csvio_end_row(&sc->out);
		sc->respondents_header = 1;
	}
	/* later inputs: the same metadata found by name, wherever it is */
	sc->meta_col = xreallocarray(sc->meta_col, sc->nmeta + 1,
	    sizeof(size_t));
	for (j = 0; j < sc->nmeta; j++) {
		sc->meta_col[j] = (size_t)-1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], sc->meta_name[j]) == 0)
				sc->meta_col[j] = i;
		if (sc->meta_col[j] == (size_t)-1)
			plg_warn_at(sc->file, rec->line, "no column '%s' (the "
			    "first input has it); written empty",
			    sc->meta_name[j]);
	}
	sc->vals = xreallocarray(sc->vals, sc->nbycol + 1, sizeof(char *));
	sc->header_done = 1;
	return 0;
}

/* 1 if id was seen before (then it is not added again). */
static int
seen_id(struct scorer *sc, const char *id)
{
	uint64_t h = fnv(id) | 1;	/* 0 marks an empty slot */
	size_t j, i;

	if ((sc->nids + 1) * 2 > sc->idcap) {
		unsigned long long *old = sc->ids;
		size_t oldcap = sc->idcap;
		sc->idcap = oldcap ? oldcap * 2 : 1024;
		sc->ids = xcalloc(sc->idcap, sizeof(*sc->ids));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (j = old[i] & (sc->idcap - 1); sc->ids[j] != 0;
			    j = (j + 1) & (sc->idcap - 1))
				;
			sc->ids[j] = old[i];
		}
		free(old);
	}
	for (j = h & (sc->idcap - 1); sc->ids[j] != 0;
	    j = (j + 1) & (sc->idcap - 1))
		if (sc->ids[j] == h)
			return 1;
	sc->ids[j] = h;
	sc->nids++;
	return 0;
}

static int
parse_values(struct scorer *sc, const struct csvio_record *rec)
{
	const struct instrument *ins = sc->ins;
	size_t i, n = rec->nfield < sc->ncol ? rec->nfield : sc->ncol;
	int answered = 0;
	double x;
	long it;

	for (i = 0; i < ins->nitem; i++)
		sc->raw[i] = sc->keyed[i] = NAN;
	for (i = 0; i < n; i++) {
		if ((it = sc->item_col[i]) < 0 || rec->len[i] == 0)
			continue;
		if (num_parse(rec->field[i], &x) != 0 ||
		    instrument_value_index(ins, x) < 0) {
			plg_warn_at(sc->file, rec->line, "column %zu (item %s): "
			    "%s '%.40s' ignored", i + 1, ins->item[it].code,
			    num_parse(rec->field[i], &x) != 0 ? "not a number" :
			    "value outside the response scale", rec->field[i]);
			sc->rejected++;
			continue;
		}
		sc->raw[it] = x;
		sc->keyed[it] = ins->item[it].reverse ? ins->min + ins->max - x :
		    x;
		sc->values++;
		answered = 1;
	}
	return answered;
}

static void
write_respondent(struct scorer *sc, const struct csvio_record *rec)
{
	size_t i;

	csvio_put(&sc->out, rec->field[sc->respondent_col]);
	for (i = 0; i < sc->nmeta; i++)
		csvio_put(&sc->out, sc->meta_col[i] < rec->nfield ?
		    rec->field[sc->meta_col[i]] : "");
	for (i = 0; i < sc->ins->nscale; i++)
		csvio_put_num(&sc->out, sc->score[i], sc->prec);
	csvio_end_row(&sc->out);
}

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct scorer *sc = ctx;
	size_t s, c;
	const char *id;

	if (!sc->header_done)
		return on_header(sc, rec);
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	sc->read++;
	id = (size_t)sc->respondent_col < rec->nfield ?
	    rec->field[sc->respondent_col] : "";
	if (sc->check_ids && *id != '\0' && seen_id(sc, id)) {
		plg_warn_at(sc->file, rec->line, "duplicate respondent '%s' "
		    "excluded", id);
		sc->dup++;
		return 0;
	}
	if (!parse_values(sc, rec)) {
		sc->no_answers++;
		return 0;
	}
	sc->scored++;
	compute_scores(sc);
	if (sc->mode == SCORE_RESPONDENTS) {
		write_respondent(sc, rec);
		return 0;
	}
	for (s = sc->total ? 0 : 1; s < sc->nset; s++) {
		for (c = 0; c < sc->set[s].ncol; c++) {
			long col = sc->set_col[sc->set[s].col[c]];
			sc->vals[c] = (size_t)col < rec->nfield ?
			    rec->field[col] : "";
		}
		group_add(sc, group_get(sc, s, sc->vals));
	}
	return 0;
}

int
scorer_file(struct scorer *sc, const char *path)
{
	struct csvio_reader r;
	int rc;

	if (csvio_open(&r, path) != 0) {
		plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return PLG_EXIT_TROUBLE;
	}
	sc->file = r.name;
	sc->header_done = 0;
	r.delim = ',';
	rc = csvio_read(&r, on_record, sc);
	if (r.nbad_bytes > 0)
		plg_warn_at(r.name, 0, "%lu invalid %s sequences replaced by "
		    "U+FFFD", r.nbad_bytes, encoding_name(r.enc));
	if ((rc == CSVIO_EDATA || rc == CSVIO_ESYS) && r.errmsg[0] != '\0')
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
	else if (rc != 0)
		plg_warn_at(r.name, 0, "file skipped");
	else if (!sc->header_done)
		plg_warn_at(r.name, 0, "empty file: no header");
	csvio_close(&r);
	sc->file = NULL;
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	if (rc != 0 || !sc->header_done) {
		sc->failed = 1;
		return PLG_EXIT_DATA;
	}
	return PLG_EXIT_OK;
}

/* ---- group output ---- */

static const struct scorer *sort_sc;

static int
cmp_group(const void *a, const void *b)
{
	const struct score_group *x = *(struct score_group *const *)a;
	const struct score_group *y = *(struct score_group *const *)b;
	size_t i;
	int c;

	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	for (i = 0; i < sort_sc->nbycol; i++) {
		if (x->key[i] == NULL || y->key[i] == NULL)
			continue;
		if ((c = strcmp(x->key[i], y->key[i])) != 0)
			return c;
	}
	return 0;
}

static void
sort_groups(struct scorer *sc)
{
	sort_sc = sc;
	if (sc->ngroup > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(sc->group, sc->ngroup, sizeof(*sc->group), cmp_group);
	sort_sc = NULL;
	free(sc->hash);	/* indices changed */
	sc->hash = NULL;
	sc->hashcap = 0;
	rehash(sc);
}

static const char *const group_cols[] = {
	"type", "code", "parent", "group_n", "n", "missing", "mean", "sd",
	"se", "ci_low", "ci_high", "min", "max", "k", "alpha", "alpha_std",
	"average_r", "alpha_listwise", "n_listwise", "reverse", "r_drop",
	"alpha_drop"
};

static void
write_group_header(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	char buf[64], num[40];
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, sc->bycol[i]);
	for (i = 0; i < sizeof(group_cols) / sizeof(group_cols[0]); i++)
		csvio_put(&sc->out, group_cols[i]);
	for (i = 0; i < ins->nvalue; i++) {
		snprintf(buf, sizeof(buf), "n_%s",
		    csvio_format_num(num, sizeof(num), ins->value[i], 15));
		csvio_put(&sc->out, buf);
	}
	csvio_end_row(&sc->out);
}

/* Covariance matrix of scale s in g (pairwise, or listwise) into C. */
static void
fill_cov(const struct scorer *sc, const struct score_group *g, size_t s,
    int listwise, double *C)
{
	const struct instr_scale *sp = &sc->ins->scale[s];
	size_t k = sp->nitem, a, b, r, p, q;
	double v;

	for (a = 0; a < k; a++)
		for (b = a; b < k; b++) {
			if (listwise && a == b)
				v = moments_var(&g->lw_item[sc->lw_off[2 * s + 1]
				    + a]);
			else if (listwise)
				v = comoments_cov(&g->lw_pair[sc->lw_off[2 * s] +
				    tri(a, b, k)]);
			else if (a == b)
				v = moments_var(&g->item[sp->item[a]]);
			else {
				r = sc->root_of[sp->item[a]];
				p = sc->pos_in_root[sp->item[a]];
				q = sc->pos_in_root[sp->item[b]];
				if (p > q) {
					size_t t = p;
					p = q;
					q = t;
				}
				v = comoments_cov(&g->pair[sc->pair_off[r] +
				    tri(p, q, sc->ins->scale[r].nitem)]);
			}
			C[a * k + b] = C[b * k + a] = v;
		}
}

static void
put_stats(struct scorer *sc, const struct moments *m)
{
	double n = m->n, mean = n > 0 ? m->mean : NAN, sd = moments_sd(m);
	double se = n > 1 ? sd / sqrt(n) : NAN;
	double t = n > 1 ? stats_t_quantile(0.975, n - 1) : NAN;

	csvio_put_num(&sc->out, mean, sc->prec);
	csvio_put_num(&sc->out, sd, sc->prec);
	csvio_put_num(&sc->out, se, sc->prec);
	csvio_put_num(&sc->out, mean - t * se, sc->prec);
	csvio_put_num(&sc->out, mean + t * se, sc->prec);
	csvio_put_num(&sc->out, n > 0 ? m->min : NAN, sc->prec);
	csvio_put_num(&sc->out, n > 0 ? m->max : NAN, sc->prec);
}

static void
put_group_key(struct scorer *sc, const struct score_group *g)
{
	size_t i;

	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, g->key[i] != NULL ? g->key[i] : "*");
}

static void
warn_negative(const struct scorer *sc, const struct score_group *g,
    const char *what, double x)
{
	char where[256];
	size_t i, len = 0;

	/* only for the first grouping written (the total, by default):
	 * small subgroups give noisy item-rest correlations */
	if (g->n < (unsigned long)sc->warn_min_n ||
	    g->set != (sc->total ? 0 : 1))
		return;
	where[0] = '\0';
	for (i = 0; i < sc->nbycol; i++)
		if (g->key[i] != NULL && len < sizeof(where))
			len += (size_t)snprintf(where + len, sizeof(where) - len,
			    "%s%s=%s", len ? "," : " in group ", sc->bycol[i],
			    g->key[i]);
	plg_warnx("%s%s is %.3f; check reverse keying", what, where, x);
}

static void
write_scale_row(struct scorer *sc, const struct score_group *g, size_t s,
    double *C)
{
	const struct instrument *ins = sc->ins;
	const struct instr_scale *sp = &ins->scale[s];
	struct alpha_result ar, lw;
	size_t i, v, k = sp->nitem;
	unsigned long cnt;
	char what[128];

	fill_cov(sc, g, s, 0, C);
	alpha_from_cov_delete(C, k, &ar, NULL);
	lw.raw = NAN;
	if (sc->listwise) {
		fill_cov(sc, g, s, 1, C);
		alpha_from_cov_delete(C, k, &lw, NULL);
	}
	put_group_key(sc, g);
	csvio_put(&sc->out, sp->framework || sp->parent < 0 ? "framework" :
	    "scale");
	csvio_put(&sc->out, sp->code);
	csvio_put(&sc->out, sp->parent >= 0 ? ins->scale[sp->parent].code : "");
	csvio_put_ulong(&sc->out, g->n);
	csvio_put_ulong(&sc->out, (unsigned long)g->scale[s].n);
	csvio_put_ulong(&sc->out, g->n - (unsigned long)g->scale[s].n);
	put_stats(sc, &g->scale[s]);
	csvio_put_ulong(&sc->out, k);
	csvio_put_num(&sc->out, ar.raw, sc->prec);
	csvio_put_num(&sc->out, ar.std, sc->prec);
	csvio_put_num(&sc->out, ar.average_r, sc->prec);
	csvio_put_num(&sc->out, lw.raw, sc->prec);
	if (sc->listwise)
		csvio_put_ulong(&sc->out, g->lw_n[s]);
	else
		csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	for (v = 0; v < ins->nvalue; v++) {
		for (i = 0, cnt = 0; i < k; i++)
			cnt += g->count[sp->item[i] * ins->nvalue + v];
		csvio_put_ulong(&sc->out, cnt);
	}
	csvio_end_row(&sc->out);
	if (!isnan(ar.raw) && ar.raw < 0) {
		snprintf(what, sizeof(what), "alpha of '%s'", sp->code);
		warn_negative(sc, g, what, ar.raw);
	}
}

static void
write_item_row(struct scorer *sc, const struct score_group *g, size_t i,
    double *C)
{
	const struct instrument *ins = sc->ins;
	const struct instr_item *it = &ins->item[i];
	const struct instr_scale *sp = &ins->scale[it->scale];
	double adrop = NAN, rdrop = NAN;
	size_t a, v;
	char what[128];

	for (a = 0; a < sp->nitem; a++)
		if (sp->item[a] == i)
			break;
	fill_cov(sc, g, it->scale, 0, C);
	alpha_item_drop_delete(C, sp->nitem, a, &adrop, &rdrop);
	put_group_key(sc, g);
	csvio_put(&sc->out, "item");
	csvio_put(&sc->out, it->code);
	csvio_put(&sc->out, sp->code);
	csvio_put_ulong(&sc->out, g->n);
	csvio_put_ulong(&sc->out, (unsigned long)g->item[i].n);
	csvio_put_ulong(&sc->out, g->n - (unsigned long)g->item[i].n);
	put_stats(sc, &g->item[i]);
	csvio_put_ulong(&sc->out, 1);
	for (a = 0; a < 5; a++)
		csvio_put(&sc->out, "");
	csvio_put(&sc->out, it->reverse ? "1" : "0");
	csvio_put_num(&sc->out, rdrop, sc->prec);
	csvio_put_num(&sc->out, adrop, sc->prec);
	for (v = 0; v < ins->nvalue; v++)
		csvio_put_ulong(&sc->out, g->count[i * ins->nvalue + v]);
	csvio_end_row(&sc->out);
	if (!isnan(rdrop) && rdrop < 0) {
		snprintf(what, sizeof(what), "item-rest correlation of '%s' "
		    "in '%s'", it->code, sp->code);
		warn_negative(sc, g, what, rdrop);
	}
}

static void
write_groups(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	size_t g, s, i, kmax = 1;
	double *C;

	for (s = 0; s < ins->nscale; s++)
		if (ins->scale[s].nitem > kmax)
			kmax = ins->scale[s].nitem;
	C = xcalloc(kmax * kmax, sizeof(double));
	write_group_header(sc);
	for (g = 0; g < sc->ngroup; g++) {
		if (!sc->total && sc->group[g]->set == 0)
			continue;	/* --merge --no-total: partials may hold it */
		for (s = 0; s < ins->nscale; s++)
			write_scale_row(sc, sc->group[g], s, C);
		if (sc->items)
			for (i = 0; i < ins->nitem; i++)
				write_item_row(sc, sc->group[g], i, C);
	}
	free(C);
}

/* ---- partial statistics: write ---- */

static void
put_partial_prefix(struct scorer *sc, const char *kind,
    const struct score_group *g)
{
	size_t i;

	csvio_put(&sc->out, kind);
	if (g == NULL) {
		csvio_put(&sc->out, "");
		for (i = 0; i < sc->nbycol; i++)
			csvio_put(&sc->out, "*");
		return;
	}
	csvio_put_ulong(&sc->out, g->set);
	put_group_key(sc, g);
}

static void
put_config(struct scorer *sc, const char *name, const char *value)
{
	size_t i;

	put_partial_prefix(sc, "config", NULL);
	csvio_put(&sc->out, name);
	csvio_put(&sc->out, value);
	for (i = 0; i < 6; i++)
		csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

static void
put_moments(struct scorer *sc, const char *kind, const struct score_group *g,
    const char *a, const char *b, const struct moments *m)
{
	if (m->n == 0)
		return;
	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_num(&sc->out, m->n, 17);
	csvio_put_num(&sc->out, m->mean, 17);
	csvio_put(&sc->out, "");
	csvio_put_num(&sc->out, m->m2, 17);
	csvio_put_num(&sc->out, m->min, 17);
	csvio_put_num(&sc->out, m->max, 17);
	csvio_end_row(&sc->out);
}

static void
put_comoments(struct scorer *sc, const char *kind,
    const struct score_group *g, const char *a, const char *b,
    const struct comoments *c)
{
	if (c->n == 0)
		return;
	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_num(&sc->out, c->n, 17);
	csvio_put_num(&sc->out, c->mx, 17);
	csvio_put_num(&sc->out, c->my, 17);
	csvio_put_num(&sc->out, c->cxy, 17);
	csvio_put(&sc->out, "");
	csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

static void
put_count(struct scorer *sc, const char *kind, const struct score_group *g,
    const char *a, const char *b, unsigned long n)
{
	size_t i;

	put_partial_prefix(sc, kind, g);
	csvio_put(&sc->out, a);
	csvio_put(&sc->out, b);
	csvio_put_ulong(&sc->out, n);
	for (i = 0; i < 5; i++)
		csvio_put(&sc->out, "");
	csvio_end_row(&sc->out);
}

/* "team;role,team": the grouping sets after the total. */
static char *
sets_spec(const struct scorer *sc)
{
	size_t s, c, len = 1;
	char *spec;

	for (s = 1; s < sc->nset; s++)
		for (c = 0, len++; c < sc->set[s].ncol; c++)
			len += strlen(sc->bycol[sc->set[s].col[c]]) + 1;
	spec = xcalloc(len, 1);
	for (s = 1; s < sc->nset; s++) {
		if (s > 1)
			strcat(spec, ";");
		for (c = 0; c < sc->set[s].ncol; c++) {
			if (c > 0)
				strcat(spec, ",");
			strcat(spec, sc->bycol[sc->set[s].col[c]]);
		}
	}
	return spec;
}

static void
write_partial_group(struct scorer *sc, const struct score_group *g)
{
	const struct instrument *ins = sc->ins;
	size_t i, s, a, b, k;
	char num[40], pair[256];

	put_count(sc, "group", g, "", "", g->n);
	for (s = 0; s < ins->nscale; s++)
		put_moments(sc, "scale", g, ins->scale[s].code, "", &g->scale[s]);
	for (i = 0; i < ins->nitem; i++) {
		put_moments(sc, "item", g, ins->item[i].code, "", &g->item[i]);
		for (a = 0; a < ins->nvalue; a++)
			if (g->count[i * ins->nvalue + a] > 0)
				put_count(sc, "count", g, ins->item[i].code,
				    csvio_format_num(num, sizeof(num),
				    ins->value[a], 15),
				    g->count[i * ins->nvalue + a]);
	}
	for (s = 0; s < ins->nscale; s++) {
		const struct instr_scale *sp = &ins->scale[s];
		k = sp->nitem;
		if (sp->parent < 0)
			for (a = 0; a < k; a++)
				for (b = a + 1; b < k; b++)
					put_comoments(sc, "pair", g,
					    ins->item[sp->item[a]].code,
					    ins->item[sp->item[b]].code,
					    &g->pair[sc->pair_off[s] + tri(a, b, k)]);
		if (!sc->listwise || g->lw_n[s] == 0)
			continue;
		put_count(sc, "lw", g, sp->code, "", g->lw_n[s]);
		for (a = 0; a < k; a++) {
			put_moments(sc, "lwitem", g, sp->code,
			    ins->item[sp->item[a]].code,
			    &g->lw_item[sc->lw_off[2 * s + 1] + a]);
			for (b = a + 1; b < k; b++) {
				snprintf(pair, sizeof(pair), "%s %s",
				    ins->item[sp->item[a]].code,
				    ins->item[sp->item[b]].code);
				put_comoments(sc, "lwpair", g, sp->code, pair,
				    &g->lw_pair[sc->lw_off[2 * s] + tri(a, b, k)]);
			}
		}
	}
}

static void
write_partial(struct scorer *sc)
{
	const struct instrument *ins = sc->ins;
	char buf[64];
	char *spec;
	size_t i;
	static const char *const cols[] = { "a", "b", "n", "mean_a", "mean_b",
	    "m2", "min", "max" };

	csvio_put(&sc->out, "kind");
	csvio_put(&sc->out, "set");
	for (i = 0; i < sc->nbycol; i++)
		csvio_put(&sc->out, sc->bycol[i]);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		csvio_put(&sc->out, cols[i]);
	csvio_end_row(&sc->out);
	put_config(sc, "format", "plg-partial 1");
	put_config(sc, "instrument", ins->id);
	put_config(sc, "version", ins->version);
	snprintf(buf, sizeof(buf), "%zu", ins->nitem);
	put_config(sc, "items", buf);
	put_config(sc, "min_answered", csvio_format_num(buf, sizeof(buf),
	    sc->min_answered, 17));
	put_config(sc, "listwise", sc->listwise ? "1" : "0");
	put_config(sc, "total", sc->total ? "1" : "0");
	spec = sets_spec(sc);
	put_config(sc, "sets", spec);
	free(spec);
	for (i = 0; i < sc->ngroup; i++)
		write_partial_group(sc, sc->group[i]);
}

int
scorer_finish(struct scorer *sc)
{
	if (sc->mode == SCORE_RESPONDENTS)
		return 0;
	sort_groups(sc);
	if (sc->mode == SCORE_PARTIAL)
		write_partial(sc);
	else
		write_groups(sc);
	return 0;
}

/* ---- partial statistics: merge ---- */

struct merge {
	struct scorer *sc;
	const char *file;
	int header_done;
	long col_kind, col_set, col_a, col_b, col_n, col_ma, col_mb, col_m2,
	    col_min, col_max;
	long *bycol_col;	/* per bycol: column in this file */
	int configured;		/* sets taken from this file's config */
	int nerr;
};

static const char *
mfield(const struct merge *m, const struct csvio_record *rec, long col)
{
	(void)m;
	return col >= 0 && (size_t)col < rec->nfield ? rec->field[col] : "";
}

static double
mnum(struct merge *m, const struct csvio_record *rec, long col)
{
	double x;

	if (num_parse(mfield(m, rec, col), &x) != 0) {
		plg_warn_at(m->file, rec->line, "not a number in partial "
		    "file: '%.40s'", mfield(m, rec, col));
		m->nerr++;
		return 0;
	}
	return x;
}

static int
merge_header(struct merge *m, const struct csvio_record *rec)
{
	static const char *const names[] = { "kind", "set", "a", "b", "n",
	    "mean_a", "mean_b", "m2", "min", "max" };
	long *cols[] = { &m->col_kind, &m->col_set, &m->col_a, &m->col_b,
	    &m->col_n, &m->col_ma, &m->col_mb, &m->col_m2, &m->col_min,
	    &m->col_max };
	size_t i, j;

	for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
		*cols[j] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], names[j]) == 0)
				*cols[j] = (long)i;
		if (*cols[j] < 0) {
			plg_warn_at(m->file, rec->line, "not a partial file "
			    "(plg-score --partial): no column '%s'", names[j]);
			return 1;
		}
	}
	/* the group columns stand between set and a */
	for (i = (size_t)m->col_set + 1; i < (size_t)m->col_a; i++)
		bycol_index(m->sc, rec->field[i]);
	m->bycol_col = xcalloc(m->sc->nbycol + 1, sizeof(long));
	for (j = 0; j < m->sc->nbycol; j++) {
		m->bycol_col[j] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], m->sc->bycol[j]) == 0)
				m->bycol_col[j] = (long)i;
	}
	m->header_done = 1;
	return 0;
}

static void
merge_sets(struct merge *m, const char *spec, unsigned long line)
{
	struct scorer *sc = m->sc;
	char *have = sets_spec(sc), *copy, *p, *semi;

	if (sc->nset > 1 || sc->ngroup > 0) {
		if (strcmp(have, spec) != 0) {
			plg_warn_at(m->file, line, "grouped by '%s', not '%s' "
			    "like the earlier input", spec, have);
			m->nerr++;
		}
		free(have);
		return;
	}
	free(have);
	copy = xstrdup(spec);
	for (p = copy; *p != '\0'; p = semi + 1) {
		semi = strchr(p, ';');
		if (semi != NULL)
			*semi = '\0';
		scorer_add_set(sc, p);
		if (semi == NULL)
			break;
	}
	free(copy);
}

static void
merge_config(struct merge *m, const struct csvio_record *rec)
{
	struct scorer *sc = m->sc;
	const char *k = mfield(m, rec, m->col_a), *v = mfield(m, rec, m->col_b);
	char buf[64];
	const char *want = NULL;

	if (strcmp(k, "instrument") == 0)
		want = sc->ins->id;
	else if (strcmp(k, "version") == 0)
		want = sc->ins->version;
	else if (strcmp(k, "items") == 0) {
		snprintf(buf, sizeof(buf), "%zu", sc->ins->nitem);
		want = buf;
	} else if (strcmp(k, "format") == 0)
		want = "plg-partial 1";
	else if (strcmp(k, "min_answered") == 0) {
		if (sc->ngroup == 0)
			num_parse(v, &sc->min_answered);
		want = csvio_format_num(buf, sizeof(buf), sc->min_answered, 17);
	} else if (strcmp(k, "listwise") == 0) {
		if (sc->ngroup == 0)
			sc->listwise = strcmp(v, "1") == 0;
		want = sc->listwise ? "1" : "0";
	} else if (strcmp(k, "total") == 0) {
		/* every input must hold the total, or none: a total over
		 * some batches only would be wrong */
		if (sc->merge_total < 0)
			sc->merge_total = strcmp(v, "1") == 0;
		want = sc->merge_total ? "1" : "0";
	} else if (strcmp(k, "sets") == 0) {
		merge_sets(m, v, rec->line);
		return;
	}
	if (want != NULL && strcmp(want, v) != 0) {
		plg_warn_at(m->file, rec->line, "partial file has %s '%s', "
		    "expected '%s': it cannot be merged", k, v, want);
		m->nerr++;
	}
}

static struct score_group *
merge_group(struct merge *m, const struct csvio_record *rec)
{
	struct scorer *sc = m->sc;
	double s;
	size_t set, c;

	s = mnum(m, rec, m->col_set);
	if (s < 0 || s >= (double)sc->nset || s != floor(s)) {
		plg_warn_at(m->file, rec->line, "no grouping set %s",
		    mfield(m, rec, m->col_set));
		m->nerr++;
		return NULL;
	}
	set = (size_t)s;
	sc->vals = xreallocarray(sc->vals, sc->nbycol + 1, sizeof(char *));
	for (c = 0; c < sc->set[set].ncol; c++)
		sc->vals[c] = (char *)mfield(m, rec,
		    m->bycol_col[sc->set[set].col[c]]);
	return group_get(sc, set, sc->vals);
}

static void
read_moments(struct merge *m, const struct csvio_record *rec,
    struct moments *dst)
{
	struct moments x;

	x.n = mnum(m, rec, m->col_n);
	x.mean = mnum(m, rec, m->col_ma);
	x.m2 = mnum(m, rec, m->col_m2);
	x.min = mnum(m, rec, m->col_min);
	x.max = mnum(m, rec, m->col_max);
	if (m->nerr == 0)	/* never merge a half-read row */
		moments_merge(dst, &x);
}

static void
read_comoments(struct merge *m, const struct csvio_record *rec,
    struct comoments *dst)
{
	struct comoments x;

	x.n = mnum(m, rec, m->col_n);
	x.mx = mnum(m, rec, m->col_ma);
	x.my = mnum(m, rec, m->col_mb);
	x.cxy = mnum(m, rec, m->col_m2);
	if (m->nerr == 0)
		comoments_merge(dst, &x);
}

/* Position of item code within scale s, or -1. */
static long
item_in_scale(const struct instrument *ins, size_t s, const char *code)
{
	long it = instrument_find_item(ins, code);
	size_t a;

	for (a = 0; it >= 0 && a < ins->scale[s].nitem; a++)
		if (ins->scale[s].item[a] == (size_t)it)
			return (long)a;
	return -1;
}

static int
merge_stat(struct merge *m, const struct csvio_record *rec, const char *kind,
    struct score_group *g)
{
	struct scorer *sc = m->sc;
	const struct instrument *ins = sc->ins;
	const char *a = mfield(m, rec, m->col_a), *b = mfield(m, rec, m->col_b);
	long i = -1, j = -1, s = -1;
	double v;
	char *sp;

	if (strcmp(kind, "group") == 0) {
		g->n += (unsigned long)mnum(m, rec, m->col_n);
	} else if (strcmp(kind, "item") == 0 &&
	    (i = instrument_find_item(ins, a)) >= 0) {
		read_moments(m, rec, &g->item[i]);
	} else if (strcmp(kind, "scale") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0) {
		read_moments(m, rec, &g->scale[s]);
	} else if (strcmp(kind, "count") == 0 &&
	    (i = instrument_find_item(ins, a)) >= 0 && num_parse(b, &v) == 0 &&
	    (j = instrument_value_index(ins, v)) >= 0) {
		g->count[(size_t)i * ins->nvalue + (size_t)j] +=
		    (unsigned long)mnum(m, rec, m->col_n);
	} else if (strcmp(kind, "pair") == 0 &&
	    (i = instrument_find_item(ins, a)) >= 0 &&
	    (j = instrument_find_item(ins, b)) >= 0 &&
	    sc->root_of[i] == sc->root_of[j] &&
	    sc->pos_in_root[i] < sc->pos_in_root[j]) {
		size_t r = sc->root_of[i];
		read_comoments(m, rec, &g->pair[sc->pair_off[r] +
		    tri(sc->pos_in_root[i], sc->pos_in_root[j],
		    ins->scale[r].nitem)]);
	} else if (sc->listwise && strcmp(kind, "lw") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0) {
		g->lw_n[s] += (unsigned long)mnum(m, rec, m->col_n);
	} else if (sc->listwise && strcmp(kind, "lwitem") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0 &&
	    (i = item_in_scale(ins, (size_t)s, b)) >= 0) {
		read_moments(m, rec, &g->lw_item[sc->lw_off[2 * s + 1] + i]);
	} else if (sc->listwise && strcmp(kind, "lwpair") == 0 &&
	    (s = instrument_find_scale(ins, a)) >= 0 &&
	    (sp = strchr(b, ' ')) != NULL) {
		char *first = xstrndup(b, (size_t)(sp - b));
		i = item_in_scale(ins, (size_t)s, first);
		j = item_in_scale(ins, (size_t)s, sp + 1);
		free(first);
		if (i < 0 || j < 0 || i >= j)
			return -1;
		read_comoments(m, rec, &g->lw_pair[sc->lw_off[2 * s] +
		    tri((size_t)i, (size_t)j, ins->scale[s].nitem)]);
	} else
		return -1;
	return 0;
}

static int
merge_record(void *ctx, const struct csvio_record *rec)
{
	struct merge *m = ctx;
	struct score_group *g;
	const char *kind;

	if (!m->header_done)
		return merge_header(m, rec);
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	kind = mfield(m, rec, m->col_kind);
	if (strcmp(kind, "config") == 0) {
		merge_config(m, rec);
		return m->nerr > 0;
	}
	m->sc->partial_rows++;
	if ((g = merge_group(m, rec)) == NULL)
		return 1;
	if (merge_stat(m, rec, kind, g) != 0) {
		plg_warn_at(m->file, rec->line, "unknown statistic '%s' "
		    "'%.40s' '%.40s' in partial file", kind,
		    mfield(m, rec, m->col_a), mfield(m, rec, m->col_b));
		m->nerr++;
	}
	return m->nerr > 0;
}

int
scorer_merge_file(struct scorer *sc, const char *path)
{
	struct csvio_reader r;
	struct merge m;
	int rc;

	if (csvio_open(&r, path) != 0) {
		plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return PLG_EXIT_TROUBLE;
	}
	memset(&m, 0, sizeof(m));
	m.sc = sc;
	sc->merging = 1;
	m.file = r.name;
	r.delim = ',';
	rc = csvio_read(&r, merge_record, &m);
	if ((rc == CSVIO_EDATA || rc == CSVIO_ESYS) && r.errmsg[0] != '\0')
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
	else if (rc == 0 && !m.header_done)
		plg_warn_at(r.name, 0, "empty file: no header");
	free(m.bycol_col);
	csvio_close(&r);
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	if (rc != 0 || m.nerr > 0 || !m.header_done) {
		sc->failed = 1;
		return PLG_EXIT_DATA;
	}
	return PLG_EXIT_OK;
}

/* ---- summary and cleanup ---- */

void
scorer_summary(const struct scorer *sc)
{
	char groups[64] = "";

	if (sc->mode != SCORE_RESPONDENTS)
		snprintf(groups, sizeof(groups), "; %zu group%s", sc->ngroup,
		    sc->ngroup == 1 ? "" : "s");
	if (sc->read == 0 && (sc->partial_rows > 0 || sc->merging)) {
		plg_warnx("%lu partial statistic%s merged%s", sc->partial_rows,
		    sc->partial_rows == 1 ? "" : "s", groups);
		return;
	}
	plg_warnx("%lu respondent%s read: %lu scored, %lu excluded (%lu "
	    "duplicate id%s, %lu without any valid answer); answers: %lu "
	    "used, %lu rejected%s", sc->read, sc->read == 1 ? "" : "s",
	    sc->scored, sc->dup + sc->no_answers, sc->dup, sc->dup == 1 ?
	    "" : "s", sc->no_answers, sc->values, sc->rejected, groups);
}

void
scorer_release(struct scorer *sc)
{
	size_t i;

	for (i = 0; i < sc->ngroup; i++)
		group_free(sc->group[i], sc->nbycol);
	for (i = 0; i < sc->nbycol; i++)
		free(sc->bycol[i]);
	for (i = 0; i < sc->nset; i++)
		free(sc->set[i].col);
	free(sc->group);
	free(sc->hash);
	free(sc->bycol);
	free(sc->set);
	free(sc->root_of);
	free(sc->pos_in_root);
	free(sc->pair_off);
	free(sc->lw_off);
	free(sc->item_col);
	free(sc->set_col);
	free(sc->meta_col);
	free(sc->raw);
	free(sc->pos);
	free(sc->vals);
	for (i = 0; i < sc->nmeta; i++)
		free(sc->meta_name[i]);
	free(sc->meta_name);
	free(sc->keyed);
	free(sc->score);
	free(sc->ids);
	memset(sc, 0, sizeof(*sc));
}
