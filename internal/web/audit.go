package web

import (
	"net/http"
	"time"

	"baocao/internal/domain"
)

type auditData struct {
	Entries []domain.AuditEntry
	Actor   string
	Action  string
	From    string
	To      string
	Actions []string
}

// auditActions are the actions the filter offers, in this order.
var auditActions = func() []string {
	codes := make([]string, len(auditActionList))
	for i, a := range auditActionList {
		codes[i] = a.code
	}
	return codes
}()

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := auditData{Actor: q.Get("actor"), Action: q.Get("action"), From: q.Get("from"), To: q.Get("to"), Actions: auditActions}
	f := domain.AuditFilter{Actor: data.Actor, Action: data.Action, Limit: 500}
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
	u, _ := userFrom(r.Context())
	entries, err := s.deps.Auth.AuditLog(r.Context(), u, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data.Entries = entries
	s.render(w, r, http.StatusOK, "audit.html", data)
}
