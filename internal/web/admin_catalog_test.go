package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"baocao/internal/catalog"
	"baocao/internal/postgres"
)

const anGiangDir = "../../templates/catalog/an-giang-2025"

// anGiangCopy copies the An Giang catalog into a folder named
// an-giang-2025, with edit applied to each file's text, and returns the
// folder.
func anGiangCopy(t *testing.T, edit func(file, text string) string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "an-giang-2025")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range catalog.Files {
		data, err := os.ReadFile(filepath.Join(anGiangDir, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if edit != nil {
			text = edit(name, text)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// zipFolder packs dir as zipping the folder does: every file under the
// folder's name.
func zipFolder(t *testing.T, dir string) []byte {
	t.Helper()
	files := map[string][]byte{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(dir)+"/"+name] = data
	}
	return zipBytes(t, files)
}

func zipBytes(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// uploadCatalog posts data as the multipart field "file" to path as user.
func uploadCatalog(t *testing.T, s *Server, user, path string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "an-giang-2025.zip")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, user))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	return rec
}

// uploadAnswer is a 200 to POST /api/v1/admin/catalog.
type uploadAnswer struct {
	Version int64           `json:"version"`
	Current bool            `json:"current"`
	Preview catalog.Changes `json:"preview"`
	Raw     map[string]json.RawMessage
}

func decodeUpload(t *testing.T, rec *httptest.ResponseRecorder) uploadAnswer {
	t.Helper()
	if rec.Code != 200 {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body)
	}
	var a uploadAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(rec.Body.Bytes(), &a.Raw)
	return a
}

