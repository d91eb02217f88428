/* test_grad_smooth.c: the derivatives d_silu, d_mish, d_gelu, d_gelu_tanh,
 * d_gaussian, d_erf.
 *
 * 1. The stable variants give the correctly rounded reference bit for bit
 *    on NaN, +-inf and +-0.
 * 2. The references against values derived by hand, and against
 *    independent formulas (registered here for test_reference.c too).
 * 3. The frameworks' failures as measured facts, each expected value with
 *    its hand analysis beside it. */
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
TestSuite(grad_smooth, .timeout = 120);

static const char *mine[] = {"d_silu", "d_mish", "d_gelu", "d_gelu_tanh", "d_gaussian", "d_erf"};

static double ulps(const char *name, const char *variant, ab_precision p, double x,
                   ab_ref_ctx *ctx) {
    ab_refval r = ref(ctx, name, p, x);
    return ab_measure(run(name, variant, p, x), &r, p).ulp;
}

Test(grad_smooth, stable_special_values_exact) { check_stable_special_values(mine, AB_COUNT(mine)); }

/* By hand.  silu'(0) = s(0) = 1/2, gelu'(0) = Phi(0) = 1/2, gelu_tanh'(0)
 * = S(0) = 1/2; at +inf all three -> 1, at -inf -> 0 from below (f ~
 * (1 + x) e^x, x phi(x), x S v' with S ~ e^v): -0.  mish'(0) = tanh(ln 2)
 * = (4 - 1)/(4 + 1) = 3/5: RN to 24 bits 0x1.333334p-1 (0.6 = 0x1.3333...p-1,
 * the 25th bit and beyond 0110... round up), 53 bits 0x1.3333333333333p-1;
 * mish'(+inf) = 1, mish'(-inf) = -0.  gaussian'(x) = -2x e^-x^2: -+0 at
 * +-0 and at +-inf; at 2^-40 it is -2^-39 (1 - 2^-80 + ...), just above
 * -2^-39 in magnitude below: the gap toward zero is 2^-63 relative, so
 * both formats round to -2^-39.  erf'(0) = 2/sqrt(pi) = 1.1283791670955126:
 * 0x1.20dd76p+0 / 0x1.20dd750429b6dp+0; +0 at +-inf. */
Test(grad_smooth, reference_hand_values) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    struct { const char *name; double x, want32, want64; } cases[] = {
        {"d_silu", 0.0, 0.5, 0.5}, {"d_silu", INFINITY, 1, 1}, {"d_silu", -INFINITY, -0.0, -0.0},
        {"d_gelu", -0.0, 0.5, 0.5}, {"d_gelu", INFINITY, 1, 1}, {"d_gelu", -INFINITY, -0.0, -0.0},
        {"d_gelu_tanh", 0.0, 0.5, 0.5}, {"d_gelu_tanh", INFINITY, 1, 1},
        {"d_gelu_tanh", -INFINITY, -0.0, -0.0},
        {"d_mish", 0.0, 0x1.333334p-1, 0x1.3333333333333p-1}, {"d_mish", INFINITY, 1, 1},
        {"d_mish", -INFINITY, -0.0, -0.0},
        {"d_gaussian", 0.0, -0.0, -0.0}, {"d_gaussian", -0.0, 0.0, 0.0},
        {"d_gaussian", INFINITY, -0.0, -0.0}, {"d_gaussian", -INFINITY, 0.0, 0.0},
        {"d_gaussian", 0x1p-40, -0x1p-39, -0x1p-39},
        {"d_erf", 0.0, 0x1.20dd76p+0, 0x1.20dd750429b6dp+0}, {"d_erf", INFINITY, 0.0, 0.0},
        {"d_erf", -INFINITY, 0.0, 0.0},
    };
    for (size_t i = 0; i < AB_COUNT(cases); i++)
        for (int p = AB_F32; p <= AB_F64; p++) {
            double want = p == AB_F32 ? cases[i].want32 : cases[i].want64;
            ab_refval r = ref(ctx, cases[i].name, (ab_precision)p, cases[i].x);
            cr_expect(ab_same_result(r.cr, want, (ab_precision)p),
                      "%s(%a) %s reference %a, want %a", cases[i].name, cases[i].x,
                      ab_precision_name((ab_precision)p), r.cr, want);
        }
    ab_ref_ctx_free(ctx);
}

