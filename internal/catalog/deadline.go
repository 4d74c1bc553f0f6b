package catalog

import (
	"fmt"
	"time"
)

// Vietnam is the country's civil time, Asia/Ho_Chi_Minh: every date and
// deadline people read is in it. Vietnam has kept UTC+7 without daylight
// saving since 1975, so a fixed zone stands in where the host has no zone
// database.
var Vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// LastDay is the last calendar day a deadline leaves in full, in Vietnam:
// the day before a deadline at midnight ("trước ngày 10/11" is the end of
// 9/11), the deadline's own day otherwise. It is a date (UTC midnight).
func LastDay(deadline time.Time) time.Time {
	l := deadline.In(Vietnam).Add(-time.Nanosecond)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// DeadlineText is a deadline as people read it: "hết ngày 09/11/2026" for
// one at midnight (00:00 on 10/11 reads to most people as the end of the
// 10th, while it is its start), "17:00 ngày 22/11/2026" for one at another
// time. Pages, notices, the agencies' form and the reports all write
// deadlines with it.
func DeadlineText(deadline time.Time) string {
	l := deadline.In(Vietnam)
	if l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 && l.Nanosecond() == 0 {
		return "hết ngày " + LastDay(deadline).Format("02/01/2006")
	}
	return fmt.Sprintf("%s ngày %s", l.Format("15:04"), l.Format("02/01/2006"))
}

// DaysLeft is how many days a unit has until deadline, counted as
// reminders count them: whole or started periods of 24 hours, so that the
// last day before a midnight deadline has 1 day left; 0 once it has
// passed.
func DaysLeft(deadline, now time.Time) int {
	left := deadline.Sub(now)
	if left <= 0 {
		return 0
	}
	return int((left + 24*time.Hour - 1) / (24 * time.Hour))
}
