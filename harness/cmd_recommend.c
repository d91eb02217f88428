/* cmd_recommend.c: actbench recommend, the report's recommendation on the
 * command line (the rule is in recommend.h). */
#include "cli.h"
#include "commands.h"
#include "json_out.h"
#include "recommend.h"
#include "recommend_json.h"
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: actbench recommend [--activation A] [--precision P] [--max-ulp U]\n"
    "                          [-i FILE] [-t FILE] [--format text|json]\n"
    "Prints the fastest variant with no failures whose max ULP error over all\n"
    "ranges is at most U: no overflow, NaN, sign or zero-flush error on any range,\n"
    "within its declared bound, and the smallest ns_per_elem_min at n=4096.\n"
    "  --activation A  one activation (default: every activation of the CSV)\n"
    "  --precision P   f32, f64, bf16, f16 or bf16-f32 (default: all)\n"
    "  --max-ulp U     ULP budget (default: 1, 4 and 64)\n"
    "  -i FILE         accuracy CSV (default results/accuracy.csv)\n"
    "  -t FILE         throughput CSV (default results/throughput.csv; when it is\n"
    "                  missing the most accurate qualifying variant is named)\n"
    "  -e FILE         exhaustive CSV (default results/exhaustive.csv; optional): its\n"
    "                  rows replace the sampled rows of the same range, and each line\n"
    "                  says what its figures rest on (evidence: exhaustive or sampled)\n"
    "  --format F      text (default) or json: one document with a \"recommendations\"\n"
    "                  array (variant, max_ulp, ns_per_elem, evidence, or a reason when\n"
    "                  none) and \"failing_variants\" (README: Machine-readable output)\n"
    "Output: one line per (activation, precision, budget):\n"
    "  ACTIVATION PRECISION max-ulp U: VARIANT (STRATEGY, ISA): max ULP E, T ns/elem ...\n"
    "then one line per variant that does not hold (the report's and the gate's verdict):\n"
    "  ACTIVATION PRECISION VARIANT: fails[ as declared]: REASON\n";

/* --format json: the document on stdout. */
static int write_json(const ab_summary *s, const char *acc, const char *tp, const char *exh,
                      json_t *recs, json_t *failing) {
    json_t *doc = ab_json_document("recommendation");
    json_object_set_new(doc, "inputs",
                        json_pack("{s:s, s:o, s:o}", "accuracy", acc, "throughput",
                                  s->have_tp ? json_string(tp) : json_null(), "exhaustive",
                                  s->have_exh ? json_string(exh) : json_null()));
    ab_json_set_u64(doc, "seed", s->seed);
    ab_json_set_u64(doc, "samples", s->samples_requested);
    json_object_set(doc, "recommendations", recs);
    json_object_set(doc, "failing_variants", failing);
    int rc = ab_json_write(doc, "-");
    json_decref(doc);
    return rc == 0 ? 0 : AB_EXIT_USAGE;
}

int ab_cmd_recommend(int argc, char **argv) {
    const char *acc = "results/accuracy.csv", *tp = "results/throughput.csv", *v;
    const char *exh = "results/exhaustive.csv";
    const char *act = NULL, *prec = NULL;
    double budget = NAN;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return 0; }
        else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) act = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--precision", NULL))) {
            ab_precision pp;
            if (ab_parse_precision(v, &pp) != 0)
                ab_usage_error("--precision: unknown precision '%s' (valid: f32, f64, bf16, f16, bf16-f32)", v);
            prec = v;
        } else if ((v = ab_opt_value(argc, argv, &i, "--max-ulp", NULL))) {
            char *end;
            errno = 0;
            budget = strtod(v, &end);
            if (!*v || *v == ' ' || *end || !(budget >= 0))
                ab_usage_error("--max-ulp: '%s' is not a number >= 0 (e.g. 0.5, 1, 4, 64, inf)", v);
            if (errno == ERANGE && isinf(budget)) /* 1e999 is not inf: only "inf" is */
                ab_usage_error("--max-ulp: '%s' is out of range (write inf for no limit)", v);
        } else if ((v = ab_opt_value(argc, argv, &i, "--input", "-i"))) acc = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--throughput", "-t"))) tp = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--exhaustive", "-e"))) exh = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--format", NULL))) {
            if (strcmp(v, "text") && strcmp(v, "json"))
                ab_usage_error("--format: unknown format '%s' (valid: text, json)", v);
            json = !strcmp(v, "json");
        }
        else ab_usage_error("unknown option '%s' (valid: --activation, --precision, --max-ulp, "
                            "-i, -t, -e, --format, --help)", argv[i]);
    }
    ab_summary s;
    char err[512];
    if (ab_summary_load(&s, acc, tp, exh, err, sizeof err) != 0) ab_usage_error("%s", err);
    if (act) {
        int found = 0;
        for (size_t i = 0; i < s.n && !found; i++) found = !strcmp(s.v[i].activation, act);
        if (!found) {
            char valid[2048] = "";
            size_t len = 0;
            for (size_t i = 0; i < s.n && len < sizeof valid - 64; i++) {
                int seen = 0;
                for (size_t k = 0; k < i && !seen; k++) seen = !strcmp(s.v[k].activation, s.v[i].activation);
                if (!seen)
                    len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", len ? ", " : "",
                                            s.v[i].activation);
            }
            ab_summary_free(&s);
            ab_usage_error("--activation: '%s' is not in %s (valid: %s)", act, acc, valid);
        }
    }
    if (!s.have_tp)
        fprintf(stderr, "actbench recommend: %s not found: no speeds, naming the most accurate "
                        "qualifying variants (run build/actbench bench)\n", tp);
    const double budgets[] = {1, 4, 64};
    int printed = 0;
    json_t *recs = json_array(), *failing = json_array();
    for (size_t i = 0; i < s.n; i++) {
        const ab_vsummary *x = &s.v[i];
        if (act && strcmp(x->activation, act)) continue;
        if (prec && strcmp(x->precision, prec)) continue;
        int first = 1; /* each (activation, precision) once */
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(s.v[k].activation, x->activation) || strcmp(s.v[k].precision, x->precision);
        if (!first) continue;
        for (size_t b = 0; b < 3; b++) {
            double u = isnan(budget) ? budgets[b] : budget;
            ab_recommendation r = ab_recommend(&s, x->activation, x->precision, u);
            printed++;
            if (json) {
                json_array_append_new(recs, ab_recommendation_json(&s, &r, x->activation,
                                                                   x->precision, u));
                if (!isnan(budget)) break;
                continue;
            }
            char line[512];
            ab_recommendation_text(&s, &r, u, line, sizeof line);
            printf("%s %s max-ulp %g: %s\n", x->activation, x->precision, u, line);
            if (!isnan(budget)) break;
        }
        for (size_t k = i; k < s.n; k++) {
            const ab_vsummary *y = &s.v[k];
            if (strcmp(y->activation, x->activation) || strcmp(y->precision, x->precision) ||
                ab_vsummary_clean(y))
                continue;
            if (json) {
                json_array_append_new(failing, ab_failing_variant_json(y));
                continue;
            }
            char why[1200];
            printf("%s %s %s: %s\n", y->activation, y->precision, y->variant,
                   ab_vsummary_verdict(y, why, sizeof why));
        }
    }
    int rc = 0;
    if (json) rc = write_json(&s, acc, tp, exh, recs, failing);
    else if (!printed && prec)
        printf("%s: no %s rows in %s\n", act ? act : "(all)", prec, acc);
    json_decref(recs);
    json_decref(failing);
    ab_summary_free(&s);
    return rc;
}
