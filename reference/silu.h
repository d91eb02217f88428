/* silu.h: MPFR reference for silu (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_SILU_H
#define AB_REF_SILU_H
#include "../api/actbench.h"

/* silu's minimum, -0.278464542761073795... at x = -1.27846454276107379
 * (scripts/props/minima.py), rounded down to f32 and to f64: the declared
 * range's lower end, and the clamp of the f32 kernels (an approximation
 * within a few ulps can land below it near x = -1.2785). */
#define AB_SILU_MIN32 (-0x1.1d25d0p-2f)
#define AB_SILU_MIN64 (-0x1.1d25cf210482ep-2)

long ab_ref_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
