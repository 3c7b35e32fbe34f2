package crm

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The errors of reading a header. Their messages say what is wrong with
// the file and name no command-line flag: the command that reads them
// knows how its user gives a kind, a column or a constant, and says so.

// FieldError is a field named for a column (Mapping.Map) or a constant
// (Mapping.Set, Const) that the file's kind does not have, or that no
// kind has (Kind "": checked before any file is read).
type FieldError struct {
	Const  bool
	Field  string   // as given
	Value  string   // the header or the constant given for it
	Kind   row.Kind // "" when no kind has it
	Fields []string // the fields to choose from
}

func (e *FieldError) Error() string {
	if e.Kind == "" {
		return fmt.Sprintf("%q is not a field (fields: %s)", e.Field, strings.Join(e.Fields, ", "))
	}
	return fmt.Sprintf("%q is not a field of %s (choose from: %s)", e.Field, e.Kind, strings.Join(e.Fields, ", "))
}

// NoColumnError is a header given for Field (Mapping.Map) that the file
// does not have.
type NoColumnError struct {
	Field, Header string
	Columns       []string // the file's headers
}

func (e *NoColumnError) Error() string {
	return fmt.Sprintf("the file has no column %q (its columns: %s)", e.Header, quoteList(e.Columns))
}

// ConstError is a constant (Mapping.Set) that cannot be: an id, which
// would be the same on every row, or a stage other than won, lost or open,
// which would make every deal open (docs/import.md: any other label is an
// open stage).
type ConstError struct{ Field, Value string }

func (e *ConstError) Error() string {
	if e.Field == "id" {
		return "every row would have the same id"
	}
	return "give won, lost or open"
}

// MissingColumns names the required fields a file has no column for.
type MissingColumns struct {
	Kind    row.Kind
	Missing []Missing
	Headers []string // the file's own headers
	// Advice is the CRM's own way to add a missing id column
	// (Preset.MissingID), or "".
	Advice string
	// IDFrom, when the id is missing: the headers of the columns that
	// could build one (a name, a customer, a date), best first.
	IDFrom []string
}

// Missing is a field without a column, the headers looked for, and the
// file's headers closest to them (not read for another field).
type Missing struct {
	Field, LookedFor string
	Closest          []string
}

// What lists the missing columns, the headers looked for, the file's own
// headers, and those closest to what was looked for.
func (e *MissingColumns) What() string {
	parts := make([]string, len(e.Missing))
	for i, m := range e.Missing {
		parts[i] = fmt.Sprintf("no column for %q (looked for: %s)", m.Field, m.LookedFor)
	}
	s := strings.Join(parts, "; ")
	if len(e.Headers) > 0 {
		s += "; the file's columns: " + quoteList(e.Headers)
	}
	for _, m := range e.Missing {
		if len(m.Closest) > 0 {
			s += fmt.Sprintf("; closest to %s: %s", m.Field, quoteList(m.Closest))
		}
	}
	return s
}

func (e *MissingColumns) Error() string {
	if e.Advice != "" {
		return e.What() + ": " + e.Advice
	}
	return e.What()
}

// GuessedKind is an error of a file whose kind was detected, not given:
// the file may be of another kind.
type GuessedKind struct {
	Kind row.Kind
	Err  error
}

func (e *GuessedKind) Error() string { return fmt.Sprintf("read as a %s file, but %v", e.Kind, e.Err) }
func (e *GuessedKind) Unwrap() error { return e.Err }

// UnknownKind is a header that fits no kind: what each kind needs, and
// what of spend the file has.
type UnknownKind struct {
	Stage, ID string // the headers looked for: a deals stage column, a customers id column
	// Spend, when the file has a date or an amount column: what it has of
	// a spend file, and lacks.
	Spend *SpendColumns
}

