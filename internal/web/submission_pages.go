package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// statusNames are a submission's statuses as people read them.
var statusNames = map[submission.Status]string{
	submission.StatusNotStarted: "Chưa nhập",
	submission.StatusDraft:      "Đang soạn",
	submission.StatusSubmitted:  "Đã nộp",
	submission.StatusAccepted:   "Đã tiếp nhận",
	submission.StatusReturned:   "Trả lại để sửa",
}

type roundsData struct {
	Rounds []roundRow
}

type roundRow struct {
	Round postgres.Round
	// Due is true once the round's deadline has passed.
	Due bool
	// Groups are the units' rows by group of kind and name.
	Groups []unitGroup[roundSubmission]
}

// roundSubmission is a unit's row in a round: its submission and its
// deadline.
type roundSubmission struct {
	postgres.Submission
	Unit catalog.Unit
	Due  dueView
	// Late is true when the unit's first submission came after its
	// deadline.
	Late bool
}

// roundsPage lists the rounds; an agency sees its own submission in each,
// staff see every unit's.
func (s *Server) roundsPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	rounds, err := postgres.ListRounds(r.Context(), s.deps.Pool, access.ScopeFor(u))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data roundsData
	now := s.now()
	for _, rd := range rounds {
		subs, err := postgres.ListSubmissions(r.Context(), s.deps.Pool, access.ScopeFor(u), rd.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		c, err := s.deps.Intake.Catalog(r.Context(), s.deps.Pool, rd.CatalogVersionID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var list []roundSubmission
		for _, sub := range subs {
			late := submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(rd.DueAt)) == submission.StandingLate
			un, _ := c.Unit(sub.UnitCode)
			list = append(list, roundSubmission{Submission: sub, Unit: un, Due: dueOf(c, rd, sub, now), Late: late})
		}
		data.Rounds = append(data.Rounds, roundRow{Round: rd, Due: !now.Before(rd.DueAt),
			Groups: groupUnits(list, func(s roundSubmission) (string, string, string) { return s.Unit.Kind, s.Unit.Name, s.UnitCode })})
	}
	s.render(w, r, http.StatusOK, "rounds.html", data)
}

type formData struct {
	View    *intake.View
	Status  string
	CanEdit bool
	// CanWithdraw offers the unit to take back a submitted report not
	// yet reviewed.
	CanWithdraw bool
	CanReview   bool
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
	Problem   string
	Details   []string
	Due       dueView
}

func (s *Server) submissionPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	v, err := s.deps.Intake.Get(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := s.formData(u, v, inputsFrom(v.Content), nil, nil)
	switch q := r.URL.Query(); {
	case q.Get("saved") != "":
		data.Flash = "Đã lưu bản nháp (lần sửa thứ " + q.Get("saved") + ")."
	case q.Get("submitted") != "":
		data.Flash = "Đã nộp báo cáo."
	case q.Get("reviewed") != "":
		data.Flash = "Đã ghi nhận kết quả xem xét."
	case q.Get("withdrawn") != "":
		data.Flash = msgWithdrawn
	}
	s.render(w, r, http.StatusOK, "submission.html", data)
}

func (s *Server) formData(u access.User, v *intake.View, in formInputs, bad map[string]string, typed map[string]string) formData {
	now := s.now()
	writer := access.Allow(u, access.WriteSubmission, v.Sub.UnitCode) && v.OpenFor(now)
	d := formData{View: v, Status: statusNames[v.Sub.Status],
		CanEdit:     writer && v.Sub.Status != submission.StatusAccepted && v.Sub.Status != submission.StatusSubmitted,
		CanWithdraw: writer && v.Sub.Status == submission.StatusSubmitted,
		CanReview:   access.Allow(u, access.ReviewSubmission, v.Sub.UnitCode),
		Sections:    buildFormSections(v, in, bad), Narratives: buildNarratives(v, typed),
		Due: dueOf(v.Catalog, v.Round, v.Sub, now)}
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
	return d
}

