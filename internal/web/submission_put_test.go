package web

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// TestDecodeSubmissionPut holds the PUT body's decoding to what docs/api.md
// promises: a body of the documented members becomes a change (each value
// kept as its JSON, for Apply to judge against its indicator); what is not
// JSON of that shape is 400; a member the API does not define, a missing
// revision or text PostgreSQL would refuse is 422 naming its field; a body
// over the limit is 413.
func TestDecodeSubmissionPut(t *testing.T) {
	s := &Server{deps: Deps{Logger: slog.New(slog.DiscardHandler)}}
	type want struct {
		status   int    // 0: decoded
		field    string // of a 422
		code     string // of a 422's detail
		revision int    // of a decoded body
		entries  int
	}
	big := `{"revision": 1, "narratives": {"a": "` + strings.Repeat("x", maxSubmissionBody) + `"}}`
	for _, tt := range []struct {
		body string
		want want
	}{
		{`{"revision": 3, "values": [{"indicator": "TQ01", "disaggregation": {"SEX": "M"}, "value": 1200},` +
			`{"indicator": "TQ03", "disaggregation": {}, "value": {"numerator": 980, "denominator": 1000}},` +
			`{"indicator": "QT02", "value": "Đã kiện toàn\n\"Ban\" chỉ đạo."}, {"value": null}, {}],` +
			` "narratives": {"KQ-II.1": "Đã triển khai.", "K\u0051": "x"}, "explanations": {}}`, want{revision: 3, entries: 5}},
		{` {"explanations":{"TQ01":"R\u00e0 so\u00e1t"},"narratives":{},"values":[],"revision":0} `, want{}},
		{`{"revision": -0, "values": [{"indicator": "X", "value": [1, {"a": [true, false, null]}, "\ud800"]}]}`, want{entries: 1}},
		{`{"revision": 1, "values": [{"value": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}]}`, want{revision: 1, entries: 1}},
		{`{"revision": 1, "revision": 2}`, want{revision: 2}},
		{`{"revision": 1, "values": [null]}`, want{revision: 1, entries: 1}},
		{`{"revision": null}`, want{status: 422, field: "revision", code: "required"}},
		{`{}`, want{status: 422, field: "revision", code: "required"}},
		{`null`, want{status: 422, field: "revision", code: "required"}},
		{`{"Revision": 1}`, want{status: 422, field: "Revision", code: codeUnknownField}},
		{`{"revision": 1, "values": [], "extra": {}, "another": 1}`, want{status: 422, field: "another", code: codeUnknownField}},
		{`{"revision": 1, "values": [{"indicator": "BV01"}, {"Indicator": "BV01"}]}`, want{status: 422, field: "values[1].Indicator", code: codeUnknownField}},
		{`{"revision": 1, "values": [{"indicator": "BV01", "valeu": 5}]}`, want{status: 422, field: "values[0].valeu", code: codeUnknownField}},
		{`{"revision": 1, "": {}}`, want{status: 422, field: `""`, code: codeUnknownField}},
		{`{"revision": 1, "VALUES": []}`, want{status: 422, field: "VALUES", code: codeUnknownField}},
		{`{"REVISION": null, "revision": 1}`, want{status: 422, field: "REVISION", code: codeUnknownField}},
		{`{"revision": 1, "Values": [], "values": []}`, want{status: 422, field: "Values", code: codeUnknownField}},
		{`{"revision": 1, "narratives": {}, "Narratives": "x"}`, want{status: 422, field: "Narratives", code: codeUnknownField}},
		{`{"reviſion": 1}`, want{status: 422, field: "reviſion", code: codeUnknownField}},
		{`{"revision": 1, "values": [{"di\u017faggregation": {}}]}`, want{status: 422, field: "values[0].diſaggregation", code: codeUnknownField}},
		{`{"revision": 1, "values": [{"indicator": "BV01", "value": 1, "VALUE": 2}]}`, want{status: 422, field: "values[0].VALUE", code: codeUnknownField}},
		{`{"revision": "1", "extra": 1}`, want{status: 422, field: "extra", code: codeUnknownField}},
		{`{"revision": 1, "narratives": {"": "\u0000"}}`, want{status: 422, field: `narratives.""`, code: codeNUL}},
		{`{"revision": 1, "values": [{}, {}, {}, {"value": "a\u0000"}]}`, want{status: 422, field: "values[3].value", code: codeNUL}},
		{`{"revision": 1, "narratives": {"KQ-II.1": "a\u0000b"}}`, want{status: 422, field: "narratives.KQ-II.1", code: codeNUL}},
		{"{\"revision\": 1, \"explanations\": {\"TQ01\": \"\xff\"}}", want{status: 422, field: "explanations.TQ01", code: codeNotUTF8}},
		{`{"revision": 1.0}`, want{status: 400}},
		{`{"revision": 1e2}`, want{status: 400}},
		{`{"revision": 01}`, want{status: 400}},
		{`{"revision": 99999999999999999999}`, want{status: 400}},
		{`{"revision": "1"}`, want{status: 400}},
		{`{"revision": 1, "values": [1]}`, want{status: 400}},
		{`{"revision": 1, "values": {}}`, want{status: 400}},
		{`{"revision": 1, "narratives": {"KQ-II.1": 1}}`, want{status: 400}},
		{`{"revision": 1, "values": [{"disaggregation": {"SEX": null}}]}`, want{revision: 1, entries: 1}},
		{`{"revision": 1, "values": [{"value": 1.}]}`, want{status: 400}},
		{`{"revision": 1, "values": [{"value": "\q"}]}`, want{status: 400}},
		{`{"revision": 1} {}`, want{status: 400}},
		{`{"revision": 1} x`, want{status: 400}},
		{`{"revision": 1`, want{status: 400}},
		{`{"revision": 1,}`, want{status: 400}},
		{`[]`, want{status: 400}},
		{``, want{status: 400}},
		{"\ufeff{\"revision\": 1}", want{status: 400}},
		{big, want{status: 413}},
		{`{"revision": 1}` + strings.Repeat(" ", maxSubmissionBody), want{status: 413}},
	} {
		rev, ch, err := decode([]byte(tt.body))
		name := tt.body[:min(len(tt.body), 80)]
		if err == nil {
			if tt.want.status != 0 || rev != tt.want.revision || len(ch.Entries) != tt.want.entries {
				t.Errorf("%s: decoded revision %d with %d entries, want %+v", name, rev, len(ch.Entries), tt.want)
			}
			for i, e := range ch.Entries {
				if e.Where != "values["+itoa(i)+"]" || !json.Valid(e.JSON) {
					t.Errorf("%s: entry %d at %q holds %q", name, i, e.Where, e.JSON)
				}
			}
			continue
		}
		status, out := failStatus(s, err)
		if status != tt.want.status {
			t.Errorf("%s: answered %d %s, want %d", name, status, out, tt.want.status)
			continue
		}
		if status == http.StatusUnprocessableEntity {
			e := apiErrorBody(t, out)
			detail, _ := e.Details[0].(map[string]any)
			if detailField(e) != tt.want.field || detail["code"] != tt.want.code {
				t.Errorf("%s: answered %s, want field %s code %s", name, out, tt.want.field, tt.want.code)
			}
		}
	}
}

// TestDecodeSubmissionPut_ValuesKeepTheirJSON: each value reaches Apply as
// the bytes the client sent, a missing one as null.
func TestDecodeSubmissionPut_ValuesKeepTheirJSON(t *testing.T) {
	_, ch, err := decode([]byte(`{"revision": 2, "values": [{"indicator": "TQ03", "disaggregation": {"A": "B"},` +
		` "value": {"numerator": 1, "denominator": null}}, {"indicator": "QT02", "value": "\u00e0\n"}, {"indicator": "QT01"}],` +
		` "narratives": {"x": "y"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`{"numerator": 1, "denominator": null}`, `"\u00e0\n"`, `null`}
	if len(ch.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(ch.Entries), len(want))
	}
	for i, e := range ch.Entries {
		if string(e.JSON) != want[i] {
			t.Errorf("entry %d holds %s, want %s", i, e.JSON, want[i])
		}
	}
	if ch.Entries[0].Disaggregation["A"] != "B" || ch.Narratives["x"] != "y" || ch.Explanations != nil {
		t.Errorf("change %+v", ch)
	}
}
