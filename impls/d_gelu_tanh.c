/* d_gelu_tanh: the derivative of the tanh form of GELU,
 * gelu_tanh(x) = x/2 (1 + tanh(k (x + c x^3))), k = sqrt(2/pi), c = 0.044715:
 * with S = sigmoid(v), v = 2k x (1 + c x^2), v' = 2k (1 + 3c x^2),
 * gelu_tanh'(x) = S + x S (1 - S) v'.  Variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_gelu_tanh.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP of stable over every range (--samples 200000): f32 0.5,
 * f64 1.39 (neg_tail, -0x1.4f017b2ba4fbep+4: v's rounding, below); the
 * bound leaves a margin. */
#define STABLE64 3

/* naive: reverse mode through the seed article's
 * 0.5 * x * (1 + tanh(K * (x + 0.044715 * x * x * x))) (impls/gelu_tanh.c's
 * naive, K = RN(sqrt(2/pi))), incoming gradient 1, derivatives.yaml rules:
 *   forward  a1 = 0.044715 * x; a2 = a1 * x; a3 = a2 * x; s = x + a3;
 *            u = K * s; th = tanh(u); c = 1 + th; h = 0.5 * x; y = h * c
 *   MulBackward   gh = c;  gc = h
 *   AddBackward   gth = gc
 *   TanhBackward  gu = gth * (1 - th * th)
 *   MulBackward   gs = gu * K
 *   AddBackward   gx1 = gs;  ga3 = gs
 *   MulBackward   ga2 = ga3 * x, gx2 = ga3 * a2;  ga1 = ga2 * x, gx3 = ga2 * a1
 *   MulBackward   gx4 = ga1 * 0.044715;  (0.5 * x) gx5 = gh * 0.5
 *   dx = gx5 + gx1 + gx4 + gx3 + gx2
 * For x < 0, c = 1 + tanh(u) cancels and is 0 once tanh rounds to -1
 * (below about -4.3 / -6.5), and 1 - th^2 likewise: the result is 0 (+-)
 * where gelu_tanh' is a normal number down to about -10 / -21. */
#define NAIVE(T, TANH, K)                                                  \
    T a1 = (T)0.044715 * x, a2 = a1 * x, a3 = a2 * x, s = x + a3;          \
    T u = (K) * s, th = TANH(u), c = (T)1 + th, h = (T)0.5 * x;            \
    T gh = (T)1 * c, gc = (T)1 * h, gth = gc;                              \
    T gu = gth * ((T)1 - th * th), gs = gu * (K);                          \
    T gx1 = gs, ga3 = gs, ga2 = ga3 * x, gx2 = ga3 * a2;                   \
    T ga1 = ga2 * x, gx3 = ga2 * a1, gx4 = ga1 * (T)0.044715;              \
    T gx5 = gh * (T)0.5;                                                   \
    return gx5 + gx1 + gx4 + gx3 + gx2;
static float naive_f32(float x) { NAIVE(float, tanhf, (float)(ab_gelu_tanh_kc.k_hi / 2)) }
static double naive_f64(double x) { NAIVE(double, tanh, ab_gelu_tanh_kc.k_hi / 2) }
/* per-op: the f32 chain with every result and constant rounded to the
 * format (the f32 constants round as the exact ones would: none is a
 * midpoint of either format). */
