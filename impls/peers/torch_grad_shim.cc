// torch_grad_shim.cc: libtorch's (PyTorch's ATen) BACKWARD kernels as
// actbench batch functions of the derivative activations d_<name> and the
// backward row operations (impls/peers/torch_grad.c registers them).
// Built only with make PEERS=torch (scripts/peers-config.sh), beside
// torch_shim.cc, whose ab_torch_version() names the library.
//
// Each function computes f'(x) the way PyTorch's autograd does for
// y = f(x).sum().backward(): the backward kernel autograd's formula calls
// (tools/autograd/derivatives.yaml, 1.13), with an incoming gradient of
// ones.  Where the formula takes the forward's result (sigmoid, tanh,
// softmax, log_softmax) or a buffer (log_sigmoid), the forward kernel runs
// first into a per-thread scratch buffer.  The ones vector and the scratch
// are per thread and per dtype, grown once (never per call), and wrapped
// with at::from_blob like the input and the output (no copy).  The out=
// forms write the result in place; mish_backward has none in 1.13, so its
// result is allocated and copied (as autograd allocates it too).
//
// Where PyTorch has no backward kernel but an autograd formula built of
// ATen ops (exp, expm1, log1p, softsign's composite), the formula's ops run
// in the formula's order, each an out= call into the scratch or the output.
//
// Conventions as torch_shim.cc: one thread (set once), elementwise calls
// in whole 64-element blocks so every element takes ATen's vectorized
// path (a remainder padded with its own inputs), per-operator headers.
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/_log_softmax.h>
#include <ATen/ops/_log_softmax_backward_data.h>
#include <ATen/ops/_softmax.h>
#include <ATen/ops/_softmax_backward_data.h>
#include <ATen/ops/abs.h>
#include <ATen/ops/add.h>
#include <ATen/ops/div.h>
#include <ATen/ops/elu_backward.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/exp.h>
#include <ATen/ops/expm1.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/gelu_backward.h>
#include <ATen/ops/hardsigmoid_backward.h>
#include <ATen/ops/hardswish_backward.h>
#include <ATen/ops/hardtanh_backward.h>
#include <ATen/ops/leaky_relu_backward.h>
#include <ATen/ops/log_sigmoid_backward.h>
#include <ATen/ops/log_sigmoid_forward.h>
#include <ATen/ops/mish_backward.h>
#include <ATen/ops/mul.h>
#include <ATen/ops/neg.h>
#include <ATen/ops/sgn.h>
#include <ATen/ops/sigmoid.h>
#include <ATen/ops/sigmoid_backward.h>
#include <ATen/ops/silu_backward.h>
#include <ATen/ops/softplus_backward.h>
#include <ATen/ops/tanh.h>
#include <ATen/ops/tanh_backward.h>
#include <ATen/ops/threshold_backward.h>

#include "torch_common.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

// The incoming gradient: n ones, per thread and dtype, grown once.
template <class T> const T *ones(size_t n) {
    thread_local std::vector<T> v;
    if (v.size() < n) v.resize(n, T(1));
    return v.data();
}

// Scratch for the forward's result (or a formula's intermediate), per
// thread and dtype, grown once.  Two of them: which = 0, 1.
template <class T> T *scratch(int which, size_t n) {
    thread_local std::vector<T> v[2];
    if (v[which].size() < n) v[which].resize(n);
    return v[which].data();
}

// log_sigmoid_forward's buffer, per thread and dtype (resize_ reuses it).
template <class T> at::Tensor &log_sigmoid_buffer() {
    thread_local at::Tensor buf = at::empty({0}, at::TensorOptions().dtype(dtype<T>()));
    return buf;
}

// dx = backward(ones, x): f(dx, g, x), on whole blocks.
template <class T, class F> void run_grad(const char *op, const T *x, T *dx, size_t n, F f) {
    if (n == 0) return;
    one_thread();
    blocked(x, dx, n, [&](const T *bx, T *bd, size_t m) {
        try {
            at::Tensor in = wrap(bx, m), out = wrap(bd, m), g = wrap(ones<T>(m), m);
            f(out, g, in);
        } catch (const std::exception &e) {
            fail(op, e.what());
        }
    });
}

// The same with a scratch tensor t of m elements: f(dx, g, x, t).
template <class T, class F> void run_grad_t(const char *op, const T *x, T *dx, size_t n, F f) {
    if (n == 0) return;
    one_thread();
    blocked(x, dx, n, [&](const T *bx, T *bd, size_t m) {
        try {
            at::Tensor in = wrap(bx, m), out = wrap(bd, m), g = wrap(ones<T>(m), m),
                       t = wrap(scratch<T>(0, m), m);
            f(out, g, in, t);
        } catch (const std::exception &e) {
            fail(op, e.what());
        }
    });
}

