/* test_csvio.c -- the CSV reader (line numbers, delimiters, BOM, errors) and
 * the minimal-quoting writer. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plgtest.h"
#include "csvio.h"
#include "xalloc.h"

/* ---- helpers ---- */

/* Records as text: "LINE:field|field|...\n" per record. */
struct sink {
	char buf[4096];
	size_t len;
	/* return 7 after this many records (0: never) */
	int stop_after;
	int seen;
};

static int
collect(void *ctx, const struct csvio_record *rec)
{
	struct sink *s = ctx;
	size_t i;

	s->len += (size_t)snprintf(s->buf + s->len, sizeof(s->buf) - s->len,
	    "%lu:", rec->line);
	for (i = 0; i < rec->nfield; i++) {
		assert_int_equal(strlen(rec->field[i]), rec->len[i]);
		s->len += (size_t)snprintf(s->buf + s->len,
		    sizeof(s->buf) - s->len, "%s%s", i ? "|" : "",
		    rec->field[i]);
	}
	s->len += (size_t)snprintf(s->buf + s->len, sizeof(s->buf) - s->len,
	    "\n");
	assert_true(s->len < sizeof(s->buf));
	if (++s->seen == s->stop_after)
		return 7;
	return 0;
}

/* Read text (len bytes) from memory with delimiter detection. */
static int
read_text(struct csvio_reader *r, struct sink *s, const char *text,
    size_t len)
{
	memset(r, 0, sizeof(*r));
	memset(s, 0, sizeof(*s));
	return csvio_read_buffer(r, "t.csv", text, len, collect, s);
}

#define READ(r, s, lit)	read_text((r), (s), (lit), sizeof(lit) - 1)

/* Everything a writer produced, as a NUL-terminated string. */
struct membuf {
	char *buf;
	size_t len;
	FILE *fp;
};

static void
mem_open(struct membuf *m, struct csvio_writer *w)
{
	m->fp = open_memstream(&m->buf, &m->len);
	assert_non_null(m->fp);
	csvio_writer_init(w, m->fp);
}

static const char *
mem_text(struct membuf *m)
{
	fflush(m->fp);
	return m->buf;
}

static void
mem_close(struct membuf *m)
{
	fclose(m->fp);
	free(m->buf);
}

/* ---- line numbers ---- */

static void
test_csvio_read_lf_line_numbers(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\n1,2\n3,4\n"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a|b\n2:1|2\n3:3|4\n");
	assert_int_equal(r.nrecords, 3);
	assert_int_equal(r.delim, ',');
	assert_int_equal(r.enc, ENC_UTF8);
	assert_int_equal(r.nbad_bytes, 0);
	csvio_close(&r);
}

static void
test_csvio_read_crlf_line_numbers(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\r\n1,2\r\n3,4"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a|b\n2:1|2\n3:3|4\n");
	csvio_close(&r);
}

static void
test_csvio_read_bare_cr_line_numbers(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\r1,2\r\r3,4\r"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a|b\n2:1|2\n4:3|4\n");
	csvio_close(&r);
}

static void
test_csvio_read_embedded_newline_counts_for_next_record(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s,
	    "a,\"two\nlines\"\nb,\"three\r\nline\rfield\"\r\nc,d\n"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a|two\nlines\n"
	    "3:b|three\r\nline\rfield\n"
	    "6:c|d\n");
	csvio_close(&r);
}

/* Fields longer than 16 bytes are checked for line breaks a word at a
 * time: a break at any place of such a field, in a whole word or in the
 * bytes after the last, still counts for the line of the next record,
 * and a NUL anywhere is refused. */
static void
test_csvio_read_long_field_break_at_every_place(void **state)
{
	char text[128], want[128];
	size_t len, at, n;
	int nul;

	(void)state;
	for (nul = 0; nul < 2; nul++)
		for (len = 17; len <= 40; len++)
			for (at = 0; at < len; at++) {
				struct csvio_reader r;
				struct sink s;
				char field[64];

				memset(field, 'x', len);
				field[at] = nul ? '\0' : '\n';
				n = (size_t)snprintf(text, sizeof(text), "a,\"");
				memcpy(text + n, field, len);
				n += len;
				n += (size_t)snprintf(text + n, sizeof(text) - n,
				    "\"\nb,c\n");
				if (nul) {
					assert_int_equal(read_text(&r, &s, text,
					    n), CSVIO_EDATA);
					assert_non_null(strstr(r.errmsg,
					    "NUL byte in field 2"));
					assert_int_equal(r.errline, 1);
				} else {
					assert_int_equal(read_text(&r, &s, text,
					    n), CSVIO_OK);
					field[len] = '\0';
					snprintf(want, sizeof(want), "1:a|%s\n"
					    "3:b|c\n", field);
					assert_string_equal(s.buf, want);
				}
				csvio_close(&r);
			}
}

static void
test_csvio_read_blank_lines_skipped_and_counted(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "\na\n\n\nb\r\n\r\nc\n\n"), CSVIO_OK);
	assert_string_equal(s.buf, "2:a\n5:b\n7:c\n");
	assert_int_equal(r.nrecords, 3);
	csvio_close(&r);
}

static void
test_csvio_read_empty_fields_kept(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,,c,\n,\n"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a||c|\n2:|\n");
	csvio_close(&r);
}

static void
test_csvio_read_unquoted_blanks_trimmed(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a , b b ,\" c \"\n"), CSVIO_OK);
	assert_string_equal(s.buf, "1:a|b b| c \n");
	csvio_close(&r);
}

static void
test_csvio_read_doubled_quotes(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "\"say \"\"hi\"\"\",\"a,b\"\n"),
	    CSVIO_OK);
	assert_string_equal(s.buf, "1:say \"hi\"|a,b\n");
	csvio_close(&r);
}

/* Keep only the last record ("LINE:field|field"). */
static int
keep_last(void *ctx, const struct csvio_record *rec)
{
	struct sink *s = ctx;

	assert_int_equal(rec->nfield, 2);
	snprintf(s->buf, sizeof(s->buf), "%lu:%s|%s", rec->line, rec->field[0],
	    rec->field[1]);
	s->seen++;
	return 0;
}

