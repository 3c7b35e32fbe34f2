package store

import (
	"bytes"
	"context"
	"database/sql"
	"testing"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// countingTx counts the statements sent through it.
type countingTx struct {
	*sql.Tx
	n int
}

func (c *countingTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n++
	return c.Tx.ExecContext(ctx, q, args...)
}

func (c *countingTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n++
	return c.Tx.QueryContext(ctx, q, args...)
}

func (c *countingTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.n++
	return c.Tx.QueryRowContext(ctx, q, args...)
}

// blobStep is a step of TestBlobBatch: what Get returns (nil for a
// Put), and the statements sent so far.
type blobStep struct {
	what  string
	do    func() ([]byte, error)
	want  []byte
	stmts int
}

func runBlobSteps(t *testing.T, q *countingTx, steps []blobStep) {
	t.Helper()
	for _, s := range steps {
		got, err := s.do()
		if err != nil || !bytes.Equal(got, s.want) || q.n != s.stmts {
			t.Errorf("%s: %q, %v, %d statements; want %q, %d", s.what, got, err, q.n, s.want, s.stmts)
		}
	}
}

// TestBlobBatch: on PostgreSQL the rollups' blobs are read and written
// in batches (pg_rollups.go). Each step gives what Get returns and how
// many statements it took in all so far.
func TestBlobBatch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenPostgres(t)
	a, b := []byte("day 1"), []byte("cycles 1")

	// A table that held nothing: one question, then nothing is read but
	// what the batch itself wrote.
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := &countingTx{Tx: tx}
	table := &blobTable{ctx: ctx, q: q, batch: newBatch()}
	runBlobSteps(t, q, []blobStep{
		{"a day, first", func() ([]byte, error) { return table.Get(rollup.KindDay, 1) }, nil, 1}, // is the table empty?
		{"another day", func() ([]byte, error) { return table.Get(rollup.KindDay, 2) }, nil, 1},
		{"a month's cycles", func() ([]byte, error) { return table.Get(rollup.KindCycles, 1) }, nil, 1},
		{"a day put", func() ([]byte, error) { return nil, table.Put(rollup.KindDay, 1, a) }, nil, 1},
		{"the day put, waiting", func() ([]byte, error) { return table.Get(rollup.KindDay, 1) }, a, 1},
		{"cycles put, a key put", func() ([]byte, error) {
			if err := table.Put(rollup.KindCycles, 1, b); err != nil {
				return nil, err
			}
			return nil, table.PutKey(1, rollup.Key{Owner: "ann", Team: "east", Currency: "USD"}, rollup.Counters{Deals: 3})
		}, nil, 1},
		{"a day deleted that was never written", func() ([]byte, error) { return nil, table.Put(rollup.KindDay, 3, nil) }, nil, 1},
		{"flush: the keys, the blobs", func() ([]byte, error) { return nil, table.flush() }, nil, 3},
		{"the day written, read back", func() ([]byte, error) { return table.Get(rollup.KindDay, 1) }, a, 4},
		{"a day never written", func() ([]byte, error) { return table.Get(rollup.KindDay, 2) }, nil, 4},
	})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var owner string
	var deals int64
	if err := db.db.QueryRowContext(ctx, `SELECT owner, deals FROM rollup_keys WHERE id = 1`).Scan(&owner, &deals); err != nil || owner != "ann" || deals != 3 {
		t.Errorf("key 1: %q, %d deals, %v; want ann, 3", owner, deals, err)
	}

	// A table with rows: a window of slots read ahead for each kind, so
	// a month's cycles between its days do not throw the days' away.
	tx, err = db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	q = &countingTx{Tx: tx}
	table = &blobTable{ctx: ctx, q: q, batch: newBatch()}
	runBlobSteps(t, q, []blobStep{
		{"a day", func() ([]byte, error) { return table.Get(rollup.KindDay, 1) }, a, 2}, // is it empty, the days' window
		{"a month's cycles", func() ([]byte, error) { return table.Get(rollup.KindCycles, 1) }, b, 3},
		{"the next day, in the days' window", func() ([]byte, error) { return table.Get(rollup.KindDay, 2) }, nil, 3},
		{"the cycles again, in theirs", func() ([]byte, error) { return table.Get(rollup.KindCycles, 1) }, b, 3},
	})
}
