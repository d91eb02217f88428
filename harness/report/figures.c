/* figures.c: see figures.h. */
#include "figures.h"
#include <math.h>
#include <string.h>

void fig_open(FILE *f, const char *cls) { fprintf(f, "<figure class=\"%s\">", cls); }

void fig_close(FILE *f, const char *caption) {
    fputs("<figcaption>", f);
    fputs(caption, f); /* trusted markup */
    fputs("</figcaption></figure>\n", f);
}

void fig_plot_or_note(rep_ctx *c, unsigned id, const char *what) {
    FILE *f = c->f;
    if (id) {
        rep_plot_marker(f, id);
    } else {
        fputs("<p class=\"note\">", f);
        ESC(what);
        fputs(" not drawn: ", f);
        ESC(c->pl->why[0] ? c->pl->why : "plots disabled");
        fputs("</p>", f);
        c->note_count++;
    }
}

void fig_not_drawn(rep_ctx *c, const char *what) {
    fig_plot_or_note(c, 0, what);
    fig_close(c->f, "");
}

/* The series' line and marker as gnuplot draws them, in CSS (report.css:
 * .ks): no SVG, so that a figure holds exactly one. */
static void key_sample(FILE *f, const fig_key_entry *e) {
    fputs("<i class=\"ks", f);
    if (e->line) fprintf(f, " l d%d", e->st.dash);
    if (e->marker) fprintf(f, " m%d%s", e->st.pt, e->open ? " o" : "");
    fprintf(f, "\" style=\"color:%s\" aria-hidden=\"true\"></i>", e->st.colour);
}

/* The key as buttons: report.js hides or shows the entry's plots. */
static void fig_key(FILE *f, const fig_key_entry *e, size_t n) {
    if (!n) return;
    fputs("<div class=\"serieskey\" role=\"group\" aria-label=\"Series (press to hide or show)\">", f);
    for (size_t k = 0; k < n; k++) {
        fprintf(f, "<button type=\"button\" aria-pressed=\"true\" data-plots=\"%s\"", e[k].plots);
        if (e[k].tip[0]) {
            fputs(" title=\"", f);
            ESC(e[k].tip);
            fputc('"', f);
        }
        fputc('>', f);
        key_sample(f, &e[k]);
        if (e[k].number > 0) fprintf(f, "<b>%ld</b> ", e[k].number);
        ESC(e[k].name);
        fputs("</button>", f);
    }
    if (n > 2)
        fputs("<button type=\"button\" class=\"all\" data-all=\"1\">show all</button>"
              "<button type=\"button\" class=\"all\" data-all=\"0\">hide all</button>", f);
    fputs("</div>", f);
}

fig_key_entry fig_key_variant(const rep_ctx *c, size_t vi, size_t k, int line, int marker) {
    fig_key_entry e;
    memset(&e, 0, sizeof e);
    e.name = c->s->v[vi].variant;
    e.st = ab_plot_style_of(k);
    e.line = line;
    e.marker = marker;
    snprintf(e.plots, sizeof e.plots, "%zu", k + 1);
    return e;
}

void fig_queue_and_close(rep_ctx *c, const char *script, ab_gp_args *a, const char *title,
                         const char *what, const char *caption, const fig_key_entry *key,
                         size_t nkey) {
    unsigned id = ab_plot_queue(c->pl, script, a, title);
    fig_plot_or_note(c, id, what);
    ab_gp_free(a);
    if (id) fig_key(c->f, key, nkey);
    fig_close(c->f, caption);
}

FILE *fig_data(rep_ctx *c, const char *stem, char *path, const char *what) {
    FILE *d = ab_plot_data(c->pl, stem, path);
    if (!d) fig_not_drawn(c, what);
    return d;
}

void fig_plain_name(char *out, size_t len, const char *s) {
    size_t k = 0;
    for (; *s && k + 1 < len; s++)
        out[k++] = (*s == ' ' || *s == '\'' || *s == '"') ? '_' : *s;
    out[k] = 0;
}

void fig_common_args(ab_gp_args *a, const rep_ctx *c, const char *title, const ab_frame *fr) {
    char cmd[4096];
    ab_gp_str(a, "scriptdir", c->o->scripts);
    ab_gp_str(a, "plot_title", title);
    ab_gp_num(a, "width", fr->w);
    ab_gp_num(a, "height", fr->h);
    ab_plot_styles_cmd(cmd, sizeof cmd);
    ab_gp_str(a, "styles_cmd", cmd);
    ab_frame_cmd(cmd, sizeof cmd, fr);
    ab_gp_str(a, "frame_cmd", cmd);
}

void fig_series_args(ab_gp_args *a, const rep_ctx *c, const char *title, const char *datafile,
                     const size_t *vi, size_t nv, const ab_frame *fr) {
    char titles[4096];
    size_t tl = 0;
    titles[0] = 0;
    for (size_t k = 0; k < nv; k++) {
        char nm[128];
        fig_plain_name(nm, sizeof nm, c->s->v[vi[k]].variant);
        tl += (size_t)snprintf(titles + tl, sizeof titles - tl, "%s%s", k ? " " : "", nm);
    }
    fig_common_args(a, c, title, fr);
    ab_gp_str(a, "datafile", datafile);
    ab_gp_num(a, "nseries", (double)nv);
    ab_gp_str(a, "titles", titles);
}

/* ---- the ULP axis -------------------------------------------------------- */

double fig_y_clamp(const fig_ulp_axis *ax, double u) {
    if (isinf(u) || isnan(u) || u > ax->cap) return ax->top;
    if (u < ax->floor) return ax->floor;
    return u;
}

void fig_axis_from_max(fig_ulp_axis *ax, double maxf, int any_inf, const char *prec) {
    ax->p = strcmp(prec, "f64") ? 24 : 53;
    ax->cap = ldexp(1, ax->p);
    ax->floor = 1e-3;
    ax->offscale = any_inf || maxf > ax->cap;
    if (!(maxf >= 1)) maxf = 1;
    if (ax->offscale) ax->top = pow(10, ceil(log10(ax->cap)) + 1);
    else ax->top = fmax(100, pow(10, ceil(log10(maxf * 1.0001))));
}

static void ytics_cmd(char *buf, size_t len, const fig_ulp_axis *ax) {
    size_t n = (size_t)snprintf(buf, len, "set ytics (\"≤0.001\" 1e-3, \"0.5\" 0.5, \"4\" 4, \"64\" 64");
    double lim = ax->offscale ? ax->cap / 50 : ax->top * 1.0001;
    for (int e = 4; e <= 16 && pow(10, e) <= lim; e += 4)
        if (n < len) n += (size_t)snprintf(buf + n, len - n, ", \"1e%d\" 1e%d", e, e);
    const char *sup = ax->p == 53 ? "2⁵³" : "2²⁴";
    if (ax->offscale && n < len)
        n += (size_t)snprintf(buf + n, len - n, ", \"%s\" %.17g, \">%s, ∞, NaN\" %.17g", sup,
                              ax->cap, sup, ax->top);
    if (n < len) snprintf(buf + n, len - n, ")");
}

void fig_axis_args(ab_gp_args *a, const fig_ulp_axis *ax) {
    char yt[1024];
    ytics_cmd(yt, sizeof yt, ax);
    ab_gp_num(a, "yfloor", ax->floor);
    ab_gp_num(a, "ytop", ax->top);
    ab_gp_str(a, "ytics_cmd", yt);
}
