/* f16_body.h: binary16 kernels written once over an op layer, included
 * twice by impls/f16_simd.c: after kernels/f16_ops_native.h (AVX-512 FP16,
 * __m512h) and after kernels/f16_ops_emu.h (the same ops emulated bit for
 * bit).  Every op is one binary16 operation rounded to nearest even
 * (11-bit significand, u = 2^-11), so both instantiations compute the same
 * bits, and the emulated one's exhaustive sweep is the native kernel's.
 * No include guard, except for the constants; the layer's macros are
 * undefined at the end.
 *
 * Shared piece, e^t = p 2^n (exp_parts):
 *  - n = rint(RN(t log2e)) (vrndscaleph), |t log2e - n| <= 0.5 + 2^-7;
 *  - r = t - n ln2 in two steps: RN(ln2) = ln2_hi, and fnma(n, ln2_hi, t)
 *    is exact: |t - n ln2_hi| < 0.5, and it is a multiple of ulp(t) (or of
 *    ln2_hi's 2^-11 where t >= 1), so it fits 11 bits; then
 *    fnma(n, ln2_lo, .) rounds once (|n ln2_lo| <= 26 * 2^-12.2);
 *  - p = 1 + r (1 + r (c2 + r (c3 + r c4))) in Horner (|r| <= 0.355);
 *  - the caller scales by vscalefph (p 2^n, one rounding, also into the
 *    subnormals), or keeps p and n apart to round once at the end. */
#ifndef AB_KERNELS_F16_BODY_CONSTANTS
#define AB_KERNELS_F16_BODY_CONSTANTS
/* Every constant is a binary16 value.  python3 scripts/fit_f16.py const
 * (ln2, log2e) and python3 scripts/fit_f16.py exp|tanh|softplus|gelu
 * (the polynomials; the script's header says how they are fitted). */
static const struct {
    float log2e, ln2_hi, ln2_lo;
    float e2, e3, e4;           /* exp p4: 1 + r + e2 r^2 + e3 r^3 + e4 r^4, 2^-16.55 */
    float t3, t5, t7, t_split;  /* tanh: x + x^3 (t3 + t5 x^2 + t7 x^4) on |x| < t_split */
    float a3, a5;               /* atanh: s + s^3 (a3 + a5 s^2) on [0, 1/3], 2^-16.63 */
} h16c = {
    .log2e = 0x1.714p+0,
    .ln2_hi = 0x1.63p-1,
    .ln2_lo = -0x1.bdp-13,
    .e2 = 0x1p-1,
    .e3 = 0x1.57p-3,
    .e4 = 0x1.55p-5,
    .t3 = -0x1.554p-2, /* fit_f16.py tanh, split 0.5625: 2^-18.66 */
    .t5 = 0x1.0d8p-3,
    .t7 = -0x1.62p-5,
    .t_split = 0x1.2p-1,
    .a3 = 0x1.548p-2,
    .a5 = 0x1.ca8p-3,
};
#endif

/* e^t = p 2^n, t finite in [-26 ln2, 17 ln2] or NaN (NaN gives NaN). */
F16_ATTR F16V F16_FN(exp_parts)(F16V t, F16V *n) {
    F16V k = H_RINT(H_MUL(t, H_SET(h16c.log2e)));
    F16V r = H_FNMA(k, H_SET(h16c.ln2_hi), t);
    r = H_FNMA(k, H_SET(h16c.ln2_lo), r);
    F16V q = H_FMA(H_SET(h16c.e4), r, H_SET(h16c.e3));
    q = H_FMA(q, r, H_SET(h16c.e2));
    q = H_FMA(q, r, H_SET(1.0f));
    *n = k;
    return H_FMA(q, r, H_SET(1.0f));
}

/* num / (1 + e) for 0 <= e <= 1, num in [0.5, 2] (or NaN): hi + lo = 1 + e
 * exactly (Fast2Sum: 1 >= e), c0 = RN(1/hi), q0 = RN(num c0), and one
 * correction with the residual num - q0 (hi + lo) (the first FNMA is
 * almost exact, the second adds a rounding 2^-11 of a 2^-10 residual):
 * ~0.5 ulp, so the rounding of 1 + e costs nothing. */
