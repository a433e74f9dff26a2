/* xalloc.h -- allocation that cannot fail: on ENOMEM print a message and
 * exit 2.  The only library code allowed to exit; everything else returns
 * errors to its caller. */
#ifndef PLG_XALLOC_H
#define PLG_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);			/* caller frees */
void *xcalloc(size_t nmemb, size_t size);	/* caller frees; zeroed */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);			/* caller frees */
char *xstrndup(const char *s, size_t n);	/* caller frees */
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (ap is used once, as by vprintf); caller frees. */
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Grow *p (holding *alloc elements of size) so it holds at least need. */
void xgrow(void **p, size_t *alloc, size_t need, size_t size);
#define XGROW(p, alloc, need) \
	xgrow((void **)&(p), &(alloc), (need), sizeof(*(p)))

#endif /* PLG_XALLOC_H */
