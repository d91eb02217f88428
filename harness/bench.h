/* bench.h: the throughput (and latency) benchmark behind `actbench bench`.
 *
 * Method, per (variant, precision, n):
 *   inputs   n values uniform in value over [in_lo, in_hi] (default the
 *            `core` range [-10, 10]; --inputs LO:HI), from a counter-based
 *            generator with a fixed seed, in no order, converted to the
 *            variant's type; 64-byte aligned x and a distinct 64-byte
 *            aligned y.  The `inputs` column says which: "core", or
 *            "LO:HI" (%.17g).  Speed can depend on the values: without
 *            MXCSR.FTZ a subnormal result costs a microcode assist on Intel
 *            cores, so an exp-based kernel can run 20x slower on |x| > 87
 *            than on [-10, 10].
 *   timing   one warm-up call; the number of calls per timed sample
 *            ("inner") is chosen so one sample lasts about target_sample_s
 *            (at least ~20 us); reps samples timed with CLOCK_MONOTONIC and
 *            the TSC; min and median per element are reported.  A checksum
 *            of y is folded into a volatile sink after each sample (outside
 *            the timed region), so no call is dead code.
 *   thread   one thread, pinned with sched_setaffinity to the highest-numbered
 *            allowed CPU (failure is reported and ignored); the previous
 *            mask is restored at the end.
 * A `memcpy` baseline row (strategy "baseline") is measured for each
 * selected precision and size: the memory bound for the same bytes.
 *
 * Row operations (rows.h) selected by the activation filter are measured
 * after the elementwise variants of each size, throughput only: one row of
 * the op's length for L = size (the size itself except maxout, 5 L + 4),
 * its values the `uniform` generator's rows 0, 1, ... concatenated (bench
 * seed); n = the row length, ns per row element, bytes = (n + outputs)
 * elements per call.
 *
 * Latency mode (scalar variants and the memcpy baseline): a dependent chain
 * through the batch function with n = 1 calls, x'_i = x_i + y_{i-1} * 0
 * (IEEE C may not drop y * 0, so each call waits for the previous output,
 * while the inputs stay those of the core range; the fmul+fadd and the
 * store/reload of y are part of every link, and of the memcpy latency
 * baseline, which measures exactly that overhead).  The chain runs over the
 * inputs of the smallest selected size; ns_per_elem is then ns per call.
 *
 * Plugin variants are measured in a child process each (one child per
 * row: isolate.h's time and memory limits, enforced by the parent), with
 * the same method; the child times itself and hands the row back through
 * shared memory.  A child that crashes, hangs, runs out of memory or calls
 * exit() gives a row whose status says so and whose timings are empty;
 * the other rows are unaffected. */
#ifndef AB_BENCH_H
#define AB_BENCH_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "csv_io.h"
#include "isolate.h"
#include "sweep.h"

#define AB_BENCH_DEFAULT_REPS 15u
#define AB_BENCH_DEFAULT_SEED 0x5eed2026u
#define AB_BENCH_MAX_SIZE ((size_t)1 << 28)

typedef enum { AB_MODE_THROUGHPUT = 0, AB_MODE_LATENCY = 1 } ab_bench_mode;

typedef struct {
    ab_filter activations, variants;
    int precision;           /* -1: every one (or those of `precisions`) */
    unsigned precisions;     /* a bit per ab_precision (--precision f32,bf16); 0: all */
    size_t *sizes;           /* element counts; NULL: 4K, 256K */
    size_t n_sizes;
    unsigned reps;           /* timed samples per row (>= 1) */
    int latency;             /* also measure latency rows */
    int baseline;            /* measure the memcpy rows (default 1) */
    double target_sample_s;  /* time budget of one timed sample */
    uint64_t seed;
    double in_lo, in_hi;     /* elementwise inputs: uniform over [in_lo, in_hi] */
    int row_ops;             /* measure the row operations (default 1; `bench
                              * --inputs A,B` measures them with A only) */
    int skip_notes;          /* note each unavailable variant on stderr (default 1) */
    int progress;            /* a line per row on stderr */
} ab_bench_opts;

typedef struct {
    const char *activation, *variant, *strategy, *isa;
    const char *inputs;      /* "core", "LO:HI", or "uniform" (row operations' rows) */
    ab_precision prec;
    ab_bench_mode mode;
    size_t n;                /* elements per call (latency: chain length) */
    size_t size;             /* the size asked for (--sizes): n, or the row op's row of it */
    size_t bytes;            /* (n + outputs) * sizeof(T): read + written */
    unsigned arrays;         /* output arrays per call (2: a fused kernel, ab_variant.outputs) */
    double ns_min, ns_median;        /* per element */
    double cycles_min;               /* TSC ticks per element, best sample */
    unsigned reps;
    uint64_t inner;          /* calls (latency: chain passes) per sample */
    ab_isolated_run run;     /* plugin variants: ok, crashed, timed-out, ... */
} ab_bench_row;

typedef struct {
    ab_bench_row *rows;
    size_t n, cap;
    double seconds;
    double tsc_hz;           /* 0 when there is no TSC */
    int cpu;                 /* pinned CPU, -1 when pinning failed */
    size_t skipped_unavailable;
    size_t cur_size;         /* while running: the size being measured */
    char inputs[64];         /* the elementwise rows' inputs column */
} ab_bench_result;

void ab_bench_opts_init(ab_bench_opts *o);
/* Returns 0, or -1 (message on stderr) when memory runs out. */
int ab_bench_run(const ab_bench_opts *o, ab_bench_result *res);
void ab_bench_result_free(ab_bench_result *res);

/* The elementwise inputs of a run: n values of precision p uniform in
 * value over [o->in_lo, o->in_hi] (16-bit formats: rounded to the format),
 * the same for every variant.  Returns 0, -1 on a bad interval. */
int ab_bench_inputs(const ab_bench_opts *o, ab_precision p, size_t n, void *x);
/* The inputs column for [lo, hi]: "core" for [-10, 10], else "LO:HI". */
void ab_bench_inputs_label(double lo, double hi, char *buf, size_t len);

/* TSC ticks per second measured against CLOCK_MONOTONIC over about
 * `seconds`; 0 when the machine has no TSC. */
double ab_tsc_calibrate(double seconds);
/* Median of v[0..n) (sorts v); NAN for n == 0. */
double ab_median(double *v, size_t n);

const char *ab_bench_mode_name(ab_bench_mode m);
/* Header then one line per row; the first 12 columns are fixed.  The
 * last, status, is "ok" or the isolated run's failure ("crashed (SEGV)",
 * "timed-out", "out-of-memory", "exited (0)"), whose timings are empty. */
void ab_bench_write_csv(ab_csv_writer *w, const ab_bench_result *res);
/* The same for the runs res[0..n) (one per --inputs interval): one header,
 * then each run's rows in order. */
void ab_bench_write_csv_runs(ab_csv_writer *w, const ab_bench_result *res, size_t n);
/* Most intervals one `bench --inputs A,B,..` takes. */
#define AB_BENCH_MAX_INPUTS 8
#endif
