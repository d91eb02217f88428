/* replay.c: each (variant, range) row's worst input, with the
 * `actbench eval` command that replays it, under the summary table.  Only
 * what the CSV recorded goes into a command: its activation, variant,
 * precision, worst_input or worst_row, and --samples when the sweep's
 * differs from the default (it decides which row indices exist).  The CSV
 * does not record --plugin options, so none are invented; the note says
 * that a plugin variant needs its own. */
#include "report.h"
#include "../sweep.h"
#include <inttypes.h>
#include <math.h>
#include <string.h>

/* The row the summary uses for this key: the exhaustive CSV's when it has
 * one (recommend.c's preference). */
static const ab_result_row *preferred(const ab_summary *s, const ab_result_row *r) {
    const ab_result_row *e = s->have_exh ? ab_results_find(&s->exh, r) : NULL;
    return e ? e : r;
}

static int has_worst(const ab_result_row *r) { return *r->worst_input || *r->worst_row; }

/* The command, as plain text (escaped by the caller). */
static void command(const ab_result_row *r, char *b, size_t len) {
    int k = snprintf(b, len, "build/actbench eval --activation %s --variant %s --precision %s",
                     r->activation, r->variant, r->precision);
    if (k < 0 || (size_t)k >= len) return;
    if (*r->worst_row) {
        if (r->samples_requested && r->samples_requested != AB_DEFAULT_SAMPLES)
            k += snprintf(b + k, len - (size_t)k, " --samples %" PRIu64, r->samples_requested);
        if ((size_t)k < len) snprintf(b + k, len - (size_t)k, " --row %s", r->worst_row);
    } else {
        snprintf(b + k, len - (size_t)k, " %s", r->worst_input);
    }
}

static void replay_row(FILE *f, const ab_result_row *r) {
    char cmd[512];
    command(r, cmd, sizeof cmd);
    fputs("<tr><td class=\"name\">", f);
    ESC(r->variant);
    fputs("</td><td>", f);
    ESC(r->range);
    if (isnan(r->max_ulp)) fputs("</td><td data-v=\"\">&ndash;", f);
    else fprintf(f, "</td><td data-v=\"%.17g\">%.3g", r->max_ulp, r->max_ulp);
    fputs("</td><td>", f);
    if (*r->worst_input) {
        fputs("<code>", f);
        ESC(r->worst_input);
        fputs("</code>", f);
    }
    if (*r->worst_row) {
        fputs(*r->worst_input ? " in row " : "row ", f);
        ESC(r->worst_row);
        fputs(", element ", f);
        ESC(r->worst_element);
    }
    fputs("</td><td><code class=\"cmd\">", f);
    ESC(cmd);
    fputs("</code></td></tr>\n", f);
}

/* The rows of (act, prec, variant v) with a worst input: the accuracy
 * CSV's (each replaced by its exhaustive row when there is one), then the
 * exhaustive CSV's own (e.g. the nan range).  Writes them when f is not
 * NULL; returns how many. */
static size_t each_row(const ab_summary *s, const ab_vsummary *v, FILE *f) {
    size_t n = 0;
    for (size_t i = 0; i < s->acc.n; i++) {
        const ab_result_row *r = &s->acc.rows[i];
        if (strcmp(r->activation, v->activation) || strcmp(r->precision, v->precision) ||
            strcmp(r->variant, v->variant))
            continue;
        r = preferred(s, r);
        if (!has_worst(r)) continue;
        n++;
        if (f) replay_row(f, r);
    }
    for (size_t i = 0; s->have_exh && i < s->exh.n; i++) {
        const ab_result_row *e = &s->exh.rows[i];
        if (strcmp(e->activation, v->activation) || strcmp(e->precision, v->precision) ||
            strcmp(e->variant, v->variant) || ab_results_find(&s->acc, e) || !has_worst(e))
            continue;
        n++;
        if (f) replay_row(f, e);
    }
    return n;
}

void rep_replay_table(rep_ctx *c, const size_t *vi, size_t nv) {
    FILE *f = c->f;
    size_t n = 0;
    for (size_t k = 0; k < nv; k++) n += each_row(c->s, &c->s->v[vi[k]], NULL);
    if (!n) return;
    fprintf(f, "<details class=\"replay\"><summary>Worst inputs and replay commands (%zu)</summary>\n"
               "<p class=\"dim\">Each command prints the variant's output there, the correctly "
               "rounded reference, the ULP error and the failure classes. A plugin variant needs "
               "the sweep's <code>--plugin</code> options before <code>eval</code> (the CSV does "
               "not record them).</p>\n<div class=\"scroll\"><table class=\"replay\"><thead><tr>"
               "<th>variant</th><th>range</th><th>max ULP</th><th>worst input</th>"
               "<th>replay</th></tr></thead><tbody>\n", n);
    for (size_t k = 0; k < nv; k++) each_row(c->s, &c->s->v[vi[k]], f);
    fputs("</tbody></table></div></details>\n", f);
}
