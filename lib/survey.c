/* survey.c -- raw export to responses CSV, counting every value and row. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "roles.h"
#include "survey.h"
#include "xalloc.h"

/* Metadata that comes first in the output, in this order. */
static const char *const meta_first[] = { "school", "team", "role",
    "role_group", "wave" };

/* State while reading one file. */
struct pass {
	struct survey *sv;
	const char *file;
	int prescan;		/* only classify the header */
	int header_done;
	size_t ncol;
	struct colmap_col *col;
	char **headers;		/* copies, for messages */
	int nerr;
	unsigned long warned_short, warned_long;
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

static void
free_pass(struct pass *ps)
{
	size_t i;

	for (i = 0; i < ps->ncol && ps->headers != NULL; i++)
		free(ps->headers[i]);
	free(ps->headers);
	free(ps->col);
}

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

	if (sv->header_written)
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

static int
on_header(struct pass *ps, const struct csvio_record *rec)
{
	struct survey *sv = ps->sv;
	size_t i, nmeta = sv->cm.nmeta;

	ps->ncol = rec->nfield;
	ps->col = xcalloc(rec->nfield, sizeof(*ps->col));
	ps->headers = xcalloc(rec->nfield, sizeof(char *));
	for (i = 0; i < rec->nfield; i++)
		ps->headers[i] = xstrdup(rec->field[i]);
	/* The prescan stays quiet: the real pass reports the same problems. */
	ps->nerr = colmap_classify(&sv->cm, rec->field, rec->nfield, ps->col,
	    ps->prescan ? NULL : ps->file, rec->line);
	if (ps->nerr > 0) {
		/* a skipped file adds no metadata columns either */
		while (sv->cm.nmeta > nmeta)
			free(sv->cm.meta[--sv->cm.nmeta]);
		return -1;	/* not 1, which csvio_read means as CSVIO_EDATA */
	}
	for (i = 0; i < rec->nfield; i++) {
		const struct colmap_col *c = &ps->col[i];
		int lost = sv->header_written &&
		    ((c->kind == COL_ITEM && !sv->item_out[c->target]) ||
		    (c->kind == COL_META && c->target >= sv->nmeta_out));
		if (sv->verbose && !ps->prescan)
			plg_warn_at(ps->file, rec->line, "column %zu '%.50s': %s "
			    "(%s)", i + 1, rec->field[i], c->kind == COL_ITEM ?
			    sv->ins->item[c->target].code :
			    colmap_kind_name(c->kind), c->why);
		if (lost) {
			plg_warn_at(ps->file, rec->line, "column %zu '%.50s' is "
			    "not in the output, which an earlier input fixed; "
			    "its values are dropped (give this file first, or "
			    "as a file rather than on stdin)", i + 1,
			    rec->field[i]);
			/* never in the prescan, which is before the header */
			ps->col[i].kind = COL_IGNORED;
			sv->n.cols_dropped++;
			continue;	/* dropped, not also ignored */
		}
		if (c->kind == COL_ITEM)
			sv->item_out[c->target] = 1;
		if (ps->prescan)
			continue;
		switch (c->kind) {
		case COL_PERSONAL: sv->n.cols_personal++; break;
		case COL_IGNORED: sv->n.cols_ignored++; break;
		case COL_PLATFORM_ID: sv->n.cols_id++; break;
		case COL_META: sv->n.cols_meta++; break;
		case COL_ITEM: break;
		}
	}
	ps->header_done = 1;
	return ps->prescan ? 1 : 0;
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
}

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
write_row(struct survey *sv)
{
	char id[64];
	size_t i;

	snprintf(id, sizeof(id), "%s%04lu", sv->id_prefix, sv->next_id++);
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
	}
}

