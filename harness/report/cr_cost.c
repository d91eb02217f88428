/* cr_cost.c: the overview's cost of correct rounding in f32.  For each
 * activation: the fastest variant that holds at <= 0.5 ULP (every result
 * the correctly rounded one; the recommendation rule of recommend.h,
 * "fastest" being its F, before the noise tie-break), the fastest variant
 * whose max ULP over every range is at most 4 and whose only failures, if
 * any, are ones it declares (verdict "holds" or "fails as declared": the
 * fast sigmoids declare their order failures), and the ratio of their min
 * ns per element at n = 4096, both from the same throughput CSV (one
 * bench run).  A ratio above 2 is marked: the target of a correctly
 * rounded kernel is twice the time of the fastest <= 4-ULP one.  The
 * evidence column says whether the 0.5 rests on every f32 input (the
 * exhaustive CSV) or on samples. */
#include "report.h"
#include <math.h>

static void name_ns(rep_ctx *c, const ab_vsummary *v) {
    FILE *f = c->f;
    fputs("<td class=\"name\">", f);
    ESC(v->variant);
    fputs("</td>", f);
    if (isnan(v->ns_l1)) fputs("<td data-v=\"\">not timed</td>", f);
    else fprintf(f, "<td data-v=\"%.6g\">%.3g</td>", v->ns_l1, v->ns_l1);
}

/* The fastest timed variant of (act, f32) within 4 ULP with no failure
 * beyond its declared ones; -1: none. */
static long fastest4(const ab_summary *s, const char *act) {
    size_t vi[REP_MAXV], n = rep_variants_of(s, act, "f32", vi, REP_MAXV);
    long best = -1;
    for (size_t k = 0; k < n; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (!v->status_ok || !(v->max_ulp <= 4) || ab_verdict_kind_of(&v->verdict) == AB_FAILS ||
            isnan(v->ns_l1))
            continue;
        if (best < 0 || v->ns_l1 < s->v[best].ns_l1) best = (long)vi[k];
    }
    return best;
}

static void row(rep_ctx *c, const char *act) {
    FILE *f = c->f;
    ab_recommendation r = ab_recommend(c->s, act, "f32", 0.5);
    long cr = r.fastest >= 0 ? r.fastest : r.best, fast = fastest4(c->s, act);
    fputs("<tr><td>", f);
    ab_html_act_link(f, act);
    fputs("</td>", f);
    if (cr < 0) {
        fputs("<td class=\"none\">none</td><td data-v=\"\"></td><td data-v=\"\">&ndash;</td>", f);
    } else {
        name_ns(c, &c->s->v[cr]);
        rep_evidence_cell(f, &c->s->v[cr]);
    }
    if (fast < 0) {
        fputs("<td class=\"none\">none</td><td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>", f);
    } else {
        name_ns(c, &c->s->v[fast]);
        rep_td_ulp(f, c->s->v[fast].max_ulp);
    }
    double a = cr < 0 ? NAN : c->s->v[cr].ns_l1, b = fast < 0 ? NAN : c->s->v[fast].ns_l1;
    if (isnan(a) || isnan(b) || !(b > 0)) fputs("<td data-v=\"\">&ndash;</td>", f);
    else fprintf(f, "<td%s data-v=\"%.6g\">%.2f&times;</td>", a / b > 2 ? " class=\"bad\"" : "", a / b, a / b);
    fputs("</tr>\n", f);
}

void rep_cr_cost_table(rep_ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    size_t vi[REP_MAXV], shown = 0;
    for (size_t i = 0; i < na; i++) shown += rep_variants_of(c->s, acts[i], "f32", vi, REP_MAXV) > 0;
    if (!shown) return;
    fputs("<h2 id=\"cr-cost\">Cost of correct rounding (f32)</h2>\n<p>For each activation, the "
          "fastest f32 variant that holds at &le; 0.5 ULP (every result the correctly rounded "
          "one), beside the fastest that holds within 4 ULP, with the ratio of their min ns per "
          "element at n=4096 from the same bench run. Holds: as in the recommendations. Ratios "
          "above 2&times; are marked. Evidence: <i>all 2<sup>32</sup> inputs</i> when the "
          "0.5 rests on every f32 input, else the samples it rests on. The 4-ULP side also "
          "admits a variant whose only failures are ones it declares (a fast sigmoid's order "
          "failures), timed, with its max ULP over every range.</p>\n"
          "<div class=\"scroll\"><table class=\"sortable\" id=\"cr-cost-table\"><thead><tr>"
          "<th>activation</th><th>fastest &le; 0.5 ULP</th><th>ns/elem<br>@4K</th>"
          "<th>evidence</th><th>fastest &le; 4 ULP</th><th>ns/elem<br>@4K</th><th>max ULP</th>"
          "<th title=\"the correctly rounded variant's time over the 4-ULP one's\">ratio</th>"
          "</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++)
        if (rep_variants_of(c->s, acts[i], "f32", vi, REP_MAXV)) row(c, acts[i]);
    fputs("</tbody></table></div>\n", f);
}
