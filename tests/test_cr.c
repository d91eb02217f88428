/* test_cr.c: the correctly rounded cr-* kernels (impls/cr_simd.c).
 *  - near_midpoints: inputs found (by a scan with the fast tier) to have
 *    f(x) within 2^-14 ulp of an f32 rounding midpoint, where a kernel
 *    that is merely close would round wrongly: every output must be the
 *    reference's float (fast tier, else MPFR), bit for bit;
 *  - fallback_rate: 2^24 seeded inputs per kernel (half any finite float by
 *    bit pattern, half the bench's core range [-10, 10] by ordinal): the
 *    slow path is taken (ab_cr_slow_calls > 0), rarely (< 2^-10), and a
 *    2^-8 subset agrees with the reference; the rates are printed;
 *  - tails: every n in 0..33, at two offsets and in place, gives the bits
 *    of one-element calls (flagged lanes included). */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/inputs.h"
#include "../harness/registry.h"
#include "../impls/kernels/cr_f64.h"
#include "../reference/fast32.h"
#include "../reference/reference.h"

TestSuite(cr, .timeout = 600);

/* halfx: f(x) = x/2 + c x^2 + ...: every tiny odd x lands on a midpoint
 * and is flagged (ab_cr_slow_halfx decides it cheaply), so about 2^-7 of
 * the any-float half of the inputs takes the slow path. */
static const struct { const char *act, *var; int halfx; } cr_kernels[] = {
    {"sigmoid", "cr-avx512-f64-lut16-p5-div", 0},  {"silu", "cr-avx512-f64-lut16-p5-div", 1},
    {"tanh", "cr-avx512-f64-lut16-p6-div", 0},     {"exp", "cr-avx512-f64-lut16-p5", 0},
    {"expm1", "cr-avx512-f64-lut16-p6", 0},        {"elu", "cr-avx512-f64-lut16-p5", 0},
    {"selu", "cr-avx512-f64-lut16-p6", 0},         {"softplus", "cr-avx512-f64-lut16-p6-log16-p8", 0},
    {"log_sigmoid", "cr-avx512-f64-lut16-p6-log16-p8", 0}, {"log1p", "cr-avx512-f64-twosum-log16-p8", 0},
    {"mish", "cr-avx512-f64-lut16-p6-div", 0},     {"gelu_tanh", "cr-avx512-f64-lut16-p6-div", 1},
    {"erf", "cr-avx512-f64-erfc-lut16-p10-exp-lut16-p5", 0}, {"gelu", "cr-avx512-f64-erfc-lut16-p12-exp-lut16-p5", 0},
    {"celu", "cr-avx512-f64-lut16-p6", 0},         {"gaussian", "cr-avx512-f64-sqexact-lut16-p5", 0},
    {"erfc", "cr-avx512-f64-erfc-lut16-p12-exp-lut16-p5", 0}, {"softsign", "cr-avx512-f64-div", 0},
    {"multiquadric", "cr-avx512-f64-sqrt", 0},     {"inv_multiquadric", "cr-avx512-f64-sqrt-div", 0},
};
#define N_CR (sizeof cr_kernels / sizeof cr_kernels[0])

static uint64_t rng_state;
static uint64_t rng(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The kernel i, or NULL when this CPU lacks AVX-512F (then the test skips). */
static ab_fn_f32 kernel(size_t i, const ab_activation **a) {
    *a = ab_find_activation(cr_kernels[i].act);
    cr_assert(*a, "no activation %s", cr_kernels[i].act);
    const ab_variant *v = ab_find_variant(*a, cr_kernels[i].var, AB_F32);
    cr_assert(v, "no variant %s/%s", cr_kernels[i].act, cr_kernels[i].var);
    cr_assert(v->max_ulp == 0.5);
    return ab_variant_available(v) ? (ab_fn_f32)v->fn : NULL;
}

/* The correctly rounded f32 of f(x): fast tier when it decides, else MPFR. */
static float ref32(const ab_activation *a, ab_ref_ctx *ctx, float x) {
    double v, err;
    float cr;
    ab_grid g;
    int code = a->fast32(x, &v, &err); /* first: v and err are its outputs */
    if (ab_fast32_decide(code, v, err, &cr, &g)) return cr;
    ab_refval r;
    ab_reference_eval(ctx, a->reference, AB_F32, x, &r);
    return (float)r.cr;
}

static int same(float p, float q) { return memcmp(&p, &q, 4) == 0 || (isnan(p) && isnan(q)); }

/* Distance of v from the nearest f32 midpoint in ulps (normal range). */
static double midpoint_distance(double v) {
    if (!isfinite(v) || fabs(v) < FLT_MIN || fabs(v) >= FLT_MAX) return INFINITY;
    float f = (float)v;
    double u = (double)nextafterf(fabsf(f), INFINITY) - fabs((double)f);
    double m = fabs((double)f) + (fabs(v) >= fabs((double)f) ? u / 2 : -u / 2);
    return fabs(fabs(v) - m) / u;
}

Test(cr, near_midpoints) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    for (size_t k = 0; k < N_CR; k++) {
        const ab_activation *a;
        ab_fn_f32 f = kernel(k, &a);
        if (!f) continue;
        rng_state = 0x5eed0000u + k;
        enum { CAP = 4096 };
        static float xs[CAP], ys[CAP];
        size_t n = 0;
        unsigned long long slow0 = ab_cr_slow_calls;
        /* Scan 2^16 consecutive floats from each of 64 random starts in
         * [-20, 20] (uniform in value), keeping the inputs whose f lies within
         * 2^-14 ulp of a midpoint (about 2^-13 of them). */
        for (int s = 0; s < 64 && n < CAP; s++) {
            int64_t o0 = ab_ordinal((float)(((double)(rng() >> 11) * 0x1p-53) * 40 - 20), AB_F32);
            for (int64_t o = o0; o < o0 + 65536 && n < CAP; o++) {
                float x = (float)ab_from_ordinal(o, AB_F32);
                double v, err;
                if (a->fast32(x, &v, &err) == AB_FAST_DECLINE) continue;
                if (midpoint_distance(v) < 0x1p-14) xs[n++] = x;
            }
        }
        cr_expect(n >= 128, "%s: only %zu inputs near midpoints", a->name, n);
        f(xs, ys, n);
        size_t bad = 0;
        for (size_t i = 0; i < n; i++) {
            float want = ref32(a, ctx, xs[i]);
            if (!same(ys[i], want) && bad++ < 5)
                cr_expect(0, "%s(%a): %a, correctly rounded %a", a->name, xs[i], ys[i], want);
        }
        cr_expect(bad == 0, "%s: %zu of %zu near-midpoint inputs misrounded", a->name, bad, n);
        cr_expect(ab_cr_slow_calls > slow0, "%s: the slow path was never taken near midpoints", a->name);
        fprintf(stderr, "cr near_midpoints %s: %zu inputs within 2^-14 ulp of a midpoint, %llu slow\n",
                a->name, n, ab_cr_slow_calls - slow0);
    }
    ab_ref_ctx_free(ctx);
}

