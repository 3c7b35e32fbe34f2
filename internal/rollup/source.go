package rollup

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// Source answers what measuring asks of the data (measure.Source, but
// for Goal, which a storage engine adds) from the rollups a Loader reads,
// all from the one snapshot the Loader reads from. It is safe for use by
// several goroutines: they take turns.
type Source struct {
	mu   sync.Mutex
	load Loader
	view *View
	conv Conversion
}

var _ measure.Batcher = (*Source)(nil)

// NewSource returns a Source reading through load.
func NewSource(load Loader) *Source { return &Source{load: load} }

// with runs fn with the view, reading it the first time.
func (s *Source) with(ctx context.Context, fn func(*View) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.view == nil {
		v, err := NewView(ctx, s.load)
		if err != nil {
			return err
		}
		s.view = v
	}
	if s.view.conv != s.conv {
		s.view.conv, s.view.rates = s.conv, nil
	}
	return fn(s.view)
}

// Convert sets how money in other currencies is converted into the
// database's from now on (by default it is not: those deals are left out).
func (s *Source) Convert(c Conversion) {
	s.mu.Lock()
	s.conv = c
	s.mu.Unlock()
}

// request is a measure.Query as the view takes it.
func request(q measure.Query, by By) (Request, error) {
	if q.From.IsZero() || q.To.IsZero() {
		return Request{}, errors.New("aggregates: the range needs a first and a last day")
	}
	r := Request{From: DayOf(q.From), To: DayOf(q.To), Scope: q.Scope, By: by}
	if r.To < r.From {
		return r, fmt.Errorf("aggregates: range %s..%s ends before it starts", r.From, r.To)
	}
	return r, nil
}

// Aggregates computes every count and sum the metrics need over one range
// and scope.
func (s *Source) Aggregates(ctx context.Context, q measure.Query) (metric.Aggregates, error) {
	as, err := s.AggregatesMany(ctx, []measure.Query{q})
	if err != nil {
		return metric.Aggregates{}, err
	}
	return as[0], nil
}

// AggregatesMany computes the aggregates of many queries, all in the
// database's currency, in one pass over the days they cover.
func (s *Source) AggregatesMany(ctx context.Context, qs []measure.Query) ([]metric.Aggregates, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	reqs := make([]Request, len(qs))
	for i, q := range qs {
		var err error
		if reqs[i], err = request(q, ByNone); err != nil {
			return nil, err
		}
	}
	out := make([]metric.Aggregates, len(qs))
	err := s.with(ctx, func(v *View) error {
		// One pass for each currency asked (all in the database's, but
		// for a caller that asks otherwise).
		byCur := map[string][]int{}
		for i, q := range qs {
			byCur[q.Currency] = append(byCur[q.Currency], i)
		}
		for cur, at := range byCur {
			rs := make([]Request, len(at))
			for j, i := range at {
				rs[j] = reqs[i]
			}
			gs, err := v.Aggregates(ctx, cur, rs)
			if err != nil {
				return err
			}
			for j, i := range at {
				out[i] = gs[j][0].Aggregates
			}
		}
		return nil
	})
	return out, err
}

