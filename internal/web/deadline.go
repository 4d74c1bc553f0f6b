package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/rounds"
)

// apiDeadline extends a round's deadline, or one unit's:
// {"due_at","unit"?,"reason"} → 200 with the round.
func (s *Server) apiDeadline(w http.ResponseWriter, r *http.Request) {
	var body struct {
		DueAt  time.Time `json:"due_at"`
		Unit   string    `json:"unit"`
		Reason string    `json:"reason"`
	}
	if err := decodeJSON(w, r, 8<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	rd, err := s.deps.Rounds.ExtendDeadline(r.Context(), u, r.PathValue("round"), rounds.Extension{DueAt: body.DueAt, Unit: body.Unit,
		Reason: body.Reason}, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"round": rd.Code, "due_at": rd.DueAt, "unit": strings.ToUpper(body.Unit),
		"extended_to": body.DueAt, "reason": strings.TrimSpace(body.Reason)})
}

// deadlinePost extends a deadline from the dashboard's form: the date and
// time are Vietnam's wall clock.
func (s *Server) deadlinePost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	due, err := time.ParseInLocation("2006-01-02T15:04", r.PostForm.Get("due_at"), vnTime)
	if err != nil {
		s.fail(w, r, &access.FieldError{Field: "due_at", Code: "required"})
		return
	}
	u, _ := userFrom(r.Context())
	round := r.PathValue("round")
	if _, err := s.deps.Rounds.ExtendDeadline(r.Context(), u, round, rounds.Extension{DueAt: due, Unit: r.PostForm.Get("unit"),
		Reason: r.PostForm.Get("reason")}, clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(round)+"/progress?extended=1", http.StatusSeeOther)
}

// apiClose locks an open round early: {"reason"} → 200 with its status.
func (s *Server) apiClose(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, 8<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	rd, err := s.deps.Rounds.Close(r.Context(), u, r.PathValue("round"), body.Reason, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"round": rd.Code, "status": rd.Status})
}

// closePost locks a round early from the dashboard.
func (s *Server) closePost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	round := r.PathValue("round")
	if _, err := s.deps.Rounds.Close(r.Context(), u, round, r.PostForm.Get("reason"), clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(round)+"/progress?closed=1", http.StatusSeeOther)
}
