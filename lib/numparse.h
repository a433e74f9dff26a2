/* numparse.h -- strict number parsing: the whole field is a finite decimal
 * number (surrounding blanks allowed) or it is an error.  No hex, no "nan",
 * no "inf", no thousands separators.  One-digit fields, the common case for
 * Likert answers, take a fast path. */
#ifndef PLG_NUMPARSE_H
#define PLG_NUMPARSE_H

/* 0 and *out set, or -1 (*out untouched). */
int num_parse(const char *s, double *out);
/* Like num_parse, but also accepts one decimal comma ("3,5"). */
int num_parse_comma(const char *s, double *out);

#endif /* PLG_NUMPARSE_H */
