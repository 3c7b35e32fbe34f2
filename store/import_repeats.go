package store

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// repeats finds, exactly, the ids a deals file gives more than once, on
// SQLite's upsert path, in memory that does not grow with the file
// (docs/architecture.md, "Memory"). Each id of the file is looked up in
// the deals table anyway, for its stored fingerprint (writeDeals): a row
// stored before the import began has a rowid up to last, and the first
// time the import meets it its bit is set; a row the import inserted has
// a rowid beyond last. So an id met again is found with its bit set or
// beyond last. An id given twice within one batch is found before the
// batch is looked up (both would find the same row, or none).
type repeats struct {
	last  int64          // the largest rowid of the deals when the import began
	seen  []uint64       // a bit for each rowid up to last: met by this import
	batch map[string]int // the ids of the batch being looked up → their line
	found map[string]int // each id met again → the line it was met again on
}

// newRepeats returns what finds repeated ids in t's deals, or nil where
// the importer's filter finds them: on PostgreSQL, whose rows have no
// rowid, for other kinds, and on the bulk path, where the primary key does.
func (t *ImportTx) newRepeats() (*repeats, error) {
	if t.db.server() || t.plan.kind != row.KindDeals || t.plan.bulk {
		return nil, nil
	}
	var last int64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(rowid), 0) FROM deals`).Scan(&last); err != nil {
		return nil, err
	}
	return &repeats{last: last, seen: make([]uint64, last/64+1), batch: map[string]int{}, found: map[string]int{}}, nil
}

// FindsRepeats reports whether the transaction finds the ids the file
// repeats itself (Repeats), so that the importer needs no filter of its
// own; the keys of rows it does not write go to CheckKeys.
func (t *ImportTx) FindsRepeats() bool { return t.repeats != nil }

// Repeats returns the ids the file gave more than once, each with a line
// it was given again on.
func (t *ImportTx) Repeats() map[string]int {
	if t.repeats == nil {
		return nil
	}
	return t.repeats.found
}

// start begins a batch of ids: those it gives twice are repeats.
func (r *repeats) start(ids []any, lines []int) {
	clear(r.batch)
	for i, id := range ids {
		s := id.(string)
		if _, ok := r.batch[s]; ok {
			r.again(s, lines[i])
			continue
		}
		r.batch[s] = lines[i]
	}
}

// stored notes that the batch's id was found stored with rowid.
func (r *repeats) stored(rowid int64, id string) {
	if rowid > r.last || rowid < 0 {
		r.again(id, r.batch[id])
		return
	}
	w, bit := rowid/64, uint64(1)<<(rowid%64)
	if r.seen[w]&bit != 0 {
		r.again(id, r.batch[id])
		return
	}
	r.seen[w] |= bit
}

// again records id as met again on line (the first such line). The id
// is a piece of its line as read: the record keeps a copy, not the line.
func (r *repeats) again(id string, line int) {
	if _, ok := r.found[id]; !ok {
		r.found[strings.Clone(id)] = line
	}
}

// CheckKeys looks for repeats among the keys of rows that are not
// written: those a file that will be refused gives after its first
// problem, whose ids are still checked so that every repeated one is
// listed. Each id the table lacks is inserted bare, in the transaction
// that is to roll back, for the table to find it if it comes again.
func (t *ImportTx) CheckKeys(keys []string, lines []int) error {
	if t.repeats == nil || len(keys) == 0 {
		return nil
	}
	ids := t.ids[:0]
	for _, k := range keys {
		ids = append(ids, k)
	}
	t.ids = ids
	hashes, err := t.storedHashes(ids, lines)
	if err != nil {
		return err
	}
	var missing []any
	for _, k := range keys {
		if _, ok := hashes[k]; !ok {
			hashes[k] = 0 // once, however often the keys give it
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	query := `INSERT INTO deals (id, stage, currency) VALUES ` + marks("(?, 'open', '')", len(missing))
	_, err = t.tx.ExecContext(t.ctx, query, missing...)
	return err
}
