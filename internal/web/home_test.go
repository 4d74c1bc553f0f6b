package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
)

// homePage is user's home page as a reader sees it, and as HTML; it fails
// t unless every one of want is in the text.
func homePage(t *testing.T, s *Server, user string, want ...string) (text, raw string) {
	t.Helper()
	rec := doAs(t, s, user, "GET", "/")
	if rec.Code != 200 {
		t.Fatalf("%s's home = %d %s", user, rec.Code, rec.Body)
	}
	raw = rec.Body.String()
	text = visibleText(raw)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s's home lacks %q:\n%s", user, w, text)
		}
	}
	return text, raw
}

// lacks fails t when text holds any of unwanted.
func lacks(t *testing.T, who, text string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(text, u) {
			t.Errorf("%s's home shows %q:\n%s", who, u, text)
		}
	}
}

// exec runs SQL that sets up a test's state.
func exec(t *testing.T, s *Server, sql string, args ...any) {
	t.Helper()
	if _, err := s.deps.Pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// openRoundDueAt opens NAM-2024 (openRound) due "trước ngày 10/11":
// at the start of 10 November 2024, and returns that deadline.
func openRoundDueAt(t *testing.T, s *Server) time.Time {
	t.Helper()
	openRound(t, s)
	due := time.Date(2024, 11, 10, 0, 0, 0, 0, catalog.Vietnam)
	exec(t, s, "UPDATE rounds SET due_at = $1 WHERE code = 'NAM-2024'", due)
	return due
}

// An agency's home page lists its open round with the deadline as people
// read it, the days left or overdue, the last staff comment signed with
// the reviewer's full name, and the one next action, which follows the
// report through draft, submission, return and acceptance. It shows
// nothing of another unit and nothing of the machine.
func TestHome_AgencyNextAction(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	due := openRoundDueAt(t, s)
	exec(t, s, "UPDATE users SET display_name = 'Nguyễn Thị Tổng Hợp' WHERE username = 'staff'")
	now := due.Add(-36 * time.Hour)
	clockAt(s, &now)
	api := apiClient{t, s}
	form := `href="/rounds/NAM-2024/submissions/SO2"`

	text, raw := homePage(t, s, "so2", "Sở Hai", "Báo cáo năm 2024", "Hạn nộp: hết ngày 09/11/2024 · còn 2 ngày", "Chưa nhập", "Nhập báo cáo Chưa nhập số liệu nào.")
	if !strings.Contains(raw, `<a class="button" `+form+`>Nhập báo cáo</a>`) {
		t.Errorf("the next action does not lead to SO2's form:\n%s", raw)
	}
	for _, other := range []string{"HUYEN1", "SO1", "huyện Một", "Sở Một"} {
		if strings.Contains(raw, other) {
			t.Errorf("SO2's home names %s", other)
		}
	}
	lacks(t, "so2", text, "Cơ sở dữ liệu", "Vận hành", "Xử lý nền", "Chờ xem xét", "Kỳ báo cáo đang mở")

	if code, _, raw := api.do("so2", "PUT", subPath, body0()); code != 200 {
		t.Fatalf("save = %d %s", code, raw)
	}
	homePage(t, s, "so2", "Đang soạn", "Tiếp tục Bản nháp (lần sửa thứ 1), chưa nộp.")

	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit = %d %s", code, raw)
	}
	text, _ = homePage(t, s, "so2", "Đã nộp — chờ duyệt", "(đúng hạn)")
	lacks(t, "so2", text, "còn 2 ngày") // nothing owed, no countdown

	comment := "Thiếu số liệu trẻ em bị xâm hại theo hình thức."
	if code, _, raw := api.do("staff", "POST", subPath+"/review", fmt.Sprintf(`{"decision":"return","comment":%q}`, comment)); code != 200 {
		t.Fatalf("return = %d %s", code, raw)
	}
	text, _ = homePage(t, s, "so2", "Trả lại để sửa", comment, "Góp ý của Nguyễn Thị Tổng Hợp", "Sửa theo góp ý")
	lacks(t, "so2", text, "(staff)", "Góp ý của staff")

	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit again = %d %s", code, raw)
	}
	if code, _, raw := api.do("staff", "POST", subPath+"/review", `{"decision":"accept","comment":"Đạt yêu cầu."}`); code != 200 {
		t.Fatalf("accept = %d %s", code, raw)
	}
	homePage(t, s, "so2", "Đã tiếp nhận", "Đã được tiếp nhận", "Đạt yêu cầu.")

	// Nine days past the deadline, a unit that owes its report is told
	// so, in red.
	now = due.Add(9*24*time.Hour + time.Hour)
	_, raw = homePage(t, s, "huyen1", "Ủy ban nhân dân huyện Một", "Hạn nộp: hết ngày 09/11/2024 · đã quá hạn 9 ngày", "Nhập báo cáo")
	if !strings.Contains(raw, `<span class="late">đã quá hạn 9 ngày</span>`) {
		t.Error("the overdue count is not marked late")
	}

	// Closed, the round leaves the home page; reopened for one unit, it
	// comes back for that unit alone.
	if code, _, raw := api.do("staff", "POST", "/api/v1/rounds/NAM-2024/close", `{"reason":"Tỉnh cần số liệu"}`); code != 200 {
		t.Fatalf("close = %d %s", code, raw)
	}
	homePage(t, s, "huyen1", "Hiện không có kỳ báo cáo nào đang mở cho đơn vị.")
	later := time.Date(2024, 11, 25, 0, 0, 0, 0, catalog.Vietnam)
	if code, _, raw := api.do("staff", "POST", "/api/v1/rounds/NAM-2024/deadline",
		fmt.Sprintf(`{"unit":"HUYEN1","reason":"Bổ sung số liệu","due_at":%q}`, later.Format(time.RFC3339))); code != 200 {
		t.Fatalf("reopen for HUYEN1 = %d %s", code, raw)
	}
	homePage(t, s, "huyen1", "Kỳ báo cáo đã khóa, được mở lại riêng cho đơn vị đến hết ngày 24/11/2024: Bổ sung số liệu.",
		"Hạn nộp: hết ngày 24/11/2024 · còn 6 ngày", "Nhập báo cáo")
	homePage(t, s, "so2", "Hiện không có kỳ báo cáo nào đang mở cho đơn vị.")
}

