// Package submissiontest gives the tests of every package that shows a
// submission's standing the same cases, so that each is checked against
// the one rule (submission.StandingOf).
package submissiontest

import (
	"fmt"
	"time"

	"baocao/internal/submission"
)

// Case is a submission as stored and the standing the rule gives it.
type Case struct {
	Name   string
	Status submission.Status
	// First and Last are the first submission and the one in hand.
	First, Last *time.Time
	Want        submission.Standing
}

// Cases feeds every status with every kind of submission time against
// deadline: never submitted, first submitted before, on and after it, and
// resubmitted after it.
func Cases(deadline time.Time) []Case {
	early, onTheDot, late := deadline.Add(-time.Hour), deadline, deadline.Add(26*time.Hour)
	times := []struct {
		name        string
		first, last *time.Time
	}{
		{"never", nil, nil},
		{"early", &early, &early},
		{"on the deadline", &onTheDot, &onTheDot},
		{"late", &late, &late},
		{"early, resubmitted late", &early, &late},
		{"early, withdrawn", &early, nil},
	}
	var out []Case
	for _, st := range submission.Statuses {
		for _, tm := range times {
			out = append(out, Case{Name: fmt.Sprintf("%s/%s", st, tm.name), Status: st, First: tm.first, Last: tm.last,
				Want: submission.StandingOf(st, tm.first, deadline)})
		}
	}
	return out
}
