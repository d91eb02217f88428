/* cr_f64.h: binary64 vector cores with PROVEN error bounds, and the test
 * that decides when their result rounds correctly to f32
 * (impls/cr_simd.c's cr-* variants).
 *
 * ---- The rounding test (cr_v8_unsafe) --------------------------------
 * A kernel evaluates f(x) in binary64 as y with |y - f| <= eps |f| (eps
 * per function, proven beside it; eps <= 2^-44 everywhere here).  With
 * 2^e <= |y| < 2^(e+1), one double ulp of y is 2^(e-52), so f lies
 * within eps |y| / (1 - eps) < eps 2^53 (1 + 2^-40) ulps of y: at most
 * 2^9 + 1 ulps for eps = 2^-44.  Inside y's binade the f32 rounding
 * boundaries are the midpoints between floats, where the low 29 bits L
 * of y's significand (52 - 23) equal 2^28.  If |L - 2^28| > K, with K at
 * least that margin, no boundary lies between y and f (nor on f), and
 * (float)y (vcvtpd2ps: round to nearest even) is the correctly rounded
 * f(x).  Across binade edges nothing changes: the f32 grid points at
 * powers of two are not boundaries (L = 0 or 2^29 - 1 there, far from
 * 2^28), and a y within 2^-44 of 2^k rounds to 2^k from either side, as
 * does f.  The overflow threshold 2^128 - 2^103 is the midpoint above
 * FLT_MAX (L = 2^28 in the binade [2^127, 2^128)): caught by the same
 * test; y >= 2^128 gives inf, as f >= 2^128 (1 - 2^-44) does.
 *   Below 2^-126 (f32 subnormals, step 2^-149) the test runs on
 * a2 = |y| + 2^-126, whose binade [2^-126, 2^-125) has f32 step 2^-149
 * too: its boundaries are a2's midpoints, L = 2^28 again.  The addition
 * rounds by at most 2^-179 = 1/2 ulp of a2, and eps |y| <= 2^-170 is at
 * most 2^8 ulps of a2 (2^-178): within the same K.  A y that is 0 or
 * below 2^-160 gives L < 2^19 (rounds to +-0, as f then does).
 *   K = 2^10 for eps <= 2^-44 (margin 2^9 + 1, doubled): the test flags
 * a fraction ~ 2K / 2^29 = 2^-18 of uniformly placed results.  NaN:
 * every comparison is false and a NaN's low 29 bits, coming from an f32
 * NaN widened (its payload is in the top 23 bits), are 0: not flagged,
 * and vcvtpd2ps gives a NaN.
 *
 * ---- exp core (cr_v8_exp_parts) --------------------------------------
 * For |t| <= 2^12 (callers clamp t to [-120, 120]): k = nearest integer to
 * RN(16/ln2) t, by the 1.5 2^52 shift inside one FMA (t 16/ln2 is formed
 * exactly in the FMA; RN(16/ln2) is off by < 2^-49 relative, so
 * |t 16/ln2 - k| <= 1/2 + 2^-40 for |t| <= 2^12): r* = t - k ln2/16 has
 * |r*| <= R = 0.0216609 (the fit's interval).
 *   r = RN(t - k H), H = RN(ln2/16), |H - ln2/16| = 2^-59.26 (the fit
 * script prints lo = ln2/16 - H): one rounding <= 2^-59 (|r| < 2^-5) and
 * |k| |H - ln2/16| <= 2771 2^-59.26 = 2^-47.8 for |t| <= 120, so
 * |r - r*| <= 2^-47.75 =: dr (|k| 2^-59.26 + 2^-59 in general).
 *   e^t = 2^(k/16) e^(r*), 2^(k/16) = 2^m T[j] (k = 16 m + j), T[j] =
 * RN(2^(j/16)): S = 2^m T[j] exactly (one integer add of k << 48 to a table
 * entry holding T[j]'s bits minus j << 48, so m lands in the exponent field:
 * S is a normal double for t in [-120, 120]), relative error tau <= 2^-53.
 *   q(r) ~ (e^r - 1)/r, degree N = 4 or 5 (scripts/fit/fit_cr_f64.py PROVES
 * |q/Q - 1| <= eps_q: 2^-39.99 for N = 4, 2^-50.09 for N = 5, interval
 * arithmetic over [-R, R]).  Horner with FMAs: |q| in [0.989, 1.011], the
 * last step rounds 1 + r(...) once (2^-53 relative), earlier ones are
 * scaled by |r| < 2^-5.5: q's evaluation error eh <= 1.02 2^-53.
 * rq = RN(r q): relative error eta <= eps_q + eh + 2^-53 (+ dr/|r|, folded
 * into dr below), |r q| <= 0.0219.
 *   exp: y = RN(S + S rq) = S (1 + rq)(1 + d2).  Relative to e^t:
 *     tau + d2 + |rq|/(1 + rq) eta + 1.02 dr
 *     <= 2^-53 + 2^-53 + 0.0224 (eps_q + 2^-51.9) + 1.02 2^-47.75
 *     N = 4: <= 2^-45.05 =: eps_exp4 (|t| <= 120);
 *     N = 5: eta <= 2^-50.09 + 2.02 2^-53 = 2^-49.76, so
 *        <= 2^-52 + 0.0224 2^-49.76 + 1.02 2^-47.75 <= 2^-47.6 =: eps_exp5.
 *   expm1: y = RN(S rq + RN(S - 1)).  k = 0: S = 1, S - 1 = 0, y = RN(rq)
 * (relative 2^-53 + eta).  k != 0: |t| >= 0.02166, |e^t - 1| >= 0.0214, and
 * the ratios |S - 1| / |e^t - 1| <= 2.03 and S / |e^t - 1| <= 48 (k = +-1
 * worst; checked at r = -+R), and |k| S / |e^t - 1| <= 2^11.5 for |t| <=
 * 120 (k > 0: ratio -> 1, k <= 2055; k < 0: at most 23), so the relative
 * error is at most
 *     48 tau + 48 2^-59 + 2^11.5 2^-59.26 + 1.08 eta + 2.03 2^-53 + 2^-53
 *     N = 5: <= 2^-47.4 + 2^-53.4 + 2^-47.8 + 2^-49.6 + 2^-51.4 + 2^-53
 *     <= 2^-46.1 =: eps_em5;
 *     N = 4 (elu): eta <= 2^-39.99 + 2.02 2^-53 <= 2^-39.98; k = 0: 2^-53 +
 *     eta; k != 0: 1.08 eta = 2^-39.87 plus the other terms above (<=
 *     2^-46.5): <= 2^-39.85 <= 2^-39.8 =: eps_em4 (K = 2^14, CR_K14).
 * (-0 gives +0 here; the callers that need expm1(-0) = -0 blend x back.) */
