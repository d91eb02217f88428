/* recommend.c: see recommend.h. */
#include "recommend.h"
#include "names.h"
#include "registry.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cell(const ab_csv_table *t, size_t r, int c) {
    return c >= 0 && (size_t)c < t->ncols[r] ? t->cells[r][c] : "";
}

/* A time in ns: finite and >= 0 (1e999 is not inf); NAN otherwise. */
static double time_or_nan(const char *s) {
    if (!(*s >= '0' && *s <= '9') && *s != '.') return NAN;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    return *end || errno == ERANGE || !isfinite(v) ? NAN : v;
}

static void onset_min(double *cur, double x) {
    if (isnan(x)) return;
    if (isnan(*cur) || fabs(x) < fabs(*cur)) *cur = x;
}

/* "n0;n1;...": returns the number of bins parsed, or -1 when malformed. */
static int parse_hist(const char *s, uint64_t *h) {
    int k = 0;
    while (*s && k < AB_SUMMARY_HIST_BINS) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (end == s || errno) return -1;
        h[k++] = v;
        if (*end == ';') s = end + 1;
        else if (!*end) s = end;
        else return -1;
    }
    return *s ? -1 : k;
}

static ab_vsummary *find_or_add(ab_summary *s, const ab_result_row *r, size_t *cap) {
    for (size_t i = s->n; i-- > 0;)
        if (!strcmp(s->v[i].activation, r->activation) && !strcmp(s->v[i].precision, r->precision) &&
            !strcmp(s->v[i].variant, r->variant))
            return &s->v[i];
    if (s->n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        ab_vsummary *nv = realloc(s->v, *cap * sizeof *nv);
        if (!nv) return NULL;
        s->v = nv;
    }
    ab_vsummary *v = &s->v[s->n++];
    memset(v, 0, sizeof *v);
    v->activation = r->activation;
    v->precision = r->precision;
    v->variant = r->variant;
    v->strategy = r->strategy;
    v->library = r->library ? r->library : "";
    v->isa = "";
    v->declared = r->declared_max_ulp;
    v->max_ulp = 0;
    v->max_ulp_full = v->max_ulp_core = v->mean_ulp_full = v->cr_full = NAN;
    v->within_bound = 1;
    v->status_ok = 1;
    v->overflow_onset = v->nan_onset = NAN;
    v->ns_l1 = v->ns_l1_median = NAN;
    ab_verdict_init(&v->verdict);
    return v;
}

