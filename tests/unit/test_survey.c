/* test_survey.c -- the plg-survey engine on small files: the exact responses
 * CSV, the diagnostics and the counts. */
#include <stdarg.h>	/* cmocka 1.1.5 needs these four first */
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "instrument.h"
#include "plgtest.h"
#include "survey.h"

static struct instrument ins;
static char dir[] = "/tmp/test_survey_XXXXXX";
static char olddir[4096];

/* what the last run wrote to stderr (capture_end() of plgtest.h) */
static const char *err = "";

/* ---- fixture: a survey writing to memory, files in a temp directory ---- */

struct fx {
	struct survey sv;
	char *out;
	size_t outlen;
	FILE *fp;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL || (fx->fp = open_memstream(&fx->out,
	    &fx->outlen)) == NULL)
		return -1;
	survey_init(&fx->sv, &ins, fx->fp);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	survey_release(&fx->sv);
	fclose(fx->fp);
	free(fx->out);
	free(fx);
	return 0;
}

/* Create name (in the temp directory, the cwd) holding len bytes. */
static void
file(const char *name, const char *text, size_t len)
{
	FILE *fp = fopen(name, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

#define FILE_LIT(name, lit)	file((name), (lit), sizeof(lit) - 1)

/* Run the survey over the files as plg-survey does (prescan, each file,
 * finish); stderr goes to err[].  Returns the worst status. */
static int
run(struct fx *fx, char **paths, size_t n)
{
	size_t i;
	int rc, status = PLG_EXIT_OK;

	capture_start();
	survey_prescan(&fx->sv, paths, n);
	for (i = 0; i < n; i++)
		if ((rc = survey_file(&fx->sv, paths[i])) > status)
			status = rc;
	survey_finish(&fx->sv);
	err = capture_end();
	return status;
}

static const char *
output(struct fx *fx)
{
	fflush(fx->fp);
	return fx->out != NULL ? fx->out : "";
}

/* ---- tests ---- */

static void
test_survey_file_ms_forms_like(void **state)
{
	struct fx *fx = *state;
	const struct survey_counts *n = &fx->sv.n;
	char *paths[] = { "a.csv" };

	FILE_LIT("a.csv",
	    "Id,Naam,E-mail,Team,Wat is je functie?,PC1,PC2,IC1,Opmerking\r\n"
	    "7,Piet Jansen,piet@x.example,A,Leerkracht,Eens,5,Helemaal oneens,"
	    "hoi\r\n"
	    "8,Kees,kees@x.example,B,Leerkracht,,Weet niet,,\r\n"
	    "9,Jan,jan@x.example,C,Directeur,1,2 - Oneens,Neutraal,"
	    "\"lang, verhaal\"\r\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "");
	/* role_group is derived from role */
	assert_string_equal(output(fx),
	    "respondent,team,role,role_group,PC1,PC2,IC1\n"
	    "R0001,A,Leerkracht,teacher,4,5,1\n"
	    "R0002,C,Directeur,leader,1,2,3\n");
	assert_null(strstr(fx->out, "Piet"));
	assert_null(strstr(fx->out, "@"));
	assert_null(strstr(fx->out, "verhaal"));
	assert_int_equal(n->files, 1);
	assert_int_equal(n->read, 3);
	assert_int_equal(n->kept, 2);
	assert_int_equal(n->no_answers, 1);
	assert_int_equal(n->values, 6);
	assert_int_equal(n->empty, 2);
	assert_int_equal(n->dontknow, 1);
	assert_int_equal(n->rejected, 0);
	assert_int_equal(n->cols_personal, 2);
	assert_int_equal(n->cols_id, 1);
	assert_int_equal(n->cols_meta, 2);
	assert_int_equal(n->cols_ignored, 1);
	assert_int_equal(n->items_mapped, 3);
	assert_int_equal(fx->sv.enc_used[ENC_UTF8], 1);
}

/* Respondent ids are pseudonyms by position, R0001, R0002, ...: nothing
 * of the platform's ids, names, e-mail addresses or times goes into them,
 * so there is nothing to reverse.  Two exports that differ only there give
 * the same bytes. */
static void
test_survey_ids_carry_nothing_of_the_platform(void **state)
{
	struct fx *fx = *state;
	struct survey sv2;
	char *out2 = NULL, *paths[] = { "a.csv" }, *paths2[] = { "b.csv" };
	size_t len2 = 0;
	FILE *fp2 = open_memstream(&out2, &len2);

	assert_non_null(fp2);
	FILE_LIT("a.csv",
	    "Id,Begintijd,Naam,E-mail,Team,PC1,PC2\r\n"
	    "1017,6-10-2025 9:06,Piet Jansen,piet@x.example,A,Eens,5\r\n"
	    "1018,6-10-2025 9:07,Kees Bos,kees@x.example,B,Oneens,2\r\n");
	FILE_LIT("b.csv",
	    "Id,Begintijd,Naam,E-mail,Team,PC1,PC2\r\n"
	    "88231,1-1-2026 23:59,Anna de Vries,anna@y.example,A,Eens,5\r\n"
	    "2,2-2-2026 0:00,Bram,bram@y.example,B,Oneens,2\r\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	survey_init(&sv2, &ins, fp2);
	capture_start();
	survey_prescan(&sv2, paths2, 1);
	assert_int_equal(survey_file(&sv2, paths2[0]), PLG_EXIT_OK);
	survey_finish(&sv2);
	capture_end();
	fflush(fp2);
	assert_string_equal(output(fx), out2);
	assert_string_equal(output(fx),
	    "respondent,team,PC1,PC2\n"
	    "R0001,A,4,5\n"
	    "R0002,B,2,2\n");
	survey_release(&sv2);
	fclose(fp2);
	free(out2);
}

static void
test_survey_summary_text(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "a.csv" };

	FILE_LIT("a.csv", "Id,Naam,Team,PC1,PC2\n1,An,A,4,\n2,Bo,B,,\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	capture_start();
	survey_summary(&fx->sv);
	assert_string_equal(capture_end(), "plg: 2 respondents read from 1 file "
	    "(csv; utf-8): 1 kept, 1 excluded (1 without any answer); 2 of 54 items "
	    "mapped; columns: 1 metadata kept, 1 personal data dropped, 1 "
	    "platform id replaced, 0 ignored; answers: 1 recoded, 3 empty, 0 "
	    "don't know, 0 rejected\n");
}

static void
test_survey_file_rejected_answers(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "b.csv" };

	FILE_LIT("b.csv", "PC1;PC2\nSoms;7\n2 - Helemaal eens;4\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err,
	    "plg:b.csv:2: column 1 (item PC1): unknown answer 'Soms'\n"
	    "plg:b.csv:2: column 2 (item PC2): value outside the response "
	    "scale '7'\n"
	    "plg:b.csv:3: column 1 (item PC1): number and label disagree in "
	    "'2 - Helemaal eens'\n");
	assert_string_equal(output(fx), "respondent,PC1,PC2\nR0001,,4\n");
	assert_int_equal(fx->sv.n.rejected, 3);
	assert_int_equal(fx->sv.n.no_answers, 1);
	assert_int_equal(fx->sv.n.kept, 1);
}

static void
test_survey_add_const_and_file_column(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "c.csv" };

	assert_int_equal(survey_add_const(&fx->sv, "school=De Regenboog"), 0);
	assert_int_equal(survey_add_const(&fx->sv, "wave=2026-10"), 0);
	assert_int_equal(survey_add_const(&fx->sv, "nameless"), -1);
	assert_int_equal(survey_add_const(&fx->sv, "=x"), -1);
	assert_int_equal(survey_add_const(&fx->sv, "empty="), 0);
	fx->sv.file_column = "bestand";
	FILE_LIT("c.csv", "School,Team,PC1\nAndere school,A,3\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "");
	/* the constant wins over the file's own column */
	assert_string_equal(output(fx),
	    "respondent,school,team,wave,empty,bestand,PC1\n"
	    "R0001,De Regenboog,A,2026-10,,c.csv,3\n");
}

static void
test_survey_prescan_merges_columns_of_all_files(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "d1.csv", "d2.csv" };

	fx->sv.id_prefix = "S";
	FILE_LIT("d1.csv", "PC1\n1\n");
	FILE_LIT("d2.csv", "Team\tPC2\tPC1\nB\t2\tEens\n");
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_OK);
	assert_string_equal(err, "");
	assert_string_equal(output(fx), "respondent,team,PC1,PC2\n"
	    "S0001,,1,\n"
	    "S0002,B,4,2\n");
	assert_int_equal(fx->sv.n.files, 2);
}

static void
test_survey_file_blank_short_long_records(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "e.csv" };

	FILE_LIT("e.csv", "PC1,PC2\n\n1,2\n ,  \n3\n4,5,,\n5,1,x\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err,
	    "plg:e.csv:5: record has 1 fields, the header 2; the missing ones "
	    "count as empty\n"
	    "plg:e.csv:7: record has 3 fields, the header 2; the extra fields "
	    "are ignored\n");
	assert_string_equal(output(fx), "respondent,PC1,PC2\n"
	    "R0001,1,2\nR0002,3,\nR0003,4,5\nR0004,5,1\n");
	assert_int_equal(fx->sv.n.blank_rows, 1);
	assert_int_equal(fx->sv.n.short_rows, 1);
	assert_int_equal(fx->sv.n.long_rows, 1);
	capture_start();
	survey_summary(&fx->sv);
	assert_non_null(strstr(capture_end(), "plg: also: 1 short record "
	    "padded, 1 long record cut, 1 blank record skipped, 0 columns "
	    "dropped\n"));
}

