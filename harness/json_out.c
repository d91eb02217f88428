/* json_out.c: see json_out.h. */
#include "json_out.h"
#include "../api/actbench.h"
#include "cli.h"
#include "csv_schema.h"
#include "env.h"
#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

ab_format ab_parse_format(const char *v, unsigned allowed) {
    static const struct { const char *name; ab_format f; } formats[] = {
        {"csv", AB_FORMAT_CSV}, {"json", AB_FORMAT_JSON}, {"gbench", AB_FORMAT_GBENCH}};
    char valid[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        if (!(allowed & formats[i].f)) continue;
        if (!strcmp(v, formats[i].name)) return formats[i].f;
        len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", len ? ", " : "",
                                formats[i].name);
    }
    ab_usage_error("--format: unknown format '%s' (valid: %s)", v, valid);
}

/* ---- column types ---- */

ab_json_type ab_accuracy_column_type(const char *column) {
#define AB_JT_STR AB_JT_TEXT
#define AB_JT_NUM AB_JT_NUMBER
#define AB_JT_U64 AB_JT_INTEGER
    static const struct { const char *name; ab_json_type t; } cols[] = {
#define AB_TYPE(name, type, required, writer) {#name, AB_JT_##type},
        AB_ACCURACY_COLUMNS(AB_TYPE)
#undef AB_TYPE
    };
#undef AB_JT_STR
#undef AB_JT_NUM
#undef AB_JT_U64
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        if (!strcmp(cols[i].name, column)) return cols[i].t;
    return AB_JT_TEXT;
}

static ab_json_type lookup(const char *const *names, ab_json_type t, const char *column) {
    for (; *names; names++)
        if (!strcmp(*names, column)) return t;
    return AB_JT_TEXT;
}

ab_json_type ab_throughput_column_type(const char *column) {
    static const char *const ints[] = {"n", "size", "bytes", "outputs", "reps", "inner", "tsc_hz",
                                       "cpu", NULL};
    static const char *const nums[] = {"ns_per_elem_min", "ns_per_elem_median", "elems_per_s",
                                       "gb_per_s", "cycles_per_elem", NULL};
    ab_json_type t = lookup(ints, AB_JT_INTEGER, column);
    return t != AB_JT_TEXT ? t : lookup(nums, AB_JT_NUMBER, column);
}

ab_json_type ab_list_column_type(const char *column) {
    if (!strcmp(column, "available")) return AB_JT_BOOL;
    if (!strcmp(column, "declared_max_ulp")) return AB_JT_NUMBER;
    return AB_JT_TEXT;
}

/* ---- capture ---- */

int ab_capture_begin(ab_csv_capture *c) {
    memset(c, 0, sizeof *c);
    c->w.f = open_memstream(&c->text, &c->len);
    if (!c->w.f) {
        fprintf(stderr, "actbench: out of memory\n");
        return -1;
    }
    return 0;
}

int ab_capture_end(ab_csv_capture *c) {
    int bad = !c->w.f || fclose(c->w.f) != 0 || c->w.error;
    c->w.f = NULL;
    if (bad) {
        fprintf(stderr, "actbench: out of memory\n");
        free(c->text);
        c->text = NULL;
        return -1;
    }
    return 0;
}

/* ---- cells ---- */

/* Sets key to the cell's value as its column's type says (json_out.h). */
static int set_cell(json_t *row, const char *key, const char *s, ab_json_type t) {
    json_t *v = NULL;
    char *end;
    if (t != AB_JT_TEXT && !*s) v = json_null();
    else if (t == AB_JT_BOOL && (!strcmp(s, "0") || !strcmp(s, "1"))) v = json_boolean(*s == '1');
    else if (t == AB_JT_INTEGER && *s != ' ' && *s != '+') {
        errno = 0;
        long long x = strtoll(s, &end, 10);
        if (!*end && !errno) v = json_integer(x);
    } else if (t == AB_JT_NUMBER && !strchr(s, 'x') && !strchr(s, 'X') && *s != ' ') {
        errno = 0;
        double x = strtod(s, &end);
        if (!*end && isfinite(x) && !errno) v = json_real(x);
    }
    if (!v) v = json_string(s); /* text, or a value its type cannot hold */
    return json_object_set_new(row, key, v);
}

