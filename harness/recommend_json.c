/* recommend_json.c: see recommend_json.h. */
#include "recommend_json.h"
#include "json_out.h"
#include <math.h>
#include <string.h>

json_t *ab_recommendation_json(const ab_summary *s, const ab_recommendation *r,
                               const char *activation, const char *precision, double budget) {
    json_t *j = json_pack("{s:s, s:s}", "activation", activation, "precision", precision);
    ab_json_set_double(j, "budget_ulp", budget, 0);
    const ab_vsummary *v = r->best >= 0 ? &s->v[r->best] : NULL;
    json_object_set_new(j, "variant", v ? json_string(v->variant) : json_null());
    if (v) {
        json_object_set_new(j, "strategy", json_string(v->strategy));
        json_object_set_new(j, "isa", json_string(v->isa));
        json_object_set_new(j, "library", json_string(v->library));
        ab_json_set_double(j, "max_ulp", v->max_ulp, 1);
        ab_json_set_double(j, "declared_max_ulp", v->declared, 1);
        /* not measured: the most accurate candidate, no speed */
        ab_json_set_double(j, "ns_per_elem", r->measured ? v->ns_l1 : NAN, 1);
        json_object_set_new(j, "ns_per_elem_n", json_integer((json_int_t)(r->measured ? v->n_l1 : AB_L1_SIZE)));
        json_object_set_new(j, "evidence", json_string(ab_vsummary_evidence(v)));
        /* Timing ties (recommend.h): the fastest candidate, the noise band
         * that decided, the runner-up outside it, and the margin's text. */
        const ab_vsummary *fa = r->fastest >= 0 ? &s->v[r->fastest] : NULL,
                          *ru = r->runner_up >= 0 ? &s->v[r->runner_up] : NULL;
        json_object_set_new(j, "fastest", fa ? json_string(fa->variant) : json_null());
        ab_json_set_double(j, "noise", fa ? r->noise : NAN, 1);
        json_object_set_new(j, "runner_up", ru ? json_string(ru->variant) : json_null());
        ab_json_set_double(j, "runner_up_ns_per_elem", ru ? ru->ns_l1 : NAN, 1);
        char margin[600];
        ab_recommendation_margin(s, r, margin, sizeof margin);
        json_object_set_new(j, "margin", json_string(margin));
    } else {
        /* none: the closest variant and what rules it out. */
        const ab_vsummary *c = r->closest >= 0 ? &s->v[r->closest] : NULL;
        json_object_set_new(j, "closest", c ? json_string(c->variant) : json_null());
        if (c) {
            char why[1200];
            ab_recommendation_why_not(s, r, budget, why, sizeof why);
            ab_json_set_double(j, "closest_max_ulp", c->max_ulp, 1);
            ab_json_set_double(j, "closest_ns_per_elem", c->ns_l1, 1);
            json_object_set_new(j, "ruled_out_by", json_string(why));
        }
    }
    json_object_set_new(j, "variants", json_integer((json_int_t)r->variants));
    json_object_set_new(j, "candidates", json_integer((json_int_t)r->candidates));
    json_object_set_new(j, "measured_candidates", json_integer((json_int_t)r->measured));
    char line[2048];
    ab_recommendation_text(s, r, budget, line, sizeof line);
    if (!v) /* the text's explanation, without its "none: " */
        json_object_set_new(j, "reason", json_string(strncmp(line, "none: ", 6) ? line : line + 6));
    json_object_set_new(j, "text", json_string(line));
    return j;
}

json_t *ab_failing_variant_json(const ab_vsummary *v) {
    char why[1200];
    return json_pack("{s:s, s:s, s:s, s:s}", "activation", v->activation, "precision",
                     v->precision, "variant", v->variant, "verdict",
                     ab_vsummary_verdict(v, why, sizeof why));
}
