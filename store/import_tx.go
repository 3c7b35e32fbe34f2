package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// ImportSpec says what one file writes.
type ImportSpec struct {
	File    string   // the name in messages and in the import log
	Kind    row.Kind // the table written
	Carried []string // the fields the file carries: only these change on a row that exists
	// CurrencyGiven: the user named the file's currency, so it may
	// overwrite a stored one.
	CurrencyGiven bool
	// NoBulk takes the upsert path even into an empty table (the file
	// repeats a key, which the bulk path would not name).
	NoBulk bool
	// Source, when set, is the source the file belongs to (sources.go):
	// recorded with its reading, and, for deals, in each deal it writes.
	Source *SourceSpec
	// Replace: the deals file is the whole of its source; the source's
	// deals it does not list are deleted (needs Source).
	Replace bool
	// SkipInvalid: churn events that contradict their customers' other
	// facts are left out (and listed) rather than refusing the file.
	SkipInvalid bool
}

// ImportTx writes one file's rows into the database in one transaction:
// all of them, or none, and the rollups with them. Rows are matched by id
// (spend by date and channel), and only the fields the file carries are
// changed. Batches are filled on any one goroutine (NewBatch, Batch.Add)
// and written on the transaction's (Write); Finish commits, Close rolls
// back what Finish did not commit.
type ImportTx struct {
	ctx       context.Context
	db        *DB
	spec      ImportSpec
	conn      *sql.Conn // one connection for the transaction and the driver-level inserts
	tx        *sql.Tx
	plan      *plan
	ins       *inserter
	before    int64 // customers or spend: rows in the table when the transaction began
	replacing bool  // Replace, with a source: the file's ids are kept in temp.replace_ids

	// The rollups (docs/architecture.md, "Rollups").
	keys    *rollup.Keys
	table   *blobTable
	changes *rollup.Changes
	tracker *rollup.Tracker // deals: the customers' first won days
	spills  *fileSpills     // PostgreSQL's bulk path: where the changes spill
	repeats *repeats        // SQLite's upsert path of deals: the ids met twice
	// stmts are the statements prepared once (import_stmts.go).
	stmts map[string]*sql.Stmt

	// Customers who leave and come back: those the file touched, and the
	// line being written (import_lifecycle.go).
	life      lifecycles
	line      int
	churnable churnable

	// What a deals file changed.
	rows, inserted, updated, implicit int64
	// Reused from batch to batch.
	boxes   boxes // deals: the values a column takes (Batch.Prepare)
	at      []int
	vals    []any
	ids     []any
	changed []dealChange
	hashes  map[string]int64 // storedHashes's answer, emptied for each batch
	lists   map[listKey]string
	stored  []storedDeal // readDeals's rows
}

// BeginImport starts the transaction of one file. An empty table takes the
// bulk path (import_bulk.go).
func (db *DB) BeginImport(ctx context.Context, spec ImportSpec) (*ImportTx, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", spec.File, err)
	}
	t := &ImportTx{ctx: ctx, db: db, spec: spec, conn: conn, plan: newPlan(spec.Kind, spec.Carried, spec.CurrencyGiven)}
	// A smaller page cache than SQLite's 2 MB: a large import writes its
	// pages out as it goes either way, and memory stays small
	// (docs/architecture.md, "Memory"). Close gives it back.
	if _, err := conn.ExecContext(ctx, db.sqliteOnly(`PRAGMA cache_size = -256; PRAGMA temp.cache_size = -128`)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("import %s: %w", spec.File, err)
	}
	if t.tx, err = conn.BeginTx(ctx, nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("import %s: %w", spec.File, err)
	}
	t.ins = &inserter{ctx: ctx, conn: conn, plan: t.plan}
	if db.server() {
		t.ins.copy = &copyMerge{}
	}
	if err := t.begin(); err != nil {
		t.Close()
		return nil, fmt.Errorf("import %s: %w", spec.File, err)
	}
	return t, nil
}

