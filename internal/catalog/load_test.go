package catalog

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// minimal reads testdata/minimal into a MapFS that tests can change.
func minimal(t *testing.T) fstest.MapFS { return testFolder(t, "minimal") }

// timeline reads testdata/timeline, a format 2 catalog, likewise.
func timeline(t *testing.T) fstest.MapFS { return testFolder(t, "timeline") }

func testFolder(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range Files {
		data, err := os.ReadFile("testdata/" + dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestLoad_Minimal(t *testing.T) {
	c, err := Load(minimal(t), "minimal")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	s := c.Summarize()
	if s.Units != 4 || s.Reporting != 3 || s.Indicators != 4 || s.Rules != 1 || s.Forms != 2 {
		t.Fatalf("summary = %+v", s)
	}
	u, _ := c.Unit("SO1")
	if u.Pos.Line != 7 || u.Pos.At("successor") != 15 {
		t.Fatalf("SO1 read at line %d, successor at %d; want 7 and 15", u.Pos.Line, u.Pos.At("successor"))
	}
}

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func TestCatalog_Reporters(t *testing.T) {
	c, err := Load(minimal(t), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	codes := func(exp []Expected) string {
		var out []string
		for _, e := range exp {
			out = append(out, e.Unit.Code+"/"+e.Form.Code)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name        string
		kind        string
		start, due  string
		want, ended string
	}{
		{"2024 annual: everyone", RoundAnnual, "2024-01-01", "2024-11-10", "SO1/BM-SO SO2/BM-SO HUYEN1/BM-HUYEN", ""},
		{"2025 annual: only the units in force on the due day; SO1 and the district ended during the year",
			RoundAnnual, "2025-01-01", "2025-11-10", "SO2/BM-SO", "SO1->SO2 HUYEN1->"},
		{"2025 annual due before the district ended: it reports the year", RoundAnnual, "2025-01-01", "2025-06-30",
			"SO2/BM-SO HUYEN1/BM-HUYEN", "SO1->SO2"},
		{"2026 annual: units gone before the year are not listed", RoundAnnual, "2026-01-01", "2026-11-10", "SO2/BM-SO", ""},
		{"ad hoc after March 2025: no district form for ad hoc", RoundAdhoc, "2025-03-01", "2025-03-31", "SO2/BM-SO", ""},
		{"before the catalog: nobody", RoundAnnual, "2023-01-01", "2023-11-10", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp, ended := c.Reporters(tt.kind, date(tt.start), date(tt.due))
			if got := codes(exp); got != tt.want {
				t.Errorf("expected = %q, want %q", got, tt.want)
			}
			var e []string
			for _, x := range ended {
				var next []string
				for _, l := range x.Successors {
					next = append(next, l.Code)
				}
				e = append(e, x.Unit.Code+"->"+strings.Join(next, ","))
			}
			if got := strings.Join(e, " "); got != tt.ended {
				t.Errorf("ended = %q, want %q", got, tt.ended)
			}
		})
	}
}

func TestCatalog_HashIgnoresLayout(t *testing.T) {
	a, err := Load(minimal(t), "a")
	if err != nil {
		t.Fatal(err)
	}
	fsys := minimal(t)
	fsys["units.yaml"].Data = append([]byte("# a comment that changes nothing\n\n"), fsys["units.yaml"].Data...)
	b, err := Load(fsys, "b")
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() {
		t.Fatal("a comment changed the hash")
	}
	fsys["indicators.yaml"].Data = []byte(strings.Replace(string(fsys["indicators.yaml"].Data), "max: 10000", "max: 20000", 1))
	c, err := Load(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash() == c.Hash() {
		t.Fatal("a changed bound kept the hash")
	}
}
