/* torch_grad.c: libtorch 1.13's BACKWARD kernels (what PyTorch's autograd
 * runs for f(x).sum().backward()) as measured peers of the derivative
 * activations d_<name> and of the backward row operations; the kernels
 * are called from torch_grad_shim.cc.  Opt-in like torch.c: make
 * PEERS=torch; otherwise the variants are listed unavailable, with
 * torch.c's reason.
 *
 * Each variant computes f'(x) as autograd does with an incoming gradient
 * of ones: the backward kernel its formula calls (derivatives.yaml), after
 * the forward kernel where the formula takes the result (sigmoid, tanh,
 * softmax, log_softmax) or a buffer (log_sigmoid).  exp, expm1, log1p and
 * softsign have no backward kernel: their formulas' ATen ops, in order.
 * Same conventions as torch.c: one thread, 64-element blocks so that
 * every element takes the vectorized path.  No accuracy bound: INFINITY. */
#include "torch_lib.h"
#include <math.h>

#ifndef AB_NO_TORCH
#define AB_TORCH_GRAD_DECLARE(NAME)                                           \
    void ab_torch_grad_##NAME##_f32(const float *x, float *y, size_t n);     \
    void ab_torch_grad_##NAME##_f64(const double *x, double *y, size_t n);
AB_TORCH_GRAD_DECLARE(sigmoid)
AB_TORCH_GRAD_DECLARE(tanh)
AB_TORCH_GRAD_DECLARE(softplus)
AB_TORCH_GRAD_DECLARE(elu)
AB_TORCH_GRAD_DECLARE(selu)
AB_TORCH_GRAD_DECLARE(celu)
AB_TORCH_GRAD_DECLARE(log_sigmoid)
AB_TORCH_GRAD_DECLARE(relu)
AB_TORCH_GRAD_DECLARE(leaky_relu)
AB_TORCH_GRAD_DECLARE(relu6)
AB_TORCH_GRAD_DECLARE(hardtanh)
AB_TORCH_GRAD_DECLARE(hardsigmoid)
AB_TORCH_GRAD_DECLARE(hardswish)
AB_TORCH_GRAD_DECLARE(exp)
AB_TORCH_GRAD_DECLARE(expm1)
AB_TORCH_GRAD_DECLARE(log1p)
AB_TORCH_GRAD_DECLARE(softsign)
AB_TORCH_GRAD_DECLARE(silu)
AB_TORCH_GRAD_DECLARE(mish)
AB_TORCH_GRAD_DECLARE(gelu_none)
AB_TORCH_GRAD_DECLARE(gelu_tanh)
AB_TORCH_GRAD_DECLARE(softmax)
AB_TORCH_GRAD_DECLARE(log_softmax)
#endif

#define EW ", incoming gradient ones, vectorized path for every element (64-element blocks, remainder padded)"
#define TAIL(dt, how) ", dtype " dt ", contiguous 1-D, 1 thread" how
#define TORCH_PAIR(name, call, fn, how)                                                       \
    AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY,                                               \
               "ATen CPU backward (" call ")" TAIL("float32", how), F32(fn)),                \
    AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY,                                               \
               "ATen CPU backward (" call ")" TAIL("float64", how), F64(fn))

#define TORCH_GRAD(op, arr, name, call, fn)                             \
    static const ab_variant arr[] = {TORCH_PAIR(name, call, fn, EW)};  \
    AB_REGISTER_LIBRARY_VARIANTS(op, arr, lib)
#define TORCH_GRAD_ROW(op, arr, name, call, fn)                                               \
    static const ab_variant arr[] = {TORCH_PAIR(name, call, fn, ", the row's x and g as two tensors")}; \
    AB_REGISTER_LIBRARY_VARIANTS(op, arr, lib)

TORCH_GRAD("d_sigmoid", d_sigmoid_v, "torch-sigmoid-backward",
           "y = at::sigmoid_out(x); at::sigmoid_backward_out(dx, ones, y) = g (1 - y) y",
           ab_torch_grad_sigmoid)
TORCH_GRAD("d_tanh", d_tanh_v, "torch-tanh-backward",
           "y = at::tanh_out(x); at::tanh_backward_out(dx, ones, y) = g (1 - y^2)",
           ab_torch_grad_tanh)
TORCH_GRAD("d_silu", d_silu_v, "torch-silu-backward",
           "at::silu_backward_out(dx, ones, x) = g s (1 + x (1 - s))", ab_torch_grad_silu)
TORCH_GRAD("d_mish", d_mish_v, "torch-mish-backward",
           "at::mish_backward(ones, x), copied (no out= form in 1.13)", ab_torch_grad_mish)
TORCH_GRAD("d_gelu", d_gelu_v, "torch-gelu-backward-none",
           "at::gelu_backward_out(dx, ones, x, approximate 'none')", ab_torch_grad_gelu_none)
TORCH_GRAD("d_gelu_tanh", d_gelu_tanh_v, "torch-gelu-backward-tanh",
           "at::gelu_backward_out(dx, ones, x, approximate 'tanh')", ab_torch_grad_gelu_tanh)
