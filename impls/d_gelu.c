/* d_gelu: the derivative of gelu(x) = x Phi(x) (the erf form),
 * gelu'(x) = Phi(x) + x phi(x), Phi(x) = erfc(-x/sqrt2)/2,
 * phi(x) = e^(-x^2/2)/sqrt(2 pi): variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_gelu.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: reverse mode through the seed article's 0.5 * x * (1 + erf(x /
 * sqrt2)) (impls/gelu.c's naive, x * r with r = RN(1/sqrt2)), incoming
 * gradient 1, PyTorch's derivatives.yaml rules:
 *   forward  h = 0.5 * x; a = x * r; b = erf(a); c = 1 + b; y = h * c
 *   MulBackward  gh = c;  gc = h
 *   AddBackward  gb = gc
 *   ErfBackward  ga = 2/sqrt(pi) * exp(-(a^2)) * gb
 *   MulBackward  gx1 = ga * r;  (0.5 * x) gx2 = gh * 0.5
 *   dx = gx2 + gx1
 * For x < 0, c = 1 + erf(a) cancels (erf(a) -> -1): from about -5.9 / -8.3
 * erf(a) rounds to -1 and c = 0, gh = 0 and the result is x phi(x) alone,
 * of the right sign but missing Phi(x) (relative error ~ 1/x^2, e.g. 3%
 * at -6); before that c keeps only the bits of erf below 1. */
#define NAIVE(T, ERF, EXP, R)                                              \
    T h = (T)0.5 * x, a = x * (R), b = ERF(a), c = (T)1 + b;               \
    T gh = (T)1 * c, gc = (T)1 * h, gb = gc;                               \
    T ga = (T)ab_gelu_c.two_over_sqrtpi * EXP(-(a * a)) * gb;              \
    T gx1 = ga * (R), gx2 = gh * (T)0.5;                                   \
    return gx2 + gx1;
static float naive_f32(float x) { NAIVE(float, erff, expf, ab_gelu_c.r_f32) }
static double naive_f64(double x) { NAIVE(double, erf, exp, ab_gelu_c.r_hi) }
/* per-op: the f32 chain with every result and constant rounded to the
 * format (the f32 constants round as the exact ones would: none is a
 * midpoint of either format). */
static inline float perop(float x, int bf) {
    float r = R(ab_gelu_c.r_f32), k = R((float)ab_gelu_c.two_over_sqrtpi), half = R(0.5f);
    float h = R(half * x), a = R(x * r), b = R(erff(a)), c = R(1.0f + b);
    float gh = R(1.0f * c), gc = R(1.0f * h), gb = gc;
    float ga = R(R(k * R(expf(-R(a * a)))) * gb);
    float gx1 = R(ga * r), gx2 = R(gh * half);
    return R(gx2 + gx1);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's GeluBackward, approximate='none' (aten/src/ATen/
 * native/cpu/Activation.cpp, scalar path), in the tensor's precision:
 *   kBeta = M_2_SQRTPI * M_SQRT1_2 * 0.5; kAlpha = M_SQRT1_2;
 *   cdf = 0.5 * (1 + erf(x * kAlpha)); pdf = kBeta * exp(x * x * -0.5);
 *   dy * (cdf + x * pdf)
 * The same 1 + erf cancellation as naive: cdf = 0 below -5.9 / -8.3, and
 * the sum cdf + x pdf cancels again at the zero crossing x0 = -0.75179. */
#define FROM_OUTPUT(T, ERF, EXP)                                           \
    const T kBeta = (T)(M_2_SQRTPI * M_SQRT1_2 * 0.5), kAlpha = (T)M_SQRT1_2; \
    T cdf = (T)0.5 * ((T)1 + ERF(x * kAlpha));                             \
    T pdf = kBeta * EXP(x * x * (T)-0.5);                                  \
    return (T)1 * (cdf + x * pdf);
static float from_output_f32(float x) { FROM_OUTPUT(float, erff, expf) }
static double from_output_f64(double x) { FROM_OUTPUT(double, erf, exp) }

