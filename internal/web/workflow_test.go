package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/submission/submissiontest"
)

// clockAt drives the intake's and the calendar's clocks from *now.
func clockAt(s *Server, now *time.Time) {
	s.deps.Intake.Now = func() time.Time { return *now }
	s.deps.Rounds.Now = func() time.Time { return *now }
}

// dueAt is NAM-2024's deadline as stored.
func dueAt(t *testing.T, s *Server) time.Time {
	t.Helper()
	r, err := postgres.GetRound(context.Background(), s.deps.Pool, "NAM-2024")
	if err != nil {
		t.Fatal(err)
	}
	return r.DueAt
}

// outbox is the notices as "kind unit: subject", oldest first, and their
// bodies by unit.
func outbox(t *testing.T, api apiClient) ([]string, map[string][]string) {
	t.Helper()
	code, _, raw := api.do("staff", "GET", "/api/v1/outbox", "")
	if code != 200 {
		t.Fatalf("outbox = %d %s", code, raw)
	}
	var list []struct{ Kind, Unit, Subject, Body string }
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(list)
	var lines []string
	bodies := map[string][]string{}
	for _, n := range list {
		lines = append(lines, n.Kind+" "+n.Unit+": "+n.Subject)
		bodies[n.Unit] = append(bodies[n.Unit], n.Body)
	}
	return lines, bodies
}

