/* test_xsum.c: the exact sums of harness/xsum.h against MPFR.
 *
 * The expected sum is computed independently: every addend truncated to a
 * multiple of 2^AB_XSUM_EMIN (xsum.h: bits below it are dropped, per
 * addend), added in MPFR with 4096 bits (the addends lie in
 * [2^-1408, 2^2112), so every partial sum spans fewer than 3520 bits from
 * 2^EMIN = 2^-1344: each addition is exact, which the test checks through
 * MPFR's ternary value).  ab_xsum_value is documented as the sum "rounded
 * to long double (truncated below its top 96 bits)": the digits are
 * 32 bits of weight 2^(32 i + EMIN), so the expected value is the exact
 * sum truncated below the top three digits (t, t - 1, t - 2 for the top
 * nonzero digit t), then rounded to nearest long double.
 * Addends: 64-bit significands (long double) with exponents spread over
 * the whole range (the ULP errors of both precisions, 2^-1408 .. 2^2100),
 * some below 2^EMIN (dropped entirely or in part). */
#include <criterion/criterion.h>
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/xsum.h"

TestSuite(xsum, .timeout = 60);

#define PREC 4096

static uint64_t rng = 0x243f6a8885a308d3u;
static uint64_t next(void) { /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1du;
}

/* A positive long double with a random 64-bit significand and an exponent
 * in [elo, ehi). */
static long double rand_ld(int elo, int ehi) {
    uint64_t m = next() | (1ull << 63);
    int e = elo + (int)(next() % (uint64_t)(ehi - elo));
    return ldexpl((long double)m, e - 64);
}

/* x truncated to a multiple of 2^EMIN, added to acc exactly. */
static void exact_add(mpfr_t acc, long double x) {
    mpfr_t t;
    mpfr_init2(t, PREC);
    cr_assert_eq(mpfr_set_ld(t, x, MPFR_RNDN), 0);
    mpfr_mul_2si(t, t, -AB_XSUM_EMIN, MPFR_RNDN);
    mpfr_rint_floor(t, t, MPFR_RNDN);
    mpfr_mul_2si(t, t, AB_XSUM_EMIN, MPFR_RNDN);
    cr_assert_eq(mpfr_add(acc, acc, t, MPFR_RNDN), 0, "an inexact reference sum");
    mpfr_clear(t);
}

/* The documented value of an exact sum s (>= 0, finite). */
static long double documented_value(const mpfr_t s) {
    if (mpfr_zero_p(s)) return 0;
    mpfr_t t;
    mpfr_init2(t, PREC);
    /* s in [2^(E-1), 2^E): the top bit has weight 2^(E-1), in digit
     * floor((E - 1 - EMIN) / 32). */
    long E = mpfr_get_exp(s);
    long top = (E - 1 - AB_XSUM_EMIN) / 32;
    long lo = top >= 2 ? top - 2 : 0;
    long w = 32 * lo + AB_XSUM_EMIN;
    mpfr_mul_2si(t, s, -w, MPFR_RNDN);
    mpfr_rint_floor(t, t, MPFR_RNDN);
    mpfr_mul_2si(t, t, w, MPFR_RNDN);
    long double v = mpfr_get_ld(t, MPFR_RNDN);
    mpfr_clear(t);
    return v;
}

static char *text(const ab_xsum *s) {
    char *b = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&b, &n);
    ab_xsum_print(f, s);
    fclose(f);
    return b;
}

static int same_ld(long double a, long double b) {
    /* 80-bit values: compare the 10 bytes of value (not the padding). */
    return memcmp(&a, &b, 10) == 0;
}

#define N 3000

/* One sum of N addends in order, the same in shuffled groups merged in
 * several tree shapes: the same text and value bits, equal to MPFR's. */
