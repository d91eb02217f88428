/* results_table.h: an accuracy CSV (or baseline) read back into typed rows,
 * with every problem reported as file:line and column. */
#ifndef AB_RESULTS_TABLE_H
#define AB_RESULTS_TABLE_H
#include <stddef.h>
#include <stdint.h>
#include "csv_io.h"

typedef struct {
    const char *activation, *variant, *strategy, *precision, *range;
    const char *worst_input, *worst_output, *worst_reference, *output_hash, *status;
    double max_ulp, correctly_rounded, declared_max_ulp;
    uint64_t samples, overflow, nan, sign_errors, zero_flush;
    int within_bound;
    uint64_t seed, samples_requested;
    size_t line;
} ab_result_row;

typedef struct {
    ab_csv_table csv;       /* owns the strings */
    ab_result_row *rows;
    size_t n;
    const char *path;
} ab_results;

/* Returns 0, or -1 with a message "file:line: ..." in err.  Checks the
 * required columns, numeric types and duplicate keys. */
int ab_results_load(const char *path, ab_results *r, char *err, size_t errlen);
void ab_results_free(ab_results *r);
/* The row with the same (activation, variant, precision, range), or NULL. */
const ab_result_row *ab_results_find(const ab_results *r, const ab_result_row *key);
/* A column of the table that is not part of ab_result_row (e.g. env_*);
 * NULL when absent. */
const char *ab_results_extra(const ab_results *r, size_t row, const char *column);
#endif
