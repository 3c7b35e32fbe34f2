package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/safefile"
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
	var ie interrupted
	if errors.As(err, &ie) {
		tell(w, "error", "%s", ie.Error())
		tell(w, "hint", "run the command again when you are ready")
		return ie.status()
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
// Every such line goes through here, and stays one line: what the
// arguments brought (a file name, a value) is made visible, so that a
// newline in it cannot forge a "salesgoal: hint:" line of its own.
func tell(w io.Writer, label, format string, args ...any) {
	prefix := "salesgoal: "
	if label != "" {
		prefix += label + ": "
	}
	fmt.Fprint(w, prefix+visible(fmt.Sprintf(format, args...))+"\n")
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
		hs = append(hs, "point --db (or $SALESGOAL_DB) at a salesgoal database, or at a new file to create one; if this was your database, it is damaged: restore it from a backup with 'salesgoal restore BACKUP' (which keeps this file aside)")
	case errors.Is(err, store.ErrNoSchema):
		hs = append(hs, "if this was your database, restore a backup with 'salesgoal restore BACKUP'; if it holds nothing you need (a first import that failed), remove it, and its -wal file, and import again")
	case errors.Is(err, store.ErrNoDatabase):
		hs = append(hs, "import your data first (salesgoal import deals.csv …), or point --db (or $SALESGOAL_DB) at your database")
	case errors.Is(err, store.ErrConnect):
		hs = append(hs, "check the URL's host, port and database (the database must exist: CREATE DATABASE NAME OWNER ROLE), that the server is running, and the password in PGPASSWORD or ~/.pgpass (README, \"Sharing with a team\")")
	case errors.Is(err, store.ErrIsFolder):
		hs = append(hs, "point --db (or $SALESGOAL_DB) at a file in that folder, such as salesgoal.db")
	case errors.Is(err, store.ErrPendingWAL):
		hs = append(hs, "make the database's folder writable (chmod u+w FOLDER), or run salesgoal as the user who can write there, so that those changes can be read; without them the numbers would be old")
	case errors.Is(err, store.ErrDatabaseTarget):
		hs = append(hs, "give another file name: the database and its -wal, -shm and -journal files are salesgoal's own; nothing was written")
	case errors.Is(err, store.ErrKeptInTheWay):
		hs = append(hs, "move that copy elsewhere (or remove it once you no longer need it) and run restore again; nothing was changed")
	case errors.Is(err, safefile.ErrNotYours):
		hs = append(hs, "salesgoal writes only files you own, so that nobody's file changes under your name: choose another file, or for a database copy it as yourself (cp FILE mine.db) and use --db mine.db; nothing was written")
	case errors.Is(err, safefile.ErrNotRegular):
		hs = append(hs, "give the name of a plain file: salesgoal writes a file whole, through a temporary file beside it, so not to a device or a pipe")
	case errors.Is(err, fs.ErrPermission):
		hs = append(hs, "you may not read or write that file or folder: check its owner and mode (ls -l), or use a copy you own")
	case errors.Is(err, safefile.ErrOpenToOthers):
		hs = append(hs, "anyone who can write the file can change your numbers: check it, make it yours alone (chmod go-w FILE), and run the command again; nothing was written")
	}
	// The database file's own faults, told apart by SQLite's result code.
	switch store.Fault(err) {
	case store.ErrBusy:
		hs = append(hs, "another salesgoal (an import, a goal change, a backup) kept the database locked for longer than the wait; try again when it has finished, or wait longer with SALESGOAL_BUSY_TIMEOUT=5m")
	case store.ErrReadOnly:
		hs = append(hs, "the database file (or its folder) is read-only for you: status, metrics and report still work; to change the data, make both writable (chmod u+w), or use a copy you own")
	case store.ErrNoPrivilege:
		hs = append(hs, "your PostgreSQL role may read this database but not change it: status, metrics and report still work; to import or set goals, connect as a role that owns the database (README, \"Sharing with a team\"); nothing was changed")
	case store.ErrDamaged:
		if !errors.Is(err, store.ErrNotDatabase) {
			hs = append(hs, "the database file is damaged: restore it from a backup with 'salesgoal restore BACKUP', or recover what is left with: sqlite3 FILE .recover | sqlite3 NEW.db")
		}
	case store.ErrDiskFull:
		hs = append(hs, "the disk is full: free some space and try again; nothing was half-written")
	case store.ErrDiskIO:
		hs = append(hs, "the disk may be full, or a quota or file size limit (ulimit -f) reached, or the disk failing: check with df -h, free some space and try again; nothing was half-written")
	case store.ErrOverflow:
		hs = append(hs, "the database holds amounts an older salesgoal accepted: import the exports again, and correct the amounts above "+row.FormatMoney(row.MaxMoney)+" that the import then names")
	}
	var ue usageError
	if len(hs) == 0 && errors.As(err, &ue) {
		hs = append(hs, "run 'salesgoal help' (or add --help to the command) for usage")
	}
	return hs
}
