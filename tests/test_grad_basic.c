/* test_grad_basic.c: the derivatives d_sigmoid, d_tanh, d_softplus,
 * d_log_sigmoid, d_softsign, d_exp, d_expm1, d_log1p.
 *
 * 1. The stable variants give the correctly rounded reference bit for bit
 *    on NaN, +-inf and +-0.
 * 2. The references against values derived by hand (exact dyadics, limits,
 *    grid points), and against independent formulas (registered here for
 *    test_reference.c too) on seeded inputs.
 * 3. The frameworks' documented failures as measured facts, each expected
 *    value with its hand analysis beside it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"
#include "grad_check.h"
#include "independent.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(grad_basic, .timeout = 120);

static const char *mine[] = {"d_sigmoid", "d_tanh", "d_softplus", "d_log_sigmoid",
                             "d_softsign", "d_exp", "d_expm1", "d_log1p"};


Test(grad_basic, stable_special_values_exact) { check_stable_special_values(mine, AB_COUNT(mine)); }

/* By hand.  d_sigmoid(0) = e^0/(1+1)^2 = 1/4; at +-inf e^-|x| = 0: +0.
 * d_tanh(0) = 1 - 0 = 1; +-inf: +0.  d_softplus = sigmoid: 1/2 at 0, 1 at
 * +inf, +0 at -inf; d_log_sigmoid = sigmoid(-x): the mirror.
 * d_softsign = 1/(1+|x|)^2: 1 at 0, 1/4 at +-1, 1/16 at 3, 1/64 at -7
 * (1 + |x| a power of two: exact dyadics off zero), +0 at +-inf.
 * d_exp = d_expm1 = e^x: 1 at 0, +0 at -inf, +inf at +inf.
 * d_log1p = 1/(1+x): 1 at 0, 1/2 at 1, 1/4 at 3, 2 at -1/2, +inf at -1
 * (1/(+0)), NaN below -1 and at -inf (outside log1p's domain), +0 at
 * +inf.  Grid points decided by direction: d_tanh(2^-12) = 1 - tanh^2
 * 2^-12 = 1 - 2^-24 + (2/3) 2^-48 + ..., which lies just above the float
 * 1 - 2^-24 (the spacing below 1 is 2^-24): f32 0x1.fffffep-1.
 * d_sigmoid(2^-11) = 1/4 - x^2/16 + x^4/96 - ... = 1/4 - 2^-26 + 2^-44/96
 * - ...: just above the float 1/4 - 2^-26 (the spacing below 1/4): f32
 * 0x1.fffffep-3; at 2^-12, 1/4 - 2^-28 + ... lies above the midpoint
 * 1/4 - 2^-27 and rounds to 1/4. */
Test(grad_basic, reference_hand_values) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    struct { const char *name; double x, want; } cases[] = {
        {"d_sigmoid", 0.0, 0.25}, {"d_sigmoid", -0.0, 0.25},
        {"d_sigmoid", INFINITY, 0.0}, {"d_sigmoid", -INFINITY, 0.0},
        {"d_tanh", 0.0, 1.0}, {"d_tanh", INFINITY, 0.0}, {"d_tanh", -INFINITY, 0.0},
        {"d_softplus", 0.0, 0.5}, {"d_softplus", INFINITY, 1.0}, {"d_softplus", -INFINITY, 0.0},
        {"d_log_sigmoid", -0.0, 0.5}, {"d_log_sigmoid", -INFINITY, 1.0},
        {"d_log_sigmoid", INFINITY, 0.0},
        {"d_softsign", 0.0, 1.0}, {"d_softsign", 1.0, 0.25}, {"d_softsign", -1.0, 0.25},
        {"d_softsign", 3.0, 0.0625}, {"d_softsign", -7.0, 1.0 / 64},
        {"d_softsign", -INFINITY, 0.0},
        {"d_exp", 0.0, 1.0}, {"d_exp", -INFINITY, 0.0}, {"d_exp", INFINITY, INFINITY},
        {"d_expm1", -0.0, 1.0}, {"d_expm1", -INFINITY, 0.0},
        {"d_log1p", 0.0, 1.0}, {"d_log1p", 1.0, 0.5}, {"d_log1p", 3.0, 0.25},
        {"d_log1p", -0.5, 2.0}, {"d_log1p", -1.0, INFINITY}, {"d_log1p", -2.0, NAN},
        {"d_log1p", -INFINITY, NAN}, {"d_log1p", INFINITY, 0.0},
    };
    for (size_t i = 0; i < AB_COUNT(cases); i++)
        for (int p = AB_F32; p <= AB_F64; p++) {
            ab_refval r = ref(ctx, cases[i].name, (ab_precision)p, cases[i].x);
            cr_expect(ab_same_result(r.cr, cases[i].want, (ab_precision)p),
                      "%s(%a) %s reference %a, want %a", cases[i].name, cases[i].x,
                      ab_precision_name((ab_precision)p), r.cr, cases[i].want);
        }
    cr_expect_eq(ref(ctx, "d_tanh", AB_F32, 0x1p-12).cr, 0x1.fffffep-1);
    cr_expect_eq(ref(ctx, "d_sigmoid", AB_F32, 0x1p-11).cr, 0x1.fffffep-3);
    cr_expect_eq(ref(ctx, "d_sigmoid", AB_F32, 0x1p-12).cr, 0.25);
    ab_ref_ctx_free(ctx);
}

