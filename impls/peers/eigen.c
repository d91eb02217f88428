/* eigen.c: Eigen 3.4 (header-only), the elementwise math behind
 * TensorFlow's CPU kernels: tf.tanh, tf.sigmoid, tf.math.erf, tf.exp,
 * tf.math.expm1, tf.math.log1p call Eigen's scalar_*_op functors, and
 * tf.nn.gelu, softplus, elu and selu compose them as registered below.
 *
 * The shim (eigen_shim.cc) is built with the project's flags and no -m
 * option: Eigen vectorizes with SSE2 packets (4 floats, 2 doubles, no
 * FMA) and the binary runs on any x86-64.  EIGEN_FAST_MATH = 1 (Eigen's
 * default; it selects the rational tanh and erf float kernels).  Every
 * element goes through the packet kernel (the batch is padded to whole
 * packets in an aligned buffer; the shim static_asserts the packet path).
 *
 * Not registered: f64 tanh, erf, expm1, log1p (and gelu f64): Eigen 3.4
 * has no double packet kernel for them (x86 packet_traits<double> has
 * only exp and log), its scalar path calls glibc (std::tanh, ::erf, ...),
 * already measured as the libm variants.  softplus f64 registers because
 * TF's composition (threshold, Eigen's packet exp) is its own recipe. */
#include "peers.h"
#include <math.h>

#ifdef AB_NO_EIGEN
#define F32(fn) ab_peer_absent_f32
#define F64(fn) ab_peer_absent_f64
static const ab_library lib = {"Eigen", NULL, AB_PEER_ABSENT(AB_NO_EIGEN, "libeigen3-dev"), 0};
#else
#define F32(fn) fn
#define F64(fn) fn
const char *ab_eigen_version(void);
void ab_eigen_tanh_f32(const float *x, float *y, size_t n);
void ab_eigen_sigmoid_f32(const float *x, float *y, size_t n);
void ab_eigen_sigmoid_f64(const double *x, double *y, size_t n);
void ab_eigen_erf_f32(const float *x, float *y, size_t n);
void ab_eigen_exp_f32(const float *x, float *y, size_t n);
void ab_eigen_exp_f64(const double *x, double *y, size_t n);
void ab_eigen_expm1_f32(const float *x, float *y, size_t n);
void ab_eigen_log1p_f32(const float *x, float *y, size_t n);
void ab_eigen_gelu_f32(const float *x, float *y, size_t n);
void ab_eigen_gelu_tanh_f32(const float *x, float *y, size_t n);
void ab_eigen_softplus_f32(const float *x, float *y, size_t n);
void ab_eigen_softplus_f64(const double *x, double *y, size_t n);
void ab_eigen_elu_f32(const float *x, float *y, size_t n);
void ab_eigen_elu_f64(const double *x, double *y, size_t n);
void ab_eigen_selu_f32(const float *x, float *y, size_t n);
void ab_eigen_selu_f64(const double *x, double *y, size_t n);
static const ab_library lib = {"Eigen", ab_eigen_version, NULL, 0};
#endif

#define ISA32 "sse2 (Eigen Packet4f; portable build)"
#define ISA64 "sse2 (Eigen Packet2d; portable build)"
#define FM "EIGEN_FAST_MATH=1, SSE2 packets, no FMA"

/* Declared failures: the classes a default sweep (65536 samples, every
 * range) and the gate's sweep (baseline seed, 16384) measured, each with
 * what was measured.  Eigen declares no error bound (max_ulp INFINITY). */
#define WHY_EXP_CLAMP32 \
    "Eigen 3.4's pexp (f32) clamps x to [-88.723, 88.723]: exp(-inf) = 0x1.ffebp-129 (2.9e-39) instead of 0"
#define WHY_EXP_CLAMP64 \
    "Eigen 3.4's pexp (f64) clamps x to [-709.784, 709.784]: exp(-inf) = 0x0.3feaecf4d1116p-1022 (5.6e-309) instead of 0"
#define WHY_EXP_MINUS_1(t) \
    "pexp(x)-1 (exp minus 1, not expm1) is +0 for " t " <= x < 0, where the result is negative: sign and zero flush; " \
    "the cancellation is not monotone in x"

