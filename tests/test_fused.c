/* test_fused.c: the fused forward+backward kernels (impls/fused_simd.c,
 * impls/kernels/fused.h), suite `fused`.  For each kernel of
 * ab_fused_table (skipped where the CPU lacks its ISA):
 *  - one call's two outputs are, bit for bit, what the two registered
 *    wrappers (the dy one in d_<op>, the y one in <op>) return, over
 *    several chunks (n > AB_FUSED_CHUNK, not a multiple of 16) and in
 *    place (x == out);
 *  - the tail (n not a multiple of 16, at every offset) gives the bits of
 *    the same elements in a long call;
 *  - y' and y against the correctly rounded reference within each
 *    variant's declared bound, at a few thousand seeded inputs per range
 *    (the activation's own ranges and fixed ones: core, tiny, wide);
 *  - special inputs: NaN in -> NaN out, no NaN or inf out of a finite or
 *    infinite input, and +-inf, +-0 bitwise the reference's value.
 * No wall-clock assertions. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../impls/kernels/fused.h"
#include "../reference/reference.h"

TestSuite(fused, .timeout = 120);

#define PER_RANGE 2500
#define BIG_N (2 * AB_FUSED_CHUNK + 77)

static uint64_t rng_state;
static uint64_t rng(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
/* Ordinal of a float: monotone in its value, -0 and +0 adjacent. */
static int64_t ord(float f) { uint32_t u = f2u(f); return (u >> 31) ? -(int64_t)(u & 0x7fffffffu) - 1 : (int64_t)u; }
static float unord(int64_t o) { return o < 0 ? u2f((uint32_t)(-(o + 1)) | 0x80000000u) : u2f((uint32_t)o); }

/* A uniform draw of the ordinals in [lo, hi]. */
static float pick(float lo, float hi) {
    int64_t a = ord(lo), b = ord(hi);
    return unord(a + (int64_t)(rng() % (uint64_t)(b - a + 1)));
}

typedef struct {
    const ab_fused_entry *k;
    const ab_activation *fa, *da;    /* forward and derivative activations */
    const ab_variant *fy, *fdy;      /* the two registered wrappers */
} fused_case;

static int get_case(size_t i, fused_case *c) {
    char dname[64];
    c->k = &ab_fused_table[i];
    snprintf(dname, sizeof dname, "d_%s", c->k->op);
    c->fa = ab_find_activation(c->k->op);
    c->da = ab_find_activation(dname);
    cr_assert_not_null(c->fa, "%s", c->k->op);
    cr_assert_not_null(c->da, "%s", dname);
    c->fy = ab_find_variant(c->fa, c->k->y_name, AB_F32);
    c->fdy = ab_find_variant(c->da, c->k->dy_name, AB_F32);
    cr_assert_not_null(c->fy, "%s/%s", c->k->op, c->k->y_name);
    cr_assert_not_null(c->fdy, "%s/%s", dname, c->k->dy_name);
    cr_assert_eq(c->fy->outputs, 2u);
    cr_assert_eq(c->fdy->outputs, 2u);
    return ab_variant_available(c->fdy) && ab_variant_available(c->fy);
}

/* Inputs of every kind, specials included. */
static float mixed(void) {
    static const float sp[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, FLT_MIN, -FLT_MIN,
                               0x1p-149f, -0x1p-149f, FLT_MAX, -FLT_MAX, 104.0f, -104.0f, 112.5f,
                               -112.5f, -14.5f, -15.0f, 53.0f, -1.2784645f, -0.7517915f};
    uint64_t r = rng();
    switch (r & 7) {
    case 0: return sp[(r >> 3) % (sizeof sp / sizeof *sp)];
    case 1: return pick(-120.0f, 120.0f);
    case 2: return u2f((uint32_t)(r >> 32));                 /* any bit pattern */
    default: return pick(-10.0f, 10.0f);
    }
}

static void same_bits(const float *a, const float *b, const float *x, size_t n, const char *what) {
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(f2u(a[i]), f2u(b[i]), "%s: element %zu (x = %a): %a vs %a", what, i, (double)x[i],
                     (double)a[i], (double)b[i]);
}