Test(xsum, groupings_and_orders_agree_with_mpfr) {
    static long double v[N];
    for (int round = 0; round < 8; round++) {
        /* Rounds 0-3: every magnitude; 4-5: a narrow band (many carries
         * into the same digits); 6-7: mostly below 2^EMIN. */
        for (size_t i = 0; i < N; i++)
            v[i] = round < 4   ? rand_ld(-1408, 2100)
                   : round < 6 ? rand_ld(40, 44)
                               : rand_ld(-1420, -1300);
        mpfr_t ref;
        mpfr_init2(ref, PREC);
        mpfr_set_zero(ref, 1);
        for (size_t i = 0; i < N; i++) exact_add(ref, v[i]);

        ab_xsum seq;
        ab_xsum_init(&seq);
        for (size_t i = 0; i < N; i++) ab_xsum_add(&seq, v[i]);
        char *want_text = text(&seq);
        long double want = documented_value(ref);
        long double got = ab_xsum_value(&seq);
        cr_expect(same_ld(got, want), "round %d: value %La, MPFR's documented value %La", round,
                  got, want);

        for (int shape = 0; shape < 6; shape++) {
            /* shuffle */
            for (size_t i = N - 1; i > 0; i--) {
                size_t j = next() % (i + 1);
                long double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
            /* random groups */
            enum { G = 17 };
            ab_xsum g[G];
            for (int k = 0; k < G; k++) ab_xsum_init(&g[k]);
            for (size_t i = 0; i < N; i++) ab_xsum_add(&g[next() % G], v[i]);
            ab_xsum total;
            ab_xsum_init(&total);
            if (shape % 3 == 0) { /* left fold */
                for (int k = 0; k < G; k++) ab_xsum_merge(&total, &g[k]);
            } else if (shape % 3 == 1) { /* right fold: g[k] += g[k+1..] */
                for (int k = G - 2; k >= 0; k--) ab_xsum_merge(&g[k], &g[k + 1]);
                total = g[0];
            } else { /* pairwise tree, then a merge into a nonempty sum */
                for (int step = 1; step < G; step *= 2)
                    for (int k = 0; k + step < G; k += 2 * step) ab_xsum_merge(&g[k], &g[k + step]);
                ab_xsum_add(&total, 0); /* nothing */
                ab_xsum_merge(&total, &g[0]);
            }
            char *t = text(&total);
            cr_expect_str_eq(t, want_text, "round %d shape %d: another sum", round, shape);
            cr_expect(same_ld(ab_xsum_value(&total), want), "round %d shape %d: value %La, want %La",
                      round, shape, ab_xsum_value(&total), want);
            free(t);
        }
        free(want_text);
        mpfr_clear(ref);
    }
}

/* The periodic carry (every 2^30 additions, xsum.h): a sum whose counter
 * is near the threshold still adds up to MPFR's. */
Test(xsum, carry_pass_keeps_the_sum) {
    ab_xsum s;
    ab_xsum_init(&s);
    s.adds = (1u << 30) - 5;
    mpfr_t ref;
    mpfr_init2(ref, PREC);
    mpfr_set_zero(ref, 1);
    for (int i = 0; i < 64; i++) {
        long double x = rand_ld(60, 64); /* 2^64 - 1 in each digit run */
        ab_xsum_add(&s, x);
        exact_add(ref, x);
    }
    cr_expect(same_ld(ab_xsum_value(&s), documented_value(ref)));
    mpfr_clear(ref);
}

/* Known values by hand: small integers are exact; the truncation below
 * the top three digits is visible on a tie.  2^351 + 2^287 + 2^156:
 * 351 + 1344 = 1695 = 32 x 52 + 31, so the top digit is 52 and the value
 * keeps digits 50..52, i.e. bits from 2^(32 x 50 - 1344) = 2^256: 2^156 is
 * dropped, and 2^351 + 2^287 is a tie between 2^351 and 2^351 + 2^288
 * (ulp 2^288 at 2^351), rounded to even: 2^351 (the exact sum would round
 * up). */
Test(xsum, known_values) {
    ab_xsum s;
    ab_xsum_init(&s);
    cr_expect_eq(ab_xsum_value(&s), 0.0L);
    for (int i = 1; i <= 100; i++) ab_xsum_add(&s, (long double)i);
    cr_expect_eq(ab_xsum_value(&s), 5050.0L);
    ab_xsum_add(&s, 0.5L);
    ab_xsum_add(&s, 0.25L);
    cr_expect_eq(ab_xsum_value(&s), 5050.75L);
    ab_xsum_add(&s, 0.0L); /* zero adds nothing */
    cr_expect_eq(ab_xsum_value(&s), 5050.75L);
    /* below 2^EMIN: dropped */
    ab_xsum_add(&s, ldexpl(1, AB_XSUM_EMIN - 1));
    cr_expect_eq(ab_xsum_value(&s), 5050.75L);

    ab_xsum t;
    ab_xsum_init(&t);
    ab_xsum_add(&t, ldexpl(1, 351));
    ab_xsum_add(&t, ldexpl(1, 287));
    ab_xsum_add(&t, ldexpl(1, 156));
    cr_expect_eq(ab_xsum_value(&t), ldexpl(1, 351), "got %La", ab_xsum_value(&t));
    ab_xsum u;
    ab_xsum_init(&u);
    ab_xsum_add(&u, ldexpl(1, 351));
    ab_xsum_add(&u, ldexpl(1, 287));
    ab_xsum_add(&u, ldexpl(1, 256)); /* kept: above the tie */
    cr_expect_eq(ab_xsum_value(&u), ldexpl(1, 351) + ldexpl(1, 288), "got %La",
                 ab_xsum_value(&u));
}

/* +inf makes the sum infinite, through adds and merges, in text too. */
Test(xsum, infinity) {
    ab_xsum a, b;
    ab_xsum_init(&a);
    ab_xsum_init(&b);
    ab_xsum_add(&a, 3.0L);
    ab_xsum_add(&b, 1.0L);
    ab_xsum_add(&b, INFINITY);
    ab_xsum_add(&b, 2.0L);
    cr_expect(isinf(ab_xsum_value(&b)) && ab_xsum_value(&b) > 0);
    char *tb = text(&b);
    cr_expect_str_eq(tb, "inf");
    free(tb);
    ab_xsum c = a;
    ab_xsum_merge(&c, &b); /* finite + inf */
    cr_expect(isinf(ab_xsum_value(&c)));
    ab_xsum d = b;
    ab_xsum_merge(&d, &a); /* inf + finite */
    cr_expect(isinf(ab_xsum_value(&d)));
    ab_xsum e;
    cr_assert_eq(ab_xsum_parse("inf", &e), 0);
    cr_expect(isinf(ab_xsum_value(&e)));
    ab_xsum_merge(&a, &e);
    cr_expect(isinf(ab_xsum_value(&a)));
}

/* Text: print, parse, print gives the same text and the same sum; parsed
 * sums merge as the originals do. */
Test(xsum, print_parse_round_trip) {
    for (int round = 0; round < 200; round++) {
        ab_xsum s, t;
        ab_xsum_init(&s);
        int n = (int)(next() % 40);
        for (int i = 0; i < n; i++) ab_xsum_add(&s, rand_ld(-1408, 2100));
        char *a = text(&s);
        cr_assert_eq(ab_xsum_parse(a, &t), 0, "'%s' not parsed back", a);
        char *b = text(&t);
        cr_expect_str_eq(a, b);
        cr_expect(same_ld(ab_xsum_value(&s), ab_xsum_value(&t)));
        ab_xsum s2 = s, t2 = t;
        ab_xsum_merge(&s2, &s);
        ab_xsum_merge(&t2, &t);
        char *c = text(&s2), *d = text(&t2);
        cr_expect_str_eq(c, d);
        free(a);
        free(b);
        free(c);
        free(d);
    }
    ab_xsum z;
    cr_assert_eq(ab_xsum_parse("0", &z), 0);
    cr_expect_eq(ab_xsum_value(&z), 0.0L);
    char *tz = text(&z);
    cr_expect_str_eq(tz, "0");
    free(tz);
    /* A hand-made text: digit 42 = 1 is 2^(32 x 42 - 1344) = 1; digit 41
     * = 0x80000000 is 2^31 x 2^-32 = 1/2. */
    cr_assert_eq(ab_xsum_parse("41:80000000,42:1", &z), 0);
    cr_expect_eq(ab_xsum_value(&z), 1.5L);
}

Test(xsum, parse_rejects_malformed_text) {
    static const char *bad[] = {
        "", " ", "1", ":1", "1:", "1:g", "1:0", "-1:1", "112:1", "1000:1", "2:1,1:1", "1:1,1:1",
        "1:1,", ",1:1", "1:1;2:1", "1:1 ", " 1:1", "1:-1", "1:+1", "1:0x1", "1:1x", "Inf",
        "inf ", "infinity", "nan", "0 ", "00", "1:4000000000000000", "1:ffffffffffffffffff",
        "1:1,,2:1", "1::1", "a:1",
        /* not canonical: leading zeros, digits of 2^32 or more */
        "01:1", "1:01", "0001:1", "1:100000000", "111:3fffffffffffffff", "1:A",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ab_xsum s;
        cr_expect_eq(ab_xsum_parse(bad[i], &s), -1, "'%s' was accepted", bad[i]);
    }
}

/* Canonical digits are below 2^32: the largest, in the top digit, merged
 * from many parts (as merge folds a row over thousands of shards) stays
 * exact.  (A parsed top digit near 2^62 overflowed the int64 digit after
 * three merges: now refused by parse, above.) */
Test(xsum, top_digits_merge_without_overflow) {
    ab_xsum one, total;
    cr_assert_eq(ab_xsum_parse("110:ffffffff,111:ffffffff", &one), 0);
    ab_xsum_init(&total);
    for (int k = 0; k < 4096; k++) ab_xsum_merge(&total, &one);
    /* 4096 (2^64 - 1) 2^(32 x 110 - 1344) = (2^76 - 2^12) 2^2176 */
    long double want = ldexpl(ldexpl(1, 76) - 4096, 32 * 110 + AB_XSUM_EMIN);
    cr_expect_eq(ab_xsum_value(&total), want, "got %La, want %La", ab_xsum_value(&total), want);
}