static int
on_record(void *ctx, const struct csvio_record *rec)
{
	struct pass *ps = ctx;
	struct survey *sv = ps->sv;
	size_t i, n;
	int answered = 0;

	if (!ps->header_done) {
		if (blank_record(rec))
			return 0;
		if (on_header(ps, rec) != 0)
			return -1;
		write_header(sv);
		return 0;
	}
	if (blank_record(rec)) {
		sv->n.blank_rows++;
		return 0;
	}
	sv->n.read++;
	check_width(ps, rec);
	/* meta_val has the slots of the header; later files may add names */
	for (i = 0; i < sv->nmeta_out; i++)
		sv->meta_val[i] = "";
	for (i = 0; i < sv->ins->nitem; i++)
		sv->item_val[i] = NAN;
	n = rec->nfield < ps->ncol ? rec->nfield : ps->ncol;
	for (i = 0; i < n; i++) {
		const struct colmap_col *c = &ps->col[i];
		enum recode_status st;
		double v;

		if (c->kind == COL_META) {
			sv->meta_val[c->target] = rec->field[i];
			continue;
		}
		if (c->kind != COL_ITEM)
			continue;
		st = recoder_run(&sv->rc, rec->field[i], rec->len[i], &v);
		switch (st) {
		case RECODE_VALUE:
			sv->item_val[c->target] = v;
			sv->n.values++;
			answered = 1;
			break;
		case RECODE_EMPTY: sv->n.empty++; break;
		case RECODE_DONTKNOW: sv->n.dontknow++; break;
		default: reject(ps, rec, i, st); break;
		}
	}
	for (i = 0; i < sv->ncst; i++)
		sv->meta_val[sv->cst[i].meta] = sv->cst[i].value;
	if (sv->file_column != NULL)
		sv->meta_val[sv->file_meta] = (char *)ps->file;
	if (sv->role_group_meta != (size_t)-1)
		sv->meta_val[sv->role_group_meta] =
		    (char *)role_group(sv->meta_val[sv->role_meta]);
	if (!answered) {
		sv->n.no_answers++;
		if (sv->verbose)
			plg_warn_at(ps->file, rec->line, "no answers; "
			    "respondent excluded");
		return 0;
	}
	sv->n.kept++;
	write_row(sv);
	return 0;
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
	if (csvio_open(&r, path) != 0) {
		if (!prescan)
			plg_warnx("%s", r.errmsg);
		csvio_close(&r);
		return PLG_EXIT_TROUBLE;
	}
	ps.file = r.name;
	r.delim = sv->delim;
	r.enc = sv->enc;
	rc = csvio_read(&r, on_record, &ps);
	if (prescan) {
		free_pass(&ps);
		csvio_close(&r);
		return PLG_EXIT_OK;
	}
	if (rc == CSVIO_EDATA || rc == CSVIO_ESYS) {
		plg_warn_at(r.name, r.errline, "%s", r.errmsg);
		status = rc == CSVIO_ESYS ? PLG_EXIT_TROUBLE : PLG_EXIT_DATA;
	} else if (ps.nerr > 0) {
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

void
survey_finish(struct survey *sv)
{
	write_header(sv);
}

static void
list_encodings(const struct survey *sv, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(sv->enc_used) / sizeof(sv->enc_used[0]); i++) {
		if (sv->enc_used[i] == 0)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    len ? ", " : "", encoding_name((enum encoding)i));
		if (len >= size)
			break;
	}
}

void
survey_summary(const struct survey *sv)
{
	const struct survey_counts *n = &sv->n;
	char enc[128];

	list_encodings(sv, enc, sizeof(enc));
	plg_warnx("%lu respondent%s read from %lu file%s (%s): %lu kept, "
	    "%lu excluded (%lu without any answer); %zu of %zu items mapped; "
	    "columns: %lu metadata kept, %lu personal data dropped, %lu "
	    "platform id replaced, %lu ignored; answers: %lu recoded, %lu "
	    "empty, %lu don't know, %lu rejected",
	    n->read, n->read == 1 ? "" : "s", n->files, n->files == 1 ? "" :
	    "s", *enc ? enc : "no input", n->kept, n->no_answers,
	    n->no_answers, n->items_mapped, sv->ins->nitem, n->cols_meta,
	    n->cols_personal, n->cols_id, n->cols_ignored, n->values,
	    n->empty, n->dontknow, n->rejected);
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
	colmap_release(&sv->cm);
	recoder_release(&sv->rc);
	free(sv->item_out);
	free(sv->item_val);
	free(sv->meta_order);
	free(sv->meta_val);
	memset(sv, 0, sizeof(*sv));
}
