/* rows_backward.c: MPFR references of the backward passes of softmax and
 * log_softmax (AB_ROW_HALF: the row is x[0..L) then g[L..2L)).
 *
 *   softmax:      dx_i = y_i (g_i - <g, y>)     y = softmax(x)
 *   log_softmax:  dx_i = g_i - y_i sum_j g_j
 *
 * With m = max x, t_j = e^(x_j - m) and S = sum t_j, these are
 *   softmax:      dx_i = t_i N_i / S^2,   N_i = g_i S - sum_j g_j t_j
 *   log_softmax:  dx_i = g_i - t_i G / S, G = sum_j g_j.
 * Both cancel (g_i against the weighted mean), so the bounds come from
 * outward-rounded interval arithmetic (interval.h): every enclosure holds
 * the exact value however the terms cancel, and the row Ziv loop raises
 * the precision until each output's rounding is decided.
 *
 * What intervals cannot decide, decided exactly here:
 *   - Exact zeros.  N_i = sum over the distinct finite values v of x of
 *     e^(v - m) (c_v g_i - G_v), c_v and G_v the count and gradient sum of
 *     the entries with x_j = v.  By the Lindemann-Weierstrass theorem the
 *     numbers e^v for distinct rationals v are linearly independent over
 *     the rationals, so N_i = 0 exactly iff c_v g_i = G_v for every v:
 *     every group's mean gradient equals g_i.  For log_softmax, g_i S - t_i
 *     G = 0 iff (g_i = 0 and G = 0) or (one group and c g_i = G).  A zero
 *     is +0 (the sign of an exact zero sum).
 *   - One group (every finite x_j equal, so t_j is 1 or 0): the outputs
 *     are the rationals (c g_i - G_grp)/c^2 and g_i - G/c, rounded once
 *     by MPFR with its ternary value (a direction).
 *   - Masked entries (x_i = -inf, t_i = 0): softmax gives the zero with
 *     the sign of N_i (the limit of y_i N_i/S as y_i -> 0+, and what IEEE
 *     evaluation gives); log_softmax gives g_i exactly.
 *   - Values beyond MPFR's exponent range (t_i below 2^(-2^62) for huge
 *     rows): a result below 2^-1100 is a signed zero with a direction
 *     (interval.h, ab_iv_tiny); log_softmax's g_i - q with q far below
 *     g_i's last bit at p bits is g_i with a direction.
 * Non-finite rows, as softmax's reference: NaN or +inf in x gives NaN
 * everywhere, and so does an all -inf x (0/0); a non-finite g gives NaN
 * everywhere (the generators never make one: a gradient is finite). */
#include "rows.h"
#include "interval.h"
#include "ref_common.h"
#include <stdlib.h>

/* Exact sums of up to 2^17 doubles: exponents span 2^1024 .. 2^-1074. */
#define EXACT_PREC 2300
#define UNDECIDED (1L << 40)

typedef struct {
    size_t L, k;            /* half length; first index of max x */
    int single;             /* every finite x equals x[k] */
    unsigned long c;        /* entries equal to x[k] */
    mpfr_t G, Ggrp;         /* sum of all g; sum of g over x_j = x[k] */
} row_facts;

static void all_nan(mpfr_t *y, long *err, size_t m) {
    for (size_t i = 0; i < m; i++) { mpfr_set_nan(y[i]); err[i] = AB_REF_EXACT; }
}

