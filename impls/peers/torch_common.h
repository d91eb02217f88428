// torch_common.h: what the libtorch shims share (torch_shim.cc, the
// forward kernels; torch_grad_shim.cc, the backward ones): one intra-op
// thread, dtype mapping, at::from_blob wrapping, the fatal-error path and
// the 64-element blocking that sends every element down ATen's vectorized
// path.  Internal linkage: each shim gets its own copy.
#ifndef AB_PEERS_TORCH_COMMON_H
#define AB_PEERS_TORCH_COMMON_H
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/from_blob.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

void one_thread() {
    static const bool done = [] {
        at::set_num_threads(1);
        return true;
    }();
    (void)done;
}

template <class T> constexpr at::ScalarType dtype();
template <> constexpr at::ScalarType dtype<float>() { return at::kFloat; }
template <> constexpr at::ScalarType dtype<double>() { return at::kDouble; }

template <class T> at::Tensor wrap(const T *p, size_t n) {
    return at::from_blob(const_cast<T *>(p), {static_cast<int64_t>(n)},
                         at::TensorOptions().dtype(dtype<T>()));
}

[[noreturn]] void fail(const char *op, const char *what) {
    std::fprintf(stderr, "actbench: libtorch %s: %s\n", op, what);
    std::abort();
}

// ATen's elementwise loops (cpu_kernel_vec) run the vectorized op on
// blocks of 2 vectors and the scalar op (std::exp, ...) on the last
// n mod 2V elements, and a 1-element tensor takes the scalar op.  The two
// round differently, so a result would depend on its position and on n,
// and the harness's isolated sweep, which calls one input at a time,
// would measure the scalar path alone.  Every element goes through the
// vectorized path instead, the one a tensor's elements take (all but its
// last < 2V): the kernel runs on whole blocks of BLOCK elements (a
// multiple of 2V for every CPU capability), and a remainder is run as one
// padded block (its own inputs repeated) in a per-thread buffer.
constexpr size_t BLOCK = 64;

template <class T, class K> void blocked(const T *x, T *y, size_t n, K kernel) {
    size_t whole = n - n % BLOCK, r = n - whole;
    if (whole) kernel(x, y, whole);
    if (r) {
        thread_local T buf[BLOCK];
        std::memcpy(buf, x + whole, r * sizeof(T));
        for (size_t i = r; i < BLOCK; i++) buf[i] = buf[i % r];
        kernel(buf, buf, BLOCK);
        std::memcpy(y + whole, buf, r * sizeof(T));
    }
}

} // namespace
#endif
