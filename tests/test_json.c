/* test_json.c: --format json (list, sweep, bench, recommend, gate), bench
 * --format gbench and actbench --version, run as a user runs them.
 *
 * The JSON is parsed with jansson; the CSV of the same command is read
 * independently (libcsv directly, not the harness's reader), and every
 * row and cell must agree: a string is the cell's text, an integer or a
 * number the cell's value, true/false the cell's 1/0, null an empty cell.
 * Small inputs (relu, 200 samples, 64-element bench): a few seconds. */
#include <criterion/criterion.h>
#include <csv.h>
#include <jansson.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "subprocess.h"
#include "../api/actbench.h"

TestSuite(json, .timeout = 120);

/* ---- an independent CSV reader ---- */

typedef struct {
    char ***rows; /* rows[r][c]; row 0 is the header */
    size_t *ncols, nrows;
    char **cur;
    size_t ncur;
} csv_doc;

static void on_field(void *s, size_t len, void *data) {
    csv_doc *d = data;
    d->cur = realloc(d->cur, (d->ncur + 1) * sizeof *d->cur);
    d->cur[d->ncur++] = strndup(s ? s : "", len);
}

static void on_row(int c, void *data) {
    (void)c;
    csv_doc *d = data;
    d->rows = realloc(d->rows, (d->nrows + 1) * sizeof *d->rows);
    d->ncols = realloc(d->ncols, (d->nrows + 1) * sizeof *d->ncols);
    d->rows[d->nrows] = d->cur;
    d->ncols[d->nrows++] = d->ncur;
    d->cur = NULL;
    d->ncur = 0;
}

static csv_doc parse_csv(const char *text) {
    csv_doc d = {0};
    struct csv_parser p;
    cr_assert_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
    size_t n = strlen(text);
    cr_assert_eq(csv_parse(&p, text, n, on_field, on_row, &d), n, "malformed CSV");
    cr_assert_eq(csv_fini(&p, on_field, on_row, &d), 0);
    csv_free(&p);
    cr_assert(d.nrows >= 1, "empty CSV");
    return d;
}

static void csv_free_doc(csv_doc *d) {
    for (size_t r = 0; r < d->nrows; r++) {
        for (size_t c = 0; c < d->ncols[r]; c++) free(d->rows[r][c]);
        free(d->rows[r]);
    }
    free(d->rows);
    free(d->ncols);
}

static json_t *parse_json(const char *text, const char *what) {
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    cr_assert_not_null(j, "%s: not JSON: line %d: %s", what, e.line, e.text);
    return j;
}

/* One JSON value against its CSV cell; why says what differs. */
static int cell_matches(const json_t *v, const char *cell, char *why, size_t len) {
    char *end;
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (!strcmp(json_string_value(v), cell)) return 1;
        snprintf(why, len, "string \"%s\"", json_string_value(v));
        return 0;
    case JSON_INTEGER:
        if (*cell && strtoll(cell, &end, 10) == json_integer_value(v) && !*end) return 1;
        snprintf(why, len, "integer %lld", (long long)json_integer_value(v));
        return 0;
    case JSON_REAL:
        /* a decimal number (hex floats stay strings), the same double */
        if (*cell && !strchr(cell, 'x') && strtod(cell, &end) == json_real_value(v) && !*end)
            return 1;
        snprintf(why, len, "number %.17g", json_real_value(v));
        return 0;
    case JSON_TRUE:
    case JSON_FALSE:
        if (!strcmp(cell, json_is_true(v) ? "1" : "0")) return 1;
        snprintf(why, len, "boolean");
        return 0;
    case JSON_NULL:
        if (!*cell) return 1;
        snprintf(why, len, "null");
        return 0;
    default:
        snprintf(why, len, "an array or object");
        return 0;
    }
}

/* The document's "columns" are the CSV header and its "rows" the CSV rows,
 * cell by cell.  skip: columns whose values may differ between the two
 * runs (timings), compared by type only (a number or null). */
