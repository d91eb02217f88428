/* tables.c: the report's tables: recommendations (the overview's and the
 * line under each summary), the summary of each (activation, precision),
 * overflow/NaN onsets and the special-value matrix. */
#include "report.h"
#include "plotlayout.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The ULP budgets of the recommendations. */
static const double budgets[] = {1, 4, 64};

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

void rep_td_ulp_open(FILE *f, double u) {
    char b[32];
    fprintf(f, "<td class=\"%s\"", ulp_class(u));
    data_v(f, u);
    fprintf(f, ">%s", fmt_ulp(u, b));
}

void rep_td_ulp(FILE *f, double u) {
    rep_td_ulp_open(f, u);
    fputs("</td>", f);
}

void rep_td_count(FILE *f, uint64_t n) {
    fprintf(f, "<td%s data-v=\"%llu\">%llu</td>", n ? " class=\"fail\"" : "",
            (unsigned long long)n, (unsigned long long)n);
}

/* The verdict (verdict.h) and its reason, as recommend and the gate say it. */
void rep_verdict_cell(FILE *f, const ab_vsummary *v) {
    ab_verdict_kind k = ab_verdict_kind_of(&v->verdict);
    char why[1200];
    ab_verdict_reason(&v->verdict, why, sizeof why);
    /* A variant with no declared bound has nothing to hold: "no bound". */
    int unbounded = k == AB_HOLDS && isinf(v->declared);
    fprintf(f, "<td class=\"%s verdict\" data-v=\"%d\">%s", k == AB_HOLDS ? (unbounded ? "dim" : "ok") : k == AB_FAILS ? "fail" : "dim",
            k == AB_HOLDS ? 2 + !unbounded : k == AB_FAILS_AS_DECLARED ? 1 : 0,
            unbounded ? "no bound" : k == AB_HOLDS ? "&#10003; holds" : k == AB_FAILS ? "&#10007; fails" : "fails as declared");
    if (unbounded) fputs("<br><small>no failures; no ULP bound declared</small>", f);
    else if (*why) {
        fputs("<br><small>", f);
        ab_html_escape(f, why);
        fputs("</small>", f);
    }
    fputs("</td>", f);
}

void rep_evidence_cell(FILE *f, const ab_vsummary *v) {
    const char *e = ab_vsummary_evidence(v);
    int all = !strncmp(e, "exhaustive", 10);
    fprintf(f, "<td class=\"%s\" data-v=\"%d\">%s</td>", all ? "exh" : "dim", all,
            !all ? e : strstr(e, "65,536") ? "all 65,536 inputs" : "all 2<sup>32</sup> inputs");
}

/* Why a budget has no recommendation: the closest variant, its max ULP,
 * and what rules it out (recommend.h). */
static void none_reason(rep_ctx *c, const ab_recommendation *r, double budget) {
    FILE *f = c->f;
    if (r->closest < 0) return;
    char why[1200];
    ab_recommendation_why_not(c->s, r, budget, why, sizeof why);
    const ab_vsummary *v = &c->s->v[r->closest];
    fputs(" <small>closest: <b>", f);
    ESC(v->variant);
    fputs("</b>", f);
    if (!isnan(v->ns_l1)) fprintf(f, ", %.3g&thinsp;ns", v->ns_l1);
    fputs("; ", f);
    ESC(why);
    fputs("</small>", f);
}

/* The three budget cells of one (activation, precision) in the overview. */
static void recommend_cells(rep_ctx *c, const char *act, const char *prec) {
    FILE *f = c->f;
    for (int b = 0; b < 3; b++) {
        ab_recommendation r = ab_recommend(c->s, act, prec, budgets[b]);
        if (r.best < 0) {
            fputs("<td class=\"none\" data-v=\"\">none", f);
            none_reason(c, &r, budgets[b]);
            fputs("</td>", f);
            continue;
        }
        const ab_vsummary *v = &c->s->v[r.best];
        char margin[600];
        ab_recommendation_margin(c->s, &r, margin, sizeof margin);
        fprintf(f, "<td class=\"%s\"", ulp_class(v->max_ulp));
        data_v(f, r.measured ? v->ns_l1 : NAN);
        if (*margin) {
            fputs(" title=\"", f);
            ESC(margin);
            fputc('"', f);
        }
        fputs("><b>", f);
        ESC(v->variant);
        fputs("</b>", f);
        if (r.measured) fprintf(f, " <span class=\"dim\">%.3g&thinsp;ns %s&thinsp;ulp</span>", v->ns_l1,
                                fmt_ulp(v->max_ulp, (char[32]){0}));
        else fputs(" <span class=\"dim\">(not timed)</span>", f);
        if (!strncmp(ab_vsummary_evidence(v), "exhaustive", 10))
            fputs(" <span class=\"exh\" title=\"every f32 input: the max ULP is exact\">all 2<sup>32</sup></span>", f);
        fputs("</td>", f);
    }
}

