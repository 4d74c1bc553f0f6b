package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/submission"
)

const submissionColumns = `s.id, s.round_id, s.unit_code, ru.form_code, s.status, s.revision, s.submitted_at, s.first_submitted_at,
	s.reviewed_at, s.reviewed_by, s.review_comment, s.updated_at, ru.due_at, ru.due_reason, coalesce(nullif(rv.display_name, ''), s.reviewed_by, '')`

// submissionFrom reads submissions with their unit's form and deadline and
// the name of who reviewed them.
const submissionFrom = ` FROM submissions s JOIN round_units ru ON ru.round_id = s.round_id AND ru.unit_code = s.unit_code
	LEFT JOIN users rv ON rv.username = s.reviewed_by `

// GetSubmission returns unit's submission in round, within scope (an agency
// sees only its own unit: another unit is not found). forUpdate locks the
// row for the rest of the transaction.
func GetSubmission(ctx context.Context, db DBTX, scope access.Scope, roundID int64, unit string, forUpdate bool) (domain.Submission, error) {
	sql := "SELECT " + submissionColumns + submissionFrom +
		"WHERE s.round_id = $1 AND s.unit_code = $2 AND ($3 = '' OR s.unit_code = $3)"
	if forUpdate {
		sql += " FOR UPDATE OF s"
	}
	rows, err := db.Query(ctx, sql, roundID, unit, scope.Unit)
	if err != nil {
		return domain.Submission{}, fmt.Errorf("read submission: %w", err)
	}
	sub, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[domain.Submission])
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Submission{}, fmt.Errorf("submission of %s: %w", unit, domain.ErrNotFound)
	}
	if err != nil {
		return domain.Submission{}, fmt.Errorf("read submission: %w", err)
	}
	return sub, nil
}

// ListSubmissions returns the submissions of a round within scope, by unit.
func ListSubmissions(ctx context.Context, db DBTX, scope access.Scope, roundID int64) ([]domain.Submission, error) {
	return queryAll(ctx, db, "list submissions", pgx.RowToStructByPos[domain.Submission], "SELECT "+submissionColumns+submissionFrom+
		"WHERE s.round_id = $1 AND ($2 = '' OR s.unit_code = $2) ORDER BY s.unit_code", roundID, scope.Unit)
}

// UpdateSubmission stores a submission's status fields.
func UpdateSubmission(ctx context.Context, db DBTX, s domain.Submission) error {
	_, err := db.Exec(ctx, updateSubmission, s.ID, s.Status, s.Revision, s.SubmittedAt, s.FirstSubmittedAt, s.ReviewedAt, s.ReviewedBy, s.ReviewComment)
	if err != nil {
		return fmt.Errorf("update submission: %w", err)
	}
	return nil
}

const revisionColumns = "submission_id, number, created_at, author_id, author, source, content, changes, idempotency_key"

// scanRevision reads revisionColumns, then the columns of extra.
func scanRevision(row pgx.Row, extra ...any) (domain.Revision, error) {
	var r domain.Revision
	var content, changes []byte
	dest := append([]any{&r.SubmissionID, &r.Number, &r.CreatedAt, &r.AuthorID, &r.Author, &r.Source, &content, &changes, &r.IdempotencyKey}, extra...)
	err := row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Revision{}, domain.ErrNotFound
	}
	if err != nil {
		return domain.Revision{}, fmt.Errorf("read revision: %w", err)
	}
	r.Content = submission.NewContent()
	if err := json.Unmarshal(content, &r.Content); err != nil {
		return domain.Revision{}, fmt.Errorf("decode revision: %w", err)
	}
	if err := json.Unmarshal(changes, &r.Changes); err != nil {
		return domain.Revision{}, fmt.Errorf("decode revision changes: %w", err)
	}
	return r, nil
}

// GetRevision returns revision number of a submission.
func GetRevision(ctx context.Context, db DBTX, submissionID int64, number int) (domain.Revision, error) {
	return scanRevision(db.QueryRow(ctx, "SELECT "+revisionColumns+" FROM submission_revisions WHERE submission_id = $1 AND number = $2",
		submissionID, number))
}

// ListRevisions returns every revision of a submission, oldest first,
// with its author's name.
func ListRevisions(ctx context.Context, db DBTX, submissionID int64) ([]domain.Revision, error) {
	rows, err := db.Query(ctx, "SELECT "+qualified(revisionColumns, "r")+`, coalesce(nullif(u.display_name, ''), r.author)
		FROM submission_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.submission_id = $1 ORDER BY r.number`, submissionID)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	defer rows.Close()
	var out []domain.Revision
	for rows.Next() {
		var name string
		r, err := scanRevision(rows, &name)
		if err != nil {
			return nil, err
		}
		r.AuthorName = name
		out = append(out, r)
	}
	return out, rows.Err()
}

// Content returns a submission's content at revision (empty at 0): the
// content alone, not the revision's list of changes, which on a first
// revision is as long as the content and is not needed to apply the next.
func Content(ctx context.Context, db DBTX, submissionID int64, revision int) (submission.Content, error) {
	if revision == 0 {
		return submission.NewContent(), nil
	}
	var raw []byte
	err := db.QueryRow(ctx, "SELECT content FROM submission_revisions WHERE submission_id = $1 AND number = $2",
		submissionID, revision).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return submission.Content{}, domain.ErrNotFound
	}
	if err != nil {
		return submission.Content{}, fmt.Errorf("read revision: %w", err)
	}
	c := submission.NewContent()
	if err := json.Unmarshal(raw, &c); err != nil {
		return submission.Content{}, fmt.Errorf("decode revision: %w", err)
	}
	return c, nil
}

// AddEvent records a status change.
func AddEvent(ctx context.Context, db DBTX, submissionID int64, e domain.Event) error {
	_, err := db.Exec(ctx, insertEvent, submissionID, e.ActorID, e.Actor, e.Kind, e.Revision, e.Comment)
	if err != nil {
		return fmt.Errorf("record submission event: %w", err)
	}
	return nil
}

// ListEvents returns a submission's status changes, oldest first.
func ListEvents(ctx context.Context, db DBTX, submissionID int64) ([]domain.Event, error) {
	return queryAll(ctx, db, "list submission events", pgx.RowToStructByPos[domain.Event], `SELECT e.at, e.actor_id, e.actor, e.kind, e.revision, e.comment, coalesce(nullif(u.display_name, ''), e.actor)
		FROM submission_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.submission_id = $1 ORDER BY e.at, e.id`, submissionID)
}
