/* commands.h: the subcommands of build/actbench. */
#ifndef AB_COMMANDS_H
#define AB_COMMANDS_H
int ab_cmd_list(int argc, char **argv);
int ab_cmd_sweep(int argc, char **argv);
int ab_cmd_report(int argc, char **argv);
int ab_cmd_bench(int argc, char **argv);
int ab_cmd_gate(int argc, char **argv);
int ab_cmd_baseline(int argc, char **argv);
int ab_cmd_recommend(int argc, char **argv);
int ab_cmd_eval(int argc, char **argv);
int ab_cmd_merge(int argc, char **argv);
int ab_cmd_recheck(int argc, char **argv);
/* The MPI front end (harness/mpi/): this process is rank `rank` of
 * `size`, and sweep computes shard rank/size.  exchange sends a rank's
 * partial text to rank 0; on rank 0 it returns every rank's (malloc'd, in
 * rank order, its own first), elsewhere NULL.  NULL: no MPI. */
#include <stddef.h>
typedef struct {
    int rank, size;
    char **(*exchange)(const char *text, size_t len);
} ab_distributor;
extern const ab_distributor *ab_sweep_distributor;
#endif
