/* test_bench.c: `actbench bench` is functionally right: columns, row
 * invariants, baselines, latency rows, skipping, and usage errors.
 * Never asserts anything about speed: these run on loaded machines. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../harness/bench.h"
#include "../harness/commands.h"
#include "../harness/csv_io.h"
#include "../harness/registry.h"
#include "../harness/rows.h"
#include "../reference/format.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(bench, .timeout = 120);
TestSuite(bench_binary, .timeout = 120);
TestSuite(bench_usage, .timeout = 120);

/* Runs `actbench bench ARGS... -o <tmp> --quiet` in-process; returns the
 * exit code and the temporary path (to be freed and unlinked). */
static int run_bench(char **path_out, ...) {
    char *path = strdup("/tmp/actbench_test_bench.XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    char *argv[64];
    int argc = 0;
    argv[argc++] = "bench";
    va_list ap;
    va_start(ap, path_out);
    for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 60;) argv[argc++] = a;
    va_end(ap);
    argv[argc++] = "--quiet";
    argv[argc++] = "-o";
    argv[argc++] = path;
    argv[argc] = NULL;
    int rc = ab_cmd_bench(argc, argv);
    *path_out = path;
    return rc;
}

static void read_table(const char *path, ab_csv_table *t) {
    char err[512];
    cr_assert_eq(ab_csv_read(path, t, err, sizeof err), 0, "%s", err);
    cr_assert_geq(t->nrows, 1u);
}

static double num(const ab_csv_table *t, size_t r, const char *col) {
    int c = ab_csv_column(t, col);
    cr_assert_geq(c, 0, "no column %s", col);
    char *end;
    double v = strtod(t->cells[r][c], &end);
    cr_assert(end != t->cells[r][c] && *end == 0, "row %zu: %s = '%s' is not a number", r,
              col, t->cells[r][c]);
    return v;
}

static const char *str(const ab_csv_table *t, size_t r, const char *col) {
    int c = ab_csv_column(t, col);
    cr_assert_geq(c, 0, "no column %s", col);
    return t->cells[r][c];
}

/* Bytes of an input and of an output element (bf16-f32: 2 in, 4 out). */
static size_t elem_in(const char *prec) {
    return !strcmp(prec, "f64") ? 8 : !strcmp(prec, "f32") ? 4 : 2;
}
static size_t elem_out(const char *prec) {
    return !strcmp(prec, "f64") ? 8 : !strcmp(prec, "f32") || !strcmp(prec, "bf16-f32") ? 4 : 2;
}

/* Every row: the invariants the issue lists. */
static void check_rows(const ab_csv_table *t) {
    for (size_t r = 1; r < t->nrows; r++) {
        cr_assert_eq(t->ncols[r], t->ncols[0], "row %zu has %zu columns", r, t->ncols[r]);
        double mn = num(t, r, "ns_per_elem_min"), md = num(t, r, "ns_per_elem_median");
        cr_expect(isfinite(mn) && mn > 0, "row %zu: ns_per_elem_min %g", r, mn);
        cr_expect(isfinite(md) && mn <= md, "row %zu: min %g > median %g", r, mn, md);
        /* read n, write n per output array (2: a fused kernel's y and y') */
        double n = num(t, r, "n"), bytes = num(t, r, "bytes"), outs = num(t, r, "outputs");
        cr_expect(outs == 1 || outs == 2, "row %zu: outputs %g", r, outs);
        cr_expect_eq(outs == 2, strstr(str(t, r, "variant"), "-fused") != NULL, "row %zu", r);
        const char *p = str(t, r, "precision");
        cr_expect_eq(bytes, n * (double)(elem_in(p) + elem_out(p) * outs), "row %zu", r);
        double eps = num(t, r, "elems_per_s"), gbs = num(t, r, "gb_per_s");
        cr_expect(isfinite(eps) && eps > 0);
        cr_expect(fabs(eps * mn / 1e9 - 1) < 1e-4, "row %zu: elems_per_s vs min", r);
        cr_expect(fabs(gbs * mn * n / bytes - 1) < 1e-4, "row %zu: gb_per_s vs min", r);
        const char *mode = str(t, r, "mode");
        cr_expect(!strcmp(mode, "throughput") || !strcmp(mode, "latency"), "mode %s", mode);
#if defined(__x86_64__) || defined(__i386__)
        double cyc = num(t, r, "cycles_per_elem");
        cr_expect(isfinite(cyc) && cyc > 0, "row %zu: cycles_per_elem %g", r, cyc);
        cr_expect_gt(num(t, r, "tsc_hz"), 0);
#endif
    }
}

