/*
 * tanh_rational.c -- our own rational minimax fitter for the clamped tanh
 * kernels in impls/kernels/tanh_rational.h.
 *
 * Build:  gcc -O2 -std=c17 -o /tmp/tanh_rational scripts/fit/tanh_rational.c -lmpfr -lgmp -lm
 * Run:    /tmp/tanh_rational f32 M N [iters]     (impls use: f32 4 3 ; f64 8 7)
 *         /tmp/tanh_rational f64 M N [iters]
 *
 * What it does
 *   tanh(x) ~= x * P(t)/Q(t),  t = x^2,  |x| < c,
 *   P(t) = 1 + p1 t + ... + pM t^M,   Q(t) = 1 + q1 t + ... + qN t^N
 * (P(0) = Q(0) = 1 is imposed so that tanh(x) -> x exactly for tiny x).
 * c is computed here as the smallest number of the target format whose
 * correctly rounded tanh is 1.0; for |x| >= c the kernel returns +-1, so the
 * rational only has to be good on t in [0, c^2].
 *
 * The target g(t) = tanh(sqrt t)/sqrt t is smooth (even, analytic) in t, and
 * the relative error of x*P/Q vs tanh(x) equals that of P/Q vs g.  We minimise
 * max |P/Q - g|/g by the Loeb + Lawson iteration (iteratively reweighted
 * linear least squares): at each step solve
 *     min sum_k  w_k * ((P(t_k) - g_k Q(t_k)) / (g_k Q_old(t_k)))^2
 * (linear in the coefficients; dividing by Q_old makes the linearised residual
 * approximate the true relative error), then update the Lawson weights
 * w_k <- w_k * |err_k| which drives the L2 solution towards the minimax one.
 * All arithmetic is MPFR at 320 bits on a Chebyshev grid in t (scaled to
 * [0,1] for conditioning).  The coefficients are then rounded to the target
 * format one at a time, refitting the remaining free coefficients after each
 * rounding (the same idea as Sollya's fpminimax), and the final max relative
 * error of the rounded rational is reported on a much denser grid.
 * Output: C99 hex-float #defines (impls/kernels/tanh_rational.h keeps the values as a static const struct).
 */
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREC 320
#define MAXC 40

static int M, N, K;           /* K = M + N unknowns */
static int fmt_prec;          /* 24 or 53 */
static mpfr_t T;              /* interval is t in [0, T] */
static int G;                 /* grid size */
static mpfr_t *tg, *gg;       /* grid (scaled tau in [0,1]) and g(t) */
static int fixed[MAXC];       /* coefficient fixed (rounded) ? */
static mpfr_t coef[MAXC];     /* coefficients in scaled variable tau: p1..pM, q1..qN */

static void gfun(mpfr_t r, const mpfr_t t) /* tanh(sqrt t)/sqrt t */
{
    if (mpfr_zero_p(t)) { mpfr_set_ui(r, 1, MPFR_RNDN); return; }
    mpfr_t s; mpfr_init2(s, PREC + 40);
    mpfr_sqrt(s, t, MPFR_RNDN);
    mpfr_tanh(r, s, MPFR_RNDN);
    mpfr_div(r, r, s, MPFR_RNDN);
    mpfr_clear(s);
}

/* P and Q at scaled tau with coefficient vector c */
static void evalPQ(mpfr_t P, mpfr_t Q, const mpfr_t tau, mpfr_t *c)
{
    mpfr_set_ui(P, 0, MPFR_RNDN);
    for (int i = M; i >= 1; i--) { mpfr_add(P, P, c[i - 1], MPFR_RNDN); mpfr_mul(P, P, tau, MPFR_RNDN); }
    mpfr_add_ui(P, P, 1, MPFR_RNDN);
    mpfr_set_ui(Q, 0, MPFR_RNDN);
    for (int j = N; j >= 1; j--) { mpfr_add(Q, Q, c[M + j - 1], MPFR_RNDN); mpfr_mul(Q, Q, tau, MPFR_RNDN); }
    mpfr_add_ui(Q, Q, 1, MPFR_RNDN);
}