static int load_throughput(ab_summary *s, const char *path, char *err, size_t errlen) {
    FILE *probe = fopen(path, "r");
    if (!probe) return 0; /* no measurements: reported as such */
    fclose(probe);
    if (ab_csv_read(path, &s->tp, err, errlen) != 0) return -1;
    s->have_tp = 1;
    ab_csv_table *t = &s->tp;
    if (t->nrows == 0) {
        snprintf(err, errlen, "%s:1: empty file (expected a throughput CSV header)", path);
        return -1;
    }
    const char *need[] = {"activation", "variant", "precision", "n", "ns_per_elem_min"};
    int c[5];
    for (int k = 0; k < 5; k++) {
        c[k] = ab_csv_column(t, need[k]);
        if (c[k] < 0) {
            snprintf(err, errlen, "%s:1: missing column '%s'", path, need[k]);
            return -1;
        }
    }
    int cmed = ab_csv_column(t, "ns_per_elem_median"), cmode = ab_csv_column(t, "mode"),
        cstrat = ab_csv_column(t, "strategy"), cstatus = ab_csv_column(t, "status"),
        csize = ab_csv_column(t, "size"), cinputs = ab_csv_column(t, "inputs");
    s->t = calloc(t->nrows, sizeof *s->t);
    if (!s->t) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    for (size_t r = 1; r < t->nrows; r++) {
        if (t->ncols[r] == 1 && !*t->cells[r][0]) continue; /* blank line */
        if (t->ncols[r] != t->ncols[0]) {
            snprintf(err, errlen, "%s:%zu: %zu fields, the header has %zu", path, t->line[r],
                     t->ncols[r], t->ncols[0]);
            return -1;
        }
        /* A plugin variant that crashed or hung in bench has no timings. */
        if (*cell(t, r, cstatus) && strcmp(cell(t, r, cstatus), "ok")) continue;
        /* Speeds are ranked on the core inputs (bench --inputs rows are
         * other workloads; files from before the column have none). */
        const char *in = cell(t, r, cinputs);
        if (*in && strcmp(in, "core") && strcmp(in, "uniform")) continue;
        ab_tprow *p = &s->t[s->nt];
        p->activation = cell(t, r, c[0]);
        p->variant = cell(t, r, c[1]);
        p->precision = cell(t, r, c[2]);
        p->strategy = cell(t, r, cstrat);
        const char *ns = cell(t, r, c[4]), *med = cell(t, r, cmed), *ncell = cell(t, r, c[3]);
        char *end;
        errno = 0;
        unsigned long long n = strtoull(ncell, &end, 10);
        int nbad = !(ncell[0] >= '0' && ncell[0] <= '9') || *end || errno || n == 0;
        p->ns_min = time_or_nan(ns);
        p->ns_median = *med ? time_or_nan(med) : NAN;
        const char *bad = !ab_name_ok(p->activation) ? "activation" : !ab_name_ok(p->variant) ? "variant"
                        : !ab_precision_known(p->precision) ? "precision"
                        : nbad ? "n" : isnan(p->ns_min) ? "ns_per_elem_min"
                        : *med && isnan(p->ns_median) ? "ns_per_elem_median" : NULL;
        if (bad) {
            char q[256];
            int k = ab_csv_column(t, bad);
            snprintf(err, errlen, "%s:%zu: column '%s': '%s'%s", path, t->line[r], bad,
                     ab_msg_quote(cell(t, r, k), q, sizeof q),
                     bad[0] == 'a' || bad[0] == 'v' ? " is not a valid name (" AB_NAME_RULE ")"
                     : bad[0] == 'n' && bad[1] == 's' ? " is not valid (a finite number of ns, >= 0)"
                     : " is not valid");
            return -1;
        }
        p->n = (size_t)n;
        /* The size asked for: a row operation's call covers a row made of
         * it (maxout at 4096: 5*4096+4 elements).  Older CSVs have no
         * column: n. */
        const char *sz = cell(t, r, csize);
        p->size = *sz ? (size_t)strtoull(sz, NULL, 10) : p->n;
        p->latency = !strcmp(cell(t, r, cmode), "latency");
        s->nt++;
    }
    for (size_t i = 0; i < s->n; i++) {
        ab_vsummary *v = &s->v[i];
        for (size_t k = 0; k < s->nt; k++) {
            const ab_tprow *p = &s->t[k];
            if (p->latency || p->size != AB_L1_SIZE || strcmp(p->activation, v->activation) ||
                strcmp(p->variant, v->variant) || strcmp(p->precision, v->precision))
                continue;
            if (isnan(v->ns_l1) || p->ns_min < v->ns_l1) {
                v->ns_l1 = p->ns_min;
                v->ns_l1_median = p->ns_median;
                v->n_l1 = p->n;
            }
        }
    }
    return 0;
}

/* Adds one range row to its variant's summary; -1 on a malformed row.
 * props: the row whose property columns count (an exhaustive row swept
 * before those columns existed leaves them to the sampled row). */
