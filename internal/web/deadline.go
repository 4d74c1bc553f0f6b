package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/rounds"
	"baocao/internal/submission"
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
	typed := map[string]string{"unit": r.PostForm.Get("unit"), "due_at": r.PostForm.Get("due_at"), "reason": r.PostForm.Get("reason")}
	u, _ := userFrom(r.Context())
	round := r.PathValue("round")
	due, err := time.ParseInLocation("2006-01-02T15:04", typed["due_at"], vnTime)
	if err != nil {
		err = &domain.FieldError{Field: "due_at", Code: "required"}
	} else {
		_, err = s.deps.Rounds.ExtendDeadline(r.Context(), u, round, rounds.Extension{DueAt: due, Unit: typed["unit"],
			Reason: typed["reason"]}, clientIP(r))
	}
	if err != nil {
		if f, ok := s.refuse(r, err, typed, deadlineFieldMessages); ok {
			s.renderDashboard(w, r, f.Status, dashboardData{Extend: f})
			return
		}
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
	reason := r.PostForm.Get("reason")
	if _, err := s.deps.Rounds.Close(r.Context(), u, round, reason, clientIP(r)); err != nil {
		if f, ok := s.refuse(r, err, map[string]string{"reason": reason}, closeFieldMessages); ok {
			s.renderDashboard(w, r, f.Status, dashboardData{Close: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(round)+"/progress?closed=1", http.StatusSeeOther)
}

// now is the clock pages tell deadlines by: the intake's, which tests
// drive.
func (s *Server) now() time.Time { return s.deps.Intake.Now() }

// dueView is a unit's deadline as pages show it: its own (the round's, or
// the later one staff gave it) as people read deadlines, and how it stands
// today for a unit that still owes its report.
type dueView struct {
	// Text is catalog.DeadlineText of the unit's deadline.
	Text string
	// Reason is why staff extended the unit's deadline; empty when they
	// did not.
	Reason string
	// Owing is true while the unit has no report in hand (not started,
	// drafting, returned or withdrawn); the rest only matters then.
	Owing bool
	// Passed is true once the deadline has passed.
	Passed bool
	// Countdown is "còn 3 ngày", "hôm nay là ngày cuối" or "đã quá hạn
	// 9 ngày"; empty when the unit owes nothing.
	Countdown string
}

// dueOf is sub's deadline in round r on catalog c at now.
func dueOf(c *catalog.Catalog, r domain.Round, sub domain.Submission, now time.Time) dueView {
	due := sub.Deadline(r.DueAt)
	d := dueView{Text: catalog.DeadlineText(due), Passed: !now.Before(due),
		Owing: submission.StandingOf(sub.Status, sub.FirstSubmittedAt, due).NothingSubmitted()}
	if sub.UnitDueAt != nil && due.After(r.DueAt) {
		d.Reason = sub.UnitDueReason
	}
	if d.Owing {
		d.Countdown = countdown(c, due, now)
	}
	return d
}

// countdown is how deadline due stands at now for whoever still owes by
// it: "còn 3 ngày", "hôm nay là ngày cuối" or "đã quá hạn 9 ngày".
func countdown(c *catalog.Catalog, due, now time.Time) string {
	switch {
	case !now.Before(due):
		if days := c.DaysLate(due, now); days > 0 {
			return fmt.Sprintf("đã quá hạn %d ngày", days)
		}
		return "đã quá hạn"
	case catalog.LastDay(due).Equal(c.LocalDay(now)):
		return "hôm nay là ngày cuối"
	}
	return fmt.Sprintf("còn %d ngày", catalog.DaysLeft(due, now))
}
