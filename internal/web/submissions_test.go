package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// openRound opens the 2024 annual round on the current (minimal) catalog:
// SO1, SO2 and HUYEN1 report; the deadline is still ahead.
func openRound(t *testing.T, s *Server) {
	t.Helper()
	ctx := context.Background()
	v, err := postgres.CurrentCatalog(ctx, s.deps.Pool)
	if err != nil {
		t.Fatal(err)
	}
	start, end := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	expected, _ := v.Catalog.Reporters(catalog.RoundAnnual, start, end)
	var units []domain.RoundUnit
	for _, e := range expected {
		units = append(units, domain.RoundUnit{UnitCode: e.Unit.Code, FormCode: e.Form.Code})
	}
	_, err = postgres.CreateRound(ctx, s.deps.Pool, domain.Round{Code: "NAM-2024", Kind: catalog.RoundAnnual, Title: "Báo cáo năm 2024",
		PeriodStart: start, PeriodEnd: end, DueAt: time.Now().Add(24 * time.Hour), CatalogVersionID: v.ID}, units)
	if err != nil {
		t.Fatal(err)
	}
}

type apiClient struct {
	t *testing.T
	s *Server
}

func (c apiClient) do(user, method, path, body string, header ...string) (int, map[string]any, string) {
	c.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+mintSession(c.t, c.s, user))
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	checked(c.t, c.s).ServeHTTP(rec, req)
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out, rec.Body.String()
}

const subPath = "/api/v1/rounds/NAM-2024/submissions/SO2"

// completeSO2 is a full, valid body for SO2's form.
const completeSO2 = `{"revision": %d, "values": [
  {"indicator": "BV01", "disaggregation": {"SEX": "M"}, "value": 120},
  {"indicator": "BV01", "disaggregation": {"SEX": "F"}, "value": 100},
  {"indicator": "BV02", "disaggregation": {"SEX": "M"}, "value": 80},
  {"indicator": "BV02", "disaggregation": {"SEX": "F"}, "value": 70},
  {"indicator": "BV03", "disaggregation": {}, "value": 12},
  {"indicator": "BV03", "disaggregation": {"FORM": "A"}, "value": 9},
  {"indicator": "BV03", "disaggregation": {"FORM": "B"}, "value": 5},
  {"indicator": "GD01", "disaggregation": {}, "value": {"numerator": 980, "denominator": 1000}}],
 "narratives": {"KQ-II.1": "Đã triển khai kế hoạch.", "KIEN-NGHI": "Đề nghị bổ sung kinh phí."}}`

func body(format string, rev int) string {
	return strings.Replace(format, "%d", itoa(rev), 1)
}

func storedRevision(t *testing.T, s *Server) int {
	t.Helper()
	var n int
	s.deps.Pool.QueryRow(context.Background(), "SELECT revision FROM submissions WHERE unit_code = 'SO2'").Scan(&n)
	return n
}