static size_t count_rows(const ab_csv_table *t, const char *act, const char *prec,
                         const char *mode) {
    size_t k = 0;
    for (size_t r = 1; r < t->nrows; r++)
        if (!strcmp(str(t, r, "activation"), act) && (!prec || !strcmp(str(t, r, "precision"), prec)) &&
            (!mode || !strcmp(str(t, r, "mode"), mode)))
            k++;
    return k;
}

static size_t available_variants(const char *act, int prec, int scalar_only) {
    const ab_activation *a = ab_find_activation(act);
    cr_assert_not_null(a);
    size_t k = 0;
    for (size_t i = 0; i < a->n_variants; i++) {
        const ab_variant *v = &a->variants[i];
        if ((prec < 0 || (int)v->precision == prec) && ab_variant_available(v) &&
            (!scalar_only || !strcmp(v->isa, "scalar")))
            k++;
    }
    return k;
}

Test(bench, header_rows_and_baselines) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "tanh", "--sizes", "1K", "--reps", "2", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    static const char *first[] = {
        "activation", "variant", "strategy", "precision", "isa", "n", "size", "bytes", "outputs",
        "ns_per_elem_min", "ns_per_elem_median", "elems_per_s", "gb_per_s",
        "cycles_per_elem"};
    cr_assert_geq(t.ncols[0], 14u);
    for (size_t c = 0; c < 14; c++) cr_expect_str_eq(t.cells[0][c], first[c]);
    for (size_t c = 0; c < 4; c++) {
        static const char *extra[] = {"mode", "reps", "inner", "tsc_hz"};
        cr_expect_geq(ab_csv_column(&t, extra[c]), 0, "no column %s", extra[c]);
    }
    check_rows(&t);
    for (size_t r = 1; r < t.nrows; r++) {
        cr_expect_eq(num(&t, r, "n"), 1024);
        cr_expect_eq(num(&t, r, "reps"), 2);
        cr_expect_geq(num(&t, r, "inner"), 1);
        cr_expect_str_eq(str(&t, r, "mode"), "throughput");
        cr_expect_str_eq(str(&t, r, "inputs"), "core");
        const char *a = str(&t, r, "activation");
        cr_expect(!strcmp(a, "tanh") || !strcmp(a, "memcpy"), "unexpected activation %s", a);
        if (!strcmp(a, "memcpy")) {
            cr_expect_str_eq(str(&t, r, "variant"), "memcpy");
            cr_expect_str_eq(str(&t, r, "strategy"), "baseline");
        }
    }
    cr_expect_eq(count_rows(&t, "memcpy", "f32", NULL), 1);
    cr_expect_eq(count_rows(&t, "memcpy", "f64", NULL), 1);
    cr_expect_eq(count_rows(&t, "memcpy", "bf16", NULL), 1);
    cr_expect_eq(count_rows(&t, "memcpy", "f16", NULL), 1);
    cr_expect_gt(available_variants("tanh", -1, 0), 0);
    cr_expect_eq(count_rows(&t, "tanh", NULL, NULL), available_variants("tanh", -1, 0));
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

Test(bench, sizes_precision_and_latency) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation=tanh", "--precision", "f64", "--sizes", "2K,512",
                           "--reps", "1", "--latency", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    size_t thr = available_variants("tanh", AB_F64, 0), lat = available_variants("tanh", AB_F64, 1);
    cr_expect(thr > 0 && lat > 0, "tanh f64: %zu variants, %zu scalar", thr, lat);
    cr_expect_eq(count_rows(&t, "tanh", "f64", "throughput"), 2 * thr);
    /* Latency: once per variant, over the smallest size's inputs. */
    cr_expect_eq(count_rows(&t, "tanh", "f64", "latency"), lat);
    cr_expect_eq(count_rows(&t, "memcpy", "f64", "throughput"), 2);
    cr_expect_eq(count_rows(&t, "memcpy", "f64", "latency"), 1);
    cr_expect_eq(count_rows(&t, "memcpy", "f32", NULL), 0);
    cr_expect_eq(count_rows(&t, "tanh", "f32", NULL), 0);
    for (size_t r = 1; r < t.nrows; r++) {
        double n = num(&t, r, "n");
        cr_expect(n == 512 || n == 2048, "n = %g", n);
        if (!strcmp(str(&t, r, "mode"), "latency")) cr_expect_eq(n, 512);
    }
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