// One unit walked through submit → return → resubmit → accept around the
// deadline: it gets the return with the comment and the acceptance, never
// an overdue or chase notice; the units with nothing submitted are chased
// with the days that really passed; the first submission keeps SO2 on time.
func TestWorkflow_NoticesAroundTheDeadline(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	due := dueAt(t, s)
	now := due.Add(-3 * time.Hour)
	clockAt(s, &now)

	if code, _, raw := api.do("so2", "PUT", subPath, body(completeSO2, 0)); code != 200 {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	if code, got, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 || got["on_time"] != true {
		t.Fatalf("submit = %d %s", code, raw)
	}
	// Nine days after the deadline staff return it.
	now = due.Add(9 * 24 * time.Hour)
	comment := "Số trẻ em nữ (BV01) chưa khớp với\nbáo cáo quý III."
	if code, _, raw := api.do("staff", "POST", subPath+"/review", fmt.Sprintf(`{"decision":"return","comment":%q}`, comment)); code != 200 {
		t.Fatalf("return = %d %s", code, raw)
	}
	if err := s.deps.Rounds.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	fix := `{"revision": 1, "values": [{"indicator": "BV01", "disaggregation": {"SEX": "F"}, "value": 101}]}`
	if code, _, raw := api.do("so2", "PUT", subPath, fix); code != 200 {
		t.Fatalf("fix = %d %s", code, raw)
	}
	now = now.Add(2 * time.Hour)
	code, got, raw := api.do("so2", "POST", subPath+"/submit", "")
	if code != 200 || got["on_time"] != true || got["standing"] != "on_time" {
		t.Fatalf("resubmit after the deadline = %d %s, want on time (judged by the first submission)", code, raw)
	}
	now = now.Add(time.Hour)
	if code, _, raw := api.do("staff", "POST", subPath+"/review", `{"decision":"accept"}`); code != 200 {
		t.Fatalf("accept = %d %s", code, raw)
	}
	now = now.Add(24 * time.Hour)
	if err := s.deps.Rounds.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}

	lines, bodies := outbox(t, api)
	want := []string{
		"submission_returned SO2: Báo cáo bị trả lại để sửa — Báo cáo năm 2024",
		"overdue HUYEN1: Quá hạn nộp báo cáo — Báo cáo năm 2024",
		"chase HUYEN1: Đôn đốc: báo cáo đã quá hạn 9 ngày — Báo cáo năm 2024",
		"overdue SO1: Quá hạn nộp báo cáo — Báo cáo năm 2024",
		"chase SO1: Đôn đốc: báo cáo đã quá hạn 9 ngày — Báo cáo năm 2024",
		"staff_overdue : Đơn vị chưa nộp báo cáo khi hết hạn — Báo cáo năm 2024",
		"submission_accepted SO2: Báo cáo đã được tiếp nhận — Báo cáo năm 2024",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("outbox:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if want := "(" + catalog.DeadlineText(due) + ")"; !strings.Contains(bodies["SO1"][0], want) {
		t.Errorf("SO1's overdue notice lacks %q:\n%s", want, bodies["SO1"][0])
	}
	returned := bodies["SO2"][0]
	if !strings.Contains(returned, "> Số trẻ em nữ (BV01) chưa khớp với\n> báo cáo quý III.") || !strings.Contains(returned, "nộp lại") {
		t.Fatalf("return notice does not carry the comment:\n%s", returned)
	}
	// The dashboard keeps SO2 on time and shows when it was sent again.
	code, got, raw = api.do("staff", "GET", "/api/v1/rounds/NAM-2024/progress", "")
	if code != 200 || got["on_time"] != float64(1) || got["late"] != float64(0) {
		t.Fatalf("progress = %d %s", code, raw)
	}
	for _, u := range got["units"].([]any) {
		if m := u.(map[string]any); m["unit"] == "SO2" && (m["standing"] != "on_time" || m["resubmitted"] != true) {
			t.Fatalf("SO2 in progress: %v", m)
		}
	}
	page := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/rounds/NAM-2024/progress", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "staff"))
	checked(t, s).ServeHTTP(page, req)
	if !strings.Contains(page.Body.String(), "nộp lại "+now.Add(-25*time.Hour).In(vnTime).Format("15:04 02/01/2006")) {
		t.Fatalf("dashboard does not show the resubmission:\n%s", page.Body.String())
	}
}

// A submitted report is read-only until withdrawn; withdrawing is
// explicit, audited and warned about, and keeps the first submission's
// time.
func TestWorkflow_SubmittedIsReadOnlyUntilWithdrawn(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	due := dueAt(t, s)
	now := due.Add(-time.Hour)
	clockAt(s, &now)
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit = %d %s", code, raw)
	}
	fix := `{"revision": 1, "values": [{"indicator": "BV01", "disaggregation": {"SEX": "F"}, "value": 101}]}`
	code, got, raw := api.do("so2", "PUT", subPath, fix)
	if code != 409 || !strings.Contains(raw, `"code":"submitted"`) || !strings.Contains(raw, `"withdraw":"/api/v1/rounds/NAM-2024/submissions/SO2/withdraw"`) {
		t.Fatalf("PUT on a submitted report = %d %s, want 409 naming the way to withdraw", code, raw)
	}
	// The web form refuses it too.
	form := url.Values{"revision": {"1"}, "v|BV01|SEX=F": {"101"}, "action": {"save"}}
	rec := postForm(t, s, "so2", "/rounds/NAM-2024/submissions/SO2", form)
	if rec.Code != 409 || !strings.Contains(rec.Body.String(), "Rút lại để sửa") {
		t.Fatalf("form POST on a submitted report = %d %s", rec.Code, rec.Body.String())
	}
	var status string
	var rev int
	s.deps.Pool.QueryRow(context.Background(), "SELECT status, revision FROM submissions WHERE unit_code = 'SO2'").Scan(&status, &rev)
	if status != "submitted" || rev != 1 {
		t.Fatalf("after refused edits: %s revision %d", status, rev)
	}
	// Another unit cannot withdraw it; staff cannot either.
	if code, _, _ := api.do("huyen1", "POST", subPath+"/withdraw", ""); code != 403 && code != 404 {
		t.Fatalf("another unit's withdraw = %d", code)
	}
	if code, _, _ := api.do("staff", "POST", subPath+"/withdraw", ""); code != 403 {
		t.Fatalf("staff withdraw = %d, want 403", code)
	}
	// After the deadline the unit withdraws, corrects and submits again:
	// still on time.
	now = due.Add(2 * time.Hour)
	code, got, raw = api.do("so2", "POST", subPath+"/withdraw", "")
	if code != 200 || got["status"] != "draft" || got["warning"] == nil || got["first_submitted_at"] == nil {
		t.Fatalf("withdraw = %d %s", code, raw)
	}
	if code, _, raw := api.do("so2", "POST", subPath+"/withdraw", ""); code != 409 || !strings.Contains(raw, `"code":"status"`) {
		t.Fatalf("withdrawing a draft = %d %s, want 409", code, raw)
	}
	if code, got, raw := api.do("so2", "PUT", subPath, fix); code != 200 || got["status"] != "draft" || got["revision"] != float64(2) {
		t.Fatalf("PUT after withdrawing = %d %s", code, raw)
	}
	if code, got, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 || got["on_time"] != true {
		t.Fatalf("resubmit = %d %s", code, raw)
	}
	var audited, events int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'submission_withdrawn'").Scan(&audited)
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM submission_events WHERE kind = 'withdrawn'").Scan(&events)
	if audited != 1 || events != 1 {
		t.Fatalf("withdrawal audited %d times, %d events", audited, events)
	}
	// Accepted: withdrawing is refused.
	api.do("staff", "POST", subPath+"/review", `{"decision":"accept"}`)
	if code, _, raw := api.do("so2", "POST", subPath+"/withdraw", ""); code != 409 {
		t.Fatalf("withdrawing an accepted report = %d %s", code, raw)
	}
}

