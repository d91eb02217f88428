/* f16_body.h: binary16 kernels written once over an op layer, included
 * twice by impls/f16_simd.c: after kernels/f16_ops_native.h (AVX-512 FP16,
 * __m512h) and after kernels/f16_ops_emu.h (the same ops emulated bit for
 * bit).  Every op is one binary16 operation rounded to nearest even
 * (11-bit significand, u = 2^-11), so both instantiations compute the same
 * bits, and the emulated one's exhaustive sweep is the native kernel's.
 * No include guard, except for the constants; the layer's macros are
 * undefined at the end.
 *
 * Shared piece, e^t = p 2^n (exp_parts), t in [-31.5, 12]:
 *  - n = rint(RN(t log2e)) (vrndscaleph), |t log2e - n| < 0.533 (log2e's
 *    and the product's roundings), n in [-45, 17];
 *  - r = t - n ln2 in two steps: RN(ln2) = ln2_hi, and fnma(n, ln2_hi, t)
 *    is exact: |t - n ln2_hi| < 0.5 (|n (ln2 - ln2_hi)| < 0.01), and it is
 *    a multiple of ulp(t) (or of ln2_hi's 2^-11 where t >= 1), so it fits
 *    11 bits; then fnma(n, ln2_lo, .) rounds once (|n ln2_lo| < 0.01);
 *  - p = 1 + r (1 + r (e2 + r (e3 + r e4))) in Horner (|r| < 0.37);
 *  - the caller scales by vscalefph (p 2^n, one rounding, also into the
 *    subnormals), or keeps p and n apart to round once at the end. */
#ifndef AB_KERNELS_F16_BODY_CONSTANTS
#define AB_KERNELS_F16_BODY_CONSTANTS
/* Every constant is a binary16 value.  python3 scripts/fit/fit_f16.py const
 * (ln2, log2e) and python3 scripts/fit/fit_f16.py exp|tanh|softplus|gelu
 * (the polynomials; the script's header says how they are fitted). */
static const struct {
    float log2e, ln2_hi, ln2_lo;
    float e2, e3, e4;           /* exp p4: 1 + r + e2 r^2 + e3 r^3 + e4 r^4, |r| <= 0.37: 2^-16.62 */
    float t3, t5, t7, t_split;  /* tanh: x + x^3 (t3 + t5 x^2 + t7 x^4) on |x| < t_split */
    float a3, a5;               /* atanh: s + s^3 (a3 + a5 s^2) on [0, 1/3], 2^-16.63 */
} h16c = {
    .log2e = 0x1.714p+0,
    .ln2_hi = 0x1.63p-1,
    .ln2_lo = -0x1.bdp-13,
    .e2 = 0x1p-1,
    .e3 = 0x1.574p-3,
    .e4 = 0x1.554p-5,
    .t3 = -0x1.554p-2, /* fit_f16.py tanh, split 0.5625: 2^-18.66 */
    .t5 = 0x1.0d8p-3,
    .t7 = -0x1.62p-5,
    .t_split = 0x1.2p-1,
    .a3 = 0x1.548p-2,
    .a5 = 0x1.ca8p-3,
};
/* gelu: R(a) = Phi(-a) e^(a^2/2) ~ c0 + (l + d (c1 + d c2)) around a_j = j/8,
 * |d| <= 1/16, as binary16 bit patterns (python3 scripts/fit/fit_f16.py gelu:
 * max relative error 2^-15.65 over [0, 7.9375]). */
