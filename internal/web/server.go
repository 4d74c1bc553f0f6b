// Package web serves baocao's pages and JSON API. Handlers translate
// between HTTP and the domain; errors become status codes in one place
// (errors.go).
package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/metrics"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/submission"
	"baocao/templates/pages"
)

// Deps are what the handlers need.
type Deps struct {
	Pool    *pgxpool.Pool
	Logger  *slog.Logger
	Metrics *metrics.Metrics
	Auth    *auth.Service
	Intake  *intake.Service
	Rounds  *rounds.Service
	Reports *reports.Service
	// Forward is where a report set marked final is sent.
	Forward reports.Destinations
	// Jobs inserts background jobs and reads their state.
	Jobs *jobs.Client
	// JobsUI is the River UI, mounted at /admin/jobs/ for staff.
	JobsUI http.Handler
	// SecureCookies marks cookies Secure even without TLS here (behind a
	// TLS-terminating proxy).
	SecureCookies bool
}

// Server is the HTTP surface of baocao.
type Server struct {
	deps  Deps
	pages map[string]*template.Template
	mux   *http.ServeMux
	table []route
	// reference is the API's reference page, built from the embedded
	// docs/openapi.yaml.
	reference *apiReference
}

// New parses the templates and builds the route table.
func New(deps Deps) (*Server, error) {
	s := &Server{deps: deps, mux: http.NewServeMux()}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.reference, err = reference(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// Handler is the whole application behind its middleware.
func (s *Server) Handler() http.Handler {
	// Cross-origin protection refuses state-changing requests that a
	// browser marks as coming from another site; programs sending bearer
	// tokens carry no such marks and pass.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, domain.ErrForbidden)
	}))
	return s.observe(s.recoverPanics(securityHeaders(csrf.Handler(s.authenticate(recordRoute(s.mux))))))
}

// Serve answers on ln until ctx ends, then stops taking connections and
// gives requests in flight up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of filled-in workbooks
		WriteTimeout:      5 * time.Minute, // downloads of report packages
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.deps.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("http shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http: %w", err)
	}
	return nil
}

func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(pages.FS, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := map[string]*template.Template{}
	for _, name := range []string{"home.html", "error.html", "login.html", "password.html", "tokens.html", "audit.html",
		"rounds.html", "submission.html", "history.html", "job.html", "dashboard.html", "notices.html", "new_round.html", "reports.html", "units.html",
		"admin_catalog.html", "admin_catalog_version.html", "api_docs.html",
		adminUserPages[0], adminUserPages[1], adminUserPages[2]} {
		t, err := template.Must(layout.Clone()).ParseFS(pages.FS, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

var templateFuncs = template.FuncMap{
	// vntime shows an instant in Vietnam's time zone, as people write it.
	"vntime": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			return v.In(vnTime).Format("15:04 02/01/2006")
		case *time.Time:
			if v == nil {
				return ""
			}
			return v.In(vnTime).Format("15:04 02/01/2006")
		}
		return ""
	},
	// deadline shows a deadline as people read it: "hết ngày 09/11/2026".
	"deadline": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			return catalog.DeadlineText(v)
		case *time.Time:
			if v != nil {
				return catalog.DeadlineText(*v)
			}
		}
		return ""
	},
	// vnday shows a catalog day (YYYY-MM-DD) as people write it.
	"vnday": func(day string) string {
		if t, err := time.Parse(time.DateOnly, day); err == nil {
			return t.Format("02/01/2006")
		}
		return day
	},
	// datawindow states the days a round's figures are counted over.
	"datawindow": func(r domain.Round) string { return catalog.DataWindowText(r.DataFrom, r.Cutoff) },
	"roleName":   func(r access.Role) string { return roleNames[r] },
	"kindName":   func(k string) string { return kindNames[k] },
	"statusName": func(s submission.Status) string { return statusNames[s] },
	"sourceName": func(s string) string { return sourceNames[s] },
	"eventName":  func(s string) string { return eventNames[s] },
	// resubmitted says a report was submitted again after its first
	// submission (submission.Resubmitted).
	"resubmitted": submission.Resubmitted,
	"lower":       strings.ToLower,
	"upper":       strings.ToUpper,
	"showValue":   showValue,
	// size shows a file's size as people read it ("326 KB").
	"size": submission.FormatSize,
	"json": func(v any) string { b, _ := json.Marshal(v); return string(b) },
	// jobKindName is a background job's kind as people call it.
	"jobKindName": func(kind string) string {
		if n, ok := jobKindNames[kind]; ok {
			return n
		}
		return kind
	},
	"actionName": func(a string) string {
		if n, ok := actionNames[a]; ok {
			return n
		}
		return a
	},
}

// page is what every template gets: the signed-in user, if any, and the
// page's own data.
type page struct {
	User *access.User
	Data any
}

// Can lets templates show only the links a user may follow.
func (p page) Can(action string) bool {
	return p.User != nil && access.Allow(*p.User, access.Action(action), p.User.Unit)
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	p := page{Data: data}
	if u, ok := userFrom(r.Context()); ok {
		p.User = &u
	}
	// Into a buffer first: a page that fails half way is a 500, not half
	// a page answered 200.
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.deps.Logger.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, msgInternal, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
