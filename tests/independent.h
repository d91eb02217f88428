/* independent.h: independent MPFR evaluations for checking the references.
 *
 * Each activation registers a second formula, written differently from
 * its reference where possible (e.g. sigmoid through tanh), evaluated once
 * at 4x the target precision and rounded with mpfr_get_flt / mpfr_get_d
 * (MPFR's own rounding, not the harness's exponent-range emulation).
 * test_reference.c requires one for every registered activation. */
#ifndef AB_TEST_INDEPENDENT_H
#define AB_TEST_INDEPENDENT_H
#include <mpfr.h>

/* Set y (precision already set by the caller) to f(x), rounded to nearest. */
typedef void (*ab_independent_fn)(mpfr_t y, const mpfr_t x);

void ab_register_independent(const char *activation, ab_independent_fn f);
ab_independent_fn ab_find_independent(const char *activation);

#define AB_INDEPENDENT(act, fn)                                             \
    __attribute__((constructor)) static void ab_indep_##fn(void) {          \
        ab_register_independent(act, fn);                                   \
    }
#endif
