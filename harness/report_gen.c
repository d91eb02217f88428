/* report_gen.c: see report_gen.h. */
#include "report_gen.h"
#include "csv_io.h"
#include "env.h"
#include "inputs.h"
#include "recommend.h"
#include "registry.h"
#include "report_html.h"
#include "report_plot.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>
#if defined(__has_include)
#if __has_include(<sleef.h>)
#include <sleef.h>
#endif
#endif

/* scripts/ of the checkout the binary was built in (build/actbench ->
 * ../scripts), so the report draws its plots from any working directory;
 * "scripts" when that cannot be found. */
static const char *default_scripts_dir(void) {
    static char dir[4096];
    if (access("scripts/style.gp", R_OK) == 0) return "scripts";
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n <= 0) return "scripts";
    dir[n] = 0;
    char *slash = strrchr(dir, '/');
    if (!slash) return "scripts";
    strcpy(slash, "/../scripts");
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/style.gp", dir);
    return access(probe, R_OK) == 0 ? dir : "scripts";
}

void ab_report_opts_init(ab_report_opts *o) {
    memset(o, 0, sizeof *o);
    o->accuracy = "results/accuracy.csv";
    o->throughput = "results/throughput.csv";
    o->profile_dir = "results/profile";
    o->special_values = "results/special_values.csv";
    o->output = "reports/index.html";
    o->scripts = default_scripts_dir();
    o->plots = 1;
    o->core_profiles = 1;
}

/* ---- small helpers ------------------------------------------------------ */

#define ESC(s) ab_html_escape(f, s)

static const char *ulp_class(double u) {
    if (isnan(u)) return "na";
    if (u <= 0.5) return "cr";
    if (u <= 1) return "u1";
    if (u <= 4) return "u4";
    if (u <= 64) return "u64";
    return "bad";
}

static const char *fmt_ulp(double u, char *buf) {
    if (isnan(u)) return "&ndash;";
    if (isinf(u)) return "inf";
    snprintf(buf, 32, "%.3g", u);
    return buf;
}

/* data-v for sorting: a number JS parses (Infinity, or "" for none). */
static void data_v(FILE *f, double v) {
    if (isnan(v)) fputs(" data-v=\"\"", f);
    else if (isinf(v)) fprintf(f, " data-v=\"%sInfinity\"", v < 0 ? "-" : "");
    else fprintf(f, " data-v=\"%.17g\"", v);
}

static void td_ulp(FILE *f, double u) {
    char b[32];
    fprintf(f, "<td class=\"%s\"", ulp_class(u));
    data_v(f, u);
    fprintf(f, ">%s</td>", fmt_ulp(u, b));
}

static void td_count(FILE *f, uint64_t n) {
    fprintf(f, "<td%s data-v=\"%llu\">%llu</td>", n ? " class=\"fail\"" : "",
            (unsigned long long)n, (unsigned long long)n);
}

/* Safe as a gnuplot word and an SVG id fragment. */
static void plain_name(char *out, size_t len, const char *s) {
    size_t k = 0;
    for (; *s && k + 1 < len; s++)
        out[k++] = (*s == ' ' || *s == '\'' || *s == '"') ? '_' : *s;
    out[k] = 0;
}

static void anchor(char *out, size_t len, const char *act) {
    size_t k = 0;
    k += (size_t)snprintf(out, len, "act-");
    for (; *act && k + 1 < len; act++) {
        char c = *act;
        out[k++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_') ? c : '_';
    }
    out[k] = 0;
}

static int prec_of(const char *s, ab_precision *p) { return ab_parse_precision(s, p); }

/* The variants (indices into s->v) of one (activation, precision). */
static size_t variants_of(const ab_summary *s, const char *act, const char *prec, size_t *idx,
                          size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < s->n && n < max; i++)
        if (!strcmp(s->v[i].activation, act) && !strcmp(s->v[i].precision, prec)) idx[n++] = i;
    return n;
}

#define MAXV 64

/* Y axis of the ULP plots: exact results at yfloor; errors beyond 2^p
 * (no correct bit left: 2^24 in f32, 2^53 in f64), inf and NaN on the
 * off-scale line ytop, so that the interesting range keeps its height. */
typedef struct {
    double floor, top, cap;
    int offscale;
    int p;
} ulp_axis;

static double y_clamp(const ulp_axis *ax, double u) {
    if (isinf(u) || isnan(u) || u > ax->cap) return ax->top;
    if (u < ax->floor) return ax->floor;
    return u;
}

static void axis_from_max(ulp_axis *ax, double maxf, int any_inf, const char *prec) {
    ax->p = strcmp(prec, "f64") ? 24 : 53;
    ax->cap = ldexp(1, ax->p);
    ax->floor = 1e-3;
    ax->offscale = any_inf || maxf > ax->cap;
    if (!(maxf >= 1)) maxf = 1;
    if (ax->offscale) ax->top = pow(10, ceil(log10(ax->cap)) + 1);
    else ax->top = fmax(100, pow(10, ceil(log10(maxf * 1.0001))));
}

static void ytics_cmd(char *buf, size_t len, const ulp_axis *ax) {
    size_t n = (size_t)snprintf(buf, len, "set ytics (\"≤0.001\" 1e-3, \"0.5\" 0.5, \"4\" 4, \"64\" 64");
    double lim = ax->offscale ? ax->cap / 50 : ax->top * 1.0001;
    for (int e = 4; e <= 16 && pow(10, e) <= lim; e += 4)
        if (n < len) n += (size_t)snprintf(buf + n, len - n, ", \"1e%d\" 1e%d", e, e);
    if (ax->offscale && n < len)
        n += (size_t)snprintf(buf + n, len - n, ", \"2^%d\" %.17g, \"≥2^%d, inf, NaN\" %.17g", ax->p,
                              ax->cap, ax->p, ax->top);
    if (n < len) snprintf(buf + n, len - n, ")");
}

/* ---- plots -------------------------------------------------------------- */

typedef struct {
    FILE *f;
    ab_plotter *pl;
    const ab_report_opts *o;
    const ab_summary *s;
    ab_csv_table sv;
    int have_sv;
    int plot_count;
    size_t note_count;
} ctx;

#define PLOT_MARK "<!--@abplot:%u@-->"

/* A queued plot leaves a marker that ab_report_generate replaces with the
 * SVG once every gnuplot has run (in parallel); a plot that cannot be
 * queued leaves a note. */
