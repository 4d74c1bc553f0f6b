package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/yuin/goldmark"

	"baocao/docs"
)

// The API's reference is docs/openapi.yaml, embedded: served as it is
// (GET /api/v1/openapi.yaml) and rendered for people (GET /api/docs). The
// page is built once, at start-up, from the loaded document.

// openAPIDocument serves the OpenAPI document the binary was built with.
func (s *Server) openAPIDocument(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(docs.OpenAPI)
}

// apiDocsPage renders the reference for people.
func (s *Server) apiDocsPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "api_docs.html", s.reference)
}

// apiReference is the OpenAPI document as the page shows it.
type apiReference struct {
	Title, Version, OpenAPI string
	Intro                   template.HTML
	Groups                  []apiGroup
	// Errors are the shared error answers, which operations link to.
	Errors  []apiResponse
	Schemas []apiNamedSchema
}

// apiGroup is a tag's operations, in the document's order.
type apiGroup struct {
	Name, Title string
	Description template.HTML
	Operations  []apiOperation
}

type apiOperation struct {
	ID, Method, Path, Summary string
	Public                    bool
	Description               template.HTML
	Params                    []apiParam
	Body                      *apiBody
	Responses                 []apiResponse
}

type apiParam struct {
	Name, In    string
	Required    bool
	Description template.HTML
	Schema      apiSchema
}

type apiBody struct {
	Required bool
	Media    []apiMedia
}

// apiResponse is an answer; Shared names the component of a shared one,
// which the page describes once.
type apiResponse struct {
	Status, Shared string
	Description    template.HTML
	Headers        []string
	Media          []apiMedia
}

type apiMedia struct {
	Type     string
	Schema   *apiSchema
	Examples []apiExample
}

type apiExample struct{ Name, JSON string }

type apiNamedSchema struct {
	Name   string
	Schema apiSchema
}

// apiSchema is a schema as the page describes it. Ref, when set, names a
// component shown once in the list of data types, and nothing else is set.
type apiSchema struct {
	Ref                  string
	Types, Format, Const string
	Enum                 []string
	Pattern, Bounds      string
	Description          template.HTML
	Closed               bool
	Properties           []apiProperty
	Items, Values        *apiSchema
	AnyOf, AllOf         []apiSchema
}

type apiProperty struct {
	Name     string
	Required bool
	Schema   apiSchema
}

const (
	schemaPrefix   = "#/components/schemas/"
	responsePrefix = "#/components/responses/"
)

// reference is the page of the embedded document, built once: the
// document does not change while the binary runs.
var reference = sync.OnceValues(func() (*apiReference, error) { return loadReference(docs.OpenAPI) })

// loadReference loads and validates the OpenAPI document data and builds
// its page. Its examples are checked against their schemas by the tests,
// not here: that takes most of a second.
func loadReference(data []byte) (*apiReference, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // the page keeps the document's order
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load docs/openapi.yaml: %w", err)
	}
	if err := doc.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("docs/openapi.yaml: %w", err)
	}
	ref := &apiReference{Title: doc.Info.Title, Version: doc.Info.Version, OpenAPI: doc.OpenAPI, Intro: markdown(doc.Info.Description)}
	groups := map[string]*apiGroup{}
	for _, tag := range doc.Tags {
		title, _ := tag.Extensions["x-displayName"].(string)
		ref.Groups = append(ref.Groups, apiGroup{Name: tag.Name, Title: cmp.Or(title, tag.Name), Description: markdown(tag.Description)})
	}
	for i := range ref.Groups {
		groups[ref.Groups[i].Name] = &ref.Groups[i]
	}
	type placed struct {
		line int
		op   apiOperation
		tag  string
	}
	var ops []placed
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if len(op.Tags) == 0 || groups[op.Tags[0]] == nil {
				return nil, fmt.Errorf("docs/openapi.yaml: %s %s has no declared tag", method, path)
			}
			ops = append(ops, placed{line: originLine(op.Origin), op: operationView(doc, method, path, item, op), tag: op.Tags[0]})
		}
	}
	slices.SortFunc(ops, func(a, b placed) int { return cmp.Compare(a.line, b.line) })
	for _, p := range ops {
		groups[p.tag].Operations = append(groups[p.tag].Operations, p.op)
	}
	for _, name := range sortedByLine(doc.Components.Responses, func(r *openapi3.ResponseRef) *openapi3.Origin { return r.Value.Origin }) {
		ref.Errors = append(ref.Errors, responseView(name, doc.Components.Responses[name].Value, ""))
	}
	for _, name := range sortedByLine(doc.Components.Schemas, func(r *openapi3.SchemaRef) *openapi3.Origin { return r.Value.Origin }) {
		ref.Schemas = append(ref.Schemas, apiNamedSchema{Name: name, Schema: schemaView(&openapi3.SchemaRef{Value: doc.Components.Schemas[name].Value})})
	}
	return ref, nil
}

