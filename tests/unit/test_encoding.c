/* test_encoding.c -- sniffing an export's encoding and converting it to
 * UTF-8 in chunks. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "encoding.h"

#define U(lit)	((const unsigned char *)(lit))

/* Sniff the literal; check the encoding and the BOM length. */
static void
sniff(const char *s, size_t len, enum encoding want, size_t wantbom)
{
	size_t bom = 99;

	assert_int_equal(encoding_sniff(U(s), len, &bom), want);
	assert_int_equal(bom, wantbom);
}

#define SNIFF(lit, enc, bom)	sniff((lit), sizeof(lit) - 1, (enc), (bom))

/* Convert chunks (NULL-terminated list of literal and length pairs) from
 * enc; the output must be want and nbad invalid sequences were counted. */
struct chunk {
	const char *s;
	size_t len;
};

static void
convert(enum encoding enc, const struct chunk *ch, size_t nch,
    const char *want, unsigned long nbad)
{
	struct encconv c;
	char *out = NULL;
	size_t outlen = 0, outalloc = 0, i;

	assert_int_equal(encconv_open(&c, enc), 0);
	for (i = 0; i < nch; i++)
		encconv_run(&c, U(ch[i].s), ch[i].len, &out, &outlen, &outalloc,
		    0);
	encconv_run(&c, NULL, 0, &out, &outlen, &outalloc, 1);
	assert_non_null(out);
	out[outlen] = '\0';
	assert_string_equal(out, want);
	assert_int_equal(outlen, strlen(want));
	assert_int_equal(c.nbad, nbad);
	encconv_close(&c);
	free(out);
}

#define C(lit)	{ (lit), sizeof(lit) - 1 }

/* ---- sniffing ---- */

static void
test_encoding_sniff_utf8_plain(void **state)
{
	(void)state;
	SNIFF("Id;Naam\n1;An\n", ENC_UTF8, 0);
	SNIFF("priv\xc3\xa9zaak", ENC_UTF8, 0);
	SNIFF("", ENC_UTF8, 0);
}

static void
test_encoding_sniff_utf8_bom(void **state)
{
	(void)state;
	SNIFF("\xef\xbb\xbfId;Naam\n", ENC_UTF8_BOM, 3);
	SNIFF("\xef\xbb\xbf", ENC_UTF8_BOM, 3);
}

static void
test_encoding_sniff_utf16_with_bom(void **state)
{
	(void)state;
	SNIFF("\xff\xfe" "I\0d\0", ENC_UTF16LE, 2);
	SNIFF("\xfe\xff\0I\0d", ENC_UTF16BE, 2);
}

static void
test_encoding_sniff_utf16_without_bom(void **state)
{
	(void)state;
	SNIFF("I\0d\0,\0N\0a\0a\0m\0\n\0", ENC_UTF16LE, 0);
	SNIFF("\0I\0d\0,\0N\0a\0a\0m\0\n", ENC_UTF16BE, 0);
	/* a NUL or two in UTF-8 text is not UTF-16 */
	SNIFF("abc\0def,ghi\n", ENC_UTF8, 0);
}

static void
test_encoding_sniff_cp1252_on_invalid_utf8(void **state)
{
	(void)state;
	SNIFF("priv\xe9zaak;\x93quote\x94\n", ENC_CP1252, 0);
	SNIFF("\x80 5", ENC_CP1252, 0);
	/* a UTF-8 sequence cut off by the end of the chunk is still UTF-8 */
	SNIFF("priv\xc3", ENC_UTF8, 0);
}

static void
test_encoding_valid_utf8_rejects_bad_forms(void **state)
{
	(void)state;
	assert_int_equal(encoding_valid_utf8(U("\xf0\x9f\x98\x80 ok"), 7), 1);
	/* overlong */
	assert_int_equal(encoding_valid_utf8(U("\xc0\xaf"), 2), 0);
	assert_int_equal(encoding_valid_utf8(U("\xe0\x80\xaf"), 3), 0);
	/* surrogate */
	assert_int_equal(encoding_valid_utf8(U("\xed\xa0\x80"), 3), 0);
	assert_int_equal(encoding_valid_utf8(U("\xf4\x90\x80\x80"), 4), 0);
	assert_int_equal(encoding_valid_utf8(U("\xc3x"), 2), 0);
	/* cut off */
	assert_int_equal(encoding_valid_utf8(U("\xe2\x82"), 2), 1);
}

static void
test_encoding_name_and_parse(void **state)
{
	(void)state;
	assert_string_equal(encoding_name(ENC_UTF8), "utf-8");
	assert_string_equal(encoding_name(ENC_UTF8_BOM), "utf-8 with BOM");
	assert_string_equal(encoding_name(ENC_UTF16LE), "utf-16le");
	assert_string_equal(encoding_name(ENC_UTF16BE), "utf-16be");
	assert_string_equal(encoding_name(ENC_CP1252), "windows-1252");
	assert_string_equal(encoding_name(ENC_UNKNOWN), "unknown");
	assert_int_equal(encoding_parse("auto"), ENC_UNKNOWN);
	assert_int_equal(encoding_parse("UTF-8"), ENC_UTF8);
	assert_int_equal(encoding_parse("utf8"), ENC_UTF8);
	assert_int_equal(encoding_parse("UTF-16"), ENC_UTF16LE);
	assert_int_equal(encoding_parse("utf-16be"), ENC_UTF16BE);
	assert_int_equal(encoding_parse("Latin1"), ENC_CP1252);
	assert_int_equal(encoding_parse("cp1252"), ENC_CP1252);
	assert_int_equal(encoding_parse("ebcdic"), -1);
	assert_int_equal(encoding_parse(""), -1);
}

