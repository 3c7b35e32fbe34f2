package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/rollup"
	"github.com/salesgoal/salesgoal/measure"
)

// Snapshot is one consistent view of the data for a measurement: every
// rollup it reads comes through one read transaction on one connection,
// so that an import committed meanwhile is seen whole or not at all. It
// implements measure.Source; the caller closes it.
type Snapshot struct {
	*rollup.Source
	db   *DB
	conn *sql.Conn
	tx   *sql.Tx
}

var _ measure.Source = (*Snapshot)(nil)

// Snapshot begins a read transaction for a measurement.
func (db *DB) Snapshot(ctx context.Context) (*Snapshot, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("read the data: %w", err)
	}
	return &Snapshot{Source: rollup.NewSource(loader{tx}), db: db, conn: conn, tx: tx}, nil
}

// Goal returns the saved goal with the given id.
func (s *Snapshot) Goal(ctx context.Context, id int64) (goal.Goal, error) { return s.db.Goal(ctx, id) }

// Close ends the read transaction.
func (s *Snapshot) Close() {
	_ = s.tx.Rollback()
	s.conn.Close()
}
