package pglocal

import (
	"os"
	"testing"
	"time"
)

func TestCluster_StopsOrphanedServer(t *testing.T) {
	dir := tempDataDir(t)
	orphan := startCluster(t, dir)
	// The owner dies (its lock goes with it) before its server noticed:
	// the next start takes the directory over.
	orphan.lock.Close()
	c2 := startCluster(t, dir)
	select {
	case <-orphan.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("orphaned server still running")
	}
	execSQL(t, c2, "SELECT 1")
}

// A lock file naming a live process that is not this directory's server
// (its PID reused after a crash) is stale: the start removes it.
func TestStart_RemovesLockFileOfAnotherProcess(t *testing.T) {
	dir := tempDataDir(t)
	if err := startCluster(t, dir).Stop(); err != nil {
		t.Fatal(err)
	}
	writeLockFile(t, dir, os.Getpid())
	execSQL(t, startCluster(t, dir), "SELECT 1")
}