/* Independent formulas (tests/independent.h: test_reference.c checks every
 * registered activation against its own at 4x the target precision), each
 * by another path than the reference's and free of cancellation, so that
 * 4x the precision is enough on every range:
 *   d_sigmoid  1 / (2 + 2 cosh x)          (= s(1-s); all terms positive)
 *   d_tanh     sech^2 x
 *   d_softplus sigmoid's own independent formula (1 + tanh(x/2))/2 at x,
 *   d_log_sigmoid the same at -x (exact negation)
 *   d_softsign exp(-2 log1p|x|)            (relative error ~ 2^11 u)
 *   d_exp, d_expm1  2^(x log2 e)           (relative error ~ |x| 2^2 u; beyond
 *                                           |x| = 2^11 both sides over/underflow)
 *   d_log1p    exp(-log1p x)               (NaN below -1, +inf at -1: log1p's
 *                                           -inf, exp(+inf)) */
static void d_sigmoid_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 16);
    mpfr_cosh(t, x, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
    mpfr_ui_div(y, 1, t, MPFR_RNDN);
    mpfr_clear(t);
}
static void d_tanh_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 16);
    mpfr_sech(t, x, MPFR_RNDN);
    mpfr_sqr(y, t, MPFR_RNDN);
    mpfr_clear(t);
}
static void d_softplus_indep(mpfr_t y, const mpfr_t x) {
    ab_independent_fn sig = ab_find_independent("sigmoid");
    cr_assert_not_null(sig);
    sig(y, x);
}
static void d_log_sigmoid_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t m;
    mpfr_init2(m, mpfr_get_prec(x));
    mpfr_neg(m, x, MPFR_RNDN);
    d_softplus_indep(y, m);
    mpfr_clear(m);
}
static void d_softsign_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 16);
    mpfr_abs(t, x, MPFR_RNDN);
    mpfr_log1p(t, t, MPFR_RNDN);
    mpfr_mul_si(t, t, -2, MPFR_RNDN);
    mpfr_exp(y, t, MPFR_RNDN);
    mpfr_clear(t);
}
static void d_exp_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t, l;
    mpfr_inits2(mpfr_get_prec(y) + 32, t, l, (mpfr_ptr)0);
    mpfr_const_log2(l, MPFR_RNDN);
    mpfr_div(t, x, l, MPFR_RNDN);
    mpfr_exp2(y, t, MPFR_RNDN);
    mpfr_clears(t, l, (mpfr_ptr)0);
}
/* expm1'(x) = e^x: the same formula, registered under its own name. */
static void d_expm1_indep(mpfr_t y, const mpfr_t x) { d_exp_indep(y, x); }
static void d_log1p_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 16);
    mpfr_log1p(t, x, MPFR_RNDN);
    mpfr_neg(t, t, MPFR_RNDN);
    mpfr_exp(y, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("d_sigmoid", d_sigmoid_indep)
AB_INDEPENDENT("d_tanh", d_tanh_indep)
AB_INDEPENDENT("d_softplus", d_softplus_indep)
AB_INDEPENDENT("d_log_sigmoid", d_log_sigmoid_indep)
AB_INDEPENDENT("d_softsign", d_softsign_indep)
AB_INDEPENDENT("d_exp", d_exp_indep)
AB_INDEPENDENT("d_expm1", d_expm1_indep)
AB_INDEPENDENT("d_log1p", d_log1p_indep)

/* The references against those formulas on 400 seeded inputs each, both
 * formats: x = +-2^k (1 + u) with k uniform in [-30, 12], so the tails,
 * the saturations and the tiny arguments are all hit, plus d_log1p near
 * its pole.  Bit for bit after rounding. */
Test(grad_basic, reference_against_independent_formulas) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    mpfr_t x, f;
    mpfr_init2(x, 53);
    mpfr_init(f);
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (size_t a = 0; a < AB_COUNT(mine); a++)
        for (int p = AB_F32; p <= AB_F64; p++)
            for (int i = 0; i < 400; i++) {
                s = s * 6364136223846793005u + 1442695040888963407u;
                double u = (double)(s >> 11) * 0x1p-53;
                int k = (int)(s % 43) - 30;
                double xv = ldexp(1 + u, k) * ((s >> 7) & 1 ? -1 : 1);
                if (!strcmp(mine[a], "d_log1p") && i % 2) xv = -1 + ldexp(1 + u, -(int)(s % 40));
                if (p == AB_F32) xv = (float)xv;
                mpfr_set_d(x, xv, MPFR_RNDN);
                mpfr_set_prec(f, 4 * ab_format_bits((ab_precision)p));
                ab_find_independent(mine[a])(f, x);
                double want = p == AB_F32 ? (double)mpfr_get_flt(f, MPFR_RNDN) : mpfr_get_d(f, MPFR_RNDN);
                ab_refval r = ref(ctx, mine[a], (ab_precision)p, xv);
                cr_expect(ab_same_result(r.cr, want, (ab_precision)p),
                          "%s %s(%a): reference %a, independent %a", mine[a],
                          ab_precision_name((ab_precision)p), xv, r.cr, want);
            }
    mpfr_clears(x, f, (mpfr_ptr)0);
    ab_ref_ctx_free(ctx);
}

