/* d_silu.h: MPFR reference for d_silu, the derivative of silu
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_SILU_H
#define AB_REF_D_SILU_H
#include "../api/actbench.h"

/* silu''s extrema, -0.0998393... at x = -2.3994 and 1.0998393... at
 * x = 2.3994 (silu'(x) + silu'(-x) = 1), rounded outward to f32 and f64:
 * the declared range, and the clamp of the fused f32 kernel (within a few
 * ulps of f, it put 1034 outputs beyond them on every f32 input). */
#define AB_D_SILU_MIN32 (-0x1.98f11ep-4f)
#define AB_D_SILU_MAX32 (0x1.198f12p+0f)
#define AB_D_SILU_MIN64 (-0x1.98f11d6cef08cp-4)
#define AB_D_SILU_MAX64 (0x1.198f11d6cef09p+0)

long ab_ref_d_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
