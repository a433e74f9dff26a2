/* report_text.c -- the report's words in Dutch and English: a table of
 * fixed texts by id, group labels, and recommendations per scale of the
 * default instrument.  The recommendations are written by the project; the
 * ideas come from the seed texts named at the end of each (see DOMAIN.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_text.h"
#include "xalloc.h"

struct rt_entry {
	enum rt_msg id;
	const char *text[NLANG];	/* nl, en */
};

static const struct rt_entry texts[] = {
	{ RT_H_RESPONSES, { "Respons", "Responses" } },
	{ RT_H_SCALES, { "Scores per schaal", "Scores per scale" } },
	{ RT_H_ITEMS_HIGH, { "Hoogst scorende uitspraken",
	    "Highest-scoring statements" } },
	{ RT_H_ITEMS_LOW, { "Laagst scorende uitspraken",
	    "Lowest-scoring statements" } },
	{ RT_H_COMPARISON, { "Groepen vergeleken", "Groups compared" } },
	{ RT_H_GAP, { "Schoolleiding en leraren vergeleken",
	    "Leadership and teachers compared" } },
	{ RT_H_TEAMS, { "Teams naast elkaar", "Teams side by side" } },
	{ RT_H_SCHOOL_GROUPS, { "De hele school en elke groep",
	    "The whole school and each group" } },
	{ RT_H_CROSS, { "Groepen binnen groepen", "Groups within groups" } },
	{ RT_H_RECOMMENDATIONS, { "Aanbevelingen", "Recommendations" } },
	{ RT_H_ANONYMITY, { "Anonimiteit", "Anonymity" } },
	{ RT_H_READING, { "Zo lees je dit rapport",
	    "How to read this report" } },
	{ RT_H_SUMMARY, { "Samenvatting", "Summary" } },

	{ RT_COL_GROUP, { "Groep", "Group" } },
	{ RT_COL_RESPONDENTS, { "Respondenten", "Respondents" } },
	{ RT_COL_STAFF, { "Personeel", "Staff" } },
	{ RT_COL_RATE, { "Respons", "Response rate" } },
	{ RT_COL_FRAMEWORK, { "Kader", "Framework" } },
	{ RT_COL_SCALE, { "Schaal", "Scale" } },
	{ RT_COL_ITEM, { "Uitspraak", "Statement" } },
	{ RT_COL_CODE, { "Code", "Code" } },
	{ RT_COL_MEAN, { "Gem.", "Mean" } },
	{ RT_COL_SD, { "Sd", "SD" } },
	{ RT_COL_N, { "n", "n" } },
	{ RT_COL_BAND, { "Oordeel", "Band" } },
	{ RT_COL_ALPHA, { "Alfa", "Alpha" } },
	{ RT_COL_CI_LOW, { "95%-BI onder", "95% CI low" } },
	{ RT_COL_CI_HIGH, { "95%-BI boven", "95% CI high" } },
	{ RT_COL_BAR, { "Score", "Score" } },
	{ RT_COL_GAP, { "Verschil", "Gap" } },
	{ RT_COL_DIFF, { "Verschil", "Difference" } },
	{ RT_COL_NOTE, { "Opmerking", "Note" } },
	{ RT_COL_STATUS, { "Status", "Status" } },
	{ RT_COL_REASON, { "Reden", "Reason" } },
	{ RT_COL_TABLE, { "Tabel", "Table" } },
	{ RT_COL_RANK, { "Rang", "Rank" } },
	{ RT_COL_KIND, { "Soort", "Type" } },
	{ RT_COL_TEXT, { "Tekst", "Text" } },
	{ RT_COL_GROUPING, { "Indeling", "Grouped by" } },

	{ RT_STRENGTH, { "sterk punt", "strength" } },
	{ RT_DEVELOPING, { "in ontwikkeling", "developing" } },
	{ RT_ATTENTION, { "aandachtspunt", "attention point" } },
	{ RT_STRONGEST, { "Sterkst", "Strongest" } },
	{ RT_WEAKEST, { "Zwakst", "Weakest" } },
	{ RT_HIGHEST, { "hoogst", "highest" } },
	{ RT_LOWEST, { "laagst", "lowest" } },
	{ RT_HIGH_SPREAD, { "grote spreiding: het personeel is het oneens",
	    "high spread: staff disagree" } },
	{ RT_HIGH_SPREAD_SHORT, { "grote spreiding", "high spread" } },
	{ RT_CLEAR_GAP, { "duidelijk verschil", "clear gap" } },
	{ RT_NO_CLEAR_GAP, { "binnen de marge", "within the margin" } },
	{ RT_SHOWN, { "getoond", "shown" } },
	{ RT_SUPPRESSED, { "verborgen", "suppressed" } },
	{ RT_SUPPRESSED_SMALL, { "verborgen: minder dan %d respondenten",
	    "suppressed: fewer than %d respondents" } },
	{ RT_SUPPRESSED_COMPLEMENT, { "verborgen: zou een kleinere groep "
	    "prijsgeven", "suppressed: would reveal a smaller group" } },
	{ RT_REASON_SMALL, { "minder dan %d respondenten",
	    "fewer than %d respondents" } },
	{ RT_REASON_COMPLEMENT, { "verborgen zodat een kleinere groep niet "
	    "door aftrekken te achterhalen is", "hidden so a smaller group "
	    "cannot be worked out by subtraction" } },
	{ RT_WHOLE_SCHOOL, { "hele school", "whole school" } },
	{ RT_LEADERS, { "schoolleiding", "leaders" } },
	{ RT_TEACHERS, { "leraren", "teachers" } },
	{ RT_SUPPORT, { "onderwijsondersteuners", "support staff" } },
	{ RT_OTHER, { "overig", "other" } },
	{ RT_SCHOOL, { "School", "School" } },
	{ RT_GENERATED, { "Gemaakt op", "Generated" } },
	{ RT_INSTRUMENT, { "Vragenlijst", "Instrument" } },
	{ RT_SOURCE, { "Bron", "Source" } },
	{ RT_ALL, { "alle", "all" } },
	{ RT_YES, { "ja", "yes" } },
	{ RT_NO, { "nee", "no" } },
	{ RT_FRAMEWORK_TOTAL, { "Kader als geheel", "Framework as a whole" } },
	{ RT_REVERSE_MARK, { "(O)", "(R)" } },

	{ RT_RESPONSES_TOTAL, { "%lu respondenten in totaal.",
	    "%lu respondents in all." } },
	{ RT_RATE_NOTE, { "Respons: respondenten als deel van het opgegeven "
	    "aantal personeelsleden.", "Response rate: respondents as a share "
	    "of the staff counts given." } },
	{ RT_NO_TOTAL, { "De invoer heeft geen groep voor de hele school.",
	    "The input has no whole-school group." } },
	{ RT_NO_ITEMS, { "Geen scores per uitspraak in de invoer (draai "
	    "plg-score met --items).", "No statement scores in the input (run "
	    "plg-score with --items)." } },
	{ RT_NO_GAP, { "Schoolleiding en leraren zijn niet te vergelijken: "
	    "een van beide groepen ontbreekt of is verborgen.", "Leadership and "
	    "teachers cannot be compared: one of the two groups is missing or "
	    "suppressed." } },
	{ RT_NO_TEAMS, { "Er is geen team te tonen.",
	    "No team can be shown." } },
	{ RT_GAP_EXPLAIN, { "Verschil = gemiddelde van de schoolleiding min "
	    "dat van de leraren; positief: de schoolleiding is positiever.",
	    "Gap = leadership mean minus teachers' mean; positive: the "
	    "leadership is more positive." } },
	{ RT_TEAMS_EXPLAIN, { "Gemiddelde per team, een kolom per team.",
	    "Mean per team, one column per team." } },
	{ RT_SCHOOL_GROUPS_EXPLAIN, { "Verschil van elke groep met de hele "
	    "school (groepsgemiddelde min schoolgemiddelde).", "Each group's "
	    "difference from the whole school (group mean minus school "
	    "mean)." } },
	{ RT_STRONGEST_WEAKEST, { "Sterkst: %s; zwakst: %s.",
	    "Strongest: %s; weakest: %s." } },
	{ RT_NO_RECOMMENDATIONS, { "Geen schaal is een aandachtspunt of in "
	    "ontwikkeling: houd vast wat werkt en meet opnieuw.", "No scale is "
	    "an attention point or developing: keep what works and measure "
	    "again." } },
	{ RT_REC_FOR, { "%s (%s)", "%s (%s)" } },
	{ RT_REC_GAP_FOR, { "Verschil tussen schoolleiding en leraren op %s",
	    "Gap between leadership and teachers on %s" } },
	{ RT_REC_SPREAD_FOR, { "Grote spreiding op %s",
	    "High spread on %s" } },
	{ RT_REC_INTRO, { "Volgende stappen voor de zwakste schalen, "
	    "aandachtspunten eerst:", "Next steps for the weakest scales, "
	    "attention points first:" } },
	{ RT_GAPS_INTRO, { "Duidelijke verschillen tussen schoolleiding en "
	    "leraren:", "Clear gaps between leadership and teachers:" } },
	{ RT_SPREAD_INTRO, { "Schalen waarop het personeel het oneens is:",
	    "Scales on which staff disagree:" } },
	{ RT_REVERSE_NOTE, { "(O) omgekeerd gestelde uitspraak: oneens is "
	    "gunstig, dus een lage score betekent dat velen het eens zijn.",
	    "(R) reverse-worded statement: disagreeing is favourable, so a "
	    "low score means many agree." } },
	{ RT_REC_GAP, { "Schoolleiding en leraren zien de school hier "
	    "verschillend. Zie dat verschil niet als oordeel maar als motor "
	    "van professioneel leren: bespreek de uitkomsten samen, vraag "
	    "wat de ene groep ziet dat de andere mist, en spreek af waaraan "
	    "je verbetering zou merken. (Verbiest; seeds 000, 001)",
	    "Leaders and teachers see the school differently here. Treat the "
	    "discrepancy as the engine of professional learning rather than "
	    "a verdict: discuss the results together, ask what one group sees "
	    "that the other misses, and agree on what would show that things "
	    "improve. (Verbiest; seeds 000, 001)" } },
	{ RT_REC_SPREAD, { "Het personeel is het hier onderling oneens: een "
	    "gemiddelde verbergt uiteenlopende ervaringen. Zoek eerst in een "
	    "dialoog uit waar de verschillen zitten (teams, functies) voordat "
	    "je interventies kiest; een gedeelde visie is voorwaarde voor "
	    "samen leren. (Verbiest; seeds 000, 004)", "Staff disagree here: "
	    "a mean hides different experiences. Find out in a dialogue where "
	    "the differences lie (teams, roles) before choosing interventions; "
	    "a shared vision is a condition for learning together. (Verbiest; "
	    "seeds 000, 004)" } },
	{ RT_ANON_RULE, { "Groepen met minder dan %d respondenten worden "
	    "nooit getoond.", "Groups with fewer than %d respondents are never "
	    "shown." } },
	{ RT_ANON_COMPLEMENT_RULE, { "Soms is ook een grotere groep "
	    "verborgen, zodat een kleine groep niet te achterhalen is door "
	    "getoonde groepen van elkaar af te trekken. Van verborgen groepen "
	    "staat nergens een getal, ook niet hun omvang.", "Sometimes a "
	    "larger group is hidden too, so that a small group cannot be "
	    "worked out by subtracting shown groups from each other. No "
	    "number of a hidden group appears anywhere, not even its size." } },
	{ RT_ANON_NONE, { "Geen enkele groep hoefde verborgen te worden.",
	    "No group had to be suppressed." } },
	{ RT_ANON_LIST, { "Verborgen groepen:", "Suppressed groups:" } },
	{ RT_ANON_LIST_ALL, { "Elke groep van deze indeling is verborgen "
	    "(zie Anonimiteit).", "Every group of this grouping is suppressed "
	    "(see Anonymity)." } },
	{ RT_ALL_SUPPRESSED, { "Elke groep heeft minder dan %d respondenten "
	    "of moet verborgen blijven: er is niets te tonen.", "Every group "
	    "has fewer than %d respondents or must stay hidden: there is "
	    "nothing to show." } },
	{ RT_DEF_BANDS, { "Oordelen (uit de vragenlijst):",
	    "Bands (from the instrument):" } },
	{ RT_DEF_BAND, { "%s: gemiddelde van %.2f tot %.2f",
	    "%s: mean from %.2f to below %.2f" } },
	{ RT_DEF_BAND_TOP, { "%s: gemiddelde %.2f of hoger",
	    "%s: mean %.2f or higher" } },
	{ RT_DEF_SPREAD, { "Grote spreiding: sd van %.2f of meer (een kwart "
	    "van het antwoordbereik).", "High spread: sd of %.2f or more (a "
	    "quarter of the response range)." } },
	{ RT_DEF_GAP, { "Duidelijk verschil: de 95%-betrouwbaarheidsintervallen "
	    "van beide groepen overlappen niet.", "Clear gap: the 95% "
	    "confidence intervals of the two groups do not overlap." } },
	{ RT_DEF_SCALE, { "Scores lopen van %g tot %g; hoger is gunstiger, "
	    "ook bij omgekeerd gestelde uitspraken.", "Scores run from %g to "
	    "%g; higher is more favourable, also for reverse-worded "
	    "statements." } },

	{ RT_H_VARIANTS, { "%s en %s", "%s and %s" } },
	{ RT_H_VARIANT_ITEMS, { "Uitspraken met het grootste verschil",
	    "Statements with the largest gaps" } },
	{ RT_H_VARIANT_GROUPS, { "Verschil per groep", "Gap per group" } },
	{ RT_H_WAVES, { "Metingen vergeleken", "Waves compared" } },
	{ RT_H_WAVE_PAIR, { "%s vergeleken met %s", "%s compared with %s" } },
	{ RT_H_WAVE_GROUPS, { "Verandering per groep", "Change per group" } },
	{ RT_H_REFERENCE, { "Vergeleken met de referentie",
	    "Compared with the reference" } },
	{ RT_H_REFERENCE_GROUPS, { "Verschil met de referentie per groep",
	    "Difference from the reference per group" } },
	{ RT_COL_CHANGE, { "Verandering", "Change" } },
	{ RT_COL_CI, { "95%-BI", "95% CI" } },
	{ RT_COL_G, { "g", "g" } },
	{ RT_COL_VERDICT, { "Conclusie", "Conclusion" } },
	{ RT_COL_REFERENCE, { "Referentie", "Reference" } },
	{ RT_COL_POSITION, { "Positie", "Position" } },
	{ RT_THIS_SCHOOL, { "Deze school", "This school" } },
	{ RT_HIGHER, { "hoger", "higher" } },
	{ RT_LOWER, { "lager", "lower" } },
	{ RT_NOISE, { "binnen de ruis", "within noise" } },
	{ RT_ABOVE, { "boven de referentie", "above the reference" } },
	{ RT_BELOW, { "onder de referentie", "below the reference" } },
	{ RT_NO_CLEAR_DIFF, { "geen duidelijk verschil",
	    "no clear difference" } },
	{ RT_NOT_COMPARED, { "niet vergeleken", "not compared" } },
	{ RT_NO_INTERVAL, { "geen interval", "no interval" } },
	{ RT_RANK_OF, { "%lu van %lu", "%lu of %lu" } },
	{ RT_ONLY_IN, { "%s alleen gevraagd in %s", "%s asked in %s only" } },
	{ RT_VARIANT_EXPLAIN, { "Verschil = %s min %s, hele school: hoe ver "
	    "het personeel de school wil laten opschuiven. De grootste "
	    "verschillen laten zien waar het team het meest naartoe wil.",
	    "Gap = %s minus %s, whole school: how far staff want the school to "
	    "move. The largest gaps show where the team wants to move "
	    "most." } },
	{ RT_VARIANT_LARGEST, { "Grootste verschillen: %s.",
	    "Largest gaps: %s." } },
	{ RT_VARIANT_GROUPS_EXPLAIN, { "Verschil per schaal, een kolom per "
	    "groep.", "Gap per scale, one column per group." } },
	{ RT_WAVE_OF_REPORT, { "Dit rapport gaat over meting %s; eerdere "
	    "metingen staan alleen in de vergelijking van metingen.",
	    "This report is about wave %s; earlier waves appear only where "
	    "waves are compared." } },
	{ RT_WAVES_ONE, { "Er is maar één meting (%s): er valt niets te "
	    "vergelijken.", "There is only one wave (%s): there is nothing to "
	    "compare." } },
	{ RT_WAVES_EXPLAIN, { "Verandering = gemiddelde van %s min dat van "
	    "%s. 95%%-BI: het betrouwbaarheidsinterval van de verandering "
	    "(Welch); g: Hedges' g, de verandering in gepoolde "
	    "standaarddeviaties. Een verandering waarvan het interval 0 "
	    "bevat, ligt binnen de ruis: die kan op toeval berusten.",
	    "Change = mean of %s minus mean of %s. 95%% CI: the confidence "
	    "interval of the change (Welch); g: Hedges' g, the change in "
	    "pooled standard deviations. A change whose interval includes 0 "
	    "is within noise: it may be chance." } },
	{ RT_WAVES_UNCHECKED, { "Niet vergeleken: zonder scores per uitspraak "
	    "is niet na te gaan of beide metingen dezelfde uitspraken "
	    "bevatten (draai plg-score met --items).", "Not compared: without "
	    "statement scores there is no telling whether both waves asked "
	    "the same statements (run plg-score with --items)." } },
	{ RT_WAVES_DIFFER, { "Niet vergeleken, omdat de metingen niet "
	    "dezelfde uitspraken bevatten (%s): %s.", "Not compared, because "
	    "the waves did not ask the same statements (%s): %s." } },
	{ RT_WAVES_SKIPPED, { "Niet vergeleken, omdat een van beide metingen "
	    "minder dan %d respondenten heeft, verborgen is of ontbreekt: %s.",
	    "Not compared, because one of the two waves has fewer than %d "
	    "respondents, is hidden or is missing: %s." } },
	{ RT_WAVE_GROUPS_EXPLAIN, { "Verandering per schaal, een kolom per "
	    "groep; * het 95%-betrouwbaarheidsinterval bevat geen 0 "
	    "(een duidelijke verandering); \xe2\x80\x93 niet vergeleken.",
	    "Change per scale, one column per group; * the 95% confidence "
	    "interval excludes 0 (a clear change); \xe2\x80\x93 not "
	    "compared." } },
	{ RT_REF_ABOUT, { "De referentie telt %lu respondenten.",
	    "The reference has %lu respondents." } },
	{ RT_REF_SCHOOLS, { "De rang is de plaats van deze school tussen "
	    "zichzelf en de %lu scholen van de referentie met minstens %d "
	    "respondenten (1 = hoogste gemiddelde).", "The rank is this "
	    "school's place among itself and the %lu schools of the reference "
	    "with at least %d respondents (1 = highest mean)." } },
	{ RT_REF_EXPLAIN, { "Verschil = gemiddelde van deze school min dat "
	    "van de referentie, met het 95%-betrouwbaarheidsinterval (Welch) "
	    "en Hedges' g. Bevat het interval 0, dan is er geen duidelijk "
	    "verschil.", "Difference = this school's mean minus the "
	    "reference's, with its 95% confidence interval (Welch) and "
	    "Hedges' g. When the interval includes 0, there is no clear "
	    "difference." } },
	{ RT_REF_NOT_SHOWN, { "De referentie kan niet worden getoond: ze "
	    "heeft minder dan %d respondenten, of is verborgen om kleine "
	    "groepen te beschermen.", "The reference cannot be shown: it has "
	    "fewer than %d respondents, or is hidden to protect small "
	    "groups." } },
	{ RT_REF_OWN_REMOVED, { "Deze school (%s) zit in het "
	    "referentiebestand en is er voor de vergelijking uit gehaald.",
	    "This school (%s) is part of the reference file and has been "
	    "taken out of the reference for the comparison." } },
	{ RT_REF_SPLIT_FAIL, { "Sommige groepen zijn niet vergeleken: de "
	    "referentie bevat deze school en laat haar deel voor die groepen "
	    "niet zien.", "Some groups are not compared: the reference "
	    "contains this school and does not show its part for those "
	    "groups." } },
	{ RT_REF_GROUPS_EXPLAIN, { "Verschil met de referentie per schaal, "
	    "een kolom per groep; * het 95%-betrouwbaarheidsinterval bevat "
	    "geen 0.", "Difference from the reference per scale, one column "
	    "per group; * the 95% confidence interval excludes 0." } },
	{ RT_DEF_CHANGE, { "Verandering en verschil: het verschil van twee "
	    "gemiddelden, met een 95%-betrouwbaarheidsinterval volgens Welch "
	    "(zonder aan te nemen dat beide groepen even sterk spreiden).",
	    "Change and difference: the difference of two means, with a 95% "
	    "confidence interval after Welch (not assuming that both groups "
	    "spread alike)." } },
	{ RT_DEF_G, { "g (Hedges): het verschil gedeeld door de gepoolde "
	    "standaarddeviatie, met de correctie voor kleine groepen; "
	    "ongeveer 0,2 heet klein, 0,5 middelgroot en 0,8 groot.",
	    "g (Hedges): the difference divided by the pooled standard "
	    "deviation, with the small-sample correction; about 0.2 is called "
	    "small, 0.5 medium and 0.8 large." } },
	{ RT_DEF_NOISE, { "Binnen de ruis: het interval bevat 0, dus het "
	    "verschil kan op toeval berusten. Metingen worden vergeleken als "
	    "onafhankelijke groepen, ook al doen veel dezelfde mensen mee.",
	    "Within noise: the interval includes 0, so the difference may be "
	    "chance. Waves are compared as independent groups, even though "
	    "many of the same people take part." } },
	{ RT_DEF_VARIANT_GAP, { "Verschil tussen gewenst en huidig: het "
	    "verschil van de twee gemiddelden over iedereen die antwoordde; "
	    "zonder interval, omdat de twee antwoorden van één persoon hier "
	    "niet gekoppeld zijn.", "Gap between desired and current: the "
	    "difference of the two means over everyone who answered; without "
	    "an interval, because one person's two answers are not paired "
	    "here." } },
	{ RT_DEF_RANK, { "Rang: de plaats van deze school tussen de scholen "
	    "van de referentie die groot genoeg zijn om te tonen.", "Rank: "
	    "this school's place among the schools of the reference that are "
	    "large enough to be shown." } },
};

