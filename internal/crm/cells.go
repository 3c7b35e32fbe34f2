package crm

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Canonical fields, numbered so that a line's cells are found by array
// index rather than by map lookup on the hot path.
const (
	fldID = iota
	fldName
	fldCustomer
	fldOwner
	fldTeam
	fldStage
	fldType
	fldAmount
	fldCost
	fldDiscount
	fldCurrency
	fldCreated
	fldClosed
	fldSegment
	fldAcquired
	fldChurned
	fldDate
	fldChannel
	fldCategory
	fldReactivatedAt
	fldReactivation
	fldStarted
	fldEnded
	fldStatus
	fldTrial
	nField
)

var fieldNames = [nField]string{"id", "name", "customer_id", "owner", "team", "stage", "type",
	"amount", "cost", "discount", "currency", "created_at", "closed_at",
	"segment", "acquired_at", "churned_at", "date", "channel", "category",
	"reactivated_at", "reactivation", "started_at", "ended_at", "status", "trial"}

var dateFields = []int{fldCreated, fldClosed, fldAcquired, fldChurned, fldDate, fldReactivatedAt, fldStarted, fldEnded}

// bad records a problem with field f of the line being converted.
func (r *Reader) bad(f int, format string, args ...any) {
	r.problems = append(r.problems, r.problemAt(r.line, f, fmt.Errorf(format, args...)))
}

// problemAt is a problem with field f on line: a column as the file names
// it, or a constant of Options.Set.
func (r *Reader) problemAt(line, f int, err error) *RowError {
	e := &RowError{File: r.opts.File, Line: line, Column: r.column(f), Err: err}
	switch r.at[f] {
	case constColumn:
		e.Column, e.Const = fieldNames[f], true
	case idFromColumn:
		e.IDFrom = true
	}
	return e
}

// column is the header of field f as written in the file, or the field's
// canonical name when the file does not carry it.
func (r *Reader) column(f int) string {
	switch i := r.at[f]; {
	case i >= 0:
		return r.header[i]
	case i == idFromColumn:
		return strings.Join(r.cols.IDFromHeaders(), ",")
	}
	return fieldNames[f]
}

// get is field f of the line without surrounding spaces; "" when not
// carried. An empty cell reads the field's fallback columns in turn.
func (r *Reader) get(f int) string {
	i := r.at[f]
	switch {
	case i == constColumn:
		return r.consts[f]
	case i == idFromColumn:
		return r.builtID()
	case i < 0:
		return ""
	}
	s := trim(r.rec[i])
	if s == "" {
		for _, j := range r.alt[f] {
			if s = trim(r.rec[j]); s != "" {
				break
			}
		}
	}
	return s
}

func (r *Reader) flag(name string) string {
	if i, ok := r.cols.Flags[name]; ok && i < len(r.rec) {
		return trim(r.rec[i])
	}
	return ""
}

// money parses field f as money in minor units; false when empty or
// invalid. A negative value is refused unless credit: a deal's amount may
// be a credit (docs/import.md), a cost or spend may not.
func (r *Reader) money(f int, what string, credit bool) (int64, bool) {
	s := r.get(f)
	if s == "" {
		return 0, false
	}
	m, err := ParseMoney(s, r.comma)
	if err != nil {
		r.bad(f, "%w", err)
		return 0, false
	}
	if m < 0 && credit {
		r.note(unusualNegativeAmount)
	} else if m < 0 {
		r.bad(f, "%q is negative: %s is 0 or more", s, what)
		return 0, false
	}
	return m, true
}

func (r *Reader) discount() (float64, bool) {
	s := r.get(fldDiscount)
	if s == "" {
		return 0, false
	}
	d, err := ParseDiscount(s, r.comma)
	if err != nil {
		r.bad(fldDiscount, "%w", err)
		return 0, false
	}
	if d < 0 || d > 100 {
		r.bad(fldDiscount, "%q is not a percentage between 0 and 100", s)
		return 0, false
	}
	return d, true
}

// currency is the line's currency column, else the file's default.
func (r *Reader) currency() string {
	s := r.get(fldCurrency)
	if s == "" {
		return r.opts.Currency
	}
	cur, err := row.CurrencyCode(s)
	if err != nil {
		r.bad(fldCurrency, "%w", err)
		return r.opts.Currency
	}
	return cur
}

// date parses field f into an ISO date: "" when empty or invalid; ok is
// false when invalid (a problem was recorded).
func (r *Reader) date(f int) (string, bool) {
	s := r.get(f)
	if s == "" {
		return "", true
	}
	if r.dates.Order == DateAuto && needsOrder(s) && r.dates.orderOf(trim(s)) == DateAuto {
		if r.nonISO == "" {
			r.nonISO = s
		}
		return "", false
	}
	if isoDate(s) {
		return s, true // the common case, without DateParser's formatting
	}
	d, err := r.dates.Parse(s)
	if err != nil {
		// Kept whole: ErrDateOrderUnknown makes the refusal name the way out.
		r.problems = append(r.problems, r.problemAt(r.line, f, err))
		return "", false
	}
	return d, true
}

// isoDate reports whether s is exactly a valid YYYY-MM-DD date, which
// DateParser would return unchanged.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + int(s[i]-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	return checkDate(y, m, d) == nil
}

// needsOrder reports whether s looks like a date with the day or the month
// first (31/01/2027, 1.31.27, 31-01-27), which needs the file's date order.
func needsOrder(s string) bool {
	s = trim(s)
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return (n == 1 || n == 2) && n < len(s) && strings.IndexByte("/.-", s[n]) >= 0
}

// trim is a cell without surrounding spaces; MySQL's NULL, \N, is empty
// (docs/import.md: a database dump).
func trim(s string) string {
	if len(s) == 2 && s[0] == '\\' && s[1] == 'N' {
		return ""
	}
	if len(s) > 0 && (s[0] == ' ' || s[len(s)-1] == ' ' || s[0] == '\t' || s[len(s)-1] == '\t') {
		return strings.TrimSpace(s)
	}
	return s
}

// builtID is the id of the line built from the columns of Options.IDFrom:
// their cells, without surrounding spaces, joined by "|"; "" when all are
// empty.
func (r *Reader) builtID() string {
	var b strings.Builder
	empty := true
	for k, i := range r.cols.IDFrom {
		if k > 0 {
			b.WriteByte('|')
		}
		c := trim(r.rec[i])
		empty = empty && c == ""
		b.WriteString(c)
	}
	if empty {
		return ""
	}
	return b.String()
}