/* c0 = RN(R(a_j)) */
static const uint16_t h16_gelu_c0[64] = {
    0x3800, 0x3743, 0x36a0, 0x3613, 0x3598, 0x352c, 0x34ce, 0x347a,
    0x342f, 0x33da, 0x3362, 0x32f7, 0x3296, 0x323e, 0x31ed, 0x31a4,
    0x3161, 0x3123, 0x30eb, 0x30b6, 0x3086, 0x3059, 0x302f, 0x3008,
    0x2fc7, 0x2f83, 0x2f43, 0x2f07, 0x2ece, 0x2e99, 0x2e67, 0x2e38,
    0x2e0b, 0x2de0, 0x2db8, 0x2d92, 0x2d6d, 0x2d4b, 0x2d2a, 0x2d0a,
    0x2cec, 0x2cd0, 0x2cb4, 0x2c9a, 0x2c80, 0x2c68, 0x2c51, 0x2c3b,
    0x2c25, 0x2c11, 0x2bfa, 0x2bd3, 0x2baf, 0x2b8b, 0x2b69, 0x2b48,
    0x2b28, 0x2b09, 0x2aeb, 0x2ace, 0x2ab2, 0x2a96, 0x2a7c, 0x2a62,
};
/* l ~ R(a_j) - c0 */
static const uint16_t h16_gelu_l[64] = {
    0x8010, 0x8433, 0x81fd, 0x823d, 0x00a0, 0x0779, 0x83f7, 0x80f4,
    0x06cc, 0x81f6, 0x031c, 0x80c2, 0x81f5, 0x82f7, 0x0358, 0x0166,
    0x00bc, 0x03c7, 0x8244, 0x0271, 0x81b6, 0x81e1, 0x80d3, 0x80f9,
    0x8076, 0x812e, 0x80ce, 0x80d3, 0x0170, 0x00ca, 0x002b, 0x8160,
    0x80b4, 0x0168, 0x0041, 0x80cc, 0x01ad, 0x80da, 0x80db, 0x0139,
    0x00fc, 0x81f0, 0x0020, 0x8124, 0x01fb, 0x0139, 0x005a, 0x80dc,
    0x0161, 0x8120, 0x808d, 0x00f0, 0x80d0, 0x000d, 0x809b, 0x80e7,
    0x80f7, 0x80e6, 0x80ce, 0x80c8, 0x80eb, 0x00b2, 0x8003, 0x00e0,
};
/* c1 */
static const uint16_t h16_gelu_c1[64] = {
    0xb661, 0xb57b, 0xb4bb, 0xb41c, 0xb32d, 0xb24e, 0xb190, 0xb0ef,
    0xb066, 0xafdf, 0xaf13, 0xae62, 0xadc8, 0xad40, 0xacca, 0xac61,
    0xac04, 0xab64, 0xaad1, 0xaa4d, 0xa9d7, 0xa96d, 0xa90d, 0xa8b6,
    0xa867, 0xa820, 0xa7bd, 0xa746, 0xa6d8, 0xa674, 0xa618, 0xa5c3,
    0xa574, 0xa52b, 0xa4e8, 0xa4aa, 0xa470, 0xa43a, 0xa407, 0xa3b0,
    0xa358, 0xa306, 0xa2b9, 0xa271, 0xa22c, 0xa1ec, 0xa1b0, 0xa177,
    0xa142, 0xa10f, 0xa0df, 0xa0b2, 0xa087, 0xa05e, 0xa037, 0xa013,
    0x9fdf, 0x9f9d, 0x9f5e, 0x9f21, 0x9ee8, 0x9eb1, 0x9e7d, 0x9e4b,
};
/* c2 */
static const uint16_t h16_gelu_c2[64] = {
    0x33a0, 0x3294, 0x3172, 0x3089, 0x2f9a, 0x2e6a, 0x2d70, 0x2ca3,
    0x2bf4, 0x2ada, 0x29ee, 0x2929, 0x2881, 0x27e6, 0x26f5, 0x2628,
    0x2574, 0x24dc, 0x2457, 0x23c7, 0x22fe, 0x224e, 0x21b3, 0x2129,
    0x20af, 0x2044, 0x1fcb, 0x1f23, 0x1e89, 0x1e00, 0x1d8c, 0x1d1c,
    0x1cb6, 0x1c5c, 0x1c0b, 0x1b81, 0x1afe, 0x1a85, 0x1a11, 0x19ab,
    0x194f, 0x18fd, 0x18ab, 0x1860, 0x181c, 0x17ca, 0x1755, 0x16e1,
    0x167c, 0x1621, 0x15d2, 0x1589, 0x153a, 0x14f8, 0x14bc, 0x1476,
    0x1442, 0x1414, 0x13bc, 0x1359, 0x12eb, 0x12bc, 0x125a, 0x122f,
};
#endif

/* e^t = p 2^n, t finite in [-31.5, 12] or NaN (NaN gives NaN). */
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

/* exp_parts with p's rounding error: e^t = (p + plo) 2^n, plo = RN(r q +
 * (1 - p)) (1 - p exact: p in [0.7, 1.42]), so that a quotient by p can
 * take p's last bits into its residual. */
F16_ATTR F16V F16_FN(exp_parts_lo)(F16V t, F16V *n, F16V *plo) {
    F16V k = H_RINT(H_MUL(t, H_SET(h16c.log2e)));
    F16V r = H_FNMA(k, H_SET(h16c.ln2_hi), t);
    r = H_FNMA(k, H_SET(h16c.ln2_lo), r);
    F16V q = H_FMA(H_SET(h16c.e4), r, H_SET(h16c.e3));
    q = H_FMA(q, r, H_SET(h16c.e2));
    q = H_FMA(q, r, H_SET(1.0f));
    *n = k;
    F16V p = H_FMA(q, r, H_SET(1.0f));
    *plo = H_FMA(q, r, H_SUB(H_SET(1.0f), p));
    return p;
}

