package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"baocao/internal/domain"
	"baocao/internal/intake"
)

// Text that PostgreSQL refuses (a NUL character, bytes that are not
// UTF-8) is bad input, refused as the request is read: by checkInput for
// path values, the query, form fields and headers that are stored, and by
// decodeJSON for JSON bodies. Nothing past these checks meets it.

// The domain.FieldError codes of bad text.
const (
	codeNUL     = "contains_nul"
	codeNotUTF8 = "invalid_utf8"
)

// Limits of the form bodies checkInput reads before the handler, which
// reads them again under its own (equal or smaller) limit.
const (
	maxFormBody      = maxSubmissionBody
	maxMultipartBody = intake.MaxUploadSize + 64<<10
)

// textProblem is the code of text PostgreSQL would refuse, or "".
func textProblem(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		return codeNUL
	}
	if !utf8.ValidString(s) {
		return codeNotUTF8
	}
	return ""
}

// shownName is a field's name fit to be echoed back: its bad bytes
// replaced.
func shownName(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", "\uFFFD"), "\uFFFD")
}

// memberName is a JSON member's name as a field names it: shownName, and
// "" quoted for the empty name, so that the field named is never blank.
func memberName(s string) string {
	if s == "" {
		return `""`
	}
	return shownName(s)
}

// checkInput refuses, before next runs, a request whose path values,
// query, form fields or Idempotency-Key hold text PostgreSQL would refuse:
// 404 for a path value (nothing can have such a name), else 422 naming the
// field. pattern is the route's, whose wildcards name the path values.
func (s *Server) checkInput(pattern string, next http.Handler) http.Handler {
	wildcards := patternWildcards(pattern)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkRequestText(w, r, wildcards); err != nil {
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// patternWildcards are the names of a ServeMux pattern's wildcards.
func patternWildcards(pattern string) []string {
	var names []string
	for rest := pattern; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return names
		}
		if name := strings.TrimSuffix(rest[open+1:open+end], "..."); name != "$" {
			names = append(names, name)
		}
		rest = rest[open+end+1:]
	}
}

func checkRequestText(w http.ResponseWriter, r *http.Request, wildcards []string) error {
	for _, name := range wildcards {
		if textProblem(r.PathValue(name)) != "" {
			return fmt.Errorf("path value %s is not text: %w", name, domain.ErrNotFound)
		}
	}
	// Every pair ParseQuery returns is checked: r.URL.Query() hands the
	// handler the same pairs (it drops only malformed ones).
	query, _ := url.ParseQuery(r.URL.RawQuery)
	if err := checkValues(query); err != nil {
		return err
	}
	if p := textProblem(r.Header.Get("Idempotency-Key")); p != "" {
		return &domain.FieldError{Field: "Idempotency-Key", Code: p}
	}
	return checkFormBody(r)
}

// checkValues names the first field (in name order) whose name or a value
// is bad text.
func checkValues(values url.Values) error {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := textProblem(name)
		for _, v := range values[name] {
			if p == "" {
				p = textProblem(v)
			}
		}
		if p != "" {
			return &domain.FieldError{Field: shownName(name), Code: p}
		}
	}
	return nil
}

// checkFormBody checks the fields of a form body: urlencoded on pages (an
// API body is JSON whatever its Content-Type says, as curl -d labels it),
// multipart anywhere, its text fields and file names. The body is read
// whole and put back for the handler.
func checkFormBody(r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	media, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil // not a form: the handler reads it as it reads anything else
	}
	var limit int64
	switch {
	case media == "multipart/form-data" && params["boundary"] != "":
		limit = maxMultipartBody
	case media == "application/x-www-form-urlencoded" && !isAPI(r) &&
		(r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch):
		limit = maxFormBody
	default:
		return nil
	}
	data, err := readUpTo(r.Body, r.ContentLength, limit)
	if err != nil {
		return errBadRequest
	}
	if int64(len(data)) > limit {
		return &http.MaxBytesError{Limit: limit}
	}
	r.Body = struct {
		io.Reader
		io.Closer
	}{bytes.NewReader(data), r.Body}
	if media == "multipart/form-data" {
		return checkMultipart(data, params["boundary"])
	}
	values, _ := url.ParseQuery(string(data))
	return checkValues(values)
}

