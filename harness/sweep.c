/* sweep.c: inputs -> references (once per activation/precision/range) ->
 * every selected variant -> metrics, in fixed chunks so that the result is
 * the same bytes for any thread count. */
#include "sweep.h"
#include "inputs.h"
#include "registry.h"
#include "../reference/reference.h"
#include "isolate.h"
#include "csv_io.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>

#define CHUNK 2048

int ab_filter_match(const ab_filter *f, const char *name) {
    if (f->n == 0) return 1;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->names[i], name) == 0) return 1;
    return 0;
}

static const char *standard_ranges[] = {"special", "core", "tiny", "full"};

size_t ab_range_names(const ab_activation *a, const char **names, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < AB_COUNT(standard_ranges) && n < max; i++)
        names[n++] = standard_ranges[i];
    for (size_t i = 0; i < a->n_ranges && n < max; i++) names[n++] = a->ranges[i].name;
    return n;
}

int ab_range_bounds(const ab_activation *a, const char *range, ab_precision p,
                    double *lo, double *hi) {
    int f32 = p == AB_F32;
    if (strcmp(range, "special") == 0) { *lo = *hi = NAN; return 0; }
    if (strcmp(range, "core") == 0) { *lo = -10; *hi = 10; return 0; }
    if (strcmp(range, "tiny") == 0) { /* |x| < 2^-20 */
        *hi = f32 ? (double)nextafterf(0x1p-20f, 0) : nextafter(0x1p-20, 0);
        *lo = -*hi;
        return 0;
    }
    if (strcmp(range, "full") == 0) {
        *hi = f32 ? FLT_MAX : DBL_MAX;
        *lo = -*hi;
        return 0;
    }
    for (size_t i = 0; i < a->n_ranges; i++)
        if (strcmp(a->ranges[i].name, range) == 0) {
            *lo = f32 ? (float)a->ranges[i].lo32 : a->ranges[i].lo64;
            *hi = f32 ? (float)a->ranges[i].hi32 : a->ranges[i].hi64;
            return 0;
        }
    return -1;
}

void ab_sweep_opts_init(ab_sweep_opts *o) {
    memset(o, 0, sizeof *o);
    o->precision = -1;
    o->samples = AB_DEFAULT_SAMPLES;
    o->seed = AB_DEFAULT_SEED;
}

void ab_call_variant(const ab_variant *v, const double *x, size_t n, double *y, size_t m) {
    if (v->precision == AB_F64) {
        ((ab_fn_f64)v->fn)(x, y, n);
        return;
    }
    if (n == 0) return;
    float *xf = malloc(n * sizeof *xf + 64);
    float *yf = malloc(m * sizeof *yf + 64);
    if (!xf || !yf) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    for (size_t i = 0; i < n; i++) xf[i] = (float)x[i];
    ((ab_fn_f32)v->fn)(xf, yf, n);
    for (size_t i = 0; i < m; i++) y[i] = yf[i];
    free(xf);
    free(yf);
}

void ab_run_variant(const ab_variant *v, const double *x, double *y, size_t n) {
    ab_call_variant(v, x, n, y, n);
}

double ab_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static _Thread_local ab_ref_ctx *thread_ctx;

static ab_ref_ctx *ref_ctx(void) {
    if (!thread_ctx) thread_ctx = ab_ref_ctx_new();
    if (!thread_ctx) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    return thread_ctx;
}

uint64_t ab_hash_outputs(uint64_t h, const double *y, size_t n, ab_precision p) {
    for (size_t i = 0; i < n; i++) {
        unsigned char b[8];
        size_t k;
        if (p == AB_F32) { float f = (float)y[i]; memcpy(b, &f, 4); k = 4; }
        else { memcpy(b, &y[i], 8); k = 8; }
        for (size_t j = 0; j < k; j++) h = (h ^ b[j]) * 0x100000001b3u;
    }
    return h;
}

