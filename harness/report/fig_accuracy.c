/* fig_accuracy.c: the accuracy figures of one (activation, precision): the
 * error profile of a range (max ULP error per bucket of consecutive bit
 * patterns, with overflow and NaN onsets) and the ULP-error histogram. */
#include "figures.h"
#include "../inputs.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One profile CSV (<act>_<prec>_<range>.csv: a row per bucket, a max ULP
 * column per variant) with what the plot needs from it. */
typedef struct {
    ab_csv_table t;
    int col[REP_MAXV];         /* the column of each variant, or -1 */
    int cord;                  /* ordinal_mid */
    size_t nr;
    ab_precision p;
    double xmin, xmax;         /* ordinals of the first and last bucket's edges */
    fig_ulp_axis ax;
} profile;

/* The axis from the largest error of any variant; 0, or -1 when the file
 * lacks the bucket columns or rows. */
static int profile_scan(profile *pr, const rep_ctx *c, const char *prec, const size_t *vi,
                        size_t nv) {
    ab_csv_table *t = &pr->t;
    int cx_lo = ab_csv_column(t, "x_lo"), cx_hi = ab_csv_column(t, "x_hi");
    pr->cord = ab_csv_column(t, "ordinal_mid");
    pr->nr = t->nrows;
    pr->p = strcmp(prec, "f64") ? AB_F32 : AB_F64;
    double maxf = 0;
    int any_inf = 0;
    for (size_t k = 0; k < nv; k++) pr->col[k] = ab_csv_column(t, c->s->v[vi[k]].variant);
    for (size_t r = 1; r < pr->nr; r++)
        for (size_t k = 0; k < nv; k++) {
            int ck = pr->col[k];
            if (ck < 0 || (size_t)ck >= t->ncols[r] || !*t->cells[r][ck]) continue;
            double u = strtod(t->cells[r][ck], NULL);
            if (isinf(u) || isnan(u)) any_inf = 1;
            else if (u > maxf) maxf = u;
        }
    fig_axis_from_max(&pr->ax, maxf, any_inf, prec);
    if (cx_lo < 0 || cx_hi < 0 || pr->cord < 0 || pr->nr < 2) return -1;
    pr->xmin = (double)ab_ordinal(strtod(t->cells[1][cx_lo], NULL), pr->p);
    pr->xmax = (double)ab_ordinal(strtod(t->cells[pr->nr - 1][cx_hi], NULL), pr->p);
    return 0;
}

/* One data block per variant: (ordinal, clamped max ULP) where the value
 * changes (the first and last bucket of each run). */
static void profile_series(const profile *pr, size_t nv, FILE *d) {
    const ab_csv_table *t = &pr->t;
    double *xs = malloc(pr->nr * sizeof *xs), *ys = malloc(pr->nr * sizeof *ys);
    for (size_t k = 0; k < nv && xs && ys; k++) {
        int ck = pr->col[k];
        size_t n = 0;
        for (size_t r = 1; r < pr->nr && ck >= 0; r++) {
            if ((size_t)ck >= t->ncols[r] || !*t->cells[r][ck]) continue;
            xs[n] = strtod(t->cells[r][pr->cord], NULL);
            ys[n] = fig_y_clamp(&pr->ax, strtod(t->cells[r][ck], NULL));
            n++;
        }
        if (k) fputs("\n\n", d);
        if (!n) fprintf(d, "%.17g NaN\n", pr->xmin);
        for (size_t i = 0; i < n; i++)
            if (i == 0 || i + 1 == n || ys[i] != ys[i - 1] || ys[i] != ys[i + 1])
                fprintf(d, "%.17g %.6g\n", xs[i], ys[i]);
    }
    free(xs);
    free(ys);
}

/* Onset markers, above the inf line, in the variant's colour: a data file
 * of overflow onsets (path to ovpath) and one of NaN onsets (nanpath);
 * a path stays "" when no onset falls on the range. */
