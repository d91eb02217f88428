/* rows.c: row generators, the all -inf policy probe and the row-sum
 * error (see rows.h). */
#include "rows.h"
#include "inputs.h"
#include "isolate.h"
#include "registry.h"
#include "sweep.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- generators -------------------------------------------------------- */
enum { G_UNIFORM, G_WIDE, G_MASKED, G_ALL_NEGINF, G_CONSTANT, G_DOMINANT, G_LONG, G_NAN,
       G_HUGE, G_COUNT };
static const char *const gen_names[G_COUNT] = {
    "uniform", "wide", "masked", "all_neginf", "constant", "dominant", "long", "nan", "huge"};
/* Lengths 1, 2 and odd ones, cycled by row index so that every length
 * appears in every sweep of at least 8 rows. */
static const size_t lens[] = {1, 2, 3, 7, 16, 33, 128, 1000};
static const size_t long_lens[] = {4096, 65536};

size_t ab_row_generator_count(void) { return G_COUNT; }
const char *ab_row_generator_name(size_t i) { return i < G_COUNT ? gen_names[i] : NULL; }

int ab_row_generator_index(const char *name) {
    for (int i = 0; i < G_COUNT; i++)
        if (strcmp(gen_names[i], name) == 0) return i;
    return -1;
}

size_t ab_row_generator_rows(const char *gen, size_t samples) {
    size_t rows = samples / 256;
    if (rows < 1) rows = 1;
    if (rows > 256) rows = 256;
    if (ab_row_generator_index(gen) == G_LONG) {
        rows /= 64; /* 4 rows by default: 2 x 4096 and 2 x 65536 entries */
        if (rows < 2) rows = 2;
    }
    return rows;
}

static size_t op_len(const ab_row_op *op, size_t L) {
    return (op->len_mul ? op->len_mul : 1) * L + op->len_add;
}

size_t ab_row_max_len(const ab_row_op *op) { return op_len(op, long_lens[1]); }

static size_t row_length(const ab_row_op *op, int g, size_t index) {
    return op_len(op, g == G_LONG ? long_lens[index % 2] : lens[index % AB_COUNT(lens)]);
}

/* Counter-based: the value of entry j of row `index` is a function of
 * (seed, generator, index, j) only. */
static uint64_t rnd(uint64_t key, uint64_t j) { return ab_mix64(key ^ ab_mix64(j)); }
static double unit(uint64_t r) { return (double)(r >> 11) * 0x1p-53; }
static double fmt(double v, ab_precision p) { return p == AB_F32 ? (double)(float)v : v; }

/* One vector of n entries of generator g under key. */
static void fill(int g, uint64_t key, ab_precision prec, double *x, size_t n) {
    uint64_t extra = (uint64_t)1 << 40; /* draws that are not entries */
    for (size_t j = 0; j < n; j++) {
        uint64_t r = rnd(key, j);
        double v;
        switch (g) {
        case G_WIDE: v = unit(r) * 2e4 - 1e4; break;
        case G_ALL_NEGINF: v = -INFINITY; break;
        case G_CONSTANT: v = unit(rnd(key, extra)) * 20 - 10; break;
        case G_HUGE: {
            /* |x| = 10^e: squares overflow f32 beyond 1.8e19 (f64: 1.3e154),
             * while the norm of a row of up to 1000 entries stays finite. */
            double lo = prec == AB_F32 ? 20 : 155, hi = prec == AB_F32 ? 36 : 300;
            v = pow(10, lo + unit(r) * (hi - lo));
            if (r & 1) v = -v;
            break;
        }
        case G_MASKED:
            v = (r & 3) == 0 ? -INFINITY : unit(r) * 20 - 10;
            break;
        default: v = unit(r) * 20 - 10; break; /* uniform, long, dominant, nan */
        }
        x[j] = fmt(v, prec);
    }
    if (g == G_MASKED) { /* at least one finite entry: all -inf is its own generator */
        size_t fin = 0;
        for (size_t j = 0; j < n; j++) fin += !isinf(x[j]);
        if (!fin) {
            uint64_t r = rnd(key, extra + 1);
            x[r % n] = fmt(unit(r) * 20 - 10, prec);
        }
    }
    if (g == G_DOMINANT && n > 1) { /* one entry 30 above the rest */
        size_t k = rnd(key, extra + 2) % n;
        double m = -INFINITY;
        for (size_t j = 0; j < n; j++)
            if (j != k && x[j] > m) m = x[j];
        x[k] = fmt(m + 30, prec);
    }
    if (g == G_NAN) x[rnd(key, extra + 3) % n] = NAN;
}