/* A file longer than the 64 KiB read chunk: lines stay right across it. */
static void
test_csvio_read_file_across_chunks(void **state)
{
	char path[] = "/tmp/test_csvio_XXXXXX";
	struct csvio_reader r;
	struct sink s;
	FILE *fp;
	int fd, i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("id;text\n", fp);
	for (i = 1; i <= 5000; i++)
		fprintf(fp, "%d;\"quoted\nover two lines\"\n", i);
	fclose(fp);
	assert_int_equal(csvio_open(&r, path), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(csvio_read(&r, keep_last, &s), CSVIO_OK);
	assert_int_equal(r.nrecords, 5001);
	assert_int_equal(s.seen, 5001);
	assert_int_equal(r.delim, ';');
	assert_string_equal(s.buf, "10000:5000|quoted\nover two lines");
	csvio_close(&r);
	remove(path);
}

/* ---- delimiters ---- */

static void
test_csvio_guess_delim_each(void **state)
{
	(void)state;
	assert_int_equal(csvio_guess_delim("a,b,c\n", 6), ',');
	assert_int_equal(csvio_guess_delim("a;b;c\n", 6), ';');
	assert_int_equal(csvio_guess_delim("a\tb\tc\n", 6), '\t');
	assert_int_equal(csvio_guess_delim("abc\n", 4), ',');
	assert_int_equal(csvio_guess_delim("", 0), ',');
}

static void
test_csvio_guess_delim_first_record_outside_quotes(void **state)
{
	const char *s = "\"x;y;z\",b\n1;2;3;4;5\n";

	(void)state;
	assert_int_equal(csvio_guess_delim(s, strlen(s)), ',');
	/* commas inside statement texts of a ';' export */
	s = "Id;Ik analyseer, bijvoorbeeld, mijn praktijk;Team;Rol\n";
	assert_int_equal(csvio_guess_delim(s, strlen(s)), ';');
	s = "a;b\tc\td\n";
	assert_int_equal(csvio_guess_delim(s, strlen(s)), '\t');
}

static void
test_csvio_read_semicolon_detected(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a;b,c;d\n1;2,5;\n"), CSVIO_OK);
	assert_int_equal(r.delim, ';');
	assert_string_equal(s.buf, "1:a|b,c|d\n2:1|2,5|\n");
	csvio_close(&r);
}

static void
test_csvio_read_tab_keeps_empty_fields(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a\tb\tc\n1\t\t3\n"), CSVIO_OK);
	assert_int_equal(r.delim, '\t');
	assert_string_equal(s.buf, "1:a|b|c\n2:1||3\n");
	csvio_close(&r);
}

static void
test_csvio_read_sep_line(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "sep=;\r\na,b;c\r\n1;2\r\n"), CSVIO_OK);
	assert_int_equal(r.delim, ';');
	assert_int_equal(r.sep_line, 1);
	assert_string_equal(s.buf, "2:a,b|c\n3:1|2\n");
	csvio_close(&r);
}

static void
test_csvio_read_forced_delim_wins(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	r.delim = ',';
	assert_int_equal(csvio_read_buffer(&r, "t.csv", "a;b;c,d\n", 8,
	    collect, &s), CSVIO_OK);
	assert_string_equal(s.buf, "1:a;b;c|d\n");
	csvio_close(&r);
}

/* ---- encodings ---- */

static void
test_csvio_read_bom_skipped(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "\xef\xbb\xbf" "Id;Naam\n1;An\n"),
	    CSVIO_OK);
	assert_int_equal(r.enc, ENC_UTF8_BOM);
	assert_string_equal(s.buf, "1:Id|Naam\n2:1|An\n");
	csvio_close(&r);
}

/* -e utf-8 on a file with a BOM must still drop the BOM. */
static void
test_csvio_read_forced_utf8_drops_bom(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	r.enc = ENC_UTF8;
	assert_int_equal(csvio_read_buffer(&r, "t.csv", "\xef\xbb\xbfPC1\n4\n",
	    9, collect, &s), CSVIO_OK);
	assert_string_equal(s.buf, "1:PC1\n2:4\n");
	csvio_close(&r);
}

static void
test_csvio_read_utf16le_bom(void **state)
{
	/* "a,é\nb,c\n" in UTF-16LE with a BOM */
	static const char text[] = "\xff\xfe" "a\0,\0\xe9\0\n\0b\0,\0c\0\n\0";
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(read_text(&r, &s, text, sizeof(text) - 1), CSVIO_OK);
	assert_int_equal(r.enc, ENC_UTF16LE);
	assert_string_equal(s.buf, "1:a|\xc3\xa9\n2:b|c\n");
	csvio_close(&r);
}

static void
test_csvio_read_cp1252(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "naam;priv\xe9zaak\n\x80;x\n"), CSVIO_OK);
	assert_int_equal(r.enc, ENC_CP1252);
	assert_string_equal(s.buf,
	    "1:naam|priv\xc3\xa9zaak\n2:\xe2\x82\xac|x\n");
	assert_int_equal(r.nbad_bytes, 0);
	csvio_close(&r);
}

/* ---- errors ---- */

static void
test_csvio_read_unterminated_quote_first_field(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\n\n\"x,1\ny\n"), CSVIO_EDATA);
	assert_string_equal(r.errmsg,
	    "unterminated quoted field at end of file");
	assert_int_equal(r.errline, 3);
	assert_string_equal(s.buf, "1:a|b\n");
	csvio_close(&r);
}

static void
test_csvio_read_unterminated_quote_later_field(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\r\nc,\"x\r\ny\r\n"), CSVIO_EDATA);
	assert_string_equal(r.errmsg,
	    "unterminated quoted field at end of file");
	assert_int_equal(r.errline, 2);
	csvio_close(&r);
}

static void
test_csvio_read_stray_quote_is_malformed(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(READ(&r, &s, "a,b\n\"x\ny\"z,1\n"), CSVIO_EDATA);
	assert_string_equal(r.errmsg, "malformed CSV: error parsing data while "
	    "strict checking enabled");
	assert_int_equal(r.errline, 2);
	csvio_close(&r);
}

static void
test_csvio_read_callback_stops(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(csvio_read_buffer(&r, "t.csv", "1\n2\n3\n", 6,
	    collect, &s), 7);
	assert_string_equal(s.buf, "1:1\n2:2\n");
	csvio_close(&r);
}

static void
test_csvio_read_empty_input(void **state)
{
	struct csvio_reader r;
	struct sink s;

	(void)state;
	assert_int_equal(read_text(&r, &s, "", 0), CSVIO_OK);
	assert_int_equal(r.nrecords, 0);
	assert_int_equal(s.len, 0);
	csvio_close(&r);
}

static void
test_csvio_open_missing_file(void **state)
{
	struct csvio_reader r;

	(void)state;
	assert_int_equal(csvio_open(&r, "/nonexistent/x.csv"), -1);
	assert_string_equal(r.errmsg, "cannot open '/nonexistent/x.csv': "
	    "No such file or directory");
	csvio_close(&r);
	csvio_close(NULL);
}

static void
test_csvio_open_dash_is_stdin(void **state)
{
	struct csvio_reader r;

	(void)state;
	assert_int_equal(csvio_open(&r, "-"), 0);
	assert_string_equal(r.name, "<stdin>");
	assert_ptr_equal(r.fp, stdin);
	csvio_close(&r);
}

/* ---- writer ---- */

