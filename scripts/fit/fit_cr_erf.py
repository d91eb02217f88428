#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/fit_cr_erf.py [--check N]   (~1 min)
# Fits the piecewise binary64 polynomials of impls/kernels/cr_erf_f64.h and
# bounds their errors (impls/cr_erf_simd.c uses the printed bounds).
#
# R(z) = erfc(z) e^(z^2): smooth, decreasing from 1 to ~1/(sqrt(pi) z).
# A table has 16 slots; slot k holds p_k(t), t = z - c_k, on I_k:
#   erf table (z = |x| clamped to 63/16): k = round(3.9 z), c_k = RN(k/3.9),
#     I_k = [(k - 1/2)/3.9, (k + 1/2)/3.9] clipped to [0, 63/16].  Slots
#     0..2 (z < 0.641) approximate erf itself (slot 0: p(t) = t q(t), a
#     zero constant coefficient and q ~ erf(t)/t, so p's relative error
#     is q's); slots 3..15 approximate R.
#   gelu table (z = |x|/sqrt2, |x| clamped to 15, z <= 10.61): the slot is
#     read from the bits of w = z + 1: w in [2^e, 2^(e+1)), top two
#     fraction bits m, slot (4e + m + 12) mod 16 (e = 0..3), I_k = [2^e (1 +
#     m/4) - 1, 2^e (1 + (m+1)/4) - 1], widths 1/4, 1/2, 1, 2, c_k its
#     midpoint (a short dyadic); every slot approximates R (slots 10 and
#     11, z in [11, 15], are fitted but never reached).
# Each I_k is widened by 2^-40 on both sides for the checks below (the
# kernel's slot choice rounds: RN(3.9) z and RN(z + 1) can move z across a
# slot edge by < 2^-48).
# Coefficients: least squares with relative weight on 6 (d + 1) Chebyshev
# nodes of I_k (near-minimax), 160-bit arithmetic, rounded to doubles.
#
# Printed per slot (relative to the approximated function on I_k):
#   approx: max |p_k/f - 1| MEASURED on a uniform grid of N + 1 points of
#     I_k (--check N, default 4000, so 16 (N + 1) per table), exact
#     doubles vs mpmath at 160 bits: NOT an interval proof; the kernels'
#     eps stays below 2^-44 even if it were 16x larger (cr_erf_simd.c).
#   horner: a rigorous bound of Horner's rounding errors with FMAs,
#     q_j = RN(q_(j+1) t + c_j): e_j <= h e_(j+1) + u A_j, A_j = sum_(i >=
#     j) |c_i| h^(i-j) (1 + 2^-40) >= |q_j|, h = max |t| on I_k; divided by
#     min |f| on I_k (f monotone there: the endpoints).  Slot 0 of erf: the
#     bound for q (q >= 2/sqrt(pi) e^(-h^2)) plus the last RN(q t).
# Also printed: max |z R'(z)/R(z)| on the gelu range (the kernel's z is
# rounded twice, a relative 2^-52, which moves R by that factor of it),
# and max |R'/R| (t = RN(z - c_k) is off by u |t|).
import sys
import mpmath as mp

mp.mp.prec = 160
u = mp.mpf(2) ** -53
WIDEN = mp.mpf(2) ** -40


def R(z):
    return mp.erfc(z) * mp.exp(z * z)


def erf_over_z(z):
    return mp.erf(z) / z if z != 0 else 2 / mp.sqrt(mp.pi)


def rn(x):
    return mp.mpf(float(x))


def lsq_rel(f, lo, hi, c, deg):
    """Least squares in (z - c)^p, relative weight, 6 (deg + 1) Chebyshev nodes."""
    n = 6 * (deg + 1)
    xs = [(lo + hi) / 2 + (hi - lo) / 2 * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / n) for i in range(n)]
    A = mp.matrix(n, deg + 1)
    b = mp.matrix(n, 1)
    for i, z in enumerate(xs):
        fz = f(z)
        for p in range(deg + 1):
            A[i, p] = (z - c) ** p / fz
        b[i] = 1
    return mp.lu_solve(A.T * A, A.T * b)


def cheb_fit(f, lo, hi, c, deg):
    sol = lsq_rel(f, lo, hi, c, deg)
    return [rn(sol[p]) for p in range(deg + 1)]


def horner(cs, t):
    acc = mp.mpf(0)
    for cc in reversed(cs):
        acc = acc * t + cc
    return acc


