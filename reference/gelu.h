/* gelu.h: MPFR reference for gelu (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_GELU_H
#define AB_REF_GELU_H
#include "../api/actbench.h"

/* gelu's minimum (x Phi(x)), -0.169971207479903661693868470982 at x =
 * -0.75179152469356445746 (scripts/props/minima.py), rounded down to f32
 * and to f64: the declared range's lower end, and the clamp of the SLEEF
 * compositions (SLEEF's erfcf_u15 puts 195 outputs below it from
 * x = -0x1.80fcfep-1 on: every f32 input, 2026-11-30). */
#define AB_GELU_MIN32 (-0x1.5c19dep-3f)
#define AB_GELU_MIN64 (-0x1.5c19dd4b1a3fcp-3)

long ab_ref_gelu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