static void
test_csvio_put_quotes_only_when_needed(void **state)
{
	struct csvio_writer w;
	struct membuf m;
	const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines",
	    "cr\rx", "a;b", "", " lead" };

	(void)state;
	mem_open(&m, &w);
	csvio_put_row(&w, row, 8);
	assert_string_equal(mem_text(&m), "plain,\"a,b\",\"say \"\"hi\"\"\","
	    "\"two\nlines\",\"cr\rx\",a;b,, lead\n");
	mem_close(&m);
}

static void
test_csvio_put_semicolon_crlf(void **state)
{
	struct csvio_writer w;
	struct membuf m;

	(void)state;
	mem_open(&m, &w);
	w.delim = ';';
	w.crlf = 1;
	csvio_put(&w, "a;b");
	csvio_put(&w, "a,b");
	csvio_put(&w, NULL);
	csvio_end_row(&w);
	csvio_putn(&w, "xyz", 2);
	csvio_end_row(&w);
	assert_string_equal(mem_text(&m), "\"a;b\";a,b;\r\nxy\r\n");
	mem_close(&m);
}

static void
test_csvio_put_defang_guard(void **state)
{
	struct csvio_writer w;
	struct membuf m;
	const char *row[] = { "=SUM(A1)", "+31 6", "-3", "@x", "\tx", "a=b",
	    "" };

	(void)state;
	mem_open(&m, &w);
	w.defang = 1;
	csvio_put_row(&w, row, 7);
	w.defang = 0;
	csvio_put_row(&w, row, 1);
	assert_string_equal(mem_text(&m), "\"'=SUM(A1)\",\"'+31 6\",\"'-3\","
	    "\"'@x\",\"'\tx\",a=b,\n=SUM(A1)\n");
	mem_close(&m);
}

static void
test_csvio_put_num_dialects(void **state)
{
	struct csvio_writer w;
	struct membuf m;

	(void)state;
	mem_open(&m, &w);
	csvio_put_num(&w, 3.5, 15);
	csvio_put_num(&w, NAN, 15);
	csvio_put_num(&w, -0.0, 15);
	csvio_put_num(&w, 1.0 / 3, 4);
	csvio_put_ulong(&w, 42);
	csvio_end_row(&w);
	w.decimal_comma = 1;
	csvio_put_num(&w, 3.5, 15);	/* ',' delim: must be quoted */
	csvio_put_num(&w, 4, 15);
	csvio_end_row(&w);
	w.delim = ';';
	csvio_put_num(&w, 3.5, 15);
	csvio_put_num(&w, -2.25, 15);
	csvio_end_row(&w);
	assert_string_equal(mem_text(&m), "3.5,,0,0.3333,42\n"
	    "\"3,5\",4\n3,5;-2,25\n");
	mem_close(&m);
}

static void
test_csvio_format_num_values(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(csvio_format_num(buf, sizeof(buf), -0.0, 15), "0");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), NAN, 15), "");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), 0.1 + 0.2, 15),
	    "0.3");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), 1.0 / 3, 15),
	    "0.333333333333333");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), 100, 15), "100");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), 2.5e-7, 15),
	    "2.5e-07");
	assert_string_equal(csvio_format_num(buf, sizeof(buf),
	    123456789012345678.0, 15), "1.23456789012346e+17");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), -1e-20, 3),
	    "-1e-20");
	assert_string_equal(csvio_format_num(buf, sizeof(buf), -3.75, 2),
	    "-3.8");
	assert_dbl_equal(strtod(csvio_format_num(buf, sizeof(buf), 2.0 / 3,
	    15), NULL), 0.666666666666667);
}


/* csvio_format_num() writes what "%.*g" writes (no "-0"), also where it
 * does not call printf: whole numbers, and prec up to 15 away from a
 * rounding tie.  Ties and near-ties, hand-picked, then a million
 * pseudo-random values of every kind and precision. */
static void
test_csvio_format_num_like_printf(void **state)
{
	static const double hard[] = { 0.3515625, 0.5, 1.5, 2.5, 9.9999995,
	    99999.95, 999999.5, 1e-5, 1.234565e-5, 0.0001, 123456.5,
	    1e15, 1e16, 123456789012345678.0, 5e-324, 1.7976931348623157e308,
	    -0.0, -2.5e-7, 3.375735, 0.1, 0.7, 1.0 / 3, 2.0 / 3, 4.35 };
	char got[64], want[64];
	uint64_t z = 88172645463325252ULL;
	double x;
	size_t i;
	int p;

	(void)state;
	for (i = 0; i < 1000000 + sizeof(hard) / sizeof(hard[0]); i++) {
		z ^= z << 13;
		z ^= z >> 7;
		z ^= z << 17;
		p = 1 + (int)((z >> 33) % 17);
		if (i < sizeof(hard) / sizeof(hard[0]))
			x = hard[i];
		else if (i % 3 == 0) {
			memcpy(&x, &z, sizeof(x));
			if (!isfinite(x))
				continue;
		} else if (i % 3 == 1)
			x = (double)(z % 2000001) / (double)(1 + (z >> 40) % 997);
		else
			x = ldexp((double)(z >> 11), -(int)(z % 80));
		csvio_format_num(got, sizeof(got), x, p);
		snprintf(want, sizeof(want), "%.*g", p, x == 0 ? 0 : x);
		if (strcmp(want, "-0") == 0)
			strcpy(want, "0");
		if (strcmp(got, want) != 0)
			fail_msg("%.17g with %d digits: '%s', printf '%s'", x, p,
			    got, want);
	}
}

/* What test_csvio_read_long_fields_and_ascii_chunks() looks at. */
struct longf {
	char first[64], last[16];
	unsigned long line2, lastline, n;
};

static int
longf_record(void *ctx, const struct csvio_record *rec)
{
	struct longf *l = ctx;

	assert_true(rec->nfield >= 1);
	if (l->n == 0)
		snprintf(l->first, sizeof(l->first), "%s", rec->field[1]);
	if (l->n == 1)
		l->line2 = rec->line;
	if (rec->nfield > 1)
		snprintf(l->last, sizeof(l->last), "%s", rec->field[1]);
	l->lastline = rec->line;
	l->n++;
	return 0;
}

/* Fields longer than the byte-by-byte copy (16 bytes), with and without
 * line breaks, and text that is ASCII for chunks on end, then not. */
