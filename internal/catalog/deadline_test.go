package catalog

import (
	"testing"
	"time"
)

func TestDeadlineText(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
		last string
	}{
		// "trước ngày 10/11": the 9th is the last day.
		{time.Date(2026, 11, 10, 0, 0, 0, 0, Vietnam), "hết ngày 09/11/2026", "2026-11-09"},
		// The same instant in UTC reads the same.
		{time.Date(2026, 11, 9, 17, 0, 0, 0, time.UTC), "hết ngày 09/11/2026", "2026-11-09"},
		// New Year's Day at midnight: the year before ends.
		{time.Date(2027, 1, 1, 0, 0, 0, 0, Vietnam), "hết ngày 31/12/2026", "2026-12-31"},
		{time.Date(2026, 11, 22, 17, 0, 0, 0, Vietnam), "17:00 ngày 22/11/2026", "2026-11-22"},
		// A minute past midnight is a time of the day, not its end.
		{time.Date(2026, 11, 23, 0, 1, 0, 0, Vietnam), "00:01 ngày 23/11/2026", "2026-11-23"},
	} {
		if got := DeadlineText(c.at); got != c.want {
			t.Errorf("DeadlineText(%s) = %q, want %q", c.at, got, c.want)
		}
		if got := Day(LastDay(c.at)); got != c.last {
			t.Errorf("LastDay(%s) = %s, want %s", c.at, got, c.last)
		}
	}
}

func TestDaysLeft(t *testing.T) {
	due := time.Date(2026, 11, 10, 0, 0, 0, 0, Vietnam)
	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{due.Add(-7 * 24 * time.Hour), 7}, // the reminder a week before
		{due.Add(-24 * time.Hour), 1},     // the start of the last day
		{due.Add(-time.Hour), 1},          // its last hour
		{due.Add(-25 * time.Hour), 2},
		{due, 0},
		{due.Add(time.Hour), 0},
	} {
		if got := DaysLeft(due, c.now); got != c.want {
			t.Errorf("DaysLeft at %s = %d, want %d", c.now, got, c.want)
		}
	}
}
