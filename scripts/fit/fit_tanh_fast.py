#!/usr/bin/env python3
"""fit_tanh_fast.py -- coefficients of impls/tanh_fast_simd.c (our own fit).

tanh(x) ~= a P(t) / Q(t), a = min(|x|, c), t = a^2,
P(t) = 1 + p1 t + ... + pM t^M,  Q(t) = 1 + q1 t + ... + qN t^N,
c = 0x1.205968p+3 (the smallest float whose correctly rounded tanh is 1).
P(0) = Q(0) = 1: tiny a comes back exactly.

1. Minimax in RELATIVE error of P/Q against g(t) = tanh(sqrt t)/sqrt t on
   [0, c^2] by the Loeb + Lawson iteration (weighted linear least squares
   on a Chebyshev grid in tau = t/c^2, the residual divided by g Q_old so
   that it approximates the relative error, Lawson weights w <- w |err|),
   all in mpmath at 30 digits.
2. Rounding to f32: every coefficient is rounded to nearest, then a greedy
   search moves single coefficients by +-1, +-2 f32 ulps while that lowers
   the max ULP error of the kernel's OWN f32 evaluation (Horner with FMA,
   the product a P, one division, min(1, y)), simulated in Python (an f32
   FMA: the product of two floats is exact in double, the sum is rounded
   to double by math.fsum and then to f32 -- a double rounding that can
   differ from the hardware only on exact f32 ties after a double
   rounding, which the sampled check by actbench sweep covers) on a fixed
   sample of floats in (0, c] weighted toward the saturation range, against
   mpmath tanh.

Run:  python3 scripts/fit/fit_tanh_fast.py M N      (the kernel: 4 4)
      python3 scripts/fit/fit_tanh_fast.py odd      (tanh_fast2_simd.c's small branch, fit_odd below)
"""
import math
import random
import struct
import sys

import mpmath as mp

mp.mp.dps = 30
C = float.fromhex('0x1.205968p+3')


def r32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def next32(v, d):
    b = struct.unpack('I', struct.pack('f', v))[0]
    b += d if v > 0 else -d
    return struct.unpack('f', struct.pack('I', b))[0]


def lawson(M, N, G=400, iters=120):
    T = mp.mpf(C) ** 2
    tau = [mp.mpf(0), mp.mpf(1)] + [(1 - mp.cos(mp.pi * (k + mp.mpf(1) / 2) / G)) / 2 for k in range(G)]
    g = []
    for u in tau:
        t = u * T
        g.append(mp.mpf(1) if t == 0 else mp.tanh(mp.sqrt(t)) / mp.sqrt(t))
    K = M + N
    w = [mp.mpf(1)] * len(tau)
    Qold = [mp.mpf(1)] * len(tau)
    best = None
    for _ in range(iters):
        A = mp.zeros(K, K)
        b = mp.zeros(K, 1)
        for k, u in enumerate(tau):
            row = [u ** (i + 1) for i in range(M)] + [-g[k] * u ** (j + 1) for j in range(N)]
            s2 = w[k] / (g[k] * Qold[k]) ** 2
            rhs = g[k] - 1
            for i in range(K):
                ri = row[i] * s2
                b[i] += ri * rhs
                for j in range(i, K):
                    A[i, j] += ri * row[j]
        for i in range(K):
            for j in range(i):
                A[i, j] = A[j, i]
        sol = mp.lu_solve(A, b)
        errs, Qs = [], []
        for k, u in enumerate(tau):
            P = 1 + sum(sol[i] * u ** (i + 1) for i in range(M))
            Q = 1 + sum(sol[M + j] * u ** (j + 1) for j in range(N))
            errs.append(abs(P / Q - g[k]) / g[k])
            Qs.append(Q)
        e = max(errs)
        if best is None or e < best[0]:
            best = (e, [sol[i] for i in range(K)])
        Qold = Qs
        tot = sum(w[k] * errs[k] for k in range(len(tau)))
        w = [w[k] * errs[k] / tot for k in range(len(tau))]
    e, sol = best
    p = [float(sol[i] / T ** (i + 1)) for i in range(M)]
    q = [float(sol[M + j] / T ** (j + 1)) for j in range(N)]
    return e, p, q


def fma32(a, b, c):
    return r32(math.fsum((a * b, c)))