/* e^(t + tl) = (1 + pm1) 2^n for t + tl given as an unevaluated sum
 * (|tl| <= ulp(t)/2), t in [-31.5, 0]: as exp_parts, with tl added to
 * r (r + tl rounded once instead of t + tl: t up to 32 has ulp 2^-5), and
 * the last Horner step left unevaluated: pm1 = RN(r q), |pm1| < 0.43, so
 * its rounding is 2^-13 absolute where p's would be 2^-11. */
F16_ATTR F16V F16_FN(expm1_parts2)(F16V t, F16V tl, F16V *n) {
    F16V k = H_RINT(H_MUL(t, H_SET(h16c.log2e)));
    F16V r = H_FNMA(k, H_SET(h16c.ln2_hi), t);
    r = H_FNMA(k, H_SET(h16c.ln2_lo), H_ADD(r, tl));
    F16V q = H_FMA(H_SET(h16c.e4), r, H_SET(h16c.e3));
    q = H_FMA(q, r, H_SET(h16c.e2));
    q = H_FMA(q, r, H_SET(1.0f));
    *n = k;
    return H_MUL(q, r);
}

/* num / (1 + e) for 0 <= e <= 1, num in [0.5, 2] (or NaN): hi + lo = 1 + e
 * exactly (Fast2Sum: 1 >= e), c0 = RN(1/hi), q0 = RN(num c0), and one
 * correction with the residual num - q0 (hi + lo) (the first FNMA is
 * almost exact, the second adds a rounding 2^-11 of a 2^-10 residual):
 * ~0.5 ulp, so the rounding of 1 + e costs nothing. */
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

/* The quotient of sigmoid and silu: sigmoid(x) = (q0 + res c0) 2^k.
 * e = e^-|x| = (p + plo) 2^n (t = -|x|, clamped by the caller), and
 * num = 1 (x >= 0, k = 0) or p + plo (x < 0, k = n): sigmoid(x) =
 * num/(1 + e) 2^k.  1 + e = hi + lo to ~2^-22 (Fast2Sum of 1 + e, plus
 * plo 2^n), c0 = RN(1/hi), q0 = RN(num c0) and the residual
 * res = num - q0 (hi + lo) (the first FNMA is nearly exact, the rest are
 * small): q0 + res c0 is the quotient to ~2^-20, so the only errors left
 * are e^t's own (r's rounding, the polynomial: ~0.3 ulp) and the final
 * rounding.  The sign bit picks num and k, so -0 gives 1/2 either way. */
F16_ATTR F16V F16_FN(sig_parts)(F16V x, F16V t, F16V *k, F16V *res, F16V *c0) {
    const F16V one = H_SET(1.0f), zero = H_SET(0.0f);
    F16V n, plo, p = F16_FN(exp_parts_lo)(t, &n, &plo);
    F16V e = H_SCALEF(p, n);
    F16M neg = H_SIGNMASK(x);
    F16V num = H_BLEND(neg, one, p);
    *k = H_BLEND(neg, zero, n);
    F16V hi = H_ADD(one, e);
    F16V lo = H_ADD(H_SUB(e, H_SUB(hi, one)), H_SCALEF(plo, n));
    *c0 = H_DIV(one, hi);
    F16V q0 = H_MUL(num, *c0);
    F16V r = H_FNMA(q0, hi, num);
    *res = H_FNMA(q0, lo, H_ADD(r, H_BLEND(neg, zero, plo)));
    return q0;
}

/* ---- sigmoid: t = -|x| clamped to -18 (sigmoid(-18) < 2^-25 rounds to
 * 0), sig_parts, then one rounding (vscalefph rounds into the subnormals
 * once more). */
F16_ATTR F16V F16_FN(sigmoid)(F16V x) {
    F16V t = H_MAX(H_SET(-18.0f), H_NEGABS(x));
    F16V k, res, c0, q0 = F16_FN(sig_parts)(x, t, &k, &res, &c0);
    return H_SCALEF(H_FMA(res, c0, q0), k);
}

