/* d_tanh: tanh'(x) = 1 - tanh^2(x) = 4 e^-2|x| / (1 + e^-2|x|)^2, even,
 * in (0, 1]: variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_tanh.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define STABLE32 1
/* f64: 1.77 ulps measured (200000 samples a range), in the (2e^-|x|)^2
 * branch just above 354, where exp's error is doubled. */
#define STABLE64 2.5

/* naive: reverse mode through the seed article's
 * (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), gradient 1, with
 * PyTorch's rules:
 *   forward  a = exp(x); m = -x; b = exp(m); n = a - b; d = a + b; y = n / d
 *   div:     gn = g / d;  gd = -g * n / (d * d)
 *   sub/add: ga = gn + gd;  gb = -gn + gd
 *   exp:     gx1 = ga * a;  gm = gb * b
 *   neg:     gx2 = -gm;     gx = gx1 + gx2
 * 1/d - n/d^2 cancels (it is 1 - tanh^2 scaled by 1/d), so the relative
 * error grows like e^2|x|; d * d overflows above 64 ln 2 = 44.36 (f32),
 * gd becomes -0 and the result 1/d * a = 1 where the true value is 4e-39;
 * above 88.72 a = inf: gd = -inf/inf = NaN. */
static float naive_f32(float x) {
    float a = expf(x), m = -x, b = expf(m), n = a - b, d = a + b;
    float gn = 1.0f / d, gd = -1.0f * n / (d * d);
    float ga = gn + gd, gb = -gn + gd;
    float gx1 = ga * a, gm = gb * b;
    return gx1 + -gm;
}
static double naive_f64(double x) {
    double a = exp(x), m = -x, b = exp(m), n = a - b, d = a + b;
    double gn = 1.0 / d, gd = -1.0 * n / (d * d);
    double ga = gn + gd, gb = -gn + gd;
    double gx1 = ga * a, gm = gb * b;
    return gx1 + -gm;
}
/* per-op: the same chain with every result rounded to the format.  In
 * f16 exp overflows above 11.09 (NaN from inf/inf) and d * d above
 * 8 ln 2 = 5.55 (the result is then about 1). */
static inline float perop(float x, int bf) {
    float a = R(expf(x)), m = -x, b = R(expf(m)), n = R(a - b), d = R(a + b);
    float gn = R(1.0f / d), gd = R(R(-1.0f * n) / R(d * d));
    float ga = R(gn + gd), gb = R(-gn + gd);
    float gx1 = R(ga * a), gm = R(gb * b);
    return R(gx1 + -gm);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's tanh_backward, grad * (1 - y * y) (CPU:
 * a * (1 - b * b)), on y from the stable forward (impls/tanh.c:
 * t = expm1(-2|x|), copysign(-t/(2+t), x)).  y rounds to +-1 above
 * 13 ln 2 = 9.01 (f32) / 27.5 ln 2 = 19.06 (f64), and 1 - y*y is 0 where
 * the true 4e^-2|x| is representable; before that it cancels. */
static float tanh_f32(float x) {
    float t = expm1f(-2.0f * fabsf(x));
    return copysignf(-t / (2.0f + t), x);
}
static double tanh_f64(double x) {
    double t = expm1(-2.0 * fabs(x));
    return copysign(-t / (2.0 + t), x);
}
static float from_output_f32(float x) {
    float y = tanh_f32(x);
    return 1.0f * (1.0f - y * y);
}
static double from_output_f64(double x) {
    double y = tanh_f64(x);
    return 1.0 * (1.0 - y * y);
}

/* stable: e = e^-2|x| in (0, 1] (-2|x| is exact), f = 4e / (1 + e)^2:
 * only positive terms, no overflow.  f32 in double, rounded once.  f64
 * compensates the denominator and the quotient as d_sigmoid's stable does:
 * 1 + e = s + sl (Fast2Sum), s^2 = d + dl (fma), c = dl + 2 s sl, q = e/d,
 * r = e - q d (fma, exact), e/(d + c) = q + (r - q c)/d; times 4 is exact.
 * The error is exp's (its relative error enters with condition
 * |1 - 2e/(1+e)| <= 1) plus the final rounding.  +-inf give 4 * 0 = +0.
 * Beyond |x| = 354 e^-2|x| is below 2^-1021, (1 + e)^2 = 1 exactly, and
 * e itself would be subnormal (only 0.5 ulp of the subnormal grid, times
 * 4) or 0 (from 372.57, while 4e^-2|x| is representable up to 373.26):
 * there f = (2 e^-|x|)^2 instead, e^-|x| normal, 2e^-|x| exact, one
 * rounding of the square (exp's relative error doubled, then rounded). */
static float stable_f32(float x) {
    double e = exp(-2.0 * fabs((double)x)), s = 1.0 + e;
    return (float)(4.0 * e / (s * s));
}
static double stable_f64(double x) {
    if (fabs(x) > 354.0) {
        double h = 2.0 * exp(-fabs(x));
        return h * h;
    }
    double e = exp(-2.0 * fabs(x));
    double s = 1.0 + e, sl = e - (s - 1.0);
    double d = s * s, dl = fma(s, s, -d);
    double c = dl + 2.0 * s * sl;
    double q = e / d, r = fma(-q, d, e);
    return 4.0 * (q + (r - q * c) / d);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of (e^x-e^-x)/(e^x+e^-x) (expf): (1/d-n/d^2)*a - (-1/d-n/d^2)*b", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of (e^x-e^-x)/(e^x+e^-x) (exp): (1/d-n/d^2)*a - (-1/d-n/d^2)*b", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(ga*a) - R(gb*b)), ga=R(R(1/d)+gd), gb=R(-R(1/d)+gd), gd=R(-n/R(d*d)), n=R(a-b), d=R(a+b), a=R(exp(x)), b=R(exp(-x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch tanh_backward: 1-y*y, y = stable tanh", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch tanh_backward: 1-y*y, y = stable tanh", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "e=exp(-2|x|) in double; (float)(4e/(1+e)^2)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "e=exp(-2|x|); 4e/(1+e)^2, denominator and quotient compensated", stable_f64_batch),
};

/* from-output: y rounds to +-1 beyond 9.01 / 19.06; naive: d*d overflows
 * beyond 64 ln 2 = 44.36 / 512 ln 2 = 354.89, e^x beyond 88.72 / 709.78;
 * the value rounds to 0 beyond 76 ln 2 = 52.68 / 538.5 ln 2 = 373.26. */
static const ab_range ranges[] = {
    {"small", -0.125, 0.125, -0.125, 0.125},
    {"saturation", 5, 25, 15, 40},
    {"dd_overflow", 40, 60, 340, 380},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation d_tanh = {
    .name = "d_tanh",
    .description = "derivative of tanh: 1-tanh^2(x) = 4e^-2|x|/(1+e^-2|x|)^2",
    .reference = ab_ref_d_tanh,
    .fast32 = ab_fast32_d_tanh,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.205966p3, -0x1.205966p3, 0x1.62e43p5, 0x1.a56ef8p5, -0x1.a56ef8p5, 0x1.62e43p6),
    AB_THRESHOLDS64(0x1.30fc1931f09cap4, -0x1.30fc1931f09cap4, 0x1.62e42fefa39efp8,
                    0x1.75427f6acad6fp8, -0x1.75427f6acad6fp8, 0x1.62e42fefa39efp9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* 1/cosh^2(x): in (0, 1], even, not monotone. */
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_tanh)