F16_ATTR F16V F16_FN(div_1pe_parts)(F16V num, F16V e, F16V *corr) {
    const F16V one = H_SET(1.0f);
    F16V hi = H_ADD(one, e);
    F16V lo = H_SUB(e, H_SUB(hi, one));
    F16V c0 = H_DIV(one, hi);
    F16V q0 = H_MUL(num, c0);
    F16V res = H_FNMA(q0, hi, num);
    res = H_FNMA(q0, lo, res);
    *corr = H_MUL(res, c0);
    return q0;
}
F16_ATTR F16V F16_FN(div_1pe)(F16V num, F16V e) {
    const F16V one = H_SET(1.0f);
    F16V hi = H_ADD(one, e);
    F16V lo = H_SUB(e, H_SUB(hi, one));
    F16V c0 = H_DIV(one, hi);
    F16V q0 = H_MUL(num, c0);
    F16V res = H_FNMA(q0, hi, num);
    res = H_FNMA(q0, lo, res);
    return H_FMA(res, c0, q0);
}

/* ---- exp: clamp to [-18, 12] (e^-18 < 2^-25 rounds to 0; e^12 > 65520
 * overflows to inf), p 2^n by vscalefph.  min(C, x) and max(C, x) keep a
 * NaN x (x86 returns the second operand). */
F16_ATTR F16V F16_FN(exp)(F16V x) {
    F16V t = H_MAX(H_SET(-18.0f), H_MIN(H_SET(12.0f), x));
    F16V n, p = F16_FN(exp_parts)(t, &n);
    return H_SCALEF(p, n);
}

/* ---- sigmoid: e = e^-|x| = p 2^n (|x| clamped to 18: sigmoid(-18) <
 * 2^-25), x >= 0: 1/(1 + e); x < 0: (p/(1 + e)) 2^n, rounded once into
 * the subnormals by vscalefph (n = 0 for x >= 0: the same scalef).  The
 * sign bit picks, so -0 gives 1/2 either way. */
F16_ATTR F16V F16_FN(sigmoid)(F16V x) {
    F16V t = H_MAX(H_SET(-18.0f), H_NEGABS(x));
    F16V n, p = F16_FN(exp_parts)(t, &n);
    F16V e = H_SCALEF(p, n);
    F16M neg = H_SIGNMASK(x);
    F16V num = H_BLEND(neg, H_SET(1.0f), p);
    F16V k = H_BLEND(neg, H_SET(0.0f), n);
    return H_SCALEF(F16_FN(div_1pe)(num, e), k);
}

/* ---- silu: x sigmoid(x) = x num/(1 + e) 2^k as in sigmoid; x clamped
 * below at -24 (-24 e^-24 rounds to -0; e^t is only needed down to -24),
 * x = +inf gives inf 1.
 * |x| < 2^-13: the result x/2 + x^2/4 + O(x^4) is subnormal, and x/2 may
 * be a rounding midpoint that the positive x^2/4 (< 2^-28, a quarter ulp
 * 2^-26 at most) breaks upward; the quotient is 1/2 exactly there (e
 * rounds to 1), so x/2 would tie to even (silu(2^-24) to 0, not 2^-24).
 * The multiplier 1/2 + 2^-11 (x > 0) or 1/2 - 2^-12 (x < 0) moves x/2
 * toward +inf by |x| 2^-12 < 2^-25, less than half an ulp: it decides a
 * midpoint upward and leaves every other x/2 where it rounds. */
F16_ATTR F16V F16_FN(silu)(F16V x) {
    F16V xc = H_MAX(H_SET(-24.0f), x);
    F16V t = H_MAX(H_SET(-24.0f), H_NEGABS(x));
    F16V n, p = F16_FN(exp_parts)(t, &n);
    F16V e = H_SCALEF(p, n);
    F16M neg = H_SIGNMASK(x);
    F16V num = H_BLEND(neg, H_SET(1.0f), p);
    F16V k = H_BLEND(neg, H_SET(0.0f), n);
    F16V corr, q = F16_FN(div_1pe_parts)(num, e, &corr);
    F16V qt = H_BLEND(neg, H_SET(0x1.004p-1f), H_SET(0x1.ffcp-2f));
    q = H_BLEND(H_LT(H_SET(-0x1p-13f), t), q, qt);
    F16V xm = H_MIN(H_SET(65504.0f), xc);
    return H_SCALEF(H_FMA(xc, q, H_MUL(xm, corr)), k);
}

