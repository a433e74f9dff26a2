/* fuzz_report.c -- plg-report's reading of scores, anonymity, and every
 * text format rendered from whatever it read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "instrument.h"
#include "render.h"
#include "report.h"

static struct instrument ins;
static FILE *devnull;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report r;
	struct render_opts o;

	fuzz_quiet();
	if (ins.nitem == 0 && instrument_load(&ins, NULL) != 0)
		abort();
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if (report_load(&r, &ins, fuzz_file(data, size)) == 0) {
		report_suppress(&r, 3);
		memset(&o, 0, sizeof(o));
		o.lang = size % 2 ? LANG_NL : LANG_EN;
		o.width = 80;
		o.delim = ',';
		render_text(&r, &o, devnull);
		render_md(&r, &o, devnull);
		render_csv(&r, &o, devnull);
		render_html(&r, &o, devnull);
	}
	report_release(&r);
	return 0;
}
