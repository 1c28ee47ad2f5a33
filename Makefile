# Serambi — one non-recursive Makefile. Everything it makes goes under build/.
#
#   make run      the kiosk and a local hub beside it (installs what it needs first)
#   make check    every test suite, then the same suites under ASan + UBSan
#
# VARIANT selects the build flavour and its output folder:
#   release  -O2, the default
#   asan     -O1 with AddressSanitizer + UndefinedBehaviorSanitizer (leaks fail)
#   fuzz     clang with libFuzzer, ASan and UBSan, for `make fuzz`

SHELL   := /bin/bash
PREFIX  ?= /usr/local
DESTDIR ?=
VARIANT ?= release
WERROR  ?= 0
BUILD_ROOT ?= build
B       := $(BUILD_ROOT)/$(VARIANT)

CC      ?= cc
PKG_CONFIG ?= pkg-config

# `make V=1` shows every command; by default one short line per step.
ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = printf '  %-6s %s\n' $(1) $(2);
endif

# Debian 12 packages every part needs to build, test and benchmark; each
# part below adds its own.
DEBS := build-essential pkg-config clang clang-format clang-tidy libclang-rt-14-dev \
        libcmocka-dev hyperfine

# pkg-config modules linked into the library and the programs; parts add.
PKGS      :=
TEST_PKGS := cmocka
# Libraries without a pkg-config file, as -l flags; parts add.
EXTRA_LIBS := -lm

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wundef \
            -Wstrict-prototypes -Wmissing-prototypes -Wvla
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif

CPPFLAGS_ALL := -D_GNU_SOURCE -Isrc -DCONFIG_DEFAULT_ASSETS_DIR='"$(PREFIX)/share/serambi"' $(CPPFLAGS)
CFLAGS_ALL   := -std=c11 $(WARNINGS) -g -MMD -MP -pthread
LDFLAGS_ALL  := -pthread -Wl,--as-needed $(LDFLAGS)

ifeq ($(VARIANT),release)
CFLAGS_ALL += -O2
else ifeq ($(VARIANT),asan)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_ALL  += -O1 $(SAN)
LDFLAGS_ALL += $(SAN)
else ifeq ($(VARIANT),fuzz)
CC := clang
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_ALL  += -O1 $(SAN) -fsanitize=fuzzer-no-link
LDFLAGS_ALL += $(SAN)
else
$(error VARIANT must be release, asan or fuzz, not '$(VARIANT)')
endif
CFLAGS_ALL += $(CFLAGS)

# pkg-config is asked only when a target needs it, so `make deps` and
# `make clean` work on a machine that has none of the libraries yet.
LIBS      = $(shell $(PKG_CONFIG) --libs $(PKGS)) $(EXTRA_LIBS)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(TEST_PKGS))

# --- parts -----------------------------------------------------------------
# Each part adds, in its own block: its Debian packages (DEBS), pkg-config
# modules (PKGS), library sources (LIB_SRC: everything but a program's
# main, so that tests link exactly what ships), programs (PROGRAMS, each
# with its link rule under "programs" below) and their mains (MAIN_SRC).
LIB_SRC  :=
PROGRAMS :=
MAIN_SRC :=

