package web

import (
	"net/http"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
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
	Round domain.Round
	// Due is true once the round's deadline has passed.
	Due bool
	// Groups are the units' rows by group of kind and name, when there
	// are at most unitsPerPage of them.
	Groups []unitGroup[roundSubmission]
	// Units is how many units the round lists for the user; above
	// unitsPerPage (a national round: thousands) the card shows how many
	// are in each status instead, and the round's progress page lists
	// them, searched and paged.
	Units    int
	Statuses []statusCount
}

// statusCount is how many of a round's units are in a status.
type statusCount struct {
	Status submission.Status
	Count  int
}

// roundSubmission is a unit's row in a round: its submission and its
// deadline.
type roundSubmission struct {
	domain.Submission
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
	rounds, err := s.deps.Intake.Rounds(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data roundsData
	now := s.now()
	for _, one := range rounds {
		data.Rounds = append(data.Rounds, roundCard(one, now))
	}
	s.render(w, r, http.StatusOK, "rounds.html", data)
}

// roundCard is a round on the rounds page with the units it lists for the
// user: each unit's row, or above unitsPerPage how many are in each
// status (the progress page lists them, searched and paged).
func roundCard(one intake.RoundSubmissions, now time.Time) roundRow {
	rd, c := one.Round, one.Catalog
	row := roundRow{Round: rd, Due: !now.Before(rd.DueAt), Units: len(one.Submissions)}
	if row.Units > unitsPerPage {
		n := map[submission.Status]int{}
		for _, sub := range one.Submissions {
			n[sub.Status]++
		}
		for _, st := range submission.Statuses {
			if n[st] > 0 {
				row.Statuses = append(row.Statuses, statusCount{Status: st, Count: n[st]})
			}
		}
		return row
	}
	var list []roundSubmission
	for _, sub := range one.Submissions {
		late := submission.StandingOf(sub.Status, sub.FirstSubmittedAt, sub.Deadline(rd.DueAt)) == submission.StandingLate
		un, _ := c.Unit(sub.UnitCode)
		list = append(list, roundSubmission{Submission: sub, Unit: un, Due: dueOf(c, rd, sub, now), Late: late})
	}
	unitOf := func(s roundSubmission) (string, string, string) { return s.Unit.Kind, s.Unit.Name, s.UnitCode }
	catalog.SortUnits(list, unitOf)
	row.Groups = groupUnits(list, unitOf)
	return row
}

type historyData struct {
	View      *intake.View
	Revisions []domain.Revision
	Events    []domain.Event
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
	labels := contentLabels(v.Spec)
	// Newest first.
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	s.render(w, r, http.StatusOK, "history.html", historyData{View: v, Revisions: revs, Events: events, Labels: labels})
}