/* Independent formulas (tests/independent.h; test_reference.c checks every
 * activation against its own at 4x the target precision), each by another
 * identity than the reference's:
 *   d_silu      s(x) (1 + x s(-x)), s(t) = exp(-log1p(exp(-t))) (sigmoid as
 *               e^-softplus(-t); the reference uses mpfr sigmoid pieces)
 *   d_mish      tanh(sp) + x sech^2(sp) s(x), sp = log1p(exp(x)), with
 *               mpfr_tanh / mpfr_sech (the reference: rational in e^x)
 *   d_gelu      erfc(-x/sqrt2)/2 + x exp(-(x^2 + log(2 pi))/2)
 *   d_gelu_tanh (1 + tanh u)/2 + (x/2) sech^2(u) u', u = k(x + c x^3),
 *               u' = k(1 + 3c x^2); for u < 0, 1 + tanh u = e^u sech u (no
 *               cancellation); the reference: sigmoid of v = 2u
 *   d_gaussian  -2x / exp(x^2) (at +-inf its limit -+0, not inf/inf)
 *   d_erf       2 / (sqrt(pi) exp(x^2))
 * Working precision: the target's plus 64 bits; near the zero crossings the
 * cancellation costs at most ~60 bits of the 4x precision.  Where MPFR
 * underflows both terms of a sum to zero (x near -DBL_MAX), the zero takes
 * f's sign there, that of x (f ~ x e^x, x phi(x), x S v' < 0). */
static mpfr_prec_t wp(const mpfr_t y) { return mpfr_get_prec(y) + 64; }
static void signed_zero(mpfr_t y, const mpfr_t x) {
    if (mpfr_zero_p(y) && mpfr_sgn(x) < 0) mpfr_set_zero(y, -1);
}
/* The limits at +-inf of silu', mish', gelu', gelu_tanh': 1 and -0 (the
 * formulas below give inf * 0 or inf/inf there). */
