#!/usr/bin/env bash
# make test-mpi: the MPI front end against a single process.
#   tests/mpi/run.sh build/actbench build/actbench-mpi
# 2 ranks on localhost ($MPIRUN: --allow-run-as-root --oversubscribe), on a
# selection with every kind of job (elementwise ranges and the special
# set, a custom interval, row operations, a search), must write the bytes
# a single-process sweep writes; so must the file-based shards and merge.
set -euo pipefail
BIN=$1 MPI=$2
MPIRUN=${MPIRUN:-mpirun --allow-run-as-root --oversubscribe -x OMP_NUM_THREADS=1}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SEL=(--activation tanh,gelu,relu,softmax,logsumexp --samples 4096 --range special,core,full,0x1p-30:0x1p-20,uniform,wide,masked,long --quiet)

"$BIN" sweep "${SEL[@]}" -o "$T/one.csv"
$MPIRUN -np 2 "$MPI" sweep "${SEL[@]}" -o "$T/mpi.csv"
cmp "$T/one.csv" "$T/mpi.csv"
echo "test-mpi: 2 ranks == 1 process ($(($(wc -l < "$T/one.csv") - 1)) rows)"

"$BIN" sweep "${SEL[@]}" --search --budget 256 --precision f64 -o "$T/search1.csv"
$MPIRUN -np 2 "$MPI" sweep "${SEL[@]}" --search --budget 256 --precision f64 -o "$T/search2.csv"
cmp "$T/search1.csv" "$T/search2.csv"
echo "test-mpi: 2 ranks == 1 process with --search ($(grep -c +search "$T/search1.csv") search rows)"

for k in 0 1 2; do "$BIN" sweep "${SEL[@]}" --shard $k/3 -o "$T/part$k"; done
"$BIN" merge "$T/part2" "$T/part0" "$T/part1" -o "$T/merged.csv"
cmp "$T/one.csv" "$T/merged.csv"
echo "test-mpi: 3 file shards merged == 1 process"

# The Slurm script's command lines, run here (LOCAL=1).
ACTBENCH="$BIN" PARTS="$T/slurm" LOCAL=1 CPUS=1 bash "$(dirname "$0")/../../scripts/cluster/slurm-sweep.sh" \
  3 "$T/slurm.csv" "${SEL[@]}"
cmp "$T/one.csv" "$T/slurm.csv"
echo "test-mpi: scripts/cluster/slurm-sweep.sh (3 tasks, run locally) == 1 process"

# Only sweep is distributed: anything else is one line and status 2.
if $MPIRUN -np 1 "$MPI" list >/dev/null 2>"$T/err"; then exit 1; fi
grep -q "only sweep runs under MPI" "$T/err"
echo "test-mpi: PASS"
