package xlsxform

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// maxProblems caps the cell problems listed; a shifted row would otherwise
// list every cell below it.
const maxProblems = 20

// Read parses an uploaded workbook. It checks sizes and counts before
// unpacking (checkPackage), refuses non-workbooks, reads the hidden
// identity, and, only when it equals want (same round, unit, catalog
// version and checksum), returns the entries: one per input cell (an empty
// cell clears its value, since the workbook is the whole form), every
// narrative and every explanation.
//
// An empty want.FormChecksum stands for Checksum(spec). Every refusal a
// person can act on is a Problem with a Vietnamese message, ctx ending
// before the workbook is read included (msgTimeout); the error is for
// internal failures only.
func Read(ctx context.Context, data []byte, spec *submission.FormSpec, want Identity, limits Limits) (_ submission.Change, _ []Problem, err error) {
	limits = limits.withDefaults()
	if want.FormChecksum == "" {
		want.FormChecksum = Checksum(spec)
	}
	if p := checkPackage(ctx, data, limits); p != nil {
		return submission.Change{}, []Problem{*p}, nil
	}
	f, err := open(data, limits)
	if err != nil {
		return submission.Change{}, []Problem{{Message: msgNotWorkbook}}, nil
	}
	defer func() {
		// Close removes excelize's temporary files, if any; deferred so
		// that it runs on a panic too.
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close uploaded workbook: %w", cerr)
		}
	}()
	if ctx.Err() != nil {
		return submission.Change{}, []Problem{{Message: msgTimeout}}, nil
	}
	got, inputs, ok, ierr := readIdentity(f)
	if ierr != nil || !ok {
		// An identity sheet that cannot be parsed is as good as missing.
		return submission.Change{}, []Problem{{Message: msgNoIdentity}}, nil
	}
	if ps := compareIdentity(got, want); len(ps) > 0 {
		return submission.Change{}, printable(ps), nil
	}
	if !covers(spec, inputs) {
		return submission.Change{}, []Problem{{Message: msgStructure}}, nil
	}
	r := reader{ctx: ctx, f: f, spec: spec, sheets: map[string]bool{}}
	change := r.read(inputs)
	if ctx.Err() != nil {
		return submission.Change{}, []Problem{{Message: msgTimeout}}, nil
	}
	if len(r.problems) > 0 {
		return submission.Change{}, printable(capProblems(r.problems)), nil
	}
	return change, nil, nil
}

// open hands data, checked by checkPackage, to excelize. RawCellValue
// keeps number formats from changing digits ("1.234,5" shown, 1234.5
// stored). The XML size limit is above every part checkPackage lets
// through, so excelize keeps them in memory, bounded by its limits, and
// never spills them to temporary files.
func open(data []byte, l Limits) (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    l.MaxUnzippedSize,
		UnzipXMLSizeLimit: max(l.MaxSheetSize, l.MaxSharedStringsSize) + 1,
	})
	if err != nil {
		if f != nil {
			f.Close() // excelize returns the file with some errors
		}
		return nil, err
	}
	return f, nil
}

// printable keeps what a workbook wrote into problems (a unit code, a
// sheet name from the identity sheet) from carrying a NUL or invalid
// UTF-8 into the job's result, which PostgreSQL would refuse to store.
func printable(ps []Problem) []Problem {
	clean := func(s string) string {
		return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
	}
	for i, p := range ps {
		ps[i] = Problem{Sheet: clean(p.Sheet), Cell: clean(p.Cell), Message: clean(p.Message)}
	}
	return ps
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
