/* sigmoid.h: the scalar sigmoid on the own exp kernel (exp.h).
 *
 * e = exp(-|x|) in (0, 1]: x >= 0 -> 1/(1+e), x < 0 -> e/(1+e).  Using -|x|
 * means exp never overflows and 1+e never cancels; for very negative x the
 * result degrades gracefully to e (including the subnormal range). */
#ifndef AB_KERNELS_SIGMOID_H
#define AB_KERNELS_SIGMOID_H

#include <math.h>
#include "exp.h"

/* max error measured: 2.40 ULP on all 2^32 float inputs (4294967296 inputs, exhaustive) */
static inline float ab_sigmoid_approx_f32(float x)
{
    if (x != x) return x + x;
    float e = ab_exp_approx_f32(-fabsf(x));
    float d = 1.0f + e;
    return (x >= 0.0f) ? 1.0f / d : e / d;
}

/* max error measured: 2.17 ULP on [-760, 760] (10^7 random bit patterns across binades + specials) */
static inline double ab_sigmoid_approx_f64(double x)
{
    if (x != x) return x + x;
    double e = ab_exp_approx_f64(-fabs(x));
    double d = 1.0 + e;
    return (x >= 0.0) ? 1.0 / d : e / d;
}

#endif /* AB_KERNELS_SIGMOID_H */
