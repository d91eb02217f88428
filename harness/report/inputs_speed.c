/* inputs_speed.c: speed on other inputs.  The rows of `actbench bench
 * --inputs core,LO:HI,..` (report --inputs-throughput, make report's
 * results/throughput_inputs.csv): each variant's min ns per element on
 * each interval, and its ratio to the same variant's core row of the same
 * file, so that both timings come from one run.  A ratio of 3 or more is
 * marked: the variant slows down on those values (without FTZ, one
 * subnormal lane costs an Intel core a microcode assist per instruction).
 * The main throughput CSV's speeds (core inputs) stay the ones ranked. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

#define MAXI 8   /* intervals shown: bench --inputs takes at most 8 */

static const char *cell(const ab_csv_table *t, size_t r, int c) {
    return c >= 0 && (size_t)c < t->ncols[r] ? t->cells[r][c] : "";
}

static double ns_of(const char *s) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    return end == s || *end || errno || !isfinite(v) || v < 0 ? NAN : v;
}

int rep_inputs_speed_check(const ab_csv_table *t, const char *path, char *err, size_t errlen) {
    static const char *need[] = {"activation", "variant", "precision", "n", "ns_per_elem_min", "inputs"};
    if (t->nrows == 0) {
        snprintf(err, errlen, "%s:1: empty file (expected the throughput CSV of bench --inputs)", path);
        return -1;
    }
    for (size_t k = 0; k < sizeof need / sizeof *need; k++)
        if (ab_csv_column(t, need[k]) < 0) {
            snprintf(err, errlen, "%s:1: missing column '%s'", path, need[k]);
            return -1;
        }
    int cns = ab_csv_column(t, "ns_per_elem_min"), cst = ab_csv_column(t, "status");
    for (size_t r = 1; r < t->nrows; r++) {
        if (t->ncols[r] == 1 && !*t->cells[r][0]) continue;
        if (t->ncols[r] != t->ncols[0]) {
            snprintf(err, errlen, "%s:%zu: %zu fields, the header has %zu", path, t->line[r], t->ncols[r],
                     t->ncols[0]);
            return -1;
        }
        const char *st = cell(t, r, cst);
        if ((!*st || !strcmp(st, "ok")) && isnan(ns_of(cell(t, r, cns)))) {
            snprintf(err, errlen, "%s:%zu: column 'ns_per_elem_min': '%.40s' is not valid (a finite number of ns, >= 0)",
                     path, t->line[r], cell(t, r, cns));
            return -1;
        }
    }
    return 0;
}

typedef struct {
    const char *in[MAXI];          /* interval labels, first appearance; [0] = core when present */
    size_t ni;
    const char *var[REP_MAXV];
    size_t nv;
    double ns[REP_MAXV][MAXI];
    const char *n;
} grid;

static size_t find(const char *const *v, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++) if (!strcmp(v[i], s)) return i;
    return n;
}

/* The throughput rows of (act, prec) at the first n seen. */
static void fill(const ab_csv_table *t, const char *act, const char *prec, grid *g) {
    int ca = ab_csv_column(t, "activation"), cv = ab_csv_column(t, "variant"),
        cp = ab_csv_column(t, "precision"), cn = ab_csv_column(t, "n"),
        cns = ab_csv_column(t, "ns_per_elem_min"), ci = ab_csv_column(t, "inputs"),
        cm = ab_csv_column(t, "mode"), cst = ab_csv_column(t, "status");
    memset(g, 0, sizeof *g);
    g->in[g->ni++] = "core";
    for (size_t r = 1; r < t->nrows; r++) {
        if (t->ncols[r] != t->ncols[0] || strcmp(cell(t, r, ca), act) || strcmp(cell(t, r, cp), prec))
            continue;
        const char *st = cell(t, r, cst), *mode = cell(t, r, cm), *in = cell(t, r, ci);
        if ((*st && strcmp(st, "ok")) || (*mode && strcmp(mode, "throughput")) || !*in) continue;
        if (!g->n) g->n = cell(t, r, cn);
        if (strcmp(g->n, cell(t, r, cn))) continue;
        size_t i = find(g->in, g->ni, in), v = find(g->var, g->nv, cell(t, r, cv));
        if (i == g->ni) {
            if (g->ni == MAXI) continue;
            g->in[g->ni++] = in;
        }
        if (v == g->nv) {
            if (g->nv == REP_MAXV) continue;
            g->var[g->nv++] = cell(t, r, cv);
            for (size_t k = 0; k < MAXI; k++) g->ns[v][k] = NAN;
        }
        g->ns[v][i] = ns_of(cell(t, r, cns));
    }
}

void rep_inputs_speed_table(rep_ctx *c, const char *act, const char *prec) {
    if (!c->have_it) return;
    FILE *f = c->f;
    grid g;
    fill(&c->it, act, prec, &g);
    if (g.nv == 0 || g.ni < 2) return;
    size_t slow = 0;
    for (size_t v = 0; v < g.nv; v++) {
        int s = 0;
        for (size_t i = 1; i < g.ni; i++) s |= g.ns[v][i] >= 3 * g.ns[v][0];
        slow += s;
    }
    fprintf(f, "<h4>Speed on other inputs</h4>\n<p>Min ns per element at n=%s, inputs uniform in value "
               "over each interval (<code>actbench bench --inputs</code>), all from one run; &times;: "
               "against the same variant on the core inputs [-10,10] of that run. Marked: 3&times; or "
               "slower (%zu of %zu variants here), usually subnormal intermediate results, which cost "
               "Intel cores a microcode assist per instruction unless flushed to zero. Only the core "
               "inputs' speeds are ranked above.</p>\n",
            g.n, slow, g.nv);
    fputs("<div class=\"scroll\"><table class=\"sortable inputs\"><thead><tr><th>variant</th>", f);
    for (size_t i = 0; i < g.ni; i++) {
        fputs("<th>", f);
        ESC(g.in[i]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t v = 0; v < g.nv; v++) {
        fputs("<tr><td>", f);
        ESC(g.var[v]);
        fputs("</td>", f);
        double core = g.ns[v][0];
        for (size_t i = 0; i < g.ni; i++) {
            double ns = g.ns[v][i], r = ns / core;
            if (isnan(ns)) fputs("<td class=\"na\">&ndash;</td>", f);
            else if (i == 0 || isnan(r)) fprintf(f, "<td>%.3g</td>", ns);
            else fprintf(f, "<td%s data-v=\"%.4g\">%.3g <span class=\"dim\">%.2f&times;</span></td>",
                         r >= 3 ? " class=\"bad\"" : "", ns, ns, r);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}
