package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/consolidate"
	"baocao/internal/domain"
)

// SnapshotRow is a stored snapshot.
type SnapshotRow struct {
	ID        int64
	RoundID   int64
	Hash      string
	CreatedAt time.Time
	// Snapshot is the stored content, with the stored hash and its version
	// (consolidate.HashOf). A snapshot stored without its units' figures
	// (hash version 3 on) has them attached by the functions that say so
	// (LatestSnapshot, SnapshotByID, AttachUnits); the others read its
	// head alone.
	Snapshot *consolidate.Snapshot
}

// LatestSnapshotHeads returns the heads of a round's newest two
// snapshots, newest first: the latest and the one it replaced.
func LatestSnapshotHeads(ctx context.Context, db DBTX, roundID int64) ([]domain.SnapshotHead, error) {
	rows, err := db.Query(ctx, `SELECT id, hash, created_at, coalesce((content->>'includes_unreviewed')::boolean, false),
			coalesce(content->'completeness', '{}'), coalesce((SELECT jsonb_agg(c - 'units') FROM jsonb_array_elements(
				CASE jsonb_typeof(content->'cells') WHEN 'array' THEN content->'cells' ELSE '[]' END) c), '[]')
		FROM snapshots WHERE round_id = $1 ORDER BY created_at DESC, id DESC LIMIT 2`, roundID)
	if err != nil {
		return nil, fmt.Errorf("read snapshot heads: %w", err)
	}
	heads, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.SnapshotHead, error) {
		var h domain.SnapshotHead
		var completeness, totals []byte
		if err := row.Scan(&h.ID, &h.Hash, &h.CreatedAt, &h.IncludesUnreviewed, &completeness, &totals); err != nil {
			return h, err
		}
		if err := json.Unmarshal(completeness, &h.Completeness); err != nil {
			return h, fmt.Errorf("snapshot %d: completeness: %w", h.ID, err)
		}
		if err := json.Unmarshal(totals, &h.Totals); err != nil {
			return h, fmt.Errorf("snapshot %d: cells: %w", h.ID, err)
		}
		return h, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read snapshot heads: %w", err)
	}
	return heads, nil
}

// snapshotColumns are what scanSnapshot reads.
const snapshotColumns = "id, round_id, hash, hash_version, created_at, content"

// InsertSnapshot stores a snapshot unless the round already has one with
// the same hash; it returns the row either way (the one stored before
// without its units' figures attached), and whether it is new. From hash
// version 3 on a snapshot is stored without its units' figures (its
// Head): they are its provenance's revisions'.
func InsertSnapshot(ctx context.Context, db DBTX, roundID int64, s *consolidate.Snapshot) (SnapshotRow, bool, error) {
	if s.Hash == "" || s.HashVersion == 0 {
		return SnapshotRow{}, false, errors.New("store snapshot: it has no content hash")
	}
	stored := s
	if !s.StoresUnits() {
		stored = s.Head() // the units' figures are the provenance's revisions'
	}
	data, err := json.Marshal(stored)
	if err != nil {
		return SnapshotRow{}, false, fmt.Errorf("store snapshot: %w", err)
	}
	var id int64
	err = db.QueryRow(ctx, `INSERT INTO snapshots (round_id, hash, hash_version, content, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (round_id, hash) DO NOTHING RETURNING id`, roundID, s.Hash, s.HashVersion, data, s.CreatedAt).Scan(&id)
	if err == nil {
		return SnapshotRow{ID: id, RoundID: roundID, Hash: s.Hash, CreatedAt: s.CreatedAt, Snapshot: s}, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return SnapshotRow{}, false, fmt.Errorf("store snapshot: %w", err)
	}
	row, err := scanSnapshot(db.QueryRow(ctx, "SELECT "+snapshotColumns+" FROM snapshots WHERE round_id = $1 AND hash = $2", roundID, s.Hash))
	return row, false, err
}

// SnapshotHashVersions are the hash versions of a round's stored
// snapshots, in order.
func SnapshotHashVersions(ctx context.Context, db DBTX, roundID int64) ([]int, error) {
	return queryAll(ctx, db, "snapshot hash versions", pgx.RowTo[int],
		"SELECT DISTINCT hash_version FROM snapshots WHERE round_id = $1 ORDER BY hash_version", roundID)
}

// SnapshotByHash returns a round's snapshot with the given hash made by
// the given version; domain.ErrNotFound when there is none.
func SnapshotByHash(ctx context.Context, db DBTX, roundID int64, version int, hash string) (SnapshotRow, error) {
	return scanSnapshot(db.QueryRow(ctx, "SELECT "+snapshotColumns+" FROM snapshots WHERE round_id = $1 AND hash_version = $2 AND hash = $3",
		roundID, version, hash))
}