func TestSubmissionAPI_Flow(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}

	code, got, raw := api.do("so2", "GET", subPath, "")
	if code != 200 || got["status"] != "not_started" || got["revision"] != float64(0) {
		t.Fatalf("GET new submission = %d %s", code, raw)
	}
	values := got["values"].([]any)
	// BV01 ×2, BV02 ×2, BV03 total + 2, GD01: every cell, null until entered.
	if len(values) != 8 || values[0].(map[string]any)["value"] != nil {
		t.Fatalf("values = %v", values)
	}

	code, got, raw = api.do("so2", "PUT", subPath, body(completeSO2, 0))
	if code != 200 || got["revision"] != float64(1) || got["status"] != "draft" {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	if !strings.Contains(raw, `"value":{"denominator":1000,"numerator":980}`) {
		t.Fatalf("rate not echoed: %s", raw)
	}
	code, got, raw = api.do("so2", "POST", subPath+"/submit", "")
	if code != 200 || got["status"] != "submitted" || got["on_time"] != true {
		t.Fatalf("submit = %d %s", code, raw)
	}
	// Staff return it with a comment; it is editable again.
	if code, _, raw := api.do("staff", "POST", subPath+"/review", `{"decision":"return"}`); code != 422 || !strings.Contains(raw, `"field":"comment"`) {
		t.Fatalf("return without comment = %d %s", code, raw)
	}
	if code, got, raw := api.do("staff", "POST", subPath+"/review", `{"decision":"return","comment":"Kiểm tra lại số trẻ em nữ"}`); code != 200 || got["status"] != "returned" {
		t.Fatalf("return = %d %s", code, raw)
	}
	fix := `{"revision": 1, "values": [{"indicator": "BV01", "disaggregation": {"SEX": "F"}, "value": 101}]}`
	if code, got, raw := api.do("so2", "PUT", subPath, fix); code != 200 || got["revision"] != float64(2) {
		t.Fatalf("fix = %d %s", code, raw)
	}
	api.do("so2", "POST", subPath+"/submit", "")
	if code, got, _ := api.do("staff", "POST", subPath+"/review", `{"decision":"accept"}`); code != 200 || got["status"] != "accepted" {
		t.Fatalf("accept = %d", code)
	}
	// Accepted: locked until staff reopen it.
	if code, _, raw := api.do("so2", "PUT", subPath, strings.Replace(fix, `"revision": 1`, `"revision": 2`, 1)); code != 423 {
		t.Fatalf("PUT on accepted = %d %s, want 423", code, raw)
	}
	if code, got, _ := api.do("staff", "POST", subPath+"/reopen", `{"comment":"Bổ sung số liệu quý IV"}`); code != 200 || got["status"] != "returned" {
		t.Fatalf("reopen = %d", code)
	}
	var audited int
	s.deps.Pool.QueryRow(context.Background(), "SELECT count(*) FROM audit_log WHERE action = 'submission_reopened'").Scan(&audited)
	if audited != 1 {
		t.Fatalf("reopen audited %d times", audited)
	}
	// History: every revision with who, when, source and what changed.
	code, _, raw = api.do("so2", "GET", subPath+"/history", "")
	var hist []struct {
		Revision int    `json:"revision"`
		Author   string `json:"author"`
		Source   string `json:"source"`
		Changes  []struct {
			Key string `json:"key"`
			Old any    `json:"old"`
			New any    `json:"new"`
		} `json:"changes"`
	}
	json.Unmarshal([]byte(raw), &hist)
	if code != 200 || len(hist) != 2 || hist[1].Author != "so2" || hist[1].Source != "api" || len(hist[1].Changes) != 1 ||
		hist[1].Changes[0].Key != "BV01|SEX=F" || hist[1].Changes[0].Old != float64(100) || hist[1].Changes[0].New != float64(101) {
		t.Fatalf("history = %d %s", code, raw)
	}
}

