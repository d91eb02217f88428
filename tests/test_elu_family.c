/* test_elu_family.c: the piecewise-linear activations, the ELU family and
 * the building blocks exp, expm1, log1p, erf, erfc.
 *
 * 1. Special values: the reference gives the hand-derived value on NaN,
 *    +-inf, +-0 (the conventions of reference/piecewise.c and the ELU
 *    files), and every non-naive variant (stable, approx where its
 *    special values are claimed, libm) equals the reference bit for bit,
 *    sign of zero included.
 * 2. Failure patterns: a small sweep shows each naive variant's known
 *    defect in the CSV column that should carry it, and the careful
 *    variant of the same activation free of it.  Expected values are
 *    derived in the comments. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(elu_family_special, .timeout = 120);
TestSuite(elu_family_patterns, .timeout = 120);

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

static const double specials[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0};

/* want[i] is the reference value at specials[i], in both formats. */
static void check_specials(const char *name, const double want[5], const char *const *vars) {
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < 5; i++) {
            double r = ref(name, (ab_precision)p, specials[i]);
            cr_expect(same(r, want[i]), "%s %s reference at %g: %a, want %a", name,
                      ab_precision_name((ab_precision)p), specials[i], r, want[i]);
            for (const char *const *v = vars; *v; v++) {
                double y = run(name, *v, (ab_precision)p, specials[i]);
                cr_expect(same(y, r), "%s %s %s at %g: %a, reference %a", name, *v,
                          ab_precision_name((ab_precision)p), specials[i], y, r);
            }
        }
}

static const char *const STABLE[] = {"stable", NULL};
static const char *const STABLE_APPROX[] = {"stable", "approx", NULL};
static const char *const LIBM_APPROX[] = {"libm", "approx", NULL};
static const char *const LIBM[] = {"libm", NULL};

/* Order: NaN, +inf, -inf, +0, -0. */
Test(elu_family_special, piecewise) {
    /* identity passes everything through. */
    check_specials("identity", (double[]){NAN, INFINITY, -INFINITY, 0.0, -0.0}, STABLE);
    /* H(x) = 0 for x < 0, 1 for x >= 0; -0 is not < 0; NaN -> NaN. */
    check_specials("binary_step", (double[]){NAN, 1, 0.0, 1, 1}, STABLE);
    /* maximum(x, +0): -inf -> +0, -0 -> +0 (maximum orders -0 < +0). */
    check_specials("relu", (double[]){NAN, INFINITY, 0.0, 0.0, 0.0}, STABLE);
    check_specials("relu6", (double[]){NAN, 6, 0.0, 0.0, 0.0}, STABLE);
    /* x >= 0 keeps x (so -0); -inf / 100 = -inf. */
    check_specials("leaky_relu", (double[]){NAN, INFINITY, -INFINITY, 0.0, -0.0}, STABLE);
    /* relu6(x + 3) / 6: 3/6 = 0.5 at both zeros. */
    check_specials("hard_sigmoid", (double[]){NAN, 1, 0.0, 0.5, 0.5}, STABLE);
    check_specials("hard_tanh", (double[]){NAN, 1, -1, 0.0, -0.0}, STABLE);
    /* x for x >= 3, +0 for x <= -3, x (x + 3)/6 = +-0 at +-0. */
    check_specials("hard_swish", (double[]){NAN, INFINITY, 0.0, 0.0, -0.0}, STABLE);
}