static inline float perop(float x, int bf) {
    float k = R((float)(ab_gelu_tanh_kc.k_hi / 2)), c0 = R(0.044715f), half = R(0.5f);
    float a1 = R(c0 * x), a2 = R(a1 * x), a3 = R(a2 * x), s = R(x + a3);
    float u = R(k * s), th = R(tanhf(u)), c = R(1.0f + th), h = R(half * x);
    float gh = R(1.0f * c), gc = R(1.0f * h), gth = gc;
    float gu = R(gth * R(1.0f - R(th * th))), gs = R(gu * k);
    float gx1 = gs, ga3 = gs, ga2 = R(ga3 * x), gx2 = R(ga3 * a2);
    float ga1 = R(ga2 * x), gx3 = R(ga2 * a1), gx4 = R(ga1 * c0);
    float gx5 = R(gh * half);
    return R(R(R(R(gx5 + gx1) + gx4) + gx3) + gx2);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's GeluBackward, approximate='tanh' (aten/src/ATen/
 * native/cpu/Activation.cpp, scalar path), in the tensor's precision:
 *   kBeta = M_SQRT2 * M_2_SQRTPI * 0.5; kKappa = 0.044715;
 *   x_sq = x * x; x_cube = x_sq * x; inner = kBeta * (x + kKappa * x_cube);
 *   tanh_inner = tanh(inner); left = 0.5 * x; right = 1 + tanh_inner;
 *   left_derivative = 0.5 * right; tanh_derivative = 1 - tanh_inner^2;
 *   inner_derivative = kBeta * (1 + 3 * kKappa * x_sq);
 *   right_derivative = left * tanh_derivative * inner_derivative;
 *   dy * (left_derivative + right_derivative)
 * The same two cancellations (1 + tanh, 1 - tanh^2) as naive. */
#define FROM_OUTPUT(T, TANH)                                               \
    const T kBeta = (T)(M_SQRT2 * M_2_SQRTPI * 0.5), kKappa = (T)0.044715; \
    T x_sq = x * x, x_cube = x_sq * x;                                     \
    T inner = kBeta * (x + kKappa * x_cube), tanh_inner = TANH(inner);     \
    T left = (T)0.5 * x, right = (T)1 + tanh_inner;                        \
    T left_derivative = (T)0.5 * right;                                    \
    T tanh_derivative = (T)1 - tanh_inner * tanh_inner;                    \
    T inner_derivative = kBeta * ((T)1 + (T)3 * kKappa * x_sq);            \
    T right_derivative = left * tanh_derivative * inner_derivative;        \
    return (T)1 * (left_derivative + right_derivative);
static float from_output_f32(float x) { FROM_OUTPUT(float, tanhf) }
static double from_output_f64(double x) { FROM_OUTPUT(double, tanh) }

/* stable f64: in long double (x86 80-bit, u = 2^-64), rounded once (f32:
 * the same in double, below).  With
 * e = e^-|v| (no overflow), S and 1 - S are each e/(1+e) or 1/(1+e), so
 *   x < 0: f = e (1 + e + x v') / (1 + e)^2,
 *   x >= 0: f = (1 + e + x v' e) / (1 + e)^2   (all terms positive).
 * x^2 = hi + lo exactly (fma), so v = 2k x (1 + c (hi + lo)) is within
 * about 4u relative (the constants 2k and c rounded to 64 bits, three
 * products and a sum of positives).  sigmoid's relative condition in v is
 * |v| (1 - S), up to |v| ~ 750 where f64 underflows (x ~ -21.6): there
 * the result carries up to 750 * 4u = 2^-52.4, about 1.5 ulp on top of
 * the final rounding.  That is this
 * variant's bound; carrying v to 2^-75 (a double-long-double product) would
 * remove it and is not done.  The only cancellation, 1 + e + x v' at the
 * zero crossing x0 = -0.75246142207101625849, is replaced for |t| < 1/8,
 * t = x - x0 = (x - X0H) - X0L (Sterbenz; X0H + X0L = x0 to 2^-117; the
 * double nearest x0 is 0.33 ulp away), by the degree-17 Taylor polynomial
 * at x0 (mpmath, 600 bits; truncation below 2^-68 of the first term).
 * Below -24 |f| < 2^-1465: -0 (covers -inf); above 24, 0 < f - 1 <
 * x v' e^-v < 2^-1000: 1 (covers +inf). */
