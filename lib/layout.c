/* layout.c -- the survey platforms' export layouts: detection, header rows,
 * the platform's own columns, which responses to keep, special answers.
 * Every rule here is documented in plg-survey(1), PLATFORMS. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout.h"
#include "numparse.h"
#include "textnorm.h"
#include "xalloc.h"

static const struct {
	const char *name;	/* --format */
	const char *title;	/* for people */
} formats[FMT_N] = {
	[FMT_AUTO] = { "auto", "detect" },
	[FMT_CSV] = { "csv", "plain CSV" },
	[FMT_MSFORMS] = { "msforms", "Microsoft Forms" },
	[FMT_GOOGLE] = { "google", "Google Forms" },
	[FMT_LIMESURVEY] = { "limesurvey", "LimeSurvey" },
	[FMT_QUALTRICS] = { "qualtrics", "Qualtrics" },
	[FMT_SURVEYMONKEY] = { "surveymonkey", "SurveyMonkey" },
};

const char *
layout_format_name(enum layout_format f)
{
	return f < FMT_N ? formats[f].name : "unknown";
}

const char *
layout_format_title(enum layout_format f)
{
	return f < FMT_N ? formats[f].title : "unknown";
}

int
layout_format_parse(const char *s)
{
	int f;

	for (f = 0; f < FMT_N; f++)
		if (strcasecmp(s, formats[f].name) == 0)
			return f;
	return -1;
}

const char *
layout_reason_name(enum layout_reason r)
{
	static const char *const names[REASON_N] = { "kept", "incomplete",
	    "preview", "test", "spam", "unknown status",
	    "without any answer" };

	return r < REASON_N ? names[r] : "?";
}

/* ==== the platforms' own columns ==== */

/* A column whose name or text (after textnorm) is key, or starts with key
 * when prefix is set, has role. */
struct role_rule {
	const char *key;
	enum layout_role role;
	const char *why;
	int prefix;
};

#define END_RULES	{ NULL, ROLE_NONE, NULL, 0 }

static const struct role_rule msforms_rules[] = {
	{ "id", ROLE_ID, "Microsoft Forms response number", 0 },
	{ "start time", ROLE_SYSTEM, "Microsoft Forms start time", 0 },
	{ "begintijd", ROLE_SYSTEM, "Microsoft Forms start time", 0 },
	{ "completion time", ROLE_SYSTEM, "Microsoft Forms completion time",
	    0 },
	{ "tijd van voltooien", ROLE_SYSTEM,
	    "Microsoft Forms completion time", 0 },
	{ "last modified time", ROLE_SYSTEM, "Microsoft Forms last change",
	    0 },
	{ "tijdstip laatste wijziging", ROLE_SYSTEM,
	    "Microsoft Forms last change", 0 },
	{ "total points", ROLE_SYSTEM, "Microsoft Forms quiz score", 0 },
	{ "totaal aantal punten", ROLE_SYSTEM, "Microsoft Forms quiz score",
	    0 },
	{ "quiz feedback", ROLE_SYSTEM, "Microsoft Forms quiz feedback", 0 },
	{ "grade posted time", ROLE_SYSTEM, "Microsoft Forms quiz time", 0 },
	{ "email", ROLE_PERSONAL, "Microsoft Forms respondent e-mail", 0 },
	{ "e mail", ROLE_PERSONAL, "Microsoft Forms respondent e-mail", 0 },
	{ "name", ROLE_PERSONAL, "Microsoft Forms respondent name", 0 },
	{ "naam", ROLE_PERSONAL, "Microsoft Forms respondent name", 0 },
	END_RULES
};

static const struct role_rule google_rules[] = {
	{ "timestamp", ROLE_SYSTEM, "Google Forms timestamp", 0 },
	{ "tijdstempel", ROLE_SYSTEM, "Google Forms timestamp", 0 },
	{ "zeitstempel", ROLE_SYSTEM, "Google Forms timestamp", 0 },
	{ "horodateur", ROLE_SYSTEM, "Google Forms timestamp", 0 },
	{ "marca temporal", ROLE_SYSTEM, "Google Forms timestamp", 0 },
	{ "score", ROLE_SYSTEM, "Google Forms quiz score", 0 },
	{ "email address", ROLE_PERSONAL, "Google Forms respondent e-mail",
	    0 },
	{ "e mailadres", ROLE_PERSONAL, "Google Forms respondent e-mail", 0 },
	{ "emailadres", ROLE_PERSONAL, "Google Forms respondent e-mail", 0 },
	{ "email", ROLE_PERSONAL, "Google Forms respondent e-mail", 0 },
	{ "e mail", ROLE_PERSONAL, "Google Forms respondent e-mail", 0 },
	END_RULES
};

