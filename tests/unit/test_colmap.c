/* test_colmap.c -- recognising the columns of an export: items by code or
 * statement text, metadata, personal data, platform ids, the map file. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plgtest.h"
#include "colmap.h"
#include "instrument.h"
#include "recode.h"

static struct instrument ins;

/* ---- helpers ---- */

static int
setup(void **state)
{
	struct colmap *cm = malloc(sizeof(*cm));

	if (cm == NULL)
		return -1;
	colmap_init(cm, &ins);
	*state = cm;
	return 0;
}

static int
teardown(void **state)
{
	colmap_release(*state);
	free(*state);
	return 0;
}

/* Classify one header alone; it must be an item with this code, found the
 * way why says. */
static void
is_item(struct colmap *cm, const char *header, const char *code,
    const char *why)
{
	struct colmap_col c;
	char *h[1];

	h[0] = (char *)header;
	capture_start();
	assert_int_equal(colmap_classify(cm, h, 1, &c, "f.csv", 1), 0);
	assert_string_equal(capture_end(), "");
	if (c.kind != COL_ITEM)
		fail_msg("'%s' is %s, not item %s", header,
		    colmap_kind_name(c.kind), code);
	assert_string_equal(ins.item[c.target].code, code);
	assert_string_equal(c.why, why);
}

/* Classify one header alone; it must be of kind k (for metadata: named
 * meta). */
static void
is_kind(struct colmap *cm, const char *header, enum col_kind k,
    const char *meta)
{
	struct colmap_col c;
	char *h[1];

	h[0] = (char *)header;
	assert_int_equal(colmap_classify(cm, h, 1, &c, "f.csv", 1), 0);
	if (c.kind != k)
		fail_msg("'%s' is %s, not %s", header, colmap_kind_name(c.kind),
		    colmap_kind_name(k));
	if (k == COL_META)
		assert_string_equal(cm->meta[c.target], meta);
}

