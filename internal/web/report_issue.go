package web

import (
	"net/http"
	"strconv"

	"baocao/internal/domain"
)

// setNumber is the report set named by the path; a number that cannot be
// one names nothing.
func setNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n < 1 {
		return 0, domain.ErrNotFound
	}
	return n, nil
}

// issuePost issues a draft set ("Ban hành") from the reports page.
func (s *Server) issuePost(w http.ResponseWriter, r *http.Request) {
	n, err := setNumber(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	if _, err := s.deps.Reports.Issue(r.Context(), u, r.PathValue("round"), n, clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+r.PathValue("round")+"/reports?issued="+strconv.Itoa(n), http.StatusSeeOther)
}

// apiIssue issues a draft set: 200 with the official files.
func (s *Server) apiIssue(w http.ResponseWriter, r *http.Request) {
	n, err := setNumber(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	files, err := s.deps.Reports.Issue(r.Context(), u, r.PathValue("round"), n, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]reportJSON, 0, len(files))
	for _, f := range files {
		out = append(out, reportJSONOf(f))
	}
	writeJSON(w, http.StatusOK, map[string]any{"set": n, "state": domain.ReportIssued, "files": out})
}

// markFinal marks an issued set final and starts its forwarding.
func (s *Server) markFinal(r *http.Request) error {
	n, err := setNumber(r)
	if err != nil {
		return err
	}
	u, _ := userFrom(r.Context())
	return s.deps.Reports.MarkFinal(r.Context(), u, r.PathValue("round"), n, s.deps.Forward, clientIP(r))
}

func (s *Server) apiFinal(w http.ResponseWriter, r *http.Request) {
	if err := s.markFinal(r); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"final": true})
}

// apiDispatch records a dispatch made outside the system:
// {"destination","note"}.
func (s *Server) apiDispatch(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Destination string `json:"destination"`
		Note        string `json:"note"`
	}
	if err := decodeJSON(w, r, 16<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := setNumber(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	if err := s.deps.Reports.RecordManual(r.Context(), u, r.PathValue("round"), n, body.Destination, body.Note, clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"recorded": true})
}

// storedReport is the report file the path names, with its data.
func (s *Server) storedReport(r *http.Request) (domain.Report, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return domain.Report{}, domain.ErrNotFound
	}
	u, _ := userFrom(r.Context())
	return s.deps.Reports.File(r.Context(), u, id)
}

// apiVerify checks a stored report file as `baocao verify` does, and the
// snapshot it was made from.
func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, domain.ErrNotFound)
		return
	}
	v, err := s.deps.Reports.VerifyStored(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}
