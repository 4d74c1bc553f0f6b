package web

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"baocao/internal/domain"
)

func TestCheckJSONText(t *testing.T) {
	tests := []struct {
		body, field, code string
	}{
		{`{"a":"x","b":"y"}`, "", ""},
		{`{"a":"\\u0000"}`, "", ""}, // a backslash, then "u0000": no NUL
		{`{"a":"\ufffd"}`, "", ""},  // the replacement character is text
		{`{"a":"x\u0000"}`, "a", codeNUL},
		{`{"values":[{"value":"ok"},{"value":"\u0000"}]}`, "values[1].value", codeNUL},
		{`{"a":[1,{"b":[2,3]}],"c":{"d":"\u0000"}}`, "c.d", codeNUL},
		{`{"n":{"K\u0000":"v"}}`, "n.K\ufffd", codeNUL},
		{`["a","b\u0000"]`, "[1]", codeNUL},
		{`"\u0000"`, "body", codeNUL},
		{`{"big":1e999,"b":"\u0000"}`, "b", codeNUL},
		{"{\"narratives\":{\"KQ\":\"ab\xffcd\"}}", "narratives.KQ", codeNotUTF8},
		{"{\"a\":\"\xc3\xa0\",\"\xff\":1}", "\ufffd", codeNotUTF8},
		{"{\"values\":[{\"value\":\"\xed\xa0\x80\"}]}", "values[0].value", codeNotUTF8}, // a surrogate in UTF-8
	}
	for _, tt := range tests {
		err := checkJSONText([]byte(tt.body))
		var fe *domain.FieldError
		if tt.code == "" {
			if err != nil {
				t.Errorf("%q: %v, want nil", tt.body, err)
			}
			continue
		}
		if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code {
			t.Errorf("%q: %v, want %s naming %q", tt.body, err, tt.code, tt.field)
		}
	}
}

func TestPatternWildcards(t *testing.T) {
	for pattern, want := range map[string][]string{
		"GET /{$}": nil,
		"GET /api/v1/rounds/{round}/submissions/{unit}":  {"round", "unit"},
		"POST /rounds/{round}/reports/{number}/dispatch": {"round", "number"},
		"GET /files/{path...}":                           {"path"},
		"/admin/jobs/":                                   nil,
	} {
		if got := patternWildcards(pattern); !reflect.DeepEqual(got, want) {
			t.Errorf("patternWildcards(%q) = %q, want %q", pattern, got, want)
		}
	}
}

