/* tanh_rational.h: tanh as a clamped rational, scalar, AVX2+FMA, AVX-512F
 * and portable.
 *
 * tanh(x) ~= x * P(x^2)/Q(x^2) for |x| < c, copysign(1, x) for |x| >= c, where
 * c is the smallest number of the format whose correctly rounded tanh is 1
 * (computed by the fitter with MPFR).  tanh is odd and its Taylor/continued-
 * fraction structure makes tanh(x)/x a smooth function of t = x^2, so fitting
 * in t halves the degrees; P(0) = Q(0) = 1 makes tiny x (and +-0, subnormals)
 * come back exactly.  The rational is fitted on the whole [0, c^2] (no
 * further reduction) with our own Loeb/Lawson minimax fitter in relative
 * error, then coefficients are rounded one by one with refitting.  All
 * coefficients are positive, so the Horner evaluations in t >= 0 have no
 * cancellation.  The clamp test is written as (ax >= c) so that NaN fails it
 * and propagates through the rational.
 *
 * Vector: x P(t)/Q(t), t = x^2, Horner with FMA; the caller blends
 * copysign(1, x) where |x| >= clamp (NaN fails that test and propagates
 * through P/Q).  Lanes beyond the clamp may compute inf/inf = NaN: they
 * are blended away. */
#ifndef AB_KERNELS_TANH_RATIONAL_H
#define AB_KERNELS_TANH_RATIONAL_H

#include <math.h>
#include "batch.h"
#include "bits.h"
#include "rcp.h"

/* gcc -O2 -std=c17 -o /tmp/tanh_rational scripts/fit/tanh_rational.c -lmpfr -lgmp -lm
               && /tmp/tanh_rational f32 5 5 200
   tanh f32: clamp c = 0x1.205968p+3 (9.0109138...); deg P = 5, deg Q = 5 in t = x^2
   (x^11 / x^10); max rel err of the rounded-coefficient rational on [0, c^2] = 2^-26.32 */
static const struct { float clamp, p1, p2, p3, p4, p5, q1, q2, q3, q4, q5; } ab_tanh_f32_rat = {
    .clamp = 0x1.205968p+3f,
    .p1 = 0x1.20c718p-3f,
    .p2 = 0x1.222b44p-8f,
    .p3 = 0x1.62f9fap-15f,
    .p4 = 0x1.de86e6p-24f,
    .p5 = 0x1.4479cp-35f,
    .q1 = 0x1.e5b8e2p-2f,
    .q2 = 0x1.de86fap-6f,
    .q3 = 0x1.06bff8p-11f,
    .q4 = 0x1.5e02dap-19f,
    .q5 = 0x1.96ceaep-29f,
};

/* x P(x^2)/Q(x^2) for the f32 coefficients, evaluated in double and
 * rounded once to float (no clamp). */
AB_SCALAR_INLINE float ab_tanh_rat_f32in64(float x) {
    double xd = x, t = xd * xd;
    double P = 1.0 + t * (ab_tanh_f32_rat.p1 + t * (ab_tanh_f32_rat.p2 + t * (ab_tanh_f32_rat.p3 + t * (ab_tanh_f32_rat.p4 + t * ab_tanh_f32_rat.p5))));
    double Q = 1.0 + t * (ab_tanh_f32_rat.q1 + t * (ab_tanh_f32_rat.q2 + t * (ab_tanh_f32_rat.q3 + t * (ab_tanh_f32_rat.q4 + t * ab_tanh_f32_rat.q5))));
    return (float)(xd * (P / Q));
}

/* max error measured: 0.699 ULP on all 2^32 float inputs (4294967296 inputs, exhaustive) */
static inline float ab_tanh_rational_f32(float x)
{
    float ax = fabsf(x);
    if (ax >= ab_tanh_f32_rat.clamp) return copysignf(1.0f, x); /* NaN fails the test */
    /* P and Q are evaluated in double: evaluated in float, the ~10 Horner
     * roundings accumulate to 6.4 ulp (measured, exhaustive) around |x| ~ 7.5
     * where tanh = 1 - 3e-7; in double the result is one final rounding of a
     * 2^-26.3-accurate rational.  On scalar hardware this costs nothing. */
    return ab_tanh_rat_f32in64(x);
}

/* gcc -O2 -std=c17 -o /tmp/tanh_rational scripts/fit/tanh_rational.c -lmpfr -lgmp -lm
               && /tmp/tanh_rational f64 10 10 300
   tanh f64: clamp c = 0x1.30fc1931f09cap+4 (19.0615474653985); deg P = 10, deg Q = 10 in
   t = x^2 (x^21 / x^20); max rel err of the rounded-coefficient rational on [0, c^2] = 2^-55.44
   (for reference, same fitter: 7/7 -> 2^-37.6, 8/8 -> 2^-45.4, 9/9 -> 2^-53.1, 11/11 -> 2^-55.8
   after coefficient rounding) */
