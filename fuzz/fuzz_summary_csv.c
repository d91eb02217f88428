/* fuzz_summary_csv.c: the readers behind recommend and report
 * (ab_summary_load): the accuracy CSV, the throughput CSV and the
 * exhaustive CSV together.  The input is split at lines "====": accuracy,
 * then throughput, then exhaustive (missing parts: no such file). */
#include "fuzz.h"
#include "../harness/recommend.h"

static const uint8_t *split(const uint8_t *p, const uint8_t *end, size_t *len) {
    static const char sep[] = "\n====\n";
    for (const uint8_t *q = p; q + 6 <= end; q++)
        if (!memcmp(q, sep, 6)) { *len = (size_t)(q - p) + 1; return q + 6; }
    *len = (size_t)(end - p);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *end = data + size, *p = data;
    const char *paths[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3 && p; k++) {
        size_t len;
        const uint8_t *next = split(p, end, &len);
        paths[k] = fuzz_file(k, p, len);
        p = next;
    }
    char err[1024];
    ab_summary s;
    FUZZ_TRY {
        if (ab_summary_load(&s, paths[0], paths[1], paths[2], err, sizeof err) == 0) {
            for (size_t i = 0; i < s.n; i++) {
                char buf[512];
                (void)ab_vsummary_verdict(&s.v[i], buf, sizeof buf);
                (void)ab_vsummary_evidence(&s.v[i]);
            }
            if (s.n) {
                /* ties (timings from the CSV), margins and none's reasons */
                for (double u = 0.25; u <= 64; u *= 16) {
                    ab_recommendation r = ab_recommend(&s, s.v[0].activation, s.v[0].precision, u);
                    char buf[2048];
                    ab_recommendation_text(&s, &r, u, buf, sizeof buf);
                    ab_recommendation_margin(&s, &r, buf, sizeof buf);
                    ab_recommendation_why_not(&s, &r, u, buf, sizeof buf);
                }
            }
            ab_summary_free(&s);
        }
    }
    FUZZ_END;
    return 0;
}
