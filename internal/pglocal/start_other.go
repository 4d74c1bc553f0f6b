//go:build !unix

package pglocal

import (
	"context"
	"fmt"
	"runtime"
)

// Start refuses: the private cluster listens on a Unix socket only, and is
// run and recovered with Unix process signals, file locks and ownership.
// On this system baocao needs a PostgreSQL server of its own.
func Start(context.Context, Options) (*Cluster, error) {
	return nil, fmt.Errorf("a private PostgreSQL cluster runs on Linux and macOS only, not on %s: "+
		"set DATABASE_URL (tests: TEST_DATABASE_URL) to a PostgreSQL server", runtime.GOOS)
}
