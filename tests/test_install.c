/* test_install.c: `make install` into a temporary prefix, then the
 * installed files on their own (tests/install/run.sh says what each part
 * checks).  The binary under test ($ACTBENCH_BIN) is installed by
 * scripts/install.sh, the script the Makefile's install target runs, so
 * nothing is rebuilt. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

TestSuite(install, .timeout = 60);

/* Runs tests/install/run.sh for part; its output (stdout and stderr) in
 * out.  Returns its exit status. */
static int run_part(const char *part, char *out, size_t len) {
    const char *bin = getenv("ACTBENCH_BIN");
    cr_assert_not_null(bin, "ACTBENCH_BIN is not set (run the tests with make test)");
    cr_assert(!strchr(bin, '\'') && !strchr(AB_SOURCE_DIR, '\''), "a quote in a path");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "bash '%s/tests/install/run.sh' '%s' '%s' %s 2>&1", AB_SOURCE_DIR,
             bin, AB_SOURCE_DIR, part);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t n = fread(out, 1, len - 1, p);
    out[n] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void expect_part_ok(const char *part) {
    char out[16384], want[64];
    int rc = run_part(part, out, sizeof out);
    snprintf(want, sizeof want, "ok %s\n", part);
    cr_expect_eq(rc, 0, "install part %s: exit status %d:\n%s", part, rc, out);
    cr_expect_str_eq(out, want, "install part %s printed:\n%s", part, out);
}

/* pkg-config --cflags actbench alone builds the README's example plugin,
 * and the installed binary lists, sweeps and evaluates its variants. */
Test(install, plugin_builds_from_the_installed_header) { expect_part_ok("plugin"); }

/* The completion sources cleanly and offers every command and every option
 * each command's parser accepts. */
Test(install, completion_offers_every_command_and_option) { expect_part_ok("completion"); }

/* The man page has a section per command naming every option it accepts. */
Test(install, man_page_names_every_command_and_option) { expect_part_ok("man"); }

/* DESTDIR, actbench.pc's prefix and version, the scripts and headers, and
 * an uninstall that removes exactly what install put there. */
Test(install, layout_and_uninstall) { expect_part_ok("layout"); }

/* The checks can fail: an unknown part is refused. */
Test(install, unknown_part_is_refused) {
    char out[4096];
    cr_expect_eq(run_part("no-such-part", out, sizeof out), 2, "%s", out);
}
