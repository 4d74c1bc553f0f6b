package web

import (
	"net/http"
	"strings"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/submission"
)

type roundJSON struct {
	Code        string    `json:"code"`
	Kind        string    `json:"kind"`
	Title       string    `json:"title"`
	Year        int       `json:"year"`
	PeriodStart string    `json:"period_start"`
	PeriodEnd   string    `json:"period_end"`
	DataFrom    string    `json:"data_from"`
	Cutoff      string    `json:"cutoff"`
	DueAt       time.Time `json:"due_at"`
	Status      string    `json:"status"`
	// Issuer is the unit code of the province in force on the due day:
	// the body the round's consolidated report is issued in the name of.
	Issuer string `json:"issuer"`
}

// toRoundJSON is a round as the API lists it; c is its catalog version.
func toRoundJSON(r domain.Round, c *catalog.Catalog) roundJSON {
	out := roundJSON{Code: r.Code, Kind: r.Kind, Title: r.Title, Year: r.Year, PeriodStart: catalog.Day(r.PeriodStart),
		PeriodEnd: catalog.Day(r.PeriodEnd), DataFrom: catalog.Day(r.DataFrom), Cutoff: catalog.Day(r.Cutoff),
		DueAt: r.DueAt, Status: r.Status}
	if roles, err := c.RolesOn(c.LocalDay(r.DueAt)); err == nil {
		out.Issuer = roles.Issuer.Unit
	}
	return out
}

func (s *Server) apiRounds(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	rounds, err := s.deps.Rounds.List(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]roundJSON, 0, len(rounds))
	for _, rd := range rounds {
		c, err := s.deps.Intake.Catalog(r.Context(), s.deps.Pool, rd.CatalogVersionID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out = append(out, toRoundJSON(rd, c))
	}
	writeJSON(w, http.StatusOK, out)
}

func pathUnit(r *http.Request) string { return strings.ToUpper(r.PathValue("unit")) }

// submissionJSON is a submission as the API shows it: every cell of the
// form, null where nothing is entered, with its narratives, explanations
// and findings.
type submissionJSON struct {
	Round            string              `json:"round"`
	Unit             string              `json:"unit"`
	Form             string              `json:"form"`
	Status           submission.Status   `json:"status"`
	Standing         submission.Standing `json:"standing"`
	Revision         int                 `json:"revision"`
	FirstSubmittedAt *time.Time          `json:"first_submitted_at"`
	SubmittedAt      *time.Time          `json:"submitted_at"`
	OnTime           *bool               `json:"on_time"`
	Values           []valueJSON         `json:"values"`
	Narratives       map[string]string   `json:"narratives"`
	Explanations     map[string]string   `json:"explanations"`
	Issues           []submission.Issue  `json:"issues"`
	ReviewComment    string              `json:"review_comment"`
}

// valueJSON is one cell of a submission: Value is what Value.JSON gives.
type valueJSON struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Value          any                       `json:"value"`
}

// writeSubmission answers 200 with the submission of v.
func writeSubmission(w http.ResponseWriter, v *intake.View) {
	out := submissionJSON{Round: v.Round.Code, Unit: v.Sub.UnitCode, Form: v.Sub.FormCode, Status: v.Sub.Status,
		Standing: v.Standing(), Revision: v.Sub.Revision, FirstSubmittedAt: v.Sub.FirstSubmittedAt,
		SubmittedAt: v.Sub.SubmittedAt, OnTime: v.OnTime(), Values: make([]valueJSON, 0, len(v.Spec.Cells())),
		Narratives: nonNil(v.Content.Narratives), Explanations: nonNil(v.Content.Explanations), Issues: v.Issues,
		ReviewComment: v.Sub.ReviewComment}
	for _, cell := range v.Spec.Cells() {
		d := cell.Disaggregation
		if d == nil {
			d = submission.Disaggregation{}
		}
		out.Values = append(out.Values, valueJSON{Indicator: cell.Indicator, Disaggregation: d, Value: v.Content.Values[cell.Key].JSON()})
	}
	if out.Issues == nil {
		out.Issues = []submission.Issue{}
	}
	writeJSON(w, http.StatusOK, out)
}

// nonNil is m, or an empty map for nil: the API shows {} rather than null.
func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func (s *Server) apiGetSubmission(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Get(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeSubmission(w, v)
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
	writeSubmission(w, v)
}

func (s *Server) apiSubmit(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Submit(r.Context(), u, r.PathValue("round"), pathUnit(r), clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": v.Sub.Status, "standing": v.Standing(), "on_time": v.OnTime(),
		"submitted_at": v.Sub.SubmittedAt, "first_submitted_at": v.Sub.FirstSubmittedAt, "revision": v.Sub.Revision})
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
	writeSubmission(w, v)
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
	writeSubmission(w, v)
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
