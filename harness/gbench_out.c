/* gbench_out.c: see gbench_out.h. */
#include "gbench_out.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- context ---- */

/* The first line of a small file, without its newline; "" when unreadable. */
static void read_line(const char *path, char *buf, size_t len) {
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) return;
    if (fgets(buf, (int)len, f)) buf[strcspn(buf, "\n")] = 0;
    fclose(f);
}

/* CPUs in a sysfs list such as "0-3,8". */
static long count_cpus(const char *list) {
    long n = 0;
    for (const char *p = list; *p;) {
        char *end;
        long a = strtol(p, &end, 10), b = a;
        if (end == p) break;
        if (*end == '-') b = strtol(end + 1, &end, 10);
        n += b >= a ? b - a + 1 : 0;
        p = *end == ',' ? end + 1 : end + strlen(end);
    }
    return n;
}

/* CPU 0's caches as Google Benchmark lists them (empty without sysfs). */
static json_t *caches(void) {
    json_t *a = json_array();
    for (int i = 0; i < 16; i++) {
        char dir[96], path[128], type[32], level[16], size[32], shared[256];
        snprintf(dir, sizeof dir, "/sys/devices/system/cpu/cpu0/cache/index%d", i);
        snprintf(path, sizeof path, "%s/type", dir);
        read_line(path, type, sizeof type);
        if (!type[0]) break;
        snprintf(path, sizeof path, "%s/level", dir);
        read_line(path, level, sizeof level);
        snprintf(path, sizeof path, "%s/size", dir);
        read_line(path, size, sizeof size);
        snprintf(path, sizeof path, "%s/shared_cpu_list", dir);
        read_line(path, shared, sizeof shared);
        char *end;
        long long bytes = strtoll(size, &end, 10);
        if (*end == 'K') bytes <<= 10;
        else if (*end == 'M') bytes <<= 20;
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I}", "type", type, "level",
                                           (json_int_t)atoi(level), "size", (json_int_t)bytes,
                                           "num_sharing", (json_int_t)count_cpus(shared)));
    }
    return a;
}

/* "2024-05-01T12:34:56+02:00", as Google Benchmark writes the date. */
static void iso_date(char *buf, size_t len) {
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char z[8];
    strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(z, sizeof z, "%z", &tm); /* +0200 */
    size_t n = strlen(buf);
    if (strlen(z) == 5) snprintf(buf + n, len - n, "%.3s:%s", z, z + 3);
}

static json_t *context(const json_t *tp) {
    char date[64], host[256] = "", exe[4096] = "", governor[64];
    iso_date(date, sizeof date);
    gethostname(host, sizeof host - 1);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", governor, sizeof governor);
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) < 0) load[0] = load[1] = load[2] = 0;
    const json_t *rows = json_object_get(tp, "rows"), *first = json_array_get(rows, 0);
    double tsc = json_number_value(json_object_get(first, "tsc_hz"));
    const json_t *act = json_object_get(tp, "actbench");
    const char *cflags = json_string_value(json_object_get(act, "cflags"));
    json_t *c = json_pack(
        "{s:s, s:s, s:s, s:I, s:I, s:b, s:o, s:[f,f,f], s:s, s:i}", "date", date, "host_name",
        host, "executable", exe, "num_cpus", (json_int_t)sysconf(_SC_NPROCESSORS_ONLN),
        "mhz_per_cpu", (json_int_t)llround(tsc / 1e6), "cpu_scaling_enabled",
        governor[0] && strcmp(governor, "performance") != 0, "caches", caches(), "load_avg",
        load[0], load[1], load[2], "library_build_type",
        cflags && strstr(cflags, "-O0") ? "debug" : "release", "json_schema_version", 1);
    json_object_set(c, "actbench", (json_t *)act);
    json_object_set(c, "pinned_cpu", json_object_get(first, "cpu"));
    return c;
}

/* ---- benchmarks ---- */

static const char *str(const json_t *row, const char *key) {
    const char *s = json_string_value(json_object_get(row, key));
    return s ? s : "";
}