Test(bench, variant_filter_keeps_baseline) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "tanh,sigmoid", "--variant", "stable",
                           "--precision", "f32", "--sizes", "64", "--reps", "1", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    for (size_t r = 1; r < t.nrows; r++) {
        const char *v = str(&t, r, "variant");
        cr_expect(!strcmp(v, "stable") || !strcmp(v, "memcpy"), "variant %s", v);
    }
    cr_expect_eq(count_rows(&t, "tanh", "f32", NULL), 1);
    cr_expect_eq(count_rows(&t, "sigmoid", "f32", NULL), 1);
    cr_expect_eq(count_rows(&t, "memcpy", "f32", NULL), 1);
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

/* A variant for an ISA nobody has: skipped with a note, never called
 * (calling it would abort the test). */
static void never_called(const float *x, float *y, size_t n) {
    (void)x, (void)y, (void)n;
    abort();
}

Test(bench, unavailable_variant_is_skipped) {
    ab_variant v = AB_VARIANT("from-the-future", AB_VECTOR, "no-such-isa", 0,
                              "never run", never_called);
    cr_assert_eq(ab_register_variant("tanh", &v), 0);
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "tanh", "--precision", "f32", "--sizes", "64",
                           "--reps", "1", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    cr_expect_gt(count_rows(&t, "tanh", "f32", NULL), 0, "no tanh f32 row at all");
    for (size_t r = 1; r < t.nrows; r++)
        cr_expect_str_neq(str(&t, r, "variant"), "from-the-future");
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

/* Row operations: one row per size, n = the row length, the same columns
 * and invariants (softmax and log_softmax write a row as long as they
 * read, so bytes = 2 n elements); every available variant of the op gets
 * one row per size; no latency rows; memcpy still there. */
Test(bench, row_ops_one_row_per_size) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "softmax,log_softmax", "--precision", "f32",
                           "--sizes", "1K,33", "--reps", "2", "--latency", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    static const char *ops[] = {"softmax", "log_softmax"};
    for (size_t i = 0; i < 2; i++) {
        const ab_row_op *op = ab_find_row_op(ops[i]);
        cr_assert_not_null(op);
        size_t avail = 0;
        for (size_t k = 0; k < op->n_variants; k++)
            avail += op->variants[k].precision == AB_F32 && ab_variant_available(&op->variants[k]);
        cr_expect_gt(avail, 0u);
        cr_expect_eq(count_rows(&t, ops[i], "f32", "throughput"), 2 * avail, "%s", ops[i]);
        cr_expect_eq(count_rows(&t, ops[i], NULL, "latency"), 0, "%s", ops[i]);
    }
    cr_expect_eq(count_rows(&t, "memcpy", "f32", "throughput"), 2);
    for (size_t r = 1; r < t.nrows; r++) {
        double n = num(&t, r, "n");
        cr_expect(n == 1024 || n == 33 || !strcmp(str(&t, r, "mode"), "latency"), "n = %g", n);
        const char *a = str(&t, r, "activation");
        cr_expect(!strcmp(a, "softmax") || !strcmp(a, "log_softmax") || !strcmp(a, "memcpy"),
                  "unexpected activation %s", a);
    }
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

/* --inputs LO:HI: every row says so, and the inputs are uniform in value
 * over [LO, HI]: all inside, reaching within 1% of both ends, mean within
 * 1% of the middle (10^5 draws: the mean's standard error is 0.09% of the
 * width), in every precision. */
Test(bench, inputs_interval) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "sigmoid", "--variant", "stable", "--precision", "f32",
                           "--sizes", "1K", "--reps", "1", "--inputs", "-0x1.9p+7:-90", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    cr_expect_eq(t.nrows, 3u, "memcpy and stable");
    for (size_t r = 1; r < t.nrows; r++) cr_expect_str_eq(str(&t, r, "inputs"), "-200:-90");
    ab_csv_table_free(&t);
    unlink(path);
    free(path);

    ab_bench_opts o;
    ab_bench_opts_init(&o);
    cr_expect_eq(o.in_lo, -10);
    cr_expect_eq(o.in_hi, 10);
    o.in_lo = -200;
    o.in_hi = -90;
    enum { N = 100000 };
    static union { float f[N]; double d[N]; uint16_t h[N]; } x;
    static const ab_precision ps[] = {AB_F32, AB_F64, AB_BF16, AB_F16};
    for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
        cr_assert_eq(ab_bench_inputs(&o, ps[k], N, &x), 0);
        double mn = INFINITY, mx = -INFINITY, sum = 0;
        for (size_t i = 0; i < N; i++) {
            double v = ps[k] == AB_F32 ? x.f[i] : ps[k] == AB_F64 ? x.d[i] : ab_fmt_from_bits(x.h[i], ps[k]);
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
            sum += v;
        }
        const char *pn = ab_precision_name(ps[k]);
        cr_expect(mn >= -200 && mx <= -90, "%s: inputs in [%g, %g]", pn, mn, mx);
        cr_expect(mn < -198.9 && mx > -91.1, "%s: inputs only reach [%g, %g]", pn, mn, mx);
        cr_expect(fabs(sum / N + 145) < 1.1, "%s: mean %g, the middle is -145", pn, sum / N);
    }
    o.in_lo = 1;
    o.in_hi = 1;
    cr_expect_eq(ab_bench_inputs(&o, AB_F32, 1, &x), -1, "an empty interval is refused");
}

