/* subprocess.h: run build/actbench from the tests, capturing its output. */
#ifndef AB_TEST_SUBPROCESS_H
#define AB_TEST_SUBPROCESS_H
#include <stddef.h>

typedef struct {
    int status;   /* exit status, or 128 + signal */
    char *out, *err;
} ab_proc;

/* Runs $ACTBENCH_BIN with args (NULL-terminated), no shell involved. */
ab_proc ab_run_actbench(const char *const *args);
void ab_proc_free(ab_proc *p);
/* Number of lines in s. */
size_t ab_count_lines(const char *s);

char *ab_slurp(const char *path);             /* NULL if unreadable */
/* The report's site: the overview at index, then every other .html file
 * of its directory in name order, one string (NULL: no overview). */
char *ab_slurp_site(const char *index);
void ab_write_text(const char *path, const char *text);
char *ab_make_tmpdir(void);                   /* mkdtemp under /tmp */
void ab_remove_tree(const char *dir);
/* ab_remove_tree, then free the name. */
void ab_remove_tmpdir(char *dir);
char *ab_path_join(const char *dir, const char *name); /* malloc'd */
/* $ACTBENCH_PLUGINS/name */
char *ab_plugin_path(const char *name);
#endif
