package consolidate

import (
	"fmt"
	"testing"
	"time"

	"baocao/internal/submission"
	"baocao/internal/submission/submissiontest"
)

// Every status, with every kind of submission time, counts in the
// snapshot as the one rule stands it.
func TestAssemble_StandingOfEveryStatus(t *testing.T) {
	c := minimal(t)
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	cases := submissiontest.Cases(due)
	var in []Input
	want := map[submission.Standing]int{}
	for i, tc := range cases {
		in = append(in, Input{Status: UnitStatus{Unit: fmt.Sprintf("U%02d", i), Status: tc.Status, SubmittedAt: tc.Last, FirstSubmittedAt: tc.First}})
		want[tc.Want]++
	}
	s := Build(c, 1, RoundInfo{Code: "R", DueAt: due}, c.Forms[0].Indicators, in, false)
	comp := s.Completeness
	if comp.OnTime != want[submission.StandingOnTime] || comp.Late != want[submission.StandingLate] ||
		comp.Submitted != comp.OnTime+comp.Late || comp.Missing != len(cases)-comp.Submitted {
		t.Fatalf("completeness %+v, want %v", comp, want)
	}
	for i, u := range comp.Units {
		tc := cases[i]
		if got := u.Standing(due); got != tc.Want {
			t.Errorf("%s: standing %s, want %s", tc.Name, got, tc.Want)
		}
		if (u.OnTime != nil) != tc.Want.Submitted() || (u.OnTime != nil && *u.OnTime != (tc.Want == submission.StandingOnTime)) {
			t.Errorf("%s: on_time %v for %s", tc.Name, u.OnTime, tc.Want)
		}
	}
}
