/* instrument.c -- reading and checking an instrument file (plg-instrument(5)). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvio.h"
#include "diag.h"
#include "instrument.h"
#include "numparse.h"
#include "textnorm.h"
#include "xalloc.h"

enum { COL_TYPE, COL_CODE, COL_PARENT, COL_VALUE, COL_NL, COL_EN, NCOL };
static const char *const colname[NCOL] =
    { "type", "code", "parent", "value", "nl", "en" };

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

static void
add_scale(struct load *ld, const struct csvio_record *rec, int framework)
{
	struct instrument *ins = ld->ins;
	struct instr_scale *s;
	const char *code = get(ld, rec, COL_CODE);
	size_t old = ld->salloc;

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
	XGROW(ins->scale, ld->salloc, ins->nscale + 1);
	if (ld->salloc != old) {
		ld->scale_parent = xreallocarray(ld->scale_parent, ld->salloc,
		    sizeof(char *));
		ld->scale_line = xreallocarray(ld->scale_line, ld->salloc,
		    sizeof(unsigned long));
	}
	ld->scale_parent[ins->nscale] = xstrdup(get(ld, rec, COL_PARENT));
	ld->scale_line[ins->nscale] = rec->line;
	s = &ins->scale[ins->nscale++];
	memset(s, 0, sizeof(*s));
	s->code = xstrdup(code);
	s->parent = -1;
	s->framework = framework;
	texts(s->name, ld, rec);
}

static void
add_item(struct load *ld, const struct csvio_record *rec)
{
	struct instrument *ins = ld->ins;
	struct instr_item *it;
	const char *code = get(ld, rec, COL_CODE), *v = get(ld, rec, COL_VALUE);
	size_t old = ld->ialloc, i;

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
	XGROW(ins->item, ld->ialloc, ins->nitem + 1);
	if (ld->ialloc != old) {
		ld->item_parent = xreallocarray(ld->item_parent, ld->ialloc,
		    sizeof(char *));
		ld->item_line = xreallocarray(ld->item_line, ld->ialloc,
		    sizeof(unsigned long));
	}
	ld->item_parent[ins->nitem] = xstrdup(get(ld, rec, COL_PARENT));
	ld->item_line[ins->nitem] = rec->line;
	it = &ins->item[ins->nitem++];
	memset(it, 0, sizeof(*it));
	it->code = xstrdup(code);
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
	} else
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
	else if (*type == '\0' && rec->nfield <= 1)
		return 0;
	else
		bad(ld, rec->line, "unknown record type '%s' (instrument, "
		    "range, answer, band, setting, framework, scale, item)",
		    type);
	return 0;
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

int
instrument_parse(struct instrument *ins, const char *name, const char *text,
    size_t len)
{
	struct csvio_reader r;
	struct load ld;
	size_t i;
	int rc;

	memset(ins, 0, sizeof(*ins));
	memset(&ld, 0, sizeof(ld));
	ld.ins = ins;
	ld.name = name;
	ins->min_answered = 0.5;
	ins->source = xstrdup(name);
	/* delimiter detected: a spreadsheet in a Dutch locale saves ';' */
	memset(&r, 0, sizeof(r));
	rc = csvio_read_buffer(&r, name, text, len, on_record, &ld);
	if (rc > 0 && rc != -1) {
		plg_warn_at(name, r.errline, "%s", r.errmsg);
		ld.nerr++;
	}
	if (rc == 0 && !ld.header_seen)
		bad(&ld, 0, "empty instrument%s", "");
	if (ld.nerr == 0 && rc == 0) {
		resolve(&ld);
		check(&ld);
		collect_values(ins);
	}
	for (i = 0; i < ins->nitem; i++)
		free(ld.item_parent[i]);
	for (i = 0; i < ins->nscale; i++)
		free(ld.scale_parent[i]);
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
instrument_load(struct instrument *ins, const char *path)
{
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, alloc = 0, n;
	int rc;

	if (path == NULL)
		return instrument_parse(ins, "(default instrument)",
		    (const char *)plg_default_instrument,
		    plg_default_instrument_len);
	memset(ins, 0, sizeof(*ins));
	if ((fp = fopen(path, "rb")) == NULL) {
		plg_warnx("cannot open instrument '%s': %s", path, strerror(errno));
		return -2;
	}
	do {
		xgrow((void **)&buf, &alloc, len + 65536, 1);
		n = fread(buf + len, 1, alloc - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		plg_warnx("cannot read instrument '%s': %s", path, strerror(errno));
		fclose(fp);
		free(buf);
		return -2;
	}
	fclose(fp);
	rc = instrument_parse(ins, path, buf, len);
	free(buf);
	return rc;
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