static void profile_onsets(rep_ctx *c, const profile *pr, const size_t *vi, size_t nv,
                           char *ovpath, char *nanpath) {
    for (int which = 0; which < 2; which++) {
        FILE *m = NULL;
        char *mp = which ? nanpath : ovpath;
        for (size_t k = 0; k < nv; k++) {
            const ab_vsummary *v = &c->s->v[vi[k]];
            double x = which ? v->nan_onset : v->overflow_onset;
            if (isnan(x)) continue;
            double o = (double)ab_ordinal(x, pr->p);
            if (o < pr->xmin || o > pr->xmax) continue;
            if (!m && !(m = ab_plot_data(c->pl, which ? "nan" : "ovf", mp))) break;
            fprintf(m, "%.17g %g %zu\n", o, pr->ax.top * 2, k + 1);
        }
        if (m) fclose(m);
    }
}

/* The wide plots' frame: room on the left for the off-scale tick label. */
static const ab_frame profile_frame = {720, 300, 100, 706, 26, 252};

/* X tics at 0 and +-2^k, as many as fit without their labels touching
 * (10 px font: about 6.2 px per character, 10 px between labels). */
static void ordinal_xtics(char *xt, size_t len, const profile *pr) {
    ab_tick t[64];
    const ab_frame *fr = &profile_frame;
    size_t nt = ab_binade_ticks(pr->xmin, pr->xmax, pr->p, fr->right - fr->left, 6.2, 10, t, 64);
    size_t xl = (size_t)snprintf(xt, len, "set xtics (");
    for (size_t k = 0; k < nt && xl < len; k++)
        xl += (size_t)snprintf(xt + xl, len - xl, "%s\"%s\" %.17g", k ? ", " : "", t[k].label, t[k].ord);
    if (xl < len) snprintf(xt + xl, len - xl, ")");
}

/* A note in place of the plot, naming the profile file. */
static void profile_note(FILE *f, const char *what, const char *before, const char *path,
                         const char *problem) {
    fprintf(f, "<p class=\"note\">%s: %s", what, before);
    ESC(path);
    fputs(problem, f);
    fig_close(f, "");
}

void rep_error_profile(rep_ctx *c, const char *act, const char *prec, const char *range,
                       const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char title[256], what[256];
    snprintf(what, sizeof what, "Error profile of %s %s on the %s range", act, prec, range);
    fig_open(f, "plot wide");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s_%s_%s.csv", c->o->profile_dir, act, prec, range);
    if (!c->o->plots || c->pl->broken) {
        fig_not_drawn(c, what);
        return;
    }
    profile pr;
    char err[512];
    if (ab_csv_read(path, &pr.t, err, sizeof err) != 0) {
        profile_note(f, what, "no profile data (", path, " is missing; run <code>build/actbench sweep --profile "
                                    "results/profile</code>)</p>");
        return;
    }
    char dpath[512], ovpath[512] = "", nanpath[512] = "";
    FILE *d = NULL;
    if (profile_scan(&pr, c, prec, vi, nv) != 0)
        profile_note(f, what, "", path, " has no bucket,ordinal_mid,x_lo,x_hi columns or no rows</p>");
    else d = fig_data(c, "profile", dpath, what);
    if (!d) {
        ab_csv_table_free(&pr.t);
        return;
    }
    profile_series(&pr, nv, d);
    fclose(d);
    profile_onsets(c, &pr, vi, nv, ovpath, nanpath);
    char xt[2048];
    ordinal_xtics(xt, sizeof xt, &pr);
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s, %s range: max ULP error per bucket", act, prec, range);
    fig_series_args(&a, c, title, dpath, vi, nv, &profile_frame);
    ab_gp_num(&a, "xmin", pr.xmin);
    ab_gp_num(&a, "xmax", pr.xmax);
    ab_gp_str(&a, "xtics_cmd", xt);
    fig_axis_args(&a, &pr.ax);
    ab_gp_str(&a, "ovfile", ovpath);
    ab_gp_str(&a, "nanfile", nanpath);
    ab_csv_table_free(&pr.t);
    char cap[512];
    snprintf(cap, sizeof cap,
             "Max ULP error in each of %zu buckets of consecutive bit patterns (x axis: "
             "bit-pattern ordinal, so each binade has equal width; ticks at 0 and powers of two). Exact or near-exact buckets sit on the "
             "bottom line; errors beyond 2^24 (f32) or 2^53 (f64) ULP, inf and NaN on the top line. %s",
             pr.nr - 1, (ovpath[0] || nanpath[0]) ? "&#9650; first overflow, &#9660; first NaN (smallest |x|)." : "");
    fig_key_entry key[REP_MAXV];
    for (size_t k = 0; k < nv; k++) key[k] = fig_key_variant(c, vi[k], k, 1, 0);
    fig_queue_and_close(c, "error_profile.gp", &a, title, what, cap, key, nv);
}