func roundVersion(t *testing.T, s *Server, code string) int64 {
	t.Helper()
	var id int64
	if err := s.deps.Pool.QueryRow(context.Background(), "SELECT catalog_version_id FROM rounds WHERE code = $1", code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func currentVersion(t *testing.T, s *Server) int64 {
	t.Helper()
	v, err := postgres.CurrentCatalog(context.Background(), s.deps.Pool)
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// An uploaded catalog is stored, not current, with what it changes;
// activating it changes the current version and not an open round's.
func TestAdminCatalog_UploadPreviewActivate(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s) // the minimal catalog is current
	openRound(t, s)  // NAM-2024 on it
	minimalID := currentVersion(t, s)

	a := decodeUpload(t, uploadCatalog(t, s, "admin", "/api/v1/admin/catalog", zipFolder(t, anGiangDir)))
	if a.Current || a.Version == minimalID || len(a.Preview.Units.Started) == 0 || len(a.Preview.Units.Removed) == 0 {
		t.Fatalf("An Giang against the minimal catalog: version %d, current %v, %d units started, %d removed",
			a.Version, a.Current, len(a.Preview.Units.Started), len(a.Preview.Units.Removed))
	}
	if got := currentVersion(t, s); got != minimalID {
		t.Fatalf("an upload made version %d current", got)
	}
	rec := doAs(t, s, "admin", "POST", "/api/v1/admin/catalog/"+strconv.FormatInt(a.Version, 10)+"/activate")
	if rec.Code != 200 {
		t.Fatalf("activate = %d %s", rec.Code, rec.Body)
	}
	if got := currentVersion(t, s); got != a.Version {
		t.Fatalf("current = %d after activating %d", got, a.Version)
	}
	if got := roundVersion(t, s, "NAM-2024"); got != minimalID {
		t.Fatalf("round NAM-2024 moved to catalog version %d, want %d", got, minimalID)
	}

	// The same content again: the same version, current, nothing changed.
	again := decodeUpload(t, uploadCatalog(t, s, "admin", "/api/v1/admin/catalog", zipFolder(t, anGiangDir)))
	if again.Version != a.Version || !again.Current || !again.Preview.Empty() || string(again.Raw["preview"]) != "{}" {
		t.Fatalf("same upload again: %+v, preview %s", again, again.Raw["preview"])
	}

	// A copy that adds an indicator and ends a unit.
	edited := anGiangCopy(t, func(file, text string) string {
		switch file {
		case catalog.FileIndicators:
			return strings.Replace(text, "  - code: TQ02\n", tq99+"  - code: TQ02\n", 1)
		case catalog.FileUnits:
			return strings.Replace(text, "    short: Sở VHTTDL\n    kind: department\n    parent: AG\n    valid_from: \"2025-07-01\"\n",
				"    short: Sở VHTTDL\n    kind: department\n    parent: AG\n    valid_from: \"2025-07-01\"\n    valid_to: \"2026-12-31\"\n    successors: [{code: AG.YT}]\n", 1)
		}
		return text
	})
	if _, err := catalog.LoadDir(edited); err != nil {
		t.Fatalf("the edited copy does not load: %v", err)
	}
	b := decodeUpload(t, uploadCatalog(t, s, "admin", "/api/v1/admin/catalog", zipFolder(t, edited)))
	want := catalog.Changes{
		Units:      catalog.UnitChanges{Ended: []catalog.UnitSpan{{Code: "AG.VHTTDL", Name: "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang", ValidFrom: "2025-07-01", ValidTo: "2026-12-31", Successors: []string{"AG.YT"}}}},
		Indicators: catalog.ItemChanges{Added: []catalog.Item{{Code: "TQ99", Name: "Chỉ tiêu thử nghiệm"}}},
	}
	if b.Current || !reflect.DeepEqual(b.Preview, want) {
		t.Fatalf("edited copy: current %v, preview %+v, want %+v", b.Current, b.Preview, want)
	}

	// The list: newest first, the current one marked, rounds named.
	rec = doAs(t, s, "admin", "GET", "/api/v1/admin/catalog")
	var list []catalogVersionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 3 {
		t.Fatalf("list = %d %s", rec.Code, rec.Body)
	}
	if list[0].ID != b.Version || list[0].Current || list[1].ID != a.Version || !list[1].Current ||
		list[2].ID != minimalID || !reflect.DeepEqual(list[2].Rounds, []string{"NAM-2024"}) {
		t.Errorf("list = %+v", list)
	}

	var audited []string
	rows, err := s.deps.Pool.Query(context.Background(), "SELECT action || ' ' || target FROM audit_log WHERE action LIKE 'catalog_%' ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var line string
		rows.Scan(&line)
		audited = append(audited, line)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	wantAudit := []string{"catalog_uploaded " + id(a.Version), "catalog_activated " + id(a.Version), "catalog_uploaded " + id(a.Version), "catalog_uploaded " + id(b.Version)}
	if !reflect.DeepEqual(audited, wantAudit) {
		t.Errorf("audit = %q, want %q", audited, wantAudit)
	}
}

const tq99 = `  - code: TQ99
    name: Chỉ tiêu thử nghiệm
    area: tong_quat
    task_group: II.2
    concept: Chỉ tiêu thêm để thử bản xem trước.
    method: Đếm.
    unit_of_measure: người
    value_type: count
    dimensions: []
    aggregation: sum
    period: annual
    source: Thử nghiệm
    lead: AG.YT

`

// A broken catalog is refused with the problems `baocao catalog check`
// prints, from the same function, and nothing is stored.
func TestAdminCatalog_BrokenIsRefusedAsCheckSaysIt(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	broken := anGiangCopy(t, func(file, text string) string {
		if file == catalog.FileUnits {
			return strings.Replace(text, "    parent: AG\n", "    parent: NOWHERE\n", 1)
		}
		return text
	})
	// What `cd $(dirname broken) && baocao catalog check an-giang-2025` prints.
	_, err := catalog.Load(os.DirFS(broken), "an-giang-2025")
	var problems catalog.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("the broken copy loads: %v", err)
	}
	var want []problemJSON
	for _, p := range problems {
		want = append(want, problemJSON{File: p.File, Line: p.Line, Message: p.Message})
	}
	rec := uploadCatalog(t, s, "admin", "/api/v1/admin/catalog", zipFolder(t, broken))
	var body struct {
		Error struct {
			Code    string        `json:"code"`
			Details []problemJSON `json:"details"`
		} `json:"error"`
	}
	json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != 422 || body.Error.Code != "invalid_catalog" || !reflect.DeepEqual(body.Error.Details, want) {
		t.Fatalf("broken upload = %d %s\nwant details %+v", rec.Code, rec.Body, want)
	}
	if !strings.Contains(problems.Error(), `an-giang-2025/units.yaml:`) || !strings.Contains(problems.Error(), `"NOWHERE" không tồn tại`) {
		t.Errorf("problems = %v", problems)
	}

	// The page shows the same lines.
	rec = uploadCatalog(t, s, "admin", "/admin/catalog", zipFolder(t, broken))
	if rec.Code != 422 || !strings.Contains(html.UnescapeString(rec.Body.String()), problems[0].String()) {
		t.Errorf("page upload = %d, want the line %q in\n%s", rec.Code, problems[0].String(), rec.Body)
	}
	rec = doAs(t, s, "admin", "GET", "/api/v1/admin/catalog")
	if strings.Count(rec.Body.String(), `"id"`) != 1 {
		t.Errorf("a broken catalog was stored: %s", rec.Body)
	}
}

// ZIPs shaped to escape the folder or take the server's memory are
// refused whole; only an administrator may upload at all.
func TestAdminCatalog_RefusedArchives(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	many := map[string][]byte{}
	for i := range 201 {
		many["an-giang-2025/extra-"+strconv.Itoa(i)+".txt"] = []byte("x")
	}
	tests := map[string][]byte{
		"traversal":    zipBytes(t, map[string][]byte{"../plan.yaml": []byte("code: X")}),
		"many entries": zipBytes(t, many),
		"bomb":         zipBytes(t, map[string][]byte{"plan.yaml": bytes.Repeat([]byte(" "), 25<<20)}),
		"not a zip":    []byte("plan.yaml"),
	}
	for name, data := range tests {
		rec := uploadCatalog(t, s, "admin", "/api/v1/admin/catalog", data)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"code":"invalid_archive"`) {
			t.Errorf("%s: %d %s", name, rec.Code, rec.Body)
		}
	}
	for _, user := range []string{"staff", "so2"} {
		if rec := uploadCatalog(t, s, user, "/api/v1/admin/catalog", zipFolder(t, anGiangDir)); rec.Code != 403 {
			t.Errorf("%s uploads: %d", user, rec.Code)
		}
	}
}

// The page: upload, read the preview, press the button.
func TestAdminCatalog_Pages(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	rec := uploadCatalog(t, s, "admin", "/admin/catalog", zipFolder(t, anGiangDir))
	loc := rec.Header().Get("Location")
	if rec.Code != 303 || !strings.HasPrefix(loc, "/admin/catalog/") {
		t.Fatalf("page upload = %d %q", rec.Code, loc)
	}
	rec = doAs(t, s, "admin", "GET", loc)
	for _, want := range []string{"Áp dụng phiên bản này", "Đơn vị bắt đầu", "AG.VHTTDL", "Chỉ tiêu thêm mới", "Vai trò thay đổi"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("preview page lacks %q", want)
		}
	}
	rec = doAs(t, s, "admin", "POST", loc+"/activate")
	if rec.Code != 303 || rec.Header().Get("Location") != loc+"?activated=1" {
		t.Fatalf("activate = %d %q", rec.Code, rec.Header().Get("Location"))
	}
	rec = doAs(t, s, "admin", "GET", "/admin/catalog")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "an-giang-2025") || !strings.Contains(rec.Body.String(), "Hiện hành") {
		t.Errorf("list page = %d", rec.Code)
	}
}
