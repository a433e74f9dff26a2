/* csvio.h -- CSV reading and writing over libcsv.
 * The reader streams a file (or stdin) through encoding detection and
 * conversion to UTF-8, detects the delimiter (',' ';' or tab, or an Excel
 * "sep=X" first line), and hands each record to a callback together with the
 * physical line on which the record starts.  The writer quotes a field only
 * when it has to, and knows the spreadsheet dialects (decimal comma, CRLF,
 * BOM, formula-injection guard). */
#ifndef PLG_CSVIO_H
#define PLG_CSVIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <csv.h>

#include "encoding.h"

enum {
	CSVIO_OK = 0,
	CSVIO_EDATA = 1,	/* malformed CSV, record too large */
	CSVIO_ESYS = 2		/* cannot open or read */
};

/* One record.  Fields are NUL-terminated UTF-8 and valid only during the
 * callback; copy what you keep. */
struct csvio_record {
	char **field;
	size_t *len;		/* byte length of each field */
	size_t nfield;
	unsigned long line;	/* physical line where the record starts */
	const unsigned char *aux; /* what a prepare function made of it, or
				 * NULL (see csvio_prepare()) */
	const unsigned char *next_aux; /* the same of the record after it,
				 * when that one is already parsed, else
				 * NULL: to fetch ahead what it will need */
};

/* Return 0 to go on, non-zero to stop reading (csvio_read returns it). */
typedef int (*csvio_record_fn)(void *ctx, const struct csvio_record *rec);

/* A record as the parsing thread holds it: field i is the NUL-terminated
 * buf + off[i], len[i] bytes (csvio_field()).  Cheaper to hand over than
 * a csvio_record, whose pointers would have to be made for each record. */
struct csvio_fields {
	const char *buf;
	const uint32_t *off;
	const size_t *len;
	size_t nfield;
	unsigned long line;
};

static inline const char *
csvio_field(const struct csvio_fields *f, size_t i)
{
	return f->buf + f->off[i];
}

/* Run in the thread that parses, on each record as soon as it is complete
 * (before the callback sees it): writes up to the armed size of bytes to
 * aux, which the callback then finds in rec->aux.  It must only read what
 * stays unchanged while the file is read, and print nothing. */
typedef void (*csvio_prepare_fn)(void *pctx, const struct csvio_fields *rec,
    unsigned char *aux);

struct csvio_reader {
	char *name;		/* for diagnostics: path or "<stdin>" (owned) */
	FILE *fp;
	int delim;		/* 0 = detect; else the delimiter byte */
	enum encoding enc;	/* ENC_UNKNOWN = detect; else forced */
	size_t max_record;	/* bytes; a larger record is an error */
	/* results, valid after csvio_read */
	unsigned long nrecords;	/* records handed to the callback */
	unsigned long nlines;	/* physical lines read */
	unsigned long nbad_bytes; /* invalid byte sequences replaced by U+FFFD */
	int sep_line;		/* 1 if an Excel "sep=" line was skipped */
	char errmsg[256];	/* why csvio_read failed */
	unsigned long errline;	/* where (0 = no line) */
	/* private: the batch of records being assembled (reader side) */
	struct csv_parser p;
	char *buf;		/* fields, each NUL-terminated */
	size_t buflen, bufalloc;
	size_t fastlim;		/* field_cb()'s short path below this */
	uint32_t *off;		/* field start offsets in buf */
	size_t *flen;		/* field lengths */
	size_t nf, falloc;
	size_t *rend;		/* per record: index after its last field */
	unsigned long *rline;	/* per record: its first physical line */
	size_t nrec, ralloc;
	size_t recfield;	/* first field of the record being assembled */
	size_t recstart;	/* its offset in buf */
	unsigned long line;	/* current physical line (1-based) */
	unsigned long recline;	/* start line of the record being assembled */
	int last_cr;		/* previous terminator was a CR */
	int stop;		/* reader: stop parsing (error or callback) */
	int fn_rc;		/* the callback's non-zero value, if any */
	unsigned char *aux;	/* per record: 1 + auxsize bytes (marker, aux) */
	size_t auxstride, auxalloc;
	csvio_prepare_fn prep;	/* in use for the current batch */
	void *prepctx;
	/* armed by csvio_prepare() (under the pipe's lock when threaded) */
	csvio_prepare_fn arm_fn;
	void *arm_ctx;
	size_t arm_size;
	/* consumer side */
	char **ptr;		/* field pointers handed to the callback */
	size_t palloc;
	csvio_record_fn fn;
	void *ctx;
	struct csvio_pipe *pipe; /* the reader thread's queue, or NULL */
};