static void
test_survey_file_short_records_warned_three_times(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "s.csv" };

	FILE_LIT("s.csv", "PC1,PC2\n1\n2\n3\n4\n5\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err,
	    "plg:s.csv:2: record has 1 fields, the header 2; the missing ones "
	    "count as empty\n"
	    "plg:s.csv:3: record has 1 fields, the header 2; the missing ones "
	    "count as empty\n"
	    "plg:s.csv:4: record has 1 fields, the header 2; the missing ones "
	    "count as empty\n");
	assert_int_equal(fx->sv.n.short_rows, 5);
	assert_int_equal(fx->sv.n.kept, 5);
}

static void
test_survey_file_empty(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "empty.csv", "blank.csv" };

	FILE_LIT("empty.csv", "");
	FILE_LIT("blank.csv", "\r\n\r\n , \r\n");
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_DATA);
	assert_string_equal(err, "plg:empty.csv: empty file: no header\n"
	    "plg:blank.csv: empty file: no header\n");
	assert_string_equal(output(fx), "respondent\n");
	assert_int_equal(fx->sv.n.files, 2);
}

static void
test_survey_file_cannot_open(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "nope.csv", "ok.csv" };

	FILE_LIT("ok.csv", "PC1\n5\n");
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_TROUBLE);
	assert_string_equal(err, "plg: cannot open 'nope.csv': No such file or "
	    "directory\n");
	assert_string_equal(output(fx), "respondent,PC1\nR0001,5\n");
}

