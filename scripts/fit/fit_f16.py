#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/fit_f16.py [exp|tanh|gelu|softplus|const]
# Coefficients of impls/kernels/f16_body.h (the binary16 kernels of
# impls/f16_simd.c), each rounded to binary16 (11 bits), as hex floats.
#
# Method: weighted minimax on a dense grid by Lawson's algorithm (iteratively
# reweighted least squares, converging to the minimax solution), relative
# error weight 1/|f|.  Rationals P/Q by Loeb's linearisation (the residual
# P - f Q weighted by 1/Q of the previous pass).  Rounding to binary16 is
# greedy: round one coefficient, refit the others with it fixed, repeat;
# both orders (low degree first, high degree first) are tried and the one
# with the smaller max error kept.  The printed error is the approximation's
# own (exact arithmetic on the rounded coefficients), log2 of the max
# relative error; the kernels' binary16 evaluation adds its roundings, which
# the exhaustive sweep measures.  mpmath only (no numpy).
import sys
import mpmath as mp

mp.mp.dps = 40


def rn(x, p=11):
    """x rounded to nearest (ties to even) at p bits, on the binary16 grid
    (quantum at least 2^-24: subnormals)."""
    if x == 0:
        return mp.mpf(0)
    m, e = mp.frexp(x)                       # x = m 2^e, 0.5 <= |m| < 1
    q = max(e - p, -24)
    t = mp.ldexp(x, -q)
    r = mp.floor(t)
    d = t - r
    if d > 0.5 or (d == 0.5 and int(r) % 2):
        r += 1
    return mp.ldexp(r, q)


def hexf(x):
    return float(x).hex()


def solve_ls(rows, rhs, lam):
    """min sum lam_i (rows_i . c - rhs_i)^2 by the normal equations."""
    k = len(rows[0])
    A = mp.matrix(k, k)
    b = mp.matrix(k, 1)
    for r, y, l in zip(rows, rhs, lam):
        for i in range(k):
            b[i] += l * r[i] * y
            for j in range(k):
                A[i, j] += l * r[i] * r[j]
    return mp.lu_solve(A, b)


def lawson(basis, f, w, grid, iters=300):
    """Coefficients c minimising max |w (sum c_j basis_j - f)| on grid."""
    rows = [[w(x) * b(x) for b in basis] for x in grid]
    rhs = [w(x) * f(x) for x in grid]
    lam = [mp.mpf(1) / len(grid)] * len(grid)
    c = None
    for _ in range(iters):
        c = solve_ls(rows, rhs, lam)
        err = [abs(sum(ci * ri for ci, ri in zip(c, r)) - y) for r, y in zip(rows, rhs)]
        s = sum(l * e for l, e in zip(lam, err))
        if s == 0:
            break
        lam = [l * e / s for l, e in zip(lam, err)]
    return list(c)


def grid_of(lo, hi, n=400):
    """Chebyshev-like points (dense at the ends) plus the ends."""
    pts = [lo + (hi - lo) * (1 - mp.cos(mp.pi * i / (n - 1))) / 2 for i in range(n)]
    return pts


def fit_rounded(powers, fixed, f, w, grid, order):
    """Polynomial sum c_k x^k over powers (fixed: dict power -> value),
    each coefficient rounded to binary16 greedily in the given order."""
    fixed = dict(fixed)
    free = [k for k in powers if k not in fixed]
    for k in order(free):
        rest = [j for j in powers if j not in fixed]
        g = lambda x, fx=dict(fixed): f(x) - sum(v * x**j for j, v in fx.items())
        c = lawson([lambda x, j=j: x**j for j in rest], g, w, grid)
        fixed[k] = rn(c[rest.index(k)])
    return fixed


def poly_err(coefs, f, grid):
    return max(abs(sum(v * x**j for j, v in coefs.items()) / f(x) - 1) for x in grid)


def best_poly(name, powers, fixed, f, grid):
    w = lambda x: 1 / abs(f(x))
    best = None
    for label, order in (("low first", sorted), ("high first", lambda l: sorted(l, reverse=True))):
        c = fit_rounded(powers, fixed, f, w, grid, order)
        e = poly_err(c, f, grid)
        if best is None or e < best[1]:
            best = (c, e, label)
    c, e, label = best
    print(f"{name}: max rel error 2^{float(mp.log(e, 2)):.2f} (rounded {label})")
    for k in sorted(c):
        print(f"  c{k} = {hexf(c[k])}")
    return c


def fit_exp():
    # p(r) = 1 + r + c2 r^2 + c3 r^3 + c4 r^4 ~ e^r on |r| <= 0.37: the
    # kernels' t is in [-31.5, 12] (gelu's -x^2/2 down to -31, silu's -24),
    # n = rint(RN(t log2e)) with log2e rounded (error 3.1e-4) and the
    # product rounded (2^-11 relative), so |t log2e - n| <= 0.5 + 31.5 *
    # (3.1e-4 + 1.45 * 2^-11) < 0.533, and |r| <= 0.533 ln2 < 0.37.
    g = grid_of(mp.mpf("-0.37"), mp.mpf("0.37"))
    best_poly("exp p3", [0, 1, 2, 3], {0: 1, 1: 1}, mp.exp, g)
    best_poly("exp p4", [0, 1, 2, 3, 4], {0: 1, 1: 1}, mp.exp, g)


