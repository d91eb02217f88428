/* plugin.c: dlopen a plugin, check its ABI version, let it register. */
#include "plugin.h"
#include "cli.h"
#include "registry.h"
#include "rows.h"
#include <dlfcn.h>
#include <stdio.h>

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

void ab_load_plugin(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) ab_usage_error("--plugin: cannot load %s: %s", path, dlerror());
    const int *abi = dlsym(h, "actbench_plugin_abi");
    if (!abi)
        ab_usage_error("--plugin: %s: missing symbol actbench_plugin_abi "
                       "(define: const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;)", path);
    if (*abi != ACTBENCH_ABI_VERSION)
        ab_usage_error("--plugin: %s: ABI version %d, this actbench has version %d (rebuild the "
                       "plugin against api/actbench.h)", path, *abi, ACTBENCH_ABI_VERSION);
    ab_plugin_register_fn reg;
    *(void **)&reg = dlsym(h, "actbench_plugin_register");
    if (!reg)
        ab_usage_error("--plugin: %s: missing symbol actbench_plugin_register "
                       "(define: int actbench_plugin_register(const ab_host *host);)", path);
    static const ab_host host = {ACTBENCH_ABI_VERSION, host_register_activation,
                                 host_register_variant, host_register_row_op};
    failed = 0;
    ab_registry_set_plugin_mode(1);
    int rc = reg(&host);
    ab_registry_set_plugin_mode(0);
    if (failed) ab_usage_error("--plugin: %s: %s", path, ab_registry_last_error());
    if (rc != 0) ab_usage_error("--plugin: %s: actbench_plugin_register returned %d", path, rc);
}
