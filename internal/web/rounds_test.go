package web

import (
	"strings"
	"testing"
	"time"
)

func TestRoundsAPI_OpenAdhocAndProgress(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	api := apiClient{t, s}
	due := time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)
	tests := []struct {
		name, body, field string
	}{
		{"deadline in the past", `{"title":"Đột xuất","due_at":"2020-01-01T00:00:00Z","units":["SO2"],"indicators":["BV01"]}`, "due_at"},
		{"no units", `{"title":"Đột xuất","due_at":"` + due + `","units":[],"indicators":["BV01"]}`, "units"},
		{"unknown unit", `{"title":"Đột xuất","due_at":"` + due + `","units":["XYZ"],"indicators":["BV01"]}`, "units"},
		{"unknown indicator", `{"title":"Đột xuất","due_at":"` + due + `","units":["SO2"],"indicators":["XX99"]}`, "indicators"},
	}
	for _, tt := range tests {
		code, _, raw := api.do("staff", "POST", "/api/v1/rounds", tt.body)
		if code != 422 || !strings.Contains(raw, `"field":"`+tt.field+`"`) {
			t.Errorf("%s: = %d %s, want 422 naming %s", tt.name, code, raw, tt.field)
		}
	}
	code, got, raw := api.do("staff", "POST", "/api/v1/rounds",
		`{"title":"Báo cáo nhanh về trẻ em bị xâm hại","due_at":"`+due+`","units":["SO2"],"indicators":["BV03"]}`)
	if code != 201 || got["kind"] != "adhoc" || got["status"] != "open" || !strings.HasPrefix(got["code"].(string), "DX-") {
		t.Fatalf("open = %d %s", code, raw)
	}
	round := got["code"].(string)
	// The unit sees it and fills in only the indicators asked.
	code, sub, raw := api.do("so2", "GET", "/api/v1/rounds/"+round+"/submissions/SO2", "")
	if code != 200 || len(sub["values"].([]any)) != 3 {
		t.Fatalf("ad-hoc submission = %d %s; want BV03's three cells", code, raw)
	}
	if _, _, list := api.do("huyen1", "GET", "/api/v1/rounds", ""); strings.Contains(list, round) {
		t.Fatal("a unit not asked sees the ad-hoc round")
	}
	code, prog, raw := api.do("staff", "GET", "/api/v1/rounds/"+round+"/progress", "")
	if code != 200 || prog["expected"] != float64(1) || prog["missing"] != float64(1) || prog["submitted"] != float64(0) {
		t.Fatalf("progress = %d %s", code, raw)
	}
	code, _, raw = api.do("staff", "GET", "/api/v1/outbox", "")
	if code != 200 || !strings.Contains(raw, `"kind":"round_opened"`) || !strings.Contains(raw, `"unit":"SO2"`) {
		t.Fatalf("outbox = %d %s", code, raw)
	}
}