const char *
rt(enum lang lang, enum rt_msg id)
{
	size_t i;

	if ((int)lang < 0 || lang >= NLANG)
		return "";
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].id == id)
			return texts[i].text[lang];
	return "";
}

/* ---- groups ---- */

struct rt_pair {
	const char *code;
	const char *text[NLANG];
};

static const struct rt_pair role_groups[] = {
	{ "leader", { "Schoolleiding", "Leadership" } },
	{ "teacher", { "Leraren", "Teachers" } },
	{ "support", { "Onderwijsondersteuners", "Support staff" } },
	{ "other", { "Overig", "Other" } },
};

static const struct rt_pair columns[] = {
	{ "role_group", { "Functiegroep", "Role group" } },
	{ "role", { "Functie", "Role" } },
	{ "team", { "Team", "Team" } },
	{ "school", { "School", "School" } },
	{ "location", { "Locatie", "Location" } },
	{ "wave", { "Meting", "Wave" } },
	{ "year", { "Jaar", "Year" } },
	{ "department", { "Afdeling", "Department" } },
	{ "sector", { "Sector", "Sector" } },
};

static const char *
pair_find(const struct rt_pair *p, size_t n, enum lang lang,
    const char *code)
{
	size_t i;

	if (code == NULL || (int)lang < 0 || lang >= NLANG)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(p[i].code, code) == 0)
			return p[i].text[lang];
	return NULL;
}

