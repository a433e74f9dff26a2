/* ceiling.c -- the libcsv parse ceiling for make bench: read a file (or
 * stdin) in 64 KiB chunks, parse it with libcsv (the options csvio uses),
 * count records and fields, and print the counts.  Nothing any plg tool
 * does on top of libcsv can be faster than this.
 *
 *   ceiling [-d delim] [file]
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long fields, records;
};

static void
on_field(void *data, size_t len, void *ctx)
{
	(void)data;
	(void)len;
	((struct counts *)ctx)->fields++;
}

static void
on_record(int c, void *ctx)
{
	(void)c;
	((struct counts *)ctx)->records++;
}

int
main(int argc, char **argv)
{
	static char buf[65536];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	FILE *fp = stdin;
	size_t len;
	int ch, delim = ',';

	while ((ch = getopt(argc, argv, "d:")) != -1) {
		if (ch != 'd') {
			fprintf(stderr, "usage: ceiling [-d delim] [file]\n");
			return 2;
		}
		delim = (unsigned char)optarg[0];
	}
	if (optind < argc && strcmp(argv[optind], "-") != 0 &&
	    (fp = fopen(argv[optind], "rb")) == NULL) {
		perror(argv[optind]);
		return 2;
	}
	if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_APPEND_NULL |
	    CSV_STRICT_FINI) != 0)
		return 2;
	csv_set_delim(&p, (unsigned char)delim);
	while ((len = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, len, on_field, on_record, &n) != len) {
			fprintf(stderr, "ceiling: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, on_field, on_record, &n);
	csv_free(&p);
	printf("%lu records, %lu fields\n", n.records, n.fields);
	return 0;
}
