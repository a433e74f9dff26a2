/* roles.c -- role groups from free-form role names (Dutch and English). */
#include <stdlib.h>
#include <string.h>

#include "roles.h"
#include "textnorm.h"

/* Word stems, matched at the start of any word of the normalised role.
 * Leaders are checked first: "teamleider" is a leader, not a teacher. */
static const char *const leader[] = {
	"directeur", "director", "schoolleid", "schoolleider", "adjunct",
	"teamleid", "locatieleid", "afdelingsleid", "sectorleid", "bouwleid",
	"leidinggevend", "management", "mt", "principal", "head", "deputy",
	"leader", "manager", "rector", "conrector", "bestuurder",
	"schoolhoofd", "clusterdirecteur", "meerschoolse", NULL
};
static const char *const support[] = {
	"onderwijsassistent", "assistent", "intern", "ib", "iber",
	"zorgco", "remedial", "rt", "conciërge", "concierge", "administra",
	"ondersteun", "support", "assistant", "secretar", "onderwijsonder",
	"oop", "logopedist", "orthopedagoog", "psycholoog", "counsel",
	"coach", "teaching assistant", NULL
};
static const char *const teacher[] = {
	"leerkracht", "leraar", "lerares", "docent", "teacher", "juf",
	"meester", "vakleerkracht", "groepsleerkracht", "mentor", "lecturer",
	"instructor", "lio", "stagiair", NULL
};

static int
has_word(const char *key, const char *const *stems)
{
	const char *w;
	size_t n;

	for (; *stems != NULL; stems++) {
		n = strlen(*stems);
		for (w = key; w != NULL; w = strchr(w, ' ')) {
			if (*w == ' ')
				w++;
			if (strncmp(w, *stems, n) == 0 &&
			    (n > 3 || w[n] == '\0' || w[n] == ' '))
				return 1;
		}
	}
	return 0;
}

const char *
role_group(const char *role)
{
	char *key = textnorm(role, strlen(role));
	const char *g;

	if (*key == '\0')
		g = "";
	else if (has_word(key, leader))
		g = "leader";
	else if (has_word(key, support))
		g = "support";
	else if (has_word(key, teacher))
		g = "teacher";
	else
		g = "other";
	free(key);
	return g;
}
