/* test_smooth.c: the smooth activations (log_sigmoid, silu, mish, gelu,
 * gelu_tanh, gaussian, multiquadric, inv_multiquadric).
 *
 * 1. The stable variants give the correctly rounded reference bit for bit
 *    on NaN, +-inf and +-0.
 * 2. The failures of the naive formulas show up in the right counter of a
 *    sweep row, and the stable variants' rows are clean.  The expected
 *    counts come from the analysis in the comments (lower bounds where the
 *    exact count depends on sampling). */
#include <criterion/criterion.h>
#include <math.h>
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(smooth, .timeout = 120);

static const char *smooth[] = {"log_sigmoid", "silu", "mish", "gelu", "gelu_tanh",
                               "gaussian", "multiquadric", "inv_multiquadric"};

Test(smooth, stable_special_values_exact) {
    const double xs[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0};
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    for (size_t a = 0; a < AB_COUNT(smooth); a++) {
        const ab_activation *act = ab_find_activation(smooth[a]);
        cr_assert_not_null(act, "%s is not registered", smooth[a]);
        for (int p = AB_F32; p <= AB_F64; p++) {
            const ab_variant *v = ab_find_variant(act, "stable", (ab_precision)p);
            cr_assert_not_null(v, "%s has no stable %s variant", smooth[a],
                               ab_precision_name((ab_precision)p));
            double y[AB_COUNT(xs)];
            ab_run_variant(v, xs, y, AB_COUNT(xs));
            for (size_t i = 0; i < AB_COUNT(xs); i++) {
                ab_refval r;
                ab_reference_eval(ctx, act->reference, (ab_precision)p, xs[i], &r);
                cr_expect(ab_same_result(y[i], r.cr, (ab_precision)p),
                          "%s stable %s(%a) = %a, correctly rounded %a", smooth[a],
                          ab_precision_name((ab_precision)p), xs[i], y[i], r.cr);
            }
        }
    }
    ab_ref_ctx_free(ctx);
}

/* The limits by hand, so that the special-value test above is not only
 * reference against variant: silu, mish, gelu, gelu_tanh tend to 0 from
 * below at -inf (x times a positive factor that vanishes), so -0; at +inf
 * they are +inf; log_sigmoid(+inf) = -0 (log of a number below 1),
 * log_sigmoid(-inf) = -inf; gaussian(+-inf) = +0, multiquadric(+-inf) =
 * +inf, inv_multiquadric(+-inf) = +0; f(+-0) = +-0 for the four x-times-
 * something functions, gaussian(0) = multiquadric(0) =
 * inv_multiquadric(0) = 1. */
Test(smooth, reference_limits) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    struct { const char *name; double x, want; } cases[] = {
        {"silu", -INFINITY, -0.0}, {"silu", INFINITY, INFINITY}, {"silu", -0.0, -0.0},
        {"mish", -INFINITY, -0.0}, {"mish", INFINITY, INFINITY}, {"mish", -0.0, -0.0},
        {"gelu", -INFINITY, -0.0}, {"gelu", INFINITY, INFINITY}, {"gelu", -0.0, -0.0},
        {"gelu_tanh", -INFINITY, -0.0}, {"gelu_tanh", INFINITY, INFINITY},
        {"log_sigmoid", INFINITY, -0.0}, {"log_sigmoid", -INFINITY, -INFINITY},
        {"gaussian", -INFINITY, 0.0}, {"gaussian", 0.0, 1.0},
        {"multiquadric", -INFINITY, INFINITY}, {"multiquadric", 0.0, 1.0},
        /* 0.75^2 + 1 = (5/4)^2: an exact result off zero. */
        {"multiquadric", 0.75, 1.25},
        {"inv_multiquadric", INFINITY, 0.0}, {"inv_multiquadric", -0.0, 1.0},
    };
    for (size_t i = 0; i < AB_COUNT(cases); i++) {
        const ab_activation *a = ab_find_activation(cases[i].name);
        cr_assert_not_null(a);
        for (int p = AB_F32; p <= AB_F64; p++) {
            ab_refval r;
            ab_reference_eval(ctx, a->reference, (ab_precision)p, cases[i].x, &r);
            cr_expect(ab_same_result(r.cr, cases[i].want, (ab_precision)p) && !r.cap_hit,
                      "%s(%a) reference %a, want %a", cases[i].name, cases[i].x, r.cr,
                      cases[i].want);
        }
    }
    ab_ref_ctx_free(ctx);
}