static const struct { double clamp, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10; } ab_tanh_f64_rat = {
    .clamp = 0x1.30fc1931f09cap+4,
    .p1 = 0x1.3a48bf918e8ddp-3,
    .p2 = 0x1.97f01645027ffp-8,
    .p3 = 0x1.b1575be938a4p-14,
    .p4 = 0x1.be73971a2870ep-21,
    .p5 = 0x1.de6c5954c9629p-29,
    .p6 = 0x1.0d6ad41c94c6ep-37,
    .p7 = 0x1.314c4c91a5af9p-47,
    .p8 = 0x1.356c16b4afb9ap-58,
    .p9 = 0x1.abaef520886d2p-71,
    .p10 = 0x1.544922fc24b23p-86,
    .q1 = 0x1.f279b51e1c9c4p-2,
    .q2 = 0x1.1ffe4c29fdac5p-5,
    .q3 = 0x1.cfadaad192132p-11,
    .q4 = 0x1.526e95c49865bp-17,
    .q5 = 0x1.f4949d9d2bf7dp-25,
    .q6 = 0x1.859f1833da5e8p-33,
    .q7 = 0x1.3a2172a0286bdp-42,
    .q8 = 0x1.e647bf0d818cdp-53,
    .q9 = 0x1.2eb917e270ac6p-64,
    .q10 = 0x1.845561da37ee2p-78,
};

/* max error measured: 7.14 ULP on [-25, 25] (10^7 random bit patterns across binades + specials) */
static inline double ab_tanh_rational_f64(double x)
{
    double ax = fabs(x);
    if (ax >= ab_tanh_f64_rat.clamp) return copysign(1.0, x); /* NaN fails the test */
    double t = x * x, t2 = t * t;
    double P = 1.0 + t * ((ab_tanh_f64_rat.p1 + t * ab_tanh_f64_rat.p2) + t2 * ((ab_tanh_f64_rat.p3 + t * ab_tanh_f64_rat.p4)
             + t2 * ((ab_tanh_f64_rat.p5 + t * ab_tanh_f64_rat.p6) + t2 * ((ab_tanh_f64_rat.p7 + t * ab_tanh_f64_rat.p8)
             + t2 * (ab_tanh_f64_rat.p9 + t * ab_tanh_f64_rat.p10)))));
    double Q = 1.0 + t * ((ab_tanh_f64_rat.q1 + t * ab_tanh_f64_rat.q2) + t2 * ((ab_tanh_f64_rat.q3 + t * ab_tanh_f64_rat.q4)
             + t2 * ((ab_tanh_f64_rat.q5 + t * ab_tanh_f64_rat.q6) + t2 * ((ab_tanh_f64_rat.q7 + t * ab_tanh_f64_rat.q8)
             + t2 * (ab_tanh_f64_rat.q9 + t * ab_tanh_f64_rat.q10)))));
    return x * (P / Q);
}


/* ---- vector ------------------------------------------------------------ */

#define AB__TANH_PQ_F32(FMA, S, t, P, Q)                                                \
    do {                                                                                \
        P = FMA(S(ab_tanh_f32_rat.p5), t, S(ab_tanh_f32_rat.p4));                       \
        P = FMA(P, t, S(ab_tanh_f32_rat.p3));                                           \
        P = FMA(P, t, S(ab_tanh_f32_rat.p2));                                           \
        P = FMA(P, t, S(ab_tanh_f32_rat.p1));                                           \
        P = FMA(P, t, S(1.0));                                                          \
        Q = FMA(S(ab_tanh_f32_rat.q5), t, S(ab_tanh_f32_rat.q4));                       \
        Q = FMA(Q, t, S(ab_tanh_f32_rat.q3));                                           \
        Q = FMA(Q, t, S(ab_tanh_f32_rat.q2));                                           \
        Q = FMA(Q, t, S(ab_tanh_f32_rat.q1));                                           \
        Q = FMA(Q, t, S(1.0));                                                          \
    } while (0)

/* f32 rational evaluated in double, as the scalar kernel (<= 1 ulp): */
AB_AVX512_INLINE __m512d ab_v8_tanh_rat_f32in64(__m512d xd) {
    __m512d t = _mm512_mul_pd(xd, xd), P, Q;
    AB__TANH_PQ_F32(_mm512_fmadd_pd, _mm512_set1_pd, t, P, Q);
    return _mm512_mul_pd(xd, _mm512_div_pd(P, Q));
}
AB_AVX2_INLINE __m256d ab_v4_tanh_rat_f32in64(__m256d xd) {
    __m256d t = _mm256_mul_pd(xd, xd), P, Q;
    AB__TANH_PQ_F32(_mm256_fmadd_pd, _mm256_set1_pd, t, P, Q);
    return _mm256_mul_pd(xd, _mm256_div_pd(P, Q));
}

