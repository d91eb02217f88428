/* ziv.c: Ziv's rounding test around the reference formulas. */
#include "reference.h"
#include "ref_common.h"
#include <math.h>
#include <stdlib.h>

struct ab_ref_ctx {
    mpfr_t x, y, lo, hi, scaled, t32, t64;
    mpfr_t tmp[AB_REF_TEMPS];
};

int ab_format_bits(ab_precision prec) { return prec == AB_F32 ? 24 : 53; }

/* The smallest subnormal is 2^(emin-1) in MPFR's convention. */
static mpfr_exp_t fmt_emin(ab_precision p) { return p == AB_F32 ? -148 : -1073; }
static mpfr_exp_t fmt_emax(ab_precision p) { return p == AB_F32 ? 128 : 1024; }

ab_ref_ctx *ab_ref_ctx_new(void) {
    ab_ref_ctx *c = malloc(sizeof *c);
    if (!c) return NULL;
    /* Work in MPFR's widest exponent range: intermediates such as
     * exp(-x) for x = -700 must not overflow before the division. */
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    mpfr_inits2(64, c->x, c->y, c->lo, c->hi, c->scaled, (mpfr_ptr)0);
    mpfr_init2(c->t32, 24);
    mpfr_init2(c->t64, 53);
    for (int i = 0; i < AB_REF_TEMPS; i++) mpfr_init2(c->tmp[i], 64);
    return c;
}

void ab_ref_ctx_free(ab_ref_ctx *c) {
    if (!c) return;
    mpfr_clears(c->x, c->y, c->lo, c->hi, c->scaled, c->t32, c->t64, (mpfr_ptr)0);
    for (int i = 0; i < AB_REF_TEMPS; i++) mpfr_clear(c->tmp[i]);
    free(c);
}

/* Rounding in two steps (to p bits in the wide range, then into the IEEE
 * range) is exact because mpfr_check_range and mpfr_subnormalize take the
 * first step's ternary value into account. */
static double round_into(mpfr_t t, const mpfr_t v, int inex, ab_precision prec) {
    mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
    int i = mpfr_set(t, v, MPFR_RNDN);
    if (i == 0) i = inex;
    mpfr_set_emin(fmt_emin(prec));
    mpfr_set_emax(fmt_emax(prec));
    i = mpfr_check_range(t, i, MPFR_RNDN);
    mpfr_subnormalize(t, i, MPFR_RNDN);
    double r = prec == AB_F32 ? (double)mpfr_get_flt(t, MPFR_RNDN)
                              : mpfr_get_d(t, MPFR_RNDN);
    mpfr_set_emin(emin);
    mpfr_set_emax(emax);
    return r;
}

double ab_round_to_format(const mpfr_t v, int inex, ab_precision prec) {
    mpfr_t t;
    mpfr_init2(t, ab_format_bits(prec));
    double r = round_into(t, v, inex, prec);
    mpfr_clear(t);
    return r;
}

void ab_reference_eval(ab_ref_ctx *c, ab_reference_fn f, ab_precision prec,
                       double x, ab_refval *out) {
    mpfr_t *t = prec == AB_F32 ? &c->t32 : &c->t64;
    mpfr_set_prec(c->x, 53);
    mpfr_set_d(c->x, x, MPFR_RNDN); /* exact: x is a float or a double */
    out->cap_hit = 0;
    out->m_hi = out->m_lo = 0;
    out->e = 0;
    mpfr_prec_t p = prec == AB_F32 ? 64 : 96;
    for (;;) {
        mpfr_set_prec(c->y, p);
        long E = f(c->y, c->x, p, c->tmp);
        if (mpfr_nan_p(c->y)) {
            out->cr = NAN;
            break;
        }
        if (E == AB_REF_EXACT || mpfr_inf_p(c->y) || mpfr_zero_p(c->y)) {
            /* Exact, or beyond MPFR's extended exponent range (|v| above
             * 2^(2^62) or below 2^(-2^62)), where the rounding is decided
             * whatever the error. */
            out->cr = round_into(*t, c->y, 0, prec);
            break;
        }
        mpfr_prec_t q = mpfr_get_prec(c->y);
        mpfr_set_prec(c->lo, q);
        mpfr_set_prec(c->hi, q);
        mpfr_set_ui_2exp(c->hi, 1, E, MPFR_RNDN);
        mpfr_sub(c->lo, c->y, c->hi, MPFR_RNDD);
        mpfr_add(c->hi, c->y, c->hi, MPFR_RNDU);
        /* The ends are exact numbers: round each as it stands. */
        double rlo = round_into(*t, c->lo, 0, prec);
        double rhi = round_into(*t, c->hi, 0, prec);
        /* An interval straddling 0 never decides, even if both ends round
         * to zeros: the sign of the result is not known yet. */
        if (rlo == rhi && signbit(rlo) == signbit(rhi) && mpfr_sgn(c->lo) == mpfr_sgn(c->hi)) {
            out->cr = rlo;
            break;
        }
        if (p >= AB_REF_MAX_PREC) {
            out->cap_hit = 1;
            out->cr = round_into(*t, c->y, 0, prec);
            break;
        }
        p = p * 2 > AB_REF_MAX_PREC ? AB_REF_MAX_PREC : p * 2;
    }
    out->bits = (unsigned short)p;
    ab_ref_store_value(c->scaled, c->y, out);   /* ref_common.h */
}