#ifndef AB_KERNELS_CR_F64_H
#define AB_KERNELS_CR_F64_H
#include "../../api/actbench.h"
#include "batch.h"

/* python3 scripts/fit/fit_cr_f64.py (coefficients, table, constants). */
static const struct {
    double q4[5], q5[6];
    double T[16];
    double inv, hi, lo, shift;
} ab_cr_f64 = {
    .q4 = {0x1p+0, 0x1p-1, 0x1.5555555945c90p-3, 0x1.55568774f464cp-5, 0x1.110f4a4dba448p-7},
    .q5 = {0x1p+0, 0x1p-1, 0x1.55555554ad3f5p-3, 0x1.5555555576f57p-5, 0x1.111228f333fffp-7,
           0x1.6c174d5b14bafp-10},
    /* T[j] = RN(2^(j/16)) with j subtracted from its bits 48..51 (integer
     * subtraction; see cr_v8_exp_parts_s) */
    .T = {0x1.0000000000000p+0, 0x1.fb5586cf9890fp-1, 0x1.f72b83c7d517bp-1, 0x1.f387a6e756238p-1,
          0x1.f06fe0a31b715p-1, 0x1.edea64c123422p-1, 0x1.ebfdad5362a27p-1, 0x1.eab07dd485429p-1,
          0x1.ea09e667f3bcdp-1, 0x1.ea11473eb0187p-1, 0x1.eace5422aa0dbp-1, 0x1.ec49182a3f090p-1,
          0x1.ee89f995ad3adp-1, 0x1.f199bdd85529cp-1, 0x1.f5818dcfba487p-1, 0x1.fa4afa2a490dap-1},
    .inv = 0x1.71547652b82fep+4,   /* RN(16/ln2) */
    .hi = 0x1.62e42fefa39efp-5,    /* RN(ln2/16) */
    .lo = 0x1.abc9e3b39803fp-60,   /* RN(ln2/16 - hi) */
    .shift = 0x1.8p+52,
};

/* S = 2^(k/16) (as 2^m T[j]) and rq = RN(r q(r)), so e^t ~ S (1 + rq);
 * with neg, the same for e^-t (the signs fold into the FMAs and into q's
 * odd coefficients: exact); t must lie in [-120, 120] (or be NaN, which
 * propagates through r). */
AB_AVX512_INLINE void cr_v8_exp_parts_s(__m512d t, const int deg, const int neg, __m512d *S, __m512d *rq) {
    const __m512d shift = _mm512_set1_pd(ab_cr_f64.shift);
    __m512d z = neg ? _mm512_fnmadd_pd(t, _mm512_set1_pd(ab_cr_f64.inv), shift)
                    : _mm512_fmadd_pd(t, _mm512_set1_pd(ab_cr_f64.inv), shift);
    __m512d kd = _mm512_sub_pd(z, shift);
    /* r = t - k H (neg: rn = t + k H = -r, for e^-t = 2^(k/16) e^-rn) */
    __m512d r = neg ? _mm512_fmadd_pd(kd, _mm512_set1_pd(ab_cr_f64.hi), t)
                    : _mm512_fnmadd_pd(kd, _mm512_set1_pd(ab_cr_f64.hi), t);
    __m512i zi = _mm512_castpd_si512(z); /* low bits: k + 2^51; vpermt2pd reads bits 0..3 = j */
    __m512d T = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_f64.T), zi, _mm512_loadu_pd(ab_cr_f64.T + 8));
    /* + (k << 48) mod 2^64 = (m << 52) + (j << 48): the table entry already
     * has j << 48 taken off, so the sum is the bits of 2^m RN(2^(j/16)) */
    *S = _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(T), _mm512_slli_epi64(zi, 48)));
    const double *c = deg == 4 ? ab_cr_f64.q4 : ab_cr_f64.q5;
    __m512d q = _mm512_set1_pd(neg && (deg & 1) ? -c[deg] : c[deg]);
    _Pragma("GCC unroll 8") /* gcc -O2 keeps it rolled otherwise */
    for (int i = deg - 1; i >= 0; i--)
        q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(neg && (i & 1) ? -c[i] : c[i]));
    *rq = _mm512_mul_pd(r, q); /* neg: -RN(r q(r)) */
}
AB_AVX512_INLINE void cr_v8_exp_parts(__m512d t, const int deg, __m512d *S, __m512d *rq) {
    cr_v8_exp_parts_s(t, deg, 0, S, rq);
}
/* e^-t */
AB_AVX512_INLINE __m512d cr_v8_exp_neg(__m512d t, const int deg) {
    __m512d S, rq;
    cr_v8_exp_parts_s(t, deg, 1, &S, &rq);
    return _mm512_fnmadd_pd(S, rq, S);
}

