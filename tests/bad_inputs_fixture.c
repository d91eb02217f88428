/* bad_inputs_fixture.c: see bad_inputs_fixture.h. */
#include "bad_inputs_fixture.h"
#include "subprocess.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { SET, DROP, EMPTY, HEADER, BOM, EXTRA, TRUNC, DUP } op_kind;

/* dst from src: op on the header (DROP col), on the first data row (SET
 * col to value, EXTRA field, DUP), or on the whole file. */
static const struct {
    const char *dst, *src;
    op_kind op;
    const char *col, *value;
} specs[] = {
    {"a_empty.csv", "acc.csv", EMPTY, NULL, NULL},
    {"a_header.csv", "acc.csv", HEADER, NULL, NULL},
    {"a_nocol_maxulp.csv", "acc.csv", DROP, "max_ulp", NULL},
    {"a_nocol_act.csv", "acc.csv", DROP, "activation", NULL},
    {"a_maxulp_abc.csv", "acc.csv", SET, "max_ulp", "abc"},
    {"a_maxulp_huge.csv", "acc.csv", SET, "max_ulp", "1e999999"},
    {"a_maxulp_nan.csv", "acc.csv", SET, "max_ulp", "nan"},
    {"a_maxulp_neg.csv", "acc.csv", SET, "max_ulp", "-1"},
    {"a_maxulp_empty.csv", "acc.csv", SET, "max_ulp", ""},
    {"a_samples_neg.csv", "acc.csv", SET, "samples", "-5"},
    {"a_samples_frac.csv", "acc.csv", SET, "samples", "1.5"},
    {"a_samples_huge.csv", "acc.csv", SET, "samples", "99999999999999999999999"},
    {"a_prec.csv", "acc.csv", SET, "precision", "f8"},
    {"a_wb.csv", "acc.csv", SET, "within_bound", "2"},
    {"a_lo_nan.csv", "acc.csv", SET, "lo", "nan"},
    {"a_cr_huge.csv", "acc.csv", SET, "correctly_rounded", "1e400"},
    {"a_cols.csv", "acc.csv", EXTRA, NULL, NULL},
    {"a_trunc.csv", "acc.csv", TRUNC, NULL, NULL},
    {"a_dup.csv", "acc.csv", DUP, NULL, NULL},
    {"a_bom.csv", "acc.csv", BOM, NULL, NULL},
    {"a_xss_act.csv", "acc.csv", SET, "activation", "<script>alert(1)</script>"},
    {"a_img_act.csv", "acc.csv", SET, "activation", "<img src=x onerror=alert(2)>"},
    {"a_dotdot_act.csv", "acc.csv", SET, "activation", "../../../etc/passwd"},
    {"a_slash_var.csv", "acc.csv", SET, "variant", "a/b"},
    {"a_quote_var.csv", "acc.csv", SET, "variant", "x\" onmouseover=\"alert(3)"},
    {"a_dotdot_range.csv", "acc.csv", SET, "range", ".."},
    {"a_dot_act.csv", "acc.csv", SET, "activation", ".hidden"},
    {"a_dash_act.csv", "acc.csv", SET, "activation", "-o"},
    {"a_long_act.csv", "acc.csv", SET, "activation",
     "a123456789b123456789c123456789d123456789e123456789f123456789g1234"},
    {"a_newline_act.csv", "acc.csv", SET, "activation", "re\nlu"},
    {"a_empty_act.csv", "acc.csv", SET, "activation", ""},
    {"t_empty.csv", "tp.csv", EMPTY, NULL, NULL},
    {"t_nocol.csv", "tp.csv", DROP, "ns_per_elem_min", NULL},
    {"t_n_neg.csv", "tp.csv", SET, "n", "-1"},
    {"t_n_zero.csv", "tp.csv", SET, "n", "0"},
    {"t_ns_abc.csv", "tp.csv", SET, "ns_per_elem_min", "abc"},
    {"t_ns_huge.csv", "tp.csv", SET, "ns_per_elem_min", "1e999"},
    {"t_ns_nan.csv", "tp.csv", SET, "ns_per_elem_min", "nan"},
    {"t_ns_neg.csv", "tp.csv", SET, "ns_per_elem_min", "-3"},
    {"t_med_abc.csv", "tp.csv", SET, "ns_per_elem_median", "fast"},
    {"t_xss_var.csv", "tp.csv", SET, "variant", "<script>alert(1)</script>"},
    {"t_dotdot_act.csv", "tp.csv", SET, "activation", "../x"},
    {"t_prec.csv", "tp.csv", SET, "precision", "f8"},
    {"t_cols.csv", "tp.csv", EXTRA, NULL, NULL},
    {"t_trunc.csv", "tp.csv", TRUNC, NULL, NULL},
    {"t_bom.csv", "tp.csv", BOM, NULL, NULL},
    {"s_empty.csv", "sv.csv", EMPTY, NULL, NULL},
    {"s_nocol.csv", "sv.csv", DROP, "match", NULL},
    {"s_xss_var.csv", "sv.csv", SET, "variant", "<b onclick=alert(4)>x</b>"},
    {"s_match.csv", "sv.csv", SET, "match", "2"},
    {"s_prec.csv", "sv.csv", SET, "precision", "f8"},
    {"s_cols.csv", "sv.csv", EXTRA, NULL, NULL},
    {"s_trunc.csv", "sv.csv", TRUNC, NULL, NULL},
};

