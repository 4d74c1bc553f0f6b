// Command baocao-bench is the benchmark suite of issue #8 (`make bench`,
// `make bench-quick`) and the deadline-eve load test (`make load`). It
// starts its own PostgreSQL, measures each size in a child process of its
// own (itself, run with -size and -json), and prints a markdown table.
// Run it with -h for the settings.
package main

import (
	_ "time/tzdata" // Asia/Ho_Chi_Minh in minimal containers too

	"context"
	"os"
	"os/signal"
	"syscall"

	"baocao/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := bench.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
