/* gelu(x) = x/2 * (1 + erf(x/sqrt2)) (the erf form): variants and their
 * registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/gelu.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include "kernels/sigmoid.h"
#include "kernels/tails.h"
#include <math.h>

/* 1/sqrt2 (hi + lo), 2/sqrt(pi) and sqrt(2/pi): kernels/act_constants.h. */

/* naive: 0.5 x (1 + erf(x/sqrt2)).  For x < 0, 1 + erf cancels: erf is
 * -1 + erfc(|x|/sqrt2) and every bit of erfc below erf's ulp is lost, so
 * the relative error grows like 2^-24/erfc and the result is exactly -0
 * once erf rounds to -1 (x < -5.9 in f32, -8.3 in f64), although gelu(x)
 * is representable down to -14.36 / -38.58.  gelu(-inf) = -inf * 0 = NaN. */
static float naive_f32(float x) { return 0.5f * x * (1.0f + erff(x * ab_gelu_c.r_f32)); }
static double naive_f64(double x) { return 0.5 * x * (1.0 + erf(x * ab_gelu_c.r_hi)); }
static inline float perop(float x, int bf) {
    return R(R(0.5f * x) * R(1.0f + R(erff(R(x * R(ab_gelu_c.r_f32))))));
}
AB_PEROP_DEFINE(perop)

/* libm-erfc: 0.5 x erfc(-x/sqrt2) with the argument rounded once, the
 * usual "stable" textbook rewrite, kept as a naive variant because it
 * still fails: erfc(z) has condition number about 2z^2 = x^2 in the
 * negative tail, so the rounding of z (2^-24 relative) costs up to x^2/2
 * ulps (about 100 near -14 in f32, 700 near -38 in f64); erfc(z) goes
 * subnormal (and then to 0) while x/2 erfc(z) is still normal; and
 * -inf * erfc(inf) = -inf * 0 is NaN. */
static float libm_f32(float x) { return 0.5f * x * erfcf(-x * ab_gelu_c.r_f32); }
static double libm_f64(double x) { return 0.5 * x * erfc(-x * ab_gelu_c.r_hi); }

/* stable: x/2 erfc(z), z = -x/sqrt2, which has no 1 + erf cancellation.
 * What remains is erfc's condition number, 2z e^(-z^2)/(sqrt(pi) erfc z)
 * ~ 2z^2 = x^2 in the negative tail: z rounded once costs up to x^2/2
 * ulps (see libm-erfc).
 * f32: z in double (its 2^-53 error costs at most 200 * 2^-53, far below
 * an f32 ulp) and erfc in double, which also keeps erfc(z) normal where
 * an f32 erfc would already be subnormal while x/2 erfc(z) is not (z > 9.2
 * near x = -13); one final rounding to float.
 * f64: z = zh + zl to twice the precision (x*R_HI exactly by FMA, plus
 * x*R_LO), and erfc(zh + zl) = erfc(zh)(1 - zl g(zh)) to first order,
 * g(z) = -erfc'(z)/erfc(z) = (2/sqrt(pi)) e^(-z^2)/erfc(z).  The
 * correction zl g is at most about x^2 2^-53 relative, so g is needed
 * only to a few bits: from its definition for z <= 5, as 2z + 1/z
 * (relative error under 1/(2z^4) < 2^-10) beyond.  Below x = -36
 * (z > 25.4) erfc(z) itself would go subnormal before the result does
 * (erfc(z) ~ gelu / (z sqrt2)), so there gelu(x) = -e^(-z^2) S(z) /
 * sqrt(2 pi) with the asymptotic series S(z) = sum (-1)^k (2k-1)!!/(2z^2)^k
 * (8 terms; its error is below the first omitted term, < 2^-60),
 * z^2 = s_hi + s_lo exactly up to zl's contribution, and e^-(s_hi+s_lo) =
 * e^(64 - s_hi) (1 - s_lo) e^-64: 64 - s_hi is exact (both multiples of
 * ulp(s_hi), result smaller) and only the last product rounds into the
 * subnormals.
 * x > 6 (9): erfc(-x/sqrt2)/2 > 1 - 2^-25 (2^-54), so the result is x,
 * which also handles +inf (where fma(inf, R, -inf) would be NaN).
 * x < -14.5 (-39): |gelu(x)| < 2^-150 (2^-1075): -0, also for -inf.
 * NaN fails both tests and propagates. */