Test(elu_family_special, elu_family) {
    /* elu/celu: x >= 0 keeps x; expm1(-inf) = -1 (alpha = 1). */
    check_specials("elu", (double[]){NAN, INFINITY, -1, 0.0, -0.0}, STABLE_APPROX);
    check_specials("celu", (double[]){NAN, INFINITY, -1, 0.0, -0.0}, STABLE_APPROX);
    /* softsign: limits +-1 at +-inf, +-0 / 1 = +-0. */
    check_specials("softsign", (double[]){NAN, 1, -1, 0.0, -0.0}, STABLE_APPROX);
    /* selu: +inf, +-0 exactly; -inf -> -lambda alpha, checked apart. */
    const double *nanv = (double[]){NAN};
    (void)nanv;
    for (int p = 0; p < 2; p++) {
        ab_precision pr = (ab_precision)p;
        cr_expect(isnan(ref("selu", pr, NAN)));
        cr_expect(same(ref("selu", pr, INFINITY), INFINITY));
        cr_expect(same(ref("selu", pr, 0.0), 0.0));
        cr_expect(same(ref("selu", pr, -0.0), -0.0));
        /* lambda alpha = 1.0507009873554805 * 1.6732632423543772
         * = 1.75809934084737678... (by hand: 1.0507009873554805 * 1.6732632423543772
         * = 1.6732632423543772 + 0.0507009873554805 * 1.6732632423543772
         * = 1.6732632423543772 + 0.0848360984929996 = 1.7580993408473768). */
        double r = ref("selu", pr, -INFINITY);
        double tol = p == AB_F32 ? 1.2e-7 : 4.5e-16;   /* one ulp at 1.76 */
        cr_expect(fabs(r + 1.7580993408473768) < tol, "selu(-inf) = %a", r);
        for (const char *const *v = STABLE_APPROX; *v; v++)
            for (int i = 0; i < 5; i++)
                cr_expect(same(run("selu", *v, pr, specials[i]), ref("selu", pr, specials[i])),
                          "selu %s %s at %g", *v, ab_precision_name(pr), specials[i]);
    }
}

Test(elu_family_special, building_blocks) {
    /* C99 Annex F values. */
    check_specials("exp", (double[]){NAN, INFINITY, 0.0, 1, 1}, LIBM_APPROX);
    check_specials("expm1", (double[]){NAN, INFINITY, -1, 0.0, -0.0}, LIBM_APPROX);
    check_specials("log1p", (double[]){NAN, INFINITY, NAN, 0.0, -0.0}, LIBM_APPROX);
    /* A&S erf does not claim erf(+-0) = +-0 (see impls/erf.c): libm only. */
    check_specials("erf", (double[]){NAN, 1, -1, 0.0, -0.0}, LIBM);
    check_specials("erfc", (double[]){NAN, 0.0, 2, 1, 1}, LIBM);
    /* log1p's pole and domain: log1p(-1) = -inf, log1p(-2) = NaN. */
    for (int p = 0; p < 2; p++) {
        ab_precision pr = (ab_precision)p;
        cr_expect(same(ref("log1p", pr, -1), -INFINITY));
        cr_expect(isnan(ref("log1p", pr, -2)));
        cr_expect(same(run("log1p", "approx", pr, -1), -INFINITY));
        cr_expect(isnan(run("log1p", "approx", pr, -2)));
    }
}

/* ---- failure patterns, through the sweep ---- */

static ab_sweep_result sweep(const char *name, const char *range) {
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    char *an[] = {(char *)name}, *rn[] = {(char *)range};
    o.activations = (ab_filter){an, 1};
    o.ranges = (ab_filter){rn, 1};
    o.samples = 4096;
    o.threads = 1;
    ab_sweep_result res;
    cr_assert_eq(ab_sweep_run(&o, &res), 0);
    return res;
}

static const ab_acc *row(const ab_sweep_result *r, const char *var, ab_precision p) {
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->rows[i].var->name, var) == 0 && r->rows[i].prec == p) return &r->rows[i].acc;
    cr_assert_fail("no row for %s %s", var, ab_precision_name(p));
    return NULL;
}

/* naive exp(x) - 1 near 0: for |x| < 2^-20 e^x rounds to 1 + x rounded
 * to 2^-23 (f32) / 2^-52 (f64) steps, so e^x - 1 is a multiple of an ulp
 * of 1 while the true value ~x can be 2^-149: errors of up to about
 * 2^-24 / 2^-149 or, where the result is 0 against a tiny negative value,
 * a sign error and a flush.  In ulps of the result the error is at least
 * 2^20 (x ~ 2^-21, error ~ |x| ~ 2^-21 against ulp(x) = 2^-44).  expm1 is
 * within its declared bound. */