// begin reads what the transaction starts from: whether the table is
// empty, the source and the rollups' keys.
func (t *ImportTx) begin() error {
	var empty bool
	if err := t.tx.QueryRowContext(t.ctx, `SELECT NOT EXISTS (SELECT 1 FROM `+t.plan.table+`)`).Scan(&empty); err != nil {
		return err
	}
	if t.plan.kind != row.KindDeals {
		if err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM `+t.plan.table).Scan(&t.before); err != nil {
			return err
		}
	}
	if t.spec.Source != nil {
		id, err := t.saveSource(t.spec.Source)
		if err != nil {
			return err
		}
		if t.spec.Kind == row.KindDeals {
			t.plan.source = id
		}
	}
	if t.spec.Replace && t.spec.Kind == row.KindDeals && t.plan.source != 0 {
		if _, err := t.tx.ExecContext(t.ctx, `CREATE TEMP TABLE replace_ids (id TEXT PRIMARY KEY) WITHOUT ROWID`); err != nil {
			return err
		}
		t.replacing = true
	}
	t.plan.bulk = empty && !t.spec.NoBulk
	var err error
	if t.repeats, err = t.newRepeats(); err != nil {
		return err
	}
	if t.keys, err = loadKeys(t.ctx, t.tx); err != nil {
		return err
	}
	t.table = &blobTable{ctx: t.ctx, q: t.tx, raw: t.ins}
	if t.db.server() {
		t.table.batch = newBatch()
	}
	var table rollup.Table = t.table
	if t.db.server() && t.plan.bulk && t.plan.kind == row.KindDeals {
		t.spills = &fileSpills{blobTable: t.table} // the COPY holds the connection (pg_copy.go)
		table = t.spills
	}
	t.changes = rollup.NewChanges(t.keys, table, spillBudget)
	if t.plan.kind == row.KindDeals {
		t.tracker = rollup.NewTracker(empty)
		return t.loadChurnable()
	}
	return nil
}

// Bulk reports whether the transaction took the bulk path: there, SQLite
// finds a key the file repeats (RepeatedKey), and no other check is needed.
func (t *ImportTx) Bulk() bool { return t.plan.bulk }

// Write upserts the rows of b and counts them in the rollups.
func (t *ImportTx) Write(b *Batch) error {
	if t.replacing {
		if err := t.keepIDs(b); err != nil {
			return err
		}
	}
	switch t.plan.kind {
	case row.KindDeals:
		return t.writeDeals(b)
	case row.KindCustomers:
		return t.writeCustomers(b)
	case row.KindChurnEvents:
		return t.writeOthers(b, &eventRows)
	case row.KindSubscriptions:
		return t.writeOthers(b, &subRows)
	}
	return t.writeSpend(b)
}

// RepeatedKey reports, on the bulk path, whether the file gave a key twice:
// the insert kept the first row of that key and left the others out (on
// PostgreSQL, the COPY stopped: pg_copy.go, whose last rows are copied
// here).
func (t *ImportTx) RepeatedKey() bool {
	t.ins.copyRest()
	return t.ins.affected < t.ins.rows
}

// ImportLog is what the import log records of a file.
type ImportLog struct {
	SHA256        string
	Rows, Skipped int64     // valid rows written; invalid ones left out
	At            time.Time // zero = now
	DryRun        bool      // count what would change, then roll back
	// Currency is the one currency every deal of a deals file is in, ""
	// when they are in several: the database adopts it (AdoptedCurrency).
	Currency string
}

// Written is what an import changed.
type Written struct {
	Inserted, Updated, Unchanged int64
	ImplicitCustomers            int64 // customers added because deals name them
	Deleted                      int64 // deals of the source the file no longer lists (Replace)
	// AdoptedCurrency is the currency the database took from the file:
	// the first deals imported into a database that holds no money yet,
	// whose currency was never set, all in one currency (docs/import.md).
	AdoptedCurrency string
	// Lifecycles is what the file changed of its customers' intervals;
	// Conflicts the events it left out (SkipInvalid) because their
	// customers' other facts contradict them.
	Lifecycles Lifecycles
	Conflicts  []Conflict
}

// Finish counts what the rows changed, deletes what a replacing file no
// longer lists, settles the customers that deals name, updates the
// rollups, records the import in the log and commits; on a dry run it
// stops before the rollups are written and rolls back.
func (t *ImportTx) Finish(l ImportLog) (Written, error) {
	if err := t.ins.flush(); err != nil {
		return Written{}, fmt.Errorf("import %s: %w", t.spec.File, err)
	}
	if !l.DryRun {
		t.db.unlinked.syncEarly() // unlinked.go
	}
	w, err := t.counts(l)
	if err != nil {
		return w, err
	}
	if t.replacing {
		if w.Deleted, err = t.replace(); err != nil {
			return w, fmt.Errorf("import %s: replace: %w", t.spec.File, err)
		}
		// The connection goes back to the pool: the next import on it makes
		// the table again.
		if _, err := t.tx.ExecContext(t.ctx, `DROP TABLE temp.replace_ids`); err != nil {
			return w, fmt.Errorf("import %s: replace: %w", t.spec.File, err)
		}
	}
	if t.plan.kind == row.KindDeals {
		if err := t.settleFirstWon(); err != nil {
			return w, fmt.Errorf("import %s: %w", t.spec.File, err)
		}
		w.ImplicitCustomers = t.implicit
	}
	if t.life.touched != nil {
		if w.Lifecycles, w.Conflicts, err = t.settleLifecycles(t.spec.SkipInvalid); err != nil {
			return w, err
		}
		if w.Conflicts != nil {
			w.Inserted -= int64(len(w.Conflicts))
		}
		w.ImplicitCustomers = t.implicit
	}
	if err := t.changes.Check(); err != nil {
		return w, &LimitError{File: t.spec.File, Err: err}
	}
	if w.AdoptedCurrency, err = t.adoptCurrency(l.Currency); err != nil {
		return w, fmt.Errorf("import %s: %w", t.spec.File, err)
	}
	if err := t.recordCarried(); err != nil {
		return w, fmt.Errorf("import %s: %w", t.spec.File, err)
	}
	if l.DryRun {
		return w, nil // Close's Rollback undoes everything
	}
	if err := t.changes.Commit(); err != nil {
		return w, fmt.Errorf("import %s: rollups: %w", t.spec.File, err)
	}
	if err := t.table.flush(); err != nil {
		return w, fmt.Errorf("import %s: rollups: %w", t.spec.File, err)
	}
	if err := t.table.drop(); err != nil {
		return w, fmt.Errorf("import %s: %w", t.spec.File, err)
	}
	at := l.At
	if at.IsZero() {
		at = time.Now()
	}
	var source any
	if t.spec.Source != nil {
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE sources SET at = ? WHERE signature = ?`,
			at.UTC().Format(time.RFC3339), t.spec.Source.Signature); err != nil {
			return w, fmt.Errorf("import %s: source: %w", t.spec.File, err)
		}
		if t.plan.source != 0 {
			source = t.plan.source
		}
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO imports (file, sha256, kind, inserted, updated, unchanged, skipped, at, deleted, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.spec.File, l.SHA256, string(t.plan.kind),
		w.Inserted, w.Updated, w.Unchanged, l.Skipped+int64(len(w.Conflicts)), at.UTC().Format(time.RFC3339), w.Deleted, source); err != nil {
		return w, fmt.Errorf("import %s: log: %w", t.spec.File, err)
	}
	t.ins.close()
	if err := t.tx.Commit(); err != nil {
		return w, fmt.Errorf("import %s: %w", t.spec.File, err)
	}
	if t.db.unlinked != nil {
		if err := t.link(); err != nil { // unlinked.go
			return w, fmt.Errorf("import %s: %w", t.spec.File, err)
		}
	}
	return w, nil
}

// counts is how many of the file's rows were inserted, updated and left
// as they were.
func (t *ImportTx) counts(l ImportLog) (Written, error) {
	var w Written
	if t.plan.kind == row.KindDeals {
		w.Inserted, w.Updated = t.inserted, t.updated
		if t.plan.bulk {
			w.Inserted = t.ins.affected
		}
	} else {
		var after int64
		if err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM `+t.plan.table).Scan(&after); err != nil {
			return w, err
		}
		w.Inserted = after - t.before
		w.Updated = t.ins.affected - w.Inserted
	}
	w.Unchanged = l.Rows - w.Inserted - w.Updated
	return w, nil
}

// Close rolls back what Finish did not commit and releases the connection.
func (t *ImportTx) Close() {
	t.ins.copyRest() // a COPY still running holds the connection
	t.spills.close()
	t.ins.close()
	t.closeStmts()
	_ = t.tx.Rollback()
	_, _ = t.conn.ExecContext(context.Background(), t.db.sqliteOnly(`PRAGMA cache_size = -2000; PRAGMA temp.cache_size = -2000`))
	t.conn.Close()
}
