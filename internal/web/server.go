// Package web serves baocao's pages and JSON API. Handlers translate
// between HTTP and the domain; errors become status codes in one place
// (errors.go).
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/metrics"
	"baocao/templates/pages"
)

// Deps are what the handlers need.
type Deps struct {
	Pool    *pgxpool.Pool
	Logger  *slog.Logger
	Metrics *metrics.Metrics
}

// Server is the HTTP surface of baocao.
type Server struct {
	deps  Deps
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// New parses the templates and builds the route table.
func New(deps Deps) (*Server, error) {
	s := &Server{deps: deps, mux: http.NewServeMux()}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// Handler is the whole application behind its middleware.
func (s *Server) Handler() http.Handler {
	return s.observe(s.recoverPanics(securityHeaders(s.mux)))
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
	layout, err := template.ParseFS(pages.FS, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := map[string]*template.Template{}
	for _, name := range []string{"home.html", "error.html"} {
		t, err := template.Must(layout.Clone()).ParseFS(pages.FS, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := s.pages[name].ExecuteTemplate(w, "layout", data); err != nil {
		s.deps.Logger.ErrorContext(r.Context(), "render page", "page", name, "err", err)
	}
}
