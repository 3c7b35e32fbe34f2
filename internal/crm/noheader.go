package crm

import (
	"fmt"
	"strings"
)

// A file without a header line (docs/import.md, "Files nearly right"): a
// database dump (MySQL's SELECT … INTO OUTFILE) starts with data. When its
// first line maps onto no kind and looks like data, the import says so,
// and the user names the columns (Options.Header).

// NoHeader is a file whose first line looks like data, not a header.
type NoHeader struct {
	Columns int      // how many columns line 1 has
	First   []string // its first cells, at most six
	// Guess names the columns where line 1 makes it plain (an id first, a
	// stage label, an amount, a name), "_" elsewhere: an example to edit.
	Guess []string
}

func (e *NoHeader) Error() string {
	cells := make([]string, len(e.First))
	for i, c := range e.First {
		cells[i] = `"` + c + `"` // as written: \N stays \N
	}
	return fmt.Sprintf("line 1 looks like data, not a header: it reads %s (%d columns)", strings.Join(cells, ", "), e.Columns)
}

// HeaderWidth is a header given for a file (Options.Header) that names
// another number of columns than line 1 has.
type HeaderWidth struct{ Given, Found int }

func (e *HeaderWidth) Error() string {
	return fmt.Sprintf("%d column names were given, but line 1 has %d columns", e.Given, e.Found)
}

// noHeader returns a *NoHeader when a first line that maps onto no kind
// looks like data: two or more of its cells are numbers, dates or MySQL's
// NULL (\N), one of them a date or a NULL, which headers never are.
func noHeader(line []string) *NoHeader {
	values, dates := 0, 0
	for _, c := range line {
		c = strings.TrimSpace(c)
		switch {
		case c == `\N` || looksDate(c):
			values++
			dates++
		case c != "" && isNumber(c):
			values++
		}
	}
	if values < 2 || dates == 0 {
		return nil
	}
	e := &NoHeader{Columns: len(line), First: line[:min(6, len(line))]}
	if len(line) > 6 {
		e.First = append(append([]string(nil), e.First...), "…")
	}
	e.Guess = guessNames(line)
	return e
}

// looksDate reports whether a cell is a date: ISO, or with the day or the
// month first.
func looksDate(c string) bool {
	if len(c) >= 10 && isoDate(c[:10]) {
		return true
	}
	_, ok := patternOf(c)
	return ok
}

func isNumber(c string) bool {
	_, err := ParseMoney(c, false)
	return err == nil
}

// guessNames names the columns of a first line of data where the value
// makes it plain: an id in the first column, the first stage label, the
// first amount with decimals, the first text after the id; "_" elsewhere.
func guessNames(line []string) []string {
	out := make([]string, len(line))
	named := map[string]bool{}
	name := func(i int, field string) {
		if !named[field] && out[i] == "" {
			out[i], named[field] = field, true
		}
	}
	for i, c := range line {
		c = strings.TrimSpace(c)
		switch {
		case c == "" || c == `\N` || looksDate(c):
		case i == 0 && !strings.ContainsAny(c, " \t"):
			name(i, "id")
		case isNumber(c) && strings.ContainsAny(c, ".,"):
			name(i, "amount")
		case isNumber(c):
		case isStageLabel(c):
			name(i, "stage")
		default:
			name(i, "name")
		}
		if out[i] == "" {
			out[i] = "_"
		}
	}
	return out
}

// isStageLabel reports whether a cell reads as a won or lost stage, or
// looks like an open one.
func isStageLabel(c string) bool {
	s, err := StageRules{}.labelStage(c)
	return err == nil && s != "open" || LooksOpen(c)
}