static int aggregate(ab_summary *s, const ab_result_row *r, const ab_result_row *props,
                     const char *path, size_t *cap, char *err, size_t errlen) {
    ab_vsummary *v = find_or_add(s, r, cap);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (*r->isa) v->isa = r->isa;
    if (r->max_ulp > v->max_ulp || isnan(r->max_ulp)) v->max_ulp = r->max_ulp;
    int full = !strcmp(r->range, "full");
    if (full) {
        v->max_ulp_full = r->max_ulp;
        v->mean_ulp_full = r->mean_ulp;
        v->cr_full = r->correctly_rounded;
        v->monotone_full = r->monotone_violations;
        v->double_rounded_full = r->double_rounded;
    }
    if (!strcmp(r->range, "core")) v->max_ulp_core = r->max_ulp;
    if (strcmp(r->range, "special")) {
        if (r->exhaustive) v->ranges_exhaustive++;
        else v->ranges_sampled++;
        if (r->exhaustive && (r->samples > 1u << 20 || (full && r->samples == 65536))) v->every_input = 1;
    }
    v->samples += r->samples;
    v->overflow += r->overflow;
    v->nan += r->nan;
    v->sign_errors += r->sign_errors;
    v->zero_flush += r->zero_flush;
    if (!r->within_bound) v->within_bound = 0;
    ab_verdict_add(&v->verdict, r, props == r ? AB_VERDICT_ALL : AB_VERDICT_COUNTS);
    if (props != r) ab_verdict_add(&v->verdict, props, AB_VERDICT_PROPS);
    if (strcmp(r->status, "ok") != 0 && *r->status) v->status_ok = 0;
    onset_min(&v->overflow_onset, r->overflow_onset);
    onset_min(&v->nan_onset, r->nan_onset);
    if (*r->ulp_histogram) {
        uint64_t h[AB_SUMMARY_HIST_BINS] = {0};
        if (parse_hist(r->ulp_histogram, h) < 0) {
            snprintf(err, errlen, "%s:%zu: malformed ulp_histogram", path, r->line);
            return -1;
        }
        /* The full range's histogram; the sum of all ranges when the sweep
         * had no full range. */
        if (full) {
            memcpy(v->hist, h, sizeof h);
            v->have_hist = 2;
        } else if (v->have_hist != 2) {
            for (int k = 0; k < AB_SUMMARY_HIST_BINS; k++) v->hist[k] += h[k];
            v->have_hist = 1;
        }
    }
    return 0;
}

static int has_variant(const ab_summary *s, const ab_result_row *r) {
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].activation, r->activation) && !strcmp(s->v[i].precision, r->precision) &&
            !strcmp(s->v[i].variant, r->variant))
            return 1;
    return 0;
}

/* Every-input rows measured with an older ULP metric (before the binade
 * of f was decided exactly: errors up to halved just below a power of
 * two) are not evidence: dropped, with one line saying so. */
static void drop_old_metric(ab_results *e) {
    size_t kept = 0;
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->rows[i].ulp_metric, AB_ULP_METRIC) == 0) e->rows[kept++] = e->rows[i];
    if (kept < e->n)
        fprintf(stderr, "actbench: %s: %zu of %zu rows were measured with an older ULP metric "
                        "and are not used (re-run make exhaustive)\n", e->path, e->n - kept, e->n);
    e->n = kept;
}

int ab_summary_load(ab_summary *s, const char *acc, const char *tp, const char *exh, char *err,
                    size_t errlen) {
    memset(s, 0, sizeof *s);
    if (ab_results_load(acc, &s->acc, err, errlen) != 0) return -1;
    FILE *probe = exh ? fopen(exh, "r") : NULL;
    if (probe) {
        fclose(probe);
        if (ab_results_load(exh, &s->exh, err, errlen) != 0) goto fail;
        s->have_exh = 1;
        drop_old_metric(&s->exh);
    }
    if (s->acc.n) {
        s->seed = s->acc.rows[0].seed;
        s->samples_requested = s->acc.rows[0].samples_requested;
    }
    size_t cap = 0;
    /* A row of the exhaustive CSV replaces the sampled row of the same
     * (activation, variant, precision, range); its other rows (the nan
     * range) are added after, for the variants the sampled CSV has: the
     * accuracy CSV says what the report is about. */
    int exh_props = s->have_exh && ab_csv_column(&s->exh.csv, "range_checked") >= 0;
    for (size_t i = 0; i < s->acc.n; i++) {
        const ab_result_row *r = &s->acc.rows[i];
        const ab_result_row *e = s->have_exh ? ab_results_find(&s->exh, r) : NULL;
        if (aggregate(s, e ? e : r, e && exh_props ? e : r, e ? exh : acc, &cap, err, errlen) != 0)
            goto fail;
    }
    for (size_t i = 0; s->have_exh && i < s->exh.n; i++) {
        const ab_result_row *e = &s->exh.rows[i];
        if (ab_results_find(&s->acc, e) || !has_variant(s, e)) continue;
        if (aggregate(s, e, e, exh, &cap, err, errlen) != 0) goto fail;
    }
    if (tp && load_throughput(s, tp, err, errlen) != 0) goto fail;
    return 0;
fail:
    ab_summary_free(s);
    return -1;
}

