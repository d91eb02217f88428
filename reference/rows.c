/* rows.c: MPFR references of the row operations and the row Ziv loop.
 *
 * Conventions (u = 2^-p, the relative error of one rounding to nearest at
 * precision p):
 *   - differences of inputs x_i - m are formed exactly (sub_exact), so the
 *     only errors are those of exp/log/sum/div, and relative errors of
 *     positive quantities add up;
 *   - sums use mpfr_sum, which is correctly rounded (one error u) however
 *     much the terms cancel;
 *   - the MPFR exponent range is MPFR's widest (set per thread by the row
 *     Ziv loop), so e^(x_i - m) never underflows before its division,
 *     except below 2^(-2^62), where the target rounding is +0 whatever the
 *     error.
 * Non-finite rows: NaN anywhere gives NaN outputs (pooling included: the
 * reference propagates NaN, like numpy.max and torch.max); an all -inf row
 * gives NaN for softmax and log_softmax (0/0, PyTorch's result) and -inf
 * for logsumexp (log 0). */
#include "rows.h"
#include "ref_common.h"
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

long ab_row_rel_err(const mpfr_t y, int k, mpfr_prec_t p) {
    /* A relative bound of a zero, an infinity or a NaN is no error at all. */
    if (!mpfr_regular_p(y)) return AB_REF_EXACT;
    return (long)mpfr_get_exp(y) + k - (long)p;
}

static void all_nan(mpfr_t *y, long *err, size_t m) {
    for (size_t i = 0; i < m; i++) { mpfr_set_nan(y[i]); err[i] = AB_REF_EXACT; }
}

static int any_nan(mpfr_t *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (mpfr_nan_p(x[i])) return 1;
    return 0;
}

static int any_posinf(mpfr_t *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (mpfr_inf_p(x[i]) && mpfr_sgn(x[i]) > 0) return 1;
    return 0;
}

/* First index of the maximum (no NaN in x). */
static size_t argmax(mpfr_t *x, size_t n) {
    size_t k = 0;
    for (size_t i = 1; i < n; i++)
        if (mpfr_greater_p(x[i], x[k])) k = i;
    return k;
}

/* d = a - b exactly: the result is a multiple of the smaller ulp below
 * twice the larger magnitude, so hi - lo + 1 bits hold it. */
void ab_row_sub_exact(mpfr_t d, const mpfr_t a, const mpfr_t b) {
    if (mpfr_regular_p(a) && mpfr_regular_p(b)) {
        mpfr_exp_t ea = mpfr_get_exp(a), eb = mpfr_get_exp(b);
        mpfr_exp_t la = ea - (mpfr_exp_t)mpfr_get_prec(a), lb = eb - (mpfr_exp_t)mpfr_get_prec(b);
        mpfr_exp_t hi = (ea > eb ? ea : eb) + 1, lo = la < lb ? la : lb;
        mpfr_set_prec(d, (mpfr_prec_t)(hi - lo + 1));
    } else {
        mpfr_prec_t pa = mpfr_get_prec(a), pb = mpfr_get_prec(b);
        mpfr_set_prec(d, pa > pb ? pa : pb);
    }
    mpfr_sub(d, a, b, MPFR_RNDN);
}

/* A row with c maxima (t = 1) and the rest R = sum of the other t_j:
 * each maximum's share is 1/(c + R), just below 1/c.  When c is a power
 * of two (1/c a grid point of every format) and 0 < R < c 2^-(p+1) (or
 * every other term underflowed MPFR's range, R > 0 still), the share
 * lies within the gap 2^-(p+1)/c below 1/c at p bits: returns c (the
 * caller gives 1/c with AB_REF_BELOW), else 0.  The computed t_j are
 * within u each, so R is summed rounding up and tested against half the
 * limit.  s->ptr is borrowed and restored; R is s->s[2]. */