static void
test_survey_file_ambiguous_columns_reported_once(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "amb.csv", "ok.csv" };

	FILE_LIT("amb.csv", "PC1,Team,pc1\n1,A,2\n");
	FILE_LIT("ok.csv", "PC2\n5\n");
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_DATA);
	assert_string_equal(err,
	    "plg:amb.csv:1: columns 1 and 3 both map to item PC1; say which in "
	    "a map file (both headers read 'PC1': rename one in the export)\n"
	    "plg:amb.csv: file skipped: its columns are ambiguous\n");
	/* the skipped file's Team column does not reach the output either */
	assert_string_equal(output(fx), "respondent,PC2\nR0001,5\n");
}

static void
test_survey_file_unterminated_quote(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "q.csv" };

	FILE_LIT("q.csv", "PC1,PC2\n1,2\n\"3,4\n5,5\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_DATA);
	assert_string_equal(err, "plg:q.csv:3: unterminated quoted field at "
	    "end of file\n");
	assert_string_equal(output(fx), "respondent,PC1,PC2\nR0001,1,2\n");
}

static void
test_survey_file_cp1252_and_bad_utf16(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "w.csv", "u.csv" };
	/* UTF-16LE "PC2\n4\n5" with a BOM, cut in the middle of the "5" */
	static const char u16[] = "\xff\xfeP\0C\0" "2\0\n\0" "4\0\n\0" "5";

	FILE_LIT("w.csv", "Teamnaam;PC1\nPriv\xe9;Oneens\n");
	file("u.csv", u16, sizeof(u16) - 1);
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_OK);
	assert_string_equal(err, "plg:u.csv:3: column 1 (item PC2): unknown "
	    "answer '\xef\xbf\xbd'\n"
	    "plg:u.csv: 1 invalid utf-16le sequences replaced by U+FFFD\n");
	assert_string_equal(output(fx), "respondent,team,PC1,PC2\n"
	    "R0001,Priv\xc3\xa9,2,\nR0002,,,4\n");
	assert_int_equal(fx->sv.enc_used[ENC_CP1252], 1);
	assert_int_equal(fx->sv.enc_used[ENC_UTF16LE], 1);
	/* the summary says which encodings were read */
	capture_start();
	survey_summary(&fx->sv);
	assert_non_null(strstr(capture_end(), "read from 2 files (csv; "
	    "utf-16le, windows-1252): "));
}

