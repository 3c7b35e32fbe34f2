package cmd

import (
	"fmt"
	"math"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The HTML report's charts (docs/goals.md, "The HTML report"): one per
// goal, its period from first to last day across, its metric up the side.
// Coordinates are worked out here; the template draws them, so that every
// text in the picture passes through html/template like the rest of the
// page.

// goalChart draws goal t's period from its path (nil before it starts):
//   - a quota or a cap: a burn-up, the actual added up day by day against
//     the straight line from 0 to the target (or cap), with the run rate
//     projected to the end and today marked;
//   - retention: the rate day by day against the straight line from 100
//     to the target, the loss allowed spread evenly, projected likewise;
//   - a ratio or an average: the value so far at the end of each week
//     (each day for a period of three weeks or less), against the target
//     and the baseline.
//
// A goal with tiers has its commit and its stretch across as well, named
// at their left end (the target's name is at the right).
func goalChart(t measure.Tracked, path measure.Path, asOf time.Time) *chart {
	p := t.Goal.Period
	if !p.Started(asOf) || len(path.Values) == 0 {
		return nil
	}
	color := lookOf(t.Progress.Status).html
	label := fmt.Sprintf("%s over %s: %s", t.Metric.ID, p.Label, statusText(t.Progress.Status))
	last := len(path.Values) - 1
	days := make([]int, len(path.Values))
	for i := range days {
		days[i] = i
	}
	target, forecast := t.Goal.TargetValue, t.Progress.Forecast
	running := !p.Ended(asOf)
	tiers := otherTiers(t)
	// The lines a goal is measured against: its target, its commit and
	// stretch.
	lines := append([]*float64{target}, tierValues(tiers)...)
	switch t.Metric.Kind() {
	case metric.KindQuota, metric.KindCap:
		lo, hi := spanOf(path.Values, 0, append(lines, forecast)...)
		pl := newPlot(t.Metric, p, lo, hi*1.05, label)
		if target != nil {
			pl.line(chartGuide, 1, "5 4", pl.x(0), pl.y(0), pl.x(pl.days-1), pl.y(*target))
			name := "target"
			if t.Metric.Kind() == metric.KindCap {
				name = "cap"
			}
			pl.level(*target, "1 3", name)
		}
		pl.tiers(tiers)
		pl.path(days, path.Values, color, false)
		projection(pl, path, last, forecast, running, color)
		return pl.c
	case metric.KindRetention:
		lo, hi := spanOf(path.Values, 100, append(lines, forecast)...)
		pad := max((hi-lo)*0.08, 0.5)
		pl := newPlot(t.Metric, p, lo-pad, min(hi+pad, 100), label)
		if target != nil {
			pl.line(chartGuide, 1, "5 4", pl.x(0), pl.y(100), pl.x(pl.days-1), pl.y(*target))
			pl.level(*target, "1 3", "target")
		}
		pl.tiers(tiers)
		pl.path(days, path.Values, color, false)
		projection(pl, path, last, forecast, running, color)
		return pl.c
	}
	// A ratio: the value so far at each week's end, and today.
	step := 7
	if p.Days() <= 21 {
		step = 1
	}
	var at []int
	var vs []*float64
	for i := range path.Values {
		if (i+1)%step == 0 || i == last {
			at, vs = append(at, i), append(vs, path.Values[i])
		}
	}
	lo, hi := spanOf(vs, math.NaN(), append(lines, t.Goal.Baseline.Value)...)
	pad := max((hi-lo)*0.1, math.Abs(hi)*0.02, 0.5)
	pl := newPlot(t.Metric, p, lo-pad, hi+pad, label)
	if target != nil {
		pl.level(*target, "5 4", "target")
	}
	if b := t.Goal.Baseline.Value; b != nil {
		pl.level(*b, "1 3", "baseline")
	}
	pl.tiers(tiers)
	pl.path(at, vs, color, true)
	if running {
		pl.today(last)
	}
	return pl.c
}

// otherTiers are the tiers of a goal besides its target: its commit and
// its stretch, those that have a value.
func otherTiers(t measure.Tracked) []goal.Tier {
	var out []goal.Tier
	for _, tt := range t.Tiers {
		if tt.Tier.Name != goal.TierTarget && tt.Tier.Value != nil {
			out = append(out, tt.Tier)
		}
	}
	return out
}

func tierValues(ts []goal.Tier) []*float64 {
	out := make([]*float64, len(ts))
	for i, t := range ts {
		out[i] = t.Value
	}
	return out
}

// projection draws the run rate from today's value to the end of the
// period, and marks today, while the period runs.
func projection(pl *plot, path measure.Path, last int, forecast *float64, running bool, color string) {
	if !running {
		return
	}
	if a := path.Values[last]; a != nil && forecast != nil {
		pl.line(color, 1.5, "5 4", pl.x(last), pl.y(*a), pl.x(pl.days-1), pl.y(*forecast))
	}
	pl.today(last)
}
