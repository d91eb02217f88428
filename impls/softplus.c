/* softplus(x) = log(1 + e^x): variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/formulas.h"
#include "kernels/exp.h"
#include "kernels/log1p.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>
#include <string.h>

/* naive: the seed article's np.log(1 + np.exp(x)).  e^x overflows above
 * 88.72 (f32), giving inf; below about -17 (f32), 1 + e^x rounds to 1 and
 * the result flushes to 0 although softplus(x) ~ e^x is representable. */
static float naive_f32(float x) { return logf(1.0f + expf(x)); }
static double naive_f64(double x) { return log(1.0 + exp(x)); }
static inline float perop(float x, int bf) { return R(logf(R(1.0f + R(expf(x))))); }
AB_PEROP_DEFINE(perop)

/* stable: max(x, 0) + log1p(e^-|x|).  exp never sees a positive argument,
 * and log1p keeps e^-|x|'s relative accuracy when it is tiny. */
static float stable_f32(float x) { return fmaxf(x, 0.0f) + log1pf(expf(-fabsf(x))); }
static double stable_f64(double x) { return fmax(x, 0.0) + log1p(exp(-fabs(x))); }

/* threshold: PyTorch's Softplus(beta=1, threshold=20), which returns x
 * when x > 20.  The dropped term e^-x ~ 2e-9 is far below an f32 ulp of 20
 * (1.9e-6) but about 6e5 f64 ulps: the threshold was chosen for f32. */
static float threshold_f32(float x) { return x > 20.0f ? x : log1pf(expf(x)); }
static double threshold_f64(double x) { return x > 20.0 ? x : log1p(exp(x)); }

/* approx: the stable formula on our own exp and log1p kernels (each under
 * 1 ulp); log1p only ever sees u = e^-|x| in (0, 1]. */
static float approx_f32(float x) { return fmaxf(x, 0.0f) + ab_log1p_approx_f32(ab_exp_approx_f32(-fabsf(x))); }
static double approx_f64(double x) { return fmax(x, 0.0) + ab_log1p_approx_f64(ab_exp_approx_f64(-fabs(x))); }

AB_BATCH_PAIR(approx)
AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(threshold)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "logf(1+expf(x))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "log(1+exp(x))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(log(R(1+R(exp(x)))))"),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", 3, "fmaxf(x,0)+log1pf(expf(-|x|))", stable_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBM),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", 3, "fmax(x,0)+log1p(exp(-|x|))", stable_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBM),
    AB_VARIANT("threshold", AB_STABLE, "scalar", INFINITY, "x>20 ? x : log1pf(expf(x)) (PyTorch)", threshold_f32_batch),
    AB_VARIANT_EXPECTING("threshold", AB_STABLE, "scalar", INFINITY, "x>20 ? x : log1p(exp(x)) (PyTorch)", threshold_f64_batch,
               AB_FAIL_MONOTONE,
               "PyTorch's threshold: x > 20 returns x, while log1p(e^20) = 20 + 2e-9: a step down at 20"),
    AB_VARIANT_EXPECTING("rr1-p6-log1p-p4", AB_APPROX, "scalar", 3, "max(x,0)+log1p~(exp~(-|x|)), own kernels", approx_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("rr1-p11-log1p-p10", AB_APPROX, "scalar", 3, "max(x,0)+log1p~(exp~(-|x|)), own kernels", approx_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
};

/* e^x overflows above 88.72 / 709.78; PyTorch's threshold is 20; the
 * result underflows below -103.97 / -745.13. */
static const ab_range ranges[] = {
    {"overflow", 80, 100, 700, 720},
    {"threshold", 15, 25, 15, 25},
    {"neg_tail", -110, -80, -750, -700},
};

static const ab_activation softplus = {
    .name = "softplus",
    .description = "log(1 + e^x)",
    .reference = ab_ref_softplus,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e43p6, 20, -0x1.9fe368p6),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, 20, -0x1.74910d52d3051p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_softplus,
    /* log(1 + e^x) - log(1 + e^-x) = x. */
    .props = AB_PROPS(AB_RANGE(0, INFINITY), 1, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(softplus)
