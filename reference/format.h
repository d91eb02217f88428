/* format.h: the four number formats (f32, f64, bfloat16, binary16) and the
 * precisions built from them (api/actbench.h: a precision reads its input
 * format and writes its output format).  Every format-dependent constant
 * of the engine comes from this one table.
 *
 * Inside the engine a value of any format travels as a double, which
 * holds each exactly; a NaN keeps its sign, quiet bit and payload in the
 * double's leading fraction bits (as the hardware's widening places
 * them), so that a signalling NaN input survives the round trip. */
#ifndef AB_FORMAT_H
#define AB_FORMAT_H
#include "../api/actbench.h"
#include <stdint.h>

typedef struct {
    const char *name;  /* "f32", "f64", "bf16", "f16", "bf16-f32" */
    int p;             /* precision in bits */
    long emin;         /* smallest normal 2^(emin-1) (MPFR's convention) */
    long emax;         /* largest finite below 2^emax */
    int frac;          /* stored fraction bits */
    int width;         /* bytes per element */
    double max_finite, min_normal, min_sub;
} ab_fmt_info;

/* The output (input) format of a precision: a pure format for itself. */
ab_precision ab_out_prec(ab_precision p);
ab_precision ab_in_prec(ab_precision p);
/* The table entry (bf16-f32: f32's numbers under its own name). */
const ab_fmt_info *ab_fmt(ab_precision p);
/* 1 for a precision whose input format is 16 bits wide. */
int ab_is_half(ab_precision p);
/* x rounded to nearest-even into the (pure) format, gradual underflow
 * and overflow to infinity; a NaN as in ab_fmt_bits. */
double ab_fmt_round(double x, ab_precision fmt);
/* The bit pattern of x, a value of the (pure) format; and back. */
uint64_t ab_fmt_bits(double x, ab_precision fmt);
double ab_fmt_from_bits(uint64_t b, ab_precision fmt);
#endif
