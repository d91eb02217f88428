/* frameworks.c: what your framework computes.  For one (activation,
 * precision): every variant that calls a framework library (the CSV's
 * library column: oneDNN, XNNPACK, Eigen, Highway, libtorch) beside the
 * best own variants, the most accurate that holds and the fastest that
 * holds within 4 ULP, so that a researcher sees at once how far the code
 * they run is from the best available. */
#include "report.h"
#include <math.h>
#include <string.h>

static int own(const ab_vsummary *v) {
    return !*v->library && strcmp(v->strategy, "library") != 0;
}

/* The own variant that holds with the least max ULP (ties: faster), and
 * the fastest that holds within 4 ULP; SIZE_MAX: none. */
static void best_own(const ab_summary *s, const size_t *vi, size_t nv, size_t *acc, size_t *fast) {
    *acc = *fast = SIZE_MAX;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (!own(v) || ab_verdict_kind_of(&v->verdict) != AB_HOLDS) continue;
        if (*acc == SIZE_MAX || v->max_ulp < s->v[*acc].max_ulp ||
            (v->max_ulp == s->v[*acc].max_ulp && v->ns_l1 < s->v[*acc].ns_l1))
            *acc = vi[k];
        if (v->max_ulp <= 4 && !isnan(v->ns_l1) &&
            (*fast == SIZE_MAX || v->ns_l1 < s->v[*fast].ns_l1))
            *fast = vi[k];
    }
}

static void row(rep_ctx *c, const ab_vsummary *v, const char *who) {
    FILE *f = c->f;
    fputs("<tr><td class=\"name\">", f);
    ESC(v->variant);
    fputs("</td><td>", f);
    ESC(who);
    fputs("</td>", f);
    rep_td_ulp(f, v->max_ulp_full);
    rep_td_ulp(f, v->max_ulp_core);
    rep_td_count(f, v->overflow + v->nan + v->sign_errors + v->zero_flush);
    uint64_t pv = 0;
    for (int b = 5; b < AB_FAIL_CLASSES; b++) pv += v->verdict.c[b].bad;
    rep_td_count(f, pv);
    if (isnan(v->ns_l1)) fputs("<td data-v=\"\">&ndash;</td>", f);
    else fprintf(f, "<td data-v=\"%.6g\">%.3g</td>", v->ns_l1, v->ns_l1);
    rep_verdict_cell(f, v);
    fputs("</tr>\n", f);
}

void rep_framework_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                         size_t nv) {
    (void)act, (void)prec;
    size_t nf = 0;
    for (size_t k = 0; k < nv; k++) nf += *c->s->v[vi[k]].library != 0;
    if (!nf) return;
    FILE *f = c->f;
    fputs("<details class=\"frameworks\" open><summary>What your framework computes</summary>\n"
          "<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th>variant</th>"
          "<th>library, or own</th>"
          "<th title=\"max ULP error on the full range\">max ULP<br>full</th>"
          "<th title=\"max ULP error on [-10, 10]\">max ULP<br>core</th>"
          "<th title=\"overflow, NaN, sign and zero-flush results, summed over ranges\">failures</th>"
          "<th title=\"property violations, summed over ranges\">property<br>violations</th>"
          "<th title=\"min ns per element at n=4096\">ns/elem<br>@4K</th><th>verdict</th>"
          "</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < nv; k++)
        if (*c->s->v[vi[k]].library) row(c, &c->s->v[vi[k]], c->s->v[vi[k]].library);
    size_t a, q;
    best_own(c->s, vi, nv, &a, &q);
    if (a != SIZE_MAX) row(c, &c->s->v[a], "own: most accurate that holds");
    if (q != SIZE_MAX && q != a) row(c, &c->s->v[q], "own: fastest that holds within 4 ULP");
    fputs("</tbody></table></div></details>\n", f);
}
