/* test_sweep.c: the sweep (determinism, expected failure counts, declared
 * bounds), its inputs (ordinals, exhaustive and stratified sampling) and
 * every variant's special values.
 *
 * Expected counts are derived independently: thresholds are found with
 * libm (the functions the variants call), ordinals with a bit-level
 * definition written here, and the number of stratified samples inside a
 * sub-interval from its share of the ordinal range. */
#include <criterion/criterion.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../harness/csv_schema.h"
#include "../harness/env.h"
#include "../harness/inputs.h"
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(sweep, .timeout = 120);
TestSuite(inputs, .timeout = 120);
TestSuite(failures, .timeout = 120);
TestSuite(special, .timeout = 120);
/* make check: the full catalog at the default sample count. */
TestSuite(check_sweep, .timeout = 900);

/* ---- independent ordinals: position in value order, -0 just below +0 ---- */

static int64_t ord32(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return (u >> 31) ? -(int64_t)(u & 0x7fffffffu) - 1 : (int64_t)u;
}
static int64_t ord64(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return (u >> 63) ? -(int64_t)(u & 0x7fffffffffffffffu) - 1 : (int64_t)u;
}
static int64_t ordp(double x, ab_precision p) { return p == AB_F32 ? ord32((float)x) : ord64(x); }

