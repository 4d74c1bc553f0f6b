package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"baocao/internal/postgres"
)

// healthz answers 200 when the process is up and the database answers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.deps.Pool.Ping(ctx); err != nil {
		s.deps.Logger.WarnContext(r.Context(), "health check: database unreachable", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": "ok"})
}

type homeData struct {
	DatabaseOK bool
	Heartbeat  string
	Catalog    string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var data homeData
	data.DatabaseOK = s.deps.Pool.Ping(ctx) == nil
	if at, err := postgres.LastHeartbeat(ctx, s.deps.Pool); err == nil {
		data.Heartbeat = at.In(vnTime).Format("15:04:05 02/01/2006")
	}
	if v, err := postgres.CurrentCatalog(ctx, s.deps.Pool); err == nil {
		data.Catalog = v.Catalog.Plan.Code + " (" + v.Name + ", phiên bản " + strconv.FormatInt(v.ID, 10) + ")"
	}
	s.render(w, r, http.StatusOK, "home.html", data)
}