static const ab_variant tanh_v[] = {
    AB_VARIANT_EXPECTING("eigen-tanh", AB_LIBRARY, ISA32, INFINITY,
               "Eigen ptanh = generic_fast_tanh_float: x*P(x^2)/Q(x^2) rational (13/6), |x| clamped at 7.9053, |x|<0.0004 -> x (tf.tanh); " FM,
               F32(ab_eigen_tanh_f32),
               AB_FAIL_MONOTONE,
               "monotone: the fast rational tanh is not monotone in x, most of all approaching its clamp at |x| = 7.9053 (first -0x1.f7123ep+2 on core; 13001 of the 65536 samples on the saturation range) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("tanh", tanh_v, lib);

static const ab_variant sigmoid_v[] = {
    AB_VARIANT_EXPECTING("eigen-logistic", AB_LIBRARY, ISA32, INFINITY,
               "Eigen scalar_logistic_op<float>: 0.5+x*P9(x^2)/Q10(x^2) rational, x clamped at 15.6437711715698242, x<-9 -> pexp(x) (tf.sigmoid); " FM,
               F32(ab_eigen_sigmoid_f32),
               AB_FAIL_MONOTONE | AB_FAIL_INF_CLASS,
               "Eigen 3.4's fast logistic (f32) switches from a 9/10 rational to pexp(x) below -9, pexp clamping x at -88.723: 6586 ulp and not monotone at -0x1.1de1aap+3 (-8.93), 0x1.ffebp-129 instead of 0 at -inf (measured)"),
    AB_VARIANT_EXPECTING("eigen-logistic", AB_LIBRARY, ISA64, INFINITY,
               "Eigen scalar_logistic_op<double>: 1/(1+pexp(-x)) (tf.sigmoid); " FM,
               F64(ab_eigen_sigmoid_f64),
               AB_FAIL_ZERO,
               "Eigen 3.4's logistic (f64) is 1/(1+pexp(-x)), and pexp(-x) overflows to inf from x = -0x1.62e42fefa39fp+9 (-709.78) down: 0 where sigmoid(x) is a nonzero subnormal (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("sigmoid", sigmoid_v, lib);

static const ab_variant erf_v[] = {
    AB_VARIANT_EXPECTING("eigen-erf", AB_LIBRARY, ISA32, INFINITY,
               "Eigen perf = generic_fast_erf_float: x*P(x^2)/Q(x^2) rational, x clamped to [-4, 4] (tf.math.erf); " FM,
               F32(ab_eigen_erf_f32),
               AB_FAIL_RANGE | AB_FAIL_MONOTONE | AB_FAIL_ZERO,
               "the fast rational erf exceeds 1 in magnitude below its clamp at |x| = 4 (0x1.000002p+0 at 0x1.d00ad2p+1, -0x1.000002p+0 at -0x1.fdc902p+1), is not monotone there (first 0x1.f5a888p+1), and returns 0 for x = +-2^-149 (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("erf", erf_v, lib);

static const ab_variant gelu_v[] = {
    AB_VARIANT_EXPECTING("eigen-tf-gelu", AB_LIBRARY, ISA32, INFINITY,
               "TF tf.nn.gelu(approximate=False) in f32 Eigen ops: (0.5f*x)*(1+perf(x/1.41421356f)), perf the fast rational erf; " FM,
               F32(ab_eigen_gelu_f32),
               AB_FAIL_NAN | AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_INF_CLASS,
               "gelu(-inf) = -inf*0 = NaN; perf rounds to -1 below about x = -5.5, so the result is 0 where gelu(x) is a tiny negative (at -5.5, -6, -10), and positive where perf < -1 (0x1.69581p-22 at -0x1.69581p+2) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("gelu", gelu_v, lib);

static const ab_variant gelu_tanh_v[] = {
    AB_VARIANT_EXPECTING("eigen-tf-gelu-tanh", AB_LIBRARY, ISA32, INFINITY,
               "TF tf.nn.gelu(approximate=True) in f32 Eigen ops: (0.5f*x)*(1+ptanh(0.7978845608028654f*(x+0.044715f*pow(x,3)))), pow scalar std::pow (no packet pow in Eigen 3.4), ptanh the fast rational; " FM,
               F32(ab_eigen_gelu_tanh_f32),
               AB_FAIL_NAN | AB_FAIL_ZERO | AB_FAIL_INF_CLASS,
               "gelu_tanh(-inf) = -inf*0 = NaN; ptanh clamps its argument at 7.9053 and returns -1 there, so the result is 0 for x below about -4.9 where gelu_tanh(x) is a tiny negative (0 at -0x1.39999ap+2, -5, -6, -10) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("gelu_tanh", gelu_tanh_v, lib);

static const ab_variant exp_v[] = {
    AB_VARIANT_EXPECTING("eigen-exp", AB_LIBRARY, ISA32, INFINITY,
               "Eigen pexp_float: x clamped, m=floor(x/ln2+0.5), 2-part ln2 reduction, Cephes polynomial p0..p5, pldexp (tf.exp); " FM,
               F32(ab_eigen_exp_f32),
               AB_FAIL_INF_CLASS | AB_FAIL_MONOTONE,
               WHY_EXP_CLAMP32 "; its polynomial's rounding is not monotone in x (first -0x1.5f86p-2) (measured)"),
    AB_VARIANT_EXPECTING("eigen-exp", AB_LIBRARY, ISA64, INFINITY,
               "Eigen pexp_double: x clamped, 2-part ln2 reduction, Cephes Pade rational 1+2xP(x^2)/(Q(x^2)-xP(x^2)), pldexp (tf.exp); " FM,
               F64(ab_eigen_exp_f64),
               AB_FAIL_INF_CLASS,
               WHY_EXP_CLAMP64 " (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("exp", exp_v, lib);

static const ab_variant expm1_v[] = {
    AB_VARIANT_EXPECTING("eigen-expm1", AB_LIBRARY, ISA32, INFINITY,
               "Eigen generic_expm1: u=pexp(x); u==1 ? x : u-1==-1 ? -1 : u==inf ? u : (u-1)*(x/plog(u)), Kahan's trick (tf.math.expm1); " FM,
               F32(ab_eigen_expm1_f32),
               AB_FAIL_MONOTONE,
               "monotone: Kahan's (u-1)*(x/plog(u)) on Eigen's pexp and plog is not monotone in x (first -0x1.234bdap+3; 1853 of 65536 samples near -1, x in [-16, -8]) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("expm1", expm1_v, lib);

static const ab_variant log1p_v[] = {
    AB_VARIANT_EXPECTING("eigen-log1p", AB_LIBRARY, ISA32, INFINITY,
               "Eigen generic_plog1p: u=1+x; u==1 or plog(u)==u ? x : x*(plog(u)/(u-1)), Kahan's trick (tf.math.log1p); " FM,
               F32(ab_eigen_log1p_f32),
               AB_FAIL_MONOTONE,
               "monotone: Kahan's x*(plog(u)/(u-1)) on Eigen's plog is not monotone in x (first -0x1.aa1906p-3; also for large x, 0x1.0554ap+100) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("log1p", log1p_v, lib);

static const ab_variant softplus_v[] = {
    AB_VARIANT_EXPECTING("eigen-tf-softplus", AB_LIBRARY, ISA32, INFINITY,
               "TF softplus_op.h: t=log(FLT_EPSILON)+2=-13.9424; x>-t ? x : x<t ? pexp(x) : plog1p(pexp(x)); " FM,
               F32(ab_eigen_softplus_f32),
               AB_FAIL_INF_CLASS | AB_FAIL_MONOTONE,
               "below t the result is pexp(x): " WHY_EXP_CLAMP32 "; plog1p(pexp(x)) is not monotone in x (first -0x1.7c39bp+0) (measured)"),
    AB_VARIANT_EXPECTING("eigen-tf-softplus", AB_LIBRARY, ISA64, INFINITY,
               "TF softplus_op.h: t=log(DBL_EPSILON)+2=-34.0437; x>-t ? x : x<t ? pexp(x) : log1p(pexp(x)), log1p scalar glibc (Eigen 3.4 has no double plog1p); " FM,
               F64(ab_eigen_softplus_f64),
               AB_FAIL_INF_CLASS,
               "below t the result is pexp(x): " WHY_EXP_CLAMP64 " (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("softplus", softplus_v, lib);

static const ab_variant elu_v[] = {
    AB_VARIANT_EXPECTING("eigen-tf-elu", AB_LIBRARY, ISA32, INFINITY,
               "TF relu_op_functor.h Elu, alpha=1: x<0 ? pexp(x)-1 : x (exp minus 1, not expm1); " FM,
               F32(ab_eigen_elu_f32),
               AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               WHY_EXP_MINUS_1("-2^-25") " (first -0x1.5ea7d8p-2) (measured)"),
    AB_VARIANT_EXPECTING("eigen-tf-elu", AB_LIBRARY, ISA64, INFINITY,
               "TF relu_op_functor.h Elu, alpha=1: x<0 ? pexp(x)-1 : x (exp minus 1, not expm1); " FM,
               F64(ab_eigen_elu_f64),
               AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               WHY_EXP_MINUS_1("-2^-54") " (first -0x1.809c6f81dcffap-3) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("elu", elu_v, lib);

static const ab_variant selu_v[] = {
    AB_VARIANT_EXPECTING("eigen-tf-selu", AB_LIBRARY, ISA32, INFINITY,
               "TF relu_op_functor.h Selu: x<0 ? 1.7580993408473768599f*(pexp(x)-1) : 1.0507009873554804934f*x; " FM,
               F32(ab_eigen_selu_f32),
               AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               WHY_EXP_MINUS_1("-2^-25") " (first -0x1.5b0caap-2) (measured)"),
    AB_VARIANT_EXPECTING("eigen-tf-selu", AB_LIBRARY, ISA64, INFINITY,
               "TF relu_op_functor.h Selu: x<0 ? 1.7580993408473768599*(pexp(x)-1) : 1.0507009873554804934*x; " FM,
               F64(ab_eigen_selu_f64),
               AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               WHY_EXP_MINUS_1("-2^-54") " (first -0x1.6783c9742dcdp-3, gate sweep) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("selu", selu_v, lib);
