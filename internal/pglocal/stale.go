//go:build unix

package pglocal

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockDir takes an exclusive lock on dataDir for this process's lifetime, so
// two baocao processes never share one cluster and a server found running on
// a locked-by-us directory can only be an orphan of a dead owner. The kernel
// drops the lock when its holder dies, however it dies.
func lockDir(dataDir string) (*os.File, error) {
	path := dataDir + ".lock"
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("cluster directory %s is in use by another baocao process (pid %s); stop it or use another BAOCAO_DATA_DIR",
				dataDir, strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}

// clearStalePID makes sure a postmaster.pid left by a crash cannot block the
// start. A server still running on this directory (orphaned by a kill -9 of
// its parent before it noticed) is shut down; a lock file naming a dead
// process, or a process that is not PostgreSQL (PIDs are reused), is removed.
// Where the system cannot tell which program a live PID runs (see
// orphanedServer), a lock file naming a live process is left alone and the start
// refused, saying what to stop.
func clearStalePID(dataDir string, logger *slog.Logger) error {
	pidFile := filepath.Join(dataDir, "postmaster.pid")
	data, err := os.ReadFile(pidFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", pidFile, err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid <= 0 {
		logger.Warn("removing unreadable PostgreSQL lock file", "file", pidFile)
		return removeIfExists(pidFile)
	}
	orphan, err := orphanedServer(pid, dataDir)
	if err != nil {
		return err
	}
	if !orphan {
		logger.Warn("removing stale PostgreSQL lock file", "file", pidFile, "pid", pid)
		return removeIfExists(pidFile)
	}
	logger.Warn("stopping PostgreSQL left running by an earlier crash", "pid", pid)
	if err := syscall.Kill(pid, syscall.SIGINT); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("stop orphaned PostgreSQL (pid %d): %w", pid, err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for processAlive(pid) {
		if time.Now().After(deadline) {
			return fmt.Errorf("orphaned PostgreSQL (pid %d) on %s did not stop within 60s", pid, dataDir)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return removeIfExists(pidFile)
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	return nil
}
