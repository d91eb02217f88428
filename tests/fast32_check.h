/* fast32_check.h: certification of a fast tier against the MPFR path. */
#ifndef AB_TEST_FAST32_CHECK_H
#define AB_TEST_FAST32_CHECK_H
#include <stddef.h>
#include "../api/actbench.h"

typedef struct {
    size_t inputs, decided, fallbacks, near_midpoint;
} ab_fast32_stats;

/* Checks the fast tier of activation `name` on n seeded inputs (any finite
 * float by bit pattern, the core [-10, 10], the neighbourhood of each
 * declared threshold, the special set) plus inputs whose value lies within
 * 2^-8 ulp of an f32 rounding midpoint (found by scanning the fast tier,
 * n/8 of them when that many exist among 64 n candidates).  For each
 * input: the tier's bound must hold against the MPFR value, and a decided
 * rounding must equal the MPFR path's bit for bit.  Failures are Criterion
 * expectations naming the input in hex.  Returns the counts. */
ab_fast32_stats ab_fast32_check(const char *name, size_t n);
/* The same checks on one input, counted into *s. */
struct ab_ref_ctx;
void ab_fast32_check_one(const ab_activation *a, struct ab_ref_ctx *ctx, double x,
                         ab_fast32_stats *s);
#endif