static int same_bits(double a, double b, ab_precision p) {
    if (p == AB_F32) {
        float fa = (float)a, fb = (float)b;
        return memcmp(&fa, &fb, sizeof fa) == 0;
    }
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ---- sweep helpers ---- */

/* A comma-separated list of names (the string is kept: names point in). */
static ab_filter names1(const char *s) {
    char *c = strdup(s);
    ab_filter f = {malloc(strlen(s) * sizeof(char *) + sizeof(char *)), 0};
    for (char *t = strtok(c, ","); t; t = strtok(NULL, ",")) f.names[f.n++] = t;
    return f;
}

/* The precisions the helpers below sweep (a bit per ab_precision; 0: all). */
static unsigned g_precisions;
#define WIDE ((1u << AB_F32) | (1u << AB_F64))
#define HALF ((1u << AB_BF16) | (1u << AB_F16) | (1u << AB_BF16_F32))

static void sweep_n(ab_sweep_result *res, const char *act, const char *range, int threads,
                    uint64_t seed, size_t samples) {
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    if (act) o.activations = names1(act);
    if (range) o.ranges = names1(range);
    o.samples = samples;
    o.threads = threads;
    o.seed = seed;
    o.progress = 0;
    o.precisions = g_precisions;
    cr_assert_eq(ab_sweep_run(&o, res), 0);
    if (act) free(o.activations.names[0]);
    if (range) free(o.ranges.names[0]);
    free(o.activations.names);
    free(o.ranges.names);
}

static void sweep(ab_sweep_result *res, const char *act, const char *range, int threads,
                  uint64_t seed) {
    sweep_n(res, act, range, threads, seed, 4096);
}

static const ab_row *find_row(const ab_sweep_result *res, const char *act, const char *var,
                              ab_precision p, const char *range) {
    for (size_t i = 0; i < res->n; i++) {
        const ab_row *r = &res->rows[i];
        if (!strcmp(r->op->name, act) && !strcmp(r->var->name, var) && r->prec == p &&
            !strcmp(r->range, range))
            return r;
    }
    cr_assert_fail("no row %s/%s/%s/%s in the sweep result", act, var, ab_precision_name(p), range);
    return NULL;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    s[n] = 0;
    *len = (size_t)n;
    return s;
}

/* ======================= (a) determinism ======================= */

static char *sweep_to_csv(const char *dir, const char *name, const char *acts, int threads,
                          uint64_t seed, size_t samples, size_t *len, ab_sweep_result *keep) {
    ab_sweep_result res;
    sweep_n(&res, acts, NULL, threads, seed, samples);
    cr_assert_gt(res.n, 0, "the sweep produced no rows");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ab_csv_writer w;
    cr_assert_eq(ab_csv_open(&w, path), 0);
    ab_csv_ctx ctx = {.seed = 0x5eed, .samples = 4096};
    ab_env_read(&ctx.env);
    ab_write_accuracy_header(&w);
    for (size_t i = 0; i < res.n; i++) ab_write_accuracy_row(&w, &res.rows[i], &ctx);
    cr_assert_eq(ab_csv_commit(&w), 0);
    if (keep) *keep = res;
    else ab_sweep_result_free(&res);
    char *text = slurp(path, len);
    unlink(path);
    return text;
}

/* Every range of acts (NULL: the catalog) in the precisions `mask`: `make
 * test` at 256 samples per row, `make check` (check_sweep) at the default
 * 4096. */
static void same_bytes_for_any_thread_count(size_t samples, const char *acts, unsigned mask) {
    g_precisions = mask;
    char dir[] = "/tmp/actbench-sweep-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    size_t n1, n2, n3;
    ab_sweep_result base;
    /* The seed column is written as 0x5eed for every run (the argument to
     * ab_write_accuracy_row), so the files differ only where results do. */
    char *a = sweep_to_csv(dir, "t1.csv", acts, 1, AB_DEFAULT_SEED, samples, &n1, &base);
    char *b = sweep_to_csv(dir, "t2.csv", acts, 2, AB_DEFAULT_SEED, samples, &n2, NULL);
    char *c = sweep_to_csv(dir, "t2b.csv", acts, 2, AB_DEFAULT_SEED, samples, &n3, NULL);
    cr_expect(n1 == n2 && memcmp(a, b, n1) == 0, "threads=1 and threads=2 differ");
    cr_expect(n2 == n3 && memcmp(b, c, n2) == 0, "two threads=2 runs differ");

    /* Another seed moves the sampled inputs, so the output hash of (at
     * least) the sampled rows changes; the special set is fixed, so its
     * rows' hashes must not. */
    ab_sweep_result other;
    sweep_n(&other, acts, NULL, 2, AB_DEFAULT_SEED ^ 0x9e3779b97f4a7c15u, samples);
    cr_assert_eq(other.n, base.n);
    size_t changed = 0, special_changed = 0;
    for (size_t i = 0; i < base.n; i++) {
        cr_assert(base.rows[i].var == other.rows[i].var &&
                  !strcmp(base.rows[i].range, other.rows[i].range), "row order differs");
        int diff = base.rows[i].output_hash != other.rows[i].output_hash;
        if (!strcmp(base.rows[i].range, "special")) special_changed += diff;
        else changed += diff;
    }
    if (mask & WIDE) cr_expect_gt(changed, 0, "a different seed changed no row's output hash");
    else cr_expect_eq(changed, 0, "a different seed changed a 16-bit row (every input, no sampling)");
    cr_expect_eq(special_changed, 0, "a different seed changed the special set's outputs");
    ab_sweep_result_free(&base);
    ab_sweep_result_free(&other);
    free(a);
    free(b);
    free(c);
    rmdir(dir);
}

Test(sweep, same_bytes_for_any_thread_count, .timeout = 240) { same_bytes_for_any_thread_count(256, NULL, WIDE); }
Test(check_sweep, same_bytes_for_any_thread_count) { same_bytes_for_any_thread_count(4096, NULL, WIDE); }
/* 16-bit: every input of every range, so the seed changes nothing; a
 * function and a derivative (the catalog: make check). */
Test(sweep, same_bytes_for_any_thread_count_16bit) {
    same_bytes_for_any_thread_count(256, "sigmoid,d_silu", HALF);
}
Test(check_sweep, same_bytes_for_any_thread_count_16bit) { same_bytes_for_any_thread_count(256, NULL, HALF); }

/* ======================= (b) inputs ======================= */

Test(inputs, exhaustive_when_samples_cover_the_range) {
    /* [1, 1 + 64 ulp] in f32: 65 values 1 + k 2^-23, k = 0..64. */
    double out[256];
    int ex = -1;
    double hi = 1.0 + 64 * 0x1p-23;
    cr_expect_eq(ab_range_size(1.0, hi, AB_F32), 65);
    for (size_t n = 65; n <= 200; n += 135) {  /* samples == size and > size */
        ex = -1;
        size_t got = ab_range_inputs(1.0, hi, AB_F32, 7, 3, n, out, &ex);
        cr_expect_eq(got, 65, "n=%zu: %zu values", n, got);
        cr_expect_eq(ex, 1);
        for (size_t k = 0; k < 65 && k < got; k++)
            cr_expect_eq(out[k], 1.0 + (double)k * 0x1p-23, "value %zu is %a", k, out[k]);
    }
    /* One sample short of the range: not exhaustive, exactly n values. */
    ex = -1;
    cr_expect_eq(ab_range_inputs(1.0, hi, AB_F32, 7, 3, 64, out, &ex), 64);
    cr_expect_eq(ex, 0);

    /* [-2^-149, 2^-149]: -2^-149, -0, +0, 2^-149 (both zeros, in order). */
    ex = -1;
    size_t got = ab_range_inputs(-0x1p-149, 0x1p-149, AB_F32, 1, 2, 16, out, &ex);
    cr_assert_eq(got, 4, "got %zu values", got);
    cr_expect_eq(ex, 1);
    cr_expect_eq(out[0], -0x1p-149);
    cr_expect(out[1] == 0 && signbit(out[1]), "out[1] = %a, want -0", out[1]);
    cr_expect(out[2] == 0 && !signbit(out[2]), "out[2] = %a, want +0", out[2]);
    cr_expect_eq(out[3], 0x1p-149);
    /* The same in f64 around 2^-1074. */
    got = ab_range_inputs(-0x1p-1074, 0x1p-1074, AB_F64, 1, 2, 4, out, &ex);
    cr_assert_eq(got, 4);
    cr_expect(out[0] == -0x1p-1074 && out[1] == 0 && signbit(out[1]) && out[2] == 0 &&
              !signbit(out[2]) && out[3] == 0x1p-1074);
    /* f64 [1, 1 + 10 ulp] via nextafter. */
    double v = 1.0;
    for (int k = 0; k < 10; k++) v = nextafter(v, 2.0);
    got = ab_range_inputs(1.0, v, AB_F64, 1, 2, 100, out, &ex);
    cr_assert_eq(got, 11);
    double w = 1.0;
    for (size_t k = 0; k < got; k++, w = nextafter(w, 2.0)) cr_expect_eq(out[k], w);
}

/* n = 4096 jittered samples: inside [lo, hi], strictly increasing ordinals,
 * sample i in the i-th of n equal ordinal strata (offsets between
 * floor(i size/n) and ceil((i+1) size/n)), and uniform within its stratum
 * (mean relative position near 1/2: the standard error for 4096 uniform
 * draws is 0.29/64 = 0.0045, so +-0.05 is 11 sigma). */
static void check_stratified(double lo, double hi, ab_precision p, uint64_t want_size) {
    enum { N = 4096 };
    static double out[N];
    int ex = -1;
    uint64_t size = ab_range_size(lo, hi, p);
    cr_expect_eq(size, want_size, "[%a, %a] %s: size %llu, want %llu", lo, hi,
                 ab_precision_name(p), (unsigned long long)size, (unsigned long long)want_size);
    size_t got = ab_range_inputs(lo, hi, p, 42, 99, N, out, &ex);
    cr_assert_eq(got, N);
    cr_expect_eq(ex, 0);
    int64_t olo = ordp(lo, p);
    double pos = 0;
    size_t bad = 0;
    for (size_t i = 0; i < N; i++) {
        cr_expect(out[i] >= lo && out[i] <= hi, "sample %zu = %a outside [%a, %a]", i, out[i], lo, hi);
        cr_expect(same_bits(out[i], p == AB_F32 ? (double)(float)out[i] : out[i], p));
        int64_t o = ordp(out[i], p);
        if (i) cr_expect_gt(o, ordp(out[i - 1], p), "samples %zu, %zu not increasing", i - 1, i);
        uint64_t off = (uint64_t)o - (uint64_t)olo;
        unsigned __int128 a = (unsigned __int128)want_size * i / N;
        unsigned __int128 b = ((unsigned __int128)want_size * (i + 1) + N - 1) / N;
        if (!(off >= a && off < b) && bad++ < 3)
            cr_log_error("sample %zu (ordinal offset %llu) outside stratum [%llu, %llu)", i,
                         (unsigned long long)off, (unsigned long long)a, (unsigned long long)b);
        pos += (double)(off - a) / (double)(b - a);
    }
    cr_expect_eq(bad, 0, "%zu samples outside their stratum", bad);
    pos /= N;
    cr_expect(pos > 0.45 && pos < 0.55, "[%a, %a] %s: mean position in stratum %.3f", lo, hi,
              ab_precision_name(p), pos);
}

Test(inputs, stratified_sampling) {
    /* Sizes: the floats in [0, x] are ordinals 0..bits(x), so [-x, x]
     * holds 2 (bits(x) + 1) values. */
    uint32_t b10f;
    float ten = 10.0f;
    memcpy(&b10f, &ten, 4);
    check_stratified(-10, 10, AB_F32, 2 * ((uint64_t)b10f + 1));
    uint32_t bmaxf;
    float fmax = FLT_MAX;
    memcpy(&bmaxf, &fmax, 4);
    check_stratified(-FLT_MAX, FLT_MAX, AB_F32, 2 * ((uint64_t)bmaxf + 1));
    uint64_t b10;
    double tend = 10.0;
    memcpy(&b10, &tend, 8);
    check_stratified(-10, 10, AB_F64, 2 * (b10 + 1));
    /* [-DBL_MAX, DBL_MAX]: 2 (0x7fefffffffffffff + 1) = 0xffe0000000000000,
     * more than INT64_MAX. */
    check_stratified(-DBL_MAX, DBL_MAX, AB_F64, 0xffe0000000000000u);
    /* A range on one side of 0 with an odd size. */
    check_stratified(3.0, 1e30, AB_F32, (uint64_t)(ord32(1e30f) - ord32(3.0f)) + 1);
}

Test(inputs, seeded_and_reproducible) {
    enum { N = 4096 };
    static double a[N], b[N], c[N], d[N];
    int ex;
    ab_range_inputs(-10, 10, AB_F32, 5, 11, N, a, &ex);
    ab_range_inputs(-10, 10, AB_F32, 5, 11, N, b, &ex);
    ab_range_inputs(-10, 10, AB_F32, 6, 11, N, c, &ex);
    ab_range_inputs(-10, 10, AB_F32, 5, 12, N, d, &ex);
    cr_expect(memcmp(a, b, sizeof a) == 0, "same seed and stream gave different inputs");
    /* Strata hold about 2.2e9 / 4096 = 5e5 ordinals, so another key
     * repeats a sample with probability ~2e-6 each. */
    size_t dc = 0, dd = 0;
    for (size_t i = 0; i < N; i++) {
        dc += !same_bits(a[i], c[i], AB_F32);
        dd += !same_bits(a[i], d[i], AB_F32);
    }
    cr_expect_gt(dc, N * 99 / 100, "another seed changed only %zu of %d inputs", dc, N);
    cr_expect_gt(dd, N * 99 / 100, "another stream changed only %zu of %d inputs", dd, N);
}

Test(inputs, ordinals_round_trip_and_are_monotone) {
    const float f[] = {-INFINITY, -FLT_MAX, -1.0f, -FLT_MIN, -0x1.fffffcp-127f, -0x1p-148f,
                       -0x1p-149f, -0.0f, 0.0f, 0x1p-149f, 0x1p-148f, 0x1.fffffcp-127f,
                       FLT_MIN, 1.0f, FLT_MAX, INFINITY};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        int64_t o = ab_ordinal(f[i], AB_F32);
        cr_expect_eq(o, ord32(f[i]), "ab_ordinal(%a) = %lld", f[i], (long long)o);
        cr_expect(same_bits(ab_from_ordinal(o, AB_F32), f[i], AB_F32), "round trip of %a", f[i]);
        if (i) cr_expect_gt(o, ab_ordinal(f[i - 1], AB_F32), "%a vs %a", f[i - 1], f[i]);
    }
    /* Hand values: -0 is -1, +0 is 0, the smallest subnormals are +-1 away. */
    cr_expect_eq(ab_ordinal(-0.0, AB_F32), -1);
    cr_expect_eq(ab_ordinal(0.0, AB_F32), 0);
    cr_expect_eq(ab_ordinal(0x1p-149, AB_F32), 1);
    cr_expect_eq(ab_ordinal(-0x1p-149, AB_F32), -2);
    cr_expect_eq(ab_ordinal(-0.0, AB_F64), -1);
    cr_expect_eq(ab_ordinal(0x1p-1074, AB_F64), 1);
    cr_expect_eq(ab_ordinal(-0x1p-1074, AB_F64), -2);
    cr_expect_eq(ab_ordinal(DBL_MIN, AB_F64), (int64_t)1 << 52);
    cr_expect(signbit(ab_from_ordinal(-1, AB_F64)) && ab_from_ordinal(-1, AB_F64) == 0);

    /* Random bit patterns (NaNs skipped), both formats: the ordinal
     * matches the bit-level definition, round-trips, and the next float
     * up (nextafter) is the next ordinal, except -0 -> +2^-emin_sub,
     * which skips +0 (== -0). */
    uint64_t s = 12345;
    for (int k = 0; k < 200000; k++) {
        uint64_t u = ab_mix64(s++);
        if (k & 1) {
            uint32_t b = (uint32_t)u;
            float x;
            memcpy(&x, &b, 4);
            if (isnan(x) || x == INFINITY) continue;
            int64_t o = ab_ordinal(x, AB_F32);
            cr_assert_eq(o, ord32(x), "f32 %a", x);
            cr_assert(same_bits(ab_from_ordinal(o, AB_F32), x, AB_F32), "f32 round trip %a", x);
            float up = nextafterf(x, INFINITY);
            cr_assert_eq(ab_ordinal(up, AB_F32), o + ((x == 0 && signbit(x)) ? 2 : 1), "f32 %a", x);
        } else {
            double x;
            memcpy(&x, &u, 8);
            if (isnan(x) || x == INFINITY) continue;
            int64_t o = ab_ordinal(x, AB_F64);
            cr_assert_eq(o, ord64(x), "f64 %a", x);
            cr_assert(same_bits(ab_from_ordinal(o, AB_F64), x, AB_F64), "f64 round trip %a", x);
            double up = nextafter(x, INFINITY);
            cr_assert_eq(ab_ordinal(up, AB_F64), o + ((x == 0 && signbit(x)) ? 2 : 1), "f64 %a", x);
        }
    }
}