Test(fused, outputs_are_the_registered_functions) {
    size_t ran = 0;
    for (size_t i = 0; i < ab_fused_table_n; i++) {
        fused_case c;
        if (!get_case(i, &c)) continue;
        rng_state = 0xf05edull + i;
        float *x = malloc(BIG_N * sizeof *x), *y = malloc(BIG_N * sizeof *y), *dy = malloc(BIG_N * sizeof *dy);
        float *o = malloc(BIG_N * sizeof *o);
        for (size_t j = 0; j < BIG_N; j++) x[j] = mixed();
        c.k->kernel(x + 1, y, dy, BIG_N - 1);   /* unaligned, several chunks */
        ((ab_fn_f32)c.fdy->fn)(x + 1, o, BIG_N - 1);
        same_bits(dy, o, x + 1, BIG_N - 1, c.da->name);
        ((ab_fn_f32)c.fy->fn)(x + 1, o, BIG_N - 1);
        same_bits(y, o, x + 1, BIG_N - 1, c.fa->name);
        memcpy(o, x, BIG_N * sizeof *o);       /* in place */
        ((ab_fn_f32)c.fdy->fn)(o + 1, o + 1, BIG_N - 1);
        same_bits(dy, o + 1, x + 1, BIG_N - 1, "in place dy");
        memcpy(o, x, BIG_N * sizeof *o);
        ((ab_fn_f32)c.fy->fn)(o + 1, o + 1, BIG_N - 1);
        same_bits(y, o + 1, x + 1, BIG_N - 1, "in place y");
        free(x), free(y), free(dy), free(o);
        ran++;
    }
    if (!ran) cr_skip_test("no fused kernel runs on this CPU");
}

Test(fused, tail_matches_body) {
    enum { L = 80 };
    size_t ran = 0;
    for (size_t i = 0; i < ab_fused_table_n; i++) {
        fused_case c;
        if (!get_case(i, &c)) continue;
        rng_state = 0x7a11ull + i;
        float x[L], y[L], dy[L], ty[L + 1], tdy[L + 1];
        for (size_t j = 0; j < L; j++) x[j] = mixed();
        c.k->kernel(x, y, dy, L);
        for (size_t s = 0; s < 17; s++)
            for (size_t n = 0; s + n <= L && n <= 47; n++) {
                ty[n] = tdy[n] = 12345.0f;               /* canary past the end */
                c.k->kernel(x + s, ty, tdy, n);
                same_bits(ty, y + s, x + s, n, "tail y");
                same_bits(tdy, dy + s, x + s, n, "tail dy");
                cr_assert_eq(ty[n], 12345.0f, "y written past n = %zu", n);
                cr_assert_eq(tdy[n], 12345.0f, "dy written past n = %zu", n);
            }
        ran++;
    }
    if (!ran) cr_skip_test("no fused kernel runs on this CPU");
}

/* Max ULP of variant v over inputs x[0..n) against a's reference. */
static double max_ulp(ab_ref_ctx *ctx, const ab_activation *a, const float *x, const float *y, size_t n,
                      float *worst) {
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        ab_refval r;
        ab_reference_eval(ctx, a->reference, AB_F32, x[i], &r);
        cr_assert(!r.cap_hit, "%s: reference cap at %a", a->name, (double)x[i]);
        ab_error e = ab_measure(y[i], &r, AB_F32);
        cr_assert(!isnan(e.ulp), "%s: NaN mismatch at %a: %a vs %a", a->name, (double)x[i], (double)y[i], r.cr);
        if (e.ulp > m) m = e.ulp, *worst = x[i];
    }
    return m;
}

static void check_range(ab_ref_ctx *ctx, const fused_case *c, const char *name, float lo, float hi) {
    float *x = malloc(PER_RANGE * sizeof *x), *y = malloc(PER_RANGE * sizeof *y), *dy = malloc(PER_RANGE * sizeof *dy);
    for (size_t j = 0; j < PER_RANGE; j++) x[j] = pick(lo, hi);
    c->k->kernel(x, y, dy, PER_RANGE);
    float w = 0;
    double m = max_ulp(ctx, c->da, x, dy, PER_RANGE, &w);
    cr_assert(m <= c->fdy->max_ulp, "%s/%s on %s [%a, %a]: %.3f ulp at %a > bound %.2f", c->da->name,
              c->fdy->name, name, (double)lo, (double)hi, m, (double)w, c->fdy->max_ulp);
    m = max_ulp(ctx, c->fa, x, y, PER_RANGE, &w);
    cr_assert(m <= c->fy->max_ulp, "%s/%s on %s: %.3f ulp at %a > bound %.2f", c->fa->name, c->fy->name, name,
              m, (double)w, c->fy->max_ulp);
    free(x), free(y), free(dy);
}

