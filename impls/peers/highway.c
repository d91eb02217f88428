/* highway.c: Highway 1.0 (libhwy-dev), hwy/contrib/math/math-inl.h: the
 * library's Exp, Expm1, Log1p and Tanh, and sigmoid, silu, softplus and
 * elu composed from them in the shim (the compositions are actbench's, as
 * stated in each formula; Highway has no activation functions).
 *
 * Dynamic dispatch (foreach_target.h + HWY_DYNAMIC_DISPATCH): the best of
 * SCALAR, SSSE3, SSE4, AVX2, AVX3 (AVX-512) the CPU supports is chosen at
 * run time; version() names it.  Documented bounds (math-inl.h): Exp 1
 * ulp on float[-FLT_MAX, 104] / double[-DBL_MAX, 706]; Expm1 4 ulp on the
 * same; Log1p 2 ulp on [0, MAX] (no promise for -1 < x < 0); Tanh 4 ulp
 * everywhere. */
#include "peers.h"
#include <math.h>

#ifdef AB_NO_HIGHWAY
#define F32(fn) ab_peer_absent_f32
#define F64(fn) ab_peer_absent_f64
static const ab_library lib = {"Highway", NULL, AB_PEER_ABSENT(AB_NO_HIGHWAY, "libhwy-dev"), 0};
#else
#define F32(fn) fn
#define F64(fn) fn
const char *ab_highway_version(void);
#define DECL(f)                                                        \
    void ab_highway_##f##_f32(const float *x, float *y, size_t n);     \
    void ab_highway_##f##_f64(const double *x, double *y, size_t n);
DECL(tanh)
DECL(exp)
DECL(expm1)
DECL(log1p)
DECL(sigmoid)
DECL(silu)
DECL(softplus)
DECL(elu)
static const ab_library lib = {"Highway", ab_highway_version, NULL, 0};
#endif

#define ISA "avx512/avx2/sse4/ssse3/scalar (runtime dispatch)"
#define DISP "; HWY_DYNAMIC_DISPATCH"
#define PAIR(name, ulp, f, formula)                                                        \
    AB_VARIANT(name, AB_LIBRARY, ISA, ulp, formula ", f32" DISP, F32(ab_highway_##f##_f32)), \
    AB_VARIANT(name, AB_LIBRARY, ISA, ulp, formula ", f64" DISP, F64(ab_highway_##f##_f64))

static const ab_variant tanh_v[] = {
    PAIR("highway-tanh", INFINITY, tanh,
         "hwy::Tanh: |x|>18.714973875 ? sign 1 : y/(y+2), y=Expm1(2|x|) (documented 4 ulp)"),
};
AB_REGISTER_LIBRARY_VARIANTS("tanh", tanh_v, lib);

static const ab_variant exp_v[] = {
    PAIR("highway-exp", INFINITY, exp,
         "hwy::Exp: q=round(x/ln2), 2-part ln2 reduction, polynomial, 2^q by exponent bits; x<-104 (f32) / -1000 (f64) -> 0 (documented 1 ulp on [-MAX, 104] / [-MAX, 706])"),
};
AB_REGISTER_LIBRARY_VARIANTS("exp", exp_v, lib);

static const ab_variant expm1_v[] = {
    PAIR("highway-expm1", INFINITY, expm1,
         "hwy::Expm1: |x|<ln2/2 ? poly(x) : 2^q (1+poly(r)) - 1; x<-104 (f32) / -1000 (f64) -> -1 (documented 4 ulp on [-MAX, 104] / [-MAX, 706])"),
};
AB_REGISTER_LIBRARY_VARIANTS("expm1", expm1_v, lib);

static const ab_variant log1p_v[] = {
    PAIR("highway-log1p", INFINITY, log1p,
         "hwy::Log1p: u=1+x; u==1 ? x : Log(u)*(x/(u-1)) (documented 2 ulp on [0, MAX] only)"),
};
AB_REGISTER_LIBRARY_VARIANTS("log1p", log1p_v, lib);

static const ab_variant sigmoid_v[] = {
    PAIR("highway-exp-sigmoid", INFINITY, sigmoid,
         "actbench composition of hwy::Exp: e=Exp(-|x|); x>=0 ? 1/(1+e) : e/(1+e)"),
};
AB_REGISTER_LIBRARY_VARIANTS("sigmoid", sigmoid_v, lib);

static const ab_variant silu_v[] = {
    PAIR("highway-exp-silu", INFINITY, silu,
         "actbench composition of hwy::Exp: x*s, s=(x>=0 ? 1 : e)/(1+e), e=Exp(-|x|)"),
};
AB_REGISTER_LIBRARY_VARIANTS("silu", silu_v, lib);

static const ab_variant softplus_v[] = {
    PAIR("highway-log1p-exp-softplus", INFINITY, softplus,
         "actbench composition: max(x,0)+hwy::Log1p(hwy::Exp(-|x|)), no threshold"),
};
AB_REGISTER_LIBRARY_VARIANTS("softplus", softplus_v, lib);

static const ab_variant elu_v[] = {
    PAIR("highway-expm1-elu", INFINITY, elu,
         "actbench composition, alpha=1: x<0 ? hwy::Expm1(x) : x"),
};
AB_REGISTER_LIBRARY_VARIANTS("elu", elu_v, lib);