/* Sweep one activation, variants naive and stable, one range, both
 * precisions (4096 samples), and return the row for (variant, prec). */
static ab_sweep_result res;

static void sweep(const char *act, const char *range) {
    static char *vars[] = {"naive", "stable"};
    char *acts[] = {(char *)act};
    char *ranges[] = {(char *)range};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){acts, 1};
    o.variants = (ab_filter){vars, 2};
    o.ranges = (ab_filter){ranges, 1};
    o.samples = 4096;
    ab_sweep_result_free(&res);
    cr_assert_eq(ab_sweep_run(&o, &res), 0);
}

static const ab_acc *row(const char *variant, ab_precision p) {
    for (size_t i = 0; i < res.n; i++)
        if (strcmp(res.rows[i].var->name, variant) == 0 && res.rows[i].prec == p)
            return &res.rows[i].acc;
    cr_assert_fail("no row for %s %s", variant, ab_precision_name(p));
    return NULL;
}

/* silu naive x/(1+e^-x) at x = -inf: e^inf = inf, -inf/inf = NaN; at
 * every other special input it is finite or NaN-for-NaN (-FLT_MAX gives
 * -FLT_MAX/inf = -0, no NaN).  So exactly one NaN mismatch per format. */
Test(smooth, silu_naive_nan_at_minus_inf) {
    sweep("silu", "special");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_eq(row("naive", (ab_precision)p)->nan, 1);
        cr_expect_eq(row("stable", (ab_precision)p)->nan, 0);
    }
}

/* mish naive at +inf: softplus = log(1+inf) = inf, and the article's tanh
 * (e^s - e^-s)/(e^s + e^-s) is inf/inf = NaN; at -inf, softplus = 0,
 * tanh = 0 and -inf * 0 = NaN; at the largest finite x e^x overflows as at
 * +inf.  So at least 3 NaN mismatches (the overflow threshold's
 * neighbours add more); stable has none. */
Test(smooth, mish_naive_nan_at_plus_inf) {
    sweep("mish", "special");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_geq(row("naive", (ab_precision)p)->nan, 3);
        cr_expect_eq(row("stable", (ab_precision)p)->nan, 0);
    }
    /* On [80, 100] / [700, 720] e^x overflows from 88.72 / 709.78 on, more
     * than a third of each range in ordinals (same binade): NaN there. */
    sweep("mish", "overflow");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->nan, 4096 / 3);
        cr_expect_eq(row("stable", (ab_precision)p)->nan, 0);
    }
}

/* gelu naive 0.5x(1+erf(x/sqrt2)): erf(z) rounds to -1 once erfc(|z|) is
 * below half an ulp of 1 (2^-25 / 2^-54), i.e. x < -5.45 (f32) / -8.1
 * (f64), and the result is -0 where gelu(x) is a normal number down to
 * -13 / -37.5.  On neg_tail [-14.5, -5] / [-39, -5] that is over half
 * the ordinals.  Where it is not yet -0 it has lost most bits: max ULP is
 * the full relative error, 2^23 or more.  At -inf, -inf * (1 + -1) = NaN;
 * gelu(+inf) = 0.5 * inf * 2 = inf is right. */
Test(smooth, gelu_naive_neg_tail) {
    sweep("gelu", "neg_tail");
    for (int p = AB_F32; p <= AB_F64; p++) {
        const ab_acc *n = row("naive", (ab_precision)p), *s = row("stable", (ab_precision)p);
        cr_expect_gt(n->zero_flush, 4096 / 2);
        cr_expect_geq(n->max_ulp, p == AB_F32 ? 0x1p23 : 0x1p52);
        cr_expect_eq(s->zero_flush, 0);
        cr_expect_leq(s->max_ulp, 5.0);
    }
    sweep("gelu", "special");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_geq(row("naive", (ab_precision)p)->nan, 1);
        cr_expect_eq(row("stable", (ab_precision)p)->nan, 0);
    }
}

