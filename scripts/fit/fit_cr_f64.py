#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/fit_cr_f64.py
# Fits the binary64 polynomial of impls/kernels/cr_f64.h and PROVES its
# approximation error.
#
# The exp core reduces t = k ln2/16 + r, |r| <= R, and needs
#   Q(r) = (e^r - 1)/r = sum_{n>=0} r^n/(n+1)!   (so e^r = 1 + r Q(r))
# with a small RELATIVE error: q(r) = 1 + 1/2 r + c2 r^2 + ... + cN r^N,
# c0 = 1 and c1 = 1/2 fixed (exact doubles), c2..cN fitted by least squares
# on Chebyshev nodes (near-minimax), then rounded to doubles.
#
# Proof of the bound (rigorous, not sampled): with the doubles c_n,
#   q(r) - Q(r) = D(r) - T(r),  D(r) = sum_{n<=N+6} d_n r^n,
#   d_n = c_n - 1/(n+1)! (c_n = 0 for n > N), exact rationals,
#   |T(r)| = |sum_{n>N+6} r^n/(n+1)!| <= R^(N+7)/(N+8)! / (1 - R).
# |D| is enclosed on 4096 subintervals of [-R, R] by interval arithmetic
# (mpmath.iv at 256 bits; D's coefficients are all tiny, so the
# enclosures are tight), and Q(r) >= e^-R for |r| <= R (Q is increasing,
# Q(-R) = (1 - e^-R)/R >= e^-R).  So
#   |q/Q - 1| <= (max|D| + tail) e^R  =: eps_q, printed below.
import mpmath as mp
from mpmath import iv

mp.mp.prec = 256
iv.prec = 256

# |r| <= (ln2/16) (1/2 + 2^-40): k = nearest integer to RN(16/ln2) t, |t| <= 2^12,
# so |t 16/ln2 - k| <= 1/2 + 2^-40 (see cr_f64.h).
R = mp.log(2) / 16 * (mp.mpf(1) / 2 + mp.mpf(2) ** -40)


def rn53(x):
    return mp.mpf(float(x))


def fit(N, nodes=400):
    xs = [R * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / nodes) for i in range(nodes)]
    Q = lambda r: mp.expm1(r) / r if r != 0 else mp.mpf(1)
    # minimize sum ((1 + r/2 + sum c_n r^n) / Q - 1)^2 over c2..cN
    A = mp.matrix(nodes, N - 1)
    b = mp.matrix(nodes, 1)
    for i, r in enumerate(xs):
        qv = Q(r)
        for j in range(2, N + 1):
            A[i, j - 2] = r ** j / qv
        b[i] = 1 - (1 + r / 2) / qv
    c = mp.lu_solve(A.T * A, A.T * b)
    return [mp.mpf(1), mp.mpf(1) / 2] + [rn53(c[j]) for j in range(N - 1)]


def prove(cs):
    N = len(cs) - 1
    M = N + 6
    d = [(cs[n] if n <= N else 0) - mp.mpf(1) / mp.factorial(n + 1) for n in range(M + 1)]
    tail = R ** (M + 1) / mp.factorial(M + 2) / (1 - R)
    S = 4096
    worst = mp.mpf(0)
    for i in range(S):
        lo = -R + 2 * R * i / S
        hi = -R + 2 * R * (i + 1) / S
        x = iv.mpf([lo, hi])
        acc = iv.mpf(0)
        for n in range(M, -1, -1):
            acc = acc * x + iv.mpf(d[n])
        m = max(abs(mp.mpf(acc.a)), abs(mp.mpf(acc.b)))
        worst = max(worst, m)
    return (worst + tail) * mp.exp(R)


for N in (4, 5):
    cs = fit(N)
    eps = prove(cs)
    print(f"q{N}: |r| <= {mp.nstr(R, 10)}, eps_q <= 2^{mp.nstr(mp.log(eps, 2), 6)}")
    for n, c in enumerate(cs):
        print(f"  c{n} = {float(c).hex()}")
import struct
for j in range(16):
    t = float(mp.power(2, mp.mpf(j) / 16))
    # the kernel's table: T[j]'s bits minus j << 48 (an integer subtraction),
    # so that adding k << 48 (k = 16 m + j) gives 2^m T[j] in one integer add
    b = struct.unpack("<Q", struct.pack("<d", t))[0] - (j << 48)
    print(f"T[{j}] = {t.hex()}, table entry {struct.unpack('<d', struct.pack('<Q', b))[0].hex()}")
L = mp.log(2) / 16
h = rn53(L)
print(f"ln2/16 hi = {float(h).hex()}, lo = {float(rn53(L - h)).hex()}, 16/ln2 = {float(1 / L).hex()}")
