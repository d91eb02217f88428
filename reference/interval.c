/* interval.c: outward-rounded interval arithmetic (interval.h).  Each
 * operation's proof is the monotonicity argument beside it; directed
 * roundings make each end an outward bound of the exact end value. */
#include "interval.h"
#include "../api/actbench.h"

#define LO MPFR_RNDD
#define HI MPFR_RNDU

void ab_iv_init(ab_iv *a, mpfr_prec_t p) { mpfr_inits2(p, a->lo, a->hi, (mpfr_ptr)0); }
void ab_iv_clear(ab_iv *a) { mpfr_clears(a->lo, a->hi, (mpfr_ptr)0); }
mpfr_prec_t ab_iv_prec(const ab_iv *a) { return mpfr_get_prec(a->lo); }

void ab_iv_set(ab_iv *r, const mpfr_t x) {
    mpfr_set(r->lo, x, LO);
    mpfr_set(r->hi, x, HI);
}
void ab_iv_set_si(ab_iv *r, long v) {
    mpfr_set_si(r->lo, v, LO);
    mpfr_set_si(r->hi, v, HI);
}
void ab_iv_set_d(ab_iv *r, double v) {
    mpfr_set_d(r->lo, v, LO);
    mpfr_set_d(r->hi, v, HI);
}
void ab_iv_set_q(ab_iv *r, long num, unsigned long den) {
    mpfr_set_si(r->lo, num, LO);
    mpfr_div_ui(r->lo, r->lo, den, LO);  /* a lower bound divided by den > 0 */
    mpfr_set_si(r->hi, num, HI);
    mpfr_div_ui(r->hi, r->hi, den, HI);
}
void ab_iv_const_pi(ab_iv *r) {
    mpfr_const_pi(r->lo, LO);
    mpfr_const_pi(r->hi, HI);
}
void ab_iv_const_log2(ab_iv *r) {
    mpfr_const_log2(r->lo, LO);
    mpfr_const_log2(r->hi, HI);
}
void ab_iv_set_str(ab_iv *r, const char *decimal) {
    mpfr_set_str(r->lo, decimal, 10, LO);
    mpfr_set_str(r->hi, decimal, 10, HI);
}

/* r may alias a or b: the ends are computed into scratch first where an
 * end is read after being written. */
void ab_iv_neg(ab_iv *r, const ab_iv *a) {
    if (r == a) {
        mpfr_swap(r->lo, r->hi);
        mpfr_neg(r->lo, r->lo, LO);
        mpfr_neg(r->hi, r->hi, HI);
        return;
    }
    mpfr_neg(r->lo, a->hi, LO);
    mpfr_neg(r->hi, a->lo, HI);
}

void ab_iv_add(ab_iv *r, const ab_iv *a, const ab_iv *b) {
    mpfr_add(r->lo, a->lo, b->lo, LO);
    mpfr_add(r->hi, a->hi, b->hi, HI);
}

void ab_iv_sub(ab_iv *r, const ab_iv *a, const ab_iv *b) {
    mpfr_t l;
    mpfr_init2(l, mpfr_get_prec(r->lo));
    mpfr_sub(l, a->lo, b->hi, LO);
    mpfr_sub(r->hi, a->hi, b->lo, HI);
    mpfr_swap(r->lo, l);
    mpfr_clear(l);
}

/* The product's extremes are among the four end products (bilinear). */
void ab_iv_mul(ab_iv *r, const ab_iv *a, const ab_iv *b) {
    mpfr_t l, h, t;
    mpfr_prec_t p = mpfr_get_prec(r->lo);
    mpfr_inits2(p, l, h, t, (mpfr_ptr)0);
    mpfr_mul(l, a->lo, b->lo, LO);
    mpfr_mul(t, a->lo, b->hi, LO); mpfr_min(l, l, t, LO);
    mpfr_mul(t, a->hi, b->lo, LO); mpfr_min(l, l, t, LO);
    mpfr_mul(t, a->hi, b->hi, LO); mpfr_min(l, l, t, LO);
    mpfr_mul(h, a->lo, b->lo, HI);
    mpfr_mul(t, a->lo, b->hi, HI); mpfr_max(h, h, t, HI);
    mpfr_mul(t, a->hi, b->lo, HI); mpfr_max(h, h, t, HI);
    mpfr_mul(t, a->hi, b->hi, HI); mpfr_max(h, h, t, HI);
    mpfr_swap(r->lo, l);
    mpfr_swap(r->hi, h);
    mpfr_clears(l, h, t, (mpfr_ptr)0);
}

