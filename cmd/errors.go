package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/salesgoal/salesgoal/store"
)

// Exit statuses (docs/architecture.md), listed in the root command's help.
const (
	exitOK      = 0
	exitFailure = 1 // invalid data, a refused goal, a broken database
	exitUsage   = 2 // wrong usage: unknown command or flag, bad flag value
	exitFailOn  = 3 // the --fail-on condition was met
)

// usageError is wrong usage of the command line: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// hintError carries a line saying what the user can do about err.
type hintError struct {
	err  error
	hint string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }
func (e hintError) Hint() string  { return e.hint }

// withHint attaches a hint to err.
func withHint(err error, format string, args ...any) error {
	return hintError{err: err, hint: fmt.Sprintf(format, args...)}
}

// exitError ends the command with a status other than 1 and no message of
// its own: the command already printed what the user needs.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errSilent is a failure whose explanation the command has already printed
// (an import that listed its problems): exit status 1, nothing more to say.
var errSilent = errors.New("failed")

// report prints err for the user as `salesgoal: error: …` plus any
// `salesgoal: hint: …` lines, and returns the exit status it maps to. It is
// the one place where errors become exit statuses.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, errSilent) {
		return exitFailure
	}
	tell(w, "error", "%s", strings.TrimSpace(err.Error()))
	for _, h := range hints(err) {
		tell(w, "hint", "%s", h)
	}
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

// tell writes one line for the user, on stderr as a rule, in salesgoal's
// voice: "salesgoal: error: …", "salesgoal: hint: …", "salesgoal: warning:
// …", "salesgoal: note: …", or with an empty label just "salesgoal: …".
// Every such line goes through here.
func tell(w io.Writer, label, format string, args ...any) {
	prefix := "salesgoal: "
	if label != "" {
		prefix += label + ": "
	}
	fmt.Fprintf(w, prefix+format+"\n", args...)
}

// hints collects every hint in err's chain, outermost first, and adds the
// standard advice for the store's sentinel errors.
func hints(err error) []string {
	var hs []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		if h, ok := e.(interface{ Hint() string }); ok && h.Hint() != "" {
			hs = append(hs, h.Hint())
		}
	}
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		hs = append(hs, "upgrade salesgoal (go install github.com/salesgoal/salesgoal@latest); the database was not changed")
	case errors.Is(err, store.ErrNotDatabase):
		hs = append(hs, "point --db (or $SALESGOAL_DB) at a salesgoal database, or at a new file to create one; if this was your database, it is damaged: restore it from a backup (see 'salesgoal backup --help')")
	case errors.Is(err, store.ErrIsFolder):
		hs = append(hs, "point --db (or $SALESGOAL_DB) at a file in that folder, such as salesgoal.db")
	}
	// The database file's own faults, told apart by SQLite's result code.
	switch store.Fault(err) {
	case store.ErrBusy:
		hs = append(hs, "another salesgoal (an import, a goal change, a backup) kept the database locked for longer than the wait; try again when it has finished, or wait longer with SALESGOAL_BUSY_TIMEOUT=5m")
	case store.ErrReadOnly:
		hs = append(hs, "the database file (or its folder) is read-only for you: status, metrics and report still work; to change the data, make both writable (chmod u+w), or use a copy you own")
	case store.ErrDamaged:
		if !errors.Is(err, store.ErrNotDatabase) {
			hs = append(hs, "the database file is damaged: restore it from a backup (see 'salesgoal backup --help'), or recover what is left with: sqlite3 FILE .recover | sqlite3 NEW.db")
		}
	case store.ErrDiskFull:
		hs = append(hs, "the disk is full: free some space and try again; nothing was half-written")
	}
	var ue usageError
	if len(hs) == 0 && errors.As(err, &ue) {
		hs = append(hs, "run 'salesgoal help' (or add --help to the command) for usage")
	}
	return hs
}
