package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"baocao/internal/app"
	"baocao/internal/config"
	"baocao/internal/postgres"
)

const usage = `baocao: periodic reporting aggregation pipeline

Usage:
  baocao run       the whole system: a private PostgreSQL under BAOCAO_DATA_DIR
                   when DATABASE_URL is unset, migrations, web + API + workers
  baocao serve     web + API + workers against DATABASE_URL
  baocao worker    workers only against DATABASE_URL (run several to scale out)
  baocao migrate   apply pending migrations to DATABASE_URL and exit
  baocao catalog check DIR
                   validate a catalog folder: a summary, or file:line problems
  baocao catalog load DIR
                   validate and store a catalog folder in DATABASE_URL as the
                   current version (unchanged content is a no-op)
  baocao user create|passwd|reset|disable|enable USERNAME ...
                   manage accounts in DATABASE_URL (the first admin of a
                   production system is made this way); see baocao user
  baocao verify FILE.zip|FILE.pdf
                   check a report package (hashes against its manifest, the
                   PDF's signature) or a signed PDF; exit 1 on any failure
  baocao help      this text

Settings (environment variables):
`

// runCommand runs one subcommand and returns the process exit code.
func runCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return 0
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	if args[0] == "verify" { // needs no settings: it reads a file at hand
		return verifyCommand(args[1:], stdout, stderr)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fail(fmt.Errorf("invalid settings:\n%w", err))
	}
	logger := newLogger(cfg, stderr)
	var mode app.Mode
	switch args[0] {
	case "run":
		mode = app.Mode{HTTP: true, Work: true, LocalDB: true}
	case "serve":
		mode = app.Mode{HTTP: true, Work: true}
	case "worker":
		mode = app.Mode{Work: true}
	case "user":
		return userCommand(ctx, args[1:], cfg, logger, stdin, stdout, stderr)
	case "catalog":
		return catalogCommand(ctx, args[1:], cfg, logger, stdout, stderr)
	case "migrate":
		if err := cfg.RequireDatabaseURL("migrate"); err != nil {
			return fail(err)
		}
		pool, err := postgres.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return fail(err)
		}
		defer pool.Close()
		if err := postgres.Migrate(ctx, pool, app.Migrations, logger); err != nil {
			return fail(err)
		}
		fmt.Fprintln(stdout, "migrations up to date")
		return 0
	default:
		fmt.Fprintf(stderr, "baocao: unknown command %q; run `baocao help`\n", args[0])
		return 2
	}
	if !mode.LocalDB {
		if err := cfg.RequireDatabaseURL(args[0]); err != nil {
			return fail(err)
		}
	}
	a, err := app.Open(ctx, cfg, mode, logger)
	if err != nil {
		return fail(err)
	}
	runErr := a.Run(ctx)
	closeErr := a.Close()
	if runErr != nil {
		return fail(runErr)
	}
	if closeErr != nil {
		return fail(closeErr)
	}
	return 0
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, usage)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, v := range config.Vars {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", v.Name, v.Default, v.Description)
	}
	tw.Flush()
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.Env == config.Prod {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
