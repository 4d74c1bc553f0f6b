package intake

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// Sources of revisions.
const (
	SourceWeb   = "web"
	SourceAPI   = "api"
	SourceExcel = "excel"
)

// Save is a change to a submission.
type Save struct {
	// Revision is the revision the change was made on; a different
	// current revision is a conflict. Nil skips the check (a workbook
	// import applies onto whatever is current).
	Revision *int
	Change   submission.Change
	Source   string
	// IdempotencyKey makes a retried request count once.
	IdempotencyKey string
	IP             string
}

// Save applies a change as a new revision. Malformed entries refuse the
// whole change (ValuesError); an accepted submission or a closed round is
// locked; a stale revision is a conflict. Content that breaks consistency
// rules is saved, its findings listed in the view.
//
// It reads in one batch and writes in another (see change).
func (s *Service) Save(ctx context.Context, u access.User, roundCode, unit string, in Save) (*View, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return nil, domain.ErrForbidden
	}
	opt := postgres.ReadOptions{IdempotencyKey: in.IdempotencyKey}
	var saved bool
	v, err := s.change(ctx, u, roundCode, unit, opt, func(v *View, read *postgres.SubmissionRead, writes *pgx.Batch) (err error) {
		saved, err = s.save(ctx, writes, u, v, read.KeyUsed, roundCode, unit, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	if saved {
		s.contents.put(v.Sub.ID, v.Sub.Revision, v.Content) // committed: the next save starts from it
	}
	return v, nil
}

// save applies in to v, queuing the writes of a new revision on writes,
// and fills v's findings; saved reports whether there is a revision to
// write.
func (s *Service) save(ctx context.Context, writes *pgx.Batch, u access.User, v *View, keyUsed bool, roundCode, unit string, in Save) (saved bool, err error) {
	if keyUsed {
		return false, s.validate(ctx, s.pool, v) // already applied: answer with the current state
	}
	if err := editable(v, s.Now()); err != nil {
		return false, err
	}
	if in.Revision != nil && *in.Revision != v.Sub.Revision {
		return false, &StaleError{Given: *in.Revision, Current: v.Sub.Revision}
	}
	next, verrs := submission.Apply(v.Spec, v.Content, in.Change)
	if len(verrs) > 0 {
		return false, &ValuesError{Errors: verrs}
	}
	changes := submission.Diff(v.Content, next)
	if len(changes) == 0 {
		return false, s.validate(ctx, s.pool, v)
	}
	rev := domain.Revision{SubmissionID: v.Sub.ID, Number: v.Sub.Revision + 1, AuthorID: &u.ID, Author: u.Username,
		Source: in.Source, Content: next, Changes: changes}
	if in.IdempotencyKey != "" {
		rev.IdempotencyKey = &in.IdempotencyKey
	}
	if v.Sub.Status == submission.StatusNotStarted {
		v.Sub.Status = submission.StatusDraft // a returned report stays returned until submitted anew
	}
	v.Sub.Revision = rev.Number
	v.Content = next
	if err := s.validate(ctx, s.pool, v); err != nil {
		return false, err
	}
	if err := postgres.QueueAppendRevision(writes, rev); err != nil {
		return false, err
	}
	postgres.QueueUpdateSubmission(writes, v.Sub)
	postgres.QueueAudit(writes, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "submission_saved",
		Target: roundCode + "/" + unit, IP: in.IP,
		Details: map[string]any{"revision": rev.Number, "source": in.Source, "changes": len(changes)}})
	return true, nil
}

// lockedFor refuses changes to an accepted submission or a round closed
// to its unit (View.OpenFor).
func lockedFor(v *View, now time.Time) error {
	if v.Sub.Status == submission.StatusAccepted {
		return fmt.Errorf("submission accepted: %w", domain.ErrLocked)
	}
	if !v.OpenFor(now) {
		return fmt.Errorf("round %s is %s: %w", v.Round.Code, v.Round.Status, domain.ErrLocked)
	}
	return nil
}

// SubmittedError refuses a change to a submitted report: it stays as the
// unit sent it until staff return it or the unit withdraws it.
type SubmittedError struct {
	Round, Unit string
}

func (e *SubmittedError) Error() string {
	return fmt.Sprintf("submission %s/%s is submitted: withdraw it to change it", e.Round, e.Unit)
}

// Unwrap makes a SubmittedError an domain.ErrConflict.
func (e *SubmittedError) Unwrap() error { return domain.ErrConflict }

// editable refuses a change to v: locked, or submitted and not withdrawn.
func editable(v *View, now time.Time) error {
	if err := lockedFor(v, now); err != nil {
		return err
	}
	if v.Sub.Status == submission.StatusSubmitted {
		return &SubmittedError{Round: v.Round.Code, Unit: v.Sub.UnitCode}
	}
	return nil
}
