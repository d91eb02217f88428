/* fast32.h: the certified binary64 tier for f32 results, and the
 * fast-tier functions of the built-in activations (ab_fast32_<name>, each
 * with its error analysis in reference/fast32_*.c).
 *
 * Rounding is monotone, so when both ends of the interval an answer
 * allows round to the same float (bit for bit: a zero's sign included),
 * every value in between does, f(x) among them.  A bound's ends are moved
 * one double outward so that forming them cannot pull them inward.  With
 * a direction the end at v is open: values just above (below) v round as
 * v does, unless v is itself a rounding boundary (an f32 midpoint, or the
 * overflow threshold), where they round away from v's other side; f32
 * boundaries are all doubles, so no boundary lies strictly between v and
 * the values just beside it.
 * The double -> float conversion is IEEE's (round to nearest even, gradual
 * underflow, overflow to inf), so subnormal and overflowing results are
 * decided as the MPFR path's exponent-range emulation decides them. */
#ifndef AB_FAST32_H
#define AB_FAST32_H
#include "../api/actbench.h"
#include "reference.h"

/* Returns 1 and sets *cr and *g when the answer (code, v, err) of an
 * ab_fast32_fn decides f's place on the f32 grid (reference.h), and so
 * its rounding; else 0.  Beyond the f32 range (|v| >= 2^128) the rounding
 * alone decides (g->valid = 0). */
int ab_fast32_decide(int code, double v, double err, float *cr, ab_grid *g);

/* libm's binary64 functions as this tier assumes them: a bound, in ulps of
 * the result, at least twice what glibc documents for x86-64 (see the
 * README).  LIBM_ERR(r, k) is k ulps of r, plus the smallest subnormal to
 * cover results in the subnormal range. */
#define AB_LIBM_ULP 4.0
static inline double ab_ulps(double r, double k) {
    return k * 0x1p-52 * __builtin_fabs(r) + 0x1p-1074;
}
/* The built-in fast tiers (ab_fast32_fn contract, api/actbench.h):
 * reference/fast32_smooth.c, fast32_exp.c and fast32_more.c. */
int ab_fast32_sigmoid(double x, double *v, double *err);
int ab_fast32_tanh(double x, double *v, double *err);
int ab_fast32_softplus(double x, double *v, double *err);
int ab_fast32_exp(double x, double *v, double *err);
int ab_fast32_expm1(double x, double *v, double *err);
int ab_fast32_log1p(double x, double *v, double *err);
int ab_fast32_log_sigmoid(double x, double *v, double *err);
int ab_fast32_silu(double x, double *v, double *err);
int ab_fast32_mish(double x, double *v, double *err);
int ab_fast32_elu(double x, double *v, double *err);
int ab_fast32_celu(double x, double *v, double *err);
int ab_fast32_selu(double x, double *v, double *err);
int ab_fast32_gaussian(double x, double *v, double *err);
int ab_fast32_erf(double x, double *v, double *err);
int ab_fast32_erfc(double x, double *v, double *err);
int ab_fast32_gelu(double x, double *v, double *err);
int ab_fast32_gelu_tanh(double x, double *v, double *err);
int ab_fast32_softsign(double x, double *v, double *err);
int ab_fast32_multiquadric(double x, double *v, double *err);
int ab_fast32_inv_multiquadric(double x, double *v, double *err);
int ab_fast32_binary_step(double x, double *v, double *err);
int ab_fast32_identity(double x, double *v, double *err);
int ab_fast32_relu(double x, double *v, double *err);
int ab_fast32_relu6(double x, double *v, double *err);
int ab_fast32_leaky_relu(double x, double *v, double *err);
int ab_fast32_hard_tanh(double x, double *v, double *err);
int ab_fast32_hard_sigmoid(double x, double *v, double *err);
int ab_fast32_hard_swish(double x, double *v, double *err);
/* derivatives (reference/fast32_grad.c) */
int ab_fast32_d_sigmoid(double x, double *v, double *err);
int ab_fast32_d_tanh(double x, double *v, double *err);
int ab_fast32_d_silu(double x, double *v, double *err);
int ab_fast32_d_gelu(double x, double *v, double *err);
int ab_fast32_d_gelu_tanh(double x, double *v, double *err);
int ab_fast32_d_gaussian(double x, double *v, double *err);
int ab_fast32_d_erf(double x, double *v, double *err);
int ab_fast32_d_log1p(double x, double *v, double *err);
int ab_fast32_d_softsign(double x, double *v, double *err);
int ab_fast32_d_elu(double x, double *v, double *err);
int ab_fast32_d_celu(double x, double *v, double *err);
int ab_fast32_d_selu(double x, double *v, double *err);
int ab_fast32_d_relu(double x, double *v, double *err);
int ab_fast32_d_leaky_relu(double x, double *v, double *err);
int ab_fast32_d_relu6(double x, double *v, double *err);
int ab_fast32_d_hard_tanh(double x, double *v, double *err);
int ab_fast32_d_hard_sigmoid(double x, double *v, double *err);
int ab_fast32_d_hard_swish(double x, double *v, double *err);
/* mish' (reference/fast32_dmish.c) */
int ab_fast32_d_mish(double x, double *v, double *err);
#endif
