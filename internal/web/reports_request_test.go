package web

import (
	"context"
	"testing"

	"baocao/internal/access"
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

// The leader reads and issues reports; generating and forwarding stay
// staff's, issuing is the leader's alone.
func TestLeader_IssuesButDoesNotGenerate(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "lanhdao", Role: access.RoleLeader,
		DisplayName: "Lãnh đạo Sở"}}, testPassword); err != nil {
		t.Fatal(err)
	}
	api := apiClient{t, s}
	for _, c := range []struct {
		user, method, path string
		want               int
	}{
		{"lanhdao", "GET", "/api/v1/rounds/NAM-2024/reports", 200},
		{"lanhdao", "GET", "/api/v1/rounds/NAM-2024/progress", 200},
		{"lanhdao", "POST", "/api/v1/rounds/NAM-2024/reports", 403},
		{"lanhdao", "POST", "/api/v1/rounds/NAM-2024/reports/1/issue", 404}, // allowed: there is no set 1
		{"lanhdao", "POST", "/api/v1/rounds/NAM-2024/reports/1/final", 403},
		{"staff", "POST", "/api/v1/rounds/NAM-2024/reports/1/issue", 403},
		{"so2", "POST", "/api/v1/rounds/NAM-2024/reports/1/issue", 403},
	} {
		if code, _, raw := api.do(c.user, c.method, c.path, ""); code != c.want {
			t.Errorf("%s %s %s = %d %s, want %d", c.user, c.method, c.path, code, raw, c.want)
		}
	}
}
