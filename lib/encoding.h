/* encoding.h -- guess the character encoding of an export and convert it to
 * UTF-8 as it streams (iconv).  Owns the BOM rules: UTF-8, UTF-16LE/BE with a
 * BOM, UTF-16 without one (by its NUL bytes), and Windows-1252 when the text is
 * not valid UTF-8. */
#ifndef PLG_ENCODING_H
#define PLG_ENCODING_H

#include <stddef.h>

enum encoding {
	ENC_UNKNOWN = 0,	/* not decided yet: sniff the first bytes */
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_CP1252
};

/* Name shown to users ("utf-8", "utf-8 with BOM", "windows-1252", ...). */
const char *encoding_name(enum encoding enc);

/* Parse a user's --encoding argument; ENC_UNKNOWN for "auto", -1 if unknown. */
int encoding_parse(const char *s);

/* Guess from the first len bytes of a file (len may be short).  *bom gets the
 * number of BOM bytes to skip. */
enum encoding encoding_sniff(const unsigned char *s, size_t len, size_t *bom);

/* 1 if s[0..len) is valid UTF-8; a sequence cut off at the very end counts
 * as valid (the next chunk may complete it). */
int encoding_valid_utf8(const unsigned char *s, size_t len);

/* Streaming conversion to UTF-8.  Ownership: encconv_open allocates the iconv
 * descriptor, encconv_close frees it. */
struct encconv {
	enum encoding enc;
	void *cd;		/* iconv_t, or NULL for pass-through UTF-8 */
	unsigned char carry[8];	/* bytes of an incomplete sequence */
	size_t ncarry;
	unsigned long nbad;	/* invalid sequences replaced by U+FFFD */
};
int encconv_open(struct encconv *c, enum encoding enc);	/* 0, or -1 */
/* Convert in[0..inlen) and append UTF-8 to *out (grown with xgrow; *outlen
 * bytes used, *outalloc allocated).  final=1 at end of input: a dangling
 * incomplete sequence then counts as bad. */
void encconv_run(struct encconv *c, const unsigned char *in, size_t inlen,
    char **out, size_t *outlen, size_t *outalloc, int final);
void encconv_close(struct encconv *c);

#endif /* PLG_ENCODING_H */
