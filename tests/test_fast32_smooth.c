/* test_fast32_smooth.c: certification of the binary64 fast tier of the
 * smooth activations (reference/fast32_smooth.c) against the MPFR path.
 *
 * Suite fast32 (make test): ab_fast32_check on 10^4 inputs per activation.
 * Suite check_fast32 (make check): 10^6 per activation (the issue's
 * certification run, near-midpoint inputs included).
 *
 * Both also count, on their own seeded bit-pattern sample of finite floats
 * (no MPFR: the tier and the decision only), the inputs the tier leaves
 * undecided.  Outside the regions where binary64 cannot decide the f32
 * rounding (the `hard` predicates below, explained in fast32_smooth.c:
 * |f(x)| below 2^-1074, e^x beyond DBL_MAX, silu's exact midpoints at
 * tiny x) they must be rarer than 1 in 1000; the fallbacks of the check
 * must then be explained by that region's share of its bit-pattern draws
 * (half of them) and, for silu, by its near-midpoint picks. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "fast32_check.h"
#include "../harness/inputs.h"
#include "../harness/registry.h"
#include "../reference/fast32.h"

TestSuite(fast32, .timeout = 120);
TestSuite(check_fast32, .timeout = 1200);

/* Where binary64 cannot decide the f32 rounding (with a small band where
 * |f| is within a few subnormals of 2^-1074). */
static int hard_exp(double x) {
    return (x > 710.4 && x < 3.2e18) || (x < -742 && x > -3.2e18);
}
static int hard_expm1(double x) { return x > 710.4 && x < 3.2e18; }
static int hard_neg_tail(double x) { return x < -742 && x > -3.2e18; }
static int hard_pos_tail(double x) { return x > 742 && x < 3.2e18; }
static int hard_silu(double x) {
    return (x < -749 && x > -3.2e18) || (x != 0 && fabs(x) < 0x1p-125);
}
static int hard_mish(double x) { return x < -749 && x > -3.2e18; }
static int hard_gaussian(double x) { return x * x > 742 && fabs(x) < 1.79e9; }
static int hard_none(double x) { (void)x; return 0; }

typedef struct {
    const char *name;
    ab_fast32_fn fn;
    int (*hard)(double);
    int hard_midpoints; /* the hard region holds exact f32 midpoints */
} fast_case;

static const fast_case cases[] = {
    {"sigmoid", ab_fast32_sigmoid, hard_neg_tail, 0},
    {"tanh", ab_fast32_tanh, hard_none, 0},
    {"softplus", ab_fast32_softplus, hard_neg_tail, 0},
    {"exp", ab_fast32_exp, hard_exp, 0},
    {"expm1", ab_fast32_expm1, hard_expm1, 0},
    {"log1p", ab_fast32_log1p, hard_none, 0},
    {"log_sigmoid", ab_fast32_log_sigmoid, hard_pos_tail, 0},
    {"silu", ab_fast32_silu, hard_silu, 1},
    {"mish", ab_fast32_mish, hard_mish, 0},
    {"elu", ab_fast32_elu, hard_none, 0},
    {"celu", ab_fast32_celu, hard_none, 0},
    {"selu", ab_fast32_selu, hard_none, 0},
    {"gaussian", ab_fast32_gaussian, hard_gaussian, 0},
};

static const fast_case *find_case(const char *name) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(cases[i].name, name) == 0) return &cases[i];
    return NULL;
}

/* The descriptors in impls/ may not name their fast tier yet: each test
 * runs in its own process, so the registry's copy of the descriptor (heap
 * memory, see harness/registry.c) is given it here.  Once wired, it must
 * be this function. */
static void wire(const fast_case *c) {
    ab_activation *a = (ab_activation *)ab_find_activation(c->name);
    cr_assert_not_null(a, "no activation %s", c->name);
    if (!a->fast32) a->fast32 = c->fn;
    cr_assert(a->fast32 == c->fn, "%s: the registered fast tier is not ab_fast32_%s",
              c->name, c->name);
}

/* Own sample of m finite floats by bit pattern: undecided inputs inside
 * and outside the hard region. */
typedef struct {
    size_t m, hard, undecided_hard, undecided_other;
} sample_stats;

static sample_stats sample(const fast_case *c, size_t m) {
    sample_stats s = {0};
    uint64_t seed = ab_hash_string(c->name) ^ 0x5eed;
    for (size_t i = 0; s.m < m; i++) {
        uint32_t b = (uint32_t)ab_mix64(seed + i);
        float f;
        memcpy(&f, &b, 4);
        if (!isfinite(f)) continue;
        double x = f, v, err;
        float cr;
        s.m++;
        int h = c->hard(x);
        s.hard += h;
        int code = c->fn(x, &v, &err);
        int ok = ab_fast32_decide(code, v, err, &cr);
        if (!ok) {
            if (h) s.undecided_hard++;
            else s.undecided_other++;
        }
    }
    return s;
}

