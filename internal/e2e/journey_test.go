package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"baocao/internal/demo"
	"baocao/internal/testkit"
)

// The journey follows one unit of the demo's open round: the commune of
// Kiên Lương has a complete draft waiting to be submitted.
const (
	unit       = "XA.KIENLUONG"
	agencyUser = "xa.kienluong"
	staffUser  = "staff"
	leaderUser = "lanhdao"
)

var (
	round    = demo.CurrentRound()
	formPath = "/rounds/" + round + "/submissions/" + unit
)

// journey runs the steps of one test in order; each step is a subtest that
// leaves a screenshot NN-name.png and fails on any console error, CSP
// violation or server error the browser saw during it. A failed step ends
// the journey: the next ones build on it.
type journey struct {
	t         *testing.T
	tab       *tab
	sys       system
	artifacts string
	n         int
}

func (j *journey) step(name string, f func(t *testing.T)) {
	j.n++
	shot := filepath.Join(j.artifacts, fmt.Sprintf("%02d-%s.png", j.n, name))
	ok := j.t.Run(name, func(t *testing.T) {
		defer func() {
			// Also after a failure: the screenshot shows what went wrong.
			j.tab.screenshot(t, shot)
			j.tab.check(t)
		}()
		f(t)
	})
	if !ok {
		j.t.FailNow()
	}
}

