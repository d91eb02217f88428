/* exp_poly.h: the minimax polynomials for e^r on the reduced interval
 * |r| <= ln2/2 (+2^-10 to cover the rounding of n; exp_reduction.h), in
 * the form p(r) = 1 + r + r^2 q(r).  Keeping 1 + r exact makes the final
 * addition 1 + (r + r^2 q) the dominant rounding (~0.5 ulp), and r + r^2 q
 * alone is e^r - 1 with r's full relative accuracy (the expm1 kernels).
 * Symmetric |r| <= ln2/2 is the smallest interval a one-step reduction
 * gives, which keeps the degree low.
 *
 * Each polynomial is evaluated once per lane type here: a scalar function
 * (C17, no contraction: every * and + rounds) and a vector macro over the
 * FMA/MUL/SET intrinsics of the caller's width. */
#ifndef AB_KERNELS_EXP_POLY_H
#define AB_KERNELS_EXP_POLY_H

#include "bits.h"

/* sollya scripts/fit/exp_f32.sollya
   exp f32: degree 6, max rel err of p (vs exact e^r) = 2^-28.16 */
static const struct { float c2, c3, c4, c5, c6; } ab_exp_f32_p6 = {
    .c2 = 0x1.fffffap-2f,
    .c3 = 0x1.55549p-3f,
    .c4 = 0x1.555a22p-5f,
    .c5 = 0x1.123b08p-7f,
    .c6 = 0x1.695428p-10f,
};

/* sollya scripts/fit/exp_f32_p5.sollya (the same script with d = 5; backs
   the "fast" vector variants)
   exp f32: degree 5, max rel err of p (vs exact e^r) = 2^-23.16 */
static const struct { float c2, c3, c4, c5; } ab_exp_f32_p5 = {
    .c2 = 0x1.fffdf6p-2f,
    .c3 = 0x1.5557b2p-3f,
    .c4 = 0x1.572cc4p-5f,
    .c5 = 0x1.10635ep-7f,
};

/* sollya scripts/fit/exp_f64.sollya
   exp f64: degree 11, max rel err of p (vs exact e^r) = 2^-57.86 */
static const struct { double c2, c3, c4, c5, c6, c7, c8, c9, c10, c11; } ab_exp_f64_p11 = {
    .c2 = 0x1.000000000000ap-1,
    .c3 = 0x1.55555555554f9p-3,
    .c4 = 0x1.5555555550621p-5,
    .c5 = 0x1.1111111127d07p-7,
    .c6 = 0x1.6c16c184ac98bp-10,
    .c7 = 0x1.a01a012aadbb6p-13,
    .c8 = 0x1.a01998a90ca1cp-16,
    .c9 = 0x1.71df22e4fe9fap-19,
    .c10 = 0x1.28aebe8762c6p-22,
    .c11 = 0x1.ad85fc13b7c3bp-26,
};

/* sollya scripts/fit/gelu_erfc_f64.sollya (its second part, AB_GELU_EXP_C*):
   double coefficients of degree 6, enough for the gelu kernels whose result
   is a float (gelu_erf.h).  e^r: degree 6, max rel err = 2^-28.26 */
static const struct { double c2, c3, c4, c5, c6; } ab_exp_f64_p6 = {
    .c2 = 0x1.fffffb87f141bp-2,
    .c3 = 0x1.55548f33105c6p-3,
    .c4 = 0x1.5558fb844e9a2p-5,
    .c5 = 0x1.123b7f034929fp-7,
    .c6 = 0x1.6a218815ce83ap-10,
};

/* ---- scalar: e^r - 1 = r + r^2 q(r) ------------------------------------ */

AB_SCALAR_INLINE float ab_exp_f32_p6_em1(float r) {
    float q = ab_exp_f32_p6.c2 + r * (ab_exp_f32_p6.c3 + r * (ab_exp_f32_p6.c4 + r * (ab_exp_f32_p6.c5 + r * ab_exp_f32_p6.c6)));
    return r + (r * r) * q;
}

