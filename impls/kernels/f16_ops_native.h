/* f16_ops_native.h: the binary16 op layer of kernels/f16_body.h on
 * AVX-512 FP16: 32 lanes of __m512h, each op one instruction (vaddph,
 * vfmadd...ph, vscalefph, vrndscaleph, ...; sign and blend ops are integer
 * bit operations).  Include this, then f16_body.h (which undefines the
 * layer at its end); kernels/f16_ops_emu.h is the same layer emulated
 * bit-exactly on any x86-64.
 *
 * Every op here is an IEEE 754 binary16 operation with one rounding to
 * nearest even, gradual underflow and overflow to infinity (MXCSR as a C
 * program starts: round to nearest, DAZ and FTZ clear; actbench never
 * changes it), and vrndscaleph / vscalefph are exact or round once.  No vrcpph / vrsqrtph:
 * their results are implementation-defined (not IEEE), so they could not
 * be emulated bit for bit. */
#include <immintrin.h>
#include <stdint.h>
#include "../../api/actbench.h"

#define F16_ATTR __attribute__((target("avx512fp16,avx512bw,avx512vl"), always_inline)) static inline
#define F16_FN_ATTR __attribute__((target("avx512fp16,avx512bw,avx512vl"))) static
#define F16_FN(name) h16nat_##name

#define F16V __m512h
#define F16M __mmask32

/* c must be a binary16 value (f16_body.h's constants are): the
 * conversion is then exact. */
#define H_SET(c) _mm512_set1_ph((_Float16)(c))
#define H_ADD(a, b) _mm512_add_ph(a, b)
#define H_SUB(a, b) _mm512_sub_ph(a, b)
#define H_MUL(a, b) _mm512_mul_ph(a, b)
#define H_DIV(a, b) _mm512_div_ph(a, b)
#define H_FMA(a, b, c) _mm512_fmadd_ph(a, b, c)   /* a b + c */
#define H_FMS(a, b, c) _mm512_fmsub_ph(a, b, c)   /* a b - c */
#define H_FNMA(a, b, c) _mm512_fnmadd_ph(a, b, c) /* c - a b */
#define H_SCALEF(a, b) _mm512_scalef_ph(a, b)     /* a 2^floor(b) */
#define H_RINT(a) _mm512_roundscale_ph(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
/* x86 min/max: a < b ? a : b (a > b ? a : b); a NaN in either gives b. */
#define H_MIN(a, b) _mm512_min_ph(a, b)
#define H_MAX(a, b) _mm512_max_ph(a, b)
#define H_LT(a, b) _mm512_cmp_ph_mask(a, b, _CMP_LT_OQ)
#define H_BLEND(m, a, b) _mm512_mask_blend_ph(m, a, b) /* m ? b : a */

/* tbl[low 6 bits of t's encoding], tbl a const uint16_t[64] of binary16
 * encodings (vpermt2w: two 32-entry halves). */
#define H_TBL64(t, tbl) \
    H_OF_BITS(_mm512_permutex2var_epi16(_mm512_loadu_si512(tbl), H_BITS(t), _mm512_loadu_si512((tbl) + 32)))

/* Sign-bit operations (exact). */
#define H_BITS(a) _mm512_castph_si512(a)
#define H_OF_BITS(i) _mm512_castsi512_ph(i)
#define H_SIGNBIT_ _mm512_set1_epi16((short)0x8000)
#define H_ABS(a) _mm512_abs_ph(a)
#define H_NEGABS(a) H_OF_BITS(_mm512_or_si512(H_BITS(a), H_SIGNBIT_))
#define H_XORSIGN(a, s) H_OF_BITS(_mm512_xor_si512(H_BITS(a), _mm512_and_si512(H_BITS(s), H_SIGNBIT_)))
#define H_SIGNMASK(a) _mm512_movepi16_mask(H_BITS(a))

/* y[i] = kernel(x[i]): full vectors, then one masked vector whose tail
 * lanes are loaded as 0 and never stored (lane-wise kernels: a tail
 * element gets the bits of a long call).  x == y works. */
#define F16_BATCH(name, kernel)                                                         \
    F16_FN_ATTR void name(const ab_f16 *x, ab_f16 *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        for (; i + 32 <= n; i += 32)                                                    \
            _mm512_storeu_si512(y + i, H_BITS(kernel(H_OF_BITS(_mm512_loadu_si512(x + i))))); \
        if (i < n) {                                                                    \
            __mmask32 m = (__mmask32)((1ull << (n - i)) - 1u);                          \
            F16V v = H_OF_BITS(_mm512_maskz_loadu_epi16(m, x + i));                     \
            _mm512_mask_storeu_epi16(y + i, m, H_BITS(kernel(v)));                      \
        }                                                                               \
    }