static void expect_same_table(const json_t *doc, const char *csv_text, const char *what,
                              const char *const *skip) {
    csv_doc d = parse_csv(csv_text);
    const json_t *cols = json_object_get(doc, "columns"), *rows = json_object_get(doc, "rows");
    cr_assert(json_is_array(cols) && json_is_array(rows), "%s: no columns or rows", what);
    cr_assert_eq(json_array_size(cols), d.ncols[0], "%s: %zu columns, the CSV has %zu", what,
                 json_array_size(cols), d.ncols[0]);
    for (size_t c = 0; c < d.ncols[0]; c++)
        cr_expect_str_eq(json_string_value(json_array_get(cols, c)), d.rows[0][c],
                         "%s: column %zu", what, c);
    cr_assert_eq(json_array_size(rows), d.nrows - 1, "%s: %zu rows, the CSV has %zu", what,
                 json_array_size(rows), d.nrows - 1);
    size_t bad = 0;
    for (size_t r = 1; r < d.nrows && bad < 5; r++) {
        const json_t *row = json_array_get(rows, r - 1);
        cr_assert_eq(json_object_size(row), d.ncols[0], "%s: row %zu has %zu keys", what, r,
                     json_object_size(row));
        for (size_t c = 0; c < d.ncols[r] && bad < 5; c++) {
            const char *name = d.rows[0][c];
            const json_t *v = json_object_get(row, name);
            cr_assert_not_null(v, "%s: row %zu lacks \"%s\"", what, r, name);
            int timing = 0;
            for (size_t k = 0; skip && skip[k]; k++) timing |= !strcmp(skip[k], name);
            char why[128];
            if (timing ? json_is_number(v) || json_is_null(v) : cell_matches(v, d.rows[r][c], why, sizeof why))
                continue;
            cr_expect(0, "%s: row %zu column %s: CSV '%s', JSON %s", what, r, name, d.rows[r][c],
                      timing ? "not a number" : why);
            bad++;
        }
    }
    csv_free_doc(&d);
}

/* Runs args, which must exit 0; returns its stdout (free it). */
static char *run_ok(const char *const *args, const char *what) {
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s: exit %d: %s", what, p.status, p.err);
    free(p.err);
    return p.out;
}

static void expect_metadata(const json_t *doc, const char *kind) {
    cr_expect_eq(json_integer_value(json_object_get(doc, "schema_version")), 1);
    cr_expect_str_eq(json_string_value(json_object_get(doc, "kind")), kind);
    const json_t *a = json_object_get(doc, "actbench");
    cr_expect_eq(json_integer_value(json_object_get(a, "abi")), ACTBENCH_ABI_VERSION);
    cr_expect(json_string_length(json_object_get(a, "commit")) > 0, "%s: no commit", kind);
}

/* ---- list, sweep, bench ---- */

Test(json, list_rows_are_the_csv_rows) {
    const char *csv_args[] = {"list", "--long", NULL}, *json_args[] = {"list", "--long", "--format", "json", NULL};
    char *csv = run_ok(csv_args, "list --long"), *js = run_ok(json_args, "list --long --format json");
    json_t *doc = parse_json(js, "list --format json");
    expect_metadata(doc, "variants");
    expect_same_table(doc, csv, "list --long", NULL);
    /* typed: available a boolean, declared_max_ulp a number or "inf" */
    const json_t *row = json_array_get(json_object_get(doc, "rows"), 0);
    cr_expect(json_is_boolean(json_object_get(row, "available")));
    const json_t *d = json_object_get(row, "declared_max_ulp");
    cr_expect(json_is_number(d) || !strcmp(json_string_value(d), "inf"));
    json_decref(doc);
    free(csv);
    free(js);
}

/* --format csv is the default, byte for byte. */
Test(json, format_csv_is_the_default) {
    const char *a[] = {"list", NULL}, *b[] = {"list", "--format", "csv", NULL};
    char *x = run_ok(a, "list"), *y = run_ok(b, "list --format csv");
    cr_expect_str_eq(x, y);
    free(x);
    free(y);
}

#define SWEEP "sweep", "--activation", "relu", "--samples", "200", "--quiet"

