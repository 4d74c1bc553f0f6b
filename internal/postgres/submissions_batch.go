package postgres

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/submission"
)

// Saving or submitting a form is a handful of statements; sent one by one
// they cost a round trip each (and on a loaded server a wake-up of the
// backend and of the caller each). The Queue functions put them on a
// pgx.Batch instead, so that the reads a change needs travel together (with
// the transaction's BEGIN, see pgx.Batch.BeginTx) and so do its writes.

// SubmissionRead is what a change to a submission starts from, filled in
// when the batch it was queued on is closed.
type SubmissionRead struct {
	Round Round
	// RoundFound is false when no round has the code.
	RoundFound bool
	Sub        Submission
	// Found is false when the round has no submission of the unit within
	// the scope.
	Found bool
	// PreviousID and PreviousRevision name the unit's latest revision in
	// the most recent round of the same kind that ended before this one
	// started, when HasPrevious: the content its findings compare with.
	PreviousID       int64
	PreviousRevision int
	HasPrevious      bool
	// KeyUsed reports whether a revision of the submission was saved
	// under the idempotency key asked about.
	KeyUsed bool
}

// ReadOptions say what QueueReadSubmission reads besides the submission.
type ReadOptions struct {
	// Lock locks the submission's row for the rest of the transaction.
	Lock bool
	// IdempotencyKey, when set, asks whether a revision was saved under it.
	IdempotencyKey string
}

const readRound = "SELECT " + roundColumns + " FROM rounds WHERE code = $1"

// The submission is found by its round's code so that it can be read in
// the same batch as the round.
const readSubmission = "SELECT " + submissionColumns + submissionFrom +
	"WHERE s.round_id = (SELECT id FROM rounds WHERE code = $1) AND s.unit_code = $2 AND ($3 = '' OR s.unit_code = $3)"

// The key is looked up in a statement of its own after the row lock: a
// statement that waited for the lock sees only what committed before it
// started, and a concurrent request with the same key commits while
// holding the lock.
const readKeyUsed = `SELECT EXISTS (SELECT 1 FROM submission_revisions r JOIN submissions s ON s.id = r.submission_id
	WHERE s.round_id = (SELECT id FROM rounds WHERE code = $1) AND s.unit_code = $2 AND r.idempotency_key = $3)`

const readPreviousRevision = `SELECT s.id, s.revision FROM rounds cur
	JOIN rounds ro ON ro.kind = cur.kind AND ro.period_end < cur.period_start
	JOIN submissions s ON s.round_id = ro.id
	WHERE cur.code = $1 AND s.unit_code = $2 AND s.revision > 0
	ORDER BY ro.period_end DESC LIMIT 1`

// QueueReadSubmission queues on b the reads of unit's submission in round
// roundCode within scope: the round, the submission (locked when asked),
// the previous round's revision it is compared with, and whether the
// idempotency key was used. The result is filled when b's results close;
// a missing round or submission is not an error there (see Check).
func QueueReadSubmission(b *pgx.Batch, scope access.Scope, roundCode, unit string, opt ReadOptions) *SubmissionRead {
	out := &SubmissionRead{}
	b.Queue(readRound, roundCode).Query(func(rows pgx.Rows) error {
		r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Round])
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read round %s: %w", roundCode, err)
		}
		out.Round, out.RoundFound = r, true
		return nil
	})
	sql := readSubmission
	if opt.Lock {
		sql += " FOR UPDATE OF s"
	}
	b.Queue(sql, roundCode, unit, scope.Unit).Query(func(rows pgx.Rows) error {
		sub, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Submission])
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read submission: %w", err)
		}
		out.Sub, out.Found = sub, true
		return nil
	})
	if opt.IdempotencyKey != "" {
		b.Queue(readKeyUsed, roundCode, unit, opt.IdempotencyKey).QueryRow(func(row pgx.Row) error {
			if err := row.Scan(&out.KeyUsed); err != nil {
				return fmt.Errorf("read revision by key: %w", err)
			}
			return nil
		})
	}
	b.Queue(readPreviousRevision, roundCode, unit).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&out.PreviousID, &out.PreviousRevision)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("previous round revision: %w", err)
		}
		out.HasPrevious = true
		return nil
	})
	return out
}

// CheckSubmission returns the error GetSubmission gives for a missing
// submission.
func (r *SubmissionRead) CheckSubmission(unit string) error {
	if !r.Found {
		return fmt.Errorf("submission of %s: %w", unit, access.ErrNotFound)
	}
	return nil
}

const insertRevision = `INSERT INTO submission_revisions (submission_id, number, author_id, author, source, content, changes, idempotency_key)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at`

// QueueInsertRevision queues the insertion of r on b; its content and
// changes are encoded here, once.
func QueueInsertRevision(b *pgx.Batch, r Revision) error {
	content, changes, err := encodeRevision(r)
	if err != nil {
		return err
	}
	b.Queue(insertRevision, r.SubmissionID, r.Number, r.AuthorID, r.Author, r.Source, content, changes, r.IdempotencyKey).
		Fn = execError("insert revision")
	return nil
}

func encodeRevision(r Revision) (content, changes []byte, err error) {
	if content, err = r.Content.AppendJSON(nil); err != nil {
		return nil, nil, fmt.Errorf("encode revision: %w", err)
	}
	if changes, err = submission.AppendChangesJSON(nil, r.Changes); err != nil {
		return nil, nil, fmt.Errorf("encode revision changes: %w", err)
	}
	return content, changes, nil
}

const updateSubmission = `UPDATE submissions SET status = $2, revision = $3, submitted_at = $4, on_time = $5,
	reviewed_at = $6, reviewed_by = $7, review_comment = $8, updated_at = now() WHERE id = $1`

// QueueUpdateSubmission queues on b what UpdateSubmission does.
func QueueUpdateSubmission(b *pgx.Batch, s Submission) {
	b.Queue(updateSubmission, s.ID, s.Status, s.Revision, s.SubmittedAt, s.OnTime, s.ReviewedAt, s.ReviewedBy, s.ReviewComment).
		Fn = execError("update submission")
}

const insertEvent = "INSERT INTO submission_events (submission_id, actor_id, actor, kind, revision, comment) VALUES ($1, $2, $3, $4, $5, $6)"

// QueueAddEvent queues on b what AddEvent does.
func QueueAddEvent(b *pgx.Batch, submissionID int64, e Event) {
	b.Queue(insertEvent, submissionID, e.ActorID, e.Actor, e.Kind, e.Revision, e.Comment).
		Fn = execError("record submission event")
}

// QueueAudit queues on b the entry Audit appends (the same statement).
func QueueAudit(b *pgx.Batch, e AuditEntry) {
	if e.Details == nil {
		e.Details = map[string]any{}
	}
	b.Queue("INSERT INTO audit_log (actor_id, actor, action, target, ip, details) VALUES ($1, $2, $3, $4, $5, $6)",
		e.ActorID, e.Actor, e.Action, e.Target, e.IP, e.Details).
		Fn = execError("audit " + e.Action)
}

// execError reads a queued statement's result, its error wrapped as the
// statement's one-at-a-time function wraps it.
func execError(what string) func(pgx.BatchResults) error {
	return func(br pgx.BatchResults) error {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
}