static void
test_csvio_read_long_fields_and_ascii_chunks(void **state)
{
	struct longf l;
	struct csvio_reader r;
	size_t i, n = 200000;
	char *text = malloc(n + 64);

	(void)state;
	assert_non_null(text);
	strcpy(text, "a,\"0123456789\nabcdefghij\",b\n");
	for (i = strlen(text); i < n; i++)
		text[i] = i % 50 == 49 ? '\n' : 'x';
	memcpy(text + i, "\xc3\xa9,\xc3\xa9\n", 7);	/* é,é and NUL */
	memset(&l, 0, sizeof(l));
	memset(&r, 0, sizeof(r));
	assert_int_equal(csvio_read_buffer(&r, "t", text, strlen(text),
	    longf_record, &l), 0);
	assert_string_equal(l.first, "0123456789\nabcdefghij");
	assert_int_equal(l.line2, 3);	/* after the embedded break */
	assert_int_equal(r.nbad_bytes, 0);
	assert_string_equal(l.last, "\xc3\xa9");
	assert_int_equal(l.lastline, r.nlines - 1);
	csvio_close(&r);
	free(text);
}

/* ---- the reader in the caller's thread and in a second thread ---- */

/*
 * A generated input and, built along with it, the records it must give.
 * The line of a record is counted over the text as written: a line break
 * is LF, CR, or CRLF taken together, inside quotes or not.
 */
struct gen {
	char *text;
	size_t len, alloc;
	char *fb;		/* the expected fields' bytes, each NUL-ended */
	size_t fblen, fballoc;
	size_t *foff, *flen;	/* per expected field */
	size_t nf, falloc;
	size_t *rfirst, *rnf;	/* per expected record: first field, count */
	unsigned long *rline;	/* and its physical line */
	size_t nrec, ralloc;
	unsigned long line;	/* the line of the next byte of text */
	int prev;		/* the last byte of text */
	uint64_t z;		/* xorshift state */
	/* what the text holds, so that a test knows it covered it */
	size_t nlf, ncrlf, ncr, nblank, nquoted, nbreak_in, nempty, nutf8;
};

static void
gen_init(struct gen *g, uint64_t seed)
{
	memset(g, 0, sizeof(*g));
	g->line = 1;
	g->z = seed;
}

static void
gen_free(struct gen *g)
{
	free(g->text);
	free(g->fb);
	free(g->foff);
	free(g->flen);
	free(g->rfirst);
	free(g->rnf);
	free(g->rline);
}

static uint64_t
gen_rand(struct gen *g)
{
	g->z ^= g->z << 13;
	g->z ^= g->z >> 7;
	g->z ^= g->z << 17;
	return g->z >> 11;
}

/* Append n bytes of CSV text. */
static void
gen_raw(struct gen *g, const char *s, size_t n)
{
	size_t i;

	XGROW(g->text, g->alloc, g->len + n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\r' || (s[i] == '\n' && g->prev != '\r'))
			g->line++;
		g->prev = (unsigned char)s[i];
	}
	memcpy(g->text + g->len, s, n);
	g->len += n;
	g->text[g->len] = '\0';
}

#define RAW(g, lit)	gen_raw((g), (lit), sizeof(lit) - 1)

/* A record starts with the next byte of text. */
static void
gen_begin(struct gen *g)
{
	size_t n = g->ralloc;

	XGROW(g->rfirst, n, g->nrec + 1);
	n = g->ralloc;
	XGROW(g->rnf, n, g->nrec + 1);
	XGROW(g->rline, g->ralloc, g->nrec + 1);
	g->rfirst[g->nrec] = g->nf;
	g->rnf[g->nrec] = 0;
	g->rline[g->nrec] = g->line;
}

/* A field of the record begun: its value s[0..n), written quoted or not
 * (an unquoted value must need no quotes). */
static void
gen_field(struct gen *g, const char *s, size_t n, int quoted)
{
	size_t i, a = g->falloc;

	if (g->rnf[g->nrec] > 0)
		RAW(g, ",");
	if (quoted) {
		RAW(g, "\"");
		for (i = 0; i < n; i++) {
			if (s[i] == '"')
				RAW(g, "\"");
			gen_raw(g, s + i, 1);
		}
		RAW(g, "\"");
		g->nquoted++;
	} else
		gen_raw(g, s, n);
	if (memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL)
		g->nbreak_in++;
	if (n == 0)
		g->nempty++;
	XGROW(g->foff, a, g->nf + 1);
	XGROW(g->flen, g->falloc, g->nf + 1);
	XGROW(g->fb, g->fballoc, g->fblen + n + 1);
	g->foff[g->nf] = g->fblen;
	g->flen[g->nf] = n;
	memcpy(g->fb + g->fblen, s, n);
	g->fb[g->fblen + n] = '\0';
	g->fblen += n + 1;
	g->nf++;
	g->rnf[g->nrec]++;
}

/* End the record begun with the terminator term ("" at the end of the
 * text). */
static void
gen_end(struct gen *g, const char *term)
{
	gen_raw(g, term, strlen(term));
	g->nrec++;
}

/* A record of fixed fields, none of which needs quotes. */
static void
gen_plain(struct gen *g, const char *const *f, size_t n, const char *term)
{
	size_t i;

	gen_begin(g);
	for (i = 0; i < n; i++)
		gen_field(g, f[i], strlen(f[i]), 0);
	gen_end(g, term);
}

/* A random record: 1 to 12 fields, most of one byte or a short word,
 * some empty, some quoted with delimiters, quotes and line breaks (LF,
 * CRLF, CR) inside, some longer than the byte-by-byte copy, some UTF-8;
 * ended by LF, CRLF or (rarely) CR, now and then followed by a blank
 * line. */
static void
gen_random(struct gen *g)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	static const char *const special[] = { ",", "\"", "\n", "\r\n", "\r",
	    " ", ";", "\t", "\xc3\xa9", "\"\"", ",\n" };
	char v[256];
	size_t nfield = 1 + gen_rand(g) % 12, i, n, k, want;
	uint64_t kind, t;
	int quoted;

	gen_begin(g);
	for (i = 0; i < nfield; i++) {
		kind = gen_rand(g) % 20;
		n = 0;
		quoted = 0;
		if (kind == 0)		/* empty */
			;
		else if (kind == 1)	/* empty, quoted */
			quoted = 1;
		else if (kind <= 4) {	/* quoted, with anything in it */
			quoted = 1;
			want = 1 + gen_rand(g) % (kind == 4 ? 120 : 12);
			while (n < want) {
				if (gen_rand(g) % 3 == 0) {
					const char *s = special[gen_rand(g) %
					    (sizeof(special) / sizeof(special[0]))];
					memcpy(v + n, s, strlen(s));
					n += strlen(s);
				} else
					v[n++] = plain[gen_rand(g) %
					    (sizeof(plain) - 1)];
			}
		} else if (kind <= 10)	/* one byte: the fast path */
			v[n++] = plain[gen_rand(g) % (sizeof(plain) - 1)];
		else {			/* a word, maybe with inner blanks */
			want = 2 + gen_rand(g) % (kind == 11 ? 60 : 8);
			for (k = 0; k < want; k++) {
				t = gen_rand(g) % 40;
				if (t == 0 && k > 0 && k + 1 < want)
					v[n++] = ' ';
				else if (t == 1) {
					memcpy(v + n, "\xe2\x82\xac", 3);
					n += 3;
					g->nutf8++;
				} else
					v[n++] = plain[gen_rand(g) %
					    (sizeof(plain) - 1)];
			}
		}
		/* a lone empty unquoted field would be a blank line */
		if (nfield == 1 && n == 0)
			quoted = 1;
		gen_field(g, v, n, quoted);
	}
	t = gen_rand(g) % 16;
	if (t < 8) {
		gen_end(g, "\n");
		g->nlf++;
	} else if (t < 15) {
		gen_end(g, "\r\n");
		g->ncrlf++;
	} else {
		gen_end(g, "\r");
		g->ncr++;
	}
	if (gen_rand(g) % 64 == 0) {
		if (gen_rand(g) % 2)
			RAW(g, "\n");
		else
			RAW(g, "\r\n");
		g->nblank++;
	}
}

