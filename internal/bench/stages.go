package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/render/pdf"
	"baocao/internal/render/xlsx"
	"baocao/internal/reports"
)

// acceptAll submits again what the api-put stage turned back into drafts
// and has staff accept every submission, through the intake service: the
// automatic report counts accepted submissions only. Not measured.
func (r *sizeRun) acceptAll(ctx context.Context) error {
	return r.eachUnit(ctx, func(ctx context.Context, unit string) error {
		if _, err := r.intake.Submit(ctx, r.users[unit], r.inst.Round, unit, "127.0.0.1"); err != nil {
			return describe(err)
		}
		_, err := r.intake.Review(ctx, r.staff, r.inst.Round, unit, intake.DecisionAccept, "", "127.0.0.1")
		return err
	})
}

// checkValues makes sure that the values and narratives consolidation
// sums and reads are every submission's current revision, once the
// ingest and api-put stages have written the round through the program's
// paths (the intake service, the API). Not measured.
func (r *sizeRun) checkValues(ctx context.Context) error {
	round, err := postgres.GetRound(ctx, r.pool, r.inst.Round)
	if err != nil {
		return err
	}
	drift, err := postgres.ValuesDrift(ctx, r.pool, round.ID)
	if err != nil {
		return err
	}
	if len(drift) > 0 {
		return fmt.Errorf("the current values differ from the current revisions:\n%s", strings.Join(drift, "\n"))
	}
	// The tables were all written seconds ago: PostgreSQL has no
	// statistics of them yet and would plan the statements that follow
	// (ours and the baselines) for a handful of rows. In production
	// autovacuum gathers them within a minute of such writes; here they are
	// gathered once, as it would.
	if _, err := r.pool.Exec(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	r.note("values: the values and narratives tables hold the current revision of each of the %d units", len(r.inst.Units))
	return nil
}

// eachUnit runs f for every unit of the round, r.cfg.Agencies at once.
func (r *sizeRun) eachUnit(ctx context.Context, f func(context.Context, string) error) error {
	return r.agencies(ctx, len(r.inst.Units), func(ctx context.Context, i int) error {
		if err := f(ctx, r.inst.Units[i]); err != nil {
			return fmt.Errorf("unit %s: %w", r.inst.Units[i], err)
		}
		return nil
	})
}

// agencies runs f for 0 … n-1, r.cfg.Agencies at once, as that many
// agencies would; the first error stops it.
func (r *sizeRun) agencies(ctx context.Context, n int, f func(context.Context, int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(r.cfg.Agencies, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(ctx, i); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// interleaved runs ours and the baseline n times each, alternating so that
// neither has the warmer caches, and returns both medians.
func interleaved(n int, ours, base func() (time.Duration, error)) (o, b time.Duration, err error) {
	ms, err := interleavedAll(n, ours, base)
	if err != nil {
		return 0, 0, err
	}
	return ms[0], ms[1], nil
}

// interleavedAll runs each of runs n times, in turn, and returns their
// medians in the same order.
func interleavedAll(n int, runs ...func() (time.Duration, error)) ([]time.Duration, error) {
	ds := make([][]time.Duration, len(runs))
	for range n {
		for i, run := range runs {
			d, err := run()
			if err != nil {
				return nil, err
			}
			ds[i] = append(ds[i], d)
		}
	}
	medians := make([]time.Duration, len(runs))
	for i := range ds {
		medians[i] = Median(ds[i])
	}
	return medians, nil
}

// consolidate builds the round's snapshot the way the consolidate_report
// job does (reports.Service.Consolidate, accepted submissions: what it
// stores), against a bare GROUP BY of the same values in the baseline
// table. Since hash version 3 a consolidation reads the sums and the
// revisions it counts, not every unit's value (which a report reads when
// it is rendered), so the like-for-like baseline that read every value
// back is gone with it.
func (r *sizeRun) consolidate(ctx context.Context) error {
	svc := reports.New(r.pool, r.intake, render.Files{}, r.jobs)
	reps := r.cfg.repsFor(r.size)
	groups := 0
	ms, err := interleavedAll(reps, func() (time.Duration, error) {
		t0 := time.Now()
		snap, _, err := svc.Consolidate(ctx, r.inst.Round, false)
		d := time.Since(t0)
		r.snap = snap
		return d, err
	}, func() (time.Duration, error) {
		t0 := time.Now()
		n, err := groupBaseline(ctx, r.pool)
		groups = n
		return time.Since(t0), err
	})
	if err != nil {
		return err
	}
	if c := r.snap.Completeness; c.Included != len(r.inst.Units) {
		return fmt.Errorf("the snapshot includes %d of %d units", c.Included, len(r.inst.Units))
	}
	r.res.Rows = append(r.res.Rows, Row{Measure: MeasureConsolidate, Ours: ms[0], Baseline: ms[1], Reps: reps,
		Detail: fmt.Sprintf("snapshot of %d units (%d cells) vs GROUP BY giving %d sums", len(r.inst.Units), len(r.snap.Cells), groups)})
	return nil
}

// workbookShape writes our workbook of the round to a temporary file and
// reads its shape and size from there.
func (r *sizeRun) workbookShape() ([]SheetShape, int64, error) {
	f, err := os.CreateTemp("", "baocao-bench-*.xlsx")
	if err != nil {
		return nil, 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := xlsx.Write(f, r.snap, r.meta()); err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	shape, err := WorkbookShape(f, info.Size())
	return shape, info.Size(), err
}

// needSnapshot gives the render stages a whole snapshot: consolidated,
// unmeasured, when the consolidate stage did not run, and with its units'
// figures attached as a report's rendering reads them
// (postgres.AttachUnits, from the revisions the snapshot counted). The
// reading is not part of the xlsx and pdf measures, which time the
// renderers against their raw baselines; its time is printed in the
// notes, and the end-to-end stage counts it with everything else.
func (r *sizeRun) needSnapshot(ctx context.Context) error {
	if r.snap == nil {
		snap, _, err := reports.New(r.pool, r.intake, render.Files{}, r.jobs).Consolidate(ctx, r.inst.Round, false)
		if err != nil {
			return err
		}
		r.snap = snap
	}
	if r.snap.HasUnits() {
		return nil
	}
	round, err := postgres.GetRound(ctx, r.pool, r.inst.Round)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := postgres.AttachUnits(ctx, r.pool, round.ID, r.snap); err != nil {
		return err
	}
	d := time.Since(t0)
	values := 0
	for _, c := range r.snap.Cells {
		values += len(c.Units)
	}
	r.note("render load: the units' figures read for rendering from the %d revisions the snapshot counted (%d values, %d narratives) in %s; "+
		"not in the xlsx and pdf measures, in the end-to-end one", len(r.snap.Provenance), values, len(r.snap.Narratives), FormatDuration(d))
	return nil
}

// meta is the report number and date the render stages use.
func (r *sizeRun) meta() consolidate.Meta {
	date := time.Date(r.cfg.Year, 11, 20, 9, 0, 0, 0, time.UTC)
	roles, _ := r.cat.RolesOn(date) // the seed's roles hold on every day
	return consolidate.Meta{Number: 7, Date: date, Roles: roles}
}

// xlsx renders the consolidated workbook, against excelize's stream
// writer writing as many rows and cells of the same kinds and text
// lengths.
func (r *sizeRun) xlsx(ctx context.Context) error {
	if err := r.needSnapshot(ctx); err != nil {
		return err
	}
	// The workbook's shape, which the baseline copies, is read from a
	// file: neither side keeps its workbook in memory, as a report's
	// generation writes it to a file.
	shape, size, err := r.workbookShape()
	if err != nil {
		return err
	}
	reps := r.cfg.repsFor(r.size)
	ours, base, err := interleaved(reps, func() (time.Duration, error) {
		t0 := time.Now()
		err := xlsx.Write(io.Discard, r.snap, r.meta())
		return time.Since(t0), err
	}, func() (time.Duration, error) {
		t0 := time.Now()
		err := StreamBaseline(io.Discard, shape)
		return time.Since(t0), err
	})
	if err != nil {
		return err
	}
	var cells, rows int
	for _, s := range shape {
		cells += s.Cells()
		rows += s.Rows
	}
	r.res.Rows = append(r.res.Rows, Row{Measure: MeasureXLSX, Ours: ours, Baseline: base, Reps: reps,
		Detail: fmt.Sprintf("workbook of %d sheets, %d rows, %d cells, %d bytes", len(shape), rows, cells, size)})
	r.note("xlsx: %d sheets, %d rows, %d cells, %.1f MB", len(shape), rows, cells, float64(size)/1e6)
	return nil
}

// pdf renders the by-unit appendix of the report, against maroto laying
// out a plain table of the same cells in the same font on the same pages.
func (r *sizeRun) pdf(ctx context.Context) error {
	if err := r.needSnapshot(ctx); err != nil {
		return err
	}
	reps := r.cfg.repsFor(r.size)
	tables := AppendixTables(r.snap)
	if len(tables) == 0 {
		return errors.New("the catalog has no by-unit appendix")
	}
	var size, baseSize int
	ours, base, err := interleaved(reps, func() (time.Duration, error) {
		t0 := time.Now()
		data, err := pdf.RenderByUnitAppendix(r.snap, r.meta())
		size = len(data)
		return time.Since(t0), err
	}, func() (time.Duration, error) {
		t0 := time.Now()
		data, err := PlainTablePDF(tables)
		baseSize = len(data)
		return time.Since(t0), err
	})
	if err != nil {
		return err
	}
	cells := 0
	for _, t := range tables {
		cells += len(t.Rows) * len(t.Head)
	}
	r.res.Rows = append(r.res.Rows, Row{Measure: MeasurePDF, Ours: ours, Baseline: base, Reps: reps,
		Detail: fmt.Sprintf("%d tables, %d cells", len(tables), cells)})
	r.note("pdf: by-unit appendix, %d tables, %d cells; %.1f MB (plain table %.1f MB)", len(tables), cells, float64(size)/1e6, float64(baseSize)/1e6)
	return nil
}