// LatestSnapshot returns a round's newest snapshot, its units' figures
// attached.
func LatestSnapshot(ctx context.Context, db DBTX, roundID int64) (SnapshotRow, error) {
	return wholeSnapshot(ctx, db, "SELECT "+snapshotColumns+" FROM snapshots WHERE round_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1", roundID)
}

// wholeSnapshot reads a snapshot with the query and attaches its units'
// figures, read in the same transaction when db is one.
func wholeSnapshot(ctx context.Context, db DBTX, query string, args ...any) (SnapshotRow, error) {
	row, err := scanSnapshot(db.QueryRow(ctx, query, args...))
	if err != nil {
		return row, err
	}
	return row, AttachUnits(ctx, db, row.RoundID, row.Snapshot)
}

// AttachUnits attaches to a snapshot stored without them (hash version 3
// on) its included units' values and narratives, read from the revisions
// its provenance names; a snapshot that holds them is left as it is. The
// revisions' rows never change (migration 0017), so a snapshot read again
// years later has the figures it had when it was made.
func AttachUnits(ctx context.Context, db DBTX, roundID int64, s *consolidate.Snapshot) error {
	if s.StoresUnits() || s.HasUnits() {
		return nil
	}
	f, err := RevisionFigures(ctx, db, roundID, s.Provenance, false)
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", s.Hash, err)
	}
	s.Attach(f)
	return nil
}

// scanSnapshot reads a row of snapshotColumns. The hash and its version
// are the columns': the content's own copy of the hash is not what was
// stored beside it, and content stored before versions has none.
func scanSnapshot(row pgx.Row) (SnapshotRow, error) {
	var r SnapshotRow
	var version int
	var data []byte
	err := row.Scan(&r.ID, &r.RoundID, &r.Hash, &version, &r.CreatedAt, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return SnapshotRow{}, domain.ErrNotFound
	}
	if err != nil {
		return SnapshotRow{}, fmt.Errorf("read snapshot: %w", err)
	}
	r.Snapshot = new(consolidate.Snapshot)
	if err := json.Unmarshal(data, r.Snapshot); err != nil {
		return SnapshotRow{}, fmt.Errorf("decode snapshot %d: %w", r.ID, err)
	}
	r.Snapshot.Hash, r.Snapshot.HashVersion = r.Hash, version
	return r, nil
}

// NextReportNumber takes the issuer's next number for year; the number is
// spent only if the transaction commits.
func NextReportNumber(ctx context.Context, tx DBTX, issuer string, year int) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `INSERT INTO report_numbers (issuer, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (issuer, year) DO UPDATE SET last = report_numbers.last + 1 RETURNING last`, issuer, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("report number: %w", err)
	}
	return n, nil
}

const reportColumns = `r.id, r.round_id, r.snapshot_id, r.format, r.number, r.year, r.filename, r.size, r.sha256, %s, r.final,
	r.created_at, r.state, r.signed, r.issued_at, r.issued_by, coalesce(nullif(iu.display_name, ''), r.issued_by, '')`

// reportFrom reads reports with the name of who issued them.
const reportFrom = ` FROM reports r LEFT JOIN users iu ON iu.username = r.issued_by `

// InsertReport stores a generated file.
func InsertReport(ctx context.Context, db DBTX, r domain.Report) (int64, error) {
	var id int64
	if r.State == "" {
		r.State = domain.ReportDraft
	}
	err := db.QueryRow(ctx, `INSERT INTO reports (`+reportInsertColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		r.RoundID, r.SnapshotID, r.Format, r.Number, r.Year, r.Filename, r.Size, r.SHA256, r.Data,
		r.State, r.Signed, r.IssuedAt, r.IssuedBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store report: %w", err)
	}
	return id, nil
}

const reportInsertColumns = `round_id, snapshot_id, format, number, year, filename, size, sha256, data,
		state, signed, issued_at, issued_by`

// reportPiece is how much of a file InsertReportFrom sends in one row.
const reportPiece = 1 << 20

