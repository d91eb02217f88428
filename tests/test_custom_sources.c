/* test_custom_sources.c: the input sources of issue 13 from the command
 * line: `sweep --range LO:HI`, `sweep --inputs FILE`, and `--search` on
 * the planted band (tests/plugins/planted_band.h).
 *
 * Expected values are computed here, independently of harness/custom.c:
 *   - an interval's bounds in a precision are the smallest value >= LO
 *     and the largest <= HI.  The test starts from the nearest value and
 *     steps with nextafter until that holds, judging "x >= LO" exactly:
 *     LO = a / b with small integers (0.1 = 1/10, ...), and b x is exact
 *     in long double (64-bit significand) for a double x (53 bits) and a
 *     b below 2^11, so b x >= a is decided without rounding;
 *   - sizes from the bit patterns (ordinals) of the bounds;
 *   - the planted band's peak from the header's constants (C = 2^49 ulps
 *     at |d| <= 1), its band level L = C / H = 2^30. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plugins/planted_band.h"
#include "subprocess.h"

TestSuite(custom, .timeout = 120);

/* ---- a small CSV reader (quoted fields with commas and "") ---------------- */
typedef struct {
    char **f;
    size_t n;
} rec;

typedef struct {
    rec *r;  /* r[0]: the header */
    size_t n;
} table;

static void table_read(table *t, const char *text) {
    memset(t, 0, sizeof *t);
    const char *p = text;
    while (*p) {
        rec r = {0};
        for (;;) {
            size_t cap = 64, k = 0;
            char *b = malloc(cap);
            if (*p == '"') {
                for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                    if (*p == '"') p++;
                    if (k + 2 >= cap) b = realloc(b, cap *= 2);
                    b[k++] = *p;
                }
                if (*p == '"') p++;
            } else {
                for (; *p && *p != ',' && *p != '\n'; p++) {
                    if (k + 2 >= cap) b = realloc(b, cap *= 2);
                    b[k++] = *p;
                }
            }
            b[k] = 0;
            r.f = realloc(r.f, (r.n + 1) * sizeof *r.f);
            r.f[r.n++] = b;
            if (*p == ',') { p++; continue; }
            if (*p == '\n') p++;
            break;
        }
        t->r = realloc(t->r, (t->n + 1) * sizeof *t->r);
        t->r[t->n++] = r;
    }
}

static void table_free(table *t) {
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->r[i].n; k++) free(t->r[i].f[k]);
        free(t->r[i].f);
    }
    free(t->r);
}

static size_t col(const table *t, const char *name) {
    for (size_t k = 0; k < t->r[0].n; k++)
        if (!strcmp(t->r[0].f[k], name)) return k;
    cr_assert_fail("no column %s", name);
    return 0;
}

/* The field `name` of the first row with these activation, variant,
 * precision and range (variant NULL: any). */
static const char *field(const table *t, const char *act, const char *var, const char *prec,
                         const char *range, const char *name) {
    size_t ca = col(t, "activation"), cv = col(t, "variant"), cp = col(t, "precision"),
           cr = col(t, "range"), c = col(t, name);
    for (size_t i = 1; i < t->n; i++) {
        const rec *r = &t->r[i];
        if (!strcmp(r->f[ca], act) && (!var || !strcmp(r->f[cv], var)) && !strcmp(r->f[cp], prec) &&
            !strcmp(r->f[cr], range))
            return r->f[c];
    }
    cr_assert_fail("no row %s/%s/%s/%s", act, var ? var : "*", prec, range);
    return NULL;
}

static double num(const char *s) {
    char *end;
    double d = strtod(s, &end);
    cr_assert(*s && !*end, "'%s' is not a number", s);
    return d;
}

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* Runs a sweep into a temporary CSV and reads it; pre: before "sweep". */
static void sweep_table(table *t, const char *const *pre, const char *const *args) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "acc.csv");
    const char *argv[48];
    size_t n = 0;
    for (size_t i = 0; pre && pre[i]; i++) argv[n++] = pre[i];
    argv[n++] = "sweep";
    argv[n++] = "--quiet";
    for (size_t i = 0; args[i]; i++) argv[n++] = args[i];
    argv[n++] = "-o";
    argv[n++] = out;
    argv[n] = NULL;
    ab_proc p = ab_run_actbench(argv);
    cr_assert_eq(p.status, 0, "sweep: exit %d:\n%s", p.status, p.err);
    ab_proc_free(&p);
    char *text = ab_slurp(out);
    cr_assert_not_null(text);
    table_read(t, text);
    free(text);
    free(out);
    ab_remove_tmpdir(dir);
}

