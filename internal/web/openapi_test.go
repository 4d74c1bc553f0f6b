package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"baocao/docs"
	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/render"
	"baocao/internal/reports"
	"baocao/internal/signing"
)

// The API reference, docs/openapi.yaml, cannot drift from the API: it
// describes every /api/v1 route and no other, and every answer an /api/v1
// request gets in these tests (through checked) must be one the document
// describes, its status, content type and body.

// apiContract is the loaded document and a router over its operations.
var apiContract = sync.OnceValues(func() (*openapi3.T, routers.Router) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(docs.OpenAPI)
	if err != nil {
		panic("load docs/openapi.yaml: " + err.Error())
	}
	if err := doc.Validate(loader.Context); err != nil {
		panic("docs/openapi.yaml: " + err.Error())
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		panic("route docs/openapi.yaml: " + err.Error())
	}
	return doc, router
})

// checked is s.Handler() with every answer to a request for an operation
// of docs/openapi.yaml validated against it: an undocumented status, a
// content type it does not list or a body its schema refuses fails t.
func checked(t testing.TB, s *Server) http.Handler {
	h := s.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		checkAnswer(t, r, rec)
		for name, values := range rec.Header() {
			w.Header()[name] = values
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// checkAnswer validates rec, the answer to r, against the operation of
// the document r asks for. A request for no operation of it (the
// catch-all's 404, a page) is not the document's business.
func checkAnswer(t testing.TB, r *http.Request, rec *httptest.ResponseRecorder) {
	t.Helper()
	if !strings.HasPrefix(r.URL.Path, "/api/v1/") {
		return
	}
	_, router := apiContract()
	route, params, err := router.FindRoute(r)
	if err != nil {
		return
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route},
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	input.SetBodyBytes(bytes.Clone(rec.Body.Bytes()))
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		t.Errorf("%s %s answered %d (%s), which docs/openapi.yaml does not describe:\n%v\nbody: %.2000s",
			r.Method, r.URL.RequestURI(), rec.Code, rec.Header().Get("Content-Type"), err, rec.Body)
	}
}

func TestOpenAPI_DocumentIsValid31(t *testing.T) {
	doc, _ := apiContract()
	if !doc.IsOpenAPI31OrLater() || doc.OpenAPI != "3.1.0" {
		t.Errorf("docs/openapi.yaml declares OpenAPI %q, want 3.1.0", doc.OpenAPI)
	}
	if doc.Components == nil || doc.Components.Schemas["Error"] == nil {
		t.Error("docs/openapi.yaml has no shared Error schema")
	}
}

// Every /api/v1 route of the table is an operation of the document, with
// the same method and path, and the document has no other.
func TestOpenAPI_DescribesEveryRoute(t *testing.T) {
	s, _ := newTestServer(t)
	doc, _ := apiContract()
	routes := map[string]bool{}
	for _, rt := range s.table {
		method, path, found := strings.Cut(rt.pattern, " ")
		if !found || !strings.HasPrefix(path, "/api/v1/") {
			continue // the catch-all "/api/" and the pages
		}
		routes[method+" "+path] = true
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	for r := range routes {
		if !described[r] {
			t.Errorf("docs/openapi.yaml does not describe the route %s", r)
		}
	}
	for d := range described {
		if !routes[d] {
			t.Errorf("docs/openapi.yaml describes %s, which is no route", d)
		}
	}
	if len(routes) < 40 {
		t.Errorf("only %d /api/v1 routes found", len(routes))
	}
}

func TestOpenAPI_ServedAsBuilt(t *testing.T) {
	s, _ := newTestServer(t)
	file, err := os.ReadFile("../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rec := do(checked(t, s), "GET", "/api/v1/openapi.yaml")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/yaml") {
		t.Fatalf("GET /api/v1/openapi.yaml = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !bytes.Equal(rec.Body.Bytes(), file) {
		t.Error("GET /api/v1/openapi.yaml does not answer docs/openapi.yaml byte for byte")
	}
}

// The reference page renders the document: every operation, its
// parameters, bodies, answers and examples, within the page's CSP.
func TestAPIDocs_Page(t *testing.T) {
	s, _ := newTestServer(t)
	rec := do(checked(t, s), "GET", "/api/docs")
	body := rec.Body.String()
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /api/docs = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, want := range []string{
		"<title>Tài liệu API",
		`href="/api/v1/openapi.yaml"`,
		`<h2>Báo cáo của đơn vị</h2>`,
		`id="op-saveSubmission"`,
		`<span class="method m-put">PUT</span> <code>/api/v1/rounds/{round}/submissions/{unit}</code>`,
		`<code>Idempotency-Key</code>`,              // a parameter
		`<code>multipart/form-data</code>`,          // an upload's body
		`<a href="#error-Unavailable">`,             // a shared error answer
		`id="schema-Submission"`,                    // a data type
		"Báo cáo đã được lưu sau phiên bản bạn gửi", // an example, in Vietnamese
		`<code>&#34;invalid_values&#34;</code>`,     // an enum
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/api/docs lacks %s", want)
		}
	}
	doc, _ := apiContract()
	for path, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if !strings.Contains(body, `id="op-`+op.OperationID+`"`) {
				t.Errorf("/api/docs does not show %s (%s)", op.OperationID, path)
			}
		}
	}
	// Self-hosted, within the CSP: no script, no inline style, nothing
	// loaded from elsewhere.
	for _, banned := range []string{"<script", " style=", "src=", `href="http`, `href="//`} {
		if strings.Contains(body, banned) {
			t.Errorf("/api/docs has %s", banned)
		}
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("/api/docs CSP = %q", csp)
	}
}

