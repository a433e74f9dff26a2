/* textnorm.h -- tolerant text matching: the key under which question texts,
 * answer labels and header names are compared.  Case, accents, punctuation,
 * apostrophes and runs of white space do not count. */
#ifndef PLG_TEXTNORM_H
#define PLG_TEXTNORM_H

#include <stddef.h>

/* Normalised copy of s[0..len): ASCII lower case, Latin-1 accented letters
 * folded to their base letter, apostrophes dropped, any other punctuation
 * and white space turned into one space, no leading or trailing space.
 * Caller frees. */
char *textnorm(const char *s, size_t len);

/* Copy of s without leading and trailing white space (ASCII and NBSP).
 * Caller frees. */
char *textnorm_trim(const char *s, size_t len);

#endif /* PLG_TEXTNORM_H */
