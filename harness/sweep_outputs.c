/* sweep_outputs.c: error profiles, special values and the histogram bins
 * (see sweep_outputs.h). */
#include "sweep_outputs.h"
#include "inputs.h"
#include "tmpfiles.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- profiles ------------------------------------------------------------------- */
typedef struct {
    const char *dir;
    int created;               /* dir did not exist before */
    ab_output_set *set;        /* the command's outputs */
    const ab_variant **vars;   /* the job's variants so far */
    double **prof;             /* their bucket maxima */
    size_t n, cap;
} profiles;

static void profile_variant(void *ctx, const ab_job_view *j, const ab_variant *v,
                            const double *x, const double *y, const ab_refval *ref, size_t n) {
    profiles *P = ctx;
    if (isnan(j->lo)) return; /* the special set has no ordinal axis */
    if (P->n == P->cap) {
        P->cap = P->cap ? 2 * P->cap : 16;
        P->vars = realloc(P->vars, P->cap * sizeof *P->vars);
        P->prof = realloc(P->prof, P->cap * sizeof *P->prof);
        if (!P->vars || !P->prof) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    }
    double *bucket_max = malloc(AB_PROFILE_BUCKETS * sizeof *bucket_max);
    if (!bucket_max) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    int64_t olo = ab_ordinal(j->lo, j->prec);
    uint64_t size = ab_range_size(j->lo, j->hi, j->prec);
    for (int b = 0; b < AB_PROFILE_BUCKETS; b++) bucket_max[b] = -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t off = (uint64_t)ab_ordinal(x[i], j->prec) - (uint64_t)olo;
        if (off >= size) continue; /* a 16-bit full range's NaN patterns lie beyond +-inf */
        int b = (int)(((unsigned __int128)off * AB_PROFILE_BUCKETS) / size);
        ab_error E = ab_measure(y[i], &ref[i], j->prec);
        double u = isnan(E.ulp) ? INFINITY : E.ulp;
        if (u > bucket_max[b]) bucket_max[b] = u;
    }
    P->vars[P->n] = v;
    P->prof[P->n++] = bucket_max;
}

/* A profile that cannot be written ends the command at once (exit 2, one
 * line, already printed): every temporary goes, so no earlier output
 * changes. */
static _Noreturn void profile_failed(const profiles *P) {
    ab_output_set_abort(P->set);
    ab_tmp_remove_all(); /* the other outputs' temporaries */
    if (P->created) rmdir(P->dir);
    exit(2);
}

static void write_profile(const profiles *P, const ab_job_view *j) {
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s_%s_%s.csv", P->dir, j->op->name,
                         ab_precision_name(j->prec), j->range) >= sizeof path) {
        fprintf(stderr, "actbench: --profile: the path %s/... is too long\n", P->dir);
        profile_failed(P);
    }
    ab_csv_writer w;
    if (ab_csv_open(&w, path) != 0) profile_failed(P);
    ab_csv_field(&w, "bucket");
    ab_csv_field(&w, "ordinal_mid");
    ab_csv_field(&w, "x_lo");
    ab_csv_field(&w, "x_hi");
    for (size_t v = 0; v < P->n; v++) ab_csv_field(&w, P->vars[v]->name);
    ab_csv_end_row(&w);
    int64_t olo = ab_ordinal(j->lo, j->prec);
    uint64_t size = ab_range_size(j->lo, j->hi, j->prec);
    for (int b = 0; b < AB_PROFILE_BUCKETS; b++) {
        uint64_t a = (uint64_t)(((unsigned __int128)size * b) / AB_PROFILE_BUCKETS);
        uint64_t e = (uint64_t)(((unsigned __int128)size * (b + 1)) / AB_PROFILE_BUCKETS);
        if (e == a) continue; /* a range with fewer values than buckets */
        ab_csv_fieldf(&w, "%d", b);
        ab_csv_fieldf(&w, "%.17g", (double)olo + (double)a + (double)(e - a) / 2);
        ab_csv_fieldf(&w, "%a", ab_from_ordinal((int64_t)((uint64_t)olo + a), j->prec));
        ab_csv_fieldf(&w, "%a", ab_from_ordinal((int64_t)((uint64_t)olo + e - 1), j->prec));
        for (size_t v = 0; v < P->n; v++) {
            if (P->prof[v][b] < 0) ab_csv_field(&w, "");
            else ab_csv_fieldf(&w, "%.6g", P->prof[v][b]);
        }
        ab_csv_end_row(&w);
    }
    if (ab_csv_finish(&w, P->set) != 0) profile_failed(P);
}

static void profile_job_end(void *ctx, const ab_job_view *j) {
    profiles *P = ctx;
    if (P->n) write_profile(P, j);
    for (size_t v = 0; v < P->n; v++) free(P->prof[v]);
    P->n = 0;
}

