package submission

import (
	"testing"
	"time"
)

func TestStandingOf(t *testing.T) {
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, time.UTC)
	early, late := due.Add(-time.Minute), due.Add(time.Minute)
	tests := []struct {
		status Status
		first  *time.Time
		want   Standing
	}{
		{StatusNotStarted, nil, StandingNotStarted},
		{StatusDraft, nil, StandingDraft},
		{StatusDraft, &early, StandingDraft}, // withdrawn: nothing in hand
		{StatusSubmitted, &early, StandingOnTime},
		{StatusSubmitted, &due, StandingOnTime}, // the deadline itself is on time
		{StatusSubmitted, &late, StandingLate},
		{StatusSubmitted, nil, StandingLate}, // no time recorded: cannot be shown on time
		{StatusAccepted, &early, StandingOnTime},
		{StatusAccepted, &late, StandingLate},
		{StatusReturned, &early, StandingReturned},
		{StatusReturned, &late, StandingReturned},
	}
	for _, tt := range tests {
		if got := StandingOf(tt.status, tt.first, due); got != tt.want {
			t.Errorf("StandingOf(%s, %v) = %s, want %s", tt.status, tt.first, got, tt.want)
		}
	}
	for _, st := range Standings {
		if st.Submitted() == st.NothingSubmitted() && st != StandingReturned {
			t.Errorf("%s is both or neither submitted and awaited", st)
		}
	}
	if StandingReturned.Submitted() || StandingReturned.NothingSubmitted() {
		t.Error("a returned report counts neither as submitted nor as nothing submitted")
	}
}

func TestResubmitted(t *testing.T) {
	a, b := time.Unix(100, 0), time.Unix(200, 0)
	if Resubmitted(&a, &a) || !Resubmitted(&a, &b) || Resubmitted(&a, nil) || Resubmitted(nil, &b) {
		t.Error("Resubmitted is wrong")
	}
}
