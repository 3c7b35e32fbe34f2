package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"io"

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
//
// SQLite lets a transaction write while it reads the rows of a query
// (the rollups are built while the deals are read); a PostgreSQL
// connection reads one result at a time. So a statement sent while a
// query's rows are still being read first reads the rest of them into
// memory (pgRows.drain), from which they are then handed on.
type pgConn struct {
	*stdlib.Conn
	open *pgRows // the rows being read, if any
}

// pgx is the native connection (COPY), free for a statement.
func (c *pgConn) pgx() (*pgx.Conn, error) {
	if err := c.drain(); err != nil {
		return nil, err
	}
	return c.Conn.Conn(), nil
}

// drain reads the rest of the open rows, if any.
func (c *pgConn) drain() error {
	if c.open == nil {
		return nil
	}
	r := c.open
	c.open = nil
	return r.drain()
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.drain(); err != nil {
		return nil, err
	}
	st, err := c.Conn.PrepareContext(ctx, pgQuery(query))
	if err != nil {
		return nil, err
	}
	return &pgStmt{Stmt: st.(*stdlib.Stmt), c: c}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.drain(); err != nil {
		return nil, err
	}
	return c.Conn.ExecContext(ctx, pgQuery(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.drain(); err != nil {
		return nil, err
	}
	return c.rows(c.Conn.QueryContext(ctx, pgQuery(query), args))
}

// rows keeps the rows a query returned as the open ones.
func (c *pgConn) rows(r driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, err
	}
	c.open = &pgRows{Rows: r, c: c}
	return c.open, nil
}

// pgStmt is a prepared statement of a pgConn.
type pgStmt struct {
	*stdlib.Stmt
	c *pgConn
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := s.c.drain(); err != nil {
		return nil, err
	}
	return s.Stmt.ExecContext(ctx, args)
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if err := s.c.drain(); err != nil {
		return nil, err
	}
	return s.c.rows(s.Stmt.QueryContext(ctx, args))
}

// pgRows are the rows of a query, read from the server or, once another
// statement needed the connection, from memory.
type pgRows struct {
	driver.Rows
	c       *pgConn
	drained bool
	rest    [][]driver.Value
	err     error // what ended the reading, io.EOF at the end
}

func (r *pgRows) Next(dest []driver.Value) error {
	if !r.drained {
		return r.Rows.Next(dest)
	}
	if len(r.rest) == 0 {
		return r.err
	}
	copy(dest, r.rest[0])
	r.rest = r.rest[1:]
	return nil
}

func (r *pgRows) Close() error {
	if r.c.open == r {
		r.c.open = nil
	}
	if r.drained {
		return nil
	}
	return r.Rows.Close()
}

// drain reads the rest of the rows into memory and frees the connection.
func (r *pgRows) drain() error {
	n := len(r.Rows.Columns())
	for {
		row := make([]driver.Value, n)
		err := r.Rows.Next(row)
		if err != nil {
			r.err = err
			break
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok {
				row[i] = bytes.Clone(b)
			}
		}
		r.rest = append(r.rest, row)
	}
	r.drained = true
	if err := r.Rows.Close(); err != nil && r.err == io.EOF {
		r.err = err
	}
	return nil
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
	if err := c.drain(); err != nil {
		return nil, err
	}
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil || opts.ReadOnly {
		return tx, err
	}
	if _, err := c.Conn.Conn().Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLock)); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}
