package reports

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// SpoolPrefix begins the name of the temporary folder a report set is
// made in; a folder left by a killed worker is removed by its prefix
// (jobs.RemoveStaleTempFiles).
const SpoolPrefix = "baocao-report-"

// spool keeps the files of a report set in a temporary folder from the
// moment each is made until it is stored: a national set is about 100 MB
// (the PDF, the workbook and the package holding both), which held in
// memory at once, with the statements that store them, set the
// generation's peak memory.
type spool struct {
	dir   string
	files []spooled
}

// spooled is a file of the set: what InsertReport stores of it, without
// its data, and where the data is.
type spooled struct {
	domain.Report
	path string
}

func newSpool() (*spool, error) {
	dir, err := os.MkdirTemp("", SpoolPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("report files: %w", err)
	}
	return &spool{dir: dir}, nil
}

// remove deletes the folder and the files in it.
func (sp *spool) remove() error { return os.RemoveAll(sp.dir) }

// add makes a file of the set with write and notes its size and checksum.
func (sp *spool) add(format, filename string, write func(io.Writer) error) error {
	path := filepath.Join(sp.dir, fmt.Sprintf("%d.%s", len(sp.files), format))
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report file %s: %w", filename, err)
	}
	defer file.Close()
	sum := sha256.New()
	out := bufio.NewWriterSize(io.MultiWriter(file, sum), 256<<10)
	if err := write(out); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("report file %s: %w", filename, err)
	}
	info, err := file.Stat()
	if err != nil {
		return fmt.Errorf("report file %s: %w", filename, err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("report file %s: %w", filename, err)
	}
	f := spooled{Report: domain.Report{Format: format, Filename: filename, Size: info.Size(),
		SHA256: hex.EncodeToString(sum.Sum(nil))}, path: path}
	// In the set's order, whichever is made first: pdf, xlsx, zip.
	at := len(sp.files)
	for at > 0 && formatRank(sp.files[at-1].Format) > formatRank(format) {
		at--
	}
	sp.files = slices.Insert(sp.files, at, f)
	return nil
}

// formatRank is a format's place in a set: pdf, xlsx, zip.
func formatRank(format string) int {
	return slices.Index([]string{"pdf", "xlsx", "zip"}, format)
}

// entries are the files made so far, as pack takes them.
func (sp *spool) entries() []packEntry {
	out := make([]packEntry, 0, len(sp.files))
	for _, f := range sp.files {
		out = append(out, packEntry{name: f.Filename, size: f.Size, sha256: f.SHA256,
			open: func() (io.ReadCloser, error) { return os.Open(f.path) }})
	}
	return out
}

// store inserts the files in tx, each completed by fill (its round,
// snapshot, number and state), and returns their ids in order.
func (sp *spool) store(ctx context.Context, tx pgx.Tx, fill func(*domain.Report)) ([]int64, error) {
	ids := make([]int64, 0, len(sp.files))
	for _, f := range sp.files {
		r := f.Report
		fill(&r)
		data, err := os.Open(f.path)
		if err != nil {
			return nil, fmt.Errorf("report file %s: %w", f.Filename, err)
		}
		id, err := postgres.InsertReportFrom(ctx, tx, r, data)
		data.Close()
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}