static int inf_limit(mpfr_t y, const mpfr_t x) {
    if (!mpfr_inf_p(x)) return 0;
    if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN); else mpfr_set_zero(y, -1);
    return 1;
}
static void sig_sp(mpfr_t r, const mpfr_t t) {   /* exp(-log1p(exp(-t))) */
    mpfr_neg(r, t, MPFR_RNDN);
    mpfr_exp(r, r, MPFR_RNDN);
    mpfr_log1p(r, r, MPFR_RNDN);
    mpfr_neg(r, r, MPFR_RNDN);
    mpfr_exp(r, r, MPFR_RNDN);
}
static void d_silu_indep(mpfr_t y, const mpfr_t x) {
    if (inf_limit(y, x)) return;
    mpfr_t a, b, m;
    mpfr_inits2(wp(y), a, b, m, (mpfr_ptr)0);
    sig_sp(a, x);
    mpfr_neg(m, x, MPFR_RNDN);
    sig_sp(b, m);
    mpfr_mul(b, b, x, MPFR_RNDN);
    mpfr_add_ui(b, b, 1, MPFR_RNDN);
    mpfr_mul(y, a, b, MPFR_RNDN);
    signed_zero(y, x);
    mpfr_clears(a, b, m, (mpfr_ptr)0);
}
static void d_mish_indep(mpfr_t y, const mpfr_t x) {
    if (inf_limit(y, x)) return;
    mpfr_t sp, a, b, s;
    mpfr_inits2(wp(y), sp, a, b, s, (mpfr_ptr)0);
    mpfr_exp(sp, x, MPFR_RNDN);
    mpfr_log1p(sp, sp, MPFR_RNDN);
    mpfr_tanh(a, sp, MPFR_RNDN);
    mpfr_sech(b, sp, MPFR_RNDN);
    mpfr_sqr(b, b, MPFR_RNDN);
    sig_sp(s, x);
    mpfr_mul(b, b, s, MPFR_RNDN);
    mpfr_mul(b, b, x, MPFR_RNDN);
    mpfr_add(y, a, b, MPFR_RNDN);
    signed_zero(y, x);
    mpfr_clears(sp, a, b, s, (mpfr_ptr)0);
}
static void d_gelu_indep(mpfr_t y, const mpfr_t x) {
    if (inf_limit(y, x)) return;
    mpfr_t a, b, c;
    mpfr_inits2(wp(y), a, b, c, (mpfr_ptr)0);
    mpfr_sqrt_ui(c, 2, MPFR_RNDN);
    mpfr_div(a, x, c, MPFR_RNDN);
    mpfr_neg(a, a, MPFR_RNDN);
    mpfr_erfc(a, a, MPFR_RNDN);
    mpfr_div_2ui(a, a, 1, MPFR_RNDN);
    mpfr_const_pi(c, MPFR_RNDN);
    mpfr_mul_2ui(c, c, 1, MPFR_RNDN);
    mpfr_log(c, c, MPFR_RNDN);
    mpfr_sqr(b, x, MPFR_RNDN);
    mpfr_add(b, b, c, MPFR_RNDN);
    mpfr_div_2ui(b, b, 1, MPFR_RNDN);
    mpfr_neg(b, b, MPFR_RNDN);
    mpfr_exp(b, b, MPFR_RNDN);
    mpfr_mul(b, b, x, MPFR_RNDN);
    mpfr_add(y, a, b, MPFR_RNDN);
    signed_zero(y, x);
    mpfr_clears(a, b, c, (mpfr_ptr)0);
}
static void d_gelu_tanh_indep(mpfr_t y, const mpfr_t x) {
    if (inf_limit(y, x)) return;
    mpfr_t k, c, x2, u, du, a, b;
    mpfr_inits2(wp(y), k, c, x2, u, du, a, b, (mpfr_ptr)0);
    mpfr_const_pi(k, MPFR_RNDN);
    mpfr_ui_div(k, 2, k, MPFR_RNDN);
    mpfr_sqrt(k, k, MPFR_RNDN);                      /* k = sqrt(2/pi) */
    mpfr_set_ui(c, 44715, MPFR_RNDN);
    mpfr_div_ui(c, c, 1000000, MPFR_RNDN);           /* c = 0.044715 */
    mpfr_sqr(x2, x, MPFR_RNDN);
    mpfr_mul(u, x2, c, MPFR_RNDN);
    mpfr_add_ui(u, u, 1, MPFR_RNDN);
    mpfr_mul(u, u, x, MPFR_RNDN);
    mpfr_mul(u, u, k, MPFR_RNDN);                    /* u = k x (1 + c x^2) */
    mpfr_mul_ui(du, c, 3, MPFR_RNDN);
    mpfr_mul(du, du, x2, MPFR_RNDN);
    mpfr_add_ui(du, du, 1, MPFR_RNDN);
    mpfr_mul(du, du, k, MPFR_RNDN);                  /* u' */
    if (mpfr_sgn(u) < 0) {
        mpfr_exp(a, u, MPFR_RNDN);
        mpfr_sech(b, u, MPFR_RNDN);
        mpfr_mul(a, a, b, MPFR_RNDN);                /* 1 + tanh u = e^u sech u */
    } else {
        mpfr_tanh(a, u, MPFR_RNDN);
        mpfr_add_ui(a, a, 1, MPFR_RNDN);
    }
    mpfr_div_2ui(a, a, 1, MPFR_RNDN);
    mpfr_sech(b, u, MPFR_RNDN);
    mpfr_sqr(b, b, MPFR_RNDN);
    mpfr_mul(b, b, du, MPFR_RNDN);
    mpfr_mul(b, b, x, MPFR_RNDN);
    mpfr_div_2ui(b, b, 1, MPFR_RNDN);
    mpfr_add(y, a, b, MPFR_RNDN);
    signed_zero(y, x);
    mpfr_clears(k, c, x2, u, du, a, b, (mpfr_ptr)0);
}
static void d_gaussian_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, -mpfr_sgn(x)); return; }  /* the limit; inf/inf */
    mpfr_t a;
    mpfr_init2(a, wp(y));
    mpfr_sqr(a, x, MPFR_RNDN);
    mpfr_exp(a, a, MPFR_RNDN);
    mpfr_mul_si(y, x, -2, MPFR_RNDN);
    mpfr_div(y, y, a, MPFR_RNDN);
    mpfr_clear(a);
}
static void d_erf_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t a, c;
    mpfr_inits2(wp(y), a, c, (mpfr_ptr)0);
    mpfr_sqr(a, x, MPFR_RNDN);
    mpfr_exp(a, a, MPFR_RNDN);
    mpfr_const_pi(c, MPFR_RNDN);
    mpfr_sqrt(c, c, MPFR_RNDN);
    mpfr_mul(a, a, c, MPFR_RNDN);
    mpfr_ui_div(y, 2, a, MPFR_RNDN);
    mpfr_clears(a, c, (mpfr_ptr)0);
}
AB_INDEPENDENT("d_silu", d_silu_indep)
AB_INDEPENDENT("d_mish", d_mish_indep)
AB_INDEPENDENT("d_gelu", d_gelu_indep)
AB_INDEPENDENT("d_gelu_tanh", d_gelu_tanh_indep)
AB_INDEPENDENT("d_gaussian", d_gaussian_indep)
AB_INDEPENDENT("d_erf", d_erf_indep)

