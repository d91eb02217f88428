/* exp_lut.h: a table-driven f32 exp for AVX-512F: 16-entry table of
 * 2^(j/16) read by vpermps (the whole table lives in one zmm register), a
 * degree-3 polynomial, two-constant (rr2) reduction.  Used by the fast
 * sigmoid and tanh kernels (impls/sigmoid_fast_simd.c, tanh_fast_simd.c).
 *
 * e^t = 2^floor(n/16) T[n mod 16] e^r,  n = round(16 t/ln2),
 *       r = t - (n/16) ln2,  |r| <= ln2/32 (+ rounding).
 *  - kq = n/16 comes from the shifter trick with shift = 1.5 * 2^19: in
 *    m = t invln2 + shift (one FMA) the ulp of m is 2^-4, so m - shift is
 *    t/ln2 rounded to a multiple of 1/16 (|t/ln2| < 2^18), and the bits
 *    of m are bits(shift) + n = 0x49400000 + n: their low 4 bits are
 *    n mod 16 (0x49400000 is a multiple of 16), which is exactly the
 *    index vpermps reads from each lane (it ignores the upper bits).
 *  - r = (t - kq ln2hi) - kq ln2lo as two FMAs: ln2hi has 12 significant
 *    bits and kq = n/16 at most 12 (|n| <= 2401 for |t| <= 104), so
 *    kq ln2hi is exact and t - kq ln2hi is exact (Sterbenz-like: both
 *    within a factor 2 of each other once kq != 0, and the difference is
 *    a multiple of ulp(t) below 2^-5).  ln2lo's own rounding (2^-24
 *    relative to 2^-15) leaves |kq| 2^-39 ~ 2^-32 of error in r at |t| =
 *    104: negligible.
 *  - e^r ~= 1 + r (1 + r (c2 + c3 r)) (rel err 2^-29.2 with the f32
 *    coefficients); T (1 + r q) = T + (T r) q: the products T r and the
 *    Horner steps are independent, so the chain after r is 3 FMAs.
 *  - the caller scales by 2^floor(kq) with vscalefps (which floors its
 *    second operand): results in the subnormals are rounded once, and
 *    kq = -inf or huge cannot reach here (the callers clamp t).
 * T[j] = RN(2^(j/16)) (relative error <= 2^-24): with the last FMA's
 * rounding this is the main error of p (about 1 ulp of e in the worst
 * case, measured by the callers' sweeps). */
#ifndef AB_KERNELS_EXP_LUT_H
#define AB_KERNELS_EXP_LUT_H

#include "batch.h"

/* python3 scripts/fit/fit_exp_lut.py --table 16 --degree 3
   e^r ~= 1 + r (c1 + ... + c3 r^2) on |r| <= ln2/32 (+0.1%): max rel err 2^-29.24 (f32 coefficients: 2^-29.17);
   |n| <= 2401 for |t| <= 104: ln2hi has 12 bits, kq ln2hi exact
   (c1 rounds to 1; invln2 = RN(1/ln2) and shift = 1.5 * 2^19 by hand) */
static const struct {
    float invln2, shift, ln2hi, ln2lo, c2, c3;
    float tab[16];
} __attribute__((aligned(64))) ab_exp_lut16_f32 = {
    .invln2 = 0x1.715476p0f,
    .shift = 0x1.8p19f,
    .ln2hi = 0x1.62ep-1f, .ln2lo = 0x1.0bfbe8p-15f,
    .c2 = 0x1.00022p-1f, .c3 = 0x1.555238p-3f,
    .tab = {
        0x1p+0f, 0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f,
        0x1.306fep+0f, 0x1.3dea64p+0f, 0x1.4bfdaep+0f, 0x1.5ab07ep+0f,
        0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
        0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f,
    },
};

/* python3 scripts/fit/fit_exp_lut.py --table 32 --degree 2 --free-c0
   e^r ~= c0 (1 + r (c1 + c2 r)) on |r| <= ln2/64 (+0.1%): max rel err 2^-24.17 (f32 coefficients: 2^-24.16);
   c0 = 1 + 4.3e-10 folded into the table (which rounds to the same floats as RN(2^(j/32)));
   the 32 entries are read by vpermt2ps from two zmm registers (lo = tab[0..15], hi = tab[16..31]).
   Used by impls/tanh_fast2_simd.c with its own one-constant reduction (no ln2hi/ln2lo here). */
