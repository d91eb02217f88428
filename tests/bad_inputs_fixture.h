/* bad_inputs_fixture.h: the files of the bad-input catalogue
 * (test_bad_inputs.c): real CSVs from a tiny sweep and bench, and
 * malformed copies of them, all in one temporary directory. */
#ifndef AB_BAD_INPUTS_FIXTURE_H
#define AB_BAD_INPUTS_FIXTURE_H

/* Makes the directory: acc.csv, tp.csv, sv.csv and prof/ (from
 * build/actbench), then every malformed file named in the catalogue
 * (a_*.csv from acc.csv, t_*.csv from tp.csv, s_*.csv from sv.csv).
 * Returns its malloc'd path; aborts the test when a step fails. */
char *bi_fixture_make(void);
/* Removes the directory and everything in it (two levels). */
void bi_fixture_remove(char *dir);
#endif
