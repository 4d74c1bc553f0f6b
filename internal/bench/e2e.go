package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/riverqueue/river"

	"baocao/internal/app"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/loadgen"
)

// endToEnd measures from the deadline passing to the three report files
// (PDF, workbook, package) being downloadable, with the program running
// as `baocao serve` does (web and workers): the deadline is moved a second
// into the past, the calendar check runs, and from there on everything is
// the program's own: the check asks for the report, the reports queue
// consolidates, renders and stores it, and staff download it through the
// API. In production the check runs every minute, so up to a minute more
// passes before it notices the deadline.
func (r *sizeRun) endToEnd(ctx context.Context) error {
	// The snapshot the render stages drew is the harness's, not the
	// program's: let it go before the program makes its own.
	r.snap = nil
	r.freshIntake()
	// Every unit is accepted by now, and "every unit accepted" sets the
	// report off by itself: the program would make it as soon as it
	// starts, before any deadline. One unit is sent back for correction
	// first, as happens on a real deadline's eve, so the deadline is what
	// sets it off.
	last := r.inst.Units[len(r.inst.Units)-1]
	if _, err := r.intake.Reopen(ctx, r.staff, r.inst.Round, last, "Đề nghị bổ sung số liệu", "127.0.0.1"); err != nil {
		return fmt.Errorf("reopen %s: %w", last, describe(err))
	}
	srv, err := startServer(ctx, r.dsn, app.Mode{HTTP: true, Work: true})
	if err != nil {
		return err
	}
	defer srv.stop()
	// Let the start-up calendar check and heartbeat run first: the
	// measure starts from a program at rest.
	time.Sleep(time.Second)
	client := loadgen.NewClient(2)
	if files, err := listReports(ctx, client, srv.base, r.inst.Round, r.inst.StaffToken); err != nil {
		return err
	} else if len(files) > 0 {
		return fmt.Errorf("a report existed before the deadline passed: the end-to-end measure would be void")
	}
	t0 := time.Now()
	if err := pastDeadline(ctx, r.pool, r.inst.Round); err != nil {
		return err
	}
	// The periodic check is unique per minute; a check of its own second
	// is the same work, run now rather than at the next full minute.
	if _, err := r.jobs.Insert(ctx, jobargs.TickArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Second}}); err != nil {
		return fmt.Errorf("calendar check: %w", err)
	}
	files, err := waitForReports(ctx, client, srv.base, r.inst.Round, r.inst.StaffToken, 10*time.Minute)
	if err != nil {
		return err
	}
	var sizes []string
	for _, f := range files {
		n, err := download(ctx, client, srv.base, r.inst.StaffToken, f)
		if err != nil {
			return err
		}
		sizes = append(sizes, fmt.Sprintf("%s %.1f MB", f.Format, float64(n)/1e6))
	}
	r.res.EndToEnd = time.Since(t0)
	r.note("end-to-end: report number %d, %v downloaded through the API", files[0].Number, sizes)
	return nil
}

type reportFile struct {
	ID     int64  `json:"id"`
	Format string `json:"format"`
	Number int    `json:"number"`
	Size   int64  `json:"size"`
}

// waitForReports polls the round's report list, as staff would, until a
// report number has all three files.
func waitForReports(ctx context.Context, client *http.Client, base, round, token string, limit time.Duration) ([]reportFile, error) {
	deadline := time.Now().Add(limit)
	for {
		files, err := listReports(ctx, client, base, round, token)
		if err != nil {
			return nil, err
		}
		byNumber := map[int]map[string]reportFile{}
		for _, f := range files {
			if byNumber[f.Number] == nil {
				byNumber[f.Number] = map[string]reportFile{}
			}
			byNumber[f.Number][f.Format] = f
		}
		for _, set := range byNumber {
			if len(set) == 3 && set["pdf"].ID != 0 && set["xlsx"].ID != 0 && set["zip"].ID != 0 {
				return []reportFile{set["pdf"], set["xlsx"], set["zip"]}, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no complete report set for %s after %s", round, limit)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func listReports(ctx context.Context, client *http.Client, base, round, token string) ([]reportFile, error) {
	resp, err := bearerDo(ctx, client, http.MethodGet, base+"/api/v1/rounds/"+round+"/reports", token, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list reports: %s", resp.Status)
	}
	var files []reportFile
	if err := json.NewDecoder(resp.Body).Decode(&files); err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return files, nil
}

// download fetches a report file whole and checks its size.
func download(ctx context.Context, client *http.Client, base, token string, f reportFile) (int64, error) {
	resp, err := bearerDo(ctx, client, http.MethodGet, fmt.Sprintf("%s/api/v1/reports/%d", base, f.ID), token, nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || n != f.Size {
		return 0, fmt.Errorf("download %s report %d: %s, %d of %d bytes", f.Format, f.ID, resp.Status, n, f.Size)
	}
	return n, nil
}