// submissionPost saves the form, and submits it when asked. A refused
// save shows the page again with what the user typed and the problems next
// to the cells; nothing is stored.
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
	ch := submission.Change{Narratives: map[string]string{}, Explanations: map[string]string{}}
	typed := map[string]string{}
	in := formInputs{}
	for name, vals := range r.PostForm {
		// Browsers send a textarea's line breaks as CRLF; stored text has LF
		// (as the workbook reader makes it), so an unchanged form is no change.
		val := strings.ReplaceAll(vals[0], "\r\n", "\n")
		switch {
		case strings.HasPrefix(name, "v|"):
			in[name] = val
			ch.Entries = append(ch.Entries, entryFromInput(name, val))
		case strings.HasPrefix(name, "n|"):
			ch.Narratives[name[2:]] = val
			typed[name[2:]] = val
		case strings.HasPrefix(name, "e|"):
			ch.Explanations[name[2:]] = val
		}
	}
	v, err := s.deps.Intake.Save(r.Context(), u, round, unit, intake.Save{Revision: &rev, Change: ch, Source: intake.SourceWeb, IP: clientIP(r)})
	var values *intake.ValuesError
	if errors.As(err, &values) {
		s.refusedForm(w, r, u, round, unit, in, typed, values.Errors)
		return
	}
	if errors.As(err, new(*intake.SubmittedError)) {
		s.fail(w, r, err)
		return
	}
	if errors.Is(err, access.ErrConflict) {
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
		data := s.formData(u, cur, inputsFrom(cur.Content), nil, nil)
		data.Problem = msgBlockedForm
		s.render(w, r, http.StatusUnprocessableEntity, "submission.html", data)
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

func (s *Server) refusedForm(w http.ResponseWriter, r *http.Request, u access.User, round, unit string, in formInputs, typed map[string]string, errs []submission.ValueError) {
	v, err := s.deps.Intake.Get(r.Context(), u, round, unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bad := map[string]string{}
	var details []string
	for _, e := range errs {
		if strings.HasPrefix(e.Where, "v|") {
			bad[e.Where] = e.Message
		} else {
			details = append(details, e.Message)
		}
	}
	data := s.formData(u, v, in, bad, typed)
	data.Problem, data.Details = msgValuesForm, details
	s.render(w, r, http.StatusUnprocessableEntity, "submission.html", data)
}

// reviewPost records staff's decision: accept, return (with a comment) or
// reopen an accepted submission.
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	round, unit := r.PathValue("round"), pathUnit(r)
	var err error
	if d := r.PostForm.Get("decision"); d == "reopen" {
		_, err = s.deps.Intake.Reopen(r.Context(), u, round, unit, r.PostForm.Get("comment"), clientIP(r))
	} else {
		_, err = s.deps.Intake.Review(r.Context(), u, round, unit, d, r.PostForm.Get("comment"), clientIP(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+round+"/submissions/"+unit+"?reviewed=1", http.StatusSeeOther)
}

type historyData struct {
	View      *intake.View
	Revisions []postgres.Revision
	Events    []postgres.Event
	Labels    map[string]string
}

func (s *Server) historyPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	round, unit := r.PathValue("round"), pathUnit(r)
	v, err := s.deps.Intake.Get(r.Context(), u, round, unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	revs, events, err := s.deps.Intake.History(r.Context(), u, round, unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	labels := map[string]string{}
	for _, is := range v.Spec.Indicators() {
		for _, c := range is.Cells {
			l := is.Code + " " + is.Name
			if lbl := c.Label(); lbl != "" && len(is.Dims) > 0 {
				l += " — " + lbl
			}
			labels[string(c.Key)] = l
		}
	}
	for _, n := range v.Spec.Narratives {
		labels[n.Code] = n.Title
	}
	// Newest first.
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	s.render(w, r, http.StatusOK, "history.html", historyData{View: v, Revisions: revs, Events: events, Labels: labels})
}