AB_AVX512_INLINE __m512d cr_v8_exp(__m512d t, const int deg) {
    __m512d S, rq;
    cr_v8_exp_parts(t, deg, &S, &rq);
    return _mm512_fmadd_pd(S, rq, S);
}
AB_AVX512_INLINE __m512d cr_v8_expm1(__m512d t, const int deg) {
    __m512d S, rq;
    cr_v8_exp_parts(t, deg, &S, &rq);
    return _mm512_fmadd_pd(S, rq, _mm512_sub_pd(S, _mm512_set1_pd(1.0)));
}

/* ---- exp core, regrouped (cr_v8_exp2*: impls/cr_simd.c's exp, expm1,
 * sigmoid, tanh, elu and impls/cr_log_simd.c's softplus, log_sigmoid) ----
 * The k, r, S and q of cr_v8_exp_parts_s (the same ops), with the last
 * product grouped as S + RN(S r) q: Sr = RN(S r) runs beside q's Horner,
 * so the chain is one op shorter (a mul before the final FMA).  y = RN(S +
 * Sr q) = S (1 + r q (1 + d1)) (1 + d2), |d1| <= 2^-53: the rounding that
 * RN(r q) had is now d1, so r q's relative error is the same eta, and
 * eps_exp4, eps_exp5 and eps_em5 above hold as proved (expm1: y = RN(Sr q
 * + RN(S - 1)), the same terms; neg: Sr = S rn = -S r exactly, y = RN(S -
 * Sr q(-rn))).  t in [-120, 120] or NaN (it propagates through r, Sr).
 *   For 0 < |t| < 2^-60: k = 0, S = 1, r = t, q = RN(1 + O(2^-61)) = 1 (its
 * last Horner step), Sr = t and expm1's y = RN(t - 0) = t EXACTLY (used
 * by CR_NOTINY below). */
typedef struct { __m512d r, S; } cr_v8_rs;
/* min(c, max(-c, x)) and min(c, |x|): NaN x gives x's NaN (vmaxpd and
 * vminpd return their second operand on a NaN; AVX512DQ's one-op vrangepd
 * would turn a quiet NaN into +-c). */
AB_AVX512_INLINE __m512d cr_v8_clamp(__m512d x, const double c) {
    return _mm512_min_pd(_mm512_set1_pd(c), _mm512_max_pd(_mm512_set1_pd(-c), x));
}
AB_AVX512_INLINE __m512d cr_v8_absmin(__m512d x, const double c) {
    return _mm512_min_pd(_mm512_set1_pd(c), _mm512_abs_pd(x));
}
/* The reduction: r and S (neg: for e^-t, r = rn = -(-t's r)). */
AB_AVX512_INLINE cr_v8_rs cr_v8_exp2_red_s(__m512d t, const int neg) {
    const __m512d shift = _mm512_set1_pd(ab_cr_f64.shift);
    __m512d z = neg ? _mm512_fnmadd_pd(t, _mm512_set1_pd(ab_cr_f64.inv), shift)
                    : _mm512_fmadd_pd(t, _mm512_set1_pd(ab_cr_f64.inv), shift);
    __m512d kd = _mm512_sub_pd(z, shift);
    cr_v8_rs o;
    o.r = neg ? _mm512_fmadd_pd(kd, _mm512_set1_pd(ab_cr_f64.hi), t)
              : _mm512_fnmadd_pd(kd, _mm512_set1_pd(ab_cr_f64.hi), t);
    __m512i zi = _mm512_castpd_si512(z);
    __m512d T = _mm512_permutex2var_pd(_mm512_loadu_pd(ab_cr_f64.T), zi, _mm512_loadu_pd(ab_cr_f64.T + 8));
    o.S = _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(T), _mm512_slli_epi64(zi, 48)));
    return o;
}
/* q(r) (neg: q(-rn), the odd coefficients negated: exact). */
AB_AVX512_INLINE __m512d cr_v8_exp2_q(__m512d r, const int deg, const int neg) {
    const double *c = deg == 4 ? ab_cr_f64.q4 : ab_cr_f64.q5;
    __m512d q = _mm512_set1_pd(neg && (deg & 1) ? -c[deg] : c[deg]);
    _Pragma("GCC unroll 8")
    for (int i = deg - 1; i >= 0; i--)
        q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(neg && (i & 1) ? -c[i] : c[i]));
    return q;
}
/* e^t from the reduction (a separate stage for AB_CR_BATCH2) */
AB_AVX512_INLINE __m512d cr_v8_exp2_fin(cr_v8_rs o, const int deg) {
    return _mm512_fmadd_pd(_mm512_mul_pd(o.S, o.r), cr_v8_exp2_q(o.r, deg, 0), o.S);
}
AB_AVX512_INLINE __m512d cr_v8_exp2(__m512d t, const int deg) {
    return cr_v8_exp2_fin(cr_v8_exp2_red_s(t, 0), deg);
}
/* e^-t (o from cr_v8_exp2_red_s(t, 1)) */
AB_AVX512_INLINE __m512d cr_v8_exp2_neg_fin(cr_v8_rs o, const int deg) {
    return _mm512_fnmadd_pd(_mm512_mul_pd(o.S, o.r), cr_v8_exp2_q(o.r, deg, 1), o.S);
}
AB_AVX512_INLINE __m512d cr_v8_exp2_neg(__m512d t, const int deg) {
    return cr_v8_exp2_neg_fin(cr_v8_exp2_red_s(t, 1), deg);
}
/* expm1 as RN(Sr q - RN(1 - S)): RN(1 - S) = -RN(S - 1), so the same value
 * as RN(Sr q + RN(S - 1)) but for the sign of a zero: t = -0 gives Sr = -0,
 * 1 - S = +0 and y = -0 - +0 = -0 = expm1(-0) (t = +0: +0). */
