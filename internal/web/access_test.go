package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/postgres"
)

const testPassword = "correct-horse-battery"

// principals makes one user per kind of caller and returns a session
// token of each ("anonymous" has none). The sessions are made directly,
// as mintSession does: signing in checks an argon2id hash, which under
// the race detector costs a third of a second each, and the sign-in
// itself has tests of its own.
func principals(t *testing.T, s *Server) map[string]string {
	t.Helper()
	ctx := context.Background()
	saveMinimalCatalog(t, s)
	users := []access.User{
		{Username: "admin", Role: access.RoleAdmin},
		{Username: "staff", Role: access.RoleStaff, Unit: "SO1"},
		{Username: "so2", Role: access.RoleAgency, Unit: "SO2"},
		{Username: "huyen1", Role: access.RoleAgency, Unit: "HUYEN1"},
	}
	if _, err := s.deps.Auth.EnsureUsers(ctx, users, testPassword); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{"anonymous": ""}
	for name, user := range callerUsers {
		tokens[name] = mintSession(t, s, user)
	}
	return tokens
}

// expectedStatus is, for every route of the table, the status each kind of
// caller gets. Unit-scoped routes are called with the own agency's unit. A
// route missing here fails the test: new routes cannot skip this check.
var expectedStatus = map[string]map[string]int{
	// caller:                         anonymous, agency-own, agency-other, staff, admin
	"GET /{$}":                                statuses(303, 200, 200, 200, 200),
	"GET /static/app.css":                     statuses(200, 200, 200, 200, 200),
	"GET /static/app.js":                      statuses(200, 200, 200, 200, 200),
	"GET /healthz":                            statuses(200, 200, 200, 200, 200),
	"GET /metrics":                            statuses(200, 200, 200, 200, 200),
	"GET /login":                              statuses(200, 303, 303, 303, 303),
	"POST /login":                             statuses(401, 401, 401, 401, 401), // empty form: wrong credentials
	"POST /logout":                            statuses(401, 303, 303, 303, 303),
	"GET /account/password":                   statuses(303, 200, 200, 200, 200),
	"POST /account/password":                  statuses(401, 422, 422, 422, 422),
	"GET /account/tokens":                     statuses(303, 200, 200, 200, 200),
	"POST /account/tokens":                    statuses(401, 422, 422, 422, 422),
	"POST /account/tokens/{id}/revoke":        statuses(401, 404, 404, 404, 404),
	"GET /rounds":                             statuses(303, 200, 200, 200, 200),
	"GET /units":                              statuses(303, 200, 200, 200, 200),
	"GET /rounds/{round}/submissions/{unit}":  statuses(303, 200, 403, 200, 200),
	"POST /rounds/{round}/submissions/{unit}": statuses(401, 400, 403, 403, 403), // empty form
	"POST /rounds/{round}/submissions/{unit}/withdraw": statuses(401, 409, 403, 403, 403), // nothing submitted
	"POST /rounds/{round}/submissions/{unit}/review":   statuses(401, 403, 403, 422, 422), // no decision
	"GET /rounds/{round}/submissions/{unit}/history":   statuses(303, 200, 403, 200, 200),
	"GET /rounds/{round}/submissions/{unit}/form.xlsx": statuses(303, 200, 403, 200, 200),
	"POST /rounds/{round}/submissions/{unit}/upload":   statuses(401, 422, 403, 403, 403), // no file
	"GET /jobs/{id}": statuses(303, 404, 404, 404, 404),
	"GET /api/v1/rounds/{round}/submissions/{unit}/form.xlsx":  statuses(401, 200, 403, 200, 200),
	"POST /api/v1/rounds/{round}/submissions/{unit}/form.xlsx": statuses(401, 422, 403, 403, 403), // no file
	"GET /api/v1/jobs/{id}":                                    statuses(401, 404, 404, 404, 404),
	"GET /rounds/new":                                          statuses(303, 403, 403, 200, 200),
	"POST /rounds/new":                                         statuses(401, 403, 403, 422, 422), // empty form
	"POST /rounds/annual":                                      statuses(401, 403, 403, 422, 422), // empty form
	"GET /rounds/{round}/progress":                             statuses(303, 403, 403, 200, 200),
	"POST /rounds/{round}/remind":                              statuses(401, 403, 403, 303, 429), // staff first, then within the hour
	"GET /notices":                                             statuses(303, 200, 200, 200, 200),
	"POST /api/v1/rounds":                                      statuses(401, 403, 403, 400, 400), // empty body
	"GET /api/v1/rounds/{round}/progress":                      statuses(401, 403, 403, 200, 200),
	"GET /api/v1/outbox":                                       statuses(401, 403, 403, 200, 200),
	"GET /rounds/{round}/reports":                              statuses(303, 403, 403, 200, 200),
	"POST /rounds/{round}/reports":                             statuses(401, 403, 403, 303, 303),
	"POST /rounds/{round}/deadline":                            statuses(401, 403, 403, 422, 422), // empty form: no date
	"POST /api/v1/rounds/{round}/deadline":                     statuses(401, 403, 403, 400, 400), // empty body
	"POST /rounds/{round}/close":                               statuses(401, 403, 403, 422, 422), // no reason
	"POST /api/v1/rounds/{round}/close":                        statuses(401, 403, 403, 400, 400), // empty body
	"POST /rounds/{round}/reports/{number}/issue":              statuses(401, 403, 403, 403, 403), // only the leader issues
	"POST /api/v1/rounds/{round}/reports/{number}/issue":       statuses(401, 403, 403, 403, 403),
	"POST /api/v1/rounds/{round}/reports/{number}/final":       statuses(401, 403, 403, 404, 404),
	"POST /api/v1/rounds/{round}/reports/{number}/dispatch":    statuses(401, 403, 403, 400, 400), // empty body
	"GET /api/v1/reports/{id}/verify":                          statuses(401, 403, 403, 404, 404),
	"POST /rounds/{round}/reports/{number}/final":              statuses(401, 403, 403, 404, 404), // no such number
	"POST /api/v1/rounds/{round}/reports":                      statuses(401, 403, 403, 202, 202),
	"GET /api/v1/rounds/{round}/reports":                       statuses(401, 403, 403, 200, 200),
	"GET /api/v1/rounds/{round}/consolidated":                  statuses(401, 403, 403, 404, 404), // nothing consolidated yet
	"GET /api/v1/reports/{id}":                                 statuses(401, 403, 403, 404, 404),
	"POST /rounds/{round}/reports/{number}/dispatch":           statuses(401, 403, 403, 404, 404), // no such number
	"GET /admin/audit":                                         statuses(303, 403, 403, 403, 200),
	"GET /admin/users":                                         statuses(303, 403, 403, 403, 200),
	"POST /admin/users":                                        statuses(401, 403, 403, 403, 422), // empty form
	"POST /admin/users/bulk":                                   statuses(401, 403, 403, 403, 201),
	"GET /admin/users/{name}":                                  statuses(303, 403, 403, 403, 404), // no such account
	"POST /admin/users/{name}":                                 statuses(401, 403, 403, 403, 404),
	"POST /admin/users/{name}/reset-password":                  statuses(401, 403, 403, 403, 404),
	"POST /admin/users/{name}/disable":                         statuses(401, 403, 403, 403, 404),
	"POST /admin/users/{name}/enable":                          statuses(401, 403, 403, 403, 404),
	"GET /api/v1/admin/users":                                  statuses(401, 403, 403, 403, 200),
	"POST /api/v1/admin/users":                                 statuses(401, 403, 403, 403, 400), // empty body
	"POST /api/v1/admin/users/bulk":                            statuses(401, 403, 403, 403, 201),
	"PATCH /api/v1/admin/users/{name}":                         statuses(401, 403, 403, 403, 400), // empty body
	"POST /api/v1/admin/users/{name}/reset-password":           statuses(401, 403, 403, 403, 404),
	"POST /api/v1/admin/users/{name}/disable":                  statuses(401, 403, 403, 403, 404),
	"POST /api/v1/admin/users/{name}/enable":                   statuses(401, 403, 403, 403, 404),
	"/admin/jobs/":                                             statuses(303, 403, 403, 200, 200),
	"GET /admin/catalog":                                       statuses(303, 403, 403, 403, 200),
	"POST /admin/catalog":                                      statuses(401, 403, 403, 403, 422), // no file
	"GET /admin/catalog/{version}":                             statuses(303, 403, 403, 403, 404),
	"POST /admin/catalog/{version}/activate":                   statuses(401, 403, 403, 403, 404),
	"GET /api/v1/admin/catalog":                                statuses(401, 403, 403, 403, 200),
	"POST /api/v1/admin/catalog":                               statuses(401, 403, 403, 403, 422), // no file
	"POST /api/v1/admin/catalog/{version}/activate":            statuses(401, 403, 403, 403, 404),
	"POST /api/v1/login":                                       statuses(400, 400, 400, 400, 400), // empty body
	"GET /api/v1/me":                                           statuses(401, 200, 200, 200, 200),
	"GET /api/v1/units":                                        statuses(401, 200, 200, 200, 200),
	"GET /api/v1/indicators":                                   statuses(401, 200, 200, 200, 200),
	"GET /api/v1/rounds":                                       statuses(401, 200, 200, 200, 200),
	"GET /api/v1/rounds/{round}/submissions/{unit}":            statuses(401, 200, 403, 200, 200),
	"PUT /api/v1/rounds/{round}/submissions/{unit}":            statuses(401, 400, 403, 403, 403), // empty body
	"POST /api/v1/rounds/{round}/submissions/{unit}/withdraw":  statuses(401, 409, 403, 403, 403), // nothing submitted
	"POST /api/v1/rounds/{round}/submissions/{unit}/submit":    statuses(401, 422, 403, 403, 403), // nothing entered
	"POST /api/v1/rounds/{round}/submissions/{unit}/review":    statuses(401, 403, 403, 400, 400), // empty body
	"POST /api/v1/rounds/{round}/submissions/{unit}/reopen":    statuses(401, 403, 403, 400, 400),
	"GET /api/v1/rounds/{round}/submissions/{unit}/history":    statuses(401, 200, 403, 200, 200),
	"GET /api/v1/tokens":                                       statuses(401, 200, 200, 200, 200),
	"POST /api/v1/tokens":                                      statuses(401, 400, 400, 400, 400), // empty body
	"DELETE /api/v1/tokens/{id}":                               statuses(401, 404, 404, 404, 404),
	"GET /api/v1/openapi.yaml":                                 statuses(200, 200, 200, 200, 200),
	"GET /api/docs":                                            statuses(200, 200, 200, 200, 200),
	"/api/":                                                    statuses(404, 404, 404, 404, 404),
	"/":                                                        statuses(404, 404, 404, 404, 404),
}

