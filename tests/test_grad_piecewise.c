/* test_grad_piecewise.c: the derivatives of the ELU family (d_elu, d_selu,
 * d_celu) and of the piecewise-linear activations (d_relu, d_leaky_relu,
 * d_relu6, d_hard_tanh, d_hard_sigmoid, d_hard_swish).
 *
 * 1. Special values: the reference gives the hand-derived value on NaN,
 *    +-inf, +-0, and every stable variant equals it bit for bit.
 * 2. The references at hand-derived points: the kinks (PyTorch's
 *    conventions, reference/d_piecewise.c) and their neighbours, exact
 *    dyadics and correctly rounded constants; and an independent check:
 *    d_selu and d_elu against long double expl, d_hard_swish against an
 *    exact rational comparison.
 * 3. The framework formulas' failures, as measured facts, each with its
 *    hand analysis. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"

TestSuite(grad_piecewise, .timeout = 120);

static const ab_activation *act(const char *name) {
    const ab_activation *a = ab_find_activation(name);
    cr_assert_not_null(a, "activation %s is not registered", name);
    return a;
}

static double ref(const char *name, ab_precision p, double x) {
    ab_ref_ctx *c = ab_ref_ctx_new();
    ab_refval r;
    ab_reference_eval(c, act(name)->reference, p, x, &r);
    ab_ref_ctx_free(c);
    return r.cr;
}

static double run(const char *name, const char *var, ab_precision p, double x) {
    const ab_variant *v = ab_find_variant(act(name), var, p);
    cr_assert_not_null(v, "%s has no %s variant", name, var);
    double y;
    ab_run_variant(v, &x, &y, 1);
    return y;
}

static int same(double a, double b) {
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return a == b && signbit(a) == signbit(b);
}

#define F32 AB_F32
#define F64 AB_F64
/* Both formats: want32 / want64. */
#define EXPECT_REF(name, x, w32, w64)                                              \
    do {                                                                           \
        double r32_ = ref(name, F32, x), r64_ = ref(name, F64, x);                  \
        cr_expect(same(r32_, w32), "%s f32 reference at %a: %a, want %a", name,     \
                  (double)(x), r32_, (double)(w32));                                \
        cr_expect(same(r64_, w64), "%s f64 reference at %a: %a, want %a", name,     \
                  (double)(x), r64_, (double)(w64));                                \
    } while (0)
#define EXPECT_RUN(name, var, p, x, want)                                          \
    do {                                                                           \
        double y_ = run(name, var, p, x);                                          \
        cr_expect(same(y_, want), "%s %s %s at %a: %a, want %a", name, var,        \
                  ab_precision_name(p), (double)(x), y_, (double)(want));           \
    } while (0)

/* RN(1/6), RN(1/100), RN(lambda), RN(lambda alpha) in each format (1/6 =
 * 0x1.5555...p-3: the 24th bit is followed by 0101..., rounded up; the
 * 53rd by 0101..., rounded down). */
#define SIXTH32 0x1.555556p-3
#define SIXTH64 0x1.5555555555555p-3
#define LAMBDA32 0x1.0cfabep+0
#define LAMBDA64 0x1.0cfabd6a91132p+0
#define LA32 0x1.c212ccp+0
#define LA64 0x1.c212cc640f031p+0

/* ---- 1. special values: NaN, +inf, -inf, +0, -0 ---- */

static const double specials[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0};

static void check_specials(const char *name, const double w32[5], const double w64[5]) {
    for (int i = 0; i < 5; i++) {
        EXPECT_REF(name, specials[i], w32[i], w64[i]);
        EXPECT_RUN(name, "stable", F32, specials[i], w32[i]);
        EXPECT_RUN(name, "stable", F64, specials[i], w64[i]);
    }
}
#define BOTH(...) (double[]){__VA_ARGS__}, (double[]){__VA_ARGS__}

