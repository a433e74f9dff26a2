/* test_csvio.c -- the CSV reader (line numbers, delimiters, BOM, errors) and
 * the minimal-quoting writer. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plgtest.h"
#include "csvio.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvio_read_lf_line_numbers),
		cmocka_unit_test(test_csvio_read_crlf_line_numbers),
		cmocka_unit_test(test_csvio_read_bare_cr_line_numbers),
		cmocka_unit_test(
		    test_csvio_read_embedded_newline_counts_for_next_record),
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
	};

	return cmocka_run_group_tests_name("csvio", tests, NULL, NULL);
}