// TestJourney_AgencySubmitsStaffReports is issue #9's path through the
// product: an agency fills, fixes, saves and submits its report and round
// trips its Excel form; staff follow the dashboard, accept the report,
// generate the consolidated report and download its PDF.
func TestJourney_AgencySubmitsStaffReports(t *testing.T) {
	started := time.Now()
	artifacts := artifactsDir(t, "")
	sys := startSystem(t, artifacts)
	j := &journey{t: t, tab: startTab(t, sys.URL), sys: sys, artifacts: artifacts}
	tb := j.tab
	t.Logf("system and browser up in %s", time.Since(started).Round(time.Millisecond))

	j.step("agency-signs-in", func(t *testing.T) {
		j.signIn(t, agencyUser, "Ủy ban nhân dân xã Kiên Lương · Đơn vị báo cáo")
	})

	j.step("agency-opens-form", func(t *testing.T) {
		j.follow(t, `nav.user a[href="/rounds"]`, "/rounds")
		j.follow(t, `a[href="`+formPath+`"]`, formPath)
		if h := tb.text(t, "main h1"); h != "Ủy ban nhân dân xã Kiên Lương" {
			t.Errorf("form heading = %q", h)
		}
		if s := tb.text(t, "p.meta .status"); s != "Đang soạn" {
			t.Errorf("status = %q, want the demo's draft (Đang soạn)", s)
		}
	})

	// Three ordinary figures and one count typed negative by mistake.
	typed := map[string]string{
		"v|QT07":                "5",
		"v|VH06":                "3",
		"v|TG01|FORUM_LEVEL=XA": "5",
		"v|TT03":                "-3",
	}
	j.step("agency-fills-cells", func(t *testing.T) {
		for name, v := range typed {
			sel := chromedp.CSS(`input[name="` + name + `"]`)
			tb.do(t, "type into "+name, chromedp.Clear(sel), chromedp.SendKeys(sel, v))
		}
		for name, v := range typed {
			if got := eval[string](t, tb, `document.querySelector('input[name="`+name+`"]').value`); got != v {
				t.Errorf("%s holds %q after typing %q", name, got, v)
			}
		}
		// TG01's "Cộng" adds what is on screen as it is typed.
		checkRowTotal(t, tb, "v|TG01|FORUM_LEVEL=XA")
	})

	j.step("agency-sees-message-next-to-cell", func(t *testing.T) {
		// The browser logs a refused form's 422 as a failed load.
		tb.expectLogError("status of 422")
		status, at := tb.load(t, "save", chromedp.Click(chromedp.CSS(`button[name="action"][value="save"]`)))
		if status != 422 || at != formPath {
			t.Fatalf("saving a negative count answered %d at %s, want 422 at %s", status, at, formPath)
		}
		if a := tb.text(t, `main .error[role="alert"]`); !strings.Contains(a, "Có giá trị không hợp lệ. Chưa lưu thay đổi nào") {
			t.Errorf("page alert = %q", a)
		}
		cell := eval[cellState](t, tb, cellStateJS("v|TT03"))
		if cell.Value != "-3" || !cell.Invalid || cell.AriaInvalid != "true" {
			t.Errorf("the wrong cell: value %q, marked invalid %v, aria-invalid %q; want what was typed, marked", cell.Value, cell.Invalid, cell.AriaInvalid)
		}
		if cell.Box != "TT03" || !containsText(cell.Issues, "giá trị không được âm") {
			t.Errorf("message next to the cell: container %q lists %q, want TT03 listing %q", cell.Box, cell.Issues, "giá trị không được âm")
		}
		if !strings.Contains(cell.Title, "không được âm") {
			t.Errorf("the cell's title = %q, want the message", cell.Title)
		}
		// The message stands by that cell only, and nothing typed is lost.
		if n := eval[int](t, tb, `[...document.querySelectorAll("ul.issues li")].filter(li => li.textContent.includes("không được âm") && !li.closest("fieldset#TT03")).length`); n != 0 {
			t.Errorf("%d messages about a negative value outside TT03", n)
		}
		for name, v := range typed {
			if got := eval[string](t, tb, `document.querySelector('input[name="`+name+`"]').value`); got != v {
				t.Errorf("after the refusal %s shows %q, want what was typed (%q)", name, got, v)
			}
		}
		// One summary at the top, linking to the cell; nothing says there
		// is no error; the total is the typed figures'.
		if n := eval[int](t, tb, `document.querySelectorAll('main [role="alert"]').length`); n != 1 {
			t.Errorf("%d alerts on the page, want the one summary", n)
		}
		if link := tb.text(t, `#can-sua ul.problems a[href="#v%7cTT03"]`); !strings.HasPrefix(link, "TT03 ") {
			t.Errorf("the summary's link to TT03 reads %q", link)
		}
		if eval[bool](t, tb, `document.body.innerText.includes("Không có lỗi")`) {
			t.Error(`the refused form says "Không có lỗi"`)
		}
		checkRowTotal(t, tb, "v|TG01|FORUM_LEVEL=XA")
	})

	j.step("agency-follows-summary-to-cell", func(t *testing.T) {
		tb.do(t, "follow the summary's link", chromedp.Click(chromedp.CSS(`#can-sua ul.problems a[href="#v%7cTT03"]`)))
		var at cellPlace
		testkit.Eventually(t, 5*time.Second, "the cell is focused", func() (bool, error) {
			at = eval[cellPlace](t, tb, cellPlaceJS("v|TT03"))
			return at.Focused == "v|TT03", nil
		})
		if at.Hash != "#v%7cTT03" {
			t.Errorf("address after the link: %q, want #v%%7cTT03", at.Hash)
		}
		if at.Top < 0 || at.Bottom > at.Height {
			t.Errorf("TT03 is at %.0f–%.0f, outside the window of height %.0f", at.Top, at.Bottom, at.Height)
		}
	})

	j.step("agency-fixes-and-saves", func(t *testing.T) {
		sel := chromedp.CSS(`input[name="v|TT03"]`)
		tb.do(t, "fix TT03", chromedp.Clear(sel), chromedp.SendKeys(sel, "55"))
		status, at := tb.load(t, "save", chromedp.Click(chromedp.CSS(`button[name="action"][value="save"]`)))
		if status != 200 || !strings.HasPrefix(at, formPath+"?saved=") {
			t.Fatalf("save answered %d at %s, want the form again with ?saved=", status, at)
		}
		if msg := tb.text(t, `p.ok[role="status"]`); !regexp.MustCompile(`^Đã lưu bản nháp \(lần sửa thứ \d+\)\.$`).MatchString(msg) {
			t.Errorf("flash = %q", msg)
		}
		typed["v|TT03"] = "55"
		for name, v := range typed {
			if got := eval[string](t, tb, `document.querySelector('input[name="`+name+`"]').value`); got != v {
				t.Errorf("stored %s = %q, want %q", name, got, v)
			}
		}
		if n := eval[int](t, tb, `document.querySelectorAll(".invalid").length`); n != 0 {
			t.Errorf("%d cells still marked invalid", n)
		}
		// Against the commune's own report of last year, the typed
		// figures moved by more than the catalog lets pass unexplained.
		if s := tb.text(t, "p.summary"); !regexp.MustCompile(`^Không có lỗi\. · \d+ cảnh báo cần giải trình$`).MatchString(s) {
			t.Errorf("summary = %q, want no errors and warnings to explain", s)
		}
	})

	var explained []string
	j.step("agency-explains-changes", func(t *testing.T) {
		explained = eval[[]string](t, tb, `[...document.querySelectorAll("fieldset.indicator")].filter(f =>
			[...f.querySelectorAll("ul.issues li.warn")].some(li => li.textContent.includes("so với kỳ trước")) &&
			f.querySelector('textarea[name^="e|"]') && f.querySelector('textarea[name^="e|"]').value.trim() === "").map(f => f.id).sort()`)
		if len(explained) == 0 {
			t.Fatal("no change from last year's report to explain")
		}
		for _, code := range explained {
			sel := chromedp.CSS(`textarea[name="e|` + code + `"]`)
			tb.do(t, "explain "+code, chromedp.SendKeys(sel, "Số liệu đã được rà soát, đối chiếu với sổ theo dõi của xã."))
		}
		status, at := tb.load(t, "save", chromedp.Click(chromedp.CSS(`button[name="action"][value="save"]`)))
		if status != 200 || !strings.HasPrefix(at, formPath+"?saved=") {
			t.Fatalf("save answered %d at %s", status, at)
		}
		if s := tb.text(t, "p.summary"); s != "Không có lỗi." {
			t.Errorf("summary = %q, want no errors and nothing left to explain", s)
		}
	})

	j.step("agency-checks-history", func(t *testing.T) {
		j.follow(t, `a[href="`+formPath+`/history"]`, formPath+"/history")
		// The newest revision holds the four typed cells and nothing else:
		// text the form sent back unchanged (a textarea's line breaks come
		// back as CRLF) is no change.
		changed := func(i int) []string {
			return eval[[]string](t, tb, fmt.Sprintf(`[...document.querySelectorAll("section.revision")[%d].querySelectorAll("tbody tr")].map(tr => tr.cells[0].textContent.split(" ")[0]).sort()`, i))
		}
		if got := changed(0); !slices.Equal(got, explained) {
			t.Errorf("the newest revision changed %q, want the explanations of %q", got, explained)
		}
		if got, want := changed(1), []string{"QT07", "TG01", "TT03", "VH06"}; !slices.Equal(got, want) {
			t.Errorf("the revision before changed %q, want %q", got, want)
		}
		if h := tb.text(t, "section.revision h3"); !strings.Contains(h, "Ủy ban nhân dân xã Kiên Lương · nhập trên web") {
			t.Errorf("newest revision: %q", h)
		}
	})

	j.step("agency-submits", func(t *testing.T) {
		j.follow(t, `p.crumbs a[href="`+formPath+`"]`, formPath)
		status, at := tb.load(t, "submit", chromedp.Click(chromedp.CSS(`button[name="action"][value="submit"]`)))
		if status != 200 || at != formPath+"?submitted=1" {
			t.Fatalf("submit answered %d at %s", status, at)
		}
		if msg := tb.text(t, `p.ok[role="status"]`); msg != "Đã nộp báo cáo." {
			t.Errorf("flash = %q", msg)
		}
		if s := tb.text(t, "p.meta .status"); s != "Đã nộp" {
			t.Errorf("status = %q, want Đã nộp", s)
		}
		// Submitted means submitted: the form is read-only, and the way to
		// correct it is an explicit withdrawal.
		if n := eval[int](t, tb, `document.querySelectorAll('button[name="action"], form[action$="/upload"]').length`); n != 0 {
			t.Errorf("%d save, submit or upload controls on a submitted report", n)
		}
		if cell := eval[cellState](t, tb, cellStateJS("v|TT03")); !cell.ReadOnly {
			t.Error("TT03 is editable on a submitted report")
		}
		if h := tb.text(t, "section.withdraw h2"); h != "Báo cáo đã nộp, đang chờ xem xét" {
			t.Errorf("withdraw section heading = %q", h)
		}
	})

	j.step("agency-withdraws-to-correct", func(t *testing.T) {
		status, at := tb.load(t, "withdraw", chromedp.Click(chromedp.CSS(`form[action="`+formPath+`/withdraw"] button[type="submit"]`)))
		if status != 200 || at != formPath+"?withdrawn=1" {
			t.Fatalf("withdraw answered %d at %s", status, at)
		}
		if msg := tb.text(t, `p.ok[role="status"]`); !strings.HasPrefix(msg, "Đã rút lại báo cáo.") || !strings.Contains(msg, "chưa được tính là đã nộp") {
			t.Errorf("flash = %q", msg)
		}
		if s := tb.text(t, "p.meta .status"); s != "Đang soạn" {
			t.Errorf("status = %q, want Đang soạn", s)
		}
	})

	var workbook string
	j.step("agency-downloads-excel", func(t *testing.T) {
		name, data := tb.download(t, "download the form", chromedp.Click(chromedp.CSS(`a[href="`+formPath+`/form.xlsx"]`)))
		workbook = j.keep(t, name, data)
		checkWorkbook(t, workbook, map[string]string{"value:QT07": "5", "value:VH06": "3", "value:TT03": "55"})
	})

	j.step("agency-uploads-wrong-type", func(t *testing.T) {
		wrong := filepath.Join(j.artifacts, "download-wrong-type.xlsx")
		setWorkbookCell(t, workbook, wrong, "QT07", "năm")
		tb.do(t, "choose the file", chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"][name="file"]`), []string{wrong}))
		status, at := tb.load(t, "upload", chromedp.Click(chromedp.CSS(`form[action="`+formPath+`/upload"] button[type="submit"]`)))
		if status != 200 || !regexp.MustCompile(`^/jobs/\d+$`).MatchString(at) {
			t.Fatalf("upload answered %d at %s, want the job page", status, at)
		}
		tb.waitFor(t, "the import result is shown", `document.querySelector('main [role="status"], main [role="alert"]') !== null`, time.Minute)
		problems := tb.text(t, `main [role="alert"] ul`)
		if !regexp.MustCompile(`'Biểu \d+'!\w+ — QT07 Số cuộc thanh tra, kiểm tra, giám sát việc thực hiện quyền trẻ em: cần một số nguyên không âm, đã nhận 'năm'`).MatchString(problems) {
			t.Errorf("import problems = %q, want the cell, QT07 and the type it takes", problems)
		}
	})

	j.step("agency-returns-to-report", func(t *testing.T) {
		// The way back to the report, to fix or upload again.
		j.follow(t, `main a[href="`+formPath+`#nhap-excel"]`, formPath)
	})

	j.step("agency-uploads-excel", func(t *testing.T) {
		tb.do(t, "choose the file", chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"][name="file"]`), []string{workbook}))
		status, at := tb.load(t, "upload", chromedp.Click(chromedp.CSS(`form[action="`+formPath+`/upload"] button[type="submit"]`)))
		if status != 200 || !regexp.MustCompile(`^/jobs/\d+$`).MatchString(at) {
			t.Fatalf("upload answered %d at %s, want the job page", status, at)
		}
		// The page reloads itself until the import job has run.
		tb.waitFor(t, "the import result is shown", `document.querySelector('main [role="status"], main [role="alert"]') !== null`, time.Minute)
		// The workbook holds exactly what was saved, so importing it changes nothing.
		if msg := tb.text(t, `main p.ok[role="status"]`); msg != "Tệp không có thay đổi nào so với số liệu hiện có." {
			t.Errorf("import result = %q", msg)
		}
	})

	j.step("agency-submits-again", func(t *testing.T) {
		tb.open(t, formPath)
		status, at := tb.load(t, "submit again", chromedp.Click(chromedp.CSS(`button[name="action"][value="submit"]`)))
		if status != 200 || at != formPath+"?submitted=1" {
			t.Fatalf("submit answered %d at %s", status, at)
		}
		// Still judged by the first submission; the page says it was sent again.
		if meta := tb.text(t, "p.meta"); !strings.Contains(meta, "Nộp lần đầu lúc") || !strings.Contains(meta, "Nộp lại lúc") {
			t.Errorf("meta = %q, want the first submission and the resubmission", meta)
		}
	})

	var acceptedBefore int
	j.step("staff-signs-in", func(t *testing.T) {
		status, at := tb.load(t, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
		if status != 200 || at != "/login" {
			t.Fatalf("sign out answered %d at %s", status, at)
		}
		j.signIn(t, staffUser, "Cán bộ tổng hợp")
		// Named once when the name is the role's.
		if who := tb.text(t, "nav.user .who"); strings.Contains(who, "Cán bộ tổng hợp · Cán bộ tổng hợp") {
			t.Errorf("header = %q", who)
		}
	})

	j.step("staff-follows-dashboard", func(t *testing.T) {
		j.follow(t, `nav.user a[href="/rounds"]`, "/rounds")
		j.follow(t, `a[href="/rounds/`+round+`/progress"]`, "/rounds/"+round+"/progress")
		kpi := tb.text(t, ".kpis div:first-child strong")
		m := regexp.MustCompile(`^(\d+)/(\d+)$`).FindStringSubmatch(kpi)
		if m == nil {
			t.Fatalf("submitted KPI = %q, want n/m", kpi)
		}
		if got := tb.text(t, ".kpis div:nth-child(5) span"); got != "đã tiếp nhận" {
			t.Fatalf("fifth KPI is %q, want the accepted count", got)
		}
		acceptedBefore, _ = strconv.Atoi(tb.text(t, ".kpis div:nth-child(5) strong"))
		if row := unitRow(t, tb); !strings.Contains(row, "Đã nộp") {
			t.Errorf("Kiên Lương in the table of all units: %q, want Đã nộp", row)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("figure.chart svg rect").length`); n == 0 {
			t.Error("the dashboard has no chart")
		}
		// What waits for review comes first, Kiên Lương's report among it.
		if !eval[bool](t, tb, `!!(document.querySelector("#cho-xem-xet").compareDocumentPosition(document.querySelector(".kpis")) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
			t.Error("the list of reports waiting for review is not above the figures")
		}
	})

	j.step("staff-opens-submission", func(t *testing.T) {
		j.follow(t, `#cho-xem-xet a[href="`+formPath+`#xem-xet"]`, formPath)
		if h := tb.text(t, "section.review h2"); h != "Xem xét báo cáo" {
			t.Errorf("review section heading = %q", h)
		}
		// At the top, with what changed since the report was last
		// submitted: it was withdrawn and submitted again as it was.
		if !eval[bool](t, tb, `!!(document.querySelector("section.review").compareDocumentPosition(document.querySelector("form.entry")) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
			t.Error("the review box is not above the form")
		}
		if s := tb.text(t, "section.review"); !strings.Contains(s, "Thay đổi so với lần nộp trước") || !strings.Contains(s, "không có thay đổi") {
			t.Errorf("review box = %q, want the changes since the last submission", s)
		}
		cell := eval[cellState](t, tb, cellStateJS("v|TT03"))
		if cell.Value != "55" || !cell.ReadOnly {
			t.Errorf("staff see TT03 = %q (read-only %v), want 55, read-only", cell.Value, cell.ReadOnly)
		}
	})

	j.step("staff-returns-without-comment", func(t *testing.T) {
		tb.expectLogError("status of 422")
		status, at := tb.load(t, "return", chromedp.Click(chromedp.CSS(`button[name="decision"][value="return"]`)))
		if status != 422 || at != formPath+"/review" {
			t.Fatalf("returning without a comment answered %d at %s, want 422 and the page again", status, at)
		}
		if h := tb.text(t, "main h1"); h != "Ủy ban nhân dân xã Kiên Lương" {
			t.Errorf("heading = %q, want the report's page", h)
		}
		if msg := tb.text(t, "#comment-error"); msg != "Hãy ghi ý kiến: đơn vị cần biết phải sửa những gì." {
			t.Errorf("message next to the comment = %q", msg)
		}
		if s := tb.text(t, "p.meta .status"); s != "Đã nộp" {
			t.Errorf("status = %q, want it unchanged", s)
		}
	})

	const comment = "Số liệu đầy đủ, hợp lệ. Tiếp nhận."
	j.step("staff-accepts", func(t *testing.T) {
		tb.do(t, "comment", chromedp.SendKeys(chromedp.ID("comment"), comment))
		status, at := tb.load(t, "accept", chromedp.Click(chromedp.CSS(`button[name="decision"][value="accept"]`)))
		if status != 200 || at != formPath+"?reviewed=1" {
			t.Fatalf("accept answered %d at %s", status, at)
		}
		if s := tb.text(t, "p.meta .status"); s != "Đã tiếp nhận" {
			t.Errorf("status = %q, want Đã tiếp nhận", s)
		}
		if n := tb.text(t, "div.notice"); !strings.Contains(n, comment) || !strings.Contains(n, "(Cán bộ tổng hợp)") {
			t.Errorf("review comment shown as %q, want it signed with the reviewer's name", n)
		}
	})

	j.step("staff-opens-reports", func(t *testing.T) {
		j.follow(t, `p.crumbs a[href="/rounds"]`, "/rounds")
		j.follow(t, `a[href="/rounds/`+round+`/progress"]`, "/rounds/"+round+"/progress")
		if got, _ := strconv.Atoi(tb.text(t, ".kpis div:nth-child(5) strong")); got != acceptedBefore+1 {
			t.Errorf("accepted KPI = %d, want %d", got, acceptedBefore+1)
		}
		j.follow(t, `a.button[href="/rounds/`+round+`/reports"]`, "/rounds/"+round+"/reports")
		if h := tb.text(t, "main h1"); h != "Báo cáo tổng hợp" {
			t.Errorf("heading = %q", h)
		}
	})

	j.step("staff-generates-report", func(t *testing.T) {
		status, at := tb.load(t, "generate", chromedp.Click(chromedp.CSS(`form[action="/rounds/`+round+`/reports"] button[type="submit"]`)))
		if status != 200 || !regexp.MustCompile(`^/jobs/\d+$`).MatchString(at) {
			t.Fatalf("generate answered %d at %s, want the job page", status, at)
		}
		if h := tb.text(t, "main h1"); h != "Tạo báo cáo tổng hợp" {
			t.Errorf("job page heading = %q", h)
		}
	})

	var number string
	j.step("staff-watches-report-progress", func(t *testing.T) {
		tb.waitFor(t, "the generated report is shown", `document.querySelector('main [role="status"], main [role="alert"]') !== null`, 3*time.Minute)
		msg := tb.text(t, `main [role="status"], main [role="alert"]`)
		m := regexp.MustCompile(`^Đã tạo báo cáo tổng hợp số (\d+)`).FindStringSubmatch(msg)
		if m == nil {
			t.Fatalf("result = %q, want a new report", msg)
		}
		number = m[1]
	})

	j.step("staff-downloads-pdf", func(t *testing.T) {
		j.follow(t, `main a[href="/rounds/`+round+`/reports"]`, "/rounds/"+round+"/reports")
		// The latest snapshot counts every accepted report, Kiên Lương's too.
		if s := tb.text(t, "main section.card p"); !strings.Contains(s, fmt.Sprintf("số liệu từ %d báo cáo", acceptedBefore+1)) {
			t.Errorf("latest snapshot: %q, want it built from %d reports", s, acceptedBefore+1)
		}
		// Sets are listed newest first.
		pdf := chromedp.JSPath(`[...document.querySelectorAll('table.list tbody tr:first-child a[href^="/api/v1/reports/"]')].find(a => a.textContent.trim() === "PDF")`)
		name, data := tb.download(t, "download the PDF", chromedp.Click(pdf))
		checkPDF(t, j.keep(t, name, data), data, "") // the draft: no number of issue yet
	})

	j.step("leader-signs-in", func(t *testing.T) {
		status, at := tb.load(t, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
		if status != 200 || at != "/login" {
			t.Fatalf("sign out answered %d at %s", status, at)
		}
		j.signIn(t, leaderUser, "Lãnh đạo Ủy ban nhân dân tỉnh An Giang")
		tb.open(t, "/rounds/"+round+"/reports")
		if n := eval[int](t, tb, `document.querySelectorAll('form[action="/rounds/`+round+`/reports"]').length`); n != 0 {
			t.Error("the leader is offered to generate reports")
		}
	})

	j.step("leader-issues-report", func(t *testing.T) {
		issue := `form[action="/rounds/` + round + `/reports/` + strings.TrimLeft(number, "0") + `/issue"] button[type="submit"]`
		status, at := tb.load(t, "issue", chromedp.Click(chromedp.CSS(issue)))
		if status != 200 || at != "/rounds/"+round+"/reports?issued="+strings.TrimLeft(number, "0") {
			t.Fatalf("issue answered %d at %s", status, at)
		}
		if msg := tb.text(t, `p.ok[role="status"]`); !strings.HasPrefix(msg, "Đã ban hành báo cáo") {
			t.Errorf("flash = %q", msg)
		}
		// The page checks the package it stored: hashes and signature.
		if v := tb.text(t, "table.list tbody tr:first-child .good"); !strings.HasPrefix(v, "Kiểm tra gói: mã băm khớp, chữ ký số hợp lệ") {
			t.Errorf("verdict = %q", v)
		}
		pdf := chromedp.JSPath(`[...document.querySelectorAll('table.list tbody tr:first-child td:nth-child(3) a[href^="/api/v1/reports/"]')].find(a => a.textContent.trim() === "PDF")`)
		name, data := tb.download(t, "download the signed PDF", chromedp.Click(pdf))
		checkPDF(t, j.keep(t, name, data), data, number)
	})
	t.Logf("journey done in %s", time.Since(started).Round(time.Millisecond))
}
