package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/sheet"
	"github.com/salesgoal/salesgoal/store"
)

type goalApplyOptions struct {
	*rootOptions
	file, sheet   string
	dryRun, force bool
	formatText    string
	format        format
}

func newGoalApplyCmd(root *rootOptions) *cobra.Command {
	opts := &goalApplyOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "apply FILE",
		Short: "Set the goals of a quota sheet: add, change and retire them at once",
		Long: `Apply reads a quota sheet, a CSV file with one goal per row, and makes the
saved goals what it says, all at once or not at all. Columns: name,
category, metric, owner, team, period, target, commit, stretch, baseline,
parent (the name of another row, or of a saved goal, or #ID) and note;
period, target and category (or metric) are needed, the others may be
left out or empty. Targets are written as for 'goal add': 120000, +9%, +5pp.

A row is found again by its metric, owner or team, and period: applying
the sheet again changes only the goals whose rows changed, adds the rows
that are new, and retires the goals an earlier apply of the same sheet
created that it no longer lists. The sheet is named after its file
(plan-2027-q1.csv is the sheet "plan-2027-q1") unless --sheet names it. A
row that matches a goal set by hand (or by another sheet) takes it over.

Before anything is written, apply prints the plan: the goals to add, to
change (old → new) and to retire, each with its SMART verdicts. A row
that is wrong, or a goal that fails SMART, refuses the whole sheet
(FILE:LINE) and nothing is written, unless --force saves the goals that
fail (recorded as forced). --dry-run prints the plan and stops.

'salesgoal goal export' writes the saved goals in the same format, so a
sheet can be exported, edited and applied again, and kept in git.`,
		Example: `  salesgoal goal apply plan-2027-q1.csv --dry-run
  salesgoal goal apply plan-2027-q1.csv
  salesgoal goal export --sheet plan-2027-q1 > plan-2027-q1.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.formatText, formatTable, formatJSON)
			if err != nil {
				return err
			}
			if opts.dryRun && opts.force {
				return usagef("--dry-run saves nothing, so --force has nothing to do: give one of them")
			}
			opts.file, opts.format = args[0], f
			return goalApplyRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.sheet, "sheet", "", "the sheet's name (default: the file's name without its extension)")
	c.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the plan and change nothing")
	c.Flags().BoolVar(&opts.force, "force", false, "save the goals that fail a SMART criterion anyway (recorded as forced)")
	formatFlag(c, &opts.formatText, formatTable, formatJSON)
	return c
}

func goalApplyRun(ctx context.Context, opts *goalApplyOptions) error {
	f, err := os.Open(opts.file)
	if err != nil {
		return withHint(err, "give the path of a quota sheet (CSV); 'salesgoal goal export' writes one to start from")
	}
	defer f.Close()
	name := strings.TrimSpace(opts.sheet)
	if name == "" {
		name = goal.SheetName(opts.file)
	}
	refused := func(problems sheet.Problems) error {
		for i, p := range problems {
			if i == 20 {
				tell(opts.env.Stderr, "error", "… and %d more problems", len(problems)-20)
				break
			}
			tell(opts.env.Stderr, "error", "%s", p.Error())
		}
		return withHint(fmt.Errorf("%s was refused: the goals were not changed", opts.file), "fix those lines and apply the sheet again")
	}
	lines, err := sheet.Read(f, opts.file)
	var problems sheet.Problems
	if errors.As(err, &problems) {
		return refused(problems)
	}
	if err != nil {
		return err
	}
	s, err := openSession(ctx, opts.rootOptions, !opts.dryRun)
	if err != nil {
		return err
	}
	defer s.db.Close()
	saved, err := s.db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return err
	}
	p, problems := sheetPlan(s, opts.file, name, lines, saved)
	if len(problems) > 0 {
		return refused(problems)
	}
	if err := p.assess(ctx, s.measurer, saved); err != nil {
		return err
	}
	return applyPlan(ctx, s, p, textPage{w: opts.env.Stdout, width: outputWidth(opts.env)}, opts.env.Stderr, opts.format, opts.dryRun, opts.force)
}

// applyPlan saves the plan, unless it is refused or a dry run, and prints
// it to stdout, fitted to its width: the way goal apply and goal add
// --each/--every end.
func applyPlan(ctx context.Context, s *session, p *plan, stdout textPage, stderr io.Writer, f format, dryRun, force bool) error {
	refusal := p.refusal(func(line string) { tell(stderr, "error", "%s", line) }, force, dryRun)
	applied := false
	if refusal == nil && !dryRun {
		b, at := p.batch()
		if len(b.Writes) > 0 || len(b.Retire) > 0 {
			b.At = s.now
			if err := s.db.SaveGoals(ctx, b); err != nil {
				if errors.Is(err, store.ErrGoalHasChildren) {
					return withHint(fmt.Errorf("a goal to retire is still served: %w; nothing was changed", err),
						"give those goals another parent ('salesgoal goal edit ID --parent none'), or keep the row")
				}
				return err
			}
		}
		for i, j := range at {
			if j >= 0 {
				p.items[i].goal.ID, p.items[i].goal.ParentID = b.Writes[j].Goal.ID, b.Writes[j].Goal.ParentID
			}
		}
		applied = true
	}
	if err := writePlan(stdout, f, p, applied, dryRun); err != nil {
		return err
	}
	return refusal
}

// sheetPlan reads a sheet's rows into a plan against the saved goals:
// which goal each row stands for, what it changes, what is retired.
func sheetPlan(s *session, file, name string, lines []sheet.Line, saved []goal.Goal) (*plan, sheet.Problems) {
	gs, problems := sheetRows(s, file, name, lines)
	if len(problems) > 0 {
		return nil, problems
	}
	parents, problems := linkParents(file, lines, gs, saved)
	if len(problems) > 0 {
		return nil, problems
	}
	m := goal.Match(name, gs, saved)
	p := &plan{file: file, sheet: name}
	for _, i := range m.Retire {
		p.retire = append(p.retire, saved[i])
	}
	retired := map[int64]bool{}
	for _, g := range p.retire {
		retired[g.ID] = true
	}
	for i, g := range gs {
		it := &planItem{line: lines[i].Line, goal: g, parent: parents[i], chain: -1, remeasure: true}
		bad := func(format string, args ...any) {
			problems = append(problems, &sheet.Error{File: file, Line: lines[i].Line, Reason: fmt.Sprintf(format, args...)})
		}
		if ids := m.Ambiguous[i]; len(ids) > 0 {
			bad("%d saved goals ask for %s for %s over %s (%s): remove all but one ('salesgoal goal rm ID'), or name the row after one of them",
				len(ids), g.Metric, g.Scope, g.Period.Label, idList(ids))
		}
		if retired[g.ParentID] {
			bad("its parent %s is a goal this sheet retires: keep its row, or give this row another parent", idString(g.ParentID))
		}
		if j := m.Saved[i]; j >= 0 {
			it.was = &saved[j]
			it.goal, it.remeasure = changedGoal(saved[j], g)
		}
		p.items = append(p.items, it)
	}
	names := map[int64]string{} // a saved goal's, to name a parent in a change
	for _, g := range saved {
		names[g.ID] = g.Name
	}
	for i, it := range p.items {
		if it.was == nil {
			continue
		}
		parentNow := it.goal.ParentID
		if it.parent >= 0 {
			parentNow = p.items[it.parent].goal.ID
		}
		now := names[parentNow]
		if it.parent >= 0 && parentNow == 0 {
			now = p.items[it.parent].goal.Name
		}
		it.changes = goal.Changes(*it.was, it.goal, names[it.was.ParentID], now)
		it.moved = it.was.SheetRow != it.goal.SheetRow
		if it.parent >= 0 && parentNow != 0 {
			p.items[i].goal.ParentID = parentNow
		}
	}
	// A goal that stays may not be left serving a goal the sheet retires,
	// unless a row of the sheet gives it a parent of its own.
	rows := map[int64]bool{}
	for _, it := range p.items {
		if it.was != nil {
			rows[it.was.ID] = true
		}
	}
	for _, other := range saved {
		if retired[other.ParentID] && !retired[other.ID] && !rows[other.ID] {
			problems = append(problems, &sheet.Error{File: file, Line: 1, Reason: fmt.Sprintf(
				"the sheet no longer lists %s %q, but %s %q serves it: keep its row, or give %s another parent",
				idString(other.ParentID), names[other.ParentID], idString(other.ID), other.Name, idString(other.ID))})
		}
	}
	slices.SortStableFunc(problems, func(a, b *sheet.Error) int { return a.Line - b.Line })
	return p, problems
}

// changedGoal is saved goal was with what row g asks for: its name, tiers,
// note, baseline, parent and place in the sheet. remeasure is true when
// the baseline is chosen anew.
func changedGoal(was, g goal.Goal) (goal.Goal, bool) {
	ng := was
	ng.Name, ng.Target, ng.Commit, ng.Stretch, ng.Note = g.Name, g.Target, g.Commit, g.Stretch, g.Note
	ng.Sheet, ng.SheetRow, ng.ParentID = g.Sheet, g.SheetRow, g.ParentID
	if g.Baseline.Spec != was.Baseline.Spec {
		ng.Baseline = g.Baseline
		return ng, true
	}
	return ng, false
}
