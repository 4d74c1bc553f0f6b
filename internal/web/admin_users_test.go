package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/postgres"
)

// moreUnitsYAML adds to the minimal catalog three departments in force
// today, one that ended, and one whose agency account an administrator
// made by hand under another name.
const moreUnitsYAML = `
  - code: SO3
    name: Sở Ba
    short: Sở 3
    kind: department
    parent: TINH
    email: so3@example.gov.vn
    valid_from: 2024-01-01
  - code: SO4
    name: Sở Bốn
    short: Sở 4
    kind: department
    parent: TINH
    valid_from: 2024-01-01
  - code: SO5.KT
    name: Sở Năm
    short: Sở 5
    kind: department
    parent: TINH
    valid_from: 2024-01-01
  - code: SO6
    name: Sở Sáu (đã giải thể)
    short: Sở 6
    kind: department
    parent: TINH
    valid_from: 2024-01-01
    valid_to: 2025-01-31
  - code: SO7
    name: Sở Bảy
    short: Sở 7
    kind: department
    parent: TINH
    valid_from: 2024-01-01
`

// accountsServer is a server with the minimal catalog and moreUnitsYAML,
// the principals' accounts and a hand-made account "nv.so7" for SO7.
func accountsServer(t *testing.T) *Server {
	t.Helper()
	s, _ := newTestServer(t)
	principals(t, s)
	fsys := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile("../catalog/testdata/minimal/" + name)
		if err != nil {
			t.Fatal(err)
		}
		switch name {
		case "units.yaml":
			data = append(data, moreUnitsYAML...)
		case "forms.yaml":
			data = bytes.Replace(data, []byte("units: [SO1, SO2]"), []byte("units: [SO1, SO2, SO3, SO4, SO5.KT, SO6, SO7]"), 1)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	c, err := catalog.Load(fsys, "minimal-more")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(context.Background(), s.deps.Pool, "minimal-more", c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "nv.so7", Role: access.RoleAgency, Unit: "SO7"}}, testPassword); err != nil {
		t.Fatal(err)
	}
	return s
}

// send makes one request with an optional bearer and form or JSON body.
func send(t *testing.T, s *Server, bearer, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Content-Type", "application/json")
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	return rec
}

