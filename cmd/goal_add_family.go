package cmd

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// goal add --each and --every: one goal per owner or team, or per month,
// quarter or week, under a parent goal for the whole (docs/goals.md,
// "Roll-up", "Every month"). They are planned, assessed and saved as a
// quota sheet is, all together or not at all.

// familyFlags are the flags of goal add that make many goals.
type familyFlags struct {
	each, every, split string
}

// check validates the flags against each other and the scope flags.
func (f familyFlags) check(owner, team string) error {
	switch f.each {
	case "", "owner", "team":
	default:
		return usagef("--each %q: choose owner or team", f.each)
	}
	switch f.every {
	case "", "month", "quarter", "week":
	default:
		return usagef("--every %q: choose month, quarter or week", f.every)
	}
	switch f.split {
	case "", "even", "seasonal":
	default:
		return usagef("--split %q: choose even or seasonal", f.split)
	}
	switch {
	case f.each != "" && f.every != "":
		return withHint(usagef("--each and --every both given: goal add makes one of them at a time"),
			"for every rep every month, write a quota sheet and 'salesgoal goal apply' it")
	case f.each != "" && owner != "":
		return usagef("--each %s sets a goal for every %s: --owner names one", f.each, f.each)
	case f.each == "team" && team != "":
		return usagef("--each team sets a goal for every team: --team names one (--each owner --team T sets one per owner of T)")
	case f.split != "" && f.every == "":
		return usagef("--split divides a target over the parts of --every: give --every month, quarter or week")
	}
	return nil
}

// familyPlan plans the goals --each or --every make from base, the goal
// as the flags describe it.
func familyPlan(ctx context.Context, s *session, f familyFlags, base goal.Goal, saved []goal.Goal) (*plan, error) {
	m, ok := metric.Lookup(base.Metric)
	if !ok || m.Category != base.Category {
		return nil, withHint(usagef("--category %q, --metric %q: no such metric", base.Category, base.Metric),
			"choose one of %s", strings.Join(metric.Categories(), ", "))
	}
	if f.each != "" {
		return eachPlan(ctx, s, f, m, base, saved)
	}
	return everyPlan(ctx, s, f, m, base, saved)
}

// eachPlan is a goal for every owner (of a team) or every team that has
// deals, under a parent for the whole: base's own parent (--parent), or a
// new goal for the company (or the team) asking what its children add up
// to — the sum of an absolute count or amount, the same target otherwise.
func eachPlan(ctx context.Context, s *session, f familyFlags, m metric.Metric, base goal.Goal, saved []goal.Goal) (*plan, error) {
	level := metric.Level(f.each)
	values, err := s.db.ScopeValues(ctx, level, base.Scope.Value)
	if err != nil {
		return nil, err
	}
	if len(values) == 0 {
		where := ""
		if base.Scope.Value != "" {
			where = " of " + base.Scope.String()
		}
		return nil, withHint(fmt.Errorf("no %s%s appears on the deals", level, where), "import deals with an owner and a team, or check --team")
	}
	p := &plan{}
	parent := -1
	if base.ParentID != 0 {
		for i, g := range saved {
			if g.ID == base.ParentID {
				p.items = append(p.items, &planItem{goal: g, was: &saved[i], reassess: true, parent: -1, chain: -1})
				parent = 0
			}
		}
		if parent < 0 {
			return nil, notFound(fmt.Errorf("parent goal %s: %w", idString(base.ParentID), store.ErrGoalNotFound))
		}
	} else {
		top := base
		if goal.AddsUpAcross(m) {
			n := float64(len(values))
			top.Target, top.Commit, top.Stretch = scaled(m, base.Target, n), scaled(m, base.Commit, n), scaled(m, base.Stretch, n)
		}
		if top.Name == "" {
			// Named by the target each one gets, as the manager typed it:
			// "revenue 16000 each owner" read as 16,000 for every rep.
			top.Name = familyName(base, "each "+f.each)
		}
		p.items = append(p.items, &planItem{goal: top, parent: -1, chain: -1, remeasure: true})
		parent = 0
	}
	for _, v := range values {
		g := base
		g.Scope, g.ParentID = metric.Scope{Level: level, Value: v}, 0
		g.Name = childName(base, g, "", v)
		p.items = append(p.items, &planItem{goal: g, parent: parent, chain: -1, remeasure: true})
	}
	return p, nil
}

// scaled is an absolute target n times over, for the parent of n owners
// or teams; a relative target, or none, stays as it is.
func scaled(m metric.Metric, t goal.Target, n float64) goal.Target {
	if t.Spec == "" || t.Relative() {
		return t
	}
	return absoluteTarget(goal.Round(m, t.Value*n))
}

// absoluteTarget is a target of value v, written plainly: 33333.34, 98.5.
func absoluteTarget(v float64) goal.Target {
	t, _ := goal.ParseTarget(strconv.FormatFloat(v, 'f', -1, 64))
	return t
}

// familyName names the parent of goals the manager did not name: "revenue
// 30000 each owner 2027-Q1" (30,000 for every rep, whatever they add up
// to), "revenue +9% each month 2027", "revenue 1200000 split by month 2027".
func familyName(g goal.Goal, each string) string {
	parts := []string{g.Metric, g.Target.Spec, each}
	if g.Scope.Level == metric.Team || g.Scope.Level == metric.Owner {
		parts = append(parts, "for", g.Scope.String())
	}
	return strings.Join(append(parts, g.Period.Label), " ")
}

