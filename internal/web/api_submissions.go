package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// maxSubmissionBody bounds a PUT of a submission.
const maxSubmissionBody = 2 << 20

type roundJSON struct {
	Code        string    `json:"code"`
	Kind        string    `json:"kind"`
	Title       string    `json:"title"`
	PeriodStart string    `json:"period_start"`
	PeriodEnd   string    `json:"period_end"`
	DueAt       time.Time `json:"due_at"`
	Status      string    `json:"status"`
}

func toRoundJSON(r postgres.Round) roundJSON {
	return roundJSON{Code: r.Code, Kind: r.Kind, Title: r.Title, PeriodStart: r.PeriodStart.Format("2006-01-02"),
		PeriodEnd: r.PeriodEnd.Format("2006-01-02"), DueAt: r.DueAt, Status: r.Status}
}

func (s *Server) apiRounds(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	rounds, err := postgres.ListRounds(r.Context(), s.deps.Pool, access.ScopeFor(u))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]roundJSON, 0, len(rounds))
	for _, rd := range rounds {
		out = append(out, toRoundJSON(rd))
	}
	writeJSON(w, http.StatusOK, out)
}

type valueJSON struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Value          any                       `json:"value"`
}

type issueJSON struct {
	submission.Issue
	Disaggregation submission.Disaggregation `json:"disaggregation,omitempty"`
}

// submissionJSON is a submission as the API shows it: every cell of the
// form, null where nothing is entered.
func submissionJSON(v *intake.View) map[string]any {
	values := make([]valueJSON, 0)
	for _, cell := range v.Spec.Cells() {
		d := cell.Disaggregation
		if d == nil {
			d = submission.Disaggregation{}
		}
		values = append(values, valueJSON{Indicator: cell.Indicator, Disaggregation: d, Value: v.Content.Values[cell.Key].JSON()})
	}
	issues := v.Issues
	if issues == nil {
		issues = []submission.Issue{}
	}
	return map[string]any{
		"round": v.Round.Code, "unit": v.Sub.UnitCode, "form": v.Sub.FormCode, "status": v.Sub.Status,
		"revision": v.Sub.Revision, "values": values, "narratives": nonNil(v.Content.Narratives),
		"explanations": nonNil(v.Content.Explanations), "issues": issues,
		"submitted_at": v.Sub.SubmittedAt, "on_time": v.Sub.OnTime, "review_comment": v.Sub.ReviewComment,
	}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func pathUnit(r *http.Request) string { return strings.ToUpper(r.PathValue("unit")) }

func (s *Server) apiGetSubmission(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Get(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, submissionJSON(v))
}

// submissionPut is the body of a PUT of a submission.
type submissionPut struct {
	Revision *int `json:"revision"`
	Values   []struct {
		Indicator      string                    `json:"indicator"`
		Disaggregation submission.Disaggregation `json:"disaggregation"`
		Value          json.RawMessage           `json:"value"`
	} `json:"values"`
	Narratives   map[string]string `json:"narratives"`
	Explanations map[string]string `json:"explanations"`
}

// decodeSubmissionPut reads a PUT body into the revision it was based on
// and the change it asks for.
func decodeSubmissionPut(w http.ResponseWriter, r *http.Request) (int, submission.Change, error) {
	var body submissionPut
	if err := decodeJSON(w, r, maxSubmissionBody, &body); err != nil {
		return 0, submission.Change{}, err
	}
	if body.Revision == nil {
		return 0, submission.Change{}, &access.FieldError{Field: "revision", Code: "required"}
	}
	ch := submission.Change{Narratives: body.Narratives, Explanations: body.Explanations}
	for i, val := range body.Values {
		raw := val.Value
		if raw == nil {
			raw = json.RawMessage("null")
		}
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: val.Indicator, Disaggregation: val.Disaggregation,
			JSON: raw, Where: "values[" + itoa(i) + "]"})
	}
	return *body.Revision, ch, nil
}

func (s *Server) apiPutSubmission(w http.ResponseWriter, r *http.Request) {
	rev, ch, err := decodeSubmissionPut(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Save(r.Context(), u, r.PathValue("round"), pathUnit(r), intake.Save{
		Revision: &rev, Change: ch, Source: intake.SourceAPI,
		IdempotencyKey: r.Header.Get("Idempotency-Key"), IP: clientIP(r)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, submissionJSON(v))
}

func (s *Server) apiSubmit(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Submit(r.Context(), u, r.PathValue("round"), pathUnit(r), clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": v.Sub.Status, "on_time": v.Sub.OnTime != nil && *v.Sub.OnTime,
		"submitted_at": v.Sub.SubmittedAt, "revision": v.Sub.Revision})
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Decision string `json:"decision"`
		Comment  string `json:"comment"`
	}
	if err := decodeJSON(w, r, 64<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Review(r.Context(), u, r.PathValue("round"), pathUnit(r), body.Decision, body.Comment, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, submissionJSON(v))
}

func (s *Server) apiReopen(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Comment string `json:"comment"`
	}
	if err := decodeJSON(w, r, 64<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Reopen(r.Context(), u, r.PathValue("round"), pathUnit(r), body.Comment, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, submissionJSON(v))
}

// apiHistory lists every revision: who, when, from where, what changed.
// Status changes (submitted, accepted, returned) are on the history page.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	revs, _, err := s.deps.Intake.History(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type revJSON struct {
		Revision  int                     `json:"revision"`
		Author    string                  `json:"author"`
		Source    string                  `json:"source"`
		CreatedAt time.Time               `json:"created_at"`
		Changes   []submission.CellChange `json:"changes"`
	}
	out := make([]revJSON, 0, len(revs))
	for _, rv := range revs {
		out = append(out, revJSON{Revision: rv.Number, Author: rv.Author, Source: rv.Source, CreatedAt: rv.CreatedAt, Changes: rv.Changes})
	}
	writeJSON(w, http.StatusOK, out)
}
