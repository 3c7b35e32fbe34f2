package measure

import (
	"context"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// ReportQuery is what a report is about: its period and scope, the
// categories asked for, and the goals to show.
type ReportQuery struct {
	Period metric.Period
	// Scope is whose values the report shows: the company, or one owner or
	// team.
	Scope metric.Scope
	// Categories are the categories to show, in catalogue order.
	Categories []string
	// Goals are the goals to show, each measured over its own period.
	Goals []goal.Goal
}

// Report is everything a report shows, whatever its format: one section
// per category asked for.
type Report struct {
	Period  metric.Period
	AsOf    time.Time
	Elapsed float64 // the share of the period that has passed
	Scope   metric.Scope
	// Sections are the categories in the order asked for.
	Sections []Section
	// OtherCurrency counts the deals in another currency that the
	// period's money values left out (docs/import.md), and Currency, when
	// every deal of the period is in another currency, the one most of
	// them are in: the database's currency should then probably be that.
	OtherCurrency int64
	Currency      string
	// LeftOut is the deals left out in each other currency, with, when
	// money was being converted, the first day one lacked a rate.
	LeftOut []CurrencyCount
}

// Section is one category: its primary metric over the report's period and
// the previous one, and the goals set on the category.
type Section struct {
	Category string
	Metric   metric.Metric
	// Value and Previous are the primary metric over the report's period
	// and the previous one; a value the data cannot measure is null with
	// its Reason.
	Value          metric.Value
	Previous       metric.Value
	PreviousPeriod metric.Period
	// Trend is the primary metric over the TrendPeriods of the report's
	// period, oldest first, the report's period last.
	Trend []metric.Value
	// Goals are the goals set on the category, each goal that others of
	// them serve followed by those (Tracked.Depth).
	Goals []Tracked
	// RollUps are the goals of Goals that others serve, with what those
	// add up to.
	RollUps []RollUp
}

// Report measures every goal and every category's primary metric. It asks
// the source for each distinct (scope, range) once, answers many owners,
// teams or months with one grouped query, and runs the queries side by
// side.
func (m *Measurer) Report(ctx context.Context, q ReportQuery) (*Report, error) {
	r := &Report{Period: q.Period, AsOf: m.asOf, Elapsed: q.Period.Elapsed(m.asOf), Scope: q.Scope}
	prev := q.Period.Previous()

	// Collect every range the report needs, so the cache can batch them,
	// and the running goals that get pipeline coverage, whose open deals
	// and recent win rates a few grouped queries answer beside them.
	want := m.keys(q.Scope, append(TrendPeriods(q.Period), prev)...)
	var covered []goal.Goal
	for _, g := range q.Goals {
		want = append(want, m.keys(g.Scope, g.Period)...)
		if mt, ok := metric.Lookup(g.Metric); ok && mt.HasCoverage() && g.Period.Started(m.asOf) && !g.Period.Ended(m.asOf) {
			covered = append(covered, g)
		}
	}
	if err := m.prefetchWith(ctx, want, covered); err != nil {
		return nil, err
	}

	a, started, err := m.aggregates(ctx, q.Scope, q.Period)
	if err != nil {
		return nil, err
	}
	r.OtherCurrency = a.OtherCurrency
	if started && a.OtherCurrency > 0 {
		eff, _ := q.Period.Effective(m.asOf)
		cs, err := m.src.OtherCurrencies(ctx, Query{From: eff.Start, To: eff.End, Scope: q.Scope, Currency: m.currency})
		if err != nil {
			return nil, err
		}
		r.LeftOut = cs
		r.Currency = LeftOut{OtherCurrencies: cs}.AllIn(a)
	}
	for _, cat := range q.Categories {
		mt, _ := metric.Primary(cat)
		s := Section{Category: cat, Metric: mt, PreviousPeriod: prev}
		if s.Value, err = m.value(ctx, mt.ID, q.Scope, q.Period); err != nil {
			return nil, err
		}
		if s.Previous, err = m.value(ctx, mt.ID, q.Scope, prev); err != nil {
			return nil, err
		}
		for _, g := range q.Goals {
			if g.Category != cat {
				continue
			}
			row, err := m.Track(ctx, g)
			if err != nil {
				return nil, err
			}
			s.Goals = append(s.Goals, row)
		}
		s.Goals, s.RollUps = arrange(s.Goals)
		r.Sections = append(r.Sections, s)
	}
	// Every goal's coverage is worked out: its counts by owner, team and
	// day (a year of days of every owner) need not stay for what comes
	// after, such as the HTML report's paths. A later goal asks again.
	m.counted = nil
	var trends []TrendOf
	for _, s := range r.Sections {
		trends = append(trends, TrendOf{Scope: q.Scope, Metric: s.Metric.ID})
	}
	ts, err := m.Trends(ctx, q.Period, trends)
	if err != nil {
		return nil, err
	}
	for i := range r.Sections {
		r.Sections[i].Trend = ts[i]
	}
	return r, nil
}

// StatusCount is how many goals of a report have one status.
type StatusCount struct {
	Status metric.Status
	N      int
}

// Summary counts the goals of each status, every status in
// metric.Statuses order.
func (r *Report) Summary() []StatusCount {
	n := map[metric.Status]int{}
	for _, s := range r.Sections {
		for _, g := range s.Goals {
			n[g.Progress.Status]++
		}
	}
	out := make([]StatusCount, 0, len(n))
	for _, st := range metric.Statuses() {
		out = append(out, StatusCount{st, n[st]})
	}
	return out
}

// Failing reports how many goals are at or below status at: at-risk
// counts at-risk, behind and missed goals; behind counts behind and missed
// ones (--fail-on).
func (r *Report) Failing(at metric.Status) int {
	bad := map[metric.Status]bool{metric.StatusBehind: true, metric.StatusMissed: true}
	if at == metric.StatusAtRisk {
		bad[metric.StatusAtRisk] = true
	}
	n := 0
	for _, s := range r.Sections {
		for _, g := range s.Goals {
			if bad[g.Progress.Status] {
				n++
			}
		}
	}
	return n
}
