/* test_instrument.c -- the default PLG instrument, lookups, and the exact
 * diagnostics for broken instrument files. */
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
#include "instrument.h"

/* ---- helpers ---- */

#define HDR	"type,code,parent,value,nl,en\n"
/* lines 2-7; a test appends from line 8 on */
#define BASE	HDR \
	"range,,,1..5,,\n" \
	"answer,1,,1,Oneens,Disagree\n" \
	"answer,5,,5,Eens,Agree\n" \
	"framework,f,,,Raamwerk,Framework\n" \
	"scale,s,f,,Schaal,Scale\n" \
	"item,Q1,s,,Vraag een,Question one\n"

/* Parse text as "t.csv"; its stderr must be exactly want; returns rc. */
static int
parse(struct instrument *ins, const char *text, const char *want)
{
	int rc;

	capture_start();
	rc = instrument_parse(ins, "t.csv", text, strlen(text));
	assert_string_equal(capture_end(), want);
	return rc;
}

/* text must be rejected with exactly the message want. */
static void
broken(const char *text, const char *want)
{
	struct instrument ins;

	assert_int_equal(parse(&ins, text, want), -1);
	assert_int_equal(ins.nitem, 0);		/* released */
	assert_null(ins.item);
}

/* Space-separated codes of the reverse-keyed items. */
static void
reverse_codes(const struct instrument *ins, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < ins->nitem; i++)
		if (ins->item[i].reverse)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len ? " " : "", ins->item[i].code);
}

/* ---- the default instrument ---- */

static int
load_default(void **state)
{
	struct instrument *ins = malloc(sizeof(*ins));

	if (ins == NULL || instrument_load(ins, NULL) != 0) {
		free(ins);
		return -1;
	}
	*state = ins;
	return 0;
}

static int
free_default(void **state)
{
	instrument_release(*state);
	free(*state);
	return 0;
}

static void
test_instrument_load_default_counts(void **state)
{
	const struct instrument *ins = *state;
	size_t i, nframe = 0;

	assert_int_equal(ins->nitem, 54);
	assert_int_equal(ins->nscale, 14);
	for (i = 0; i < ins->nscale; i++)
		nframe += ins->scale[i].framework;
	assert_int_equal(nframe, 3);
	assert_int_equal(ins->nscale - nframe, 11);
	assert_string_equal(ins->id, "plg");
	assert_string_equal(ins->version, "1.0");
	assert_string_equal(ins->source, "(default instrument)");
	assert_string_equal(ins->title[LANG_EN],
	    "PLC questionnaire: the school as a professional learning "
	    "community");
	assert_dbl_equal(ins->min_answered, 0.5);
}

static void
test_instrument_load_default_range_and_values(void **state)
{
	const struct instrument *ins = *state;
	size_t i;

	assert_dbl_equal(ins->min, 1);
	assert_dbl_equal(ins->max, 5);
	assert_int_equal(ins->nvalue, 5);
	for (i = 0; i < ins->nvalue; i++)
		assert_dbl_equal(ins->value[i], (double)(i + 1));
}

static void
test_instrument_load_default_answers(void **state)
{
	const struct instrument *ins = *state;

	assert_int_equal(ins->nanswer, 24);
	assert_string_equal(ins->answer[0].code, "1");
	assert_string_equal(ins->answer[0].label[LANG_NL], "Helemaal oneens");
	assert_string_equal(ins->answer[0].key[LANG_EN], "strongly disagree");
	assert_false(ins->answer[0].alias);
	assert_string_equal(ins->answer[5].code, "dk");
	assert_true(isnan(ins->answer[5].value));
	assert_false(ins->answer[5].alias);
	assert_string_equal(ins->answer[7].label[LANG_NL], "Zeer oneens");
	assert_dbl_equal(ins->answer[7].value, 1);
	assert_true(ins->answer[7].alias);
}

static void
test_instrument_load_default_bands(void **state)
{
	const struct instrument *ins = *state;

	assert_int_equal(ins->nband, 3);
	assert_string_equal(ins->band[0].code, "attention");
	assert_dbl_equal(ins->band[0].lower, 1);
	assert_string_equal(ins->band[1].code, "developing");
	assert_dbl_equal(ins->band[1].lower, 2.75);
	assert_string_equal(ins->band[2].code, "strength");
	assert_dbl_equal(ins->band[2].lower, 3.75);
	assert_string_equal(ins->band[2].label[LANG_NL], "Sterk punt");
}