// A request the API cannot read, or a member it does not define, is
// answered with a message that points to the reference.
func TestOpenAPI_RefusalsPointToTheReference(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	h := checked(t, s)
	rec := postJSON(h, "/api/v1/login", `{"username":`)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "(/api/docs)") {
		t.Errorf("malformed JSON = %d %s, want 400 naming /api/docs", rec.Code, rec.Body)
	}
	api := apiClient{t, s}
	code, _, body := api.do("so2", "PUT", subPath, `{"revision":0,"valuez":[]}`)
	if code != 422 || !strings.Contains(body, "(/api/docs)") {
		t.Errorf("unknown member = %d %s, want 422 naming /api/docs", code, body)
	}
}

// The report endpoints' answers, which the other tests meet only as
// refusals, against the document: a consolidation, a generated set, its
// files and their check, issuing, marking final and a recorded dispatch.
func TestOpenAPI_ReportAnswers(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	ctx := context.Background()
	if _, err := s.deps.Auth.EnsureUsers(ctx, []access.User{{Username: "lanhdao", Role: access.RoleLeader}}, testPassword); err != nil {
		t.Fatal(err)
	}
	id, err := signing.DevIdentity(t.TempDir(), "Sở Lao động - Thương binh và Xã hội", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	seal, err := signing.SampleSeal("Sở Lao động - Thương binh và Xã hội")
	if err != nil {
		t.Fatal(err)
	}
	sig, err := signing.SampleSignature()
	if err != nil {
		t.Fatal(err)
	}
	svc := reports.New(s.deps.Pool, s.deps.Intake, render.Files{}, s.deps.Jobs)
	svc.Signing = reports.Signing{Identity: id, SealImage: seal, SignatureImage: sig}
	s.deps.Reports = svc
	api := apiClient{t, s}
	expect := func(user, method, path, body string, want int) string {
		t.Helper()
		code, _, raw := api.do(user, method, path, body)
		if code != want {
			t.Fatalf("%s %s as %s = %d %s, want %d", method, path, user, code, raw, want)
		}
		return raw
	}
	expect("so2", "PUT", subPath, body(completeSO2, 0), 200)
	expect("so2", "POST", subPath+"/submit", "", 200)
	expect("staff", "POST", subPath+"/review", `{"decision":"accept"}`, 200)
	if _, err := svc.Generate(ctx, "NAM-2024", false); err != nil {
		t.Fatal(err)
	}
	// The snapshot is stored without the units' figures (hash version 3);
	// the answer has them, read from the revisions it counted.
	var consolidated struct {
		HashVersion int `json:"hash_version"`
		Cells       []struct {
			Units map[string]any `json:"units"`
		} `json:"cells"`
		Provenance []consolidate.Provenance `json:"provenance"`
	}
	if err := json.Unmarshal([]byte(expect("staff", "GET", "/api/v1/rounds/NAM-2024/consolidated", "", 200)), &consolidated); err != nil {
		t.Fatal(err)
	}
	so2 := 0
	for _, c := range consolidated.Cells {
		if _, ok := c.Units["SO2"]; ok {
			so2++
		}
	}
	if consolidated.HashVersion != consolidate.HashHeads || so2 == 0 || len(consolidated.Provenance) == 0 {
		t.Fatalf("consolidated: version %d, %d cells with SO2's value, provenance %v", consolidated.HashVersion, so2, consolidated.Provenance)
	}
	var files []reportJSON
	if err := json.Unmarshal([]byte(expect("staff", "GET", "/api/v1/rounds/NAM-2024/reports", "", 200)), &files); err != nil || len(files) != 3 {
		t.Fatalf("draft files = %v %v, want 3", files, err)
	}
	set := itoa(files[0].Set)
	expect("staff", "POST", "/api/v1/rounds/NAM-2024/reports/"+set+"/final", "", 409)
	expect("staff", "POST", "/api/v1/rounds/NAM-2024/reports/"+set+"/dispatch", `{"destination":"Bộ LĐTBXH"}`, 409)
	expect("lanhdao", "POST", "/api/v1/rounds/NAM-2024/reports/"+set+"/issue", "", 200)
	expect("staff", "POST", "/api/v1/rounds/NAM-2024/reports/"+set+"/final", "", 200)
	expect("staff", "POST", "/api/v1/rounds/NAM-2024/reports/"+set+"/dispatch", `{"destination":"Bộ LĐTBXH","note":"bưu điện"}`, 200)
	if err := json.Unmarshal([]byte(expect("lanhdao", "GET", "/api/v1/rounds/NAM-2024/reports", "", 200)), &files); err != nil || len(files) != 6 {
		t.Fatalf("files = %v %v, want 3 drafts and 3 issued", files, err)
	}
	for _, f := range files {
		expect("staff", "GET", "/api/v1/reports/"+strconv.FormatInt(f.ID, 10), "", 200)
		var v reports.Verdict
		raw := expect("lanhdao", "GET", "/api/v1/reports/"+strconv.FormatInt(f.ID, 10)+"/verify", "", 200)
		if err := json.Unmarshal([]byte(raw), &v); err != nil || v.Snapshot == nil || !v.Snapshot.OK || v.Snapshot.HashVersion == 0 {
			t.Fatalf("verify %s = %s", f.Filename, raw)
		}
	}
	var job struct{ Job int64 }
	json.Unmarshal([]byte(expect("staff", "POST", "/api/v1/rounds/NAM-2024/reports", "", 202)), &job)
	expect("staff", "GET", "/api/v1/jobs/"+strconv.FormatInt(job.Job, 10), "", 200)
}
