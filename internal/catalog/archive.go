package catalog

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// ArchiveLimits bound what an uploaded catalog ZIP may hold. A catalog is a
// few hundred kilobytes of YAML; the limits are far above that and far
// below what would take a server's memory.
type ArchiveLimits struct {
	MaxSize     int64 // the ZIP file itself
	MaxEntries  int   // files and folders in it
	MaxUnzipped int64 // what its entries declare, summed
}

// DefaultArchiveLimits are the limits of the admin page and API.
var DefaultArchiveLimits = ArchiveLimits{MaxSize: 10 << 20, MaxEntries: 200, MaxUnzipped: 20 << 20}

// ArchiveError refuses an uploaded ZIP as a whole, before any catalog
// file in it is read: too large, too many entries, an unsafe path.
type ArchiveError struct {
	Message string
}

func (e *ArchiveError) Error() string { return e.Message }

func archiveErr(format string, args ...any) error {
	return &ArchiveError{Message: fmt.Sprintf(format, args...)}
}

// LoadArchive reads and validates a catalog folder packed as a ZIP, by
// the same function as LoadDir, so a broken catalog gets the same
// `file:line: message` lines either way. The catalog files may be at the
// root of the archive or inside one folder (what zipping a folder gives);
// messages and the returned name use that folder's name, or else the
// upload's file name without ".zip". The archive is checked first
// (ArchiveError): its size, its number of entries, the sizes its entries
// declare (archive/zip refuses to inflate past them, so a zip bomb stops
// there), and every path, which must be relative and stay inside.
func LoadArchive(data []byte, filename string, l ArchiveLimits) (c *Catalog, name string, err error) {
	if int64(len(data)) > l.MaxSize {
		return nil, "", archiveErr(msgArchiveTooLarge, formatBytes(int64(len(data))), formatBytes(l.MaxSize))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, "", archiveErr(msgArchiveNotZip)
	}
	if len(zr.File) > l.MaxEntries {
		return nil, "", archiveErr(msgArchiveEntries, len(zr.File), l.MaxEntries)
	}
	var total uint64
	seen := map[string]bool{}
	tops := map[string]bool{}
	rootFiles := false
	for _, zf := range zr.File {
		if !safeArchivePath(zf.Name) {
			return nil, "", archiveErr(msgArchivePath, zf.Name)
		}
		clean := strings.TrimSuffix(zf.Name, "/")
		if seen[clean] {
			return nil, "", archiveErr(msgArchiveDuplicate, zf.Name)
		}
		seen[clean] = true
		mode := zf.Mode()
		if !mode.IsDir() && !mode.IsRegular() {
			return nil, "", archiveErr(msgArchiveNotRegular, zf.Name)
		}
		if zf.Flags&0x1 != 0 || (zf.Method != zip.Store && zf.Method != zip.Deflate) {
			return nil, "", archiveErr(msgArchiveEncrypted, zf.Name)
		}
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > uint64(l.MaxUnzipped) || total > uint64(l.MaxUnzipped) {
			return nil, "", archiveErr(msgArchiveUnzipped, formatBytes(l.MaxUnzipped))
		}
		top, _, nested := strings.Cut(clean, "/")
		if !nested && !mode.IsDir() {
			rootFiles = true
		}
		if nested || mode.IsDir() {
			tops[top] = true
		}
	}
	var fsys fs.FS = zr
	name = strings.TrimSuffix(path.Base(strings.ReplaceAll(filename, `\`, "/")), ".zip")
	if _, err := fs.Stat(zr, FilePlan); err != nil && !rootFiles && len(tops) == 1 {
		for top := range tops {
			name = top
			if fsys, err = fs.Sub(zr, top); err != nil {
				return nil, "", archiveErr(msgArchiveNotZip)
			}
		}
	}
	if name == "" || name == "." || name == "/" {
		name = "catalog"
	}
	c, err = Load(fsys, name)
	return c, name, err
}

// safeArchivePath says whether a ZIP entry's name is a relative path that
// stays inside the folder it is unpacked in.
func safeArchivePath(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") ||
		(len(name) > 1 && name[1] == ':') {
		return false
	}
	for _, part := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// formatBytes writes a size as people read it ("20 MB").
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d byte", n)
}
