/* bench.c: see bench.h for the method. */
#include "bench.h"
#include "inputs.h"
#include "registry.h"
#include "rows.h"
#include "../reference/format.h"
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define AB_HAVE_TSC 1
static inline uint64_t ticks(void) { return __rdtsc(); }
#else
#define AB_HAVE_TSC 0
static inline uint64_t ticks(void) { return 0; }
#endif

#define INPUT_CHUNK ((size_t)1 << 20)
#define MIN_SAMPLE_S 20e-6

/* Every sample's checksum ends here, so no call's output is dead. */
static volatile uint64_t ab_bench_sink;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

const char *ab_bench_mode_name(ab_bench_mode m) {
    return m == AB_MODE_LATENCY ? "latency" : "throughput";
}

void ab_bench_opts_init(ab_bench_opts *o) {
    memset(o, 0, sizeof *o);
    o->precision = -1;
    o->reps = AB_BENCH_DEFAULT_REPS;
    o->baseline = 1;
    o->row_ops = 1;
    o->skip_notes = 1;
    o->target_sample_s = 1e-3;
    o->seed = AB_BENCH_DEFAULT_SEED;
    ab_range_bounds(NULL, "core", AB_F64, &o->in_lo, &o->in_hi); /* a standard range */
}

void ab_bench_result_free(ab_bench_result *res) {
    free(res->rows);
    memset(res, 0, sizeof *res);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double ab_median(double *v, size_t n) {
    if (n == 0) return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* A (time, ticks) pair read with the ticks bracketed by two clock reads;
 * retried while the bracket is wide (the thread was preempted or migrated
 * between the reads, which would skew the ratio by a whole time slice). */
static void clock_pair(double *t, uint64_t *c) {
    double best = INFINITY;
    *t = now();
    *c = ticks();
    for (int k = 0; k < 1000; k++) {
        double a = now();
        uint64_t x = ticks();
        double b = now();
        if (b - a < best) { best = b - a; *t = 0.5 * (a + b); *c = x; }
        if (best < 2e-6) break;
    }
}

double ab_tsc_calibrate(double seconds) {
    if (!AB_HAVE_TSC) return 0;
    /* Spin rather than sleep: the thread stays on its (pinned) CPU. */
    double t0, t1;
    uint64_t c0, c1;
    clock_pair(&t0, &c0);
    while (now() - t0 < seconds) continue;
    clock_pair(&t1, &c1);
    return (double)(c1 - c0) / (t1 - t0);
}

/* ---- the memcpy baseline, called like any variant ---------------------- */
__attribute__((noinline)) static void memcpy_f32(const float *x, float *y, size_t n) {
    memcpy(y, x, n * sizeof *x);
}
__attribute__((noinline)) static void memcpy_f64(const double *x, double *y, size_t n) {
    memcpy(y, x, n * sizeof *x);
}
static void memcpy_bf16(const ab_bf16 *x, ab_bf16 *y, size_t n) {
    memcpy(y, x, n * sizeof *x);
}
static void memcpy_f16(const ab_f16 *x, ab_f16 *y, size_t n) {
    memcpy(y, x, n * sizeof *x);
}
/* bf16 in, f32 out: the exact widening, as fast as it goes */
/* A shift per element, vectorised (-O2's cheap cost model would leave the
 * loop scalar, 30x slower than the memory). */
__attribute__((optimize("tree-vectorize", "vect-cost-model=dynamic")))
static void memcpy_bf16_f32(const ab_bf16 *x, float *y, size_t n) {
    const uint16_t *restrict h = (const uint16_t *)x;
    uint32_t *restrict w = (uint32_t *)y;
    for (size_t i = 0; i < n; i++) w[i] = (uint32_t)h[i] << 16;
}
static const ab_variant memcpy_variants[AB_PRECISION_COUNT] = {
    AB_VARIANT("memcpy", AB_LIBRARY, "libc", 0, "memcpy(y, x, n * 4)", memcpy_f32),
    AB_VARIANT("memcpy", AB_LIBRARY, "libc", 0, "memcpy(y, x, n * 8)", memcpy_f64),
    AB_VARIANT("memcpy", AB_LIBRARY, "libc", 0, "memcpy(y, x, n * 2)", memcpy_bf16),
    AB_VARIANT("memcpy", AB_LIBRARY, "libc", 0, "memcpy(y, x, n * 2)", memcpy_f16),
    AB_VARIANT("memcpy", AB_LIBRARY, "libc", 0, "y[i] = bf16 x[i] widened (a copy of 2 bytes to 4)", memcpy_bf16_f32),
};

/* ---- buffers and inputs ------------------------------------------------ */
/* Bytes per input and per output element. */
static size_t in_size(ab_precision p) { return (size_t)ab_fmt(ab_in_prec(p))->width; }
static size_t elem_size(ab_precision p) { return (size_t)ab_fmt(p)->width; }

static void *alloc64(size_t bytes) {
    size_t b = (bytes + 63) / 64 * 64;
    return aligned_alloc(64, b ? b : 64);
}

/* n inputs uniform in value over [in_lo, in_hi] (default the core range),
 * from a counter-based generator.  (Ordinal sampling, right for accuracy,
 * would make most inputs tiny and ~1% subnormal: not a workload anyone
 * runs.)  The values come out in no order, so a branch predictor cannot
 * learn the sign pattern. */
int ab_bench_inputs(const ab_bench_opts *o, ab_precision p, size_t n, void *x) {
    double lo = o->in_lo, hi = o->in_hi;
    if (!(isfinite(lo) && isfinite(hi) && lo < hi)) return -1;
    uint64_t key = ab_mix64(o->seed ^ ab_hash_string("bench"));
    for (size_t i = 0; i < n; i++) {
        double u = (double)(ab_mix64(key + i) >> 11) * 0x1p-53, v = lo + (hi - lo) * u;
        v = v < lo ? lo : v > hi ? hi : v; /* lo + (hi - lo) u can round past hi */
        if (p == AB_F32) ((float *)x)[i] = (float)v;
        else if (p == AB_F64) ((double *)x)[i] = v;
        else ((uint16_t *)x)[i] = (uint16_t)ab_fmt_bits(ab_fmt_round(v, ab_in_prec(p)), ab_in_prec(p));
    }
    return 0;
}

void ab_bench_inputs_label(double lo, double hi, char *buf, size_t len) {
    double clo, chi;
    ab_range_bounds(NULL, "core", AB_F64, &clo, &chi);
    if (lo == clo && hi == chi) snprintf(buf, len, "core");
    else snprintf(buf, len, "%.17g:%.17g", lo, hi);
}

/* ---- measurement -------------------------------------------------------- */
static inline void call(const ab_variant *v, const void *x, void *y, size_t n) {
    switch (v->precision) {
    case AB_F32: ((ab_fn_f32)v->fn)(x, y, n); break;
    case AB_F64: ((ab_fn_f64)v->fn)(x, y, n); break;
    case AB_BF16: ((ab_fn_bf16)v->fn)(x, y, n); break;
    case AB_F16: ((ab_fn_f16)v->fn)(x, y, n); break;
    default: ((ab_fn_bf16_f32)v->fn)(x, y, n); break;
    }
}

/* Fold y into the sink: every element for small n, a strided sample (still
 * from all over the buffer) for large n, so the fold stays cheap. */
static void fold(const void *y, size_t n, ab_precision p) {
    size_t stride = n > INPUT_CHUNK ? 4099 : 1;
    uint64_t h = 0;
    for (size_t i = 0; i < n; i += stride) {
        uint64_t b = 0;
        size_t w = elem_size(p);
        if (w == 4) { uint32_t u; memcpy(&u, (const float *)y + i, 4); b = u; }
        else if (w == 2) { uint16_t u; memcpy(&u, (const uint16_t *)y + i, 2); b = u; }
        else memcpy(&b, (const double *)y + i, 8);
        h = (h ^ b) * 0x100000001b3u;
    }
    ab_bench_sink += h;
}

/* One dependent chain over x[0..len): each call's input depends on the
 * previous call's output through y * 0 (not folded away: y * 0 is -0 or
 * NaN for some y, so IEEE C cannot drop it). */
static void chain(const ab_variant *v, const void *x, size_t len, void *carry) {
    if (ab_is_half(v->precision)) { /* in = x[i] + (y & 0): a data dependency on y */
        const uint16_t *xh = x;
        unsigned char y[4];
        memcpy(y, carry, sizeof y);
        uint16_t zero = 0;
        __asm__("" : "+r"(zero)); /* opaque: the AND stays */
        for (size_t i = 0; i < len; i++) {
            uint16_t y0;
            memcpy(&y0, y, 2);
            uint16_t in = (uint16_t)(xh[i] + (y0 & zero));
            call(v, &in, y, 1);
        }
        memcpy(carry, y, sizeof y);
        return;
    }
    if (v->precision == AB_F32) {
        ab_fn_f32 f = (ab_fn_f32)v->fn;
        const float *xf = x;
        float y = *(float *)carry;
        for (size_t i = 0; i < len; i++) {
            float in = xf[i] + y * 0.0f;
            f(&in, &y, 1);
        }
        *(float *)carry = y;
    } else {
        ab_fn_f64 f = (ab_fn_f64)v->fn;
        const double *xd = x;
        double y = *(double *)carry;
        for (size_t i = 0; i < len; i++) {
            double in = xd[i] + y * 0.0;
            f(&in, &y, 1);
        }
        *(double *)carry = y;
    }
}

/* One unit of work: a batch call over n, or one pass of the chain. */
static void work(const ab_variant *v, ab_bench_mode mode, const void *x, void *y,
                 size_t n, uint64_t count) {
    for (uint64_t k = 0; k < count; k++) {
        if (mode == AB_MODE_THROUGHPUT) call(v, x, y, n);
        else chain(v, x, n, y);
    }
}

/* out_n: how many outputs a call writes (n, 1 for a row op with a scalar
 * output, 1 in latency mode), folded into the sink. */
/* ns: scratch for reps samples, allocated by the caller (an isolated child
 * must not malloc: it may have been forked while another thread held the
 * allocator's lock). */
static void measure(const ab_bench_opts *o, const ab_variant *v, ab_bench_mode mode,
                    const void *x, void *y, size_t n, size_t out_n, ab_bench_row *row,
                    double *ns) {
    unsigned reps = o->reps ? o->reps : 1;
    if (mode == AB_MODE_LATENCY) memset(y, 0, elem_size(v->precision));
    /* Warm-up: caches, TLB, lazy binding (y's pages are already touched);
     * a first call may build a table (the 16-bit `table` variants), so the
     * timed warm-up is the second. */
    work(v, mode, x, y, n, 1);
    double w0 = now();
    work(v, mode, x, y, n, 1);
    double el = now() - w0;
    fold(y, out_n, v->precision);

    /* Calls per sample: double until a probe lasts a tenth of the target,
     * then scale to the target (at least MIN_SAMPLE_S).  A warm-up call
     * that alone lasts the target means one call per sample. */
    double target = o->target_sample_s > MIN_SAMPLE_S ? o->target_sample_s : MIN_SAMPLE_S;
    uint64_t k = 1;
    for (; el < target;) {
        double t0 = now();
        work(v, mode, x, y, n, k);
        el = now() - t0;
        if (el >= target / 10 || k >= ((uint64_t)1 << 40)) {
            /* Once more, keeping the faster: a preempted probe would
             * otherwise make every sample short. */
            double t1 = now();
            work(v, mode, x, y, n, k);
            double el2 = now() - t1;
            if (el2 < el) el = el2;
            break;
        }
        k *= 2;
    }
    double want = ceil(target * (double)k / (el > 0 ? el : 1e-9));
    uint64_t inner = want < 1 ? 1 : want > 1e12 ? (uint64_t)1e12 : (uint64_t)want;

    double best_cycles = INFINITY;
    size_t elems = (size_t)inner * n;
    for (unsigned r = 0; r < reps; r++) {
        double t0 = now();
        uint64_t c0 = ticks();
        work(v, mode, x, y, n, inner);
        uint64_t c1 = ticks();
        double t1 = now();
        fold(y, out_n, v->precision);
        ns[r] = (t1 - t0) * 1e9 / (double)elems;
        double cyc = (double)(c1 - c0) / (double)elems;
        if (cyc < best_cycles) best_cycles = cyc;
    }
    double mn = INFINITY;
    for (unsigned r = 0; r < reps; r++) if (ns[r] < mn) mn = ns[r];
    row->ns_min = mn;
    row->ns_median = ab_median(ns, reps);
    row->cycles_min = AB_HAVE_TSC ? best_cycles : NAN;
    row->reps = reps;
    row->inner = inner;
}

/* What an isolated measurement hands back. */
typedef struct {
    volatile int done;
    ab_bench_row row;
    double ns[];
} isolated_row;

/* measure() in a child; on failure the row keeps its status and NaN
 * timings. */
static void measure_isolated(const ab_bench_opts *o, const ab_variant *v, ab_bench_mode mode,
                             const void *x, void *y, size_t n, size_t out_n, ab_bench_row *row) {
    unsigned reps = o->reps ? o->reps : 1;
    ab_child c;
    if (ab_child_start(&c, sizeof(isolated_row) + reps * sizeof(double), 0)) {
        isolated_row *p = c.payload;
        p->row = *row;
        ab_child_enter_plugin();
        measure(o, v, mode, x, y, n, out_n, &p->row, p->ns);
        p->done = 1;
        _exit(0);
    }
    ab_child_finish(&c, ab_isolation_timeout_s, &row->run, NULL, 0);
    const isolated_row *p = c.payload;
    if (row->run.status == AB_RUN_OK && !p->done) row->run.status = AB_RUN_EXITED; /* exit(0) */
    if (row->run.status == AB_RUN_OK) {
        row->ns_min = p->row.ns_min;
        row->ns_median = p->row.ns_median;
        row->cycles_min = p->row.cycles_min;
        row->reps = p->row.reps;
        row->inner = p->row.inner;
    } else {
        row->ns_min = row->ns_median = row->cycles_min = NAN;
        row->reps = reps;
        row->inner = 0;
    }
    ab_child_release(&c);
}

static ab_bench_row *push_row(ab_bench_result *res) {
    if (res->n == res->cap) {
        size_t c = res->cap ? res->cap * 2 : 64;
        ab_bench_row *r = realloc(res->rows, c * sizeof *r);
        if (!r) return NULL;
        res->rows = r;
        res->cap = c;
    }
    ab_bench_row *r = &res->rows[res->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* out_n: outputs per call (n for elementwise variants and AB_ROW_SAME row
 * ops, 1 for AB_ROW_SCALAR ones); bytes per call = (n + out_n) elements. */
static int bench_one(const ab_bench_opts *o, ab_bench_result *res, const char *act,
                     const ab_variant *v, const char *strategy, ab_bench_mode mode,
                     const void *x, void *y, size_t n, size_t out_n) {
    ab_bench_row *row = push_row(res);
    if (!row) return -1;
    row->activation = act;
    row->inputs = res->inputs;
    row->variant = v->name;
    row->strategy = strategy;
    row->isa = v->isa;
    row->prec = v->precision;
    row->mode = mode;
    row->n = n;
    row->size = res->cur_size ? res->cur_size : n;
    /* a fused kernel (ab_variant.outputs = 2) writes a second array */
    row->arrays = v->outputs > 1 ? v->outputs : 1;
    row->bytes = n * in_size(v->precision) + row->arrays * out_n * elem_size(v->precision);
    size_t outs = mode == AB_MODE_LATENCY ? 1 : out_n;
    if (ab_variant_isolated(v)) {
        measure_isolated(o, v, mode, x, y, n, outs, row);
        if (row->run.status != AB_RUN_OK) {
            char st[64];
            /* Always said, like a sweep's failures: the row alone is easy to miss. */
            fprintf(stderr, "actbench: plugin variant %s/%s/%s %s in bench n=%zu %s\n", act,
                    v->name, ab_precision_name(v->precision),
                    ab_run_status_text(&row->run, st, sizeof st), n, ab_bench_mode_name(mode));
            return 0;
        }
    } else {
        double *ns = malloc((o->reps ? o->reps : 1) * sizeof *ns);
        if (!ns) return -1;
        measure(o, v, mode, x, y, n, outs, row, ns);
        free(ns);
    }
    if (o->progress)
        fprintf(stderr, "actbench: %s/%s %s n=%zu %s: %.4g ns/elem min, %.4g median (%llu x %u)\n",
                act, v->name, ab_precision_name(v->precision), n, ab_bench_mode_name(mode),
                row->ns_min, row->ns_median, (unsigned long long)row->inner, row->reps);
    return 0;
}

/* ---- row operations -------------------------------------------------------
 * A row op is benchmarked on one row per size: its length is the op's row
 * for L = size (the size itself for softmax, log_softmax, logsumexp,
 * pooling, rbf; 5 L + 4 for maxout's [x | w_1..w_4 | b] layout), and the
 * n column is that row length, so ns_per_elem is per row element. */
static size_t row_len(const ab_row_op *op, size_t size) {
    return (op->len_mul ? op->len_mul : 1) * size + op->len_add;
}

/* The row's values: the `uniform` generator's rows 0, 1, 2, ... (seeded
 * with the bench seed) concatenated and cut at n, so every value is a
 * draw of that generator (uniform in [-10, 10]) and the row is replayable
 * from the seed. */
static int make_row_inputs(const ab_row_op *op, ab_precision p, uint64_t seed, size_t n,
                           void *x) {
    double *tmp = malloc(ab_row_max_len(op) * sizeof *tmp);
    if (!tmp) return -1;
    size_t filled = 0;
    for (size_t index = 0; filled < n; index++) {
        size_t len;
        if (ab_row_generate(op, "uniform", seed, index, p, tmp, &len) != 0) { free(tmp); return -1; }
        for (size_t j = 0; j < len && filled < n; j++, filled++) {
            if (p == AB_F32) ((float *)x)[filled] = (float)tmp[j];
            else ((double *)x)[filled] = tmp[j];
        }
    }
    free(tmp);
    return 0;
}

/* Pin to one allowed CPU (the highest-numbered one: CPU 0 usually takes
 * more interrupts).  Returns the CPU or -1; *old gets the previous mask. */
static int pin(cpu_set_t *old, int *have_old) {
    *have_old = sched_getaffinity(0, sizeof *old, old) == 0;
    int cpu = -1;
    if (*have_old)
        for (int c = CPU_SETSIZE - 1; c >= 0 && cpu < 0; c--)
            if (CPU_ISSET(c, old)) cpu = c;
    if (cpu < 0) cpu = sched_getcpu();
    if (cpu < 0) return -1;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) return -1;
    return cpu;
}

int ab_bench_run(const ab_bench_opts *o, ab_bench_result *res) {
    memset(res, 0, sizeof *res);
    ab_bench_inputs_label(o->in_lo, o->in_hi, res->inputs, sizeof res->inputs);
    double start = now();
    static const size_t default_sizes[] = {4096, 262144};
    const size_t *sizes = o->sizes ? o->sizes : default_sizes;
    size_t n_sizes = o->sizes ? o->n_sizes : 2;
    size_t smallest = SIZE_MAX, largest = 0;
    for (size_t s = 0; s < n_sizes; s++) {
        if (sizes[s] < smallest) smallest = sizes[s];
        if (sizes[s] > largest) largest = sizes[s];
    }

    /* Buffers: the largest size, or the longest selected row. */
    size_t buf_len = largest;
    for (size_t i = 0; i < ab_row_op_count(); i++) {
        const ab_row_op *op = ab_row_op_at(i);
        if (!ab_filter_match(&o->activations, op->name)) continue;
        for (size_t s = 0; s < n_sizes; s++)
            if (row_len(op, sizes[s]) > buf_len) buf_len = row_len(op, sizes[s]);
    }

    cpu_set_t old;
    int have_old;
    res->cpu = pin(&old, &have_old);
    if (res->cpu < 0 && o->progress)
        fprintf(stderr, "actbench: note: cannot pin to a CPU; timing may be noisier\n");
    res->tsc_hz = ab_tsc_calibrate(0.05);

    /* Note unavailable variants once each (elementwise, then row ops). */
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *a = ab_op_at(i);
        if (!ab_filter_match(&o->activations, a->name)) continue;
        for (size_t k = 0; k < a->n_variants; k++) {
            const ab_variant *v = &a->variants[k];
            if (!ab_filter_match(&o->variants, v->name)) continue;
            if (o->precision >= 0 && (int)v->precision != o->precision) continue;
            if (o->precisions && !(o->precisions >> v->precision & 1)) continue;
            if (ab_variant_available(v)) continue;
            res->skipped_unavailable++;
            if (o->skip_notes) fprintf(stderr, "actbench: note: skipping %s/%s %s: this CPU has no %s\n",
                    a->name, v->name, ab_precision_name(v->precision), v->isa);
        }
    }

    int rc = 0;
    void *x = NULL, *y = NULL;
    for (int p = 0; p < AB_PRECISION_COUNT && rc == 0; p++) {
        if (o->precision >= 0 && p != o->precision) continue;
        if (o->precisions && !(o->precisions >> p & 1)) continue;
        ab_precision prec = (ab_precision)p;
        size_t es = elem_size(prec) > in_size(prec) ? elem_size(prec) : in_size(prec);
        free(x);
        free(y);
        x = alloc64(buf_len * es);
        y = alloc64(buf_len * es);
        if (!x || !y) {
            fprintf(stderr, "actbench: out of memory for %zu-element %s buffers\n",
                    buf_len, ab_precision_name(prec));
            rc = -1;
            break;
        }
        for (size_t s = 0; s < n_sizes && rc == 0; s++) {
            size_t n = sizes[s];
            res->cur_size = n;
            /* Distinct y, with its pages touched before any timing. */
            if (ab_bench_inputs(o, prec, n, x) != 0) { rc = -1; break; }
            memset(y, 0, n * es);
            int lat = o->latency && n == smallest;
            if (lat) /* a size listed twice gets its latency rows once */
                for (size_t t = 0; t < s; t++) if (sizes[t] == n) lat = 0;
            if (o->baseline) {
                const ab_variant *m = &memcpy_variants[p];
                rc = bench_one(o, res, "memcpy", m, "baseline", AB_MODE_THROUGHPUT, x, y, n, n);
                if (rc == 0 && lat)
                    rc = bench_one(o, res, "memcpy", m, "baseline", AB_MODE_LATENCY, x, y, n, n);
            }
            for (size_t i = 0; i < ab_activation_count() && rc == 0; i++) {
                const ab_activation *a = ab_activation_at(i);
                if (!ab_filter_match(&o->activations, a->name)) continue;
                for (size_t k = 0; k < a->n_variants && rc == 0; k++) {
                    const ab_variant *v = &a->variants[k];
                    if (v->precision != prec || !ab_filter_match(&o->variants, v->name)) continue;
                    if (!ab_variant_available(v)) continue;
                    const char *st = ab_strategy_name(v->strategy);
                    rc = bench_one(o, res, a->name, v, st, AB_MODE_THROUGHPUT, x, y, n, n);
                    if (rc == 0 && lat && v->isa && strcmp(v->isa, "scalar") == 0)
                        rc = bench_one(o, res, a->name, v, st, AB_MODE_LATENCY, x, y, n, n);
                }
            }
            /* Row operations: throughput only (a latency chain of n = 1
             * calls means nothing for a row). */
            for (size_t i = 0; i < ab_row_op_count() && rc == 0 && o->row_ops; i++) {
                const ab_row_op *op = ab_row_op_at(i);
                if (!ab_filter_match(&o->activations, op->name)) continue;
                size_t rn = row_len(op, n), out_n = ab_row_out_len(op, rn);
                int have_inputs = 0;
                for (size_t k = 0; k < op->n_variants && rc == 0; k++) {
                    const ab_variant *v = &op->variants[k];
                    if (v->precision != prec || !ab_filter_match(&o->variants, v->name)) continue;
                    if (!ab_variant_available(v)) continue;
                    if (!have_inputs) {
                        if (make_row_inputs(op, prec, o->seed, rn, x) != 0) { rc = -1; break; }
                        memset(y, 0, rn * es);
                        have_inputs = 1;
                    }
                    rc = bench_one(o, res, op->name, v, ab_strategy_name(v->strategy),
                                   AB_MODE_THROUGHPUT, x, y, rn, out_n);
                    if (rc == 0) res->rows[res->n - 1].inputs = "uniform";
                }
            }
        }
    }
    free(x);
    free(y);
    if (rc != 0 && res->n == 0) fprintf(stderr, "actbench: out of memory\n");
    if (have_old) sched_setaffinity(0, sizeof old, &old);
    res->seconds = now() - start;
    return rc;
}

static void write_row(ab_csv_writer *w, const ab_bench_result *res, const ab_bench_row *r);

void ab_bench_write_csv(ab_csv_writer *w, const ab_bench_result *res) { ab_bench_write_csv_runs(w, res, 1); }

void ab_bench_write_csv_runs(ab_csv_writer *w, const ab_bench_result *runs, size_t nruns) {
    static const char *hdr[] = {
        "activation", "variant", "strategy", "precision", "isa", "n", "size", "bytes", "outputs",
        "ns_per_elem_min", "ns_per_elem_median", "elems_per_s", "gb_per_s",
        "cycles_per_elem", "mode", "reps", "inner", "tsc_hz", "cpu", "inputs", "status"};
    ab_csv_row(w, hdr, sizeof hdr / sizeof *hdr);
    for (size_t k = 0; k < nruns; k++)
        for (size_t i = 0; i < runs[k].n; i++) write_row(w, &runs[k], &runs[k].rows[i]);
}

static void write_row(ab_csv_writer *w, const ab_bench_result *res, const ab_bench_row *r) {
    ab_csv_field(w, r->activation);
    ab_csv_field(w, r->variant);
    ab_csv_field(w, r->strategy);
    ab_csv_field(w, ab_precision_name(r->prec));
    ab_csv_field(w, r->isa ? r->isa : "");
    ab_csv_fieldf(w, "%zu", r->n);
    ab_csv_fieldf(w, "%zu", r->size);
    ab_csv_fieldf(w, "%zu", r->bytes);
    ab_csv_fieldf(w, "%u", r->arrays ? r->arrays : 1);
    int ok = r->run.status == AB_RUN_OK; /* a failed run has no timings */
    if (ok) {
        ab_csv_fieldf(w, "%.6g", r->ns_min);
        ab_csv_fieldf(w, "%.6g", r->ns_median);
        ab_csv_fieldf(w, "%.6g", 1e9 / r->ns_min);
        /* bytes per call / ns per call = bytes per ns = GB/s (10^9 B). */
        ab_csv_fieldf(w, "%.6g", (double)r->bytes / (r->ns_min * (double)r->n));
    } else {
        for (int k = 0; k < 4; k++) ab_csv_field(w, "");
    }
    if (ok && isfinite(r->cycles_min)) ab_csv_fieldf(w, "%.6g", r->cycles_min);
    else ab_csv_field(w, "");
    ab_csv_field(w, ab_bench_mode_name(r->mode));
    ab_csv_fieldf(w, "%u", r->reps);
    if (ok) ab_csv_fieldf(w, "%llu", (unsigned long long)r->inner);
    else ab_csv_field(w, "");
    ab_csv_fieldf(w, "%.0f", res->tsc_hz);
    ab_csv_fieldf(w, "%d", res->cpu);
    ab_csv_field(w, r->inputs);
    char st[64];
    ab_csv_field(w, ab_run_status_text(&r->run, st, sizeof st));
    ab_csv_end_row(w);
}
