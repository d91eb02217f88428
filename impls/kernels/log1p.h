/* log1p.h: log1p(u) for u in [0, 1] (u = e^-|x| in softplus and
 * log_sigmoid; the f64 form also serves u in [-1/4, 1/2), the reduced
 * argument of impls/f64_log1p_simd.c, where w is in [-2/7, 2/5]), scalar,
 * AVX2+FMA and AVX-512F; NaN propagates.
 *
 * log1p(u) = 2 atanh(s), s = u/(2+u).  We use w = 2s = u/(1 + u/2), so that
 * 1+u is never rounded and, for tiny or subnormal u, t = 1 + u/2 == 1 and
 * w == u exactly (no halving into the subnormal range):
 *     log1p(u) = w + w^3 q(w^2),   w in [0, 2/3] for u in [0, 1].
 * q is a Sollya minimax polynomial for (2 atanh(w/2) - w)/w^3 (relative
 * error).  The correction w^3 q is at most ~4% of the result, so its rounding
 * errors are damped ~25x; the leading term w is made (almost) exact by also
 * computing its rounding error: t + te = 1 + u/2 exactly (Fast2Sum), and
 * w_lo = (u - w t - w te)/t with u - w t computed exactly.  The result is
 * then essentially one rounding of w + (w_lo + w^3 q).
 */
#ifndef AB_KERNELS_LOG1P_H
#define AB_KERNELS_LOG1P_H

#include <math.h>
#include "batch.h"
#include "rcp.h"

/* Exact residual a - b*c (valid when it is representable, e.g. the remainder
 * of a correctly rounded division b = RN(a/c)).  Hardware FMA if available,
 * otherwise a wider product (f32) or Dekker/Veltkamp two-product (f64); all
 * paths return the same exact value, so results do not depend on -mfma. */
static inline float ab__resid_f32(float a, float b, float c)
{
#ifdef FP_FAST_FMAF
    return fmaf(-b, c, a);
#else
    return (float)((double)a - (double)b * (double)c); /* 24x24-bit product is exact in double */
#endif
}

static inline double ab__resid_f64(double a, double b, double c)
{
#ifdef FP_FAST_FMA
    return fma(-b, c, a);
#else
    const double split = 0x1p27 + 1.0;
    double p = b * c;
    double tb = split * b, bh = tb - (tb - b), bl = b - bh;
    double tc = split * c, ch = tc - (tc - c), cl = c - ch;
    double perr = ((bh * ch - p) + bh * cl + bl * ch) + bl * cl; /* b*c = p + perr exactly */
    return (a - p) - perr;
#endif
}

/* sollya scripts/fit/log1p_f32.sollya
   log1p f32: 4 terms, max rel err of w + w^3 q(w^2) vs 2atanh(w/2) = 2^-25.97 */
static const struct { float q0, q1, q2, q3; } ab_log1p_f32_q = {
    .q0 = 0x1.55554cp-4f,
    .q1 = 0x1.99adccp-7f,
    .q2 = 0x1.211cbep-9f,
    .q3 = 0x1.1321c2p-11f,
};

/* max error measured: 0.806 ULP on [0, 1] (1065353218 inputs, exhaustive incl. subnormals) */
static inline float ab_log1p_approx_lane_f32(float u)
{
    float h = 0.5f * u;
    float t = 1.0f + h;
    float te = (1.0f - t) + h;                 /* t + te == 1 + h exactly */
    float w = u / t;
    float wlo = (ab__resid_f32(u, w, t) - w * te) / t;
    float W = w * w;
    float q = ab_log1p_f32_q.q0 + W * (ab_log1p_f32_q.q1 + W * (ab_log1p_f32_q.q2 + W * ab_log1p_f32_q.q3));
    return w + (wlo + (w * W) * q);
}

/* The scalar form.  Below 2^-25, u^2/2 < 2^-26 |u| is under half an ulp of
 * u either way, so the body rounds to u; it gets there through subnormal
 * u^2, a microcode assist per operation (~100x the normal cost).  The
 * branch keeps a scalar loop clear of them; the lane loops (portable
 * kernels) call the body directly, as a branch stops gcc vectorizing. */
static inline float ab_log1p_approx_f32(float u)
{
    return fabsf(u) < 0x1p-25f ? u : ab_log1p_approx_lane_f32(u);
}

/* sollya scripts/fit/log1p_f64.sollya
   log1p f64: 10 terms, max rel err of w + w^3 q(w^2) vs 2atanh(w/2) = 2^-57.51 */