func countRows(t *testing.T, s *Server, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.deps.Pool.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var workbookLink = regexp.MustCompile(`href="data:application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet;base64,([^"]+)" download="tai-khoan-don-vi\.xlsx"`)

// The bulk action makes exactly the missing accounts of the units in
// force; the page and its workbook hand out the same passwords, which sign
// in (and must be changed); a second run makes none.
func TestAdminUsers_BulkCreatesTheMissingUnitAccounts(t *testing.T) {
	s := accountsServer(t)
	ctx := context.Background()
	rec := send(t, s, mintSession(t, s, "admin"), "POST", "/admin/users/bulk", "")
	if rec.Code != 201 {
		t.Fatalf("bulk = %d %s", rec.Code, rec.Body)
	}
	page := rec.Body.String()
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("the passwords page may be cached: %q", rec.Header().Get("Cache-Control"))
	}
	// In force today: TINH (the province: staff), SO2 (so2), SO3, SO4,
	// SO5.KT and SO7 (nv.so7 works for it).
	want := []string{"so3", "so4", "so5.kt"}

	m := workbookLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no workbook link on the page:\n%s", page)
	}
	raw, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Tài khoản")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < unitAccountsFirstRow-1 || !slices.Equal(rows[unitAccountsFirstRow-2], []string{"STT", "Mã đơn vị", "Tên đơn vị", "Tên đăng nhập", "Mật khẩu lần đầu"}) {
		t.Fatalf("workbook rows %q", rows)
	}
	passwords := map[string]string{}
	var got []string
	for _, row := range rows[unitAccountsFirstRow-1:] {
		username, password := row[3], row[4]
		got = append(got, username)
		passwords[username] = password
		if !strings.Contains(page, "<code>"+username+"</code></td><td><code class=\"password\">"+password+"</code>") {
			t.Errorf("the page does not show %s with the workbook's password", username)
		}
		if len(password) < 12 || strings.ContainsAny(password, "0oO1lI") {
			t.Errorf("password %q of %s is short or ambiguous", password, username)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("bulk made %v, want %v", got, want)
	}
	for _, username := range want {
		sess, err := s.deps.Auth.Login(ctx, username, passwords[username], "192.0.2.9")
		if err != nil {
			t.Fatalf("sign in as %s with the handed-out password: %v", username, err)
		}
		if !sess.User.MustChangePassword || sess.User.Role != access.RoleAgency || sess.User.Unit != strings.ToUpper(username) {
			t.Errorf("%s = %+v, want an agency account of its unit that must change its password", username, sess.User)
		}
	}
	so3, _, err := postgres.UserByUsername(ctx, s.deps.Pool, "so3")
	if err != nil || so3.DisplayName != "Sở Ba" || so3.Email != "so3@example.gov.vn" {
		t.Errorf("so3 = %+v, %v: want the unit's name and e-mail", so3, err)
	}
	if n := countRows(t, s, `SELECT count(*) FROM users WHERE password_hash LIKE '%' || $1 || '%'`, passwords["so3"]); n != 0 {
		t.Error("a password is stored in clear")
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = 'user_created' AND actor = 'admin' AND details->>'bulk' = 'true'`); n != 3 {
		t.Errorf("%d bulk creations audited, want 3", n)
	}

	// A second run, through the API: nothing left to make.
	rec = send(t, s, mintSession(t, s, "admin"), "POST", "/api/v1/admin/users/bulk", "")
	if rec.Code != 201 || strings.TrimSpace(rec.Body.String()) != "[]" {
		t.Fatalf("second bulk = %d %s, want 201 []", rec.Code, rec.Body)
	}
	if n := countRows(t, s, "SELECT count(*) FROM users"); n != 8 {
		t.Errorf("%d accounts, want 8 (5 before, 3 made)", n)
	}
}

// The API's bulk answer holds passwords that sign in.
func TestAdminUsersAPI_Bulk(t *testing.T) {
	s := accountsServer(t)
	rec := send(t, s, mintSession(t, s, "admin"), "POST", "/api/v1/admin/users/bulk", "")
	var made []struct{ Username, Unit, Password string }
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &made) != nil || len(made) != 3 {
		t.Fatalf("bulk = %d %s", rec.Code, rec.Body)
	}
	for _, a := range made {
		if a.Unit != strings.ToUpper(a.Username) {
			t.Errorf("%+v: the username is not the unit's code in lower case", a)
		}
		if _, err := s.deps.Auth.Login(context.Background(), a.Username, a.Password, "192.0.2.9"); err != nil {
			t.Errorf("sign in as %s: %v", a.Username, err)
		}
	}
}

// signIn posts the sign-in form and returns the response and its session.
func signIn(t *testing.T, s *Server, username, password string) (*httptest.ResponseRecorder, string) {
	t.Helper()
	rec := send(t, s, "", "POST", "/login", url.Values{"username": {username}, "password": {password}, "next": {"/rounds"}}.Encode())
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			return rec, c.Value
		}
	}
	return rec, ""
}

// One account made by the administrator: bad input is refused naming the
// field; the first-time password signs in, but only to change it.
func TestAdminUsers_FirstSignInForcesAPasswordChange(t *testing.T) {
	s := accountsServer(t)
	admin := mintSession(t, s, "admin")
	for _, tt := range []struct{ body, field string }{
		{`{"username":"Nguyễn A","role":"staff"}`, "username"},
		{`{"username":"nva","role":"boss"}`, "role"},
		{`{"username":"nva","role":"agency"}`, "unit"},
		{`{"username":"nva","role":"agency","unit":"XX9"}`, "unit"},
		{`{"username":"nva","role":"staff","email":"không-có-a-còng"}`, "email"},
	} {
		rec := send(t, s, admin, "POST", "/api/v1/admin/users", tt.body)
		if rec.Code != 422 || detailField(apiErrorBody(t, rec.Body.String())) != tt.field {
			t.Errorf("%s = %d %s, want 422 naming %s", tt.body, rec.Code, rec.Body, tt.field)
		}
	}
	if rec := send(t, s, admin, "POST", "/api/v1/admin/users", `{"username":"so2","role":"staff"}`); rec.Code != 409 {
		t.Errorf("a taken username = %d, want 409", rec.Code)
	}
	rec := send(t, s, admin, "POST", "/api/v1/admin/users", `{"username":"nva","role":"staff","unit":"so2","name":"Nguyễn Văn A","email":"nva@example.gov.vn"}`)
	var made struct{ Username, Password string }
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &made) != nil || made.Username != "nva" || len(made.Password) < 12 {
		t.Fatalf("create = %d %s", rec.Code, rec.Body)
	}

	// Signed in: sent to change the password, and nothing else opens.
	rec, session := signIn(t, s, "nva", made.Password)
	if rec.Code != 303 || rec.Header().Get("Location") != "/account/password" || session == "" {
		t.Fatalf("sign in = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := send(t, s, session, "GET", "/rounds", ""); rec.Code != 303 || rec.Header().Get("Location") != "/account/password" {
		t.Errorf("GET /rounds before the change = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/rounds"} {
		rec := send(t, s, session, "GET", path, "")
		if rec.Code != 403 || apiErrorBody(t, rec.Body.String()).Code != "password_change_required" {
			t.Errorf("GET %s before the change = %d %s, want 403 password_change_required", path, rec.Code, rec.Body)
		}
	}
	if rec := send(t, s, session, "GET", "/account/password", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "do quản trị hệ thống cấp") {
		t.Errorf("password page = %d, want the notice", rec.Code)
	}
	const mine = "song-nuoc-mien-tay-2026"
	rec = send(t, s, session, "POST", "/account/password", url.Values{"current_password": {made.Password},
		"new_password": {mine}, "new_password_again": {mine}}.Encode())
	if rec.Code != 303 {
		t.Fatalf("change = %d %s", rec.Code, rec.Body)
	}
	var changed string
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			changed = c.Value
		}
	}
	if rec := send(t, s, changed, "GET", "/api/v1/me", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"unit":"SO2"`) {
		t.Errorf("GET /api/v1/me after the change = %d %s", rec.Code, rec.Body)
	}
	if _, err := s.deps.Auth.Login(context.Background(), "nva", made.Password, "192.0.2.9"); err == nil {
		t.Error("the first-time password still signs in after the change")
	}

	// The list shows when each account last signed in.
	rec = send(t, s, admin, "GET", "/api/v1/admin/users?q=nguy%E1%BB%85n", "")
	var list []map[string]any
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list) != 1 {
		t.Fatalf("search by name = %d %s", rec.Code, rec.Body)
	}
	if list[0]["username"] != "nva" || list[0]["name"] != "Nguyễn Văn A" || list[0]["role"] != "staff" || list[0]["unit"] != "SO2" ||
		list[0]["disabled"] != false || list[0]["last_sign_in"] == nil {
		t.Errorf("listed %v", list[0])
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = 'user_created' AND target = 'nva' AND actor = 'admin'`); n != 1 {
		t.Errorf("%d creations of nva audited, want 1", n)
	}
}

// apiToken makes an integration token for username.
func apiToken(t *testing.T, s *Server, username string) string {
	t.Helper()
	u, _, err := postgres.UserByUsername(context.Background(), s.deps.Pool, username)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := s.deps.Auth.CreateToken(context.Background(), u, "Phần mềm của đơn vị", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// A reset ends the account's sessions and tokens; the new password signs
// in and must be changed.
func TestAdminUsers_ResetEndsSessionsAndTokens(t *testing.T) {
	s := accountsServer(t)
	ctx := context.Background()
	session, token := mintSession(t, s, "so2"), apiToken(t, s, "so2")
	admin := mintSession(t, s, "admin")
	if rec := send(t, s, admin, "POST", "/api/v1/admin/users/khong-co/reset-password", ""); rec.Code != 404 {
		t.Errorf("reset of an unknown account = %d, want 404", rec.Code)
	}
	rec := send(t, s, admin, "POST", "/api/v1/admin/users/so2/reset-password", "")
	var body struct{ Password string }
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &body) != nil || len(body.Password) < 12 {
		t.Fatalf("reset = %d %s", rec.Code, rec.Body)
	}
	for name, bearer := range map[string]string{"session": session, "token": token} {
		if rec := send(t, s, bearer, "GET", "/api/v1/me", ""); rec.Code != 401 {
			t.Errorf("the old %s after the reset = %d, want 401", name, rec.Code)
		}
	}
	if _, err := s.deps.Auth.Login(ctx, "so2", testPassword, "192.0.2.9"); err == nil {
		t.Error("the old password still signs in")
	}
	sess, err := s.deps.Auth.Login(ctx, "so2", body.Password, "192.0.2.9")
	if err != nil || !sess.User.MustChangePassword {
		t.Fatalf("sign in with the reset password: %+v, %v", sess.User, err)
	}

	// The page does the same, showing the password once.
	rec = send(t, s, admin, "POST", "/admin/users/so2/reset-password", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<code class="password">`) {
		t.Fatalf("page reset = %d", rec.Code)
	}
	if rec := send(t, s, sess.Token, "GET", "/api/v1/me", ""); rec.Code != 401 {
		t.Errorf("the session after the second reset = %d, want 401", rec.Code)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = 'password_reset' AND target = 'so2' AND actor = 'admin'`); n != 2 {
		t.Errorf("%d resets audited, want 2", n)
	}
}

// Disabling ends the account's sessions and tokens at once; enabling lets
// the password sign in again.
func TestAdminUsers_DisableEndsSessionsAtOnce(t *testing.T) {
	s := accountsServer(t)
	ctx := context.Background()
	session, token := mintSession(t, s, "so2"), apiToken(t, s, "so2")
	admin := mintSession(t, s, "admin")
	rec := send(t, s, admin, "POST", "/api/v1/admin/users/so2/disable", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"disabled":true`) {
		t.Fatalf("disable = %d %s", rec.Code, rec.Body)
	}
	for name, bearer := range map[string]string{"session": session, "token": token} {
		if rec := send(t, s, bearer, "GET", "/api/v1/me", ""); rec.Code != 401 {
			t.Errorf("the %s after disabling = %d, want 401", name, rec.Code)
		}
	}
	if _, err := s.deps.Auth.Login(ctx, "so2", testPassword, "192.0.2.9"); err == nil {
		t.Error("a disabled account signs in")
	}
	rec = send(t, s, admin, "GET", "/api/v1/admin/users?disabled=1", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"username":"so2"`) || strings.Contains(rec.Body.String(), `"username":"admin"`) {
		t.Errorf("disabled accounts = %d %s", rec.Code, rec.Body)
	}
	// The page enables it again.
	rec = send(t, s, admin, "POST", "/admin/users/so2/enable", "")
	if rec.Code != 303 || rec.Header().Get("Location") != "/admin/users/so2?done=enabled" {
		t.Fatalf("page enable = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if _, err := s.deps.Auth.Login(ctx, "so2", testPassword, "192.0.2.9"); err != nil {
		t.Errorf("sign in after enabling: %v", err)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action IN ('user_disabled', 'user_enabled') AND target = 'so2' AND actor = 'admin'`); n != 2 {
		t.Errorf("%d changes audited, want 2", n)
	}
	// The administrator cannot lock themselves out.
	if rec := send(t, s, admin, "POST", "/api/v1/admin/users/admin/disable", ""); rec.Code != 422 || detailField(apiErrorBody(t, rec.Body.String())) != "name" {
		t.Errorf("disable oneself = %d %s, want 422 naming name", rec.Code, rec.Body)
	}
	if rec := send(t, s, admin, "PATCH", "/api/v1/admin/users/admin", `{"role":"staff"}`); rec.Code != 422 || detailField(apiErrorBody(t, rec.Body.String())) != "role" {
		t.Errorf("demote oneself = %d %s, want 422 naming role", rec.Code, rec.Body)
	}
}

