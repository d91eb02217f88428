#!/usr/bin/env bash
# peers-config.sh "PEERS": which framework peers (impls/peers/) this
# machine can build, as make variables (build/gen/peers.mk).  A peer whose
# headers are missing is left out of the build; its registration file then
# lists its variants as unavailable, with the reason (AB_NO_<PEER>).
#   default peers: eigen onednn xnnpack highway (scripts/install-deps.sh)
#   opt-in:        torch (make PEERS=torch)
set -euo pipefail
if [ "${1:-}" = --none ]; then # NO_PEERS=1: the sanitizer and fuzz builds
  for p in EIGEN ONEDNN XNNPACK HIGHWAY TORCH; do echo "PEER_CPPFLAGS += -DAB_NO_$p=2"; done
  exit 0
fi
opt=" ${1:-} "
have() { local h; for h in $1; do [ -e "$h" ] || return 1; done; }
peer() { # name, header(s) (space-separated: all needed), cxx flags, link flags
  local name=$1 header=$2 cxxflags=$3 libs=$4
  if have "$header"; then
    echo "PEER_SRC += \$(wildcard impls/peers/${name}_*.cc)"
    echo "PEER_CXXFLAGS_${name} := $cxxflags"
    echo "PEER_LDLIBS += $libs"
  else
    echo "PEER_CPPFLAGS += -DAB_NO_$(echo "$name" | tr a-z A-Z)=1"
  fi
}
peer eigen /usr/include/eigen3/Eigen/Core "-I/usr/include/eigen3" ""
peer onednn /usr/include/oneapi/dnnl/dnnl.h "" "-ldnnl"
# xnnpack.h includes pthreadpool.h (libpthreadpool-dev, which libxnnpack-dev
# does not pull in); the shim passes a NULL pool, libXNNPACK links the rest.
peer xnnpack "/usr/include/xnnpack.h /usr/include/pthreadpool.h" "" "-lXNNPACK"
peer highway /usr/include/hwy/highway.h "-I." "-lhwy" # -I.: the shim includes itself per target (HWY_TARGET_INCLUDE)
case $opt in
  *" torch "*) peer torch /usr/include/torch/csrc/api/include/torch/torch.h \
                 "-I/usr/include/torch/csrc/api/include" "-ltorch -ltorch_cpu -lc10" ;;
  *) echo "PEER_CPPFLAGS += -DAB_NO_TORCH=1 -DAB_TORCH_OPT_IN=1" ;;
esac
