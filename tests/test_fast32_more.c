/* test_fast32_more.c: certification of the fast tiers in
 * reference/fast32_more.c against the MPFR references (fast32_check.h):
 * the bound (or direction) holds and every decided f32 rounding equals
 * MPFR's, on 10^4 inputs per activation in `make test` (suite fast32_more)
 * and 10^6 in `make check` (suite check_fast32_more, near-midpoint inputs
 * included, and the bands below).
 *
 * Fallbacks must stay rare: at most 1 per 10^4 inputs.  The far tails
 * (erfc, gelu, gelu_tanh below 2^-1074), and f beside a grid point of the
 * f32 grid (x/2 of gelu, gelu_tanh and hard_swish at tiny x, +-1, 2, x, 1/2
 * in saturation, exact grid values and near-misses of the algebraic
 * functions) are answered with a direction (see the top of
 * reference/fast32_more.c); a strided count over all 2^32 floats finds no
 * other undecided input.
 *
 * Needs: the registrations in impls/ to set .fast32 = ab_fast32_<name>. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "fast32_check.h"
#include "../harness/inputs.h"
#include "../harness/registry.h"
#include "../reference/reference.h"

/* At most per10k fallbacks per 10^4 inputs. */
static void run_allowing(const char *name, size_t n, size_t per10k) {
    ab_fast32_stats s = ab_fast32_check(name, n);
    cr_log_info("fast32 %s: %zu inputs, %zu decided, %zu fallbacks, %zu near-midpoint",
                name, s.inputs, s.decided, s.fallbacks, s.near_midpoint);
    cr_expect_leq(s.fallbacks, s.inputs * per10k / 10000, "%s: %zu fallbacks in %zu inputs", name,
                  s.fallbacks, s.inputs);
    cr_expect_eq(s.decided + s.fallbacks, s.inputs, "%s: counts do not add up", name);
}
static void run(const char *name, size_t n) { run_allowing(name, n, 1); }

TestSuite(fast32_more, .timeout = 120);
TestSuite(check_fast32_more, .timeout = 1200);