Test(cr, fallback_rate) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    enum { N = 1 << 24 };
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    cr_assert(x && y);
    int64_t lo = ab_ordinal(-FLT_MAX, AB_F32), hi = ab_ordinal(FLT_MAX, AB_F32);
    int64_t clo = ab_ordinal(-10.0, AB_F32), chi = ab_ordinal(10.0, AB_F32);
    for (size_t k = 0; k < N_CR; k++) {
        const ab_activation *a;
        ab_fn_f32 f = kernel(k, &a);
        if (!f) continue;
        rng_state = 0xfa11bacu;
        for (size_t i = 0; i < N; i++) {
            uint64_t r = rng();
            x[i] = (float)(i & 1 ? ab_from_ordinal(clo + (int64_t)(r % (uint64_t)(chi - clo + 1)), AB_F32)
                                 : ab_from_ordinal(lo + (int64_t)(r % (uint64_t)(hi - lo + 1)), AB_F32));
        }
        unsigned long long slow0 = ab_cr_slow_calls;
        f(x, y, N);
        unsigned long long slow = ab_cr_slow_calls - slow0;
        fprintf(stderr, "cr fallback %s/%s: %llu of %d inputs (%.3g, 2^%.1f)\n", a->name,
                cr_kernels[k].var, slow, N, (double)slow / N, log2((double)slow / N));
        cr_expect(slow > 0, "%s: no slow path in 2^24 inputs", a->name);
        cr_expect(slow < (cr_kernels[k].halfx ? N >> 6 : N >> 10), "%s: slow path on %llu of 2^24 inputs", a->name, slow);
        size_t bad = 0;
        for (size_t i = 0; i < N; i += 256) {
            float want = ref32(a, ctx, x[i]);
            if (!same(y[i], want) && bad++ < 5)
                cr_expect(0, "%s(%a): %a, correctly rounded %a", a->name, x[i], y[i], want);
        }
        cr_expect(bad == 0, "%s: %zu misrounded", a->name, bad);
    }
    free(x);
    free(y);
    ab_ref_ctx_free(ctx);
}

Test(cr, tails) {
    enum { M = 33, OFF = 3 };
    for (size_t k = 0; k < N_CR; k++) {
        const ab_activation *a;
        ab_fn_f32 f = kernel(k, &a);
        if (!f) continue;
        rng_state = 0x7a115u + k;
        float x[M + OFF], one[M + OFF], y[M + OFF + 1], z[M + OFF];
        for (size_t i = 0; i < M + OFF; i++) {
            /* mixed magnitudes, a NaN, infinities, zeros and subnormals */
            uint64_t r = rng();
            switch (r % 8) {
            case 0: x[i] = (float)ab_from_ordinal((int64_t)(r >> 8) % 0x7f800000 * ((r >> 7) & 1 ? 1 : -1), AB_F32); break;
            case 1: x[i] = (float)((double)(int64_t)(r >> 3) * 0x1p-149 * 0x1p-61 * 0x1p-60); break;
            case 2: x[i] = (r >> 8) % 5 == 0 ? NAN : (r >> 8) % 5 == 1 ? INFINITY : (r >> 8) % 5 == 2 ? -INFINITY : (r >> 8) % 5 == 3 ? 0.0f : -0.0f; break;
            default: x[i] = (float)(((double)(r >> 11) * 0x1p-53) * 40 - 20);
            }
        }
        for (size_t i = 0; i < M + OFF; i++) f(&x[i], &one[i], 1);
        for (size_t s = 0; s < OFF; s += OFF - 1)
            for (size_t n = 0; n <= M; n++) {
                for (size_t i = 0; i <= M + OFF; i++) y[i] = -12345.0f;
                f(x + s, y, n);
                for (size_t i = 0; i < n; i++)
                    cr_expect(same(y[i], one[s + i]), "%s n=%zu s=%zu [%zu] (%a): %a, alone %a", a->name, n, s,
                              i, x[s + i], y[i], one[s + i]);
                cr_expect(y[n] == -12345.0f, "%s n=%zu: wrote past the end", a->name, n);
                memcpy(z, x + s, n * sizeof *z);
                f(z, z, n);
                for (size_t i = 0; i < n; i++)
                    cr_expect(same(z[i], one[s + i]), "%s in place n=%zu [%zu]", a->name, n, i);
            }
    }
}