Test(json, sweep_rows_are_the_csv_rows) {
    char *dir = ab_make_tmpdir();
    char *csv_path = ab_path_join(dir, "a.csv"), *json_path = ab_path_join(dir, "a.json"),
         *dflt = ab_path_join(dir, "d.csv");
    const char *c1[] = {SWEEP, "-o", csv_path, NULL};
    const char *c2[] = {SWEEP, "--format", "json", "-o", json_path, NULL};
    const char *c3[] = {SWEEP, "--format", "csv", "-o", dflt, NULL};
    free(run_ok(c1, "sweep"));
    free(run_ok(c2, "sweep --format json"));
    free(run_ok(c3, "sweep --format csv"));
    char *csv = ab_slurp(csv_path), *js = ab_slurp(json_path), *csv2 = ab_slurp(dflt);
    cr_assert(csv && js && csv2);
    cr_expect_str_eq(csv, csv2, "sweep --format csv differs from the default");
    json_t *doc = parse_json(js, "sweep --format json");
    expect_metadata(doc, "accuracy");
    cr_expect_eq(json_integer_value(json_object_get(doc, "samples")), 200);
    cr_expect_eq(json_integer_value(json_object_get(doc, "seed")), 0x5eed2026);
    expect_same_table(doc, csv, "sweep", NULL);
    /* The types the schema gives: counts are integers, errors numbers,
     * hex floats strings, bounds booleans; a non-finite number a string. */
    size_t hex = 0, inf = 0;
    const json_t *rows = json_object_get(doc, "rows"), *row;
    size_t i;
    json_array_foreach(rows, i, row) {
        cr_expect(json_is_integer(json_object_get(row, "samples")));
        cr_expect(json_is_boolean(json_object_get(row, "within_bound")));
        const json_t *w = json_object_get(row, "worst_input");
        hex += json_is_string(w) && strstr(json_string_value(w), "0x") != NULL;
        const json_t *m = json_object_get(row, "max_ulp"), *d = json_object_get(row, "declared_max_ulp");
        cr_expect(json_is_real(m) || json_is_string(m));
        inf += json_is_string(d) && !strcmp(json_string_value(d), "inf");
    }
    cr_expect(hex > 0, "no hex-float worst_input string");
    cr_expect(inf > 0, "no declared_max_ulp \"inf\" string (relu's naive variant declares none)");
    json_decref(doc);
    free(csv);
    free(csv2);
    free(js);
    free(csv_path);
    free(json_path);
    free(dflt);
    ab_remove_tmpdir(dir);
}

#define BENCH "bench", "--activation", "relu", "--precision", "f32", "--variant", \
              "naive,avx2-cmp-and", "--sizes", "64", "--reps", "2", "--quiet"

static const char *const timings[] = {"ns_per_elem_min", "ns_per_elem_median", "elems_per_s",
                                      "gb_per_s", "cycles_per_elem", "inner", "tsc_hz", "cpu", NULL};

/* Two runs time differently: the timings are compared by type. */
Test(json, bench_rows_are_the_csv_rows) {
    const char *a[] = {BENCH, "-o", "-", NULL}, *b[] = {BENCH, "--format", "json", "-o", "-", NULL};
    char *csv = run_ok(a, "bench"), *js = run_ok(b, "bench --format json");
    json_t *doc = parse_json(js, "bench --format json");
    expect_metadata(doc, "throughput");
    expect_same_table(doc, csv, "bench", timings);
    const json_t *row = json_array_get(json_object_get(doc, "rows"), 0);
    cr_expect(json_is_integer(json_object_get(row, "n")));
    cr_expect(json_is_real(json_object_get(row, "ns_per_elem_min")));
    json_decref(doc);
    free(csv);
    free(js);
}

/* The fields Google Benchmark's tools/compare.py reads (gbench/util.py and
 * report.py: name, run_type, time_unit, real_time, cpu_time, aggregate_name,
 * repetition_index, family_index, per_family_instance_index), and the
 * context's. */
