/* accuracy_csv.h: the accuracy CSV (results/accuracy.csv) columns. */
#ifndef AB_ACCURACY_CSV_H
#define AB_ACCURACY_CSV_H
#include "sweep.h"
#include "csv_io.h"
#include "env.h"
#include "rows.h"

extern const char *const ab_accuracy_columns[];
extern const size_t ab_accuracy_ncolumns;

void ab_write_accuracy_header(ab_csv_writer *w);
void ab_write_accuracy_row(ab_csv_writer *w, const ab_row *r, uint64_t seed,
                           size_t samples, const ab_env *env);
/* A whole sweep result: header and rows. */
void ab_write_accuracy(ab_csv_writer *w, const ab_sweep_result *res, uint64_t seed,
                       size_t samples);
/* The row operations' rows (no header), after ab_write_accuracy's. */
void ab_write_accuracy_rows(ab_csv_writer *w, const ab_rows_result *res, uint64_t seed,
                            size_t samples);
/* Whether the row's result lies within the variant's declared bound. */
int ab_row_within_bound(const ab_row *r);
#endif