Test(grad_piecewise, specials) {
    /* Every zero derivative is +0; +-0 compare equal, so they take the
     * same branch: relu'(0) = 0, leaky'(0) = 1/100, relu6'(0) = 0 (the
     * kink), hard_tanh'(0) = 1, hard_sigmoid'(0) = 1/6, hard_swish'(0) =
     * 0/3 + 1/2. */
    check_specials("d_relu", BOTH(NAN, 1, 0.0, 0.0, 0.0));
    check_specials("d_leaky_relu", (double[]){NAN, 1, 0.01f, 0.01f, 0.01f},
                   (double[]){NAN, 1, 0.01, 0.01, 0.01});
    check_specials("d_relu6", BOTH(NAN, 0.0, 0.0, 0.0, 0.0));
    check_specials("d_hard_tanh", BOTH(NAN, 0.0, 0.0, 1, 1));
    check_specials("d_hard_sigmoid", (double[]){NAN, 0.0, 0.0, SIXTH32, SIXTH32},
                   (double[]){NAN, 0.0, 0.0, SIXTH64, SIXTH64});
    check_specials("d_hard_swish", BOTH(NAN, 1, 0.0, 0.5, 0.5));
    /* e^x: 1 at +-0 (both branches), +0 at -inf; 1 at +inf. */
    check_specials("d_elu", BOTH(NAN, 1, 0.0, 1, 1));
    check_specials("d_celu", BOTH(NAN, 1, 0.0, 1, 1));
    /* lambda for x > 0; lambda alpha e^0 at +-0 (PyTorch's x <= 0). */
    check_specials("d_selu", (double[]){NAN, LAMBDA32, 0.0, LA32, LA32},
                   (double[]){NAN, LAMBDA64, 0.0, LA64, LA64});
}

/* ---- 2. references at hand-derived points ---- */

Test(grad_piecewise, kinks_and_neighbours) {
    const double t32 = 0x1p-149, t64 = 0x1p-1074; /* the neighbours of 0 */
    /* relu: 0 at 0, 1 just above, 0 just below. */
    EXPECT_REF("d_relu", t64, 1, 1);
    EXPECT_REF("d_relu", -t64, 0.0, 0.0);
    /* leaky: 1/100 at 0 and below. */
    EXPECT_REF("d_leaky_relu", -t32, 0.01f, 0.01);
    /* relu6: kinks 0 and 6 give 0, their inner neighbours 1. */
    EXPECT_REF("d_relu6", 6, 0.0, 0.0);
    EXPECT_REF("d_relu6", 0x1.7ffffep+2, 1, 1);
    EXPECT_REF("d_relu6", t32, 1, 1);
    /* hard_tanh: 0 at +-1, 1 at 1 - 2^-24 and -1 + 2^-24. */
    EXPECT_REF("d_hard_tanh", 1, 0.0, 0.0);
    EXPECT_REF("d_hard_tanh", -1, 0.0, 0.0);
    EXPECT_REF("d_hard_tanh", 0x1.fffffep-1, 1, 1);
    EXPECT_REF("d_hard_tanh", -0x1.fffffep-1, 1, 1);
    /* hard_sigmoid: 0 at +-3, 1/6 inside. */
    EXPECT_REF("d_hard_sigmoid", 3, 0.0, 0.0);
    EXPECT_REF("d_hard_sigmoid", -3, 0.0, 0.0);
    EXPECT_REF("d_hard_sigmoid", 0x1.7ffffep+1, SIXTH32, SIXTH64);
    /* hard_swish: x/3 + 1/2 on [-3, 3]: -1/2 at -3, 3/2 at 3, +0 at -3/2,
     * 1 at 3/2, 3/4 at 3/4; 0 below -3, 1 above 3. */
    EXPECT_REF("d_hard_swish", -3, -0.5, -0.5);
    EXPECT_REF("d_hard_swish", 3, 1.5, 1.5);
    EXPECT_REF("d_hard_swish", -1.5, 0.0, 0.0);
    EXPECT_REF("d_hard_swish", 1.5, 1, 1);
    EXPECT_REF("d_hard_swish", 0.75, 0.75, 0.75);
    EXPECT_REF("d_hard_swish", -0x1.000002p+1 - 1, 0.0, 0.0);
    EXPECT_REF("d_hard_swish", 0x1.000002p+1 + 1, 1, 1);
    /* x = 2^-30: 1/2 + 2^-30/3 is within the gap above 1/2 (2^-24 in
     * f32): 1/2; in f64 (gap 2^-53) it is 1/2 + RN(2^-30/3). */
    EXPECT_REF("d_hard_swish", 0x1p-30, 0.5, 0.5 + 0x1.5555555555555p-32);
    /* The elu family at 0: no kink for elu/celu (1 from both sides), a
     * jump for selu (lambda alpha at 0, lambda just above). */
    EXPECT_REF("d_selu", t64, LAMBDA32, LAMBDA64);
    EXPECT_REF("d_selu", -t64, LA32, LA64);
    EXPECT_REF("d_elu", t64, 1, 1);
    /* e^-t for the smallest subnormal t: 1 - t, below 1 by far less than
     * the gap: rounds to 1. */
    EXPECT_REF("d_elu", -t64, 1, 1);
    /* e^-2^-20 = 1 - 2^-20 + 2^-41 - ...: f32 1 - 2^-20 (the 2^-41 is
     * below half an ulp, 2^-25); f64 rounds 1 - 2^-20 + 2^-41 - 2^-63/3
     * to 1 - 2^-20 + 2^-41 (ulp 2^-53). */
    EXPECT_REF("d_elu", -0x1p-20, 1 - 0x1p-20, 1 - 0x1p-20 + 0x1p-41);
    /* Tails: e^-800 < 2^-1100: +0 in both formats. */
    EXPECT_REF("d_elu", -800, 0.0, 0.0);
    EXPECT_REF("d_selu", -800, 0.0, 0.0);
}

