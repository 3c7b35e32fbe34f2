package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/store"
)

// A plan is what a quota sheet (goal apply) or goal add --each/--every
// asks of the saved goals: goals to add, to change and to retire, each
// assessed before anything is written, and written all together or not
// at all (docs/goals.md, "Quota sheets").

// planItem is one goal of a plan.
type planItem struct {
	line int       // the sheet's line; 0 for goal add
	goal goal.Goal // as it will be saved; ID 0 for a new goal
	was  *goal.Goal
	// changes are what a changed goal changes; none for a goal kept as it
	// is (then assessment is nil) or one only moved in its sheet (moved).
	changes []goal.Change
	moved   bool
	// parent and chain are the indexes of the plan's items this one serves
	// and whose target is its planned baseline; -1 for none.
	parent, chain int
	// from is the saved goal whose target is its planned baseline.
	from      int64
	remeasure bool
	// reassess is true for a saved goal judged again, unchanged, because
	// goals are added beneath it (goal add --each --parent).
	reassess   bool
	assessment *goal.Assessment
}

func (it *planItem) added() bool { return it.was == nil }
func (it *planItem) changed() bool {
	return it.was != nil && (len(it.changes) > 0 || it.reassess)
}
func (it *planItem) kept() bool { return it.was != nil && !it.changed() }

// plan is the goals a sheet or goal add --each/--every asks for.
type plan struct {
	file, sheet string
	items       []*planItem
	retire      []goal.Goal
	// notes say how the targets were made: the shares of a split.
	notes []string
	// resolved is true once the targets are resolved (resolve).
	resolved bool
}

// assess resolves the plan's targets and assesses every goal to add or
// change among the plan's other goals and the saved ones (saved).
func (p *plan) assess(ctx context.Context, m *measure.Measurer, saved []goal.Goal) error {
	if !p.resolved {
		if err := p.resolve(ctx, m, saved); err != nil {
			return err
		}
	}
	return p.check(ctx, m, saved)
}

// resolve measures the baseline of each goal to add or whose baseline
// changes, and chains relative targets on the goal set for their baseline
// period (docs/goals.md, "Every month"), the plan's or a saved one.
func (p *plan) resolve(ctx context.Context, m *measure.Measurer, saved []goal.Goal) error {
	p.resolved = true
	var todo []goal.Goal
	for _, it := range p.items {
		if !it.kept() {
			todo = append(todo, it.goal)
		}
	}
	if err := m.PrefetchGoals(ctx, todo); err != nil {
		return err
	}
	retired := map[int64]bool{}
	for _, g := range p.retire {
		retired[g.ID] = true
	}
	byKey := map[string]int{}
	for i, it := range p.items {
		byKey[it.goal.Key()] = i
	}
	savedByKey := map[string]goal.Goal{}
	for _, g := range saved {
		if !retired[g.ID] {
			savedByKey[g.Key()] = g
		}
	}
	// A chain's links in the order of their periods, so that each goal's
	// predecessor is resolved before it.
	order := make([]int, len(p.items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return p.items[a].goal.Period.Start.Compare(p.items[b].goal.Period.Start) })
	for _, i := range order {
		it := p.items[i]
		if it.kept() {
			if _, err := m.Settle(ctx, &it.goal); err != nil {
				return err
			}
			continue
		}
		if it.remeasure {
			if err := m.MeasureBaseline(ctx, &it.goal); err != nil {
				return err
			}
		}
		// While assessing, a planned baseline follows nothing but the plan.
		it.goal.Baseline.From = 0
		pred := it.goal
		pred.Period, pred.Scope, pred.Metric = it.goal.Baseline.Period, it.goal.Scope, it.goal.Metric
		if j, ok := byKey[pred.Key()]; ok && j != i {
			if m.Chain(&it.goal, p.items[j].goal) {
				it.chain = j
			}
		} else if g, ok := savedByKey[pred.Key()]; ok {
			if _, err := m.Settle(ctx, &g); err != nil {
				return err
			}
			if m.Chain(&it.goal, g) {
				it.from = g.ID
			}
		}
	}
	return nil
}

// check assesses every goal to add or change, with the goals it serves
// and that serve it once the plan is applied.
func (p *plan) check(ctx context.Context, m *measure.Measurer, saved []goal.Goal) error {
	children := p.children(saved)
	for i, it := range p.items {
		if it.kept() {
			continue
		}
		fam := measure.Family{Children: children[i]}
		if it.parent >= 0 {
			parent := p.items[it.parent].goal
			fam.Parent = &parent
		}
		a, err := m.AssessIn(ctx, &it.goal, false, fam)
		if err != nil {
			return err
		}
		it.assessment = &a
	}
	return nil
}

