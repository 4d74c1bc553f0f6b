package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// namedPeople adds a reviewer and a leader with full names, and a staff
// account whose name is its role's.
func namedPeople(t *testing.T, s *Server) {
	t.Helper()
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{
		{Username: "lan", DisplayName: "Nguyễn Thị Lan", Role: access.RoleStaff, Unit: "SO1"},
		{Username: "binh", DisplayName: "Trần Văn Bình", Role: access.RoleLeader},
		{Username: "tonghop", DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff},
	}, testPassword); err != nil {
		t.Fatal(err)
	}
}

// The header names a person once when their name is their role's.
func TestLayout_HeaderNamesThePersonOnce(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	namedPeople(t, s)
	who := regexp.MustCompile(`<span class="who">([^<]*)</span>`)
	for user, want := range map[string]string{
		"tonghop": "Cán bộ tổng hợp",
		"lan":     "Nguyễn Thị Lan · Cán bộ tổng hợp · SO1",
	} {
		m := who.FindStringSubmatch(doAs(t, s, user, "GET", "/rounds").Body.String())
		if m == nil || m[1] != want {
			t.Errorf("%s: header %q, want %q", user, m, want)
		}
	}
}

// A decision is signed with the reviewer's name, on the form and in its
// history; the revisions name their authors.
func TestSubmissionPage_ReviewerByName(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	namedPeople(t, s)
	openRound(t, s)
	if code, _, raw := (apiClient{t, s}).do("so2", "PUT", subPath, body(completeSO2, 0)); code != 200 {
		t.Fatalf("save = %d %s", code, raw)
	}
	if code, _, raw := (apiClient{t, s}).do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit = %d %s", code, raw)
	}
	rec := postForm(t, s, "lan", pagePath+"/review", url.Values{"decision": {"return"}, "comment": {"Bổ sung số liệu BV02."}})
	if rec.Code != 303 {
		t.Fatalf("return = %d %s", rec.Code, rec.Body)
	}
	page := doAs(t, s, "so2", "GET", pagePath).Body.String()
	if !strings.Contains(page, "Ý kiến của cán bộ tổng hợp (Nguyễn Thị Lan):</strong> Bổ sung số liệu BV02.") {
		t.Errorf("the returned report's comment is not signed with the reviewer's name:\n%s", excerpt(page, "Ý kiến"))
	}
	if strings.Contains(page, "(lan)") {
		t.Error("the comment is signed with the username")
	}
	history := doAs(t, s, "so2", "GET", pagePath+"/history").Body.String()
	for _, want := range []string{`<td title="lan">Nguyễn Thị Lan</td>`, `<span title="so2">so2</span>`} {
		if !strings.Contains(history, want) {
			t.Errorf("history lacks %s: %s", want, excerpt(history, "Lần sửa 1"))
		}
	}
}

// The reports page names who issued and who recorded a dispatch, shows
// sizes as people read them and keeps hashes out of sight until asked.
func TestReportsPage_NamesAndSizes(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestServer(t)
	principals(t, s)
	namedPeople(t, s)
	openRound(t, s)
	pool := s.deps.Pool
	rd, err := postgres.GetRound(ctx, pool, "NAM-2024")
	if err != nil {
		t.Fatal(err)
	}
	snap, _, err := postgres.InsertSnapshot(ctx, pool, rd.ID, &consolidate.Snapshot{Hash: strings.Repeat("ab", 32), HashVersion: consolidate.HashVersion, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	at, by := time.Now(), "binh"
	hash := strings.Repeat("c0ffee", 10) + "abcd"
	for _, r := range []domain.Report{
		{Format: "pdf", Size: 332986},
		{Format: "pdf", Size: 1258291, State: domain.ReportIssued, Signed: true, IssuedAt: &at, IssuedBy: &by},
	} {
		r.RoundID, r.SnapshotID, r.Number, r.Year, r.Filename, r.SHA256, r.Data = rd.ID, snap.ID, 1, 2024, "bc.pdf", hash, []byte("%PDF-")
		if _, err := postgres.InsertReport(ctx, pool, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := postgres.InsertDelivery(ctx, pool, domain.Delivery{RoundID: rd.ID, Number: 1, Channel: "manual",
		Destination: "Bộ Y tế", Status: domain.NoticeSent, Note: "Gửi bưu điện", RecordedBy: "lan", SentAt: &at}); err != nil {
		t.Fatal(err)
	}
	page := doAs(t, s, "staff", "GET", "/rounds/NAM-2024/reports").Body.String()
	for _, want := range []string{"(326 KB)", "(1,2 MB, đã ký số)", `<span class="hint">(Trần Văn Bình)</span>`,
		`Gửi bưu điện <span class="hint">(Nguyễn Thị Lan)</span>`, `title="SHA-256: ` + hash + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("reports page lacks %s", want)
		}
	}
	// The hash is there on demand (a title), never as visible text.
	visible := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	for _, banned := range []string{"332986", "byte", "sha256", "c0ffee", "(binh)", "(lan)"} {
		if strings.Contains(visible, banned) {
			t.Errorf("reports page shows %q: %s", banned, excerpt(visible, banned))
		}
	}
}

// excerpt is the text around the first s in page, for messages.
func excerpt(page, s string) string {
	i := strings.Index(page, s)
	if i < 0 {
		return "(" + s + " not found)"
	}
	return page[max(0, i-200):min(len(page), i+300)]
}