def fit_tanh(split):
    # tanh x ~ x + x^3 (c3 + c5 x^2 + c7 x^4) on (0, split]
    g = grid_of(mp.mpf(2) ** -8, mp.mpf(split))
    best_poly(f"tanh odd p7 on (0, {split}]", [1, 3, 5, 7], {1: 1}, mp.tanh, g)
    best_poly(f"tanh odd p5 on (0, {split}]", [1, 3, 5], {1: 1}, mp.tanh, g)


def gelu_R(a):
    # Q(a) e^{a^2/2} with Q(a) = Phi(-a) = erfc(a/sqrt2)/2
    return mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def lawson_float(rows, rhs, iters=200):
    """lawson() on plain floats (fast; enough for binary16 coefficients)."""
    n, k = len(rows), len(rows[0])
    lam = [1.0 / n] * n
    c = [0.0] * k
    for _ in range(iters):
        A = [[0.0] * k for _ in range(k)]
        b = [0.0] * k
        for r, y, l in zip(rows, rhs, lam):
            for i in range(k):
                b[i] += l * r[i] * y
                for j in range(k):
                    A[i][j] += l * r[i] * r[j]
        c = [float(v) for v in mp.lu_solve(mp.matrix(A), mp.matrix(b))]
        err = [abs(sum(ci * ri for ci, ri in zip(c, r)) - y) for r, y in zip(rows, rhs)]
        s = sum(l * e for l, e in zip(lam, err))
        if s == 0:
            break
        lam = [l * e / s for l, e in zip(lam, err)]
    return c


def f16_bits(x):
    """The binary16 encoding of a binary16 value x (normal or zero)."""
    import struct
    return struct.unpack("<H", struct.pack("<e", float(x)))[0]


def fit_gelu_table(n=64, width=mp.mpf(1) / 8, pts=48):
    """gelu's R(a) = Q(a) e^(a^2/2) by 64 quadratics around a_j = j/8:
    R(a_j + d) ~ c0 + (l + d (c1 + d c2)), |d| <= 1/16 (d >= 0 for j = 0),
    c0 = RN(R(a_j)) and l a small constant beside it (c0 + l carries R(a_j)
    to ~2^-22: the kernel adds c0 last, exactly, so its rounding must not
    be the error at d = 0); l, c1, c2 minimax (relative), then rounded
    greedily (l, then c1 and c2 refitted; c1; c2).  Prints the four tables
    as binary16 bit patterns and the max relative error."""
    worst = mp.mpf(0)
    tabs = ([], [], [], [])
    for j in range(n):
        aj = j * width
        lo = mp.mpf(0) if j == 0 else -width / 2
        d = [lo + (width / 2 - lo) * i / (pts - 1) for i in range(pts)]
        R = [gelu_R(aj + t) for t in d]
        c0 = rn(gelu_R(aj))
        fixed = []
        basis = [lambda t: 1, lambda t: t, lambda t: t * t]
        for k in range(3):
            rest = basis[k:]
            rows = [[float(b(t) / r) for b in rest] for t, r in zip(d, R)]
            rhs = [float((r - c0 - sum(c * basis[i](t) for i, c in enumerate(fixed))) / r)
                   for t, r in zip(d, R)]
            c = lawson_float(rows, rhs, iters=100)
            fixed.append(rn(mp.mpf(c[0])))
        l, c1, c2 = fixed
        e = max(abs((c0 + (l + t * (c1 + t * c2))) / r - 1) for t, r in zip(d, R))
        worst = max(worst, e)
        for tab, c in zip(tabs, (c0, l, c1, c2)):
            tab.append(f16_bits(c))
    print(f"gelu R table: {n} quadratics, width {float(width)}: max rel error 2^{float(mp.log(worst, 2)):.2f}")
    for name, tab in zip(("c0", "l", "c1", "c2"), tabs):
        print(f"  {name}:")
        for i in range(0, n, 8):
            print("    " + " ".join(f"0x{v:04x}," for v in tab[i:i + 8]))


def fit_softplus():
    # log1p(e) = 2 atanh(s), s = e/(2+e) in [0, 1/3] for 0 <= e <= 1:
    # 2s + 2s^3 (c3 + c5 s^2 + ...), fitted as s + s^3 (...) (the factor 2
    # is exact).
    f = lambda s: mp.atanh(s)
    g = grid_of(mp.mpf(2) ** -8, mp.mpf(1) / 3)
    best_poly("atanh odd p7 on (0, 1/3]", [1, 3, 5, 7], {1: 1}, f, g)
    best_poly("atanh odd p5 on (0, 1/3]", [1, 3, 5], {1: 1}, f, g)


def constants():
    ln2 = mp.log(2)
    hi = rn(ln2)
    print(f"ln2: hi = {hexf(hi)}, lo = {hexf(rn(ln2 - hi))}")
    print(f"log2e = {hexf(rn(1 / ln2))}")
    print(f"2 log2e = {hexf(rn(2 / ln2))}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("const", "all"):
        constants()
    if what in ("exp", "all"):
        fit_exp()
    if what in ("tanh", "all"):
        for s in ("0.5625", "0.625", "0.75"):
            fit_tanh(s)
    if what in ("softplus", "all"):
        fit_softplus()
    if what in ("gelu", "all"):
        fit_gelu_table()
