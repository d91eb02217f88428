/* fast32_tier.h: helpers shared by the fast-tier functions
 * (reference/fast32_smooth.c, fast32_exp.c, fast32_more.c, fast32_grad.c;
 * the contract is ab_fast32_fn's, api/actbench.h): the constants and
 * answers of the binary64 tails (explained at the top of fast32_smooth.c),
 * and the directions beside grid points.
 *
 * Directions beside grid points.  ab_fast32_decide (fast32.c) needs f(x)
 * strictly inside one cell of the f32 grid (reference.h: 26-bit
 * significands, step 2^-151 below 2^-126).  Where f(x) = w + g(x) with w
 * a grid point and g(x) tiny (saturation: tanh -> +-1, softplus -> x;
 * near-identity: tanh x -> x, silu -> x/2, exp -> 1, ...), a bound
 * (v, err) with err about 2^-50 |f| straddles w whenever |g| < err, and
 * never decides.  A direction does: v = w, f strictly above (below) w and
 * |f - w| <= b (each caller proves the sign of g and the bound b beside
 * its test).  The cells on either side of a grid point w with 2^-126 <=
 * |w| are at least 2^-26 |w| wide (2^(k-25) inside w's binade 2^k <= |w|
 * < 2^(k+1), 2^(k-26) below a power of two 2^k), and 2^-151 wide below
 * 2^-126; every caller keeps b <= 2^-29 |w| (or far below 2^-151), so the
 * direction decides, and picks its region so that outside it |g| exceeds
 * 2^-40 |f|, where its bound keeps deciding (a bound fails only
 * within err of a grid point: isolated inputs).
 *
 * Grid points used: every float (x itself, +-1, 1/2, 2), x/2 (exact, a
 * float or an f32 midpoint, 2^-150 included), 3x/5 when exact (24 bits at
 * most: a float), 1/2 + x/4 when a grid point (sigmoid).  In f32's normal range a double is a grid point iff its
 * low 27 significand bits are zero (52 - 25), which fast_on_grid tests (a
 * necessary condition below 2^-126, where the grid is coarser still).
 *
 * err = fl(b + |w| 2^-60) >= b (rounding is monotone and b is a double).
 * The slack 2^-60 |w| serves the certification only: tests/fast32_check.c
 * compares (v, err) with the MPFR reference's value, which, where the
 * reference answers with a bound rather than a direction, carries errors
 * up to about 2^-62 relative.  It costs no decision: b + 2^-60 |w| stays
 * far inside the cell beside w. */
#ifndef AB_FAST32_TIER_H
#define AB_FAST32_TIER_H
#include "fast32.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- Constants and answers shared by the tiers ---- */

/* u, binary64's unit roundoff: |fl(r) - r| <= u |r| for a correctly
 * rounded nonzero r without underflow. */
#define U 0x1p-53

/* e^y overflows MPFR's range (2^(2^62 - 1), MPFR's largest value is below
 * it) from y = (2^62 - 1) ln 2 = 3196577161300663914.25 on; this is the
 * first float above it (the float below is 2.7e11 below it, where e^y is
 * a finite MPFR value, which the reference then rounds). */
#define MPFR_OVF_LN 0x1.62e43p+61
/* e^y for y < SUB_LN is below 2^-1022: formed as exp(y/2)^2. */
#define SUB_LN (-708.0)
/* e^y < 2^-1074 for y below -744.44. */
#define TINY_LN (-744.5)
/* exp(y) overflows binary64 from 709.7827 on; 709.78 is below. */
#define OVF_LN 709.78

#define FAST_NAN(x)                                                     \
    if (isnan(x)) { *v = x; *err = 0; return 1; }

/* selu's decimals lambda = 1.0507009873554805, alpha = 1.6732632423543772
 * (reference/selu.c) as doubles: each within u (relative) of the decimal. */
#define AB_SELU_LAMBDA_D 1.0507009873554805
#define AB_SELU_ALPHA_D 1.6732632423543772

/* 2 sqrt(2/pi) rounded to nearest (gelu_tanh's K). */
#define AB_GELU_TANH_K 0x1.9884533d43651p+0