var callers = []string{"anonymous", "agency-own", "agency-other", "staff", "admin"}

func statuses(codes ...int) map[string]int {
	m := map[string]int{}
	for i, c := range codes {
		m[callers[i]] = c
	}
	return m
}

// requestFor builds a request that reaches route's pattern.
func requestFor(pattern string) (method, path string) {
	method, path, found := strings.Cut(pattern, " ")
	if !found {
		method, path = "GET", pattern
	}
	path = strings.TrimSuffix(path, "{$}")
	if path == "/" && pattern == "/" {
		path = "/no-such-page"
	}
	if path == "/api/" {
		path = "/api/v1/no-such-thing"
	}
	r := strings.NewReplacer("{id}", "999999", "{version}", "999999", "{unit}", "SO2", "{round}", "NAM-2024", "{name}", "nobody")
	return method, r.Replace(path)
}

// mintSession opens a new session for username without a password check
// (argon2 per request would make the walk slow).
func mintSession(t *testing.T, s *Server, username string) string {
	t.Helper()
	ctx := context.Background()
	u, _, err := postgres.UserByUsername(ctx, s.deps.Pool, username)
	if err != nil {
		t.Fatal(err)
	}
	token, hash := access.NewToken(access.SessionTokenPrefix)
	if err := postgres.CreateSession(ctx, s.deps.Pool, hash, u.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return token
}

var callerUsers = map[string]string{"admin": "admin", "staff": "staff", "agency-own": "so2", "agency-other": "huyen1"}

func TestRoutes_AccessControl(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	h := checked(t, s)
	for _, rt := range s.table {
		want, ok := expectedStatus[rt.pattern]
		if !ok {
			t.Errorf("route %q has no expected statuses: add it to expectedStatus", rt.pattern)
			continue
		}
		for _, caller := range callers {
			method, path := requestFor(rt.pattern)
			req := httptest.NewRequest(method, path, nil)
			// A fresh session per request: some routes (logout) end it.
			if user, ok := callerUsers[caller]; ok {
				req.Header.Set("Authorization", "Bearer "+mintSession(t, s, user))
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != want[caller] {
				t.Errorf("%s %s as %s = %d, want %d", method, path, caller, rec.Code, want[caller])
			}
		}
	}
	for pattern := range expectedStatus {
		found := false
		for _, rt := range s.table {
			found = found || rt.pattern == pattern
		}
		if !found {
			t.Errorf("expectedStatus lists %q, which is not a route", pattern)
		}
	}
}

func TestAuth_UnknownAndExpiredTokens(t *testing.T) {
	s, _ := newTestServer(t)
	tokens := principals(t, s)
	h := checked(t, s)
	get := func(token string) int {
		req := httptest.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := get("bcs_not-a-real-token"); code != 401 {
		t.Errorf("unknown session token = %d, want 401", code)
	}
	if code := get("bct_not-a-real-token"); code != 401 {
		t.Errorf("unknown API token = %d, want 401", code)
	}
	if code := get(tokens["staff"]); code != 200 {
		t.Fatalf("live token = %d", code)
	}
	if _, err := s.deps.Pool.Exec(context.Background(), "UPDATE sessions SET expires_at = now() - interval '1 second'"); err != nil {
		t.Fatal(err)
	}
	if code := get(tokens["staff"]); code != 401 {
		t.Errorf("expired session = %d, want 401", code)
	}
}

func TestAuth_IdleSessionEnds(t *testing.T) {
	s, _ := newTestServer(t)
	tokens := principals(t, s)
	if _, err := s.deps.Pool.Exec(context.Background(), "UPDATE sessions SET last_seen_at = now() - interval '3 hours'"); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+tokens["admin"])
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	if rec.Code != 401 {
		t.Fatalf("session idle for 3h = %d, want 401", rec.Code)
	}
}

func postJSON(h http.Handler, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAPILogin(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	rec := postJSON(h, "/api/v1/login", `{"username":"staff","password":"`+testPassword+`"}`)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"token":"bcs_`) {
		t.Fatalf("login = %d %s", rec.Code, rec.Body)
	}
	if len(rec.Result().Cookies()) != 1 {
		t.Fatal("login did not set the session cookie")
	}
	wrongPassword := postJSON(h, "/api/v1/login", `{"username":"staff","password":"wrong-password-1"}`)
	noUser := postJSON(h, "/api/v1/login", `{"username":"nobody","password":"wrong-password-1"}`)
	if wrongPassword.Code != 401 || noUser.Code != 401 || wrongPassword.Body.String() != noUser.Body.String() {
		t.Fatalf("wrong password %d %s / unknown user %d %s: want the same 401", wrongPassword.Code, wrongPassword.Body, noUser.Code, noUser.Body)
	}
	if rec := postJSON(h, "/api/v1/login", `{"username":`); rec.Code != 400 {
		t.Errorf("malformed body = %d, want 400", rec.Code)
	}
	if rec := postJSON(h, "/api/v1/login", `{"username":"`+strings.Repeat("a", 10000)+`"}`); rec.Code != 413 {
		t.Errorf("oversized body = %d, want 413", rec.Code)
	}
	if rec := postJSON(h, "/api/v1/login", `{"username":"staff"}`); rec.Code != 422 || !strings.Contains(rec.Body.String(), `"field":"password"`) {
		t.Errorf("missing password = %d %s, want 422 naming the field", rec.Code, rec.Body)
	}
}

func TestAPILogin_Throttled(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	for i := range 5 {
		if rec := postJSON(h, "/api/v1/login", `{"username":"staff","password":"wrong-password-1"}`); rec.Code != 401 {
			t.Fatalf("failure %d = %d, want 401", i+1, rec.Code)
		}
	}
	rec := postJSON(h, "/api/v1/login", `{"username":"staff","password":"`+testPassword+`"}`)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("after 5 failures = %d (Retry-After %q), want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	// Another account from another address is not affected.
	other := postJSON(h, "/api/v1/login", `{"username":"admin","password":"`+testPassword+`"}`)
	if other.Code != 200 {
		t.Fatalf("other account = %d, want 200", other.Code)
	}
	// The window passes: the account can sign in again, and success resets
	// its count.
	if _, err := s.deps.Pool.Exec(context.Background(), "UPDATE login_failures SET at = at - interval '1 hour'"); err != nil {
		t.Fatal(err)
	}
	if rec := postJSON(h, "/api/v1/login", `{"username":"staff","password":"`+testPassword+`"}`); rec.Code != 200 {
		t.Fatalf("after the window = %d, want 200", rec.Code)
	}
	var left int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM login_failures WHERE key = 'user:staff'").Scan(&left)
	if left != 0 {
		t.Fatalf("%d failures remembered after a successful sign-in", left)
	}
}

func TestAuth_SecretsStoredHashed(t *testing.T) {
	s, _ := newTestServer(t)
	tokens := principals(t, s)
	h := checked(t, s)
	rec := postJSON(h, "/api/v1/tokens", `{"name":"Phần mềm thống kê","password":"`+testPassword+`"}`, "Authorization", "Bearer "+tokens["agency-own"])
	if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"token":"bct_`) {
		t.Fatalf("create token = %d %s", rec.Code, rec.Body)
	}
	apiToken := rec.Body.String()[strings.Index(rec.Body.String(), "bct_"):]
	apiToken = apiToken[:strings.IndexByte(apiToken, '"')]
	ctx := context.Background()
	var hash string
	s.deps.Pool.QueryRow(ctx, "SELECT password_hash FROM users WHERE username = 'so2'").Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, testPassword) {
		t.Fatalf("password stored as %q", hash)
	}
	for _, q := range []string{"SELECT token_hash FROM sessions", "SELECT token_hash FROM api_tokens"} {
		rows, _ := s.deps.Pool.Query(ctx, q)
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			for _, tok := range []string{tokens["agency-own"], apiToken} {
				if bytes.Contains(b, []byte(tok)) || bytes.Contains(b, []byte(tok[4:])) {
					t.Fatalf("%s stores a token in clear", q)
				}
			}
			if len(b) != 32 {
				t.Fatalf("%s: %d-byte value, want a SHA-256 hash", q, len(b))
			}
		}
		rows.Close()
	}
	// The API token works, is listed without its secret, and is revocable.
	req := httptest.NewRequest("GET", "/api/v1/tokens", nil)
	req.Header.Set("Authorization", "Bearer "+apiToken)
	list := httptest.NewRecorder()
	h.ServeHTTP(list, req)
	if list.Code != 200 || strings.Contains(list.Body.String(), "bct_") || !strings.Contains(list.Body.String(), `"last_used_at":"`) {
		t.Fatalf("list tokens = %d %s", list.Code, list.Body)
	}
	del := httptest.NewRequest("DELETE", "/api/v1/tokens/1", nil)
	del.Header.Set("Authorization", "Bearer "+tokens["agency-own"])
	delRec := httptest.NewRecorder()
	h.ServeHTTP(delRec, del)
	if delRec.Code != 204 {
		t.Fatalf("revoke = %d %s", delRec.Code, delRec.Body)
	}
	h.ServeHTTP(list, req)
	again := httptest.NewRecorder()
	h.ServeHTTP(again, req)
	if again.Code != 401 {
		t.Fatalf("revoked token = %d, want 401", again.Code)
	}
}

