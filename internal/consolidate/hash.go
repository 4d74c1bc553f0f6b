package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"baocao/internal/submission"
)

// A snapshot's hash covers everything in it but the hash itself and the
// time it was taken, so unchanged inputs give the same hash and a stored
// snapshot can be checked against its content. The content is written
// with encoding/json, in the order the snapshot's types give (struct
// fields in declaration order, map keys sorted), into SHA-256. A field
// added to the snapshot's types must be omitted when empty (omitempty,
// omitzero), or the hashes of snapshots taken before it no longer hold.
//
// How the content is written has a version, stored beside each hash
// (Snapshot.HashVersion, the snapshots table's hash_version), so that a
// hash made by an earlier version is still checked by that version.
const (
	// HashDocument is version 1: the SHA-256 of json.Marshal of the whole
	// snapshot, Hash and HashVersion empty and CreatedAt zero. Every hash
	// stored before versions were is one. (A hand-written writer made the
	// same bytes until version 2; TestHashOf_Document holds hashes it
	// made.)
	HashDocument = 1
	// HashLines is version 2: the snapshot streamed as JSON lines by one
	// json.Encoder without HTML escaping. The first line is the snapshot
	// with Hash, HashVersion, CreatedAt, Cells and Narratives empty; then
	// one line per cell and one per narrative, in the snapshot's order. A
	// national round's document is tens of megabytes, never held whole.
	HashLines = 2
	// HashHeads is version 3: what a consolidation records, not a copy of
	// the units' figures. JSON lines as version 2's: the first line the
	// same (completeness, with each unit's revision, and the provenance,
	// each included unit's revision, are in it), then one line per cell
	// with its province total but not its units' values, and no
	// narratives. Those are the included revisions' (revisions are
	// immutable): a snapshot of this version is stored without them and
	// has them attached when read (Attach).
	HashHeads = 3
	// HashVersion is the version new snapshots are hashed with.
	HashVersion = HashHeads
)

// cellHead is what version 3 hashes of a cell.
type cellHead struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Key            submission.Key            `json:"key"`
	Total          *submission.Value         `json:"total"`
}

// StoresUnits reports whether the snapshot's stored content holds its
// units' values and narratives, as snapshots hashed before version 3 do;
// a later one stores its head (Head) and has them attached when read.
func (s *Snapshot) StoresUnits() bool {
	return s.HashVersion < HashHeads
}

// HasUnits reports whether the units' values and narratives are laid out
// in the snapshot: Attach was called, or it was read whole. A head
// (Assemble's, or one read without them) has none.
func (s *Snapshot) HasUnits() bool {
	return s.Narratives != nil
}

// Head is the snapshot without its units' values and narratives (a
// shallow copy: the rest is shared), as a snapshot of version 3 or later
// is stored.
func (s *Snapshot) Head() *Snapshot {
	h := *s
	h.Narratives = nil
	h.Cells = make([]Cell, len(s.Cells))
	for i, c := range s.Cells {
		c.Units = nil
		h.Cells[i] = c
	}
	return &h
}

// SetHash sets Hash to the content hash in the current version and
// HashVersion to that version. A snapshot JSON cannot hold (a figure
// that is NaN or infinite, which validation never lets in) is left
// without a hash, which postgres.InsertSnapshot refuses.
func (s *Snapshot) SetHash() {
	s.Hash, s.HashVersion = "", HashVersion
	if h, err := s.HashOf(HashVersion); err == nil {
		s.Hash = h
	}
}

// HashHolds reports whether Hash is the snapshot's content hash in the
// version it was made with (a snapshot stored before versions were
// recorded is version 1).
func (s *Snapshot) HashHolds() bool {
	v := s.HashVersion
	if v == 0 {
		v = HashDocument
	}
	h, err := s.HashOf(v)
	return err == nil && h == s.Hash
}

// HashOf is the snapshot's content hash in the given version.
func (s *Snapshot) HashOf(version int) (string, error) {
	content := *s
	content.Hash, content.HashVersion, content.CreatedAt = "", 0, time.Time{}
	h := sha256.New()
	switch version {
	case HashDocument:
		data, err := json.Marshal(content)
		if err != nil {
			return "", fmt.Errorf("hash snapshot: %w", err)
		}
		h.Write(data)
	case HashLines, HashHeads:
		enc := json.NewEncoder(h)
		enc.SetEscapeHTML(false)
		content.Cells, content.Narratives = nil, nil
		if err := enc.Encode(content); err != nil {
			return "", fmt.Errorf("hash snapshot: %w", err)
		}
		for i := range s.Cells {
			var line any = &s.Cells[i]
			if c := s.Cells[i]; version == HashHeads {
				line = cellHead{Indicator: c.Indicator, Disaggregation: c.Disaggregation, Key: c.Key, Total: c.Total}
			}
			if err := enc.Encode(line); err != nil {
				return "", fmt.Errorf("hash snapshot cell %s: %w", s.Cells[i].Key, err)
			}
		}
		if version == HashHeads {
			break // the narratives are the provenance's revisions'
		}
		for i := range s.Narratives {
			if err := enc.Encode(&s.Narratives[i]); err != nil {
				return "", fmt.Errorf("hash snapshot narrative: %w", err)
			}
		}
	default:
		return "", fmt.Errorf("hash snapshot: unknown hash version %d", version)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
