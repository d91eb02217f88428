/* d_mish: the derivative of mish(x) = x tanh(softplus(x)),
 * mish'(x) = tanh(sp) + x sech^2(sp) sigmoid(x), sp = log(1 + e^x):
 * variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_mish.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: reverse mode through the seed article's x * tanh(log(1 + exp(x)))
 * with tanh(s) = (e^s - e^-s)/(e^s + e^-s) (impls/mish.c's naive),
 * incoming gradient 1, PyTorch's derivatives.yaml rules:
 *   forward  e = exp(x); a = 1 + e; s = log(a); p = exp(s); n = -s;
 *            q = exp(n); u = p - q; w = p + q; t = u / w; y = x * t
 *   MulBackward  gx1 = t;  gt = x
 *   DivBackward  gu = gt / w;  gw = -gt * u / (w * w)
 *   SubBackward  gp = gu;  gq = -gu;   AddBackward gp += gw, gq += gw
 *   ExpBackward  gn = gq * q;  gs = gp * p   (grad * result)
 *   NegBackward  gs += -gn
 *   LogBackward  ga = gs / a;  AddBackward ge = ga
 *   ExpBackward  gx2 = ge * e
 *   dx = gx1 + gx2
 * Above 88.72 / 709.78 (f32 / f64) e = inf: s = inf, p = inf, q = 0,
 * t = inf/inf = NaN.  Above about 44.4 / 354.9 w * w = p^2 overflows:
 * gw = -0 and gs = gu p stays finite, so the result is still about 1.
 * In the negative tail a = 1 + e rounds to 1 once e < 2^-25 / 2^-54:
 * s = 0, p = q = 1, t = 0/2 = 0, gu = x/2, gs = x/2 - (-x/2) = x, the
 * result is x e (wrong by the factor 1 + O(1)... in fact mish' ~
 * (1 + x) e^x ... plus the t = 0 flush: x e^x instead of (1 + x) e^x). */
#define NAIVE(T, EXP, LOG)                                                 \
    T e = EXP(x), a = (T)1 + e, s = LOG(a), p = EXP(s), n = -s, q = EXP(n); \
    T u = p - q, w = p + q, t = u / w;                                     \
    T gx1 = (T)1 * t, gt = (T)1 * x;                                       \
    T gu = gt / w, gw = -gt * u / (w * w);                                 \
    T gp = gu + gw, gq = -gu + gw;                                         \
    T gn = gq * q, gs = gp * p + -gn;                                      \
    T ga = gs / a, gx2 = ga * e;                                           \
    return gx1 + gx2;
static float naive_f32(float x) { NAIVE(float, expf, logf) }
static double naive_f64(double x) { NAIVE(double, exp, log) }
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float e = R(expf(x)), a = R(1.0f + e), s = R(logf(a)), p = R(expf(s)), n = -s;
    float q = R(expf(n)), u = R(p - q), w = R(p + q), t = R(u / w);
    float gx1 = R(1.0f * t), gt = R(1.0f * x);
    float gu = R(gt / w), gw = R(R(-gt * u) / R(w * w));
    float gp = R(gu + gw), gq = R(-gu + gw);
    float gn = R(gq * q), gs = R(R(gp * p) + -gn);
    float ga = R(gs / a), gx2 = R(ga * e);
    return R(gx1 + gx2);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's mish_backward (aten/src/ATen/native/cpu/
 * Activation.cpp, scalar path):
 *   sigmoid = 1 / (1 + exp(-x)); tanh_softplus = tanh(log1p(exp(x)));
 *   dy * (tanh_softplus + x * sigmoid * (1 - tanh_softplus^2))
 * in the tensor's precision.  Above 88.72 / 709.78 exp(x) = inf,
 * tanh(inf) = 1 and the result is 1 (correct); below -88.72 / -709.78
 * exp(-x) = inf, sigmoid = 0 and the result is tanh_softplus alone, e^x
 * positive where mish' ~ (1 + x) e^x is negative: a sign error.  Near the
 * zero crossing x0 = -1.19243 the sum cancels. */
#define FROM_OUTPUT(T, EXP, LOG1P, TANH)                                   \
    T sg = (T)1 / ((T)1 + EXP(-x));                                        \
    T ts = TANH(LOG1P(EXP(x)));                                            \
    return (T)1 * (ts + x * sg * ((T)1 - ts * ts));
static float from_output_f32(float x) { FROM_OUTPUT(float, expf, log1pf, tanhf) }
static double from_output_f64(double x) { FROM_OUTPUT(double, exp, log1p, tanh) }

