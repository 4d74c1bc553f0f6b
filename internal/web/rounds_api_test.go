package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/postgres"
	"baocao/internal/rounds"
	catalogs "baocao/templates/catalog"
)

// nam2026 is the 2026 round's title as the An Giang schedule gives it.
const nam2026 = "Báo cáo kết quả thực hiện năm 2026"

// msgNam2026Exists is the refusal of a second 2026 annual round.
const msgNam2026Exists = "Kỳ báo cáo năm 2026 đã được mở: NAM-2026 (" + nam2026 + "). Mỗi năm chỉ có một kỳ báo cáo năm."

// afterTheMerger is a server whose history holds Kiên Giang's 2024 round
// (on the Kiên Giang catalog) and whose current catalog is the merged An
// Giang's, with a member of staff and an account of a commune, and the
// calendar's clock on 2 December 2026, after the 2026 round's window.
func afterTheMerger(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	s, _ := newTestServer(t)
	pool := s.deps.Pool
	kg, err := catalogs.Load(catalogs.KienGiang)
	if err != nil {
		t.Fatal(err)
	}
	kgID, _, err := postgres.SaveCatalog(ctx, pool, catalogs.KienGiang, kg)
	if err != nil {
		t.Fatal(err)
	}
	kgVersion, err := postgres.GetCatalogVersion(ctx, pool, kgID)
	if err != nil {
		t.Fatal(err)
	}
	r, units, ok := rounds.AnnualRound(kgVersion, 2024, time.Time{})
	if !ok {
		t.Fatal("the Kiên Giang catalog expects nobody in 2024")
	}
	r.CreatedAt = time.Date(2024, 10, 1, 0, 0, 0, 0, vnTime)
	if _, err := postgres.CreateRound(ctx, pool, r, units); err != nil {
		t.Fatal(err)
	}
	ag, err := catalogs.Load(catalogs.AnGiang)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(ctx, pool, catalogs.AnGiang, ag); err != nil {
		t.Fatal(err)
	}
	users := []access.User{
		{Username: "staff", Role: access.RoleStaff},
		{Username: "xa.anphu", Role: access.RoleAgency, Unit: "XA.ANPHU"},
	}
	if _, err := s.deps.Auth.EnsureUsers(ctx, users, testPassword); err != nil {
		t.Fatal(err)
	}
	s.deps.Rounds.Now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, vnTime) }
	return s
}

// apiErrorBody is the error of an API answer.
func apiErrorBody(t *testing.T, raw string) apiError {
	t.Helper()
	var body struct {
		Error apiError `json:"error"`
	}
	if err := json.Unmarshal([]byte(raw), &body); err != nil {
		t.Fatalf("error body %s: %v", raw, err)
	}
	return body.Error
}

// detailField is the field the first detail of an API error names.
func detailField(e apiError) string {
	if len(e.Details) == 0 {
		return ""
	}
	d, _ := e.Details[0].(map[string]any)
	f, _ := d["field"].(string)
	return f
}