// Every status, with every kind of submission time the database can hold,
// stands the same in progress, on the dashboard and in the consolidation,
// read from PostgreSQL: the one rule, asked by each.
func TestStanding_EveryStatusFromTheDatabase(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	ctx := context.Background()
	due := dueAt(t, s)
	staff := mintSession(t, s, "staff")
	for _, tc := range submissiontest.Cases(due) {
		_, err := s.deps.Pool.Exec(ctx, `UPDATE submissions SET status = $1, first_submitted_at = $2, submitted_at = $3
			WHERE unit_code = 'SO2'`, tc.Status, tc.First, tc.Last)
		if tc.First == nil && tc.Status != submission.StatusNotStarted && tc.Status != submission.StatusDraft {
			if err == nil {
				t.Errorf("%s: the database holds a report in hand with no first submission", tc.Name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.Name, err)
		}
		_, got, raw := api.do("staff", "GET", "/api/v1/rounds/NAM-2024/progress", "")
		for _, u := range got["units"].([]any) {
			if m := u.(map[string]any); m["unit"] == "SO2" && m["standing"] != string(tc.Want) {
				t.Errorf("%s: progress stands SO2 %v, want %s (%s)", tc.Name, m["standing"], tc.Want, raw)
			}
		}
		snap, _, err := s.deps.Reports.Consolidate(ctx, "NAM-2024", true)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range snap.Completeness.Units {
			if u.Unit == "SO2" && u.Standing(snap.Round.DueAt) != tc.Want {
				t.Errorf("%s: the snapshot stands SO2 %s, want %s", tc.Name, u.Standing(snap.Round.DueAt), tc.Want)
			}
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/rounds/NAM-2024/progress", nil)
		req.Header.Set("Authorization", "Bearer "+staff)
		checked(t, s).ServeHTTP(rec, req)
		page := rec.Body.String()
		lateList := ""
		if i := strings.Index(page, "<h2>Đơn vị nộp muộn</h2>"); i >= 0 {
			lateList = page[i : i+strings.Index(page[i:], "</table>")]
		}
		if strings.Contains(lateList, "Sở Hai") != (tc.Want == submission.StandingLate) {
			t.Errorf("%s: the dashboard's late list %q, standing %s", tc.Name, lateList, tc.Want)
		}
	}
}
