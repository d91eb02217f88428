/* d_hard_swish: hard_swish(x) = x relu6(x + 3)/6, so hard_swish'(x) = 0
 * for x < -3, x/3 + 1/2 for -3 < x < 3, 1 for x > 3.  At the kinks the
 * value is a convention (reference/d_piecewise.c): PyTorch's
 * hardswish_backward (scalar path) takes the inner branch on the closed
 * interval [-3, 3], so d(-3) = -1/2 and d(3) = 3/2; its vector path takes
 * x >= 3 as the outer branch, so d(3) = 1 there (variant framework-vec). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* PyTorch's rules for maximum / minimum (derivatives.yaml), gradient to
 * `self`: where(self == other, g/2, g).masked_fill_(self < other, 0)
 * (minimum: self > other).  NaN fails every comparison and passes g. */
#define MAX_TO_SELF(s, o, g) ((s) < (o) ? 0 : (s) == (o) ? (g) / 2 : (g))
#define MIN_TO_SELF(s, o, g) ((s) > (o) ? 0 : (s) == (o) ? (g) / 2 : (g))

/* naive: reverse-mode autodiff of x * min(max(x + 3, 0), 6) / 6
 * (impls/hard_swish.c), g = 1, in the order PyTorch runs it:
 *   s = x + 3;  m = max(s, 0);  r = min(m, 6);  out = (x * r) / 6
 *   d   = g / 6 = RN(1/6)                  (div backward)
 *   g1  = d * r;  g_r = d * x              (mul backward: to x, to r)
 *   g_m = MIN_TO_SELF(m, 6, g_r);  g_s = MAX_TO_SELF(s, 0, g_m)
 *   g_x = g1 + g_s                         (x is used twice: the sum)
 * So a tie splits the r-path: d(3) = 1 + 1/4 = 5/4 and d(-3) = -1/4 (the
 * means of the one-sided slopes), three roundings between the kinks. */
static float naive_f32(float x) {
    float s = x + 3.0f, m = fmaxf(s, 0.0f), r = fminf(m, 6.0f), d = 1.0f / 6.0f;
    float g1 = d * r, gr = d * x;
    float gm = MIN_TO_SELF(m, 6.0f, gr), gs = MAX_TO_SELF(s, 0.0f, gm);
    return g1 + gs;
}
static double naive_f64(double x) {
    double s = x + 3.0, m = fmax(s, 0.0), r = fmin(m, 6.0), d = 1.0 / 6.0;
    double g1 = d * r, gr = d * x;
    double gm = MIN_TO_SELF(m, 6.0, gr), gs = MAX_TO_SELF(s, 0.0, gm);
    return g1 + gs;
}
/* per-op: the same chain with every result rounded to the format (the
 * halvings at the ties are exact: there |g_r| >= 1/2).  x + 3 rounds to 6
 * (a tie, to even) also at 3 -+ 2^-6 (bf16) / 3 -+ 2^-9 (f16): 5/4 there. */
