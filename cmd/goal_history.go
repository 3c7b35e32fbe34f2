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
	if err := s.measurer.PrefetchGoals(ctx, mine); err != nil {
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
	p := textPage{w: w, width: outputWidth(opts.env)}
	p.line(fmt.Sprintf("%s for %s, goal by goal:", m.ID, scope), 2)
	if err := writeHistoryTable(p, tracked, opts.color(opts.env.StdoutTTY)); err != nil {
		return err
	}
	met := 0
	for _, t := range tracked {
		if t.Progress.Status == metric.StatusAchieved {
			met++
		}
	}
	fmt.Fprintf(w, "%d of %s achieved.\n", met, goalCount(len(tracked), "goal", "goals"))
	if slices.ContainsFunc(tracked, func(t measure.Tracked) bool { return t.LowSample }) {
		lowSampleNote(p)
	}
	return nil
}

// writeHistoryTable writes the goals of goal list --history one each, as
// the report's compact table does, to fit the terminal: the goal's name
// over its period, unless the name ends with it (the name wrapped when
// the terminal is narrow), its
// actual (marked when low sample), its target, its progress or the share
// of its cap used, and its status; under the table, which tier each goal
// with tiers reached.
func writeHistoryTable(p textPage, tracked []measure.Tracked, color bool) error {
	header := []string{"ID", "Goal", "Actual", "Target", "Progress", "Status"}
	rows := make([][]string, len(tracked))
	for i, t := range tracked {
		name := []string{t.Goal.Name}
		if !strings.HasSuffix(t.Goal.Name, t.Goal.Period.Label) {
			name = append(name, t.Goal.Period.Label)
		}
		rows[i] = []string{idString(t.Goal.ID), stacked(formatTable, name...),
			compactActual(t), formatMetric(t.Metric, t.Goal.TargetValue), compactProgress(t, 0), statusText(t.Progress.Status)}
	}
	fit := fitWidth(p.width, wrap(1, minGoalWidth))
	if err := writeTable(p.w, formatTable, header, rows, fit, stackedCols(1), colorStatus(color)); err != nil {
		return err
	}
	writeTierNotes(p, tracked)
	return nil
}