/* Write text to a new temporary file; path must be a mkstemp template. */
static void
write_temp(char *path, const char *text)
{
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* ---- items ---- */

static void
test_colmap_classify_item_codes(void **state)
{
	is_item(*state, "PC1", "PC1", "item code");
	is_item(*state, "pc1", "PC1", "item code");
	is_item(*state, "[IC3]", "IC3", "item code");
	is_item(*state, "OC2. In het rooster", "OC2", "item code");
	is_item(*state, "LF1a: Op onze school", "LF1a", "item code");
	is_item(*state, "RA3 - De schoolleiding", "RA3", "item code");
	is_kind(*state, "PC10", COL_IGNORED, NULL);
	is_kind(*state, "PC1b", COL_IGNORED, NULL);
}

static void
test_colmap_classify_statement_dutch(void **state)
{
	is_item(*state, "Tussen collega's op onze school heerst een klimaat "
	    "van vertrouwen en respect.", "IC1", "statement text");
	is_item(*state, "Op onze school wordt wat er in een les gebeurt gezien "
	    "als een priv\xc3\xa9zaak van de leraar.", "IC5", "statement text");
}

static void
test_colmap_classify_statement_english(void **state)
{
	is_item(*state, "There is no time in the timetable to visit each "
	    "other's lessons.", "OC2", "statement text");
	is_item(*state, "We make sure good initiatives last, even when people "
	    "leave.", "LF5f", "statement text");
}

static void
test_colmap_classify_statement_tolerant(void **state)
{
	/* case, accents, apostrophes and punctuation changed */
	is_item(*state, "TUSSEN COLLEGAS OP ONZE SCHOOL HEERST EEN KLIMAAT "
	    "VAN VERTROUWEN EN RESPECT", "IC1", "statement text");
	is_item(*state, "Op onze school wordt wat er in een les gebeurt, "
	    "gezien als een privezaak van de leraar!", "IC5", "statement text");
	is_item(*state, "  there is no time in the timetable to visit each "
	    "other\xe2\x80\x99s lessons  ", "OC2", "statement text");
}

static void
test_colmap_classify_grid_brackets(void **state)
{
	/* Google Forms: the brackets end the header; they count first */
	is_item(*state, "Stellingen [Ik sta regelmatig stil bij het verschil "
	    "tussen wat ik bij leerlingen wil bereiken en wat ik werkelijk "
	    "bereik.]", "PC1", "statement text in brackets");
	is_item(*state, "Hoe eens bent u het met: [De schoolleiding betrekt "
	    "leraren bij de belangrijke beslissingen in de school] (verplicht)",
	    "RA1", "statement text in brackets");
}

static void
test_colmap_classify_numbered_statement(void **state)
{
	is_item(*state, "3. Ik ga na of mijn opvattingen over leren en "
	    "lesgeven nog passen bij de leerlingen van nu.", "PC3",
	    "statement text after a prefix");
	is_item(*state, "Q12 - We adapt our approach to the situation and to "
	    "the different ways in which pupils learn.", "LF1c",
	    "statement text after a prefix");
	/* a short text is not matched at the end of a longer header */
	is_kind(*state, "Vraag 7: Eens", COL_IGNORED, NULL);
}

/* ---- metadata, personal data, ids ---- */

static void
test_colmap_classify_metadata_names(void **state)
{
	struct colmap *cm = *state;

	is_kind(cm, "School", COL_META, "school");
	is_kind(cm, "Naam van de school", COL_META, "school");
	is_kind(cm, "In welk team werk je?", COL_META, "team");
	is_kind(cm, "Afdeling", COL_META, "team");
	is_kind(cm, "Wat is je functie?", COL_META, "role");
	is_kind(cm, "What is your role?", COL_META, "role");
	is_kind(cm, "Meting", COL_META, "wave");
	is_kind(cm, "Schooljaar", COL_META, "wave");
	assert_int_equal(cm->nmeta, 4);
	assert_string_equal(cm->meta[0], "school");
	assert_string_equal(cm->meta[3], "wave");
}

static void
test_colmap_classify_personal_columns(void **state)
{
	struct colmap *cm = *state;
	const char *const personal[] = { "Naam", "Name", "E-mail",
	    "E-mailadres", "Email Address", "IP Address", "IP-adres",
	    "RecipientEmail", "RecipientFirstName", "RecipientLastName",
	    "LocationLatitude", "Volledige naam", "Voornaam", "Achternaam",
	    "Telefoonnummer", "Uw e-mail (optioneel)", "Naam van de leerkracht",
	    "Token", "ExternalReference" };
	size_t i;

	for (i = 0; i < sizeof(personal) / sizeof(personal[0]); i++)
		is_kind(cm, personal[i], COL_PERSONAL, NULL);
	assert_int_equal(cm->nmeta, 0);
}

static void
test_colmap_classify_platform_id(void **state)
{
	is_kind(*state, "Id", COL_PLATFORM_ID, NULL);
	is_kind(*state, "ID", COL_PLATFORM_ID, NULL);
	is_kind(*state, "Response ID", COL_PLATFORM_ID, NULL);
	is_kind(*state, "ResponseId", COL_PLATFORM_ID, NULL);
	is_kind(*state, "Respondent ID", COL_PLATFORM_ID, NULL);
}

static void
test_colmap_classify_ignored(void **state)
{
	is_kind(*state, "Begintijd", COL_IGNORED, NULL);
	is_kind(*state, "Tijd van voltooien", COL_IGNORED, NULL);
	is_kind(*state, "Wil je nog iets toevoegen?", COL_IGNORED, NULL);
	is_kind(*state, "", COL_IGNORED, NULL);
}

static void
test_colmap_classify_ms_forms_header(void **state)
{
	struct colmap *cm = *state;
	char *h[] = { "Id", "Begintijd", "E-mail", "Naam",
	    "In welk team werk je?", "Wat is je functie?", "PC2",
	    ("Als team beschikken we over de vaardigheden om samen kritisch op "
	    "ons werk te reflecteren.") };
	struct colmap_col c[8];

	assert_int_equal(colmap_classify(cm, h, 8, c, "f.csv", 1), 0);
	assert_int_equal(c[0].kind, COL_PLATFORM_ID);
	assert_int_equal(c[1].kind, COL_IGNORED);
	assert_int_equal(c[2].kind, COL_PERSONAL);
	assert_int_equal(c[3].kind, COL_PERSONAL);
	assert_int_equal(c[4].kind, COL_META);
	assert_string_equal(cm->meta[c[4].target], "team");
	assert_int_equal(c[5].kind, COL_META);
	assert_string_equal(cm->meta[c[5].target], "role");
	assert_int_equal(c[6].kind, COL_ITEM);
	assert_int_equal(c[6].target, 1);
	assert_int_equal(c[7].kind, COL_ITEM);
	assert_string_equal(ins.item[c[7].target].code, "IC6");
}

static void
test_colmap_keep_meta_option(void **state)
{
	struct colmap *cm = *state;

	colmap_keep(cm, "Vestiging nr.", NULL);
	colmap_keep(cm, "Groep", "klas");
	colmap_keep(cm, "PC1", "pc1_as_meta");	/* wins over the item code */
	is_kind(cm, "vestiging NR", COL_META, "vestiging_nr");
	is_kind(cm, "Groep", COL_META, "klas");
	is_kind(cm, "PC1", COL_META, "pc1_as_meta");
	assert_int_equal(colmap_meta(cm, "klas"), 1);
	assert_int_equal(colmap_meta(cm, "new"), 3);
	assert_int_equal(cm->nmeta, 4);
}

/* ---- problems ---- */

static void
test_colmap_classify_two_columns_one_item(void **state)
{
	struct colmap *cm = *state;
	char *h[] = { "Id", "PC1", "Ik sta regelmatig stil bij het verschil "
	    "tussen wat ik bij leerlingen wil bereiken en wat ik werkelijk "
	    "bereik.", "Team", "Afdeling" };
	struct colmap_col c[5];

	capture_start();
	assert_int_equal(colmap_classify(cm, h, 5, c, "f.csv", 3), 2);
	assert_string_equal(capture_end(),
	    "plg:f.csv:3: columns 2 and 3 both map to item PC1; say which in a "
	    "map file\n"
	    "plg:f.csv:3: columns 4 and 5 are both metadata 'team'; rename one "
	    "with --meta\n");
	/* no file: counted, not reported */
	capture_start();
	assert_int_equal(colmap_classify(cm, h, 5, c, NULL, 3), 2);
	assert_string_equal(capture_end(), "");
}

static void
test_colmap_classify_one_column_two_items(void **state)
{
	static const char text[] = "type,code,parent,value,nl,en\n"
	    "range,,,1..5,,\n"
	    "answer,1,,1,Oneens,Disagree\n"
	    "scale,s,,,S,S\n"
	    "item,A1,s,,Ik werk graag samen met collega's,I like teamwork\n"
	    "item,A2,s,,Ik werk graag samen met collegas,Working together\n";
	struct instrument two;
	struct colmap cm;
	struct colmap_col c[2];
	char *h[] = { "Ik werk graag samen met collega's", "Working together" };

	(void)state;
	assert_int_equal(instrument_parse(&two, "two.csv", text,
	    sizeof(text) - 1), 0);
	colmap_init(&cm, &two);
	capture_start();
	assert_int_equal(colmap_classify(&cm, h, 2, c, "<stdin>", 1), 1);
	assert_string_equal(capture_end(), "plg:<stdin>:1: column 1 matches "
	    "items A1 and A2; say which in a map file: 'Ik werk graag samen "
	    "met collega's'\n");
	assert_int_equal(c[0].problem, COLMAP_TWO_ITEMS);
	assert_int_equal(c[0].conf, CONF_NONE);
	assert_int_equal(c[1].kind, COL_ITEM);
	assert_int_equal(c[1].target, 1);
	colmap_release(&cm);
	instrument_release(&two);
}

/* ---- the map file ---- */

static void
test_colmap_load_map_rules(void **state)
{
	struct colmap *cm = *state;
	struct recoder rc;
	struct colmap_col c[6];
	char path[] = "/tmp/test_colmap_XXXXXX";
	char *h[] = { "Vraag 1", "Klas", "Opmerking", "PC2", "Naam", "Id" };
	double v;

	write_temp(path, "kind,from,to\n"
	    "# comment\n"
	    "\n"
	    "column,Vraag 1,PC1\n"
	    "column,KLAS,meta:klas\n"
	    "column,Opmerking,personal\n"
	    "column,PC2,ignore\n"
	    "column,Naam,meta:naam\n"
	    "answer,Soms,3\n"
	    "answer,Geen idee,missing\n"
	    "answer,\"Ja, altijd\",5\n");
	recoder_init(&rc, &ins);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, path), 0);
	assert_string_equal(capture_end(), "");
	assert_int_equal(cm->nrule, 5);
	assert_int_equal(rc.nuser, 3);
	assert_int_equal(colmap_classify(cm, h, 6, c, "f.csv", 1), 0);
	assert_int_equal(c[0].kind, COL_ITEM);
	assert_int_equal(c[0].target, 0);
	assert_string_equal(c[0].why, "map file");
	assert_int_equal(c[1].kind, COL_META);
	assert_string_equal(cm->meta[c[1].target], "klas");
	assert_int_equal(c[2].kind, COL_PERSONAL);
	assert_int_equal(c[3].kind, COL_IGNORED);
	assert_int_equal(c[4].kind, COL_META);	/* the user said so */
	assert_int_equal(c[5].kind, COL_PLATFORM_ID);
	assert_int_equal(recoder_run(&rc, "soms", 4, &v), RECODE_VALUE);
	assert_dbl_equal(v, 3);
	assert_int_equal(recoder_run(&rc, "Geen idee", 9, &v), RECODE_DONTKNOW);
	assert_int_equal(recoder_run(&rc, "ja altijd", 9, &v), RECODE_VALUE);
	assert_dbl_equal(v, 5);
	recoder_release(&rc);
	remove(path);
}

