package store

import (
	"context"
	"fmt"
	"math/big"

	"github.com/salesgoal/salesgoal/internal/rollup"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The converted money of docs/metrics.md, "Several currencies", in plain
// SQL: the deals won and created in a range summed by day, owner, team and
// currency, each sum converted at its day's rate (oracleRates) and rounded
// half-even once; the property test checks the rollups' conversion
// against it after random sequences of imports.

// sqlConverted is what money metrics count over q with conversion.
type sqlConverted struct {
	WonAmount, WonMoney, PipelineAmount, NewDealsMoney, OtherCurrency int64
}

func (o sqlOracle) converted(ctx context.Context, mq measure.Query, rates *oracleRates) (sqlConverted, error) {
	var out sqlConverted
	q := sqlQueryOf(mq)
	where, args := scopeFilter(q.Scope, "d")
	sum := func(dayCol, stage string, amount, count *int64) error {
		rows, err := o.q.QueryContext(ctx, `SELECT d.`+dayCol+`, d.currency, SUM(d.amount), COUNT(*) FROM deals d
			WHERE d.`+dayCol+` BETWEEN ? AND ?`+stage+where+`
			GROUP BY d.`+dayCol+`, d.owner, d.team, d.currency`, append([]any{q.From, q.To}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var day, cur string
			var a, n int64
			if err := rows.Scan(&day, &cur, &a, &n); err != nil {
				return err
			}
			r, ok := rates.rate(cur, day)
			if !ok {
				continue
			}
			*amount += roundHalfEven(new(big.Rat).Mul(big.NewRat(a, 1), r))
			*count += n
		}
		return rows.Err()
	}
	if err := sum("closed_at", " AND d.stage = 'won'", &out.WonAmount, &out.WonMoney); err != nil {
		return out, fmt.Errorf("won: %w", err)
	}
	if err := sum("created_at", "", &out.PipelineAmount, &out.NewDealsMoney); err != nil {
		return out, fmt.Errorf("created: %w", err)
	}
	// A deal is left out once, when a day it counts on has no rate.
	rows, err := o.q.QueryContext(ctx, `SELECT d.currency, d.stage, COALESCE(d.created_at, ''), COALESCE(d.closed_at, '') FROM deals d
		WHERE ((d.stage = 'won' AND d.closed_at BETWEEN ? AND ?) OR d.created_at BETWEEN ? AND ?)`+where,
		append([]any{q.From, q.To, q.From, q.To}, args...)...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var cur, stage, created, closed string
		if err := rows.Scan(&cur, &stage, &created, &closed); err != nil {
			return out, err
		}
		_, createdOK := rates.rate(cur, created)
		_, closedOK := rates.rate(cur, closed)
		if created >= q.From && created <= q.To && !createdOK ||
			stage == "won" && closed >= q.From && closed <= q.To && !closedOK {
			out.OtherCurrency++
		}
	}
	return out, rows.Err()
}

// checkConverted compares the converted money of a few ranges, by every
// policy, with SQL's.
func (s *sequence) checkConverted(when string, qs []measure.Query) {
	s.t.Helper()
	oracle := sqlOracle{q: s.db.db}
	asOf := "2027-06-30"
	for _, policy := range []rollup.Policy{rollup.CloseDate, rollup.PeriodAverage, rollup.Latest} {
		snap := s.db.Snapshot()
		snap.Convert(rollup.Conversion{On: true, Policy: policy, AsOf: rollup.DayOf(oracleDay(asOf)), Currency: "USD"})
		for _, q := range qs {
			if q.Currency != "USD" {
				continue
			}
			a, err := snap.Aggregates(s.ctx, q)
			if err != nil {
				s.t.Fatal(err)
			}
			from, to := metric.FormatDate(q.From), metric.FormatDate(q.To)
			want, err := oracle.converted(s.ctx, q, newOracleRates(convertRates(), policy, from, to, asOf))
			if err != nil {
				s.t.Fatal(err)
			}
			got := sqlConverted{WonAmount: a.WonAmount, WonMoney: a.WonMoney, PipelineAmount: a.PipelineAmount,
				NewDealsMoney: a.NewDealsMoney, OtherCurrency: a.OtherCurrency}
			if got != want {
				s.t.Errorf("%s: %s %s %s..%s: converted %+v, want %+v", when, policy, q.Scope, from, to, got, want)
			}
		}
		snap.Close()
	}
}
