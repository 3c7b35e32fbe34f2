package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"

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
}

var _ measure.Source = (*Snapshot)(nil)

// Snapshot returns a view of the data whose read transaction begins when
// it is first read. Commands measure through one, so that every number
// they print comes from the same data.
func (db *DB) Snapshot() *Snapshot {
	s := &Snapshot{db: db}
	s.Source = rollup.NewSource(loader{s.query})
	db.mu.Lock()
	db.snaps = append(db.snaps, s)
	db.mu.Unlock()
	return s
}

// query is the read transaction, begun the first time.
func (s *Snapshot) query(ctx context.Context) (DBTX, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.done:
		return nil, fmt.Errorf("read the data: the snapshot was closed")
	case s.tx != nil:
		return s.tx, nil
	}
	conn, err := s.db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("read the data: %w", err)
	}
	s.conn, s.tx = conn, tx
	return tx, nil
}

// Goal returns the saved goal with the given id.
func (s *Snapshot) Goal(ctx context.Context, id int64) (goal.Goal, error) { return s.db.Goal(ctx, id) }

// Close ends the read transaction.
func (s *Snapshot) Close() {
	s.mu.Lock()
	if s.tx != nil {
		_ = s.tx.Rollback()
		s.conn.Close()
	}
	s.tx, s.conn, s.done = nil, nil, true
	s.mu.Unlock()
	s.db.mu.Lock()
	s.db.snaps = slices.DeleteFunc(s.db.snaps, func(x *Snapshot) bool { return x == s })
	s.db.mu.Unlock()
}
