/* Native binary16 kernels (AVX-512 FP16: vfmadd...ph, vdivph, vscalefph,
 * vrndscaleph on 32 lanes of __m512h) for exp, sigmoid, silu, tanh,
 * softplus and gelu, at the f16 precision (ab_fn_f16), and their
 * bit-exact emulations.
 *
 * Each kernel is written once, in kernels/f16_body.h, over an op layer,
 * and instantiated twice:
 *  - native (kernels/f16_ops_native.h): AB_VECTOR, isa "avx512fp16" (the
 *    registry runs it only where __builtin_cpu_supports("avx512fp16"),
 *    e.g. Sapphire Rapids; listed as unavailable elsewhere);
 *  - emulated (kernels/f16_ops_emu.h): AB_APPROX, isa "scalar", named
 *    "emu-" + the native name; every op gives exactly the binary16 result
 *    of its instruction (the header says why), so on a CPU without
 *    AVX-512 FP16 (AMD Zen 4 has AVX-512 BF16 but not FP16) the sweep of
 *    the emulation is the native kernel's accuracy, input for input.
 * tests/test_f16_native.c compares the two on all 65,536 inputs where the
 * CPU has AVX-512 FP16 (and says it skipped otherwise), and checks the
 * emulated ops against MPFR.
 *
 * Declared bounds: the exhaustive sweep's max (every f16 input, via the
 * emulation), rounded up a little; see each variant. */
#include "../api/actbench.h"
#include "expected.h"

/* gcc 12 declares __m512h under a function's target attribute; clang
 * before 16 (clang 14 builds the fuzz targets) only under -mavx512fp16:
 * there the native twins are left out and the emulations stand alone. */
#if defined(__clang__) && __clang_major__ < 16
#define AB_F16_NATIVE 0
#else
#define AB_F16_NATIVE 1
#include "kernels/f16_ops_native.h"
#include "kernels/f16_body.h"
#endif

#include "kernels/f16_ops_emu.h"
#include "kernels/f16_body.h"

#if AB_F16_NATIVE
#define F16_NATIVE_VARIANT(op, name, bound, formula, classes, reason)                 \
    AB_VARIANT_EXPECTING(name, AB_VECTOR, "avx512fp16", bound, formula,               \
                         h16nat_##op##_batch, classes, reason),
#else
#define F16_NATIVE_VARIANT(op, name, bound, formula, classes, reason)
#endif

/* Both twins of a kernel: the native one and its emulation, with the same
 * bound and expected failures (the emulation's sweep is the native one's). */
#define F16_VARIANTS(op, name, bound, formula, classes, reason)                      \
    static const ab_variant op##_f16_variants[] = {                                  \
        F16_NATIVE_VARIANT(op, name, bound, formula, classes, reason)                 \
        AB_VARIANT_EXPECTING("emu-" name, AB_APPROX, "scalar", bound,                 \
                             "bit-exact emulation of " name ": " formula,             \
                             h16emu_##op##_batch, classes, reason),                   \
    };                                                                               \
    AB_REGISTER_VARIANTS(#op, op##_f16_variants)

/* Per vector of 32 (gcc 12 -O2, counted in the disassembly): 11 ph
 * instructions.  Exhaustive (all 65,536 inputs, via the emulation): max
 * 0.832 ulp at x = -0x1.3dcp+3 (the result is subnormal: p's rounding,
 * then vscalefph's), 98.6% correctly rounded; one pair of neighbouring
 * outputs out of order (x = -0x1.cep-3). */
F16_VARIANTS(exp, "avx512fp16-rr1-p4", 0.9,
             "f16 ops: clamp [-18,12]; n=rint(x*log2e), r=x-n*ln2 (hi exact by fma, lo), Horner p4, vscalefph",
             AB_FAIL_MONOTONE, AB_WHY_MONO_OWN)
/* 24 ph instructions (one vdivph).  max 0.758 at x = -0x1.4ap+3
 * (subnormal result), 99.3% correctly rounded. */
F16_VARIANTS(sigmoid, "avx512fp16-rr1-p4-div-nr", 0.8,
             "f16 ops: e=exp(-|x|)=(p+plo)*2^n; (x<0 ? p+plo : 1)/(1+e), 1+e as hi+lo, vdivph 1/hi then one residual correction; x<0: vscalefph by n",
             0, NULL)
/* 29 ph instructions (one vdivph).  max 0.832 at x = -0x1.874p+3, 97.4%
 * correctly rounded. */
F16_VARIANTS(silu, "avx512fp16-rr1-p4-div-nr", 0.9,
             "f16 ops: x*sigmoid(x) as fma(x, q0, x*corr) with sigmoid's corrected quotient q0+corr, one vscalefph; |x|<2^-14: x/2 with its tie broken upward",
             0, NULL)
/* 28 ph instructions (one vdivph).  max 0.964 at x = -0x1.3e4p-1 (just
 * above the split), 98.9% correctly rounded. */
F16_VARIANTS(tanh, "avx512fp16-odd7-rr1-p4-div-nr", 1.0,
             "f16 ops: |x|<0.5625: x+x^3*p(x^2) (odd, degree 7); else 1-2u/(1+u), u=exp(-2|x|), corrected division; sign of x",
             0, NULL)
/* 40 ph instructions (one vdivph).  max 0.782 at x = -0x1.dcp-2, 96.7%
 * correctly rounded.  Its rounding errors still put 38 pairs of
 * neighbouring outputs out of order (the sweep's monotone column; y grows
 * by a fraction of an ulp per input step for x in [2^-10, 1/2]). */
F16_VARIANTS(softplus, "avx512fp16-rr1-p4-atanh5-div-nr", 0.85,
             "f16 ops: e=exp(-|x|)=(p+plo)*2^n, log1p(e)=2*atanh(e/(2+e)) (odd degree 5) with the corrected quotient; x<0: scalef by n; x>=0: x+log1p(e) with x+2q0 exact (Fast2Sum), one rounding",
             AB_FAIL_MONOTONE, AB_WHY_MONO_OWN)
/* 29 ph instructions and 4 vpermt2w (no division).  max 1.196 at
 * x = -0x1.dfp+0, 94.7% correctly rounded. */
F16_VARIANTS(gelu, "avx512fp16-rr1-p4-tbl64q", 1.25,
             "f16 ops: x*Phi(x), Phi(-|x|)=exp(-x^2/2)*R(|x|): x^2/2 as hi+lo, exp as 1+pm1, R from 64 quadratics (vpermt2w tables); x<0: x*Q*2^n, x>=0: x-x*Q (fnma)",
             0, NULL)
