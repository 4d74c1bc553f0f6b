package web

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/submission"
)

// A round listing more units than a page holds (a national round, for
// staff) shows how many are in each status and a search into its
// progress page, not thousands of rows; a round of a unit's own lists it.
func TestRoundCard_LargeRoundCounted(t *testing.T) {
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	rd := domain.Round{Code: "NAM-2026", Title: "Báo cáo năm 2026", Status: "open", DueAt: now.Add(-24 * time.Hour)}
	var subs []domain.Submission
	for i := range unitsPerPage + 50 {
		st := submission.StatusNotStarted
		switch {
		case i < 120:
			st = submission.StatusSubmitted
		case i < 130:
			st = submission.StatusDraft
		}
		subs = append(subs, domain.Submission{UnitCode: fmt.Sprintf("XA%04d", i), Status: st})
	}
	row := roundCard(intake.RoundSubmissions{Round: rd, Submissions: subs}, now)
	if row.Groups != nil || row.Units != unitsPerPage+50 {
		t.Fatalf("a round of %d units: %d units, %d groups of rows", len(subs), row.Units, len(row.Groups))
	}
	want := []statusCount{{submission.StatusNotStarted, unitsPerPage + 50 - 130}, {submission.StatusDraft, 10}, {submission.StatusSubmitted, 120}}
	if fmt.Sprint(row.Statuses) != fmt.Sprint(want) {
		t.Fatalf("counts %v, want %v", row.Statuses, want)
	}
	staff := access.User{Username: "staff", Role: access.RoleStaff, Active: true}
	var buf bytes.Buffer
	if err := pages["rounds.html"].ExecuteTemplate(&buf, "layout", page{User: &staff, Data: roundsData{Rounds: []roundRow{row}}}); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, s := range []string{"250 đơn vị:", "Chưa nhập</span> 120", "Đang soạn</span> 10", "Đã nộp</span> 120",
		`action="/rounds/NAM-2026/progress#tat-ca"`, `name="q"`} {
		if !strings.Contains(html, s) {
			t.Errorf("the rounds page lacks %q", s)
		}
	}
	if strings.Contains(html, "XA0001") || strings.Contains(html, "Mở báo cáo") {
		t.Error("the rounds page lists the units of a large round one by one")
	}

	// A unit's own round: its row.
	own := roundCard(intake.RoundSubmissions{Round: rd, Catalog: &catalog.Catalog{}, Submissions: subs[:1]}, now)
	if own.Statuses != nil || len(own.Groups) != 1 || len(own.Groups[0].Rows) != 1 {
		t.Fatalf("a round of one unit: %+v", own)
	}
}
