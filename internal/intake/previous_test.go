package intake

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/testkit"
	catalogs "baocao/templates/catalog"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var ict = time.FixedZone("ICT", 7*3600)

// timelineCatalog is the format 2 test catalog (internal/catalog/testdata/
// timeline), with a change warning on BV03 too, so that the departments'
// figures are compared as the communes' BV01 are.
func timelineCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile("../catalog/testdata/timeline/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	ind := string(fsys[catalog.FileIndicators].Data)
	const bv03 = "    source: Công an tỉnh\n    lead: SO2\n"
	if strings.Count(ind, bv03) != 1 {
		t.Fatal("BV03 not found in the timeline catalog")
	}
	fsys[catalog.FileIndicators].Data = []byte(strings.Replace(ind, bv03, bv03+"    change_warning: 0.5\n", 1))
	c, err := catalog.Load(fsys, "timeline")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// acrossTheMerger is the timeline catalog with its 2024 round (the old
// province's departments and districts) and its 2025 round (the new
// province's departments and communes), and an account for every unit
// and one for staff.
type acrossTheMerger struct {
	pool  *pgxpool.Pool
	s     *Service
	users map[string]access.User
}

func newAcrossTheMerger(t *testing.T) *acrossTheMerger {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	c := timelineCatalog(t)
	id, _, err := postgres.SaveCatalog(ctx, pool, "timeline", c)
	if err != nil {
		t.Fatal(err)
	}
	openYear(t, pool, c, id, 2024)
	openYear(t, pool, c, id, 2025)
	return &acrossTheMerger{pool: pool, s: New(pool, testkit.Inserter(t, pool)),
		users: accounts(t, pool, "SO1", "SO2", "SO3", "H1", "H2", "MOI.SO2", "MOI.SO3", "X1", "X2", "X3", "X4", "SO4", "MOI.SO4")}
}

// openYear opens year's annual round on catalog version id (c), due at
// 00:00 on 10 November, expecting the units in force that day.
func openYear(t *testing.T, pool *pgxpool.Pool, c *catalog.Catalog, id int64, year int) {
	t.Helper()
	start, end := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, time.Date(year, 11, 10, 0, 0, 0, 0, time.UTC))
	var units []domain.RoundUnit
	for _, e := range expected {
		units = append(units, domain.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	if _, err := postgres.CreateRound(context.Background(), pool, domain.Round{Code: "NAM-" + strconv.Itoa(year), Kind: catalog.RoundAnnual,
		Title: "Báo cáo năm " + strconv.Itoa(year), PeriodStart: start, PeriodEnd: end,
		DueAt: time.Date(year, 11, 10, 0, 0, 0, 0, ict), CatalogVersionID: id}, units); err != nil {
		t.Fatal(err)
	}
}

// accounts creates staff's account and one for each unit (its code in
// lower case), by username.
func accounts(t *testing.T, pool *pgxpool.Pool, units ...string) map[string]access.User {
	t.Helper()
	list := []access.User{{Username: "staff", Role: access.RoleStaff, Active: true}}
	for _, code := range units {
		list = append(list, access.User{Username: strings.ToLower(code), Role: access.RoleAgency, Unit: code, Active: true})
	}
	out := map[string]access.User{}
	for _, u := range list {
		created, err := postgres.CreateUser(context.Background(), pool, u, "x")
		if err != nil {
			t.Fatal(err)
		}
		out[u.Username] = created
	}
	return out
}

// figures is a unit's entries: "BV01|SEX=M" → 50, "BV03" → 10 (an
// entered total), "GD01" → {numerator, denominator} as JSON.
type figures map[string]string

func (f figures) change(narratives ...string) submission.Change {
	ch := submission.Change{Narratives: map[string]string{}}
	for key, value := range f {
		code, dis, _ := strings.Cut(key, "|")
		d := submission.Disaggregation{}
		if dis != "" {
			dim, opt, _ := strings.Cut(dis, "=")
			d[dim] = opt
		}
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: code, Disaggregation: d, JSON: json.RawMessage(value)})
	}
	for _, n := range narratives {
		ch.Narratives[n] = "Đã triển khai."
	}
	return ch
}

// district is a complete district or commune form with BV01 = m + f.
func district(m, f int) submission.Change {
	return figures{"BV01|SEX=M": strconv.Itoa(m), "BV01|SEX=F": strconv.Itoa(f), "BV02|SEX=M": "1", "BV02|SEX=F": "1"}.change("KQ-II.1")
}

