package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/intake"
	"baocao/internal/jobs"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/synth"
	catalogs "baocao/templates/catalog"
)

// sizeRun is one size being measured: the database, the synthetic catalog
// installed in it and the accounts of its units.
type sizeRun struct {
	cfg    Config
	size   synth.Size
	dsn    string
	logger *slog.Logger
	pool   *pgxpool.Pool
	cat    *catalog.Catalog
	inst   *synth.Installed
	staff  access.User
	users  map[string]access.User // unit → its agency account
	intake *intake.Service
	// jobs is the services' insert-only client.
	jobs *jobs.Client
	res  *SizeResult
	// snap is the consolidated snapshot the render stages draw.
	snap *consolidate.Snapshot
	cpu  *os.File
	hwm  []string // peak memory after each stage
}

// RunSize measures one size against the empty database at dsn and returns
// the rows, the end-to-end time and the notes (PeakRSS is left to the
// parent, which sees the whole process).
func RunSize(ctx context.Context, cfg Config, size synth.Size, dsn string, logger *slog.Logger) (_ *SizeResult, err error) {
	r := &sizeRun{cfg: cfg, size: size, dsn: dsn, logger: logger.With("size", size.Name),
		res: &SizeResult{Size: size.Name}, users: map[string]access.User{}}
	if cfg.CPUProfile != "" && cfg.ProfileStage == "" {
		if err := r.startCPUProfile(); err != nil {
			return nil, err
		}
		defer func() {
			if perr := r.stopProfiles(); err == nil {
				err = perr
			}
		}()
	}
	if err := r.setUp(ctx); err != nil {
		return nil, err
	}
	defer r.pool.Close()
	stages := []struct {
		name string
		run  func(context.Context) error
	}{
		{"ingest", r.ingest},
		{"api-put", r.apiPut},
		{"accept", r.acceptAll},
		{"values", r.checkValues},
		{"consolidate", r.consolidate},
		{"xlsx", r.xlsx},
		{"pdf", r.pdf},
		{"e2e", r.endToEnd},
		{"pages", r.pages},
	}
	for _, st := range stages {
		if st.name != "ingest" && st.name != "accept" && st.name != "values" && !cfg.runs(st.name) {
			continue
		}
		if err := r.stage(ctx, st.name, st.run); err != nil {
			return nil, fmt.Errorf("%s: %w", st.name, err)
		}
		if st.name == "values" {
			r.freshIntake()
		}
	}
	r.note("peak RSS of the process so far, after each stage: %s", strings.Join(r.hwm, ", "))
	if cfg.MemProfile != "" && cfg.ProfileStage == "" {
		if err := writeHeapProfile(cfg.MemProfile); err != nil {
			return nil, err
		}
	}
	return r.res, nil
}

// setUp builds the synthetic catalog and installs it: the catalog version,
// the open annual round, one agency account per unit, one staff account.
func (r *sizeRun) setUp(ctx context.Context) error {
	t0 := time.Now()
	pool, err := openDatabase(ctx, r.dsn)
	if err != nil {
		return err
	}
	r.pool = pool
	base, err := catalogs.LoadSeed()
	if err != nil {
		pool.Close()
		return err
	}
	if r.cat, err = synth.Catalog(base, r.size, r.cfg.Seed); err != nil {
		pool.Close()
		return fmt.Errorf("synthetic catalog: %w", err)
	}
	if r.inst, err = synth.Install(ctx, pool, r.cat, r.cfg.Year, time.Now()); err != nil {
		pool.Close()
		return fmt.Errorf("install synthetic catalog: %w", err)
	}
	// The accounts are looked up through their tokens, as a request would.
	a := auth.New(pool, auth.Settings{SessionIdle: time.Hour, SessionMax: time.Hour})
	if r.staff, err = a.Authenticate(ctx, r.inst.StaffToken); err != nil {
		pool.Close()
		return fmt.Errorf("staff token: %w", err)
	}
	for _, unit := range r.inst.Units {
		u, err := a.Authenticate(ctx, r.inst.Tokens[unit])
		if err != nil {
			pool.Close()
			return fmt.Errorf("token of %s: %w", unit, err)
		}
		r.users[unit] = u
	}
	if r.jobs, err = jobargs.NewInserter(pool, r.logger); err != nil {
		pool.Close()
		return err
	}
	r.intake = intake.New(pool, r.jobs)
	r.res.Units = len(r.inst.Units)
	r.logger.Info("installed", "units", len(r.inst.Units), "round", r.inst.Round, "took", time.Since(t0).Round(time.Millisecond))
	return nil
}

// freshIntake replaces the intake service that stored the units'
// submissions, and with it its cache of their revisions (tens of megabytes
// at national size), by a fresh one, and returns the memory: what the
// stages after measure is the program's, not the harness's leftovers.
func (r *sizeRun) freshIntake() {
	r.intake = intake.New(r.pool, r.jobs)
	runtime.GC()
	debug.FreeOSMemory()
}

// stage runs one stage, profiling it when asked to.
func (r *sizeRun) stage(ctx context.Context, name string, run func(context.Context) error) error {
	profiled := r.cfg.ProfileStage == name
	if profiled && r.cfg.CPUProfile != "" {
		if err := r.startCPUProfile(); err != nil {
			return err
		}
	}
	t0 := time.Now()
	err := run(ctx)
	hwm := peakRSS()
	r.logger.Info("stage done", "stage", name, "took", time.Since(t0).Round(time.Millisecond), "peak_rss", FormatBytes(hwm))
	r.hwm = append(r.hwm, name+" "+FormatBytes(hwm))
	if profiled {
		if perr := r.stopProfiles(); err == nil {
			err = perr
		}
		if r.cfg.MemProfile != "" {
			if perr := writeHeapProfile(r.cfg.MemProfile); err == nil {
				err = perr
			}
		}
	}
	return err
}

func (r *sizeRun) startCPUProfile() error {
	f, err := os.Create(r.cfg.CPUProfile)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile: %w", err)
	}
	r.cpu = f
	return nil
}

func (r *sizeRun) stopProfiles() error {
	if r.cpu == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := r.cpu.Close()
	r.cpu = nil
	return err
}

// peakRSS is this process's peak resident memory so far (VmHWM), bytes;
// zero where /proc is missing.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			return kb * 1024
		}
	}
	return 0
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}

// note records a fact for the report.
func (r *sizeRun) note(format string, args ...any) {
	r.res.Notes = append(r.res.Notes, fmt.Sprintf(format, args...))
}

// median runs f n times and returns the median duration.
func median(n int, f func() (time.Duration, error)) (time.Duration, error) {
	ds := make([]time.Duration, 0, n)
	for range n {
		d, err := f()
		if err != nil {
			return 0, err
		}
		ds = append(ds, d)
	}
	return Median(ds), nil
}

// Median is the middle value (the mean of the two middle ones for an even
// count); zero for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
