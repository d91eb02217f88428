/* fast32.c: the f32 decision of the binary64 tier (see fast32.h). */
#include "fast32.h"
#include <math.h>
#include <string.h>

int ab_fast32_decide(double v, double err, float *cr) {
    if (isnan(v) || isinf(v)) {
        if (err != 0) return 0;
        *cr = (float)v;
        return 1;
    }
    if (!(err >= 0) || isinf(err)) return 0;
    if (err == 0) { /* v is f(x) itself: round it */
        *cr = (float)v;
        return 1;
    }
    double lo = nextafter(v - err, -INFINITY), hi = nextafter(v + err, INFINITY);
    float a = (float)lo, b = (float)hi;
    if (memcmp(&a, &b, sizeof a) != 0) return 0;
    *cr = a;
    return 1;
}

void ab_fast32_store(double v, float cr, ab_refval *out) {
    memset(out, 0, sizeof *out);
    out->cr = cr;
    out->bits = 53;
    if (isnan(v)) { out->kind = AB_V_NAN; return; }
    if (isinf(v)) { out->kind = AB_V_INF; return; }
    if (v == 0) { out->kind = AB_V_ZERO; return; }
    int e;
    out->m_hi = frexp(v, &e); /* v = m 2^e, 0.5 <= |m| < 1: the refval convention */
    out->e = e;
    out->kind = AB_V_FINITE;
}
