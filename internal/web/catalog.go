package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/submission"
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
	// Successor is the first successor, as the first catalog format had
	// one; Successors and Predecessors are every link, with shares.
	Successor    *string    `json:"successor"`
	Successors   []linkJSON `json:"successors"`
	Predecessors []linkJSON `json:"predecessors"`
	// AlsoCovers names ground the unit took over that never reported.
	AlsoCovers *string `json:"also_covers"`
}

// linkJSON is a succession link: the other unit and the share of the
// predecessor's children it concerns (null when not known).
type linkJSON struct {
	Code  string   `json:"code"`
	Share *float64 `json:"share"`
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

func (s *Server) currentCatalog(w http.ResponseWriter, r *http.Request) (*domain.CatalogVersion, bool) {
	v, err := s.catalogs().InForce(r.Context())
	if errors.Is(err, domain.ErrNoCatalog) {
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

// listUnits lists the units in force on ?on=YYYY-MM-DD (default today,
// in the catalog's time zone), or with ?history=1 every unit the current
// catalog has ever had, each with its successors and predecessors.
func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) {
	v, ok := s.currentCatalog(w, r)
	if !ok {
		return
	}
	units, err := unitsAsked(v.Catalog, r.URL.Query(), time.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	preds := v.Catalog.Predecessors()
	out := make([]unitJSON, 0, len(units))
	for _, u := range units {
		out = append(out, toUnitJSON(u, preds[u.Code]))
	}
	writeJSON(w, http.StatusOK, out)
}

// unitsAsked are the units a units request asks for: ?history=1 every
// unit, else those in force on ?on (default: the day of now).
func unitsAsked(c *catalog.Catalog, q url.Values, now time.Time) ([]catalog.Unit, error) {
	if h := q.Get("history"); h == "1" || h == "true" {
		return c.Units, nil
	}
	day := c.LocalDay(now)
	if on := q.Get("on"); on != "" {
		d, err := time.Parse(time.DateOnly, on)
		if err != nil {
			return nil, &domain.FieldError{Field: "on", Code: "invalid"}
		}
		day = d
	}
	return c.UnitsOn(day), nil
}

func toUnitJSON(u catalog.Unit, predecessors []catalog.Link) unitJSON {
	links := func(ls []catalog.Link) []linkJSON {
		out := make([]linkJSON, 0, len(ls))
		for _, l := range ls {
			out = append(out, linkJSON{Code: l.Code, Share: l.Share})
		}
		return out
	}
	j := unitJSON{Code: u.Code, Name: u.Name, Short: u.Short, Kind: u.Kind, Parent: orNull(u.Parent),
		Email: orNull(u.Email), ValidFrom: u.ValidFrom, ValidTo: orNull(u.ValidTo),
		Successors: links(u.SuccessorLinks()), Predecessors: links(predecessors), AlsoCovers: orNull(u.AlsoCovers)}
	if len(j.Successors) > 0 {
		j.Successor = &j.Successors[0].Code
	}
	return j
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

// unitsData is the units page: the units in force on a day, or every unit
// ever, with who they took over and who took over from them.
type unitsData struct {
	Day     string
	History bool
	Units   []unitRow
	Error   string
}

type unitRow struct {
	catalog.Unit
	Parent       string
	Successors   []unitLink
	Predecessors []unitLink
}

// unitLink is a succession link as the page shows it.
type unitLink struct {
	Code, Name string
	Share      string
}

// unitsPage shows what GET /api/v1/units answers, for people.
func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.catalogs().InForce(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := v.Catalog
	q := r.URL.Query()
	d := unitsData{Day: catalog.Day(c.LocalDay(time.Now())), History: q.Get("history") == "1"}
	if on := q.Get("on"); on != "" {
		d.Day = on
	}
	units, err := unitsAsked(c, q, time.Now())
	status := http.StatusOK
	if err != nil {
		d.Error, status = msgBadDay, http.StatusUnprocessableEntity
	}
	names := map[string]string{}
	for _, u := range c.Units {
		names[u.Code] = u.Short
	}
	links := func(ls []catalog.Link) []unitLink {
		var out []unitLink
		for _, l := range ls {
			ul := unitLink{Code: l.Code, Name: names[l.Code]}
			if l.Share != nil {
				ul.Share = submission.Format(math.Round(*l.Share*10000)/100) + "%"
			}
			out = append(out, ul)
		}
		return out
	}
	preds := c.Predecessors()
	for _, u := range units {
		d.Units = append(d.Units, unitRow{Unit: u, Parent: names[u.Parent], Successors: links(u.SuccessorLinks()),
			Predecessors: links(preds[u.Code])})
	}
	s.render(w, r, status, "units.html", d)
}
