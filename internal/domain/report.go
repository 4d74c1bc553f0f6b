package domain

import (
	"baocao/internal/consolidate"
	"time"
)

// Delivery is the forwarding of one report set to one destination.
type Delivery struct {
	ID          int64
	RoundID     int64
	Number      int
	Channel     string
	Destination string
	Status      string
	Attempts    int
	LastError   string
	Note        string
	RecordedBy  string
	CreatedAt   time.Time
	SentAt      *time.Time
	// RecordedByName is the display name of the account RecordedBy names
	// (RecordedBy itself when no account has that name).
	RecordedByName string
}

// SnapshotHead is what a page shows of a stored snapshot, read without
// its units' figures and texts: its completeness, and its cells with the
// province totals alone (Units nil). A snapshot stored since hash version
// 3 is a head already (kilobytes where one stored whole before was tens
// of megabytes at national size, which PostgreSQL had to read whole to
// strip).
type SnapshotHead struct {
	ID                 int64
	Hash               string
	CreatedAt          time.Time
	IncludesUnreviewed bool
	Completeness       consolidate.Completeness
	Totals             []consolidate.Cell
}

// Report is a generated file.
type Report struct {
	ID         int64
	RoundID    int64
	SnapshotID int64
	Format     string
	Number     int
	Year       int
	Filename   string
	Size       int64
	SHA256     string
	Data       []byte
	Final      bool
	CreatedAt  time.Time
	// State is draft or issued; Signed says the file carries the
	// issuer's digital signature; IssuedAt and IssuedBy say when and by
	// whom an issued file was issued.
	State    string
	Signed   bool
	IssuedAt *time.Time
	IssuedBy *string
	// IssuerName is the display name of the account IssuedBy names (its
	// username when the account is gone); empty for a draft.
	IssuerName string
}

// Report states.
const (
	ReportDraft  = "draft"
	ReportIssued = "issued"
)

// UnissuedSet is a round's newest report set that exists only as a draft,
// with no issued set after it.
type UnissuedSet struct {
	RoundCode  string
	RoundTitle string
	Number     int
	CreatedAt  time.Time
}

// StalledDelivery is a report set's forwarding that has not arrived: it
// failed, or it failed at least once and waits to be tried again.
type StalledDelivery struct {
	Delivery
	RoundCode string
}
