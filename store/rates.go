package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Exchange rates (docs/metrics.md, "Several currencies"): imported in one
// transaction, upserted by day and currency, read by every measurement.

// RatesSpec is one rates file being imported.
type RatesSpec struct {
	File   string
	SHA256 func() string // the file's digest, asked once it is all read
	At     time.Time
}

// RatesWritten counts what an import of rates did.
type RatesWritten struct {
	Rows                         int64
	Inserted, Updated, Unchanged int64
}

// ImportRates writes every rate read yields in one transaction, inserting
// new ones and updating those of the same day and currency; when read
// returns an error, nothing is written and the error is returned.
func (db *DB) ImportRates(ctx context.Context, spec RatesSpec, read func(put func(row.Rate) error) error) (w RatesWritten, err error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return w, fmt.Errorf("import %s: %w", spec.File, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var before int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM rates`).Scan(&before); err != nil {
		return w, err
	}
	b := &rateBatch{ctx: ctx, tx: tx, seen: map[[2]string]bool{}}
	defer b.close()
	// Rates come a day at a time (the ECB's lines) and are kept by
	// currency and day: a few thousand at a time are written in that
	// order, so that each currency's rates are added at its end of the
	// key rather than at thirty places (a tenth faster).
	var pending []row.Rate
	write := func() error {
		slices.SortStableFunc(pending, func(x, y row.Rate) int {
			return cmp.Or(cmp.Compare(x.Currency, y.Currency), cmp.Compare(x.Date, y.Date))
		})
		for _, r := range pending {
			if err := b.add(r); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	err = read(func(r row.Rate) error {
		w.Rows++
		pending = append(pending, r)
		if len(pending) == 30*rateBatchSize {
			return write()
		}
		return nil
	})
	if err == nil {
		err = write()
	}
	if err == nil {
		err = b.flush()
	}
	if err != nil {
		return w, err
	}
	affected := b.affected
	var after int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM rates`).Scan(&after); err != nil {
		return w, err
	}
	w.Inserted = after - before
	w.Updated = affected - w.Inserted
	w.Unchanged = w.Rows - affected
	if _, err := tx.ExecContext(ctx, `INSERT INTO imports (file, sha256, kind, inserted, updated, unchanged, skipped, at)
		VALUES (?, ?, 'rates', ?, ?, ?, 0, ?)`, spec.File, spec.SHA256(), w.Inserted, w.Updated, w.Unchanged,
		spec.At.UTC().Format(time.RFC3339)); err != nil {
		return w, fmt.Errorf("import %s: log: %w", spec.File, err)
	}
	return w, tx.Commit()
}

// CurrencySet reports whether the database's currency was ever set (by
// `config set currency` or by a first deals file).
func (db *DB) CurrencySet(ctx context.Context) (bool, error) {
	var set bool
	err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?)`, SettingCurrency).Scan(&set)
	return set, err
}

// RatesHeld is what `salesgoal rates list` shows of one currency: its
// first and last day, how many rates, and the last one.
type RatesHeld struct {
	Currency    string
	First, Last string
	Count       int64
	Latest      row.Rate
}

// RatesList sums up the rates held, by currency.
func (db *DB) RatesList(ctx context.Context) ([]RatesHeld, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT r.currency, m.first, m.last, m.n, r.base, r.rate, r.per_base
		FROM rates r JOIN (SELECT currency, MIN(day) AS first, MAX(day) AS last, COUNT(*) AS n FROM rates GROUP BY currency) m
		ON r.currency = m.currency AND r.day = m.last ORDER BY r.currency`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RatesHeld
	for rows.Next() {
		var h RatesHeld
		if err := rows.Scan(&h.Currency, &h.First, &h.Last, &h.Count, &h.Latest.Base, &h.Latest.Value, &h.Latest.PerBase); err != nil {
			return nil, err
		}
		h.Latest.Currency, h.Latest.Date = h.Currency, h.Last
		out = append(out, h)
	}
	return out, rows.Err()
}

// Rates reads every rate held.
func (db *DB) Rates(ctx context.Context) (*rollup.Rates, error) {
	rs, err := readRates(ctx, db.db, nil, "", nil, `ORDER BY currency, day`)
	if err != nil {
		return nil, err
	}
	return rollup.NewRates(rs)
}

