/* fuzz_survey.c -- plg-survey end to end: layout detection, header
 * mapping, recoding, on any file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "instrument.h"
#include "survey.h"

static struct instrument ins;
static FILE *devnull;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct survey sv;
	char *paths[1];

	fuzz_quiet();
	if (ins.nitem == 0 && instrument_load(&ins, NULL) != 0)
		abort();
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	paths[0] = (char *)fuzz_file(data, size);
	survey_init(&sv, &ins, devnull);
	survey_prescan(&sv, paths, 1);
	survey_file(&sv, paths[0]);
	survey_finish(&sv);
	survey_release(&sv);
	return 0;
}
