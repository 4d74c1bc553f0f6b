package postgres

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// Saving or submitting a form is a handful of statements; sent one by one
// they cost a round trip each (and on a loaded server a wake-up of the
// backend and of the caller each). The Queue functions put them on a
// pgx.Batch instead, so that the reads a change needs travel together and
// so do its writes (one transaction, see QueueExpectSubmission).

// SubmissionRead is what a change to a submission starts from, filled in
// when the batch it was queued on is closed.
type SubmissionRead struct {
	Round domain.Round
	// RoundFound is false when no round has the code.
	RoundFound bool
	Sub        domain.Submission
	// Found is false when the round has no submission of the unit within
	// the scope.
	Found bool
	// Previous is the most recent round of the same kind that ended
	// before this one started and expected the unit or one of the units it
	// took over (ReadOptions.Lineage), with their submissions there: what
	// its findings compare with.
	Previous PreviousRound
	// KeyUsed reports whether a revision of the submission was saved
	// under the idempotency key asked about.
	KeyUsed bool
}

// PreviousRound is a round before the one read and the submissions it
// had of some units; Found is false when there is none.
type PreviousRound struct {
	Found bool
	Round domain.Round
	Subs  []PreviousSubmission
}

// PreviousSubmission is a unit's submission in a previous round.
type PreviousSubmission struct {
	Unit     string
	ID       int64
	Revision int
	FormCode string
}

// ReadOptions say what QueueReadSubmission reads besides the submission.
type ReadOptions struct {
	// Lineage are the unit and every unit it took over (catalog.Ancestors):
	// the units looked for in the previous round. Empty: the unit alone.
	Lineage []string
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

// The key is looked up in a statement of its own after the submission's:
// when the row is locked, a statement that waited for the lock sees only
// what committed before it started, and a concurrent request with the
// same key commits while holding the lock. (An optimistic save reads
// without the lock: a request with the same key committing after its
// reads makes its writes fail QueueExpectSubmission's check, and the
// save, read again, finds the key used.)
const readKeyUsed = `SELECT EXISTS (SELECT 1 FROM submission_revisions r JOIN submissions s ON s.id = r.submission_id
	WHERE s.round_id = (SELECT id FROM rounds WHERE code = $1) AND s.unit_code = $2 AND r.idempotency_key = $3)`

// readPrevious finds the round before this one (of the same kind, ended
// before it started) that expected any of the units $2, and their
// submissions there, one row each.
var readPrevious = `WITH prev AS (
		SELECT ro.id FROM rounds cur JOIN rounds ro ON ro.kind = cur.kind AND ro.period_end < cur.period_start
		WHERE cur.code = $1 AND EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = ro.id AND s.unit_code = ANY($2))
		ORDER BY ro.period_end DESC, ro.id DESC LIMIT 1)
	SELECT ` + qualified(roundColumns, "r") + `, s.unit_code, s.id, s.revision, ru.form_code
	FROM prev JOIN rounds r ON r.id = prev.id
	JOIN submissions s ON s.round_id = prev.id AND s.unit_code = ANY($2)
	JOIN round_units ru ON ru.round_id = prev.id AND ru.unit_code = s.unit_code
	ORDER BY s.unit_code`

// qualified prefixes each of a list of columns with a table alias.
func qualified(columns, alias string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// QueueReadSubmission queues on b the reads of unit's submission in round
// roundCode within scope: the round, the submission (locked when asked),
// the previous round's revision it is compared with, and whether the
// idempotency key was used. The result is filled when b's results close;
// a missing round or submission is not an error there (see Check).
func QueueReadSubmission(b *pgx.Batch, scope access.Scope, roundCode, unit string, opt ReadOptions) *SubmissionRead {
	out := &SubmissionRead{}
	b.Queue(readRound, roundCode).Query(func(rows pgx.Rows) error {
		r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[domain.Round])
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
		sub, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[domain.Submission])
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
	lineage := opt.Lineage
	if len(lineage) == 0 {
		lineage = []string{unit}
	}
	b.Queue(readPrevious, roundCode, lineage).Query(func(rows pgx.Rows) error {
		p := &out.Previous
		for rows.Next() {
			var sub PreviousSubmission
			r := &p.Round
			if err := rows.Scan(&r.ID, &r.Code, &r.Kind, &r.Title, &r.PeriodStart, &r.PeriodEnd, &r.DueAt, &r.CatalogVersionID,
				&r.Status, &r.CreatedAt, &r.Indicators, &r.CreatedBy, &r.LockedAt, &r.Year, &r.DataFrom, &r.Cutoff,
				&sub.Unit, &sub.ID, &sub.Revision, &sub.FormCode); err != nil {
				return fmt.Errorf("previous round: %w", err)
			}
			p.Found = true
			p.Subs = append(p.Subs, sub)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("previous round: %w", err)
		}
		return nil
	})
	return out
}

// CheckSubmission returns the error GetSubmission gives for a missing
// submission.
func (r *SubmissionRead) CheckSubmission(unit string) error {
	if !r.Found {
		return fmt.Errorf("submission of %s: %w", unit, domain.ErrNotFound)
	}
	return nil
}

const updateSubmission = `UPDATE submissions SET status = $2, revision = $3, submitted_at = $4, first_submitted_at = $5,
	reviewed_at = $6, reviewed_by = $7, review_comment = $8, updated_at = now() WHERE id = $1`

// QueueUpdateSubmission queues on b what UpdateSubmission does.
func QueueUpdateSubmission(b *pgx.Batch, s domain.Submission) {
	b.Queue(updateSubmission, s.ID, s.Status, s.Revision, s.SubmittedAt, s.FirstSubmittedAt, s.ReviewedAt, s.ReviewedBy, s.ReviewComment).
		Fn = execError("update submission")
}

const insertEvent = "INSERT INTO submission_events (submission_id, actor_id, actor, kind, revision, comment) VALUES ($1, $2, $3, $4, $5, $6)"

// QueueAddEvent queues on b what AddEvent does.
func QueueAddEvent(b *pgx.Batch, submissionID int64, e domain.Event) {
	b.Queue(insertEvent, submissionID, e.ActorID, e.Actor, e.Kind, e.Revision, e.Comment).
		Fn = execError("record submission event")
}

// QueueAudit queues on b the entry Audit appends (the same statement).
func QueueAudit(b *pgx.Batch, e domain.AuditEntry) {
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

// expectSubmission locks a submission's row if it still has the revision
// and status given, and fails with serialization_failure otherwise
// (migration 0018). Under READ COMMITTED a row changed by a transaction
// it waited for is checked again in its new version, so a change
// committed in between is seen.
const expectSubmission = `SELECT expect_submission_unchanged(count(*)) FROM (
	SELECT 1 FROM submissions WHERE id = $1 AND revision = $2 AND status = $3 FOR NO KEY UPDATE) AS s`

// QueueExpectSubmission queues on b the check that sub is still at the
// revision and status it was read with, its row locked for the rest of
// the transaction. Queued first on a batch of writes sent outside an
// explicit transaction (a batch is one implicit transaction), it makes
// the writes optimistic: if someone else changed the submission since
// it was read, nothing of the batch is written and the error is one
// SubmissionChanged recognises.
func QueueExpectSubmission(b *pgx.Batch, sub domain.Submission) {
	b.Queue(expectSubmission, sub.ID, sub.Revision, sub.Status).Fn = execError("check submission unchanged")
}

// SubmissionChanged reports whether err is QueueExpectSubmission's
// failure: the submission changed after it was read; read it again.
func SubmissionChanged(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == pgerrcode.SerializationFailure
}