func TestRoundsAPI_OpenAnnualLate(t *testing.T) {
	ctx := context.Background()
	s := afterTheMerger(t)
	api := apiClient{t, s}
	if code, _, raw := api.do("staff", "GET", "/api/v1/rounds", ""); code != 200 || strings.Contains(raw, "NAM-2026") {
		t.Fatalf("rounds before = %d %s", code, raw)
	}

	tests := []struct {
		name, body string
		field      string
	}{
		{"future year", `{"kind":"annual","year":2027,"due_at":"2027-12-09T17:00:00+07:00"}`, "year"},
		{"no year", `{"kind":"annual","due_at":"2026-12-09T17:00:00+07:00"}`, "year"},
		{"no deadline", `{"kind":"annual","year":2026}`, "due_at"},
		{"deadline passed", `{"kind":"annual","year":2026,"due_at":"2026-12-01T17:00:00+07:00"}`, "due_at"},
		{"unknown kind", `{"kind":"monthly","year":2026,"due_at":"2026-12-09T17:00:00+07:00"}`, "kind"},
	}
	for _, tt := range tests {
		code, _, raw := api.do("staff", "POST", "/api/v1/rounds", tt.body)
		if e := apiErrorBody(t, raw); code != 422 || e.Code != "invalid" || detailField(e) != tt.field || e.Message == "" {
			t.Errorf("%s: = %d %s, want 422 naming %s", tt.name, code, raw, tt.field)
		}
	}
	if code, _, raw := api.do("xa.anphu", "POST", "/api/v1/rounds", `{"kind":"annual","year":2026,"due_at":"2026-12-09T17:00:00+07:00"}`); code != 403 {
		t.Fatalf("a commune opening the annual round = %d %s", code, raw)
	}

	code, got, raw := api.do("staff", "POST", "/api/v1/rounds", `{"kind":"annual","year":2026,"due_at":"2026-12-09T17:00:00+07:00"}`)
	if code != 201 {
		t.Fatalf("open = %d %s", code, raw)
	}
	want := map[string]any{"code": "NAM-2026", "kind": "annual", "title": nam2026, "year": float64(2026), "status": "open",
		"period_start": "2026-01-01", "period_end": "2026-12-31", "data_from": "2025-11-01", "cutoff": "2026-10-31", "issuer": "AG"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if due, err := time.Parse(time.RFC3339, got["due_at"].(string)); err != nil || !due.Equal(time.Date(2026, 12, 9, 17, 0, 0, 0, vnTime)) {
		t.Errorf("due_at = %v, want 17:00 on 9 December 2026 in Vietnam", got["due_at"])
	}
	// The commune expected sees the round.
	if code, _, raw := api.do("xa.anphu", "GET", "/api/v1/rounds", ""); code != 200 || !strings.Contains(raw, `"code":"NAM-2026"`) {
		t.Errorf("the commune's rounds = %d %s", code, raw)
	}

	// A second one for the year: 409, naming the round there is.
	code, _, raw = api.do("staff", "POST", "/api/v1/rounds", `{"kind":"annual","year":2026,"due_at":"2026-12-20T17:00:00+07:00"}`)
	e := apiErrorBody(t, raw)
	if code != 409 || e.Code != "annual_round_exists" || e.Message != msgNam2026Exists {
		t.Fatalf("second = %d %s, want 409 annual_round_exists with %q", code, raw, msgNam2026Exists)
	}
	if d, _ := e.Details[0].(map[string]any); d["field"] != "year" || d["round"] != "NAM-2026" {
		t.Errorf("details = %v", e.Details)
	}

	// Audited once, as the member of staff's, marked late.
	var actor, target string
	var late bool
	var n int
	err := s.deps.Pool.QueryRow(ctx, `SELECT count(*) OVER (), actor, target, coalesce((details->>'late')::boolean, false)
		FROM audit_log WHERE action = 'round_opened'`).Scan(&n, &actor, &target, &late)
	if err != nil || n != 1 || actor != "staff" || target != "NAM-2026" || !late {
		t.Fatalf("audit: %d entries, %s %s late=%v, %v", n, actor, target, late, err)
	}
}

// GET /api/v1/rounds names each round's year, data window and issuer:
// the province in force on its due day, by its own catalog version.
func TestRoundsAPI_ListYearsWindowsAndIssuers(t *testing.T) {
	s := afterTheMerger(t)
	api := apiClient{t, s}
	if code, _, raw := api.do("staff", "POST", "/api/v1/rounds", `{"kind":"annual","year":2026,"due_at":"2026-12-09T17:00:00+07:00"}`); code != 201 {
		t.Fatalf("open = %d %s", code, raw)
	}
	code, _, raw := api.do("staff", "GET", "/api/v1/rounds", "")
	if code != 200 {
		t.Fatalf("list = %d %s", code, raw)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		t.Fatal(err)
	}
	byCode := map[string]map[string]any{}
	for _, r := range list {
		byCode[r["code"].(string)] = r
	}
	want := map[string]map[string]any{
		"NAM-2026": {"year": float64(2026), "data_from": "2025-11-01", "cutoff": "2026-10-31", "issuer": "AG", "kind": "annual"},
		"NAM-2024": {"year": float64(2024), "data_from": "2023-11-01", "cutoff": "2024-10-31", "issuer": "KG", "kind": "annual",
			"period_start": "2024-01-01", "period_end": "2024-12-31"},
	}
	if len(list) != len(want) {
		t.Fatalf("%d rounds listed, want %d: %s", len(list), len(want), raw)
	}
	for code, fields := range want {
		r, ok := byCode[code]
		if !ok {
			t.Errorf("%s not listed", code)
			continue
		}
		for k, v := range fields {
			if r[k] != v {
				t.Errorf("%s: %s = %v, want %v", code, k, r[k], v)
			}
		}
	}
}

func TestRoundsAPI_AdhocPeriod(t *testing.T) {
	s := afterTheMerger(t)
	api := apiClient{t, s}
	due := `"due_at":"2026-12-09T17:00:00+07:00"`
	ask := `"title":"Báo cáo nhanh về trẻ em bị xâm hại","units":["AG.YT"],"indicators":["BV18"],` + due
	tests := []struct {
		name, period string
		field        string // the field a 422 names; "" for 201
		start, end   string
	}{
		{"ends tomorrow", `"period_start":"2026-11-01","period_end":"2026-12-03"`, "period_end", "", ""},
		{"starts after its end", `"period_start":"2026-10-01","period_end":"2026-09-30"`, "period_start", "", ""},
		{"not a day", `"period_start":"2026-02-30"`, "period_start", "", ""},
		{"default", ``, "", "2026-01-01", "2026-12-01"},
		{"chosen", `"period_start":"2026-07-01","period_end":"2026-09-30"`, "", "2026-07-01", "2026-09-30"},
	}
	for _, tt := range tests {
		body := "{" + ask
		if tt.period != "" {
			body += "," + tt.period
		}
		body += "}"
		code, got, raw := api.do("staff", "POST", "/api/v1/rounds", body)
		if tt.field != "" {
			if e := apiErrorBody(t, raw); code != 422 || detailField(e) != tt.field {
				t.Errorf("%s: = %d %s, want 422 naming %s", tt.name, code, raw, tt.field)
			}
			continue
		}
		if code != 201 || got["kind"] != catalog.RoundAdhoc || got["period_start"] != tt.start || got["period_end"] != tt.end ||
			got["data_from"] != tt.start || got["cutoff"] != tt.end || got["year"] != float64(2026) || got["issuer"] != "AG" {
			t.Errorf("%s: = %d %s, want the period %s to %s", tt.name, code, raw, tt.start, tt.end)
		}
	}
}

// Staff open a missed annual round from the page: the round's progress
// page next, and a second attempt shows why it is refused.
func TestRoundsPage_OpenAnnualLate(t *testing.T) {
	s := afterTheMerger(t)
	page := doAs(t, s, "staff", "GET", "/rounds/new")
	body := page.Body.String()
	for _, want := range []string{`action="/rounds/annual"`, `name="year"`, `name="due_at"`, `name="period_start"`, `name="period_end"`,
		"Kỳ báo cáo năm", "NAM-2024"} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /rounds/new lacks %s", want)
		}
	}
	if page.Code != 200 {
		t.Fatalf("GET /rounds/new = %d", page.Code)
	}

	future := postForm(t, s, "staff", "/rounds/annual", url.Values{"year": {"2027"}, "due_at": {"2027-12-09T17:00"}})
	if future.Code != 422 || !strings.Contains(future.Body.String(), "Năm báo cáo không được sau năm hiện tại.") {
		t.Errorf("a future year = %d, want 422 with its message", future.Code)
	}
	rec := postForm(t, s, "staff", "/rounds/annual", url.Values{"year": {"2026"}, "due_at": {"2026-12-09T17:00"}})
	if rec.Code != 303 || rec.Header().Get("Location") != "/rounds/NAM-2026/progress" {
		t.Fatalf("POST /rounds/annual = %d to %q: %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	r, err := postgres.GetRound(context.Background(), s.deps.Pool, "NAM-2026")
	if err != nil {
		t.Fatal(err)
	}
	// The form's time is Vietnam's.
	if !r.DueAt.Equal(time.Date(2026, 12, 9, 17, 0, 0, 0, vnTime)) || r.CreatedBy != "staff" {
		t.Errorf("round due %v, created by %s", r.DueAt, r.CreatedBy)
	}
	again := postForm(t, s, "staff", "/rounds/annual", url.Values{"year": {"2026"}, "due_at": {"2026-12-20T17:00"}})
	if again.Code != 409 || !strings.Contains(again.Body.String(), msgNam2026Exists) {
		t.Fatalf("second POST /rounds/annual = %d, want 409 showing %q:\n%s", again.Code, msgNam2026Exists, again.Body)
	}
	if rec := doAs(t, s, "staff", "GET", "/rounds/NAM-2026/progress"); rec.Code != 200 {
		t.Errorf("the new round's progress page = %d", rec.Code)
	}
}

func TestRoundsPage_AdhocPeriodRefused(t *testing.T) {
	s := afterTheMerger(t)
	form := url.Values{"title": {"Báo cáo nhanh"}, "due_at": {"2026-12-09T17:00"}, "units": {"AG.YT"}, "indicators": {"BV18"}}
	tests := []struct {
		start, end, want string
	}{
		{"2026-11-01", "2026-12-03", "Kỳ số liệu phải kết thúc chậm nhất vào hôm nay."},
		{"2026-10-01", "2026-09-30", "Ngày bắt đầu kỳ số liệu phải trước ngày kết thúc."},
		{"2026-02-30", "2026-09-30", "Ngày bắt đầu kỳ số liệu không hợp lệ."},
	}
	for _, tt := range tests {
		form.Set("period_start", tt.start)
		form.Set("period_end", tt.end)
		rec := postForm(t, s, "staff", "/rounds/new", form)
		body := rec.Body.String()
		// Refused, saying why, with what was typed kept.
		if rec.Code != 422 || !strings.Contains(body, tt.want) || !strings.Contains(body, `value="`+tt.start+`"`) {
			t.Errorf("period %s to %s = %d, want 422 saying %q", tt.start, tt.end, rec.Code, tt.want)
		}
	}
	form.Set("period_start", "2026-07-01")
	form.Set("period_end", "2026-09-30")
	rec := postForm(t, s, "staff", "/rounds/new", form)
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/rounds/DX-20261202-") {
		t.Fatalf("a good period = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
}

// The unit's form and the list of rounds say which days the figures are
// counted over; a commune formed during the period is told it reports
// the whole of it.
func TestSubmissionPage_DataWindow(t *testing.T) {
	s := afterTheMerger(t)
	api := apiClient{t, s}
	for _, body := range []string{
		`{"kind":"annual","year":2026,"due_at":"2026-12-09T17:00:00+07:00"}`,
		`{"kind":"annual","year":2025,"due_at":"2026-12-09T17:00:00+07:00"}`,
	} {
		if code, _, raw := api.do("staff", "POST", "/api/v1/rounds", body); code != 201 {
			t.Fatalf("open %s = %d %s", body, code, raw)
		}
	}
	tests := []struct {
		round, window string
		whole         bool
	}{
		{"NAM-2026", "Số liệu tính từ ngày 01/11/2025 đến ngày 31/10/2026", false},
		{"NAM-2025", "Số liệu tính từ ngày 01/11/2024 đến ngày 31/10/2025", true},
	}
	const whole = "(đơn vị báo cáo cả kỳ trên địa bàn của mình, kể cả thời gian trước ngày 01/07/2025)"
	for _, tt := range tests {
		rec := doAs(t, s, "xa.anphu", "GET", "/rounds/"+tt.round+"/submissions/XA.ANPHU")
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, tt.window) || strings.Contains(body, whole) != tt.whole {
			t.Errorf("%s form = %d; want %q, the whole-period note %v", tt.round, rec.Code, tt.window, tt.whole)
		}
	}
	list := doAs(t, s, "staff", "GET", "/rounds").Body.String()
	for _, tt := range tests {
		if !strings.Contains(list, tt.window) {
			t.Errorf("/rounds lacks %q", tt.window)
		}
	}
}

// The units page shows the organisation on any day, and every unit ever
// with who took over from whom and the shares.
func TestUnitsPage(t *testing.T) {
	s := afterTheMerger(t)
	page := func(query string) string {
		t.Helper()
		rec := doAs(t, s, "staff", "GET", "/units"+query)
		if rec.Code != 200 {
			t.Fatalf("/units%s = %d", query, rec.Code)
		}
		return rec.Body.String()
	}
	row := func(body, code string) string {
		i := strings.Index(body, "<code>"+code+"</code>")
		if i < 0 {
			return ""
		}
		end := strings.Index(body[i:], "</tr>")
		return body[i : i+end]
	}
	today := page("")
	if row(today, "XA.HONDAT") == "" || row(today, "AG.YT") == "" || row(today, "HONDAT") != "" || row(today, "LDTBXH") != "" {
		t.Error("today's units are not An Giang's")
	}
	if !strings.Contains(today, "Đơn vị đang hoạt động vào ngày") || !strings.Contains(today, ": 113.") {
		t.Error("today's page does not say how many units are in force")
	}
	in2024 := page("?on=2024-06-01")
	if row(in2024, "HONDAT") == "" || row(in2024, "XA.HONDAT") != "" {
		t.Error("the units of 1 June 2024 are not Kiên Giang's")
	}
	all := page("?history=1")
	hd := row(all, "HONDAT")
	for _, want := range []string{"Huyện, thị xã, thành phố", "01/01/2024 – 30/06/2025", "Xã Hòn Đất (28,57%)", "Phường Vĩnh Thông (7,14%)"} {
		if !strings.Contains(hd, want) {
			t.Errorf("Hòn Đất's row lacks %q: %s", want, hd)
		}
	}
	if yt := row(all, "AG.YT"); !strings.Contains(yt, "<td>Sở Y tế<br>") || !strings.Contains(yt, "và địa bàn tỉnh An Giang (cũ), chưa báo cáo trên hệ thống") {
		t.Errorf("An Giang's Sở Y tế row does not say what it took over: %s", yt)
	}
	rec := doAs(t, s, "staff", "GET", "/api/v1/units?history=1")
	if !strings.Contains(rec.Body.String(), `"also_covers":"địa bàn tỉnh An Giang (cũ)"`) {
		t.Error("the units API does not name the ground An Giang's bodies took over")
	}
	if vt := row(all, "PHUONG.VINHTHONG"); !strings.Contains(vt, "TP. Rạch Giá (18,18%); Huyện Hòn Đất (7,14%)") || !strings.Contains(vt, "nay") {
		t.Errorf("Vĩnh Thông's row: %s", vt)
	}
	if rec := doAs(t, s, "staff", "GET", "/units?on=2024-02-30"); rec.Code != 422 || !strings.Contains(rec.Body.String(), "Ngày không hợp lệ") {
		t.Errorf("a bad day = %d", rec.Code)
	}
}