static void
test_survey_file_verbose(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "v.csv" };

	fx->sv.verbose = 1;
	FILE_LIT("v.csv", "Naam,pc1\nAn,4\nBo,\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err,
	    "plg:v.csv:1: format csv (no platform recognised), 1 header row\n"
	    "plg:v.csv:1: column 1 'Naam': personal data (personal data)\n"
	    "plg:v.csv:1: column 2 'pc1': PC1 (item code)\n"
	    "plg:v.csv:3: no answers; respondent excluded\n"
	    "plg:v.csv: utf-8, delimiter ',', 3 records\n");
}

/* A file on stdin after the header is out may not add columns; their
 * values are dropped (and once overflowed the metadata row). */
static void
test_survey_file_stdin_late_columns_dropped(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "f1.csv", "-" };

	FILE_LIT("f1.csv", "Team,PC1\nA,1\n");
	FILE_LIT("f2.csv", "PC1,Rol,School,PC2\n2,x,y,3\n");
	assert_non_null(freopen("f2.csv", "rb", stdin));
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_OK);
	assert_non_null(freopen("/dev/null", "rb", stdin));
	assert_string_equal(err,
	    "plg:<stdin>:1: column 2 'Rol' is not in the output, which an "
	    "earlier input fixed; its values are dropped (give this file "
	    "first, or as a file rather than on stdin)\n"
	    "plg:<stdin>:1: column 3 'School' is not in the output, which an "
	    "earlier input fixed; its values are dropped (give this file "
	    "first, or as a file rather than on stdin)\n"
	    "plg:<stdin>:1: column 4 'PC2' is not in the output, which an "
	    "earlier input fixed; its values are dropped (give this file "
	    "first, or as a file rather than on stdin)\n");
	assert_string_equal(output(fx), "respondent,team,PC1\nR0001,A,1\n"
	    "R0002,,2\n");
	assert_int_equal(fx->sv.n.cols_dropped, 3);
	assert_int_equal(fx->sv.n.cols_ignored, 0);	/* not counted twice */
	assert_int_equal(fx->sv.n.cols_meta, 1);
}

static void
test_survey_finish_without_input(void **state)
{
	struct fx *fx = *state;

	survey_finish(&fx->sv);
	survey_finish(&fx->sv);
	assert_string_equal(output(fx), "respondent\n");
	capture_start();
	survey_summary(&fx->sv);
	assert_string_equal(capture_end(), "plg: 0 respondents read from 0 "
	    "files (no input): 0 kept, 0 excluded (0 without any answer); 0 of "
	    "54 items mapped; columns: 0 metadata kept, 0 personal data "
	    "dropped, 0 platform id replaced, 0 ignored; answers: 0 recoded, 0 "
	    "empty, 0 don't know, 0 rejected\n");
}


/* ---- platforms ---- */

/* Qualtrics: three header rows; Status, Finished and Progress decide which
 * responses count; -99 is empty, other negative recodes are not
 * applicable. */