static ab_row *push_row(ab_sweep_result *res) {
    if (res->n == res->cap) {
        res->cap = res->cap ? res->cap * 2 : 64;
        res->rows = realloc(res->rows, res->cap * sizeof *res->rows);
        if (!res->rows) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    }
    return &res->rows[res->n++];
}

typedef struct {
    const ab_activation *act;
    ab_precision prec;
    const char *range;
} job;

/* Per-bucket max ULP of one variant; a NaN mismatch counts as inf, so it
 * shows at the top of the plot. */
static void profile_variant(const double *x, const double *y, const ab_refval *ref, size_t n,
                            double lo, double hi, ab_precision p, double *bucket_max) {
    int64_t olo = ab_ordinal(lo, p);
    uint64_t size = ab_range_size(lo, hi, p);
    for (int b = 0; b < AB_PROFILE_BUCKETS; b++) bucket_max[b] = -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t off = (uint64_t)ab_ordinal(x[i], p) - (uint64_t)olo;
        int b = (int)(((unsigned __int128)off * AB_PROFILE_BUCKETS) / size);
        ab_error E = ab_measure(y[i], &ref[i], p);
        double u = isnan(E.ulp) ? INFINITY : E.ulp;
        if (u > bucket_max[b]) bucket_max[b] = u;
    }
}

static void write_profile(const char *dir, const job *jb, double lo, double hi,
                          const ab_variant **vars, double *const *prof, size_t nv) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s_%s_%s.csv", dir, jb->act->name,
             ab_precision_name(jb->prec), jb->range);
    ab_csv_writer w;
    if (ab_csv_open(&w, path) != 0) return;
    ab_csv_field(&w, "bucket");
    ab_csv_field(&w, "ordinal_mid");
    ab_csv_field(&w, "x_lo");
    ab_csv_field(&w, "x_hi");
    for (size_t v = 0; v < nv; v++) ab_csv_field(&w, vars[v]->name);
    ab_csv_end_row(&w);
    int64_t olo = ab_ordinal(lo, jb->prec);
    uint64_t size = ab_range_size(lo, hi, jb->prec);
    for (int b = 0; b < AB_PROFILE_BUCKETS; b++) {
        uint64_t a = (uint64_t)(((unsigned __int128)size * b) / AB_PROFILE_BUCKETS);
        uint64_t e = (uint64_t)(((unsigned __int128)size * (b + 1)) / AB_PROFILE_BUCKETS);
        if (e == a) continue; /* a range with fewer values than buckets */
        ab_csv_fieldf(&w, "%d", b);
        ab_csv_fieldf(&w, "%.17g", (double)olo + (double)a + (double)(e - a) / 2);
        ab_csv_fieldf(&w, "%a", ab_from_ordinal((int64_t)((uint64_t)olo + a), jb->prec));
        ab_csv_fieldf(&w, "%a", ab_from_ordinal((int64_t)((uint64_t)olo + e - 1), jb->prec));
        for (size_t v = 0; v < nv; v++) {
            if (prof[v][b] < 0) ab_csv_field(&w, "");
            else ab_csv_fieldf(&w, "%.6g", prof[v][b]);
        }
        ab_csv_end_row(&w);
    }
    ab_csv_commit(&w);
}

static void write_special_values(ab_csv_writer *w, const job *jb, const ab_variant *var,
                                 const double *x, const double *y, const ab_refval *ref,
                                 size_t n) {
    for (size_t i = 0; i < n; i++) {
        ab_csv_field(w, jb->act->name);
        ab_csv_field(w, ab_precision_name(jb->prec));
        ab_csv_fieldf(w, "%a", x[i]);
        ab_csv_fieldf(w, "%a", ref[i].cr);
        ab_csv_field(w, var->name);
        ab_csv_fieldf(w, "%a", y[i]);
        ab_csv_field(w, ab_same_result(y[i], ref[i].cr, jb->prec) ? "1" : "0");
        ab_csv_end_row(w);
    }
}