/* Independent of MPFR: x/3 + 1/2 = (2x + 3)/6 exactly as a rational; the
 * reference's double r is the correctly rounded value iff it is the
 * double on the right side of every rounding boundary, which for a
 * non-dyadic value is iff |6 r - (2x + 3)| < 3 ulp(r), checked in
 * long double (64 bits; 2x + 3 and 6 r exact there for the inputs drawn:
 * x a multiple of 2^-40 in (-3, 3)). */
Test(grad_piecewise, hard_swish_rational) {
    uint64_t s = 12345;
    for (int i = 0; i < 2000; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double x = ldexp((double)(int64_t)(s >> 22) - 0x1p41, -40) * 1.4;
        x = ldexp(nearbyint(ldexp(x, 40)), -40);
        if (!(x > -3 && x < 3)) continue;
        double r = ref("d_hard_swish", F64, x);
        long double d = fabsl(6.0L * r - (2.0L * x + 3.0L));
        long double half = 3.0L * (nextafter(fabs(r), INFINITY) - fabs(r));
        cr_expect(d <= half, "d_hard_swish f64 at %a: %a is not RN((2x+3)/6)", x, r);
    }
}

/* selu' = lambda alpha e^x on x <= 0 and elu' = e^x, against long double
 * expl (64 bits, within an ulp or so of e^x): the f64 references are within
 * 1 ulp of the long double product. */
Test(grad_piecewise, elu_family_expl) {
    const long double la = 1.0507009873554805L * 1.6732632423543772L;
    for (double x = -700; x <= 0; x += 3.3125) {
        long double want = la * expl((long double)x);
        double r = ref("d_selu", F64, x);
        cr_expect(fabsl(r - want) <= (long double)(nextafter(r, INFINITY) - r),
                  "d_selu f64 at %a: %a vs %La", x, r, want);
        double e = ref("d_elu", F64, x);
        long double we = expl((long double)x);
        cr_expect(fabsl(e - we) <= (long double)(nextafter(e, INFINITY) - e),
                  "d_elu f64 at %a: %a vs %La", x, e, we);
        cr_expect(same(ref("d_celu", F64, x), e));
    }
}