AB_AVX512_INLINE __m512d cr_v8_expm1_2_fin(cr_v8_rs o, const int deg) {
    return _mm512_fmsub_pd(_mm512_mul_pd(o.S, o.r), cr_v8_exp2_q(o.r, deg, 0),
                           _mm512_sub_pd(_mm512_set1_pd(1.0), o.S));
}
AB_AVX512_INLINE __m512d cr_v8_expm1_2(__m512d t, const int deg) {
    return cr_v8_expm1_2_fin(cr_v8_exp2_red_s(t, 0), deg);
}

/* The pos argument of the tests and batches: CR_ANY, or CR_POS (y is
 * known >= 0 or NaN: skips the abs), or CR_NOTINY (y of either sign, and
 * the caller has proven that every |y| < 2^-126 is an f32 value that is
 * f's correct rounding: cr_v8_maybe skips its tiny-lane compares; such a
 * y has L = 0 (an f32 widened), which cr_v8_unsafe flags neither). */
#define CR_ANY 0
#define CR_POS 1
#define CR_NOTINY 2
/* CR_POSX: as CR_POS, and the batch loop runs the exact test itself on
 * every vector (cr_v8_ok, cr_v8_maybe below) instead of the 3-op screen:
 * 2 ops more per 8 lanes, but no branch on tiny lanes, for kernels whose
 * tiny results are common (gaussian: |x| > 9.35, 7% of [-10, 10]), where
 * that branch is taken unpredictably. */
#define CR_POSX 3

/* Lanes where (float)y may not be f's correct rounding (see the top):
 * K in ulps of y; pos: CR_ANY, CR_POS or CR_NOTINY (above). */
AB_AVX512_INLINE __mmask8 cr_v8_unsafe(__m512d y, const long long K, const int pos) {
    __m512d a = pos == CR_POS || pos == CR_POSX ? y : _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(y),
                                                              _mm512_set1_epi64(0x7fffffffffffffffll)));
    const __m512d tiny = _mm512_set1_pd(0x1p-126);
    a = _mm512_mask_add_pd(a, _mm512_cmp_pd_mask(a, tiny, _CMP_LT_OQ), a, tiny);
    __m512i L = _mm512_and_si512(_mm512_castpd_si512(a), _mm512_set1_epi64((1ll << 29) - 1));
    return _mm512_cmplt_epu64_mask(_mm512_sub_epi64(L, _mm512_set1_epi64((1ll << 28) - K)),
                                   _mm512_set1_epi64(2 * K + 1));
}

/* A cheap superset of cr_v8_unsafe's lanes, for the vector loop: 3 ops
 * (paddq, vptestnmq, one compare; two compares when y may be negative)
 * instead of 5 to 6.  Window: with W = 2K, (bits(y) + 2^28 + W) mod 2^29
 * < 2W exactly when L = (low 29 bits of y) lies in [2^28 - W, 2^28 + W):
 * the carry out of bit 28 lands in the exponent, outside the tested bits
 * 2W..28 (vptestnmq), and the sign bit is not tested either, so |y| is not
 * needed.  That interval holds [2^28 - K, 2^28 + K], cr_v8_unsafe's window
 * (K a power of two).  Tiny: every |y| < 2^-126 (where cr_v8_unsafe tests
 * |y| + 2^-126 instead) is taken as well.  So every lane cr_v8_unsafe
 * flags is flagged here (about twice as many others, 2^-17 of uniformly
 * placed results, plus the tiny ones, except under CR_NOTINY where
 * cr_v8_unsafe flags no tiny lane either); the batch runs cr_v8_unsafe on the
 * vectors with a lane flagged here, so the lanes sent to the slow path are
 * exactly cr_v8_unsafe's.  NaN: L = 0, compares false: not flagged. */
AB_AVX512_INLINE __mmask8 cr_v8_maybe(__m512d y, const long long K, const int pos) {
    __m512i t = _mm512_add_epi64(_mm512_castpd_si512(y), _mm512_set1_epi64((1ll << 28) + 2 * K));
    if (pos == CR_POSX) return cr_v8_unsafe(y, K, pos);
    __mmask8 w = _mm512_testn_epi64_mask(t, _mm512_set1_epi64((1ll << 29) - 4 * K));
    if (pos == CR_NOTINY) return w;
    __mmask8 lt = _mm512_cmp_pd_mask(y, _mm512_set1_pd(0x1p-126), _CMP_LT_OQ);
    return w | (pos == CR_POS ? lt : _mm512_mask_cmp_pd_mask(lt, y, _mm512_set1_pd(-0x1p-126), _CMP_GT_OQ));
}

/* The complement of cr_v8_maybe within k: the lanes of k that need no
 * exact test, in 2 to 3 masked ops (vptestmq, a vcmppd NLT_UQ on y or
 * |y|: NaN is "not tiny", as in cr_v8_maybe).  Chained through k over the
 * vectors of an iteration, the batch reads one mask for all of them
 * instead of moving and OR-ing one or two masks per vector. */
