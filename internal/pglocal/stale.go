package pglocal

import (
	"bytes"
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
	if !isPostgresFor(pid, dataDir) {
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

// isPostgresFor reports whether pid is a live postgres server whose command
// line names dataDir.
func isPostgresFor(pid int, dataDir string) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false
	}
	args := bytes.Split(bytes.TrimRight(cmdline, "\x00"), []byte{0})
	if len(args) == 0 || filepath.Base(string(args[0])) != "postgres" {
		return false
	}
	for _, a := range args {
		if string(a) == dataDir {
			return true
		}
	}
	return false
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	if err != nil {
		return !errors.Is(err, syscall.ESRCH)
	}
	// A zombie still answers signals; treat it as gone.
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	return nil
}