static unsigned long max_share_is_grid_point(mpfr_t *x, size_t n, size_t k, mpfr_prec_t p,
                                             ab_row_scratch *s) {
    unsigned long c = 0;
    size_t nr = 0;
    int finite_rest = 0;
    for (size_t i = 0; i < n; i++) {
        if (mpfr_equal_p(x[i], x[k])) { c++; continue; }
        if (mpfr_inf_p(x[i])) continue;
        finite_rest = 1;
        s->ptr[nr++] = s->t[i];
    }
    if (!finite_rest || (c & (c - 1)) != 0) return 0;
    mpfr_ptr R = s->s[2];
    mpfr_set_prec(R, p);
    mpfr_sum(R, s->ptr, nr, MPFR_RNDU); /* rounded up: the test stays safe */
    for (size_t i = 0; i < n; i++) s->ptr[i] = s->t[i];
    if (mpfr_zero_p(R)) return c;       /* all underflowed: 0 < R < n 2^(-2^62) */
    long ec = 64 - __builtin_clzl(c);   /* c = 2^(ec-1) */
    return (long)mpfr_get_exp(R) <= ec - (long)p - 3 ? c : 0;
}

/* ---- softmax ---------------------------------------------------------
 * y_i = t_i / S with t_i = e^(x_i - m), S = sum t_j (m = max, t_k = 1 for
 * the first maximum).  Each t_i has error u; S, a correctly rounded sum of
 * positive terms each within u, is within 2u + u^2; the division adds u:
 * relative error below 4.1u, so |y - f| < 2^(EXP(y) + 3 - p). */
void ab_rowref_softmax(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                       ab_row_scratch *s) {
    if (any_nan(x, n) || any_posinf(x, n)) { all_nan(y, err, n); return; }
    size_t k = argmax(x, n);
    if (mpfr_inf_p(x[k])) { all_nan(y, err, n); return; } /* all -inf: 0/0 */
    mpfr_ptr d = s->s[0], S = s->s[1];
    int inex_t = 0;
    for (size_t i = 0; i < n; i++) {
        mpfr_set_prec(s->t[i], p);
        if (i == k) mpfr_set_ui(s->t[i], 1, MPFR_RNDN);
        else if (mpfr_inf_p(x[i])) mpfr_set_zero(s->t[i], 1);
        else {
            ab_row_sub_exact(d, x[i], x[k]);
            inex_t |= mpfr_exp(s->t[i], d, MPFR_RNDN) != 0;
        }
        s->ptr[i] = s->t[i];
    }
    mpfr_set_prec(S, p);
    int inex_s = mpfr_sum(S, s->ptr, n, MPFR_RNDN) != 0;
    int near = max_share_is_grid_point(x, n, k, p, s);
    for (size_t i = 0; i < n; i++) {
        if (near && mpfr_equal_p(x[i], x[k])) {
            err[i] = AB_REF_BELOW;
            mpfr_set_ui(y[i], 1, MPFR_RNDN);
            mpfr_div_ui(y[i], y[i], (unsigned long)near, MPFR_RNDN); /* exact: a power of 2 */
            continue;
        }
        int inex = mpfr_div(y[i], s->t[i], S, MPFR_RNDN) != 0;
        /* A zero is an -inf entry (exact), or e^(x_i - m) below 2^(-2^62)
         * (MPFR's underflow): a positive value that rounds to +0 in any
         * target format. */
        if (mpfr_zero_p(y[i])) err[i] = mpfr_inf_p(x[i]) ? AB_REF_EXACT : AB_REF_ABOVE;
        else if (!(inex || inex_s || inex_t)) err[i] = AB_REF_EXACT;
        else err[i] = ab_row_rel_err(y[i], 3, p);
    }
}