static void
test_colmap_load_map_errors(void **state)
{
	struct colmap *cm = *state;
	struct recoder rc;
	char path[] = "/tmp/test_colmap_XXXXXX";
	char msg[2048];

	write_temp(path, "kind,from,to\n"
	    "column,Vraag 1\n"
	    "column,Vraag 2,PC99\n"
	    "answer,Vaak,6\n"
	    "answer,Nooit,nooit\n"
	    "value,Soms,3\n"
	    "column,Vraag 3,PC3\n");
	recoder_init(&rc, &ins);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, path), 5);
	snprintf(msg, sizeof(msg),
	    "plg:%s:2: expected 3 fields (kind,from,to), found 2\n"
	    "plg:%s:3: unknown target 'PC99' (an item code, meta:NAME, ignore "
	    "or personal)\n"
	    "plg:%s:4: answer 'Vaak' maps to '6', which is neither a value of "
	    "the response scale nor 'missing'\n"
	    "plg:%s:5: answer 'Nooit' maps to 'nooit', which is neither a value "
	    "of the response scale nor 'missing'\n"
	    "plg:%s:6: unknown kind 'value' (column or answer)\n",
	    path, path, path, path, path);
	assert_string_equal(capture_end(), msg);
	assert_int_equal(cm->nrule, 1);		/* the good row is kept */
	recoder_release(&rc);
	remove(path);
}

