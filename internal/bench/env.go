package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/app"
	"baocao/internal/config"
	"baocao/internal/pglocal"
	"baocao/internal/postgres"
)

// Server is the private PostgreSQL a benchmark run starts for itself, in a
// temporary directory removed when it stops, the way the tests do.
type Server struct {
	dir     string
	cluster *pglocal.Cluster
}

// StartServer starts a throwaway cluster. Durable keeps PostgreSQL's
// production settings (fsync and synchronous commit on), so every commit
// waits for the disk as it would in production; otherwise both are off,
// as in the tests.
func StartServer(ctx context.Context, durable bool, logger *slog.Logger) (*Server, error) {
	dir, err := pglocal.MkdirTemp("baocao-bench-")
	if err != nil {
		return nil, fmt.Errorf("benchmark database directory: %w", err)
	}
	c, err := pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(dir, "data"), Ephemeral: !durable, Logger: logger})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Server{dir: dir, cluster: c}, nil
}

// NewDatabase creates an empty database and returns its connection string;
// the program's own start-up (app.Open, postgres.Migrate) migrates it.
func (s *Server) NewDatabase(ctx context.Context, name string) (string, error) {
	conn, err := pgx.Connect(ctx, s.cluster.DSN("postgres"))
	if err != nil {
		return "", fmt.Errorf("connect to the benchmark server: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return "", fmt.Errorf("drop database %s: %w", name, err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return s.cluster.DSN(name), nil
}

// Stop stops the server and removes its files.
func (s *Server) Stop() error {
	err := s.cluster.Stop()
	if rmErr := os.RemoveAll(s.dir); err == nil {
		err = rmErr
	}
	return err
}

// openDatabase connects to dsn and applies the migrations, as the program
// does at start.
func openDatabase(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	pool, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := postgres.Migrate(ctx, pool, app.Migrations, slog.New(slog.DiscardHandler)); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// appConfig is the production configuration of the program against dsn,
// listening on a free loopback port: read through config.Load, so every
// setting not named here keeps its production default.
func appConfig(dsn string) (config.Config, error) {
	env := map[string]string{
		"DATABASE_URL": dsn,
		"BAOCAO_ADDR":  "127.0.0.1:0",
		"BAOCAO_ENV":   string(config.Prod),
	}
	return config.Load(func(k string) string { return env[k] })
}

// prodLogger logs like production (JSON, info) but into nothing: the cost
// of formatting a line per request stays in the measure, the output does
// not flood the terminal.
func prodLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
