/* d_celu.c: celu'(x) = 1 for x > 0, e^(x/alpha) for x <= 0, alpha = 1
 * (impls/celu.c).  PyTorch computes celu as elu(x, alpha, scale = 1,
 * input_scale = 1/alpha) and differentiates it with elu_backward; with
 * alpha = 1 that is elu' everywhere, +-0 (both branches give 1), the
 * infinities and NaN included, so the reference is d_elu's. */
#include "d_celu.h"
#include "d_elu.h"

long ab_ref_d_celu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    return ab_ref_d_elu(y, x, p, tmp);
}