/* ---- 3. framework formulas: measured failures ---- */

Test(grad_piecewise, kink_values_of_each_formula) {
    /* naive relu (autodiff of np.where(x < 0, 0, x)): -0 < 0 is false, so
     * the gradient goes to x: 1 at both zeros; NaN too. */
    EXPECT_RUN("d_relu", "naive", F32, 0.0, 1);
    EXPECT_RUN("d_relu", "naive", F64, -0.0, 1);
    EXPECT_RUN("d_relu", "naive", F32, NAN, 1);
    /* naive leaky: np.where(x >= 0, ...): 1 at 0, where PyTorch says 0.01. */
    EXPECT_RUN("d_leaky_relu", "naive", F64, 0.0, 1);
    /* torch.maximum / minimum split a tie: 1/2 at relu6's and hard_tanh's
     * kinks, where the framework kernels give 0. */
    EXPECT_RUN("d_relu6", "naive", F32, 0.0, 0.5);
    EXPECT_RUN("d_relu6", "naive", F64, 6, 0.5);
    EXPECT_RUN("d_hard_tanh", "naive", F32, -1, 0.5);
    EXPECT_RUN("d_hard_tanh", "naive", F64, 1, 0.5);
    EXPECT_RUN("d_relu6", "framework", F64, 6, 0.0);
    EXPECT_RUN("d_hard_tanh", "framework", F32, -1, 0.0);
    /* naive hard_sigmoid: RN(1/6)/2 at the kinks, and at f32 x = 3 -
     * 2^-22, where x + 3 = 6 - 2^-22 is a tie that rounds to even, 6: the
     * tie rule fires inside the interval where the slope is 1/6. */
    EXPECT_RUN("d_hard_sigmoid", "naive", F32, 3, SIXTH32 / 2);
    EXPECT_RUN("d_hard_sigmoid", "naive", F32, 3 - 0x1p-22, SIXTH32 / 2);
    EXPECT_RUN("d_hard_sigmoid", "naive", F32, -(3 - 0x1p-22), SIXTH32);
    EXPECT_RUN("d_hard_sigmoid", "naive", F64, 3 - 0x1p-51, SIXTH64 / 2);
    /* naive hard_swish: the tie halves only the r-path: at 3, d r + (d x)/2
     * = RN(RN(1/6) 6) + RN(RN(1/6) 3)/2 = 1 + 1/4; at -3, 0 + (-1/2)/2. */
    EXPECT_RUN("d_hard_swish", "naive", F32, 3, 1.25);
    EXPECT_RUN("d_hard_swish", "naive", F64, -3, -0.25);
    /* hardswish_backward: the scalar path takes x <= 3 (3/3 + 0.5 = 3/2),
     * the vector path x >= 3 (g = 1): PyTorch's two paths disagree at 3. */
    EXPECT_RUN("d_hard_swish", "framework", F32, 3, 1.5);
    EXPECT_RUN("d_hard_swish", "framework-vec", F32, 3, 1);
    EXPECT_RUN("d_hard_swish", "framework", F64, -3, -0.5);
    /* naive selu at 0: where(x >= 0) sends g to x: lambda, not lambda
     * alpha (PyTorch's x <= 0). */
    EXPECT_RUN("d_selu", "naive", F32, 0.0, LAMBDA32);
}

Test(grad_piecewise, framework_nan_in) {
    /* The kernels select g with comparisons a NaN fails (scalar paths). */
    EXPECT_RUN("d_relu", "framework", F32, NAN, 1);          /* x <= 0 false */
    EXPECT_RUN("d_leaky_relu", "framework", F64, NAN, 0.01); /* x > 0 false */
    EXPECT_RUN("d_relu6", "framework", F32, NAN, 1);
    EXPECT_RUN("d_hard_sigmoid", "framework", F64, NAN, 0.0); /* -3 < x < 3 false */
    EXPECT_RUN("d_hard_swish", "framework", F32, NAN, 1);    /* x < -3, x <= 3 false */
    EXPECT_RUN("d_elu", "framework", F64, NAN, 1);           /* x <= 0 false */
    EXPECT_RUN("d_selu", "framework", F32, NAN, LAMBDA32);
    cr_expect(isnan(run("d_hard_swish", "framework-vec", F32, NAN)));
}