/* L = log(sum_j e^(x_j - m)) = log1p(T), T = sum over j != k of
 * e^(x_j - m): T is a sum of positive terms each within u, correctly
 * rounded: relative error delta <= 2u + u^2.  log1p(T(1 + delta)) -
 * log1p(T) <= T delta / (1 + T) <= delta log1p(T) (as T/(1+T) <=
 * log1p(T)), plus log1p's own rounding: L has relative error below 3.1u
 * even when T is tiny (a dominant entry), where log(1 + T) would lose it.
 * Returns 1 if L is exact (T = 0), and sets *under when every term of T
 * underflowed MPFR's range (then 0 < L < n 2^(-2^62) but L = 0). */
static int log1p_rest(mpfr_t L, mpfr_t *x, size_t n, size_t k, mpfr_prec_t p,
                      ab_row_scratch *s, int *under) {
    mpfr_ptr d = s->s[0], T = s->s[1];
    size_t nt = 0;
    int inex = 0;
    for (size_t j = 0; j < n; j++) {
        if (j == k || mpfr_inf_p(x[j])) continue;
        ab_row_sub_exact(d, x[j], x[k]);
        mpfr_set_prec(s->t[nt], p);
        inex |= mpfr_exp(s->t[nt], d, MPFR_RNDN) != 0;
        s->ptr[nt] = s->t[nt];
        nt++;
    }
    mpfr_set_prec(T, p);
    mpfr_set_prec(L, p);
    *under = 0;
    if (nt == 0) { mpfr_set_zero(L, 1); return 1; }
    inex |= mpfr_sum(T, s->ptr, nt, MPFR_RNDN) != 0;
    if (mpfr_zero_p(T)) { *under = 1; mpfr_set_zero(L, 1); return 0; }
    inex |= mpfr_log1p(L, T, MPFR_RNDN) != 0;
    return !inex;
}

/* L far below the last bit of b (or underflowed): b + sign L lies strictly
 * between b and its neighbour at precision max(prec(b), 55), so y = b
 * with a direction (AB_REF_ABOVE or AB_REF_BELOW) decides it, whatever
 * L's error. */
static int tiny_against(const mpfr_t L, int under, const mpfr_t b) {
    if (!mpfr_regular_p(b)) return 0;
    if (under) return 1;
    return mpfr_regular_p(L) &&
           mpfr_get_exp(L) < mpfr_get_exp(b) - (mpfr_exp_t)mpfr_get_prec(b) - 70;
}

/* y = b exactly, with the precision a direction needs (>= 55 bits). */
static long beside(mpfr_t y, const mpfr_t b, long direction) {
    mpfr_set_prec(y, mpfr_get_prec(b) > 55 ? mpfr_get_prec(b) : 55);
    mpfr_set(y, b, MPFR_RNDN);
    return direction;
}

/* ---- log_softmax -----------------------------------------------------
 * y_i = (x_i - m) - L = -(|x_i - m| + L): a sum of two non-positive terms,
 * the first exact and the second within 3.1u, rounded once: relative
 * error below 4.2u, |y - f| < 2^(EXP(y) + 3 - p).  No cancellation, so no
 * precision is lost for the dominant entry (y_k = -L). */
void ab_rowref_log_softmax(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                           ab_row_scratch *s) {
    if (any_nan(x, n) || any_posinf(x, n)) { all_nan(y, err, n); return; }
    size_t k = argmax(x, n);
    if (mpfr_inf_p(x[k])) { all_nan(y, err, n); return; }
    mpfr_ptr L = s->s[2], d = s->s[3];
    int under;
    int exact_l = log1p_rest(L, x, n, k, p, s, &under);
    for (size_t i = 0; i < n; i++) {
        if (mpfr_inf_p(x[i])) { mpfr_set_inf(y[i], -1); err[i] = AB_REF_EXACT; continue; }
        ab_row_sub_exact(d, x[i], x[k]);
        if (mpfr_zero_p(d) && under) { /* -L in (-n 2^(-2^62), 0) */
            mpfr_set_zero(y[i], -1);
            err[i] = AB_REF_BELOW;
        } else if (!exact_l && tiny_against(L, under, d)) {
            err[i] = beside(y[i], d, AB_REF_BELOW);
        } else {
            mpfr_set_prec(y[i], p);
            int inex = mpfr_sub(y[i], d, L, MPFR_RNDN) != 0;
            err[i] = (!inex && exact_l) ? AB_REF_EXACT : ab_row_rel_err(y[i], 3, p);
        }
    }
}