/* stable f64: in long double (x86 80-bit, u = 2^-64), rounded once
 * (f32: the same in double, below):
 *   f = erfc(-x/sqrt2)/2 + x e^(-x^2/2)/sqrt(2 pi)
 * erfc of -x/sqrt2 has no 1 + erf cancellation.  x^2 = hi + lo exactly
 * (fma) and e^(-x^2/2) = e^(-hi/2) (1 - lo/2) to (lo/2)^2 < 2^-80: the
 * argument of expl is exact (hi/2), so phi is within 2u even at x = -40
 * where a rounded x^2/2 would cost 800 u.  erfc's argument is rounded
 * once (u relative); erfc's condition there is ~ 2z^2 = x^2, but in the
 * tail Phi is only ~ 1/x^2 of |f| (Phi ~ phi/|x|, f ~ x phi), so it adds
 * ~ u to f.  The sum cancels only at the zero crossing
 * x0 = -0.75179152469356445746; for |t| < 1/8, t = x - x0 = (x - X0H) - X0L
 * (x - X0H exact by Sterbenz; X0H + X0L = x0 to 2^-118; the double nearest
 * x0 is 0.13 ulp away, |t| >= 2^-56), f is the degree-15 Taylor polynomial
 * at x0 (coefficients by mpmath at 600 bits, truncation below 2^-68 of the
 * first term).  Outside the window |f| >= 0.048 against terms below 1.2 (a
 * cancellation of at most 9, mpmath): a few u stay under 2^-58 relative.
 * Below -40 |f| < 40 e^-800: -0 (covers -inf; f < 0 there); above 40
 * 0 < f - 1 < 40 e^-800: 1 (covers +inf).  expl stays normal down to e^-800 (long double reaches e^-11355),
 * so the final rounding is the only one into the subnormals.  Bound: below
 * 1/2 + 2^-4 ulp. */
#define X0H (-0x1.80ead197f00b4p-1)
#define X0L (0x89f3a62c656d4166p-119L)
#define RSQRT2 (0xb504f333f9de6484p-64L)      /* 1/sqrt2 */
#define RSQRT2PI (0xcc42299ea1b28468p-65L)    /* 1/sqrt(2 pi) */
static const long double TAY[15] = {
    0xdcecc7d2d190abf0p-65L, 0xc6cd4a0ef1d62b5dp-65L, -0x95177cddc32d6fdbp-69L,
    -0xe97d260be3f4216ep-67L, -0xf20441227c80e964p-70L, 0x9f1a36f7a102b452p-69L,
    0x94bdceb7fd566abfp-71L, -0x92c536c2b19d79f6p-72L, -0xc3407ba735b5ce0fp-74L,
    0xc36431db3041ddc3p-76L, 0xb4b084926f5d4176p-77L, -0xbc25656a5ca0f39ap-80L,
    -0x81ff634deeaa9f56p-80L, 0xe861c5bd08be633ap-85L, 0x99151a3f8cb45866p-84L,
};
static long double stable_ld(double x) {
    if (x > 40.0) return 1.0L;
    if (x < -40.0) return -0.0L;
    long double t = (long double)(x - X0H) - X0L;
    if (fabsl(t) < 0.125L) {
        long double s = TAY[14];
        for (int k = 13; k >= 0; k--) s = s * t + TAY[k];
        return s * t;
    }
    double hi = x * x, lo = fma(x, x, -hi);
    long double X = x;
    long double phi = expl(-0.5L * hi) * (1.0L - 0.5L * lo) * RSQRT2PI;
    return 0.5L * erfcl(-X * RSQRT2) + X * phi;
}
static double stable_f64(double x) { return (double)stable_ld(x); }

/* stable f32: the same formulas in double (u = 2^-53), rounded once to
 * float: a double within r relative rounds to within 1/2 + r 2^24 ulp, and
 * the 2^29 between the formats covers: x^2 exact (24 x 24 bits) and halved
 * exactly, exp and erfc (<= 1 ulp each), erfc's argument 2u, times erfc's
 * condition x^2 (<= 225) but Phi < |x phi| / x^2 in the tail, so <= 10u of
 * f; products and the sum a few u; the sum's cancellation outside the
 * window at most 9 (at x0 - 1/8, where |f| = 0.048; mpmath).  Below 2^-46:
 * 1/2 + 2^-22 ulp.  Near x0 the window is still needed: both terms are
 * 0.23 with a few u absolute error each, and the float nearest x0 is
 * 2^-26.3 away, f there 2^-27.5: about 0.1 ulp of the float (and nothing
 * bounds |t| from below in general).  The Taylor sum keeps it relative:
 * t as above (2u + 2^-107/|t|), 11 coefficients rounded to double
 * (truncation below 2^-47 of the first term), a Horner sum of terms
 * falling by 8 or more: a few u.  x < -15: |f| < 2^-159 (mpmath), below
 * half the least float subnormal: -0 (covers -inf; phi stays normal). */
