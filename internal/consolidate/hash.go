package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"slices"
	"strconv"
	"time"

	"baocao/internal/submission"
)

// ContentHash covers everything but the hash itself and the time taken.
// Assemble sets Hash to it; whoever adds to a snapshot afterwards (its
// year-on-year comparison) sets it again.
//
// It is the SHA-256 of the snapshot's JSON as encoding/json writes it
// (Hash empty, CreatedAt zero), byte for byte: the hashes stored in the
// snapshots table before this writer existed name the same content, so an
// unchanged round still finds its snapshot (and spends no new report
// number) across the upgrade. The bulk (units, completeness, cells and
// their per-unit values, narratives, provenance) is written straight into
// the hash here, without reflection or the whole document in memory; the
// few small catalog parts go through encoding/json. TestContentHash_
// MatchesEncodingJSON holds the two to the same bytes.
func (s *Snapshot) ContentHash() string {
	w := hashWriter{h: sha256.New(), buf: make([]byte, 0, 64<<10)}
	w.rankUnits(s)
	w.raw(`{"hash":"","created_at":"0001-01-01T00:00:00Z","round":`)
	w.json(s.Round)
	w.raw(`,"catalog_version":`)
	w.int(s.CatalogVersion)
	w.raw(`,"plan":`)
	w.json(s.Plan)
	w.raw(`,"report":`)
	w.json(s.Report)
	w.raw(`,"units":`)
	writeSlice(&w, s.Units, func(u UnitInfo) {
		w.raw(`{"code":`)
		w.str(u.Code)
		w.raw(`,"name":`)
		w.str(u.Name)
		w.raw(`,"short":`)
		w.str(u.Short)
		w.raw(`,"kind":`)
		w.str(u.Kind)
		w.raw(`}`)
	})
	w.raw(`,"indicators":`)
	w.json(s.Indicators)
	w.raw(`,"includes_unreviewed":`)
	w.buf = strconv.AppendBool(w.buf, s.IncludesUnreviewed)
	c := &s.Completeness
	w.raw(`,"completeness":{"expected":`)
	w.int(int64(c.Expected))
	w.raw(`,"submitted":`)
	w.int(int64(c.Submitted))
	w.raw(`,"on_time":`)
	w.int(int64(c.OnTime))
	w.raw(`,"late":`)
	w.int(int64(c.Late))
	w.raw(`,"missing":`)
	w.int(int64(c.Missing))
	w.raw(`,"accepted":`)
	w.int(int64(c.Accepted))
	w.raw(`,"included":`)
	w.int(int64(c.Included))
	w.raw(`,"units":`)
	writeSlice(&w, c.Units, w.unitStatus)
	w.raw(`},"cells":`)
	writeSlice(&w, s.Cells, func(cell Cell) {
		w.raw(`{"indicator":`)
		w.str(cell.Indicator)
		w.raw(`,"disaggregation":`)
		writeMap(&w, cell.Disaggregation, w.str)
		w.raw(`,"key":`)
		w.str(string(cell.Key))
		w.raw(`,"total":`)
		if cell.Total == nil {
			w.raw("null")
		} else {
			w.value(*cell.Total)
		}
		w.raw(`,"units":`)
		w.unitValues(cell.Units)
		w.raw(`}`)
	})
	w.raw(`,"narratives":`)
	writeSlice(&w, s.Narratives, func(n Narrative) {
		w.raw(`{"section":`)
		w.str(n.Section)
		w.raw(`,"unit":`)
		w.str(n.Unit)
		w.raw(`,"unit_name":`)
		w.str(n.UnitName)
		w.raw(`,"text":`)
		w.str(n.Text)
		w.raw(`}`)
	})
	w.raw(`,"provenance":`)
	writeSlice(&w, s.Provenance, func(p Provenance) {
		w.raw(`{"unit":`)
		w.str(p.Unit)
		w.raw(`,"revision":`)
		w.int(int64(p.Revision))
		w.raw(`}`)
	})
	if s.Comparison != nil {
		w.raw(`,"comparison":`)
		w.json(s.Comparison)
	}
	w.raw(`}`)
	w.flush()
	return hex.EncodeToString(w.h.Sum(nil))
}

// hashWriter buffers JSON text on its way into the hash.
type hashWriter struct {
	h   hash.Hash
	buf []byte
	// Every cell's values are keyed by the same units: their order and
	// their quoted names ("code":) are worked out once, so a cell's
	// values are sorted by rank, not by comparing strings.
	rank   map[string]uint32
	quoted [][]byte
	order  []uint64 // rank<<32 | index into vals
	vals   []submission.Value
}

