// torch_shim.cc: libtorch (PyTorch's ATen) CPU kernels as actbench batch
// functions (impls/peers/torch.c registers them).  Built only with
// make PEERS=torch (scripts/peers-config.sh).
//
// Each call wraps x and y with at::from_blob (no copy; x is const_cast,
// ATen never writes an input) as contiguous 1-D tensors of n elements
// and runs the operator's out= form, at::<op>_out(y, x), which writes into
// y without allocating it.  Where the out= form is a composite that
// allocates (relu, selu, relu6, celu: the functional result copied into
// out), x is copied into y and the in-place operator at::<op>_(y) runs,
// which dispatches to the same CPU kernel.  log_sigmoid's out= composite
// allocates its backward buffer on every call; the CPU kernel
// at::log_sigmoid_forward_out(y, buffer, x) is called with a buffer kept
// per thread.  Softmax and log-softmax: at::_softmax_out /
// at::_log_softmax_out (the CPU kernels at::softmax calls) over dim 0.
// Elementwise calls are made in blocks of 64 elements so that every
// element takes ATen's vectorized path (see blocked() below).
//
// ATen runs its own OpenMP pool: it is set to one thread once, before the
// first kernel (the library is own_threads; the harness sweeps it in a
// child process).  Per call, from_blob still allocates two TensorImpls:
// that dispatch overhead is part of what a caller of ATen pays.
//
// Per-operator headers (ATen/ops/<op>.h) instead of ATen/ATen.h or
// torch/torch.h keep the compile time down.
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/_log_softmax.h>
#include <ATen/ops/_softmax.h>
#include <ATen/ops/celu.h>
#include <ATen/ops/elu.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/gelu.h>
#include <ATen/ops/hardsigmoid.h>
#include <ATen/ops/hardswish.h>
#include <ATen/ops/hardtanh.h>
#include <ATen/ops/leaky_relu.h>
#include <ATen/ops/log_sigmoid_forward.h>
#include <ATen/ops/mish.h>
#include <ATen/ops/relu.h>
#include <ATen/ops/relu6.h>
#include <ATen/ops/selu.h>
#include <ATen/ops/sigmoid.h>
#include <ATen/ops/silu.h>
#include <ATen/ops/softplus.h>
#include <ATen/ops/tanh.h>
#include <torch/version.h>

#include "torch_common.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// y = op(x) through op's out= form: f(out, in), on one tensor of n.
template <class T, class F> void run_tensor(const char *op, const T *x, T *y, size_t n, F f) {
    try {
        at::Tensor in = wrap(x, n), out = wrap(y, n);
        f(out, in);
    } catch (const std::exception &e) {
        fail(op, e.what());
    }
}

template <class T, class F> void run_out(const char *op, const T *x, T *y, size_t n, F f) {
    if (n == 0) return;
    one_thread();
    blocked(x, y, n, [&](const T *bx, T *by, size_t m) { run_tensor(op, bx, by, m, f); });
}

// y = x, then op_(y) in place: f(y).
template <class T, class F> void run_inplace(const char *op, const T *x, T *y, size_t n, F f) {
    if (n == 0) return;
    one_thread();
    blocked(x, y, n, [&](const T *bx, T *by, size_t m) {
        if (bx != by) std::memmove(by, bx, m * sizeof(T));
        try {
            at::Tensor out = wrap(by, m);
            f(out);
        } catch (const std::exception &e) {
            fail(op, e.what());
        }
    });
}

// The row kernels read x again after writing y: an aliased row is copied
// to a per-thread scratch first (grown once, not per call).
template <class T, class F> void run_row(const char *op, const T *x, T *y, size_t n, F f) {
    if (n == 0) return;
    one_thread();
    if (x == y) {
        thread_local std::vector<T> scratch;
        if (scratch.size() < n) scratch.resize(n);
        std::memcpy(scratch.data(), x, n * sizeof(T));
        x = scratch.data();
    }
    run_tensor(op, x, y, n, f);
}

// log_sigmoid_forward's buffer (its backward's e^-|x| terms), kept per
// thread and dtype; resize_ reuses the storage once it is large enough.
template <class T> at::Tensor &log_sigmoid_buffer() {
    thread_local at::Tensor buf = at::empty({0}, at::TensorOptions().dtype(dtype<T>()));
    return buf;
}

