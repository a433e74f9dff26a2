/* numparse.c -- strict decimal number parsing in the C locale. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numparse.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Check the shape: [sign] digits [. digits] [e [sign] digits]. */
static int
well_formed(const char *s, const char *end)
{
	int digits = 0;

	if (s < end && (*s == '+' || *s == '-'))
		s++;
	while (s < end && *s >= '0' && *s <= '9')
		s++, digits++;
	if (s < end && *s == '.')
		for (s++; s < end && *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return 0;
	if (s < end && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < end && (*s == '+' || *s == '-'))
			s++;
		if (s == end || !(*s >= '0' && *s <= '9'))
			return 0;
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	}
	return s == end;
}

int
num_parse(const char *s, double *out)
{
	const char *end;
	char *e;
	double x;

	if (s[0] >= '0' && s[0] <= '9' && s[1] == '\0') {
		*out = s[0] - '0';
		return 0;
	}
	while (blank(*s))
		s++;
	end = s + strlen(s);
	while (end > s && blank(end[-1]))
		end--;
	if (!well_formed(s, end))
		return -1;
	errno = 0;
	x = strtod(s, &e);
	if (e != end || !isfinite(x) || (errno == ERANGE && fabs(x) > 1))
		return -1;
	*out = x == 0 ? 0 : x;
	return 0;
}

int
num_parse_comma(const char *s, double *out)
{
	char buf[64], *c;
	size_t n = strlen(s);

	if (num_parse(s, out) == 0)
		return 0;
	if (n >= sizeof(buf) || (c = strchr(s, ',')) == NULL ||
	    strchr(c + 1, ',') != NULL || strchr(s, '.') != NULL)
		return -1;
	memcpy(buf, s, n + 1);
	buf[c - s] = '.';
	return num_parse(buf, out);
}
