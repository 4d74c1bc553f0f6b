package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// outcome is where a unit's submission stands when the demo ends.
type outcome int

const (
	outcomeNotStarted   outcome = iota // nothing saved
	outcomePartial                     // a draft with cells still empty
	outcomeReady                       // a complete, valid draft not yet submitted
	outcomeOnTime                      // submitted before the deadline, awaiting review
	outcomeLate                        // submitted after the deadline, awaiting review
	outcomeAccepted                    // submitted on time and accepted by staff
	outcomeReturned                    // submitted on time, returned with a comment, corrected since
	outcomeLateAccepted                // submitted after the deadline, accepted since
)

// plan is what a unit does in a round.
type plan struct {
	Outcome outcome
	// Revisions is how many revisions it saves before submitting (or in
	// all, for a draft); a returned report saves one more after.
	Revisions int
}

// closedPlans are the units of a closed round that did not simply submit
// on time and get accepted. In 2024 every district reported, so each
// commune of 2025 has its former district's figures to compare with.
var closedPlans = map[int]map[string]outcome{
	2024: {"MTTQ": outcomeLateAccepted, "ANMINH": outcomeLateAccepted, "KIENHAI": outcomeLateAccepted,
		"PTTH": outcomeLate, "KHDT": outcomePartial},
}

// openPlans are the units of the open round the demo's walk-throughs use:
// a commune with a draft to finish (the browser tests type into it), one
// ready to submit, bodies at every stage.
var openPlans = map[string]outcome{
	"XA.GIANGTHANH": outcomePartial, "XA.KIENLUONG": outcomeReady, "PHUONG.RACHGIA": outcomeAccepted,
	"DACKHU.PHUQUOC": outcomeReturned, "PHUONG.LONGXUYEN": outcomeOnTime, "XA.MYHOAHUNG": outcomeNotStarted,
	"AG.YT": outcomeAccepted, "AG.GDDT": outcomeAccepted, "AG.CA": outcomeAccepted, "AG.DTTG": outcomeAccepted,
	"AG.MTTQ": outcomeOnTime, "AG.VHTTDL": outcomeOnTime, "AG.TP": outcomeReturned, "AG.TC": outcomePartial,
	"AG.BAO": outcomeReady, "AG.NV": outcomeNotStarted,
}

// planFor is what unit does in the round of year: in a closed round
// nearly everyone submitted and was accepted, some late, a few never
// finished; in the open one units stand at every stage.
func planFor(unit string, year int, open bool) plan {
	r := unitRand(fmt.Sprintf("%s/%d/plan", unit, year))
	p := plan{Revisions: 1 + r.IntN(3)}
	x := r.IntN(100)
	switch {
	case !open:
		if o, ok := closedPlans[year][unit]; ok {
			p.Outcome = o
			return p
		}
		switch {
		case year == 2024 || x >= 18:
			p.Outcome = outcomeAccepted
		case x < 3:
			p.Outcome = outcomePartial
		case x < 7:
			p.Outcome = outcomeLate
		default:
			p.Outcome = outcomeLateAccepted
		}
	default:
		if o, ok := openPlans[unit]; ok {
			p.Outcome = o
			return p
		}
		switch {
		case x < 22:
			p.Outcome = outcomeNotStarted
		case x < 30:
			p.Outcome = outcomePartial
		case x < 38:
			p.Outcome = outcomeReady
		case x < 63:
			p.Outcome = outcomeOnTime
		case x < 68:
			p.Outcome = outcomeReturned
		default:
			p.Outcome = outcomeAccepted
		}
	}
	if p.Outcome == outcomeNotStarted {
		p.Revisions = 0
	}
	return p
}

// unitRand is the random source of one unit: the same whatever the order
// units are generated in.
func unitRand(unit string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(unit))
	return rand.New(rand.NewPCG(randomSeed, h.Sum64()))
}

// clock dates a unit's actions in office hours, Vietnam time, never after
// limit (now, for an open round).
type clock struct {
	r     *rand.Rand
	loc   *time.Location
	limit time.Time
}

// start is when a unit first saves in season s: early in the window for
// most, late for those that end up late.
func (c clock) start(s *season, o outcome) time.Time {
	span := s.to.Sub(s.from)
	lo, hi := 0.02, 0.45
	switch {
	case !s.open && (o == outcomeLate || o == outcomeLateAccepted):
		lo, hi = 0.55, 0.7
	case !s.open:
		lo, hi = 0.05, 0.6
	}
	at := s.from.Add(time.Duration((lo + c.r.Float64()*(hi-lo)) * float64(span)))
	return c.cap(c.office(at), s.from)
}

// after is t plus between lo and hi, moved into office hours.
func (c clock) after(t time.Time, lo, hi time.Duration) time.Time {
	return c.cap(c.office(t.Add(lo+time.Duration(c.r.Int64N(int64(hi-lo)+1)))), t)
}

// cap keeps t before the limit and after prev: when office hours would
// carry it past the limit, it falls a few minutes after prev instead.
func (c clock) cap(t, prev time.Time) time.Time {
	if c.limit.IsZero() || t.Before(c.limit) {
		return t
	}
	gap := c.limit.Sub(prev)
	if gap <= 0 {
		return prev
	}
	return prev.Add(time.Duration(c.r.Int64N(int64(gap)/2 + 1)))
}

// office moves t forward into office hours: 7:30-11:30 and 13:30-17:00,
// Monday to Friday. Pushed to another morning, it lands anywhere in that
// day's office hours.
func (c clock) office(t time.Time) time.Time {
	at := func(d time.Time, minute int) time.Time {
		y, m, dd := d.Date()
		return time.Date(y, m, dd, 0, 0, c.r.IntN(60), 0, c.loc).Add(time.Duration(minute) * time.Minute)
	}
	anytime := func() int {
		if m := c.r.IntN(450); m < 240 {
			return 7*60 + 30 + m
		} else {
			return 13*60 + 30 + m - 240
		}
	}
	for {
		t = t.In(c.loc)
		m := t.Hour()*60 + t.Minute()
		switch {
		case t.Weekday() == time.Saturday || t.Weekday() == time.Sunday:
			t = at(t.AddDate(0, 0, 1), anytime())
		case m < 7*60+30:
			t = at(t, anytime())
		case m >= 11*60+30 && m < 13*60+30:
			t = at(t, 13*60+30+c.r.IntN(45))
		case m >= 17*60:
			t = at(t.AddDate(0, 0, 1), anytime())
		default:
			return t
		}
	}
}
