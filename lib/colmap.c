/* colmap.c -- recognising the columns of a survey export. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "colmap.h"
#include "csvio.h"
#include "diag.h"
#include "numparse.h"
#include "textnorm.h"
#include "xalloc.h"

/* Header names (after textnorm) of metadata, by the name they are kept as. */
static const struct {
	const char *name;
	const char *keys[16];
} meta_names[] = {
	{ "school", { "school", "schoolnaam", "naam school", "naam van de school",
	    "school name", "vestiging", "locatie", "instelling", "campus",
	    "op welke school werk je", "op welke school werkt u",
	    "which school do you work at", NULL } },
	{ "team", { "team", "teamnaam", "team name", "sectie", "vaksectie",
	    "vakgroep", "bouw", "afdeling", "department", "unit", "werkgroep",
	    "in welk team werk je", "in welk team werkt u",
	    "which team are you in", "which team do you work in", NULL } },
	{ "role", { "role", "rol", "functie", "functiegroep", "positie",
	    "position", "job title", "wat is je functie", "wat is uw functie",
	    "what is your role", "what is your position", "what is your job",
	    NULL } },
	{ "wave", { "wave", "meting", "meetmoment", "ronde", "schooljaar",
	    "school year", "jaar", "year", NULL } },
};

/* Personal data: dropped, counted, never written. */
static const char *const personal_keys[] = {
	"name", "naam", "full name", "volledige naam", "first name",
	"last name", "voornaam", "achternaam", "tussenvoegsel", "email",
	"e mail", "email address", "e mailadres", "emailadres", "mail",
	"ip", "ip address", "ipaddress", "ip adres", "ipaddr", "ip adresse",
	"token", "refurl", "referer", "phone", "telefoon", "telefoonnummer",
	"externalreference", "externaldatareference", "external reference",
	"locationlatitude", "locationlongitude", "locationaccuracy",
	"recipientlastname", "recipientfirstname", "recipientemail",
	"geboortedatum", "date of birth", "adres", "address", NULL
};
static const char *const personal_parts[] = {
	"e mail", "email", "ip address", "ip adres", NULL
};
static const char *const personal_prefixes[] = {
	"recipient", "location", "attribute ", "naam van ", "name of ",
	"custom data", NULL
};

/* The platform's own respondent ids: replaced by fresh ids. */
static const char *const id_keys[] = {
	"id", "response id", "responseid", "respondentid", "respondent id",
	"respondent", "record id", "recordid", "antwoord id", "response",
	NULL
};

const char *
colmap_kind_name(enum col_kind k)
{
	static const char *const names[] = { "ignored", "personal data",
	    "platform id", "metadata", "item" };

	return names[k];
}

void
colmap_init(struct colmap *cm, const struct instrument *ins)
{
	memset(cm, 0, sizeof(*cm));
	cm->ins = ins;
}

void
colmap_release(struct colmap *cm)
{
	size_t i;

	for (i = 0; i < cm->nmeta; i++)
		free(cm->meta[i]);
	for (i = 0; i < cm->nrule; i++) {
		free(cm->rule[i].from);
		free(cm->rule[i].to);
	}
	for (i = 0; i < cm->nkeep; i++) {
		free(cm->keep[i]);
		free(cm->keepname[i]);
	}
	free(cm->meta);
	free(cm->rule);
	free(cm->keep);
	free(cm->keepname);
	memset(cm, 0, sizeof(*cm));
}

size_t
colmap_meta(struct colmap *cm, const char *name)
{
	size_t i;

	for (i = 0; i < cm->nmeta; i++)
		if (strcmp(cm->meta[i], name) == 0)
			return i;
	XGROW(cm->meta, cm->metaalloc, cm->nmeta + 1);
	cm->meta[cm->nmeta] = xstrdup(name);
	return cm->nmeta++;
}

/* A metadata name made from a header: its key with '_' for spaces. */
static char *
name_from_header(const char *h)
{
	char *k = textnorm(h, strlen(h)), *p;

	for (p = k; *p; p++)
		if (*p == ' ')
			*p = '_';
	return k;
}