int ab_profiles_begin(ab_sweep_opts *o, const char *dir, ab_output_set *set) {
    int created = mkdir(dir, 0777) == 0;
    if (!created) {
        if (errno != EEXIST) return -1;
        struct stat st;
        if (stat(dir, &st) != 0) return -1;
        if (!S_ISDIR(st.st_mode)) { errno = ENOTDIR; return -1; }
    }
    profiles *P = calloc(1, sizeof *P);
    if (!P || o->n_observers == AB_MAX_OBSERVERS) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    P->dir = dir;
    P->created = created;
    P->set = set;
    o->observers[o->n_observers++] = (ab_sweep_observer){profile_variant, profile_job_end, P};
    return 0;
}

void ab_profiles_end(ab_sweep_opts *o, int committed) {
    for (size_t k = 0; k < o->n_observers; k++)
        if (o->observers[k].variant == profile_variant) {
            profiles *P = o->observers[k].ctx;
            if (!committed && P->created) rmdir(P->dir);
            free(P->vars);
            free(P->prof);
            free(P);
            o->observers[k] = o->observers[--o->n_observers];
            return;
        }
}

/* ---- special values -------------------------------------------------------------- */
static void special_variant(void *ctx, const ab_job_view *j, const ab_variant *v,
                            const double *x, const double *y, const ab_refval *ref, size_t n) {
    ab_csv_writer *w = ctx;
    if (!isnan(j->lo)) return; /* only the special set */
    for (size_t i = 0; i < n; i++) {
        ab_csv_field(w, j->op->name);
        ab_csv_field(w, ab_precision_name(j->prec));
        ab_csv_fieldf(w, "%a", x[i]);
        ab_csv_fieldf(w, "%a", ref[i].cr);
        ab_csv_field(w, v->name);
        ab_csv_fieldf(w, "%a", y[i]);
        ab_csv_field(w, ab_same_result(y[i], ref[i].cr, j->prec) ? "1" : "0");
        ab_csv_end_row(w);
    }
}

void ab_special_values_begin(ab_sweep_opts *o, ab_csv_writer *w) {
    static const char *const h[] = {"activation", "precision", "input", "expected",
                                    "variant", "output", "match"};
    ab_csv_row(w, h, AB_COUNT(h));
    if (o->n_observers == AB_MAX_OBSERVERS) { fprintf(stderr, "actbench: too many observers\n"); exit(3); }
    o->observers[o->n_observers++] = (ab_sweep_observer){special_variant, NULL, w};
}

/* ---- histogram bins --------------------------------------------------------------- */
/* Written from the definition in metrics.h (bin 0: [0, 0.5]; bin k:
 * (2^(k-2), 2^(k-1)]; the last: above 2^(AB_HIST_BINS-3), inf included),
 * not from ab_hist_bin: the test checks the two agree. */
void ab_hist_bins_write(ab_csv_writer *w) {
    static const char *const h[] = {"bin", "lower", "upper", "lower_included", "upper_included"};
    ab_csv_row(w, h, AB_COUNT(h));
    for (int k = 0; k < AB_HIST_BINS; k++) {
        double lo = k == 0 ? 0 : k == 1 ? 0.5 : ldexp(1, k - 2);
        double hi = k == AB_HIST_BINS - 1 ? INFINITY : k == 0 ? 0.5 : ldexp(1, k - 1);
        ab_csv_fieldf(w, "%d", k);
        ab_csv_fieldf(w, "%.17g", lo);
        ab_csv_fieldf(w, "%.17g", hi);
        ab_csv_field(w, k == 0 ? "1" : "0");
        ab_csv_field(w, "1");
        ab_csv_end_row(w);
    }
}

char *ab_hist_bins_path(const char *csv_path) {
    struct stat st;
    if (!strcmp(csv_path, "-") || (stat(csv_path, &st) == 0 && !S_ISREG(st.st_mode))) return NULL;
    size_t n = strlen(csv_path);
    if (n >= 4 && !strcmp(csv_path + n - 4, ".csv")) n -= 4;
    char *p = malloc(n + sizeof ".ulp_bins.csv");
    if (!p) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    memcpy(p, csv_path, n);
    strcpy(p + n, ".ulp_bins.csv");
    return p;
}

int ab_hist_bins_add(const char *csv_path, ab_output_set *set) {
    char *path = ab_hist_bins_path(csv_path);
    if (!path) return 0;
    ab_csv_writer w;
    int rc = ab_csv_open(&w, path);
    free(path);
    if (rc != 0) {
        set->failed = 1;
        return -1;
    }
    ab_hist_bins_write(&w);
    return ab_csv_finish(&w, set);
}
