/* test_names.c: the safe-name rule (names.h), one-line quoting of file
 * values, the comma-list splitter (cli.h), and the report with hostile
 * strings in every text column. */
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "subprocess.h"
#include "../harness/cli.h"
#include "../harness/names.h"
#include "../harness/registry.h"

Test(names, rule) {
    const char *good[] = {"relu", "avx512-rr1-p6-div", "gelu_tanh", "x.y+z", "_a", "9a"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        cr_expect(ab_name_ok(good[i]), "%s", good[i]);
    const char *bad[] = {"", ".", "..", "../x", "a/b", ".hidden", "-o", "+x", "<script>",
                         "a b", "a\"b", "a'b", "a&b", "re\nlu", "a\\b", "\xc3\xa9",
                         "a123456789b123456789c123456789d123456789e123456789f123456789g1234"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect(!ab_name_ok(bad[i]), "%s", bad[i]);
    cr_expect(ab_name_ok("a123456789b123456789c123456789d123456789e123456789f123456789g123"));
}

/* Every built-in name is in the set: the rule rejects no real result. */
Test(names, every_builtin_name_is_valid) {
    cr_assert_gt(ab_op_count(), 0);
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *op = ab_op_at(i);
        cr_expect(ab_name_ok(op->name), "%s", op->name);
        for (size_t k = 0; k < op->n_variants; k++)
            cr_expect(ab_name_ok(op->variants[k].name), "%s/%s", op->name, op->variants[k].name);
    }
}

Test(names, message_quote_is_one_line) {
    char q[256];
    cr_expect_str_eq(ab_msg_quote("re\nlu\x01", q, sizeof q), "re\\x0alu\\x01");
    char longs[300];
    memset(longs, 'x', sizeof longs - 1);
    longs[sizeof longs - 1] = 0;
    ab_msg_quote(longs, q, sizeof q);
    cr_expect_eq(strlen(q), 63);
    cr_expect(!strchr(q, '\n'));
}

Test(names, parse_keeps_empty_items) {
    ab_filter f;
    ab_parse_names("4K,,8K", &f);
    cr_assert_eq(f.n, 3);
    cr_expect_str_eq(f.names[0], "4K");
    cr_expect_str_eq(f.names[1], "");
    cr_expect_str_eq(f.names[2], "8K");
    free(f.names);
    ab_parse_names("", &f);
    cr_assert_eq(f.n, 1);
    cr_expect_str_eq(f.names[0], "");
    free(f.names);
    ab_parse_names("a,", &f);
    cr_expect_eq(f.n, 2);
    free(f.names);
}

/* The owner's free(names) frees everything (the copy used to leak:
 * cli.c's strdup, issue 12). */
Test(names, parse_then_free_releases_all) {
    ab_filter f;
    ab_parse_names("warm,up", &f);
    free(f.names);
    size_t before = mallinfo2().uordblks;
    for (int i = 0; i < 1000; i++) {
        ab_parse_names("sigmoid,tanh,a-much-longer-name-than-the-others,relu", &f);
        free(f.names);
    }
    cr_expect_eq(mallinfo2().uordblks, before, "%zu bytes still allocated",
                 mallinfo2().uordblks - before);
}

/* Strings other than the names (strategy, isa, status, formula, the
 * environment, the throughput and special-value cells) reach the page
 * escaped: a hostile accuracy CSV adds no markup. */
Test(names, report_escapes_every_csv_string, .timeout = 120) {
    char *dir = ab_make_tmpdir();
    char *acc = ab_path_join(dir, "acc.csv"), *bad = ab_path_join(dir, "bad.csv"),
         *html = ab_path_join(dir, "r.html");
    const char *sweep[] = {"sweep", "--quiet", "--activation", "relu", "--range", "special",
                           "--samples", "16", "-o", acc, NULL};
    ab_proc p = ab_run_actbench(sweep);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    /* Every text column outside the keys gets the payload. */
    static const char payload[] = "<b id=pwn>x</b>\"'&";
    const char *cols[] = {"strategy", "isa", "status", "formula", "description", "properties",
                          "expected_failure", "env_compiler", "env_cpu_model", "env_commit",
                          "env_cflags", "worst_row", "neg_inf_row_policy", "output_hash"};
    char *text = ab_slurp(acc);
    FILE *o = fopen(bad, "w");
    char *save, *line = strtok_r(text, "\n", &save);
    char *head = strdup(line);
    fprintf(o, "%s\n", head);
    size_t ncol = 1;
    for (char *c = head; *c; c++) ncol += *c == ',';
    int is_payload[512] = {0};
    char *hs, *h = strtok_r(head, ",", &hs);
    for (size_t k = 0; h && k < 512; k++, h = strtok_r(NULL, ",", &hs))
        for (size_t j = 0; j < sizeof cols / sizeof *cols; j++) is_payload[k] |= !strcmp(h, cols[j]);
    while ((line = strtok_r(NULL, "\n", &save))) {
        /* The sweep writes these rows without quoted commas in the key
         * columns; a quoted field is replaced whole. */
        size_t k = 0;
        for (char *c = line; k < ncol;) { /* a last empty field too */
            char *end = c;
            if (*c == '"') { end++; while (*end && !(*end == '"' && end[1] != '"')) end += *end == '"' ? 2 : 1; end++; }
            while (*end && *end != ',') end++;
            if (k) fputc(',', o);
            if (is_payload[k]) fputs("\"<b id=pwn>x</b>\"\"'&\"", o);
            else fwrite(c, 1, (size_t)(end - c), o);
            k++;
            c = *end ? end + 1 : end;
        }
        fputc('\n', o);
    }
    fclose(o);
    const char *rep[] = {"report", "--quiet", "--no-plots", "-i", bad, "-o", html, NULL};
    p = ab_run_actbench(rep);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    char *page = ab_slurp_site(html);
    cr_assert_not_null(page);
    cr_expect(strstr(page, "&lt;b id=pwn&gt;"), "the payload is not on the page: test broken");
    cr_expect(!strstr(page, "<b id=pwn>"), "a CSV string reached the page as markup");
    cr_expect(!strstr(page, payload + 15), "a quote of a CSV string reached the page raw");
    free(page);
    free(text);
    free(head);
    free(acc);
    free(bad);
    free(html);
    ab_remove_tmpdir(dir);
}