Test(bench, median) {
    double odd[] = {3, 1, 2}, even[] = {4, 1, 3, 2}, one[] = {7};
    cr_expect_eq(ab_median(odd, 3), 2);
    cr_expect_eq(ab_median(even, 4), 2.5);
    cr_expect_eq(ab_median(one, 1), 7);
    cr_expect(isnan(ab_median(NULL, 0)));
}

Test(bench, help_exits_0, .init = cr_redirect_stdout) {
    char *argv[] = {"bench", "--help", NULL};
    cr_expect_eq(ab_cmd_bench(2, argv), 0);
}

/* --inputs A,B,..: each elementwise row (memcpy's too) once per interval,
 * in the order given and labelled with it (`core`: [-10, 10]; hex floats
 * printed in decimal), the row operations once, with the first. */
Test(bench, inputs_list) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "sigmoid,softmax", "--variant", "stable", "--precision", "f32",
                           "--sizes", "1K", "--reps", "1", "--inputs", "0x1p4:0x1p5,core,-200:-90", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    const char *want[][2] = {{"memcpy", "16:32"},  {"sigmoid", "16:32"}, {"softmax", "uniform"},
                             {"memcpy", "core"},   {"sigmoid", "core"},
                             {"memcpy", "-200:-90"}, {"sigmoid", "-200:-90"}};
    size_t nw = sizeof want / sizeof *want;
    cr_assert_eq(t.nrows, nw + 1, "%zu rows", t.nrows - 1);
    for (size_t r = 1; r < t.nrows; r++) {
        cr_expect_str_eq(str(&t, r, "activation"), want[r - 1][0], "row %zu", r);
        cr_expect_str_eq(str(&t, r, "inputs"), want[r - 1][1], "row %zu", r);
    }
    ab_csv_table_free(&t);
    unlink(path);
    free(path);
}

/* Usage errors exit 2 (the process exits inside ab_usage_error). */
#define USAGE_TEST(name, ...)                                                  \
    Test(bench_usage, name, .exit_code = 2) {                                  \
        char *argv[] = {"bench", __VA_ARGS__, NULL};                           \
        ab_cmd_bench((int)(sizeof argv / sizeof *argv) - 1, argv);            \
        cr_assert_fail("returned instead of exiting");                             \
    }
