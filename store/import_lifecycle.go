package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Customers who leave and come back (docs/metrics.md, "Customers who
// leave and come back"). A churn-events or subscriptions file writes its
// rows, and notes the customers they touch with the first line of each;
// as the import finishes, each touched customer's intervals are worked out
// again (rollup.Lifecycle) from everything stored of it, kept in
// customer_intervals, and its customer cell moved. A customers file does
// the same for the customers whose lifecycle is kept. An event the other
// facts contradict is the problem of a line of the file.

func eventValue(e *row.ChurnEvent, col int) any {
	switch col {
	case evCustomer:
		return e.CustomerID
	case evDay:
		return e.Day
	case evReactivation:
		if e.Reactivation {
			return int64(1)
		}
		return int64(0)
	case evReactivatedAt:
		return orNull(e.ReactivatedAt)
	}
	return nil
}

func subValue(s *row.Subscription, col int) any {
	switch col {
	case subID:
		return s.ID
	case subCustomer:
		return s.CustomerID
	case subStarted:
		return s.StartedAt
	case subEnded:
		return orNull(s.EndedAt)
	case subCounts:
		if s.Counts {
			return int64(1)
		}
		return int64(0)
	}
	return nil
}

var eventRows = others{
	query:    `SELECT ` + strings.Join(eventColumns, ", ") + ` FROM churn_events WHERE (customer_id, churned_at, reactivation) IN (VALUES `,
	keyCols:  3,
	defaults: []any{"", "", int64(0), nil},
	count: func(t *ImportTx, v []any, sign int64) error {
		t.touch(text(v[evCustomer]))
		if sign > 0 {
			t.life.lines[eventKey(text(v[evCustomer]), day(v[evDay]), integer(v[evReactivation]) == 1)] = t.line
		}
		return nil
	},
}

var subRows = others{
	query:    `SELECT ` + strings.Join(subColumns, ", ") + ` FROM subscriptions WHERE id IN (`,
	keyCols:  1,
	defaults: []any{"", "", "", nil, int64(1)},
	count: func(t *ImportTx, v []any, sign int64) error {
		t.touch(text(v[subCustomer]))
		return nil
	},
}

func eventKey(id string, d rollup.Day, back bool) string {
	return fmt.Sprintf("%s\x1f%d\x1f%v", id, d, back)
}

// lifecycles is what an import keeps to settle the customers it touched.
type lifecycles struct {
	touched map[string]int          // customer → the first line of the file that touched it
	lines   map[string]int          // a churn event of the file (eventKey) → its line
	taken   map[string]rollup.KeyID // customers file: lifecycle customers whose cell was taken away, with their key
}

// churnable is kept by ImportTx for a deals import: see loadChurnable.
type churnable = map[string]bool

// touch notes that the line being written touches customer id.
func (t *ImportTx) touch(id string) {
	if id == "" {
		return
	}
	if t.life.touched == nil {
		t.life.touched, t.life.lines, t.life.taken = map[string]int{}, map[string]int{}, map[string]rollup.KeyID{}
	}
	if _, ok := t.life.touched[id]; !ok {
		t.life.touched[id] = t.line
	}
}

// Lifecycles is what an import did to the customers' intervals.
type Lifecycles struct {
	Opened, Closed, Reactivations int64
}

// Conflict is a line whose event the customer's other facts contradict.
type Conflict struct {
	Line     int
	Customer string
	Reason   string
	own      bool // the event is the file's own (else one stored earlier)
}

// ConflictError refuses a file whose events contradict what is known of
// their customers (docs/import.md, "Churn events and subscriptions").
type ConflictError struct {
	File      string
	Conflicts []Conflict
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: %d events contradict what is known of their customers", e.File, len(e.Conflicts))
}

// storedCustomer is what a customer's lifecycle needs of its row.
type storedCustomer struct {
	won                         []rollup.Deal     // its won deals with a close date
	reopens                     []rollup.FirstDay // what closed on the first day of each of its later intervals, as stored
	exists, lifecycle           bool
	owner, team                 string
	acquired, firstWon, churned rollup.Day
	intervals                   []rollup.Interval
	facts                       rollup.Facts
}

// settleLifecycles works out again the intervals of the customers the
// import touched, moves their cells and stores them. With skip, the
// file's own events that conflict are deleted and returned; without, any
// conflict is returned and nothing is stored.
func (t *ImportTx) settleLifecycles(skip bool) (Lifecycles, []Conflict, error) {
	var out Lifecycles
	if len(t.life.touched) == 0 {
		return out, nil, nil
	}
	ids := make([]string, 0, len(t.life.touched))
	for id := range t.life.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	custs, err := t.loadLifecycles(ids)
	if err != nil {
		return out, nil, err
	}
	var conflicts []Conflict
	type result struct {
		id  string
		c   *storedCustomer
		ivs []rollup.Interval
	}
	var results []result
	for _, id := range ids {
		c := custs[id]
		ivs, bad := rollup.Lifecycle(&c.facts)
		for _, b := range bad {
			back := b.Event.Kind == rollup.Reactivate
			line, own := t.life.lines[eventKey(id, b.Event.Day, back)]
			d := b.Event.Day.String()
			reason := "churned on " + d + ", but it is not active then: import its customers, subscriptions or deals first"
			if back {
				reason = "back on " + d + ", but it is active then, or was never acquired"
			}
			if !own {
				line = t.life.touched[id]
				reason = "this line makes the " + eventWord(back) + " an earlier import stored wrong: " + reason
			}
			conflicts = append(conflicts, Conflict{Line: line, Customer: id, Reason: reason, own: own})
			if own && skip {
				if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM churn_events WHERE customer_id = ? AND churned_at = ? AND reactivation = ?`,
					id, b.Event.Day.String(), boolInt(back)); err != nil {
					return out, nil, err
				}
			}
		}
		results = append(results, result{id, c, ivs})
	}
	if len(conflicts) > 0 {
		for _, c := range conflicts {
			if !skip || !c.own {
				return out, conflicts, &ConflictError{File: t.spec.File, Conflicts: conflicts}
			}
		}
	}
	for _, r := range results {
		if !r.c.lifecycle && r.c.exists && slices.Equal(r.ivs, plainInterval(r.c.acquired, r.c.firstWon, r.c.churned)) {
			continue // its row says all still
		}
		if !r.c.exists && len(r.ivs) == 0 && t.plan.kind == row.KindChurnEvents {
			continue // its every event was left out: no customer to add
		}
		if err := t.storeLifecycle(r.id, r.c, r.ivs, &out); err != nil {
			return out, conflicts, err
		}
	}
	return out, conflicts, nil
}

func eventWord(back bool) string {
	if back {
		return "reactivation"
	}
	return "churn"
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// storeLifecycle moves customer id's cell from its intervals as stored to
// ivs, keeps ivs and counts what changed.
func (t *ImportTx) storeLifecycle(id string, c *storedCustomer, ivs []rollup.Interval, out *Lifecycles) error {
	key := t.keys.ID(rollup.Key{Owner: c.owner, Team: c.team})
	old := c.intervals
	if !c.lifecycle && c.exists {
		old = plainInterval(c.acquired, c.firstWon, c.churned)
	}
	if c.exists {
		oldKey, ok := t.life.taken[id] // a customers file changed its owner or team
		if !ok {
			oldKey = key
		}
		oc := rollup.CustomerOf(oldKey, old)
		if err := t.changes.Customer(&oc, -1); err != nil {
			return err
		}
	}
	nc := rollup.CustomerOf(key, ivs)
	if err := t.changes.Customer(&nc, 1); err != nil {
		return err
	}
	countChanges(old, ivs, out)
	for _, f := range c.reopens { // as stored
		if err := t.changes.FirstDayMoved(f, rollup.NoFirstDay()); err != nil {
			return err
		}
	}
	reopens := reopenings(c, ivs)
	if !c.exists {
		t.implicit++
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO customers (id, implicit, lifecycle) VALUES (?, 1, 1)
		ON CONFLICT (id) DO UPDATE SET lifecycle = 1 WHERE customers.lifecycle = 0`, id); err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM customer_intervals WHERE customer_id = ?`, id); err != nil {
		return err
	}
	for i, iv := range ivs {
		var blob any
		if f, ok := reopens[i]; ok {
			if err := t.changes.FirstDayMoved(rollup.NoFirstDay(), f); err != nil {
				return err
			}
			blob = f.Encode()
		}
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO customer_intervals (customer_id, start_at, end_at, won_deals) VALUES (?, ?, ?, ?)`,
			id, iv.Start.String(), orNull(iv.End.String()), blob); err != nil {
			return err
		}
	}
	return nil
}

// reopenings is, by index in ivs, what closed on the first day of each
// later interval that began on the close of won deals (not the first won
// day, whose deals first_won_deals keeps): its untyped won deals brought
// the customer back, and count in the first-day cells, as no expansion
// deals (docs/metrics.md, "Customers who leave and come back").
func reopenings(c *storedCustomer, ivs []rollup.Interval) map[int]rollup.FirstDay {
	out := map[int]rollup.FirstDay{}
	for i := 1; i < len(ivs); i++ {
		d := ivs[i].Start
		if d == c.firstWon {
			continue
		}
		f := rollup.FirstDay{Day: d}
		for j := range c.won {
			if c.won[j].Closed == d {
				f.Add(&c.won[j], 1)
			}
		}
		if f.Won > 0 {
			out[i] = f
		}
	}
	return out
}

// plainInterval is the one interval of a customer whose row says all.
func plainInterval(acquired, firstWon, churned rollup.Day) []rollup.Interval {
	if acquired == rollup.NoDay {
		acquired = firstWon
	}
	if acquired == rollup.NoDay {
		return nil
	}
	return []rollup.Interval{{Start: acquired, End: churned}}
}

// countChanges counts the intervals opened (a start not there before) and
// closed (an end not there before), and the reactivations among those
// opened (any interval but the first).
func countChanges(old, ivs []rollup.Interval, out *Lifecycles) {
	starts, ends := map[rollup.Day]bool{}, map[rollup.Day]bool{}
	for _, iv := range old {
		starts[iv.Start] = true
		ends[iv.End] = true
	}
	for i, iv := range ivs {
		if !starts[iv.Start] {
			out.Opened++
			if i > 0 {
				out.Reactivations++
			}
		}
		if iv.End != rollup.NoDay && !ends[iv.End] {
			out.Closed++
		}
	}
}

// loadLifecycles reads what the lifecycles of customers ids need: their
// rows, stored intervals, events, subscriptions that count and won days.
func (t *ImportTx) loadLifecycles(ids []string) (map[string]*storedCustomer, error) {
	out := make(map[string]*storedCustomer, len(ids))
	for _, id := range ids {
		none := rollup.NoDay
		out[id] = &storedCustomer{acquired: none, firstWon: none, churned: none,
			facts: rollup.Facts{Acquired: none, FirstWon: none, Churned: none}}
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), loadChunk)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		in := `IN (` + strings.Repeat("?, ", len(chunk)-1) + `?)`
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
			return nil, err
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
			return nil, err
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
			return nil, err
		}
		err = t.each(`SELECT customer_id, closed_at, owner, team, currency, type, amount FROM deals
			WHERE stage = 'won' AND closed_at IS NOT NULL AND customer_id `+in, args, func(rows *sql.Rows) error {
			var id, d, owner, team, cur, typ string
			var amount int64
			if err := rows.Scan(&id, &d, &owner, &team, &cur, &typ, &amount); err != nil {
				return err
			}
			c := out[id]
			c.facts.Won = append(c.facts.Won, day(d))
			c.won = append(c.won, rollup.Deal{Key: t.keys.ID(rollup.Key{Owner: owner, Team: team, Currency: cur}), Stage: rollup.Won,
				Type: rollup.TypeOf(typ), Customer: id, Amount: amount, Closed: day(d)})
			return nil
		})
		if err != nil {
			return nil, err
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
			return nil, err
		}
	}
	return out, nil
}

