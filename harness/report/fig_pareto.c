/* fig_pareto.c: accuracy against speed for one (activation, precision),
 * with the Pareto frontier.  The y axis shows only the band where the
 * choice is made (up to just above the largest error within 64 ULP);
 * points above it sit on the top edge as triangles, their value in their
 * label and tooltip.  Labels are placed here (plotlayout.c), not by
 * gnuplot, so that they cannot overlap; a label that finds no room
 * becomes the point's number in the key. */
#include "figures.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ULP_FLOOR 0.25 /* errors below (exact results too) sit on the bottom line */
#define QUALIFY 64     /* the loosest recommendation band */
#define LABEL_CHAR_PX 5.6
#define LABEL_H 11

static const ab_frame pareto_frame = {560, 340, 72, 546, 26, 292};

typedef struct {
    double ns, ulp, y;  /* y: where it is drawn */
    size_t k;           /* the series */
    int clean, off, front;
    int numbered;       /* its name found no room: labelled by k + 1 */
    char text[160];
} ppoint;

typedef struct {
    double xlo, xhi, ylo, ytop, yhi; /* yhi: the top edge, for off-scale points */
} paxes;

static double px_x(const paxes *a, double x) {
    const ab_frame *f = &pareto_frame;
    return f->left + (log(x) - log(a->xlo)) / (log(a->xhi) - log(a->xlo)) * (f->right - f->left);
}
static double px_y(const paxes *a, double y) {
    const ab_frame *f = &pareto_frame;
    return f->top + (log(a->yhi) - log(y)) / (log(a->yhi) - log(a->ylo)) * (f->bottom - f->top);
}
static double data_x(const paxes *a, double px) {
    const ab_frame *f = &pareto_frame;
    return exp(log(a->xlo) + (px - f->left) / (f->right - f->left) * (log(a->xhi) - log(a->xlo)));
}
static double data_y(const paxes *a, double py) {
    const ab_frame *f = &pareto_frame;
    return exp(log(a->yhi) - (py - f->top) / (f->bottom - f->top) * (log(a->yhi) - log(a->ylo)));
}

/* The band: up to the smallest power of two above the largest error
 * within QUALIFY ULP (at least 4), so that 1-4 ULP keep their height. */
static void pareto_axes(paxes *a, ppoint *p, size_t np) {
    double qmax = 0, nlo = INFINITY, nhi = 0;
    for (size_t i = 0; i < np; i++) {
        if (p[i].ulp <= QUALIFY && p[i].ulp > qmax) qmax = p[i].ulp;
        nlo = fmin(nlo, p[i].ns);
        nhi = fmax(nhi, p[i].ns);
    }
    a->ytop = 4;
    while (a->ytop <= qmax) a->ytop *= 2;
    a->ylo = ULP_FLOOR / 1.6;
    a->yhi = a->ytop * 1.6;
    a->xlo = nlo / 1.4;
    a->xhi = nhi * 1.4;
    for (size_t i = 0; i < np; i++) {
        p[i].off = !(p[i].ulp <= a->ytop); /* NaN too */
        p[i].y = p[i].off ? a->yhi : fmax(p[i].ulp, ULP_FLOOR);
    }
}

static void pareto_ytics(char *buf, size_t len, const paxes *a) {
    size_t n = (size_t)snprintf(buf, len, "set ytics (\"\u2264%g\" %g", ULP_FLOOR, ULP_FLOOR);
    for (double t = 2 * ULP_FLOOR; t <= a->ytop && n < len; t *= 2)
        n += (size_t)snprintf(buf + n, len - n, ", \"%g\" %g", t, t);
    if (n < len) snprintf(buf + n, len - n, ", \">%g\" %.17g)", a->ytop, a->yhi);
}

