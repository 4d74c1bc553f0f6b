package e2e

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"baocao/internal/app"
	"baocao/internal/config"
	"baocao/internal/pgtest"
	"baocao/internal/testkit"
)

// system is baocao running in this process as `baocao serve` runs it: web,
// API and River workers, on a fresh database with the seed catalog, the
// demo accounts and the demo round.
type system struct {
	// URL is the base address of the web server, http://127.0.0.1:port.
	URL string
	// Password is the demo accounts' password.
	Password string
}

// startSystem opens and runs the app; it stops when t ends. The server's
// log goes to server.log in the artifacts directory, next to the
// screenshots, because a failing step is often explained there.
func startSystem(t *testing.T, artifacts string) system {
	t.Helper()
	env := map[string]string{
		"DATABASE_URL":          pgtest.URL(t),
		"BAOCAO_ENV":            "dev",
		"BAOCAO_ADDR":           "127.0.0.1:0",
		"BAOCAO_DATA_DIR":       t.TempDir(),
		"BAOCAO_SECURE_COOKIES": "false", // plain http: Secure cookies would never come back
		"BAOCAO_MAX_WORKERS":    "4",
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.ShutdownTimeout = 10 * time.Second
	cfg.PasswordCost = testkit.PasswordCost
	logFile, err := os.Create(filepath.Join(artifacts, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))

	a, err := app.Open(context.Background(), cfg, app.Mode{HTTP: true, Work: true}, logger)
	if err != nil {
		logFile.Close()
		t.Fatalf("app.Open: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("app.Run: %v", err)
		}
		if err := a.Close(); err != nil {
			t.Errorf("app.Close: %v", err)
		}
		logFile.Close()
	})
	return system{URL: "http://" + a.Addr(), Password: cfg.DemoPassword}
}

// artifactsDir is where screenshots, downloads and the server log of one
// journey are kept: the folder sub ("" for the agency's journey) of
// $BAOCAO_E2E_ARTIFACTS, or of var/e2e at the repository root
// (git-ignored). Files of an earlier run are removed so that every file
// there belongs to this one.
func artifactsDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(artifactsRoot(t), sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts directory: %v", err)
	}
	for _, pattern := range []string{"[0-9][0-9]-*.png", "server.log", "download-*"} {
		old, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range old {
			os.Remove(f)
		}
	}
	t.Logf("screenshots and logs in %s", dir)
	return dir
}

// artifactsRoot is the artifacts directory, made if missing, with what is
// in it left alone.
func artifactsRoot(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BAOCAO_E2E_ARTIFACTS")
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "var", "e2e")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts directory: %v", err)
	}
	return dir
}

// repoRoot is the directory holding go.mod, above the test's directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
