package catalog

import "time"

const dateLayout = "2006-01-02"

// parseDate reads a catalog date (a calendar day, no zone).
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	return t, err == nil
}

func formatDate(t time.Time) string { return t.Format(dateLayout) }

// Day is a calendar date of the catalog, as "YYYY-MM-DD".
func Day(t time.Time) string { return formatDate(t) }

// validity is a closed range of days; a zero end means open-ended.
type validity struct {
	from, to time.Time
}

func newValidity(from, to string) validity {
	f, _ := parseDate(from)
	t, _ := parseDate(to)
	return validity{from: f, to: t}
}

func (v validity) on(day time.Time) bool {
	day = truncateDay(day)
	return !day.Before(v.from) && (v.to.IsZero() || !day.After(v.to))
}

func (v validity) overlaps(start, end time.Time) bool {
	start, end = truncateDay(start), truncateDay(end)
	return !end.Before(v.from) && (v.to.IsZero() || !start.After(v.to))
}

// truncateDay keeps the calendar day of t as written, whatever its zone.
func truncateDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ValidOn reports whether the unit exists on day.
func (u *Unit) ValidOn(day time.Time) bool { return newValidity(u.ValidFrom, u.ValidTo).on(day) }

// ValidDuring reports whether the unit exists on any day from start to end.
func (u *Unit) ValidDuring(start, end time.Time) bool {
	return newValidity(u.ValidFrom, u.ValidTo).overlaps(start, end)
}

// AppliesDuring reports whether the form applies on any day from start to end.
func (f *Form) AppliesDuring(start, end time.Time) bool {
	return newValidity(f.ValidFrom, f.ValidTo).overlaps(start, end)
}
