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

/* The f32 grid (reference.h): q = 2^(max(k, -126) - 25) for 2^k <= |d|
 * < 2^(k+1).  Its points are all doubles. */
static int grid_qexp(double d) {
    int k = ilogb(d);
    return (k > -126 ? k : -126) - 25;
}

/* f in the set from a to b (a < b), each end closed or open: decided when
 * no multiple of q lies in it, q taken at the point r of the set of
 * largest magnitude (the same argument as grid_interval in ziv.c: a set
 * across a power of two would hold a multiple of q). */
static int grid_set(double a, int a_open, double b, int b_open, ab_grid *g) {
    if (isinf(a) || isinf(b) || (a < 0 && b > 0)) return 0;
    if ((a == 0 && !a_open) || (b == 0 && !b_open)) return 0;
    double r = b > 0 ? (b_open ? step(b, 0) : b) : (a_open ? step(a, 1) : a);
    int qe = grid_qexp(r);
    double sa = ldexp(a, -qe), sb = ldexp(b, -qe), G = floor(sa);
    if (sa == G && !a_open) return 0;
    if (sb > G + 1 || (sb == G + 1 && !b_open)) return 0;
    g->valid = 1;
    g->exact = 0;
    g->e = qe + 26;
    g->index = (int64_t)G;
    return 1;
}

/* f = v exactly (finite). */
static void grid_exact(double v, ab_grid *g) {
    int qe = v == 0 ? -151 : grid_qexp(v);
    double s = ldexp(v, -qe), G = floor(s);
    g->valid = 1;
    g->exact = s == G;
    g->e = qe + 26;
    g->index = (int64_t)G;
}

int ab_fast32_decide(int code, double v, double err, float *cr, ab_grid *g) {
    g->valid = 0;
    if (code == AB_FAST_DECLINE || isnan(err) || err < 0) return 0;
    if (code == AB_FAST_BOUND) {
        if (isnan(v) || isinf(v) || err == 0) {
            if (err != 0) return 0;
            *cr = (float)v; /* exact: rounding it is the answer */
            if (isfinite(v)) grid_exact(v, g);
            return 1;
        }
        if (isinf(err)) return 0;
        double lo = v - err, hi = v + err;
        lo = isinf(lo) ? lo : step(lo, 0);
        hi = isinf(hi) ? hi : step(hi, 1);
        float a = (float)lo, b = (float)hi;
        if (!same(a, b)) return 0;
        if (!grid_set(lo, 0, hi, 0, g) && fabs(v) < 0x1p128) return 0;
        *cr = a;
        return 1;
    }
    if (isnan(v) || isinf(v) || (code != AB_FAST_ABOVE && code != AB_FAST_BELOW)) return 0;
    int up = code == AB_FAST_ABOVE;
    float near = round_beside(v, up);
    double far_end = up ? v + err : v - err;
    far_end = isinf(far_end) ? far_end : step(far_end, up);
    float far = (float)far_end;
    if (!same(near, far)) return 0;
    int in_grid = up ? grid_set(v, 1, far_end, 0, g) : grid_set(far_end, 0, v, 1, g);
    if (!in_grid && fabs(v) < 0x1p128) return 0;
    *cr = near;
    return 1;
}
