package store

import (
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// loadLifecycles reads what the lifecycles of customers ids need: their
// rows, stored intervals, events, subscriptions that count and won days.
func (t *ImportTx) loadLifecycles(ids []string) (map[string]*storedCustomer, error) {
	out := make(map[string]*storedCustomer, len(ids))
	for _, id := range ids {
		none := rollup.NoDay
		out[id] = &storedCustomer{acquired: none, firstWon: none, churned: none,
			facts: rollup.Facts{Acquired: none, FirstWon: none, Churned: none}}
	}
	err := inChunks(ids, func(args []any) error {
		in := `IN (` + marks("?", len(args)) + `)`
		err := t.each(`SELECT id, owner, team, acquired_at, first_won_at, churned_at, lifecycle FROM customers WHERE id `+in, args, func(rows *sql.Rows) error {
			var id, owner, team string
			var acq, fw, ch sql.NullString
			var life bool
			if err := rows.Scan(&id, &owner, &team, &acq, &fw, &ch, &life); err != nil {
				return err
			}
			c := out[id]
			c.exists, c.lifecycle, c.owner, c.team = true, life, owner, team
			c.acquired, c.firstWon, c.churned = day(acq.String), day(fw.String), day(ch.String)
			c.facts.Acquired, c.facts.FirstWon, c.facts.Churned = c.acquired, c.firstWon, c.churned
			return nil
		})
		if err != nil {
			return err
		}
		err = t.each(`SELECT customer_id, start_at, end_at, won_deals FROM customer_intervals WHERE customer_id `+in+` ORDER BY customer_id, start_at`, args, func(rows *sql.Rows) error {
			var id, s string
			var e sql.NullString
			var blob []byte
			if err := rows.Scan(&id, &s, &e, &blob); err != nil {
				return err
			}
			c := out[id]
			c.intervals = append(c.intervals, rollup.Interval{Start: day(s), End: day(e.String)})
			if blob != nil {
				f, err := rollup.DecodeFirstDay(day(s), blob)
				if err != nil {
					return err
				}
				c.reopens = append(c.reopens, f)
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = t.each(`SELECT customer_id, churned_at, reactivation, reactivated_at FROM churn_events WHERE customer_id `+in, args, func(rows *sql.Rows) error {
			var id, d string
			var back bool
			var r sql.NullString
			if err := rows.Scan(&id, &d, &back, &r); err != nil {
				return err
			}
			f := &out[id].facts
			kind := rollup.Churn
			if back {
				kind = rollup.Reactivate
			}
			f.Events = append(f.Events, rollup.Event{Day: day(d), Kind: kind})
			if r.Valid {
				f.Events = append(f.Events, rollup.Event{Day: day(r.String), Kind: rollup.Reactivate})
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = t.each(`SELECT customer_id, started_at, ended_at FROM subscriptions WHERE counts = 1 AND customer_id `+in, args, func(rows *sql.Rows) error {
			var id, s string
			var e sql.NullString
			if err := rows.Scan(&id, &s, &e); err != nil {
				return err
			}
			f := &out[id].facts
			f.Subscriptions = append(f.Subscriptions, rollup.Interval{Start: day(s), End: day(e.String)})
			return nil
		})
		if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, t.loadWon(out, len(ids) > loadChunk)
}

// loadWon reads the won deals of the customers of out: nothing finds a
// customer's deals but a scan of the table, so many customers take one
// scan of every won deal, a few one with their ids.
func (t *ImportTx) loadWon(out map[string]*storedCustomer, many bool) error {
	const query = `SELECT customer_id, closed_at, owner, team, currency, type, amount FROM deals
		WHERE stage = 'won' AND closed_at IS NOT NULL AND customer_id `
	won := func(rows *sql.Rows) error {
		var id, d, owner, team, cur, typ string
		var amount int64
		if err := rows.Scan(&id, &d, &owner, &team, &cur, &typ, &amount); err != nil {
			return err
		}
		c, ok := out[id]
		if !ok {
			return nil
		}
		c.facts.Won = append(c.facts.Won, day(d))
		c.won = append(c.won, rollup.Deal{Key: t.keys.ID(rollup.Key{Owner: owner, Team: team, Currency: cur}), Stage: rollup.Won,
			Type: rollup.TypeOf(typ), Customer: id, Amount: amount, Closed: day(d)})
		return nil
	}
	if many {
		return t.each(query+`<> ''`, nil, won)
	}
	ids := make([]any, 0, len(out))
	for id := range out {
		ids = append(ids, id)
	}
	return t.each(query+`IN (`+marks("?", len(ids))+`)`, ids, won)
}

// each runs query with args and calls fn on each row.
func (t *ImportTx) each(query string, args []any, fn func(*sql.Rows) error) error {
	return eachRow(t.ctx, t.tx, query, fn, args...)
}

// loadChurnable reads, for a deals import, the customers a won deal could
// bring back: those that ever left (churned_at, or a lifecycle kept).
func (t *ImportTx) loadChurnable() error {
	return t.each(`SELECT id FROM customers WHERE churned_at IS NOT NULL OR lifecycle = 1`, nil, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if t.churnable == nil {
			t.churnable = map[string]bool{}
		}
		t.churnable[id] = true
		return nil
	})
}

// wonAgain notes, for a won deal of a customer that ever left, that its
// lifecycle is to be worked out again: the deal may bring it back.
func (t *ImportTx) wonAgain(d *rollup.Deal, line int) {
	if t.churnable[d.Customer] && d.Stage == rollup.Won && d.Closed != rollup.NoDay {
		t.line = line
		t.touch(d.Customer)
	}
}