def horner_bound(cs, h, lo_j=0):
    deg = len(cs) - 1
    e = mp.mpf(0)
    for j in range(deg, lo_j - 1, -1):
        A = sum(abs(cs[i]) * h ** (i - j) for i in range(j, deg + 1)) * (1 + WIDEN)
        e = h * e + u * A
    return e


def slot(f, lo, hi, c, deg, npts, zero_const=False):
    """Fit f on [lo, hi] around c; returns (coefficients, approx, horner)."""
    wlo, whi = max(mp.mpf(0), lo - WIDEN), hi + WIDEN
    h = max(abs(whi - c), abs(wlo - c))
    if zero_const:  # p(t) = t q(t), c = 0
        q = cheb_fit(erf_over_z, lo, hi, c, deg - 1)
        cs = [mp.mpf(0)] + q
        worst = max(abs(horner(q, z) / erf_over_z(z) - 1)
                    for z in (wlo + (whi - wlo) * i / npts for i in range(npts + 1)))
        ev = horner_bound(q, h) / (2 / mp.sqrt(mp.pi) * mp.exp(-h * h)) + u
        return cs, worst, ev
    cs = cheb_fit(f, lo, hi, c, deg)
    worst = max(abs(horner(cs, z - c) / f(z) - 1)
                for z in (wlo + (whi - wlo) * i / npts for i in range(npts + 1)))
    ev = horner_bound(cs, h) / min(f(wlo), f(whi))
    return cs, worst, ev


def emit(name, rows, deg):
    W = max(r[2] for r in rows)
    H = max(r[3] for r in rows)
    print(f"{name}: worst approx 2^{mp.nstr(mp.log(W, 2), 5)}, worst horner 2^{mp.nstr(mp.log(H, 2), 5)}")
    print(f"    .{name} = {{")
    for j in range(deg + 1):
        print("        {" + ", ".join(float(r[1][j]).hex() for r in rows) + "},")
    print("    },")
    print(f"    .{name}_c = {{" + ", ".join(float(r[0]).hex() for r in rows) + "},")


def erf_table(deg, npts):
    s, zc = mp.mpf("3.9"), mp.mpf(63) / 16
    rows = []
    for k in range(16):
        c = rn(k / s)
        lo, hi = max(mp.mpf(0), (k - mp.mpf(1) / 2) / s), min(zc, (k + mp.mpf(1) / 2) / s)
        cs, w, ev = slot(mp.erf if k < 3 else R, lo, hi, c, deg, npts, zero_const=(k == 0))
        rows.append((c, cs, w, ev))
        print(f"erf slot {k:2d} c={mp.nstr(c, 8)} [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}] "
              f"approx 2^{mp.nstr(mp.log(w, 2), 5)} horner 2^{mp.nstr(mp.log(ev, 2), 5)}", flush=True)
    emit("erf", rows, deg)


def gelu_table(deg, npts):
    zmax = 15 / mp.sqrt(2) * (1 + mp.mpf(2) ** -50)
    rows = [None] * 16
    for e in range(4):
        for m in range(4):
            k = (4 * e + m + 12) % 16
            lo = 2 ** e * (1 + mp.mpf(m) / 4) - 1
            hi = 2 ** e * (1 + mp.mpf(m + 1) / 4) - 1
            c = (lo + hi) / 2
            cs, w, ev = slot(R, lo, min(hi, zmax) if lo < zmax else hi, c, deg, npts)
            rows[k] = (c, cs, w, ev)
            print(f"gelu slot {k:2d} c={mp.nstr(c, 8)} [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}] "
                  f"approx 2^{mp.nstr(mp.log(w, 2), 5)} horner 2^{mp.nstr(mp.log(ev, 2), 5)}", flush=True)
    emit("gelu", rows, deg)
    dR = max(abs(z * mp.diff(R, z) / R(z)) for z in (zmax * i / 400 for i in range(401)))
    print(f"max |z R'/R| on [0, {mp.nstr(zmax, 6)}] (401 points) = {mp.nstr(dR, 6)}")
    dR1 = max(abs(mp.diff(R, z) / R(z)) for z in (zmax * i / 400 for i in range(401)))
    print(f"max |R'/R| on [0, {mp.nstr(zmax, 6)}] (401 points) = {mp.nstr(dR1, 6)}")


if __name__ == "__main__":
    npts = int(sys.argv[sys.argv.index("--check") + 1]) if "--check" in sys.argv else 4000
    erf_table(10, npts)
    gelu_table(12, npts)
    print(f"RN(1/sqrt2) = {float(1 / mp.sqrt(2)).hex()}, RN(3.9) = {float(mp.mpf('3.9')).hex()}")