/* Measured framework failures, each against the reference. */

/* naive d_sigmoid (autodiff of 1/(1+exp(-x))) at x = -90, f32: e = exp(90)
 * = inf (above 88.72), r = 1/inf = 0, gt = -(0*0) = -0, gn = -0 * inf = NaN
 * (burn #1139, candle #1722), while sigmoid'(-90) = e^-90 (1 - ...) =
 * 8.19e-40 is a float subnormal.  f64 from -710 (exp overflows above
 * 709.78); at -90 f64 is still fine.  At -60 f32: r = 1/e^60 = 8.8e-27, r*r
 * = 7.7e-53 underflows to 0 (below 2^-150): a zero flush of 8.8e-27. */
Test(grad_basic, naive_sigmoid_nan_at_minus_90) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect(isnan(run("d_sigmoid", "naive", AB_F32, -90)));
    cr_expect_eq(ref(ctx, "d_sigmoid", AB_F32, -90).cr, (double)0x1.1d85p-130f);
    cr_expect(isnan(run("d_sigmoid", "naive", AB_F64, -710)));
    cr_expect_gt(ref(ctx, "d_sigmoid", AB_F64, -710).cr, 0x1p-1025);
    cr_expect_eq(run("d_sigmoid", "naive", AB_F64, -90), ref(ctx, "d_sigmoid", AB_F64, -90).cr);
    cr_expect_eq(run("d_sigmoid", "naive", AB_F32, -60), 0.0);
    cr_expect_gt(ref(ctx, "d_sigmoid", AB_F32, -60).cr, 8e-27);
    /* The same NaN through log sigmoid's naive chain: gr = 1/r = 1/0 = inf,
     * gt = -inf * (0*0) = NaN. */
    cr_expect(isnan(run("d_log_sigmoid", "naive", AB_F32, -90)));
    cr_expect_eq(ref(ctx, "d_log_sigmoid", AB_F32, -90).cr, 1.0);
    ab_ref_ctx_free(ctx);
}

