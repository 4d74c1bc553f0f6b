package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/jobs"
	"baocao/internal/testkit"
)

// startImportWorker runs River workers on the test database, as `baocao
// worker` would.
func startImportWorker(t *testing.T, s *Server) {
	t.Helper()
	client, err := jobs.NewClient(jobs.Deps{Pool: s.deps.Pool, Logger: slog.New(slog.DiscardHandler), Intake: s.deps.Intake},
		jobs.Options{MaxWorkers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(client, 5*time.Second, slog.New(slog.DiscardHandler)) })
}

func upload(t *testing.T, s *Server, user, path string, data []byte, header ...string) (int, string) {
	t.Helper()
	rec := uploadPage(t, s, user, path, data, header...)
	return rec.Code, rec.Body.String()
}

// waitJob polls GET /api/v1/jobs/{id} until the job ends.
func waitJob(t *testing.T, s *Server, user string, id float64) map[string]any {
	t.Helper()
	api := apiClient{t, s}
	var got map[string]any
	testkit.Eventually(t, 30*time.Second, "the import job has ended", func() (bool, error) {
		code, body, raw := api.do(user, "GET", "/api/v1/jobs/"+itoa(int(id)), "")
		if code != 200 {
			t.Fatalf("job = %d %s", code, raw)
		}
		got = body
		return got["state"] == "completed" || got["state"] == "discarded", nil
	})
	return got
}

// inputCell finds the workbook cell that holds key, through the identity
// sheet's map (column B sheet, C cell, E key).
func inputCell(t *testing.T, f *excelize.File, key string) (string, string) {
	t.Helper()
	rows, err := f.GetRows("_baocao")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for i, c := range r {
			if c == key && i >= 2 {
				return r[0], r[1]
			}
		}
	}
	t.Fatalf("no input cell for %s in the identity sheet", key)
	return "", ""
}

func TestWorkbook_RoundTripThroughTheImportJob(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	startImportWorker(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))

	req := httptest.NewRequest("GET", subPath+"/form.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "so2"))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "NAM-2024_so2_r1.xlsx") {
		t.Fatalf("download = %d %v", rec.Code, rec.Header())
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheet, cell := inputCell(t, f, "BV01|SEX=F")
	if v, _ := f.GetCellValue(sheet, cell); v != "100" && v != "100.0" {
		t.Fatalf("prefilled %s!%s = %q, want 100", sheet, cell, v)
	}
	f.SetCellValue(sheet, cell, 104)
	var out bytes.Buffer
	f.Write(&out)

	code, raw := upload(t, s, "so2", subPath+"/form.xlsx", out.Bytes())
	if code != 202 {
		t.Fatalf("upload = %d %s", code, raw)
	}
	var accepted map[string]float64
	json.Unmarshal([]byte(raw), &accepted)
	job := waitJob(t, s, "so2", accepted["job"])
	result, _ := json.Marshal(job["result"])
	if job["state"] != "completed" || !strings.Contains(string(result), `"revision":2`) {
		t.Fatalf("job = %v", job)
	}
	_, got, raw := api.do("so2", "GET", subPath, "")
	if got["revision"] != float64(2) || !strings.Contains(raw, `{"indicator":"BV01","disaggregation":{"SEX":"F"},"value":104}`) {
		t.Fatalf("after import: %s", raw)
	}
	_, _, hist := api.do("so2", "GET", subPath+"/history", "")
	if !strings.Contains(hist, `"source":"excel"`) {
		t.Fatalf("history lacks the excel revision: %s", hist)
	}
	// Another user's job is not theirs to see; staff see it.
	if code, _, _ := api.do("huyen1", "GET", "/api/v1/jobs/"+itoa(int(accepted["job"])), ""); code != 404 {
		t.Fatalf("another agency reading the job = %d, want 404", code)
	}
	if code, _, _ := api.do("staff", "GET", "/api/v1/jobs/"+itoa(int(accepted["job"])), ""); code != 200 {
		t.Fatalf("staff reading the job = %d", code)
	}
}