Test(json, gbench_has_the_fields_compare_py_reads) {
    const char *a[] = {BENCH, "--format", "gbench", "-o", "-", NULL};
    char *js = run_ok(a, "bench --format gbench");
    json_t *doc = parse_json(js, "bench --format gbench");
    const json_t *ctx = json_object_get(doc, "context");
    cr_assert(json_is_object(ctx), "no context");
    const char *ctx_strings[] = {"date", "host_name", "executable", "library_build_type"};
    for (size_t k = 0; k < 4; k++)
        cr_expect(json_is_string(json_object_get(ctx, ctx_strings[k])), "context.%s", ctx_strings[k]);
    cr_expect(json_is_integer(json_object_get(ctx, "num_cpus")));
    cr_expect(json_is_integer(json_object_get(ctx, "mhz_per_cpu")));
    cr_expect(json_is_boolean(json_object_get(ctx, "cpu_scaling_enabled")));
    cr_expect(json_is_array(json_object_get(ctx, "caches")));
    const json_t *bs = json_object_get(doc, "benchmarks"), *b;
    /* memcpy + 2 variants, each an iteration and a _median aggregate */
    cr_assert_eq(json_array_size(bs), 6, "%zu benchmarks", json_array_size(bs));
    int saw_named = 0;
    size_t i;
    json_array_foreach(bs, i, b) {
        const char *name = json_string_value(json_object_get(b, "name"));
        const char *type = json_string_value(json_object_get(b, "run_type"));
        cr_assert(name && type);
        saw_named |= !strcmp(name, "relu/f32/avx2-cmp-and/64");
        cr_expect_str_eq(json_string_value(json_object_get(b, "time_unit")), "ns", "%s", name);
        cr_expect(json_real_value(json_object_get(b, "real_time")) > 0, "%s: real_time", name);
        cr_expect(json_is_real(json_object_get(b, "cpu_time")), "%s: cpu_time", name);
        cr_expect(json_is_integer(json_object_get(b, "iterations")), "%s", name);
        cr_expect_eq(json_integer_value(json_object_get(b, "threads")), 1);
        cr_expect(json_is_integer(json_object_get(b, "family_index")), "%s", name);
        cr_expect(json_is_integer(json_object_get(b, "per_family_instance_index")), "%s", name);
        cr_expect(json_is_string(json_object_get(b, "run_name")), "%s", name);
        if (!strcmp(type, "iteration")) {
            cr_expect(json_is_integer(json_object_get(b, "repetition_index")), "%s", name);
            cr_expect(json_real_value(json_object_get(b, "items_per_second")) > 0, "%s", name);
            cr_expect(json_real_value(json_object_get(b, "bytes_per_second")) > 0, "%s", name);
        } else {
            cr_expect_str_eq(type, "aggregate");
            cr_expect_str_eq(json_string_value(json_object_get(b, "aggregate_name")), "median");
            cr_expect(strstr(name, "_median") != NULL, "%s", name);
        }
    }
    cr_expect(saw_named, "no benchmark named relu/f32/avx2-cmp-and/64");
    json_decref(doc);
    free(js);
}

/* ---- recommend and gate ---- */

static char *small_sweep(const char *dir) {
    char *path = ab_path_join(dir, "acc.csv");
    const char *a[] = {SWEEP, "-o", path, NULL};
    free(run_ok(a, "sweep"));
    return path;
}

