/* test_layout.c -- the survey platforms' export layouts: which platform
 * wrote a file, its header rows, its own columns, which responses count. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "layout.h"
#include "recode.h"

/* ---- records from CSV text ---- */

#define MAXREC	8

struct parsed {
	struct csvio_record rec[MAXREC];
	const struct csvio_record *ptr[MAXREC];
	size_t n;
};

static int
keep_record(void *ctx, const struct csvio_record *rec)
{
	struct parsed *p = ctx;
	struct csvio_record *r;
	size_t i;

	if (p->n == MAXREC)
		return 1;
	r = &p->rec[p->n];
	r->field = calloc(rec->nfield, sizeof(char *));
	r->len = calloc(rec->nfield, sizeof(size_t));
	for (i = 0; i < rec->nfield; i++) {
		r->field[i] = strdup(rec->field[i]);
		r->len[i] = rec->len[i];
	}
	r->nfield = rec->nfield;
	r->line = rec->line;
	p->ptr[p->n] = r;
	p->n++;
	return 0;
}

/* Parse text (comma-separated) into p. */
static void
parse(struct parsed *p, const char *text)
{
	struct csvio_reader r;

	memset(p, 0, sizeof(*p));
	memset(&r, 0, sizeof(r));
	r.delim = ',';
	assert_int_equal(csvio_read_buffer(&r, "t.csv", text, strlen(text),
	    keep_record, p), 0);
	csvio_close(&r);
}

static void
unparse(struct parsed *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->rec[i].nfield; j++)
			free(p->rec[i].field[j]);
		free(p->rec[i].field);
		free(p->rec[i].len);
	}
	p->n = 0;
}

/* The layout of text as plg-survey finds it: the first records decide,
 * the header records make the columns. */
static void
layout_of(struct layout *lo, struct parsed *p, enum layout_format fmt,
    const char *text)
{
	parse(p, text);
	layout_init(lo, fmt);
	layout_detect(lo, p->ptr, p->n < LAYOUT_MAX_HEADER ? p->n :
	    LAYOUT_MAX_HEADER);
	layout_headers(lo, p->ptr);
}

/* The platform and number of header rows found in text. */
static void
detects(const char *text, enum layout_format want, size_t nheader)
{
	struct parsed p;
	struct layout lo;

	layout_of(&lo, &p, FMT_AUTO, text);
	if (lo.fmt != want || lo.nheader != nheader)
		fail_msg("found %s with %zu header rows, expected %s with %zu "
		    "in:\n%s", layout_format_name(lo.fmt), lo.nheader,
		    layout_format_name(want), nheader, text);
	assert_int_equal(lo.forced, 0);
	layout_release(&lo);
	unparse(&p);
}

/* ---- names ---- */

static void
test_layout_format_names(void **state)
{
	(void)state;
	assert_int_equal(layout_format_parse("auto"), FMT_AUTO);
	assert_int_equal(layout_format_parse("MSForms"), FMT_MSFORMS);
	assert_int_equal(layout_format_parse("google"), FMT_GOOGLE);
	assert_int_equal(layout_format_parse("limesurvey"), FMT_LIMESURVEY);
	assert_int_equal(layout_format_parse("qualtrics"), FMT_QUALTRICS);
	assert_int_equal(layout_format_parse("surveymonkey"), FMT_SURVEYMONKEY);
	assert_int_equal(layout_format_parse("csv"), FMT_CSV);
	assert_int_equal(layout_format_parse("excel"), -1);
	assert_string_equal(layout_format_name(FMT_SURVEYMONKEY),
	    "surveymonkey");
	assert_string_equal(layout_format_title(FMT_MSFORMS),
	    "Microsoft Forms");
	assert_string_equal(layout_reason_name(REASON_INCOMPLETE),
	    "incomplete");
	assert_string_equal(layout_reason_name(REASON_STATUS),
	    "unknown status");
	assert_string_equal(layout_reason_name(REASON_NO_ANSWER),
	    "without any answer");
}

/* ---- detection ---- */

