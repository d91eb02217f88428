/* inputs.c: see inputs.h. */
#include "inputs.h"
#include <math.h>
#include <float.h>
#include <string.h>

int64_t ab_ordinal(double x, ab_precision p) {
    if (p == AB_F32) {
        float f = (float)x;
        int32_t i;
        memcpy(&i, &f, sizeof i);
        return i < 0 ? ~(int64_t)(i & 0x7fffffff) : i;
    }
    int64_t i;
    memcpy(&i, &x, sizeof i);
    return i < 0 ? ~(i & 0x7fffffffffffffff) : i;
}

double ab_from_ordinal(int64_t o, ab_precision p) {
    if (p == AB_F32) {
        int32_t i = o < 0 ? (int32_t)(~o | (int64_t)INT32_MIN) : (int32_t)o;
        float f;
        memcpy(&f, &i, sizeof f);
        return f;
    }
    int64_t i = o < 0 ? (~o | INT64_MIN) : o;
    double d;
    memcpy(&d, &i, sizeof d);
    return d;
}

uint64_t ab_range_size(double lo, double hi, ab_precision p) {
    /* In uint64: the f64 full range spans more than INT64_MAX ordinals. */
    return (uint64_t)ab_ordinal(hi, p) - (uint64_t)ab_ordinal(lo, p) + 1;
}

/* splitmix64's finaliser: a bijective mixer with good avalanche. */
uint64_t ab_mix64(uint64_t z) {
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint64_t ab_hash_string(const char *s) {
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

size_t ab_range_inputs(double lo, double hi, ab_precision p, uint64_t seed,
                       uint64_t stream, size_t n, double *out, int *exhaustive) {
    int64_t olo = ab_ordinal(lo, p);
    uint64_t size = ab_range_size(lo, hi, p);
    if (size <= n) {
        for (uint64_t i = 0; i < size; i++) out[i] = ab_from_ordinal((int64_t)((uint64_t)olo + i), p);
        *exhaustive = 1;
        return (size_t)size;
    }
    *exhaustive = 0;
    uint64_t key = ab_mix64(seed ^ ab_mix64(stream));
    for (size_t i = 0; i < n; i++) {
        uint64_t a = (uint64_t)(((unsigned __int128)size * i) / n);
        uint64_t b = (uint64_t)(((unsigned __int128)size * (i + 1)) / n);
        uint64_t r = ab_mix64(key + i);
        uint64_t off = (uint64_t)(((unsigned __int128)r * (b - a)) >> 64);
        out[i] = ab_from_ordinal((int64_t)((uint64_t)olo + a + off), p);
    }
    return n;
}

static size_t add_unique(double *out, size_t n, double v, ab_precision p) {
    if (p == AB_F32) v = (float)v;
    for (size_t i = 0; i < n; i++)
        if (memcmp(&out[i], &v, sizeof v) == 0) return n;
    out[n] = v;
    return n + 1;
}

size_t ab_special_inputs(const ab_activation *a, ab_precision p, double *out) {
    double min_sub = p == AB_F32 ? 0x1p-149 : 0x1p-1074;
    double max_sub = p == AB_F32 ? 0x1.fffffcp-127 : 0x0.fffffffffffffp-1022;
    double min_nrm = p == AB_F32 ? FLT_MIN : DBL_MIN;
    double max_fin = p == AB_F32 ? FLT_MAX : DBL_MAX;
    const double base[] = {0.0, -0.0, INFINITY, -INFINITY, NAN,
                           min_sub, -min_sub, max_sub, -max_sub,
                           min_nrm, -min_nrm, max_fin, -max_fin};
    size_t n = 0;
    for (size_t i = 0; i < AB_COUNT(base); i++) n = add_unique(out, n, base[i], p);
    const double *th = p == AB_F32 ? a->thresholds32 : a->thresholds64;
    size_t nth = p == AB_F32 ? a->n_thresholds32 : a->n_thresholds64;
    for (size_t i = 0; i < nth && i < AB_MAX_THRESHOLDS; i++) {
        double t = p == AB_F32 ? (float)th[i] : th[i];
        int64_t o = ab_ordinal(t, p);
        n = add_unique(out, n, ab_from_ordinal(o - 1, p), p);
        n = add_unique(out, n, t, p);
        n = add_unique(out, n, ab_from_ordinal(o + 1, p), p);
    }
    return n;
}
