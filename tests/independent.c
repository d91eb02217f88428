/* independent.c: the registry of independent formulas, and those of the
 * foundation activations. */
#include "independent.h"
#include <string.h>

typedef struct { const char *name; ab_independent_fn f; } entry;
static entry table[256];
static size_t n_table;

void ab_register_independent(const char *activation, ab_independent_fn f) {
    if (n_table < sizeof table / sizeof *table) table[n_table++] = (entry){activation, f};
}

ab_independent_fn ab_find_independent(const char *activation) {
    for (size_t i = 0; i < n_table; i++)
        if (strcmp(table[i].name, activation) == 0) return table[i].f;
    return NULL;
}

/* sigmoid(x) = (1 + tanh(x/2)) / 2: a different path from 1/(1+e^-x).
 * For very negative x, 1 + tanh(x/2) cancels; the extra precision of the
 * caller (4x) and the exactness of the cancellation (tanh is close to -1,
 * so 1 + t is exact) keep it right until sigmoid drops below 2^-(4p),
 * where it uses e^x(1 - e^x) instead (error below e^(3x)). */
static void sigmoid_indep(mpfr_t y, const mpfr_t x) {
    mpfr_prec_t p = mpfr_get_prec(y);
    mpfr_t t;
    mpfr_init2(t, p + 16);
    if (mpfr_cmp_si(x, -(long)p / 2) < 0) {
        mpfr_exp(t, x, MPFR_RNDN);           /* e^x */
        mpfr_t u;
        mpfr_init2(u, p + 16);
        mpfr_ui_sub(u, 1, t, MPFR_RNDN);
        mpfr_mul(y, t, u, MPFR_RNDN);
        mpfr_clear(u);
    } else {
        mpfr_div_2ui(t, x, 1, MPFR_RNDN);
        mpfr_tanh(t, t, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_div_2ui(y, t, 1, MPFR_RNDN);
    }
    mpfr_clear(t);
}
AB_INDEPENDENT("sigmoid", sigmoid_indep)

/* MPFR's own correctly rounded tanh. */
static void tanh_indep(mpfr_t y, const mpfr_t x) { mpfr_tanh(y, x, MPFR_RNDN); }
AB_INDEPENDENT("tanh", tanh_indep)

/* x > 0: log(1 + e^x) directly (the reference uses x + log1p(e^-x));
 * x <= 0: log1p(e^x) at 4x precision.  Beyond x = 2^20, softplus(x) - x
 * < e^(-2^20), so x itself is the value to every precision used here. */
static void softplus_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_cmp_ui(x, 1u << 20) > 0 && mpfr_number_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 16);
    mpfr_exp(t, x, MPFR_RNDN);
    if (mpfr_sgn(x) > 0) {
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_log(y, t, MPFR_RNDN);
    } else {
        mpfr_log1p(y, t, MPFR_RNDN);
    }
    mpfr_clear(t);
}
AB_INDEPENDENT("softplus", softplus_indep)
