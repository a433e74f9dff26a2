/* survey.c -- raw export to responses CSV, counting every value and row.
 * The platform's layout (header rows, its own columns, which responses
 * count) comes from layout.c, the meaning of each column from colmap.c, the
 * numbers from recode.c; this file drives them over each input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "roles.h"
#include "survey.h"
#include "textnorm.h"
#include "xalloc.h"

/* Metadata that comes first in the output, in this order. */
static const char *const meta_first[] = { "school", "team", "role",
    "role_group", "wave" };

/* At most this many distinct unknown answers go into a draft map. */
#define DRAFT_MAX_UNKNOWN 200

/* A record read before the layout is known: a copy of its fields. */
struct held {
	struct csvio_record rec;
	char *buf;		/* the fields' bytes */
	int blank;
};

/* State while reading one file. */
struct pass {
	struct survey *sv;
	const char *file;
	int prescan;		/* only classify the header */
	int header_done;
	struct layout lo;
	struct held *held;	/* records before the layout is decided */
	size_t nheld, heldalloc, nfull;	/* nfull: non-blank ones */
	size_t ncol;
	struct colmap_col *col;
	size_t **scope;		/* per column: answer-rule scopes (recoder) */
	size_t *nscope;
	int nerr;
	unsigned long warned_short, warned_long, warned_status;
};

void
survey_init(struct survey *sv, const struct instrument *ins, FILE *out)
{
	memset(sv, 0, sizeof(*sv));
	sv->ins = ins;
	colmap_init(&sv->cm, ins);
	recoder_init(&sv->rc, ins);
	csvio_writer_init(&sv->out, out);
	sv->item_out = xcalloc(ins->nitem, 1);
	sv->item_val = xcalloc(ins->nitem, sizeof(double));
	sv->id_prefix = "R";
	sv->next_id = 1;
	sv->file_meta = (size_t)-1;
	sv->role_meta = sv->role_group_meta = (size_t)-1;
}

int
survey_add_const(struct survey *sv, const char *s)
{
	const char *eq = strchr(s, '=');

	if (eq == NULL || eq == s)
		return -1;
	sv->cst = xreallocarray(sv->cst, sv->ncst + 1, sizeof(*sv->cst));
	sv->cst[sv->ncst].name = xstrndup(s, (size_t)(eq - s));
	sv->cst[sv->ncst].value = xstrdup(eq + 1);
	sv->cst[sv->ncst].meta = colmap_meta(&sv->cm, sv->cst[sv->ncst].name);
	sv->ncst++;
	return 0;
}

/* ==== records held until the layout is known ==== */

static int
blank_record(const struct csvio_record *rec)
{
	size_t i, j;

	for (i = 0; i < rec->nfield; i++)
		for (j = 0; j < rec->len[i]; j++)
			if (rec->field[i][j] != ' ' && rec->field[i][j] != '\t')
				return 0;
	return 1;
}

static void
hold(struct pass *ps, const struct csvio_record *rec, int blank)
{
	struct held *h;
	size_t i, total = 0;
	char *p;

	XGROW(ps->held, ps->heldalloc, ps->nheld + 1);
	h = &ps->held[ps->nheld++];
	memset(h, 0, sizeof(*h));
	for (i = 0; i < rec->nfield; i++)
		total += rec->len[i] + 1;
	h->buf = p = xmalloc(total > 0 ? total : 1);
	h->rec.field = xcalloc(rec->nfield + 1, sizeof(char *));
	h->rec.len = xcalloc(rec->nfield + 1, sizeof(size_t));
	h->rec.nfield = rec->nfield;
	h->rec.line = rec->line;
	h->rec.aux = NULL;
	h->rec.next_aux = NULL;
	for (i = 0; i < rec->nfield; i++) {
		memcpy(p, rec->field[i], rec->len[i] + 1);
		h->rec.field[i] = p;
		h->rec.len[i] = rec->len[i];
		p += rec->len[i] + 1;
	}
	h->blank = blank;
	if (!blank)
		ps->nfull++;
}

static void
free_held(struct pass *ps)
{
	size_t i;

	for (i = 0; i < ps->nheld; i++) {
		free(ps->held[i].buf);
		free(ps->held[i].rec.field);
		free(ps->held[i].rec.len);
	}
	free(ps->held);
	ps->held = NULL;
	ps->nheld = ps->heldalloc = ps->nfull = 0;
}

