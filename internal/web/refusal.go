package web

import (
	"errors"
	"net/http"

	"baocao/internal/domain"
)

// refusal is a form of a page that the server refused: the page is shown
// again, answered with Status, with what was typed and each message next
// to its field. The zero refusal is a form not refused.
type refusal struct {
	Status int
	values map[string]string
	errors map[string]string
}

// Value is what was typed into field.
func (f refusal) Value(field string) string { return f.values[field] }

// Error is the message next to field; field "" is the form as a whole.
func (f refusal) Error(field string) string { return f.errors[field] }

// Refused says the form was refused: pages open it and point to it.
func (f refusal) Refused() bool { return len(f.errors) > 0 }

// refuse describes err for a form with typed values, placing a field's
// refusal next to it in the words of messages (by "field/code", the
// general ones of fieldMessages otherwise) and any other refusal on the
// form as a whole. ok is false for an error that is not the user's to
// fix (a failure of the server), which fail answers.
func (s *Server) refuse(r *http.Request, err error, typed, messages map[string]string) (refusal, bool) {
	p, ok := s.problemOf(r, err)
	if !ok || p.status >= 500 || p.status == http.StatusForbidden || p.status == http.StatusNotFound {
		return refusal{}, false
	}
	f := refusal{Status: p.status, values: typed, errors: map[string]string{}}
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		msg, ok := messages[fe.Field+"/"+fe.Code]
		if !ok {
			msg = fieldMessage(fe)
		}
		f.errors[fe.Field] = msg
		return f, true
	}
	f.errors[""] = p.message
	return f, true
}
