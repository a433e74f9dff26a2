/* report.c -- reading plg-score output into the report model (its keys and
 * stats carved from one pool, only what a format shows kept); anonymity. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "diag.h"
#include "numparse.h"
#include "report.h"
#include "xalloc.h"

enum {
	C_TYPE, C_CODE, C_GROUP_N, C_N, C_MISSING, C_MEAN, C_SD, C_SE,
	C_CI_LOW, C_CI_HIGH, C_MIN, C_MAX, C_ALPHA, C_ALPHA_STD, C_R_DROP,
	C_ALPHA_DROP, NCOLS
};
static const char *const colname[NCOLS] = {
	"type", "code", "group_n", "n", "missing", "mean", "sd", "se",
	"ci_low", "ci_high", "min", "max", "alpha", "alpha_std", "r_drop",
	"alpha_drop"
};

/* on_record's value to stop at a header that is not plg-score's: not
 * CSVIO_EDATA (1) or CSVIO_ESYS (2), which mean a CSV or read error. */
#define LOAD_BAD_HEADER 3

struct load {
	struct report *r;
	const char *file;
	unsigned keep;		/* enum rpt_keep */
	int header_done;
	long col[NCOLS];
	long *count_col;	/* per instrument value */
	size_t ncol;
	int nerr;
	size_t groupalloc;	/* room in r->group */
	size_t *setalloc;	/* per set: room in its group array */
	struct rpt_stat *no_items;	/* shared by groups without item rows */
	const char **value;	/* group values kept: open hash table */
	size_t nvalue, valuealloc;
};

/* ---- storage ---- */

/* The pool is a list of chunks; pieces are carved from the newest, so a
 * group's stats cost no allocator overhead and the whole model is freed
 * at once. */
union rpt_align {
	double d;
	void *p;
	long l;
};

struct rpt_pool {
	struct rpt_pool *next;
	size_t size, used;	/* bytes of data */
	union rpt_align data[];
};

#define POOL_FIRST	((size_t)4 << 10)	/* chunks double from this */
#define POOL_CHUNK	((size_t)64 << 10)	/* up to this */

void *
report_alloc(struct report *r, size_t nmemb, size_t size)
{
	struct rpt_pool *c = r->pool, *own;
	const size_t align = sizeof(union rpt_align);
	size_t need, room;

	if (size != 0 && nmemb > (SIZE_MAX - POOL_CHUNK) / 2 / size)
		plg_die(PLG_EXIT_TROUBLE, "out of memory");
	need = (nmemb * size + align - 1) / align * align;
	if (need == 0)
		need = align;
	if (c != NULL && c->size - c->used >= need) {
		c->used += need;
		return (char *)c->data + c->used - need;
	}
	room = c == NULL ? POOL_FIRST : c->size >= POOL_CHUNK / 2 ?
	    POOL_CHUNK : 2 * c->size;
	if (need > room / 4) {	/* a chunk of its own, behind the newest */
		own = xcalloc(1, sizeof(*own) + need);
		own->size = own->used = need;
		if (c != NULL) {
			own->next = c->next;
			c->next = own;
		} else
			r->pool = own;
		return own->data;
	}
	c = xcalloc(1, sizeof(*c) + room);
	c->size = room;
	c->used = need;
	c->next = r->pool;
	r->pool = c;
	return c->data;
}

