/* plugin.c: dlopen a plugin, check its ABI version, let it register.
 *
 * A plugin is untrusted code: a mutated .so can crash the dynamic loader
 * (SIGSEGV, SIGBUS, an ld.so assertion), and a register function can
 * crash, hang, exit or register garbage.  So each plugin is first loaded
 * and registered in a child process (isolate.h: the parent enforces the
 * time and memory limits); only a plugin that loads cleanly there is
 * loaded into actbench itself.  Any failure is one line on stderr naming
 * the file and the problem, and exit status 2. */
#include "plugin.h"
#include "cli.h"
#include "isolate.h"
#include "registry.h"
#include "rows.h"
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* A plugin may ignore a failed registration's return value: remember it. */
static int failed;
static int host_register_activation(const ab_activation *a) {
    int rc = ab_register_activation(a);
    failed |= rc != 0;
    return rc;
}
static int host_register_variant(const char *activation, const ab_variant *v) {
    int rc = ab_register_variant(activation, v);
    failed |= rc != 0;
    return rc;
}

static int host_register_row_op(const ab_row_op *op) {
    int rc = ab_register_row_op(op);
    failed |= rc != 0;
    return rc;
}

/* What the validating child tells the parent. */
typedef struct {
    volatile int stage;     /* 1 dlopen, 2 symbols, 3 register, 4 done */
    char msg[400];          /* a load or registration error ("" if none) */
} check_result;

static const char *stage_name(int stage) {
    return stage <= 1 ? "while loading it (dlopen)"
         : stage == 2 ? "while looking up its symbols"
                      : "in actbench_plugin_register";
}

/* Loads and registers path in this process.  Returns 0, or -1 with msg. */
static int load(const char *path, check_result *r) {
    r->stage = 1;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(r->msg, sizeof r->msg, "cannot load: %s", e ? e : "dlopen failed");
        return -1;
    }
    r->stage = 2;
    const int *abi = dlsym(h, "actbench_plugin_abi");
    if (!abi) {
        snprintf(r->msg, sizeof r->msg, "missing symbol actbench_plugin_abi "
                 "(define: const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;)");
        return -1;
    }
    if (*abi != ACTBENCH_ABI_VERSION) {
        snprintf(r->msg, sizeof r->msg, "ABI version %d, this actbench has version %d (rebuild "
                 "the plugin against api/actbench.h)", *abi, ACTBENCH_ABI_VERSION);
        return -1;
    }
    ab_plugin_register_fn reg;
    *(void **)&reg = dlsym(h, "actbench_plugin_register");
    if (!reg) {
        snprintf(r->msg, sizeof r->msg, "missing symbol actbench_plugin_register "
                 "(define: int actbench_plugin_register(const ab_host *host);)");
        return -1;
    }
    static const ab_host host = {ACTBENCH_ABI_VERSION, host_register_activation,
                                 host_register_variant, host_register_row_op};
    r->stage = 3;
    failed = 0;
    ab_registry_set_plugin_mode(1);
    ab_child_enter_plugin();
    int rc = reg(&host);
    ab_registry_set_plugin_mode(0);
    if (failed) {
        snprintf(r->msg, sizeof r->msg, "%s", ab_registry_last_error());
        return -1;
    }
    if (rc != 0) {
        snprintf(r->msg, sizeof r->msg, "actbench_plugin_register returned %d", rc);
        return -1;
    }
    r->stage = 4;
    return 0;
}

/* Loads path in a child; returns only when it loaded and registered there. */
static void validate(const char *path) {
    ab_child c;
    if (ab_child_start(&c, sizeof(check_result), 1)) {
        check_result *r = c.payload;
        load(path, r);
        _exit(0);
    }
    ab_isolated_run run;
    char err[240];
    ab_child_finish(&c, ab_isolation_timeout_s, &run, err, sizeof err);
    check_result r = *(check_result *)c.payload;
    ab_child_release(&c);
    r.msg[sizeof r.msg - 1] = 0;
    const char *where = stage_name(r.stage);
    const char *sep = *err ? ": " : "";
    switch (run.status) {
    case AB_RUN_OK:
        if (r.stage == 4) return;
        if (*r.msg) ab_usage_error("--plugin: %s: %s", path, r.msg);
        ab_usage_error("--plugin: %s: called exit(0) %s", path, where);
    case AB_RUN_EXITED:
        ab_usage_error("--plugin: %s: exited with status %d %s%s%s", path, run.signal, where, sep, err);
    case AB_RUN_TIMED_OUT:
        ab_usage_error("--plugin: %s: did not finish %s within %g s (--plugin-timeout)", path,
                       where, ab_isolation_timeout_s);
    case AB_RUN_OUT_OF_MEMORY:
        ab_usage_error("--plugin: %s: out of memory %s (--plugin-memory)%s%s", path, where, sep,
                       err);
    default: {
        const char *s = sigabbrev_np(run.signal);
        ab_usage_error("--plugin: %s: crashed with SIG%s %s (a damaged or incompatible file?)%s%s",
                       path, s ? s : "?", where, sep, err);
    }
    }
}

void ab_load_plugin(const char *path) {
    validate(path);
    /* The same steps again, now known to be safe, in this process. */
    check_result r = {0};
    if (load(path, &r) != 0) ab_usage_error("--plugin: %s: %s", path, r.msg);
}
