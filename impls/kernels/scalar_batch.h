/* scalar_batch.h: lifts a pair of scalar functions stem_f32 / stem_f64 to
 * the batch functions stem_f32_batch / stem_f64_batch (api/actbench.h's
 * AB_BATCH_F32 / AB_BATCH_F64: one call per element, in order). */
#ifndef AB_KERNELS_SCALAR_BATCH_H
#define AB_KERNELS_SCALAR_BATCH_H

#include "../../api/actbench.h"

#define AB_BATCH_PAIR(stem)                                                             \
    AB_BATCH_F32(stem##_f32_batch, stem##_f32)                                          \
    AB_BATCH_F64(stem##_f64_batch, stem##_f64)

#endif /* AB_KERNELS_SCALAR_BATCH_H */
