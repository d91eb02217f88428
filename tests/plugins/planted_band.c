/* planted_band.c: registers relu "planted-band" (f64 and f32), the planted
 * defect of tests/plugins/planted_band.h: wrong by up to 2^49 ulps (f32
 * 2^17) on a band of 2^20 + 1 consecutive doubles (f32: 65 floats) around
 * c = 1.309..., decaying as C / |d| away from it.  Default `core` sampling
 * misses the band (probability > 1 - 10^-8 for f64; see the header); the
 * worst-case search (sweep --search) finds it.  Declared bound 0.5 and no
 * expected failures, so whatever finds the band reports it as a failure
 * (bound; and the monotonicity and symmetry its jumps break).
 *
 * Built a second time with -DPB_CRASH (build/plugins/planted_band_crash.so):
 * relu "planted-crash" (f64 only), the same variant except that it writes
 * through a null pointer on any input of the band, so that a search that
 * finds the band crashes the plugin's child there (the stratified pass
 * does not: it misses the band). */
#include "../../api/actbench.h"
#include "planted_band.h"

#ifdef PB_CRASH
static void crash_batch(const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        y[i] = pb_relu64(x[i]);
        if (pb_in_band64(x[i])) *(volatile double *)0 = y[i];
    }
}
static const ab_variant v64 =
    AB_VARIANT("planted-crash", AB_STABLE, "scalar", 0.5, PB_FORMULA ", crashes on the band",
               crash_batch);
#else
static const ab_variant v64 =
    AB_VARIANT("planted-band", AB_STABLE, "scalar", 0.5, PB_FORMULA, pb_relu64_batch);
static const ab_variant v32 =
    AB_VARIANT("planted-band", AB_STABLE, "scalar", 0.5, PB_FORMULA, pb_relu32_batch);
#endif

const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) {
    if (host->register_variant("relu", &v64) != 0) return 1;
#ifndef PB_CRASH
    if (host->register_variant("relu", &v32) != 0) return 1;
#endif
    return 0;
}
