/* gradients.c: the overview's table of the backward pass.  One row per
 * derivative (d_<name>) and backward row operation (<name>_backward) and
 * precision; one column per kind of formula a framework might run:
 *   naive        autodiff of the article's forward formula;
 *   from-output  the framework's backward kernel as shipped (from the
 *                rounded forward output where it takes one; "framework"
 *                for the piecewise functions' conventions);
 *   stable       the careful direct formula;
 *   vector       the most accurate SIMD kernel (the fused forward+backward
 *                ones return y and y' in one pass).
 * Each cell: max ULP on the full range (rows of row operations: over
 * every generator), the failure count (overflow, NaN, sign, zero flush)
 * and the verdict mark; "-" when the variant does not exist. */
#include "report.h"
#include <math.h>
#include <string.h>

static int is_gradient(const char *act) {
    size_t n = strlen(act);
    return !strncmp(act, "d_", 2) || (n > 9 && !strcmp(act + n - 9, "_backward"));
}

/* The variant of one column, as an index into s->v; SIZE_MAX: none. */
static size_t pick(const ab_summary *s, const size_t *vi, size_t nv, int col) {
    static const char *const names[] = {"naive", "from-output", "stable"};
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (col < 3) {
            if (!strcmp(v->variant, names[col]) ||
                (col == 1 && best == SIZE_MAX && !strcmp(v->variant, "framework")))
                best = vi[k];
            continue;
        }
        if (strcmp(v->strategy, "vector") != 0) continue;
        if (best == SIZE_MAX || v->max_ulp < s->v[best].max_ulp) best = vi[k];
    }
    return best;
}

static void cell(FILE *f, const ab_vsummary *v) {
    if (!v) {
        fputs("<td data-v=\"\">&ndash;</td>", f);
        return;
    }
    double u = isnan(v->max_ulp_full) ? v->max_ulp : v->max_ulp_full;
    uint64_t bad = v->overflow + v->nan + v->sign_errors + v->zero_flush;
    ab_verdict_kind k = ab_verdict_kind_of(&v->verdict);
    rep_td_ulp(f, u);
    fprintf(f, "<td%s data-v=\"%llu\">%llu%s</td>", bad ? " class=\"fail\"" : "",
            (unsigned long long)bad, (unsigned long long)bad,
            k == AB_HOLDS ? " &#10003;" : k == AB_FAILS ? " &#10007;" : "");
}

void rep_gradients_table(rep_ctx *c, const char *const *acts, size_t na) {
    size_t ng = 0;
    for (size_t i = 0; i < na; i++) ng += is_gradient(acts[i]);
    if (!ng) return;
    FILE *f = c->f;
    fputs("<h2 id=\"gradients\">Gradients</h2>\n<p>The backward pass: each derivative "
          "<code>d_&lt;name&gt;</code> and the vector&ndash;Jacobian products "
          "<code>softmax_backward</code> and <code>log_softmax_backward</code>, against their "
          "own correctly rounded MPFR references. <b>naive</b>: autodiff of the article's "
          "formula; <b>from-output</b>: the framework's backward kernel (from the rounded "
          "forward output where it takes one); <b>stable</b>: the careful direct formula; "
          "<b>vector</b>: the most accurate SIMD kernel (fused ones return y and y&prime; in "
          "one pass). Max ULP on the full range (row operations: every generator), then the "
          "count of overflow, NaN, sign and zero-flush failures, with &#10003; holds, &#10007; "
          "fails, nothing: fails as declared.</p>\n<div class=\"scroll\"><table class=\"sortable\" "
          "id=\"gradient-table\"><thead><tr><th>function</th><th>precision</th>", f);
    static const char *const cols[] = {"naive", "from-output", "stable", "vector"};
    for (int k = 0; k < 4; k++) fprintf(f, "<th>%s<br>max ULP</th><th>%s<br>failures</th>", cols[k], cols[k]);
    fputs("</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++) {
        if (!is_gradient(acts[i])) continue;
        for (int pi = 0; pi < 2; pi++) {
            const char *prec = pi ? "f64" : "f32";
            size_t vi[REP_MAXV];
            size_t nv = rep_variants_of(c->s, acts[i], prec, vi, REP_MAXV);
            if (!nv) continue;
            fputs("<tr><td>", f);
            ab_html_act_link(f, acts[i]);
            fprintf(f, "</td><td>%s</td>", prec);
            for (int k = 0; k < 4; k++) {
                size_t j = pick(c->s, vi, nv, k);
                cell(f, j == SIZE_MAX ? NULL : &c->s->v[j]);
            }
            fputs("</tr>\n", f);
        }
    }
    fputs("</tbody></table></div>\n", f);
}