#define X0H (-0x1.81429f9e97e4dp-1)
#define X0L (0xa7a91f6bbededcb3p-118L)
#define K2 (0xcc42299ea1b28468p-63L)    /* 2 sqrt(2/pi) */
#define C1 (0xb727136a400fba88p-68L)    /* 0.044715 */
#define C3 (0x895d4e8fb00bcbe6p-66L)    /* 3 * 0.044715 */
static const long double TAY[17] = {
    0xdc5d66964b5c8aecp-65L, 0xc668d1597ff9944fp-65L, -0x814b0af6d83bcd41p-69L,
    -0xe95bb9a323855716p-67L, -0x882541f6e06ee35bp-69L, 0xa13ccb6e124e6ec2p-69L,
    0xac64f6b89a435f91p-71L, -0x9ec6b20b85db8de6p-72L, -0xf31f94a198c4286fp-74L,
    0x8a5fc4ad34a8b791p-75L, 0x8249b7877b9ed845p-76L, -0x929de74f65724171p-78L,
    -0x85ce4a4abaedc802p-79L, 0xc6987ccaf773e013p-81L, 0xa3501946805bd250p-82L,
    -0x84db7ea357384d5ap-83L, -0xe76799fe78fd1e58p-85L,
};
static long double stable_ld(double x) {
    if (x > 24.0) return 1.0L;
    if (x < -24.0) return -0.0L;
    long double t = (long double)(x - X0H) - X0L;
    if (fabsl(t) < 0.125L) {
        long double s = TAY[16];
        for (int k = 15; k >= 0; k--) s = s * t + TAY[k];
        return s * t;
    }
    double hi = x * x, lo = fma(x, x, -hi);
    long double X = x, x2 = (long double)hi + lo;
    long double v = K2 * X * (1.0L + C1 * x2), dv = K2 * (1.0L + C3 * x2);
    long double e = expl(-fabsl(v)), d = 1.0L + e;
    if (x < 0) return e * (d + X * dv) / (d * d);
    return (d + X * dv * e) / (d * d);
}
static double stable_f64(double x) { return (double)stable_ld(x); }

/* stable f32: the same formulas in double (u = 2^-53), rounded once to
 * float: a double within r relative rounds to within 1/2 + r 2^24 ulp, and
 * the 2^29 between the formats covers: x^2 exact (24 x 24 bits), v within
 * 6u (K2 and c rounded, three products, a sum of positives), times
 * sigmoid's condition |v| <= 143 (x >= -12); exp (<= 1 ulp), v' and the
 * rest a few u, times the cancellation of d + x v' outside the window, at
 * most 9 (at x0 - 1/8; mpmath): below 2^-42, 1/2 + 2^-18 ulp.  Near x0 the
 * window is still needed: d + x v' cancels two terms of 1.29 with a few u
 * absolute error each, and the float nearest x0 is 2^-26.4 away: about 0.2
 * ulp of the float (and nothing bounds |t| from below in general).  The
 * Taylor sum keeps it relative: t within 2u + 2^-107/|t|, 11 coefficients
 * rounded to double (truncation below 2^-46 of the first term), a Horner
 * sum of terms falling by 8 or more: a few u.  x < -12: |f| < 2^-196
 * (mpmath), below half the least float subnormal: -0 (covers -inf; e^-|v|
 * stays a normal double above it). */