// Staff's home page shows the open round's counts, the reports waiting
// for review with links to them, and the notices and forwardings that
// did not go out; a leader sees the draft report sets to issue instead of
// the reviews. A review no longer matters once the round's report is
// issued.
func TestHome_StaffOverview(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	if code, _, raw := api.do("so2", "PUT", subPath, body0()); code != 200 {
		t.Fatalf("save = %d %s", code, raw)
	}
	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit = %d %s", code, raw)
	}
	text, raw := homePage(t, s, "staff", "Kỳ báo cáo đang mở", "Báo cáo năm 2024", "1/3 đã nộp (33%)", "2 chưa nộp",
		"1 chờ xem xét", "Chờ xem xét 1", "Sở Hai Báo cáo năm 2024", "Mọi thông báo đã được gửi hoặc đang được gửi.")
	for _, link := range []string{`href="/rounds/NAM-2024/progress"`, `<a class="button small" href="/rounds/NAM-2024/submissions/SO2">Xem xét</a>`} {
		if !strings.Contains(raw, link) {
			t.Errorf("staff's home lacks %s", link)
		}
	}
	lacks(t, "staff", text, "Vận hành", "Cơ sở dữ liệu", "Danh mục đang áp dụng", "chưa đăng nhập lần nào", "Báo cáo chờ ban hành")

	// Notices: one refused, one retrying, one never tried for two hours,
	// one sent; and a forwarding that failed.
	exec(t, s, `INSERT INTO notifications (kind, unit_code, audience, to_address, subject, body, dedupe_key, status, attempts, last_error, created_at) VALUES
		('x', 'SO2', 'unit', 'a@example.gov.vn', 's', 'b', 'k1', 'failed', 1, '550 no such user', now()),
		('x', 'SO2', 'unit', 'a@example.gov.vn', 's', 'b', 'k2', 'queued', 2, 'connection refused', now()),
		('x', 'SO2', 'unit', 'a@example.gov.vn', 's', 'b', 'k3', 'queued', 0, '', now() - interval '2 hours'),
		('x', 'SO2', 'unit', 'a@example.gov.vn', 's', 'b', 'k4', 'sent', 1, '', now() - interval '3 hours')`)
	exec(t, s, `INSERT INTO deliveries (round_id, number, channel, destination, status, attempts, last_error)
		SELECT id, 1, 'email', 'bo@example.gov.vn', 'failed', 3, '550 mailbox full' FROM rounds WHERE code = 'NAM-2024'`)
	_, raw = homePage(t, s, "staff", "1 thông báo gửi không được", "1 thông báo đang chờ gửi lại", "1 thông báo chờ gửi quá 1 giờ",
		"Gửi báo cáo số 1 kỳ NAM-2024 tới bo@example.gov.vn", "không thành công 550 mailbox full")
	if !strings.Contains(raw, `href="/notices?status=failed"`) {
		t.Error("no link to the failed notices")
	}
	failed := visibleText(doAs(t, s, "staff", "GET", "/notices?status=failed").Body.String())
	if !strings.Contains(failed, "550 no such user") || strings.Contains(failed, "connection refused") {
		t.Errorf("/notices?status=failed:\n%s", failed)
	}
	if rec := doAs(t, s, "staff", "GET", "/notices?status=lost"); rec.Code != 422 {
		t.Errorf("/notices?status=lost = %d, want 422", rec.Code)
	}

	// The leader: progress and the sets to issue, no reviews.
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "lanhdao", Role: access.RoleLeader}}, testPassword); err != nil {
		t.Fatal(err)
	}
	text, _ = homePage(t, s, "lanhdao", "1/3 đã nộp", "Báo cáo chờ ban hành", "Không có bản dự thảo nào chờ ban hành.")
	lacks(t, "lanhdao", text, "Chờ xem xét", "Vận hành")
	exec(t, s, `INSERT INTO snapshots (round_id, hash, hash_version, content) SELECT id, 'h1', 2, '{}' FROM rounds WHERE code = 'NAM-2024'`)
	report := func(state string) {
		exec(t, s, `INSERT INTO reports (round_id, snapshot_id, format, number, year, filename, size, sha256, data, state, issued_at, issued_by)
			SELECT r.id, sn.id, 'pdf', 1, 2024, 'bao-cao.pdf', 1, 'x', '\x00', $1::text,
				CASE WHEN $1 = 'issued' THEN now() END, CASE WHEN $1 = 'issued' THEN 'lanhdao' END
			FROM rounds r JOIN snapshots sn ON sn.round_id = r.id WHERE r.code = 'NAM-2024'`, state)
	}
	report("draft")
	_, raw = homePage(t, s, "lanhdao", "Báo cáo năm 2024: bộ báo cáo số 1")
	if !strings.Contains(raw, `href="/rounds/NAM-2024/reports"`) {
		t.Error("no link to the round's reports")
	}
	homePage(t, s, "staff") // staff do not issue: no such section, checked above

	// Issued and locked, the round's waiting report drops off the list.
	report("issued")
	homePage(t, s, "lanhdao", "Không có bản dự thảo nào chờ ban hành.")
	homePage(t, s, "staff", "Chờ xem xét 1")
	exec(t, s, "UPDATE rounds SET status = 'locked', locked_at = now() WHERE code = 'NAM-2024'")
	homePage(t, s, "staff", "Không có kỳ báo cáo nào đang mở.", "Không có báo cáo nào chờ xem xét.")
}

