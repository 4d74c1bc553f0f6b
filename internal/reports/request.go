package reports

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
)

// Request starts a generation of the round's report that u asks for, or
// finds the one of the same round and choice already waiting or running
// (isNew false); jobID names the job either way. The job and the audit
// entry commit together: a failed audit leaves no report started that
// the answer says was not.
func (s *Service) Request(ctx context.Context, u access.User, roundCode string, includeUnreviewed bool, ip string) (jobID int64, isNew bool, err error) {
	if !access.Allow(u, access.GenerateReports, "") {
		return 0, false, domain.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return 0, false, err // domain.ErrNotFound, naming the round, when there is none
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		res, err := s.jobs.InsertTx(ctx, tx, jobargs.ConsolidateArgs{Round: r.Code, IncludeUnreviewed: includeUnreviewed, UserID: u.ID},
			jobargs.RequestedOpts())
		if err != nil {
			return fmt.Errorf("request report of %s: %w", r.Code, err)
		}
		jobID, isNew = res.Job.ID, !res.UniqueSkippedAsDuplicate
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "report_requested",
			Target: r.Code, IP: ip, Details: map[string]any{"include_unreviewed": includeUnreviewed, "job": jobID, "new": isNew}})
	})
	if err != nil {
		return 0, false, err
	}
	return jobID, isNew, nil
}