static void
test_colmap_load_map_bad_header(void **state)
{
	struct colmap *cm = *state;
	struct recoder rc;
	char path[] = "/tmp/test_colmap_XXXXXX";
	char msg[512];

	write_temp(path, "column;from;to\ncolumn;Vraag 1;PC1\n");
	recoder_init(&rc, &ins);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, path), 1);
	snprintf(msg, sizeof(msg), "plg:%s:1: map file must start with the "
	    "header 'kind,from,to'\n", path);
	assert_string_equal(capture_end(), msg);
	assert_int_equal(cm->nrule, 0);
	recoder_release(&rc);
	remove(path);
}

static void
test_colmap_load_map_malformed_and_missing(void **state)
{
	struct colmap *cm = *state;
	struct recoder rc;
	char path[] = "/tmp/test_colmap_XXXXXX";
	char msg[512];

	write_temp(path, "kind,from,to\ncolumn,\"Vraag 1,PC1\n");
	recoder_init(&rc, &ins);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, path), 1);
	snprintf(msg, sizeof(msg), "plg:%s:2: unterminated quoted field at "
	    "end of file\n", path);
	assert_string_equal(capture_end(), msg);
	remove(path);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, "/nonexistent/m.csv"), 1);
	assert_string_equal(capture_end(), "plg: cannot open "
	    "'/nonexistent/m.csv': No such file or directory\n");
	recoder_release(&rc);
}


