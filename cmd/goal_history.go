package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// goal list --history: the attainment of the goals set on one metric for
// one scope, period by period, oldest first (docs/goals.md, "Every
// month").

// historyMetric reads --history: a metric, or a category for its primary
// metric.
func historyMetric(s string) (metric.Metric, error) {
	if m, ok := metric.Lookup(strings.ToLower(s)); ok {
		return m, nil
	}
	if m, ok := metric.Primary(strings.ToLower(s)); ok {
		return m, nil
	}
	return metric.Metric{}, usagef("--history %q: give a category (%s) or one of its metrics", s, strings.Join(metric.Categories(), ", "))
}

// historyJSON is one goal of goal list --history.
type historyJSON struct {
	attainmentJSON
	Period periodJSON `json:"period"`
}

// attainmentJSON is where one goal stands, as goal list --history and a
// leaderboard give it.
type attainmentJSON struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	Target     *float64 `json:"target"`
	Actual     *float64 `json:"actual"`
	Progress   *float64 `json:"progress"`
	Used       *float64 `json:"used"`
	Status     string   `json:"status"`
	TierStatus string   `json:"tier-status,omitempty"`
}

func toAttainmentJSON(t measure.Tracked) attainmentJSON {
	return attainmentJSON{ID: t.Goal.ID, Name: t.Goal.Name, Target: reportCents(t.Metric, t.Goal.TargetValue),
		Actual: reportCents(t.Metric, t.Actual), Progress: t.Progress.Progress, Used: t.Progress.Used,
		Status: string(t.Progress.Status), TierStatus: t.TierStatus()}
}

// goalHistoryRun lists the goals on m for the scope of --owner or --team
// (the company without them) that have started by the as-of date, each
// tracked over its own period.
func goalHistoryRun(ctx context.Context, opts *goalListOptions, s *session, m metric.Metric, filter store.GoalFilter) error {
	filter.Category = m.Category
	gs, err := s.db.Goals(ctx, filter)
	if err != nil {
		return err
	}
	scope := scopeOf(opts.owner, opts.team)
	var mine []goal.Goal
	for _, g := range gs {
		if g.Metric == m.ID && g.Scope == scope && g.Period.Started(s.asOf) {
			mine = append(mine, g)
		}
	}
	slices.SortStableFunc(mine, func(a, b goal.Goal) int {
		if c := a.Period.Start.Compare(b.Period.Start); c != 0 {
			return c
		}
		return a.Period.End.Compare(b.Period.End)
	})
	if err := s.measurer.Prefetch(ctx, mine); err != nil {
		return err
	}
	tracked := make([]measure.Tracked, len(mine))
	for i, g := range mine {
		if tracked[i], err = s.measurer.Track(ctx, g); err != nil {
			return err
		}
	}
	w := opts.env.Stdout
	if opts.format == formatJSON {
		out := make([]historyJSON, 0, len(tracked))
		for _, t := range tracked {
			out = append(out, historyJSON{attainmentJSON: toAttainmentJSON(t), Period: toPeriodJSON(t.Goal.Period)})
		}
		return writeJSON(w, out)
	}
	if len(tracked) == 0 {
		sayf(w, "No goal on %s for %s has started by %s.\n", m.ID, scope, metric.FormatDate(s.asOf))
		return nil
	}
	sayf(w, "%s for %s, goal by goal:\n", m.ID, scope)
	header := []string{"ID", "Name", "Period", "Target", "Actual", "Progress", "Status"}
	tiers := slices.ContainsFunc(tracked, func(t measure.Tracked) bool { return len(t.Tiers) > 0 })
	if tiers {
		header = append(header, "Tiers")
	}
	rows := make([][]string, len(tracked))
	for i, t := range tracked {
		rows[i] = []string{idString(t.Goal.ID), t.Goal.Name, t.Goal.Period.Label, formatMetric(m, t.Goal.TargetValue),
			formatMetric(m, t.Actual), progressCell(t, false), statusCell(t)}
		if tiers {
			rows[i] = append(rows[i], t.TierStatus())
		}
	}
	if err := writeTable(w, formatTable, header, rows); err != nil {
		return err
	}
	met := 0
	for _, t := range tracked {
		if t.Progress.Status == metric.StatusAchieved {
			met++
		}
	}
	fmt.Fprintf(w, "%d of %s achieved.\n", met, goalCount(len(tracked), "goal", "goals"))
	return nil
}