/* ---- inward-rounded bounds, computed here --------------------------------- */
/* x >= a / b, exactly (b x in long double is exact, see the top). */
static int ge_frac(double x, long a, long b) { return (long double)b * x >= (long double)a; }
static int le_frac(double x, long a, long b) { return (long double)b * x <= (long double)a; }

static double lo_f64(long a, long b) {
    double x = (double)a / (double)b;
    while (!ge_frac(x, a, b)) x = nextafter(x, INFINITY);
    while (ge_frac(nextafter(x, -INFINITY), a, b)) x = nextafter(x, -INFINITY);
    return x;
}
static double hi_f64(long a, long b) {
    double x = (double)a / (double)b;
    while (!le_frac(x, a, b)) x = nextafter(x, -INFINITY);
    while (le_frac(nextafter(x, INFINITY), a, b)) x = nextafter(x, INFINITY);
    return x;
}
static double lo_f32(long a, long b) {
    float x = (float)a / (float)b;
    while (!ge_frac(x, a, b)) x = nextafterf(x, INFINITY);
    while (ge_frac(nextafterf(x, -INFINITY), a, b)) x = nextafterf(x, -INFINITY);
    return x;
}
static double hi_f32(long a, long b) {
    float x = (float)a / (float)b;
    while (!le_frac(x, a, b)) x = nextafterf(x, -INFINITY);
    while (le_frac(nextafterf(x, INFINITY), a, b)) x = nextafterf(x, INFINITY);
    return x;
}

/* Values of a precision in [lo, hi] (same sign, lo <= hi): ordinals are
 * the bit patterns for positive values. */
static uint64_t count_pos(double lo, double hi, int f32) {
    if (f32) {
        float a = (float)lo, b = (float)hi;
        uint32_t ua, ub;
        memcpy(&ua, &a, 4);
        memcpy(&ub, &b, 4);
        return (uint64_t)(ub - ua) + 1;
    }
    uint64_t ua, ub;
    memcpy(&ua, &lo, 8);
    memcpy(&ub, &hi, 8);
    return ub - ua + 1;
}

static void expect_bounds(const table *t, const char *prec, const char *range, double lo,
                          double hi) {
    double glo = num(field(t, "relu", NULL, prec, range, "lo"));
    double ghi = num(field(t, "relu", NULL, prec, range, "hi"));
    cr_expect(same_bits(glo, lo), "%s %s: lo %a, want %a", prec, range, glo, lo);
    cr_expect(same_bits(ghi, hi), "%s %s: hi %a, want %a", prec, range, ghi, hi);
}

/* Decimal bounds that no binary format holds: 0.1 and 0.2 round inward
 * (lo up, hi down), in each precision independently; name as typed. */
Test(custom, decimal_bounds_round_inward) {
    table t;
    const char *args[] = {"--activation", "relu", "--range", "0.1:0.2", "--samples", "512", NULL};
    sweep_table(&t, NULL, args);
    expect_bounds(&t, "f32", "range_0.1_0.2", lo_f32(1, 10), hi_f32(1, 5));
    expect_bounds(&t, "f64", "range_0.1_0.2", lo_f64(1, 10), hi_f64(1, 5));
    /* Every float is a double: the f32 interval lies inside the f64 one. */
    cr_expect(lo_f32(1, 10) >= lo_f64(1, 10));
    cr_expect(hi_f32(1, 5) <= hi_f64(1, 5));
    /* Sampled (millions of values in each precision), 512 samples. */
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "range_0.1_0.2", "exhaustive"), "0");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "range_0.1_0.2", "samples"), "512");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", "range_0.1_0.2", "samples"), "512");
    table_free(&t);
}

/* Negative decimal bounds and a third one: -2.5 is exact, -1/3 is not:
 * [-2.5, -1/3] in f64 has hi = the largest double <= -1/3. */
Test(custom, negative_bounds) {
    table t;
    const char *args[] = {"--activation", "relu", "--precision", "f64", "--range",
                          "-2.5:-0.3333333333333333333333", "--samples", "64", NULL};
    sweep_table(&t, NULL, args);
    /* HI = -0.333...3 (22 threes) = -1/3 + 1/(3 x 10^22).  -1/3 is no
     * double, and its neighbours are at least ulp/3 = 2^-54/3 > 10^-17
     * from it (1/3 = 0.010101... in binary), so no double lies in
     * (-1/3, HI] (width 3.4e-23): the largest double <= HI is the largest
     * <= -1/3, hi_f64(-1, 3). */
    expect_bounds(&t, "f64", "range_-2.5_-0.3333333333333333333333", -2.5, hi_f64(-1, 3));
    table_free(&t);
}

