package web

import (
	"bytes"
	"encoding/json"
	"io"
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
// and the change it asks for.
//
// A full form is hundreds of values, and encoding/json's reflection over
// them was a fifth of a PUT's CPU. So the body is first read by putReader,
// which takes only bodies as clients write them (the fields by their exact
// names, once each, values well formed) and decodes those to exactly what
// encoding/json gives. Any other body, including every malformed or
// oversized one, goes to encoding/json over the same bytes (decodeJSON),
// then to the check that it has only the members above.
func decodeSubmissionPut(w http.ResponseWriter, r *http.Request) (int, submission.Change, error) {
	var body submissionPut
	data, err := readUpTo(r.Body, r.ContentLength, maxSubmissionBody)
	if err == nil && len(data) <= maxSubmissionBody && (&putReader{data: data}).read(&body) {
		// Well formed with only the members above: its text is what is
		// left to check.
		if err := checkJSONText(data); err != nil {
			return 0, submission.Change{}, err
		}
	} else {
		body = submissionPut{}
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(data), r.Body), r.Body}
		if err := decodeJSON(w, r, maxSubmissionBody, &body); err != nil {
			return 0, submission.Change{}, err
		}
		if err := checkPutMembers(data); err != nil {
			return 0, submission.Change{}, err
		}
	}
	if body.Revision == nil {
		return 0, submission.Change{}, &access.FieldError{Field: "revision", Code: "required"}
	}
	ch := submission.Change{Narratives: body.Narratives, Explanations: body.Explanations}
	if len(body.Values) > 0 {
		ch.Entries = make([]submission.Entry, 0, len(body.Values))
	}
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

// readUpTo reads r to its end or to one byte past limit, whichever comes
// first, in a buffer sized from the declared length.
func readUpTo(r io.Reader, declared, limit int64) ([]byte, error) {
	size := int64(512)
	if declared > 0 {
		size = min(declared, limit) + 1
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	return buf.Bytes(), err
}

// putReader reads a PUT body written the usual way. read reports false,
// having decided nothing, for anything it does not take; what it takes it
// decodes as encoding/json decodes it into submissionPut. Values keep
// their bytes (the raw JSON the change parses), so they point into data.
type putReader struct {
	data []byte
	i    int
}

// maxDepth bounds the nesting of a value putReader checks; deeper ones are
// left to encoding/json.
const maxDepth = 64

func (p *putReader) read(body *submissionPut) bool {
	var seen [4]bool
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "revision":
			if seen[0] {
				return false
			}
			seen[0] = true
			n, ok := p.integer()
			body.Revision = &n
			return ok
		case "values":
			if seen[1] {
				return false
			}
			seen[1] = true
			return p.values(body)
		case "narratives":
			if seen[2] {
				return false
			}
			seen[2] = true
			return p.texts(&body.Narratives)
		case "explanations":
			if seen[3] {
				return false
			}
			seen[3] = true
			return p.texts(&body.Explanations)
		}
		return false
	})
	p.space()
	return ok && p.i == len(p.data)
}

func (p *putReader) values(body *submissionPut) bool {
	if !p.next('[') {
		return false
	}
	// A hint, capped: the word may also stand in narratives' text.
	body.Values = make([]putValueJSON, 0, min(bytes.Count(p.data[p.i:], []byte(`"indicator"`)), 4096))
	p.space()
	if p.next(']') {
		return true
	}
	for {
		var v putValueJSON
		var seen [3]bool
		ok := p.object(func(key []byte) bool {
			switch string(key) {
			case "indicator":
				if seen[0] {
					return false
				}
				seen[0] = true
				s, ok := p.string()
				v.Indicator = s
				return ok
			case "disaggregation":
				if seen[1] {
					return false
				}
				seen[1] = true
				var m map[string]string
				ok := p.texts(&m)
				v.Disaggregation = m
				return ok
			case "value":
				if seen[2] {
					return false
				}
				seen[2] = true
				start := p.i
				if !p.skipValue(0) {
					return false
				}
				v.Value = p.data[start:p.i:p.i]
				return true
			}
			return false
		})
		if !ok {
			return false
		}
		body.Values = append(body.Values, v)
		p.space()
		if p.next(']') {
			return true
		}
		if !p.next(',') {
			return false
		}
		p.space()
	}
}

// texts reads an object of strings into a new map (null is left to
// encoding/json, which would keep an existing map).
func (p *putReader) texts(dst *map[string]string) bool {
	m := map[string]string{}
	*dst = m
	return p.object(func(key []byte) bool {
		k, ok := decodeString(key)
		if !ok {
			return false
		}
		v, ok := p.string()
		m[k] = v
		return ok
	})
}