/* ---- conversion ---- */

static void
test_encconv_run_utf8_passes_through(void **state)
{
	const struct chunk ch[] = { C("priv\xc3"), C("\xa9zaak") };

	(void)state;
	convert(ENC_UTF8, ch, 2, "priv\xc3\xa9zaak", 0);
	convert(ENC_UTF8_BOM, ch, 2, "priv\xc3\xa9zaak", 0);
}

/* Invalid UTF-8 after the sniffed start is replaced and counted, also when
 * the bad sequence straddles two chunks; a sequence cut at the very end is
 * bad too. */
static void
test_encconv_run_utf8_invalid_replaced(void **state)
{
	const struct chunk bad[] = { C("ok \xe9 x"), C("\xc3"), C("(y") };
	const struct chunk cut[] = { C("a\xe2\x82") };

	(void)state;
	convert(ENC_UTF8, bad, 3,
	    "ok \xef\xbf\xbd x\xef\xbf\xbd(y", 2);
	convert(ENC_UTF8, cut, 1, "a\xef\xbf\xbd", 1);
}

static void
test_encconv_run_cp1252_e_acute(void **state)
{
	const struct chunk ch[] = { C("priv\xe9zaak \x80 \x93x\x94") };

	(void)state;
	convert(ENC_CP1252, ch, 1,
	    "priv\xc3\xa9zaak \xe2\x82\xac \xe2\x80\x9cx\xe2\x80\x9d", 0);
}

static void
test_encconv_run_cp1252_undefined_byte(void **state)
{
	const struct chunk ch[] = { C("a\x81z") };

	(void)state;
	convert(ENC_CP1252, ch, 1, "a\xef\xbf\xbdz", 1);
}

static void
test_encconv_run_utf16le_e_acute(void **state)
{
	const struct chunk ch[] = { C("c\0a\0f\0\xe9\0") };

	(void)state;
	convert(ENC_UTF16LE, ch, 1, "caf\xc3\xa9", 0);
}

static void
test_encconv_run_utf16be_e_acute(void **state)
{
	const struct chunk ch[] = { C("\0c\0a\0f\0\xe9") };

	(void)state;
	convert(ENC_UTF16BE, ch, 1, "caf\xc3\xa9", 0);
}

static void
test_encconv_run_sequence_split_across_chunks(void **state)
{
	/* "aé" and U+1F600 (a surrogate pair) cut at every odd place */
	const struct chunk ch[] = { C("a\0\xe9"), C("\0\x3d"), C("\xd8\0"),
	    C("\xde"), C("b\0") };

	(void)state;
	convert(ENC_UTF16LE, ch, 5, "a\xc3\xa9\xf0\x9f\x98\x80" "b", 0);
}

static void
test_encconv_run_utf16_odd_byte_count_is_bad(void **state)
{
	const struct chunk ch[] = { C("a\0b\0c") };

	(void)state;
	convert(ENC_UTF16LE, ch, 1, "ab\xef\xbf\xbd", 1);
}

static void
test_encconv_run_utf16_lone_surrogate_is_bad(void **state)
{
	const struct chunk ch[] = { C("a\0\x00\xdc" "b\0") };

	(void)state;
	convert(ENC_UTF16LE, ch, 1, "a\xef\xbf\xbd" "b", 1);
}

static void
test_encconv_run_large_input_grows_output(void **state)
{
	struct encconv c;
	unsigned char *in = malloc(20000);
	char *out = NULL;
	size_t outlen = 0, outalloc = 0, i;

	(void)state;
	for (i = 0; i < 20000; i++)
		in[i] = 0xe9;		/* 10000 x U+E9E9 in UTF-16LE */
	assert_int_equal(encconv_open(&c, ENC_UTF16LE), 0);
	encconv_run(&c, in, 20000, &out, &outlen, &outalloc, 1);
	assert_int_equal(outlen, 30000);
	assert_int_equal(c.nbad, 0);
	assert_memory_equal(out + 29997, "\xee\xa7\xa9", 3);
	encconv_close(&c);
	free(out);
	free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding_sniff_utf8_plain),
		cmocka_unit_test(test_encoding_sniff_utf8_bom),
		cmocka_unit_test(test_encoding_sniff_utf16_with_bom),
		cmocka_unit_test(test_encoding_sniff_utf16_without_bom),
		cmocka_unit_test(test_encoding_sniff_cp1252_on_invalid_utf8),
		cmocka_unit_test(test_encoding_valid_utf8_rejects_bad_forms),
		cmocka_unit_test(test_encoding_name_and_parse),
		cmocka_unit_test(test_encconv_run_utf8_passes_through),
		cmocka_unit_test(test_encconv_run_utf8_invalid_replaced),
		cmocka_unit_test(test_encconv_run_cp1252_e_acute),
		cmocka_unit_test(test_encconv_run_cp1252_undefined_byte),
		cmocka_unit_test(test_encconv_run_utf16le_e_acute),
		cmocka_unit_test(test_encconv_run_utf16be_e_acute),
		cmocka_unit_test(test_encconv_run_sequence_split_across_chunks),
		cmocka_unit_test(test_encconv_run_utf16_odd_byte_count_is_bad),
		cmocka_unit_test(test_encconv_run_utf16_lone_surrogate_is_bad),
		cmocka_unit_test(test_encconv_run_large_input_grows_output),
	};

	return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