// readRates reads the rates of curs (every currency without any) that
// meet cond (SQL, with args; "": every rate), in the order of tail (SQL:
// ORDER BY, and a LIMIT).
func readRates(ctx context.Context, q DBTX, curs []string, cond string, args []any, tail string) ([]row.Rate, error) {
	query := `SELECT day, currency, base, rate, per_base FROM rates`
	var where []string
	var all []any
	if len(curs) > 0 {
		where = append(where, `currency IN (`+marks("?", len(curs))+`)`)
		for _, c := range curs {
			all = append(all, c)
		}
	}
	if cond != "" {
		where = append(where, cond)
		all = append(all, args...)
	}
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := q.QueryContext(ctx, query+" "+tail, all...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []row.Rate
	for rows.Next() {
		var r row.Rate
		if err := rows.Scan(&r.Date, &r.Currency, &r.Base, &r.Value, &r.PerBase); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Rates reads the rates of the currencies curs dated from from to to, and
// of each the last before and the first after, in the snapshot
// (rollup.Loader): one query for the range, and two small ones a currency
// on the key (currency, day).
func (l loader) Rates(ctx context.Context, curs []string, from, to rollup.Day) ([]row.Rate, error) {
	if l.rawRates != nil {
		if out, ran, err := l.rawRates(ctx, curs, from, to); ran {
			return out, err
		}
	}
	q, err := l.q(ctx)
	if err != nil {
		return nil, err
	}
	out, err := readRates(ctx, q, curs, `day BETWEEN ? AND ?`, []any{from.String(), to.String()}, `ORDER BY currency, day`)
	if err != nil {
		return nil, err
	}
	for _, c := range curs {
		before, err := readRates(ctx, q, []string{c}, `day < ?`, []any{from.String()}, `ORDER BY currency DESC, day DESC LIMIT 1`)
		if err != nil {
			return nil, err
		}
		after, err := readRates(ctx, q, []string{c}, `day > ?`, []any{to.String()}, `ORDER BY currency, day LIMIT 1`)
		if err != nil {
			return nil, err
		}
		out = append(append(out, before...), after...)
	}
	return out, nil
}

// RatePolicy is the rate policy of the settings.
func (db *DB) RatePolicy(ctx context.Context) (rollup.Policy, error) {
	v, err := db.Setting(ctx, SettingRatePolicy)
	if err != nil {
		return 0, err
	}
	return rollup.ParsePolicy(v)
}

// UseRates makes the snapshot convert money in other currencies into the
// database's at the rates held, by the rate policy of the settings, with
// asOf as the latest policy's today.
func (s *Snapshot) UseRates(ctx context.Context, asOf time.Time) error {
	p, err := s.db.RatePolicy(ctx)
	if err != nil {
		return err
	}
	cur, err := s.db.Currency(ctx)
	if err != nil {
		return err
	}
	s.Convert(rollup.Conversion{On: true, Policy: p, AsOf: rollup.DayOf(asOf), Currency: cur})
	return nil
}

// RateRoutes says how each currency of curs and of the rates converts
// into base at the last day rates are held for (rollup.Rates.Route:
// "direct", "inverted", "through X", or "" for none), and that day; nil
// when no rate is held.
func (db *DB) RateRoutes(ctx context.Context, base string, curs []string) (map[string]string, string, error) {
	rs, err := db.Rates(ctx)
	if err != nil || rs.Empty() {
		return nil, "", err
	}
	last := rs.Last()
	out := map[string]string{}
	for _, c := range append(rs.Currencies(), curs...) {
		if c != base {
			out[c] = rs.Route(c, base, last)
		}
	}
	return out, last.String(), nil
}

// rateBatch writes rates a hundred at a time, in one statement each (a
// rate a statement: five times slower). A statement never holds the same
// day and currency twice, which PostgreSQL's upsert refuses: a rate met
// again in the batch writes the batch first.
type rateBatch struct {
	ctx      context.Context
	tx       *sql.Tx
	full     *sql.Stmt // for a whole batch, prepared once
	rows     []any
	seen     map[[2]string]bool
	affected int64 // rows inserted or changed
}

const rateBatchSize = 100

// ratesUpsert is the statement for n rates: a rate met again unchanged is
// left alone, so that the rows affected are those inserted or changed.
func ratesUpsert(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO rates (day, currency, base, rate, per_base) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?)")
	}
	b.WriteString(` ON CONFLICT (currency, day) DO UPDATE SET base = excluded.base, rate = excluded.rate, per_base = excluded.per_base
		WHERE rates.base <> excluded.base OR rates.rate <> excluded.rate OR rates.per_base <> excluded.per_base`)
	return b.String()
}

func (b *rateBatch) add(r row.Rate) error {
	k := [2]string{r.Date, r.Currency}
	if b.seen[k] {
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.seen[k] = true
	perBase := 0
	if r.PerBase {
		perBase = 1
	}
	b.rows = append(b.rows, r.Date, r.Currency, r.Base, r.Value, perBase)
	if len(b.rows) == 5*rateBatchSize {
		return b.flush()
	}
	return nil
}

func (b *rateBatch) flush() error {
	n := len(b.rows) / 5
	if n == 0 {
		return nil
	}
	var res sql.Result
	var err error
	if n == rateBatchSize {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(b.ctx, ratesUpsert(n)); err != nil {
				return err
			}
		}
		res, err = b.full.ExecContext(b.ctx, b.rows...)
	} else {
		res, err = b.tx.ExecContext(b.ctx, ratesUpsert(n), b.rows...)
	}
	if err != nil {
		return fmt.Errorf("write the rates: %w", err)
	}
	k, err := res.RowsAffected()
	b.affected += k
	b.rows = b.rows[:0]
	clear(b.seen)
	return err
}

func (b *rateBatch) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// HoldsRates reports whether any exchange rate is held.
func (db *DB) HoldsRates(ctx context.Context) (bool, error) {
	var held bool
	err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM rates)`).Scan(&held)
	return held, err
}