static void cancels_near_zero(const char *name, const char *good) {
    ab_sweep_result r = sweep(name, "tiny");
    for (int p = 0; p < 2; p++) {
        const ab_acc *n = row(&r, "naive", (ab_precision)p);
        cr_expect(n->max_ulp > 0x1p20, "%s naive %s tiny max_ulp %g", name,
                  ab_precision_name((ab_precision)p), n->max_ulp);
        cr_expect(n->zero_flush > 0, "%s naive: e^x - 1 = 0 for the tiniest x", name);
        const ab_acc *s = row(&r, good, (ab_precision)p);
        const ab_variant *v = ab_find_variant(act(name), good, (ab_precision)p);
        cr_expect(s->max_ulp <= v->max_ulp, "%s %s tiny max_ulp %g", name, good, s->max_ulp);
        cr_expect_eq(s->sign_errors + s->zero_flush + s->nan, 0);
    }
    ab_sweep_result_free(&r);
}

Test(elu_family_patterns, exp_minus_one_cancels, .timeout = 120) {
    cancels_near_zero("elu", "stable");
    cancels_near_zero("selu", "stable");
    cancels_near_zero("celu", "stable");
    cancels_near_zero("expm1", "libm");
    /* log(1 + x): 1 + x = 1 for |x| < 2^-24 / 2^-53, so the same flush. */
    cancels_near_zero("log1p", "libm");
}

/* The special set holds +-0, +-inf, NaN, +- the smallest and largest
 * subnormal, +- the smallest normal, +- the largest finite, and each
 * threshold +-1 ulp.  Counting by hand which of those each naive variant
 * gets wrong: */
