package importer

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/salesgoal/salesgoal/store"
)

// MustOpen opens a new database in a temporary folder, closed when the
// test ends.
func MustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "salesgoal.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// sqlOf opens db's file a second time, to look at what the import wrote
// or to clear it; the tests of the engine check SQLite's own view (rows,
// schema, query plans), which store does not offer.
func sqlOf(tb testing.TB, db *store.DB) *sql.DB {
	tb.Helper()
	s, err := sql.Open("sqlite", "file:"+db.Path())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
