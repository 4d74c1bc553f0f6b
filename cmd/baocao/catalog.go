package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/user"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/app"
	"baocao/internal/catalog"
	"baocao/internal/catalogs"
	"baocao/internal/config"
	"baocao/internal/postgres"
)

// catalogCommand runs `baocao catalog check DIR` and `baocao catalog load
// DIR`: the folder is read by catalog.LoadDir and stored by
// catalogs.Service, as the admin page reads and stores an uploaded ZIP.
func catalogCommand(ctx context.Context, args []string, cfg config.Config, logger *slog.Logger, stdout, stderr io.Writer) int {
	if len(args) != 2 || (args[0] != "check" && args[0] != "load") {
		fmt.Fprintln(stderr, "usage: baocao catalog check DIR | baocao catalog load DIR")
		return 2
	}
	dir := args[1]
	c, err := catalog.LoadDir(dir)
	var problems catalog.Problems
	var notFolder *catalog.NotFolderError
	switch {
	case errors.As(err, &problems):
		fmt.Fprintln(stderr, problems.Error())
		fmt.Fprintf(stderr, "%s: %d lỗi, danh mục không được nạp\n", filepath.Clean(dir), len(problems))
		return 1
	case errors.As(err, &notFolder):
		fmt.Fprintln(stderr, notFolder.Error())
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	name := catalog.FolderName(dir)
	if args[0] == "check" {
		fmt.Fprintln(stdout, c.SummaryLine(name))
		return 0
	}
	pool, err := openMigrated(ctx, cfg, "catalog load", logger)
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	defer pool.Close()
	id, changed, err := catalogs.New(pool).Load(ctx, operator(), name, c)
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	if changed {
		fmt.Fprintf(stdout, "đã nạp danh mục %s thành phiên bản %d (%s)\n", name, id, c.Hash()[:12])
	} else {
		fmt.Fprintf(stdout, "danh mục %s không thay đổi: vẫn là phiên bản %d (%s)\n", name, id, c.Hash()[:12])
	}
	return 0
}

// operator names whoever runs a command in the audit log: the system
// account, for want of a signed-in user.
func operator() catalogs.Actor {
	name := "cli"
	if u, err := user.Current(); err == nil {
		name = "cli:" + u.Username
	}
	return catalogs.Actor{Name: name}
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
