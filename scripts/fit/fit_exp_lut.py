#!/usr/bin/env python3
# Fits the table-driven f32 exp of impls/kernels/exp_lut.h (own coefficients).
#
#   python3 scripts/fit/fit_exp_lut.py --table 16 --degree 3
#   python3 scripts/fit/fit_exp_lut.py --table 32 --degree 2
#   python3 scripts/fit/fit_exp_lut.py --table 32 --degree 2 --free-c0
#
# e^t = 2^floor(n/N) * T[n mod N] * e^r,  n = round(t N/ln2),  r = t - n ln2/N,
# |r| <= ln2/(2N) (+ the reduction's rounding).  T[j] = RN24(2^(j/N)).
# e^r ~= 1 + r q(r), q(r) = c1 + c2 r + ... + cD r^(D-1): a weighted minimax
# fit (Remez exchange on a dense grid, mpmath at 200 bits) of the RELATIVE
# error (1 + r q(r) - e^r)/e^r on [-rmax, rmax], rmax = ln2/(2N) * 1.001
# (the slack covers r's rounding).  The coefficients are rounded to f32 and
# the relative error of the rounded polynomial is measured again (printed).
# --free-c0: e^r ~= c0 (1 + r q(r)) with c0 free too (one more degree of
# freedom for the same operation count): c0 is folded into the table,
# T[j] = RN24(c0 2^(j/N)), and q's coefficients are c_k / c0.
# ln2hi = ln2 rounded to `hibits` bits, so kq * ln2hi is exact for the
# kq = n/N the kernels reach (|t| <= 104: |n| <= 2401 for N = 16, 12
# significant bits; N = 32: 13 bits); ln2lo = RN24(ln2 - ln2hi).
import argparse
import mpmath as mp

mp.mp.prec = 200


def rn(x, p):
    if x == 0:
        return mp.mpf(0)
    m, e = mp.frexp(x)
    return mp.ldexp(mp.nint(mp.ldexp(m, p)), e - p)


def f32hex(x):
    h = float(rn(mp.mpf(x), 24)).hex()          # e.g. 0x1.0b55860000000p+0
    m, e = h.split("p")
    m = m.rstrip("0").rstrip(".") if "." in m else m
    return f"{m}p{e}f"


def remez(f, w, a, b, nfree, grid=4000, iters=40):
    """min over c of max |w(x) (sum c_k x^k - f(x))| on [a, b], k < nfree."""
    xs = [a + (b - a) * i / grid for i in range(grid + 1)]
    xs = [x for x in xs if w(x) != 0]
    # start: Chebyshev-like reference
    ref = [(a + b) / 2 - (b - a) / 2 * mp.cos(mp.pi * i / nfree) for i in range(nfree + 1)]
    c = None
    for _ in range(iters):
        A = mp.matrix(nfree + 1, nfree + 1)
        rhs = mp.matrix(nfree + 1, 1)
        for i, x in enumerate(ref):
            for k in range(nfree):
                A[i, k] = w(x) * x ** k
            A[i, nfree] = (-1) ** i
            rhs[i] = w(x) * f(x)
        sol = mp.lu_solve(A, rhs)
        c = [sol[k] for k in range(nfree)]
        err = [w(x) * (sum(c[k] * x ** k for k in range(nfree)) - f(x)) for x in xs]
        # split into sign runs, take the extremum of each
        runs = []
        for x, e in zip(xs, err):
            s = e >= 0
            if runs and runs[-1][0] == s:
                if abs(e) > abs(runs[-1][2]):
                    runs[-1] = (s, x, e)
            else:
                runs.append((s, x, e))
        while len(runs) > nfree + 1:   # drop the smallest end run
            if abs(runs[0][2]) < abs(runs[-1][2]):
                runs.pop(0)
            else:
                runs.pop()
        if len(runs) < nfree + 1:
            break
        ref = [r[1] for r in runs]
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", type=int, default=16)
    ap.add_argument("--degree", type=int, default=3)
    ap.add_argument("--hibits", type=int, default=0, help="bits of ln2hi (default: 24 - bits of max |n|)")
    ap.add_argument("--tmax", type=float, default=104.0, help="max |t| the kernel reduces")
    ap.add_argument("--free-c0", action="store_true", help="fit c0 too and fold it into the table")
    args = ap.parse_args()
    N, D = args.table, args.degree
    ln2 = mp.log(2)
    rmax = ln2 / (2 * N) * mp.mpf("1.001")
    f = lambda r: (mp.expm1(r) / r) if r != 0 else mp.mpf(1)
    w = lambda r: abs(r) / mp.exp(r)
    c0 = mp.mpf(1)
    if args.free_c0:
        call = remez(lambda r: mp.exp(r), lambda r: 1 / mp.exp(r), -rmax, rmax, D + 1)
        c0 = call[0]
        c = [ck / c0 for ck in call[1:]]
    else:
        c = remez(f, w, -rmax, rmax, D)
    c32 = [rn(ck, 24) for ck in c]
    grid = [-rmax + 2 * rmax * i / 20000 for i in range(20001)]
    def relerr(cs):
        return max(abs((c0 * (1 + r * sum(cs[k] * r ** k for k in range(D))) - mp.exp(r)) / mp.exp(r)) for r in grid)
    e_exact, e_f32 = relerr(c), relerr(c32)
    nmax = int(mp.ceil(args.tmax * N / ln2))
    hib = args.hibits or 24 - len(bin(nmax)) + 2
    hi = rn(ln2, hib)
    lo = rn(ln2 - hi, 24)
    print(f"/* python3 scripts/fit/fit_exp_lut.py --table {N} --degree {D}"
          + (f" --hibits {args.hibits}" if args.hibits else "") + (" --free-c0" if args.free_c0 else "") + (f" --tmax {args.tmax:g}" if args.tmax != 104 else "") + "\n"
          f"   e^r ~= 1 + r (c1 + ... + c{D} r^{D-1}) on |r| <= ln2/{2 * N} (+0.1%): max rel err "
          f"2^{float(mp.log(e_exact, 2)):.2f} (f32 coefficients: 2^{float(mp.log(e_f32, 2)):.2f});\n"
          f"   |n| <= {nmax} for |t| <= {args.tmax:g}: ln2hi has {hib} bits, kq ln2hi exact */")
    if args.free_c0:
        print(f"   c0 = {mp.nstr(c0, 12)} (folded into the table)")
    print("    .ln2hi = %s, .ln2lo = %s," % (f32hex(hi), f32hex(lo)))
    print("    " + ", ".join(f".c{k + 1} = {f32hex(c32[k])}" for k in range(D)) + ",")
    print("    .tab = {")
    for j in range(0, N, 4):
        print("        " + ", ".join(f32hex(c0 * mp.power(2, mp.mpf(i) / N)) for i in range(j, min(j + 4, N))) + ",")
    print("    },")


if __name__ == "__main__":
    main()