/* stable f64: in long double (x86 80-bit, u = 2^-64), rounded once (f32:
 * the same in double, below).  With
 * n = e^x, tanh(sp) = q/D, q = n(n+2), D = q + 2, and
 * sech^2(sp) sigmoid = 4n(1+n)/D^2 (reference/d_mish.c), so
 *   x <= 0: f = q/D + x 4n(1+n)/D^2,
 *   x > 0 (m = e^-x): f = a/D + x 4m^2(1+m)/D^2, a = 1 + 2m, D = a + 2m^2:
 * exp of -|x| only (no overflow), every sum of positives; the only
 * cancellation is at the zero crossing x0 = -1.19243121451549521 (mish's
 * minimum).  There, for |t| < 1/8, t = x - x0 = (x - X0H) - X0L (x - X0H
 * exact by Sterbenz, X0H + X0L = x0 to 2^-117, the double nearest x0 is
 * 0.22 ulp from it so |t| >= 2^-55 and t is within 2u relative), f is the
 * degree-15 Taylor polynomial sum TAY[k-1] t^k (coefficients by mpmath at
 * 600 bits, rounded to 64: truncation below 2^-68 of the first term, a
 * Horner sum whose terms fall by at least a factor 8 each: within 4u
 * relative).  Outside, |f| >= 0.02 (|f'| >= 0.17 on the crossing's
 * neighbourhood) against terms below 1.1, so the long double sum's few u
 * absolute are under 2^-57 relative.  In the tails: below -800 |f| <
 * 1601 e^-800 < 2^-1100: -0 (covers -inf, and is f's sign); above 45 f - 1
 * < 4.6 x e^-2x < 2^-120: 1 (covers +inf, where the formula would give
 * inf * 0).  The rest of the tail keeps expl normal (long double reaches
 * e^-11355), so the one final rounding is the only one into the
 * subnormals.  Bound: below 1/2 + 2^-4 ulp. */
#define X0H (-0x1.31432c0d12d84p+0)
#define X0L (-0xdf98c8aa6d108277p-118L)
static const long double TAY[15] = {
    0x88ad65a12805da36p-65L, 0xd1a5128ec56bd91ap-66L, 0xaba7890d4346daefp-68L,
    -0xa61117f326a7da81p-69L, -0x819b4ea56487d285p-69L, -0xdc3eefda8dba2a43p-72L,
    0x8f2f0c2507f002c4p-73L, 0x81bcc8c1590bf943p-73L, 0x853caa74343380adp-75L,
    -0xafffd03391055b99p-78L, -0xea29d77cc09e7f94p-78L, -0x911de6b4388ba85fp-79L,
    0xfd1055701b262a4dp-84L, 0xc335255f847696abp-82L, 0x8fd687f779b09c78p-83L,
};
static long double stable_ld(double x) {
    if (x > 45.0) return 1.0L;
    if (x < -800.0) return -0.0L;
    long double t = (long double)(x - X0H) - X0L;
    if (fabsl(t) < 0.125L) {
        long double s = TAY[14];
        for (int k = 13; k >= 0; k--) s = s * t + TAY[k];
        return s * t;
    }
    long double X = x;
    if (x > 0) {
        long double m = expl(-X), a = 1.0L + 2.0L * m, D = a + 2.0L * m * m;
        return a / D + X * (4.0L * m * m * (1.0L + m)) / (D * D);
    }
    long double n = expl(X), q = n * (n + 2.0L), D = q + 2.0L;
    return q / D + X * (4.0L * n * (1.0L + n)) / (D * D);
}
static double stable_f64(double x) { return (double)stable_ld(x); }

/* stable f32: the same formulas in double (u = 2^-53), rounded once to
 * float: a double within r relative rounds to within 1/2 + r 2^24 ulp, and
 * the 2^29 between the formats covers exp (<= 1 ulp), the sums of
 * positives, products and quotients (~8u per term), times the one
 * cancellation left outside the window, at most 16.4 (at x0 - 1/8;
 * mpmath): below 2^-45, 1/2 + 2^-21 ulp.  Near x0 the window is still
 * needed: both terms are 0.26 with a few u absolute error each, and the
 * float nearest x0 is 2^-28.3 away, f there 2^-30.2: a few ulp of the
 * float (and nothing bounds |t| from below in general).  The Taylor sum keeps it relative: t within 2u + 2^-107/|t|, 11
 * coefficients rounded to double (truncation below 2^-46 of the first
 * term), a Horner sum of terms falling by 8 or more: a few u.  x < -110:
 * |f| < 2^-151.9 (mpmath), below half the least float subnormal: -0
 * (covers -inf).  Above -110 e^x is a normal double; had it underflowed to
 * 0 the sum would be +0 + -0 = +0, the wrong sign. */