static void
test_instrument_load_default_reverse_items(void **state)
{
	char buf[256];

	reverse_codes(*state, buf, sizeof(buf));
	assert_string_equal(buf, "PC5 IC5 OC2 OC3");
}

static void
test_instrument_load_default_tree(void **state)
{
	const struct instrument *ins = *state;
	long lfl = instrument_find_scale(ins, "lfl");
	long cap = instrument_find_scale(ins, "capacities");
	long roles = instrument_find_scale(ins, "roles");
	long personal = instrument_find_scale(ins, "personal");
	long pc5 = instrument_find_item(ins, "PC5");

	assert_true(lfl >= 0 && cap >= 0 && roles >= 0 && personal >= 0);
	assert_int_equal(ins->scale[lfl].nitem, 27);
	assert_int_equal(ins->scale[cap].nitem, 18);
	assert_int_equal(ins->scale[roles].nitem, 9);
	assert_true(ins->scale[lfl].framework);
	assert_int_equal(ins->scale[lfl].parent, -1);
	assert_int_equal(ins->scale[lfl].depth, 0);
	assert_false(ins->scale[personal].framework);
	assert_int_equal(ins->scale[personal].parent, cap);
	assert_int_equal(ins->scale[personal].depth, 1);
	assert_int_equal(ins->scale[personal].nitem, 6);
	assert_int_equal(ins->scale[personal].item[0], 0);
	assert_int_equal(ins->scale[personal].item[5], 5);
	assert_int_equal(pc5, 4);
	assert_int_equal(ins->item[pc5].scale, personal);
	assert_string_equal(ins->scale[instrument_find_scale(ins,
	    "shared_accountability")].name[LANG_EN], "Shared accountability");
}

static void
test_instrument_load_default_item_texts(void **state)
{
	const struct instrument *ins = *state;
	long ic1 = instrument_find_item(ins, "IC1");

	assert_int_equal(ic1, 6);
	assert_string_equal(ins->item[ic1].text[LANG_NL], "Tussen collega's op "
	    "onze school heerst een klimaat van vertrouwen en respect.");
	assert_string_equal(ins->item[ic1].key[LANG_NL], "tussen collegas op "
	    "onze school heerst een klimaat van vertrouwen en respect");
	assert_string_equal(ins->item[ic1].text[LANG_EN], "Among colleagues at "
	    "our school there is a climate of trust and respect.");
}

static void
test_instrument_find_item_and_scale(void **state)
{
	const struct instrument *ins = *state;

	assert_int_equal(instrument_find_item(ins, "PC1"), 0);
	assert_int_equal(instrument_find_item(ins, "pc1"), 0);
	assert_int_equal(instrument_find_item(ins, "ra3"), 53);
	assert_int_equal(instrument_find_item(ins, "PC7"), -1);
	assert_int_equal(instrument_find_item(ins, "personal"), -1);
	assert_int_equal(instrument_find_scale(ins, "LFL"),
	    instrument_find_scale(ins, "lfl"));
	assert_int_equal(instrument_find_scale(ins, "PC1"), -1);
}

static void
test_instrument_band_bounds(void **state)
{
	const struct instrument *ins = *state;

	assert_null(instrument_band(ins, NAN));
	assert_null(instrument_band(ins, 0.99));
	assert_string_equal(instrument_band(ins, 1)->code, "attention");
	assert_string_equal(instrument_band(ins, 2.7499)->code, "attention");
	assert_string_equal(instrument_band(ins, 2.75)->code, "developing");
	assert_string_equal(instrument_band(ins, 3.7499)->code, "developing");
	assert_string_equal(instrument_band(ins, 3.75)->code, "strength");
	assert_string_equal(instrument_band(ins, 5)->code, "strength");
}

