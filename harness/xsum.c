/* xsum.c: see xsum.h. */
#include "xsum.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MASK 0xffffffffu

void ab_xsum_init(ab_xsum *s) { memset(s, 0, sizeof *s); }

/* Every digit into [0, 2^32), carries upwards (all digits are sums of
 * nonnegative parts, so no borrows). */
static void carry(ab_xsum *s) {
    for (int i = 0; i + 1 < AB_XSUM_DIGITS; i++) {
        s->d[i + 1] += s->d[i] >> 32;
        s->d[i] &= MASK;
    }
    s->adds = 0;
}

void ab_xsum_add(ab_xsum *s, long double v) {
    if (!(v > 0)) return;
    if (isinf(v)) { s->inf = 1; return; }
    int e;
    long double m = frexpl(v, &e);              /* v = m 2^e, m in [1/2, 1) */
    uint64_t M = (uint64_t)ldexpl(m, 64);        /* exact: 64-bit significand */
    long b = (long)e - 64 - AB_XSUM_EMIN;        /* v = M 2^(b + EMIN) */
    if (b < 0) {
        if (b <= -64) return;
        M >>= -b;
        b = 0;
    }
    long i = b / 32;
    if (i + 2 >= AB_XSUM_DIGITS) { s->inf = 1; return; } /* beyond any ULP sum */
    unsigned __int128 t = (unsigned __int128)M << (b % 32);
    s->d[i] += (int64_t)(uint64_t)(t & MASK);
    s->d[i + 1] += (int64_t)(uint64_t)((t >> 32) & MASK);
    s->d[i + 2] += (int64_t)(uint64_t)(t >> 64);
    if (++s->adds >= 1u << 30) carry(s);
}

void ab_xsum_merge(ab_xsum *s, const ab_xsum *t) {
    ab_xsum u = *t;
    carry(&u);
    carry(s);
    for (int i = 0; i < AB_XSUM_DIGITS; i++) s->d[i] += u.d[i];
    s->adds = 1;
    s->inf |= u.inf;
}

long double ab_xsum_value(const ab_xsum *s) {
    if (s->inf) return INFINITY;
    ab_xsum u = *s;
    carry(&u);
    int t = AB_XSUM_DIGITS - 1;
    while (t > 0 && u.d[t] == 0) t--;
    int lo = t >= 2 ? t - 2 : 0;
    unsigned __int128 top = 0;
    for (int i = t; i >= lo; i--) top = top << 32 | (uint64_t)u.d[i];
    return ldexpl((long double)top, 32 * lo + AB_XSUM_EMIN);
}

void ab_xsum_print(FILE *f, const ab_xsum *s) {
    if (s->inf) { fputs("inf", f); return; }
    ab_xsum u = *s;
    carry(&u);
    int any = 0;
    for (int i = 0; i < AB_XSUM_DIGITS; i++)
        if (u.d[i]) {
            fprintf(f, "%s%d:%llx", any ? "," : "", i, (unsigned long long)u.d[i]);
            any = 1;
        }
    if (!any) fputc('0', f);
}

/* Strict: the canonical text only (what print writes): decimal indices
 * rising, each digit 1..ffffffff in lowercase hex without prefix,
 * leading zeros or blanks.  Digits below 2^32 keep the merge of many
 * parts within the int64 digits (a text digit near 2^62, merged from
 * three parts, overflowed).  print could write a top digit of 2^32 or
 * more only for a sum beyond 2^2240, far above any sum of ULP errors. */
int ab_xsum_parse(const char *text, ab_xsum *s) {
    ab_xsum_init(s);
    if (!strcmp(text, "inf")) { s->inf = 1; return 0; }
    if (!strcmp(text, "0")) return 0;
    const char *p = text;
    long last = -1;
    for (;;) {
        long i = 0;
        int nd = 0;
        const char *d0 = p;
        for (; *p >= '0' && *p <= '9' && nd < 4; p++, nd++) i = 10 * i + (*p - '0');
        if (!nd || (*d0 == '0' && nd > 1) || *p != ':' || i <= last || i >= AB_XSUM_DIGITS)
            return -1;
        if (*++p == '0') return -1; /* no leading zeros (nor a zero digit) */
        uint64_t v = 0;
        nd = 0;
        for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++, nd++)
            v = 16 * v + (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
        if (nd == 0 || nd > 8 || v == 0) return -1;
        s->d[i] = (int64_t)v;
        last = i;
        if (*p == 0) return 0;
        if (*p++ != ',') return -1;
    }
}