// children are, for each item, the goals that serve it once the plan is
// applied: the plan's, and the saved goals it neither changes nor retires.
func (p *plan) children(saved []goal.Goal) [][]goal.Goal {
	out := make([][]goal.Goal, len(p.items))
	at := map[int64]int{} // saved id → item
	inPlan := map[int64]bool{}
	for i, it := range p.items {
		if it.goal.ID != 0 {
			at[it.goal.ID], inPlan[it.goal.ID] = i, true
		}
	}
	for _, g := range p.retire {
		inPlan[g.ID] = true
	}
	for _, it := range p.items {
		parent := it.parent
		if j, ok := at[it.goal.ParentID]; parent < 0 && ok && it.goal.ParentID != 0 {
			parent = j
		}
		if parent >= 0 {
			out[parent] = append(out[parent], it.goal)
		}
	}
	for _, g := range saved {
		if j, ok := at[g.ParentID]; ok && !inPlan[g.ID] {
			out[j] = append(out[j], g)
		}
	}
	return out
}

// refusal says why the plan cannot be applied: goals that cannot be saved
// even with --force, and, without --force, goals that fail SMART; nil
// when it can. The problems are told on stderr, one per goal.
func (p *plan) refusal(tell func(string), force, dryRun bool) error {
	var invalid, failed int
	for _, it := range p.items {
		if it.assessment == nil {
			continue
		}
		where := p.where(it)
		if err := it.goal.Validate(); err != nil {
			invalid++
			tell(fmt.Sprintf("%sgoal %q cannot be saved, even with --force: %v", where, it.goal.Name, err))
			continue
		}
		if it.assessment.Failed() {
			it.goal.Forced = force
			if !force {
				failed++
				tell(fmt.Sprintf("%sgoal %q is not SMART: %s failed", where, it.goal.Name, joinCriteria(it.assessment.Failures())))
			}
		} else {
			it.goal.Forced = false
		}
	}
	what := "the goals were"
	if p.file != "" {
		what = p.file + " was"
	}
	if dryRun {
		what = strings.Replace(strings.Replace(what, " were", " would be", 1), " was", " would be", 1)
	}
	switch {
	case invalid > 0:
		return withHint(fmt.Errorf("%s refused: %s cannot be saved; nothing was changed", what, goalCount(invalid, "goal", "goals")),
			"change what those lines ask for and apply again")
	case failed > 0:
		return withHint(fmt.Errorf("%s refused: %s not SMART; nothing was changed", what, isAre(failed)),
			"change what the failed lines ask for, or add --force to save them anyway (recorded as forced)")
	}
	return nil
}

// where is "FILE:LINE: " for a goal of a sheet, "" otherwise.
func (p *plan) where(it *planItem) string {
	if p.file == "" || it.line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d: ", p.file, it.line)
}

// batch is what the store saves: every goal to add or change, in an order
// where each comes after the goals of the plan it serves or chains on,
// and the goals to retire.
// at maps each item written to its write.
func (p *plan) batch() (b *store.GoalBatch, at map[int]int) {
	b = &store.GoalBatch{}
	at = map[int]int{}
	var visit func(i int)
	visit = func(i int) {
		it := p.items[i]
		if _, done := at[i]; done || it.kept() && !it.moved {
			return
		}
		at[i] = -1 // a circle is refused before; this only stops one
		for _, dep := range []int{it.parent, it.chain} {
			if dep >= 0 {
				visit(dep)
			}
		}
		w := store.GoalWrite{Goal: it.goal, Assessment: it.assessment, Parent: -1, BaselineFrom: -1}
		w.Goal.Baseline.From = it.from
		if it.kept() {
			w.Goal = *it.was
			w.Goal.SheetRow = it.goal.SheetRow
		}
		if j, ok := at[it.parent]; ok && it.parent >= 0 && j >= 0 {
			w.Parent = j
		} else if it.parent >= 0 {
			w.Goal.ParentID = p.items[it.parent].goal.ID
		}
		if j, ok := at[it.chain]; ok && it.chain >= 0 && j >= 0 {
			w.BaselineFrom = j
		} else if it.chain >= 0 {
			w.Goal.Baseline.From = p.items[it.chain].goal.ID
		}
		at[i] = len(b.Writes)
		b.Writes = append(b.Writes, w)
	}
	for i := range p.items {
		visit(i)
	}
	for _, g := range p.retire {
		b.Retire = append(b.Retire, g.ID)
	}
	return b, at
}
