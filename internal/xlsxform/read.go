package xlsxform

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// maxProblems caps the cell problems listed; a shifted row would otherwise
// list every cell below it.
const maxProblems = 20

// Read parses an uploaded workbook. It checks size limits before unpacking,
// refuses non-workbooks, reads the hidden identity, and, only when it equals
// want (same round, unit, catalog version and checksum), returns the
// entries: one per input cell (an empty cell clears its value, since the
// workbook is the whole form), every narrative and every explanation.
//
// An empty want.FormChecksum stands for Checksum(spec). Every refusal a
// person can act on is a Problem with a Vietnamese message; the error is for
// internal failures only.
func Read(data []byte, spec *submission.FormSpec, want Identity, limits Limits) (_ submission.Change, _ []Problem, err error) {
	limits = limits.withDefaults()
	if want.FormChecksum == "" {
		want.FormChecksum = Checksum(spec)
	}
	if p := checkPackage(data, limits); p != nil {
		return submission.Change{}, []Problem{*p}, nil
	}
	// RawCellValue keeps number formats from changing digits ("1.234,5"
	// shown, 1234.5 stored). archive/zip never inflates a part beyond its
	// declared size, so the sizes checked above bound memory; the unzip
	// limits make excelize hold to the same.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    limits.MaxUnzippedSize,
		UnzipXMLSizeLimit: min(limits.MaxUnzippedSize, 16<<20),
	})
	if err != nil {
		return submission.Change{}, []Problem{{Message: msgNotWorkbook}}, nil
	}
	defer func() {
		// Close removes excelize's temporary files of large sheets.
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close uploaded workbook: %w", cerr)
		}
	}()

	got, inputs, ok, ierr := readIdentity(f)
	if ierr != nil || !ok {
		// An identity sheet that cannot be parsed is as good as missing.
		return submission.Change{}, []Problem{{Message: msgNoIdentity}}, nil
	}
	if ps := compareIdentity(got, want); len(ps) > 0 {
		return submission.Change{}, ps, nil
	}
	if !covers(spec, inputs) {
		return submission.Change{}, []Problem{{Message: msgStructure}}, nil
	}
	r := reader{f: f, spec: spec, sheets: map[string]bool{}}
	change := r.read(inputs)
	if len(r.problems) > 0 {
		return submission.Change{}, capProblems(r.problems), nil
	}
	return change, nil, nil
}

// checkPackage refuses what is too large or not an Office package before
// anything is inflated: the file size, then the sizes the zip central
// directory declares (archive/zip refuses to inflate more than declared).
func checkPackage(data []byte, l Limits) *Problem {
	if int64(len(data)) > l.MaxFileSize {
		return &Problem{Message: fmt.Sprintf(msgTooLarge, formatSize(int64(len(data))), formatSize(l.MaxFileSize))}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &Problem{Message: msgNotWorkbook}
	}
	var total uint64
	var types, workbook bool
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(l.MaxUnzippedSize) || zf.UncompressedSize64 > uint64(l.MaxUnzippedSize) {
			return &Problem{Message: fmt.Sprintf(msgUnzippedTooLarge, formatSize(sumSizes(zr.File)), formatSize(l.MaxUnzippedSize))}
		}
		n := strings.ToLower(zf.Name)
		types = types || n == "[content_types].xml"
		workbook = workbook || (strings.HasPrefix(n, "xl/") && strings.HasSuffix(n, "workbook.xml"))
	}
	if !types || !workbook {
		return &Problem{Message: msgNotWorkbook}
	}
	return nil
}

func sumSizes(files []*zip.File) int64 {
	var total uint64
	for _, zf := range files {
		total += zf.UncompressedSize64
		if total > 1<<62 {
			return 1 << 62
		}
	}
	return int64(total)
}

// formatSize shows a size in MB or KB the Vietnamese way ("10,5 MB"),
// rounded up to a tenth so a file just over a limit does not look equal to
// it.
func formatSize(n int64) string {
	tenths := func(unit int64) float64 { return float64((n*10+unit-1)/unit) / 10 }
	switch {
	case n >= 1<<20:
		return submission.Format(tenths(1<<20)) + " MB"
	case n >= 1<<10:
		return submission.Format(tenths(1<<10)) + " KB"
	}
	return submission.Format(float64(n)) + " byte"
}

// compareIdentity says which of round, unit, catalog version and
// structure differ, naming what was expected and what was found.
func compareIdentity(got, want Identity) []Problem {
	var ps []Problem
	if got.Round != want.Round {
		ps = append(ps, Problem{Message: fmt.Sprintf(msgOtherRound, got.Round, want.Round)})
	}
	if got.Unit != want.Unit {
		ps = append(ps, Problem{Message: fmt.Sprintf(msgOtherUnit, got.Unit, want.Unit)})
	}
	switch {
	case got.CatalogVersion < want.CatalogVersion:
		ps = append(ps, Problem{Message: fmt.Sprintf(msgOlderCatalog, got.CatalogVersion, want.CatalogVersion)})
	case got.CatalogVersion != want.CatalogVersion:
		ps = append(ps, Problem{Message: fmt.Sprintf(msgOtherCatalog, got.CatalogVersion, want.CatalogVersion)})
	case got.FormChecksum != want.FormChecksum:
		// Only said when the versions agree: a new version explains it.
		ps = append(ps, Problem{Message: msgStructure})
	}
	return ps
}

// covers reports whether the identity sheet's map names exactly the
// form's inputs, each once.
func covers(spec *submission.FormSpec, inputs []input) bool {
	want := map[string]bool{}
	for _, is := range spec.Indicators() {
		for _, c := range is.Cells {
			in := input{Kind: kindValue, Code: string(c.Key)}
			if is.ValueType == catalog.TypeRate {
				in.Part = submission.PartNumerator
				want[in.target()] = true
				in.Part = submission.PartDenominator
			}
			want[in.target()] = true
		}
		want[input{Kind: kindExplanation, Code: is.Code}.target()] = true
	}
	for _, n := range spec.Narratives {
		want[input{Kind: kindNarrative, Code: n.Code}.target()] = true
	}
	seen := map[string]bool{}
	for _, in := range inputs {
		t := in.target()
		if !want[t] || seen[t] {
			return false
		}
		seen[t] = true
	}
	return len(seen) == len(want)
}

func capProblems(ps []Problem) []Problem {
	if len(ps) <= maxProblems {
		return ps
	}
	out := append([]Problem(nil), ps[:maxProblems]...)
	return append(out, Problem{Message: fmt.Sprintf(msgMoreProblems, len(ps)-maxProblems)})
}
