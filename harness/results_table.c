/* results_table.c: see results_table.h. */
#include "results_table.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_ACT, C_VAR, C_STRAT, C_PREC, C_RANGE, C_SAMPLES, C_MAXULP, C_WIN, C_WOUT,
       C_WREF, C_CR, C_OVF, C_NAN, C_SIGN, C_ZERO, C_DECL, C_WITHIN, C_HASH, C_SEED,
       C_SREQ, C_STATUS, C_COUNT };
static const char *const required[C_COUNT] = {
    "activation", "variant", "strategy", "precision", "range", "samples", "max_ulp",
    "worst_input", "worst_output", "worst_reference", "correctly_rounded", "overflow",
    "nan", "sign_errors", "zero_flush", "declared_max_ulp", "within_bound",
    "output_hash", "seed", "samples_requested", "status"};

static int parse_double(const char *s, double *out) {
    if (!*s) return -1;
    char *end;
    *out = strtod(s, &end);
    return *end || isnan(*out) ? -1 : 0;
}

static int parse_u64(const char *s, uint64_t *out) {
    if (!*s || *s == '-' || *s == '+' || *s == ' ') return -1;
    errno = 0;
    char *end;
    *out = strtoull(s, &end, 10);
    return *end || errno ? -1 : 0;
}

int ab_results_load(const char *path, ab_results *r, char *err, size_t errlen) {
    memset(r, 0, sizeof *r);
    r->path = path;
    if (ab_csv_read(path, &r->csv, err, errlen) != 0) return -1;
    ab_csv_table *t = &r->csv;
    if (t->nrows == 0) {
        snprintf(err, errlen, "%s:1: empty file (expected an accuracy CSV header)", path);
        goto fail;
    }
    int col[C_COUNT];
    for (int c = 0; c < C_COUNT; c++) {
        col[c] = ab_csv_column(t, required[c]);
        if (col[c] < 0) {
            snprintf(err, errlen, "%s:1: missing column '%s'", path, required[c]);
            goto fail;
        }
    }
    r->rows = calloc(t->nrows, sizeof *r->rows);
    if (!r->rows) { snprintf(err, errlen, "out of memory"); goto fail; }
    for (size_t i = 1; i < t->nrows; i++) {
        if (t->ncols[i] == 1 && t->cells[i][0][0] == 0) continue; /* blank line */
        size_t line = t->line[i];
        if (t->ncols[i] != t->ncols[0]) {
            snprintf(err, errlen, "%s:%zu: %zu fields, the header has %zu", path, line,
                     t->ncols[i], t->ncols[0]);
            goto fail;
        }
        char **f = t->cells[i];
        ab_result_row *row = &r->rows[r->n];
        row->line = line;
        row->activation = f[col[C_ACT]];
        row->variant = f[col[C_VAR]];
        row->strategy = f[col[C_STRAT]];
        row->precision = f[col[C_PREC]];
        row->range = f[col[C_RANGE]];
        row->worst_input = f[col[C_WIN]];
        row->worst_output = f[col[C_WOUT]];
        row->worst_reference = f[col[C_WREF]];
        row->output_hash = f[col[C_HASH]];
        row->status = f[col[C_STATUS]];
        const char *bad = NULL;
        double d = 0;
        if (parse_double(f[col[C_MAXULP]], &d) || d < 0) bad = "max_ulp";
        else row->max_ulp = d;
        if (!bad && parse_double(f[col[C_CR]], &row->correctly_rounded)) bad = "correctly_rounded";
        if (!bad && parse_double(f[col[C_DECL]], &row->declared_max_ulp)) bad = "declared_max_ulp";
        if (!bad && parse_u64(f[col[C_SAMPLES]], &row->samples)) bad = "samples";
        if (!bad && parse_u64(f[col[C_OVF]], &row->overflow)) bad = "overflow";
        if (!bad && parse_u64(f[col[C_NAN]], &row->nan)) bad = "nan";
        if (!bad && parse_u64(f[col[C_SIGN]], &row->sign_errors)) bad = "sign_errors";
        if (!bad && parse_u64(f[col[C_ZERO]], &row->zero_flush)) bad = "zero_flush";
        if (!bad && parse_u64(f[col[C_SEED]], &row->seed)) bad = "seed";
        if (!bad && parse_u64(f[col[C_SREQ]], &row->samples_requested)) bad = "samples_requested";
        if (!bad) {
            const char *w = f[col[C_WITHIN]];
            if (strcmp(w, "0") && strcmp(w, "1")) bad = "within_bound";
            else row->within_bound = w[0] == '1';
        }
        if (!bad && (!*row->activation || !*row->variant || !*row->range ||
                     (strcmp(row->precision, "f32") && strcmp(row->precision, "f64"))))
            bad = !*row->activation ? "activation" : !*row->variant ? "variant"
                  : !*row->range ? "range" : "precision";
        if (bad) {
            int c = 0;
            while (c < C_COUNT && strcmp(required[c], bad)) c++;
            snprintf(err, errlen, "%s:%zu: column '%s': '%s' is not valid", path, line, bad,
                     c < C_COUNT ? f[col[c]] : "");
            goto fail;
        }
        const ab_result_row *dup = ab_results_find(r, row);
        if (dup) {
            snprintf(err, errlen, "%s:%zu: duplicate row %s/%s/%s/%s (first at line %zu)", path,
                     line, row->activation, row->variant, row->precision, row->range, dup->line);
            goto fail;
        }
        r->n++;
    }
    return 0;
fail:
    ab_results_free(r);
    return -1;
}

void ab_results_free(ab_results *r) {
    ab_csv_table_free(&r->csv);
    free(r->rows);
    r->rows = NULL;
    r->n = 0;
}

const ab_result_row *ab_results_find(const ab_results *r, const ab_result_row *k) {
    for (size_t i = 0; i < r->n; i++) {
        const ab_result_row *x = &r->rows[i];
        if (!strcmp(x->activation, k->activation) && !strcmp(x->variant, k->variant) &&
            !strcmp(x->precision, k->precision) && !strcmp(x->range, k->range))
            return x;
    }
    return NULL;
}

const char *ab_results_extra(const ab_results *r, size_t row, const char *column) {
    int c = ab_csv_column(&r->csv, column);
    if (c < 0 || row >= r->n) return NULL;
    /* rows[] skips blank lines: find the CSV row by line number. */
    for (size_t i = 1; i < r->csv.nrows; i++)
        if (r->csv.line[i] == r->rows[row].line) return r->csv.cells[i][c];
    return NULL;
}
