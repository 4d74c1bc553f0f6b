package domain

import (
	"baocao/internal/catalog"
	"errors"
	"time"
)

// CatalogVersion is a stored, immutable catalog.
type CatalogVersion struct {
	ID       int64
	Hash     string
	Name     string
	LoadedAt time.Time
	Catalog  *catalog.Catalog
}

// ErrNoCatalog means no catalog has been loaded yet.
var ErrNoCatalog = errors.New("no catalog loaded")

// CatalogVersionInfo is a stored version as the admin page lists it,
// without its content.
type CatalogVersionInfo struct {
	ID       int64
	Hash     string
	Name     string
	LoadedAt time.Time
	Current  bool
	// Rounds are the codes of the rounds opened on this version.
	Rounds []string
}