/* ======================= (c) expected failures ======================= */

/* Whether libm's expf / exp overflows at x. */
static int exp_overflows(double x, ab_precision p) {
    return p == AB_F32 ? isinf(expf((float)x)) : isinf(exp(x));
}

/* The smallest float / double whose libm exp overflows, by bisection on
 * ordinals between a value that does not (88 / 709) and one that does
 * (89 / 710). */
static double exp_overflow(ab_precision p) {
    double a = p == AB_F32 ? 88.0 : 709.0;
    int64_t lo = ordp(a, p), hi = ordp(a + 1, p);
    cr_assert(!exp_overflows(a, p) && exp_overflows(a + 1, p));
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        if (exp_overflows(ab_from_ordinal(mid, p), p)) hi = mid;
        else lo = mid;
    }
    return ab_from_ordinal(hi, p);
}

/* Stratified samples inside [a, b] of the sampled range [lo, hi]: the
 * ordinal share times n, give or take the two partial strata at the ends
 * (+-2), plus 1 for where a threshold value itself falls. */
static double expected_in(double a, double b, double lo, double hi, ab_precision p, double n) {
    return n * (double)(ordp(b, p) - ordp(a, p) + 1) / (double)(ordp(hi, p) - ordp(lo, p) + 1);
}
#define COUNT_TOL 3.0

