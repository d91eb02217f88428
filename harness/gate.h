/* gate.h: compare results with a baseline, row by row. */
#ifndef AB_GATE_H
#define AB_GATE_H
#include <stdio.h>
#include "csv_schema.h"

typedef struct {
    double tolerance_ulp;
    int strict;             /* a changed output hash fails */
    const char *junit_path; /* NULL: none */
    const char *accept_hint;
} ab_gate_opts;

typedef struct {
    size_t compared, regressions, improvements, changed, skipped, added;
} ab_gate_summary;

/* Prints regressions (first), improvements, changes and a summary to out.
 * Returns 0 on success, -1 if the JUnit file could not be written. */
int ab_gate_compare(const ab_results *base, const ab_results *cur, const ab_gate_opts *o,
                    FILE *out, ab_gate_summary *s);
#endif
