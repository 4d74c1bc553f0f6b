package catalog

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Catalog format versions.
const (
	// FormatFixed is the first format: one province, and the issuer,
	// consolidator and recipients fixed for all time. A catalog without a
	// format key is in it.
	FormatFixed = 1
	// FormatTimeline is the organisation as a timeline: provinces one
	// after another, many-to-many succession with shares, commune-level
	// units, and every role effective-dated (plan.yaml roles).
	FormatTimeline = 2
)

// Version is the catalog's format version (1 when the key is absent).
func (c *Catalog) Version() int {
	if c.Plan.Format == 0 {
		return FormatFixed
	}
	return c.Plan.Format
}

// Roles are the effective-dated roles of a format 2 catalog: who issues
// the consolidated report and where, who consolidates the units' reports,
// who receives it, who signs it, and how the plan is cited. Each list
// holds periods that follow one another without overlap or gap.
type Roles struct {
	Pos          `yaml:"-" json:"-"`
	Issuer       []IssuerRole       `yaml:"issuer" json:"issuer"`
	Consolidator []ConsolidatorRole `yaml:"consolidator" json:"consolidator"`
	Recipients   []RecipientsRole   `yaml:"recipients" json:"recipients"`
	Signer       []SignerRole       `yaml:"signer" json:"signer"`
	Citation     []CitationRole     `yaml:"citation" json:"citation,omitempty"`
}

// IssuerRole is the body that issues the consolidated report (the
// province's People's Committee): the Decree 30 header, the register the
// report's number is taken from, and the place name of the date line.
type IssuerRole struct {
	Pos          `yaml:"-" json:"-"`
	From         string `yaml:"from" json:"from"`
	To           string `yaml:"to" json:"to,omitempty"`
	Unit         string `yaml:"unit" json:"unit"`
	ParentBody   string `yaml:"parent_body" json:"parent_body,omitempty"`
	IssuingBody  string `yaml:"issuing_body" json:"issuing_body"`
	NumberSymbol string `yaml:"number_symbol" json:"number_symbol"`
	Place        string `yaml:"place" json:"place"`
}

// ConsolidatorRole is the body the units' reports go through.
type ConsolidatorRole struct {
	Pos  `yaml:"-" json:"-"`
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to" json:"to,omitempty"`
	Unit string `yaml:"unit" json:"unit"`
}

// RecipientsRole is the "Nơi nhận" list, each line printed after "- ".
type RecipientsRole struct {
	Pos   `yaml:"-" json:"-"`
	From  string   `yaml:"from" json:"from"`
	To    string   `yaml:"to" json:"to,omitempty"`
	Lines []string `yaml:"lines" json:"lines"`
}

// SignerRole is the signature block: the signer's title lines and name.
// The name may be left empty until the person is known; the line is then
// left blank for it.
type SignerRole struct {
	Pos   `yaml:"-" json:"-"`
	From  string   `yaml:"from" json:"from"`
	To    string   `yaml:"to" json:"to,omitempty"`
	Block []string `yaml:"block" json:"block"`
	Name  string   `yaml:"name" json:"name,omitempty"`
}

// CitationRole is how the report cites the plan it reports on: the
// plan's own number and date, and its issuer as named on the day (with
// "(nay là tỉnh …)" once that issuer has merged).
type CitationRole struct {
	Pos    `yaml:"-" json:"-"`
	From   string `yaml:"from" json:"from"`
	To     string `yaml:"to" json:"to,omitempty"`
	Number string `yaml:"number" json:"number,omitempty"`
	Date   string `yaml:"date" json:"date,omitempty"`
	Issuer string `yaml:"issuer" json:"issuer"`
}

// InForce is every role as it stands on one day.
type InForce struct {
	Issuer       IssuerRole
	Consolidator string
	Recipients   []string
	Signer       SignerRole
	// Citation is the plan as the report cites it ("Kế hoạch số … ngày …
	// của …, về …").
	Citation string
}

// ErrNoRole means a role has no holder on the day asked.
var ErrNoRole = errors.New("no holder of the role on that day")

// RolesOn is every role in force on day (a calendar day). A format 1
// catalog's roles hold on every day.
func (c *Catalog) RolesOn(day time.Time) (InForce, error) {
	if c.Version() < FormatTimeline || c.Plan.Roles == nil {
		iss := c.Report.Issuer
		return InForce{
			Issuer: IssuerRole{Unit: iss.Unit, ParentBody: iss.ParentBody, IssuingBody: iss.IssuingBody,
				NumberSymbol: iss.NumberSymbol, Place: iss.Place},
			Consolidator: c.Plan.Consolidator,
			Recipients:   c.Report.Recipients,
			Signer:       SignerRole{Block: iss.SignerBlock, Name: iss.SignerName},
			Citation:     c.Plan.Title,
		}, nil
	}
	r := c.Plan.Roles
	var out InForce
	var missing []string
	if i, ok := holder(r.Issuer, day, func(x IssuerRole) (string, string) { return x.From, x.To }); ok {
		out.Issuer = r.Issuer[i]
	} else {
		missing = append(missing, "issuer")
	}
	if i, ok := holder(r.Consolidator, day, func(x ConsolidatorRole) (string, string) { return x.From, x.To }); ok {
		out.Consolidator = r.Consolidator[i].Unit
	} else {
		missing = append(missing, "consolidator")
	}
	if i, ok := holder(r.Recipients, day, func(x RecipientsRole) (string, string) { return x.From, x.To }); ok {
		out.Recipients = r.Recipients[i].Lines
	} else {
		missing = append(missing, "recipients")
	}
	if i, ok := holder(r.Signer, day, func(x SignerRole) (string, string) { return x.From, x.To }); ok {
		out.Signer = r.Signer[i]
	} else {
		missing = append(missing, "signer")
	}
	out.Citation = c.Plan.Title
	if i, ok := holder(r.Citation, day, func(x CitationRole) (string, string) { return x.From, x.To }); ok {
		out.Citation = r.Citation[i].Text(c.Plan.Title)
	}
	if len(missing) > 0 {
		return out, fmt.Errorf("%s on %s: %w", strings.Join(missing, ", "), Day(day), ErrNoRole)
	}
	return out, nil
}

// holder is the index of the entry of list in force on day.
func holder[T any](list []T, day time.Time, period func(T) (string, string)) (int, bool) {
	for i, x := range list {
		if newValidity(period(x)).on(day) {
			return i, true
		}
	}
	return 0, false
}

// Text is the citation of a plan titled title: "Kế hoạch số 123/KH-UBND
// ngày 5/6/2024 của Ủy ban nhân dân tỉnh Kiên Giang (nay là tỉnh An
// Giang) triển khai thực hiện …". A number or date left out is left out
// of the text too.
func (cr CitationRole) Text(title string) string {
	var b strings.Builder
	rest, isPlan := strings.CutPrefix(title, "Kế hoạch ")
	b.WriteString("Kế hoạch")
	if cr.Number != "" {
		b.WriteString(" số " + cr.Number)
	}
	if d, ok := parseDate(cr.Date); ok {
		fmt.Fprintf(&b, " ngày %d/%d/%d", d.Day(), int(d.Month()), d.Year())
	}
	b.WriteString(" của " + cr.Issuer)
	if !isPlan {
		rest = "về " + title
	}
	b.WriteString(" " + rest)
	return b.String()
}