AB_AVX512_INLINE __mmask8 cr_v8_ok(__m512d y, const long long K, const int pos, __mmask8 k) {
    if (pos == CR_POSX) return (__mmask8)(k & ~cr_v8_unsafe(y, K, pos));
    __m512i t = _mm512_add_epi64(_mm512_castpd_si512(y), _mm512_set1_epi64((1ll << 28) + 2 * K));
    k = _mm512_mask_test_epi64_mask(k, t, _mm512_set1_epi64((1ll << 29) - 4 * K));
    if (pos == CR_NOTINY) return k;
    __m512d a = pos == CR_POS ? y : _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(y),
                                                                       _mm512_set1_epi64(0x7fffffffffffffffll)));
    return _mm512_mask_cmp_pd_mask(k, a, _mm512_set1_pd(0x1p-126), _CMP_NLT_UQ);
}

/* The batch: chunks of up to 512 floats, 8 at a time (widened by
 * vcvtps2pd from memory, narrowed by vcvtpd2ps into it; four vectors per
 * iteration, then 8 at a time with a masked tail).  cr_v8_maybe screens
 * each vector; when one of the four has a lane screened (rare), the exact
 * test cr_v8_unsafe runs on the screened vectors, and a vector with
 * flagged lanes saves its inputs and mask; after the chunk, those lanes
 * are recomputed one by one by slow(x), which returns the correctly
 * rounded f32 (impls/cr_simd.c).  No call inside the vector loop, so the
 * constants stay in registers.  x == y works: flagged inputs are saved
 * before the vector's store.  Four vectors per iteration rather than two:
 * more independent work in flight (the exp core is a chain of ~12
 * dependent ops): sigmoid ~15-20% faster than two per iteration on Zen 5. */
/* 32 results, rounded to f32 (vcvtpd2ps, round to nearest), stored at p. */
#define AB_CR_STORE32(p, a, b, c, d)                                                    \
    do {                                                                                \
        _mm256_storeu_ps((p), _mm512_cvtpd_ps(a));                                      \
        _mm256_storeu_ps((p) + 8, _mm512_cvtpd_ps(b));                                  \
        _mm256_storeu_ps((p) + 16, _mm512_cvtpd_ps(c));                                 \
        _mm256_storeu_ps((p) + 24, _mm512_cvtpd_ps(d));                                 \
    } while (0)

#define AB_CR_CHUNK 512
#define AB_CR_KEEP(xd, bad, pos_)                                                       \
    if (__builtin_expect((bad) != 0, 0)) {                                              \
        _mm512_storeu_pd(xs_[nb_], xd);                                                 \
        at_[nb_] = (pos_);                                                              \
        bm_[nb_++] = (bad);                                                             \
    }
/* the exact test, only where cr_v8_maybe screened a lane */
#define AB_CR_CHECK(xd, yd, mb, K, pos, pos_)                                           \
    if ((mb) != 0) {                                                                    \
        __mmask8 b_ = cr_v8_unsafe(yd, K, pos);                                         \
        AB_CR_KEEP(xd, b_, pos_)                                                        \
    }
/* The last (< 32 or < 16) elements of a chunk, 8 at a time, masked: fx is
 * the kernel applied to xa. */
#define AB_CR_TAIL(fx, K, pos)                                                          \
    for (; i < end; i += 8) {                                                           \
        __mmask16 m = end - i >= 8 ? (__mmask16)0xff : (__mmask16)((1u << (end - i)) - 1u); \
        __m512d xa = _mm512_cvtps_pd(_mm512_castps512_ps256(_mm512_maskz_loadu_ps(m, x + i))); \
        __m512d ya = fx;                                                                \
        __mmask8 ma = cr_v8_maybe(ya, K, pos) & (__mmask8)m;                            \
        if (__builtin_expect(ma != 0, 0)) {                                             \
            __mmask8 ba = cr_v8_unsafe(ya, K, pos) & (__mmask8)m;                       \
            AB_CR_KEEP(xa, ba, i)                                                       \
        }                                                                               \
        _mm512_mask_storeu_ps(y + i, m, _mm512_castps256_ps512(_mm512_cvtpd_ps(ya)));  \
    }
/* After a chunk: the flagged lanes, one by one, through slow(x). */
#define AB_CR_DRAIN(slow)                                                               \
    for (size_t v_ = 0; v_ < nb_; v_++)                                                 \
        for (unsigned b_ = bm_[v_]; b_; b_ &= b_ - 1) {                                 \
            int j_ = __builtin_ctz(b_);                                                 \
            y[at_[v_] + j_] = slow((float)xs_[v_][j_]);                                 \
        }
