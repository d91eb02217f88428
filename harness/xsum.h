/* xsum.h: an exact sum of nonnegative long doubles, so that a row's sum of
 * ULP errors is the same bits however its segments were grouped: one
 * process, any thread count, or shards merged later (ab_acc_merge folds
 * the segments' sums into it exactly, and exact addition is associative).
 *
 * The sum is a fixed-point number with 32-bit digits of weight
 * 2^(32 i + AB_XSUM_EMIN), held in int64 so that digits absorb 2^30
 * additions before carries must be propagated.  Bits of an addend below
 * 2^AB_XSUM_EMIN are dropped (deterministically: they depend on the addend
 * alone); an infinite addend makes the sum infinite.  The largest finite
 * ULP error is below 2^2100 (f64: 2^1024 over the smallest ulp 2^-1074), so
 * sums of up to 2^100 of them fit below 2^(32 AB_XSUM_DIGITS + EMIN). */
#ifndef AB_XSUM_H
#define AB_XSUM_H
#include <stdint.h>
#include <stdio.h>

#define AB_XSUM_EMIN (-1344)
#define AB_XSUM_DIGITS 112

typedef struct {
    int64_t d[AB_XSUM_DIGITS];
    uint32_t adds;          /* additions since the last carry pass */
    uint8_t inf;
} ab_xsum;

void ab_xsum_init(ab_xsum *s);
void ab_xsum_add(ab_xsum *s, long double v);          /* v >= 0 or +inf */
void ab_xsum_merge(ab_xsum *s, const ab_xsum *t);
/* The sum rounded to long double (truncated below its top 96 bits). */
long double ab_xsum_value(const ab_xsum *s);
/* Text form (canonical digits: "inf", "0", or "i:hex,i:hex,...", each digit
 * below 2^32), for the shards' partial files; parse returns 0, or -1 for a
 * malformed text (anything print does not write). */
void ab_xsum_print(FILE *f, const ab_xsum *s);
int ab_xsum_parse(const char *text, ab_xsum *s);
#endif
