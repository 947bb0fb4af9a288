# fuzz.mk -- libFuzzer targets, included by the Makefile.
#
# Every tests/fuzz/fuzz_NAME.c is a target, seeded from tests/fuzz/corpus/NAME/
# and, when it exists, given the dictionary tests/fuzz/NAME.dict. Targets and
# a second copy of the project's sources are built with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer into build-fuzz/.
#
#   make fuzz          every target for FUZZ_SECONDS (default 60), one after
#                      the other, on its corpus in build-fuzz/corpus/NAME/ (a
#                      copy of the seeds that grows there, never in tests/)
#   make fuzz-NAME     one target the same way
#   make fuzz-smoke    every target for FUZZ_SMOKE_SECONDS (default 10) on a
#                      fresh copy of its seeds: what `make test` runs
#   make fuzz-build    build the targets only
#   FUZZ_FLAGS='-seed=1 -max_len=8192'   more libFuzzer flags for every run
#
# A run fails on any crash, hang (-timeout=5), leak or sanitizer report; the
# input that did it is kept in build-fuzz/artifacts/NAME/ and is replayed
# with `build-fuzz/fuzz_NAME FILE`. Logs are in build-fuzz/logs/.

FUZZ_CC            ?= clang
FUZZ_BUILD         := build-fuzz
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_FLAGS         ?=

FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_WARN     := $(filter-out -Wno-format-truncation,$(WARN)) -Wno-format-nonliteral
FUZZ_CFLAGS   := -g -O1 -std=c11 -D_GNU_SOURCE $(FUZZ_WARN) \
                 -Isrc -Itests/fuzz -I$(FUZZ_BUILD) -MMD -MP $(FUZZ_SANITIZE) \
                 -DBRIEF_VERSION='"$(VERSION)"' -DBRIEF_SHAREDIR='"$(SHAREDIR)"'
# The Makefile's libraries, and those other branches may bring, where installed.
FUZZ_LIBS      = $(PKG_LIBS) $(LDLIBS) \
                 $(foreach p,libpng libjpeg libseccomp,$(shell pkg-config --libs $(p) 2>/dev/null))

FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_OBJ  := $(SRC:src/%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/script/embedded.o \
             $(FUZZ_BUILD)/tests/fuzz/common.o

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-clean

fuzz-build: $(FUZZ_BINS)

fuzz: deps $(FUZZ_BINS)
	@FUZZ_FLAGS='$(FUZZ_FLAGS)' sh tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) $(FUZZ_BINS)

fuzz-smoke: deps $(FUZZ_BINS)
	@FUZZ_FLAGS='$(FUZZ_FLAGS)' sh tests/fuzz/run.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_BINS)

fuzz-%: $(FUZZ_BUILD)/fuzz_%
	@FUZZ_FLAGS='$(FUZZ_FLAGS)' sh tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) $<

# The project's code, instrumented for coverage as well as sanitized.
$(FUZZ_BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/script/embedded.c: src/script/brief.lua src/script/embed.sh
	@mkdir -p $(dir $@)
	sh src/script/embed.sh $@ brief_lua src/script/brief.lua

$(FUZZ_BUILD)/script/embedded.o: $(FUZZ_BUILD)/script/embedded.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/tests/fuzz/common.o: tests/fuzz/common.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/libbrief.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libbrief.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< \
	      $(FUZZ_BUILD)/libbrief.a $(FUZZ_LIBS)

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

clean: fuzz-clean

-include $(FUZZ_OBJ:.o=.d) $(FUZZ_BINS:=.d)
