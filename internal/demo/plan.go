package demo

import (
	"math/rand/v2"
	"time"
)

// outcome is where a unit's submission stands when the demo ends.
type outcome int

const (
	outcomeNotStarted outcome = iota // nothing saved
	outcomePartial                   // a draft with cells still empty
	outcomeReady                     // a complete, valid draft not yet submitted
	outcomeOnTime                    // submitted before the deadline, awaiting review
	outcomeLate                      // submitted after the deadline, awaiting review
	outcomeAccepted                  // submitted on time and accepted by staff
	outcomeReturned                  // submitted on time, returned with a comment, corrected since
)

// plan is what a unit does in the demo round.
type plan struct {
	Outcome outcome
	// Revisions is how many revisions it saves before submitting (or in
	// all, for a draft); a returned report saves one more after.
	Revisions int
}

// plans spreads the outcomes over departments and districts. The three
// bodies merged away on 01/3/2025 (TTTT, KHDT, BDT) and Sở Du lịch have not
// started; every district has its figures in, so the province's child
// population adds up.
var plans = map[string]plan{
	"GDDT": {outcomeAccepted, 2}, "YT": {outcomeAccepted, 3}, "CA": {outcomeAccepted, 1}, "TD": {outcomeAccepted, 2},
	"RACHGIA": {outcomeAccepted, 2}, "PHUQUOC": {outcomeAccepted, 3}, "TANHIEP": {outcomeAccepted, 1},
	"CHAUTHANH": {outcomeAccepted, 2}, "GIONGRIENG": {outcomeAccepted, 2}, "HONDAT": {outcomeAccepted, 1},

	"ANBIEN": {outcomeReturned, 2}, "TP": {outcomeReturned, 1},

	"LDTBXH": {outcomeOnTime, 2}, "VHTT": {outcomeOnTime, 1}, "NV": {outcomeOnTime, 1}, "TC": {outcomeOnTime, 2},
	"PTTH": {outcomeOnTime, 1}, "HATIEN": {outcomeOnTime, 2}, "GOQUAO": {outcomeOnTime, 3}, "VINHTHUAN": {outcomeOnTime, 1},

	"MTTQ": {outcomeLate, 2}, "ANMINH": {outcomeLate, 1}, "KIENHAI": {outcomeLate, 2}, "UMINHTHUONG": {outcomeLate, 1},

	"KIENLUONG": {outcomeReady, 2}, "BKG": {outcomeReady, 1},
	"GIANGTHANH": {outcomePartial, 1},

	"TTTT": {outcomeNotStarted, 0}, "KHDT": {outcomeNotStarted, 0}, "BDT": {outcomeNotStarted, 0}, "DL": {outcomeNotStarted, 0},
}

// planFor is unit's plan; a unit the table does not name (another
// catalog) submits on time.
func planFor(unit string) plan {
	if p, ok := plans[unit]; ok {
		return p
	}
	return plan{outcomeOnTime, 1}
}

// clock dates a unit's actions in office hours, Vietnam time.
type clock struct {
	r   *rand.Rand
	loc *time.Location
	// shift moves the whole season (see Shift) by whole weeks.
	shift time.Duration
}

// on is day (October or November 2025, shifted) at a random office-hour minute.
func (c clock) on(month time.Month, day int) time.Time {
	return c.office(time.Date(2025, month, day, 7, 0, 0, 0, c.loc).Add(c.shift).Add(time.Duration(c.r.IntN(9*60)) * time.Minute))
}

// after is t plus between lo and hi, moved into office hours.
func (c clock) after(t time.Time, lo, hi time.Duration) time.Time {
	return c.office(t.Add(lo + time.Duration(c.r.Int64N(int64(hi-lo)+1))))
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