static void plot_or_note(ctx *c, unsigned id, const char *what) {
    FILE *f = c->f;
    if (id) {
        fprintf(f, PLOT_MARK, id);
    } else {
        fputs("<p class=\"note\">", f);
        ESC(what);
        fputs(" not drawn: ", f);
        ESC(c->pl->why[0] ? c->pl->why : "plots disabled");
        fputs("</p>", f);
        c->note_count++;
    }
}

static void figure_open(FILE *f, const char *cls) { fprintf(f, "<figure class=\"%s\">", cls); }
static void figure_close(FILE *f, const char *caption) {
    fputs("<figcaption>", f);
    fputs(caption, f); /* trusted markup */
    fputs("</figcaption></figure>\n", f);
}

/* A figure whose plot is not drawn (plots off, gnuplot broken, no data
 * file): the note saying why, then the empty caption. */
static void figure_not_drawn(ctx *c, const char *what) {
    plot_or_note(c, 0, what);
    figure_close(c->f, "");
}

/* The gnuplot "titles" argument: the plain names of the variants
 * s->v[idx[0..n-1]], space separated. */
static void series_titles(const ctx *c, const size_t *idx, size_t n, char *titles,
                          size_t size) {
    size_t tl = 0;
    titles[0] = 0;
    for (size_t k = 0; k < n; k++) {
        char nm[128];
        plain_name(nm, sizeof nm, c->s->v[idx[k]].variant);
        tl += (size_t)snprintf(titles + tl, size - tl, "%s%s", k ? " " : "", nm);
    }
}

/* The arguments every one-series-per-variant plot script takes. */
static void series_plot_args(ab_gp_args *a, const ctx *c, const char *title,
                             const char *datafile, size_t nseries, const char *titles) {
    ab_gp_str(a, "scriptdir", c->o->scripts);
    ab_gp_str(a, "plot_title", title);
    ab_gp_str(a, "datafile", datafile);
    ab_gp_num(a, "nseries", (double)nseries);
    ab_gp_str(a, "titles", titles);
}

static void error_profile(ctx *c, const char *act, const char *prec, const char *range,
                          const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char title[256], what[256];
    snprintf(what, sizeof what, "Error profile of %s %s on the %s range", act, prec, range);
    figure_open(f, "plot wide");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s_%s_%s.csv", c->o->profile_dir, act, prec, range);
    ab_csv_table t;
    char err[512];
    ab_precision p;
    if (!c->o->plots || c->pl->broken) {
        figure_not_drawn(c, what);
        return;
    }
    if (prec_of(prec, &p) != 0 || ab_csv_read(path, &t, err, sizeof err) != 0) {
        fprintf(f, "<p class=\"note\">%s: no profile data (", what);
        ESC(path);
        fputs(" is missing; run <code>build/actbench sweep --profile results/profile</code>)</p>", f);
        figure_close(f, "");
        return;
    }
    int cx_lo = ab_csv_column(&t, "x_lo"), cx_hi = ab_csv_column(&t, "x_hi"),
        cord = ab_csv_column(&t, "ordinal_mid");
    int col[MAXV];
    double maxf = 0;
    int any_inf = 0;
    for (size_t k = 0; k < nv; k++) col[k] = ab_csv_column(&t, c->s->v[vi[k]].variant);
    size_t nr = t.nrows;
    for (size_t r = 1; r < nr; r++)
        for (size_t k = 0; k < nv; k++) {
            if (col[k] < 0 || (size_t)col[k] >= t.ncols[r] || !*t.cells[r][col[k]]) continue;
            double u = strtod(t.cells[r][col[k]], NULL);
            if (isinf(u) || isnan(u)) any_inf = 1;
            else if (u > maxf) maxf = u;
        }
    ulp_axis ax;
    axis_from_max(&ax, maxf, any_inf, prec);
    if (cx_lo < 0 || cx_hi < 0 || cord < 0 || nr < 2) {
        fprintf(f, "<p class=\"note\">%s: ", what);
        ESC(path);
        fputs(" has no bucket,ordinal_mid,x_lo,x_hi columns or no rows</p>", f);
        ab_csv_table_free(&t);
        figure_close(f, "");
        return;
    }
    double xmin = (double)ab_ordinal(strtod(t.cells[1][cx_lo], NULL), p);
    double xmax = (double)ab_ordinal(strtod(t.cells[nr - 1][cx_hi], NULL), p);
    char dpath[512], ovpath[512] = "", nanpath[512] = "";
    FILE *d = ab_plot_data(c->pl, "profile", dpath);
    if (!d) {
        ab_csv_table_free(&t);
        figure_not_drawn(c, what);
        return;
    }
    double *xs = malloc(nr * sizeof *xs), *ys = malloc(nr * sizeof *ys);
    char titles[4096];
    series_titles(c, vi, nv, titles, sizeof titles);
    for (size_t k = 0; k < nv; k++) {
        size_t n = 0;
        for (size_t r = 1; r < nr && col[k] >= 0; r++) {
            if ((size_t)col[k] >= t.ncols[r] || !*t.cells[r][col[k]]) continue;
            xs[n] = strtod(t.cells[r][cord], NULL);
            ys[n] = y_clamp(&ax, strtod(t.cells[r][col[k]], NULL));
            n++;
        }
        if (k) fputs("\n\n", d);
        if (!n) fprintf(d, "%.17g NaN\n", xmin);
        /* Only where the value changes: the first and last of each run. */
        for (size_t i = 0; i < n; i++)
            if (i == 0 || i + 1 == n || ys[i] != ys[i - 1] || ys[i] != ys[i + 1])
                fprintf(d, "%.17g %.6g\n", xs[i], ys[i]);
    }
    free(xs);
    free(ys);
    fclose(d);
    /* Onset markers, above the inf line, in the variant's colour. */
    for (int which = 0; which < 2; which++) {
        FILE *m = NULL;
        char *mp = which ? nanpath : ovpath;
        for (size_t k = 0; k < nv; k++) {
            const ab_vsummary *v = &c->s->v[vi[k]];
            double x = which ? v->nan_onset : v->overflow_onset;
            if (isnan(x)) continue;
            double o = (double)ab_ordinal(x, p);
            if (o < xmin || o > xmax) continue;
            if (!m && !(m = ab_plot_data(c->pl, which ? "nan" : "ovf", mp))) break;
            fprintf(m, "%.17g %g %zu\n", o, ax.top * 2, k + 1);
        }
        if (m) fclose(m);
    }
    char xt[2048];
    size_t xl = (size_t)snprintf(xt, sizeof xt, "set xtics (");
    for (int k = 0; k <= 8; k++) {
        double o = xmin + (xmax - xmin) * k / 8.0;
        double x = ab_from_ordinal((int64_t)llround(o), p);
        char lab[32];
        if (x == 0) snprintf(lab, sizeof lab, "0");
        else snprintf(lab, sizeof lab, "%.2g", x);
        xl += (size_t)snprintf(xt + xl, sizeof xt - xl, "%s\"%s\" %.17g", k ? ", " : "", lab, o);
    }
    snprintf(xt + xl, sizeof xt - xl, ")");
    char yt[1024];
    ytics_cmd(yt, sizeof yt, &ax);
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s, %s range: max ULP error per bucket", act, prec, range);
    series_plot_args(&a, c, title, dpath, nv, titles);
    ab_gp_num(&a, "xmin", xmin);
    ab_gp_num(&a, "xmax", xmax);
    ab_gp_str(&a, "xtics_cmd", xt);
    ab_gp_str(&a, "ytics_cmd", yt);
    ab_gp_num(&a, "yfloor", ax.floor);
    ab_gp_num(&a, "ytop", ax.top);
    ab_gp_str(&a, "ovfile", ovpath);
    ab_gp_str(&a, "nanfile", nanpath);
    plot_or_note(c, ab_plot_queue(c->pl, "error_profile.gp", &a, title), what);
    ab_gp_free(&a);
    ab_csv_table_free(&t);
    char cap[512];
    snprintf(cap, sizeof cap,
             "Max ULP error in each of %zu buckets of consecutive bit patterns (x axis: "
             "ordinal, so each binade has equal width). Exact or near-exact buckets sit on the "
             "bottom line; errors beyond 2^24 (f32) or 2^53 (f64) ULP, inf and NaN on the top line. %s",
             nr - 1, (ovpath[0] || nanpath[0]) ? "&#9650; first overflow, &#9660; first NaN (smallest |x|)." : "");
    figure_close(f, cap);
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

static void histogram(ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "ULP histogram of %s %s", act, prec);
    figure_open(f, "plot");
    if (!c->o->plots || c->pl->broken) {
        figure_not_drawn(c, what);
        return;
    }
    int last = 2, from_full = 1;
    double minpct = 100;
    size_t used[MAXV], nu = 0;
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
        figure_close(f, "");
        return;
    }
    char dpath[512];
    FILE *d = ab_plot_data(c->pl, "hist", dpath);
    if (!d) {
        figure_not_drawn(c, what);
        return;
    }
    char titles[4096];
    series_titles(c, used, nu, titles, sizeof titles);
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
    series_plot_args(&a, c, title, dpath, nu, titles);
    ab_gp_num(&a, "ymin", ymin);
    ab_gp_num(&a, "width", 560);
    plot_or_note(c, ab_plot_queue(c->pl, "histogram.gp", &a, title), what);
    ab_gp_free(&a);
    figure_close(f, "Share of samples per ULP-error bin (log scale); the label is the bin's "
                    "upper edge: 0.5 = at most half an ulp, 2 = (1, 2] ulp.");
}

