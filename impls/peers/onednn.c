/* onednn.c: oneDNN (Intel's JIT primitives, libdnnl-dev 2.6, as used by
 * PyTorch and TensorFlow on x86) registered as a measured peer; the batch
 * functions are in onednn_shim.cc.
 *
 * Every eltwise algorithm of oneDNN 2.6 whose forward definition is a
 * catalog activation, and the softmax_v2 primitive (accurate and log) for
 * the softmax and log_softmax rows; each runs forward_inference on a dense
 * 1-D f32 tensor of n elements, in one thread (own_threads: the variants
 * run in a child process, the shim sets OpenMP to one thread).  Left out:
 * hard_sigmoid (oneDNN 2.6 has no hardsigmoid algorithm: it came in 3.0),
 * celu and selu (no such algorithm; elu with alpha 1 is registered as elu),
 * log (the catalog has log1p, not log), the *_use_dst_for_bwd algorithms
 * (the same forward as their plain ones), and dnnl_eltwise_clip (the same
 * forward as clip_v2, which replaced it; they differ only in backward).
 * oneDNN has no accuracy promise: the bounds are INFINITY (measured).
 *
 * f64: oneDNN 2.6 has no f64 data type (dnnl_data_type_t: f16 bf16 f32 s32
 * s8 u8), so each activation's f64 variant is listed, unavailable, with
 * that reason. */
#include "peers.h"
#include <math.h>

#ifdef AB_NO_ONEDNN
#define F32(fn) ab_peer_absent_f32
#define F64(fn) ab_peer_absent_f64
static const ab_library lib = {"oneDNN", NULL, AB_PEER_ABSENT(AB_NO_ONEDNN, "libdnnl-dev"), 1};
static const ab_library lib64 = {"oneDNN", NULL, AB_PEER_ABSENT(AB_NO_ONEDNN, "libdnnl-dev"), 1};
#else
#define F32(fn) fn
#define F64(fn) ab_peer_absent_f64
const char *ab_onednn_version(void);
void ab_onednn_logistic_f32(const float *x, float *y, size_t n);
void ab_onednn_tanh_f32(const float *x, float *y, size_t n);
void ab_onednn_elu_f32(const float *x, float *y, size_t n);
void ab_onednn_soft_relu_f32(const float *x, float *y, size_t n);
void ab_onednn_gelu_erf_f32(const float *x, float *y, size_t n);
void ab_onednn_gelu_tanh_f32(const float *x, float *y, size_t n);
void ab_onednn_swish_f32(const float *x, float *y, size_t n);
void ab_onednn_mish_f32(const float *x, float *y, size_t n);
void ab_onednn_hardswish_f32(const float *x, float *y, size_t n);
void ab_onednn_logsigmoid_f32(const float *x, float *y, size_t n);
void ab_onednn_relu_f32(const float *x, float *y, size_t n);
void ab_onednn_relu_leaky_f32(const float *x, float *y, size_t n);
void ab_onednn_exp_f32(const float *x, float *y, size_t n);
void ab_onednn_clip_v2_relu6_f32(const float *x, float *y, size_t n);
void ab_onednn_bounded_relu6_f32(const float *x, float *y, size_t n);
void ab_onednn_clip_v2_hard_tanh_f32(const float *x, float *y, size_t n);
void ab_onednn_linear_f32(const float *x, float *y, size_t n);
void ab_onednn_softmax_f32(const float *x, float *y, size_t n);
void ab_onednn_logsoftmax_f32(const float *x, float *y, size_t n);
static const ab_library lib = {"oneDNN", ab_onednn_version, NULL, 1 /* own thread pool */};
static const ab_library lib64 = {"oneDNN", ab_onednn_version,
                                 "oneDNN 2.6 has no f64 data type (no f64 eltwise or softmax on CPU)", 1};
#endif

#define ISA "jit (runtime dispatch)"
#define PATH ", forward_inference, 1-D dense f32 tensor of n elements, one thread"
/* One activation: its f32 variant (the library's kernel) and the f64 twin
 * listed unavailable. */
