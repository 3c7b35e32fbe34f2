package store

import (
	"database/sql"
	"math/bits"
)

// The statements an import runs batch after batch take a list of ids
// whose length varies with the batch (the rows it changes, the customers
// they name). Parsing and planning such a statement anew each time was a
// sixth of a re-import's work; so each list is padded to a power of two
// by repeating its last id, which changes nothing a statement finds,
// inserts or returns (IN, INSERT … ON CONFLICT DO NOTHING), and each
// statement is prepared once for each of the few lengths.

// padded is n rounded up to a power of two.
func padded(n int) int {
	if n <= 1 {
		return 1
	}
	return 1 << bits.Len(uint(n-1))
}

// padIDs appends to ids, which must not be empty, copies of its last id
// up to padded(len(ids)).
func padIDs(ids []any) []any {
	n := len(ids)
	for len(ids) < padded(n) {
		ids = append(ids, ids[n-1])
	}
	return ids
}

// prepared returns query prepared in the import's transaction, once.
func (t *ImportTx) prepared(query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = s
	return s, nil
}

// closeStmts closes the statements prepared.
func (t *ImportTx) closeStmts() {
	for q, s := range t.stmts {
		s.Close()
		delete(t.stmts, q)
	}
}

// queryEach runs query with args and reads each row it returns: beneath
// the driver when the inserter talks to SQLite there (raw), else through
// the statement prepared once (scan).
func (t *ImportTx) queryEach(query string, args []any, raw func(*rawStmt), scan func(*sql.Rows) error) error {
	if ran, err := t.ins.query(query, args, raw); ran {
		return err
	}
	st, err := t.prepared(query)
	if err != nil {
		return err
	}
	return scanEach(scan)(st.QueryContext(t.ctx, args...))
}

// inList is head, n marks and a closing parenthesis: the statement of a
// list of n ids (head ends in "IN ("), built once for each head and n
// rather than for each batch.
func (t *ImportTx) inList(head string, n int) string {
	k := listKey{head, n}
	q, ok := t.lists[k]
	if !ok {
		q = head + marks("?", n) + `)`
		if t.lists == nil {
			t.lists = map[listKey]string{}
		}
		t.lists[k] = q
	}
	return q
}

type listKey struct {
	head string
	n    int
}