static const struct {
    float c1, c2;
    float tab[32];
} __attribute__((aligned(64))) ab_exp_lut32_f32 = {
    .c1 = 0x1.0000f6p+0f, .c2 = 0x1.ffff0ap-2f,
    .tab = {
        0x1p+0f, 0x1.059b0ep+0f, 0x1.0b5586p+0f, 0x1.11301ep+0f,
        0x1.172b84p+0f, 0x1.1d4874p+0f, 0x1.2387a6p+0f, 0x1.29e9ep+0f,
        0x1.306fep+0f, 0x1.371a74p+0f, 0x1.3dea64p+0f, 0x1.44e086p+0f,
        0x1.4bfdaep+0f, 0x1.5342b6p+0f, 0x1.5ab07ep+0f, 0x1.6247ecp+0f,
        0x1.6a09e6p+0f, 0x1.71f75ep+0f, 0x1.7a1148p+0f, 0x1.82589ap+0f,
        0x1.8ace54p+0f, 0x1.93737cp+0f, 0x1.9c4918p+0f, 0x1.a5503cp+0f,
        0x1.ae89fap+0f, 0x1.b7f77p+0f, 0x1.c199bep+0f, 0x1.cb720ep+0f,
        0x1.d5818ep+0f, 0x1.dfc974p+0f, 0x1.ea4afap+0f, 0x1.f50766p+0f,
    },
};

/* p with e^t = p 2^floor(*kq), for |t| <= 104 (NaN t gives NaN p).
 * 8 vector ops: 5 FMA, 1 mul, 1 add, 1 vpermps. */
AB_AVX512_INLINE __m512 ab_v16_exp_lut16_p3_f32(__m512 t, __m512 *kq) {
    const __m512 shift = _mm512_set1_ps(ab_exp_lut16_f32.shift);
    __m512 m = _mm512_fmadd_ps(t, _mm512_set1_ps(ab_exp_lut16_f32.invln2), shift);
    __m512 k = _mm512_sub_ps(m, shift);
    __m512 T = _mm512_permutexvar_ps(_mm512_castps_si512(m), _mm512_loadu_ps(ab_exp_lut16_f32.tab));
    __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(ab_exp_lut16_f32.ln2hi), t);
    r = _mm512_fnmadd_ps(k, _mm512_set1_ps(ab_exp_lut16_f32.ln2lo), r);
    __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(ab_exp_lut16_f32.c3), r, _mm512_set1_ps(ab_exp_lut16_f32.c2));
    q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f));
    *kq = k;
    return _mm512_fmadd_ps(_mm512_mul_ps(T, r), q, T);
}

/* An unrolled batch driver: U vectors (16 U elements) per iteration, then
 * single vectors, then one masked vector for the tail (loaded as 0, never
 * stored).  Lane-wise kernels only, so every element gets the same bits
 * whatever n is; x == y works (each block is loaded before it is stored). */
#define AB_V16_BATCH_UNROLL_F32(name, tgt, kernel, U)                              \
    __attribute__((target(tgt))) static void name(const float *x, float *y, size_t n) { \
        size_t i = 0;                                                                 \
        for (; i + 16 * (U) <= n; i += 16 * (U)) {                                    \
            __m512 v_[U];                                                             \
            for (int u_ = 0; u_ < (U); u_++) v_[u_] = kernel(_mm512_loadu_ps(x + i + 16 * u_)); \
            for (int u_ = 0; u_ < (U); u_++) _mm512_storeu_ps(y + i + 16 * u_, v_[u_]); \
        }                                                                             \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
        if (i < n) {                                                                  \
            __mmask16 m_ = (__mmask16)((1u << (n - i)) - 1u);                         \
            _mm512_mask_storeu_ps(y + i, m_, kernel(_mm512_maskz_loadu_ps(m_, x + i))); \
        }                                                                             \
    }

#endif /* AB_KERNELS_EXP_LUT_H */