func TestSubmissionAPI_Refusals(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	if code, _, raw := api.do("so2", "PUT", subPath, body(completeSO2, 0)); code != 200 {
		t.Fatalf("setup PUT = %d %s", code, raw)
	}
	before, _, _ := api.do("so2", "GET", subPath, "")
	_ = before
	_, _, snapshot := api.do("so2", "GET", subPath, "")

	tests := []struct {
		name, user, method, path, body string
		header                         []string
		want                           int
		contains                       string
	}{
		{"malformed JSON", "so2", "PUT", subPath, `{"revision": 1, "values": [`, nil, 400, `"bad_request"`},
		{"wrong type", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"value":"nhiều"}]}`, nil, 422, `"code":"wrong_type"`},
		{"negative count", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"value":-3}]}`, nil, 422, `"code":"negative"`},
		{"fraction in a count", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"value":2.5}]}`, nil, 422, `"code":"fraction"`},
		{"unknown indicator", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"ZZ99","disaggregation":{},"value":1}]}`, nil, 422, `"code":"unknown_indicator"`},
		{"unknown option", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"X"},"value":1}]}`, nil, 422, `"code":"unknown_option"`},
		{"one bad value spoils the request", "so2", "PUT", subPath, `{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"value":5},{"indicator":"BV01","disaggregation":{"SEX":"F"},"value":-1}]}`, nil, 422, `"disaggregation":{"SEX":"F"}`},
		{"stale revision", "so2", "PUT", subPath, `{"revision":0,"values":[]}`, nil, 409, `"conflict"`},
		{"missing revision", "so2", "PUT", subPath, `{"values":[]}`, nil, 422, `"field":"revision"`},
		{"another unit", "huyen1", "PUT", subPath, body(completeSO2, 1), nil, 403, `"forbidden"`},
		{"another unit reads", "huyen1", "GET", subPath, "", nil, 403, `"forbidden"`},
		{"staff cannot write", "staff", "PUT", subPath, body(completeSO2, 1), nil, 403, `"forbidden"`},
		{"unknown round", "so2", "PUT", "/api/v1/rounds/NAM-1999/submissions/SO2", body(completeSO2, 1), nil, 404, `"not_found"`},
		{"unknown unit", "staff", "GET", "/api/v1/rounds/NAM-2024/submissions/NOWHERE", "", nil, 404, `"not_found"`},
		{"body over the limit", "so2", "PUT", subPath, `{"revision":1,"narratives":{"KQ-II.1":"` + strings.Repeat("x", 3<<20) + `"}}`, nil, 413, `"too_large"`},
		{"agency cannot review", "so2", "POST", subPath + "/review", `{"decision":"accept"}`, nil, 403, `"forbidden"`},
		{"review of a draft", "staff", "POST", subPath + "/review", `{"decision":"accept"}`, nil, 409, `"code":"status"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, raw := api.do(tt.user, tt.method, tt.path, tt.body, tt.header...)
			if code != tt.want || !strings.Contains(raw, tt.contains) {
				t.Fatalf("= %d %s, want %d with %s", code, raw, tt.want, tt.contains)
			}
			if _, _, now := api.do("so2", "GET", subPath, ""); now != snapshot {
				t.Fatalf("the refused request changed the submission:\n%s\nwas\n%s", now, snapshot)
			}
		})
	}
	if n := storedRevision(t, s); n != 1 {
		t.Fatalf("revision after refusals = %d, want 1", n)
	}
}

func TestSubmissionAPI_SubmitBlockedWhileErrors(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	// BV02 (assisted) above BV01 (in special circumstances): rule R01,
	// an error. The draft is saved with the finding listed.
	bad := strings.Replace(body(completeSO2, 0), `"SEX": "M"}, "value": 80`, `"SEX": "M"}, "value": 180`, 1)
	code, got, raw := api.do("so2", "PUT", subPath, bad)
	if code != 200 || !strings.Contains(raw, `"rule":"R01"`) {
		t.Fatalf("PUT breaking a rule = %d %s; want saved with the R01 finding", code, raw)
	}
	_ = got
	code, _, raw = api.do("so2", "POST", subPath+"/submit", "")
	if code != 422 || !strings.Contains(raw, `"rule":"R01"`) {
		t.Fatalf("submit with an error = %d %s, want 422 naming R01", code, raw)
	}
	var status string
	s.deps.Pool.QueryRow(context.Background(), "SELECT status FROM submissions WHERE unit_code = 'SO2'").Scan(&status)
	if status != "draft" {
		t.Fatalf("status after refused submit = %s", status)
	}
}

func TestSubmissionAPI_IdempotencyKey(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	first, a, _ := api.do("so2", "PUT", subPath, body(completeSO2, 0), "Idempotency-Key", "abc-123")
	second, b, raw := api.do("so2", "PUT", subPath, body(completeSO2, 0), "Idempotency-Key", "abc-123")
	if first != 200 || second != 200 || a["revision"] != float64(1) || b["revision"] != float64(1) {
		t.Fatalf("retried PUT = %d then %d %s; want both 200 at revision 1", first, second, raw)
	}
}

func TestSubmissionAPI_ConcurrentPutsOneWins(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := strings.Replace(body(completeSO2, 0), "120", itoa(200+i), 1)
			codes[i], _, _ = api.do("so2", "PUT", subPath, b)
		}()
	}
	wg.Wait()
	if !(codes[0] == 200 && codes[1] == 409 || codes[0] == 409 && codes[1] == 200) {
		t.Fatalf("concurrent PUTs = %v, want one 200 and one 409", codes)
	}
	code, _, raw := api.do("so2", "GET", subPath+"/history", "")
	if code != 200 || strings.Count(raw, `"revision":`) != 1 {
		t.Fatalf("history = %s; want exactly the accepted write", raw)
	}
}
