/* torch.c: libtorch 1.13 (PyTorch's ATen CPU kernels) as measured peers;
 * the kernels are called from torch_shim.cc.  Opt-in: make PEERS=torch
 * (libtorch-dev is large); otherwise the variants are listed unavailable.
 *
 * Every variant runs the ATen CPU kernel PyTorch itself runs for the
 * operator (torch.sigmoid, F.softplus, ...) on a contiguous 1-D tensor
 * wrapped around the harness's buffers (at::from_blob, no copy), with
 * intra-op threads set to 1.  ATen picks its kernels at run time by CPU
 * capability (the version string names it: AVX2 by default in 1.13 even
 * on AVX-512 machines, ATEN_CPU_CAPABILITY overrides); the vectorized
 * paths (Sleef-based exp/log/tanh/erf in at::vec::Vectorized) cover the
 * full vectors and a tail of the row, as PyTorch computes.  PyTorch
 * documents no accuracy bound: every variant declares INFINITY. */
#include "torch_lib.h"
#include <math.h>

#ifndef AB_NO_TORCH
#define AB_TORCH_DECLARE(NAME)                                            \
    void ab_torch_##NAME##_f32(const float *x, float *y, size_t n);      \
    void ab_torch_##NAME##_f64(const double *x, double *y, size_t n);
AB_TORCH_DECLARE(sigmoid)
AB_TORCH_DECLARE(tanh)
AB_TORCH_DECLARE(softplus)
AB_TORCH_DECLARE(elu)
AB_TORCH_DECLARE(selu)
AB_TORCH_DECLARE(celu)
AB_TORCH_DECLARE(silu)
AB_TORCH_DECLARE(mish)
AB_TORCH_DECLARE(gelu_none)
AB_TORCH_DECLARE(gelu_tanh)
AB_TORCH_DECLARE(log_sigmoid)
AB_TORCH_DECLARE(hardswish)
AB_TORCH_DECLARE(hardsigmoid)
AB_TORCH_DECLARE(hardtanh)
AB_TORCH_DECLARE(relu6)
AB_TORCH_DECLARE(leaky_relu)
AB_TORCH_DECLARE(relu)
AB_TORCH_DECLARE(softmax)
AB_TORCH_DECLARE(log_softmax)
#endif

/* Elementwise: the shim runs whole 64-element blocks (a short call or a
 * remainder padded with its own inputs), so that every element takes
 * ATen's vectorized op, as all but the last < 2 vectors of a tensor do;
 * ATen runs the scalar op (std::exp...) on that tail and on 1-element
 * tensors, and the isolated sweep calls one input at a time. */
#define EW ", vectorized path for every element (64-element blocks, remainder padded)"
#define TAIL(dt, how) ", dtype " dt ", contiguous 1-D, 1 thread" how
/* One activation's two variants: name, the ATen call, the shim's function. */
#define TORCH_PAIR(name, call, fn, how)                                                   \
    AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY,                                           \
               "ATen CPU kernel (" call ")" TAIL("float32", how), F32(fn)),             \
    AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY,                                           \
               "ATen CPU kernel (" call ")" TAIL("float64", how), F64(fn))

#define TORCH_ONE(op, arr, name, call, fn)                             \
    static const ab_variant arr[] = {TORCH_PAIR(name, call, fn, EW)}; \
    AB_REGISTER_LIBRARY_VARIANTS(op, arr, lib)
#define TORCH_ROW(op, arr, name, call, fn)                                                   \
    static const ab_variant arr[] = {TORCH_PAIR(name, call, fn, ", the row as one tensor")}; \
    AB_REGISTER_LIBRARY_VARIANTS(op, arr, lib)

TORCH_ONE("sigmoid", sigmoid_v, "torch-sigmoid", "at::sigmoid_out", ab_torch_sigmoid)
TORCH_ONE("tanh", tanh_v, "torch-tanh", "at::tanh_out", ab_torch_tanh)
TORCH_ONE("softplus", softplus_v, "torch-softplus-b1-t20",
          "at::softplus_out, beta 1, threshold 20: x itself where beta x > 20", ab_torch_softplus)
TORCH_ONE("elu", elu_v, "torch-elu", "at::elu_out, alpha 1, scale 1, input_scale 1", ab_torch_elu)
TORCH_ONE("selu", selu_v, "torch-selu",
          "at::selu_ in place on a copy = elu_ with alpha 1.6732632423543772848, "
          "scale 1.0507009873554804934", ab_torch_selu)
TORCH_ONE("celu", celu_v, "torch-celu",
          "at::celu_ in place on a copy, alpha 1 = elu_ with alpha 1, input_scale 1/alpha",
          ab_torch_celu)
TORCH_ONE("silu", silu_v, "torch-silu", "at::silu_out, x / (1 + e^-x)", ab_torch_silu)
TORCH_ONE("mish", mish_v, "torch-mish", "at::mish_out, x tanh(log1p(e^x))", ab_torch_mish)
TORCH_ONE("gelu", gelu_v, "torch-gelu-none", "at::gelu_out, approximate='none' (erf form)",
          ab_torch_gelu_none)
TORCH_ONE("gelu_tanh", gelu_tanh_v, "torch-gelu-tanh", "at::gelu_out, approximate='tanh'",
          ab_torch_gelu_tanh)
TORCH_ONE("log_sigmoid", log_sigmoid_v, "torch-log-sigmoid",
          "at::log_sigmoid_forward_out (what at::log_sigmoid runs), min(x,0) - log1p(e^-|x|), "
          "buffer kept per thread", ab_torch_log_sigmoid)
TORCH_ONE("hard_swish", hard_swish_v, "torch-hardswish", "at::hardswish_out, x relu6(x+3)/6",
          ab_torch_hardswish)
TORCH_ONE("hard_sigmoid", hard_sigmoid_v, "torch-hardsigmoid",
          "at::hardsigmoid_out, relu6(x+3)/6", ab_torch_hardsigmoid)
TORCH_ONE("hard_tanh", hard_tanh_v, "torch-hardtanh", "at::hardtanh_out, min -1, max 1",
          ab_torch_hardtanh)
TORCH_ONE("relu6", relu6_v, "torch-relu6", "at::relu6_ in place on a copy = hardtanh_(0, 6)",
          ab_torch_relu6)
TORCH_ONE("leaky_relu", leaky_relu_v, "torch-leaky-relu",
          "at::leaky_relu_out, negative_slope 0.01", ab_torch_leaky_relu)
TORCH_ONE("relu", relu_v, "torch-relu", "at::relu_ in place on a copy = clamp_min_(0)",
          ab_torch_relu)
TORCH_ROW("softmax", softmax_v, "torch-softmax",
          "at::_softmax_out (what at::softmax runs), dim 0 of the row, half_to_float false",
          ab_torch_softmax)
TORCH_ROW("log_softmax", log_softmax_v, "torch-log-softmax",
          "at::_log_softmax_out (what at::log_softmax runs), dim 0 of the row, "
          "half_to_float false", ab_torch_log_softmax)