void
colmap_keep(struct colmap *cm, const char *col, const char *name)
{
	size_t n = cm->nkeep;

	XGROW(cm->keep, cm->keepalloc, n + 1);
	cm->keepname = xreallocarray(cm->keepname, cm->keepalloc,
	    sizeof(char *));
	cm->keep[n] = textnorm(col, strlen(col));
	cm->keepname[n] = name != NULL ? xstrdup(name) : name_from_header(col);
	cm->nkeep++;
}

static int
in_list(const char *key, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

static int
is_personal(const char *key)
{
	const char *const *p;

	if (in_list(key, personal_keys))
		return 1;
	for (p = personal_parts; *p != NULL; p++)
		if (strstr(key, *p) != NULL)
			return 1;
	for (p = personal_prefixes; *p != NULL; p++)
		if (strncmp(key, *p, strlen(*p)) == 0)
			return 1;
	return 0;
}

/* Items whose code or text the header names; returns how many matched
 * (0, 1, or 2 meaning "more than one"), the first in *item, the second in
 * *alt. */
static int
match_items(const struct instrument *ins, const char *header, const char *key,
    size_t *item, size_t *alt, const char **why)
{
	size_t i, l, klen = strlen(key), tlen, best;
	int n = 0;
	const char *br;
	char *bk = NULL;

	/* 1. the item code itself, or "CODE. text", "[CODE] text"; the
	 * longest code wins, so "PC2.desired" is not taken for PC2 */
	for (i = 0, best = 0; i < ins->nitem; i++) {
		size_t cl = strlen(ins->item[i].code);
		const char *h = header;
		if (*h == '[')
			h++;
		if (cl > best && strncasecmp(h, ins->item[i].code, cl) == 0 &&
		    (h[cl] == '\0' || h[cl] == ']' || h[cl] == ' ' ||
		    h[cl] == '.' || h[cl] == ':' || h[cl] == '-' ||
		    h[cl] == ')')) {
			*item = i;
			best = cl;
		}
	}
	if (best > 0) {
		*why = "item code";
		return 1;
	}
	/* 2. the statement text, whole, in the last [brackets] (grids), or
	 * at the end of the header after a question number or prefix */
	if ((br = strrchr(header, '[')) != NULL) {
		const char *end = strchr(br, ']');	/* text may follow it */

		bk = textnorm(br + 1, end != NULL ? (size_t)(end - br - 1) :
		    strlen(br + 1));
	}
	for (i = 0; i < ins->nitem; i++)
		for (l = 0; l < NLANG; l++) {
			const char *t = ins->item[i].key[l];
			int hit = 0;

			tlen = strlen(t);
			if (tlen == 0)
				continue;
			if (strcmp(key, t) == 0)
				hit = 1;
			else if (bk != NULL && strcmp(bk, t) == 0)
				hit = 3;
			else if (klen > tlen && tlen >= 15 &&
			    strcmp(key + klen - tlen, t) == 0 &&
			    key[klen - tlen - 1] == ' ')
				hit = 2;
			if (!hit || (n > 0 && *item == i) ||
			    (n > 1 && *alt == i))
				continue;
			if (n++ == 0) {
				*item = i;
				*why = hit == 1 ? "statement text" : hit == 2 ?
				    "statement text after a prefix" :
				    "statement text in brackets";
			} else if (n == 2)
				*alt = i;
		}
	free(bk);
	return n > 2 ? 2 : n;
}

/* The keys a column is known under: its name, text and header after
 * textnorm (the same string may come more than once). */
struct colkeys {
	char *k[3];
};

static void
colkeys_init(struct colkeys *ck, const struct layout_col *lc)
{
	ck->k[0] = textnorm(lc->name, strlen(lc->name));
	ck->k[1] = textnorm(lc->text, strlen(lc->text));
	ck->k[2] = textnorm(lc->header, strlen(lc->header));
}

static void
colkeys_release(struct colkeys *ck)
{
	free(ck->k[0]);
	free(ck->k[1]);
	free(ck->k[2]);
}

static int
colkeys_has(const struct colkeys *ck, const char *key)
{
	return strcmp(ck->k[0], key) == 0 || strcmp(ck->k[1], key) == 0 ||
	    strcmp(ck->k[2], key) == 0;
}

/* The platform's columns that no rule may keep: they identify people. */
static int
protected_role(enum layout_role r)
{
	return r == ROLE_PERSONAL || r == ROLE_ID;
}

static void
set(struct colmap_col *c, enum col_kind kind, size_t target, const char *why,
    enum colmap_conf conf)
{
	c->kind = kind;
	c->target = target;
	c->why = why;
	c->conf = conf;
}

/* The user's say: the last column rule of the map file that names the
 * column, then --meta.  Returns 1 when one applied, 2 when one would keep
 * a protected column (nothing is changed then: see classify_one), 0 when
 * none names the column or when one drops a protected column, which its
 * platform role drops anyway.  *line gets the rule's line (0 for
 * --meta). */
static int
by_user(struct colmap *cm, const struct colkeys *ck, struct colmap_col *c,
    int protect, unsigned long *line)
{
	size_t i;
	long it = -1;

	*line = 0;
	for (i = cm->nrule; i-- > 0;) {
		const char *to = cm->rule[i].to;
		if (!colkeys_has(ck, cm->rule[i].from))
			continue;
		*line = cm->rule[i].line;
		if (protect)	/* dropped anyway; keeping is refused */
			return strcmp(to, "ignore") == 0 ||
			    strcmp(to, "personal") == 0 ? 0 : 2;
		if (strcmp(to, "ignore") == 0)
			set(c, COL_IGNORED, 0, "map file", CONF_HIGH);
		else if (strcmp(to, "personal") == 0)
			set(c, COL_PERSONAL, 0, "map file", CONF_HIGH);
		else if (strncmp(to, "meta:", 5) == 0)
			set(c, COL_META, colmap_meta(cm, to + 5), "map file",
			    CONF_HIGH);
		else if ((it = instrument_find_item(cm->ins, to)) >= 0)
			set(c, COL_ITEM, (size_t)it, "map file", CONF_HIGH);
		else
			continue;	/* cannot happen: checked on loading */
		return 1;
	}
	for (i = 0; i < cm->nkeep; i++)
		if (colkeys_has(ck, cm->keep[i])) {
			if (protect)
				return 2;
			set(c, COL_META, colmap_meta(cm, cm->keepname[i]),
			    "--meta", CONF_HIGH);
			return 1;
		}
	return 0;
}

/* The platform's own columns: personal data, ids, status, times. */
static int
by_role(const struct layout_col *lc, struct colmap_col *c)
{
	switch (lc->role) {
	case ROLE_NONE:
		return 0;
	case ROLE_PERSONAL:
		set(c, COL_PERSONAL, 0, lc->why, CONF_HIGH);
		return 1;
	case ROLE_ID:
		set(c, COL_PLATFORM_ID, 0, lc->why, CONF_HIGH);
		return 1;
	default:
		set(c, COL_IGNORED, 0, lc->why, CONF_HIGH);
		return 1;
	}
}

static int
by_meta_name(struct colmap *cm, const struct colkeys *ck,
    struct colmap_col *c)
{
	size_t m, k;

	for (k = 0; k < 3; k++)
		for (m = 0; m < sizeof(meta_names) / sizeof(meta_names[0]); m++)
			if (in_list(ck->k[k], meta_names[m].keys)) {
				set(c, COL_META, colmap_meta(cm,
				    meta_names[m].name), "metadata name",
				    CONF_HIGH);
				return 1;
			}
	return 0;
}

static enum colmap_conf
item_conf(const char *why)
{
	return strcmp(why, "statement text after a prefix") == 0 ?
	    CONF_MEDIUM : CONF_HIGH;
}

/* An item by the column's text, and by its name when it has one of its
 * own.  Returns 1 when an item was found or a problem set. */
static int
by_item(const struct colmap *cm, const struct layout_col *lc,
    const struct colkeys *ck, struct colmap_col *c)
{
	size_t it = 0, alt = 0, it2 = 0, alt2 = 0;
	const char *why = NULL, *why2 = NULL;
	int n, n2 = 0;

	n = match_items(cm->ins, lc->text, ck->k[1], &it, &alt, &why);
	if (strcmp(ck->k[0], ck->k[1]) != 0)
		n2 = match_items(cm->ins, lc->name, ck->k[0], &it2, &alt2,
		    &why2);
	if (n == 0 && n2 == 0)
		return 0;
	if (n == 0) {		/* the name alone: use its findings */
		n = n2;
		it = it2;
		alt = alt2;
		why = why2;
	} else if (n2 == 1 && n == 1 && it2 != it) {
		set(c, COL_IGNORED, it2, "name and text disagree", CONF_NONE);
		c->problem = COLMAP_NAME_TEXT;
		c->alt = it;
		return 1;
	}
	if (n > 1) {
		set(c, COL_IGNORED, it, "matches two items", CONF_NONE);
		c->problem = COLMAP_TWO_ITEMS;
		c->alt = alt;
		return 1;
	}
	set(c, COL_ITEM, it, why, item_conf(why));
	return 1;
}

static int
all_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static void
classify_one(struct colmap *cm, const struct layout_col *lc,
    struct colmap_col *c, const char *file, unsigned long line, size_t colno)
{
	struct colkeys ck;
	unsigned long rule_line;
	int k;

	memset(c, 0, sizeof(*c));
	set(c, COL_IGNORED, 0, "not recognised", CONF_NONE);
	colkeys_init(&ck, lc);
	switch (by_user(cm, &ck, c, protected_role(lc->role), &rule_line)) {
	case 1:
		goto done;
	case 2:
		if (file != NULL)
			plg_warn_at(file, line, "column %zu '%.50s' is the "
			    "platform's %s: it is dropped, whatever %s says",
			    colno, lc->header, lc->role == ROLE_ID ?
			    "response id" : "personal data", rule_line > 0 ?
			    "the map file" : "--meta");
		break;
	}
	if (by_role(lc, c))
		goto done;
	if (all_blank(lc->name) && all_blank(lc->text)) {
		set(c, COL_IGNORED, 0, "no header", CONF_NONE);
		c->problem = COLMAP_NO_HEADER;
		goto done;
	}
	if (by_meta_name(cm, &ck, c) || by_item(cm, lc, &ck, c))
		goto done;
	for (k = 0; k < 3; k++)
		if (is_personal(ck.k[k])) {
			set(c, COL_PERSONAL, 0, "personal data", CONF_MEDIUM);
			goto done;
		}
	for (k = 0; k < 3; k++)
		if (in_list(ck.k[k], id_keys)) {
			set(c, COL_PLATFORM_ID, 0, "platform id", CONF_MEDIUM);
			goto done;
		}
done:
	colkeys_release(&ck);
}

/* Report the problem of column i (1-based colno); returns 1 if it is an
 * error, 0 for a warning. */
static int
report_problem(const struct colmap *cm, const struct layout *lo,
    const struct colmap_col *c, size_t colno, const char *file,
    unsigned long line)
{
	const struct instrument *ins = cm->ins;
	const struct layout_col *lc = &lo->col[colno - 1];

	switch (c->problem) {
	case COLMAP_OK:
		return 0;
	case COLMAP_NO_HEADER:
		if (file != NULL)
			plg_warn_at(file, line, "column %zu has no header; its "
			    "values are ignored", colno);
		return 0;
	case COLMAP_TWO_ITEMS:
		if (file != NULL)
			plg_warn_at(file, line, "column %zu matches items %s "
			    "and %s; say which in a map file: '%.60s'", colno,
			    ins->item[c->target].code, ins->item[c->alt].code,
			    lc->header);
		return 1;
	case COLMAP_NAME_TEXT:
		if (file != NULL)
			plg_warn_at(file, line, "column %zu: its name '%.30s' "
			    "is item %s, its text item %s; say which in a map "
			    "file", colno, lc->name, ins->item[c->target].code,
			    ins->item[c->alt].code);
		return 1;
	}
	return 0;
}

/* Two columns for one item or one metadata name.  When their texts are
 * the same, say what tells them apart: their names, or nothing (then a
 * map file cannot either). */
static void
report_twice(const struct colmap *cm, const struct layout *lo,
    const struct colmap_col *col, size_t i, size_t j, const char *file,
    unsigned long line)
{
	const struct layout_col *a = &lo->col[i], *b = &lo->col[j];
	char *ta = textnorm(a->text, strlen(a->text));
	char *tb = textnorm(b->text, strlen(b->text));
	char *na = textnorm(a->name, strlen(a->name));
	char *nb = textnorm(b->name, strlen(b->name));
	char hint[256] = "";

	if (strcmp(ta, tb) == 0 && strcmp(na, nb) != 0)
		snprintf(hint, sizeof(hint), " (both read '%.40s'; their names "
		    "'%.20s' and '%.20s' tell them apart)", a->text, a->name,
		    b->name);
	else if (strcmp(ta, tb) == 0)
		snprintf(hint, sizeof(hint), " (both headers read '%.40s': "
		    "rename one in the export)", a->header);
	free(ta);
	free(tb);
	free(na);
	free(nb);
	if (col[i].kind == COL_ITEM)
		plg_warn_at(file, line, "columns %zu and %zu both map to item "
		    "%s; say which in a map file%s", i + 1, j + 1,
		    cm->ins->item[col[i].target].code, hint);
	else
		plg_warn_at(file, line, "columns %zu and %zu are both metadata "
		    "'%s'; rename one with --meta%s", i + 1, j + 1,
		    cm->meta[col[i].target], hint);
}

int
colmap_classify_layout(struct colmap *cm, const struct layout *lo,
    struct colmap_col *col, const char *file, unsigned long line)
{
	size_t i, j, n = lo->ncol, *first_item, *first_meta;
	int nerr = 0;

	for (i = 0; i < n; i++) {
		classify_one(cm, &lo->col[i], &col[i], file, line, i + 1);
		nerr += report_problem(cm, lo, &col[i], i + 1, file, line);
	}
	/* two columns for one item or metadata name: each later one is
	 * paired with the first (one pass, whatever the width) */
	first_item = xcalloc(cm->ins->nitem + 1, sizeof(size_t));
	first_meta = xcalloc(cm->nmeta + 1, sizeof(size_t));
	for (j = 0; j < n; j++) {
		size_t *first;
		if (col[j].kind == COL_ITEM && col[j].target < cm->ins->nitem)
			first = &first_item[col[j].target];
		else if (col[j].kind == COL_META && col[j].target < cm->nmeta)
			first = &first_meta[col[j].target];
		else
			continue;
		if (*first == 0) {
			*first = j + 1;
			continue;
		}
		i = *first - 1;
		nerr++;
		if (col[i].twin == 0)
			col[i].twin = j + 1;
		if (col[j].twin == 0)
			col[j].twin = i + 1;
		if (file != NULL)	/* NULL: quiet, a prescan */
			report_twice(cm, lo, col, i, j, file, line);
	}
	free(first_item);
	free(first_meta);
	return nerr;
}

int
colmap_classify(struct colmap *cm, char *const *header, size_t n,
    struct colmap_col *col, const char *file, unsigned long line)
{
	struct layout lo;
	struct csvio_record rec;
	const struct csvio_record *recs[1] = { &rec };
	size_t *len = xcalloc(n > 0 ? n : 1, sizeof(size_t)), i;
	int nerr;

	for (i = 0; i < n; i++)
		len[i] = strlen(header[i]);
	memset(&rec, 0, sizeof(rec));
	rec.field = (char **)header;
	rec.len = len;
	rec.nfield = n;
	rec.line = line;
	layout_init(&lo, FMT_CSV);
	layout_headers(&lo, recs);
	/* keep every column, trailing empty ones too */
	while (lo.ncol < n) {
		lo.col = xreallocarray(lo.col, n, sizeof(*lo.col));
		memset(&lo.col[lo.ncol], 0, sizeof(*lo.col));
		lo.col[lo.ncol].name = xstrdup("");
		lo.col[lo.ncol].text = xstrdup("");
		lo.col[lo.ncol].header = xstrdup("");
		lo.ncol++;
	}
	nerr = colmap_classify_layout(cm, &lo, col, file, line);
	layout_release(&lo);
	free(len);
	return nerr;
}

const char *
colmap_conf_name(enum colmap_conf conf)
{
	static const char *const names[] = { "none", "low", "medium", "high" };

	return names[conf];
}

/* ---- draft maps ---- */

void
colmap_draft_note(FILE *fp, const char *fmt, ...)
{
	char buf[1024], *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
		else if (*p == '"')
			*p = '\'';
	fprintf(fp, "# %s\n", buf);
}

void
colmap_draft_column(const struct colmap *cm, struct csvio_writer *w,
    const struct layout_col *lc, const struct colmap_col *c, size_t colno,
    size_t dup)
{
	const struct instrument *ins = cm->ins;
	char what[240];
	const char *target = "ignore";
	enum colmap_conf conf = c->conf;
	char *meta = NULL;

	if (dup > 0) {
		colmap_draft_note(w->fp, "column %zu has the same header as "
		    "column %zu: the rule above maps both", colno, dup);
		return;
	}
	switch (c->problem) {
	case COLMAP_TWO_ITEMS:
		snprintf(what, sizeof(what), "matches items %s and %s: put the "
		    "right one here", ins->item[c->target].code,
		    ins->item[c->alt].code);
		target = "";
		break;
	case COLMAP_NAME_TEXT:
		snprintf(what, sizeof(what), "its name is item %s, its text "
		    "item %s: put the right one here",
		    ins->item[c->target].code, ins->item[c->alt].code);
		target = "";
		break;
	case COLMAP_NO_HEADER:
		colmap_draft_note(w->fp, "column %zu has no header: it cannot be "
		    "mapped; its values are ignored", colno);
		return;
	case COLMAP_OK:
		snprintf(what, sizeof(what), "%s", c->why);
		if (c->kind == COL_ITEM)
			target = ins->item[c->target].code;
		else if (c->kind == COL_META)
			target = meta = xasprintf("meta:%s",
			    cm->meta[c->target]);
		else if (c->kind == COL_PERSONAL)
			target = "personal";
		else if (c->conf == CONF_NONE)
			snprintf(what, sizeof(what), "not recognised: put an "
			    "item code here if it is a statement of the "
			    "instrument");
		break;
	}
	if (c->twin > 0) {
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    "; so is column %zu: keep one, map the other to ignore or "
		    "elsewhere", c->twin);
		conf = CONF_NONE;
	}
	colmap_draft_note(w->fp, "column %zu, confidence %s: %s%s", colno,
	    colmap_conf_name(conf), what, c->kind == COL_PLATFORM_ID ?
	    " (the platform's id: replaced by a new one)" : "");
	csvio_put(w, "column");
	csvio_put(w, lc->header);
	csvio_put(w, target);
	csvio_end_row(w);
	free(meta);
}

