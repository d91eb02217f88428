/* tanh(x): an own AVX-512F f32 kernel split by |x| (registered into
 * impls/tanh.c's activation with AB_REGISTER_VARIANTS).
 *
 * Both branches run on a = |x| for every lane; a mask picks one and the
 * sign is copied from x at the end.
 * a <  9/16: a + (a t) q(t), t = a^2, q of degree 3 (odd minimax
 *            polynomial of degree 9, scripts/fit/tanh_odd_f32.sollya, rel
 *            err 2^-24.4): no division; the correction term is below 1/10
 *            of the result, so its roundings barely show.
 * a >= 9/16: tanh a = 1 - s, s = 2u/(1 + u) = u / ((1 + u)/2), u = e^-2a.
 *            9/16 > atanh(1/2), so s <= 1/2 and s's error counts at most
 *            half in the result's ulps; toward saturation it vanishes (the
 *            f32 rational x P/Q of impls/tanh.c loses 5 ulp there).  u:
 *            the exp reduction with one constant, r' = a + k ln2/2, k =
 *            round(-2a/ln2) (RN(ln2) is within 1.9e-9 of ln2 and |k| <=
 *            29, so this adds < 0.1 ulp to u where u matters), the p5 exp
 *            polynomial of simd_math.h in r = -2r' (coefficients scaled by
 *            powers of -2, exact), vscalefps.  One vdivps (rcp14 + one
 *            Newton step on the quotient measured the same accuracy but
 *            ~10% slower).  a is clamped to 10 first (tanh rounds to 1
 *            above 9.0109; u = e^-20 still leaves 1 - s = 1), so nothing
 *            over/underflows and +-inf give +-1.
 * Specials: NaN fails a >= 9/16 and propagates through the polynomial
 * (the min clamp would turn it into 10, but that branch is masked off);
 * +-0 and subnormals: a + (a t) q = a exactly, then the sign of x (on x
 * itself the polynomial would give tanh(-0) = -0 + (+0) = +0). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp_poly.h"
#include "kernels/exp_reduction.h"
#include <math.h>

/* sollya scripts/fit/tanh_odd_f32.sollya
   tanh f32 odd poly: x + x^3 q(x^2), deg q = 3 on |x| <= 0.5625, max rel err (vs exact tanh) = 2^(-24.38) */
#define TANH_ODD_C3 -0x1.555422p-2f
#define TANH_ODD_C5 0x1.10c64p-3f
#define TANH_ODD_C7 -0x1.ae9b68p-5f
#define TANH_ODD_C9 0x1.09f0cep-6f
#define TANH_SPLIT 0x1.2p-1f /* 9/16 */

/* e^r, r = -2r': 1 + r' (-2 + r' (4c2 + r' (-8c3 + r' (16c4 - 32c5 r')))) */
#define TANH_E_K5 (-32.0f * ab_exp_f32_p5.c5)
#define TANH_E_K4 (16.0f * ab_exp_f32_p5.c4)
#define TANH_E_K3 (-8.0f * ab_exp_f32_p5.c3)
#define TANH_E_K2 (4.0f * ab_exp_f32_p5.c2)
#define TANH_LN2H 0x1.62e43p-2f /* RN(ln2)/2 */

/* Measured max 1.78 ulp over every range of two `actbench sweep --samples
 * 65536` runs (default seed and --seed 7); 1.96 ulp over every float in
 * [0, 10] against double tanh (odd by construction, and exactly +-1
 * beyond), at 0x1.20c202p-1, just above the split. */
#define TANH_OWN_BOUND 2.1

AB_AVX512_INLINE __m512 tanh16_split(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    const __m512 ax = _mm512_abs_ps(x);
    /* small branch */
    __m512 t = _mm512_mul_ps(ax, ax);
    __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(TANH_ODD_C9), t, _mm512_set1_ps(TANH_ODD_C7));
    q = _mm512_fmadd_ps(q, t, _mm512_set1_ps(TANH_ODD_C5));
    q = _mm512_fmadd_ps(q, t, _mm512_set1_ps(TANH_ODD_C3));
    __m512 ys = _mm512_fmadd_ps(_mm512_mul_ps(ax, t), q, ax);
    /* large branch: u = e^-2a, a = min(|x|, 10) */
    __m512 a = _mm512_min_ps(ax, _mm512_set1_ps(10.0f));
    const __m512 shift = _mm512_set1_ps(ab_exp_f32_rr.shift);
    __m512 kf = _mm512_sub_ps(_mm512_fmadd_ps(a, _mm512_set1_ps(-2.0f * ab_exp_f32_rr.invln2), shift), shift);
    __m512 r = _mm512_fmadd_ps(kf, _mm512_set1_ps(TANH_LN2H), a);
    __m512 h = _mm512_fmadd_ps(_mm512_set1_ps(TANH_E_K5), r, _mm512_set1_ps(TANH_E_K4));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(TANH_E_K3));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(TANH_E_K2));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(-2.0f));
    __m512 u = _mm512_scalef_ps(_mm512_fmadd_ps(h, r, one), kf);
    __m512 dh = _mm512_fmadd_ps(u, _mm512_set1_ps(0.5f), _mm512_set1_ps(0.5f)); /* (1+u)/2 */
    __m512 s = _mm512_div_ps(u, dh);
    __mmask16 big = _mm512_cmp_ps_mask(ax, _mm512_set1_ps(TANH_SPLIT), _CMP_GE_OQ);
    __m512 y = _mm512_mask_sub_ps(ys, big, one, s);
    /* copysign(y, x): bit select 0xCA = (sign bit) ? x : y */
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_set1_epi32((int)0x80000000u),
                                                         _mm512_castps_si512(x), _mm512_castps_si512(y), 0xCA));
}

AB_V16_BATCH_F32(avx512_split_batch, tanh16_split)

static const ab_variant tanh_simd_variants[] = {
    AB_VARIANT("avx512-odd9-exp-p5-div", AB_VECTOR, "avx512f", TANH_OWN_BOUND,
               "|x|<9/16: a+a^3*q3(a^2) (odd minimax, a=|x|); else 1-u/((1+u)/2), u=e^-2min(|x|,10) (1-const reduction, p5, scalef, vdivps); copysign", avx512_split_batch),
};
AB_REGISTER_VARIANTS("tanh", tanh_simd_variants)
