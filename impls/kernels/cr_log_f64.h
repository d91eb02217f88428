/* cr_log_f64.h: the binary64 log core with a PROVEN error bound for the
 * cr-* kernels of impls/cr_log_simd.c (softplus, log_sigmoid, log1p).
 *
 * cr_v8_log(s, d) ~ log(s + d) for s > 0 a normal double and |d| <= 2^-52 s
 * (d: the rounding error of the sum that made s, exact by TwoSum).
 *   s = 2^m mant, mant in [0.75, 1.5) (vgetmantpd, m from vgetexppd plus
 * one where mant < 1), so m = 0 for s in [0.75, 1.5): values near 1 are
 * never split into m ln2 and a cancelling log(mant).  k = round(16 mant)
 * - 16 in [-4, 8] (one FMA with a 1.5 2^52 - 12 shift: the low 4 bits of
 * the result are k + 4, the table index), c = 1 + k/16, inv = RN(1/c),
 * r = RN(mant inv - 1) + RN(d 2^-m) inv (FMAs): with L = -log(inv) exactly,
 *   log(s + d) = m ln2 + L + log1p((mant + d 2^-m) inv - 1),
 * r in [-1/26, 1/24] (+-2^-40), the interval proved by
 * scripts/fit/fit_cr_log.py: p(r) = r + r^2 (c2 + ... + c8 r^6) has
 * |p/log1p - 1| <= eps_p = 2^-46.8.  k = 0: inv = 1, L = 0, r is mant - 1
 * exactly plus d 2^-m (one rounding): log(s + d) = p(r) alone.
 *   Error (u = 2^-53): r's two roundings (<= 2u |r|) move log1p by <=
 * 2.1u |r|; in p = RN(r + RN(r^2) q) the Horner errors of q and the
 * rounding of r^2 are scaled by |r q| <= 1/23: with p's own rounding,
 * |p - log1p(r_exact)| <= (eps_p + 4.2u) |p|.  hi = RN(m ln2 + L) (one
 * FMA: u |hi|, exact when m = 0), plus |m| |ln2 - RN(ln2)| <= |m| 2^-54.3
 * and |L - RN(L)| <= 2^-55; y = RN(hi + p): u |y|.  Relative to |log s|:
 *   m = 0, k = 0: hi = 0, y = p: eps_p + 4.2u.
 *   m = 0, k != 0: mant outside [31/32, 33/32), |log s| >= 0.0307 and
 * |p| <= 0.041: (2^-55 + 0.041 (eps_p + 4.2u))/0.0307 + u <= 2^-46.2.
 *   |m| = 1: |log s| >= ln2 - log 1.5 = 0.287, |hi| <= 1.1 <= 3.9 |log s|:
 * 3.9u + (2^-54.3 + 2^-55)/0.287 + 0.15 (eps_p + 4.2u) + u <= 2^-48.9;
 * |m| >= 2: |log s| >= 2 ln2 - 0.406, smaller still.
 * So |y/log(s + d) - 1| <= 2^-46.2 =: eps_log for s + d and s normal
 * doubles (s in [2^-1022, 2^1023]).  Special s (0, inf, NaN) are the
 * callers'. */
#ifndef AB_KERNELS_CR_LOG_F64_H
#define AB_KERNELS_CR_LOG_F64_H
#include "batch.h"

/* python3 scripts/fit/fit_cr_log.py (p8, inv and L for k = -4..8, ln2). */
static const struct {
    double c[7]; /* c2..c8 */
    double inv[16], L[16];
    double ln2, shift;
} ab_cr_log = {
    .c = {-0x1.0000000000e1ep-1, 0x1.55555556b89a3p-2, -0x1.ffffffac5857dp-3, 0x1.9999706c9b086p-3,
          -0x1.55572a48585bep-3, 0x1.2541dcd670dcap-3, -0x1.fac509afa30b6p-4},
    .inv = {0x1.5555555555555p+0, 0x1.3b13b13b13b14p+0, 0x1.2492492492492p+0, 0x1.1111111111111p+0,
            0x1.0000000000000p+0, 0x1.e1e1e1e1e1e1ep-1, 0x1.c71c71c71c71cp-1, 0x1.af286bca1af28p-1,
            0x1.999999999999ap-1, 0x1.8618618618618p-1, 0x1.745d1745d1746p-1, 0x1.642c8590b2164p-1,
            0x1.5555555555555p-1, 1, 1, 1},
    .L = {-0x1.269621134db91p-2, -0x1.a93ed3c8ad9e5p-3, -0x1.1178e8227e47ap-3, -0x1.08598b59e3a06p-4,
          0x0.0p+0, 0x1.f0a30c01162a8p-5, 0x1.e27076e2af2eap-4, 0x1.5ff3070a793d6p-3,
          0x1.c8ff7c79a9a20p-3, 0x1.1675cababa60fp-2, 0x1.4618bc21c5ec2p-2, 0x1.739d7f6bbd007p-2,
          0x1.9f323ecbf984dp-2, 0, 0, 0},
    .ln2 = 0x1.62e42fefa39efp-1,
    .shift = 0x1.8p+52 - 12,
};

