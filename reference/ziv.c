/* ziv.c: Ziv's rounding test around the reference formulas. */
#include "reference.h"
#include "ref_common.h"
#include "format.h"
#include <math.h>
#include <stdlib.h>

struct ab_ref_ctx {
    mpfr_t x, y, scaled;
    ab_ziv_scratch z;
    mpfr_t tmp[AB_REF_TEMPS];
};

int ab_format_bits(ab_precision prec) { return ab_fmt(prec)->p; }

/* The smallest subnormal is 2^(emin-1) in MPFR's convention. */
static mpfr_exp_t fmt_emin(ab_precision p) { return ab_fmt(p)->emin - ab_fmt(p)->p + 1; }
static mpfr_exp_t fmt_emax(ab_precision p) { return ab_fmt(p)->emax; }

ab_ref_ctx *ab_ref_ctx_new(void) {
    ab_ref_ctx *c = malloc(sizeof *c);
    if (!c) return NULL;
    /* Work in MPFR's widest exponent range: intermediates such as
     * exp(-x) for x = -700 must not overflow before the division. */
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    mpfr_inits2(64, c->x, c->y, c->scaled, (mpfr_ptr)0);
    ab_ziv_scratch_init(&c->z);
    for (int i = 0; i < AB_REF_TEMPS; i++) mpfr_init2(c->tmp[i], 64);
    return c;
}

