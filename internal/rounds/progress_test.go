package rounds

import (
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/submission"
	"baocao/internal/submission/submissiontest"
)

// Every status, with every kind of submission time, counts in progress as
// the one rule stands it; only units with nothing in hand are chased.
func TestTally_StandingOfEveryStatus(t *testing.T) {
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	r := domain.Round{Code: "R", DueAt: due}
	cases := submissiontest.Cases(due)
	var subs []domain.Submission
	for _, tc := range cases {
		subs = append(subs, domain.Submission{UnitCode: tc.Name, Status: tc.Status, FirstSubmittedAt: tc.First, SubmittedAt: tc.Last})
	}
	p := tally(r, subs, func(string) catalog.Unit { return catalog.Unit{} })
	for i, up := range p.Units {
		tc := cases[i]
		if up.Standing != tc.Want {
			t.Errorf("%s: standing %s, want %s", tc.Name, up.Standing, tc.Want)
		}
		if (up.OnTime != nil) != tc.Want.Submitted() || (up.OnTime != nil && *up.OnTime != (tc.Want == submission.StandingOnTime)) {
			t.Errorf("%s: on_time %v for %s", tc.Name, up.OnTime, tc.Want)
		}
		if awaited(r, subs[i]) != (tc.Want == submission.StandingNotStarted || tc.Want == submission.StandingDraft) {
			t.Errorf("%s: awaited %v for %s", tc.Name, awaited(r, subs[i]), tc.Want)
		}
		if up.Resubmitted != (tc.First != nil && tc.Last != nil && tc.Last.After(*tc.First)) {
			t.Errorf("%s: resubmitted %v", tc.Name, up.Resubmitted)
		}
	}
	if p.Submitted != p.OnTime+p.Late || p.Submitted+p.Missing != p.Expected || p.Expected != len(cases) {
		t.Fatalf("progress %+v does not add up", p)
	}
}
