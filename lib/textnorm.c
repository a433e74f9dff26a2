/* textnorm.c -- normalisation keys for tolerant matching of texts. */
#include <string.h>

#include "textnorm.h"
#include "xalloc.h"

/* Base letters for U+00C0..U+00FF; 0 = treat as punctuation. */
static const char latin1[64] =
    "aaaaaaaceeeeiiii"	/* C0-CF */
    "dnooooo\0ouuuuyts"	/* D0-DF: D7 is the multiplication sign */
    "aaaaaaaceeeeiiii"	/* E0-EF */
    "dnooooo\0ouuuuyty";	/* F0-FF: F7 is the division sign */

static int
is_alnum_ascii(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

char *
textnorm(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(len + 1), *o = out;
	size_t i = 0;
	int space = 0;

	while (i < len) {
		unsigned char c = p[i];
		char base = 0;
		size_t n = 1;

		if (c < 0x80) {
			if (is_alnum_ascii(c))
				base = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			else if (c == '\'' || c == '`') {
				i++;
				continue;	/* collega's = collegas */
			}
		} else if ((c == 0xc3) && i + 1 < len) {
			/* U+00C0..U+00FF are C3 80..C3 BF */
			if (p[i + 1] >= 0x80 && p[i + 1] < 0xc0)
				base = latin1[p[i + 1] - 0x80];
			n = 2;
		} else if (c == 0xc2 && i + 1 < len) {
			n = 2;	/* NBSP, guillemets, degree...: punctuation */
		} else if (c == 0xe2 && i + 2 < len && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0x98 || p[i + 2] == 0x99)) {
			i += 3;
			continue;	/* curly apostrophes */
		} else if (c == 0xe2 && i + 2 < len && p[i + 1] == 0x80) {
			n = 3;	/* dashes, quotes, ellipsis: punctuation */
		} else {
			/* another letter: keep its bytes */
			n = 1;
			while (i + n < len && (p[i + n] & 0xc0) == 0x80)
				n++;
			if (space && o > out)
				*o++ = ' ';
			space = 0;
			memcpy(o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		i += n;
		if (base == 0) {
			space = 1;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = base;
	}
	*o = '\0';
	return out;
}

char *
textnorm_trim(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' ||
	    *s == '\n')) {
		s++;
		len--;
	}
	if (len >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] == 0xa0)
		return textnorm_trim(s + 2, len - 2);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (len >= 2 && (unsigned char)s[len - 2] == 0xc2 &&
	    (unsigned char)s[len - 1] == 0xa0)
		return textnorm_trim(s, len - 2);
	return xstrndup(s, len);
}