static inline float perop(float x, int bf) {
    float s = R(x + 3.0f), m = fmaxf(s, 0.0f), r = fminf(m, 6.0f), d = R(1.0f / 6.0f);
    float g1 = R(d * r), gr = R(d * x);
    float gm = MIN_TO_SELF(m, 6.0f, gr), gs = MAX_TO_SELF(s, 0.0f, gm);
    return R(g1 + gs);
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's hardswish_backward, scalar path:
 * x < -3 ? 0 : x <= 3 ? g * ((x / 3) + 0.5) : g.  Two roundings: x/3 then
 * + 1/2, which cancels near the root x = -3/2 (x/3's error, up to 2^-26 in
 * f32, is kept while the result goes to 0).  NaN gives g = 1. */
static float framework_f32(float x) {
    return x < -3.0f ? 0.0f : x <= 3.0f ? 1.0f * ((x / 3.0f) + 0.5f) : 1.0f;
}
static double framework_f64(double x) {
    return x < -3.0 ? 0.0 : x <= 3.0 ? 1.0 * ((x / 3.0) + 0.5) : 1.0;
}

/* framework-vec: the same kernel's vector path (Vectorized blendv):
 * blendv(blendv(g * ((x/3) + 0.5), g, x >= 3), 0, x < -3): d(3) = 1, and
 * NaN reaches the arithmetic and gives NaN. */
static float framework_vec_f32(float x) {
    return x < -3.0f ? 0.0f : x >= 3.0f ? 1.0f : 1.0f * ((x / 3.0f) + 0.5f);
}
static double framework_vec_f64(double x) {
    return x < -3.0 ? 0.0 : x >= 3.0 ? 1.0 : 1.0 * ((x / 3.0) + 0.5);
}

/* stable: the convention, x/3 + 1/2 = (2x + 3)/6 correctly rounded.
 * f32, in double: for |x| >= 2^-24, x is a multiple of 2^u, u >= -47, so
 * 2x + 3 (a multiple of 2^-46 below 2^4) is exact, and v = (2x + 3)/6 =
 * n 2^u / 3.  The double quotient is off by at most 2^(E-53) (2^E <= v <
 * 2^(E+1), E <= 0).  An f32 rounding midpoint M of v's binade is a
 * multiple of 2^(E-24); unless v is a dyadic (3 | n: then exact in
 * double), |v - M| >= min(2^u, 2^(E-24))/3 > 2^(E-53), so the double
 * quotient rounds to the float v rounds to.  For |x| < 2^-24, |v - 1/2| <
 * 2^-25.5 and the double result is within 2^-53 of it: both round to 1/2
 * (the f32 gaps around 1/2 are 2^-25 below and 2^-24 above).
 * f64, in binary128 (GCC's __float128, IEEE correctly rounded in libgcc):
 * the same argument with 113 bits: for |x| >= 2^-57, u >= -109 and 2x + 3
 * has at most 112 bits; the quotient's error 2^(E-113) < 2^u/3 and <
 * 2^(E-53)/3; for |x| < 2^-57, |v - 1/2| < 2^-58 and both round to 1/2.
 * NaN propagates through the arithmetic; +-0 give 1/2. */
static float stable_f32(float x) {
    if (x < -3.0f) return 0.0f;
    if (x > 3.0f) return 1.0f;
    return (float)((2.0 * x + 3.0) / 6.0);
}
static double stable_f64(double x) {
    if (x < -3.0) return 0.0;
    if (x > 3.0) return 1.0;
    return (double)((2 * (__float128)x + 3) / 6);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(framework_vec)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of x*min(max(x+3,0),6)/6, ties g/2 (torch.maximum/minimum): d(-3) = -1/4, d(3) = 5/4"
#define FW_F "PyTorch hardswish_backward (scalar): x<-3 ? 0 : x<=3 ? x/3+0.5 : 1 (d(-3) = -1/2, d(3) = 3/2)"
#define FWV_F "PyTorch hardswish_backward (vector blendv): x<-3 ? 0 : x>=3 ? 1 : x/3+0.5 (d(3) = 1)"
#define STABLE_F32_F "x<-3 ? 0 : x>3 ? 1 : RN((2x+3)/6) via double (d(-3) = -1/2, d(3) = 3/2, PyTorch's)"
#define STABLE_F64_F "x<-3 ? 0 : x>3 ? 1 : RN((2x+3)/6) via __float128 (d(-3) = -1/2, d(3) = 3/2, PyTorch's)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(d*r) + gs), gs = R(d*x) through the ties (g/2), r=min(max(R(x+3),0),6), d=R(1/6)"),
    AB_VARIANT("framework", AB_NAIVE, "scalar", INFINITY, FW_F, framework_f32_batch),
    AB_VARIANT("framework", AB_NAIVE, "scalar", INFINITY, FW_F, framework_f64_batch),
    AB_VARIANT("framework-vec", AB_NAIVE, "scalar", INFINITY, FWV_F, framework_vec_f32_batch),
    AB_VARIANT("framework-vec", AB_NAIVE, "scalar", INFINITY, FWV_F, framework_vec_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F32_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F64_F, stable_f64_batch),
};

/* Kinks at -3 and 3; the root -3/2, where x/3 + 0.5 cancels. */
static const ab_range ranges[] = {
    {"neg_knee", -4, -2, -4, -2},
    {"pos_knee", 2, 4, 2, 4},
    {"root", -1.75, -1.25, -1.75, -1.25},
};

static const ab_activation d_hard_swish = {
    .name = "d_hard_swish",
    .description = "derivative of hard_swish: x < -3 ? 0 : x <= 3 ? x/3 + 1/2 : 1 (-1/2 at -3, 3/2 at 3, PyTorch's hardswish_backward)",
    .reference = ab_ref_d_hard_swish,
    .fast32 = ab_fast32_d_hard_swish,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-3, 3, -1.5),
    AB_THRESHOLDS64(-3, 3, -1.5),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Values in [-1/2, 3/2] (the kinks' values are the ends).  hard_swish(x)
     * - hard_swish(-x) = x, so d(x) + d(-x) = 1; the convention keeps it
     * at the kinks: -1/2 + 3/2 = 1.  Drops at -3 and at 3: not monotone. */
    .props = AB_PROPS(AB_RANGE(-0.5, 1.5), 0, AB_SYM_SUM, 1),
};
AB_REGISTER(d_hard_swish)
