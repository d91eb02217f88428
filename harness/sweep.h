/* sweep.h: the one job engine.  A job is (operation, precision, input
 * source): a range sampler for an elementwise activation, a row generator
 * for a row operation.  Each job computes its correctly rounded references
 * once, runs every selected variant, and feeds one metrics accumulator per
 * segment (a chunk of inputs, or one row), merged in segment order, so a
 * result is the same bytes for any thread count. */
#ifndef AB_SWEEP_H
#define AB_SWEEP_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "metrics.h"
#include "properties.h"
#include "isolate.h"
#include "registry.h"

/* A list of names from a comma-separated flag; n == 0 means "all". */
typedef struct {
    char **names;
    size_t n;
} ab_filter;

int ab_filter_match(const ab_filter *f, const char *name);

/* What a job hands to an observer after each variant: its inputs, the
 * variant's outputs and the references, n of each (elementwise jobs
 * only: row operations have no per-input plots). */
typedef struct {
    const ab_op *op;
    ab_precision prec;
    const char *range;
    double lo, hi;          /* NAN for the special set */
} ab_job_view;

typedef struct {
    void (*variant)(void *ctx, const ab_job_view *j, const ab_variant *v, const double *x,
                    const double *y, const ab_refval *ref, size_t n);
    void (*job_end)(void *ctx, const ab_job_view *j);   /* may be NULL */
    void *ctx;
} ab_sweep_observer;

#define AB_MAX_OBSERVERS 4

typedef struct {
    ab_filter activations, variants, ranges;
    int precision;          /* -1: every one (or those of `precisions`) */
    unsigned precisions;    /* a bit per ab_precision (--precision f32,f64); 0: all */
    size_t samples;         /* per range */
    uint64_t seed;
    int threads;            /* 0: OpenMP default */
    int progress;           /* print progress lines to stderr */
    int exhaustive;         /* f32 elementwise: every input (exhaustive.c) */
    int reference_mpfr;     /* exhaustive: MPFR for every input, no fast tier */
    /* Worst-case search after each sampled range job (search.h): 0, or
     * the evaluations allowed per (job, variant). */
    size_t search_budget;
    /* Shard K of N (N = 0: the whole sweep).  A shard computes its slice of
     * every job's segments (whole jobs with a search) and its rows are
     * partial (partial.h): s0..s1 of nseg segments. */
    unsigned shard_k, shard_n;
    /* Extra outputs (error profiles, special values: sweep_outputs.h). */
    ab_sweep_observer observers[AB_MAX_OBSERVERS];
    size_t n_observers;
} ab_sweep_opts;

/* One result row: (operation, variant, precision, range). */
typedef struct {
    const ab_op *op;
    const ab_variant *var;
    ab_precision prec;
    const char *range;      /* a range, or a row generator */
    double lo, hi;          /* NAN for the special set and for row generators */
    int exhaustive;
    uint64_t cap_hits;      /* reference evaluations that hit the precision cap */
    uint64_t ref_fallbacks; /* inputs the fast tier left to MPFR (exhaustive) */
    uint64_t output_hash;   /* FNV-1a of the output bits, in input order */
    ab_isolated_run run;    /* plugin variants: ok, crashed or timed out */
    double last_input;      /* the input a crashed/hung variant was given */
    ab_acc acc;
    ab_props_acc props;     /* elementwise: the property checks */
    /* Row operations only (else NAN, "", NULL). */
    double row_sum_error;   /* max over rows |sum - 1|; NAN: not measured */
    char worst_row[96];     /* generator:seed:index, "" when no worst */
    size_t worst_element;
    const char *neg_inf_row_policy;
    /* Where the row stands in a sweep, for shards (partial.h): sort key
     * (job, then sub: 2 x variant, +1 for its search row), and the
     * segments [s0, s1) of nseg it covers (all of them outside shards). */
    uint64_t key, sub, s0, s1, nseg;
    /* Exhaustive rows: the first and last finite input (ordinals) and
     * their outputs, so that merged parts check the monotone pair across
     * their boundary; has_ends 0 when the part has no finite input. */
    int has_ends;
    int64_t first_ord, last_ord;
    float y_first, y_last;
} ab_row;

typedef struct {
    ab_row *rows;
    size_t n, cap;
    double seconds;
    uint64_t inputs, variant_calls, reference_evals, cap_hits, ref_fallbacks;
    double reference_seconds;  /* wall time of the reference passes alone */
    size_t skipped_unavailable;
} ab_sweep_result;

#define AB_DEFAULT_SAMPLES 65536u
#define AB_DEFAULT_SEED 0x5eed2026u

void ab_sweep_opts_init(ab_sweep_opts *o);
/* Sweep the selection to rows: every job of every selected operation, in
 * registry order (elementwise by name, then row operations by name), each
 * precision, each source, each variant. */
int ab_sweep_run(const ab_sweep_opts *o, ab_sweep_result *res);
void ab_sweep_result_free(ab_sweep_result *res);
/* A new zeroed row at the end of res (for the engine's job kinds). */
ab_row *ab_sweep_push_row(ab_sweep_result *res);
/* One line on stderr: time, inputs/s, reference evaluations/s, cap hits. */
void ab_sweep_print_summary(const ab_sweep_result *res);
/* Sweep the selection into the accuracy CSV w (opened by the caller, so
 * that an unwritable path fails before the work) and commit it; with
 * summary, print the summary line.  Returns 0, or -1 when the file could
 * not be written. */
struct ab_csv_writer_s;
int ab_sweep_to_csv(const ab_sweep_opts *o, struct ab_csv_writer_s *w, int summary);

/* The input sources of an operation: elementwise, the standard ranges
 * (special, core, tiny, full) then its own; row operations, the row
 * generators. */
size_t ab_source_names(const ab_op *op, const char **names, size_t max);
/* Bounds of an elementwise range; returns -1 when a has no such range.
 * The special set has lo = hi = NAN. */
/* 0 when the source has no inputs in the precision: a row operation in a
 * 16-bit format, a custom source, or a range empty in the format. */
int ab_source_applies(const ab_op *op, const char *source, ab_precision p);
int ab_range_bounds(const ab_activation *a, const char *range, ab_precision p,
                    double *lo, double *hi);

/* FNV-1a of output bits (as floats for f32), continuing from h; start
 * from AB_FNV_OFFSET.  The output_hash column. */
#define AB_FNV_OFFSET 0xcbf29ce484222325u
uint64_t ab_hash_outputs(uint64_t h, const double *y, size_t n, ab_precision p);
/* A row's output_hash adds each segment's FNV-1a (from AB_FNV_OFFSET),
 * mixed with the segment's index, modulo 2^64: the same however the
 * segments were grouped (threads, shards).  Start from 0. */
uint64_t ab_hash_combine(uint64_t h, uint64_t segment, uint64_t seg_hash);
/* malloc, or exit 3 with a message: the engine cannot go on without it. */
void *ab_xmalloc(size_t n);
/* CLOCK_MONOTONIC in seconds. */
double ab_now(void);

/* Run one variant on double inputs (converting to and from float for
 * f32 variants): a call that reads n inputs and writes m outputs. */
void ab_call_variant(const ab_variant *v, const double *x, size_t n, double *y, size_t m);
/* Elementwise: m = n. */
void ab_run_variant(const ab_variant *v, const double *x, double *y, size_t n);
#endif
