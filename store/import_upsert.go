package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"hash/maphash"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// batchRows is how many rows one INSERT carries. 100 and 500 measured the
// same on this project's machine (PERF.md); 200 keeps each statement well
// under SQLite's limit on parameters.
const batchRows = 200

// plan is the upsert for one file: which columns it writes, and which of
// them it changes on a row that already exists (only the fields the file
// carries, DESIGN §1).
type plan struct {
	kind     crm.Kind
	table    string
	conflict string
	all      []string // every column the converter fills, in its order
	pick     []int    // positions in all of the columns inserted
	insert   []string // names of the picked columns
	update   []string // columns set when the row exists
	literal  string   // a constant column added to every row (customers: implicit = 0)
	// bulk: the table was empty when the import's transaction began, so
	// every row is new and the statement only inserts (bulkLoad).
	bulk bool
}

var (
	dealColumns     = []string{"id", "name", "customer_id", "owner", "team", "stage", "stage_label", "type", "amount", "cost", "discount", "currency", "created_at", "closed_at"}
	dealFields      = []int{fldID, fldName, fldCustomer, fldOwner, fldTeam, fldStage, fldStage, fldType, fldAmount, fldCost, fldDiscount, fldCurrency, fldCreated, fldClosed}
	customerColumns = []string{"id", "name", "owner", "team", "segment", "acquired_at", "churned_at"}
	customerFields  = []int{fldID, fldName, fldOwner, fldTeam, fldSegment, fldAcquired, fldChurned}
	spendColumns    = []string{"date", "channel", "amount", "category", "currency"}
	spendFields     = []int{fldDate, fldChannel, fldAmount, fldCategory, fldCurrency}
)

// newPlan decides the columns of the upsert from the fields the file
// carries (at[f] ≥ 0, or constColumn for --set). currencyGiven says the user named the file's
// currency, so it may overwrite a stored one.
func newPlan(kind crm.Kind, at [nField]int, currencyGiven bool) *plan {
	p := &plan{kind: kind, table: string(kind), conflict: "id"}
	var fields []int
	// always: inserted even when the file lacks the column (a required
	// field, or one with a default of ours); updated only when carried.
	always := map[string]bool{"id": true, "currency": true}
	switch kind {
	case crm.KindDeals:
		p.all, fields = dealColumns, dealFields
		always["stage"] = true // from the stage column or the won/closed flags
	case crm.KindCustomers:
		p.all, fields = customerColumns, customerFields
		p.literal = "implicit" // a customers file makes a customer explicit
	case crm.KindSpend:
		p.all, fields = spendColumns, spendFields
		p.conflict = "date, channel"
		for _, c := range []string{"date", "channel", "amount"} {
			always[c] = true
		}
	}
	for i, col := range p.all {
		carried := at[fields[i]] != -1 || (col == "currency" && currencyGiven) || (col == "stage" && kind == crm.KindDeals)
		if !carried && !always[col] {
			continue
		}
		p.pick = append(p.pick, i)
		p.insert = append(p.insert, col)
		if carried && !strings.Contains(p.conflict, col) {
			p.update = append(p.update, col)
		}
	}
	return p
}

