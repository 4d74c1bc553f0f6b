package domain

import (
	"baocao/internal/submission"
	"time"
)

// Submission is a unit's submission for a round, as stored.
type Submission struct {
	ID       int64
	RoundID  int64
	UnitCode string
	FormCode string
	Status   submission.Status
	Revision int
	// SubmittedAt is when the report in hand was submitted (nil while it
	// is a draft); FirstSubmittedAt when the unit first submitted, which
	// its timeliness is judged by.
	SubmittedAt      *time.Time
	FirstSubmittedAt *time.Time
	ReviewedAt       *time.Time
	ReviewedBy       *string
	ReviewComment    string
	UpdatedAt        time.Time
	// UnitDueAt is the unit's own deadline when staff extended it, with
	// the reason; nil when the round's holds (see Deadline).
	UnitDueAt     *time.Time
	UnitDueReason string
	// ReviewerName is the display name of the account ReviewedBy names
	// (ReviewedBy itself when no account has that name); empty before a
	// review.
	ReviewerName string
}

// Deadline is the deadline the unit's report is due by: the later of the
// round's and its own, when staff extended it.
func (s Submission) Deadline(roundDue time.Time) time.Time {
	if s.UnitDueAt != nil && s.UnitDueAt.After(roundDue) {
		return *s.UnitDueAt
	}
	return roundDue
}

// Standing is what the submission counts as in a round due at roundDue
// (submission.StandingOf, by its own deadline).
func (s Submission) Standing(roundDue time.Time) submission.Standing {
	return submission.StandingOf(s.Status, s.FirstSubmittedAt, s.Deadline(roundDue))
}

// Revision is one saved state of a submission.
type Revision struct {
	SubmissionID   int64
	Number         int
	CreatedAt      time.Time
	AuthorID       *int64
	Author         string
	Source         string
	Content        submission.Content
	Changes        []submission.CellChange
	IdempotencyKey *string
	// AuthorName is the author's display name, read by ListRevisions
	// (Author when the account is gone).
	AuthorName string
}

// Event is a status change of a submission.
type Event struct {
	At       time.Time
	ActorID  *int64
	Actor    string
	Kind     string
	Revision int
	Comment  string
	// ActorName is the actor's display name, read by ListEvents (Actor
	// when the account is gone).
	ActorName string
}

// Upload is a workbook as an agency uploaded it.
type Upload struct {
	ID             int64
	SubmissionID   int64
	UserID         int64
	Filename       string
	Size           int64
	SHA256         string
	Data           []byte
	CreatedAt      time.Time
	JobID          *int64
	IdempotencyKey *string
}