/* Each recommendation is the text output's line: "relu f32 max-ulp U: TEXT". */
Test(json, recommend_matches_the_text) {
    char *dir = ab_make_tmpdir();
    char *acc = small_sweep(dir), *tp = ab_path_join(dir, "none.csv");
    const char *a[] = {"recommend", "-i", acc, "-t", tp, "-e", tp, "--precision", "f32", NULL};
    const char *b[] = {"recommend", "-i", acc, "-t", tp, "-e", tp, "--precision", "f32",
                       "--format", "json", NULL};
    char *text = run_ok(a, "recommend"), *js = run_ok(b, "recommend --format json");
    json_t *doc = parse_json(js, "recommend --format json");
    expect_metadata(doc, "recommendation");
    cr_expect(json_is_null(json_object_get(json_object_get(doc, "inputs"), "throughput")));
    const json_t *recs = json_object_get(doc, "recommendations"), *r;
    cr_assert_eq(json_array_size(recs), 3, "relu f32: budgets 1, 4, 64");
    size_t i;
    json_array_foreach(recs, i, r) {
        char line[1200];
        snprintf(line, sizeof line, "%s %s max-ulp %g: %s\n",
                 json_string_value(json_object_get(r, "activation")),
                 json_string_value(json_object_get(r, "precision")),
                 json_number_value(json_object_get(r, "budget_ulp")),
                 json_string_value(json_object_get(r, "text")));
        cr_expect(strstr(text, line) != NULL, "text output lacks: %s", line);
        const char *v = json_string_value(json_object_get(r, "variant"));
        cr_assert_not_null(v, "relu f32 has a clean variant");
        cr_expect(strncmp(json_string_value(json_object_get(r, "text")), v, strlen(v)) == 0);
        cr_expect(json_is_number(json_object_get(r, "max_ulp")));
        cr_expect(json_is_null(json_object_get(r, "ns_per_elem")), "no throughput: no speed");
        cr_expect(json_is_string(json_object_get(r, "evidence")));
    }
    /* failing variants: one text line each */
    const json_t *fails = json_object_get(doc, "failing_variants"), *f;
    cr_expect(json_array_size(fails) > 0, "relu's naive variant fails (as declared)");
    json_array_foreach(fails, i, f) {
        char line[1600];
        snprintf(line, sizeof line, "relu f32 %s: %s\n",
                 json_string_value(json_object_get(f, "variant")),
                 json_string_value(json_object_get(f, "verdict")));
        cr_expect(strstr(text, line) != NULL, "text output lacks: %s", line);
    }
    /* a budget nothing meets: variant null, with the reason */
    const char *c[] = {"recommend", "-i", acc, "-t", tp, "-e", tp, "--precision", "f32",
                       "--max-ulp", "0", "--activation", "relu", "--format", "json", NULL};
    char *js0 = run_ok(c, "recommend --max-ulp 0");
    json_t *d0 = parse_json(js0, "recommend --max-ulp 0");
    const json_t *r0 = json_array_get(json_object_get(d0, "recommendations"), 0);
    cr_assert_not_null(r0);
    if (json_is_null(json_object_get(r0, "variant")))
        cr_expect(json_string_length(json_object_get(r0, "reason")) > 0);
    else /* relu is exact: 0 ULP is met */
        cr_expect_eq(json_number_value(json_object_get(r0, "max_ulp")), 0);
    json_decref(d0);
    free(js0);
    json_decref(doc);
    free(text);
    free(js);
    free(acc);
    free(tp);
    ab_remove_tmpdir(dir);
}

/* Writes the CSV back with one cell replaced (quoting what needs it). */
static void write_csv_with(const char *path, const csv_doc *d, size_t row, const char *column,
                           const char *value) {
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    for (size_t r = 0; r < d->nrows; r++) {
        for (size_t c = 0; c < d->ncols[r]; c++) {
            const char *s = r == row && !strcmp(d->rows[0][c], column) ? value : d->rows[r][c];
            if (c) fputc(',', f);
            if (strpbrk(s, ",\"\n") || !*s) csv_fwrite(f, s, strlen(s));
            else fputs(s, f);
        }
        fputc('\n', f);
    }
    fclose(f);
}

