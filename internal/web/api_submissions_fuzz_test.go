package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"baocao/internal/catalog"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/intake"
	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// fuzzForm is the district form of the seed catalog with a district's
// complete demo content, the bases a fuzzed PUT is applied to.
type fuzzForm struct {
	spec  *submission.FormSpec
	rules []catalog.Rule
	full  submission.Content
}

func loadFuzzForm(tb testing.TB) fuzzForm {
	tb.Helper()
	c, err := catalogs.LoadSeed()
	if err != nil {
		tb.Fatal(err)
	}
	var form catalog.Form
	for _, f := range c.Forms {
		if f.Code == "BM-HUYEN" {
			form = f
		}
	}
	spec := submission.BuildForm(c, form)
	snap := consolidatetest.DemoSnapshot(tb)
	const unit = "RACHGIA"
	full := submission.NewContent()
	for _, cell := range snap.Cells {
		if _, ok := spec.Cell(cell.Key); ok {
			if v, ok := cell.Units[unit]; ok {
				full.Values[cell.Key] = v
			}
		}
	}
	for _, n := range snap.Narratives {
		if n.Unit == unit {
			full.Narratives[n.Section] = n.Text
		}
	}
	if got, want := len(full.Values), len(spec.Cells()); got != want || len(full.Narratives) != len(spec.Narratives) {
		tb.Fatalf("demo snapshot fills %d of %d cells and %d of %d narratives of %s's form",
			got, want, len(full.Narratives), len(spec.Narratives), unit)
	}
	return fuzzForm{spec: spec, rules: c.Rules, full: full}
}

// FuzzDecodeSubmissionPut sends fuzzed bodies through the API's decoding
// of PUT .../submissions/{unit}, then applies and validates the change on
// the district form of the seed catalog, empty and filled. A body is either
// refused as checkRefusal says or becomes a change; a change is either
// refused whole, every entry's problem with a Vietnamese message, or gives
// content holding only cells of the form that survives the API's own GET →
// PUT round trip; validation never panics and says the same twice.
func FuzzDecodeSubmissionPut(f *testing.F) {
	form := loadFuzzForm(f)
	// The complete form goes through the round trip once here; as a seed
	// it would be large, and the fuzzer spends up to a minute minimizing
	// each new input derived from a large one.
	if _, ch, err := decode(putBody(f, form.spec, form.full, 7)); err != nil {
		f.Fatal(err)
	} else if got, errs := submission.Apply(form.spec, submission.NewContent(), ch); len(errs) > 0 || mustJSON(f, got) != mustJSON(f, form.full) {
		f.Fatalf("the complete demo form does not survive the API round trip: %+v", errs)
	}
	f.Add([]byte(`{"revision": 3, "values": [` +
		`{"indicator": "TQ01", "disaggregation": {"SEX": "M", "AGE": "TU_0_DUOI_6"}, "value": 1200},` +
		`{"indicator": "BV01", "disaggregation": {}, "value": 35},` +
		`{"indicator": "TQ03", "disaggregation": {}, "value": {"numerator": 980, "denominator": 1000}},` +
		`{"indicator": "QT01", "disaggregation": {}, "value": true},` +
		`{"indicator": "QT02", "disaggregation": {}, "value": "Đã kiện toàn Ban chỉ đạo."},` +
		`{"indicator": "NL01", "disaggregation": {"FUND_SOURCE": "NGAN_SACH"}, "value": 1250.5}],` +
		` "narratives": {"KQ-II.1": "Đã triển khai kế hoạch."}, "explanations": {"TQ01": "Rà soát lại."}}`))
	f.Add([]byte(`{"revision": 0, "values": [` +
		`{"indicator": "TQ01", "disaggregation": {"SEX": "M"}, "value": 1.5},` +
		`{"indicator": "TQ03", "disaggregation": {}, "value": {"numerator": -1, "denominator": "x"}},` +
		`{"indicator": "BV03", "disaggregation": {"SEX": "X"}, "value": "12"},` +
		`{"indicator": "QT01", "disaggregation": {"SEX": "M"}, "value": null},` +
		`{"indicator": "NOPE", "value": 1}], "narratives": {"NOPE": "x"}, "explanations": {"QT02": "  "}}`))
	f.Add([]byte(`{"revision": 1, "values": [{"indicator": "VH01", "value": {"numerator": 3}},` +
		` {"indicator": "VH01", "disaggregation": {}, "value": {"denominator": 4}}]}`))
	f.Add([]byte(`{"values": []}`))
	f.Add([]byte(`{"revision": 1} {}`))
	s := &Server{deps: Deps{Logger: slog.New(slog.DiscardHandler)}}
	f.Fuzz(func(t *testing.T, body []byte) {
		rev, ch, err := decode(body)
		if err != nil {
			checkRefusal(t, s, body, err)
			return
		}
		if rev2, ch2, err2 := decode(body); err2 != nil || rev2 != rev || !reflect.DeepEqual(ch2, ch) {
			t.Fatalf("the same body decoded twice differs")
		}
		for _, base := range []submission.Content{submission.NewContent(), form.full} {
			checkApply(t, s, form, base, ch)
		}
	})
}