static void
test_instrument_value_index_and_label(void **state)
{
	const struct instrument *ins = *state;

	assert_int_equal(instrument_value_index(ins, 1), 0);
	assert_int_equal(instrument_value_index(ins, 3), 2);
	assert_int_equal(instrument_value_index(ins, 3.5), -1);
	assert_int_equal(instrument_value_index(ins, 6), -1);
	assert_string_equal(instrument_value_label(ins, 4, LANG_NL), "Eens");
	assert_string_equal(instrument_value_label(ins, 4, LANG_EN), "Agree");
	assert_string_equal(instrument_value_label(ins, 1, LANG_NL),
	    "Helemaal oneens");
	assert_null(instrument_value_label(ins, 7, LANG_NL));
}

static void
test_lang_parse_codes(void **state)
{
	(void)state;
	assert_int_equal(lang_parse("nl"), LANG_NL);
	assert_int_equal(lang_parse("EN"), LANG_EN);
	assert_int_equal(lang_parse("de"), -1);
}

/* ---- small instruments ---- */

static void
test_instrument_parse_minimal(void **state)
{
	struct instrument ins;

	(void)state;
	assert_int_equal(parse(&ins, BASE, ""), 0);
	assert_int_equal(ins.nitem, 1);
	assert_int_equal(ins.nscale, 2);
	assert_int_equal(ins.nanswer, 2);
	assert_int_equal(ins.nvalue, 5);
	assert_string_equal(ins.id, "");
	assert_string_equal(ins.source, "t.csv");
	assert_int_equal(ins.scale[0].nitem, 1);
	assert_int_equal(ins.scale[1].nitem, 1);
	instrument_release(&ins);
	instrument_release(NULL);
}

static void
test_instrument_parse_columns_in_any_order_semicolons(void **state)
{
	struct instrument ins;

	(void)state;
	assert_int_equal(parse(&ins,
	    "EN;NL;Type;Code;Parent;Value\n"
	    "\n"
	    "# comment; with; delimiters\n"
	    ";;range;;;0..3\n"
	    "Never;;answer;0;;0\n"
	    ";Vaak;answer;3;;3\n"
	    ";;scale;s;;\n"
	    ";Alleen Nederlands;item;q1;s;REVERSE\n"
	    "Half;;answer;x;;1.5\n", ""), 0);
	assert_dbl_equal(ins.min, 0);
	assert_dbl_equal(ins.max, 3);
	/* every integer of the range, and the labelled 1.5 */
	assert_int_equal(ins.nvalue, 5);
	assert_dbl_equal(ins.value[0], 0);
	assert_dbl_equal(ins.value[2], 1.5);
	assert_dbl_equal(ins.value[4], 3);
	/* one language stands in for the other */
	assert_string_equal(ins.answer[0].label[LANG_NL], "Never");
	assert_string_equal(ins.answer[1].label[LANG_EN], "Vaak");
	assert_string_equal(ins.item[0].text[LANG_EN], "Alleen Nederlands");
	assert_true(ins.item[0].reverse);
	assert_int_equal(ins.scale[0].depth, 0);
	instrument_release(&ins);
}

static void
test_instrument_parse_unknown_type(void **state)
{
	(void)state;
	broken(BASE "question,Q2,s,,x,y\n",
	    "plg:t.csv:8: instrument: unknown record type 'question' "
	    "(instrument, range, answer, band, setting, framework, scale, "
	    "item, variant)\n");
}

static void
test_instrument_parse_duplicate_code(void **state)
{
	(void)state;
	broken(BASE "item,Q1,s,,x,y\n",
	    "plg:t.csv:8: instrument: duplicate code 'Q1'\n");
	broken(BASE "\nitem,s,s,,x,y\n",
	    "plg:t.csv:9: instrument: duplicate code 's'\n");
	broken(BASE "scale,q1,f,,x,y\n",
	    "plg:t.csv:8: instrument: duplicate code 'q1'\n");
}

static void
test_instrument_parse_unknown_parent(void **state)
{
	(void)state;
	broken(BASE "item,Q2,nosuch,,x,y\n",
	    "plg:t.csv:8: instrument: unknown scale 'nosuch'\n");
	broken(BASE "scale,t,nosuch,,T,T\nitem,Q2,t,,x,y\n",
	    "plg:t.csv:8: instrument: unknown parent 'nosuch'\n");
	broken(BASE "item,Q2,,,x,y\n",
	    "plg:t.csv:8: instrument: item has no scale\n");
}