/* from-output d_sigmoid, PyTorch's (1 - y) y: f32 at x = 20, y = sigmoid(20)
 * = 1 - 2.06e-9 rounds to 1 (the spacing below 1 is 5.96e-8), so 1 - y = 0
 * and the result is 0, where the true 2.06e-9 (0x1.1b4866p-29 rounded) is a
 * normal float.  f64 at 40: y rounds to 1 above 37.43 (e^-40 = 4.2e-18 <
 * 2^-54), result 0 against 4.25e-18.  The same for tanh_backward 1 - y*y at
 * x = 10 (f32): tanh(10) = 1 - 4.1e-9 rounds to 1, result 0, true
 * 4e^-20 = 8.2e-9. */
Test(grad_basic, from_output_saturates_to_zero) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect_eq(run("d_sigmoid", "from-output", AB_F32, 20), 0.0);
    cr_expect_eq(ref(ctx, "d_sigmoid", AB_F32, 20).cr, (double)0x1.1b4866p-29f);
    cr_expect_eq(run("d_sigmoid", "from-output", AB_F64, 40), 0.0);
    cr_expect_gt(ref(ctx, "d_sigmoid", AB_F64, 40).cr, 4.2e-18);
    cr_expect_eq(run("d_tanh", "from-output", AB_F32, 10), 0.0);
    cr_expect_gt(ref(ctx, "d_tanh", AB_F32, 10).cr, 8.2e-9);
    /* The stable variants are within their bounds there. */
    cr_expect_eq(run("d_sigmoid", "stable", AB_F32, 20), (double)0x1.1b4866p-29f);
    ab_ref_ctx_free(ctx);
}

/* naive d_softplus (autodiff of log(1 + exp(x))): at x = 89 (f32) e = inf,
 * t = inf, gt = 1/inf = 0, gx = 0 * inf = NaN (burn #5373), where
 * sigmoid(89) rounds to 1; f64 at 710 likewise.
 * from-output (PyTorch softplus_backward, threshold 20) in f64 just above
 * 20 returns exactly 1, while sigmoid(20 + 2^-48) = 1 - 2.06e-9 is
 * 2.06e-9 / 2^-53 = 1.86e7 ulps below 1 (f32 rounds that to 1 anyway). */
Test(grad_basic, softplus_naive_nan_and_threshold) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect(isnan(run("d_softplus", "naive", AB_F32, 89)));
    cr_expect(isnan(run("d_softplus", "naive", AB_F64, 710)));
    cr_expect_eq(ref(ctx, "d_softplus", AB_F32, 89).cr, 1.0);
    double x = 0x1.4000000000001p4;
    double y = run("d_softplus", "from-output", AB_F64, x);
    ab_refval r = ref(ctx, "d_softplus", AB_F64, x);
    cr_expect_eq(y, 1.0);
    ab_error e = ab_measure(y, &r, AB_F64);
    cr_expect(e.ulp > 1.8e7 && e.ulp < 1.9e7, "ulp %g", e.ulp);
    cr_expect_eq(run("d_softplus", "from-output", AB_F32, 0x1.400002p4), 1.0);
    cr_expect_eq(ref(ctx, "d_softplus", AB_F32, 0x1.400002p4).cr, 1.0);
    ab_ref_ctx_free(ctx);
}

/* naive d_tanh (autodiff of the article's (e^x - e^-x)/(e^x + e^-x)):
 * f32 at 50, d = e^50 = 5.2e21 and d*d = 2.7e43 overflows, so
 * gd = -n/inf = -0; what is left is (1/d) a ~ 1 (a = e^50, d = a + b rounds
 * to a) plus a subnormal: about 1, where tanh'(50) = 4e^-100 = 1.5e-43.
 * At 90, a = inf: gd = -inf/inf = NaN. */
Test(grad_basic, tanh_naive_overflow) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    double y = run("d_tanh", "naive", AB_F32, 50);
    cr_expect(y > 0.99 && y <= 1.0, "naive d_tanh(50) = %a", y);
    cr_expect_lt(ref(ctx, "d_tanh", AB_F32, 50).cr, 2e-43);
    cr_expect(isnan(run("d_tanh", "naive", AB_F32, 90)));
    ab_ref_ctx_free(ctx);
}

