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
LDLIBS  = -lmpfr -lgmp -lcsv -ljansson -lsleef $(PEER_LDLIBS) $(if $(PEER_SRC),-lstdc++) -lm -ldl -fopenmp

BUILD   := build
# A plain `make` builds the binary (peers.mk below is a file target too).
.DEFAULT_GOAL := all

# ---- framework peers (impls/peers/) ----------------------------------------------
# Each peer's C++ shim (impls/peers/<peer>_*.cc) is built when its package
# is installed; $(BUILD)/gen/peers.mk (scripts/peers-config.sh) says which,
# and a peer left out lists its variants as unavailable with the reason.
# libtorch is opt-in: make PEERS=torch ... (installs libtorch-dev too).
# NO_PEERS=1 builds none (the sanitizer and fuzz builds: the libraries are
# not instrumented).
PEERS ?=
CXX ?= g++
PEER_CONF := $(BUILD)/gen/peers.mk
-include $(PEER_CONF)
$(PEER_CONF): FORCE | deps
	@mkdir -p $(dir $@)
	@if [ "$(NO_PEERS)" = 1 ]; then bash scripts/peers-config.sh --none; \
	 else bash scripts/peers-config.sh "$(PEERS)"; fi > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
PEER_OBJ = $(PEER_SRC:%.cc=$(BUILD)/%.o)
# The registration files see AB_NO_<PEER> (PEER_CPPFLAGS): rebuilt when the
# configuration changes (make PEERS=torch after a plain make, and back).
$(patsubst %.c,$(BUILD)/%.o,$(wildcard impls/peers/*.c)): $(PEER_CONF)
CPPFLAGS += $(PEER_CPPFLAGS)
PEER_CXX_WARN := -Wall -Wextra -Wno-unused-parameter
$(BUILD)/impls/peers/%.o: impls/peers/%.cc | deps
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(PEER_CXX_WARN) $(CFLAGS) -fopenmp -D_GNU_SOURCE \
	  $(PEER_CXXFLAGS_$(firstword $(subst _, ,$*))) -MMD -MP -c $< -o $@

HARNESS_SRC ?= $(filter-out harness/main.c,$(wildcard harness/*.c harness/report/*.c))
REF_SRC     ?= $(wildcard reference/*.c)
IMPL_SRC    ?= $(wildcard impls/*.c impls/peers/*.c)
LIB_SRC := $(HARNESS_SRC) $(REF_SRC) $(IMPL_SRC)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(PEER_OBJ)
MAIN_OBJ := $(BUILD)/harness/main.o
TEST_SRC ?= $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

BIN      := $(BUILD)/actbench
# Your own variants: make gate PLUGINS="a.so b.so" (also report, baseline,
# exhaustive): each is loaded with --plugin.
PLUGINS ?=
RUN      = $(BIN) $(foreach p,$(PLUGINS),--plugin $(p))
TEST_BIN := $(BUILD)/actbench_tests

.PHONY: all deps report report-only sweep test check gate baseline exhaustive example-plugin clean mpi test-mpi
all: $(BIN)

# Installs whatever Debian package is missing (fast no-op when none is).
deps:
	@PEERS="$(PEERS)" bash scripts/install-deps.sh

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

# The objects the binaries are linked from, rewritten only when the set
# changes: a deleted or renamed source relinks them (an object that is no
# longer a prerequisite would not, and its variants would stay registered).
OBJ_LIST := $(BUILD)/gen/objects.txt
$(OBJ_LIST): FORCE
	@mkdir -p $(dir $@)
	@echo '$(sort $(LIB_OBJ) $(MAIN_OBJ) $(TEST_OBJ))' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BIN): $(LIB_OBJ) $(MAIN_OBJ) $(OBJ_LIST)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# The MPI front end (harness/mpi/): the same objects, main.c without its
# main, linked by OpenMPI's mpicc.  make test-mpi: 2 ranks on localhost
# must write the bytes of a single-process sweep (and a sharded merge).
MPI_BIN := $(BUILD)/actbench-mpi
MPICC ?= mpicc
$(BUILD)/mpi/main.o: harness/main.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DAB_NO_MAIN -MMD -MP -c $< -o $@
$(BUILD)/mpi/actbench_mpi.o: harness/mpi/actbench_mpi.c harness/commands.h | deps
	@mkdir -p $(dir $@)
	$(MPICC) $(ALL_CFLAGS) -c $< -o $@
$(MPI_BIN): $(LIB_OBJ) $(BUILD)/mpi/main.o $(BUILD)/mpi/actbench_mpi.o $(OBJ_LIST)
	$(MPICC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)
mpi: $(MPI_BIN)
# Root in CI containers, 2 cores: the flags mpirun needs for both.
MPIRUN ?= mpirun --allow-run-as-root --oversubscribe -x OMP_NUM_THREADS=1
test-mpi: $(BIN) $(MPI_BIN)
	MPIRUN="$(MPIRUN)" bash tests/mpi/run.sh $(abspath $(BIN)) $(abspath $(MPI_BIN))

# The contract test compiles registrations against api/actbench.h.
$(BUILD)/tests/test_contract.o: CPPFLAGS += -DAB_SOURCE_DIR='"$(CURDIR)"'

$(TEST_BIN): $(LIB_OBJ) $(TEST_OBJ) $(OBJ_LIST)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS) -lcriterion

results/accuracy.csv: $(BIN)
	$(RUN) sweep -o $@ --profile results/profile --special-values results/special_values.csv

results/throughput.csv: $(BIN)
	$(RUN) bench -o $@

# The report: default accuracy sweep (with error profiles and special
# values), the short benchmark, then one self-contained HTML file.
REPORT_ARGS = -i results/accuracy.csv -t results/throughput.csv --profile results/profile \
              --special-values results/special_values.csv \
              --inputs-throughput results/throughput_inputs.csv -o reports/index.html
# Speed on other inputs (each page's table): f32 at 4K on the core range and
# on five intervals where exp underflows or log1p's terms go subnormal, one
# run (about 35 s here).
INPUTS_BENCH = --precision f32 --sizes 4K --inputs core,-80:-30,30:80,-200:-90,90:200,-1e9:-1e3
# The benchmark runs after the sweep (never beside it, even with -j).
report: $(BIN)
	$(RUN) sweep -o results/accuracy.csv --profile results/profile --special-values results/special_values.csv
	$(RUN) bench -o results/throughput.csv
	$(RUN) bench $(INPUTS_BENCH) -o results/throughput_inputs.csv
	$(RUN) report $(REPORT_ARGS)
	@echo "wrote results/accuracy.csv, results/throughput.csv, results/throughput_inputs.csv, results/special_values.csv and the site: reports/index.html, one page per activation beside it"

# Every f32 input of every elementwise activation (sweep --exhaustive):
# results/exhaustive.csv, committed.  The report and recommend prefer its
# rows over the sampled ones and say which evidence a figure rests on.
exhaustive: $(BIN)
	$(RUN) sweep --exhaustive -o results/exhaustive.csv

# Rebuild the report from the existing CSVs (e.g. after editing scripts/*.gp).
report-only: $(BIN)
	$(RUN) report $(REPORT_ARGS)

# Browser test of the report's site in headless Chromium (tests/e2e/).
E2E_DEPS = cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
test-e2e: $(BIN)
	$(E2E_DEPS)
	ACTBENCH_BIN=$(abspath $(BIN)) node tests/e2e/report.test.mjs

# reports/screenshot.png (the README's picture): the top of the overview,
# from the report there is (make report first when there is none).
screenshot: $(BIN)
	@test -f reports/index.html || $(MAKE) --no-print-directory report
	$(E2E_DEPS)
	node tests/e2e/screenshot.mjs reports/index.html reports/screenshot.png

# Always re-sweep and re-bench: results depend on the code, not on file
# dates.
.PHONY: results/accuracy.csv results/throughput.csv test-e2e screenshot

# Plugins: the README's example, and the ones the tests load.
PLUGIN_CFLAGS := $(CSTD) $(WARN) -O2 -fPIC -shared
TEST_PLUGINS := $(BUILD)/plugins/my_sigmoid.so $(BUILD)/plugins/my_rows.so $(BUILD)/plugins/misbehave.so \
           $(BUILD)/plugins/nan_swallow.so $(BUILD)/plugins/planted_band.so $(BUILD)/plugins/planted_band_crash.so \
           $(foreach b,1 2 3 4,$(BUILD)/plugins/gate_variant_$(b).so) \
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
$(BUILD)/plugins/planted_band.so: tests/plugins/planted_band.c tests/plugins/planted_band.h api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -o $@ $< -lm
$(BUILD)/plugins/planted_band_crash.so: tests/plugins/planted_band.c tests/plugins/planted_band.h api/actbench.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -DPB_CRASH -o $@ $< -lm
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

# ---- install -------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=...]: the binary, the plugin API
# headers (PREFIX/include/actbench), actbench.pc, the man page, the bash
# completion and the report's gnuplot scripts; scripts/install.sh lists
# them.  make uninstall removes the same files.
PREFIX ?= /usr/local
DESTDIR ?=
.PHONY: install uninstall
install: $(BIN)
	bash scripts/install.sh install $(BIN) '$(PREFIX)' '$(DESTDIR)'
uninstall:
	bash scripts/install.sh uninstall '$(PREFIX)' '$(DESTDIR)'
# The install test runs scripts/install.sh and tests/install/run.sh from here.
$(BUILD)/tests/test_install.o: CPPFLAGS += -DAB_SOURCE_DIR='"$(CURDIR)"'

# ---- sanitizers --------------------------------------------------------------
# make test-sanitize: everything rebuilt with AddressSanitizer (leaks
# included) and UndefinedBehaviorSanitizer into build-san/, then the suites
# of `make test` (not the check_* certification runs, nor the gate's sweep).
# Every finding is fatal: UBSan does not recover (an actbench run exits 87,
# a test process 87 or 86 for a leak), and since a test worker's leak report
# comes after its test passed, the target also fails on any sanitizer report
# in the log (build-san/test-sanitize.log).  Options (sanitize/README.md): the crashing
# plugin tests need ASan to leave SIGSEGV, SIGBUS, SIGFPE and SIGILL to the
# plugin's isolated child (handle_*=0); LSan suppressions are in
# sanitize/lsan.supp.
SAN_BUILD := build-san
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_ENV := ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0:detect_leaks=1:abort_on_error=0:exitcode=86:allocator_may_return_null=1 \
           UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/sanitize/lsan.supp:print_suppressions=0
.PHONY: test-sanitize
test-sanitize: | deps
	$(MAKE) --no-print-directory -j2 BUILD=$(SAN_BUILD) CFLAGS='$(SAN_CFLAGS)' NO_PEERS=1 \
	  $(SAN_BUILD)/actbench $(SAN_BUILD)/actbench_tests \
	  $(subst $(BUILD)/,$(SAN_BUILD)/,$(TEST_PLUGINS))
	@set -e; status=0; \
	$(SAN_ENV) OMP_WAIT_POLICY=passive ACTBENCH_BIN=$(abspath $(SAN_BUILD)/actbench) \
	  ACTBENCH_PLUGINS=$(abspath $(SAN_BUILD)/plugins) \
	  $(SAN_BUILD)/actbench_tests --jobs 2 --filter '!(check_*)/*' > $(SAN_BUILD)/test-sanitize.log 2>&1 \
	  || status=$$?; \
	grep -E '^\[(FAIL|----)\]|Synthesis' $(SAN_BUILD)/test-sanitize.log | grep -vE '^\[----\] +$$' | head -n 400; \
	findings=$$(grep -cE 'ERROR: (Address|Leak)Sanitizer|runtime error:' $(SAN_BUILD)/test-sanitize.log || true); \
	echo "test-sanitize: exit status $$status, $$findings sanitizer reports (log: $(SAN_BUILD)/test-sanitize.log)"; \
	[ "$$status" = 0 ] && [ "$$findings" = 0 ]

# ---- fuzzing ---------------------------------------------------------------------
# make fuzz [FUZZ_SECONDS=60]: libFuzzer targets (fuzz/, clang with
# -fsanitize=fuzzer,address,undefined) built into build-fuzz/, each run for
# FUZZ_SECONDS from its committed seed corpus fuzz/corpus/NAME (what it
# finds goes to build-fuzz/corpus/NAME; a crash, leak or UBSan finding
# stops the run with the input in build-fuzz/crash-NAME-*).  fuzz/README.md
# says what each target covers.
FUZZ_BUILD := build-fuzz
FUZZ_CC := clang
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer
FUZZ_TARGETS := results_csv summary_csv flags ranges partial
FUZZ_SECONDS ?= 60
FUZZ_WRAP_results_csv := -Wl,--wrap=exit
FUZZ_WRAP_summary_csv := -Wl,--wrap=exit
FUZZ_WRAP_flags := -Wl,--wrap=exit,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=free
FUZZ_WRAP_ranges := $(FUZZ_WRAP_flags)
FUZZ_WRAP_partial := -Wl,--wrap=exit
FUZZ_OPTS_results_csv := -max_len=16384
FUZZ_OPTS_summary_csv := -max_len=16384
FUZZ_OPTS_flags := -max_len=512
FUZZ_OPTS_ranges := -max_len=256
FUZZ_OPTS_partial := -max_len=16384
.PHONY: fuzz fuzz-build fuzz-objs
# Inside the sub-make BUILD is build-fuzz and CC clang.  The variants
# (impls/: gcc vector extensions clang rejects, and leaf numeric code the
# targets only register) are compiled by gcc, uninstrumented.
FUZZ_LIB_OBJ = $(filter-out $(BUILD)/impls/%,$(LIB_OBJ)) $(IMPL_SRC:%.c=$(BUILD)/gcc/%.o)
# Kept (not intermediate), so a rebuild of one target does not recompile impls/.
.PRECIOUS: $(BUILD)/gcc/%.o
$(BUILD)/gcc/%.o: %.c | deps
	@mkdir -p $(dir $@)
	gcc $(CSTD) $(WARN) -O2 -g -fopenmp -D_GNU_SOURCE $(CPPFLAGS) -c $< -o $@
fuzz-objs: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_WRAP_$*) $(LDLIBS)
fuzz-build: | deps
	$(MAKE) --no-print-directory -j2 BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS='$(FUZZ_CFLAGS)' NO_PEERS=1 fuzz-objs
# One target after the other (never beside each other, even with -j).
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-run-$$t || exit 1; done
.PHONY: $(FUZZ_TARGETS:%=fuzz-run-%)
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%:
	@mkdir -p $(FUZZ_BUILD)/corpus/$*
	@echo "fuzz: $* for $(FUZZ_SECONDS) s"
	@if $(FUZZ_BUILD)/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 -close_fd_mask=3 \
	     -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crash-$*- $(FUZZ_OPTS_$*) \
	     $(FUZZ_BUILD)/corpus/$* fuzz/corpus/$* > $(FUZZ_BUILD)/fuzz-$*.log 2>&1; \
	then grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' $(FUZZ_BUILD)/fuzz-$*.log; \
	else tail -n 60 $(FUZZ_BUILD)/fuzz-$*.log; \
	  echo "fuzz: $* FAILED (log: $(FUZZ_BUILD)/fuzz-$*.log)"; exit 1; fi

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) build-torch

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
