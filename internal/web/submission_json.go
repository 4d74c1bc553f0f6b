package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"baocao/internal/intake"
	"baocao/internal/submission"
)

// A submission as the API shows it is every cell of the form (hundreds),
// null where nothing is entered, with its narratives, explanations and
// findings. It was a map encoded by encoding/json, a tenth of a PUT's CPU;
// it is now written directly, byte for byte what that encoding wrote
// (submission_json_test.go compares them): the object's keys in sorted
// order, no HTML escaping, a final newline.

// answerBuffers keeps the buffers answers are written into: a full form's
// answer is about 15 KB, written on every GET and PUT.
var answerBuffers = sync.Pool{New: func() any { return new([]byte) }}

// writeSubmission answers 200 with the submission of v. Like writeJSON,
// it writes no body for what JSON cannot hold (no stored value can be
// such a number).
func writeSubmission(w http.ResponseWriter, v *intake.View) {
	buf := answerBuffers.Get().(*[]byte)
	defer answerBuffers.Put(buf)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	out, err := appendSubmissionJSON((*buf)[:0], v)
	if err != nil {
		return
	}
	*buf = out
	w.Write(out)
}

// appendSubmissionJSON appends the API's JSON of v and a newline.
func appendSubmissionJSON(dst []byte, v *intake.View) ([]byte, error) {
	dst = append(dst, `{"explanations":`...)
	dst = submission.AppendJSONStringMap(dst, v.Content.Explanations, false)
	dst = append(dst, `,"first_submitted_at":`...)
	dst, err := appendTime(dst, v.Sub.FirstSubmittedAt)
	if err != nil {
		return nil, err
	}
	dst = append(dst, `,"form":`...)
	dst = submission.AppendJSONString(dst, v.Sub.FormCode, false)
	dst = append(dst, `,"issues":[`...)
	for i, is := range v.Issues {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendIssue(dst, is)
	}
	dst = append(dst, `],"narratives":`...)
	dst = submission.AppendJSONStringMap(dst, v.Content.Narratives, false)
	dst = append(dst, `,"on_time":`...)
	if onTime := v.OnTime(); onTime == nil {
		dst = append(dst, "null"...)
	} else {
		dst = strconv.AppendBool(dst, *onTime)
	}
	dst = append(dst, `,"review_comment":`...)
	dst = submission.AppendJSONString(dst, v.Sub.ReviewComment, false)
	dst = append(dst, `,"revision":`...)
	dst = strconv.AppendInt(dst, int64(v.Sub.Revision), 10)
	dst = append(dst, `,"round":`...)
	dst = submission.AppendJSONString(dst, v.Round.Code, false)
	dst = append(dst, `,"standing":`...)
	dst = submission.AppendJSONString(dst, string(v.Standing()), false)
	dst = append(dst, `,"status":`...)
	dst = submission.AppendJSONString(dst, string(v.Sub.Status), false)
	dst = append(dst, `,"submitted_at":`...)
	if dst, err = appendTime(dst, v.Sub.SubmittedAt); err != nil {
		return nil, err
	}
	dst = append(dst, `,"unit":`...)
	dst = submission.AppendJSONString(dst, v.Sub.UnitCode, false)
	dst = append(dst, `,"values":[`...)
	for i, cell := range v.Spec.Cells() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"indicator":`...)
		dst = submission.AppendJSONString(dst, cell.Indicator, false)
		dst = append(dst, `,"disaggregation":`...)
		dst = submission.AppendJSONStringMap(dst, cell.Disaggregation, false)
		dst = append(dst, `,"value":`...)
		if dst, err = v.Content.Values[cell.Key].AppendAPIJSON(dst, false); err != nil {
			return nil, err
		}
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...), nil
}

// appendIssue appends a finding as encoding/json writes submission.Issue.
func appendIssue(dst []byte, is submission.Issue) []byte {
	dst = append(dst, '{')
	if is.Indicator != "" {
		dst = append(dst, `"indicator":`...)
		dst = submission.AppendJSONString(dst, is.Indicator, false)
		dst = append(dst, ',')
	}
	if len(is.Disaggregation) > 0 {
		dst = append(dst, `"disaggregation":`...)
		dst = submission.AppendJSONStringMap(dst, is.Disaggregation, false)
		dst = append(dst, ',')
	}
	if is.Section != "" {
		dst = append(dst, `"section":`...)
		dst = submission.AppendJSONString(dst, is.Section, false)
		dst = append(dst, ',')
	}
	if is.Rule != "" {
		dst = append(dst, `"rule":`...)
		dst = submission.AppendJSONString(dst, is.Rule, false)
		dst = append(dst, ',')
	}
	dst = append(dst, `"code":`...)
	dst = submission.AppendJSONString(dst, is.Code, false)
	dst = append(dst, `,"severity":`...)
	dst = submission.AppendJSONString(dst, is.Severity, false)
	dst = append(dst, `,"message":`...)
	dst = submission.AppendJSONString(dst, is.Message, false)
	if is.Explained {
		dst = append(dst, `,"explained":true`...)
	}
	return append(dst, '}')
}

// appendTime appends t as encoding/json writes it, null for nil.
func appendTime(dst []byte, t *time.Time) ([]byte, error) {
	if t == nil {
		return append(dst, "null"...), nil
	}
	at, err := t.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append(dst, at...), nil
}
