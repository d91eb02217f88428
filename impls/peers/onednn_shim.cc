// onednn_shim.cc: oneDNN's (2.6, libdnnl-dev) CPU eltwise and softmax
// primitives as actbench batch functions (registration: onednn.c).
//
// Each function runs the library's own forward-inference primitive on the
// caller's buffer: a 1-D f32 tensor of n elements (format tag a, dense),
// src and dst wrapped with dnnl_memory_set_data_handle (x and y may be
// the same buffer: oneDNN's eltwise and softmax run in place).  One CPU
// engine and one in-order stream per process; one primitive per
// (function, n), created on first use and kept (oneDNN JIT-compiles the
// kernel at creation, so creating it per call would time the JIT).  The
// variants are isolated (own_threads = 1: each runs in a child process)
// and this shim sets the OpenMP runtime that Debian's oneDNN uses
// (DNNL_CPU_RUNTIME OMP) to one thread before the first primitive, so a
// primitive runs on the calling thread alone.  A mutex guards the caches
// in case a caller shares them between threads anyway.
#include <oneapi/dnnl/dnnl.h>
#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace {

[[noreturn]] void fail(const char *what, dnnl_status_t st) {
    std::fprintf(stderr, "actbench: oneDNN %s failed (dnnl_status_t %d)\n", what, (int)st);
    std::abort();
}

#define CHECK(call)                                                                \
    do {                                                                           \
        dnnl_status_t st_ = (call);                                                \
        if (st_ != dnnl_success) fail(#call, st_);                                 \
    } while (0)

struct Runtime {
    dnnl_engine_t engine = nullptr;
    dnnl_stream_t stream = nullptr;
    Runtime() {
        omp_set_num_threads(1); // one core: a fair single-thread comparison
        CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
        CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    }
};

Runtime &runtime() {
    static Runtime rt;
    return rt;
}

struct Prim {
    dnnl_primitive_t prim = nullptr;
    dnnl_memory_t src = nullptr, dst = nullptr;
};

enum Kind { ELTWISE, SOFTMAX };

// One primitive kind with its settings, and its primitives per n.
struct Op {
    Kind kind;
    int alg;            // dnnl_alg_kind_t
    float alpha, beta;  // eltwise only
    std::map<size_t, Prim> cache;
};

std::mutex mu;

Prim make(Op &op, size_t n) {
    Runtime &rt = runtime();
    dnnl_dims_t dims = {(dnnl_dim_t)n};
    dnnl_memory_desc_t md;
    CHECK(dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a));
    dnnl_primitive_desc_t pd = nullptr;
    if (op.kind == ELTWISE) {
        dnnl_eltwise_desc_t d;
        CHECK(dnnl_eltwise_forward_desc_init(&d, dnnl_forward_inference, (dnnl_alg_kind_t)op.alg,
                                             &md, op.alpha, op.beta));
        CHECK(dnnl_primitive_desc_create(&pd, &d, nullptr, rt.engine, nullptr));
    } else {
        dnnl_softmax_v2_desc_t d;
        CHECK(dnnl_softmax_v2_forward_desc_init(&d, dnnl_forward_inference,
                                                (dnnl_alg_kind_t)op.alg, &md, &md, 0));
        CHECK(dnnl_primitive_desc_create(&pd, &d, nullptr, rt.engine, nullptr));
    }
    Prim p;
    CHECK(dnnl_primitive_create(&p.prim, pd));
    CHECK(dnnl_primitive_desc_destroy(pd));
    CHECK(dnnl_memory_create(&p.src, &md, rt.engine, DNNL_MEMORY_NONE));
    CHECK(dnnl_memory_create(&p.dst, &md, rt.engine, DNNL_MEMORY_NONE));
    return p;
}