static void
pool_free(struct rpt_pool *c)
{
	struct rpt_pool *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;		/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The pool's copy of group value s: one copy of each value however many
 * groups have it (a team in every role group, a school in every wave). */
static const char *
intern(struct load *ld, const char *s)
{
	size_t i, mask, len;
	char *copy;

	if (4 * (ld->nvalue + 1) > 3 * ld->valuealloc) {
		const char **old = ld->value;
		size_t k, n = ld->valuealloc;

		ld->valuealloc = n ? 2 * n : 64;
		ld->value = xcalloc(ld->valuealloc, sizeof(char *));
		mask = ld->valuealloc - 1;
		for (k = 0; k < n; k++) {
			if (old[k] == NULL)
				continue;
			for (i = hash_str(old[k]) & mask; ld->value[i] != NULL;
			    i = (i + 1) & mask)
				;
			ld->value[i] = old[k];
		}
		free(old);
	}
	mask = ld->valuealloc - 1;
	for (i = hash_str(s) & mask; ld->value[i] != NULL; i = (i + 1) & mask)
		if (strcmp(ld->value[i], s) == 0)
			return ld->value[i];
	len = strlen(s);
	copy = report_alloc(ld->r, len + 1, 1);
	memcpy(copy, s, len);
	ld->nvalue++;
	return ld->value[i] = copy;
}

/* ---- reading ---- */

static int
header(struct load *ld, const struct csvio_record *rec)
{
	struct report *r = ld->r;
	const struct instrument *ins = r->ins;
	size_t i, c;
	char name[64], num[40];

	for (c = 0; c < NCOLS; c++) {
		ld->col[c] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], colname[c]) == 0)
				ld->col[c] = (long)i;
		if (ld->col[c] < 0 && c != C_R_DROP && c != C_ALPHA_DROP) {
			plg_warn_at(ld->file, rec->line, "no column '%s': is "
			    "this plg-score output (without --respondents)?",
			    colname[c]);
			return LOAD_BAD_HEADER;
		}
	}
	r->nbycol = (size_t)ld->col[C_TYPE];
	r->bycol = xcalloc(r->nbycol + 1, sizeof(char *));
	for (i = 0; i < r->nbycol; i++)
		r->bycol[i] = xstrdup(rec->field[i]);
	ld->count_col = xcalloc(ins->nvalue + 1, sizeof(long));
	for (c = 0; c < ins->nvalue; c++) {
		snprintf(name, sizeof(name), "n_%s", csvio_format_num(num,
		    sizeof(num), ins->value[c], 15));
		ld->count_col[c] = -1;
		for (i = 0; i < rec->nfield; i++)
			if (strcmp(rec->field[i], name) == 0)
				ld->count_col[c] = (long)i;
	}
	ld->ncol = rec->nfield;
	ld->header_done = 1;
	return 0;
}

static double
num(struct load *ld, const struct csvio_record *rec, long col)
{
	double x;

	if (col < 0 || (size_t)col >= rec->nfield || rec->len[col] == 0)
		return NAN;
	if (num_parse(rec->field[col], &x) != 0) {
		plg_warn_at(ld->file, rec->line, "column %ld: not a number "
		    "'%.40s'", col + 1, rec->field[col]);
		ld->nerr++;
		return NAN;
	}
	return x;
}

/* The set whose grouped columns are those of rec not equal to "*". */
static size_t
find_set(struct load *ld, const struct csvio_record *rec)
{
	struct report *r = ld->r;
	size_t i, s, n = 0, cols[64];

	for (i = 0; i < r->nbycol && n < 64; i++)
		if (strcmp(rec->field[i], "*") != 0)
			cols[n++] = i;
	for (s = 0; s < r->nset; s++)
		if (r->set[s].ncol == n &&
		    memcmp(r->set[s].col, cols, n * sizeof(size_t)) == 0)
			return s;
	r->set = xreallocarray(r->set, r->nset + 1, sizeof(*r->set));
	ld->setalloc = xreallocarray(ld->setalloc, r->nset + 1,
	    sizeof(size_t));
	memset(&r->set[r->nset], 0, sizeof(*r->set));
	ld->setalloc[r->nset] = 0;
	r->set[r->nset].col = xcalloc(n + 1, sizeof(size_t));
	memcpy(r->set[r->nset].col, cols, n * sizeof(size_t));
	r->set[r->nset].ncol = n;
	return r->nset++;
}

static struct rpt_group *
find_group(struct load *ld, const struct csvio_record *rec)
{
	struct report *r = ld->r;
	const struct instrument *ins = r->ins;
	struct rpt_group *g;
	struct rpt_set *st;
	size_t i, set = find_set(ld, rec);

	st = &r->set[set];
	for (i = st->ngroup; i-- > 0;) {	/* rows of a group are adjacent */
		size_t j;
		g = &r->group[st->group[i]];
		for (j = 0; j < st->ncol; j++)
			if (strcmp(g->key[st->col[j]], rec->field[st->col[j]]))
				break;
		if (j == st->ncol)
			return g;
	}
	XGROW(r->group, ld->groupalloc, r->ngroup + 1);
	g = &r->group[r->ngroup];
	memset(g, 0, sizeof(*g));
	g->set = set;
	g->key = report_alloc(r, r->nbycol + 1, sizeof(char *));
	for (i = 0; i < st->ncol; i++)
		g->key[st->col[i]] = intern(ld, rec->field[st->col[i]]);
	g->scale = report_alloc(r, ins->nscale, sizeof(*g->scale));
	g->item = ld->no_items;
	XGROW(st->group, ld->setalloc[set], st->ngroup + 1);
	st->group[st->ngroup++] = r->ngroup;
	if (st->ncol == 0)
		r->total = (long)r->ngroup;
	return &r->group[r->ngroup++];
}

