package catalog

import (
	"fmt"
	"os"
	"path/filepath"
)

// NotFolderError is a path given as a catalog folder that is not one.
type NotFolderError struct{ Path string }

func (e *NotFolderError) Error() string { return fmt.Sprintf(msgNotFolder, e.Path) }

// LoadDir reads and validates the catalog folder dir, naming files in
// messages as dir/units.yaml: what `baocao catalog check DIR` prints.
func LoadDir(dir string) (*Catalog, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, &NotFolderError{Path: dir}
	}
	return Load(os.DirFS(dir), filepath.Clean(dir))
}

// FolderName is the name a catalog folder is stored under: its last
// element.
func FolderName(dir string) string { return filepath.Base(filepath.Clean(dir)) }

// SummaryLine is the one line `baocao catalog check` prints for a valid
// catalog: its counts and the start of its hash.
func (c *Catalog) SummaryLine(name string) string {
	s := c.Summarize()
	return fmt.Sprintf(msgSummary, name, s.Units, s.Reporting, s.TaskGroups, s.Narratives, s.Indicators, s.Dimensions, s.Rules, s.Forms, c.Hash()[:12])
}
