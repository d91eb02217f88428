/* rowops.c: what only a row operation has, on its page: the row-sum
 * error |sum p - 1| (softmax: sum of y; log_softmax: sum of e^y), the
 * policy each variant was seen to follow on an all -inf row, and the worst
 * row.  Read from the accuracy CSV's row columns (README: row operations). */
#include "report.h"
#include "../csv_schema.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int rep_is_row_op(const ab_summary *s, const char *act) {
    return rep_csv_text(s, act, NULL, NULL, "worst_row") != NULL ||
           rep_csv_text(s, act, NULL, NULL, "neg_inf_row_policy") != NULL;
}

typedef struct {
    double sum_err;              /* max over ranges; NAN: not recorded */
    const char *sum_range, *policy, *worst_row, *worst_element, *worst_range;
    double worst_ulp;
} row_facts;

static void facts_of(const ab_summary *s, const ab_vsummary *v, row_facts *x) {
    const ab_results *r = &s->acc;
    *x = (row_facts){NAN, "", "", "", "", "", -1};
    for (size_t i = 0; i < r->n; i++) {
        const ab_result_row *row = &r->rows[i];
        if (strcmp(row->activation, v->activation) || strcmp(row->precision, v->precision) ||
            strcmp(row->variant, v->variant))
            continue;
        const char *e = ab_results_extra(r, i, "row_sum_error");
        const char *p = ab_results_extra(r, i, "neg_inf_row_policy");
        if (e && *e) {
            double d = strtod(e, NULL);
            if (isnan(x->sum_err) || d > x->sum_err || isnan(d)) {
                x->sum_err = d;
                x->sum_range = row->range;
            }
        }
        if (p && *p && !*x->policy) x->policy = p;
        if (*row->worst_row && (row->max_ulp > x->worst_ulp || isnan(row->max_ulp))) {
            x->worst_ulp = row->max_ulp;
            x->worst_row = row->worst_row;
            x->worst_element = ab_results_extra(r, i, "worst_element");
            if (!x->worst_element) x->worst_element = "";
            x->worst_range = row->range;
        }
    }
}

void rep_row_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    (void)act;
    (void)prec;
    fputs("<p class=\"dim\">A row operation's input is a whole row, so it has no "
          "error-versus-input profile: the worst row of each variant is below, with the "
          "command that replays it under <i>Worst inputs</i>.</p>\n"
          "<div class=\"scroll\"><table class=\"sortable rows\"><thead><tr><th>variant</th>"
          "<th title=\"max over the ranges of |sum of the outputs - 1| (softmax: sum y; "
          "log_softmax: sum e^y)\">row-sum error</th><th>on range</th>"
          "<th title=\"what the variant returns on a row of -inf only (lengths 1, 3, 16); the "
          "reference returns NaN, as PyTorch\">all &minus;inf row</th>"
          "<th>worst row (generator:seed:index)</th><th>element</th><th>max ULP there</th>"
          "</tr></thead><tbody>\n", f);
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &c->s->v[vi[k]];
        row_facts x;
        facts_of(c->s, v, &x);
        fputs("<tr><td class=\"name\">", f);
        ESC(v->variant);
        fputs("</td>", f);
        if (isnan(x.sum_err)) fputs("<td data-v=\"\">&ndash;</td><td></td>", f);
        else {
            fprintf(f, "<td data-v=\"%.17g\">%.3g</td><td>", x.sum_err, x.sum_err);
            ESC(x.sum_range);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        ESC(*x.policy ? x.policy : "not recorded");
        fputs("</td><td><code>", f);
        ESC(x.worst_row);
        fputs("</code></td><td>", f);
        ESC(x.worst_element);
        fputs("</td>", f);
        if (x.worst_ulp < 0) fputs("<td data-v=\"\">&ndash;</td>", f);
        else rep_td_ulp(f, x.worst_ulp);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}
