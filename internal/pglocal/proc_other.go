//go:build unix && !linux

package pglocal

import (
	"errors"
	"fmt"
	"syscall"
)

// dieWithParent cannot ask this kernel to stop the server with its parent
// (Pdeathsig is Linux-only); Start warns that a killed baocao leaves the
// server running.
func dieWithParent(*syscall.SysProcAttr) bool { return false }

// orphanedServer cannot tell which program a live pid runs without Linux's
// /proc: a dead pid is a stale lock file, a live one refuses the start
// rather than signal a process that may be anything.
func orphanedServer(pid int, dataDir string) (bool, error) {
	if !processAlive(pid) {
		return false, nil
	}
	return false, fmt.Errorf("cluster directory %s: its postmaster.pid names process %d, which is still running; "+
		"if it is a PostgreSQL left by an earlier baocao that was killed, stop it (pg_ctl stop -D %s), "+
		"otherwise remove %s/postmaster.pid", dataDir, pid, dataDir, dataDir)
}

// processAlive reports whether pid runs.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || !errors.Is(err, syscall.ESRCH)
}