static void
free_pass(struct pass *ps)
{
	size_t i;

	free_held(ps);
	for (i = 0; i < ps->ncol && ps->scope != NULL; i++)
		free(ps->scope[i]);
	free(ps->scope);
	free(ps->nscope);
	free(ps->col);
	layout_release(&ps->lo);
}

/* ==== the output header ==== */

/* Output order of metadata: the usual ones first, then the others. */
static void
order_meta(struct survey *sv)
{
	size_t i, j, k = 0, nf = sizeof(meta_first) / sizeof(meta_first[0]);
	unsigned char *done = xcalloc(sv->cm.nmeta + 1, 1);

	sv->meta_order = xreallocarray(sv->meta_order, sv->cm.nmeta + 1,
	    sizeof(size_t));
	for (j = 0; j < nf; j++)
		for (i = 0; i < sv->cm.nmeta; i++)
			if (!done[i] && strcmp(sv->cm.meta[i], meta_first[j]) == 0) {
				sv->meta_order[k++] = i;
				done[i] = 1;
			}
	for (i = 0; i < sv->cm.nmeta; i++)
		if (!done[i])
			sv->meta_order[k++] = i;
	sv->nmeta_out = k;
	free(done);
}

static void
write_header(struct survey *sv)
{
	size_t i;

	if (sv->header_written || sv->draft)
		return;
	for (i = 0; i < sv->cm.nmeta; i++)
		if (strcmp(sv->cm.meta[i], "role") == 0) {
			sv->role_meta = i;
			sv->role_group_meta = colmap_meta(&sv->cm, "role_group");
		}
	order_meta(sv);
	sv->meta_val = xcalloc(sv->cm.nmeta + 1, sizeof(char *));
	csvio_put(&sv->out, "respondent");
	for (i = 0; i < sv->nmeta_out; i++)
		csvio_put(&sv->out, sv->cm.meta[sv->meta_order[i]]);
	for (i = 0; i < sv->ins->nitem; i++)
		if (sv->item_out[i]) {
			csvio_put(&sv->out, sv->ins->item[i].code);
			sv->n.items_mapped++;
		}
	csvio_end_row(&sv->out);
	sv->header_written = 1;
}

/* ==== the input's header ==== */

/* Messages about the platform's columns that the rules need. */
static void
check_layout(const struct pass *ps, unsigned long line)
{
	const struct layout *lo = &ps->lo;

	if (lo->fmt == FMT_QUALTRICS && lo->status < 0)
		plg_warn_at(ps->file, line, "no Status column: preview, test "
		    "and spam responses cannot be told apart and are kept");
	if (lo->fmt == FMT_QUALTRICS && lo->finished < 0 && lo->progress < 0)
		plg_warn_at(ps->file, line, "no Finished or Progress column: "
		    "incomplete responses cannot be told apart and are kept");
	if (lo->fmt == FMT_LIMESURVEY && lo->submitted < 0)
		plg_warn_at(ps->file, line, "no submitdate column: incomplete "
		    "responses cannot be told apart and are kept");
}

/* The answer-rule scopes of item column i: its header, name, text and the
 * code of its item. */
static void
find_scopes(struct pass *ps, size_t i)
{
	const struct layout_col *lc = &ps->lo.col[i];
	const char *code = ps->sv->ins->item[ps->col[i].target].code;
	char *keys[4];
	size_t k;

	keys[0] = textnorm(lc->name, strlen(lc->name));
	keys[1] = textnorm(lc->text, strlen(lc->text));
	keys[2] = textnorm(lc->header, strlen(lc->header));
	keys[3] = textnorm(code, strlen(code));
	ps->nscope[i] = recoder_scopes(&ps->sv->rc, keys, 4, &ps->scope[i]);
	for (k = 0; k < 4; k++)
		free(keys[k]);
}

/* Whether an earlier input had a column with this header: 0 no (it is
 * remembered now), 1 yes and it was the same, -1 yes but it was not. */
static int
drafted(struct survey *sv, const char *header, const struct colmap_col *c)
{
	char *key = textnorm(header, strlen(header));
	const struct colmap_col *d;
	size_t i;

	for (i = 0; i < sv->ndrafted; i++) {
		if (strcmp(sv->drafted[i].key, key) != 0)
			continue;
		free(key);
		d = &sv->drafted[i].col;
		return d->kind == c->kind && d->target == c->target &&
		    d->problem == COLMAP_OK && c->problem == COLMAP_OK &&
		    d->twin == 0 && c->twin == 0 ? 1 : -1;
	}
	XGROW(sv->drafted, sv->draftedalloc, sv->ndrafted + 1);
	sv->drafted[sv->ndrafted].key = key;
	sv->drafted[sv->ndrafted].col = *c;
	sv->ndrafted++;
	return 0;
}

