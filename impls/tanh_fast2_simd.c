/* tanh(x): own AVX-512F f32 kernel, two branches computed for every lane
 * (registered into impls/tanh.c's activation with AB_REGISTER_VARIANTS).
 *
 *   a = |x| < 9/16:  y = a + a^3 q(a^2)            (odd minimax, deg q = 3)
 *   else:            y = 1 - u/((1 + u)/2),  u = e^(-2 min(a, 10))
 * then copysign(y, x) by one vpternlogd bit select.
 *  - Why the exp form: toward saturation the rational kernels
 *    (tanh_fast_simd.c) round P, Q, a P and the quotient, each worth up to
 *    1 ulp where y ~ 1 (ulp 2^-24 = the unit roundoff), 4.6 ulp at best
 *    after an ULP-driven coefficient search (scripts/fit/tanh_fast_search.c);
 *    here the large branch's error shrinks with u: y = 1 - s, s = 2u/(1+u),
 *    ds/du = 2/(1+u)^2, so a relative error e of u moves y by
 *    2u/(1+u)^2 e <= 0.37 e (u <= e^-1.125 = 0.325).
 *  - u: the 32-entry table of exp_lut.h read by vpermt2ps (the index is the
 *    low 5 bits of m = -2a 32/ln2 + 1.5*2^18, whose ulp is 2^-5), k = m -
 *    1.5*2^18 = n/32, one-constant reduction r' = a + k ln2h (ln2h =
 *    RN(ln2)/2: RN(ln2) is within 1.9e-9 of ln2 and |k| <= 29, so r' is off
 *    by < 2.8e-8 where u <= e^-1.1, i.e. < 0.1 ulp of y), r = -2 r',
 *    e^r ~= 1 + r (c1 + c2 r) (rel err 2^-24.2) with r = -2r' folded into
 *    the coefficients (-2 c1, 4 c2: exact scalings): u = 2^floor(k)
 *    (T + (T r') (-2 c1 + 4 c2 r')) by vscalefps; a = min(|x|, 10) keeps u
 *    >= e^-20 (1 - u/... rounds to 1 above 9.0109 either way).
 *  - The split 9/16 is above atanh(1/2) = 0.549: the large branch only
 *    runs where y >= 0.51, so 1 - s (s <= 0.49) loses nothing.
 *  - Specials: NaN: the odd branch gives NaN and |x| >= 9/16 is false:
 *    NaN (sign kept by the select).
 *    +-inf: the large branch, u = e^-20: +-1.  +-0 and subnormals: a^2
 *    rounds to 0, a + (a t) q = a exactly, then the sign of x.
 * The skewed driver computes the exp half of block b+1 (a, u) interleaved
 * with the rest of block b (the odd branch, the division, the select) as in
 * impls/sigmoid_fast2_simd.c: the vdivps of one stream overlaps the FMA
 * work of the other; lane-wise, so it gives the single-vector kernel's bits. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/skew.h"
#include "kernels/exp_lut.h"

/* python3 scripts/fit/fit_tanh_fast.py odd
   tanh(x) ~= x + x^3 q(x^2) on [0, 0.5625]: max rel err 2^-24.39 (f32 coefficients: 2^-24.27)
   split = 9/16, ln2h = RN(ln2)/2 (exact), clamp 10 and shift 1.5*2^18 by hand */
static const struct { float c3, c5, c7, c9, split, clamp, m2invln2, shift, ln2h; } tanh_f2 = {
    .c3 = -0x1.555422p-2f,
    .c5 = 0x1.10c656p-3f,
    .c7 = -0x1.ae9d0cp-5f,
    .c9 = 0x1.09f5ccp-6f,
    .split = 0x1.2p-1f,
    .clamp = 10.0f,
    .m2invln2 = -0x1.715476p+1f, /* -2 RN(1/ln2) */
    .shift = 0x1.8p18f,
    .ln2h = 0x1.62e43p-2f,
};

#define TF2_S(v) _mm512_set1_ps(v)

#define TF2_INLINE __attribute__((target("avx512f,avx512dq"), always_inline)) static inline

/* u = e^(-2 min(|x|, 10)); a = vrangeps(x, 10, imm 0xA) = min(|x|, 10) in
 * one instruction (imm[1:0] = 10: the smaller magnitude, imm[3:2] = 10:
 * sign cleared).  It returns 10 for a NaN x (u = e^-20): the NaN comes
 * through the odd branch of tanhf2_fin instead (|x| >= 9/16 is false). */
