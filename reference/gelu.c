/* gelu.c: MPFR reference for gelu(x) = x/2 * (1 + erf(x/sqrt2))
 *                                      = x/2 * erfc(-x/sqrt2). */
#include "gelu.h"
#include "ref_common.h"

/* erfc(z) for z >= 2.5 from Laplace's continued fraction
 *   erfc(z) = e^(-z^2)/sqrt(pi) K(z),
 *   K(z) = 1/(z + (1/2)/(z + (2/2)/(z + (3/2)/(z + ...)))),
 * (Abramowitz & Stegun 7.1.14); mpfr_erfc is 30-300 us per call for z in
 * [3, 15], this a few.  K is a Stieltjes fraction (positive partial
 * numerators, z > 0), so consecutive convergents f_(k-1), f_k enclose K:
 * |K - f_k| <= |f_k - f_(k-1)|.  The forward recurrence A_k = z A_(k-1) +
 * a_k A_(k-2) (B likewise) adds positives, so A_k and B_k carry at most
 * 2k rounding errors each and f_k at most (4k+1) u_c, u_c = 2^-(p+24):
 * under u/16 for the k <= 2^16 allowed.  Iterating until the computed
 * |f_k - f_(k-1)| <= 2^-(p+4) f_k makes |K - f_k| <= u/16 + 2 u/16 + u/16
 * relative.  Then z^2 exactly (twice z's precision), exp (u),
 * sqrt(pi) (3u/2), the quotient (u): erfc within 4u of its value at
 * this z.  Returns 0, or -1 if the fraction did not settle (never seen;
 * the caller then falls back to mpfr_erfc). */