// The administrator's home page counts the active accounts nobody has
// used, with a link to exactly those, names the catalog in force, and
// holds the machine's state: the database, the workers' heartbeat and
// the kinds of jobs failing. Nobody else sees the machine.
func TestHome_AdminPanels(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	ctx := context.Background()
	_, raw := homePage(t, s, "admin", "4 tài khoản đang hoạt động chưa đăng nhập lần nào.", "Danh mục đang áp dụng Phiên bản 1 · minimal",
		"Cơ sở dữ liệu kết nối bình thường", "Xử lý nền chưa ghi nhận hoạt động", "Công việc lỗi không có")
	if !strings.Contains(raw, `href="/admin/users?signed_in=0&amp;disabled=0"`) || !strings.Contains(raw, `href="/admin/jobs/"`) ||
		!strings.Contains(raw, `href="/admin/catalog"`) {
		t.Error("the panels do not link to the accounts, the jobs and the catalog")
	}

	exec(t, s, "UPDATE users SET last_sign_in_at = now() WHERE username = 'staff'")
	exec(t, s, "UPDATE users SET active = false WHERE username = 'huyen1'")
	homePage(t, s, "admin", "2 tài khoản đang hoạt động chưa đăng nhập lần nào.")
	list := visibleText(doAs(t, s, "admin", "GET", "/admin/users?signed_in=0&disabled=0").Body.String())
	if !strings.Contains(list, "2 tài khoản.") || !strings.Contains(list, "so2") || strings.Contains(list, "huyen1") ||
		strings.Contains(list, "staff Cán bộ") {
		t.Errorf("accounts never signed in:\n%s", list)
	}
	if code, _, raw := (apiClient{t, s}).do("admin", "GET", "/api/v1/admin/users?signed_in=1", ""); code != 200 ||
		!strings.Contains(raw, `"username":"staff"`) || strings.Contains(raw, `"username":"so2"`) {
		t.Errorf("signed_in=1 = %d %s", code, raw)
	}

	// A worker beats; then stops.
	if err := postgres.RecordHeartbeat(ctx, s.deps.Pool, 1); err != nil {
		t.Fatal(err)
	}
	homePage(t, s, "admin", "Xử lý nền hoạt động (lần gần nhất")
	exec(t, s, "UPDATE worker_heartbeat SET beat_at = now() - interval '10 minutes'")
	homePage(t, s, "admin", "Xử lý nền ngừng từ")

	// An import job given up on, another waiting for its retry.
	for _, state := range []string{"discarded", "retryable"} {
		res, err := s.deps.Jobs.Insert(ctx, jobargs.ImportArgs{UploadID: int64(len(state))}, &river.InsertOpts{Queue: jobargs.QueueImports})
		if err != nil {
			t.Fatal(err)
		}
		exec(t, s, `UPDATE river_job SET state = $2::river_job_state, attempt = 1,
			finalized_at = CASE WHEN $2 = 'discarded' THEN now() END, scheduled_at = now() + interval '1 minute',
			errors = ARRAY[jsonb_build_object('at', now(), 'attempt', 1, 'error', 'tệp hỏng: ' || $2)] WHERE id = $1`, res.Job.ID, state)
	}
	homePage(t, s, "admin", "Công việc lỗi 1 loại công việc đang lỗi", "Nhập tệp Excel của đơn vị import_workbook 1 1", "tệp hỏng: ")

	for _, user := range []string{"staff", "so2"} {
		text, _ := homePage(t, s, user)
		lacks(t, user, text, "Vận hành", "Cơ sở dữ liệu", "Xử lý nền", "Công việc lỗi", "chưa đăng nhập lần nào", "Danh mục đang áp dụng")
	}
}

// Every kind of background job has a name people read on the
// administrator's panel.
func TestJobKindNames(t *testing.T) {
	for _, a := range []river.JobArgs{jobargs.HeartbeatArgs{}, jobargs.TickArgs{}, jobargs.DeliverArgs{}, jobargs.ImportArgs{},
		jobargs.ConsolidateArgs{}, jobargs.ForwardArgs{}, jobargs.DemoReportsArgs{}} {
		if jobKindNames[a.Kind()] == "" {
			t.Errorf("job kind %s has no name", a.Kind())
		}
	}
}
