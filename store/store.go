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

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// BusyTimeout is how long, in milliseconds, a statement waits for another
// salesgoal process (an import, a cron report) to release the database.
const BusyTimeout = 30000

// ErrNotDatabase reports that the file at the database path is not a
// salesgoal database (not SQLite at all, or corrupted).
var ErrNotDatabase = errors.New("not a salesgoal database")

// DB is an open salesgoal database.
type DB struct {
	db   *sql.DB
	path string
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
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("database %s is a directory, not a file", path)
	} else if errors.Is(err, fs.ErrNotExist) {
		if err := create(path); err != nil {
			return nil, err
		}
	}
	// Pragmas go in the DSN so that every pooled connection gets them: a
	// PRAGMA run with Exec would configure only the one connection it ran on.
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, classify(path, err)
	}
	return db, nil
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

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }
