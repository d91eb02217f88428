/* tanh(x): fast own AVX-512 f32 kernels, a low-degree odd rational with
 * both clamps (registered into impls/tanh.c's activation with
 * AB_REGISTER_VARIANTS).
 *
 * tanh x = sign(x) min(1, a P(t)/Q(t)),  a = min(c, |x|),  t = a^2,
 * P = 1 + p1 t + .. + p4 t^4, Q = 1 + q1 t + .. + q4 t^4 (x^9 / x^8),
 * c = 0x1.205968p+3, the smallest float whose correctly rounded tanh is 1.
 *  - Everything runs on a = |x| and the sign of x is put back last by one
 *    vpternlogd bit select: odd symmetry holds bit for bit, tanh(-0) = -0,
 *    and no sign error is possible.
 *  - vminps returns its SECOND operand when either is NaN, so the
 *    constants are the first operands: a NaN |x| passes both clamps and
 *    propagates through P, Q and the division (NaN -> NaN, sign kept).
 *    +-inf -> a = c -> +-1.
 *  - Clamp at 10, not at c: at a = c the f32 evaluation gives 1 - 2^-24
 *    (tanh(+inf) would be 1 - 2^-24); every float a >= 0x1.28a52ap+3 gives
 *    min(1, y) = 1 (checked for every float in [8, 12) by simulating the
 *    evaluation in the fit script's kernel32), so +-inf and all |x| >= 9.28
 *    give exactly +-1; a in [c, 9.27] gives 1 - 2^-24 (1 ulp).
 *  - Range: the fitted rational at a <= c can round to 1 + 2^-23 (the
 *    11/10 kernel's known bug); min(1, y) removes it, so |y| <= 1 always.
 *  - Tiny and subnormal x: t rounds to (or is) 0, P = Q = 1 exactly, y = a
 *    (no flush; the 5e-6 "ulp" in range `tiny` is tanh(x) = x - x^3/3
 *    against its correctly rounded value x: the output IS the correctly
 *    rounded value, the ulp metric measures the real-number distance).
 *  - Error: the fit itself is 2^-25.46 relative (0.4 ulp where tanh ~ 1);
 *    the rest is the f32 evaluation: near saturation (a ~ 5..9, y just
 *    below 1, ulp = 2^-24 = the unit roundoff) each of the rounding of P,
 *    of Q, of a P and of the quotient can cost up to 1 ulp.  The greedy
 *    coefficient search of the fit script minimises the measured error of
 *    this exact evaluation order.
 *  - Measured and dropped: a (P/Q) instead of (a P)/Q (5.38 ulp sampled
 *    in `saturation`); a remainder correction y0 + (N - y0 Q) rcp14(Q)
 *    changes nothing (vdivps is correctly rounded: |e/Q| < ulp(y0)/2).
 *    Sampled (10^6 per range, default seed): max 4.75 ulp in `saturation`
 *    (at 0x1.f28de8p+2), 3.82 `core`, 2.66 `small`; so this kernel does
 *    NOT reach 3.9 ulp: the f32 roundings of P, Q, a P and the quotient
 *    each cost up to 1 ulp where y ~ 1, whatever the coefficients.
 * All coefficients are positive: no cancellation in the Horner steps.
 * Every f32 input (sweep --exhaustive, 2026-11-30): max 5.3901 ulp at
 * +-0x1.7d0156p+2 (y 0x1.fffe46p-1 against 0x1.fffe3cp-1), above the
 * 5.0 declared from the sample until then: declared 5.5. */
#define TANH_R44_BOUND 5.5
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp_lut.h"

/* python3 scripts/fit/fit_tanh_fast.py 4 4
   unrounded rational 4/4: max rel err 2^-25.46 on [0, c^2] (grid);
   after the greedy f32 search: kernel max 3.927 ulp (fit sample), 4.013 ulp (fresh sample) */
static const struct { float clamp, p1, p2, p3, p4, q1, q2, q3, q4; } tanh_r44 = {
    .clamp = 10.0f, /* see "Clamp" above */
    .p1 = 0x1.1216e2p-3f,
    .p2 = 0x1.ca828p-9f,
    .p3 = 0x1.5a676ap-16f,
    .p4 = 0x1.cc6e12p-27f,
    .q1 = 0x1.de60bep-2f,
    .q2 = 0x1.a821f2p-6f,
    .q3 = 0x1.58f1fap-12f,
    .q4 = 0x1.a295f8p-21f,
};

#define TF_S(v) _mm512_set1_ps(v)

/* P(t), Q(t) on a = min(clamp, |x|); returns a */
AB_AVX512_INLINE __m512 tanh_r44_pq(__m512 x, __m512 *P, __m512 *Q) {
    __m512 a = _mm512_min_ps(TF_S(tanh_r44.clamp), _mm512_abs_ps(x));
    __m512 t = _mm512_mul_ps(a, a);
    __m512 p = _mm512_fmadd_ps(TF_S(tanh_r44.p4), t, TF_S(tanh_r44.p3));
    __m512 q = _mm512_fmadd_ps(TF_S(tanh_r44.q4), t, TF_S(tanh_r44.q3));
    p = _mm512_fmadd_ps(p, t, TF_S(tanh_r44.p2));
    q = _mm512_fmadd_ps(q, t, TF_S(tanh_r44.q2));
    p = _mm512_fmadd_ps(p, t, TF_S(tanh_r44.p1));
    q = _mm512_fmadd_ps(q, t, TF_S(tanh_r44.q1));
    *P = _mm512_fmadd_ps(p, t, TF_S(1.0f));
    *Q = _mm512_fmadd_ps(q, t, TF_S(1.0f));
    return a;
}

/* sign(x) min(1, y): bit select 0xCA = (sign bit) ? x : y */
AB_AVX512_INLINE __m512 tanh_fast_finish(__m512 x, __m512 y) {
    y = _mm512_min_ps(TF_S(1.0f), y);
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_set1_epi32((int)0x80000000u),
                                                         _mm512_castps_si512(x), _mm512_castps_si512(y), 0xCA));
}

AB_AVX512_INLINE __m512 tanh16_r44_div(__m512 x) {
    __m512 P, Q;
    __m512 a = tanh_r44_pq(x, &P, &Q);
    return tanh_fast_finish(x, _mm512_div_ps(_mm512_mul_ps(a, P), Q));
}

AB_V16_BATCH_UNROLL_F32(tanh_r44_div_x16, "avx512f", tanh16_r44_div, 1)

static const ab_variant tanh_fast_variants[] = {
    AB_VARIANT_EXPECTING("avx512-rational-9-8-div-clamp", AB_VECTOR, "avx512f", TANH_R44_BOUND,
               "sign(x)*min(1, a*P4(a^2)/Q4(a^2)), a=min(|x|,10) (FMA, vdivps, vpternlog copysign)", tanh_r44_div_x16,
               AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
    /* Unrolled 4 vectors per iteration it measured the same (0.159 against
     * 0.157 ns/elem): the vdivps throughput bounds it, not latency. */
};
AB_REGISTER_VARIANTS("tanh", tanh_fast_variants)