static void
test_instrument_parse_bad_range(void **state)
{
	(void)state;
	broken(HDR "range,,,5..1,,\nscale,s,,,S,S\nitem,Q1,s,,x,y\n",
	    "plg:t.csv:2: instrument: range '5..1' must look like MIN..MAX "
	    "with MIN < MAX\n");
	broken(HDR "range,,,1..x,,\nscale,s,,,S,S\nitem,Q1,s,,x,y\n",
	    "plg:t.csv:2: instrument: range '1..x' must look like MIN..MAX "
	    "with MIN < MAX\n");
	broken(HDR "range,,,1-5,,\nscale,s,,,S,S\nitem,Q1,s,,x,y\n",
	    "plg:t.csv:2: instrument: range '1-5' must look like MIN..MAX\n");
	broken(HDR "scale,s,,,S,S\nitem,Q1,s,,x,y\n",
	    "plg:t.csv: instrument: no 'range' record\n");
}

static void
test_instrument_parse_answer_outside_range(void **state)
{
	(void)state;
	broken(BASE "answer,7,,7,Zeven,Seven\nanswer,0,,0,Nul,Zero\n",
	    "plg:t.csv:8: instrument: answer '7' lies outside the range\n"
	    "plg:t.csv:9: instrument: answer '0' lies outside the range\n");
}

static void
test_instrument_parse_missing_header_column(void **state)
{
	(void)state;
	broken("type,code,parent,value,nl\nrange,,,1..5,\n",
	    "plg:t.csv:1: instrument: missing column 'en' in the header "
	    "(expected type,code,parent,value,nl,en)\n");
	broken("# comment\n\ntype,kode,parent,value,nl,en\n",
	    "plg:t.csv:3: instrument: missing column 'code' in the header "
	    "(expected type,code,parent,value,nl,en)\n");
}

static void
test_instrument_parse_bad_answers_and_bands(void **state)
{
	(void)state;
	broken(BASE "answer,x,,abc,X,X\n",
	    "plg:t.csv:8: instrument: answer value 'abc' is not a number\n");
	broken(BASE "answer,3,,3,,\n",
	    "plg:t.csv:8: instrument: answer '3' has no label\n");
	broken(BASE "band,low,,1,L,L\nband,high,,1,H,H\n",
	    "plg:t.csv:9: instrument: band 'high' must start above the band "
	    "before it\n");
	broken(BASE "band,low,,low,L,L\n",
	    "plg:t.csv:8: instrument: band lower bound 'low' is not a "
	    "number\n");
}

static void
test_instrument_parse_bad_items_and_scales(void **state)
{
	(void)state;
	broken(BASE "item,Q2,s,yes,x,y\n",
	    "plg:t.csv:8: instrument: item value must be empty or 'reverse', "
	    "not 'yes'\n");
	broken(BASE "item,2Q,s,,x,y\n",
	    "plg:t.csv:8: instrument: invalid code '2Q' (letters, digits, '_', "
	    "'-', '.'; starting with a letter)\n");
	broken(BASE "framework,g,f,,G,G\n",
	    "plg:t.csv:8: instrument: framework 'g' cannot have a parent\n");
	broken(BASE "scale,empty,f,,E,E\n",
	    "plg:t.csv:8: instrument: scale 'empty' has no items\n");
	broken(BASE "scale,a,b,,A,A\nscale,b,a,,B,B\nitem,Q2,a,,x,y\n",
	    "plg:t.csv:8: instrument: scale 'a' is its own ancestor\n"
	    "plg:t.csv:9: instrument: scale 'b' has no items\n");
}

static void
test_instrument_parse_bad_settings(void **state)
{
	(void)state;
	broken(BASE "setting,min_answered,,1.5,,\n",
	    "plg:t.csv:8: instrument: min_answered '1.5' must be a share in "
	    "(0, 1]\n");
	broken(BASE "setting,max_items,,3,,\n",
	    "plg:t.csv:8: instrument: unknown setting 'max_items'\n");
}