int ab_row_generate(const ab_row_op *op, const char *gen, uint64_t seed, size_t index,
                    ab_precision prec, double *x, size_t *np) {
    int g = ab_row_generator_index(gen);
    if (g < 0) return -1;
    size_t n = row_length(op, g, index);
    *np = n;
    uint64_t key = ab_mix64(ab_mix64(seed ^ ab_hash_string(gen)) + index);
    if (op->output != AB_ROW_HALF) {
        fill(g, key, prec, x, n);
        return 0;
    }
    /* A backward pass: x from the generator, then g from the same
     * generator under its own key, with its non-finite entries (masked,
     * all_neginf, nan) replaced by uniform draws: a gradient is finite. */
    size_t L = n / 2;
    uint64_t gkey = ab_mix64(key + 1);
    fill(g, key, prec, x, L);
    fill(g, gkey, prec, x + L, n - L);
    for (size_t j = L; j < n; j++)
        if (!isfinite(x[j])) x[j] = fmt(unit(rnd(gkey, ((uint64_t)1 << 41) + j)) * 20 - 10, prec);
    return 0;
}

size_t ab_row_length(const ab_row_op *op, const char *gen, size_t index) {
    return row_length(op, ab_row_generator_index(gen), index);
}

enum { P_NAN, P_ZEROS, P_UNIFORM, P_NEGINF, P_POSINF, P_FINITE };
static const char *const policy_names[] = {"nan", "zeros", "uniform", "neginf", "posinf",
                                           "finite"};

static int classify(const ab_row_op *op, double y, size_t n) {
    if (isnan(y)) return P_NAN;
    double u = op->row_sum == 1 ? 1.0 / n : op->row_sum == 2 ? -log((double)n) : NAN;
    if (!isnan(u) && fabs(y - u) <= 1e-5 * fmax(fabs(u), 1e-30)) return P_UNIFORM;
    if (y == 0) return P_ZEROS;
    if (isinf(y)) return y < 0 ? P_NEGINF : P_POSINF;
    return P_FINITE;
}

const char *ab_row_neg_inf_policy(const ab_row_op *op, const ab_variant *v) {
    static const size_t L[] = {1, 3, 16};
    int cls = -1;
    for (size_t l = 0; l < AB_COUNT(L); l++) {
        size_t n = op_len(op, L[l]), m = ab_row_out_len(op, n);
        double *x = malloc(n * sizeof *x), *y = malloc(m * sizeof *y);
        if (!x || !y) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
        /* a backward pass: x all -inf, the gradient all 1 */
        size_t nx = op->output == AB_ROW_HALF ? n / 2 : n;
        for (size_t i = 0; i < n; i++) x[i] = i < nx ? -INFINITY : 1;
        if (ab_variant_isolated(v)) {
            size_t in_off[2] = {0, n}, out_off[2] = {0, m};
            ab_isolated_run run;
            ab_run_isolated(v, x, y, 1, in_off, out_off, &run);
            if (run.status != AB_RUN_OK) { free(x); free(y); return "crashed"; }
        } else {
            ab_call_variant(v, x, n, y, m);
        }
        for (size_t i = 0; i < m; i++) {
            int c = classify(op, y[i], n);
            if (cls >= 0 && c != cls) cls = -2;
            if (cls == -1) cls = c;
        }
        free(x);
        free(y);
        if (cls == -2) return "mixed";
    }
    return cls >= 0 ? policy_names[cls] : "mixed";
}

/* |sum - 1| of one softmax-like output row, in long double (64-bit
 * significand: the sum of up to 2^16 terms below 1 loses at most
 * 2^16 * 2^-64 of it, far below any f32/f64 rounding).  A NaN sum counts
 * as an infinite error. */
double ab_row_sum_error(int kind, const double *y, size_t m) {
    long double s = 0;
    for (size_t i = 0; i < m; i++) s += kind == 1 ? (long double)y[i] : expl((long double)y[i]);
    long double e = fabsl(s - 1);
    return isnan(e) ? INFINITY : (double)e;
}