const char *ab_vsummary_evidence(const ab_vsummary *v) {
    if (v->ranges_sampled == 0 && v->every_input) {
        ab_precision p;
        int half = ab_parse_precision(v->precision, &p) == 0 && p != AB_F32 && p != AB_F64;
        return half ? "exhaustive: all 65,536 inputs" : "exhaustive: all 2^32 inputs";
    }
    if (v->ranges_exhaustive == 0) return "sampled";
    return "partly exhaustive";
}

void ab_summary_free(ab_summary *s) {
    ab_results_free(&s->acc);
    if (s->have_exh) ab_results_free(&s->exh);
    if (s->have_tp) ab_csv_table_free(&s->tp);
    free(s->v);
    free(s->t);
    memset(s, 0, sizeof *s);
}

int ab_vsummary_clean(const ab_vsummary *v) {
    return ab_verdict_kind_of(&v->verdict) == AB_HOLDS;
}

const char *ab_vsummary_verdict(const ab_vsummary *v, char *buf, size_t len) {
    ab_verdict_kind k = ab_verdict_kind_of(&v->verdict);
    if (k == AB_HOLDS) {
        /* "holds" would claim a bound was checked. */
        snprintf(buf, len, isinf(v->declared) ? "no bound declared; no failures" : "holds");
        return buf;
    }
    char why[1024];
    snprintf(buf, len, "%s: %s", ab_verdict_word(k), ab_verdict_reason(&v->verdict, why, sizeof why));
    return buf;
}

static double noise_of(const ab_vsummary *v) {
    double n = (v->ns_l1_median - v->ns_l1) / v->ns_l1;
    return n > 0 ? n : 0; /* NAN (no median) or a median below the min: none measured */
}

/* a beats b among tied candidates: more accurate, then faster. */
static int more_accurate(const ab_vsummary *a, const ab_vsummary *b) {
    if (a->max_ulp != b->max_ulp) return a->max_ulp < b->max_ulp;
    return a->ns_l1 < b->ns_l1;
}

long ab_most_accurate_variant(const ab_summary *s, const char *act, const char *prec) {
    long clean = -1, any = -1;
    for (size_t i = 0; i < s->n; i++) {
        const ab_vsummary *v = &s->v[i];
        if (strcmp(v->activation, act) || strcmp(v->precision, prec)) continue;
        if (any < 0 || v->max_ulp < s->v[any].max_ulp) any = (long)i;
        if (ab_vsummary_clean(v) && (clean < 0 || v->max_ulp < s->v[clean].max_ulp)) clean = (long)i;
    }
    return clean >= 0 ? clean : any;
}

static int candidate(const ab_vsummary *v, const char *act, const char *prec, double max_ulp) {
    return !strcmp(v->activation, act) && !strcmp(v->precision, prec) && ab_vsummary_clean(v) &&
           v->max_ulp <= max_ulp;
}

ab_recommendation ab_recommend(const ab_summary *s, const char *activation,
                               const char *precision, double max_ulp) {
    ab_recommendation r = {-1, 0, 0, 0, -1, 0, -1, -1};
    long most_accurate = -1;
    for (size_t i = 0; i < s->n; i++) {
        const ab_vsummary *v = &s->v[i];
        if (strcmp(v->activation, activation) || strcmp(v->precision, precision)) continue;
        r.variants++;
        if (!candidate(v, activation, precision, max_ulp)) continue;
        r.candidates++;
        if (most_accurate < 0 || v->max_ulp < s->v[most_accurate].max_ulp) most_accurate = (long)i;
        if (isnan(v->ns_l1)) continue;
        r.measured++;
        if (r.fastest < 0 || v->ns_l1 < s->v[r.fastest].ns_l1) r.fastest = (long)i;
    }
    if (r.fastest < 0) {
        r.best = most_accurate;
        if (r.best < 0) r.closest = ab_most_accurate_variant(s, activation, precision);
        return r;
    }
    const ab_vsummary *f = &s->v[r.fastest];
    r.best = r.fastest;
    for (size_t i = 0; i < s->n; i++) {
        const ab_vsummary *v = &s->v[i];
        if (!candidate(v, activation, precision, max_ulp) || isnan(v->ns_l1)) continue;
        double band = fmax(noise_of(f), noise_of(v));
        if (v->ns_l1 <= f->ns_l1 * (1 + band)) {
            if (more_accurate(v, &s->v[r.best])) r.best = (long)i;
        } else if (r.runner_up < 0 || v->ns_l1 < s->v[r.runner_up].ns_l1) {
            r.runner_up = (long)i;
        }
    }
    r.noise = fmax(noise_of(f), noise_of(&s->v[r.best]));
    return r;
}

