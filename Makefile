# plg-tools -- see README.md.  Targets: all check demo bench install
# uninstall clean deps.  Variables: CC CFLAGS PREFIX DESTDIR SANITIZE (1:
# AddressSanitizer and UBSan; thread: ThreadSanitizer).
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

CC ?= cc
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DPLG_VERSION='"$(VERSION)"' \
	-Wall -Wextra -Wpedantic -MMD -MP -Ilib $(CFLAGS)
LDLIBS = -lcsv -lm -pthread
ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(SANITIZE),thread)
ALL_CFLAGS += -fsanitize=thread -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=thread
endif

# Debian packages the build, the tests and the demo need.
DEBS = libcsv-dev libcmocka-dev libxlsxwriter-dev groff-base pkg-config python3

TOOLS = $(sort $(basename $(notdir $(wildcard cmd/plg-*.c))))
BINS = $(TOOLS:%=cmd/%)
LIB_SRC = $(filter-out lib/default-instrument-data.c,$(wildcard lib/*.c)) \
	lib/default-instrument-data.c
LIB_OBJ = $(LIB_SRC:.c=.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:.c=)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)

XLSX_LIBS = $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)

.PHONY: all check check-sanitize check-thread check-valgrind unit golden manlint psych fuzz replay hostile demo bench install uninstall clean deps

all: $(BINS)

lib/libplg.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The default instrument is compiled into every binary.
lib/default-instrument-data.c: lib/default-instrument.csv
	{ echo '/* generated from default-instrument.csv by make; do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'const unsigned char plg_default_instrument[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t plg_default_instrument_len = sizeof(plg_default_instrument) - 1;'; \
	} > $@.tmp && mv $@.tmp $@

%.o: %.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

cmd/plg-report: cmd/plg-report.o lib/libplg.a
	$(CC) $(LDFLAGS) -o $@ $< lib/libplg.a $(LDLIBS) $(XLSX_LIBS)

cmd/%: cmd/%.o lib/libplg.a
	$(CC) $(LDFLAGS) -o $@ $< lib/libplg.a $(LDLIBS)

tests/unit/test_%: tests/unit/test_%.o lib/libplg.a
	$(CC) $(LDFLAGS) -o $@ $< lib/libplg.a $(LDLIBS) $(XLSX_LIBS) -lcmocka

# make check installs what is missing, builds, and runs every suite.
check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@$(MAKE) --no-print-directory unit golden replay hostile manlint psych

# The whole suite built with AddressSanitizer and UBSan (a clean build
# before and after, so sanitized and plain objects never mix).
check-sanitize:
	@$(MAKE) --no-print-directory clean
	@$(MAKE) --no-print-directory check SANITIZE=1 \
	    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	@$(MAKE) --no-print-directory clean

# The reader thread of lib/csvio.c under ThreadSanitizer: the unit tests
# (csvio's in both modes), every golden case and the hostile inputs.  Built
# with PLG_NO_SIMD, so that the portable loops that stand in for SSE2 on
# other machines (lib/score.c) are tested too.
check-thread:
	@$(MAKE) --no-print-directory clean
	@PLG_THREADS= TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	    $(MAKE) --no-print-directory SANITIZE=thread \
	    CFLAGS="-g -DPLG_NO_SIMD" unit golden hostile
	@$(MAKE) --no-print-directory clean

# Every golden case under valgrind's memcheck: no invalid access, no use of
# uninitialised memory, no definite leak (installs valgrind when missing).
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite
check-valgrind:
	@$(MAKE) --no-print-directory deps DEBS="$(DEBS) valgrind"
	@$(MAKE) --no-print-directory all
	@GOLDEN_WRAP="$(VALGRIND)" sh tests/golden.sh

unit: $(UNIT_BIN)
	@pass=0; fail=0; for t in $(UNIT_BIN); do \
	  if $$t >$$t.log 2>&1; then pass=$$((pass+1)); else fail=$$((fail+1)); cat $$t.log; fi; \
	  tail -n 1 $$t.log | sed "s|^|$$(basename $$t): |"; \
	done; echo "unit: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

golden: $(BINS)
	@sh tests/golden.sh

# Inputs too big for the repository: a 10 MB field, 100,000 columns, a
# runaway quote, and the accounting of a messy file.
hostile: $(BINS)
	@sh tests/hostile.sh

# Fuzzing (clang's libFuzzer, Debian clang and libclang-rt-14-dev): every
# parser a user's file reaches.  make fuzz FUZZ_SECONDS=N runs each harness
# N seconds from its seed corpus in tests/fuzz/corpus/; crashes land in
# tests/out/fuzz/ and belong, once fixed, in tests/fuzz/regressions/.
FUZZERS = $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_SRC = tests/fuzz/fuzz.c $(filter-out lib/default-instrument-data.c,\
	$(wildcard lib/*.c)) lib/default-instrument-data.c
FUZZ_OBJ = $(FUZZ_SRC:%.c=tests/fuzz/bin/obj/%.o)

tests/fuzz/bin/obj/%.o: %.c $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -Ilib -Itests/fuzz -g -O1 \
	    -fsanitize=fuzzer-no-link,address,undefined \
	    -fno-sanitize-recover=undefined -c -o $@ $<

tests/fuzz/bin/%: tests/fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -Ilib -Itests/fuzz \
	    $(FUZZ_FLAGS) -o $@ $< $(FUZZ_OBJ) $(LDLIBS) $(XLSX_LIBS)

fuzz:
	@$(MAKE) --no-print-directory deps DEBS="$(DEBS) clang libclang-rt-14-dev"
	@$(MAKE) --no-print-directory $(FUZZERS:%=tests/fuzz/bin/%)
	@for f in $(FUZZERS); do \
	  mkdir -p tests/out/fuzz/$$f/corpus; \
	  tests/fuzz/bin/$$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -artifact_prefix=tests/out/fuzz/$$f/ -print_final_stats=1 \
	    tests/out/fuzz/$$f/corpus tests/fuzz/corpus/$$f \
	    >tests/out/fuzz/$$f.log 2>&1; rc=$$?; \
	  runs=$$(grep -o 'stat::number_of_executed_units: *[0-9]*' tests/out/fuzz/$$f.log | grep -o '[0-9]*$$'); \
	  echo "$$f: $${runs:-?} executions, exit $$rc"; \
	done

# Every harness, built with the plain compiler, replays its seed corpus and
# every past crash (tests/fuzz/regressions/<harness>-*).
REPLAY_BIN = $(FUZZERS:%=tests/fuzz/replay-%)
tests/fuzz/replay-%: tests/fuzz/%.o tests/fuzz/fuzz.o tests/fuzz/replay.o lib/libplg.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(XLSX_LIBS)

.PRECIOUS: tests/fuzz/%.o
tests/fuzz/%.o: tests/fuzz/%.c
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

replay: $(REPLAY_BIN)
	@pass=0; fail=0; for f in $(FUZZERS); do \
	  set -- tests/fuzz/corpus/$$f/* $$(ls tests/fuzz/regressions/$$f-* 2>/dev/null); \
	  if tests/fuzz/replay-$$f "$$@"; then pass=$$((pass+1)); \
	  else fail=$$((fail+1)); echo "replay: $$f failed"; fi; \
	done; echo "replay: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

# plg-score against R psych, when Rscript with psych is installed.
psych: $(BINS)
	@sh tests/psych.sh

manlint:
	@fail=0; for m in $(MAN1) $(MAN5) $(MAN7); do \
	  out=$$(LC_ALL=C groff -mandoc -ww -z $$m 2>&1); \
	  if [ -n "$$out" ]; then echo "$$m: $$out"; fail=1; fi; done; \
	  [ $$fail -eq 0 ] && echo "manlint: $(words $(MAN1) $(MAN5) $(MAN7)) pages clean"

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@sh examples/demo.sh

bench: all
	@sh tests/bench/bench.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(if $(MAN5),cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/)
	$(if $(MAN7),cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	  $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%) \
	  $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)

clean:
	rm -f lib/*.o lib/*.d lib/libplg.a lib/default-instrument-data.c \
	  cmd/*.o cmd/*.d $(BINS) tests/unit/*.o tests/unit/*.d \
	  tests/unit/*.log $(UNIT_BIN) tests/fuzz/*.o tests/fuzz/*.d \
	  $(REPLAY_BIN)
	rm -rf tests/out tests/fuzz/bin

# Install the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

-include $(LIB_OBJ:.o=.d) $(BINS:=.d) $(UNIT_SRC:.c=.d) $(wildcard tests/fuzz/*.d)
