/* env.c: see env.h. */
#include "env.h"
#include <gmp.h>
#include <gnu/libc-version.h>
#include <mpfr.h>
#include <stdio.h>
#include <string.h>

static void cpu_model(char *out, size_t n) {
    snprintf(out, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) != 0) continue;
        char *v = strchr(line, ':');
        if (!v) break;
        v++;
        while (*v == ' ') v++;
        v[strcspn(v, "\n")] = 0;
        snprintf(out, n, "%s", v);
        break;
    }
    fclose(f);
}

void ab_env_read(ab_env *e) {
    memset(e, 0, sizeof *e);
    cpu_model(e->cpu_model, sizeof e->cpu_model);
    __builtin_cpu_init();
    size_t len = 0;
#define FLAG(name)                                                                 \
    if (__builtin_cpu_supports(name))                                              \
        len += (size_t)snprintf(e->isa_flags + len, sizeof e->isa_flags - len,    \
                                "%s%s", len ? " " : "", name);
    FLAG("sse4.2") FLAG("avx") FLAG("avx2") FLAG("fma") FLAG("avx512f") FLAG("avx512dq")
    FLAG("avx512bw") FLAG("avx512vl")
#undef FLAG
    snprintf(e->glibc, sizeof e->glibc, "%s", gnu_get_libc_version());
    snprintf(e->compiler, sizeof e->compiler, "gcc %s", __VERSION__);
    snprintf(e->mpfr, sizeof e->mpfr, "%s", mpfr_get_version());
    snprintf(e->gmp, sizeof e->gmp, "%s", gmp_version);
}