static void
gen_header(struct gen *g)
{
	static const char *const h[] = { "id", "name", "value", "note" };

	gen_plain(g, h, 4, "\r\n");
}

/* Compares each record the reader gives with the generated ones. */
struct check {
	const struct gen *g;
	size_t n;		/* records seen */
	size_t stop_at;		/* return stop_rc at this record (0: never) */
	int stop_rc;
	int slow;		/* pause now and then, so the queue fills */
	int threads0;		/* threads in the process before the read */
	int threads;		/* and at the first record (0: no /proc) */
	size_t bad;		/* records that differ */
	char why[512];		/* how the first one differs */
};

/* Threads in this process, or 0 when Linux's /proc cannot tell. */
static int
count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
check_fail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->bad++ > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
}

static int
check_record(void *ctx, const struct csvio_record *rec)
{
	struct check *c = ctx;
	const struct gen *g = c->g;
	size_t k = c->n++, i, f;

	if (c->n == 1)
		c->threads = count_threads();
	if (c->slow && c->n % 128 == 0) {
		struct timespec ts = { 0, 200000 };
		nanosleep(&ts, NULL);
	}
	if (k >= g->nrec)
		check_fail(c, "record %zu (line %lu): not expected", k + 1,
		    rec->line);
	else if (rec->line != g->rline[k])
		check_fail(c, "record %zu: line %lu, expected %lu", k + 1,
		    rec->line, g->rline[k]);
	else if (rec->aux != NULL)	/* no csvio_prepare() armed */
		check_fail(c, "record %zu (line %lu): aux set", k + 1,
		    rec->line);
	else if (rec->nfield != g->rnf[k])
		check_fail(c, "record %zu (line %lu): %zu fields, expected %zu",
		    k + 1, rec->line, rec->nfield, g->rnf[k]);
	else
		for (i = 0; i < rec->nfield; i++) {
			f = g->rfirst[k] + i;
			if (rec->len[i] != g->flen[f] ||
			    memcmp(rec->field[i], g->fb + g->foff[f],
			    g->flen[f]) != 0 ||
			    rec->field[i][rec->len[i]] != '\0') {
				check_fail(c, "record %zu (line %lu) field %zu: "
				    "%zu bytes '%.40s', expected %zu '%.40s'",
				    k + 1, rec->line, i + 1, rec->len[i],
				    rec->field[i], g->flen[f],
				    g->fb + g->foff[f]);
				break;
			}
		}
	return c->n == c->stop_at ? c->stop_rc : 0;
}

/* Fail unless every record seen was the one expected. */
static void
check_ok(const struct check *c)
{
	if (c->bad > 0)
		fail_msg("%zu records differ; first: %s", c->bad, c->why);
}

/*
 * Read g's text with csvio_thread_mode set to mode (and -1 again after),
 * from a temporary file (from_file) or from memory, with max_record (0:
 * the default), checking each record with c.  Returns what the read did.
 */