static void whole_line(ab_iv *r) {
    mpfr_set_inf(r->lo, -1);
    mpfr_set_inf(r->hi, 1);
}

/* 1/b for b of one strict sign is decreasing: [1/hi, 1/lo]. */
static void recip(ab_iv *r, const ab_iv *b) {
    mpfr_t l;
    mpfr_init2(l, mpfr_get_prec(r->lo));
    mpfr_ui_div(l, 1, b->hi, LO);
    mpfr_ui_div(r->hi, 1, b->lo, HI);
    mpfr_swap(r->lo, l);
    mpfr_clear(l);
}

static int holds_zero(const ab_iv *b) {
    return mpfr_sgn(b->lo) <= 0 && mpfr_sgn(b->hi) >= 0;
}

/* a/b = a * (1/b): the quotient's extremes are among the four end
 * quotients, as for the product; each computed with its own rounding. */
void ab_iv_div(ab_iv *r, const ab_iv *a, const ab_iv *b) {
    if (holds_zero(b) || mpfr_nan_p(b->lo) || mpfr_nan_p(b->hi)) { whole_line(r); return; }
    mpfr_t l, h, t;
    mpfr_prec_t p = mpfr_get_prec(r->lo);
    mpfr_inits2(p, l, h, t, (mpfr_ptr)0);
    mpfr_div(l, a->lo, b->lo, LO);
    mpfr_div(t, a->lo, b->hi, LO); mpfr_min(l, l, t, LO);
    mpfr_div(t, a->hi, b->lo, LO); mpfr_min(l, l, t, LO);
    mpfr_div(t, a->hi, b->hi, LO); mpfr_min(l, l, t, LO);
    mpfr_div(h, a->lo, b->lo, HI);
    mpfr_div(t, a->lo, b->hi, HI); mpfr_max(h, h, t, HI);
    mpfr_div(t, a->hi, b->lo, HI); mpfr_max(h, h, t, HI);
    mpfr_div(t, a->hi, b->hi, HI); mpfr_max(h, h, t, HI);
    mpfr_swap(r->lo, l);
    mpfr_swap(r->hi, h);
    mpfr_clears(l, h, t, (mpfr_ptr)0);
}

/* |a| then the square, increasing on [0, inf). */
void ab_iv_abs(ab_iv *r, const ab_iv *a) {
    if (mpfr_sgn(a->lo) >= 0) {
        mpfr_set(r->lo, a->lo, LO);
        mpfr_set(r->hi, a->hi, HI);
    } else if (mpfr_sgn(a->hi) <= 0) {
        ab_iv_neg(r, a);
    } else {
        mpfr_t h;
        mpfr_init2(h, mpfr_get_prec(r->hi));
        mpfr_neg(h, a->lo, HI);
        mpfr_max(r->hi, h, a->hi, HI);
        mpfr_set_zero(r->lo, 1);
        mpfr_clear(h);
    }
}

void ab_iv_sqr(ab_iv *r, const ab_iv *a) {
    ab_iv_abs(r, a);
    mpfr_sqr(r->lo, r->lo, LO);
    mpfr_sqr(r->hi, r->hi, HI);
}

void ab_iv_add_si(ab_iv *r, const ab_iv *a, long v) {
    mpfr_add_si(r->lo, a->lo, v, LO);
    mpfr_add_si(r->hi, a->hi, v, HI);
}

void ab_iv_mul_si(ab_iv *r, const ab_iv *a, long v) {
    if (v >= 0) {
        mpfr_mul_si(r->lo, a->lo, v, LO);
        mpfr_mul_si(r->hi, a->hi, v, HI);
        return;
    }
    ab_iv_neg(r, a);
    mpfr_mul_si(r->lo, r->lo, -v, LO);
    mpfr_mul_si(r->hi, r->hi, -v, HI);
}

void ab_iv_mul_2si(ab_iv *r, const ab_iv *a, long k) {
    mpfr_mul_2si(r->lo, a->lo, k, LO);
    mpfr_mul_2si(r->hi, a->hi, k, HI);
}

void ab_iv_si_sub(ab_iv *r, long v, const ab_iv *a) {
    ab_iv_neg(r, a);
    ab_iv_add_si(r, r, v);
}

void ab_iv_si_div(ab_iv *r, long v, const ab_iv *a) {
    if (holds_zero(a) || mpfr_nan_p(a->lo) || mpfr_nan_p(a->hi)) { whole_line(r); return; }
    recip(r, a);
    ab_iv_mul_si(r, r, v);
}

