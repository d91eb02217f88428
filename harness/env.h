/* env.h: the environment fingerprint recorded with results and baselines. */
#ifndef AB_ENV_H
#define AB_ENV_H
#include <stddef.h>

typedef struct {
    char cpu_model[128];
    char isa_flags[128];   /* e.g. "sse4.2 avx2 fma avx512f" */
    char glibc[32];
    char compiler[96];
    char mpfr[32];
    char gmp[32];
    char sleef[32];        /* the SLEEF headers this binary was built with */
    char libraries[512];   /* the framework peers: "Eigen 3.4.0; oneDNN 2.6.3; ..." */
    const char *commit;    /* the commit this binary was built from, "-dirty" when
                              it had uncommitted changes; "unknown" outside git */
    const char *cflags;    /* the flags it was compiled with */
} ab_env;

void ab_env_read(ab_env *e);
#endif
