/* elu_family.h: the input ranges and thresholds that elu, celu and selu
 * share.  All three are x (times a constant) for x >= 0 and a constant
 * times e^x - 1 for x < 0, so they have the same two places to look at:
 *  - the branch at 0, where a naive e^x - 1 cancels;
 *  - the saturation to -alpha (selu: -lambda alpha), where expm1(x)
 *    rounds to -1: below -0x1.154246p4 (-17.33, f32) /
 *    -0x1.2b708872320e2p5 (-37.43, f64), i.e. e^x < half an ulp of 1. */
#ifndef AB_IMPLS_ELU_FAMILY_H
#define AB_IMPLS_ELU_FAMILY_H
#include "../api/actbench.h"

#define AB_EXPM1_SAT_F32 -0x1.154246p4
#define AB_EXPM1_SAT_F64 -0x1.2b708872320e2p5

static const ab_range ab_elu_family_ranges[] = {
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"saturation", -20, -15, -40, -35},
};

/* The descriptor fields for those ranges and thresholds. */
#define AB_ELU_FAMILY_RANGES                                                  \
    .ranges = ab_elu_family_ranges, .n_ranges = AB_COUNT(ab_elu_family_ranges), \
    AB_THRESHOLDS32(0, AB_EXPM1_SAT_F32),               \
    AB_THRESHOLDS64(0, AB_EXPM1_SAT_F64)

#endif
