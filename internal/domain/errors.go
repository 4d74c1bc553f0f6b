package domain

import (
	"errors"
	"fmt"
)

// Domain errors; the web layer maps each to a status once.
var (
	ErrInvalid      = errors.New("invalid")
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthorized")
	// ErrLocked refuses a change to data that is closed for changes (an
	// accepted submission, a locked round).
	ErrLocked = errors.New("locked")
)

// FieldError is an invalid input value, named by its field.
type FieldError struct {
	Field string
	Code  string
}

func (e *FieldError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Code) }

// Unwrap makes a FieldError an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }
