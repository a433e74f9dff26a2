/* roles.h -- the staff role a respondent gave ("Adjunct-directeur",
 * "Leerkracht groep 5", "Teacher") put into one of a few role groups, so that
 * reports can compare leaders with teachers without showing groups of one. */
#ifndef PLG_ROLES_H
#define PLG_ROLES_H

/* "leader", "teacher", "support" or "other"; "" for an empty role.  The
 * returned string is static. */
const char *role_group(const char *role);

#endif /* PLG_ROLES_H */