static void run(const char *name, size_t n, size_t m) {
    const fast_case *c = find_case(name);
    cr_assert_not_null(c);
    wire(c);
    double special[AB_SPECIAL_MAX];
    size_t ns = ab_special_inputs(ab_find_activation(name), AB_F32, special);

    sample_stats ss = sample(c, m);
    cr_log_info("%s: own sample %zu floats: %zu in the hard region (%zu undecided), "
                "%zu undecided elsewhere", name, ss.m, ss.hard, ss.undecided_hard,
                ss.undecided_other);
    cr_expect_leq(ss.undecided_other, ss.m / 1000,
                  "%s: %zu of %zu sampled inputs outside the hard region undecided", name,
                  ss.undecided_other, ss.m);

    ab_fast32_stats st = ab_fast32_check(name, n);
    cr_log_info("%s: %zu inputs, %zu decided, %zu fallbacks, %zu near-midpoint", name,
                st.inputs, st.decided, st.fallbacks, st.near_midpoint);
    /* Expected hard fallbacks: half of the n draws are bit patterns, a
     * share ss.hard / ss.m of which is hard (plus 20% and a few for the
     * sampling noise); silu's near-midpoint picks include its exact
     * midpoints. */
    double p = (double)ss.hard / (double)ss.m;
    double hard_expected = 1.2 * 0.5 * (double)n * p + 5 * sqrt(0.5 * (double)n * p + 1) +
                           (c->hard_midpoints ? (double)st.near_midpoint : 0);
    cr_expect_leq(st.fallbacks, ns + st.inputs / 1000 + (size_t)hard_expected,
                  "%s: %zu fallbacks in %zu inputs (hard region: about %.0f)", name,
                  st.fallbacks, st.inputs, hard_expected);
}

/* Every step-th float of [lo, hi], through ab_fast32_check_one. */
static void band(const fast_case *c, ab_ref_ctx *ctx, double lo, double hi, int64_t step,
                 size_t *count, size_t *undecided) {
    const ab_activation *a = ab_find_activation(c->name);
    ab_fast32_stats st = {0};
    for (int64_t o = ab_ordinal(lo, AB_F32); o <= ab_ordinal(hi, AB_F32); o += step)
        ab_fast32_check_one(a, ctx, ab_from_ordinal(o, AB_F32), &st);
    *count += st.inputs;
    *undecided += st.fallbacks;
}

/* The binary64 subnormal bands (exp(x/2)^2 and (x h) h) and the decline
 * edges, every float; silu's tiny inputs, every 61st float. */
Test(check_fast32, subnormal_and_edge_bands, .timeout = 1200) {
    static const struct { const char *name; double lo, hi; int64_t step; } bands[] = {
        {"exp", -760, -700, 1}, {"exp", 705, 712, 1}, {"expm1", 705, 712, 1},
        {"sigmoid", -760, -700, 1}, {"softplus", -760, -700, 1},
        {"log_sigmoid", 700, 760, 1}, {"silu", -760, -700, 1}, {"mish", -760, -700, 1},
        {"gaussian", 26.4, 27.6, 1}, {"gaussian", -27.6, -26.4, 1},
        {"silu", 0x1p-149, 0x1p-124, 61}, {"silu", -0x1p-124, -0x1p-149, 61},
    };
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        const fast_case *c = find_case(bands[i].name);
        size_t n = 0, u = 0;
        band(c, ctx, bands[i].lo, bands[i].hi, bands[i].step, &n, &u);
        cr_log_info("%s on [%a, %a] step %d: %zu floats, %zu undecided", c->name,
                    bands[i].lo, bands[i].hi, (int)bands[i].step, n, u);
    }
    ab_ref_ctx_free(ctx);
}

#define FAST32_TESTS(name)                                                   \
    Test(fast32, name) { run(#name, 10000, 100000); }                        \
    Test(check_fast32, name, .timeout = 1200) { run(#name, 1000000, 4000000); }

FAST32_TESTS(sigmoid)
FAST32_TESTS(tanh)
FAST32_TESTS(softplus)
FAST32_TESTS(exp)
FAST32_TESTS(expm1)
FAST32_TESTS(log1p)
FAST32_TESTS(log_sigmoid)
FAST32_TESTS(silu)
FAST32_TESTS(mish)
FAST32_TESTS(elu)
FAST32_TESTS(celu)
FAST32_TESTS(selu)
FAST32_TESTS(gaussian)
