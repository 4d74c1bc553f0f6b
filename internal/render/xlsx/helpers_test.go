package xlsx

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
)

// fixture is the demo snapshot: 31 units, 90 indicators.
func fixture(t *testing.T) *consolidate.Snapshot {
	return consolidatetest.DemoSnapshot(t)
}

var testMeta = consolidate.Meta{Number: 7, Date: time.Date(2025, 11, 21, 3, 0, 0, 0, time.UTC), Roles: consolidatetest.KienGiangRoles()}

// rendered caches workbooks by meta: rendering takes a good part of a
// second and the tests only read. Tests do not run in parallel.
var rendered = map[metaKey][]byte{}

// metaKey is what tells the cached workbooks apart: every test prints the
// same roles.
type metaKey struct {
	number int
	date   time.Time
	final  bool
	sig    *consolidate.SignatureMark
}

// render renders the fixture and opens the result. Set BAOCAO_XLSX_OUT to
// keep the workbook for a look by hand.
func render(t *testing.T, m consolidate.Meta) (*consolidate.Snapshot, []byte, *excelize.File) {
	t.Helper()
	s := fixture(t)
	key := metaKey{m.Number, m.Date, m.Issued, m.Signature}
	out, ok := rendered[key]
	if !ok {
		var err error
		if out, err = Render(s, m); err != nil {
			t.Fatalf("Render: %v", err)
		}
		rendered[key] = out
	}
	if p := os.Getenv("BAOCAO_XLSX_OUT"); p != "" {
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("open rendered workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return s, out, f
}

// findRow returns the first row (1-based) whose cells in cols equal want.
func findRow(t *testing.T, f *excelize.File, sheet string, want map[int]string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		ok := true
		for col, v := range want {
			if col-1 >= len(r) || r[col-1] != v {
				ok = false
				break
			}
		}
		if ok {
			return i + 1
		}
	}
	t.Fatalf("%s: no row with %v", sheet, want)
	return 0
}

func cellAt(col, row int) string { return cellName(col, row) }