Test(json, gate_lists_the_regressions) {
    char *dir = ab_make_tmpdir();
    char *acc = small_sweep(dir), *base = ab_path_join(dir, "base.csv");
    /* The baseline is the sweep, rewritten by this test's own writer; the
     * results are the same but for max_ulp 7 on relu/stable's first row. */
    char *text = ab_slurp(acc);
    csv_doc d = parse_csv(text);
    size_t row = 0, vcol = 0;
    for (size_t c = 0; c < d.ncols[0]; c++) vcol = !strcmp(d.rows[0][c], "variant") ? c : vcol;
    for (size_t r = 1; r < d.nrows && !row; r++) row = !strcmp(d.rows[r][vcol], "stable") ? r : 0;
    cr_assert(row, "no relu/stable row");
    write_csv_with(base, &d, 0, "", "");
    char *worse = ab_path_join(dir, "worse.csv");
    write_csv_with(worse, &d, row, "max_ulp", "7");

    const char *pass[] = {"gate", "--baseline", base, "--results", base, "--format", "json", NULL};
    char *js = run_ok(pass, "gate (same)");
    json_t *doc = parse_json(js, "gate --format json");
    expect_metadata(doc, "gate");
    cr_expect_str_eq(json_string_value(json_object_get(doc, "result")), "PASS");
    cr_expect_eq(json_integer_value(json_object_get(doc, "exit_status")), 0);
    cr_expect_eq(json_integer_value(json_object_get(json_object_get(doc, "summary"), "compared")),
                 d.nrows - 1);
    cr_expect_eq(json_array_size(json_object_get(doc, "regressions")), 0);
    json_decref(doc);
    free(js);

    const char *fail[] = {"gate", "--baseline", base, "--results", worse, "--format", "json", NULL};
    const char *fail_text[] = {"gate", "--baseline", base, "--results", worse, NULL};
    ab_proc p = ab_run_actbench(fail), t = ab_run_actbench(fail_text);
    cr_expect_eq(p.status, 1, "a regression exits 1 with --format json too (got %d)", p.status);
    cr_expect_eq(t.status, 1);
    doc = parse_json(p.out, "gate --format json (regression)");
    cr_expect_str_eq(json_string_value(json_object_get(doc, "result")), "FAIL");
    cr_expect_eq(json_integer_value(json_object_get(doc, "exit_status")), 1);
    const json_t *regs = json_object_get(doc, "regressions"), *r;
    /* one per REGRESSION line of the text output */
    size_t lines = 0;
    for (const char *q = t.out; (q = strstr(q, "REGRESSION ")); q++) lines++;
    cr_expect_eq(json_array_size(regs), lines, "%zu regressions, the text has %zu",
                 json_array_size(regs), lines);
    int found = 0;
    size_t i;
    json_array_foreach(regs, i, r) {
        if (strcmp(json_string_value(json_object_get(r, "variant")), "stable") ||
            strcmp(json_string_value(json_object_get(r, "range")), d.rows[row][4]))
            continue;
        found = 1;
        cr_expect_str_eq(json_string_value(json_object_get(r, "activation")), "relu");
        cr_expect(strstr(json_string_value(json_object_get(r, "what")), "max_ulp") != NULL);
        cr_expect_eq(json_number_value(json_object_get(r, "max_ulp")), 7);
        cr_expect(json_is_false(json_object_get(r, "new")));
        cr_expect_eq(json_integer_value(json_object_get(r, "baseline_line")), (json_int_t)row + 1);
    }
    cr_expect(found, "the relu/stable max_ulp regression is not listed: %s", p.out);
    json_decref(doc);
    ab_proc_free(&p);
    ab_proc_free(&t);
    csv_free_doc(&d);
    free(text);
    free(acc);
    free(base);
    free(worse);
    ab_remove_tmpdir(dir);
}

/* ---- --version, bad --format ---- */

Test(json, version_names_commit_and_abi) {
    const char *a[] = {"--version", NULL}, *b[] = {"version", NULL};
    char *x = run_ok(a, "--version"), *y = run_ok(b, "version");
    cr_expect_str_eq(x, y);
    regex_t re;
    char pat[128];
    snprintf(pat, sizeof pat,
             "^actbench ([0-9a-f]{7,40}(-dirty)?|unknown) \\(ABI %d\\)\ncompiler: .+; flags: .+\n$",
             ACTBENCH_ABI_VERSION);
    cr_assert_eq(regcomp(&re, pat, REG_EXTENDED), 0);
    cr_expect_eq(regexec(&re, x, 0, NULL, 0), 0, "--version: %s", x);
    regfree(&re);
    free(x);
    free(y);
}

static void expect_bad_format(const char *const *args, const char *what) {
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2, "%s: exit %d", what, p.status);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s: want one line: %s", what, p.err);
    cr_expect(strstr(p.err, "--format") && strstr(p.err, "json"), "%s: %s", what, p.err);
    cr_expect_eq(strlen(p.out), 0, "%s: stdout: %s", what, p.out);
    ab_proc_free(&p);
}

Test(json, bad_format_is_one_line_and_exit_2) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "never");
    const char *l[] = {"list", "--format", "xml", "-o", out, NULL};
    const char *s[] = {SWEEP, "--format", "yaml", "-o", out, NULL};
    const char *b[] = {BENCH, "--format", "JSON", "-o", out, NULL};
    const char *r[] = {"recommend", "--format", "csv2", NULL};
    const char *g[] = {"gate", "--baseline", out, "--format", "", NULL};
    const char *sh[] = {SWEEP, "--shard", "0/2", "--format", "json", "-o", out, NULL};
    expect_bad_format(l, "list --format xml");
    expect_bad_format(s, "sweep --format yaml");
    expect_bad_format(b, "bench --format JSON");
    expect_bad_format(r, "recommend --format csv2");
    expect_bad_format(g, "gate --format ''");
    expect_bad_format(sh, "sweep --shard --format json");
    cr_expect(access(out, F_OK) != 0, "a failing run created %s", out);
    free(out);
    ab_remove_tmpdir(dir);
}
