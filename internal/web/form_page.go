package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/submission"
)

// The page of one unit's report: its form, and for staff the review box.

type formData struct {
	View    *intake.View
	Status  string
	CanEdit bool
	// CanWithdraw offers the unit to take back a submitted report not
	// yet reviewed.
	CanWithdraw bool
	Sections    []formSection
	Narratives  []formNarrative
	Errors      int
	Warnings    int
	// Notes are findings that only inform (the unit is not compared with
	// the previous round on its own, say).
	Notes []string
	// WholeYear tells a unit formed during the period that it reports the
	// whole period for its territory.
	WholeYear string
	Flash     string
	// Problem heads the one summary of a refused save, submission or
	// withdrawal; Problems lists what was wrong, each linked to its field,
	// and More counts those left out of the list.
	Problem  string
	Problems []formProblem
	More     int
	Due      dueView
	// Review is, for staff, what they decide the report on; nil for
	// others.
	Review *reviewBox
	// Upload is the workbook upload's form when it was refused.
	Upload refusal
}

// maxProblems bounds the problems a summary lists; the rest are counted
// (an empty form has a problem in every cell).
const maxProblems = 20

func (s *Server) submissionPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Get(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := formData{}
	switch q := r.URL.Query(); {
	case q.Get("saved") != "":
		d.Flash = fmt.Sprintf(msgSaved, q.Get("saved"))
	case q.Get("submitted") != "":
		d.Flash = msgSubmitted
	case q.Get("reviewed") != "":
		d.Flash = msgReviewed
	case q.Get("withdrawn") != "":
		d.Flash = msgWithdrawn
	}
	s.renderForm(w, r, http.StatusOK, v, d, formEntry{in: inputsFrom(v.Content)})
}

// formEntry is what the form's inputs show: the stored content, or what
// was typed into a refused form (its change and why each input was
// refused).
type formEntry struct {
	in     formInputs
	change submission.Change
	bad    map[string]string
}

// renderForm shows v's page with d's messages.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, v *intake.View, d formData, e formEntry) {
	u, _ := userFrom(r.Context())
	now := s.now()
	writer := access.Allow(u, access.WriteSubmission, v.Sub.UnitCode) && v.OpenFor(now)
	d.View, d.Status = v, statusNames[v.Sub.Status]
	d.CanEdit = writer && v.Sub.Status != submission.StatusAccepted && v.Sub.Status != submission.StatusSubmitted
	d.CanWithdraw = writer && v.Sub.Status == submission.StatusSubmitted
	d.Sections = buildFormSections(v, e.in, e.bad, e.change.Explanations)
	d.Narratives = buildNarratives(v, e.change.Narratives)
	d.Due = dueOf(v.Catalog, v.Round, v.Sub, now)
	if from, err := time.Parse(time.DateOnly, v.Unit.ValidFrom); err == nil && from.After(v.Round.DataFrom) {
		d.WholeYear = fmt.Sprintf(msgWholePeriod, from.Format("02/01/2006"))
	}
	for _, i := range v.Issues {
		switch {
		case i.Severity == catalog.SeverityError:
			d.Errors++
		case i.Severity == submission.SeverityInfo:
			d.Notes = append(d.Notes, i.Message)
		case !i.Explained:
			d.Warnings++
		}
	}
	if len(d.Problems) > maxProblems {
		d.Problems, d.More = d.Problems[:maxProblems], len(d.Problems)-maxProblems
	}
	if access.Allow(u, access.ReviewSubmission, v.Sub.UnitCode) {
		box, err := s.reviewBoxOf(r, u, v)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Review != nil {
			box.Form = d.Review.Form
		}
		d.Review = box
	}
	s.render(w, r, status, "submission.html", d)
}