#define FAST32_TESTS(name)                                                 \
    Test(fast32_more, name) { run(#name, 10000); }                         \
    Test(check_fast32_more, name) { run(#name, 1000000); }

FAST32_TESTS(erf)
FAST32_TESTS(erfc)
FAST32_TESTS(gelu)
FAST32_TESTS(gelu_tanh)
FAST32_TESTS(softsign)
FAST32_TESTS(multiquadric)
FAST32_TESTS(inv_multiquadric)
FAST32_TESTS(binary_step)
FAST32_TESTS(identity)
FAST32_TESTS(relu)
FAST32_TESTS(relu6)
FAST32_TESTS(leaky_relu)
FAST32_TESTS(hard_tanh)
FAST32_TESTS(hard_sigmoid)
FAST32_TESTS(hard_swish)
/* derivatives that reuse a forward tier: against their own (interval) references */
FAST32_TESTS(d_exp)
FAST32_TESTS(d_expm1)
FAST32_TESTS(d_softplus)
FAST32_TESTS(d_log_sigmoid)
/* derivatives with their own tiers (reference/fast32_grad.c) */
FAST32_TESTS(d_sigmoid)
FAST32_TESTS(d_tanh)
/* silu': a quarter of the draws sit within 64 floats of one of its 7
 * thresholds, one of which is its zero x0 = -1.27846..., where the tier's
 * absolute bound cannot decide (see d_silu_near_its_zero below; 11 of the
 * 129 floats around x0 fall back), and the near-midpoint scan keeps such
 * inputs more often: 1.3% of these inputs fall back, against 1 in 2*10^7
 * uniform on [-20, 20]. */
Test(fast32_more, d_silu) { run_allowing("d_silu", 10000, 200); }
Test(check_fast32_more, d_silu) { run_allowing("d_silu", 1000000, 200); }
/* gelu': the same at its zero x0 = -0.75179..., with a looser bound
 * (Phi's argument error, 2.1 (x^2 + |x| + 6) u): 3 of its 5 thresholds
 * are x0 and x0 +- 1/8, and 2.8% of these inputs fall back. */
Test(fast32_more, d_gelu) { run_allowing("d_gelu", 10000, 400); }
Test(check_fast32_more, d_gelu) { run_allowing("d_gelu", 1000000, 400); }
/* gelu_tanh': likewise at its zero x0 = -0.75246... and x0 +- 1/8 */
Test(fast32_more, d_gelu_tanh) { run_allowing("d_gelu_tanh", 10000, 400); }
Test(check_fast32_more, d_gelu_tanh) { run_allowing("d_gelu_tanh", 1000000, 400); }
FAST32_TESTS(d_gaussian)
FAST32_TESTS(d_erf)
FAST32_TESTS(d_log1p)
FAST32_TESTS(d_softsign)
FAST32_TESTS(d_elu)
FAST32_TESTS(d_celu)
FAST32_TESTS(d_selu)
FAST32_TESTS(d_relu)
FAST32_TESTS(d_leaky_relu)
FAST32_TESTS(d_relu6)
FAST32_TESTS(d_hard_tanh)
FAST32_TESTS(d_hard_sigmoid)
FAST32_TESTS(d_hard_swish)
/* mish' (reference/fast32_dmish.c): a quarter of the draws sit within 64
 * floats of one of its 7 thresholds, one of which is the float next to its
 * zero x0 = -1.19243...; the tier's bound there is 2^-54 absolute, and 3
 * of the 129 floats nearest x0 fall back (4 of the 2^20 within 1/16), so
 * about 0.08% of these inputs do; elsewhere fallbacks are isolated
 * near-misses (a count over all 2^32 floats: 185 undecided, 4 of them
 * within 1/16 of x0). */
Test(fast32_more, d_mish) { run_allowing("d_mish", 10000, 30); }
Test(check_fast32_more, d_mish) { run_allowing("d_mish", 1000000, 30); }

/* The direction regions through ab_fast32_check_one (directions checked
 * against MPFR, roundings bit for bit): every float near the thresholds
 * (|x| = 2^-64 of x/2; the far-tail cuts of erfc at 26, gelu at -37,
 * gelu_tanh at tc = -700, x about -21.4), and a strided sample (odd steps:
 * both last bits, so the midpoints x/2 too) of the regions beyond.  Every
 * float must be decided, bar isolated midpoint coincidences. */
#define EDGE(name, t) {name, (t) - fabs((double)(t)) * 0x1p-12, (t) + fabs((double)(t)) * 0x1p-12, 1}
#define EDGES(name, t) EDGE(name, t), EDGE(name, -(t))
#define TINY_BANDS(name)                                                         \
    {name, 0x1p-64 * (1 - 0x1p-12), 0x1p-64 * (1 + 0x1p-12), 1},               \
    {name, -0x1p-64 * (1 + 0x1p-12), -0x1p-64 * (1 - 0x1p-12), 1},             \
    {name, 0x1p-149, 0x1p-124, 61}, {name, -0x1p-124, -0x1p-149, 61},          \
    {name, 0x1p-124, 0x1p-60, 4099}, {name, -0x1p-60, -0x1p-124, 4099}
/* silu' crosses zero at x0 = -1.27846...: the tier's bound there is
 * absolute (16u |s| |t| with s t ~ -0.22), while f ~ 0.2 (x - x0), so it
 * cannot decide the floats nearest x0; the cells grow with |x - x0|, and
 * about sum 2 err / cell ~ 10 of the 840 floats of [-1.2785, -1.2784]
 * fall back to MPFR.  Every float there must hold the bound (the
 * cancellation is where an error analysis goes wrong), and at most 3% may
 * fall back (14 do). */
static void near_zero(const char *name, double lo, double hi, size_t percent) {
    const ab_activation *a = ab_find_activation(name);
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert(a && a->fast32 && ctx);
    ab_fast32_stats st = {0};
    for (int64_t o = ab_ordinal(lo, AB_F32); o <= ab_ordinal(hi, AB_F32); o++)
        ab_fast32_check_one(a, ctx, ab_from_ordinal(o, AB_F32), &st);
    cr_log_info("%s near its zero: %zu floats, %zu undecided", name, st.inputs, st.fallbacks);
    cr_expect_leq(st.fallbacks * 100, st.inputs * percent, "%s: %zu of %zu undecided", name, st.fallbacks,
                  st.inputs);
    ab_ref_ctx_free(ctx);
}
Test(check_fast32_more, d_silu_near_its_zero, .timeout = 120) { near_zero("d_silu", -1.2785, -1.2784, 3); }
/* gelu' crosses zero at -0.75179...: f ~ 0.35 (x - x0) there, and its
 * bound is about 2^-49.4 (55 of the 1679 floats fall back) */
Test(check_fast32_more, d_gelu_near_its_zero, .timeout = 120) { near_zero("d_gelu", -0.75184, -0.75174, 5); }
Test(check_fast32_more, d_gelu_tanh_near_its_zero, .timeout = 120) {
    near_zero("d_gelu_tanh", -0.75251, -0.75241, 5);
}
/* mish' crosses zero at x0 = -1.1924312145...: f ~ 0.267 (x - x0), and the
 * tier moves the cancellation of q/D + x 4n(1+n)/D^2 into a cubic in n
 * with exact coefficients, its bound 2^-54 there: every float of the 1679
 * in [-1.19253, -1.19233] must hold it, and 3 of them fall back (the two-
 * term sum, with 2^-49, would leave 73).  The quick suite takes the
 * 257 floats within 2^-16. */
Test(fast32_more, d_mish_near_its_zero) { near_zero("d_mish", -0x1.31442cp+0, -0x1.31422cp+0, 2); }
Test(check_fast32_more, d_mish_near_its_zero, .timeout = 120) { near_zero("d_mish", -1.19253, -1.19233, 1); }

Test(check_fast32_more, direction_bands, .timeout = 1200) {
    static const struct { const char *name; double lo, hi; int64_t step; } bands[] = {
        TINY_BANDS("gelu"), TINY_BANDS("gelu_tanh"), TINY_BANDS("hard_swish"),
        {"erfc", 25.9, 26.1, 1}, {"erfc", 26.1, FLT_MAX, 16411},
        {"gelu", -37.1, -36.9, 1}, {"gelu", -FLT_MAX, -37.1, 16411},
        {"gelu_tanh", -21.6, -21.2, 1}, {"gelu_tanh", -FLT_MAX, -21.6, 16411},
        /* the edges of the directions beside grid points (fast32_tier.h) */
        EDGES("gelu", 0x1p-30), EDGE("gelu", 7), EDGES("gelu_tanh", 0x1p-30),
        EDGE("gelu_tanh", 6), EDGES("hard_swish", 0x1p-30), EDGES("hard_sigmoid", 0x1p-30),
        EDGES("erf", 5), EDGES("erfc", 0x1p-32), EDGE("erfc", -5), EDGES("softsign", 0x1p-30),
        EDGES("softsign", 0x1p30), EDGES("softsign", 0x1p26), EDGES("multiquadric", 0x1p-16),
        EDGES("multiquadric", 0x1p16), EDGES("multiquadric", 0x1p12),
        EDGES("inv_multiquadric", 0x1p-16), EDGES("inv_multiquadric", 0x1p16),
        EDGES("inv_multiquadric", 0x1p12), EDGES("leaky_relu", -1),
        /* derivatives: d_hard_swish's 1/2 + x/3 near 1/2, its zero and kinks;
         * d_selu's and d_elu's exp tails and d_elu's 1 from below */
        EDGES("d_hard_swish", 0x1p-30), EDGE("d_hard_swish", -1.5), EDGES("d_hard_swish", 3),
        EDGE("d_selu", -708), EDGE("d_selu", -0x1p-32), EDGE("d_elu", -708), EDGE("d_elu", -0x1p-32),
        EDGES("d_sigmoid", 0x1p-14), EDGES("d_sigmoid", 708), EDGES("d_tanh", 0x1p-15), EDGES("d_tanh", 354),
        EDGES("d_gelu", 0x1p-30), EDGE("d_gelu", 8), EDGE("d_gelu", -37),
        EDGES("d_gelu_tanh", 0x1p-30), EDGE("d_gelu_tanh", 7), EDGE("d_gelu_tanh", -20.9),
        EDGES("d_silu", 0x1p-30), EDGES("d_silu", 0x1p-15), EDGE("d_silu", 24), EDGE("d_silu", -700),
        EDGES("d_erf", 26.6), EDGES("d_gaussian", 0x1p-15), EDGES("d_gaussian", 26.6), EDGES("d_log1p", 0x1p-30),
        EDGE("d_log1p", 0x1p30), EDGE("d_log1p", -1), EDGES("d_softsign", 0x1p-31), EDGES("d_softsign", 0x1p30),
        EDGES("d_softsign", 0x1p80), {"d_log1p", 0x1p30, 0x1p127, 1 << 23}, {"d_softsign", 0x1p30, 0x1p127, 1 << 23},
        /* d_mish: the direction above 1 from 16 on, the tail below -0 under
         * -120 (and the strided regions beyond both), the f32 subnormal
         * results (x in (-108.66, -91.86)) and their flush to -0, and the
         * cut where 4 + 4x and 6 + 4x stop being exact */
        EDGE("d_mish", 16), {"d_mish", 16, FLT_MAX, 16411}, EDGE("d_mish", -120),
        {"d_mish", -FLT_MAX, -120, 16411}, {"d_mish", -110, -85, 257}, EDGES("d_mish", 0x1p-29),
        /* powers of two: inv_multiquadric's 1/|x| below, multiquadric's |x| + 2^-13 at 2^12 */
        {"inv_multiquadric", 0x1p16, 0x1p127, 1 << 23},
        {"inv_multiquadric", -0x1p127, -0x1p16, 1 << 23},
    };
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        const ab_activation *a = ab_find_activation(bands[i].name);
        cr_assert_not_null(a, "no activation %s", bands[i].name);
        cr_assert_not_null(a->fast32, "%s has no fast tier", bands[i].name);
        ab_fast32_stats st = {0};
        for (int64_t o = ab_ordinal(bands[i].lo, AB_F32); o <= ab_ordinal(bands[i].hi, AB_F32);
             o += bands[i].step)
            ab_fast32_check_one(a, ctx, ab_from_ordinal(o, AB_F32), &st);
        cr_log_info("%s on [%a, %a] step %d: %zu floats, %zu undecided", bands[i].name,
                    bands[i].lo, bands[i].hi, (int)bands[i].step, st.inputs, st.fallbacks);
        cr_expect_leq(st.fallbacks, st.inputs / 10000, "%s on [%a, %a]: %zu of %zu undecided",
                      bands[i].name, bands[i].lo, bands[i].hi, st.fallbacks, st.inputs);
    }
    ab_ref_ctx_free(ctx);
}