// checkMultipart checks a multipart body's field names, text values and
// file names (the name of an uploaded workbook is stored). A malformed
// body is left to the handler, which refuses it.
func checkMultipart(data []byte, boundary string) error {
	mr := multipart.NewReader(bytes.NewReader(data), boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil
		}
		name := part.FormName()
		p := textProblem(name)
		if file := part.FileName(); file != "" {
			if p == "" {
				p = textProblem(file)
			}
		} else if value, err := io.ReadAll(part); err == nil && p == "" {
			p = textProblem(string(value))
		}
		if p != "" {
			return &domain.FieldError{Field: shownName(name), Code: p}
		}
	}
}

// decodeJSON reads a JSON body of at most limit bytes into v: 400 for
// what is not one JSON value of v's shape, 413 over the limit, 422 for bad
// text (checkJSONText).
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	data, err := readBody(w, r, limit)
	if err != nil {
		return err
	}
	if err := decodeOne(json.NewDecoder(bytes.NewReader(data)), v); err != nil {
		return err
	}
	return checkJSONText(data)
}

// readBody reads a body of at most limit bytes: 413 over the limit.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	data, err := readUpTo(http.MaxBytesReader(w, r.Body, limit), r.ContentLength, limit)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, errBadRequest
	}
	return data, nil
}

// decodeOne decodes into v the one JSON value dec reads: errBadRequest
// for anything else.
func decodeOne(dec *json.Decoder, v any) error {
	if err := dec.Decode(v); err != nil {
		return errBadRequest
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errBadRequest
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

// escapedNUL is how a NUL is written in a JSON string.
var escapedNUL = []byte(`\u0000`)

// checkJSONText refuses a well-formed JSON body whose text holds a NUL or
// is not UTF-8, naming the first field that does ("narratives.KQ-II.1",
// "values[3].value"). encoding/json quietly turns bytes that are not UTF-8
// into U+FFFD, so the raw body is what is checked; most bodies pass the
// two scans and are not walked.
func checkJSONText(data []byte) error {
	bad := -1
	if !utf8.Valid(data) {
		bad = firstNotUTF8(data)
	} else if !bytes.Contains(data, escapedNUL) {
		return nil
	}
	return findBadJSONText(data, bad)
}

// firstNotUTF8 is the offset of the first byte of data that is not UTF-8.
func firstNotUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// jsonFrame is an object or array being walked by findBadJSONText.
type jsonFrame struct {
	object bool
	key    string // in an object, the current member's name
	index  int    // in an array, the current element's index
	value  bool   // in an object, the next string is the member's value
}

// findBadJSONText walks the tokens of well-formed data to the string
// holding a NUL or the byte at offset bad, and names it.
func findBadJSONText(data []byte, bad int) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // a number too large for float64 is no error here
	var frames []jsonFrame
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		end := dec.InputOffset()
		p := ""
		if s, ok := tok.(string); ok {
			if strings.IndexByte(s, 0) >= 0 {
				p = codeNUL
			} else if int64(bad) >= start && int64(bad) < end {
				p = codeNotUTF8
			}
			if n := len(frames); n > 0 && frames[n-1].object && !frames[n-1].value {
				frames[n-1].key, frames[n-1].value = s, true // a member's name
				if p != "" {
					return &domain.FieldError{Field: jsonPath(frames), Code: p}
				}
				continue
			}
		}
		if p != "" {
			return &domain.FieldError{Field: jsonPath(frames), Code: p}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			frames = append(frames, jsonFrame{object: tok == json.Delim('{')})
			continue
		case json.Delim('}'), json.Delim(']'):
			frames = frames[:len(frames)-1]
		}
		// A value ended: its container moves on to the next.
		if n := len(frames); n > 0 {
			if frames[n-1].object {
				frames[n-1].value = false
			} else {
				frames[n-1].index++
			}
		}
	}
}

// jsonPath names the place frames are at.
func jsonPath(frames []jsonFrame) string {
	var b strings.Builder
	for _, f := range frames {
		if !f.object {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(memberName(f.key))
	}
	if b.Len() == 0 {
		return "body"
	}
	return b.String()
}

// codeUnknownField is the domain.FieldError code of a member a body may
// not have.
const codeUnknownField = "unknown_field"

// memberNames are the names of an object's members, decoded without
// their values.
type memberNames map[string]unread

// unread is a member's value, left unread.
type unread struct{}

// UnmarshalJSON keeps nothing of the value (encoding/json has checked it).
func (*unread) UnmarshalJSON([]byte) error { return nil }

// check refuses the members whose names are not in known (exactly:
// encoding/json would match "Revision" too), naming the first in name
// order.
func (m memberNames) check(prefix string, known ...string) error {
	names := make([]string, 0, len(m))
	for name := range m {
		if !slices.Contains(known, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return &domain.FieldError{Field: prefix + memberName(names[0]), Code: codeUnknownField}
}
