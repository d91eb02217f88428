/* inputs.h: deterministic, seeded inputs over ordinal (bit-pattern) ranges.
 *
 * The ordinal of a float is its position in value order (-0 just below +0),
 * so sampling an ordinal interval covers every binade in proportion to how
 * many numbers it holds. */
#ifndef AB_INPUTS_H
#define AB_INPUTS_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"

int64_t ab_ordinal(double x, ab_precision p);
double ab_from_ordinal(int64_t o, ab_precision p);
/* Number of representable values in [lo, hi] (lo <= hi, both finite). */
uint64_t ab_range_size(double lo, double hi, ab_precision p);

/* Fills out[0..n) with n inputs from [lo, hi]: every value when n covers
 * the range (returns the range size, which is then <= n; *exhaustive = 1),
 * else n jittered steps: sample i is uniform in the i-th of n equal ordinal
 * strata, drawn from a counter-based generator keyed by (seed, stream, i),
 * so the inputs do not depend on thread count or call order. */
size_t ab_range_inputs(double lo, double hi, ab_precision p, uint64_t seed,
                       uint64_t stream, size_t n, double *out, int *exhaustive);

/* The fixed special set: +-0, +-inf, NaN, +- smallest and largest
 * subnormal, +- smallest normal, +- largest finite, and each threshold
 * and its neighbours +-1 ulp.  Returns the count (at most
 * AB_SPECIAL_MAX), in a fixed order without duplicates. */
#define AB_SPECIAL_MAX (13 + 3 * AB_MAX_THRESHOLDS)
size_t ab_special_inputs(const ab_activation *a, ab_precision p, double *out);

uint64_t ab_hash_string(const char *s);
uint64_t ab_mix64(uint64_t z);
#endif