#define CSVIO_MAX_RECORD_DEFAULT ((size_t)256 << 20)

/* Open path ("-" = stdin).  Returns 0, or -1 with errmsg set. */
int csvio_open(struct csvio_reader *r, const char *path);
/* How csvio_read() parses a file: -1 (the default) in a second thread when
 * more than one processor is online and the environment variable
 * PLG_THREADS is not 1; 0 always in the caller's thread; 1 always in a
 * second thread.  The callback runs in the caller's thread either way, on
 * the same records in the same order. */
extern int csvio_thread_mode;

/* Read every record, calling fn for each.  Returns CSVIO_OK, CSVIO_EDATA or
 * CSVIO_ESYS (errmsg and errline say why), or fn's non-zero value. */
int csvio_read(struct csvio_reader *r, csvio_record_fn fn, void *ctx);
/* From the callback: from the next batch of records on, run fn on each
 * record in the parsing thread, with aux_size bytes of room.  Records
 * parsed before come with rec->aux == NULL, and so may some after: the
 * callback must be able to do the work itself. */
void csvio_prepare(struct csvio_reader *r, csvio_prepare_fn fn, void *pctx,
    size_t aux_size);
/* Read from memory instead of a file (name is used for diagnostics). */
int csvio_read_buffer(struct csvio_reader *r, const char *name,
    const char *data, size_t len, csvio_record_fn fn, void *ctx);
void csvio_close(struct csvio_reader *r);	/* frees everything; NULL-safe */

/* Pick ',' ';' or '\t' from the first record of s (the one most used outside
 * quotes; ',' when none).  Used by csvio_read when delim is 0. */
int csvio_guess_delim(const char *s, size_t len);

/* ---- writing ---- */

struct csvio_writer {
	FILE *fp;
	char delim;		/* ',' by default */
	int decimal_comma;	/* numbers with ',' as decimal separator */
	int crlf;		/* end records with CRLF */
	int defang;		/* prefix ' to text starting with = + - @ TAB CR */
	size_t col;		/* fields written on the current record */
};

/* A writer for fp in the plain dialect: ',', '.', LF, no guard. */
void csvio_writer_init(struct csvio_writer *w, FILE *fp);
/* Write one text field, quoted only if it holds delim, '"', CR or LF. */
void csvio_put(struct csvio_writer *w, const char *s);
void csvio_putn(struct csvio_writer *w, const char *s, size_t len);
/* A number with up to prec significant digits ("%.*g"); NAN, or a value
 * the caller marks missing, is written as an empty field. */
void csvio_put_num(struct csvio_writer *w, double x, int prec);
void csvio_put_ulong(struct csvio_writer *w, unsigned long x);
void csvio_end_row(struct csvio_writer *w);
/* Write a whole row of text fields. */
void csvio_put_row(struct csvio_writer *w, const char *const *f, size_t n);

/* Format x with prec significant digits into buf (C locale; trailing zeros
 * trimmed, "-0" printed as "0"); returns buf.  Empty string for NAN. */
char *csvio_format_num(char *buf, size_t size, double x, int prec);

#endif /* PLG_CSVIO_H */
