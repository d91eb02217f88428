#!/usr/bin/env bash
# slurm-sweep.sh: an actbench sweep as a Slurm job array, for clusters
# without MPI jobs.  Task k of N runs `actbench sweep --shard k/N` and
# writes its partial state; a merge job, started when every task has
# ended well (afterok), writes the accuracy CSV: the bytes a single
# process would have written.
#
#   scripts/cluster/slurm-sweep.sh N OUT.csv [sweep options...]
#   scripts/cluster/slurm-sweep.sh 64 results/accuracy.csv --precision f64 --search
#   scripts/cluster/slurm-sweep.sh 256 results/exhaustive.csv --exhaustive
#
# Every node must run the same build of actbench (merge refuses parts whose
# build, selection or seed differ) from a shared file system.  Environment:
#   ACTBENCH    the binary (default: build/actbench, absolute path taken)
#   PARTS       directory for the parts (default: OUT.csv.parts)
#   SBATCH_ARGS extra sbatch options (partition, time, account...)
#   CPUS        cores per task (default 4; OMP_NUM_THREADS follows it)
# DRY_RUN=1 (or no sbatch): prints the two sbatch commands instead.
# LOCAL=1: runs the tasks here, one after the other, then the merge (the
# same command lines; make test-mpi checks the result this way).
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
N=$1 OUT=$2
shift 2
case $N in ''|*[!0-9]*) echo "slurm-sweep: N must be a whole number, not '$N'" >&2; exit 2;; esac
[ "$N" -ge 1 ] && [ "$N" -le 65536 ] || { echo "slurm-sweep: N must be in 1..65536" >&2; exit 2; }
ACTBENCH=${ACTBENCH:-build/actbench}
[ -x "$ACTBENCH" ] || { echo "slurm-sweep: no actbench binary at $ACTBENCH (make, or set ACTBENCH)" >&2; exit 2; }
ACTBENCH=$(realpath "$ACTBENCH")
PARTS=$(realpath -m "${PARTS:-$OUT.parts}")
OUT=$(realpath -m "$OUT")
CPUS=${CPUS:-4}
mkdir -p "$PARTS"
q() { local s; printf -v s '%q ' "$@"; printf '%s' "${s% }"; }

# Task k: one shard.  %a is the array task id.
TASK="OMP_NUM_THREADS=$CPUS $(q "$ACTBENCH") sweep $(q "$@") --quiet --shard \$SLURM_ARRAY_TASK_ID/$N -o $(q "$PARTS")/part.\$SLURM_ARRAY_TASK_ID"
MERGE="$(q "$ACTBENCH") merge $(q "$PARTS")/part.* -o $(q "$OUT")"

if [ "${LOCAL:-0}" = 1 ]; then
  for ((k = 0; k < N; k++)); do SLURM_ARRAY_TASK_ID=$k bash -c "$TASK"; done
  bash -c "$MERGE"
  exit 0
fi
if [ "${DRY_RUN:-0}" = 1 ] || ! command -v sbatch >/dev/null; then
  echo "sbatch --parsable --array=0-$((N - 1)) --cpus-per-task=$CPUS ${SBATCH_ARGS:-} --wrap \"$TASK\""
  echo "sbatch --dependency=afterok:<array job id> ${SBATCH_ARGS:-} --wrap \"$MERGE\""
  exit 0
fi
# shellcheck disable=SC2086
JOB=$(sbatch --parsable --job-name=actbench-shards --array=0-$((N - 1)) \
        --cpus-per-task="$CPUS" ${SBATCH_ARGS:-} --output="$PARTS/slurm-%a.log" --wrap "$TASK")
# shellcheck disable=SC2086
sbatch --parsable --job-name=actbench-merge --dependency=afterok:"${JOB%%;*}" ${SBATCH_ARGS:-} \
  --output="$PARTS/slurm-merge.log" --wrap "$MERGE"
echo "slurm-sweep: submitted $N shards (job $JOB) and their merge into $OUT" >&2