func operationView(doc *openapi3.T, method, path string, item *openapi3.PathItem, op *openapi3.Operation) apiOperation {
	security := doc.Security
	if op.Security != nil {
		security = *op.Security
	}
	v := apiOperation{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary, Public: len(security) == 0,
		Description: markdown(op.Description)}
	for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
		v.Params = append(v.Params, apiParam{Name: p.Value.Name, In: p.Value.In, Required: p.Value.Required,
			Description: markdown(p.Value.Description), Schema: schemaView(p.Value.Schema)})
	}
	if op.RequestBody != nil {
		body := op.RequestBody.Value
		v.Body = &apiBody{Required: body.Required, Media: mediaViews(body.Content)}
	}
	responses := op.Responses.Map()
	statuses := make([]string, 0, len(responses))
	for status := range responses {
		statuses = append(statuses, status)
	}
	slices.Sort(statuses)
	for _, status := range statuses {
		r := responses[status]
		v.Responses = append(v.Responses, responseView(status, r.Value, strings.TrimPrefix(r.Ref, responsePrefix)))
	}
	return v
}

func responseView(status string, r *openapi3.Response, shared string) apiResponse {
	v := apiResponse{Status: status, Description: markdown(deref(r.Description)), Shared: shared}
	for name := range r.Headers {
		v.Headers = append(v.Headers, name)
	}
	slices.Sort(v.Headers)
	if shared == "" {
		v.Media = mediaViews(r.Content)
	}
	return v
}

func mediaViews(content openapi3.Content) []apiMedia {
	var out []apiMedia
	for _, mt := range slices.Sorted(maps.Keys(content)) {
		m := content[mt]
		v := apiMedia{Type: mt}
		if m.Schema != nil {
			s := schemaView(m.Schema)
			v.Schema = &s
		}
		if m.Example != nil {
			v.Examples = append(v.Examples, apiExample{JSON: indentJSON(m.Example)})
		}
		for _, name := range slices.Sorted(maps.Keys(m.Examples)) {
			ex := m.Examples[name].Value
			v.Examples = append(v.Examples, apiExample{Name: cmp.Or(ex.Summary, name), JSON: indentJSON(ex.Value)})
		}
		out = append(out, v)
	}
	return out
}

// schemaView describes ref: a reference to a component by its name, any
// other schema by its keywords.
func schemaView(ref *openapi3.SchemaRef) apiSchema {
	if ref == nil || ref.Value == nil {
		return apiSchema{}
	}
	if name, ok := strings.CutPrefix(ref.Ref, schemaPrefix); ok {
		return apiSchema{Ref: name}
	}
	s := ref.Value
	v := apiSchema{Format: s.Format, Pattern: s.Pattern, Description: markdown(s.Description), Bounds: bounds(s)}
	if s.Type != nil {
		v.Types = strings.Join(s.Type.Slice(), " | ")
	}
	if s.Const != nil {
		v.Const = indentJSON(s.Const)
	}
	for _, e := range s.Enum {
		v.Enum = append(v.Enum, indentJSON(e))
	}
	required := map[string]bool{}
	for _, name := range s.Required {
		required[name] = true
	}
	for _, name := range sortedByLine(s.Properties, propertyOrigin) {
		v.Properties = append(v.Properties, apiProperty{Name: name, Required: required[name], Schema: schemaView(s.Properties[name])})
	}
	if s.Items != nil {
		items := schemaView(s.Items)
		v.Items = &items
	}
	if ap := s.AdditionalProperties; ap.Has != nil && !*ap.Has {
		v.Closed = true
	} else if ap.Schema != nil {
		values := schemaView(ap.Schema)
		v.Values = &values
	}
	for _, alt := range append(slices.Clone(s.AnyOf), s.OneOf...) {
		v.AnyOf = append(v.AnyOf, schemaView(alt))
	}
	for _, part := range s.AllOf {
		v.AllOf = append(v.AllOf, schemaView(part))
	}
	return v
}

// bounds states a schema's numeric and length limits.
func bounds(s *openapi3.Schema) string {
	var parts []string
	if s.Min != nil {
		parts = append(parts, fmt.Sprintf("≥ %g", *s.Min))
	}
	if s.Max != nil {
		parts = append(parts, fmt.Sprintf("≤ %g", *s.Max))
	}
	if s.MinLength > 0 {
		parts = append(parts, fmt.Sprintf(msgMinLength, s.MinLength))
	}
	if s.MaxLength != nil {
		parts = append(parts, fmt.Sprintf(msgMaxLength, *s.MaxLength))
	}
	if s.MinItems > 0 {
		parts = append(parts, fmt.Sprintf(msgMinItems, s.MinItems))
	}
	if s.MaxItems != nil {
		parts = append(parts, fmt.Sprintf(msgMaxItems, *s.MaxItems))
	}
	return strings.Join(parts, ", ")
}

// propertyOrigin is where a property was written: its $ref, or its schema.
func propertyOrigin(r *openapi3.SchemaRef) *openapi3.Origin {
	if r.Ref != "" && r.Origin != nil {
		return r.Origin
	}
	return r.Value.Origin
}

// sortedByLine are m's keys in the order the document writes them.
func sortedByLine[V any](m map[string]V, origin func(V) *openapi3.Origin) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(originLine(origin(m[a])), originLine(origin(m[b]))), strings.Compare(a, b))
	})
	return keys
}

func originLine(o *openapi3.Origin) int {
	if o == nil || o.Key == nil {
		return 0
	}
	return o.Key.Line
}

// markdown renders a description, CommonMark as OpenAPI has it. The
// document is the binary's own; raw HTML in it would not be rendered
// anyway (goldmark's default).
func markdown(text string) template.HTML {
	var b bytes.Buffer
	if err := goldmark.Convert([]byte(text), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(text))
	}
	return template.HTML(b.String())
}

// indentJSON writes an example or a constant as JSON, indented, without
// HTML escapes (the template escapes).
func indentJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
