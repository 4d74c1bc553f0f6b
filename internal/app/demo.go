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
	"baocao/internal/postgres"
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
