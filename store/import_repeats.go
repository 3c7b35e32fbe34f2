package store

import (
	"database/sql"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// repeats finds, exactly, the ids a deals or customers file gives more
// than once, on SQLite's upsert path, in memory that does not grow with
// the file (docs/architecture.md, "Memory"). Each id of the file is looked
// up in its table anyway, for the row as stored (writeDeals, readRows): a row
// stored before the import began has a rowid up to last, and the first
// time the import meets it its bit is set; a row the import inserted has
// a rowid beyond last. So an id met again is found with its bit set or
// beyond last. An id given twice within one batch is found before the
// batch is looked up (both would find the same row, or none).
type repeats struct {
	last  int64          // the largest rowid of the table when the import began
	seen  []uint64       // a bit for each rowid up to last: met by this import
	batch map[string]int // the ids of the batch being looked up → their line
	found map[string]int // each id met again → the line it was met again on
}

// newRepeats returns what finds repeated ids in t's deals or customers,
// or nil where the importer's filter finds them: on PostgreSQL, whose rows
// have no rowid, for spend and events (keys of several columns, files of
// a few thousand rows), and on the bulk path, where the primary key does.
func (t *ImportTx) newRepeats() (*repeats, error) {
	if t.db.server() || t.plan.bulk || (t.plan.kind != row.KindDeals && t.plan.kind != row.KindCustomers) {
		return nil, nil
	}
	var last int64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(rowid), 0) FROM `+t.plan.table).Scan(&last); err != nil {
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
	ids := make([]any, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, k)
	}
	t.repeats.start(ids, lines)
	found := map[string]bool{}
	err := t.each(`SELECT id, rowid FROM `+t.plan.table+` WHERE id IN (`+marks("?", len(ids))+`)`, ids, func(rows *sql.Rows) error {
		var id string
		var rowid int64
		if err := rows.Scan(&id, &rowid); err != nil {
			return err
		}
		found[id] = true
		t.repeats.stored(rowid, id)
		return nil
	})
	if err != nil {
		return err
	}
	var missing []any
	for _, k := range keys {
		if !found[k] {
			found[k] = true // once, however often the keys give it
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	bare := bareRows[t.plan.kind]
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO `+t.plan.table+` (`+bare.columns+`) VALUES `+marks(bare.values, len(missing)), missing...)
	return err
}

// bareRows are the rows CheckKeys inserts: an id, and what the table
// cannot do without.
var bareRows = map[row.Kind]struct{ columns, values string }{
	row.KindDeals:     {"id, stage, currency", "(?, 'open', '')"},
	row.KindCustomers: {"id", "(?)"},
}
