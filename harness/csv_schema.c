/* csv_schema.c: the writer and the reader of the accuracy CSV, both
 * generated from the column table in csv_schema.h. */
#include "csv_schema.h"
#include "names.h"
#include "registry.h"
#include "verdict.h"
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const column_names[] = {
#define AB_NAME(name, type, required, writer) #name,
    AB_ACCURACY_COLUMNS(AB_NAME)
#undef AB_NAME
};
enum { NCOLUMNS = AB_COUNT(column_names) };

int ab_row_within_bound(const ab_row *r) { return !(r->acc.max_ulp > r->var->max_ulp); }

int ab_row_input_is_row(const ab_row *r) {
    return r->op->kind == AB_OP_ROW && r->op->row->output == AB_ROW_SCALAR;
}

/* ---- writing ------------------------------------------------------------------ */
/* Hex floats replay exactly; "%a" of a float promoted to double is the
 * float's value. */
static void w_hex(ab_csv_writer *w, double v, int have) {
    if (have) ab_csv_fieldf(w, "%a", v);
    else ab_csv_field(w, "");
}

void ab_csv_write_histogram(ab_csv_writer *w, const ab_acc *a) {
    char hist[AB_HIST_BINS * 21];
    size_t len = 0;
    for (int k = 0; k < AB_HIST_BINS; k++)
        len += (size_t)snprintf(hist + len, sizeof hist - len, "%s%" PRIu64, k ? ";" : "", a->hist[k]);
    ab_csv_field(w, hist);
}

void ab_csv_write_status(ab_csv_writer *w, const ab_row *r) {
    char st[64];
    ab_csv_field(w, ab_run_status_text(&r->run, st, sizeof st));
}

void ab_csv_write_worst_element(ab_csv_writer *w, const ab_row *r) {
    if (r->worst_row[0]) ab_csv_fieldf(w, "%zu", r->worst_element);
    else ab_csv_field(w, "");
}

void ab_csv_write_prop_first(ab_csv_writer *w, const ab_row *r, ab_prop k) {
    char b[64] = "";
    if (r->props.violations[k]) ab_props_format_input(r->props.first[k], r->prec, b, sizeof b);
    ab_csv_field(w, b);
}

void ab_csv_write_properties(ab_csv_writer *w, const ab_row *r) {
    char b[160] = "";
    if (r->op->kind == AB_OP_ELEMENTWISE) ab_props_describe(r->op->act, r->prec, b, sizeof b);
    ab_csv_field(w, b);
}

void ab_csv_write_expected(ab_csv_writer *w, const ab_row *r) {
    char b[512];
    ab_csv_field(w, ab_expected_text(r->var, b, sizeof b));
}

#define W_STR(e) ab_csv_field(w, (e))
#define W_U64(e) ab_csv_fieldf(w, "%" PRIu64, (uint64_t)(e))
#define W_G6(e) ab_csv_fieldf(w, "%.6g", (double)(e))
#define W_G17(e) ab_csv_fieldf(w, "%.17g", (double)(e))
#define W_G6E(e) (isnan(e) ? ab_csv_field(w, "") : ab_csv_fieldf(w, "%.6g", (double)(e)))
#define W_F6(e) ab_csv_fieldf(w, "%.6f", (double)(e))
#define W_BOOL(e) ab_csv_field(w, (e) ? "1" : "0")
#define W_HEX(e, have) w_hex(w, (e), (have))

void ab_write_accuracy_header(ab_csv_writer *w) { ab_csv_row(w, column_names, NCOLUMNS); }

void ab_write_accuracy_row(ab_csv_writer *w, const ab_row *r, const ab_csv_ctx *c) {
    const ab_acc *a = &r->acc;
#define AB_WRITE(name, type, required, writer) writer;
    AB_ACCURACY_COLUMNS(AB_WRITE)
#undef AB_WRITE
    ab_csv_end_row(w);
}

void ab_csv_write_library(ab_csv_writer *w, const ab_row *r) {
    char b[96];
    ab_csv_field(w, ab_library_label(ab_variant_library(r->var), b, sizeof b));
}