TORCH_GRAD("d_softplus", d_softplus_v, "torch-softplus-backward-b1-t20",
           "at::softplus_backward_out(dx, ones, x, beta 1, threshold 20): "
           "z = e^(beta x), g z / (z + 1); g itself where beta x > 20", ab_torch_grad_softplus)
TORCH_GRAD("d_elu", d_elu_v, "torch-elu-backward",
           "at::elu_backward_out(dx, ones, alpha 1, scale 1, input_scale 1, is_result false, x): "
           "x <= 0 ? g alpha e^x : g", ab_torch_grad_elu)
TORCH_GRAD("d_selu", d_selu_v, "torch-selu-backward",
           "at::elu_backward_out(dx, ones, alpha 1.6732632423543772848, scale 1.0507009873554804934, "
           "input_scale 1, is_result false, x) (selu = elu with these)", ab_torch_grad_selu)
TORCH_GRAD("d_celu", d_celu_v, "torch-celu-backward",
           "at::elu_backward_out(dx, ones, alpha 1, scale 1, input_scale 1/alpha, is_result false, x) "
           "(celu = elu with these)", ab_torch_grad_celu)
TORCH_GRAD("d_log_sigmoid", d_log_sigmoid_v, "torch-log-sigmoid-backward",
           "(y, buffer) = at::log_sigmoid_forward_out(x); "
           "at::log_sigmoid_backward_out(dx, ones, x, buffer), buffer kept per thread",
           ab_torch_grad_log_sigmoid)
TORCH_GRAD("d_relu", d_relu_v, "torch-relu-backward",
           "at::threshold_backward_out(dx, ones, x, 0): x <= 0 ? 0 : g (autograd passes relu(x): "
           "the same but at NaN)", ab_torch_grad_relu)
TORCH_GRAD("d_leaky_relu", d_leaky_relu_v, "torch-leaky-relu-backward",
           "at::leaky_relu_backward_out(dx, ones, x, 0.01, self_is_result false): x > 0 ? g : g 0.01",
           ab_torch_grad_leaky_relu)
TORCH_GRAD("d_relu6", d_relu6_v, "torch-relu6-backward",
           "at::hardtanh_backward_out(dx, ones, x, 0, 6) (relu6 = hardtanh(0, 6)): "
           "x <= 0 || x >= 6 ? 0 : g", ab_torch_grad_relu6)
TORCH_GRAD("d_hard_tanh", d_hard_tanh_v, "torch-hardtanh-backward",
           "at::hardtanh_backward_out(dx, ones, x, -1, 1)", ab_torch_grad_hardtanh)
TORCH_GRAD("d_hard_sigmoid", d_hard_sigmoid_v, "torch-hardsigmoid-backward",
           "at::hardsigmoid_backward_out(dx, ones, x): -3 < x < 3 ? g / 6 : 0",
           ab_torch_grad_hardsigmoid)
TORCH_GRAD("d_hard_swish", d_hard_swish_v, "torch-hardswish-backward",
           "at::hardswish_backward_out(dx, ones, x): x < -3 ? 0 : x <= 3 ? g (x / 3 + 0.5) : g",
           ab_torch_grad_hardswish)
/* No backward kernel: autograd's formula, op by op. */
TORCH_GRAD("d_exp", d_exp_v, "torch-exp-autograd",
           "autograd's grad * result: y = at::exp_out(x); at::mul_out(dx, ones, y)", ab_torch_grad_exp)
TORCH_GRAD("d_expm1", d_expm1_v, "torch-expm1-autograd",
           "autograd's grad * (result + 1): y = at::expm1_out(x); at::add_out(y, y, 1); "
           "at::mul_out(dx, ones, y)", ab_torch_grad_expm1)
TORCH_GRAD("d_log1p", d_log1p_v, "torch-log1p-autograd",
           "autograd's log1p_backward, grad / (x + 1): at::add_out(t, x, 1); at::div_out(dx, ones, t)",
           ab_torch_grad_log1p)
TORCH_GRAD("d_softsign", d_softsign_v, "torch-softsign-autograd",
           "autograd of F.softsign = x / (|x| + 1): d = |x| + 1; grad / d + "
           "(-grad ((x / d) / d)) sgn(x) (div's two gradients, abs's sgn, summed at x), "
           "each an ATen out= op", ab_torch_grad_softsign)
TORCH_GRAD_ROW("softmax_backward", softmax_backward_v, "torch-softmax-backward",
               "y = at::_softmax_out(x, 0, false); "
               "at::_softmax_backward_data_out(dx, g, y, 0, dtype) = y (g - sum g y)",
               ab_torch_grad_softmax)
TORCH_GRAD_ROW("log_softmax_backward", log_softmax_backward_v, "torch-log-softmax-backward",
               "y = at::_log_softmax_out(x, 0, false); "
               "at::_log_softmax_backward_data_out(dx, g, y, 0, dtype) = g - e^y sum g",
               ab_torch_grad_log_softmax)
