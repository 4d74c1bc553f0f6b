package app

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/config"
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
	c := v.Catalog
	accounts := []access.User{
		{Username: "admin", DisplayName: "Quản trị hệ thống", Role: access.RoleAdmin},
		{Username: "staff", DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff, Unit: c.Plan.Consolidator},
	}
	for _, u := range c.Units {
		if u.Kind == catalog.KindProvince {
			continue
		}
		accounts = append(accounts, access.User{Username: strings.ToLower(u.Code), DisplayName: u.Name,
			Email: u.Email, Role: access.RoleAgency, Unit: u.Code})
	}
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
		logger.Info("demo accounts: admin, staff and each unit's code in lower case (gddt, rachgia, ...)", "password", cfg.DemoPassword)
	}
	return nil
}
