/* search.h: the worst-case search of one sampled elementwise job (binary64,
 * and sampled binary32): after the stratified pass, refine around the
 * worst ordinal buckets by bracketed grid refinement on ordinals (a
 * multi-point bisection toward each local maximum of the error), within an
 * evaluation budget.  The candidates depend only on the seed and on earlier
 * results, never on the thread count.  See search.c for the method. */
#ifndef AB_SEARCH_H
#define AB_SEARCH_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "../reference/reference.h"
#include "metrics.h"
#include "properties.h"
#include "isolate.h"

#define AB_SEARCH_DEFAULT_BUDGET 4096u

/* What a search did (an optional output: ab_search_opts.stats). */
typedef struct {
    /* A plugin variant's child: how it ended (AB_RUN_OK when it never
     * failed) and the input it was given when it failed (else NAN). */
    ab_isolated_run run;
    double last_input;
    size_t rounds;              /* batches evaluated */
    size_t seeds;               /* buckets refined (started) */
    /* 1-based evaluation counts (0: never): the first search evaluation
     * whose error exceeds the stratified pass's max, and the first whose
     * error is at least target_ulp.  NaN mismatches and overflows count
     * as +inf. */
    size_t first_improvement, first_target;
} ab_search_stats;

typedef struct {
    size_t budget;   /* evaluations allowed beyond the stratified pass (default 4096) */
    uint64_t seed;
    double target_ulp;          /* for stats->first_target; 0: none */
    ab_search_stats *stats;     /* NULL: not wanted */
    /* 1: *acc holds the search's evaluations alone (the sweep's search
     * rows, so that no input is counted in two rows). */
    int evaluations_only;
} ab_search_opts;

/* Defaults: budget AB_SEARCH_DEFAULT_BUDGET, seed AB_DEFAULT_SEED. */
void ab_search_opts_init(ab_search_opts *so);

/* The search for variant v on one job: the stratified pass's inputs x[0..n)
 * (in ordinal order, one per stratum, as ab_range_inputs makes them), v's
 * outputs y and the references ref.  Fills *acc with the stratified samples
 * (indices 0..n-1, added in order with ab_acc_add exactly as the sweep does)
 * followed by every search evaluation (indices n, n+1, ... in evaluation
 * order), *props with ab_props_check over the search inputs (limits NULL),
 * *hash with FNV-1a of the search outputs (ab_hash_outputs from AB_FNV_OFFSET),
 * *cap_hits with the reference cap hits of the search; returns the number
 * of search evaluations (<= budget).  A range that n covers exhaustively
 * has nothing to search (returns 0).  so may be NULL (defaults).  A
 * plugin variant runs in a child, batch by batch: when a child crashes,
 * hangs or exits, the search stops there and returns what was done. */
size_t ab_search_run(const ab_activation *a, const ab_variant *v, ab_precision p,
                     double lo, double hi, const double *x, const double *y,
                     const ab_refval *ref, size_t n, const ab_search_opts *so,
                     ab_acc *acc, ab_props_acc *props, uint64_t *hash, uint64_t *cap_hits);
#endif