func TestWorkbook_RefusedUploadsChangeNothing(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	startImportWorker(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	_, _, before := api.do("so2", "GET", subPath, "")

	if code, raw := upload(t, s, "so2", subPath+"/form.xlsx", []byte("this is not a workbook")); code != 422 || !strings.Contains(raw, "not_workbook") {
		t.Fatalf("text file = %d %s", code, raw)
	}
	if code, raw := upload(t, s, "so2", subPath+"/form.xlsx", bytes.Repeat([]byte("x"), 11<<20)); code != 413 {
		t.Fatalf("oversized = %d %s", code, raw)
	}
	// A workbook for another unit: accepted for processing, refused by
	// the job with a message saying so.
	req := httptest.NewRequest("GET", "/api/v1/rounds/NAM-2024/submissions/HUYEN1/form.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "huyen1"))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	code, raw := upload(t, s, "so2", subPath+"/form.xlsx", rec.Body.Bytes())
	if code != 202 {
		t.Fatalf("other unit's workbook = %d %s", code, raw)
	}
	var accepted map[string]float64
	json.Unmarshal([]byte(raw), &accepted)
	job := waitJob(t, s, "so2", accepted["job"])
	result, _ := json.Marshal(job["result"])
	if !strings.Contains(string(result), "HUYEN1") || !strings.Contains(string(result), `"revision":0`) {
		t.Fatalf("job result = %s; want a problem naming the other unit", result)
	}
	if _, _, after := api.do("so2", "GET", subPath, ""); after != before {
		t.Fatal("a refused workbook changed the submission")
	}
	// Retried upload with the same key counts once.
	req = httptest.NewRequest("GET", subPath+"/form.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "so2"))
	rec = httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	_, first := upload(t, s, "so2", subPath+"/form.xlsx", rec.Body.Bytes(), "Idempotency-Key", "up-1")
	_, second := upload(t, s, "so2", subPath+"/form.xlsx", rec.Body.Bytes(), "Idempotency-Key", "up-1")
	if first != second {
		t.Fatalf("retried upload gave %s then %s", first, second)
	}
}

// A workbook value of the wrong type is named by its cell, its indicator
// and what it takes; the job's page leads back to the unit's report, to
// fix it or, once a workbook went in, to submit it.
func TestWorkbook_WrongTypeNamedAndTheWayBack(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	startImportWorker(t, s)
	(apiClient{t, s}).do("so2", "PUT", subPath, body(completeSO2, 0))
	req := httptest.NewRequest("GET", subPath+"/form.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "so2"))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheet, cell := inputCell(t, f, "BV01|SEX=F")
	f.SetCellStr(sheet, cell, "năm")
	var wrong bytes.Buffer
	f.Write(&wrong)

	jobPage := func(data []byte) string {
		t.Helper()
		rec := uploadPage(t, s, "so2", pagePath+"/upload", data)
		at := rec.Header().Get("Location")
		if rec.Code != 303 || !strings.HasPrefix(at, "/jobs/") {
			t.Fatalf("upload from the page = %d %s", rec.Code, at)
		}
		id, _ := strconv.Atoi(strings.TrimPrefix(at, "/jobs/"))
		waitJob(t, s, "so2", float64(id))
		return doAs(t, s, "so2", "GET", at).Body.String()
	}
	page := jobPage(wrong.Bytes())
	want := "'" + sheet + "'!" + cell + " — BV01 Số trẻ em có hoàn cảnh đặc biệt (Nữ): cần một số nguyên không âm, đã nhận 'năm'"
	if !strings.Contains(page, template.HTMLEscapeString(want)) {
		t.Errorf("the job page does not name the cell, the indicator and the type: want %s in\n%s", want, excerpt(page, "<main>"))
	}
	if !strings.Contains(page, `href="/rounds/NAM-2024/submissions/SO2#nhap-excel"`) {
		t.Errorf("the refused import's page does not lead back to the report")
	}
	page = jobPage(rec.Body.Bytes())
	if !strings.Contains(page, `href="/rounds/NAM-2024/submissions/SO2#nop-bao-cao">Kiểm tra và nộp báo cáo</a>`) {
		t.Errorf("the imported workbook's page does not lead to the submission: %s", excerpt(page, "<main>"))
	}
}

// uploadPage posts data as the multipart field "file", as the page's
// upload form does, with the given header fields.
func uploadPage(t *testing.T, s *Server, user, path string, data []byte, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "bieu-mau.xlsx")
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, user))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	return rec
}