void run(Op &op, const float *x, float *y, size_t n) {
    if (n == 0) return; // a zero-volume tensor: nothing to compute
    std::lock_guard<std::mutex> lock(mu);
    auto it = op.cache.find(n);
    if (it == op.cache.end()) {
        if (op.cache.size() >= 64) { // bound the cache: sweeps use few sizes
            for (auto &e : op.cache) {
                dnnl_primitive_destroy(e.second.prim);
                dnnl_memory_destroy(e.second.src);
                dnnl_memory_destroy(e.second.dst);
            }
            op.cache.clear();
        }
        it = op.cache.emplace(n, make(op, n)).first;
    }
    Prim &p = it->second;
    CHECK(dnnl_memory_set_data_handle(p.src, const_cast<float *>(x)));
    CHECK(dnnl_memory_set_data_handle(p.dst, y));
    dnnl_exec_arg_t args[2] = {{DNNL_ARG_SRC, p.src}, {DNNL_ARG_DST, p.dst}};
    CHECK(dnnl_primitive_execute(p.prim, runtime().stream, 2, args));
    CHECK(dnnl_stream_wait(runtime().stream));
}

} // namespace

#define AB_ONEDNN_ELTWISE(name, alg, alpha, beta)                                  \
    extern "C" void ab_onednn_##name##_f32(const float *x, float *y, size_t n) {   \
        static Op op{ELTWISE, alg, alpha, beta, {}};                               \
        run(op, x, y, n);                                                          \
    }
#define AB_ONEDNN_SOFTMAX(name, alg)                                               \
    extern "C" void ab_onednn_##name##_f32(const float *x, float *y, size_t n) {   \
        static Op op{SOFTMAX, alg, 0.0f, 0.0f, {}};                                \
        run(op, x, y, n);                                                          \
    }

AB_ONEDNN_ELTWISE(logistic, dnnl_eltwise_logistic, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(tanh, dnnl_eltwise_tanh, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(elu, dnnl_eltwise_elu, 1.0f, 0.0f)
AB_ONEDNN_ELTWISE(soft_relu, dnnl_eltwise_soft_relu, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(gelu_erf, dnnl_eltwise_gelu_erf, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(gelu_tanh, dnnl_eltwise_gelu_tanh, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(swish, dnnl_eltwise_swish, 1.0f, 0.0f)
AB_ONEDNN_ELTWISE(mish, dnnl_eltwise_mish, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(hardswish, dnnl_eltwise_hardswish, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(logsigmoid, dnnl_eltwise_logsigmoid, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(relu, dnnl_eltwise_relu, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(relu_leaky, dnnl_eltwise_relu, 0.01f, 0.0f)
AB_ONEDNN_ELTWISE(exp, dnnl_eltwise_exp, 0.0f, 0.0f)
AB_ONEDNN_ELTWISE(clip_v2_relu6, dnnl_eltwise_clip_v2, 0.0f, 6.0f)
AB_ONEDNN_ELTWISE(bounded_relu6, dnnl_eltwise_bounded_relu, 6.0f, 0.0f)
AB_ONEDNN_ELTWISE(clip_v2_hard_tanh, dnnl_eltwise_clip_v2, -1.0f, 1.0f)
AB_ONEDNN_ELTWISE(linear, dnnl_eltwise_linear, 1.0f, 0.0f)
AB_ONEDNN_SOFTMAX(softmax, dnnl_softmax_accurate)
AB_ONEDNN_SOFTMAX(logsoftmax, dnnl_softmax_log)

// The linked library's version, at run time: "2.6.3 (OpenMP runtime)".
extern "C" const char *ab_onednn_version(void) {
    static char buf[64];
    static std::once_flag once;
    std::call_once(once, [] {
        const dnnl_version_t *v = dnnl_version();
        const char *rt = v->cpu_runtime == DNNL_RUNTIME_OMP   ? "OpenMP"
                         : v->cpu_runtime == DNNL_RUNTIME_TBB ? "TBB"
                         : v->cpu_runtime == DNNL_RUNTIME_SEQ ? "sequential"
                                                              : "other";
        std::snprintf(buf, sizeof buf, "%d.%d.%d (%s runtime)", v->major, v->minor, v->patch, rt);
    });
    return buf;
}
