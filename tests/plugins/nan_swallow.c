/* nan_swallow.c: a relu that maps a NaN with the sign bit set to 0 (as a
 * max(x, 0) whose operand order loses -NaN).  The special set's NaN is
 * +qNaN, which it propagates, so only the NaN classes see the bug: 6 of
 * the 12 class inputs (every negative one) give 0.  Declared bound 0.5:
 * every other output is exact. */
#include "../../api/actbench.h"
#include <math.h>

static void relu_swallow(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++)
        y[i] = isnan(x[i]) ? (signbit(x[i]) ? 0.0f : x[i]) : x[i] > 0 ? x[i] : 0.0f;
}

static const ab_variant v = AB_VARIANT("nan-swallow", AB_STABLE, "scalar", 0.5,
                                       "x > 0 ? x : 0, -NaN -> 0", relu_swallow);
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) { return host->register_variant("relu", &v); }