void ab_write_accuracy(ab_csv_writer *w, const ab_sweep_result *res, uint64_t seed,
                       size_t samples) {
    ab_csv_ctx c = {.seed = seed, .samples = samples};
    ab_env_read(&c.env);
    ab_write_accuracy_header(w);
    for (size_t i = 0; i < res->n; i++) ab_write_accuracy_row(w, &res->rows[i], &c);
}

/* ---- reading ------------------------------------------------------------------ */
static int read_STR(const char *s, const char **out) { *out = s; return 0; }

/* -1: not a number (or NaN); -2: a finite number beyond double's range
 * (1e999999 is not inf: only "inf" is). */
static int read_NUM(const char *s, double *out) {
    if (!*s || *s == ' ') return -1;
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    if (*end || isnan(*out)) return -1;
    return errno == ERANGE && isinf(*out) ? -2 : 0;
}

static int read_U64(const char *s, uint64_t *out) {
    if (!*s || *s == '-' || *s == '+' || *s == ' ') return -1;
    errno = 0;
    char *end;
    *out = strtoull(s, &end, 10);
    return *end || errno ? -1 : 0;
}

static int read_BOOL(const char *s, int *out) {
    if (strcmp(s, "0") && strcmp(s, "1")) return -1;
    *out = s[0] == '1';
    return 0;
}

/* An absent optional column, or an empty optional number: "", NAN, 0. */
static void unset_STR(const char **out) { *out = ""; }
static void unset_NUM(double *out) { *out = NAN; }
static void unset_U64(uint64_t *out) { *out = 0; }
static void unset_BOOL(int *out) { *out = 0; }

/* Parses cell f (NULL: the file has no such column) into the field;
 * returns -1 when the value is not valid. */
#define AB_PARSE(name, type, required, writer)                                         \
    static int parse_##name(const char *f, ab_result_row *row) {                      \
        if (!f || (!(required) && !*f)) { unset_##type(&row->name); return 0; }       \
        return read_##type(f, &row->name);                                             \
    }
AB_ACCURACY_COLUMNS(AB_PARSE)
#undef AB_PARSE

typedef struct {
    const char *name;
    int required;
    int (*parse)(const char *f, ab_result_row *row);
} column_reader;

static const column_reader readers[NCOLUMNS] = {
#define AB_READER(name, type, required, writer) {#name, required, parse_##name},
    AB_ACCURACY_COLUMNS(AB_READER)
#undef AB_READER
};

/* Checks beyond the types: names in the safe set (names.h), a known
 * precision, max_ulp >= 0.  *why: what is wrong with the value. */
static const char *bad_value(const ab_result_row *row, const char **why) {
    *why = "is not valid";
    if (!(row->max_ulp >= 0)) return "max_ulp";
    if (!ab_precision_known(row->precision)) return "precision";
    *why = "is not a valid name (" AB_NAME_RULE ")";
    if (!ab_name_ok(row->activation)) return "activation";
    if (!ab_name_ok(row->variant)) return "variant";
    if (!ab_name_ok(row->range)) return "range";
    return NULL;
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
    int col[NCOLUMNS];
    for (int c = 0; c < NCOLUMNS; c++) {
        col[c] = ab_csv_column(t, readers[c].name);
        if (col[c] < 0 && readers[c].required) {
            snprintf(err, errlen, "%s:1: missing column '%s'", path, readers[c].name);
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
        int badc = -1, prc = 0;
        for (int c = 0; c < NCOLUMNS && badc < 0; c++)
            if ((prc = readers[c].parse(col[c] >= 0 ? f[col[c]] : NULL, row)) != 0) badc = c;
        const char *why = prc == -2 ? "is out of range" : "is not valid";
        const char *bad = badc >= 0 ? readers[badc].name : bad_value(row, &why);
        if (bad) {
            int c = ab_csv_column(t, bad);
            char q[256];
            snprintf(err, errlen, "%s:%zu: column '%s': '%s' %s", path, line, bad,
                     ab_msg_quote(c >= 0 ? f[c] : "", q, sizeof q), why);
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