/* ---- logsumexp -------------------------------------------------------
 * y = m + L.  m may be negative and cancel L, so the bound is absolute:
 * |L~ - L| <= 3.1u L < 2^(EXP(L) + 2 - p), plus the rounding of the sum
 * (2^(EXP(y) - 1 - p)): E = max(EXP(L) + 2, EXP(y)) + 1 - p.  An all -inf
 * row gives -inf (log 0); -inf entries contribute nothing. */
void ab_rowref_logsumexp(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                         ab_row_scratch *s) {
    if (any_nan(x, n)) { all_nan(y, err, 1); return; }
    err[0] = AB_REF_EXACT;
    if (any_posinf(x, n)) { mpfr_set_inf(y[0], 1); return; }
    size_t k = argmax(x, n);
    if (mpfr_inf_p(x[k])) { mpfr_set_inf(y[0], -1); return; }
    mpfr_ptr L = s->s[2];
    int under;
    int exact_l = log1p_rest(L, x, n, k, p, s, &under);
    if (!exact_l && tiny_against(L, under, x[k])) { err[0] = beside(y[0], x[k], AB_REF_ABOVE); return; }
    if (under) { mpfr_set_zero(y[0], 1); err[0] = AB_REF_ABOVE; return; } /* m = 0, 0 < L < n 2^(-2^62) */
    mpfr_set_prec(y[0], p);
    int inex = mpfr_add(y[0], x[k], L, MPFR_RNDN) != 0;
    if (exact_l && !inex) return;
    long el = mpfr_regular_p(L) ? (long)mpfr_get_exp(L) + 2 : LONG_MIN / 2;
    long ey = mpfr_regular_p(y[0]) ? (long)mpfr_get_exp(y[0]) : LONG_MIN / 2;
    err[0] = (el > ey ? el : ey) + 1 - (long)p;
}

/* ---- maxout ------------------------------------------------------------
 * Row [x (d) | w_1..w_4 (4d) | b (4)].  z_i = w_i . x + b_i: the products
 * are exact at 106 bits, and mpfr_sum rounds the whole dot product once,
 * however it cancels: |z~_i - z_i| <= e_i = 2^(EXP(z~_i) - p) (0 if exact).
 * y = max z~_i.  The true maximum z_j satisfies z~_j + e_j >= y - e_k (k
 * the chosen piece), and |y - max z| <= max(e_k, e_j), so the bound is the
 * largest e_i over the pieces that pass that test.  IEEE rules for
 * infinities (inf * 0 and inf - inf are NaN) carry over, as MPFR follows
 * them; a NaN piece makes the result NaN. */
