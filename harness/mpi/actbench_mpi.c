/* actbench_mpi.c: build/actbench-mpi, the MPI front end of sweep.
 *
 *   mpirun -np N build/actbench-mpi [--plugin LIB.so] sweep [options] -o FILE
 *
 * Rank r sweeps shard r/N (sweep --shard), sends its partial state to rank
 * 0 as text, and rank 0 merges the N parts into FILE: the bytes a
 * single-process sweep writes (partial.h).  Only sweep is distributed. */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../commands.h"

int ab_main(int argc, char **argv);

#define CHUNK (1 << 28) /* MPI counts are ints: texts go in pieces */

static char **exchange(const char *text, size_t len) {
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank != 0) {
        unsigned long long n = len;
        MPI_Send(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, 0, MPI_COMM_WORLD);
        for (size_t off = 0; off < len; off += CHUNK)
            MPI_Send(text + off, (int)(len - off < CHUNK ? len - off : CHUNK), MPI_CHAR, 0, 1,
                     MPI_COMM_WORLD);
        return NULL;
    }
    char **texts = calloc((size_t)size, sizeof *texts);
    if (!texts) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    for (int r = 0; r < size; r++) {
        unsigned long long n = len;
        if (r) MPI_Recv(&n, 1, MPI_UNSIGNED_LONG_LONG, r, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        texts[r] = malloc(n + 1);
        if (!texts[r]) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
        if (!r) memcpy(texts[r], text, n);
        for (size_t off = 0; r && off < n; off += CHUNK)
            MPI_Recv(texts[r] + off, (int)(n - off < CHUNK ? n - off : CHUNK), MPI_CHAR, r, 1,
                     MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        texts[r][n] = 0;
    }
    return texts;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    static ab_distributor d = {0, 1, exchange};
    MPI_Comm_rank(MPI_COMM_WORLD, &d.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &d.size);
    /* The command is the first argument that is not a global option. */
    int i = 1;
    while (i < argc && argv[i][0] == '-') i += strchr(argv[i], '=') ? 1 : 2;
    if (i >= argc || strcmp(argv[i], "sweep")) {
        if (d.rank == 0)
            fprintf(stderr, "actbench-mpi: only sweep runs under MPI (actbench-mpi [--plugin LIB.so] "
                            "sweep ...); run the other commands with build/actbench\n");
        MPI_Finalize();
        return 2;
    }
    ab_sweep_distributor = &d;
    int rc = ab_main(argc, argv);
    MPI_Finalize();
    return rc;
}
