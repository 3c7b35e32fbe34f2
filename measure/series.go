package measure

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Path is a goal's metric over its own period day by day, up to the
// as-of day: on each day, the value over the period's first day up to
// that day, as the report would give it as of that day. The last value is
// the goal's actual.
type Path struct {
	Days   []time.Time
	Values []*float64 // nil where the value is null
}

// Paths measures the path of each goal of gs whose period has started
// (docs/goals.md, "The HTML report"). The source is asked for the
// aggregates day by day once per scope, over the days all its goals
// need; where groupedFrom or more owners (or teams) have goals, once for
// all of them, grouped by owner (or team).
func (m *Measurer) Paths(ctx context.Context, gs []goal.Goal) (map[int64]Path, error) {
	type need struct {
		q     SeriesQuery
		goals []goal.Goal
	}
	byScope := map[metric.Scope]*need{}
	var scopes []metric.Scope
	for _, g := range gs {
		k, ok := keyFor(g.Scope, g.Period, m.asOf)
		if !ok {
			continue
		}
		n := byScope[g.Scope]
		if n == nil {
			n = &need{q: SeriesQuery{Query: Query{From: k.from, To: k.to, Scope: g.Scope, Currency: m.currency}}}
			byScope[g.Scope] = n
			scopes = append(scopes, g.Scope)
		}
		n.q.From, n.q.To = earlier(n.q.From, k.from), later(n.q.To, k.to)
		n.q.Cycles = n.q.Cycles || g.Metric == "median-cycle-days"
		n.goals = append(n.goals, g)
	}
	// One query for the owners, one for the teams, where there are enough.
	var asks []*need
	grouped := map[metric.Level]*need{}
	for _, sc := range scopes {
		n := byScope[sc]
		if sc.Level != metric.Owner && sc.Level != metric.Team || countLevel(scopes, sc.Level) < groupedFrom {
			asks = append(asks, n)
			continue
		}
		g := grouped[sc.Level]
		if g == nil {
			by := ByOwner
			if sc.Level == metric.Team {
				by = ByTeam
			}
			g = &need{q: SeriesQuery{Query: Query{From: n.q.From, To: n.q.To, Scope: metric.Scope{Level: metric.Company}, Currency: m.currency}, By: by}}
			grouped[sc.Level] = g
			asks = append(asks, g)
		}
		g.q.From, g.q.To = earlier(g.q.From, n.q.From), later(g.q.To, n.q.To)
		g.q.Cycles = g.q.Cycles || n.q.Cycles
		g.goals = append(g.goals, n.goals...)
	}
	answers := make([][]Series, len(asks))
	err := runEach(ctx, len(asks), func(ctx context.Context, i int) error {
		var err error
		answers[i], err = m.src.Series(ctx, asks[i].q)
		return err
	})
	if err != nil {
		return nil, err
	}
	in, err := m.inputs(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]Path{}
	for i, a := range asks {
		for _, g := range a.goals {
			s := seriesOf(answers[i], a.q.By, g.Scope)
			k, _ := keyFor(g.Scope, g.Period, m.asOf)
			out[g.ID] = pathOf(g.Metric, g.Scope, s, k.from, k.to, in)
		}
	}
	return out, nil
}

// countLevel counts the scopes of level l.
func countLevel(scopes []metric.Scope, l metric.Level) int {
	n := 0
	for _, sc := range scopes {
		if sc.Level == l {
			n++
		}
	}
	return n
}

// seriesOf picks the series of scope sc from an answer grouped by by (or
// not grouped): an owner or team the answer does not list had nothing in
// the range.
func seriesOf(ss []Series, by GroupBy, sc metric.Scope) Series {
	for _, s := range ss {
		if by == "" || s.Key == sc.Value {
			return s
		}
	}
	return Series{}
}

// pathOf is metric id over [from, day] for each day from from to to, with
// series s of a range that holds it, for scope sc:
// the day's deals and spend added up, S, R and N counted from the
// customer cells (docs/metrics.md, "Retention and churn": S active on
// from − 1, R those of S still active on the day, N acquired from from to
// the day), the median read off the cycles won so far.
func pathOf(id string, sc metric.Scope, s Series, from, to time.Time, in metric.Inputs) Path {
	days := int(to.Sub(from).Hours()/24) + 1
	index := func(d time.Time) int { return int(d.Sub(from).Hours() / 24) }
	deals := make([]metric.Aggregates, days)
	for _, d := range s.Days {
		if i := index(d.Day); i >= 0 && i < days {
			deals[i].Add(&d.Aggregates)
		}
	}
	// lost[i]: members of S who churned on day i; acquired[i]: customers
	// acquired on day i.
	var start int64
	lost, acquired := make([]int64, days), make([]int64, days)
	for _, c := range s.Customers {
		if c.Acquired.Before(from) && !c.Churned.Before(from) {
			start += c.N
			if i := index(c.Churned); i < days {
				lost[i] += c.N
			}
		}
		if i := index(c.Acquired); i >= 0 && i < days {
			acquired[i] += c.N
		}
	}
	won := map[int][]CycleCell{}
	for _, c := range s.Cycles {
		if i := index(c.Day); i >= 0 && i < days {
			won[i] = append(won[i], c)
		}
	}
	hist := map[int64]int64{}
	var sum metric.Aggregates
	sum.CustomersStart, sum.Retained = start, start
	p := Path{Days: make([]time.Time, days), Values: make([]*float64, days)}
	for i := range days {
		sum.Add(&deals[i])
		sum.Retained -= lost[i]
		sum.NewCustomers += acquired[i]
		for _, c := range won[i] {
			hist[c.Days] += c.Won
		}
		sum.CycleDaysMedian = medianOf(hist)
		p.Days[i] = from.AddDate(0, 0, i)
		p.Values[i] = metric.ComputeOne(id, sum, in).ScopedTo(sc).Number()
	}
	return p
}

// medianOf is the median of the cycles counted in hist (days → deals):
// the middle one, or the mean of the middle two for an even count; 0
// for none, as the store gives it.
func medianOf(hist map[int64]int64) float64 {
	keys := make([]int64, 0, len(hist))
	var n int64
	for k, c := range hist {
		keys = append(keys, k)
		n += c
	}
	if n == 0 {
		return 0
	}
	slices.Sort(keys)
	at := func(pos int64) int64 { // the pos-th cycle, from 1
		for _, k := range keys {
			if pos <= hist[k] {
				return k
			}
			pos -= hist[k]
		}
		return keys[len(keys)-1]
	}
	return float64(at((n+1)/2)+at((n+2)/2)) / 2
}

// runEach runs f for 0 … n−1 side by side (a report asks for a few
// series: the company's, the owners', the teams') and returns the first
// error; the first error cancels the others.
func runEach(ctx context.Context, n int, f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if errs[i] = f(ctx, i); errs[i] != nil {
				cancel()
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
