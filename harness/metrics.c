/* metrics.c: see metrics.h for the definitions. */
#include "metrics.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../reference/format.h"

int ab_same_result(double y, double cr, ab_precision prec) {
    if (isnan(y) || isnan(cr)) return isnan(y) && isnan(cr);
    if (ab_out_prec(prec) == AB_F64) return memcmp(&y, &cr, sizeof y) == 0;
    float a = (float)y, b = (float)cr; /* every narrower format's values are floats */
    return memcmp(&a, &b, sizeof a) == 0;
}

/* x * 2^k in long double, with k clamped: beyond +-20000 the long double
 * result is 0 or inf anyway, and the clamp keeps k inside an int. */
static long double scale(long double x, long k) {
    if (k > 20000) k = 20000;
    if (k < -20000) k = -20000;
    return ldexpl(x, (int)k);
}

/* The ULP error d of an output whose value is y4 grid steps (q = ulp/4,
 * reference.h), made consistent with f's place on the grid: exact when f
 * is a grid point, else strictly inside (n, n + 1)/4 for the n the
 * integers Y (= y4) and g->index give (except that a d of 0 stands for an
 * error in (0, 1/4): no threshold lies there).  d comes from the stored value v,
 * whose own error could otherwise put it on the wrong side of a multiple
 * of ulp/4 (1 + 2^-70 computed as 1, say).  y4 off the grid (an output
 * two binades or more below f: a huge error) or huge: d as it is. */
static double grid_ulps_at(double d, int64_t Y, const ab_grid *g) {
    int64_t G = g->index;
    if (g->exact) return (double)(Y > G ? Y - G : G - Y) / 4;
    int64_t n = Y > G ? Y - G - 1 : G - Y;
    if (n > ((int64_t)1 << 50)) return d;
    double lo = (double)n / 4, hi = (double)(n + 1) / 4;
    if (d <= lo) return n == 0 ? d : nextafter(lo, INFINITY); /* (0, 1/4): 0 stands */
    if (d >= hi) return nextafter(hi, 0);
    return d;
}

double ab_grid_ulps(double d, long double y4, const ab_grid *g) {
    if (!g->valid || !(fabsl(y4) < 0x1p60L) || y4 != floorl(y4)) return d;
    return grid_ulps_at(d, (int64_t)y4, g);
}

/* The same for a y4 that is a double (f32 outputs: y times a power of 2,
 * exact), without x87 long double: below 2^60 in magnitude, y4 is an
 * integer exactly when its truncation converts back to it. */
double ab_grid_ulps_d(double d, double y4, const ab_grid *g) {
    if (!g->valid || !(fabs(y4) < 0x1p60)) return d;
    int64_t Y = (int64_t)y4;
    return (double)Y == y4 ? grid_ulps_at(d, Y, g) : d;
}

ab_error ab_measure(double y, const ab_refval *r, ab_precision prec) {
    ab_error E = {0, 0, 0};
    const ab_fmt_info *F = ab_fmt(prec);
    int p = F->p;
    long emin = F->emin;
    long inf_exp = F->emax;
    if (r->kind == AB_V_NAN || isnan(y)) {
        if (!(r->kind == AB_V_NAN && isnan(y))) E.ulp = E.abs_err = E.rel_err = NAN;
        return E;
    }
    if (r->kind == AB_V_INF || (isinf(r->cr) && y == r->cr)) {
        if (y != r->cr) E.ulp = E.abs_err = E.rel_err = INFINITY;
        return E;
    }
    long e = r->kind == AB_V_ZERO ? emin : r->e;
    long ue = (e > emin ? e : emin) - p;           /* ulp(v) = 2^ue */
    /* Scale by 2^-ue in long double (15-bit exponent, 64-bit significand):
     * the scaled v is below 2^(p+1) and y - v_hi is exact whenever the
     * error is small enough to matter. */
    long double ys = isinf(y) ? copysignl(scale(1.0L, inf_exp - ue), y)
                              : scale((long double)y, -ue);
    long double vh = r->kind == AB_V_ZERO ? 0 : scale((long double)r->m_hi, e - ue);
    long double vl = r->kind == AB_V_ZERO ? 0 : scale((long double)r->m_lo, e - ue);
    long double d = fabsl((ys - vh) - vl);
    E.ulp = isinf(y) ? (double)d : ab_grid_ulps((double)d, ys * 4, &r->grid);
    E.abs_err = (double)scale(d, ue);
    if (r->kind == AB_V_ZERO)
        E.rel_err = d == 0 ? 0 : INFINITY;
    else
        E.rel_err = (double)(d / fabsl(vh + vl));
    return E;
}

