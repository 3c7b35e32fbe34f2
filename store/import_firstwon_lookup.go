package store

import (
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// customerRow is what a customer's cell needs of its row.
type customerRow struct {
	owner, team       string
	acquired, churned rollup.Day      // NoDay: not given
	lifecycle         bool            // its intervals are kept: settleLifecycles moves its cell
	firstWon          rollup.FirstDay // its stored state: read when asked for
}

// customerLookup returns a function that reads the rows of customers
// asked for in increasing id order, for n customers: one scan of the
// table in id order for many, lookups by id for a few. done ends it.
// When every customer is one freshCustomers added (added), each is an
// implicit customer without owner, team or dates, and nothing is read.
// With states, each row's first won day is read too (customerRow.firstWon).
func (t *ImportTx) customerLookup(n int, added, states bool) (look func(string) (customerRow, bool, error), done func(), err error) {
	if added {
		implicit := customerRow{acquired: rollup.NoDay, churned: rollup.NoDay}
		return func(string) (customerRow, bool, error) { return implicit, true, nil }, func() {}, nil
	}
	columns := `SELECT id, owner, team, acquired_at, churned_at, lifecycle FROM customers`
	if states {
		columns = `SELECT id, owner, team, acquired_at, churned_at, lifecycle, first_won_at, first_won_deals FROM customers`
	}
	scan := func(rows *sql.Rows) (string, customerRow, error) {
		var id, owner, team string
		var acq, churn, fw sql.NullString
		var life bool
		var blob []byte
		dest := []any{&id, &owner, &team, &acq, &churn, &life, &fw, &blob}
		if !states {
			dest = dest[:6]
		}
		if err := rows.Scan(dest...); err != nil {
			return id, customerRow{}, err
		}
		c := customerRow{owner: owner, team: team, acquired: day(acq.String), churned: day(churn.String), lifecycle: life}
		c.firstWon, err = rollup.DecodeFirstDay(day(fw.String), blob)
		return id, c, err
	}
	if n > 4*loadChunk {
		rows, err := t.tx.QueryContext(t.ctx, columns+` ORDER BY id`)
		if err != nil {
			return nil, nil, err
		}
		var id string
		var row customerRow
		more := true
		look = func(want string) (customerRow, bool, error) {
			for more && id < want {
				if more = rows.Next(); !more {
					return customerRow{}, false, rows.Err()
				}
				if id, row, err = scan(rows); err != nil {
					return customerRow{}, false, err
				}
			}
			return row, more && id == want, nil
		}
		return look, func() { rows.Close() }, nil
	}
	var ids []any
	err = t.tracker.Each(func(id string, _ rollup.FirstDay) (bool, error) { ids = append(ids, id); return true, nil })
	if err != nil {
		return nil, nil, err
	}
	found := map[string]customerRow{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), loadChunk)]
		ids = ids[len(chunk):]
		rows, err := t.tx.QueryContext(t.ctx, columns+` WHERE id IN (`+marks("?", len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			id, row, err := scan(rows)
			if err != nil {
				rows.Close()
				return nil, nil, err
			}
			found[id] = row
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	look = func(id string) (customerRow, bool, error) {
		row, ok := found[id]
		return row, ok, nil
	}
	return look, func() {}, nil
}
