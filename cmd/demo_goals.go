package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// demoGoal is one of the demo's goals as a manager would type it with
// 'salesgoal goal add'.
type demoGoal struct {
	name, category, metric, target, period, note string
	commit, stretch                              string
	// each sets the goal for every owner, under it (goal add --each).
	each string
}

// demoGoals are the nine examples of the goals issue, one per category,
// set for the quarter of the demo (and, for "each month", "this month" and
// "by year end", the month or year they name).
var demoGoals = []demoGoal{
	{name: "Shorten the cycle by automating email search", category: "cycle-time", target: "-10%", period: "2026-Q4",
		note: "templates and auto-search of past threads from October"},
	{name: "An hour a day prospecting → +20% new deals", category: "prospects", target: "+20%", period: "2026-Q4",
		commit: "+10%", stretch: "+30%", note: "9–10 am, every rep, no meetings"},
	{name: "Win rate +5pp in Q4", category: "win-rate", target: "+5pp", period: "2026-Q4"},
	{name: "+9% revenue each month: October", category: "revenue", target: "+9%", period: "2026-10"},
	{name: "Fewer discounts to target customers", category: "margin", metric: "discounted-deals", target: "-25%", period: "2026-Q4",
		note: "discounts only for Enterprise, with the manager's approval"},
	{name: "CAC −15% this month", category: "cac", target: "-15%", period: "2026-11"},
	{name: "Retention +30% by year end", category: "retention", target: "+30%", period: "2026"},
	{name: "Churn −3pp in Q3 and Q4", category: "churn", target: "-3pp", period: "2026-07-01..2026-12-31"},
	{name: "Weekly CRM review → more upsell and cross-sell", category: "expansion", metric: "expansion-revenue", target: "+15%", period: "2026-Q4",
		note: "every Monday, each account owner lists two expansion leads"},
	// A quota for every rep, rolled up to the company (goal add --each owner).
	{name: "Q4 revenue +5%, every rep", category: "revenue", target: "+5%", period: "2026-Q4", each: "owner"},
}

// addDemoGoals measures, assesses and saves the demo's goals as 'goal add'
// does. A goal the assessment refuses is saved as forced, as --force would.
func addDemoGoals(ctx context.Context, db *store.DB, asOf time.Time) error {
	s, err := newSession(ctx, db, asOf, demoImportedAt, true)
	if err != nil {
		return err
	}
	for _, dg := range demoGoals {
		p, err := metric.ParsePeriod(dg.period, asOf, s.fyStart)
		if err != nil {
			return fmt.Errorf("demo goal %q: %w", dg.name, err)
		}
		g := goal.Goal{Name: dg.name, Scope: metric.Scope{Level: metric.Company}, Period: p, Note: dg.note}
		for _, t := range []struct {
			spec string
			dst  *goal.Target
		}{{dg.target, &g.Target}, {dg.commit, &g.Commit}, {dg.stretch, &g.Stretch}} {
			if *t.dst, err = tierFlag(t.spec); err != nil {
				return fmt.Errorf("demo goal %q: %w", dg.name, err)
			}
		}
		g.Category, g.Metric = categoryAndMetric(dg.category, dg.metric)
		if g.Baseline, err = s.baselinePeriod("", p); err != nil {
			return err
		}
		if dg.each != "" {
			if err := addDemoFamily(ctx, s, dg.each, g); err != nil {
				return fmt.Errorf("demo goal %q: %w", dg.name, err)
			}
			continue
		}
		a, err := s.measurer.Assess(ctx, &g, true)
		if err != nil {
			return err
		}
		g.Forced = a.Failed()
		if err := db.CreateGoal(ctx, &g, a, s.now); err != nil {
			return fmt.Errorf("demo goal %q: %w", dg.name, err)
		}
	}
	return nil
}

// addDemoFamily sets base for every owner under a goal for the company,
// as 'goal add --each' does, saving what the assessment refuses as forced.
func addDemoFamily(ctx context.Context, s *session, each string, base goal.Goal) error {
	saved, err := s.db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return err
	}
	p, err := familyPlan(ctx, s, familyFlags{each: each}, base, saved)
	if err != nil {
		return err
	}
	if err := p.assess(ctx, s.measurer, saved); err != nil {
		return err
	}
	if err := p.refusal(func(string) {}, true, false); err != nil {
		return err
	}
	b, _ := p.batch()
	b.At = s.now
	return s.db.SaveGoals(ctx, b)
}