/* ---- tanh: a = |x|; a < t_split: a + a^3 (t3 + t5 a^2 + t7 a^4) (the
 * a^3 term is under 11% of the result: its roundings are scaled down);
 * else 1 - s, s = 2u/(1 + u), u = e^-2a = p 2^n (-2a exact, clamped to
 * -12: tanh rounds to 1 beyond a = 4.5), s = (2p/(1 + u)) 2^n: at the
 * split s/tanh <= 0.8.  The sign is x's (xor), so tanh is exactly odd. */
F16_ATTR F16V F16_FN(tanh)(F16V x) {
    F16V a = H_ABS(x);
    F16V a2 = H_MUL(a, a);
    F16V q = H_FMA(H_SET(h16c.t7), a2, H_SET(h16c.t5));
    q = H_FMA(q, a2, H_SET(h16c.t3));
    F16V ys = H_FMA(H_MUL(a, a2), q, a);
    F16V t = H_MAX(H_SET(-12.0f), H_MUL(a, H_SET(-2.0f)));
    F16V n, p = F16_FN(exp_parts)(t, &n);
    F16V u = H_SCALEF(p, n);
    F16V s = H_SCALEF(F16_FN(div_1pe)(H_ADD(p, p), u), n);
    F16V yb = H_SUB(H_SET(1.0f), s);
    F16V y = H_BLEND(H_LT(a, H_SET(h16c.t_split)), yb, ys);
    return H_XORSIGN(y, x);
}

/* ---- softplus: max(x, 0) + log1p(e), e = e^-|x| = p 2^n (|x| clamped to
 * 18).  log1p(e) = 2 atanh(s), s = e/(2 + e) in [0, 1/3], kept as
 * s = s' 2^n with s' = p/(2 + e) normal (so that x < 0 rounds once into
 * the subnormals at the end): 2 + e = hi + lo exactly (Fast2Sum) and
 * s' = p/(hi + lo) with one residual correction, as div_1pe.
 * log1p(e) = 2 s' (1 + s^2 (a3 + a5 s^2)) 2^n.  max(0, x) keeps a NaN. */
F16_ATTR F16V F16_FN(softplus)(F16V x) {
    const F16V two = H_SET(2.0f);
    F16V t = H_MAX(H_SET(-18.0f), H_NEGABS(x));
    F16V n, p = F16_FN(exp_parts)(t, &n);
    F16V e = H_SCALEF(p, n);
    F16V hi = H_ADD(two, e);
    F16V lo = H_SUB(e, H_SUB(hi, two));
    F16V c0 = H_DIV(H_SET(1.0f), hi);
    F16V q0 = H_MUL(p, c0);
    F16V res = H_FNMA(q0, hi, p);
    res = H_FNMA(q0, lo, res);
    F16V s1 = H_FMA(res, c0, q0);
    F16V s = H_SCALEF(s1, n);
    F16V s2 = H_MUL(s, s);
    F16V w = H_ADD(s1, s1);
    F16V l = H_FMA(H_MUL(w, s2), H_FMA(H_SET(h16c.a5), s2, H_SET(h16c.a3)), w);
    return H_ADD(H_MAX(H_SET(0.0f), x), H_SCALEF(l, n));
}

F16_BATCH(F16_FN(exp_batch), F16_FN(exp))
F16_BATCH(F16_FN(sigmoid_batch), F16_FN(sigmoid))
F16_BATCH(F16_FN(silu_batch), F16_FN(silu))
F16_BATCH(F16_FN(tanh_batch), F16_FN(tanh))
F16_BATCH(F16_FN(softplus_batch), F16_FN(softplus))

#undef F16_ATTR
#undef F16_FN_ATTR
#undef F16_FN
#undef F16V
#undef F16M
#undef H_SET
#undef H_ADD
#undef H_SUB
#undef H_MUL
#undef H_DIV
#undef H_FMA
#undef H_FMS
#undef H_FNMA
#undef H_SCALEF
#undef H_RINT
#undef H_MIN
#undef H_MAX
#undef H_LT
#undef H_BLEND
#undef H_ABS
#undef H_NEGABS
#undef H_XORSIGN
#undef H_SIGNMASK
#undef F16_BATCH
