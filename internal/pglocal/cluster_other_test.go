//go:build unix && !linux

package pglocal

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without /proc a live PID in the lock file cannot be told apart from an
// orphaned server: the start is refused with what to do, and nothing is
// signalled or removed.
func TestStart_RefusesLockFileOfALiveProcess(t *testing.T) {
	dir := tempDataDir(t)
	if err := startCluster(t, dir).Stop(); err != nil {
		t.Fatal(err)
	}
	writeLockFile(t, dir, os.Getpid())
	_, err := Start(context.Background(), Options{DataDir: dir, Ephemeral: true})
	if err == nil || !strings.Contains(err.Error(), "still running") || !strings.Contains(err.Error(), "pg_ctl stop -D "+dir) {
		t.Fatalf("Start error = %v, want a refusal naming pg_ctl stop", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); err != nil {
		t.Fatalf("the lock file of a live process was removed: %v", err)
	}
}
