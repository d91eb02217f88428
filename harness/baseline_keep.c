/* baseline_keep.c: what a new baseline keeps of the previous one.
 *
 * `actbench baseline` sweeps what this build can run.  Two kinds of
 * previous rows are kept as they were, so that regenerating the baseline
 * on a machine without avx512fp16, or without libtorch built, does not drop
 * the rows that a better-equipped machine (or the torch gate) checks:
 *  - rows of variants this build or CPU cannot run (the gate skips them
 *    for the same reason, ab_gate_unavailable);
 *  - with --activation, the rows of the activations not swept.
 * Rows of variants that no longer exist are not kept (the gate calls them
 * removed or renamed).  The rows are copied field by field through the
 * same CSV writer, so a kept row's bytes do not change, in the previous
 * file's order: a new row takes the place of the previous row of the same
 * (activation, precision, range, variant), and a row the previous file
 * did not have follows the new row before it in the sweep's order. */
#include "baseline_keep.h"
#include "csv_io.h"
#include "gate.h"
#include "registry.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_ACT, C_PREC, C_RANGE, C_VAR, NKEY };
static const char *const key_cols[NKEY] = {"activation", "precision", "range", "variant"};

/* The rows of the previous file by key (activation, precision, range,
 * variant), open addressing. */
typedef struct {
    char **key;
    size_t *row, cap;
} row_map;

static char *key_of(char *const *c, const int *col) {
    size_t len = 4;
    for (int k = 0; k < NKEY; k++) len += strlen(c[col[k]]);
    char *s = malloc(len);
    if (!s) abort();
    sprintf(s, "%s\x1f%s\x1f%s\x1f%s", c[col[0]], c[col[1]], c[col[2]], c[col[3]]);
    return s;
}

static size_t *slot(row_map *m, const char *k, int *fresh) {
    size_t h = 1469598103934665603ull;
    for (const char *p = k; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    size_t i = h & (m->cap - 1);
    while (m->key[i] && strcmp(m->key[i], k)) i = (i + 1) & (m->cap - 1);
    *fresh = !m->key[i];
    if (!m->key[i] && !(m->key[i] = strdup(k))) abort();
    return &m->row[i];
}

static int same_header(const ab_csv_table *a, const ab_csv_table *b) {
    if (a->nrows == 0 || b->nrows == 0 || a->ncols[0] != b->ncols[0]) return 0;
    for (size_t c = 0; c < a->ncols[0]; c++)
        if (strcmp(a->cells[0][c], b->cells[0][c])) return 0;
    return 1;
}

static int is_row(const ab_csv_table *t, size_t r) { return t->ncols[r] == t->ncols[0]; }

int ab_baseline_compose(const char *out, const char *swept, const char *old,
                        const ab_filter *acts, ab_baseline_kept *kept, char *err, size_t errlen) {
    memset(kept, 0, sizeof *kept);
    ab_csv_table tn, to;
    if (ab_csv_read(swept, &tn, err, errlen) != 0) return -1;
    int have_old = old && ab_csv_read(old, &to, err, errlen) == 0;
    err[0] = 0;
    if (have_old && !same_header(&tn, &to)) {
        kept->header_differs = 1;
        ab_csv_table_free(&to);
        have_old = 0;
    }
    int col[NKEY];
    for (int k = 0; k < NKEY; k++) col[k] = ab_csv_column(&tn, key_cols[k]);
    for (int k = 0; k < NKEY; k++)
        if (col[k] < 0) {
            snprintf(err, errlen, "%s: no column '%s'", swept, key_cols[k]);
            ab_csv_table_free(&tn);
            if (have_old) ab_csv_table_free(&to);
            return -1;
        }
    /* Each new row takes the place of the previous row of the same key; a
     * row the previous file did not have follows the last new row before
     * it that did (its anchor: an index into to; 0 = before the first). */
    size_t nt = have_old ? to.nrows : 1;
    const char *const **subst = calloc(nt, sizeof *subst);
    size_t *after_n = calloc(nt, sizeof *after_n), *start = calloc(nt, sizeof *start),
           *fill = calloc(nt, sizeof *fill);
    const char *const **extra = calloc(tn.nrows, sizeof *extra);
    row_map m = {NULL, NULL, 16};
    while (m.cap < 2 * (nt + tn.nrows)) m.cap *= 2;
    m.key = calloc(m.cap, sizeof *m.key);
    m.row = calloc(m.cap, sizeof *m.row);
    if (!subst || !after_n || !start || !fill || !extra || !m.key || !m.row) abort();
    int fresh;
    for (size_t r = 1; have_old && r < to.nrows; r++) {
        if (!is_row(&to, r)) continue;
        char *k = key_of(to.cells[r], col);
        *slot(&m, k, &fresh) = r;
        free(k);
    }
    /* Pass 0 counts the rows after each anchor, pass 1 places them. */
    for (int pass = 0; pass < 2; pass++) {
        size_t anchor = 0;
        for (size_t r = 1; r < tn.nrows; r++) {
            if (!is_row(&tn, r)) continue;
            size_t o = 0;
            if (have_old) {
                char *k = key_of(tn.cells[r], col);
                size_t *p = slot(&m, k, &fresh);
                if (fresh) *p = 0; /* a new key: no previous row */
                o = *p;
                free(k);
            }
            if (o) {
                subst[o] = (const char *const *)tn.cells[r];
                anchor = o;
            } else if (pass == 0) {
                after_n[anchor]++;
            } else {
                extra[start[anchor] + fill[anchor]++] = (const char *const *)tn.cells[r];
            }
        }
        for (size_t a = 0, acc = 0; pass == 0 && a < nt; a++) start[a] = acc, acc += after_n[a];
    }
    ab_csv_writer w;
    int rc = ab_csv_open(&w, out);
    size_t ncol = tn.ncols[0];
    if (rc == 0) {
        ab_csv_row(&w, (const char *const *)tn.cells[0], ncol);
        for (size_t r = 0; r < nt; r++) {
            if (r > 0 && have_old && is_row(&to, r)) {
                char *const *c = to.cells[r];
                char why[256];
                int other = acts && acts->n && !ab_filter_match(acts, c[col[C_ACT]]);
                if (subst[r]) {
                    ab_csv_row(&w, subst[r], ncol);
                } else if (other) {
                    kept->other++;
                    ab_csv_row(&w, (const char *const *)c, ncol);
                } else if (ab_gate_unavailable(c[col[C_ACT]], c[col[C_VAR]], c[col[C_PREC]], why,
                                               sizeof why)) {
                    if (!kept->unavailable++) snprintf(kept->reason, sizeof kept->reason, "%s", why);
                    ab_csv_row(&w, (const char *const *)c, ncol);
                } /* else: a removed or renamed variant's row, not kept */
            }
            for (size_t j = 0; j < after_n[r]; j++) ab_csv_row(&w, extra[start[r] + j], ncol);
        }
        rc = ab_csv_commit(&w);
    }
    if (rc != 0) snprintf(err, errlen, "%s: could not be written", out);
    for (size_t i = 0; i < m.cap; i++) free(m.key[i]);
    free(m.key), free(m.row), free(subst), free(after_n), free(start), free(fill), free(extra);
    ab_csv_table_free(&tn);
    if (have_old) ab_csv_table_free(&to);
    return rc;
}
