/* peers.h: what the framework peers' registration files share.
 *
 * A peer is two files: impls/peers/<peer>.c registers its variants with
 * AB_REGISTER_LIBRARY_VARIANTS (C, always built), and
 * impls/peers/<peer>_shim.cc (C++, built only when the library is
 * installed: scripts/peers-config.sh) implements them as extern "C" batch
 * functions that call the library's own kernel.  When the library was not
 * built, the build defines AB_NO_<PEER> (1: package missing; 2: NO_PEERS=1,
 * the sanitizer and fuzz builds), the registration file registers the
 * same variants with the stand-ins below, and the library's `unavailable`
 * reason (AB_PEER_ABSENT) keeps them from running. */
#ifndef AB_PEERS_H
#define AB_PEERS_H
#include "../../api/actbench.h"

/* Never called: a variant whose library is unavailable is not run. */
void ab_peer_absent_f32(const float *x, float *y, size_t n);
void ab_peer_absent_f64(const double *x, double *y, size_t n);

#define AB_PEER_ABSENT(code, package)                                              \
    ((code) == 2 ? "not built in the sanitizer and fuzz builds (NO_PEERS=1)"        \
                 : package " was not installed when actbench was built "           \
                           "(scripts/install-deps.sh installs it; then make)")
#endif