/* Increasing f: [f(lo) down, f(hi) up]. */
#define INCREASING(name, mpfr_fn)                                          \
    void name(ab_iv *r, const ab_iv *a) {                                  \
        mpfr_fn(r->lo, a->lo, LO);                                         \
        mpfr_fn(r->hi, a->hi, HI);                                         \
    }
INCREASING(ab_iv_exp, mpfr_exp)
INCREASING(ab_iv_expm1, mpfr_expm1)
INCREASING(ab_iv_log, mpfr_log)
INCREASING(ab_iv_log1p, mpfr_log1p)
INCREASING(ab_iv_sqrt, mpfr_sqrt)
INCREASING(ab_iv_tanh, mpfr_tanh)
INCREASING(ab_iv_erf, mpfr_erf)

/* erfc is decreasing: [erfc(hi) down, erfc(lo) up]. */
void ab_iv_erfc(ab_iv *r, const ab_iv *a) {
    mpfr_t l;
    mpfr_init2(l, mpfr_get_prec(r->lo));
    mpfr_erfc(l, a->hi, LO);
    mpfr_erfc(r->hi, a->lo, HI);
    mpfr_swap(r->lo, l);
    mpfr_clear(l);
}

/* sigmoid is increasing, so each end is sigmoid of the matching end.
 * The upper end is 1/D rounded up with D = 1 + e^-v bounded below (every
 * step of D rounded down; for v < 0, e^-v = 1/e^v with e^v rounded up),
 * and the lower end the mirror image.  exp only sees -|v|'s side as the
 * forward reference's formula does, so D never overflows for v > 0. */
static void sigmoid_end(mpfr_t r, const mpfr_t v, int up) {
    mpfr_rnd_t dn = up ? LO : HI, opp = up ? HI : LO;
    mpfr_t e;
    mpfr_init2(e, mpfr_get_prec(r));
    if (mpfr_sgn(v) >= 0) {
        mpfr_neg(e, v, dn);
        mpfr_exp(e, e, dn);
    } else {
        mpfr_exp(e, v, opp);
        mpfr_ui_div(e, 1, e, dn);
    }
    mpfr_add_ui(e, e, 1, dn);
    mpfr_ui_div(r, 1, e, opp);
    mpfr_clear(e);
}

void ab_iv_sigmoid(ab_iv *r, const ab_iv *a) {
    mpfr_t l;
    mpfr_init2(l, mpfr_get_prec(r->lo));
    sigmoid_end(l, a->lo, 0);
    sigmoid_end(r->hi, a->hi, 1);
    mpfr_swap(r->lo, l);
    mpfr_clear(l);
}

long ab_iv_tiny(mpfr_t y, int negative) {
    mpfr_set_zero(y, negative ? -1 : 1);
    return negative ? AB_REF_BELOW : AB_REF_ABOVE;
}

long ab_iv_result(mpfr_t y, const ab_iv *a) {
    if (!mpfr_number_p(a->lo) || !mpfr_number_p(a->hi)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        if (mpfr_number_p(a->lo)) mpfr_set(y, a->lo, MPFR_RNDN);
        else if (mpfr_number_p(a->hi)) mpfr_set(y, a->hi, MPFR_RNDN);
        if (mpfr_zero_p(y)) mpfr_set_ui(y, 1, MPFR_RNDN);
        return 1L << 40;
    }
    if (mpfr_equal_p(a->lo, a->hi)) {
        mpfr_set_prec(y, mpfr_get_prec(a->lo));
        mpfr_set(y, a->lo, MPFR_RNDN);  /* exact: same precision */
        return AB_REF_EXACT;
    }
    mpfr_prec_t p = mpfr_get_prec(a->lo);
    if (mpfr_get_prec(a->hi) > p) p = mpfr_get_prec(a->hi);
    mpfr_t w;
    mpfr_init2(w, p);
    mpfr_sub(w, a->hi, a->lo, HI);
    long E = (long)mpfr_get_exp(w);   /* hi - lo <= w < 2^E */
    mpfr_clear(w);
    /* The midpoint rounded to nearest at p + 1 bits lies in [lo, hi]
     * (rounding is monotone and both ends are representable). */
    mpfr_set_prec(y, p + 1);
    mpfr_add(y, a->lo, a->hi, MPFR_RNDN);
    mpfr_div_2ui(y, y, 1, MPFR_RNDN);
    if (mpfr_zero_p(y)) mpfr_set(y, a->hi, MPFR_RNDN);
    return E;
}
