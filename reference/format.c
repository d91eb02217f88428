/* format.c: see format.h. */
#include "format.h"
#include <float.h>
#include <math.h>
#include <string.h>

static const ab_fmt_info table[AB_PRECISION_COUNT] = {
    [AB_F32] = {"f32", 24, -125, 128, 23, 4, 0x1.fffffep+127, 0x1p-126, 0x1p-149},
    [AB_F64] = {"f64", 53, -1021, 1024, 52, 8, DBL_MAX, 0x1p-1022, 0x1p-1074},
    [AB_BF16] = {"bf16", 8, -125, 128, 7, 2, 0x1.fep+127, 0x1p-126, 0x1p-133},
    [AB_F16] = {"f16", 11, -13, 16, 10, 2, 65504.0, 0x1p-14, 0x1p-24},
    [AB_BF16_F32] = {"bf16-f32", 24, -125, 128, 23, 4, 0x1.fffffep+127, 0x1p-126, 0x1p-149},
};

ab_precision ab_out_prec(ab_precision p) { return p == AB_BF16_F32 ? AB_F32 : p; }
ab_precision ab_in_prec(ab_precision p) { return p == AB_BF16_F32 ? AB_BF16 : p; }
const ab_fmt_info *ab_fmt(ab_precision p) { return &table[p]; }
int ab_is_half(ab_precision p) { return ab_in_prec(p) == AB_BF16 || p == AB_F16; }

static uint64_t dbits(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

static double from_dbits(uint64_t b) {
    double d;
    memcpy(&d, &b, 8);
    return d;
}

uint64_t ab_fmt_bits(double x, ab_precision fmt) {
    const ab_fmt_info *f = &table[fmt];
    if (fmt == AB_F64) return dbits(x);
    uint64_t b = dbits(x), s = b >> 63;
    int w = 8 * f->width, ebits = w - 1 - f->frac;
    uint64_t einf = ((uint64_t)1 << ebits) - 1;
    if (isnan(x))
        return s << (w - 1) | einf << f->frac | ((b >> (52 - f->frac)) & (((uint64_t)1 << f->frac) - 1));
    if (fmt == AB_F32) {
        float v = (float)x;
        uint32_t u;
        memcpy(&u, &v, 4);
        return u;
    }
    if (fmt == AB_BF16) return ab_bf16_from_f32((float)x).bits; /* exact: x is a bf16 */
    return ab_f16_from_f32((float)x).bits;
}

double ab_fmt_from_bits(uint64_t b, ab_precision fmt) {
    const ab_fmt_info *f = &table[fmt];
    if (fmt == AB_F64) return from_dbits(b);
    int w = 8 * f->width, ebits = w - 1 - f->frac;
    uint64_t einf = ((uint64_t)1 << ebits) - 1, s = (b >> (w - 1)) & 1;
    uint64_t m = b & (((uint64_t)1 << f->frac) - 1);
    if (((b >> f->frac) & einf) == einf && m)
        return from_dbits(s << 63 | (uint64_t)0x7ff << 52 | m << (52 - f->frac));
    if (fmt == AB_F32) {
        uint32_t u = (uint32_t)b;
        float v;
        memcpy(&v, &u, 4);
        return v;
    }
    if (fmt == AB_BF16) return ab_bf16_to_f32((ab_bf16){(uint16_t)b});
    return ab_f16_to_f32((ab_f16){(uint16_t)b});
}

/* Rounding x (a double) straight into the format: one rounding.  Through
 * f32 first would round twice; instead the low bits are judged on the
 * double's own bits below the target's last place. */
double ab_fmt_round(double x, ab_precision fmt) {
    const ab_fmt_info *f = &table[fmt];
    if (fmt == AB_F64) return x;
    if (isnan(x)) return ab_fmt_from_bits(ab_fmt_bits(x, fmt), fmt);
    if (fmt == AB_F32) return (float)x;
    if (isinf(x) || x == 0) return x;
    int e;
    frexp(x, &e);                                  /* 2^(e-1) <= |x| < 2^e */
    long qe = (e > f->emin ? e : f->emin) - f->p;  /* ulp exponent */
    double q = ldexp(1.0, (int)qe), m = x / q;     /* exact scaling */
    double r = nearbyint(m);                       /* default mode: ties to even */
    double y = r * q;
    if (fabs(y) >= ldexp(1.0, (int)f->emax)) return copysign(INFINITY, x);
    return y;
}
