/* gen.c -- deterministic survey data for the benchmark (make bench).
 *
 *   gen [-s seed] [-S schools] [-m missing%] raw|responses|na ROWS
 *
 * writes ROWS respondents of the default instrument to standard output as
 *   raw        a Microsoft Forms export saved from a Dutch Excel: UTF-8 BOM,
 *              ';' between fields, the Dutch statements as headers, the
 *              answers as Dutch labels ("Helemaal eens", "Weet niet"), and
 *              personal data (name, e-mail) that plg-survey drops;
 *   responses  what plg-survey makes of that same raw file, byte for byte
 *              (respondent,school,team,role,role_group,<item codes>);
 *   na         the responses with NA in every empty cell, for GNU datamash,
 *              whose --narm skips NA but stops at an empty cell.
 * Answers follow a simple latent-trait model (a school effect plus a
 * respondent effect per framework, plus noise; reverse-keyed items answered
 * the other way round), so alphas are realistic.  Schools are drawn at
 * random for each respondent: rows are not sorted by school.  The same seed
 * and sizes always give the same bytes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "instrument.h"

enum format { RAW, RESPONSES, NA };

static uint64_t rng_state;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
unif(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

/* Roughly normal (sum of four uniforms), mean 0, sd about sd. */
static double
noise(double sd)
{
	return (unif() + unif() + unif() + unif() - 2) * 1.732 * sd;
}

static const char *const teams[] = { "Onderbouw (groep 1-2)",
    "Middenbouw (groep 3-5)", "Bovenbouw (groep 6-8)", "Ondersteuning" };
static const struct { const char *role, *group; int weight; } roles[] = {
	{ "Leerkracht", "teacher", 70 },
	{ "Onderwijsassistent", "support", 10 },
	{ "Intern begeleider", "support", 8 },
	{ "Teamleider", "leader", 7 },
	{ "Directeur", "leader", 5 },
};
/* Label of each value 1..5 in the raw export (the instrument's own). */
static const char *const labels[] = { NULL, "Helemaal oneens", "Oneens",
    "Neutraal", "Eens", "Helemaal eens" };

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-s seed] [-S schools] [-m missing%%] "
	    "raw|responses|na ROWS\n");
	exit(2);
}

static void
header(const struct instrument *ins, enum format f)
{
	size_t i;

	if (f == RAW) {
		fputs("\xef\xbb\xbfId;Begintijd;Tijd van voltooien;E-mail;Naam;"
		    "School;In welk team werk je?;Wat is je functie?", stdout);
		for (i = 0; i < ins->nitem; i++)
			printf(";%s", ins->item[i].text[LANG_NL]);
		fputs(";Wil je nog iets toevoegen?\r\n", stdout);
		return;
	}
	fputs("respondent,school,team,role,role_group", stdout);
	for (i = 0; i < ins->nitem; i++)
		printf(",%s", ins->item[i].code);
	putchar('\n');
}

static void
row(const struct instrument *ins, enum format f, unsigned long id,
    unsigned long nschool, double missing, const double *school_eff)
{
	unsigned long s = (unsigned long)(rng() % nschool);
	int w = (int)(rng() % 100), r = 0, t = (int)(rng() % 4);
	double trait[16];
	size_t i, fw;

	while (w >= roles[r].weight)
		w -= roles[r++].weight;
	for (i = 0; i < 16; i++)
		trait[i] = school_eff[s] + noise(0.6);
	if (f == RAW)
		printf("%lu;1-10-2026 8:%02lu:00;1-10-2026 8:%02lu:30;"
		    "collega%lu@school%05lu.example;Collega %lu;"
		    "Basisschool %05lu;%s;%s", id, id % 60, id % 60, id, s, id,
		    s, teams[t], roles[r].role);
	else
		printf("R%04lu,Basisschool %05lu,%s,%s,%s", id, s, teams[t],
		    roles[r].role, roles[r].group);
	for (i = 0; i < ins->nitem; i++) {
		double x;
		int v;

		fw = ins->item[i].scale;
		while (ins->scale[fw].parent >= 0)
			fw = (size_t)ins->scale[fw].parent;
		x = 3.4 + trait[fw % 16] + noise(0.8);
		v = (int)lround(x);
		v = v < 1 ? 1 : v > 5 ? 5 : v;
		if (ins->item[i].reverse)
			v = 6 - v;
		putchar(f == RAW ? ';' : ',');
		if (unif() < missing) {
			/* in the export, some missing answers are "Weet niet" */
			int dontknow = unif() < 0.3;
			if (f == RAW && dontknow)
				fputs("Weet niet", stdout);
			else if (f == NA)
				fputs("NA", stdout);
			continue;
		}
		if (f == RAW)
			fputs(labels[v], stdout);
		else
			putchar('0' + v);
	}
	fputs(f == RAW ? ";\r\n" : "\n", stdout);
}

int
main(int argc, char **argv)
{
	struct instrument ins;
	unsigned long rows, nschool = 2500, id, s, seed = 7;
	double missing = 0.03, *school_eff;
	enum format f;
	int ch;

	while ((ch = getopt(argc, argv, "m:s:S:")) != -1) {
		switch (ch) {
		case 'm': missing = atof(optarg) / 100; break;
		case 's': seed = strtoul(optarg, NULL, 10); break;
		case 'S': nschool = strtoul(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (argc - optind != 2 || nschool == 0)
		usage();
	if (strcmp(argv[optind], "raw") == 0)
		f = RAW;
	else if (strcmp(argv[optind], "responses") == 0)
		f = RESPONSES;
	else if (strcmp(argv[optind], "na") == 0)
		f = NA;
	else
		usage();
	rows = strtoul(argv[optind + 1], NULL, 10);
	if (instrument_load(&ins, NULL) != 0)
		return 2;
	rng_state = seed;
	school_eff = calloc(nschool, sizeof(double));
	if (school_eff == NULL)
		return 2;
	for (s = 0; s < nschool; s++)
		school_eff[s] = noise(0.3);
	header(&ins, f);
	for (id = 1; id <= rows; id++)
		row(&ins, f, id, nschool, missing, school_eff);
	free(school_eff);
	instrument_release(&ins);
	return fflush(stdout) != 0 || ferror(stdout) ? 2 : 0;
}