/* 0: fine; -1: the outputs are all NaN. */
static int facts(row_facts *f, mpfr_t *x, size_t n, ab_row_scratch *s) {
    f->L = n / 2;
    for (size_t j = 0; j < f->L; j++) {
        if (mpfr_nan_p(x[j]) || (mpfr_inf_p(x[j]) && mpfr_sgn(x[j]) > 0)) return -1;
        if (!mpfr_number_p(x[f->L + j])) return -1;
    }
    f->k = 0;
    for (size_t j = 1; j < f->L; j++)
        if (mpfr_greater_p(x[j], x[f->k])) f->k = j;
    if (f->L == 0 || mpfr_inf_p(x[f->k])) return -1;
    f->single = 1;
    f->c = 0;
    size_t ng = 0;
    for (size_t j = 0; j < f->L; j++) {
        if (mpfr_equal_p(x[j], x[f->k])) { f->c++; s->ptr[ng++] = x[f->L + j]; }
        else if (!mpfr_inf_p(x[j])) f->single = 0;
    }
    mpfr_sum(f->Ggrp, s->ptr, ng, MPFR_RNDN);       /* exact at EXACT_PREC */
    for (size_t j = 0; j < f->L; j++) s->ptr[j] = x[f->L + j];
    mpfr_sum(f->G, s->ptr, f->L, MPFR_RNDN);        /* exact */
    return 0;
}

/* c a - b exactly, into r (EXACT_PREC + 64 bits hold it). */
static void c_times_minus(mpfr_t r, unsigned long c, const mpfr_t a, const mpfr_t b) {
    mpfr_set_prec(r, EXACT_PREC + 64);
    mpfr_mul_ui(r, a, c, MPFR_RNDN);
    mpfr_sub(r, r, b, MPFR_RNDN);
}

