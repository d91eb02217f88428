/* expected.h: the reasons shared by several variants' declared expected
 * failures (AB_VARIANT_EXPECTING, api/actbench.h).  Each is a measured
 * fact about the variant (the sweep's property and failure columns), not
 * an excuse: the report shows such a variant as "fails as declared". */
#ifndef AB_IMPLS_EXPECTED_H
#define AB_IMPLS_EXPECTED_H
#define AB_WHY_MONO_OWN \
    "monotone: its rounding errors (within the declared bound) are not monotone in x, so neighbouring outputs can be an ulp out of order; not fixed"
#define AB_WHY_MONO_LIBM \
    "monotone: composed of rounded libm steps (exp, log1p, add, divide), each within its bound, so neighbouring outputs can be an ulp out of order"
#define AB_WHY_MONO_SLEEF \
    "monotone: SLEEF promises an error bound, not monotonicity; neighbouring outputs can be an ulp out of order"
#define AB_WHY_MONO_LIBMVEC \
    "monotone: glibc libmvec promises 4 ulps, not monotonicity; neighbouring outputs can be an ulp out of order"
#define AB_WHY_ZERO \
    "returns 0 in the tail where the result is a nonzero subnormal (measured); the declared bound covers it"
#define AB_WHY_SELU_OVERFLOW \
    "known bug, not fixed: returns inf at x = 0x1.e74b3p+127 (every-input sweep, results/exhaustive.csv), where selu(x) rounds to a finite float just below FLT_MAX"
#endif