/* Splits one CSV record (no newline inside fields of the source files
 * except where quoted) into malloc'd fields; returns their count. */
static size_t split(const char *line, char **f, size_t max) {
    size_t n = 0;
    const char *p = line;
    for (;;) {
        char *v = malloc(strlen(p) + 1);
        size_t k = 0;
        if (*p == '"') {
            for (p++; *p; p++) {
                if (*p == '"' && p[1] == '"') { v[k++] = '"'; p++; }
                else if (*p == '"') { p++; break; }
                else v[k++] = *p;
            }
        }
        while (*p && *p != ',') v[k++] = *p++;
        v[k] = 0;
        cr_assert_lt(n, max);
        f[n++] = v;
        if (*p != ',') return n;
        p++;
    }
}

static void put_field(FILE *o, const char *s, int first) {
    if (!first) fputc(',', o);
    if (!strpbrk(s, ",\"\n\r") && *s) { fputs(s, o); return; }
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"') fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

/* Line k (0-based) of text, malloc'd, without its newline. */
static char *line_at(const char *text, size_t k) {
    const char *p = text;
    for (size_t i = 0; i < k && p; i++) p = strchr(p, '\n'), p = p ? p + 1 : NULL;
    cr_assert_not_null(p);
    size_t n = strcspn(p, "\n");
    return strndup(p, n);
}

static void make_one(const char *dir, size_t s) {
    char *src = ab_path_join(dir, specs[s].src), *dst = ab_path_join(dir, specs[s].dst);
    char *text = ab_slurp(src);
    cr_assert_not_null(text, "fixture: cannot read %s", src);
    FILE *o = fopen(dst, "wb");
    cr_assert_not_null(o);
    char *head = line_at(text, 0), *row = line_at(text, 1);
    const char *rest = strchr(strchr(text, '\n') + 1, '\n') + 1; /* after row 1 */
    char *h[256], *r[256];
    size_t nh = split(head, h, 256), nr = split(row, r, 256);
    int c = -1;
    for (size_t k = 0; specs[s].col && k < nh; k++)
        if (!strcmp(h[k], specs[s].col)) c = (int)k;
    cr_assert(!specs[s].col || c >= 0, "fixture: %s has no column %s", src, specs[s].col);
    switch (specs[s].op) {
    case EMPTY: break;
    case HEADER: fprintf(o, "%s\n", head); break;
    case BOM: fprintf(o, "\xEF\xBB\xBF%s", text); break;
    case DROP:
        for (size_t k = 0, first = 1; k < nh; k++)
            if ((int)k != c) put_field(o, h[k], (int)first), first = 0;
        fprintf(o, "\n%s\n%s", row, rest);
        break;
    case SET:
    case EXTRA:
        fprintf(o, "%s\n", head);
        for (size_t k = 0; k < nr; k++) put_field(o, (int)k == c ? specs[s].value : r[k], k == 0);
        if (specs[s].op == EXTRA) fputs(",extra", o);
        fprintf(o, "\n%s", rest);
        break;
    case TRUNC: fprintf(o, "%s%s,\"unterminated", text, r[0]); break;
    case DUP: fprintf(o, "%s\n%s\n%s%s\n", head, row, rest, row); break;
    }
    fclose(o);
    for (size_t k = 0; k < nh; k++) free(h[k]);
    for (size_t k = 0; k < nr; k++) free(r[k]);
    free(head);
    free(row);
    free(text);
    free(src);
    free(dst);
}

static void run_ok(const char *const *args) {
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "fixture: actbench %s %s exited %d: %s", args[0], args[1], p.status,
                 p.err);
    ab_proc_free(&p);
}

char *bi_fixture_make(void) {
    char *d = ab_make_tmpdir();
    char *acc = ab_path_join(d, "acc.csv"), *tp = ab_path_join(d, "tp.csv"),
         *sv = ab_path_join(d, "sv.csv"), *prof = ab_path_join(d, "prof");
    const char *sweep[] = {"sweep", "--quiet", "--activation", "relu", "--samples", "16",
                           "-o", acc, "--profile", prof, "--special-values", sv, NULL};
    run_ok(sweep);
    const char *bench[] = {"bench", "--quiet", "--activation", "relu", "--variant", "naive",
                           "--sizes", "4K", "--reps", "1", "-o", tp, NULL};
    run_ok(bench);
    for (size_t s = 0; s < sizeof specs / sizeof *specs; s++) make_one(d, s);
    free(acc);
    free(tp);
    free(sv);
    free(prof);
    return d;
}

void bi_fixture_remove(char *dir) {
    DIR *dd = opendir(dir);
    struct dirent *e;
    while (dd && (e = readdir(dd))) {
        if (e->d_name[0] == '.') continue;
        char *p = ab_path_join(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) ab_remove_tree(p);
        else unlink(p);
        free(p);
    }
    if (dd) closedir(dd);
    rmdir(dir);
    free(dir);
}
