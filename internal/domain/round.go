package domain

import (
	"fmt"
	"time"
)

// RoundEvent is a status change of a unit's submission in a round.
type RoundEvent struct {
	Unit string
	Kind string
	At   time.Time
}

// ReportState is what decides whether a round needs a new report.
type ReportState struct {
	LastSnapshot *time.Time
	LastAccepted *time.Time
	AllAccepted  bool
}

// Round is a reporting round as stored.
type Round struct {
	ID               int64
	Code             string
	Kind             string
	Title            string
	PeriodStart      time.Time
	PeriodEnd        time.Time
	DueAt            time.Time
	CatalogVersionID int64
	Status           string
	CreatedAt        time.Time
	// Indicators are an ad-hoc round's indicators (nil: the units' forms).
	Indicators []string
	CreatedBy  string
	LockedAt   *time.Time
	// Year is the reporting year; one annual round per year.
	Year int
	// DataFrom and Cutoff are the first and last day of the data the round
	// asks for ("Số liệu tính từ ngày … đến ngày …").
	DataFrom time.Time
	Cutoff   time.Time
}

// RoundUnit is a unit a round expects, with the form it reports on.
type RoundUnit struct {
	UnitCode string
	FormCode string
}

// ErrAnnualExists refuses a second annual round for a year (a conflict).
var ErrAnnualExists = fmt.Errorf("the year's annual round exists: %w", ErrConflict)

// DeadlineExtension is one extension of a round's deadline, or of one
// unit's (Unit set).
type DeadlineExtension struct {
	RoundID  int64
	Unit     *string
	OldDueAt time.Time
	NewDueAt time.Time
	Reason   string
	Actor    string
}