static const struct role_rule limesurvey_rules[] = {
	{ "id", ROLE_ID, "LimeSurvey response id", 0 },
	{ "response id", ROLE_ID, "LimeSurvey response id", 0 },
	{ "submitdate", ROLE_SUBMITTED,
	    "LimeSurvey submit date: empty when incomplete", 0 },
	{ "date submitted", ROLE_SUBMITTED,
	    "LimeSurvey submit date: empty when incomplete", 0 },
	{ "lastpage", ROLE_SYSTEM, "LimeSurvey last page", 0 },
	{ "last page", ROLE_SYSTEM, "LimeSurvey last page", 0 },
	{ "startlanguage", ROLE_SYSTEM, "LimeSurvey language", 0 },
	{ "start language", ROLE_SYSTEM, "LimeSurvey language", 0 },
	{ "seed", ROLE_SYSTEM, "LimeSurvey randomisation seed", 0 },
	{ "startdate", ROLE_SYSTEM, "LimeSurvey start date", 0 },
	{ "date started", ROLE_SYSTEM, "LimeSurvey start date", 0 },
	{ "datestamp", ROLE_SYSTEM, "LimeSurvey date of last action", 0 },
	{ "date last action", ROLE_SYSTEM, "LimeSurvey date of last action",
	    0 },
	{ "interviewtime", ROLE_SYSTEM, "LimeSurvey timing", 0 },
	{ "total time", ROLE_SYSTEM, "LimeSurvey timing", 0 },
	{ "grouptime", ROLE_SYSTEM, "LimeSurvey timing", 1 },
	{ "group time ", ROLE_SYSTEM, "LimeSurvey timing", 1 },
	{ "question time ", ROLE_SYSTEM, "LimeSurvey timing", 1 },
	{ "ipaddr", ROLE_PERSONAL, "LimeSurvey IP address", 0 },
	{ "ip address", ROLE_PERSONAL, "LimeSurvey IP address", 0 },
	{ "refurl", ROLE_PERSONAL, "LimeSurvey referrer URL", 0 },
	{ "referrer url", ROLE_PERSONAL, "LimeSurvey referrer URL", 0 },
	{ "token", ROLE_PERSONAL, "LimeSurvey participant token", 0 },
	{ "access code", ROLE_PERSONAL, "LimeSurvey participant token", 0 },
	{ "firstname", ROLE_PERSONAL, "LimeSurvey participant name", 0 },
	{ "first name", ROLE_PERSONAL, "LimeSurvey participant name", 0 },
	{ "lastname", ROLE_PERSONAL, "LimeSurvey participant name", 0 },
	{ "last name", ROLE_PERSONAL, "LimeSurvey participant name", 0 },
	{ "email", ROLE_PERSONAL, "LimeSurvey participant e-mail", 0 },
	{ "email address", ROLE_PERSONAL, "LimeSurvey participant e-mail",
	    0 },
	END_RULES
};

