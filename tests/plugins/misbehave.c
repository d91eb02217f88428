/* misbehave.c: plugin variants that crash or hang, next to one that works.
 * "segv" dereferences a null pointer for x < -50; "hang" spins forever for
 * x > 50; "fine" is the stable sigmoid.  "segv-long" is a logsumexp row
 * variant that crashes on rows longer than 1000 entries (the `long`
 * generator's 4096 and 65536) and returns the row's maximum otherwise. */
#include "../../api/actbench.h"
#include <math.h>

static void segv(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        volatile float *p = x[i] < -50 ? (float *)0 : &y[i];
        *p = 0.5f;
        y[i] = 0.5f;
    }
}
static void hang(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        volatile int spin = x[i] > 50;
        while (spin) {}
        y[i] = 0.5f;
    }
}
static void fine(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float e = expf(-fabsf(x[i]));
        y[i] = x[i] >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
    }
}

static void segv_long(const float *x, float *y, size_t n) {
    volatile float *p = n > 1000 ? (float *)0 : &y[0];
    float m = x[0];
    for (size_t i = 1; i < n; i++) m = x[i] > m ? x[i] : m;
    *p = m;
}
static const ab_variant row_vs[] = {
    AB_VARIANT("segv-long", AB_APPROX, "scalar", INFINITY, "max; crashes for n > 1000", segv_long),
};

static const ab_variant vs[] = {
    AB_VARIANT("segv", AB_APPROX, "scalar", INFINITY, "crashes for x < -50", segv),
    AB_VARIANT("hang", AB_APPROX, "scalar", INFINITY, "hangs for x > 50", hang),
    AB_VARIANT("fine", AB_STABLE, "scalar", INFINITY, "stable sigmoid", fine),
};
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) {
    for (size_t i = 0; i < AB_COUNT(vs); i++)
        if (host->register_variant("sigmoid", &vs[i]) != 0) return 1;
    return host->register_variant("logsumexp", &row_vs[0]);
}
