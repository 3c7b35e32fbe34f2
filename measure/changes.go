package measure

import (
	"context"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Change is a goal whose status moved between an earlier day and the
// report's: from on-track to at-risk, to achieved, to missed…
type Change struct {
	Goal     goal.Goal
	From, To metric.Status
}

// Statuses tracks each goal of gs as of the Measurer's day, as a report
// as of that day would (report --since): each over its own period, with
// the data of that day and before, a provisional baseline settled as it
// would have been then. Nothing is written. The aggregates are fetched
// in one batch.
func (m *Measurer) Statuses(ctx context.Context, gs []goal.Goal) (map[int64]metric.Status, error) {
	var keys []key
	for _, g := range gs {
		keys = append(keys, m.keys(g.Scope, g.Period)...)
	}
	if err := m.cache.prefetch(ctx, keys); err != nil {
		return nil, err
	}
	out := make(map[int64]metric.Status, len(gs))
	for _, g := range gs {
		t, err := m.track(ctx, g, false)
		if err != nil {
			return nil, err
		}
		out[g.ID] = t.Progress.Status
	}
	return out, nil
}

// Changes lists the goals of the report whose status is not the one they
// had then (Statuses of an earlier day), in the report's order.
func (r *Report) Changes(then map[int64]metric.Status) []Change {
	out := []Change{}
	for _, s := range r.Sections {
		for _, g := range s.Goals {
			if was, ok := then[g.Goal.ID]; ok && was != g.Progress.Status {
				out = append(out, Change{Goal: g.Goal, From: was, To: g.Progress.Status})
			}
		}
	}
	return out
}