#define AB_CR_BATCH(name, f8, K, pos, slow) AB_CR_BATCH_T(AB_AVX512_FN, name, f8, K, pos, slow)
#define AB_CR_BATCH_T(attr, name, f8, K, pos, slow)                                     \
    attr void name(const float *x, float *y, size_t n) {                                \
        double xs_[AB_CR_CHUNK / 8][8];                                                 \
        size_t at_[AB_CR_CHUNK / 8];                                                    \
        unsigned char bm_[AB_CR_CHUNK / 8];                                             \
        for (size_t i = 0; i < n;) {                                                    \
            size_t end = n - i > AB_CR_CHUNK ? i + AB_CR_CHUNK : n, nb_ = 0;            \
            for (; i + 32 <= end; i += 32) {                                            \
                __m512d xa = _mm512_cvtps_pd(_mm256_loadu_ps(x + i));                   \
                __m512d xb = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8));               \
                __m512d xc = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 16));              \
                __m512d xd = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 24));              \
                __m512d ya = f8(xa), yb = f8(xb), yc = f8(xc), yd = f8(xd);             \
                __mmask8 ok_ = cr_v8_ok(ya, K, pos, (__mmask8)0xff);                    \
                ok_ = cr_v8_ok(yb, K, pos, ok_);                                        \
                ok_ = cr_v8_ok(yc, K, pos, ok_);                                        \
                ok_ = cr_v8_ok(yd, K, pos, ok_);                                        \
                if (__builtin_expect(ok_ != 0xff, 0)) {                                 \
                    __mmask8 ma = cr_v8_maybe(ya, K, pos), mb = cr_v8_maybe(yb, K, pos); \
                    __mmask8 mc = cr_v8_maybe(yc, K, pos), md = cr_v8_maybe(yd, K, pos); \
                    AB_CR_CHECK(xa, ya, ma, K, pos, i)                                  \
                    AB_CR_CHECK(xb, yb, mb, K, pos, i + 8)                              \
                    AB_CR_CHECK(xc, yc, mc, K, pos, i + 16)                             \
                    AB_CR_CHECK(xd, yd, md, K, pos, i + 24)                             \
                }                                                                       \
                AB_CR_STORE32(y + i, ya, yb, yc, yd);                                   \
            }                                                                           \
            AB_CR_TAIL(f8(xa), K, pos)                                                  \
            AB_CR_DRAIN(slow)                                                           \
        }                                                                               \
    }

/* The batches with a 16-lane f32 stage (exp, expm1, elu, sigmoid, tanh): each
 * iteration loads 2 x 16 floats, applies pre16 to them in f32 (a clamp:
 * 2 ops per 16 lanes instead of 2 per 8 in f64; exact, as the clamped
 * values are the same in either format), widens the four halves and runs
 * f8.  Screening on 16 lanes at once: the low 32 bits of two result
 * vectors are packed (vpermt2d) and cr_v8_maybe's window test runs on
 * dwords (the tested bits 2W..28 and the carry out of bit 28 stay within
 * the low 32 bits): 3 ops per 2 vectors instead of 4.  Tiny results: posy
 * = CR_NOTINY needs no test; otherwise the lanes with x < xt (or NaN x is
 * not taken) are screened in f32 (one compare per 16 lanes), and the
 * caller proves that |y| < 2^-126 only where x < xt (or, with
 * AB_CR_BATCH16SRT, |x| < xs).  When any lane of the
 * iteration is screened (rare), cr_v8_unsafe(y, K, posy) runs on all four
 * vectors and its lanes are saved with their ORIGINAL inputs (reloaded
 * before the stores: x == y works); so the lanes sent to slow() are
 * exactly cr_v8_unsafe's, as in AB_CR_BATCH.  The tail (< 32 elements of a
 * chunk) runs 8 at a time with pre16 and the full cr_v8_maybe. */
#define AB_CR_KEEP16(v_, yv_, K, posy)                                                  \
    {                                                                                   \
        __mmask8 b_ = cr_v8_unsafe(yv_, K, posy);                                       \
        AB_CR_KEEP(_mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8 * (v_))), b_, i + 8 * (v_)) \
    }
/* Software-pipelined ("skewed", as AB_CR_BATCH2): each iteration loads,
 * screens, widens and runs fa (the exp reduction) on the next 32 inputs,
 * and runs fb (the polynomial and the rest) with the window screen and
 * the stores on the current 32: two independent halves in flight (exp
 * ~12% faster on Zen 5 than the same loop unskewed).  The next inputs are
 * loaded before the current stores, so x == y works.  The values are
 * those of f8 = fb(x, fa(x)) lane by lane.
 *   AB_CR_BATCH16S: pre16 (a clamp, and for tanh the -2) runs in the loop.
 * AB_CR_BATCH16SR: the clamp is taken out of the loop: lanes with x in
 * [xlo, xhi] (or NaN x, which fa and fb must propagate unclamped) run
 * unclamped, and xlo also serves as xt; when an iteration has a lane
 * outside (never for x in [-87, 104], as `actbench bench` runs), its four
 * vectors are recomputed from pre16(x) (the inputs reloaded: not yet
 * overwritten) before the exact tests. */
#define AB_CR_LOAD16S_(i_, pre16, fa, RANGE, posy, xt, xhi, xs)                         \
    {                                                                                   \
        __m512 x1 = _mm512_loadu_ps(x + (i_)), x2 = _mm512_loadu_ps(x + (i_) + 16);     \
        okn_ = (__mmask16)0xffff;                                                       \
        if (((posy) != CR_NOTINY || (RANGE)) && (xt) > -__builtin_inff()) {            \
            okn_ = _mm512_cmp_ps_mask(x1, _mm512_set1_ps(xt), _CMP_NLT_UQ);             \
            okn_ = _mm512_mask_cmp_ps_mask(okn_, x2, _mm512_set1_ps(xt), _CMP_NLT_UQ);  \
        }                                                                               \
        if ((xs) > 0) {                                                                 \
            okn_ = _mm512_mask_cmp_ps_mask(okn_, _mm512_abs_ps(x1), _mm512_set1_ps(xs), _CMP_NLT_UQ); \
            okn_ = _mm512_mask_cmp_ps_mask(okn_, _mm512_abs_ps(x2), _mm512_set1_ps(xs), _CMP_NLT_UQ); \
        }                                                                               \
        if ((RANGE) && (xhi) < __builtin_inff()) {                                      \
            okn_ = _mm512_mask_cmp_ps_mask(okn_, x1, _mm512_set1_ps(xhi), _CMP_NGT_UQ); \
            okn_ = _mm512_mask_cmp_ps_mask(okn_, x2, _mm512_set1_ps(xhi), _CMP_NGT_UQ); \
        }                                                                               \
        if (!(RANGE)) x1 = pre16(x1), x2 = pre16(x2);                                   \
        xan_ = _mm512_cvtps_pd(_mm512_castps512_ps256(x1));                             \
        xbn_ = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x1), 1))); \
        xcn_ = _mm512_cvtps_pd(_mm512_castps512_ps256(x2));                             \
        xdn_ = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x2), 1))); \
        san_ = fa(xan_), sbn_ = fa(xbn_), scn_ = fa(xcn_), sdn_ = fa(xdn_);             \
    }