/* ---- layouts: several header rows, the platform's columns ---- */

/* A layout of format fmt from nrow header rows of n fields each. */
static void
make_layout(struct layout *lo, enum layout_format fmt, size_t nrow,
    size_t n, const char *const *cells)
{
	struct csvio_record rec[LAYOUT_MAX_HEADER];
	const struct csvio_record *recs[LAYOUT_MAX_HEADER];
	size_t r, i, len[LAYOUT_MAX_HEADER][32];

	assert_true(nrow <= LAYOUT_MAX_HEADER && n <= 32);
	for (r = 0; r < nrow; r++) {
		for (i = 0; i < n; i++)
			len[r][i] = strlen(cells[r * n + i]);
		rec[r].field = (char **)(cells + r * n);
		rec[r].len = len[r];
		rec[r].nfield = n;
		rec[r].line = r + 1;
		recs[r] = &rec[r];
	}
	layout_init(lo, fmt);
	layout_detect(lo, recs, nrow);
	assert_int_equal(lo->fmt, fmt);
	layout_headers(lo, recs);
}

static void
test_colmap_classify_layout_qualtrics(void **state)
{
	struct colmap *cm = *state;
	static const char *const cells[] = {
		"ResponseId", "Status", "Finished", "StartDate", "IPAddress",
		"RecipientEmail", "Q1", "Q2_1", "Q2_2",
		"Response ID", "Response Type", "Finished", "Start Date",
		"IP Address", "Recipient Email", "In welk team werk je?",
		("Stellingen - Tussen collega's op onze school heerst een "
		"klimaat van vertrouwen en respect."), "Stellingen - OC2",
		"{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"status\"}",
		"{\"ImportId\":\"finished\"}", "{\"ImportId\":\"startDate\"}",
		"{\"ImportId\":\"ipAddress\"}", "{\"ImportId\":\"recipientEmail\"}",
		"{\"ImportId\":\"QID1_TEXT\"}", "{\"ImportId\":\"QID2_1\"}",
		"{\"ImportId\":\"QID2_2\"}" };
	struct layout lo;
	struct colmap_col c[9];

	make_layout(&lo, FMT_QUALTRICS, 3, 9, cells);
	capture_start();
	assert_int_equal(colmap_classify_layout(cm, &lo, c, "q.csv", 1), 0);
	assert_string_equal(capture_end(), "");
	assert_int_equal(c[0].kind, COL_PLATFORM_ID);
	assert_int_equal(c[1].kind, COL_IGNORED);
	assert_string_equal(c[1].why, "Qualtrics response type: real, "
	    "preview, test or spam");
	assert_int_equal(c[2].kind, COL_IGNORED);
	assert_int_equal(c[3].kind, COL_IGNORED);
	assert_int_equal(c[4].kind, COL_PERSONAL);
	assert_int_equal(c[5].kind, COL_PERSONAL);
	assert_int_equal(c[5].conf, CONF_HIGH);
	/* the label row: metadata by its text, items after the question */
	assert_int_equal(c[6].kind, COL_META);
	assert_string_equal(cm->meta[c[6].target], "team");
	assert_int_equal(c[7].kind, COL_ITEM);
	assert_string_equal(ins.item[c[7].target].code, "IC1");
	assert_string_equal(c[7].why, "statement text after a prefix");
	assert_int_equal(c[7].conf, CONF_MEDIUM);
	/* "Stellingen - OC2" names no item: the code must start a header */
	assert_int_equal(c[8].kind, COL_IGNORED);
	layout_release(&lo);
}

