package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"baocao/internal/submission"
	"baocao/internal/synth"
)

// putTarget is one client's own submission and what it sends.
type putTarget struct {
	round, unit, token string
	// body parts: the values and explanations never change; one narrative
	// section gets a new sentence on every save, so every PUT is a real
	// change that appends a revision.
	values, explanations []byte
	narratives           map[string]string
	vary, text           string
	rev, saves           int
}

func newPutTarget(spec *submission.FormSpec, u synth.Unit) (putTarget, error) {
	type valueJSON struct {
		Indicator      string                    `json:"indicator"`
		Disaggregation submission.Disaggregation `json:"disaggregation"`
		Value          any                       `json:"value"`
	}
	var values []valueJSON
	for _, cell := range spec.Cells() {
		if v, ok := u.Content.Values[cell.Key]; ok {
			values = append(values, valueJSON{cell.Indicator, cell.Disaggregation, v.JSON()})
		}
	}
	t := putTarget{unit: u.Code, narratives: map[string]string{}}
	var err error
	if t.values, err = json.Marshal(values); err != nil {
		return t, err
	}
	if t.explanations, err = json.Marshal(nonNilMap(u.Content.Explanations)); err != nil {
		return t, err
	}
	for k, v := range u.Content.Narratives {
		t.narratives[k] = v
		if t.vary == "" || k < t.vary {
			t.vary = k
		}
	}
	if t.vary == "" {
		return t, fmt.Errorf("unit %s has no narrative to change", u.Code)
	}
	t.text = t.narratives[t.vary]
	return t, nil
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func (t *putTarget) url(base string) string {
	return base + "/api/v1/rounds/" + t.round + "/submissions/" + t.unit
}

// currentRevision reads the submission's revision through the API.
func currentRevision(ctx context.Context, client *http.Client, base string, t *putTarget) (int, error) {
	resp, err := bearerDo(ctx, client, http.MethodGet, t.url(base), t.token, nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var body struct {
		Revision int `json:"revision"`
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %s", t.url(""), resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, fmt.Errorf("GET %s: %w", t.url(""), err)
	}
	return body.Revision, nil
}

// putOnce saves the target's content with a new sentence in one
// narrative, on the revision the last answer gave.
func putOnce(ctx context.Context, client *http.Client, base string, t *putTarget) (int, error) {
	t.saves++
	t.narratives[t.vary] = t.text + " Cập nhật lần " + strconv.Itoa(t.saves) + "."
	narr, err := json.Marshal(t.narratives)
	if err != nil {
		return 0, err
	}
	var body bytes.Buffer
	body.Grow(len(t.values) + len(narr) + len(t.explanations) + 64)
	body.WriteString(`{"revision":`)
	body.WriteString(strconv.Itoa(t.rev))
	body.WriteString(`,"values":`)
	body.Write(t.values)
	body.WriteString(`,"narratives":`)
	body.Write(narr)
	body.WriteString(`,"explanations":`)
	body.Write(t.explanations)
	body.WriteByte('}')
	resp, err := bearerDo(ctx, client, http.MethodPut, t.url(base), t.token, &body)
	if err != nil {
		return 0, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK {
		rev, ok := revisionIn(data)
		if !ok {
			return 0, fmt.Errorf("PUT %s: no revision in the answer", t.url(""))
		}
		t.rev = rev
	}
	return resp.StatusCode, nil
}

// revisionIn finds the top-level "revision" of a submission answer without
// decoding the whole document (the client must not cost the server CPU it
// shares): no nested object of the answer has a key of that name.
func revisionIn(data []byte) (int, bool) {
	const key = `"revision":`
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := data[i+len(key):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(string(rest[:j]))
	return n, err == nil
}

// bearerDo sends a request to the API as the holder of token; a body is
// sent as JSON.
func bearerDo(ctx context.Context, client *http.Client, method, url, token string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return client.Do(req)
}
