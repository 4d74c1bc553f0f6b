// Package app assembles baocao from its parts: the database (an existing
// server or a private cluster), migrations, River workers and the HTTP
// server. cmd/baocao builds an App, runs it until a signal, and closes it;
// end-to-end tests drive the same App.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"riverqueue.com/riverui"

	"baocao/internal/auth"
	"baocao/internal/config"
	"baocao/internal/demo"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/metrics"
	"baocao/internal/notify"
	"baocao/internal/pglocal"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/web"
)

// Mode says which parts a process runs.
type Mode struct {
	// HTTP serves the web interface and API on cfg.Addr.
	HTTP bool
	// Work runs River workers and periodic jobs.
	Work bool
	// LocalDB starts a private cluster under cfg.DataDir when
	// cfg.DatabaseURL is empty.
	LocalDB bool
}

// App is a running baocao process.
type App struct {
	cfg      config.Config
	mode     Mode
	logger   *slog.Logger
	listener net.Listener
	cluster  *pglocal.Cluster
	pool     *pgxpool.Pool
	// inserter is the services' insert-only River client; jobs is the
	// working client when the mode works jobs, the inserter otherwise (the
	// jobs UI and the web read jobs through it).
	inserter *jobs.Client
	jobs     *jobs.Client
	metrics  *metrics.Metrics
	auth     *auth.Service
	intake   *intake.Service
	rounds   *rounds.Service
	reports  *reports.Service
	signing  reports.Signing
	jobsUI   *riverui.Handler
	web      *web.Server
}

