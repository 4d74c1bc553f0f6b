package xlsx

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
	"baocao/internal/submission/submissiontest"
)

// Every status, with every kind of submission time, is named on the
// "Tiến độ" sheet as the one rule stands it, and counted so.
func TestProgressSheet_StandingOfEveryStatus(t *testing.T) {
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	s := fixture(t)
	s.Round.DueAt = due
	cases := submissiontest.Cases(due)
	s.Completeness.Units = nil
	for i, tc := range cases {
		s.Completeness.Units = append(s.Completeness.Units, consolidate.UnitStatus{Unit: fmt.Sprintf("U%02d", i), Name: tc.Name,
			Status: tc.Status, SubmittedAt: tc.Last, FirstSubmittedAt: tc.First})
	}
	out, err := Render(s, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[submission.Standing]string{submission.StandingOnTime: statusOnTime, submission.StandingLate: statusLate,
		submission.StandingReturned: statusReturn, submission.StandingDraft: statusDraft, submission.StandingNotStarted: statusMissing}
	count := map[string]int{}
	for i, tc := range cases {
		row := progressHeaderRow + 1 + i
		name, _ := f.GetCellValue(sheetProgress, cellAt(2, row))
		got, _ := f.GetCellValue(sheetProgress, cellAt(3, row))
		if name != tc.Name || got != names[tc.Want] {
			t.Errorf("row %d: %q %q, want %q %q", row, name, got, tc.Name, names[tc.Want])
		}
		count[names[tc.Want]]++
	}
	// An extended deadline goes with the unit's name.
	ext := *s
	extended := due.Add(72 * time.Hour)
	ext.Completeness.Units = []consolidate.UnitStatus{{Unit: "X", Name: "Xã Một", Status: "draft", DueAt: &extended, DueReason: "Mất điện"}}
	if out, err := Render(&ext, testMeta); err != nil {
		t.Fatal(err)
	} else if g, err := excelize.OpenReader(bytes.NewReader(out)); err != nil {
		t.Fatal(err)
	} else {
		name, _ := g.GetCellValue(sheetProgress, cellAt(2, progressHeaderRow+1))
		g.Close()
		if name != "Xã Một (gia hạn đến hết ngày 13/11/2025: Mất điện)" {
			t.Errorf("extended unit's name = %q", name)
		}
	}
	r := findRow(t, f, sheetProgress, map[int]string{blockCol: msgLate})
	if got := numberAt(t, f, sheetProgress, cellAt(blockCol+1, r)); int(got) != count[statusLate] {
		t.Errorf("late = %v, want %d", got, count[statusLate])
	}
}
