/* erfc.h: Abramowitz & Stegun 7.1.26 (Hastings), the classic rational-
 * times-Gaussian approximation, for the erf and erfc "approx" variants:
 *   erfc(x) ~ (a1 t + a2 t^2 + a3 t^3 + a4 t^4 + a5 t^5) e^(-x^2),
 *   t = 1 / (1 + p x),  x >= 0,
 * with |error| <= 1.5e-7 absolute (A&S's stated bound, on erf).  The bound
 * is absolute: it says nothing relative near erf's zero (at x = 0 the
 * polynomial sums to 1 - 1e-9, not 1) or in erfc's tail (as x -> inf the
 * ratio to erfc tends to (a1/p) sqrt(pi) = 1.38, not 1).  e^(-x^2) comes
 * from ab_exp_approx_* (exp.h). */
#ifndef AB_KERNELS_ERFC_H
#define AB_KERNELS_ERFC_H

#include "exp.h"

/* Not fitted here: A&S 7.1.26's published decimal constants (p = 0.3275911,
 * a1 = 0.254829592, a2 = -0.284496736, a3 = 1.421413741, a4 = -1.453152027,
 * a5 = 1.061405429), each rounded to double (printed with Python's
 * float.hex()).  The f32 kernel rounds them again to float. */
static const struct { double p, a1, a2, a3, a4, a5; } ab_as7126 = {
    .p = 0x1.4f740a93d7b8cp-2,
    .a1 = 0x1.04f20c6ec5a7ep-2,
    .a2 = -0x1.23531cc3c1469p-2,
    .a3 = 0x1.6be1c55bae157p+0,
    .a4 = -0x1.7401c57014c39p+0,
    .a5 = 0x1.0fb844255a12dp+0,
};

/* The A&S erfc for a >= 0 (or NaN, which propagates). */
static inline float ab_as7126_erfc_pos_f32(float a) {
    float t = 1.0f / (1.0f + (float)ab_as7126.p * a);
    float poly = t * ((float)ab_as7126.a1 + t * ((float)ab_as7126.a2 + t * ((float)ab_as7126.a3 +
                 t * ((float)ab_as7126.a4 + t * (float)ab_as7126.a5))));
    return poly * ab_exp_approx_f32(-(a * a));
}
static inline double ab_as7126_erfc_pos_f64(double a) {
    double t = 1.0 / (1.0 + ab_as7126.p * a);
    double poly = t * (ab_as7126.a1 + t * (ab_as7126.a2 + t * (ab_as7126.a3 + t * (ab_as7126.a4 + t * ab_as7126.a5))));
    return poly * ab_exp_approx_f64(-(a * a));
}

#endif /* AB_KERNELS_ERFC_H */
