/* runfaults.c: sigmoid f32 variants that misbehave when they run, for the
 * isolation tests (tests/test_plugin_faults.c):
 *   "sleepy"  blocks SIGALRM, then sleeps 60 s per call: only a deadline the
 *             parent enforces (SIGKILL) stops it in time;
 *   "hog"     allocates 20 GB and writes its first and last byte (under the
 *             default 4 GiB limit the allocation fails and the write to NULL
 *             crashes: out of memory; only two pages are touched otherwise);
 *   "quitter" calls exit(0);
 *   "crasher" writes through a null pointer on every call;
 *   "fine"    a stable sigmoid, so that the other rows can be checked;
 *   "echo"    returns its input's bits (memcpy): a NaN comes back as it
 *             went in, signalling or quiet, payload and all. */
#define _POSIX_C_SOURCE 200809L /* sigprocmask, nanosleep under -std=c17 */
#include "../../api/actbench.h"
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void sleepy(const float *x, float *y, size_t n) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGALRM);
    sigprocmask(SIG_BLOCK, &s, NULL);
    struct timespec t = {60, 0};
    while (nanosleep(&t, &t) != 0) {}
    for (size_t i = 0; i < n; i++) y[i] = x[i];
}
static void hog(const float *x, float *y, size_t n) {
    size_t bytes = (size_t)20 << 30;
    volatile char *p = malloc(bytes);
    p[0] = 1;
    p[bytes - 1] = 1;
    free((void *)p);
    for (size_t i = 0; i < n; i++) y[i] = x[i];
}
static void quitter(const float *x, float *y, size_t n) {
    (void)x, (void)y, (void)n;
    exit(0);
}
static void crasher(const float *x, float *y, size_t n) {
    volatile float *p = (float *)0;
    for (size_t i = 0; i < n; i++) *p = y[i] = x[i];
}
static void fine(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float e = expf(-fabsf(x[i]));
        y[i] = x[i] >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
    }
}

static void echo(const float *x, float *y, size_t n) { memcpy(y, x, n * sizeof *y); }

static const ab_variant vs[] = {
    AB_VARIANT("sleepy", AB_APPROX, "scalar", INFINITY, "sleeps 60 s, SIGALRM blocked", sleepy),
    AB_VARIANT("hog", AB_APPROX, "scalar", INFINITY, "allocates 20 GB", hog),
    AB_VARIANT("quitter", AB_APPROX, "scalar", INFINITY, "calls exit(0)", quitter),
    AB_VARIANT("crasher", AB_APPROX, "scalar", INFINITY, "writes through NULL", crasher),
    AB_VARIANT("fine", AB_STABLE, "scalar", INFINITY, "stable sigmoid", fine),
    AB_VARIANT("echo", AB_APPROX, "scalar", INFINITY, "x, bit for bit", echo),
};
const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
int actbench_plugin_register(const ab_host *host) {
    for (size_t i = 0; i < AB_COUNT(vs); i++)
        if (host->register_variant("sigmoid", &vs[i]) != 0) return 1;
    return 0;
}