/* The draft map's header, once. */
static void
draft_start(struct survey *sv)
{
	if (sv->draft_started++)
		return;
	csvio_put(&sv->out, "kind");
	csvio_put(&sv->out, "from");
	csvio_put(&sv->out, "to");
	csvio_end_row(&sv->out);
	colmap_draft_note(sv->out.fp, "draft map written by plg-survey "
	    "--draft-map: check every rule and fill in");
	colmap_draft_note(sv->out.fp, "the empty targets, then read the "
	    "export with -m and this file");
}

/* The draft map's part for this file: one rule per column. */
static void
draft_columns(struct pass *ps)
{
	struct survey *sv = ps->sv;
	const struct layout *lo = &ps->lo;
	char desc[256];
	size_t i, j, dup;
	int seen;

	draft_start(sv);
	layout_describe(lo, desc, sizeof(desc));
	colmap_draft_note(sv->out.fp, "%s: %s", ps->file, desc);
	for (i = 0; i < ps->ncol; i++) {
		for (dup = 0, j = 0; j < i && dup == 0; j++)
			if (strcmp(lo->col[j].header, lo->col[i].header) == 0 &&
			    ps->col[i].problem != COLMAP_NO_HEADER)
				dup = j + 1;
		seen = dup > 0 || ps->col[i].problem == COLMAP_NO_HEADER ? 0 :
		    drafted(sv, lo->col[i].header, &ps->col[i]);
		if (seen > 0) {
			colmap_draft_note(sv->out.fp, "column %zu '%.60s': as "
			    "in an earlier input, above", i + 1,
			    lo->col[i].header);
			continue;
		}
		if (seen < 0)
			colmap_draft_note(sv->out.fp, "column %zu: an earlier "
			    "input has this header too, but there it was "
			    "something else; the last rule for it wins", i + 1);
		colmap_draft_column(&sv->cm, &sv->out, &lo->col[i], &ps->col[i],
		    i + 1, dup);
	}
}

/* Classify the columns of the header, which ends on line.  Returns 0 to
 * go on, 1 to stop (prescan) or -1 (ambiguous columns: skip the file). */
static int
on_header(struct pass *ps, unsigned long line)
{
	struct survey *sv = ps->sv;
	const struct layout *lo = &ps->lo;
	size_t i, nmeta = sv->cm.nmeta;
	char desc[256];

	ps->ncol = lo->ncol;
	ps->col = xcalloc(lo->ncol + 1, sizeof(*ps->col));
	ps->scope = xcalloc(lo->ncol + 1, sizeof(*ps->scope));
	ps->nscope = xcalloc(lo->ncol + 1, sizeof(*ps->nscope));
	if (!ps->prescan && sv->verbose) {
		layout_describe(lo, desc, sizeof(desc));
		plg_warn_at(ps->file, line, "format %s", desc);
	}
	if (!ps->prescan)
		check_layout(ps, line);
	/* The prescan stays quiet: the real pass reports the same problems. */
	ps->nerr = colmap_classify_layout(&sv->cm, lo, ps->col,
	    ps->prescan ? NULL : ps->file, line);
	if (ps->nerr > 0 && !sv->draft) {
		/* a skipped file adds no metadata columns either */
		while (sv->cm.nmeta > nmeta)
			free(sv->cm.meta[--sv->cm.nmeta]);
		return -1;	/* not 1, which csvio_read means as CSVIO_EDATA */
	}
	for (i = 0; i < lo->ncol; i++) {
		const struct colmap_col *c = &ps->col[i];
		const char *h = lo->col[i].header;
		int lost = sv->header_written &&
		    ((c->kind == COL_ITEM && !sv->item_out[c->target]) ||
		    (c->kind == COL_META && c->target >= sv->nmeta_out));
		if (sv->verbose && !ps->prescan)
			plg_warn_at(ps->file, line, "column %zu '%.50s': %s "
			    "(%s)", i + 1, h, c->kind == COL_ITEM ?
			    sv->ins->item[c->target].code :
			    colmap_kind_name(c->kind), c->why);
		if (lost) {
			plg_warn_at(ps->file, line, "column %zu '%.50s' is "
			    "not in the output, which an earlier input fixed; "
			    "its values are dropped (give this file first, or "
			    "as a file rather than on stdin)", i + 1, h);
			/* never in the prescan, which is before the header */
			ps->col[i].kind = COL_IGNORED;
			sv->n.cols_dropped++;
			continue;	/* dropped, not also ignored */
		}
		if (c->kind == COL_ITEM)
			sv->item_out[c->target] = 1;
		if (ps->prescan)
			continue;
		if (c->kind == COL_ITEM)
			find_scopes(ps, i);
		switch (c->kind) {
		case COL_PERSONAL: sv->n.cols_personal++; break;
		case COL_IGNORED: sv->n.cols_ignored++; break;
		case COL_PLATFORM_ID: sv->n.cols_id++; break;
		case COL_META: sv->n.cols_meta++; break;
		case COL_ITEM: break;
		}
	}
	if (sv->draft && !ps->prescan)
		draft_columns(ps);
	ps->header_done = 1;
	return ps->prescan ? 1 : 0;
}