static const char qualtrics_csv[] =
    "StartDate,Status,Progress,Finished,ResponseId,IPAddress,Q1_1,Q1_2\n"
    "Start Date,Response Type,Progress,Finished,Response ID,IP Address,"
    "PC1,PC2\n"
    "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":"
    "\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"progress\"\"}\","
    "\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":"
    "\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"ipAddress\"\"}\","
    "\"{\"\"ImportId\"\":\"\"QID1_1\"\"}\",\"{\"\"ImportId\"\":"
    "\"\"QID1_2\"\"}\"\n"
    "2026-10-05,0,100,1,R_1,192.0.2.1,4,-1\n"
    "2026-10-05,0,40,0,R_2,192.0.2.2,3,\n"
    "2026-10-05,1,100,1,R_3,192.0.2.3,5,5\n"
    "2026-10-05,2,100,1,R_4,,1,2\n"
    "2026-10-05,8,100,1,R_5,203.0.113.9,5,5\n"
    "2026-10-05,0,100,1,R_6,192.0.2.6,-99,3\n"
    "2026-10-05,77,100,1,R_7,192.0.2.7,2,2\n";

static void
test_survey_file_qualtrics_rules(void **state)
{
	struct fx *fx = *state;
	const struct survey_counts *n = &fx->sv.n;
	char *paths[] = { "qx.csv" };

	FILE_LIT("qx.csv", qualtrics_csv);
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "plg:qx.csv:10: Status '77' is not a "
	    "response type plg-survey knows; such responses are excluded\n");
	assert_string_equal(output(fx), "respondent,PC1,PC2\n"
	    "R0001,4,\nR0002,,3\n");
	assert_int_equal(n->read, 7);
	assert_int_equal(n->excluded[REASON_INCOMPLETE], 1);
	assert_int_equal(n->excluded[REASON_PREVIEW], 1);
	assert_int_equal(n->excluded[REASON_TEST], 1);
	assert_int_equal(n->excluded[REASON_SPAM], 1);
	assert_int_equal(n->excluded[REASON_STATUS], 1);
	assert_int_equal(n->kept, 2);
	assert_int_equal(n->empty, 1);		/* -99 */
	assert_int_equal(n->dontknow, 1);	/* -1 */
	assert_int_equal(n->cols_personal, 1);
	assert_int_equal(n->cols_id, 1);
	assert_int_equal(fx->sv.fmt_used[FMT_QUALTRICS], 1);
	assert_null(strstr(output(fx), "192.0.2"));
	capture_start();
	survey_summary(&fx->sv);
	assert_non_null(strstr(capture_end(), "from 1 file (qualtrics; utf-8): "
	    "2 kept, 5 excluded (1 incomplete, 1 preview, 1 test, 1 spam, 1 "
	    "unknown status, 0 without any answer)"));
}

static void
test_survey_file_qualtrics_keep_options_and_verbose(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "qx.csv" };

	fx->sv.keep_incomplete = 1;
	fx->sv.keep_test = 1;
	fx->sv.verbose = 1;
	FILE_LIT("qx.csv", qualtrics_csv);
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_non_null(strstr(err, "plg:qx.csv:1: format qualtrics "
	    "(ImportId row), 3 header rows (names, labels, ImportIds)\n"));
	assert_non_null(strstr(err, "plg:qx.csv:8: marked as spam (Status "
	    "'8'); respondent excluded\n"));
	assert_non_null(strstr(err, "plg:qx.csv:10: unknown response type "
	    "(Status '77'); respondent excluded\n"));
	assert_int_equal(fx->sv.n.kept, 5);
	assert_int_equal(fx->sv.n.excluded[REASON_SPAM], 1);
	assert_int_equal(fx->sv.n.excluded[REASON_STATUS], 1);
}