/* Hex bounds, both precisions, and the exhaustive flag when the interval
 * holds at most --samples values: [1, 1 + 2^-16] holds, in f32 (ulp 2^-23
 * in [1, 2)), 2^-16 / 2^-23 + 1 = 2^7 + 1 = 129 values; in f64 (ulp
 * 2^-52) 2^36 + 1.  [1, 1 + 2^-40]: in f64 2^12 + 1 = 4097 values; in f32
 * only 1 (1 + 2^-40 rounds down to 1). */
Test(custom, hex_bounds_and_exhaustive_flag) {
    table t;
    const char *args[] = {"--activation", "relu", "--range", "0x1p0:0x1.0001p0,0x1p0:0x1.0000000001p0",
                          "--samples", "129", NULL};
    sweep_table(&t, NULL, args);
    const char *r1 = "range_0x1p0_0x1.0001p0", *r2 = "range_0x1p0_0x1.0000000001p0";
    expect_bounds(&t, "f32", r1, 1.0, 1.0 + 0x1p-16);
    expect_bounds(&t, "f64", r1, 1.0, 1.0 + 0x1p-16);
    /* 1 + 2^-40 is no float: f32's hi rounds down to 1. */
    expect_bounds(&t, "f32", r2, 1.0, 1.0);
    expect_bounds(&t, "f64", r2, 1.0, 1.0 + 0x1p-40);
    cr_expect_eq(count_pos(1.0, 1.0 + 0x1p-16, 1), 129);
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r1, "exhaustive"), "1");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r1, "samples"), "129");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", r1, "exhaustive"), "0");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", r1, "samples"), "129");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r2, "exhaustive"), "1");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r2, "samples"), "1");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", r2, "exhaustive"), "0");
    table_free(&t);

    /* One more sample than f64's 4097 values: exhaustive; one fewer than
     * f32's 129: sampled. */
    const char *args2[] = {"--activation", "relu", "--range", "0x1p0:0x1.0001p0,0x1p0:0x1.0000000001p0",
                           "--samples", "4097", NULL};
    sweep_table(&t, NULL, args2);
    cr_expect_eq(count_pos(1.0, 1.0 + 0x1p-40, 0), 4097);
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", r2, "exhaustive"), "1");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", r2, "samples"), "4097");
    table_free(&t);
    const char *args3[] = {"--activation", "relu", "--precision", "f32", "--range",
                           "0x1p0:0x1.0001p0", "--samples", "128", NULL};
    sweep_table(&t, NULL, args3);
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r1, "exhaustive"), "0");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r1, "samples"), "128");
    table_free(&t);
}

/* An interval across zero: -0 is its zero (both zeros lie in [LO, HI]),
 * and the named ranges next to it are unchanged. */
Test(custom, interval_across_zero_beside_named_range) {
    table t;
    const char *args[] = {"--activation", "relu", "--precision", "f32", "--range",
                          "unit,-0x1p-149:0x1p-149", "--samples", "16", NULL};
    sweep_table(&t, NULL, args);
    const char *r = "range_-0x1p-149_0x1p-149";
    expect_bounds(&t, "f32", r, -0x1p-149, 0x1p-149);
    /* -min_sub, -0, +0, +min_sub: 4 values, exhaustive with 16 samples */
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r, "samples"), "4");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", r, "exhaustive"), "1");
    expect_bounds(&t, "f32", "unit", -1.0, 1.0);
    table_free(&t);
}