/* The table step and the polynomial: from mant in [0.75, 1.5) and ds =
 * d 2^-m, returns p ~ log1p(r) and *L = -log(inv) (see the top). */
AB_AVX512_INLINE __m512d cr_v8_log_mant(__m512d mant, __m512d ds, __m512d *L) {
    __m512i zi = _mm512_castpd_si512(_mm512_fmadd_pd(mant, _mm512_set1_pd(16.0), _mm512_set1_pd(ab_cr_log.shift)));
    __m512d inv = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_log.inv), zi, _mm512_loadu_pd(ab_cr_log.inv + 8));
    *L = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_log.L), zi, _mm512_loadu_pd(ab_cr_log.L + 8));
    __m512d r = _mm512_fmsub_pd(mant, inv, _mm512_set1_pd(1.0));
    r = _mm512_fmadd_pd(ds, inv, r);
    __m512d q = _mm512_set1_pd(ab_cr_log.c[6]);
    _Pragma("GCC unroll 8")
    for (int i = 5; i >= 0; i--) q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(ab_cr_log.c[i]));
    return _mm512_fmadd_pd(_mm512_mul_pd(r, r), q, r);
}

AB_AVX512_INLINE __m512d cr_v8_log(__m512d s, __m512d d) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d mant = _mm512_getmant_pd(s, _MM_MANT_NORM_p75_1p5, _MM_MANT_SIGN_src);
    __m512d m = _mm512_getexp_pd(s);
    m = _mm512_mask_add_pd(m, _mm512_cmp_pd_mask(mant, one, _CMP_LT_OQ), m, one);
    __m512d L, p = cr_v8_log_mant(mant, _mm512_scalef_pd(d, _mm512_sub_pd(_mm512_setzero_pd(), m)), &L);
    return _mm512_add_pd(_mm512_fmadd_pd(m, _mm512_set1_pd(ab_cr_log.ln2), L), p);
}

/* cr_v8_log for s in [1, 2] (softplus: s = RN(1 + E), 0 < E <= 1), with
 * the very same values in 4 ops fewer: there getmant/getexp give m = 0,
 * mant = s for s < 1.5 and m = 1, mant = s/2 for s >= 1.5 (s = 2: getexp
 * 1, mant 1), so one compare decides m; mant and d 2^-m are exact masked
 * halvings (|d| >= 2^-225 when nonzero: no underflow, as in scalef), and
 * RN(m ln2 + L) is L (m = 0: fma(0, ln2, L) = L, signs included) or
 * RN(L + ln2) (m = 1), one masked add.  The rest is cr_v8_log's code, so
 * its bound eps_log holds as proved above.  NaN s: not >= 1.5, mant = s
 * and the NaN (with s's payload, as getmant/getexp keep it) propagates. */
AB_AVX512_INLINE __m512d cr_v8_log12(__m512d s, __m512d d) {
    const __m512d half = _mm512_set1_pd(0.5);
    __mmask8 hi2 = _mm512_cmp_pd_mask(s, _mm512_set1_pd(1.5), _CMP_GE_OQ);
    __m512d mant = _mm512_mask_mul_pd(s, hi2, s, half);
    __m512d L, p = cr_v8_log_mant(mant, _mm512_mask_mul_pd(d, hi2, d, half), &L);
    return _mm512_add_pd(_mm512_mask_add_pd(L, hi2, L, _mm512_set1_pd(ab_cr_log.ln2)), p);
}

#endif /* AB_KERNELS_CR_LOG_F64_H */