/* ==== data records ==== */

/* For --rejects: value i of rec, left out for reason. */
static void
reject_value(struct pass *ps, const struct csvio_record *rec, size_t i,
    const char *reason)
{
	if (ps->sv->rejects == NULL)
		return;
	rejects_answer(ps->sv->rejects, ps->file, rec->line, i,
	    i < ps->ncol && ps->col[i].kind == COL_ITEM ?
	    ps->sv->ins->item[ps->col[i].target].code : NULL, reason,
	    rec->field[i]);
}

static void
reject_row(struct pass *ps, const struct csvio_record *rec,
    const char *reason)
{
	if (ps->sv->rejects != NULL)
		rejects_row(ps->sv->rejects, ps->file, rec->line, reason);
}

static void
reject(struct pass *ps, const struct csvio_record *rec, size_t i,
    enum recode_status st)
{
	const char *code = ps->sv->ins->item[ps->col[i].target].code;
	const char *what = st == RECODE_OUT_OF_RANGE ? "value outside the "
	    "response scale" : st == RECODE_CONFLICT ? "number and label "
	    "disagree in" : "unknown answer";

	plg_warn_at(ps->file, rec->line, "column %zu (item %s): %s '%.80s'",
	    i + 1, code, what, rec->field[i]);
	ps->sv->n.rejected++;
	reject_value(ps, rec, i, what);
}

/* For --draft-map: an answer no rule recodes, in item column i. */
static void
note_unknown(struct survey *sv, size_t item, const char *s, size_t len)
{
	char *key = textnorm(s, len), *k2;
	struct survey_unknown *u;
	size_t i;

	for (i = 0; i < sv->nunknown; i++) {
		k2 = textnorm(sv->unknown[i].text, strlen(sv->unknown[i].text));
		if (strcmp(k2, key) == 0) {
			free(k2);
			break;
		}
		free(k2);
	}
	free(key);
	if (i == sv->nunknown) {
		if (sv->nunknown >= DRAFT_MAX_UNKNOWN)
			return;
		XGROW(sv->unknown, sv->unknownalloc, sv->nunknown + 1);
		u = &sv->unknown[sv->nunknown++];
		u->text = textnorm_trim(s, len);
		u->count = 0;
		u->item = xcalloc(sv->ins->nitem, 1);
	}
	sv->unknown[i].count++;
	sv->unknown[i].item[item] = 1;
}

/* role_group(role), remembered for the first few roles: a file has a
 * handful, each on thousands of rows. */
static const char *
cached_role_group(struct survey *sv, const char *role)
{
	size_t i;

	for (i = 0; i < sv->nroles; i++)
		if (strcmp(sv->roles[i].role, role) == 0)
			return sv->roles[i].group;
	if (sv->nroles == sizeof(sv->roles) / sizeof(sv->roles[0]))
		return role_group(role);
	sv->roles[sv->nroles].role = xstrdup(role);
	return sv->roles[sv->nroles++].group = role_group(role);
}

static void
write_row(struct survey *sv)
{
	char num[24], *id;
	size_t i, n, p = strlen(sv->id_prefix);
	unsigned long k = sv->next_id++;

	/* "%s%04lu", without printf's cost on every row */
	for (n = 0; k > 0 || n < 4; k /= 10)
		num[n++] = (char)('0' + k % 10);
	if (sv->idbuf == NULL)	/* any prefix, and the number in full */
		sv->idbuf = xmalloc(p + sizeof(num) + 1);
	id = sv->idbuf;
	memcpy(id, sv->id_prefix, p);
	for (i = 0; i < n; i++)
		id[p + i] = num[n - 1 - i];
	id[p + n] = '\0';
	csvio_put(&sv->out, id);
	for (i = 0; i < sv->nmeta_out; i++)
		csvio_put(&sv->out, sv->meta_val[sv->meta_order[i]]);
	for (i = 0; i < sv->ins->nitem; i++)
		if (sv->item_out[i])
			csvio_put_num(&sv->out, sv->item_val[i], 15);
	csvio_end_row(&sv->out);
}

