/* xnnpack.c: XNNPACK (Google's inference operators, as used by TensorFlow
 * Lite and PyTorch Mobile; libxnnpack-dev, Debian's upstream snapshot
 * 0.0~git20220216.ae108ef) registered as a measured peer; the batch
 * functions are in xnnpack_shim.cc.
 *
 * The f32 operators of that snapshot's public operator API (xnnpack.h)
 * whose definition is a catalog activation: sigmoid_nc, elu_nc (alpha 1),
 * hardswish_nc, leaky_relu_nc (slope 0.01f), clamp_nc (relu: [0, inf],
 * relu6: [0, 6], hard_tanh: [-1, 1]) and softmax_nc for the softmax row.
 * Each runs on the calling thread (thread pool NULL), so own_threads = 0.
 * Every operator run sets FTZ and DAZ for its duration (declared: see
 * DENORMALS below).
 * Not in this snapshot's operator API: tanh, gelu, silu/swish, softplus,
 * exp, log_sigmoid, mish and log_softmax (no such operators; its tanh came
 * later).  XNNPACK has no accuracy promise: the bounds are INFINITY.
 *
 * f64: XNNPACK has no f64 operators (f32, f16 and quantized only), so each
 * activation's f64 variant is listed, unavailable, with that reason. */
#include "peers.h"
#include <math.h>

#ifdef AB_NO_XNNPACK
#define F32(fn) ab_peer_absent_f32
#define F64(fn) ab_peer_absent_f64
static const ab_library lib = {"XNNPACK", NULL, AB_PEER_ABSENT(AB_NO_XNNPACK, "libxnnpack-dev (+ libpthreadpool-dev)"), 0};
static const ab_library lib64 = {"XNNPACK", NULL, AB_PEER_ABSENT(AB_NO_XNNPACK, "libxnnpack-dev (+ libpthreadpool-dev)"), 0};
#else
#define F32(fn) fn
#define F64(fn) ab_peer_absent_f64
const char *ab_xnnpack_version(void);
void ab_xnnpack_sigmoid_f32(const float *x, float *y, size_t n);
void ab_xnnpack_elu_f32(const float *x, float *y, size_t n);
void ab_xnnpack_hardswish_f32(const float *x, float *y, size_t n);
void ab_xnnpack_leaky_relu_f32(const float *x, float *y, size_t n);
void ab_xnnpack_clamp_relu_f32(const float *x, float *y, size_t n);
void ab_xnnpack_clamp_relu6_f32(const float *x, float *y, size_t n);
void ab_xnnpack_clamp_hard_tanh_f32(const float *x, float *y, size_t n);
void ab_xnnpack_softmax_f32(const float *x, float *y, size_t n);
static const ab_library lib = {"XNNPACK", ab_xnnpack_version, NULL, 0 /* runs on the caller's thread */};
static const ab_library lib64 = {"XNNPACK", ab_xnnpack_version,
                                 "XNNPACK has no f64 operators (f32, f16 and quantized only)", 0};
#endif

#define ISA "microkernels (runtime dispatch)"
/* xnn_run_operator passes PTHREADPOOL_FLAG_DISABLE_DENORMALS to
 * pthreadpool, which sets FTZ and DAZ for the run (and restores MXCSR
 * after it, also with a NULL pool): subnormal inputs are read as zero and
 * subnormal results are flushed. */
#define PATH ", f32, thread pool NULL (caller's thread), FTZ+DAZ during the run " \
             "(pthreadpool's PTHREADPOOL_FLAG_DISABLE_DENORMALS: subnormals read and " \
             "come out as zero)"
/* One activation: its f32 variant (the library's operator) and the f64
 * twin listed unavailable. */
#define XNNPACK(array, op, name, formula, fn)                                             \
    static const ab_variant array[] = {                                                   \
        AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY, formula PATH, F32(fn)),               \
    };                                                                                    \
    static const ab_variant array##_f64[] = {                                             \
        AB_VARIANT(name, AB_LIBRARY, "none (no f64)", INFINITY,                           \
                   formula " (f64: not in XNNPACK)", F64(fn)),                            \
    };                                                                                    \
    AB_REGISTER_LIBRARY_VARIANTS(op, array, lib)                                          \
    AB_REGISTER_LIBRARY_VARIANTS(op, array##_f64, lib64)

#define ELEMENTWISE "channels=1 strides=1, setup batch_size=n (one dense vector)"
XNNPACK(sigmoid_v, "sigmoid", "xnnpack-sigmoid_nc", "xnn_create_sigmoid_nc_f32, " ELEMENTWISE,
        ab_xnnpack_sigmoid_f32)
XNNPACK(elu_v, "elu", "xnnpack-elu_nc-alpha1", "xnn_create_elu_nc_f32, alpha=1, " ELEMENTWISE,
        ab_xnnpack_elu_f32)
XNNPACK(hard_swish_v, "hard_swish", "xnnpack-hardswish_nc", "xnn_create_hardswish_nc_f32, " ELEMENTWISE,
        ab_xnnpack_hardswish_f32)
XNNPACK(leaky_relu_v, "leaky_relu", "xnnpack-leaky_relu_nc-0.01",
        "xnn_create_leaky_relu_nc_f32, negative_slope=0.01f, " ELEMENTWISE, ab_xnnpack_leaky_relu_f32)
XNNPACK(relu_v, "relu", "xnnpack-clamp_nc-0-inf",
        "xnn_create_clamp_nc_f32, output_min=0 output_max=+inf, " ELEMENTWISE, ab_xnnpack_clamp_relu_f32)
XNNPACK(relu6_v, "relu6", "xnnpack-clamp_nc-0-6",
        "xnn_create_clamp_nc_f32, output_min=0 output_max=6, " ELEMENTWISE, ab_xnnpack_clamp_relu6_f32)
XNNPACK(hard_tanh_v, "hard_tanh", "xnnpack-clamp_nc-m1-1",
        "xnn_create_clamp_nc_f32, output_min=-1 output_max=1, " ELEMENTWISE, ab_xnnpack_clamp_hard_tanh_f32)
XNNPACK(softmax_v, "softmax", "xnnpack-softmax_nc",
        "xnn_create_softmax_nc_f32, channels=n strides=n (the row), setup batch_size=1", ab_xnnpack_softmax_f32)