/* A row's numbers after group_n, in the order they are checked (and so
 * warned about); all are checked, some kept. */
static const int row_col[] = {
	C_N, C_MISSING, C_MEAN, C_SD, C_SE, C_CI_LOW, C_CI_HIGH, C_MIN, C_MAX,
	C_ALPHA, C_ALPHA_STD, C_R_DROP, C_ALPHA_DROP
};

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct load *ld = ctx;
	struct report *r = ld->r;
	const struct instrument *ins = r->ins;
	struct rpt_group *g;
	struct rpt_stat *st, dropped;
	const char *type, *code;
	double group_n, val[NCOLS], x;
	long idx;
	size_t i, v;
	int is_item;

	if (!ld->header_done)
		return header(ld, rec);
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	if (rec->nfield < ld->ncol) {
		plg_warn_at(ld->file, rec->line, "record has %zu fields, the "
		    "header %zu", rec->nfield, ld->ncol);
		ld->nerr++;
		return 0;
	}
	type = rec->field[ld->col[C_TYPE]];
	code = rec->field[ld->col[C_CODE]];
	is_item = strcmp(type, "item") == 0;
	idx = is_item ? instrument_find_item(ins, code) :
	    instrument_find_scale(ins, code);
	if (idx < 0) {
		plg_warn_at(ld->file, rec->line, "%s '%s' is not in "
		    "instrument '%s'", type, code, ins->id);
		ld->nerr++;
		return 0;
	}
	g = find_group(ld, rec);
	memset(&dropped, 0, sizeof(dropped));
	if (!is_item)
		st = &g->scale[idx];
	else if (ld->keep & RPT_KEEP_ITEMS) {
		if (g->item == ld->no_items)
			g->item = report_alloc(r, ins->nitem, sizeof(*g->item));
		st = &g->item[idx];
	} else
		st = &dropped;	/* read and checked all the same */
	if (is_item)
		r->has_items = 1;
	st->present = 1;
	group_n = num(ld, rec, ld->col[C_GROUP_N]);
	if (!(group_n >= 0 && group_n <= 1e15) || group_n != floor(group_n)) {
		plg_warn_at(ld->file, rec->line, "group_n must be a count of "
		    "respondents, not '%.40s'", rec->field[ld->col[C_GROUP_N]]);
		ld->nerr++;
		return 0;
	}
	g->n = (unsigned long)group_n;
	for (i = 0; i < sizeof(row_col) / sizeof(row_col[0]); i++)
		val[row_col[i]] = num(ld, rec, ld->col[row_col[i]]);
	st->n = val[C_N];
	st->mean = val[C_MEAN];
	st->sd = val[C_SD];
	st->ci_low = val[C_CI_LOW];
	st->ci_high = val[C_CI_HIGH];
	st->alpha = val[C_ALPHA];
	if (st != &dropped && is_item && (ld->keep & RPT_KEEP_COUNTS) &&
	    st->count == NULL)
		st->count = report_alloc(r, ins->nvalue, sizeof(double));
	for (v = 0; v < ins->nvalue; v++) {
		x = ld->count_col[v] < 0 ? 0 : num(ld, rec, ld->count_col[v]);
		if (st->count != NULL)
			st->count[v] = x;
	}
	return 0;
}

int
report_load(struct report *r, const struct instrument *ins, const char *path)
{
	return report_load_keep(r, ins, path, RPT_KEEP_ALL);
}

