/* colmap.c -- recognising the columns of a survey export. */
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
	"recipient", "location", "attribute ", "naam van ", "name of ", NULL
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
 * (0, 1, or 2 meaning "more than one"), first match in *item. */
static int
match_items(const struct instrument *ins, const char *header, const char *key,
    size_t *item, const char **why)
{
	size_t i, l, klen = strlen(key), tlen;
	int n = 0;
	const char *br;
	char *bk = NULL;

	/* 1. the item code itself, or "CODE. text", "[CODE] text" */
	for (i = 0; i < ins->nitem; i++) {
		size_t cl = strlen(ins->item[i].code);
		const char *h = header;
		if (*h == '[')
			h++;
		if (strncasecmp(h, ins->item[i].code, cl) == 0 &&
		    (h[cl] == '\0' || h[cl] == ']' || h[cl] == ' ' ||
		    h[cl] == '.' || h[cl] == ':' || h[cl] == '-' ||
		    h[cl] == ')')) {
			*item = i;
			*why = "item code";
			return 1;
		}
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
			else if (klen > tlen && tlen >= 15 &&
			    strcmp(key + klen - tlen, t) == 0 &&
			    key[klen - tlen - 1] == ' ')
				hit = 2;
			else if (bk != NULL && strcmp(bk, t) == 0)
				hit = 3;
			if (!hit || (n > 0 && *item == i))
				continue;
			if (n++ == 0) {
				*item = i;
				*why = hit == 1 ? "statement text" : hit == 2 ?
				    "statement text after a prefix" :
				    "statement text in brackets";
			}
		}
	free(bk);
	return n > 2 ? 2 : n;
}

static int
classify_one(struct colmap *cm, const char *header, struct colmap_col *c,
    const char *file, unsigned long line, size_t colno)
{
	char *key = textnorm(header, strlen(header));
	size_t i, m, item = 0;
	int n;

	c->kind = COL_IGNORED;
	c->why = "not recognised";
	/* the user's rules come first */
	for (i = cm->nrule; i-- > 0;) {
		const char *to = cm->rule[i].to;
		long it;
		if (strcmp(cm->rule[i].from, key) != 0)
			continue;
		c->why = "map file";
		if (strcmp(to, "ignore") == 0)
			c->kind = COL_IGNORED;
		else if (strcmp(to, "personal") == 0)
			c->kind = COL_PERSONAL;
		else if (strncmp(to, "meta:", 5) == 0) {
			c->kind = COL_META;
			c->target = colmap_meta(cm, to + 5);
		} else if ((it = instrument_find_item(cm->ins, to)) >= 0) {
			c->kind = COL_ITEM;
			c->target = (size_t)it;
		}
		free(key);
		return 0;
	}
	for (i = 0; i < cm->nkeep; i++)
		if (strcmp(cm->keep[i], key) == 0) {
			c->kind = COL_META;
			c->target = colmap_meta(cm, cm->keepname[i]);
			c->why = "--meta";
			free(key);
			return 0;
		}
	for (m = 0; m < sizeof(meta_names) / sizeof(meta_names[0]); m++)
		if (in_list(key, meta_names[m].keys)) {
			c->kind = COL_META;
			c->target = colmap_meta(cm, meta_names[m].name);
			c->why = "metadata name";
			free(key);
			return 0;
		}
	n = match_items(cm->ins, header, key, &item, &c->why);
	if (n == 1) {
		c->kind = COL_ITEM;
		c->target = item;
	} else if (n > 1) {
		if (file != NULL)
			plg_warn_at(file, line, "column %zu matches more than "
			    "one item; say which in a map file: '%.60s'", colno,
			    header);
		free(key);
		return 1;
	} else if (is_personal(key)) {
		c->kind = COL_PERSONAL;
		c->why = "personal data";
	} else if (in_list(key, id_keys)) {
		c->kind = COL_PLATFORM_ID;
		c->why = "platform id";
	}
	free(key);
	return 0;
}

/* A NULL file counts the problems without reporting them (a prescan). */
int
colmap_classify(struct colmap *cm, char *const *header, size_t n,
    struct colmap_col *col, const char *file, unsigned long line)
{
	size_t i, j;
	int nerr = 0;

	for (i = 0; i < n; i++)
		nerr += classify_one(cm, header[i], &col[i], file, line, i + 1);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (col[i].kind != col[j].kind ||
			    (col[i].kind != COL_ITEM && col[i].kind != COL_META) ||
			    col[i].target != col[j].target)
				continue;
			nerr++;
			if (file == NULL)	/* quiet: a prescan */
				continue;
			if (col[i].kind == COL_ITEM)
				plg_warn_at(file, line, "columns %zu and %zu both "
				    "map to item %s; say which in a map file",
				    i + 1, j + 1, cm->ins->item[col[i].target].code);
			else
				plg_warn_at(file, line, "columns %zu and %zu are "
				    "both metadata '%s'; rename one with --meta",
				    i + 1, j + 1, cm->meta[col[i].target]);
		}
	return nerr;
}

/* ---- the map file ---- */

struct mapload {
	struct colmap *cm;
	struct recoder *rc;
	const char *path;
	int header_seen, nerr;
};

static int
map_record(void *ctx, const struct csvio_record *rec)
{
	struct mapload *ml = ctx;
	struct colmap *cm = ml->cm;
	const char *kind, *from, *to;
	double v;

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
	if (strcmp(kind, "column") == 0) {
		if (strcmp(to, "ignore") != 0 && strcmp(to, "personal") != 0 &&
		    strncmp(to, "meta:", 5) != 0 &&
		    instrument_find_item(cm->ins, to) < 0) {
			plg_warn_at(ml->path, rec->line, "unknown target '%s' "
			    "(an item code, meta:NAME, ignore or personal)", to);
			ml->nerr++;
			return 0;
		}
		XGROW(cm->rule, cm->rulealloc, cm->nrule + 1);
		cm->rule[cm->nrule].from = textnorm(from, strlen(from));
		cm->rule[cm->nrule].to = xstrdup(to);
		cm->rule[cm->nrule].line = rec->line;
		cm->nrule++;
	} else if (strcmp(kind, "answer") == 0) {
		if (strcmp(to, "missing") == 0)
			recoder_add(ml->rc, from, strtod("nan", NULL));
		else if (num_parse(to, &v) == 0 &&
		    instrument_value_index(cm->ins, v) >= 0)
			recoder_add(ml->rc, from, v);
		else {
			plg_warn_at(ml->path, rec->line, "answer '%s' maps to "
			    "'%s', which is neither a value of the response "
			    "scale nor 'missing'", from, to);
			ml->nerr++;
		}
	} else {
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
