package measure

import (
	"context"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Pipeline coverage (docs/goals.md): the deals that can still close in a
// running goal's period, at its scope's win rate over the periods before,
// against what it still misses. One question to the source, by owner,
// team and day over the widest ranges any goal needs, added up here per
// owner, team or the company, answers every goal of a report.

// coverage is the pipeline coverage of a running goal g with actual a and
// target t: the deals of its scope open on the as-of day whose close date
// falls in the rest of its period, at the scope's win rate over the
// metric.CoverageHistory periods before it.
func (m *Measurer) coverage(ctx context.Context, g goal.Goal, a, t float64) (*metric.Coverage, error) {
	mt, _ := metric.Lookup(g.Metric)
	if a >= t {
		return nil, nil
	}
	q := m.coverageQuery(g)
	if !m.counted.covers(q) {
		if m.counted != nil {
			q = union(m.counted.CoverageQuery, q)
		}
		c, err := m.src.CoverageDeals(ctx, q)
		if err != nil {
			return nil, err
		}
		m.counted = &counted{CoverageQuery: q, CoverageCounts: c}
	}
	in, err := m.inputs(ctx)
	if err != nil {
		return nil, err
	}
	r, end := recent(g.Period), metric.DateOf(g.Period.End)
	var closed metric.Aggregates
	p := metric.Pipeline{Undated: m.counted.Undated}
	for _, d := range m.counted.Days {
		switch {
		case !inScope(g.Scope, d.Owner, d.Team):
		case r.Contains(d.Day):
			closed.Won += d.Won
			closed.Lost += d.Lost
		case d.Day.After(m.asOf) && !d.Day.After(end):
			p.Deals += d.Deals
			p.DealsMoney += d.DealsMoney
			p.Amount += d.Amount
		}
	}
	winRate := metric.ComputeOne("win-rate", closed, in).Number()
	return metric.CoverageOf(mt, p, winRate, a, t), nil
}

// counted is what the source answered for the widest ranges asked.
type counted struct {
	CoverageQuery
	CoverageCounts
}

// covers reports whether c answers for the ranges of q.
func (c *counted) covers(q CoverageQuery) bool {
	return c != nil && !c.ClosedFrom.After(q.ClosedFrom) && !c.ClosedTo.Before(q.ClosedTo) &&
		!c.OpenFrom.After(q.OpenFrom) && !c.OpenTo.Before(q.OpenTo)
}

// coverageQuery asks for what g's coverage needs: the deals closed in the
// periods before g's, and those that can close from the day after as-of
// to g's end.
func (m *Measurer) coverageQuery(g goal.Goal) CoverageQuery {
	r := recent(g.Period)
	return CoverageQuery{ClosedFrom: r.Start, ClosedTo: r.End,
		OpenFrom: m.asOf.AddDate(0, 0, 1), OpenTo: metric.DateOf(g.Period.End), Currency: m.currency}
}

// widest is the query whose ranges hold those of every goal in gs.
func (m *Measurer) widest(gs []goal.Goal) CoverageQuery {
	var q CoverageQuery
	for i, g := range gs {
		if i == 0 {
			q = m.coverageQuery(g)
		} else {
			q = union(q, m.coverageQuery(g))
		}
	}
	return q
}

// union is the query whose ranges hold those of a and b.
func union(a, b CoverageQuery) CoverageQuery {
	a.ClosedFrom, a.ClosedTo = earlier(a.ClosedFrom, b.ClosedFrom), later(a.ClosedTo, b.ClosedTo)
	a.OpenFrom, a.OpenTo = earlier(a.OpenFrom, b.OpenFrom), later(a.OpenTo, b.OpenTo)
	return a
}

// recent is the metric.CoverageHistory periods just before p as one range:
// the win rate over them is won ÷ closed over the whole range.
func recent(p metric.Period) metric.Period {
	h := p.History(metric.CoverageHistory)
	return metric.Period{Label: "recent", Start: h[0].Start, End: h[len(h)-1].End, Grain: metric.GrainRange}
}

// inScope reports whether the deals of owner and team count for sc.
func inScope(sc metric.Scope, owner, team string) bool {
	switch sc.Level {
	case metric.Owner:
		return owner == sc.Value
	case metric.Team:
		return team == sc.Value
	}
	return true
}

// prefetchWith fetches the aggregates of keys and, side by side with them,
// what the pipeline coverage of the goals covered needs. Run after the
// aggregates, that query would add its whole time to a report's; beside
// them, it shares its cores.
func (m *Measurer) prefetchWith(ctx context.Context, keys []key, covered []goal.Goal) error {
	done := make(chan error, 1)
	var c *counted
	if q := m.widest(covered); len(covered) > 0 && !m.counted.covers(q) {
		go func() {
			counts, err := m.src.CoverageDeals(ctx, q)
			c = &counted{CoverageQuery: q, CoverageCounts: counts}
			done <- err
		}()
	} else {
		done <- nil
	}
	err := m.cache.prefetch(ctx, keys)
	if cerr := <-done; err == nil {
		err = cerr
	}
	if err == nil && c != nil {
		m.counted = c
	}
	return err
}

// later and earlier return the later and the earlier of two days.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
