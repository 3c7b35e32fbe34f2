package store

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// The deals of an import reach the table and the rollups together: every
// row is new, changed, or left as it is, and what the rollups count of it
// changes from the stored row to the row as written (docs/architecture.md,
// "Rollups").

// dealRow is a deal's columns in dealColumns order, as SQLite gives them.
type dealRow [len(dealColumnsArray)]any

var dealColumnsArray = [...]string{"id", "name", "customer_id", "owner", "team", "stage", "stage_label", "type", "amount", "cost", "discount", "currency", "created_at", "closed_at"}

// dealDefaults are the columns of a deal a file does not carry, as the
// table's defaults give them.
var dealDefaults = dealRow{"", "", "", "", "", "", "", "", int64(0), nil, nil, "", nil, nil}

// storedDeal is a deal as stored, with its fingerprint (0 for none).
type storedDeal struct {
	vals dealRow
	hash int64
}

// merged is the deal as the row at args writes it over old (nil: a new
// deal): the columns the file carries replace the stored ones.
func (p *plan) merged(args []any, old *dealRow) dealRow {
	if old == nil {
		v := dealDefaults
		for i, col := range p.pick {
			v[col] = args[i]
		}
		return v
	}
	v := *old
	for _, i := range p.updateAt {
		v[p.pick[i]] = args[i]
	}
	return v
}

// same reports whether the row at args would leave old as it is.
func (p *plan) same(args []any, old *dealRow) bool {
	for _, i := range p.updateAt {
		if !sameValue(old[p.pick[i]], args[i]) {
			return false
		}
	}
	return true
}

// sameValue compares two column values as SQLite's IS does.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return float64(x) == y
		}
	case float64:
		switch y := b.(type) {
		case float64:
			return x == y
		case int64:
			return x == float64(y)
		}
	case []byte:
		y, ok := b.([]byte)
		return ok && string(x) == string(y)
	}
	return false
}

// dealOf is what the rollups count of a stored deal.
func dealOf(keys *rollup.Keys, v *dealRow) rollup.Deal {
	d := rollup.Deal{
		Key:      keys.ID(rollup.Key{Owner: text(v[dealOwner]), Team: text(v[dealTeam]), Currency: text(v[dealCurrency])}),
		Stage:    rollup.StageOf(text(v[dealStage])),
		Type:     rollup.TypeOf(text(v[dealType])),
		Customer: text(v[dealCustomer]),
		Amount:   integer(v[dealAmount]),
		Created:  day(v[dealCreated]),
		Closed:   day(v[dealClosed]),
	}
	if v[dealCost] != nil {
		d.Cost, d.HasCost = integer(v[dealCost]), true
	}
	switch x := v[dealDiscount].(type) {
	case float64:
		d.Discount, d.HasDiscount = x, true
	case int64:
		d.Discount, d.HasDiscount = float64(x), true
	}
	return d
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

func integer(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

func day(v any) rollup.Day {
	d, ok := rollup.ParseDay(text(v))
	if !ok {
		return rollup.NoDay
	}
	return d
}

// readDealsHead is the start of readDeals's query.
var readDealsHead = `SELECT ` + strings.Join(dealColumnsArray[:], ", ") + `, hash FROM deals WHERE id IN (`

// readDeals reads the stored deals of the rows of b at positions at, by id.
func (t *ImportTx) readDeals(b *Batch, at []int) (map[string]*storedDeal, error) {
	out := make(map[string]*storedDeal, len(at))
	if len(at) == 0 || t.plan.bulk {
		return out, nil
	}
	ids := t.ids[:0]
	for _, r := range at {
		ids = append(ids, b.args[r*b.width])
	}
	ids = padIDs(ids)
	t.ids = ids
	query := t.inList(readDealsHead, len(ids))
	// The stored deals are read into room the transaction keeps, good
	// until the next batch: one allocation a changed row was 22 MB of a
	// re-import of 1M deals, 10% changed. No id comes back twice, so
	// len(at) rows fit.
	if cap(t.stored) < len(at) {
		t.stored = make([]storedDeal, 0, padded(len(at)))
	}
	stored := t.stored[:0]
	next := func() *storedDeal {
		stored = append(stored, storedDeal{})
		return &stored[len(stored)-1]
	}
	err := t.queryEach(query, ids, func(r *rawStmt) {
		s := next()
		for i := range s.vals {
			s.vals[i] = r.value(i)
		}
		s.hash = r.int64(len(s.vals))
		out[text(s.vals[dealID])] = s
	}, func(rows *sql.Rows) error {
		s := next()
		if err := s.scan(rows); err != nil {
			return err
		}
		out[text(s.vals[dealID])] = s
		return nil
	})
	return out, err
}

// scan reads a deal's columns and its fingerprint.
func (s *storedDeal) scan(rows *sql.Rows) error {
	var ptrs [len(dealRow{}) + 1]any
	for i := range s.vals {
		ptrs[i] = &s.vals[i]
	}
	var h sql.NullInt64
	ptrs[len(s.vals)] = &h
	err := rows.Scan(ptrs[:]...)
	s.hash = h.Int64
	return err
}

// limited turns a rollup.LimitError into the problem of the row at line.
func (t *ImportTx) limited(err error, line int) error {
	if le, ok := err.(*rollup.LimitError); ok {
		return &LimitError{File: t.spec.File, Line: line, Field: le.Field, Err: le}
	}
	return err
}

// LimitError is a row whose amount takes the sums of its currency beyond
// the limit (docs/import.md, "Why amounts have a limit"): the file is
// refused.
type LimitError struct {
	File  string
	Line  int // 0 when no one row is to blame
	Field string
	Err   error
}

func (e *LimitError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: column %q: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *LimitError) Unwrap() error { return e.Err }

// storedHashes reads the fingerprints of the stored deals of ids, the
// ids of rows read from lines; on SQLite's upsert path it also finds the
// ids met before in the import (import_repeats.go). Its map is the
// transaction's, good until the next batch: a map for each batch was a
// tenth of what a re-import allocated.
func (t *ImportTx) storedHashes(ids []any, lines []int) (map[string]int64, error) {
	if t.hashes == nil {
		t.hashes = make(map[string]int64, batchRows)
	}
	out := t.hashes
	clear(out)
	if len(ids) == 0 {
		return out, nil
	}
	r := t.repeats
	if r != nil {
		r.start(ids, lines)
	}
	ids = padIDs(ids)
	t.ids = ids
	head := `SELECT id, hash, rowid FROM deals WHERE id IN (`
	if t.db.server() {
		head = `SELECT id, hash, 0 FROM deals WHERE id IN (` // no rowid: the importer finds repeats
	}
	err := t.queryEach(t.inList(head, len(ids)), ids, func(s *rawStmt) {
		id := s.str(0)
		out[id] = s.int64(1)
		if r != nil {
			r.stored(s.int64(2), id)
		}
	}, func(rows *sql.Rows) error {
		var id string
		var h sql.NullInt64
		var rowid int64
		if err := rows.Scan(&id, &h, &rowid); err != nil {
			return err
		}
		out[id] = h.Int64
		if r != nil {
			r.stored(rowid, id)
		}
		return nil
	})
	return out, err
}
