//go:build unix

package pglocal

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
)

func startCluster(t *testing.T, dir string) *Cluster {
	t.Helper()
	return startClusterOpts(t, Options{DataDir: dir, Ephemeral: true})
}

func startClusterOpts(t *testing.T, opts Options) *Cluster {
	t.Helper()
	c, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { c.Stop() })
	return c
}

func execSQL(t *testing.T, c *Cluster, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.DSN(c.Database()))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t *testing.T, c *Cluster) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.DSN(c.Database()))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM kept").Scan(&n); err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

func tempDataDir(t *testing.T) string {
	t.Helper()
	base, err := MkdirTemp("pglocal-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	return filepath.Join(base, "data")
}

func TestCluster_StopLeavesNoProcess(t *testing.T) {
	c := startCluster(t, tempDataDir(t))
	pid := c.cmd.Process.Pid
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if processAlive(pid) {
		t.Fatalf("postgres pid %d still alive after Stop", pid)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
}

func TestCluster_RestartKeepsData(t *testing.T) {
	dir := tempDataDir(t)
	c := startCluster(t, dir)
	execSQL(t, c, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2)")
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	c2 := startCluster(t, dir)
	if n := count(t, c2); n != 2 {
		t.Fatalf("rows after restart = %d, want 2", n)
	}
}

func TestCluster_StartsAfterKill9(t *testing.T) {
	dir := tempDataDir(t)
	// Durable, as `baocao run` uses it: a committed row survives the crash.
	c := startClusterOpts(t, Options{DataDir: dir})
	execSQL(t, c, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)")
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.Exited()
	c.Stop() // the owner notices and lets go of the directory
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); err != nil {
		t.Fatalf("expected a stale postmaster.pid after kill -9: %v", err)
	}
	c2 := startCluster(t, dir)
	if n := count(t, c2); n != 1 {
		t.Fatalf("rows after crash = %d, want 1", n)
	}
}

func TestStart_RefusesDirectoryInUse(t *testing.T) {
	dir := tempDataDir(t)
	first := startCluster(t, dir)
	_, err := Start(context.Background(), Options{DataDir: dir, Ephemeral: true})
	if err == nil || !strings.Contains(err.Error(), "in use by another baocao process") {
		t.Fatalf("second Start error = %v, want 'in use'", err)
	}
	execSQL(t, first, "SELECT 1")
}

func TestCluster_PIDReusedByOtherProcess(t *testing.T) {
	dir := tempDataDir(t)
	c := startCluster(t, dir)
	c.Stop()
	// The lock file names a live process that is not PostgreSQL.
	pidFile := filepath.Join(dir, "postmaster.pid")
	content := fmt.Sprintf("%d\n%s\n", os.Getpid(), dir)
	if err := os.WriteFile(pidFile, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	c2 := startCluster(t, dir)
	execSQL(t, c2, "SELECT 1")
	data, _ := os.ReadFile(pidFile)
	if string(data[:len(strconv.Itoa(os.Getpid()))]) == strconv.Itoa(os.Getpid()) {
		t.Fatal("lock file still names the test process")
	}
}

func TestStart_DataDirNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes everywhere; use a path under a regular file instead.
		f, err := os.CreateTemp("", "pglocal-file-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.Remove(f.Name())
		_, err = Start(context.Background(), Options{DataDir: filepath.Join(f.Name(), "sub", "data")})
		if err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("Start under a regular file: err = %v, want a 'not writable' error", err)
		}
		return
	}
	base := t.TempDir()
	if err := os.Chmod(base, 0o500); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(base, "var", "data")})
	if err == nil || !strings.Contains(err.Error(), "not writable") {
		t.Fatalf("Start in a read-only directory: err = %v, want a 'not writable' error", err)
	}
}

// writeLockFile leaves a postmaster.pid naming pid in dir, as a crash would.
func writeLockFile(t *testing.T, dir string, pid int) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(strconv.Itoa(pid)+"\n"+dir+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}
