package catalog

import (
	"testing"
	"time"
)

// Days late are calendar days in the catalog's time zone, not 24-hour
// periods: just after midnight in Vietnam the deadline of 17:00 the day
// before is one day past, though only hours passed (and in UTC it is
// still the deadline's day).
func TestCatalog_DaysLate(t *testing.T) {
	c := &Catalog{Schedules: Schedules{Timezone: "Asia/Ho_Chi_Minh"}}
	vn := c.Location()
	due := time.Date(2025, 11, 10, 17, 0, 0, 0, vn)
	tests := []struct {
		now  time.Time
		want int
	}{
		{due.Add(-48 * time.Hour), -2},
		{due.Add(-time.Hour), 0},
		{due, 0},
		{time.Date(2025, 11, 10, 23, 59, 0, 0, vn), 0},
		{time.Date(2025, 11, 11, 0, 30, 0, 0, vn), 1},
		{time.Date(2025, 11, 19, 9, 0, 0, 0, vn), 9},
		{time.Date(2025, 12, 1, 16, 0, 0, 0, time.UTC), 21}, // 23:00 on 1 December in Vietnam
	}
	for _, tt := range tests {
		if got := c.DaysLate(due, tt.now); got != tt.want {
			t.Errorf("DaysLate(%s) = %d, want %d", tt.now.In(vn).Format(time.DateTime), got, tt.want)
		}
	}
}