Test(failures, naive_softplus_overflows) {
    /* Direct: at x = 89, e^89 = 4.5e38 > FLT_MAX = 3.4e38, so naive
     * logf(1 + expf(89)) = logf(inf) = inf.  stable: 89 + log1pf(expf(-89))
     * = 89 + ~2.2e-39 rounds to 89 (ulp(89) = 2^-17), and so does the
     * exact softplus(89) = 89 + e^-89 + ..., so 89 is also the reference. */
    const ab_activation *a = ab_find_activation("softplus");
    cr_assert_not_null(a);
    const ab_variant *naive = ab_find_variant(a, "naive", AB_F32);
    const ab_variant *stable = ab_find_variant(a, "stable", AB_F32);
    cr_assert(naive && stable);
    double x = 89.0, y;
    ab_run_variant(naive, &x, &y, 1);
    cr_expect(isinf(y) && y > 0, "naive softplus f32(89) = %a, want +inf", y);
    ab_run_variant(stable, &x, &y, 1);
    cr_expect_eq(y, 89.0, "stable softplus f32(89) = %a, want 89", y);
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    ab_refval r;
    ab_reference_eval(ctx, a->reference, AB_F32, 89.0, &r);
    cr_expect_eq(r.cr, 89.0, "reference softplus f32(89) = %a", r.cr);
    ab_ref_ctx_free(ctx);

    /* Range "overflow": naive is +inf exactly where expf(x) is (1 + inf
     * = inf, log(inf) = inf; below, 1 + expf(x) <= FLT_MAX stays finite),
     * while softplus(x) ~ x <= 100 is finite everywhere. */
    ab_sweep_result res;
    sweep(&res, "softplus", "overflow", 2, AB_DEFAULT_SEED);
    const ab_row *row = find_row(&res, "softplus", "naive", AB_F32, "overflow");
    double X = exp_overflow(AB_F32);
    double want = expected_in(X, row->hi, row->lo, row->hi, AB_F32, (double)row->acc.samples);
    cr_expect_gt(row->acc.overflow, 0);
    cr_expect(fabs((double)row->acc.overflow - want) <= COUNT_TOL,
              "naive softplus f32 overflow: %llu, want %.1f (x >= %a in [%a, %a])",
              (unsigned long long)row->acc.overflow, want, X, row->lo, row->hi);
    cr_expect_eq(row->acc.nan, 0);
    ab_sweep_result_free(&res);
}