#define AB_CR_BATCH16S_(name, pre16, fa, fb, K, posy, xt, RANGE, xhi, xs, slow)         \
    AB_AVX512_FN void name(const float *x, float *y, size_t n) {                        \
        double xs_[AB_CR_CHUNK / 8][8];                                                 \
        size_t at_[AB_CR_CHUNK / 8];                                                    \
        unsigned char bm_[AB_CR_CHUNK / 8];                                             \
        const __m512i idx_ = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30); \
        const __m512i C_ = _mm512_set1_epi32((1 << 28) + 2 * (int)(K));                 \
        const __m512i M_ = _mm512_set1_epi32((1 << 29) - 4 * (int)(K));                 \
        for (size_t i = 0; i < n;) {                                                    \
            size_t end = n - i > AB_CR_CHUNK ? i + AB_CR_CHUNK : n, nb_ = 0;            \
            if (i + 32 <= end) {                                                        \
                __m512d xan_, xbn_, xcn_, xdn_;                                         \
                __typeof__(fa(xan_)) san_, sbn_, scn_, sdn_;                            \
                __mmask16 okn_;                                                         \
                AB_CR_LOAD16S_(i, pre16, fa, RANGE, posy, xt, xhi, xs)                  \
                for (; i + 32 <= end; i += 32) {                                        \
                    __m512d xa = xan_, xb = xbn_, xc = xcn_, xd = xdn_;                 \
                    __typeof__(san_) sa = san_, sb = sbn_, sc = scn_, sd = sdn_;        \
                    __mmask16 ok_ = okn_;                                               \
                    if (i + 64 <= end) AB_CR_LOAD16S_(i + 32, pre16, fa, RANGE, posy, xt, xhi, xs) \
                    __m512d ya = fb(xa, sa), yb = fb(xb, sb), yc = fb(xc, sc), yd = fb(xd, sd); \
                    __m512i wab_ = _mm512_permutex2var_epi32(_mm512_castpd_si512(ya), idx_, _mm512_castpd_si512(yb)); \
                    __m512i wcd_ = _mm512_permutex2var_epi32(_mm512_castpd_si512(yc), idx_, _mm512_castpd_si512(yd)); \
                    ok_ = _mm512_mask_test_epi32_mask(ok_, _mm512_add_epi32(wab_, C_), M_); \
                    ok_ = _mm512_mask_test_epi32_mask(ok_, _mm512_add_epi32(wcd_, C_), M_); \
                    if (__builtin_expect(ok_ != (__mmask16)0xffff, 0)) {                \
                        if (RANGE) {                                                    \
                            __m512 x1 = pre16(_mm512_loadu_ps(x + i));                  \
                            __m512 x2 = pre16(_mm512_loadu_ps(x + i + 16));             \
                            xa = _mm512_cvtps_pd(_mm512_castps512_ps256(x1));           \
                            xb = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x1), 1))); \
                            xc = _mm512_cvtps_pd(_mm512_castps512_ps256(x2));           \
                            xd = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x2), 1))); \
                            ya = fb(xa, fa(xa));                                        \
                            yb = fb(xb, fa(xb));                                        \
                            yc = fb(xc, fa(xc));                                        \
                            yd = fb(xd, fa(xd));                                        \
                        }                                                               \
                        AB_CR_KEEP16(0, ya, K, posy) AB_CR_KEEP16(1, yb, K, posy)       \
                        AB_CR_KEEP16(2, yc, K, posy) AB_CR_KEEP16(3, yd, K, posy)       \
                    }                                                                   \
                    AB_CR_STORE32(y + i, ya, yb, yc, yd);                               \
                }                                                                       \
            }                                                                           \
            for (; i < end; i += 8) {                                                   \
                __mmask16 m = end - i >= 8 ? (__mmask16)0xff : (__mmask16)((1u << (end - i)) - 1u); \
                __m512 xr_ = _mm512_maskz_loadu_ps(m, x + i);                           \
                __m512d xq_ = _mm512_cvtps_pd(_mm512_castps512_ps256(pre16(xr_)));      \
                __m512d ya = fb(xq_, fa(xq_));                                          \
                __mmask8 ma = cr_v8_maybe(ya, K, posy) & (__mmask8)m;                   \
                if (__builtin_expect(ma != 0, 0)) {                                     \
                    __mmask8 ba = cr_v8_unsafe(ya, K, posy) & (__mmask8)m;              \
                    AB_CR_KEEP(_mm512_cvtps_pd(_mm512_castps512_ps256(xr_)), ba, i)     \
                }                                                                       \
                _mm512_mask_storeu_ps(y + i, m, _mm512_castps256_ps512(_mm512_cvtpd_ps(ya))); \
            }                                                                           \
            AB_CR_DRAIN(slow)                                                           \
        }                                                                               \
    }
#define AB_CR_BATCH16S(name, pre16, fa, fb, K, posy, xt, slow)                          \
    AB_CR_BATCH16S_(name, pre16, fa, fb, K, posy, xt, 0, 0.0f, 0.0f, slow)