#define X0L_D (-0x1.bf319154da210p-55)    /* X0H + X0L_D = x0 to 2^-107 */
static const double TAY_D[11] = {
    0x1.115acb42500bbp-2, 0x1.a34a251d8ad7bp-3, 0x1.574f121a868dbp-5,
    -0x1.4c222fe64d4fbp-6, -0x1.03369d4ac90fap-6, -0x1.b87ddfb51b745p-9,
    0x1.1e5e184a0fe00p-10, 0x1.03799182b217fp-10, 0x1.0a7954e868670p-12,
    -0x1.5fffa067220abp-15, -0x1.d453aef9813d0p-15,
};
static float stable_f32(float xf) {
    double x = xf;
    if (x > 45.0) return 1.0f;
    if (x < -110.0) return -0.0f;
    double t = (x - X0H) - X0L_D;
    if (fabs(t) < 0.125) {
        double s = TAY_D[10];
        for (int k = 9; k >= 0; k--) s = s * t + TAY_D[k];
        return (float)(s * t);
    }
    if (x > 0) {
        double m = exp(-x), a = 1.0 + 2.0 * m, D = a + 2.0 * m * m;
        return (float)(a / D + x * (4.0 * m * m * (1.0 + m)) / (D * D));
    }
    double n = exp(x), q = n * (n + 2.0), D = q + 2.0;
    return (float)(q / D + x * (4.0 * n * (1.0 + n)) / (D * D));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x*tanh(logf(1+expf(x))), tanh(s)=(e^s-e^-s)/(e^s+e^-s)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x*tanh(log(1+exp(x))), tanh(s)=(e^s-e^-s)/(e^s+e^-s)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(t+R(R(gs/a)*e)), gs=R(R(gp*p)-R(gq*q)), gp=R(gu+gw), gq=R(-gu+gw), gu=R(x/w), gw=R(R(-x*u)/R(w*w)), t=R(u/w), u=R(p-q), w=R(p+q), p=R(exp(s)), q=R(exp(-s)), s=R(log(a)), a=R(1+e), e=R(exp(x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch mish_backward: ts+x*sg*(1-ts^2), ts=tanhf(log1pf(expf(x))), sg=1/(1+expf(-x))", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch mish_backward: ts+x*sg*(1-ts^2), ts=tanh(log1p(exp(x))), sg=1/(1+exp(-x))", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "double: q/D+4xn(1+n)/D^2, q=n(n+2), D=q+2, n=e^x (x>0: in m=e^-x); |x-x0|<1/8: Taylor at x0", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "long double: q/D+4xn(1+n)/D^2, q=n(n+2), D=q+2, n=e^x (x>0: in m=e^-x); |x-x0|<1/8: Taylor at x0", stable_f64_batch),
};

/* naive: exp(x) overflows above 88.72 / 709.78 (NaN); 1 + e rounds to 1
 * below -17.3 / -36.7 (e < 2^-25 / 2^-54: the log is 0); from-output's
 * exp(-x) overflows below -88.72 / -709.78 (sign error); mish' underflows
 * to -0 below about -99 / -740; the crossing x0 = -1.19243 and the
 * stable Taylor window |x - x0| < 1/8. */
static const ab_range ranges[] = {
    {"neg_tail", -110, -15, -760, -30},
    {"crossing", -1.4, -1.0, -1.4, -1.0},
    {"pos_overflow", 80, 100, 700, 720},
};

static const ab_activation d_mish = {
    .name = "d_mish",
    .description = "derivative of mish: tanh(sp) + x sech^2(sp) sigmoid(x), sp = softplus(x)",
    .reference = ab_ref_d_mish,
    .fast32 = ab_fast32_d_mish,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* +-0x1.62e43p6 / 0x1.62e42fefa39efp9: ln(FLT_MAX) / ln(DBL_MAX)
     * rounded up (exp overflow); -0x1.1542458p4 = -25 ln 2 (1 + e^x rounds
     * to 1, f32), -0x1.25e4f7b2737fap5 = -53 ln 2 (f64); the float and the
     * double next to x0; the Taylor window's ends x0 -+ 1/8; -110, where
     * stable f32 flushes to -0. */
    AB_THRESHOLDS32(0x1.62e43p6, -0x1.62e43p6, -0x1.154246p4, -0x1.31432cp+0, -0x1.51432cp+0, -0x1.11432cp+0, -110),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, -0x1.62e42fefa39efp9, -0x1.25e4f7b2737fap5, -0x1.31432c0d12d84p+0,
                    -0x1.51432c0d12d84p+0, -0x1.11432c0d12d84p+0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* mish'' = 0 at x = -2.25637639636 (minimum of mish',
     * -0.11252612238946255641) and x = 1.49057117948543 (maximum
     * 1.08849816125172786123), mpmath at 600 bits; mish' -> 1 from above at
     * +inf and -> 0 from below at -inf; rounded outward in each format.
     * No symmetry: mish(x) - mish(-x) = x (tanh sp(x) + tanh sp(-x)) != x. */
    .props = AB_PROPS(AB_RANGE2(-0x1.cce832p-4, 0x1.16a7d2p+0, -0x1.cce830f9bc267p-4, 0x1.16a7d0c455120p+0),
                      0, AB_SYM_NONE, 0),
};
AB_REGISTER(d_mish)
