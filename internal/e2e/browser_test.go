package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns the browser to drive: $CHROME_BIN, else chromium or
// chromium-browser on PATH. A missing browser fails the test: the browser
// tests are part of `make test`, and skipping them would hide that they did
// not run.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_BIN"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CHROME_BIN=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found for the browser tests: install it (Debian: apt-get install chromium) " +
		"or set CHROME_BIN to a Chromium or Chrome binary")
	return ""
}

// tab is one browser tab on the system under test. It records what would
// show as red in the browser's console (console.error, uncaught exceptions,
// CSP violations and other error entries of the browser log) and every
// server error response, until the step that caused them checks.
type tab struct {
	ctx       context.Context
	base      string
	downloads string

	mu       sync.Mutex
	page     string   // path of the last document loaded
	problems []string // since the last check, each naming its page
	expected []string // texts of error log entries the current step causes on purpose
}

// startTab starts a headless Chromium with a fresh profile and opens a
// tab; both end with t.
func startTab(t *testing.T, base string) *tab {
	t.Helper()
	profile := filepath.Join(t.TempDir(), "profile")
	tb := &tab{base: base, downloads: filepath.Join(t.TempDir(), "downloads")}
	if err := os.MkdirAll(tb.downloads, 0o755); err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// No network but the system under test: nothing to update, sync or
		// fetch in the background.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(tb.observe))
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first action starts the browser and ties its life to the context
	// it gets, so it runs on ctx itself; a browser that cannot start fails
	// the test after a minute instead of hanging it.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start Chromium: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("start Chromium: no answer after a minute")
	}
	tb.ctx = ctx
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
		DownloadPath:  tb.downloads,
		EventsEnabled: new(true),
	})
	if err != nil {
		t.Fatalf("set the download directory: %v", err)
	}
	return tb
}

// observe runs in the tab's event loop: it only records.
func (tb *tab) observe(ev any) {
	switch ev := ev.(type) {
	case *network.EventResponseReceived:
		tb.mu.Lock()
		defer tb.mu.Unlock()
		if ev.Type == network.ResourceTypeDocument {
			tb.page = pathOf(ev.Response.URL)
		}
		if ev.Response.Status >= 500 {
			tb.problems = append(tb.problems, fmt.Sprintf("%s: HTTP %d for %s", tb.page, ev.Response.Status, pathOf(ev.Response.URL)))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			if len(a.Value) > 0 {
				args = append(args, string(a.Value))
			} else {
				args = append(args, a.Description)
			}
		}
		tb.report(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.report(fmt.Sprintf("uncaught exception at %s:%d: %s", pathOf(d.URL), d.LineNumber+1, text))
	case *log.EventEntryAdded:
		// CSP violations arrive here (source "security" or "violation"),
		// as do failed loads and the browser's other errors.
		e := ev.Entry
		if e.Level != log.EntryLevelError {
			return
		}
		tb.mu.Lock()
		for _, want := range tb.expected {
			if strings.Contains(e.Text, want) {
				tb.mu.Unlock()
				return
			}
		}
		tb.mu.Unlock()
		where := ""
		if e.URL != "" {
			where = " (" + pathOf(e.URL) + ")"
		}
		tb.report(fmt.Sprintf("browser log [%s]: %s%s", e.Source, e.Text, where))
	}
}

func (tb *tab) report(msg string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.problems = append(tb.problems, tb.page+": "+msg)
}

// expectLogError declares that the current step causes a browser log error
// containing text on purpose (the 422 of a refused form is logged as a
// failed load); it holds until the next check.
func (tb *tab) expectLogError(text string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expected = append(tb.expected, text)
}

// check fails t with every problem recorded since the last check.
func (tb *tab) check(t *testing.T) {
	t.Helper()
	for _, p := range tb.take() {
		t.Errorf("browser: %s", p)
	}
}

// take returns and forgets the problems recorded so far, and ends the
// expectations of the step.
func (tb *tab) take() []string {
	// Events trail the commands that caused them by a moment.
	time.Sleep(200 * time.Millisecond)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	problems := tb.problems
	tb.problems, tb.expected = nil, nil
	return problems
}
