/* test_fast32_smooth.c: certification of the binary64 fast tier of the
 * smooth activations (reference/fast32_smooth.c, fast32_exp.c) against the
 * MPFR path.
 *
 * Suite fast32 (make test): ab_fast32_check on 10^4 inputs per activation.
 * Suite check_fast32 (make check): 10^6 per activation (the issue's
 * certification run, near-midpoint inputs included), and the bands.
 *
 * Both also count, on their own seeded bit-pattern sample of finite floats
 * (no MPFR: the tier and the decision only), the inputs the tier leaves
 * undecided.  With the directions (values below 2^-1074 or above DBL_MAX,
 * and f beside a grid point of the f32 grid: saturation to +-1, 1/2, x,
 * near-identity x, x/2, 1 at tiny x, see fast32_smooth.c, fast32_exp.c and
 * fast32_tier.h) no region is undecidable any more: a strided count over
 * all 2^32 floats finds under 10^3 undecided per activation (isolated
 * values within 2^-48 or so of a grid point), so at most 1 in 10^5
 * sampled inputs, and 1 in 10^4 of the check's inputs (their
 * near-midpoint picks included), may fall back. */
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

typedef struct {
    const char *name;
    ab_fast32_fn fn;
} fast_case;

static const fast_case cases[] = {
    {"sigmoid", ab_fast32_sigmoid},   {"tanh", ab_fast32_tanh},
    {"softplus", ab_fast32_softplus}, {"exp", ab_fast32_exp},
    {"expm1", ab_fast32_expm1},       {"log1p", ab_fast32_log1p},
    {"log_sigmoid", ab_fast32_log_sigmoid}, {"silu", ab_fast32_silu},
    {"mish", ab_fast32_mish},         {"elu", ab_fast32_elu},
    {"celu", ab_fast32_celu},         {"selu", ab_fast32_selu},
    {"gaussian", ab_fast32_gaussian},
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

/* Own sample of m finite floats by bit pattern: undecided inputs. */
typedef struct {
    size_t m, undecided;
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
        ab_grid g;
        s.m++;
        int code = c->fn(x, &v, &err); /* before v and err are read */
        if (!ab_fast32_decide(code, v, err, &cr, &g)) s.undecided++;
    }
    return s;
}