USAGE_TEST(size_bad_suffix, "--sizes", "4Q")
USAGE_TEST(size_zero, "--sizes", "0")
USAGE_TEST(size_zero_in_list, "--sizes", "4K,0")
USAGE_TEST(size_negative, "--sizes", "-1")
USAGE_TEST(size_empty, "--sizes", ",")
USAGE_TEST(size_too_big, "--sizes", "1024M")
USAGE_TEST(size_missing, "--sizes")
USAGE_TEST(reps_zero, "--reps", "0")
USAGE_TEST(reps_not_number, "--reps", "many")
USAGE_TEST(precision, "--precision", "f8")
USAGE_TEST(activation, "--activation", "no-such-activation")
USAGE_TEST(variant, "--activation", "tanh", "--variant", "no-such-variant")
USAGE_TEST(option, "--fast")
USAGE_TEST(inputs_reversed, "--inputs", "5:1")
USAGE_TEST(inputs_one_number, "--inputs", "5")
USAGE_TEST(inputs_nan, "--inputs", "nan:1")
USAGE_TEST(inputs_infinite, "--inputs", "-inf:0")
USAGE_TEST(inputs_trailing, "--inputs", "-1:1x")
USAGE_TEST(inputs_twice, "--inputs", "core,-10:10")
USAGE_TEST(inputs_bad_in_list, "--inputs", "core,-1:x")
USAGE_TEST(inputs_too_many, "--inputs", "1:2,2:3,3:4,4:5,5:6,6:7,7:8,8:9,9:10")

/* The real binary, when `make test` says where it is. */
static int run_binary(const char *args) {
    const char *bin = getenv("ACTBENCH_BIN");
    if (!bin) cr_skip_test("ACTBENCH_BIN is not set");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' %s >/dev/null 2>&1", bin, args);
    int st = system(cmd);
    cr_assert(WIFEXITED(st));
    return WEXITSTATUS(st);
}

Test(bench_binary, exit_codes_and_untouched_output) {
    char path[] = "/tmp/actbench_test_bin.XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, "keep\n", 5), 5);
    close(fd);
    char args[512];
    snprintf(args, sizeof args, "bench --sizes 4Q -o %s", path);
    cr_expect_eq(run_binary(args), 2);
    snprintf(args, sizeof args, "bench --sizes 0 -o %s", path);
    cr_expect_eq(run_binary(args), 2);
    cr_expect_eq(run_binary("bench --help"), 0);
    FILE *f = fopen(path, "r");
    char buf[16] = "";
    cr_assert_not_null(f);
    cr_expect_not_null(fgets(buf, sizeof buf, f));
    fclose(f);
    cr_expect_str_eq(buf, "keep\n");
    snprintf(args, sizeof args, "bench --activation tanh --sizes 256 --reps 1 --quiet -o %s", path);
    cr_expect_eq(run_binary(args), 0);
    ab_csv_table t;
    read_table(path, &t);
    check_rows(&t);
    cr_expect_gt(t.nrows, 2u);
    ab_csv_table_free(&t);
    unlink(path);
}

/* The size column is the size asked for: an elementwise call is that many
 * elements (n = size); a row operation's call is the row built from it,
 * n = len_mul * size + len_add (maxout: [x | w_1..w_4 | b], 5 * 1024 + 4). */
Test(bench, size_column_is_the_size_asked_for) {
    char *path;
    cr_assert_eq(run_bench(&path, "--activation", "tanh,maxout", "--precision", "f32", "--variant",
                           "naive,stable", "--sizes", "1K", "--reps", "2", NULL), 0);
    ab_csv_table t;
    read_table(path, &t);
    const ab_row_op *mx = ab_find_row_op("maxout");
    cr_assert_not_null(mx);
    size_t want_mx = (mx->len_mul ? mx->len_mul : 1) * 1024 + mx->len_add, rows = 0;
    cr_expect_eq(want_mx, 5 * 1024 + 4, "maxout's row is [x | w_1..w_4 | b]");
    for (size_t r = 1; r < t.nrows; r++) {
        if (t.ncols[r] < 2) continue;
        cr_expect_eq(num(&t, r, "size"), 1024, "row %zu", r);
        double n = num(&t, r, "n");
        cr_expect_eq(n, strcmp(str(&t, r, "activation"), "maxout") ? 1024 : (double)want_mx,
                     "%s n %g", str(&t, r, "activation"), n);
        rows++;
    }
    cr_expect_geq(rows, 3, "%zu rows", rows);
    ab_csv_table_free(&t);
    free(path);
}
