package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// StoredDates looks up what earlier imports stored for a deal or a
// customer, for a file that lacks one of its dates: an upsert changes only
// the fields its file carries (docs/import.md), so a file of won deals
// without a create date (Olist's closed deals) is complete when an earlier
// file (its leads) gave that date. The lookups run on their own connection,
// outside the import's transaction: they see what was committed before the
// import began, which is all that matters, since a file names each row
// once.
type StoredDates struct {
	ctx  context.Context
	stmt *sql.Stmt // nil: the table was empty, nothing is stored
}

// StoredDates prepares the lookup of the transaction's table: a deal's
// created_at and closed_at, a customer's acquisition date (acquired_at,
// else its first won deal's) and churned_at. When the table was empty as
// the import began (the bulk path), every lookup answers "none" without
// asking SQLite. The caller closes it.
func (t *ImportTx) StoredDates() (*StoredDates, error) {
	var query string
	switch t.plan.kind {
	case row.KindDeals:
		query = `SELECT created_at, closed_at FROM deals WHERE id = ?`
	case row.KindCustomers:
		query = `SELECT COALESCE(acquired_at, first_won_at), churned_at FROM customers WHERE id = ?`
	default:
		return &StoredDates{ctx: t.ctx}, nil
	}
	if t.plan.bulk || t.db.unlinked != nil {
		// Nothing is stored yet: the table is empty, or the database is
		// new and this its first import (unlinked.go), whose journal
		// would keep another connection from reading beside it anyway.
		return &StoredDates{ctx: t.ctx}, nil
	}
	stmt, err := t.db.db.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	return &StoredDates{ctx: t.ctx, stmt: stmt}, nil
}

// Dates returns the two stored dates of id, "" for none.
func (s *StoredDates) Dates(id string) (first, second string, err error) {
	if s.stmt == nil {
		return "", "", nil
	}
	var a, b sql.NullString
	err = s.stmt.QueryRowContext(s.ctx, id).Scan(&a, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	return a.String, b.String, nil
}

// Close releases the lookup.
func (s *StoredDates) Close() {
	if s != nil && s.stmt != nil {
		s.stmt.Close()
	}
}
