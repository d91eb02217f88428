#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/fit_cr_log.py
# Fits the binary64 log1p polynomial of impls/kernels/cr_log_f64.h and
# PROVES its approximation error; prints its tables.
#
# The log core writes s = 2^m mant, mant in [0.75, 1.5), k = round(16 mant)
# - 16 in [-4, 8], c = 1 + k/16, inv = RN(1/c), r = mant inv - 1, and
# needs log1p(r) for r in [RLO, RHI] (the reduced intervals' union, widened
# by 2^-40 for the roundings of inv and of r) with a small RELATIVE error:
#   p(r) = r + c2 r^2 + ... + cN r^N   (c1 = 1 exactly),
# c2..cN fitted by least squares on Chebyshev nodes of the relative error,
# then rounded to doubles.
#
# Proof (interval arithmetic, not sampled): p(r) - log1p(r) = D(r) - T(r),
#   D(r) = sum_{n<=M} d_n r^n, d_n = c_n - (-1)^(n+1)/n (exact rationals,
#   c_n = 0 for n > N), M = N + 8;  |T(r)| <= R^(M+1)/(M+1)/(1 - R),
#   R = max(|RLO|, RHI);  d_1 = 0, so D(r)/r = sum d_n r^(n-1),
# enclosed on 4096 subintervals with mpmath.iv at 256 bits, and
# |log1p(r)| >= |r|/(1 + R) for r in [-R, R], so
#   |p/log1p - 1| <= (max|D/r| + tail/|r|...) (1 + R)
# where the tail term is bounded by R^M/(M+1)/(1 - R) (T(r)/r).
import mpmath as mp
from mpmath import iv

mp.mp.prec = 256
iv.prec = 256

# k = -4 (c = 0.75): mant in [0.75, 0.78125) -> r < 0.78125/0.75 - 1 = 1/24;
# k = -3 (c = 0.8125): mant >= 0.78125 -> r >= 0.78125/0.8125 - 1 = -1/26.
RHI = mp.mpf(1) / 24 + mp.mpf(2) ** -40
RLO = -(mp.mpf(1) / 26 + mp.mpf(2) ** -40)
R = max(-RLO, RHI)


def rn53(x):
    return mp.mpf(float(x))


def fit(N, nodes=400):
    mid, half = (RHI + RLO) / 2, (RHI - RLO) / 2
    xs = [mid + half * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / nodes) for i in range(nodes)]
    A = mp.matrix(nodes, N - 1)
    b = mp.matrix(nodes, 1)
    for i, r in enumerate(xs):
        L = mp.log1p(r)
        for j in range(2, N + 1):
            A[i, j - 2] = r ** j / L
        b[i] = 1 - r / L
    c = mp.lu_solve(A.T * A, A.T * b)
    return [mp.mpf(0), mp.mpf(1)] + [rn53(c[j]) for j in range(N - 1)]


def prove(cs):
    N = len(cs) - 1
    M = N + 8
    d = [mp.mpf(0)] + [(cs[n] if n <= N else 0) - mp.mpf((-1) ** (n + 1)) / n for n in range(1, M + 1)]
    tail = R ** M / (M + 1) / (1 - R)
    S = 4096
    worst = mp.mpf(0)
    for i in range(S):
        lo = RLO + (RHI - RLO) * i / S
        hi = RLO + (RHI - RLO) * (i + 1) / S
        x = iv.mpf([lo, hi])
        acc = iv.mpf(0)
        for n in range(M, 0, -1):  # D(r)/r = sum_{n>=1} d_n r^(n-1)
            acc = acc * x + iv.mpf(d[n])
        worst = max(worst, abs(mp.mpf(acc.a)), abs(mp.mpf(acc.b)))
    return (worst + tail) * (1 + R)


for N in (8, 9):
    cs = fit(N)
    eps = prove(cs)
    print(f"p{N}: r in [{mp.nstr(RLO, 8)}, {mp.nstr(RHI, 8)}], eps_p <= 2^{mp.nstr(mp.log(eps, 2), 6)}")
    print("  c = {" + ", ".join(float(c).hex() for c in cs[2:]) + "}  (c2..cN)")
inv = [rn53(1 / (1 + mp.mpf(k) / 16)) for k in range(-4, 9)]
print("inv = {" + ", ".join(float(v).hex() for v in inv) + "}  (k = -4..8)")
print("L = {" + ", ".join(float(rn53(-mp.log(v))).hex() for v in inv) + "}  (-log(inv), k = -4..8)")
h = rn53(mp.log(2))
print(f"ln2 hi = {float(h).hex()}, lo = {float(rn53(mp.log(2) - h)).hex()}")

# The log1p core for E in [0, 1] (cr_v8_log1p01, softplus / log_sigmoid):
# k = round(15 E) in [0, 15], c = 1 + k/15, inv = RN(1/c), im1 = inv - 1
# (exact: Sterbenz), r = RN(E inv + im1) = (1 + E) inv - 1 rounded once,
# |r| <= (1/30 + 2^-50)/c <= 1/30 + 2^-50: inside [RLO, RHI] above, so p8's
# eps_p holds there unchanged.
inv15 = [rn53(1 / (1 + mp.mpf(k) / 15)) for k in range(16)]
print("inv15 = {" + ", ".join(float(v).hex() for v in inv15) + "}  (k = 0..15)")
print("im1_15 = {" + ", ".join(float(v - 1).hex() for v in inv15) + "}  (inv - 1, exact)")
print("L15 = {" + ", ".join(float(rn53(-mp.log(v))).hex() for v in inv15) + "}  (-log(inv), k = 0..15)")