std::string version_string() {
    // The runtime library's own build settings (at::show_config(), from
    // libtorch_cpu.so) name its TORCH_VERSION and the CPU capability its
    // kernels dispatch to; the header's TORCH_VERSION if that is absent.
    std::string cfg = at::show_config(), v, cap;
    size_t p = cfg.find("TORCH_VERSION=");
    if (p != std::string::npos) {
        p += std::strlen("TORCH_VERSION=");
        v = cfg.substr(p, cfg.find_first_of(", \n", p) - p);
    } else {
        v = std::string(TORCH_VERSION) + " (header)";
    }
    p = cfg.find("CPU capability usage: ");
    if (p != std::string::npos) {
        p += std::strlen("CPU capability usage: ");
        cap = cfg.substr(p, cfg.find('\n', p) - p);
    }
    return cap.empty() ? v : v + " (CPU capability " + cap + ")";
}

} // namespace

extern "C" const char *ab_torch_version(void) {
    static const std::string v = version_string();
    return v.c_str();
}

#define AB_TORCH_BOTH(NAME, RUN, OP, ...)                                               \
    extern "C" void ab_torch_##NAME##_f32(const float *x, float *y, size_t n) {         \
        RUN(OP, x, y, n, __VA_ARGS__);                                                  \
    }                                                                                   \
    extern "C" void ab_torch_##NAME##_f64(const double *x, double *y, size_t n) {       \
        RUN(OP, x, y, n, __VA_ARGS__);                                                  \
    }

#define OUT1(fn) [](at::Tensor &o, const at::Tensor &i) { at::fn(o, i); }
#define INPL(fn) [](at::Tensor &o) { at::fn(o); }

AB_TORCH_BOTH(sigmoid, run_out, "sigmoid_out", OUT1(sigmoid_out))
AB_TORCH_BOTH(tanh, run_out, "tanh_out", OUT1(tanh_out))
AB_TORCH_BOTH(softplus, run_out, "softplus_out",
              [](at::Tensor &o, const at::Tensor &i) { at::softplus_out(o, i, 1, 20); })
AB_TORCH_BOTH(elu, run_out, "elu_out",
              [](at::Tensor &o, const at::Tensor &i) { at::elu_out(o, i, 1, 1, 1); })
AB_TORCH_BOTH(selu, run_inplace, "selu_", INPL(selu_))
AB_TORCH_BOTH(celu, run_inplace, "celu_", [](at::Tensor &o) { at::celu_(o, 1.0); })
AB_TORCH_BOTH(silu, run_out, "silu_out", OUT1(silu_out))
AB_TORCH_BOTH(mish, run_out, "mish_out", OUT1(mish_out))
AB_TORCH_BOTH(gelu_none, run_out, "gelu_out",
              [](at::Tensor &o, const at::Tensor &i) { at::gelu_out(o, i, "none"); })
AB_TORCH_BOTH(gelu_tanh, run_out, "gelu_out",
              [](at::Tensor &o, const at::Tensor &i) { at::gelu_out(o, i, "tanh"); })
AB_TORCH_BOTH(hardswish, run_out, "hardswish_out", OUT1(hardswish_out))
AB_TORCH_BOTH(hardsigmoid, run_out, "hardsigmoid_out", OUT1(hardsigmoid_out))
AB_TORCH_BOTH(hardtanh, run_out, "hardtanh_out",
              [](at::Tensor &o, const at::Tensor &i) { at::hardtanh_out(o, i, -1, 1); })
AB_TORCH_BOTH(relu6, run_inplace, "relu6_", INPL(relu6_))
AB_TORCH_BOTH(leaky_relu, run_out, "leaky_relu_out",
              [](at::Tensor &o, const at::Tensor &i) { at::leaky_relu_out(o, i, 0.01); })
AB_TORCH_BOTH(relu, run_inplace, "relu_", INPL(relu_))
AB_TORCH_BOTH(softmax, run_row, "_softmax_out",
              [](at::Tensor &o, const at::Tensor &i) { at::_softmax_out(o, i, 0, false); })
AB_TORCH_BOTH(log_softmax, run_row, "_log_softmax_out",
              [](at::Tensor &o, const at::Tensor &i) { at::_log_softmax_out(o, i, 0, false); })

extern "C" void ab_torch_log_sigmoid_f32(const float *x, float *y, size_t n) {
    run_out("log_sigmoid_forward_out", x, y, n, [](at::Tensor &o, const at::Tensor &i) {
        at::log_sigmoid_forward_out(o, log_sigmoid_buffer<float>(), i);
    });
}
extern "C" void ab_torch_log_sigmoid_f64(const double *x, double *y, size_t n) {
    run_out("log_sigmoid_forward_out", x, y, n, [](at::Tensor &o, const at::Tensor &i) {
        at::log_sigmoid_forward_out(o, log_sigmoid_buffer<double>(), i);
    });
}