/* A map file or --meta cannot keep what identifies people. */
static void
test_colmap_classify_protected_columns_stay_dropped(void **state)
{
	struct colmap *cm = *state;
	static const char *const cells[] = { "ID", "Start time",
	    "Completion time", "Email", "Name", "Team" };
	struct recoder rc;
	struct layout lo;
	struct colmap_col c[6];
	char path[] = "/tmp/test_colmap_XXXXXX";

	write_temp(path, "kind,from,to\ncolumn,Email,meta:mail\n"
	    "column,Name,personal\ncolumn,Start time,meta:start\n");
	recoder_init(&rc, &ins);
	assert_int_equal(colmap_load_map(cm, &rc, path), 0);
	colmap_keep(cm, "ID", "id");
	make_layout(&lo, FMT_MSFORMS, 1, 6, cells);
	capture_start();
	assert_int_equal(colmap_classify_layout(cm, &lo, c, "f.csv", 1), 0);
	assert_string_equal(capture_end(),
	    "plg:f.csv:1: column 1 'ID' is the platform's response id: it is "
	    "dropped, whatever --meta says\n"
	    "plg:f.csv:1: column 4 'Email' is the platform's personal data: it "
	    "is dropped, whatever the map file says\n");
	assert_int_equal(c[0].kind, COL_PLATFORM_ID);
	assert_int_equal(c[3].kind, COL_PERSONAL);
	assert_int_equal(c[4].kind, COL_PERSONAL);
	/* the platform's other columns can be kept */
	assert_int_equal(c[1].kind, COL_META);
	assert_string_equal(cm->meta[c[1].target], "start");
	assert_int_equal(c[5].kind, COL_META);
	/* no metadata column was made for the refused rules */
	assert_int_equal(cm->nmeta, 2);
	layout_release(&lo);
	recoder_release(&rc);
	remove(path);
}

static void
test_colmap_classify_name_and_text_disagree(void **state)
{
	struct colmap *cm = *state;
	static const char *const cells[] = { "ResponseId", "Status", "PC1",
	    "Response ID", "Response Type", ("In het rooster is geen tijd om bij "
	    "elkaar in de les te gaan kijken.") };
	struct layout lo;
	struct colmap_col c[3];

	make_layout(&lo, FMT_QUALTRICS, 2, 3, cells);
	assert_int_equal(lo.nheader, 2);
	capture_start();
	assert_int_equal(colmap_classify_layout(cm, &lo, c, "q.csv", 1), 1);
	assert_string_equal(capture_end(), "plg:q.csv:1: column 3: its name "
	    "'PC1' is item PC1, its text item OC2; say which in a map file\n");
	assert_int_equal(c[2].problem, COLMAP_NAME_TEXT);
	assert_int_equal(c[2].kind, COL_IGNORED);
	layout_release(&lo);
}

/* Columns with the same text: their names tell them apart (Qualtrics),
 * or nothing does. */