static void
check_width(struct pass *ps, const struct csvio_record *rec)
{
	size_t i;

	if (rec->nfield < ps->ncol) {
		ps->sv->n.short_rows++;
		if (ps->warned_short++ < 3)
			plg_warn_at(ps->file, rec->line, "record has %zu fields, "
			    "the header %zu; the missing ones count as empty",
			    rec->nfield, ps->ncol);
	} else if (rec->nfield > ps->ncol) {
		for (i = ps->ncol; i < rec->nfield; i++)
			if (rec->len[i] > 0)
				break;
		if (i == rec->nfield)
			return;	/* only empty extras: trailing delimiters */
		ps->sv->n.long_rows++;
		plg_warn_at(ps->file, rec->line, "record has %zu fields, the "
		    "header %zu; the extra fields are ignored", rec->nfield,
		    ps->ncol);
		for (; i < rec->nfield; i++)
			if (rec->len[i] > 0)
				reject_value(ps, rec, i, "field beyond the "
				    "header");
	}
}

static const char *
reason_phrase(enum layout_reason r)
{
	switch (r) {
	case REASON_INCOMPLETE: return "incomplete response";
	case REASON_PREVIEW: return "survey preview";
	case REASON_TEST: return "test response";
	case REASON_SPAM: return "marked as spam";
	case REASON_STATUS: return "unknown response type";
	default: return layout_reason_name(r);
	}
}

/* Whether the platform's rules keep the response; counts and reports the
 * ones they do not. */
static int
kept_by_platform(struct pass *ps, const struct csvio_record *rec)
{
	char detail[128];
	enum layout_reason r = layout_keep(&ps->lo, rec, detail,
	    sizeof(detail));

	if (r == REASON_KEEP)
		return 1;
	ps->sv->n.excluded[r]++;
	if (ps->sv->rejects != NULL) {
		char why[200];

		snprintf(why, sizeof(why), "%s (%s)", reason_phrase(r), detail);
		reject_row(ps, rec, why);
	}
	if (ps->sv->verbose)
		plg_warn_at(ps->file, rec->line, "%s (%s); respondent "
		    "excluded", reason_phrase(r), detail);
	else if (r == REASON_STATUS && ps->warned_status++ == 0)
		plg_warn_at(ps->file, rec->line, "%s is not a response type "
		    "plg-survey knows; such responses are excluded", detail);
	return 0;
}

/* One item cell: recode, count; returns 1 for a value. */
static int
item_cell(struct pass *ps, const struct csvio_record *rec, size_t i)
{
	struct survey *sv = ps->sv;
	const struct colmap_col *c = &ps->col[i];
	enum recode_status st;
	double v;

	st = recoder_run_in(&sv->rc, ps->scope[i], ps->nscope[i],
	    rec->field[i], rec->len[i], &v);
	if (st == RECODE_OUT_OF_RANGE || st == RECODE_UNKNOWN)
		st = layout_answer(&ps->lo, rec->field[i], st);
	switch (st) {
	case RECODE_VALUE:
		sv->item_val[c->target] = v;
		sv->n.values++;
		return 1;
	case RECODE_EMPTY: sv->n.empty++; break;
	case RECODE_DONTKNOW: sv->n.dontknow++; break;
	default:
		if (sv->draft) {
			note_unknown(sv, c->target, rec->field[i],
			    rec->len[i]);
			sv->n.rejected++;
			reject_value(ps, rec, i, "no answer rule yet");
		} else
			reject(ps, rec, i, st);
		break;
	}
	return 0;
}

/* For --draft-map: the unknown answers of a response that is not kept. */
static void
draft_scan(struct pass *ps, const struct csvio_record *rec)
{
	struct survey *sv = ps->sv;
	size_t i, n = rec->nfield < ps->ncol ? rec->nfield : ps->ncol;
	enum recode_status st;
	double v;

	for (i = 0; i < n; i++) {
		if (ps->col[i].kind != COL_ITEM)
			continue;
		st = recoder_run_in(&sv->rc, ps->scope[i], ps->nscope[i],
		    rec->field[i], rec->len[i], &v);
		if (st == RECODE_OUT_OF_RANGE || st == RECODE_UNKNOWN)
			st = layout_answer(&ps->lo, rec->field[i], st);
		if (st == RECODE_OUT_OF_RANGE || st == RECODE_UNKNOWN ||
		    st == RECODE_CONFLICT)
			note_unknown(sv, ps->col[i].target, rec->field[i],
			    rec->len[i]);
	}
}

