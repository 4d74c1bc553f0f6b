package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"baocao/internal/postgres"
)

// TestTokens_OnlyASessionWithThePasswordMakesThem: a leaked API token
// must not outlive its revocation by minting a successor, so making and
// revoking tokens needs a person's session, and making one the password.
func TestTokens_OnlyASessionWithThePasswordMakesThem(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	ctx := context.Background()
	u, _, err := postgres.UserByUsername(ctx, s.deps.Pool, "so2")
	if err != nil {
		t.Fatal(err)
	}
	apiToken, rec, err := s.deps.Auth.CreateToken(ctx, u, "Phần mềm thống kê", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		var n int
		if err := s.deps.Pool.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const tokens, live = "SELECT count(*) FROM api_tokens", "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"
	send := func(bearer, method, path, body string) (int, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bearer)
		if strings.HasPrefix(path, "/account/") {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	withPassword := `{"name":"Bản sao","password":"` + testPassword + `"}`

	// An API token: refused making or revoking, even with the password.
	for _, r := range []struct{ method, path, body string }{
		{"POST", "/api/v1/tokens", withPassword},
		{"DELETE", "/api/v1/tokens/" + itoa(int(rec.ID)), ""},
		{"POST", "/account/tokens", "name=x&password=" + testPassword},
		{"POST", "/account/tokens/" + itoa(int(rec.ID)) + "/revoke", ""},
	} {
		code, raw := send(apiToken, r.method, r.path, r.body)
		if code != 403 || (strings.HasPrefix(r.path, "/api/") && !strings.Contains(raw, `"code":"session_required"`)) {
			t.Errorf("%s %s with an API token = %d %s, want 403 session_required", r.method, r.path, code, raw)
		}
	}
	if n, l := count(tokens), count(live); n != 1 || l != 1 {
		t.Fatalf("after the token's attempts: %d tokens, %d live; want the one, live", n, l)
	}
	// It still lists its account's tokens and does the account's work.
	if code, raw := send(apiToken, "GET", "/api/v1/tokens", ""); code != 200 || !strings.Contains(raw, "Phần mềm thống kê") {
		t.Fatalf("list with an API token = %d %s", code, raw)
	}

	// A session: the password is asked again; a wrong one is audited and
	// counted like a failed sign-in.
	session := mintSession(t, s, "so2")
	for _, tt := range []struct{ body, code string }{
		{`{"name":"Bản sao"}`, "required"},
		{`{"name":"Bản sao","password":"wrong-password-1"}`, "password_wrong"},
	} {
		code, raw := send(session, "POST", "/api/v1/tokens", tt.body)
		e := apiErrorBody(t, raw)
		if code != 422 || detailField(e) != "password" || !strings.Contains(raw, `"code":"`+tt.code+`"`) {
			t.Errorf("%s = %d %s, want 422 naming password (%s)", tt.body, code, raw, tt.code)
		}
	}
	if n := count(tokens); n != 1 {
		t.Fatalf("refused requests made %d tokens", n-1)
	}
	if n := count("SELECT count(*) FROM audit_log WHERE action = 'token_create_failed'"); n != 1 {
		t.Errorf("%d failed confirmations audited, want 1", n)
	}
	if n := count("SELECT count(*) FROM login_failures WHERE key = 'user:so2'"); n != 1 {
		t.Errorf("%d failures counted against the account, want 1", n)
	}
	code, raw := send(session, "POST", "/api/v1/tokens", withPassword)
	if code != 201 || !strings.Contains(raw, `"token":"bct_`) {
		t.Fatalf("create with the password = %d %s", code, raw)
	}
	if n := count("SELECT count(*) FROM audit_log WHERE action = 'token_created'"); n != 2 {
		t.Errorf("%d tokens audited as created, want 2", n)
	}
	if code, raw := send(session, "DELETE", "/api/v1/tokens/"+itoa(int(rec.ID)), ""); code != 204 {
		t.Fatalf("revoke with a session = %d %s", code, raw)
	}
	if code, _ := send(apiToken, "GET", "/api/v1/me", ""); code != 401 {
		t.Fatalf("the revoked token still works: %d", code)
	}

	// The page asks for the password too.
	code, raw = send(session, "POST", "/account/tokens", "name=Trang")
	if code != 422 || !strings.Contains(raw, "Hãy nhập mật khẩu của bạn") {
		t.Errorf("page without the password = %d", code)
	}
	code, raw = send(session, "POST", "/account/tokens", "name=Trang&password="+testPassword)
	if code != 201 || !strings.Contains(raw, "bct_") {
		t.Errorf("page with the password = %d", code)
	}
	if code, raw := send(session, "GET", "/account/tokens", ""); code != 200 || !strings.Contains(raw, `type="password"`) {
		t.Errorf("token page = %d, want a password field", code)
	}
}
