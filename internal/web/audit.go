package web

import (
	"net/http"
	"time"

	"baocao/internal/postgres"
)

type auditData struct {
	Entries []postgres.AuditEntry
	Actor   string
	Action  string
	From    string
	To      string
	Actions []string
}

// auditActions are the actions the filter offers, in this order.
var auditActions = []string{"login", "login_failed", "logout", "password_changed", "password_reset",
	"user_created", "user_updated", "user_disabled", "user_enabled", "token_created", "token_revoked"}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := auditData{Actor: q.Get("actor"), Action: q.Get("action"), From: q.Get("from"), To: q.Get("to"), Actions: auditActions}
	f := postgres.AuditFilter{Actor: data.Actor, Action: data.Action, Limit: 500}
	if t, err := time.ParseInLocation("2006-01-02", data.From, vnTime); err == nil {
		f.From = t
	} else {
		data.From = ""
	}
	if t, err := time.ParseInLocation("2006-01-02", data.To, vnTime); err == nil {
		f.To = t.AddDate(0, 0, 1)
	} else {
		data.To = ""
	}
	entries, err := postgres.ListAudit(r.Context(), s.deps.Pool, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data.Entries = entries
	s.render(w, r, http.StatusOK, "audit.html", data)
}