static const struct { double q0, q1, q2, q3, q4, q5, q6, q7, q8, q9; } ab_log1p_f64_q = {
    .q0 = 0x1.5555555555555p-4,
    .q1 = 0x1.999999999a248p-7,
    .q2 = 0x1.24924923e32ep-9,
    .q3 = 0x1.c71c726940dc4p-12,
    .q4 = 0x1.745cf1dd3388cp-14,
    .q5 = 0x1.3b1898a26078dp-16,
    .q6 = 0x1.10add1e976b1ep-18,
    .q7 = 0x1.eb7aa0d78836ap-21,
    .q8 = 0x1.68d9bd0ab9632p-23,
    .q9 = 0x1.4ab1ff437542ap-24,
};

/* max error measured: 0.668 ULP on [0, 1] (10^7 random bit patterns across binades incl. subnormals) */
static inline double ab_log1p_approx_f64(double u)
{
    double h = 0.5 * u;
    double t = 1.0 + h;
    double te = (1.0 - t) + h;                 /* t + te == 1 + h exactly */
    double w = u / t;
    double wlo = (ab__resid_f64(u, w, t) - w * te) / t;
    double W = w * w, W2 = W * W;
    double a = ab_log1p_f64_q.q0 + W * ab_log1p_f64_q.q1;
    double b = ab_log1p_f64_q.q2 + W * ab_log1p_f64_q.q3;
    double c = ab_log1p_f64_q.q4 + W * ab_log1p_f64_q.q5;
    double d = ab_log1p_f64_q.q6 + W * ab_log1p_f64_q.q7;
    double e = ab_log1p_f64_q.q8 + W * ab_log1p_f64_q.q9;
    double q = a + W2 * (b + W2 * (c + W2 * (d + W2 * e)));
    return w + (wlo + (w * W) * q);
}

/* ---- vector ------------------------------------------------------------
 * nr: replace the two divisions by t with one reciprocal (rcp + Newton);
 * w = u * (1/t) is then ~1 ulp off, but w_lo is still computed from the
 * exact residual u - w t, so w + w_lo stays close to u/t.
 *   KMUL, KFNMA, KDIV form the second-order terms (w_lo, w^2, w^3); the
 * AVX-512 form gates them to the lanes u >= 2^-40 (zero elsewhere).  Below
 * 2^-40: h = u/2, t = RN(1 + h) = 1, te = h, w = u, the residual u - w t
 * is 0, so w_lo = -u h, and |w_lo + w^3 q| <= u^2 < 2^-40 u, under half an
 * ulp of u (and under 2^-150 for a subnormal u): the result is u either
 * way, the same bits.  Ungated, u^2 / 2, u^2 and u^3 go subnormal from
 * u = 2^-42 down, each a microcode assist on Intel cores (no FTZ): softplus
 * and log_sigmoid ran 35x slower for |x| in [30, 80].
 *   The AVX-512 form also keeps a subnormal u out of every multiply,
 * divide and FMA (their subnormal operands cost an assist as well on this
 * Xeon; adds do not): h = 0 there (KMUL), w = u passed through (WMUL, WDIV
 * with u kept where not gated) and the residual's inner FNMA gated: t = 1,
 * te = 0, w = u and w_lo = 0 below 2^-40, so the result is u + 0 = u, the
 * bits of before (softplus on [-200, -90], where u = e^x is subnormal in
 * [-104, -87.3]). */

#define AB__LOG1P_F32(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, RCP, KMUL, KFNMA, KDIV, WMUL, WDIV, u, nr, out) \
    do {                                                                                \
        T h_ = KMUL(S(0.5f), u);                                                        \
        T t_ = ADD(S(1.0f), h_);                                                        \
        T te_ = ADD(SUB(S(1.0f), t_), h_);                                              \
        T w_, wlo_;                                                                     \
        if (nr) {                                                                       \
            T it_ = RCP(t_);                                                            \
            w_ = WMUL(u, it_);                                                          \
            wlo_ = KMUL(KFNMA(w_, te_, KFNMA(w_, t_, u)), it_);                         \
        } else {                                                                        \
            w_ = WDIV(u, t_);                                                           \
            wlo_ = KDIV(KFNMA(w_, te_, KFNMA(w_, t_, u)), t_);                          \
        }                                                                               \
        T W_ = KMUL(w_, w_);                                                            \
        T q_ = FMA(S(ab_log1p_f32_q.q3), W_, S(ab_log1p_f32_q.q2));                     \
        q_ = FMA(q_, W_, S(ab_log1p_f32_q.q1));                                         \
        q_ = FMA(q_, W_, S(ab_log1p_f32_q.q0));                                         \
        out = ADD(w_, FMA(KMUL(w_, W_), q_, wlo_));                                     \
    } while (0)