#define MAXOUT_K 4
void ab_rowref_maxout(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                      ab_row_scratch *s) {
    if (n < 5 + MAXOUT_K || (n - MAXOUT_K) % 5 != 0) { all_nan(y, err, 1); return; }
    size_t d = (n - MAXOUT_K) / 5;
    mpfr_ptr z[MAXOUT_K];
    long e[MAXOUT_K];
    int inex[MAXOUT_K];
    for (size_t i = 0; i < MAXOUT_K; i++) {
        z[i] = s->s[i];
        for (size_t j = 0; j < d; j++) {
            mpfr_set_prec(s->t[j], 106);
            mpfr_mul(s->t[j], x[d + i * d + j], x[j], MPFR_RNDN); /* exact */
            s->ptr[j] = s->t[j];
        }
        s->ptr[d] = x[5 * d + i];
        mpfr_set_prec(z[i], p);
        inex[i] = mpfr_sum(z[i], s->ptr, d + 1, MPFR_RNDN) != 0;
        if (mpfr_nan_p(z[i])) { all_nan(y, err, 1); return; }
        e[i] = inex[i] && mpfr_regular_p(z[i]) ? (long)mpfr_get_exp(z[i]) - (long)p : LONG_MIN;
    }
    size_t k = 0;
    for (size_t i = 1; i < MAXOUT_K; i++)
        if (mpfr_greater_p(z[i], z[k])) k = i;
    mpfr_set_prec(y[0], p);
    mpfr_set(y[0], z[k], MPFR_RNDN);
    /* -0 and +0: the maximum of zeros is +0 if any is +0. */
    if (mpfr_zero_p(y[0]))
        for (size_t i = 0; i < MAXOUT_K; i++)
            if (mpfr_zero_p(z[i]) && !mpfr_signbit(z[i])) mpfr_set_zero(y[0], 1);
    err[0] = AB_REF_EXACT;
    if (mpfr_inf_p(y[0])) return;
    mpfr_ptr lhs = s->s[4], rhs = s->s[5];
    mpfr_set_prec(lhs, p + 8);
    mpfr_set_prec(rhs, p + 8);
    mpfr_set(rhs, y[0], MPFR_RNDD);
    if (e[k] != LONG_MIN) {
        mpfr_set_ui_2exp(lhs, 1, e[k], MPFR_RNDN);
        mpfr_sub(rhs, rhs, lhs, MPFR_RNDD);
    }
    long E = LONG_MIN;
    for (size_t i = 0; i < MAXOUT_K; i++) {
        if (e[i] == LONG_MIN) continue;
        mpfr_set_ui_2exp(lhs, 1, e[i], MPFR_RNDN);
        mpfr_add(lhs, lhs, z[i], MPFR_RNDU);
        if (mpfr_greaterequal_p(lhs, rhs) && e[i] > E) E = e[i];
    }
    if (E != LONG_MIN) err[0] = E;
}

/* ---- pooling -----------------------------------------------------------
 * mean: the correctly rounded sum (u) divided by n (u): relative error
 * below 2.01u, |y - f| < 2^(EXP(y) + 2 - p); exact when both are (the
 * mean of two floats can be a rounding midpoint, so exactness matters). */
void ab_rowref_mean(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                    ab_row_scratch *s) {
    if (any_nan(x, n)) { all_nan(y, err, 1); return; }
    for (size_t i = 0; i < n; i++) s->ptr[i] = x[i];
    mpfr_ptr S = s->s[0];
    mpfr_set_prec(S, p);
    int inex = mpfr_sum(S, s->ptr, n, MPFR_RNDN) != 0;
    inex |= mpfr_div_ui(y[0], S, (unsigned long)n, MPFR_RNDN) != 0;
    err[0] = inex ? ab_row_rel_err(y[0], 2, p) : AB_REF_EXACT;
}

/* max and min are exact; NaN propagates; max(-0, +0) = +0 and
 * min(-0, +0) = -0 (IEEE 754-2019 maximum/minimum; MPFR's mpfr_max and
 * mpfr_min do the same for zeros). */
static void extremum(mpfr_t *y, long *err, mpfr_t *x, size_t n, int is_max) {
    err[0] = AB_REF_EXACT;
    if (any_nan(x, n)) { mpfr_set_nan(y[0]); return; }
    mpfr_set_prec(y[0], 53);
    mpfr_set(y[0], x[0], MPFR_RNDN);
    for (size_t i = 1; i < n; i++) {
        if (is_max) mpfr_max(y[0], y[0], x[i], MPFR_RNDN);
        else mpfr_min(y[0], y[0], x[i], MPFR_RNDN);
    }
}
void ab_rowref_max(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                   ab_row_scratch *s) {
    (void)p; (void)s;
    extremum(y, err, x, n, 1);
}
void ab_rowref_min(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                   ab_row_scratch *s) {
    (void)p; (void)s;
    extremum(y, err, x, n, 0);
}