# kiosk: core (pure), store (SQLite) and the kiosk's wiring
DEBS     += libsqlite3-dev sqlite3 libjansson-dev libsodium-dev tzdata
PKGS     += sqlite3 jansson libsodium
LIB_SRC  += $(wildcard src/core/*.c) $(wildcard src/store/*.c) \
            $(filter-out src/kiosk/main.c,$(wildcard src/kiosk/*.c))
KIOSK_BIN := $(B)/bin/serambi
PROGRAMS += $(KIOSK_BIN)
MAIN_SRC += src/kiosk/main.c

# touch UI (src/ui)
DEBS     += libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libqrencode-dev libfontconfig-dev \
            fonts-noto-core gettext
PKGS     += sdl2 SDL2_ttf SDL2_image libqrencode fontconfig
LIB_SRC  += $(wildcard src/ui/*.c) $(wildcard src/ui/screens/*.c)
CPPFLAGS_ALL += -DCONFIG_DEFAULT_LOCALE_DIR='"$(PREFIX)/share/locale"'
# The rules below come before `all`; keep `all` the default goal.
.DEFAULT_GOAL := all
# Translations are compiled next to the programs; `make run` and the tests
# point locale_dir there.
UI_MO := $(patsubst assets/locale/%.po,$(B)/locale/%/LC_MESSAGES/serambi.mo,$(wildcard assets/locale/*.po))
$(KIOSK_BIN): | $(UI_MO)
$(B)/locale/%/LC_MESSAGES/serambi.mo: assets/locale/%.po
	@mkdir -p $(@D)
	$(Q)$(call say,MSGFMT,$<)msgfmt --check -o $@ $<
.PHONY: install-ui uninstall-ui
install: install-ui
install-ui: $(UI_MO)
	for mo in $(UI_MO); do \
	  lang=$$(basename $$(dirname $$(dirname $$mo))); \
	  install -D -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/serambi.mo; \
	done
uninstall: uninstall-ui
uninstall-ui:
	rm -f $(patsubst assets/locale/%.po,$(DESTDIR)$(PREFIX)/share/locale/%/LC_MESSAGES/serambi.mo,$(wildcard assets/locale/*.po))

# printing (src/print, printer/)
# Debian 12's libcups has no pkg-config file; cups-config --libs says -lcups.
DEBS     += libcups2-dev cups-daemon cups-client cups-ppdc cups-ipp-utils
EXTRA_LIBS += -lcups
LIB_SRC  += $(filter-out printer/rastertoescpos.c,$(wildcard printer/*.c)) $(wildcard src/print/*.c)
PRINT_FILTER := $(B)/bin/rastertoescpos
# The PPDs are built with the programs: the tests and install need them.
PRINT_PPDS := $(B)/ppd/serambi58.ppd $(B)/ppd/serambi80.ppd
PROGRAMS += $(PRINT_FILTER) $(PRINT_PPDS)
MAIN_SRC += printer/rastertoescpos.c
# printer/ sits beside src/: its headers are included as "printer/escpos.h".
CPPFLAGS_ALL += -I.
# bench_print also times the filter program, found in ../bin beside it,
# and the kiosk's path through a private cupsd (the tests' helpers).
$(B)/bench/bench_print: | $(PRINT_FILTER) $(PRINT_PPDS)
$(B)/bench/bench_print: $(B)/obj/tests/helpers.o
$(B)/bench/bench_print: private EXTRA_LIBS += -lcmocka
# Where CUPS looks for filters and for PPDs to offer (`lpinfo -m`).
CUPS_SERVERBIN = $(shell cups-config --serverbin 2>/dev/null || echo /usr/lib/cups)
CUPS_MODELDIR  = $(shell cups-config --datadir 2>/dev/null || echo /usr/share/cups)/model/serambi

# scanning (src/scan)
DEBS     += libsane-dev libsane1 sane-utils libhpdf-dev libjpeg-dev libusb-1.0-0-dev \
            qpdf poppler-utils umockdev libumockdev-dev
PKGS     += sane-backends libjpeg libusb-1.0
EXTRA_LIBS += -lhpdf
LIB_SRC  += $(wildcard src/scan/*.c)
# The hotplug test builds its USB devices with libumockdev.
$(B)/obj/tests/integration/test_scan_hotplug_usb.o: private PKG_CFLAGS += $(shell $(PKG_CONFIG) --cflags umockdev-1.0)
$(B)/tests/integration/test_scan_hotplug_usb: private TEST_LIBS += $(shell $(PKG_CONFIG) --libs umockdev-1.0)
# SANE's test backend cancels its reader thread asynchronously; the tests
# that scan preload this library, which keeps that cancel deferred
# (docs/scanning.md). Not instrumented: it only forwards one call.
SANE_CANCEL_LIB := $(B)/tests/libdeferred-cancel.so
TEST_EXTRA += $(SANE_CANCEL_LIB)

# hub and sync (src/hub, src/sync)
DEBS     += libmicrohttpd-dev libgnutls28-dev libcurl4-gnutls-dev libpq-dev postgresql wrk
PKGS     += libmicrohttpd libpq libcurl
LIB_SRC  += $(filter-out src/hub/main.c,$(wildcard src/hub/*.c)) $(wildcard src/sync/*.c)
HUB_BIN  := $(B)/bin/serambi-hub
PROGRAMS += $(HUB_BIN)
MAIN_SRC += src/hub/main.c

# --- derived -----------------------------------------------------------------
LIB_OBJ   = $(LIB_SRC:%.c=$(B)/obj/%.o)
LIB       := $(B)/libserambi.a

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
INTEG_SRC := $(wildcard tests/integration/test_*.c)
TEST_BINS := $(UNIT_SRC:tests/%.c=$(B)/tests/%) $(INTEG_SRC:tests/%.c=$(B)/tests/%)
TEST_HELPER_OBJ := $(B)/obj/tests/helpers.o

BENCH_SRC  := $(wildcard tests/bench/bench_*.c)
BENCH_BINS := $(BENCH_SRC:tests/bench/%.c=$(B)/bench/%)

FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_SECONDS ?= 20

# Objects are intermediate files of chained rules; keep them between runs.
.SECONDARY:

.PHONY: all deps run check test fuzz monkey bench format format-check tidy install uninstall clean

all: $(PROGRAMS)

# --- build rules -----------------------------------------------------------
# Objects depend on the flags they were built with, so that `make check`
# (-Werror) never reuses an object built without it.
FLAGS_STAMP := $(B)/.flags
FLAGS_NOW   := $(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS_ALL)
ifneq ($(filter-out deps clean format format-check,$(or $(MAKECMDGOALS),all)),)
$(shell mkdir -p $(B) && { echo '$(FLAGS_NOW)' | cmp -s - $(FLAGS_STAMP) || echo '$(FLAGS_NOW)' > $(FLAGS_STAMP); })
endif

$(B)/obj/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(call say,CC,$<)$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(Q)$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

# --- programs ----------------------------------------------------------------
$(KIOSK_BIN): $(B)/obj/src/kiosk/main.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) -o $@

$(HUB_BIN): $(B)/obj/src/hub/main.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) -o $@

$(PRINT_FILTER): $(B)/obj/printer/rastertoescpos.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) -o $@

$(PRINT_PPDS) &: printer/serambi.drv
	@mkdir -p $(@D)
	$(Q)$(call say,PPDC,$<)ppdc -d $(@D) $<

# --- tests, benchmarks, fuzzers ------------------------------------------------

$(B)/tests/%: $(B)/obj/tests/%.o $(TEST_HELPER_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) $(TEST_LIBS) -o $@

$(SANE_CANCEL_LIB): tests/sane/deferred-cancel.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC,$@)$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) -O2 -g -shared -fPIC $< -o $@

$(B)/bench/%: $(B)/obj/tests/bench/%.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) -o $@

$(B)/fuzz/%: $(B)/obj/tests/fuzz/%.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) -fsanitize=fuzzer $^ $(LIBS) -o $@

-include $(shell find $(BUILD_ROOT) -name '*.d' 2>/dev/null)

# --- the two commands a newcomer types -------------------------------------
# deps installs the Debian packages that are missing, and nothing else.
deps:
	@missing=$$(for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing" $$missing; \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# make run uses a development configuration: data in build/run, assets
# from the source tree, everything else at its embedded default. Beside
# the kiosk runs a local serambi-hub on SQLite (data in build/run/hub,
# loopback only) that stops when the kiosk exits; the kiosk is enrolled
# with it on the first run only (a kept token means enrolled).
RUN_DIR := $(BUILD_ROOT)/run
RUN_HUB_PORT ?= 8470
RUN_HUB_DB := sqlite:$(abspath $(RUN_DIR)/hub/hub.db)
RUN_KIOSK := $(abspath $(KIOSK_BIN)) --config $(RUN_DIR)/kiosk.conf
run: deps
	@$(MAKE) --no-print-directory VARIANT=$(VARIANT) all
	@mkdir -p $(RUN_DIR)/data $(RUN_DIR)/hub
	@printf '# written by make run\ndata_dir = %s\nassets_dir = %s\nlocale_dir = %s\nfullscreen = no\nhub_url = http://127.0.0.1:%s/\n' \
	  "$(abspath $(RUN_DIR)/data)" "$(abspath assets)" "$(abspath $(B)/locale)" "$(RUN_HUB_PORT)" > $(RUN_DIR)/kiosk.conf
	@lpstat -p ticket >/dev/null 2>&1 || { \
	  printf 'ticket_dir = %s\n' "$(abspath $(RUN_DIR)/tickets)" >> $(RUN_DIR)/kiosk.conf; \
	  echo "run: no CUPS queue 'ticket' on this machine: tickets are written to $(RUN_DIR)/tickets as PNG files"; }
	@rm -rf $(RUN_DIR)/sane; scanimage -L 2>/dev/null | grep -q '^device' || { \
	  mkdir -p $(RUN_DIR)/sane; printf 'test\n' > $(RUN_DIR)/sane/dll.conf; \
	  printf 'number_of_devices 1\ntest-picture "Grid"\n' > $(RUN_DIR)/sane/test.conf; \
	  printf 'scan_source = flatbed\n' >> $(RUN_DIR)/kiosk.conf; \
	  echo "run: no scanner found: SANE's test scanner stands in (plug one in and run again to use it)"; }
	@$(abspath $(HUB_BIN)) --listen 127.0.0.1:$(RUN_HUB_PORT) --db $(RUN_HUB_DB) 2>>$(RUN_DIR)/hub/hub.log & hub=$$!; \
	trap 'kill $$hub 2>/dev/null; wait $$hub' EXIT; trap 'exit 130' INT TERM; \
	up=; for i in $$(seq 50); do \
	  kill -0 $$hub 2>/dev/null || break; \
	  $(RUN_KIOSK) doctor 2>/dev/null | grep -q '^hub  *ok' && { up=1; break; }; \
	  sleep 0.1; \
	done; \
	if [ -z "$$up" ]; then \
	  echo "run: serambi-hub did not start on 127.0.0.1:$(RUN_HUB_PORT); see $(RUN_DIR)/hub/hub.log" \
	    "(another port: make run RUN_HUB_PORT=N)" >&2; exit 1; \
	fi; \
	if [ ! -s $(RUN_DIR)/data/hub-token ]; then \
	  $(abspath $(HUB_BIN)) --db $(RUN_HUB_DB) revoke make-run >/dev/null 2>&1; \
	  code=$$($(abspath $(HUB_BIN)) --db $(RUN_HUB_DB) enroll --name make-run) && \
	  $(RUN_KIOSK) enroll "$$code" || exit 1; \
	fi; \
	if [ -f $(RUN_DIR)/sane/dll.conf ]; then export SANE_CONFIG_DIR=$(abspath $(RUN_DIR)/sane); fi; \
	$(RUN_KIOSK)

# test builds and runs every suite of one variant; check runs both variants.
# Tests find the programs through SERAMBI_BUILD ($(B)) and SERAMBI_BIN.
test: $(PROGRAMS) $(TEST_BINS) $(TEST_EXTRA)
	@SERAMBI_BIN=$(abspath $(KIOSK_BIN)) SERAMBI_ASSETS=$(abspath assets) \
	  SERAMBI_BUILD=$(abspath $(B)) SERAMBI_SOURCE=$(CURDIR) \
	  tests/run-suites $(VARIANT) $(B)/test-summary $(TEST_BINS)

check: deps format-check
	@$(MAKE) --no-print-directory VARIANT=release WERROR=1 test
	@# the benchmarks are only built here (make bench runs them), so they keep compiling
	@$(MAKE) --no-print-directory VARIANT=release WERROR=1 $(BENCH_SRC:tests/bench/%.c=$(BUILD_ROOT)/release/bench/%)
	@$(MAKE) --no-print-directory VARIANT=asan WERROR=1 test
	@tests/run-suites --total $(BUILD_ROOT)/release/test-summary $(BUILD_ROOT)/asan/test-summary

# fuzz runs every libFuzzer target for FUZZ_SECONDS, starting from the
# seed inputs in tests/data/fuzz/NAME/ when there are some.
fuzz: deps
	@$(MAKE) --no-print-directory VARIANT=fuzz WERROR=1 $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD_ROOT)/fuzz/fuzz/%)
	@for f in $(FUZZ_SRC:tests/fuzz/%.c=%); do \
	  corpus=$(BUILD_ROOT)/fuzz/corpus/$$f; mkdir -p $$corpus; \
	  seeds=; [ -d tests/data/fuzz/$$f ] && seeds=tests/data/fuzz/$$f; \
	  echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  $(BUILD_ROOT)/fuzz/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(BUILD_ROOT)/fuzz/ $$corpus $$seeds 2>&1 | grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done)' ; \
	  [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

# monkey: 100,000 random taps, swipes and clock jumps on the kiosk under
# ASan + UBSan + LSan (MONKEY_TAPS to change); it must end Home.
MONKEY_TAPS ?= 100000
monkey: deps
	@$(MAKE) --no-print-directory VARIANT=asan WERROR=1 $(BUILD_ROOT)/asan/bin/serambi \
	  $(BUILD_ROOT)/asan/tests/integration/test_ui_replay $(BUILD_ROOT)/asan/tests/libdeferred-cancel.so
	@SERAMBI_BIN=$(abspath $(BUILD_ROOT)/asan/bin/serambi) SERAMBI_ASSETS=$(abspath assets) \
	  SERAMBI_BUILD=$(abspath $(BUILD_ROOT)/asan) SERAMBI_SOURCE=$(CURDIR) \
	  SERAMBI_MONKEY_TAPS=$(MONKEY_TAPS) \
	  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt \
	  $(BUILD_ROOT)/asan/tests/integration/test_ui_replay

bench: deps
	@$(MAKE) --no-print-directory VARIANT=release $(BENCH_BINS) $(KIOSK_BIN)
	@for b in $(BENCH_BINS); do echo "== $$b"; $$b $(BUILD_ROOT)/bench-data || exit 1; done

# soak runs the kiosk<->hub soak tests (tests/soak): minutes, so not part
# of check. SQLite, then PostgreSQL (SERAMBI_SOAK_PG=0 leaves it out).
SOAK_SRC  := $(wildcard tests/soak/soak_*.c)
SOAK_BINS := $(SOAK_SRC:tests/soak/%.c=$(B)/soak/%)
.PHONY: soak
$(B)/soak/%: $(B)/obj/tests/soak/%.o $(TEST_HELPER_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(Q)$(call say,LD,$@)$(CC) $(LDFLAGS_ALL) $^ $(LIBS) $(TEST_LIBS) -o $@

soak: deps
	@$(MAKE) --no-print-directory VARIANT=$(VARIANT) WERROR=1 $(PROGRAMS) $(SOAK_BINS)
	@for s in $(SOAK_BINS); do echo "== $$s"; \
	  SERAMBI_BIN=$(abspath $(KIOSK_BIN)) SERAMBI_ASSETS=$(abspath assets) \
	  SERAMBI_BUILD=$(abspath $(B)) SERAMBI_SOURCE=$(CURDIR) $$s || exit 1; done

# --- style -----------------------------------------------------------------
FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || find src tests -name '*.[ch]')

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format-check: ok"

# One clang-tidy process per file: clang-tidy 14 carries analyzer state from
# one file to the next when given many, and then reports va_list use that
# is not there.
tidy:
	@set -o pipefail; printf '%s\n' $(LIB_SRC) $(MAIN_SRC) | \
	  xargs -P "$$(nproc)" -I{} clang-tidy --quiet {} -- $(CPPFLAGS_ALL) $(PKG_CFLAGS) -std=c11 \
	  2>&1 | { grep -v ' warnings\? generated\.$$' || true; }
	@echo "tidy: ok"

# --- install ---------------------------------------------------------------
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/serambi

install: $(PROGRAMS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/calendar $(DESTDIR)$(DATADIR)/office
	install -m 0755 $(KIOSK_BIN) $(DESTDIR)$(BINDIR)/serambi
	install -m 0755 $(HUB_BIN) $(DESTDIR)$(BINDIR)/serambi-hub
	install -m 0644 assets/calendar/*.txt $(DESTDIR)$(DATADIR)/calendar/
	install -m 0644 assets/office/* $(DESTDIR)$(DATADIR)/office/
	install -d $(DESTDIR)$(CUPS_SERVERBIN)/filter $(DESTDIR)$(CUPS_MODELDIR)
	install -m 0755 $(PRINT_FILTER) $(DESTDIR)$(CUPS_SERVERBIN)/filter/rastertoescpos
	install -m 0644 $(PRINT_PPDS) $(DESTDIR)$(CUPS_MODELDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/serambi
	rm -f $(DESTDIR)$(BINDIR)/serambi-hub
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(CUPS_SERVERBIN)/filter/rastertoescpos
	rm -rf $(DESTDIR)$(CUPS_MODELDIR)

clean:
	rm -rf build