static int
read_gen(struct csvio_reader *r, const struct gen *g, int mode, int from_file,
    size_t max_record, struct check *c)
{
	char path[] = "/tmp/test_csvio_XXXXXX";
	FILE *fp;
	int fd, rc;

	c->g = g;
	c->n = c->bad = 0;
	/* a reader thread joined by the read before may linger in
	 * /proc/self/task for a moment after pthread_join() */
	for (fd = 0; fd < 1000 && count_threads() > 1; fd++) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	c->threads0 = count_threads();
	if (from_file) {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		fp = fdopen(fd, "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(g->text, 1, g->len, fp), g->len);
		assert_int_equal(fclose(fp), 0);
		rc = csvio_open(r, path);
		remove(path);	/* read on through the open stream */
		assert_int_equal(rc, 0);
		if (max_record > 0)
			r->max_record = max_record;
		csvio_thread_mode = mode;
		rc = csvio_read(r, check_record, c);
	} else {
		memset(r, 0, sizeof(*r));
		r->max_record = max_record;
		csvio_thread_mode = mode;
		rc = csvio_read_buffer(r, "gen.csv", g->text, g->len,
		    check_record, c);
	}
	csvio_thread_mode = -1;
	return rc;
}

/* The thread mode goes back to its default even when a test fails. */
static int
thread_mode_reset(void **state)
{
	(void)state;
	csvio_thread_mode = -1;
	return 0;
}

/* 1. Twenty thousand records of every kind give exactly what was
 * written, with the right lines, from a file and from memory. */
static void
many_records(int mode)
{
	static const char *const last[] = { "last", "no", "terminator" };
	struct csvio_reader r;
	struct check c;
	struct gen g;
	int from_file;

	gen_init(&g, 0x9e3779b97f4a7c15ULL);
	gen_header(&g);
	while (g.nrec < 19999)
		gen_random(&g);
	gen_plain(&g, last, 3, "");
	assert_int_equal(g.nrec, 20000);
	/* the input holds what it is meant to */
	assert_true(g.nlf > 1000 && g.ncrlf > 1000 && g.ncr > 100);
	assert_true(g.nblank > 50 && g.nquoted > 1000 && g.nbreak_in > 500);
	assert_true(g.nempty > 1000 && g.nutf8 > 100 && g.len > 600000);
	for (from_file = 1; from_file >= 0; from_file--) {
		memset(&c, 0, sizeof(c));
		c.slow = !from_file;
		assert_int_equal(read_gen(&r, &g, mode, from_file, 0, &c),
		    CSVIO_OK);
		check_ok(&c);
		assert_int_equal(c.n, g.nrec);
		assert_int_equal(r.nrecords, g.nrec);
		assert_int_equal(r.nlines, g.line);
		assert_int_equal(r.delim, ',');
		assert_int_equal(r.enc, ENC_UTF8);
		assert_int_equal(r.nbad_bytes, 0);
		assert_int_equal(r.errline, 0);
		assert_string_equal(r.errmsg, "");
		/* mode 1 parses in one thread more, which cannot have
		 * finished by the first record (more batches are left than
		 * the queue holds); mode 0 in none */
		if (c.threads0 > 0)
			assert_int_equal(c.threads - c.threads0, mode);
		csvio_close(&r);
	}
	gen_free(&g);
}

static void
test_csvio_read_many_records_same_thread(void **state)
{
	(void)state;
	many_records(0);
}

static void
test_csvio_read_many_records_threaded(void **state)
{
	(void)state;
	many_records(1);
}

/* A prepare function, armed by the callback at the first record (as
 * plg-score does after its header), runs on every record of the batches
 * after, in the parsing thread when there is one; the callback finds what
 * it made in rec->aux, and what it made of the next record of the same
 * batch in rec->next_aux: NULL at a batch's end, so for the last record. */
struct prep_check {
	struct csvio_reader *r;
	unsigned long n;	/* records seen */
	unsigned long prepared;	/* with aux */
	unsigned long ahead;	/* with next_aux */
	unsigned long want_next; /* the id next_aux promised, or 0 */
	int last_had_next;
	int bad;
};

static void
prep_id(void *pctx, const struct csvio_fields *rec, unsigned char *aux)
{
	unsigned long id = strtoul(csvio_field(rec, 0), NULL, 10);

	(void)pctx;
	/* the view of the record: "id,x" on line id */
	if (rec->nfield != 2 || rec->len[0] != strlen(csvio_field(rec, 0)) ||
	    rec->len[1] != 1 || strcmp(csvio_field(rec, 1), "x") != 0 ||
	    rec->line != id)
		id = 0;		/* check_prepared() counts it bad */
	memcpy(aux, &id, sizeof(id));
}

static int
check_prepared(void *ctx, const struct csvio_record *rec)
{
	struct prep_check *c = ctx;
	unsigned long id, next;

	if (c->n++ == 0)
		csvio_prepare(c->r, prep_id, NULL, sizeof(unsigned long));
	if (rec->aux == NULL) {	/* the first batch */
		if (c->prepared > 0 || rec->next_aux != NULL)
			c->bad++;
		return 0;
	}
	c->prepared++;
	memcpy(&id, rec->aux, sizeof(id));
	if (id != c->n || (c->want_next != 0 && id != c->want_next))
		c->bad++;
	c->want_next = 0;
	c->last_had_next = rec->next_aux != NULL;
	if (rec->next_aux != NULL) {
		memcpy(&next, rec->next_aux, sizeof(next));
		c->want_next = next;
		c->ahead++;
	}
	return 0;
}

static void
prepare_next_aux(int mode)
{
	struct csvio_reader r;
	struct prep_check c;
	char *text = malloc(5000 * 16), *p = text;
	unsigned long i;

	assert_non_null(text);
	for (i = 1; i <= 5000; i++)
		p += sprintf(p, "%lu,x\n", i);
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	c.r = &r;
	csvio_thread_mode = mode;
	assert_int_equal(csvio_read_buffer(&r, "t.csv", text,
	    (size_t)(p - text), check_prepared, &c), CSVIO_OK);
	csvio_thread_mode = -1;
	assert_int_equal(c.bad, 0);
	assert_int_equal(c.n, 5000);
	/* the first batch or few are not prepared (the parsing thread may
	 * be ahead); then 128 records a batch: all but each batch's last
	 * look ahead */
	assert_true(c.prepared >= 5000 - 8 * 128);
	assert_true(c.ahead >= c.prepared - c.prepared / 100 - 1 &&
	    c.ahead < c.prepared);
	assert_int_equal(c.last_had_next, 0);
	csvio_close(&r);
	free(text);
}

static void
test_csvio_prepare_next_aux_same_thread(void **state)
{
	(void)state;
	prepare_next_aux(0);
}

static void
test_csvio_prepare_next_aux_threaded(void **state)
{
	(void)state;
	prepare_next_aux(1);
}

/* 2. The callback's non-zero value stops the read: at the first record,
 * in the middle (with a slow callback too, so that the reader waits on a
 * full queue), and at the last; never a call after it. */
static void
callback_stops(int mode)
{
	struct csvio_reader r;
	struct check c;
	struct gen g;
	size_t at[] = { 1, 5000, 5000, 1024, 20000 };
	size_t i;

	gen_init(&g, 42);
	gen_header(&g);
	while (g.nrec < 20000)
		gen_random(&g);
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.stop_at = at[i];
		c.stop_rc = 7;
		c.slow = i == 2;
		assert_int_equal(read_gen(&r, &g, mode, i % 2 == 0, 0, &c), 7);
		check_ok(&c);
		assert_int_equal(c.n, at[i]);
		assert_int_equal(r.nrecords, at[i]);
		csvio_close(&r);
	}
	gen_free(&g);
}

static void
test_csvio_read_callback_stops_same_thread(void **state)
{
	(void)state;
	callback_stops(0);
}

static void
test_csvio_read_callback_stops_threaded(void **state)
{
	(void)state;
	callback_stops(1);
}

/* 3. Malformed input after 3,000 good records: every good record comes,
 * then the error, on the line where the bad record starts. */
static void
malformed_after_good(int mode)
{
	static const struct {
		const char *bad;	/* the bad record and what follows */
		size_t len;
		const char *msg;
	} cases[] = {
		{ "\"never\nclosed,1\r\n2,3\n", 0,
		    "unterminated quoted field at end of file" },
		{ "x,y,\"never\r\nclosed\n", 0,
		    "unterminated quoted field at end of file" },
		{ "a,x\0y,b\nc,d\n", 12, "NUL byte in field 2 (a binary file, "
		    "or UTF-16 read as another encoding?)" },
		{ "a,\"q\nq\"x,b\r\nc,d\n", 0, "malformed CSV: error parsing "
		    "data while strict checking enabled" },
		{ "a,b,\"0123456789abcdef\0xyz\",c\nd\n", 31, "NUL byte in "
		    "field 3 (a binary file, or UTF-16 read as another "
		    "encoding?)" },
	};
	struct csvio_reader r;
	struct check c;
	struct gen g;
	unsigned long errline;
	size_t i, ngood;
	int from_file;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gen_init(&g, 1000 + i);
		gen_header(&g);
		while (g.nrec < 3000)
			gen_random(&g);
		ngood = g.nrec;
		errline = g.line;
		gen_raw(&g, cases[i].bad, cases[i].len > 0 ? cases[i].len :
		    strlen(cases[i].bad));
		if (i >= 2) {	/* good records after it are not read */
			while (g.nrec < 3500)
				gen_random(&g);
			g.nrec = ngood;
		}
		for (from_file = 0; from_file < 2; from_file++) {
			memset(&c, 0, sizeof(c));
			assert_int_equal(read_gen(&r, &g, mode, from_file, 0,
			    &c), CSVIO_EDATA);
			check_ok(&c);
			assert_int_equal(c.n, ngood);
			assert_int_equal(r.nrecords, ngood);
			assert_string_equal(r.errmsg, cases[i].msg);
			assert_int_equal(r.errline, errline);
			csvio_close(&r);
		}
		gen_free(&g);
	}
}

