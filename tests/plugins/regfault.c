/* regfault.c: plugins whose registration misbehaves, one per -DCASE=:
 *   1 actbench_plugin_register writes through a null pointer;
 *   2 registers a variant with a NULL name;
 *   3 registers a variant with an empty name;
 *   4 registers an activation with a NULL name;
 *   5 registers an activation with an empty name;
 *   6 blocks SIGALRM and sleeps 60 s in actbench_plugin_register;
 *   7 calls exit(0) in actbench_plugin_register;
 *   8 registers a variant for a NULL operation name.
 * Each must be one line on stderr and exit status 2, before any output. */
#define _POSIX_C_SOURCE 200809L /* sigprocmask, nanosleep under -std=c17 */
#include "../../api/actbench.h"
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

static void id(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i];
}
static long ref(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p, (void)tmp;
    mpfr_set(y, x, MPFR_RNDN);
    return AB_REF_EXACT;
}
static const ab_variant v_null = AB_VARIANT(NULL, AB_STABLE, "scalar", 1, "null name", id);
static const ab_variant v_empty = AB_VARIANT("", AB_STABLE, "scalar", 1, "empty name", id);
static const ab_variant v_ok = AB_VARIANT("regfault-ok", AB_STABLE, "scalar", 1, "identity", id);
__attribute__((unused)) static const ab_activation a_null = {
    .name = NULL, .reference = ref, .variants = &v_ok, .n_variants = 1};
__attribute__((unused)) static const ab_activation a_empty = {
    .name = "", .reference = ref, .variants = &v_ok, .n_variants = 1};

const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) {
    (void)v_null, (void)v_empty, (void)host;
#if CASE == 1
    volatile int *p = (int *)0;
    *p = 1;
    return 0;
#elif CASE == 2
    return host->register_variant("sigmoid", &v_null);
#elif CASE == 3
    return host->register_variant("sigmoid", &v_empty);
#elif CASE == 4
    return host->register_activation(&a_null);
#elif CASE == 5
    return host->register_activation(&a_empty);
#elif CASE == 6
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGALRM);
    sigprocmask(SIG_BLOCK, &s, NULL);
    struct timespec t = {60, 0};
    while (nanosleep(&t, &t) != 0) {}
    return host->register_variant("sigmoid", &v_ok);
#elif CASE == 7
    (void)host;
    exit(0);
#else
    return host->register_variant(NULL, &v_ok);
#endif
}
