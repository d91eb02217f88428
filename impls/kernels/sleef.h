/* sleef.h: SLEEF 3.5's declarations for the AVX2 / AVX-512F peers.
 *
 * SLEEF's header declares its AVX2 / AVX-512 entry points only when
 * __AVX__ / __AVX512F__ are defined, so it is included under a target
 * pragma (declarations only: no code is compiled under it).  With __AVX2__
 * defined it also defines FP_FAST_FMA[F], which must not leak into the
 * scalar kernels' choices (log1p.h's exact residual): undo that. */
#ifndef AB_KERNELS_SLEEF_H
#define AB_KERNELS_SLEEF_H

#include <math.h>
#ifndef FP_FAST_FMA
#define AB__UNDEF_FP_FAST_FMA
#endif
#ifndef FP_FAST_FMAF
#define AB__UNDEF_FP_FAST_FMAF
#endif
#pragma GCC push_options
#pragma GCC target("avx2,fma,avx512f")
#include <sleef.h>
#pragma GCC pop_options
#ifdef AB__UNDEF_FP_FAST_FMA
#undef FP_FAST_FMA
#undef AB__UNDEF_FP_FAST_FMA
#endif
#ifdef AB__UNDEF_FP_FAST_FMAF
#undef FP_FAST_FMAF
#undef AB__UNDEF_FP_FAST_FMAF
#endif


#endif /* AB_KERNELS_SLEEF_H */