/* ---- tables ---- */

typedef struct {
    json_t *columns, *rows, *row;
    size_t field;
    ab_column_type_fn type;
    int bad;
} table_state;

static void on_field(void *s, size_t len, void *data) {
    table_state *t = data;
    char *cell = strndup(s ? s : "", len);
    if (!cell) { t->bad = 1; return; }
    if (!t->rows) {
        t->bad |= json_array_append_new(t->columns, json_string(cell)) != 0;
    } else {
        json_t *name = json_array_get(t->columns, t->field);
        if (!name) t->bad = 1; /* more fields than the header */
        else {
            if (!t->row) t->row = json_object();
            t->bad |= set_cell(t->row, json_string_value(name), cell,
                               t->type(json_string_value(name))) != 0;
        }
    }
    t->field++;
    free(cell);
}

static void on_row(int c, void *data) {
    (void)c;
    table_state *t = data;
    if (!t->rows) t->rows = json_array();
    else if (t->row) {
        t->bad |= t->field != json_array_size(t->columns);
        t->bad |= json_array_append_new(t->rows, t->row) != 0;
    }
    t->row = NULL;
    t->field = 0;
}

int ab_json_add_table(json_t *doc, const char *csv, size_t len, ab_column_type_fn type,
                      char *err, size_t errlen) {
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    table_state t = {.columns = json_array(), .type = type};
    int bad = csv_parse(&p, csv, len, on_field, on_row, &t) != len ||
              csv_fini(&p, on_field, on_row, &t) != 0;
    csv_free(&p);
    bad |= t.bad || !t.rows;
    json_decref(t.row);
    if (bad) {
        snprintf(err, errlen, "internal error: the CSV output does not convert to JSON");
        json_decref(t.columns);
        json_decref(t.rows);
        return -1;
    }
    json_object_set_new(doc, "columns", t.columns);
    json_object_set_new(doc, "rows", t.rows);
    return 0;
}

int ab_json_take_table(json_t *doc, ab_csv_capture *c, ab_column_type_fn type) {
    char err[256];
    int rc = ab_json_add_table(doc, c->text, c->len, type, err, sizeof err);
    if (rc != 0) fprintf(stderr, "%s: %s\n", ab_cmd, err);
    free(c->text);
    c->text = NULL;
    return rc;
}

/* ---- documents ---- */

json_t *ab_json_document(const char *kind) {
    ab_env env;
    ab_env_read(&env);
    return json_pack("{s:i, s:s, s:{s:s, s:i, s:s, s:s}}", "schema_version",
                     AB_JSON_SCHEMA_VERSION, "kind", kind, "actbench", "commit", env.commit,
                     "abi", ACTBENCH_ABI_VERSION, "compiler", env.compiler, "cflags",
                     env.cflags);
}

void ab_json_set_u64(json_t *obj, const char *key, uint64_t v) {
    char b[24];
    snprintf(b, sizeof b, "%" PRIu64, v);
    json_object_set_new(obj, key, v <= INT64_MAX ? json_integer((json_int_t)v) : json_string(b));
}

void ab_json_set_double(json_t *obj, const char *key, double v, int nan_is_null) {
    json_t *x;
    if (isfinite(v)) x = json_real(v);
    else if (isnan(v)) x = nan_is_null ? json_null() : json_string("nan");
    else x = json_string(v > 0 ? "inf" : "-inf");
    json_object_set_new(obj, key, x);
}

int ab_json_dump(const json_t *doc, ab_csv_writer *w) {
    /* Keys in insertion order: the CSV's column order. */
    if (!doc || json_dumpf(doc, w->f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
        fputc('\n', w->f) == EOF) {
        w->error = 1;
        return -1;
    }
    return 0;
}

int ab_json_write(const json_t *doc, const char *path) {
    ab_csv_writer w;
    if (ab_csv_open(&w, path) != 0) return -1;
    ab_json_dump(doc, &w);
    return ab_csv_commit(&w);
}
