package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"baocao/internal/domain"
	"baocao/internal/submission"
)

// maxSubmissionBody bounds a PUT of a submission.
const maxSubmissionBody = 2 << 20

// submissionPut is the body of a PUT of a submission.
//
// Member names are exact (docs/api.md: "Revision" is not "revision"), and
// encoding/json matches them ignoring case. So each field comes after one
// named as it is in capitals: of the fields whose names a member's name
// matches ignoring case, encoding/json gives the member to the first
// ("first folded match takes precedence", encoding/json's typeFields),
// so these Variant fields take every member spelt other than as the API
// spells it, and a body that sets one is refused (misspelt). The decoder
// refuses any other name (DisallowUnknownFields).
type submissionPut struct {
	RevisionVariant     json.RawMessage   `json:"REVISION"`
	Revision            *int              `json:"revision"`
	ValuesVariant       json.RawMessage   `json:"VALUES"`
	Values              []putValueJSON    `json:"values"`
	NarrativesVariant   json.RawMessage   `json:"NARRATIVES"`
	Narratives          map[string]string `json:"narratives"`
	ExplanationsVariant json.RawMessage   `json:"EXPLANATIONS"`
	Explanations        map[string]string `json:"explanations"`
}

// putValueJSON is one of a PUT's values; see submissionPut for Variant.
type putValueJSON struct {
	IndicatorVariant      json.RawMessage           `json:"INDICATOR"`
	Indicator             string                    `json:"indicator"`
	DisaggregationVariant json.RawMessage           `json:"DISAGGREGATION"`
	Disaggregation        submission.Disaggregation `json:"disaggregation"`
	ValueVariant          json.RawMessage           `json:"VALUE"`
	Value                 json.RawMessage           `json:"value"`
}

// misspelt reports whether the body has a member whose name differs from
// one of the API's only in case.
func (p *submissionPut) misspelt() bool {
	if p.RevisionVariant != nil || p.ValuesVariant != nil || p.NarrativesVariant != nil || p.ExplanationsVariant != nil {
		return true
	}
	for _, v := range p.Values {
		if v.IndicatorVariant != nil || v.DisaggregationVariant != nil || v.ValueVariant != nil {
			return true
		}
	}
	return false
}

// decodeSubmissionPut reads a PUT body into the revision it was based on
// and the change it asks for: 400 for what is not JSON of submissionPut's
// shape, 413 over the size limit, 422 naming the member the API does not
// define (checkPutMembers), the missing revision, or bad text.
func decodeSubmissionPut(w http.ResponseWriter, r *http.Request) (int, submission.Change, error) {
	data, err := readBody(w, r, maxSubmissionBody)
	if err != nil {
		return 0, submission.Change{}, err
	}
	var body submissionPut
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := decodeOne(dec, &body); err != nil || body.misspelt() {
		if named := checkPutMembers(data); named != nil {
			return 0, submission.Change{}, named
		}
		return 0, submission.Change{}, errBadRequest
	}
	if err := checkJSONText(data); err != nil {
		return 0, submission.Change{}, err
	}
	if body.Revision == nil {
		return 0, submission.Change{}, &domain.FieldError{Field: "revision", Code: "required"}
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

// checkPutMembers names the first member of a PUT body the API does not
// define, at the top or in a value (a misspelt "values" would save
// nothing, a misspelt "value" empty the cell); nil when there is none or
// the body is not JSON objects at all.
func checkPutMembers(data []byte) error {
	var top memberNames
	var shape struct {
		Values []memberNames `json:"values"`
	}
	if json.Unmarshal(data, &top) != nil || json.Unmarshal(data, &shape) != nil {
		return nil // not objects: the decoding has refused it
	}
	if err := top.check("", "revision", "values", "narratives", "explanations"); err != nil {
		return err
	}
	for i, v := range shape.Values {
		if err := v.check("values["+itoa(i)+"].", "indicator", "disaggregation", "value"); err != nil {
			return err
		}
	}
	return nil
}
