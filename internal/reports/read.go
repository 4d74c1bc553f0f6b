package reports

import (
	"context"
	"fmt"
	"time"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// round returns the round with code to one who may read its reports.
func (s *Service) round(ctx context.Context, u access.User, code string) (domain.Round, error) {
	if !access.Allow(u, access.ReadReports, "") {
		return domain.Round{}, domain.ErrForbidden
	}
	return postgres.GetRound(ctx, s.pool, code)
}

// Consolidated is a round's latest stored snapshot.
type Consolidated struct {
	Round    domain.Round
	Snapshot *consolidate.Snapshot
	// StoredAt is when the snapshot was stored, as the database keeps it.
	StoredAt time.Time
}

// Latest returns the round's newest snapshot; domain.ErrNotFound when it
// has none yet.
func (s *Service) Latest(ctx context.Context, u access.User, roundCode string) (Consolidated, error) {
	r, err := s.round(ctx, u, roundCode)
	if err != nil {
		return Consolidated{}, err
	}
	row, err := postgres.LatestSnapshot(ctx, s.pool, r.ID)
	if err != nil {
		return Consolidated{}, fmt.Errorf("round %s: latest snapshot: %w", r.Code, err)
	}
	return Consolidated{Round: r, Snapshot: row.Snapshot, StoredAt: row.CreatedAt}, nil
}

// Files returns the round and its report files without their data,
// newest first.
func (s *Service) Files(ctx context.Context, u access.User, roundCode string) (domain.Round, []domain.Report, error) {
	r, err := s.round(ctx, u, roundCode)
	if err != nil {
		return domain.Round{}, nil, err
	}
	files, err := postgres.ListReports(ctx, s.pool, r.ID)
	return r, files, err
}

// File returns a stored report file with its data.
func (s *Service) File(ctx context.Context, u access.User, id int64) (domain.Report, error) {
	if !access.Allow(u, access.ReadReports, "") {
		return domain.Report{}, domain.ErrForbidden
	}
	return postgres.GetReport(ctx, s.pool, id)
}

// Register is what the reports page shows of a round: its files, the
// verdict on each issued package, its forwardings, and the heads of its
// newest two snapshots.
type Register struct {
	Round domain.Round
	// Files are the round's files without their data, newest first.
	Files []domain.Report
	// Verdicts are the checks of the issued packages (zip), by file id.
	Verdicts   map[int64]Verdict
	Deliveries []domain.Delivery
	// Snapshots are the heads of the newest snapshot and of the one it
	// replaced, newest first; fewer when there are fewer.
	Snapshots []domain.SnapshotHead
}

// Register reads the round's register of reports.
func (s *Service) Register(ctx context.Context, u access.User, roundCode string) (Register, error) {
	r, files, err := s.Files(ctx, u, roundCode)
	if err != nil {
		return Register{}, err
	}
	reg := Register{Round: r, Files: files, Verdicts: map[int64]Verdict{}}
	for _, f := range files {
		if f.State != domain.ReportIssued || f.Format != "zip" {
			continue
		}
		full, err := postgres.GetReport(ctx, s.pool, f.ID)
		if err != nil {
			return Register{}, err
		}
		reg.Verdicts[f.ID] = Verify(full.Filename, full.Data)
	}
	if reg.Deliveries, err = postgres.ListDeliveries(ctx, s.pool, r.ID); err != nil {
		return Register{}, err
	}
	if reg.Snapshots, err = postgres.LatestSnapshotHeads(ctx, s.pool, r.ID); err != nil {
		return Register{}, err
	}
	return reg, nil
}
