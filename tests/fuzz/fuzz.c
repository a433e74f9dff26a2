/* fuzz.c -- helpers shared by the harnesses (see fuzz.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

#include "diag.h"
#include "fuzz.h"

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	return path;
}

void
fuzz_quiet(void)
{
	/* the tools' diagnostics off, libFuzzer's own reports kept */
	plg_silent = getenv("FUZZ_VERBOSE") == NULL;
}