static int
on_data(struct pass *ps, const struct csvio_record *rec)
{
	struct survey *sv = ps->sv;
	size_t i, n;
	int answered = 0;

	if (blank_record(rec)) {
		sv->n.blank_rows++;
		return 0;
	}
	sv->n.read++;
	check_width(ps, rec);
	if (!kept_by_platform(ps, rec)) {
		if (sv->draft)	/* its answers still belong in the draft */
			draft_scan(ps, rec);
		return 0;
	}
	/* meta_val has the slots of the header; later files may add names */
	for (i = 0; i < sv->nmeta_out; i++)
		sv->meta_val[i] = "";
	for (i = 0; i < sv->ins->nitem; i++)
		sv->item_val[i] = NAN;
	n = rec->nfield < ps->ncol ? rec->nfield : ps->ncol;
	for (i = 0; i < n; i++) {
		const struct colmap_col *c = &ps->col[i];

		if (c->kind == COL_META && !sv->draft)
			sv->meta_val[c->target] = rec->field[i];
		else if (c->kind == COL_ITEM)
			answered |= item_cell(ps, rec, i);
	}
	if (!answered) {
		sv->n.no_answers++;
		reject_row(ps, rec, "no answers");
		if (sv->verbose)
			plg_warn_at(ps->file, rec->line, "no answers; "
			    "respondent excluded");
		return 0;
	}
	sv->n.kept++;
	if (sv->draft)
		return 0;
	for (i = 0; i < sv->ncst; i++)
		sv->meta_val[sv->cst[i].meta] = sv->cst[i].value;
	if (sv->file_column != NULL)
		sv->meta_val[sv->file_meta] = (char *)ps->file;
	if (sv->role_group_meta != (size_t)-1)
		sv->meta_val[sv->role_group_meta] =
		    (char *)cached_role_group(sv, sv->meta_val[sv->role_meta]);
	write_row(sv);
	return 0;
}

/* The layout from the records held so far; then the header, then the
 * held data records.  Returns what on_header or on_data says. */
static int
decide(struct pass *ps)
{
	const struct csvio_record *full[LAYOUT_MAX_HEADER];
	size_t i, n = 0, seen = 0;
	int rc = 0;

	for (i = 0; i < ps->nheld && n < LAYOUT_MAX_HEADER; i++)
		if (!ps->held[i].blank)
			full[n++] = &ps->held[i].rec;
	layout_detect(&ps->lo, full, n);
	layout_headers(&ps->lo, full);
	if (!ps->prescan)
		ps->sv->fmt_used[ps->lo.fmt]++;
	if ((rc = on_header(ps, full[0]->line)) != 0) {
		free_held(ps);
		return rc;
	}
	write_header(ps->sv);
	for (i = 0; i < ps->nheld && rc == 0; i++) {
		if (!ps->held[i].blank && seen++ < ps->lo.nheader)
			continue;	/* a header record */
		rc = on_data(ps, &ps->held[i].rec);
	}
	free_held(ps);
	return rc;
}

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct pass *ps = ctx;
	int blank = blank_record(rec);

	if (ps->header_done)
		return on_data(ps, rec);
	if (ps->nheld == 0 && blank)
		return 0;	/* blank lines before the header */
	hold(ps, rec, blank);
	if (ps->nfull < LAYOUT_MAX_HEADER)
		return 0;
	return decide(ps);
}

