/* gelu_tanh.h: MPFR reference for gelu_tanh (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_GELU_TANH_H
#define AB_REF_GELU_TANH_H
#include "../api/actbench.h"

/* gelu_tanh's minimum, -0.170040750571254050639067427988 at x =
 * -0.75246142207101625849 (scripts/props/minima.py), rounded down to f32
 * and to f64: the declared range's lower end, and the clamp of the
 * kernels (an approximation within a few ulps lands below it near
 * x = -0.7525: every f32 input, 2026-11-30). */
#define AB_GELU_TANH_MIN32 (-0x1.5c3e54p-3f)
#define AB_GELU_TANH_MIN64 (-0x1.5c3e533586d1ap-3)

long ab_ref_gelu_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