/* Placement order: the frontier first, then by error, then by speed. */
static int by_importance(const void *x, const void *y) {
    const ppoint *const *pa = x, *const *pb = y;
    const ppoint *a = *pa, *b = *pb;
    if (a->front != b->front) return b->front - a->front;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    if (a->ns != b->ns) return a->ns < b->ns ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

static void set_label(ab_label *l, const paxes *a, const ppoint *p, const char *text) {
    l->px = px_x(a, p->ns);
    l->py = px_y(a, p->y);
    l->w = ab_tick_label_px(text, LABEL_CHAR_PX) + 2;
    l->h = LABEL_H;
}

/* Places the names, then numbers for the names that found no room;
 * lab[i] is the label of p[i] (state 1 when placed), text in p[i].text. */
static void pareto_labels(ppoint *p, size_t np, const paxes *a, ab_label *lab) {
    const ab_frame *f = &pareto_frame;
    ab_box area = {f->left, f->top - 6, f->right - f->left, f->bottom - f->top + 6};
    ab_box *marks = malloc(np * sizeof *marks);
    ppoint **ord = malloc(np * sizeof *ord);
    ab_label *tmp = malloc(np * sizeof *tmp);
    if (!marks || !ord || !tmp) exit(3);
    for (size_t i = 0; i < np; i++) {
        marks[i] = (ab_box){px_x(a, p[i].ns) - 5, px_y(a, p[i].y) - 5, 10, 10};
        ord[i] = &p[i];
    }
    qsort(ord, np, sizeof *ord, by_importance);
    for (size_t i = 0; i < np; i++) {
        set_label(&tmp[i], a, ord[i], ord[i]->text);
        tmp[i].state = 0;
    }
    ab_place_labels(tmp, np, marks, np, area);
    for (size_t i = 0; i < np; i++)
        if (tmp[i].state < 0) {
            char num[24];
            snprintf(num, sizeof num, "%zu", ord[i]->k + 1);
            ord[i]->numbered = 1;
            set_label(&tmp[i], a, ord[i], num);
            tmp[i].state = 0;
        }
    ab_place_labels(tmp, np, marks, np, area);
    /* A number may cover another point's marker rather than be lost. */
    for (size_t i = 0; i < np; i++)
        if (tmp[i].state < 0) tmp[i].state = 0;
    ab_place_labels(tmp, np, NULL, 0, area);
    for (size_t i = 0; i < np; i++) {
        if (tmp[i].state < 0) ord[i]->numbered = 0; /* unlabelled: known by its marker */
        lab[ord[i] - p] = tmp[i];
    }
    free(marks);
    free(ord);
    free(tmp);
}

/* The frontier of the points without failures, as a staircase to the
 * right edge; marks its points.  Returns 0 when there is none. */
static int pareto_front(rep_ctx *c, ppoint *p, size_t np, const paxes *a, char *fpath) {
    ppoint **s = malloc(np * sizeof *s);
    if (!s) exit(3);
    for (size_t i = 0; i < np; i++) s[i] = &p[i];
    for (size_t i = 1; i < np; i++) /* insertion sort by speed: stable, np small */
        for (size_t j = i; j > 0 && s[j]->ns < s[j - 1]->ns; j--) {
            ppoint *t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    FILE *fr = NULL;
    double best = INFINITY, besty = 0;
    for (size_t i = 0; i < np; i++) {
        if (!s[i]->clean || !(s[i]->ulp < best)) continue;
        best = s[i]->ulp;
        besty = s[i]->y;
        s[i]->front = 1;
        if (!fr && !(fr = ab_plot_data(c->pl, "front", fpath))) break;
        fprintf(fr, "%.6g %.6g\n", s[i]->ns, s[i]->y);
    }
    free(s);
    if (!fr) return 0;
    fprintf(fr, "%.6g %.6g\n", a->xhi, besty);
    fclose(fr);
    return 1;
}

/* One block per point: "ns y pointtype label_x label_y label". */
static void pareto_points(FILE *d, const ppoint *p, size_t np, const paxes *a, const ab_label *lab) {
    for (size_t i = 0; i < np; i++) {
        ab_plot_style st = ab_plot_style_of(p[i].k);
        int pt = p[i].off ? 9 : st.pt;
        if (!p[i].clean) pt--; /* open: failures */
        if (i) fputs("\n\n", d);
        if (lab[i].state == 1) {
            char num[24];
            snprintf(num, sizeof num, "%zu", p[i].k + 1);
            fprintf(d, "%.6g %.6g %d %.6g %.6g \"%s\"\n", p[i].ns, p[i].y, pt,
                    data_x(a, lab[i].box.x + 1), data_y(a, lab[i].box.y + lab[i].box.h / 2),
                    p[i].numbered ? num : p[i].text);
        } else {
            /* An empty label on the point: a labels plot with no valid
             * point crashes gnuplot 5.4 (NaN coordinates). */
            fprintf(d, "%.6g %.6g %d %.6g %.6g \"\"\n", p[i].ns, p[i].y, pt, p[i].ns, p[i].y);
        }
    }
}

static void pareto_key(const rep_ctx *c, const ppoint *p, size_t np, const size_t *vi,
                       fig_key_entry *key) {
    for (size_t i = 0; i < np; i++) {
        const ab_vsummary *v = &c->s->v[vi[p[i].k]];
        key[i] = fig_key_variant(c, vi[p[i].k], p[i].k, 0, 1);
        snprintf(key[i].plots, sizeof key[i].plots, "%zu %zu", i + 1, np + i + 1);
        snprintf(key[i].tip, sizeof key[i].tip, "%s: max %.4g ULP, %.4g ns per element%s",
                 v->variant, p[i].ulp, p[i].ns, p[i].clean ? "" : ", with failures");
        if (p[i].numbered) key[i].number = (long)p[i].k + 1;
        key[i].open = !p[i].clean;
    }
}

void rep_pareto(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Accuracy against throughput for %s %s", act, prec);
    fig_open(f, "plot");
    ppoint pts[REP_MAXV];
    size_t np = 0;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        if (isnan(v->ns_l1) || !(v->ns_l1 > 0)) continue;
        ppoint *q = &pts[np++];
        *q = (ppoint){.ns = v->ns_l1, .ulp = v->max_ulp, .k = k, .clean = ab_vsummary_clean(v)};
    }
    if (!np || !c->o->plots || c->pl->broken) {
        if (!np) fputs("<p class=\"note\">No throughput rows at n=4096 for these variants "
                       "(run <code>build/actbench bench</code>).</p>", f);
        else fig_plot_or_note(c, 0, what);
        fig_close(f, "");
        return;
    }
    paxes ax;
    pareto_axes(&ax, pts, np);
    for (size_t i = 0; i < np; i++) {
        char nm[128];
        fig_plain_name(nm, sizeof nm, c->s->v[vi[pts[i].k]].variant);
        if (pts[i].off) snprintf(pts[i].text, sizeof pts[i].text, "%s (%.2g)", nm, pts[i].ulp);
        else snprintf(pts[i].text, sizeof pts[i].text, "%s", nm);
    }
    char ppath[512], fpath[512] = "";
    if (!pareto_front(c, pts, np, &ax, fpath)) fpath[0] = 0;
    ab_label lab[REP_MAXV];
    pareto_labels(pts, np, &ax, lab);
    FILE *d = fig_data(c, "pts", ppath, what);
    if (!d) return;
    pareto_points(d, pts, np, &ax, lab);
    fclose(d);
    ab_gp_args a = {0};
    char yt[1024];
    snprintf(title, sizeof title, "%s %s: accuracy vs speed (n=4096)", act, prec);
    fig_common_args(&a, c, title, &pareto_frame);
    ab_gp_str(&a, "ptsfile", ppath);
    ab_gp_str(&a, "frontfile", fpath);
    ab_gp_num(&a, "npts", (double)np);
    ab_gp_num(&a, "xlo", ax.xlo);
    ab_gp_num(&a, "xhi", ax.xhi);
    ab_gp_num(&a, "ylo", ax.ylo);
    ab_gp_num(&a, "yhi", ax.yhi);
    pareto_ytics(yt, sizeof yt, &ax);
    ab_gp_str(&a, "ytics_cmd", yt);
    fig_key_entry key[REP_MAXV + 1];
    pareto_key(c, pts, np, vi, key);
    size_t nk = np;
    if (fpath[0]) {
        key[nk] = (fig_key_entry){.name = "Pareto frontier", .st = {"#333333", 1, 7}, .line = 1};
        snprintf(key[nk].plots, sizeof key[nk].plots, "%zu", 2 * np + 1);
        nk++;
    }
    char cap[768];
    snprintf(cap, sizeof cap,
             "Max ULP error over all ranges against ns per element at n=4096. Filled markers: no "
             "failures; open markers: overflow, NaN, sign or zero-flush failures or a broken bound. "
             "Errors up to %g ULP are to scale (below %g on the bottom line); &#9650; on the top "
             "line: larger, the value in brackets. A number instead of a name: the key entry with "
             "that number. The dashed staircase is the Pareto frontier of the variants without "
             "failures: no variant without failures is both faster and more accurate than a point "
             "on it.", ax.ytop, ULP_FLOOR);
    fig_queue_and_close(c, "pareto.gp", &a, title, what, cap, key, nk);
}