/* 2^k for -1022 <= k <= 1023, by its bits. */
static double pow2(int k) {
    uint64_t b = (uint64_t)(k + 1023) << 52;
    double d;
    memcpy(&d, &b, 8);
    return d;
}

/* The derived fields: 1/ulp(v) (e such that 2^(e-1) <= |v| < 2^e, clamped
 * at emin as in ab_measure) and the error of cr. */
static void ref32_finish(ab_ref32 *o, long e) {
    long ue = (e > -125 ? e : -125) - 24;
    o->inv_ulp = pow2((int)-ue);
    o->inv_q = 4 * o->inv_ulp;
    memcpy(&o->cr_bits, &o->cr, 4);
    o->plain = (o->kind == AB_V_FINITE || o->kind == AB_V_ZERO) && isfinite(o->cr);
    o->cr_ulp = o->cr_abs = o->cr_rel = 0;
    if (o->plain) {
        o->cr_abs = fabs((double)o->cr - o->v);
        o->cr_ulp = ab_grid_ulps_d(o->cr_abs * o->inv_ulp, (double)o->cr * o->inv_q, &o->grid);
        o->cr_rel = o->kind == AB_V_ZERO ? (o->cr_abs == 0 ? 0 : INFINITY) : o->cr_abs / fabs(o->v);
    }
}

void ab_ref32_from(const ab_refval *r, ab_ref32 *out) {
    out->cr = (float)r->cr;
    out->grid = r->grid;
    out->kind = r->kind;
    out->v = r->kind == AB_V_FINITE ? ldexp(r->m_hi + r->m_lo, (int)r->e) : 0;
    ref32_finish(out, r->kind == AB_V_ZERO ? -125 : r->e);
}

void ab_ref32_from_value(double v, float cr, const ab_grid *g, ab_ref32 *out) {
    out->cr = cr;
    out->grid = *g;
    out->v = isfinite(v) ? v : 0;
    out->kind = isnan(v) ? AB_V_NAN : isinf(v) ? AB_V_INF : v == 0 ? AB_V_ZERO : AB_V_FINITE;
    uint64_t b;
    memcpy(&b, &v, 8);
    int field = (int)(b >> 52 & 0x7ff);
    /* 2^(e-1) <= |v| < 2^e: e = field - 1022 (a subnormal double is far
     * below emin, where only the clamp matters), unless the grid says f
     * lies in the binade below v's (v a power of two, f toward 0). */
    ref32_finish(out, g->valid ? g->e : field ? field - 1022 : -1100);
}

void ab_acc_init(ab_acc *a) {
    memset(a, 0, sizeof *a);
    a->overflow_onset = a->nan_onset = NAN;
}

int ab_hist_bin(double ulp) {
    if (ulp <= 0.5) return 0;
    double edge = 1; /* bin k's upper edge is 2^(k-1) */
    for (int k = 1; k < AB_HIST_BINS - 1; k++, edge *= 2)
        if (ulp <= edge) return k;
    return AB_HIST_BINS - 1;
}

