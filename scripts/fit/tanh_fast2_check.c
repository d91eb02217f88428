/* tanh_fast2_check.c -- every f32 input through impls/tanh_fast2_simd.c's
 * skewed kernel (the single-vector one gives the same bits: the vector test
 * skewed_blocks_match_single_vector_twin), against libm's double tanh (its
 * error, < 1 double ulp, is 2^-29 of an f32 ulp): the max error in f32 ulps
 * (ulp of the exact value's binade, 2^-149 at the bottom, as actbench's
 * metric), NaN in -> NaN out, +-inf -> +-1, tanh(-0) = -0, |y| <= 1, odd
 * bit for bit.  A stand-alone check for when `actbench sweep --exhaustive`
 * does not fit in the time (it is the authoritative one).
 *
 *   gcc -O2 -std=c17 -D_GNU_SOURCE -I impls -I . -o /tmp/tanh_fast2_check scripts/fit/tanh_fast2_check.c -lm
 *   /tmp/tanh_fast2_check */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/actbench.h" /* via impls/../api */

static int n_registered;
int ab_register_variant(const char *op, const ab_variant *v) { (void)op; (void)v; n_registered++; return 0; }

#include "tanh_fast2_simd.c"

#define CH (1u << 20)

int main(void) {
    static float x[CH], y[CH];
    double mx = 0;
    uint32_t worst = 0;
    unsigned long long bad_nan = 0, bad_inf = 0, bad_range = 0, bad_odd = 0, bad_zero = 0;
    for (uint64_t base = 0; base < (1ull << 32); base += CH) {
        for (uint32_t i = 0; i < CH; i++) {
            uint32_t b = (uint32_t)(base + i);
            memcpy(&x[i], &b, 4);
        }
        tanhf2_skew256(x, y, CH);
        for (uint32_t i = 0; i < CH; i++) {
            float xi = x[i], yi = y[i];
            if (isnan(xi)) { bad_nan += !isnan(yi); continue; }
            if (isinf(xi)) { bad_inf += yi != (xi > 0 ? 1.0f : -1.0f); continue; }
            if (isnan(yi) || fabsf(yi) > 1.0f) { bad_range++; continue; }
            if (xi == 0) { bad_zero += memcmp(&xi, &yi, 4) != 0; continue; }
            if (xi < 0) continue; /* odd: checked below on the positive half */
            double r = tanh((double)xi);
            int e;
            frexp(r, &e);
            double u = ldexp(1.0, (e - 24) < -149 ? -149 : e - 24);
            double err = fabs((double)yi - r) / u;
            if (err > mx) { mx = err; memcpy(&worst, &xi, 4); }
        }
        if (base >> 31) { /* negative half: the same bits as the positive one, sign flipped */
            static float xp[CH], yp[CH];
            for (uint32_t i = 0; i < CH; i++) xp[i] = -x[i];
            tanhf2_skew256(xp, yp, CH);
            for (uint32_t i = 0; i < CH; i++) {
                if (isnan(x[i])) continue;
                float ny = -yp[i];
                bad_odd += memcmp(&ny, &y[i], 4) != 0;
            }
        }
    }
    float wf;
    memcpy(&wf, &worst, 4);
    printf("tanh avx512dq-odd9-rr1-lut32-p2-perm2-div-skew256: every f32 input: max %.4f ulp at %a; "
           "failures: nan %llu, inf %llu, range %llu, zero-sign %llu, odd %llu\n",
           mx, (double)wf, bad_nan, bad_inf, bad_range, bad_zero, bad_odd);
    return n_registered != 2;
}
