package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTab_RecordsWhatWouldShowInRed proves the watch the journey relies on:
// a page with a console error, an uncaught exception, an inline script its
// CSP refuses and a request answered 500 yields one problem for each, named
// by its page; an expected log error does not count.
func TestTab_RecordsWhatWouldShowInRed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; img-src data:")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>t</title><link rel="icon" href="data:,"></head><body>
<p id="done">trang thử</p>
<script>document.title = "inline ran";</script>
<script src="/app.js"></script>
</body></html>`))
	})
	mux.HandleFunc("GET /app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`console.error("boom", 42);
fetch("/broken").then(() => document.body.dataset.fetched = "yes");
setTimeout(() => { throw new Error("kaboom"); }, 0);`))
	})
	mux.HandleFunc("GET /broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	mux.HandleFunc("GET /missing", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tb := startTab(t, srv.URL)
	tb.open(t, "/")
	tb.waitFor(t, "the script's fetch has run", `document.body.dataset.fetched === "yes"`, 10*time.Second)
	if title := eval[string](t, tb, `document.title`); title != "t" {
		t.Fatalf("the inline script ran (title %q): the CSP was not applied", title)
	}
	got := strings.Join(tb.take(), "\n")
	for _, want := range []string{
		`/: console.error: "boom" 42`,
		"/: uncaught exception at /app.js:3: Uncaught Error: kaboom",
		"/: browser log [security]: Executing inline script violates the following Content Security Policy directive",
		"/: HTTP 500 for /broken",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; recorded:\n%s", want, got)
		}
	}

	// A failed load the step expects is no problem; the expectation ends
	// with the check.
	tb.expectLogError("status of 404")
	if status, _ := tb.load(t, "open a missing page", chromedp.Navigate(srv.URL+"/missing")); status != 404 {
		t.Fatalf("missing page answered %d", status)
	}
	if p := tb.take(); len(p) != 0 {
		t.Errorf("an expected 404 was recorded: %q", p)
	}
	tb.load(t, "open the missing page again", chromedp.Navigate(srv.URL+"/missing"))
	if p := strings.Join(tb.take(), "\n"); !strings.Contains(p, "/missing: browser log [network]: Failed to load resource: the server responded with a status of 404") {
		t.Errorf("an unexpected 404 was not recorded: %q", p)
	}
}