// checkRefusal fails t unless err is answered as docs/api.md says: 413
// for a body over the limit and only then, 400 for what is not JSON of
// the body's shape, else 422 naming the field at fault with a code and a
// message in Vietnamese.
func checkRefusal(t *testing.T, s *Server, body []byte, err error) {
	t.Helper()
	status, out := failStatus(s, err)
	if tooBig := len(body) > maxSubmissionBody; tooBig != (status == http.StatusRequestEntityTooLarge) {
		t.Fatalf("a body of %d bytes answered %d: %s", len(body), status, out)
	}
	switch status {
	case http.StatusRequestEntityTooLarge:
	case http.StatusBadRequest:
		if json.Unmarshal(body, new(submissionPut)) == nil {
			t.Fatalf("a body of the documented shape answered 400: %s", out)
		}
	case http.StatusUnprocessableEntity:
		var resp struct {
			Error struct {
				Message string `json:"message"`
				Details []struct {
					Field, Code, Message string
				} `json:"details"`
			} `json:"error"`
		}
		if json.Unmarshal([]byte(out), &resp) != nil || len(resp.Error.Details) != 1 {
			t.Fatalf("422 without one detail: %s", out)
		}
		d := resp.Error.Details[0]
		if d.Field == "" || d.Code == "" || d.Message == "" || !utf8.ValidString(d.Field) || !utf8.ValidString(d.Message) {
			t.Fatalf("422 not naming a field with its code and message: %s", out)
		}
	default:
		t.Fatalf("decode error %v answered %d: %s", err, status, out)
	}
}

func decode(body []byte) (int, submission.Change, error) {
	r := httptest.NewRequest(http.MethodPut, "/api/v1/rounds/NAM-2025/submissions/RACHGIA", bytes.NewReader(body))
	return decodeSubmissionPut(httptest.NewRecorder(), r)
}

// failStatus is the status and body the API answers err with.
func failStatus(s *Server, err error) (int, string) {
	rec := httptest.NewRecorder()
	s.fail(rec, httptest.NewRequest(http.MethodPut, "/api/v1/rounds/NAM-2025/submissions/RACHGIA", nil), err)
	return rec.Code, rec.Body.String()
}

var entryCodes = map[string]bool{
	submission.ErrUnknownIndicator: true, submission.ErrUnknownDimension: true, submission.ErrUnknownOption: true,
	submission.ErrMissingDimension: true, submission.ErrWrongType: true, submission.ErrNegative: true,
	submission.ErrFraction: true, submission.ErrTooLong: true, submission.ErrUnknownNarrative: true,
	submission.ErrDuplicate: true,
}