// rankUnits orders the snapshot's units as encoding/json orders map keys.
func (w *hashWriter) rankUnits(s *Snapshot) {
	codes := make([]string, 0, len(s.Completeness.Units))
	for _, st := range s.Completeness.Units {
		codes = append(codes, st.Unit)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	w.rank = make(map[string]uint32, len(codes))
	w.quoted = make([][]byte, len(codes))
	for i, code := range codes {
		w.rank[code] = uint32(i)
		w.quoted[i] = append(appendString(nil, code), ':')
	}
}

// unitValues writes a cell's values by unit, as encoding/json writes the
// map: keys sorted bytewise.
func (w *hashWriter) unitValues(m map[string]submission.Value) {
	if m == nil {
		w.raw("null")
		return
	}
	w.order, w.vals = w.order[:0], w.vals[:0]
	for u, v := range m {
		r, ok := w.rank[u]
		if !ok {
			writeMap(w, m, w.value) // a unit not in completeness: sort by name
			return
		}
		w.order = append(w.order, uint64(r)<<32|uint64(len(w.vals)))
		w.vals = append(w.vals, v)
	}
	slices.Sort(w.order)
	w.buf = append(w.buf, '{')
	for i, o := range w.order {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = append(w.buf, w.quoted[o>>32]...)
		w.value(w.vals[uint32(o)])
	}
	w.raw("}")
}

func (w *hashWriter) raw(s string) {
	w.buf = append(w.buf, s...)
	if len(w.buf) >= cap(w.buf)-(4<<10) {
		w.flush()
	}
}

func (w *hashWriter) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

// json writes a small part through encoding/json, as a value (not a
// pointer) exactly as it sits inside the snapshot.
func (w *hashWriter) json(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain data, as json.Marshal of the whole snapshot was
	}
	w.buf = append(w.buf, data...)
	w.flush()
}

func (w *hashWriter) int(n int64) {
	w.buf = strconv.AppendInt(w.buf, n, 10)
}

func (w *hashWriter) unitStatus(st UnitStatus) {
	w.raw(`{"unit":`)
	w.str(st.Unit)
	w.raw(`,"name":`)
	w.str(st.Name)
	w.raw(`,"status":`)
	w.str(string(st.Status))
	w.raw(`,"submitted_at":`)
	if st.SubmittedAt == nil {
		w.raw("null")
	} else {
		w.time(*st.SubmittedAt)
	}
	w.raw(`,"on_time":`)
	if st.OnTime == nil {
		w.raw("null")
	} else {
		w.buf = strconv.AppendBool(w.buf, *st.OnTime)
	}
	if st.FirstSubmittedAt != nil {
		w.raw(`,"first_submitted_at":`)
		w.time(*st.FirstSubmittedAt)
	}
	if st.DueAt != nil {
		w.raw(`,"due_at":`)
		w.time(*st.DueAt)
	}
	if st.DueReason != "" {
		w.raw(`,"due_reason":`)
		w.str(st.DueReason)
	}
	w.raw(`,"included":`)
	w.buf = strconv.AppendBool(w.buf, st.Included)
	w.raw(`,"reviewed":`)
	w.buf = strconv.AppendBool(w.buf, st.Reviewed)
	w.raw(`,"revision":`)
	w.int(int64(st.Revision))
	w.raw(`}`)
}

func (w *hashWriter) time(t time.Time) {
	data, err := t.MarshalJSON()
	if err != nil {
		panic(err) // a year outside 0-9999, as json.Marshal would have failed
	}
	w.buf = append(w.buf, data...)
}

// value writes a submission.Value: its set fields in declaration order
// (the others are omitempty pointers).
func (w *hashWriter) value(v submission.Value) {
	sep := byte('{')
	field := func(name string) {
		w.buf = append(w.buf, sep)
		sep = ','
		w.raw(name)
	}
	if v.Number != nil {
		field(`"number":`)
		w.float(*v.Number)
	}
	if v.Num != nil {
		field(`"num":`)
		w.float(*v.Num)
	}
	if v.Den != nil {
		field(`"den":`)
		w.float(*v.Den)
	}
	if v.Text != nil {
		field(`"text":`)
		w.str(*v.Text)
	}
	if v.Bool != nil {
		field(`"bool":`)
		w.buf = strconv.AppendBool(w.buf, *v.Bool)
	}
	if sep == '{' {
		w.buf = append(w.buf, '{')
	}
	w.buf = append(w.buf, '}')
}

// writeSlice writes a JSON array, null for a nil slice as encoding/json.
func writeSlice[T any](w *hashWriter, items []T, item func(T)) {
	if items == nil {
		w.raw("null")
		return
	}
	w.buf = append(w.buf, '[')
	for i, it := range items {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		item(it)
	}
	w.raw("]")
}

// writeMap writes a JSON object with its keys sorted bytewise, null for a
// nil map, as encoding/json.
func writeMap[K ~string, V any](w *hashWriter, m map[K]V, value func(V)) {
	if m == nil {
		w.raw("null")
		return
	}
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.buf = append(w.buf, '{')
	for i, k := range keys {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.str(string(k))
		w.buf = append(w.buf, ':')
		value(m[k])
	}
	w.raw("}")
}
