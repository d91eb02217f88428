/* half.h: the variants every elementwise activation gets in bf16, f16 and
 * bf16-f32 without a line of its own code:
 *   via-f32   widen exactly to f32, run the most accurate portable f32
 *             variant (smallest declared bound; scalar, not naive, not a
 *             library), round once to nearest even.  Its misroundings
 *             that a correctly rounded f32 step would make too are the
 *             double_rounded column.
 *   table     a 65,536-entry table of the correctly rounded outputs,
 *             built from the MPFR reference at first use: exact by
 *             construction, the speed bar for arithmetic kernels.
 *   avx512bf16-<k> / avx512-cvtph-<k>: the most accurate AVX-512 f32
 *             kernel k between the hardware's conversions (vcvtne2ps2bf16;
 *             vcvtph2ps and vcvtps2ph), dispatched at run time.
 * The registry adds them (ab_half_variants) when it first sorts. */
#ifndef AB_HALF_H
#define AB_HALF_H
#include "../api/actbench.h"

/* Fills out[0..max) with a's synthesised variants and, beside each,
 * whether its f32 base runs isolated (a plugin's); returns the count. */
size_t ab_half_variants(const ab_activation *a, ab_variant *out, int *isolated_base, size_t max,
                        int (*isolated)(const ab_variant *));
#endif