func checkApply(t *testing.T, s *Server, form fuzzForm, base submission.Content, ch submission.Change) {
	t.Helper()
	before := mustJSON(t, base)
	got, errs := submission.Apply(form.spec, base, ch)
	got2, errs2 := submission.Apply(form.spec, base, ch)
	if mustJSON(t, base) != before {
		t.Fatalf("Apply changed its base content")
	}
	if mustJSON(t, got) != mustJSON(t, got2) || !reflect.DeepEqual(errs, errs2) {
		t.Fatalf("Apply of the same change differs")
	}
	if len(errs) > 0 {
		checkValueErrors(t, s, got, errs)
		return
	}
	for k := range got.Values {
		if _, ok := form.spec.Cell(k); !ok {
			t.Fatalf("Apply stored %s, not a cell of the form", k)
		}
	}
	for k := range got.Narratives {
		if !form.spec.HasNarrative(k) {
			t.Fatalf("Apply stored narrative %q, not one of the form", k)
		}
	}
	for k := range got.Explanations {
		if _, ok := form.spec.Indicator(k); !ok {
			t.Fatalf("Apply stored an explanation for %q, not an indicator of the form", k)
		}
	}
	// What GET shows, PUT back onto nothing, is the same content.
	_, back, err := decode(putBody(t, form.spec, got, 1))
	if err != nil {
		t.Fatalf("the API's own body is refused: %v", err)
	}
	again, errs := submission.Apply(form.spec, submission.NewContent(), back)
	if len(errs) > 0 {
		t.Fatalf("the API's own body has bad values: %+v", errs)
	}
	if a, b := mustJSON(t, again), mustJSON(t, got); a != b {
		t.Fatalf("round trip changed the content:\n%s\n---\n%s", b, a)
	}
	for _, prev := range []*submission.Basis{nil, submission.Own(form.spec, form.full), {Split: "Huyện Hai"}} {
		issues := submission.Validate(form.spec, form.rules, got, prev)
		if !reflect.DeepEqual(issues, submission.Validate(form.spec, form.rules, got, prev)) {
			t.Fatalf("Validate of the same content differs")
		}
		for _, i := range issues {
			if (i.Severity != catalog.SeverityError && i.Severity != catalog.SeverityWarning && i.Severity != submission.SeverityInfo) ||
				i.Message == "" || i.Message == i.Code {
				t.Fatalf("finding without severity or message: %+v", i)
			}
		}
	}
}

func checkValueErrors(t *testing.T, s *Server, got submission.Content, errs []submission.ValueError) {
	t.Helper()
	if got.Values != nil || got.Narratives != nil || got.Explanations != nil {
		t.Fatalf("Apply returned content with %d errors", len(errs))
	}
	for _, e := range errs {
		if !entryCodes[e.Code] || e.Message == "" || e.Message == e.Code || !utf8.ValidString(e.Message) {
			t.Fatalf("value error without a known code and message: %+v", e)
		}
		if (e.Where == "") == (e.Field == "") || (e.Where != "" && !strings.HasPrefix(e.Where, "values[")) {
			t.Fatalf("value error located neither at a value nor at a field: %+v", e)
		}
	}
	status, out := failStatus(s, &intake.ValuesError{Errors: errs})
	var resp struct {
		Error struct {
			Code    string           `json:"code"`
			Details []map[string]any `json:"details"`
		} `json:"error"`
	}
	if status != http.StatusUnprocessableEntity || json.Unmarshal([]byte(out), &resp) != nil ||
		resp.Error.Code != "invalid_values" || len(resp.Error.Details) != len(errs) {
		t.Fatalf("value errors answered %d: %s", status, out)
	}
}

// putBody is a PUT body holding every cell of spec as GET shows it.
func putBody(tb testing.TB, spec *submission.FormSpec, c submission.Content, rev int) []byte {
	tb.Helper()
	type value struct {
		Indicator      string                    `json:"indicator"`
		Disaggregation submission.Disaggregation `json:"disaggregation"`
		Value          any                       `json:"value"`
	}
	body := struct {
		Revision     int               `json:"revision"`
		Values       []value           `json:"values"`
		Narratives   map[string]string `json:"narratives"`
		Explanations map[string]string `json:"explanations"`
	}{Revision: rev, Narratives: c.Narratives, Explanations: c.Explanations}
	for _, cell := range spec.Cells() {
		body.Values = append(body.Values, value{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, Value: c.Values[cell.Key].JSON()})
	}
	out, err := json.Marshal(body)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(out)
}
