package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// writeLock is the key of the advisory lock every writing transaction on
// PostgreSQL takes as it begins (pg_advisory_xact_lock, released at its
// commit or rollback): writers queue, as they do on SQLite, so that an
// import's read-change-write of the rollups' blobs never interleaves with
// another's, and two salesgoal processes never apply a migration twice.
// Readers are never blocked. The number is "salesgoal" in ASCII, cut to 63
// bits.
const writeLock = 0x73616c6573676f

// pgConnector hands database/sql connections that speak the store's SQL
// to PostgreSQL (pg_dialect.go) and take the write lock.
type pgConnector struct {
	inner driver.Connector
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: dc.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection whose statements are rewritten by pgQuery.
type pgConn struct {
	*stdlib.Conn
}

// pgx is the native connection (COPY).
func (c *pgConn) pgx() *pgx.Conn { return c.Conn.Conn() }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(context.Background(), pgQuery(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, pgQuery(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, pgQuery(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, pgQuery(query), args)
}

// CheckNamedValue passes values through as pgx takes them, but for a
// bool, which the schema keeps as an integer 0 or 1, as SQLite does.
func (c *pgConn) CheckNamedValue(v *driver.NamedValue) error {
	if b, ok := v.Value.(bool); ok {
		v.Value = int64(0)
		if b {
			v.Value = int64(1)
		}
	}
	return nil
}

// BeginTx begins a transaction. A reading one sees one snapshot of the
// data from its first statement to its end (repeatable read, as SQLite's
// read transactions do); a writing one first waits for the write lock.
func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly && sql.IsolationLevel(opts.Isolation) == sql.LevelDefault {
		opts.Isolation = driver.IsolationLevel(sql.LevelRepeatableRead)
	}
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil || opts.ReadOnly {
		return tx, err
	}
	if _, err := c.pgx().Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLock)); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}