/* The references against those formulas on 300 seeded inputs each, both
 * formats: x = +-2^k (1 + u), k uniform in [-30, 9] (tiny arguments, the
 * crossings, the tails to underflow), plus every third input within 2^-20
 * of the function's zero crossing.  Bit for bit after rounding. */
Test(grad_smooth, reference_against_independent_formulas) {
    const double x0[] = {-1.2784645427610738, -1.1924312145154952, -0.75179152469356446,
                         -0.75246142207101626, 0, 0};
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    mpfr_t x, f;
    mpfr_init2(x, 53);
    mpfr_init(f);
    uint64_t s = 0x2545f4914f6cdd1du;
    for (size_t a = 0; a < AB_COUNT(mine); a++)
        for (int p = AB_F32; p <= AB_F64; p++)
            for (int i = 0; i < 300; i++) {
                s = s * 6364136223846793005u + 1442695040888963407u;
                double u = (double)(s >> 11) * 0x1p-53;
                int k = (int)(s % 40) - 30;
                double xv = ldexp(1 + u, k) * ((s >> 7) & 1 ? -1 : 1);
                if (i % 3 == 0 && x0[a] != 0) xv = x0[a] + ldexp(u - 0.5, -20);
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

/* d_silu at -90 (f32).  naive: e = expf(90) = inf (above 88.72), d*d = inf,
 * gd = -(-90)/inf = +0, gn = 0 * inf = NaN.  from-output (PyTorch
 * silu_backward): s = 1/(1 + inf) = 0, 1 + x(1 - s) = -89, 0 * -89 = -0,
 * where silu'(-90) = -89 e^-90 (1 + ...) = -7.29e-38 is a normal float
 * (FLT_MIN = 1.18e-38): a zero flush.  stable: correctly rounded. */
Test(grad_smooth, silu_negative_tail) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect(isnan(run("d_silu", "naive", AB_F32, -90)));
    double y = run("d_silu", "from-output", AB_F32, -90);
    cr_expect(y == 0 && signbit(y), "from-output %a", y);
    cr_expect_eq(ref(ctx, "d_silu", AB_F32, -90).cr, (double)-0x1.8d0dp-124f);
    cr_expect_eq(run("d_silu", "stable", AB_F32, -90), (double)-0x1.8d0dp-124f);
    ab_ref_ctx_free(ctx);
}

/* d_silu next to its zero x0 = -1.27846454276107379511, at the double
 * X0H = -0x1.474973c84120bp+0 (0.49 ulp = 1.1e-16 from x0):
 * silu'(X0H) = silu''(x0) (X0H - x0) = 0.2184 * 1.09e-16 = 2.38e-17.
 * PyTorch's s (1 + x (1 - s)) forms 1 + x(1 - s) ~ 1e-16 from terms of
 * size 1 rounded to 2^-53 (1.1e-16): 1.1e14 ulps off (measured
 * 109726965290968); the plain f64 stable formula e(1+x+e)/(1+e)^2 was
 * 1.5e15 off for the same reason.  The stable variant (g = t + E0
 * expm1(t), t = x - x0 in long double) is within half an ulp. */
Test(grad_smooth, silu_zero_crossing) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    double x = -0x1.474973c84120bp+0;
    cr_expect_gt(ulps("d_silu", "from-output", AB_F64, x, ctx), 1e14);
    cr_expect_leq(ulps("d_silu", "stable", AB_F64, x, ctx), 0.5);
    cr_expect_eq(ref(ctx, "d_silu", AB_F64, x).cr, 0x1.b7d7537967aa7p-56);
    /* mish, the float next to its zero x0 = -1.19243121: mish'(-0x1.31432cp+0)
     * = 8.1e-10; PyTorch's mish_backward returns 0 (tanh_softplus and
     * x sigmoid (1 - tanh_softplus^2) round to the same float), the naive
     * chain -2^-25 (the wrong sign). */
    cr_expect_eq(run("d_mish", "from-output", AB_F32, -0x1.31432cp+0), 0.0);
    cr_expect_eq(run("d_mish", "naive", AB_F32, -0x1.31432cp+0), -0x1p-25);
    cr_expect_eq(ref(ctx, "d_mish", AB_F32, -0x1.31432cp+0).cr, (double)0x1.beb774p-31f);
    cr_expect_eq(run("d_mish", "stable", AB_F32, -0x1.31432cp+0), (double)0x1.beb774p-31f);
    ab_ref_ctx_free(ctx);
}

