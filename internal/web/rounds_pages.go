package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/rounds"
	"baocao/internal/submission"
)

func (s *Server) apiProgress(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	p, err := s.deps.Rounds.Progress(r.Context(), u, r.PathValue("round"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// apiOpenRound opens an ad-hoc round, or with "kind":"annual" a year's
// annual round the calendar did not open.
func (s *Server) apiOpenRound(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Kind        string    `json:"kind"`
		Year        int       `json:"year"`
		Title       string    `json:"title"`
		DueAt       time.Time `json:"due_at"`
		Units       []string  `json:"units"`
		Indicators  []string  `json:"indicators"`
		PeriodStart string    `json:"period_start"`
		PeriodEnd   string    `json:"period_end"`
	}
	if err := decodeJSON(w, r, 64<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	var rd domain.Round
	var err error
	switch body.Kind {
	case catalog.RoundAnnual:
		rd, err = s.deps.Rounds.OpenAnnual(r.Context(), u, body.Year, body.DueAt, clientIP(r))
	case catalog.RoundAdhoc, "":
		req := rounds.AdhocRequest{Title: body.Title, DueAt: body.DueAt, Units: body.Units, Indicators: body.Indicators}
		if req.PeriodStart, err = optionalDay("period_start", body.PeriodStart); err == nil {
			req.PeriodEnd, err = optionalDay("period_end", body.PeriodEnd)
		}
		if err == nil {
			rd, err = s.deps.Rounds.OpenAdhoc(r.Context(), u, req, clientIP(r))
		}
	default:
		err = &domain.FieldError{Field: "kind", Code: "invalid"}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.deps.Intake.Catalog(r.Context(), s.deps.Pool, rd.CatalogVersionID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toRoundJSON(rd, c))
}

// optionalDay reads a "YYYY-MM-DD" field; empty is the zero time.
func optionalDay(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, &domain.FieldError{Field: field, Code: "invalid"}
	}
	return d, nil
}

type outboxJSON struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Round     *string    `json:"round"`
	Unit      *string    `json:"unit"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	Status    string     `json:"status"`
	Attempts  int        `json:"attempts"`
	LastError string     `json:"last_error,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at"`
}

func (s *Server) apiOutbox(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	list, err := s.deps.Rounds.Notices(r.Context(), u, domain.NotificationFilter{
		Unit: strings.ToUpper(r.URL.Query().Get("unit")), Status: r.URL.Query().Get("status")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]outboxJSON, 0, len(list))
	for _, n := range list {
		out = append(out, outboxJSON{ID: n.ID, Kind: n.Kind, Round: n.RoundCode, Unit: n.UnitCode, To: n.To, Subject: n.Subject, Body: n.Body,
			Status: n.Status, Attempts: n.Attempts, LastError: n.LastError, CreatedAt: n.CreatedAt, SentAt: n.SentAt})
	}
	writeJSON(w, http.StatusOK, out)
}

// noticesPage is the in-app list: an agency sees the notices about its
// unit, staff see the whole outbox with delivery status.
func (s *Server) noticesPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	f := domain.NotificationFilter{Limit: 300, Status: r.URL.Query().Get("status")}
	switch f.Status {
	case "", domain.NoticeQueued, domain.NoticeSent, domain.NoticeFailed:
	default:
		s.fail(w, r, &domain.FieldError{Field: "status", Code: "invalid"})
		return
	}
	list, err := s.deps.Rounds.Notices(r.Context(), u, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notices.html", map[string]any{"Notices": list, "Staff": u.Role != access.RoleAgency, "Status": f.Status})
}

type dashboardData struct {
	Progress  rounds.Progress
	Countdown string
	Overdue   bool
	Chart     chartData
	// Waiting are the reports submitted and not reviewed yet, the longest
	// waiting first: the page lists them first.
	Waiting  []rounds.UnitProgress
	Late     []rounds.UnitProgress
	Missing  []rounds.UnitProgress
	Returned []rounds.UnitProgress
	// Groups are the units of the list's page, by group of kind and name;
	// List is which page of which search. Choices are all the units, by
	// group, for the deadline extension.
	Groups  []unitGroup[rounds.UnitProgress]
	List    unitListPage
	Choices []unitGroup[rounds.UnitProgress]
	// Awaited counts the units with no report in hand, whom a reminder
	// goes to.
	Awaited int
	// CanManage offers the round's management: reminders, extensions.
	CanManage bool
	Flash     string
	// Extend, Close and Remind are the page's forms when one was refused.
	Extend, Close, Remind refusal
}

// chartData is a server-drawn SVG bar chart of units by status.
type chartData struct {
	Width, Height int
	Bars          []chartBar
}

type chartBar struct {
	Label       string
	Count       int
	Y, W        int
	Class       string
	LabelY, TxX int
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	d := dashboardData{}
	switch q := r.URL.Query(); {
	case q.Get("extended") != "":
		d.Flash = msgExtended
	case q.Get("closed") != "":
		d.Flash = msgClosed
	case q.Get("reminded") != "":
		d.Flash = fmt.Sprintf(msgReminded, q.Get("reminded"))
	}
	s.renderDashboard(w, r, http.StatusOK, d)
}

// renderDashboard shows a round's progress with d's flash or refused form.
func (s *Server) renderDashboard(w http.ResponseWriter, r *http.Request, status int, d dashboardData) {
	u, _ := userFrom(r.Context())
	p, err := s.deps.Rounds.Progress(r.Context(), u, r.PathValue("round"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Progress = p
	c, err := s.deps.Intake.Catalog(r.Context(), s.deps.Pool, p.Round.CatalogVersionID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The round's deadline reads as every unit's does.
	now := s.now()
	d.Overdue = !now.Before(p.Round.DueAt)
	d.Countdown = countdown(c, p.Round.DueAt, now)
	// Sorted once: the lists below keep this order.
	unitOf := func(up rounds.UnitProgress) (string, string, string) { return up.Kind, up.Name, up.Unit }
	units := slices.Clone(p.Units)
	catalog.SortUnits(units, unitOf)
	counts := map[submission.Standing]int{}
	for _, up := range units {
		switch up.Standing {
		case submission.StandingLate:
			d.Late = append(d.Late, up)
		case submission.StandingReturned:
			d.Returned = append(d.Returned, up)
			d.Missing = append(d.Missing, up)
		case submission.StandingDraft, submission.StandingNotStarted:
			d.Missing = append(d.Missing, up)
			d.Awaited++
		}
		if up.Status == submission.StatusSubmitted {
			d.Waiting = append(d.Waiting, up)
		}
		counts[up.Standing]++
	}
	slices.SortStableFunc(d.Waiting, func(a, b rounds.UnitProgress) int { return a.SubmittedAt.Compare(*b.SubmittedAt) })
	d.Choices = groupUnits(units, unitOf)
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("trang"))
	shown, list := pageOfUnits(units, unitOf, q.Get("q"), page, "/rounds/"+p.Round.Code+"/progress")
	d.Groups, d.List = groupUnits(shown, unitOf), list
	d.Chart = standingChart(counts, p.Expected)
	d.CanManage = access.Allow(u, access.ManageRounds, "")
	s.render(w, r, status, "dashboard.html", d)
}

// standingChart draws the units by standing as bars.
func standingChart(counts map[submission.Standing]int, expected int) chartData {
	bars := []struct {
		key          submission.Standing
		label, class string
	}{
		{submission.StandingOnTime, "Nộp đúng hạn", "b-ontime"}, {submission.StandingLate, "Nộp muộn", "b-late"},
		{submission.StandingReturned, "Trả lại để sửa", "b-returned"},
		{submission.StandingDraft, "Đang soạn", "b-draft"}, {submission.StandingNotStarted, "Chưa nhập", "b-none"},
	}
	const barH, gap, labelW, maxW = 26, 10, 150, 420
	c := chartData{Width: labelW + maxW + 60, Height: len(bars)*(barH+gap) + gap}
	for i, b := range bars {
		wdt := 0
		if expected > 0 {
			wdt = counts[b.key] * maxW / expected
		}
		y := gap + i*(barH+gap)
		c.Bars = append(c.Bars, chartBar{Label: b.label, Count: counts[b.key], Y: y, W: wdt, Class: b.class,
			LabelY: y + barH*2/3, TxX: labelW + wdt + 6})
	}
	return c
}

func (s *Server) remindPost(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	n, err := s.deps.Rounds.RemindNow(r.Context(), u, r.PathValue("round"), clientIP(r))
	if errors.Is(err, rounds.ErrTooSoon) {
		s.renderDashboard(w, r, http.StatusTooManyRequests, dashboardData{Remind: refusal{Status: http.StatusTooManyRequests,
			errors: map[string]string{"": msgRemindTooSoon}}})
		return
	}
	if err != nil {
		if f, ok := s.refuse(r, err, nil, nil); ok {
			s.renderDashboard(w, r, f.Status, dashboardData{Remind: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+r.PathValue("round")+"/progress?reminded="+itoa(n), http.StatusSeeOther)
}

type newRoundData struct {
	Units      []catalog.Unit
	Indicators []catalog.Indicator
	Error      string
	Title      string
	Due        string
	// PeriodStart and PeriodEnd are the ad-hoc round's data period
	// ("YYYY-MM-DD"), by default 1 January to yesterday.
	PeriodStart, PeriodEnd string
	// Years are the years staff may open an annual round for (none yet,
	// not in the future), newest first; Annual the years that have one.
	Years       []int
	Annual      []domain.Round
	Year        int
	AnnualDue   string
	AnnualError string
}

func (s *Server) newRoundPage(w http.ResponseWriter, r *http.Request) {
	s.renderNewRound(w, r, http.StatusOK, newRoundData{})
}

func (s *Server) renderNewRound(w http.ResponseWriter, r *http.Request, status int, d newRoundData) {
	v, err := s.catalogs().InForce(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := v.Catalog
	now := time.Now()
	today := c.LocalDay(now)
	for _, un := range c.UnitsOn(today) {
		if un.Kind != catalog.KindProvince {
			d.Units = append(d.Units, un)
		}
	}
	d.Indicators = c.Indicators
	if d.PeriodEnd == "" && d.PeriodStart == "" {
		start, end := rounds.DefaultAdhocPeriod(today)
		d.PeriodStart, d.PeriodEnd = catalog.Day(start), catalog.Day(end)
	}
	u, _ := userFrom(r.Context())
	all, err := s.deps.Rounds.List(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	have := map[int]bool{}
	for _, rd := range all {
		if rd.Kind == catalog.RoundAnnual {
			have[rd.Year] = true
			d.Annual = append(d.Annual, rd)
		}
	}
	for y := today.Year(); y >= today.Year()-2; y-- {
		if !have[y] {
			d.Years = append(d.Years, y)
		}
	}
	if d.Year == 0 && len(d.Years) > 0 {
		d.Year = d.Years[0]
	}
	if d.AnnualDue == "" {
		d.AnnualDue = today.AddDate(0, 0, 14).Format("2006-01-02") + "T17:00"
	}
	s.render(w, r, status, "new_round.html", d)
}

func (s *Server) newRoundPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	d := newRoundData{Title: r.PostForm.Get("title"), Due: r.PostForm.Get("due_at"),
		PeriodStart: r.PostForm.Get("period_start"), PeriodEnd: r.PostForm.Get("period_end")}
	due, _ := time.ParseInLocation("2006-01-02T15:04", d.Due, vnTime)
	u, _ := userFrom(r.Context())
	req := rounds.AdhocRequest{Title: d.Title, DueAt: due, Units: r.PostForm["units"], Indicators: r.PostForm["indicators"]}
	var err error
	if req.PeriodStart, err = optionalDay("period_start", d.PeriodStart); err == nil {
		req.PeriodEnd, err = optionalDay("period_end", d.PeriodEnd)
	}
	var rd domain.Round
	if err == nil {
		rd, err = s.deps.Rounds.OpenAdhoc(r.Context(), u, req, clientIP(r))
	}
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		d.Error = adhocFieldMessages[fe.Field+"/"+fe.Code]
		if d.Error == "" {
			d.Error = fieldMessage(fe)
		}
		s.renderNewRound(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+rd.Code+"/progress", http.StatusSeeOther)
}

// newAnnualPost opens a year's annual round the calendar did not open.
func (s *Server) newAnnualPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	d := newRoundData{AnnualDue: r.PostForm.Get("due_at")}
	d.Year, _ = strconv.Atoi(r.PostForm.Get("year"))
	due, _ := time.ParseInLocation("2006-01-02T15:04", d.AnnualDue, vnTime)
	u, _ := userFrom(r.Context())
	rd, err := s.deps.Rounds.OpenAnnual(r.Context(), u, d.Year, due, clientIP(r))
	var fe *domain.FieldError
	var exists *rounds.ExistsError
	switch {
	case errors.As(err, &exists):
		d.AnnualError = fmt.Sprintf(msgAnnualExists, exists.Round.Year, exists.Round.Code, exists.Round.Title)
		s.renderNewRound(w, r, http.StatusConflict, d)
		return
	case errors.As(err, &fe):
		d.AnnualError = annualFieldMessages[fe.Field+"/"+fe.Code]
		if d.AnnualError == "" {
			d.AnnualError = fieldMessage(fe)
		}
		s.renderNewRound(w, r, http.StatusUnprocessableEntity, d)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+rd.Code+"/progress", http.StatusSeeOther)
}