Test(elu_family_patterns, special_set_columns, .timeout = 120) {
    struct { const char *name; unsigned nan, sign; } cases[] = {
        /* np.where(x < 0, 0, x): NaN kept; -0 is not < 0 -> -0, one sign
         * error (-0 against +0); the negative subnormals give 0 = +0. */
        {"relu", 0, 1},
        /* docstring "x < 0 ? 0 : 1": only NaN -> 1 is wrong. */
        {"binary_step", 1, 0},
        /* fmin/fmax forms: NaN -> 0 (relu6, hard_sigmoid) or 1 (hard_tanh). */
        {"relu6", 1, 0},
        {"hard_sigmoid", 1, 0},
        {"hard_tanh", 1, 0},
        /* softsign x/(1+|x|): inf/inf = NaN at +inf and -inf. */
        {"softsign", 2, 0},
        /* celu's fmax/fmin: NaN -> 0. */
        {"celu", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ab_sweep_result r = sweep(cases[i].name, "special");
        for (int p = 0; p < 2; p++) {
            const ab_acc *n = row(&r, "naive", (ab_precision)p);
            cr_expect_eq(n->nan, cases[i].nan, "%s naive %s: nan %llu", cases[i].name,
                         ab_precision_name((ab_precision)p), (unsigned long long)n->nan);
            if (cases[i].sign)
                cr_expect_eq(n->sign_errors, cases[i].sign, "%s naive: sign errors %llu",
                             cases[i].name, (unsigned long long)n->sign_errors);
            const ab_acc *s = row(&r, "stable", (ab_precision)p);
            cr_expect_eq(s->nan + s->sign_errors, 0, "%s stable", cases[i].name);
            cr_expect_eq(s->correctly_rounded, s->samples, "%s stable is exact on specials",
                         cases[i].name);
        }
        ab_sweep_result_free(&r);
    }
}

/* hard_swish naive x * relu6(x+3) / 6: in the special set, NaN -> NaN
 * (x * 0 with x NaN) but -inf * 0 = NaN (one NaN mismatch); the saturated
 * negative values (-inf excluded: -FLT_MAX, -3 - ulp, -3) give
 * x * (+0) = -0 against +0: at least 3 sign errors.  Over the overflow
 * range [2^125, FLT_MAX] the product x * 6 overflows for x > FLT_MAX / 6
 * (= 0x1.555554p+125), about 2/3 of that range by value but ~40% of its
 * ordinals; the stable variant returns x there, exactly. */
Test(elu_family_patterns, hard_swish_overflow_and_signs, .timeout = 60) {
    ab_sweep_result r = sweep("hard_swish", "special");
    for (int p = 0; p < 2; p++) {
        const ab_acc *n = row(&r, "naive", (ab_precision)p);
        cr_expect_eq(n->nan, 1);
        cr_expect_geq(n->sign_errors, 3);
    }
    ab_sweep_result_free(&r);
    r = sweep("hard_swish", "overflow");
    for (int p = 0; p < 2; p++) {
        const ab_acc *n = row(&r, "naive", (ab_precision)p);
        cr_expect_gt(n->overflow, 4096 / 4, "naive overflows %llu", (unsigned long long)n->overflow);
        const ab_acc *s = row(&r, "stable", (ab_precision)p);
        cr_expect_eq(s->overflow, 0);
        cr_expect_eq(s->correctly_rounded, s->samples);
    }
    ab_sweep_result_free(&r);
}

/* leaky_relu: 0.01f = 0x1.47ae14p-7 is 2.2e-8 relative below 1/100
 * (0.375 ulp of alpha at 2^-7 spacing 2^-30... relative to the product's
 * ulp it is 0.19 to 0.375 ulp), so 0.01f * x can be off by more than half
 * an ulp: naive max_ulp > 0.5 on core in f32; x / 100 is correctly rounded
 * (max_ulp <= 0.5 everywhere). */
Test(elu_family_patterns, leaky_relu_alpha_rounding) {
    ab_sweep_result r = sweep("leaky_relu", "core");
    cr_expect_gt(row(&r, "naive", AB_F32)->max_ulp, 0.5);
    for (int p = 0; p < 2; p++) {
        const ab_acc *s = row(&r, "stable", (ab_precision)p);
        cr_expect_leq(s->max_ulp, 0.5);
        cr_expect_eq(s->over_1ulp, 0);
    }
    ab_sweep_result_free(&r);
}

/* erfc naive 1 - erf(x): erf(x) rounds to 1 from x = 0x1.f5a88ap+1 (3.92,
 * f32) / 0x1.7afb48dc96627p+2 (5.92, f64) on (test_reference's thresholds
 * in impls/erf.c), so on the "cancel" range [1, 6] / [1, 8] the tail of it
 * is flushed to 0 while erfc is a normal number (erfc(6) ~ 2e-17,
 * erfc(8) ~ 1e-29). */
Test(elu_family_patterns, erfc_cancellation) {
    ab_sweep_result r = sweep("erfc", "cancel");
    for (int p = 0; p < 2; p++) {
        const ab_acc *n = row(&r, "naive", (ab_precision)p);
        cr_expect_gt(n->zero_flush, 0);
        cr_expect_gt(n->max_ulp, 1e6);
        const ab_acc *l = row(&r, "libm", (ab_precision)p);
        cr_expect_eq(l->zero_flush, 0);
    }
    ab_sweep_result_free(&r);
}

/* The declared bounds hold on every range for every variant that
 * declares one, on a small sweep (the full sweep is `actbench sweep`). */
Test(elu_family_patterns, declared_bounds_hold) {
    const char *names[] = {"identity", "binary_step", "relu", "relu6", "leaky_relu",
                           "hard_sigmoid", "hard_tanh", "hard_swish", "elu", "selu",
                           "celu", "softsign", "exp", "expm1", "log1p", "erf"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        ab_sweep_opts o;
        ab_sweep_opts_init(&o);
        char *an[] = {(char *)names[k]};
        o.activations = (ab_filter){an, 1};
        o.samples = 2048;
        o.threads = 1;
        o.precisions = 1u << AB_F32 | 1u << AB_F64; /* 16-bit: check_sweep */
        ab_sweep_result res;
        cr_assert_eq(ab_sweep_run(&o, &res), 0);
        cr_assert_gt(res.n, 0, "%s: the sweep produced no rows", names[k]);
        for (size_t i = 0; i < res.n; i++) {
            const ab_row *w = &res.rows[i];
            cr_expect(!(w->acc.max_ulp > w->var->max_ulp) || (w->var->expect & AB_FAIL_BOUND),
                      "%s %s %s %s: %g > declared %g",
                      names[k], w->var->name, ab_precision_name(w->prec), w->range,
                      w->acc.max_ulp, w->var->max_ulp);
            if (w->var->strategy != AB_NAIVE && isfinite(w->var->max_ulp))
                cr_expect_eq(w->acc.nan, 0, "%s %s %s %s: NaN mismatches", names[k],
                             w->var->name, ab_precision_name(w->prec), w->range);
        }
        ab_sweep_result_free(&res);
    }
}
