package e2e

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"baocao/internal/testkit"
)

// pathOf is u without the scheme and host, for messages.
func pathOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.RequestURI()
	}
	return u
}

// do runs actions with a time limit, failing t on error.
func (tb *tab) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that end in a page load (a navigation, a click on a
// link or a submit button) and returns the status of the loaded document
// and its path.
func (tb *tab) load(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp == nil {
		t.Fatalf("%s: no page was loaded", what)
	}
	return int(resp.Status), pathOf(resp.URL)
}

// open navigates to path and requires a 200.
func (tb *tab) open(t *testing.T, path string) {
	t.Helper()
	if status, at := tb.load(t, "open "+path, chromedp.Navigate(tb.base+path)); status != 200 {
		t.Fatalf("open %s: HTTP %d at %s", path, status, at)
	}
}

// text is the visible text of the first element matching css.
func (tb *tab) text(t *testing.T, css string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor evaluates a boolean expression until it holds, through the page
// reloads of a page that follows a job (its Refresh header), and fails t
// after limit.
func (tb *tab) waitFor(t *testing.T, what, expr string, limit time.Duration) {
	t.Helper()
	testkit.Eventually(t, limit, what, func() (bool, error) {
		ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
		defer cancel()
		return chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && (`+expr+`)`))
	})
}

// screenshot saves the whole page as a PNG file. The window is made as
// tall as the page for the capture, so that sticky elements (the form's
// button bar) sit where a reader expects them and not wherever the viewport
// happened to be.
func (tb *tab) screenshot(t *testing.T, file string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		size, err := chromedp.Evaluate[[2]int64](`[window.innerWidth, document.documentElement.scrollHeight]`)(ctx, tg)
		if err != nil {
			return nil, err
		}
		_, err = cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: size[0], Height: min(size[1], 20000), DeviceScaleFactor: 1})
		if err != nil {
			return nil, err
		}
		defer cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		return res.Data, err
	})
	if err != nil {
		t.Errorf("screenshot %s: %v", filepath.Base(file), err)
		return
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

// download runs click, which must start a download, waits for the file
// and returns its suggested name and its content.
func (tb *tab) download(t *testing.T, what string, click chromedp.Action[chromedp.Void]) (string, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	// Subscribe before the click so that no event is missed.
	begins := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, click); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var guid, name string
	for ev, err := range begins {
		if err != nil {
			t.Fatalf("%s: no download started: %v", what, err)
		}
		guid, name = ev.GUID, ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("%s: download of %s did not finish: %v", what, name, err)
		}
		if ev.GUID != guid {
			continue
		}
		switch ev.State {
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("%s: download of %s was cancelled", what, name)
		case browser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(tb.downloads, guid))
			if errors.Is(err, os.ErrNotExist) && ev.FilePath != "" {
				data, err = os.ReadFile(ev.FilePath)
			}
			if err != nil {
				t.Fatalf("%s: read the downloaded file: %v", what, err)
			}
			return name, data
		}
	}
	t.Fatalf("%s: download events ended", what)
	return "", nil
}