#define AB__L1P_KMUL16(a, b) _mm512_maskz_mul_ps(k_, a, b)
#define AB__L1P_KFNMA16(a, b, c) _mm512_maskz_fnmadd_ps(k_, a, b, c)
#define AB__L1P_KDIV16(a, b) _mm512_maskz_div_ps(k_, a, b)
#define AB__L1P_WMUL16(a, b) _mm512_mask_mul_ps(a, k_, a, b)  /* a (= u) kept where not k_ */
#define AB__L1P_WDIV16(a, b) _mm512_mask_div_ps(a, k_, a, b)
AB_AVX512_INLINE __m512 ab_v16_log1p01_f32(__m512 u, const int nr) {
    __m512 y;
    __mmask16 k_ = _mm512_cmp_ps_mask(u, _mm512_set1_ps(0x1p-40f), _CMP_GE_OQ); /* NaN: w carries it */
    AB__LOG1P_F32(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_fnmadd_ps, _mm512_mul_ps,
                  _mm512_add_ps, _mm512_sub_ps, _mm512_div_ps, ab_v16_rcp_nr1_f32, AB__L1P_KMUL16,
                  AB__L1P_KFNMA16, AB__L1P_KDIV16, AB__L1P_WMUL16, AB__L1P_WDIV16, u, nr, y);
    return y;
}
AB_AVX2_INLINE __m256 ab_v8_log1p01_f32(__m256 u, const int nr) {
    __m256 y;
    AB__LOG1P_F32(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_fnmadd_ps, _mm256_mul_ps,
                  _mm256_add_ps, _mm256_sub_ps, _mm256_div_ps, ab_v8_rcp_nr2_f32, _mm256_mul_ps,
                  _mm256_fnmadd_ps, _mm256_div_ps, _mm256_mul_ps, _mm256_div_ps, u, nr, y);
    return y;
}

/* log1p(u) as w + lo (lo = w_lo + w^3 q, |lo| < 4% of |w|): the caller may
 * add w to a larger term exactly (impls/f64_log1p_simd.c) before lo. */
#define AB__LOG1P_F64_PARTS(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, u, w_, lo)              \
    T w_;                                                                               \
    do {                                                                                \
        T h_ = MUL(S(0.5), u);                                                          \
        T t_ = ADD(S(1.0), h_);                                                         \
        T te_ = ADD(SUB(S(1.0), t_), h_);                                               \
        w_ = DIV(u, t_);                                                                \
        T wlo_ = DIV(FNMA(w_, te_, FNMA(w_, t_, u)), t_);                               \
        T W_ = MUL(w_, w_), W2_ = MUL(W_, W_);                                          \
        T a_ = FMA(W_, S(ab_log1p_f64_q.q1), S(ab_log1p_f64_q.q0));                     \
        T b_ = FMA(W_, S(ab_log1p_f64_q.q3), S(ab_log1p_f64_q.q2));                     \
        T c_ = FMA(W_, S(ab_log1p_f64_q.q5), S(ab_log1p_f64_q.q4));                     \
        T d_ = FMA(W_, S(ab_log1p_f64_q.q7), S(ab_log1p_f64_q.q6));                     \
        T e_ = FMA(W_, S(ab_log1p_f64_q.q9), S(ab_log1p_f64_q.q8));                     \
        T q_ = FMA(W2_, FMA(W2_, FMA(W2_, FMA(W2_, e_, d_), c_), b_), a_);              \
        lo = FMA(MUL(w_, W_), q_, wlo_);                                                \
    } while (0)

#define AB__LOG1P_F64(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, u, out)                      \
    do {                                                                                \
        T lo_;                                                                          \
        AB__LOG1P_F64_PARTS(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, u, wv_, lo_);          \
        out = ADD(wv_, lo_);                                                            \
    } while (0)

AB_AVX512_INLINE __m512d ab_v8_log1p01_f64(__m512d u) {
    __m512d y;
    AB__LOG1P_F64(__m512d, _mm512_set1_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd, _mm512_mul_pd,
                  _mm512_add_pd, _mm512_sub_pd, _mm512_div_pd, u, y);
    return y;
}
AB_AVX2_INLINE __m256d ab_v4_log1p01_f64(__m256d u) {
    __m256d y;
    AB__LOG1P_F64(__m256d, _mm256_set1_pd, _mm256_fmadd_pd, _mm256_fnmadd_pd, _mm256_mul_pd,
                  _mm256_add_pd, _mm256_sub_pd, _mm256_div_pd, u, y);
    return y;
}

#endif /* AB_KERNELS_LOG1P_H */
