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
        json_object_set_new(j, "ns_per_elem_n", json_integer(AB_L1_SIZE));
        json_object_set_new(j, "evidence", json_string(ab_vsummary_evidence(v)));
    }
    json_object_set_new(j, "variants", json_integer((json_int_t)r->variants));
    json_object_set_new(j, "candidates", json_integer((json_int_t)r->candidates));
    json_object_set_new(j, "measured_candidates", json_integer((json_int_t)r->measured));
    char line[1024];
    ab_recommendation_text(s, r, line, sizeof line);
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