#define X0L_D (0x1.4f523ed77dbdcp-55)     /* X0H + X0L_D = x0 to 2^-107 */
#define K2_D (0x1.9884533d43651p+0)      /* 2 sqrt(2/pi) */
static const double TAY_D[11] = {
    0x1.b8bacd2c96b91p-2, 0x1.8cd1a2b2fff33p-2, -0x1.029615edb077ap-6,
    -0x1.d2b77346470abp-4, -0x1.104a83edc0ddcp-6, 0x1.427996dc249cep-6,
    0x1.58c9ed713486cp-8, -0x1.3d8d64170bb72p-9, -0x1.e63f294331885p-11,
    0x1.14bf895a69517p-12, 0x1.04936f0ef73dbp-13,
};
static float stable_f32(float xf) {
    double x = xf;
    if (x > 24.0) return 1.0f;
    if (x < -12.0) return -0.0f;
    double t = (x - X0H) - X0L_D;
    if (fabs(t) < 0.125) {
        double s = TAY_D[10];
        for (int k = 9; k >= 0; k--) s = s * t + TAY_D[k];
        return (float)(s * t);
    }
    double x2 = x * x;
    double v = K2_D * x * (1.0 + 0.044715 * x2), dv = K2_D * (1.0 + 0.134145 * x2);
    double e = exp(-fabs(v)), d = 1.0 + e;
    if (x < 0) return (float)(e * (d + x * dv) / (d * d));
    return (float)((d + x * dv * e) / (d * d));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

#define STABLE_FORMULA(T, SQ) T ": e(1+e+xv')/(1+e)^2 (x<0), (1+e+xv'e)/(1+e)^2, e=e^-|v|, v=2kx(1+cx^2), x^2 " SQ "; |x-x0|<1/8: Taylor at x0"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 0.5f*x*(1+tanhf(K*(x+0.044715f*x*x*x)))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 0.5*x*(1+tanh(K*(x+0.044715*x*x*x)))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(R(R(R(c*0.5)+gs)+R(ga1*C))+R(ga2*a1))+R(gs*a2)), gs=R(R(h*R(1-R(th*th)))*K), ga2=R(gs*x), ga1=R(ga2*x), th=R(tanh(R(K*R(x+a3)))), a1=R(C*x), a2=R(a1*x), a3=R(a2*x), c=R(1+th), h=R(0.5*x), C=R(0.044715), K=R(sqrt(2/pi))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch GeluBackward (tanh): 0.5*(1+th) + 0.5x*(1-th^2)*kBeta*(1+3kKappa x^2), tanhf", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch GeluBackward (tanh): 0.5*(1+th) + 0.5x*(1-th^2)*kBeta*(1+3kKappa x^2), tanh", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, STABLE_FORMULA("double", "exact"), stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, STABLE_FORMULA("long double", "by fma"), stable_f64_batch),
};

/* tanh(u) rounds to -1 below about -4.3 / -6.5 (1 + tanh = 0); the
 * derivative underflows to -0 below about -10.5 / -21.6; the zero crossing
 * x0 = -0.75246 and the stable Taylor window; saturation (f rounds to 1)
 * from about 4.3 / 6.6. */
static const ab_range ranges[] = {
    {"neg_tail", -11, -3, -22, -5},
    {"crossing", -1, -0.5, -1, -0.5},
    {"saturation", 3, 10, 5, 12},
};

static const ab_activation d_gelu_tanh = {
    .name = "d_gelu_tanh",
    .description = "derivative of gelu_tanh: S + x S(1-S) v', S = sigmoid(v), v = 2k x(1 + c x^2)",
    .reference = ab_ref_d_gelu_tanh,
    .fast32 = ab_fast32_d_gelu_tanh,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* The float and the double next to x0 and the Taylor window's ends
     * x0 -+ 1/8; -+24, where stable saturates (f32: -12, 24). */
    AB_THRESHOLDS32(-0x1.8142ap-1, -0x1.c142ap-1, -0x1.4142ap-1, -12, 24),
    AB_THRESHOLDS64(-0x1.81429f9e97e4dp-1, -0x1.c1429f9e97e4dp-1, -0x1.41429f9e97e4dp-1, -24, 24),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* extremes where gelu_tanh'' = 0, x = -+1.41850400879082835550:
     * 1.12899306865877176546 and 1 minus that (mpmath, 600 bits), rounded
     * outward.  gelu_tanh(x) - gelu_tanh(-x) = x/2 (2 + tanh u - tanh u) = x,
     * so f(x) + f(-x) = 1. */
    .props = AB_PROPS(AB_RANGE2(-0x1.082d86p-3, 0x1.2105b2p+0, -0x1.082d849a669ebp-3, 0x1.2105b0934cd3ep+0),
                      0, AB_SYM_SUM, 1),
};
AB_REGISTER(d_gelu_tanh)