// AggregatesBy computes the aggregates of q for each owner, team or month
// (measure.Group says which groups there are), sorted by key.
func (s *Source) AggregatesBy(ctx context.Context, q measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	var b By
	switch by {
	case measure.ByOwner:
		b = ByOwner
	case measure.ByTeam:
		b = ByTeam
	case measure.ByMonth:
		b = ByMonth
	default:
		return nil, fmt.Errorf("group by %q: want owner, team or month", by)
	}
	r, err := request(q, b)
	if err != nil {
		return nil, err
	}
	var out []measure.Group
	err = s.with(ctx, func(v *View) error {
		gs, err := v.Aggregates(ctx, q.Currency, []Request{r})
		if err != nil {
			return err
		}
		for _, g := range gs[0] {
			out = append(out, measure.Group{Key: g.Key, From: g.From.Time(), To: g.To.Time(), Aggregates: g.Aggregates})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b measure.Group) int { return cmp.Compare(a.Key, b.Key) })
	return out, err
}

// LeftOut counts what the aggregates of q could not use.
func (s *Source) LeftOut(ctx context.Context, q measure.Query) (measure.LeftOut, error) {
	var lo measure.LeftOut
	err := s.with(ctx, func(v *View) error {
		from, to := DayOf(q.From), DayOf(q.To)
		lo.Converting = v.conv.On
		if err := v.needRates(ctx, from, to); err != nil {
			return err
		}
		lo.UndatedOpen, lo.OtherCurrencySpend = v.LeftOut(from, to, q.Scope, q.Currency)
		return nil
	})
	return lo, err
}

// Conversions is what the money of q converted from each other currency
// (measure.Converter), in one more pass over q's days, and the policy.
func (s *Source) Conversions(ctx context.Context, q measure.Query) ([]measure.Converted, string, error) {
	var out []measure.Converted
	var policy string
	err := s.with(ctx, func(v *View) error {
		cs, err := v.Conversions(ctx, DayOf(q.From), DayOf(q.To), q.Scope, q.Currency)
		if len(cs) > 0 {
			policy = v.conv.Policy.String()
		}
		for _, c := range cs {
			mc := measure.Converted{Currency: c.Currency, Won: c.Won, Created: c.Created,
				WonAmount: c.WonAmount, WonInto: c.WonInto, CreatedAmount: c.CreatedAmount, CreatedInto: c.CreatedInto,
				Low: RateText(c.Low), High: RateText(c.High), StaleWon: c.StaleWon, StaleCreated: c.StaleCreated}
			if c.StaleWon+c.StaleCreated > 0 {
				mc.Oldest, mc.For = c.Oldest.Time(), c.For.Time()
			}
			out = append(out, mc)
		}
		return err
	})
	return out, policy, err
}

// OtherCurrencies counts the deals of q's scope won or created in q's
// range in each currency other than q.Currency, most first.
func (s *Source) OtherCurrencies(ctx context.Context, q measure.Query) ([]measure.CurrencyCount, error) {
	var out []measure.CurrencyCount
	err := s.with(ctx, func(v *View) error {
		cs, err := v.OtherCurrencies(ctx, DayOf(q.From), DayOf(q.To), q.Scope, q.Currency)
		for _, c := range cs {
			cc := measure.CurrencyCount{Currency: c.Currency, Deals: c.Deals}
			if c.Missing != NoDay {
				cc.Missing = c.Missing.Time()
			}
			out = append(out, cc)
		}
		return err
	})
	return out, err
}

// CoverageDeals counts what pipeline coverage needs (measure.CoverageQuery).
func (s *Source) CoverageDeals(ctx context.Context, q measure.CoverageQuery) (measure.CoverageCounts, error) {
	var out measure.CoverageCounts
	err := s.with(ctx, func(v *View) error {
		days, undated, err := v.Coverage(ctx, DayOf(q.ClosedFrom), DayOf(q.ClosedTo), DayOf(q.OpenFrom), DayOf(q.OpenTo), q.Currency)
		out.Undated = undated
		out.Days = make([]measure.DayGroup, 0, len(days))
		for _, d := range days {
			owner, team := v.Pair(d.Pair)
			out.Days = append(out.Days, measure.DayGroup{Owner: owner, Team: team, Day: d.Day.Time(), Won: d.Won, Lost: d.Lost,
				Pipeline: metric.Pipeline{Deals: d.Deals, DealsMoney: d.DealsMoney, Amount: d.Amount}})
		}
		return err
	})
	return out, err
}

// ScopeExists reports whether an owner or team appears on any deal or
// customer.
func (s *Source) ScopeExists(ctx context.Context, sc metric.Scope) (bool, error) {
	var ok bool
	err := s.with(ctx, func(v *View) error {
		ok = v.ScopeExists(sc)
		return nil
	})
	return ok, err
}

// Inputs is what the data holds, company-wide.
func (s *Source) Inputs(ctx context.Context) (metric.Inputs, error) {
	var in metric.Inputs
	err := s.with(ctx, func(v *View) error {
		in = v.Inputs()
		return nil
	})
	return in, err
}
