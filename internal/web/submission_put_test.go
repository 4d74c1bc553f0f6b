package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"baocao/internal/access"
	"baocao/internal/submission"
)

// referenceDecode is decodeSubmissionPut as it was before putReader:
// encoding/json alone, then the check of the members' names. The fast
// reader must give exactly what it gives.
func referenceDecode(body []byte) (int, submission.Change, error) {
	r := httptest.NewRequest(http.MethodPut, "/api/v1/rounds/NAM-2025/submissions/RACHGIA", bytes.NewReader(body))
	var put submissionPut
	if err := decodeJSON(httptest.NewRecorder(), r, maxSubmissionBody, &put); err != nil {
		return 0, submission.Change{}, err
	}
	if err := checkPutMembers(body); err != nil {
		return 0, submission.Change{}, err
	}
	if put.Revision == nil {
		return 0, submission.Change{}, &access.FieldError{Field: "revision", Code: "required"}
	}
	ch := submission.Change{Narratives: put.Narratives, Explanations: put.Explanations}
	for i, val := range put.Values {
		raw := val.Value
		if raw == nil {
			raw = json.RawMessage("null")
		}
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: val.Indicator, Disaggregation: val.Disaggregation,
			JSON: raw, Where: "values[" + itoa(i) + "]"})
	}
	return *put.Revision, ch, nil
}

// sameDecoding fails t when the API's decoding of body differs from
// encoding/json's in any way: revision, change (nil and empty maps told
// apart, each value's bytes), or the answer to a refusal.
func sameDecoding(t *testing.T, body []byte) {
	t.Helper()
	s := &Server{deps: Deps{Logger: slog.New(slog.DiscardHandler)}}
	rev, ch, err := decode(body)
	wantRev, wantCh, wantErr := referenceDecode(body)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: error %v, encoding/json's %v", body, err, wantErr)
	}
	if err != nil {
		gotStatus, gotOut := failStatus(s, err)
		wantStatus, wantOut := failStatus(s, wantErr)
		if gotStatus != wantStatus || gotOut != wantOut {
			t.Fatalf("%q: answered %d %s, encoding/json's %d %s", body, gotStatus, gotOut, wantStatus, wantOut)
		}
		return
	}
	if len(ch.Entries) == 0 {
		ch.Entries = nil // capacity reserved for none
	}
	if rev != wantRev || !reflect.DeepEqual(ch, wantCh) {
		t.Fatalf("%q: decoded\n%d %#v\nencoding/json\n%d %#v", body, rev, ch, wantRev, wantCh)
	}
}