/* ---- radial basis functions, centre c_i = 1/2 --------------------------
 * s = ||x - c||^2: differences and squares exact, one correctly rounded
 * sum: relative error u.  Returns 1 if s is exact. */
static int sq_norm(mpfr_t S, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s) {
    mpfr_ptr c = s->s[1], d = s->s[2];
    mpfr_set_prec(c, 53);
    mpfr_set_d(c, AB_RBF_CENTRE, MPFR_RNDN);
    for (size_t i = 0; i < n; i++) {
        ab_row_sub_exact(d, x[i], c);
        mpfr_set_prec(s->t[i], 2 * mpfr_get_prec(d));
        mpfr_sqr(s->t[i], d, MPFR_RNDN); /* exact */
        s->ptr[i] = s->t[i];
    }
    mpfr_set_prec(S, p);
    return mpfr_sum(S, s->ptr, n, MPFR_RNDN) == 0;
}

/* gaussian: y = e^(-s~), s~ = s(1 + a), |a| <= u: y/f = e^(-s a), within
 * 1.07 s u of 1 when s u <= 1/16, plus exp's u: |y - f| <
 * 2^(EXP(y) + max(EXP(s), 1) + 2 - p).  When s u > 1/16 the bound is made
 * useless (EXP(y) + 2), so the loop raises p.  s >= 2^63 gives
 * e^(-s) < 2^(-2^63): +0 in any format, decided whatever the error. */
void ab_rowref_gaussian_rbf(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                            ab_row_scratch *s) {
    if (any_nan(x, n)) { all_nan(y, err, 1); return; }
    mpfr_ptr S = s->s[0];
    int exact = sq_norm(S, x, n, p, s);
    err[0] = AB_REF_EXACT;
    if (mpfr_inf_p(S) || (mpfr_regular_p(S) && mpfr_get_exp(S) >= 64)) {
        mpfr_set_zero(y[0], 1);
        return;
    }
    mpfr_neg(S, S, MPFR_RNDN);
    int inex = mpfr_exp(y[0], S, MPFR_RNDN) != 0;
    if (!inex && exact) return; /* s = 0: y = 1 */
    long es = mpfr_regular_p(S) ? (long)mpfr_get_exp(S) : 0;
    if (es - (long)p > -4) err[0] = (long)mpfr_get_exp(y[0]) + 2;
    else err[0] = (long)mpfr_get_exp(y[0]) + (es > 1 ? es : 1) + 2 - (long)p;
}

/* multiquadric: y = sqrt(s + 1): s within u, s + 1 (positive terms) within
 * 2u + u^2, the square root halves that and adds u: relative error below
 * 2.01u, |y - f| < 2^(EXP(y) + 2 - p).  Exact results exist (x = 1.25:
 * sqrt(0.75^2 + 1) = 1.25), so the ternary values are kept. */
void ab_rowref_multiquadric_rbf(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                                ab_row_scratch *s) {
    if (any_nan(x, n)) { all_nan(y, err, 1); return; }
    mpfr_ptr S = s->s[0], T = s->s[3];
    int exact = sq_norm(S, x, n, p, s);
    mpfr_set_prec(T, p);
    int inex = mpfr_add_ui(T, S, 1, MPFR_RNDN) != 0;
    inex |= mpfr_sqrt(y[0], T, MPFR_RNDN) != 0;
    err[0] = (!inex && exact) ? AB_REF_EXACT : ab_row_rel_err(y[0], 2, p);
}

/* ---- the row Ziv loop ---------------------------------------------------- */
struct ab_row_ref_ctx {
    size_t cap;
    mpfr_t *x, *y, *t;
    mpfr_ptr *ptr;
    long *err;
    mpfr_t s[AB_ROW_TEMPS];
    mpfr_t scaled;
    ab_ziv_scratch z;
};