Test(failures, naive_tanh_nan) {
    /* (e^x - e^-x) / (e^x + e^-x) with e^x = inf is inf / inf = NaN:
     * f32 at 100 (e^100 = 2.7e43 > FLT_MAX), f64 at 1000 (> 709.78). */
    const ab_activation *a = ab_find_activation("tanh");
    cr_assert_not_null(a);
    const ab_variant *n32 = ab_find_variant(a, "naive", AB_F32);
    const ab_variant *n64 = ab_find_variant(a, "naive", AB_F64);
    cr_assert(n32 && n64);
    double x = 100, y;
    ab_run_variant(n32, &x, &y, 1);
    cr_expect(isnan(y), "naive tanh f32(100) = %a, want NaN", y);
    x = 1000;
    ab_run_variant(n64, &x, &y, 1);
    cr_expect(isnan(y), "naive tanh f64(1000) = %a, want NaN", y);

    /* Range "overflow": NaN exactly where exp(x) overflows. */
    ab_sweep_result res;
    sweep(&res, "tanh", "overflow", 2, AB_DEFAULT_SEED);
    for (int p = AB_F32; p <= AB_F64; p++) {
        const ab_row *row = find_row(&res, "tanh", "naive", (ab_precision)p, "overflow");
        double X = exp_overflow((ab_precision)p);
        double want = expected_in(X, row->hi, row->lo, row->hi, (ab_precision)p,
                                  (double)row->acc.samples);
        cr_expect_gt(row->acc.nan, 0);
        cr_expect(fabs((double)row->acc.nan - want) <= COUNT_TOL,
                  "naive tanh %s overflow: nan %llu, want %.1f (x >= %a)", ab_precision_name(p),
                  (unsigned long long)row->acc.nan, want, X);
    }
    ab_sweep_result_free(&res);
}