// Backward rows (AB_ROW_HALF): xg = x[0..L) then g[L..2L), dx[0..L).
// f(dx, g, x, y) with y a scratch of L for the forward's output.  dx may
// alias xg's first half: the forward reads x into y before dx is written,
// and dx never overlaps g.
template <class T, class F> void run_row(const char *op, const T *xg, T *dx, size_t n, F f) {
    size_t L = n / 2;
    if (L == 0) return;
    one_thread();
    try {
        at::Tensor x = wrap(xg, L), g = wrap(xg + L, L), out = wrap(dx, L),
                   y = wrap(scratch<T>(0, L), L);
        f(out, g, x, y);
    } catch (const std::exception &e) {
        fail(op, e.what());
    }
}

} // namespace

#define AB_TORCH_GRAD(NAME, RUN, OP, ...)                                                    \
    extern "C" void ab_torch_grad_##NAME##_f32(const float *x, float *y, size_t n) {         \
        RUN(OP, x, y, n, __VA_ARGS__);                                                       \
    }                                                                                        \
    extern "C" void ab_torch_grad_##NAME##_f64(const double *x, double *y, size_t n) {       \
        RUN(OP, x, y, n, __VA_ARGS__);                                                       \
    }

using at::Tensor;
#define G3 [](Tensor & o, const Tensor &g, const Tensor &x)
#define G4 [](Tensor & o, const Tensor &g, const Tensor &x, Tensor &t)

// sigmoid: grad = sigmoid_backward(grad, result).
AB_TORCH_GRAD(sigmoid, run_grad_t, "sigmoid_backward_out", G4 {
    at::sigmoid_out(t, x);
    at::sigmoid_backward_out(o, g, t);
})
// tanh: tanh_backward(grad, result).
AB_TORCH_GRAD(tanh, run_grad_t, "tanh_backward_out", G4 {
    at::tanh_out(t, x);
    at::tanh_backward_out(o, g, t);
})
// softplus: softplus_backward(grad, self, beta, threshold).
AB_TORCH_GRAD(softplus, run_grad, "softplus_backward_out",
              G3 { at::softplus_backward_out(o, g, x, 1, 20); })
// elu: elu_backward(grad, alpha, scale, input_scale, is_result false, self).
AB_TORCH_GRAD(elu, run_grad, "elu_backward_out",
              G3 { at::elu_backward_out(o, g, 1, 1, 1, false, x); })
// selu = elu(x, SELU_ALPHA, SELU_SCALE) (aten/src/ATen/native/Activation.cpp),
// so autograd calls elu_backward with those.
AB_TORCH_GRAD(selu, run_grad, "elu_backward_out", G3 {
    at::elu_backward_out(o, g, 1.6732632423543772848170429916717,
                         1.0507009873554804934193349852946, 1, false, x);
})
// celu(x, alpha) = elu(x, alpha, 1, 1/alpha); alpha 1.
AB_TORCH_GRAD(celu, run_grad, "elu_backward_out", G3 {
    double alpha = 1.0, inv_alpha = 1.0 / alpha;
    at::elu_backward_out(o, g, alpha, 1, inv_alpha, false, x);
})
// relu: autograd passes the result, threshold_backward(grad, result, 0);
// relu(x) > 0 exactly where x > 0, so x is passed: the same gradient for
// every input but NaN.
AB_TORCH_GRAD(relu, run_grad, "threshold_backward_out",
              G3 { at::threshold_backward_out(o, g, x, 0); })
AB_TORCH_GRAD(leaky_relu, run_grad, "leaky_relu_backward_out",
              G3 { at::leaky_relu_backward_out(o, g, x, 0.01, false); })
// relu6 = hardtanh(x, 0, 6) in 1.13.
AB_TORCH_GRAD(relu6, run_grad, "hardtanh_backward_out",
              G3 { at::hardtanh_backward_out(o, g, x, 0, 6); })
AB_TORCH_GRAD(hardtanh, run_grad, "hardtanh_backward_out",
              G3 { at::hardtanh_backward_out(o, g, x, -1, 1); })
AB_TORCH_GRAD(hardsigmoid, run_grad, "hardsigmoid_backward_out",
              G3 { at::hardsigmoid_backward_out(o, g, x); })
AB_TORCH_GRAD(hardswish, run_grad, "hardswish_backward_out",
              G3 { at::hardswish_backward_out(o, g, x); })
AB_TORCH_GRAD(silu, run_grad, "silu_backward_out", G3 { at::silu_backward_out(o, g, x); })
// mish_backward has no out= form in 1.13: allocated, then copied.
AB_TORCH_GRAD(mish, run_grad, "mish_backward", G3 { o.copy_(at::mish_backward(g, x)); })
AB_TORCH_GRAD(gelu_none, run_grad, "gelu_backward_out",
              G3 { at::gelu_backward_out(o, g, x, "none"); })