typedef struct {
    double ns, ulp;
    size_t k;
} ppoint;

static int by_ns(const void *a, const void *b) {
    const ppoint *x = a, *y = b;
    return (x->ns > y->ns) - (x->ns < y->ns);
}

static void pareto(ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Accuracy against throughput for %s %s", act, prec);
    figure_open(f, "plot");
    ppoint pts[MAXV];
    size_t np = 0;
    double maxf = 0;
    int any_inf = 0;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        if (isnan(v->ns_l1)) continue;
        pts[np++] = (ppoint){v->ns_l1, v->max_ulp, k};
        if (isinf(v->max_ulp)) any_inf = 1;
        else if (v->max_ulp > maxf) maxf = v->max_ulp;
    }
    if (!np || !c->o->plots || c->pl->broken) {
        if (!np) fputs("<p class=\"note\">No throughput rows at n=4096 for these variants "
                       "(run <code>build/actbench bench</code>).</p>", f);
        else plot_or_note(c, 0, what);
        figure_close(f, "");
        return;
    }
    ulp_axis ax;
    axis_from_max(&ax, maxf, any_inf, prec);
    char ppath[512], fpath[512] = "";
    FILE *d = ab_plot_data(c->pl, "pts", ppath);
    if (!d) {
        figure_not_drawn(c, what);
        return;
    }
    for (size_t i = 0; i < np; i++) {
        const ab_vsummary *v = &c->s->v[vi[pts[i].k]];
        char nm[128];
        plain_name(nm, sizeof nm, v->variant);
        fprintf(d, "%.6g %.6g %d %zu \"%s\"\n", pts[i].ns, y_clamp(&ax, pts[i].ulp),
                ab_vsummary_clean(v), pts[i].k + 1, nm);
    }
    fclose(d);
    qsort(pts, np, sizeof *pts, by_ns);
    size_t nf = 0;
    double best = INFINITY;
    FILE *fr = NULL;
    for (size_t i = 0; i < np; i++) {
        const ab_vsummary *v = &c->s->v[vi[pts[i].k]];
        if (!ab_vsummary_clean(v) || !(pts[i].ulp < best)) continue;
        best = pts[i].ulp;
        if (!fr && !(fr = ab_plot_data(c->pl, "front", fpath))) break;
        fprintf(fr, "%.6g %.6g\n", pts[i].ns, y_clamp(&ax, pts[i].ulp));
        nf++;
    }
    /* The staircase continues to the slowest point: nothing there beats it. */
    if (fr) {
        fprintf(fr, "%.6g %.6g\n", pts[np - 1].ns * 1.25, y_clamp(&ax, best));
        fclose(fr);
    }
    if (nf < 1) fpath[0] = 0;
    char yt[1024];
    ytics_cmd(yt, sizeof yt, &ax);
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s: accuracy vs speed (n=4096)", act, prec);
    ab_gp_str(&a, "scriptdir", c->o->scripts);
    ab_gp_str(&a, "plot_title", title);
    ab_gp_str(&a, "ptsfile", ppath);
    ab_gp_str(&a, "frontfile", fpath);
    ab_gp_num(&a, "yfloor", ax.floor);
    ab_gp_num(&a, "ytop", ax.top);
    ab_gp_str(&a, "ytics_cmd", yt);
    ab_gp_num(&a, "width", 560);
    plot_or_note(c, ab_plot_queue(c->pl, "pareto.gp", &a, title), what);
    ab_gp_free(&a);
    figure_close(f, "Max ULP error over all ranges against ns per element at n=4096. The "
                    "dashed staircase is the Pareto frontier of the variants without failures: "
                    "no variant without failures is both faster and more accurate than a point "
                    "on it.");
}