/* from-output d_expm1, PyTorch's grad * (result + 1): f32 at -20,
 * expm1f(-20) = -1 + 2.06e-9 rounds to -1 (half the spacing below 1 is
 * 2^-25 = 3e-8), so result + 1 = 0 where e^-20 = 2.06e-9 is a normal float.
 * The naive chain (autodiff of exp(x) - 1) gives e^x itself: right. */
Test(grad_basic, expm1_from_output_zero) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect_eq(run("d_expm1", "from-output", AB_F32, -20), 0.0);
    double want = ref(ctx, "d_expm1", AB_F32, -20).cr;
    cr_expect_gt(want, 2e-9);
    cr_expect_eq(run("d_expm1", "naive", AB_F32, -20), want);
    ab_ref_ctx_free(ctx);
}

/* d_softsign.  naive (PyTorch's autograd of x/(1+|x|)): at 2^70 (f32)
 * d*d = 2^140 overflows, gd = -0, the result is 1/d = 2^-70 where
 * 1/(1+2^70)^2 ~ 2^-140 (a subnormal float): 2^70 times too large.  At
 * +inf: -inf/inf = NaN.  from-output (TensorFlow's SoftsignGrad,
 * 1/(|x|+1)^2): at 2^70 the square overflows and the result is 0, a
 * zero flush of 2^-140. */
Test(grad_basic, softsign_square_overflow) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect_eq(run("d_softsign", "naive", AB_F32, 0x1p70), 0x1p-70);
    cr_expect(isnan(run("d_softsign", "naive", AB_F32, INFINITY)));
    cr_expect_eq(run("d_softsign", "from-output", AB_F32, 0x1p70), 0.0);
    cr_expect_eq(ref(ctx, "d_softsign", AB_F32, 0x1p70).cr, 0x1p-140);
    cr_expect_eq(run("d_softsign", "stable", AB_F32, 0x1p70), 0x1p-140);
    ab_ref_ctx_free(ctx);
}

/* d_log1p below -1: log1p is NaN there, so its derivative is NaN (the
 * reference's choice); the frameworks' g/(x + 1) returns 1/(-2 + 1) = -1
 * at x = -2, a finite gradient for an input outside the domain. */
Test(grad_basic, log1p_gradient_outside_domain) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect(isnan(ref(ctx, "d_log1p", (ab_precision)p, -2).cr));
        cr_expect_eq(run("d_log1p", "naive", (ab_precision)p, -2), -1.0);
        cr_expect_eq(run("d_log1p", "from-output", (ab_precision)p, -2), -1.0);
        cr_expect(isnan(run("d_log1p", "stable", (ab_precision)p, -2)));
    }
    ab_ref_ctx_free(ctx);
}

/* A sweep row: naive d_sigmoid on neg_overflow [-110, -80] / [-750, -700]:
 * e^-x overflows below -88.72 / -709.78, i.e. for the ordinals of
 * [-110, -88.72] (same binade as -80: (110 - 88.72)/30 = 71% of them) /
 * [-750, -709.78] (80%): NaN in over half of 4096 samples.  The stable
 * variant's row is clean: no NaN, no zero flush. */
static ab_sweep_result res;

Test(grad_basic, sweep_rows_show_the_nan) {
    char *acts[] = {"d_sigmoid"}, *vars[] = {"naive", "stable"}, *ranges[] = {"neg_overflow"};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){acts, 1};
    o.variants = (ab_filter){vars, 2};
    o.ranges = (ab_filter){ranges, 1};
    o.samples = 4096;
    cr_assert_eq(ab_sweep_run(&o, &res), 0);
    cr_assert_eq(res.n, 4);
    for (size_t i = 0; i < res.n; i++) {
        const ab_acc *a = &res.rows[i].acc;
        if (!strcmp(res.rows[i].var->name, "naive")) {
            cr_expect_gt(a->nan, 4096 / 2);
        } else {
            cr_expect_eq(a->nan, 0);
            cr_expect_eq(a->zero_flush, 0);
            cr_expect_leq(a->max_ulp, 1.0);
        }
    }
    ab_sweep_result_free(&res);
}
