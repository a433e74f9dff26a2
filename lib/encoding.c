/* encoding.c -- encoding sniffing and streaming conversion to UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "encoding.h"
#include "xalloc.h"

static const struct {
	enum encoding enc;
	const char *name;	/* shown to users */
	const char *iconv;	/* iconv's name, NULL = no conversion */
} encodings[] = {
	{ ENC_UTF8, "utf-8", NULL },
	{ ENC_UTF8_BOM, "utf-8 with BOM", NULL },
	{ ENC_UTF16LE, "utf-16le", "UTF-16LE" },
	{ ENC_UTF16BE, "utf-16be", "UTF-16BE" },
	{ ENC_CP1252, "windows-1252", "WINDOWS-1252" },
};

const char *
encoding_name(enum encoding enc)
{
	size_t i;

	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
		if (encodings[i].enc == enc)
			return encodings[i].name;
	return "unknown";
}

int
encoding_parse(const char *s)
{
	static const struct { const char *name; enum encoding enc; } alias[] = {
		{ "auto", ENC_UNKNOWN }, { "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
		{ "utf-16le", ENC_UTF16LE }, { "utf-16be", ENC_UTF16BE },
		{ "utf-16", ENC_UTF16LE }, { "windows-1252", ENC_CP1252 },
		{ "cp1252", ENC_CP1252 }, { "latin1", ENC_CP1252 },
		{ "iso-8859-1", ENC_CP1252 }, { "ansi", ENC_CP1252 },
	};
	size_t i;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcasecmp(s, alias[i].name) == 0)
			return alias[i].enc;
	return -1;
}

/* Length of the UTF-8 sequence starting at s (max n bytes): >0 valid,
 * 0 truncated at n, -1 invalid. */
static int
utf8_seqlen(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	int len, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return -1;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return 0;
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return -1;
	return len;
}

int
encoding_valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seqlen(s + i, len - i);
		if (n < 0)
			return 0;
		if (n == 0)
			return 1;
		i += (size_t)n;
	}
	return 1;
}

enum encoding
encoding_sniff(const unsigned char *s, size_t len, size_t *bom)
{
	size_t i, zeven = 0, zodd = 0;

	*bom = 0;
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		*bom = 3;
		return ENC_UTF8_BOM;
	}
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe) {
		*bom = 2;
		return ENC_UTF16LE;
	}
	if (len >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		*bom = 2;
		return ENC_UTF16BE;
	}
	for (i = 0; i < len && i < 512; i++) {
		if (s[i] != 0)
			continue;
		if (i % 2)
			zodd++;
		else
			zeven++;
	}
	/* ASCII text in UTF-16 has a NUL in every other byte. */
	if (i >= 4 && zodd > i / 4 && zeven == 0)
		return ENC_UTF16LE;
	if (i >= 4 && zeven > i / 4 && zodd == 0)
		return ENC_UTF16BE;
	return encoding_valid_utf8(s, len) ? ENC_UTF8 : ENC_CP1252;
}

int
encconv_open(struct encconv *c, enum encoding enc)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->enc = enc;
	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++) {
		if (encodings[i].enc != enc || encodings[i].iconv == NULL)
			continue;
		iconv_t cd = iconv_open("UTF-8", encodings[i].iconv);
		if (cd == (iconv_t)-1)
			return -1;
		c->cd = cd;
	}
	return 0;
}

static void
append(char **out, size_t *outlen, size_t *outalloc, const void *s, size_t n)
{
	xgrow((void **)out, outalloc, *outlen + n + 1, 1);
	if (n > 0)	/* s is NULL at the end of input */
		memcpy(*out + *outlen, s, n);
	*outlen += n;
}

/* UTF-8 passes through, but checked: an invalid sequence becomes U+FFFD
 * and is counted, a sequence cut by the chunk boundary waits in carry. */
