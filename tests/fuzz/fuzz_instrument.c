/* fuzz_instrument.c -- the instrument file parser. */
#include <stdint.h>

#include "fuzz.h"
#include "instrument.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct instrument ins;

	fuzz_quiet();
	if (instrument_parse(&ins, "fuzz", (const char *)data, size) == 0)
		instrument_release(&ins);
	return 0;
}
