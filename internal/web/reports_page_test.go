package web

import (
	"context"
	"strings"
	"testing"

	"baocao/internal/render"
	"baocao/internal/reports"
)

// The reports page shows the latest consolidation's completeness and the
// province totals that changed since the one before, read from the
// snapshots' heads (a national snapshot is tens of megabytes).
func TestReportsPage_LatestConsolidationAndChanges(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	ctx := context.Background()
	svc := reports.New(s.deps.Pool, s.deps.Intake, render.Files{}, s.deps.Jobs)
	api := apiClient{t, s}
	send := func(values string, rev int) {
		t.Helper()
		if code, _, raw := api.do("so2", "PUT", subPath, body(values, rev)); code != 200 {
			t.Fatalf("PUT = %d %s", code, raw)
		}
		if code, _, raw := api.do("so2", "POST", subPath+"/submit", ""); code != 200 {
			t.Fatalf("submit = %d %s", code, raw)
		}
		if _, err := svc.Generate(ctx, "NAM-2024", true); err != nil {
			t.Fatal(err)
		}
	}
	send(completeSO2, 0)
	page := visibleText(doAs(t, s, "staff", "GET", "/rounds/NAM-2024/reports").Body.String())
	if !strings.Contains(page, "Số liệu tổng hợp gần nhất") || !strings.Contains(page, "1/3 đơn vị đã gửi") ||
		strings.Contains(page, "số liệu thay đổi so với lần tổng hợp trước") {
		t.Fatalf("after the first consolidation:\n%s", page)
	}
	if code, _, raw := api.do("so2", "POST", subPath+"/withdraw", ""); code != 200 {
		t.Fatalf("withdraw = %d %s", code, raw)
	}
	send(strings.Replace(completeSO2, `{"SEX": "F"}, "value": 100}`, `{"SEX": "F"}, "value": 101}`, 1), 1)
	page = visibleText(doAs(t, s, "staff", "GET", "/rounds/NAM-2024/reports").Body.String())
	for _, want := range []string{"số liệu thay đổi so với lần tổng hợp trước", "BV01|SEX=F: 100 → 101"} {
		if !strings.Contains(page, want) {
			t.Errorf("after a change, the page lacks %q:\n%s", want, page)
		}
	}
}