static int by_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void throughput_plot(ctx *c, const char *act, const char *prec, const size_t *vi,
                            size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Throughput of %s %s by array size", act, prec);
    figure_open(f, "plot");
    const ab_summary *s = c->s;
    size_t sizes[64], ns = 0, have = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const ab_tprow *t = &s->t[i];
        if (t->latency || strcmp(t->precision, prec)) continue;
        int mine = !strcmp(t->activation, act);
        if (!mine && strcmp(t->strategy, "baseline")) continue;
        have += mine;
        int seen = 0;
        for (size_t k = 0; k < ns && !seen; k++) seen = sizes[k] == t->n;
        if (!seen && ns < 64) sizes[ns++] = t->n;
    }
    if (!have || !c->o->plots || c->pl->broken) {
        if (!have) fputs("<p class=\"note\">No throughput rows (run <code>build/actbench bench</code>).</p>", f);
        else plot_or_note(c, 0, what);
        figure_close(f, "");
        return;
    }
    qsort(sizes, ns, sizeof *sizes, by_size);
    char dpath[512], bpath[512] = "";
    FILE *d = ab_plot_data(c->pl, "tput", dpath);
    if (!d) {
        figure_not_drawn(c, what);
        return;
    }
    char titles[4096];
    series_titles(c, vi, nv, titles, sizeof titles);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (k) fputs("\n\n", d);
        int any = 0;
        for (size_t z = 0; z < ns; z++)
            for (size_t i = 0; i < s->nt; i++) {
                const ab_tprow *t = &s->t[i];
                if (t->latency || t->n != sizes[z] || strcmp(t->precision, prec) ||
                    strcmp(t->activation, act) || strcmp(t->variant, v->variant))
                    continue;
                fprintf(d, "%zu %.6g\n", t->n, t->ns_min);
                any = 1;
                break;
            }
        if (!any) fprintf(d, "%zu NaN\n", sizes[0]);
    }
    fclose(d);
    FILE *b = NULL;
    for (size_t z = 0; z < ns; z++)
        for (size_t i = 0; i < s->nt; i++) {
            const ab_tprow *t = &s->t[i];
            if (t->latency || t->n != sizes[z] || strcmp(t->precision, prec) ||
                strcmp(t->strategy, "baseline"))
                continue;
            if (!b && !(b = ab_plot_data(c->pl, "base", bpath))) break;
            fprintf(b, "%zu %.6g\n", t->n, t->ns_min);
            break;
        }
    if (b) fclose(b);
    char xt[1024];
    size_t xl = (size_t)snprintf(xt, sizeof xt, "set xtics (");
    for (size_t z = 0; z < ns; z++) {
        size_t n = sizes[z];
        char lab[32];
        if (n >= 1048576 && n % 1048576 == 0) snprintf(lab, sizeof lab, "%zuM", n / 1048576);
        else if (n >= 1024 && n % 1024 == 0) snprintf(lab, sizeof lab, "%zuK", n / 1024);
        else snprintf(lab, sizeof lab, "%zu", n);
        xl += (size_t)snprintf(xt + xl, sizeof xt - xl, "%s\"%s\" %zu", z ? ", " : "", lab, n);
    }
    snprintf(xt + xl, sizeof xt - xl, ")");
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s: ns per element by array size", act, prec);
    series_plot_args(&a, c, title, dpath, nv, titles);
    ab_gp_str(&a, "basefile", bpath);
    ab_gp_str(&a, "xtics_cmd", xt);
    ab_gp_num(&a, "width", 560);
    plot_or_note(c, ab_plot_queue(c->pl, "throughput.gp", &a, title), what);
    ab_gp_free(&a);
    figure_close(f, "Minimum ns per element over the timed samples (one pinned thread, core-range "
                    "inputs); the grey dashed line is memcpy of the same bytes.");
}

/* ---- tables ------------------------------------------------------------- */