/* y = num / d rounded at p bits, with MPFR's ternary value as the answer. */
static long rational(mpfr_t y, const mpfr_t num, unsigned long d, mpfr_prec_t p) {
    mpfr_set_prec(y, p);
    if (mpfr_zero_p(num)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    return ab_ref_ternary(y, mpfr_div_ui(y, num, d, MPFR_RNDN));
}

static long signed_zero(mpfr_t y, int negative) {
    mpfr_set_zero(y, negative ? -1 : 1);
    return AB_REF_EXACT;
}

/* ---- exact zeros of N_i (softmax) ------------------------------------- */
typedef struct { double x; size_t j; } keyed;
static int by_x(const void *a, const void *b) {
    double u = ((const keyed *)a)->x, v = ((const keyed *)b)->x;
    return (u > v) - (u < v);
}

/* The common mean gradient of every group of equal finite x, as (num, den)
 * = (G_v, c_v) of the first group, or den = 0 when the means differ. */
static unsigned long common_mean(mpfr_t num, mpfr_t *x, size_t L, ab_row_scratch *s) {
    keyed *kx = malloc(L * sizeof *kx);
    if (!kx) abort();
    size_t nf = 0;
    for (size_t j = 0; j < L; j++)
        if (!mpfr_inf_p(x[j])) kx[nf++] = (keyed){mpfr_get_d(x[j], MPFR_RNDN), j};
    qsort(kx, nf, sizeof *kx, by_x);
    mpfr_t Gv, a, b;
    mpfr_inits2(EXACT_PREC, Gv, (mpfr_ptr)0);
    mpfr_inits2(EXACT_PREC + 64, a, b, (mpfr_ptr)0);
    unsigned long den = 0;
    int same = 1;
    for (size_t i = 0; i < nf && same;) {
        size_t e = i;
        while (e < nf && kx[e].x == kx[i].x) { s->ptr[e - i] = x[L + kx[e].j]; e++; }
        mpfr_sum(Gv, s->ptr, e - i, MPFR_RNDN);   /* exact */
        unsigned long cv = (unsigned long)(e - i);
        if (den == 0) { mpfr_set(num, Gv, MPFR_RNDN); den = cv; }
        else {                                     /* G_v / c_v == num / den ? */
            mpfr_mul_ui(a, Gv, den, MPFR_RNDN);
            mpfr_mul_ui(b, num, cv, MPFR_RNDN);
            same = mpfr_equal_p(a, b);
        }
        i = e;
    }
    mpfr_clears(Gv, a, b, (mpfr_ptr)0);
    free(kx);
    return same ? den : 0;
}

/* ---- the interval pieces -------------------------------------------------- */
/* T[j] = e^(x_j - m) enclosed (exact 1 at k, exact 0 at -inf); S = sum. */
static void weights(ab_iv *T, ab_iv *S, mpfr_t *x, const row_facts *f, ab_row_scratch *s) {
    mpfr_ptr d = s->s[0];
    for (size_t j = 0; j < f->L; j++) {
        if (mpfr_inf_p(x[j])) ab_iv_set_si(&T[j], 0);
        else if (mpfr_equal_p(x[j], x[f->k])) ab_iv_set_si(&T[j], 1);
        else {
            ab_row_sub_exact(d, x[j], x[f->k]);
            ab_iv_set(&T[j], d);
            ab_iv_exp(&T[j], &T[j]);
        }
    }
    /* sum of lower ends rounded down, of upper ends rounded up */
    for (size_t j = 0; j < f->L; j++) s->ptr[j] = T[j].lo;
    mpfr_sum(S->lo, s->ptr, f->L, MPFR_RNDD);
    for (size_t j = 0; j < f->L; j++) s->ptr[j] = T[j].hi;
    mpfr_sum(S->hi, s->ptr, f->L, MPFR_RNDU);
}

static int below_2exp(const ab_iv *a, long e) { /* |a| < 2^e */
    mpfr_t t;
    mpfr_init2(t, 64);
    mpfr_set_ui_2exp(t, 1, e, MPFR_RNDN);
    int r = mpfr_cmpabs(a->lo, t) < 0 && mpfr_cmpabs(a->hi, t) < 0;
    mpfr_clear(t);
    return r;
}

static int excludes_zero(const ab_iv *a) { return mpfr_sgn(a->lo) > 0 || mpfr_sgn(a->hi) < 0; }


/* The terms other than the single maximum k, rescaled by the largest of
 * them, m2 (no underflow at the top: its term is 1): R' = sum_{j!=k}
 * e^(x_j - m2), A' = sum_{j!=k} g_j e^(x_j - m2), and E2 = e^(m2 - m).
 * Then R = E2 R' and sum_{j!=k} g_j t_j = E2 A'.  E2 may lie beyond
 * MPFR's range ([0, 2^emin]); R' and A' never do at their top term.
 * Returns 0 when every other entry is -inf (nothing to rescale). */
static int rest_scaled(ab_iv *R, ab_iv *A, ab_iv *E2, mpfr_t *x, const row_facts *f,
                       ab_iv *T, ab_row_scratch *s) {
    size_t L = f->L, k2 = L;
    for (size_t j = 0; j < L; j++)
        if (j != f->k && !mpfr_inf_p(x[j]) && (k2 == L || mpfr_greater_p(x[j], x[k2]))) k2 = j;
    if (k2 == L) return 0;
    mpfr_ptr d = s->s[0];
    ab_iv g;
    ab_iv_init(&g, ab_iv_prec(R));
    for (size_t j = 0; j < L; j++) {
        if (j == f->k || mpfr_inf_p(x[j])) { ab_iv_set_si(&T[j], 0); continue; }
        ab_row_sub_exact(d, x[j], x[k2]);
        ab_iv_set(&T[j], d);
        ab_iv_exp(&T[j], &T[j]);
    }
    for (size_t j = 0; j < L; j++) s->ptr[j] = T[j].lo;
    mpfr_sum(R->lo, s->ptr, L, MPFR_RNDD);
    for (size_t j = 0; j < L; j++) s->ptr[j] = T[j].hi;
    mpfr_sum(R->hi, s->ptr, L, MPFR_RNDU);
    for (size_t j = 0; j < L; j++) { /* T_j := g_j T_j */
        ab_iv_set(&g, x[L + j]);
        ab_iv_mul(&T[j], &g, &T[j]);
    }
    for (size_t j = 0; j < L; j++) s->ptr[j] = T[j].lo;
    mpfr_sum(A->lo, s->ptr, L, MPFR_RNDD);
    for (size_t j = 0; j < L; j++) s->ptr[j] = T[j].hi;
    mpfr_sum(A->hi, s->ptr, L, MPFR_RNDU);
    ab_row_sub_exact(d, x[k2], x[f->k]);
    ab_iv_set(E2, d);
    ab_iv_exp(E2, E2);
    ab_iv_clear(&g);
    return 1;
}


/* The single maximum k: its own term g_k t_k cancels in g_k S - A (and
 * dominates both when the rest is tiny), so N_k = sum_{j!=k} (g_k - g_j)
 * t_j = E2 (g_k R' - A') from the rescaled rest (rest_scaled), and
 * dx_k = N_k / S^2.  Below 2^-1100 with a known sign: that signed zero. */
static long softmax_max_entry(mpfr_t y, mpfr_t *x, const row_facts *f, const ab_iv *S,
                              ab_row_scratch *s) {
    mpfr_prec_t ip = ab_iv_prec(S);
    ab_iv *T = malloc(f->L * sizeof *T), R, A, E2, N;
    if (!T) abort();
    for (size_t j = 0; j < f->L; j++) ab_iv_init(&T[j], ip);
    ab_iv_init(&R, ip); ab_iv_init(&A, ip); ab_iv_init(&E2, ip); ab_iv_init(&N, ip);
    long e;
    if (!rest_scaled(&R, &A, &E2, x, f, T, s)) {
        mpfr_set_zero(y, 1); /* unreachable: a row with one finite entry is single */
        e = AB_REF_EXACT;
    } else {
        ab_iv_set(&N, x[f->L + f->k]);
        ab_iv_mul(&N, &N, &R);
        ab_iv_sub(&N, &N, &A);                     /* g_k R' - A' */
        int sign = !excludes_zero(&N) ? 0 : mpfr_sgn(N.hi) < 0 ? -1 : 1;
        ab_iv_mul(&N, &N, &E2);
        ab_iv_div(&N, &N, S);
        ab_iv_div(&N, &N, S);
        if (sign && !excludes_zero(&N) && below_2exp(&N, -1100)) e = ab_iv_tiny(y, sign < 0);
        else e = ab_iv_result(y, &N);
    }
    for (size_t j = 0; j < f->L; j++) ab_iv_clear(&T[j]);
    ab_iv_clear(&R); ab_iv_clear(&A); ab_iv_clear(&E2); ab_iv_clear(&N);
    free(T);
    return e;
}

/* ---- softmax backward ---------------------------------------------------- */
void ab_rowref_softmax_backward(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                                ab_row_scratch *s) {
    row_facts f;
    mpfr_inits2(EXACT_PREC, f.G, f.Ggrp, (mpfr_ptr)0);
    size_t L = n / 2;
    if (facts(&f, x, n, s) != 0) { all_nan(y, err, L); goto out; }
    mpfr_ptr num = s->s[1];
    if (f.single) { /* dx_i = (c g_i - Ggrp) / c^2, or the zero of its sign */
        for (size_t i = 0; i < L; i++) {
            c_times_minus(num, f.c, x[L + i], f.Ggrp);
            err[i] = mpfr_inf_p(x[i]) ? signed_zero(y[i], mpfr_sgn(num) < 0)
                                      : rational(y[i], num, f.c * f.c, p);
        }
        goto out;
    }
    mpfr_set_prec(num, EXACT_PREC);
    unsigned long den = common_mean(num, x, L, s);
    mpfr_prec_t ip = p + 16;
    ab_iv *T = malloc(L * sizeof *T), *A = malloc(L * sizeof *A), S, N, t, g;
    if (!T || !A) abort();
    for (size_t j = 0; j < L; j++) { ab_iv_init(&T[j], ip); ab_iv_init(&A[j], ip); }
    ab_iv_init(&S, ip); ab_iv_init(&N, ip); ab_iv_init(&t, ip); ab_iv_init(&g, ip);
    weights(T, &S, x, &f, s);
    for (size_t j = 0; j < L; j++) { /* A_j = g_j t_j */
        ab_iv_set(&g, x[L + j]);
        ab_iv_mul(&A[j], &g, &T[j]);
    }
    ab_iv sumA;
    ab_iv_init(&sumA, ip);
    for (size_t j = 0; j < L; j++) s->ptr[j] = A[j].lo;
    mpfr_sum(sumA.lo, s->ptr, L, MPFR_RNDD);
    for (size_t j = 0; j < L; j++) s->ptr[j] = A[j].hi;
    mpfr_sum(sumA.hi, s->ptr, L, MPFR_RNDU);
    mpfr_ptr cg = s->s[2];
    for (size_t i = 0; i < L; i++) {
        if (den) { /* exact zero iff g_i is the common mean num/den */
            c_times_minus(cg, den, x[L + i], num);
            if (mpfr_zero_p(cg)) { err[i] = signed_zero(y[i], 0); continue; }
        }
        if (i == f.k && f.c == 1) { err[i] = softmax_max_entry(y[i], x, &f, &S, s); continue; }
        ab_iv_set(&g, x[L + i]);
        ab_iv_mul(&N, &g, &S);
        ab_iv_sub(&N, &N, &sumA);                  /* N_i = g_i S - sum g_j t_j */
        if (mpfr_inf_p(x[i])) {
            err[i] = excludes_zero(&N) ? signed_zero(y[i], mpfr_sgn(N.hi) < 0) : UNDECIDED;
            if (err[i] == UNDECIDED) mpfr_set_ui(y[i], 1, MPFR_RNDN);
            continue;
        }
        ab_iv_mul(&t, &T[i], &N);
        ab_iv_div(&t, &t, &S);
        ab_iv_div(&t, &t, &S);                     /* t_i N_i / S^2 */
        if (!excludes_zero(&t) && excludes_zero(&N) && below_2exp(&t, -1100))
            err[i] = ab_iv_tiny(y[i], mpfr_sgn(N.hi) < 0);
        else
            err[i] = ab_iv_result(y[i], &t);
    }
    for (size_t j = 0; j < L; j++) { ab_iv_clear(&T[j]); ab_iv_clear(&A[j]); }
    ab_iv_clear(&S); ab_iv_clear(&N); ab_iv_clear(&t); ab_iv_clear(&g); ab_iv_clear(&sumA);
    free(T);
    free(A);
out:
    mpfr_clears(f.G, f.Ggrp, (mpfr_ptr)0);
}


/* The single maximum k: t_k = 1 and S = 1 + R, so dx_k = g_k - G/(1+R)
 * = a + b with a = g_k - G (exact) and b = G R/(1+R) (G's sign): the
 * interval of g_k - q would straddle a, a grid point, when R is tiny.
 * |b| below a's gap at its own precision P (2^(EXP(a)-P-1), halved below
 * a power of two): a with b's direction; a = 0: b, or b's signed zero
 * below 2^-1100; otherwise the interval a + b. */
static long log_softmax_max_entry(mpfr_t y, mpfr_t *x, const row_facts *f, mpfr_prec_t ip,
                                  ab_row_scratch *s) {
    ab_iv *T = malloc(f->L * sizeof *T), R, A, E2, b;
    if (!T) abort();
    for (size_t j = 0; j < f->L; j++) ab_iv_init(&T[j], ip);
    ab_iv_init(&R, ip); ab_iv_init(&A, ip); ab_iv_init(&E2, ip); ab_iv_init(&b, ip);
    mpfr_t a;
    mpfr_init2(a, EXACT_PREC + 64);
    mpfr_sub(a, x[f->L + f->k], f->G, MPFR_RNDN);   /* exact */
    int Gneg = mpfr_sgn(f->G) < 0;
    long e;
    rest_scaled(&R, &A, &E2, x, f, T, s);           /* a row with one finite entry is single */
    ab_iv_mul(&R, &R, &E2);                         /* R */
    ab_iv_add_si(&b, &R, 1);
    ab_iv_div(&b, &R, &b);
    ab_iv_set(&A, f->G);
    ab_iv_mul(&b, &b, &A);                          /* b = G R/(1+R) */
    if (mpfr_zero_p(a)) {
        e = below_2exp(&b, -1100) ? ab_iv_tiny(y, Gneg) : ab_iv_result(y, &b);
    } else if (below_2exp(&b, (long)mpfr_get_exp(a) - (long)mpfr_get_prec(a) - 2)) {
        mpfr_set_prec(y, mpfr_get_prec(a));
        e = ab_ref_beside(y, a, !Gneg);
    } else {
        ab_iv_set(&A, a);
        ab_iv_add(&b, &A, &b);
        e = ab_iv_result(y, &b);
    }
    mpfr_clear(a);
    for (size_t j = 0; j < f->L; j++) ab_iv_clear(&T[j]);
    ab_iv_clear(&R); ab_iv_clear(&A); ab_iv_clear(&E2); ab_iv_clear(&b);
    free(T);
    return e;
}

/* ---- log_softmax backward ------------------------------------------------ */
void ab_rowref_log_softmax_backward(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                                    ab_row_scratch *s) {
    row_facts f;
    mpfr_inits2(EXACT_PREC, f.G, f.Ggrp, (mpfr_ptr)0);
    size_t L = n / 2;
    if (facts(&f, x, n, s) != 0) { all_nan(y, err, L); goto out; }
    for (size_t i = 0; i < L; i++) { /* masked, or G = 0: dx_i = g_i exactly */
        if (!mpfr_inf_p(x[i]) && !mpfr_zero_p(f.G)) continue;
        mpfr_set_prec(y[i], 64);
        mpfr_set(y[i], x[L + i], MPFR_RNDN);
        err[i] = AB_REF_EXACT;
    }
    if (mpfr_zero_p(f.G)) goto out;
    mpfr_ptr num = s->s[1];
    if (f.single) { /* dx_i = (c g_i - G) / c */
        for (size_t i = 0; i < L; i++) {
            if (mpfr_inf_p(x[i])) continue;
            c_times_minus(num, f.c, x[L + i], f.G);
            err[i] = rational(y[i], num, f.c, p);
        }
        goto out;
    }
    mpfr_prec_t ip = p + 16;
    ab_iv *T = malloc(L * sizeof *T), S, q, g;
    if (!T) abort();
    for (size_t j = 0; j < L; j++) ab_iv_init(&T[j], ip);
    ab_iv_init(&S, ip); ab_iv_init(&q, ip); ab_iv_init(&g, ip);
    weights(T, &S, x, &f, s);
    int Gneg = mpfr_sgn(f.G) < 0;
    for (size_t i = 0; i < L; i++) {
        if (mpfr_inf_p(x[i])) continue;
        if (i == f.k && f.c == 1) { err[i] = log_softmax_max_entry(y[i], x, &f, ip, s); continue; }
        ab_iv_set(&q, f.G);
        ab_iv_mul(&q, &q, &T[i]);
        ab_iv_div(&q, &q, &S);                     /* q = t_i G / S, sign of G */
        mpfr_srcptr gi = x[L + i];
        if (mpfr_zero_p(gi) && below_2exp(&q, -1100)) { err[i] = ab_iv_tiny(y[i], !Gneg); continue; }
        /* q below g_i's gap at p bits (2^(EXP(g_i)-p-1), halved below a
         * power of two): g_i - q lies strictly between g_i and its
         * neighbour on q's opposite side. */
        if (!mpfr_zero_p(gi) && below_2exp(&q, (long)mpfr_get_exp(gi) - (long)p - 2)) {
            mpfr_set_prec(y[i], p);
            err[i] = ab_ref_beside(y[i], gi, Gneg);
            continue;
        }
        ab_iv_set(&g, gi);
        ab_iv_sub(&q, &g, &q);
        err[i] = ab_iv_result(y[i], &q);
    }
    for (size_t j = 0; j < L; j++) ab_iv_clear(&T[j]);
    ab_iv_clear(&S); ab_iv_clear(&q); ab_iv_clear(&g);
    free(T);
out:
    mpfr_clears(f.G, f.Ggrp, (mpfr_ptr)0);
}