Test(failures, naive_tanh_tiny_cancels) {
    /* |x| < 2^-20.  For |x| <= 2^-25 (f32) / 2^-54 (f64), exp(x) and
     * exp(-x) both round to 1, the numerator is 0 and the result is 0
     * while tanh(x) ~ x != 0: a zero flush costing |x| / ulp(x) ~ 2^23 /
     * 2^52 ulps (> 1e6).  Share of the ordinals: f32 102/107 (binades
     * 2^-149..2^-25 out of ..2^-20), f64 969/1003; both above 0.9. */
    ab_sweep_result res;
    sweep(&res, "tanh", "tiny", 2, AB_DEFAULT_SEED);
    for (int p = AB_F32; p <= AB_F64; p++) {
        const ab_row *row = find_row(&res, "tanh", "naive", (ab_precision)p, "tiny");
        cr_expect_gt(row->acc.max_ulp, 1e6, "naive tanh %s tiny: max_ulp %g", ab_precision_name(p),
                     row->acc.max_ulp);
        cr_expect_gt(row->acc.zero_flush, 0);
        cr_expect_geq(row->acc.zero_flush, row->acc.samples * 9 / 10,
                      "naive tanh %s tiny: zero_flush %llu of %llu", ab_precision_name(p),
                      (unsigned long long)row->acc.zero_flush,
                      (unsigned long long)row->acc.samples);
    }
    ab_sweep_result_free(&res);
}

Test(failures, naive_sigmoid_neg_tail_flushes) {
    /* 1 / (1 + expf(-x)) is 0 once expf(-x) = inf, i.e. x <= -X; the
     * correctly rounded sigmoid(x) ~ e^x is nonzero while e^x > 2^-150,
     * i.e. x > -150 ln 2 = -103.97.  Zero flushes: x in (-103.97, -X]. */
    ab_sweep_result res;
    sweep(&res, "sigmoid", "neg_tail", 2, AB_DEFAULT_SEED);
    const ab_row *row = find_row(&res, "sigmoid", "naive", AB_F32, "neg_tail");
    double X = exp_overflow(AB_F32);
    float z = (float)(-150 * M_LN2);
    if (z <= -150 * M_LN2) z = nextafterf(z, 0);
    double want = expected_in(z, -X, row->lo, row->hi, AB_F32, (double)row->acc.samples);
    cr_expect_gt(row->acc.zero_flush, 0);
    cr_expect(fabs((double)row->acc.zero_flush - want) <= COUNT_TOL,
              "naive sigmoid f32 neg_tail: zero_flush %llu, want %.1f (x in [%a, %a])",
              (unsigned long long)row->acc.zero_flush, want, (double)z, -X);
    ab_sweep_result_free(&res);
}

/* ================ (d) stable and library variants keep their word ================ */

/* Every variant stays within its declared bound on every range; stable and
 * vector variants (our careful ones) also have no failure counts.  Library
 * peers and approximations may fail (SLEEF's log1p flushes subnormals, an
 * approximation may flush the subnormal tail): that is what the sweep
 * reports, not a bug of ours. */
