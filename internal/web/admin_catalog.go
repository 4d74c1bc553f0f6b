package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/catalogs"
	"baocao/internal/domain"
)

// The catalog's admin page and API: upload a catalog folder as a ZIP,
// read what it would change, make it current. The work is
// catalogs.Service's, which `baocao catalog load` uses too.

// catalogs is the service behind these handlers; it holds nothing but the
// pool, so it is made per request rather than threaded through Deps.
func (s *Server) catalogs() *catalogs.Service { return catalogs.New(s.deps.Pool) }

// catalogListData is the /admin/catalog page.
type catalogListData struct {
	Versions []catalogVersionJSON
	// File is the upload refused, with Refusal (the ZIP as a whole) or
	// Problems (`file:line: message`, as `baocao catalog check` prints).
	File     string
	Refusal  string
	Problems []string
	Limits   catalog.ArchiveLimits
	// MaxSizeMB and MaxUnzippedMB are Limits as the page states them.
	MaxSizeMB, MaxUnzippedMB int64
}

// catalogVersionJSON is a stored version as listed.
type catalogVersionJSON struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Hash     string    `json:"hash"`
	LoadedAt time.Time `json:"loaded_at"`
	Current  bool      `json:"current"`
	Rounds   []string  `json:"rounds"`
}

func (s *Server) catalogVersions(r *http.Request) ([]catalogVersionJSON, error) {
	infos, err := s.catalogs().Versions(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]catalogVersionJSON, len(infos))
	for i, v := range infos {
		out[i] = catalogVersionJSON{ID: v.ID, Name: v.Name, Hash: v.Hash, LoadedAt: v.LoadedAt, Current: v.Current, Rounds: v.Rounds}
	}
	return out, nil
}

func (s *Server) catalogPage(w http.ResponseWriter, r *http.Request) {
	s.renderCatalogList(w, r, http.StatusOK, catalogListData{})
}

func (s *Server) renderCatalogList(w http.ResponseWriter, r *http.Request, status int, data catalogListData) {
	versions, err := s.catalogVersions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data.Versions, data.Limits = versions, catalog.DefaultArchiveLimits
	data.MaxSizeMB, data.MaxUnzippedMB = data.Limits.MaxSize>>20, data.Limits.MaxUnzipped>>20
	s.render(w, r, status, "admin_catalog.html", data)
}

// receiveCatalog reads the multipart field "file" and hands it to the
// service.
func (s *Server) receiveCatalog(w http.ResponseWriter, r *http.Request) (*catalogs.Version, string, error) {
	limit := catalog.DefaultArchiveLimits.MaxSize
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, "", err
		}
		return nil, "", &domain.FieldError{Field: "file", Code: "required"}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, hdr.Filename, errBadRequest
	}
	u, _ := userFrom(r.Context())
	v, err := s.catalogs().Upload(r.Context(), catalogs.ActorOf(u, clientIP(r)), hdr.Filename, data)
	return v, hdr.Filename, err
}

func (s *Server) catalogUpload(w http.ResponseWriter, r *http.Request) {
	v, file, err := s.receiveCatalog(w, r)
	var problems catalog.Problems
	var refused *catalog.ArchiveError
	switch {
	case errors.As(err, &problems):
		data := catalogListData{File: file}
		for _, p := range problems {
			data.Problems = append(data.Problems, p.String())
		}
		s.renderCatalogList(w, r, http.StatusUnprocessableEntity, data)
	case errors.As(err, &refused):
		s.renderCatalogList(w, r, http.StatusUnprocessableEntity, catalogListData{File: file, Refusal: refused.Message})
	case err != nil:
		s.fail(w, r, err)
	default:
		http.Redirect(w, r, "/admin/catalog/"+strconv.FormatInt(v.ID, 10), http.StatusSeeOther)
	}
}

// catalogVersionID is the {version} path value; a malformed one names nothing.
func catalogVersionID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("version"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

func (s *Server) catalogVersionPage(w http.ResponseWriter, r *http.Request) {
	id, err := catalogVersionID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.catalogs().Preview(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_catalog_version.html", map[string]any{
		"Version": v, "Activated": r.URL.Query().Get("activated") == "1"})
}

func (s *Server) catalogActivate(w http.ResponseWriter, r *http.Request) {
	id, err := s.activateCatalog(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/catalog/"+strconv.FormatInt(id, 10)+"?activated=1", http.StatusSeeOther)
}

func (s *Server) activateCatalog(r *http.Request) (int64, error) {
	id, err := catalogVersionID(r)
	if err != nil {
		return 0, err
	}
	u, _ := userFrom(r.Context())
	_, err = s.catalogs().Activate(r.Context(), catalogs.ActorOf(u, clientIP(r)), id)
	return id, err
}

func (s *Server) apiCatalogVersions(w http.ResponseWriter, r *http.Request) {
	versions, err := s.catalogVersions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, versions)
}

// catalogUploadJSON answers an upload: the stored version and what making
// it current would change.
type catalogUploadJSON struct {
	Version int64           `json:"version"`
	Name    string          `json:"name"`
	Hash    string          `json:"hash"`
	Current bool            `json:"current"`
	Preview catalog.Changes `json:"preview"`
}

func (s *Server) apiCatalogUpload(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.receiveCatalog(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, catalogUploadJSON{Version: v.ID, Name: v.Name, Hash: v.Hash, Current: v.Current, Preview: v.Changes})
}

func (s *Server) apiCatalogActivate(w http.ResponseWriter, r *http.Request) {
	id, err := s.activateCatalog(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"version": id, "current": true})
}

// problemJSON is one problem of a broken catalog in a 422's details.
type problemJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}
