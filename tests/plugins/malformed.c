/* malformed.c: broken plugins, one per -DCASE=:
 *   1 no actbench_plugin_register symbol;
 *   2 wrong ABI version;
 *   3 a variant name that already exists (sigmoid/stable/f32);
 *   4 a variant for an activation that does not exist;
 *   5 a new activation without an MPFR reference. */
#include "../../api/actbench.h"
#include <math.h>

static void id(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i];
}
__attribute__((unused)) static const ab_variant v3 = AB_VARIANT("stable", AB_STABLE, "scalar", 1, "dup", id);
static const ab_variant v4 = AB_VARIANT("x", AB_STABLE, "scalar", 1, "orphan", id);
__attribute__((unused)) static const ab_activation a5 = {.name = "no_reference", .variants = &v4, .n_variants = 1};

#if CASE == 2
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION + 998;
#else
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
#endif

#if CASE != 1
int actbench_plugin_register(const ab_host *host) {
#if CASE == 3
    host->register_variant("sigmoid", &v3); /* the loader notices, even if we ignore it */
    return 0;
#elif CASE == 4
    return host->register_variant("no_such_activation", &v4);
#elif CASE == 5
    return host->register_activation(&a5);
#else
    (void)host;
    return 0;
#endif
}
#endif
