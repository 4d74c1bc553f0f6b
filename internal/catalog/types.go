// Package catalog is the plan as data: who reports, which indicators, on
// which forms, by which deadlines, and how the consolidated report is laid
// out. A catalog is read from a folder of YAML files (templates/catalog),
// validated as a whole, and stored as an immutable version keyed by the hash
// of its content. It imports no database and no HTTP.
package catalog

// The files of a catalog folder, in the order they are read.
const (
	FilePlan       = "plan.yaml"
	FileUnits      = "units.yaml"
	FileIndicators = "indicators.yaml"
	FileForms      = "forms.yaml"
	FileSchedules  = "schedules.yaml"
	FileReport     = "report.yaml"
)

// Files lists the catalog files in reading order.
var Files = []string{FilePlan, FileUnits, FileIndicators, FileForms, FileSchedules, FileReport}

// Catalog is one complete, validated version of the plan.
type Catalog struct {
	Plan       Plan        `json:"plan"`
	Units      []Unit      `json:"units"`
	Dimensions []Dimension `json:"dimensions"`
	Indicators []Indicator `json:"indicators"`
	Rules      []Rule      `json:"rules"`
	Forms      []Form      `json:"forms"`
	Schedules  Schedules   `json:"schedules"`
	Report     Report      `json:"report"`
}

// Pos is where an item was read from, for messages; it is not content.
type Pos struct {
	File   string         `yaml:"-" json:"-"`
	Line   int            `yaml:"-" json:"-"`
	Fields map[string]int `yaml:"-" json:"-"`
}

// At is the line of field's key in the item, or the item's own line.
func (p Pos) At(field string) int {
	if l, ok := p.Fields[field]; ok {
		return l
	}
	return p.Line
}

// Plan is plan.yaml: the plan itself, its task groups, the narrative
// sections units write, and who is responsible for what.
type Plan struct {
	Pos `yaml:"-" json:"-"`
	// Format is the catalog format's version: 0 or 1 for the first format
	// (one province, roles fixed for all time), 2 for the organisation as
	// a timeline (see FormatTimeline).
	Format            int                `yaml:"format" json:"format,omitempty"`
	Code              string             `yaml:"code" json:"code"`
	Title             string             `yaml:"title" json:"title"`
	Issuer            string             `yaml:"issuer" json:"issuer"`
	Province          string             `yaml:"province" json:"province"`
	Consolidator      string             `yaml:"consolidator" json:"consolidator"`
	UpwardRecipients  []string           `yaml:"upward_recipients" json:"upward_recipients"`
	LegalBasis        []LegalDocument    `yaml:"legal_basis" json:"legal_basis"`
	TaskGroups        []TaskGroup        `yaml:"task_groups" json:"task_groups"`
	NarrativeSections []NarrativeSection `yaml:"narrative_sections" json:"narrative_sections"`
	Responsibilities  []Responsibility   `yaml:"responsibilities" json:"responsibilities"`
	// Roles are the effective-dated roles of format 2; a format 1 catalog
	// has them as fixed fields (Province, Consolidator, Report.Issuer,
	// Report.Recipients) instead. Use Catalog.RolesOn either way.
	Roles *Roles `yaml:"roles" json:"roles,omitempty"`
}

// LegalDocument is a document the plan carries out.
type LegalDocument struct {
	Pos    `yaml:"-" json:"-"`
	Code   string `yaml:"code" json:"code"`
	Title  string `yaml:"title" json:"title"`
	Issued string `yaml:"issued" json:"issued"`
	Issuer string `yaml:"issuer" json:"issuer"`
}

// TaskGroup is one group of tasks of section II of the plan.
type TaskGroup struct {
	Pos      `yaml:"-" json:"-"`
	Code     string    `yaml:"code" json:"code"`
	Title    string    `yaml:"title" json:"title"`
	SubPlans []SubPlan `yaml:"sub_plans" json:"sub_plans,omitempty"`
}

// SubPlan is a programme or plan a task group carries out.
type SubPlan struct {
	Pos    `yaml:"-" json:"-"`
	Code   string `yaml:"code" json:"code"`
	Title  string `yaml:"title" json:"title"`
	Period string `yaml:"period" json:"period,omitempty"`
}