def kernel32(a, p, q):
    """the kernel's f32 evaluation on a = min(|x|, c)"""
    t = r32(a * a)
    P = p[-1]
    for c in reversed(p[:-1]):
        P = fma32(P, t, c)
    P = fma32(P, t, 1.0)
    Q = q[-1]
    for c in reversed(q[:-1]):
        Q = fma32(Q, t, c)
    Q = fma32(Q, t, 1.0)
    return min(1.0, r32(r32(a * P) / Q))


def sample(n, seed):
    rnd = random.Random(seed)
    pts = [rnd.uniform(0, 1) for _ in range(n // 8)] + [rnd.uniform(1, 4) for _ in range(n // 8)] \
        + [rnd.uniform(4, C) for _ in range(3 * n // 4)]
    out = []
    for a in pts:
        a = min(r32(a), C)
        if a <= 0:
            continue
        ref = float(mp.tanh(a))
        ulp = 2.0 ** (math.floor(math.log2(ref)) - 23)
        out.append((a, ref, ulp))
    return out


def maxulp(S, p, q):
    return max(abs(kernel32(a, p, q) - ref) / ulp for a, ref, ulp in S)


def main():
    M = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    N = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    e, p, q = lawson(M, N)
    print(f"/* unrounded rational {M}/{N}: max rel err 2^{float(mp.log(e, 2)):.2f} on [0, c^2] (grid) */")
    coef = [r32(v) for v in p + q]
    S = sample(20000, 1)
    cur = maxulp(S, coef[:M], coef[M:])
    print(f"/* coefficients rounded to nearest f32: kernel max {cur:.3f} ulp (sample) */")
    improved = True
    while improved:
        improved = False
        for i in range(M + N):
            for d in (1, -1, 2, -2, 4, -4):
                c2 = list(coef)
                c2[i] = next32(c2[i], d)
                m = maxulp(S, c2[:M], c2[M:])
                if m < cur - 1e-3:
                    cur, coef, improved = m, c2, True
    chk = maxulp(sample(40000, 2), coef[:M], coef[M:])
    print(f"/* after the greedy f32 search: kernel max {cur:.3f} ulp (fit sample), {chk:.3f} ulp (fresh sample) */")
    for i in range(M):
        print(f"    .p{i+1} = {coef[i].hex()}f,")
    for j in range(N):
        print(f"    .q{j+1} = {coef[M+j].hex()}f,")


if __name__ == "__main__" and not (len(sys.argv) > 1 and sys.argv[1] == "odd"):
    main()


# ---- the small-|x| branch of impls/tanh_fast2_simd.c ------------------------
#   python3 scripts/fit/fit_tanh_fast.py odd
# tanh(x) ~= x + x^3 q(x^2), deg q = 3, on [0, 9/16]: a weighted minimax fit
# (fit_exp_lut.py's Remez exchange, mpmath) of q(s) to g(s) = (tanh(x)/x - 1)/s,
# s = x^2, in RELATIVE error of tanh: weight s x / tanh(x).  Coefficients
# rounded to f32, then the relative error is measured again on a grid.
def fit_odd(split=mp.mpf(9) / 16, deg=3):
    import importlib.util, os
    spec = importlib.util.spec_from_file_location("fit_exp_lut", os.path.join(os.path.dirname(__file__), "fit_exp_lut.py"))
    fel = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fel)
    mp.mp.prec = 200
    S = split * split

    def g(s):
        if s == 0:
            return mp.mpf(-1) / 3
        x = mp.sqrt(s)
        return (mp.tanh(x) / x - 1) / s

    def w(s):
        if s == 0:
            return mp.mpf(0)
        x = mp.sqrt(s)
        return s * x / mp.tanh(x)

    c = fel.remez(g, w, mp.mpf(0), S, deg + 1, grid=3000)
    c32 = [r32(float(ck)) for ck in c]
    grid = [split * i / 4000 for i in range(1, 4001)]

    def rel(cs):
        return max(abs((x + x ** 3 * sum(mp.mpf(cs[k]) * x ** (2 * k) for k in range(deg + 1)) - mp.tanh(x)) / mp.tanh(x)) for x in grid)
    print(f"/* python3 scripts/fit/fit_tanh_fast.py odd\n   tanh(x) ~= x + x^3 q(x^2) on [0, {float(split)}]: max rel err 2^{float(mp.log(rel(c), 2)):.2f}"
          f" (f32 coefficients: 2^{float(mp.log(rel(c32), 2)):.2f}) */")
    for k in range(deg + 1):
        print(f"    .c{2 * k + 3} = {fel.f32hex(mp.mpf(c32[k]))},")


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "odd":
    fit_odd()
