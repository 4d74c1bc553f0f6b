package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/app"
	"baocao/internal/config"
	"baocao/internal/pglocal"
	"baocao/internal/pgtest"
	"baocao/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quiet = slog.New(slog.DiscardHandler)

func testConfig(t *testing.T, env map[string]string) config.Config {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if env["BAOCAO_ADDR"] == "" {
		env["BAOCAO_ADDR"] = "127.0.0.1:0"
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.ShutdownTimeout = 5 * time.Second
	cfg.PasswordCost = testkit.PasswordCost
	return cfg
}

// running is an App serving in the background.
type running struct {
	app  *app.App
	stop context.CancelFunc
	done chan error
}

func start(t *testing.T, cfg config.Config, mode app.Mode) *running {
	t.Helper()
	a, err := app.Open(context.Background(), cfg, mode, quiet)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{app: a, stop: cancel, done: make(chan error, 1)}
	go func() { r.done <- a.Run(ctx) }()
	t.Cleanup(func() { r.shutdown(t) })
	return r
}

func (r *running) shutdown(t *testing.T) {
	t.Helper()
	if r.stop == nil {
		return
	}
	r.stop()
	r.stop = nil
	if err := <-r.done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if err := r.app.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestApp_RunWithPrivateDatabase(t *testing.T) {
	base, err := pglocal.MkdirTemp("baocao-app-test-")
	if err != nil {
		t.Fatal(err)
	}
	// Removed after the apps below have stopped (cleanups run last-in first-out).
	t.Cleanup(func() { os.RemoveAll(base) })
	cfg := testConfig(t, map[string]string{"BAOCAO_DATA_DIR": base})
	mode := app.Mode{HTTP: true, Work: true, LocalDB: true}

	r := start(t, cfg, mode)
	if code, body := get(t, "http://"+r.app.Addr()+"/healthz"); code != 200 {
		t.Fatalf("/healthz = %d %s", code, body)
	}
	code, body := get(t, "http://"+r.app.Addr()+"/metrics")
	if code != 200 || !strings.Contains(body, "go_goroutines") || !strings.Contains(body, `baocao_http_request_duration_seconds_count{code="200",method="GET",route="GET /healthz"}`) {
		t.Fatalf("/metrics = %d, missing runtime or route latency metrics", code)
	}
	pid := postmasterPID(t, filepath.Join(base, "postgres"))
	r.shutdown(t)
	if syscall.Kill(pid, 0) == nil {
		t.Fatalf("PostgreSQL (pid %d) still running after shutdown", pid)
	}

	// The second start reuses the cluster.
	r2 := start(t, cfg, mode)
	if code, _ := get(t, "http://"+r2.app.Addr()+"/healthz"); code != 200 {
		t.Fatalf("/healthz after restart = %d", code)
	}
}

func postmasterPID(t *testing.T, dataDir string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	for _, c := range strings.SplitN(string(data), "\n", 2)[0] {
		pid = pid*10 + int(c-'0')
	}
	return pid
}

func TestApp_ServeAgainstDatabaseURL(t *testing.T) {
	cfg := testConfig(t, map[string]string{"DATABASE_URL": pgtest.URL(t)})
	r := start(t, cfg, app.Mode{HTTP: true, Work: true})
	code, body := get(t, "http://"+r.app.Addr()+"/")
	if code != 200 || !strings.Contains(body, "Hệ thống báo cáo định kỳ") {
		t.Fatalf("GET / = %d %q", code, body)
	}
	code, body = get(t, "http://"+r.app.Addr()+"/api/v1/nothing-here")
	if code != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Fatalf("GET unknown API path = %d %s, want a JSON 404", code, body)
	}
}

func TestOpen_PortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := testConfig(t, map[string]string{"BAOCAO_ADDR": ln.Addr().String(), "DATABASE_URL": pgtest.URL(t)})
	_, err = app.Open(context.Background(), cfg, app.Mode{HTTP: true}, quiet)
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "BAOCAO_ADDR") {
		t.Fatalf("Open on a busy port: %v", err)
	}
}

func TestOpen_UnreachableDatabase(t *testing.T) {
	cfg := testConfig(t, map[string]string{"DATABASE_URL": "postgres://baocao:pw@127.0.0.1:1/baocao"})
	_, err := app.Open(context.Background(), cfg, app.Mode{Work: true}, quiet)
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("Open with an unreachable database: %v", err)
	}
}

func TestApp_DevModeSeedsCatalogAndDemoAccounts(t *testing.T) {
	url := pgtest.URL(t)
	cfg := testConfig(t, map[string]string{"DATABASE_URL": url, "BAOCAO_ENV": "dev", "BAOCAO_DEMO_PASSWORD": "demo-password-for-tests"})
	r := start(t, cfg, app.Mode{HTTP: true, Work: true})
	base := "http://" + r.app.Addr()
	resp, err := http.Post(base+"/api/v1/login", "application/json",
		strings.NewReader(`{"username":"rachgia","password":"demo-password-for-tests"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("demo agency login = %d %s", resp.StatusCode, body)
	}
	// Every unit the province has had: Kiên Giang's bodies and districts
	// (their 2024 reports), An Giang's bodies and its 102 communes.
	for _, user := range []string{"admin", "staff", "ldtbxh", "gddt", "giangthanh", "ag.yt", "xa.giangthanh", "phuong.rachgia", "dackhu.phuquoc"} {
		resp, err := http.Post(base+"/api/v1/login", "application/json",
			strings.NewReader(`{"username":"`+user+`","password":"demo-password-for-tests"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("demo account %s: login = %d", user, resp.StatusCode)
		}
	}
}

func TestApp_ProdModeCreatesNothing(t *testing.T) {
	url := pgtest.URL(t)
	cfg := testConfig(t, map[string]string{"DATABASE_URL": url, "BAOCAO_ENV": "prod"})
	a, err := app.Open(context.Background(), cfg, app.Mode{HTTP: true, Work: true}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var users, versions int
	conn.QueryRow(context.Background(), "SELECT count(*) FROM users").Scan(&users)
	conn.QueryRow(context.Background(), "SELECT count(*) FROM catalog_versions").Scan(&versions)
	if users != 0 || versions != 0 {
		t.Fatalf("prod start created %d users and %d catalog versions, want none", users, versions)
	}
}

func TestApp_ImplicitDevCreatesNoAccountsOnAnExternalDatabase(t *testing.T) {
	url := pgtest.URL(t)
	cfg := testConfig(t, map[string]string{"DATABASE_URL": url})
	a, err := app.Open(context.Background(), cfg, app.Mode{HTTP: true, Work: true}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var users int
	conn.QueryRow(context.Background(), "SELECT count(*) FROM users").Scan(&users)
	if users != 0 {
		t.Fatalf("BAOCAO_ENV unset on an external database created %d accounts", users)
	}
}
