/* log_sigmoid(x) = log(1/(1+e^-x)) = -softplus(-x): variants and their
 * registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/log_sigmoid.h"
#include "kernels/exp.h"
#include "kernels/log1p.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: the log of the seed article's sigmoid, np.log(1/(1+np.exp(-x))).
 * Below -88.72 (f32) e^-x overflows, the quotient is 0 and the log -inf;
 * above 17.33 the quotient rounds to 1 and the log to 0, although
 * log sigmoid(x) ~ -e^-x is representable up to x = 103.97, and before
 * that the log of a number just below 1 has lost most of its bits. */
static float naive_f32(float x) { return logf(1.0f / (1.0f + expf(-x))); }
static double naive_f64(double x) { return log(1.0 / (1.0 + exp(-x))); }
static inline float perop(float x, int bf) { return R(logf(R(1.0f / R(1.0f + R(expf(-x)))))); }
AB_PEROP_DEFINE(perop)

/* stable: x >= 0: -log1p(e^-x); x < 0: x - log1p(e^x).  exp never sees a
 * positive argument, log1p keeps e^-|x|'s relative accuracy when it is
 * tiny (the -e^-x tail), and x - log1p(.) adds two magnitudes of the same
 * sign.  NaN falls into the second branch and propagates; -inf gives
 * -inf - 0, +inf gives -log1p(0) = -0. */
static float stable_f32(float x) { return x >= 0 ? -log1pf(expf(-x)) : x - log1pf(expf(x)); }
static double stable_f64(double x) { return x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)); }

/* approx: the same recipe on kernels/exp.h's exp (reduction + minimax
 * polynomial) and log1p on [0, 1] (atanh series in w = u/(1+u/2)). */
static float approx_f32(float x) {
    return x >= 0 ? -ab_log1p_approx_f32(ab_exp_approx_f32(-x))
                  : x - ab_log1p_approx_f32(ab_exp_approx_f32(x));
}
static double approx_f64(double x) {
    return x >= 0 ? -ab_log1p_approx_f64(ab_exp_approx_f64(-x))
                  : x - ab_log1p_approx_f64(ab_exp_approx_f64(x));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "logf(1/(1+expf(-x)))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "log(1/(1+exp(-x)))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(log(R(1/R(1+R(exp(-x))))))"),
    /* f32 on every input: stable 1.541 (at 0x1.43ff2p+0), approx 1.557 */
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", 1.75, "x>=0 ? -log1pf(expf(-x)) : x-log1pf(expf(x))", stable_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBM),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", 1.5, "x>=0 ? -log1p(exp(-x)) : x-log1p(exp(x))", stable_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBM),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 1.75, "stable recipe on ab_exp_approx_f32/ab_log1p_approx_f32", approx_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 1.5, "stable recipe on ab_exp_approx_f64/ab_log1p_approx_f64", approx_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
};

/* naive's e^-x overflows below -88.72 / -709.78; its quotient rounds to
 * 1 above 17.33 / 37.43; the result underflows to -0 above 103.97 /
 * 745.13. */
static const ab_range ranges[] = {
    {"neg_overflow", -100, -80, -720, -700},
    {"pos_tail", 15, 110, 35, 750},
};

static const ab_activation log_sigmoid = {
    .name = "log_sigmoid",
    .description = "log(sigmoid(x)) = -softplus(-x)",
    .reference = ab_ref_log_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.62e43p6, 0x1.154246p4, 0x1.9fe368p6),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, 0x1.2b708872320e1p5, 0x1.74910d52d3052p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_log_sigmoid,
    /* log s(x) - log s(-x) = log e^x = x. */
    .props = AB_PROPS(AB_RANGE(-INFINITY, 0), 1, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(log_sigmoid)