// browserLogin signs in through the form and returns the session cookie.
func browserLogin(t *testing.T, h http.Handler, tls bool) *http.Cookie {
	t.Helper()
	req := httptest.NewRequest("POST", "/login", strings.NewReader("username=staff&password="+testPassword+"&next=/account/tokens"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if !tls {
		req.TLS = nil
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 303 || rec.Header().Get("Location") != "/account/tokens" {
		t.Fatalf("form login = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("form login set %d cookies", len(cookies))
	}
	return cookies[0]
}

func TestLogin_CookieFlags(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	c := browserLogin(t, checked(t, s), false)
	if c.Name != sessionCookie || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" || c.MaxAge <= 0 {
		t.Fatalf("cookie over plain HTTP = %+v", c)
	}
	s.deps.SecureCookies = true
	c2 := browserLogin(t, checked(t, s), false)
	if !c2.Secure {
		t.Fatal("cookie not Secure behind a TLS proxy")
	}
	if c.Value == c2.Value {
		t.Fatal("a new sign-in reused the session id")
	}
	// Signing in again from a browser that had a session ends the old one.
	req := httptest.NewRequest("POST", "/login", strings.NewReader("username=staff&password="+testPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(c2)
	checked(t, s).ServeHTTP(httptest.NewRecorder(), req)
	me := httptest.NewRequest("GET", "/api/v1/me", nil)
	me.AddCookie(c2)
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, me)
	if rec.Code != 401 {
		t.Fatalf("the session before the new sign-in still works: %d", rec.Code)
	}
}

func TestCrossSiteCookieRequestRefused(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	cookie := browserLogin(t, h, false)
	post := func(site string) int {
		req := httptest.NewRequest("POST", "/account/tokens", strings.NewReader("name=x&password="+testPassword))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", site)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := post("cross-site"); code != 403 {
		t.Fatalf("cross-site POST with the session cookie = %d, want 403", code)
	}
	var n int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM api_tokens").Scan(&n)
	if n != 0 {
		t.Fatal("the refused request created a token")
	}
	if code := post("same-origin"); code != 201 {
		t.Fatalf("same-origin POST = %d, want 201", code)
	}
}

func TestRiverUI_StaffOnly(t *testing.T) {
	s, _ := newTestServer(t)
	tokens := principals(t, s)
	for caller, want := range map[string]int{"anonymous": 303, "agency-own": 403, "staff": 200, "admin": 200} {
		req := httptest.NewRequest("GET", "/admin/jobs/", nil)
		if tok := tokens[caller]; tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		rec := httptest.NewRecorder()
		checked(t, s).ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("River UI as %s = %d, want %d", caller, rec.Code, want)
		}
		if want == 200 && !strings.Contains(rec.Body.String(), "<title>River</title>") {
			t.Errorf("River UI as %s did not serve the UI", caller)
		}
	}
	// Its API is behind the same gate.
	req := httptest.NewRequest("GET", "/admin/jobs/api/jobs?state=available", nil)
	req.Header.Set("Authorization", "Bearer "+tokens["agency-own"])
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Fatalf("River UI API as agency = %d, want 403", rec.Code)
	}
}

func TestLogs_RevealNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	s, _ := newTestServerLogging(t, slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	tokens := principals(t, s)
	h := checked(t, s)
	postJSON(h, "/api/v1/login", `{"username":"staff","password":"`+testPassword+`"}`)
	postJSON(h, "/api/v1/login", `{"username":"staff","password":"wrong-password-1"}`)
	req := httptest.NewRequest("GET", "/api/v1/me?token="+tokens["staff"], nil)
	req.Header.Set("Authorization", "Bearer "+tokens["staff"])
	h.ServeHTTP(httptest.NewRecorder(), req)
	out := buf.String()
	if !strings.Contains(out, "/api/v1/login") {
		t.Fatal("requests were not logged at all")
	}
	for _, secret := range []string{testPassword, "wrong-password-1", tokens["staff"]} {
		if strings.Contains(out, secret) {
			t.Fatalf("log reveals %q:\n%s", secret, out)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/account/tokens":       "/account/tokens",
		"/rounds?x=1":           "/rounds?x=1",
		"//evil.example":        "/",
		"/\\evil.example":       "/",
		"/\t/evil.example":      "/",
		"https://evil.example/": "/",
		"/%2F%2Fevil.example":   "/",
		"javascript:alert(1)":   "/",
		"":                      "/",
		"evil.example":          "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAPILogin_ParallelAttemptsStayWithinTheLimit(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	var wg sync.WaitGroup
	codes := make(chan int, 12)
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- postJSON(h, "/api/v1/login", `{"username":"staff","password":"wrong-password-1"}`).Code
		}()
	}
	wg.Wait()
	close(codes)
	checked := 0
	for c := range codes {
		if c == 401 {
			checked++
		}
	}
	if checked != 5 {
		t.Fatalf("%d of 12 parallel attempts had their password checked, want exactly 5", checked)
	}
}

func TestChangePassword_WrongCurrentIsThrottledAndAudited(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	h := checked(t, s)
	var last int
	for range 6 {
		req := httptest.NewRequest("POST", "/account/password", strings.NewReader("current_password=guess-guess-1&new_password=a-new-long-password&new_password_again=a-new-long-password"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "staff"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		last = rec.Code
	}
	if last != 429 {
		t.Fatalf("6th wrong current password = %d, want 429", last)
	}
	var n int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'password_change_failed'").Scan(&n)
	if n != 5 {
		t.Fatalf("%d failed password changes audited, want 5", n)
	}
}
