package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// actor does what the intake service would do for one submission, at the
// times the demo chooses, writing the same rows: revisions, status,
// events and audit entries.
type actor struct {
	*season
	tx      pgx.Tx
	sub     *domain.Submission
	user    access.User
	content submission.Content
	clock   clock
}

func (a *actor) target() string { return a.Code + "/" + a.sub.UnitCode }

// save appends content as the next revision, authored by the unit's
// account; a first revision comes from a workbook now and then.
func (a *actor) save(ctx context.Context, content submission.Content, at time.Time, first bool) error {
	source := intake.SourceWeb
	if first && a.clock.r.IntN(5) < 2 {
		source = intake.SourceExcel
	}
	changes := submission.Diff(a.content, content)
	rev := domain.Revision{SubmissionID: a.sub.ID, Number: a.sub.Revision + 1, CreatedAt: at, AuthorID: &a.user.ID,
		Author: a.user.Username, Source: source, Content: content, Changes: changes}
	if err := postgres.AppendRevision(ctx, a.tx, rev); err != nil {
		return fmt.Errorf("%s: demo revision %d: %w", a.sub.UnitCode, rev.Number, err)
	}
	a.content, a.sub.Revision = content, rev.Number
	if a.sub.Status == submission.StatusSubmitted {
		return fmt.Errorf("%s: a submitted report is changed only after a return or a withdrawal", a.sub.UnitCode)
	}
	if a.sub.Status == submission.StatusNotStarted {
		a.sub.Status = submission.StatusDraft
	}
	return insertAudit(ctx, a.tx, domain.AuditEntry{At: at, ActorID: &a.user.ID, Actor: a.user.Username,
		Action: "submission_saved", Target: a.target(),
		Details: map[string]any{"revision": rev.Number, "source": source, "changes": len(changes)}})
}

// submit submits the current revision.
func (a *actor) submit(ctx context.Context, at time.Time) error {
	first := at
	if a.sub.FirstSubmittedAt != nil {
		first = *a.sub.FirstSubmittedAt
	}
	a.sub.Status, a.sub.SubmittedAt, a.sub.FirstSubmittedAt = submission.StatusSubmitted, &at, &first
	onTime := submission.StandingOf(a.sub.Status, a.sub.FirstSubmittedAt, a.DueAt) == submission.StandingOnTime
	if err := insertEvent(ctx, a.tx, a.sub.ID, domain.Event{At: at, ActorID: &a.user.ID, Actor: a.user.Username,
		Kind: "submitted", Revision: a.sub.Revision}); err != nil {
		return err
	}
	return insertAudit(ctx, a.tx, domain.AuditEntry{At: at, ActorID: &a.user.ID, Actor: a.user.Username,
		Action: "submission_submitted", Target: a.target(),
		Details: map[string]any{"revision": a.sub.Revision, "on_time": onTime}})
}

// review has staff accept or return the submission.
func (a *actor) review(ctx context.Context, status submission.Status, comment string, at time.Time) error {
	event := "accepted"
	if status == submission.StatusReturned {
		event = "returned"
	}
	reviewer := a.staff.Username
	a.sub.Status, a.sub.ReviewedAt, a.sub.ReviewedBy, a.sub.ReviewComment = status, &at, &reviewer, comment
	if err := insertEvent(ctx, a.tx, a.sub.ID, domain.Event{At: at, ActorID: &a.staff.ID, Actor: reviewer,
		Kind: event, Revision: a.sub.Revision, Comment: comment}); err != nil {
		return err
	}
	return insertAudit(ctx, a.tx, domain.AuditEntry{At: at, ActorID: &a.staff.ID, Actor: reviewer,
		Action: "submission_" + event, Target: a.target(),
		Details: map[string]any{"revision": a.sub.Revision, "comment": comment}})
}

// store writes where the submission ended, last changed at at.
func (a *actor) store(ctx context.Context, at time.Time) error {
	a.sub.UpdatedAt = at
	return updateSubmission(ctx, a.tx, *a.sub)
}