func TestDecodeSubmissionPut_SameAsEncodingJSON(t *testing.T) {
	form := loadFuzzForm(t)
	bodies := []string{
		`{"revision": 3, "values": [{"indicator": "TQ01", "disaggregation": {"SEX": "M"}, "value": 1200},` +
			`{"indicator": "TQ03", "disaggregation": {}, "value": {"numerator": 980, "denominator": 1000}},` +
			`{"indicator": "QT02", "value": "Đã kiện toàn\n\"Ban\" chỉ đạo."}, {"value": null}, {}],` +
			` "narratives": {"KQ-II.1": "Đã triển khai.", "K\u0051": "x"}, "explanations": {}}`,
		` {"revision":0,"values":[],"narratives":{},"explanations":{"TQ01":"R\u00e0 so\u00e1t"}} `,
		`{"revision": -0, "values": [{"indicator": "X", "value": [1, {"a": [true, false, null]}, "\ud800"]}]}`,
		`{"revision": 1}`, `{"revision": null}`, `{}`, `{"revision": 1.0}`, `{"revision": 1e2}`, `{"revision": 01}`,
		`{"revision": 99999999999999999999}`, `{"revision": "1"}`, `{"Revision": 1}`, `{"revision": 1, "extra": {}}`,
		`{"revision": 1, "revision": 2}`, `{"revision": 1, "values": null}`, `{"revision": 1, "narratives": null}`,
		`{"revision": 1, "values": [null]}`, `{"revision": 1, "values": [{"indicator": null}]}`,
		`{"revision": 1, "values": [{"disaggregation": null}]}`, `{"revision": 1, "values": [{"disaggregation": {"A": null}}]}`,
		`{"revision": 1, "values": [{"indicator": "A", "indicator": "B"}]}`, `{"revision": 1, "narratives": {"a": "1", "a": "2"}}`,
		`{"revision": 1, "values": [{"value": 1.}]}`, `{"revision": 1, "values": [{"value": -}]}`, `{"revision": 1, "values": [{"value": 1e}]}`,
		`{"revision": 1, "values": [{"value": tru}]}`, `{"revision": 1, "values": [{"value": "\x01"}]}`, `{"revision": 1, "values": [{"value": "\q"}]}`,
		`{"revision": 1, "values": [{"value": "\u12"}]}`, "{\"revision\": 1, \"narratives\": {\"\xff\": \"\xfe\"}}",
		`{"revision": 1} {}`, `{"revision": 1} x`, `{"revision": 1`, `{"revision": 1,}`, `{"revision": 1, "values": [1,]}`,
		`[]`, ``, `null`, "\ufeff{\"revision\": 1}", `{"revision": 1, "values": [{"value": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}]}`,
	}
	for _, b := range bodies {
		sameDecoding(t, []byte(b))
	}
	sameDecoding(t, putBody(t, form.spec, form.full, 7))
	// Bodies as clients write them take the fast way.
	for _, b := range [][]byte{putBody(t, form.spec, form.full, 7), []byte(bodies[0]), []byte(bodies[1]), []byte(bodies[2])} {
		var put submissionPut
		if !(&putReader{data: b}).read(&put) {
			t.Fatalf("putReader does not take %.100q", b)
		}
	}
	big := `{"revision": 1, "narratives": {"a": "` + strings.Repeat("x", maxSubmissionBody) + `"}}`
	sameDecoding(t, []byte(big))
	sameDecoding(t, []byte(`{"revision": 1}`+strings.Repeat(" ", maxSubmissionBody)))
	// The fuzz corpus of the decoder is the nastiest input at hand.
	seeds, _ := filepath.Glob("testdata/fuzz/FuzzDecodeSubmissionPut/*")
	for _, f := range seeds {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body, err := fuzzBytes(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sameDecoding(t, body)
	}
}

// fuzzBytes reads the []byte of a one-value "go test fuzz v1" file.
func fuzzBytes(raw []byte) ([]byte, error) {
	_, rest, _ := bytes.Cut(raw, []byte("\n"))
	rest = bytes.TrimSpace(rest)
	rest = bytes.TrimSuffix(bytes.TrimPrefix(rest, []byte("[]byte(")), []byte(")"))
	s, err := strconv.Unquote(string(rest))
	return []byte(s), err
}

// FuzzDecodeSubmissionPutSame compares the API's decoding with
// encoding/json's on any body.
func FuzzDecodeSubmissionPutSame(f *testing.F) {
	form := loadFuzzForm(f)
	f.Add(putBody(f, form.spec, form.full, 7)[:2000])
	f.Add([]byte(`{"revision": 3, "values": [{"indicator": "TQ03", "disaggregation": {"A": "B"}, "value": {"numerator": 1}}], "narratives": {"x": "y\n"}}`))
	f.Add([]byte(`{"revision": 1, "values": [{"value": [1, {"a": "\u00e0"}]}], "explanations": {"T": ""}} `))
	f.Fuzz(func(t *testing.T, body []byte) {
		sameDecoding(t, body)
	})
}

// TestDecodeSubmissionPut_MutatedBodiesSameAsEncodingJSON breaks bodies
// as clients write them in random places: every result must still be
// encoding/json's.
func TestDecodeSubmissionPut_MutatedBodiesSameAsEncodingJSON(t *testing.T) {
	form := loadFuzzForm(t)
	full := putBody(t, form.spec, form.full, 7)
	seeds := [][]byte{full[:600], []byte(`{"revision": 3, "values": [{"indicator": "TQ03", "disaggregation": {"A": "B"},` +
		` "value": {"numerator": 1, "denominator": null}}, {"value": [1e-3, "\u00e0\n"]}], "narratives": {"x": "y"}, "explanations": {}}`)}
	pieces := []string{`"`, `\`, `{`, `}`, `[`, `]`, `,`, `:`, ` `, `null`, `-`, `0`, `1`, `.`, `e`, `\u`, "\xff", `"revision"`, `"value"`, `true`}
	r := rand.New(rand.NewPCG(8, 2025))
	for range 20000 {
		body := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for range 1 + r.IntN(3) {
			at := r.IntN(len(body) + 1)
			switch r.IntN(3) {
			case 0:
				body = append(body[:at], append([]byte(pieces[r.IntN(len(pieces))]), body[at:]...)...)
			case 1:
				if at < len(body) {
					body = append(body[:at], body[at+1:]...)
				}
			case 2:
				if at < len(body) {
					body[at] = pieces[r.IntN(len(pieces))][0]
				}
			}
		}
		sameDecoding(t, body)
	}
}