void ab_write_special_values_header(ab_csv_writer *w) {
    const char *h[] = {"activation", "precision", "input", "expected", "variant", "output", "match"};
    ab_csv_row(w, h, AB_COUNT(h));
}

/* One (activation, precision, range): all of its variants. */
static void sweep_job(const ab_sweep_opts *o, const job *jb, double *x, double *y,
                      ab_refval *ref, ab_acc *chunk_acc, ab_sweep_result *res) {
    const ab_activation *a = jb->act;
    double lo, hi;
    ab_range_bounds(a, jb->range, jb->prec, &lo, &hi);
    size_t n;
    int exhaustive;
    if (isnan(lo)) {
        n = ab_special_inputs(a, jb->prec, x);
        exhaustive = 1;
    } else {
        uint64_t stream = ab_hash_string(a->name) ^ ab_mix64(ab_hash_string(jb->range) + jb->prec);
        n = ab_range_inputs(lo, hi, jb->prec, o->seed, stream, o->samples, x, &exhaustive);
    }
    int have_variant = 0;
    for (size_t v = 0; v < a->n_variants; v++) {
        const ab_variant *var = &a->variants[v];
        if (var->precision == jb->prec && ab_filter_match(&o->variants, var->name) &&
            ab_variant_available(var))
            have_variant = 1;
    }
    if (!have_variant) return;

    uint64_t caps = 0;
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : caps)
    for (size_t c = 0; c < n; c += CHUNK) {
        ab_ref_ctx *ctx = ref_ctx();
        size_t end = c + CHUNK < n ? c + CHUNK : n;
        for (size_t i = c; i < end; i++) {
            ab_reference_eval(ctx, a->reference, jb->prec, x[i], &ref[i]);
            caps += ref[i].cap_hit;
        }
    }
    res->reference_evals += n;
    res->cap_hits += caps;

    size_t nchunks = (n + CHUNK - 1) / CHUNK;
    int profiling = o->profile_dir && !isnan(lo);
    const ab_variant **pvars = profiling ? calloc(a->n_variants, sizeof *pvars) : NULL;
    double **prof = profiling ? calloc(a->n_variants, sizeof *prof) : NULL;
    size_t nprof = 0;
    for (size_t v = 0; v < a->n_variants; v++) {
        const ab_variant *var = &a->variants[v];
        if (var->precision != jb->prec || !ab_filter_match(&o->variants, var->name)) continue;
        if (!ab_variant_available(var)) {
            res->skipped_unavailable++;
            continue;
        }
        ab_isolated_run run = {AB_RUN_OK, 0, n};
        if (ab_variant_isolated(var)) {
            ab_run_isolated(var, x, y, n, &run);
            if (run.status != AB_RUN_OK) {
                char st[64];
                fprintf(stderr, "actbench: plugin variant %s/%s/%s %s on range %s at input %a "
                                "(%zu of %zu inputs done)\n",
                        a->name, var->name, ab_precision_name(jb->prec),
                        ab_run_status_text(&run, st, sizeof st), jb->range, x[run.completed],
                        run.completed, n);
            }
        } else {
            ab_run_variant(var, x, y, n);
        }
        size_t done = run.completed;
        res->variant_evals += done;
#pragma omp parallel for schedule(static)
        for (size_t c = 0; c < nchunks; c++) {
            ab_acc_init(&chunk_acc[c]);
            size_t end = (c + 1) * CHUNK < done ? (c + 1) * CHUNK : done;
            for (size_t i = c * CHUNK; i < end; i++)
                ab_acc_add(&chunk_acc[c], i, x[i], y[i], &ref[i], jb->prec);
        }
        ab_row *row = push_row(res);
        row->act = a;
        row->var = var;
        row->prec = jb->prec;
        row->range = jb->range;
        row->lo = lo;
        row->hi = hi;
        row->exhaustive = exhaustive;
        row->cap_hits = caps;
        row->output_hash = ab_hash_outputs(AB_FNV_OFFSET, y, done, jb->prec);
        row->run = run;
        row->last_input = run.status == AB_RUN_OK ? NAN : x[run.completed];
        ab_acc_init(&row->acc);
        for (size_t c = 0; c < nchunks; c++) ab_acc_merge(&row->acc, &chunk_acc[c]);
        if (profiling) {
            prof[nprof] = malloc(AB_PROFILE_BUCKETS * sizeof **prof);
            profile_variant(x, y, ref, done, lo, hi, jb->prec, prof[nprof]);
            pvars[nprof++] = var;
        }
        if (o->special_values && isnan(lo))
            write_special_values(o->special_values, jb, var, x, y, ref, done);
    }
    if (profiling) {
        if (nprof) write_profile(o->profile_dir, jb, lo, hi, pvars, prof, nprof);
        for (size_t v = 0; v < nprof; v++) free(prof[v]);
        free(prof);
        free(pvars);
    }
}

