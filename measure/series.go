package measure

import (
	"context"
	"slices"
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
// (docs/goals.md, "The HTML report"). The source is asked once for the
// aggregates day by day, over the days all the goals need: for their one
// scope when they share it, else split by owner and team, from which
// every scope's series adds up.
func (m *Measurer) Paths(ctx context.Context, gs []goal.Goal) (map[int64]Path, error) {
	var q *SeriesQuery
	var started []goal.Goal
	for _, g := range gs {
		k, ok := keyFor(g.Scope, g.Period, m.asOf)
		if !ok {
			continue
		}
		if q == nil {
			q = &SeriesQuery{Query: Query{From: k.from, To: k.to, Scope: g.Scope, Currency: m.currency}}
		}
		q.From, q.To = earlier(q.From, k.from), later(q.To, k.to)
		q.Cycles = q.Cycles || g.Metric == "median-cycle-days"
		if g.Scope != q.Scope {
			q.Split = true
		}
		started = append(started, g)
	}
	out := map[int64]Path{}
	if q == nil {
		return out, nil
	}
	if q.Split {
		q.Scope = metric.Scope{Level: metric.Company}
	}
	ss, err := m.src.Series(ctx, *q)
	if err != nil {
		return nil, err
	}
	in, err := m.inputs(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range started {
		k, _ := keyFor(g.Scope, g.Period, m.asOf)
		out[g.ID] = pathOf(g.Metric, g.Scope, seriesIn(ss, q.Split, g.Scope), k.from, k.to, in)
	}
	return out, nil
}

// seriesIn keeps, of an answer split by owner and team (or not split),
// the series that count for scope sc: those of its owner or team, and for
// the company every one, its own spend included.
func seriesIn(ss []Series, split bool, sc metric.Scope) []Series {
	if !split {
		return ss
	}
	var out []Series
	for _, s := range ss {
		if s.Company && sc.IsCompany() || !s.Company && inScope(sc, s.Owner, s.Team) {
			out = append(out, s)
		}
	}
	return out
}

// pathOf is metric id over [from, day] for each day from from to to, with
// the series ss of a range that holds it, added up, for scope sc:
// the day's deals and spend added up, S, R and N counted from the
// customer cells (docs/metrics.md, "Retention and churn": S active on
// from − 1, R those of S still active on the day, N acquired from from to
// the day), the median read off the cycles won so far.
func pathOf(id string, sc metric.Scope, ss []Series, from, to time.Time, in metric.Inputs) Path {
	days := int(to.Sub(from).Hours()/24) + 1
	index := func(d time.Time) int { return int(d.Sub(from).Hours() / 24) }
	deals := make([]metric.Aggregates, days)
	// lost[i]: members of S who churned on day i; acquired[i]: customers
	// acquired on day i.
	var start int64
	lost, acquired, back := make([]int64, days), make([]int64, days), make([]int64, days)
	won := map[int][]CycleCell{}
	for _, s := range ss {
		for _, d := range s.Days {
			if i := index(d.Day); i >= 0 && i < days {
				deals[i].Add(&d.Aggregates)
			}
		}
		for _, c := range s.Customers {
			if len(c.Later) > 0 {
				start += returningPath(c, from, index, lost, back)
				if i := index(c.Acquired); i >= 0 && i < days {
					acquired[i] += c.N
				}
				continue
			}
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
		for _, c := range s.Cycles {
			if i := index(c.Day); i >= 0 && i < days {
				won[i] = append(won[i], c)
			}
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
		sum.Reactivated += back[i]
		for _, c := range won[i] {
			hist[c.Days] += c.Won
		}
		sum.CycleDaysMedian = medianOf(hist)
		p.Days[i] = from.AddDate(0, 0, i)
		p.Values[i] = metric.ComputeOne(id, sum, in.During(from, p.Days[i])).ScopedTo(sc).Number()
	}
	return p
}

// returningPath counts a cell of customers with later intervals in a
// path from from: whether they are in S (returned, 0 or c.N), and in lost
// (negative: won back) the days their number of active members of S
// changes, in back the first day one of their later intervals begins.
func returningPath(c CustomerCell, from time.Time, index func(time.Time) int, lost, back []int64) int64 {
	ivs := append([][2]time.Time{{c.Acquired, c.Churned}}, c.Later...)
	before := from.AddDate(0, 0, -1)
	var inS bool
	for _, iv := range ivs {
		if !iv[0].After(before) && iv[1].After(before) {
			inS = true
		}
	}
	counted := false
	for j, iv := range ivs {
		i, k := index(iv[0]), index(iv[1])
		if j > 0 && !counted && i >= 0 && i < len(back) {
			back[i] += c.N
			counted = true
		}
		if !inS {
			continue
		}
		if i > 0 && i < len(lost) {
			lost[i] -= c.N // back in the cohort
		}
		if k >= 0 && k < len(lost) && (i > 0 || !iv[0].After(before)) {
			lost[k] += c.N
		}
	}
	if inS {
		return c.N
	}
	return 0
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
