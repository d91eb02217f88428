#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/fit_erf_f64.py [--check N] [--deg D]   (~2 min)
# Fits the binary64 tables of impls/kernels/erf_f64.h (the f64 erf, erfc and
# gelu kernels of impls/f64_erf_simd.c) and prints their error bounds.
#
# R(z) = erfc(z) e^(z^2) on z in [0, 30): 32 slots chosen by the bits of
# w = RN(z + 2): w in [2^e, 2^(e+1)) (e = 1..4), top three fraction bits m,
# slot 8 (e - 1) + m (the kernel reads bits 49..53 of w), so slot widths are
# 1/4, 1/2, 1, 2 for z in [0, 2), [2, 6), [6, 14), [14, 30): a constant
# relative width where R ~ 1/(sqrt(pi) z) (a pole-like 1/z is what limits
# the polynomial degree), and narrow slots near 0 where R's Taylor series
# (an entire function: R(z) = sum (-z)^n / Gamma(n/2 + 1)) is what limits it.
# Slot k holds p_k(t) = sum c_j t^j, t = z - c_k, c_k the slot's midpoint (a
# short dyadic).  Each slot is widened by 2^-40 on both sides for the checks
# (RN(z + 2) can move z across an edge by < 2^-50).
# erf small: erf(x) = x P(x^2) for |x| < 3/4, P of degree 11 in s = x^2,
# fitted on s in [0, 9/16] relative to erf(x)/x.
# Coefficients: least squares with relative weight on 6 (d + 1) Chebyshev
# nodes (near-minimax), 160-bit arithmetic, rounded to doubles.
# Printed (relative errors, u = 2^-53):
#   approx: max |p/f - 1| of the ROUNDED coefficients, MEASURED on N + 1
#     uniform points per slot (--check N, default 2000) against mpmath at 160
#     bits: a measurement, not an interval proof.
#   tail: max |p(t) - c_0| / f over the slot (the share of R that the kernel
#     carries outside the exact constant c_0; bounds the weight of Horner's
#     rounding errors).
import sys
import mpmath as mp
from fit_cr_erf import R, horner, lsq_rel, rn  # the same R, Horner and least squares

mp.mp.prec = 160
WIDEN = mp.mpf(2) ** -40


def erf_over_x(s):  # erf(x)/x as a function of s = x^2
    if s == 0:
        return 2 / mp.sqrt(mp.pi)
    x = mp.sqrt(s)
    return mp.erf(x) / x


def cheb_fit(f, lo, hi, c, deg):
    sol = lsq_rel(f, lo, hi, c, deg)
    # c_1.. rounded to doubles; c_0 kept as hi + lo (two doubles), its sum
    # exact to 2^-106: rounding c_0 alone would cost up to 2^-53.
    c0h = rn(sol[0])
    return [c0h + rn(sol[0] - c0h)] + [rn(sol[p]) for p in range(1, deg + 1)]


def hilo(v):
    h = rn(v)
    return float(h).hex(), float(rn(v - h)).hex()


def slots():
    for e in range(1, 5):
        for m in range(8):
            lo = 2 ** e * (1 + mp.mpf(m) / 8) - 2
            hi = 2 ** e * (1 + mp.mpf(m + 1) / 8) - 2
            yield 8 * (e - 1) + m, lo, hi


def r_table(deg, npts):
    rows = []
    for k, lo, hi in slots():
        c = (lo + hi) / 2
        cs = cheb_fit(R, lo, hi, c, deg)
        wlo, whi = max(mp.mpf(0), lo - WIDEN), hi + WIDEN
        worst = tail = mp.mpf(0)
        for i in range(npts + 1):
            z = wlo + (whi - wlo) * i / npts
            f = R(z)
            p = horner(cs, z - c)
            worst = max(worst, abs(p / f - 1))
            tail = max(tail, abs(p - cs[0]) / f)
        rows.append((c, cs, worst, tail))
        print(f"# R slot {k:2d} [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}] approx 2^{mp.nstr(mp.log(worst, 2), 5)}"
              f" tail {mp.nstr(tail, 4)}", flush=True)
    W = max(r[2] for r in rows)
    T = max(r[3] for r in rows)
    print(f"# R (degree {deg}): worst approx 2^{mp.nstr(mp.log(W, 2), 5)}, worst tail {mp.nstr(T, 4)}")
    print("    .r = {")
    print("        {" + ", ".join(hilo(r[1][0])[0] for r in rows) + "},")
    print("        {" + ", ".join(hilo(r[1][0])[1] for r in rows) + "},  /* c_0 lo */")
    for j in range(1, deg + 1):
        print("        {" + ", ".join(float(r[1][j]).hex() for r in rows) + "},")
    print("    },")
    print("    .rc = {" + ", ".join(float(r[0]).hex() for r in rows) + "},")


def erf_small(deg, npts, T):
    S = T * T
    cs = cheb_fit(erf_over_x, mp.mpf(0), S, mp.mpf(0), deg)
    worst = max(abs(horner(cs, s) / erf_over_x(s) - 1) for s in (S * i / npts for i in range(npts + 1)))
    # the kernel's rounding: y = fma(x, c0, x (s Q)); |s Q| relative to P:
    tail = max(abs(horner(cs, s) - cs[0]) / horner(cs, s) for s in (S * i / 64 for i in range(65)))
    print(f"# erf small (|x| < {mp.nstr(T, 4)}, degree {deg} in x^2): approx 2^{mp.nstr(mp.log(worst, 2), 5)}"
          f" ({npts + 1} points), max |s Q / P| = {mp.nstr(tail, 4)}")
    print("    .es = {" + ", ".join([hilo(cs[0])[0], hilo(cs[0])[1]] + [float(v).hex() for v in cs[1:]]) + "},  /* c_0 hi, lo, c_1.. */")


if __name__ == "__main__":
    npts = int(sys.argv[sys.argv.index("--check") + 1]) if "--check" in sys.argv else 2000
    deg = int(sys.argv[sys.argv.index("--deg") + 1]) if "--deg" in sys.argv else 13
    erf_small(11, npts, mp.mpf(3) / 4)
    r_table(deg, npts)
    print(f"# RN(1/sqrt2) = {float(1 / mp.sqrt(2)).hex()}, lo = {float(1 / mp.sqrt(2) - rn(1 / mp.sqrt(2))).hex()}")
