package store

import (
	"database/sql"
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

// readRows reads the stored rows of b's rows, by key, with extra columns
// after the plan's (query is the SELECT up to its WHERE; key builds the
// map's key from a row's first columns).
func (t *ImportTx) readRows(b *Batch, query string, keyCols, extra int) (map[string][]any, error) {
	out := map[string][]any{}
	if t.plan.bulk || b.n == 0 {
		return out, nil
	}
	args := make([]any, 0, b.n*keyCols)
	for i := range b.n {
		args = append(args, b.args[i*b.width:i*b.width+keyCols]...)
	}
	tuple := "(" + strings.Repeat("?, ", keyCols-1) + "?)"
	rows, err := t.tx.QueryContext(t.ctx, query+strings.Repeat(tuple+", ", b.n-1)+tuple+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		v := make([]any, len(t.plan.all)+extra)
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out[rowKey(v[:keyCols])] = v
	}
	return out, rows.Err()
}

func rowKey(v []any) string {
	if len(v) == 1 {
		return text(v[0])
	}
	return text(v[0]) + "\x00" + text(v[1])
}

// customerDefaults are a new customer's columns a file does not carry, and
// its first won day (none).
var customerDefaults = []any{"", "", "", "", "", nil, nil, nil}

// writeCustomers writes a batch of customers and moves their cells.
func (t *ImportTx) writeCustomers(b *Batch) error {
	old, err := t.readRows(b, `SELECT `+strings.Join(customerColumns, ", ")+`, first_won_at FROM customers WHERE id IN (`, 1, 1)
	if err != nil {
		return err
	}
	if err := t.ins.exec(b.args[:b.n*b.width], b.n); err != nil {
		return err
	}
	for i := range b.n {
		args := b.args[i*b.width : (i+1)*b.width]
		v, ok := old[text(args[0])]
		if ok {
			c := t.customerOf(v)
			if err := t.changes.Customer(&c, -1); err != nil {
				return err
			}
		} else {
			v = append([]any(nil), customerDefaults...)
		}
		t.plan.mergeRow(v, args, !ok)
		c := t.customerOf(v)
		if err := t.changes.Customer(&c, 1); err != nil {
			return err
		}
	}
	return nil
}

// customerOf is what the rollups count of a customer's columns
// (customerColumns, then first_won_at): acquired at acquired_at, else on
// its first won day.
func (t *ImportTx) customerOf(v []any) rollup.Customer {
	return customerCell(t.keys, text(v[custOwner]), text(v[custTeam]), v[custAcquired], v[len(v)-1], v[custChurned])
}

func customerCell(keys *rollup.Keys, owner, team string, acquired, firstWon, churned any) rollup.Customer {
	c := rollup.Customer{Key: keys.ID(rollup.Key{Owner: owner, Team: team}), Acquired: day(acquired), Churned: day(churned)}
	if c.Acquired == rollup.NoDay {
		c.Acquired = day(firstWon)
	}
	return c
}

// spendDefaults are a new spend row's columns a file does not carry.
var spendDefaults = []any{"", "", int64(0), "marketing", ""}

// writeSpend writes a batch of spend rows and moves their cells.
func (t *ImportTx) writeSpend(b *Batch) error {
	old, err := t.readRows(b, `SELECT `+strings.Join(spendColumns, ", ")+` FROM spend WHERE (date, channel) IN (VALUES `, 2, 0)
	if err != nil {
		return err
	}
	if err := t.ins.exec(b.args[:b.n*b.width], b.n); err != nil {
		return err
	}
	for i := range b.n {
		args := b.args[i*b.width : (i+1)*b.width]
		v, ok := old[rowKey(args[:2])]
		if ok {
			s := spendOf(t.keys, v)
			if err := t.changes.Spend(&s, -1); err != nil {
				return err
			}
		} else {
			v = append([]any(nil), spendDefaults...)
		}
		t.plan.mergeRow(v, args, !ok)
		s := spendOf(t.keys, v)
		if err := t.changes.Spend(&s, 1); err != nil {
			return t.limited(err, b.lines[i])
		}
	}
	return nil
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