static void
test_csvio_read_malformed_after_good_same_thread(void **state)
{
	(void)state;
	malformed_after_good(0);
}

static void
test_csvio_read_malformed_after_good_threaded(void **state)
{
	(void)state;
	malformed_after_good(1);
}

/* A field of n bytes: quoted, with delimiters, quotes and line breaks in
 * it, or plain. */
static void
gen_big_field(struct gen *g, size_t n, int quoted)
{
	char *v = malloc(n);
	size_t i;
	uint64_t t;

	assert_non_null(v);
	for (i = 0; i < n; i++) {
		t = gen_rand(g) % 64;
		if (quoted && t == 0)
			v[i] = '\n';
		else if (quoted && t == 1)
			v[i] = '"';
		else if (quoted && t == 2)
			v[i] = ',';
		else
			v[i] = (char)('a' + t % 26);
	}
	gen_field(g, v, n, quoted);
	free(v);
}

/* 4. Records larger than a batch -- a 1 MiB field with line breaks, a
 * 1 MiB plain one, 70,000 fields in one record -- come whole, and so do
 * the records around them. */
static void
big_records(int mode)
{
	struct csvio_reader r;
	struct check c;
	struct gen g;
	unsigned long bigline;
	size_t i, bigrec;
	int from_file;

	gen_init(&g, 7);
	gen_header(&g);
	while (g.nrec < 300)
		gen_random(&g);
	bigrec = g.nrec;
	bigline = g.line;
	gen_begin(&g);
	gen_field(&g, "big", 3, 0);
	gen_big_field(&g, (size_t)1 << 20, 1);
	gen_field(&g, "end", 3, 0);
	gen_end(&g, "\r\n");
	while (g.nrec < 600)
		gen_random(&g);
	gen_begin(&g);
	gen_big_field(&g, (size_t)1 << 20, 0);
	gen_end(&g, "\n");
	while (g.nrec < 900)
		gen_random(&g);
	gen_begin(&g);
	for (i = 0; i < 70000; i++)
		gen_field(&g, "x", i % 3 ? 1 : 0, 0);
	gen_end(&g, "\n");
	while (g.nrec < 1200)
		gen_random(&g);
	gen_begin(&g);
	gen_big_field(&g, (size_t)200 << 10, 1);	/* at the very end */
	gen_end(&g, "");
	assert_int_equal(g.rnf[bigrec], 3);
	assert_true(g.rline[bigrec + 1] > bigline + 1000);
	for (from_file = 0; from_file < 2; from_file++) {
		memset(&c, 0, sizeof(c));
		assert_int_equal(read_gen(&r, &g, mode, from_file, 0, &c),
		    CSVIO_OK);
		check_ok(&c);
		assert_int_equal(c.n, g.nrec);
		assert_int_equal(r.nrecords, g.nrec);
		assert_int_equal(r.nlines, g.line);
		csvio_close(&r);
	}
	gen_free(&g);
}

static void
test_csvio_read_big_records_same_thread(void **state)
{
	(void)state;
	big_records(0);
}

static void
test_csvio_read_big_records_threaded(void **state)
{
	(void)state;
	big_records(1);
}

/* 5. max_record bounds each record, not the input nor the records read
 * with it: under a 1 MiB limit a record of 900 KiB passes, and one of
 * 1020 KiB (3 plain fields) that follows 48 KiB of other records; one of
 * 1026 KiB (each field under the limit) stops the read on its line,
 * after every record before it. */
static void
record_too_large(int mode)
{
	struct csvio_reader r;
	struct check c;
	struct gen g;
	unsigned long errline;
	size_t i, ngood;
	int from_file;

	gen_init(&g, 99);
	gen_header(&g);
	while (g.nrec < 2000)
		gen_random(&g);
	gen_begin(&g);
	gen_big_field(&g, (size_t)300 << 10, 1);
	gen_big_field(&g, (size_t)300 << 10, 0);
	gen_big_field(&g, (size_t)300 << 10, 1);
	gen_end(&g, "\n");
	while (g.nrec < 2500)
		gen_random(&g);
	/* a batch ends after the first of these, the second starts the
	 * next one, and the record that just fits comes after it */
	gen_begin(&g);
	gen_big_field(&g, (size_t)40 << 10, 0);
	gen_end(&g, "\r\n");
	gen_begin(&g);
	gen_big_field(&g, (size_t)8 << 10, 0);
	gen_end(&g, "\n");
	gen_begin(&g);
	for (i = 0; i < 3; i++)
		gen_big_field(&g, (size_t)340 << 10, 0);
	gen_end(&g, "\n");
	while (g.nrec < 3000)
		gen_random(&g);
	ngood = g.nrec;
	errline = g.line;
	gen_begin(&g);
	for (i = 0; i < 3; i++)
		gen_big_field(&g, (size_t)342 << 10, i == 0);
	gen_end(&g, "\n");
	while (g.nrec < 3100)
		gen_random(&g);
	g.nrec = ngood;
	assert_true(g.rline[ngood - 1] > 3000);
	for (from_file = 0; from_file < 2; from_file++) {
		memset(&c, 0, sizeof(c));
		assert_int_equal(read_gen(&r, &g, mode, from_file,
		    (size_t)1 << 20, &c), CSVIO_EDATA);
		check_ok(&c);
		assert_int_equal(c.n, ngood);
		assert_int_equal(r.nrecords, ngood);
		assert_string_equal(r.errmsg, "record larger than 1 MiB");
		assert_int_equal(r.errline, errline);
		csvio_close(&r);
	}
	gen_free(&g);
}

static void
test_csvio_read_record_too_large_same_thread(void **state)
{
	(void)state;
	record_too_large(0);
}

static void
test_csvio_read_record_too_large_threaded(void **state)
{
	(void)state;
	record_too_large(1);
}

/* 6. A record over max_record is refused wherever it lands in the batch
 * buffer -- also right after a large one grew the buffer (the buffer kept
 * its size, and the record fit in it without growing). */
static int
count_record(void *ctx, const struct csvio_record *rec)
{
	(void)rec;
	(*(int *)ctx)++;
	return 0;
}

static char *
put_x(char *p, size_t n, int end)
{
	memset(p, 'x', n);
	p[n] = (char)end;
	return p + n + 1;
}