/* The new largest error and where it was. */
static void set_worst(ab_acc *a, double ulp, size_t index, double x, double y, double cr) {
    a->has_worst = 1;
    a->max_ulp = ulp;
    a->worst_index = index;
    a->worst_input = x;
    a->worst_output = y;
    a->worst_reference = cr;
}

/* Keep the candidate of smallest magnitude; ties keep the earlier one. */
static void onset(double *cur, double x) {
    if (isnan(*cur) || fabs(x) < fabs(*cur)) *cur = x;
}

void ab_acc_add(ab_acc *a, size_t index, double x, double y, const ab_refval *r,
                ab_precision prec) {
    a->samples++;
    double cr = r->cr;
    if (ab_same_result(y, cr, prec)) a->correctly_rounded++;
    if (isnan(y) != isnan(cr)) a->nan++;
    if (isnan(y) && !isnan(cr)) onset(&a->nan_onset, x);
    if (!isnan(y) && !isnan(cr)) {
        if (signbit(y) != signbit(cr)) a->sign_errors++;
        if (isinf(y) && !isinf(cr)) {
            a->overflow++;
            onset(&a->overflow_onset, x);
        }
        if (y == 0 && cr != 0) a->zero_flush++;
    }
    if (ab_is_half(prec) && r->has_dr && !ab_same_result(y, cr, prec) && ab_same_result(y, r->dr, prec))
        a->double_rounded++;
    ab_error E = ab_measure(y, r, prec);
    if (isnan(E.ulp)) return;
    a->measured++;
    a->hist[ab_hist_bin(E.ulp)]++;
    a->sum_ulp += E.ulp;
    if (E.ulp > 1) a->over_1ulp++;
    if (!a->has_worst || E.ulp > a->max_ulp) set_worst(a, E.ulp, index, x, y, cr);
    if (E.rel_err > a->max_rel) a->max_rel = E.rel_err;
    if (E.abs_err > a->max_abs) a->max_abs = E.abs_err;
}

/* ab_acc_add for an f32 output and an ab_ref32: the same counts and the
 * same error definitions, in double. */
void ab_acc_add_f32(ab_acc *a, size_t index, float x, float y, const ab_ref32 *r) {
    uint32_t yb;
    memcpy(&yb, &y, 4);
    a->samples++;
    int ynan = isnan(y), rnan = r->kind == AB_V_NAN;
    double ulp, abs_err, rel_err;
    if (yb == r->cr_bits || (ynan && rnan)) {
        a->correctly_rounded++;
        if (r->plain) {
            ulp = r->cr_ulp;
            abs_err = r->cr_abs;
            rel_err = r->cr_rel;
        } else {
            ulp = abs_err = rel_err = 0; /* NaN for NaN, or the same infinity */
        }
    } else {
        double cr = r->cr;
        if (ynan != rnan) {
            a->nan++;
            if (ynan) onset(&a->nan_onset, x);
            return; /* a NaN mismatch has no ULP error */
        }
        /* signbit's nonzero value depends on the type (y is a float, cr a
         * double): compare truth values. */
        if (!signbit(y) != !signbit(cr)) a->sign_errors++;
        if (isinf(y) && !isinf(cr)) {
            a->overflow++;
            onset(&a->overflow_onset, x);
        }
        if (y == 0 && cr != 0) a->zero_flush++;
        if (r->kind == AB_V_INF || (isinf(cr) && y == cr)) {
            ulp = abs_err = rel_err = y != cr ? INFINITY : 0;
        } else {
            double ys = isinf(y) ? copysign(0x1p128, y) : y;
            abs_err = fabs(ys - r->v);
            ulp = isinf(y) ? abs_err * r->inv_ulp
                           : ab_grid_ulps_d(abs_err * r->inv_ulp, (double)y * r->inv_q, &r->grid);
            rel_err = r->kind == AB_V_ZERO ? (abs_err == 0 ? 0 : INFINITY) : abs_err / fabs(r->v);
        }
    }
    a->measured++;
    a->hist[ulp <= 0.5 ? 0 : ab_hist_bin(ulp)]++;
    a->sum_ulp += ulp;
    if (ulp > 1) a->over_1ulp++;
    if (!a->has_worst || ulp > a->max_ulp) set_worst(a, ulp, index, x, y, r->cr);
    if (rel_err > a->max_rel) a->max_rel = rel_err;
    if (abs_err > a->max_abs) a->max_abs = abs_err;
}

