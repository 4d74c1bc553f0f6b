package web

import (
	"encoding/json"
	"net/http"

	"baocao/internal/access"
	"baocao/internal/submission"
)

// maxSubmissionBody bounds a PUT of a submission.
const maxSubmissionBody = 2 << 20

// submissionPut is the body of a PUT of a submission.
type submissionPut struct {
	Revision     *int              `json:"revision"`
	Values       []putValueJSON    `json:"values"`
	Narratives   map[string]string `json:"narratives"`
	Explanations map[string]string `json:"explanations"`
}

type putValueJSON struct {
	Indicator      string                    `json:"indicator"`
	Disaggregation submission.Disaggregation `json:"disaggregation"`
	Value          json.RawMessage           `json:"value"`
}

// decodeSubmissionPut reads a PUT body into the revision it was based on
// and the change it asks for: encoding/json into submissionPut, then the
// check that it has only the members above, by their exact names.
func decodeSubmissionPut(w http.ResponseWriter, r *http.Request) (int, submission.Change, error) {
	var body submissionPut
	data, err := readJSONBody(w, r, maxSubmissionBody, &body)
	if err != nil {
		return 0, submission.Change{}, err
	}
	if err := checkPutMembers(data); err != nil {
		return 0, submission.Change{}, err
	}
	if body.Revision == nil {
		return 0, submission.Change{}, &access.FieldError{Field: "revision", Code: "required"}
	}
	ch := submission.Change{Narratives: body.Narratives, Explanations: body.Explanations}
	for i, val := range body.Values {
		raw := val.Value
		if raw == nil {
			raw = json.RawMessage("null")
		}
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: val.Indicator, Disaggregation: val.Disaggregation,
			JSON: raw, Where: "values[" + itoa(i) + "]"})
	}
	return *body.Revision, ch, nil
}

// checkPutMembers refuses a PUT body (well formed, already decoded) with
// a member the API does not define, at the top or in a value, which
// encoding/json would drop in silence: a misspelt "values" would save
// nothing and answer 200, a misspelt "value" would empty the cell.
func checkPutMembers(data []byte) error {
	if err := checkMembers(data, "", "revision", "values", "narratives", "explanations"); err != nil {
		return err
	}
	var top struct {
		Values []json.RawMessage `json:"values"`
	}
	json.Unmarshal(data, &top)
	for i, v := range top.Values {
		if err := checkMembers(v, "values["+itoa(i)+"].", "indicator", "disaggregation", "value"); err != nil {
			return err
		}
	}
	return nil
}