int
report_load_keep(struct report *r, const struct instrument *ins,
    const char *path, unsigned keep)
{
	struct csvio_reader rd;
	struct load ld;
	size_t s;
	int rc;

	memset(r, 0, sizeof(*r));
	r->ins = ins;
	r->total = -1;
	if (csvio_open(&rd, path) != 0) {
		plg_warnx("%s", rd.errmsg);
		csvio_close(&rd);
		return PLG_EXIT_TROUBLE;
	}
	memset(&ld, 0, sizeof(ld));
	ld.r = r;
	ld.file = rd.name;
	ld.keep = keep;
	ld.no_items = report_alloc(r, ins->nitem, sizeof(*ld.no_items));
	rd.delim = ',';
	rc = csvio_read(&rd, on_record, &ld);
	if (rd.nbad_bytes > 0)
		plg_warn_at(rd.name, 0, "%lu invalid %s sequences replaced by "
		    "U+FFFD", rd.nbad_bytes, encoding_name(rd.enc));
	if (rc == CSVIO_EDATA || rc == CSVIO_ESYS)
		plg_warn_at(rd.name, rd.errline, "%s", rd.errmsg);
	else if (rc == 0 && !ld.header_done)
		plg_warn_at(rd.name, 0, "empty input: no header");
	else if (rc == 0 && r->ngroup == 0)
		plg_warn_at(rd.name, 0, "no statistics in the input");
	free(ld.count_col);
	free(ld.setalloc);
	free(ld.value);
	csvio_close(&rd);
	/* the counts are known now: no room to spare */
	r->group = xreallocarray(r->group, r->ngroup + 1, sizeof(*r->group));
	for (s = 0; s < r->nset; s++)
		r->set[s].group = xreallocarray(r->set[s].group,
		    r->set[s].ngroup + 1, sizeof(size_t));
	if (rc == CSVIO_ESYS)
		return PLG_EXIT_TROUBLE;
	if (rc != 0 || ld.nerr > 0 || !ld.header_done || r->ngroup == 0)
		return PLG_EXIT_DATA;
	return PLG_EXIT_OK;
}

/* ---- anonymity ---- */

/* 1 if set p's columns are a proper subset of set s's. */
static int
is_parent(const struct rpt_set *p, const struct rpt_set *s)
{
	size_t i, j;

	if (p->ncol >= s->ncol)
		return 0;
	for (i = 0; i < p->ncol; i++) {
		for (j = 0; j < s->ncol; j++)
			if (p->col[i] == s->col[j])
				break;
		if (j == s->ncol)
			return 0;
	}
	return 1;
}

/* 1 if child lies within parent: equal on every column parent groups by. */
static int
within(const struct report *r, const struct rpt_group *parent,
    const struct rpt_group *child)
{
	size_t i;

	for (i = 0; i < r->nbycol; i++)
		if (parent->key[i] != NULL &&
		    strcmp(parent->key[i], child->key[i]) != 0)
			return 0;
	return 1;
}

/* In the partition of parent group P by set s: while exactly one child is
 * hidden, or the hidden ones together are fewer than k, hide the smallest
 * shown child.  Returns 1 if anything changed. */
static int
protect_partition(struct report *r, const struct rpt_group *P, size_t s,
    int k)
{
	const struct rpt_set *st = &r->set[s];
	size_t i, nhidden, best;
	unsigned long hidden_n;
	int changed = 0;
	struct rpt_group *g;

	for (;;) {
		nhidden = 0;
		hidden_n = 0;
		best = (size_t)-1;
		for (i = 0; i < st->ngroup; i++) {
			g = &r->group[st->group[i]];
			if (!within(r, P, g))
				continue;
			if (g->suppressed) {
				nhidden++;
				hidden_n += g->n;
			} else if (best == (size_t)-1 ||
			    g->n < r->group[best].n)
				best = st->group[i];
		}
		if (nhidden == 0 || best == (size_t)-1 ||
		    (nhidden > 1 && hidden_n >= (unsigned long)k))
			return changed;
		r->group[best].suppressed = RPT_COMPLEMENT;
		changed = 1;
	}
}

/* A hidden group's groups in a finer set s are hidden too: shown, they
 * would add up to it (a team hidden to protect another, and its one role
 * group shown, gave the team and so the other away).  Returns 1 if
 * anything changed. */
static int
hide_within(struct report *r, const struct rpt_group *P, size_t s)
{
	const struct rpt_set *st = &r->set[s];
	struct rpt_group *g;
	size_t i;
	int changed = 0;

	for (i = 0; i < st->ngroup; i++) {
		g = &r->group[st->group[i]];
		if (!g->suppressed && within(r, P, g)) {
			g->suppressed = RPT_COMPLEMENT;
			changed = 1;
		}
	}
	return changed;
}

