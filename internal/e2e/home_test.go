package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"baocao/internal/catalog"
	"baocao/internal/testkit"
)

// TestJourney_HomePagesByRole signs in as an agency, a member of staff and
// the administrator and reads what each one's home page says to do next
// (issue #20): the agency its open round, its deadline and the one step it
// needs; staff the open round's progress and the reports waiting longest
// for review; the administrator the accounts never used, the catalog in
// force and the machine, which nobody else sees. Each page is looked at
// 1400 px wide and at a phone's width.
func TestJourney_HomePagesByRole(t *testing.T) {
	artifacts := artifactsDir(t, "home")
	sys := startSystem(t, artifacts)
	j := &journey{t: t, tab: startTab(t, sys.URL), sys: sys, artifacts: artifacts}
	tb := j.tab
	tb.windowSize(t, 1400, 900)

	// The round's deadline as the API states it, written as people read it.
	type apiRound struct {
		Code  string    `json:"code"`
		DueAt time.Time `json:"due_at"`
	}
	var rounds []apiRound
	if code, body := apiGet(t, sys, signInAPI(t, sys, agencyUser, sys.Password), "/api/v1/rounds"); code != 200 ||
		json.Unmarshal([]byte(body), &rounds) != nil {
		t.Fatalf("rounds: %d %s", code, body)
	}
	i := slices.IndexFunc(rounds, func(r apiRound) bool { return r.Code == round })
	if i < 0 {
		t.Fatalf("the agency's rounds lack %s: %v", round, rounds)
	}
	deadline := catalog.DeadlineText(rounds[i].DueAt)

	card := `section.todo#round-` + round
	j.step("agency-home", func(t *testing.T) {
		j.signIn(t, agencyUser, "Ủy ban nhân dân xã Kiên Lương")
		if h := tb.text(t, "main h1"); h != "Ủy ban nhân dân xã Kiên Lương" {
			t.Errorf("heading = %q, want the unit", h)
		}
		if s := tb.text(t, card+" .status"); s != "Đang soạn" {
			t.Errorf("status = %q, want the demo's draft (Đang soạn)", s)
		}
		due := tb.text(t, card+" p.due")
		if !regexp.MustCompile(`^Hạn nộp: ` + regexp.QuoteMeta(deadline) + ` · (còn \d+ ngày|hôm nay là ngày cuối)$`).MatchString(due) {
			t.Errorf("deadline line = %q, want %q with the days left", due, deadline)
		}
		// One next action, the draft's, to the unit's own form.
		next := eval[[]string](t, tb, `[...document.querySelectorAll("`+card+` p.next a")].map(a => a.textContent.trim() + " " + a.getAttribute("href"))`)
		if !slices.Equal(next, []string{"Tiếp tục " + formPath}) {
			t.Errorf("next actions = %q, want Tiếp tục to %s", next, formPath)
		}
		// Nothing of another unit, and nothing of the machine.
		if other := eval[[]string](t, tb, `[...document.querySelectorAll('main a[href*="/submissions/"]')].map(a => a.getAttribute("href")).filter(h => !h.startsWith("`+formPath+`"))`); len(other) != 0 {
			t.Errorf("links to other units' reports: %q", other)
		}
		if main := tb.text(t, "main"); strings.Contains(main, "Cơ sở dữ liệu") || strings.Contains(main, "Vận hành") || strings.Contains(main, "Máy chủ") {
			t.Errorf("the agency sees the machine's status:\n%s", main)
		}
	})

	j.step("agency-home-phone", func(t *testing.T) { homeOnPhone(t, tb) })

	j.step("agency-follows-next-action", func(t *testing.T) {
		tb.windowSize(t, 1400, 900)
		j.follow(t, card+" p.next a.button", formPath)
	})

	j.step("staff-home", func(t *testing.T) {
		// The demo's past rounds are reported on by a worker after start;
		// once their reports are issued, their reports left unreviewed no
		// longer wait for anyone.
		staff := signInAPI(t, sys, staffUser, sys.Password)
		testkit.Eventually(t, 3*time.Minute, "the past rounds' reports are issued", func() (bool, error) {
			var all []struct{ Code, Status string }
			if code, body := apiGet(t, sys, staff, "/api/v1/rounds"); code != 200 || json.Unmarshal([]byte(body), &all) != nil {
				return false, fmt.Errorf("rounds: %d %s", code, body)
			}
			for _, r := range all {
				if _, body := apiGet(t, sys, staff, "/api/v1/rounds/"+r.Code+"/reports"); r.Status == "locked" && !strings.Contains(body, `"state":"issued"`) {
					return false, nil
				}
			}
			return true, nil
		})
		j.signOut(t)
		j.signIn(t, staffUser, "Cán bộ tổng hợp")
		glance := tb.text(t, `#progress .glance`)
		m := regexp.MustCompile(`(\d+)/(\d+) đã nộp \(\d+%\)`).FindStringSubmatch(glance)
		if m == nil || !strings.Contains(glance, "chờ xem xét") || !strings.Contains(glance, "Hạn nộp "+deadline) {
			t.Errorf("the open round at a glance: %q, want n/m submitted, waiting for review and the deadline %q", glance, deadline)
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#progress a[href="/rounds/`+round+`/progress"]').length`); n == 0 {
			t.Error("no link to the round's dashboard")
		}
		rows := eval[[]string](t, tb, `[...document.querySelectorAll("#review table.waiting tbody tr")].map(tr => tr.cells[2].textContent.trim().slice(0, 16) + "|" + tr.querySelector("a").getAttribute("href"))`)
		if len(rows) == 0 {
			t.Fatal("nothing waits for review in the demo round")
		}
		var times []time.Time
		for _, r := range rows {
			at, href, _ := strings.Cut(r, "|")
			when, err := time.ParseInLocation("15:04 02/01/2006", at, catalog.Vietnam)
			if err != nil || !regexp.MustCompile(`^/rounds/[^/]+/submissions/[^/]+$`).MatchString(href) {
				t.Errorf("row %q: want a submission time and a link to the report", r)
			}
			times = append(times, when)
		}
		if !slices.IsSortedFunc(times, func(a, b time.Time) int { return a.Compare(b) }) {
			t.Errorf("waiting reports are not oldest first: %q", rows)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("#ops, #accounts, #catalog").length`); n != 0 {
			t.Errorf("staff see %d of the administrator's panels", n)
		}
	})

	j.step("staff-opens-waiting-report", func(t *testing.T) {
		href := eval[string](t, tb, `document.querySelector("#review table.waiting tbody tr a").getAttribute("href")`)
		j.follow(t, `#review table.waiting tbody tr a[href="`+href+`"]`, href)
		if s := tb.text(t, "p.meta .status"); s != "Đã nộp" {
			t.Errorf("the report waiting for review is %q", s)
		}
	})

	j.step("admin-home", func(t *testing.T) {
		j.signOut(t)
		j.signIn(t, adminUser, "Quản trị hệ thống")
		never := tb.text(t, "#accounts .big")
		if !regexp.MustCompile(`^\d+$`).MatchString(never) {
			t.Errorf("accounts never signed in = %q", never)
		}
		if c := tb.text(t, "#catalog"); !regexp.MustCompile(`Phiên bản \d+ · an-giang-2025`).MatchString(c) {
			t.Errorf("catalog panel = %q, want the version in force", c)
		}
		ops := tb.text(t, "#ops table.facts")
		if !strings.Contains(ops, "Cơ sở dữ liệu kết nối bình thường") || !strings.Contains(ops, "Xử lý nền hoạt động (lần gần nhất") {
			t.Errorf("operations panel = %q", ops)
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#ops a[href="/admin/jobs/"]').length`); n != 1 {
			t.Error("no link to the job queues")
		}
	})

	j.step("admin-follows-accounts", func(t *testing.T) {
		never := tb.text(t, "#accounts .big")
		j.follow(t, `#accounts a[href="/admin/users?signed_in=0&disabled=0"]`, "/admin/users?signed_in=0&disabled=0")
		if rows := eval[int](t, tb, `document.querySelectorAll("table.list tbody tr").length`); never != strconv.Itoa(rows) {
			t.Errorf("the filtered list has %d accounts, the home page counted %s", rows, never)
		}
		if last := eval[[]string](t, tb, `[...document.querySelectorAll("table.list tbody tr")].map(tr => tr.cells[5].textContent.trim())`); slices.ContainsFunc(last, func(s string) bool { return s != "chưa đăng nhập" }) {
			t.Errorf("the list of accounts never signed in shows sign-ins: %q", last)
		}
	})

	j.step("admin-home-phone", func(t *testing.T) { homeOnPhone(t, tb) })

	j.step("staff-home-phone", func(t *testing.T) {
		j.signOut(t)
		j.signIn(t, staffUser, "Cán bộ tổng hợp")
		fitsScreen(t, tb)
	})
}

// homeOnPhone opens the home page on a phone's screen and checks that it
// fits.
func homeOnPhone(t *testing.T, tb *tab) {
	t.Helper()
	tb.windowSize(t, 390, 844)
	tb.open(t, "/")
	fitsScreen(t, tb)
}

// fitsScreen fails t when the page is wider than the window, naming the
// elements that stick out.
func fitsScreen(t *testing.T, tb *tab) {
	t.Helper()
	if w := eval[[2]int](t, tb, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		out := eval[[]string](t, tb, `[...document.querySelectorAll("main *, header *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 &&
	![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1)).slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right) + "px: " + e.textContent.trim().slice(0, 40))`)
		t.Errorf("the page is %d px wide on a %d px screen; sticking out: %q", w[0], w[1], out)
	}
}

// windowSize makes the browser window width × height, as a reader's screen.
func (tb *tab) windowSize(t *testing.T, width, height int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	win, err := chromedp.Call(ctx, browser.GetWindowForTarget, browser.GetWindowForTargetParams{})
	if err == nil {
		_, err = chromedp.CallBrowser(ctx, browser.SetWindowBounds, browser.SetWindowBoundsParams{WindowID: win.WindowID,
			Bounds: &browser.Bounds{Width: width, Height: height, WindowState: browser.WindowStateNormal}})
	}
	if err != nil {
		t.Fatalf("window size %d×%d: %v", width, height, err)
	}
}