/* ---- --inputs -------------------------------------------------------------- */
Test(custom, inputs_values_in_file_order) {
    char *dir = ab_make_tmpdir();
    char *f = ab_path_join(dir, "my points.txt");
    /* A mix: hex, decimal, comments, blanks, CRLF, inf, nan, a value
     * that is no float (0.1: nearest float in f32). */
    ab_write_text(f, "# worst cases\n"
                     "0x1.8p-3\n"
                     "\n"
                     "  -2.5   # trailing comment\n"
                     "0.1\r\n"
                     "inf\n"
                     "-inf\n"
                     "nan\n"
                     "1e-3\n");
    table t;
    const char *args[] = {"--activation", "tanh", "--variant", "stable", "--inputs", f, NULL};
    sweep_table(&t, NULL, args);
    /* Only the file: no named range; name from the base name, the blank
     * as _. */
    cr_expect_eq(t.n, 1 + 2, "rows: %zu (want tanh/stable f32 and f64 only)", t.n - 1);
    const char *name = "inputs_my_points.txt";
    for (int p = 0; p < 2; p++) {
        const char *prec = p ? "f64" : "f32";
        cr_expect_str_eq(field(&t, "tanh", "stable", prec, name, "samples"), "7");
        /* no interval: lo/hi empty */
        cr_expect_str_eq(field(&t, "tanh", "stable", prec, name, "lo"), "");
    }
    table_free(&t);

    /* Rewritten file, relu (exact): every value correctly rounded. */
    ab_write_text(f, "0x1.8p-3\n-2.5\n");
    const char *args2[] = {"--activation", "relu", "--variant", "stable", "--precision", "f64",
                           "--inputs", f, NULL};
    sweep_table(&t, NULL, args2);
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", name, "samples"), "2");
    cr_expect_str_eq(field(&t, "relu", "stable", "f64", name, "max_ulp"), "0");
    table_free(&t);
    free(f);
    ab_remove_tmpdir(dir);
}

/* The values themselves, through the planted band: a file holding c
 * (error C = 2^49 ulps in f64) and a value far from it (exact): max_ulp is
 * C and the worst input is c, whichever line it is on. */
Test(custom, inputs_reach_the_variant_as_given) {
    char *so = ab_plugin_path("planted_band.so");
    const char *pre[] = {"--plugin", so, NULL};
    char *dir = ab_make_tmpdir();
    char *f = ab_path_join(dir, "band.txt");
    char text[256];
    snprintf(text, sizeof text, "1.75\n%a\n0x1p-1\n", PB64_CENTRE);
    ab_write_text(f, text);
    table t;
    const char *args[] = {"--activation", "relu", "--variant", "planted-band", "--precision", "f64",
                          "--inputs", f, NULL};
    sweep_table(&t, pre, args);
    double got = num(field(&t, "relu", "planted-band", "f64", "inputs_band.txt", "max_ulp"));
    cr_expect_eq(got, (double)PB64_C, "max_ulp %g, want C = %g", got, (double)PB64_C);
    double w = num(field(&t, "relu", "planted-band", "f64", "inputs_band.txt", "worst_input"));
    cr_expect(same_bits(w, PB64_CENTRE), "worst input %a", w);
    cr_expect_str_eq(field(&t, "relu", "planted-band", "f64", "inputs_band.txt", "samples"), "3");
    table_free(&t);
    free(f);
    free(so);
    ab_remove_tmpdir(dir);
}

/* Two files, with --range: every source appears. */
Test(custom, inputs_two_files_and_a_range) {
    char *dir = ab_make_tmpdir();
    char *a = ab_path_join(dir, "a.txt"), *b = ab_path_join(dir, "b.txt");
    ab_write_text(a, "1\n2\n3\n");
    ab_write_text(b, "-1\n");
    table t;
    const char *args[] = {"--activation", "relu", "--variant", "stable", "--precision", "f32",
                          "--inputs", a, "--inputs", b, "--range", "core,0:1", "--samples", "32",
                          NULL};
    sweep_table(&t, NULL, args);
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "inputs_a.txt", "samples"), "3");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "inputs_b.txt", "samples"), "1");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "core", "samples"), "32");
    cr_expect_str_eq(field(&t, "relu", "stable", "f32", "range_0_1", "samples"), "32");
    expect_bounds(&t, "f32", "range_0_1", -0.0, 1.0);
    cr_expect_eq(t.n, 1 + 4);
    table_free(&t);
    free(a);
    free(b);
    ab_remove_tmpdir(dir);
}

/* Bad files: exit 2, one line, naming the file and line. */
static void expect_input_error(const char *content, const char *prec, const char *needle) {
    char *dir = ab_make_tmpdir();
    char *f = ab_path_join(dir, "in.txt"), *out = ab_path_join(dir, "out.csv");
    if (content) ab_write_text(f, content);
    const char *argv[] = {"sweep", "--quiet", "--activation", "relu", "--precision", prec,
                          "--inputs", f, "-o", out, NULL};
    ab_proc p = ab_run_actbench(argv);
    cr_expect_eq(p.status, 2, "[%s] exit %d:\n%s", needle, p.status, p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "[%s] %s", needle, p.err);
    cr_expect(strstr(p.err, needle) != NULL, "[%s] not in: %s", needle, p.err);
    char *o = ab_slurp(out);
    cr_expect_null(o, "[%s] an output was written", needle);
    free(o);
    ab_proc_free(&p);
    free(f);
    free(out);
    ab_remove_tmpdir(dir);
}

