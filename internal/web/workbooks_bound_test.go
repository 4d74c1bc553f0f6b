package web

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/riverqueue/river/rivertype"
	"github.com/xuri/excelize/v2"
)

// downloadForm is SO2's workbook as the form download gives it.
func downloadForm(t *testing.T, s *Server) []byte {
	t.Helper()
	req := httptest.NewRequest("GET", subPath+"/form.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "so2"))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("download = %d", rec.Code)
	}
	return rec.Body.Bytes()
}

// replaceSharedStrings repacks a workbook with its shared string table
// streamed from write, deflated as it goes.
func replaceSharedStrings(t *testing.T, data []byte, write func(io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, "xl/sharedStrings.xml") {
			if err := zw.Copy(zf); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importJob uploads data as SO2 and waits for its import job: the job as
// the API shows it and as River recorded it.
func importJob(t *testing.T, s *Server, data []byte) (map[string]any, *rivertype.JobRow) {
	t.Helper()
	code, raw := upload(t, s, "so2", subPath+"/form.xlsx", data)
	if code != 202 {
		t.Fatalf("upload = %d %s", code, raw)
	}
	var accepted map[string]float64
	json.Unmarshal([]byte(raw), &accepted)
	job := waitJob(t, s, "so2", accepted["job"])
	row, err := s.deps.Jobs.JobGet(t.Context(), int64(accepted["job"]))
	if err != nil {
		t.Fatal(err)
	}
	return job, row
}

// The workbook of issue 16 (99 MB of tiny shared strings in 100 KB) is
// refused by the first attempt, which completes with the problem as its
// result; the submission is unchanged.
func TestWorkbook_BombRefusedOnce(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	startImportWorker(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	_, _, before := api.do("so2", "GET", subPath, "")

	bomb := replaceSharedStrings(t, downloadForm(t, s), func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		chunk := strings.Repeat("<si><t>a</t></si>", 1000)
		for range 5800 { // 98.6 MB, under the 100 MB unpacked limit
			io.WriteString(w, chunk)
		}
		io.WriteString(w, "</sst>")
	})
	if len(bomb) > 1<<20 {
		t.Fatalf("bomb is %d bytes; it should be small", len(bomb))
	}
	job, row := importJob(t, s, bomb)
	result, _ := json.Marshal(job["result"])
	if row.State != rivertype.JobStateCompleted || row.Attempt != 1 || len(row.Errors) != 0 {
		t.Errorf("job %s after attempt %d, errors %v; want completed on the first", row.State, row.Attempt, row.Errors)
	}
	if !strings.Contains(string(result), "Phần văn bản của tệp quá lớn") || !strings.Contains(string(result), `"revision":0`) {
		t.Errorf("job result = %s; want the refusal", result)
	}
	if _, _, after := api.do("so2", "GET", subPath, ""); after != before {
		t.Error("a refused workbook changed the submission")
	}
}

// A value cell holding "_x0000_" (a NUL to excelize, which PostgreSQL
// refuses in text) refuses the workbook naming the cell, in one attempt.
func TestWorkbook_NULCellRefused(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	startImportWorker(t, s)
	api := apiClient{t, s}
	api.do("so2", "PUT", subPath, body(completeSO2, 0))
	_, _, before := api.do("so2", "GET", subPath, "")

	f, err := excelize.OpenReader(bytes.NewReader(downloadForm(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	sheet, cell := inputCell(t, f, "BV01|SEX=F")
	f.SetCellStr(sheet, cell, "ZZNUL")
	buf, err := f.WriteToBuffer()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sst []byte
	for _, zf := range zr.File {
		if strings.EqualFold(zf.Name, "xl/sharedStrings.xml") {
			rc, _ := zf.Open()
			sst, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	if !bytes.Contains(sst, []byte("ZZNUL")) {
		t.Fatal("the typed text is not in the shared strings")
	}
	data := replaceSharedStrings(t, buf.Bytes(), func(w io.Writer) {
		w.Write(bytes.ReplaceAll(sst, []byte("ZZNUL"), []byte("1_x0000_")))
	})

	job, row := importJob(t, s, data)
	var res struct {
		Revision int      `json:"revision"`
		Problems []string `json:"problems"`
	}
	out, _ := json.Marshal(job["result"])
	json.Unmarshal(out, &res)
	want := "'" + sheet + "'!" + cell + ": Ô chứa ký tự không hợp lệ"
	if row.State != rivertype.JobStateCompleted || row.Attempt != 1 || len(res.Problems) != 1 ||
		!strings.HasPrefix(res.Problems[0], want) || res.Revision != 0 {
		t.Errorf("job %s after attempt %d, result %s; want completed once with %q…", row.State, row.Attempt, out, want)
	}
	if _, _, after := api.do("so2", "GET", subPath, ""); after != before {
		t.Error("a refused workbook changed the submission")
	}
}
