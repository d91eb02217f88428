# actbench: plain GNU make, C17, gcc.  `make report` and `make test` set up
# everything on a fresh Debian 12 machine (see scripts/install-deps.sh).

CC      ?= gcc
CSTD    := -std=c17
WARN    := -Wall -Wextra
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
# C17 (not gnu17) also keeps gcc from contracting a*b+c into an FMA, so a
# variant computes what its source says.
ALL_CFLAGS := $(CSTD) $(WARN) $(CFLAGS) -fopenmp -D_GNU_SOURCE
LDLIBS  := -lmpfr -lgmp -lcsv -lsleef -lm -ldl -fopenmp

BUILD   := build
HARNESS_SRC ?= $(filter-out harness/main.c,$(wildcard harness/*.c harness/report/*.c))
REF_SRC     ?= $(wildcard reference/*.c)
IMPL_SRC    ?= $(wildcard impls/*.c)
LIB_SRC := $(HARNESS_SRC) $(REF_SRC) $(IMPL_SRC)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/harness/main.o
TEST_SRC ?= $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

BIN      := $(BUILD)/actbench
# Your own variants: make gate PLUGINS="a.so b.so" (also report, baseline,
# exhaustive): each is loaded with --plugin.
PLUGINS ?=
RUN      = $(BIN) $(foreach p,$(PLUGINS),--plugin $(p))
TEST_BIN := $(BUILD)/actbench_tests

.PHONY: all deps report report-only sweep test check gate baseline exhaustive example-plugin clean
all: $(BIN)

# Installs whatever Debian package is missing (fast no-op when none is).
deps:
	@bash scripts/install-deps.sh

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

# The commit and flags a binary was built from, recorded in every CSV it
# writes (env_commit, env_cflags).  Rewritten only when they change.
RECORDED_CFLAGS := $(ALL_CFLAGS)
BUILD_INFO := $(BUILD)/gen/build_info.h
GIT_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
$(BUILD_INFO): FORCE
	@mkdir -p $(dir $@)
	@printf 'static const char ab_build_commit[] = "%s";\nstatic const char ab_build_cflags[] = "%s";\n' \
	  '$(GIT_COMMIT)' '$(subst ",,$(RECORDED_CFLAGS))' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(BUILD)/harness/env.o: $(BUILD_INFO)
$(BUILD)/harness/env.o: CPPFLAGS += -I$(BUILD)/gen
.PHONY: FORCE

# The report's CSS and JS, embedded as C arrays (od and sed: no xxd needed).
REPORT_ASSETS := $(BUILD)/gen/report_assets.h
$(REPORT_ASSETS): harness/report/report.css harness/report/report.js
	@mkdir -p $(dir $@)
	@for a in css js; do \
	  printf 'static const char ab_report_%s[] = {\n' $$a; \
	  od -An -v -tx1 harness/report/report.$$a | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0};\n'; \
	done > $@.tmp && mv $@.tmp $@
$(BUILD)/harness/report/page.o: $(REPORT_ASSETS)
$(BUILD)/harness/report/page.o: CPPFLAGS += -I$(BUILD)/gen

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# The contract test compiles registrations against api/actbench.h.
$(BUILD)/tests/test_contract.o: CPPFLAGS += -DAB_SOURCE_DIR='"$(CURDIR)"'

$(TEST_BIN): $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS) -lcriterion

results/accuracy.csv: $(BIN)
	$(RUN) sweep -o $@ --profile results/profile --special-values results/special_values.csv

results/throughput.csv: $(BIN)
	$(RUN) bench -o $@

# The report: default accuracy sweep (with error profiles and special
# values), the short benchmark, then one self-contained HTML file.
REPORT_ARGS = -i results/accuracy.csv -t results/throughput.csv --profile results/profile \
              --special-values results/special_values.csv -o reports/index.html
# The benchmark runs after the sweep (never beside it, even with -j).
report: $(BIN)
	$(RUN) sweep -o results/accuracy.csv --profile results/profile --special-values results/special_values.csv
	$(RUN) bench -o results/throughput.csv
	$(RUN) report $(REPORT_ARGS)
	@echo "wrote results/accuracy.csv, results/throughput.csv, results/special_values.csv and reports/index.html"

# Every f32 input of every elementwise activation (sweep --exhaustive):
# results/exhaustive.csv, committed.  The report and recommend prefer its
# rows over the sampled ones and say which evidence a figure rests on.
exhaustive: $(BIN)
	$(RUN) sweep --exhaustive -o results/exhaustive.csv

# Rebuild the report from the existing CSVs (e.g. after editing scripts/*.gp).
report-only: $(BIN)
	$(RUN) report $(REPORT_ARGS)

# Browser test of the report in headless Chromium (tests/e2e/).
test-e2e: $(BIN)
	cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	ACTBENCH_BIN=$(abspath $(BIN)) node tests/e2e/report.test.mjs

# Always re-sweep and re-bench: results depend on the code, not on file
# dates.
.PHONY: results/accuracy.csv results/throughput.csv test-e2e

# Plugins: the README's example, and the ones the tests load.
PLUGIN_CFLAGS := $(CSTD) $(WARN) -O2 -fPIC -shared
TEST_PLUGINS := $(BUILD)/plugins/my_sigmoid.so $(BUILD)/plugins/my_rows.so $(BUILD)/plugins/misbehave.so \
           $(BUILD)/plugins/nan_swallow.so \
           $(foreach b,1 2 3,$(BUILD)/plugins/gate_variant_$(b).so) \
           $(foreach c,1 2 3 4 5,$(BUILD)/plugins/malformed_$(c).so) \
           $(BUILD)/plugins/runfaults.so $(foreach c,1 2 3 4 5 6 7 8,$(BUILD)/plugins/regfault_$(c).so)
example-plugin: $(BUILD)/plugins/my_sigmoid.so $(BUILD)/plugins/my_rows.so
$(BUILD)/plugins/my_%.so: examples/plugin/my_%.c api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -o $@ $< -lm
$(BUILD)/plugins/misbehave.so $(BUILD)/plugins/nan_swallow.so $(BUILD)/plugins/runfaults.so: $(BUILD)/plugins/%.so: tests/plugins/%.c api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -o $@ $< -lm
$(BUILD)/plugins/gate_variant_%.so: tests/plugins/gate_variant.c api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -DBUILD=$* -o $@ $< -lm
$(BUILD)/plugins/malformed_%.so: tests/plugins/malformed.c api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -DCASE=$* -o $@ $< -lm
$(BUILD)/plugins/regfault_%.so: tests/plugins/regfault.c api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -DCASE=$* -o $@ $< -lm

# One test binary.  Suites named check_* are the long certification runs
# (references against the independent formulas on 10^5 inputs per case,
# thread-count byte identity of the full sweep): `make check` runs only
# those; `make test` runs everything else (quick versions of the same
# checks included) in a few minutes; the binary without --filter runs
# both.  The gate runs first so that Criterion's synthesis line closes the
# output.
TEST_ENV := ACTBENCH_BIN=$(abspath $(BIN)) ACTBENCH_PLUGINS=$(abspath $(BUILD)/plugins)
# Two test jobs beside each other's OpenMP threads (and other work on a
# shared machine): threads that sleep instead of spinning at the barriers
# make the sweeps in the tests 3-10x faster under load (same results).
test check: export OMP_WAIT_POLICY := passive
test: $(BIN) $(TEST_BIN) $(TEST_PLUGINS)
	$(MAKE) --no-print-directory gate
	$(TEST_ENV) $(TEST_BIN) --jobs 2 --filter '!(check_*)/*'

check: $(BIN) $(TEST_BIN) $(TEST_PLUGINS)
	$(TEST_ENV) $(TEST_BIN) --jobs 2 --filter 'check_*/*'

# The numerics regression gate against the committed baseline (exit 1 on a
# regression).  The baseline changes only through `make baseline`.
gate: $(BIN)
	$(RUN) gate --baseline results/baseline.csv --junit $(BUILD)/gate-junit.xml

baseline: $(BIN)
	$(RUN) baseline -o results/baseline.csv

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