static int
run_file(struct survey *sv, const char *path, int prescan)
{
	struct csvio_reader r;
	struct pass ps;
	int rc, status = PLG_EXIT_OK;

	memset(&ps, 0, sizeof(ps));
	ps.sv = sv;
	ps.prescan = prescan;
	layout_init(&ps.lo, sv->format);
	ps.lo.keep_incomplete = sv->keep_incomplete;
	ps.lo.keep_test = sv->keep_test;
	if (csvio_open(&r, path) != 0) {
		if (!prescan)
			plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		free_pass(&ps);
		return PLG_EXIT_TROUBLE;
	}
	ps.file = r.name;
	r.delim = sv->delim;
	r.enc = sv->enc;
	rc = csvio_read(&r, on_record, &ps);
	/* a short file, or one cut by an error: its records so far */
	if (!ps.header_done && ps.nfull > 0 && (rc == CSVIO_OK ||
	    rc == CSVIO_EDATA || rc == CSVIO_ESYS) && decide(&ps) < 0 &&
	    rc == CSVIO_OK)
		rc = -1;
	if (prescan) {
		free_pass(&ps);
		csvio_close(&r);
		return PLG_EXIT_OK;
	}
	if (rc == CSVIO_EDATA || rc == CSVIO_ESYS) {
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
		status = rc == CSVIO_ESYS ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
	} else if (ps.nerr > 0 && !sv->draft) {
		plg_warn_at(r.name, 0, "file skipped: its columns are "
		    "ambiguous");
		status = PLG_EXIT_DATA;
	} else if (!ps.header_done) {
		plg_warn_at(r.name, 0, "empty file: no header");
		status = PLG_EXIT_DATA;
	}
	if (r.nbad_bytes > 0)
		plg_warn_at(r.name, 0, "%lu invalid %s sequences replaced by "
		    "U+FFFD", r.nbad_bytes, encoding_name(r.enc));
	if (sv->verbose)
		plg_warn_at(r.name, 0, "%s, delimiter '%s', %lu records",
		    encoding_name(r.enc), r.delim == '\t' ? "\\t" :
		    (char[]){ (char)r.delim, 0 }, r.nrecords);
	if (r.enc < (int)(sizeof(sv->enc_used) / sizeof(sv->enc_used[0])))
		sv->enc_used[r.enc]++;
	sv->n.files++;
	if (status != PLG_EXIT_OK)
		sv->n.files_failed++;
	free_pass(&ps);
	csvio_close(&r);
	return status;
}

void
survey_prescan(struct survey *sv, char *const *paths, size_t n)
{
	size_t i;

	if (sv->file_column != NULL)
		sv->file_meta = colmap_meta(&sv->cm, sv->file_column);
	for (i = 0; i < n; i++)
		if (strcmp(paths[i], "-") != 0)
			run_file(sv, paths[i], 1);
}

int
survey_file(struct survey *sv, const char *path)
{
	return run_file(sv, path, 0);
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(((const struct survey_unknown *)a)->text,
	    ((const struct survey_unknown *)b)->text);
}

/* The draft map's answer rules: every answer no rule could recode. */
static void
draft_answers(struct survey *sv)
{
	size_t i, j, nitems;
	char items[160];
	int len;

	if (sv->nunknown == 0)
		return;
	qsort(sv->unknown, sv->nunknown, sizeof(*sv->unknown), by_text);
	colmap_draft_note(sv->out.fp, "answers that are not on the response "
	    "scale: give each a value of the scale, or 'missing'; a fourth "
	    "field limits a rule to one column (its header as above, or its "
	    "item code)");
	for (i = 0; i < sv->nunknown; i++) {
		const struct survey_unknown *u = &sv->unknown[i];
		for (len = 0, nitems = 0, j = 0; j < sv->ins->nitem; j++) {
			if (!u->item[j])
				continue;
			if (nitems++ < 6 && len < (int)sizeof(items))
				len += snprintf(items + len, sizeof(items) -
				    (size_t)len, "%s%s", nitems > 1 ? ", " : "",
				    sv->ins->item[j].code);
		}
		if (nitems > 6 && len < (int)sizeof(items))
			snprintf(items + len, sizeof(items) - (size_t)len,
			    " and %zu more", nitems - 6);
		colmap_draft_note(sv->out.fp, "'%.60s': %lu time%s, item%s %s",
		    u->text, u->count, u->count == 1 ? "" : "s",
		    nitems == 1 ? "" : "s", items);
		csvio_put(&sv->out, "answer");
		csvio_put(&sv->out, u->text);
		csvio_put(&sv->out, "");
		csvio_end_row(&sv->out);
	}
	if (sv->nunknown >= DRAFT_MAX_UNKNOWN)
		colmap_draft_note(sv->out.fp, "(only the first %d answers)",
		    DRAFT_MAX_UNKNOWN);
}

/* Answer rules of the map file for a column that no input had. */
static void
check_scopes(const struct survey *sv)
{
	const struct recoder *rc = &sv->rc;
	size_t i, j;

	if (sv->n.files == 0)
		return;
	for (i = 0; i < rc->nscope; i++) {
		if (rc->scope_used[i])
			continue;
		for (j = 0; j < rc->nscoped && rc->scoped[j].scope != i; j++)
			;
		plg_warnx("the answer rule on line %lu of the map file names "
		    "column '%s', which is no item column of the input%s",
		    j < rc->nscoped ? rc->scoped[j].line : 0UL, rc->scope[i],
		    sv->n.files == 1 ? "" : "s");
	}
}

