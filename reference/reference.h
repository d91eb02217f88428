/* reference.h: correctly rounded references by Ziv's strategy.
 *
 * A reference formula (ab_reference_fn) returns an approximation y of f(x)
 * with an error bound 2^E.  ab_reference_eval() raises the working precision
 * until every value in [y - 2^E, y + 2^E] rounds to the same target number,
 * with the target's exponent range emulated (mpfr_set_emin/emax,
 * mpfr_check_range, mpfr_subnormalize), so subnormal and overflowing results
 * are exactly the IEEE results.  The precision is capped at AB_REF_MAX_PREC
 * bits; hitting the cap is counted, never hidden. */
#ifndef AB_REFERENCE_H
#define AB_REFERENCE_H
#include "../api/actbench.h"
#include <stdint.h>

#define AB_REF_MAX_PREC 10000

typedef enum {
    AB_V_FINITE = 0,  /* v = (m_hi + m_lo) * 2^e, 0.5 <= |m_hi + m_lo| < 1 */
    AB_V_ZERO,        /* v is exactly 0 (or below MPFR's extended range)   */
    AB_V_INF,         /* v is exactly +-inf (or above MPFR's extended range) */
    AB_V_NAN
} ab_value_kind;

/* Where f(x) lies on the grid of p + 2 bits (f32: 26, f64: 55) with the
 * target's subnormal spacing extended two bits down (f32: multiples of
 * 2^-151 below 2^-126).  q = 2^(max(e, emin) - p - 2) for f's binade e
 * (2^(e-1) <= |f| < 2^e, emin = -125 / -1021); index = floor(f / q).
 * exact: f = index q; otherwise f lies strictly between index q and
 * (index + 1) q.  Every power of two, every rounding midpoint, 0, and
 * every point y +- k ulp/4 for a float y in f's binade or the two below
 * is a multiple of q, so this decides the binade of f, its rounding, and
 * whether |y - f| exceeds any multiple of ulp/4: the ULP error of an
 * output is exact where it is compared (ab_grid_ulps, harness/metrics.c).
 * valid = 0: not decided (the precision cap, or |f| beyond the format's
 * range, where the error of a finite output is huge anyway). */
typedef struct {
    int64_t index;
    int e;
    unsigned char valid, exact;
} ab_grid;

typedef struct {
    double cr;          /* correctly rounded f(x) in the target format     */
    double m_hi, m_lo;  /* the high-precision value, for fractional ULPs   */
    long e;
    unsigned char kind; /* ab_value_kind */
    unsigned char cap_hit;
    unsigned short bits;/* working precision at which rounding was decided */
    ab_grid grid;       /* f's place on the p + 2 bit grid                 */
    /* 16-bit formats (set by the sweep): dr, f rounded to f32 and then to
     * the format, when has_dr. */
    double dr;
    unsigned char has_dr;
} ab_refval;

typedef struct ab_ref_ctx ab_ref_ctx;

/* One context per thread.  Fails (NULL) only on allocation failure. */
ab_ref_ctx *ab_ref_ctx_new(void);
void ab_ref_ctx_free(ab_ref_ctx *c);

/* The Ziv decision shared by the elementwise and the row loops: given a
 * reference's (y, E) (E an error exponent, AB_REF_EXACT, AB_REF_ABOVE or
 * AB_REF_BELOW, see api/actbench.h), returns 1 when f's place on the grid
 * (ab_grid) is decided at this precision, and sets out->cr (the correctly
 * rounded value) and out->grid; else 0.  The scratch is per thread. */
typedef struct {
    mpfr_t lo, hi, g;
    mpfr_t t[4]; /* one per pure format (AB_F32 .. AB_F16), at its precision */
} ab_ziv_scratch;
void ab_ziv_scratch_init(ab_ziv_scratch *s);
void ab_ziv_scratch_clear(ab_ziv_scratch *s);
int ab_ziv_decide(ab_ziv_scratch *s, const mpfr_t y, long E, ab_precision prec, ab_refval *out);
/* Stores y (with E, the answer that decided it) into out's value fields:
 * kind, exponent e and mantissa m_hi + m_lo, with e f's binade (a
 * direction toward zero from a power of two is in the binade below).
 * out->grid must be set (by ab_ziv_decide, or valid = 0). */
void ab_ziv_store(mpfr_t scaled, const mpfr_t y, long E, ab_refval *out);
/* y rounded to the target as it stands (the value at the precision cap). */
double ab_ziv_round(ab_ziv_scratch *s, const mpfr_t y, ab_precision prec);

void ab_reference_eval(ab_ref_ctx *c, ab_reference_fn f, ab_precision prec,
                       double x, ab_refval *out);

/* Round an MPFR value to the target format with IEEE exponent range,
 * subnormals and overflow (round to nearest, ties to even).  inex is the
 * ternary value of the operation that produced v (0 if v is exact). */
double ab_round_to_format(const mpfr_t v, int inex, ab_precision prec);

/* Target format facts: p, and emin/emax in MPFR's convention
 * (2^(e-1) <= |v| < 2^e). */
int ab_format_bits(ab_precision prec);
#endif
