package store

import (
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// dealChange is a deal an import writes: as stored before (nil: new) and
// as written, with the fingerprint it is written with.
type dealChange struct {
	old  *storedDeal
	new  dealRow
	hash int64
	line int
}

// writeDeals writes a batch of deals. On the bulk path every row is new.
// Otherwise the rows whose fingerprint is stored are left as they are
// (import_hash.go); the others are read by id, and written only when new
// or changed (or, unchanged but last written with another fingerprint,
// given this one). What the rollups count changes with them.
func (t *ImportTx) writeDeals(b *Batch) error {
	w := b.width
	t.rows += int64(b.n)
	if t.plan.bulk {
		if b.err != nil {
			return b.err
		}
		return t.ins.exec(b.args[:b.n*w], b.n) // counted as added (Batch.Add)
	}
	ids := t.ids[:0]
	for i := range b.n {
		ids = append(ids, b.args[i*w])
	}
	hashes, err := t.storedHashes(ids, b.lines[:b.n])
	if err != nil {
		return err
	}
	at := t.at[:0]
	for i := range b.n {
		if h, ok := hashes[text(b.args[i*w])]; !ok || h != b.args[i*w+w-1].(int64) {
			at = append(at, i)
		}
	}
	t.at = at
	old, err := t.readDeals(b, at)
	if err != nil {
		return err
	}
	vals, n := t.vals[:0], 0
	var rehash []dealChange
	t.changed = t.changed[:0]
	for _, i := range at {
		args := b.args[i*w : (i+1)*w]
		s := old[text(args[0])]
		h := args[w-1].(int64)
		switch {
		case s == nil:
			t.inserted++
		case t.plan.same(args, &s.vals):
			if s.hash != h {
				rehash = append(rehash, dealChange{old: s, new: s.vals, hash: h})
			}
			continue
		default:
			t.updated++
		}
		vals = append(vals, args...)
		n++
		var o *dealRow
		if s != nil {
			o = &s.vals
		}
		t.changed = append(t.changed, dealChange{old: s, new: t.plan.merged(args, o), hash: h, line: b.lines[i]})
	}
	t.vals = vals
	if err := t.ins.exec(vals, n); err != nil {
		return err
	}
	if err := t.rehash(rehash); err != nil {
		return err
	}
	if err := t.implicitCustomers(t.changed); err != nil {
		return err
	}
	return t.countDeals(t.changed)
}

// rehash gives deals left as they are the fingerprint of this import's
// rows, so that its next import skips them.
func (t *ImportTx) rehash(cs []dealChange) error {
	for _, c := range cs {
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE deals SET hash = ? WHERE id = ?`, c.hash, c.new[dealID]); err != nil {
			return err
		}
	}
	return nil
}

// countDeals changes what the rollups count and the customers' first won
// days for the deals written.
func (t *ImportTx) countDeals(cs []dealChange) error {
	if err := t.loadFirstWon(cs); err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		if c.old != nil {
			d := dealOf(t.keys, &c.old.vals)
			if err := t.changes.Deal(&d, -1); err != nil {
				return err
			}
			t.wonDeal(&d, -1)
			t.wonAgain(&d, c.line)
		}
		d := dealOf(t.keys, &c.new)
		if err := t.changes.Deal(&d, 1); err != nil {
			return t.limited(err, c.line)
		}
		if t.tracker.Fresh() && d.Customer != "" {
			t.tracker.Name(d.Customer) // an empty table that takes the upsert path (a repeated id)
		}
		t.wonDeal(&d, 1)
		t.wonAgain(&d, c.line)
	}
	return nil
}

// countNew counts a new deal, at args, read from line: on the bulk path,
// as the batch is filled.
func (t *ImportTx) countNew(args []any, line int) error {
	v := t.plan.merged(args, nil)
	d := dealOf(t.keys, &v)
	if err := t.changes.Deal(&d, 1); err != nil {
		return t.limited(err, line)
	}
	switch {
	case d.Stage == rollup.Won && d.Closed != rollup.NoDay && d.Customer != "":
		t.tracker.Won(&d, 1) // names the customer too
		t.wonAgain(&d, line)
	case d.Customer != "":
		t.tracker.Name(d.Customer)
	}
	return nil
}

// wonDeal counts a won deal, with a close date and a customer, in its
// customer's first won day.
func (t *ImportTx) wonDeal(d *rollup.Deal, sign int64) {
	if d.Stage == rollup.Won && d.Closed != rollup.NoDay && d.Customer != "" {
		t.tracker.Won(d, sign)
	}
}

// implicitCustomers adds the customers that the deals written name and the
// table lacks, as implicit ones: no owner, no team, acquired by their
// first won deal (docs/import.md). A deal that keeps the customer it was
// stored with is passed over: the import that wrote it added its
// customer, and no import takes a customer away.
func (t *ImportTx) implicitCustomers(cs []dealChange) error {
	seen := map[string]bool{}
	var ids []any
	for i := range cs {
		id := text(cs[i].new[dealCustomer])
		if cs[i].old != nil && text(cs[i].old.vals[dealCustomer]) == id {
			continue
		}
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	added, err := t.insertImplicit(ids)
	if err != nil {
		return err
	}
	return t.countImplicit(added)
}

// insertImplicit inserts the customers ids (strings) as implicit ones
// where the table lacks them, and returns how many it inserted.
func (t *ImportTx) insertImplicit(ids []any) (int64, error) {
	ids = padIDs(ids)
	st, err := t.prepared(`INSERT INTO customers (id, implicit) VALUES ` + marks("(?, 1)", len(ids)) + ` ON CONFLICT (id) DO NOTHING RETURNING id`)
	if err != nil {
		return 0, err
	}
	rows, err := st.QueryContext(t.ctx, ids...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// countImplicit counts n implicit customers added: no owner or team, and
// as yet no acquisition date (their first won day gives it, when they
// have one).
func (t *ImportTx) countImplicit(n int64) error {
	none := rollup.Customer{Key: t.keys.ID(rollup.Key{}), Acquired: rollup.NoDay, Churned: rollup.NoDay}
	t.implicit += n
	for range n {
		if err := t.changes.Customer(&none, 1); err != nil {
			return err
		}
	}
	return nil
}