// childName names one of the goals --each or --every makes: "NAME: Ana
// Silva" under a parent the manager named (or, for --every, whose name
// salesgoal made up: the parts of a split have targets nobody typed),
// else the name goal add makes up for an owner's or a team's goal.
func childName(base, g goal.Goal, parent, part string) string {
	if base.Name != "" || parent != "" {
		return cmp.Or(base.Name, parent) + ": " + part
	}
	return goal.DefaultName(g.Metric, g.Scope, g.Target, g.Period)
}

// everyPlan is a goal for every month, quarter or week of base's period
// under base, the goal for the whole. An absolute target is split: evenly
// (a part cut short by the period counts its share of days), or as the
// same parts a year before were (seasonal), for a metric that adds up over
// time; a ratio asks the same of every part. A relative target chains:
// each part's baseline is the part before, the whole's target what the
// parts add up to.
func everyPlan(ctx context.Context, s *session, f familyFlags, m metric.Metric, base goal.Goal, saved []goal.Goal) (*plan, error) {
	pieces := base.Period.Every(metric.Grain(f.every), s.fyStart)
	if len(pieces) < 2 {
		return nil, usagef("%s holds only one %s: give a longer --period, such as a quarter or a year", base.Period.Label, f.every)
	}
	relative := base.Target.Relative()
	if f.split != "" && (relative || !goal.AddsUpOverTime(m)) {
		why := "the target is relative: each part chains on the one before"
		if !relative {
			why = m.ID + " is a ratio or an average: every part asks the same target"
		}
		return nil, usagef("--split has nothing to split: %s", why)
	}
	top := base
	if top.Name == "" {
		// An amount split across the parts is not asked of each of them:
		// "revenue 1200000 split by month 2027", not "… each month".
		each := "each "
		if !base.Target.Relative() && goal.AddsUpOverTime(m) {
			each = "split by "
		}
		top.Name = familyName(top, each+f.every)
	}
	p := &plan{items: []*planItem{{goal: top, parent: -1, chain: -1, remeasure: true}}}
	weights := make([]float64, len(pieces))
	for i, pc := range pieces {
		weights[i] = pc.Share
	}
	split := !relative && goal.AddsUpOverTime(m)
	if split && f.split == "seasonal" {
		var err error
		if weights, err = seasonalWeights(ctx, s, m, base.Scope, pieces, p); err != nil {
			return nil, err
		}
	} else if split {
		p.notes = append(p.notes, shareNote("Split evenly", pieces, weights, nil))
	}
	targets := make([][]goal.Target, len(pieces))
	for _, t := range []goal.Target{base.Target, base.Commit, base.Stretch} {
		parts := make([]goal.Target, len(pieces))
		if split && t.Spec != "" && !t.Relative() {
			vs, err := goal.Split(m, t.Value, weights)
			if err != nil {
				return nil, err
			}
			for i, v := range vs {
				parts[i] = absoluteTarget(v)
			}
		} else {
			for i := range parts {
				parts[i] = t
			}
		}
		for i := range pieces {
			targets[i] = append(targets[i], parts[i])
		}
	}
	for i, pc := range pieces {
		g := base
		g.Period, g.ParentID = pc.Period, 0
		g.Target, g.Commit, g.Stretch = targets[i][0], targets[i][1], targets[i][2]
		var err error
		if g.Baseline, err = s.baselinePeriod(base.Baseline.Spec, pc.Period); err != nil {
			return nil, err
		}
		g.Name = childName(base, g, top.Name, pc.Period.Label)
		p.items = append(p.items, &planItem{goal: g, parent: 0, chain: -1, remeasure: true})
	}
	if err := p.resolve(ctx, s.measurer, saved); err != nil {
		return nil, err
	}
	if relative && goal.AddsUpOverTime(m) {
		sumUp(p, m)
	}
	return p, nil
}

// sumUp makes the whole's target, and tiers, what the chained parts'
// add up to, once they are resolved; a part without a target leaves the
// whole's as written.
func sumUp(p *plan, m metric.Metric) {
	top := &p.items[0].goal
	for _, tier := range []struct {
		dst   *goal.Target
		value func(goal.Goal) *float64
	}{
		{&top.Target, func(g goal.Goal) *float64 { return g.TargetValue }},
		{&top.Commit, func(g goal.Goal) *float64 { return g.CommitValue }},
		{&top.Stretch, func(g goal.Goal) *float64 { return g.StretchValue }},
	} {
		if tier.dst.Spec == "" {
			continue
		}
		var vs []float64
		for _, it := range p.items[1:] {
			if v := tier.value(it.goal); v != nil {
				vs = append(vs, *v)
			}
		}
		if len(vs) == len(p.items)-1 {
			*tier.dst = absoluteTarget(goal.RollUp(m, vs))
		}
	}
	top.Resolve()
	p.notes = append(p.notes, fmt.Sprintf("Each part chains on the one before; %s asks what they add up to now, %s",
		top.Period.Label, formatMetric(m, top.TargetValue)))
}
