package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Batch is up to batchRows rows of arguments for the upsert. It is filled
// on the goroutine that reads the file (Add), finished on a second one
// (Prepare) and written on the one that holds the transaction
// (ImportTx.Write), batch after batch in the file's order on each.
type Batch struct {
	plan  *plan
	args  []any
	width int
	n     int
	lines []int  // the line of each row, for the messages of the limit
	buf   []byte // the fingerprint's input (import_hash.go)
	// deals are the rows of a deals file as Add was given them: Prepare
	// turns them into arguments, off the goroutine that reads.
	deals []row.Deal
	// count, on the bulk path of deals, counts each row in the rollups
	// (Prepare: every row is new there, so the table need not be read);
	// err is the first error it met, which Write returns.
	count *ImportTx
	err   error
	boxes boxes // the transaction's, shared by its batches (Prepare runs on one goroutine)
	slab  slab  // the values of the deals' arguments (import_slab.go)
}

// NewBatch returns an empty batch for the transaction's rows.
func (t *ImportTx) NewBatch() *Batch {
	w := t.plan.width()
	b := &Batch{plan: t.plan, args: make([]any, batchRows*w), width: w, lines: make([]int, batchRows)}
	if t.plan.kind == row.KindDeals {
		if t.boxes == nil {
			t.boxes = boxes{}
		}
		b.deals, b.boxes = make([]row.Deal, batchRows), t.boxes
	}
	if t.plan.bulk && t.plan.kind == row.KindDeals {
		b.count = t
	}
	return b
}

// Len is the number of rows in the batch.
func (b *Batch) Len() int { return b.n }

// Reset empties the batch for reuse.
func (b *Batch) Reset() { b.n = 0 }

// Add appends a valid row of the file's kind, read from line, and
// reports whether the batch is full.
func (b *Batch) Add(r *row.Row, line int) bool {
	args := b.args[b.n*b.width : (b.n+1)*b.width]
	b.lines[b.n] = line
	switch b.plan.kind {
	case row.KindDeals:
		b.deals[b.n] = r.Deal
	case row.KindCustomers:
		for i, col := range b.plan.pick {
			args[i] = customerValue(&r.Customer, col)
		}
	case row.KindSpend:
		for i, col := range b.plan.pick {
			args[i] = spendValue(&r.Spend, col)
		}
	case row.KindChurnEvents:
		for i, col := range b.plan.pick {
			args[i] = eventValue(&r.Event, col)
		}
	case row.KindSubscriptions:
		for i, col := range b.plan.pick {
			args[i] = subValue(&r.Subscription, col)
		}
	}
	b.n++
	return b.n == batchRows
}

// Prepare finishes a batch of deals, which Write needs: each row's
// arguments, its fingerprint and, on the bulk path, its count in the
// rollups and in its customer's first won day. It runs between Add and
// Write on a goroutine of its own, given the batches in the file's order
// (the rollups' changes are counted in that order, the same on every
// run), so that reading the file, counting and the engine's writing
// overlap; the first error it meets is the batch's, which Write returns.
// Batches of other kinds are finished by Add.
func (b *Batch) Prepare() {
	if b.plan.kind != row.KindDeals {
		return
	}
	w := b.width
	b.slab.reset(batchRows)
	for i := range b.n {
		args, d := b.args[i*w:(i+1)*w], &b.deals[i]
		for j, col := range b.plan.pick {
			args[j] = b.dealValue(d, col)
		}
		args[len(b.plan.pick)] = b.slab.int64(b.fingerprint(args))
		if b.count != nil && b.err == nil {
			b.err = b.count.countNew(args, b.lines[i])
		}
	}
}

// inserter runs the upserts of one import inside its transaction. It
// talks to SQLite beneath the driver where it can (import_raw.go), or to
// the driver directly (sql.Conn.Raw): database/sql would check and
// convert each of the ~2,800 arguments of a batch, which its values
// (string, int64, float64, nil) do not need.
type inserter struct {
	ctx  context.Context
	conn *sql.Conn // the connection the transaction runs on
	plan *plan
	// stmts are prepared once for each number of rows: a full batch, and
	// the powers of two that fewer rows are upserted in (import_stmts.go);
	// raws likewise, beneath the driver.
	stmts    map[int]driver.Stmt
	raws     map[int]*rawStmt
	queries  map[string]*rawStmt // queries beneath the driver (query)
	raw      int                 // 0: not yet known; 1: beneath the driver; -1: through it
	args     []driver.NamedValue
	rows     int64      // rows given to the statements
	affected int64      // rows they inserted or changed
	copy     *copyMerge // PostgreSQL: rows go through COPY (pg_copy.go)
}

// exec upserts the n rows whose arguments are vals: a full batch in one
// statement, fewer in statements of a power of two rows each.
func (in *inserter) exec(vals []any, n int) error {
	w := in.plan.width()
	for n > 0 {
		k := n
		if n != batchRows {
			k = padded(n+1) / 2 // the largest power of two not above n
		}
		if err := in.execN(vals[:k*w], k); err != nil {
			return err
		}
		vals, n = vals[k*w:], n-k
	}
	return nil
}

// execN upserts, in one statement, the n rows whose arguments are vals.
func (in *inserter) execN(vals []any, n int) error {
	if err := in.ctx.Err(); err != nil {
		return err
	}
	if in.copy != nil {
		return in.copyRows(vals, n)
	}
	return in.conn.Raw(func(dc any) error {
		if in.known(dc) {
			return in.execRaw(dc, vals, n)
		}
		if cap(in.args) < len(vals) {
			in.args = make([]driver.NamedValue, len(vals))
			for i := range in.args {
				in.args[i].Ordinal = i + 1
			}
		}
		args := in.args[:len(vals)]
		for i, v := range vals {
			args[i].Value = v
		}
		stmt := in.stmts[n]
		if stmt == nil {
			st, err := dc.(driver.ConnPrepareContext).PrepareContext(in.ctx, in.plan.sql(n))
			if err != nil {
				return err
			}
			if in.stmts == nil {
				in.stmts = map[int]driver.Stmt{}
			}
			in.stmts[n], stmt = st, st
		}
		res, err := stmt.(driver.StmtExecContext).ExecContext(in.ctx, args)
		if err != nil {
			return err
		}
		for i := range args {
			args[i].Value = nil // let the batch's strings go
		}
		affected, err := res.RowsAffected()
		in.rows += int64(n)
		in.affected += affected
		return err
	})
}

func (in *inserter) close() {
	for n, st := range in.stmts {
		_ = in.conn.Raw(func(any) error { return st.Close() })
		delete(in.stmts, n)
	}
	for n, st := range in.raws {
		_ = in.conn.Raw(func(any) error { st.close(); return nil })
		delete(in.raws, n)
	}
	for q, st := range in.queries {
		_ = in.conn.Raw(func(any) error { st.close(); return nil })
		delete(in.queries, q)
	}
}
