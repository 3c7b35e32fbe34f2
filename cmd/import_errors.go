package cmd

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// Package crm says what is wrong with a file without naming a flag of
// ours; this file says it the way the user reads it, with the flags that
// mend it.

// textError is err with the message the user reads.
type textError struct {
	text string
	err  error
}

func (e textError) Error() string { return e.text }
func (e textError) Unwrap() error { return e.err }

// importText is the message of an import error: a file's or a line's,
// told with the flags that mend it; any other error as it is.
func importText(err error) string {
	var fe *crm.FileError
	if errors.As(err, &fe) && fe.Error() == err.Error() {
		return fe.File + ": " + causeText(fe.Err)
	}
	var re *crm.RowError
	if errors.As(err, &re) && re.Error() == err.Error() {
		return problemText(re)
	}
	return causeText(err)
}

// problemText is a problem with a line: FILE:LINE: column "X": reason.
func problemText(p *crm.RowError) string {
	col := p.Column
	switch {
	case p.Const:
		col = "--set " + col
	case p.IDFrom:
		col = "--id-from " + col
	}
	if col == "" {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, causeText(p.Err))
	}
	return fmt.Sprintf("%s:%d: column %q: %s", p.File, p.Line, col, causeText(p.Err))
}

// warningText is a note on a file's header.
func warningText(w crm.Warning) string {
	if w.Field != "" {
		return fmt.Sprintf("--set %s=%s replaces column %q", w.Field, w.Value, w.Header)
	}
	return w.String()
}

// causeText is the message of what crm found wrong.
func causeText(err error) string {
	switch e := err.(type) {
	case *crm.GuessedKind:
		return fmt.Sprintf("read as a %s file (pass --kind if it is not), but %s", e.Kind, causeText(e.Err))
	case *crm.FieldError:
		if e.Const {
			return fmt.Sprintf("--set %s=%s: %v", e.Field, e.Value, e)
		}
		return fmt.Sprintf("--map %s=%q: %v", e.Field, e.Value, e)
	case *crm.NoColumnError:
		return fmt.Sprintf("--map %s=%q: %v", e.Field, e.Header, e)
	case *crm.ConstError:
		if e.Field == "id" {
			return fmt.Sprintf("--set id=%s: %v; name the id column with --map id=\"Your Header\"", e.Value, e)
		}
		return fmt.Sprintf("--set stage=%s: %v (for the CRM's own stage labels use --stage LABEL=won|lost|open)", e.Value, e)
	case *crm.MissingColumns:
		m := e.Missing[0]
		header := `"Your Header"`
		if len(m.Closest) > 0 {
			header = shellQuote(m.Closest[0])
		}
		hint := fmt.Sprintf("add --map %s=%s", m.Field, header)
		if len(e.Missing) == 1 && m.Field == "channel" {
			hint += " (a spend row needs the channel it was spent on)"
		}
		if len(e.IDFrom) > 0 && m.Field == "id" {
			hint += fmt.Sprintf(", or build an id from columns that together tell the deals apart: --id-from %s", shellQuote(strings.Join(e.IDFrom, ",")))
		}
		if e.Advice != "" {
			hint = e.Advice + ", or " + hint
		}
		return e.What() + ": " + hint
	case *crm.NoHeader:
		return fmt.Sprintf("%v: name its columns in order with --header, e.g. --header %s (a field name, or _ to skip a column)", e, shellQuote(strings.Join(e.Guess, ",")))
	case *crm.HeaderWidth:
		return fmt.Sprintf("--header: %v: name every column, _ for one to skip", e)
	case *crm.NoIDColumn:
		return fmt.Sprintf("--id-from %s: %v", shellQuote(e.Header), e)
	case *crm.UnknownKind:
		if s := e.Spend; s != nil && len(s.Wide) > 0 {
			return fmt.Sprintf("%s, e.g. --map amount=%q --set channel=%s", e.Text("(--set)"), s.Wide[0], s.Channel)
		}
		return e.Text("(--set)") + ": pass --kind deals|customers|spend|churn-events|subscriptions and --map field=\"Your Header\" for the missing columns, " +
			"or --set field=value for a column the file lacks (--set stage=won when every row is a won deal)"
	case *crm.NotAKind:
		switch {
		case e.What == crm.Subscriptions:
			return fmt.Sprintf("%v: give its customer and start columns with --map customer_id=\"Header\" --map started_at=\"Header\"", e)
		case e.What == crm.Transactions:
			return fmt.Sprintf("%v: to read each line as a won deal, pass --kind deals with --map id=%q --set stage=won and --map for its amount and dates", e, e.Column)
		case e.What == crm.Expenses:
			return fmt.Sprintf("%v (--set channel=NAME)", e)
		}
		return e.Error()
	}
	if in := sameText(err); in != nil {
		return causeText(in)
	}
	return err.Error() + advice(err)
}

