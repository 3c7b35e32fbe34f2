package store

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Customers and spend reach their tables through the upsert, whose WHERE
// leaves unchanged rows alone and counts the others; what the rollups
// count of each row changes from the row as stored to the row as written.

// mergeRow writes the row at args over v, the stored row (or the table's
// defaults for a new one): every column the file gives a new row, only
// those it carries an existing one.
func (p *plan) mergeRow(v []any, args []any, isNew bool) {
	if isNew {
		for i, col := range p.pick {
			v[col] = args[i]
		}
		return
	}
	for _, i := range p.updateAt {
		v[p.pick[i]] = args[i]
	}
}

// readRows reads the stored rows of b's rows, by key (o.keyCols first
// columns), with o.extra columns after the plan's.
func (t *ImportTx) readRows(b *Batch, o *others) (map[string][]any, error) {
	keyCols := o.keyCols
	out := map[string][]any{}
	if t.plan.bulk || b.n == 0 {
		return out, nil
	}
	args := make([]any, 0, b.n*keyCols)
	for i := range b.n {
		args = append(args, b.args[i*b.width:i*b.width+keyCols]...)
	}
	tuple := o.tuple
	if tuple == "" {
		tuple = "(" + marks("?", keyCols) + ")"
	}
	query, r := o.query, t.repeats
	if r != nil { // SQLite's customers: their rowids find the ids the file repeats (import_repeats.go)
		query = o.rowidQuery
		r.start(args, b.lines[:b.n])
	}
	rows, err := t.tx.QueryContext(t.ctx, query+marks(tuple, b.n)+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rowid int64
	for rows.Next() {
		v := make([]any, len(t.plan.all)+o.extra)
		ptrs := make([]any, len(v), len(v)+1)
		for i := range v {
			ptrs[i] = &v[i]
		}
		if r != nil {
			ptrs = append(ptrs, &rowid)
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		key := rowKey(v[:keyCols], keyCols)
		if r != nil {
			r.stored(rowid, key)
		}
		out[key] = v
	}
	return out, rows.Err()
}

func rowKey(v []any, n int) string {
	if n == 1 {
		return text(v[0])
	}
	k := text(v[0])
	for _, x := range v[1:n] {
		k += "\x00" + text(x)
		if i, ok := x.(int64); ok {
			k += fmt.Sprint(i)
		}
	}
	return k
}

// others is how writeOthers reads, merges and counts one kind of row.
type others struct {
	query string // the SELECT of the stored rows, up to the keys after its IN
	// rowidQuery is query reading each row's rowid last, where the rowids
	// find the ids a file repeats (import_repeats.go: customers).
	rowidQuery string
	keyCols    int // the columns of the key
	// tuple is one key's placeholders in the IN list, "" for (?, ?…);
	// a key with a number in a VALUES list casts it, since PostgreSQL
	// types a VALUES list's parameters as text.
	tuple    string
	extra    int   // the columns the SELECT reads after the plan's
	defaults []any // a new row's columns a file does not carry, and the extra ones
	// count counts a stored row's columns in the rollups, times sign.
	count func(t *ImportTx, v []any, sign int64) error
}

// customerSelect is what readRows reads of a stored customer.
var customerSelect = `SELECT ` + strings.Join(customerColumns, ", ") + `, first_won_at, lifecycle`

// customerRows: a customer's acquisition date is acquired_at, else its
// first won day (first_won_at, read after its columns). The cell of a
// customer whose lifecycle is kept (lifecycle, read last) follows its
// intervals, worked out again as the import finishes.
var customerRows = others{
	query:      customerSelect + ` FROM customers WHERE id IN (`,
	rowidQuery: customerSelect + `, rowid FROM customers WHERE id IN (`,
	keyCols:    1,
	extra:      2,
	defaults:   []any{"", "", "", "", "", nil, nil, nil, int64(0)},
	count: func(t *ImportTx, v []any, sign int64) error {
		if integer(v[len(v)-1]) == 1 {
			id := text(v[custID])
			t.touch(id)
			if sign < 0 {
				t.life.taken[id] = t.keys.ID(rollup.Key{Owner: text(v[custOwner]), Team: text(v[custTeam])})
			}
			return nil
		}
		c := customerCell(t.keys, text(v[custOwner]), text(v[custTeam]), v[custAcquired], v[len(v)-2], v[custChurned])
		return t.changes.Customer(&c, sign)
	},
}

var spendRowsOf = others{
	query:    `SELECT ` + strings.Join(spendColumns, ", ") + ` FROM spend WHERE (date, channel) IN (VALUES `,
	keyCols:  2,
	defaults: []any{"", "", int64(0), "marketing", ""},
	count: func(t *ImportTx, v []any, sign int64) error {
		s := spendOf(t.keys, v)
		return t.changes.Spend(&s, sign)
	},
}

func (t *ImportTx) writeCustomers(b *Batch) error { return t.writeOthers(b, &customerRows) }

func (t *ImportTx) writeSpend(b *Batch) error { return t.writeOthers(b, &spendRowsOf) }

// writeOthers writes a batch of customers or spend rows and moves their
// cells from the rows as stored to the rows as written.
func (t *ImportTx) writeOthers(b *Batch, o *others) error {
	old, err := t.readRows(b, o)
	if err != nil {
		return err
	}
	if err := t.ins.exec(b.args[:b.n*b.width], b.n); err != nil {
		return err
	}
	for i := range b.n {
		args := b.args[i*b.width : (i+1)*b.width]
		t.line = b.lines[i]
		v, ok := old[rowKey(args[:o.keyCols], o.keyCols)]
		if ok {
			if err := o.count(t, v, -1); err != nil {
				return err
			}
		} else {
			v = append([]any(nil), o.defaults...)
		}
		t.plan.mergeRow(v, args, !ok)
		if err := o.count(t, v, 1); err != nil {
			return t.limited(err, b.lines[i])
		}
	}
	return nil
}

func customerCell(keys *rollup.Keys, owner, team string, acquired, firstWon, churned any) rollup.Customer {
	c := rollup.Customer{Key: keys.ID(rollup.Key{Owner: owner, Team: team}), Acquired: day(acquired), Churned: day(churned)}
	if c.Acquired == rollup.NoDay {
		c.Acquired = day(firstWon)
	}
	return c
}

// spendOf is what the rollups count of a spend row's columns.
func spendOf(keys *rollup.Keys, v []any) rollup.Spend {
	return rollup.Spend{Key: keys.ID(rollup.Key{Currency: text(v[spendCurrency])}), Date: day(v[spendDate]), Amount: integer(v[spendAmount])}
}

// sqlNull is the column value of a nullable text.
func sqlNull(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}
