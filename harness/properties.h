/* properties.h: the property checks declared beside each activation
 * (ab_activation.props, api/actbench.h): output range, monotonicity,
 * symmetry, and the NaN and infinity classes every activation gets.
 *
 * Each property has a count of checked inputs, a count of violations and
 * the first violating input (lowest index, so the same for any thread
 * count: accumulators are merged in input order).
 *   range      an input whose output (not NaN) is outside [lo, hi];
 *   monotone   an input x whose output is above (nondecreasing) or below
 *              (nonincreasing) the output of the next number after x;
 *   symmetry   an input x for which the declared identity between f(x)
 *              and f(-x) fails (both outputs not NaN; for AB_SYM_SUM and
 *              AB_SYM_DIFF_X both finite and x finite);
 *   nan_class  a NaN input (quiet or signalling, either sign, several
 *              payloads) whose output is not NaN;
 *   inf_class  +-inf whose output is not the reference's limit, bitwise. */
#ifndef AB_PROPERTIES_H
#define AB_PROPERTIES_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "../reference/format.h"

typedef enum {
    AB_PROP_RANGE = 0,
    AB_PROP_MONOTONE,
    AB_PROP_SYMMETRY,
    AB_PROP_NAN_CLASS,
    AB_PROP_INF_CLASS,
    AB_PROP_COUNT
} ab_prop;

/* "range", "monotone", "symmetry", "nan_class", "inf_class". */
const char *ab_prop_name(ab_prop k);

typedef struct {
    uint64_t checked[AB_PROP_COUNT], violations[AB_PROP_COUNT];
    double first[AB_PROP_COUNT];  /* valid when violations > 0 */
} ab_props_acc;

void ab_props_init(ab_props_acc *p);
/* Adds b, whose inputs all come after a's. */
void ab_props_merge(ab_props_acc *a, const ab_props_acc *b);

/* The NaN classes of format p: 6 patterns (quiet: default payload,
 * payload 1, all ones; signalling: payload 1, the payload's top bit, all
 * ones) of each sign, as doubles.  An f32 class is held as the double
 * with the same sign, quiet bit and payload (widened bit by bit, since a
 * conversion would quiet it); ab_narrow_f32 gives back its bits. */
#define AB_NAN_CLASSES 12
void ab_nan_classes(ab_precision p, double *out);
/* (float)x, except that a NaN keeps its sign, quiet bit and the top 22
 * payload bits (a conversion quiets a signalling NaN). */
float ab_narrow_f32(double x);

/* A sampled job's checks: inputs x[0..n) of format p, the variant's
 * outputs y.  Runs v once more, on the inputs the checks need (the next
 * number after each x for a monotone activation, -x for a symmetric one;
 * with limits, the NaN classes and +-inf, whose reference results are
 * limits[0] at -inf and limits[1] at +inf).  A plugin variant runs in a
 * child; outputs it did not return are not checked. */
void ab_props_check(const ab_activation *a, const ab_variant *v, ab_precision p,
                    const double *x, const double *y, size_t n, const double *limits,
                    ab_props_acc *out);

/* The f32 exhaustive path: a block of inputs x[0..n) that are consecutive
 * floats (ordinal order), outputs y, and ym the outputs at -x (NULL when
 * the activation declares no symmetry).  Checks range, symmetry, and
 * monotonicity on every adjacent pair inside the block. */
void ab_props_block_f32(const ab_activation *a, const ab_variant *v, const float *x,
                        const float *y, const float *ym, size_t n, ab_props_acc *out);
/* The ulp of a finite output y in format F, as the symmetry check scales
 * its tolerance: 2^(max(e, emin) - p) for 2^(e-1) <= |y| < 2^e; ulp(0) is
 * the smallest subnormal. */
double ab_ulp_of(double y, const ab_fmt_info *F);
/* The monotone pair across two blocks: x the last input of one, y0 its
 * output, y1 the output of the next float (the next block's first). */
void ab_props_pair_f32(const ab_activation *a, float x, float y0, float y1, ab_props_acc *out);

/* What the activation declares, for the CSV: "range [-1, 1]; nondecreasing;
 * odd" (bounds with enough digits to read back in format p); "" when
 * nothing. */
void ab_props_describe(const ab_activation *a, ab_precision p, char *buf, size_t len);
/* A first violating input: "%a", or for a NaN "nan:0x" and its bits in
 * format p. */
void ab_props_format_input(double x, ab_precision p, char *buf, size_t len);
#endif
