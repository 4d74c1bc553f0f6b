package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A refused save has one summary at the top, each problem a link to its
// cell; the page never says there is no error, and its totals are those
// of what was typed.
func TestSubmissionPage_RefusedSaveSummaryLinksToCells(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	if rec := postForm(t, s, "so2", pagePath, completeForm("0")); rec.Code != 303 {
		t.Fatalf("save = %d", rec.Code)
	}
	f := completeForm("1")
	f.Set("v|BV01|SEX=F", "mười hai")
	f.Set("v|GD01|den", "-5")
	f.Set("v|BV02|SEX=M", "90") // well-formed: stored 80 + 70, typed 90 + 70
	rec := postForm(t, s, "so2", pagePath, f)
	page := rec.Body.String()
	if rec.Code != 422 {
		t.Fatalf("refused save = %d", rec.Code)
	}
	summary := regexp.MustCompile(`(?s)<div class="error problem-summary" role="alert" id="can-sua" tabindex="-1">.*?</div>`).FindString(page)
	for _, want := range []string{
		"Có giá trị không hợp lệ",
		`<a href="#v%7cBV01%7cSEX%3dF">BV01 Số trẻ em có hoàn cảnh đặc biệt — Nữ</a>: cần một số nguyên không âm, đã nhận &#39;mười hai&#39;`,
		`<a href="#v%7cGD01%7cden">GD01 `,
		`giá trị không được âm, đã nhận &#39;-5&#39;`,
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %s:\n%s", want, summary)
		}
	}
	if strings.Count(page, `role="alert"`) != 1 {
		t.Errorf("%d alerts on the page, want the one summary", strings.Count(page, `role="alert"`))
	}
	// Each link's target is an input with that id, marked and still
	// holding what was typed.
	for _, want := range []string{`<input id="v|BV01|SEX=F" name="v|BV01|SEX=F" value="mười hai"`, `<input id="v|GD01|den" name="v|GD01|den" value="-5"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "Không có lỗi") {
		t.Error(`a refused save says "Không có lỗi"`)
	}
	// BV02's "Cộng" adds what is on screen; BV01's, with a cell that is
	// not a number, is left empty rather than stale.
	if !strings.Contains(page, `<output data-sum>160</output>`) {
		t.Errorf("BV02's total is not the typed figures':\n%s", excerpt(page, `id="BV02"`))
	}
	if strings.Contains(page, `<output data-sum>2.300</output>`) {
		t.Error("BV01's total is the stored one")
	}
	if !strings.Contains(page, `<script src="/static/app.js"></script>`) {
		t.Error("the page does not load its script")
	}
}

// A submission blocked by findings lists them at the top, each linked to
// what fixes it: a cell, a narrative.
func TestSubmissionPage_BlockedSubmitLinksToFields(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	f := completeForm("0")
	f.Set("action", "submit")
	f.Del("v|BV02|SEX=F")
	f.Del("n|KIEN-NGHI")
	rec := postForm(t, s, "so2", pagePath, f)
	page := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(page, "chưa nộp được") {
		t.Fatalf("blocked submission = %d", rec.Code)
	}
	for _, want := range []string{`<a href="#v%7cBV02%7cSEX%3dF">BV02 `, `<a href="#n%7cKIEN-NGHI">`, `<textarea id="n|KIEN-NGHI" name="n|KIEN-NGHI"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "Không có lỗi") {
		t.Error(`a blocked submission says "Không có lỗi"`)
	}
}

// Returning a report without a comment shows the same page again, 422,
// the message next to the comment and what was typed kept; nothing
// changes.
func TestSubmissionPage_RefusedReviewShowsThePageAgain(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("submit = %d %s", code, raw)
	}
	rec := postForm(t, s, "staff", pagePath+"/review", url.Values{"decision": {"return"}, "comment": {"   "}})
	page := rec.Body.String()
	if rec.Code != 422 || !strings.Contains(page, "<h1>Sở Hai</h1>") {
		t.Fatalf("return without a comment = %d, want 422 on the report's page", rec.Code)
	}
	if !regexp.MustCompile(`<textarea id="comment" name="comment" rows="3" aria-invalid="true" aria-describedby="comment-error">\s*</textarea>\s*` +
		`<p class="field-error" id="comment-error" role="alert">Hãy ghi ý kiến: đơn vị cần biết phải sửa những gì.</p>`).MatchString(page) {
		t.Errorf("the message is not next to the comment:\n%s", excerpt(page, `id="xem-xet"`))
	}
	// An unknown decision: the message by the buttons, the comment kept.
	rec = postForm(t, s, "staff", pagePath+"/review", url.Values{"decision": {"maybe"}, "comment": {"Thiếu số liệu BV02"}})
	if page := rec.Body.String(); rec.Code != 422 || !strings.Contains(page, ">Thiếu số liệu BV02</textarea>") ||
		!strings.Contains(page, "Hãy chọn «Tiếp nhận» hoặc «Trả lại để sửa».") {
		t.Errorf("unknown decision = %d; want the typed comment kept and the message", rec.Code)
	}
	if _, got, _ := api.do("so2", "GET", subPath, ""); got["status"] != "submitted" {
		t.Fatalf("a refused review changed the status to %v", got["status"])
	}
	// Reopening an accepted report needs a reason too.
	if rec := postForm(t, s, "staff", pagePath+"/review", url.Values{"decision": {"accept"}}); rec.Code != 303 {
		t.Fatalf("accept = %d", rec.Code)
	}
	rec = postForm(t, s, "staff", pagePath+"/review", url.Values{"decision": {"reopen"}, "comment": {""}})
	if page := rec.Body.String(); rec.Code != 422 || !strings.Contains(page, `id="comment-error" role="alert">Hãy ghi lý do mở lại`) {
		t.Errorf("reopen without a reason = %d:\n%s", rec.Code, excerpt(page, `id="xem-xet"`))
	}
	// Withdrawing what is no longer submitted: the page again, saying why.
	rec = postForm(t, s, "so2", pagePath+"/withdraw", nil)
	if page := rec.Body.String(); rec.Code != 409 || !strings.Contains(page, "<h1>Sở Hai</h1>") ||
		!strings.Contains(page, "báo cáo đang ở trạng thái «Đã tiếp nhận»") {
		t.Errorf("withdrawing an accepted report = %d, want 409 on the report's page saying why", rec.Code)
	}
}