// submissionPost saves the form, and submits it when asked. A refused
// save shows the page again with what the user typed, one summary linking
// each problem to its cell and the message next to the cell; nothing is
// stored.
func (s *Server) submissionPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSubmissionBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	round, unit := r.PathValue("round"), pathUnit(r)
	rev, err := strconv.Atoi(r.PostForm.Get("revision"))
	if err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	e := formEntry{in: formInputs{}, change: submission.Change{Narratives: map[string]string{}, Explanations: map[string]string{}}}
	for name, vals := range r.PostForm {
		// Browsers send a textarea's line breaks as CRLF; stored text has LF
		// (as the workbook reader makes it), so an unchanged form is no change.
		val := strings.ReplaceAll(vals[0], "\r\n", "\n")
		switch {
		case strings.HasPrefix(name, "v|"):
			e.in[name] = val
			e.change.Entries = append(e.change.Entries, entryFromInput(name, val))
		case strings.HasPrefix(name, "n|"):
			e.change.Narratives[name[2:]] = val
		case strings.HasPrefix(name, "e|"):
			e.change.Explanations[name[2:]] = val
		}
	}
	v, err := s.deps.Intake.Save(r.Context(), u, round, unit, intake.Save{Revision: &rev, Change: e.change, Source: intake.SourceWeb, IP: clientIP(r)})
	var values *intake.ValuesError
	if errors.As(err, &values) {
		s.refusedForm(w, r, u, round, unit, e, values.Errors)
		return
	}
	if errors.As(err, new(*intake.SubmittedError)) {
		s.fail(w, r, err)
		return
	}
	if errors.Is(err, domain.ErrConflict) {
		s.render(w, r, http.StatusConflict, "error.html", map[string]string{"Title": msgErrorTitle, "Message": msgStaleForm})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostForm.Get("action") != "submit" {
		http.Redirect(w, r, r.URL.Path+"?saved="+itoa(v.Sub.Revision), http.StatusSeeOther)
		return
	}
	v, err = s.deps.Intake.Submit(r.Context(), u, round, unit, clientIP(r))
	var blocked *intake.BlockedError
	if errors.As(err, &blocked) {
		cur, gerr := s.deps.Intake.Get(r.Context(), u, round, unit)
		if gerr != nil {
			s.fail(w, r, gerr)
			return
		}
		d := formData{Problem: msgBlockedForm, Problems: blockingProblems(cur)}
		s.renderForm(w, r, http.StatusUnprocessableEntity, cur, d, formEntry{in: inputsFrom(cur.Content)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, r.URL.Path+"?submitted=1", http.StatusSeeOther)
}

// entryFromInput reads an input named "v|KEY" or "v|KEY|part".
func entryFromInput(name, val string) submission.Entry {
	key := strings.TrimPrefix(name, "v|")
	part := ""
	if i := strings.LastIndex(key, "|"); i >= 0 && (key[i+1:] == submission.PartNumerator || key[i+1:] == submission.PartDenominator) {
		key, part = key[:i], key[i+1:]
	}
	fields := strings.Split(key, "|")
	d := submission.Disaggregation{}
	for _, f := range fields[1:] {
		dim, opt, _ := strings.Cut(f, "=")
		d[dim] = opt
	}
	text := val
	return submission.Entry{Indicator: fields[0], Disaggregation: d, Part: part, Text: &text, Where: name}
}

// refusedForm shows the form again as typed, its totals and findings
// those of what was typed (intake.View.Preview), with one summary of the
// refused values at the top, each linked to its cell.
func (s *Server) refusedForm(w http.ResponseWriter, r *http.Request, u access.User, round, unit string, e formEntry, errs []submission.ValueError) {
	v, err := s.deps.Intake.Get(r.Context(), u, round, unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Preview(e.change, errs)
	e.bad = map[string]string{}
	for _, ve := range errs {
		if strings.HasPrefix(ve.Where, "v|") {
			e.bad[ve.Where] = ve.Message
		}
	}
	d := formData{Problem: msgValuesForm, Problems: valueProblems(v, errs)}
	s.renderForm(w, r, http.StatusUnprocessableEntity, v, d, e)
}

// refusedOnPage answers a refused form of a report's page with the page
// again, as stored, the refusal placed by place; an error that is not the
// user's to fix is fail's.
func (s *Server) refusedOnPage(w http.ResponseWriter, r *http.Request, err error, typed, messages map[string]string,
	place func(refusal) formData) {
	f, ok := s.refuse(r, err, typed, messages)
	if !ok {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Get(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderForm(w, r, f.Status, v, place(f), formEntry{in: inputsFrom(v.Content)})
}

// reviewPost records staff's decision: accept, return (with a comment) or
// reopen an accepted submission. A refused decision shows the page again
// with the message next to the comment and the comment as typed.
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	round, unit := r.PathValue("round"), pathUnit(r)
	decision, comment := r.PostForm.Get("decision"), r.PostForm.Get("comment")
	var err error
	messages := reviewFieldMessages
	if decision == "reopen" {
		messages = reopenFieldMessages
		_, err = s.deps.Intake.Reopen(r.Context(), u, round, unit, comment, clientIP(r))
	} else {
		_, err = s.deps.Intake.Review(r.Context(), u, round, unit, decision, comment, clientIP(r))
	}
	if err != nil {
		s.refusedOnPage(w, r, err, map[string]string{"comment": comment, "decision": decision}, messages,
			func(f refusal) formData { return formData{Review: &reviewBox{Form: f}} })
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(round)+"/submissions/"+url.PathEscape(unit)+"?reviewed=1", http.StatusSeeOther)
}