const char *
rt_role_group(enum lang lang, const char *value)
{
	return pair_find(role_groups, sizeof(role_groups) /
	    sizeof(role_groups[0]), lang, value);
}

const char *
rt_column(enum lang lang, const char *col)
{
	return pair_find(columns, sizeof(columns) / sizeof(columns[0]), lang,
	    col);
}

const char *
rt_group_value(enum lang lang, const char *col, const char *value)
{
	const char *s;

	if (col != NULL && strcmp(col, "role_group") == 0 &&
	    (s = rt_role_group(lang, value)) != NULL)
		return s;
	return value;
}

char *
rt_whole_school(enum lang lang)
{
	char *s = xstrdup(rt(lang, RT_WHOLE_SCHOOL));

	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

char *
rt_group_label(const struct report *r, const struct rpt_group *g,
    enum lang lang)
{
	const struct rpt_set *st = &r->set[g->set];
	const char *col, *name, *val;
	size_t i, len = 1;
	char *s;

	if (st->ncol == 0)
		return rt_whole_school(lang);
	if (st->ncol == 1) {
		col = r->bycol[st->col[0]];
		return xstrdup(rt_group_value(lang, col, g->key[st->col[0]]));
	}
	for (i = 0; i < st->ncol; i++) {
		col = r->bycol[st->col[i]];
		name = rt_column(lang, col);
		len += strlen(name != NULL ? name : col) + 4 +
		    strlen(rt_group_value(lang, col, g->key[st->col[i]]));
	}
	s = xcalloc(len, 1);
	for (i = 0; i < st->ncol; i++) {
		col = r->bycol[st->col[i]];
		name = rt_column(lang, col);
		val = rt_group_value(lang, col, g->key[st->col[i]]);
		if (i > 0)
			strcat(s, ", ");
		strcat(s, name != NULL ? name : col);
		strcat(s, ": ");
		strcat(s, val);
	}
	return s;
}

const char *
rt_column_name(enum lang lang, const char *col)
{
	const char *s = rt_column(lang, col);

	return s != NULL ? s : col;
}

/* s + sep + t (sep only when s is not empty); frees s. */
static char *
join(char *s, const char *sep, const char *t)
{
	char *u = xasprintf("%s%s%s", s, *s != '\0' ? sep : "", t);

	free(s);
	return u;
}

char *
rt_set_label(const struct report *r, const struct rpt_set *st,
    enum lang lang)
{
	char *s = xstrdup("");
	size_t i;

	for (i = 0; i < st->ncol; i++)
		s = join(s, " \xc3\x97 ", rt_column_name(lang,
		    r->bycol[st->col[i]]));
	return s;
}

char *
rt_group_values(const struct report *r, const struct rpt_group *g,
    enum lang lang)
{
	const struct rpt_set *st = &r->set[g->set];
	char *s;
	size_t i;

	if (st->ncol <= 1)
		return rt_group_label(r, g, lang);
	s = xstrdup("");
	for (i = 0; i < st->ncol; i++)
		s = join(s, " / ", rt_group_value(lang, r->bycol[st->col[i]],
		    g->key[st->col[i]]));
	return s;
}

const char *
rt_scale_name(const struct instrument *ins, size_t s, enum lang lang)
{
	const char *n = ins->scale[s].name[lang];

	return n != NULL && *n != '\0' ? n : ins->scale[s].code;
}

const char *
rt_suppress_reason(enum lang lang, enum rpt_suppress why, int k)
{
	static char buf[128];

	switch (why) {
	case RPT_TOO_SMALL:
		snprintf(buf, sizeof(buf), rt(lang, RT_REASON_SMALL), k);
		return buf;
	case RPT_COMPLEMENT:
		return rt(lang, RT_REASON_COMPLEMENT);
	default:
		return "";
	}
}

char *
rt_variant_name(const struct instrument *ins, size_t v, enum lang lang)
{
	char *s;

	if (v >= ins->nvariant || (int)lang < 0 || lang >= NLANG)
		return xstrdup("");
	s = xstrdup(ins->variant[v].name[lang]);
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

enum rt_msg
rt_verdict(enum cmp_verdict v, int ref)
{
	switch (v) {
	case CMP_HIGHER: return ref ? RT_ABOVE : RT_HIGHER;
	case CMP_LOWER: return ref ? RT_BELOW : RT_LOWER;
	case CMP_NOISE: return ref ? RT_NO_CLEAR_DIFF : RT_NOISE;
	default: return RT_NO_INTERVAL;
	}
}

enum rt_tone
rt_band_tone(const struct instrument *ins, const struct instr_band *b)
{
	size_t i;

	if (b == NULL || ins->nband == 0)
		return RT_TONE_NONE;
	if (strcmp(b->code, "attention") == 0)
		return RT_TONE_ATTENTION;
	if (strcmp(b->code, "developing") == 0)
		return RT_TONE_DEVELOPING;
	if (strcmp(b->code, "strength") == 0)
		return RT_TONE_STRENGTH;
	i = (size_t)(b - ins->band);
	if (i == 0)
		return RT_TONE_ATTENTION;
	if (i + 1 == ins->nband)
		return RT_TONE_STRENGTH;
	return RT_TONE_DEVELOPING;
}

enum rt_tone
rt_tone_of(const struct report *r, double mean)
{
	return rt_band_tone(r->ins, report_band(r, mean));
}

const char *
rt_band_label(const struct report *r, double mean, enum lang lang)
{
	const struct instr_band *b = report_band(r, mean);

	return b != NULL ? b->label[lang] : "";
}

/* ---- numbers ---- */

const char *
rt_num2(char *buf, size_t size, double x)
{
	if (isnan(x))
		snprintf(buf, size, "\xe2\x80\x93");
	else
		snprintf(buf, size, "%.2f", x);
	return buf;
}

const char *
rt_diff2(char *buf, size_t size, double x)
{
	if (isnan(x))
		snprintf(buf, size, "\xe2\x80\x93");
	else if (fabs(x) < 0.005)
		snprintf(buf, size, "0.00");
	else
		snprintf(buf, size, "%+.2f", x);
	return buf;
}

/* ---- comparisons ---- */

const char *
rt_diff_verdict(enum lang lang, const struct rpt_diff *d, int ref)
{
	if (d->status == RPT_CMP_NO_SCORE)
		return NULL;
	if (d->status != RPT_CMP_OK)
		return rt(lang, RT_NOT_COMPARED);
	return rt(lang, rt_verdict(compare_verdict(&d->res), ref));
}

char *
rt_only_in(enum lang lang, const struct rpt_waves *w, const struct rpt_cmp *c,
    const char *a, const char *b)
{
	char *s = xstrdup(""), *t;

	if (a != NULL) {
		t = xasprintf(rt(lang, RT_ONLY_IN), a, w->value[c->wa]);
		s = join(s, "; ", t);
		free(t);
	}
	if (b != NULL) {
		t = xasprintf(rt(lang, RT_ONLY_IN), b, w->value[c->wb]);
		s = join(s, "; ", t);
		free(t);
	}
	return s;
}

char *
rt_waves_differ_why(enum lang lang, const struct rpt_waves *w,
    const struct rpt_cmp *c)
{
	const char *best[2] = { NULL, NULL }, *o;
	size_t k, side;

	for (k = 0; k < c->ndiff; k++)
		for (side = 0; side < 2; side++) {
			o = side ? c->diff[k].only_b : c->diff[k].only_a;
			if (o != NULL && (best[side] == NULL ||
			    strlen(o) > strlen(best[side])))
				best[side] = o;
		}
	return rt_only_in(lang, w, c, best[0], best[1]);
}

char *
rt_waves_skipped(enum lang lang, const struct rpt_waves *w, size_t wa,
    size_t wb)
{
	char *names = xstrdup(""), *lab;
	size_t i;

	for (i = 0; i < w->nskip; i++) {
		if (w->skip[i].wa != wa || w->skip[i].wb != wb)
			continue;
		lab = rt_group_label(w->skip[i].r, w->skip[i].g, lang);
		if (strstr(names, lab) == NULL)
			names = join(names, ", ", lab);
		free(lab);
	}
	return names;
}

char *
rt_band_def(const struct instrument *ins, size_t b, enum lang lang)
{
	if (b + 1 < ins->nband)
		return xasprintf(rt(lang, RT_DEF_BAND),
		    ins->band[b].label[lang], ins->band[b].lower,
		    ins->band[b + 1].lower);
	return xasprintf(rt(lang, RT_DEF_BAND_TOP), ins->band[b].label[lang],
	    ins->band[b].lower);
}

size_t
rt_reading_notes(const struct report *r, enum rt_msg *out)
{
	size_t n = 0;

	out[n++] = RT_DEF_GAP;
	if (r->ins->nvariant > 1 && report_has_variant(r, 1))
		out[n++] = RT_DEF_VARIANT_GAP;
	if (r->waves != NULL || r->ref != NULL) {
		out[n++] = RT_DEF_CHANGE;
		out[n++] = RT_DEF_G;
		out[n++] = RT_DEF_NOISE;
	}
	if (r->ref != NULL && r->ref->school_set >= 0)
		out[n++] = RT_DEF_RANK;
	return n;
}

/* ---- recommendations ---- */

struct rt_rec {
	const char *code;		/* scale or framework */
	const char *attention[NLANG];	/* next step for an attention point */
	const char *developing[NLANG];	/* next step when developing */
};

static const struct rt_rec recs[] = {
	{ "capacities",
	    { "Werk met een paar elkaar versterkende interventies tegelijk "
	    "aan de drie capaciteiten, bijvoorbeeld logboeken (persoonlijk), "
	    "intervisie (interpersoonlijk) en ruimte in het rooster voor "
	    "lesbezoek (organisatorisch). Neem er de tijd voor: een PLG bouw "
	    "je in jaren, niet in maanden. (Verbiest, aanbevelingen 1 en 8; "
	    "seed 004)",
	    "Work on the three capacities at once with a few interventions "
	    "that reinforce each other, for instance logbooks (personal), "
	    "intervision (interpersonal) and timetable room for lesson visits "
	    "(organisational). Take time: a PLC is built in years, not "
	    "months. (Verbiest, recommendations 1 and 8; seed 004)" },
	    { "Gebruik deze peiling als de diagnose die ze is: bespreek de "
	    "uitkomsten met het hele team, kies twee of drie "
	    "ontwikkeldoelen en plan een nieuwe meting. (Verbiest, "
	    "aanbeveling 5; seed 004)",
	    "Use this survey as the diagnosis it is: discuss the results "
	    "with the whole team, choose two or three development goals and "
	    "plan a repeat measurement. (Verbiest, recommendation 5; "
	    "seed 004)" } },
	{ "personal",
	    { "Laat elke leraar een kort logboek of lesreflectie bijhouden "
	    "over één doel met de eigen leerlingen: wat wilde ik, wat "
	    "gebeurde er? Bespreek dat om de paar weken met een kritische "
	    "vriend. (Verbiest; seeds 000, 004)",
	    "Have every teacher keep a short logbook or lesson reflection on "
	    "one goal with their own pupils: what did I intend, what "
	    "happened? Discuss it every few weeks with a critical friend. "
	    "(Verbiest; seeds 000, 004)" },
	    { "Verbind individueel leren met de klas: elke leraar probeert "
	    "een nieuwe aanpak uit onderzoek of een netwerk, gaat aan de "
	    "resultaten van leerlingen na of die werkt en deelt de uitkomst "
	    "met het team. (Verbiest; seeds 000, 004)",
	    "Tie individual learning to the classroom: each teacher tries "
	    "one new approach from research or a network, checks with "
	    "pupils' results whether it works, and shares the outcome with "
	    "the team. (Verbiest; seeds 000, 004)" } },
	{ "interpersonal",
	    { "Bouw eerst aan vertrouwen: spreek af hoe je over elkaars "
	    "lessen praat, begin met laagdrempelig open lesbezoek en laat de "
	    "schoolleiding zelf het goede voorbeeld geven. Zonder vertrouwen "
	    "komt samen leren niet op gang. (Verbiest, aanbeveling 4; seeds "
	    "000, 004)",
	    "Build trust first: agree on how you talk about each other's "
	    "lessons, start with low-threshold open lesson visits and let "
	    "the leadership set the example. Without trust, learning "
	    "together does not start. (Verbiest, recommendation 4; seeds "
	    "000, 004)" },
	    { "Ga van tips uitwisselen naar reflectieve dialoog: voer "
	    "intervisie in met een vast protocol waarin collega's als "
	    "kritische vrienden echte klassituaties bespreken, en bouw "
	    "vanuit wat je ziet aan een gedeelde visie op leren. (Verbiest; "
	    "seeds 000, 001)",
	    "Move from swapping tips to reflective dialogue: introduce "
	    "intervision with a fixed protocol in which colleagues act as "
	    "critical friends on real classroom cases, and build a shared "
	    "vision of learning from what you see. (Verbiest; seeds 000, "
	    "001)" } },
	{ "organisational",
	    { "Maak ruimte in het rooster: vaste uren voor teamdialoog en "
	    "lesbezoek in duo's, en zet belemmerende normen (\"advies vragen "
	    "is zwakte\", \"ieder op zijn eigen eiland\") op tafel. Doe het "
	    "anders, niet meer: vervang een vergadering in plaats van er een "
	    "toe te voegen. (Verbiest, aanbeveling 6; seeds 000, 004)",
	    "Make room in the timetable: fixed hours for team dialogue and "
	    "paired lesson visits, and put blocking norms (\"asking for advice "
	    "is weakness\", \"everyone on their own island\") on the table. Do "
	    "it differently rather than more: replace a meeting instead of "
	    "adding one. (Verbiest, recommendation 6; seeds 000, 004)" },
	    { "Veranker wat werkt: begeleiding van beginnende leraren, een "
	    "kerngroep die de ontwikkeling trekt, budget voor netwerken en "
	    "facilitatoren, en benut de schaal van het bestuur voor "
	    "gezamenlijke scholing. (Verbiest, aanbevelingen 2 en 10; seeds "
	    "000, 004)",
	    "Make what works structural: mentoring for beginning teachers, "
	    "a core group that leads the development, a budget for networks "
	    "and facilitators, and the school board's scale for shared "
	    "training. (Verbiest, recommendations 2 and 10; seeds 000, "
	    "004)" } },
	{ "lfl",
	    { "Kies het zwakste principe als teamfocus voor een jaar en "
	    "doorloop de cyclus: visie ontwikkelen, teams laten leren, "
	    "verankeren in het schoolbeleid, en dan opnieuw evalueren. "
	    "(Leiderschap voor leren, Team School; seed 003)",
	    "Choose the weakest principle as the team's focus for a year "
	    "and go through the cycle: develop the vision, let teams learn, "
	    "embed it in school policy, then evaluate again. (Leadership for "
	    "Learning, Team School; seed 003)" },
	    { "Gebruik de deelaspecten van de vijf principes als checklist "
	    "voor een gezamenlijke zelfevaluatie: waar zien we het al, waar "
	    "nog niet? (Leiderschap voor leren, MacBeath; seed 003)",
	    "Use the sub-aspects of the five principles as a checklist for "
	    "a joint self-evaluation: where do we already see it, where not "
	    "yet? (Leadership for Learning, MacBeath; seed 003)" } },
	{ "focus",
	    { "Zet het leren van leerlingen centraal in elk overleg: begin "
	    "teamvergaderingen met leerlingwerk of resultaten in plaats van "
	    "organisatorische zaken, en laat de schoolleiding zien dat ook "
	    "zij leert. (Leiderschap voor leren, principe 1; seed 003)",
	    "Put pupils' learning at the centre of every meeting: open team "
	    "meetings with pupils' work or results instead of organisational "
	    "matters, and let the leadership show that it learns too. "
	    "(Leadership for Learning, principle 1; seed 003)" },
	    { "Geef meer ruimte voor eigen regie: laat leraren een "
	    "onderzoeksvraag over het leren van hun leerlingen kiezen en "
	    "daar een kleine leeractiviteit voor collega's over leiden. "
	    "(Leiderschap voor leren, principe 1; seed 003)",
	    "Give more room for autonomy: let teachers choose an inquiry "
	    "question about their pupils' learning and lead a small learning "
	    "activity on it for colleagues. (Leadership for Learning, "
	    "principle 1; seed 003)" } },
	{ "conditions",
	    { "Maak het veilig om te experimenteren: spreek af dat iets "
	    "nieuws proberen en daarbij falen bij leren hoort, vier wat wel "
	    "lukt, en maak tijd om samen na te gaan wat goed leren nodig "
	    "heeft. (Leiderschap voor leren, principe 2; seed 003)",
	    "Make it safe to experiment: agree that trying something new, "
	    "and sometimes failing, is part of learning, celebrate what does "
	    "work, and make time to ask together what good learning needs. "
	    "(Leadership for Learning, principle 2; seed 003)" },
	    { "Zet hulpmiddelen in die het denken over leren scherper maken: "
	    "gestructureerde lesobservaties, feedback van leerlingen, en "
	    "plekken (in het gebouw en in overleggen) waar leren zichtbaar "
	    "wordt. (Leiderschap voor leren, principe 2; seed 003)",
	    "Use tools that sharpen thinking about learning: structured "
	    "lesson observations, pupil feedback, and places (in the building "
	    "and in meetings) where learning is made visible. (Leadership for "
	    "Learning, principle 2; seed 003)" } },
	{ "dialogue",
	    { "Maak de praktijk bespreekbaar: laat in elk teamoverleg één "
	    "collega een concrete lesaanpak toelichten en onderzoek samen "
	    "wat het leren helpt of hindert; een gespreksprotocol zorgt dat "
	    "de dialoog verheldert in plaats van gelijk te halen. "
	    "(Leiderschap voor leren, principe 3; seeds 000, 003)",
	    "Make practice discussable: in every team meeting one colleague "
	    "explains a concrete lesson approach and the team examines what "
	    "helps or hinders learning; a protocol keeps the dialogue "
	    "clarifying rather than winning arguments. (Leadership for "
	    "Learning, principle 3; seeds 000, 003)" },
	    { "Verbreed de dialoog: zoek andere scholen, het bestuur of "
	    "onderzoekers op in een netwerk rond een eigen thema, zodat "
	    "andere perspectieven je eigen opvattingen uitdagen. (Leiderschap "
	    "voor leren, principe 3; seed 003)",
	    "Widen the dialogue: join other schools, the school board or "
	    "researchers in a network on a theme of your own, so other "
	    "perspectives challenge your own views. (Leadership for Learning, "
	    "principle 3; seed 003)" } },
	{ "shared_leadership",
	    { "Bouw structuren voor inspraak: een kerngroep van leraren die "
	    "de ontwikkeling trekt, werkgroepen met een echt mandaat, en "
	    "besluiten over onderwijs voorbereid met wie lesgeeft. "
	    "(Verbiest, aanbeveling 2; Leiderschap voor leren, principe 4; "
	    "seeds 003, 004)",
	    "Build structures for participation: a core group of teachers "
	    "that leads the development, working groups with a real mandate, "
	    "and decisions on teaching prepared with those who teach. "
	    "(Verbiest, recommendation 2; Leadership for Learning, principle "
	    "4; seeds 003, 004)" },
	    { "Laat leiderschap de deskundigheid volgen: nodig leraren, "
	    "ondersteuners, leerlingen en ouders uit om te leiden waar zij "
	    "het meest van weten, en maak samenwerken over teams en functies "
	    "heen gewoon. (Leiderschap voor leren, principe 4; seed 003)",
	    "Let leadership follow expertise: invite teachers, support staff, "
	    "pupils and parents to lead where they know most, and make "
	    "working across teams and roles the norm. (Leadership for "
	    "Learning, principle 4; seed 003)" } },
	{ "shared_accountability",
	    { "Start een eenvoudige cyclus van zelfevaluatie: kies een paar "
	    "SMART-doelen, verzamel gegevens in de klas en de school, weeg "
	    "ze af tegen de kernwaarden en stel bij. (Team School; "
	    "Leiderschap voor leren, principe 5; seed 003)",
	    "Start a simple self-evaluation cycle: set a few SMART goals, "
	    "collect evidence in class and school, weigh it against your core "
	    "values and adjust. (Team School; Leadership for Learning, "
	    "principle 5; seed 003)" },
	    { "Maak interne verantwoording de basis voor externe: vertel met "
	    "eigen gegevens je eigen verhaal aan bestuur en inspectie, en "
	    "borg initiatieven zodat ze de mensen die ze begonnen overleven. "
	    "(Leiderschap voor leren, principe 5; seed 003)",
	    "Make internal accountability the basis for external "
	    "accountability: tell your own story with your own evidence to "
	    "the board and the inspectorate, and secure initiatives so they "
	    "outlast the people who started them. (Leadership for Learning, "
	    "principle 5; seed 003)" } },
	{ "roles",
	    { "Vul als schoolleiding bewust alle drie de rollen in: "
	    "cultuurbouwer, leraar van leraren en architect. Zoek een maatje "
	    "of kerngroep die een deel van die rollen op zich neemt. "
	    "(Verbiest, aanbevelingen 2 en 9; seed 004)",
	    "As a leadership team, fill all three roles on purpose: culture "
	    "builder, educator and architect. Find a partner or core group "
	    "who takes on part of them. (Verbiest, recommendations 2 and 9; "
	    "seed 004)" },
	    { "Leg het beeld van de schoolleiding naast dat van het team en "
	    "bespreek de verschillen open: waar de rollen anders worden "
	    "beleefd, ligt de volgende stap. (Verbiest; seeds 000, 001, "
	    "004)",
	    "Set the leadership's view beside the team's and discuss the "
	    "differences openly: where the roles are experienced "
	    "differently lies the next step. (Verbiest; seeds 000, 001, "
	    "004)" } },
	{ "culture_builder",
	    { "Laat de schoolleiding in gesprekken het leren en de resultaten "
	    "van leerlingen vooropzetten in plaats van gebouw en rooster, "
	    "mensen zichtbaar waarderen in woord en daad, en uitdragen dat "
	    "elk kind kan leren. (Verbiest; seeds 000, 001)",
	    "Let the leadership put pupils' learning and results first in "
	    "its conversations instead of buildings and timetables, value "
	    "people visibly in word and deed, and carry the conviction that "
	    "every child can learn. (Verbiest; seeds 000, 001)" },
	    { "Maak de cultuur zichtbaar: deel verhalen over geslaagd leren, "
	    "erken initiatieven van collega's in het openbaar en bewaak een "
	    "klimaat van vertrouwen en veiligheid. (Verbiest; seeds 000, "
	    "001)",
	    "Make the culture visible: share stories of successful learning, "
	    "recognise colleagues' initiatives in public and guard a climate "
	    "of trust and safety. (Verbiest; seeds 000, 001)" } },
	{ "educator",
	    { "Neem als schoolleiding de rol van leraar van leraren op: bezoek "
	    "lessen als kritische vriend, leg op een veilige manier "
	    "bedoelingen naast resultaten, en reflecteer zichtbaar op je "
	    "eigen werk. (Verbiest; seeds 000, 001, 004)",
	    "Take up the educator's role as a leadership team: visit lessons "
	    "as a critical friend, set intentions beside results in a safe "
	    "way, and reflect visibly on your own work. (Verbiest; seeds 000, "
	    "001, 004)" },
	    { "Organiseer scholing in samen leren en dialoogvaardigheden voor "
	    "teams, en coach teamleiders om zelf kritische vriend te zijn. "
	    "(Verbiest; seeds 000, 001)",
	    "Arrange training in collective learning and dialogue skills for "
	    "teams, and coach team leaders to act as critical friends "
	    "themselves. (Verbiest; seeds 000, 001)" } },
	{ "architect",
	    { "Bouw de structuren: tijd voor intervisie en lesbezoek in het "
	    "rooster, teams met eigen ruimte, en leraren die meebeslissen "
	    "over belangrijke keuzes. (Verbiest; seeds 000, 001, 004)",
	    "Build the structures: time for intervision and lesson visits in "
	    "the timetable, teams with latitude of their own, and teachers "
	    "who take part in important decisions. (Verbiest; seeds 000, 001, "
	    "004)" },
	    { "Verbind naar buiten: externe partners en netwerken met andere "
	    "scholen, en werf nieuwe collega's mede op hun bereidheid om "
	    "samen te leren. (Verbiest; seeds 001, 003)",
	    "Connect outwards: external partners and networks with other "
	    "schools, and recruit new colleagues partly on their willingness "
	    "to learn together. (Verbiest; seeds 001, 003)" } },
};

const char *
rt_recommendation(enum lang lang, const char *scale_code, int band_index)
{
	size_t i;

	if (scale_code == NULL || (int)lang < 0 || lang >= NLANG ||
	    band_index < 0 || band_index > 1)
		return NULL;
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++)
		if (strcmp(recs[i].code, scale_code) == 0)
			return band_index == 0 ? recs[i].attention[lang] :
			    recs[i].developing[lang];
	return NULL;
}

const char *
rt_recommendation_tone(enum lang lang, const char *scale_code,
    enum rt_tone tone)
{
	if (tone == RT_TONE_ATTENTION)
		return rt_recommendation(lang, scale_code, 0);
	if (tone == RT_TONE_DEVELOPING)
		return rt_recommendation(lang, scale_code, 1);
	return NULL;
}
