#!/usr/bin/env bash
# Installs the Debian 12 packages actbench needs to build, test and report.
# Idempotent: packages already present are left alone.  Uses sudo when not root.
set -euo pipefail

PACKAGES=(
  gcc make pkg-config
  libmpfr-dev libgmp-dev      # correctly rounded references
  libcsv-dev                  # CSV writer/reader
  libjansson-dev              # --format json and gbench output
  libcriterion-dev            # unit tests
  libsleef-dev                # vectorized library peer
  gnuplot-nox                 # report plots
  chromium                    # browser test of the report (make test-e2e)
  nodejs                      # runs the browser test (playwright-core)
  clang libclang-rt-14-dev    # make fuzz: libFuzzer (libclang_rt.fuzzer) and clang's sanitizers
  libomp-14-dev               # make fuzz: OpenMP for the clang-built harness
  openmpi-bin libopenmpi-dev  # build/actbench-mpi: shards over MPI ranks (make test-mpi)
  # Framework peers (impls/peers/): the kernels TensorFlow, PyTorch and
  # TFLite run, linked and measured like every other variant.
  libeigen3-dev libdnnl-dev libxnnpack-dev libhwy-dev g++
  libpthreadpool-dev          # xnnpack.h includes pthreadpool.h; libxnnpack-dev does not depend on it
)
# libtorch pulls in 186 packages (OpenCV, ffmpeg): opt-in, with
# PEERS=torch (make PEERS=torch ... passes it here).
case " ${PEERS:-} " in *" torch "*) PACKAGES+=(libtorch-dev) ;; esac
# npm comes with NodeSource's nodejs; Debian's nodejs needs the npm package.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

if [ "${1:-}" = "--print" ]; then printf '%s\n' "${PACKAGES[@]}"; exit 0; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}" >&2
# A fresh machine has no package lists: update before installing.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