static void
test_survey_file_limesurvey_incomplete(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "ls.csv" };

	FILE_LIT("ls.csv", "\"id\",\"submitdate\",\"lastpage\",\"token\","
	    "\"PC1\"\r\n"
	    "\"1\",\"2026-10-07 10:02:11\",\"2\",\"tk1\",\"4\"\r\n"
	    "\"2\",\"\",\"1\",\"tk2\",\"5\"\r\n"
	    "\"3\",\"2026-10-07 11:00:00\",\"2\",\"tk3\",\"\"\r\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "");
	assert_string_equal(output(fx), "respondent,PC1\nR0001,4\n");
	assert_int_equal(fx->sv.n.excluded[REASON_INCOMPLETE], 1);
	assert_int_equal(fx->sv.n.no_answers, 1);
	assert_int_equal(fx->sv.n.cols_personal, 1);
}

static void
test_survey_file_limesurvey_keep_incomplete(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "ls.csv" };

	fx->sv.keep_incomplete = 1;
	FILE_LIT("ls.csv", "id,submitdate,lastpage,PC1\n1,,1,5\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(output(fx), "respondent,PC1\nR0001,5\n");
	assert_int_equal(fx->sv.n.excluded[REASON_INCOMPLETE], 0);
}

/* SurveyMonkey: the question over the first column of a block, the rows
 * of a matrix beneath. */
static void
test_survey_file_surveymonkey_two_rows(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "sm.csv" };

	FILE_LIT("sm.csv", "Respondent ID,IP Address,Team,Stellingen,\n"
	    ",,Response,Ik sta regelmatig stil bij het verschil tussen wat ik "
	    "bij leerlingen wil bereiken en wat ik werkelijk bereik.,Tussen "
	    "collega's op onze school heerst een klimaat van vertrouwen en "
	    "respect.\n"
	    "11,203.0.113.1,A,Eens,Oneens\n"
	    "12,203.0.113.2,B,,\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "");
	assert_string_equal(output(fx), "respondent,team,PC1,IC1\n"
	    "R0001,A,4,2\n");
	assert_int_equal(fx->sv.n.read, 2);
	assert_int_equal(fx->sv.n.cols_personal, 1);
}

/* The layout is decided on the first records: files shorter than that,
 * and blank records among them, still work. */
static void
test_survey_file_short_files_and_blank_records(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "h1.csv", "h2.csv" };

	FILE_LIT("h1.csv", " , \n\nPC1,PC2\n");
	FILE_LIT("h2.csv", "PC1,PC2\n , \n4,5\n");
	assert_int_equal(run(fx, paths, 2), PLG_EXIT_OK);
	assert_string_equal(err, "");
	assert_string_equal(output(fx), "respondent,PC1,PC2\nR0001,4,5\n");
	assert_int_equal(fx->sv.n.blank_rows, 1);
	assert_int_equal(fx->sv.n.read, 1);
}

static void
test_survey_format_forced(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "fx.csv" };

	fx->sv.format = FMT_QUALTRICS;
	FILE_LIT("fx.csv", "PC1\n4\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "plg:fx.csv:1: no Status column: preview, "
	    "test and spam responses cannot be told apart and are kept\n"
	    "plg:fx.csv:1: no Finished or Progress column: incomplete "
	    "responses cannot be told apart and are kept\n");
	assert_string_equal(output(fx), "respondent,PC1\nR0001,4\n");
}

/* Answer rules for one column only, from a map file. */
static void
test_survey_scoped_answer_rules(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "sc.csv" };

	FILE_LIT("sc.map", "kind,from,to\n"
	    "column,Q1,PC1\ncolumn,Q2,PC2\n"
	    "answer,A1,1\nanswer,A5,5\n"
	    "answer,A1,5,Q2\nanswer,A5,1,pc2\n"
	    "answer,A1,3,Q9\n");
	capture_start();
	assert_int_equal(colmap_load_map(&fx->sv.cm, &fx->sv.rc, "sc.map"), 0);
	assert_string_equal(capture_end(), "");
	FILE_LIT("sc.csv", "Q1,Q2\nA1,A1\nA5,A5\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(output(fx), "respondent,PC1,PC2\n"
	    "R0001,1,5\nR0002,5,1\n");
	assert_string_equal(err, "plg: the answer rule on line 8 of the map "
	    "file names column 'q9', which is no item column of the input\n");
}