void rep_recommendations_table(rep_ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    fputs("<div class=\"scroll\"><table class=\"sortable rec\" id=\"recommendations\"><thead><tr>"
          "<th>activation</th><th>f32 &le; 1 ULP</th><th>f32 &le; 4 ULP</th><th>f32 &le; 64 ULP</th>"
          "<th>f64 &le; 1 ULP</th><th>f64 &le; 4 ULP</th><th>f64 &le; 64 ULP</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++) {
        fputs("<tr><td>", f);
        ab_html_act_link(f, acts[i]);
        fputs("</td>", f);
        for (int pi = 0; pi < 2; pi++) {
            const char *prec = pi ? "f64" : "f32";
            size_t vi[REP_MAXV];
            if (rep_variants_of(c->s, acts[i], prec, vi, REP_MAXV)) recommend_cells(c, acts[i], prec);
            else fputs("<td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

void rep_recommended_line(rep_ctx *c, const char *act, const char *prec) {
    FILE *f = c->f;
    long prev = -1; /* the previous budget's closest variant, when none */
    fputs("<ul class=\"rec\">", f);
    for (int b = 0; b < 3; b++) {
        ab_recommendation r = ab_recommend(c->s, act, prec, budgets[b]);
        fprintf(f, "<li>Recommended, &le; %g ULP: ", budgets[b]);
        if (r.best < 0 && r.closest >= 0 && r.closest == prev &&
            !ab_vsummary_clean(&c->s->v[r.closest])) {
            /* The same variant and the same failures: not said twice. */
            const ab_vsummary *v = &c->s->v[r.closest];
            fputs("<span class=\"none\">none</span> <small>closest: <b>", f);
            ESC(v->variant);
            fputs("</b> again, ruled out by the same failures", f);
            if (!(v->max_ulp <= budgets[b])) fprintf(f, " and max ULP %.3g &gt; %g", v->max_ulp, budgets[b]);
            fputs("</small>", f);
        } else if (r.best < 0) {
            fputs("<span class=\"none\">none</span>", f);
            none_reason(c, &r, budgets[b]);
        } else {
            fputs("<b>", f);
            ESC(c->s->v[r.best].variant);
            fputs("</b>", f);
            if (!r.measured) fputs(" (no throughput row)", f);
            char margin[600];
            ab_recommendation_margin(c->s, &r, margin, sizeof margin);
            fputs(" <span class=\"dim\">(", f);
            ESC(ab_vsummary_evidence(&c->s->v[r.best]));
            if (*margin) {
                fputs("; ", f);
                ESC(margin);
            }
            fputs(")</span>", f);
        }
        prev = r.best < 0 ? r.closest : -1;
        fputs("</li>", f);
    }
    fputs("</ul>\n", f);
}

void rep_summary_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                       size_t nv) {
    FILE *f = c->f;
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
          "<th title=\"property violations (range, monotone, symmetry, NaN and infinity classes), summed over ranges\">property<br>violations</th>"
          "<th title=\"min ns per element at n=4096 (L1-resident)\">ns/elem<br>@4K</th>"
          "<th title=\"elements per second at n=4096, from the min\">Gelem/s<br>@4K</th>"
          "<th title=\"the variant's declared max ULP bound\">declared<br>bound</th>"
          "<th title=\"holds: within the declared bound and no failure of any class (overflow, NaN, sign, zero flush, range, monotone, symmetry, NaN and infinity classes) on any range; the reason otherwise\">verdict</th>"
          "<th title=\"what the figures rest on: every f32 input (sweep --exhaustive, results/exhaustive.csv) or samples\">evidence</th>"
          "</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        const char *formula = rep_csv_text(c->s, act, prec, v->variant, "formula");
        fputs("<tr><td class=\"name\"", f);
        if (formula) {
            fputs(" title=\"", f);
            ESC(formula);
            fputc('"', f);
        }
        fprintf(f, "><span class=\"sw s%zu\"></span>", k % AB_PLOT_NSTYLES + 1);
        ESC(v->variant);
        fputs("</td><td>", f);
        ESC(v->strategy);
        fputs("</td><td>", f);
        ESC(v->isa);
        fputs("</td>", f);
        rep_td_ulp(f, v->max_ulp);
        rep_td_ulp(f, v->max_ulp_full);
        rep_td_ulp(f, v->max_ulp_core);
        rep_td_ulp(f, v->mean_ulp_full);
        if (isnan(v->cr_full)) fputs("<td data-v=\"\">&ndash;</td>", f);
        else fprintf(f, "<td data-v=\"%.6g\">%.1f</td>", 100 * v->cr_full, 100 * v->cr_full);
        rep_td_count(f, v->overflow);
        rep_td_count(f, v->nan);
        rep_td_count(f, v->sign_errors);
        rep_td_count(f, v->zero_flush);
        uint64_t pv = 0;
        for (int b = 5; b < AB_FAIL_CLASSES; b++) pv += v->verdict.c[b].bad;
        rep_td_count(f, pv);
        if (isnan(v->ns_l1)) fputs("<td data-v=\"\">&ndash;</td><td data-v=\"\">&ndash;</td>", f);
        else fprintf(f, "<td data-v=\"%.6g\">%.3g</td><td data-v=\"%.6g\">%.3g</td>", v->ns_l1,
                     v->ns_l1, 1 / v->ns_l1, 1 / v->ns_l1);
        char b[32];
        fprintf(f, "<td");
        data_v(f, v->declared);
        fprintf(f, ">%s</td>", isinf(v->declared) ? "none" : fmt_ulp(v->declared, b));
        rep_verdict_cell(f, v);
        rep_evidence_cell(f, v);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

void rep_onset_table(rep_ctx *c, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    size_t n = 0;
    for (size_t k = 0; k < nv; k++)
        n += !isnan(c->s->v[vi[k]].overflow_onset) || !isnan(c->s->v[vi[k]].nan_onset);
    if (!n) {
        /* The NaN column also counts the other way round: a number where
         * the reference is NaN (a NaN input lost, as max(x, 0) loses it). */
        uint64_t lost = 0, ovf = 0;
        size_t nl = 0;
        for (size_t k = 0; k < nv; k++) {
            lost += c->s->v[vi[k]].nan;
            nl += c->s->v[vi[k]].nan > 0;
            ovf += c->s->v[vi[k]].overflow;
        }
        fprintf(f, "<p class=\"onsets\">No variant returns %s%s where the reference is "
                   "finite on any input swept.", ovf ? "" : "&plusmn;inf or ", "NaN");
        if (lost)
            fprintf(f, " The NaN column's %llu mismatch%s (%zu variant%s) are the other way "
                       "round: a number where the reference is NaN, i.e. a NaN input lost.",
                    (unsigned long long)lost, lost == 1 ? " is" : "es", nl, nl == 1 ? "" : "s");
        fputs("</p>\n", f);
        return;
    }
    fputs("<table class=\"onsets\"><thead><tr><th>variant</th><th>first overflow "
          "(smallest |x| with &plusmn;inf, reference finite)</th><th>first NaN (smallest |x|)</th>"
          "</tr></thead><tbody>\n", f);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        if (isnan(v->overflow_onset) && isnan(v->nan_onset)) continue;
        fprintf(f, "<tr><td class=\"name\"><span class=\"sw s%zu\"></span>", k % AB_PLOT_NSTYLES + 1);
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

void rep_special_matrix(rep_ctx *c, const char *act, const char *prec) {
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
    const char *inputs[512], *vars[REP_MAXV];
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
        if (v == nv && nv < REP_MAXV) vars[nv++] = x[cv];
        bad += strcmp(x[cm], "1") != 0;
    }
    if (!nr) {
        free(rows);
        return;
    }
    /* Mismatches per variant, for the summary line. */
    size_t per[REP_MAXV] = {0};
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

