package store

import (
	"context"
	"database/sql"
	"errors"
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
// closed_at; nil otherwise. When the deals table was empty as the import
// began (empty), every lookup answers "absent" without asking SQLite.
func newStoredDates(ctx context.Context, db *sql.DB, kind Kind, at [nField]int, empty bool) (*storedDates, error) {
	if kind != KindDeals || (at[fldCreated] != -1 && at[fldClosed] != -1) {
		return nil, nil
	}
	if empty {
		return &storedDates{ctx: ctx}, nil
	}
	stmt, err := db.PrepareContext(ctx, `SELECT created_at, closed_at FROM deals WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	return &storedDates{ctx: ctx, stmt: stmt}, nil
}

// dates returns the stored created_at and closed_at of deal id, nil when
// absent.
func (s *storedDates) dates(id string) (created, closed any, err error) {
	if s.stmt == nil {
		return nil, nil, nil
	}
	var cr, cl sql.NullString
	err = s.stmt.QueryRowContext(s.ctx, id).Scan(&cr, &cl)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if cr.Valid {
		created = cr.String
	}
	if cl.Valid {
		closed = cl.String
	}
	return created, closed, nil
}

func (s *storedDates) close() {
	if s != nil && s.stmt != nil {
		s.stmt.Close()
	}
}