static void
record_over_limit_after_big_one(int mode)
{
	char *text = malloc(4 << 20), *p = text;
	struct csvio_reader r;
	int n = 0, i;

	assert_non_null(text);
	p = put_x(p, 1, '\n');
	p = put_x(p, 40 << 10, '\n');		/* ends a batch */
	p = put_x(p, 8 << 10, '\n');		/* 8 KiB into the next */
	for (i = 0; i < 3; i++)			/* 1020 KiB: fits */
		p = put_x(p, 340 << 10, i < 2 ? ',' : '\n');
	for (i = 0; i < 3; i++)			/* 1,050,000 bytes: too large */
		p = put_x(p, 350000, i < 2 ? ',' : '\n');
	p = put_x(p, 1, '\n');
	memset(&r, 0, sizeof(r));
	r.max_record = 1 << 20;
	csvio_thread_mode = mode;
	assert_int_equal(csvio_read_buffer(&r, "t.csv", text,
	    (size_t)(p - text), count_record, &n), CSVIO_EDATA);
	csvio_thread_mode = -1;
	assert_int_equal(n, 4);
	assert_int_equal(r.errline, 5);
	assert_string_equal(r.errmsg, "record larger than 1 MiB");
	csvio_close(&r);
	free(text);
}

static void
test_csvio_read_over_limit_after_big_record_same_thread(void **state)
{
	(void)state;
	record_over_limit_after_big_one(0);
}

static void
test_csvio_read_over_limit_after_big_record_threaded(void **state)
{
	(void)state;
	record_over_limit_after_big_one(1);
}

/* 7. Any non-zero value of the callback is csvio_read's, -2 included (it
 * once meant "no thread" inside csvio and made it read the input again). */
struct stop_at {
	int at, calls, value;
};

static int
stop_at_cb(void *ctx, const struct csvio_record *rec)
{
	struct stop_at *s = ctx;

	(void)rec;
	return ++s->calls == s->at ? s->value : 0;
}

static void
callback_value_returned(int mode)
{
	static const int values[] = { 7, -1, -2, -3 };
	static const int ats[] = { 1, 5000, 20000 };
	char *text = malloc(20000 * 4 + 1), *p = text;
	size_t v, a;
	int i;

	assert_non_null(text);
	for (i = 0; i < 20000; i++)
		p = put_x(p, 3, '\n');
	for (v = 0; v < sizeof(values) / sizeof(values[0]); v++)
		for (a = 0; a < sizeof(ats) / sizeof(ats[0]); a++) {
			struct csvio_reader r;
			struct stop_at st = { ats[a], 0, values[v] };

			memset(&r, 0, sizeof(r));
			csvio_thread_mode = mode;
			assert_int_equal(csvio_read_buffer(&r, "t.csv", text,
			    (size_t)(p - text), stop_at_cb, &st), values[v]);
			csvio_thread_mode = -1;
			assert_int_equal(st.calls, ats[a]);
			assert_int_equal(r.nrecords, (unsigned long)ats[a]);
			csvio_close(&r);
		}
	free(text);
}

static void
test_csvio_read_callback_value_same_thread(void **state)
{
	(void)state;
	callback_value_returned(0);
}

static void
test_csvio_read_callback_value_threaded(void **state)
{
	(void)state;
	callback_value_returned(1);
}

#define T(f)	cmocka_unit_test_teardown(f, thread_mode_reset)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvio_read_lf_line_numbers),
		cmocka_unit_test(test_csvio_read_crlf_line_numbers),
		cmocka_unit_test(test_csvio_read_bare_cr_line_numbers),
		cmocka_unit_test(
		    test_csvio_read_embedded_newline_counts_for_next_record),
		cmocka_unit_test(test_csvio_read_long_field_break_at_every_place),
		cmocka_unit_test(
		    test_csvio_read_blank_lines_skipped_and_counted),
		cmocka_unit_test(test_csvio_read_empty_fields_kept),
		cmocka_unit_test(test_csvio_read_unquoted_blanks_trimmed),
		cmocka_unit_test(test_csvio_read_doubled_quotes),
		cmocka_unit_test(test_csvio_read_file_across_chunks),
		cmocka_unit_test(test_csvio_guess_delim_each),
		cmocka_unit_test(
		    test_csvio_guess_delim_first_record_outside_quotes),
		cmocka_unit_test(test_csvio_read_semicolon_detected),
		cmocka_unit_test(test_csvio_read_tab_keeps_empty_fields),
		cmocka_unit_test(test_csvio_read_sep_line),
		cmocka_unit_test(test_csvio_read_forced_delim_wins),
		cmocka_unit_test(test_csvio_read_bom_skipped),
		cmocka_unit_test(test_csvio_read_forced_utf8_drops_bom),
		cmocka_unit_test(test_csvio_read_utf16le_bom),
		cmocka_unit_test(test_csvio_read_cp1252),
		cmocka_unit_test(
		    test_csvio_read_unterminated_quote_first_field),
		cmocka_unit_test(
		    test_csvio_read_unterminated_quote_later_field),
		cmocka_unit_test(test_csvio_read_stray_quote_is_malformed),
		cmocka_unit_test(test_csvio_read_callback_stops),
		cmocka_unit_test(test_csvio_read_empty_input),
		cmocka_unit_test(test_csvio_open_missing_file),
		cmocka_unit_test(test_csvio_open_dash_is_stdin),
		cmocka_unit_test(test_csvio_put_quotes_only_when_needed),
		cmocka_unit_test(test_csvio_put_semicolon_crlf),
		cmocka_unit_test(test_csvio_put_defang_guard),
		cmocka_unit_test(test_csvio_put_num_dialects),
		cmocka_unit_test(test_csvio_format_num_values),
		cmocka_unit_test(test_csvio_format_num_like_printf),
		cmocka_unit_test(test_csvio_read_long_fields_and_ascii_chunks),
		T(test_csvio_read_over_limit_after_big_record_same_thread),
		T(test_csvio_read_over_limit_after_big_record_threaded),
		T(test_csvio_read_callback_value_same_thread),
		T(test_csvio_read_callback_value_threaded),
		T(test_csvio_read_many_records_same_thread),
		T(test_csvio_read_many_records_threaded),
		T(test_csvio_prepare_next_aux_same_thread),
		T(test_csvio_prepare_next_aux_threaded),
		T(test_csvio_read_callback_stops_same_thread),
		T(test_csvio_read_callback_stops_threaded),
		T(test_csvio_read_malformed_after_good_same_thread),
		T(test_csvio_read_malformed_after_good_threaded),
		T(test_csvio_read_big_records_same_thread),
		T(test_csvio_read_big_records_threaded),
		T(test_csvio_read_record_too_large_same_thread),
		T(test_csvio_read_record_too_large_threaded),
	};

	return cmocka_run_group_tests_name("csvio", tests, NULL, NULL);
}
