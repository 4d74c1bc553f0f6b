package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
)

// visibleText is the page's text without its tags, spaces folded.
func visibleText(page string) string {
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")), " ")
}

// inOrder fails t unless page holds each of want, in that order.
func inOrder(t *testing.T, what, page string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(page[at:], w)
		if i < 0 {
			t.Errorf("%s: %q missing, or not after %q", what, w, page[max(0, at-40):at])
			return
		}
		at += i + len(w)
	}
}

// Both departments submit, Sở Một first: the dashboard lists what waits
// for review before anything else, longest waiting first; its table of
// all units, like the rounds list, runs by group of kind, then by name
// ("Sở Hai" before "Sở Một", whatever their codes).
func TestDashboard_WaitingFirstAndUnitsByKindAndName(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "so1", Role: access.RoleAgency, Unit: "SO1"}},
		testPassword); err != nil {
		t.Fatal(err)
	}
	api := apiClient{t, s}
	now := time.Now()
	clockAt(s, &now)
	for _, unit := range []string{"SO1", "SO2"} {
		path := "/api/v1/rounds/NAM-2024/submissions/" + unit
		if code, _, raw := api.do(strings.ToLower(unit), "PUT", path, body(completeSO2, 0)); code != 200 {
			t.Fatalf("%s save = %d %s", unit, code, raw)
		}
		if code, _, raw := api.do(strings.ToLower(unit), "POST", path+"/submit", ""); code != 200 {
			t.Fatalf("%s submit = %d %s", unit, code, raw)
		}
		now = now.Add(time.Hour)
	}
	page := visibleText(doAs(t, s, "staff", "GET", "/rounds/NAM-2024/progress").Body.String())
	inOrder(t, "dashboard", page,
		"Chờ xem xét (2)", "Sở Một", "Xem xét", "Sở Hai", "Xem xét", // longest waiting first
		"đơn vị đã nộp", // the figures come after
		"Tất cả đơn vị", "Sở, ban, ngành, đoàn thể cấp tỉnh (2)", "Sở Hai", "Sở Một",
		"Huyện, thị xã, thành phố (1)", "Ủy ban nhân dân huyện Một")
	// Searching the list of all units, without diacritics.
	found := visibleText(doAs(t, s, "staff", "GET", "/rounds/NAM-2024/progress?q=so+mot").Body.String())
	inOrder(t, "searched dashboard", found, "Tất cả đơn vị", "1 trong 3 đơn vị khớp «so mot»", "Sở Một")
	if all := found[strings.Index(found, "Tất cả đơn vị"):]; strings.Contains(all, "Sở Hai") {
		t.Errorf("the search for «so mot» lists Sở Hai: %s", all)
	}
	rounds := visibleText(doAs(t, s, "staff", "GET", "/rounds").Body.String())
	inOrder(t, "rounds list", rounds, "Sở, ban, ngành, đoàn thể cấp tỉnh (2)", "Sở Hai (SO2)", "Sở Một (SO1)",
		"Huyện, thị xã, thành phố (1)", "Ủy ban nhân dân huyện Một (HUYEN1)")
	// An agency sees its own row, without a group heading.
	if own := visibleText(doAs(t, s, "so2", "GET", "/rounds").Body.String()); strings.Contains(own, "Sở, ban, ngành") || !strings.Contains(own, "Sở Hai (SO2)") {
		t.Errorf("agency's rounds list: %s", own)
	}
	// The review link leads to the review box.
	if raw := doAs(t, s, "staff", "GET", "/rounds/NAM-2024/progress").Body.String(); !strings.Contains(raw, `href="/rounds/NAM-2024/submissions/SO1#xem-xet"`) {
		t.Error("the waiting report does not link to its review box")
	}
}

// A refused form of the dashboard shows the dashboard again, with the
// message next to the field and what was typed.
func TestDashboard_RefusedFormsShowThePageAgain(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	path := "/rounds/NAM-2024"
	due := dueAt(t, s).In(vnTime)
	for _, c := range []struct {
		name, action string
		form         url.Values
		status       int
		want         []string
	}{
		{"extension without a reason", "/deadline", url.Values{"unit": {"SO2"}, "due_at": {due.Add(48 * time.Hour).Format("2006-01-02T15:04")}, "reason": {"  "}}, 422,
			[]string{`<details class="card" id="gia-han" open>`, `<option value="SO2" selected>Sở Hai</option>`,
				`value="` + due.Add(48*time.Hour).Format("2006-01-02T15:04") + `"`,
				`<p class="field-error" id="ext-reason-error" role="alert">Hãy ghi lý do gia hạn`}},
		{"extension not later", "/deadline", url.Values{"due_at": {due.Add(-time.Hour).Format("2006-01-02T15:04")}, "reason": {"Lũ lụt"}}, 422,
			[]string{`value="Lũ lụt"`, `<p class="field-error" id="ext-due-error" role="alert">Hạn mới phải sau hạn hiện tại`, `aria-invalid="true"`}},
		{"extension without a date", "/deadline", url.Values{"due_at": {""}, "reason": {"Lũ lụt"}}, 422,
			[]string{`value="Lũ lụt"`, `id="ext-due-error" role="alert">Hãy chọn ngày và giờ của hạn mới.`}},
		{"extension for a unit not in the round", "/deadline", url.Values{"unit": {"XYZ"}, "due_at": {due.Add(48 * time.Hour).Format("2006-01-02T15:04")}, "reason": {"Lũ"}}, 422,
			[]string{`id="ext-unit-error" role="alert">Đơn vị này không phải báo cáo trong kỳ.`}},
		{"closing without a reason", "/close", url.Values{"reason": {""}}, 422,
			[]string{`<details class="card" id="khoa-ky" open>`, `id="close-reason-error" role="alert">Hãy ghi lý do khóa kỳ báo cáo`}},
	} {
		rec := postForm(t, s, "staff", path+c.action, c.form)
		page := rec.Body.String()
		if rec.Code != c.status || !strings.Contains(page, "<h1>Báo cáo năm 2024</h1>") {
			t.Errorf("%s: %d, want %d on the dashboard", c.name, rec.Code, c.status)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %s", c.name, w)
			}
		}
	}
	// A reminder again within the hour: the dashboard says so by its button.
	if rec := postForm(t, s, "staff", path+"/remind", nil); rec.Code != 303 {
		t.Fatalf("remind = %d", rec.Code)
	}
	rec := postForm(t, s, "staff", path+"/remind", nil)
	if page := rec.Body.String(); rec.Code != 429 || !strings.Contains(page, "<h1>Báo cáo năm 2024</h1>") ||
		!regexp.MustCompile(`(?s)id="nhac-nho".*</form>\s*<p class="error" role="alert">Đã gửi nhắc nhở cho kỳ này trong vòng một giờ qua`).MatchString(page) {
		t.Errorf("a second reminder = %d; want the dashboard with the message by the button", rec.Code)
	}
	// Nothing refused was saved.
	var n int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action IN ('deadline_extended', 'round_closed')").Scan(&n)
	if n != 0 {
		t.Errorf("%d refused changes were recorded", n)
	}
}