/* f32 rational in float: the ~10 Horner roundings show near |x| ~ 7.5,
 * where tanh = 1 - 3e-7 (the scalar kernel's comment measures 6.4 ulp). */
AB_AVX512_INLINE __m512 ab_v16_tanh_rat_f32(__m512 x, const int nr) {
    __m512 t = _mm512_mul_ps(x, x), P, Q;
    AB__TANH_PQ_F32(_mm512_fmadd_ps, _mm512_set1_ps, t, P, Q);
    return nr ? _mm512_mul_ps(_mm512_mul_ps(x, P), ab_v16_rcp_nr1_f32(Q))
              : _mm512_mul_ps(x, _mm512_div_ps(P, Q));
}
AB_AVX2_INLINE __m256 ab_v8_tanh_rat_f32(__m256 x, const int nr) {
    __m256 t = _mm256_mul_ps(x, x), P, Q;
    AB__TANH_PQ_F32(_mm256_fmadd_ps, _mm256_set1_ps, t, P, Q);
    return nr ? _mm256_mul_ps(_mm256_mul_ps(x, P), ab_v8_rcp_nr2_f32(Q))
              : _mm256_mul_ps(x, _mm256_div_ps(P, Q));
}

#define AB__TANH_PQ_F64(FMA, MUL, S, t, P, Q)                                           \
    do {                                                                                \
        __typeof__(t) t2_ = MUL(t, t);                                                  \
        P = FMA(t2_, FMA(t, S(ab_tanh_f64_rat.p10), S(ab_tanh_f64_rat.p9)), FMA(t, S(ab_tanh_f64_rat.p8), S(ab_tanh_f64_rat.p7))); \
        P = FMA(t2_, P, FMA(t, S(ab_tanh_f64_rat.p6), S(ab_tanh_f64_rat.p5)));          \
        P = FMA(t2_, P, FMA(t, S(ab_tanh_f64_rat.p4), S(ab_tanh_f64_rat.p3)));          \
        P = FMA(t2_, P, FMA(t, S(ab_tanh_f64_rat.p2), S(ab_tanh_f64_rat.p1)));          \
        P = FMA(t, P, S(1.0));                                                          \
        Q = FMA(t2_, FMA(t, S(ab_tanh_f64_rat.q10), S(ab_tanh_f64_rat.q9)), FMA(t, S(ab_tanh_f64_rat.q8), S(ab_tanh_f64_rat.q7))); \
        Q = FMA(t2_, Q, FMA(t, S(ab_tanh_f64_rat.q6), S(ab_tanh_f64_rat.q5)));          \
        Q = FMA(t2_, Q, FMA(t, S(ab_tanh_f64_rat.q4), S(ab_tanh_f64_rat.q3)));          \
        Q = FMA(t2_, Q, FMA(t, S(ab_tanh_f64_rat.q2), S(ab_tanh_f64_rat.q1)));          \
        Q = FMA(t, Q, S(1.0));                                                          \
    } while (0)

AB_AVX512_INLINE __m512d ab_v8_tanh_rat_f64(__m512d x) {
    __m512d t = _mm512_mul_pd(x, x), P, Q;
    AB__TANH_PQ_F64(_mm512_fmadd_pd, _mm512_mul_pd, _mm512_set1_pd, t, P, Q);
    return _mm512_mul_pd(x, _mm512_div_pd(P, Q));
}
AB_AVX2_INLINE __m256d ab_v4_tanh_rat_f64(__m256d x) {
    __m256d t = _mm256_mul_pd(x, x), P, Q;
    AB__TANH_PQ_F64(_mm256_fmadd_pd, _mm256_mul_pd, _mm256_set1_pd, t, P, Q);
    return _mm256_mul_pd(x, _mm256_div_pd(P, Q));
}

/* ---- portable ---------------------------------------------------------
 * tanh f32, clamped rational evaluated in double (the scalar kernel's
 * recipe, with the clamp as a bit select; NaN fails the test). */
AB_SCALAR_INLINE float ab_ptanh_f32(float x) {
    float y = ab_tanh_rat_f32in64(x);
    return ab_psel_f32(fabsf(x) >= ab_tanh_f32_rat.clamp, copysignf(1.0f, x), y);
}

#endif /* AB_KERNELS_TANH_RATIONAL_H */
