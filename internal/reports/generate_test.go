package reports

import (
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"

	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// recorder renders placeholder files and remembers what it was asked; it
// fails on demand, as a render that crashes half-way would.
type recorder struct {
	metas []consolidate.Meta
	fail  bool
}

func (r *recorder) PDF(s *consolidate.Snapshot, m consolidate.Meta) (io.WriterTo, error) {
	if r.fail {
		return nil, errors.New("renderer crashed")
	}
	r.metas = append(r.metas, m)
	// A real (tiny) PDF, so that an issued one can be signed.
	doc := maroto.New()
	doc.AddRows(text.NewRow(10, "Báo cáo "+s.Hash))
	out, err := doc.Generate()
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(out.GetBytes()), nil
}

func (r *recorder) XLSX(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error {
	_, err := io.WriteString(w, "PK workbook "+s.Hash)
	return err
}

func count(t *testing.T, s *Service, table string) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGenerate_ImmutableAndNumbered(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	rec := &recorder{fail: true}
	s := newService(t, pool, rec)
	s.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }

	// A render that fails leaves nothing behind and spends no number.
	if _, err := s.Generate(ctx, "NAM-2026", false); err == nil {
		t.Fatal("a failed render reported success")
	}
	if count(t, s, "snapshots") != 0 || count(t, s, "reports") != 0 || count(t, s, "report_numbers") != 0 {
		t.Fatal("a failed render left rows behind")
	}
	rec.fail = false
	first, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	if !first.New || first.Number != 1 || len(first.Reports) != 3 {
		t.Fatalf("first = %+v", first)
	}
	// Unchanged data: same hash, nothing new.
	again, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil || again.Hash != first.Hash || len(again.Reports) != 0 || count(t, s, "reports") != 3 {
		t.Fatalf("again = %+v, %v", again, err)
	}
	// A newly accepted submission: a new snapshot under the next number.
	if _, err := pool.Exec(ctx, "UPDATE submissions SET status = 'accepted', reviewed_at = now() WHERE unit_code = 'AG.MTTQ'"); err != nil {
		t.Fatal(err)
	}
	second, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil || !second.New || second.Number != 2 || second.Hash == first.Hash {
		t.Fatalf("second = %+v, %v", second, err)
	}
	// The package carries both files and a manifest with their checksums.
	list, _ := postgres.ListReports(ctx, pool, mustRound(t, s).ID)
	var zipID int64
	for _, r := range list {
		if r.Format == "zip" && r.Number == 2 {
			zipID = r.ID
		}
	}
	rep, err := postgres.GetReport(ctx, pool, zipID)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(rep.Data), int64(len(rep.Data)))
	if err != nil {
		t.Fatal(err)
	}
	var man manifest
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		if f.Name == "manifest.json" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			json.Unmarshal(data, &man)
		}
	}
	if len(names) != 3 || man.SnapshotHash != second.Hash || len(man.Files) != 2 || man.Number != "02/BC-UBND" {
		t.Fatalf("package %v, manifest %+v", names, man)
	}
	// The set is stored in its order whichever file is made first, each
	// file whole, as its checksum and the package say.
	for i, format := range []string{"pdf", "xlsx", "zip"} {
		stored, err := postgres.GetReport(ctx, pool, second.Reports[i])
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(stored.Data)
		if stored.Format != format || stored.Size != int64(len(stored.Data)) || stored.SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("file %d: %s, %d bytes of %d, sha256 %s", i, stored.Format, len(stored.Data), stored.Size, stored.SHA256)
		}
		if format == "zip" {
			continue
		}
		if mf := man.Files[i]; mf.Name != stored.Filename || mf.SHA256 != stored.SHA256 || int64(mf.Size) != stored.Size {
			t.Errorf("manifest lists %+v for the stored %s (%d bytes, %s)", mf, stored.Filename, stored.Size, stored.SHA256)
		}
		rc, err := zr.Open(stored.Filename)
		if err != nil {
			t.Fatal(err)
		}
		packed, _ := io.ReadAll(rc)
		if !bytes.Equal(packed, stored.Data) {
			t.Errorf("the package's %s differs from the stored file", stored.Filename)
		}
	}
	// Stored files cannot be rewritten.
	if _, err := pool.Exec(ctx, "UPDATE reports SET data = 'x' WHERE id = $1", zipID); err == nil {
		t.Fatal("a stored report was rewritten")
	}
	if _, err := pool.Exec(ctx, "DELETE FROM snapshots"); err == nil {
		t.Fatal("a snapshot was deleted")
	}
}

func mustRound(t *testing.T, s *Service) domain.Round {
	t.Helper()
	r, err := postgres.GetRound(context.Background(), s.pool, "NAM-2026")
	if err != nil {
		t.Fatal(err)
	}
	return r
}
