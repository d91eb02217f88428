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
/* The same, declaring the failure classes each precision was measured to
 * have (a default sweep, 65536 samples on every range, and the gate's
 * sweep) and what was measured. */
#define PAIR_EXPECTING(name, ulp, f, formula, c32, why32, c64, why64)                 \
    AB_VARIANT_EXPECTING(name, AB_LIBRARY, ISA, ulp, formula ", f32" DISP,            \
                         F32(ab_highway_##f##_f32), c32, why32),                      \
    AB_VARIANT_EXPECTING(name, AB_LIBRARY, ISA, ulp, formula ", f64" DISP,            \
                         F64(ab_highway_##f##_f64), c64, why64)

#define WHY_EXP_NAN "Highway's Exp returns 0 for NaN inputs (measured; outside its documented domain)"
#define WHY_MONO \
    "monotone: Highway documents an error bound, not monotonicity; the rounded steps put neighbouring outputs out of order"

static const ab_variant tanh_v[] = {
    PAIR_EXPECTING("highway-tanh", INFINITY, tanh,
         "hwy::Tanh: |x|>18.714973875 ? sign 1 : y/(y+2), y=Expm1(2|x|) (documented 4 ulp)",
         AB_FAIL_MONOTONE, WHY_MONO " (first -0x1.1ded7p+3) (measured)",
         AB_FAIL_MONOTONE, WHY_MONO " (first -0x1.fd337f255e28fp-1) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("tanh", tanh_v, lib);

static const ab_variant exp_v[] = {
    PAIR_EXPECTING("highway-exp", INFINITY, exp,
         "hwy::Exp: q=round(x/ln2), 2-part ln2 reduction, polynomial, 2^q by exponent bits; x<-104 (f32) / -1000 (f64) -> 0 (documented 1 ulp on [-MAX, 104] / [-MAX, 706])",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_SIGN | AB_FAIL_ZERO | AB_FAIL_RANGE | AB_FAIL_MONOTONE,
         WHY_EXP_NAN "; above its documented domain (x > 104) 2^q wraps: 0 at 200, -0x1.54256p+46 at "
         "0x1.63decap+26, some NaN, not monotone (first 0x1.fe8b24p+24) (measured)",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_ZERO,
         WHY_EXP_NAN "; above its documented domain (x > 706) the exponent 2^q wraps from about 1024: 0 at x = 2000, "
         "0x1.012085ab657cbp+366 at 1e10 instead of inf (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("exp", exp_v, lib);

static const ab_variant expm1_v[] = {
    PAIR_EXPECTING("highway-expm1", INFINITY, expm1,
         "hwy::Expm1: |x|<ln2/2 ? poly(x) : 2^q (1+poly(r)) - 1; x<-104 (f32) / -1000 (f64) -> -1 (documented 4 ulp on [-MAX, 104] / [-MAX, 706])",
         AB_FAIL_NAN | AB_FAIL_SIGN | AB_FAIL_RANGE | AB_FAIL_MONOTONE,
         "expm1(-0) = +0; above its documented domain (x > 104) the exponent 2^q wraps: -1 at x = 200, "
         "-0x1.2b176p+62 at 0x1.700be2p+26 (below -1), NaN on 3 of 65536 full-range samples, "
         "not monotone there (first 0x1.1c04b6p+25) (measured)",
         AB_FAIL_SIGN,
         "expm1(-0) = +0; above its documented domain (x > 706) the exponent 2^q wraps from about 1024: -1 at x = 2000 (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("expm1", expm1_v, lib);

#define WHY_LOG1P(big, first)                                                                   \
    "Highway documents Log1p on [0, MAX] only: for x < -1 it returns a finite number instead of NaN (" big \
    " at -0x1.000002p+0), log1p(+inf) = NaN, and it is not monotone (first " first ") (measured)"
static const ab_variant log1p_v[] = {
    PAIR_EXPECTING("highway-log1p", INFINITY, log1p,
         "hwy::Log1p: u=1+x; u==1 ? x : Log(u)*(x/(u-1)) (documented 2 ulp on [0, MAX] only)",
         AB_FAIL_NAN | AB_FAIL_INF_CLASS | AB_FAIL_MONOTONE, WHY_LOG1P("0x1.4301bp+7", "-0x1.ad15fep+2 among those outputs; also 0x1.11a48p-7"),
         AB_FAIL_NAN | AB_FAIL_INF_CLASS | AB_FAIL_MONOTONE, WHY_LOG1P("0x1.5ee7dfe5d2a89p+10", "-0x1.84ae411626018p-5")),
};
AB_REGISTER_LIBRARY_VARIANTS("log1p", log1p_v, lib);

static const ab_variant sigmoid_v[] = {
    PAIR_EXPECTING("highway-exp-sigmoid", INFINITY, sigmoid,
         "actbench composition of hwy::Exp: e=Exp(-|x|); x>=0 ? 1/(1+e) : e/(1+e)",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_MONOTONE,
         WHY_EXP_NAN ", so sigmoid(NaN) = 0; e/(1+e) is not monotone in x (first -0x1.cbcee2p+0) (measured)",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_EXP_NAN ", so sigmoid(NaN) = 0"),
};
AB_REGISTER_LIBRARY_VARIANTS("sigmoid", sigmoid_v, lib);

#define WHY_SILU(lo, at)                                                                         \
    "the composition's s = e/(1+e) underflows to 0 below about x = " lo " while x*sigmoid(x) is still a nonzero subnormal (0 at " at \
    "), and silu(-inf) = -inf*0 = NaN (measured)"
static const ab_variant silu_v[] = {
    PAIR_EXPECTING("highway-exp-silu", INFINITY, silu,
         "actbench composition of hwy::Exp: x*s, s=(x>=0 ? 1 : e)/(1+e), e=Exp(-|x|)",
         AB_FAIL_NAN | AB_FAIL_ZERO | AB_FAIL_INF_CLASS, WHY_SILU("-103.97", "-104"),
         AB_FAIL_NAN | AB_FAIL_ZERO | AB_FAIL_INF_CLASS, WHY_SILU("-745.13", "-746")),
};
AB_REGISTER_LIBRARY_VARIANTS("silu", silu_v, lib);

static const ab_variant softplus_v[] = {
    PAIR_EXPECTING("highway-log1p-exp-softplus", INFINITY, softplus,
         "actbench composition: max(x,0)+hwy::Log1p(hwy::Exp(-|x|)), no threshold",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_MONOTONE,
         WHY_EXP_NAN ", so softplus(NaN) = 0; Log1p(Exp(-|x|)) is not monotone in x (first -0x1.8832f8p+0) (measured)",
         AB_FAIL_NAN | AB_FAIL_NAN_CLASS | AB_FAIL_MONOTONE,
         WHY_EXP_NAN ", so softplus(NaN) = 0; Log1p(Exp(-|x|)) is not monotone in x (first -0x1.8dbca4011e8cdp-1) (measured)"),
};
AB_REGISTER_LIBRARY_VARIANTS("softplus", softplus_v, lib);

static const ab_variant elu_v[] = {
    PAIR("highway-expm1-elu", INFINITY, elu,
         "actbench composition, alpha=1: x<0 ? hwy::Expm1(x) : x"),
};
AB_REGISTER_LIBRARY_VARIANTS("elu", elu_v, lib);