#define AB_CR_BATCH16SR(name, pre16, fa, fb, K, posy, xlo, xhi, slow)                   \
    AB_CR_BATCH16S_(name, pre16, fa, fb, K, posy, xlo, 1, xhi, 0.0f, slow)
/* AB_CR_BATCH16SR with a second tiny-result screen: lanes with |x| < xs
 * (a tiny f near x = 0, as silu's x/2) take the exact test as well. */
#define AB_CR_BATCH16SRT(name, pre16, fa, fb, K, posy, xlo, xhi, xs, slow)              \
    AB_CR_BATCH16S_(name, pre16, fa, fb, K, posy, xlo, 1, xhi, xs, slow)

/* The same batch for f = fb(x, fa(x)) with long dependency chains (an exp
 * then a log): software-pipelined ("skewed"), each iteration runs fa on the
 * next 16 inputs and fb on the current 16, so two independent chains are
 * in flight for the out-of-order core (softplus: ~25% faster on Zen 5 than
 * AB_CR_BATCH).  Same screening, slow path and tail; the values are those
 * of fb(x, fa(x)) lane by lane, whatever the grouping. */
#define AB_CR_BATCH2(name, fa, fb, K, pos, slow) AB_CR_BATCH2_T(AB_AVX512_FN, name, fa, fb, K, pos, slow)
#define AB_CR_BATCH2_T(attr, name, fa, fb, K, pos, slow)                                \
    attr void name(const float *x, float *y, size_t n) {                                \
        double xs_[AB_CR_CHUNK / 8][8];                                                 \
        size_t at_[AB_CR_CHUNK / 8];                                                    \
        unsigned char bm_[AB_CR_CHUNK / 8];                                             \
        for (size_t i = 0; i < n;) {                                                    \
            size_t end = n - i > AB_CR_CHUNK ? i + AB_CR_CHUNK : n, nb_ = 0;            \
            if (i + 16 <= end) {                                                        \
                __m512d xa = _mm512_cvtps_pd(_mm256_loadu_ps(x + i));                   \
                __m512d xb = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8));               \
                __typeof__(fa(xa)) sa = fa(xa), sb = fa(xb);                            \
                for (;;) {                                                              \
                    int more_ = i + 32 <= end;                                          \
                    __m512d xc = xa, xd = xb;                                           \
                    __typeof__(sa) sc = sa, sd = sb;                                    \
                    if (more_) {                                                        \
                        xc = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 16));              \
                        xd = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 24));              \
                        sc = fa(xc), sd = fa(xd);                                       \
                    }                                                                   \
                    __m512d ya = fb(xa, sa), yb = fb(xb, sb);                           \
                    __mmask8 ok_ = cr_v8_ok(yb, K, pos, cr_v8_ok(ya, K, pos, (__mmask8)0xff)); \
                    if (__builtin_expect(ok_ != 0xff, 0)) {                             \
                        __mmask8 ma = cr_v8_maybe(ya, K, pos), mb = cr_v8_maybe(yb, K, pos); \
                        AB_CR_CHECK(xa, ya, ma, K, pos, i)                              \
                        AB_CR_CHECK(xb, yb, mb, K, pos, i + 8)                          \
                    }                                                                   \
                    _mm256_storeu_ps(y + i, _mm512_cvtpd_ps(ya));                       \
                    _mm256_storeu_ps(y + i + 8, _mm512_cvtpd_ps(yb));                   \
                    i += 16;                                                            \
                    if (!more_) break;                                                  \
                    xa = xc, xb = xd, sa = sc, sb = sd;                                 \
                }                                                                       \
            }                                                                           \
            AB_CR_TAIL(fb(xa, fa(xa)), K, pos)                                          \
            AB_CR_DRAIN(slow)                                                           \
        }                                                                               \
    }

/* Slow-path calls of the calling thread (impls/cr_simd.c; tests/test_cr.c
 * reads it to measure the fallback rate). */
extern _Thread_local unsigned long long ab_cr_slow_calls;

/* The slow path (impls/cr_simd.c): the correctly rounded f32 of f at x,
 * from the fast tier when it decides, else MPFR; counts ab_cr_slow_calls. */
float ab_cr_slow(ab_fast32_fn fast, ab_reference_fn ref, float x);
/* The same for f(x) = x/2 + c x^2 + ..., c in (0, 1) (silu, gelu,
 * gelu_tanh): |x| < 2^-60 is decided as RU(x/2) without the fast tier. */
float ab_cr_slow_halfx(ab_fast32_fn fast, ab_reference_fn ref, float x);
#define CR_SLOW(name) \
    static float slow_##name(float x) { return ab_cr_slow(ab_fast32_##name, ab_ref_##name, x); }

/* K = 2^10 covers eps <= 2^-44, 2^11 covers eps <= 2^-43 (see the top);
 * 2^14 covers eps <= 2^-39.8 (margin 2^13.2 (1 + 2^-39) + 1 < 9411 ulps):
 * a window of 2^-14 of results instead of 2^-18, for one FMA less. */
#define CR_K (1ll << 10)
#define CR_K11 (1ll << 11)
#define CR_K14 (1ll << 14)

/* One cr-* variant, declared correctly rounded (0.5 ULP), registered into act. */
#define CR_VARIANT(act, name, formula, fn)                                            \
    static const ab_variant cr_##act##_variants[] = {                                 \
        AB_VARIANT(name, AB_VECTOR, "avx512f", 0.5, formula, fn),                     \
    };                                                                                \
    AB_REGISTER_VARIANTS(#act, cr_##act##_variants)

#endif /* AB_KERNELS_CR_F64_H */