// NarrativeSection is a part of the narrative a unit writes (kết quả per
// task group; tồn tại, hạn chế; phương hướng; kiến nghị).
type NarrativeSection struct {
	Pos       `yaml:"-" json:"-"`
	Code      string `yaml:"code" json:"code"`
	Title     string `yaml:"title" json:"title"`
	TaskGroup string `yaml:"task_group" json:"task_group,omitempty"`
	Guidance  string `yaml:"guidance" json:"guidance,omitempty"`
}

// Responsibility is a paragraph of section IV: a body and its duties.
type Responsibility struct {
	Pos        `yaml:"-" json:"-"`
	Section    string   `yaml:"section" json:"section"`
	Units      []string `yaml:"units" json:"units,omitempty"`
	UnitKinds  []string `yaml:"unit_kinds" json:"unit_kinds,omitempty"`
	TaskGroups []string `yaml:"task_groups" json:"task_groups"`
	Duties     []string `yaml:"duties" json:"duties"`
}

// Unit kinds.
const (
	KindProvince   = "province"
	KindDepartment = "department"
	KindMass       = "mass_organisation"
	KindMedia      = "media"
	KindDistrict   = "district"
	// Commune-level units (format 2): xã, phường, đặc khu.
	KindCommune     = "commune"
	KindWard        = "ward"
	KindSpecialZone = "special_zone"
)

// ReportingKinds are the kinds of units that report (every kind but the
// province), in the order forms and responsibilities list them.
var ReportingKinds = []string{KindDepartment, KindMass, KindMedia, KindDistrict, KindCommune, KindWard, KindSpecialZone}

// Unit is a body that reports or receives reports, valid over a period.
type Unit struct {
	Pos       `yaml:"-" json:"-"`
	Code      string `yaml:"code" json:"code"`
	Name      string `yaml:"name" json:"name"`
	Short     string `yaml:"short" json:"short"`
	Kind      string `yaml:"kind" json:"kind"`
	Parent    string `yaml:"parent" json:"parent,omitempty"`
	Email     string `yaml:"email" json:"email,omitempty"`
	ValidFrom string `yaml:"valid_from" json:"valid_from"`
	ValidTo   string `yaml:"valid_to" json:"valid_to,omitempty"`
	// Successor is format 1's single successor.
	Successor string `yaml:"successor" json:"successor,omitempty"`
	// Successors are format 2's: the units that took over the unit's
	// territory or duties the day after its valid_to, each with the share
	// of the unit's children it took when known.
	Successors []Link `yaml:"successors" json:"successors,omitempty"`
	// AlsoCovers names ground the unit took over that never reported in
	// this system ("địa bàn tỉnh An Giang (cũ)"): its figures cannot be
	// compared with its predecessors' alone (format 2).
	AlsoCovers string `yaml:"also_covers" json:"also_covers,omitempty"`
	Note       string `yaml:"note" json:"note,omitempty"`
}

// Link is a succession link to another unit. Share is the part (0 to 1)
// of the predecessor's children the successor took over; nil when not
// known, which for a predecessor with a single successor means all.
type Link struct {
	Pos   `yaml:"-" json:"-"`
	Code  string   `yaml:"code" json:"code"`
	Share *float64 `yaml:"share" json:"share,omitempty"`
}

// Dimension is a way an indicator is broken down (phân tổ), with its options.
type Dimension struct {
	Pos  `yaml:"-" json:"-"`
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
	// Partition says the options are exhaustive and exclusive, so the
	// cells of a dimension add up to the indicator's total.
	Partition bool     `yaml:"partition" json:"partition"`
	Options   []Option `yaml:"options" json:"options"`
}