static void
test_layout_detect_msforms_google(void **state)
{
	(void)state;
	detects("ID,Start time,Completion time,Email,Name,Team\n1,a,b,c,d,e\n",
	    FMT_MSFORMS, 1);
	detects("Id,Begintijd,Tijd van voltooien,E-mail,Naam,PC1\n1,a,b,c,d,4\n",
	    FMT_MSFORMS, 1);
	detects("Timestamp,Email address,Q [A]\n1/2/2026 8:00:00,x,Agree\n",
	    FMT_GOOGLE, 1);
	detects("Tijdstempel,PC1\n2026/10/05 8:14:02,4\n", FMT_GOOGLE, 1);
	/* a start and end time without the ID first is no MS Forms export */
	detects("Team,Start time,Completion time\nA,b,c\n", FMT_CSV, 1);
}

static void
test_layout_detect_limesurvey(void **state)
{
	(void)state;
	detects("id,submitdate,lastpage,startlanguage,G01Q01\n1,,1,nl,A1\n",
	    FMT_LIMESURVEY, 1);
	detects("\"Response ID\",\"Date submitted\",\"Last page\",\"Start "
	    "language\",\"Q\"\n\"1\",\"\",\"1\",\"en\",\"2\"\n",
	    FMT_LIMESURVEY, 1);
	detects("id. Response ID,submitdate. Date submitted,lastpage. Last "
	    "page,G01Q01. Q\n1,,1,2\n", FMT_LIMESURVEY, 1);
	detects("id,submitdate,PC1\n1,,4\n", FMT_CSV, 1);
}

static void
test_layout_detect_qualtrics(void **state)
{
	(void)state;
	/* current: names, labels, ImportIds in JSON */
	detects("StartDate,Status,Finished,ResponseId,Q1\n"
	    "Start Date,Response Type,Finished,Response ID,Vraag\n"
	    "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"X\"\"}\","
	    "\"{\"\"ImportId\"\":\"\"status\"\"}\",x,y,z\n"
	    "2026-10-05,0,1,R_1,4\n", FMT_QUALTRICS, 3);
	/* 2016-2017: single quotes; detected by the third row alone */
	detects("A,B\nC,D\n\"{'ImportId': 'responseId'}\",x\n1,2\n",
	    FMT_QUALTRICS, 3);
	/* legacy: V1, V2, ... over ResponseID, ResponseSet, ... */
	detects("V1,V2,V3,Q1,\nResponseID,ResponseSet,Name,Vraag,\n"
	    "R_1,Default Response Set,Anonymous,2,\n", FMT_QUALTRICS, 2);
	/* the label row without the ImportId row, and neither */
	detects("StartDate,Status,Finished,ResponseId,Q1\n"
	    "Start Date,Response Type,Finished,Response ID,Vraag\n"
	    "2026-10-05,0,1,R_1,4\n", FMT_QUALTRICS, 2);
	detects("StartDate,Status,Progress,ResponseId,Q1\n"
	    "Start Date,Response Type,Progress,Response ID,Vraag\n"
	    "2026-10-05,0,100,R_1,4\n", FMT_QUALTRICS, 2);
	detects("StartDate,Status,Finished,ResponseId,Q1\n"
	    "2026-10-05,0,True,R_1,4\n2026-10-05,0,1,R_2,4\n",
	    FMT_QUALTRICS, 1);
}

static void
test_layout_detect_surveymonkey_and_csv(void **state)
{
	(void)state;
	detects("Respondent ID,Collector ID,Q1,Q2,\n,,Response,Row 1,Row 2\n"
	    "1,2,Yes,Agree,\n", FMT_SURVEYMONKEY, 2);
	detects("RespondentID,Q1\n123,Yes\n", FMT_SURVEYMONKEY, 1);
	detects("Team,PC1\nA,4\n", FMT_CSV, 1);
	detects("PC1\n", FMT_CSV, 1);
}

