/* data.c: what the report reads from the loaded CSVs (see report.h).  The
 * accuracy CSV carries, on every row, the operation's description, the
 * variant's formula and the build's environment, so the report needs
 * nothing but the CSV files. */
#include "report.h"
#include "../csv_schema.h"
#include <stdlib.h>
#include <string.h>

const char **rep_activations(const ab_summary *s, size_t *n) {
    const char **acts = malloc((s->n + 1) * sizeof *acts);
    size_t na = 0;
    for (size_t i = 0; acts && i < s->n; i++) {
        size_t k = 0;
        while (k < na && strcmp(acts[k], s->v[i].activation)) k++;
        if (k == na) acts[na++] = s->v[i].activation;
    }
    *n = na;
    return acts;
}

size_t rep_variants_of(const ab_summary *s, const char *act, const char *prec, size_t *idx,
                       size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < s->n && n < max; i++)
        if (!strcmp(s->v[i].activation, act) && !strcmp(s->v[i].precision, prec)) idx[n++] = i;
    return n;
}

const char *rep_csv_text(const ab_summary *s, const char *act, const char *prec,
                         const char *variant, const char *column) {
    const ab_results *r = &s->acc;
    for (size_t i = 0; i < r->n; i++) {
        const ab_result_row *row = &r->rows[i];
        if (strcmp(row->activation, act) || (prec && strcmp(row->precision, prec)) ||
            (variant && strcmp(row->variant, variant)))
            continue;
        const char *v = ab_results_extra(r, i, column);
        return v && *v ? v : NULL;
    }
    return NULL;
}