// InsertReportFrom stores a report file as InsertReport does, its content
// read from data (r.Data is not used) and sent in pieces that PostgreSQL
// joins: the file is never whole in this process's memory, where a
// national package (about 50 MB) would be held twice, once read and once
// in the statement sent. The pieces wait in a temporary table of the
// transaction, dropped when it ends.
func InsertReportFrom(ctx context.Context, tx pgx.Tx, r domain.Report, data io.Reader) (int64, error) {
	if r.State == "" {
		r.State = domain.ReportDraft
	}
	for _, q := range []string{`CREATE TEMP TABLE IF NOT EXISTS report_pieces (n integer PRIMARY KEY, piece bytea NOT NULL)
		ON COMMIT DROP`, `DELETE FROM report_pieces`} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return 0, fmt.Errorf("store report %s: %w", r.Filename, err)
		}
	}
	src := &pieces{r: data, buf: make([]byte, reportPiece)}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"report_pieces"}, []string{"n", "piece"}, src); err != nil {
		return 0, fmt.Errorf("store report %s: %w", r.Filename, err)
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO reports (`+reportInsertColumns+`)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, coalesce(string_agg(piece, ''::bytea ORDER BY n), ''::bytea),
			$9, $10, $11, $12 FROM report_pieces RETURNING id`,
		r.RoundID, r.SnapshotID, r.Format, r.Number, r.Year, r.Filename, r.Size, r.SHA256,
		r.State, r.Signed, r.IssuedAt, r.IssuedBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store report %s: %w", r.Filename, err)
	}
	return id, nil
}

// pieces reads a file in pieces of len(buf) bytes as rows (n, piece) for
// CopyFrom, which encodes each row before asking for the next.
type pieces struct {
	r   io.Reader
	buf []byte
	n   int // bytes of buf read for the current row
	row int
	err error
}

func (p *pieces) Next() bool {
	if p.err != nil {
		return false
	}
	var err error
	p.n, err = io.ReadFull(p.r, p.buf)
	switch {
	case errors.Is(err, io.EOF):
		return false
	case errors.Is(err, io.ErrUnexpectedEOF):
		p.err = io.EOF // the last, short piece; none after it
	case err != nil:
		p.err = err
		return false
	}
	p.row++
	return true
}

func (p *pieces) Values() ([]any, error) { return []any{p.row, p.buf[:p.n]}, nil }

func (p *pieces) Err() error {
	if errors.Is(p.err, io.EOF) {
		return nil
	}
	return p.err
}

// HasReports reports whether a snapshot's files exist.
func HasReports(ctx context.Context, db DBTX, snapshotID int64) (bool, error) {
	var n int
	if err := db.QueryRow(ctx, "SELECT count(*) FROM reports WHERE snapshot_id = $1", snapshotID).Scan(&n); err != nil {
		return false, fmt.Errorf("count reports: %w", err)
	}
	return n > 0, nil
}

// ListReports returns a round's files without their data, newest first.
func ListReports(ctx context.Context, db DBTX, roundID int64) ([]domain.Report, error) {
	return queryAll(ctx, db, "list reports", pgx.RowToStructByPos[domain.Report], "SELECT "+fmt.Sprintf(reportColumns, "''::bytea")+reportFrom+
		"WHERE r.round_id = $1 ORDER BY r.created_at DESC, r.id", roundID)
}

// GetReport returns a file with its data.
func GetReport(ctx context.Context, db DBTX, id int64) (domain.Report, error) {
	return queryOne(ctx, db, "read report", pgx.RowToStructByPos[domain.Report], "SELECT "+fmt.Sprintf(reportColumns, "r.data")+reportFrom+
		"WHERE r.id = $1", id)
}

// ReportSet returns the files of a round's report set in one state, with
// their data, in format order (pdf, xlsx, zip); ErrNotFound when there is
// none.
func ReportSet(ctx context.Context, db DBTX, roundID int64, number int, state string) ([]domain.Report, error) {
	files, err := queryAll(ctx, db, "read report set", pgx.RowToStructByPos[domain.Report], "SELECT "+fmt.Sprintf(reportColumns, "r.data")+reportFrom+
		"WHERE r.round_id = $1 AND r.number = $2 AND r.state = $3 ORDER BY r.format = 'zip', r.format", roundID, number, state)
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("report set %d (%s): %w", number, state, domain.ErrNotFound)
	}
	return files, err
}

// SetStates says whether a round's report set has draft files and issued
// files, without reading them.
func SetStates(ctx context.Context, db DBTX, roundID int64, number int) (draft, issued bool, err error) {
	err = db.QueryRow(ctx, `SELECT coalesce(bool_or(state = 'draft'), false), coalesce(bool_or(state = 'issued'), false)
		FROM reports WHERE round_id = $1 AND number = $2`, roundID, number).Scan(&draft, &issued)
	if err != nil {
		return false, false, fmt.Errorf("report set %d: %w", number, err)
	}
	return draft, issued, nil
}

// SnapshotHeadByID returns a stored snapshot as stored: from hash version
// 3 on, without its units' figures (which its hash does not cover).
func SnapshotHeadByID(ctx context.Context, db DBTX, id int64) (SnapshotRow, error) {
	return scanSnapshot(db.QueryRow(ctx, "SELECT "+snapshotColumns+" FROM snapshots WHERE id = $1", id))
}

// SnapshotByID returns a stored snapshot, its units' figures attached.
func SnapshotByID(ctx context.Context, db DBTX, id int64) (SnapshotRow, error) {
	return wholeSnapshot(ctx, db, "SELECT "+snapshotColumns+" FROM snapshots WHERE id = $1", id)
}
