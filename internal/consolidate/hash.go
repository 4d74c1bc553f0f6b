package consolidate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
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
	// HashVersion is the version new snapshots are hashed with.
	HashVersion = HashLines
)

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
	case HashLines:
		enc := json.NewEncoder(h)
		enc.SetEscapeHTML(false)
		content.Cells, content.Narratives = nil, nil
		if err := enc.Encode(content); err != nil {
			return "", fmt.Errorf("hash snapshot: %w", err)
		}
		for i := range s.Cells {
			if err := enc.Encode(&s.Cells[i]); err != nil {
				return "", fmt.Errorf("hash snapshot cell %s: %w", s.Cells[i].Key, err)
			}
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
