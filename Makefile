# newsgraph: the two commands are `make demo` (set up + analyse the examples)
# and `make test` (the test suite CI runs).
SHELL := /bin/bash
GO ?= go
SHARED ?= ../shared

.PHONY: all build setup generate demo test bench fuzz clean

all: build

build:
	$(GO) build -o bin/newsgraph ./cmd/newsgraph

# setup installs the third-party data the binary reads at run time into
# ./data (from $(SHARED) when present, else from the npm registry), then
# compiles it (generate). Idempotent.
setup:
	SHARED=$(SHARED) bash scripts/setup.sh

generate: build
	bash scripts/generate.sh

demo: setup build
	./bin/newsgraph analyze --summary --published 2026-11-26 $(SHARED)/examples/rubio-mexico.txt
	./bin/newsgraph analyze --published 2026-11-26 $(SHARED)/examples/rubio-mexico.txt > demo.json
	@echo "The whole analysis as JSON (see docs/schema.md) is in demo.json."

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 15m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fuzz runs every Fuzz* test of every package for FUZZTIME each.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; \
			$(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
		done; \
	done

clean:
	rm -rf bin data
