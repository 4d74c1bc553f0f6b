package web

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"time"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/reports"
	"baocao/internal/submission"
)

// startReport asks for a generation of the path's round (reports.Request).
func (s *Server) startReport(r *http.Request, includeUnreviewed bool) (id int64, isNew bool, err error) {
	u, _ := userFrom(r.Context())
	return s.deps.Reports.Request(r.Context(), u, r.PathValue("round"), includeUnreviewed, clientIP(r))
}

func (s *Server) apiStartReport(w http.ResponseWriter, r *http.Request) {
	var body struct {
		IncludeUnreviewed bool `json:"include_unreviewed"`
	}
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, 4<<10, &body); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	id, isNew, err := s.startReport(r, body.IncludeUnreviewed)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"job": id, "new": isNew})
}

type cellJSON struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Total          any                       `json:"total"`
	Units          map[string]any            `json:"units"`
}

func (s *Server) apiConsolidated(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	latest, err := s.deps.Reports.Latest(r.Context(), u, r.PathValue("round"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rd, snap := latest.Round, latest.Snapshot
	cells := make([]cellJSON, 0, len(snap.Cells))
	for _, c := range snap.Cells {
		cj := cellJSON{Indicator: c.Indicator, Disaggregation: c.Disaggregation, Units: map[string]any{}}
		if c.Total != nil {
			cj.Total = c.Total.JSON()
		}
		for u, v := range c.Units {
			cj.Units[u] = v.JSON()
		}
		cells = append(cells, cj)
	}
	writeJSON(w, http.StatusOK, map[string]any{"round": rd.Code, "hash": snap.Hash, "hash_version": snap.HashVersion, "created_at": latest.StoredAt,
		"catalog_version": snap.CatalogVersion, "includes_unreviewed": snap.IncludesUnreviewed,
		"completeness": snap.Completeness, "cells": cells, "provenance": snap.Provenance})
}

type reportJSON struct {
	ID       int64  `json:"id"`
	Format   string `json:"format"`
	Number   int    `json:"number"`
	Set      int    `json:"set"`
	State    string `json:"state"`
	Signed   bool   `json:"signed"`
	Filename string `json:"filename"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
	Final    bool   `json:"final"`
	// IssuedAt and IssuedBy say when and by whom an issued file was.
	IssuedAt  *time.Time `json:"issued_at,omitempty"`
	IssuedBy  *string    `json:"issued_by,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
}

func reportJSONOf(rep domain.Report) reportJSON {
	return reportJSON{ID: rep.ID, Format: rep.Format, Number: rep.Number, Set: rep.Number, State: rep.State, Signed: rep.Signed,
		Filename: rep.Filename, Size: rep.Size, SHA256: rep.SHA256, Final: rep.Final, IssuedAt: rep.IssuedAt, IssuedBy: rep.IssuedBy,
		CreatedAt: rep.CreatedAt}
}

func (s *Server) apiReports(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	_, list, err := s.deps.Reports.Files(r.Context(), u, r.PathValue("round"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]reportJSON, 0, len(list))
	for _, rep := range list {
		out = append(out, reportJSONOf(rep))
	}
	writeJSON(w, http.StatusOK, out)
}

var reportTypes = map[string]string{
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"zip":  "application/zip",
}

// downloadReport serves a stored file as it was generated.
func (s *Server) downloadReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.storedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", reportTypes[rep.Format])
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rep.Filename}))
	w.Header().Set("Content-Length", strconv.FormatInt(rep.Size, 10))
	w.Header().Set("ETag", `"`+rep.SHA256+`"`)
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Write(rep.Data)
}

type reportsData struct {
	Round      domain.Round
	Deliveries []domain.Delivery
	Forward    reports.Destinations
	Sets       []reportSet
	Snapshot   *domain.SnapshotHead
	Changes    []string
	// What the user may do: generate drafts, issue, mark final and
	// forward.
	CanGenerate, CanIssue, CanForward bool
	Flash                             string
}

// reportSet is one number of the register: its draft files and, once
// issued, its official ones with the verdict of a check of the package.
type reportSet struct {
	Number   int
	Created  time.Time
	Final    bool
	Draft    []domain.Report
	Issued   []domain.Report
	IssuedAt *time.Time
	// IssuedBy is the display name of who issued it.
	IssuedBy string
	Verdict  *reports.Verdict
}

func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	reg, err := s.deps.Reports.Register(r.Context(), u, r.PathValue("round"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := reportsData{Round: reg.Round, Deliveries: reg.Deliveries, Forward: s.deps.Forward, CanGenerate: access.Allow(u, access.GenerateReports, ""),
		CanIssue: access.Allow(u, access.IssueReports, ""), CanForward: access.Allow(u, access.ForwardReports, "")}
	if r.URL.Query().Get("issued") != "" {
		d.Flash = msgIssued
	}
	byNumber := map[int]int{}
	for _, rep := range reg.Files {
		i, ok := byNumber[rep.Number]
		if !ok {
			i = len(d.Sets)
			byNumber[rep.Number] = i
			d.Sets = append(d.Sets, reportSet{Number: rep.Number, Created: rep.CreatedAt})
		}
		set := &d.Sets[i]
		if rep.State == domain.ReportIssued {
			set.Issued = append(set.Issued, rep)
			set.IssuedAt, set.IssuedBy = rep.IssuedAt, rep.IssuerName
			if v, ok := reg.Verdicts[rep.ID]; ok {
				set.Verdict = &v
			}
		} else {
			set.Draft = append(set.Draft, rep)
		}
		set.Final = set.Final || rep.Final
	}
	heads := reg.Snapshots
	if len(heads) > 0 {
		d.Snapshot = &heads[0]
	}
	if len(heads) > 1 {
		d.Changes = totalChanges(heads[1], heads[0])
	}
	s.render(w, r, http.StatusOK, "reports.html", d)
}

// totalChanges lists the province totals of latest that differ from
// prev's, for people.
func totalChanges(prev, latest domain.SnapshotHead) []string {
	var out []string
	for _, ch := range consolidate.TotalChanges(prev.Totals, latest.Totals) {
		var old any
		if ch.Old != nil {
			old = ch.Old.JSON()
		}
		out = append(out, fmt.Sprintf("%s: %s → %s", ch.Key, showValue(old), showValue(ch.New.JSON())))
	}
	return out
}

func (s *Server) reportsPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	id, isNew, err := s.startReport(r, r.PostForm.Get("include_unreviewed") == "1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to := "/jobs/" + strconv.FormatInt(id, 10)
	if !isNew {
		to += "?joined=1" // the page says the request joined a generation under way
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// finalPost marks an issued report set as the one forwarded upward, which
// sends it to the configured destinations.
func (s *Server) finalPost(w http.ResponseWriter, r *http.Request) {
	if err := s.markFinal(r); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+r.PathValue("round")+"/reports", http.StatusSeeOther)
}

// dispatchPost records a dispatch made outside the system.
func (s *Server) dispatchPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil {
		s.fail(w, r, domain.ErrNotFound)
		return
	}
	u, _ := userFrom(r.Context())
	if err := s.deps.Reports.RecordManual(r.Context(), u, r.PathValue("round"), n, r.PostForm.Get("destination"),
		r.PostForm.Get("note"), clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rounds/"+r.PathValue("round")+"/reports", http.StatusSeeOther)
}