/* Estrin-ish split of the degree-9 tail for a shorter dependency chain */
AB_SCALAR_INLINE double ab_exp_f64_p11_em1(double r) {
    double r2 = r * r;
    double a = ab_exp_f64_p11.c2 + r * ab_exp_f64_p11.c3;
    double b = ab_exp_f64_p11.c4 + r * ab_exp_f64_p11.c5;
    double c = ab_exp_f64_p11.c6 + r * ab_exp_f64_p11.c7;
    double d = ab_exp_f64_p11.c8 + r * ab_exp_f64_p11.c9;
    double e = ab_exp_f64_p11.c10 + r * ab_exp_f64_p11.c11;
    double q = a + r2 * (b + r2 * (c + r2 * (d + r2 * e)));
    return r + r2 * q;
}

AB_SCALAR_INLINE double ab_exp_f64_p6_em1(double r) {
    double r2 = r * r;
    double q = (ab_exp_f64_p6.c2 + r * ab_exp_f64_p6.c3) +
               r2 * ((ab_exp_f64_p6.c4 + r * ab_exp_f64_p6.c5) + r2 * ab_exp_f64_p6.c6);
    return r + r2 * q;
}

/* ---- vector: q(r) (f32, Horner, deg 6 or 5), r + r^2 q (f64) ----------- */

#define AB__EXP_F32_POLY(MUL, ADD, FMA, SET, r, deg, q)                                 \
    do {                                                                                \
        if ((deg) == 6) {                                                               \
            q = FMA(SET(ab_exp_f32_p6.c6), r, SET(ab_exp_f32_p6.c5));                   \
            q = FMA(q, r, SET(ab_exp_f32_p6.c4));                                       \
            q = FMA(q, r, SET(ab_exp_f32_p6.c3));                                       \
            q = FMA(q, r, SET(ab_exp_f32_p6.c2));                                       \
        } else {                                                                        \
            q = FMA(SET(ab_exp_f32_p5.c5), r, SET(ab_exp_f32_p5.c4));                   \
            q = FMA(q, r, SET(ab_exp_f32_p5.c3));                                       \
            q = FMA(q, r, SET(ab_exp_f32_p5.c2));                                       \
        }                                                                               \
    } while (0)

/* degree 11 (Estrin-ish as the scalar form): out = r + r^2 q */
#define AB__EXP_F64_POLY(MUL, FMA, SET, r, out)                                         \
    do {                                                                                \
        __typeof__(r) r2_ = MUL(r, r);                                                  \
        __typeof__(r) a_ = FMA(r, SET(ab_exp_f64_p11.c3), SET(ab_exp_f64_p11.c2));      \
        __typeof__(r) b_ = FMA(r, SET(ab_exp_f64_p11.c5), SET(ab_exp_f64_p11.c4));      \
        __typeof__(r) c_ = FMA(r, SET(ab_exp_f64_p11.c7), SET(ab_exp_f64_p11.c6));      \
        __typeof__(r) d_ = FMA(r, SET(ab_exp_f64_p11.c9), SET(ab_exp_f64_p11.c8));      \
        __typeof__(r) e_ = FMA(r, SET(ab_exp_f64_p11.c11), SET(ab_exp_f64_p11.c10));    \
        out = FMA(r2_, FMA(r2_, FMA(r2_, FMA(r2_, e_, d_), c_), b_), a_);               \
        out = FMA(r2_, out, r);                                                         \
    } while (0)

/* degree 6 in double: out = r + r^2 q */
#define AB__EXP_F64_P6_POLY(MUL, FMA, SET, r, out)                                      \
    do {                                                                                \
        __typeof__(r) r2_ = MUL(r, r);                                                  \
        __typeof__(r) a_ = FMA(r, SET(ab_exp_f64_p6.c3), SET(ab_exp_f64_p6.c2));        \
        __typeof__(r) b_ = FMA(r, SET(ab_exp_f64_p6.c5), SET(ab_exp_f64_p6.c4));        \
        __typeof__(r) q_ = FMA(r2_, FMA(r2_, SET(ab_exp_f64_p6.c6), b_), a_);           \
        out = FMA(r2_, q_, r);                                                          \
    } while (0)

#endif /* AB_KERNELS_EXP_POLY_H */