// department is a complete department form with BV03 = total.
func department(total int) submission.Change {
	return figures{"BV03": strconv.Itoa(total), "BV03|FORM=A": "1", "BV03|FORM=B": "1",
		"GD01": `{"numerator": 90, "denominator": 100}`}.change("KQ-II.1", "KIEN-NGHI")
}

func (m *acrossTheMerger) save(t *testing.T, round, unit string, ch submission.Change) *View {
	t.Helper()
	v, err := m.s.Save(context.Background(), m.users[strings.ToLower(unit)], round, unit, Save{Change: ch, Source: SourceAPI})
	if err != nil {
		t.Fatalf("save %s %s: %v", round, unit, err)
	}
	return v
}

// accepted saves, submits and accepts a unit's report of round.
func (m *acrossTheMerger) accepted(t *testing.T, round, unit string, ch submission.Change) {
	t.Helper()
	ctx := context.Background()
	m.save(t, round, unit, ch)
	if _, err := m.s.Submit(ctx, m.users[strings.ToLower(unit)], round, unit, ""); err != nil {
		t.Fatalf("submit %s %s: %v", round, unit, err)
	}
	if _, err := m.s.Review(ctx, m.users["staff"], round, unit, DecisionAccept, "", ""); err != nil {
		t.Fatalf("accept %s %s: %v", round, unit, err)
	}
}

// season2024 is the old province's 2024 reports, accepted: Huyện 1
// counts 100 children in BV01, Huyện 2 80; Sở 1, 2 and 3 count 10, 20
// and 30 in BV03.
func (m *acrossTheMerger) season2024(t *testing.T) {
	t.Helper()
	m.s.Now = func() time.Time { return time.Date(2024, 11, 1, 9, 0, 0, 0, ict) }
	m.accepted(t, "NAM-2024", "H1", district(50, 50))
	m.accepted(t, "NAM-2024", "H2", district(40, 40))
	m.accepted(t, "NAM-2024", "SO1", department(10))
	m.accepted(t, "NAM-2024", "SO2", department(20))
	m.accepted(t, "NAM-2024", "SO3", department(30))
	m.accepted(t, "NAM-2024", "SO4", department(40))
	m.s.Now = func() time.Time { return time.Date(2025, 11, 1, 9, 0, 0, 0, ict) }
}

// findings are a view's findings with code.
func findings(v *View, code string) []submission.Issue {
	var out []submission.Issue
	for _, i := range v.Issues {
		if i.Code == code {
			out = append(out, i)
		}
	}
	return out
}

// A commune formed from part of a district compares with the district's
// figures times its share.
func TestService_Save_ComparesWithPredecessorsShare(t *testing.T) {
	ctx := context.Background()
	m := newAcrossTheMerger(t)
	m.season2024(t)

	// Xã Một took 0,6 of Huyện 1: 60 is no change from 100 × 0,6.
	v := m.save(t, "NAM-2025", "X1", district(30, 30))
	if got := findings(v, submission.IssueChange); len(got) != 0 {
		t.Fatalf("60 against Huyện 1's 100 × 0,6: %+v", got)
	}
	if v.Previous == nil || v.Previous.From != "Huyện 1 × 0,6" || v.Previous.Amounts["BV01"].Sum != 60 {
		t.Fatalf("basis = %+v, want Huyện 1 × 0,6 = 60", v.Previous)
	}

	// 120 is twice that.
	v = m.save(t, "NAM-2025", "X1", district(60, 60))
	got := findings(v, submission.IssueChange)
	want := "thay đổi 100% so với kỳ trước, tính từ số liệu của Huyện 1 × 0,6 (60 → 120); cần giải trình"
	if len(got) != 1 || got[0].Indicator != "BV01" || got[0].Severity != catalog.SeverityWarning || got[0].Message != want {
		t.Fatalf("findings %+v, want one BV01 warning %q", got, want)
	}
	// The warning needs an explanation before submitting.
	var blocked *BlockedError
	if _, err := m.s.Submit(ctx, m.users["x1"], "NAM-2025", "X1", ""); !errors.As(err, &blocked) {
		t.Fatalf("submit with an unexplained change = %v, want blocked", err)
	}
	m.save(t, "NAM-2025", "X1", submission.Change{Explanations: map[string]string{"BV01": "Xã mới nhận thêm trẻ em từ địa bàn khác."}})
	if v, err := m.s.Submit(ctx, m.users["x1"], "NAM-2025", "X1", ""); err != nil || v.Sub.Status != submission.StatusSubmitted {
		t.Fatalf("submit with the change explained = %v", err)
	}

	// A unit with no predecessor has nothing to compare with.
	v = m.save(t, "NAM-2025", "X4", district(500, 500))
	if v.Previous != nil || len(findings(v, submission.IssueChange))+len(findings(v, submission.IssueNoComparison)) != 0 {
		t.Fatalf("Xã Bốn: basis %+v, findings %+v", v.Previous, v.Issues)
	}
}

