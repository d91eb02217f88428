/* registry.h: the one list that drives list, sweep, tests and reports. */
#ifndef AB_REGISTRY_H
#define AB_REGISTRY_H
#include "../api/actbench.h"

size_t ab_activation_count(void);
/* Activations in name order; their variants in registration order. */
const ab_activation *ab_activation_at(size_t i);
const ab_activation *ab_find_activation(const char *name);
const ab_variant *ab_find_variant(const ab_activation *a, const char *name,
                                  ab_precision p);
/* 1 for variants registered by a plugin: they run in a child process. */
int ab_variant_isolated(const ab_variant *v);
/* While on, newly registered variants are marked isolated. */
void ab_registry_set_plugin_mode(int on);
/* The message of the last failed registration. */
const char *ab_registry_last_error(void);
/* 1 when this CPU can run the variant's ISA. */
int ab_variant_available(const ab_variant *v);

const char *ab_strategy_name(ab_strategy s);
const char *ab_precision_name(ab_precision p);
int ab_parse_precision(const char *s, ab_precision *out);
#endif