Test(fused, within_declared_bounds) {
    static const struct { const char *name; float lo, hi; } fixed[] = {
        {"core", -10.0f, 10.0f}, {"tiny", -0x1p-20f, 0x1p-20f}, {"wide", -120.0f, 120.0f},
        {"unit", -2.0f, 2.0f},
    };
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    size_t ran = 0;
    for (size_t i = 0; i < ab_fused_table_n; i++) {
        fused_case c;
        if (!get_case(i, &c)) continue;
        rng_state = 0xb0b0ull + i;
        for (size_t r = 0; r < sizeof fixed / sizeof *fixed; r++) check_range(ctx, &c, fixed[r].name, fixed[r].lo, fixed[r].hi);
        for (size_t r = 0; r < c.da->n_ranges; r++)
            check_range(ctx, &c, c.da->ranges[r].name, (float)c.da->ranges[r].lo32, (float)c.da->ranges[r].hi32);
        ran++;
    }
    ab_ref_ctx_free(ctx);
    if (!ran) cr_skip_test("no fused kernel runs on this CPU");
}

Test(fused, special_inputs) {
    static const float sp[] = {INFINITY, -INFINITY, 0.0f, -0.0f, FLT_MAX, -FLT_MAX, FLT_MIN, -FLT_MIN,
                               0x1p-149f, -0x1p-149f, 0x1p-61f, -0x1p-61f, 104.0f, -104.0f, 103.9f,
                               -103.9f, 112.0f, -112.0f, -113.0f, 53.0f, -53.0f, 52.5f, 14.5f,
                               -14.5f, -14.52f, -15.0f, -16.0f, 128.0f, 0x1.2p-1f, -0x1.2p-1f,
                               -1.2784645f, -0.7517915f};
    enum { NS = sizeof sp / sizeof *sp, NN = 6 };
    const float nans[NN] = {NAN, -NAN, u2f(0x7fa00000u), u2f(0xffa00001u), u2f(0x7fc12345u), u2f(0xff800001u)};
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    size_t ran = 0;
    for (size_t i = 0; i < ab_fused_table_n; i++) {
        fused_case c;
        if (!get_case(i, &c)) continue;
        float y[NS], dy[NS], ny[NN], ndy[NN];
        c.k->kernel(sp, y, dy, NS);
        for (size_t j = 0; j < NS; j++) {
            cr_assert(!isnan(y[j]) && !isnan(dy[j]), "%s at %a: y %a dy %a", c.k->op, (double)sp[j], (double)y[j], (double)dy[j]);
            cr_assert(!isinf(dy[j]), "d_%s at %a: %a", c.k->op, (double)sp[j], (double)dy[j]);
            cr_assert(!isinf(y[j]) || isinf(sp[j]) || fabsf(sp[j]) > 1e30f, "%s at %a: %a", c.k->op, (double)sp[j], (double)y[j]);
            if (isinf(sp[j]) || sp[j] == 0.0f) {   /* limits and zeros: bitwise */
                ab_refval r;
                ab_reference_eval(ctx, c.da->reference, AB_F32, sp[j], &r);
                cr_assert_eq(f2u(dy[j]), f2u((float)r.cr), "d_%s(%a) = %a, reference %a", c.k->op, (double)sp[j],
                             (double)dy[j], r.cr);
                ab_reference_eval(ctx, c.fa->reference, AB_F32, sp[j], &r);
                cr_assert_eq(f2u(y[j]), f2u((float)r.cr), "%s(%a) = %a, reference %a", c.k->op, (double)sp[j],
                             (double)y[j], r.cr);
            }
        }
        c.k->kernel(nans, ny, ndy, NN);
        for (size_t j = 0; j < NN; j++)
            cr_assert(isnan(ny[j]) && isnan(ndy[j]), "%s: NaN %08x gives y %a dy %a", c.k->op, f2u(nans[j]),
                      (double)ny[j], (double)ndy[j]);
        ran++;
    }
    ab_ref_ctx_free(ctx);
    if (!ran) cr_skip_test("no fused kernel runs on this CPU");
}