void ab_ref_ctx_free(ab_ref_ctx *c) {
    if (!c) return;
    mpfr_clears(c->x, c->y, c->scaled, (mpfr_ptr)0);
    ab_ziv_scratch_clear(&c->z);
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
    /* exact: t holds a value of the format (p <= 24 bits: a float) */
    double r = ab_out_prec(prec) == AB_F64 ? mpfr_get_d(t, MPFR_RNDN)
                                           : (double)mpfr_get_flt(t, MPFR_RNDN);
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

/* The exponent of the grid step q (reference.h) in the binade e. */
static long grid_qexp(long e, ab_precision prec) {
    long emin = ab_fmt(prec)->emin;
    return (e > emin ? e : emin) - ab_format_bits(prec) - 2;
}

/* v / q as an MPFR number (exact: a scaling), in g. */
static void grid_scale(mpfr_t g, const mpfr_t v, long qexp) {
    mpfr_set_prec(g, mpfr_get_prec(v));
    mpfr_mul_2si(g, v, -qexp, MPFR_RNDN);
}

/* f's binade e as ab_grid stores it, an int: MPFR's exponents reach
 * +-2^62, and a plain cast wraps (e^-1e16 would get a positive binade).
 * Below emin the grid step no longer depends on e, and beyond emax the
 * grid is not used, so clamping to +-2^30 keeps every use exact. */
static int grid_e(long e) {
    return e < -(1L << 30) ? -(1 << 30) : e > (1L << 30) ? (1 << 30) : (int)e;
}

/* f = y exactly, or y is 0 read as f beyond MPFR's range on its side. */
static void grid_point(ab_ziv_scratch *s, const mpfr_t y, long E, ab_precision prec, ab_grid *g) {
    g->valid = 1;
    if (mpfr_zero_p(y)) {
        g->e = (int)ab_fmt(prec)->emin;
        g->exact = E == AB_REF_EXACT;
        /* the cell above 0 or below it */
        int below = E == AB_REF_BELOW || (E != AB_REF_EXACT && E != AB_REF_ABOVE && mpfr_signbit(y));
        g->index = below ? -1 : 0;
        return;
    }
    long e = mpfr_get_exp(y);
    g->e = grid_e(e);
    grid_scale(s->g, y, grid_qexp(e, prec));
    g->exact = mpfr_integer_p(s->g) != 0;
    g->index = mpfr_get_si(s->g, MPFR_RNDD);
}

/* f strictly beside y (a direction): in the cell of y's side, whose
 * binade is y's own unless y is a power of two and f lies toward 0. */
static void grid_beside(ab_ziv_scratch *s, const mpfr_t y, long E, ab_precision prec, ab_grid *g) {
    int up = E == AB_REF_ABOVE;
    int toward_zero = up == (mpfr_sgn(y) < 0);
    g->valid = 1;
    g->exact = 0;
    long e = mpfr_get_exp(y);
    mpfr_set_prec(s->g, mpfr_get_prec(y));
    mpfr_abs(s->g, y, MPFR_RNDN);
    if (toward_zero && mpfr_cmp_ui_2exp(s->g, 1, e - 1) == 0) e -= 1;
    g->e = grid_e(e);
    grid_scale(s->g, y, grid_qexp(e, prec));
    g->index = mpfr_get_si(s->g, MPFR_RNDD);
    if (!up && mpfr_integer_p(s->g)) g->index -= 1;
}

/* f in [lo, hi]: decided when no multiple of q lies in it, q taken from
 * the end of larger magnitude r.  If [lo, hi] crossed a power of two 2^k
 * <= |r|, it would hold a multiple of q: 2^k itself when q <= 2^k, else
 * q (2^k < q <= |r|); so a decided interval lies in one binade, whose
 * grid points are exactly those multiples. */
static int grid_interval(ab_ziv_scratch *s, ab_precision prec, ab_grid *g) {
    int sl = mpfr_sgn(s->lo), sh = mpfr_sgn(s->hi);
    if (sl == 0 || sh == 0 || sl != sh) return 0;  /* holds 0, a grid point */
    mpfr_ptr r = sh > 0 ? s->hi : s->lo;
    long e = mpfr_get_exp(r), qe = grid_qexp(e, prec);
    grid_scale(s->g, s->lo, qe);
    if (mpfr_integer_p(s->g)) return 0;
    long G = mpfr_get_si(s->g, MPFR_RNDD);
    grid_scale(s->g, s->hi, qe);
    if (mpfr_cmp_si(s->g, G + 1) >= 0) return 0;
    g->valid = 1;
    g->exact = 0;
    g->e = grid_e(e);
    g->index = G;
    return 1;
}

/* The one Ziv decision, for elementwise and row references alike.  A
 * NaN, an infinity and AB_REF_EXACT decide at once.  A direction decides
 * through a stand-in: y's neighbour at two more bits lies strictly
 * between y and y's own neighbour, as f does, and since prec(y) >= p + 2
 * no grid point (reference.h: rounding boundaries included) separates the
 * two.  Otherwise [y - 2^E, y + 2^E] must lie strictly inside one cell of
 * the grid; then every value in it rounds as y does.  A zero y decides at
 * once, as y's signed zero: by the contract (api/actbench.h) it is exact,
 * or f is beyond MPFR's exponent range on y's side of zero, where every
 * format rounds it to that zero.  Beyond the format's range (|y| >=
 * 2^emax) the rounding alone decides: the result is an infinity. */
int ab_ziv_decide(ab_ziv_scratch *s, const mpfr_t y, long E, ab_precision prec, ab_refval *out) {
    mpfr_t *t = &s->t[ab_out_prec(prec)];
    out->grid.valid = 0;
    if (mpfr_nan_p(y)) { out->cr = NAN; return 1; }
    if (mpfr_inf_p(y)) { out->cr = round_into(*t, y, 0, prec); return 1; }
    if (E == AB_REF_EXACT || mpfr_zero_p(y)) {
        out->cr = round_into(*t, y, 0, prec);
        grid_point(s, y, E, prec, &out->grid);
        return 1;
    }
    mpfr_prec_t q = mpfr_get_prec(y);
    if (E == AB_REF_ABOVE || E == AB_REF_BELOW) {
        if (q < ab_format_bits(prec) + 2) return 0; /* outside the contract: refine */
        mpfr_set_prec(s->lo, q + 2);
        mpfr_set(s->lo, y, MPFR_RNDN); /* exact */
        if (E == AB_REF_ABOVE) mpfr_nextabove(s->lo);
        else mpfr_nextbelow(s->lo);
        out->cr = round_into(*t, s->lo, 0, prec);
        grid_beside(s, y, E, prec, &out->grid);
        return 1;
    }
    mpfr_set_prec(s->lo, q);
    mpfr_set_prec(s->hi, q);
    mpfr_set_ui_2exp(s->hi, 1, E, MPFR_RNDN);
    mpfr_sub(s->lo, y, s->hi, MPFR_RNDD);
    mpfr_add(s->hi, y, s->hi, MPFR_RNDU);
    if (grid_interval(s, prec, &out->grid)) {
        out->cr = round_into(*t, y, 0, prec);
        return 1;
    }
    if (mpfr_get_exp(y) <= fmt_emax(prec)) return 0;
    /* The ends are exact numbers: round each as it stands. */
    double rlo = round_into(*t, s->lo, 0, prec);
    double rhi = round_into(*t, s->hi, 0, prec);
    if (rlo == rhi && signbit(rlo) == signbit(rhi) && mpfr_sgn(s->lo) == mpfr_sgn(s->hi)) {
        out->cr = rlo;
        return 1;
    }
    return 0;
}

void ab_ziv_store(mpfr_t scaled, const mpfr_t y, long E, ab_refval *out) {
    out->m_hi = out->m_lo = 0;
    out->e = 0;
    ab_ref_store_value(scaled, y, out);
    /* A direction toward zero from a power of two: f lies in the binade
     * below y's (m = 1/2 exactly: y = +-2^(e-1)). */
    int toward_zero = (E == AB_REF_BELOW && mpfr_sgn(y) > 0) || (E == AB_REF_ABOVE && mpfr_sgn(y) < 0);
    if (toward_zero && out->kind == AB_V_FINITE && fabs(out->m_hi) == 0.5 && out->m_lo == 0) {
        out->m_hi *= 2;
        out->e -= 1;
    }
}

double ab_ziv_round(ab_ziv_scratch *s, const mpfr_t y, ab_precision prec) {
    return round_into(s->t[ab_out_prec(prec)], y, 0, prec);
}

void ab_ziv_scratch_init(ab_ziv_scratch *s) {
    mpfr_inits2(64, s->lo, s->hi, s->g, (mpfr_ptr)0);
    for (int p = AB_F32; p <= AB_F16; p++) mpfr_init2(s->t[p], ab_fmt((ab_precision)p)->p);
}

void ab_ziv_scratch_clear(ab_ziv_scratch *s) {
    mpfr_clears(s->lo, s->hi, s->g, (mpfr_ptr)0);
    for (int p = AB_F32; p <= AB_F16; p++) mpfr_clear(s->t[p]);
}

void ab_reference_eval(ab_ref_ctx *c, ab_reference_fn f, ab_precision prec,
                       double x, ab_refval *out) {
    mpfr_set_prec(c->x, 53);
    mpfr_set_d(c->x, x, MPFR_RNDN); /* exact: x is a value of a format */
    out->cap_hit = 0;
    out->has_dr = 0;
    out->m_hi = out->m_lo = 0;
    out->e = 0;
    mpfr_prec_t p = ab_out_prec(prec) == AB_F64 ? 96 : 64;
    long E;
    for (;;) {
        mpfr_set_prec(c->y, p);
        E = f(c->y, c->x, p, c->tmp);
        if (ab_ziv_decide(&c->z, c->y, E, prec, out)) break;
        if (p >= AB_REF_MAX_PREC) {
            out->cap_hit = 1;
            out->grid.valid = 0;
            out->cr = ab_ziv_round(&c->z, c->y, prec);
            break;
        }
        p = p * 2 > AB_REF_MAX_PREC ? AB_REF_MAX_PREC : p * 2;
    }
    out->bits = (unsigned short)p;
    ab_ziv_store(c->scaled, c->y, E, out);
}
