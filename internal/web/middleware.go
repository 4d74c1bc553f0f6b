package web

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// statusRecorder remembers the status and size a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs each request and records its latency under the route
// pattern that served it (never the raw path, whose IDs would explode the
// label set). The query string is not logged: it may carry a token.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		var route string
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, &route))
		next.ServeHTTP(rec, r)
		d := time.Since(start)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if route == "" || route == "/" || route == "/api/" {
			route = "unmatched"
		}
		s.deps.Metrics.ObserveRequest(route, r.Method, rec.status, d)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.deps.Logger.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route),
			slog.Int("status", rec.status), slog.Int("bytes", rec.bytes), slog.Duration("duration", d),
			slog.String("remote", r.RemoteAddr))
	})
}

// routeKey holds, in a request's context, where observe wants the pattern
// of the route that served the request.
type routeKey struct{}

// recordRoute reports the pattern the mux matched to observe. The mux sets
// it on the request it is given, which is a copy made further in (the
// principal middleware adds to the context), not the one observe holds.
func recordRoute(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if slot, ok := r.Context().Value(routeKey{}).(*string); ok {
			*slot = r.Pattern
		}
	})
}

// recoverPanics turns a panicking handler into a 500 without a stack trace
// in the response; the trace goes to the log.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.deps.Logger.ErrorContext(r.Context(), "handler panic", "panic", v, "stack", string(debug.Stack()))
				s.internalError(w, r)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		styles := "'self'"
		if strings.HasPrefix(r.URL.Path, "/admin/jobs/") {
			// The River UI sets inline styles; its scripts stay 'self'.
			styles = "'self' 'unsafe-inline'"
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src "+styles+
			"; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
