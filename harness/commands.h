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
#endif
