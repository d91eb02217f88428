/* sweep.h: the accuracy sweep over (activation, precision, range, variant). */
#ifndef AB_SWEEP_H
#define AB_SWEEP_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "metrics.h"
#include "isolate.h"

/* A list of names from a comma-separated flag; n == 0 means "all". */
typedef struct {
    char **names;
    size_t n;
} ab_filter;

int ab_filter_match(const ab_filter *f, const char *name);

typedef struct {
    ab_filter activations, variants, ranges;
    int precision;          /* -1: both */
    size_t samples;         /* per range */
    uint64_t seed;
    int threads;            /* 0: OpenMP default */
    int progress;           /* print progress lines to stderr */
    /* Optional outputs for the report (NULL: not written):
     * profile_dir gets one CSV per (activation, precision, range) with the
     * per-bucket max ULP of every variant over AB_PROFILE_BUCKETS ordinal
     * buckets; special_values gets every variant's output on the special
     * set, next to the correctly rounded value. */
    const char *profile_dir;
    struct ab_csv_writer_s *special_values;
} ab_sweep_opts;

#define AB_PROFILE_BUCKETS 512

typedef struct {
    const ab_activation *act;
    const ab_variant *var;
    ab_precision prec;
    const char *range;
    double lo, hi;          /* NAN for the special set */
    int exhaustive;
    uint64_t cap_hits;      /* reference evaluations that hit the precision cap */
    uint64_t output_hash;   /* FNV-1a of the output bits, in input order */
    ab_isolated_run run;    /* plugin variants: ok, crashed or timed out */
    double last_input;      /* the input a crashed/hung variant was given */
    ab_acc acc;
} ab_row;

typedef struct {
    ab_row *rows;
    size_t n, cap;
    double seconds;
    uint64_t variant_evals, reference_evals, cap_hits;
    size_t skipped_unavailable;
} ab_sweep_result;

#define AB_DEFAULT_SAMPLES 65536u
#define AB_DEFAULT_SEED 0x5eed2026u

/* The standard ranges every activation has, then its own. */
size_t ab_range_names(const ab_activation *a, const char **names, size_t max);
/* Bounds of a named range; returns -1 when a has no such range.
 * The special set has lo = hi = NAN. */
int ab_range_bounds(const ab_activation *a, const char *range, ab_precision p,
                    double *lo, double *hi);

void ab_sweep_opts_init(ab_sweep_opts *o);
int ab_sweep_run(const ab_sweep_opts *o, ab_sweep_result *res);
void ab_sweep_result_free(ab_sweep_result *res);
/* The special-values CSV header: activation,precision,input,expected,variant,output,match. */
void ab_write_special_values_header(struct ab_csv_writer_s *w);
/* One line on stderr: time, inputs/s, reference evaluations/s, cap hits. */
void ab_sweep_print_summary(const ab_sweep_result *res);

/* FNV-1a of output bits (as floats for f32), continuing from h; start
 * from AB_FNV_OFFSET.  The output_hash column, for rows and row ops. */
#define AB_FNV_OFFSET 0xcbf29ce484222325u
uint64_t ab_hash_outputs(uint64_t h, const double *y, size_t n, ab_precision p);
/* CLOCK_MONOTONIC in seconds. */
double ab_now(void);

/* Run one variant on double inputs (converting to and from float for
 * f32 variants).  Used by the sweep and by the tests. */
void ab_run_variant(const ab_variant *v, const double *x, double *y, size_t n);
/* The same for a call that reads n inputs and writes m outputs (rows). */
void ab_call_variant(const ab_variant *v, const double *x, size_t n, double *y, size_t m);
#endif