/* --draft-map: one rule per column, then the answers no rule recodes. */
static void
test_survey_draft_map(void **state)
{
	struct fx *fx = *state;
	char *paths[] = { "dm.csv" };

	fx->sv.draft = 1;
	FILE_LIT("dm.csv", "Id,Naam,Team,PC1,Stelling,Stelling\n"
	    "1,An,A,Vaak,x,y\n2,Bo,B,Soms,,\n3,Cas,B,vaak,,\n");
	assert_int_equal(run(fx, paths, 1), PLG_EXIT_OK);
	assert_string_equal(err, "");
	assert_string_equal(output(fx), "kind,from,to\n"
	    "# draft map written by plg-survey --draft-map: check every rule "
	    "and fill in\n"
	    "# the empty targets, then read the export with -m and this file\n"
	    "# dm.csv: csv (no platform recognised), 1 header row\n"
	    "# column 1, confidence medium: platform id (the platform's id: "
	    "replaced by a new one)\n"
	    "column,Id,ignore\n"
	    "# column 2, confidence medium: personal data\n"
	    "column,Naam,personal\n"
	    "# column 3, confidence high: metadata name\n"
	    "column,Team,meta:team\n"
	    "# column 4, confidence high: item code\n"
	    "column,PC1,PC1\n"
	    "# column 5, confidence none: not recognised: put an item code "
	    "here if it is a statement of the instrument\n"
	    "column,Stelling,ignore\n"
	    "# column 6 has the same header as column 5: the rule above maps "
	    "both\n"
	    "# answers that are not on the response scale: give each a value "
	    "of the scale, or 'missing'; a fourth field limits a rule to one "
	    "column (its header as above, or its item code)\n"
	    "# 'Soms': 1 time, item PC1\n"
	    "answer,Soms,\n"
	    "# 'Vaak': 2 times, item PC1\n"
	    "answer,Vaak,\n");
	assert_null(strstr(output(fx), "An,"));
}

static int
group_setup(void **state)
{
	(void)state;
	if (getcwd(olddir, sizeof(olddir)) == NULL || mkdtemp(dir) == NULL ||
	    chdir(dir) != 0)
		return -1;
	return instrument_load(&ins, NULL);
}

static int
group_teardown(void **state)
{
	static const char *const names[] = { "a.csv", "b.csv", "c.csv",
	    "d1.csv", "d2.csv", "e.csv", "s.csv", "empty.csv", "blank.csv",
	    "ok.csv", "amb.csv", "q.csv", "w.csv", "u.csv", "v.csv", "f1.csv",
	    "f2.csv", "qx.csv", "ls.csv", "sm.csv", "h1.csv", "h2.csv",
	    "fx.csv", "sc.map", "sc.csv", "dm.csv" };
	size_t i;

	(void)state;
	instrument_release(&ins);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		remove(names[i]);
	if (chdir(olddir) != 0)
		return -1;
	return rmdir(dir);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_survey_file_ms_forms_like),
		T(test_survey_ids_carry_nothing_of_the_platform),
		T(test_survey_summary_text),
		T(test_survey_file_rejected_answers),
		T(test_survey_add_const_and_file_column),
		T(test_survey_prescan_merges_columns_of_all_files),
		T(test_survey_file_blank_short_long_records),
		T(test_survey_file_short_records_warned_three_times),
		T(test_survey_file_empty),
		T(test_survey_file_cannot_open),
		T(test_survey_file_ambiguous_columns_reported_once),
		T(test_survey_file_unterminated_quote),
		T(test_survey_file_cp1252_and_bad_utf16),
		T(test_survey_file_verbose),
		T(test_survey_file_stdin_late_columns_dropped),
		T(test_survey_finish_without_input),
		T(test_survey_file_qualtrics_rules),
		T(test_survey_file_qualtrics_keep_options_and_verbose),
		T(test_survey_file_limesurvey_incomplete),
		T(test_survey_file_limesurvey_keep_incomplete),
		T(test_survey_file_surveymonkey_two_rows),
		T(test_survey_file_short_files_and_blank_records),
		T(test_survey_format_forced),
		T(test_survey_scoped_answer_rules),
		T(test_survey_draft_map),
	};

	return cmocka_run_group_tests_name("survey", tests, group_setup,
	    group_teardown);
}