// A department that also took over ground which never reported here is
// not compared with its predecessor alone, whatever its figures.
func TestService_Save_GroundThatNeverReported(t *testing.T) {
	m := newAcrossTheMerger(t)
	m.season2024(t)
	v := m.save(t, "NAM-2025", "MOI.SO4", department(400))
	want := "Số liệu của đơn vị không được so sánh với kỳ trước: đơn vị còn tiếp nhận địa bàn tỉnh Khác (cũ), " +
		"phần địa bàn này chưa báo cáo trên hệ thống ở kỳ trước."
	got := findings(v, submission.IssueNoComparison)
	if len(got) != 1 || got[0].Message != want || got[0].Blocks() || len(findings(v, submission.IssueChange)) != 0 {
		t.Fatalf("findings %+v, want one info finding %q", v.Issues, want)
	}
}

// A commune whose predecessor was split without shares is not compared
// on its own: one finding, for information, naming the district, and it
// does not stop the report from being submitted.
func TestService_Save_SplitWithoutShares(t *testing.T) {
	ctx := context.Background()
	m := newAcrossTheMerger(t)
	m.season2024(t)
	want := "Số liệu của đơn vị không được so sánh riêng với kỳ trước: Huyện 2 được chia cho nhiều đơn vị mà " +
		"danh mục không ghi tỷ lệ tiếp nhận, nên việc so sánh với kỳ trước được thực hiện cho toàn tỉnh trong báo cáo tổng hợp."
	// Đặc khu Ba took part of Huyện 2 only; Phường Hai part of Huyện 1
	// (0,4) and part of Huyện 2: either way not on its own.
	for _, unit := range []string{"X3", "X2"} {
		t.Run(unit, func(t *testing.T) {
			// Ten times Huyện 2's figures: no change warning.
			v := m.save(t, "NAM-2025", unit, district(400, 400))
			got := findings(v, submission.IssueNoComparison)
			if len(got) != 1 || got[0].Severity != submission.SeverityInfo || got[0].Message != want || got[0].Blocks() {
				t.Fatalf("findings %+v, want one info finding %q", v.Issues, want)
			}
			if len(findings(v, submission.IssueChange)) != 0 {
				t.Fatalf("a split unit compared on its own: %+v", v.Issues)
			}
			if len(v.Issues) != 1 {
				t.Fatalf("findings %+v, want the no_comparison finding only", v.Issues)
			}
			sub, err := m.s.Submit(ctx, m.users[strings.ToLower(unit)], "NAM-2025", unit, "")
			if err != nil || sub.Sub.Status != submission.StatusSubmitted {
				t.Fatalf("submit = %v; the info finding must not block", err)
			}
			// Read again, the finding is still there.
			again, err := m.s.Get(ctx, m.users["staff"], "NAM-2025", unit)
			if err != nil || len(findings(again, submission.IssueNoComparison)) != 1 {
				t.Fatalf("get = %v, %+v", err, again)
			}
		})
	}
}

