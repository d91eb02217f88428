/* act_constants.h: the constants that define selu, gelu and gelu_tanh,
 * rounded to each format and, where a product with them must carry more
 * than one rounding's accuracy, split hi + lo (hi = RN(c), lo =
 * RN(c - hi)), shared by the scalar variants and the vector kernels.
 * Not fitted: `python3 scripts/fit/act_constants.py` prints every value
 * below (mpmath, 300 bits) except the two marked otherwise. */
#ifndef AB_KERNELS_ACT_CONSTANTS_H
#define AB_KERNELS_ACT_CONSTANTS_H

/* selu: lambda = 1.0507009873554804934193349852946, alpha =
 * 1.6732632423543772848170429916717 (Klambauer et al. 2017), la = lambda *
 * alpha.  lambda_lo (f64) and la_lo (f64) are the values the selu variants
 * were measured with, "computed with MPFR from the decimal definitions";
 * they do not reproduce from the 32-digit decimals above (the script
 * prints 0x1.6fc7d272f2695p-55 and 0x1.05161b045a1fep-56): kept as they
 * are so that no result changes. */
static const struct { float lambda, alpha, lambda_hi, lambda_lo, la_hi, la_lo; } ab_selu_f32 = {
    .lambda = 0x1.0cfabep+0f,
    .alpha = 0x1.ac5afap+0f,
    .lambda_hi = 0x1.0cfabep+0f,
    .lambda_lo = -0x1.2adddap-25f,
    .la_hi = 0x1.c212ccp+0f,
    .la_lo = 0x1.903c0cp-26f,
};
static const struct { double lambda, alpha, lambda_hi, lambda_lo, la_hi, la_lo; } ab_selu_f64 = {
    .lambda = 0x1.0cfabd6a91132p+0,
    .alpha = 0x1.ac5afad782cf1p+0,
    .lambda_hi = 0x1.0cfabd6a91132p+0,
    .lambda_lo = 0x1.ac79fa5f4cebp-55,
    .la_hi = 0x1.c212cc640f031p+0,
    .la_lo = -0x1.26edf569e8971p-54,
};

/* gelu_tanh: 2 sqrt(2/pi) = k_hi + k_lo, 0.044715 = c_hi + c_lo (f64). */
static const struct { double k_hi, k_lo, c_hi, c_lo; } ab_gelu_tanh_kc = {
    .k_hi = 0x1.9884533d43651p+0,
    .k_lo = -0x1.cbc0d30ebfd15p-54,
    .c_hi = 0x1.6e4e26d4801f7p-5,
    .c_lo = 0x1.441355475a31ap-59,
};

/* gelu: 1/sqrt2 (f32, and f64 hi + lo), 2/sqrt(pi), sqrt(2/pi). */
static const struct { float r_f32; double r_hi, r_lo, two_over_sqrtpi; float k_f32; double k_f64; } ab_gelu_c = {
    .r_f32 = 0x1.6a09e6p-1f,
    .r_hi = 0x1.6a09e667f3bcdp-1,
    .r_lo = -0x1.bdd3413b26456p-55,
    .two_over_sqrtpi = 0x1.20dd750429b6dp+0,
    .k_f32 = 0x1.988454p-1f,
    .k_f64 = 0x1.9884533d43651p-1,
};

#endif /* AB_KERNELS_ACT_CONSTANTS_H */
