package pglocal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// dieWithParent asks the kernel to interrupt the server when the thread
// that started it exits, so a killed baocao does not leave it running.
func dieWithParent(attr *syscall.SysProcAttr) bool {
	attr.Pdeathsig = syscall.SIGINT
	return true
}

// orphanedServer reports whether pid is a live postgres server whose command
// line names dataDir, read from /proc.
func orphanedServer(pid int, dataDir string) (bool, error) {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false, nil
	}
	args := bytes.Split(bytes.TrimRight(cmdline, "\x00"), []byte{0})
	if len(args) == 0 || filepath.Base(string(args[0])) != "postgres" {
		return false, nil
	}
	for _, a := range args {
		if string(a) == dataDir {
			return true, nil
		}
	}
	return false, nil
}

// processAlive reports whether pid runs; a zombie, which still answers
// signals, counts as gone.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	if err != nil {
		return !errors.Is(err, syscall.ESRCH)
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}
