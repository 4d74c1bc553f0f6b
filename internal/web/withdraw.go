package web

import (
	"net/http"
	"net/url"
)

// withdrawPath is the API path that withdraws a unit's submitted report.
func withdrawPath(round, unit string) string {
	return "/api/v1/rounds/" + url.PathEscape(round) + "/submissions/" + url.PathEscape(unit) + "/withdraw"
}

// withdrawPost takes back the unit's submitted report from the form page
// ("Rút lại để sửa"); the page then says what that means.
func (s *Server) withdrawPost(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	round, unit := r.PathValue("round"), pathUnit(r)
	if _, err := s.deps.Intake.Withdraw(r.Context(), u, round, unit, clientIP(r)); err != nil {
		// Refused (reviewed meanwhile, the round closed): the page again,
		// saying why.
		s.refusedOnPage(w, r, err, nil, nil, func(f refusal) formData { return formData{Problem: f.Error("")} })
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(round)+"/submissions/"+url.PathEscape(unit)+"?withdrawn=1", http.StatusSeeOther)
}

// apiWithdraw takes back a submitted report not yet reviewed: 200 with the
// submission, now a draft, and a warning that it no longer counts as
// submitted.
func (s *Server) apiWithdraw(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Withdraw(r.Context(), u, r.PathValue("round"), pathUnit(r), clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": v.Sub.Status, "standing": v.Standing(), "revision": v.Sub.Revision,
		"first_submitted_at": v.Sub.FirstSubmittedAt, "warning": msgWithdrawn})
}
