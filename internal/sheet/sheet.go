// Package sheet reads and writes quota sheets: one goal per row, the way a
// sales manager keeps them in a spreadsheet (docs/goals.md, "Quota
// sheets"). It knows the columns and the file's layout, with gocsv and a
// tagged struct; what the cells mean (categories, periods, targets) is for
// the goal package and the command line to say. No SQL, no flags.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// Row is one goal of a quota sheet, its cells as written (trimmed).
type Row struct {
	Name     string `csv:"name"`
	Category string `csv:"category"`
	Metric   string `csv:"metric"`
	Owner    string `csv:"owner"`
	Team     string `csv:"team"`
	Period   string `csv:"period"`
	Target   string `csv:"target"`
	Commit   string `csv:"commit"`
	Stretch  string `csv:"stretch"`
	Baseline string `csv:"baseline"`
	Parent   string `csv:"parent"`
	Note     string `csv:"note"`
}

// Columns are the columns of a quota sheet, in the order Write writes
// them.
var Columns = []string{"name", "category", "metric", "owner", "team", "period", "target",
	"commit", "stretch", "baseline", "parent", "note"}

// Line is a row with the line of the file it starts on.
type Line struct {
	Row
	Line int
}

// MaxRows is the most rows a sheet may hold: a year of monthly targets
// for a thousand reps and their teams, with room to spare.
const MaxRows = 100_000

// ErrInvalid is matched (with errors.Is) by every problem Read finds.
var ErrInvalid = errors.New("invalid quota sheet")

// Error is a problem with a sheet, told as FILE:LINE: column "X": reason.
type Error struct {
	File   string
	Line   int
	Column string // "" for a problem with the whole line
	Reason string
}

func (e *Error) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s:%d: column %q: %s", e.File, e.Line, e.Column, e.Reason)
}

// Unwrap makes every Error match ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// Problems is every problem found in a sheet, in the order of its lines.
type Problems []*Error

func (p Problems) Error() string {
	if len(p) == 1 {
		return p[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems)", p[0].Error(), len(p)-1)
}

// Unwrap makes Problems match ErrInvalid.
func (p Problems) Unwrap() error { return ErrInvalid }

// Read reads a whole quota sheet named file: a header line, then one goal
// per line. Header names are matched whatever their case and surrounding
// spaces; a column the sheet does not know is refused, so that a typo
// ("traget") is not dropped unseen, and period, target and category (or
// metric) must be there. Cells are trimmed; a cell written as '=… or '@…
// (Write's guard against spreadsheet formulas) loses its quote. Excel's
// UTF-8 byte order mark and ; as a delimiter are understood. Every problem
// is returned at once, as Problems.
func Read(r io.Reader, file string) ([]Line, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	fail := func(line int, col, format string, args ...any) error {
		return Problems{{File: file, Line: line, Column: col, Reason: fmt.Sprintf(format, args...)}}
	}
	um, err := gocsv.NewUnmarshaller(cr, Row{})
	switch {
	case errors.Is(err, io.EOF):
		return nil, fail(1, "", "the file is empty: a quota sheet starts with a header line (%s)", strings.Join(Columns, ","))
	case err != nil:
		return nil, fail(1, "", "%s", csvReason(err))
	}
	if err := um.RenormalizeHeaders(normalize); err != nil {
		return nil, fail(1, "", "%s", err)
	}
	if p := checkHeader(um.Headers, file); len(p) > 0 {
		return nil, p
	}
	var (
		out      []Line
		problems Problems
	)
	for {
		v, err := um.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problems = append(problems, &Error{File: file, Line: pe.StartLine, Reason: csvReason(pe.Err)})
			if len(problems) >= 20 || !errors.Is(pe.Err, csv.ErrFieldCount) {
				break
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(out) >= MaxRows {
			return nil, fail(line, "", "more than %d rows: split the sheet", MaxRows)
		}
		row := v.(Row)
		tidy(&row)
		if row == (Row{}) {
			continue // a line of empty cells, as spreadsheets leave at the end
		}
		out = append(out, Line{Row: row, Line: line})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return out, nil
}

// normalize folds header names to the sheet's column names: "Target ",
// "TARGET" → "target".
func normalize(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// checkHeader refuses columns the sheet does not know, repeated ones, and
// a header without the columns every goal needs.
func checkHeader(h []string, file string) Problems {
	var p Problems
	seen := map[string]bool{}
	for _, c := range h {
		switch {
		case c == "":
			p = append(p, &Error{File: file, Line: 1, Reason: "a column has no name: every column of a quota sheet is one of " + strings.Join(Columns, ", ")})
		case !known(c):
			p = append(p, &Error{File: file, Line: 1, Column: c, Reason: "not a column of a quota sheet: the columns are " + strings.Join(Columns, ", ")})
		case seen[c]:
			p = append(p, &Error{File: file, Line: 1, Column: c, Reason: "given twice: keep one"})
		}
		seen[c] = true
	}
	for _, need := range []string{"period", "target"} {
		if !seen[need] {
			p = append(p, &Error{File: file, Line: 1, Column: need, Reason: "missing: every goal needs a " + need})
		}
	}
	if !seen["category"] && !seen["metric"] {
		p = append(p, &Error{File: file, Line: 1, Column: "category", Reason: "missing: every goal needs a category, or a metric"})
	}
	return p
}

func known(c string) bool {
	for _, k := range Columns {
		if c == k {
			return true
		}
	}
	return false
}

// csvReason says what the CSV reader found wrong, without its own line
// prefix (the Error gives the line).
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "a quote (\") inside a cell that is not quoted: put the cell in quotes and double the quote (\"\")"
	case errors.Is(err, csv.ErrFieldCount):
		return "not as many cells as the header has columns: a cell with a comma in it needs quotes"
	}
	return err.Error()
}

// tidy trims every cell and takes off Write's quote before = and @.
func tidy(r *Row) {
	for _, c := range r.cells() {
		*c = strings.TrimSpace(*c)
		if len(*c) > 1 && (*c)[0] == '\'' && ((*c)[1] == '=' || (*c)[1] == '@') {
			*c = (*c)[1:]
		}
	}
}

// cells are the row's cells, in the order of Columns.
func (r *Row) cells() []*string {
	return []*string{&r.Name, &r.Category, &r.Metric, &r.Owner, &r.Team, &r.Period, &r.Target,
		&r.Commit, &r.Stretch, &r.Baseline, &r.Parent, &r.Note}
}

// Write writes rows as a quota sheet, with every column, so that a sheet
// kept in git diffs line by line. A cell that a spreadsheet would run as a
// formula (starting with = or @) is written after a quote, which Read
// takes off again; targets such as +9% and -15% are left as they are.
func Write(w io.Writer, rows []Row) error {
	safe := make([]Row, len(rows))
	for i, r := range rows {
		for _, c := range r.cells() {
			if strings.HasPrefix(*c, "=") || strings.HasPrefix(*c, "@") {
				*c = "'" + *c
			}
		}
		safe[i] = r
	}
	if len(safe) == 0 {
		cw := csv.NewWriter(w)
		if err := cw.Write(Columns); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	return gocsv.MarshalCSV(safe, gocsv.NewSafeCSVWriter(csv.NewWriter(w)))
}