/* gelu_tanh naive: 1 + tanh(u) is 0 once tanh(u) rounds to -1, u < -9.0
 * (f32) / -19.1 (f64), i.e. x < about -4.6 / -6.7, while the value is a
 * normal number down to about -10.5 / -21.4: more than half of neg_tail
 * [-11, -3] / [-22, -3] flushes.  -inf * 0 = NaN at -inf. */
Test(smooth, gelu_tanh_naive_neg_tail) {
    sweep("gelu_tanh", "neg_tail");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->zero_flush, 4096 / 2);
        cr_expect_eq(row("stable", (ab_precision)p)->zero_flush, 0);
    }
    sweep("gelu_tanh", "special");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_geq(row("naive", (ab_precision)p)->nan, 1);
        cr_expect_eq(row("stable", (ab_precision)p)->nan, 0);
    }
}

/* gaussian naive exp(-x*x): x*x rounded is off by up to ulp(x^2)/2, which
 * is 2^-19 for x^2 in [32, 64) and 2^-18 in [64, 128); e^-(s+d) = e^-s
 * (1 - d), a relative error d, i.e. 2^5 to 2^6 f32 ulps (an ulp is 2^-24
 * to 2^-23 relative).  Over 4096 samples of [5, 10.25] some x^2 fall
 * within a quarter ulp of the worst case: max ULP > 8.  f64: x^2 in
 * [225, 745] has ulp(x^2)/2 = 2^-45 or 2^-44, 2^7 to 2^9 ulps: > 32. */
Test(smooth, gaussian_naive_tail) {
    sweep("gaussian", "tail");
    cr_expect_gt(row("naive", AB_F32)->max_ulp, 8.0);
    cr_expect_gt(row("naive", AB_F64)->max_ulp, 32.0);
    cr_expect_leq(row("stable", AB_F32)->max_ulp, 1.5);
    cr_expect_leq(row("stable", AB_F64)->max_ulp, 1.5);
}

/* multiquadric naive sqrt(x*x + 1): x*x overflows from 2^64 (f32) /
 * 2^512 (f64) on.  Ordinals of [1e19, 1e20]: log2(2^64/1e19) = 0.88
 * binade below 2^64 and log2(1e20/2^64) = 2.44 above; of [1e154, 1e156]:
 * 0.42 below 2^512 and 6.2 above: over half overflow to inf (the
 * overflow column) in both.  inv_multiquadric naive: 1/inf = 0 there, a
 * zero flush of 1/|x| >= 1e-20 / 1e-156. */
Test(smooth, multiquadric_naive_overflow) {
    sweep("multiquadric", "overflow");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->overflow, 4096 / 2);
        cr_expect_eq(row("stable", (ab_precision)p)->overflow, 0);
        cr_expect_leq(row("stable", (ab_precision)p)->max_ulp, 1.0);
    }
    sweep("inv_multiquadric", "overflow");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->zero_flush, 4096 / 2);
        cr_expect_eq(row("stable", (ab_precision)p)->zero_flush, 0);
    }
}

/* log_sigmoid naive log(1/(1+e^-x)): e^-x overflows below -88.72 /
 * -709.78, then log(0) = -inf where the value ~x is finite: [-100, -80]
 * has 11.28/20 of its ordinals below -88.72 (one binade), [-720, -700]
 * 10.22/20.  Above 17.33 / 37.43 the quotient rounds to 1 and the log to
 * 0 (pos_tail [15, 110] / [35, 750]: most of it). */
Test(smooth, log_sigmoid_naive) {
    sweep("log_sigmoid", "neg_overflow");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->overflow, 4096 / 2);
        cr_expect_eq(row("stable", (ab_precision)p)->overflow, 0);
    }
    sweep("log_sigmoid", "pos_tail");
    for (int p = AB_F32; p <= AB_F64; p++) {
        cr_expect_gt(row("naive", (ab_precision)p)->zero_flush, 4096 / 2);
        cr_expect_eq(row("stable", (ab_precision)p)->zero_flush, 0);
    }
    ab_sweep_result_free(&res);
}
