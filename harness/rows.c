/* rows.c: the row-operation registry, row generators and the row sweep
 * (see rows.h).  Rows -> references (once per op/precision/generator) ->
 * every selected variant -> per-element metrics, one row per task and
 * merged in row order, so the result is the same for any thread count. */
#include "rows.h"
#include "inputs.h"
#include "registry.h"
#include "../reference/rows.h"
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>

/* ---- registry ---------------------------------------------------------- */
typedef struct {
    const ab_row_op *op;
    ab_activation shadow; /* what the CSV writer reads: name, variants */
} row_entry;

static row_entry **row_entries;
static size_t n_row_entries;

int ab_register_row_op(const ab_row_op *op) {
    if (!op || !op->name || !*op->name || !op->reference) {
        fprintf(stderr, "actbench: row operation %s has no MPFR reference\n",
                op && op->name ? op->name : "(unnamed)");
        return -1;
    }
    for (size_t i = 0; i < n_row_entries; i++)
        if (strcmp(row_entries[i]->op->name, op->name) == 0) {
            fprintf(stderr, "actbench: duplicate row operation %s\n", op->name);
            return -1;
        }
    row_entry **t = realloc(row_entries, (n_row_entries + 1) * sizeof *t);
    row_entry *e = calloc(1, sizeof *e);
    if (!t || !e) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    row_entries = t;
    e->op = op;
    e->shadow.name = op->name;
    e->shadow.description = op->description;
    e->shadow.variants = op->variants;
    e->shadow.n_variants = op->n_variants;
    /* Keep name order (insertion sort): constructors run in link order. */
    size_t i = n_row_entries++;
    while (i > 0 && strcmp(row_entries[i - 1]->op->name, op->name) > 0) {
        row_entries[i] = row_entries[i - 1];
        i--;
    }
    row_entries[i] = e;
    return 0;
}

size_t ab_row_op_count(void) { return n_row_entries; }
const ab_row_op *ab_row_op_at(size_t i) { return i < n_row_entries ? row_entries[i]->op : NULL; }

const ab_row_op *ab_find_row_op(const char *name) {
    for (size_t i = 0; i < n_row_entries; i++)
        if (strcmp(row_entries[i]->op->name, name) == 0) return row_entries[i]->op;
    return NULL;
}

const ab_activation *ab_row_op_activation(const ab_row_op *op) {
    for (size_t i = 0; i < n_row_entries; i++)
        if (row_entries[i]->op == op) return &row_entries[i]->shadow;
    return NULL;
}

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

int ab_row_generate(const ab_row_op *op, const char *gen, uint64_t seed, size_t index,
                    ab_precision prec, double *x, size_t *np) {
    int g = ab_row_generator_index(gen);
    if (g < 0) return -1;
    size_t n = row_length(op, g, index);
    *np = n;
    uint64_t key = ab_mix64(ab_mix64(seed ^ ab_hash_string(gen)) + index);
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
    return 0;
}

