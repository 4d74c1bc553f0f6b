package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalog"
)

// Staff extend one unit's deadline: the unit is told why, it is not
// marked overdue at the round's deadline, its submission before its own
// deadline is on time, and progress and the consolidation carry the
// extension and its reason.
func TestDeadline_ExtendOneUnit(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	due := dueAt(t, s)
	now := due.Add(-2 * time.Hour)
	clockAt(s, &now)
	path := "/api/v1/rounds/NAM-2024/deadline"
	// At midnight three days on, as deadlines are set.
	l := due.In(catalog.Vietnam)
	newDue := time.Date(l.Year(), l.Month(), l.Day()+3, 0, 0, 0, 0, catalog.Vietnam)
	body := func(unit, reason string, at time.Time) string {
		return fmt.Sprintf(`{"unit":%q,"reason":%q,"due_at":%q}`, unit, reason, at.Format(time.RFC3339))
	}
	for _, tt := range []struct {
		user, body string
		code       int
		field      string
	}{
		{"so2", body("SO2", "Mất điện", newDue), 403, ""},
		{"staff", body("SO2", " ", newDue), 422, `"field":"reason"`},
		{"staff", body("SO2", "Mất điện", due.Add(-time.Hour)), 422, `"field":"due_at"`},
		{"staff", body("NOWHERE", "Mất điện", newDue), 422, `"field":"unit"`},
	} {
		if code, _, raw := api.do(tt.user, "POST", path, tt.body); code != tt.code || !strings.Contains(raw, tt.field) {
			t.Errorf("%s %s = %d %s, want %d %s", tt.user, tt.body, code, raw, tt.code, tt.field)
		}
	}
	reason := "Xã bị ngập lụt, mất điện kéo dài"
	if code, _, raw := api.do("staff", "POST", path, body("so2", reason, newDue)); code != 200 {
		t.Fatalf("extend = %d %s", code, raw)
	}
	// A day after the round's deadline: the others are overdue, SO2 is not.
	now = due.Add(25 * time.Hour)
	if err := s.deps.Rounds.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	lines, bodies := outbox(t, api)
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "deadline_extended SO2: Gia hạn nộp báo cáo") || strings.Contains(joined, "overdue SO2") ||
		!strings.Contains(joined, "overdue SO1") || !strings.Contains(joined, "overdue HUYEN1") {
		t.Fatalf("outbox:\n%s", joined)
	}
	if !strings.Contains(bodies["SO2"][0], reason) {
		t.Errorf("the extension notice does not say why:\n%s", bodies["SO2"][0])
	}
	// Deadlines in notices read as their last full day.
	if want := "gia hạn đến hết ngày " + catalog.LastDay(newDue).Format("02/01/2006") + " (hạn trước: " +
		catalog.DeadlineText(due) + ")"; !strings.Contains(bodies["SO2"][0], want) {
		t.Errorf("the extension notice lacks %q:\n%s", want, bodies["SO2"][0])
	}
	api.do("so2", "PUT", subPath, body0())
	if code, got, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 || got["on_time"] != true {
		t.Fatalf("submit within the extension = %d %s, want on time", code, raw)
	}
	_, got, _ := api.do("staff", "GET", "/api/v1/rounds/NAM-2024/progress", "")
	for _, u := range got["units"].([]any) {
		if m := u.(map[string]any); m["unit"] == "SO2" && (m["due_reason"] != reason || m["due_at"] == nil || m["standing"] != "on_time") {
			t.Errorf("SO2 in progress: %v", m)
		}
	}
	snap, _, err := s.deps.Reports.Consolidate(context.Background(), "NAM-2024", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range snap.Completeness.Units {
		if u.Unit == "SO2" && (u.DueAt == nil || !u.DueAt.Equal(newDue) || u.DueReason != reason || u.OnTime == nil || !*u.OnTime) {
			t.Errorf("SO2 in the snapshot: %+v", u)
		}
	}
	var recorded int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM deadline_extensions WHERE unit_code = 'SO2' AND reason = $1", reason).Scan(&recorded)
	var audited int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'deadline_extended'").Scan(&audited)
	if recorded != 1 || audited != 1 {
		t.Fatalf("extension recorded %d times, audited %d", recorded, audited)
	}
}

// body0 is SO2's complete form at revision 0.
func body0() string { return body(completeSO2, 0) }

