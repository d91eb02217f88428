#!/usr/bin/env python3
# Regenerate: python3 scripts/fit/act_constants.py
# Prints the activation-defining constants of impls/kernels/act_constants.h
# (not fitted: each is a decimal definition or closed form rounded to
# nearest at 24 or 53 bits, and a hi + lo pair is hi = RN(c), lo = RN(c - hi)),
# computed with mpmath at 300 bits.
import mpmath as mp

mp.mp.prec = 300


def rn(x, p):
    m, e = mp.frexp(x)
    return mp.ldexp(mp.nint(mp.ldexp(m, p)), e - p)


def pair(name, c, p):
    h = rn(c, p)
    print(f"{name} (p={p}): hi = {float(h).hex()}, lo = {float(rn(c - h, p)).hex()}")


L = mp.mpf("1.0507009873554804934193349852946")   # selu lambda (SNN paper)
A = mp.mpf("1.6732632423543772848170429916717")   # selu alpha
print(f"selu lambda: {float(rn(L, 24)).hex()} (f32), {float(rn(L, 53)).hex()} (f64)")
print(f"selu alpha: {float(rn(A, 24)).hex()} (f32), {float(rn(A, 53)).hex()} (f64)")
pair("selu lambda", L, 24)
pair("selu lambda*alpha", L * A, 24)
pair("selu lambda", L, 53)
pair("selu lambda*alpha", L * A, 53)
pair("gelu_tanh K = 2 sqrt(2/pi)", 2 * mp.sqrt(2 / mp.pi), 53)
pair("gelu_tanh C = 0.044715", mp.mpf("0.044715"), 53)
print(f"gelu 1/sqrt2: {float(rn(1 / mp.sqrt(2), 24)).hex()} (f32)")
pair("gelu 1/sqrt2", 1 / mp.sqrt(2), 53)
print(f"gelu 2/sqrt(pi): {float(rn(2 / mp.sqrt(mp.pi), 53)).hex()}")
print(f"gelu sqrt(2/pi): {float(rn(mp.sqrt(2 / mp.pi), 24)).hex()} (f32), "
      f"{float(rn(mp.sqrt(2 / mp.pi), 53)).hex()} (f64)")