/* relative error at grid point k */
static void relerr(mpfr_t e, int k, mpfr_t *c, mpfr_t P, mpfr_t Q)
{
    evalPQ(P, Q, tg[k], c);
    mpfr_div(e, P, Q, MPFR_RNDN);
    mpfr_div(e, e, gg[k], MPFR_RNDN);
    mpfr_sub_ui(e, e, 1, MPFR_RNDN);
}

/* Solve dense n x n system A x = b (Gaussian elimination, partial pivot). */
static int solve(int n, mpfr_t A[MAXC][MAXC], mpfr_t *b, mpfr_t *x)
{
    mpfr_t f, tmp; mpfr_inits2(PREC, f, tmp, (mpfr_ptr)0);
    for (int col = 0; col < n; col++) {
        int piv = col;
        for (int r = col + 1; r < n; r++)
            if (mpfr_cmpabs(A[r][col], A[piv][col]) > 0) piv = r;
        if (mpfr_zero_p(A[piv][col])) { mpfr_clears(f, tmp, (mpfr_ptr)0); return -1; }
        if (piv != col) {
            for (int c = 0; c < n; c++) mpfr_swap(A[piv][c], A[col][c]);
            mpfr_swap(b[piv], b[col]);
        }
        for (int r = col + 1; r < n; r++) {
            mpfr_div(f, A[r][col], A[col][col], MPFR_RNDN);
            for (int c = col; c < n; c++) { mpfr_mul(tmp, f, A[col][c], MPFR_RNDN); mpfr_sub(A[r][c], A[r][c], tmp, MPFR_RNDN); }
            mpfr_mul(tmp, f, b[col], MPFR_RNDN); mpfr_sub(b[r], b[r], tmp, MPFR_RNDN);
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        mpfr_set(x[r], b[r], MPFR_RNDN);
        for (int c = r + 1; c < n; c++) { mpfr_mul(tmp, A[r][c], x[c], MPFR_RNDN); mpfr_sub(x[r], x[r], tmp, MPFR_RNDN); }
        mpfr_div(x[r], x[r], A[r][r], MPFR_RNDN);
    }
    mpfr_clears(f, tmp, (mpfr_ptr)0);
    return 0;
}

/* Loeb+Lawson fit of the free coefficients (fixed ones kept). Returns max rel err. */
static double fit(int iters, int verbose)
{
    int free_idx[MAXC], nf = 0;
    for (int i = 0; i < K; i++) if (!fixed[i]) free_idx[nf++] = i;
    mpfr_t *w = malloc(sizeof(mpfr_t) * G), *qold = malloc(sizeof(mpfr_t) * G);
    mpfr_t A[MAXC][MAXC], b[MAXC], x[MAXC], row[MAXC], best[MAXC];
    mpfr_t P, Q, e, rhs, sc, tmp, sum, emax, bestmax;
    mpfr_inits2(PREC, P, Q, e, rhs, sc, tmp, sum, emax, bestmax, (mpfr_ptr)0);
    for (int i = 0; i < MAXC; i++) {
        mpfr_init2(b[i], PREC); mpfr_init2(x[i], PREC); mpfr_init2(row[i], PREC); mpfr_init2(best[i], PREC);
        for (int j = 0; j < MAXC; j++) mpfr_init2(A[i][j], PREC);
    }
    for (int k = 0; k < G; k++) {
        mpfr_init2(w[k], PREC); mpfr_set_d(w[k], 1.0 / G, MPFR_RNDN);
        mpfr_init2(qold[k], PREC);
        evalPQ(P, qold[k], tg[k], coef);
    }
    mpfr_set_inf(bestmax, 1);
    for (int i = 0; i < K; i++) mpfr_set(best[i], coef[i], MPFR_RNDN);
    for (int it = 0; it < iters; it++) {
        for (int i = 0; i < nf; i++) { mpfr_set_ui(b[i], 0, MPFR_RNDN); for (int j = 0; j < nf; j++) mpfr_set_ui(A[i][j], 0, MPFR_RNDN); }
        for (int k = 0; k < G; k++) {
            /* residual (1 + sum p_i tau^i) - g (1 + sum q_j tau^j), divided by g*Qold */
            mpfr_mul(sc, gg[k], qold[k], MPFR_RNDN);
            mpfr_ui_div(sc, 1, sc, MPFR_RNDN);
            /* rhs = -(1 - g) - fixed contributions  (we want row.x = rhs) */
            mpfr_sub_ui(rhs, gg[k], 1, MPFR_RNDN);
            mpfr_set_ui(tmp, 1, MPFR_RNDN); /* tau^i */
            mpfr_t pw; mpfr_init2(pw, PREC); mpfr_set_ui(pw, 1, MPFR_RNDN);
            mpfr_t full[MAXC];
            for (int i = 0; i < K; i++) mpfr_init2(full[i], PREC);
            for (int i = 1; i <= (M > N ? M : N); i++) {
                mpfr_mul(pw, pw, tg[k], MPFR_RNDN);
                if (i <= M) mpfr_set(full[i - 1], pw, MPFR_RNDN);
                if (i <= N) { mpfr_mul(full[M + i - 1], pw, gg[k], MPFR_RNDN); mpfr_neg(full[M + i - 1], full[M + i - 1], MPFR_RNDN); }
            }
            for (int i = 0; i < K; i++) if (fixed[i]) { mpfr_mul(tmp, full[i], coef[i], MPFR_RNDN); mpfr_sub(rhs, rhs, tmp, MPFR_RNDN); }
            for (int i = 0; i < nf; i++) mpfr_mul(row[i], full[free_idx[i]], sc, MPFR_RNDN);
            mpfr_mul(rhs, rhs, sc, MPFR_RNDN);
            for (int i = 0; i < nf; i++) {
                mpfr_mul(tmp, row[i], w[k], MPFR_RNDN);
                for (int j = i; j < nf; j++) { mpfr_fma(A[i][j], tmp, row[j], A[i][j], MPFR_RNDN); }
                mpfr_fma(b[i], tmp, rhs, b[i], MPFR_RNDN);
            }
            for (int i = 0; i < K; i++) mpfr_clear(full[i]);
            mpfr_clear(pw);
        }
        for (int i = 0; i < nf; i++) for (int j = 0; j < i; j++) mpfr_set(A[i][j], A[j][i], MPFR_RNDN);
        if (nf > 0) {
            if (solve(nf, A, b, x)) { fprintf(stderr, "singular\n"); exit(1); }
            for (int i = 0; i < nf; i++) mpfr_set(coef[free_idx[i]], x[i], MPFR_RNDN);
        }
        /* errors, Lawson update */
        mpfr_set_ui(emax, 0, MPFR_RNDN); mpfr_set_ui(sum, 0, MPFR_RNDN);
        int pole = 0;
        for (int k = 0; k < G; k++) {
            relerr(e, k, coef, P, Q);
            if (mpfr_sgn(Q) <= 0) pole = 1;
            mpfr_set(qold[k], Q, MPFR_RNDN);
            mpfr_abs(e, e, MPFR_RNDN);
            if (mpfr_cmp(e, emax) > 0) mpfr_set(emax, e, MPFR_RNDN);
            mpfr_mul(w[k], w[k], e, MPFR_RNDN);
            mpfr_add(sum, sum, w[k], MPFR_RNDN);
        }
        for (int k = 0; k < G; k++) mpfr_div(w[k], w[k], sum, MPFR_RNDN);
        if (!pole && mpfr_cmp(emax, bestmax) < 0) {
            mpfr_set(bestmax, emax, MPFR_RNDN);
            for (int i = 0; i < K; i++) mpfr_set(best[i], coef[i], MPFR_RNDN);
        }
        if (verbose && (it % 50 == 0 || it == iters - 1))
            fprintf(stderr, "  iter %4d  max rel err 2^%.3f%s\n", it, log2(mpfr_get_d(emax, MPFR_RNDN)), pole ? " (pole!)" : "");
        if (nf == 0) break;
    }
    for (int i = 0; i < K; i++) mpfr_set(coef[i], best[i], MPFR_RNDN);
    double r = mpfr_get_d(bestmax, MPFR_RNDN);
    for (int i = 0; i < MAXC; i++) {
        mpfr_clear(b[i]); mpfr_clear(x[i]); mpfr_clear(row[i]); mpfr_clear(best[i]);
        for (int j = 0; j < MAXC; j++) mpfr_clear(A[i][j]);
    }
    for (int k = 0; k < G; k++) { mpfr_clear(w[k]); mpfr_clear(qold[k]); }
    free(w); free(qold);
    mpfr_clears(P, Q, e, rhs, sc, tmp, sum, emax, bestmax, (mpfr_ptr)0);
    return r;
}

/* unscaled coefficient (in t) of index i, rounded to target format */
static void unscaled(mpfr_t r, int i)
{
    int pw = i < M ? i + 1 : i - M + 1;
    mpfr_t Tp; mpfr_init2(Tp, PREC);
    mpfr_pow_ui(Tp, T, (unsigned long)pw, MPFR_RNDN);
    mpfr_div(r, coef[i], Tp, MPFR_RNDN);
    mpfr_clear(Tp);
}

static void round_coef(int i)
{
    /* round the t-coefficient to the target precision, store back scaled */
    int pw = i < M ? i + 1 : i - M + 1;
    mpfr_t u, Tp; mpfr_init2(u, PREC); mpfr_init2(Tp, PREC);
    unscaled(u, i);
    mpfr_prec_round(u, fmt_prec, MPFR_RNDN);
    mpfr_pow_ui(Tp, T, (unsigned long)pw, MPFR_RNDN);
    mpfr_mul(coef[i], u, Tp, MPFR_RNDN);
    fixed[i] = 1;
    mpfr_clears(u, Tp, (mpfr_ptr)0);
}

static void make_grid(int n)
{
    G = n;
    tg = malloc(sizeof(mpfr_t) * G); gg = malloc(sizeof(mpfr_t) * G);
    mpfr_t pi, t; mpfr_inits2(PREC, pi, t, (mpfr_ptr)0);
    mpfr_const_pi(pi, MPFR_RNDN);
    for (int k = 0; k < G; k++) {
        mpfr_init2(tg[k], PREC); mpfr_init2(gg[k], PREC);
        /* Chebyshev nodes of [0,1] incl. end points */
        mpfr_mul_d(tg[k], pi, (double)k / (G - 1), MPFR_RNDN);
        mpfr_cos(tg[k], tg[k], MPFR_RNDN);
        mpfr_ui_sub(tg[k], 1, tg[k], MPFR_RNDN);
        mpfr_div_2ui(tg[k], tg[k], 1, MPFR_RNDN);
        mpfr_mul(t, tg[k], T, MPFR_RNDN);
        gfun(gg[k], t);
    }
    mpfr_clears(pi, t, (mpfr_ptr)0);
}

static void free_grid(void)
{
    for (int k = 0; k < G; k++) { mpfr_clear(tg[k]); mpfr_clear(gg[k]); }
    free(tg); free(gg);
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: %s f32|f64 M N [iters]\n", argv[0]); return 1; }
    int f64 = !strcmp(argv[1], "f64");
    fmt_prec = f64 ? 53 : 24;
    M = atoi(argv[2]); N = atoi(argv[3]); K = M + N;
    int iters = argc > 4 ? atoi(argv[4]) : 300;
    if (K > MAXC || M < 1 || N < 1) return 1;

    /* clamp threshold c: smallest format number with RN(tanh(c)) == 1 */
    mpfr_t c, y, one; mpfr_init2(c, fmt_prec); mpfr_init2(y, fmt_prec); mpfr_init2(one, fmt_prec);
    mpfr_set_ui(one, 1, MPFR_RNDN);
    mpfr_set_ui(c, 30, MPFR_RNDN);
    for (;;) { /* walk down by ulps from a coarse bracket found by bisection on doubles */
        double lo = 1, hi = 30;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            mpfr_set_d(c, mid, MPFR_RNDN);
            mpfr_tanh(y, c, MPFR_RNDN);
            if (mpfr_equal_p(y, one)) hi = mpfr_get_d(c, MPFR_RNDN); else lo = mpfr_get_d(c, MPFR_RNDN);
            if (hi - lo <= 0) break;
        }
        mpfr_set_d(c, hi, MPFR_RNDN);
        /* step down while still rounds to 1 */
        for (;;) {
            mpfr_t d; mpfr_init2(d, fmt_prec); mpfr_set(d, c, MPFR_RNDN); mpfr_nextbelow(d);
            mpfr_tanh(y, d, MPFR_RNDN);
            int is1 = mpfr_equal_p(y, one);
            if (is1) mpfr_set(c, d, MPFR_RNDN);
            mpfr_clear(d);
            if (!is1) break;
        }
        break;
    }
    mpfr_init2(T, PREC);
    mpfr_set(T, c, MPFR_RNDN);
    mpfr_sqr(T, T, MPFR_RNDN);
    printf("/* tanh %s: clamp c = %a (%.17g): tanh(x) rounds to 1 for x >= c */\n", f64 ? "f64" : "f32",
           mpfr_get_d(c, MPFR_RNDN), mpfr_get_d(c, MPFR_RNDN));

    for (int i = 0; i < K; i++) { mpfr_init2(coef[i], PREC); mpfr_set_ui(coef[i], 0, MPFR_RNDN); fixed[i] = 0; }
    make_grid(f64 ? 1500 : 1200);
    double e0 = fit(iters, 1);
    fprintf(stderr, "unrounded: max rel err 2^%.3f\n", log2(e0));
    /* sequential rounding: highest-degree (smallest, least sensitive) first */
    int order[MAXC], no = 0;
    for (int d = (M > N ? M : N); d >= 1; d--) {
        if (d <= N) order[no++] = M + d - 1;
        if (d <= M) order[no++] = d - 1;
    }
    for (int s = 0; s < K; s++) {
        round_coef(order[s]);
        double e = fit(s == K - 1 ? 1 : iters / 3, 0);
        fprintf(stderr, "after rounding %d/%d coefficients: 2^%.3f\n", s + 1, K, log2(e));
    }
    /* final check on a much denser grid */
    free_grid();
    make_grid(20000);
    mpfr_t e, P, Q, emax; mpfr_inits2(PREC, e, P, Q, emax, (mpfr_ptr)0);
    mpfr_set_ui(emax, 0, MPFR_RNDN);
    for (int k = 0; k < G; k++) {
        relerr(e, k, coef, P, Q);
        mpfr_abs(e, e, MPFR_RNDN);
        if (mpfr_cmp(e, emax) > 0) mpfr_set(emax, e, MPFR_RNDN);
    }
    printf("/* tanh %s: x*P(x^2)/Q(x^2), deg P = %d, deg Q = %d (in t = x^2); max rel err of the\n"
           "   rounded-coefficient rational on [0, c^2] (dense grid) = 2^%.3f */\n",
           f64 ? "f64" : "f32", M, N, log2(mpfr_get_d(emax, MPFR_RNDN)));
    const char *tag = f64 ? "F64" : "F32";
    mpfr_t u; mpfr_init2(u, PREC);
    printf("#define AB_TANH_%s_CLAMP %a%s\n", tag, mpfr_get_d(c, MPFR_RNDN), f64 ? "" : "f");
    for (int i = 0; i < K; i++) {
        unscaled(u, i);
        int pw = i < M ? i + 1 : i - M + 1;
        if (f64) printf("#define AB_TANH_F64_%c%d %a\n", i < M ? 'P' : 'Q', pw, mpfr_get_d(u, MPFR_RNDN));
        else printf("#define AB_TANH_F32_%c%d %af\n", i < M ? 'P' : 'Q', pw, (double)mpfr_get_flt(u, MPFR_RNDN));
    }
    return 0;
}
