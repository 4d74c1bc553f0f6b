package catalog_test

import (
	"baocao/internal/msgcheck"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// fuzzDir names the folder in messages.
const fuzzDir = "fuzz"

// seedDir is the seed catalog; its files are seeds of FuzzLoad, and it must
// pass the same checks as whatever loads.
var seedDir = filepath.Join("..", "..", "templates", "catalog", "kien-giang-2024")

// maxSeedSize keeps the seeds small: the fuzzer minimizes every new
// interesting input, for up to a minute each, and a large one stalls it.
// The seed catalog's indicators.yaml is cut to its first items.
const maxSeedSize = 20 << 10

// FuzzLoad replaces one file of the minimal catalog with the fuzzer's
// bytes. Whatever the content, Load must not panic and must either return
// a catalog or Problems only, each at a real line of a catalog file,
// worded by one of the catalogue's Vietnamese messages, in file then line
// order, the same on a second load. A catalog that loads must be usable:
// the same hash on a second load, units expected on forms, forms that lay
// out into distinct cells the validator can check.
func FuzzLoad(f *testing.F) {
	base := readCatalog(f, filepath.Join("testdata", "minimal"))
	seed := readCatalog(f, seedDir)
	c, err := catalog.Load(seed, "kien-giang-2024")
	if err != nil {
		f.Fatal(err)
	}
	checkUsable(f, c)
	for i, name := range catalog.Files {
		f.Add(uint8(i), base[name].Data)
		data := seed[name].Data
		if len(data) > maxSeedSize {
			cut := bytes.LastIndex(data[:maxSeedSize], []byte("\n  - code:"))
			data = data[:cut+1]
		}
		f.Add(uint8(i), data)
	}
	formats := msgcheck.Load(f, "messages.go", 50)
	f.Fuzz(func(t *testing.T, file uint8, data []byte) {
		fsys := fstest.MapFS{}
		for name, mf := range base {
			fsys[name] = mf
		}
		name := catalog.Files[int(file)%len(catalog.Files)]
		fsys[name] = &fstest.MapFile{Data: data}

		c, err := catalog.Load(fsys, fuzzDir)
		again, err2 := catalog.Load(fsys, fuzzDir)
		if err != nil {
			if c != nil {
				t.Fatalf("Load returned a catalog with its error")
			}
			if err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("two loads of the same files disagree:\n%v\n---\n%v", err, err2)
			}
			checkProblems(t, fsys, err, formats)
			return
		}
		if err2 != nil || again.Hash() != c.Hash() {
			t.Fatalf("two loads of the same files disagree: %v", err2)
		}
		checkUsable(t, c)
	})
}

func readCatalog(tb testing.TB, dir string) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func checkProblems(t *testing.T, fsys fstest.MapFS, err error, formats msgcheck.Formats) {
	t.Helper()
	var ps catalog.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("Load error is %T %q, want catalog.Problems", err, err)
	}
	rank := map[string]int{}
	for i, name := range catalog.Files {
		rank[fuzzDir+"/"+name] = i
	}
	for i, p := range ps {
		r, ok := rank[p.File]
		if !ok {
			t.Fatalf("problem %q names no catalog file", p)
		}
		lines := bytes.Count(fsys[strings.TrimPrefix(p.File, fuzzDir+"/")].Data, []byte("\n")) + 1
		if p.Line < 1 || p.Line > lines {
			t.Fatalf("problem %q at line %d of a file of %d lines", p, p.Line, lines)
		}
		if !formats.Match(p.Message) {
			t.Fatalf("problem %q is not one of the catalogue's messages", p)
		}
		if i > 0 {
			prev := ps[i-1]
			if rank[prev.File] > r || (prev.File == p.File && prev.Line > p.Line) {
				t.Fatalf("problems out of order: %q before %q", prev, p)
			}
		}
	}
	if got := strings.Count(err.Error(), "\n") + 1; got < len(ps) {
		t.Fatalf("Error() has %d lines for %d problems", got, len(ps))
	}
}

// maxFuzzCells bounds the forms laid out: a fuzzed dimension with
// thousands of options is valid but says nothing more.
const maxFuzzCells = 20000

// checkUsable exercises what the rest of the program does with a catalog.
func checkUsable(t testing.TB, c *catalog.Catalog) {
	t.Helper()
	c.Summarize()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, -1)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
	for _, e := range expected {
		if e.Unit.Kind == catalog.KindProvince || !e.Unit.ValidDuring(start, end) || e.Form.Code == "" {
			t.Fatalf("unit %s (%s) expected in 2025 on form %q", e.Unit.Code, e.Unit.Kind, e.Form.Code)
		}
	}
	for _, form := range c.Forms {
		if cellCount(c, form) > maxFuzzCells {
			continue
		}
		spec := submission.BuildForm(c, form)
		seen := map[submission.Key]bool{}
		for _, cell := range spec.Cells() {
			if seen[cell.Key] {
				t.Fatalf("form %s has cell %s twice", form.Code, cell.Key)
			}
			seen[cell.Key] = true
			if got, ok := spec.Cell(cell.Key); !ok || got.Key != cell.Key {
				t.Fatalf("form %s does not find its own cell %s", form.Code, cell.Key)
			}
		}
		submission.Validate(spec, c.Rules, submission.NewContent(), nil)
	}
}

func cellCount(c *catalog.Catalog, form catalog.Form) int {
	total := 0
	for _, code := range form.Indicators {
		ind, ok := c.Indicator(code)
		if !ok {
			continue
		}
		n := 1
		for _, dc := range ind.Dimensions {
			d, _ := c.Dimension(dc)
			n *= max(1, len(d.Options))
			if n > maxFuzzCells {
				return n
			}
		}
		total += n + 1
	}
	return total
}
