// Package store keeps salesgoal's data in one SQLite file: the imported
// deals, customers and spend, the goals, the settings and the import log.
// It is the only package that speaks SQL; it answers with aggregates
// computed inside SQLite, never by loading every row into Go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// BusyTimeout is how long, in milliseconds, a statement waits for another
// salesgoal process (an import, a cron report) to release the database.
const BusyTimeout = 30000

// ErrNotDatabase reports that the file at the database path is not a
// salesgoal database (not SQLite at all, corrupted, or another program's).
var ErrNotDatabase = errors.New("not a salesgoal database")

// ErrIsFolder reports a database path that names a folder.
var ErrIsFolder = errors.New("is a folder, not a database file")

// Faults of the database file itself, as Fault names them.
var (
	// ErrBusy: another connection (an import, a backup) held the write
	// lock for longer than the busy timeout.
	ErrBusy = errors.New("the database is busy")
	// ErrReadOnly: the file (or its folder) cannot be written by this user.
	ErrReadOnly = errors.New("the database is read-only")
	// ErrDamaged: SQLite found the file corrupted.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrDiskFull: the disk holding the database is full.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDiskIO: reading or writing the file failed: a full disk or a
	// quota or file size limit reached, as often as a failing disk.
	ErrDiskIO = errors.New("reading or writing the disk failed")
	// ErrOverflow: sums of amounts went beyond what SQLite's integers
	// hold, which only amounts imported by an older salesgoal, before
	// imports were limited, can do (docs/import.md).
	ErrOverflow = errors.New("the amounts add up to more than salesgoal can sum")
)

// Errors of opening.
var (
	// ErrNoDatabase: there is no file at the path, and the caller did not
	// ask for one to be created.
	ErrNoDatabase = errors.New("no database")
	// ErrNoSchema: the file holds no salesgoal schema — it is empty, or
	// the write that was creating it never finished (a full disk) — so it
	// is a broken database, not an empty one.
	ErrNoSchema = errors.New("the file holds no salesgoal data")
	// ErrPendingWAL: the database's -wal file holds changes not yet
	// written into it, and its folder is read-only, so SQLite can neither
	// read them nor finish them.
	ErrPendingWAL = errors.New("its -wal file holds changes that a read-only folder keeps from being read")
)

// DB is an open salesgoal database.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
	engine   Engine // "" is SQLite
	mu       sync.Mutex
	snaps    []*Snapshot // closed with the database
	// unlinked, while set, is the private file a new database is being
	// made in; path is where it goes (unlinked.go).
	unlinked *unlinked
}

// Options tune OpenWith.
type Options struct {
	// BusyTimeout is how long a statement waits for another salesgoal to
	// release the database; 0 means BusyTimeout milliseconds.
	BusyTimeout time.Duration
	// Create makes a database (mode 0600, and its folder 0700) where there
	// is no file; without it a missing file is ErrNoDatabase.
	Create bool
	// Write says the caller means to write. A database file this user
	// does not own, or that others may write, is then refused
	// (safefile.ErrNotYours, safefile.ErrOpenToOthers) instead of being
	// opened read-only; and with Create, a file that holds no schema yet
	// is given one instead of being refused with ErrNoSchema.
	Write bool
	// LinkOnImport, with Create, makes a missing database in a private
	// file that is linked into place when the first import into it
	// commits (unlinked.go); closed before that, it leaves no file.
	LinkOnImport bool
}

// DBTX is what the store's helpers need to run SQL: satisfied by both
// *sql.DB and *sql.Tx, so the same helper serves inside and outside an import.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// classify turns SQLite's "not a database" and "corrupt" codes into
// ErrNotDatabase, matched by code rather than by message text.
func classify(path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s: %w", safefile.Quote(path), ErrNotDatabase)
		}
	}
	return err
}

// Fault names what err says about the database file itself, by SQLite's
// result code: ErrBusy, ErrReadOnly, ErrDamaged (also for a file that is
// not a database), ErrDiskFull; nil for anything else.
func Fault(err error) error {
	if f := pgFault(err); f != nil {
		return f
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		for _, f := range []error{ErrBusy, ErrReadOnly, ErrDamaged, ErrDiskFull, ErrDiskIO, ErrOverflow} {
			if errors.Is(err, f) {
				return f
			}
		}
		return nil
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return ErrBusy
	case sqlite3.SQLITE_READONLY:
		return ErrReadOnly
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return ErrDamaged
	case sqlite3.SQLITE_FULL:
		return ErrDiskFull
	case sqlite3.SQLITE_PERM:
		return ErrReadOnly
	case sqlite3.SQLITE_IOERR:
		return ErrDiskIO
	case sqlite3.SQLITE_ERROR:
		// SQLite has no code of its own for an integer overflow in SUM.
		if strings.Contains(se.Error(), "integer overflow") {
			return ErrOverflow
		}
	}
	return nil
}

// ReadOnly reports whether the database was opened read-only because this
// user cannot write its file.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Path is the file the database lives in; for PostgreSQL, its URL
// without the password.
func (db *DB) Path() string { return db.path }

// Engine is the kind of database: SQLite or PostgreSQL.
func (db *DB) Engine() Engine {
	if db.engine == "" {
		return SQLite
	}
	return db.engine
}

// server reports whether the database is on a PostgreSQL server.
func (db *DB) server() bool { return db.engine == PostgreSQL }

// sqliteOnly is a statement that tunes SQLite (a PRAGMA), or on
// PostgreSQL one that does nothing.
func (db *DB) sqliteOnly(query string) string {
	if db.server() {
		return `SELECT 1`
	}
	return query
}

// Close closes the database, and the snapshots read from it.
func (db *DB) Close() error {
	db.mu.Lock()
	snaps := db.snaps
	db.snaps = nil
	db.mu.Unlock()
	for _, s := range snaps {
		s.Close()
	}
	err := db.db.Close()
	if db.unlinked != nil {
		_ = db.unlinked.waitSync()
		removeDatabase(db.unlinked.name) // never linked: nothing is left
		db.unlinked = nil
	}
	return err
}

// marks is n placeholders of a statement, tuple each ("?" or "(?, 1)"),
// between commas.
func marks(tuple string, n int) string {
	return strings.Repeat(tuple+", ", n-1) + tuple
}