/* ---- silu: x sigmoid(x) = (xc q0 + xm res c0) 2^k, one FMA rounding;
 * x clamped below at -24 (-24 e^-24 rounds to -0; e^t is only needed
 * down to -24); xm = min(xc, 65504) keeps +inf's product finite (+inf
 * gives inf q0 = inf).
 * |x| < 2^-14: the result x/2 + x^2/4 + O(x^4) is subnormal, and x/2 may
 * be a rounding midpoint that the positive x^2/4 (< 2^-30) breaks
 * upward; the quotient is 1/2 exactly there (e rounds to 1), so x/2
 * would tie to even (silu(2^-24) to 0, not 2^-24).  The multiplier
 * 1/2 + 2^-11 (x > 0) or 1/2 - 2^-12 (x < 0) moves x/2 toward +inf by
 * less than |x| 2^-11 < 2^-25, half an ulp: it decides a midpoint upward
 * and leaves every other x/2 where it rounds (res = 0 there).  (Up to
 * 2^-13, x/2 is still subnormal, but 2^-11 x would reach half an ulp: a
 * midpoint there ties to even, 0.5 ulp.) */
F16_ATTR F16V F16_FN(silu)(F16V x) {
    F16V xc = H_MAX(H_SET(-24.0f), x);
    F16V t = H_MAX(H_SET(-24.0f), H_NEGABS(x));
    F16V k, res, c0, q = F16_FN(sig_parts)(x, t, &k, &res, &c0);
    F16V qt = H_BLEND(H_SIGNMASK(x), H_SET(0x1.004p-1f), H_SET(0x1.ffcp-2f));
    q = H_BLEND(H_LT(H_SET(-0x1p-14f), t), q, qt);
    F16V xm = H_MIN(H_SET(65504.0f), xc);
    return H_SCALEF(H_FMA(xc, q, H_MUL(xm, H_MUL(res, c0))), k);
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

/* ---- softplus: log1p(e) (x < 0) or x + log1p(e) (x >= 0), e = e^-|x|
 * = (p + plo) 2^n (|x| clamped to 18: softplus(-18) < 2^-25).
 * log1p(e) = 2 atanh(s), s = e/(2 + e) in [0, 1/3], kept as s = s' 2^n
 * with s' = p/(2 + e) normal (so that x < 0 rounds once into the
 * subnormals at the end): 2 + e = hi + lo exactly (Fast2Sum),
 * s' = q0 + res c0 with the residual res = p + plo - q0 (hi + lo) as in
 * sig_parts, and
 *   log1p(e) 2^-n = w + v,  w = 2 q0,  v = 2 corr + w s^2 (a3 + a5 s^2),
 * the small v first (s's own rounding would cost up to 0.8 ulp).
 *   x < 0:  y = (w + v) 2^n, one rounding (and vscalefph's);
 *   x >= 0: y = x + W + V (W = w 2^n exact where it matters: W < 2^-14
 *           only beyond x = 9.7, where it is below half an ulp of x),
 *           x + W exactly as hs + err by Fast2Sum (a = max, b = min; both
 *           are >= 0), then one rounding of hs + (err + V).  Two roundings
 *           (log1p's, then the sum's) measured 1.16 ulp and put 306 pairs
 *           of neighbours out of order.  |err| <= b <= 0.7, but x = +inf
 *           makes err = inf - inf a NaN: min(err, 1) makes it 1 (x86 min
 *           returns the second operand for a NaN), so y = inf; a NaN x is
 *           NaN in a and hs already.
 * The sign bit picks, so -0 takes the x < 0 path: log1p(1) = ln 2. */
F16_ATTR F16V F16_FN(softplus)(F16V x) {
    const F16V two = H_SET(2.0f);
    F16V t = H_MAX(H_SET(-18.0f), H_NEGABS(x));
    F16V n, plo, p = F16_FN(exp_parts_lo)(t, &n, &plo);
    F16V e = H_SCALEF(p, n);
    F16V hi = H_ADD(two, e);
    F16V lo = H_SUB(e, H_SUB(hi, two));
    F16V c0 = H_DIV(H_SET(1.0f), hi);
    F16V q0 = H_MUL(p, c0);
    F16V res = H_FNMA(q0, hi, p);
    res = H_FNMA(q0, lo, H_ADD(res, plo));
    F16V corr = H_MUL(res, c0);
    F16V s = H_SCALEF(q0, n);
    F16V s2 = H_MUL(s, s);
    F16V w = H_ADD(q0, q0);
    F16V v = H_FMA(H_MUL(w, s2), H_FMA(H_SET(h16c.a5), s2, H_SET(h16c.a3)), H_ADD(corr, corr));
    F16V yneg = H_SCALEF(H_ADD(w, v), n);
    F16V W = H_SCALEF(w, n);
    F16V a = H_MAX(W, x), b = H_MIN(W, x);
    F16V hs = H_ADD(a, b);
    F16V err = H_MIN(H_SUB(b, H_SUB(hs, a)), H_SET(1.0f));
    F16V ypos = H_ADD(hs, H_ADD(err, H_SCALEF(v, n)));
    return H_BLEND(H_SIGNMASK(x), ypos, yneg);
}

/* ---- gelu: x Phi(x), Phi(-a) = Q(a) = e^(-a^2/2) R(a) for a = |x|
 * (clamped to 7.875: Q < 2^-46 there, gelu(x) = x above and rounds to -0
 * below -5.8).
 *  - -a^2/2 = nh + nl exactly (nah = -a/2, nh = RN(a nah), nl = FMS(a,
 *    nah, nh)): rounding a^2/2 (up to 31, ulp 2^-5) would cost up to 2^-6
 *    relative; e^(nh + nl) = (1 + pm1) 2^k (expm1_parts2).
 *  - R(a) ~ c0 + Rr from a table of 64 quadratics in d = a - j/8, j =
 *    rint(8a): fma(a, 8, 1024) rounds 8a to an integer (ulp 1 in [1024,
 *    2048)), whose binary16 encoding 0x6400 + j indexes the tables by its
 *    low 6 bits (vpermt2w); d = fma(j, -1/8, a) is exact (|d| <= 1/16, a
 *    multiple of ulp(a)).  Rr = l + d (c1 + d c2) (see the tables).
 *  - s = (1 + pm1)(c0 + Rr) = c0 + u, u = c0 pm1 + Rr (1 + pm1) (two
 *    FMAs; |u| < 0.45 s, so u's roundings weigh under half an ulp), and c0
 *    is added inside the last operation:
 *    x < 0:  y = fma(xc, c0, xc u) 2^k, xc = max(x, -8): one rounding
 *            (vscalefph rounds into the subnormals once more);
 *    x >= 0: y = x - xc q, q = (c0 + u) 2^k <= 1/2 (FNMA: one rounding,
 *            no cancellation), xc = min(x, 65504) so that +inf gives
 *            inf - 65504 q, not inf - inf 0.
 * |x| < 2^-13: gelu(x) = x/2 + x^2/sqrt(2 pi) + O(x^4) is subnormal and
 * x/2 a possible midpoint that the positive x^2 term (< 2^-27) breaks
 * upward (see silu): the multiplier 1/2 - 2^-12 in both branches gives
 * x/2 + |x| 2^-12, with u = 0 (xc u would round to 0 anyway, but with
 * u's sign: x = -0 must give -0).  NaN: a, d and y are NaN. */
F16_ATTR F16V F16_FN(gelu)(F16V x) {
    F16V a = H_MIN(H_SET(7.875f), H_ABS(x));
    F16V ti = H_FMA(a, H_SET(8.0f), H_SET(1024.0f));
    F16V d = H_FMA(H_SUB(ti, H_SET(1024.0f)), H_SET(-0.125f), a);
    F16V c0 = H_TBL64(ti, h16_gelu_c0);
    F16V c1 = H_TBL64(ti, h16_gelu_c1);
    F16V rr = H_FMA(d, H_FMA(H_TBL64(ti, h16_gelu_c2), d, c1), H_TBL64(ti, h16_gelu_l));
    F16V nah = H_MUL(a, H_SET(-0.5f));
    F16V nh = H_MUL(a, nah);
    F16V k, pm1 = F16_FN(expm1_parts2)(nh, H_FMS(a, nah, nh), &k);
    F16V u = H_FMA(c0, pm1, H_FMA(rr, pm1, rr));
    F16M tiny = H_LT(a, H_SET(0x1p-13f));
    F16V half_dn = H_SET(0x1.ffcp-2f);
    F16V xc = H_MAX(H_SET(-8.0f), H_MIN(H_SET(65504.0f), x));
    F16V q = H_SCALEF(H_BLEND(tiny, H_ADD(c0, u), half_dn), k);
    F16V ypos = H_FNMA(xc, q, x);
    F16V yneg = H_FMA(xc, H_BLEND(tiny, c0, half_dn), H_MUL(xc, H_BLEND(tiny, u, H_SET(0.0f))));
    yneg = H_SCALEF(yneg, k);
    return H_BLEND(H_SIGNMASK(x), ypos, yneg);
}

F16_BATCH(F16_FN(exp_batch), F16_FN(exp))
F16_BATCH(F16_FN(sigmoid_batch), F16_FN(sigmoid))
F16_BATCH(F16_FN(silu_batch), F16_FN(silu))
F16_BATCH(F16_FN(tanh_batch), F16_FN(tanh))
F16_BATCH(F16_FN(softplus_batch), F16_FN(softplus))
F16_BATCH(F16_FN(gelu_batch), F16_FN(gelu))

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
#undef H_TBL64
#undef F16_BATCH