static double num(const json_t *row, const char *key) {
    const json_t *v = json_object_get(row, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* Rows of one family: the same name but for the size. */
static int same_family(const json_t *p, const json_t *r) {
    static const char *const keys[] = {"activation", "precision", "variant", "mode"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (strcmp(str(p, keys[k]), str(r, keys[k]))) return 0;
    return 1;
}

/* One row's entries: the best sample, and the median as an aggregate. */
static void add_row(json_t *out, const json_t *rows, size_t i, json_int_t family,
                    json_int_t instance) {
    const json_t *r = json_array_get(rows, i);
    int latency = !strcmp(str(r, "mode"), "latency");
    char name[512], in[96] = "";
    const char *inputs = str(r, "inputs"); /* bench --inputs: another workload, another name */
    if (*inputs && strcmp(inputs, "core") && strcmp(inputs, "uniform")) snprintf(in, sizeof in, "/inputs:%s", inputs);
    snprintf(name, sizeof name, "%s/%s/%s/%lld%s%s", str(r, "activation"), str(r, "precision"),
             str(r, "variant"), (long long)json_integer_value(json_object_get(r, "n")),
             latency ? "/latency" : "", in);
    json_int_t reps = json_integer_value(json_object_get(r, "reps"));
    json_t *b = json_pack("{s:s, s:I, s:I, s:s, s:s, s:I, s:I, s:I}", "name", name,
                          "family_index", family, "per_family_instance_index", instance,
                          "run_name", name, "run_type", "iteration", "repetitions", (json_int_t)1,
                          "repetition_index", (json_int_t)0, "threads", (json_int_t)1);
    if (strcmp(str(r, "status"), "ok") != 0) {
        json_object_set_new(b, "error_occurred", json_true());
        json_object_set_new(b, "error_message", json_string(str(r, "status")));
        json_array_append_new(out, b);
        return;
    }
    /* ns per call: per element times the elements of one call (latency:
     * one element per call). */
    double per_call = latency ? 1 : num(r, "n");
    double best = num(r, "ns_per_elem_min") * per_call, median = num(r, "ns_per_elem_median") * per_call;
    json_t *median_entry = json_deep_copy(b);
    json_object_set(b, "iterations", json_object_get(r, "inner"));
    json_object_set_new(b, "real_time", json_real(best));
    json_object_set_new(b, "cpu_time", json_real(best));
    json_object_set_new(b, "time_unit", json_string("ns"));
    json_object_set_new(b, "bytes_per_second", json_real(num(r, "gb_per_s") * 1e9));
    json_object_set_new(b, "items_per_second", json_real(num(r, "elems_per_s")));
    json_object_set(b, "ns_per_elem", json_object_get(r, "ns_per_elem_min"));
    json_object_set(b, "cycles_per_elem", json_object_get(r, "cycles_per_elem"));
    json_object_set_new(b, "reps", json_integer(reps));
    json_array_append_new(out, b);

    char mname[530];
    snprintf(mname, sizeof mname, "%s_median", name);
    json_object_set_new(median_entry, "name", json_string(mname));
    json_object_set_new(median_entry, "run_type", json_string("aggregate"));
    json_object_set_new(median_entry, "repetitions", json_integer(reps));
    json_object_del(median_entry, "repetition_index");
    json_object_set_new(median_entry, "aggregate_name", json_string("median"));
    json_object_set_new(median_entry, "aggregate_unit", json_string("time"));
    json_object_set_new(median_entry, "iterations", json_integer(reps));
    json_object_set_new(median_entry, "real_time", json_real(median));
    json_object_set_new(median_entry, "cpu_time", json_real(median));
    json_object_set_new(median_entry, "time_unit", json_string("ns"));
    json_object_set(median_entry, "ns_per_elem", json_object_get(r, "ns_per_elem_median"));
    json_array_append_new(out, median_entry);
}

json_t *ab_gbench_document(const json_t *tp) {
    const json_t *rows = json_object_get(tp, "rows");
    json_t *benchmarks = json_array();
    size_t n = json_array_size(rows);
    json_int_t *family = malloc((n + 1) * sizeof *family), families = 0;
    if (!family || !benchmarks) {
        free(family);
        json_decref(benchmarks);
        return NULL;
    }
    /* Google Benchmark's family_index (one per name without the size) and
     * per_family_instance_index, in the order the rows come. */
    for (size_t i = 0; i < n; i++) {
        const json_t *r = json_array_get(rows, i);
        json_int_t instance = 0;
        family[i] = -1;
        for (size_t k = 0; k < i; k++)
            if (same_family(json_array_get(rows, k), r)) {
                if (family[i] < 0) family[i] = family[k];
                instance++;
            }
        if (family[i] < 0) family[i] = families++;
        add_row(benchmarks, rows, i, family[i], instance);
    }
    free(family);
    return json_pack("{s:o, s:o}", "context", context(tp), "benchmarks", benchmarks);
}