void ab_recommendation_margin(const ab_summary *s, const ab_recommendation *r, char *buf,
                              size_t len) {
    buf[0] = 0;
    if (r->best < 0 || r->fastest < 0) return;
    const ab_vsummary *b = &s->v[r->best], *f = &s->v[r->fastest];
    size_t k = 0;
    if (r->best != r->fastest)
        k += (size_t)snprintf(buf, len, "ties with %s (%.3g ns/elem, %.1f%% faster, within the "
                                        "%.1f%% noise) and is more accurate (%.3g ULP against %.3g)",
                              f->variant, f->ns_l1, 100 * (b->ns_l1 / f->ns_l1 - 1), 100 * r->noise,
                              b->max_ulp, f->max_ulp);
    if (r->runner_up >= 0 && k < len) {
        const ab_vsummary *u = &s->v[r->runner_up];
        snprintf(buf + k, len - k, "%s%.1f%% faster than %s (%.3g ns/elem; noise %.1f%%)",
                 k ? "; " : "", 100 * (u->ns_l1 / b->ns_l1 - 1), u->variant, u->ns_l1,
                 100 * fmax(noise_of(b), noise_of(u)));
    } else if (k == 0 && r->measured == 1) {
        snprintf(buf, len, "the only timed candidate");
    } else if (k == 0) {
        snprintf(buf, len, "every other timed candidate ties within the noise and is no more accurate");
    }
}

void ab_recommendation_why_not(const ab_summary *s, const ab_recommendation *r, double budget,
                               char *buf, size_t len) {
    buf[0] = 0;
    if (r->closest < 0) return;
    const ab_vsummary *v = &s->v[r->closest];
    size_t k = 0;
    if (!(v->max_ulp <= budget))
        k += (size_t)snprintf(buf, len, "max ULP %.3g > %g", v->max_ulp, budget);
    if (!ab_vsummary_clean(v) && k < len) {
        char why[1024];
        snprintf(buf + k, len - k, "%s%s", k ? "; " : "", ab_vsummary_verdict(v, why, sizeof why));
    }
}

void ab_recommendation_text(const ab_summary *s, const ab_recommendation *r, double budget,
                            char *buf, size_t len) {
    if (r->best < 0) {
        char why[1200] = "", speed[64] = "";
        ab_recommendation_why_not(s, r, budget, why, sizeof why);
        if (r->closest >= 0 && !isnan(s->v[r->closest].ns_l1))
            snprintf(speed, sizeof speed, ", %.3g ns/elem", s->v[r->closest].ns_l1);
        snprintf(buf, len, "none: no variant without failures is within the budget "
                           "(%zu variant%s swept)%s%s%s%s%s", r->variants, r->variants == 1 ? "" : "s",
                 r->closest >= 0 ? "; closest: " : "", r->closest >= 0 ? s->v[r->closest].variant : "",
                 speed, r->closest >= 0 ? ", ruled out by " : "", why);
        return;
    }
    const ab_vsummary *v = &s->v[r->best];
    char speed[96], margin[600];
    if (r->measured)
        snprintf(speed, sizeof speed, "%.3g ns/elem at n=%zu", v->ns_l1, v->n_l1);
    else
        snprintf(speed, sizeof speed, "no throughput row at n=%u, so the most accurate",
                 AB_L1_SIZE);
    ab_recommendation_margin(s, r, margin, sizeof margin);
    snprintf(buf, len, "%s (%s, %s): max ULP %.3g, %s%s%s; %zu of %zu variants qualify; evidence: %s",
             v->variant, v->strategy, *v->isa ? v->isa : "?", v->max_ulp, speed, *margin ? "; " : "",
             margin, r->candidates, r->variants, ab_vsummary_evidence(v));
}