static const struct role_rule qualtrics_rules[] = {
	{ "status", ROLE_STATUS, "Qualtrics response type: real, preview, "
	    "test or spam", 0 },
	{ "response type", ROLE_STATUS, "Qualtrics response type: real, "
	    "preview, test or spam", 0 },
	{ "finished", ROLE_FINISHED, "Qualtrics Finished: 1 when complete",
	    0 },
	{ "progress", ROLE_PROGRESS, "Qualtrics Progress: 100 when complete",
	    0 },
	{ "responseid", ROLE_ID, "Qualtrics response id", 0 },
	{ "response id", ROLE_ID, "Qualtrics response id", 0 },
	{ "startdate", ROLE_SYSTEM, "Qualtrics start date", 0 },
	{ "start date", ROLE_SYSTEM, "Qualtrics start date", 0 },
	{ "enddate", ROLE_SYSTEM, "Qualtrics end date", 0 },
	{ "end date", ROLE_SYSTEM, "Qualtrics end date", 0 },
	{ "recordeddate", ROLE_SYSTEM, "Qualtrics recorded date", 0 },
	{ "recorded date", ROLE_SYSTEM, "Qualtrics recorded date", 0 },
	{ "duration in seconds", ROLE_SYSTEM, "Qualtrics duration", 0 },
	{ "distributionchannel", ROLE_SYSTEM, "Qualtrics distribution", 0 },
	{ "distribution channel", ROLE_SYSTEM, "Qualtrics distribution", 0 },
	{ "userlanguage", ROLE_SYSTEM, "Qualtrics language", 0 },
	{ "user language", ROLE_SYSTEM, "Qualtrics language", 0 },
	{ "responseset", ROLE_SYSTEM, "Qualtrics response set", 0 },
	{ "response set", ROLE_SYSTEM, "Qualtrics response set", 0 },
	{ "ipaddress", ROLE_PERSONAL, "Qualtrics IP address", 0 },
	{ "ip address", ROLE_PERSONAL, "Qualtrics IP address", 0 },
	{ "externalreference", ROLE_PERSONAL, "Qualtrics external reference",
	    0 },
	{ "externaldatareference", ROLE_PERSONAL,
	    "Qualtrics external reference", 0 },
	{ "external data reference", ROLE_PERSONAL,
	    "Qualtrics external reference", 0 },
	{ "name", ROLE_PERSONAL, "Qualtrics respondent name", 0 },
	{ "emailaddress", ROLE_PERSONAL, "Qualtrics respondent e-mail", 0 },
	{ "email address", ROLE_PERSONAL, "Qualtrics respondent e-mail", 0 },
	{ "recipient", ROLE_PERSONAL, "Qualtrics recipient name or e-mail",
	    1 },
	{ "location", ROLE_PERSONAL, "Qualtrics location", 1 },
	END_RULES
};

static const struct role_rule surveymonkey_rules[] = {
	{ "respondent id", ROLE_ID, "SurveyMonkey respondent id", 0 },
	{ "respondentid", ROLE_ID, "SurveyMonkey respondent id", 0 },
	{ "collector id", ROLE_SYSTEM, "SurveyMonkey collector", 0 },
	{ "collectorid", ROLE_SYSTEM, "SurveyMonkey collector", 0 },
	{ "start date", ROLE_SYSTEM, "SurveyMonkey start date", 0 },
	{ "startdate", ROLE_SYSTEM, "SurveyMonkey start date", 0 },
	{ "end date", ROLE_SYSTEM, "SurveyMonkey end date", 0 },
	{ "enddate", ROLE_SYSTEM, "SurveyMonkey end date", 0 },
	{ "ip address", ROLE_PERSONAL, "SurveyMonkey IP address", 0 },
	{ "ipaddress", ROLE_PERSONAL, "SurveyMonkey IP address", 0 },
	{ "email address", ROLE_PERSONAL, "SurveyMonkey e-mail", 0 },
	{ "emailaddress", ROLE_PERSONAL, "SurveyMonkey e-mail", 0 },
	{ "first name", ROLE_PERSONAL, "SurveyMonkey respondent name", 0 },
	{ "last name", ROLE_PERSONAL, "SurveyMonkey respondent name", 0 },
	END_RULES
};

static const struct role_rule *const platform_rules[FMT_N] = {
	[FMT_MSFORMS] = msforms_rules,
	[FMT_GOOGLE] = google_rules,
	[FMT_LIMESURVEY] = limesurvey_rules,
	[FMT_QUALTRICS] = qualtrics_rules,
	[FMT_SURVEYMONKEY] = surveymonkey_rules,
};

/* Microsoft Forms quiz columns, by the raw header's start: "Points - ",
 * "Feedback - " before the question (case does not matter). */
static const char *const msforms_quiz_prefixes[] = { "Points - ",
    "Feedback - ", "Punten - ", NULL };

/* ==== small helpers ==== */

static const char *
field(const struct csvio_record *r, size_t i)
{
	return r != NULL && i < r->nfield ? r->field[i] : "";
}

