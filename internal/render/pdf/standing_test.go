package pdf

import (
	"testing"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
	"baocao/internal/submission/submissiontest"
)

// Every status, with every kind of submission time, is named in the report
// as the one rule stands it: a unit with nothing in hand has not sent it.
func TestUnitStatus_StandingOfEveryStatus(t *testing.T) {
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	r := &renderer{s: &consolidate.Snapshot{Round: consolidate.RoundInfo{DueAt: due}}}
	names := map[submission.Standing]string{submission.StandingOnTime: "Đúng hạn", submission.StandingLate: "Muộn hạn",
		submission.StandingReturned: "Trả lại", submission.StandingDraft: "Chưa gửi", submission.StandingNotStarted: "Chưa gửi"}
	for _, tc := range submissiontest.Cases(due) {
		u := consolidate.UnitStatus{Unit: "X", Status: tc.Status, SubmittedAt: tc.Last, FirstSubmittedAt: tc.First}
		if got := r.unitStatus(u); got != names[tc.Want] {
			t.Errorf("%s: %q, want %q", tc.Name, got, names[tc.Want])
		}
	}
}

// A unit whose deadline staff extended is judged by it, and the table says
// so with the reason.
func TestStatusCell_Extended(t *testing.T) {
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	r := &renderer{s: &consolidate.Snapshot{Round: consolidate.RoundInfo{DueAt: due}}}
	late, extended := due.Add(30*time.Hour), due.Add(72*time.Hour)
	u := consolidate.UnitStatus{Unit: "X", Status: "submitted", SubmittedAt: &late, FirstSubmittedAt: &late,
		DueAt: &extended, DueReason: "Mất điện"}
	if got, want := r.statusCell(u), "Đúng hạn (gia hạn đến hết ngày 13/11/2025: Mất điện)"; got != want {
		t.Errorf("statusCell = %q, want %q", got, want)
	}
	u.DueAt = nil
	if got := r.statusCell(u); got != "Muộn hạn" {
		t.Errorf("without the extension: %q", got)
	}
}
