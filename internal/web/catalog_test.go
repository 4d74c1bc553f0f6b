package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/postgres"
)

func saveMinimalCatalog(t *testing.T, s *Server) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := os.ReadFile("../catalog/testdata/minimal/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	c, err := catalog.Load(fsys, "minimal")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := postgres.SaveCatalog(context.Background(), s.deps.Pool, "minimal", c); err != nil {
		t.Fatal(err)
	}
}

// doAs sends a request with a fresh session of username.
func doAs(t *testing.T, s *Server, username, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Authorization", "Bearer "+mintSession(t, s, username))
	rec := httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	return rec
}

func TestServer_ListUnits(t *testing.T) {
	s, _ := newTestServer(t)
	if _, err := s.deps.Auth.EnsureUsers(context.Background(), []access.User{{Username: "staff", Role: access.RoleStaff}}, testPassword); err != nil {
		t.Fatal(err)
	}
	if rec := doAs(t, s, "staff", "GET", "/api/v1/units"); rec.Code != 404 {
		t.Fatalf("units before any catalog = %d, want 404", rec.Code)
	}
	saveMinimalCatalog(t, s)
	list := func(query string) []map[string]any {
		t.Helper()
		rec := doAs(t, s, "staff", "GET", "/api/v1/units"+query)
		var units []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &units); err != nil || rec.Code != 200 {
			t.Fatalf("units%s = %d %s (%v)", query, rec.Code, rec.Body, err)
		}
		return units
	}
	codes := func(units []map[string]any) string {
		var out []string
		for _, u := range units {
			out = append(out, u["code"].(string))
		}
		return strings.Join(out, " ")
	}
	// Today (2026 and later) SO1 and the district have ended.
	if got := codes(list("")); got != "TINH SO2" {
		t.Fatalf("units in force today = %q", got)
	}
	if got := codes(list("?on=2024-06-01")); got != "TINH SO1 SO2 HUYEN1" {
		t.Fatalf("units in force on 2024-06-01 = %q", got)
	}
	units := list("?history=1")
	if len(units) != 4 {
		t.Fatalf("%d units ever, want 4", len(units))
	}
	so1, so2 := units[1], units[2]
	if so1["code"] != "SO1" || so1["name"] != "Sở Một" || so1["kind"] != "department" || so1["parent"] != "TINH" ||
		so1["valid_from"] != "2024-01-01" || so1["valid_to"] != "2025-02-28" || so1["successor"] != "SO2" {
		t.Fatalf("SO1 = %v", so1)
	}
	if fmt.Sprint(so1["successors"]) != "[map[code:SO2 share:<nil>]]" || fmt.Sprint(so2["predecessors"]) != "[map[code:SO1 share:<nil>]]" {
		t.Fatalf("succession: SO1 → %v, SO2 ← %v", so1["successors"], so2["predecessors"])
	}
	if v, ok := units[0]["parent"]; !ok || v != nil {
		t.Fatalf("province parent = %v (present %v), want null", v, ok)
	}
	if rec := doAs(t, s, "staff", "GET", "/api/v1/units?on=2025-13-01"); rec.Code != 422 || !strings.Contains(rec.Body.String(), `"field":"on"`) {
		t.Fatalf("a bad day = %d %s, want 422 naming the field", rec.Code, rec.Body)
	}
}

func TestServer_ListIndicators(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	rec := doAs(t, s, "so2", "GET", "/api/v1/indicators")
	var inds []struct {
		Code          string `json:"code"`
		Name          string `json:"name"`
		UnitOfMeasure string `json:"unit_of_measure"`
		ValueType     string `json:"value_type"`
		Dimensions    []struct {
			Code    string `json:"code"`
			Options []struct {
				Code string `json:"code"`
				Name string `json:"name"`
			} `json:"options"`
		} `json:"dimensions"`
		Rate *struct {
			Numerator string  `json:"numerator"`
			Scale     float64 `json:"scale"`
		} `json:"rate"`
		Lead string `json:"lead"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &inds); err != nil || rec.Code != 200 {
		t.Fatalf("indicators = %d %s (%v)", rec.Code, rec.Body, err)
	}
	if len(inds) != 4 {
		t.Fatalf("%d indicators, want 4", len(inds))
	}
	bv01 := inds[0]
	if bv01.Code != "BV01" || bv01.UnitOfMeasure != "người" || bv01.ValueType != "count" || bv01.Lead != "SO1" ||
		len(bv01.Dimensions) != 1 || bv01.Dimensions[0].Code != "SEX" || len(bv01.Dimensions[0].Options) != 2 ||
		bv01.Dimensions[0].Options[1].Name != "Nữ" {
		t.Fatalf("BV01 = %+v", bv01)
	}
	gd01 := inds[3]
	if gd01.ValueType != "rate" || gd01.Rate == nil || gd01.Rate.Scale != 100 || len(gd01.Dimensions) != 0 {
		t.Fatalf("GD01 = %+v", gd01)
	}
}
