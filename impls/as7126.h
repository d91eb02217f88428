/* as7126.h: Abramowitz & Stegun 7.1.26 (Hastings), the classic rational-
 * times-Gaussian approximation, for the erf and erfc "approx" variants:
 *   erfc(x) ~ (a1 t + a2 t^2 + a3 t^3 + a4 t^4 + a5 t^5) e^(-x^2),
 *   t = 1 / (1 + p x),  x >= 0,
 * with |error| <= 1.5e-7 absolute (A&S's stated bound, on erf).  The bound
 * is absolute: it says nothing relative near erf's zero (at x = 0 the
 * polynomial sums to 1 - 1e-9, not 1) or in erfc's tail (as x -> inf the
 * ratio to erfc tends to (a1/p) sqrt(pi) = 1.38, not 1).  e^(-x^2) comes
 * from ab_exp_approx_* (approx_math.h). */
#ifndef AB_AS7126_H
#define AB_AS7126_H
#include "approx_math.h"

#define AS_P 0.3275911
#define AS_A1 0.254829592
#define AS_A2 -0.284496736
#define AS_A3 1.421413741
#define AS_A4 -1.453152027
#define AS_A5 1.061405429

/* The A&S erfc for a >= 0 (or NaN, which propagates). */
static inline float ab_as7126_erfc_pos_f32(float a) {
    float t = 1.0f / (1.0f + (float)AS_P * a);
    float poly = t * ((float)AS_A1 + t * ((float)AS_A2 + t * ((float)AS_A3 + t * ((float)AS_A4 + t * (float)AS_A5))));
    return poly * ab_exp_approx_f32(-(a * a));
}
static inline double ab_as7126_erfc_pos_f64(double a) {
    double t = 1.0 / (1.0 + AS_P * a);
    double poly = t * (AS_A1 + t * (AS_A2 + t * (AS_A3 + t * (AS_A4 + t * AS_A5))));
    return poly * ab_exp_approx_f64(-(a * a));
}
#endif