static void run(const char *name, size_t n, size_t m) {
    const fast_case *c = find_case(name);
    cr_assert_not_null(c);
    wire(c);

    sample_stats ss = sample(c, m);
    cr_log_info("%s: own sample %zu floats, %zu undecided", name, ss.m, ss.undecided);
    cr_expect_leq(ss.undecided, ss.m / 100000, "%s: %zu of %zu sampled inputs undecided",
                  name, ss.undecided, ss.m);

    ab_fast32_stats st = ab_fast32_check(name, n);
    cr_log_info("%s: %zu inputs, %zu decided, %zu fallbacks, %zu near-midpoint", name,
                st.inputs, st.decided, st.fallbacks, st.near_midpoint);
    cr_expect_leq(st.fallbacks, st.inputs / 10000, "%s: %zu fallbacks in %zu inputs", name,
                  st.fallbacks, st.inputs);
    cr_expect_eq(st.decided + st.fallbacks, st.inputs, "%s: counts do not add up", name);
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

/* Every float of the binary64 subnormal bands (exp(x/2)^2 and (x h) h,
 * their sign_known ends) and of the edges of the directions (the tails
 * below 2^-1074, DBL_MAX, MPFR's range, x/2 and 1/2 + x/4); a strided
 * sample (odd steps: both last bits) of the far regions the directions
 * answer.  Every float must be decided, bar a handful (midpoint
 * coincidences) in a wide band. */
#define FAR 0x1.7p61 /* beyond MPFR's range for e^x: 3.3e18 */
#define EDGE(name, t) {name, (t) - fabs((double)(t)) * 0x1p-12, (t) + fabs((double)(t)) * 0x1p-12, 1}
#define EDGES(name, t) EDGE(name, t), EDGE(name, -(t))
#define OVF 0x1.62e43p+61 /* the first float where MPFR's e^x overflows */
Test(check_fast32, direction_and_edge_bands, .timeout = 1200) {
    static const struct { const char *name; double lo, hi; int64_t step; } bands[] = {
        /* binary64 subnormal results and the 2^-1074 edges */
        {"exp", -760, -700, 1}, {"sigmoid", -760, -700, 1}, {"softplus", -760, -700, 1},
        {"log_sigmoid", 700, 760, 1}, {"silu", -760, -700, 1}, {"mish", -760, -700, 1},
        {"gaussian", 26.4, 27.6, 1}, {"gaussian", -27.6, -26.4, 1},
        /* the tails below 2^-1074, to beyond MPFR's range */
        {"exp", -FAR, -760, 4099}, {"sigmoid", -FAR, -760, 4099},
        {"softplus", -FAR, -760, 4099}, {"log_sigmoid", 760, FAR, 4099},
        {"silu", -FAR, -760, 4099}, {"mish", -FAR, -760, 4099},
        {"gaussian", 27.6, 2e9, 4099}, {"gaussian", -2e9, -27.6, 4099},
        {"exp", -3.21e18, -3.19e18, 7}, {"silu", -3.21e18, -3.19e18, 7},
        {"log_sigmoid", 3.19e18, 3.21e18, 7}, {"gaussian", 1.78e9, 1.8e9, 7},
        /* DBL_MAX, the overflow tail, MPFR's overflow */
        {"exp", 705, 712, 1}, {"expm1", 705, 712, 1},
        {"exp", 712, FAR, 4099}, {"expm1", 712, FAR, 4099},
        {"exp", OVF * (1 - 0x1p-16), OVF * (1 + 0x1p-16), 1},
        {"expm1", OVF * (1 - 0x1p-16), OVF * (1 + 0x1p-16), 1},
        /* silu's x/2 (|x| < 2^-64): every float near 2^-64, the midpoints
         * x/2 of |x| < 2^-125 strided */
        {"silu", 0x1p-64 * (1 - 0x1p-12), 0x1p-64 * (1 + 0x1p-12), 1},
        {"silu", -0x1p-64 * (1 + 0x1p-12), -0x1p-64 * (1 - 0x1p-12), 1},
        {"silu", 0x1p-149, 0x1p-124, 61}, {"silu", -0x1p-124, -0x1p-149, 61},
        {"silu", 0x1p-124, 0x1p-60, 4099}, {"silu", -0x1p-60, -0x1p-124, 4099},
        /* sigmoid's 1/2 + x/4 (2^-28 <= |x| < 2^-12): both ends */
        {"sigmoid", 0x1p-12 * (1 - 0x1p-12), 0x1p-12 * (1 + 0x1p-12), 1},
        {"sigmoid", -0x1p-12 * (1 + 0x1p-12), -0x1p-12 * (1 - 0x1p-12), 1},
        {"sigmoid", 0x1p-28 * (1 - 0x1p-12), 0x1p-28 * (1 + 0x1p-12), 1},
        {"sigmoid", -0x1p-28 * (1 + 0x1p-12), -0x1p-28 * (1 - 0x1p-12), 1},
        {"sigmoid", 0x1p-30, 0x1p-10, 4099}, {"sigmoid", -0x1p-10, -0x1p-30, 4099},
        /* the edges of the directions beside grid points: every float
         * within 2^-12 (relative) of each region's end */
        EDGES("tanh", 0x1p-16), EDGES("tanh", 11), EDGE("sigmoid", 24),
        EDGES("sigmoid", 0x1p-28), EDGE("softplus", 24), EDGE("log_sigmoid", -24),
        EDGE("silu", 24), EDGES("silu", 0x1p-30), EDGE("mish", 12), EDGES("mish", 0x1p-30),
        EDGES("exp", 0x1p-32), EDGES("expm1", 0x1p-30), EDGE("expm1", -24),
        EDGES("log1p", 0x1p-30), EDGE("elu", -24), EDGES("elu", 0x1p-30),
        EDGES("gaussian", 0x1p-16),
    };
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        const fast_case *c = find_case(bands[i].name);
        wire(c);
        size_t n = 0, u = 0;
        band(c, ctx, bands[i].lo, bands[i].hi, bands[i].step, &n, &u);
        cr_log_info("%s on [%a, %a] step %d: %zu floats, %zu undecided", c->name,
                    bands[i].lo, bands[i].hi, (int)bands[i].step, n, u);
        cr_expect_leq(u, n / 10000, "%s on [%a, %a]: %zu of %zu floats undecided", c->name,
                      bands[i].lo, bands[i].hi, u, n);
    }
    /* sigmoid's f32 midpoints 1/2 + x/4: x = (2k + 1) 2^-23 above 1/2,
     * x = -(2k + 1) 2^-24 below, |x| < 2^-12: all decided. */
    const fast_case *sg = find_case("sigmoid");
    wire(sg);
    const ab_activation *a = ab_find_activation("sigmoid");
    ab_fast32_stats st = {0};
    for (int k = 0; k < 2048; k++) {
        ab_fast32_check_one(a, ctx, (2 * k + 1) * 0x1p-23, &st);
        ab_fast32_check_one(a, ctx, -(2 * k + 1) * 0x1p-24, &st);
    }
    cr_log_info("sigmoid midpoints 1/2 + x/4: %zu floats, %zu undecided", st.inputs,
                st.fallbacks);
    cr_expect_eq(st.fallbacks, 0, "sigmoid: %zu midpoints 1/2 + x/4 undecided", st.fallbacks);
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