// sameText is the error err wraps without adding to its message (crm marks
// errors with a sentinel this way), or nil.
func sameText(err error) error {
	var in error
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		if all := u.Unwrap(); len(all) > 0 {
			in = all[0]
		}
	case interface{ Unwrap() error }:
		in = u.Unwrap()
	}
	if in != nil && in.Error() == err.Error() {
		return in
	}
	return nil
}

// advice is what ends the message of a value or a file that a flag
// mends.
func advice(err error) string {
	var dc *crm.DecimalCommaError
	var nd *crm.NoStoredDate
	var conflict *crm.ConflictingDates
	var ambiguous *crm.AmbiguousDates
	switch {
	case errors.As(err, &dc) && dc.Discount:
		return ", pass --decimal-comma"
	case errors.As(err, &dc):
		return ": pass --decimal-comma"
	case errors.As(err, &nd):
		return ": add --map closed_at=\"Your Header\""
	case errors.Is(err, crm.ErrDateOrderUnknown), errors.As(err, &ambiguous):
		return ": pass --date-format dmy or --date-format mdy"
	case errors.As(err, &conflict):
		return ": fix the file, or pass --date-format to say which is right"
	}
	return ""
}

// refused turns the error of a refused file into what the user reads:
// that it changed nothing, which files before it stay imported, and what
// to do.
func refused(name string, done []string, dryRun bool, err error) error {
	var what string
	switch {
	case dryRun:
		what = "dry run: nothing was written"
	case len(done) > 0:
		what = fmt.Sprintf("the database was not changed by it; %s, imported before it, stay imported", strings.Join(done, ", "))
	default:
		what = "the database was not changed"
	}
	var hint string
	switch {
	case errors.As(err, new(*store.LimitError)):
		e := error(textError{importText(err) + " (" + what + ")", err})
		if errors.Is(err, crm.ErrInvalidRow) { // the row is printed already
			e = errors.New(name + " was refused: " + what)
		}
		return withHint(e, "the amounts (or costs, or spend) of one currency may add up to at most %s in one database, so that every sum salesgoal prints is exact: keep that currency's data in a database of its own (--db), or split it by team or by year",
			row.FormatMoney(row.MaxMoney))
	case errors.Is(err, crm.ErrDateOrder):
		hint = "say how the dates are written: --date-format dmy (31/01/2027) or --date-format mdy (01/31/2027)"
	case errors.Is(err, crm.ErrInvalidRow):
		// The problems are printed already; keep the hints found on the way.
		if dryRun {
			what = "nothing was written (dry run)"
		}
		var e error = errors.New(name + " was refused: " + what)
		e = withHint(e, "fix those rows in the file and import it again, or pass --skip-invalid to import the valid rows and list the others")
		// The hints found on the way are more specific: they come first.
		var found []string
		for x := err; x != nil; x = errors.Unwrap(x) {
			if he, ok := x.(hintError); ok {
				found = append(found, he.hint)
			}
		}
		for _, h := range slices.Backward(found) {
			e = withHint(e, "%s", h)
		}
		return e
	case errors.Is(err, crm.ErrNotAnExport):
		return textError{importText(err) + " (" + what + ")", err} // the message says what to do
	case errors.Is(err, importer.ErrReplaceKind):
		hint = "--replace deletes deals only: import customers and spend files without it"
	case errors.As(err, new(*crm.NoHeader)):
		hint = "a file without a header line (a database dump) needs --header; or export it again with its header line"
	case errors.Is(err, crm.ErrInvalidFile):
		hint = "check that this is a deals, customers or spend export; --kind, --preset and --map field=Header say what the columns are (see 'salesgoal import --help')"
	default:
		return textError{importText(err) + " (" + what + ")", err}
	}
	return withHint(textError{importText(err) + " (" + what + ")", err}, "%s", hint)
}
