/* fuzz_score.c -- plg-score's reading of responses and of partial files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "instrument.h"
#include "score.h"

static struct instrument ins;
static FILE *devnull;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scorer sc;
	const char *path;

	fuzz_quiet();
	if (ins.nitem == 0 && instrument_load(&ins, NULL) != 0)
		abort();
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	path = fuzz_file(data, size);
	/* as responses, grouped twice, with item rows */
	scorer_init(&sc, &ins, devnull);
	sc.items = 1;
	sc.listwise = 1;
	scorer_add_set(&sc, "school");
	scorer_add_set(&sc, "team,role_group");
	scorer_file(&sc, path);
	scorer_finish(&sc);
	scorer_release(&sc);
	/* as a partial file */
	scorer_init(&sc, &ins, devnull);
	sc.items = 1;
	scorer_merge_file(&sc, path);
	scorer_finish(&sc);
	scorer_release(&sc);
	return 0;
}