#define X0L_D (0x1.13e74c58cada8p-56)     /* X0H + X0L_D = x0 to 2^-108 */
#define RSQRT2_D (0x1.6a09e667f3bcdp-1)
#define RSQRT2PI_D (0x1.9884533d43651p-2)
static const double TAY_D[11] = {
    0x1.b9d98fa5a3215p-2, 0x1.8d9a941de3ac5p-2, -0x1.2a2ef9bb865aep-6,
    -0x1.d2fa4c17c7e84p-4, -0x1.e4088244f901dp-7, 0x1.3e346def42057p-6,
    0x1.297b9d6ffaacdp-8, -0x1.258a6d85633afp-9, -0x1.8680f74e6b6bap-11,
    0x1.86c863b66083cp-13, 0x1.69610924deba8p-14,
};
static float stable_f32(float xf) {
    double x = xf;
    if (x > 40.0) return 1.0f;
    if (x < -15.0) return -0.0f;
    double t = (x - X0H) - X0L_D;
    if (fabs(t) < 0.125) {
        double s = TAY_D[10];
        for (int k = 9; k >= 0; k--) s = s * t + TAY_D[k];
        return (float)(s * t);
    }
    double phi = exp(-0.5 * (x * x)) * RSQRT2PI_D;
    return (float)(0.5 * erfc(-x * RSQRT2_D) + x * phi);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 0.5f*x*(1+erff(x*r)): c*0.5 + (2/sqrtpi*expf(-a^2)*0.5x)*r, c=1+erff(a), a=x*r", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 0.5*x*(1+erf(x*r)): c*0.5 + (2/sqrtpi*exp(-a^2)*0.5x)*r, c=1+erf(a), a=x*r", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(c*0.5) + R(R(R(2/sqrtpi*R(exp(-R(a*a))))*h)*r)), c=R(1+R(erf(a))), a=R(x*r), h=R(0.5*x), constants R()"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch GeluBackward (none): 0.5*(1+erff(x*kAlpha)) + x*kBeta*expf(x*x*-0.5)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch GeluBackward (none): 0.5*(1+erf(x*kAlpha)) + x*kBeta*exp(x*x*-0.5)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "double: erfc(-x/sqrt2)/2 + x*exp(-x^2/2)/sqrt(2pi), x^2 exact; |x-x0|<1/8: Taylor at x0", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "long double: erfcl(-x/sqrt2)/2 + x*e^(-hi/2)(1-lo/2)/sqrt(2pi), x^2=hi+lo; |x-x0|<1/8: Taylor at x0", stable_f64_batch),
};

/* 1 + erf(x/sqrt2) loses everything (erf rounds to -1) below about -5.9 /
 * -8.3; gelu' underflows to -0 below about -13.9 / -38.6; the zero
 * crossing x0 = -0.75179 and the stable Taylor window |x - x0| < 1/8;
 * saturation (f rounds to 1) from about 5.9 / 8.6. */
static const ab_range ranges[] = {
    {"neg_tail", -15, -4, -39, -7},
    {"crossing", -1, -0.5, -1, -0.5},
    {"saturation", 4, 10, 6, 12},
};

static const ab_activation d_gelu = {
    .name = "d_gelu",
    .description = "derivative of gelu: Phi(x) + x phi(x)",
    .reference = ab_ref_d_gelu,
    .fast32 = ab_fast32_d_gelu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* The float and the double next to x0 and the Taylor window's ends
     * x0 -+ 1/8; -+40, where stable saturates (f32: -15, 40). */
    AB_THRESHOLDS32(-0x1.80ead2p-1, -0x1.c0ead2p-1, -0x1.40ead2p-1, -15, 40),
    AB_THRESHOLDS64(-0x1.80ead197f00b4p-1, -0x1.c0ead197f00b4p-1, -0x1.40ead197f00b4p-1, -40, 40),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* gelu'' = phi(x)(2 - x^2): extremes at -+sqrt2, 1 + sqrt2 phi(sqrt2) -
     * Q(sqrt2) = 1.12890414518515478634 and 1 minus that (mpmath), rounded
     * outward.  gelu(x) - gelu(-x) = x (Phi(x) + Phi(-x)) = x, so
     * gelu'(x) + gelu'(-x) = 1. */
    .props = AB_PROPS(AB_RANGE2(-0x1.07fee6p-3, 0x1.20ffdep+0, -0x1.07fee57f1cd3cp-3, 0x1.20ffdcafe39a8p+0),
                      0, AB_SYM_SUM, 1),
};
AB_REGISTER(d_gelu)
