/* selu.c: selu(x) = lambda x for x > 0, lambda alpha (e^x - 1) for x <= 0.
 *
 * Definition of the constants: lambda = 1.0507009873554805 and
 * alpha = 1.6732632423543772, exactly these decimals (the values PyTorch,
 * TensorFlow and JAX write; Klambauer et al.'s 32-digit values
 * 1.0507009873554804934... and 1.6732632423543772848... round to the same
 * doubles).  Being decimals they are the exact rationals N / 10^16 with
 * N = 10507009873554805 and 16732632423543772, so the reference multiplies
 * by N and divides by 10^16 = 2^16 5^16 (5^16 fits an unsigned long)
 * instead of parsing a string on every call.
 *
 * Special values: NaN -> NaN; selu(+-0) = +-0; selu(+inf) = +inf;
 * selu(-inf) = -lambda alpha (inexact: about -1.7580993408473766).
 * Errors, relative, each operation from exact or already-bounded operands:
 * x > 0: mul, div (2u, under 4u after compounding with the exact 2^-16);
 * x < 0: expm1, two muls, two divs (5u, under 8u). */
#include "selu.h"
#include "ref_common.h"

#define SELU_LAMBDA_N 10507009873554805ul
#define SELU_ALPHA_N 16732632423543772ul
#define POW5_16 152587890625ul

long ab_ref_selu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_zero_p(x) || (mpfr_inf_p(x) && mpfr_sgn(x) > 0)) {
        mpfr_set(y, x, MPFR_RNDN);
        return AB_REF_EXACT;
    }
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p);
    int inex, log2k;
    if (mpfr_sgn(x) > 0) {
        inex = mpfr_mul_ui(t, x, SELU_LAMBDA_N, MPFR_RNDN);
        log2k = 1;
    } else {
        inex = mpfr_expm1(t, x, MPFR_RNDN);
        inex |= mpfr_mul_ui(t, t, SELU_LAMBDA_N, MPFR_RNDN);
        inex |= mpfr_mul_ui(t, t, SELU_ALPHA_N, MPFR_RNDN);
        inex |= mpfr_div_ui(t, t, POW5_16, MPFR_RNDN);
        inex |= mpfr_div_2ui(t, t, 16, MPFR_RNDN);
        log2k = 3;
    }
    inex |= mpfr_div_ui(t, t, POW5_16, MPFR_RNDN);
    inex |= mpfr_div_2ui(y, t, 16, MPFR_RNDN);
    return inex ? ab_ref_rel_bound(y, p, log2k) : AB_REF_EXACT;
}
