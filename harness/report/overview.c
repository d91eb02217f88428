/* overview.c: the overview's index of activations: one row each, linking
 * to its page, with what a reader scans for first: how many variants in
 * which precisions, the most accurate variant in f32 and f64, and how
 * many variants fail. */
#include "report.h"
#include <math.h>
#include <string.h>

static const char *const precs[] = {"f32", "f64", "bf16", "f16", "bf16-f32"};

static void best_cell(rep_ctx *c, const char *act, const char *prec) {
    FILE *f = c->f;
    long b = ab_most_accurate_variant(c->s, act, prec);
    int clean = b >= 0 && ab_vsummary_clean(&c->s->v[b]);
    if (b < 0) {
        fputs("<td data-v=\"\">&ndash;</td>", f);
        return;
    }
    const ab_vsummary *v = &c->s->v[b];
    rep_td_ulp_open(f, v->max_ulp);
    fputs(" <span class=\"dim\">", f);
    ESC(v->variant);
    fputs(clean ? "" : ", fails", f);
    fputs("</span></td>", f);
}

void rep_activation_index(rep_ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    fputs("<h2 id=\"activations\">Activations</h2>\n<p>Each name opens the activation's page: "
          "summary tables per precision, error profiles, histograms, accuracy against speed, "
          "worst inputs with the command that replays them, and special values. Best: the most "
          "accurate variant with no failures (max ULP over every range); <i>fails</i> when every "
          "variant has a failure.</p>\n<div class=\"scroll\"><table class=\"sortable\" "
          "id=\"activation-index\"><thead><tr><th>activation</th><th>variants</th>"
          "<th>best f32 (max ULP)</th><th>best f64 (max ULP)</th>"
          "<th title=\"variants with a failure of any class, or beyond their declared bound\">"
          "failing variants</th><th>description</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < na; i++) {
        size_t vi[REP_MAXV], total = 0, failing = 0;
        fputs("<tr><td>", f);
        ab_html_act_link(f, acts[i]);
        fputs("</td><td>", f);
        for (int k = 0; k < 5; k++) {
            size_t n = rep_variants_of(c->s, acts[i], precs[k], vi, REP_MAXV);
            for (size_t j = 0; j < n; j++) failing += !ab_vsummary_clean(&c->s->v[vi[j]]);
            if (n) fprintf(f, "%s%s&nbsp;%zu", total ? " &middot; " : "", precs[k], n);
            total += n;
        }
        fputs("</td>", f);
        best_cell(c, acts[i], "f32");
        best_cell(c, acts[i], "f64");
        rep_td_count(f, failing);
        fputs("<td>", f);
        const char *d = rep_csv_text(c->s, acts[i], NULL, NULL, "description");
        ESC(d ? d : "");
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}
