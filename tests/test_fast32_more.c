/* test_fast32_more.c: certification of the fast tiers in
 * reference/fast32_more.c against the MPFR references (fast32_check.h):
 * the bound holds and every decided f32 rounding equals MPFR's, on 10^4
 * inputs per activation in `make test` (suite fast32_more) and 10^6 in
 * `make check` (suite check_fast32_more, near-midpoint inputs included).
 *
 * Fallbacks must stay rare: at most 1 per 1000 inputs, except for gelu,
 * gelu_tanh and hard_swish, allowed 3 per 1000.  Those are x/2 + c x^2 +
 * ... near 0: for |x| < 2^-125 with an odd significand, x/2 is an f32
 * rounding midpoint and f(x) lies far less than a double ulp from it, so
 * no binary64 (v, err) decides it (2^24 of the 2^32 floats, i.e. 1/256 of
 * the draws by bit pattern, which are half the draws: 1.95 per 1000).
 *
 * Needs: the registrations in impls/ to set .fast32 = ab_fast32_<name>;
 * for erfc, gelu and gelu_tanh, the decision of an interval end exactly
 * at zero and fast32_check.c's ldexpl of MPFR exponents beyond int (see
 * the top of reference/fast32_more.c). */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <string.h>
#include "fast32_check.h"

static void run(const char *name, size_t n) {
    ab_fast32_stats s = ab_fast32_check(name, n);
    cr_log_info("fast32 %s: %zu inputs, %zu decided, %zu fallbacks, %zu near-midpoint",
                name, s.inputs, s.decided, s.fallbacks, s.near_midpoint);
    size_t per_mille = 1;
    if (!strcmp(name, "gelu") || !strcmp(name, "gelu_tanh") || !strcmp(name, "hard_swish"))
        per_mille = 3;
    cr_expect_leq(s.fallbacks, s.inputs * per_mille / 1000,
                  "%s: %zu fallbacks in %zu inputs", name, s.fallbacks, s.inputs);
    cr_expect_eq(s.decided + s.fallbacks, s.inputs, "%s: counts do not add up", name);
}

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
