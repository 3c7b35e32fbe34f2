package store

import (
	"context"
	"path/filepath"
	"testing"
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
