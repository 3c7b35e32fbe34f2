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
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// BusyTimeout is how long, in milliseconds, a statement waits for another
// salesgoal process (an import, a cron report) to release the database.
const BusyTimeout = 30000

// ErrNotDatabase reports that the file at the database path is not a
// salesgoal database (not SQLite at all, or corrupted).
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
)

// DB is an open salesgoal database.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
}

// Options tune Open.
type Options struct {
	// BusyTimeout is how long a statement waits for another salesgoal to
	// release the database; 0 means BusyTimeout milliseconds.
	BusyTimeout time.Duration
}

// DBTX is what the store's helpers need to run SQL: satisfied by both
// *sql.DB and *sql.Tx, so the same helper serves inside and outside an import.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the database at path, creating it (mode 0600, and its folder
// 0700) when it does not exist, and brings its schema up to date. A
// database written by a newer salesgoal is refused and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options. A file this user cannot write is opened
// read-only: reading works, and every write fails with an error that Fault
// names ErrReadOnly.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	readOnly := false
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("database %s: %w", path, ErrIsFolder)
	} else if errors.Is(err, fs.ErrNotExist) {
		if err := create(path); err != nil {
			return nil, err
		}
	} else if err == nil {
		readOnly = !writable(path)
	}
	wait := opts.BusyTimeout
	if wait <= 0 {
		wait = BusyTimeout * time.Millisecond
	}
	db, err := open(ctx, path, wait, readOnly, false)
	if err != nil && cannotWrite(err) && !hasWAL(path) {
		// SQLite cannot create the -wal and -shm files next to the
		// database (its folder is read-only), which even reading a WAL
		// database needs. With no -wal file, nobody is writing to it, so
		// it can be read as an immutable file.
		db, err = open(ctx, path, wait, true, true)
	}
	return db, err
}

// open opens the database with the given busy timeout, read-only or not,
// and brings its schema up to date.
func open(ctx context.Context, path string, wait time.Duration, readOnly, immutable bool) (*DB, error) {
	// Pragmas go in the DSN so that every pooled connection gets them: a
	// PRAGMA run with Exec would configure only the one connection it ran on.
	// With _txlock=immediate every transaction takes the write lock when it
	// begins, waiting for it through the busy handler, so two writers queue
	// instead of one failing when it upgrades a read to a write.
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", wait.Milliseconds()))
	if readOnly {
		q.Set("mode", "ro") // no journal_mode: switching it would write
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", fileURI(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path, readOnly: readOnly}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, classify(path, err)
	}
	return db, nil
}

// cannotWrite reports whether err is SQLite's refusal to write or to
// create a file.
func cannotWrite(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_READONLY || c == sqlite3.SQLITE_CANTOPEN
}

// hasWAL reports whether the database has a -wal file with content: a
// writer is at work, or one was killed before it checkpointed.
func hasWAL(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// create makes an empty database file readable by its owner only. SQLite
// gives the -wal and -shm files it creates later the same mode.
func create(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create database folder: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil // another salesgoal created it first
	}
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	return f.Close()
}

// writable reports whether this user may write the file at path. Only a
// refusal counts: any other error is left for SQLite to report.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return !errors.Is(err, fs.ErrPermission) && !errors.Is(err, syscall.EROFS)
	}
	f.Close()
	return true
}

// classify turns SQLite's "not a database" and "corrupt" codes into
// ErrNotDatabase, matched by code rather than by message text.
func classify(path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s: %w", path, ErrNotDatabase)
		}
	}
	return err
}

// Fault names what err says about the database file itself, by SQLite's
// result code: ErrBusy, ErrReadOnly, ErrDamaged (also for a file that is
// not a database), ErrDiskFull; nil for anything else.
func Fault(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		for _, f := range []error{ErrBusy, ErrReadOnly, ErrDamaged, ErrDiskFull} {
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
	}
	return nil
}

// ReadOnly reports whether the database was opened read-only because this
// user cannot write its file.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }
