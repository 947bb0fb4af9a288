# brief -- scriptable briefings: Lua scripts in, typeset PDF out.
#
#   make demo      install missing packages, build, render scripts/*.lua into reports/
#   make test      install missing packages, build, run every test
#   make SANITIZE=address,undefined test
#   make valgrind  the unit tests and the shipped briefings under valgrind
#   make fuzz      every libFuzzer target for a minute (make test: ten seconds each)
#   make install PREFIX=/usr/local DESTDIR=...

CC      ?= cc
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/brief
BUILD   ?= build
VERSION := 0.1.0

PKGS    := lua5.4 harfbuzz harfbuzz-subset libcsv
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wvla -Wno-unused-parameter -Wno-format-truncation
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -I$(BUILD) -MMD -MP \
           -DBRIEF_VERSION='"$(VERSION)"' -DBRIEF_SHAREDIR='"$(SHAREDIR)"'
LDLIBS  += -lhpdf -lcsv -lpng -lz -ljpeg -lseccomp -lhyphen -lunibreak -lm
# full RELRO: symbols bound at start, the tables read-only after (Debian's
# "bindnow" hardening; also spares each first library call a lazy lookup)
LDFLAGS += -Wl,-z,relro,-z,now

ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
BUILD   := build-sanitize
endif

# pkg-config flags, looked up only when a build needs them (not for `make deps`).
PKG_CFLAGS = $(shell pkg-config --cflags lua5.4 harfbuzz harfbuzz-subset 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs lua5.4 harfbuzz harfbuzz-subset 2>/dev/null)

SRC      := $(sort $(wildcard src/*/*.c))
OBJ      := $(SRC:src/%.c=$(BUILD)/%.o)
EMBED    := $(BUILD)/script/embedded.o
TESTS    := $(sort $(basename $(notdir $(wildcard tests/test_*.c))))
TESTBINS := $(TESTS:%=$(BUILD)/tests/%)

.PHONY: all brief deps demo test check e2e bench install uninstall cli-doc clean valgrind annotations

all: deps brief annotations

# ---- system packages ---------------------------------------------------------

DEB_PACKAGES := gcc make pkg-config liblua5.4-dev libhpdf-dev libcmocka-dev \
                libharfbuzz-dev libcsv-dev libpng-dev zlib1g-dev libjpeg-dev libseccomp-dev \
                libhyphen-dev hyphen-en-us libunibreak-dev \
                fonts-liberation2 fonts-nanum \
                poppler-utils qpdf clang libclang-rt-14-dev valgrind jq parallel
deps:
	@sh tests/deps.sh $(DEB_PACKAGES)

# ---- the program ---------------------------------------------------------------

# ./brief is a copy of the last build's binary, plain or sanitized.
brief: $(BUILD)/brief
	@cp $(BUILD)/brief brief

$(BUILD)/brief: $(BUILD)/libbrief.a $(BUILD)/main.o
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/main.o $(BUILD)/libbrief.a $(PKG_LIBS) $(LDLIBS)

$(BUILD)/libbrief.a: $(OBJ) $(EMBED)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# The Lua half of the brief module, compiled into the binary.
$(BUILD)/script/embedded.c: src/script/brief.lua src/script/embed.sh
	@mkdir -p $(dir $@)
	sh src/script/embed.sh $@ brief_lua src/script/brief.lua

$(BUILD)/script/embedded.o: $(BUILD)/script/embedded.c
	$(CC) $(CFLAGS) -c -o $@ $<

# ---- editor annotations ---------------------------------------------------------

# LuaCATS files for lua-language-server (docs/editor.md): brief's API written
# by hand, the dataset's records generated from its schema (tools/annotate.c).
ANNOTATIONS := $(BUILD)/annotations/brief.lua $(BUILD)/annotations/relations.lua
annotations: $(ANNOTATIONS)

$(BUILD)/tools/annotate: tools/annotate.c $(BUILD)/libbrief.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbrief.a $(PKG_LIBS) $(LDLIBS)

$(BUILD)/annotations/relations.lua: tools/annotations/relations.lua.in $(BUILD)/tools/annotate
	@mkdir -p $(dir $@)
	$(BUILD)/tools/annotate $< $@

$(BUILD)/annotations/brief.lua: tools/annotations/brief.lua.in
	@mkdir -p $(dir $@)
	cp $< $@

# ---- tests -------------------------------------------------------------------

# Every test links tests/support.c, the helpers the tests share.
$(BUILD)/tests/support.o: tests/support.c tests/support.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/support.h $(BUILD)/tests/support.o $(BUILD)/libbrief.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/tests/support.o \
	      $(BUILD)/libbrief.a $(PKG_LIBS) -lcmocka $(LDLIBS)

# It compares the annotations with the API: they are made first.
$(BUILD)/tests/test_annotations: $(ANNOTATIONS)

test check: deps brief annotations $(TESTBINS)
	@sh tests/run_unit.sh $(TESTBINS)
	@sh tests/e2e/run.sh ./brief
	@sh tests/docs/run.sh ./brief
	@sh tests/batch/run.sh ./brief
	@sh tests/attacks/run.sh ./brief
	@sh tests/watch/run.sh ./brief
	@sh tests/install/run.sh ./brief
ifeq ($(SANITIZE),)
	@$(MAKE) --no-print-directory fuzz-smoke
endif

# The unit tests and the shipped briefings under valgrind (CI runs this).
valgrind: deps brief $(TESTBINS)
	@sh tests/valgrind.sh $(TESTBINS)

demo: deps brief
	@mkdir -p reports
	./brief scripts/overview.lua -o reports/overview.pdf
	./brief scripts/dialogue.lua -o reports/dialogue.pdf
	./brief scripts/anniversary.lua -o reports/anniversary.pdf
	@ls -l reports/*.pdf

# brief against raw libharu on the briefing-N workload, N = 1 to 10,000
# (BENCH_MAX_N=1000 stops earlier), then the batch figures: tests/bench.sh.
bench: deps brief
	@sh tests/bench.sh ./brief

# ---- install -------------------------------------------------------------------

MANDIR  ?= $(PREFIX)/share/man
# groff checks the man page (tests/install/run.sh)
DEB_PACKAGES += groff-base

# The man page brief(1), printed by brief from its option table (src/cli/options.c).
$(BUILD)/brief.1: $(BUILD)/brief
	$(BUILD)/brief --manual roff >$@.tmp && mv $@.tmp $@

# docs/cli.md's options, exit codes and environment, printed from the same
# table into the block between its two markers (tests/install checks them).
cli-doc: $(BUILD)/brief
	$(BUILD)/brief --manual markdown >$(BUILD)/cli-options.md
	awk -v gen=$(BUILD)/cli-options.md \
	    '/^<!-- end of the generated options -->/ { skip = 0 } !skip { print } \
	     /^<!-- generated from src\/cli\/options.c/ { while ((getline l < gen) > 0) print l; skip = 1 }' \
	    docs/cli.md >$(BUILD)/cli.md && mv $(BUILD)/cli.md docs/cli.md

# The LuaCATS annotations are installed when this Makefile has a rule that
# makes them ($(BUILD)/annotations/*.lua).
install: brief annotations $(BUILD)/brief.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/data $(DESTDIR)$(SHAREDIR)/templates \
	           $(DESTDIR)$(SHAREDIR)/scripts $(DESTDIR)$(MANDIR)/man1
	install -m 755 brief $(DESTDIR)$(BINDIR)/brief
	install -m 644 data/*.csv data/README.md $(DESTDIR)$(SHAREDIR)/data/
	install -m 644 templates/*.lua $(DESTDIR)$(SHAREDIR)/templates/
	install -m 644 scripts/*.lua $(DESTDIR)$(SHAREDIR)/scripts/
	install -m 644 -Dt $(DESTDIR)$(SHAREDIR)/annotations $(BUILD)/annotations/*.lua
	install -m 644 $(BUILD)/brief.1 $(DESTDIR)$(MANDIR)/man1/brief.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/brief $(DESTDIR)$(MANDIR)/man1/brief.1
	rm -rf $(DESTDIR)$(SHAREDIR)/data $(DESTDIR)$(SHAREDIR)/templates \
	       $(DESTDIR)$(SHAREDIR)/scripts $(DESTDIR)$(SHAREDIR)/annotations
	rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null || true

clean:
	rm -rf build build-sanitize brief

-include $(OBJ:.o=.d) $(BUILD)/main.d $(BUILD)/tests/support.d $(TESTBINS:%=%.d)

include fuzz.mk
