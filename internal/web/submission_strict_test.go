package web

import (
	"strings"
	"testing"
)

// TestSubmissionAPI_UnknownMembersRefused: a member the API does not
// define was dropped in silence (a misspelt "values" saved nothing and
// answered 200); it is refused, named, and nothing is saved.
func TestSubmissionAPI_UnknownMembersRefused(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	if code, _, raw := api.do("so2", "PUT", subPath, body(completeSO2, 0)); code != 200 {
		t.Fatalf("setup PUT = %d %s", code, raw)
	}
	_, _, snapshot := api.do("so2", "GET", subPath, "")
	for _, tt := range []struct{ body, field string }{
		{`{"revision":1,"valuez":[]}`, "valuez"},
		{`{"Revision":1,"values":[]}`, "Revision"}, // names are exact, as documented
		{`{"revision":1,"values":[{"indicator":"BV01","disaggregation":{"SEX":"M"},"valeu":5}]}`, "values[0].valeu"},
		{`{"revision":1,"values":[],"narratives":{},"note":"x","extra":1}`, "extra"},
	} {
		code, _, raw := api.do("so2", "PUT", subPath, tt.body)
		e := apiErrorBody(t, raw)
		if code != 422 || e.Code != "invalid" || detailField(e) != tt.field || !strings.Contains(raw, `"code":"unknown_field"`) {
			t.Errorf("%s = %d %s, want 422 naming %s", tt.body, code, raw, tt.field)
		}
	}
	if _, _, now := api.do("so2", "GET", subPath, ""); now != snapshot {
		t.Fatalf("a refused PUT changed the submission")
	}
	// The documented members, in any order, still save.
	code, got, raw := api.do("so2", "PUT", subPath, `{"explanations":{},"narratives":{"KQ-II.1":"Đã rà soát."},"values":[],"revision":1}`)
	if code != 200 || got["revision"] != float64(2) {
		t.Fatalf("PUT with every documented member = %d %s", code, raw)
	}
}

// TestSubmissionAPI_StaleRevisionNamesTheCurrent: the 409 carries the
// revision to read again, so a client need not ask for it.
func TestSubmissionAPI_StaleRevisionNamesTheCurrent(t *testing.T) {
	s, _ := newTestServer(t)
	principals(t, s)
	openRound(t, s)
	api := apiClient{t, s}
	for rev := range 3 {
		if code, _, raw := api.do("so2", "PUT", subPath, strings.Replace(body(completeSO2, rev), "120", itoa(121+rev), 1)); code != 200 {
			t.Fatalf("PUT %d = %d %s", rev, code, raw)
		}
	}
	code, _, raw := api.do("so2", "PUT", subPath, body(completeSO2, 1))
	e := apiErrorBody(t, raw)
	if code != 409 || e.Code != "conflict" || e.CurrentRevision == nil || *e.CurrentRevision != 3 || !strings.Contains(e.Message, "phiên bản hiện tại là 3") {
		t.Fatalf("stale PUT = %d %s, want 409 with current_revision 3", code, raw)
	}
	if n := storedRevision(t, s); n != 3 {
		t.Fatalf("revision after the stale PUT = %d, want 3", n)
	}
	// Other conflicts carry no revision.
	code, _, raw = api.do("staff", "POST", subPath+"/review", `{"decision":"accept"}`)
	if code != 409 || strings.Contains(raw, "current_revision") {
		t.Fatalf("review of a draft = %d %s", code, raw)
	}
}
