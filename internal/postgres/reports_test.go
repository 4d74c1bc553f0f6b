package postgres_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// A file stored in pieces reads back byte for byte, whatever its length
// against the piece's: none, less than one, exactly some, some and a bit.
// Several files go in one transaction, as a report set does.
func TestInsertReportFrom_ReadsBackWhole(t *testing.T) {
	ctx := context.Background()
	pool := demoPool(t)
	round := demoRound(t, pool, "NAM-2025")
	snap, _, err := postgres.InsertSnapshot(ctx, pool, round.ID, &consolidate.Snapshot{Hash: strings.Repeat("ab", 32),
		HashVersion: consolidate.HashVersion, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int{"pdf": 0, "xlsx": 1 << 20, "zip": 40<<20 + 12345}
	want := map[int64][]byte{}
	t0 := time.Now()
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for _, format := range []string{"pdf", "xlsx", "zip"} {
			data := make([]byte, sizes[format])
			rand.Read(data)
			id, err := postgres.InsertReportFrom(ctx, tx, domain.Report{RoundID: round.ID, SnapshotID: snap.ID, Format: format,
				Number: 1, Year: 2025, Filename: "bc." + format, Size: int64(len(data)), SHA256: "x"}, bytes.NewReader(data))
			if err != nil {
				return err
			}
			want[id] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stored in %v", time.Since(t0))
	for id, data := range want {
		got, err := postgres.GetReport(ctx, pool, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Data, data) {
			t.Errorf("%s: %d bytes read back, %d stored, equal %v", got.Format, len(got.Data), len(data), bytes.Equal(got.Data, data))
		}
	}
}
