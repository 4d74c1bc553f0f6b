package catalog

import (
	"fmt"
	"strconv"
	"time"
)

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

// AppliesOn reports whether the form applies on day.
func (f *Form) AppliesOn(day time.Time) bool { return newValidity(f.ValidFrom, f.ValidTo).on(day) }

// AppliesDuring reports whether the form applies on any day from start to end.
func (f *Form) AppliesDuring(start, end time.Time) bool {
	return newValidity(f.ValidFrom, f.ValidTo).overlaps(start, end)
}

// Location is the schedules' time zone; Vietnam's when it is not set or
// the zone database does not know it.
func (c *Catalog) Location() *time.Location {
	if loc, err := time.LoadLocation(c.Schedules.Timezone); err == nil && c.Schedules.Timezone != "" {
		return loc
	}
	return Vietnam
}

// AnnualWindow is the annual round of a year as the schedule sets it.
type AnnualWindow struct {
	// Opens and Due are instants: entry opens at 00:00 local on opens, and
	// submissions are due at due_time on due.
	Opens, Due time.Time
	// DueDay is the calendar day of due: a round expects the units in
	// force that day.
	DueDay time.Time
	// DataFrom and Cutoff are the calendar days the figures are counted
	// over: from the day after the previous year's cut-off to this year's.
	DataFrom, Cutoff time.Time
}

// AnnualWindow is year's annual round as the schedule sets it.
func (c *Catalog) AnnualWindow(year int) AnnualWindow {
	a := c.Schedules.Annual
	loc := c.Location()
	var hh, mm int
	fmt.Sscanf(a.DueTime, "%d:%d", &hh, &mm)
	due := monthDay(year, a.Due)
	opens := monthDay(year, a.Opens)
	return AnnualWindow{
		Opens:    time.Date(year, opens.Month(), opens.Day(), 0, 0, 0, 0, loc),
		Due:      time.Date(year, due.Month(), due.Day(), hh, mm, 0, 0, loc),
		DueDay:   due,
		DataFrom: monthDay(year-1, a.Cutoff).AddDate(0, 0, 1),
		Cutoff:   monthDay(year, a.Cutoff),
	}
}

// monthDay is "MM-DD" of year as a calendar day (UTC midnight).
func monthDay(year int, md string) time.Time {
	var m, d int
	fmt.Sscanf(md, "%d-%d", &m, &d)
	return time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// LocalDay is the calendar day of instant t in the catalog's time zone.
func (c *Catalog) LocalDay(t time.Time) time.Time {
	l := t.In(c.Location())
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// DaysLate is how many calendar days, in the catalog's time zone, instant
// now is after the day of deadline: 0 on the deadline's own day, 1 the
// next day, whatever the hours.
func (c *Catalog) DaysLate(deadline, now time.Time) int {
	return int(c.LocalDay(now).Sub(c.LocalDay(deadline)).Hours() / 24)
}

// DataWindowText is how reports and forms state the days a round's
// figures are counted over.
func DataWindowText(from, to time.Time) string {
	return fmt.Sprintf("Số liệu tính từ ngày %s đến ngày %s", from.Format("02/01/2006"), to.Format("02/01/2006"))
}

// DateLine is a Decree 30 document's place and date line for a calendar
// day: the day below 10 and the months January and February get a leading
// zero ("An Giang, ngày 05 tháng 02 năm 2026").
func DateLine(place string, day time.Time) string {
	month := strconv.Itoa(int(day.Month()))
	if day.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, day.Day(), month, day.Year())
}
