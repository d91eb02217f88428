/* tmpfiles.h: every temporary file actbench creates is registered here, so
 * that none outlives the process: on SIGINT, SIGTERM or SIGHUP a handler
 * unlinks the registered paths (with async-signal-safe calls only) and
 * re-raises the signal; exit() (ab_usage_error, out of memory) unlinks them
 * too.  Forked children (plugin isolation) never remove their parent's
 * files.
 *
 * A command that commits several outputs renames them between
 * ab_tmp_hold_signals() and ab_tmp_release_signals(): a signal that arrives
 * then is handled after the last rename, so the outputs are committed
 * together or not at all. */
#ifndef AB_TMPFILES_H
#define AB_TMPFILES_H

/* Registers path (copied); returns 0, or -1 when out of memory (the file is
 * then only removed by its creator).  Installs the handlers on the first
 * call, leaving a signal that is ignored (nohup) ignored. */
int ab_tmp_register(const char *path);
/* The file was renamed or removed by the caller: forget it (the latest
 * registration of that path that is still live). */
void ab_tmp_forget(const char *path);
/* Unlinks every registered file now (then forgets them). */
void ab_tmp_remove_all(void);

void ab_tmp_hold_signals(void);
/* Ends the hold; a signal that arrived meanwhile is acted on now. */
void ab_tmp_release_signals(void);
#endif
