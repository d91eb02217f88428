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

#include "kernels/f16_ops_native.h"
#include "kernels/f16_body.h"

#include "kernels/f16_ops_emu.h"
#include "kernels/f16_body.h"

/* name, kernel suffix, declared bound, formula */
#define F16_VARIANTS(op, name, bound, formula)                                         \
    static const ab_variant op##_f16_variants[] = {                                    \
        AB_VARIANT(name, AB_VECTOR, "avx512fp16", bound, formula, h16nat_##op##_batch), \
        AB_VARIANT("emu-" name, AB_APPROX, "scalar", bound,                            \
                   "bit-exact emulation of " name ": " formula, h16emu_##op##_batch),   \
    };                                                                                 \
    AB_REGISTER_VARIANTS(#op, op##_f16_variants)

F16_VARIANTS(exp, "avx512fp16-rr1-p4", 2.0,
             "f16 ops: n=rint(x*log2e), r=x-n*ln2 (hi exact by fma, lo), Horner p4, vscalefph")
F16_VARIANTS(sigmoid, "avx512fp16-rr1-p4-div-nr", 2.0,
             "f16 ops: e=exp(-|x|)=p*2^n; (x<0 ? p : 1)/(1+e) by vdivph of 1/hi and a residual correction on 1+e=hi+lo; x<0: scalef by n")
F16_VARIANTS(silu, "avx512fp16-rr1-p4-div-nr", 2.5,
             "f16 ops: x*sigmoid(x) with sigmoid as avx512fp16-rr1-p4-div-nr, one vscalefph at the end")
F16_VARIANTS(tanh, "avx512fp16-odd7-rr1-p4-div-nr", 2.0,
             "f16 ops: |x|<0.5625: x+x^3*p(x^2) (odd, degree 7); else 1-2u/(1+u), u=exp(-2|x|), residual-corrected division; sign of x")
F16_VARIANTS(softplus, "avx512fp16-rr1-p4-atanh5-div-nr", 2.5,
             "f16 ops: max(x,0)+log1p(e), e=exp(-|x|)=p*2^n, log1p(e)=2*atanh(e/(2+e)) (odd degree 5), residual-corrected division, scalef by n")
F16_VARIANTS(gelu, "avx512fp16-rr1-p4-tbl64q", 2.5,
             "f16 ops: x*Phi(x), Phi(-|x|)=exp(-x^2/2)*R(|x|): x^2/2 as hi+lo, exp as 1+pm1, R from 64 quadratics (vpermt2w tables, hi+lo constant); x<0: x*Q*2^n, x>=0: x-x*Q (fnma)")
