/* mish.h: MPFR reference for mish (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_MISH_H
#define AB_REF_MISH_H
#include "../api/actbench.h"

/* mish's minimum, -0.308843413017250406... (scripts/props/minima.py),
 * rounded down to f32 and to f64: the declared range's lower end, and the
 * clamp of the f32 kernels (within a few ulps, they can land below it). */
#define AB_MISH_MIN32 (-0x1.3c4174p-2f)
#define AB_MISH_MIN64 (-0x1.3c417299f9f85p-2)

long ab_ref_mish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