static void declared_bounds_hold(unsigned mask) {
    ab_sweep_result res;
    g_precisions = mask;
    sweep(&res, NULL, NULL, 2, AB_DEFAULT_SEED);
    size_t checked = 0, careful_rows = 0;
    for (size_t i = 0; ab_activation_at(i); i++) {
        const ab_activation *a = ab_activation_at(i);
        const char *rn[64];
        const ab_op *op = ab_find_op(a->name);
        size_t nall = ab_source_names(op, rn, 64);
        cr_expect_gt(nall, 0, "%s has no ranges", a->name);
        for (size_t v = 0; v < a->n_variants; v++) {
            const ab_variant *var = &a->variants[v];
            if (!ab_variant_available(var) || !(mask >> var->precision & 1)) continue;
            size_t nr = 0; /* the ranges with inputs in the variant's format */
            for (size_t k = 0; k < nall; k++) nr += ab_source_applies(op, rn[k], var->precision) != 0;
            int careful = var->strategy == AB_STABLE || var->strategy == AB_VECTOR;
            unsigned ex = var->expect; /* failures declared, with a reason */
            size_t rows = 0;
            for (size_t k = 0; k < res.n; k++) {
                const ab_row *r = &res.rows[k];
                if (r->var != var) continue;
                rows++;
                checked++;
                careful_rows += careful;
                const ab_acc *c = &r->acc;
                char name[256];
                snprintf(name, sizeof name, "%s/%s/%s range %s", a->name, var->name,
                         ab_precision_name(var->precision), r->range);
                cr_expect(!careful || ((c->overflow == 0 || (ex & AB_FAIL_OVERFLOW)) &&
                                       (c->nan == 0 || (ex & AB_FAIL_NAN)) &&
                                       (c->sign_errors == 0 || (ex & AB_FAIL_SIGN)) &&
                                       (c->zero_flush == 0 || (ex & AB_FAIL_ZERO))),
                          "%s: overflow %llu nan %llu sign_errors %llu zero_flush %llu", name,
                          (unsigned long long)c->overflow, (unsigned long long)c->nan,
                          (unsigned long long)c->sign_errors, (unsigned long long)c->zero_flush);
                cr_expect(c->max_ulp <= var->max_ulp || (ex & AB_FAIL_BOUND),
                          "%s: max_ulp %g > declared %g (x = %a: %a, reference %a)", name,
                          c->max_ulp, var->max_ulp, c->worst_input, c->worst_output,
                          c->worst_reference);
            }
            /* Every range (core, full, special, tiny and the own ones) ran. */
            cr_expect_eq(rows, nr, "%s/%s/%s: %zu rows for %zu ranges", a->name, var->name,
                         ab_precision_name(var->precision), rows, nr);
        }
    }
    cr_expect_gt(checked, 0, "no variant is registered");
    cr_expect_gt(careful_rows, 0, "no stable or vector variant was checked for failures");
    ab_sweep_result_free(&res);
}

Test(sweep, declared_bounds_hold_and_stable_has_no_failures, .timeout = 240) {
    declared_bounds_hold(WIDE);
}
/* Every 16-bit variant on all 65,536 inputs of every range (make check;
 * in make test the gate holds every 16-bit row to the baseline's). */
Test(check_sweep, declared_bounds_hold_16bit, .timeout = 600) { declared_bounds_hold(HALF); }

/* ======================= (e) special values ======================= */

/* Hand limits: sigmoid(+inf) = 1, (-inf) = +0, (+-0) = 1/2; softplus(+inf)
 * = +inf, (-inf) = +0 (log 1), (+-0) = ln 2 rounded (ln 2 =
 * 0x1.62e42fefa39ef358p-1: f64 0x1.62e42fefa39efp-1, f32 0x1.62e43p-1);
 * tanh(+-inf) = +-1, tanh(+-0) = +-0.  They cross-check the reference. */
static int hand_value(const char *act, double x, ab_precision p, double *want) {
    int neg = signbit(x) != 0;
    if (!strcmp(act, "sigmoid")) {
        if (isinf(x)) *want = neg ? 0.0 : 1.0;
        else if (x == 0) *want = 0.5;
        else return 0;
        return 1;
    }
    if (!strcmp(act, "softplus")) {
        if (isinf(x)) *want = neg ? 0.0 : INFINITY;
        else if (x == 0) *want = p == AB_F32 ? (double)0x1.62e43p-1f : 0x1.62e42fefa39efp-1;
        else return 0;
        return 1;
    }
    if (!strcmp(act, "tanh")) {
        if (isinf(x)) *want = neg ? -1.0 : 1.0;
        else if (x == 0) *want = x;
        else return 0;
        return 1;
    }
    return 0;
}