size_t
report_suppress(struct report *r, int k)
{
	size_t i, s, p, hidden = 0;
	int changed;
	struct rpt_group whole;

	r->min_n = k;
	for (i = 0; i < r->ngroup; i++)
		r->group[i].suppressed = r->group[i].n < (unsigned long)k ?
		    RPT_TOO_SMALL : RPT_SHOWN;
	/* Without a whole-school group in the input the whole is still
	 * known (the sum of any complete grouping, or the school's size):
	 * its partitions need the same protection. */
	memset(&whole, 0, sizeof(whole));
	whole.key = xcalloc(r->nbycol + 1, sizeof(char *));
	do {
		changed = 0;
		for (s = 0; s < r->nset; s++) {
			if (r->total < 0 && r->set[s].ncol > 0)
				changed |= protect_partition(r, &whole, s, k);
			for (p = 0; p < r->nset; p++) {
				if (!is_parent(&r->set[p], &r->set[s]))
					continue;
				for (i = 0; i < r->set[p].ngroup; i++) {
					struct rpt_group *P =
					    &r->group[r->set[p].group[i]];
					changed |= P->suppressed ?
					    hide_within(r, P, s) :
					    protect_partition(r, P, s, k);
				}
			}
		}
	} while (changed);
	free(whole.key);
	memset(r->nsuppressed, 0, sizeof(r->nsuppressed));
	for (i = 0; i < r->ngroup; i++) {
		r->nsuppressed[r->group[i].suppressed]++;
		hidden += r->group[i].suppressed != RPT_SHOWN;
	}
	return hidden;
}

/* ---- queries ---- */

const struct instr_band *
report_band(const struct report *r, double mean)
{
	return instrument_band(r->ins, mean);
}

int
report_high_spread(const struct report *r, double sd)
{
	return !isnan(sd) && sd >= 0.25 * (r->ins->max - r->ins->min);
}

long
report_find_set(const struct report *r, const char *col)
{
	size_t s;

	for (s = 0; s < r->nset; s++)
		if (r->set[s].ncol == 1 &&
		    strcmp(r->bycol[r->set[s].col[0]], col) == 0)
			return (long)s;
	return -1;
}

long
report_find_group(const struct report *r, size_t set, const char *col,
    const char *val)
{
	size_t i, c;

	for (c = 0; c < r->nbycol; c++)
		if (strcmp(r->bycol[c], col) == 0)
			break;
	if (c == r->nbycol || set >= r->nset)
		return -1;
	for (i = 0; i < r->set[set].ngroup; i++) {
		const struct rpt_group *g = &r->group[r->set[set].group[i]];
		if (g->key[c] != NULL && strcmp(g->key[c], val) == 0)
			return (long)r->set[set].group[i];
	}
	return -1;
}

char *
report_group_label(const struct report *r, const struct rpt_group *g)
{
	const struct rpt_set *st = &r->set[g->set];
	size_t i, len = 1;
	char *s;

	if (st->ncol == 0)
		return NULL;
	if (st->ncol == 1)
		return xstrdup(g->key[st->col[0]]);
	for (i = 0; i < st->ncol; i++)
		len += strlen(r->bycol[st->col[i]]) + strlen(g->key[st->col[i]])
		    + 3;
	s = xcalloc(len, 1);
	for (i = 0; i < st->ncol; i++) {
		if (i > 0)
			strcat(s, ", ");
		strcat(s, r->bycol[st->col[i]]);
		strcat(s, "=");
		strcat(s, g->key[st->col[i]]);
	}
	return s;
}

size_t
report_children(const struct report *r, size_t f, size_t *out, size_t max)
{
	size_t s, n = 0;

	for (s = 0; s < r->ins->nscale && n < max; s++)
		if (r->ins->scale[s].parent == (int)f)
			out[n++] = s;
	return n;
}

static const struct rpt_group *sort_group;

static int
cmp_item_mean(const void *a, const void *b)
{
	double x = sort_group->item[*(const size_t *)a].mean;
	double y = sort_group->item[*(const size_t *)b].mean;

	if (x != y)
		return x > y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

size_t
report_items_by_mean(const struct report *r, const struct rpt_group *g,
    size_t s, size_t *out, size_t max)
{
	const struct instr_scale *sp = &r->ins->scale[s];
	size_t i, n = 0, *all;

	/* Sort every item of the scale, then keep the first max: stopping
	 * at max before sorting would rank only the first items in file
	 * order. */
	all = xcalloc(sp->nitem + 1, sizeof(size_t));
	for (i = 0; i < sp->nitem; i++)
		if (g->item[sp->item[i]].present &&
		    !isnan(g->item[sp->item[i]].mean))
			all[n++] = sp->item[i];
	sort_group = g;
	qsort(all, n, sizeof(size_t), cmp_item_mean);
	sort_group = NULL;
	if (n > max)
		n = max;
	memcpy(out, all, n * sizeof(size_t));
	free(all);
	return n;
}

void
report_release(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nset; i++) {
		free(r->set[i].col);
		free(r->set[i].group);
	}
	for (i = 0; i < r->nbycol; i++)
		free(r->bycol[i]);
	free(r->group);
	free(r->set);
	free(r->bycol);
	pool_free(r->pool);
	memset(r, 0, sizeof(*r));
}
