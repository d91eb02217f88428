/* test_scale_sub.c: the scalings that round into the subnormals without
 * subnormal arithmetic (impls/kernels/exp_reduction.h), against the
 * hardware's own single rounding, vscalefps (round to nearest even, as
 * MXCSR has it), bit for bit:
 *  - ab_v16_scale_sub_f32 and ab_v8_scale_sub_f32: v in [0.5, 2), every
 *    integer kf in [-150, 0];
 *  - ab_v16_mask_scale_sub_signed_f32: v of either sign, |v| in [2^-8,
 *    2^8), every kf in [-170, 0], random masks (masked-off lanes keep src);
 *  - ab_v16_scale_tail_f32: x spread over [-120, 10] so that vectors mix
 *    the fast, band and dead lanes.
 * Each covers the bands where the result is subnormal, the first normal
 * binade and normal results, with random significands (seeded), ties
 * included: v with few significant bits lands on midpoints of the
 * subnormal grid. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include "../impls/kernels/batch.h"
#include "../impls/kernels/bits.h"
#include "../impls/kernels/exp_reduction.h"

TestSuite(scale_sub, .timeout = 120);

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next32(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
/* v in [1, 2) with random significand bits; every 4th with only the top
 * 4 bits random, so that v 2^k hits the subnormal grid's midpoints. */
static float sig12(int i) {
    uint32_t m = next32() & 0x7fffff;
    if (i % 4 == 0) m &= 0x780000;
    return ab__f32_from_bits(0x3f800000u | m);
}
#define bits ab__f32_to_bits

AB_AVX512_FN void ref16(const float *v, const float *k, float *y) {
    _mm512_storeu_ps(y, _mm512_scalef_ps(_mm512_loadu_ps(v), _mm512_loadu_ps(k)));
}
AB_AVX512_FN void sub16(const float *v, const float *k, float *y) {
    _mm512_storeu_ps(y, ab_v16_scale_sub_f32(_mm512_loadu_ps(v), _mm512_loadu_ps(k)));
}
AB_AVX2_FN void sub8(const float *v, const float *k, float *y) {
    _mm256_storeu_ps(y, ab_v8_scale_sub_f32(_mm256_loadu_ps(v), _mm256_loadu_ps(k)));
    _mm256_storeu_ps(y + 8, ab_v8_scale_sub_f32(_mm256_loadu_ps(v + 8), _mm256_loadu_ps(k + 8)));
}
AB_AVX512_FN void signed16(const float *src, unsigned m, const float *v, const float *k, float *y) {
    _mm512_storeu_ps(y, ab_v16_mask_scale_sub_signed_f32(_mm512_loadu_ps(src), (__mmask16)m,
                                                         _mm512_loadu_ps(v), _mm512_loadu_ps(k)));
}
AB_AVX512_FN void tail16(const float *x, const float *v, const float *k, float *y) {
    _mm512_storeu_ps(y, ab_v16_scale_tail_f32(_mm512_loadu_ps(x), _mm512_loadu_ps(v), _mm512_loadu_ps(k),
                                              -80.0f, -110.0f, _mm512_set1_ps(-0.0f)));
}

#define have(isa) (__builtin_cpu_init(), __builtin_cpu_supports(isa))

Test(scale_sub, unsigned_matches_vscalefps) {
    if (!have("avx512f")) cr_skip_test("no AVX-512F");
    int avx2 = have("avx2") && have("fma");
    size_t n = 0, sub = 0;
    for (int kf = -150; kf <= 0; kf++)
        for (int r = 0; r < 256; r++) {
            float v[16], k[16], y0[16], y1[16], y2[16];
            for (int j = 0; j < 16; j++) v[j] = sig12(j) * (j & 1 ? 0.5f : 1.0f), k[j] = (float)kf;
            ref16(v, k, y0);
            sub16(v, k, y1);
            if (avx2) sub8(v, k, y2);
            for (int j = 0; j < 16; j++, n++) {
                sub += y0[j] < 0x1p-126f;
                cr_assert_eq(bits(y1[j]), bits(y0[j]), "v16: %a 2^%d: %a, vscalefps %a", v[j], kf, y1[j], y0[j]);
                if (avx2) cr_assert_eq(bits(y2[j]), bits(y0[j]), "v8: %a 2^%d: %a, vscalefps %a", v[j], kf, y2[j], y0[j]);
            }
        }
    cr_log_info("%zu products, %zu of them below 2^-126", n, sub);
    /* kf <= -127: 24 of the 151 exponents give v 2^kf < 2^-126 */
    cr_expect_gt(sub, n / 8);
}

Test(scale_sub, signed_matches_vscalefps) {
    if (!have("avx512f")) cr_skip_test("no AVX-512F");
    size_t n = 0, sub = 0;
    for (int kf = -170; kf <= 0; kf++)
        for (int r = 0; r < 256; r++) {
            float v[16], k[16], src[16], y0[16], y1[16];
            unsigned m = next32() & 0xffff;
            for (int j = 0; j < 16; j++) {
                v[j] = sig12(j) * (float)(1 << (next32() % 16)) * 0x1p-8f * (next32() & 1 ? -1.0f : 1.0f);
                k[j] = (float)kf;
                src[j] = (float)j;
            }
            ref16(v, k, y0);
            signed16(src, m, v, k, y1);
            for (int j = 0; j < 16; j++, n++) {
                float want = m >> j & 1 ? y0[j] : src[j];
                sub += (m >> j & 1) && y0[j] != 0 && y0[j] > -0x1p-126f && y0[j] < 0x1p-126f;
                cr_assert_eq(bits(y1[j]), bits(want), "%a 2^%d (lane %d, mask %#x): %a, want %a", v[j], kf, j, m,
                             y1[j], want);
            }
        }
    cr_log_info("%zu lanes, %zu subnormal results", n, sub);
    /* |v| < 2^8 and kf in [-150, -135] (16 of 171 exponents) alone give
     * nonzero subnormals, in the half of the lanes a random mask keeps */
    cr_expect_gt(sub, n / 25);
}

/* x sigmoid(x)'s tail: v = x p / (1 + e) ~ x p, kn = round(x / ln 2) where
 * x < 0; x < -110 gives -0. */
Test(scale_sub, tail_matches_vscalefps) {
    if (!have("avx512f")) cr_skip_test("no AVX-512F");
    size_t n = 0;
    for (int r = 0; r < 200000 / 16; r++) {
        float x[16], v[16], k[16], y0[16], y1[16];
        for (int j = 0; j < 16; j++) {
            x[j] = -120.0f + 130.0f * (float)(next32() >> 8) * 0x1p-24f;
            v[j] = x[j] * sig12(j) * 0.75f;
            k[j] = x[j] < 0 ? (float)(int)(x[j] * 1.442695f) : 0.0f;
        }
        ref16(v, k, y0);
        tail16(x, v, k, y1);
        for (int j = 0; j < 16; j++, n++) {
            float want = x[j] < -110.0f ? -0.0f : y0[j];
            cr_assert_eq(bits(y1[j]), bits(want), "x %a: %a 2^%g: %a, want %a", x[j], v[j], k[j], y1[j], want);
        }
    }
    cr_log_info("%zu lanes", n);
}