AB_TORCH_GRAD(gelu_tanh, run_grad, "gelu_backward_out",
              G3 { at::gelu_backward_out(o, g, x, "tanh"); })

// No backward kernel: autograd's formulas (derivatives.yaml, 1.13).
// exp: grad * result.
AB_TORCH_GRAD(exp, run_grad_t, "exp_out, mul_out", G4 {
    at::exp_out(t, x);
    at::mul_out(o, g, t);
})
// expm1: grad * (result + 1).
AB_TORCH_GRAD(expm1, run_grad_t, "expm1_out, add_out, mul_out", G4 {
    at::expm1_out(t, x);
    at::add_out(t, t, g); // result + 1: g holds ones
    at::mul_out(o, g, t);
})
// log1p: log1p_backward(grad, self) = grad / (self + 1).
AB_TORCH_GRAD(log1p, run_grad_t, "add_out, div_out", G4 {
    at::add_out(t, x, g); // self + 1
    at::div_out(o, g, t);
})

// log_sigmoid: (output, buffer) = log_sigmoid_forward(self);
// log_sigmoid_backward(grad, self, buffer).
template <class T> void log_sigmoid_grad(const T *x, T *dx, size_t n) {
    run_grad_t("log_sigmoid_backward_out", x, dx, n, G4 {
        at::Tensor &buf = log_sigmoid_buffer<T>();
        at::log_sigmoid_forward_out(t, buf, x);
        at::log_sigmoid_backward_out(o, g, x, buf);
    });
}
extern "C" void ab_torch_grad_log_sigmoid_f32(const float *x, float *y, size_t n) {
    log_sigmoid_grad(x, y, n);
}
extern "C" void ab_torch_grad_log_sigmoid_f64(const double *x, double *y, size_t n) {
    log_sigmoid_grad(x, y, n);
}

// softsign, F.softsign(x) = x / (x.abs() + 1), through autograd: d = |x| + 1;
// div's self gradient grad / d; its other gradient -grad * ((x / d) / d),
// through add (alpha 1) to abs: * x.sgn(); the two accumulated (summed) at x.
template <class T> void softsign_grad(const T *x, T *dx, size_t n) {
    run_grad("div_out, mul_out, add_out", x, dx, n, [](Tensor &o, const Tensor &g, const Tensor &xt) {
        size_t m = static_cast<size_t>(xt.numel());
        at::Tensor d = wrap(scratch<T>(0, m), m), u = wrap(scratch<T>(1, m), m);
        at::abs_out(d, xt);
        at::add_out(d, d, g);    // |x| + 1 (g holds ones)
        at::div_out(u, xt, d);   // x / d
        at::div_out(u, u, d);    // (x / d) / d
        at::mul_out(u, g, u);    // grad * ...
        at::neg_out(u, u);       // -grad * ((x / d) / d)
        at::sgn_out(o, xt);      // abs backward: grad * sgn(x)
        at::mul_out(u, u, o);
        at::div_out(o, g, d);    // div backward for self: grad / d
        at::add_out(o, o, u);    // accumulated
    });
}
extern "C" void ab_torch_grad_softsign_f32(const float *x, float *y, size_t n) {
    softsign_grad(x, y, n);
}
extern "C" void ab_torch_grad_softsign_f64(const double *x, double *y, size_t n) {
    softsign_grad(x, y, n);
}

// Rows: _softmax backward = _softmax_backward_data(grad, result, dim, dtype).
template <class T> void softmax_grad(const T *xg, T *dx, size_t n) {
    run_row("_softmax_backward_data_out", xg, dx, n,
            [](Tensor &o, const Tensor &g, const Tensor &x, Tensor &y) {
                at::_softmax_out(y, x, 0, false);
                at::_softmax_backward_data_out(o, g, y, 0, dtype<T>());
            });
}
template <class T> void log_softmax_grad(const T *xg, T *dx, size_t n) {
    run_row("_log_softmax_backward_data_out", xg, dx, n,
            [](Tensor &o, const Tensor &g, const Tensor &x, Tensor &y) {
                at::_log_softmax_out(y, x, 0, false);
                at::_log_softmax_backward_data_out(o, g, y, 0, dtype<T>());
            });
}
extern "C" void ab_torch_grad_softmax_f32(const float *x, float *y, size_t n) { softmax_grad(x, y, n); }
extern "C" void ab_torch_grad_softmax_f64(const double *x, double *y, size_t n) { softmax_grad(x, y, n); }
extern "C" void ab_torch_grad_log_softmax_f32(const float *x, float *y, size_t n) {
    log_softmax_grad(x, y, n);
}
extern "C" void ab_torch_grad_log_softmax_f64(const double *x, double *y, size_t n) {
    log_softmax_grad(x, y, n);
}
