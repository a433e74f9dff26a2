/* csvio.c -- CSV records over libcsv, with encoding, delimiter and line
 * tracking; a minimal-quoting writer.
 * The reader's per-field work is on the hot path of every tool (libcsv
 * itself costs about 120 instructions a field): field_cb() copies short
 * fields byte by byte while it looks for line breaks, grows its buffers
 * only in a separate slow path, and text that is plain ASCII goes to libcsv
 * without the UTF-8 check and copy (it is valid UTF-8 as it is). */
#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "xalloc.h"

#define CHUNK	65536

/* Keep the rare paths out of field_cb(), so that it stays a leaf. */
#ifdef __GNUC__
#define COLD __attribute__((noinline, cold))
#define NOINLINE __attribute__((noinline))
#else
#define COLD
#define NOINLINE
#endif

int
csvio_open(struct csvio_reader *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->max_record = CSVIO_MAX_RECORD_DEFAULT;
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->name = xstrdup("<stdin>");
		return 0;
	}
	r->name = xstrdup(path);
	r->fp = fopen(path, "rb");
	if (r->fp == NULL) {
		snprintf(r->errmsg, sizeof(r->errmsg), "cannot open '%s': %s",
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

void
csvio_close(struct csvio_reader *r)
{
	if (r == NULL)
		return;
	if (r->fp != NULL && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
	free(r->name);
	free(r->buf);
	free(r->off);
	free(r->flen);
	free(r->ptr);
	free(r->rend);
	free(r->rline);
	free(r->aux);
	r->aux = NULL;
	r->name = r->buf = NULL;
	r->off = NULL;
	r->flen = NULL;
	r->ptr = NULL;
	r->rend = NULL;
	r->rline = NULL;
}

int
csvio_guess_delim(const char *s, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int inq = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (s[i] == '\n' || s[i] == '\r')
			break;
		else if (s[i] == ',')
			comma++;
		else if (s[i] == ';')
			semi++;
		else if (s[i] == '\t')
			tab++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

static void
count_lines_in(struct csvio_reader *r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			r->line++;
}

/* Records are parsed into batches of about BATCH_BYTES or BATCH_RECORDS
 * records, whichever comes first, and handed on a batch at a time: to the
 * callback directly, or through a queue of at most PIPE_DEPTH batches to
 * the caller's thread while this one parses on.  A batch is what one
 * wake-up of the other thread buys: with 16 KiB, a raw export's 27 rows, a
 * faster consumer slept and was woken 15,000 times a million rows, at a
 * second of system time on a virtual machine; 128 records of the responses
 * file keep a batch's field offsets (which plg-score's 16 MB must hold
 * four of) near their 16 KiB size. */
#define BATCH_BYTES	65536
#define BATCH_RECORDS	128
#define PIPE_DEPTH	4	/* the reader waits when this many are queued */

struct batch {
	char *buf;
	size_t buflen, bufalloc;
	uint32_t *off;
	size_t *flen;
	size_t nf, falloc;
	size_t *rend;
	unsigned long *rline;
	size_t nrec, ralloc;
	unsigned char *aux;
	size_t auxstride, auxalloc;
	struct batch *next;
};

struct csvio_pipe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct batch *full, **full_tail; /* parsed, waiting, in order */
	size_t nfull;
	struct batch *free;	/* delivered, to be filled again */
	int reader_waits, consumer_waits; /* so that a wake-up is needed */
	int cancel;		/* the callback stopped: parse no more */
	int done;		/* the reader thread has finished */
	int rc;			/* and returned this */
	const unsigned char *mem;
	size_t memlen;
};

int csvio_thread_mode = -1;

/* Where field_cb()'s short path stops: the end of the buffer, or of the
 * room the record being assembled may still take (checked only then). */
static void
set_fastlim(struct csvio_reader *r)
{
	size_t lim = r->recstart + r->max_record;

	r->fastlim = r->bufalloc < lim ? r->bufalloc : lim;
}

/* Make room for another field of len bytes; -1 (and stop) when the
 * record would exceed max_record.  The buffer never grows beyond the
 * record's start plus max_record, so field_cb() need not check again. */
static COLD int
field_room(struct csvio_reader *r, size_t len)
{
	size_t need = r->buflen + len + 1, n, cap;

	if (need - r->recstart > r->max_record) {
		snprintf(r->errmsg, sizeof(r->errmsg),
		    "record larger than %zu MiB", r->max_record >> 20);
		r->errline = r->recline;
		r->stop = CSVIO_EDATA;
		return -1;
	}
	if (r->nf + 1 > r->falloc) {
		n = r->falloc;
		XGROW(r->off, n, r->nf + 1);
		r->flen = xreallocarray(r->flen, n, sizeof(*r->flen));
		r->falloc = n;
	}
	if (need > r->bufalloc) {
		cap = r->recstart + r->max_record;
		n = r->bufalloc < 4096 ? 4096 : r->bufalloc;
		while (n < need)
			n *= 2;
		if (n > cap)
			n = cap;
		r->buf = xreallocarray(r->buf, n, 1);
		r->bufalloc = n;
	}
	set_fastlim(r);
	return 0;
}

/* The rare part of field_cb(): a field that may hold a line break or a
 * NUL byte (any byte <= '\r' was seen). */
static COLD void
field_breaks(struct csvio_reader *r, const char *s, size_t len)
{
	if (memchr(s, '\0', len) != NULL) {
		/* a NUL would cut the value short where it is read as a
		 * string: never let it pass */
		snprintf(r->errmsg, sizeof(r->errmsg), "NUL byte in field %zu "
		    "(a binary file, or UTF-16 read as another encoding?)",
		    r->nf - r->recfield);
		r->errline = r->recline;
		r->stop = CSVIO_EDATA;
		return;
	}
	count_lines_in(r, s, len);
}

/* Copy a field; non-zero when it holds a byte that may be a line break or
 * a NUL (one below 14: found eight at a time, as in "Bit Twiddling Hacks",
 * "determine if a word has a byte less than n"). */
static int
field_copy(unsigned char *d, const unsigned char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w, acc = 0;
	size_t i;

	memcpy(d, s, len);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= (w - ones * 14) & ~w;
	}
	acc &= ones * 0x80;
	for (; i < len; i++)
		acc |= s[i] <= '\r';
	return acc != 0;
}

/* Any field: copy it into the batch, growing the buffers as needed (out
 * of field_cb(), whose short path is kept lean). */
static NOINLINE void
field_any(struct csvio_reader *r, const unsigned char *s, size_t len)
{
	unsigned char *d;

	if (r->stop)
		return;
	if (r->nf == r->recfield)
		r->recline = r->line;
	r->last_cr = 0;
	if ((r->buflen + len + 1 > r->bufalloc || r->nf + 1 > r->falloc ||
	    r->buflen + len + 1 - r->recstart > r->max_record) &&
	    field_room(r, len) != 0)
		return;
	d = (unsigned char *)r->buf + r->buflen;
	r->off[r->nf] = (uint32_t)r->buflen;
	r->flen[r->nf] = len;
	r->nf++;
	r->buflen += len + 1;
	if (field_copy(d, s, len))
		field_breaks(r, (const char *)s, len);
	d[len] = '\0';
}

/* Every field of every file passes here, so the usual ones (empty, or
 * one byte that is not a line break or NUL, with room in the buffers)
 * take a short path without calls; anything else goes to field_any(). */
static void
field_cb(void *data, size_t len, void *ctx)
{
	struct csvio_reader *r = ctx;
	const unsigned char *s = data;
	size_t nf = r->nf, at = r->buflen;
	unsigned char *d;

	if (len > 1 || (len == 1 && s[0] <= '\r') || r->stop ||
	    at + 2 > r->fastlim || nf + 1 > r->falloc) {
		field_any(r, s, len);
		return;
	}
	if (nf == r->recfield)
		r->recline = r->line;
	r->last_cr = 0;
	r->off[nf] = (uint32_t)at;
	r->flen[nf] = len;
	r->nf = nf + 1;
	r->buflen = at + 1 + len;
	d = (unsigned char *)r->buf + at;
	d[0] = len > 0 ? s[0] : '\0';
	d[1] = '\0';
}

/* Hand the records of a batch to the callback, in the caller's thread;
 * returns the callback's non-zero value, or 0. */
static int
deliver(struct csvio_reader *r, const char *buf, const uint32_t *off,
    size_t *flen, const size_t *rend, const unsigned long *rline,
    size_t nrec, const unsigned char *aux, size_t stride)
{
	struct csvio_record rec;
	size_t i, k, f = 0, nf;
	int rc;

	for (k = 0; k < nrec; k++) {
		nf = rend[k] - f;
		if (nf > r->palloc)
			XGROW(r->ptr, r->palloc, nf);
		for (i = 0; i < nf; i++)
			r->ptr[i] = (char *)buf + off[f + i];
		rec.field = r->ptr;
		rec.len = flen + f;	/* the batch's own */
		f = rend[k];
		rec.nfield = nf;
		rec.line = rline[k];
		rec.aux = stride > 0 && aux[k * stride] ? aux + k * stride + 1 :
		    NULL;
		rec.next_aux = stride > 0 && k + 1 < nrec &&
		    aux[(k + 1) * stride] ? aux + (k + 1) * stride + 1 : NULL;
		r->nrecords++;
		if ((rc = r->fn(r->ctx, &rec)) != 0)
			return rc;
	}
	return 0;
}

/* The reader's batch swapped with b's buffers. */
static void
swap_batch(struct csvio_reader *r, struct batch *b)
{
	struct batch t = *b;

	b->buf = r->buf, b->buflen = r->buflen, b->bufalloc = r->bufalloc;
	b->off = r->off, b->flen = r->flen;
	b->nf = r->nf, b->falloc = r->falloc;
	b->rend = r->rend, b->rline = r->rline;
	b->nrec = r->nrec, b->ralloc = r->ralloc;
	b->aux = r->aux, b->auxstride = r->auxstride, b->auxalloc = r->auxalloc;
	r->aux = t.aux, r->auxstride = t.auxstride, r->auxalloc = t.auxalloc;
	r->buf = t.buf, r->buflen = t.buflen, r->bufalloc = t.bufalloc;
	r->off = t.off, r->flen = t.flen;
	r->nf = t.nf, r->falloc = t.falloc;
	r->rend = t.rend, r->rline = t.rline;
	r->nrec = t.nrec, r->ralloc = t.ralloc;
}

static void
batch_free(struct batch *b)
{
	free(b->buf);
	free(b->off);
	free(b->flen);
	free(b->rend);
	free(b->rline);
	free(b->aux);
	free(b);
}

/* A new batch runs the prepare function armed last (under the pipe's lock
 * when threaded). */
static void
take_arming(struct csvio_reader *r)
{
	r->prep = r->arm_fn;
	r->prepctx = r->arm_ctx;
	r->auxstride = r->arm_fn != NULL ? (1 + r->arm_size + 7) & ~(size_t)7 :
	    0;
}

void
csvio_prepare(struct csvio_reader *r, csvio_prepare_fn fn, void *pctx,
    size_t aux_size)
{
	if (r->pipe != NULL)
		pthread_mutex_lock(&r->pipe->lock);
	r->arm_fn = fn;
	r->arm_ctx = pctx;
	r->arm_size = aux_size;
	if (r->pipe != NULL)
		pthread_mutex_unlock(&r->pipe->lock);
}

/* Run the prepare function on the record just completed (k). */
static void
prepare(struct csvio_reader *r, size_t k)
{
	struct csvio_fields rec;
	size_t f = k > 0 ? r->rend[k - 1] : 0;
	unsigned char *a;

	if ((k + 1) * r->auxstride > r->auxalloc) {
		size_t n = r->auxalloc;
		XGROW(r->aux, n, (k + 1) * r->auxstride);
		r->auxalloc = n;
	}
	a = r->aux + k * r->auxstride;
	rec.buf = r->buf;
	rec.off = r->off + f;
	rec.len = r->flen + f;
	rec.nfield = r->rend[k] - f;
	rec.line = r->rline[k];
	memset(a, 0, r->auxstride);
	a[0] = 1;
	r->prep(r->prepctx, &rec, a + 1);
}

/* The complete records parsed so far go on: to the callback, or into the
 * queue (waiting while it is full).  The reader starts an empty batch. */
static void
hand_over(struct csvio_reader *r)
{
	struct csvio_pipe *pp = r->pipe;
	struct batch *b;
	int rc;

	if (r->nrec == 0)
		return;
	if (pp == NULL) {
		rc = deliver(r, r->buf, r->off, r->flen, r->rend, r->rline,
		    r->nrec, r->aux, r->auxstride);
		if (rc != 0)
			r->fn_rc = r->stop = rc;
	} else {
		pthread_mutex_lock(&pp->lock);
		while (pp->nfull >= PIPE_DEPTH && !pp->cancel) {
			pp->reader_waits = 1;
			pthread_cond_wait(&pp->cond, &pp->lock);
			pp->reader_waits = 0;
		}
		if (pp->cancel) {
			r->stop = -1;	/* the callback's value is returned */
			pthread_mutex_unlock(&pp->lock);
			return;
		}
		if ((b = pp->free) != NULL)
			pp->free = b->next;
		pthread_mutex_unlock(&pp->lock);
		if (b == NULL)
			b = xcalloc(1, sizeof(*b));
		swap_batch(r, b);
		b->next = NULL;
		pthread_mutex_lock(&pp->lock);
		*pp->full_tail = b;
		pp->full_tail = &b->next;
		pp->nfull++;
		take_arming(r);
		/* wake the consumer once a few batches wait, not for each */
		if (pp->consumer_waits && pp->nfull >= PIPE_DEPTH / 2)
			pthread_cond_signal(&pp->cond);
		pthread_mutex_unlock(&pp->lock);
	}
	/* called between records: the new batch starts empty */
	r->nf = r->nrec = r->recfield = 0;
	r->buflen = r->recstart = 0;
	set_fastlim(r);
	if (pp == NULL)
		take_arming(r);
}

static void
record_cb(int c, void *ctx)
{
	struct csvio_reader *r = ctx;

	if (c == '\r') {
		r->line++;
		r->last_cr = 1;
	} else if (c == '\n') {
		if (!r->last_cr)
			r->line++;
		r->last_cr = 0;
	}
	if (r->stop || r->nf == r->recfield)
		return;
	if (r->nrec + 1 > r->ralloc) {
		size_t n = r->ralloc;
		XGROW(r->rend, n, r->nrec + 1);
		r->rline = xreallocarray(r->rline, n, sizeof(*r->rline));
		r->ralloc = n;
	}
	r->rend[r->nrec] = r->nf;
	r->rline[r->nrec] = r->recline;
	if (r->prep != NULL)
		prepare(r, r->nrec);
	r->nrec++;
	r->recfield = r->nf;
	r->recstart = r->buflen;
	set_fastlim(r);
	if (r->buflen >= BATCH_BYTES || r->nrec >= BATCH_RECORDS)
		hand_over(r);
}

/* Feed UTF-8 text to libcsv; returns non-zero to stop. */
static int
feed(struct csvio_reader *r, const char *s, size_t n)
{
	if (csv_parse(&r->p, s, n, field_cb, record_cb, r) != n && !r->stop) {
		snprintf(r->errmsg, sizeof(r->errmsg), "malformed CSV: %s",
		    csv_strerror(csv_error(&r->p)));
		r->errline = r->nf > r->recfield ? r->recline : r->line;
		r->stop = CSVIO_EDATA;
	}
	if (!r->stop && csv_get_buffer_size(&r->p) > r->max_record) {
		snprintf(r->errmsg, sizeof(r->errmsg),
		    "field larger than %zu MiB (runaway quote?)",
		    r->max_record >> 20);
		r->errline = r->nf > r->recfield ? r->recline : r->line;
		r->stop = CSVIO_EDATA;
	}
	return r->stop;
}

/* First text of the file: skip an Excel "sep=X" line, pick the delimiter. */
static size_t
start(struct csvio_reader *r, const char *s, size_t n)
{
	size_t skip = 0;

	if (n >= 5 && strncmp(s, "sep=", 4) == 0 &&
	    (n == 5 || s[5] == '\n' || s[5] == '\r')) {
		if (r->delim == 0)
			r->delim = (unsigned char)s[4];
		skip = 5;
		if (skip < n && s[skip] == '\r')
			skip++;
		if (skip < n && s[skip] == '\n')
			skip++;
		r->line++;
		r->sep_line = 1;
	}
	if (r->delim == 0)
		r->delim = csvio_guess_delim(s + skip, n - skip);
	csv_set_delim(&r->p, (unsigned char)r->delim);
	return skip;
}

/* Whether s[0..n) is all ASCII, 8 bytes at a time. */
static int
all_ascii(const unsigned char *s, size_t n)
{
	uint64_t w, or = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		or |= w;
	}
	for (; i < n; i++)
		or |= s[i];
	return (or & 0x8080808080808080ULL) == 0;
}

static int
run(struct csvio_reader *r, const unsigned char *data, size_t len, int final,
    struct encconv *conv, char **text, size_t *textlen, size_t *textalloc,
    int *started)
{
	const char *t;
	size_t skip = 0, tlen;

	if (conv->cd == NULL && conv->ncarry == 0 && len > 0 &&
	    all_ascii(data, len)) {
		t = (const char *)data;	/* UTF-8 already, and valid */
		tlen = len;
	} else {
		*textlen = 0;
		encconv_run(conv, data, len, text, textlen, textalloc, final);
		if (*text == NULL)  /* empty input: s + 0 must not be NULL + 0 */
			xgrow((void **)text, textalloc, 1, 1);
		t = *text;
		tlen = *textlen;
	}
	if (!*started && (tlen > 0 || final)) {
		skip = start(r, t, tlen);
		*started = 1;
	}
	return feed(r, t + skip, tlen - skip);
}

/* What a file is when its first bytes say it is no text at all: the files
 * people save by mistake instead of a CSV export.  NULL if it may be CSV. */
static const char *
not_csv(const unsigned char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} kinds[] = {
		{ "%PDF-", 5, "a PDF document" },
		{ "PK\3\4", 4, "a ZIP archive (an .xlsx or .ods workbook?): "
		    "open it in the spreadsheet and save it as CSV" },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an old Excel .xls "
		    "workbook: open it and save it as CSV" },
		{ "\x1f\x8b", 2, "a gzip-compressed file: unpack it first" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (n >= kinds[i].len &&
		    memcmp(p, kinds[i].magic, kinds[i].len) == 0)
			return kinds[i].what;
	return NULL;
}

static int
read_stream(struct csvio_reader *r, const unsigned char *mem, size_t memlen)
{
	unsigned char *chunk = NULL;
	char *text = NULL;
	size_t textlen = 0, textalloc = 0, n, bom = 0, pos = 0;
	struct encconv conv;
	int started = 0, first = 1, rc = 0;
	const char *what;

	if (mem == NULL)
		chunk = xmalloc(CHUNK);
	memset(&conv, 0, sizeof(conv));
	for (;;) {
		const unsigned char *p;

		if (mem != NULL) {
			n = memlen - pos < CHUNK ? memlen - pos : CHUNK;
			p = mem + pos;
			pos += n;
		} else {
			n = fread(chunk, 1, CHUNK, r->fp);
			p = chunk;
			if (n == 0 && ferror(r->fp)) {
				snprintf(r->errmsg, sizeof(r->errmsg),
				    "read error: %s", strerror(errno));
				rc = CSVIO_ESYS;
				break;
			}
		}
		if (first && (what = not_csv(p, n)) != NULL) {
			snprintf(r->errmsg, sizeof(r->errmsg), "not a CSV file: "
			    "this is %s", what);
			r->errline = 0;
			rc = CSVIO_EDATA;
			break;
		}
		if (first) {
			enum encoding e = encoding_sniff(p, n, &bom);
			if (r->enc == ENC_UNKNOWN)
				r->enc = e;
			else if (r->enc != e &&		/* forced: utf-8 */
			    !(r->enc == ENC_UTF8 && e == ENC_UTF8_BOM))
				bom = 0;	/* still drops its BOM */
			if (encconv_open(&conv, r->enc) != 0) {
				snprintf(r->errmsg, sizeof(r->errmsg),
				    "cannot convert from %s", encoding_name(r->enc));
				rc = CSVIO_ESYS;
				break;
			}
			p += bom;
			n -= bom;
			first = 0;
		}
		if (n == 0)
			break;
		if ((rc = run(r, p, n, 0, &conv, &text, &textlen, &textalloc,
		    &started)) != 0)
			break;
	}
	if (rc == 0 && !first)
		rc = run(r, NULL, 0, 1, &conv, &text, &textlen, &textalloc,
		    &started);
	if (rc == 0 && !first) {
		if (csv_fini(&r->p, field_cb, record_cb, r) != 0 && !r->stop) {
			snprintf(r->errmsg, sizeof(r->errmsg),
			    "unterminated quoted field at end of file");
			r->errline = r->nf > r->recfield ? r->recline : r->line;
			r->stop = CSVIO_EDATA;
		}
		rc = r->stop;
	}
	if (r->fn_rc == 0 && r->stop != -1)
		hand_over(r);	/* the complete records before any error */
	r->nbad_bytes = conv.nbad;
	r->nlines = r->line;
	encconv_close(&conv);
	free(chunk);
	free(text);
	return rc;
}

/* libcsv grows its field buffer by a fixed block (128 bytes), so a long
 * field costs quadratic copying wherever realloc cannot grow in place (it
 * took minutes for 10 MB under AddressSanitizer).  These keep the capacity
 * in a header before the buffer and double it: libcsv still asks block by
 * block, but nearly every ask is answered without copying. */
static void *
csv_grow(void *p, size_t n)
{
	size_t *h = p != NULL ? (size_t *)p - 2 : NULL, cap;

	if (h != NULL && h[0] >= n)
		return p;
	cap = h != NULL ? h[0] * 2 : 4096;
	while (cap < n)
		cap *= 2;
	if ((h = realloc(h, cap + 2 * sizeof(size_t))) == NULL)
		return NULL;
	h[0] = cap;
	return h + 2;
}

static void
csv_release(void *p)
{
	if (p != NULL)
		free((size_t *)p - 2);
}

static void *
reader_main(void *arg)
{
	struct csvio_reader *r = arg;
	struct csvio_pipe *pp = r->pipe;
	int rc = read_stream(r, pp->mem, pp->memlen);

	pthread_mutex_lock(&pp->lock);
	pp->done = 1;
	pp->rc = rc;
	pthread_cond_broadcast(&pp->cond);
	pthread_mutex_unlock(&pp->lock);
	return NULL;
}

/* Parse in a second thread and deliver its batches here, in order: 0 with
 * the result in *rc, or -1 when no thread could be started (nothing read). */
static int
read_threaded(struct csvio_reader *r, const unsigned char *mem, size_t memlen,
    int *rc)
{
	struct csvio_pipe pp;
	struct batch *b;
	pthread_t tid;
	int fn_rc = 0;

	memset(&pp, 0, sizeof(pp));
	pp.full_tail = &pp.full;
	pp.mem = mem;
	pp.memlen = memlen;
	if (pthread_mutex_init(&pp.lock, NULL) != 0)
		return -1;
	if (pthread_cond_init(&pp.cond, NULL) != 0) {
		pthread_mutex_destroy(&pp.lock);
		return -1;
	}
	r->pipe = &pp;
	if (pthread_create(&tid, NULL, reader_main, r) != 0) {
		r->pipe = NULL;
		pthread_cond_destroy(&pp.cond);
		pthread_mutex_destroy(&pp.lock);
		return -1;
	}
	pthread_mutex_lock(&pp.lock);
	for (;;) {
		while (pp.full == NULL && !pp.done) {
			pp.consumer_waits = 1;
			pthread_cond_wait(&pp.cond, &pp.lock);
			pp.consumer_waits = 0;
		}
		if ((b = pp.full) == NULL)
			break;		/* done, and every batch delivered */
		if ((pp.full = b->next) == NULL)
			pp.full_tail = &pp.full;
		pp.nfull--;
		pthread_mutex_unlock(&pp.lock);
		if (fn_rc == 0)
			fn_rc = deliver(r, b->buf, b->off, b->flen, b->rend,
			    b->rline, b->nrec, b->aux, b->auxstride);
		if (b->bufalloc > 4 * BATCH_BYTES) {	/* after a huge record */
			free(b->buf);
			b->buf = NULL;
			b->bufalloc = 0;
		}
		b->buflen = b->nf = b->nrec = 0;
		pthread_mutex_lock(&pp.lock);
		b->next = pp.free;
		pp.free = b;
		if (fn_rc != 0)
			pp.cancel = 1;
		/* wake the reader once the queue is half empty */
		if (pp.reader_waits && (pp.cancel || pp.nfull <= PIPE_DEPTH / 2))
			pthread_cond_signal(&pp.cond);
	}
	pthread_mutex_unlock(&pp.lock);
	pthread_join(tid, NULL);
	while ((b = pp.free) != NULL) {
		pp.free = b->next;
		batch_free(b);
	}
	pthread_cond_destroy(&pp.cond);
	pthread_mutex_destroy(&pp.lock);
	r->pipe = NULL;
	*rc = fn_rc != 0 ? fn_rc : pp.rc;
	return 0;
}

static int
use_thread(void)
{
	const char *e;

	if (csvio_thread_mode >= 0)
		return csvio_thread_mode;
	if ((e = getenv("PLG_THREADS")) != NULL && strcmp(e, "1") == 0)
		return 0;
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

static int
read_common(struct csvio_reader *r, csvio_record_fn fn, void *ctx,
    const char *mem, size_t memlen)
{
	int rc = 0;

	/* CSV_STRICT_FINI only works together with CSV_STRICT. */
	if (csv_init(&r->p, CSV_STRICT | CSV_REPALL_NL | CSV_APPEND_NULL |
	    CSV_STRICT_FINI) != 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "out of memory");
		return CSVIO_ESYS;
	}
	csv_set_realloc_func(&r->p, csv_grow);
	csv_set_free_func(&r->p, csv_release);
	if (r->max_record > UINT32_MAX / 2)	/* offsets are 32-bit */
		r->max_record = UINT32_MAX / 2;
	r->fn = fn;
	r->ctx = ctx;
	r->line = 1;
	r->nrecords = 0;
	r->fn_rc = 0;
	r->arm_fn = r->prep = NULL;
	r->auxstride = 0;
	if (!use_thread() ||
	    read_threaded(r, (const unsigned char *)mem, memlen, &rc) != 0) {
		rc = read_stream(r, (const unsigned char *)mem, memlen);
		if (r->fn_rc != 0)
			rc = r->fn_rc;
	}
	csv_free(&r->p);
	return rc;
}

int
csvio_read(struct csvio_reader *r, csvio_record_fn fn, void *ctx)
{
	return read_common(r, fn, ctx, NULL, 0);
}

int
csvio_read_buffer(struct csvio_reader *r, const char *name, const char *data,
    size_t len, csvio_record_fn fn, void *ctx)
{
	/* r is zeroed by the caller, who may have set delim or enc */
	if (r->name == NULL)
		r->name = xstrdup(name);
	if (r->max_record == 0)
		r->max_record = CSVIO_MAX_RECORD_DEFAULT;
	return read_common(r, fn, ctx, data != NULL ? data : "", len);
}

/* ---- writing ---- */

void
csvio_writer_init(struct csvio_writer *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->delim = ',';
}

/* Write n bytes; a short run byte by byte, which costs less than a call
 * to fwrite().  Unlocked: a writer belongs to one thread (the reader's
 * second thread never writes), and stdio's lock per byte would otherwise
 * cost more than the byte. */
static void
put_bytes(FILE *fp, const char *s, size_t n)
{
	if (n > 8) {
		fwrite(s, 1, n, fp);
		return;
	}
	while (n-- > 0)
		putc_unlocked(*s++, fp);
}

static void
sep(struct csvio_writer *w)
{
	if (w->col++ > 0)
		putc_unlocked(w->delim, w->fp);
}

void
csvio_putn(struct csvio_writer *w, const char *s, size_t len)
{
	size_t i;
	int quote = 0, guard = 0;

	sep(w);
	if (w->defang && len > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		guard = 1;
	for (i = 0; i < len; i++)
		if (s[i] == w->delim || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r') {
			quote = 1;
			break;
		}
	if (guard) {
		/* OWASP: a leading apostrophe makes the cell plain text. */
		char *t = xmalloc(len + 2);
		t[0] = '\'';
		memcpy(t + 1, s, len);
		t[len + 1] = '\0';
		csv_fwrite(w->fp, t, len + 1);
		free(t);
	} else if (quote)
		csv_fwrite(w->fp, s, len);
	else if (len > 0)	/* s may be NULL */
		put_bytes(w->fp, s, len);
}

void
csvio_put(struct csvio_writer *w, const char *s)
{
	csvio_putn(w, s, s != NULL ? strlen(s) : 0);
}

/* Decimal digits of v into buf (at least 21 bytes); returns buf. */
static char *
format_ulong(char *buf, unsigned long long v, int neg)
{
	char tmp[24], *p = tmp + sizeof(tmp), *b = buf;

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		*b++ = '-';
	memcpy(b, p, (size_t)(tmp + sizeof(tmp) - p));
	return buf;
}

/* 10^n for n = 0..22, all exact in a double. */
static const double pow10_exact[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22 };

/*
 * "%.*g" of a finite x != 0 for prec 1..15 without printf, when that is
 * safe; returns 0, or -1 to leave it to snprintf().  The prec digits are
 * D = round(|x| * 10^(prec-1-e)), e the decimal exponent.  The scaling
 * multiplies or divides by an exact power of ten, so y is within half an
 * ulp of the true product; y < 10^15 < 2^50 keeps an ulp at most 1/8.
 * Unless y lies within 4 ulps of a rounding boundary (.5), D is therefore
 * the correctly rounded digits printf would give -- printf rounds the
 * exact binary value -- and near a boundary we leave it to printf.  Then
 * the digits are laid out as %g does: exponent form when e < -4 or
 * e >= prec, trailing zeros trimmed.
 */
static int
format_g(char *buf, double x, int prec)
{
	double a = fabs(x), y, f, lo, ulp;
	unsigned long long d, top;
	char dig[24], *p = buf;
	int e, k, nd, i, point;

	e = (int)floor(log10(a));
	for (i = 0; i < 2; i++) {	/* log10 may be one off */
		k = prec - 1 - e;
		if (k > 22 || k < -22)
			return -1;
		y = k >= 0 ? a * pow10_exact[k] : a / pow10_exact[-k];
		lo = pow10_exact[prec - 1];
		if (y < lo - 0.5)
			e--;
		else if (y >= lo * 10)
			e++;
		else
			break;
	}
	if (i == 2)
		return -1;
	f = y - floor(y);
	ulp = ldexp(1.0, ilogb(y) - 52);
	if (fabs(f - 0.5) <= 4 * ulp)
		return -1;
	d = (unsigned long long)floor(y) + (f > 0.5);
	top = (unsigned long long)pow10_exact[prec];
	if (d >= top) {		/* 9.9999995 -> 10.0000 */
		d /= 10;
		e++;
	}
	if (d < top / 10)
		return -1;
	/* the digits, most significant first, trailing zeros dropped */
	for (nd = prec; nd > 0; nd--, d /= 10)
		dig[nd - 1] = (char)('0' + d % 10);
	for (nd = prec; nd > 1 && dig[nd - 1] == '0'; nd--)
		;
	if (x < 0)
		*p++ = '-';
	if (e < -4 || e >= prec) {
		*p++ = dig[0];
		if (nd > 1) {
			*p++ = '.';
			memcpy(p, dig + 1, (size_t)(nd - 1));
			p += nd - 1;
		}
		p += sprintf(p, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
		return 0;
	}
	if (e < 0) {		/* 0.000ddd */
		*p++ = '0';
		*p++ = '.';
		for (i = -1; i > e; i--)
			*p++ = '0';
		memcpy(p, dig, (size_t)nd);
		p += nd;
	} else {		/* ddd.ddd */
		point = e + 1;
		for (i = 0; i < nd || i < point; i++) {
			if (i == point)
				*p++ = '.';
			*p++ = i < nd ? dig[i] : '0';
		}
	}
	*p = '\0';
	return 0;
}

char *
csvio_format_num(char *buf, size_t size, double x, int prec)
{
	if (!isfinite(x)) {	/* NAN and +-inf: no value */
		buf[0] = '\0';
		return buf;
	}
	/* A whole number below 10^prec prints as its digits under "%.*g",
	 * and whole numbers are most of what the tools write. */
	if (size >= 24 && prec >= 1 && fabs(x) < pow10_exact[prec < 15 ?
	    prec : 15] && x == (double)(long long)x)
		return format_ulong(buf, (unsigned long long)fabs(x), x < 0);
	if (x == 0)
		x = 0;	/* no "-0" */
	if (size >= 32 && prec >= 1 && prec <= 15 && format_g(buf, x, prec) == 0)
		return buf;
	snprintf(buf, size, "%.*g", prec, x);
	/* %g trims zeros; make sure no "-0" survived rounding. */
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

void
csvio_put_num(struct csvio_writer *w, double x, int prec)
{
	char buf[64];

	if (x >= 0 && x < 10 && x == (double)(int)x && prec >= 1) {
		buf[0] = (char)('0' + (int)x);	/* an answer: one digit */
		sep(w);
		put_bytes(w->fp, buf, 1);
		return;
	}

	csvio_format_num(buf, sizeof(buf), x, prec);
	if (w->decimal_comma) {
		char *p = strchr(buf, '.');
		if (p != NULL)
			*p = ',';
	}
	sep(w);
	if (w->decimal_comma && w->delim == ',' && strchr(buf, ','))
		csv_fwrite(w->fp, buf, strlen(buf));
	else
		put_bytes(w->fp, buf, strlen(buf));
}

void
csvio_put_ulong(struct csvio_writer *w, unsigned long x)
{
	char buf[24];

	sep(w);
	format_ulong(buf, x, 0);
	put_bytes(w->fp, buf, strlen(buf));
}

void
csvio_end_row(struct csvio_writer *w)
{
	if (w->crlf)
		putc_unlocked('\r', w->fp);
	putc_unlocked('\n', w->fp);
	w->col = 0;
}

void
csvio_put_row(struct csvio_writer *w, const char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csvio_put(w, f[i]);
	csvio_end_row(w);
}
