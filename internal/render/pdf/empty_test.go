package pdf

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
)

func TestRender_NothingAccepted(t *testing.T) {
	c, err := catalog.Load(os.DirFS("../../catalog/testdata/minimal"), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	s := consolidate.Build(c, 1, consolidate.RoundInfo{Code: "NAM-2024", Title: "Báo cáo năm 2024", PeriodEnd: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)},
		c.Forms[0].Indicators, []consolidate.Input{{Status: consolidate.UnitStatus{Unit: "SO1", Status: "not_started"}}}, false)
	s.CreatedAt = time.Date(2024, 12, 5, 9, 0, 0, 0, time.UTC)
	roles, err := c.RolesOn(s.CreatedAt)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(s, consolidate.Meta{Number: 1, Date: time.Date(2024, 12, 5, 9, 0, 0, 0, time.UTC), Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	// A round where nothing was accepted still gets its report, which says so.
	f, _ := os.CreateTemp("", "empty-*.pdf")
	f.Write(out)
	f.Close()
	defer os.Remove(f.Name())
	b, _ := exec.Command("pdftotext", "-layout", f.Name(), "-").Output()
	text := strings.Join(strings.Fields(string(b)), " ")
	if !strings.Contains(text, "Chưa có báo cáo nào được tiếp nhận, nên báo cáo này chưa có số liệu tổng hợp") {
		t.Fatalf("nothing-accepted report does not say so:\n%s", b)
	}
}