// A department that absorbed another after the previous round compares
// with both; one that received a share of 0 compares with its own
// predecessor only.
func TestService_Save_MergedDepartments(t *testing.T) {
	m := newAcrossTheMerger(t)
	m.season2024(t)
	tests := []struct {
		unit  string
		bv03  int
		from  string
		was   float64
		issue string // "" for no change warning
	}{
		// Sở 2 (mới) = Sở 2 (20) + Sở 1 (10): 44 is within 50% of 30,
		// though it would not be of 20.
		{"MOI.SO2", 44, "Sở 2; Sở 1", 30, ""},
		{"MOI.SO2", 100, "Sở 2; Sở 1", 30, "thay đổi 233% so với kỳ trước, tính từ số liệu của Sở 2; Sở 1 (30 → 100); cần giải trình"},
		// Sở 3 (mới) = Sở 3 (30) + Sở 1 × 0.
		{"MOI.SO3", 40, "Sở 3", 30, ""},
		{"MOI.SO3", 100, "Sở 3", 30, "thay đổi 233% so với kỳ trước, tính từ số liệu của Sở 3 (30 → 100); cần giải trình"},
	}
	for _, tt := range tests {
		v := m.save(t, "NAM-2025", tt.unit, department(tt.bv03))
		if v.Previous == nil || v.Previous.From != tt.from || v.Previous.Amounts["BV03"].Sum != tt.was {
			t.Errorf("%s: basis %+v, want %s = %v", tt.unit, v.Previous, tt.from, tt.was)
			continue
		}
		got := findings(v, submission.IssueChange)
		switch {
		case tt.issue == "" && len(got) != 0:
			t.Errorf("%s with BV03 = %d: %+v, want no change warning", tt.unit, tt.bv03, got)
		case tt.issue != "" && (len(got) != 1 || got[0].Indicator != "BV03" || got[0].Message != tt.issue):
			t.Errorf("%s with BV03 = %d: %+v, want %q", tt.unit, tt.bv03, got, tt.issue)
		}
	}
}

// bv01 is BV01 of the shipped catalogs (entered total, by sex and special
// circumstance) with the total n, all in one cell of the breakdown.
func bv01(t *testing.T, c *catalog.Catalog, form string, n int) submission.Change {
	t.Helper()
	for _, f := range c.Forms {
		if f.Code != form {
			continue
		}
		is, ok := submission.BuildForm(c, f).Indicator("BV01")
		if !ok {
			t.Fatalf("%s has no BV01", form)
		}
		var ch submission.Change
		placed := false
		for _, cell := range is.Cells {
			v := "0"
			if cell.Total || !placed {
				v = strconv.Itoa(n)
			}
			placed = placed || !cell.Total
			ch.Entries = append(ch.Entries, submission.Entry{Indicator: "BV01", Disaggregation: cell.Disaggregation, JSON: json.RawMessage(v)})
		}
		return ch
	}
	t.Fatalf("no form %s", form)
	return submission.Change{}
}

// A commune of the merged An Giang compares with the Kiên Giang district
// it took part of, whose 2024 report was made on the Kiên Giang catalog.
func TestService_Save_ComparesAcrossCatalogVersions(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	loaded := map[string]*catalog.Catalog{}
	for _, cy := range []struct {
		name string
		year int
	}{{catalogs.KienGiang, 2024}, {catalogs.AnGiang, 2025}} {
		name := cy.name
		c, err := catalogs.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		id, _, err := postgres.SaveCatalog(ctx, pool, name, c)
		if err != nil {
			t.Fatal(err)
		}
		openYear(t, pool, c, id, cy.year)
		loaded[name] = c
	}
	kg, ag := loaded[catalogs.KienGiang], loaded[catalogs.AnGiang]
	m := &acrossTheMerger{pool: pool, s: New(pool, testkit.Inserter(t, pool)), users: accounts(t, pool, "HONDAT", "XA.HONDAT")}
	// Huyện Hòn Đất counted 1.400 in 2024; Xã Hòn Đất took 4 of its 14
	// communes (0,2857): 399,98.
	sub, _ := postgres.GetSubmission(ctx, pool, access.Scope{}, mustRound(t, pool, "NAM-2024").ID, "HONDAT", false)
	m.save(t, "NAM-2024", "HONDAT", bv01(t, kg, sub.FormCode, 1400))
	v := m.save(t, "NAM-2025", "XA.HONDAT", bv01(t, ag, "BM-XA", 400))
	if got := findings(v, submission.IssueChange); len(got) != 0 || v.Previous == nil || v.Previous.From != "Huyện Hòn Đất × 0,2857" {
		t.Fatalf("400 against 399,98: findings %+v, basis %+v", got, v.Previous)
	}
	v = m.save(t, "NAM-2025", "XA.HONDAT", bv01(t, ag, "BM-XA", 600))
	want := "thay đổi 50% so với kỳ trước, tính từ số liệu của Huyện Hòn Đất × 0,2857 (399,98 → 600); cần giải trình"
	if got := findings(v, submission.IssueChange); len(got) != 1 || got[0].Message != want {
		t.Fatalf("findings %+v, want %q", got, want)
	}
}

func mustRound(t *testing.T, pool *pgxpool.Pool, code string) domain.Round {
	t.Helper()
	r, err := postgres.GetRound(context.Background(), pool, code)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
