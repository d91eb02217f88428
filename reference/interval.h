/* interval.h: outward-rounded interval arithmetic on MPFR numbers, for the
 * derivative references (reference/d_*.c).
 *
 * Why intervals: a derivative's formula often cancels (silu' crosses zero
 * near x = -1.28, log_softmax backward subtracts), so a relative error
 * bound k*u on the result, the way the forward references state theirs,
 * is wrong exactly where it matters.  Each operation below returns an
 * interval [lo, hi] that contains the exact result of the operation
 * applied to every pair of points of its operands (lo rounded toward -inf,
 * hi toward +inf, monotone functions evaluated at the matching end).  By
 * induction the final interval contains f(x): that is the error bound's
 * proof, and it holds however the terms cancel.  ab_iv_result() turns it
 * into the ab_reference_fn contract (y, E); the Ziv loop raises the
 * precision until the rounding is decided.
 *
 * What intervals cannot do: decide a value that is exactly a rounding
 * boundary (a dyadic such as 1/4 or 1, or 0) unless every operation is
 * exact.  Each reference handles those inputs before its interval formula
 * and proves the direction beside the test (as the forward references do).
 *
 * Every function takes the result first; results may alias operands.
 * Precisions: ab_iv_init sets both ends to p bits; operations round into
 * the result's precision. */
#ifndef AB_REF_INTERVAL_H
#define AB_REF_INTERVAL_H
#include <mpfr.h>

typedef struct {
    mpfr_t lo, hi;
} ab_iv;

void ab_iv_init(ab_iv *a, mpfr_prec_t p);
void ab_iv_clear(ab_iv *a);

/* Points: exact when the value fits in the interval's precision, else the
 * two directed roundings. */
void ab_iv_set(ab_iv *r, const mpfr_t x);
void ab_iv_set_si(ab_iv *r, long v);
void ab_iv_set_d(ab_iv *r, double v);
/* An exact rational constant num / den (den > 0), e.g. 2/sqrt(pi) is not
 * one; see ab_iv_const_* for those. */
void ab_iv_set_q(ab_iv *r, long num, unsigned long den);
void ab_iv_const_pi(ab_iv *r);
void ab_iv_const_log2(ab_iv *r);
/* A constant given as a decimal string, exactly as the forward code
 * defines it (selu's alpha and scale): the decimal value, enclosed. */
void ab_iv_set_str(ab_iv *r, const char *decimal);

/* Arithmetic. */
void ab_iv_neg(ab_iv *r, const ab_iv *a);
void ab_iv_add(ab_iv *r, const ab_iv *a, const ab_iv *b);
void ab_iv_sub(ab_iv *r, const ab_iv *a, const ab_iv *b);
void ab_iv_mul(ab_iv *r, const ab_iv *a, const ab_iv *b);
/* b containing 0 gives [-inf, +inf]. */
void ab_iv_div(ab_iv *r, const ab_iv *a, const ab_iv *b);
void ab_iv_sqr(ab_iv *r, const ab_iv *a);
void ab_iv_add_si(ab_iv *r, const ab_iv *a, long v);
void ab_iv_mul_si(ab_iv *r, const ab_iv *a, long v);
void ab_iv_mul_2si(ab_iv *r, const ab_iv *a, long k);  /* times 2^k: exact */
void ab_iv_si_sub(ab_iv *r, long v, const ab_iv *a);    /* v - a */
void ab_iv_si_div(ab_iv *r, long v, const ab_iv *a);    /* v / a */
void ab_iv_abs(ab_iv *r, const ab_iv *a);

/* Elementary functions (increasing ones at matching ends; erfc and the
 * non-monotone ones by cases). */
void ab_iv_exp(ab_iv *r, const ab_iv *a);
void ab_iv_expm1(ab_iv *r, const ab_iv *a);
void ab_iv_log(ab_iv *r, const ab_iv *a);     /* a must be >= 0 */
void ab_iv_log1p(ab_iv *r, const ab_iv *a);   /* a must be >= -1 */
void ab_iv_sqrt(ab_iv *r, const ab_iv *a);    /* a must be >= 0 */
void ab_iv_tanh(ab_iv *r, const ab_iv *a);
void ab_iv_erf(ab_iv *r, const ab_iv *a);
void ab_iv_erfc(ab_iv *r, const ab_iv *a);
/* sigmoid(a) = 1/(1+e^-a), evaluated as the forward reference does (exp
 * only of -|a|), so it neither overflows nor loses the tail. */
void ab_iv_sigmoid(ab_iv *r, const ab_iv *a);

/* The contract of ab_reference_fn for an enclosure of f(x): y is a point
 * of [lo, hi] (its midpoint, at one bit more than the wider end), and the
 * return value is
 *   - AB_REF_EXACT when lo == hi (f(x) is that number);
 *   - otherwise E = EXP(hi - lo rounded up), so |y - f(x)| <= hi - lo < 2^E.
 * A midpoint that is zero is replaced by hi (or lo), since a zero y is
 * read as exact (api/actbench.h).  An enclosure with an infinite or NaN
 * end gives a finite y with E = 2^40, which never decides: the Ziv loop
 * raises the precision, and at the cap counts it (cap_hit).
 *
 * Zero and the tails: an interval that holds 0 never decides (0 is a grid
 * point), so a reference must treat inputs whose |f(x)| is provably below
 * 2^-1100 (under a quarter of the smallest subnormal of f32 and f64) before
 * the interval formula: ab_iv_tiny() returns the signed zero with the
 * direction of f, which the Ziv decision rounds to that signed zero. */
long ab_iv_result(mpfr_t y, const ab_iv *a);

/* f(x) is nonzero with |f| < 2^-1100 and the sign of `negative`. */
long ab_iv_tiny(mpfr_t y, int negative);

/* Convenience: the number of bits the interval's ends carry. */
mpfr_prec_t ab_iv_prec(const ab_iv *a);
#endif
