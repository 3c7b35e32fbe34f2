package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sources (docs/import.md, "Sources"): the files whose headers are the
// same are one source. The store keeps, for each, how its last file was
// read (the caller's text: the flags it needed) and which deals it wrote,
// so that next week's export reads as this week's did, and so that an
// import that replaces a source deletes the deals its file no longer has.

// SourceSpec names the source of the file an import writes.
type SourceSpec struct {
	Signature string // the header folded (crm.Signature): the source's key
	Header    string // the header as written, for status
	// Reading is what to remember of how the file was read: the flags it
	// needed, as the caller writes them; "" for none (a remembered reading
	// is then dropped).
	Reading string
}

// Source is a source with a remembered reading, for status.
type Source struct {
	Header, Kind, Reading, File, At string
}

// Reading returns the remembered reading of the source with signature, ""
// for none.
func (db *DB) Reading(ctx context.Context, signature string) (string, error) {
	var r sql.NullString
	err := db.db.QueryRowContext(ctx, `SELECT reading FROM sources WHERE signature = ?`, signature).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return r.String, err
}

// Forget drops the remembered reading of the source with signature and
// returns it, "" when there was none.
func (db *DB) Forget(ctx context.Context, signature string) (string, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var r sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT reading FROM sources WHERE signature = ?`, signature).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !r.Valid {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sources SET reading = NULL WHERE signature = ?`, signature); err != nil {
		return "", err
	}
	return r.String, tx.Commit()
}

// Sources lists the sources with a remembered reading, most recently
// imported first.
func (db *DB) Sources(ctx context.Context) ([]Source, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT header, kind, reading, file, at FROM sources
		WHERE reading IS NOT NULL ORDER BY at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Source{}
	for rows.Next() {
		var s Source
		if err := rows.Scan(&s.Header, &s.Kind, &s.Reading, &s.File, &s.At); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// saveSource records the source of the import's file in its transaction
// and returns its id.
func (t *ImportTx) saveSource(s *SourceSpec) (int64, error) {
	var reading any
	if s.Reading != "" {
		reading = s.Reading
	}
	var id int64
	err := t.tx.QueryRowContext(t.ctx, `INSERT INTO sources (signature, header, kind, reading, file, at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (signature) DO UPDATE SET header = excluded.header, kind = excluded.kind,
			reading = excluded.reading, file = excluded.file, at = excluded.at
		RETURNING id`, s.Signature, s.Header, string(t.spec.Kind), reading, t.spec.File,
		time.Now().UTC().Format(time.RFC3339)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("import %s: source: %w", t.spec.File, err)
	}
	return id, nil
}

// keepIDs remembers, for --replace, the ids of the deals in b.
func (t *ImportTx) keepIDs(b *Batch) error {
	if b.n == 0 {
		return nil
	}
	ids := make([]any, b.n)
	for i := range b.n {
		ids[i] = b.args[i*b.width] // the id is the first column picked
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT OR IGNORE INTO temp.replace_ids (id) VALUES `+marks("(?)", b.n), ids...)
	return err
}

// replace makes the deals of the file its source's, and deletes the other
// deals of that source: those its file no longer lists, taking them out
// of the rollups. It returns how many it deleted.
func (t *ImportTx) replace() (int64, error) {
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE deals SET source = ?
		WHERE id IN (SELECT id FROM temp.replace_ids) AND source IS NOT ?`, t.plan.source, t.plan.source); err != nil {
		return 0, err
	}
	rows, err := t.tx.QueryContext(t.ctx, `DELETE FROM deals WHERE source = ? AND id NOT IN (SELECT id FROM temp.replace_ids)
		RETURNING `+strings.Join(dealColumns, ", ")+`, hash`, t.plan.source)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	var gone []*storedDeal
	for rows.Next() {
		s := &storedDeal{}
		if err := s.scan(rows); err != nil {
			return n, err
		}
		n++
		if gone = append(gone, s); len(gone) == loadChunk {
			if err := t.uncount(gone); err != nil {
				return n, err
			}
			gone = gone[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, t.uncount(gone)
}

// uncount takes deleted deals out of the rollups.
func (t *ImportTx) uncount(gone []*storedDeal) error {
	cs := make([]dealChange, len(gone))
	for i, s := range gone {
		cs[i] = dealChange{old: s, new: s.vals}
	}
	if err := t.loadFirstWon(cs); err != nil {
		return err
	}
	for _, s := range gone {
		d := dealOf(t.keys, &s.vals)
		if err := t.changes.Deal(&d, -1); err != nil {
			return err
		}
		t.wonDeal(&d, -1)
		t.wonAgain(&d, 0)
	}
	return nil
}