// SpendColumns is what a file has and lacks of a spend file.
type SpendColumns struct {
	Found   []Found
	Missing []Missing
	// Wide: the file has no amount column but one spend column per
	// channel (its headers), to import once per column, with Channel the
	// name the first suggests.
	Wide    []string
	Channel string
}

// Found is a field a file has: from the column Header, or a constant.
type Found struct {
	Field, Header string
	Const         bool
}

// Text is the message, with given after the field of a constant.
func (e *UnknownKind) Text(given string) string {
	msg := "cannot tell whether this is a deals, customers or spend file: " +
		fmt.Sprintf("deals need a stage column (looked for: %s); ", e.Stage) +
		fmt.Sprintf("customers an id column (looked for: %s); ", e.ID) +
		"spend a date, an amount and a channel column"
	if s := e.Spend; s != nil {
		var found, missing []string
		for _, f := range s.Found {
			if f.Const {
				found = append(found, fmt.Sprintf("%s %s", f.Field, given))
			} else {
				found = append(found, fmt.Sprintf("%s=%q", f.Field, f.Header))
			}
		}
		for _, m := range s.Missing {
			missing = append(missing, fmt.Sprintf("%s (looked for: %s)", m.Field, m.LookedFor))
		}
		msg += fmt.Sprintf(", and this file has %s but no %s", strings.Join(found, ", "), strings.Join(missing, " or "))
		if len(s.Wide) > 0 {
			msg += fmt.Sprintf(": it has one spend column per channel (%s): import it once per column", quoteList(s.Wide))
		}
	}
	return msg
}

func (e *UnknownKind) Error() string { return e.Text("(given)") }

// What a NotAKind file holds.
const (
	Subscriptions = "subscriptions"
	Transactions  = "transactions"
	Expenses      = "expenses"
	SalesPeople   = "sales people"
	PriceList     = "price list"
)

// NotAKind is a file of data salesgoal does not import (What), told by
// the column Column or by its whole Header.
type NotAKind struct {
	What, Column string
	Header       []string
}

func (e *NotAKind) Error() string {
	const kinds = "salesgoal does not import (it imports deals, customers, spend, churn events and subscriptions)"
	switch e.What {
	case Subscriptions:
		return fmt.Sprintf("this is a subscriptions file (column %q) without a customer or a start date, which salesgoal cannot read", e.Column)
	case Transactions:
		return fmt.Sprintf("this is a file of transactions or orders (column %q), which %s", e.Column, kinds)
	case Expenses:
		return fmt.Sprintf("this is a file of company expenses (column %q), which %s: "+
			"spend is marketing or sales spend by channel, for CAC; import a spend file, or keep only the marketing rows here and give them a channel", e.Column, kinds)
	case SalesPeople:
		return fmt.Sprintf("this is a list of sales people and their teams (%s), which %s: "+
			"a deal's team is read from the deals file, so add a team column to the deals export (in a spreadsheet: look the team up by owner) and import that", quoteList(e.Header), kinds)
	}
	return fmt.Sprintf("this is a product price list (%s), which %s: "+
		"a deal's amount is read from the deals file", quoteList(e.Header), kinds)
}

// Warning is a note on a file's header that does not stop its import:
// the header of Column repeats that of column First (the first is read),
// or a constant given for Field (Value) replaces the column Header.
type Warning struct {
	Column, First int // 1-based
	Header        string
	Field, Value  string
}

func (w Warning) String() string {
	if w.Field != "" {
		return fmt.Sprintf("the constant %s=%s replaces column %q", w.Field, w.Value, w.Header)
	}
	return fmt.Sprintf("column %d %q repeats column %d; the first is used", w.Column, w.Header, w.First)
}

// NoIDColumn is an id column given (Mapping.IDFrom) that the file does
// not have.
type NoIDColumn struct {
	Header  string
	Columns []string // the file's headers
}

func (e *NoIDColumn) Error() string {
	return fmt.Sprintf("the file has no column %q to build an id from (its columns: %s)", e.Header, quoteList(e.Columns))
}
