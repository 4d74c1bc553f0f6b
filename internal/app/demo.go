package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/auth"
	"baocao/internal/config"
	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/reports"
)

// ensureDemoAccounts creates the dev-mode accounts of shared/api.md that do
// not exist yet: admin, staff (at the consolidating body) and one agency
// account per reporting unit, named by the unit's code in lower case.
// Existing accounts keep their passwords.
func ensureDemoAccounts(ctx context.Context, pool *pgxpool.Pool, svc *auth.Service, cfg config.Config, logger *slog.Logger) error {
	v, err := postgres.CurrentCatalog(ctx, pool)
	if err != nil {
		return fmt.Errorf("demo accounts: %w", err)
	}
	accounts := demo.Accounts(v.Catalog, time.Now())
	created, err := svc.EnsureUsers(ctx, accounts, cfg.DemoPassword)
	if err != nil {
		return err
	}
	if created > 0 {
		logger.Info("demo accounts created", "count", created)
	}
	if cfg.DemoPasswordSet {
		logger.Info("demo accounts: admin, staff and each unit's code in lower case; password from BAOCAO_DEMO_PASSWORD")
	} else {
		logger.Info("demo accounts: admin, staff and each unit's code in lower case (ag.yt, xa.giangthanh, phuong.rachgia, ...)", "password", cfg.DemoPassword)
	}
	return nil
}

// DemoReports makes the demo's closed rounds' reports as the reports
// service does, with its clock at the day they were made, and has
// lanhdao issue each, signed, an hour later.
func DemoReports(pool *pgxpool.Pool, sig reports.Signing) demo.Generate {
	in := intake.New(pool)
	return func(ctx context.Context, round string, at time.Time) (int, error) {
		svc := reports.New(pool, in, render.Files{})
		svc.Now = func() time.Time { return at }
		svc.Signing = sig
		res, err := svc.Generate(ctx, round, false, nil)
		if err != nil || sig.Identity == nil {
			return res.Number, err
		}
		leader, _, err := postgres.UserByUsername(ctx, pool, "lanhdao")
		if err != nil {
			return 0, fmt.Errorf("demo account lanhdao: %w", err)
		}
		_, err = svc.IssueAt(ctx, leader, round, res.Number, "", at.Add(time.Hour))
		return res.Number, err
	}
}
