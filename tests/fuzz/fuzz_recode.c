/* fuzz_recode.c -- answer recoding and header matching on any text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "fuzz.h"
#include "instrument.h"
#include "recode.h"
#include "textnorm.h"

static struct instrument ins;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recoder rc;
	struct colmap cm;
	struct colmap_col col;
	char *s = malloc(size + 1), *norm;
	char *hdr[1];
	double v;

	fuzz_quiet();
	if (ins.nitem == 0 && instrument_load(&ins, NULL) != 0)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	recoder_init(&rc, &ins);
	recoder_run(&rc, s, strlen(s), &v);
	recoder_run(&rc, s, strlen(s), &v);	/* the cached path */
	recoder_release(&rc);
	norm = textnorm(s, strlen(s));
	free(norm);
	colmap_init(&cm, &ins);
	hdr[0] = s;
	colmap_classify(&cm, hdr, 1, &col, NULL, 1);
	colmap_release(&cm);
	free(s);
	return 0;
}