Test(special, values_of_every_variant) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    size_t asserted = 0;
    for (size_t i = 0; ab_activation_at(i); i++) {
        const ab_activation *a = ab_activation_at(i);
        for (int p = AB_F32; p <= AB_F64; p++) {
            double x[AB_SPECIAL_MAX], y[AB_SPECIAL_MAX];
            ab_refval ref[AB_SPECIAL_MAX];
            size_t n = ab_special_inputs(a, (ab_precision)p, x);
            cr_assert(n <= AB_SPECIAL_MAX);
            /* The set holds NaN, +-inf and +-0, each once. */
            size_t nan = 0, pinf = 0, ninf = 0, pz = 0, nz = 0;
            for (size_t k = 0; k < n; k++) {
                nan += isnan(x[k]) != 0;
                pinf += x[k] == INFINITY;
                ninf += x[k] == -INFINITY;
                pz += x[k] == 0 && !signbit(x[k]);
                nz += x[k] == 0 && signbit(x[k]);
            }
            cr_expect(nan == 1 && pinf == 1 && ninf == 1 && pz == 1 && nz == 1,
                      "%s %s special set: NaN %zu +inf %zu -inf %zu +0 %zu -0 %zu", a->name,
                      ab_precision_name(p), nan, pinf, ninf, pz, nz);
            for (size_t k = 0; k < n; k++) {
                ab_reference_eval(ctx, a->reference, (ab_precision)p, x[k], &ref[k]);
                double hv;
                if (!isnan(x[k]) && hand_value(a->name, x[k], (ab_precision)p, &hv))
                    cr_expect(same_bits(ref[k].cr, hv, (ab_precision)p),
                              "reference %s %s(%a) = %a, hand value %a", a->name,
                              ab_precision_name(p), x[k], ref[k].cr, hv);
                if (isnan(x[k])) cr_expect(isnan(ref[k].cr), "reference %s(NaN) = %a", a->name,
                                           ref[k].cr);
            }
            for (size_t v = 0; v < a->n_variants; v++) {
                const ab_variant *var = &a->variants[v];
                if ((int)var->precision != p || !ab_variant_available(var)) continue;
                /* Naive formulas are expected to get some of these wrong (that
                 * is what the sweep shows); so is an approximation that
                 * declares no bound (e.g. Abramowitz-Stegun erf at 0). */
                int strict = var->strategy != AB_NAIVE &&
                             !(var->strategy == AB_APPROX && isinf(var->max_ulp)) &&
                             !(ab_variant_library(var) && !var->expect);
                /* A variant that declares a class of failure (a framework
                 * peer's measured behaviour, with its reason) is measured
                 * there, not held to it. */
                int strict_nan = strict && !(var->expect & (AB_FAIL_NAN | AB_FAIL_NAN_CLASS));
                strict = strict && !(var->expect & (AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_INF_CLASS |
                                                    AB_FAIL_OVERFLOW | AB_FAIL_SIGN | AB_FAIL_ZERO |
                                                    AB_FAIL_BOUND));
                ab_run_variant(var, x, y, n);
                char notes[1024] = "";
                size_t len = 0;
                for (size_t k = 0; k < n; k++) {
                    /* NaN in, NaN out: required of every variant but naive. */
                    if (isnan(x[k]) && strict_nan) {
                        cr_expect(isnan(y[k]), "%s/%s/%s(NaN) = %a, want NaN", a->name,
                                  var->name, ab_precision_name(p), y[k]);
                        asserted++;
                        continue;
                    }
                    if (!(isinf(x[k]) || x[k] == 0 || isnan(x[k]))) continue;
                    /* NaN matches NaN whatever its sign bit (log1pf(-inf) is -nan). */
                    int ok = ab_same_result(y[k], ref[k].cr, (ab_precision)p);
                    if (strict) {
                        cr_expect(ok, "%s/%s/%s(%a) = %a, correctly rounded %a", a->name,
                                  var->name, ab_precision_name(p), x[k], y[k], ref[k].cr);
                        asserted++;
                    } else if (!ok && len < sizeof notes - 64) {
                        len += (size_t)snprintf(notes + len, sizeof notes - len, " f(%a)=%a (cr %a)",
                                                x[k], y[k], ref[k].cr);
                    }
                }
                if (len) cr_log_info("%s/%s/%s (naive, not asserted) differs at:%s", a->name, var->name,
                                     ab_precision_name(p), notes);
            }
        }
    }
    cr_expect_gt(asserted, 0);
    ab_ref_ctx_free(ctx);
}