int ab_sweep_run(const ab_sweep_opts *o, ab_sweep_result *res) {
    memset(res, 0, sizeof *res);
    if (o->threads > 0) omp_set_num_threads(o->threads);
    if (!mpfr_buildopt_tls_p() && (o->threads != 1)) omp_set_num_threads(1);

    job *jobs = NULL;
    size_t njobs = 0, capjobs = 0;
    for (size_t i = 0; i < ab_activation_count(); i++) {
        const ab_activation *a = ab_activation_at(i);
        if (!ab_filter_match(&o->activations, a->name)) continue;
        const char *names[64];
        size_t nr = ab_range_names(a, names, 64);
        for (int p = AB_F32; p <= AB_F64; p++) {
            if (o->precision >= 0 && o->precision != p) continue;
            for (size_t r = 0; r < nr; r++) {
                if (!ab_filter_match(&o->ranges, names[r])) continue;
                if (njobs == capjobs) {
                    capjobs = capjobs ? capjobs * 2 : 64;
                    jobs = realloc(jobs, capjobs * sizeof *jobs);
                    if (!jobs) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
                }
                jobs[njobs++] = (job){a, (ab_precision)p, names[r]};
            }
        }
    }

    size_t cap = o->samples > AB_SPECIAL_MAX ? o->samples : AB_SPECIAL_MAX;
    double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
    ab_refval *ref = malloc(cap * sizeof *ref);
    ab_acc *chunk_acc = malloc(((cap + CHUNK - 1) / CHUNK) * sizeof *chunk_acc);
    if (!x || !y || !ref || !chunk_acc) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }

    double t0 = ab_now(), last = t0;
    for (size_t j = 0; j < njobs; j++) {
        sweep_job(o, &jobs[j], x, y, ref, chunk_acc, res);
        double t = ab_now();
        if (o->progress && t - last >= 2.0) {
            fprintf(stderr, "actbench: sweep %zu/%zu jobs, %s %s %s done (%.1f s)\n", j + 1,
                    njobs, jobs[j].act->name, ab_precision_name(jobs[j].prec), jobs[j].range,
                    t - t0);
            last = t;
        }
    }
    res->seconds = ab_now() - t0;
    free(x);
    free(y);
    free(ref);
    free(chunk_acc);
    free(jobs);
    return 0;
}

void ab_sweep_result_free(ab_sweep_result *res) {
    free(res->rows);
    memset(res, 0, sizeof *res);
}

void ab_sweep_print_summary(const ab_sweep_result *res) {
    double s = res->seconds > 0 ? res->seconds : 1e-9;
    fprintf(stderr,
            "actbench: %zu rows in %.2f s: %llu variant evaluations (%.3g inputs/s), "
            "%llu reference evaluations (%.3g/s), %llu hit the %d-bit cap%s\n",
            res->n, res->seconds, (unsigned long long)res->variant_evals, res->variant_evals / s,
            (unsigned long long)res->reference_evals, res->reference_evals / s,
            (unsigned long long)res->cap_hits, AB_REF_MAX_PREC,
            res->skipped_unavailable ? "; variants this CPU cannot run were skipped" : "");
}