static const char *bin_label(int k, char *buf) {
    if (k == 0) return "0.5";
    if (k == AB_SUMMARY_HIST_BINS - 1) return ">2M";
    double e = ldexp(1, k - 1);
    if (e < 1024) snprintf(buf, 16, "%g", e);
    else if (e < 1048576) snprintf(buf, 16, "%gK", e / 1024);
    else snprintf(buf, 16, "%gM", e / 1048576);
    return buf;
}

void rep_histogram(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "ULP histogram of %s %s", act, prec);
    fig_open(f, "plot");
    if (!c->o->plots || c->pl->broken) {
        fig_not_drawn(c, what);
        return;
    }
    int last = 2, from_full = 1;
    double minpct = 100;
    size_t used[REP_MAXV], nu = 0;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        if (!v->have_hist) continue;
        if (v->have_hist != 2) from_full = 0;
        used[nu++] = vi[k];
        uint64_t tot = 0;
        for (int b = 0; b < AB_SUMMARY_HIST_BINS; b++) tot += v->hist[b];
        for (int b = 0; b < AB_SUMMARY_HIST_BINS; b++)
            if (v->hist[b]) {
                if (b > last) last = b;
                double pct = 100.0 * (double)v->hist[b] / (double)tot;
                if (pct < minpct) minpct = pct;
            }
    }
    if (!nu) {
        fputs("<p class=\"note\">No ulp_histogram column in the accuracy CSV.</p>", f);
        fig_close(f, "");
        return;
    }
    char dpath[512];
    FILE *d = fig_data(c, "hist", dpath, what);
    if (!d) return;
    for (int b = 0; b <= last; b++) {
        char lb[16];
        fprintf(d, "\"%s\"", bin_label(b, lb));
        for (size_t k = 0; k < nu; k++) {
            const ab_vsummary *v = &c->s->v[used[k]];
            uint64_t tot = 0;
            for (int j = 0; j < AB_SUMMARY_HIST_BINS; j++) tot += v->hist[j];
            if (v->hist[b] && tot) fprintf(d, " %.6g", 100.0 * (double)v->hist[b] / (double)tot);
            else fputs(" NaN", d);
        }
        fputc('\n', d);
    }
    fclose(d);
    double ymin = pow(10, floor(log10(minpct)));
    if (ymin < 1e-6) ymin = 1e-6;
    if (ymin > 1) ymin = 1;
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s: ULP error distribution (%s)", act, prec,
             from_full ? "full range" : "all ranges");
    static const ab_frame hist_frame = {560, 300, 72, 546, 26, 246};
    fig_series_args(&a, c, title, dpath, used, nu, &hist_frame);
    ab_gp_num(&a, "ymin", ymin);
    fig_key_entry key[REP_MAXV];
    for (size_t k = 0; k < nu; k++) key[k] = fig_key_variant(c, used[k], k, 1, 1);
    fig_queue_and_close(c, "histogram.gp", &a, title, what,
                        "Share of samples per ULP-error bin (log scale), one line per variant; the "
                        "label is the bin's upper edge: 0.5 = at most half an ulp, 2 = (1, 2] ulp.",
                        key, nu);
}