static inline int fast_exact(double *v, double *err, double value) {
    *v = value;
    *err = 0;
    return 1;
}

/* 0 < |f| <= b, f of the sign of `sign` (+1 or -1): f lies strictly on
 * that side of +-0 within b, v = +-0 with f's direction; the direction
 * decides while b stays inside the cell beside 0 (2^-151 wide). */
static inline int fast_beside_zero(int sign, double b, double *v, double *err) {
    *v = sign > 0 ? 0.0 : -0.0;
    *err = b;
    return sign > 0 ? AB_FAST_ABOVE : AB_FAST_BELOW;
}

/* 0 < |f| < 2^-1074 (the tails, see the top of fast32_smooth.c). */
static inline int fast_tiny(double *v, double *err, int sign) {
    return fast_beside_zero(sign, 0x1p-1074, v, err);
}

/* The bound (r, e), |r - f| <= e, for an f of the sign of `sign`: as is
 * while |r| > 2e; else the direction from +-0 (see the top of
 * fast32_smooth.c): 0 < |f| <= |r| + e <= 3e <= 4e (4e exact).  (The
 * decision moves a bound's ends one double outward: with |r| - e <=
 * 2^-1074, the binary64 subnormal case, that end would reach 0, a grid
 * point, and the bound could never decide.) */
static inline int fast_sign_known(double *v, double *err, double r, double e, int sign) {
    if (fabs(r) > 2 * e) {
        *v = r;
        *err = e;
        return AB_FAST_BOUND;
    }
    return fast_beside_zero(sign, 4 * e, v, err);
}

/* ---- Directions beside grid points (the top) ---- */

/* f strictly above (above = 1) or below w, |f - w| <= b. */
static inline int fast_beside(double w, int above, double b, double *v, double *err) {
    *v = w;
    *err = b + fabs(w) * 0x1p-60;
    return above ? AB_FAST_ABOVE : AB_FAST_BELOW;
}

/* f strictly between w and 0, |f - w| <= b. */
static inline int fast_toward_zero(double w, double b, double *v, double *err) {
    return fast_beside(w, w < 0, b, v, err);
}

/* Exact grid points and near-misses of algebraic results.  A bound (r, e)
 * fails when a grid point w lies within e of r; where the caller can tell
 * the sign of f - w exactly (an fma residual: the exact value rounded
 * once, which keeps its sign and never rounds a nonzero value to 0 short
 * of underflow), f = w is exact, or f lies strictly beside w with
 * |f - w| <= |r - w| + e, and the direction decides.
 * fast_grid_nearest: the grid point nearest v (2^-126 <= |v| < 2^128: v
 * rounded to 26 bits, the carry into the exponent included).
 * fast_resolve: side = the sign of f - w; with |r - w| <= 2e (the only
 * case the callers pass), b = 2 fl(|r - w| + e) >= |r - w| + e (|r - w|
 * is exact: r and w are within a factor 2, Sterbenz), b <= 6.1e. */
static inline double fast_grid_nearest(double v) {
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    b = (b + (1u << 26)) & ~(uint64_t)0x7ffffffu;
    memcpy(&v, &b, sizeof b);
    return v;
}
static inline int fast_resolve(double w, double side, double r, double e, double *v,
                               double *err) {
    if (side == 0) {
        *v = w;
        *err = 0;
        return AB_FAST_BOUND;
    }
    return fast_beside(w, side > 0, 2 * (fabs(r - w) + e), v, err);
}

/* |x| is a power of two: its significand bits are 0.  For normal x only
 * (the callers have |x| >= 2^16): a subnormal power of two has one bit
 * set there, and +-inf passes. */
static inline int fast_power_of_two(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (b & 0xfffffffffffffu) == 0;
}

/* The low 27 significand bits of w are zero: w is a grid point when
 * 2^-126 <= |w| < 2^128 (a necessary condition below). */
static inline int fast_on_grid(double w) {
    uint64_t b;
    memcpy(&b, &w, sizeof b);
    return (b & 0x7ffffffu) == 0;
}
#endif
