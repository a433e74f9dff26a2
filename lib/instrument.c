/* instrument.c -- reading and checking an instrument file (plg-instrument(5)). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csvio.h"
#include "diag.h"
#include "instrument.h"
#include "numparse.h"
#include "textnorm.h"
#include "xalloc.h"

enum { COL_TYPE, COL_CODE, COL_PARENT, COL_VALUE, COL_NL, COL_EN, NCOL };
static const char *const colname[NCOL] =
    { "type", "code", "parent", "value", "nl", "en" };

/* A variant record, before the variants in use are worked out. */
struct vdecl {
	char *code;
	char *label[NLANG];
	int optional;		/* used only when selected */
	unsigned long line;
};

/* A variant selected by a setting (line) or the +CODE argument (line 0). */
struct vsel {
	char *code;
	unsigned long line;
};

/* Parse state; pending parents are resolved once every row is read. */
struct load {
	struct instrument *ins;
	const char *name;
	int col[NCOL];		/* column index of each field, -1 if absent */
	int header_seen;
	int nerr;
	int have_range;
	char **item_parent;	/* parent code per item, resolved later */
	unsigned long *item_line;
	char **scale_parent;
	unsigned long *scale_line;
	unsigned long *answer_line;	/* per answer, for check() */
	size_t aalloc, balloc, salloc, ialloc;
	struct vdecl *vdecl;	/* variant records, in file order */
	size_t nvdecl, valloc;
	struct vsel *sel;	/* selected optional variants */
	size_t nsel, selalloc;
};

int
lang_parse(const char *s)
{
	if (strncasecmp(s, "nl", 2) == 0)
		return LANG_NL;
	if (strncasecmp(s, "en", 2) == 0)
		return LANG_EN;
	return -1;
}

static const char *
get(const struct load *ld, const struct csvio_record *rec, int c)
{
	int i = ld->col[c];

	if (i < 0 || (size_t)i >= rec->nfield)
		return "";
	return rec->field[i];
}

