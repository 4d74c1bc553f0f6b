# baocao: `make run` starts everything, `make test` runs every test.
GO  ?= go
BIN := bin/baocao

.DEFAULT_GOAL := help

.PHONY: help run test e2e bench bench-quick fuzz load build lint clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: build ## start PostgreSQL, migrations, web + API + workers on http://127.0.0.1:8080 (Ctrl-C stops all)
	./$(BIN) run

test: ## every test, with the race detector, against a throwaway PostgreSQL (installs missing test tools: .ci/deps)
	@./.ci/deps
	$(GO) test -race -count=1 -timeout 20m ./...

e2e: ## the browser tests alone: real Chromium against the real server and database
	$(GO) test -race -count=1 -timeout 15m ./internal/e2e/...

bench: ## the benchmark suite at every size, then the Go micro-benchmarks (minutes)
	$(GO) run ./cmd/baocao-bench
	$(GO) test -run '^$$' -bench . -benchmem $(MICRO_BENCH)

bench-quick: ## the benchmark suite at its two smaller sizes (under 2 minutes)
	$(GO) run ./cmd/baocao-bench -quick

FUZZTIME ?= 30s
FUZZ_TARGETS := ./internal/catalog:FuzzLoad ./internal/web:FuzzDecodeSubmissionPut ./internal/xlsxform:FuzzRead ./internal/xlsxform:FuzzReadCells
MICRO_BENCH := ./internal/submission ./internal/consolidate ./internal/render/... ./internal/xlsxform

fuzz: ## run every fuzz target for FUZZTIME each (default 30s)
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$fn in $$pkg ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg; \
	done

load: ## deadline-eve load test: 300 agency clients saving and submitting for 60 s
	$(GO) run ./cmd/baocao-bench -load

build: ## build the binary into bin/baocao
	$(GO) build -o $(BIN) ./cmd/baocao

lint: ## gofmt check and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './var/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean: ## remove the binary and the local data (the private database included)
	rm -rf bin var
