// xnnpack_shim.cc: XNNPACK's (libxnnpack-dev, Debian's snapshot
// 0.0~git20220216.ae108ef) f32 operators as actbench batch functions
// (registration: xnnpack.c).
//
// xnn_initialize(NULL) once (the default allocator; XNNPACK picks its
// microkernels for this CPU then).  An elementwise operator is created
// once per (function, thread) with channels = 1 and strides 1, and each
// call sets it up with batch_size = n: XNNPACK treats a dense batch as one
// vector of n elements and runs its microkernel over it (4096-element
// tiles), so one operator serves every n.  softmax_nc_f32 is created per
// (thread, n) with channels = n (one row, batch_size = 1): its channel
// count is fixed at creation.  The thread pool passed to setup and run is
// NULL, so the operator runs on the calling thread alone.  An operator
// holds the setup's pointers, so it must not be shared between threads:
// the caches are thread_local (the row operations are called from several
// OpenMP threads at once), and the operators live as long as the thread.
#include <xnnpack.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace {

[[noreturn]] void fail(const char *what, xnn_status st) {
    std::fprintf(stderr, "actbench: XNNPACK %s failed (xnn_status %d)\n", what, (int)st);
    std::abort();
}

#define CHECK(call)                                                                \
    do {                                                                           \
        xnn_status st_ = (call);                                                   \
        if (st_ != xnn_status_success) fail(#call, st_);                           \
    } while (0)

void init() {
    static std::once_flag once;
    std::call_once(once, [] { CHECK(xnn_initialize(nullptr)); });
}

// One thread's operators, deleted when the thread ends.
struct Ops {
    std::map<int, xnn_operator_t> eltwise;       // by function
    std::map<size_t, xnn_operator_t> softmax;    // by row length
    ~Ops() {
        for (auto &e : eltwise) xnn_delete_operator(e.second);
        for (auto &e : softmax) xnn_delete_operator(e.second);
    }
};

Ops &ops() {
    thread_local Ops o;
    return o;
}

enum Fn { SIGMOID, ELU, HARDSWISH, LEAKY, RELU, RELU6, HARD_TANH };

xnn_operator_t create(Fn fn) {
    xnn_operator_t op = nullptr;
    switch (fn) {
    case SIGMOID: CHECK(xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op)); break;
    case ELU: CHECK(xnn_create_elu_nc_f32(1, 1, 1, 1.0f, 0, &op)); break;
    case HARDSWISH: CHECK(xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op)); break;
    case LEAKY: CHECK(xnn_create_leaky_relu_nc_f32(1, 1, 1, 0.01f, 0, &op)); break;
    case RELU: CHECK(xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, INFINITY, 0, &op)); break;
    case RELU6: CHECK(xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, 6.0f, 0, &op)); break;
    case HARD_TANH: CHECK(xnn_create_clamp_nc_f32(1, 1, 1, -1.0f, 1.0f, 0, &op)); break;
    }
    return op;
}

void eltwise(Fn fn, const float *x, float *y, size_t n) {
    if (n == 0) return;
    init();
    auto &m = ops().eltwise;
    auto it = m.find(fn);
    if (it == m.end()) it = m.emplace(fn, create(fn)).first;
    xnn_operator_t op = it->second;
    switch (fn) {
    case SIGMOID: CHECK(xnn_setup_sigmoid_nc_f32(op, n, x, y, nullptr)); break;
    case ELU: CHECK(xnn_setup_elu_nc_f32(op, n, x, y, nullptr)); break;
    case HARDSWISH: CHECK(xnn_setup_hardswish_nc_f32(op, n, x, y, nullptr)); break;
    case LEAKY: CHECK(xnn_setup_leaky_relu_nc_f32(op, n, x, y, nullptr)); break;
    case RELU:
    case RELU6:
    case HARD_TANH: CHECK(xnn_setup_clamp_nc_f32(op, n, x, y, nullptr)); break;
    }
    CHECK(xnn_run_operator(op, nullptr));
}

} // namespace

#define AB_XNNPACK_ELTWISE(name, fn)                                               \
    extern "C" void ab_xnnpack_##name##_f32(const float *x, float *y, size_t n) {  \
        eltwise(fn, x, y, n);                                                      \
    }
AB_XNNPACK_ELTWISE(sigmoid, SIGMOID)
AB_XNNPACK_ELTWISE(elu, ELU)
AB_XNNPACK_ELTWISE(hardswish, HARDSWISH)
AB_XNNPACK_ELTWISE(leaky_relu, LEAKY)
AB_XNNPACK_ELTWISE(clamp_relu, RELU)
AB_XNNPACK_ELTWISE(clamp_relu6, RELU6)
AB_XNNPACK_ELTWISE(clamp_hard_tanh, HARD_TANH)

extern "C" void ab_xnnpack_softmax_f32(const float *x, float *y, size_t n) {
    if (n == 0) return;
    init();
    auto &m = ops().softmax;
    auto it = m.find(n);
    if (it == m.end()) {
        if (m.size() >= 64) { // bound the cache: sweeps use few row lengths
            for (auto &e : m) xnn_delete_operator(e.second);
            m.clear();
        }
        xnn_operator_t op = nullptr;
        CHECK(xnn_create_softmax_nc_f32(n, n, n, 0, &op));
        it = m.emplace(n, op).first;
    }
    CHECK(xnn_setup_softmax_nc_f32(it->second, 1, x, y, nullptr));
    CHECK(xnn_run_operator(it->second, nullptr));
}

// The package has no run-time version call: this is the Debian package's
// upstream snapshot (libxnnpack0 0.0~git20220216.ae108ef).
extern "C" const char *ab_xnnpack_version(void) { return "git20220216.ae108ef"; }