static void
test_colmap_classify_same_headers(void **state)
{
	struct colmap *cm = *state;
	static const char *const cells[] = { "ResponseId", "Status", "Q3_1",
	    "Q4_1", "Response ID", "Response Type", "Squash", "Squash" };
	char path[] = "/tmp/test_colmap_XXXXXX";
	char *h[] = { "PC1", "", "pc1", "Team" };
	struct recoder rc;
	struct layout lo;
	struct colmap_col c[4];

	write_temp(path, "kind,from,to\ncolumn,squash,PC2\n");
	recoder_init(&rc, &ins);
	assert_int_equal(colmap_load_map(cm, &rc, path), 0);
	make_layout(&lo, FMT_QUALTRICS, 2, 4, cells);
	capture_start();
	assert_int_equal(colmap_classify_layout(cm, &lo, c, "q.csv", 1), 1);
	assert_string_equal(capture_end(), "plg:q.csv:1: columns 3 and 4 both "
	    "map to item PC2; say which in a map file (both read 'Squash'; "
	    "their names 'Q3_1' and 'Q4_1' tell them apart)\n");
	assert_int_equal(c[2].twin, 4);
	assert_int_equal(c[3].twin, 3);
	layout_release(&lo);
	/* a column without a header is reported, not an error */
	capture_start();
	assert_int_equal(colmap_classify(cm, h, 4, c, "f.csv", 2), 1);
	assert_string_equal(capture_end(),
	    "plg:f.csv:2: column 2 has no header; its values are ignored\n"
	    "plg:f.csv:2: columns 1 and 3 both map to item PC1; say which in "
	    "a map file (both headers read 'PC1': rename one in the export)\n");
	assert_int_equal(c[1].problem, COLMAP_NO_HEADER);
	recoder_release(&rc);
	remove(path);
}

static void
test_colmap_load_map_scoped_answers_and_empty_targets(void **state)
{
	struct colmap *cm = *state;
	struct recoder rc;
	char path[] = "/tmp/test_colmap_XXXXXX";
	char msg[2048];
	char *keys[] = { "g01q01 sq001", NULL };
	size_t *ids, n;
	double v;

	write_temp(path, "kind,from,to,column\n"
	    "answer,A1,1\n"
	    "answer,A1,5,G01Q01[SQ001]\n"
	    "answer,A9,missing,G01Q01_SQ001\n"
	    "column,Vraag 1,\n"
	    "answer,A2,\n"
	    "column,Vraag 2,PC2,G01Q01\n"
	    "answer,A3,3,G01Q01,x\n"
	    "answer,A4,4,G01Q01,\n");
	recoder_init(&rc, &ins);
	capture_start();
	assert_int_equal(colmap_load_map(cm, &rc, path), 4);
	snprintf(msg, sizeof(msg),
	    "plg:%s:5: column 'Vraag 1' has no target: fill in an item code, "
	    "meta:NAME, ignore or personal\n"
	    "plg:%s:6: answer 'A2' has no value: fill in a value of the "
	    "response scale or 'missing'\n"
	    "plg:%s:7: a column rule has no fourth field (it is for answer "
	    "rules): 'G01Q01'\n"
	    "plg:%s:8: expected at most 4 fields (kind,from,to,column), found "
	    "5\n", path, path, path, path);
	assert_string_equal(capture_end(), msg);
	assert_int_equal(rc.nuser, 1);
	assert_int_equal(rc.nscoped, 3);
	assert_int_equal(rc.nscope, 2);		/* G01Q01[SQ001] is G01Q01_SQ001 */
	n = recoder_scopes(&rc, keys, 2, &ids);
	assert_int_equal(n, 1);
	assert_int_equal(recoder_run_in(&rc, ids, n, "a1", 2, &v), RECODE_VALUE);
	assert_dbl_equal(v, 5);
	assert_int_equal(recoder_run_in(&rc, ids, n, "A9", 2, &v),
	    RECODE_DONTKNOW);
	/* line 9 (an empty fifth field is fine) is for column G01Q01 */
	assert_int_equal(recoder_run_in(&rc, ids, n, "A4", 2, &v),
	    RECODE_UNKNOWN);
	assert_int_equal(recoder_run(&rc, "A1", 2, &v), RECODE_VALUE);
	assert_dbl_equal(v, 1);
	free(ids);
	recoder_release(&rc);
	remove(path);
}

/* The lines of a draft map for one column. */
static const char *
draft(struct colmap *cm, const struct layout *lo, const struct colmap_col *c,
    size_t colno, size_t dup)
{
	static char *buf;
	static size_t len;
	struct csvio_writer w;
	FILE *fp;

	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	csvio_writer_init(&w, fp);
	colmap_draft_column(cm, &w, &lo->col[colno - 1], c, colno, dup);
	fclose(fp);
	return buf;
}

