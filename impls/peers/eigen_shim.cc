// eigen_shim.cc: Eigen 3.4's elementwise math, as TensorFlow's CPU kernels
// call it (the scalar_*_op functors behind tf.tanh, tf.sigmoid, tf.math.erf,
// tf.exp, ...), and TF's compositions of those ops (gelu, softplus, elu,
// selu).  Header-only.
//
// Build: the project's flags, no -m option, so Eigen vectorizes with SSE2
// (EIGEN_VECTORIZE_SSE2 only: Packet4f / Packet2d, no FMA) and the binary
// runs on any x86-64.  EIGEN_FAST_MATH is Eigen's default, 1 (checked
// below): it turns on the rational tanh and erf packet kernels for float.
//
// Every element goes through the packet kernel: Eigen evaluates an
// unaligned destination's head and a length's remainder with the scalar
// functor, which for exp/expm1/log1p is std::exp/expm1/log1p (glibc), not
// Eigen's code.  So the batch is copied through an aligned stack buffer
// padded to whole packets, and static_asserts check that each expression
// is evaluated with packets.  Stack buffers: thread-safe, no allocation.
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>
#include <cstddef>
#include <cstdio>
#include <cstring>

#if EIGEN_FAST_MATH != 1
#error "the registrations state EIGEN_FAST_MATH=1"
#endif
#if !defined(EIGEN_VECTORIZE_SSE2) || defined(EIGEN_VECTORIZE_AVX) || defined(EIGEN_VECTORIZE_FMA)
#error "the registrations state Eigen's SSE2 packets (no AVX, no FMA)"
#endif

namespace {

template <class T> using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
template <class T> using In = Eigen::Map<const Arr<T>, Eigen::Aligned64>;
template <class T> using Out = Eigen::Map<Arr<T>, Eigen::Aligned64>;

constexpr size_t kChunk = 512;  // a multiple of every packet width
constexpr size_t kPad = 16;     // lengths are padded to a multiple of this

template <class Expr> constexpr bool packet_path() {
    return (Eigen::internal::evaluator<Expr>::Flags & Eigen::PacketAccessBit) != 0;
}
#define AB_ASSIGN_PACKETS(dst, expr)                                                \
    do {                                                                          \
        auto e_ = (expr);                                                         \
        static_assert(packet_path<decltype(e_)>(), "not Eigen's packet path");     \
        (dst) = e_;                                                               \
    } while (0)

// y[0..n) = k(x[0..n)) through the padded aligned buffers; k(in, out, m)
// sees m a multiple of kPad (the padding lanes hold 0).
template <class T, class K> void run(const T *x, T *y, size_t n, K k) {
    alignas(64) T in[kChunk], out[kChunk];
    for (size_t off = 0; off < n; off += kChunk) {
        size_t m = n - off < kChunk ? n - off : kChunk;
        size_t mp = (m + kPad - 1) / kPad * kPad;
        std::memcpy(in, x + off, m * sizeof(T));
        for (size_t i = m; i < mp; i++) in[i] = T(0);
        k(in, out, (Eigen::Index)mp);
        std::memcpy(y + off, out, m * sizeof(T));
    }
}

#define UNARY(name, T, method)                                                    \
    void name(const T *x, T *y, size_t n) {                                       \
        run(x, y, n, [](const T *i, T *o, Eigen::Index m) {                        \
            In<T> a(i, m);                                                        \
            Out<T> r(o, m);                                                       \
            AB_ASSIGN_PACKETS(r, a.method());                                     \
        });                                                                       \
    }

// TF: 0.5 * x * (1 + erf(x / cast(1.4142135623730951))), each op in T.
template <class T> void gelu(const T *x, T *y, size_t n) {
    run(x, y, n, [](const T *i, T *o, Eigen::Index m) {
        In<T> a(i, m);
        Out<T> r(o, m);
        AB_ASSIGN_PACKETS(r, (T(0.5) * a) * (T(1) + (a / T(1.4142135623730951)).erf()));
    });
}

// TF: 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * pow(x, 3)))).
// Eigen 3.4's pow(float, float) has no packet path: TF's Pow kernel
// evaluates it with the scalar functor (std::pow), a separate op; so does
// this, into a buffer, before the packet expression.
template <class T> void gelu_tanh(const T *x, T *y, size_t n) {
    run(x, y, n, [](const T *i, T *o, Eigen::Index m) {
        alignas(64) T c[kChunk];
        In<T> a(i, m);
        Out<T> cube(c, m), r(o, m);
        cube = a.pow(T(3));
        In<T> x3(c, m);
        AB_ASSIGN_PACKETS(r, (T(0.5) * a) *
                                 (T(1) + (T(0.7978845608028654) * (a + T(0.044715) * x3)).tanh()));
    });
}

// TF's softplus_op.h: threshold = log(epsilon) + 2;
// x > -threshold ? x : x < threshold ? exp(x) : log1p(exp(x)).
// Eigen's Select has no packet path, so exp and log1p are evaluated with
// packets first and selected after (selection is exact).
template <class T, bool log1p_packets> void softplus(const T *x, T *y, size_t n) {
    run(x, y, n, [](const T *i, T *o, Eigen::Index m) {
        static const T threshold = Eigen::numext::log(Eigen::NumTraits<T>::epsilon()) + T(2);
        alignas(64) T e[kChunk];
        In<T> a(i, m);
        Out<T> ex(e, m), r(o, m);
        AB_ASSIGN_PACKETS(ex, a.exp());
        if constexpr (log1p_packets) AB_ASSIGN_PACKETS(r, ex.log1p());
        else r = ex.log1p();  // f64: Eigen 3.4 has no double plog1p (std::log1p)
        for (Eigen::Index k = 0; k < m; k++)
            o[k] = i[k] > -threshold ? i[k] : i[k] < threshold ? e[k] : o[k];
    });
}

// TF's relu_op_functor.h Elu: x < 0 ? exp(x) - 1 : x;
// Selu: x < 0 ? scale_alpha * (exp(x) - 1) : scale * x.
template <class T> void elu(const T *x, T *y, size_t n) {
    run(x, y, n, [](const T *i, T *o, Eigen::Index m) {
        In<T> a(i, m);
        Out<T> r(o, m);
        AB_ASSIGN_PACKETS(r, a.exp() - T(1));
        for (Eigen::Index k = 0; k < m; k++) o[k] = i[k] < T(0) ? o[k] : i[k];
    });
}
template <class T> void selu(const T *x, T *y, size_t n) {
    run(x, y, n, [](const T *i, T *o, Eigen::Index m) {
        const T scale = static_cast<T>(1.0507009873554804934193349852946);
        const T scale_alpha = static_cast<T>(1.7580993408473768599402175208123);
        In<T> a(i, m);
        Out<T> r(o, m);
        AB_ASSIGN_PACKETS(r, scale_alpha * (a.exp() - T(1)));
        for (Eigen::Index k = 0; k < m; k++) o[k] = i[k] < T(0) ? o[k] : scale * i[k];
    });
}

UNARY(tanh_f32, float, tanh)
UNARY(logistic_f32, float, logistic)
UNARY(logistic_f64, double, logistic)
UNARY(erf_f32, float, erf)
UNARY(exp_f32, float, exp)
UNARY(exp_f64, double, exp)
UNARY(expm1_f32, float, expm1)
UNARY(log1p_f32, float, log1p)

}  // namespace

