package store

import (
	"context"
	"testing"
)

// TestSnapshotCache: a snapshot reads through a page cache of 512 KiB
// (snapshot.go), and gives its connection back to the pool with SQLite's
// default of 2,000 KiB, which the next user of that connection finds.
func TestSnapshotCache(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	db.db.SetMaxOpenConns(1) // the one connection: the snapshot's, then the next user's
	cache := func(q DBTX) int64 {
		t.Helper()
		var n int64
		if err := q.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	s := db.Snapshot()
	q, err := s.query(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := cache(q); got != -512 {
		t.Errorf("in the snapshot: cache_size = %d, want -512", got)
	}
	s.Close()
	if got := cache(db.db); got != -2000 {
		t.Errorf("after it: cache_size = %d, want -2000", got)
	}
}
