/* fast32.c: the f32 decision of the binary64 tier (see fast32.h). */
#include "fast32.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

static int same(float a, float b) { return memcmp(&a, &b, sizeof a) == 0; }

/* nextafter(d, +-inf) for finite d, by bits (the hot path: no libm call). */
static double step(double d, int up) {
    if (d == 0) return up ? 0x1p-1074 : -0x1p-1074;
    uint64_t b;
    memcpy(&b, &d, 8);
    b += (d > 0) == up ? 1 : (uint64_t)-1;
    memcpy(&d, &b, 8);
    return d;
}

/* The float that values just above (up) or below v round to. */
static float round_beside(double v, int up) {
    if (v == 0) return up ? 0.0f : -0.0f;
    float f = (float)v;
    if ((double)f == v) return f;             /* a float: its neighbourhood rounds to it */
    /* f's neighbour on v's other side brackets v with f */
    float g = (double)f < v ? nextafterf(f, INFINITY) : nextafterf(f, -INFINITY);
    double lo = (double)f < (double)g ? f : g, hi = (double)f < (double)g ? g : f;
    double mid = isinf(hi) ? 0x1p128 - 0x1p103 : isinf(lo) ? -(0x1p128 - 0x1p103) : (lo + hi) / 2;
    if (v != mid) return f;                   /* not a boundary: rounds as v does */
    return up ? (float)hi : (float)lo;
}

int ab_fast32_decide(int code, double v, double err, float *cr) {
    if (code == AB_FAST_DECLINE || isnan(err) || err < 0) return 0;
    if (code == AB_FAST_BOUND) {
        if (isnan(v) || isinf(v) || err == 0) {
            if (err != 0) return 0;
            *cr = (float)v; /* exact: rounding it is the answer */
            return 1;
        }
        if (isinf(err)) return 0;
        double lo = v - err, hi = v + err;
        float a = (float)(isinf(lo) ? lo : step(lo, 0)), b = (float)(isinf(hi) ? hi : step(hi, 1));
        if (!same(a, b)) return 0;
        *cr = a;
        return 1;
    }
    if (isnan(v) || isinf(v) || (code != AB_FAST_ABOVE && code != AB_FAST_BELOW)) return 0;
    int up = code == AB_FAST_ABOVE;
    float near = round_beside(v, up);
    double far_end = up ? v + err : v - err;
    float far = (float)(isinf(far_end) ? far_end : step(far_end, up));
    if (!same(near, far)) return 0;
    *cr = near;
    return 1;
}
