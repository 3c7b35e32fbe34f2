package crm

import (
	"errors"
	"fmt"
)

// Sentinels an import error unwraps to, so callers can tell the user what
// to do without reading message text.
var (
	// ErrInvalidRow: one or more rows failed validation; the file was refused.
	ErrInvalidRow = errors.New("invalid row")
	// ErrInvalidFile: the file as a whole cannot be read as an export (empty,
	// no header that matches a kind, a required column missing).
	ErrInvalidFile = errors.New("invalid file")
	// ErrDateOrder: the file's dates could be day-first or month-first.
	ErrDateOrder = errors.New("ambiguous date order")
	// ErrNotAnExport: the file is no deals, customers or spend export at all
	// (a workbook, an archive, a price list …); its message says what to do
	// instead, so no flag will help.
	ErrNotAnExport = errors.New("not a deals, customers or spend export")
)

// notExport marks err as ErrNotAnExport, keeping its message.
type notExport struct{ error }

func (e notExport) Unwrap() []error { return []error{e.error, ErrNotAnExport} }

// RowError is one problem with one row, shaped like csv.ParseError: the
// file, the line, the column (its header as written in the file), and the
// cause. It unwraps to its cause and to ErrInvalidRow.
type RowError struct {
	File   string
	Line   int
	Column string // "" when the problem is the row as a whole
	Const  bool   // Column names a field given a constant (Options.Set), not a header
	IDFrom bool   // Column lists the headers an id is built from (Options.IDFrom)
	Err    error
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: column %q: %v", e.File, e.Line, e.Column, e.Err)
}

// Unwrap returns the cause and ErrInvalidRow.
func (e *RowError) Unwrap() []error { return []error{e.Err, ErrInvalidRow} }

// FileError is a problem with a file as a whole. It unwraps to its cause
// and to ErrInvalidFile.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }

// Unwrap returns the cause and ErrInvalidFile.
func (e *FileError) Unwrap() []error { return []error{e.Err, ErrInvalidFile} }

// ErrDuplicate is the cause of a problem naming an id (for spend: a date
// and channel) that occurs on more than one line of a file.
var ErrDuplicate = errors.New("duplicate id")

type dupError string

func (e dupError) Error() string { return string(e) }
func (e dupError) Unwrap() error { return ErrDuplicate }

// dateOrderError is a detector's message that unwraps to ErrDateOrder
// without repeating it.
type dateOrderError struct{ error }

func (e dateOrderError) Unwrap() []error { return []error{e.error, ErrDateOrder} }

// NoStoredDate is the problem of a won or lost deal whose file has no
// column for its close date, which no earlier import stored either. (A
// create date may be missing: docs/import.md, "Unusual values".)
type NoStoredDate struct{ ID, Stage string }

func (e *NoStoredDate) Error() string {
	return fmt.Sprintf("the file has no close date and no earlier import gave deal %q one, but a %s deal needs it", e.ID, e.Stage)
}