// sql is the INSERT … ON CONFLICT DO UPDATE statement for n rows. The
// update's WHERE clause makes a row whose carried fields are all equal a
// no-op, which SQLite does not count as a change: so RowsAffected counts
// exactly the rows inserted or updated.
func (p *plan) sql(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + p.table + " (" + strings.Join(p.insert, ", "))
	tuple := "(" + strings.Repeat("?, ", len(p.insert)-1) + "?"
	if p.literal != "" {
		b.WriteString(", " + p.literal)
		tuple += ", 0"
	}
	tuple += ")"
	b.WriteString(") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	b.WriteString(" ON CONFLICT (" + p.conflict + ") ")
	if p.bulk {
		// A key repeated in the file keeps its first row here; the
		// duplicate check then refuses the file, naming both lines.
		b.WriteString("DO NOTHING")
		return b.String()
	}
	sets := append([]string(nil), p.update...)
	if p.literal != "" {
		sets = append(sets, p.literal)
	}
	if len(sets) == 0 {
		b.WriteString("DO NOTHING")
		return b.String()
	}
	b.WriteString("DO UPDATE SET ")
	for i, c := range sets {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
	b.WriteString(" WHERE ")
	for i, c := range sets {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(p.table + "." + c + " IS NOT excluded." + c)
	}
	return b.String()
}

// batch is up to batchRows rows of arguments for the upsert.
type batch struct {
	args  []any
	width int
	n     int
	size  int
}

func newBatch(p *plan) *batch {
	return &batch{args: make([]any, batchRows*len(p.pick)), width: len(p.pick), size: batchRows}
}

// row is the argument slice of the next row.
func (b *batch) row() []any { return b.args[b.n*b.width : (b.n+1)*b.width] }

// inserter runs the upserts of one import inside its transaction. It
// talks to the driver directly (sql.Conn.Raw): database/sql would check
// and convert each of the ~2,800 arguments of a batch, which its values
// (string, int64, float64, nil) do not need.
type inserter struct {
	ctx      context.Context
	conn     *sql.Conn // the connection the transaction runs on
	plan     *plan
	full     driver.Stmt // prepared once for full batches
	args     []driver.NamedValue
	rows     int64 // rows given to the statements
	affected int64 // rows they inserted or changed
}

func (in *inserter) exec(b *batch) error {
	return in.conn.Raw(func(dc any) error {
		n := b.n * b.width
		if cap(in.args) < n {
			in.args = make([]driver.NamedValue, n)
			for i := range in.args {
				in.args[i].Ordinal = i + 1
			}
		}
		args := in.args[:n]
		for i, v := range b.args[:n] {
			args[i].Value = v
		}
		stmt := in.full
		if b.n != batchRows || stmt == nil {
			st, err := dc.(driver.ConnPrepareContext).PrepareContext(in.ctx, in.plan.sql(b.n))
			if err != nil {
				return err
			}
			if b.n == batchRows {
				in.full = st
			} else {
				defer st.Close()
			}
			stmt = st
		}
		res, err := stmt.(driver.StmtExecContext).ExecContext(in.ctx, args)
		if err != nil {
			return err
		}
		for i := range args {
			args[i].Value = nil // let the batch's strings go
		}
		affected, err := res.RowsAffected()
		in.rows += int64(b.n)
		in.affected += affected
		return err
	})
}

func (in *inserter) close() {
	if in.full != nil {
		_ = in.conn.Raw(func(any) error { return in.full.Close() })
		in.full = nil
	}
}

// refreshCustomers runs after a deals import that changed rows, in its
// transaction: it adds the customers that deals name but no customers
// file has given (implicit ones), and recomputes each customer's first won
// date, from which its acquisition date derives when it has no
// acquired_at. One grouped pass over deals feeds both, through a temporary
// table of one row per customer; every other step works on customers. It
// returns the customers added.
func refreshCustomers(ctx context.Context, tx DBTX) (int64, error) {
	var added int64
	for i, q := range []string{
		`CREATE TEMP TABLE deal_customers (customer_id TEXT PRIMARY KEY, first_won TEXT) WITHOUT ROWID`,
		`INSERT INTO temp.deal_customers
		 SELECT customer_id, MIN(CASE WHEN stage = 'won' THEN closed_at END)
		 FROM deals WHERE customer_id <> '' GROUP BY customer_id`,
		`INSERT INTO customers (id, implicit)
		 SELECT customer_id, 1 FROM temp.deal_customers WHERE true
		 ON CONFLICT (id) DO NOTHING`,
		`UPDATE customers SET first_won_at = w.first_won
		 FROM temp.deal_customers AS w
		 WHERE customers.id = w.customer_id AND customers.first_won_at IS NOT w.first_won`,
		// A customer whose only won deal moved to another customer or stage.
		`UPDATE customers SET first_won_at = NULL
		 WHERE first_won_at IS NOT NULL AND id NOT IN
		   (SELECT customer_id FROM temp.deal_customers WHERE first_won IS NOT NULL)`,
		`DROP TABLE temp.deal_customers`,
	} {
		res, err := tx.ExecContext(ctx, q)
		if err != nil {
			return 0, err
		}
		if i == 2 {
			if added, err = res.RowsAffected(); err != nil {
				return 0, err
			}
		}
	}
	return added, nil
}

// keyFilter remembers the keys of a file in a fixed 8 MiB Bloom filter,
// so that duplicate ids are caught without memory that grows with the
// file. A key it has "seen" is only a candidate: Import confirms it by
// reading the file again. With 1,000,000 keys a false alarm is about one
// in two million rows.
type keyFilter struct {
	bits []uint64
	seed maphash.Seed
}

const keyFilterBits = 1 << 26

func newKeyFilter() *keyFilter {
	return &keyFilter{bits: make([]uint64, keyFilterBits/64), seed: maphash.MakeSeed()}
}

// seen adds key and reports whether it may have been added before.
func (f *keyFilter) seen(key string) bool {
	h := maphash.String(f.seed, key)
	a, b := h, h>>33|1
	all := true
	for range 6 {
		i := a & (keyFilterBits - 1)
		w, m := i/64, uint64(1)<<(i%64)
		if f.bits[w]&m == 0 {
			all = false
			f.bits[w] |= m
		}
		a += b
	}
	return all
}