/* ---- running a variant --------------------------------------------------- */
void ab_run_row_variant(const ab_row_op *op, const ab_variant *v, const double *x, size_t n,
                        double *y) {
    ab_call_variant(v, x, n, y, ab_row_out_len(op, n));
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
        for (size_t i = 0; i < n; i++) x[i] = -INFINITY;
        ab_run_row_variant(op, v, x, n, y);
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

/* ---- the sweep ------------------------------------------------------------ */
static _Thread_local ab_row_ref_ctx *thread_ctx;

static ab_row_ref_ctx *ref_ctx(void) {
    if (!thread_ctx) thread_ctx = ab_row_ref_ctx_new();
    if (!thread_ctx) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    return thread_ctx;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    return p;
}

static ab_rows_row *push(ab_rows_result *res) {
    if (res->n == res->cap) {
        res->cap = res->cap ? res->cap * 2 : 64;
        res->rows = realloc(res->rows, res->cap * sizeof *res->rows);
        if (!res->rows) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    }
    ab_rows_row *r = &res->rows[res->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* |sum - 1| of one softmax-like output row, in long double (64-bit
 * significand: the sum of up to 2^16 terms below 1 loses at most
 * 2^16 * 2^-64 of it, far below any f32/f64 rounding).  A NaN sum counts
 * as an infinite error. */
static double row_sum_error(int kind, const double *y, size_t m) {
    long double s = 0;
    for (size_t i = 0; i < m; i++) s += kind == 1 ? (long double)y[i] : expl((long double)y[i]);
    long double e = fabsl(s - 1);
    return isnan(e) ? INFINITY : (double)e;
}

typedef struct {
    const ab_row_op *op;
    ab_precision prec;
    const char *gen;
} rjob;

static void rows_job(const ab_sweep_opts *o, const rjob *jb, ab_rows_result *res) {
    const ab_row_op *op = jb->op;
    int have = 0;
    for (size_t v = 0; v < op->n_variants; v++) {
        const ab_variant *var = &op->variants[v];
        if (var->precision == jb->prec && ab_filter_match(&o->variants, var->name) &&
            ab_variant_available(var))
            have = 1;
    }
    if (!have) return;
    int g = ab_row_generator_index(jb->gen);
    size_t nrows = ab_row_generator_rows(jb->gen, o->samples);
    size_t *in_off = xmalloc((nrows + 1) * sizeof *in_off);
    size_t *out_off = xmalloc((nrows + 1) * sizeof *out_off);
    in_off[0] = out_off[0] = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t n = row_length(op, g, r);
        in_off[r + 1] = in_off[r] + n;
        out_off[r + 1] = out_off[r] + ab_row_out_len(op, n);
    }
    size_t nin = in_off[nrows], nout = out_off[nrows];
    double *x = xmalloc(nin * sizeof *x), *y = xmalloc(nout * sizeof *y);
    ab_refval *ref = xmalloc(nout * sizeof *ref);
    ab_acc *acc = xmalloc(nrows * sizeof *acc);
    double *rse = xmalloc(nrows * sizeof *rse);

#pragma omp parallel for schedule(static)
    for (size_t r = 0; r < nrows; r++) {
        size_t n;
        ab_row_generate(op, jb->gen, o->seed, r, jb->prec, x + in_off[r], &n);
    }
    uint64_t caps = 0;
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : caps)
    for (size_t r = 0; r < nrows; r++)
        caps += ab_row_reference_eval(ref_ctx(), op, jb->prec, x + in_off[r],
                                      in_off[r + 1] - in_off[r], ref + out_off[r]);
    res->reference_evals += nout;
    res->cap_hits += caps;

    for (size_t v = 0; v < op->n_variants; v++) {
        const ab_variant *var = &op->variants[v];
        if (var->precision != jb->prec || !ab_filter_match(&o->variants, var->name) ||
            !ab_variant_available(var))
            continue;
#pragma omp parallel for schedule(dynamic, 1)
        for (size_t r = 0; r < nrows; r++) {
            size_t n = in_off[r + 1] - in_off[r], m = out_off[r + 1] - out_off[r];
            const double *xr = x + in_off[r];
            double *yr = y + out_off[r];
            const ab_refval *rr = ref + out_off[r];
            ab_run_row_variant(op, var, xr, n, yr);
            ab_acc_init(&acc[r]);
            int ref_nan = 0;
            for (size_t i = 0; i < m; i++) {
                ab_acc_add(&acc[r], out_off[r] + i, op->output == AB_ROW_SAME ? xr[i] : NAN,
                           yr[i], &rr[i], jb->prec);
                ref_nan |= rr[i].kind == AB_V_NAN;
            }
            rse[r] = op->row_sum && !ref_nan ? row_sum_error(op->row_sum, yr, m) : NAN;
        }
        res->variant_evals += nrows;
        ab_rows_row *row = push(res);
        ab_row *b = &row->base;
        b->act = ab_row_op_activation(op);
        b->var = var;
        b->prec = jb->prec;
        b->range = jb->gen;
        b->lo = b->hi = NAN;
        b->exhaustive = 0;
        b->cap_hits = caps;
        b->output_hash = ab_hash_outputs(AB_FNV_OFFSET, y, nout, jb->prec);
        b->run = (ab_isolated_run){AB_RUN_OK, 0, nout};
        b->last_input = NAN;
        ab_acc_init(&b->acc);
        row->row_sum_error = NAN;
        for (size_t r = 0; r < nrows; r++) {
            ab_acc_merge(&b->acc, &acc[r]);
            if (!isnan(rse[r]) && !(rse[r] <= row->row_sum_error)) row->row_sum_error = rse[r];
        }
        if (b->acc.has_worst) {
            size_t lo = 0, hi = nrows; /* the row r with out_off[r] <= idx < out_off[r+1] */
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (out_off[mid] <= b->acc.worst_index) lo = mid;
                else hi = mid;
            }
            snprintf(row->worst_row, sizeof row->worst_row, "%s:%" PRIu64 ":%zu", jb->gen,
                     o->seed, lo);
            row->worst_element = b->acc.worst_index - out_off[lo];
        }
        row->neg_inf_row_policy = ab_row_neg_inf_policy(op, var);
        row->scalar = op->output == AB_ROW_SCALAR;
    }
    free(in_off); free(out_off); free(x); free(y); free(ref); free(acc); free(rse);
}