// Option is one value of a dimension.
type Option struct {
	Pos  `yaml:"-" json:"-"`
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

// Value types of indicators (see shared/api.md).
const (
	TypeCount   = "count"
	TypeNumber  = "number"
	TypeAmount  = "amount"
	TypeRate    = "rate"
	TypeText    = "text"
	TypeBoolean = "boolean"
)

// Aggregation rules: how unit values become the province's.
const (
	AggSum       = "sum"        // counts, numbers, amounts
	AggRatio     = "ratio"      // rates: sum numerators, sum denominators, divide
	AggCollect   = "collect"    // text: kept per unit, never summed
	AggCountTrue = "count_true" // booleans: how many units answered yes
)

// Indicator follows the national metadata of Thông tư 13/2021/TT-BLĐTBXH.
type Indicator struct {
	Pos           `yaml:"-" json:"-"`
	Code          string   `yaml:"code" json:"code"`
	Name          string   `yaml:"name" json:"name"`
	Area          string   `yaml:"area" json:"area"`
	TaskGroup     string   `yaml:"task_group" json:"task_group"`
	Concept       string   `yaml:"concept" json:"concept"`
	Method        string   `yaml:"method" json:"method"`
	UnitOfMeasure string   `yaml:"unit_of_measure" json:"unit_of_measure"`
	ValueType     string   `yaml:"value_type" json:"value_type"`
	Dimensions    []string `yaml:"dimensions" json:"dimensions"`
	// Total says whether the total over the dimensions is entered (needed
	// when a dimension does not partition) or derived by summing cells.
	Total       string    `yaml:"total" json:"total,omitempty"`
	Rate        *RateSpec `yaml:"rate" json:"rate,omitempty"`
	Aggregation string    `yaml:"aggregation" json:"aggregation"`
	Period      string    `yaml:"period" json:"period"`
	Source      string    `yaml:"source" json:"source"`
	Lead        string    `yaml:"lead" json:"lead"`
	Supporting  []string  `yaml:"supporting" json:"supporting,omitempty"`
	Bounds      *Bounds   `yaml:"bounds" json:"bounds,omitempty"`
	// ChangeWarning is the share of change from the unit's previous round
	// beyond which a value needs an explanation (0.5 = 50%).
	ChangeWarning *float64 `yaml:"change_warning" json:"change_warning,omitempty"`
	Target        string   `yaml:"target" json:"target,omitempty"`
}

// Total modes.
const (
	TotalDerived = "derived"
	TotalEntered = "entered"
)

// RateSpec names a rate's parts; a rate is stored as numerator and
// denominator, never as a percentage typed in.
type RateSpec struct {
	Pos         `yaml:"-" json:"-"`
	Numerator   string `yaml:"numerator" json:"numerator"`
	Denominator string `yaml:"denominator" json:"denominator"`
	// Scale turns the ratio into the unit of measure: 100 for %, 1000 for ‰.
	Scale float64 `yaml:"scale" json:"scale"`
	// MayExceed allows a numerator above its denominator (gross rates).
	MayExceed bool `yaml:"may_exceed" json:"may_exceed,omitempty"`
}

// Bounds are the plausible range of one cell (for a rate, of each part).
type Bounds struct {
	Pos `yaml:"-" json:"-"`
	Min *float64 `yaml:"min" json:"min,omitempty"`
	Max *float64 `yaml:"max" json:"max,omitempty"`
}

// Rule kinds: consistency between indicators within one submission.
const (
	RulePartOf    = "part_of"    // part ≤ whole, cell by cell
	RuleSumEquals = "sum_equals" // the parts add up to the whole, cell by cell
)

// Rule is a consistency rule between indicators.
type Rule struct {
	Pos      `yaml:"-" json:"-"`
	Code     string   `yaml:"code" json:"code"`
	Kind     string   `yaml:"kind" json:"kind"`
	Whole    string   `yaml:"whole" json:"whole"`
	Parts    []string `yaml:"parts" json:"parts"`
	Severity string   `yaml:"severity" json:"severity"`
	Message  string   `yaml:"message" json:"message"`
}

// Severities of findings.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Round kinds.
const (
	RoundAnnual = "annual"
	RoundAdhoc  = "adhoc"
)

// Form is what a set of units reports in a kind of round.
type Form struct {
	Pos        `yaml:"-" json:"-"`
	Code       string   `yaml:"code" json:"code"`
	Title      string   `yaml:"title" json:"title"`
	RoundKinds []string `yaml:"round_kinds" json:"round_kinds"`
	Units      []string `yaml:"units" json:"units,omitempty"`
	UnitKinds  []string `yaml:"unit_kinds" json:"unit_kinds,omitempty"`
	ValidFrom  string   `yaml:"valid_from" json:"valid_from"`
	ValidTo    string   `yaml:"valid_to" json:"valid_to,omitempty"`
	Indicators []string `yaml:"indicators" json:"indicators"`
	Narratives []string `yaml:"narratives" json:"narratives"`
}

// Schedules is schedules.yaml.
type Schedules struct {
	Pos      `yaml:"-" json:"-"`
	Timezone string         `yaml:"timezone" json:"timezone"`
	Annual   AnnualSchedule `yaml:"annual" json:"annual"`
	Adhoc    AdhocSchedule  `yaml:"adhoc" json:"adhoc"`
}

// AnnualSchedule is the yearly round. Month-day values are "MM-DD" in the
// reporting year; times are local wall-clock "HH:MM".
type AnnualSchedule struct {
	Pos   `yaml:"-" json:"-"`
	Code  string `yaml:"code" json:"code"`
	Title string `yaml:"title" json:"title"`
	// Opens is when the round is opened for entry.
	Opens string `yaml:"opens" json:"opens"`
	// Cutoff is the last day of data the round covers.
	Cutoff string `yaml:"cutoff" json:"cutoff"`
	// Due is the instant submissions are due ("before 10 November" is
	// 11-10 at 00:00).
	Due     string `yaml:"due" json:"due"`
	DueTime string `yaml:"due_time" json:"due_time"`
	// RemindDays are days before Due to remind units that have not submitted.
	RemindDays []int `yaml:"remind_days" json:"remind_days"`
	// ChaseDays are days after Due to chase units still missing.
	ChaseDays []int `yaml:"chase_days" json:"chase_days"`
	// LockAfterDays closes the round to late submissions.
	LockAfterDays int `yaml:"lock_after_days" json:"lock_after_days"`
	// ReportDue is the consolidated report's own deadline.
	ReportDue string `yaml:"report_due" json:"report_due"`
}

// AdhocSchedule holds the defaults for rounds the province opens at will.
type AdhocSchedule struct {
	Pos           `yaml:"-" json:"-"`
	DueDays       int   `yaml:"due_days" json:"due_days"`
	RemindDays    []int `yaml:"remind_days" json:"remind_days"`
	ChaseDays     []int `yaml:"chase_days" json:"chase_days"`
	LockAfterDays int   `yaml:"lock_after_days" json:"lock_after_days"`
}

// Report is report.yaml: the consolidated report's layout (Decree 30).
type Report struct {
	Pos        `yaml:"-" json:"-"`
	Issuer     Issuer     `yaml:"issuer" json:"issuer"`
	Title      string     `yaml:"title" json:"title"`
	Summary    string     `yaml:"summary" json:"summary"`
	Sections   []Section  `yaml:"sections" json:"sections"`
	Appendices []Appendix `yaml:"appendices" json:"appendices"`
	Recipients []string   `yaml:"recipients" json:"recipients"`
}

// Issuer is the Decree 30 header and signature block.
type Issuer struct {
	Pos          `yaml:"-" json:"-"`
	Unit         string   `yaml:"unit" json:"unit"`
	ParentBody   string   `yaml:"parent_body" json:"parent_body,omitempty"`
	IssuingBody  string   `yaml:"issuing_body" json:"issuing_body"`
	NumberSymbol string   `yaml:"number_symbol" json:"number_symbol"`
	Place        string   `yaml:"place" json:"place"`
	SignerBlock  []string `yaml:"signer_block" json:"signer_block"`
	SignerName   string   `yaml:"signer_name" json:"signer_name"`
}

// Section is a heading of the report body with what goes under it.
type Section struct {
	Pos        `yaml:"-" json:"-"`
	Code       string    `yaml:"code" json:"code"`
	Title      string    `yaml:"title" json:"title"`
	Intro      string    `yaml:"intro" json:"intro,omitempty"`
	Narratives []string  `yaml:"narratives" json:"narratives,omitempty"`
	Indicators []string  `yaml:"indicators" json:"indicators,omitempty"`
	Sections   []Section `yaml:"sections" json:"sections,omitempty"`
}

// Appendix is a table annex (Phụ lục) of indicators.
type Appendix struct {
	Pos         `yaml:"-" json:"-"`
	Code        string   `yaml:"code" json:"code"`
	Title       string   `yaml:"title" json:"title"`
	Orientation string   `yaml:"orientation" json:"orientation"`
	Indicators  []string `yaml:"indicators" json:"indicators"`
	ByUnit      bool     `yaml:"by_unit" json:"by_unit"`
}
