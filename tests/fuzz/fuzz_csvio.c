/* fuzz_csvio.c -- CSV reading with encoding and delimiter detection. */
#include <stdint.h>
#include <string.h>

#include "csvio.h"
#include "fuzz.h"

static int
count(void *ctx, const struct csvio_record *rec)
{
	size_t i, *n = ctx;

	for (i = 0; i < rec->nfield; i++)	/* touch every byte */
		*n += strlen(rec->field[i]) == rec->len[i];
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvio_reader r;
	size_t n = 0;

	fuzz_quiet();
	memset(&r, 0, sizeof(r));
	r.max_record = 1 << 20;
	csvio_read_buffer(&r, "fuzz", (const char *)data, size, count, &n);
	csvio_close(&r);
	return 0;
}
