/* fig_speed.c: the speed figures of one (activation, precision): accuracy
 * against throughput with the Pareto frontier, and ns per element by
 * array size. */
#include "figures.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double ns, ulp;
    size_t k;
} ppoint;

static int by_ns(const void *a, const void *b) {
    const ppoint *x = a, *y = b;
    return (x->ns > y->ns) - (x->ns < y->ns);
}

void rep_pareto(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Accuracy against throughput for %s %s", act, prec);
    fig_open(f, "plot");
    ppoint pts[REP_MAXV];
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
        else fig_plot_or_note(c, 0, what);
        fig_close(f, "");
        return;
    }
    fig_ulp_axis ax;
    fig_axis_from_max(&ax, maxf, any_inf, prec);
    char ppath[512], fpath[512] = "";
    FILE *d = fig_data(c, "pts", ppath, what);
    if (!d) return;
    for (size_t i = 0; i < np; i++) {
        const ab_vsummary *v = &c->s->v[vi[pts[i].k]];
        char nm[128];
        fig_plain_name(nm, sizeof nm, v->variant);
        fprintf(d, "%.6g %.6g %d %zu \"%s\"\n", pts[i].ns, fig_y_clamp(&ax, pts[i].ulp),
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
        fprintf(fr, "%.6g %.6g\n", pts[i].ns, fig_y_clamp(&ax, pts[i].ulp));
        nf++;
    }
    /* The staircase continues to the slowest point: nothing there beats it. */
    if (fr) {
        fprintf(fr, "%.6g %.6g\n", pts[np - 1].ns * 1.25, fig_y_clamp(&ax, best));
        fclose(fr);
    }
    if (nf < 1) fpath[0] = 0;
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s: accuracy vs speed (n=4096)", act, prec);
    ab_gp_str(&a, "scriptdir", c->o->scripts);
    ab_gp_str(&a, "plot_title", title);
    ab_gp_str(&a, "ptsfile", ppath);
    ab_gp_str(&a, "frontfile", fpath);
    fig_axis_args(&a, &ax);
    ab_gp_num(&a, "width", 560);
    fig_queue_and_close(c, "pareto.gp", &a, title, what,
                        "Max ULP error over all ranges against ns per element at n=4096. The "
                        "dashed staircase is the Pareto frontier of the variants without failures: "
                        "no variant without failures is both faster and more accurate than a point "
                        "on it.");
}

static int by_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

void rep_throughput_plot(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                         size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Throughput of %s %s by array size", act, prec);
    fig_open(f, "plot");
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
        else fig_plot_or_note(c, 0, what);
        fig_close(f, "");
        return;
    }
    qsort(sizes, ns, sizeof *sizes, by_size);
    char dpath[512], bpath[512] = "";
    FILE *d = fig_data(c, "tput", dpath, what);
    if (!d) return;
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
    fig_series_args(&a, c, title, dpath, vi, nv);
    ab_gp_str(&a, "basefile", bpath);
    ab_gp_str(&a, "xtics_cmd", xt);
    ab_gp_num(&a, "width", 560);
    fig_queue_and_close(c, "throughput.gp", &a, title, what,
                        "Minimum ns per element over the timed samples (one pinned thread, core-range "
                        "inputs); the grey dashed line is memcpy of the same bytes.");
}
