/* recommend_json.h: actbench recommend --format json, from the result
 * structs of recommend.h (the rule stays there).  Kept apart from
 * recommend.c so that a field added to ab_recommendation needs one line
 * here. */
#ifndef AB_RECOMMEND_JSON_H
#define AB_RECOMMEND_JSON_H
#include <jansson.h>
#include "recommend.h"

/* One (activation, precision, budget): the chosen variant and its figures
 * (variant null when none qualifies, with the reason), the counts, and
 * the line the text output prints. */
json_t *ab_recommendation_json(const ab_summary *s, const ab_recommendation *r,
                               const char *activation, const char *precision, double budget);
/* A variant that does not hold: its name and verdict. */
json_t *ab_failing_variant_json(const ab_vsummary *v);
#endif
