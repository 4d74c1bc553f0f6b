// Command baocao is the periodic reporting aggregation pipeline: one binary
// whose subcommands run the whole system, the web server, workers or
// migrations. Run `baocao help` for the list and the settings.
package main

import (
	_ "time/tzdata" // Asia/Ho_Chi_Minh in minimal containers too

	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	os.Exit(runCommand(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