static void
test_instrument_parse_several_errors_all_reported(void **state)
{
	(void)state;
	broken(BASE "item,Q1,s,,x,y\nwhat,,,,,\nanswer,9,,nine,N,N\n",
	    "plg:t.csv:8: instrument: duplicate code 'Q1'\n"
	    "plg:t.csv:9: instrument: unknown record type 'what' (instrument, "
	    "range, answer, band, setting, framework, scale, item, "
	    "variant)\n"
	    "plg:t.csv:10: instrument: answer value 'nine' is not a number\n");
}

static void
test_instrument_parse_empty_and_malformed(void **state)
{
	(void)state;
	broken("", "plg:t.csv: instrument: empty instrument\n");
	broken("# only a comment\n\n", "plg:t.csv: instrument: empty "
	    "instrument\n");
	broken(HDR "range,,,1..5,,\n", "plg:t.csv: instrument: no items\n");
	broken(BASE "item,Q2,s,,\"x,y\n",
	    "plg:t.csv:8: unterminated quoted field at end of file\n");
}

/* A range too wide to list, and no answer rows: no value could ever be
 * scored, so the instrument is refused (found by fuzz_instrument). */
static void
test_instrument_parse_no_values(void **state)
{
	static const char text[] = "type,code,parent,value,nl,en\n"
	    "range,,,1..1000,,\n"
	    "framework,F,,,F,F\n"
	    "item,I1,F,,Stelling,Statement\n";
	struct instrument ins;
	int rc;

	(void)state;
	capture_start();
	rc = instrument_parse(&ins, "wide.csv", text, sizeof(text) - 1);
	assert_string_equal(capture_end(), "plg:wide.csv: instrument: the "
	    "response scale has no values: give answer rows, or a "
	    "whole-number range of at most 101 values\n");
	assert_int_equal(rc, -1);
}

static void
test_instrument_load_missing_file(void **state)
{
	struct instrument ins;
	int rc;

	(void)state;
	capture_start();
	rc = instrument_load(&ins, "/nonexistent/i.csv");
	assert_string_equal(capture_end(), "plg: cannot open instrument "
	    "'/nonexistent/i.csv': No such file or directory\n");
	assert_int_equal(rc, -2);	/* cannot read: a system error */
}

static void
test_instrument_load_file(void **state)
{
	char path[] = "/tmp/test_instrument_XXXXXX";
	struct instrument ins;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(BASE "item,Q2,s,reverse,Vraag twee,\n", fp);
	fclose(fp);
	assert_int_equal(instrument_load(&ins, path), 0);
	assert_string_equal(ins.source, path);
	assert_int_equal(ins.nitem, 2);
	assert_true(ins.item[1].reverse);
	assert_string_equal(ins.item[1].key[LANG_EN], "vraag twee");
	instrument_release(&ins);
	remove(path);
}


/* ---- variants ---- */

/* The default's optional variants are off: 54 items, no variant. */
static void
test_instrument_variants_default_off(void **state)
{
	struct instrument ins;

	(void)state;
	assert_int_equal(instrument_load(&ins, NULL), 0);
	assert_int_equal(ins.nitem, 54);
	assert_int_equal(ins.nscale, 14);
	assert_int_equal(ins.nvariant, 0);
	assert_string_equal(ins.item[0].key[LANG_NL], "ik sta regelmatig stil "
	    "bij het verschil tussen wat ik bij leerlingen wil bereiken en wat "
	    "ik werkelijk bereik");
	instrument_release(&ins);
}

