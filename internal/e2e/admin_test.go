package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
)

// The administrator's journey (issue #18): a province is run from the
// browser, with no shell on the server. The admin loads a catalog (a
// broken one first), which brings a new commune; makes the accounts of
// the units that have none in one step and hands out the first-time
// passwords; the new commune signs in and must choose its own password;
// the admin resets it, and disables another unit, whose session and API
// token stop working at once.
const (
	adminUser = "admin"
	// newUnit is the commune the uploaded catalog adds.
	newUnit     = "XA.THUNGHIEM"
	newUnitName = "Ủy ban nhân dân xã Thử Nghiệm"
	newUser     = "xa.thunghiem"
	// ownPassword is the one the new commune chooses.
	ownPassword = "sen-hong-nở-tháng-chạp"
)

func TestJourney_AdministratorRunsTheProvince(t *testing.T) {
	artifacts := artifactsDir(t, "admin")
	sys := startSystem(t, artifacts)
	j := &journey{t: t, tab: startTab(t, sys.URL), sys: sys, artifacts: artifacts}
	tb := j.tab

	// Kiên Lương's agency has a browser session and an API token open
	// before the administrator disables the account.
	kienLuong := signInAPI(t, sys, agencyUser, sys.Password)
	kienLuongToken := makeToken(t, sys, kienLuong, sys.Password)

	j.step("admin-signs-in", func(t *testing.T) {
		j.signIn(t, adminUser, "Quản trị hệ thống")
	})

	broken := anGiangCatalog(t, func(file, text string) string {
		if file == catalog.FileUnits {
			return strings.Replace(text, "    kind: commune\n", "    kind: hamlet\n", 1)
		}
		return text
	})
	j.step("admin-uploads-broken-catalog", func(t *testing.T) {
		j.follow(t, `nav.user a[href="/admin/catalog"]`, "/admin/catalog")
		// The CLI's answer for the same folder: `baocao catalog check
		// an-giang-2025`, run in the folder above it, prints the problems
		// catalog.LoadDir finds, one per line, each file named by the path
		// it was given.
		_, err := catalog.LoadDir(broken)
		var problems catalog.Problems
		if !errors.As(err, &problems) || len(problems) == 0 {
			t.Fatalf("the broken copy loads: %v", err)
		}
		tb.expectLogError("status of 422")
		status, at := j.uploadCatalog(t, zipFolder(t, broken))
		if status != 422 || at != "/admin/catalog" {
			t.Fatalf("a broken catalog answered %d at %s, want 422 on the catalog page", status, at)
		}
		shown := strings.Split(strings.TrimSpace(eval[string](t, tb, `document.querySelector("pre.problems").textContent`)), "\n")
		cli := strings.ReplaceAll(problems.Error(), filepath.Dir(broken)+string(filepath.Separator), "")
		if page := strings.Join(shown, "\n"); page != cli {
			t.Errorf("the page lists\n%s\nthe CLI prints\n%s", page, cli)
		}
		if !strings.Contains(shown[0], "units.yaml:") {
			t.Errorf("the first problem does not name units.yaml with its line: %q", shown[0])
		}
	})

	valid := anGiangCatalog(t, func(file, text string) string {
		if file == catalog.FileUnits {
			return text + "\n  - code: " + newUnit + "\n    name: " + newUnitName + "\n    short: Xã Thử Nghiệm\n" +
				"    kind: commune\n    parent: AG\n    valid_from: \"2026-01-01\"\n"
		}
		return text
	})
	j.step("admin-previews-valid-catalog", func(t *testing.T) {
		if _, err := catalog.LoadDir(valid); err != nil {
			t.Fatalf("the valid copy does not load: %v", err)
		}
		status, at := j.uploadCatalog(t, zipFolder(t, valid))
		if status != 200 || !strings.HasPrefix(at, "/admin/catalog/") {
			t.Fatalf("a valid catalog answered %d at %s, want its preview", status, at)
		}
		started := eval[string](t, tb, `(() => {
	const h = [...document.querySelectorAll("main h3")].find(h => h.textContent.trim() === "Đơn vị bắt đầu");
	return h ? h.nextElementSibling.innerText.replace(/\s+/g, " ") : "no table of units that start";
})()`)
		if !strings.Contains(started, newUnit) || !strings.Contains(started, newUnitName) || !strings.Contains(started, "01/01/2026") {
			t.Errorf("units that start: %q, want %s (%s) from 01/01/2026", started, newUnit, newUnitName)
		}
		if eval[int](t, tb, `document.querySelectorAll("main p.notice").length`) != 0 {
			t.Error("an uploaded catalog is shown as the current version before it is activated")
		}
	})

	j.step("admin-activates-catalog", func(t *testing.T) {
		status, at := tb.load(t, "activate", chromedp.Click(chromedp.CSS(`form[action$="/activate"] button[type="submit"]`)))
		if status != 200 || !strings.HasPrefix(at, "/admin/catalog/") {
			t.Fatalf("activate answered %d at %s", status, at)
		}
		if got := tb.text(t, "main p.ok"); !strings.Contains(got, "Đã áp dụng phiên bản") {
			t.Errorf("after activating: %q", got)
		}
		j.follow(t, `nav.user a[href="/admin/catalog"]`, "/admin/catalog")
		current := eval[string](t, tb, `(() => {
	const row = [...document.querySelectorAll("table.list tbody tr")].find(tr => tr.cells[3].textContent.includes("Hiện hành"));
	return row ? row.cells[0].textContent : "";
})()`)
		if want := strings.TrimSuffix(strings.TrimPrefix(at, "/admin/catalog/"), "?activated=1"); strings.TrimSpace(current) != want {
			t.Errorf("current version in the list: %q, want %s", current, want)
		}
	})

	var firstPassword string
	j.step("admin-creates-unit-accounts", func(t *testing.T) {
		j.follow(t, `nav.user a[href="/admin/users"]`, "/admin/users")
		status, at := tb.load(t, "create the units' accounts", chromedp.Click(chromedp.CSS(`form[action="/admin/users/bulk"] button[type="submit"]`)))
		if status != 201 || at != "/admin/users/bulk" {
			t.Fatalf("bulk creation answered %d at %s", status, at)
		}
		rows := eval[[][]string](t, tb, `[...document.querySelectorAll("table.list tbody tr")].map(tr => [...tr.cells].map(td => td.textContent.trim()))`)
		if len(rows) != 1 || len(rows[0]) != 5 || rows[0][1] != newUnit || rows[0][2] != newUnitName || rows[0][3] != newUser {
			t.Fatalf("accounts made: %q, want the new commune's alone", rows)
		}
		firstPassword = rows[0][4]
		if len(firstPassword) < 10 {
			t.Fatalf("first-time password %q", firstPassword)
		}

		name, data := tb.download(t, "download the passwords", chromedp.Click(chromedp.CSS(`a[download$=".xlsx"]`)))
		path := j.keep(t, name, data)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s does not open as a workbook: %v", path, err)
		}
		defer f.Close()
		rowsX, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rowsX {
			if strings.Contains(strings.Join(r, "|"), newUser) {
				found = strings.Contains(strings.Join(r, "|"), firstPassword)
			}
		}
		if !found {
			t.Errorf("the workbook has no row with %s and its password: %q", newUser, rowsX)
		}

	})

	j.step("admin-finds-new-account", func(t *testing.T) {
		// Shown once: the list of accounts does not hold the password.
		tb.open(t, "/admin/users?q="+newUser)
		if html := eval[string](t, tb, `document.body.innerHTML`); strings.Contains(html, firstPassword) {
			t.Error("the list of accounts shows the first-time password")
		}
		if got := tb.text(t, "table.list tbody"); !strings.Contains(got, "chờ đổi mật khẩu") || !strings.Contains(got, "chưa đăng nhập") {
			t.Errorf("the new account in the list: %q", got)
		}
	})

	j.step("new-unit-must-change-password", func(t *testing.T) {
		j.signOut(t)
		status, at := j.signInAs(t, newUser, firstPassword)
		if status != 200 || at != "/account/password" {
			t.Fatalf("the first sign-in landed at %s (%d), want the change-password page", at, status)
		}
		if got := tb.text(t, `main p.notice[role="alert"]`); !strings.Contains(got, "do quản trị hệ thống cấp") {
			t.Errorf("forced change notice: %q", got)
		}
		// Every other page sends the user back here.
		if status, at := tb.load(t, "open the rounds", chromedp.Navigate(sys.URL+"/rounds")); status != 200 || at != "/account/password" {
			t.Errorf("/rounds before changing the password answered %d at %s", status, at)
		}
		own := ownPassword
		tb.do(t, "fill the change form",
			chromedp.SendKeys(chromedp.ID("current_password"), firstPassword),
			chromedp.SendKeys(chromedp.ID("new_password"), own),
			chromedp.SendKeys(chromedp.ID("new_password_again"), own))
		status, at = tb.load(t, "change the password", chromedp.Click(chromedp.CSS(`form[action="/account/password"] button[type="submit"]`)))
		if status != 200 || !strings.HasPrefix(at, "/account/password") {
			t.Fatalf("changing the password answered %d at %s", status, at)
		}
		j.follow(t, `nav.user a[href="/rounds"]`, "/rounds")
		if got := tb.text(t, "nav.user .who"); !strings.Contains(got, newUnitName) {
			t.Errorf("signed in as %q", got)
		}
	})

	var resetPassword string
	j.step("admin-resets-password", func(t *testing.T) {
		j.signOut(t)
		j.signIn(t, adminUser, "Quản trị hệ thống")
		tb.open(t, "/admin/users/"+newUser)
		status, at := tb.load(t, "reset", chromedp.Click(chromedp.CSS(`form[action$="/reset-password"] button[type="submit"]`)))
		if status != 200 || at != "/admin/users/"+newUser+"/reset-password" {
			t.Fatalf("reset answered %d at %s", status, at)
		}
		resetPassword = tb.text(t, "table.list tbody code.password")
		if resetPassword == "" || resetPassword == firstPassword {
			t.Fatalf("reset gave %q", resetPassword)
		}
		// The old password no longer opens the account; the new one does,
		// for changing it alone.
		if code, _ := apiLogin(t, sys, newUser, ownPassword); code != http.StatusUnauthorized {
			t.Errorf("the replaced password signs in: %d", code)
		}
		code, token := apiLogin(t, sys, newUser, resetPassword)
		if code != 200 {
			t.Fatalf("the reset password does not sign in: %d", code)
		}
		if code, body := apiGet(t, sys, token, "/api/v1/rounds"); code != http.StatusForbidden || !strings.Contains(body, "password_change_required") {
			t.Errorf("before changing the reset password the API answers %d %s", code, body)
		}
	})

	j.step("admin-disables-another-unit", func(t *testing.T) {
		for _, tok := range []string{kienLuong, kienLuongToken} {
			if code, _ := apiGet(t, sys, tok, "/api/v1/me"); code != 200 {
				t.Fatalf("Kiên Lương's credentials do not work before it is disabled: %d", code)
			}
		}
		tb.open(t, "/admin/users/"+agencyUser)
		status, at := tb.load(t, "disable", chromedp.Click(chromedp.CSS(`form[action$="/disable"] button[type="submit"]`)))
		if status != 200 || !strings.HasPrefix(at, "/admin/users/"+agencyUser) {
			t.Fatalf("disable answered %d at %s", status, at)
		}
		if got := tb.text(t, "main p.ok"); !strings.Contains(got, "Đã khóa tài khoản") {
			t.Errorf("after disabling: %q", got)
		}
		for name, tok := range map[string]string{"session": kienLuong, "API token": kienLuongToken} {
			if code, _ := apiGet(t, sys, tok, "/api/v1/me"); code != http.StatusUnauthorized {
				t.Errorf("the disabled unit's %s answers %d, want 401", name, code)
			}
		}
		if code, _ := apiLogin(t, sys, agencyUser, sys.Password); code != http.StatusUnauthorized {
			t.Errorf("the disabled unit signs in: %d", code)
		}
		tb.open(t, "/admin/users?disabled=1")
		if got := tb.text(t, "table.list tbody"); !strings.Contains(got, agencyUser) {
			t.Errorf("disabled accounts: %q", got)
		}
	})

	j.step("admin-sees-audit", func(t *testing.T) {
		j.follow(t, `nav.user a[href="/admin/audit"]`, "/admin/audit")
		text := tb.text(t, "main")
		for _, want := range []string{newUser, agencyUser} {
			if !strings.Contains(text, want) {
				t.Errorf("the audit log does not name %s", want)
			}
		}
	})
}

