package main

import (
	"context"

	"errors"
	"fmt"
	"github.com/jackc/pgx/v5/pgxpool"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"baocao/internal/app"
	"baocao/internal/catalog"
	"baocao/internal/config"
	"baocao/internal/postgres"
)

// catalogCommand runs `baocao catalog check DIR` and `baocao catalog load DIR`.
func catalogCommand(ctx context.Context, args []string, cfg config.Config, logger *slog.Logger, stdout, stderr io.Writer) int {
	if len(args) != 2 || (args[0] != "check" && args[0] != "load") {
		fmt.Fprintln(stderr, "usage: baocao catalog check DIR | baocao catalog load DIR")
		return 2
	}
	dir := args[1]
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "%s: không phải thư mục danh mục\n", dir)
		return 1
	}
	c, err := catalog.Load(os.DirFS(dir), filepath.Clean(dir))
	var problems catalog.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(stderr, problems.Error())
		fmt.Fprintf(stderr, "%s: %d lỗi, danh mục không được nạp\n", filepath.Clean(dir), len(problems))
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	if args[0] == "check" {
		fmt.Fprintln(stdout, summaryLine(filepath.Base(filepath.Clean(dir)), c))
		return 0
	}
	pool, err := openMigrated(ctx, cfg, "catalog load", logger)
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	defer pool.Close()
	id, changed, err := app.StoreCatalog(ctx, pool, filepath.Base(filepath.Clean(dir)), c)
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	if changed {
		fmt.Fprintf(stdout, "đã nạp danh mục %s thành phiên bản %d (%s)\n", filepath.Base(dir), id, c.Hash()[:12])
	} else {
		fmt.Fprintf(stdout, "danh mục %s không thay đổi: vẫn là phiên bản %d (%s)\n", filepath.Base(dir), id, c.Hash()[:12])
	}
	return 0
}

func summaryLine(name string, c *catalog.Catalog) string {
	s := c.Summarize()
	return fmt.Sprintf("%s: hợp lệ: %d đơn vị (%d đơn vị báo cáo), %d nhóm nhiệm vụ, %d phần báo cáo, %d chỉ tiêu, %d phân tổ, %d quy tắc, %d biểu mẫu; mã nội dung %s",
		name, s.Units, s.Reporting, s.TaskGroups, s.Narratives, s.Indicators, s.Dimensions, s.Rules, s.Forms, c.Hash()[:12])
}

// openMigrated connects to DATABASE_URL for an operator's command and
// brings the schema up to date.
func openMigrated(ctx context.Context, cfg config.Config, command string, logger *slog.Logger) (*pgxpool.Pool, error) {
	if err := cfg.RequireDatabaseURL(command); err != nil {
		return nil, err
	}
	pool, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := postgres.Migrate(ctx, pool, app.Migrations, logger); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}