// Open acquires everything the mode needs, in an order that fails fast and
// cheaply: the listen address first, then the database, then migrations.
func Open(ctx context.Context, cfg config.Config, mode Mode, logger *slog.Logger) (_ *App, err error) {
	a := &App{cfg: cfg, mode: mode, logger: logger}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if mode.HTTP {
		if a.listener, err = net.Listen("tcp", cfg.Addr); err != nil {
			return nil, listenError(cfg.Addr, err)
		}
	}
	url := cfg.DatabaseURL
	if url == "" {
		if !mode.LocalDB {
			return nil, errors.New("DATABASE_URL is not set")
		}
		a.cluster, err = pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(cfg.DataDir, "postgres"), Logger: logger})
		if err != nil {
			return nil, err
		}
		url = a.cluster.DSN(a.cluster.Database())
		logger.Info("using the private PostgreSQL cluster", "dsn", url)
	}
	if a.pool, err = postgres.Open(ctx, url); err != nil {
		return nil, err
	}
	if err = postgres.Migrate(ctx, a.pool, Migrations, logger); err != nil {
		return nil, err
	}
	a.auth = auth.New(a.pool, auth.Settings{SessionIdle: cfg.SessionIdle, SessionMax: cfg.SessionMax, PasswordCost: cfg.PasswordCost})
	withDemo := cfg.Env == config.Dev && (cfg.EnvSet || a.cluster != nil)
	if cfg.Env == config.Dev && !withDemo {
		// A forgotten BAOCAO_ENV must not put accounts with a published
		// password on a real server.
		logger.Warn("BAOCAO_ENV is not set: no demo catalog or accounts on an external database; set BAOCAO_ENV=dev for them, or prod")
	}
	if withDemo {
		if err = loadShippedCatalogs(ctx, a.pool, logger); err != nil {
			return nil, err
		}
		if err = ensureDemoAccounts(ctx, a.pool, a.auth, cfg, logger); err != nil {
			return nil, err
		}
		if err = demo.Seed(ctx, a.pool, logger); err != nil {
			return nil, fmt.Errorf("demo data: %w", err)
		}
	}
	a.metrics = metrics.New(a.pool, logger)
	// Services insert their jobs in their own transactions with an
	// insert-only client; the working client, whose workers call the
	// services, is built after them.
	if a.inserter, err = jobargs.NewInserter(a.pool, logger); err != nil {
		return nil, err
	}
	a.intake = intake.New(a.pool, a.inserter)
	var mailer notify.Mailer
	if cfg.SMTPURL != "" {
		m, err := notify.NewSMTP(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, err
		}
		mailer = m
		logger.Info("notices go out by e-mail", "server", m.String())
	} else {
		logger.Info("SMTP_URL is not set: notices stay in the outbox (page /notices)")
	}
	a.rounds = rounds.New(a.pool, a.intake, a.inserter)
	a.rounds.FlushOutbox = mailer != nil
	if a.signing, err = signingSetup(ctx, a.pool, cfg, logger); err != nil {
		return nil, err
	}
	a.reports = reports.New(a.pool, a.intake, render.Files{}, a.inserter)
	a.reports.Signing = a.signing
	a.reports.Notices = a.rounds
	a.jobs = a.inserter
	if mode.Work {
		if a.jobs, err = jobs.NewClient(jobs.Deps{Pool: a.pool, Logger: logger, Intake: a.intake, Rounds: a.rounds, Mailer: mailer,
			Reports: a.reports, ReportTimeout: cfg.ReportTimeout},
			jobs.Options{MaxWorkers: cfg.MaxWorkers, RescueAfter: cfg.JobRescueAfter}); err != nil {
			return nil, err
		}
	}
	if withDemo {
		// The past rounds' reports are rendered by a worker, so that the
		// system serves at once.
		if _, err = a.inserter.Insert(ctx, jobargs.DemoReportsArgs{}, nil); err != nil {
			return nil, fmt.Errorf("demo reports: %w", err)
		}
	}
	if mode.HTTP {
		a.jobsUI, err = riverui.NewHandler(&riverui.HandlerOpts{
			Endpoints: riverui.NewEndpoints(a.jobs, nil),
			Logger:    logger,
			Prefix:    "/admin/jobs",
		})
		if err != nil {
			return nil, fmt.Errorf("jobs UI: %w", err)
		}
		a.web, err = web.New(web.Deps{Pool: a.pool, Logger: logger, Metrics: a.metrics, Auth: a.auth, Intake: a.intake, Rounds: a.rounds, Jobs: a.jobs,
			Reports: a.reports, Forward: reports.Destinations{Emails: cfg.ForwardEmails, URL: cfg.ForwardURL},
			JobsUI: a.jobsUI, SecureCookies: cfg.SecureCookies})
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Addr is the address the HTTP server listens on (useful with port 0).
func (a *App) Addr() string {
	if a.listener == nil {
		return ""
	}
	return a.listener.Addr().String()
}

// Run serves until ctx ends, then shuts down gracefully: the HTTP server
// stops taking requests, workers stop fetching and finish running jobs
// within cfg.ShutdownTimeout. It returns early with an error if the private
// database dies underneath.
func (a *App) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if a.cluster != nil {
		go func() {
			select {
			case <-a.cluster.Exited():
				cancel(errors.New("the private PostgreSQL server stopped unexpectedly; see its log under BAOCAO_DATA_DIR"))
			case <-ctx.Done():
			}
		}()
	}
	if a.mode.HTTP {
		if err := a.jobsUI.Start(ctx); err != nil {
			return fmt.Errorf("start jobs UI: %w", err)
		}
	}
	if a.mode.Work {
		// Imports and reports work through excelize, which keeps large
		// parts in temporary files that only a clean Close removes.
		n, err := jobs.RemoveStaleTempFiles(os.TempDir(), jobs.TempFileAge(a.cfg.ReportTimeout), time.Now())
		if err != nil {
			a.logger.Warn("could not remove every stale excelize temporary file", "removed", n, "error", err)
		} else {
			a.logger.Info("removed stale excelize temporary files", "removed", n, "dir", os.TempDir())
		}
		events, unsubscribe := a.jobs.Subscribe(metrics.JobEvents...)
		defer unsubscribe()
		go a.metrics.ObserveJobEvents(events)
		if err := a.jobs.Start(ctx); err != nil {
			return fmt.Errorf("start workers: %w", err)
		}
		a.logger.Info("workers started", "max_workers_per_queue", a.cfg.MaxWorkers)
	}
	var httpErr error
	if a.mode.HTTP {
		a.logger.Info("serving", "url", "http://"+a.Addr())
		httpErr = a.web.Serve(ctx, a.listener, a.cfg.ShutdownTimeout)
		a.listener = nil // Serve closed it
	} else {
		<-ctx.Done()
	}
	a.logger.Info("shutting down")
	if a.mode.Work {
		if err := jobs.Stop(a.jobs, a.cfg.ShutdownTimeout, a.logger); err != nil {
			return err
		}
	}
	if httpErr != nil {
		return httpErr
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return nil
}

// Close releases what Open acquired, the private database last.
func (a *App) Close() error {
	if a.listener != nil {
		a.listener.Close()
	}
	if a.pool != nil {
		a.pool.Close()
	}
	if a.cluster != nil {
		return a.cluster.Stop()
	}
	return nil
}

func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("BAOCAO_ADDR %s: the address is already in use (is baocao already running?); stop the other program or choose another BAOCAO_ADDR", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("BAOCAO_ADDR %s: permission denied (ports below 1024 need privileges)", addr)
	}
	return fmt.Errorf("BAOCAO_ADDR %s: %w", addr, err)
}