int ab_rows_sweep(const ab_sweep_opts *o, ab_rows_result *res) {
    memset(res, 0, sizeof *res);
    if (o->threads > 0) omp_set_num_threads(o->threads);
    if (!mpfr_buildopt_tls_p() && (o->threads != 1)) omp_set_num_threads(1);
    double t0 = ab_now(), last = t0;
    size_t njobs = 0, done = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ab_row_op_count(); i++) {
            const ab_row_op *op = ab_row_op_at(i);
            if (!ab_filter_match(&o->activations, op->name)) continue;
            for (int p = AB_F32; p <= AB_F64; p++) {
                if (o->precision >= 0 && o->precision != p) continue;
                for (size_t gi = 0; gi < G_COUNT; gi++) {
                    if (!ab_filter_match(&o->ranges, gen_names[gi])) continue;
                    if (pass == 0) { njobs++; continue; }
                    rjob jb = {op, (ab_precision)p, gen_names[gi]};
                    rows_job(o, &jb, res);
                    done++;
                    double t = ab_now();
                    if (o->progress && t - last >= 2.0) {
                        fprintf(stderr, "actbench: row sweep %zu/%zu jobs, %s %s %s done (%.1f s)\n",
                                done, njobs, op->name, ab_precision_name(jb.prec), jb.gen, t - t0);
                        last = t;
                    }
                }
            }
        }
    }
    res->seconds = ab_now() - t0;
    return 0;
}

void ab_rows_result_free(ab_rows_result *res) {
    free(res->rows);
    memset(res, 0, sizeof *res);
}

void ab_rows_print_summary(const ab_rows_result *res) {
    double s = res->seconds > 0 ? res->seconds : 1e-9;
    fprintf(stderr,
            "actbench: %zu row-op rows in %.2f s: %llu variant row evaluations, %llu reference "
            "outputs (%.3g/s), %llu hit the %d-bit cap\n",
            res->n, res->seconds, (unsigned long long)res->variant_evals,
            (unsigned long long)res->reference_evals, res->reference_evals / s,
            (unsigned long long)res->cap_hits, AB_REF_MAX_PREC);
}

/* ---- CSV ------------------------------------------------------------------ */
const char *const ab_rows_extra_columns[AB_ROWS_EXTRA_COLUMNS] = {
    "row_sum_error", "worst_row", "worst_element", "neg_inf_row_policy"};

void ab_rows_write_extra(ab_csv_writer *w, const ab_rows_row *r) {
    if (!r) {
        for (int i = 0; i < AB_ROWS_EXTRA_COLUMNS; i++) ab_csv_field(w, "");
        return;
    }
    if (isnan(r->row_sum_error)) ab_csv_field(w, "");
    else ab_csv_fieldf(w, "%.6g", r->row_sum_error);
    ab_csv_field(w, r->worst_row);
    if (r->worst_row[0]) ab_csv_fieldf(w, "%zu", r->worst_element);
    else ab_csv_field(w, "");
    ab_csv_field(w, r->neg_inf_row_policy ? r->neg_inf_row_policy : "");
}

int ab_catalog_at(size_t i, ab_catalog_entry *e) {
    size_t n_act = ab_activation_count();
    if (i < n_act) {
        const ab_activation *a = ab_activation_at(i);
        *e = (ab_catalog_entry){a->name, a->variants, a->n_variants};
        return 1;
    }
    if (i - n_act < ab_row_op_count()) {
        const ab_row_op *op = ab_row_op_at(i - n_act);
        *e = (ab_catalog_entry){op->name, op->variants, op->n_variants};
        return 1;
    }
    return 0;
}
