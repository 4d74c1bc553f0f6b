// Package synth generates deterministic synthetic data at three sizes for
// benchmarks and load tests: the seed catalog scaled from one province to
// the whole country (Catalog), every expected unit's complete, valid
// submission for an annual round, generated one unit at a time (Each), and
// a database prepared to receive them: catalog, open round, accounts and
// API tokens (Install).
//
// The sizes follow the 2025 reorganisation (domain.md §2): from 01/7/2025
// local government has two levels, province and commune, and Kiên Giang is
// part of the new An Giang. "communes" adds to the seed's 32 units the
// communes of the former An Giang area, reporting straight to the
// province; "national" adds the communes of the other 33 provinces and
// cities, as if the whole country reported to one body. The seed's
// districts (Kiên Giang, until 30/6/2025) and the added communes (from
// 01/7/2025) cover different ground, so the consolidated figures add up
// without counting any child twice. A round expects the units in force on
// its due day, so the synthetic catalog keeps the seed's own units in
// force (the seed ends its districts on 30/6/2025): all units are expected
// in the annual round of Year.
//
// Communes are units of kind district (the first catalog format's kind for
// a local government) with the province as parent, reporting on a commune
// form derived from the district form and naming them: the flat structure
// the consolidation already sums, with nothing to change there. Their figures come from the
// demo's district generator scaled to a commune's children (demo.Territory),
// their narratives from templates that quote them.
package synth

import (
	"hash/fnv"
	"math"
	"math/rand/v2"

	"baocao/internal/submission"
)

// Size is how big a synthetic data set is.
type Size struct {
	Name  string // "province", "communes", "national"
	Units int    // approximate number of reporting units
}

// The sizes of the benchmarks.
var (
	Province = Size{Name: "province", Units: 32}   // the seed catalog's own 32 units, kept in force
	Communes = Size{Name: "communes", Units: 176}  // the province with its commune-level units
	National = Size{Name: "national", Units: 3400} // ~34 provinces' worth of commune-level units
)

// Sizes lists the sizes, smallest first.
var Sizes = []Size{Province, Communes, National}

// Year is the reporting year whose annual round expects every unit of a
// synthetic catalog: the seed's units that ended in 2025 and the communes
// that began then.
const Year = 2025

// Unit is one reporting unit's complete submission for the annual round.
type Unit struct {
	Code    string             // unit code
	Form    string             // form code the unit reports on in that round
	Content submission.Content // every cell filled, narratives written; no blocking issue under submission.Validate with the catalog rules
}

// rng is the random source for one named thing under seed: the same
// whatever order things are generated in.
func rng(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// between is a uniform number in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// share is the part of n for fraction f, rounded, never above n.
func share(n int, f float64) int {
	return max(0, min(n, int(math.Round(float64(n)*f))))
}
