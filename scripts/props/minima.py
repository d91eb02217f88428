#!/usr/bin/env python3
"""The minima of the non-monotone activations and -lambda*alpha, at 60
digits with mpmath (independent of actbench's MPFR references), each
rounded down (outward, for a lower bound) to binary32 and binary64: the
constants of the `range` properties in impls/.  Run: python3 minima.py"""
import struct
from mpmath import mp, mpf, exp, tanh, erf, erfc, sqrt, pi, log, findroot, diff

mp.dps = 60

def down64(v):
    d = float(v)                      # round to nearest
    if mpf(d) > v:                    # step down one double
        b = struct.unpack('<q', struct.pack('<d', d))[0]
        d = struct.unpack('<d', struct.pack('<q', b + 1 if d < 0 else b - 1))[0]
    return d

def down32(v):
    f = struct.unpack('<f', struct.pack('<f', float(v)))[0]
    # float(v) rounds to double first; at 60 digits the double rounding
    # cannot cross a float, but check against v exactly and step if needed
    if mpf(f) > v:
        b = struct.unpack('<i', struct.pack('<f', f))[0]
        f = struct.unpack('<f', struct.pack('<i', b + 1 if f < 0 else b - 1))[0]
    assert mpf(f) <= v
    return f

fns = {
    'silu': lambda x: x / (1 + exp(-x)),
    'mish': lambda x: x * tanh(log(1 + exp(x))),
    'gelu': lambda x: x * erfc(-x / sqrt(2)) / 2,
    'gelu_tanh': lambda x: x / 2 * (1 + tanh(sqrt(2 / pi) * (x + mpf('0.044715') * x**3))),
}
for name, f in fns.items():
    x0 = findroot(lambda x: diff(f, x), mpf(-1))
    m = f(x0)
    print(f"{name}: argmin {mp.nstr(x0, 25)}, min {mp.nstr(m, 30)}")
    print(f"  f32 {down32(m).hex()}  f64 {down64(m).hex()}")
# the reference's decimals (reference/selu.c)
la = mpf('1.0507009873554805') * mpf('1.6732632423543772')
print(f"selu: -lambda*alpha {mp.nstr(-la, 30)}")
print(f"  f32 {down32(-la).hex()}  f64 {down64(-la).hex()}")
