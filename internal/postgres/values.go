package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
	"baocao/internal/submission"
)

// A submission's content lives twice: whole in each revision (the
// history, as JSON), and as rows of the values and narratives of every
// revision (submission_values, submission_narratives: what consolidation
// sums, what a report reads its units' figures from, and what analysts
// query). A row holds from the revision that wrote it until the one that
// changed or removed it (migration 0017); the current rows are those not
// yet closed. QueueAppendRevision is the one writer of both, so the rows
// are always the revisions'.

const insertRevision = `INSERT INTO submission_revisions (submission_id, number, author_id, author, source, content, changes, idempotency_key, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now()))`

// A save closes the current rows of the cells and sections it changes and
// adds rows for those still holding something, from its revision on: it
// writes what changed, not the whole form. Numbers travel as the shortest
// decimal text that reads back as the same float64, which is what the
// revision's JSON holds: the numeric stored is that decimal.
const (
	closeValues = "UPDATE submission_values SET valid_until = $2 WHERE submission_id = $1 AND key = ANY($3) AND valid_until IS NULL"
	addValues   = `INSERT INTO submission_values (submission_id, valid_from, key, number, numerator, denominator, text_value, answer)
	SELECT $1, $2, u.key, u.number::numeric, u.numerator::numeric, u.denominator::numeric, u.text_value, u.answer
	FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[])
		AS u(key, number, numerator, denominator, text_value, answer)`
	closeNarratives = "UPDATE submission_narratives SET valid_until = $2 WHERE submission_id = $1 AND section = ANY($3) AND valid_until IS NULL"
	addNarratives   = `INSERT INTO submission_narratives (submission_id, valid_from, section, text)
	SELECT $1, $2, u.section, u.text FROM unnest($3::text[], $4::text[]) AS u(section, text)`
)

// QueueAppendRevision queues on b what saving a submission's content
// writes: r appended to its revisions, and its current values and
// narratives brought to r.Content. r.Changes must be what differs
// between the submission's current content and r.Content, as
// submission.Diff gives it (every writer computes it for the revision
// anyway): only the cells and sections it names are rewritten, so a save
// that changes one narrative writes one row, not the whole form.
// r.CreatedAt, when set, dates the revision (the demo's past seasons);
// otherwise it is now.
func QueueAppendRevision(b *pgx.Batch, r domain.Revision) error {
	content, changes, err := encodeRevision(r)
	if err != nil {
		return err
	}
	var at *time.Time
	if !r.CreatedAt.IsZero() {
		at = &r.CreatedAt
	}
	b.Queue(insertRevision, r.SubmissionID, r.Number, r.AuthorID, r.Author, r.Source, content, changes, r.IdempotencyKey, at).
		Fn = execError("insert revision")
	queueCurrentContent(b, r)
	return nil
}

// BatchSender runs a batch: a pool, a connection or a transaction.
type BatchSender interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// AppendRevision does what QueueAppendRevision queues, at once. Outside a
// transaction it is one: a batch runs as one implicit transaction.
func AppendRevision(ctx context.Context, db BatchSender, r domain.Revision) error {
	b := &pgx.Batch{}
	if err := QueueAppendRevision(b, r); err != nil {
		return err
	}
	return db.SendBatch(ctx, b).Close()
}

func encodeRevision(r domain.Revision) (content, changes []byte, err error) {
	if content, err = json.Marshal(r.Content); err != nil {
		return nil, nil, fmt.Errorf("encode revision: %w", err)
	}
	if changes, err = json.Marshal(r.Changes); err != nil {
		return nil, nil, fmt.Errorf("encode revision changes: %w", err)
	}
	return content, changes, nil
}

// queueCurrentContent queues the closing of the current rows of the
// cells and sections r.Changes names, and the rows r writes for them.
func queueCurrentContent(b *pgx.Batch, r domain.Revision) {
	var values valueColumns
	var changed, sections, texts, changedSections []string
	for _, ch := range r.Changes {
		switch ch.Kind {
		case submission.ChangeValue:
			changed = append(changed, ch.Key)
			if v, ok := r.Content.Values[submission.Key(ch.Key)]; ok && !v.Empty() {
				values.add(ch.Key, v)
			}
		case submission.ChangeNarrative:
			changedSections = append(changedSections, ch.Key)
			if text, ok := r.Content.Narratives[ch.Key]; ok {
				sections, texts = append(sections, ch.Key), append(texts, text)
			}
		}
	}
	// A first revision has no rows to close.
	if len(changed) > 0 && r.Number > 1 {
		b.Queue(closeValues, r.SubmissionID, r.Number, changed).Fn = execError("close current values")
	}
	if len(values.keys) > 0 {
		b.Queue(addValues, r.SubmissionID, r.Number, values.keys, values.numbers, values.numerators, values.denominators,
			values.texts, values.answers).Fn = execError("write values")
	}
	if len(changedSections) > 0 && r.Number > 1 {
		b.Queue(closeNarratives, r.SubmissionID, r.Number, changedSections).Fn = execError("close current narratives")
	}
	if len(sections) > 0 {
		b.Queue(addNarratives, r.SubmissionID, r.Number, sections, texts).Fn = execError("write narratives")
	}
}

