/* ref_common.h: small pieces that several MPFR reference formulas (and
 * the Ziv loops of ziv.c and rows.c) share.  All static inline; each
 * does exactly the MPFR operations its callers used to spell out. */
#ifndef AB_REF_COMMON_H
#define AB_REF_COMMON_H
#include "reference.h"

/* A relative error bound k*u (u = 2^-p, k <= 2^log2k) turned into the
 * absolute exponent of the ab_reference_fn contract:
 * EXP(y) + log2k + 1 - p, where the +1 covers |f| slightly above |y|
 * (see formulas.c). */
static inline long ab_ref_rel_bound(const mpfr_t y, mpfr_prec_t p, int log2k) {
    /* A zero y (an underflow below MPFR's range) is decided as a zero
     * whatever the bound; MPFR's exponent of a zero is not a number. */
    if (!mpfr_regular_p(y)) return -(1L << 40);
    return (long)mpfr_get_exp(y) + log2k + 1 - (long)p;
}

/* Special values of the "x times a sigmoid-like factor" functions (silu,
 * mish, gelu, gelu_tanh): NaN -> NaN; f(+inf) = +inf; f(x) -> 0 from
 * below at -inf, so f(-inf) = -0; f(x) ~ x/2 near 0, so f(+-0) = +-0.
 * Returns 1 when x was one of these (y is then exact), 0 otherwise. */
static inline int ab_ref_x_sigmoid_special(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return 1; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return 1;
    }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return 1; }
    return 0;
}

/* Directions (api/actbench.h) for the values that sit on a grid point
 * (reference.h) of the target, where a bound never decides: y = v
 * exactly (y's precision p must hold v: p >= 64 >= prec(v)) and f lies
 * strictly beside it, closer than v's neighbour at p bits on that side.
 * Each caller proves the closeness beside its test. */
static inline long ab_ref_beside(mpfr_t y, const mpfr_t v, int above) {
    mpfr_set(y, v, MPFR_RNDN);
    return above ? AB_REF_ABOVE : AB_REF_BELOW;
}
static inline long ab_ref_toward_zero(mpfr_t y, const mpfr_t v) {
    return ab_ref_beside(y, v, mpfr_sgn(v) < 0);
}
/* y = +-1 (the sign of s), f strictly between y and 0. */
static inline long ab_ref_unit_toward_zero(mpfr_t y, int negative) {
    mpfr_set_si(y, negative ? -1 : 1, MPFR_RNDN);
    return negative ? AB_REF_ABOVE : AB_REF_BELOW;
}
/* A correctly rounded MPFR call's ternary value as a direction: inex > 0
 * means y > f, and f is within half an ulp of y at y's precision, so
 * strictly between y and its neighbour. */
static inline long ab_ref_ternary(const mpfr_t y, int inex) {
    if (inex == 0 || mpfr_inf_p(y) || mpfr_nan_p(y)) return AB_REF_EXACT;
    return inex > 0 ? AB_REF_BELOW : AB_REF_ABOVE; /* a zero: f's side of it */
}
/* |x| < 2^-k (false for NaN and the infinities). */
static inline int ab_ref_below_2exp(const mpfr_t x, long k) {
    return mpfr_zero_p(x) || (mpfr_regular_p(x) && (long)mpfr_get_exp(x) <= -k);
}

/* Far tails of gelu and gelu_tanh (|x| beyond 2^32 / 2^24): the value is
 * x minus (x > 0) or equal to (x < 0) something below MPFR's exponent
 * range, so y = x with f just below it, or y = -0 with f just below it
 * (AB_REF_BELOW: every format rounds it to -0). */
static inline long ab_ref_x_or_neg_zero(mpfr_t y, const mpfr_t x) {
    if (mpfr_sgn(x) > 0) return ab_ref_beside(y, x, 0);
    mpfr_set_zero(y, -1);
    return AB_REF_BELOW;
}

/* y = x sigmoid(v), as x / (1 + e^-v) for v >= 0 and x (e^v / (1 + e^v))
 * for v < 0: exp only sees -|v| (no overflow), 1 + e adds positives, the
 * rest are a quotient and a product: 4 roundings (exp, add, div, mul) at
 * the precisions of e and d.  v is negated in place when v >= 0; e and d
 * are scratch. */
static inline void ab_ref_x_sigmoid(mpfr_t y, const mpfr_t x, mpfr_t v,
                                    mpfr_t e, mpfr_t d) {
    if (mpfr_sgn(v) >= 0) {
        mpfr_neg(v, v, MPFR_RNDN);
        mpfr_exp(e, v, MPFR_RNDN);
        mpfr_add_ui(d, e, 1, MPFR_RNDN);
        mpfr_div(y, x, d, MPFR_RNDN);
    } else {
        mpfr_exp(e, v, MPFR_RNDN);
        mpfr_add_ui(d, e, 1, MPFR_RNDN);
        mpfr_div(e, e, d, MPFR_RNDN);
        mpfr_mul(y, x, e, MPFR_RNDN);
    }
}

/* t = x^2 + 1 at t's precision, with s as scratch for x^2 (made exact at
 * twice x's precision).  Returns nonzero when t is inexact
 * (multiquadric, inv_multiquadric). */
static inline int ab_ref_sq_plus_1(mpfr_t t, mpfr_t s, const mpfr_t x) {
    mpfr_set_prec(s, 2 * mpfr_get_prec(x));
    mpfr_sqr(s, x, MPFR_RNDN);
    return mpfr_add_ui(t, s, 1, MPFR_RNDN) != 0;
}

/* Store y in out: its kind, and for a finite nonzero y the exponent e and
 * m = y / 2^e in [0.5, 1) split into two doubles m_hi + m_lo (scaled is
 * scratch).  Fields a non-finite or zero y has no use for are left as
 * they are. */
static inline void ab_ref_store_value(mpfr_t scaled, const mpfr_t y, ab_refval *out) {
    if (mpfr_nan_p(y)) { out->kind = AB_V_NAN; return; }
    if (mpfr_inf_p(y)) { out->kind = AB_V_INF; return; }
    if (mpfr_zero_p(y)) { out->kind = AB_V_ZERO; return; }
    out->kind = AB_V_FINITE;
    out->e = mpfr_get_exp(y);
    mpfr_set_prec(scaled, mpfr_get_prec(y));
    mpfr_mul_2si(scaled, y, -out->e, MPFR_RNDN);
    out->m_hi = mpfr_get_d(scaled, MPFR_RNDN);
    mpfr_sub_d(scaled, scaled, out->m_hi, MPFR_RNDN);
    out->m_lo = mpfr_get_d(scaled, MPFR_RNDN);
}

#endif