#define ONEDNN(array, op, name, formula, fn)                                              \
    static const ab_variant array[] = {                                                   \
        AB_VARIANT(name, AB_LIBRARY, ISA, INFINITY, formula PATH, F32(fn)),               \
    };                                                                                    \
    static const ab_variant array##_f64[] = {                                             \
        AB_VARIANT(name, AB_LIBRARY, "none (no f64)", INFINITY,                          \
                   formula " (f64: not in oneDNN)", F64(fn)),                             \
    };                                                                                    \
    AB_REGISTER_LIBRARY_VARIANTS(op, array, lib)                                          \
    AB_REGISTER_LIBRARY_VARIANTS(op, array##_f64, lib64)

ONEDNN(sigmoid_v, "sigmoid", "onednn-eltwise-logistic", "dnnl_eltwise_logistic, alpha=0 beta=0",
       ab_onednn_logistic_f32)
ONEDNN(tanh_v, "tanh", "onednn-eltwise-tanh", "dnnl_eltwise_tanh, alpha=0 beta=0", ab_onednn_tanh_f32)
ONEDNN(elu_v, "elu", "onednn-eltwise-elu", "dnnl_eltwise_elu, alpha=1 beta=0", ab_onednn_elu_f32)
ONEDNN(softplus_v, "softplus", "onednn-eltwise-soft_relu",
       "dnnl_eltwise_soft_relu (log(1+e^x), 2.6 has no alpha), alpha=0 beta=0",
       ab_onednn_soft_relu_f32)
ONEDNN(gelu_v, "gelu", "onednn-eltwise-gelu_erf", "dnnl_eltwise_gelu_erf, alpha=0 beta=0",
       ab_onednn_gelu_erf_f32)
ONEDNN(gelu_tanh_v, "gelu_tanh", "onednn-eltwise-gelu_tanh", "dnnl_eltwise_gelu_tanh, alpha=0 beta=0",
       ab_onednn_gelu_tanh_f32)
ONEDNN(silu_v, "silu", "onednn-eltwise-swish", "dnnl_eltwise_swish (x sigmoid(alpha x)), alpha=1 beta=0",
       ab_onednn_swish_f32)
ONEDNN(mish_v, "mish", "onednn-eltwise-mish", "dnnl_eltwise_mish, alpha=0 beta=0", ab_onednn_mish_f32)
ONEDNN(hard_swish_v, "hard_swish", "onednn-eltwise-hardswish",
       "dnnl_eltwise_hardswish (x relu6(x+3)/6), alpha=0 beta=0", ab_onednn_hardswish_f32)
ONEDNN(log_sigmoid_v, "log_sigmoid", "onednn-eltwise-logsigmoid", "dnnl_eltwise_logsigmoid, alpha=0 beta=0",
       ab_onednn_logsigmoid_f32)
ONEDNN(relu_v, "relu", "onednn-eltwise-relu", "dnnl_eltwise_relu, alpha=0 (slope) beta=0",
       ab_onednn_relu_f32)
ONEDNN(leaky_relu_v, "leaky_relu", "onednn-eltwise-relu-alpha0.01",
       "dnnl_eltwise_relu, alpha=0.01f (negative slope) beta=0", ab_onednn_relu_leaky_f32)
ONEDNN(exp_v, "exp", "onednn-eltwise-exp", "dnnl_eltwise_exp, alpha=0 beta=0", ab_onednn_exp_f32)
ONEDNN(relu6_v, "relu6", "onednn-eltwise-clip_v2-0-6", "dnnl_eltwise_clip_v2, alpha=0 (lower) beta=6 (upper)",
       ab_onednn_clip_v2_relu6_f32)
ONEDNN(relu6_b, "relu6", "onednn-eltwise-bounded_relu-6",
       "dnnl_eltwise_bounded_relu (TensorFlow's relu6 in oneDNN 2.x), alpha=6 (upper) beta=0",
       ab_onednn_bounded_relu6_f32)
ONEDNN(hard_tanh_v, "hard_tanh", "onednn-eltwise-clip_v2-m1-1",
       "dnnl_eltwise_clip_v2, alpha=-1 (lower) beta=1 (upper)", ab_onednn_clip_v2_hard_tanh_f32)
ONEDNN(identity_v, "identity", "onednn-eltwise-linear-1-0", "dnnl_eltwise_linear (alpha x + beta), alpha=1 beta=0",
       ab_onednn_linear_f32)
ONEDNN(softmax_v, "softmax", "onednn-softmax_v2-accurate",
       "dnnl_softmax_v2, dnnl_softmax_accurate, axis 0 (the row)", ab_onednn_softmax_f32)
ONEDNN(log_softmax_v, "log_softmax", "onednn-softmax_v2-log",
       "dnnl_softmax_v2, dnnl_softmax_log, axis 0 (the row)", ab_onednn_logsoftmax_f32)
