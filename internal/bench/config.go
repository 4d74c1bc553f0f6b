// Package bench is the benchmark harness of issue #8: at each size of the
// synthetic catalog (internal/synth) it stores every unit's submission,
// consolidates, renders the workbook and the by-unit appendix, loads the
// submission API, and waits for the automatic report after the deadline,
// always through the program's real code, and measures each against a
// baseline doing the same amount of bare work in the same run. Each size
// runs in a child process of its own, so that its peak memory is its own.
package bench

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"baocao/internal/synth"
)

// Config is how a benchmark run is made.
type Config struct {
	// Sizes are measured in order.
	Sizes []synth.Size
	// Seed makes the synthetic data; Year is the reporting year.
	Seed uint64
	Year int
	// Durable runs PostgreSQL with fsync and synchronous commit on, as in
	// production.
	Durable bool
	// Agencies is how many agencies store their submissions at once in
	// the ingest stage.
	Agencies int
	// Reps is how many times each fast stage (consolidate, xlsx, pdf) runs;
	// the median is reported. NationalReps applies at national size.
	Reps, NationalReps int
	// APIClients and APIDuration are the load of the api-put stage: this
	// many concurrent clients for this long, after APIWarmup.
	APIClients  int
	APIDuration time.Duration
	APIWarmup   time.Duration
	// CPUProfile and MemProfile write pprof profiles of a size's run
	// (only the stage ProfileStage when set).
	CPUProfile, MemProfile, ProfileStage string
	// Only, when set, runs just these stages (ingest, accept and the values
	// check always run: the others need their data); for profiling, not
	// for the record.
	Only []string
}

// runs reports whether stage is to run.
func (c Config) runs(stage string) bool {
	return len(c.Only) == 0 || slices.Contains(c.Only, stage)
}

// DefaultConfig is the full run of `make bench`.
func DefaultConfig() Config {
	return Config{
		Sizes:        []synth.Size{synth.Province, synth.Communes, synth.National},
		Seed:         2025,
		Year:         2025,
		Durable:      true,
		Agencies:     8,
		Reps:         5,
		NationalReps: 3,
		APIClients:   200,
		APIDuration:  8 * time.Second,
		APIWarmup:    2 * time.Second,
	}
}

// QuickConfig is `make bench-quick`: the two smaller sizes, shorter load.
func QuickConfig() Config {
	c := DefaultConfig()
	c.Sizes = []synth.Size{synth.Province, synth.Communes}
	c.APIDuration = 5 * time.Second
	c.APIWarmup = time.Second
	return c
}

// repsFor is the number of repetitions of the fast stages at size.
func (c Config) repsFor(size synth.Size) int {
	if size.Units >= synth.National.Units && c.NationalReps > 0 {
		return c.NationalReps
	}
	return max(c.Reps, 1)
}

// SizeByName finds a size of the synthetic catalog.
func SizeByName(name string) (synth.Size, error) {
	for _, s := range []synth.Size{synth.Province, synth.Communes, synth.National} {
		if s.Name == name {
			return s, nil
		}
	}
	return synth.Size{}, fmt.Errorf("unknown size %q: want province, communes or national", name)
}

// RegisterFlags binds the settings a child process needs to fs, with c's
// values as defaults; ChildArgs writes them back, so parent and child agree.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "seed of the synthetic data")
	fs.IntVar(&c.Year, "year", c.Year, "reporting year of the synthetic round")
	fs.BoolVar(&c.Durable, "durable", c.Durable, "run PostgreSQL with fsync and synchronous commit on, as in production")
	fs.IntVar(&c.Agencies, "agencies", c.Agencies, "agencies storing their submissions at once in the ingest stage")
	fs.IntVar(&c.Reps, "reps", c.Reps, "repetitions of the consolidate, xlsx and pdf stages (median reported)")
	fs.IntVar(&c.NationalReps, "national-reps", c.NationalReps, "repetitions of those stages at national size")
	fs.IntVar(&c.APIClients, "clients", c.APIClients, "concurrent clients of the api-put stage")
	fs.DurationVar(&c.APIDuration, "api-duration", c.APIDuration, "how long each api-put phase loads the server")
	fs.DurationVar(&c.APIWarmup, "api-warmup", c.APIWarmup, "unmeasured load before each api-put phase")
	fs.StringVar(&c.CPUProfile, "cpuprofile", c.CPUProfile, "write a CPU profile of the size's run to this file (with -size)")
	fs.StringVar(&c.MemProfile, "memprofile", c.MemProfile, "write a heap profile at the end of the size's run to this file (with -size)")
	fs.StringVar(&c.ProfileStage, "profile-stage", c.ProfileStage, "profile only this stage: ingest, api-put, consolidate, xlsx, pdf, e2e or pages")
	fs.Func("only", "run only these stages, comma-separated (ingest, accept and the values check always run); for profiling", func(v string) error {
		c.Only = nil
		for _, st := range strings.Split(v, ",") {
			if st = strings.TrimSpace(st); st != "" {
				c.Only = append(c.Only, st)
			}
		}
		return nil
	})
}

// ChildArgs are the arguments that make a child process measure size
// against the database at dsn with c's settings.
func (c Config) ChildArgs(size synth.Size, dsn string) []string {
	return []string{
		"-size", size.Name, "-dsn", dsn, "-json",
		"-seed", strconv.FormatUint(c.Seed, 10),
		"-year", strconv.Itoa(c.Year),
		"-durable=" + strconv.FormatBool(c.Durable),
		"-agencies", strconv.Itoa(c.Agencies),
		"-reps", strconv.Itoa(c.Reps),
		"-national-reps", strconv.Itoa(c.NationalReps),
		"-clients", strconv.Itoa(c.APIClients),
		"-api-duration", c.APIDuration.String(),
		"-api-warmup", c.APIWarmup.String(),
		"-cpuprofile", c.CPUProfile,
		"-memprofile", c.MemProfile,
		"-profile-stage", c.ProfileStage,
		"-only", strings.Join(c.Only, ","),
	}
}

// Describe is the settings in one line, for the report.
func (c Config) Describe() string {
	var names []string
	for _, s := range c.Sizes {
		names = append(names, s.Name)
	}
	fsync := "fsync on (production)"
	if !c.Durable {
		fsync = "fsync off"
	}
	return fmt.Sprintf("sizes %s; seed %d; PostgreSQL %s; %d agencies at once; fast stages median of %d (%d at national); api-put %d clients, %s after %s warm-up",
		strings.Join(names, ", "), c.Seed, fsync, c.Agencies, c.Reps, c.NationalReps, c.APIClients, c.APIDuration, c.APIWarmup)
}