static void
test_layout_detect_forced(void **state)
{
	struct parsed p;
	struct layout lo;
	char desc[256];

	(void)state;
	/* the first columns deleted: only --format says SurveyMonkey */
	layout_of(&lo, &p, FMT_SURVEYMONKEY, "Team,Q,\nResponse,Row 1,Row 2\n"
	    "A,Agree,Disagree\n");
	assert_int_equal(lo.fmt, FMT_SURVEYMONKEY);
	assert_int_equal(lo.forced, 1);
	assert_int_equal(lo.nheader, 2);
	assert_string_equal(lo.col[2].header, "Q [Row 2]");
	layout_describe(&lo, desc, sizeof(desc));
	assert_string_equal(desc, "surveymonkey (forced), 2 header rows "
	    "(questions, Response or rows)");
	layout_release(&lo);
	unparse(&p);
	/* csv forced on a Qualtrics export: one header row, no rules */
	layout_of(&lo, &p, FMT_CSV, "StartDate,Status,Finished,ResponseId\n"
	    "Start Date,Response Type,Finished,Response ID\n");
	assert_int_equal(lo.nheader, 1);
	assert_int_equal(lo.status, -1);
	assert_int_equal(lo.col[1].role, ROLE_NONE);
	layout_describe(&lo, desc, sizeof(desc));
	assert_string_equal(desc, "csv (forced), 1 header row");
	layout_release(&lo);
	unparse(&p);
}

/* ---- headers and roles ---- */

static void
test_layout_headers_surveymonkey(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	layout_of(&lo, &p, FMT_AUTO,
	    "Respondent ID,IP Address,Email Address,Custom Data 1,"
	    "Hoe gaat het?<br>Kies er een.,Stellingen,,Opmerking,Kleur,\n"
	    ",,,,Response,Stelling A,Stelling B,Open-Ended Response,Rood,"
	    "Blauw\n1,2,3,4,5,6,7,8,9,10\n");
	assert_int_equal(lo.ncol, 10);
	assert_string_equal(lo.col[0].header, "Respondent ID");
	assert_int_equal(lo.col[0].role, ROLE_ID);
	assert_int_equal(lo.col[1].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[2].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[3].role, ROLE_NONE);	/* colmap's call */
	assert_string_equal(lo.col[4].header, "Hoe gaat het? Kies er een.");
	assert_string_equal(lo.col[5].header, "Stellingen [Stelling A]");
	assert_string_equal(lo.col[6].header, "Stellingen [Stelling B]");
	assert_string_equal(lo.col[7].header, "Opmerking");
	assert_string_equal(lo.col[8].header, "Kleur [Rood]");
	assert_string_equal(lo.col[9].header, "Kleur [Blauw]");
	assert_string_equal(lo.col[9].name, lo.col[9].text);
	layout_release(&lo);
	unparse(&p);
}

static void
test_layout_headers_limesurvey_code_and_text(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	layout_of(&lo, &p, FMT_AUTO, "id - Response ID,submitdate - Date "
	    "submitted,lastpage - Last page,ipaddr - IP address,attribute_1 - "
	    "Team,G01Q01[SQ001] - Stellingen - [PC1],Een vraag - zonder "
	    "code\n");
	assert_int_equal(lo.fmt, FMT_LIMESURVEY);
	assert_string_equal(lo.col[0].name, "id");
	assert_string_equal(lo.col[0].text, "Response ID");
	assert_int_equal(lo.col[0].role, ROLE_ID);
	assert_int_equal(lo.col[1].role, ROLE_SUBMITTED);
	assert_int_equal(lo.submitted, 1);
	assert_int_equal(lo.col[3].role, ROLE_PERSONAL);
	assert_string_equal(lo.col[4].name, "attribute_1");
	assert_string_equal(lo.col[4].text, "Team");
	assert_string_equal(lo.col[5].name, "G01Q01[SQ001]");
	assert_string_equal(lo.col[5].text, "Stellingen - [PC1]");
	assert_string_equal(lo.col[5].header,
	    "G01Q01[SQ001] - Stellingen - [PC1]");
	/* no code before the separator: the header as it is */
	assert_string_equal(lo.col[6].name, "Een vraag - zonder code");
	layout_release(&lo);
	unparse(&p);
}

