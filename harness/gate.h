/* gate.h: compare results with a baseline, row by row. */
#ifndef AB_GATE_H
#define AB_GATE_H
#include <stdio.h>
#include "csv_schema.h"

/* Each finding as it is printed, for a structured report: kind
 * "regression" (b the baseline row, r the result row or NULL when there is
 * none), "new_regression" (a result row not in the baseline: b NULL),
 * "improvement", "change" or "skip" (r NULL; what: the reason). */
typedef void (*ab_gate_finding_fn)(void *ctx, const char *kind, const ab_result_row *b,
                                   const ab_result_row *r, const char *what);

typedef struct {
    double tolerance_ulp;
    int strict;             /* a changed output hash fails */
    const char *junit_path; /* NULL: none */
    const char *accept_hint;
    ab_gate_finding_fn on_finding; /* NULL: none */
    void *finding_ctx;
} ab_gate_opts;

typedef struct {
    size_t compared, regressions, improvements, changed, skipped, added;
} ab_gate_summary;

/* 1, with the reason in why, when (activation, variant, precision) names
 * a registered variant that this build or CPU cannot run (an ISA, a peer
 * library not built); 0 otherwise (runnable, or no such variant). */
int ab_gate_unavailable(const char *act, const char *variant, const char *precision, char *why,
                        size_t len);

/* Prints regressions (first), improvements, changes and a summary to out.
 * Returns 0 on success, -1 if the JUnit file could not be written. */
int ab_gate_compare(const ab_results *base, const ab_results *cur, const ab_gate_opts *o,
                    FILE *out, ab_gate_summary *s);
#endif