// Role and unit change through the API and the page; the list filters.
func TestAdminUsers_ChangeRoleAndUnitAndFilter(t *testing.T) {
	s := accountsServer(t)
	admin := mintSession(t, s, "admin")
	if rec := send(t, s, admin, "PATCH", "/api/v1/admin/users/so2", `{"role":"agency","unit":""}`); rec.Code != 422 ||
		detailField(apiErrorBody(t, rec.Body.String())) != "unit" {
		t.Errorf("agency without a unit = %d %s", rec.Code, rec.Body)
	}
	rec := send(t, s, admin, "PATCH", "/api/v1/admin/users/so2", `{"role":"agency","unit":"so3"}`)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"unit":"SO3"`) {
		t.Fatalf("change unit = %d %s", rec.Code, rec.Body)
	}
	rec = send(t, s, admin, "POST", "/admin/users/so2", "role=staff&unit=SO2")
	if rec.Code != 303 {
		t.Fatalf("page change = %d %s", rec.Code, rec.Body)
	}
	rec = send(t, s, admin, "GET", "/api/v1/admin/users?role=staff&unit=SO2", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"username":"so2"`) || strings.Contains(rec.Body.String(), `"username":"staff"`) {
		t.Errorf("staff of SO2 = %d %s", rec.Code, rec.Body)
	}
	rec = send(t, s, admin, "GET", "/admin/users?q=so&role=agency", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), ">nv.so7<") || strings.Contains(rec.Body.String(), ">so2<") {
		t.Errorf("page filter = %d", rec.Code)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = 'user_updated' AND target = 'so2'`); n != 2 {
		t.Errorf("%d changes audited, want 2", n)
	}
	if rec := send(t, s, admin, "GET", "/admin/users/so2", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Đặt lại mật khẩu") {
		t.Errorf("account page = %d", rec.Code)
	}
	if rec := send(t, s, admin, "POST", "/admin/users", "username=nvb&role=agency"); rec.Code != 422 ||
		!strings.Contains(rec.Body.String(), "phải gắn với một đơn vị") {
		t.Errorf("page create without a unit = %d", rec.Code)
	}
}

// Only the administrator reaches the account routes (TestRoutes_AccessControl
// walks them too); staff and agencies get 403 and change nothing.
func TestAdminUsers_OthersAreRefused(t *testing.T) {
	s := accountsServer(t)
	before := countRows(t, s, "SELECT count(*) FROM audit_log")
	for _, rt := range s.table {
		if !strings.Contains(rt.pattern, "/admin/users") {
			continue
		}
		method, path := requestFor(rt.pattern)
		path = strings.Replace(path, "nobody", "so2", 1)
		for _, who := range []string{"staff", "so2", "huyen1"} {
			if rec := send(t, s, mintSession(t, s, who), method, path, ""); rec.Code != http.StatusForbidden {
				t.Errorf("%s %s as %s = %d, want 403", method, path, who, rec.Code)
			}
		}
	}
	if after := countRows(t, s, "SELECT count(*) FROM audit_log"); after != before {
		t.Errorf("refused requests wrote %d audit rows", after-before)
	}
}
