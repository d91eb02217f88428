/* half.c: the overview's table of the 16-bit formats.  One row per
 * elementwise activation and precision (bf16, f16; bf16-f32 where swept);
 * one column group per kind of kernel:
 *   per-op   the article's formula rounded to the format after every
 *            operation (what a naive low-precision kernel computes);
 *   via-f32  the best portable f32 variant, rounded once (its misroundings
 *            that a correctly rounded f32 result would share are the
 *            double roundings, "dr");
 *   vector   the most accurate SIMD kernel (AVX-512 conversions around an
 *            f32 kernel, or native half-precision arithmetic);
 *   table    the 65,536-entry table: exact, the speed bar.
 * Each group: max ULP on the full range (all 65,536 inputs), the correctly
 * rounded share, monotonicity violations and ns/elem at n = 4096; then the
 * recommendation for <= 1 ULP. */
#include "report.h"
#include <math.h>
#include <string.h>

enum { PEROP, VIA, VECTOR, TABLE, NCOLS };

static size_t pick(const ab_summary *s, const size_t *vi, size_t nv, int col) {
    static const char *const names[] = {"per-op", "via-f32", NULL, "table"};
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (col != VECTOR) {
            if (!strcmp(v->variant, names[col])) best = vi[k];
            continue;
        }
        if (strcmp(v->strategy, "vector") && strncmp(v->variant, "emu-", 4)) continue;
        double u = isnan(v->max_ulp_full) ? v->max_ulp : v->max_ulp_full;
        double b = best == SIZE_MAX ? INFINITY
                 : isnan(s->v[best].max_ulp_full) ? s->v[best].max_ulp : s->v[best].max_ulp_full;
        if (best == SIZE_MAX || u < b) best = vi[k];
    }
    return best;
}

static void cells(FILE *f, const ab_vsummary *v, int col) {
    if (!v) {
        fputs("<td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>"
              "<td data-v=\"\">&ndash;</td>", f);
        return;
    }
    rep_td_ulp(f, isnan(v->max_ulp_full) ? v->max_ulp : v->max_ulp_full);
    double cr = v->cr_full;
    fprintf(f, "<td data-v=\"%.6f\">%.4f%%", isnan(cr) ? 0 : cr, isnan(cr) ? 0 : 100 * cr);
    if (col == VIA && v->double_rounded_full) fprintf(f, "<br><small>dr %llu</small>", (unsigned long long)v->double_rounded_full);
    fputs("</td>", f);
    rep_td_count(f, v->monotone_full);
    if (isnan(v->ns_l1)) fputs("<td data-v=\"\">&ndash;</td>", f);
    else fprintf(f, "<td data-v=\"%.6g\">%.3g</td>", v->ns_l1, v->ns_l1);
}

static void recommendation(FILE *f, const ab_summary *s, const char *act, const char *prec) {
    ab_recommendation r = ab_recommend(s, act, prec, 1);
    if (r.best < 0) {
        fputs("<td class=\"none\" data-v=\"\">none</td>", f);
        return;
    }
    fputs("<td data-v=\"\">", f);
    ab_html_escape(f, s->v[r.best].variant);
    fputs("</td>", f);
}

void rep_half_table(rep_ctx *c, const char *const *acts, size_t na) {
    static const char *const precs[] = {"bf16", "f16", "bf16-f32"};
    static const char *const cols[] = {"per-op", "via-f32", "vector", "table"};
    FILE *f = c->f;
    size_t rows = 0, vi[REP_MAXV];
    for (size_t i = 0; i < na; i++)
        for (int p = 0; p < 3; p++) rows += rep_variants_of(c->s, acts[i], precs[p], vi, REP_MAXV) > 0;
    if (!rows) return;
    fputs("<h2 id=\"half\">16-bit formats</h2>\n<p>bfloat16 (8-bit precision, f32's exponent "
          "range), IEEE binary16 (11 bits, normal range [2<sup>-14</sup>, 65504]) and bf16-f32 "
          "(bfloat16 in, f32 out), against references correctly rounded to the format with its "
          "exponent range emulated. Every figure rests on all 65,536 inputs. <b>per-op</b>: the "
          "article's formula rounded after every operation; <b>via-f32</b>: the best portable "
          "f32 variant, rounded once (<i>dr</i>: outputs off by a double rounding a correctly "
          "rounded f32 step would make too); <b>vector</b>: the most accurate SIMD kernel; "
          "<b>table</b>: a 65,536-entry table, exact by construction. Per kernel: max ULP, "
          "correctly rounded share, monotonicity violations over all inputs in order, ns per "
          "element at n=4096.</p>\n<div class=\"scroll\"><table class=\"sortable\" "
          "id=\"half-table\"><thead><tr><th>activation</th><th>precision</th>", f);
    for (int k = 0; k < NCOLS; k++)
        fprintf(f, "<th>%s<br>max ULP</th><th>%s<br>CR</th><th>%s<br>monotone</th><th>%s<br>ns</th>",
                cols[k], cols[k], cols[k], cols[k]);
    fputs("<th>&le; 1 ULP</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++)
        for (int p = 0; p < 3; p++) {
            size_t nv = rep_variants_of(c->s, acts[i], precs[p], vi, REP_MAXV);
            if (!nv) continue;
            fputs("<tr><td>", f);
            ab_html_act_link(f, acts[i]);
            fprintf(f, "</td><td>%s</td>", precs[p]);
            for (int k = 0; k < NCOLS; k++) {
                size_t j = pick(c->s, vi, nv, k);
                cells(f, j == SIZE_MAX ? NULL : &c->s->v[j], k);
            }
            recommendation(f, c->s, acts[i], precs[p]);
            fputs("</tr>\n", f);
        }
    fputs("</tbody></table></div>\n", f);
}