static int erfc_cf(mpfr_t r, const mpfr_t z, mpfr_prec_t p) {
    mpfr_prec_t pc = p + 24;
    mpfr_t a0, a1, b0, b1, t, f, g;
    mpfr_inits2(pc, a0, a1, b0, b1, t, f, g, (mpfr_ptr)0);
    mpfr_set_ui(a1, 1, MPFR_RNDN);   /* A_(-1) */
    mpfr_set_ui(a0, 0, MPFR_RNDN);   /* A_0 */
    mpfr_set_ui(b1, 0, MPFR_RNDN);   /* B_(-1) */
    mpfr_set_ui(b0, 1, MPFR_RNDN);   /* B_0 */
    mpfr_set_ui(f, 0, MPFR_RNDN);
    int ok = -1;
    for (unsigned long k = 1; k <= 65536; k++) {
        /* a_1 = 1, a_k = (k-1)/2: A_k = z A_(k-1) + a_k A_(k-2). */
        mpfr_mul(t, z, a0, MPFR_RNDN);
        if (k == 1) mpfr_add(a1, t, a1, MPFR_RNDN);
        else { mpfr_mul_ui(a1, a1, k - 1, MPFR_RNDN); mpfr_div_2ui(a1, a1, 1, MPFR_RNDN); mpfr_add(a1, t, a1, MPFR_RNDN); }
        mpfr_swap(a0, a1);
        mpfr_mul(t, z, b0, MPFR_RNDN);
        if (k == 1) mpfr_add(b1, t, b1, MPFR_RNDN);
        else { mpfr_mul_ui(b1, b1, k - 1, MPFR_RNDN); mpfr_div_2ui(b1, b1, 1, MPFR_RNDN); mpfr_add(b1, t, b1, MPFR_RNDN); }
        mpfr_swap(b0, b1);
        mpfr_div(g, a0, b0, MPFR_RNDN);
        mpfr_sub(t, g, f, MPFR_RNDN);
        mpfr_swap(f, g);
        if (k > 1 && mpfr_get_exp(t) <= mpfr_get_exp(f) - (long)p - 5) { ok = 0; break; }
    }
    if (ok == 0) {
        mpfr_set_prec(t, 2 * mpfr_get_prec(z));
        mpfr_sqr(t, z, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_set_prec(g, p + 8);
        mpfr_exp(g, t, MPFR_RNDN);
        mpfr_mul(g, g, f, MPFR_RNDN);
        mpfr_const_pi(t, MPFR_RNDN);
        mpfr_sqrt(t, t, MPFR_RNDN);
        mpfr_div(r, g, t, MPFR_RNDN);
    }
    mpfr_clears(a0, a1, b0, b1, t, f, g, (mpfr_ptr)0);
    return ok;
}

/* x/2 * erfc(z), z = -x/sqrt2: erfc(z) > 0 for every z, so nothing cancels
 * (1 + erf would lose all bits for x < 0).  The catch is erfc's condition
 * number k(z) = z erfc'(z)/erfc(z) = 2z e^(-z^2)/(sqrt(pi) erfc z), which
 * is below 2z^2 + 1 (from erfc z > 2e^(-z^2)/(sqrt(pi)(z + sqrt(z^2+2))))
 * and about x^2 in the negative tail: a relative error d in z costs about
 * x^2 d in the result.  So z is computed with pz = p + 2 max(EXP(x), 0) + 8
 * bits (sqrt2 and the division: 2 u_z), which makes k(z) * 2u_z < u/32.
 * erfc(z): z < 2.5 as 1 - erf(z) with erf to p + 16 bits (erfc(z) >
 * erfc(2.5) > 2^-12, so erf's error is under u/16 of it; the subtraction
 * rounds once, u); z >= 2.5 by erfc_cf (4u).  Then the product (u):
 * under 6u.
 * |x| >= 2^32: gelu(x) is x minus (x > 0) or equal to (x < 0) at most
 * e^(-x^2/2)/sqrt(2 pi) < e^(-2^63) in size, below MPFR's exponent range:
 * y = x with a bound of 2^-11000, or y = -0 (decided: a zero is never
 * refined by the Ziv loop, and every format rounds such a value to -0). */
long ab_ref_gelu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    /* x Phi(x) -> 0 from below at -inf: -0 (the limit, as for silu). */
    if (ab_ref_x_sigmoid_special(y, x)) return AB_REF_EXACT;
    if (mpfr_get_exp(x) > 32) return ab_ref_x_or_neg_zero(y, x);
    /* x^2 >= 2(p+1): 0 < x - gelu(x) = x Phi(-x) < x e^(-x^2/2) < 2^(EXP(x)-p-1),
     * the gap below x.  |x| < 2^-(p+1): gelu(x) - x/2 = x (Phi(x) - 1/2)
     * is in (0, x^2/sqrt(2 pi)), below 2^(EXP(x)-2-p), the gap beside x/2. */
    double xd = mpfr_get_d(x, MPFR_RNDN);
    if (xd > 0 && xd * xd >= 2.0 * (double)(p + 1)) return ab_ref_beside(y, x, 0);
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_div_2ui(y, x, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    long ex = mpfr_get_exp(x);
    mpfr_prec_t pz = p + 2 * (ex > 0 ? ex : 0) + 8;
    mpfr_ptr z = tmp[0], s = tmp[1];
    mpfr_set_prec(z, pz);
    mpfr_set_prec(s, pz);
    mpfr_sqrt_ui(s, 2, MPFR_RNDN);
    mpfr_div(z, x, s, MPFR_RNDN);
    mpfr_neg(z, z, MPFR_RNDN);
    mpfr_set_prec(s, p);
    if (mpfr_cmp_d(z, 2.5) < 0 || erfc_cf(s, z, p) != 0) {
        if (mpfr_cmp_d(z, 2.5) < 0) {
            mpfr_set_prec(s, p + 16);
            mpfr_erf(s, z, MPFR_RNDN);
            mpfr_ui_sub(s, 1, s, MPFR_RNDN);
        } else {
            mpfr_erfc(s, z, MPFR_RNDN);
        }
    }
    mpfr_mul(y, x, s, MPFR_RNDN);
    mpfr_div_2ui(y, y, 1, MPFR_RNDN);
    return ab_ref_rel_bound(y, p, 3);
}