static void
utf8_check(struct encconv *c, const unsigned char *in, size_t inlen,
    char **out, size_t *outlen, size_t *outalloc, int final)
{
	unsigned char tmp[8];
	size_t i = 0, run = 0, need;
	int n;

	while (c->ncarry > 0 && inlen > 0) {	/* finish a cut sequence */
		c->carry[c->ncarry++] = *in++;
		inlen--;
		n = utf8_seqlen(c->carry, c->ncarry);
		if (n == 0 && c->ncarry < 4)
			continue;
		memcpy(tmp, c->carry, c->ncarry);
		need = c->ncarry;
		c->ncarry = 0;
		if (n > 0) {
			append(out, outlen, outalloc, tmp, need);
			if ((size_t)n < need)	/* cannot happen; be safe */
				c->nbad++;
		} else {
			c->nbad++;
			append(out, outlen, outalloc, "\xef\xbf\xbd", 3);
			/* the bytes after the bad lead byte are read again */
			utf8_check(c, tmp + 1, need - 1, out, outlen, outalloc, 0);
		}
	}
	while (i < inlen) {
		if (in[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seqlen(in + i, inlen - i);
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		append(out, outlen, outalloc, in + run, i - run);
		if (n == 0 && !final) {		/* cut: wait for the rest */
			memcpy(c->carry, in + i, inlen - i);
			c->ncarry = inlen - i;
			return;
		}
		c->nbad++;
		append(out, outlen, outalloc, "\xef\xbf\xbd", 3);
		run = ++i;
	}
	if (inlen > run)	/* in is NULL at the end of input */
		append(out, outlen, outalloc, in + run, inlen - run);
	if (final && c->ncarry > 0) {
		c->nbad++;
		c->ncarry = 0;
		append(out, outlen, outalloc, "\xef\xbf\xbd", 3);
	}
}

void
encconv_run(struct encconv *c, const unsigned char *in, size_t inlen,
    char **out, size_t *outlen, size_t *outalloc, int final)
{
	unsigned char tmp[sizeof(c->carry) + 8];
	size_t used;

	if (c->cd == NULL) {
		utf8_check(c, in, inlen, out, outlen, outalloc, final);
		return;
	}
	/* Complete a sequence carried over from the previous chunk first. */
	while (c->ncarry > 0 && inlen > 0) {
		used = c->ncarry;
		memcpy(tmp, c->carry, used);
		tmp[used++] = *in++;
		inlen--;
		c->ncarry = 0;
		encconv_run(c, tmp, used, out, outlen, outalloc, 0);
	}
	while (inlen > 0) {
		char *ip = (char *)in, *op;
		size_t il = inlen, ol, room;

		xgrow((void **)out, outalloc, *outlen + inlen * 3 + 16, 1);
		room = *outalloc - *outlen - 1;
		op = *out + *outlen;
		ol = room;
		size_t r = iconv((iconv_t)c->cd, &ip, &il, &op, &ol);
		*outlen += room - ol;
		used = inlen - il;
		in += used;
		inlen -= used;
		if (r != (size_t)-1 || inlen == 0)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && inlen < sizeof(c->carry)) {
			memcpy(c->carry, in, inlen);
			c->ncarry = inlen;
			break;
		}
		/* EILSEQ: skip one code unit, emit U+FFFD. */
		c->nbad++;
		append(out, outlen, outalloc, "\xef\xbf\xbd", 3);
		used = (c->enc == ENC_UTF16LE || c->enc == ENC_UTF16BE) ? 2 : 1;
		if (used > inlen)
			used = inlen;
		in += used;
		inlen -= used;
	}
	if (final && c->ncarry > 0) {
		c->nbad++;
		c->ncarry = 0;
		append(out, outlen, outalloc, "\xef\xbf\xbd", 3);
	}
}

void
encconv_close(struct encconv *c)
{
	if (c->cd != NULL)
		iconv_close((iconv_t)c->cd);
	c->cd = NULL;
}
