package bench

import (
	"bytes"
	"testing"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/render/xlsx"
)

func demoSnapshot(t *testing.T) *consolidate.Snapshot {
	return consolidatetest.DemoSnapshot(t)
}

// The baseline workbook has the shape it was asked for, read back by the
// same scanner that reads ours.
func TestStreamBaseline_Shape(t *testing.T) {
	want := []SheetShape{
		{Rows: 10, Strings: 25, Numbers: 40, Empty: 7, StringBytes: 25 * 30},
		{Rows: 3, Strings: 2, Numbers: 0, Empty: 1, StringBytes: 2 * 200},
	}
	var data bytes.Buffer
	if err := StreamBaseline(&data, want); err != nil {
		t.Fatal(err)
	}
	got, err := WorkbookShape(bytes.NewReader(data.Bytes()), int64(data.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d sheets, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Rows != w.Rows || g.Strings != w.Strings || g.Numbers != w.Numbers || g.Empty != w.Empty {
			t.Errorf("sheet %d: %+v, want %+v", i, g, w)
		}
		// Texts are cut at a character boundary, so a little longer at most.
		if g.StringBytes < w.StringBytes || g.StringBytes > w.StringBytes+3*w.Strings {
			t.Errorf("sheet %d: %d bytes of text, want about %d", i, g.StringBytes, w.StringBytes)
		}
	}
}

// The scanner sees every cell of our workbook: the demo round's matrix
// has one cell per unit and indicator cell, and texts are found in both
// the shared strings and the streamed sheets.
func TestWorkbookShape_Demo(t *testing.T) {
	s := demoSnapshot(t)
	data, err := xlsx.Render(s, consolidate.Meta{Number: 7, Date: time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC), Roles: consolidatetest.KienGiangRoles()})
	if err != nil {
		t.Fatal(err)
	}
	shape, err := WorkbookShape(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(shape) != 6 {
		t.Fatalf("%d sheets, want 6", len(shape))
	}
	byUnit := shape[1] // "Theo đơn vị": a row per cell, a column per unit
	if byUnit.Cells() < len(s.Cells)*len(s.Units) {
		t.Errorf("matrix sheet: %d cells for %d cells × %d units", byUnit.Cells(), len(s.Cells), len(s.Units))
	}
	for i, sh := range shape {
		if sh.Rows == 0 || sh.Strings == 0 || sh.StringBytes < sh.Strings {
			t.Errorf("sheet %d: %+v", i, sh)
		}
	}
}

// The plain tables hold one line per included unit and the province's,
// six indicators at most side by side.
func TestAppendixTables_Demo(t *testing.T) {
	s := demoSnapshot(t)
	tables := AppendixTables(s)
	if len(tables) == 0 {
		t.Fatal("no table")
	}
	included := 0
	for _, u := range s.Completeness.Units {
		if u.Included {
			included++
		}
	}
	for i, tb := range tables {
		if len(tb.Rows) != included+1 {
			t.Errorf("table %d: %d lines for %d units and the province", i, len(tb.Rows), included)
		}
		if len(tb.Head) > 2+indicatorsPerTable || len(tb.Head) != len(tb.Widths) {
			t.Errorf("table %d: %d headings, %d widths", i, len(tb.Head), len(tb.Widths))
		}
	}
	pdf, err := PlainTablePDF(tables)
	if err != nil {
		t.Fatal(err)
	}
	if len(pdf) < 1000 || string(pdf[:5]) != "%PDF-" {
		t.Errorf("not a PDF: %d bytes", len(pdf))
	}
}