static float stable_f32(float x) {
    if (fabsf(x) < 0x1p-60f) return ab_half_tiny_f32(x);
    if (x > 6.0f) return x;
    if (x < -14.5f) return -0.0f;
    double xd = x;
    return (float)(0.5 * xd * erfc(-xd * ab_gelu_c.r_hi));
}
static double gelu_tail_f64(double zh, double zl) {
    double sh = zh * zh, sl = fma(zh, zh, -sh) + 2.0 * zh * zl;
    double w = 1.0 / (2.0 * sh), S = 0.0;
    static const double c[] = {1, -1, 3, -15, 105, -945, 10395, -135135};
    for (int k = 7; k >= 0; k--) S = c[k] + w * S;   /* Horner in w */
    double t = exp(64.0 - sh);
    return -(t * ((0x1.9884533d43651p-2 * S) * (1.0 - sl))) * ab_em64.f64; /* 1/sqrt(2 pi) */
}
static double stable_f64(double x) {
    if (fabs(x) < 0x1p-60) return ab_half_tiny_f64(x);
    if (x > 9.0) return x;
    if (x < -39.0) return -0.0;
    double p = x * ab_gelu_c.r_hi;
    double zh = -p, zl = -(fma(x, ab_gelu_c.r_hi, -p) + x * ab_gelu_c.r_lo);
    if (x < -36.0) return gelu_tail_f64(zh, zl);
    double e = erfc(zh);
    double g = zh > 5.0 ? 2.0 * zh + 1.0 / zh : ab_gelu_c.two_over_sqrtpi * exp(-zh * zh) / e;
    double ec = e - (e * zl) * g;
    return 0.5 * x * ec;
}

/* approx: the classic tanh form 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3)))
 * (Hendrycks & Gimpel), evaluated as x sigmoid(2u) with
 * ab_sigmoid_approx.  It is an approximation of the function, not of its
 * rounding: |error| < 5e-4 absolutely, but in the negative tail it decays
 * like e^(-0.07|x|^3) instead of e^(-x^2/2), so the relative error
 * reaches 100% and the ULP error 2^24 / 2^53 where gelu is a normal
 * number and the approximation is not.  That is the declared bound. */
static float approx_f32(float x) {
    if (x < -14.5f) return -0.0f;
    if (fabsf(x) < 0x1p-26f) return 0.5f * x; /* |v| < 2^-25: sigmoid gives 1/2, as below, without
                                                 the subnormal x^2 (an assist, ~100x slower) */
    return x * ab_sigmoid_approx_f32(2.0f * ab_gelu_c.k_f32 * x * (1.0f + 0.044715f * x * x));
}
static double approx_f64(double x) {
    if (x < -39.0) return -0.0;
    return x * ab_sigmoid_approx_f64(2.0 * ab_gelu_c.k_f64 * x * (1.0 + 0.044715 * x * x));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(libm)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "0.5f*x*(1+erff(x/sqrt2))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "0.5*x*(1+erf(x/sqrt2))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(0.5*x)*R(1+R(erf(R(x*R(1/sqrt2))))))"),
    AB_VARIANT("libm-erfc", AB_NAIVE, "scalar", INFINITY, "0.5f*x*erfcf(-x/sqrt2)", libm_f32_batch),
    AB_VARIANT("libm-erfc", AB_NAIVE, "scalar", INFINITY, "0.5*x*erfc(-x/sqrt2)", libm_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.75, "(float)(0.5*x*erfc(-x/sqrt2)) in double", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 5, "0.5*x*erfc(zh)*(1-zl*g(zh)), zh+zl=-x/sqrt2 (FMA), g=-erfc'/erfc; x<-36: asymptotic series", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx-tanh", AB_APPROX, "scalar", 0x1p24, "x*sigmoid(2*sqrt(2/pi)*(x+0.044715x^3)) (tanh form)", approx_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_RANGE,
               "the tanh form is another function: it dips below the erf form's minimum near x = -0.76 (first -0x1.89dee6p-1) and " AB_WHY_ZERO),
    AB_VARIANT_EXPECTING("approx-tanh", AB_APPROX, "scalar", 0x1p53, "x*sigmoid(2*sqrt(2/pi)*(x+0.044715x^3)) (tanh form)", approx_f64_batch,
               AB_FAIL_ZERO | AB_FAIL_RANGE,
               "the tanh form is another function: it dips below the erf form's minimum near x = -0.75 (first -0x1.7f2315a096d6fp-1) and " AB_WHY_ZERO),
};

/* naive's 1 + erf cancels for x < 0 and is 0 below -5.9 / -8.3; gelu
 * underflows to -0 below -14.36 / -38.58; stable returns x above 6 / 9,
 * -0 below -14.5 / -39, and switches g's formula at x = -5 sqrt2. */
static const ab_range ranges[] = {
    {"neg_tail", -14.5, -5, -39, -5},
    {"underflow", -16, -14, -40, -35},
};

static const ab_activation gelu = {
    .name = "gelu",
    .description = "x/2 * (1 + erf(x/sqrt2)) (erf form)",
    .reference = ab_ref_gelu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.cb64e8p3, -14.5, 6, -0x1.6a09e6p2),
    AB_THRESHOLDS64(-0x1.34a4208ec1ea3p5, -39, 9, -0x1.6a09e667f3bcdp2, -36),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_gelu,
    /* the minimum (reference/gelu.h); x Phi(x) + x Phi(-x) = x. */
    .props = AB_PROPS(AB_RANGE2(AB_GELU_MIN32, INFINITY, AB_GELU_MIN64, INFINITY), 0, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(gelu)
