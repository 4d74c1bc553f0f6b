package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/rounds"
)

func postForm(t *testing.T, s *Server, user, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, user))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	return rec
}

const pagePath = "/rounds/NAM-2024/submissions/SO2"

func completeForm(rev string) url.Values {
	return url.Values{
		"revision": {rev}, "action": {"save"},
		"v|BV01|SEX=M": {"1.200"}, "v|BV01|SEX=F": {"1.100"},
		"v|BV02|SEX=M": {"80"}, "v|BV02|SEX=F": {"70"},
		"v|BV03": {"12"}, "v|BV03|FORM=A": {"9"}, "v|BV03|FORM=B": {"5"},
		"v|GD01|num": {"980"}, "v|GD01|den": {"1.000"},
		"n|KQ-II.1": {"Đã triển khai kế hoạch."}, "n|KIEN-NGHI": {"Đề nghị bổ sung kinh phí."},
	}
}

func TestSubmissionPage_SaveAndSubmit(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	rec := doAs(t, s, "so2", "GET", pagePath)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Số trẻ em có hoàn cảnh đặc biệt") || !strings.Contains(rec.Body.String(), "Lưu nháp") {
		t.Fatalf("form page = %d", rec.Code)
	}
	rec = postForm(t, s, "so2", pagePath, completeForm("0"))
	if rec.Code != 303 || rec.Header().Get("Location") != pagePath+"?saved=1" {
		t.Fatalf("save = %d %s", rec.Code, rec.Header().Get("Location"))
	}
	page := doAs(t, s, "so2", "GET", pagePath+"?saved=1").Body.String()
	// Stored as numbers, shown the Vietnamese way; the derived total and the rate computed.
	for _, want := range []string{`value="1.200"`, "<output data-sum>2.300</output>", `<output data-ratio data-scale="100">98</output>`, "Đã lưu bản nháp"} {
		if !strings.Contains(page, want) {
			t.Errorf("page after save lacks %s", want)
		}
	}
	f := completeForm("1")
	f.Set("action", "submit")
	rec = postForm(t, s, "so2", pagePath, f)
	if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "submitted=1") {
		t.Fatalf("submit = %d %s", rec.Code, rec.Body)
	}
	// Staff see the review form; the agency no longer sees editable inputs? It may still edit.
	if page := doAs(t, s, "staff", "GET", pagePath).Body.String(); !strings.Contains(page, "Tiếp nhận") || strings.Contains(page, "Lưu nháp") {
		t.Fatal("staff page should offer review, not editing")
	}
}

func TestSubmissionPage_RefusedValueKeepsWhatWasTyped(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	f := completeForm("0")
	f.Set("v|BV01|SEX=F", "mười hai")
	rec := postForm(t, s, "so2", pagePath, f)
	body := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(body, `value="mười hai"`) || !strings.Contains(body, `class="invalid"`) ||
		!strings.Contains(body, "Chưa lưu thay đổi nào") || !strings.Contains(body, `value="1.200"`) {
		t.Fatalf("refused save = %d; want the typed values back with the bad cell marked", rec.Code)
	}
	if n := storedRevision(t, s); n != 0 {
		t.Fatalf("revision after a refused save = %d, want 0", n)
	}
}

func TestSubmissionPage_StaleFormIsAConflict(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	postForm(t, s, "so2", pagePath, completeForm("0"))
	rec := postForm(t, s, "so2", pagePath, completeForm("0"))
	if rec.Code != 409 || !strings.Contains(rec.Body.String(), "vừa được người khác sửa") {
		t.Fatalf("stale form = %d", rec.Code)
	}
}

// A commune whose former district was split without shares is told, on
// its form, that it is not compared with last year on its own; the note
// neither counts as an error nor as a warning to explain.
func TestSubmissionPage_NotComparedAlone(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestServer(t)
	pool := s.deps.Pool
	c, err := catalog.Load(os.DirFS("../catalog/testdata/timeline"), "timeline")
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := postgres.SaveCatalog(ctx, pool, "timeline", c)
	if err != nil {
		t.Fatal(err)
	}
	v := &domain.CatalogVersion{ID: id, Catalog: c}
	for _, year := range []int{2024, 2025} {
		r, units, _ := rounds.AnnualRound(v, year, time.Time{})
		if _, err := postgres.CreateRound(ctx, pool, r, units); err != nil {
			t.Fatal(err)
		}
	}
	users := []access.User{{Username: "h2", Role: access.RoleAgency, Unit: "H2"}, {Username: "x3", Role: access.RoleAgency, Unit: "X3"}}
	if _, err := s.deps.Auth.EnsureUsers(ctx, users, testPassword); err != nil {
		t.Fatal(err)
	}
	api := apiClient{t, s}
	body := `{"revision":0,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"value":40},
		{"indicator":"BV01","disaggregation":{"SEX":"F"},"value":35}],"narratives":{"KQ-II.1":"Đã triển khai."}}`
	if code, _, raw := api.do("h2", "PUT", "/api/v1/rounds/NAM-2024/submissions/H2", body); code != 200 {
		t.Fatalf("the district's 2024 figures = %d %s", code, raw)
	}
	page := doAs(t, s, "x3", "GET", "/rounds/NAM-2025/submissions/X3").Body.String()
	for _, want := range []string{`<p class="notice">Số liệu của đơn vị không được so sánh riêng với kỳ trước: Huyện 2 được chia cho nhiều đơn vị`,
		"so sánh với kỳ trước được thực hiện cho toàn tỉnh trong báo cáo tổng hợp."} {
		if !strings.Contains(page, want) {
			t.Errorf("X3's form lacks %q", want)
		}
	}
	if strings.Contains(page, "cảnh báo cần giải trình") {
		t.Error("the note is counted as a warning to explain")
	}
}
