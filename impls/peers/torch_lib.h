/* torch_lib.h: libtorch as a library (api/actbench.h's ab_library) for its
 * two registration files, torch.c (forward kernels) and torch_grad.c
 * (backward kernels): the descriptor, F32()/F64() (the shim's function, or
 * the absent stand-in when libtorch is not built) and the ISA label.
 * Opt-in: without make PEERS=torch the variants are listed unavailable. */
#ifndef AB_PEERS_TORCH_LIB_H
#define AB_PEERS_TORCH_LIB_H
#include "peers.h"

#ifdef AB_NO_TORCH
#define F32(fn) ab_peer_absent_f32
#define F64(fn) ab_peer_absent_f64
#ifdef AB_TORCH_OPT_IN
#define AB_TORCH_UNAVAILABLE \
    "opt-in: build with make PEERS=torch (installs libtorch-dev, 186 packages)"
#else
#define AB_TORCH_UNAVAILABLE AB_PEER_ABSENT(AB_NO_TORCH, "libtorch-dev")
#endif
static const ab_library lib = {"libtorch", NULL, AB_TORCH_UNAVAILABLE, 1};
#else
#define F32(fn) fn##_f32
#define F64(fn) fn##_f64
const char *ab_torch_version(void); /* torch_shim.cc */
static const ab_library lib = {"libtorch", ab_torch_version, NULL, 1 /* own OpenMP pool, set to 1 */};
#endif

#define ISA "ATen runtime dispatch (CPU capability)"
#endif