/* d_mish, f32.  At 90 the naive chain's e = expf(90) = inf: s = log(inf) =
 * inf, p = inf, q = 0, t = inf/inf = NaN (mish'(90) rounds to 1).  At -100
 * PyTorch's mish_backward has exp(-x) = exp(100) = inf, sigmoid = 0, and
 * returns tanh(log1p(e^-100)) = e^-100 = 3.78e-44 > 0, where
 * mish'(-100) = (1 + x) e^x (1 + ...) = -99 e^-100 = -3.68e-42: the wrong
 * sign. */
Test(grad_smooth, mish_overflow_and_sign) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_expect(isnan(run("d_mish", "naive", AB_F32, 90)));
    cr_expect_eq(ref(ctx, "d_mish", AB_F32, 90).cr, 1.0);
    cr_expect_gt(run("d_mish", "from-output", AB_F32, -100), 0.0);
    cr_expect_eq(ref(ctx, "d_mish", AB_F32, -100).cr, (double)-0x1.488p-138f);
    cr_expect_eq(run("d_mish", "stable", AB_F32, -100), (double)-0x1.488p-138f);
    ab_ref_ctx_free(ctx);
}

/* d_gelu at -6 (f32): erff(-6/sqrt2) = erf(-4.24) = -1 + 2.0e-9 rounds to
 * -1 (half the spacing below 1 is 3e-8), so 1 + erf = 0 and both the
 * naive chain and PyTorch's GeluBackward return x phi(x) alone: -3.646e-8
 * against Phi(-6) + x phi(-6) = 9.87e-10 - 3.646e-8 = -3.547e-8: 2.8%
 * off, 2.8e5 ulps (measured 277719 / 277699).  gelu_tanh at -8 (f32):
 * tanhf(u) = -1 for u = -6.7 (1 - |tanh| = 2e-6 ... and 1 - tanh^2 =
 * 4e^-2|u| = 6e-6 < 2^-24 = ulp: both 1 + th and 1 - th^2 are 0):
 * 0, where gelu_tanh'(-8) = -4.71e-20. */
Test(grad_smooth, gelu_one_plus_erf_cancels) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    double e1 = ulps("d_gelu", "naive", AB_F32, -6, ctx);
    double e2 = ulps("d_gelu", "from-output", AB_F32, -6, ctx);
    cr_expect(e1 > 2.7e5 && e1 < 2.9e5, "naive %g", e1);
    cr_expect(e2 > 2.7e5 && e2 < 2.9e5, "from-output %g", e2);
    cr_expect_leq(ulps("d_gelu", "stable", AB_F32, -6, ctx), 0.5);
    cr_expect_eq(run("d_gelu_tanh", "from-output", AB_F32, -8), 0.0);
    cr_expect_eq(run("d_gelu_tanh", "naive", AB_F32, -8), 0.0);
    cr_expect_eq(ref(ctx, "d_gelu_tanh", AB_F32, -8).cr, (double)-0x1.bd4c7ep-65f);
    ab_ref_ctx_free(ctx);
}

/* d_gaussian at 9.5 (f32): e^-90.25 = 6.4e-40 is a float subnormal (below
 * 2^-126 = 1.18e-38) with 2^-149 absolute spacing, i.e. a relative error up
 * to 2^-149 / 6.4e-40 / 2 = 1.1e-6, which -2x = -19 carries into a normal
 * result (-1.2e-38 > FLT_MIN in magnitude) whose ulp is 2^-149 * 2^... :
 * measured 6.8 ulps for the naive chain, 5.8 for -2 x y on the stable
 * forward.  d_erf at 26 (f64): x*x = 676 is exact, so naive is within an
 * ulp there; at 0x1.7d7e5d347bd2bp+4 (23.84, the sweep's worst) x*x rounds
 * by up to 2^-44 absolute, which exp turns into ~500 ulps. */
Test(grad_smooth, gaussian_erf_tails) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    double e = ulps("d_gaussian", "naive", AB_F32, 9.5, ctx);
    cr_expect(e > 6 && e < 8, "naive %g", e);
    cr_expect_leq(ulps("d_gaussian", "stable", AB_F32, 9.5, ctx), 0.5);
    double x = 0x1.7d7e5d347bd2bp+4;
    e = ulps("d_erf", "naive", AB_F64, x, ctx);
    cr_expect(e > 400 && e < 600, "naive %g", e);
    cr_expect_leq(ulps("d_erf", "stable", AB_F64, x, ctx), 0.5);
    ab_ref_ctx_free(ctx);
}
