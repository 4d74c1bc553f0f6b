package web

import (
	"context"
	"testing"
)

// A staff request always starts a generation, or names the one waiting or
// running; it is never answered with an old finished one.
func TestReportRequest_AlwaysServed(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	path := "/api/v1/rounds/NAM-2024/reports"
	code, first, raw := api.do("staff", "POST", path, "")
	if code != 202 || first["new"] != true {
		t.Fatalf("first request = %d %s", code, raw)
	}
	code, again, raw := api.do("staff", "POST", path, "")
	if code != 202 || again["new"] != false || again["job"] != first["job"] {
		t.Fatalf("request while one waits = %d %s, want the waiting job %v", code, raw, first["job"])
	}
	if _, err := s.deps.Pool.Exec(context.Background(),
		"UPDATE river_job SET state = 'completed', finalized_at = now() WHERE id = $1", int64(first["job"].(float64))); err != nil {
		t.Fatal(err)
	}
	code, third, raw := api.do("staff", "POST", path, "")
	if code != 202 || third["new"] != true || third["job"] == first["job"] {
		t.Fatalf("request after the last one finished = %d %s, want a new job", code, raw)
	}
}
