package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"riverqueue.com/riverui"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/intake"
	"baocao/internal/metrics"
	"baocao/internal/pgtest"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func newTestServer(t *testing.T) (*Server, *metrics.Metrics) {
	t.Helper()
	return newTestServerLogging(t, slog.New(slog.DiscardHandler))
}

// newTestServerLogging builds the whole HTTP surface on a fresh database,
// the River UI included, logging to logger.
func newTestServerLogging(t *testing.T, logger *slog.Logger) (*Server, *metrics.Metrics) {
	t.Helper()
	pool := pgtest.New(t)
	m := metrics.New(pool, logger)
	client := testkit.Inserter(t, pool)
	ui, err := riverui.NewHandler(&riverui.HandlerOpts{Endpoints: riverui.NewEndpoints(client, nil), Logger: logger, Prefix: "/admin/jobs"})
	if err != nil {
		t.Fatal(err)
	}
	in := intake.New(pool, client)
	rs := rounds.New(pool, in, client)
	rep := reports.New(pool, in, nil, client)
	rep.Notices = rs
	s, err := New(Deps{Pool: pool, Logger: logger, Metrics: m, Auth: auth.New(pool, auth.Settings{PasswordCost: testkit.PasswordCost}), Intake: in,
		Rounds: rs, Reports: rep, Jobs: client, JobsUI: ui})
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

func do(h http.Handler, method, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

func TestServer_Healthz(t *testing.T) {
	s, _ := newTestServer(t)
	rec := do(checked(t, s), "GET", "/healthz")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"status":"ok"`) {
		t.Fatalf("/healthz = %d %s", rec.Code, rec.Body)
	}
	s.deps.Pool.Close()
	if rec := do(checked(t, s), "GET", "/healthz"); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("/healthz with the database gone = %d, want 503", rec.Code)
	}
}

func TestServer_SecurityHeadersOnEveryResponse(t *testing.T) {
	s, _ := newTestServer(t)
	for _, path := range []string{"/", "/login", "/healthz", "/nowhere", "/api/v1/nowhere"} {
		rec := do(checked(t, s), "GET", path)
		h := rec.Header()
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing security headers: %v", path, h)
		}
	}
}

func TestServer_NotFound(t *testing.T) {
	s, _ := newTestServer(t)
	rec := do(checked(t, s), "GET", "/api/v1/nowhere")
	if rec.Code != 404 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
		!strings.Contains(rec.Body.String(), `"code":"not_found"`) {
		t.Fatalf("API 404 = %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	rec = do(checked(t, s), "GET", "/nowhere")
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "Không tìm thấy trang") {
		t.Fatalf("page 404 = %d %s", rec.Code, rec.Body)
	}
}

func TestServer_PanicBecomesErrorWithoutTrace(t *testing.T) {
	s, _ := newTestServer(t)
	s.mux.HandleFunc("GET /api/v1/boom", func(http.ResponseWriter, *http.Request) { panic("secret internals") })
	rec := do(checked(t, s), "GET", "/api/v1/boom")
	body := rec.Body.String()
	if rec.Code != 500 || !strings.Contains(body, `"code":"internal"`) || strings.Contains(body, "secret internals") || strings.Contains(body, "goroutine") {
		t.Fatalf("panic answered %d %s", rec.Code, body)
	}
}

func TestServer_MetricsByRoutePattern(t *testing.T) {
	s, _ := newTestServer(t)
	do(checked(t, s), "GET", "/healthz")
	do(checked(t, s), "GET", "/no/such/page/12345")
	// A signed-in request runs on a copy of the request that carries the
	// principal; it is still counted under its route.
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "staff", Role: access.RoleStaff}}, testPassword); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/v1/rounds", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "staff"))
	checked(t, s).ServeHTTP(httptest.NewRecorder(), req)
	rec := do(checked(t, s), "GET", "/metrics")
	body, _ := io.ReadAll(rec.Body)
	text := string(body)
	for _, want := range []string{
		`baocao_http_request_duration_seconds_count{code="200",method="GET",route="GET /healthz"} 1`,
		`route="unmatched"`,
		`baocao_http_request_duration_seconds_count{code="200",method="GET",route="GET /api/v1/rounds"} 1`,
		"go_goroutines",
		`baocao_db_pool_connections{state="idle"}`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The path itself, not its number: a metric's value (bytes, seconds)
	// may hold the digits 12345 by chance.
	if strings.Contains(text, "/no/such/page") {
		t.Error("raw path leaked into metric labels")
	}
}
