package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/salesgoal/salesgoal/internal/pgtest"
)

// MustOpen opens a new database in a temporary folder, closed when the
// test ends.
func MustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "salesgoal.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenPostgres opens a new database of its own on the test server
// (pgtest), dropped when the test ends; without a server the test skips.
func MustOpenPostgres(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), pgtest.NewDatabase(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// opener opens a new, empty database for a test.
type opener func(testing.TB) *DB

// forEngines runs test on a new SQLite database and on a new PostgreSQL
// one (skipped without a test server, pgtest.HowTo).
func forEngines(t *testing.T, test func(t *testing.T, open opener)) {
	t.Run("sqlite", func(t *testing.T) { test(t, MustOpen) })
	t.Run("postgres", func(t *testing.T) { test(t, MustOpenPostgres) })
}
