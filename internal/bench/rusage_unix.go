//go:build unix

package bench

import (
	"errors"
	"os"
	"runtime"
	"syscall"
)

// peakRSSOf is an ended process's peak resident memory, bytes, as its
// parent's getrusage reports it: in kilobytes, except on macOS (bytes).
func peakRSSOf(ps *os.ProcessState) (int64, error) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, errors.New("no resource usage for the benchmark process")
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss, nil
	}
	return ru.Maxrss * 1024, nil
}
