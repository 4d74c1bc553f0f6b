// Package xlsx renders a consolidated snapshot as an Excel workbook: the
// province totals with live formulas, the indicator × unit matrix, the
// reporting progress, the units' narratives, a long table made for pivot
// tables and two native charts. It reads nothing but its arguments.
package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
)

// vnZone is Vietnam's civil time.
var vnZone = catalog.Vietnam

// book is one workbook being written.
type book struct {
	f    *excelize.File
	s    *consolidate.Snapshot
	m    consolidate.Meta
	st   styles
	rows []row // the indicator cells, grouped by indicator in catalogue order
}

// Render returns the consolidated workbook for the snapshot; Write writes
// it instead.
func Render(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, s, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the consolidated workbook for the snapshot to w. excelize
// assembles the file in memory before writing it out; once written, w has
// the only copy. It reads nothing but its arguments.
func Write(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error {
	if s == nil {
		return fmt.Errorf("render xlsx: no snapshot")
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, s: s, m: m, rows: cellRows(s)}
	var err error
	if b.st, err = newStyles(f); err != nil {
		return fmt.Errorf("render xlsx %s: styles: %w", s.Round.Code, err)
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{sheetSummary, b.summary},
		{sheetByUnit, b.byUnit},
		{sheetProgress, b.progress},
		{sheetNarratives, b.narratives},
		{sheetData, b.data},
		{sheetChart, b.rateChart},
	}
	if s.Comparison != nil {
		steps = append(steps, struct {
			name string
			fn   func() error
		}{sheetCompare, b.compare})
	}
	for i, st := range steps {
		if i == 0 {
			err = f.SetSheetName("Sheet1", st.name)
		} else {
			_, err = f.NewSheet(st.name)
		}
		if err != nil {
			return fmt.Errorf("render xlsx %s: add sheet %s: %w", s.Round.Code, st.name, err)
		}
		if err := b.fitToPage(st.name); err != nil {
			return fmt.Errorf("render xlsx %s: sheet %s: %w", s.Round.Code, st.name, err)
		}
		if err := st.fn(); err != nil {
			return fmt.Errorf("render xlsx %s: sheet %s: %w", s.Round.Code, st.name, err)
		}
	}
	// The first sheet is the active one as the file was created; asking
	// excelize to set it would read every streamed sheet back into memory
	// and write it out again, undoing the streaming of the large sheets.
	if err := b.properties(); err != nil {
		return fmt.Errorf("render xlsx %s: properties: %w", s.Round.Code, err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("render xlsx %s: write: %w", s.Round.Code, err)
	}
	return nil
}

// properties sets the document properties and asks Excel to recalculate
// the formulas on opening; every formula also carries its cached value,
// so viewers that do not calculate show the same figures.
func (b *book) properties() error {
	s := b.s
	title := fmt.Sprintf("%s - %s", msgHeading, s.Round.Title)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:       title,
		Subject:     docSubject,
		Creator:     docCreator,
		Created:     b.m.Date.UTC().Format(time.RFC3339),
		Keywords:    fmt.Sprintf(docKeywords, s.Round.Code, s.Hash),
		Description: fmt.Sprintf(docDescription, s.Round.Code, s.Completeness.Included, s.Hash),
		Language:    "vi-VN",
	}); err != nil {
		return fmt.Errorf("doc props: %w", err)
	}
	full := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fmt.Errorf("calc props: %w", err)
	}
	return nil
}