void ab_acc_add_f32_block(ab_acc *a, size_t base, const float *x, const float *y,
                          const ab_ref32 *r, size_t n) {
    double sum = 0, max = a->has_worst ? a->max_ulp : -1, max_abs = a->max_abs, max_rel = a->max_rel;
    uint64_t fast = 0;
    size_t worst = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        uint32_t yb;
        memcpy(&yb, &y[i], 4);
        if (yb == r[i].cr_bits && r[i].plain) {
            /* correctly rounded: its error is cr's, computed once */
            fast++;
            sum += r[i].cr_ulp;
            if (r[i].cr_ulp > max) { max = r[i].cr_ulp; worst = i; }
            if (r[i].cr_abs > max_abs) max_abs = r[i].cr_abs;
            if (r[i].cr_rel > max_rel) max_rel = r[i].cr_rel;
            continue;
        }
        if (worst != SIZE_MAX) { /* keep the order of "first largest" exact */
            set_worst(a, max, base + worst, x[worst], y[worst], r[worst].cr);
            worst = SIZE_MAX;
        }
        a->max_abs = max_abs;
        a->max_rel = max_rel;
        ab_acc_add_f32(a, base + i, x[i], y[i], &r[i]);
        max = a->has_worst ? a->max_ulp : -1;
        max_abs = a->max_abs;
        max_rel = a->max_rel;
    }
    if (worst != SIZE_MAX) {
        set_worst(a, max, base + worst, x[worst], y[worst], r[worst].cr);
    }
    a->max_abs = max_abs;
    a->max_rel = max_rel;
    a->samples += fast;
    a->correctly_rounded += fast;
    a->measured += fast;
    a->hist[0] += fast; /* a correctly rounded output errs by at most 1/2 ulp */
    a->sum_ulp += sum;
}

void ab_acc_merge(ab_acc *a, const ab_acc *b) {
    a->samples += b->samples;
    a->correctly_rounded += b->correctly_rounded;
    a->over_1ulp += b->over_1ulp;
    a->overflow += b->overflow;
    a->nan += b->nan;
    a->sign_errors += b->sign_errors;
    a->zero_flush += b->zero_flush;
    a->double_rounded += b->double_rounded;
    a->measured += b->measured;
    ab_xsum_merge(&a->xs, &b->xs);
    ab_xsum_add(&a->xs, b->sum_ulp);
    if (b->has_worst && (!a->has_worst || b->max_ulp > a->max_ulp)) {
        a->has_worst = 1;
        a->max_ulp = b->max_ulp;
        a->worst_index = b->worst_index;
        a->worst_input = b->worst_input;
        a->worst_output = b->worst_output;
        a->worst_reference = b->worst_reference;
    }
    if (b->max_rel > a->max_rel) a->max_rel = b->max_rel;
    if (b->max_abs > a->max_abs) a->max_abs = b->max_abs;
    if (!isnan(b->overflow_onset)) onset(&a->overflow_onset, b->overflow_onset);
    if (!isnan(b->nan_onset)) onset(&a->nan_onset, b->nan_onset);
    for (int k = 0; k < AB_HIST_BINS; k++) a->hist[k] += b->hist[k];
}

double ab_acc_mean_ulp(const ab_acc *a) {
    if (!a->measured) return 0.0;
    ab_xsum t = a->xs;
    ab_xsum_add(&t, a->sum_ulp);
    return (double)(ab_xsum_value(&t) / a->measured);
}
