// highway_shim.cc: Highway 1.0's vector math (hwy/contrib/math/math-inl.h:
// Exp, Expm1, Log1p, Tanh) and activations composed from them.
//
// Dynamic dispatch: foreach_target.h compiles this file once per target
// of Debian's Highway 1.0.3 build (SCALAR for the SSE2 baseline, SSSE3,
// SSE4, AVX2, AVX3 = AVX-512 F/VL/DQ/BW), and HWY_DYNAMIC_DISPATCH picks
// the best one the CPU supports at the first call, so the binary runs on
// any x86-64.  Full vectors with LoadU/StoreU; the last n mod N elements go
// through the same vector code on a zero-padded stack buffer.  No state
// besides Highway's chosen target: thread-safe, no allocation.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "impls/peers/highway_shim.cc"  // needs -I. (peers-config.sh)
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>
#include <hwy/contrib/math/math-inl.h>
#include <cstddef>
#include <cstring>

HWY_BEFORE_NAMESPACE();
namespace ab_hwy {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class T, class Op> HWY_INLINE void Loop(const T *x, T *y, size_t n, Op op) {
    const hn::ScalableTag<T> d;
    const size_t N = hn::Lanes(d);
    size_t i = 0;
    for (; i + N <= n; i += N) hn::StoreU(op(d, hn::LoadU(d, x + i)), d, y + i);
    if (i < n) {
        HWY_ALIGN T buf[hn::MaxLanes(d)];
        std::memset(buf, 0, sizeof buf);
        std::memcpy(buf, x + i, (n - i) * sizeof(T));
        hn::Store(op(d, hn::Load(d, buf)), d, buf);
        std::memcpy(y + i, buf, (n - i) * sizeof(T));
    }
}

struct OpTanh { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return hn::Tanh(d, v); } };
struct OpExp { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return hn::Exp(d, v); } };
struct OpExpm1 { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return hn::Expm1(d, v); } };
struct OpLog1p { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return hn::Log1p(d, v); } };

// sigmoid, stable form: e = Exp(-|x|) in (0, 1]; x >= 0 ? 1/(1+e) : e/(1+e).
template <class D, class V> HWY_INLINE V Sigmoid(D d, V v) {
    using T = hn::TFromD<D>;
    const V one = hn::Set(d, T(1));
    const V e = hn::Exp(d, hn::Neg(hn::Abs(v)));
    const V num = hn::IfThenElse(hn::Ge(v, hn::Zero(d)), one, e);
    return hn::Div(num, hn::Add(one, e));
}
struct OpSigmoid { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return Sigmoid(d, v); } };
// silu = x * sigmoid(x), the sigmoid above.
struct OpSilu { template <class D, class V> HWY_INLINE V operator()(D d, V v) const { return hn::Mul(v, Sigmoid(d, v)); } };
// softplus = max(x, 0) + Log1p(Exp(-|x|)) (Log1p's argument in (0, 1]).
struct OpSoftplus {
    template <class D, class V> HWY_INLINE V operator()(D d, V v) const {
        return hn::Add(hn::Max(v, hn::Zero(d)), hn::Log1p(d, hn::Exp(d, hn::Neg(hn::Abs(v)))));
    }
};
// elu (alpha 1) = x < 0 ? Expm1(x) : x.
struct OpElu {
    template <class D, class V> HWY_INLINE V operator()(D d, V v) const {
        return hn::IfThenElse(hn::Lt(v, hn::Zero(d)), hn::Expm1(d, v), v);
    }
};

#define AB_HWY_FN(name, Op)                                                                      \
    void name##F32(const float *x, float *y, size_t n) { Loop(x, y, n, Op()); }                 \
    void name##F64(const double *x, double *y, size_t n) { Loop(x, y, n, Op()); }
AB_HWY_FN(Tanh, OpTanh)
AB_HWY_FN(Exp, OpExp)
AB_HWY_FN(Expm1, OpExpm1)
AB_HWY_FN(Log1p, OpLog1p)
AB_HWY_FN(Sigmoid, OpSigmoid)
AB_HWY_FN(Silu, OpSilu)
AB_HWY_FN(Softplus, OpSoftplus)
AB_HWY_FN(Elu, OpElu)

}  // namespace HWY_NAMESPACE
}  // namespace ab_hwy
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <cstdio>
namespace ab_hwy {
#define AB_HWY_EXPORT(name) HWY_EXPORT(name##F32); HWY_EXPORT(name##F64);
AB_HWY_EXPORT(Tanh)
AB_HWY_EXPORT(Exp)
AB_HWY_EXPORT(Expm1)
AB_HWY_EXPORT(Log1p)
AB_HWY_EXPORT(Sigmoid)
AB_HWY_EXPORT(Silu)
AB_HWY_EXPORT(Softplus)
AB_HWY_EXPORT(Elu)
}  // namespace ab_hwy

#define AB_HWY_C(lower, name)                                                                    \
    extern "C" void ab_highway_##lower##_f32(const float *x, float *y, size_t n) {              \
        HWY_DYNAMIC_DISPATCH(ab_hwy::name##F32)(x, y, n);                                        \
    }                                                                                            \
    extern "C" void ab_highway_##lower##_f64(const double *x, double *y, size_t n) {            \
        HWY_DYNAMIC_DISPATCH(ab_hwy::name##F64)(x, y, n);                                        \
    }
AB_HWY_C(tanh, Tanh)
AB_HWY_C(exp, Exp)
AB_HWY_C(expm1, Expm1)
AB_HWY_C(log1p, Log1p)
AB_HWY_C(sigmoid, Sigmoid)
AB_HWY_C(silu, Silu)
AB_HWY_C(softplus, Softplus)
AB_HWY_C(elu, Elu)

// Header constants (Highway 1.0 has no runtime version call) and the
// target the dispatch chose on this CPU.
extern "C" const char *ab_highway_version(void) {
    static char v[96];
    if (!v[0]) {
        int64_t chosen = hwy::SupportedTargets() & HWY_TARGETS;
        std::snprintf(v, sizeof v, "%d.%d.%d (dispatch: %s)", HWY_MAJOR, HWY_MINOR, HWY_PATCH,
                      hwy::TargetName(chosen & -chosen));
    }
    return v;
}
#endif  // HWY_ONCE
