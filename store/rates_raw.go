package store

import (
	"context"
	"slices"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// A measurement that converts reads the rates of the days it measures,
// some five hundred rows a year a currency (the ECB's). Through the driver
// each row costs an allocation a column and the driver's own steps: at a
// million deals in three currencies, reading two years' rates took as
// long as converting every cell they serve (docs/architecture.md,
// "Speed"). So a snapshot on SQLite reads them beneath the driver, as it
// reads the rollups' blobs (rollups_raw.go): one statement, prepared once,
// run for each currency, the text of the days and rates copied into one
// buffer that becomes one string.

// ratesQuery reads one currency's rates dated from ?2 to ?3, and its last
// before and first after them: what loader.Rates reads, in one statement.
const ratesQuery = `SELECT day, base, rate, per_base FROM rates WHERE currency = ?1 AND day BETWEEN ?2 AND ?3
	UNION ALL SELECT * FROM (SELECT day, base, rate, per_base FROM rates WHERE currency = ?1 AND day < ?2 ORDER BY day DESC LIMIT 1)
	UNION ALL SELECT * FROM (SELECT day, base, rate, per_base FROM rates WHERE currency = ?1 AND day > ?3 ORDER BY day LIMIT 1)`

// rawRates reads what loader.Rates reads (in another order: the rollup
// package sorts each currency's by day), beneath the driver, and reports
// whether it did; false, with nothing done, when the rates are to be read
// through the driver.
func (s *Snapshot) rawRates(ctx context.Context, curs []string, from, to rollup.Day) (out []row.Rate, ran bool, err error) {
	ran, err = s.beneath(ctx, func(c rawConn) error {
		if s.rates == nil {
			st, err := c.prepare(ratesQuery)
			if err != nil {
				return err
			}
			s.rates = st
		}
		// Where each row's day and rate end in text: the day starts
		// where the row before's rate ends.
		type at struct{ day, rate int }
		var (
			text  []byte
			ends  []at
			bases = map[string]string{}
			buf   []byte
		)
		// Room for a rate a day when full (the ECB's have one a weekday),
		// none for a currency without rates.
		est := int(to-from) + 3
		for _, cur := range curs {
			err := s.rates.each([]any{cur, from.String(), to.String()}, func(st *rawStmt) error {
				if len(out) == cap(out) {
					out, ends, text = slices.Grow(out, est), slices.Grow(ends, est), slices.Grow(text, 16*est)
				}
				text = st.blob(0, text)
				day := len(text)
				text = st.blob(2, text)
				ends = append(ends, at{day, len(text)})
				buf = st.blob(1, buf[:0])
				base, ok := bases[string(buf)]
				if !ok {
					base = string(buf)
					bases[base] = base
				}
				out = append(out, row.Rate{Currency: cur, Base: base, PerBase: st.int64(3) != 0})
				return nil
			})
			if err != nil {
				return err
			}
		}
		all, start := string(text), 0
		for i, e := range ends {
			out[i].Date, out[i].Value = all[start:e.day], all[e.day:e.rate]
			start = e.rate
		}
		return nil
	})
	return out, ran, err
}