static void
test_layout_headers_qualtrics(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	/* legacy: the V-names are replaced by their labels, trailing
	 * delimiters leave no column */
	layout_of(&lo, &p, FMT_AUTO, "V1,V2,V3,V4,V5,V6,V7,V8,Q1,"
	    "LocationLatitude,\nResponseID,ResponseSet,Name,"
	    "ExternalDataReference,EmailAddress,IPAddress,Status,Finished,"
	    "Location of your school,LocationLatitude,\n");
	assert_int_equal(lo.ncol, 10);
	assert_string_equal(lo.col[0].header, "ResponseID");
	assert_int_equal(lo.col[0].role, ROLE_ID);
	assert_int_equal(lo.col[2].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[3].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[4].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[5].role, ROLE_PERSONAL);
	assert_int_equal(lo.status, 6);
	assert_int_equal(lo.finished, 7);
	assert_int_equal(lo.progress, -1);
	/* a question's text may start with "Location": only names count */
	assert_string_equal(lo.col[8].header, "Q1");
	assert_string_equal(lo.col[8].text, "Location of your school");
	assert_int_equal(lo.col[8].role, ROLE_NONE);
	assert_int_equal(lo.col[9].role, ROLE_PERSONAL);
	layout_release(&lo);
	unparse(&p);
	/* names over ImportIds, the labels deleted: the names are the texts */
	layout_of(&lo, &p, FMT_AUTO, "ResponseId,Q1\n"
	    "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":"
	    "\"\"QID1\"\"}\"\nR_1,4\n");
	assert_int_equal(lo.fmt, FMT_QUALTRICS);
	assert_int_equal(lo.nheader, 2);
	assert_string_equal(lo.col[1].text, "Q1");
	layout_release(&lo);
	unparse(&p);
}

static void
test_layout_roles_msforms_quiz(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	layout_of(&lo, &p, FMT_AUTO, "ID,Start time,Completion time,Email,"
	    "Name,Total points,Quiz feedback,Ik leer,Points - Ik leer,"
	    "Feedback - Ik leer,Feedback van collega's helpt mij,punten - x\n");
	assert_int_equal(lo.col[0].role, ROLE_ID);
	assert_int_equal(lo.col[1].role, ROLE_SYSTEM);
	assert_int_equal(lo.col[3].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[4].role, ROLE_PERSONAL);
	assert_int_equal(lo.col[5].role, ROLE_SYSTEM);
	assert_int_equal(lo.col[6].role, ROLE_SYSTEM);
	assert_int_equal(lo.col[7].role, ROLE_NONE);
	assert_int_equal(lo.col[8].role, ROLE_SYSTEM);
	assert_int_equal(lo.col[9].role, ROLE_SYSTEM);
	/* a statement that starts with the word "Feedback" is a statement */
	assert_int_equal(lo.col[10].role, ROLE_NONE);
	assert_int_equal(lo.col[11].role, ROLE_SYSTEM);
	layout_release(&lo);
	unparse(&p);
}

/* ---- which responses count ---- */

/* The reason layout_keep gives for the response in data (one record). */
static enum layout_reason
keep(const struct layout *lo, const char *data, const char *detail)
{
	struct parsed p;
	char buf[128];
	enum layout_reason r;

	parse(&p, data);
	r = layout_keep(lo, p.ptr[0], buf, sizeof(buf));
	if (detail != NULL)
		assert_string_equal(buf, detail);
	unparse(&p);
	return r;
}

static void
test_layout_keep_qualtrics(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	layout_of(&lo, &p, FMT_AUTO, "StartDate,Status,Progress,Finished,"
	    "ResponseId\nStart Date,Response Type,Progress,Finished,"
	    "Response ID\n");
	assert_int_equal(keep(&lo, "x,0,100,1,R\n", ""), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,IP Address,100,True,R\n", ""),
	    REASON_KEEP);
	assert_int_equal(keep(&lo, "x,4,100,1,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,Imported,100,1,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,16,100,1,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,1,100,1,R\n", "Status '1'"),
	    REASON_PREVIEW);
	assert_int_equal(keep(&lo, "x,Survey Preview,100,1,R\n", NULL),
	    REASON_PREVIEW);
	assert_int_equal(keep(&lo, "x,2,100,1,R\n", NULL), REASON_TEST);
	assert_int_equal(keep(&lo, "x,survey test,100,1,R\n", NULL),
	    REASON_TEST);
	assert_int_equal(keep(&lo, "x,8,100,1,R\n", NULL), REASON_SPAM);
	assert_int_equal(keep(&lo, "x,Imported Spam,100,1,R\n", NULL),
	    REASON_SPAM);
	assert_int_equal(keep(&lo, "x,3,100,1,R\n", "Status '3'"),
	    REASON_STATUS);
	assert_int_equal(keep(&lo, "x,,100,1,R\n", NULL), REASON_STATUS);
	/* complete: Finished 1 or Progress 100 */
	assert_int_equal(keep(&lo, "x,0,40,0,R\n",
	    "Finished '0', Progress '40'"), REASON_INCOMPLETE);
	assert_int_equal(keep(&lo, "x,0,40,False,R\n", NULL),
	    REASON_INCOMPLETE);
	assert_int_equal(keep(&lo, "x,0,100,0,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,0,40,1,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,0,,,R\n", NULL), REASON_KEEP);
	lo.keep_incomplete = 1;
	assert_int_equal(keep(&lo, "x,0,40,0,R\n", NULL), REASON_KEEP);
	lo.keep_test = 1;
	assert_int_equal(keep(&lo, "x,1,100,1,R\n", NULL), REASON_KEEP);
	assert_int_equal(keep(&lo, "x,2,100,1,R\n", NULL), REASON_KEEP);
	/* spam stays out */
	assert_int_equal(keep(&lo, "x,8,100,1,R\n", NULL), REASON_SPAM);
	layout_release(&lo);
	unparse(&p);
}

