// Package consolidate turns a round's submissions into the province's
// figures: an immutable snapshot holding the province total of every
// indicator cell (counts and amounts summed, rates as summed numerators
// over summed denominators, never an average of percentages, texts
// gathered per unit), each unit's values, the narratives attributed to
// their units, completeness and timeliness, and where every figure came
// from. Renderers read snapshots only. It imports no database and no HTTP.
package consolidate

import (
	"fmt"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Snapshot is the consolidated state of a round at one moment. Its Hash
// covers its content (not CreatedAt): unchanged inputs give the same hash.
type Snapshot struct {
	Hash string `json:"hash"`
	// HashVersion is how Hash was computed (see HashOf); 0 in snapshots
	// stored before versions were, which are version 1.
	HashVersion int       `json:"hash_version,omitempty"`
	CreatedAt   time.Time `json:"created_at"`

	Round          RoundInfo       `json:"round"`
	CatalogVersion int64           `json:"catalog_version"`
	Plan           PlanInfo        `json:"plan"`
	Report         catalog.Report  `json:"report"`
	Units          []UnitInfo      `json:"units"`
	Indicators     []IndicatorInfo `json:"indicators"`
	// IncludesUnreviewed says submitted but not yet accepted submissions
	// were included (marked Reviewed=false in Completeness).
	IncludesUnreviewed bool         `json:"includes_unreviewed"`
	Completeness       Completeness `json:"completeness"`
	Cells              []Cell       `json:"cells"`
	Narratives         []Narrative  `json:"narratives"`
	Provenance         []Provenance `json:"provenance"`
	// Comparison is the year-on-year view against the previous round,
	// when it had a snapshot.
	Comparison *Comparison `json:"comparison,omitempty"`
}

// RoundInfo is the round a snapshot consolidates.
type RoundInfo struct {
	Code        string    `json:"code"`
	Kind        string    `json:"kind"`
	Title       string    `json:"title"`
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	DueAt       time.Time `json:"due_at"`
	// Year is the reporting year; DataFrom and Cutoff the days the
	// figures are counted over. Zero in snapshots taken before rounds had
	// them.
	Year     int       `json:"year,omitempty"`
	DataFrom time.Time `json:"data_from,omitzero"`
	Cutoff   time.Time `json:"cutoff,omitzero"`
}

// PlanInfo is what the report needs of the plan.
type PlanInfo struct {
	Code              string                     `json:"code"`
	Title             string                     `json:"title"`
	Issuer            string                     `json:"issuer"`
	Consolidator      string                     `json:"consolidator"`
	TaskGroups        []catalog.TaskGroup        `json:"task_groups"`
	NarrativeSections []catalog.NarrativeSection `json:"narrative_sections"`
}

// UnitInfo is an expected unit of the round.
type UnitInfo struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Short string `json:"short"`
	Kind  string `json:"kind"`
}

// IndicatorInfo is an indicator with its dimensions spelled out.
type IndicatorInfo struct {
	catalog.Indicator
	Dims []catalog.Dimension `json:"dims"`
}

// Completeness is who reported and when. Submitted + Missing = Expected;
// OnTime + Late = Submitted; Included counts the units whose figures the
// snapshot holds.
type Completeness struct {
	Expected  int          `json:"expected"`
	Submitted int          `json:"submitted"`
	OnTime    int          `json:"on_time"`
	Late      int          `json:"late"`
	Missing   int          `json:"missing"`
	Accepted  int          `json:"accepted"`
	Included  int          `json:"included"`
	Units     []UnitStatus `json:"units"`
}

// UnitStatus is one unit's standing when the snapshot was taken.
type UnitStatus struct {
	Unit        string            `json:"unit"`
	Name        string            `json:"name"`
	Status      submission.Status `json:"status"`
	SubmittedAt *time.Time        `json:"submitted_at"`
	// OnTime records the unit's timeliness when the snapshot was taken
	// (Assemble sets it from Standing); nil when nothing was submitted.
	OnTime *bool `json:"on_time"`
	// FirstSubmittedAt is when the unit first submitted: its timeliness
	// is judged by it. Snapshots taken before it was recorded lack it.
	FirstSubmittedAt *time.Time `json:"first_submitted_at,omitempty"`
	// DueAt is the unit's own deadline when staff extended it, and
	// DueReason why; nil when the round's deadline holds.
	DueAt     *time.Time `json:"due_at,omitempty"`
	DueReason string     `json:"due_reason,omitempty"`
	// Included says the unit's figures are in the snapshot; Reviewed
	// that they were accepted by staff.
	Included bool `json:"included"`
	Reviewed bool `json:"reviewed"`
	Revision int  `json:"revision"`
}

// Standing is the unit's standing against the round's deadline
// (submission.StandingOf). A snapshot taken before first submissions were
// recorded judges by the submission it held.
func (u UnitStatus) Standing(deadline time.Time) submission.Standing {
	first := u.FirstSubmittedAt
	if first == nil {
		first = u.SubmittedAt
	}
	if u.DueAt != nil && u.DueAt.After(deadline) {
		deadline = *u.DueAt // extended for this unit
	}
	return submission.StandingOf(u.Status, first, deadline)
}

