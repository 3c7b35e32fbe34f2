package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// storedDates looks up what earlier imports stored for a deal, for a file
// that lacks one of its dates: an upsert changes only the fields its file
// carries (DESIGN §1), so a file of won deals without a create date (Olist's
// closed deals) is complete when an earlier file (its leads) gave that
// date. The lookups run on their own connection, outside the import's
// transaction: they see what was committed before the import began, which
// is all that matters, since a file names each deal once.
type storedDates struct {
	ctx  context.Context
	stmt *sql.Stmt
}

// newStoredDates prepares the lookup when a deals file lacks created_at or
// closed_at, or a customers file carries only one of acquired_at and
// churned_at (a churn file kept apart from the customers file); nil
// otherwise. When the table was empty as the import began (empty), every
// lookup answers "absent" without asking SQLite.
func newStoredDates(ctx context.Context, db *sql.DB, kind crm.Kind, at [nField]int, empty bool) (*storedDates, error) {
	var query string
	switch {
	case kind == crm.KindDeals && (at[fldCreated] == -1 || at[fldClosed] == -1):
		query = `SELECT created_at, closed_at FROM deals WHERE id = ?`
	case kind == crm.KindCustomers && (at[fldAcquired] == -1) != (at[fldChurned] == -1):
		query = `SELECT COALESCE(acquired_at, first_won_at), churned_at FROM customers WHERE id = ?`
	default:
		return nil, nil
	}
	if empty {
		return &storedDates{ctx: ctx}, nil
	}
	stmt, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &storedDates{ctx: ctx, stmt: stmt}, nil
}

// dates returns the two stored dates of id (a deal's created_at and
// closed_at, a customer's acquired_at and churned_at), nil when absent.
func (s *storedDates) dates(id string) (first, second any, err error) {
	if s.stmt == nil {
		return nil, nil, nil
	}
	var a, b sql.NullString
	err = s.stmt.QueryRowContext(s.ctx, id).Scan(&a, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if a.Valid {
		first = a.String
	}
	if b.Valid {
		second = b.String
	}
	return first, second, nil
}

func (s *storedDates) close() {
	if s != nil && s.stmt != nil {
		s.stmt.Close()
	}
}
