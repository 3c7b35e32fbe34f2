package crm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Options say how to read one export.
type Options struct {
	File         string            // the name used in messages
	Kind         row.Kind          // "" detects the kind from the header
	Preset       string            // a CRM's headers and stage names (Presets); "" recognises it
	Map          map[string]string // canonical field → header, overriding the mapping
	Set          map[string]string // canonical field → the value of every row, for a column the file lacks
	Header       []string          // the names of the columns of a file without a header line ("" skips one)
	IDFrom       []string          // the headers of the columns an id is built from, for a file without one
	Stages       StageRules        // the CRM's own stage labels
	Types        TypeRules         // the CRM's own deal-type labels
	DateOrder    DateOrder         // DateAuto: DateOrders, else Convert stops at the first date that needs an order
	DateOrders   DateOrders        // the order of each pattern of date, as DetectDateOrder worked it out
	Loc          *time.Location    // the time zone date-times are read in (nil = UTC)
	Currency     string            // the currency of a row without a currency column
	Encoding     string            // "" detects it
	DecimalComma bool              // "1.234,50"
}

// Stored answers what earlier imports stored for an id the file names: a
// deal's created_at and closed_at, a customer's acquisition date and
// churned_at; "" for none. A file that lacks one of these dates is checked
// against the stored one, since an import keeps the fields its file does
// not carry (docs/import.md).
type Stored interface {
	Dates(id string) (first, second string, err error)
}

// Reader reads the lines of one export as typed rows: Next moves to a line,
// Convert checks it and fills a row.
type Reader struct {
	opts   Options
	cr     *csv.Reader
	cols   Columns
	at     [nField]int // column of each field; -1 = not carried, constColumn = a constant
	width  int         // fields in the header
	comma  bool        // decimal comma
	header []string
	shape  Shape
	consts [nField]string // the constant of a field whose at is constColumn
	alt    [nField][]int  // fallback columns of a field (closed_at: "Won time", "Lost time")
	dates  DateParser
	stored Stored // nil unless the file lacks a date it is checked against

	rec       []string // the line Next read
	pending   []string // line 1 of a file without a header line, until Next reads it
	line      int
	problems  []*RowError // of the line being converted
	nonISO    string      // the first date of the line that needs the date order
	unusual   int         // the unusual values of the line being converted (unusual.go)
	lineStage string      // its stage, "" when it cannot be read
	amountOK  bool        // its amount was read

	rules StageRules // Options.Stages, with the preset's status values
	cents bool       // amounts are in minor units (Preset.AmountInCents)

	// An export repeats a handful of stage labels and types a million
	// times: their meaning is worked out once.
	stageMemo map[stageKey]string
	typeMemo  map[string]typeMemo

	understood Understood
}

// constColumn is the at of a field given as a constant rather than read
// from a column; idFromColumn that of an id built from columns
// (Options.IDFrom).
const (
	constColumn  = -2
	idFromColumn = -3
)

// Open starts reading r: it sniffs the encoding and delimiter, reads the
// header and maps it to the fields of the file's kind. Its errors are
// *FileError, but for a failing r.
func Open(r io.Reader, o Options) (*Reader, error) {
	// Sniff looks at up to 1 MiB. Those bytes are read again before the
	// rest, and let go once they have been: the file is read through a
	// buffer of 64 KiB.
	head := make([]byte, 1<<20)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read %s: %w", o.File, err)
	}
	head = head[:n]
	br := bufio.NewReaderSize(io.MultiReader(bytes.NewReader(head), r), 64<<10)
	if len(head) == 0 {
		return nil, &FileError{File: o.File, Err: errEmpty}
	}
	shape, err := Sniff(head, o.Encoding)
	if err != nil {
		return nil, &FileError{File: o.File, Err: notExport{err}}
	}
	cr := csv.NewReader(shape.Reader(br))
	if shape.Delimiter != 0 {
		cr.Comma = shape.Delimiter
	}
	cr.FieldsPerRecord = -1 // ragged rows get our own message
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &FileError{File: o.File, Err: errEmpty}
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &FileError{File: o.File, Err: fmt.Errorf("the header (line %d) cannot be read as CSV: %v: is this a CSV export?", pe.Line, pe.Err)}
		}
		return nil, fmt.Errorf("read %s: %w", o.File, err)
	}
	header := append([]string(nil), rec...) // the reader reuses rec
	var pending []string
	if len(o.Header) > 0 {
		// A file without a header line: line 1 is data, read first by Next.
		if len(o.Header) != len(header) {
			return nil, &FileError{File: o.File, Err: &HeaderWidth{Given: len(o.Header), Found: len(header)}}
		}
		pending, header = header, append([]string(nil), o.Header...)
	}
	cols, err := Mapping{Kind: o.Kind, Preset: o.Preset, Map: o.Map, Set: o.Set, IDFrom: o.IDFrom}.Columns(header)
	if err != nil {
		if nh := noHeader(header); nh != nil && pending == nil && unmapped(err) {
			err = nh
		}
		return nil, &FileError{File: o.File, Err: err}
	}
	rd := &Reader{opts: o, cr: cr, cols: cols, width: len(header), header: header, pending: pending,
		comma: o.DecimalComma || shape.DecimalComma, shape: shape,
		dates:     DateParser{Order: o.DateOrder, Detected: o.DateOrders, Loc: o.Loc},
		stageMemo: map[stageKey]string{}, typeMemo: map[string]typeMemo{}}
	for f := range rd.at {
		rd.at[f] = -1
		if i, ok := cols.Index[fieldNames[f]]; ok {
			rd.at[f] = i
		}
		if v, ok := cols.Consts[fieldNames[f]]; ok {
			rd.at[f], rd.consts[f] = constColumn, v
		}
		rd.alt[f] = cols.Fallbacks[fieldNames[f]]
	}
	if len(cols.IDFrom) > 0 {
		rd.at[fldID] = idFromColumn
	}
	p := presetNamed(cols.Preset)
	rd.rules, rd.cents = o.Stages, p.AmountInCents
	rd.rules.Status = p.Status
	rd.understood = understand(o.File, cols, shape)
	return rd, nil
}