// Cell is one indicator cell across the province: its total by the
// catalog's aggregation rule and each included unit's value.
type Cell struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Key            submission.Key            `json:"key"`
	// Total is the province figure: a number (sum), a rate's summed parts
	// (Num, Den; the rate is Num/Den×scale), or for booleans the number of
	// units answering yes; nil for texts and when no unit entered the cell.
	Total *submission.Value           `json:"total"`
	Units map[string]submission.Value `json:"units"`
}

// Narrative is one unit's text for one narrative section.
type Narrative struct {
	Section  string `json:"section"`
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	Text     string `json:"text"`
}

// Provenance is the revision of each included unit's submission.
type Provenance struct {
	Unit     string `json:"unit"`
	Revision int    `json:"revision"`
}

// Meta is what a rendered report adds to its snapshot: its number in the
// issuer's yearly register, its date, and the roles in force that day
// (issuer, recipients, signer, the plan's citation), which the report
// prints.
type Meta struct {
	// Number is the report set's number in the issuer's register; Date
	// when the set was made, or for an issued version its date of issue.
	Number int       `json:"number"`
	Date   time.Time `json:"date"`
	// Issued marks the official version: no "DỰ THẢO", its number and
	// date of issue printed, and Signature shown. A draft says "DỰ THẢO"
	// and leaves the number and the date of issue blank.
	Issued bool `json:"issued"`
	// Signature is how the issued version shows its digital signature;
	// nil for a draft.
	Signature *SignatureMark `json:"-"`
	// Roles are the catalog's roles on the report's date.
	Roles catalog.InForce `json:"-"`
}

// NumberSymbol is the set's number and symbol as a document prints it
// after "Số:": "07/BC-UBND"; a draft leaves blanks where the number of
// issue will go ("     /BC-UBND").
func (m Meta) NumberSymbol() string {
	if !m.Issued {
		return "     /" + m.Roles.Issuer.NumberSymbol
	}
	return fmt.Sprintf("%02d/%s", m.Number, m.Roles.Issuer.NumberSymbol)
}

// DateLine is the place and date line: the date of issue in loc, or for
// a draft blanks for the day and the month of issue ("An Giang, ngày
// tháng     năm 2026").
func (m Meta) DateLine(loc *time.Location) string {
	d := m.Date.In(loc)
	if !m.Issued {
		return fmt.Sprintf("%s, ngày      tháng      năm %d", m.Roles.Issuer.Place, d.Year())
	}
	return catalog.DateLine(m.Roles.Issuer.Place, d)
}

// IssueDay is the date of issue as dd/mm/yyyy in loc; a draft leaves
// the day and the month blank ("     /     /2026").
func (m Meta) IssueDay(loc *time.Location) string {
	d := m.Date.In(loc)
	if !m.Issued {
		return fmt.Sprintf("     /     /%d", d.Year())
	}
	return d.Format("02/01/2006")
}

// SignatureMark is what an issued report shows of its digital signature,
// as Decree 30/2020 (Appendix I) shows an electronic document's: at the
// signing place the signer's signature image with the agency's seal over
// its left third, the agency's name and the signing time; on the first
// page of each appendix and of the workbook, the agency's signature
// information (number and symbol, signing time) at the top right.
type SignatureMark struct {
	// Agency is the issuing body's name; NumberSymbol the set's
	// "01/BC-SYT".
	Agency       string
	NumberSymbol string
	// SignedAt is the signing time, shown in ISO 8601 in Vietnam's zone.
	SignedAt time.Time
	// SignerImage and SealImage are PNGs (the seal red, transparent, at
	// its actual size: 36 to 42 mm across); either may be nil.
	SignerImage, SealImage []byte
}

// Indicator returns the snapshot's indicator with code.
func (s *Snapshot) Indicator(code string) (IndicatorInfo, bool) {
	for _, i := range s.Indicators {
		if i.Code == code {
			return i, true
		}
	}
	return IndicatorInfo{}, false
}

// CellsOf returns the cells of an indicator, in the snapshot's order.
func (s *Snapshot) CellsOf(code string) []Cell {
	var out []Cell
	for _, c := range s.Cells {
		if c.Indicator == code {
			out = append(out, c)
		}
	}
	return out
}

// Rate is a rate cell's value in its unit of measure.
func Rate(ind IndicatorInfo, v *submission.Value) (float64, bool) {
	if v == nil || ind.Rate == nil {
		return 0, false
	}
	return v.Ratio(ind.Rate.Scale)
}

// TotalChange is a province figure that differs between two snapshots.
type TotalChange struct {
	Key      submission.Key
	Old, New *submission.Value
}

// TotalChanges lists the cells of cur whose province figure differs from
// prev's (or that prev did not have): two snapshots' cells, of which only
// the totals are read.
func TotalChanges(prev, cur []Cell) []TotalChange {
	before := map[submission.Key]*submission.Value{}
	for _, c := range prev {
		before[c.Key] = c.Total
	}
	var out []TotalChange
	for _, c := range cur {
		if c.Total == nil {
			continue
		}
		old, ok := before[c.Key]
		if !ok || old == nil || !old.Equal(*c.Total) {
			out = append(out, TotalChange{Key: c.Key, Old: old, New: c.Total})
		}
	}
	return out
}
