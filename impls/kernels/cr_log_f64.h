/* cr_log_f64.h: the binary64 log core with a PROVEN error bound for the
 * cr-* kernels of impls/cr_log_simd.c: cr_v8_log (log1p) and, further
 * down, cr_v8_log1p01 (log1p of E in [0, 1]: softplus, log_sigmoid).
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

/* ---- log1p(E) for E in [0, 1] (cr_v8_log1p01: softplus, log_sigmoid) ----
 * No 1 + E, no TwoSum, no getmant: k = round(15 E) in [0, 15] (one FMA
 * with the 1.5 2^52 shift: the low 4 bits of the result are k, the table
 * index), c = 1 + k/15, inv = RN(1/c), im1 = inv - 1 (exact, Sterbenz:
 * inv in [1/2, 1]), L = RN(-log(inv)) (scripts/fit/fit_cr_log.py prints
 * the three tables), and
 *   log1p(E) = -log(inv) + log1p(r*),  r* = (1 + E) inv - 1 = E inv + im1,
 * r = RN(E inv + im1) (one FMA: r* rounded once).  |E - k/15| <= 1/30
 * (+2^-50 if the FMA rounded 15 E across a half-integer), so |r*| <= 1/30
 * + 2^-49 < 1/26: inside the interval where p8's eps_p = 2^-46.8 is
 * proven.  p = RN(r + RN(r^2) q(r)) exactly as in cr_v8_log_mant:
 * |p - log1p(r*)| <= (eps_p + 4.2u) |log1p(r*)| (r has one rounding here,
 * cr_v8_log's bound allows two).  lg = RN(L + p).  Relative to log1p(E):
 *   k = 0 (E < 1/30 + 2^-50): inv = 1, im1 = 0, L = 0, r = E exactly, lg =
 * p: eps_p + 4.2u.
 *   k >= 1: E >= 1/30 - 2^-50, log1p(E) >= 0.0327; |log1p(r*)| <= 0.0340,
 * L* = -log(inv) <= log1p(E) + 0.0340 <= 2.04 log1p(E), |L - L*| <= u L*:
 *   2.04u + (0.0340/0.0327)(eps_p + 4.2u) + u <= 1.04 eps_p + 7.45u
 *   <= 2^-46.6 =: eps_l1.
 * E = 0 gives lg = 0, E NaN gives NaN (through r). */
/* python3 scripts/fit/fit_cr_log.py (inv15, im1_15, L15). */
static const struct {
    double inv[16], im1[16], L[16];
    double shift;
} ab_cr_log15 = {
    .inv = {0x1.0000000000000p+0, 0x1.e000000000000p-1, 0x1.c3c3c3c3c3c3cp-1, 0x1.aaaaaaaaaaaabp-1,
            0x1.9435e50d79436p-1, 0x1.8000000000000p-1, 0x1.6db6db6db6db7p-1, 0x1.5d1745d1745d1p-1,
            0x1.4de9bd37a6f4ep-1, 0x1.4000000000000p-1, 0x1.3333333333333p-1, 0x1.2762762762762p-1,
            0x1.1c71c71c71c72p-1, 0x1.1249249249249p-1, 0x1.08d3dcb08d3ddp-1, 0x1.0000000000000p-1},
    .im1 = {0x0.0p+0, -0x1.0000000000000p-4, -0x1.e1e1e1e1e1e20p-4, -0x1.5555555555554p-3,
            -0x1.af286bca1af28p-3, -0x1.0000000000000p-2, -0x1.2492492492492p-2, -0x1.45d1745d1745ep-2,
            -0x1.642c8590b2164p-2, -0x1.8000000000000p-2, -0x1.999999999999ap-2, -0x1.b13b13b13b13cp-2,
            -0x1.c71c71c71c71cp-2, -0x1.db6db6db6db6ep-2, -0x1.ee58469ee5846p-2, -0x1.0000000000000p-1},
    .L = {0x0.0p+0, 0x1.08598b59e3a07p-4, 0x1.005588ad375aep-3, 0x1.7565011e49675p-3,
          0x1.e41fccb76b0d7p-3, 0x1.269621134db92p-2, 0x1.588c2d913348fp-2, 0x1.882f1ef83ed45p-2,
          0x1.b5b3e24235e88p-2, 0x1.e148a1a2726cep-2, 0x1.058aefa811452p-1, 0x1.199fac68b4ab8p-1,
          0x1.2cf25fad8f1c3p-1, 0x1.3f91275240811p-1, 0x1.5188a4a02d7fep-1, 0x1.62e42fefa39efp-1},
    .shift = 0x1.8p+52,
};

AB_AVX512_INLINE __m512d cr_v8_log1p01(__m512d E) {
    __m512i zi = _mm512_castpd_si512(_mm512_fmadd_pd(E, _mm512_set1_pd(15.0), _mm512_set1_pd(ab_cr_log15.shift)));
    __m512d inv = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_log15.inv), zi, _mm512_loadu_pd(ab_cr_log15.inv + 8));
    __m512d im1 = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_log15.im1), zi, _mm512_loadu_pd(ab_cr_log15.im1 + 8));
    __m512d L = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_log15.L), zi, _mm512_loadu_pd(ab_cr_log15.L + 8));
    __m512d r = _mm512_fmadd_pd(E, inv, im1);
    __m512d q = _mm512_set1_pd(ab_cr_log.c[6]);
    _Pragma("GCC unroll 8")
    for (int i = 5; i >= 0; i--) q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(ab_cr_log.c[i]));
    return _mm512_add_pd(L, _mm512_fmadd_pd(_mm512_mul_pd(r, r), q, r));
}

#endif /* AB_KERNELS_CR_LOG_F64_H */