static void
test_layout_keep_limesurvey_and_others(void **state)
{
	struct parsed p;
	struct layout lo;

	(void)state;
	layout_of(&lo, &p, FMT_AUTO, "id,submitdate,lastpage,PC1\n");
	assert_int_equal(keep(&lo, "1,2026-10-07 10:02:11,2,4\n", ""),
	    REASON_KEEP);
	assert_int_equal(keep(&lo, "1, ,2,4\n", "no submit date"),
	    REASON_INCOMPLETE);
	lo.keep_incomplete = 1;
	assert_int_equal(keep(&lo, "1,,2,4\n", NULL), REASON_KEEP);
	layout_release(&lo);
	unparse(&p);
	layout_of(&lo, &p, FMT_AUTO, "ID,Start time,Completion time,PC1\n");
	assert_int_equal(keep(&lo, "1,,,\n", ""), REASON_KEEP);
	layout_release(&lo);
	unparse(&p);
}

static void
test_layout_answer_qualtrics_negative_recodes(void **state)
{
	struct layout q, c;

	(void)state;
	layout_init(&q, FMT_QUALTRICS);
	layout_init(&c, FMT_CSV);
	assert_int_equal(layout_answer(&q, "-99", RECODE_OUT_OF_RANGE),
	    RECODE_EMPTY);
	assert_int_equal(layout_answer(&q, "-1", RECODE_OUT_OF_RANGE),
	    RECODE_DONTKNOW);
	assert_int_equal(layout_answer(&q, " -2 ", RECODE_OUT_OF_RANGE),
	    RECODE_DONTKNOW);
	assert_int_equal(layout_answer(&q, "-1.5", RECODE_OUT_OF_RANGE),
	    RECODE_OUT_OF_RANGE);
	assert_int_equal(layout_answer(&q, "7", RECODE_OUT_OF_RANGE),
	    RECODE_OUT_OF_RANGE);
	assert_int_equal(layout_answer(&q, "Nooit", RECODE_UNKNOWN),
	    RECODE_UNKNOWN);
	assert_int_equal(layout_answer(&c, "-1", RECODE_OUT_OF_RANGE),
	    RECODE_OUT_OF_RANGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_format_names),
		cmocka_unit_test(test_layout_detect_msforms_google),
		cmocka_unit_test(test_layout_detect_limesurvey),
		cmocka_unit_test(test_layout_detect_qualtrics),
		cmocka_unit_test(test_layout_detect_surveymonkey_and_csv),
		cmocka_unit_test(test_layout_detect_forced),
		cmocka_unit_test(test_layout_headers_surveymonkey),
		cmocka_unit_test(test_layout_headers_limesurvey_code_and_text),
		cmocka_unit_test(test_layout_headers_qualtrics),
		cmocka_unit_test(test_layout_roles_msforms_quiz),
		cmocka_unit_test(test_layout_keep_qualtrics),
		cmocka_unit_test(test_layout_keep_limesurvey_and_others),
		cmocka_unit_test(test_layout_answer_qualtrics_negative_recodes),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
