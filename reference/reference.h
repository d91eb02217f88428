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

#define AB_REF_MAX_PREC 10000

typedef enum {
    AB_V_FINITE = 0,  /* v = (m_hi + m_lo) * 2^e, 0.5 <= |m_hi + m_lo| < 1 */
    AB_V_ZERO,        /* v is exactly 0 (or below MPFR's extended range)   */
    AB_V_INF,         /* v is exactly +-inf (or above MPFR's extended range) */
    AB_V_NAN
} ab_value_kind;

typedef struct {
    double cr;          /* correctly rounded f(x) in the target format     */
    double m_hi, m_lo;  /* the high-precision value, for fractional ULPs   */
    long e;
    unsigned char kind; /* ab_value_kind */
    unsigned char cap_hit;
    unsigned short bits;/* working precision at which rounding was decided */
} ab_refval;

typedef struct ab_ref_ctx ab_ref_ctx;

/* One context per thread.  Fails (NULL) only on allocation failure. */
ab_ref_ctx *ab_ref_ctx_new(void);
void ab_ref_ctx_free(ab_ref_ctx *c);

/* The Ziv decision shared by the elementwise and the row loops: given a
 * reference's (y, E) (E an error exponent, AB_REF_EXACT, AB_REF_ABOVE or
 * AB_REF_BELOW, see api/actbench.h), returns 1 and sets *cr to the
 * correctly rounded value when it is decided at this precision, else 0.
 * The scratch is per thread. */
typedef struct {
    mpfr_t lo, hi, t32, t64;
} ab_ziv_scratch;
void ab_ziv_scratch_init(ab_ziv_scratch *s);
void ab_ziv_scratch_clear(ab_ziv_scratch *s);
int ab_ziv_decide(ab_ziv_scratch *s, const mpfr_t y, long E, ab_precision prec, double *cr);
/* Stores y (with E, the answer that decided it) into out's value fields:
 * kind, exponent e and mantissa m_hi + m_lo, with e f's binade (a
 * direction toward zero from a power of two is in the binade below). */
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