// TestBadText_Refused sends NUL characters and bytes that are not UTF-8
// in each place a request carries text. Each is refused before the
// handler, naming the field, and nothing is written: PostgreSQL refuses
// such text, which answered 500 before.
func TestBadText_Refused(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	if code, _, raw := api.do("so2", "PUT", subPath, body(completeSO2, 0)); code != 200 {
		t.Fatalf("setup PUT = %d %s", code, raw)
	}
	ctx := context.Background()
	count := func(q string) int {
		var n int
		if err := s.deps.Pool.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	audits := count("SELECT count(*) FROM audit_log")

	apiTests := []struct {
		name, user, method, path, body string
		header                         []string
		want                           int
		field, code                    string
	}{
		{"NUL in a narrative", "so2", "PUT", subPath, `{"revision":1,"narratives":{"KQ-II.1":"ab\u0000cd"}}`, nil, 422, "narratives.KQ-II.1", codeNUL},
		{"NUL in a value, body off the fast path", "so2", "PUT", subPath,
			`{"revision":1,"revision":1,"values":[{"indicator":"QT02","disaggregation":{},"value":"x\u0000"}]}`, nil, 422, "values[0].value", codeNUL},
		{"not UTF-8 in a narrative", "so2", "PUT", subPath, "{\"revision\":1,\"narratives\":{\"KQ-II.1\":\"ab\xffcd\"}}", nil, 422, "narratives.KQ-II.1", codeNotUTF8},
		{"not UTF-8 in an Idempotency-Key", "so2", "PUT", subPath, body(completeSO2, 1), []string{"Idempotency-Key", "k\xff"}, 422, "Idempotency-Key", codeNotUTF8},
		{"round code not UTF-8", "staff", "GET", "/api/v1/rounds/%ff/progress", "", nil, 404, "", "not_found"},
		{"unit code with NUL", "staff", "GET", "/api/v1/rounds/NAM-2024/submissions/SO2%00", "", nil, 404, "", "not_found"},
		{"NUL in a query parameter", "staff", "GET", "/api/v1/outbox?unit=%00", "", nil, 422, "unit", codeNUL},
		{"not UTF-8 in a query parameter", "staff", "GET", "/api/v1/units?on=%ff", "", nil, 422, "on", codeNotUTF8},
		{"NUL in a user name", "", "POST", "/api/v1/login", `{"username":"admin\u0000","password":"` + testPassword + `"}`, nil, 422, "username", codeNUL},
		{"not UTF-8 in a user name", "", "POST", "/api/v1/login", "{\"username\":\"admin\xff\",\"password\":\"x\"}", nil, 422, "username", codeNotUTF8},
	}
	for _, tt := range apiTests {
		code, _, raw := api.do(tt.user, tt.method, tt.path, tt.body, tt.header...)
		e := apiErrorBody(t, raw)
		if code != tt.want || (tt.field != "" && (detailField(e) != tt.field || e.Code != "invalid" || !strings.Contains(raw, `"code":"`+tt.code+`"`))) ||
			(tt.field == "" && e.Code != tt.code) {
			t.Errorf("%s: = %d %s, want %d naming %q (%s)", tt.name, code, raw, tt.want, tt.field, tt.code)
		}
	}

	// The web form and the sign-in page: a page in Vietnamese, not JSON.
	form := completeForm("1")
	form.Set("n|KQ-II.1", "ab\x00cd")
	rec := postForm(t, s, "so2", pagePath, form)
	if rec.Code != 422 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(rec.Body.String(), "ký tự NUL") {
		t.Errorf("form with NUL = %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	req := httptest.NewRequest("POST", "/login", strings.NewReader("username=admin%00&password="+testPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec = httptest.NewRecorder()
	checked(t, s).ServeHTTP(rec, req)
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "ký tự NUL") {
		t.Errorf("sign-in form with NUL = %d %s", rec.Code, rec.Body)
	}

	// A multipart upload: its text fields and its file's name.
	for _, tt := range []struct{ name, disposition string }{
		{"text field", `form-data; name="note"`},
		{"file name", "form-data; name=\"file\"; filename=\"bi\xffeu.xlsx\""},
	} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		pw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {tt.disposition}})
		pw.Write([]byte("ab\xffcd"))
		mw.Close()
		req := httptest.NewRequest("POST", subPath+"/form.xlsx", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+mintSession(t, s, "so2"))
		rec := httptest.NewRecorder()
		checked(t, s).ServeHTTP(rec, req)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"code":"`+codeNotUTF8+`"`) {
			t.Errorf("multipart %s not UTF-8 = %d %s", tt.name, rec.Code, rec.Body)
		}
	}

	if n := storedRevision(t, s); n != 1 {
		t.Errorf("revision after the refusals = %d, want 1", n)
	}
	if n := count("SELECT count(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'admin')"); n != 1 {
		t.Errorf("admin has %d sessions, want the one principals opened", n)
	}
	if n := count("SELECT count(*) FROM audit_log"); n != audits {
		t.Errorf("the refusals wrote %d audit entries", n-audits)
	}
	if n := count("SELECT count(*) FROM login_failures"); n != 0 {
		t.Errorf("the refused sign-ins were counted: %d", n)
	}
	if n := count("SELECT count(*) FROM uploads"); n != 0 {
		t.Errorf("a refused upload was stored")
	}
}

// TestBadText_FormFieldsAreNamedInOrder makes the refusal deterministic
// when several fields are bad.
func TestBadText_FormFieldsAreNamedInOrder(t *testing.T) {
	err := checkValues(url.Values{"z": {"\x00"}, "b": {"ok", "\xff"}, "a": {"ok"}})
	var fe *domain.FieldError
	if !errors.As(err, &fe) || fe.Field != "b" || fe.Code != codeNotUTF8 {
		t.Fatalf("checkValues = %v, want b named", err)
	}
}