Test(custom, inputs_errors) {
    expect_input_error("1\n2\nabc\n", "f64", "in.txt:3: not a number");
    expect_input_error("# only\n0x1p0\n0x1.8q-3\n", "f64", "in.txt:3: not a number");
    expect_input_error("1\n1 2\n", "f64", "in.txt:2: not a number");
    expect_input_error("1,2\n", "f64", "in.txt:1: not a number");
    expect_input_error("", "f64", "in.txt: no values");
    expect_input_error("# nothing\n\n  \n", "f64", "in.txt: no values");
    expect_input_error(NULL, "f64", "cannot read");
    /* 1e300 fits f64, not f32 (FLT_MAX ~ 3.4e38) */
    expect_input_error("1\n1e300\n", "f32", "in.txt:2: does not fit f32");
}

/* ---- --search on the planted band, from the command line ------------------ */
/* relu/planted-band, f64, `core`, 65536 stratified samples (the default)
 * and the default budget: the header's analysis says the stratified pass
 * misses the band (P <= 7.4e-9) and its max is below L = C / H = 2^30;
 * the search row reaches the band (>= L) and, the error being unimodal
 * around c, its peak C = 2^49 (m(d) = C at |d| <= 1). */
Test(custom, search_finds_the_planted_band) {
    char *so = ab_plugin_path("planted_band.so");
    const char *pre[] = {"--plugin", so, NULL};
    const char *args[] = {"--activation", "relu", "--variant", "planted-band", "--precision", "f64",
                          "--range", "core", "--search", NULL};
    table t;
    sweep_table(&t, pre, args);
    const double L = (double)(PB64_C / PB64_HALF_BAND), peak = (double)PB64_C;
    cr_assert_eq(L, ldexp(1, 30));
    cr_assert_eq(peak, ldexp(1, 49));
    double strat = num(field(&t, "relu", "planted-band", "f64", "core", "max_ulp"));
    double found = num(field(&t, "relu", "planted-band", "f64", "core+search", "max_ulp"));
    cr_expect_lt(strat, L, "the stratified row found the band (%g)", strat);
    cr_expect_geq(found, L, "the search row stays below the band: %g", found);
    cr_expect_eq(found, peak, "the search row's max %g, the model's peak %g", found, peak);
    double w = num(field(&t, "relu", "planted-band", "f64", "core+search", "worst_input"));
    /* In the band: |x - c| 2^52 <= H, exact for x, c in [1, 2). */
    cr_expect_leq(fabs(ldexp(w - PB64_CENTRE, 52)), (double)PB64_HALF_BAND, "worst %a", w);
    /* The search row counts the search's own evaluations: at most the
     * budget (4096 by default), none of the stratified samples. */
    double n = num(field(&t, "relu", "planted-band", "f64", "core+search", "samples"));
    cr_expect(n > 0 && n <= 4096, "search row samples %g", n);
    cr_expect_str_eq(field(&t, "relu", "planted-band", "f64", "core", "samples"), "65536");
    table_free(&t);
    free(so);
}

/* Search rows follow every sampled range, custom intervals included, but
 * not lists (every value is evaluated) nor exhaustively covered ranges. */
Test(custom, search_rows_for_sampled_sources_only) {
    char *dir = ab_make_tmpdir();
    char *f = ab_path_join(dir, "pts.txt");
    ab_write_text(f, "1\n2\n");
    const char *args[] = {"--activation", "relu", "--variant", "stable", "--precision", "f64",
                          "--range", "unit,0x1p0:0x1.0000000001p0,1:2", "--inputs", f,
                          "--samples", "1024", "--search", "--budget", "16", NULL};
    table t;
    sweep_table(&t, NULL, args);
    size_t cr = col(&t, "range");
    int seen[5] = {0};
    const char *want[] = {"unit", "unit+search", "range_1_2+search", "inputs_pts.txt",
                          "range_0x1p0_0x1.0000000001p0+search"};
    for (size_t i = 1; i < t.n; i++)
        for (int k = 0; k < 5; k++) seen[k] += !strcmp(t.r[i].f[cr], want[k]);
    cr_expect_eq(seen[0], 1);
    cr_expect_eq(seen[1], 1);
    cr_expect_eq(seen[2], 1);
    cr_expect_eq(seen[3], 1);
    /* 4097 values > 1024 samples: sampled, searched */
    cr_expect_eq(seen[4], 1);
    cr_expect_eq(t.n, 1 + 7, "rows: %zu", t.n - 1);
    table_free(&t);
    free(f);
    ab_remove_tmpdir(dir);
}