// each runs query with args and calls fn on each row.
func (t *ImportTx) each(query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
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

// rebuildReopenings counts again, for a rebuild of the rollups, the won
// deals that brought customers back (reopenings), keys numbered anew, and
// stores what closed on each such day.
func rebuildReopenings(ctx context.Context, tx DBTX, keys *rollup.Keys, ch *rollup.Changes, intervals map[string][]rollup.Interval) error {
	custs := map[string]*storedCustomer{}
	for id := range intervals {
		custs[id] = &storedCustomer{firstWon: rollup.NoDay}
	}
	err := eachRow(ctx, tx, `SELECT d.customer_id, d.closed_at, d.owner, d.team, d.currency, d.type, d.amount, c.first_won_at
		FROM deals d JOIN customers c ON c.id = d.customer_id
		WHERE c.lifecycle = 1 AND d.stage = 'won' AND d.closed_at IS NOT NULL`, func(rows *sql.Rows) error {
		var id, d, owner, team, cur, typ string
		var fw sql.NullString
		var amount int64
		if err := rows.Scan(&id, &d, &owner, &team, &cur, &typ, &amount, &fw); err != nil {
			return err
		}
		c, ok := custs[id]
		if !ok {
			return nil // a lifecycle without an interval
		}
		c.firstWon = day(fw.String)
		c.won = append(c.won, rollup.Deal{Key: keys.ID(rollup.Key{Owner: owner, Team: team, Currency: cur}), Stage: rollup.Won,
			Type: rollup.TypeOf(typ), Customer: id, Amount: amount, Closed: day(d)})
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customer_intervals SET won_deals = NULL WHERE won_deals IS NOT NULL`); err != nil {
		return err
	}
	for id, c := range custs {
		for i, f := range reopenings(c, intervals[id]) {
			if err := ch.FirstDayMoved(rollup.NoFirstDay(), f); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customer_intervals SET won_deals = ? WHERE customer_id = ? AND start_at = ?`,
				f.Encode(), id, intervals[id][i].Start.String()); err != nil {
				return err
			}
		}
	}
	return nil
}