TF2_INLINE __m512 tanhf2_u(__m512 x) {
    __m512 a = _mm512_range_ps(x, TF2_S(tanh_f2.clamp), 0xA);
    __m512 m = _mm512_fmadd_ps(a, TF2_S(tanh_f2.m2invln2), TF2_S(tanh_f2.shift));
    __m512 T = _mm512_permutex2var_ps(_mm512_loadu_ps(ab_exp_lut32_f32.tab), _mm512_castps_si512(m),
                                      _mm512_loadu_ps(ab_exp_lut32_f32.tab + 16));
    __m512 k = _mm512_sub_ps(m, TF2_S(tanh_f2.shift));
    __m512 r = _mm512_fmadd_ps(k, TF2_S(tanh_f2.ln2h), a); /* r' = a + k ln2/2 */
    __m512 q = _mm512_fmadd_ps(TF2_S(4.0f * ab_exp_lut32_f32.c2), r, TF2_S(-2.0f * ab_exp_lut32_f32.c1));
    __m512 p = _mm512_fmadd_ps(_mm512_mul_ps(T, r), q, T);
    return _mm512_scalef_ps(p, k);
}

/* the odd branch, the division, the select and the sign */
TF2_INLINE __m512 tanhf2_fin(__m512 x, __m512 u) {
    const __m512 one = TF2_S(1.0f);
    __m512 ax = _mm512_abs_ps(x);
    __m512 t = _mm512_mul_ps(ax, ax);
    __m512 q = _mm512_fmadd_ps(TF2_S(tanh_f2.c9), t, TF2_S(tanh_f2.c7));
    q = _mm512_fmadd_ps(q, t, TF2_S(tanh_f2.c5));
    q = _mm512_fmadd_ps(q, t, TF2_S(tanh_f2.c3));
    __m512 ys = _mm512_fmadd_ps(_mm512_mul_ps(ax, t), q, ax);
    __m512 dh = _mm512_fmadd_ps(u, TF2_S(0.5f), TF2_S(0.5f)); /* (1 + u)/2 */
    __m512 s = _mm512_div_ps(u, dh);
    __mmask16 big = _mm512_cmp_ps_mask(ax, TF2_S(tanh_f2.split), _CMP_GE_OQ);
    __m512 y = _mm512_mask_sub_ps(ys, big, one, s);
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_set1_epi32((int)0x80000000u),
                                                         _mm512_castps_si512(x), _mm512_castps_si512(y), 0xCA));
}

TF2_INLINE __m512 tanhf2_16(__m512 x) { return tanhf2_fin(x, tanhf2_u(x)); }

AB_V16_BATCH_UNROLL_F32(tanhf2_x16, "avx512f,avx512dq", tanhf2_16, 1)

AB_SKEW256_F32(tanhf2_skew256, "avx512f,avx512dq", tanhf2_u, tanhf2_fin, tanhf2_16)

/* Every f32 input (scripts/fit/tanh_fast2_check.c, the skewed kernel
 * against libm's double tanh, 2^32 inputs, 2.6 min on the shared cores):
 * max 1.9898 ulp at 0x1.45b264p-1 (just above the split; `actbench eval`
 * gives the same 1.98979 there); NaN -> NaN, +-inf -> +-1, tanh(-0) = -0,
 * |y| <= 1 and odd bit for bit on every input.  actbench sweep --samples
 * 1000000 (default seed): 1.72 core, 1.53 full, 1.18 small, 0.50
 * saturation, 0 tiny; no overflow, NaN, sign, zero-flush, range, symmetry
 * or NaN/inf-class failure.  Error budget of the large branch at the split
 * (y ~ 0.51, ulp 2^-24): u's relative error (T's rounding 2^-24, the fit
 * 2^-24.2, the last FMA 2^-24, r' < 2^-24.5) times 0.37, the roundings of
 * (1+u)/2 and of the quotient (s < 1/2: 1/4 ulp of y each) and of 1 - s
 * (1/2): < 2.5 ulp.  Declared: 2.0 (the target was 3.9, XNNPACK's
 * rational-9-8-div). */
#define TANH_F2_BOUND 2.0

static const ab_variant tanh_fast2_variants[] = {
    AB_VARIANT_EXPECTING("avx512dq-odd9-rr1-lut32-p2-perm2-div", AB_VECTOR, "avx512dq", TANH_F2_BOUND,
               "|x|<9/16: a+a^3*q3(a^2); else 1-u/((1+u)/2), u=e^-2min(|x|,10) (vrangeps, rr1, vpermt2ps lut32, p2, scalef, vdivps); copysign",
               tanhf2_x16, AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx512dq-odd9-rr1-lut32-p2-perm2-div-skew256", AB_VECTOR, "avx512dq", TANH_F2_BOUND,
               "as avx512dq-odd9-rr1-lut32-p2-perm2-div, bit for bit; blocks of 256: u of block b+1 interleaved with the rest of block b",
               tanhf2_skew256, AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("tanh", tanh_fast2_variants)
