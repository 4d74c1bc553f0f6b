package web

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"baocao/internal/intake"
	"baocao/internal/postgres"
	"baocao/internal/submission"
)

// referenceSubmissionJSON is the API's submission as it was written before
// appendSubmissionJSON: a map for encoding/json.
func referenceSubmissionJSON(v *intake.View) map[string]any {
	type valueJSON struct {
		Indicator      string                    `json:"indicator"`
		Disaggregation submission.Disaggregation `json:"disaggregation"`
		Value          any                       `json:"value"`
	}
	values := make([]valueJSON, 0)
	for _, cell := range v.Spec.Cells() {
		d := cell.Disaggregation
		if d == nil {
			d = submission.Disaggregation{}
		}
		values = append(values, valueJSON{Indicator: cell.Indicator, Disaggregation: d, Value: v.Content.Values[cell.Key].JSON()})
	}
	issues := v.Issues
	if issues == nil {
		issues = []submission.Issue{}
	}
	nonNil := func(m map[string]string) map[string]string {
		if m == nil {
			return map[string]string{}
		}
		return m
	}
	return map[string]any{
		"round": v.Round.Code, "unit": v.Sub.UnitCode, "form": v.Sub.FormCode, "status": v.Sub.Status,
		"revision": v.Sub.Revision, "values": values, "narratives": nonNil(v.Content.Narratives),
		"explanations": nonNil(v.Content.Explanations), "issues": issues,
		"submitted_at": v.Sub.SubmittedAt, "on_time": v.OnTime(), "review_comment": v.Sub.ReviewComment,
		"first_submitted_at": v.Sub.FirstSubmittedAt, "standing": v.Standing(),
	}
}

func TestWriteSubmission_SameAsEncodingJSON(t *testing.T) {
	form := loadFuzzForm(t)
	at := time.Date(2026, 1, 15, 9, 30, 0, 123456789, time.FixedZone("ICT", 7*3600))
	odd := submission.NewContent()
	text := "<b>\"Kết quả\" & tồn tại</b>\n\t\u2028 \xff"
	odd.Values["QT02"] = submission.Value{Text: &text}
	odd.Narratives["KQ-II.1"] = text
	odd.Explanations["TQ01"] = text
	empty := submission.Content{}
	for i, c := range []submission.Content{form.full, odd, empty} {
		for _, previous := range []*submission.Basis{nil, submission.Own(form.spec, odd), {Split: text}} {
			v := &intake.View{Round: postgres.Round{Code: "NAM-2025"}, Spec: form.spec, Content: c,
				Sub: postgres.Submission{UnitCode: "RACHGIA", FormCode: "BM-HUYEN", Status: submission.StatusDraft, Revision: 7}}
			v.Issues = submission.Validate(form.spec, form.rules, c, previous)
			if i == 1 {
				v.Sub.Status, v.Sub.SubmittedAt, v.Sub.FirstSubmittedAt, v.Sub.ReviewComment = submission.StatusSubmitted, &at, &at, text
				v.Issues = append(v.Issues, submission.Issue{Indicator: "TQ01", Disaggregation: submission.Disaggregation{"SEX": "M"},
					Rule: "R<1>", Code: "rule", Severity: "warning", Message: text, Explained: true})
			}
			got := httptest.NewRecorder()
			writeSubmission(got, v)
			want := httptest.NewRecorder()
			writeJSON(want, 200, referenceSubmissionJSON(v))
			if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
				t.Fatalf("content %d:\n got %s\nwant %s", i, got.Body.Bytes(), want.Body.Bytes())
			}
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Fatalf("content %d: answered %d %v, before %d %v", i, got.Code, got.Header(), want.Code, want.Header())
			}
		}
	}
}
