package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/rollup"
	"github.com/salesgoal/salesgoal/measure"
)

// Snapshot is one consistent view of the data for a measurement: every
// rollup it reads comes through one read transaction on one connection,
// begun at its first read, so that an import committed meanwhile is seen
// whole or not at all. It implements measure.Source. It ends with Close,
// or when its DB is closed.
type Snapshot struct {
	*rollup.Source
	db   *DB
	mu   sync.Mutex
	conn *sql.Conn
	tx   *sql.Tx
	done bool
	// slots is the statement that reads blobs beneath the driver, once
	// prepared, and blob the buffer each is copied into (rollups_raw.go).
	slots *rawStmt
	blob  []byte
	// rates is the statement that reads a currency's rates beneath the
	// driver, once prepared (rates_raw.go).
	rates *rawStmt
	// pass is set while a pass reads beneath the driver, closing once
	// Close has begun.
	pass, closing atomic.Bool
}

// errClosed is the error of a read of a closed snapshot.
var errClosed = errors.New("read the data: the snapshot was closed")

var _ measure.Source = (*Snapshot)(nil)

// Snapshot returns a view of the data whose read transaction begins when
// it is first read. Commands measure through one, so that every number
// they print comes from the same data.
func (db *DB) Snapshot() *Snapshot {
	s := &Snapshot{db: db}
	s.Source = rollup.NewSource(loader{q: s.query, raw: s.rawSlots, rawRates: s.rawRates})
	db.mu.Lock()
	db.snaps = append(db.snaps, s)
	db.mu.Unlock()
	return s
}

// query is the read transaction, begun the first time.
func (s *Snapshot) query(ctx context.Context) (DBTX, error) {
	if s.pass.Load() {
		return nil, errInPass
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.done:
		return nil, errClosed
	case s.tx != nil:
		return s.tx, nil
	}
	conn, err := s.db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// A measurement reads each day's rollup once a pass, and a pass over
	// more days than a small cache holds would miss in a large one too:
	// SQLite's default 2 MB of cache bought it no time, only memory
	// (docs/architecture.md, "Memory"). Close gives the default back.
	if _, err := conn.ExecContext(ctx, s.db.sqliteOnly(snapshotCache)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("read the data: %w", err)
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		s.release(conn)
		return nil, fmt.Errorf("read the data: %w", err)
	}
	s.conn, s.tx = conn, tx
	return tx, nil
}

// The page caches of a snapshot's connection: 512 KiB, and SQLite's
// default of 2 MB (2,000 KiB) again for whatever the pool gives the
// connection to next.
const (
	snapshotCache = `PRAGMA cache_size = -512`
	defaultCache  = `PRAGMA cache_size = -2000`
)

// release gives the connection back to the pool with the default cache.
func (s *Snapshot) release(conn *sql.Conn) {
	_, _ = conn.ExecContext(context.Background(), s.db.sqliteOnly(defaultCache))
	conn.Close()
}

// Goal returns the saved goal with the given id.
func (s *Snapshot) Goal(ctx context.Context, id int64) (goal.Goal, error) { return s.db.Goal(ctx, id) }

// Close ends the read transaction.
func (s *Snapshot) Close() {
	s.closing.Store(true)
	s.mu.Lock()
	if s.tx != nil {
		s.closeSlots()
		_ = s.tx.Rollback()
		s.release(s.conn)
	}
	s.tx, s.conn, s.done = nil, nil, true
	s.mu.Unlock()
	s.db.mu.Lock()
	s.db.snaps = slices.DeleteFunc(s.db.snaps, func(x *Snapshot) bool { return x == s })
	s.db.mu.Unlock()
}