static void summary_table(ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    const ab_activation *a = ab_find_activation(act);
    ab_precision p;
    int havep = prec_of(prec, &p) == 0;
    fputs("<div class=\"scroll\"><table class=\"sortable summary\">\n<thead><tr>"
          "<th title=\"variant name (hover a name for its formula)\">variant</th>"
          "<th>strategy</th><th>isa</th>"
          "<th title=\"max ULP error over every range\">max ULP<br>all</th>"
          "<th title=\"max ULP error on the full range (every finite input)\">max ULP<br>full</th>"
          "<th title=\"max ULP error on [-10, 10]\">max ULP<br>core</th>"
          "<th title=\"mean ULP error on the full range\">mean ULP<br>full</th>"
          "<th title=\"share of correctly rounded results on the full range\">% CR<br>full</th>"
          "<th title=\"results &plusmn;inf where the reference is finite, summed over ranges\">overflow</th>"
          "<th title=\"NaN mismatches, summed over ranges\">NaN</th>"
          "<th title=\"sign-bit errors, summed over ranges\">sign</th>"
          "<th title=\"0 where the reference is not 0, summed over ranges\">zero flush</th>"
          "<th title=\"min ns per element at n=4096 (L1-resident)\">ns/elem<br>@4K</th>"
          "<th title=\"elements per second at n=4096, from the min\">Gelem/s<br>@4K</th>"
          "<th title=\"the variant's declared max ULP bound\">declared<br>bound</th>"
          "<th title=\"within the declared bound on every range\">holds</th>"
          "</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        const ab_variant *var = a && havep ? ab_find_variant(a, v->variant, p) : NULL;
        fputs("<tr><td class=\"name\"", f);
        if (var && var->formula) {
            fputs(" title=\"", f);
            ESC(var->formula);
            fputc('"', f);
        }
        fprintf(f, "><span class=\"sw s%zu\"></span>", k % 10 + 1);
        ESC(v->variant);
        fputs("</td><td>", f);
        ESC(v->strategy);
        fputs("</td><td>", f);
        ESC(v->isa);
        fputs("</td>", f);
        td_ulp(f, v->max_ulp);
        td_ulp(f, v->max_ulp_full);
        td_ulp(f, v->max_ulp_core);
        td_ulp(f, v->mean_ulp_full);
        if (isnan(v->cr_full)) fputs("<td data-v=\"\">&ndash;</td>", f);
        else fprintf(f, "<td data-v=\"%.6g\">%.1f</td>", 100 * v->cr_full, 100 * v->cr_full);
        td_count(f, v->overflow);
        td_count(f, v->nan);
        td_count(f, v->sign_errors);
        td_count(f, v->zero_flush);
        if (isnan(v->ns_l1)) fputs("<td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>", f);
        else fprintf(f, "<td data-v=\"%.6g\">%.3g</td><td data-v=\"%.6g\">%.3g</td>", v->ns_l1,
                     v->ns_l1, 1 / v->ns_l1, 1 / v->ns_l1);
        char b[32];
        fprintf(f, "<td");
        data_v(f, v->declared);
        fprintf(f, ">%s</td>", isinf(v->declared) ? "none" : fmt_ulp(v->declared, b));
        if (!v->status_ok) fputs("<td class=\"fail\" data-v=\"0\">crashed</td>", f);
        else if (v->within_bound) fputs("<td class=\"ok\" data-v=\"1\">&#10003;</td>", f);
        else fputs("<td class=\"fail\" data-v=\"0\">&#10007;</td>", f);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

static void recommend_cells(ctx *c, const char *act, const char *prec) {
    FILE *f = c->f;
    static const double budgets[] = {1, 4, 64};
    for (int b = 0; b < 3; b++) {
        ab_recommendation r = ab_recommend(c->s, act, prec, budgets[b]);
        if (r.best < 0) {
            fputs("<td class=\"none\" data-v=\"\">none</td>", f);
            continue;
        }
        const ab_vsummary *v = &c->s->v[r.best];
        fprintf(f, "<td class=\"%s\"", ulp_class(v->max_ulp));
        data_v(f, r.measured ? v->ns_l1 : NAN);
        fputs("><b>", f);
        ESC(v->variant);
        fputs("</b>", f);
        if (r.measured) fprintf(f, " <span class=\"dim\">%.3g&thinsp;ns %s&thinsp;ulp</span>", v->ns_l1,
                                fmt_ulp(v->max_ulp, (char[32]){0}));
        else fputs(" <span class=\"dim\">(not timed)</span>", f);
        fputs("</td>", f);
    }
}

static void onset_table(ctx *c, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    size_t n = 0;
    for (size_t k = 0; k < nv; k++)
        n += !isnan(c->s->v[vi[k]].overflow_onset) || !isnan(c->s->v[vi[k]].nan_onset);
    if (!n) {
        fputs("<p class=\"onsets\">No variant returns &plusmn;inf or NaN where the reference is "
              "finite on any sampled input.</p>\n", f);
        return;
    }
    fputs("<table class=\"onsets\"><thead><tr><th>variant</th><th>first overflow "
          "(smallest |x| with &plusmn;inf, reference finite)</th><th>first NaN (smallest |x|)</th>"
          "</tr></thead><tbody>\n", f);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        if (isnan(v->overflow_onset) && isnan(v->nan_onset)) continue;
        fprintf(f, "<tr><td class=\"name\"><span class=\"sw s%zu\"></span>", k % 10 + 1);
        ESC(v->variant);
        fputs("</td>", f);
        for (int w = 0; w < 2; w++) {
            double x = w ? v->nan_onset : v->overflow_onset;
            if (isnan(x)) fputs("<td>&ndash;</td>", f);
            else fprintf(f, "<td class=\"fail\"><code>%a</code> (%.6g)</td>", x, x);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void special_matrix(ctx *c, const char *act, const char *prec) {
    FILE *f = c->f;
    if (!c->have_sv) return;
    const ab_csv_table *t = &c->sv;
    int ca = ab_csv_column(t, "activation"), cp = ab_csv_column(t, "precision"),
        ci = ab_csv_column(t, "input"), ce = ab_csv_column(t, "expected"),
        cv = ab_csv_column(t, "variant"), co = ab_csv_column(t, "output"),
        cm = ab_csv_column(t, "match");
    if (ca < 0 || cp < 0 || ci < 0 || ce < 0 || cv < 0 || co < 0 || cm < 0) return;
    int maxc = ca;
    int cols[] = {cp, ci, ce, cv, co, cm};
    for (int k = 0; k < 6; k++) if (cols[k] > maxc) maxc = cols[k];
    size_t *rows = malloc(t->nrows * sizeof *rows), nr = 0;
    const char *inputs[512], *vars[MAXV];
    size_t ni = 0, nv = 0, bad = 0;
    for (size_t r = 1; r < t->nrows; r++) {
        if (t->ncols[r] <= (size_t)maxc) continue;
        char **x = t->cells[r];
        if (strcmp(x[ca], act) || strcmp(x[cp], prec)) continue;
        rows[nr++] = r;
        size_t i = 0;
        while (i < ni && strcmp(inputs[i], x[ci])) i++;
        if (i == ni && ni < 512) inputs[ni++] = x[ci];
        size_t v = 0;
        while (v < nv && strcmp(vars[v], x[cv])) v++;
        if (v == nv && nv < MAXV) vars[nv++] = x[cv];
        bad += strcmp(x[cm], "1") != 0;
    }
    if (!nr) {
        free(rows);
        return;
    }
    /* Mismatches per variant, for the summary line. */
    size_t per[MAXV] = {0};
    for (size_t k = 0; k < nr; k++) {
        char **x = t->cells[rows[k]];
        if (!strcmp(x[cm], "1")) continue;
        for (size_t v = 0; v < nv; v++)
            if (!strcmp(vars[v], x[cv])) per[v]++;
    }
    fprintf(f, "<details class=\"special\"><summary>Special values: %zu inputs &times; %zu "
               "variants, <span class=\"%s\">%zu mismatch%s</span>",
            ni, nv, bad ? "failtxt" : "oktxt", bad, bad == 1 ? "" : "es");
    int first = 1;
    for (size_t v = 0; v < nv; v++) {
        if (!per[v]) continue;
        fputs(first ? " (" : ", ", f);
        ESC(vars[v]);
        fprintf(f, ": %zu", per[v]);
        first = 0;
    }
    if (!first) fputc(')', f);
    fputs("</summary>\n<div class=\"scroll\"><table class=\"sv\"><thead><tr><th>input</th>"
          "<th>expected</th>", f);
    for (size_t v = 0; v < nv; v++) {
        fputs("<th>", f);
        ESC(vars[v]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < ni; i++) {
        const char *expected = "";
        for (size_t k = 0; k < nr && !*expected; k++)
            if (!strcmp(t->cells[rows[k]][ci], inputs[i])) expected = t->cells[rows[k]][ce];
        fputs("<tr><td><code>", f);
        ESC(inputs[i]);
        fputs("</code></td><td><code>", f);
        ESC(expected);
        fputs("</code></td>", f);
        for (size_t v = 0; v < nv; v++) {
            const char *out = NULL, *m = NULL;
            for (size_t k = 0; k < nr && !out; k++) {
                char **x = t->cells[rows[k]];
                if (!strcmp(x[ci], inputs[i]) && !strcmp(x[cv], vars[v])) {
                    out = x[co];
                    m = x[cm];
                }
            }
            if (!out) fputs("<td></td>", f);
            else if (!strcmp(m, "1")) fputs("<td class=\"ok\">&#10003;</td>", f);
            else {
                fputs("<td class=\"bad\"><code>", f);
                ESC(out);
                fputs("</code></td>", f);
            }
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div></details>\n", f);
    free(rows);
}

/* ---- environment -------------------------------------------------------- */

static void run_capture(const char *cmd, char *out, size_t len) {
    snprintf(out, len, "unknown");
    FILE *p = popen(cmd, "r");
    if (!p) return;
    char line[256];
    if (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        size_t l = strlen(line);
        if (l >= len) l = len - 1;
        if (l) {
            memcpy(out, line, l);
            out[l] = 0;
        }
    }
    int st = pclose(p);
    if (st != 0) snprintf(out, len, "unknown");
}

static void env_row(FILE *f, const char *k, const char *v) {
    fputs("<tr><th>", f);
    ESC(k);
    fputs("</th><td>", f);
    ESC(v);
    fputs("</td></tr>\n", f);
}

static void environment(ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    const ab_summary *s = c->s;
    ab_env e;
    ab_env_read(&e);
    const char *acc_flags = s->acc.n ? ab_results_extra(&s->acc, 0, "env_cpu_flags") : NULL;
    const char *acc_glibc = s->acc.n ? ab_results_extra(&s->acc, 0, "env_glibc") : NULL;
    const char *acc_cc = s->acc.n ? ab_results_extra(&s->acc, 0, "env_compiler") : NULL;
    char commit[96], dirty[16], when[64], sweep_when[64] = "unknown", buf[512];
    run_capture("git rev-parse --short HEAD 2>/dev/null", commit, sizeof commit);
    if (strcmp(commit, "unknown")) {
        run_capture("git status --porcelain --untracked-files=no 2>/dev/null | head -c 1 | wc -c",
                    dirty, sizeof dirty);
        if (!strcmp(dirty, "1")) strncat(commit, " (with uncommitted changes)", sizeof commit - strlen(commit) - 1);
    }
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    struct stat st;
    if (stat(c->o->accuracy, &st) == 0)
        strftime(sweep_when, sizeof sweep_when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&st.st_mtime));
    fputs("<section id=\"environment\"><h2>Environment</h2>\n<table class=\"env\"><tbody>\n", f);
    env_row(f, "CPU", e.cpu_model);
    env_row(f, "ISA flags (sweep)", acc_flags && *acc_flags ? acc_flags : e.isa_flags);
    env_row(f, "ISA flags (report machine)", e.isa_flags);
    env_row(f, "compiler", acc_cc && *acc_cc ? acc_cc : e.compiler);
    env_row(f, "compiler flags", c->o->cflags ? c->o->cflags : "not recorded (pass --cflags)");
    env_row(f, "glibc", acc_glibc && *acc_glibc ? acc_glibc : e.glibc);
    env_row(f, "MPFR", e.mpfr);
    env_row(f, "GMP", e.gmp);
#ifdef SLEEF_VERSION_MAJOR
    snprintf(buf, sizeof buf, "%d.%d.%d (headers)", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR,
             SLEEF_VERSION_PATCHLEVEL);
    env_row(f, "SLEEF", buf);
#else
    env_row(f, "SLEEF", "not available at build time");
#endif
    env_row(f, "git commit", commit);
    env_row(f, "accuracy CSV written", sweep_when);
    env_row(f, "report generated", when);
    snprintf(buf, sizeof buf, "%llu (0x%llx)", (unsigned long long)s->seed, (unsigned long long)s->seed);
    env_row(f, "seed", buf);
    uint64_t total = 0;
    for (size_t i = 0; i < s->acc.n; i++) total += s->acc.rows[i].samples;
    snprintf(buf, sizeof buf, "%llu per range (smaller ranges exhaustively); %llu evaluations "
                              "in %zu rows", (unsigned long long)s->samples_requested,
             (unsigned long long)total, s->acc.n);
    env_row(f, "samples", buf);
    snprintf(buf, sizeof buf, "%zu activations, %zu (activation, precision, variant)", na, s->n);
    env_row(f, "catalog", buf);
    env_row(f, "throughput", s->have_tp ? c->o->throughput : "not measured");
    fputs("</tbody></table>\n<p>Reproduce this run (from the repository root, at the commit "
          "above):</p>\n<pre>", f);
    fprintf(f, "make all\nbuild/actbench sweep --seed %llu --samples %llu",
            (unsigned long long)s->seed, (unsigned long long)s->samples_requested);
    if (na < ab_activation_count()) {
        fputs(" --activation ", f);
        for (size_t i = 0; i < na; i++) {
            if (i) fputc(',', f);
            ESC(acts[i]);
        }
    }
    fputs(" \\\n    -o results/accuracy.csv --profile results/profile "
          "--special-values results/special_values.csv\n", f);
    fputs("build/actbench bench -o results/throughput.csv\n", f);
    fputs("build/actbench report\n# or, for the default catalog: make report</pre>\n</section>\n", f);
}

/* ---- the page ----------------------------------------------------------- */

static const char css[] =
    "*{box-sizing:border-box}"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d232a;"
    "margin:0;background:#f6f7f9}"
    "header{background:#1f2d3d;color:#fff;padding:18px 28px}"
    "header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#c9d3de;font-size:13px}"
    "main{padding:8px 28px 40px;max-width:1500px}"
    "h2{margin:28px 0 8px;font-size:20px;border-bottom:2px solid #d6dbe1;padding-bottom:4px}"
    "h3{margin:18px 0 6px;font-size:16px}"
    "section.activation{background:#fff;border:1px solid #e1e5ea;border-radius:6px;"
    "padding:4px 18px 14px;margin:18px 0}"
    "nav.toc{columns:6 140px;font-size:13px;margin:6px 0 10px}nav.toc a{display:block}"
    "a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}"
    "table{border-collapse:collapse;font-size:12.5px;background:#fff}"
    "th,td{border:1px solid #dde1e6;padding:3px 7px;text-align:right;white-space:nowrap}"
    "th{background:#eef1f4;font-weight:600;text-align:center}"
    "table.sortable th{cursor:pointer;user-select:none}"
    "table.sortable th:hover{background:#e1e7ee}"
    "th[data-dir=asc]::after{content:' \\25B2';font-size:9px}"
    "th[data-dir=desc]::after{content:' \\25BC';font-size:9px}"
    "td.name,td:first-child{text-align:left;font-weight:600}"
    "td:nth-child(2),td:nth-child(3){text-align:left}table.rec td{text-align:left;white-space:normal}"
    "table.rec .dim{display:block;font-size:11px}"
    ".cr{background:#c9efcf}.u1{background:#e3f4c2}.u4{background:#fff1b0}"
    ".u64{background:#ffd7a3}.bad{background:#f6b2b2}.na{color:#999}"
    ".fail{color:#b00000;font-weight:600}.ok{color:#17803a}.none{color:#999}"
    ".failtxt{color:#b00000;font-weight:600}.oktxt{color:#17803a}"
    ".dim{color:#66707a;font-weight:400}"
    ".legend span{display:inline-block;padding:1px 8px;margin-right:4px;border:1px solid #dde1e6;"
    "font-size:12px}"
    ".scroll{overflow-x:auto;max-width:100%}"
    ".sw{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:5px}"
    ".s1{background:#0072b2}.s2{background:#d55e00}.s3{background:#009e73}.s4{background:#cc79a7}"
    ".s5{background:#e69f00}.s6{background:#56b4e9}.s7{background:#000}.s8{background:#8c564b}"
    ".s9{background:#7f7f7f}.s10{background:#bcbd22}"
    ".plots{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px}"
    "figure{margin:0;flex:1 1 440px;max-width:100%}figure.wide{flex:1 1 100%}"
    "figure svg{width:100%;height:auto;display:block;border:1px solid #eceff2}"
    "figure.wide svg{max-width:1000px}figure:not(.wide) svg{max-width:620px}"
    "figcaption{font-size:12px;color:#55606b;margin:3px 2px 0;max-width:1000px}"
    ".note{color:#8a5a00;font-size:12.5px}"
    "p.rec{margin:6px 0}p.onsets{font-size:13px;color:#444}"
    "table.onsets,table.sv{margin-top:8px}table.sv td{text-align:center}"
    "details.special{margin-top:10px}details.special summary{cursor:pointer;font-size:13px}"
    "table.env th{text-align:left}table.env td{text-align:left;white-space:normal}"
    "pre{background:#1f2d3d;color:#e8eef4;padding:10px 12px;border-radius:4px;overflow-x:auto;"
    "font-size:12.5px}"
    "code{font-size:11.5px}";

static const char js[] =
    "(function(){"
    "function key(td){var v=td.getAttribute('data-v');"
    "if(v!==null){if(v==='')return null;var n=parseFloat(v);return isNaN(n)?null:n;}"
    "return td.textContent.trim().toLowerCase();}"
    "function cmp(a,b,dir){if(a===b)return 0;if(a===null)return 1;if(b===null)return -1;"
    "var r=(typeof a==='number'&&typeof b==='number')?(a<b?-1:1):String(a).localeCompare(String(b));"
    "return dir==='asc'?r:-r;}"
    "document.querySelectorAll('table.sortable').forEach(function(t){"
    "var hs=t.tHead.rows[0].cells;"
    "Array.prototype.forEach.call(hs,function(th,i){th.addEventListener('click',function(){"
    "var dir=th.getAttribute('data-dir')==='asc'?'desc':'asc';"
    "Array.prototype.forEach.call(hs,function(h){h.removeAttribute('data-dir');});"
    "th.setAttribute('data-dir',dir);var b=t.tBodies[0];"
    "var rows=Array.prototype.slice.call(b.rows).map(function(r,k){return {r:r,k:key(r.cells[i]),o:k};});"
    "rows.sort(function(x,y){return cmp(x.k,y.k,dir)||x.o-y.o;});"
    "rows.forEach(function(x){b.appendChild(x.r);});});});});"
    "})();";

int ab_report_generate(const ab_report_opts *o, int quiet, char *err, size_t errlen) {
    ab_summary s;
    if (ab_summary_load(&s, o->accuracy, o->throughput, err, errlen) != 0) return -1;
    ctx c = {0};
    c.o = o;
    c.s = &s;
    if (o->special_values) {
        FILE *probe = fopen(o->special_values, "r");
        if (probe) {
            fclose(probe);
            if (ab_csv_read(o->special_values, &c.sv, err, errlen) != 0) {
                ab_summary_free(&s);
                return -1;
            }
            c.have_sv = 1;
        }
    }
    ab_plotter pl;
    if (o->plots) ab_plotter_open(&pl, o->scripts);
    else {
        memset(&pl, 0, sizeof pl);
        pl.broken = 1;
        snprintf(pl.why, sizeof pl.why, "plots disabled (--no-plots)");
    }
    c.pl = &pl;
    /* Activations in order of appearance. */
    const char **acts = malloc((s.n + 1) * sizeof *acts);
    size_t na = 0;
    for (size_t i = 0; i < s.n; i++) {
        size_t k = 0;
        while (k < na && strcmp(acts[k], s.v[i].activation)) k++;
        if (k == na) acts[na++] = s.v[i].activation;
    }
    char *page = NULL;
    size_t page_len = 0;
    FILE *f = open_memstream(&page, &page_len);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    c.f = f;
    ab_env env;
    ab_env_read(&env);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>actbench: accuracy and speed of activation functions</title>\n<style>", f);
    fputs(css, f);
    fputs("</style></head><body>\n<header><h1>actbench: accuracy and speed of activation "
          "functions</h1><p>", f);
    fprintf(f, "%zu activations &middot; %zu variant builds &middot; ULP error against correctly "
               "rounded MPFR references &middot; seed 0x%llx, %llu samples per range &middot; ",
            na, s.n, (unsigned long long)s.seed, (unsigned long long)s.samples_requested);
    ESC(env.cpu_model);
    fputs("</p></header>\n<main>\n", f);

    /* Overview: legend, recommendations, contents. */
    fputs("<section id=\"overview\"><h2>Recommendations</h2>\n"
          "<p>For each activation and precision, the <b>fastest variant with no failures</b> "
          "whose max ULP error over every range is within the budget. No failures: no overflow, "
          "NaN, sign or zero-flush error on any range, and within its own declared bound. "
          "Fastest: smallest min ns per element at n=4096 (shown with the max ULP). Same rule as <code>build/actbench "
          "recommend --activation A --precision P --max-ulp U</code>. Click a column header to "
          "sort.</p>\n<p class=\"legend\">ULP classes: <span class=\"cr\">&le; 0.5 (correctly "
          "rounded)</span><span class=\"u1\">&le; 1</span><span class=\"u4\">&le; 4</span>"
          "<span class=\"u64\">&le; 64</span><span class=\"bad\">&gt; 64</span></p>\n", f);
    if (!s.have_tp)
        fputs("<p class=\"note\">No throughput CSV: speeds are not measured, so each cell names "
              "the most accurate qualifying variant.</p>\n", f);
    fputs("<div class=\"scroll\"><table class=\"sortable rec\" id=\"recommendations\"><thead><tr>"
          "<th>activation</th><th>f32 &le; 1 ULP</th><th>f32 &le; 4 ULP</th><th>f32 &le; 64 ULP</th>"
          "<th>f64 &le; 1 ULP</th><th>f64 &le; 4 ULP</th><th>f64 &le; 64 ULP</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++) {
        char id[160];
        anchor(id, sizeof id, acts[i]);
        fprintf(f, "<tr><td><a href=\"#%s\">", id);
        ESC(acts[i]);
        fputs("</a></td>", f);
        for (int pi = 0; pi < 2; pi++) {
            const char *prec = pi ? "f64" : "f32";
            size_t vi[MAXV];
            if (variants_of(&s, acts[i], prec, vi, MAXV)) recommend_cells(&c, acts[i], prec);
            else fputs("<td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n<h2>Activations</h2>\n<nav class=\"toc\">", f);
    for (size_t i = 0; i < na; i++) {
        char id[160];
        anchor(id, sizeof id, acts[i]);
        fprintf(f, "<a href=\"#%s\">", id);
        ESC(acts[i]);
        fputs("</a>", f);
    }
    fputs("<a href=\"#environment\"><i>environment</i></a></nav></section>\n", f);

    for (size_t i = 0; i < na; i++) {
        const char *act = acts[i];
        const ab_activation *a = ab_find_activation(act);
        char id[160];
        anchor(id, sizeof id, act);
        fprintf(f, "<section class=\"activation\" id=\"%s\" data-activation=\"", id);
        ESC(act);
        fputs("\"><h2>", f);
        ESC(act);
        fputs("</h2>\n", f);
        if (a && a->description) {
            fputs("<p>", f);
            ESC(a->description);
            fputs("</p>\n", f);
        }
        for (int pi = 0; pi < 2; pi++) {
            const char *prec = pi ? "f64" : "f32";
            size_t vi[MAXV];
            size_t nv = variants_of(&s, act, prec, vi, MAXV);
            if (!nv) continue;
            fputs("<h3>", f);
            ESC(act);
            fprintf(f, " &middot; %s</h3>\n", prec);
            summary_table(&c, act, prec, vi, nv);
            fputs("<p class=\"rec\">Recommended: ", f);
            static const double budgets[] = {1, 4, 64};
            for (int b = 0; b < 3; b++) {
                ab_recommendation r = ab_recommend(&s, act, prec, budgets[b]);
                fprintf(f, "%s&le; %g ULP: ", b ? " &middot; " : "", budgets[b]);
                if (r.best < 0) fputs("<span class=\"none\">none</span>", f);
                else {
                    fputs("<b>", f);
                    ESC(s.v[r.best].variant);
                    fputs("</b>", f);
                    if (!r.measured) fputs(" (no throughput row)", f);
                }
            }
            fputs("</p>\n", f);
            onset_table(&c, vi, nv);
            fputs("<div class=\"plots\">\n", f);
            error_profile(&c, act, prec, "full", vi, nv);
            if (o->core_profiles) error_profile(&c, act, prec, "core", vi, nv);
            histogram(&c, act, prec, vi, nv);
            pareto(&c, act, prec, vi, nv);
            throughput_plot(&c, act, prec, vi, nv);
            fputs("</div>\n", f);
            special_matrix(&c, act, prec);
        }
        fputs("</section>\n", f);
    }
    environment(&c, acts, na);
    fprintf(f, "</main>\n<script>%s</script>\n</body></html>\n", js);
    fclose(f);
    if (o->plots) ab_plot_run_all(&pl, 6);
    char *tmp;
    FILE *out = ab_atomic_open(o->output, &tmp);
    if (!out) {
        free(page);
        snprintf(err, errlen, "%s: cannot write the report", o->output);
        goto fail;
    }
    /* Substitute the plots for their markers. */
    const char *r = page;
    for (const char *m; (m = strstr(r, "<!--@abplot:"));) {
        fwrite(r, 1, (size_t)(m - r), out);
        unsigned id = (unsigned)strtoul(m + 12, NULL, 10);
        const char *end = strstr(m, "@-->");
        r = end ? end + 4 : m + 12;
        const char *why;
        char *svg = ab_plot_take(&pl, id, &why);
        if (svg) {
            fputs(svg, out);
            free(svg);
            c.plot_count++;
        } else {
            fputs("<p class=\"note\">Plot not drawn: ", out);
            ab_html_escape(out, why);
            fputs("</p>", out);
            c.note_count++;
        }
    }
    fputs(r, out);
    free(page);
    long size = ftell(out);
    if (ab_atomic_commit(out, tmp, o->output) != 0) {
        snprintf(err, errlen, "%s: cannot write the report", o->output);
        goto fail;
    }
    if (!quiet) {
        fprintf(stderr, "actbench report: wrote %s (%.2f MB, %d plots, %zu activations)\n",
                o->output, size / 1048576.0, c.plot_count, na);
        if (c.note_count && o->plots)
            fprintf(stderr, "actbench report: %zu plots not drawn%s%s\n", c.note_count,
                    pl.why[0] ? ": " : "", pl.why);
        if (size > (long)AB_REPORT_SIZE_LIMIT)
            fprintf(stderr, "actbench report: warning: %s is larger than %u MB\n", o->output,
                    AB_REPORT_SIZE_LIMIT / 1048576);
    }
    free(acts);
    ab_plotter_close(&pl);
    if (c.have_sv) ab_csv_table_free(&c.sv);
    ab_summary_free(&s);
    return 0;
fail:
    free(acts);
    ab_plotter_close(&pl);
    if (c.have_sv) ab_csv_table_free(&c.sv);
    ab_summary_free(&s);
    return -1;
}