// valueColumns are values laid out as the columns addValues unnests.
type valueColumns struct {
	keys                              []string
	numbers, numerators, denominators []*string
	texts                             []*string
	answers                           []*bool
}

func (c *valueColumns) add(key string, v submission.Value) {
	c.keys = append(c.keys, key)
	c.numbers = append(c.numbers, decimal(v.Number))
	c.numerators = append(c.numerators, decimal(v.Num))
	c.denominators = append(c.denominators, decimal(v.Den))
	c.texts = append(c.texts, v.Text)
	c.answers = append(c.answers, v.Bool)
}

// decimal is f as the shortest decimal that reads back as f; nil for nil.
func decimal(f *float64) *string {
	if f == nil {
		return nil
	}
	s := strconv.FormatFloat(*f, 'f', -1, 64)
	return &s
}

// valuesDrift lists where a round's current values and narratives (the
// rows not closed) differ from its submissions' current revisions (read
// through the functions of migration 0015 that filled the tables from
// them).
const valuesDrift = `WITH cur AS (
	SELECT s.id, s.unit_code, r.content FROM submissions s
	JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
	WHERE s.round_id = $1),
mine AS (SELECT s.id, s.unit_code FROM submissions s WHERE s.round_id = $1),
want_v AS (SELECT cur.id, cur.unit_code, v.* FROM cur CROSS JOIN LATERAL revision_values(cur.content) AS v),
have_v AS (SELECT v.submission_id AS id, mine.unit_code, v.key, v.number, v.numerator, v.denominator, v.text_value, v.answer
	FROM submission_values v JOIN mine ON mine.id = v.submission_id WHERE v.valid_until IS NULL),
want_n AS (SELECT cur.id, cur.unit_code, n.* FROM cur CROSS JOIN LATERAL revision_narratives(cur.content) AS n),
have_n AS (SELECT n.submission_id AS id, mine.unit_code, n.section, n.text
	FROM submission_narratives n JOIN mine ON mine.id = n.submission_id WHERE n.valid_until IS NULL)
SELECT 'value ' || coalesce(w.unit_code, h.unit_code) || ' ' || coalesce(w.key, h.key) || ': table ' ||
	coalesce(row(h.number, h.numerator, h.denominator, h.text_value, h.answer)::text, 'none') || ', revision ' ||
	coalesce(row(w.number, w.numerator, w.denominator, w.text_value, w.answer)::text, 'none')
FROM want_v w FULL JOIN have_v h ON h.id = w.id AND h.key = w.key
WHERE w.key IS NULL OR h.key IS NULL
	OR row(w.number, w.numerator, w.denominator, w.text_value, w.answer) IS DISTINCT FROM row(h.number, h.numerator, h.denominator, h.text_value, h.answer)
UNION ALL
SELECT 'narrative ' || coalesce(w.unit_code, h.unit_code) || ' ' || coalesce(w.section, h.section) || ': ' ||
	CASE WHEN h.section IS NULL THEN 'missing from the table' WHEN w.section IS NULL THEN 'not in the revision' ELSE 'text differs' END
FROM want_n w FULL JOIN have_n h ON h.id = w.id AND h.section = w.section
WHERE w.section IS NULL OR h.section IS NULL OR w.text IS DISTINCT FROM h.text
ORDER BY 1 LIMIT 20`

// ValuesDrift checks that a round's current values and narratives (the
// tables consolidation reads) are those of its submissions' current
// revisions, and describes up to 20 differences; none is the rule.
func ValuesDrift(ctx context.Context, db DBTX, roundID int64) ([]string, error) {
	return queryAll(ctx, db, "compare current values with revisions", pgx.RowTo[string], valuesDrift, roundID)
}