Test(grad_piecewise, framework_accuracy) {
    /* hardsigmoid_backward's one_sixth = scalar_t(1.0f / 6.0f): the f64
     * kernel returns the float RN32(1/6) = 0x1.555556p-3, 1.99e-8
     * relative above 1/6: 1.79e8 ulp of double. */
    EXPECT_RUN("d_hard_sigmoid", "framework", F64, 0.0, SIXTH32);
    EXPECT_RUN("d_hard_sigmoid", "framework", F32, 0.0, SIXTH32);
    /* hardswish_backward (x/3) + 0.5 cancels at the root -3/2: f32 x =
     * -3/2 - 2^-23: x/3 = -1/2 - 2^-23/3 rounds (ulp 2^-24 above 1/2) to
     * -1/2 - 2^-24, so the result is -2^-24; the true (2x + 3)/6 =
     * -2^-23/3 rounds to -0x1.555556p-25: 0.75 times too big (5.6e6 ulp).
     * The stable variant is correctly rounded. */
    EXPECT_RUN("d_hard_swish", "framework", F32, -0x1.800002p+0, -0x1p-24);
    EXPECT_REF("d_hard_swish", -0x1.800002p+0, -0x1.555556p-25, -0x1.5555555555555p-25);
    EXPECT_RUN("d_hard_swish", "stable", F32, -0x1.800002p+0, -0x1.555556p-25);
    /* elu_backward from the output at x = -20: y = expf(-20) - 1 rounds to
     * -1 (e^-20 = 2.06e-9 < 2^-25, half an ulp below 1), so y + 1 = 0,
     * where e^-20 is a normal float; from the input (framework) it is
     * expf(-20). */
    EXPECT_RUN("d_elu", "from-output", F32, -20, 0.0);
    EXPECT_RUN("d_elu", "framework", F32, -20, (double)expf(-20.0f));
    cr_expect(ref("d_elu", F32, -20) > 0x1p-29);
    /* selu's negcoef = RN(RN(alpha) RN(lambda)): f64 0x1.c212cc640f03p+0,
     * one ulp below RN(lambda alpha) = 0x1.c212cc640f031p+0. */
    EXPECT_RUN("d_selu", "framework", F64, 0.0, 0x1.c212cc640f03p+0);
}

Test(grad_piecewise, naive_nan_from_untaken_branch) {
    /* np.where computes both sides; the untaken side gets gradient 0,
     * and exp's backward 0 * e^x is 0 * inf = NaN once e^x overflows:
     * f32 x = 89 > 88.72, f64 x = 710 > 709.78 (true derivative 1). */
    cr_expect(isnan(run("d_elu", "naive", F32, 89)));
    cr_expect(isnan(run("d_elu", "naive", F64, 710)));
    cr_expect(isnan(run("d_selu", "naive", F32, 89)));
    cr_expect(isnan(run("d_celu", "naive", F32, 89)));
    EXPECT_RUN("d_elu", "naive", F32, 88, 1);
    /* naive celu: where exp(x) rounds to 1 (|x| < 2^-25 in f32, x != 0),
     * t = alpha (e - 1) = 0 ties min(0, t): g/2 reaches x through exp:
     * d = 0 + 1/2 for x < 0 and 1 + 1/2 for x > 0, true ~1.  At x = 0 both
     * ties give 1/2 + 1/2 = 1. */
    EXPECT_RUN("d_celu", "naive", F32, -0x1p-30, 0.5);
    EXPECT_RUN("d_celu", "naive", F32, 0x1p-30, 1.5);
    EXPECT_RUN("d_celu", "naive", F64, 0.0, 1);
}