/* ---- the map file ---- */

struct mapload {
	struct colmap *cm;
	struct recoder *rc;
	const char *path;
	int header_seen, nerr;
};

static void
map_column(struct mapload *ml, unsigned long line, const char *from,
    const char *to, const char *where)
{
	struct colmap *cm = ml->cm;

	if (*where != '\0') {
		plg_warn_at(ml->path, line, "a column rule has no fourth field "
		    "(it is for answer rules): '%s'", where);
		ml->nerr++;
	} else if (*to == '\0') {
		plg_warn_at(ml->path, line, "column '%.60s' has no target: fill "
		    "in an item code, meta:NAME, ignore or personal", from);
		ml->nerr++;
	} else if (strcmp(to, "ignore") != 0 && strcmp(to, "personal") != 0 &&
	    strncmp(to, "meta:", 5) != 0 &&
	    instrument_find_item(cm->ins, to) < 0) {
		plg_warn_at(ml->path, line, "unknown target '%s' (an item code, "
		    "meta:NAME, ignore or personal)", to);
		ml->nerr++;
	} else {
		XGROW(cm->rule, cm->rulealloc, cm->nrule + 1);
		cm->rule[cm->nrule].from = textnorm(from, strlen(from));
		cm->rule[cm->nrule].to = xstrdup(to);
		cm->rule[cm->nrule].line = line;
		cm->nrule++;
	}
}

