/* properties.c: see properties.h. */
#include "properties.h"
#include "isolate.h"
#include "metrics.h"
#include "registry.h"
#include "sweep.h"
#include "inputs.h"
#include "../reference/format.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const prop_names[AB_PROP_COUNT] = {"range", "monotone", "symmetry",
                                                      "nan_class", "inf_class"};

const char *ab_prop_name(ab_prop k) { return prop_names[k]; }

void ab_props_init(ab_props_acc *p) {
    memset(p, 0, sizeof *p);
    for (int k = 0; k < AB_PROP_COUNT; k++) p->first[k] = NAN;
}

void ab_props_merge(ab_props_acc *a, const ab_props_acc *b) {
    for (int k = 0; k < AB_PROP_COUNT; k++) {
        if (!a->violations[k] && b->violations[k]) a->first[k] = b->first[k];
        a->checked[k] += b->checked[k];
        a->violations[k] += b->violations[k];
    }
}

static void note(ab_props_acc *p, ab_prop k, int bad, double x) {
    p->checked[k]++;
    if (!bad) return;
    if (!p->violations[k]) p->first[k] = x;
    p->violations[k]++;
}

/* ---- NaN bit patterns ----------------------------------------------------- */
static double from_bits64(uint64_t b) {
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static uint64_t bits64(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

float ab_narrow_f32(double x) {
    if (!isnan(x)) return (float)x;
    uint64_t b = bits64(x);
    uint32_t f = (uint32_t)(b >> 63) << 31 | 0x7f800000u | (uint32_t)((b >> 29) & 0x7fffffu);
    float r;
    memcpy(&r, &f, 4);
    return r;
}

/* A float's bits as the double with the same sign, quiet bit and payload. */
static double widen_f32_bits(uint32_t f) {
    return from_bits64((uint64_t)(f >> 31) << 63 | (uint64_t)0x7ff << 52 |
                       (uint64_t)(f & 0x7fffffu) << 29);
}

void ab_nan_classes(ab_precision p, double *out) {
    static const uint32_t c32[6] = {0x7fc00000u, 0x7fc00001u, 0x7fffffffu,
                                    0x7f800001u, 0x7fa00000u, 0x7fbfffffu};
    static const uint64_t c64[6] = {0x7ff8000000000000u, 0x7ff8000000000001u,
                                    0x7fffffffffffffffu, 0x7ff0000000000001u,
                                    0x7ff4000000000000u, 0x7ff7ffffffffffffu};
    /* the same six classes in the 16-bit formats: canonical quiet, quiet
     * with payload 1, all ones, signalling with payload 1, signalling with
     * the top payload bit, the largest signalling */
    static const uint16_t cb[6] = {0x7fc0, 0x7fc1, 0x7fff, 0x7f81, 0x7fa0, 0x7fbf};
    static const uint16_t ch[6] = {0x7e00, 0x7e01, 0x7fff, 0x7c01, 0x7d00, 0x7dff};
    ab_precision f = ab_in_prec(p);
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < 6; k++)
            out[s * 6 + k] = f == AB_F32   ? widen_f32_bits(c32[k] | (uint32_t)s << 31)
                           : f == AB_F64   ? from_bits64(c64[k] | (uint64_t)s << 63)
                           : f == AB_BF16  ? ab_fmt_from_bits(cb[k] | (unsigned)s << 15, f)
                                           : ab_fmt_from_bits(ch[k] | (unsigned)s << 15, f);
}

/* ---- one input's checks ------------------------------------------------------ */
/* ulp of a finite output y in the format F, as the metric defines it:
 * 2^(max(e, emin) - p) for 2^(e-1) <= |y| < 2^e; ulp(0) is the smallest
 * subnormal.  From y's exponent field D: e = D - 1022 for a normal double
 * (frexp's e); a zero or a subnormal double (D = 0) lies below 2^(emin-1)
 * for every format (emin >= -1021), so takes emin.  2^k by its bits, but
 * for f64's subnormal ulp (k = -1074).  (The exhaustive sweep calls it
 * twice per input: frexp and ldexp were a third of its time.) */
double ab_ulp_of(double y, const ab_fmt_info *F) {
    int D = (int)(bits64(y) >> 52 & 0x7ff), emin = (int)F->emin;
    int e = D ? D - 1022 : emin;
    int k = (e > emin ? e : emin) - F->p;
    return k >= -1022 ? from_bits64((uint64_t)(k + 1023) << 52) : ldexp(1.0, k);
}

/* a + b - c with a's and b's sum kept exact (TwoSum): the residual is
 * then rounded once more, where it is not small, or exact where s and c
 * are within a factor 2 (Sterbenz). */
static double residual(double a, double b, double c) {
    double s = a + b, bb = s - a, e = (a - (s - bb)) + (b - bb);
    return (s - c) + e;
}

/* The declared output range in p's output format.  f32's bounds serve the
 * narrower formats, rounded outward: a correctly rounded result of a value
 * within [lo32, hi32] lies within [RD(lo32), RU(hi32)]. */
static void prop_bounds(const ab_properties *pr, ab_precision p, double *lo, double *hi) {
    ab_precision f = ab_out_prec(p);
    if (f == AB_F64) { *lo = pr->lo64; *hi = pr->hi64; return; }
    *lo = pr->lo32;
    *hi = pr->hi32;
    if (f == AB_F32) return;
    double l = ab_fmt_round(*lo, f), h = ab_fmt_round(*hi, f);
    if (l > *lo) l = ab_from_ordinal(ab_ordinal(l, f) - 1, f);
    if (h < *hi) h = ab_from_ordinal(ab_ordinal(h, f) + 1, f);
    *lo = l;
    *hi = h;
}

/* lo, hi: prop_bounds's, computed once per block by the caller. */
static void check_range(const ab_properties *pr, double lo, double hi, double x, double y,
                        ab_props_acc *out) {
    if (!pr->has_range || isnan(x) || isnan(y)) return;
    note(out, AB_PROP_RANGE, y < lo || y > hi, x);
}

/* y0 = f(x), y1 = f(next number after x). */
static void check_monotone(const ab_properties *pr, double x, double y0, double y1,
                           ab_props_acc *out) {
    if (!pr->monotone || isnan(y0) || isnan(y1)) return;
    note(out, AB_PROP_MONOTONE, pr->monotone > 0 ? y0 > y1 : y0 < y1, x);
}

/* a = f(x), b = f(-x); B the variant's bound; F the output format. */
static void check_symmetry(const ab_properties *pr, const ab_fmt_info *F, double B, double x,
                           double a, double b, ab_props_acc *out) {
    if (pr->symmetry == AB_SYM_NONE || isnan(x) || isnan(a) || isnan(b)) return;
    if (pr->symmetry == AB_SYM_ODD || pr->symmetry == AB_SYM_EVEN) {
        double want = pr->symmetry == AB_SYM_ODD ? -a : a;
        note(out, AB_PROP_SYMMETRY, bits64(b) != bits64(want), x);
        return;
    }
    if (!isfinite(x) || !isfinite(a) || !isfinite(b)) return;
    double r = pr->symmetry == AB_SYM_SUM ? residual(a, b, pr->sym_c) : residual(a, -b, x);
    note(out, AB_PROP_SYMMETRY, fabs(r) > B * (ab_ulp_of(a, F) + ab_ulp_of(b, F)), x);
}

/* ---- sampled jobs -------------------------------------------------------------- */
static double next_up(double x, ab_precision p) {
    if (x == 0 && signbit(x)) return 0.0; /* ordinal order: -0 just below +0 */
    if (ab_is_half(p)) return ab_from_ordinal(ab_ordinal(x, p) + 1, p);
    return p == AB_F32 ? (double)nextafterf((float)x, INFINITY) : nextafter(x, INFINITY);
}

/* Runs v on xe[0..n); returns how many outputs it returned (a plugin
 * variant may crash part way). */
static size_t run_extra(const ab_variant *v, const double *xe, double *ye, size_t n) {
    if (!n) return 0;
    if (!ab_variant_isolated(v)) {
        ab_run_variant(v, xe, ye, n);
        return n;
    }
    ab_isolated_run run;
    ab_run_isolated(v, xe, ye, n, NULL, NULL, &run);
    return run.completed;
}

void ab_props_check(const ab_activation *a, const ab_variant *v, ab_precision p,
                    const double *x, const double *y, size_t n, const double *limits,
                    ab_props_acc *out) {
    const ab_properties *pr = &a->props;
    ab_props_init(out);
    double lo, hi;
    prop_bounds(pr, p, &lo, &hi);
    for (size_t i = 0; i < n; i++) check_range(pr, lo, hi, x[i], y[i], out);
    /* Extra inputs: [next(x) | -x | NaN classes, -inf, +inf], each part
     * only when needed. */
    size_t nm = pr->monotone ? n : 0, ns = pr->symmetry != AB_SYM_NONE ? n : 0;
    size_t nc = limits ? AB_NAN_CLASSES + 2 : 0, ne = nm + ns + nc;
    if (!ne) return;
    double *xe = ab_xmalloc(ne * sizeof *xe), *ye = ab_xmalloc(ne * sizeof *ye);
    for (size_t i = 0; i < nm; i++) xe[i] = isnan(x[i]) || x[i] == INFINITY ? x[i] : next_up(x[i], p);
    for (size_t i = 0; i < ns; i++) xe[nm + i] = -x[i];
    if (nc) {
        ab_nan_classes(p, xe + nm + ns);
        xe[ne - 2] = -INFINITY;
        xe[ne - 1] = INFINITY;
    }
    size_t got = run_extra(v, xe, ye, ne);
    for (size_t i = 0; i < nm && i < got; i++)
        if (!isnan(x[i]) && x[i] != INFINITY) check_monotone(pr, x[i], y[i], ye[i], out);
    for (size_t i = 0; i < ns && nm + i < got; i++)
        check_symmetry(pr, ab_fmt(p), v->max_ulp, x[i], y[i], ye[nm + i], out);
    for (size_t k = 0; k < AB_NAN_CLASSES && nm + ns + k < got && nc; k++)
        note(out, AB_PROP_NAN_CLASS, !isnan(ye[nm + ns + k]), xe[nm + ns + k]);
    for (size_t k = 0; k < 2 && ne - 2 + k < got && nc; k++)
        note(out, AB_PROP_INF_CLASS, !ab_same_result(ye[ne - 2 + k], limits[k], p), xe[ne - 2 + k]);
    free(xe);
    free(ye);
}

/* ---- exhaustive blocks ----------------------------------------------------------- */
void ab_props_block_f32(const ab_activation *a, const ab_variant *v, const float *x,
                        const float *y, const float *ym, size_t n, ab_props_acc *out) {
    const ab_properties *pr = &a->props;
    const ab_fmt_info *F = ab_fmt(AB_F32);
    double lo, hi;
    prop_bounds(pr, AB_F32, &lo, &hi);
    for (size_t i = 0; i < n; i++) {
        check_range(pr, lo, hi, x[i], y[i], out);
        if (i + 1 < n) check_monotone(pr, x[i], y[i], y[i + 1], out);
        if (ym) check_symmetry(pr, F, v->max_ulp, x[i], y[i], ym[i], out);
    }
}

void ab_props_pair_f32(const ab_activation *a, float x, float y0, float y1, ab_props_acc *out) {
    check_monotone(&a->props, x, y0, y1, out);
}

/* ---- text ------------------------------------------------------------------------- */
static void bound_text(double b, ab_precision p, char *buf, size_t len) {
    if (isinf(b)) snprintf(buf, len, "%sinf", b < 0 ? "-" : "");
    else snprintf(buf, len, ab_out_prec(p) != AB_F64 ? "%.9g" : "%.17g", b);
}

void ab_props_describe(const ab_activation *a, ab_precision p, char *buf, size_t len) {
    const ab_properties *pr = &a->props;
    size_t n = 0;
    buf[0] = 0;
    if (pr->has_range) {
        char lo[32], hi[32];
        double l, h;
        prop_bounds(pr, p, &l, &h);
        bound_text(l, p, lo, sizeof lo);
        bound_text(h, p, hi, sizeof hi);
        n += (size_t)snprintf(buf + n, len - n, "range [%s, %s]", lo, hi);
    }
    if (pr->monotone && n < len)
        n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "; " : "",
                              pr->monotone > 0 ? "nondecreasing" : "nonincreasing");
    if (pr->symmetry != AB_SYM_NONE && n < len) {
        char c[32];
        bound_text(pr->sym_c, p, c, sizeof c);
        const char *what = pr->symmetry == AB_SYM_ODD    ? "odd"
                           : pr->symmetry == AB_SYM_EVEN ? "even"
                           : pr->symmetry == AB_SYM_SUM  ? "f(x)+f(-x)="
                                                         : "f(x)-f(-x)=x";
        snprintf(buf + n, len - n, "%s%s%s", n ? "; " : "", what,
                 pr->symmetry == AB_SYM_SUM ? c : "");
    }
}

void ab_props_format_input(double x, ab_precision p, char *buf, size_t len) {
    if (!isnan(x)) {
        snprintf(buf, len, "%a", x);
        return;
    }
    if (ab_is_half(p)) {
        snprintf(buf, len, "nan:0x%04x", (unsigned)ab_fmt_bits(x, ab_in_prec(p)));
    } else if (p == AB_F32) {
        float f = ab_narrow_f32(x);
        uint32_t b;
        memcpy(&b, &f, 4);
        snprintf(buf, len, "nan:0x%08" PRIx32, b);
    } else {
        snprintf(buf, len, "nan:0x%016" PRIx64, bits64(x));
    }
}