static void
test_colmap_draft_column(void **state)
{
	struct colmap *cm = *state;
	static const char *const cells[] = { "ID", "Start time",
	    "Completion time", "Email", "Q \"7\", Vraag", "PC1", "",
	    "Team" };
	struct layout lo;
	struct colmap_col c[8];

	make_layout(&lo, FMT_MSFORMS, 1, 8, cells);
	capture_start();
	colmap_classify_layout(cm, &lo, c, NULL, 1);
	assert_string_equal(capture_end(), "");
	assert_string_equal(draft(cm, &lo, &c[0], 1, 0),
	    "# column 1, confidence high: Microsoft Forms response number "
	    "(the platform's id: replaced by a new one)\ncolumn,ID,ignore\n");
	assert_string_equal(draft(cm, &lo, &c[3], 4, 0),
	    "# column 4, confidence high: Microsoft Forms respondent e-mail\n"
	    "column,Email,personal\n");
	/* quotes in the comment become apostrophes; the rule is quoted */
	assert_string_equal(draft(cm, &lo, &c[4], 5, 0),
	    "# column 5, confidence none: not recognised: put an item code "
	    "here if it is a statement of the instrument\n"
	    "column,\"Q \"\"7\"\", Vraag\",ignore\n");
	assert_string_equal(draft(cm, &lo, &c[5], 6, 0),
	    "# column 6, confidence high: item code\ncolumn,PC1,PC1\n");
	assert_string_equal(draft(cm, &lo, &c[6], 7, 0),
	    "# column 7 has no header: it cannot be mapped; its values are "
	    "ignored\n");
	assert_string_equal(draft(cm, &lo, &c[7], 8, 0),
	    "# column 8, confidence high: metadata name\n"
	    "column,Team,meta:team\n");
	assert_string_equal(draft(cm, &lo, &c[7], 8, 3),
	    "# column 8 has the same header as column 3: the rule above maps "
	    "both\n");
	assert_string_equal(colmap_conf_name(CONF_LOW), "low");
	layout_release(&lo);
	draft(cm, &lo, &c[0], 1, 1);	/* frees the buffer */
}

static void
test_colmap_kind_name_all(void **state)
{
	(void)state;
	assert_string_equal(colmap_kind_name(COL_IGNORED), "ignored");
	assert_string_equal(colmap_kind_name(COL_PERSONAL), "personal data");
	assert_string_equal(colmap_kind_name(COL_PLATFORM_ID), "platform id");
	assert_string_equal(colmap_kind_name(COL_META), "metadata");
	assert_string_equal(colmap_kind_name(COL_ITEM), "item");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_colmap_classify_item_codes),
		T(test_colmap_classify_statement_dutch),
		T(test_colmap_classify_statement_english),
		T(test_colmap_classify_statement_tolerant),
		T(test_colmap_classify_grid_brackets),
		T(test_colmap_classify_numbered_statement),
		T(test_colmap_classify_metadata_names),
		T(test_colmap_classify_personal_columns),
		T(test_colmap_classify_platform_id),
		T(test_colmap_classify_ignored),
		T(test_colmap_classify_ms_forms_header),
		T(test_colmap_keep_meta_option),
		T(test_colmap_classify_two_columns_one_item),
		T(test_colmap_classify_one_column_two_items),
		T(test_colmap_load_map_rules),
		T(test_colmap_load_map_errors),
		T(test_colmap_load_map_bad_header),
		T(test_colmap_load_map_malformed_and_missing),
		T(test_colmap_kind_name_all),
		T(test_colmap_classify_layout_qualtrics),
		T(test_colmap_classify_protected_columns_stay_dropped),
		T(test_colmap_classify_name_and_text_disagree),
		T(test_colmap_classify_same_headers),
		T(test_colmap_load_map_scoped_answers_and_empty_targets),
		T(test_colmap_draft_column),
	};
	int rc;

	if (instrument_load(&ins, NULL) != 0)
		return 1;
	rc = cmocka_run_group_tests_name("colmap", tests, NULL, NULL);
	instrument_release(&ins);
	return rc;
}
