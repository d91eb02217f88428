/* gate_variant.c: one sigmoid variant, "plugin-sigmoid" (f32), in three
 * builds selected by -DBUILD=1,2,3, for the gate tests:
 *   1 (good):      the stable sign-branched formula;
 *   2 (regressed): the stable branch removed (1/(1+e^-x) everywhere), so
 *                  e^-x overflows for x < -88.72 and the neg_tail range
 *                  flushes to zero;
 *   3 (improved):  evaluated in double and rounded once, so more results
 *                  are correctly rounded than with build 1;
 *   4 (cannot run): build 1 declared for an ISA no CPU has ("avx10.9-never"),
 *                  as a variant this machine cannot run (the baseline keeps
 *                  its previous rows). */
#include "../../api/actbench.h"
#include <math.h>

static float f(float x) {
#if BUILD == 1 || BUILD == 4
    float e = expf(-fabsf(x));
    return x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
#elif BUILD == 2
    return 1.0f / (1.0f + expf(-x));
#else
    double e = exp(-fabs((double)x));
    return (float)(x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
#endif
}
static void batch(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = f(x[i]);
}

static const ab_variant v = AB_VARIANT("plugin-sigmoid", AB_STABLE, BUILD == 4 ? "avx10.9-never" : "scalar", INFINITY,
                                       "sigmoid under test", batch);
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) { return host->register_variant("sigmoid", &v); }
