package measure

import (
	"cmp"
	"context"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// Metrics is every metric over one period for one scope, whole or split by
// owner, team or month: what `salesgoal metrics` shows.
type Metrics struct {
	Period metric.Period
	// Effective is the part of Period measured, up to the as-of day.
	Effective metric.Period
	// Started is false when the period starts after the as-of day: nothing
	// in it can be counted yet.
	Started  bool
	AsOf     time.Time
	Scope    metric.Scope
	Currency string
	By       GroupBy // "" for one row
	Rows     []Row   // one without By
	LeftOut  LeftOut
}

// Row is the metrics of one group, or of the whole scope.
type Row struct {
	Group string // the owner, team or month; "" without By
	// From and To are the range the row covers (by month: its part of the
	// period).
	From, To   time.Time
	Aggregates metric.Aggregates
	Values     []metric.Value // every metric, in catalogue order
}

// Metrics measures every metric over period p for scope sc, in one row, or
// in one row per owner, team or month of by. By owner or team, each row is
// scoped to its owner or team.
func (m *Measurer) Metrics(ctx context.Context, p metric.Period, sc metric.Scope, by GroupBy) (*Metrics, error) {
	res := &Metrics{Period: p, AsOf: m.asOf, Scope: sc, Currency: m.currency, By: by}
	res.Effective, res.Started = p.Effective(m.asOf)
	q := Query{From: res.Effective.Start, To: res.Effective.End, Scope: sc, Currency: m.currency}
	if !res.Started {
		res.Rows = []Row{}
		if by == "" {
			vs, err := m.values(ctx, metric.Aggregates{}, sc, q.From, q.To)
			if err != nil {
				return nil, err
			}
			for i, v := range vs { // nothing measured yet: no value, not 0
				vs[i] = metric.Value{Metric: v.Metric, Null: true, Reason: cmp.Or(v.Reason, "the period has not started"), Basis: -1}
			}
			res.Rows = []Row{{From: q.From, To: q.To, Values: vs}}
		}
		return res, nil
	}
	var err error
	if res.LeftOut, err = m.src.LeftOut(ctx, q); err != nil {
		return nil, err
	}
	if by == "" {
		a, _, err := m.aggregates(ctx, sc, p)
		if err != nil {
			return nil, err
		}
		vs, err := m.values(ctx, a, sc, q.From, q.To)
		if err != nil {
			return nil, err
		}
		res.Rows = []Row{{From: q.From, To: q.To, Aggregates: a, Values: vs}}
		return res, m.otherCurrencies(ctx, q, res)
	}
	gs, err := m.src.AggregatesBy(ctx, q, by)
	if err != nil {
		return nil, err
	}
	res.Rows = make([]Row, 0, len(gs))
	for _, g := range gs {
		gsc := sc
		switch by {
		case ByOwner:
			gsc = metric.Scope{Level: metric.Owner, Value: g.Key}
		case ByTeam:
			gsc = metric.Scope{Level: metric.Team, Value: g.Key}
		}
		vs, err := m.values(ctx, g.Aggregates, gsc, g.From, g.To)
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, Row{Group: g.Key, From: g.From, To: g.To, Aggregates: g.Aggregates, Values: vs})
	}
	return res, m.otherCurrencies(ctx, q, res)
}

// otherCurrencies asks, only when every deal the money metrics of res met
// was in another currency, which currencies they were in.
func (m *Measurer) otherCurrencies(ctx context.Context, q Query, res *Metrics) error {
	var all metric.Aggregates
	for _, r := range res.Rows {
		all.Add(&r.Aggregates)
	}
	if all.OtherCurrency == 0 {
		return nil
	}
	var err error
	res.LeftOut.OtherCurrencies, err = m.src.OtherCurrencies(ctx, q)
	return err
}

// Conversions adds to res, for --explain, what its money converted from
// each other currency, when the source converts (Converter).
func (m *Measurer) Conversions(ctx context.Context, res *Metrics) error {
	c, ok := m.src.(Converter)
	if !ok || !res.Started || res.By != "" {
		return nil
	}
	q := Query{From: res.Effective.Start, To: res.Effective.End, Scope: res.Scope, Currency: m.currency}
	var err error
	res.LeftOut.Converted, res.LeftOut.Policy, err = c.Conversions(ctx, q)
	return err
}