void
survey_finish(struct survey *sv)
{
	size_t i;

	if (sv->finished++)
		return;
	if (sv->draft) {
		draft_start(sv);
		draft_answers(sv);
		for (i = 0; i < sv->ins->nitem; i++)
			sv->n.items_mapped += sv->item_out[i];
	} else
		write_header(sv);
	check_scopes(sv);
}

/* "name, name; " style lists for the summary. */
static size_t
list_used(char *buf, size_t size, size_t len, const unsigned long *used,
    size_t n, const char *(*name)(int))
{
	size_t i, first = len;

	for (i = 0; i < n && len < size; i++) {
		if (used[i] == 0)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    len > first ? ", " : "", name((int)i));
	}
	return len < size ? len : size - 1;
}

static const char *
fmt_name(int i)
{
	return layout_format_name((enum layout_format)i);
}

static const char *
enc_name(int i)
{
	return encoding_name((enum encoding)i);
}

void
survey_summary(const struct survey *sv)
{
	const struct survey_counts *n = &sv->n;
	char what[192], why[192];
	size_t len, r;
	unsigned long excluded = n->no_answers;

	len = list_used(what, sizeof(what), 0, sv->fmt_used, FMT_N, fmt_name);
	if (len > 0 && len + 2 < sizeof(what)) {
		strcpy(what + len, "; ");
		len += 2;
	}
	len = list_used(what, sizeof(what), len, sv->enc_used,
	    sizeof(sv->enc_used) / sizeof(sv->enc_used[0]), enc_name);
	if (len == 0 || (len == 2 && what[0] == ';'))
		strcpy(what, "no input");
	for (len = 0, why[0] = '\0', r = 1; r < REASON_NO_ANSWER; r++) {
		if (n->excluded[r] == 0)
			continue;
		excluded += n->excluded[r];
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%lu %s, ",
		    n->excluded[r], layout_reason_name((enum layout_reason)r));
		if (len >= sizeof(why))
			len = sizeof(why) - 1;
	}
	plg_warnx("%lu respondent%s read from %lu file%s (%s): %lu kept, "
	    "%lu excluded (%s%lu without any answer); %zu of %zu items "
	    "mapped; columns: %lu metadata kept, %lu personal data dropped, "
	    "%lu platform id replaced, %lu ignored; answers: %lu recoded, "
	    "%lu empty, %lu don't know, %lu rejected",
	    n->read, n->read == 1 ? "" : "s", n->files, n->files == 1 ? "" :
	    "s", what, n->kept, excluded, why, n->no_answers,
	    n->items_mapped, sv->ins->nitem, n->cols_meta, n->cols_personal,
	    n->cols_id, n->cols_ignored, n->values, n->empty, n->dontknow,
	    n->rejected);
	if (n->short_rows + n->long_rows + n->blank_rows + n->cols_dropped > 0)
		plg_warnx("also: %lu short record%s padded, %lu long record%s "
		    "cut, %lu blank record%s skipped, %lu column%s dropped",
		    n->short_rows, n->short_rows == 1 ? "" : "s", n->long_rows,
		    n->long_rows == 1 ? "" : "s", n->blank_rows,
		    n->blank_rows == 1 ? "" : "s", n->cols_dropped,
		    n->cols_dropped == 1 ? "" : "s");
}

void
survey_release(struct survey *sv)
{
	size_t i;

	for (i = 0; i < sv->ncst; i++) {
		free(sv->cst[i].name);
		free(sv->cst[i].value);
	}
	free(sv->cst);
	for (i = 0; i < sv->ndrafted; i++)
		free(sv->drafted[i].key);
	free(sv->drafted);
	for (i = 0; i < sv->nunknown; i++) {
		free(sv->unknown[i].text);
		free(sv->unknown[i].item);
	}
	free(sv->unknown);
	colmap_release(&sv->cm);
	recoder_release(&sv->rc);
	for (i = 0; i < sv->nroles; i++)
		free(sv->roles[i].role);
	free(sv->idbuf);
	free(sv->item_out);
	free(sv->item_val);
	free(sv->meta_order);
	free(sv->meta_val);
	memset(sv, 0, sizeof(*sv));
}