extern "C" {
const char *ab_eigen_version(void) {
    static char v[64];
    if (!v[0])
        std::snprintf(v, sizeof v, "%d.%d.%d (headers)", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION,
                      EIGEN_MINOR_VERSION);
    return v;
}
void ab_eigen_tanh_f32(const float *x, float *y, size_t n) { tanh_f32(x, y, n); }
void ab_eigen_sigmoid_f32(const float *x, float *y, size_t n) { logistic_f32(x, y, n); }
void ab_eigen_sigmoid_f64(const double *x, double *y, size_t n) { logistic_f64(x, y, n); }
void ab_eigen_erf_f32(const float *x, float *y, size_t n) { erf_f32(x, y, n); }
void ab_eigen_exp_f32(const float *x, float *y, size_t n) { exp_f32(x, y, n); }
void ab_eigen_exp_f64(const double *x, double *y, size_t n) { exp_f64(x, y, n); }
void ab_eigen_expm1_f32(const float *x, float *y, size_t n) { expm1_f32(x, y, n); }
void ab_eigen_log1p_f32(const float *x, float *y, size_t n) { log1p_f32(x, y, n); }
void ab_eigen_gelu_f32(const float *x, float *y, size_t n) { gelu(x, y, n); }
void ab_eigen_gelu_tanh_f32(const float *x, float *y, size_t n) { gelu_tanh(x, y, n); }
void ab_eigen_softplus_f32(const float *x, float *y, size_t n) { softplus<float, true>(x, y, n); }
void ab_eigen_softplus_f64(const double *x, double *y, size_t n) { softplus<double, false>(x, y, n); }
void ab_eigen_elu_f32(const float *x, float *y, size_t n) { elu(x, y, n); }
void ab_eigen_elu_f64(const double *x, double *y, size_t n) { elu(x, y, n); }
void ab_eigen_selu_f32(const float *x, float *y, size_t n) { selu(x, y, n); }
void ab_eigen_selu_f64(const double *x, double *y, size_t n) { selu(x, y, n); }
}
