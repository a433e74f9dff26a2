/* replay.c -- run a harness on files without libFuzzer (any compiler): the
 * regression corpus of every crash ever found runs in `make check`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		uint8_t *buf = NULL;
		size_t len = 0, n;

		if (fp == NULL) {
			perror(argv[i]);
			return 2;
		}
		do {
			buf = realloc(buf, len + 65536);
			if (buf == NULL)
				return 2;
			n = fread(buf + len, 1, 65536, fp);
			len += n;
		} while (n > 0);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	return 0;
}
