package web

import (
	"net/http"

	"baocao/templates/pages"
)

// routes is the route table of the whole application.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.Handle("GET /static/app.css", http.FileServerFS(pages.FS))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", s.deps.Metrics.Handler())
	s.mux.HandleFunc("/api/", s.apiNotFound)
	s.mux.HandleFunc("/", s.pageNotFound)
}
