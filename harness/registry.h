/* registry.h: the one list of operations (elementwise activations and row
 * operations) that drives list, sweep, bench, gate, tests and reports. */
#ifndef AB_REGISTRY_H
#define AB_REGISTRY_H
#include "../api/actbench.h"

typedef enum { AB_OP_ELEMENTWISE = 0, AB_OP_ROW = 1 } ab_op_kind;

/* A registered operation.  act (elementwise) or row (row operation) is its
 * descriptor, whose variants list is the registry's: the descriptor's own
 * variants, then those added by ab_register_variant, in that order. */
typedef struct ab_op {
    const char *name;
    const char *description;
    ab_op_kind kind;
    const ab_activation *act;   /* AB_OP_ELEMENTWISE, else NULL */
    const ab_row_op *row;       /* AB_OP_ROW, else NULL */
    const ab_variant *variants;
    size_t n_variants;
} ab_op;

/* Every operation: elementwise ones by name, then row operations by name. */
size_t ab_op_count(void);
const ab_op *ab_op_at(size_t i);
const ab_op *ab_find_op(const char *name);
const ab_variant *ab_op_find_variant(const ab_op *op, const char *name, ab_precision p);
/* The operation a registered variant belongs to (NULL for a foreign one). */
const ab_op *ab_op_of_variant(const ab_variant *v);
/* Outputs of a call on n inputs: n, or 1 for a scalar row operation. */
size_t ab_op_out_len(const ab_op *op, size_t n);

/* Views of the same list by kind, in the same order. */
size_t ab_activation_count(void);
const ab_activation *ab_activation_at(size_t i);
const ab_activation *ab_find_activation(const char *name);
const ab_variant *ab_find_variant(const ab_activation *a, const char *name,
                                  ab_precision p);
size_t ab_row_op_count(void);
const ab_row_op *ab_row_op_at(size_t i);
const ab_row_op *ab_find_row_op(const char *name);

/* 1 for variants registered by a plugin: they run in a child process. */
int ab_variant_isolated(const ab_variant *v);
/* While on, newly registered variants are marked isolated. */
void ab_registry_set_plugin_mode(int on);
/* The message of the last failed registration. */
const char *ab_registry_last_error(void);
/* 1 when this CPU can run the variant's ISA. */
int ab_variant_available(const ab_variant *v);
/* Why v cannot run here (its library was not built, or the CPU lacks its
 * ISA), in buf; NULL when it can. */
const char *ab_variant_unavailable_reason(const ab_variant *v, char *buf, size_t len);
/* The framework library v calls (ab_register_library_variant), or NULL. */
const ab_library *ab_variant_library(const ab_variant *v);
/* Every library some registered variant calls, in registry order. */
size_t ab_libraries(const ab_library **out, size_t max);
/* "oneDNN 2.6.3", "libtorch (not built)", "" for NULL. */
const char *ab_library_label(const ab_library *l, char *buf, size_t len);

const char *ab_strategy_name(ab_strategy s);
const char *ab_precision_name(ab_precision p);
int ab_parse_precision(const char *s, ab_precision *out);
/* 1 for a precision's name (f32, f64, bf16, f16, bf16-f32). */
int ab_precision_known(const char *s);
#endif
