package store

import (
	"cmp"
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// loadStates gives the tracker the states query reads (id, first_won_at,
// first_won_deals) with args bound.
func (t *ImportTx) loadStates(query string, args []any) error {
	load := func(id string, fw any, blob []byte) error {
		f, err := rollup.DecodeFirstDay(day(fw), blob)
		if err == nil {
			t.tracker.Load(id, f)
		}
		return err
	}
	var failed error
	err := t.queryEach(query, args, func(r *rawStmt) {
		if failed == nil {
			blob, _ := r.value(2).([]byte)
			failed = load(r.str(0), r.value(1), blob)
		}
	}, func(rows *sql.Rows) error {
		var id string
		var fw sql.NullString
		var blob []byte
		if err := rows.Scan(&id, &fw, &blob); err != nil {
			return err
		}
		var v any
		if fw.Valid {
			v = fw.String
		}
		return load(id, v, blob)
	})
	return cmp.Or(err, failed)
}
