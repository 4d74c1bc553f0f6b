package web

import (
	"errors"
	"net/http"

	"baocao/internal/catalog"
	"baocao/internal/postgres"
)

// unitJSON is a unit as GET /api/v1/units lists it.
type unitJSON struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Short     string  `json:"short"`
	Kind      string  `json:"kind"`
	Parent    *string `json:"parent"`
	Email     *string `json:"email"`
	ValidFrom string  `json:"valid_from"`
	ValidTo   *string `json:"valid_to"`
	Successor *string `json:"successor"`
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type dimensionJSON struct {
	Code      string           `json:"code"`
	Name      string           `json:"name"`
	Partition bool             `json:"partition"`
	Options   []catalog.Option `json:"options"`
}

// indicatorJSON is an indicator as GET /api/v1/indicators lists it: the
// catalog's metadata with each dimension's options spelled out.
type indicatorJSON struct {
	catalog.Indicator
	Dimensions []dimensionJSON `json:"dimensions"`
}

func (s *Server) currentCatalog(w http.ResponseWriter, r *http.Request) (*postgres.CatalogVersion, bool) {
	v, err := postgres.CurrentCatalog(r.Context(), s.deps.Pool)
	if errors.Is(err, postgres.ErrNoCatalog) {
		writeAPIError(w, http.StatusNotFound, "no_catalog", msgNoCatalog)
		return nil, false
	}
	if err != nil {
		s.deps.Logger.ErrorContext(r.Context(), "read catalog", "err", err)
		s.internalError(w, r)
		return nil, false
	}
	return v, true
}

func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) {
	v, ok := s.currentCatalog(w, r)
	if !ok {
		return
	}
	out := make([]unitJSON, 0, len(v.Catalog.Units))
	for _, u := range v.Catalog.Units {
		out = append(out, unitJSON{Code: u.Code, Name: u.Name, Short: u.Short, Kind: u.Kind, Parent: orNull(u.Parent),
			Email: orNull(u.Email), ValidFrom: u.ValidFrom, ValidTo: orNull(u.ValidTo), Successor: orNull(u.Successor)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listIndicators(w http.ResponseWriter, r *http.Request) {
	v, ok := s.currentCatalog(w, r)
	if !ok {
		return
	}
	out := make([]indicatorJSON, 0, len(v.Catalog.Indicators))
	for _, ind := range v.Catalog.Indicators {
		dims := make([]dimensionJSON, 0, len(ind.Dimensions))
		for _, code := range ind.Dimensions {
			d, _ := v.Catalog.Dimension(code)
			dims = append(dims, dimensionJSON{Code: d.Code, Name: d.Name, Partition: d.Partition, Options: d.Options})
		}
		out = append(out, indicatorJSON{Indicator: ind, Dimensions: dims})
	}
	writeJSON(w, http.StatusOK, out)
}