var errEmpty = errors.New("the file is empty: export it again with a header row and at least one row")

// Kind is the kind of the file, given or detected.
func (r *Reader) Kind() row.Kind { return r.cols.Kind }

// Carried lists the fields the file carries, from a column or a constant:
// the only fields an import changes on a row that exists.
func (r *Reader) Carried() []string {
	var out []string
	for f, i := range r.at {
		if i != -1 {
			out = append(out, fieldNames[f])
		}
	}
	return out
}

// NeedsStored reports whether the rows are checked against dates stored
// by earlier imports (SetStored): a deals file that lacks created_at or
// closed_at, a customers file that carries only one of acquired_at and
// churned_at (a churn file kept apart from the customers file).
func (r *Reader) NeedsStored() bool {
	switch r.cols.Kind {
	case row.KindDeals:
		return r.at[fldCreated] == -1 || r.at[fldClosed] == -1
	case row.KindCustomers:
		return (r.at[fldAcquired] == -1) != (r.at[fldChurned] == -1)
	}
	return false
}

// SetStored gives the dates earlier imports stored, when NeedsStored.
func (r *Reader) SetStored(s Stored) { r.stored = s }

// Next moves to the next line of data, passing over footers. It returns
// the line's number; io.EOF at the end; a *RowError for a line that cannot
// be read (a stray quote, a ragged row), after which reading goes on; any
// other error when the file cannot be read further.
func (r *Reader) Next() (int, error) {
	if rec := r.pending; rec != nil {
		r.pending = nil
		if !IsFooter(rec) {
			r.rec, r.line = rec, 1
			return 1, nil
		}
	}
	for {
		rec, err := r.cr.Read()
		if errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return 0, fmt.Errorf("read %s: %w", r.opts.File, err)
			}
			// pe.Column counts characters, not fields: name the line the
			// record starts on, where an unclosed quote was opened.
			cause := fmt.Errorf("character %d: %w: a stray quote?", pe.Column, pe.Err)
			if pe.StartLine != pe.Line {
				cause = fmt.Errorf("a quoted field that starts on this line is not closed properly (%w, line %d, character %d)", pe.Err, pe.Line, pe.Column)
			}
			return pe.StartLine, &RowError{File: r.opts.File, Line: pe.StartLine, Err: cause}
		}
		line, _ := r.cr.FieldPos(0)
		if IsFooter(rec) {
			continue
		}
		if len(rec) != r.width {
			return line, &RowError{File: r.opts.File, Line: line,
				Err: fmt.Errorf("the row has %d fields, the header has %d (a stray delimiter or quote?)", len(rec), r.width)}
		}
		r.rec, r.line = rec, line
		return line, nil
	}
}

// NextReadable is Next passing over the lines that cannot be read, for a
// reading that reports nothing: the import's own reading reports them.
func (r *Reader) NextReadable() (int, error) {
	for {
		line, err := r.Next()
		if _, ok := err.(*RowError); !ok {
			return line, err
		}
	}
}

// NeedDateOrder is returned by Convert for a date with the day or the
// month first (Value) met before the date order is known: the caller works
// the order out (DetectDateOrder) and reads the file again with it.
type NeedDateOrder struct{ Value string }

func (e *NeedDateOrder) Error() string {
	return fmt.Sprintf("%q needs the order of day and month", e.Value)
}

// Convert checks the line Next moved to and fills the field of dst that
// the file's kind uses. It returns the line's problems, none for a valid
// row, which Understood then counts. Its error is a *NeedDateOrder, or a
// failed lookup of the stored dates.
func (r *Reader) Convert(dst *row.Row) ([]*RowError, error) {
	return r.convert(dst, false)
}

// ConvertSkipped is Convert for a line that is left out whatever it
// holds (a repeated id under skip-invalid): it counts in the file's
// totals, never as a valid row.
func (r *Reader) ConvertSkipped(dst *row.Row) error {
	_, err := r.convert(dst, true)
	return err
}

func (r *Reader) convert(dst *row.Row, skipped bool) ([]*RowError, error) {
	r.problems, r.nonISO, r.unusual, r.lineStage, r.amountOK = r.problems[:0], "", 0, "", false
	var err error
	switch r.cols.Kind {
	case row.KindDeals:
		err = r.deal(&dst.Deal)
	case row.KindCustomers:
		err = r.customer(&dst.Customer)
	case row.KindSpend:
		r.spend(&dst.Spend)
	case row.KindChurnEvents:
		r.event(&dst.Event)
	case row.KindSubscriptions:
		r.subscription(&dst.Subscription)
	}
	if err != nil {
		return nil, err
	}
	if r.nonISO != "" {
		return nil, &NeedDateOrder{r.nonISO}
	}
	if r.lineStage != "" {
		r.understood.countInFile(r.lineStage, &dst.Deal, r.amountOK)
	}
	if len(r.problems) == 0 && !skipped {
		r.understood.count(r.cols.Kind, dst)
		if r.unusual != 0 {
			r.countUnusual(&r.understood, r.get(fldType))
		}
	}
	return r.problems, nil
}
