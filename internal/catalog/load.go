package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
)

type unitsFile struct {
	Units []Unit `yaml:"units"`
}

type indicatorsFile struct {
	Dimensions []Dimension `yaml:"dimensions"`
	Indicators []Indicator `yaml:"indicators"`
	Rules      []Rule      `yaml:"rules"`
}

type formsFile struct {
	Forms []Form `yaml:"forms"`
}

// Load reads and validates the catalog in fsys. dir names the folder in
// messages (`dir/units.yaml:12: ...`). On any problem it returns Problems
// listing all of them, and no catalog.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	r := &reporter{}
	var c Catalog
	var units unitsFile
	var inds indicatorsFile
	var forms formsFile
	targets := map[string]any{
		FilePlan: &c.Plan, FileUnits: &units, FileIndicators: &inds,
		FileForms: &forms, FileSchedules: &c.Schedules, FileReport: &c.Report,
	}
	unreadable := false
	for _, name := range Files {
		file := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			r.add(file, 1, msgMissingFile, name)
			unreadable = true
			continue
		}
		if err != nil {
			r.add(file, 1, msgReadFile, err)
			unreadable = true
			continue
		}
		node := parseYAML(file, data, r)
		if node == nil {
			unreadable = true
			continue
		}
		decode(file, node, targets[name], r)
	}
	c.Units, c.Dimensions, c.Indicators, c.Rules, c.Forms = units.Units, inds.Dimensions, inds.Indicators, inds.Rules, forms.Forms
	// Cross-file checks on a file that could not be read would only echo
	// its absence; report what was found and stop there.
	if !unreadable {
		validate(&c, dir, r)
	}
	if len(r.problems) > 0 {
		return nil, r.problems.sorted()
	}
	return &c, nil
}

// Hash identifies the catalog's content: two catalogs with the same hash
// mean the same thing, whatever their comments or layout.
func (c *Catalog) Hash() string {
	data, err := json.Marshal(c)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
