/* inputs.c: see inputs.h. */
#include "inputs.h"
#include <math.h>
#include <float.h>
#include <string.h>
#include "../reference/format.h"

/* 16-bit formats: every pattern has an ordinal, NaNs included (negative
 * NaNs below -inf, positive ones above +inf), so that the full range of
 * 65,536 patterns is one ordinal interval. */
int64_t ab_ordinal(double x, ab_precision p) {
    p = ab_in_prec(p);
    if (p == AB_BF16 || p == AB_F16) {
        int64_t b = (int64_t)ab_fmt_bits(x, p);
        return b & 0x8000 ? ~(b & 0x7fff) : b;
    }
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
    p = ab_in_prec(p);
    if (p == AB_BF16 || p == AB_F16)
        return ab_fmt_from_bits(o < 0 ? (uint64_t)((~o & 0x7fff) | 0x8000) : (uint64_t)o, p);
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
    v = ab_fmt_round(v, ab_in_prec(p));
    for (size_t i = 0; i < n; i++)
        if (memcmp(&out[i], &v, sizeof v) == 0) return n;
    out[n] = v;
    return n + 1;
}

size_t ab_special_inputs(const ab_activation *a, ab_precision p, double *out) {
    const ab_fmt_info *F = ab_fmt(ab_in_prec(p));
    double min_sub = F->min_sub;
    double max_sub = F->min_normal - F->min_sub;
    double min_nrm = F->min_normal;
    double max_fin = F->max_finite;
    int wide = ab_in_prec(p) == AB_F64;
    const double base[] = {0.0, -0.0, INFINITY, -INFINITY, NAN,
                           min_sub, -min_sub, max_sub, -max_sub,
                           min_nrm, -min_nrm, max_fin, -max_fin};
    size_t n = 0;
    for (size_t i = 0; i < AB_COUNT(base); i++) n = add_unique(out, n, base[i], p);
    const double *th = wide ? a->thresholds64 : a->thresholds32;
    size_t nth = wide ? a->n_thresholds64 : a->n_thresholds32;
    for (size_t i = 0; i < nth && i < AB_MAX_THRESHOLDS; i++) {
        double t = ab_fmt_round(th[i], ab_in_prec(p)); /* f32's thresholds, rounded */
        if (!wide && ab_is_half(p) && (isinf(t) || isnan(t))) continue;
        int64_t o = ab_ordinal(t, p);
        n = add_unique(out, n, ab_from_ordinal(o - 1, p), p);
        n = add_unique(out, n, t, p);
        n = add_unique(out, n, ab_from_ordinal(o + 1, p), p);
    }
    return n;
}