// Staff find the review box at the top of the page, with the findings,
// the unit's explanations and what changed since the report was last
// submitted.
func TestSubmissionPage_ReviewBoxOnTopWithChanges(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	api.do("so2", "POST", subPath+"/submit", "")
	page := doAs(t, s, "staff", "GET", pagePath).Body.String()
	box, form := strings.Index(page, `id="xem-xet"`), strings.Index(page, `class="entry"`)
	if box < 0 || form < 0 || box > form {
		t.Fatalf("the review box (at %d) is not above the form (at %d)", box, form)
	}
	if !strings.Contains(page, "Đây là lần nộp đầu tiên (lần sửa 1)") {
		t.Errorf("first submission not said:\n%s", excerpt(page, "Thay đổi so với lần nộp trước"))
	}
	// Returned, changed and submitted again: the box lists the change.
	if rec := postForm(t, s, "staff", pagePath+"/review", url.Values{"decision": {"return"}, "comment": {"Kiểm tra BV02"}}); rec.Code != 303 {
		t.Fatalf("return = %d", rec.Code)
	}
	changed := strings.Replace(body(completeSO2, 1), `{"SEX": "M"}, "value": 80`, `{"SEX": "M"}, "value": 85`, 1)
	if code, _, raw := api.do("so2", "PUT", subPath, changed); code != 200 {
		t.Fatalf("change = %d %s", code, raw)
	}
	if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
		t.Fatalf("resubmit = %d %s", code, raw)
	}
	page = doAs(t, s, "staff", "GET", pagePath).Body.String()
	text := visibleText(page[strings.Index(page, `id="xem-xet"`):strings.Index(page, `class="entry"`)])
	if strings.Contains(text, "Không có lỗi.") {
		t.Errorf("the report's summary line repeats the box's findings: %s", text)
	}
	for _, want := range []string{"Ý kiến lần xem xét trước (staff): Kiểm tra BV02", "Lần sửa 1 → lần sửa 2 (1 thay đổi)", "BV02 Số trẻ em có hoàn cảnh đặc biệt được trợ giúp — Nam 80 85", "Tiếp nhận", "Trả lại để sửa"} {
		if !strings.Contains(text, want) {
			t.Errorf("review box lacks %q: %s", want, text)
		}
	}
	// The agency has no review box.
	if strings.Contains(doAs(t, s, "so2", "GET", pagePath).Body.String(), `id="xem-xet"`) {
		t.Error("the agency sees the review box")
	}
}

// A refused upload from the page shows the page again with the message by
// the file's field, or at the top when the upload is not offered.
func TestSubmissionPage_RefusedUploadShowsThePageAgain(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	rec := postForm(t, s, "so2", pagePath+"/upload", nil)
	if page := rec.Body.String(); rec.Code != 422 || !strings.Contains(page, "<h1>Sở Hai</h1>") ||
		!strings.Contains(page, `<p class="field-error" id="file-error" role="alert">Hãy chọn tệp Excel (.xlsx) đã nhập số liệu để tải lên.</p>`) {
		t.Errorf("upload without a file = %d:\n%s", rec.Code, excerpt(page, `id="nhap-excel"`))
	}
	rec = uploadPage(t, s, "so2", pagePath+"/upload", []byte("không phải bảng tính"))
	if page := rec.Body.String(); rec.Code != 422 || !strings.Contains(page, `id="file-error" role="alert">Tệp không phải bảng tính Excel`) {
		t.Errorf("upload of a text file = %d:\n%s", rec.Code, excerpt(page, `id="nhap-excel"`))
	}
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	api.do("so2", "POST", subPath+"/submit", "")
	rec = uploadPage(t, s, "so2", pagePath+"/upload", []byte("PK\x03\x04"))
	if page := rec.Body.String(); rec.Code != 409 || !strings.Contains(page, `id="can-sua"`) || !strings.Contains(page, "Báo cáo đã nộp nên không sửa được") {
		t.Errorf("upload onto a submitted report = %d:\n%s", rec.Code, excerpt(page, "<main>"))
	}
}
