# baocao: `make run` starts everything, `make test` runs every test.
GO  ?= go
BIN := bin/baocao

.DEFAULT_GOAL := help

.PHONY: help run test build lint clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: build ## start PostgreSQL, migrations, web + API + workers on http://127.0.0.1:8080 (Ctrl-C stops all)
	./$(BIN) run

test: ## every test, with the race detector, against a throwaway PostgreSQL
	$(GO) test -race -count=1 -timeout 20m ./...

build: ## build the binary into bin/baocao
	$(GO) build -o $(BIN) ./cmd/baocao

lint: ## gofmt check and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './var/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean: ## remove the binary and the local data (the private database included)
	rm -rf bin var
