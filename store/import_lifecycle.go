package store

import (
	"fmt"
	"slices"

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
// import touched, moves their cells and stores them. With skip, the lines
// of the file whose events conflict are deleted and returned, and their
// customers worked out again without them (which may leave out more);
// without, any conflict is returned and nothing is stored.
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
	type result struct {
		c   *storedCustomer
		ivs []rollup.Interval
	}
	results := map[string]result{}
	var conflicts []Conflict
	for todo := ids; len(todo) > 0; {
		custs, err := t.loadLifecycles(todo)
		if err != nil {
			return out, nil, err
		}
		var again []string
		refused := false
		for _, id := range todo {
			c := custs[id]
			ivs, bad := rollup.Lifecycle(&c.facts)
			results[id] = result{c, ivs}
			for _, b := range bad {
				cf := t.conflict(id, b.Event)
				conflicts = append(conflicts, cf)
				refused = refused || !skip || !cf.own
				if refused {
					continue
				}
				if err := t.leaveOut(id, b.Event); err != nil {
					return out, nil, err
				}
			}
			if len(bad) > 0 {
				again = append(again, id)
			}
		}
		if refused {
			return out, conflicts, &ConflictError{File: t.spec.File, Conflicts: conflicts}
		}
		todo = again
	}
	w := &intervalWriter{}
	for _, id := range ids {
		r := results[id]
		if !r.c.lifecycle && r.c.exists && slices.Equal(r.ivs, plainInterval(r.c.acquired, r.c.firstWon, r.c.churned)) {
			continue // its row says all still
		}
		if _, taken := t.life.taken[id]; r.c.lifecycle && !taken && unchanged(r.c, r.ivs) {
			continue // its cell and intervals as they were
		}
		if !r.c.exists && len(r.ivs) == 0 && t.plan.kind == row.KindChurnEvents {
			continue // its every event was left out: no customer to add
		}
		if err := t.storeLifecycle(w, id, r.c, r.ivs, &out); err != nil {
			return out, conflicts, err
		}
	}
	return out, conflicts, w.flush(t)
}

// conflict is the problem of customer id's event e: a line of the file,
// or one stored earlier that the file's first line of the customer makes
// wrong.
func (t *ImportTx) conflict(id string, e rollup.Event) Conflict {
	back := e.Kind == rollup.Reactivate
	line, own := t.life.lines[eventKey(id, e.Day, back)]
	d := e.Day.String()
	reason := "churned on " + d + ", but it is not active then: import its customers, subscriptions or deals first"
	if back {
		reason = "back on " + d + ", but it is active then, or was never acquired"
	}
	if !own {
		line = t.life.touched[id]
		reason = "this line makes the " + eventWord(back) + " an earlier import stored wrong: " + reason
	}
	return Conflict{Line: line, Customer: id, Reason: reason, own: own}
}

// leaveOut deletes the line of the file that gave customer id's event e
// (a churn, a return, or a churn's return date).
func (t *ImportTx) leaveOut(id string, e rollup.Event) error {
	d, back := e.Day.String(), e.Kind == rollup.Reactivate
	_, err := t.tx.ExecContext(t.ctx, `DELETE FROM churn_events WHERE customer_id = ?
		AND (churned_at = ? AND reactivation = ? OR reactivated_at = ? AND ? = 1)`, id, d, boolInt(back), d, boolInt(back))
	return err
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
func (t *ImportTx) storeLifecycle(w *intervalWriter, id string, c *storedCustomer, ivs []rollup.Interval, out *Lifecycles) error {
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
	w.ids = append(w.ids, id)
	for i, iv := range ivs {
		var blob any
		if f, ok := reopens[i]; ok {
			if err := t.changes.FirstDayMoved(rollup.NoFirstDay(), f); err != nil {
				return err
			}
			blob = f.Encode()
		}
		w.rows = append(w.rows, id, iv.Start.String(), orNull(iv.End.String()), blob)
	}
	if len(w.ids) < refreshRows {
		return nil
	}
	return w.flush(t)
}

// intervalWriter stores customers' intervals, refreshRows customers at a
// time: they become customers whose lifecycle is kept (added when new),
// their intervals replaced.
type intervalWriter struct {
	ids  []any
	rows []any // customer_id, start_at, end_at, won_deals
}

func (w *intervalWriter) flush(t *ImportTx) error {
	if len(w.ids) == 0 {
		return nil
	}
	n := len(w.ids)
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO customers (id, implicit, lifecycle) VALUES `+marks("(?, 1, 1)", n)+`
		ON CONFLICT (id) DO UPDATE SET lifecycle = 1 WHERE customers.lifecycle = 0`, w.ids...); err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM customer_intervals WHERE customer_id IN (`+marks("?", n)+`)`, w.ids...); err != nil {
		return err
	}
	for len(w.rows) > 0 {
		chunk := w.rows[:min(len(w.rows), 4*refreshRows)]
		w.rows = w.rows[len(chunk):]
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO customer_intervals (customer_id, start_at, end_at, won_deals) VALUES `+
			marks("(?, ?, ?, ?)", len(chunk)/4), chunk...); err != nil {
			return err
		}
	}
	w.ids, w.rows = w.ids[:0], w.rows[:0]
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

// unchanged reports whether ivs, and what closed on the first day of
// each, are the intervals stored for c.
func unchanged(c *storedCustomer, ivs []rollup.Interval) bool {
	if !slices.Equal(c.intervals, ivs) {
		return false
	}
	now := reopenings(c, ivs)
	if len(now) != len(c.reopens) {
		return false
	}
	for _, f := range c.reopens {
		i := slices.IndexFunc(ivs, func(iv rollup.Interval) bool { return iv.Start == f.Day })
		if g, ok := now[i]; !ok || !g.Equal(f) {
			return false
		}
	}
	return true
}