// uploadCatalog chooses data as the catalog page's file and sends it.
func (j *journey) uploadCatalog(t *testing.T, data []byte) (int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "an-giang-2025.zip")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	j.tab.do(t, "choose the ZIP", chromedp.SetUploadFiles(chromedp.CSS(`form[action="/admin/catalog"] input[type="file"]`), []string{path}))
	return j.tab.load(t, "upload the ZIP", chromedp.Click(chromedp.CSS(`form[action="/admin/catalog"] button[type="submit"]`)))
}

// signOut uses the header's button and expects the sign-in page.
func (j *journey) signOut(t *testing.T) {
	t.Helper()
	if status, at := j.tab.load(t, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))); status != 200 || at != "/login" {
		t.Fatalf("sign out answered %d at %s", status, at)
	}
}

// signInAs fills the sign-in form and returns where it landed.
func (j *journey) signInAs(t *testing.T, user, password string) (int, string) {
	t.Helper()
	j.tab.do(t, "fill the sign-in form",
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), password))
	return j.tab.load(t, "sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
}

// anGiangCatalog copies the shipped An Giang catalog into a folder named
// an-giang-2025 with edit applied to each file's text.
func anGiangCatalog(t *testing.T, edit func(file, text string) string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "an-giang-2025")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range catalog.Files {
		data, err := os.ReadFile(filepath.Join(root, "templates", "catalog", "an-giang-2025", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(edit(name, string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// zipFolder packs dir as zipping the folder does: every file under the
// folder's name.
func zipFolder(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range catalog.Files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(filepath.Base(dir) + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// apiLogin signs in through the API and returns the status and the
// session token.
func apiLogin(t *testing.T, sys system, user, password string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": user, "password": password})
	code, answer := apiCall(t, sys, "", "POST", "/api/v1/login", body)
	var out struct {
		Token string `json:"token"`
	}
	if code == 200 {
		if err := json.Unmarshal([]byte(answer), &out); err != nil {
			t.Fatalf("login answer %s: %v", answer, err)
		}
	}
	return code, out.Token
}

func signInAPI(t *testing.T, sys system, user, password string) string {
	t.Helper()
	code, token := apiLogin(t, sys, user, password)
	if code != 200 {
		t.Fatalf("API sign-in as %s: %d", user, code)
	}
	return token
}

// makeToken makes a long-lived API token with a session.
func makeToken(t *testing.T, sys system, session, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"name": "máy chủ của đơn vị", "password": password})
	code, answer := apiCall(t, sys, session, "POST", "/api/v1/tokens", body)
	var out struct {
		Token string `json:"token"`
	}
	if code != http.StatusCreated || json.Unmarshal([]byte(answer), &out) != nil || out.Token == "" {
		t.Fatalf("make a token: %d %s", code, answer)
	}
	return out.Token
}

func apiGet(t *testing.T, sys system, token, path string) (int, string) {
	t.Helper()
	return apiCall(t, sys, token, "GET", path, nil)
}

func apiCall(t *testing.T, sys system, token, method, path string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, sys.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}