ab_row_ref_ctx *ab_row_ref_ctx_new(void) {
    ab_row_ref_ctx *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    for (int i = 0; i < AB_ROW_TEMPS; i++) mpfr_init2(c->s[i], 64);
    mpfr_init2(c->scaled, 64);
    ab_ziv_scratch_init(&c->z);
    return c;
}

void ab_row_ref_ctx_free(ab_row_ref_ctx *c) {
    if (!c) return;
    for (size_t i = 0; i < c->cap; i++) {
        mpfr_clear(c->x[i]);
        mpfr_clear(c->y[i]);
        mpfr_clear(c->t[i]);
    }
    for (int i = 0; i < AB_ROW_TEMPS; i++) mpfr_clear(c->s[i]);
    mpfr_clear(c->scaled);
    ab_ziv_scratch_clear(&c->z);
    free(c->x); free(c->y); free(c->t); free(c->ptr); free(c->err);
    free(c);
}

static int grow(ab_row_ref_ctx *c, size_t n) {
    if (n <= c->cap) return 0;
    mpfr_t *x = realloc(c->x, n * sizeof *x);
    if (x) c->x = x;
    mpfr_t *y = realloc(c->y, n * sizeof *y);
    if (y) c->y = y;
    mpfr_t *t = realloc(c->t, n * sizeof *t);
    if (t) c->t = t;
    mpfr_ptr *ptr = realloc(c->ptr, n * sizeof *ptr);
    if (ptr) c->ptr = ptr;
    long *err = realloc(c->err, n * sizeof *err);
    if (err) c->err = err;
    if (!x || !y || !t || !ptr || !err) return -1;
    for (size_t i = c->cap; i < n; i++) {
        mpfr_init2(c->x[i], 53);
        mpfr_init2(c->y[i], 64);
        mpfr_init2(c->t[i], 64);
    }
    c->cap = n;
    return 0;
}

size_t ab_row_reference_eval(ab_row_ref_ctx *c, const ab_row_op *op, ab_precision prec,
                             const double *x, size_t n, ab_refval *out) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    size_t m = ab_row_out_len(op, n);
    if (n == 0) return 0;
    if (grow(c, n) != 0) abort();
    for (size_t i = 0; i < n; i++) {
        mpfr_set_prec(c->x[i], 53);
        mpfr_set_d(c->x[i], x[i], MPFR_RNDN); /* exact: a float or a double */
    }
    ab_row_scratch scr = {c->t, c->ptr, c->s};
    mpfr_prec_t p = prec == AB_F32 ? 64 : 96;
    size_t caps = 0;
    for (;;) {
        for (size_t i = 0; i < m; i++) mpfr_set_prec(c->y[i], p);
        op->reference(c->y, c->err, c->x, n, p, &scr);
        size_t undecided = 0;
        for (size_t i = 0; i < m; i++) {
            out[i].cap_hit = 0;
            if (!ab_ziv_decide(&c->z, c->y[i], c->err[i], prec, &out[i])) undecided++;
        }
        if (undecided == 0) break;
        if (p >= AB_REF_MAX_PREC) {
            for (size_t i = 0; i < m; i++) {
                if (ab_ziv_decide(&c->z, c->y[i], c->err[i], prec, &out[i])) continue;
                out[i].cap_hit = 1;
                out[i].grid.valid = 0;
                out[i].cr = ab_ziv_round(&c->z, c->y[i], prec);
                caps++;
            }
            break;
        }
        p = p * 2 > AB_REF_MAX_PREC ? AB_REF_MAX_PREC : p * 2;
    }
    for (size_t i = 0; i < m; i++) {
        out[i].bits = (unsigned short)p;
        ab_ziv_store(c->scaled, c->y[i], c->err[i], &out[i]);
    }
    return caps;
}
