//go:build !unix

package bench

import (
	"fmt"
	"os"
	"runtime"
)

// peakRSSOf needs getrusage, which this system lacks.
func peakRSSOf(*os.ProcessState) (int64, error) {
	return 0, fmt.Errorf("the benchmark measures peak memory with getrusage, which %s lacks: run it on Linux or macOS", runtime.GOOS)
}