static char *
key_of(const char *s)
{
	return textnorm(s, strlen(s));
}

/* Index of the first field whose key is one of keys (or starts with one of
 * them and a space, when prefix is set), or -1. */
static long
find_key(const struct csvio_record *r, const char *const *keys, int prefix)
{
	size_t i, l;
	const char *const *k;

	for (i = 0; i < r->nfield; i++) {
		char *key = key_of(r->field[i]);
		for (k = keys; *k != NULL; k++) {
			l = strlen(*k);
			if (strcmp(key, *k) == 0 || (prefix &&
			    strncmp(key, *k, l) == 0 && key[l] == ' '))
				break;
		}
		free(key);
		if (*k != NULL)
			return (long)i;
	}
	return -1;
}

static int
first_key_is(const struct csvio_record *r, const char *const *keys)
{
	char *key = key_of(field(r, 0));
	const char *const *k;

	for (k = keys; *k != NULL; k++)
		if (strcmp(key, *k) == 0)
			break;
	free(key);
	return *k != NULL;
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static enum layout_reason qualtrics_status_reason(const char *s);

/* ==== detection ==== */

/* Qualtrics' third header row: {"ImportId":"QID1"}, or
 * {'ImportId': 'QID1'} in the exports of 2016-2017. */
static int
importid_row(const struct csvio_record *r)
{
	const char *s;

	if (r == NULL || r->nfield == 0)
		return 0;
	s = skip_blanks(r->field[0]);
	return strncmp(s, "{\"ImportId\"", 11) == 0 ||
	    strncmp(s, "{'ImportId'", 11) == 0;
}

/* The legacy (pre-2017) Qualtrics export: V1, V2, V3, ... over the
 * labels ResponseID, ResponseSet, ... */
static int
legacy_qualtrics(const struct csvio_record *r1, const struct csvio_record *r2)
{
	static const char *const rid[] = { "responseid", NULL };

	return r1 != NULL && r2 != NULL && strcmp(field(r1, 0), "V1") == 0 &&
	    strcmp(field(r1, 1), "V2") == 0 &&
	    strcmp(field(r1, 2), "V3") == 0 && first_key_is(r2, rid);
}

static int
qualtrics_names(const struct csvio_record *r)
{
	static const char *const rid[] = { "responseid", NULL };
	static const char *const fin[] = { "finished", "status", NULL };
	static const char *const start[] = { "startdate", NULL };

	return find_key(r, rid, 0) >= 0 && find_key(r, fin, 0) >= 0 &&
	    find_key(r, start, 0) >= 0;
}

static int
is_bool_or_number(const char *s)
{
	double x;

	return num_parse(s, &x) == 0 || strcasecmp(s, "true") == 0 ||
	    strcasecmp(s, "false") == 0;
}

/* Header records of a Qualtrics export: 3 (names, labels, ImportIds),
 * 2 (legacy, or names and labels without the ImportId row), or 1. */
static size_t
qualtrics_nheader(struct layout *lo, const struct csvio_record *const *rec,
    size_t n)
{
	static const char *const fin[] = { "finished", "progress", NULL };
	static const char *const status[] = { "status", NULL };
	const struct csvio_record *r2 = n > 1 ? rec[1] : NULL;
	const struct csvio_record *r3 = n > 2 ? rec[2] : NULL;
	long f;

	if (importid_row(r3)) {
		lo->rows_why = "names, labels, ImportIds";
		return 3;
	}
	if (legacy_qualtrics(rec[0], r2)) {
		lo->rows_why = "legacy: V-names over labels";
		return 2;
	}
	if (importid_row(r2)) {		/* the label row deleted */
		lo->rows_why = "names, ImportIds";
		return 2;
	}
	/* a label row: Finished or Progress hold a word, not 0/1/True, or
	 * Status a word that is no response type */
	if (r2 != NULL && (f = find_key(rec[0], fin, 0)) >= 0 &&
	    *field(r2, (size_t)f) != '\0' &&
	    !is_bool_or_number(field(r2, (size_t)f))) {
		lo->rows_why = "names, labels";
		return 2;
	}
	if (r2 != NULL && (f = find_key(rec[0], status, 0)) >= 0 &&
	    *field(r2, (size_t)f) != '\0' &&
	    qualtrics_status_reason(field(r2, (size_t)f)) == REASON_STATUS) {
		lo->rows_why = "names, labels";
		return 2;
	}
	lo->rows_why = "names only";
	return 1;
}

/* SurveyMonkey's second header row: "Response", "Open-Ended Response" or a
 * matrix row under each question (nothing under the first columns, unless
 * they were deleted). */
static int
surveymonkey_subheader(const struct csvio_record *r)
{
	static const char *const sub[] = { "response", "open ended response",
	    "antwoord", "open antwoord", NULL };

	return r != NULL && find_key(r, sub, 0) >= 0;
}

static int
limesurvey_names(const struct csvio_record *r)
{
	static const char *const sub[] = { "submitdate", "date submitted",
	    NULL };
	static const char *const other[] = { "lastpage", "last page",
	    "startlanguage", "start language", NULL };

	return find_key(r, sub, 1) >= 0 && find_key(r, other, 1) >= 0;
}

static int
msforms_names(const struct csvio_record *r)
{
	static const char *const id[] = { "id", NULL };
	static const char *const start[] = { "start time", "begintijd", NULL };
	static const char *const end[] = { "completion time",
	    "tijd van voltooien", NULL };

	return first_key_is(r, id) && find_key(r, start, 0) >= 0 &&
	    find_key(r, end, 0) >= 0;
}

static int
google_names(const struct csvio_record *r)
{
	static const char *const ts[] = { "timestamp", "tijdstempel",
	    "zeitstempel", "horodateur", "marca temporal", NULL };

	return first_key_is(r, ts);
}

static int
surveymonkey_names(const struct csvio_record *r)
{
	static const char *const id[] = { "respondent id", "respondentid",
	    NULL };

	return first_key_is(r, id);
}

static enum layout_format
detect_format(struct layout *lo, const struct csvio_record *const *rec,
    size_t n)
{
	const struct csvio_record *r2 = n > 1 ? rec[1] : NULL;

	if ((n > 2 && importid_row(rec[2])) || (n > 1 && importid_row(r2))) {
		lo->why = "ImportId row";
		return FMT_QUALTRICS;
	}
	if (legacy_qualtrics(rec[0], r2)) {
		lo->why = "V1, V2, V3 over ResponseID";
		return FMT_QUALTRICS;
	}
	if (qualtrics_names(rec[0])) {
		lo->why = "ResponseId, StartDate and Status columns";
		return FMT_QUALTRICS;
	}
	if (limesurvey_names(rec[0])) {
		lo->why = "submitdate and lastpage columns";
		return FMT_LIMESURVEY;
	}
	if (surveymonkey_names(rec[0])) {
		lo->why = "Respondent ID first";
		return FMT_SURVEYMONKEY;
	}
	if (msforms_names(rec[0])) {
		lo->why = "ID, start and completion time";
		return FMT_MSFORMS;
	}
	if (google_names(rec[0])) {
		lo->why = "Timestamp first";
		return FMT_GOOGLE;
	}
	lo->why = "no platform recognised";
	return FMT_CSV;
}

void
layout_init(struct layout *lo, enum layout_format fmt)
{
	memset(lo, 0, sizeof(*lo));
	lo->fmt = fmt;
	lo->forced = fmt != FMT_AUTO;
	lo->nheader = 1;
	lo->status = lo->finished = lo->progress = lo->submitted = -1;
}

void
layout_release(struct layout *lo)
{
	size_t i;

	for (i = 0; i < lo->ncol; i++) {
		free(lo->col[i].name);
		free(lo->col[i].text);
		free(lo->col[i].header);
	}
	free(lo->col);
	lo->col = NULL;
	lo->ncol = 0;
}

void
layout_detect(struct layout *lo, const struct csvio_record *const *rec,
    size_t n)
{
	if (lo->forced)
		lo->why = "forced";
	else
		lo->fmt = detect_format(lo, rec, n);
	lo->nheader = 1;
	lo->rows_why = NULL;
	if (lo->fmt == FMT_QUALTRICS)
		lo->nheader = qualtrics_nheader(lo, rec, n);
	else if (lo->fmt == FMT_SURVEYMONKEY && n > 1 &&
	    surveymonkey_subheader(rec[1])) {
		lo->nheader = 2;
		lo->rows_why = "questions, Response or rows";
	}
}

/* ==== headers ==== */

/* s without HTML tags (SurveyMonkey keeps <br> in question texts). */
static char *
strip_tags(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	const char *gt;

	for (; *s != '\0'; s++) {
		if (*s == '<' && (gt = strchr(s, '>')) != NULL &&
		    (s[1] == '/' || (s[1] >= 'a' && s[1] <= 'z') ||
		    (s[1] >= 'A' && s[1] <= 'Z'))) {
			*o++ = ' ';
			s = gt;
			continue;
		}
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static int
is_legacy_v(const char *s)
{
	if (*s++ != 'V' || *s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == '\0';
}

/* LimeSurvey "Question code & question text" headings join the two with a
 * separator chosen at export (". " by default).  Learn it from the first
 * column, "id" followed by the separator and "Response ID". */
static char *
limesurvey_separator(const struct csvio_record *r)
{
	const char *h = field(r, 0), *p;
	char *key = key_of(h);
	int plain = strcmp(key, "id") == 0 || strcmp(key, "response id") == 0;

	free(key);
	if (plain || strncasecmp(h, "id", 2) != 0)
		return NULL;
	for (p = h + 2; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
			break;
	if (p == h + 2 || *p == '\0')
		return NULL;
	return xstrndup(h + 2, (size_t)(p - h - 2));
}

static void
set_col(struct layout_col *c, const char *name, const char *text,
    const char *header)
{
	c->name = xstrdup(name);
	c->text = xstrdup(text);
	c->header = xstrdup(header);
}

static void
headers_limesurvey(struct layout *lo, const struct csvio_record *r)
{
	char *sep = limesurvey_separator(r);
	size_t i;

	for (i = 0; i < lo->ncol; i++) {
		const char *h = field(r, i), *p = NULL;
		if (sep != NULL && (p = strstr(h, sep)) != NULL &&
		    (p == h || memchr(h, ' ', (size_t)(p - h)) != NULL))
			p = NULL;	/* a code has no spaces */
		if (p == NULL) {
			set_col(&lo->col[i], h, h, h);
			continue;
		}
		lo->col[i].name = xstrndup(h, (size_t)(p - h));
		lo->col[i].text = xstrdup(p + strlen(sep));
		lo->col[i].header = xstrdup(h);
	}
	free(sep);
}

/* Question text over the first column of a block, "Response" or the row
 * text beneath each column: "Question [Row]", or "Question" alone. */
static void
headers_surveymonkey(struct layout *lo, const struct csvio_record *r1,
    const struct csvio_record *r2)
{
	char *q = xstrdup(""), *sub, *h, *key;
	size_t i;

	for (i = 0; i < lo->ncol; i++) {
		if (*skip_blanks(field(r1, i)) != '\0') {
			free(q);
			q = strip_tags(field(r1, i));
		} else if (*skip_blanks(field(r2, i)) == '\0') {
			free(q);	/* neither: no question goes on */
			q = xstrdup("");
		}
		sub = strip_tags(field(r2, i));
		key = key_of(sub);
		if (*key == '\0' || strcmp(key, "response") == 0 ||
		    strcmp(key, "open ended response") == 0 ||
		    strcmp(key, "antwoord") == 0 ||
		    strcmp(key, "open antwoord") == 0)
			h = xstrdup(q);
		else if (*skip_blanks(q) == '\0')
			h = xstrdup(sub);
		else
			h = xasprintf("%s [%s]", q, sub);
		set_col(&lo->col[i], h, h, h);
		free(h);
		free(key);
		free(sub);
	}
	free(q);
}

static void
headers_qualtrics(struct layout *lo, const struct csvio_record *r1,
    const struct csvio_record *r2)
{
	size_t i;

	if (importid_row(r2))	/* the label row was deleted */
		r2 = NULL;
	for (i = 0; i < lo->ncol; i++) {
		const char *name = field(r1, i);
		const char *text = r2 != NULL && *field(r2, i) != '\0' ?
		    field(r2, i) : name;
		set_col(&lo->col[i], name, text,
		    is_legacy_v(name) ? text : name);
	}
}

/* The role of column c by the platform's rules, on its name and text. */
static void
find_role(const struct layout *lo, struct layout_col *c)
{
	const struct role_rule *rule = platform_rules[lo->fmt];
	const char *const *p;
	char *k[2];
	size_t i, l;

	c->role = ROLE_NONE;
	if (lo->fmt == FMT_MSFORMS)
		for (p = msforms_quiz_prefixes; *p != NULL; p++)
			if (strncasecmp(c->header, *p, strlen(*p)) == 0) {
				c->role = ROLE_SYSTEM;
				c->why = "Microsoft Forms quiz points or "
				    "feedback";
				return;
			}
	if (rule == NULL)
		return;
	k[0] = key_of(c->name);
	k[1] = key_of(c->text);
	for (; rule->key != NULL && c->role == ROLE_NONE; rule++)
		for (i = 0; i < 2; i++) {
			l = strlen(rule->key);
			/* prefixes only on the name: a question's text
			 * may start with "Location" */
			if ((!rule->prefix && strcmp(k[i], rule->key) == 0) ||
			    (rule->prefix && i == 0 &&
			    strncmp(k[i], rule->key, l) == 0)) {
				c->role = rule->role;
				c->why = rule->why;
				break;
			}
		}
	free(k[0]);
	free(k[1]);
}

static void
headers_plain(struct layout *lo, const struct csvio_record *r)
{
	size_t i;

	for (i = 0; i < lo->ncol; i++)
		set_col(&lo->col[i], field(r, i), field(r, i), field(r, i));
}

static void
note_role(struct layout *lo, size_t i)
{
	long *slot = NULL;

	switch (lo->col[i].role) {
	case ROLE_STATUS: slot = &lo->status; break;
	case ROLE_FINISHED: slot = &lo->finished; break;
	case ROLE_PROGRESS: slot = &lo->progress; break;
	case ROLE_SUBMITTED: slot = &lo->submitted; break;
	default: break;
	}
	if (slot != NULL && *slot < 0)
		*slot = (long)i;
}

void
layout_headers(struct layout *lo, const struct csvio_record *const *rec)
{
	const struct csvio_record *r1 = rec[0];
	const struct csvio_record *r2 = lo->nheader > 1 ? rec[1] : NULL;
	size_t i, n = r1->nfield;
	struct layout_col *c;

	layout_release(lo);
	lo->status = lo->finished = lo->progress = lo->submitted = -1;
	if (r2 != NULL && r2->nfield > n)
		n = r2->nfield;
	lo->ncol = n;
	lo->col = xcalloc(n > 0 ? n : 1, sizeof(*lo->col));
	if (lo->fmt == FMT_QUALTRICS)
		headers_qualtrics(lo, r1, r2);
	else if (lo->fmt == FMT_SURVEYMONKEY && r2 != NULL)
		headers_surveymonkey(lo, r1, r2);
	else if (lo->fmt == FMT_LIMESURVEY)
		headers_limesurvey(lo, r1);
	else
		headers_plain(lo, r1);
	/* trailing columns without any header: trailing delimiters */
	while (lo->ncol > 0 && *skip_blanks((c = &lo->col[lo->ncol - 1])->
	    header) == '\0' && *skip_blanks(c->name) == '\0') {
		free(c->name);
		free(c->text);
		free(c->header);
		lo->ncol--;
	}
	for (i = 0; i < lo->ncol; i++) {
		find_role(lo, &lo->col[i]);
		note_role(lo, i);
	}
}

/* ==== responses ==== */

/* Qualtrics response types (Status), by number and by label. */
static const struct {
	int code;
	const char *label;	/* textnorm() key */
	enum layout_reason reason;
} qualtrics_status[] = {
	{ 0, "ip address", REASON_KEEP },
	{ 4, "imported", REASON_KEEP },
	{ 16, "offline", REASON_KEEP },
	{ 32, "ex", REASON_KEEP },
	{ 48, "ex offline", REASON_KEEP },
	{ 1, "survey preview", REASON_PREVIEW },
	{ 17, "offline survey preview", REASON_PREVIEW },
	{ 2, "survey test", REASON_TEST },
	{ 8, "spam", REASON_SPAM },
	{ 9, "survey preview spam", REASON_SPAM },
	{ 12, "imported spam", REASON_SPAM },
	{ 40, "ex spam", REASON_SPAM },
};

static enum layout_reason
qualtrics_status_reason(const char *s)
{
	double x;
	char *key;
	size_t i, n = sizeof(qualtrics_status) / sizeof(qualtrics_status[0]);
	enum layout_reason r = REASON_STATUS;

	if (num_parse(s, &x) == 0) {
		for (i = 0; i < n; i++)
			if (x == qualtrics_status[i].code)
				return qualtrics_status[i].reason;
		return REASON_STATUS;
	}
	key = key_of(s);
	for (i = 0; i < n; i++)
		if (strcmp(key, qualtrics_status[i].label) == 0) {
			r = qualtrics_status[i].reason;
			break;
		}
	free(key);
	return r;
}

/* 1 true, 0 false, -1 neither. */
static int
parse_bool(const char *s)
{
	s = skip_blanks(s);
	if (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0)
		return 0;
	return -1;
}

static enum layout_reason
keep_qualtrics(const struct layout *lo, const struct csvio_record *rec,
    char *buf, size_t size)
{
	enum layout_reason r;
	int fin = -1;
	double prog = -1;

	if (lo->status >= 0) {
		const char *s = field(rec, (size_t)lo->status);
		r = qualtrics_status_reason(s);
		snprintf(buf, size, "Status '%.40s'", s);
		if (r == REASON_SPAM || r == REASON_STATUS)
			return r;
		if ((r == REASON_PREVIEW || r == REASON_TEST) &&
		    !lo->keep_test)
			return r;
	}
	if (lo->finished >= 0)
		fin = parse_bool(field(rec, (size_t)lo->finished));
	if (lo->progress >= 0 && num_parse(field(rec, (size_t)lo->progress),
	    &prog) != 0)
		prog = -1;
	if (fin == 1 || prog >= 100 || lo->keep_incomplete ||
	    (fin == -1 && prog < 0)) {
		buf[0] = '\0';
		return REASON_KEEP;
	}
	if (lo->finished >= 0 && lo->progress >= 0)
		snprintf(buf, size, "Finished '%.10s', Progress '%.10s'",
		    field(rec, (size_t)lo->finished),
		    field(rec, (size_t)lo->progress));
	else if (lo->finished >= 0)
		snprintf(buf, size, "Finished '%.10s'",
		    field(rec, (size_t)lo->finished));
	else
		snprintf(buf, size, "Progress '%.10s'",
		    field(rec, (size_t)lo->progress));
	return REASON_INCOMPLETE;
}

enum layout_reason
layout_keep(const struct layout *lo, const struct csvio_record *rec,
    char *buf, size_t size)
{
	buf[0] = '\0';
	switch (lo->fmt) {
	case FMT_QUALTRICS:
		return keep_qualtrics(lo, rec, buf, size);
	case FMT_LIMESURVEY:
		if (lo->submitted < 0 || lo->keep_incomplete ||
		    *skip_blanks(field(rec, (size_t)lo->submitted)) != '\0')
			return REASON_KEEP;
		snprintf(buf, size, "no submit date");
		return REASON_INCOMPLETE;
	default:
		return REASON_KEEP;
	}
}

enum recode_status
layout_answer(const struct layout *lo, const char *s, enum recode_status st)
{
	double x;

	if (lo->fmt != FMT_QUALTRICS || st != RECODE_OUT_OF_RANGE ||
	    num_parse(s, &x) != 0 || x >= 0 || x != (double)(long)x)
		return st;
	return x == -99 ? RECODE_EMPTY : RECODE_DONTKNOW;
}

void
layout_describe(const struct layout *lo, char *buf, size_t size)
{
	snprintf(buf, size, "%s (%s), %zu header row%s%s%s%s",
	    layout_format_name(lo->fmt), lo->why != NULL ? lo->why : "",
	    lo->nheader, lo->nheader == 1 ? "" : "s",
	    lo->rows_why != NULL ? " (" : "",
	    lo->rows_why != NULL ? lo->rows_why : "",
	    lo->rows_why != NULL ? ")" : "");
}