static void
map_answer(struct mapload *ml, unsigned long line, const char *from,
    const char *to, const char *where)
{
	double v;

	if (*to == '\0') {
		plg_warn_at(ml->path, line, "answer '%.60s' has no value: fill "
		    "in a value of the response scale or 'missing'", from);
		ml->nerr++;
		return;
	}
	if (strcmp(to, "missing") == 0)
		v = strtod("nan", NULL);
	else if (num_parse(to, &v) != 0 ||
	    instrument_value_index(ml->cm->ins, v) < 0) {
		plg_warn_at(ml->path, line, "answer '%s' maps to '%s', which is "
		    "neither a value of the response scale nor 'missing'",
		    from, to);
		ml->nerr++;
		return;
	}
	if (*where != '\0')
		recoder_add_in(ml->rc, where, from, v, line);
	else
		recoder_add(ml->rc, from, v);
}

static int
map_record(void *ctx, const struct csvio_record *rec)
{
	struct mapload *ml = ctx;
	const char *kind, *from, *to, *where;
	size_t i;

	if (rec->nfield == 1 && rec->len[0] == 0)
		return 0;
	if (rec->field[0][0] == '#')
		return 0;
	if (!ml->header_seen) {
		ml->header_seen = 1;
		if (rec->nfield >= 3 && strcmp(rec->field[0], "kind") == 0 &&
		    strcmp(rec->field[1], "from") == 0 &&
		    strcmp(rec->field[2], "to") == 0)
			return 0;
		plg_warn_at(ml->path, rec->line, "map file must start with "
		    "the header 'kind,from,to'");
		ml->nerr++;
		return -1;	/* stop; 1 would read as CSVIO_EDATA */
	}
	if (rec->nfield < 3) {
		plg_warn_at(ml->path, rec->line, "expected 3 fields "
		    "(kind,from,to), found %zu", rec->nfield);
		ml->nerr++;
		return 0;
	}
	kind = rec->field[0];
	from = rec->field[1];
	to = rec->field[2];
	where = rec->nfield > 3 ? rec->field[3] : "";
	for (i = 4; i < rec->nfield; i++)
		if (rec->len[i] > 0) {
			plg_warn_at(ml->path, rec->line, "expected at most 4 "
			    "fields (kind,from,to,column), found %zu",
			    rec->nfield);
			ml->nerr++;
			return 0;
		}
	if (strcmp(kind, "column") == 0)
		map_column(ml, rec->line, from, to, where);
	else if (strcmp(kind, "answer") == 0)
		map_answer(ml, rec->line, from, to, where);
	else {
		plg_warn_at(ml->path, rec->line, "unknown kind '%s' (column "
		    "or answer)", kind);
		ml->nerr++;
	}
	return 0;
}

int
colmap_load_map(struct colmap *cm, struct recoder *rc, const char *path)
{
	struct csvio_reader r;
	struct mapload ml = { cm, rc, path, 0, 0 };
	int rc2;

	if (csvio_open(&r, path) != 0) {
		plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return 1;
	}
	r.delim = ',';
	rc2 = csvio_read(&r, map_record, &ml);
	if (rc2 == CSVIO_EDATA || rc2 == CSVIO_ESYS) {
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
		ml.nerr++;
	}
	csvio_close(&r);
	return ml.nerr;
}
