/* test_skew.c -- the skewed-block drivers (impls/sigmoid_fast2_simd.c,
 * impls/tanh_fast2_simd.c: the exp half of block b+1 interleaved with the
 * rest of block b) give, for every n, offset and in place, exactly the bits
 * of their single-vector twins.  test_vector.c's calls stay at n <= 256
 * (one block at most), so the multi-block paths, the hand-over between the
 * two stack buffers, x == y over several blocks, and the sigmoid's blocks
 * with and without a subnormal-tail lane are checked here. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/registry.h"

static const struct { const char *act, *skew, *twin; } pairs[] = {
    {"sigmoid", "avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma-skew256", "avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma"},
    {"tanh", "avx512dq-odd9-rr1-lut32-p2-perm2-div-skew256", "avx512dq-odd9-rr1-lut32-p2-perm2-div"},
};

#define MAXN 4200

static uint32_t lcg(uint64_t *s) {
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 32);
}

/* mostly [-12, 12], and one in `every` a raw bit pattern (any float: NaN,
 * inf, subnormal, huge).  every = 8: nearly every block of 256 has a lane
 * of the sigmoid's tail x < -87; every = 1024: most blocks have none, so
 * both finishing loops of the sigmoid's skewed driver run. */
static void fill(float *x, size_t n, uint64_t seed, uint32_t every) {
    for (size_t i = 0; i < n; i++) {
        uint32_t r = lcg(&seed);
        if (r % every == 0) {
            uint32_t b = lcg(&seed);
            memcpy(&x[i], &b, 4);
        } else {
            x[i] = ((float)(r >> 8) / 16777216.0f) * 24.0f - 12.0f;
        }
    }
}

Test(vector, skewed_blocks_match_single_vector_twin) {
    static const size_t ns[] = {0, 1, 17, 255, 256, 257, 511, 512, 513, 767, 768, 1000, 1024, 1040, 4096, 4103};
    static float x[MAXN + 8], ref[MAXN + 8], y[MAXN + 8];
    int checked = 0;
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        const ab_activation *a = ab_find_activation(pairs[p].act);
        cr_assert(a, "%s: no such activation", pairs[p].act);
        const ab_variant *vs = ab_find_variant(a, pairs[p].skew, AB_F32);
        const ab_variant *vt = ab_find_variant(a, pairs[p].twin, AB_F32);
        cr_assert(vs && vt, "%s: %s or %s not registered", pairs[p].act, pairs[p].skew, pairs[p].twin);
        if (!ab_variant_available(vs) || !ab_variant_available(vt)) continue; /* no AVX-512 DQ here */
        ab_fn_f32 fs = (ab_fn_f32)vs->fn, ft = (ab_fn_f32)vt->fn;
        for (size_t k = 0; k < sizeof ns / sizeof *ns; k++)
            for (size_t off = 0; off <= 3; off += 3)
                for (int inplace = 0; inplace <= 1; inplace++) {
                    size_t n = ns[k];
                    fill(x + off, n, 0x5eed + 31 * k + off, k % 2 ? 1024 : 8);
                    ft(x + off, ref + off, n);
                    float *out = inplace ? x : y;
                    if (!inplace) memset(y, 0xA5, sizeof y);
                    fs(x + off, out + off, n);
                    for (size_t i = 0; i < n; i++)
                        cr_assert(memcmp(&out[off + i], &ref[off + i], 4) == 0,
                                  "%s/%s: n=%zu off=%zu %s: element %zu is %a, the twin gives %a",
                                  pairs[p].act, pairs[p].skew, n, off, inplace ? "in place" : "out of place",
                                  i, (double)out[off + i], (double)ref[off + i]);
                    if (!inplace)
                        for (size_t i = off + n; i < MAXN + 8; i++) {
                            uint32_t b;
                            memcpy(&b, &y[i], 4);
                            cr_assert(b == 0xA5A5A5A5u, "%s/%s: n=%zu off=%zu: wrote y[%zu] past the end",
                                      pairs[p].act, pairs[p].skew, n, off, i - off);
                        }
                    checked++;
                }
    }
    cr_log_info("%d skewed calls checked", checked);
}
