package submission

import "time"

// Status is where a submission is in its workflow.
type Status string

// The statuses of a submission. A unit fills in a draft and submits it;
// staff accept it or return it to be corrected; the unit may withdraw a
// submitted report that is not yet reviewed, which makes it a draft again.
const (
	StatusNotStarted Status = "not_started"
	StatusDraft      Status = "draft"
	StatusSubmitted  Status = "submitted"
	StatusAccepted   Status = "accepted"
	StatusReturned   Status = "returned"
)

// Statuses lists every status, in workflow order.
var Statuses = []Status{StatusNotStarted, StatusDraft, StatusSubmitted, StatusAccepted, StatusReturned}

// Standing is what a unit's submission counts as in its round: progress,
// consolidation, pages, the PDF and the workbook all name it the same way
// because they all ask StandingOf.
type Standing string

// The standings. OnTime and Late count as submitted; the others owe the
// round a report.
const (
	StandingNotStarted Standing = "not_started"
	StandingDraft      Standing = "draft"
	StandingReturned   Standing = "returned"
	StandingOnTime     Standing = "on_time"
	StandingLate       Standing = "late"
)

// Standings lists every standing, submitted ones first.
var Standings = []Standing{StandingOnTime, StandingLate, StandingReturned, StandingDraft, StandingNotStarted}

// Submitted reports whether the standing counts as a report received.
func (s Standing) Submitted() bool { return s == StandingOnTime || s == StandingLate }

// NothingSubmitted reports whether the unit has no report in hand: not
// started, or a draft (never submitted, or withdrawn). Only such units are
// reminded, marked overdue and chased; a returned report is followed by
// the return notice that says what to correct.
func (s Standing) NothingSubmitted() bool { return s == StandingNotStarted || s == StandingDraft }

// StandingOf is the one rule for a submission's standing. A submitted or
// accepted report is on time when it was first submitted by the deadline:
// a unit that corrects its report after a return, or after withdrawing it,
// keeps the timeliness of its first submission. A submitted report with no
// recorded submission time cannot be shown to be on time and counts as
// late. A returned report owes a corrected one; a draft (never submitted,
// or withdrawn) owes its report.
func StandingOf(status Status, firstSubmitted *time.Time, deadline time.Time) Standing {
	switch status {
	case StatusSubmitted, StatusAccepted:
		if firstSubmitted != nil && OnTime(*firstSubmitted, deadline) {
			return StandingOnTime
		}
		return StandingLate
	case StatusReturned:
		return StandingReturned
	case StatusDraft:
		return StandingDraft
	}
	return StandingNotStarted
}

// OnTime reports whether a submission at is within deadline: the deadline
// itself is still on time.
func OnTime(at, deadline time.Time) bool { return !at.After(deadline) }

// Resubmitted reports whether the report in hand was submitted after the
// unit's first submission (after a return or a withdrawal).
func Resubmitted(first, last *time.Time) bool {
	return first != nil && last != nil && last.After(*first)
}
