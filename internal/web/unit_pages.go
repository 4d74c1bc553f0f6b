package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/search"
)

// unitsPerPage is how many units a long list of units shows at a time: a
// province has about 130 and sees them on one page; a list of thousands
// (a whole country's communes) is paged and searched.
const unitsPerPage = 200

// unitListPage is which part of a list of units a page shows: the search
// it was asked for, the page of the matching units, and where the other
// pages are.
type unitListPage struct {
	Query string
	// Total counts the units of the list, Matching those the search
	// finds; From and To number the rows shown (1-based, inclusive).
	Total, Matching, From, To int
	Page, Pages               int
	Prev, Next                string
}

// unitSearch is the pattern a search for q looks for: case is ignored
// always, diacritics when q has none ("dong hoa" finds "Đông Hòa", while
// "phú" finds "Phú Quốc" and not every "phường").
func unitSearch(q string) *search.Pattern {
	opts := []search.Option{search.IgnoreCase}
	if !strings.ContainsFunc(q, func(r rune) bool { return r > unicode.MaxASCII }) {
		opts = append(opts, search.IgnoreDiacritics)
	}
	return search.New(language.Vietnamese, opts...).CompileString(q)
}

// pageOfUnits returns the items (in list order) whose unit's name or code
// contains q (unitSearch),
// and of those the page asked for (1-based; out of range reads as the
// nearest page). base is the page's address, to which the links add the
// search and the page number.
func pageOfUnits[T any](items []T, unit func(T) (kind, name, code string), q string, page int, base string) ([]T, unitListPage) {
	q = strings.TrimSpace(q)
	p := unitListPage{Query: q, Total: len(items)}
	matching := items
	if q != "" {
		pat := unitSearch(q)
		matching = nil
		for _, it := range items {
			_, name, code := unit(it)
			if s, _ := pat.IndexString(name); s >= 0 {
				matching = append(matching, it)
			} else if s, _ := pat.IndexString(code); s >= 0 {
				matching = append(matching, it)
			}
		}
	}
	p.Matching = len(matching)
	p.Pages = max(1, (len(matching)+unitsPerPage-1)/unitsPerPage)
	p.Page = min(max(page, 1), p.Pages)
	from := (p.Page - 1) * unitsPerPage
	to := min(from+unitsPerPage, len(matching))
	if to > from {
		p.From, p.To = from+1, to
	}
	link := func(n int) string {
		v := url.Values{}
		if q != "" {
			v.Set("q", q)
		}
		if n > 1 {
			v.Set("trang", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = link(p.Page + 1)
	}
	return matching[from:to], p
}