// Staff close a round early with a reason: it locks, the units that owe a
// report are told why, nothing more is saved; closing again is refused.
func TestRound_CloseEarly(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	path := "/api/v1/rounds/NAM-2024/close"
	if code, _, raw := api.do("staff", "POST", path, `{"reason":""}`); code != 422 || !strings.Contains(raw, `"field":"reason"`) {
		t.Fatalf("close without a reason = %d %s", code, raw)
	}
	if code, _, _ := api.do("so2", "POST", path, `{"reason":"x"}`); code != 403 {
		t.Fatalf("an agency closes: %d", code)
	}
	reason := "Tỉnh cần số liệu sớm để họp Ban Chỉ đạo"
	if code, got, raw := api.do("staff", "POST", path, fmt.Sprintf(`{"reason":%q}`, reason)); code != 200 || got["status"] != "locked" {
		t.Fatalf("close = %d %s", code, raw)
	}
	if code, _, raw := api.do("so2", "PUT", subPath, body0()); code != 423 {
		t.Fatalf("PUT in a closed round = %d %s, want 423", code, raw)
	}
	if code, _, _ := api.do("staff", "POST", path, `{"reason":"again"}`); code != 423 {
		t.Fatalf("closing a locked round: %d, want 423", code)
	}
	lines, bodies := outbox(t, api)
	if len(lines) != 3 || !strings.Contains(bodies["SO2"][0], reason) {
		t.Fatalf("notices %v; SO2's: %v", lines, bodies["SO2"])
	}
	var audited int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'round_closed'").Scan(&audited)
	if audited != 1 {
		t.Fatalf("closing audited %d times", audited)
	}
	// Reopened for one unit: extending its own deadline in the locked
	// round lets that unit, and no other, report until then.
	later := dueAt(t, s).Add(96 * time.Hour).Format(time.RFC3339)
	if code, _, raw := api.do("staff", "POST", "/api/v1/rounds/NAM-2024/deadline",
		fmt.Sprintf(`{"reason":"cả kỳ","due_at":%q}`, later)); code != 423 {
		t.Fatalf("extending a locked round for everyone = %d %s, want 423", code, raw)
	}
	if code, _, raw := api.do("staff", "POST", "/api/v1/rounds/NAM-2024/deadline",
		fmt.Sprintf(`{"unit":"SO2","reason":"Bổ sung số liệu bị thiếu","due_at":%q}`, later)); code != 200 {
		t.Fatalf("reopening for SO2 = %d %s", code, raw)
	}
	if code, _, raw := api.do("so2", "PUT", subPath, body0()); code != 200 {
		t.Fatalf("SO2 in the round reopened for it = %d %s", code, raw)
	}
	if code, _, raw := api.do("huyen1", "PUT", "/api/v1/rounds/NAM-2024/submissions/HUYEN1", `{"revision":0,"values":[]}`); code != 423 {
		t.Fatalf("another unit in the locked round = %d %s, want 423", code, raw)
	}
}

// Pages write a deadline as its last full day, and tell an agency, as
// they tell staff, how many days it has left or is overdue.
func TestDeadline_PagesReadAsLastDay(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	due := openRoundDueAt(t, s)
	now := due.Add(-36 * time.Hour)
	clockAt(s, &now)
	page := func(user, path string, want ...string) {
		t.Helper()
		rec := doAs(t, s, user, "GET", path)
		if rec.Code != 200 {
			t.Fatalf("%s %s = %d", user, path, rec.Code)
		}
		text := visibleText(rec.Body.String())
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s lacks %q:\n%s", user, path, w, text)
			}
		}
		if strings.Contains(text, "00:00 10/11/2024") || strings.Contains(text, "00:00 ngày 10/11/2024") {
			t.Errorf("%s %s writes the deadline as the start of the 10th", user, path)
		}
	}
	page("so2", "/rounds", "Hạn nộp: hết ngày 09/11/2024 · Đang mở", "Chưa nhập còn 2 ngày")
	page("so2", "/rounds/NAM-2024/submissions/SO2", "Hạn nộp: hết ngày 09/11/2024 · còn 2 ngày")
	now = due.Add(-time.Hour)
	page("so2", "/rounds/NAM-2024/submissions/SO2", "Hạn nộp: hết ngày 09/11/2024 · hôm nay là ngày cuối")

	// Nine days on, the agency sees it is overdue, as staff do.
	now = due.Add(9*24*time.Hour + time.Hour)
	page("so2", "/rounds", "Hạn nộp: hết ngày 09/11/2024 · Đã hết hạn nộp, vẫn nhận báo cáo nộp muộn", "đã quá hạn 9 ngày")
	page("so2", "/rounds/NAM-2024/submissions/SO2", "Hạn nộp: hết ngày 09/11/2024 · đã quá hạn 9 ngày")
	page("staff", "/rounds/NAM-2024/progress", "Hạn nộp hết ngày 09/11/2024")
	page("staff", "/rounds/NAM-2024/reports", "Hạn nộp hết ngày 09/11/2024")
}