/* "+desired" repeats every item and scale; texts follow in the keys. */
static void
test_instrument_variants_default_desired(void **state)
{
	struct instrument ins;
	long i, s;

	(void)state;
	assert_int_equal(instrument_load(&ins, "+desired"), 0);
	assert_int_equal(ins.nitem, 108);
	assert_int_equal(ins.nscale, 28);
	assert_int_equal(ins.nvariant, 2);
	assert_string_equal(ins.variant[0].code, "current");
	assert_string_equal(ins.variant[1].code, "desired");
	assert_string_equal(ins.variant[1].label[LANG_NL],
	    "(gewenste situatie)");
	assert_string_equal(ins.variant[1].name[LANG_NL], "gewenste situatie");
	assert_string_equal(ins.variant[0].name[LANG_EN], "current situation");
	i = instrument_find_item(&ins, "OC2.desired");
	assert_true(i == 54 + 13);
	assert_int_equal(ins.item[i].variant, 1);
	assert_int_equal(ins.item[i].base, 13);
	assert_true(ins.item[i].reverse);
	assert_string_equal(ins.item[i].text[LANG_EN],
	    ins.item[13].text[LANG_EN]);
	assert_string_equal(ins.item[i].key[LANG_EN], "there is no time in the "
	    "timetable to visit each others lessons desired situation");
	assert_string_equal(ins.item[13].key[LANG_EN], "there is no time in the "
	    "timetable to visit each others lessons current situation");
	s = instrument_find_scale(&ins, "organisational.desired");
	assert_true(s >= 14);
	assert_int_equal(ins.scale[s].variant, 1);
	assert_string_equal(ins.scale[ins.scale[s].base].code,
	    "organisational");
	assert_string_equal(ins.scale[ins.scale[s].parent].code,
	    "capacities.desired");
	assert_string_equal(ins.scale[s].name[LANG_NL],
	    "Organisatorische capaciteit (gewenste situatie)");
	assert_int_equal(ins.scale[s].nitem, 6);
	assert_string_equal(ins.item[ins.scale[s].item[0]].code, "OC1.desired");
	assert_int_equal(instrument_find_variant(&ins, "desired"), 1);
	instrument_release(&ins);
}

/* A variant that is not optional is always in use; the base may have no
 * text. */
static void
test_instrument_variants_in_file(void **state)
{
	struct instrument ins;

	(void)state;
	assert_int_equal(parse(&ins, BASE "variant,now,,,,\n"
	    "variant,goal,,,[doel],[goal]\n", ""), 0);
	assert_int_equal(ins.nitem, 2);
	assert_string_equal(ins.item[1].code, "Q1.goal");
	assert_string_equal(ins.item[0].key[LANG_NL], "vraag een");
	assert_string_equal(ins.item[1].key[LANG_NL], "vraag een doel");
	assert_string_equal(ins.variant[0].name[LANG_NL], "now");
	assert_string_equal(ins.variant[1].name[LANG_EN], "goal");
	assert_string_equal(ins.scale[3].code, "s.goal");
	instrument_release(&ins);
	/* optional, selected by a setting */
	assert_int_equal(parse(&ins, BASE "variant,now,,,,\n"
	    "variant,goal,,optional,[doel],[goal]\n"
	    "setting,variants,,goal,,\n", ""), 0);
	assert_int_equal(ins.nitem, 2);
	instrument_release(&ins);
	/* optional and not selected: nothing changes */
	assert_int_equal(parse(&ins, BASE "variant,now,,,(nu),(now)\n"
	    "variant,goal,,optional,[doel],[goal]\n", ""), 0);
	assert_int_equal(ins.nitem, 1);
	assert_int_equal(ins.nvariant, 0);
	assert_string_equal(ins.item[0].key[LANG_NL], "vraag een");
	instrument_release(&ins);
}

static void
test_instrument_variants_errors(void **state)
{
	(void)state;
	broken(BASE "variant,now,,,,\nvariant,goal,,,,\n",
	    "plg:t.csv:9: instrument: variant 'goal' has no text (what follows "
	    "each statement in the export's headers)\n");
	broken(BASE "variant,now,,,(nu),(now)\nvariant,goal,,,(Nu),(goal)\n",
	    "plg:t.csv:9: instrument: variant 'goal' has the same text as an "
	    "earlier variant\n");
	broken(BASE "variant,now,,,,\nvariant,goal,,maybe,(d),(g)\n",
	    "plg:t.csv:9: instrument: variant value must be empty or "
	    "'optional', not 'maybe'\n");
	broken(BASE "variant,now.x,,,,\n",
	    "plg:t.csv:8: instrument: invalid variant code 'now.x' (letters, "
	    "digits and '_', starting with a letter)\n");
	broken(BASE "variant,now,s,,,\n",
	    "plg:t.csv:8: instrument: variant 'now' cannot have a parent\n");
	broken(BASE "variant,now,,,,\nvariant,NOW,,,(x),(x)\n",
	    "plg:t.csv:9: instrument: duplicate variant 'NOW'\n");
	broken(BASE "item,Q1.goal,s,,x,y\nvariant,now,,,,\n"
	    "variant,goal,,,(d),(g)\n",
	    "plg:t.csv:10: instrument: duplicate code 'Q1.goal'\n");
	broken(BASE "setting,variants,,goal,,\n",
	    "plg:t.csv:8: instrument: unknown variant 'goal' selected\n");
}

