package jobs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"baocao/internal/reports"
)

// TempFileAge is how old an excelize temporary file must be before
// RemoveStaleTempFiles takes it for a leftover: twice the longest a job
// that opens or writes a workbook may run, so no running job's file goes.
func TempFileAge(reportTimeout time.Duration) time.Duration {
	if reportTimeout <= 0 {
		reportTimeout = DefaultReportTimeout
	}
	return 2 * max(ImportTimeout, reportTimeout)
}

// RemoveStaleTempFiles removes the temporary files excelize leaves in dir
// (excelize-*), and the folders a report generation makes its files in
// (reports.SpoolPrefix), when a process dies before cleaning up (kill -9,
// a machine reset), if last modified more than olderThan before now. It
// returns how many it removed; files it cannot remove are reported
// together, and the rest still go.
func RemoveStaleTempFiles(dir string, olderThan time.Duration, now time.Time) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("list temporary files: %w", err)
	}
	removed := 0
	var errs []error
	for _, e := range entries {
		file := e.Type().IsRegular() && strings.HasPrefix(e.Name(), "excelize-")
		folder := e.IsDir() && strings.HasPrefix(e.Name(), reports.SpoolPrefix)
		if !file && !folder {
			continue
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // closed meanwhile
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if now.Sub(info.ModTime()) <= olderThan {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed++
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("remove stale temporary files: %w", err)
	}
	return removed, nil
}