static int
valid_code(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

/* A variant code becomes a suffix of codes: letters, digits and '_'. */
static int
valid_variant_code(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static void
bad(struct load *ld, unsigned long line, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	plg_warn_at(ld->name, line, "instrument: %s", msg);
	ld->nerr++;
}

static int
code_taken(const struct instrument *ins, const char *code)
{
	return instrument_find_item(ins, code) >= 0 ||
	    instrument_find_scale(ins, code) >= 0;
}

static void
texts(char **dst, const struct load *ld, const struct csvio_record *rec)
{
	dst[LANG_NL] = textnorm_trim(get(ld, rec, COL_NL),
	    strlen(get(ld, rec, COL_NL)));
	dst[LANG_EN] = textnorm_trim(get(ld, rec, COL_EN),
	    strlen(get(ld, rec, COL_EN)));
	/* one language may stand in for a missing other */
	if (*dst[LANG_NL] == '\0' && *dst[LANG_EN] != '\0') {
		free(dst[LANG_NL]);
		dst[LANG_NL] = xstrdup(dst[LANG_EN]);
	} else if (*dst[LANG_EN] == '\0' && *dst[LANG_NL] != '\0') {
		free(dst[LANG_EN]);
		dst[LANG_EN] = xstrdup(dst[LANG_NL]);
	}
}

static int
header(struct load *ld, const struct csvio_record *rec)
{
	size_t i;
	int c;

	for (c = 0; c < NCOL; c++)
		ld->col[c] = -1;
	for (i = 0; i < rec->nfield; i++)
		for (c = 0; c < NCOL; c++)
			if (strcasecmp(rec->field[i], colname[c]) == 0)
				ld->col[c] = (int)i;
	for (c = 0; c < NCOL; c++)
		if (ld->col[c] < 0) {
			bad(ld, rec->line, "missing column '%s' in the header "
			    "(expected type,code,parent,value,nl,en)", colname[c]);
			return -1;
		}
	ld->header_seen = 1;
	return 0;
}

static void
add_answer(struct load *ld, const struct csvio_record *rec)
{
	struct instrument *ins = ld->ins;
	struct instr_answer *a;
	const char *v = get(ld, rec, COL_VALUE);
	size_t i, old = ld->aalloc;
	double x = NAN;

	if (*v != '\0' && num_parse(v, &x) != 0) {
		bad(ld, rec->line, "answer value '%s' is not a number", v);
		return;
	}
	XGROW(ins->answer, ld->aalloc, ins->nanswer + 1);
	if (ld->aalloc != old)
		ld->answer_line = xreallocarray(ld->answer_line, ld->aalloc,
		    sizeof(unsigned long));
	ld->answer_line[ins->nanswer] = rec->line;
	a = &ins->answer[ins->nanswer++];
	memset(a, 0, sizeof(*a));
	a->code = xstrdup(get(ld, rec, COL_CODE));
	a->value = x;
	texts(a->label, ld, rec);
	for (i = 0; i < NLANG; i++)
		a->key[i] = textnorm(a->label[i], strlen(a->label[i]));
	for (i = 0; i + 1 < ins->nanswer; i++)
		if ((isnan(x) && isnan(ins->answer[i].value)) ||
		    ins->answer[i].value == x)
			a->alias = 1;
	if (*a->label[LANG_NL] == '\0')
		bad(ld, rec->line, "answer '%s' has no label", a->code);
}

static void
add_band(struct load *ld, const struct csvio_record *rec)
{
	struct instrument *ins = ld->ins;
	struct instr_band *b;
	double x;

	if (num_parse(get(ld, rec, COL_VALUE), &x) != 0) {
		bad(ld, rec->line, "band lower bound '%s' is not a number",
		    get(ld, rec, COL_VALUE));
		return;
	}
	if (ins->nband > 0 && x <= ins->band[ins->nband - 1].lower) {
		bad(ld, rec->line, "band '%s' must start above the band "
		    "before it", get(ld, rec, COL_CODE));
		return;
	}
	XGROW(ins->band, ld->balloc, ins->nband + 1);
	b = &ins->band[ins->nband++];
	b->code = xstrdup(get(ld, rec, COL_CODE));
	b->lower = x;
	texts(b->label, ld, rec);
}

/* A new scale (zeroed but for code, parent code and line); returns it. */
static struct instr_scale *
push_scale(struct load *ld, const char *code, const char *parent,
    unsigned long line)
{
	struct instrument *ins = ld->ins;
	struct instr_scale *s;
	size_t old = ld->salloc;

	XGROW(ins->scale, ld->salloc, ins->nscale + 1);
	if (ld->salloc != old) {
		ld->scale_parent = xreallocarray(ld->scale_parent, ld->salloc,
		    sizeof(char *));
		ld->scale_line = xreallocarray(ld->scale_line, ld->salloc,
		    sizeof(unsigned long));
	}
	ld->scale_parent[ins->nscale] = xstrdup(parent);
	ld->scale_line[ins->nscale] = line;
	s = &ins->scale[ins->nscale];
	memset(s, 0, sizeof(*s));
	s->code = xstrdup(code);
	s->parent = -1;
	s->base = ins->nscale++;
	return s;
}

/* A new item (zeroed but for code, parent code and line); returns it. */
static struct instr_item *
push_item(struct load *ld, const char *code, const char *parent,
    unsigned long line)
{
	struct instrument *ins = ld->ins;
	struct instr_item *it;
	size_t old = ld->ialloc;

	XGROW(ins->item, ld->ialloc, ins->nitem + 1);
	if (ld->ialloc != old) {
		ld->item_parent = xreallocarray(ld->item_parent, ld->ialloc,
		    sizeof(char *));
		ld->item_line = xreallocarray(ld->item_line, ld->ialloc,
		    sizeof(unsigned long));
	}
	ld->item_parent[ins->nitem] = xstrdup(parent);
	ld->item_line[ins->nitem] = line;
	it = &ins->item[ins->nitem];
	memset(it, 0, sizeof(*it));
	it->code = xstrdup(code);
	it->base = ins->nitem++;
	return it;
}

static void
add_scale(struct load *ld, const struct csvio_record *rec, int framework)
{
	struct instrument *ins = ld->ins;
	struct instr_scale *s;
	const char *code = get(ld, rec, COL_CODE);

	if (!valid_code(code)) {
		bad(ld, rec->line, "invalid code '%s' (letters, digits, "
		    "'_', '-', '.'; starting with a letter)", code);
		return;
	}
	if (code_taken(ins, code)) {
		bad(ld, rec->line, "duplicate code '%s'", code);
		return;
	}
	if (framework && *get(ld, rec, COL_PARENT) != '\0') {
		bad(ld, rec->line, "framework '%s' cannot have a parent", code);
		return;
	}
	s = push_scale(ld, code, get(ld, rec, COL_PARENT), rec->line);
	s->framework = framework;
	texts(s->name, ld, rec);
}

static void
add_item(struct load *ld, const struct csvio_record *rec)
{
	struct instrument *ins = ld->ins;
	struct instr_item *it;
	const char *code = get(ld, rec, COL_CODE), *v = get(ld, rec, COL_VALUE);
	size_t i;

	if (!valid_code(code)) {
		bad(ld, rec->line, "invalid code '%s' (letters, digits, "
		    "'_', '-', '.'; starting with a letter)", code);
		return;
	}
	if (code_taken(ins, code)) {
		bad(ld, rec->line, "duplicate code '%s'", code);
		return;
	}
	if (*v != '\0' && strcasecmp(v, "reverse") != 0) {
		bad(ld, rec->line, "item value must be empty or 'reverse', "
		    "not '%s'", v);
		return;
	}
	it = push_item(ld, code, get(ld, rec, COL_PARENT), rec->line);
	it->reverse = *v != '\0';
	texts(it->text, ld, rec);
	for (i = 0; i < NLANG; i++)
		it->key[i] = textnorm(it->text[i], strlen(it->text[i]));
}

static void
set_range(struct load *ld, const struct csvio_record *rec)
{
	const char *v = get(ld, rec, COL_VALUE), *dots = strstr(v, "..");
	char *lo;
	int rc;

	if (dots == NULL) {
		bad(ld, rec->line, "range '%s' must look like MIN..MAX", v);
		return;
	}
	lo = xstrndup(v, (size_t)(dots - v));
	rc = num_parse(lo, &ld->ins->min) | num_parse(dots + 2, &ld->ins->max);
	free(lo);
	if (rc != 0 || !(ld->ins->min < ld->ins->max))
		bad(ld, rec->line, "range '%s' must look like MIN..MAX with "
		    "MIN < MAX", v);
	else
		ld->have_range = 1;
}

/* Select the variants in list (codes separated by '+', ',' or blanks). */
static void
select_variants(struct load *ld, const char *list, unsigned long line)
{
	const char *p = list, *e;

	for (;;) {
		while (*p == '+' || *p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return;
		for (e = p; *e != '\0' && *e != '+' && *e != ',' && *e != ' ' &&
		    *e != '\t'; e++)
			;
		XGROW(ld->sel, ld->selalloc, ld->nsel + 1);
		ld->sel[ld->nsel].code = xstrndup(p, (size_t)(e - p));
		ld->sel[ld->nsel++].line = line;
		p = e;
	}
}

static void
add_variant(struct load *ld, const struct csvio_record *rec)
{
	const char *code = get(ld, rec, COL_CODE), *v = get(ld, rec, COL_VALUE);
	struct vdecl *d;
	size_t i;

	if (!valid_variant_code(code)) {
		bad(ld, rec->line, "invalid variant code '%s' (letters, digits "
		    "and '_', starting with a letter)", code);
		return;
	}
	if (*get(ld, rec, COL_PARENT) != '\0') {
		bad(ld, rec->line, "variant '%s' cannot have a parent", code);
		return;
	}
	if (*v != '\0' && strcmp(v, "optional") != 0) {
		bad(ld, rec->line, "variant value must be empty or 'optional', "
		    "not '%s'", v);
		return;
	}
	for (i = 0; i < ld->nvdecl; i++)
		if (strcasecmp(ld->vdecl[i].code, code) == 0) {
			bad(ld, rec->line, "duplicate variant '%s'", code);
			return;
		}
	XGROW(ld->vdecl, ld->valloc, ld->nvdecl + 1);
	d = &ld->vdecl[ld->nvdecl++];
	memset(d, 0, sizeof(*d));
	d->code = xstrdup(code);
	d->optional = *v != '\0';
	d->line = rec->line;
	texts(d->label, ld, rec);
}

static void
set_setting(struct load *ld, const struct csvio_record *rec)
{
	const char *k = get(ld, rec, COL_CODE), *v = get(ld, rec, COL_VALUE);
	double x;

	if (strcmp(k, "min_answered") == 0) {
		if (num_parse(v, &x) != 0 || x <= 0 || x > 1)
			bad(ld, rec->line, "min_answered '%s' must be a share "
			    "in (0, 1]", v);
		else
			ld->ins->min_answered = x;
	} else if (strcmp(k, "variants") == 0)
		select_variants(ld, v, rec->line);
	else
		bad(ld, rec->line, "unknown setting '%s'", k);
}

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct load *ld = ctx;
	struct instrument *ins = ld->ins;
	const char *type;

	if (rec->nfield > 0 && rec->field[0][0] == '#')
		return 0;
	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	if (!ld->header_seen)
		return header(ld, rec) != 0 ? -1 : 0;
	type = get(ld, rec, COL_TYPE);
	if (strcmp(type, "instrument") == 0) {
		free(ins->id);
		free(ins->version);
		free(ins->title[LANG_NL]);
		free(ins->title[LANG_EN]);
		ins->id = xstrdup(get(ld, rec, COL_CODE));
		ins->version = xstrdup(get(ld, rec, COL_VALUE));
		texts(ins->title, ld, rec);
	} else if (strcmp(type, "range") == 0)
		set_range(ld, rec);
	else if (strcmp(type, "answer") == 0)
		add_answer(ld, rec);
	else if (strcmp(type, "band") == 0)
		add_band(ld, rec);
	else if (strcmp(type, "setting") == 0)
		set_setting(ld, rec);
	else if (strcmp(type, "framework") == 0)
		add_scale(ld, rec, 1);
	else if (strcmp(type, "scale") == 0)
		add_scale(ld, rec, 0);
	else if (strcmp(type, "item") == 0)
		add_item(ld, rec);
	else if (strcmp(type, "variant") == 0)
		add_variant(ld, rec);
	else if (*type == '\0' && rec->nfield <= 1)
		return 0;
	else
		bad(ld, rec->line, "unknown record type '%s' (instrument, "
		    "range, answer, band, setting, framework, scale, item, "
		    "variant)", type);
	return 0;
}

/* ---- variants ---- */

/* "text label" normalised for matching headers; label may be empty. */
static char *
key_with(const char *text, const char *label)
{
	char *t, *k;

	if (*label == '\0')
		return textnorm(text, strlen(text));
	t = xasprintf("%s %s", text, label);
	k = textnorm(t, strlen(t));
	free(t);
	return k;
}

/* A variant's name: its label without blanks and one pair of enclosing
 * brackets, "(gewenste situatie)" -> "gewenste situatie"; else its code. */
static char *
variant_name(const char *label, const char *code)
{
	size_t len = strlen(label);

	if (len >= 2 && ((label[0] == '(' && label[len - 1] == ')') ||
	    (label[0] == '[' && label[len - 1] == ']'))) {
		label++;
		len -= 2;
	}
	while (len > 0 && *label == ' ') {
		label++;
		len--;
	}
	while (len > 0 && label[len - 1] == ' ')
		len--;
	return len > 0 ? xstrndup(label, len) : xstrdup(code);
}

/* Which declared variants are in use: every variant after the first that
 * is not optional or is selected.  Returns how many, their indices in
 * use[] (at most nvdecl). */
static size_t
variants_in_use(struct load *ld, size_t *use)
{
	size_t i, j, n = 0;
	long found;

	for (j = 0; j < ld->nsel; j++) {
		for (found = -1, i = 0; i < ld->nvdecl; i++)
			if (strcasecmp(ld->vdecl[i].code, ld->sel[j].code) == 0)
				found = (long)i;
		if (found < 0)
			bad(ld, ld->sel[j].line, "unknown variant '%s' selected",
			    ld->sel[j].code);
	}
	for (i = 1; i < ld->nvdecl; i++) {
		int sel = !ld->vdecl[i].optional;
		for (j = 0; j < ld->nsel && !sel; j++)
			sel = strcasecmp(ld->vdecl[i].code, ld->sel[j].code) == 0;
		if (sel)
			use[n++] = i;
	}
	return n;
}

/* 1 when the two labels read the same (case and punctuation aside). */
static int
same_label(const char *a, const char *b)
{
	char *ka = textnorm(a, strlen(a)), *kb = textnorm(b, strlen(b));
	int same = strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	return same;
}

/* Every variant but the base has a text, and no two have the same text in
 * a language: their headers could not be told apart. */
static void
check_variant_labels(struct load *ld, const size_t *use, size_t n)
{
	const struct vdecl *d, *e;
	size_t i, j, l;
	int same;

	for (i = 0; i <= n; i++) {
		d = &ld->vdecl[i == 0 ? 0 : use[i - 1]];
		if (i > 0 && *d->label[LANG_NL] == '\0')
			bad(ld, d->line, "variant '%s' has no text (what follows "
			    "each statement in the export's headers)", d->code);
		for (j = 0; j < i && *d->label[LANG_NL] != '\0'; j++) {
			e = &ld->vdecl[j == 0 ? 0 : use[j - 1]];
			for (same = 0, l = 0; l < NLANG; l++)
				same |= same_label(d->label[l], e->label[l]);
			if (same)
				bad(ld, d->line, "variant '%s' has the same text "
				    "as an earlier variant", d->code);
		}
	}
}

static char *
suffixed(const char *code, const char *variant)
{
	return *code == '\0' ? xstrdup("") : xasprintf("%s.%s", code, variant);
}

/* Repeat every base scale and item for variant k (its declaration d). */
static void
expand_variant(struct load *ld, size_t k, const struct vdecl *d,
    size_t nscale, size_t nitem)
{
	struct instrument *ins = ld->ins;
	const struct instr_variant *v = &ins->variant[k];
	struct instr_scale *s;
	struct instr_item *it;
	char *code, *parent;
	size_t i, l;

	for (i = 0; i < nscale; i++) {
		code = suffixed(ins->scale[i].code, d->code);
		parent = suffixed(ld->scale_parent[i], d->code);
		if (code_taken(ins, code))
			bad(ld, d->line, "duplicate code '%s'", code);
		s = push_scale(ld, code, parent, d->line);
		s->framework = ins->scale[i].framework;
		s->variant = k;
		s->base = i;
		for (l = 0; l < NLANG; l++)
			s->name[l] = xasprintf("%s (%s)", ins->scale[i].name[l],
			    v->name[l]);
		free(code);
		free(parent);
	}
	for (i = 0; i < nitem; i++) {
		code = suffixed(ins->item[i].code, d->code);
		parent = suffixed(ld->item_parent[i], d->code);
		if (code_taken(ins, code))
			bad(ld, d->line, "duplicate code '%s'", code);
		it = push_item(ld, code, parent, d->line);
		it->reverse = ins->item[i].reverse;
		it->variant = k;
		it->base = i;
		for (l = 0; l < NLANG; l++) {
			it->text[l] = xstrdup(ins->item[i].text[l]);
			it->key[l] = key_with(it->text[l], d->label[l]);
		}
		free(code);
		free(parent);
	}
}

/* Work out the variants in use and repeat the items and scales for them;
 * before resolve(), which links the repeats by their parents' codes. */
static void
apply_variants(struct load *ld)
{
	struct instrument *ins = ld->ins;
	size_t *use, n, i, l, nscale = ins->nscale, nitem = ins->nitem;
	const struct vdecl *d;

	use = xcalloc(ld->nvdecl + 1, sizeof(size_t));
	n = variants_in_use(ld, use);
	if (n > 0)
		check_variant_labels(ld, use, n);
	if (n == 0 || ld->nerr > 0) {
		free(use);
		return;
	}
	ins->variant = xcalloc(n + 1, sizeof(*ins->variant));
	ins->nvariant = n + 1;
	for (i = 0; i <= n; i++) {
		d = &ld->vdecl[i == 0 ? 0 : use[i - 1]];
		ins->variant[i].code = xstrdup(d->code);
		for (l = 0; l < NLANG; l++) {
			ins->variant[i].label[l] = xstrdup(d->label[l]);
			ins->variant[i].name[l] = variant_name(d->label[l],
			    d->code);
		}
	}
	d = &ld->vdecl[0];
	for (i = 0; i < nitem; i++)	/* the base's own header text */
		for (l = 0; l < NLANG && *d->label[l] != '\0'; l++) {
			free(ins->item[i].key[l]);
			ins->item[i].key[l] = key_with(ins->item[i].text[l],
			    d->label[l]);
		}
	for (i = 1; i <= n; i++)
		expand_variant(ld, i, &ld->vdecl[use[i - 1]], nscale, nitem);
	free(use);
}

/* Link items and scales to their parents and fill each scale's item list. */
static void
resolve(struct load *ld)
{
	struct instrument *ins = ld->ins;
	size_t i, d;
	long p;

	for (i = 0; i < ins->nscale; i++) {
		if (ins->scale[i].framework || *ld->scale_parent[i] == '\0')
			continue;
		p = instrument_find_scale(ins, ld->scale_parent[i]);
		if (p < 0)
			bad(ld, ld->scale_line[i], "unknown parent '%s'",
			    ld->scale_parent[i]);
		else
			ins->scale[i].parent = (int)p;
	}
	for (i = 0; i < ins->nscale; i++) {	/* depth, and no cycles */
		for (d = 0, p = ins->scale[i].parent; p >= 0 && d <= ins->nscale;
		    p = ins->scale[p].parent)
			d++;
		if (d > ins->nscale) {
			bad(ld, ld->scale_line[i], "scale '%s' is its own "
			    "ancestor", ins->scale[i].code);
			ins->scale[i].parent = -1;
		}
		ins->scale[i].depth = d;
	}
	for (i = 0; i < ins->nitem; i++) {
		p = instrument_find_scale(ins, ld->item_parent[i]);
		if (p < 0) {
			bad(ld, ld->item_line[i], *ld->item_parent[i] ?
			    "unknown scale '%s'" : "item has no scale%s",
			    ld->item_parent[i]);
			continue;
		}
		ins->item[i].scale = (size_t)p;
		for (; p >= 0; p = ins->scale[p].parent) {
			struct instr_scale *s = &ins->scale[p];
			s->item = xreallocarray(s->item, s->nitem + 1,
			    sizeof(size_t));
			s->item[s->nitem++] = i;
		}
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The answer values counted in distributions. */
static void
collect_values(struct instrument *ins)
{
	size_t i, n = 0, alloc = 0;
	double v;

	if (ins->min == floor(ins->min) && ins->max == floor(ins->max) &&
	    ins->max - ins->min <= 100)
		for (v = ins->min; v <= ins->max; v++) {
			XGROW(ins->value, alloc, n + 1);
			ins->value[n++] = v;
			ins->nvalue = n;
		}
	for (i = 0; i < ins->nanswer; i++) {
		v = ins->answer[i].value;
		if (isnan(v) || instrument_value_index(ins, v) >= 0)
			continue;
		XGROW(ins->value, alloc, n + 1);
		ins->value[n++] = v;
		ins->nvalue = n;
	}
	ins->nvalue = n;
	if (n > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(ins->value, n, sizeof(double), cmp_double);
}

static void
check(struct load *ld)
{
	struct instrument *ins = ld->ins;
	size_t i;

	if (!ld->have_range && ld->nerr == 0)
		bad(ld, 0, "no 'range' record%s", "");
	for (i = 0; i < ins->nanswer && ld->have_range; i++) {
		double v = ins->answer[i].value;
		if (!isnan(v) && (v < ins->min || v > ins->max))
			bad(ld, ld->answer_line[i], "answer '%s' lies outside "
			    "the range", ins->answer[i].code);
	}
	for (i = 0; i < ins->nscale; i++)
		if (ins->scale[i].nitem == 0)
			bad(ld, ld->scale_line[i], "scale '%s' has no items",
			    ins->scale[i].code);
	if (ins->nitem == 0 && ld->nerr == 0)
		bad(ld, 0, "no items%s", "");
}

/* Parse text; select lists the variants the +CODE argument selects (NULL:
 * none). */
static int
parse(struct instrument *ins, const char *name, const char *text,
    size_t len, const char *select)
{
	struct csvio_reader r;
	struct load ld;
	size_t i, l;
	int rc;

	memset(ins, 0, sizeof(*ins));
	memset(&ld, 0, sizeof(ld));
	ld.ins = ins;
	ld.name = name;
	ins->min_answered = 0.5;
	ins->source = xstrdup(name);
	if (select != NULL)
		select_variants(&ld, select, 0);
	/* delimiter detected: a spreadsheet in a Dutch locale saves ';' */
	memset(&r, 0, sizeof(r));
	rc = csvio_read_buffer(&r, name, text, len, on_record, &ld);
	if (rc > 0 && rc != -1) {
		plg_warn_at(name, r.errline, "%s", r.errmsg);
		ld.nerr++;
	}
	if (rc == 0 && !ld.header_seen)
		bad(&ld, 0, "empty instrument%s", "");
	if (ld.nerr == 0 && rc == 0)
		apply_variants(&ld);
	if (ld.nerr == 0 && rc == 0) {
		resolve(&ld);
		check(&ld);
		collect_values(ins);
		if (ins->nvalue == 0 && ld.nerr == 0)
			bad(&ld, 0, "the response scale has no values: give "
			    "answer rows, or a whole-number range of at most 101 "
			    "values%s", "");
	}
	for (i = 0; i < ins->nitem; i++)
		free(ld.item_parent[i]);
	for (i = 0; i < ins->nscale; i++)
		free(ld.scale_parent[i]);
	for (i = 0; i < ld.nvdecl; i++) {
		free(ld.vdecl[i].code);
		for (l = 0; l < NLANG; l++)
			free(ld.vdecl[i].label[l]);
	}
	for (i = 0; i < ld.nsel; i++)
		free(ld.sel[i].code);
	free(ld.vdecl);
	free(ld.sel);
	free(ld.item_parent);
	free(ld.item_line);
	free(ld.scale_parent);
	free(ld.scale_line);
	free(ld.answer_line);
	csvio_close(&r);
	if (ld.nerr > 0 || rc != 0) {
		instrument_release(ins);
		return -1;
	}
	if (ins->id == NULL) {
		ins->id = xstrdup("");
		ins->version = xstrdup("");
		ins->title[LANG_NL] = xstrdup("");
		ins->title[LANG_EN] = xstrdup("");
	}
	return 0;
}

int
instrument_parse(struct instrument *ins, const char *name, const char *text,
    size_t len)
{
	return parse(ins, name, text, len, NULL);
}

/* What an instrument argument names: a file (NULL: the default) and the
 * variants it selects (NULL: none).  "+desired" and "FILE+desired" select;
 * a path that names an existing file is always that file.  *file and
 * *select are owned by the caller. */
static void
split_path(const char *path, char **file, char **select)
{
	struct stat st;
	const char *plus;

	*file = *select = NULL;
	if (path == NULL)
		return;
	if (stat(path, &st) == 0 || (plus = strchr(path, '+')) == NULL) {
		*file = xstrdup(path);
		return;
	}
	if (plus > path)
		*file = xstrndup(path, (size_t)(plus - path));
	*select = xstrdup(plus + 1);
}

/* Read file (NULL: the default) into *buf; returns 0 or -2 after a
 * message. */
static int
read_source(const char *file, char **buf, size_t *len)
{
	FILE *fp;
	size_t alloc = 0, n;

	*buf = NULL;
	*len = 0;
	if (file == NULL) {
		*buf = xstrndup((const char *)plg_default_instrument,
		    plg_default_instrument_len);
		*len = plg_default_instrument_len;
		return 0;
	}
	if ((fp = fopen(file, "rb")) == NULL) {
		plg_warnx("cannot open instrument '%s': %s", file,
		    strerror(errno));
		return -2;
	}
	do {
		xgrow((void **)buf, &alloc, *len + 65536, 1);
		n = fread(*buf + *len, 1, alloc - *len, fp);
		*len += n;
	} while (n > 0);
	if (ferror(fp)) {
		plg_warnx("cannot read instrument '%s': %s", file,
		    strerror(errno));
		fclose(fp);
		free(*buf);
		*buf = NULL;
		return -2;
	}
	fclose(fp);
	return 0;
}

int
instrument_load(struct instrument *ins, const char *path)
{
	char *file, *select, *buf;
	size_t len;
	int rc;

	memset(ins, 0, sizeof(*ins));
	split_path(path, &file, &select);
	if ((rc = read_source(file, &buf, &len)) == 0)
		rc = parse(ins, file != NULL ? file : "(default instrument)",
		    buf, len, select);
	free(buf);
	free(file);
	free(select);
	return rc;
}

/* The header's columns of type, code and value, its number of fields and
 * its delimiter: where a setting record goes. */
struct layout {
	int type, code, value, nfield, found;
};

static int
on_layout(void *ctx, const struct csvio_record *rec)
{
	struct layout *lo = ctx;
	size_t i;

	if (rec->nfield == 0 || rec->field[0][0] == '#' ||
	    (rec->nfield == 1 && rec->len[0] == 0))
		return 0;
	for (i = 0; i < rec->nfield; i++) {
		if (strcasecmp(rec->field[i], "type") == 0)
			lo->type = (int)i;
		else if (strcasecmp(rec->field[i], "code") == 0)
			lo->code = (int)i;
		else if (strcasecmp(rec->field[i], "value") == 0)
			lo->value = (int)i;
	}
	lo->nfield = (int)rec->nfield;
	lo->found = 1;
	return 1;		/* the header is all we need */
}

int
instrument_text(const char *path, char **text, size_t *len)
{
	struct instrument ins;
	struct csvio_reader r;
	struct layout lo = { 0, 1, 3, 6, 0 };
	char *file, *select, *buf, *row;
	int rc, i, delim;

	*text = NULL;
	*len = 0;
	split_path(path, &file, &select);
	if ((rc = read_source(file, &buf, len)) == 0 && select != NULL &&
	    (rc = instrument_load(&ins, path)) == 0)
		instrument_release(&ins);
	if (rc == 0 && select != NULL) {
		/* one record, laid out as the header is */
		memset(&r, 0, sizeof(r));
		csvio_read_buffer(&r, "instrument", buf, *len, on_layout, &lo);
		csvio_close(&r);
		delim = csvio_guess_delim(buf, *len);
		row = xstrdup(*len > 0 && buf[*len - 1] != '\n' ? "\n" : "");
		for (i = 0; i < lo.nfield; i++) {
			char *next = xasprintf("%s%s%s", row, i > 0 ?
			    (delim == ';' ? ";" : delim == '\t' ? "\t" : ",") :
			    "", i == lo.type ? "setting" : i == lo.code ?
			    "variants" : i == lo.value ? select : "");
			free(row);
			row = next;
		}
		buf = xreallocarray(buf, *len + strlen(row) + 2, 1);
		memcpy(buf + *len, row, strlen(row));
		*len += strlen(row);
		buf[(*len)++] = '\n';
		free(row);
	}
	free(file);
	free(select);
	if (rc != 0) {
		free(buf);
		return rc;
	}
	buf = xreallocarray(buf, *len + 1, 1);
	buf[*len] = '\0';
	*text = buf;
	return 0;
}

static void
free_texts(char **t)
{
	size_t i;

	for (i = 0; i < NLANG; i++)
		free(t[i]);
}

void
instrument_release(struct instrument *ins)
{
	size_t i;

	if (ins == NULL)
		return;
	for (i = 0; i < ins->nanswer; i++) {
		free(ins->answer[i].code);
		free_texts(ins->answer[i].label);
		free_texts(ins->answer[i].key);
	}
	for (i = 0; i < ins->nband; i++) {
		free(ins->band[i].code);
		free_texts(ins->band[i].label);
	}
	for (i = 0; i < ins->nscale; i++) {
		free(ins->scale[i].code);
		free(ins->scale[i].item);
		free_texts(ins->scale[i].name);
	}
	for (i = 0; i < ins->nitem; i++) {
		free(ins->item[i].code);
		free_texts(ins->item[i].text);
		free_texts(ins->item[i].key);
	}
	for (i = 0; i < ins->nvariant; i++) {
		free(ins->variant[i].code);
		free_texts(ins->variant[i].label);
		free_texts(ins->variant[i].name);
	}
	free(ins->variant);
	free(ins->answer);
	free(ins->band);
	free(ins->scale);
	free(ins->item);
	free(ins->value);
	free(ins->id);
	free(ins->version);
	free(ins->source);
	free_texts(ins->title);
	memset(ins, 0, sizeof(*ins));
}

long
instrument_find_item(const struct instrument *ins, const char *code)
{
	size_t i;

	for (i = 0; i < ins->nitem; i++)
		if (strcmp(ins->item[i].code, code) == 0)
			return (long)i;
	for (i = 0; i < ins->nitem; i++)
		if (strcasecmp(ins->item[i].code, code) == 0)
			return (long)i;
	return -1;
}

long
instrument_find_variant(const struct instrument *ins, const char *code)
{
	size_t i;

	for (i = 0; i < ins->nvariant; i++)
		if (strcmp(ins->variant[i].code, code) == 0)
			return (long)i;
	return -1;
}

long
instrument_find_scale(const struct instrument *ins, const char *code)
{
	size_t i;

	for (i = 0; i < ins->nscale; i++)
		if (strcmp(ins->scale[i].code, code) == 0)
			return (long)i;
	for (i = 0; i < ins->nscale; i++)
		if (strcasecmp(ins->scale[i].code, code) == 0)
			return (long)i;
	return -1;
}

const struct instr_band *
instrument_band(const struct instrument *ins, double mean)
{
	const struct instr_band *b = NULL;
	size_t i;

	if (isnan(mean))
		return NULL;
	for (i = 0; i < ins->nband; i++)
		if (mean >= ins->band[i].lower)
			b = &ins->band[i];
	return b;
}

long
instrument_value_index(const struct instrument *ins, double v)
{
	size_t i;

	for (i = 0; i < ins->nvalue; i++)
		if (ins->value[i] == v)
			return (long)i;
	return -1;
}

const char *
instrument_value_label(const struct instrument *ins, double v, enum lang lang)
{
	size_t i;

	for (i = 0; i < ins->nanswer; i++)
		if (ins->answer[i].value == v)
			return ins->answer[i].label[lang];
	return NULL;
}