/* The +CODE argument, and the text that selects by itself. */
static void
test_instrument_text_selects(void **state)
{
	struct instrument ins;
	char path[] = "/tmp/test_instrument_XXXXXX", *text, *arg;
	size_t len;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("code;type;value;parent;nl;en\n"
	    ";range;1..5;;;\nf;framework;;;F;F\ns;scale;;f;S;S\n"
	    "Q1;item;;s;Vraag;Question\n"
	    "now;variant;;;;\ngoal;variant;optional;;(doel);(goal)", fp);
	fclose(fp);
	arg = malloc(strlen(path) + 6);
	sprintf(arg, "%s+goal", path);
	assert_int_equal(instrument_load(&ins, arg), 0);
	assert_int_equal(ins.nitem, 2);
	instrument_release(&ins);
	assert_int_equal(instrument_text(arg, &text, &len), 0);
	assert_int_equal(len, strlen(text));
	assert_non_null(strstr(text, "(goal)\nvariants;setting;goal;;;\n"));
	free(text);
	assert_int_equal(instrument_text(path, &text, &len), 0);
	assert_null(strstr(text, "variants;"));
	free(text);
	capture_start();
	sprintf(arg, "%s+gaol", path);
	assert_int_equal(instrument_load(&ins, arg), -1);
	assert_non_null(strstr(capture_end(), "unknown variant 'gaol'"));
	free(arg);
	remove(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instrument_load_default_counts),
		cmocka_unit_test(test_instrument_load_default_range_and_values),
		cmocka_unit_test(test_instrument_load_default_answers),
		cmocka_unit_test(test_instrument_load_default_bands),
		cmocka_unit_test(test_instrument_load_default_reverse_items),
		cmocka_unit_test(test_instrument_load_default_tree),
		cmocka_unit_test(test_instrument_load_default_item_texts),
		cmocka_unit_test(test_instrument_find_item_and_scale),
		cmocka_unit_test(test_instrument_band_bounds),
		cmocka_unit_test(test_instrument_value_index_and_label),
	};
	const struct CMUnitTest files[] = {
		cmocka_unit_test(test_lang_parse_codes),
		cmocka_unit_test(test_instrument_parse_minimal),
		cmocka_unit_test(
		    test_instrument_parse_columns_in_any_order_semicolons),
		cmocka_unit_test(test_instrument_parse_unknown_type),
		cmocka_unit_test(test_instrument_parse_duplicate_code),
		cmocka_unit_test(test_instrument_parse_unknown_parent),
		cmocka_unit_test(test_instrument_parse_bad_range),
		cmocka_unit_test(test_instrument_parse_answer_outside_range),
		cmocka_unit_test(test_instrument_parse_missing_header_column),
		cmocka_unit_test(test_instrument_parse_bad_answers_and_bands),
		cmocka_unit_test(test_instrument_parse_bad_items_and_scales),
		cmocka_unit_test(test_instrument_parse_bad_settings),
		cmocka_unit_test(
		    test_instrument_parse_several_errors_all_reported),
		cmocka_unit_test(test_instrument_parse_empty_and_malformed),
		cmocka_unit_test(test_instrument_parse_no_values),
		cmocka_unit_test(test_instrument_load_missing_file),
		cmocka_unit_test(test_instrument_load_file),
		cmocka_unit_test(test_instrument_variants_default_off),
		cmocka_unit_test(test_instrument_variants_default_desired),
		cmocka_unit_test(test_instrument_variants_in_file),
		cmocka_unit_test(test_instrument_variants_errors),
		cmocka_unit_test(test_instrument_text_selects),
	};

	return cmocka_run_group_tests_name("instrument (default)", tests,
	    load_default, free_default) |
	    cmocka_run_group_tests_name("instrument (files)", files, NULL,
	    NULL);
}
